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
use cairn_domain::surveys::suppression::{Cell, Thresholds};
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
        .post("/surveys/{id}/questions", add_question)
        .post("/surveys/{id}/questions/remove", remove_question)
        .get("/surveys/rounds/{id}", results_page)
        .get("/surveys/rounds/{id}/results.csv", results_csv)
        .get("/surveys/rounds/{id}/compare", compare_page)
        .post("/surveys/rounds/{id}/cards", print_cards)
        .get("/surveys/rounds/{id}/cards", cards_page)
        .get("/surveys/rounds/{id}/paper", paper_form)
        .post("/surveys/rounds/{id}/paper", paper_answer)
        .get("/surveys/rounds/{id}/comments", comments_page)
        .post("/surveys/rounds/{id}/comments/check", check_comment)
        .post(
            "/surveys/rounds/{id}/comments/suggestion",
            comment_to_suggestion,
        )
        .post("/surveys/rounds/{id}/figures", record_figure)
        .post("/surveys/settings", save_settings)
        .get("/s/{token}", answer_form)
        .post("/s/{token}", answer)
        .get("/s/{token}/poster", poster)
        .get("/c/{token}", card_form)
        .post("/c/{token}", card_answer)
}

fn welsh(t: &Tr) -> bool {
    t.lang == Language::Cy
}

fn title_of(t: &Tr, en: Option<&str>, cy: Option<&str>) -> String {
    crate::training::local_title(t, en, cy).text
}

/// A figure as a page and the CSV show it: the number, or "fewer than 5" for a hidden count.
pub(crate) fn shown(t: &Tr, c: Cell, rule: Thresholds) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => t.with(
            "results-suppressed",
            &[("count", rule.min_count.to_string())],
        ),
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
    /// The organisation's small-number rule, and whether this reader may change it.
    min_count: i64,
    min_responses: i64,
    can_set: bool,
    saved: bool,
    form: FormState,
}

#[derive(Deserialize)]
struct ListQuery {
    saved: Option<String>,
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
    list_view(&st, &s, FormState::new(), q.saved.is_some()).await
}

