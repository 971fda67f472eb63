-- A unit's self-assessment counts cost the same whether the unit has had a hundred suggestions
-- or a hundred thousand, and fifty people or five hundred: what those counts would read row by
-- row is kept as the data changes, by triggers, whoever writes it, in the writer's transaction.
-- Counts and copies of a person's own columns only: nothing here is new about anyone.

-- Per unit: its suggestions closed, closed with a public response, needing a forum decision,
-- and with one recorded. A row exists once the unit has had a suggestion. Each trigger takes
-- away the old row's part and adds the new row's, so any change keeps the sums exact.
CREATE TABLE unit_suggestion_tallies (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    closed INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    needing_forum INTEGER NOT NULL DEFAULT 0,
    forum_decided INTEGER NOT NULL DEFAULT 0
);
INSERT INTO unit_suggestion_tallies (unit_id, closed, answered, needing_forum, forum_decided)
SELECT unit_id,
    SUM(CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN closed_at IS NOT NULL AND public_response IS NOT NULL AND public_response <> '' THEN 1 ELSE 0 END),
    SUM(CASE WHEN needs_forum THEN 1 ELSE 0 END),
    SUM(CASE WHEN needs_forum AND forum_decision IS NOT NULL THEN 1 ELSE 0 END)
FROM suggestions WHERE unit_id IS NOT NULL GROUP BY unit_id;

CREATE TRIGGER suggestions_tally_insert AFTER INSERT ON suggestions WHEN NEW.unit_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO unit_suggestion_tallies (unit_id) VALUES (NEW.unit_id);
    UPDATE unit_suggestion_tallies SET
        closed = closed + (CASE WHEN NEW.closed_at IS NOT NULL THEN 1 ELSE 0 END),
        answered = answered + (CASE WHEN NEW.closed_at IS NOT NULL AND NEW.public_response IS NOT NULL AND NEW.public_response <> '' THEN 1 ELSE 0 END),
        needing_forum = needing_forum + (CASE WHEN NEW.needs_forum THEN 1 ELSE 0 END),
        forum_decided = forum_decided + (CASE WHEN NEW.needs_forum AND NEW.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
    WHERE unit_id = NEW.unit_id;
END;

CREATE TRIGGER suggestions_tally_delete AFTER DELETE ON suggestions WHEN OLD.unit_id IS NOT NULL
BEGIN
    UPDATE unit_suggestion_tallies SET
        closed = closed - (CASE WHEN OLD.closed_at IS NOT NULL THEN 1 ELSE 0 END),
        answered = answered - (CASE WHEN OLD.closed_at IS NOT NULL AND OLD.public_response IS NOT NULL AND OLD.public_response <> '' THEN 1 ELSE 0 END),
        needing_forum = needing_forum - (CASE WHEN OLD.needs_forum THEN 1 ELSE 0 END),
        forum_decided = forum_decided - (CASE WHEN OLD.needs_forum AND OLD.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
    WHERE unit_id = OLD.unit_id;
END;

CREATE TRIGGER suggestions_tally_update
AFTER UPDATE OF unit_id, closed_at, public_response, needs_forum, forum_decision ON suggestions
BEGIN
    UPDATE unit_suggestion_tallies SET
        closed = closed - (CASE WHEN OLD.closed_at IS NOT NULL THEN 1 ELSE 0 END),
        answered = answered - (CASE WHEN OLD.closed_at IS NOT NULL AND OLD.public_response IS NOT NULL AND OLD.public_response <> '' THEN 1 ELSE 0 END),
        needing_forum = needing_forum - (CASE WHEN OLD.needs_forum THEN 1 ELSE 0 END),
        forum_decided = forum_decided - (CASE WHEN OLD.needs_forum AND OLD.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
    WHERE unit_id = OLD.unit_id;
    INSERT OR IGNORE INTO unit_suggestion_tallies (unit_id) SELECT NEW.unit_id WHERE NEW.unit_id IS NOT NULL;
    UPDATE unit_suggestion_tallies SET
        closed = closed + (CASE WHEN NEW.closed_at IS NOT NULL THEN 1 ELSE 0 END),
        answered = answered + (CASE WHEN NEW.closed_at IS NOT NULL AND NEW.public_response IS NOT NULL AND NEW.public_response <> '' THEN 1 ELSE 0 END),
        needing_forum = needing_forum + (CASE WHEN NEW.needs_forum THEN 1 ELSE 0 END),
        forum_decided = forum_decided + (CASE WHEN NEW.needs_forum AND NEW.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
    WHERE unit_id = NEW.unit_id;
END;

-- Each membership carries its person's constituency, status and whether they have written
-- down interests (not the interests), as it already carries their name (migration 0030): a
-- unit's counts of active service users and carers with interests, or of people who have moved
-- on, then read the unit's range of one index instead of every member's row.
ALTER TABLE person_units ADD COLUMN person_constituency TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN person_status TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN person_has_interests BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE person_units SET
    person_constituency = (SELECT p.constituency FROM people p WHERE p.id = person_units.person_id),
    person_status = (SELECT p.status FROM people p WHERE p.id = person_units.person_id),
    person_has_interests = (SELECT p.interests IS NOT NULL FROM people p WHERE p.id = person_units.person_id);
CREATE INDEX person_units_unit_standing
    ON person_units(unit_id, person_status, person_constituency, person_has_interests);
CREATE TRIGGER person_units_standing_on_insert AFTER INSERT ON person_units
BEGIN
    UPDATE person_units SET
        person_constituency = (SELECT p.constituency FROM people p WHERE p.id = NEW.person_id),
        person_status = (SELECT p.status FROM people p WHERE p.id = NEW.person_id),
        person_has_interests = (SELECT p.interests IS NOT NULL FROM people p WHERE p.id = NEW.person_id)
    WHERE person_id = NEW.person_id AND unit_id = NEW.unit_id;
END;
CREATE TRIGGER people_standing_to_units AFTER UPDATE OF constituency, status, interests ON people
BEGIN
    UPDATE person_units SET
        person_constituency = NEW.constituency,
        person_status = NEW.status,
        person_has_interests = (NEW.interests IS NOT NULL)
    WHERE person_id = NEW.id;
END;
