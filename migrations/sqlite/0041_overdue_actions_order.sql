-- The overdue actions are listed a page at a time in the order due date, then id. SQLite's
-- index already ends with the row id; naming it keeps the index the same as PostgreSQL's.
DROP INDEX meeting_actions_organisation;
CREATE INDEX meeting_actions_organisation ON meeting_actions(organisation_id, status, due_on, id);
