//! Survey pages: the list, building a survey from a template, a survey with its rounds and
//! each unit's link, opening a round, a round's results (for the service or one unit) with the
//! small-number rule visible, the same figures as CSV, and the public answer page a unit's
//! link or QR poster opens, in English or Welsh, in Easy Read on request, with no account.

use crate::context::{Ctx, Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::people::date_words;
use crate::views::{
    Choice, Chrome, FormState, choices, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template as Askama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::surveys::{Results, RoundDraft, SurveyDraft};
use cairn_domain::Permission;
use cairn_domain::people::Language;
use cairn_domain::surveys::suppression::Cell;
use cairn_domain::surveys::{Channel, Privacy, Question, QuestionKind, Template};
use cairn_domain::time::{DateParts, parse_date_parts};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/surveys", list)
        .get("/surveys/new", new_form)
        .post("/surveys/new", create)
        .get("/surveys/{id}", show)
        .post("/surveys/{id}/rounds", open_round)
        .get("/surveys/rounds/{id}", results_page)
        .get("/surveys/rounds/{id}/results.csv", results_csv)
        .get("/s/{token}", answer_form)
        .post("/s/{token}", answer)
}

fn welsh(t: &Tr) -> bool {
    t.lang == Language::Cy
}

fn title_of(t: &Tr, en: Option<&str>, cy: Option<&str>) -> String {
    crate::training::local_title(t, en, cy).text
}

/// A figure as a page and the CSV show it: the number, or "fewer than 5" for a hidden count.
fn shown(t: &Tr, c: Cell) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => t.get("results-suppressed"),
    }
}

fn shown_percent(t: &Tr, c: Cell) -> String {
    match c {
        Cell::Shown(n) => format!("{n}%"),
        Cell::Suppressed => t.get("results-too-few"),
    }
}

// ---------------------------------------------------------------------------------------------
// The list and a new survey
// ---------------------------------------------------------------------------------------------

#[derive(Askama)]
#[template(path = "surveys/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<(i64, String, String)>,
    can_manage: bool,
}

async fn list(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let rows = cairn_app::surveys::surveys(&st.app, s.actor())
        .await?
        .into_iter()
        .map(|x| {
            let privacy = Privacy::parse(&x.privacy)
                .map(|p| t.get(&p.label_id()))
                .unwrap_or_default();
            (
                x.id,
                title_of(&t, x.title_en.as_deref(), x.title_cy.as_deref()),
                privacy,
            )
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("surveys-title"), organisation(&st, &s).await?);
    html(&ListPage {
        rows,
        can_manage: s.actor().can(Permission::ManageSurveys),
        chrome,
        t,
    })
}

#[derive(Askama)]
#[template(path = "surveys/new.html")]
struct NewPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    privacies: Vec<Choice>,
    templates: Vec<Choice>,
}

async fn new_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageSurveys) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(s, t.get("surveys-new-title"), organisation(st, s).await?)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &NewPage {
            privacies: choices(
                &t,
                Privacy::ALL,
                |p| p.key(),
                |p| format!("{}-hint", p.label_id()),
            )
            .into_iter()
            .zip(Privacy::ALL)
            .map(|(c, p)| Choice {
                value: c.value,
                label: format!("{}: {}", t.get(&p.label_id()), c.label),
            })
            .collect(),
            templates: choices(&t, Template::ALL, |x| x.key(), |x| x.label_id()),
            form,
            chrome,
            t,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let mut form = FormState::new();
    form.set("privacy", "anonymous");
    new_view(&st, &s, form).await
}

#[derive(Deserialize)]
struct NewIn {
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_cy: String,
    #[serde(default)]
    privacy: String,
    #[serde(default)]
    template: String,
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<NewIn>) -> WebResult {
    let d = SurveyDraft {
        title_en: f.title_en.clone(),
        title_cy: f.title_cy.clone(),
        privacy: f.privacy.clone(),
        template: f.template.clone(),
        questions: None,
    };
    match cairn_app::surveys::create_survey(&st.app, s.actor(), &d).await {
        Ok(id) => see_other(&format!("/surveys/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("title_en", f.title_en)
                .set("title_cy", f.title_cy)
                .set("privacy", f.privacy)
                .set("template", f.template);
            form.add_errors(&s.ctx.t(), &errs);
            new_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// A survey, its rounds and links
// ---------------------------------------------------------------------------------------------

struct RoundRow {
    id: i64,
    name: String,
    dates: String,
    /// (unit name, link path; empty for those who cannot share links)
    units: Vec<(i64, String, String)>,
}

#[derive(Askama)]
#[template(path = "surveys/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    privacy: String,
    questions: Vec<String>,
    rounds: Vec<RoundRow>,
    can_manage: bool,
    units: Vec<Choice>,
    form: FormState,
}

async fn unit_names(st: &AppState, s: &Signed, t: &Tr) -> WebResult<Vec<(i64, String)>> {
    Ok(cairn_app::units::list_units(&st.app, s.actor(), None, 1000)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.unit.id,
                local_name(t, &u.unit.name, u.unit.name_cy.as_deref()),
            )
        })
        .collect())
}

