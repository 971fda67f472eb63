//! The playbook's pages: the whole playbook (each challenge with what helped, its signals and
//! thresholds, where it is raised now, and the organisation's own challenges), a unit's
//! playbook (signals today with their evidence, actions, history), and one form a page for a
//! new action, closing one, the thresholds and an own challenge.

use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use cairn_app::AppError;
use cairn_app::playbook::{Item, SignalView, UnitPlaybook};
use cairn_db::playbook::Raised;
use cairn_domain::Permission;
use cairn_domain::playbook::{ActionDraft, Challenge, Fires, OwnChallengeDraft, SIGNALS, Signal};
use cairn_domain::time::{DateParts, format_date, local_date, parse_iso_date, time_zone};
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/playbook", overview)
        .get("/playbook/thresholds", thresholds_form)
        .post("/playbook/thresholds", save_thresholds)
        .get("/playbook/challenges/new", own_form)
        .post("/playbook/challenges/new", add_own)
        .get("/playbook/actions/{id}/close", close_form)
        .post("/playbook/actions/{id}/close", close)
        .get("/units/{id}/playbook", unit_page)
        .get("/units/{id}/playbook/{challenge}/actions/new", action_form)
        .post("/units/{id}/playbook/{challenge}/actions/new", add_action)
}

/// The challenge's name in the reader's language.
pub(crate) fn challenge_name(t: &Tr, c: &str) -> String {
    Challenge::parse(c)
        .map(|c| t.get(&c.message_id()))
        .unwrap_or_default()
}

pub(crate) fn threshold_text(t: &Tr, s: &Signal, threshold: i64) -> String {
    t.with(
        match s.fires {
            Fires::AtLeast => "playbook-fires-at-least",
            Fires::Below => "playbook-fires-below",
        },
        &[("threshold", threshold.to_string())],
    )
}

/// A date in the organisation's zone, from UTC milliseconds.
fn day(t: &Tr, tz: &jiff::tz::TimeZone, ms: i64) -> String {
    format_date(local_date(ms, tz), t.lang)
}

