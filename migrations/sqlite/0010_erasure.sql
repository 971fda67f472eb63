-- Erasing a person keeps their money records under a pseudonym ("Person 1042"). A claim line's
-- amounts, kind, note and time stay append-only; only who entered it (created_by_label, which
-- may be the erased person's e-mail address) may be rewritten, to the pseudonym.
DROP TRIGGER claim_lines_no_update;
CREATE TRIGGER claim_lines_no_update
BEFORE UPDATE OF id, claim_id, kind, category, miles_tenths, amount_pence, counts_as_income, is_fee, note, reverses_line_id, preapproved, created_at
ON claim_lines
BEGIN
    SELECT RAISE(ABORT, 'claim lines are append-only');
END;
