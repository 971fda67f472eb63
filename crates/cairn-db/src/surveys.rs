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

/// The answers of a round's responses, per unit: (unit id, answers JSON).
pub async fn answers(
    c: &mut Conn<'_>,
    round: i64,
    units: Option<&[i64]>,
) -> DbResult<Vec<(i64, String)>> {
    Ok(match units {
        Some([u]) => fetch_all!(
            c,
            (i64, String),
            "SELECT unit_id, answers_json FROM survey_responses WHERE round_id = $1 AND unit_id = $2",
            round,
            *u
        )?,
        Some(u) => fetch_all!(
            c,
            (i64, String),
            "SELECT unit_id, answers_json FROM survey_responses WHERE round_id = $1",
            round
        )?
        .into_iter()
        .filter(|(x, _)| u.contains(x))
        .collect(),
        None => fetch_all!(
            c,
            (i64, String),
            "SELECT unit_id, answers_json FROM survey_responses WHERE round_id = $1",
            round
        )?,
    })
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

/// Responses per unit to satisfaction rounds (surveys on the Friends and Family Test) in a
/// period, and how many such rounds ran on the unit: (rounds, responses).
pub async fn unit_satisfaction(
    c: &mut Conn<'_>,
    unit: i64,
    from: &str,
    to: &str,
) -> DbResult<(i64, i64)> {
    let rounds: i64 = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM survey_round_units u JOIN survey_rounds r ON r.id = u.round_id \
         JOIN surveys s ON s.id = r.survey_id WHERE u.unit_id = $1 AND s.template = 'fft' \
         AND r.opens_on <= $3 AND r.closes_on >= $2",
        unit,
        from,
        to
    )?;
    let responses: i64 = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM survey_responses x JOIN survey_rounds r ON r.id = x.round_id \
         JOIN surveys s ON s.id = r.survey_id WHERE x.unit_id = $1 AND s.template = 'fft' \
         AND x.week_of >= $2 AND x.week_of <= $3",
        unit,
        from,
        to
    )?;
    Ok((rounds, responses))
}
