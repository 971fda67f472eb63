-- A member's claim kept between the pages of making it, so nothing typed is lost to an
-- interruption: one draft a person, as JSON of what was typed, gone once the claim is sent.
-- Covered by erasure (deleted) and by the person's own export.
CREATE TABLE claim_drafts (
    person_id BIGINT PRIMARY KEY REFERENCES people(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    data TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
