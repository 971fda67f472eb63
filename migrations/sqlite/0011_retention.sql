-- Retention: how long each organisation keeps what it no longer needs. The background worker
-- applies it once a day; an organisation without a row keeps the defaults (in cairn-app's
-- retention module). Months for most records; payment records in whole years after the end
-- of the tax year they belong to (at least 3, six by default).
CREATE TABLE retention_policies (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
    left_people_months INTEGER NOT NULL CHECK (left_people_months BETWEEN 1 AND 120),
    exit_feedback_months INTEGER NOT NULL CHECK (exit_feedback_months BETWEEN 1 AND 120),
    suggestion_contact_months INTEGER NOT NULL CHECK (suggestion_contact_months BETWEEN 1 AND 120),
    audit_months INTEGER NOT NULL CHECK (audit_months BETWEEN 12 AND 120),
    payment_years INTEGER NOT NULL CHECK (payment_years BETWEEN 3 AND 10),
    updated_at INTEGER NOT NULL,
    updated_by_label TEXT NOT NULL
);

-- When a person was erased (by an administrator or by retention), so retention does not erase
-- them twice and the record can say so.
ALTER TABLE people ADD COLUMN erased_at INTEGER;

-- Money lines stay append-only, except that retention removes a whole finished claim (paid or
-- rejected) once its tax year is past the retention period. The retention job names the claim
-- here, in the same transaction, before removing its lines, and empties the table afterwards.
CREATE TABLE claim_line_releases (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id)
);
DROP TRIGGER claim_lines_no_delete;
CREATE TRIGGER claim_lines_no_delete BEFORE DELETE ON claim_lines
WHEN NOT EXISTS (
    SELECT 1 FROM claim_line_releases r JOIN claims c ON c.id = r.claim_id
    WHERE r.claim_id = OLD.claim_id AND c.status IN ('paid', 'rejected')
)
BEGIN
    SELECT RAISE(ABORT, 'claim lines are append-only');
END;
