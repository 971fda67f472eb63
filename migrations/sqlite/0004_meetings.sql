-- Meetings and representation: groups with terms of reference and a representation rule,
-- meetings with arrangements and an agenda, replies and attendance per person (with the
-- constituency they had at the time), decisions and actions.

CREATE TABLE meeting_groups (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    -- NULL: a service-wide group (strategy group, forum).
    unit_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('strategy', 'forum', 'community', 'team_building', 'other')),
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL,
    usual_place TEXT,
    usual_time TEXT,
    role_en TEXT,
    role_cy TEXT,
    remit_en TEXT,
    remit_cy TEXT,
    relationships_en TEXT,
    relationships_cy TEXT,
    responsibility_en TEXT,
    responsibility_cy TEXT,
    -- The representation rule: the fewest people of each constituency a meeting needs.
    min_service_user INTEGER NOT NULL DEFAULT 1 CHECK (min_service_user >= 0),
    min_carer INTEGER NOT NULL DEFAULT 1 CHECK (min_carer >= 0),
    min_staff INTEGER NOT NULL DEFAULT 0 CHECK (min_staff >= 0),
    min_third_sector INTEGER NOT NULL DEFAULT 0 CHECK (min_third_sector >= 0),
    min_manager INTEGER NOT NULL DEFAULT 0 CHECK (min_manager >= 0),
    -- The group's own standing items, one per line, after the two every meeting carries.
    standing_items TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meeting_groups_organisation ON meeting_groups(organisation_id, unit_id);

CREATE TABLE meeting_group_members (
    group_id INTEGER NOT NULL REFERENCES meeting_groups(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX meeting_group_members_person ON meeting_group_members(person_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    group_id INTEGER NOT NULL REFERENCES meeting_groups(id),
    -- The group's unit, copied so reports by unit need no join.
    unit_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    -- The local month (YYYY-MM) the meeting starts in, for reports by month and quarter.
    month TEXT NOT NULL,
    place TEXT,
    online_link TEXT,
    arrangements TEXT NOT NULL DEFAULT '',
    minutes TEXT,
    others_count INTEGER NOT NULL DEFAULT 0 CHECK (others_count >= 0),
    -- The rule's minimums in constituency order, as used for `representation_met`.
    rule TEXT NOT NULL,
    -- Set when attendance is recorded: the meeting took place.
    attended_at INTEGER,
    representation_met BOOLEAN,
    n_service_user INTEGER NOT NULL DEFAULT 0,
    n_carer INTEGER NOT NULL DEFAULT 0,
    n_staff INTEGER NOT NULL DEFAULT 0,
    n_third_sector INTEGER NOT NULL DEFAULT 0,
    n_manager INTEGER NOT NULL DEFAULT 0,
    -- Whether the agenda carried the service-user and carer item (L1.05).
    issues_item BOOLEAN NOT NULL DEFAULT TRUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    cancelled_at INTEGER,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_organisation_month ON meetings(organisation_id, month);
CREATE INDEX meetings_group_starts ON meetings(group_id, starts_at);
CREATE INDEX meetings_unit_month ON meetings(unit_id, month);
CREATE INDEX meetings_organisation_starts ON meetings(organisation_id, starts_at);

CREATE TABLE meeting_people (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    -- The person's constituency when they replied or were recorded.
    constituency TEXT NOT NULL,
    reply TEXT CHECK (reply IN ('confirmed', 'apologies')),
    replied_at INTEGER,
    replied_by_label TEXT,
    presence TEXT CHECK (presence IN ('attended', 'apologies', 'absent')),
    -- Time given, for an involvement claim.
    minutes INTEGER CHECK (minutes >= 0),
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_people_person ON meeting_people(person_id, meeting_id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    standing TEXT CHECK (standing IN ('representation', 'su_carer_issues')),
    title TEXT,
    suggestion_id INTEGER REFERENCES suggestions(id)
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE meeting_decisions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id);

CREATE TABLE meeting_actions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    owner_person_id INTEGER NOT NULL REFERENCES people(id),
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meeting_actions_organisation ON meeting_actions(organisation_id, status, due_on);
CREATE INDEX meeting_actions_meeting ON meeting_actions(meeting_id);
CREATE INDEX meeting_actions_owner ON meeting_actions(owner_person_id, status);

-- An invitation to add to a calendar, sent as an attachment.
ALTER TABLE outbound_emails ADD COLUMN calendar TEXT;
