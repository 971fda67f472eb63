//! A member's own claim, one question a page (UX.md "For members"): what it was for, when, how
//! long, expenses one at a time with "add another", how they would like to be paid if they
//! have not said yet, then Check your answers (amounts also in words, each answer with a Change
//! link that comes back here) and a confirmation saying what happens next. The answers are
//! kept on the server after every page (`cairn_app::payments::drafts`), so nothing is lost to
//! an interruption. Staff making a claim with someone keep the one-page form.
//!
//! Every page works without JavaScript: plain forms, POST → redirect → GET, and a page with
//! mistakes answers 422 with the message beside the field and what was typed still there.

use super::{choices, date_words, pounds};
use crate::context::{Posted, Signed, Uploaded};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, html, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use cairn_app::AppError;
use cairn_app::payments::drafts::{self, ClaimSteps, ExpenseStep, Journey, Part, SendOutcome};
use cairn_domain::payments::words::pounds_in_words;
use cairn_domain::payments::{
    ActivityType, ClaimStatus, EXPENSES_MAX, ExpenseCategory, PaymentChoice, parse_pounds,
};
use cairn_domain::time::DateParts;
use serde::Deserialize;

const START: &str = "/payments/claims/start";
const CHECK: &str = "/payments/claims/start/check";
const MORE: &str = "/payments/claims/start/expense/more";

pub(super) fn routes(r: Routes) -> Routes {
    r.get(START, start)
        .get("/payments/claims/start/what", what_page)
        .post("/payments/claims/start/what", what_save)
        .get("/payments/claims/start/when", when_page)
        .post("/payments/claims/start/when", when_save)
        .get("/payments/claims/start/time", time_page)
        .post("/payments/claims/start/time", time_save)
        .get("/payments/claims/start/expenses", has_expenses_page)
        .post("/payments/claims/start/expenses", has_expenses_save)
        .get("/payments/claims/start/expense", category_page)
        .post("/payments/claims/start/expense", category_save)
        .get("/payments/claims/start/expense/amount", amount_page)
        .post("/payments/claims/start/expense/amount", amount_save)
        .get(MORE, more_page)
        .post(MORE, more_save)
        .post("/payments/claims/start/expense/remove", remove_expense)
        .get("/payments/claims/start/paid", paid_page)
        .post("/payments/claims/start/paid", paid_save)
        .get(CHECK, check_page)
        .post(CHECK, send)
        .post("/payments/claims/start/again", start_again)
        .get("/payments/claims/{id}/sent", sent_page)
        .upload("/payments/claims/{id}/sent/receipts", sent_receipt)
}

// ---------------------------------------------------------------------------------------------
// Where each page is, and which comes next
// ---------------------------------------------------------------------------------------------

fn href(p: Part) -> String {
    match p {
        Part::What => format!("{START}/what"),
        Part::When => format!("{START}/when"),
        Part::Time => format!("{START}/time"),
        Part::HasExpenses => format!("{START}/expenses"),
        Part::Category(i) => format!("{START}/expense?n={i}"),
        Part::Amount(i) => format!("{START}/expense/amount?n={i}"),
        Part::Paid => format!("{START}/paid"),
    }
}

/// The same page, come to from Check your answers (it goes back there when saved).
fn changing(h: String, change: bool) -> String {
    match (change, h.contains('?')) {
        (false, _) => h,
        (true, true) => format!("{h}&change=1"),
        (true, false) => format!("{h}?change=1"),
    }
}

/// After the expense pages: the payment question if it is asked, else Check your answers.
fn after_expenses(j: &Journey) -> String {
    if j.asks_choice {
        href(Part::Paid)
    } else {
        CHECK.to_owned()
    }
}

