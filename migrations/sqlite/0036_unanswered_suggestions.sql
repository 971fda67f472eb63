-- The playbook's "suggestions not answered in time" signal lists a unit's suggestions with no
-- first response, not closed, whose response clock started before a day, oldest first. This
-- index holds the suggestions with no first response by unit, then closed or not, then in that
-- order (the clock is `feedback::CLOCK_START`), so the signal reads its matches and no others:
-- every answered or closed suggestion of a unit's history used to be read and the rest sorted,
-- on every playbook page and every sweep. `closed_at` is a column, not part of the condition:
-- with SQLite's statistics, a partial index on `closed_at IS NULL` lost to an index on
-- (organisation_id, closed_at), whose statistics cannot tell that most `closed_at` are NULL.
CREATE INDEX suggestions_unit_unanswered ON suggestions(unit_id, closed_at, COALESCE(found_at, received_at), id)
    WHERE first_response_at IS NULL;
