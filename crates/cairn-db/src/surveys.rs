//! Surveys, their rounds and units, and responses.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};

/// A survey as stored; `questions_json` holds its questions.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Survey {
    pub id: i64,
    pub organisation_id: i64,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub privacy: String,
    pub template: Option<String>,
    #[serde(skip)]
    pub questions_json: String,
    pub created_at: i64,
}

const SURVEY_COLUMNS: &str =
    "id, organisation_id, title_en, title_cy, privacy, template, questions_json, created_at";

#[expect(clippy::too_many_arguments, reason = "a survey has this many facts")]
pub async fn insert_survey(
    c: &mut Conn<'_>,
    org: i64,
    title_en: Option<&str>,
    title_cy: Option<&str>,
    privacy: &str,
    template: Option<&str>,
    questions_json: &str,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO surveys (organisation_id, title_en, title_cy, privacy, template, questions_json, created_at, created_by_label, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7) RETURNING id",
        org,
        title_en,
        title_cy,
        privacy,
        template,
        questions_json,
        now,
        label
    )
}

pub async fn surveys(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Survey>> {
    fetch_all!(
        c,
        Survey,
        &format!(
            "SELECT {SURVEY_COLUMNS} FROM surveys WHERE organisation_id = $1 ORDER BY id DESC"
        ),
        org
    )
}

pub async fn survey(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Survey>> {
    fetch_optional!(
        c,
        Survey,
        &format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE organisation_id = $1 AND id = $2"),
        org,
        id
    )
}

/// A round as stored, with its frozen questions.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Round {
    pub id: i64,
    pub organisation_id: i64,
    pub survey_id: i64,
    pub name: String,
    pub opens_on: String,
    pub closes_on: String,
    #[serde(skip)]
    pub questions_json: String,
}

const ROUND_COLUMNS: &str =
    "id, organisation_id, survey_id, name, opens_on, closes_on, questions_json";

#[expect(clippy::too_many_arguments, reason = "a round has this many facts")]
pub async fn insert_round(
    c: &mut Conn<'_>,
    org: i64,
    survey: i64,
    name: &str,
    opens_on: &str,
    closes_on: &str,
    questions_json: &str,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO survey_rounds (organisation_id, survey_id, name, opens_on, closes_on, questions_json, created_at, created_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        org,
        survey,
        name,
        opens_on,
        closes_on,
        questions_json,
        now,
        label
    )
}

pub async fn add_round_unit(c: &mut Conn<'_>, round: i64, unit: i64, token: &str) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO survey_round_units (round_id, unit_id, token) VALUES ($1, $2, $3)",
        round,
        unit,
        token
    )?;
    Ok(())
}

pub async fn rounds_of(c: &mut Conn<'_>, survey: i64) -> DbResult<Vec<Round>> {
    fetch_all!(
        c,
        Round,
        &format!(
            "SELECT {ROUND_COLUMNS} FROM survey_rounds WHERE survey_id = $1 ORDER BY opens_on, id"
        ),
        survey
    )
}

