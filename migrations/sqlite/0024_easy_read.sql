-- A member who reads Easy Read has their suggestion, opportunities, claims and "what Cairn holds
-- about me" pages shown in Easy Read. The choice belongs to the sign-in, beside its language
-- (`locale`): it is how that person's pages are written, it is read with the session at no extra
-- cost, and erasing the person clears it with the rest of the account.
ALTER TABLE users ADD COLUMN easy_read BOOLEAN NOT NULL DEFAULT FALSE;
