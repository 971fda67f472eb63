//! Surveys: building one from a template or by hand, opening rounds on units (the questions
//! frozen as they stand), answering through a unit's link or kiosk (anonymous surveys only, no
//! account, nothing about the device kept), staff typing in paper forms, and results under the
//! small-number rule.
//!
//! Results are computed over every unit of the round, so the figures are the same whoever
//! reads them and however they are cut: one table (units by answers, with the service's
//! totals) goes through [`suppress`], and a unit's page, the service's page, the CSV and the
//! API each publish part of that one table.

use crate::audit::{Action, record};
use crate::org_today as today;
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::surveys::{self as db, NewResponse, Round, Survey};
use cairn_domain::surveys::suppression::{Cell, Table, Thresholds, percent, suppress};
use cairn_domain::surveys::{
    Answer, Channel, Privacy, Question, QuestionKind, Template, check_answers, check_questions,
    template,
};
use cairn_domain::time::parse_iso_date;
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Longest survey title and round name.
pub const TITLE_MAX: usize = 120;
/// Longest a round may run, in days.
pub const ROUND_DAYS_MAX: i64 = 366;

/// A survey as typed: a template's key, or questions written by hand.
#[derive(Debug, Clone, Default)]
pub struct SurveyDraft {
    pub title_en: String,
    pub title_cy: String,
    pub privacy: String,
    pub template: String,
    pub questions: Option<Vec<Question>>,
}

fn questions_of(json: &str) -> AppResult<Vec<Question>> {
    serde_json::from_str(json).map_err(|e| AppError::Unexpected(format!("survey questions: {e}")))
}

/// Builds a survey. A template's questions are used as they are (the Friends and Family Test
/// is locked against rewording); otherwise the questions are checked.
pub async fn create_survey(app: &App, actor: &Actor, d: &SurveyDraft) -> AppResult<i64> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let title_en = d.title_en.trim();
    let title_cy = d.title_cy.trim();
    if title_en.is_empty() && title_cy.is_empty() {
        e.add("title_en", "survey-error-title");
    } else if title_en.chars().count() > TITLE_MAX || title_cy.chars().count() > TITLE_MAX {
        e.add("title_en", "survey-error-title-long");
    }
    let privacy = Privacy::parse(d.privacy.trim());
    if privacy.is_none() {
        e.add("privacy", "survey-error-privacy");
    }
    let chosen = match d.template.trim() {
        "" => None,
        key => match Template::parse(key) {
            Some(t) => Some(t),
            None => {
                e.add("template", "survey-error-template");
                None
            }
        },
    };
    let questions = match (chosen, &d.questions) {
        (Some(t), _) => template(t),
        (None, Some(q)) => {
            if let Err(qe) = check_questions(q) {
                e.0.extend(qe.0);
            }
            q.clone()
        }
        (None, None) => {
            if e.for_field("template").is_none() {
                e.add("template", "survey-error-template");
            }
            Vec::new()
        }
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let json = serde_json::to_string(&questions)
        .map_err(|x| AppError::Unexpected(format!("survey questions: {x}")))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = db::insert_survey(
        &mut tx.conn(),
        org,
        Some(title_en).filter(|x| !x.is_empty()),
        Some(title_cy).filter(|x| !x.is_empty()),
        privacy.map(|p| p.key()).unwrap_or("anonymous"),
        chosen.map(|t| t.key()),
        &json,
        &actor.label,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "survey",
        Some(id),
        None,
        Some(
            &serde_json::json!({"template": chosen.map(|t| t.key()), "questions": questions.len()}),
        ),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The organisation's surveys (those who build them or read results).
pub async fn surveys(app: &App, actor: &Actor) -> AppResult<Vec<Survey>> {
    if !actor.can(Permission::ManageSurveys) {
        require(actor, Permission::ViewSurveyResults)?;
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::surveys(&mut h.conn(), org).await?)
}

/// A round with its units (id, link token); tokens only for those who manage surveys.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    #[serde(flatten)]
    pub round: Round,
    pub units: Vec<(i64, String)>,
}

/// A survey with its questions and rounds.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyDetail {
    #[serde(flatten)]
    pub survey: Survey,
    pub questions: Vec<Question>,
    pub rounds: Vec<RoundView>,
}

