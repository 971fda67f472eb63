-- Retention: how long each organisation keeps what it no longer needs. The background worker
-- applies it once a day; an organisation without a row keeps the defaults (in cairn-app's
-- retention module). Months for most records; payment records in whole years after the end
-- of the tax year they belong to (at least 3, six by default).
CREATE TABLE retention_policies (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
    left_people_months BIGINT NOT NULL CHECK (left_people_months BETWEEN 1 AND 120),
    exit_feedback_months BIGINT NOT NULL CHECK (exit_feedback_months BETWEEN 1 AND 120),
    suggestion_contact_months BIGINT NOT NULL CHECK (suggestion_contact_months BETWEEN 1 AND 120),
    audit_months BIGINT NOT NULL CHECK (audit_months BETWEEN 12 AND 120),
    payment_years BIGINT NOT NULL CHECK (payment_years BETWEEN 3 AND 10),
    updated_at BIGINT NOT NULL,
    updated_by_label TEXT NOT NULL
);

-- When a person was erased (by an administrator or by retention), so retention does not erase
-- them twice and the record can say so.
ALTER TABLE people ADD COLUMN erased_at BIGINT;

-- Money lines stay append-only, except that retention removes a whole finished claim (paid or
-- rejected) once its tax year is past the retention period. The retention job names the claim
-- here, in the same transaction, before removing its lines, and empties the table afterwards.
CREATE TABLE claim_line_releases (
    claim_id BIGINT PRIMARY KEY REFERENCES claims(id)
);
CREATE FUNCTION claim_lines_delete_guard() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM claim_line_releases r JOIN claims c ON c.id = r.claim_id
        WHERE r.claim_id = OLD.claim_id AND c.status IN ('paid', 'rejected')
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'claim lines are append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER claim_lines_no_delete ON claim_lines;
CREATE TRIGGER claim_lines_no_delete BEFORE DELETE ON claim_lines
FOR EACH ROW EXECUTE FUNCTION claim_lines_delete_guard();