pub async fn round(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Round>> {
    fetch_optional!(
        c,
        Round,
        &format!(
            "SELECT {ROUND_COLUMNS} FROM survey_rounds WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// A round's units with their link tokens.
pub async fn round_units(c: &mut Conn<'_>, round: i64) -> DbResult<Vec<(i64, String)>> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT unit_id, token FROM survey_round_units WHERE round_id = $1 ORDER BY unit_id",
        round
    )
}

/// The round and unit a link token opens: (organisation, round id, unit id).
pub async fn by_token(c: &mut Conn<'_>, token: &str) -> DbResult<Option<(i64, i64, i64)>> {
    fetch_optional!(
        c,
        (i64, i64, i64),
        "SELECT r.organisation_id, u.round_id, u.unit_id FROM survey_round_units u \
         JOIN survey_rounds r ON r.id = u.round_id WHERE u.token = $1",
        token
    )
}

/// A response to store.
pub struct NewResponse<'a> {
    pub round_id: i64,
    pub unit_id: i64,
    pub week_of: &'a str,
    pub person_id: Option<i64>,
    pub channel: &'a str,
    pub entered_by_label: Option<&'a str>,
    pub answers_json: &'a str,
}

pub async fn insert_response(c: &mut Conn<'_>, org: i64, r: &NewResponse<'_>) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO survey_responses (organisation_id, round_id, unit_id, week_of, person_id, channel, entered_by_label, answers_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        org,
        r.round_id,
        r.unit_id,
        r.week_of,
        r.person_id,
        r.channel,
        r.entered_by_label,
        r.answers_json
    )
}

/// Records each answer of a response: (question key, value; empty for free text).
pub async fn insert_answers(
    c: &mut Conn<'_>,
    response: i64,
    round: i64,
    unit: i64,
    answers: &[(String, String)],
) -> DbResult<()> {
    for (key, value) in answers {
        execute!(
            c,
            "INSERT INTO survey_answers (response_id, round_id, unit_id, question_key, value) \
             VALUES ($1, $2, $3, $4, $5)",
            response,
            round,
            unit,
            key,
            value
        )?;
    }
    Ok(())
}

/// A round's answers added up: (unit, question key, value, how many).
pub async fn tallies(c: &mut Conn<'_>, round: i64) -> DbResult<Vec<(i64, String, String, i64)>> {
    fetch_all!(
        c,
        (i64, String, String, i64),
        "SELECT unit_id, question_key, value, COUNT(*) FROM survey_answers WHERE round_id = $1 \
         GROUP BY unit_id, question_key, value",
        round
    )
}

/// A round's responses per unit, and per unit and question how many answered it.
pub async fn response_counts(
    c: &mut Conn<'_>,
    round: i64,
) -> DbResult<(Vec<(i64, i64)>, Vec<(i64, String, i64)>)> {
    let responses = fetch_all!(
        c,
        (i64, i64),
        "SELECT unit_id, COUNT(*) FROM survey_responses WHERE round_id = $1 GROUP BY unit_id",
        round
    )?;
    let answered = fetch_all!(
        c,
        (i64, String, i64),
        "SELECT unit_id, question_key, COUNT(DISTINCT response_id) FROM survey_answers \
         WHERE round_id = $1 GROUP BY unit_id, question_key",
        round
    )?;
    Ok((responses, answered))
}

/// The answers of a round's responses, per unit: (response id, unit id, answers JSON).
pub async fn answers(
    c: &mut Conn<'_>,
    round: i64,
    units: Option<&[i64]>,
) -> DbResult<Vec<(i64, i64, String)>> {
    Ok(match units {
        Some([u]) => fetch_all!(
            c,
            (i64, i64, String),
            "SELECT id, unit_id, answers_json FROM survey_responses WHERE round_id = $1 AND unit_id = $2 ORDER BY id",
            round,
            *u
        )?,
        Some(u) => fetch_all!(
            c,
            (i64, i64, String),
            "SELECT id, unit_id, answers_json FROM survey_responses WHERE round_id = $1 ORDER BY id",
            round
        )?
        .into_iter()
        .filter(|(_, x, _)| u.contains(x))
        .collect(),
        None => fetch_all!(
            c,
            (i64, i64, String),
            "SELECT id, unit_id, answers_json FROM survey_responses WHERE round_id = $1 ORDER BY id",
            round
        )?,
    })
}

/// One response of a round: (unit id, answers JSON).
pub async fn response(c: &mut Conn<'_>, round: i64, id: i64) -> DbResult<Option<(i64, String)>> {
    fetch_optional!(
        c,
        (i64, String),
        "SELECT unit_id, answers_json FROM survey_responses WHERE round_id = $1 AND id = $2",
        round,
        id
    )
}

/// Whether a person has already answered a round.
pub async fn has_answered(c: &mut Conn<'_>, round: i64, person: i64) -> DbResult<bool> {
    Ok(fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM survey_responses WHERE round_id = $1 AND person_id = $2",
        round,
        person
    )? > 0)
}

/// A person's own responses to confidential or named surveys (their export).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OwnResponse {
    pub id: i64,
    pub round_id: i64,
    pub unit_id: i64,
    pub week_of: String,
    pub channel: String,
    pub answers_json: String,
}

pub async fn responses_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<OwnResponse>> {
    fetch_all!(
        c,
        OwnResponse,
        "SELECT id, round_id, unit_id, week_of, channel, answers_json FROM survey_responses \
         WHERE person_id = $1 ORDER BY id",
        person
    )
}

/// The organisation's small-number rule: (smallest count shown, fewest responses for a share).
pub async fn thresholds(c: &mut Conn<'_>, org: i64) -> DbResult<(i64, i64)> {
    crate::fetch_one!(
        c,
        (i64, i64),
        "SELECT survey_min_count, survey_min_responses FROM organisations WHERE id = $1",
        org
    )
}

