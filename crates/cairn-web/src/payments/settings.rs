//! A person's payment choice, own limit and hold, and their statement.
//!
//! A member answers "How I am paid" one question a page: how they are recognised, the lower
//! fee only if they chose one, whether they have a limit, which preset or their own amount,
//! whether a claim is held at it, what happens to the rest, then they check their answers and
//! save. The answers travel from page to page in the form itself (nothing is stored until they
//! save), so the pages work without JavaScript and a half-answered form changes nothing.
//!
//! Staff reach the same settings from the person's page (`/people/{id}/payments`): a summary
//! with this week's and month's income, one page to change the settings with them, and their
//! statement. Every staff page names the person they are recording for.

use super::{choices, date_words, pounds, valid};
use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::payments::{Earnings, ProfileDraft};
use cairn_db::payments::{LimitPreset, Profile};
use cairn_domain::Permission;
use cairn_domain::payments::{LimitPeriod, OverLimit, PaymentChoice, PeriodEarnings};
use cairn_domain::time::{DateParts, parse_date_parts, parse_iso_date};
use serde::Deserialize;

pub(super) fn routes(r: Routes) -> Routes {
    r.get("/payments/settings", settings_page)
        .reads_person()
        .post("/payments/settings", save_settings)
        .get("/payments/settings/{step}", step_page)
        .post("/payments/settings/{step}", step_post)
        .get("/payments/statement", statement)
        .get("/people/{id}/payments", person_page)
        .reads_person()
        .get("/people/{id}/payments/settings", person_settings)
        .reads_person()
        .post("/people/{id}/payments/settings", save_person_settings)
        .get("/people/{id}/payments/statement", person_statement)
        .reads_person()
}

// ---------------------------------------------------------------------------------------------
// The answers
// ---------------------------------------------------------------------------------------------

/// Every answer, as typed; carried from page to page in hidden fields.
#[derive(Deserialize, Default, Clone)]
struct Answers {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    lower: String,
    #[serde(default)]
    limit_kind: String,
    #[serde(default)]
    limit_period: String,
    #[serde(default)]
    limit_amount: String,
    #[serde(default)]
    preset_id: String,
    #[serde(default)]
    hold: String,
    #[serde(default)]
    over_limit: String,
    /// "back", or a question to go to ("Change" on the check page); empty to answer this one.
    #[serde(default)]
    go: String,
}

/// The answer fields, in the order they are asked.
const FIELDS: [&str; 8] = [
    "choice",
    "lower",
    "limit_kind",
    "preset_id",
    "limit_period",
    "limit_amount",
    "hold",
    "over_limit",
];

impl Answers {
    /// The answers a saved profile gives (or the usual start: bank, no limit).
    fn from_profile(p: Option<&Profile>) -> Self {
        let Some(p) = p else {
            return Answers {
                limit_kind: "none".into(),
                hold: "no".into(),
                ..Default::default()
            };
        };
        let plain = |pence: i64| pounds(pence).replace('£', "");
        let mut a = Answers {
            choice: p.choice.key().into(),
            lower: p.lower_pence.map(plain).unwrap_or_default(),
            hold: if p.hold_at_limit { "yes" } else { "no" }.into(),
            over_limit: p.over_limit.clone().unwrap_or_default(),
            ..Default::default()
        };
        match (p.limit_preset_id, &p.limit_period, p.limit_pence) {
            (Some(id), _, _) => {
                a.limit_kind = "preset".into();
                a.preset_id = id.to_string();
            }
            (None, Some(period), Some(l)) => {
                a.limit_kind = "own".into();
                a.limit_period = period.clone();
                a.limit_amount = plain(l);
            }
            _ => a.limit_kind = "none".into(),
        }
        a
    }

