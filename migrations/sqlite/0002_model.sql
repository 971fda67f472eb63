-- The co-production model: each organisation's editable copy of the practices (versioned),
-- each unit's current status per practice, the append-only history of every change, and
-- baselines and assessment rounds with their frozen snapshots.

ALTER TABLE organisations ADD COLUMN model_threshold_percent INTEGER NOT NULL DEFAULT 80;
ALTER TABLE organisations ADD COLUMN publish_assessments BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE model_practices (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    code TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    title_cy TEXT NOT NULL,
    shows_en TEXT NOT NULL,
    shows_cy TEXT NOT NULL,
    built_in BOOLEAN NOT NULL,
    added_in_version INTEGER NOT NULL,
    retired_in_version INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (organisation_id, code)
);

-- One row per change to an organisation's model; the highest version is the current one.
CREATE TABLE model_changes (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    version INTEGER NOT NULL,
    practice_code TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('template', 'add', 'reword', 'retire')),
    title_en TEXT,
    title_cy TEXT,
    at INTEGER NOT NULL,
    actor_label TEXT NOT NULL,
    UNIQUE (organisation_id, version)
);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    practice_id INTEGER NOT NULL REFERENCES model_practices(id),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'planned', 'in_progress', 'in_place', 'not_applicable')),
    reason TEXT,
    evidence TEXT,
    owner_person_id INTEGER REFERENCES people(id),
    target_on TEXT,
    review_on TEXT,
    model_version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by_label TEXT NOT NULL,
    UNIQUE (unit_id, practice_id)
);
CREATE INDEX assessments_organisation ON assessments(organisation_id, unit_id);

CREATE TABLE assessment_history (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    practice_id INTEGER NOT NULL REFERENCES model_practices(id),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'planned', 'in_progress', 'in_place', 'not_applicable')),
    reason TEXT,
    evidence TEXT,
    owner_person_id INTEGER,
    target_on TEXT,
    review_on TEXT,
    model_version INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor_label TEXT NOT NULL
);
CREATE INDEX assessment_history_unit_practice ON assessment_history(unit_id, practice_id, at);

CREATE TABLE assessment_rounds (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('baseline', 'round')),
    name TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    opened_by_label TEXT NOT NULL,
    closed_at INTEGER,
    closed_by_label TEXT
);
CREATE INDEX assessment_rounds_organisation ON assessment_rounds(organisation_id, closed_at);

-- Frozen when a baseline is taken or a round is closed; never updated.
CREATE TABLE round_snapshots (
    round_id INTEGER NOT NULL REFERENCES assessment_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    practice_id INTEGER NOT NULL REFERENCES model_practices(id),
    level INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'planned', 'in_progress', 'in_place', 'not_applicable')),
    PRIMARY KEY (round_id, unit_id, practice_id)
);
CREATE INDEX round_snapshots_unit ON round_snapshots(unit_id, round_id);