pub async fn set_thresholds(
    c: &mut Conn<'_>,
    org: i64,
    min_count: i64,
    min_responses: i64,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE organisations SET survey_min_count = $2, survey_min_responses = $3, updated_at = $4 WHERE id = $1",
        org,
        min_count,
        min_responses,
        now
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Single-use cards
// ---------------------------------------------------------------------------------------------

pub async fn insert_card(
    c: &mut Conn<'_>,
    token: &str,
    round: i64,
    unit: i64,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO survey_cards (token, round_id, unit_id, printed_at) VALUES ($1, $2, $3, $4)",
        token,
        round,
        unit,
        now
    )?;
    Ok(())
}

/// The round and unit a card opens, and whether it has been used: (organisation, round, unit,
/// used).
pub async fn card(c: &mut Conn<'_>, token: &str) -> DbResult<Option<(i64, i64, i64, bool)>> {
    Ok(fetch_optional!(
        c,
        (i64, i64, i64, i64),
        "SELECT r.organisation_id, k.round_id, k.unit_id, k.used FROM survey_cards k \
         JOIN survey_rounds r ON r.id = k.round_id WHERE k.token = $1",
        token
    )?
    .map(|(o, r, u, used)| (o, r, u, used != 0)))
}

/// Marks a card used; false when it already was (two answers racing on one card).
pub async fn use_card(c: &mut Conn<'_>, token: &str) -> DbResult<bool> {
    Ok(execute!(
        c,
        "UPDATE survey_cards SET used = 1 WHERE token = $1 AND used = 0",
        token
    )? == 1)
}

// ---------------------------------------------------------------------------------------------
// Comments checked for names and sent on
// ---------------------------------------------------------------------------------------------

/// A free-text answer someone has read.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct CommentCheck {
    pub response_id: i64,
    pub question_key: String,
    pub shown_text: String,
    pub checked_at: i64,
    pub suggestion_id: Option<i64>,
}

pub async fn comment_checks(c: &mut Conn<'_>, round: i64) -> DbResult<Vec<CommentCheck>> {
    fetch_all!(
        c,
        CommentCheck,
        "SELECT k.response_id, k.question_key, k.shown_text, k.checked_at, k.suggestion_id \
         FROM survey_comment_checks k JOIN survey_responses r ON r.id = k.response_id \
         WHERE r.round_id = $1",
        round
    )
}

/// Records a comment as checked (or checked again, with new words).
pub async fn check_comment(
    c: &mut Conn<'_>,
    response: i64,
    key: &str,
    shown_text: &str,
    label: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO survey_comment_checks (response_id, question_key, shown_text, checked_at, checked_by_label) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (response_id, question_key) \
         DO UPDATE SET shown_text = excluded.shown_text, checked_at = excluded.checked_at, checked_by_label = excluded.checked_by_label",
        response,
        key,
        shown_text,
        now,
        label
    )?;
    Ok(())
}

pub async fn set_comment_suggestion(
    c: &mut Conn<'_>,
    response: i64,
    key: &str,
    suggestion: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE survey_comment_checks SET suggestion_id = $3 WHERE response_id = $1 AND question_key = $2",
        response,
        key,
        suggestion
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Figures from other surveys
// ---------------------------------------------------------------------------------------------

/// A headline figure from a survey run elsewhere.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OtherFigure {
    pub id: i64,
    pub unit_id: i64,
    pub source: String,
    pub measure_en: Option<String>,
    pub measure_cy: Option<String>,
    pub figure: String,
    pub responses: Option<i64>,
    pub measured_on: String,
}

pub struct NewOtherFigure<'a> {
    pub unit_id: i64,
    pub source: &'a str,
    pub measure_en: Option<&'a str>,
    pub measure_cy: Option<&'a str>,
    pub figure: &'a str,
    pub responses: Option<i64>,
    pub measured_on: &'a str,
}

pub async fn insert_other_figure(
    c: &mut Conn<'_>,
    org: i64,
    f: &NewOtherFigure<'_>,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO unit_survey_figures (organisation_id, unit_id, source, measure_en, measure_cy, figure, responses, measured_on, created_at, created_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        org,
        f.unit_id,
        f.source,
        f.measure_en,
        f.measure_cy,
        f.figure,
        f.responses,
        f.measured_on,
        now,
        label
    )
}

/// A unit's figures from other surveys, latest first.
pub async fn other_figures(c: &mut Conn<'_>, org: i64, unit: i64) -> DbResult<Vec<OtherFigure>> {
    fetch_all!(
        c,
        OtherFigure,
        "SELECT id, unit_id, source, measure_en, measure_cy, figure, responses, measured_on \
         FROM unit_survey_figures WHERE organisation_id = $1 AND unit_id = $2 ORDER BY measured_on DESC, id DESC",
        org,
        unit
    )
}