    fn get(&self, field: &str) -> &str {
        match field {
            "choice" => &self.choice,
            "lower" => &self.lower,
            "limit_kind" => &self.limit_kind,
            "preset_id" => &self.preset_id,
            "limit_period" => &self.limit_period,
            "limit_amount" => &self.limit_amount,
            "hold" => &self.hold,
            "over_limit" => &self.over_limit,
            _ => "",
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        for k in FIELDS {
            f.set(k, self.get(k));
        }
        f
    }

    fn draft(&self) -> ProfileDraft {
        let has_limit = matches!(self.limit_kind.as_str(), "preset" | "own");
        let hold = has_limit && self.hold == "yes";
        ProfileDraft {
            choice: self.choice.clone(),
            lower: self.lower.clone(),
            limit_kind: self.limit_kind.clone(),
            limit_period: self.limit_period.clone(),
            limit_amount: self.limit_amount.clone(),
            preset_id: self.preset_id.clone(),
            // With no limit there is nothing to hold at: an earlier "yes" no longer applies.
            hold: if has_limit {
                self.hold.clone()
            } else {
                String::new()
            },
            over_limit: if hold {
                self.over_limit.clone()
            } else {
                String::new()
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Words for answers
// ---------------------------------------------------------------------------------------------

/// A preset in words, with its name, amount and dates.
fn preset_words(t: &Tr, p: &LimitPreset) -> String {
    t.with(
        "payments-preset-with-dates",
        &[
            ("name", local_name(t, &p.name_en, Some(&p.name_cy))),
            ("amount", limit_words(t, &p.period, p.amount_pence)),
            ("dates", valid(t, &p.valid_from, &p.valid_to)),
        ],
    )
}

fn limit_words(t: &Tr, period: &str, pence: i64) -> String {
    t.with(
        if period == "month" {
            "payments-limit-month"
        } else {
            "payments-limit-week"
        },
        &[("amount", pounds(pence))],
    )
}

fn choice_words(t: &Tr, a: &Answers) -> String {
    PaymentChoice::parse(&a.choice)
        .map(|c| t.get(&c.label_id()))
        .unwrap_or_else(|| t.get("payments-person-not-set"))
}

fn limit_answer(t: &Tr, a: &Answers, presets: &[LimitPreset]) -> String {
    match a.limit_kind.as_str() {
        "preset" => presets
            .iter()
            .find(|p| p.id.to_string() == a.preset_id)
            .map(|p| preset_words(t, p))
            .unwrap_or_default(),
        "own" => match cairn_domain::payments::parse_pounds(&a.limit_amount) {
            Some(p) => limit_words(t, &a.limit_period, p),
            None => String::new(),
        },
        _ => t.get("payments-limit-kind-none"),
    }
}

fn hold_answer(t: &Tr, a: &Answers) -> String {
    if a.hold == "yes" {
        t.get("payments-hold-yes")
    } else {
        t.get("payments-hold-no")
    }
}

fn rest_answer(t: &Tr, a: &Answers) -> String {
    OverLimit::parse(&a.over_limit)
        .map(|o| t.get(&o.label_id()))
        .unwrap_or_default()
}

fn preset_choices(t: &Tr, presets: &[LimitPreset]) -> Vec<Choice> {
    presets
        .iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: preset_words(t, p),
        })
        .collect()
}

fn hold_choices(t: &Tr) -> Vec<Choice> {
    ["no", "yes"]
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: t.get(&format!("payments-hold-{k}")),
        })
        .collect()
}

fn kind_choices(t: &Tr) -> Vec<Choice> {
    ["none", "preset", "own"]
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: t.get(&format!("payments-limit-kind-{k}")),
        })
        .collect()
}

fn status_of(form: &FormState) -> StatusCode {
    if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// "You are recording this for Sam (Service user)."
async fn recording_for(st: &AppState, s: &Signed, person: i64) -> WebResult<(String, String)> {
    let t = s.ctx.t();
    let (name, constituency) =
        cairn_app::payments::person_named(&st.app, s.actor(), person).await?;
    let inset = t.with(
        "payments-recording-for",
        &[
            ("name", name.clone()),
            ("constituency", t.get(&constituency.label_id())),
        ],
    );
    Ok((name, inset))
}

// ---------------------------------------------------------------------------------------------
// A member: one question a page
// ---------------------------------------------------------------------------------------------

/// The questions, in order.
const STEPS: [&str; 7] = ["choice", "lower", "limit", "preset", "own", "hold", "rest"];

/// The answer fields each question asks.
fn fields_of(step: &str) -> &'static [&'static str] {
    match step {
        "choice" => &["choice"],
        "lower" => &["lower"],
        "limit" => &["limit_kind"],
        "preset" => &["preset_id"],
        "own" => &["limit_period", "limit_amount"],
        "hold" => &["hold"],
        "rest" => &["over_limit"],
        _ => &[],
    }
}

