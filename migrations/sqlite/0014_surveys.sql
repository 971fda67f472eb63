-- Surveys: a survey's questions (JSON, in both languages and Easy Read), its rounds with the
-- questions frozen as they were when the round opened, the units each round runs on (each with
-- its own link), and responses: one row per response, every answer in it, so a rating and its
-- comment are never split.

CREATE TABLE surveys (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title_en TEXT,
    title_cy TEXT,
    privacy TEXT NOT NULL CHECK (privacy IN ('anonymous', 'confidential', 'named')),
    template TEXT CHECK (template IN ('fft', 'baseline_service_user', 'baseline_carer', 'baseline_staff', 'exit')),
    questions_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (title_en IS NOT NULL OR title_cy IS NOT NULL)
);
CREATE INDEX surveys_organisation ON surveys(organisation_id, id);

CREATE TABLE survey_rounds (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    name TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    questions_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    CHECK (closes_on >= opens_on)
);
CREATE INDEX survey_rounds_survey ON survey_rounds(survey_id, opens_on);
CREATE INDEX survey_rounds_organisation ON survey_rounds(organisation_id, opens_on);

-- The units a round runs on. The token is the unit's short link (and QR poster): whoever has
-- it may answer, without an account.
CREATE TABLE survey_round_units (
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    token TEXT NOT NULL UNIQUE,
    PRIMARY KEY (round_id, unit_id)
);
CREATE INDEX survey_round_units_unit ON survey_round_units(unit_id);

-- One response. An anonymous one keeps only the Monday of its week and no person, account,
-- device or address; a confidential or named one keeps the person. `entered_by_label` is set
-- only for a paper form typed in by staff.
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    week_of TEXT NOT NULL,
    person_id INTEGER REFERENCES people(id),
    channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'link', 'member', 'paper')),
    entered_by_label TEXT,
    answers_json TEXT NOT NULL,
    CHECK ((channel = 'paper') = (entered_by_label IS NOT NULL))
);
CREATE INDEX survey_responses_round ON survey_responses(round_id, unit_id);
CREATE INDEX survey_responses_person ON survey_responses(person_id);
CREATE INDEX survey_responses_unit ON survey_responses(unit_id, week_of);

-- Each answer of a response, one row per chosen value (a free-text answer with an empty value,
-- its words staying in the response), so results are added up in the database.
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id),
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    question_key TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX survey_answers_round ON survey_answers(round_id, unit_id, question_key, value);
CREATE INDEX survey_answers_response ON survey_answers(response_id);
