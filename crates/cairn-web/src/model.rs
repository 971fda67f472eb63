//! The model and self-assessment pages: the organisation's model (with the credit to the
//! paper), adapting it, each unit's assessment with level progress, the ladder and live
//! measures, a practice's page with its history, rounds and baselines, and the service-wide
//! view with its charts and CSV.

use crate::charts::{Bar, percent_lines, stacked_bars};
use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::translation::{Local, local_of};
use crate::views::{
    Choice, Chrome, FormState, choices, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::model::ItemView;
use cairn_domain::Permission;
use cairn_domain::model::{AssessmentDraft, PracticeDraft, Rag, Status};
use cairn_domain::people::Language;
use cairn_domain::time::{DateParts, format_date, format_instant, parse_iso_date, time_zone};
use cairn_domain::translation::Bilingual;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/model", show_model)
        .post("/model/settings", update_settings)
        .get("/model/practices/new", new_practice_form)
        .post("/model/practices/new", create_practice)
        .get("/model/practices/{code}/edit", edit_practice_form)
        .post("/model/practices/{code}/edit", update_practice)
        .post("/model/practices/{code}/retire", retire_practice)
        .get("/units/{id}/assessment", unit_page)
        .get("/units/{id}/assessment.csv", unit_csv)
        .get("/units/{id}/progress.csv", progress_csv)
        .get("/units/{id}/assessment/{code}", practice_page)
        .post("/units/{id}/assessment/{code}", set_status)
        .get("/assessment", service_page)
        .get("/assessment.csv", service_csv)
        .get("/assessment/levels.csv", levels_csv)
        .get("/assessment/rounds", rounds_page)
        .post("/assessment/rounds", open_round)
        .post("/assessment/rounds/{id}/close", close_round)
}

/// The organisation's time zone (the default zone for an actor with no organisation, whose
/// use cases then refuse).
async fn org_time_zone(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(time_zone(""));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

/// A practice's wording in the page's language.
fn title(t: &Tr, p: &cairn_db::model::Practice) -> String {
    match t.lang {
        Language::En => p.title_en.clone(),
        Language::Cy => p.title_cy.clone(),
    }
}

fn shows(t: &Tr, p: &cairn_db::model::Practice) -> String {
    match t.lang {
        Language::En => p.shows_en.clone(),
        Language::Cy => p.shows_cy.clone(),
    }
}

/// The nhsuk tag colour for a RAG rating (words always shown too).
fn tag_class(r: Rag) -> &'static str {
    match r {
        Rag::Red => "nhsuk-tag--red",
        Rag::Amber => "nhsuk-tag--yellow",
        Rag::Green => "nhsuk-tag--green",
        Rag::NotApplicable => "nhsuk-tag--grey",
    }
}

struct PracticeRow {
    code: String,
    title: String,
    shows: String,
    retired: bool,
}

struct LevelBlock {
    heading: String,
    intro: String,
    practices: Vec<PracticeRow>,
}

#[derive(Template)]
#[template(path = "model/model.html")]
struct ModelPage {
    chrome: Chrome,
    t: Tr,
    version: i64,
    levels: Vec<LevelBlock>,
    can_manage: bool,
    can_settings: bool,
    form: FormState,
    changes: Vec<String>,
    /// The payment support's live figures, in words.
    payment_support: Vec<String>,
    /// The principles support's live figure, in words.
    principles_support: String,
}

