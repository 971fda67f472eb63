-- Guiding principles: each organisation's versions (both languages, and Easy Read), each
-- dated with what changed and whether the change is material, and who has acknowledged which
-- version. An acknowledgement is never changed.

CREATE TABLE principles_versions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    text_en TEXT NOT NULL,
    text_cy TEXT NOT NULL,
    easy_en TEXT NOT NULL DEFAULT '',
    easy_cy TEXT NOT NULL DEFAULT '',
    change_note TEXT NOT NULL,
    material BOOLEAN NOT NULL,
    published_on TEXT NOT NULL,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (organisation_id, version)
);

CREATE TABLE principles_acknowledgements (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    version_id INTEGER NOT NULL REFERENCES principles_versions(id),
    acknowledged_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, version_id)
);
CREATE INDEX principles_acknowledgements_version ON principles_acknowledgements(version_id);
CREATE TRIGGER principles_acknowledgements_no_update BEFORE UPDATE ON principles_acknowledgements
BEGIN
    SELECT RAISE(ABORT, 'an acknowledgement is never changed');
END;
