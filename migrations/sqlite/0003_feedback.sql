-- The feedback loop: each organisation's statuses, suggestions with their public wording and
-- response, an append-only history of every event, links to model practices, and ward kiosks.

ALTER TABLE organisations ADD COLUMN feedback_target_days INTEGER NOT NULL DEFAULT 14;

CREATE TABLE feedback_statuses (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    key TEXT NOT NULL,
    label_en TEXT NOT NULL,
    label_cy TEXT NOT NULL,
    rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
    closed BOOLEAN NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (organisation_id, key)
);

CREATE TABLE kiosks (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER REFERENCES units(id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'kiosk', 'box', 'meeting', 'survey')),
    text TEXT NOT NULL,
    public_text TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('pending', 'published', 'private')),
    anonymous BOOLEAN NOT NULL,
    contact TEXT,
    contact_language TEXT NOT NULL CHECK (contact_language IN ('en', 'cy')),
    submitted_by_user_id INTEGER REFERENCES users(id),
    entered_by_label TEXT,
    kiosk_id INTEGER REFERENCES kiosks(id),
    found_on TEXT,
    status TEXT NOT NULL,
    owner_user_id INTEGER REFERENCES users(id),
    received_at INTEGER NOT NULL,
    first_response_at INTEGER,
    closed_at INTEGER,
    public_response TEXT,
    needs_forum BOOLEAN NOT NULL DEFAULT FALSE,
    forum_decision TEXT CHECK (forum_decision IN ('approved', 'not_approved', 'deferred')),
    forum_decided_on TEXT,
    forum_meeting TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX suggestions_organisation_received ON suggestions(organisation_id, received_at, id);
CREATE INDEX suggestions_unit ON suggestions(unit_id, visibility, closed_at);
CREATE INDEX suggestions_kiosk ON suggestions(kiosk_id, received_at);

CREATE TABLE suggestion_events (
    id INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    at INTEGER NOT NULL,
    actor_label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('received', 'status', 'update', 'published', 'kept_private', 'owner', 'forum', 'practices')),
    from_status TEXT,
    to_status TEXT,
    note TEXT
);
CREATE INDEX suggestion_events_suggestion ON suggestion_events(suggestion_id, at, id);

CREATE TABLE suggestion_practices (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    practice_code TEXT NOT NULL,
    PRIMARY KEY (suggestion_id, practice_code)
);
CREATE INDEX suggestions_organisation_closed ON suggestions(organisation_id, closed_at);
-- The staff list pages newest first, within an organisation or a unit.
CREATE INDEX suggestions_organisation_id ON suggestions(organisation_id, id);
CREATE INDEX suggestions_unit_id ON suggestions(unit_id, id);