async fn list_view(st: &AppState, s: &Signed, form: FormState, saved: bool) -> WebResult {
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
    let rule = cairn_app::surveys::survey_thresholds(&st.app, s.actor()).await?;
    let mut form = form;
    if form.value("min_count").is_empty() && !form.has_errors() {
        form.set("min_count", rule.min_count.to_string())
            .set("min_responses", rule.min_responses.to_string());
    }
    let chrome =
        Chrome::signed(s, t.get("surveys-title"), organisation(st, s).await?).with_errors(&form);
    html_status(
        if form.has_errors() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &ListPage {
            rows,
            can_manage: s.actor().can(Permission::ManageSurveys),
            min_count: rule.min_count,
            min_responses: rule.min_responses,
            can_set: s.actor().can(Permission::ManageOrganisationSettings),
            saved,
            form,
            chrome,
            t,
        },
    )
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
            templates: choices(&t, Template::ALL, |x| x.key(), |x| x.label_id())
                .into_iter()
                .chain(std::iter::once(Choice {
                    value: "own".into(),
                    label: t.get("survey-template-own"),
                }))
                .collect(),
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
    // "own": no template; the questions are written on the survey's page, one at a time.
    let by_hand = f.template == "own";
    let d = SurveyDraft {
        title_en: f.title_en.clone(),
        title_cy: f.title_cy.clone(),
        privacy: f.privacy.clone(),
        template: if by_hand {
            String::new()
        } else {
            f.template.clone()
        },
        questions: None,
        by_hand,
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
    /// Cards are for anonymous surveys; staff who type in paper forms get a link per unit.
    anonymous: bool,
    /// Written by hand: its questions (key, text, what kind, when shown) can be added to and
    /// taken out, and the form offers the earlier choice answers a question may depend on.
    by_hand: bool,
    question_rows: Vec<(String, String, String)>,
    kinds: Vec<Choice>,
    show_if_choices: Vec<Choice>,
    required_choice: Vec<Choice>,
    can_paper: bool,
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
            anonymous: d.survey.privacy == Privacy::Anonymous.key(),
            by_hand: d.survey.template.is_none(),
            question_rows: d
                .questions
                .iter()
                .map(|q| {
                    let mut about = t.get(&q.kind.label_id());
                    if !q.required {
                        about = format!("{about} {}", t.get("answer-optional"));
                    }
                    (
                        q.key.clone(),
                        q.text.pick(welsh(&t), false).to_owned(),
                        about,
                    )
                })
                .collect(),
            kinds: choices(&t, QuestionKind::ALL, |k| k.key(), |k| k.label_id()),
            required_choice: vec![Choice {
                value: "yes".into(),
                label: t.get("question-required"),
            }],
            show_if_choices: d
                .questions
                .iter()
                .enumerate()
                .flat_map(|(i, q)| {
                    let w = welsh(&t);
                    q.choices.iter().map(move |c| Choice {
                        value: format!("{}={}", q.key, c.value),
                        label: format!(
                            "{}. {}: {}",
                            i + 1,
                            q.text.pick(w, false),
                            c.label.pick(w, false)
                        ),
                    })
                })
                .collect(),
            can_paper: s.actor().can(Permission::EnterSurveyResponses),
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
    key: String,
    text: String,
    answered: String,
    answers: Vec<AnswerRow>,
    average: Option<String>,
    /// (words, response id, sent on as this suggestion)
    comments: Vec<(String, i64, Option<i64>)>,
    free_text: bool,
}

/// A headline figure from another survey, as the results page lists it.
struct FigureRow {
    source: String,
    measure: String,
    figure: String,
    responses: String,
    when: String,
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
    /// The small-number rule in words, and the line about held-back comments.
    rule: String,
    withheld_text: String,
    /// May send a comment on as a suggestion; may check comments for names.
    can_send: bool,
    can_check: bool,
    /// The unit's figures from other surveys, and whether this reader may add one.
    figures: Vec<FigureRow>,
    can_add_figure: bool,
    form: FormState,
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
    results_view(&st, &s, id, q.unit_id, FormState::new()).await
}

async fn results_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    unit: Option<i64>,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let r = cairn_app::surveys::results(&st.app, s.actor(), id, unit).await?;
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
            key: q.key.clone(),
            text: q.text.pick(w, false).to_owned(),
            answered: shown(&t, f.answered, r.thresholds),
            answers: f
                .answers
                .iter()
                .map(|a| AnswerRow {
                    label: label_of(q, &a.value, w),
                    count: shown(&t, a.count, r.thresholds),
                    percent: shown_percent(&t, a.percent),
                })
                .collect(),
            average: f.average_tenths.map(|c| match c {
                Cell::Shown(n) => format!("{}.{}", n / 10, n % 10),
                Cell::Suppressed => t.get("results-too-few"),
            }),
            comments: f
                .comments
                .iter()
                .zip(&f.comment_refs)
                .map(|(c, (response, sent))| (c.clone(), *response, *sent))
                .collect(),
            free_text: q.kind == QuestionKind::FreeText,
        })
        .collect();
    let scope = match unit {
        Some(u) => names
            .iter()
            .find(|(x, _)| *x == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
        None => t.get("results-all-units"),
    };
    let figures = match unit {
        Some(u) => cairn_app::surveys::other_figures(&st.app, s.actor(), u)
            .await?
            .into_iter()
            .map(|x| FigureRow {
                source: x.source,
                measure: title_of(&t, x.measure_en.as_deref(), x.measure_cy.as_deref()),
                figure: x.figure,
                responses: x.responses.map(|n| n.to_string()).unwrap_or_default(),
                when: date_words(&t, &x.measured_on),
            })
            .collect(),
        None => Vec::new(),
    };
    let mut chrome =
        Chrome::signed(s, t.get("results-title"), organisation(st, s).await?).about(format!(
            "{} – {}",
            title_of(&t, r.named.0.as_deref(), r.named.1.as_deref()),
            r.named.2
        ));
    chrome = chrome.with_errors(&form);
    let a = s.actor();
    html_status(
        if form.has_errors() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &ResultsPage {
            id,
            scope,
            unit_id: unit,
            units: names
                .into_iter()
                .map(|(u, n)| (u, n, unit == Some(u)))
                .collect(),
            responses: shown(&t, r.responses, r.thresholds),
            questions,
            comments_withheld: r.comments_withheld,
            rule: t.with(
                "results-rule",
                &[
                    ("count", r.thresholds.min_count.to_string()),
                    ("responses", r.thresholds.min_responses.to_string()),
                ],
            ),
            withheld_text: t.with(
                "results-comments-withheld",
                &[("responses", r.thresholds.min_responses.to_string())],
            ),
            can_send: a.can(Permission::ManageFeedback),
            can_check: a.can(Permission::CheckSurveyComments),
            figures,
            can_add_figure: a.can(Permission::ManageSurveys),
            form,
            chrome,
            t,
        },
    )
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
        shown(t, r.responses, r.thresholds),
        String::new(),
    ]);
    for (f, q) in r.questions.iter().zip(&r.question_texts) {
        let text = q.text.pick(w, false).to_owned();
        for a in &f.answers {
            rows.push(vec![
                text.clone(),
                label_of(q, &a.value, w),
                shown(t, a.count, r.thresholds),
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

/// Where an answer form comes from and goes to.
enum Target {
    /// A unit's short link or QR poster (and the kiosk).
    Link(String),
    /// A single-use card.
    Card(String),
    /// Staff typing in a paper form for a unit, perhaps for a named person.
    Paper {
        round: i64,
        unit: i64,
        person: Option<i64>,
    },
}

impl Target {
    /// The page's path and the query it always keeps.
    fn base(&self) -> (String, String) {
        match self {
            Target::Link(t) => (format!("/s/{t}"), String::new()),
            Target::Card(t) => (format!("/c/{t}"), String::new()),
            Target::Paper {
                round,
                unit,
                person,
            } => (
                format!("/surveys/rounds/{round}/paper"),
                format!(
                    "unit_id={unit}{}",
                    person
                        .map(|p| format!("&person_id={p}"))
                        .unwrap_or_default()
                ),
            ),
        }
    }

    /// The page with `extra` added to its query (`easy=1`, `sent=1`, …).
    fn href(&self, extra: &[&str]) -> String {
        let (path, keep) = self.base();
        let q: Vec<&str> = std::iter::once(keep.as_str())
            .chain(extra.iter().copied())
            .filter(|x| !x.is_empty())
            .collect();
        if q.is_empty() {
            path
        } else {
            format!("{path}?{}", q.join("&"))
        }
    }
}

#[derive(Askama)]
#[template(path = "surveys/answer.html")]
struct AnswerPage {
    chrome: Chrome,
    t: Tr,
    title: String,
    unit: String,
    privacy: String,
    fields: Vec<Field>,
    easy: bool,
    open: bool,
    sent: bool,
    /// Where the form posts, and the links to the other version.
    action: String,
    easy_href: String,
    standard_href: String,
    kiosk_home: String,
    /// A named or confidential survey and nobody signed in: the sign-in link, with the way back.
    sign_in_href: String,
    /// The signed-in person has answered this round already.
    answered: bool,
    /// A single-use card that has given its answer.
    card_used: bool,
    /// Staff typing in a paper form (and for whom, when named).
    paper: bool,
    paper_for: Option<String>,
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

/// How the page was asked for: Easy Read, on a kiosk, just sent.
#[derive(Clone, Copy, Default)]
struct Mode {
    easy: bool,
    kiosk: bool,
    sent: bool,
}

/// The signed-in session behind a public page, when there is one (never on a kiosk).
fn signed_of(ctx: &Ctx, kiosk: bool) -> Option<Signed> {
    if kiosk {
        return None;
    }
    ctx.session.clone().map(|session| Signed {
        ctx: ctx.clone(),
        session,
    })
}

async fn answer_view(
    st: &AppState,
    ctx: &Ctx,
    target: &Target,
    m: Mode,
    posted: &[(String, String)],
    errors: &cairn_domain::FieldErrors,
) -> WebResult {
    let t = ctx.t();
    let signed = signed_of(ctx, m.kiosk);
    let (v, card_used) = match target {
        Target::Link(token) => (cairn_app::surveys::by_link(&st.app, token).await?, false),
        Target::Card(token) => {
            let (v, used) = cairn_app::surveys::by_card(&st.app, token).await?;
            (v, used && !m.sent)
        }
        Target::Paper { round, unit, .. } => {
            let s = signed.as_ref().ok_or(WebError::Forbidden)?;
            (
                cairn_app::surveys::paper_view(&st.app, s.actor(), *round, *unit).await?,
                false,
            )
        }
    };
    let paper = matches!(target, Target::Paper { .. });
    let anonymous = v.survey.privacy == Privacy::Anonymous.key();
    let me = signed
        .as_ref()
        .map(|s| s.actor())
        .filter(|a| a.organisation_id == Some(v.survey.organisation_id) && a.person_id.is_some());
    let sign_in_href = if anonymous || paper || me.is_some() {
        String::new()
    } else {
        let (path, _) = target.base();
        format!(
            "/sign-in?next={}",
            url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
        )
    };
    let answered = match me {
        Some(a) if !anonymous && !paper && !m.sent => {
            cairn_app::surveys::answered_by_me(&st.app, a, v.round.id).await?
        }
        _ => false,
    };
    let paper_for = match (target, &signed) {
        (
            Target::Paper {
                person: Some(p), ..
            },
            Some(s),
        ) if !anonymous => Some(
            cairn_app::people::view(&st.app, s.actor(), *p)
                .await?
                .person
                .chosen_name,
        ),
        _ => None,
    };
    let w = welsh(&t);
    let easy = m.easy;
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
    let unit = local_name(&t, &v.unit_name, v.unit_name_cy.as_deref());
    let about = if paper {
        format!("{} – {unit}", t.get("paper-title"))
    } else {
        unit
    };
    let mut chrome = match &signed {
        Some(s) => Chrome::signed(s, title.clone(), organisation(st, s).await?).about(&about),
        None => Chrome::public(ctx, title.clone()).about(&about),
    };
    if !errors.is_empty() {
        chrome.title = format!("{}: {}", t.get("common-error-prefix").trim(), title);
    }
    let kiosk_flag = if m.kiosk { "kiosk=1" } else { "" };
    html_status(
        status,
        &AnswerPage {
            unit: local_name(&t, &v.unit_name, v.unit_name_cy.as_deref()),
            privacy: Privacy::parse(&v.survey.privacy)
                .map(|p| t.get(&format!("{}-hint", p.label_id())))
                .unwrap_or_default(),
            fields,
            easy,
            open: v.open,
            sent: m.sent,
            action: target.href(&[]),
            easy_href: target.href(&["easy=1", kiosk_flag]),
            standard_href: target.href(&[kiosk_flag]),
            kiosk_home: target.href(&["kiosk=1"]),
            sign_in_href,
            answered,
            card_used,
            paper,
            paper_for,
            kiosk: m.kiosk,
            idle_seconds: if m.sent {
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

fn mode_of(q: &AnswerQuery) -> Mode {
    Mode {
        easy: q.easy.is_some(),
        kiosk: q.kiosk.is_some(),
        sent: q.sent.is_some(),
    }
}

/// Each question's answer from a form: a list for several choices, else one value.
fn raw_answers(
    questions: &[Question],
    f: &[(String, String)],
) -> BTreeMap<String, serde_json::Value> {
    let mut raw = BTreeMap::new();
    for q in questions {
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
    raw
}

fn posted_mode(f: &[(String, String)]) -> Mode {
    Mode {
        easy: f.iter().any(|(k, v)| k == "easy" && v == "1"),
        kiosk: f.iter().any(|(k, v)| k == "kiosk" && v == "1"),
        sent: false,
    }
}

/// After an answer is saved: the thank-you page. On a kiosk the next person starts in the
/// standard version.
fn thanks(target: &Target, m: Mode) -> WebResult {
    let extra = if m.kiosk {
        "kiosk=1"
    } else if m.easy {
        "easy=1"
    } else {
        ""
    };
    see_other(&target.href(&["sent=1", extra]))
}

async fn answer_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<AnswerQuery>,
) -> WebResult {
    let e = cairn_domain::FieldErrors::new();
    answer_view(&st, &ctx, &Target::Link(token), mode_of(&q), &[], &e).await
}

async fn answer(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<Vec<(String, String)>>,
) -> WebResult {
    let m = posted_mode(&f);
    let v = cairn_app::surveys::by_link(&st.app, &token).await?;
    let raw = raw_answers(&v.questions, &f);
    let channel = if m.kiosk {
        Channel::Kiosk
    } else {
        Channel::Link
    };
    let signed = signed_of(&ctx, m.kiosk);
    let target = Target::Link(token.clone());
    match cairn_app::surveys::answer_by_link(
        &st.app,
        &token,
        channel,
        signed.as_ref().map(|s| s.actor()),
        &raw,
    )
    .await
    {
        Ok(_) => thanks(&target, m),
        Err(AppError::Invalid(errs)) => answer_view(&st, &ctx, &target, m, &f, &errs).await,
        Err(e) => Err(e.into()),
    }
}

async fn card_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<AnswerQuery>,
) -> WebResult {
    let e = cairn_domain::FieldErrors::new();
    answer_view(&st, &ctx, &Target::Card(token), mode_of(&q), &[], &e).await
}

async fn card_answer(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<Vec<(String, String)>>,
) -> WebResult {
    let m = posted_mode(&f);
    let (v, _) = cairn_app::surveys::by_card(&st.app, &token).await?;
    let raw = raw_answers(&v.questions, &f);
    match cairn_app::surveys::answer_by_card(&st.app, &token, &raw).await {
        Ok(_) => thanks(&Target::Card(token), m),
        Err(AppError::Invalid(errs)) => {
            answer_view(&st, &ctx, &Target::Card(token), m, &f, &errs).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct PaperQuery {
    #[serde(default)]
    unit_id: i64,
    person_id: Option<i64>,
    easy: Option<String>,
    sent: Option<String>,
}

async fn paper_form(
    State(st): State<AppState>,
    s: Signed,
    Path(round): Path<i64>,
    Query(q): Query<PaperQuery>,
) -> WebResult {
    let target = Target::Paper {
        round,
        unit: q.unit_id,
        person: q.person_id,
    };
    let m = Mode {
        easy: q.easy.is_some(),
        kiosk: false,
        sent: q.sent.is_some(),
    };
    let e = cairn_domain::FieldErrors::new();
    answer_view(&st, &s.ctx, &target, m, &[], &e).await
}

async fn paper_answer(
    State(st): State<AppState>,
    s: Signed,
    Path(round): Path<i64>,
    Query(q): Query<PaperQuery>,
    Posted(f): Posted<Vec<(String, String)>>,
) -> WebResult {
    let m = posted_mode(&f);
    let target = Target::Paper {
        round,
        unit: q.unit_id,
        person: q.person_id,
    };
    let v = cairn_app::surveys::paper_view(&st.app, s.actor(), round, q.unit_id).await?;
    let raw = raw_answers(&v.questions, &f);
    match cairn_app::surveys::answer_on_paper(
        &st.app,
        s.actor(),
        round,
        &q.unit_id.to_string(),
        q.person_id,
        &raw,
    )
    .await
    {
        Ok(_) => thanks(&target, m),
        Err(AppError::Invalid(errs)) => answer_view(&st, &s.ctx, &target, m, &f, &errs).await,
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Comments: checking for names, sending on as suggestions
// ---------------------------------------------------------------------------------------------

struct CheckRow {
    response_id: i64,
    key: String,
    question: String,
    unit: String,
    written: String,
    shown: String,
    checked: bool,
    /// The unit has too few responses: the comment waits for this check before anyone else
    /// reads it.
    waiting: bool,
    /// Why the words just sent were refused.
    error: Option<String>,
}

#[derive(Askama)]
#[template(path = "surveys/comments.html")]
struct CommentsPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    rows: Vec<CheckRow>,
    waiting_text: String,
}

async fn comments_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    comments_view(&st, &s, id, None).await
}

/// The comments page; `refused` is a check just refused: (response, key, words typed, why).
async fn comments_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    refused: Option<(i64, String, String, &'static str)>,
) -> WebResult {
    let t = s.ctx.t();
    let (round, questions, rows, under) =
        cairn_app::surveys::comments_to_check(&st.app, s.actor(), id).await?;
    let names = unit_names(st, s, &t).await?;
    let w = welsh(&t);
    let mut rows: Vec<CheckRow> = rows
        .into_iter()
        .map(|c| {
            let mine = refused
                .as_ref()
                .filter(|(r, k, _, _)| *r == c.response_id && *k == c.key);
            CheckRow {
                question: questions
                    .iter()
                    .find(|q| q.key == c.key)
                    .map(|q| q.text.pick(w, false).to_owned())
                    .unwrap_or_default(),
                unit: names
                    .iter()
                    .find(|(u, _)| *u == c.unit_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                waiting: !c.checked && under.contains(&c.unit_id),
                error: mine.map(|(_, _, _, e)| t.get(e)),
                shown: mine.map_or(c.text, |(_, _, typed, _)| typed.clone()),
                response_id: c.response_id,
                key: c.key,
                written: c.written,
                checked: c.checked,
            }
        })
        .collect();
    // Those waiting for a check, then those checked; comments from units with enough responses
    // are shown on the results already and need no check.
    rows.retain(|r| r.waiting || r.checked);
    rows.sort_by_key(|r| (!r.waiting, r.checked, r.response_id));
    let waiting = rows.iter().filter(|r| r.waiting).count();
    let survey = cairn_app::surveys::survey(&st.app, s.actor(), round.survey_id).await?;
    let mut chrome =
        Chrome::signed(s, t.get("comments-title"), organisation(st, s).await?).about(format!(
            "{} – {}",
            title_of(
                &t,
                survey.survey.title_en.as_deref(),
                survey.survey.title_cy.as_deref()
            ),
            round.name
        ));
    if refused.is_some() {
        chrome.has_errors = true;
        chrome.title = format!("{}: {}", t.get("common-error-prefix").trim(), chrome.title);
    }
    html_status(
        if refused.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &CommentsPage {
            id,
            rows,
            waiting_text: t.count("comments-waiting", waiting as i64),
            chrome,
            t,
        },
    )
}

#[derive(Deserialize)]
struct CommentIn {
    #[serde(default)]
    response_id: i64,
    #[serde(default)]
    key: String,
    #[serde(default)]
    shown_text: String,
}

async fn check_comment(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CommentIn>,
) -> WebResult {
    match cairn_app::surveys::check_comment(
        &st.app,
        s.actor(),
        id,
        f.response_id,
        &f.key,
        &f.shown_text,
    )
    .await
    {
        Ok(()) => see_other(&format!(
            "/surveys/rounds/{id}/comments#comment-{}-{}",
            f.response_id, f.key
        )),
        // The one field is the words: said beside them, as typed.
        Err(AppError::Invalid(errs)) => {
            let why = errs.0.first().map(|e| e.code).unwrap_or("error-bad-form");
            comments_view(&st, &s, id, Some((f.response_id, f.key, f.shown_text, why))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn comment_to_suggestion(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CommentIn>,
) -> WebResult {
    let suggestion = cairn_app::surveys::comment_to_suggestion(
        &st.app,
        s.actor(),
        id,
        f.response_id,
        &f.key,
        s.ctx.lang,
    )
    .await?;
    see_other(&format!("/feedback/{suggestion}"))
}

// ---------------------------------------------------------------------------------------------
// Single-use cards
// ---------------------------------------------------------------------------------------------

/// A QR code for `url` as inline SVG, hidden from screen readers (the link is printed beside
/// it in words).
fn qr_svg(url: &str) -> WebResult<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M)
        .map_err(|e| WebError::Internal(format!("QR code: {e}")))?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    // The renderer writes a whole SVG document; a page wants the element alone.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].replacen("<svg", "<svg aria-hidden=\"true\" focusable=\"false\"", 1))
}

#[derive(Deserialize)]
struct CardsIn {
    #[serde(default)]
    unit_id: i64,
    #[serde(default)]
    count: String,
    /// The survey whose page the form is on, to show it again with the reason.
    #[serde(default)]
    survey_id: i64,
}

async fn print_cards(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CardsIn>,
) -> WebResult {
    match cairn_app::surveys::print_cards(&st.app, s.actor(), id, f.unit_id, &f.count).await {
        Ok((printed_at, _)) => see_other(&format!(
            "/surveys/rounds/{id}/cards?unit_id={}&printed_at={printed_at}",
            f.unit_id
        )),
        Err(AppError::Invalid(errs)) if f.survey_id > 0 => {
            let mut form = FormState::new();
            form.set("cards_round", id.to_string())
                .set("count", f.count);
            form.add_errors(&s.ctx.t(), &errs);
            show_view(&st, &s, f.survey_id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CardsQuery {
    #[serde(default)]
    unit_id: i64,
    #[serde(default)]
    printed_at: i64,
}

struct CardView {
    svg: String,
    link: String,
}

#[derive(Askama)]
#[template(path = "surveys/cards.html")]
struct CardsPage {
    chrome: Chrome,
    t: Tr,
    title: String,
    unit: String,
    cards: Vec<CardView>,
    hint: String,
    /// Each card speaks both languages, Welsh first.
    cy: Tr,
    en: Tr,
}

async fn cards_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<CardsQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let tokens =
        cairn_app::surveys::unused_cards(&st.app, s.actor(), id, q.unit_id, q.printed_at).await?;
    let base = st.config.base_url.trim_end_matches('/');
    let mut cards = Vec::new();
    for token in tokens {
        let link = format!("{base}/c/{token}");
        cards.push(CardView {
            svg: qr_svg(&link)?,
            link,
        });
    }
    let unit = unit_names(&st, &s, &t)
        .await?
        .into_iter()
        .find(|(u, _)| *u == q.unit_id)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let chrome = Chrome::signed(&s, t.get("cards-title"), organisation(&st, &s).await?);
    html(&CardsPage {
        title: t.get("cards-title"),
        hint: t.get("cards-print-hint"),
        unit,
        cards,
        cy: Tr::new(Language::Cy),
        en: Tr::new(Language::En),
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Figures from other surveys; the organisation's small-number rule
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct FigureIn {
    #[serde(default)]
    unit_id: i64,
    #[serde(default)]
    source: String,
    #[serde(default)]
    measure_en: String,
    #[serde(default)]
    measure_cy: String,
    #[serde(default)]
    figure: String,
    #[serde(default)]
    responses: String,
    #[serde(default)]
    measured_on_day: String,
    #[serde(default)]
    measured_on_month: String,
    #[serde(default)]
    measured_on_year: String,
}

async fn record_figure(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<FigureIn>,
) -> WebResult {
    let when = DateParts {
        day: f.measured_on_day.clone(),
        month: f.measured_on_month.clone(),
        year: f.measured_on_year.clone(),
    };
    let mut date_errors = cairn_domain::FieldErrors::new();
    let d = cairn_app::surveys::OtherFigureDraft {
        unit_id: f.unit_id,
        source: f.source.clone(),
        measure_en: f.measure_en.clone(),
        measure_cy: f.measure_cy.clone(),
        figure: f.figure.clone(),
        responses: f.responses.clone(),
        measured_on: parse_date_parts(&mut date_errors, "measured_on", &when, None)
            .map(|x| x.to_string()),
    };
    match cairn_app::surveys::record_other_figure(&st.app, s.actor(), &d).await {
        Ok(_) => see_other(&format!(
            "/surveys/rounds/{id}?unit_id={}#other-figures",
            f.unit_id
        )),
        Err(AppError::Invalid(mut errs)) => {
            for e in date_errors.0 {
                errs.0.retain(|x| x.field != e.field);
                errs.0.push(e);
            }
            let mut form = FormState::new();
            form.set("source", f.source)
                .set("measure_en", f.measure_en)
                .set("measure_cy", f.measure_cy)
                .set("figure", f.figure)
                .set("responses", f.responses)
                .set_date("measured_on", &when);
            form.add_errors(&s.ctx.t(), &errs);
            results_view(&st, &s, id, Some(f.unit_id), form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct SettingsIn {
    #[serde(default)]
    min_count: String,
    #[serde(default)]
    min_responses: String,
}

async fn save_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SettingsIn>,
) -> WebResult {
    match cairn_app::surveys::set_thresholds(&st.app, s.actor(), &f.min_count, &f.min_responses)
        .await
    {
        Ok(_) => see_other("/surveys?saved=1#small-numbers"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("min_count", f.min_count)
                .set("min_responses", f.min_responses);
            form.add_errors(&s.ctx.t(), &errs);
            list_view(&st, &s, form, false).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A unit's poster: the survey's title and the link as a QR code, Welsh first, for the ward
/// noticeboard. Public, like the link it prints.
async fn poster(State(st): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    let t = ctx.t();
    let v = cairn_app::surveys::by_link(&st.app, &token).await?;
    let link = format!("{}/s/{token}", st.config.base_url.trim_end_matches('/'));
    let title = title_of(
        &t,
        v.survey.title_en.as_deref(),
        v.survey.title_cy.as_deref(),
    );
    let chrome = Chrome::public(&ctx, title.clone()).about(format!(
        "{} – {}",
        t.get("surveys-poster"),
        local_name(&t, &v.unit_name, v.unit_name_cy.as_deref())
    ));
    html(&CardsPage {
        title,
        unit: local_name(&t, &v.unit_name, v.unit_name_cy.as_deref()),
        cards: vec![CardView {
            svg: qr_svg(&link)?,
            link,
        }],
        hint: t.get("poster-hint"),
        cy: Tr::new(Language::Cy),
        en: Tr::new(Language::En),
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Questions written by hand
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct QuestionIn {
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    text_cy: String,
    #[serde(default)]
    easy_en: String,
    #[serde(default)]
    easy_cy: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    choices: String,
    #[serde(default)]
    required: Option<String>,
    #[serde(default)]
    show_if: String,
}

async fn add_question(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<QuestionIn>,
) -> WebResult {
    let d = cairn_app::surveys::QuestionDraft {
        text_en: f.text_en.clone(),
        text_cy: f.text_cy.clone(),
        easy_en: f.easy_en.clone(),
        easy_cy: f.easy_cy.clone(),
        kind: f.kind.clone(),
        choices: f.choices.clone(),
        required: f.required.is_some(),
        show_if: f.show_if.clone(),
    };
    match cairn_app::surveys::add_question(&st.app, s.actor(), id, &d).await {
        Ok(()) => see_other(&format!("/surveys/{id}#questions")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("text_en", f.text_en)
                .set("text_cy", f.text_cy)
                .set("easy_en", f.easy_en)
                .set("easy_cy", f.easy_cy)
                .set("kind", f.kind)
                .set("choices", f.choices)
                .set("show_if", f.show_if);
            if f.required.is_some() {
                form.set_many("required", vec!["yes".into()]);
            }
            form.add_errors(&s.ctx.t(), &errs);
            show_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct RemoveIn {
    #[serde(default)]
    key: String,
}

async fn remove_question(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RemoveIn>,
) -> WebResult {
    cairn_app::surveys::remove_question(&st.app, s.actor(), id, &f.key).await?;
    see_other(&format!("/surveys/{id}#questions"))
}

// ---------------------------------------------------------------------------------------------
// Like with like across rounds
// ---------------------------------------------------------------------------------------------

#[derive(Askama)]
#[template(path = "surveys/compare.html")]
struct ComparePage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    unit_id: Option<i64>,
    scope: String,
    /// The first choice question: its text, the answers' labels, and per round (name,
    /// responses, each answer's share).
    compare_question: String,
    compare_labels: Vec<String>,
    compare_rows: Vec<(String, String, Vec<String>)>,
}

/// The first choice question of a round across every round of its survey, for a unit or the
/// service: each round's figures as that round publishes them, with its responses.
async fn compare_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let unit = q.unit_id;
    let r = cairn_app::surveys::results(&st.app, s.actor(), id, unit).await?;
    let w = welsh(&t);
    // Like with like: the first choice question, where each round asked it.
    let mut compare_question = String::new();
    let mut compare_labels = Vec::new();
    let mut compare_rows = Vec::new();
    if let Some((qi, q)) = r
        .question_texts
        .iter()
        .enumerate()
        .find(|(_, q)| !q.choices.is_empty())
    {
        let rounds = cairn_app::surveys::across_rounds(&st.app, s.actor(), id, unit).await?;
        {
            compare_question = q.text.pick(w, false).to_owned();
            compare_labels = q
                .choices
                .iter()
                .map(|c| c.label.pick(w, false).to_owned())
                .collect();
            for (round, x) in &rounds {
                let same = x.question_texts.get(qi).is_some_and(|o| o.key == q.key);
                let shares = q
                    .choices
                    .iter()
                    .map(|c| {
                        x.questions
                            .get(qi)
                            .filter(|_| same)
                            .and_then(|f| f.answers.iter().find(|a| a.value == c.value))
                            .map(|a| shown_percent(&t, a.percent))
                            .unwrap_or_default()
                    })
                    .collect();
                compare_rows.push((
                    round.name.clone(),
                    shown(&t, x.responses, x.thresholds),
                    shares,
                ));
            }
        }
    }
    let scope = match unit {
        Some(u) => r
            .unit_names
            .iter()
            .find(|(x, _, _)| *x == u)
            .map(|(_, en, cy)| local_name(&t, en, cy.as_deref()))
            .unwrap_or_default(),
        None => t.get("results-all-units"),
    };
    let chrome = Chrome::signed(
        &s,
        t.get("results-across-rounds"),
        organisation(&st, &s).await?,
    )
    .about(format!(
        "{} – {}",
        title_of(&t, r.named.0.as_deref(), r.named.1.as_deref()),
        r.named.2
    ));
    html(&ComparePage {
        id,
        unit_id: unit,
        scope,
        compare_question,
        compare_labels,
        compare_rows,
        chrome,
        t,
    })
}
