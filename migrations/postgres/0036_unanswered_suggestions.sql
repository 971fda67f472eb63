-- The playbook's "suggestions not answered in time" signal lists a unit's suggestions with no
-- first response, not closed, whose response clock started before a day, oldest first. This
-- index holds exactly those suggestions, by unit and in that order (the clock is
-- `feedback::CLOCK_START`), so the signal reads its matches and no others: every answered or
-- closed suggestion of a unit's history used to be read and the rest sorted, on every playbook
-- page and every sweep. (SQLite's index has `closed_at` as a column instead: see its file. Here
-- `closed_at IS NULL` as a column would not count as fixed, and the rows would be sorted again.)
CREATE INDEX suggestions_unit_unanswered ON suggestions(unit_id, (COALESCE(found_at, received_at)), id)
    WHERE first_response_at IS NULL AND closed_at IS NULL;
