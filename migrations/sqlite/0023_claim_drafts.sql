-- A member's claim kept between the pages of making it, so nothing typed is lost to an
-- interruption: one draft a person, as JSON of what was typed, gone once the claim is sent.
-- Covered by erasure (deleted) and by the person's own export.
CREATE TABLE claim_drafts (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    data TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