async fn model_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let m = cairn_app::model::model(&st.app, s.actor()).await?;
    let tz = org_time_zone(st, s).await?;
    let levels = (1..=3)
        .map(|l| LevelBlock {
            heading: t.get(&format!("model-level-{l}")),
            intro: t.get(&format!("model-level-{l}-intro")),
            practices: m
                .practices
                .iter()
                .filter(|p| p.level == l)
                .map(|p| PracticeRow {
                    code: p.code.clone(),
                    title: title(&t, p),
                    shows: shows(&t, p),
                    retired: p.retired_in_version.is_some(),
                })
                .collect(),
        })
        .collect();
    let changes = m
        .changes
        .iter()
        .map(|c| {
            t.with(
                &format!("model-change-{}", c.kind),
                &[
                    ("version", c.version.to_string()),
                    ("code", c.practice_code.clone().unwrap_or_default()),
                    ("who", c.actor_label.clone()),
                    ("when", format_instant(c.at, &tz, t.lang)),
                ],
            )
        })
        .collect();
    let mut form = form;
    if !form.has_errors() {
        form.set("threshold", m.threshold_percent.to_string());
        form.set("publish", if m.publish_assessments { "yes" } else { "" });
    }
    let chrome =
        Chrome::signed(s, t.get("model-title"), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (card, share) = cairn_app::payments::support(&st.app, s.actor()).await?;
    let payment_support = vec![
        t.get(if card {
            "model-measure-rate-card-yes"
        } else {
            "model-measure-rate-card-no"
        }),
        t.count("model-measure-paid-in-time", share),
    ];
    let (version, read, active) = cairn_app::principles::support(&st.app, s.actor()).await?;
    let principles_support = t.with(
        "model-measure-principles-read",
        &[
            ("version", version.to_string()),
            ("read", read.to_string()),
            ("active", active.to_string()),
        ],
    );
    html_status(
        status,
        &ModelPage {
            chrome,
            t,
            version: m.version,
            levels,
            can_manage: s.actor().can(Permission::ManageModel),
            can_settings: s.actor().can(Permission::ManageOrganisationSettings),
            form,
            changes,
            payment_support,
            principles_support,
        },
    )
}

async fn show_model(State(st): State<AppState>, s: Signed) -> WebResult {
    model_page(&st, &s, FormState::new()).await
}

#[derive(Deserialize)]
struct SettingsIn {
    #[serde(default)]
    threshold: String,
    publish: Option<String>,
}

async fn update_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SettingsIn>,
) -> WebResult {
    match cairn_app::model::set_settings(&st.app, s.actor(), &f.threshold, f.publish.is_some())
        .await
    {
        Ok(()) => see_other("/model"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("threshold", f.threshold)
                .set("publish", if f.publish.is_some() { "yes" } else { "" });
            form.add_errors(&s.ctx.t(), &errs);
            model_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "model/practice_form.html")]
struct PracticeFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    action: String,
    heading: String,
    levels: Vec<Choice>,
    show_level: bool,
}

#[derive(Deserialize, Default)]
struct PracticeIn {
    #[serde(default)]
    level: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_cy: String,
}

async fn practice_form(
    st: &AppState,
    s: &Signed,
    form: FormState,
    action: String,
    heading: String,
    show_level: bool,
) -> WebResult {
    if !s.actor().can(Permission::ManageModel) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let levels = (1..=3)
        .map(|l| Choice {
            value: l.to_string(),
            label: t.get(&format!("model-level-{l}")),
        })
        .collect();
    html_status(
        status,
        &PracticeFormPage {
            chrome,
            t,
            form,
            action,
            heading,
            levels,
            show_level,
        },
    )
}

async fn new_practice_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    practice_form(
        &st,
        &s,
        FormState::new(),
        "/model/practices/new".into(),
        t.get("model-add-practice"),
        true,
    )
    .await
}

