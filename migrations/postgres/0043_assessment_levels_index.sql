-- The service-wide view counts every unit's practices by level and status in one read of the
-- organisation's assessments. With the status and practice in the index, that read never
-- visits the table (about 700 rows at board scale, each a lookup before). The index it
-- replaces was this one's first two columns, so every query that used it can use this.
CREATE INDEX assessments_levels ON assessments(organisation_id, unit_id, practice_id, status);
DROP INDEX assessments_organisation;