pub async fn survey(app: &App, actor: &Actor, id: i64) -> AppResult<SurveyDetail> {
    if !actor.can(Permission::ManageSurveys) {
        require(actor, Permission::ViewSurveyResults)?;
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let survey = db::survey(&mut c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let manage = actor.can(Permission::ManageSurveys);
    let mut rounds = Vec::new();
    for r in db::rounds_of(&mut c, id).await? {
        let units = db::round_units(&mut c, r.id)
            .await?
            .into_iter()
            .filter(|(u, _)| actor.can_reach_unit(*u))
            .map(|(u, t)| (u, if manage { t } else { String::new() }))
            .collect();
        rounds.push(RoundView { round: r, units });
    }
    Ok(SurveyDetail {
        questions: questions_of(&survey.questions_json)?,
        survey,
        rounds,
    })
}

/// A round as typed.
#[derive(Debug, Clone, Default)]
pub struct RoundDraft {
    pub name: String,
    pub unit_ids: Vec<String>,
    /// ISO dates (`2026-04-01`); `None` when a form's date could not be read.
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
}

fn new_token() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Opens a round of a survey on units, freezing its questions as they stand.
pub async fn open_round(app: &App, actor: &Actor, survey: i64, d: &RoundDraft) -> AppResult<i64> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = db::survey(&mut tx.conn(), org, survey)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::new();
    let name = d.name.trim();
    if name.is_empty() {
        e.add("name", "round-error-name");
    } else if name.chars().count() > TITLE_MAX {
        e.add("name", "round-error-name-long");
    }
    let known = cairn_db::units::units_in_organisation(&mut tx.conn(), org).await?;
    let mut units: Vec<i64> = Vec::new();
    for raw in &d.unit_ids {
        match raw.trim().parse::<i64>() {
            Ok(u) if known.contains(&u) && actor.can_reach_unit(u) => {
                if !units.contains(&u) {
                    units.push(u)
                }
            }
            _ => {
                e.add("unit_ids", "round-error-units");
                break;
            }
        }
    }
    if units.is_empty() && e.for_field("unit_ids").is_none() {
        e.add("unit_ids", "round-error-units");
    }
    let opens = d.opens_on.as_deref().and_then(parse_iso_date);
    let closes = d.closes_on.as_deref().and_then(parse_iso_date);
    if opens.is_none() {
        e.add("opens_on", "round-error-opens");
    }
    match (opens, closes) {
        (_, None) => e.add("closes_on", "round-error-closes"),
        (Some(o), Some(c)) if c < o || i64::from((c - o).get_days()) > ROUND_DAYS_MAX => {
            e.add("closes_on", "round-error-closes")
        }
        _ => {}
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let (opens, closes) = (
        opens.map(|x| x.to_string()).unwrap_or_default(),
        closes.map(|x| x.to_string()).unwrap_or_default(),
    );
    let id = db::insert_round(
        &mut tx.conn(),
        org,
        survey,
        name,
        &opens,
        &closes,
        &s.questions_json,
        &actor.label,
        now,
    )
    .await?;
    for u in &units {
        db::add_round_unit(&mut tx.conn(), id, *u, &new_token()).await?;
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "survey_round",
        Some(id),
        None,
        Some(&serde_json::json!({"survey_id": survey, "units": units, "opens_on": opens, "closes_on": closes})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What a link or kiosk shows: the survey, the round and its unit, and the questions.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub survey: Survey,
    pub round: Round,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_name_cy: Option<String>,
    pub questions: Vec<Question>,
    pub open: bool,
}

/// Opens a unit's link. Anyone with it may read the questions; nothing is recorded.
pub async fn by_link(app: &App, token: &str) -> AppResult<LinkView> {
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (org, round, unit) = db::by_token(&mut c, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let round = db::round(&mut c, org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey = db::survey(&mut c, org, round.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let u = cairn_db::units::get_unit(&mut c, org, unit).await?;
    let today = today(&mut c, app, org).await?.to_string();
    Ok(LinkView {
        questions: questions_of(&round.questions_json)?,
        open: round.opens_on <= today && today <= round.closes_on,
        unit_id: unit,
        unit_name: u.name,
        unit_name_cy: u.name_cy,
        survey,
        round,
    })
}

/// One row per answer for the database to add up: the value chosen (each of several), the
/// number, or an empty value for free text (its words stay in the response).
fn answer_rows(
    questions: &[Question],
    answers: &BTreeMap<String, Answer>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in questions {
        match answers.get(&q.key) {
            Some(Answer::One(_)) if q.kind == QuestionKind::FreeText => {
                out.push((q.key.clone(), String::new()))
            }
            Some(Answer::One(v)) => out.push((q.key.clone(), v.clone())),
            Some(Answer::Several(vs)) => {
                out.extend(vs.iter().map(|v| (q.key.clone(), v.clone())));
            }
            Some(Answer::Number(n)) => out.push((q.key.clone(), n.to_string())),
            None => {}
        }
    }
    out
}

/// The Monday of the week `d` falls in: all an anonymous response keeps of its time.
fn week_of(d: Date) -> String {
    cairn_domain::payments::week_start(d).to_string()
}

/// Saves an answer through a unit's link or kiosk: anonymous surveys only (a confidential or
/// named one needs the person signed in). Nothing about the person or the device is kept, and
/// no audit row names anyone. One response is one row.
pub async fn answer_by_link(
    app: &App,
    token: &str,
    channel: Channel,
    raw: &BTreeMap<String, serde_json::Value>,
) -> AppResult<i64> {
    let v = by_link(app, token).await?;
    if v.survey.privacy != Privacy::Anonymous.key() {
        return Err(AppError::Conflict("survey-error-needs-sign-in"));
    }
    if !v.open {
        return Err(AppError::Conflict("survey-error-closed"));
    }
    let answers = check_answers(&v.questions, raw)?;
    let json = serde_json::to_string(&answers)
        .map_err(|x| AppError::Unexpected(format!("answers: {x}")))?;
    let mut tx = app.db.begin().await?;
    let today = today(&mut tx.conn(), app, v.survey.organisation_id).await?;
    let id = db::insert_response(
        &mut tx.conn(),
        v.survey.organisation_id,
        &NewResponse {
            round_id: v.round.id,
            unit_id: v.unit_id,
            week_of: &week_of(today),
            person_id: None,
            channel: channel.key(),
            entered_by_label: None,
            answers_json: &json,
        },
    )
    .await?;
    db::insert_answers(
        &mut tx.conn(),
        id,
        v.round.id,
        v.unit_id,
        &answer_rows(&v.questions, &answers),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Staff type in a paper form for a unit of the round in their reach, marked as such. For a
/// confidential or named survey the form may name the person (`person`); an anonymous one never
/// keeps it.
pub async fn answer_on_paper(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: &str,
    person: Option<i64>,
    raw: &BTreeMap<String, serde_json::Value>,
) -> AppResult<i64> {
    require(actor, Permission::EnterSurveyResponses)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let r = db::round(&mut tx.conn(), org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = db::survey(&mut tx.conn(), org, r.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let units: Vec<i64> = db::round_units(&mut tx.conn(), round)
        .await?
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    let unit = match unit.trim().parse::<i64>() {
        Ok(u) if units.contains(&u) && actor.can_reach_unit(u) => u,
        _ => return Err(invalid("unit_id", "round-error-unit")),
    };
    let questions = questions_of(&r.questions_json)?;
    let answers = check_answers(&questions, raw)?;
    let today = today(&mut tx.conn(), app, org).await?;
    if today.to_string() < r.opens_on {
        return Err(AppError::Conflict("survey-error-closed"));
    }
    let person = if s.privacy == Privacy::Anonymous.key() {
        None
    } else {
        match person {
            Some(p) if cairn_db::people::get(&mut tx.conn(), org, p).await.is_ok() => Some(p),
            Some(_) => return Err(invalid("person_id", "round-error-person")),
            None => None,
        }
    };
    let json = serde_json::to_string(&answers)
        .map_err(|x| AppError::Unexpected(format!("answers: {x}")))?;
    let id = db::insert_response(
        &mut tx.conn(),
        org,
        &NewResponse {
            round_id: round,
            unit_id: unit,
            week_of: &week_of(today),
            person_id: person,
            channel: Channel::Paper.key(),
            entered_by_label: Some(&actor.label),
            answers_json: &json,
        },
    )
    .await?;
    db::insert_answers(
        &mut tx.conn(),
        id,
        round,
        unit,
        &answer_rows(&questions, &answers),
    )
    .await?;
    // The audit says a paper form was typed in, never what it said.
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "survey_response",
        Some(id),
        None,
        Some(&serde_json::json!({"round_id": round, "unit_id": unit, "channel": "paper"})),
        person,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One answer's published figures.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerFigure {
    pub value: String,
    #[serde(serialize_with = "cell")]
    pub count: Cell,
    #[serde(serialize_with = "cell")]
    pub percent: Cell,
}

/// One question's published figures.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionFigures {
    pub key: String,
    pub kind: QuestionKind,
    #[serde(serialize_with = "cell")]
    pub answered: Cell,
    pub answers: Vec<AnswerFigure>,
    /// A scale's average in tenths; shown only with enough responses and no hidden count.
    #[serde(serialize_with = "opt_cell", skip_serializing_if = "Option::is_none")]
    pub average_tenths: Option<Cell>,
    /// Free text: shown only where there are enough responses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<String>,
}

/// Results for a round, for one unit or the whole round.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub round_id: i64,
    pub unit_id: Option<i64>,
    #[serde(serialize_with = "cell")]
    pub responses: Cell,
    pub questions: Vec<QuestionFigures>,
    /// Free text was held back because there are too few responses.
    pub comments_withheld: bool,
    #[serde(skip)]
    pub question_texts: Vec<Question>,
    #[serde(skip)]
    pub may_chart: bool,
    /// The round's units the reader reaches: (id, English name, Welsh name).
    #[serde(skip)]
    pub unit_names: Vec<(i64, String, Option<String>)>,
}

fn cell<S: serde::Serializer>(c: &Cell, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Cell::Shown(n) => s.serialize_i64(*n),
        Cell::Suppressed => serde_json::json!({"suppressed": true}).serialize(s),
    }
}

fn opt_cell<S: serde::Serializer>(c: &Option<Cell>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => cell(c, s),
        None => s.serialize_none(),
    }
}

/// A round's results, for `unit` or (none) the whole round, under the small-number rule.
pub async fn results(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: Option<i64>,
) -> AppResult<Results> {
    require(actor, Permission::ViewSurveyResults)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let r = db::round(&mut c, org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let units: Vec<i64> = db::round_units(&mut c, round)
        .await?
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    if let Some(u) = unit
        && (!units.contains(&u) || !actor.can_reach_unit(u))
    {
        return Err(AppError::NotFound);
    }
    let questions = questions_of(&r.questions_json)?;
    let (responses, answered) = db::response_counts(&mut c, round).await?;
    let counts = Counts {
        responses,
        answered,
        tallies: db::tallies(&mut c, round).await?,
    };
    // Free text is read only for the units asked about, and only when it may be shown.
    let in_scope: i64 = counts
        .responses
        .iter()
        .filter(|(u, _)| unit.is_none_or(|x| x == *u))
        .map(|(_, n)| n)
        .sum();
    let free_text = questions.iter().any(|q| q.kind == QuestionKind::FreeText);
    let mut comment_rows = Vec::new();
    if free_text && in_scope >= Thresholds::default().min_responses {
        let only = unit.map(|u| vec![u]);
        for (u, json) in db::answers(&mut c, round, only.as_deref()).await? {
            // Cairn wrote every response itself: one it cannot read is a fault to report.
            let answers: BTreeMap<String, Answer> = serde_json::from_str(&json)
                .map_err(|e| AppError::Unexpected(format!("survey response: {e}")))?;
            comment_rows.push((u, answers));
        }
    }
    let unit_names = cairn_db::units::list_units(&mut c, org, Some(&units), None, 10_000)
        .await?
        .into_iter()
        .filter(|u| actor.can_reach_unit(u.id))
        .map(|u| (u.id, u.name, u.name_cy))
        .collect();
    Ok(Results {
        unit_names,
        ..figures(
            round,
            unit,
            &units,
            &questions,
            &counts,
            &comment_rows,
            Thresholds::default(),
        )
    })
}

/// A round's answers as the database added them up.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// (unit, responses)
    pub responses: Vec<(i64, i64)>,
    /// (unit, question key, responses that answered it)
    pub answered: Vec<(i64, String, i64)>,
    /// (unit, question key, value, how many)
    pub tallies: Vec<(i64, String, String, i64)>,
}

/// One question's answers per unit.
struct Tally {
    /// `counts[unit][choice]`
    counts: Vec<Vec<i64>>,
    answered: Vec<i64>,
    comments: Vec<Vec<String>>,
}

/// Lays a round's counts out as one table per question (units by answers) and publishes the
/// part asked for. `comment_rows` are the responses (unit, answers) whose free text may be
/// shown. Pure, so its suppression can be tested without a database.
pub fn figures(
    round: i64,
    unit: Option<i64>,
    units: &[i64],
    questions: &[Question],
    counts: &Counts,
    comment_rows: &[(i64, BTreeMap<String, Answer>)],
    t: Thresholds,
) -> Results {
    let n_units = units.len();
    let unit_index: BTreeMap<i64, usize> = units.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let question_index: BTreeMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.key.as_str(), i))
        .collect();
    let mut tallies: Vec<Tally> = questions
        .iter()
        .map(|q| Tally {
            counts: vec![vec![0; q.choices.len()]; n_units],
            answered: vec![0; n_units],
            comments: vec![Vec::new(); n_units],
        })
        .collect();
    let mut per_unit = vec![0_i64; n_units];
    for (u, n) in &counts.responses {
        if let Some(&i) = unit_index.get(u) {
            per_unit[i] = *n;
        }
    }
    for (u, key, n) in &counts.answered {
        if let (Some(&i), Some(&qi)) = (unit_index.get(u), question_index.get(key.as_str())) {
            tallies[qi].answered[i] = *n;
        }
    }
    for (u, key, value, n) in &counts.tallies {
        if let (Some(&i), Some(&qi)) = (unit_index.get(u), question_index.get(key.as_str()))
            && let Some(c) = questions[qi].choices.iter().position(|c| c.value == *value)
        {
            tallies[qi].counts[i][c] = *n;
        }
    }
    for (u, answers) in comment_rows {
        let Some(&i) = unit_index.get(u) else {
            continue;
        };
        for (qi, q) in questions.iter().enumerate() {
            if q.kind == QuestionKind::FreeText
                && let Some(Answer::One(text)) = answers.get(&q.key)
            {
                tallies[qi].comments[i].push(text.clone());
            }
        }
    }
    let row_of = unit.and_then(|u| unit_index.get(&u).copied());
    let in_scope = |i: usize| row_of.is_none_or(|r| r == i);
    let scoped = |v: &[i64]| -> i64 { (0..n_units).filter(|i| in_scope(*i)).map(|i| v[i]).sum() };
    let raw_responses = scoped(&per_unit);
    let enough = raw_responses >= t.min_responses;
    // A per-unit count with the round's total beside it (responses, or those who answered a
    // question), hidden under the same rule so no unit's figure follows from the others.
    let per_unit_figure = |counts: &[i64]| -> Cell {
        let p = suppress(
            &Table {
                cells: counts.iter().map(|n| vec![*n]).collect(),
                column_totals: true,
            },
            t,
        );
        match row_of {
            Some(i) => p.cells[i][0],
            None => p.column_totals.first().copied().unwrap_or(Cell::Suppressed),
        }
    };
    let responses = per_unit_figure(&per_unit);
    let mut out = Vec::new();
    for (q, tally) in questions.iter().zip(tallies) {
        let answered = per_unit_figure(&tally.answered);
        if q.kind == QuestionKind::FreeText {
            out.push(QuestionFigures {
                key: q.key.clone(),
                kind: q.kind,
                answered,
                answers: Vec::new(),
                average_tenths: None,
                comments: if enough {
                    (0..n_units)
                        .filter(|i| in_scope(*i))
                        .flat_map(|i| tally.comments[i].iter().cloned())
                        .collect()
                } else {
                    Vec::new()
                },
            });
            continue;
        }
        let p = suppress(
            &Table {
                cells: tally.counts.clone(),
                column_totals: true,
            },
            t,
        );
        let answered_raw = scoped(&tally.answered);
        let (published, raw): (Vec<Cell>, Vec<i64>) = match row_of {
            Some(i) => (p.cells[i].clone(), tally.counts[i].clone()),
            None => (
                p.column_totals.clone(),
                (0..q.choices.len())
                    .map(|c| tally.counts.iter().map(|r| r[c]).sum())
                    .collect(),
            ),
        };
        // A share of a hidden number would give the number away: none without it.
        let answers: Vec<AnswerFigure> = q
            .choices
            .iter()
            .zip(&published)
            .map(|(choice, c)| AnswerFigure {
                value: choice.value.clone(),
                count: *c,
                percent: match answered {
                    Cell::Shown(_) => percent(*c, answered_raw, t),
                    Cell::Suppressed => Cell::Suppressed,
                },
            })
            .collect();
        let average_tenths = (q.kind == QuestionKind::Scale).then(|| {
            let hidden = published.contains(&Cell::Suppressed) || answered == Cell::Suppressed;
            if hidden || answered_raw < t.min_responses || answered_raw == 0 {
                Cell::Suppressed
            } else {
                let sum: i64 = q
                    .choices
                    .iter()
                    .zip(&raw)
                    .map(|(c, n)| c.value.parse::<i64>().unwrap_or(0) * n)
                    .sum();
                Cell::Shown((sum * 10 + answered_raw / 2) / answered_raw)
            }
        });
        out.push(QuestionFigures {
            key: q.key.clone(),
            kind: q.kind,
            answered,
            answers,
            average_tenths,
            comments: Vec::new(),
        });
    }
    Results {
        round_id: round,
        unit_id: unit,
        responses,
        comments_withheld: !enough && questions.iter().any(|q| q.kind == QuestionKind::FreeText),
        questions: out,
        question_texts: questions.to_vec(),
        may_chart: enough,
        unit_names: Vec::new(),
    }
}