async fn create_practice(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<PracticeIn>,
) -> WebResult {
    let draft = PracticeDraft {
        level: f.level.clone(),
        title_en: f.title_en.clone(),
        title_cy: f.title_cy.clone(),
    };
    match cairn_app::model::add_practice(&st.app, s.actor(), &draft).await {
        Ok(_) => see_other("/model"),
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let mut form = FormState::new();
            form.set("level", f.level)
                .set("title_en", f.title_en)
                .set("title_cy", f.title_cy);
            form.add_errors(&t, &errs);
            practice_form(
                &st,
                &s,
                form,
                "/model/practices/new".into(),
                t.get("model-add-practice"),
                true,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_practice_form(
    State(st): State<AppState>,
    s: Signed,
    Path(code): Path<String>,
) -> WebResult {
    let t = s.ctx.t();
    let m = cairn_app::model::model(&st.app, s.actor()).await?;
    let Some(p) = m
        .practices
        .iter()
        .find(|p| p.code == code && p.retired_in_version.is_none())
    else {
        return Err(WebError::NotFound);
    };
    let mut form = FormState::new();
    form.set("title_en", p.title_en.clone())
        .set("title_cy", p.title_cy.clone());
    let heading = t.with("model-reword-title", &[("code", code.clone())]);
    practice_form(
        &st,
        &s,
        form,
        format!("/model/practices/{code}/edit"),
        heading,
        false,
    )
    .await
}

async fn update_practice(
    State(st): State<AppState>,
    s: Signed,
    Path(code): Path<String>,
    Posted(f): Posted<PracticeIn>,
) -> WebResult {
    let draft = PracticeDraft {
        level: String::new(),
        title_en: f.title_en.clone(),
        title_cy: f.title_cy.clone(),
    };
    match cairn_app::model::reword_practice(&st.app, s.actor(), &code, &draft).await {
        Ok(()) => see_other("/model"),
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let mut form = FormState::new();
            form.set("title_en", f.title_en).set("title_cy", f.title_cy);
            form.add_errors(&t, &errs);
            let heading = t.with("model-reword-title", &[("code", code.clone())]);
            practice_form(
                &st,
                &s,
                form,
                format!("/model/practices/{code}/edit"),
                heading,
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn retire_practice(
    State(st): State<AppState>,
    s: Signed,
    Path(code): Path<String>,
    Posted(_): Posted<Empty>,
) -> WebResult {
    cairn_app::model::retire_practice(&st.app, s.actor(), &code).await?;
    see_other("/model")
}

/// A status as words in a coloured tag.
struct Tag {
    class: &'static str,
    label: String,
}

fn tag(t: &Tr, s: Status) -> Tag {
    Tag {
        class: tag_class(s.rag()),
        label: t.get(&s.label_id()),
    }
}

struct ItemRow {
    code: String,
    title: String,
    tag: Tag,
    rag: String,
    evidence: String,
    owner: String,
    target: String,
    review: String,
    measure: Option<(String, bool)>,
    changed: Option<String>,
}

struct LevelRow {
    heading: String,
    in_place: i64,
    applicable: i64,
    percent: i64,
    reached: String,
    reached_yes: bool,
    baseline: String,
    last_round: String,
    items: Vec<ItemRow>,
}

#[derive(Template)]
#[template(path = "model/unit.html")]
struct UnitPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    ladder: String,
    ladder_hint: String,
    version: i64,
    threshold: i64,
    levels: Vec<LevelRow>,
    baseline_name: Option<String>,
    round_name: Option<String>,
    chart: Option<String>,
    chart_rows: Vec<(String, i64, i64, i64)>,
    /// Said when there are more closed rounds than the page shows.
    progress_note: Option<String>,
    printed: String,
}

fn date_text(t: &Tr, d: &Option<String>) -> String {
    d.as_deref()
        .and_then(parse_iso_date)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default()
}

fn item_row(t: &Tr, i: &ItemView) -> ItemRow {
    let changed = match i.at_baseline {
        Some(b) if b != i.status => Some(t.with(
            "model-changed-since-baseline",
            &[("status", t.get(&b.label_id()))],
        )),
        _ => None,
    };
    ItemRow {
        code: i.practice.code.clone(),
        title: title(t, &i.practice),
        tag: tag(t, i.status),
        rag: t.get(&i.rag.label_id()),
        evidence: if i.status == Status::NotApplicable {
            i.reason.clone().unwrap_or_default()
        } else {
            i.evidence.clone().unwrap_or_default()
        },
        owner: i.owner_name.clone().unwrap_or_default(),
        target: date_text(t, &i.target_on),
        review: date_text(t, &i.review_on),
        measure: i
            .measure
            .as_ref()
            .map(|m| measure_text(t, &i.practice.code, m)),
        changed,
    }
}

/// A live measure's sentence and whether it disagrees with the status; a figure hidden
/// under the small-number rule reads "fewer than N people".
fn measure_text(t: &Tr, code: &str, m: &cairn_app::model::MeasureView) -> (String, bool) {
    let text = match m.hidden_below {
        Some(n) => t.with(
            "model-measure-hidden",
            &[
                (
                    "measure",
                    t.get(&format!("reports-live-{}", code.replace('.', "-"))),
                ),
                ("count", n.to_string()),
            ],
        ),
        None => t.count(m.message_id, m.count),
    };
    (text, m.disagrees)
}

async fn unit_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let a = cairn_app::model::unit_assessment(&st.app, s.actor(), id).await?;
    let levels: Vec<LevelRow> = a
        .levels
        .iter()
        .map(|l| {
            let idx = usize::try_from(l.level - 1).unwrap_or(0);
            LevelRow {
                heading: t.get(&format!("model-level-{}", l.level)),
                in_place: l.in_place,
                applicable: l.applicable,
                percent: l.percent,
                reached: t.get(if l.reached {
                    "model-reached-yes"
                } else {
                    "model-reached-no"
                }),
                reached_yes: l.reached,
                baseline: a
                    .baseline
                    .as_ref()
                    .map(|(_, p)| format!("{}%", p[idx].percent))
                    .unwrap_or_else(|| "–".into()),
                last_round: a
                    .last_round
                    .as_ref()
                    .map(|(_, p)| format!("{}%", p[idx].percent))
                    .unwrap_or_else(|| "–".into()),
                items: a
                    .items
                    .iter()
                    .filter(|i| i.practice.level == l.level)
                    .map(|i| item_row(&t, i))
                    .collect(),
            }
        })
        .collect();
    // Level progress over time for this unit: the latest closed rounds. The CSV download has
    // every one of them.
    let closed = a.over_time.len();
    let recent = &a.over_time[closed.saturating_sub(SHOWN_ROUNDS)..];
    let progress_note = (closed > recent.len()).then(|| {
        t.with(
            "model-progress-recent",
            &[
                ("shown", recent.len().to_string()),
                ("total", closed.to_string()),
            ],
        )
    });
    let points: Vec<(String, [i64; 3])> = recent
        .iter()
        .map(|(r, p)| (round_name(&t, r).text, *p))
        .collect();
    let chart = (!points.is_empty()).then(|| {
        let labels: Vec<String> = points.iter().map(|(n, _)| n.clone()).collect();
        let series: Vec<(String, Vec<i64>)> = (0..3)
            .map(|k| {
                (
                    t.get(&format!("model-level-short-{}", k + 1)),
                    points.iter().map(|(_, p)| p[k]).collect(),
                )
            })
            .collect();
        percent_lines(
            "progress-chart",
            &t.get("model-chart-progress-title"),
            &t.get("model-chart-progress-summary"),
            &labels,
            &series,
        )
    });
    let chart_rows = points
        .iter()
        .map(|(n, p)| (n.clone(), p[0], p[1], p[2]))
        .collect();
    let name = local_name(&t, &a.unit.name, a.unit.name_cy.as_deref());
    let tz = time_zone(&a.organisation.time_zone);
    let chrome = Chrome::signed(
        &s,
        t.with("model-unit-title", &[("unit", name.clone())]),
        organisation(&st, &s).await?,
    );
    html(&UnitPage {
        chrome,
        t,
        id,
        name,
        ladder: t.get(&a.ladder.label_id()),
        ladder_hint: t.get(&format!("{}-hint", a.ladder.label_id())),
        version: a.model_version,
        threshold: a.organisation.model_threshold_percent,
        levels,
        baseline_name: a.baseline.as_ref().map(|(r, _)| round_name(&t, r).text),
        round_name: a.last_round.as_ref().map(|(r, _)| round_name(&t, r).text),
        chart,
        chart_rows,
        progress_note,
        printed: format_instant(st.app.now(), &tz, t.lang),
    })
}

/// The unit page's level-progress table: each closed round with its three percentages.
async fn progress_csv(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let a = cairn_app::model::unit_assessment(&st.app, s.actor(), id).await?;
    let mut rows = vec![vec![
        t.get("model-col-round"),
        t.get("model-level-short-1"),
        t.get("model-level-short-2"),
        t.get("model-level-short-3"),
    ]];
    for (r, p) in &a.over_time {
        rows.push(vec![
            round_name(&t, r).text,
            p[0].to_string(),
            p[1].to_string(),
            p[2].to_string(),
        ]);
    }
    Ok(crate::csv_export::download(
        &format!("unit-{id}-level-progress.csv"),
        &rows,
    ))
}

/// The service view's Red/Amber/Green table: each level's counts across the organisation.
async fn levels_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let today = cairn_domain::time::local_date(st.app.now(), &org_time_zone(&st, &s).await?);
    let v = cairn_app::model::service_view(&st.app, s.actor(), today).await?;
    let mut rows = vec![vec![
        t.get("model-col-level"),
        t.get("model-rag-red"),
        t.get("model-rag-amber"),
        t.get("model-rag-green"),
        t.get("model-rag-not-applicable"),
    ]];
    for (l, r, a, g, n) in &v.rag_counts {
        rows.push(vec![
            l.to_string(),
            r.to_string(),
            a.to_string(),
            g.to_string(),
            n.to_string(),
        ]);
    }
    Ok(crate::csv_export::download(
        "levels-red-amber-green.csv",
        &rows,
    ))
}

async fn unit_csv(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let a = cairn_app::model::unit_assessment(&st.app, s.actor(), id).await?;
    let mut rows = vec![
        [
            "model-col-code",
            "model-col-level",
            "model-col-practice",
            "model-col-status",
            "model-col-rag",
            "model-col-evidence",
            "model-col-owner",
            "model-col-target",
            "model-col-review",
            "model-col-baseline",
        ]
        .iter()
        .map(|id| t.get(id))
        .collect::<Vec<_>>(),
    ];
    for i in &a.items {
        let r = item_row(&t, i);
        rows.push(vec![
            r.code,
            i.practice.level.to_string(),
            r.title,
            r.tag.label,
            r.rag,
            r.evidence,
            r.owner,
            i.target_on.clone().unwrap_or_default(),
            i.review_on.clone().unwrap_or_default(),
            i.at_baseline
                .map(|b| t.get(&b.label_id()))
                .unwrap_or_default(),
        ]);
    }
    Ok(crate::csv_export::download(
        &format!("cairn-unit-{id}-assessment.csv"),
        &rows,
    ))
}

struct HistoryRow {
    when: String,
    who: String,
    tag: Tag,
    note: String,
    version: i64,
}

#[derive(Template)]
#[template(path = "model/practice.html")]
struct PracticePage {
    chrome: Chrome,
    t: Tr,
    unit_id: i64,
    unit_name: String,
    code: String,
    title: String,
    shows: String,
    tag: Tag,
    measure: Option<(String, bool)>,
    form: FormState,
    statuses: Vec<Choice>,
    owners: Vec<Choice>,
    history: Vec<HistoryRow>,
    can_change: bool,
    /// The other instruments' criteria this practice also evidences: (instrument, criteria).
    crosswalk: Vec<(String, Vec<String>)>,
}

/// A practice's cross-walk in the reader's language, grouped by instrument.
fn crosswalk_of(t: &Tr, code: &str) -> Vec<(String, Vec<String>)> {
    use cairn_domain::model::crosswalk::{Instrument, criteria_of};
    let criteria = criteria_of(code);
    Instrument::ALL
        .iter()
        .filter_map(|i| {
            let mine: Vec<String> = i
                .criteria()
                .iter()
                .filter(|c| criteria.contains(c))
                .map(|c| t.get(&format!("crosswalk-{c}")))
                .collect();
            (!mine.is_empty()).then(|| (t.get(&i.label_id()), mine))
        })
        .collect()
}

async fn practice_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    code: &str,
    form: Option<FormState>,
) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::model::practice_on_unit(&st.app, s.actor(), id, code).await?;
    let tz = org_time_zone(st, s).await?;
    let form = form.unwrap_or_else(|| {
        let mut f = FormState::new();
        f.set("status", p.item.status.key())
            .set("reason", p.item.reason.clone().unwrap_or_default())
            .set("evidence", p.item.evidence.clone().unwrap_or_default())
            .set(
                "owner_person_id",
                p.item
                    .owner_person_id
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
            )
            .set_date(
                "target_on",
                &DateParts::from_date(p.item.target_on.as_deref().and_then(parse_iso_date)),
            )
            .set_date(
                "review_on",
                &DateParts::from_date(p.item.review_on.as_deref().and_then(parse_iso_date)),
            );
        f
    });
    let history = p
        .history
        .iter()
        .map(|h| HistoryRow {
            when: format_instant(h.at, &tz, t.lang),
            who: h.actor_label.clone(),
            tag: tag(&t, h.status),
            note: if h.status == Status::NotApplicable {
                h.reason.clone().unwrap_or_default()
            } else {
                h.evidence.clone().unwrap_or_default()
            },
            version: h.model_version,
        })
        .collect();
    let unit_name = local_name(&t, &p.unit.name, p.unit.name_cy.as_deref());
    let chrome = Chrome::signed(
        s,
        format!("{code} – {unit_name}"),
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
        &PracticePage {
            chrome,
            t,
            unit_id: id,
            unit_name,
            code: code.to_owned(),
            title: title(&t, &p.item.practice),
            shows: shows(&t, &p.item.practice),
            tag: tag(&t, p.item.status),
            measure: p.item.measure.as_ref().map(|m| measure_text(&t, code, m)),
            form,
            statuses: choices(&t, Status::ALL, |x| x.key(), |x| x.label_id()),
            owners: p
                .owners
                .into_iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n,
                })
                .collect(),
            crosswalk: crosswalk_of(&t, code),
            history,
            can_change: p.can_change,
        },
    )
}