/// Whether a question is asked, given the answers so far.
fn asked(step: &str, a: &Answers) -> bool {
    let has_limit = matches!(a.limit_kind.as_str(), "preset" | "own");
    match step {
        "lower" => a.choice == "lower",
        "preset" => a.limit_kind == "preset",
        "own" => a.limit_kind == "own",
        "hold" => has_limit,
        "rest" => has_limit && a.hold == "yes",
        _ => true,
    }
}

/// The next question asked after `step` ("check" at the end).
fn next_step(step: &str, a: &Answers) -> &'static str {
    let i = STEPS.iter().position(|s| *s == step).map_or(0, |i| i + 1);
    STEPS[i.min(STEPS.len())..]
        .iter()
        .find(|s| asked(s, a))
        .copied()
        .unwrap_or("check")
}

/// The question asked before `step` (none before the first).
fn previous_step(step: &str, a: &Answers) -> Option<&'static str> {
    let i = STEPS.iter().position(|s| *s == step).unwrap_or(STEPS.len());
    STEPS[..i].iter().rev().find(|s| asked(s, a)).copied()
}

#[derive(Template)]
#[template(path = "payments/settings_step.html")]
struct StepPage {
    chrome: Chrome,
    t: Tr,
    step: &'static str,
    /// The answers from other questions, carried in hidden fields.
    hidden: Vec<(&'static str, String)>,
    form: FormState,
    back: Option<&'static str>,
    choices: Vec<Choice>,
    periods: Vec<Choice>,
    presets: Vec<Choice>,
    kinds: Vec<Choice>,
    holds: Vec<Choice>,
    rests: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "payments/settings_check.html")]
