-- People listed by name on a Welsh page follow the Welsh alphabet (ll after l, ch after c…).
-- The key is written by the application beside the name (cairn_domain::people::welsh_sort_key);
-- rows from before this migration get theirs when the database is next migrated.
ALTER TABLE people ADD COLUMN sort_key_cy TEXT NOT NULL DEFAULT '';
CREATE INDEX people_organisation_sort_cy ON people(organisation_id, sort_key_cy, id);