async fn practice_page(
    State(st): State<AppState>,
    s: Signed,
    Path((id, code)): Path<(i64, String)>,
) -> WebResult {
    practice_view(&st, &s, id, &code, None).await
}

#[derive(Deserialize, Default)]
struct StatusIn {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    owner_person_id: String,
    #[serde(default)]
    target_on_day: String,
    #[serde(default)]
    target_on_month: String,
    #[serde(default)]
    target_on_year: String,
    #[serde(default)]
    review_on_day: String,
    #[serde(default)]
    review_on_month: String,
    #[serde(default)]
    review_on_year: String,
}

async fn set_status(
    State(st): State<AppState>,
    s: Signed,
    Path((id, code)): Path<(i64, String)>,
    Posted(f): Posted<StatusIn>,
) -> WebResult {
    let draft = AssessmentDraft {
        status: f.status.clone(),
        reason: Some(f.reason.clone()),
        evidence: Some(f.evidence.clone()),
        owner_person_id: f.owner_person_id.trim().parse().ok(),
        target_on: DateParts {
            day: f.target_on_day.clone(),
            month: f.target_on_month.clone(),
            year: f.target_on_year.clone(),
        },
        review_on: DateParts {
            day: f.review_on_day.clone(),
            month: f.review_on_month.clone(),
            year: f.review_on_year.clone(),
        },
    };
    match cairn_app::model::set_status(&st.app, s.actor(), id, &code, &draft).await {
        Ok(()) => see_other(&format!("/units/{id}/assessment#{code}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("status", f.status)
                .set("reason", f.reason)
                .set("evidence", f.evidence)
                .set("owner_person_id", f.owner_person_id)
                .set_date("target_on", &draft.target_on)
                .set_date("review_on", &draft.review_on);
            form.add_errors(&s.ctx.t(), &errs);
            practice_view(&st, &s, id, &code, Some(form)).await
        }
        Err(e) => Err(e.into()),
    }
}

struct ServiceRow {
    id: i64,
    name: String,
    cells: Vec<(String, bool, String)>,
    ladder: String,
}

struct DueRow {
    unit_id: i64,
    unit: String,
    code: String,
    title: String,
    tag: Tag,
    when: String,
    overdue: bool,
}

#[derive(Template)]
#[template(path = "model/service.html")]
struct ServicePage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<ServiceRow>,
    due: Vec<DueRow>,
    rag_chart: String,
    rag_rows: Vec<(String, i64, i64, i64, i64)>,
    baseline_name: Option<String>,
    can_rounds: bool,
    /// The cross-walk filter: instruments to choose from, the one chosen, and its criteria
    /// each with the practices that evidence it and how many units have each in place.
    instruments: Vec<Choice>,
    form: FormState,
    crosswalk: Option<(String, Vec<CrosswalkRow>)>,
}

