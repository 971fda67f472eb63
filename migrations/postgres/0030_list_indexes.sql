-- List pages read an index range of about one page rather than the organisation's rows.

-- A unit's people in name order: each membership carries its person's name and Welsh sort key,
-- so the list reads the unit's range of one index in order and stops after a page, where it
-- used to check every person of the organisation. Triggers keep the copies equal to the
-- person's own columns whoever writes them.
ALTER TABLE person_units ADD COLUMN chosen_name TEXT NOT NULL DEFAULT '';
ALTER TABLE person_units ADD COLUMN sort_key_cy TEXT NOT NULL DEFAULT '';
UPDATE person_units pu SET chosen_name = p.chosen_name, sort_key_cy = p.sort_key_cy
    FROM people p WHERE p.id = pu.person_id;
CREATE INDEX person_units_unit_name ON person_units(unit_id, chosen_name, person_id);
CREATE INDEX person_units_unit_sort_cy ON person_units(unit_id, sort_key_cy, person_id);
CREATE FUNCTION person_units_names() RETURNS trigger AS $$
BEGIN
    -- A missing person is left to the foreign key to refuse.
    NEW.chosen_name := COALESCE((SELECT p.chosen_name FROM people p WHERE p.id = NEW.person_id), '');
    NEW.sort_key_cy := COALESCE((SELECT p.sort_key_cy FROM people p WHERE p.id = NEW.person_id), '');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER person_units_names_on_insert BEFORE INSERT ON person_units
    FOR EACH ROW EXECUTE FUNCTION person_units_names();
CREATE FUNCTION people_names_to_units() RETURNS trigger AS $$
BEGIN
    UPDATE person_units SET chosen_name = NEW.chosen_name, sort_key_cy = NEW.sort_key_cy
        WHERE person_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_names_to_units AFTER UPDATE OF chosen_name, sort_key_cy ON people
    FOR EACH ROW EXECUTE FUNCTION people_names_to_units();

-- Suggestions of a unit with one status, newest first.
CREATE INDEX suggestions_unit_status_id ON suggestions(unit_id, status, id);

-- Claims newest first, of the organisation or of a unit.
CREATE INDEX claims_organisation_id ON claims(organisation_id, id);
CREATE INDEX claims_unit_id ON claims(unit_id, id);

-- Lists ordered by a time and then the id read those indexes in order only when the id ends
-- them (SQLite's indexes end in the row id already, so its copies stay as they are).
DROP INDEX suggestions_unit;
CREATE INDEX suggestions_unit ON suggestions(unit_id, visibility, closed_at, id);
DROP INDEX suggestions_organisation_closed;
CREATE INDEX suggestions_organisation_closed ON suggestions(organisation_id, closed_at, id);
DROP INDEX meetings_organisation_starts;
CREATE INDEX meetings_organisation_starts ON meetings(organisation_id, starts_at, id);
DROP INDEX meetings_group_starts;
CREATE INDEX meetings_group_starts ON meetings(group_id, starts_at, id);