/// Where a page goes once its answers are right.
fn next(part: Part, steps: &ClaimSteps, j: &Journey, change: bool) -> String {
    match part {
        // A new category may ask for miles instead of pounds: always ask the amount again.
        Part::Category(i) => changing(href(Part::Amount(i)), change),
        Part::HasExpenses if steps.claims_expenses() && steps.expenses.is_empty() => {
            changing(href(Part::Category(0)), change)
        }
        _ if change => CHECK.to_owned(),
        Part::What => href(Part::When),
        Part::When => href(Part::Time),
        Part::Time => href(Part::HasExpenses),
        Part::HasExpenses if steps.claims_expenses() => MORE.to_owned(),
        Part::HasExpenses => after_expenses(j),
        Part::Amount(_) => MORE.to_owned(),
        Part::Paid => CHECK.to_owned(),
    }
}

/// The page before, for the back link (Check your answers when changing an answer).
fn back(part: Part, steps: &ClaimSteps, change: bool) -> String {
    if change {
        return CHECK.to_owned();
    }
    match part {
        Part::What => START.to_owned(),
        Part::When => href(Part::What),
        Part::Time => href(Part::When),
        Part::HasExpenses => href(Part::Time),
        Part::Category(0) => href(Part::HasExpenses),
        Part::Category(_) => MORE.to_owned(),
        Part::Amount(i) => href(Part::Category(i)),
        Part::Paid if steps.claims_expenses() => MORE.to_owned(),
        Part::Paid => href(Part::HasExpenses),
    }
}

// ---------------------------------------------------------------------------------------------
// What was typed
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct StepQuery {
    n: Option<String>,
    change: Option<String>,
}

impl StepQuery {
    fn change(&self) -> bool {
        self.change.as_deref() == Some("1")
    }

    /// The expense the page is about (0 when not given).
    fn index(&self) -> WebResult<usize> {
        match self.n.as_deref() {
            None | Some("") => Ok(0),
            Some(n) => n.parse().map_err(|_| WebError::NotFound),
        }
    }
}

/// Every field any page posts; each page reads its own.
#[derive(Deserialize, Default)]
struct StepIn {
    #[serde(default)]
    activity_type: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    activity_on_day: String,
    #[serde(default)]
    activity_on_month: String,
    #[serde(default)]
    activity_on_year: String,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    has_expenses: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    miles: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    more: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    lower: String,
    #[serde(default)]
    n: String,
}

/// The draft's answers as a form, for the page about `part`.
fn form_of(steps: &ClaimSteps, part: Part) -> FormState {
    let mut f = FormState::new();
    f.set("activity_type", steps.activity_type.clone())
        .set("description", steps.description.clone())
        .set_date(
            "activity_on",
            &DateParts {
                day: steps.day.clone(),
                month: steps.month.clone(),
                year: steps.year.clone(),
            },
        )
        .set("hours", steps.hours.clone())
        .set("minutes", steps.minutes.clone())
        .set("has_expenses", steps.has_expenses.clone())
        .set("choice", steps.choice.clone())
        .set("lower", steps.lower.clone());
    if let Part::Category(i) | Part::Amount(i) = part
        && let Some(x) = steps.expenses.get(i)
    {
        f.set("category", x.category.clone())
            .set("miles", x.miles.clone())
            .set("amount", x.amount.clone());
    }
    f
}

// ---------------------------------------------------------------------------------------------
// The question pages
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/wizard/step.html")]
struct StepPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    /// Which question: what, when, time, has_expenses, category, amount, miles, more, paid.
    kind: &'static str,
    action: String,
    back: String,
    caption: String,
    choices: Vec<Choice>,
    /// On "add another": the expenses so far, as (what, how much).
    added: Vec<(String, String)>,
    can_add: bool,
}

async fn journey(st: &AppState, s: &Signed) -> WebResult<Journey> {
    Ok(drafts::journey(&st.app, s.actor()).await?)
}