struct CrosswalkRow {
    criterion: String,
    /// (code, title, "3 of 5 units")
    practices: Vec<(String, String, String)>,
}

#[derive(Deserialize, Default)]
struct ServiceQuery {
    instrument: Option<String>,
}

/// The chosen instrument's criteria with the practices that evidence them, or `None`.
async fn crosswalk_rows(
    st: &AppState,
    s: &Signed,
    t: &Tr,
    instrument: Option<&str>,
) -> WebResult<Option<(String, Vec<CrosswalkRow>)>> {
    use cairn_domain::model::crosswalk::{Instrument, practices_for};
    let Some(i) = instrument.and_then(Instrument::parse) else {
        return Ok(None);
    };
    let counts = cairn_app::model::in_place_by_code(&st.app, s.actor()).await?;
    let practices = cairn_app::model::model(&st.app, s.actor()).await?.practices;
    let rows = i
        .criteria()
        .iter()
        .map(|c| CrosswalkRow {
            criterion: t.get(&format!("crosswalk-{c}")),
            practices: practices_for(c)
                .into_iter()
                .filter_map(|code| {
                    let p = practices.iter().find(|p| p.code == code)?;
                    let (_, in_place, applicable) = counts.iter().find(|(k, _, _)| k == code)?;
                    Some((
                        code.to_owned(),
                        title(t, p),
                        t.with(
                            "crosswalk-in-place",
                            &[
                                ("in_place", in_place.to_string()),
                                ("units", applicable.to_string()),
                            ],
                        ),
                    ))
                })
                .collect(),
        })
        .collect();
    Ok(Some((t.get(&i.label_id()), rows)))
}

