-- A unit's self-assessment counts cost the same whether the unit has had a hundred suggestions
-- or a hundred thousand, and fifty people or five hundred: what those counts would read row by
-- row is kept as the data changes, by triggers, whoever writes it, in the writer's transaction.
-- Counts and copies of a person's own columns only: nothing here is new about anyone.

-- Per unit: its suggestions closed, closed with a public response, needing a forum decision,
-- and with one recorded. A row exists once the unit has had a suggestion. The trigger takes
-- away the old row's part and adds the new row's, so any change keeps the sums exact; the
-- upsert's row lock makes concurrent writers to one unit take turns.
CREATE TABLE unit_suggestion_tallies (
    unit_id BIGINT PRIMARY KEY REFERENCES units(id),
    closed BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    needing_forum BIGINT NOT NULL DEFAULT 0,
    forum_decided BIGINT NOT NULL DEFAULT 0
);
INSERT INTO unit_suggestion_tallies (unit_id, closed, answered, needing_forum, forum_decided)
SELECT unit_id,
    SUM(CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN closed_at IS NOT NULL AND public_response IS NOT NULL AND public_response <> '' THEN 1 ELSE 0 END),
    SUM(CASE WHEN needs_forum THEN 1 ELSE 0 END),
    SUM(CASE WHEN needs_forum AND forum_decision IS NOT NULL THEN 1 ELSE 0 END)
FROM suggestions WHERE unit_id IS NOT NULL GROUP BY unit_id;

CREATE FUNCTION suggestion_tallies() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.unit_id IS NOT NULL THEN
            UPDATE unit_suggestion_tallies SET
                closed = closed - (CASE WHEN OLD.closed_at IS NOT NULL THEN 1 ELSE 0 END),
                answered = answered - (CASE WHEN OLD.closed_at IS NOT NULL AND OLD.public_response IS NOT NULL AND OLD.public_response <> '' THEN 1 ELSE 0 END),
                needing_forum = needing_forum - (CASE WHEN OLD.needs_forum THEN 1 ELSE 0 END),
                forum_decided = forum_decided - (CASE WHEN OLD.needs_forum AND OLD.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
            WHERE unit_id = OLD.unit_id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.unit_id IS NOT NULL THEN
            INSERT INTO unit_suggestion_tallies AS t (unit_id, closed, answered, needing_forum, forum_decided)
            VALUES (NEW.unit_id,
                CASE WHEN NEW.closed_at IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN NEW.closed_at IS NOT NULL AND NEW.public_response IS NOT NULL AND NEW.public_response <> '' THEN 1 ELSE 0 END,
                CASE WHEN NEW.needs_forum THEN 1 ELSE 0 END,
                CASE WHEN NEW.needs_forum AND NEW.forum_decision IS NOT NULL THEN 1 ELSE 0 END)
            ON CONFLICT (unit_id) DO UPDATE SET
                closed = t.closed + EXCLUDED.closed,
                answered = t.answered + EXCLUDED.answered,
                needing_forum = t.needing_forum + EXCLUDED.needing_forum,
                forum_decided = t.forum_decided + EXCLUDED.forum_decided;
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER suggestions_tally
AFTER INSERT OR DELETE OR UPDATE OF unit_id, closed_at, public_response, needs_forum, forum_decision ON suggestions
    FOR EACH ROW EXECUTE FUNCTION suggestion_tallies();

-- Each membership carries its person's constituency, status and whether they have written
-- down interests (not the interests), as it already carries their name (migration 0030): a
-- unit's counts of active service users and carers with interests, or of people who have moved
-- on, then read the unit's range of one index instead of every member's row.
ALTER TABLE person_units ADD COLUMN person_constituency TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN person_status TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN person_has_interests BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE person_units pu SET person_constituency = p.constituency, person_status = p.status,
    person_has_interests = (p.interests IS NOT NULL)
    FROM people p WHERE p.id = pu.person_id;
CREATE INDEX person_units_unit_standing
    ON person_units(unit_id, person_status, person_constituency, person_has_interests);
CREATE FUNCTION person_units_standing() RETURNS trigger AS $$
BEGIN
    -- A missing person is left to the foreign key to refuse.
    SELECT p.constituency, p.status, p.interests IS NOT NULL
        INTO NEW.person_constituency, NEW.person_status, NEW.person_has_interests
        FROM people p WHERE p.id = NEW.person_id;
    NEW.person_constituency := COALESCE(NEW.person_constituency, '');
    NEW.person_status := COALESCE(NEW.person_status, '');
    NEW.person_has_interests := COALESCE(NEW.person_has_interests, FALSE);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER person_units_standing_on_insert BEFORE INSERT ON person_units
    FOR EACH ROW EXECUTE FUNCTION person_units_standing();
CREATE FUNCTION people_standing_to_units() RETURNS trigger AS $$
BEGIN
    UPDATE person_units SET person_constituency = NEW.constituency, person_status = NEW.status,
        person_has_interests = (NEW.interests IS NOT NULL)
        WHERE person_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_standing_to_units AFTER UPDATE OF constituency, status, interests ON people
    FOR EACH ROW EXECUTE FUNCTION people_standing_to_units();