struct CheckPage {
    chrome: Chrome,
    t: Tr,
    /// True on the summary of saved answers (nothing to save yet).
    saved_view: bool,
    saved: bool,
    hidden: Vec<(&'static str, String)>,
    /// (question, answer, the question's step).
    rows: Vec<(String, String, &'static str)>,
}

fn step_key(step: &str) -> Option<&'static str> {
    STEPS.iter().find(|s| **s == step).copied()
}

async fn step_view(
    st: &AppState,
    s: &Signed,
    step: &'static str,
    a: &Answers,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let presets = cairn_app::payments::offered_presets(&st.app, s.actor()).await?;
    let mut form = form;
    if !form.has_errors() {
        form = a.form();
    }
    let chrome = Chrome::signed(
        s,
        t.get(&format!("payments-settings-step-{step}-title")),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    let own = fields_of(step);
    html_status(
        status_of(&form),
        &StepPage {
            step,
            hidden: FIELDS
                .iter()
                .filter(|f| !own.contains(f))
                .map(|f| (*f, a.get(f).to_owned()))
                .collect(),
            back: previous_step(step, a),
            choices: choices(
                &t,
                PaymentChoice::ALL,
                PaymentChoice::key,
                PaymentChoice::label_id,
            ),
            periods: choices(
                &t,
                LimitPeriod::ALL,
                LimitPeriod::key,
                LimitPeriod::label_id,
            ),
            presets: preset_choices(&t, &presets),
            kinds: kind_choices(&t),
            holds: hold_choices(&t),
            rests: choices(&t, OverLimit::ALL, OverLimit::key, OverLimit::label_id),
            form,
            chrome,
            t,
        },
    )
}

async fn check_view(
    st: &AppState,
    s: &Signed,
    a: &Answers,
    saved_view: bool,
    saved: bool,
) -> WebResult {
    let t = s.ctx.t();
    let presets = cairn_app::payments::offered_presets(&st.app, s.actor()).await?;
    let mut rows = vec![(
        t.get("payments-settings-step-choice-title"),
        choice_words(&t, a),
        "choice",
    )];
    if asked("lower", a) {
        rows.push((
            t.get("payments-settings-step-lower-title"),
            cairn_domain::payments::parse_pounds(&a.lower)
                .map(pounds)
                .unwrap_or_default(),
            "lower",
        ));
    }
    rows.push((
        t.get("payments-settings-step-limit-title"),
        limit_answer(&t, a, &presets),
        if a.limit_kind == "own" {
            "own"
        } else if a.limit_kind == "preset" {
            "preset"
        } else {
            "limit"
        },
    ));
    if asked("hold", a) {
        rows.push((
            t.get("payments-settings-step-hold-title"),
            hold_answer(&t, a),
            "hold",
        ));
    }
    if asked("rest", a) {
        rows.push((
            t.get("payments-settings-step-rest-title"),
            rest_answer(&t, a),
            "rest",
        ));
    }
    let title = if saved_view {
        t.get("payments-settings-title")
    } else {
        t.get("payments-check-title")
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?);
    html(&CheckPage {
        saved_view,
        saved,
        hidden: FIELDS.iter().map(|f| (*f, a.get(f).to_owned())).collect(),
        rows,
        chrome,
        t,
    })
}

#[derive(Deserialize, Default)]
struct PersonQuery {
    person_id: Option<String>,
    saved: Option<String>,
}

/// A member's own settings: the summary of their answers, or the first question if they have
/// none yet. Staff with `?person_id=` get the person's settings page, named.
async fn settings_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<PersonQuery>,
) -> WebResult {
    if let Some(p) = q
        .person_id
        .as_deref()
        .and_then(|p| p.trim().parse::<i64>().ok())
        && !s.actor().is_person(p)
    {
        return person_settings_view(&st, &s, p, None, q.saved.is_some()).await;
    }
    let me = s.actor().person_id.ok_or(WebError::Forbidden)?;
    let saved = cairn_app::payments::profile(&st.app, s.actor(), me).await?;
    let a = Answers::from_profile(saved.as_ref());
    check_view(&st, &s, &a, true, q.saved.is_some()).await
}

async fn step_page(State(st): State<AppState>, s: Signed, Path(step): Path<String>) -> WebResult {
    let step = step_key(&step).ok_or(WebError::NotFound)?;
    let me = s.actor().person_id.ok_or(WebError::Forbidden)?;
    let saved = cairn_app::payments::profile(&st.app, s.actor(), me).await?;
    step_view(
        &st,
        &s,
        step,
        &Answers::from_profile(saved.as_ref()),
        FormState::new(),
    )
    .await
}

/// Answers one question and shows the next (or goes back, or to the question to change).
async fn step_post(
    State(st): State<AppState>,
    s: Signed,
    Path(step): Path<String>,
    Posted(a): Posted<Answers>,
) -> WebResult {
    let me = s.actor().person_id.ok_or(WebError::Forbidden)?;
    if step == "check" {
        return match step_key(&a.go) {
            Some(to) => step_view(&st, &s, to, &a, FormState::new()).await,
            None => check_view(&st, &s, &a, false, false).await,
        };
    }
    let step = step_key(&step).ok_or(WebError::NotFound)?;
    if a.go == "back" {
        return match previous_step(step, &a) {
            Some(prev) => step_view(&st, &s, prev, &a, FormState::new()).await,
            None => see_other("/payments/settings"),
        };
    }
    match cairn_app::payments::check_profile(&st.app, s.actor(), me, &a.draft(), fields_of(step))
        .await
    {
        Ok(()) => match next_step(step, &a) {
            "check" => check_view(&st, &s, &a, false, false).await,
            next => {
                step_view(
                    &st,
                    &s,
                    step_key(next).unwrap_or("choice"),
                    &a,
                    FormState::new(),
                )
                .await
            }
        },
        Err(AppError::Invalid(errs)) => {
            let mut form = a.form();
            form.add_errors(&s.ctx.t(), &errs);
            step_view(&st, &s, step, &a, form).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Saves the checked answers (a member's own), or staff's single page for a person.
async fn save_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(a): Posted<Answers>,
) -> WebResult {
    if let Ok(p) = a.person_id.trim().parse::<i64>()
        && !s.actor().is_person(p)
    {
        return save_for(&st, &s, p, a).await;
    }
    let me = s.actor().person_id.ok_or(WebError::Forbidden)?;
    match cairn_app::payments::set_profile(&st.app, s.actor(), me, &a.draft()).await {
        Ok(()) => see_other("/payments/settings?saved=1"),
        Err(AppError::Invalid(errs)) => {
            // Back to the first question with something wrong, the message beside it.
            let step = STEPS
                .iter()
                .find(|st| fields_of(st).iter().any(|f| errs.for_field(f).is_some()))
                .copied()
                .unwrap_or("choice");
            let mut form = a.form();
            form.add_errors(&s.ctx.t(), &errs);
            step_view(&st, &s, step, &a, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Staff: a person's payments
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/person.html")]
struct PersonPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    inset: String,
    rows: Vec<(String, String)>,
}

fn so_far(t: &Tr, e: &PeriodEarnings) -> String {
    t.with(
        "payments-person-so-far",
        &[
            ("total", pounds(e.total())),
            (
                "parts",
                t.with(
                    "payments-guard-parts",
                    &[
                        ("paid", pounds(e.paid_pence)),
                        ("authorised", pounds(e.authorised_pence)),
                        ("pending", pounds(e.pending_pence)),
                    ],
                ),
            ),
        ],
    )
}

async fn person_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::payments::person_payments(&st.app, s.actor(), id).await?;
    let a = Answers::from_profile(v.profile.as_ref());
    let presets: Vec<LimitPreset> = v.preset.iter().cloned().collect();
    let mut rows = vec![(
        t.get("payments-person-choice"),
        if v.profile.is_some() {
            choice_words(&t, &a)
        } else {
            t.get("payments-person-not-set")
        },
    )];
    if asked("lower", &a) {
        rows.push((
            t.get("payments-lower-label"),
            cairn_domain::payments::parse_pounds(&a.lower)
                .map(pounds)
                .unwrap_or_default(),
        ));
    }
    rows.push((
        t.get("payments-person-limit"),
        limit_answer(&t, &a, &presets),
    ));
    if asked("hold", &a) {
        // Said of them, not in their own words ("my limit") as on their own pages.
        let hold = match OverLimit::parse(&a.over_limit) {
            Some(rest) if a.hold == "yes" => t.get(&format!("payments-person-held-{}", rest.key())),
            _ => t.get("payments-person-warned"),
        };
        rows.push((t.get("payments-person-hold"), hold));
    }
    rows.push((
        t.with(
            "payments-person-week",
            &[("date", date_words(&t, &v.week_of))],
        ),
        so_far(&t, &v.week),
    ));
    rows.push((
        t.with(
            "payments-person-month",
            &[("date", date_words(&t, &v.month_of))],
        ),
        so_far(&t, &v.month),
    ));
    let inset = t.with(
        "payments-recording-for",
        &[
            ("name", v.name.clone()),
            ("constituency", t.get(&v.constituency.label_id())),
        ],
    );
    let chrome = Chrome::signed(
        &s,
        t.with("payments-person-title", &[("name", v.name.clone())]),
        organisation(&st, &s).await?,
    );
    html(&PersonPage {
        id,
        name: v.name,
        inset,
        rows,
        chrome,
        t,
    })
}

#[derive(Template)]
#[template(path = "payments/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    person_id: i64,
    name: String,
    inset: String,
    choices: Vec<Choice>,
    periods: Vec<Choice>,
    presets: Vec<Choice>,
    kinds: Vec<Choice>,
    holds: Vec<Choice>,
    rests: Vec<Choice>,
    saved: bool,
}

async fn person_settings_view(
    st: &AppState,
    s: &Signed,
    person: i64,
    typed: Option<FormState>,
    saved: bool,
) -> WebResult {
    let t = s.ctx.t();
    let profile = cairn_app::payments::profile(&st.app, s.actor(), person).await?;
    let (name, inset) = recording_for(st, s, person).await?;
    let presets = cairn_app::payments::offered_presets(&st.app, s.actor()).await?;
    let form = typed.unwrap_or_else(|| Answers::from_profile(profile.as_ref()).form());
    let chrome = Chrome::signed(
        s,
        t.with("payments-settings-for-title", &[("name", name.clone())]),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &SettingsPage {
            person_id: person,
            name,
            inset,
            choices: choices(
                &t,
                PaymentChoice::ALL,
                PaymentChoice::key,
                PaymentChoice::label_id,
            ),
            periods: choices(
                &t,
                LimitPeriod::ALL,
                LimitPeriod::key,
                LimitPeriod::label_id,
            ),
            presets: preset_choices(&t, &presets),
            kinds: kind_choices(&t),
            holds: hold_choices(&t),
            rests: choices(&t, OverLimit::ALL, OverLimit::key, OverLimit::label_id),
            saved,
            form,
            chrome,
            t,
        },
    )
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

/// The person's pages are for staff who make claims with people; a member reaching for someone
/// else's is told "not found" by the use case, as everywhere; finance and the board are refused.
fn staff_or_member(s: &Signed) -> WebResult<()> {
    let a = s.actor();
    if a.can(Permission::ManageClaims) || a.can(Permission::ClaimOwn) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

async fn person_settings(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> WebResult {
    if s.actor().is_person(id) {
        return see_other("/payments/settings");
    }
    staff_or_member(&s)?;
    person_settings_view(&st, &s, id, None, q.saved.is_some()).await
}

async fn save_person_settings(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(a): Posted<Answers>,
) -> WebResult {
    save_for(&st, &s, id, a).await
}

async fn save_for(st: &AppState, s: &Signed, person: i64, a: Answers) -> WebResult {
    match cairn_app::payments::set_profile(&st.app, s.actor(), person, &a.draft()).await {
        Ok(()) => see_other(&format!("/people/{person}/payments/settings?saved=1")),
        Err(AppError::Invalid(errs)) => {
            let mut form = a.form();
            form.add_errors(&s.ctx.t(), &errs);
            person_settings_view(st, s, person, Some(form), false).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// The statement
// ---------------------------------------------------------------------------------------------

struct StatementRow {
    label: String,
    paid: String,
    authorised: String,
    pending: String,
    total: String,
    expenses: String,
    over: bool,
}

#[derive(Template)]
#[template(path = "payments/statement.html")]
struct StatementPage {
    chrome: Chrome,
    t: Tr,
    person: String,
    /// Staff recording for someone: who.
    inset: Option<String>,
    period: String,
    limit: Option<String>,
    weeks: Vec<StatementRow>,
    months: Vec<StatementRow>,
    /// The period chosen, in three fields each, kept as typed.
    form: FormState,
    /// Where the period form goes.
    action: String,
    /// Carries the person to the period form when finance look at someone's statement.
    person_id: String,
    /// False when the dates asked for could not be read: the form and its messages only.
    shown: bool,
    /// Corrections of paid claims in the period: (correction's id, words).
    corrections: Vec<(i64, String)>,
}

fn statement_rows(
    t: &Tr,
    list: &[cairn_app::payments::PeriodLine],
    week: bool,
) -> Vec<StatementRow> {
    list.iter()
        .map(|l| StatementRow {
            label: if week {
                t.with("payments-week-of", &[("date", date_words(t, &l.starts_on))])
            } else {
                parse_iso_date(&l.starts_on)
                    .map(|d| {
                        let full = cairn_domain::time::format_date(d, t.lang);
                        full.split_once(' ')
                            .map(|(_, rest)| rest.to_owned())
                            .unwrap_or(full)
                    })
                    .unwrap_or_default()
            },
            paid: pounds(l.fees.paid_pence),
            authorised: pounds(l.fees.authorised_pence),
            pending: pounds(l.fees.pending_pence),
            total: pounds(l.fees.total()),
            expenses: pounds(l.expenses_pence),
            over: l.over_limit,
        })
        .collect()
}

#[derive(Deserialize, Default)]
struct StatementQuery {
    person_id: Option<String>,
    /// ISO dates (links and older bookmarks).
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    from_day: String,
    #[serde(default)]
    from_month: String,
    #[serde(default)]
    from_year: String,
    #[serde(default)]
    to_day: String,
    #[serde(default)]
    to_month: String,
    #[serde(default)]
    to_year: String,
}

async fn statement(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StatementQuery>,
) -> WebResult {
    let person = q
        .person_id
        .as_deref()
        .and_then(|p| p.trim().parse().ok())
        .or(s.actor().person_id)
        .ok_or(WebError::Forbidden)?;
    statement_view(&st, &s, person, q, false).await
}

async fn person_statement(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<StatementQuery>,
) -> WebResult {
    if s.actor().is_person(id) {
        return see_other("/payments/statement");
    }
    staff_or_member(&s)?;
    statement_view(&st, &s, id, q, true).await
}

async fn statement_view(
    st: &AppState,
    s: &Signed,
    person: i64,
    q: StatementQuery,
    staff_page: bool,
) -> WebResult {
    let t = s.ctx.t();
    let from_parts = DateParts {
        day: q.from_day.clone(),
        month: q.from_month.clone(),
        year: q.from_year.clone(),
    };
    let to_parts = DateParts {
        day: q.to_day.clone(),
        month: q.to_month.clone(),
        year: q.to_year.clone(),
    };
    let mut errs = cairn_domain::FieldErrors::new();
    let from = q
        .from
        .as_deref()
        .and_then(parse_iso_date)
        .or_else(|| parse_date_parts(&mut errs, "from", &from_parts, None));
    let to =
        q.to.as_deref()
            .and_then(parse_iso_date)
            .or_else(|| parse_date_parts(&mut errs, "to", &to_parts, None));
    let result = if errs.is_empty() {
        cairn_app::payments::earnings(&st.app, s.actor(), person, from, to).await
    } else {
        Err(AppError::Invalid(errs))
    };
    let mut form = FormState::new();
    let (e, shown): (Option<Earnings>, bool) = match result {
        Ok(e) => {
            form.set_date("from", &DateParts::from_date(parse_iso_date(&e.from)))
                .set_date("to", &DateParts::from_date(parse_iso_date(&e.to)));
            (Some(e), true)
        }
        Err(AppError::Invalid(errs)) => {
            form.set_date("from", &from_parts).set_date("to", &to_parts);
            form.add_errors(&t, &errs);
            (None, false)
        }
        Err(e) => return Err(e.into()),
    };
    // Finance reach anyone's earnings but not people's records: their statement has no name.
    let (name, inset) = if staff_page {
        let (n, i) = recording_for(st, s, person).await?;
        (n, Some(i))
    } else if s.actor().is_person(person) || s.actor().can(Permission::ViewPeople) {
        (
            cairn_app::people::view(&st.app, s.actor(), person)
                .await?
                .person
                .chosen_name,
            None,
        )
    } else {
        (String::new(), None)
    };
    let title = if staff_page {
        t.with("payments-statement-for-title", &[("name", name.clone())])
    } else {
        t.get("payments-statement-title")
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?).with_errors(&form);
    let status = status_of(&form);
    let e = e.as_ref();
    let corrections = match e {
        Some(e) => super::corrections::statement_rows(st, &t, e).await?,
        None => Vec::new(),
    };
    html_status(
        status,
        &StatementPage {
            person: name,
            inset,
            period: e
                .map(|e| {
                    t.with(
                        "payments-valid-between",
                        &[
                            ("from", date_words(&t, &e.from)),
                            ("to", date_words(&t, &e.to)),
                        ],
                    )
                })
                .unwrap_or_default(),
            limit: e.and_then(|e| match (e.limit_period.as_deref(), e.limit_pence) {
                (Some(p), Some(l)) => Some(limit_words(&t, p, l)),
                _ => None,
            }),
            weeks: e
                .map(|e| statement_rows(&t, &e.weeks, true))
                .unwrap_or_default(),
            months: e
                .map(|e| statement_rows(&t, &e.months, false))
                .unwrap_or_default(),
            action: if staff_page {
                format!("/people/{person}/payments/statement")
            } else {
                "/payments/statement".into()
            },
            person_id: if staff_page || s.actor().is_person(person) {
                String::new()
            } else {
                person.to_string()
            },
            shown,
            corrections,
            form,
            chrome,
            t,
        },
    )
}