/// How many closed rounds a unit's self-assessment charts and tabulates: three years of
/// quarterly rounds. Ten years' worth (forty) would squeeze the chart's points and make the
/// page and its printed copy ever longer; the CSV download keeps every round.
const SHOWN_ROUNDS: usize = 12;

const RED: &str = "#d5281b";
const AMBER: &str = "#ffb81c";
const GREEN: &str = "#007f3b";
const GREY: &str = "#768692";

async fn service_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ServiceQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let crosswalk = crosswalk_rows(&st, &s, &t, q.instrument.as_deref()).await?;
    let mut form = FormState::new();
    form.set("instrument", q.instrument.clone().unwrap_or_default());
    let instruments = cairn_domain::model::crosswalk::Instrument::ALL
        .iter()
        .map(|i| Choice {
            value: i.key().to_owned(),
            label: t.get(&i.label_id()),
        })
        .collect();
    let tz = org_time_zone(&st, &s).await?;
    let today = cairn_domain::time::local_date(st.app.now(), &tz);
    let v = cairn_app::model::service_view(&st.app, s.actor(), today).await?;
    let rows = v
        .rows
        .iter()
        .map(|r| ServiceRow {
            id: r.unit.id,
            name: local_name(&t, &r.unit.name, r.unit.name_cy.as_deref()),
            cells: r
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let change = r
                        .baseline
                        .as_ref()
                        .map(|b| l.percent - b[i].percent)
                        .map(|d| t.with("model-change-points", &[("points", format!("{d:+}"))]))
                        .unwrap_or_default();
                    (format!("{}%", l.percent), l.reached, change)
                })
                .collect(),
            ladder: t.get(&r.ladder.label_id()),
        })
        .collect();
    // Listed by the name people read, never by score.
    let mut rows: Vec<ServiceRow> = rows;
    rows.sort_by_key(|r| r.name.to_lowercase());
    let due = v
        .due
        .iter()
        .map(|d| DueRow {
            unit_id: d.unit.id,
            unit: local_name(&t, &d.unit.name, d.unit.name_cy.as_deref()),
            code: d.practice.code.clone(),
            title: title(&t, &d.practice),
            tag: tag(&t, d.status),
            when: if d.overdue {
                t.with(
                    "model-due-overdue",
                    &[(
                        "date",
                        d.target_on
                            .map(|x| format_date(x, t.lang))
                            .unwrap_or_default(),
                    )],
                )
            } else {
                t.with(
                    "model-due-review",
                    &[(
                        "date",
                        d.review_on
                            .map(|x| format_date(x, t.lang))
                            .unwrap_or_default(),
                    )],
                )
            },
            overdue: d.overdue,
        })
        .collect();
    let bars: Vec<Bar> = v
        .rag_counts
        .iter()
        .map(|(l, r, a, g, n)| Bar {
            label: t.get(&format!("model-level-short-{l}")),
            segments: vec![
                (*r, RED, "#ffffff"),
                (*a, AMBER, "#212b32"),
                (*g, GREEN, "#ffffff"),
                (*n, GREY, "#ffffff"),
            ],
        })
        .collect();
    let legend = vec![
        (t.get("model-rag-red"), RED),
        (t.get("model-rag-amber"), AMBER),
        (t.get("model-rag-green"), GREEN),
        (t.get("model-rag-not-applicable"), GREY),
    ];
    let rag_chart = stacked_bars(
        "rag-chart",
        &t.get("model-chart-rag-title"),
        &t.get("model-chart-rag-summary"),
        &bars,
        &legend,
    );
    let rag_rows = v
        .rag_counts
        .iter()
        .map(|(l, r, a, g, n)| (t.get(&format!("model-level-short-{l}")), *r, *a, *g, *n))
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.get("model-service-title"),
        organisation(&st, &s).await?,
    );
    html(&ServicePage {
        chrome,
        t,
        rows,
        due,
        rag_chart,
        rag_rows,
        baseline_name: v.baseline.map(|b| b.name),
        can_rounds: s.actor().can(Permission::ManageRounds),
        instruments,
        form,
        crosswalk,
    })
}