fn yes_no(t: &Tr, yes: &str, no: &str) -> Vec<Choice> {
    vec![
        Choice {
            value: "yes".into(),
            label: t.get(yes),
        },
        Choice {
            value: "no".into(),
            label: t.get(no),
        },
    ]
}

/// One expense in words: its category, and its miles or its amount.
fn expense_words(t: &Tr, x: &ExpenseStep) -> (String, String, Option<String>) {
    let cat = ExpenseCategory::parse(x.category.trim());
    let what = cat.map(|c| t.get(&c.label_id())).unwrap_or_default();
    match cat {
        Some(c) if c.is_mileage() => (
            what,
            t.with(
                "payments-wizard-miles-count",
                &[("miles", x.miles.trim().to_owned())],
            ),
            None,
        ),
        _ => match parse_pounds(&x.amount) {
            Some(p) => (what, pounds(p), Some(pounds_in_words(p, t.lang))),
            None => (what, x.amount.clone(), None),
        },
    }
}

/// Renders the page for `part` with the draft's answers and `errors` (422 when there are any).
async fn step_page(
    st: &AppState,
    s: &Signed,
    steps: &ClaimSteps,
    part: Part,
    change: bool,
    errors: &cairn_domain::FieldErrors,
) -> WebResult {
    let t = s.ctx.t();
    let mut form = form_of(steps, part);
    form.add_errors(&t, errors);
    let (kind, title, choices) = match part {
        Part::What => (
            "what",
            t.get("payments-wizard-what-title"),
            choices(
                &t,
                ActivityType::ALL,
                ActivityType::key,
                ActivityType::label_id,
            ),
        ),
        Part::When => ("when", t.get("payments-wizard-when-title"), Vec::new()),
        Part::Time => ("time", t.get("payments-wizard-time-title"), Vec::new()),
        Part::HasExpenses => (
            "has_expenses",
            t.get("payments-wizard-has-expenses-title"),
            yes_no(
                &t,
                "payments-wizard-has-expenses-yes",
                "payments-wizard-has-expenses-no",
            ),
        ),
        Part::Category(_) => (
            "category",
            t.get("payments-wizard-category-title"),
            choices(
                &t,
                ExpenseCategory::ALL,
                ExpenseCategory::key,
                ExpenseCategory::label_id,
            ),
        ),
        Part::Amount(i) => {
            let mileage = steps
                .expenses
                .get(i)
                .and_then(|x| ExpenseCategory::parse(x.category.trim()))
                .is_some_and(ExpenseCategory::is_mileage);
            if mileage {
                ("miles", t.get("payments-wizard-miles-title"), Vec::new())
            } else {
                ("amount", t.get("payments-wizard-amount-title"), Vec::new())
            }
        }
        Part::Paid => (
            "paid",
            t.get("payments-wizard-paid-title"),
            choices(
                &t,
                PaymentChoice::ALL,
                PaymentChoice::key,
                PaymentChoice::label_id,
            ),
        ),
    };
    let caption = match part {
        Part::Category(i) | Part::Amount(i) => t.with(
            "payments-wizard-expense-caption",
            &[("n", (i + 1).to_string())],
        ),
        _ => String::new(),
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?).with_errors(&form);
    html_status(
        form.status(),
        &StepPage {
            kind,
            action: changing(href(part), change),
            back: back(part, steps, change),
            caption,
            choices,
            added: Vec::new(),
            can_add: true,
            form,
            chrome,
            t,
        },
    )
}

/// GET for a question page: the draft's answers, no errors.
async fn show(st: &AppState, s: &Signed, part: Part, change: bool) -> WebResult {
    let j = journey(st, s).await?;
    let steps = j.steps.clone().unwrap_or_default();
    if let Some(to) = out_of_range(&steps, part) {
        return see_other(&to);
    }
    step_page(
        st,
        s,
        &steps,
        part,
        change,
        &cairn_domain::FieldErrors::new(),
    )
    .await
}