async fn show_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::surveys::survey(&st.app, s.actor(), id).await?;
    let names = unit_names(st, s, &t).await?;
    let name_of = |u: i64| {
        names
            .iter()
            .find(|(x, _)| *x == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let rounds = d
        .rounds
        .iter()
        .map(|r| RoundRow {
            id: r.round.id,
            name: r.round.name.clone(),
            dates: t.with(
                "round-dates",
                &[
                    ("from", date_words(&t, &r.round.opens_on)),
                    ("to", date_words(&t, &r.round.closes_on)),
                ],
            ),
            units: r
                .units
                .iter()
                .map(|(u, token)| {
                    (
                        *u,
                        name_of(*u),
                        if token.is_empty() {
                            String::new()
                        } else {
                            format!("/s/{token}")
                        },
                    )
                })
                .collect(),
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        title_of(
            &t,
            d.survey.title_en.as_deref(),
            d.survey.title_cy.as_deref(),
        ),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ShowPage {
            id,
            privacy: Privacy::parse(&d.survey.privacy)
                .map(|p| t.get(&format!("{}-hint", p.label_id())))
                .unwrap_or_default(),
            questions: d
                .questions
                .iter()
                .map(|q| q.text.pick(welsh(&t), false).to_owned())
                .collect(),
            rounds,
            can_manage: s.actor().can(Permission::ManageSurveys),
            units: names
                .iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n.clone(),
                })
                .collect(),
            form,
            chrome,
            t,
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_view(&st, &s, id, FormState::new()).await
}

async fn open_round(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<Vec<(String, String)>>,
) -> WebResult {
    let get = |k: &str| {
        f.iter()
            .find(|(x, _)| x == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let parts = |p: &str| DateParts {
        day: get(&format!("{p}_day")),
        month: get(&format!("{p}_month")),
        year: get(&format!("{p}_year")),
    };
    let (opens, closes) = (parts("opens_on"), parts("closes_on"));
    let mut date_errors = cairn_domain::FieldErrors::new();
    let d = RoundDraft {
        name: get("name"),
        unit_ids: f
            .iter()
            .filter(|(k, _)| k == "unit_ids")
            .map(|(_, v)| v.clone())
            .collect(),
        opens_on: parse_date_parts(&mut date_errors, "opens_on", &opens, None)
            .map(|x| x.to_string()),
        closes_on: parse_date_parts(&mut date_errors, "closes_on", &closes, None)
            .map(|x| x.to_string()),
    };
    match cairn_app::surveys::open_round(&st.app, s.actor(), id, &d).await {
        Ok(round) => see_other(&format!("/surveys/{id}#round-{round}")),
        Err(AppError::Invalid(mut errs)) => {
            // A date that could not be read says why, in place of "enter a date".
            for e in date_errors.0 {
                errs.0.retain(|x| x.field != e.field);
                errs.0.push(e);
            }
            let mut form = FormState::new();
            form.set("name", d.name)
                .set_many("unit_ids", d.unit_ids)
                .set_date("opens_on", &opens)
                .set_date("closes_on", &closes);
            form.add_errors(&s.ctx.t(), &errs);
            show_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ResultsQuery {
    unit_id: Option<i64>,
}

struct AnswerRow {
    label: String,
    count: String,
    percent: String,
}

struct QuestionRow {
    text: String,
    answered: String,
    answers: Vec<AnswerRow>,
    average: Option<String>,
    comments: Vec<String>,
    free_text: bool,
}

#[derive(Askama)]
#[template(path = "surveys/results.html")]
struct ResultsPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    scope: String,
    unit_id: Option<i64>,
    /// (unit id, name, chosen)
    units: Vec<(i64, String, bool)>,
    responses: String,
    questions: Vec<QuestionRow>,
    comments_withheld: bool,
}

fn label_of(q: &Question, value: &str, welsh: bool) -> String {
    q.choices
        .iter()
        .find(|c| c.value == value)
        .map(|c| c.label.pick(welsh, false).to_owned())
        .unwrap_or_else(|| value.to_owned())
}

async fn results_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let r = cairn_app::surveys::results(&st.app, s.actor(), id, q.unit_id).await?;
    let names: Vec<(i64, String)> = r
        .unit_names
        .iter()
        .map(|(u, en, cy)| (*u, local_name(&t, en, cy.as_deref())))
        .collect();
    let w = welsh(&t);
    let questions = r
        .questions
        .iter()
        .zip(&r.question_texts)
        .map(|(f, q)| QuestionRow {
            text: q.text.pick(w, false).to_owned(),
            answered: shown(&t, f.answered),
            answers: f
                .answers
                .iter()
                .map(|a| AnswerRow {
                    label: label_of(q, &a.value, w),
                    count: shown(&t, a.count),
                    percent: shown_percent(&t, a.percent),
                })
                .collect(),
            average: f.average_tenths.map(|c| match c {
                Cell::Shown(n) => format!("{}.{}", n / 10, n % 10),
                Cell::Suppressed => t.get("results-too-few"),
            }),
            comments: f.comments.clone(),
            free_text: q.kind == QuestionKind::FreeText,
        })
        .collect();
    let scope = match q.unit_id {
        Some(u) => names
            .iter()
            .find(|(x, _)| *x == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
        None => t.get("results-all-units"),
    };
    let chrome = Chrome::signed(&s, t.get("results-title"), organisation(&st, &s).await?);
    html(&ResultsPage {
        id,
        scope,
        unit_id: q.unit_id,
        units: names
            .into_iter()
            .map(|(u, n)| (u, n, q.unit_id == Some(u)))
            .collect(),
        responses: shown(&t, r.responses),
        questions,
        comments_withheld: r.comments_withheld,
        chrome,
        t,
    })
}

/// A round's results as CSV rows: one line per answer (or per comment), with the same hidden
/// figures as the page, since both read the same [`Results`].
pub(crate) fn result_rows(t: &Tr, r: &Results) -> Vec<Vec<String>> {
    let w = welsh(t);
    let mut rows = vec![vec![
        t.get("results-col-question"),
        t.get("results-col-answer"),
        t.get("results-col-count"),
        t.get("results-col-percent"),
    ]];
    rows.push(vec![
        t.get("results-responses"),
        String::new(),
        shown(t, r.responses),
        String::new(),
    ]);
    for (f, q) in r.questions.iter().zip(&r.question_texts) {
        let text = q.text.pick(w, false).to_owned();
        for a in &f.answers {
            rows.push(vec![
                text.clone(),
                label_of(q, &a.value, w),
                shown(t, a.count),
                match a.percent {
                    Cell::Shown(n) => n.to_string(),
                    Cell::Suppressed => String::new(),
                },
            ]);
        }
        for c in &f.comments {
            rows.push(vec![text.clone(), c.clone(), String::new(), String::new()]);
        }
    }
    rows
}

async fn results_csv(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let r = cairn_app::surveys::results(&st.app, s.actor(), id, q.unit_id).await?;
    Ok(crate::csv_export::download(
        &format!("survey-round-{id}.csv"),
        &result_rows(&t, &r),
    ))
}

// ---------------------------------------------------------------------------------------------
// Answering through a unit's link
// ---------------------------------------------------------------------------------------------

struct Field {
    key: String,
    text: String,
    kind: &'static str,
    required: bool,
    /// (value, label, chosen)
    choices: Vec<(String, String, bool)>,
    value: String,
    error: Option<String>,
    /// The question it depends on, for the hint saying when to answer it.
    depends: Option<String>,
}

#[derive(Askama)]
#[template(path = "surveys/answer.html")]
struct AnswerPage {
    chrome: Chrome,
    t: Tr,
    token: String,
    title: String,
    unit: String,
    privacy: String,
    fields: Vec<Field>,
    easy: bool,
    open: bool,
    sent: bool,
    /// On a ward kiosk: large type, and back to a fresh form when left alone.
    kiosk: bool,
    idle_seconds: i64,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct AnswerQuery {
    easy: Option<String>,
    sent: Option<String>,
    kiosk: Option<String>,
}

/// Seconds a half-answered survey on a kiosk waits before it starts afresh for the next
/// person (a warning shows a minute before), and how long the thank-you stays.
const KIOSK_IDLE_SECONDS: i64 = 120;
const KIOSK_THANKS_SECONDS: i64 = 60;

#[expect(clippy::too_many_arguments, reason = "a page with this many states")]
async fn answer_view(
    st: &AppState,
    ctx: &Ctx,
    token: &str,
    easy: bool,
    kiosk: bool,
    sent: bool,
    posted: &[(String, String)],
    errors: &cairn_domain::FieldErrors,
) -> WebResult {
    let t = ctx.t();
    let v = cairn_app::surveys::by_link(&st.app, token).await?;
    let w = welsh(&t);
    let fields = v
        .questions
        .iter()
        .map(|q| {
            let given: Vec<&str> = posted
                .iter()
                .filter(|(k, _)| *k == q.key)
                .map(|(_, x)| x.as_str())
                .collect();
            Field {
                key: q.key.clone(),
                text: q.text.pick(w, easy).to_owned(),
                kind: q.kind.key(),
                required: q.required,
                choices: q
                    .choices
                    .iter()
                    .map(|c| {
                        (
                            c.value.clone(),
                            c.label.pick(w, easy).to_owned(),
                            given.contains(&c.value.as_str()),
                        )
                    })
                    .collect(),
                value: given.first().map(|x| (*x).to_owned()).unwrap_or_default(),
                error: errors.for_field(&q.key).map(|e| t.get(e.code)),
                depends: q.show_if.as_ref().and_then(|s| {
                    let parent = v.questions.iter().find(|p| p.key == s.key)?;
                    Some(t.with(
                        "answer-show-if",
                        &[
                            ("question", parent.text.pick(w, easy).to_owned()),
                            ("answer", label_of(parent, &s.equals, w)),
                        ],
                    ))
                }),
            }
        })
        .collect();
    let title = title_of(
        &t,
        v.survey.title_en.as_deref(),
        v.survey.title_cy.as_deref(),
    );
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut chrome = Chrome::public(ctx, title.clone());
    if !errors.is_empty() {
        chrome.title = format!("{}: {}", t.get("common-error-prefix").trim(), title);
    }
    html_status(
        status,
        &AnswerPage {
            token: token.to_owned(),
            unit: local_name(&t, &v.unit_name, v.unit_name_cy.as_deref()),
            privacy: Privacy::parse(&v.survey.privacy)
                .map(|p| t.get(&format!("{}-hint", p.label_id())))
                .unwrap_or_default(),
            fields,
            easy,
            open: v.open,
            sent,
            kiosk,
            idle_seconds: if sent {
                KIOSK_THANKS_SECONDS
            } else {
                KIOSK_IDLE_SECONDS
            },
            errors: errors
                .0
                .iter()
                .map(|e| (e.field.clone(), t.get(e.code)))
                .collect(),
            title,
            chrome,
            t,
        },
    )
}

async fn answer_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<AnswerQuery>,
) -> WebResult {
    answer_view(
        &st,
        &ctx,
        &token,
        q.easy.is_some(),
        q.kiosk.is_some(),
        q.sent.is_some(),
        &[],
        &cairn_domain::FieldErrors::new(),
    )
    .await
}

async fn answer(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<Vec<(String, String)>>,
) -> WebResult {
    let easy = f.iter().any(|(k, v)| k == "easy" && v == "1");
    let kiosk = f.iter().any(|(k, v)| k == "kiosk" && v == "1");
    let v = cairn_app::surveys::by_link(&st.app, &token).await?;
    // Each question's answer from the form: a list for several choices, else one value.
    let mut raw: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for q in &v.questions {
        let given: Vec<String> = f
            .iter()
            .filter(|(k, _)| *k == q.key)
            .map(|(_, x)| x.clone())
            .collect();
        if given.is_empty() {
            continue;
        }
        raw.insert(
            q.key.clone(),
            if q.kind == QuestionKind::SeveralChoices {
                serde_json::json!(given)
            } else {
                serde_json::json!(given[0])
            },
        );
    }
    let channel = if kiosk { Channel::Kiosk } else { Channel::Link };
    match cairn_app::surveys::answer_by_link(&st.app, &token, channel, &raw).await {
        // On a kiosk the next person starts in the standard version.
        Ok(_) => see_other(&format!(
            "/s/{token}?sent=1{}",
            if kiosk {
                "&kiosk=1"
            } else if easy {
                "&easy=1"
            } else {
                ""
            }
        )),
        Err(AppError::Invalid(errs)) => {
            answer_view(&st, &ctx, &token, easy, kiosk, false, &f, &errs).await
        }
        Err(e) => Err(e.into()),
    }
}
