-- Accounts that can be stopped: sessions with an absolute end as well as an idle one, tokens
-- that expire, sign-in limits kept as one counter per key (so counting and checking are one
-- atomic step), and single-use links to choose a new password.

-- A session ends at its absolute end however active it is (12 hours after sign-in by default),
-- besides the sliding idle end in expires_at. Sessions from before get 12 hours from sign-in.
ALTER TABLE sessions ADD COLUMN ends_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET ends_at = created_at + 43200000;
-- When the session was last used, for the account page's list of sessions.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

-- Tokens expire at a time chosen when they are made (90 days by default, at most a year).
-- Tokens from before get 90 days from now's migration.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT + 7776000000;

-- One row per throttle key: `acct:<email>` for an account from anywhere, and
-- `pair:<email>|<address>` for an account from one address. The counter is raised before the
-- password is checked, in the same statement that reads it, so attempts sent at once cannot all
-- pass a check that each saw before the others counted.
DROP TABLE login_failures;
CREATE TABLE sign_in_limits (
    throttle_key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
);

-- A link to choose a new password: single use, short-lived. Made by the person ("forgotten
-- password", sent by e-mail) or by an administrator who hands it over.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    made_by_user_id BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- When an account was disabled, for the administrator's list.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