/// For an expense page past the list's end (an old link, or a removed expense): the page for
/// a new expense instead. A new one goes at the end; its amount once it has a category.
fn out_of_range(steps: &ClaimSteps, part: Part) -> Option<String> {
    let len = steps.expenses.len();
    let bad = match part {
        Part::Category(i) => i > len || i >= EXPENSES_MAX,
        Part::Amount(i) => i >= len,
        _ => false,
    };
    bad.then(|| {
        if len >= EXPENSES_MAX {
            MORE.to_owned()
        } else {
            href(Part::Category(len))
        }
    })
}

/// POST for a question page: keeps what was typed, then either shows the page again with its
/// own mistakes (422) or goes on.
async fn save(st: &AppState, s: &Signed, part: Part, change: bool, f: StepIn) -> WebResult {
    let j = journey(st, s).await?;
    let mut steps = j.steps.clone().unwrap_or_default();
    if let Some(to) = out_of_range(&steps, part) {
        return see_other(&to);
    }
    match part {
        Part::What => {
            steps.activity_type = f.activity_type;
            steps.description = f.description;
        }
        Part::When => {
            steps.day = f.activity_on_day;
            steps.month = f.activity_on_month;
            steps.year = f.activity_on_year;
        }
        Part::Time => {
            steps.hours = f.hours;
            steps.minutes = f.minutes;
        }
        Part::HasExpenses => steps.has_expenses = f.has_expenses,
        Part::Category(i) => {
            if i == steps.expenses.len() {
                if f.category.trim().is_empty() {
                    // Nothing chosen for a new expense: nothing to keep yet.
                    let mut shown = steps.clone();
                    shown.expenses.push(ExpenseStep::default());
                    let e = shown.check(part, j.today);
                    return step_page(st, s, &shown, part, change, &e).await;
                }
                steps.expenses.push(ExpenseStep::default());
            }
            steps.expenses[i].category = f.category;
        }
        Part::Amount(i) => {
            let Some(x) = steps.expenses.get_mut(i) else {
                return see_other(&href(Part::Category(i)));
            };
            let mileage =
                ExpenseCategory::parse(x.category.trim()).is_some_and(ExpenseCategory::is_mileage);
            if mileage {
                x.miles = f.miles;
            } else {
                x.amount = f.amount;
            }
        }
        Part::Paid => {
            steps.choice = f.choice;
            steps.lower = f.lower;
        }
    }
    drafts::save(&st.app, s.actor(), &steps).await?;
    let errors = steps.check(part, j.today);
    if !errors.is_empty() {
        return step_page(st, s, &steps, part, change, &errors).await;
    }
    see_other(&next(part, &steps, &j, change))
}

async fn what_page(State(st): State<AppState>, s: Signed, Query(q): Query<StepQuery>) -> WebResult {
    show(&st, &s, Part::What, q.change()).await
}

async fn what_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::What, q.change(), f).await
}

async fn when_page(State(st): State<AppState>, s: Signed, Query(q): Query<StepQuery>) -> WebResult {
    show(&st, &s, Part::When, q.change()).await
}

async fn when_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::When, q.change(), f).await
}

async fn time_page(State(st): State<AppState>, s: Signed, Query(q): Query<StepQuery>) -> WebResult {
    show(&st, &s, Part::Time, q.change()).await
}

async fn time_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::Time, q.change(), f).await
}

async fn has_expenses_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
) -> WebResult {
    show(&st, &s, Part::HasExpenses, q.change()).await
}

async fn has_expenses_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::HasExpenses, q.change(), f).await
}

async fn category_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
) -> WebResult {
    show(&st, &s, Part::Category(q.index()?), q.change()).await
}

async fn category_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::Category(q.index()?), q.change(), f).await
}

async fn amount_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
) -> WebResult {
    show(&st, &s, Part::Amount(q.index()?), q.change()).await
}

async fn amount_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::Amount(q.index()?), q.change(), f).await
}

