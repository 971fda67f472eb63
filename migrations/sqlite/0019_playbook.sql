-- The playbook: the paper's challenges raised on a unit by signals in Cairn's own data.

-- An organisation's own threshold for a signal (the built-in default applies without one).
CREATE TABLE playbook_thresholds (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    signal TEXT NOT NULL,
    threshold INTEGER NOT NULL CHECK (threshold >= 0),
    updated_by_label TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, signal)
);

-- A challenge raised on a unit: open while `cleared_at` is empty, kept afterwards as history.
-- `signals` lists the keys that fired and their figures (`key=value,…`): counts only, never
-- who; the people behind a figure are looked up afresh, for those allowed to see them.
CREATE TABLE playbook_raised (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    challenge TEXT NOT NULL,
    signals TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    cleared_at INTEGER
);
-- One open row per unit and challenge, whichever instance evaluates it first.
CREATE UNIQUE INDEX playbook_raised_open ON playbook_raised(unit_id, challenge) WHERE cleared_at IS NULL;
CREATE INDEX playbook_raised_organisation ON playbook_raised(organisation_id, cleared_at);

-- What a lead takes on for a challenge on a unit, and how it was closed.
CREATE TABLE playbook_actions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    challenge TEXT NOT NULL,
    raised_id INTEGER REFERENCES playbook_raised(id),
    text TEXT NOT NULL,
    owner_person_id INTEGER REFERENCES people(id),
    due_on TEXT NOT NULL,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    closed_at INTEGER,
    closed_note TEXT,
    closed_by_label TEXT
);
CREATE INDEX playbook_actions_unit ON playbook_actions(unit_id, challenge, closed_at);
CREATE INDEX playbook_actions_owner ON playbook_actions(owner_person_id);

-- An organisation's own challenges and advice, in both languages.
CREATE TABLE playbook_challenges (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title_en TEXT NOT NULL,
    title_cy TEXT NOT NULL,
    advice_en TEXT NOT NULL,
    advice_cy TEXT NOT NULL,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX playbook_challenges_organisation ON playbook_challenges(organisation_id, id);