async fn tz_of(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

#[derive(Debug, Clone)]
struct HelpView {
    label: String,
    href: &'static str,
}

fn helps(t: &Tr, c: Challenge) -> Vec<HelpView> {
    c.helps()
        .iter()
        .map(|(k, href)| HelpView {
            label: t.get(&format!("playbook-help-{k}")),
            href,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The whole playbook
// ---------------------------------------------------------------------------------------------

struct SignalLine {
    name: String,
    definition: String,
    threshold: String,
}

struct ChallengeSummary {
    key: &'static str,
    name: String,
    said: String,
    helps: Vec<HelpView>,
    signals: Vec<SignalLine>,
    /// (unit id, unit name) where it is raised now.
    raised_on: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "playbook/overview.html")]
struct OverviewPage {
    chrome: Chrome,
    t: Tr,
    challenges: Vec<ChallengeSummary>,
    own: Vec<(String, String)>,
    can_manage: bool,
    done: String,
}

#[derive(Deserialize, Default)]
struct Done {
    done: Option<String>,
}

fn done_text(t: &Tr, d: Option<&str>) -> String {
    match d {
        Some("thresholds") => t.get("playbook-thresholds-saved"),
        Some("own") => t.get("playbook-own-saved"),
        Some("action") => t.get("playbook-action-saved"),
        Some("closed") => t.get("playbook-action-closed-flash"),
        _ => String::new(),
    }
}

async fn overview(State(st): State<AppState>, s: Signed, Query(q): Query<Done>) -> WebResult {
    let t = s.ctx.t();
    let thresholds = cairn_app::playbook::signal_thresholds(&st.app, s.actor()).await?;
    let raised = cairn_app::playbook::raised(&st.app, s.actor()).await?;
    let own = cairn_app::playbook::own_challenges(&st.app, s.actor()).await?;
    let challenges = Challenge::ALL
        .iter()
        .map(|c| ChallengeSummary {
            key: c.key(),
            name: t.get(&c.message_id()),
            said: t.get(&format!("{}-said", c.message_id())),
            helps: helps(&t, *c),
            signals: thresholds
                .iter()
                .filter(|(s, _)| s.challenge == *c)
                .map(|(s, th)| SignalLine {
                    name: t.get(&s.message_id()),
                    definition: t.get(&format!("{}-definition", s.message_id())),
                    threshold: threshold_text(&t, s, *th),
                })
                .collect(),
            raised_on: raised
                .iter()
                .filter(|(r, _)| r.challenge == c.key())
                .map(|(r, n)| (r.unit_id, n.clone()))
                .collect(),
        })
        .collect();
    let own = own
        .into_iter()
        .map(|o| {
            let (title, advice) = match t.lang {
                cairn_domain::people::Language::Cy => (o.title_cy, o.advice_cy),
                cairn_domain::people::Language::En => (o.title_en, o.advice_en),
            };
            (title, advice)
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("playbook-title"), organisation(&st, &s).await?);
    html(&OverviewPage {
        chrome,
        challenges,
        own,
        can_manage: s.actor().can(Permission::ManageReports),
        done: done_text(&t, q.done.as_deref()),
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "playbook/thresholds.html")]
struct ThresholdsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    /// (signal key, label, hint)
    fields: Vec<(&'static str, String, String)>,
}

async fn thresholds_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageReports) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let fields = SIGNALS
        .iter()
        .map(|sig| {
            (
                sig.key,
                t.get(&sig.message_id()),
                t.get(&format!("{}-definition", sig.message_id())),
            )
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.get("playbook-thresholds-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        form.status(),
        &ThresholdsPage {
            chrome,
            form,
            fields,
            t,
        },
    )
}

async fn thresholds_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let mut form = FormState::new();
    for (sig, th) in cairn_app::playbook::signal_thresholds(&st.app, s.actor()).await? {
        form.set(sig.key, th.to_string());
    }
    thresholds_view(&st, &s, form).await
}

async fn save_thresholds(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<HashMap<String, String>>,
) -> WebResult {
    if !s.actor().can(Permission::ManageReports) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    // Every threshold is checked before any is saved: a page with one mistake changes nothing.
    let mut errors = cairn_domain::FieldErrors::new();
    for sig in SIGNALS {
        if let Err(e) = cairn_domain::playbook::parse_threshold(
            sig,
            f.get(sig.key).map(String::as_str).unwrap_or(""),
        ) {
            errors.0.extend(e.0);
        }
    }
    if !errors.is_empty() {
        let mut form = FormState::new();
        for sig in SIGNALS {
            form.set(sig.key, f.get(sig.key).cloned().unwrap_or_default());
        }
        form.add_errors(&t, &errors);
        return thresholds_view(&st, &s, form).await;
    }
    for sig in SIGNALS {
        let raw = f.get(sig.key).map(String::as_str).unwrap_or("");
        cairn_app::playbook::set_threshold(&st.app, s.actor(), sig.key, raw).await?;
    }
    cairn_app::playbook::sweep(&st.app).await?;
    see_other("/playbook?done=thresholds")
}

// ---------------------------------------------------------------------------------------------
// An organisation's own challenge
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "playbook/own.html")]
struct OwnPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
}

async fn own_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageReports) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(
        s,
        t.get("playbook-own-add-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(form.status(), &OwnPage { chrome, form, t })
}

async fn own_form(State(st): State<AppState>, s: Signed) -> WebResult {
    own_view(&st, &s, FormState::new()).await
}

#[derive(Deserialize)]
struct OwnIn {
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_cy: String,
    #[serde(default)]
    advice_en: String,
    #[serde(default)]
    advice_cy: String,
}

async fn add_own(State(st): State<AppState>, s: Signed, Posted(f): Posted<OwnIn>) -> WebResult {
    let d = OwnChallengeDraft {
        title_en: f.title_en,
        title_cy: f.title_cy,
        advice_en: f.advice_en,
        advice_cy: f.advice_cy,
    };
    match cairn_app::playbook::add_own_challenge(&st.app, s.actor(), &d).await {
        Ok(_) => see_other("/playbook?done=own"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("title_en", d.title_en)
                .set("title_cy", d.title_cy)
                .set("advice_en", d.advice_en)
                .set("advice_cy", d.advice_cy);
            form.add_errors(&s.ctx.t(), &errs);
            own_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// A unit's playbook
// ---------------------------------------------------------------------------------------------

struct EvidenceLine {
    label: String,
    href: String,
}

struct SignalRow {
    name: String,
    definition: String,
    figure: i64,
    threshold: String,
    fired: bool,
    evidence: Vec<EvidenceLine>,
    /// True when the figure counts people the reader may not see.
    hidden: bool,
    reasons: Vec<(String, i64)>,
}

struct ActionLine {
    id: i64,
    text: String,
    detail: String,
    closed: Option<String>,
}

struct ChallengeBlock {
    key: &'static str,
    name: String,
    said: String,
    raised: Option<String>,
    signals: Vec<SignalRow>,
    helps: Vec<HelpView>,
    actions: Vec<ActionLine>,
}

struct HistoryRow {
    challenge: String,
    raised_on: String,
    cleared_on: String,
    signals: String,
}

#[derive(Template)]
#[template(path = "playbook/unit.html")]
struct UnitPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    unit: String,
    blocks: Vec<ChallengeBlock>,
    own: Vec<(String, String)>,
    history: Vec<HistoryRow>,
    can_act: bool,
    done: String,
}

fn evidence(s: &SignalView) -> Vec<EvidenceLine> {
    match s.item {
        Some(Item::Person) => s
            .ids
            .iter()
            .zip(&s.names)
            .map(|(id, name)| EvidenceLine {
                label: name.clone(),
                href: format!("/people/{id}"),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn items(t: &Tr, s: &SignalView) -> Vec<EvidenceLine> {
    let (id, path) = match s.item {
        Some(Item::Meeting) => ("playbook-item-meeting", "/meetings"),
        Some(Item::Suggestion) => ("playbook-item-suggestion", "/feedback"),
        Some(Item::Claim) => ("playbook-item-claim", "/payments/claims"),
        _ => return evidence(s),
    };
    let mut ids = s.ids.clone();
    ids.dedup();
    ids.iter()
        .map(|n| EvidenceLine {
            label: t.with(id, &[("id", n.to_string())]),
            href: format!("{path}/{n}"),
        })
        .collect()
}

/// The signals that fired as "Signal name: value; …" in the reader's language.
fn signals_text(t: &Tr, r: &Raised) -> String {
    r.fired()
        .into_iter()
        .map(|(k, v)| match cairn_domain::playbook::signal(k) {
            Some(s) => format!("{}: {v}", t.get(&s.message_id())),
            None => format!("{k}: {v}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn history_row(t: &Tr, tz: &jiff::tz::TimeZone, r: &Raised) -> HistoryRow {
    HistoryRow {
        challenge: challenge_name(t, &r.challenge),
        raised_on: day(t, tz, r.raised_at),
        cleared_on: r
            .cleared_at
            .map(|c| day(t, tz, c))
            .unwrap_or_else(|| t.get("playbook-still-raised")),
        signals: signals_text(t, r),
    }
}

fn blocks(t: &Tr, tz: &jiff::tz::TimeZone, p: &UnitPlaybook) -> Vec<ChallengeBlock> {
    let owner = |id: Option<i64>| {
        id.and_then(|id| p.owners.iter().find(|(o, _)| *o == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| t.get("playbook-action-no-owner"))
    };
    let mut out: Vec<ChallengeBlock> = p
        .challenges
        .iter()
        .map(|c| ChallengeBlock {
            key: c.challenge.key(),
            name: t.get(&c.challenge.message_id()),
            said: t.get(&format!("{}-said", c.challenge.message_id())),
            raised: c.raised.as_ref().map(|r| {
                t.with(
                    "playbook-raised-since",
                    &[("date", day(t, tz, r.raised_at))],
                )
            }),
            signals: c
                .signals
                .iter()
                .map(|s| SignalRow {
                    name: t.get(&s.signal.message_id()),
                    definition: t.get(&format!("{}-definition", s.signal.message_id())),
                    figure: s.value,
                    threshold: threshold_text(t, s.signal, s.threshold),
                    fired: s.fired,
                    evidence: items(t, s),
                    hidden: s.item == Some(Item::Person) && !p.sees_people && s.value > 0,
                    reasons: s
                        .reasons
                        .iter()
                        .map(|(k, n)| (t.get(&format!("exit-reason-{}", k.replace('_', "-"))), *n))
                        .collect(),
                })
                .collect(),
            helps: helps(t, c.challenge),
            actions: c
                .actions
                .iter()
                .map(|a| ActionLine {
                    id: a.id,
                    // What staff typed, shown as typed; the owner and date in the reader's words.
                    text: a.text.clone(),
                    detail: t.with(
                        "playbook-action-detail",
                        &[
                            ("owner", owner(a.owner_person_id)),
                            (
                                "date",
                                parse_iso_date(&a.due_on)
                                    .map(|d| format_date(d, t.lang))
                                    .unwrap_or_default(),
                            ),
                        ],
                    ),
                    closed: a.closed_at.map(|at| {
                        t.with(
                            "playbook-action-closed",
                            &[
                                ("date", day(t, tz, at)),
                                ("note", a.closed_note.clone().unwrap_or_default()),
                            ],
                        )
                    }),
                })
                .collect(),
        })
        .collect();
    // Raised challenges first, each group in the paper's order.
    out.sort_by_key(|b| b.raised.is_none());
    out
}

async fn unit_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::playbook::unit(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    let unit = local_name(&t, &p.unit.name, p.unit.name_cy.as_deref());
    let chrome = Chrome::signed(
        &s,
        t.with("playbook-unit-title", &[("unit", unit.clone())]),
        organisation(&st, &s).await?,
    );
    html(&UnitPage {
        chrome,
        id,
        blocks: blocks(&t, &tz, &p),
        own: p
            .own
            .iter()
            .map(|o| match t.lang {
                cairn_domain::people::Language::Cy => (o.title_cy.clone(), o.advice_cy.clone()),
                cairn_domain::people::Language::En => (o.title_en.clone(), o.advice_en.clone()),
            })
            .collect(),
        history: p.history.iter().map(|r| history_row(&t, &tz, r)).collect(),
        can_act: p.can_act,
        done: done_text(&t, q.done.as_deref()),
        unit,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "playbook/action.html")]
struct ActionPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    challenge: &'static str,
    heading: String,
    form: FormState,
    owners: Vec<Choice>,
}

async fn action_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    challenge: Challenge,
    form: FormState,
) -> WebResult {
    if !s.actor().can(Permission::ManageAssessments) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let owners = cairn_app::playbook::owner_choices(&st.app, s.actor(), id).await?;
    let heading = t.with(
        "playbook-action-add-title",
        &[("challenge", t.get(&challenge.message_id()))],
    );
    let unit = cairn_app::units::unit_labels(&st.app, s.actor())
        .await?
        .into_iter()
        .find(|u| u.0 == id)
        .map(|(_, en, cy)| local_name(&t, &en, cy.as_deref()))
        .ok_or(WebError::NotFound)?;
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?)
        .about(unit)
        .with_errors(&form);
    html_status(
        form.status(),
        &ActionPage {
            chrome,
            id,
            challenge: challenge.key(),
            heading,
            form,
            owners: owners
                .into_iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n,
                })
                .collect(),
            t,
        },
    )
}

fn challenge_of(raw: &str) -> Result<Challenge, WebError> {
    Challenge::parse(raw).ok_or(WebError::NotFound)
}

async fn action_form(
    State(st): State<AppState>,
    s: Signed,
    Path((id, challenge)): Path<(i64, String)>,
) -> WebResult {
    action_view(&st, &s, id, challenge_of(&challenge)?, FormState::new()).await
}

#[derive(Deserialize)]
struct ActionIn {
    #[serde(default)]
    text: String,
    #[serde(default)]
    owner_person_id: String,
    #[serde(default)]
    due_on_day: String,
    #[serde(default)]
    due_on_month: String,
    #[serde(default)]
    due_on_year: String,
}

async fn add_action(
    State(st): State<AppState>,
    s: Signed,
    Path((id, challenge)): Path<(i64, String)>,
    Posted(f): Posted<ActionIn>,
) -> WebResult {
    let challenge = challenge_of(&challenge)?;
    let owner = f.owner_person_id.trim();
    let d = ActionDraft {
        text: f.text.clone(),
        owner_person_id: owner.parse::<i64>().ok(),
        due_on: DateParts {
            day: f.due_on_day,
            month: f.due_on_month,
            year: f.due_on_year,
        },
    };
    // A chosen owner that is not a number was not chosen from the list.
    let bad_owner = !owner.is_empty() && d.owner_person_id.is_none();
    let result = if bad_owner {
        let mut e = cairn_domain::FieldErrors::new();
        e.add("owner_person_id", "playbook-error-owner");
        Err(AppError::Invalid(e))
    } else {
        cairn_app::playbook::add_action(&st.app, s.actor(), id, challenge.key(), &d).await
    };
    match result {
        Ok(_) => see_other(&format!("/units/{id}/playbook?done=action")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("text", d.text)
                .set("owner_person_id", owner.to_owned())
                .set_date("due_on", &d.due_on);
            form.add_errors(&s.ctx.t(), &errs);
            action_view(&st, &s, id, challenge, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "playbook/close.html")]
struct ClosePage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    action: String,
    form: FormState,
}

async fn close_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageAssessments) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let a = cairn_app::playbook::action(&st.app, s.actor(), id).await?;
    let chrome = Chrome::signed(
        s,
        t.get("playbook-action-close-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        form.status(),
        &ClosePage {
            chrome,
            id,
            action: a.text,
            form,
            t,
        },
    )
}

async fn close_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    close_view(&st, &s, id, FormState::new()).await
}

#[derive(Deserialize)]
struct CloseIn {
    #[serde(default)]
    note: String,
}

async fn close(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CloseIn>,
) -> WebResult {
    match cairn_app::playbook::close_action(&st.app, s.actor(), id, &f.note).await {
        Ok(unit) => see_other(&format!("/units/{unit}/playbook?done=closed")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("note", f.note);
            form.add_errors(&s.ctx.t(), &errs);
            close_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}