/// The open rounds of exit surveys on a unit on a day: (round id, link token, privacy).
pub async fn open_exit_rounds(
    c: &mut Conn<'_>,
    unit: i64,
    today: &str,
) -> DbResult<Vec<(i64, String, String)>> {
    fetch_all!(
        c,
        (i64, String, String),
        "SELECT r.id, u.token, s.privacy FROM survey_round_units u JOIN survey_rounds r ON r.id = u.round_id \
         JOIN surveys s ON s.id = r.survey_id WHERE u.unit_id = $1 AND s.template = 'exit' \
         AND r.opens_on <= $2 AND r.closes_on >= $2 ORDER BY r.opens_on DESC, r.id DESC",
        unit,
        today
    )
}

/// Open rounds on any of a person's units (for a signed-in member's list): (round id, unit id,
/// link token, survey id).
pub async fn open_rounds_for_person(
    c: &mut Conn<'_>,
    person: i64,
    today: &str,
) -> DbResult<Vec<(i64, i64, String, i64)>> {
    fetch_all!(
        c,
        (i64, i64, String, i64),
        "SELECT r.id, u.unit_id, u.token, r.survey_id FROM survey_round_units u \
         JOIN survey_rounds r ON r.id = u.round_id \
         JOIN person_units p ON p.unit_id = u.unit_id AND p.person_id = $1 \
         WHERE r.opens_on <= $2 AND r.closes_on >= $2 ORDER BY r.closes_on, r.id, u.unit_id",
        person,
        today
    )
}

/// The unused cards of one printing for a unit of a round.
pub async fn unused_cards(
    c: &mut Conn<'_>,
    round: i64,
    unit: i64,
    printed_at: i64,
) -> DbResult<Vec<String>> {
    Ok(fetch_all!(
        c,
        (String,),
        "SELECT token FROM survey_cards WHERE round_id = $1 AND unit_id = $2 AND printed_at = $3 AND used = 0 ORDER BY token",
        round,
        unit,
        printed_at
    )?
    .into_iter()
    .map(|(t,)| t)
    .collect())
}

/// Reasons given in exit surveys, by week: (week of, reason, how many), and responses by
/// week: (week of, how many).
pub async fn exit_reasons(
    c: &mut Conn<'_>,
    org: i64,
) -> DbResult<(Vec<(String, String, i64)>, Vec<(String, i64)>)> {
    let reasons = fetch_all!(
        c,
        (String, String, i64),
        "SELECT x.week_of, a.value, COUNT(*) FROM survey_answers a \
         JOIN survey_responses x ON x.id = a.response_id JOIN survey_rounds r ON r.id = x.round_id \
         JOIN surveys s ON s.id = r.survey_id WHERE s.organisation_id = $1 AND s.template = 'exit' \
         AND a.question_key = 'ex_reason' GROUP BY x.week_of, a.value",
        org
    )?;
    let responses = fetch_all!(
        c,
        (String, i64),
        "SELECT x.week_of, COUNT(*) FROM survey_responses x JOIN survey_rounds r ON r.id = x.round_id \
         JOIN surveys s ON s.id = r.survey_id WHERE s.organisation_id = $1 AND s.template = 'exit' \
         GROUP BY x.week_of",
        org
    )?;
    Ok((reasons, responses))
}

/// Replaces a survey's questions (rounds keep the copy they froze).
pub async fn set_questions(
    c: &mut Conn<'_>,
    org: i64,
    survey: i64,
    questions_json: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE surveys SET questions_json = $3, updated_at = $4 WHERE organisation_id = $1 AND id = $2",
        org,
        survey,
        questions_json,
        now
    )?;
    Ok(())
}

/// A person's answers to named surveys: (survey's English title, Welsh title, round name, week
/// of, the round's questions, the answers), newest first.
pub async fn named_responses_of(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
) -> DbResult<
    Vec<(
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        String,
    )>,
> {
    fetch_all!(
        c,
        (
            Option<String>,
            Option<String>,
            String,
            String,
            String,
            String
        ),
        "SELECT s.title_en, s.title_cy, r.name, x.week_of, r.questions_json, x.answers_json \
         FROM survey_responses x JOIN survey_rounds r ON r.id = x.round_id \
         JOIN surveys s ON s.id = r.survey_id \
         WHERE x.organisation_id = $1 AND x.person_id = $2 AND s.privacy = 'named' \
         ORDER BY x.week_of DESC, x.id DESC",
        org,
        person
    )
}
