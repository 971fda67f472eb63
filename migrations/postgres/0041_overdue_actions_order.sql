-- The overdue actions are listed a page at a time in the order due date, then id. With the id
-- in the index, a page is read in that order straight from it; PostgreSQL otherwise keeps equal
-- due dates in the order the rows lie in the table and sorts every match to find a page.
DROP INDEX meeting_actions_organisation;
CREATE INDEX meeting_actions_organisation ON meeting_actions(organisation_id, status, due_on, id);
