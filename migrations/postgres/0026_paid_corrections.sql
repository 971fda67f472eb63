-- Correcting a paid claim. A paid claim is never changed: finance records a correction, a new
-- claim for the same person holding reversing lines (negative amounts, each naming the line it
-- reverses), counted as approved by whoever recorded it. Someone else must authorise it, and it
-- is then paid (or recovered) in the next payment run like any claim. The existing unique index
-- on claim_lines(reverses_line_id) still lets a line be reversed only once, in any claim.
ALTER TABLE claims ADD COLUMN corrects_claim_id BIGINT REFERENCES claims(id);
CREATE INDEX claims_corrects ON claims(corrects_claim_id);
