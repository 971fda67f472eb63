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
    Answer, Channel, Choice, Privacy, Question, QuestionKind, ShowIf, Template, Wording,
    agree_scale, check_answers, check_questions, template,
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
    /// Start with no questions and add them one at a time on the survey's page.
    pub by_hand: bool,
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
        (None, None) if d.by_hand => Vec::new(),
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
    if questions_of(&s.questions_json)?.is_empty() {
        return Err(AppError::Conflict("round-error-no-questions"));
    }
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
    view_of(&mut c, app, org, round, unit).await
}

async fn view_of(
    c: &mut cairn_db::Conn<'_>,
    app: &App,
    org: i64,
    round: i64,
    unit: i64,
) -> AppResult<LinkView> {
    let round = db::round(c, org, round).await?.ok_or(AppError::NotFound)?;
    let survey = db::survey(c, org, round.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let u = cairn_db::units::get_unit(c, org, unit).await?;
    let today = today(c, app, org).await?.to_string();
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

/// Opens a single-use card: the survey as a link shows it, and whether the card has been used.
pub async fn by_card(app: &App, token: &str) -> AppResult<(LinkView, bool)> {
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (org, round, unit, used) = db::card(&mut c, token).await?.ok_or(AppError::NotFound)?;
    Ok((view_of(&mut c, app, org, round, unit).await?, used))
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

/// Saves an answer through a unit's link, kiosk or card. An anonymous survey keeps nothing
/// about the person or the device, and no audit row names anyone, even when the person is
/// signed in. A confidential or named survey needs the person signed in (`who`), keeps who
/// answered, and takes one answer from each person. One response is one row.
pub async fn answer_by_link(
    app: &App,
    token: &str,
    channel: Channel,
    who: Option<&Actor>,
    raw: &BTreeMap<String, serde_json::Value>,
) -> AppResult<i64> {
    let v = by_link(app, token).await?;
    save_answer(app, &v, channel, who, None, raw).await
}

/// Saves the one answer a single-use card allows; a card already used is refused, and the
/// card keeps only that it was used, never which response it gave.
pub async fn answer_by_card(
    app: &App,
    token: &str,
    raw: &BTreeMap<String, serde_json::Value>,
) -> AppResult<i64> {
    let (v, used) = by_card(app, token).await?;
    if used {
        return Err(AppError::Conflict("survey-error-card-used"));
    }
    save_answer(app, &v, Channel::Link, None, Some(token), raw).await
}

async fn save_answer(
    app: &App,
    v: &LinkView,
    channel: Channel,
    who: Option<&Actor>,
    card: Option<&str>,
    raw: &BTreeMap<String, serde_json::Value>,
) -> AppResult<i64> {
    let org = v.survey.organisation_id;
    let anonymous = v.survey.privacy == Privacy::Anonymous.key();
    let person = match who {
        _ if anonymous => None,
        Some(a) if a.organisation_id == Some(org) && a.person_id.is_some() => a.person_id,
        _ => return Err(AppError::Conflict("survey-error-needs-sign-in")),
    };
    if !v.open {
        return Err(AppError::Conflict("survey-error-closed"));
    }
    let answers = check_answers(&v.questions, raw)?;
    let json = serde_json::to_string(&answers)
        .map_err(|x| AppError::Unexpected(format!("answers: {x}")))?;
    let mut tx = app.db.begin().await?;
    if let Some(p) = person
        && db::has_answered(&mut tx.conn(), v.round.id, p).await?
    {
        return Err(AppError::Conflict("survey-error-already-answered"));
    }
    if let Some(token) = card
        && !db::use_card(&mut tx.conn(), token).await?
    {
        return Err(AppError::Conflict("survey-error-card-used"));
    }
    let today = today(&mut tx.conn(), app, org).await?;
    let id = db::insert_response(
        &mut tx.conn(),
        org,
        &NewResponse {
            round_id: v.round.id,
            unit_id: v.unit_id,
            week_of: &week_of(today),
            person_id: person,
            channel: if person.is_some() {
                Channel::Member.key()
            } else {
                channel.key()
            },
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
    // A named or confidential answer is the person's own act, recorded as theirs (never what
    // it said); an anonymous one leaves no audit row at all.
    if let (Some(a), Some(p)) = (who, person) {
        record::<(), _>(
            &mut tx.conn(),
            a,
            Some(org),
            Action::Create,
            "survey_response",
            Some(id),
            None,
            Some(&serde_json::json!({"round_id": v.round.id, "unit_id": v.unit_id, "channel": "member"})),
            Some(p),
            app.now(),
        )
        .await?;
    }
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
    /// Beside each comment: its response, and the suggestion it was sent on as.
    #[serde(skip)]
    pub comment_refs: Vec<(i64, Option<i64>)>,
}

/// Results for a round, for one unit or the whole round.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub round_id: i64,
    pub unit_id: Option<i64>,
    #[serde(serialize_with = "cell")]
    pub responses: Cell,
    pub questions: Vec<QuestionFigures>,
    /// Some free text was held back: too few responses, and not yet checked for names.
    pub comments_withheld: bool,
    #[serde(skip)]
    pub question_texts: Vec<Question>,
    #[serde(skip)]
    pub may_chart: bool,
    /// The round's units the reader reaches: (id, English name, Welsh name).
    #[serde(skip)]
    pub unit_names: Vec<(i64, String, Option<String>)>,
    /// The small-number rule these figures were published under.
    #[serde(skip)]
    pub thresholds: Thresholds,
    /// Which survey and round these are (English title, Welsh title, round's name), for the
    /// page to name them; empty when only the figures were wanted.
    #[serde(skip)]
    pub named: (Option<String>, Option<String>, String),
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
    results_with(app, actor, round, unit, true).await
}

/// As [`results`]; without `full`, the figures alone (no free text, no unit names), for
/// comparing rounds.
async fn results_with(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: Option<i64>,
    full: bool,
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
    let t = thresholds(&mut c, org).await?;
    let (responses, answered) = db::response_counts(&mut c, round).await?;
    let counts = Counts {
        responses,
        answered,
        tallies: db::tallies(&mut c, round).await?,
    };
    if !full {
        return Ok(figures(round, unit, &units, &questions, &counts, &[], t));
    }
    let comment_rows = comment_rows(&mut c, round, unit, &questions).await?;
    let unit_names = cairn_db::units::list_units(&mut c, org, Some(&units), None, 10_000)
        .await?
        .into_iter()
        .filter(|u| actor.can_reach_unit(u.id))
        .map(|u| (u.id, u.name, u.name_cy))
        .collect();
    let survey = db::survey(&mut c, org, r.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Results {
        unit_names,
        named: (survey.title_en, survey.title_cy, r.name),
        ..figures(round, unit, &units, &questions, &counts, &comment_rows, t)
    })
}

/// The organisation's small-number rule (never below the defaults: the database refuses it).
async fn thresholds(c: &mut cairn_db::Conn<'_>, org: i64) -> AppResult<Thresholds> {
    let (min_count, min_responses) = db::thresholds(c, org).await?;
    let d = Thresholds::default();
    Ok(Thresholds {
        min_count: min_count.max(d.min_count),
        min_responses: min_responses.max(d.min_responses),
    })
}

/// The organisation's small-number rule as it stands.
pub async fn survey_thresholds(app: &App, actor: &Actor) -> AppResult<Thresholds> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    thresholds(&mut h.conn(), org).await
}

/// Raises (or lowers, never below the defaults) the organisation's small-number rule.
pub async fn set_thresholds(
    app: &App,
    actor: &Actor,
    min_count: &str,
    min_responses: &str,
) -> AppResult<Thresholds> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let d = Thresholds::default();
    let mut e = FieldErrors::new();
    let count = match min_count.trim().parse::<i64>() {
        Ok(n) if (d.min_count..=100).contains(&n) => n,
        _ => {
            e.add("min_count", "survey-error-min-count");
            0
        }
    };
    let responses = match min_responses.trim().parse::<i64>() {
        Ok(n) if (d.min_responses..=1000).contains(&n) => n,
        _ => {
            e.add("min_responses", "survey-error-min-responses");
            0
        }
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::set_thresholds(&mut tx.conn(), org, count, responses, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "survey_thresholds",
        Some(org),
        None,
        Some(&serde_json::json!({"min_count": count, "min_responses": responses})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Thresholds {
        min_count: count,
        min_responses: responses,
    })
}

/// One free-text answer, with what someone who read it for names decided.
#[derive(Debug, Clone)]
pub struct CommentRow {
    pub response_id: i64,
    pub unit_id: i64,
    pub key: String,
    /// The words as they may be shown: as written, or as checked (a name taken out).
    pub text: String,
    /// The words as written (for the one who checks them).
    pub written: String,
    pub checked: bool,
    pub suggestion_id: Option<i64>,
}

/// The free-text answers of a round (for `unit`, or every unit), with their checks.
async fn comment_rows(
    c: &mut cairn_db::Conn<'_>,
    round: i64,
    unit: Option<i64>,
    questions: &[Question],
) -> AppResult<Vec<CommentRow>> {
    if !questions.iter().any(|q| q.kind == QuestionKind::FreeText) {
        return Ok(Vec::new());
    }
    let checks: BTreeMap<(i64, String), db::CommentCheck> = db::comment_checks(c, round)
        .await?
        .into_iter()
        .map(|k| ((k.response_id, k.question_key.clone()), k))
        .collect();
    let only = unit.map(|u| vec![u]);
    let mut out = Vec::new();
    for (id, u, json) in db::answers(c, round, only.as_deref()).await? {
        // Cairn wrote every response itself: one it cannot read is a fault to report.
        let answers: BTreeMap<String, Answer> = serde_json::from_str(&json)
            .map_err(|e| AppError::Unexpected(format!("survey response: {e}")))?;
        for q in questions
            .iter()
            .filter(|q| q.kind == QuestionKind::FreeText)
        {
            if let Some(Answer::One(text)) = answers.get(&q.key) {
                let check = checks.get(&(id, q.key.clone()));
                out.push(CommentRow {
                    response_id: id,
                    unit_id: u,
                    key: q.key.clone(),
                    text: check.map_or_else(|| text.clone(), |k| k.shown_text.clone()),
                    written: text.clone(),
                    checked: check.is_some(),
                    suggestion_id: check.and_then(|k| k.suggestion_id),
                });
            }
        }
    }
    Ok(out)
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
struct Tally<'a> {
    /// `counts[unit][choice]`
    counts: Vec<Vec<i64>>,
    answered: Vec<i64>,
    comments: Vec<Vec<&'a CommentRow>>,
}

/// Lays a round's counts out as one table per question (units by answers) and publishes the
/// part asked for. `comment_rows` are the round's free-text answers: shown when the scope has
/// enough responses, and otherwise only those someone has checked for names. Pure, so its suppression can be tested without a database.
pub fn figures(
    round: i64,
    unit: Option<i64>,
    units: &[i64],
    questions: &[Question],
    counts: &Counts,
    comment_rows: &[CommentRow],
    t: Thresholds,
) -> Results {
    let n_units = units.len();
    let unit_index: BTreeMap<i64, usize> = units.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let question_index: BTreeMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.key.as_str(), i))
        .collect();
    let mut tallies: Vec<Tally<'_>> = questions
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
    for row in comment_rows {
        if let (Some(&i), Some(&qi)) = (
            unit_index.get(&row.unit_id),
            question_index.get(row.key.as_str()),
        ) {
            tallies[qi].comments[i].push(row);
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
    let mut withheld = false;
    for (q, tally) in questions.iter().zip(tallies) {
        let answered = per_unit_figure(&tally.answered);
        if q.kind == QuestionKind::FreeText {
            out.push(QuestionFigures {
                key: q.key.clone(),
                kind: q.kind,
                answered,
                answers: Vec::new(),
                average_tenths: None,
                // With too few responses, only words someone has checked for names.
                comments: (0..n_units)
                    .filter(|i| in_scope(*i))
                    .flat_map(|i| tally.comments[i].iter())
                    .filter(|c| enough || c.checked)
                    .map(|c| c.text.clone())
                    .collect(),
                comment_refs: (0..n_units)
                    .filter(|i| in_scope(*i))
                    .flat_map(|i| tally.comments[i].iter())
                    .filter(|c| enough || c.checked)
                    .map(|c| (c.response_id, c.suggestion_id))
                    .collect(),
            });
            withheld |= (0..n_units)
                .filter(|i| in_scope(*i))
                .flat_map(|i| tally.comments[i].iter())
                .any(|c| !(enough || c.checked));
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
            comment_refs: Vec::new(),
        });
    }
    Results {
        round_id: round,
        unit_id: unit,
        responses,
        comments_withheld: withheld,
        questions: out,
        question_texts: questions.to_vec(),
        may_chart: enough,
        unit_names: Vec::new(),
        thresholds: t,
        named: Default::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Comments: checked for names, sent on as suggestions
// ---------------------------------------------------------------------------------------------

/// Longest a checked comment may be.
pub const COMMENT_MAX: usize = 2000;

/// A round's free-text answers for someone who checks them for names: every comment of every
/// unit in reach, whether or not the unit has enough responses to show it, and which units
/// are under the rule (so their comments wait for a check).
pub async fn comments_to_check(
    app: &App,
    actor: &Actor,
    round: i64,
) -> AppResult<(Round, Vec<Question>, Vec<CommentRow>, Vec<i64>)> {
    require(actor, Permission::CheckSurveyComments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let r = db::round(&mut c, org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = questions_of(&r.questions_json)?;
    let t = thresholds(&mut c, org).await?;
    let (responses, _) = db::response_counts(&mut c, round).await?;
    let under: Vec<i64> = responses
        .iter()
        .filter(|(_, n)| *n < t.min_responses)
        .map(|(u, _)| *u)
        .collect();
    let rows = comment_rows(&mut c, round, None, &questions)
        .await?
        .into_iter()
        .filter(|x| actor.can_reach_unit(x.unit_id))
        .collect();
    Ok((r, questions, rows, under))
}

/// Marks a comment checked for names, with the words as they may be shown (the checker takes
/// any name out). The audit says which comment was checked, never its words.
pub async fn check_comment(
    app: &App,
    actor: &Actor,
    round: i64,
    response: i64,
    key: &str,
    shown: &str,
) -> AppResult<()> {
    require(actor, Permission::CheckSurveyComments)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let unit = comment_unit(&mut tx.conn(), org, round, response, key).await?;
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    let shown = shown.trim();
    if shown.is_empty() {
        return Err(invalid("shown_text", "survey-error-comment-empty"));
    }
    if shown.chars().count() > COMMENT_MAX {
        return Err(invalid("shown_text", "survey-error-comment-long"));
    }
    db::check_comment(&mut tx.conn(), response, key, shown, &actor.label, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "survey_comment",
        Some(response),
        None,
        Some(&serde_json::json!({"round_id": round, "question": key, "checked": true})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The unit of a response's free-text answer `key` in `round`; not found when there is none.
async fn comment_unit(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    round: i64,
    response: i64,
    key: &str,
) -> AppResult<i64> {
    let r = db::round(c, org, round).await?.ok_or(AppError::NotFound)?;
    let questions = questions_of(&r.questions_json)?;
    if !questions
        .iter()
        .any(|q| q.key == key && q.kind == QuestionKind::FreeText)
    {
        return Err(AppError::NotFound);
    }
    let (unit, json) = db::response(c, round, response)
        .await?
        .ok_or(AppError::NotFound)?;
    let answers: BTreeMap<String, Answer> = serde_json::from_str(&json)
        .map_err(|e| AppError::Unexpected(format!("survey response: {e}")))?;
    match answers.get(key) {
        Some(Answer::One(_)) => Ok(unit),
        _ => Err(AppError::NotFound),
    }
}

/// Sends a comment on to the feedback loop as an anonymous suggestion (channel "survey") on
/// its unit, in the words results readers see. Only a comment the sender may read is sent: one
/// from a unit with enough responses, or one checked for names. Once only.
pub async fn comment_to_suggestion(
    app: &App,
    actor: &Actor,
    round: i64,
    response: i64,
    key: &str,
    lang: cairn_domain::people::Language,
) -> AppResult<i64> {
    require(actor, Permission::ViewSurveyResults)?;
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let (unit, row) = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let unit = comment_unit(&mut c, org, round, response, key).await?;
        if !actor.can_reach_unit(unit) {
            return Err(AppError::NotFound);
        }
        let r = db::round(&mut c, org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let questions = questions_of(&r.questions_json)?;
        let t = thresholds(&mut c, org).await?;
        let (responses, _) = db::response_counts(&mut c, round).await?;
        let enough = responses
            .iter()
            .any(|(u, n)| *u == unit && *n >= t.min_responses);
        let row = comment_rows(&mut c, round, Some(unit), &questions)
            .await?
            .into_iter()
            .find(|x| x.response_id == response && x.key == key)
            .ok_or(AppError::NotFound)?;
        if !(enough || row.checked) {
            return Err(AppError::Conflict("survey-error-comment-unchecked"));
        }
        if row.suggestion_id.is_some() {
            return Err(AppError::Conflict("survey-error-comment-sent"));
        }
        (unit, row)
    };
    let text: String = row
        .text
        .chars()
        .take(cairn_domain::feedback::TEXT_MAX)
        .collect();
    let id = crate::feedback::enter(
        app,
        actor,
        &cairn_domain::feedback::SuggestionDraft {
            unit_id: Some(unit),
            text,
            channel: "survey".into(),
            anonymous: true,
            contact: None,
            found_on: Default::default(),
        },
        lang,
    )
    .await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !row.checked {
        // Reading it to send it on is a check: the words go as they were shown.
        db::check_comment(&mut tx.conn(), response, key, &row.text, &actor.label, now).await?;
    }
    db::set_comment_suggestion(&mut tx.conn(), response, key, id).await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Cards, figures from other surveys, exit surveys, a member's open surveys
// ---------------------------------------------------------------------------------------------

/// Most cards printed at once.
pub const CARDS_MAX: i64 = 200;

/// Prints a batch of single-use cards for a unit of a round (anonymous surveys only: a card
/// is for one answer from someone without an account). Returns when they were printed (which
/// names the batch) and their tokens.
pub async fn print_cards(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: i64,
    count: &str,
) -> AppResult<(i64, Vec<String>)> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let r = db::round(&mut tx.conn(), org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let n = match count.trim().parse::<i64>() {
        Ok(n) if (1..=CARDS_MAX).contains(&n) => n,
        _ => return Err(invalid("count", "survey-error-cards")),
    };
    let s = db::survey(&mut tx.conn(), org, r.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.privacy != Privacy::Anonymous.key() {
        return Err(AppError::Conflict("survey-error-cards-anonymous"));
    }
    let on_round = db::round_units(&mut tx.conn(), round)
        .await?
        .iter()
        .any(|(u, _)| *u == unit);
    if !on_round || !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    let mut tokens = Vec::new();
    for _ in 0..n {
        let token = new_token();
        db::insert_card(&mut tx.conn(), &token, round, unit, now).await?;
        tokens.push(token);
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "survey_cards",
        Some(round),
        None,
        Some(&serde_json::json!({"unit_id": unit, "cards": n})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((now, tokens))
}

/// A headline figure from another survey, as typed.
#[derive(Debug, Clone, Default)]
pub struct OtherFigureDraft {
    pub unit_id: i64,
    pub source: String,
    pub measure_en: String,
    pub measure_cy: String,
    pub figure: String,
    pub responses: String,
    pub measured_on: Option<String>,
}

/// Longest source, measure or figure text.
pub const FIGURE_TEXT_MAX: usize = 200;

/// Records a unit's headline figure from a survey run elsewhere.
pub async fn record_other_figure(app: &App, actor: &Actor, d: &OtherFigureDraft) -> AppResult<i64> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let long = |x: &str| x.chars().count() > FIGURE_TEXT_MAX;
    let (source, en, cy, figure) = (
        d.source.trim(),
        d.measure_en.trim(),
        d.measure_cy.trim(),
        d.figure.trim(),
    );
    if source.is_empty() || long(source) {
        e.add("source", "figure-error-source");
    }
    if (en.is_empty() && cy.is_empty()) || long(en) || long(cy) {
        e.add("measure_en", "figure-error-measure");
    }
    if figure.is_empty() || long(figure) {
        e.add("figure", "figure-error-figure");
    }
    let responses = match d.responses.trim() {
        "" => None,
        x => match x.replace(',', "").parse::<i64>() {
            Ok(n) if (0..=10_000_000).contains(&n) => Some(n),
            _ => {
                e.add("responses", "figure-error-responses");
                None
            }
        },
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today(&mut tx.conn(), app, org).await?;
    let on = d.measured_on.as_deref().and_then(parse_iso_date);
    match on {
        Some(x) if x <= today => {}
        _ => e.add("measured_on", "figure-error-date"),
    }
    let known = cairn_db::units::units_in_organisation(&mut tx.conn(), org).await?;
    if !known.contains(&d.unit_id) || !actor.can_reach_unit(d.unit_id) {
        return Err(AppError::NotFound);
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let on = on.map(|x| x.to_string()).unwrap_or_default();
    let id = db::insert_other_figure(
        &mut tx.conn(),
        org,
        &db::NewOtherFigure {
            unit_id: d.unit_id,
            source,
            measure_en: Some(en).filter(|x| !x.is_empty()),
            measure_cy: Some(cy).filter(|x| !x.is_empty()),
            figure,
            responses,
            measured_on: &on,
        },
        &actor.label,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "unit_survey_figure",
        Some(id),
        None,
        Some(&serde_json::json!({"unit_id": d.unit_id, "source": source})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A unit's headline figures from other surveys, latest first.
pub async fn other_figures(app: &App, actor: &Actor, unit: i64) -> AppResult<Vec<db::OtherFigure>> {
    require(actor, Permission::ViewSurveyResults)?;
    let org = org_of(actor)?;
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    let mut h = app.db.acquire().await?;
    Ok(db::other_figures(&mut h.conn(), org, unit).await?)
}

/// An exit survey to offer someone who has just left: the round, the unit, and how to answer
/// (the link for an anonymous survey; staff with the person for a named or confidential one).
#[derive(Debug, Clone, Serialize)]
pub struct ExitOffer {
    pub round_id: i64,
    pub unit_id: i64,
    pub link: Option<String>,
    pub privacy: String,
}

/// The exit surveys open today on a person's units, one per unit, for staff who can enter
/// responses.
pub async fn exit_offers(app: &App, actor: &Actor, person: i64) -> AppResult<Vec<ExitOffer>> {
    if !actor.can(Permission::EnterSurveyResponses) {
        return Ok(Vec::new());
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today(&mut c, app, org).await?.to_string();
    let units = cairn_db::people::units_of(&mut c, &[person]).await?;
    let mut out = Vec::new();
    for (_, u) in units.into_iter().filter(|(_, u)| actor.can_reach_unit(*u)) {
        if let Some((round, token, privacy)) = db::open_exit_rounds(&mut c, u, &today)
            .await?
            .into_iter()
            .next()
        {
            out.push(ExitOffer {
                round_id: round,
                unit_id: u,
                link: (privacy == Privacy::Anonymous.key()).then(|| format!("/s/{token}")),
                privacy,
            });
        }
    }
    Ok(out)
}

/// A survey open to a signed-in member on one of their units.
#[derive(Debug, Clone, Serialize)]
pub struct OpenSurvey {
    pub survey: Survey,
    pub round: Round,
    pub unit_id: i64,
    pub link: String,
    /// They have answered it already (named and confidential surveys only can tell).
    pub answered: bool,
}

/// The surveys open today on the signed-in member's units.
pub async fn open_for_me(app: &App, actor: &Actor) -> AppResult<Vec<OpenSurvey>> {
    let (Some(org), Some(person)) = (actor.organisation_id, actor.person_id) else {
        return Ok(Vec::new());
    };
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today(&mut c, app, org).await?.to_string();
    let mut out = Vec::new();
    for (round, unit, token, survey) in db::open_rounds_for_person(&mut c, person, &today).await? {
        let (Some(r), Some(s)) = (
            db::round(&mut c, org, round).await?,
            db::survey(&mut c, org, survey).await?,
        ) else {
            continue;
        };
        let answered = s.privacy != Privacy::Anonymous.key()
            && db::has_answered(&mut c, round, person).await?;
        out.push(OpenSurvey {
            survey: s,
            round: r,
            unit_id: unit,
            link: format!("/s/{token}"),
            answered,
        });
    }
    Ok(out)
}

/// The unused cards of one printing, to print (again): those who manage surveys only.
pub async fn unused_cards(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: i64,
    printed_at: i64,
) -> AppResult<Vec<String>> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    db::round(&mut c, org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(db::unused_cards(&mut c, round, unit, printed_at).await?)
}

/// The form staff type a paper response into: the round's questions for a unit in reach.
pub async fn paper_view(app: &App, actor: &Actor, round: i64, unit: i64) -> AppResult<LinkView> {
    require(actor, Permission::EnterSurveyResponses)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let on_round = db::round_units(&mut c, round)
        .await?
        .iter()
        .any(|(u, _)| *u == unit);
    if !on_round || !actor.can_reach_unit(unit) || db::round(&mut c, org, round).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let mut v = view_of(&mut c, app, org, round, unit).await?;
    // Paper forms filled in while the round was open may be typed in after it closes.
    v.open = v.round.opens_on <= today(&mut c, app, org).await?.to_string();
    Ok(v)
}

/// Whether the signed-in person has answered a round (named and confidential surveys).
pub async fn answered_by_me(app: &App, actor: &Actor, round: i64) -> AppResult<bool> {
    let Some(person) = actor.person_id else {
        return Ok(false);
    };
    let mut h = app.db.acquire().await?;
    Ok(db::has_answered(&mut h.conn(), round, person).await?)
}

/// The reasons people gave in exit surveys, by quarter, under the small-number rule: one row
/// per quarter (responses, then each reason in the template's order), with the totals.
#[derive(Debug, Clone)]
pub struct ExitSurveyReasons {
    /// The small-number rule the counts were published under.
    pub thresholds: Thresholds,
    /// The reasons' values, in the template's order.
    pub reasons: Vec<String>,
    /// (quarter, responses, a count per reason)
    pub quarters: Vec<(String, Cell, Vec<Cell>)>,
}

/// Exit-survey reasons for the exits report (who reads exits reads these; no one is named).
pub async fn exit_survey_reasons(app: &App, actor: &Actor) -> AppResult<ExitSurveyReasons> {
    require(actor, Permission::ViewExits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let t = thresholds(&mut c, org).await?;
    let (reasons, responses) = db::exit_reasons(&mut c, org).await?;
    let values: Vec<String> = template(Template::Exit)
        .into_iter()
        .find(|q| q.key == "ex_reason")
        .map(|q| q.choices.into_iter().map(|c| c.value).collect())
        .unwrap_or_default();
    // Cairn wrote every week itself: one it cannot read is a fault to report, not to skip.
    let quarter = |week: &str| {
        parse_iso_date(week)
            .map(cairn_domain::roles::quarter_key)
            .ok_or_else(|| AppError::Unexpected(format!("survey response week: {week}")))
    };
    let mut by: BTreeMap<String, (i64, Vec<i64>)> = BTreeMap::new();
    for (week, n) in &responses {
        by.entry(quarter(week)?)
            .or_insert_with(|| (0, vec![0; values.len()]))
            .0 += n;
    }
    for (week, value, n) in &reasons {
        if let Some(i) = values.iter().position(|v| v == value) {
            by.entry(quarter(week)?)
                .or_insert_with(|| (0, vec![0; values.len()]))
                .1[i] += n;
        }
    }
    // One table: responses and each reason per quarter, hidden by the one rule.
    let table = Table {
        cells: by
            .values()
            .map(|(n, r)| std::iter::once(*n).chain(r.iter().copied()).collect())
            .collect(),
        column_totals: true,
    };
    let p = suppress(&table, t);
    Ok(ExitSurveyReasons {
        thresholds: t,
        reasons: values,
        quarters: by
            .keys()
            .zip(p.cells)
            .map(|(q, row)| (q.clone(), row[0], row[1..].to_vec()))
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Questions written by hand, one at a time
// ---------------------------------------------------------------------------------------------

/// A question as typed on the survey's page.
#[derive(Debug, Clone, Default)]
pub struct QuestionDraft {
    pub text_en: String,
    pub text_cy: String,
    pub easy_en: String,
    pub easy_cy: String,
    pub kind: String,
    /// One answer per line, the Welsh after a `|` ("Yes | Ydw").
    pub choices: String,
    pub required: bool,
    /// `key=value`: show only when that earlier question was answered so; empty for always.
    pub show_if: String,
}

fn optional(x: &str) -> Option<String> {
    Some(x.trim().to_owned()).filter(|x| !x.is_empty())
}

/// Adds a question to a survey written by hand (a template's questions stay as they are).
/// Rounds already open keep the questions they froze.
pub async fn add_question(
    app: &App,
    actor: &Actor,
    survey: i64,
    d: &QuestionDraft,
) -> AppResult<()> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut questions = editable_questions(&mut tx.conn(), org, survey).await?;
    let mut e = FieldErrors::new();
    let text = Wording {
        en: d.text_en.trim().to_owned(),
        cy: d.text_cy.trim().to_owned(),
        easy_en: optional(&d.easy_en),
        easy_cy: optional(&d.easy_cy),
    };
    if check_questions(&[Question {
        key: "q".into(),
        kind: QuestionKind::FreeText,
        text: text.clone(),
        required: false,
        choices: Vec::new(),
        show_if: None,
        locked: false,
        practice: None,
    }])
    .is_err()
    {
        e.add("text_en", "survey-error-question-text");
    }
    let kind = QuestionKind::parse(d.kind.trim());
    let choices = match kind {
        None => {
            e.add("kind", "survey-error-kind");
            Vec::new()
        }
        Some(QuestionKind::Scale) => agree_scale(),
        Some(QuestionKind::OneChoice | QuestionKind::SeveralChoices) => {
            let lines: Vec<&str> = d
                .choices
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let parsed: Vec<Choice> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let (en, cy) = l.split_once('|').unwrap_or((l, ""));
                    Choice {
                        value: format!("c{}", i + 1),
                        label: Wording {
                            en: en.trim().to_owned(),
                            cy: cy.trim().to_owned(),
                            easy_en: None,
                            easy_cy: None,
                        },
                    }
                })
                .collect();
            let bad = parsed.len() < 2
                || parsed.len() > 20
                || parsed.iter().any(|c| {
                    (c.label.en.is_empty() && c.label.cy.is_empty())
                        || c.label.en.chars().count() > cairn_domain::surveys::WORDING_MAX
                        || c.label.cy.chars().count() > cairn_domain::surveys::WORDING_MAX
                });
            if bad {
                e.add("choices", "survey-error-choice-lines");
            }
            parsed
        }
        Some(_) => Vec::new(),
    };
    let show_if = match d.show_if.trim() {
        "" => None,
        x => {
            let found = x.split_once('=').and_then(|(k, v)| {
                questions
                    .iter()
                    .find(|q| q.key == k && !q.choices.is_empty())
                    .filter(|q| q.choices.iter().any(|c| c.value == v))
                    .map(|_| ShowIf {
                        key: k.to_owned(),
                        equals: v.to_owned(),
                    })
            });
            if found.is_none() {
                e.add("show_if", "survey-error-show-if");
            }
            found
        }
    };
    if questions.len() >= cairn_domain::surveys::QUESTIONS_MAX {
        e.add("text_en", "survey-error-question-count");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let key = (1..)
        .map(|n| format!("q{n}"))
        .find(|k| !questions.iter().any(|q| q.key == *k))
        .unwrap_or_default();
    questions.push(Question {
        key: key.clone(),
        kind: kind.unwrap_or(QuestionKind::FreeText),
        text,
        required: d.required,
        choices,
        show_if,
        locked: false,
        practice: None,
    });
    check_questions(&questions)?;
    save_questions(
        &mut tx.conn(),
        actor,
        (org, survey),
        &questions,
        serde_json::json!({"added_question": key}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A hand-written survey's questions, to change; a built-in survey's are fixed.
async fn editable_questions(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    survey: i64,
) -> AppResult<Vec<Question>> {
    let s = db::survey(c, org, survey)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.template.is_some() {
        return Err(AppError::Conflict("survey-error-template-fixed"));
    }
    questions_of(&s.questions_json)
}

/// Stores a survey's changed questions and audits the change (`change` says which question).
async fn save_questions(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    (org, survey): (i64, i64),
    questions: &[Question],
    change: serde_json::Value,
    now: i64,
) -> AppResult<()> {
    let json = serde_json::to_string(questions)
        .map_err(|x| AppError::Unexpected(format!("survey questions: {x}")))?;
    db::set_questions(c, org, survey, &json, now).await?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Update,
        "survey",
        Some(survey),
        None,
        Some(&change),
        None,
        now,
    )
    .await?;
    Ok(())
}

/// Takes a question out of a survey written by hand, unless a later question depends on it.
pub async fn remove_question(app: &App, actor: &Actor, survey: i64, key: &str) -> AppResult<()> {
    require(actor, Permission::ManageSurveys)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut questions = editable_questions(&mut tx.conn(), org, survey).await?;
    if !questions.iter().any(|q| q.key == key) {
        return Err(AppError::NotFound);
    }
    if questions
        .iter()
        .any(|q| q.show_if.as_ref().is_some_and(|x| x.key == key))
    {
        return Err(AppError::Conflict("survey-error-question-depended-on"));
    }
    questions.retain(|q| q.key != key);
    save_questions(
        &mut tx.conn(),
        actor,
        (org, survey),
        &questions,
        serde_json::json!({"removed_question": key}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every round of the survey `round` belongs to, each with its own results for `unit` (or the
/// whole round), oldest first, so like is compared with like: each round's figures are
/// published under the rule on their own, with its number of responses. Rounds not run on the
/// unit are left out.
pub async fn across_rounds(
    app: &App,
    actor: &Actor,
    round: i64,
    unit: Option<i64>,
) -> AppResult<Vec<(Round, Results)>> {
    require(actor, Permission::ViewSurveyResults)?;
    let org = org_of(actor)?;
    let rounds = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let r = db::round(&mut c, org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        db::rounds_of(&mut c, r.survey_id).await?
    };
    let mut out = Vec::new();
    for r in rounds {
        match results_with(app, actor, r.id, unit, false).await {
            Ok(x) => out.push((r, x)),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A person's answer to a named survey, as their page shows it.
#[derive(Debug, Clone)]
pub struct NamedAnswer {
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub round: String,
    pub week_of: String,
    /// (question, the answer as the person gave it: choices' values, a number or words)
    pub answers: Vec<(Question, Answer)>,
}

/// A person's answers to named surveys (they agreed to be named), for staff who may read both
/// the person and survey results; confidential and anonymous answers never show here. The
/// caller reads the person's record first, which audits the read.
pub async fn named_answers(app: &App, actor: &Actor, person: i64) -> AppResult<Vec<NamedAnswer>> {
    if !actor.can(Permission::ViewSurveyResults) || !actor.can(Permission::ViewPeople) {
        return Ok(Vec::new());
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    crate::people::load_in_reach(&mut c, actor, org, person).await?;
    let mut out = Vec::new();
    for (title_en, title_cy, round, week_of, questions, answers) in
        db::named_responses_of(&mut c, org, person).await?
    {
        let questions = questions_of(&questions)?;
        let mut given: BTreeMap<String, Answer> = serde_json::from_str(&answers)
            .map_err(|e| AppError::Unexpected(format!("survey response: {e}")))?;
        out.push(NamedAnswer {
            title_en,
            title_cy,
            round,
            week_of,
            answers: questions
                .into_iter()
                .filter_map(|q| given.remove(&q.key).map(|a| (q, a)))
                .collect(),
        });
    }
    Ok(out)
}