async fn service_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let tz = org_time_zone(&st, &s).await?;
    let v = cairn_app::model::service_view(
        &st.app,
        s.actor(),
        cairn_domain::time::local_date(st.app.now(), &tz),
    )
    .await?;
    let mut rows = vec![vec![
        t.get("model-col-unit"),
        t.get("model-col-level"),
        t.get("model-col-in-place"),
        t.get("model-col-applicable"),
        t.get("model-col-percent"),
        t.get("model-col-reached"),
        t.get("model-col-baseline-percent"),
        t.get("model-col-ladder"),
    ]];
    for r in &v.rows {
        for (i, l) in r.levels.iter().enumerate() {
            rows.push(vec![
                local_name(&t, &r.unit.name, r.unit.name_cy.as_deref()),
                l.level.to_string(),
                l.in_place.to_string(),
                l.applicable.to_string(),
                l.percent.to_string(),
                t.get(if l.reached {
                    "model-reached-yes"
                } else {
                    "model-reached-no"
                }),
                r.baseline
                    .as_ref()
                    .map(|b| b[i].percent.to_string())
                    .unwrap_or_default(),
                t.get(&r.ladder.label_id()),
            ]);
        }
    }
    Ok(crate::csv_export::download("cairn-assessment.csv", &rows))
}

