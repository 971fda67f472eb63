-- People and roles: each person's profile, consents and own level (with every decision to move
-- it), pathway steps, involvement roles with their descriptions, opportunities, expressions of
-- interest and their history, appointments with their checks, exit feedback, buddies and their
-- check-ins, arrivals on a unit with their welcome meeting, and staff recruitment panels.

-- The person's own words about what they bring and want, how they like to be contacted, and
-- what they have agreed to. Consents default to "no": nothing is shown until the person says yes.
ALTER TABLE people ADD COLUMN skills TEXT;
ALTER TABLE people ADD COLUMN interests TEXT;
ALTER TABLE people ADD COLUMN grow_areas TEXT;
ALTER TABLE people ADD COLUMN ask_me_about TEXT;
ALTER TABLE people ADD COLUMN contact_by TEXT CHECK (contact_by IN ('email', 'phone', 'letter', 'in_person', 'through_staff'));
ALTER TABLE people ADD COLUMN contact_note TEXT;
ALTER TABLE people ADD COLUMN consent_whos_who BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE people ADD COLUMN consent_photo BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE people ADD COLUMN consent_opportunities BOOLEAN NOT NULL DEFAULT FALSE;
-- Everyone starts at level 1, whatever their unit's level; it moves only by a recorded decision.
ALTER TABLE people ADD COLUMN level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3);
-- The date the person joined (a newcomer's buddy is due within 14 days of it).
ALTER TABLE people ADD COLUMN joined_on TEXT;
CREATE INDEX people_organisation_joined ON people(organisation_id, joined_on);

-- A photo, only for people who consented to one; removed when consent is withdrawn.
CREATE TABLE person_photos (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    bytes BLOB NOT NULL,
    uploaded_at INTEGER NOT NULL
);

-- Every decision to move a person's level, made with them. Append-only.
CREATE TABLE level_decisions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    from_level INTEGER NOT NULL CHECK (from_level BETWEEN 1 AND 3),
    to_level INTEGER NOT NULL CHECK (to_level BETWEEN 1 AND 3 AND to_level <> from_level),
    decided_on TEXT NOT NULL,
    decided_by_label TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX level_decisions_person ON level_decisions(person_id, id);

-- Steps on a person's pathway that are not recorded elsewhere: information given and a welcome
-- (level 1), training, practising a skill and shadowing someone in a role (level 2).
CREATE TABLE pathway_steps (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    step TEXT NOT NULL CHECK (step IN ('welcome', 'information', 'training', 'practice', 'shadowing')),
    done_on TEXT NOT NULL,
    note TEXT,
    recorded_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX pathway_steps_person ON pathway_steps(person_id, done_on);
CREATE INDEX pathway_steps_organisation ON pathway_steps(organisation_id, step, done_on);

-- An involvement role and its description, in both languages.
CREATE TABLE involvement_roles (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('buddy', 'interview_panel', 'co_facilitator', 'coordinator', 'forum_chair', 'strategy_group', 'other')),
    title_en TEXT NOT NULL,
    title_cy TEXT NOT NULL,
    purpose_en TEXT NOT NULL,
    purpose_cy TEXT NOT NULL,
    involves_en TEXT NOT NULL,
    involves_cy TEXT NOT NULL,
    time_en TEXT NOT NULL,
    time_cy TEXT NOT NULL,
    support_en TEXT NOT NULL,
    support_cy TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    payment TEXT NOT NULL CHECK (payment IN ('fee', 'payroll', 'expenses_only', 'voluntary')),
    -- A leadership role (chairing, coordinating, leading a group): L3.08.
    leadership BOOLEAN NOT NULL DEFAULT FALSE,
    needs_references BOOLEAN NOT NULL DEFAULT FALSE,
    needs_dbs BOOLEAN NOT NULL DEFAULT FALSE,
    needs_occupational_health BOOLEAN NOT NULL DEFAULT FALSE,
    -- Set when the description is published for people to read (L2.07).
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX involvement_roles_organisation ON involvement_roles(organisation_id, kind);

-- A role advertised on one unit (unit_id) or across the whole service (NULL).
CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    role_id INTEGER NOT NULL REFERENCES involvement_roles(id),
    unit_id INTEGER REFERENCES units(id),
    note_en TEXT,
    note_cy TEXT,
    opened_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    withdrawn_at INTEGER,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX opportunities_organisation_closes ON opportunities(organisation_id, closes_on);
CREATE INDEX opportunities_unit ON opportunities(unit_id, closes_on);

-- "I'm interested": one per person per opportunity, moving received -> talked -> offered ->
-- appointed, or ending "not this time" with feedback the person can read.
CREATE TABLE interests (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    status TEXT NOT NULL CHECK (status IN ('received', 'talked', 'offered', 'appointed', 'not_this_time')),
    message TEXT,
    feedback TEXT,
    -- Who said it: the person themselves, or staff with them (recorded as such).
    entered_by_label TEXT NOT NULL,
    on_behalf BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (status <> 'not_this_time' OR feedback IS NOT NULL),
    UNIQUE (opportunity_id, person_id)
);
CREATE INDEX interests_person ON interests(person_id);

-- Every move of an expression of interest. Append-only.
CREATE TABLE interest_events (
    id INTEGER PRIMARY KEY,
    interest_id INTEGER NOT NULL REFERENCES interests(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT,
    by_label TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX interest_events_interest ON interest_events(interest_id, id);

-- A person holding a role, from a start date to an end date (open while NULL). The checks the
-- role needs are a checklist per appointment.
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    role_id INTEGER NOT NULL REFERENCES involvement_roles(id),
    unit_id INTEGER REFERENCES units(id),
    interest_id INTEGER REFERENCES interests(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    references_on TEXT,
    dbs_on TEXT,
    occupational_health_on TEXT,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX appointments_person ON appointments(person_id, starts_on);
CREATE INDEX appointments_organisation_role ON appointments(organisation_id, role_id);
-- One appointment from one expression of interest, however the appointing races.
CREATE UNIQUE INDEX appointments_interest ON appointments(interest_id) WHERE interest_id IS NOT NULL;

-- Exit feedback: stepping down from one role (appointment_id) or leaving (NULL). Reasons are
-- keys from a fixed list, one per line.
CREATE TABLE exits (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    appointment_id INTEGER REFERENCES appointments(id),
    left_on TEXT NOT NULL,
    reasons TEXT NOT NULL,
    own_words TEXT,
    stay_in_touch TEXT NOT NULL CHECK (stay_in_touch IN ('no', 'buddy', 'mentor', 'adviser')),
    entered_by_label TEXT NOT NULL,
    on_behalf BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX exits_organisation_left ON exits(organisation_id, left_on);
CREATE INDEX exits_person ON exits(person_id);

-- A newcomer paired with a buddy (a member holding the buddy role).
CREATE TABLE buddy_pairings (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    newcomer_id INTEGER NOT NULL REFERENCES people(id),
    buddy_id INTEGER NOT NULL REFERENCES people(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (newcomer_id <> buddy_id),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX buddy_pairings_newcomer ON buddy_pairings(newcomer_id, starts_on);
CREATE INDEX buddy_pairings_buddy ON buddy_pairings(buddy_id);
-- A newcomer has at most one open pairing at a time.
CREATE UNIQUE INDEX buddy_pairings_one_open ON buddy_pairings(newcomer_id) WHERE ends_on IS NULL;

CREATE TABLE buddy_checkins (
    id INTEGER PRIMARY KEY,
    pairing_id INTEGER NOT NULL REFERENCES buddy_pairings(id),
    held_on TEXT NOT NULL,
    note TEXT,
    recorded_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX buddy_checkins_pairing ON buddy_checkins(pairing_id, held_on);

-- A new arrival on a unit: a date only, no names or clinical details. Whether a welcome or
-- family-liaison meeting was offered, accepted and held, with dates (L1.09).
CREATE TABLE arrivals (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    arrived_on TEXT NOT NULL,
    offered_on TEXT,
    accepted_on TEXT,
    declined_on TEXT,
    held_on TEXT,
    recorded_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX arrivals_unit_arrived ON arrivals(unit_id, arrived_on);
CREATE INDEX arrivals_organisation_arrived ON arrivals(organisation_id, arrived_on);

-- A staff recruitment process (L3.04): the post and who sat on each stage.
CREATE TABLE recruitment_processes (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER REFERENCES units(id),
    post TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX recruitment_processes_organisation ON recruitment_processes(organisation_id, opened_on);

CREATE TABLE recruitment_panel (
    process_id INTEGER NOT NULL REFERENCES recruitment_processes(id),
    stage TEXT NOT NULL CHECK (stage IN ('job_description', 'shortlisting', 'interview')),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (process_id, stage, person_id)
);