async fn paid_page(State(st): State<AppState>, s: Signed, Query(q): Query<StepQuery>) -> WebResult {
    show(&st, &s, Part::Paid, q.change()).await
}

async fn paid_save(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<StepQuery>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    save(&st, &s, Part::Paid, q.change(), f).await
}

// ---------------------------------------------------------------------------------------------
// "Add another expense?"
// ---------------------------------------------------------------------------------------------

async fn more_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let j = journey(st, s).await?;
    let steps = j.steps.clone().unwrap_or_default();
    let added = steps
        .expenses
        .iter()
        .map(|x| {
            let (what, amount, _) = expense_words(&t, x);
            (what, amount)
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.get("payments-wizard-more-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        form.status(),
        &StepPage {
            kind: "more",
            action: MORE.to_owned(),
            back: match steps.expenses.len() {
                0 => href(Part::HasExpenses),
                n => href(Part::Amount(n - 1)),
            },
            caption: String::new(),
            choices: yes_no(&t, "payments-wizard-more-yes", "payments-wizard-more-no"),
            added,
            can_add: steps.expenses.len() < EXPENSES_MAX,
            form,
            chrome,
            t,
        },
    )
}

async fn more_page(State(st): State<AppState>, s: Signed) -> WebResult {
    more_view(&st, &s, FormState::new()).await
}

async fn more_save(State(st): State<AppState>, s: Signed, Posted(f): Posted<StepIn>) -> WebResult {
    let j = journey(&st, &s).await?;
    let steps = j.steps.clone().unwrap_or_default();
    match f.more.as_str() {
        "yes" if steps.expenses.len() < EXPENSES_MAX => {
            see_other(&href(Part::Category(steps.expenses.len())))
        }
        "no" => see_other(&after_expenses(&j)),
        _ => {
            let mut form = FormState::new();
            form.set("more", f.more);
            let mut e = cairn_domain::FieldErrors::new();
            if steps.expenses.len() >= EXPENSES_MAX {
                e.add("more", "payments-error-too-many");
            } else {
                e.add("more", "payments-wizard-error-more");
            }
            form.add_errors(&s.ctx.t(), &e);
            more_view(&st, &s, form).await
        }
    }
}

/// Removes one expense (from Check your answers); with none left, there are no expenses.
async fn remove_expense(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    let j = journey(&st, &s).await?;
    let mut steps = j.steps.unwrap_or_default();
    // An expense already gone (a second press, another tab): nothing to take out.
    let Some(i) =
        f.n.trim()
            .parse::<usize>()
            .ok()
            .filter(|i| *i < steps.expenses.len())
    else {
        return see_other(CHECK);
    };
    steps.expenses.remove(i);
    if steps.expenses.is_empty() {
        steps.has_expenses = "no".into();
    }
    drafts::save(&st.app, s.actor(), &steps).await?;
    see_other(CHECK)
}

// ---------------------------------------------------------------------------------------------
// Start, carry on, start again
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/wizard/start.html")]
struct StartPage {
    chrome: Chrome,
    t: Tr,
    /// With a kept draft: where "carry on" goes, and when it was saved.
    carry_on: Option<String>,
    saved: String,
}

async fn start(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let j = journey(&st, &s).await?;
    let tz = super::org_time_zone(&st, &s).await?;
    let (carry_on, saved) = match (&j.steps, j.saved_at) {
        (Some(steps), Some(at)) if *steps != ClaimSteps::default() => (
            Some(
                steps
                    .first_gap(j.today, j.asks_choice)
                    .map(href)
                    .unwrap_or_else(|| CHECK.to_owned()),
            ),
            cairn_domain::time::format_instant(at, &tz, t.lang),
        ),
        _ => (None, String::new()),
    };
    let title = if carry_on.is_some() {
        t.get("payments-wizard-resume-title")
    } else {
        t.get("payments-wizard-start-title")
    };
    let chrome = Chrome::signed(&s, title, organisation(&st, &s).await?);
    html(&StartPage {
        carry_on,
        saved,
        chrome,
        t,
    })
}

async fn start_again(
    State(st): State<AppState>,
    s: Signed,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    drafts::discard(&st.app, s.actor()).await?;
    see_other(&href(Part::What))
}

// ---------------------------------------------------------------------------------------------
// Check your answers, and sending
// ---------------------------------------------------------------------------------------------

/// One answer on Check your answers.
struct Row {
    key: String,
    value: String,
    /// The amount read back in words, for money.
    words: Option<String>,
    /// Typed by the member in whatever language (marked `lang=""`).
    typed: bool,
    change: String,
    /// Which expense a Remove button takes out.
    remove: Option<usize>,
}

#[derive(Template)]
#[template(path = "payments/wizard/check.html")]
struct CheckPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<Row>,
    add_expense: Option<String>,
    receipts: Option<String>,
    back: String,
}

