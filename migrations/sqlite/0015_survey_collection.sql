-- Surveys, second part: the organisation's small-number rule (never below the defaults),
-- single-use answer cards, comments checked for names or sent on as suggestions, and headline
-- figures a unit records from other surveys.

ALTER TABLE organisations ADD COLUMN survey_min_count INTEGER NOT NULL DEFAULT 5
    CHECK (survey_min_count BETWEEN 5 AND 100);
ALTER TABLE organisations ADD COLUMN survey_min_responses INTEGER NOT NULL DEFAULT 10
    CHECK (survey_min_responses BETWEEN 10 AND 1000);

-- A printed card with its own QR code: one answer each, without an account. Only whether it
-- has been used is kept, never which response it gave, so a card handed to someone does not
-- lead back to their answers.
CREATE TABLE survey_cards (
    token TEXT PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    printed_at INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE INDEX survey_cards_round ON survey_cards(round_id, unit_id);

-- A free-text answer someone has read: checked for names (with the words as they may be shown,
-- any name taken out), and, once sent on, the suggestion it became.
CREATE TABLE survey_comment_checks (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id),
    question_key TEXT NOT NULL,
    shown_text TEXT NOT NULL,
    checked_at INTEGER NOT NULL,
    checked_by_label TEXT NOT NULL,
    suggestion_id INTEGER REFERENCES suggestions(id),
    PRIMARY KEY (response_id, question_key)
);

-- Headline figures from surveys run elsewhere (for example the People's Experience Survey),
-- shown beside Cairn's own with their source and date.
CREATE TABLE unit_survey_figures (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    source TEXT NOT NULL,
    measure_en TEXT,
    measure_cy TEXT,
    figure TEXT NOT NULL,
    responses INTEGER CHECK (responses IS NULL OR responses >= 0),
    measured_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    CHECK (measure_en IS NOT NULL OR measure_cy IS NOT NULL)
);
CREATE INDEX unit_survey_figures_unit ON unit_survey_figures(unit_id, measured_on);
