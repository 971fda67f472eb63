-- List pages read an index range of about one page rather than the organisation's rows.

-- A unit's people in name order: each membership carries its person's name and Welsh sort key,
-- so the list reads the unit's range of one index in order and stops after a page, where it
-- used to check every person of the organisation. Triggers keep the copies equal to the
-- person's own columns whoever writes them.
ALTER TABLE person_units ADD COLUMN chosen_name TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN sort_key_cy TEXT NOT NULL DEFAULT '';
UPDATE person_units SET
    chosen_name = (SELECT p.chosen_name FROM people p WHERE p.id = person_units.person_id),
    sort_key_cy = (SELECT p.sort_key_cy FROM people p WHERE p.id = person_units.person_id);
CREATE INDEX person_units_unit_name ON person_units(unit_id, chosen_name, person_id);
CREATE INDEX person_units_unit_sort_cy ON person_units(unit_id, sort_key_cy, person_id);
CREATE TRIGGER person_units_names_on_insert AFTER INSERT ON person_units
BEGIN
    UPDATE person_units SET
        chosen_name = (SELECT p.chosen_name FROM people p WHERE p.id = NEW.person_id),
        sort_key_cy = (SELECT p.sort_key_cy FROM people p WHERE p.id = NEW.person_id)
    WHERE person_id = NEW.person_id AND unit_id = NEW.unit_id;
END;
CREATE TRIGGER people_names_to_units AFTER UPDATE OF chosen_name, sort_key_cy ON people
BEGIN
    UPDATE person_units SET chosen_name = NEW.chosen_name, sort_key_cy = NEW.sort_key_cy
    WHERE person_id = NEW.id;
END;

-- Suggestions of a unit with one status, newest first.
CREATE INDEX suggestions_unit_status_id ON suggestions(unit_id, status, id);

-- Claims newest first, of the organisation or of a unit.
CREATE INDEX claims_organisation_id ON claims(organisation_id, id);
CREATE INDEX claims_unit_id ON claims(unit_id, id);