fn duration(t: &Tr, hours: &str, minutes: &str) -> String {
    let num = |s: &str| s.trim().parse::<i64>().unwrap_or(0);
    let (h, m) = (num(hours), num(minutes));
    match (h, m) {
        (h, 0) => t.with(
            "payments-wizard-duration-hours",
            &[("hours", h.to_string())],
        ),
        (0, m) => t.with(
            "payments-wizard-duration-minutes",
            &[("minutes", m.to_string())],
        ),
        (h, m) => t.with(
            "payments-wizard-duration-both",
            &[("hours", h.to_string()), ("minutes", m.to_string())],
        ),
    }
}

async fn check_page(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let j = journey(&st, &s).await?;
    let Some(steps) = j.steps.clone() else {
        return see_other(START);
    };
    // Only complete answers are checked: anything missing or wrong is asked for first.
    if let Some(part) = steps.first_gap(j.today, j.asks_choice) {
        return see_other(&href(part));
    }
    let change = |p: Part| changing(href(p), true);
    let row = |key: String, value: String, change: String| Row {
        key,
        value,
        words: None,
        typed: false,
        change,
        remove: None,
    };
    let draft = steps.claim_draft();
    let on = draft
        .validate(j.today)
        .map(|f| f.activity_on.to_string())
        .unwrap_or_default();
    let mut rows = vec![
        row(
            t.get("payments-wizard-check-activity"),
            ActivityType::parse(steps.activity_type.trim())
                .map(|a| t.get(&a.label_id()))
                .unwrap_or_default(),
            change(Part::What),
        ),
        Row {
            typed: true,
            ..row(
                t.get("payments-wizard-check-description"),
                steps.description.trim().to_owned(),
                change(Part::What),
            )
        },
        row(
            t.get("payments-wizard-check-date"),
            date_words(&t, &on),
            change(Part::When),
        ),
        row(
            t.get("payments-wizard-check-time"),
            duration(&t, &steps.hours, &steps.minutes),
            change(Part::Time),
        ),
    ];
    if steps.claims_expenses() {
        for (i, x) in steps.expenses.iter().enumerate() {
            let (what, amount, words) = expense_words(&t, x);
            rows.push(Row {
                key: t.with(
                    "payments-wizard-check-expense",
                    &[("n", (i + 1).to_string())],
                ),
                value: format!("{what}: {amount}"),
                words,
                typed: false,
                change: change(Part::Category(i)),
                remove: Some(i),
            });
        }
    } else {
        rows.push(row(
            t.get("payments-wizard-check-expenses"),
            t.get("payments-wizard-check-no-expenses"),
            change(Part::HasExpenses),
        ));
    }
    if j.asks_choice {
        let choice = PaymentChoice::parse(steps.choice.trim());
        let mut r = row(
            t.get("payments-wizard-check-paid"),
            choice.map(|c| t.get(&c.label_id())).unwrap_or_default(),
            change(Part::Paid),
        );
        if choice == Some(PaymentChoice::Lower)
            && let Some(p) = parse_pounds(&steps.lower)
        {
            r.value = format!("{}: {}", r.value, pounds(p));
            r.words = Some(pounds_in_words(p, t.lang));
        }
        rows.push(r);
    }
    let asked = drafts::receipts_asked(&st.app, s.actor(), &steps, j.today).await?;
    let receipts = (!asked.is_empty()).then(|| {
        let names: Vec<String> = asked.iter().map(|c| t.get(&c.label_id())).collect();
        t.with("payments-wizard-receipts", &[("what", names.join(", "))])
    });
    let add_expense = (steps.claims_expenses() && steps.expenses.len() < EXPENSES_MAX)
        .then(|| changing(href(Part::Category(steps.expenses.len())), true));
    let back = if j.asks_choice {
        href(Part::Paid)
    } else if steps.claims_expenses() {
        MORE.to_owned()
    } else {
        href(Part::HasExpenses)
    };
    let chrome = Chrome::signed(
        &s,
        t.get("payments-wizard-check-title"),
        organisation(&st, &s).await?,
    );
    html(&CheckPage {
        rows,
        add_expense,
        receipts,
        back,
        chrome,
        t,
    })
}