struct RoundRow {
    id: i64,
    name: Local,
    kind: String,
    opened: String,
    closed: Option<String>,
    version: i64,
}

#[derive(Template)]
#[template(path = "model/rounds.html")]
struct RoundsPage {
    chrome: Chrome,
    t: Tr,
    rounds: Vec<RoundRow>,
    form: FormState,
    kinds: Vec<Choice>,
    can_manage: bool,
}

async fn rounds_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let rounds = cairn_app::model::rounds(&st.app, s.actor()).await?;
    let tz = org_time_zone(st, s).await?;
    let rounds = rounds
        .into_iter()
        .map(|r| RoundRow {
            id: r.id,
            name: round_name(&t, &r),
            kind: t.get(&format!("model-round-kind-{}", r.kind)),
            opened: t.with(
                "model-round-opened",
                &[
                    ("when", format_instant(r.opened_at, &tz, t.lang)),
                    ("who", r.opened_by_label),
                ],
            ),
            closed: r.closed_at.map(|c| {
                t.with(
                    "model-round-closed",
                    &[
                        ("when", format_instant(c, &tz, t.lang)),
                        ("who", r.closed_by_label.unwrap_or_default()),
                    ],
                )
            }),
            version: r.model_version,
        })
        .collect();
    let chrome = Chrome::signed(s, t.get("model-rounds-title"), organisation(st, s).await?)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let kinds = ["baseline", "round"]
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: t.get(&format!("model-round-kind-{k}")),
        })
        .collect();
    html_status(
        status,
        &RoundsPage {
            chrome,
            t,
            rounds,
            form,
            kinds,
            can_manage: s.actor().can(Permission::ManageRounds),
        },
    )
}

async fn rounds_page(State(st): State<AppState>, s: Signed) -> WebResult {
    rounds_view(&st, &s, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct RoundIn {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_cy: String,
}

/// A round's name for the reader (in their language when it is written in it).
pub(crate) fn round_name(t: &Tr, r: &cairn_db::model::Round) -> Local {
    local_of(t, Some(&r.name), r.name_cy.as_deref())
}

async fn open_round(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<RoundIn>,
) -> WebResult {
    let name = Bilingual::new(Some(&f.name), Some(&f.name_cy));
    let result = if f.kind == "baseline" {
        cairn_app::model::take_baseline(&st.app, s.actor(), name).await
    } else {
        cairn_app::model::open_round(
            &st.app,
            s.actor(),
            if f.kind.is_empty() { "" } else { &f.kind },
            name,
        )
        .await
    };
    match result {
        Ok(_) => see_other("/assessment/rounds"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("kind", f.kind)
                .set("name", f.name)
                .set("name_cy", f.name_cy);
            form.add_errors(&s.ctx.t(), &errs);
            rounds_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn close_round(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<Empty>,
) -> WebResult {
    cairn_app::model::close_round(&st.app, s.actor(), id).await?;
    see_other("/assessment/rounds")
}