/// Sends the claim. A mistake found now (a rate missing for that day, say) shows the page it
/// belongs to, with the message beside its field.
async fn send(
    State(st): State<AppState>,
    s: Signed,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    match drafts::send(&st.app, s.actor()).await {
        Ok(SendOutcome::Sent(sent)) => {
            see_other(&format!("/payments/claims/{}/sent", sent.claim_id))
        }
        Ok(SendOutcome::Fix(part, errors)) => {
            let j = journey(&st, &s).await?;
            let steps = j.steps.clone().unwrap_or_default();
            step_page(&st, &s, &steps, part, true, &errors).await
        }
        // Nothing kept to send (already sent, or started again in another tab).
        Err(AppError::NotFound) => see_other(START),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Confirmation
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/wizard/sent.html")]
struct SentPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    /// Still waiting for a receipt before it can go.
    needs_receipt: bool,
    target_days: i64,
    form: FormState,
}

async fn sent_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let c = drafts::confirmation(&st.app, s.actor(), id).await?;
    let needs_receipt = c.view.claim.status == ClaimStatus::Draft;
    let title = if needs_receipt {
        t.get("payments-wizard-receipt-title")
    } else {
        t.get("payments-wizard-sent-title")
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?).with_errors(&form);
    html_status(
        form.status(),
        &SentPage {
            id,
            needs_receipt,
            target_days: c.target_days,
            form,
            chrome,
            t,
        },
    )
}

async fn sent_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    sent_view(&st, &s, id, FormState::new()).await
}

/// The receipt a just-made claim waits for: attached, then the claim is sent.
async fn sent_receipt(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    upload: Uploaded,
) -> WebResult {
    // Reach and ownership first; a claim already on its way has nothing to wait for.
    let c = drafts::confirmation(&st.app, s.actor(), id).await?;
    if c.view.claim.status != ClaimStatus::Draft {
        return see_other(&format!("/payments/claims/{id}/sent"));
    }
    let mut e = cairn_domain::FieldErrors::new();
    let r = if upload.unreadable {
        e.add("receipt", "payments-error-receipt-empty");
        Err(AppError::Invalid(e))
    } else if upload.too_big {
        e.add("receipt", "payments-error-receipt-size");
        Err(AppError::Invalid(e))
    } else {
        drafts::add_receipt_and_send(
            &st.app,
            s.actor(),
            id,
            upload.file("receipt").unwrap_or(&[]),
        )
        .await
    };
    match r {
        Ok(()) => see_other(&format!("/payments/claims/{id}/sent")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&s.ctx.t(), &errs);
            sent_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}
