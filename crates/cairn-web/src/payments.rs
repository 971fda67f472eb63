//! Payment pages: the payments home (claims waiting at each step), the claims list, making a
//! claim (a member for themselves, staff with a person, or from a meeting's attendance), one
//! claim (lines, receipts, the benefits guard, and the steps: submit, approve — optionally
//! paying less — authorise, reject, correct), the rate card, payment runs with their CSV
//! exports, a member's payment choice and own limit, the printable statement, and the report.

use crate::charts::{Bar, stacked_bars};
use crate::context::{Posted, Signed, Uploaded};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::translation::{Local, local_of};
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other, unit_names,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use cairn_app::AppError;
use cairn_app::payments::{ClaimView, ExpenseRateDraft, ExportFormat, FeeRateDraft, Guard};
use cairn_db::payments::ClaimQuery;
use cairn_domain::Permission;
use cairn_domain::payments::{
    ActivityType, ClaimDraft, ClaimStatus, ExpenseCategory, ExpenseDraft, PaymentChoice, RateBasis,
    format_pounds, parse_pounds,
};
use cairn_domain::time::{DateParts, format_date, format_instant, parse_iso_date, time_zone};
use serde::Deserialize;

mod corrections;
mod settings;
mod wizard;

pub(crate) fn routes(r: Routes) -> Routes {
    settings::routes(wizard::routes(r))
        .get("/payments", home)
        .get("/payments/claims", claims)
        .get("/payments/claims/new", new_claim_form)
        .reads_person()
        .post("/payments/claims/new", create_claim)
        .get("/payments/claims/{id}", claim_page)
        .reads_person()
        .post("/payments/claims/{id}/submit", submit)
        .post("/payments/claims/{id}/approve", approve)
        .post("/payments/claims/{id}/authorise", authorise)
        .post("/payments/claims/{id}/reject", reject)
        .post("/payments/claims/{id}/reverse", reverse)
        .post("/payments/claims/{id}/correct", corrections::correct)
        .upload("/payments/claims/{id}/receipts", add_receipt)
        .get("/payments/receipts/{id}", receipt)
        .get("/payments/rates", rates_page)
        .post("/payments/rates", add_fee_rate)
        .post("/payments/rates/expenses", add_expense_rate)
        .get("/payments/runs", runs_page)
        .post("/payments/runs", create_run)
        .get("/payments/runs/{id}", run_page)
        .post("/payments/runs/{id}/lock", lock_run)
        .post("/payments/runs/{id}/paid", mark_paid)
        .get("/payments/runs/{id}/export.csv", export)
        .get("/payments/report", report)
        .get("/payments/report.csv", report_csv)
}

fn pounds(p: i64) -> String {
    format_pounds(p)
}

fn date_words(t: &Tr, iso: &str) -> String {
    parse_iso_date(iso)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default()
}

fn status_tag(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Draft => "nhsuk-tag--grey",
        ClaimStatus::Submitted | ClaimStatus::Approved => "nhsuk-tag--yellow",
        ClaimStatus::Authorised | ClaimStatus::InRun => "nhsuk-tag--blue",
        ClaimStatus::Paid => "nhsuk-tag--green",
        ClaimStatus::Rejected => "nhsuk-tag--red",
    }
}

fn choices<E: Copy>(
    t: &Tr,
    all: &[E],
    key: fn(E) -> &'static str,
    id: fn(E) -> String,
) -> Vec<Choice> {
    all.iter()
        .map(|e| Choice {
            value: key(*e).into(),
            label: t.get(&id(*e)),
        })
        .collect()
}

fn money_or(e: &mut cairn_domain::FieldErrors, field: &str, raw: &str) -> Option<i64> {
    if raw.trim().is_empty() {
        return None;
    }
    match parse_pounds(raw) {
        Some(p) => Some(p),
        None => {
            e.add(field, "payments-error-amount");
            None
        }
    }
}

/// The organisation's time zone, for times shown on payment pages.
async fn org_time_zone(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

// ---------------------------------------------------------------------------------------------
// Home
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/home.html")]
struct HomePage {
    chrome: Chrome,
    t: Tr,
    waiting: Vec<(String, String, i64)>,
    can_claim_for: bool,
    can_runs: bool,
    can_report: bool,
}

async fn home(State(st): State<AppState>, s: Signed) -> WebResult {
    let a = s.actor();
    if a.can(Permission::ClaimOwn) {
        return see_other("/payments/claims");
    }
    if !a.can(Permission::ManageClaims) && !a.can(Permission::AuthoriseClaims) {
        if a.can(Permission::ViewPaymentReports) {
            return see_other("/payments/report");
        }
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let waiting = cairn_app::payments::waiting(&st.app, a).await?;
    let chrome = Chrome::signed(&s, t.get("payments-title"), organisation(&st, &s).await?);
    html(&HomePage {
        waiting: waiting
            .iter()
            .filter(|(st, _)| !matches!(st, ClaimStatus::Paid | ClaimStatus::Rejected))
            .map(|(st, n)| (st.key().to_owned(), t.get(&st.label_id()), *n))
            .collect(),
        can_claim_for: a.can(Permission::ManageClaims),
        can_runs: a.can(Permission::ManagePaymentRuns),
        can_report: a.can(Permission::ViewPaymentReports),
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Claims list
// ---------------------------------------------------------------------------------------------

struct ClaimRow {
    id: i64,
    person: String,
    activity: String,
    on: String,
    total: String,
    status: String,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "payments/claims.html")]
struct ClaimsPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<ClaimRow>,
    form: FormState,
    statuses: Vec<Choice>,
    member: bool,
    can_claim: bool,
    next_href: Option<String>,
}

#[derive(Deserialize, Default)]
struct ClaimsQuery {
    status: Option<String>,
    before: Option<String>,
}

async fn claims(State(st): State<AppState>, s: Signed, Query(q): Query<ClaimsQuery>) -> WebResult {
    let t = s.ctx.t();
    let status = q.status.as_deref().and_then(ClaimStatus::parse);
    let before = q.before.as_deref().and_then(|b| b.parse().ok());
    let list = cairn_app::payments::list_lines(
        &st.app,
        s.actor(),
        ClaimQuery {
            status,
            before_id: before,
            limit: 51,
            ..Default::default()
        },
    )
    .await?;
    let more = list.len() > 50;
    let rows: Vec<ClaimRow> = list
        .iter()
        .take(50)
        .map(|c| ClaimRow {
            id: c.id,
            person: c.person_name.clone(),
            activity: t.get(&c.activity_type.label_id()),
            on: date_words(&t, &c.activity_on),
            total: pounds(c.total_pence),
            status: t.get(&c.status.label_id()),
            tag: status_tag(c.status),
        })
        .collect();
    let next_href = more.then(|| {
        let last = rows.last().map(|r| r.id).unwrap_or(0);
        match status {
            Some(st) => format!("/payments/claims?status={}&before={last}", st.key()),
            None => format!("/payments/claims?before={last}"),
        }
    });
    let mut form = FormState::new();
    form.set("status", status.map(|s| s.key()).unwrap_or(""));
    let member = s.actor().can(Permission::ClaimOwn);
    let title = if member {
        t.get("payments-my-claims")
    } else {
        t.get("payments-claims")
    };
    let chrome = Chrome::signed(&s, title, organisation(&st, &s).await?);
    html(&ClaimsPage {
        rows,
        form,
        statuses: choices(
            &t,
            ClaimStatus::ALL,
            ClaimStatus::key,
            ClaimStatus::label_id,
        ),
        member,
        can_claim: member || s.actor().can(Permission::ManageClaims),
        next_href,
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Making a claim
// ---------------------------------------------------------------------------------------------

/// Expense rows on the claim form.
const EXPENSE_ROWS: usize = 3;

#[derive(Deserialize, Default)]
struct ClaimIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    meeting_id: String,
    #[serde(default)]
    activity_type: String,
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
    description: String,
    #[serde(default)]
    expense_category_0: String,
    #[serde(default)]
    expense_miles_0: String,
    #[serde(default)]
    expense_amount_0: String,
    #[serde(default)]
    expense_category_1: String,
    #[serde(default)]
    expense_miles_1: String,
    #[serde(default)]
    expense_amount_1: String,
    #[serde(default)]
    expense_category_2: String,
    #[serde(default)]
    expense_miles_2: String,
    #[serde(default)]
    expense_amount_2: String,
}

impl ClaimIn {
    fn expenses(&self) -> Vec<(&str, &str, &str)> {
        vec![
            (
                self.expense_category_0.as_str(),
                self.expense_miles_0.as_str(),
                self.expense_amount_0.as_str(),
            ),
            (
                self.expense_category_1.as_str(),
                self.expense_miles_1.as_str(),
                self.expense_amount_1.as_str(),
            ),
            (
                self.expense_category_2.as_str(),
                self.expense_miles_2.as_str(),
                self.expense_amount_2.as_str(),
            ),
        ]
    }

    fn draft(&self) -> ClaimDraft {
        ClaimDraft {
            activity_type: self.activity_type.clone(),
            activity_on: DateParts {
                day: self.activity_on_day.clone(),
                month: self.activity_on_month.clone(),
                year: self.activity_on_year.clone(),
            },
            hours: self.hours.clone(),
            minutes: self.minutes.clone(),
            description: self.description.clone(),
            expenses: self
                .expenses()
                .into_iter()
                .map(|(c, m, a)| ExpenseDraft {
                    category: c.into(),
                    miles: m.into(),
                    amount: a.into(),
                })
                .collect(),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("person_id", self.person_id.clone())
            .set("meeting_id", self.meeting_id.clone())
            .set("activity_type", self.activity_type.clone())
            .set_date("activity_on", &self.draft().activity_on)
            .set("hours", self.hours.clone())
            .set("minutes", self.minutes.clone())
            .set("description", self.description.clone());
        for (i, (c, m, a)) in self.expenses().into_iter().enumerate() {
            f.set(&format!("expense_category_{i}"), c)
                .set(&format!("expense_miles_{i}"), m)
                .set(&format!("expense_amount_{i}"), a);
        }
        f
    }
}

#[derive(Template)]
#[template(path = "payments/claim_form.html")]
struct ClaimFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    people: Vec<Choice>,
    activities: Vec<Choice>,
    categories: Vec<Choice>,
    rows: Vec<ExpenseRow>,
    for_someone: bool,
}

/// One expense row's field names on the claim form.
struct ExpenseRow {
    legend: String,
    error: String,
    category: String,
    miles: String,
    amount: String,
}

async fn claim_form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let a = s.actor();
    let for_someone = a.can(Permission::ManageClaims);
    if !for_someone && !a.can(Permission::ClaimOwn) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let people = if for_someone {
        cairn_app::people::list(
            &st.app,
            a,
            cairn_db::people::PeopleQuery {
                limit: 1000,
                welsh_order: t.lang == cairn_domain::people::Language::Cy,
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .map(|p| crate::views::person_choice(&t, &p.person))
        .collect()
    } else {
        Vec::new()
    };
    let chrome = Chrome::signed(s, t.get("payments-new-claim"), organisation(st, s).await?)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ClaimFormPage {
            form,
            people,
            activities: choices(
                &t,
                ActivityType::ALL,
                ActivityType::key,
                ActivityType::label_id,
            ),
            categories: choices(
                &t,
                ExpenseCategory::ALL,
                ExpenseCategory::key,
                ExpenseCategory::label_id,
            ),
            rows: (0..EXPENSE_ROWS)
                .map(|i| ExpenseRow {
                    legend: t.with("payments-expense-n", &[("n", (i + 1).to_string())]),
                    error: format!("expense_{i}"),
                    category: format!("expense_category_{i}"),
                    miles: format!("expense_miles_{i}"),
                    amount: format!("expense_amount_{i}"),
                })
                .collect(),
            for_someone,
            chrome,
            t,
        },
    )
}

#[derive(Deserialize, Default)]
struct NewClaimQuery {
    person_id: Option<String>,
    meeting_id: Option<String>,
}

async fn new_claim_form(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<NewClaimQuery>,
) -> WebResult {
    let mut form = FormState::new();
    // A person chosen beforehand is read (their name is shown chosen): reach and audit.
    if let Some(p) = q.person_id.as_deref().and_then(|p| p.parse::<i64>().ok()) {
        cairn_app::payments::claim_form_for(&st.app, s.actor(), p).await?;
    }
    // From a meeting's attendance: the activity, date and time come from the meeting.
    // Only those who may see meetings start from one (a member's link never carries one).
    if let Some(m) = q.meeting_id.as_deref().and_then(|m| m.parse::<i64>().ok())
        && s.actor().can(Permission::ViewMeetings)
    {
        let v = cairn_app::meetings::meeting(&st.app, s.actor(), m).await?;
        let tz = org_time_zone(&st, &s).await?;
        let day = cairn_domain::time::local_date(v.meeting.starts_at, &tz);
        let person = q.person_id.as_deref().and_then(|p| p.parse::<i64>().ok());
        let minutes = person
            .and_then(|p| v.people.iter().find(|x| x.person_id == p))
            .and_then(|x| x.minutes)
            .unwrap_or((v.meeting.ends_at - v.meeting.starts_at) / 60_000);
        form.set("meeting_id", m.to_string())
            .set("activity_type", "meeting")
            .set_date("activity_on", &DateParts::from_date(Some(day)))
            .set("hours", (minutes / 60).to_string())
            .set("minutes", (minutes % 60).to_string())
            .set(
                "description",
                cairn_app::meetings::group_name(&v.group, s.ctx.lang).to_owned(),
            );
    }
    if let Some(p) = q.person_id {
        form.set("person_id", p);
    }
    claim_form_page(&st, &s, form).await
}

async fn create_claim(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<ClaimIn>,
) -> WebResult {
    let person = if s.actor().can(Permission::ClaimOwn) {
        None
    } else {
        match f.person_id.trim().parse::<i64>() {
            Ok(p) => Some(p),
            Err(_) => {
                let mut form = f.form();
                let mut e = cairn_domain::FieldErrors::new();
                e.add("person_id", "payments-error-person");
                form.add_errors(&s.ctx.t(), &e);
                return claim_form_page(&st, &s, form).await;
            }
        }
    };
    let meeting = f.meeting_id.trim().parse::<i64>().ok();
    match cairn_app::payments::create_claim(&st.app, s.actor(), person, meeting, &f.draft()).await {
        Ok(id) => see_other(&format!("/payments/claims/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            claim_form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// One claim
// ---------------------------------------------------------------------------------------------

struct LineRow {
    id: i64,
    what: String,
    detail: String,
    amount: String,
    income: bool,
    reversible: bool,
}

/// The benefits guard in words.
struct GuardView {
    week: String,
    month: String,
    limit: Option<String>,
    warning: Option<String>,
}

fn guard_view(t: &Tr, g: &Guard, name: &str) -> GuardView {
    let part = |e: &cairn_domain::payments::PeriodEarnings| {
        t.with(
            "payments-guard-parts",
            &[
                ("paid", pounds(e.paid_pence)),
                ("authorised", pounds(e.authorised_pence)),
                ("pending", pounds(e.pending_pence)),
            ],
        )
    };
    let limit = match (g.limit_period.as_deref(), g.limit_pence) {
        (Some(p), Some(l)) => Some(t.with(
            if p == "month" {
                "payments-limit-month"
            } else {
                "payments-limit-week"
            },
            &[("amount", pounds(l))],
        )),
        _ => None,
    };
    GuardView {
        week: t.with(
            "payments-guard-week",
            &[
                ("date", date_words(t, &g.week_of)),
                ("parts", part(&g.week)),
            ],
        ),
        month: t.with(
            "payments-guard-month",
            &[
                ("date", date_words(t, &g.month_of)),
                ("parts", part(&g.month)),
            ],
        ),
        warning: g.would_pass.then(|| {
            t.with(
                "payments-guard-warning",
                &[
                    ("name", name.to_owned()),
                    ("this", pounds(g.this_pence)),
                    ("room", pounds(g.room_pence.unwrap_or(0))),
                ],
            )
        }),
        limit,
    }
}

#[derive(Template)]
#[template(path = "payments/claim.html")]
struct ClaimPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    facts: Vec<(String, String)>,
    status: String,
    tag: &'static str,
    reject_reason: String,
    lines: Vec<LineRow>,
    fee: String,
    expenses: String,
    total: String,
    guard: GuardView,
    receipts: Vec<(i64, String)>,
    receipt_missing: bool,
    events: Vec<(String, String, String, String)>,
    v_submit: bool,
    v_approve: bool,
    v_authorise: bool,
    v_reject: bool,
    v_correct: bool,
    v_attach: bool,
    blocked: Option<String>,
    form: FormState,
    corrections: corrections::Panel,
    /// For the claimant reading their own claim with nothing for them to do: what happens next.
    own_next: Option<String>,
}

async fn claim_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let v: ClaimView = cairn_app::payments::claim(&st.app, s.actor(), id).await?;
    let corrections = corrections::panel(st, s, &t, &v).await?;
    let tz = org_time_zone(st, s).await?;
    let c = &v.claim;
    let reversed: Vec<i64> = v.lines.iter().filter_map(|l| l.reverses_line_id).collect();
    let lines = v
        .lines
        .iter()
        .map(|l| {
            let what = match (
                l.kind.as_str(),
                l.category.as_deref().and_then(ExpenseCategory::parse),
            ) {
                ("fee", _) => t.get("payments-line-fee"),
                ("adjustment", _) => t.get("payments-line-adjustment"),
                ("reversal", _) => t.get("payments-line-reversal"),
                (_, Some(cat)) => t.get(&cat.label_id()),
                _ => String::new(),
            };
            let detail = match (l.miles_tenths, &l.note) {
                (Some(m), _) => t.with(
                    "payments-miles",
                    &[("miles", format!("{}.{}", m / 10, m % 10))],
                ),
                (None, Some(n)) => n.clone(),
                _ => String::new(),
            };
            LineRow {
                id: l.id,
                what,
                detail,
                amount: pounds(l.amount_pence),
                income: l.counts_as_income,
                reversible: l.kind != "reversal" && !reversed.contains(&l.id),
            }
        })
        .collect();
    // The claimant reading their own claim is spoken to: "You", not their name.
    let own = s.actor().is_person(c.person_id);
    let mut facts = vec![
        if own {
            (
                t.get("payments-wizard-claim-by"),
                t.get("payments-wizard-claim-you"),
            )
        } else {
            (t.get("payments-col-person"), c.person_name.clone())
        },
        (
            t.get("payments-col-activity"),
            t.get(&c.activity_type.label_id()),
        ),
        (t.get("payments-col-date"), date_words(&t, &c.activity_on)),
        (
            t.get("payments-col-time"),
            t.with(
                "payments-duration",
                &[
                    ("hours", (c.minutes / 60).to_string()),
                    ("minutes", (c.minutes % 60).to_string()),
                ],
            ),
        ),
        (t.get("payments-col-description"), c.description.clone()),
        (
            t.get(if own {
                "payments-wizard-own-choice"
            } else {
                "payments-col-choice"
            }),
            PaymentChoice::parse(&c.choice)
                .map(|x| t.get(&x.label_id()))
                .unwrap_or_default(),
        ),
    ];
    if c.created_by_user_id.is_some() && c.created_by_label != s.actor().label {
        facts.push((t.get("payments-col-made-by"), c.created_by_label.clone()));
    }
    let events = v
        .events
        .iter()
        .map(|e| {
            (
                format_instant(e.at, &tz, t.lang),
                e.actor_label.clone(),
                t.get(&format!("payments-event-{}", e.kind.replace('_', "-"))),
                e.note.clone().unwrap_or_default(),
            )
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.with("payments-claim-title", &[("id", id.to_string())]),
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
        &ClaimPage {
            id,
            facts,
            status: t.get(&c.status.label_id()),
            tag: status_tag(c.status),
            reject_reason: c.reject_reason.clone().unwrap_or_default(),
            lines,
            fee: pounds(c.fee_pence),
            expenses: pounds(c.expenses_pence),
            total: pounds(c.total_pence),
            guard: {
                let mut g = guard_view(&t, &v.guard, &c.person_name);
                // "Would take them past" and "paying up to … keeps them within it" mean nothing
                // once the claim is paid or not paid: the earnings above still show the effect.
                if matches!(c.status, ClaimStatus::Paid | ClaimStatus::Rejected) {
                    g.warning = None;
                } else if own && v.guard.would_pass {
                    g.warning = Some(t.with(
                        "payments-wizard-own-guard-warning",
                        &[
                            ("this", pounds(v.guard.this_pence)),
                            ("room", pounds(v.guard.room_pence.unwrap_or(0))),
                        ],
                    ));
                }
                g
            },
            receipts: v
                .receipts
                .iter()
                .map(|r| {
                    (
                        r.id,
                        t.with(
                            "payments-receipt-name",
                            &[
                                ("id", r.id.to_string()),
                                ("kind", r.content_type.clone()),
                                ("size", (r.size_bytes / 1024).max(1).to_string()),
                            ],
                        ),
                    )
                })
                .collect(),
            receipt_missing: v.receipt_missing,
            events,
            v_submit: v.can_submit,
            v_approve: v.can_approve,
            v_authorise: v.can_authorise,
            v_reject: v.can_reject,
            v_correct: v.can_correct,
            v_attach: v.can_attach,
            blocked: v.blocked.map(|b| t.get(b)),
            corrections,
            own_next: (own && !v.can_submit).then(|| {
                t.get(match c.status {
                    ClaimStatus::Draft => "payments-wizard-own-next-draft",
                    ClaimStatus::Submitted => "payments-wizard-own-next-submitted",
                    ClaimStatus::Approved => "payments-wizard-own-next-approved",
                    ClaimStatus::Authorised => "payments-wizard-own-next-authorised",
                    ClaimStatus::InRun => "payments-wizard-own-next-in-run",
                    ClaimStatus::Paid => "payments-wizard-own-next-paid",
                    ClaimStatus::Rejected => "payments-wizard-own-next-rejected",
                })
            }),
            chrome,
            t,
            form,
        },
    )
}

async fn claim_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    claim_view(&st, &s, id, FormState::new()).await
}

/// Moves a use case's error on `from` to the page's field `to` (several forms on the claim page
/// have a reason, each with its own field).
fn renamed<T>(r: Result<T, AppError>, from: &str, to: &str) -> Result<T, AppError> {
    match r {
        Err(AppError::Invalid(errs)) => {
            let mut out = cairn_domain::FieldErrors::new();
            for e in errs.0 {
                out.add(if e.field == from { to } else { &e.field }, e.code);
            }
            Err(AppError::Invalid(out))
        }
        other => other,
    }
}

async fn after<T>(
    st: &AppState,
    s: &Signed,
    id: i64,
    r: Result<T, AppError>,
    typed: &[(&str, String)],
) -> WebResult {
    match r {
        Ok(_) => see_other(&format!("/payments/claims/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            for (k, v) in typed {
                form.set(k, v.clone());
            }
            form.add_errors(&s.ctx.t(), &errs);
            claim_view(st, s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn submit(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::payments::submit(&st.app, s.actor(), id).await;
    after(&st, &s, id, r, &[]).await
}

#[derive(Deserialize, Default)]
struct ApproveIn {
    #[serde(default)]
    pay_fee: String,
    #[serde(default)]
    reason: String,
}

async fn approve(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ApproveIn>,
) -> WebResult {
    let mut e = cairn_domain::FieldErrors::new();
    let pay = money_or(&mut e, "pay_fee", &f.pay_fee);
    let r = if e.is_empty() {
        cairn_app::payments::approve(&st.app, s.actor(), id, pay, &f.reason).await
    } else {
        Err(AppError::Invalid(e))
    };
    after(
        &st,
        &s,
        id,
        r,
        &[("pay_fee", f.pay_fee), ("reason", f.reason)],
    )
    .await
}

async fn authorise(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::payments::authorise(&st.app, s.actor(), id).await;
    after(&st, &s, id, r, &[]).await
}

#[derive(Deserialize, Default)]
struct RejectIn {
    #[serde(default)]
    reject_reason: String,
}

async fn reject(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RejectIn>,
) -> WebResult {
    let r = cairn_app::payments::reject(&st.app, s.actor(), id, &f.reject_reason).await;
    let r = renamed(r, "reason", "reject_reason");
    after(&st, &s, id, r, &[("reject_reason", f.reject_reason)]).await
}

#[derive(Deserialize, Default)]
struct ReverseIn {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    line_id: String,
}

async fn reverse(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ReverseIn>,
) -> WebResult {
    let line = f.line_id.trim().parse::<i64>().unwrap_or(0);
    let r = cairn_app::payments::reverse_line(&st.app, s.actor(), id, line, &f.reason).await;
    let field = format!("reverse-{line}");
    let r = renamed(r, "reason", &field);
    after(&st, &s, id, r, &[]).await
}

async fn add_receipt(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    upload: Uploaded,
) -> WebResult {
    // Reach first, so another organisation's claim is "not found" whatever is sent.
    if !cairn_app::payments::claim(&st.app, s.actor(), id)
        .await?
        .can_attach
    {
        return Err(WebError::Forbidden);
    }
    let refused = |code: &'static str| {
        let mut e = cairn_domain::FieldErrors::new();
        e.add("receipt", code);
        Err(AppError::Invalid(e))
    };
    let r = if upload.unreadable {
        refused("payments-error-receipt-empty")
    } else if upload.too_big {
        refused("payments-error-receipt-size")
    } else {
        cairn_app::payments::add_receipt(
            &st.app,
            s.actor(),
            id,
            upload.file("receipt").unwrap_or(&[]),
        )
        .await
    };
    after(&st, &s, id, r, &[]).await
}

async fn receipt(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let (r, body) = cairn_app::payments::receipt(&st.app, s.actor(), id).await?;
    let ext = match r.content_type.as_str() {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "pdf",
    };
    Ok((
        [
            (header::CONTENT_TYPE, r.content_type.clone()),
            // Always a download, never rendered in Cairn's own origin.
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"receipt-{id}.{ext}\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// The rate card
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "payments/rates.html")]
struct RatesPage {
    chrome: Chrome,
    t: Tr,
    fees: Vec<RateLine>,
    expenses: Vec<RateLine>,
    presets: Vec<RateLine>,
    can_manage: bool,
    form: FormState,
    xform: FormState,
    activities: Vec<Choice>,
    bases: Vec<Choice>,
    categories: Vec<Choice>,
    flags: Vec<(&'static str, String)>,
}

/// One line of the rate card: what, how much and when in the reader's words; the source note
/// as the organisation wrote it (in the reader's language when it exists, else marked).
struct RateLine {
    cells: Vec<String>,
    source: Local,
    example: String,
}

fn valid(t: &Tr, from: &str, to: &Option<String>) -> String {
    match to {
        Some(to) => t.with(
            "payments-valid-between",
            &[("from", date_words(t, from)), ("to", date_words(t, to))],
        ),
        None => t.with("payments-valid-from", &[("from", date_words(t, from))]),
    }
}

/// What a fee rate pays, in words ("£20.00 an hour").
pub(crate) fn fee_amount(t: &Tr, r: &cairn_db::payments::FeeRateRow) -> String {
    match r.basis {
        RateBasis::Hour => t.with("payments-per-hour", &[("amount", pounds(r.hour_pence))]),
        RateBasis::Session => t.with(
            "payments-per-session",
            &[
                ("half", pounds(r.half_day_pence)),
                ("day", pounds(r.day_pence)),
            ],
        ),
    }
}

/// An expense rate's rule in words: per mile, up to, receipts, approval, income.
pub(crate) fn expense_rule(t: &Tr, r: &cairn_db::payments::ExpenseRateRow) -> String {
    let mut rule = Vec::new();
    if r.category.is_mileage() {
        rule.push(t.with(
            "payments-per-mile",
            &[("pence", r.per_mile_pence.to_string())],
        ));
        if r.band_miles > 0 {
            rule.push(t.with(
                "payments-after-band",
                &[
                    ("miles", r.band_miles.to_string()),
                    ("pence", r.after_band_pence.to_string()),
                ],
            ));
        }
    }
    if r.limit_pence > 0 {
        rule.push(t.with("payments-up-to", &[("amount", pounds(r.limit_pence))]));
    }
    if r.needs_receipt {
        rule.push(t.get("payments-needs-receipt"));
    }
    if r.needs_preapproval {
        rule.push(t.get("payments-needs-preapproval"));
    }
    if r.counts_as_income {
        rule.push(t.get("payments-counts-as-income"));
    }
    rule.join("; ")
}

async fn rates_view(st: &AppState, s: &Signed, form: FormState, xform: FormState) -> WebResult {
    let t = s.ctx.t();
    let card = cairn_app::payments::rate_card(&st.app, s.actor()).await?;
    let example = |e: bool| {
        if e {
            t.get("payments-example")
        } else {
            String::new()
        }
    };
    let fees = card
        .fees
        .iter()
        .map(|r| RateLine {
            cells: vec![
                t.get(&r.activity_type.label_id()),
                fee_amount(&t, r),
                valid(&t, &r.valid_from, &r.valid_to),
            ],
            source: local_of(&t, Some(&r.source), r.source_cy.as_deref()),
            example: example(r.example),
        })
        .collect();
    let expenses = card
        .expenses
        .iter()
        .map(|r| RateLine {
            cells: vec![
                t.get(&r.category.label_id()),
                expense_rule(&t, r),
                valid(&t, &r.valid_from, &r.valid_to),
            ],
            source: local_of(&t, Some(&r.source), r.source_cy.as_deref()),
            example: example(r.example),
        })
        .collect();
    let presets = card
        .presets
        .iter()
        .map(|p| RateLine {
            cells: vec![
                local_name(&t, &p.name_en, Some(&p.name_cy)),
                t.with(
                    if p.period == "month" {
                        "payments-limit-month"
                    } else {
                        "payments-limit-week"
                    },
                    &[("amount", pounds(p.amount_pence))],
                ),
                valid(&t, &p.valid_from, &p.valid_to),
            ],
            source: local_of(&t, Some(&p.source), p.source_cy.as_deref()),
            example: example(p.example),
        })
        .collect();
    let chrome = Chrome::signed(s, t.get("payments-rates-title"), organisation(st, s).await?)
        .with_errors(if form.has_errors() { &form } else { &xform });
    let status = if form.has_errors() || xform.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &RatesPage {
            fees,
            expenses,
            presets,
            can_manage: s.actor().can(Permission::ManageRates),
            form,
            xform,
            activities: choices(
                &t,
                ActivityType::ALL,
                ActivityType::key,
                ActivityType::label_id,
            ),
            bases: choices(&t, RateBasis::ALL, RateBasis::key, RateBasis::label_id),
            categories: choices(
                &t,
                ExpenseCategory::ALL,
                ExpenseCategory::key,
                ExpenseCategory::label_id,
            ),
            flags: vec![
                ("needs_receipt", t.get("payments-needs-receipt")),
                ("needs_preapproval", t.get("payments-needs-preapproval")),
                ("counts_as_income", t.get("payments-counts-as-income")),
            ],
            chrome,
            t,
        },
    )
}

async fn rates_page(State(st): State<AppState>, s: Signed) -> WebResult {
    rates_view(&st, &s, FormState::new(), FormState::new()).await
}

#[derive(Deserialize, Default)]
struct FeeRateIn {
    #[serde(default)]
    activity_type: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    hour: String,
    #[serde(default)]
    half_day: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    valid_from_day: String,
    #[serde(default)]
    valid_from_month: String,
    #[serde(default)]
    valid_from_year: String,
    #[serde(default)]
    valid_to_day: String,
    #[serde(default)]
    valid_to_month: String,
    #[serde(default)]
    valid_to_year: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    source_cy: String,
}

fn parts(d: &str, m: &str, y: &str) -> DateParts {
    DateParts {
        day: d.into(),
        month: m.into(),
        year: y.into(),
    }
}

async fn add_fee_rate(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<FeeRateIn>,
) -> WebResult {
    let d = FeeRateDraft {
        activity_type: f.activity_type.clone(),
        basis: f.basis.clone(),
        hour: f.hour.clone(),
        half_day: f.half_day.clone(),
        day: f.day.clone(),
        valid_from: parts(&f.valid_from_day, &f.valid_from_month, &f.valid_from_year),
        valid_to: parts(&f.valid_to_day, &f.valid_to_month, &f.valid_to_year),
        source: f.source.clone(),
        source_cy: f.source_cy.clone(),
    };
    match cairn_app::payments::add_fee_rate(&st.app, s.actor(), &d).await {
        Ok(_) => see_other("/payments/rates"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("activity_type", f.activity_type)
                .set("basis", f.basis)
                .set("hour", f.hour)
                .set("half_day", f.half_day)
                .set("day", f.day)
                .set_date("valid_from", &d.valid_from)
                .set_date("valid_to", &d.valid_to)
                .set("source", f.source)
                .set("source_cy", f.source_cy);
            form.add_errors(&s.ctx.t(), &errs);
            rates_view(&st, &s, form, FormState::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct ExpenseRateIn {
    #[serde(default)]
    category: String,
    #[serde(default)]
    per_mile: String,
    #[serde(default)]
    after_band: String,
    #[serde(default)]
    band_miles: String,
    #[serde(default)]
    limit: String,
    needs_receipt: Option<String>,
    needs_preapproval: Option<String>,
    counts_as_income: Option<String>,
    #[serde(default)]
    x_valid_from_day: String,
    #[serde(default)]
    x_valid_from_month: String,
    #[serde(default)]
    x_valid_from_year: String,
    #[serde(default)]
    x_source: String,
    #[serde(default)]
    x_source_cy: String,
}

async fn add_expense_rate(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<ExpenseRateIn>,
) -> WebResult {
    let d = ExpenseRateDraft {
        category: f.category.clone(),
        per_mile: f.per_mile.clone(),
        after_band: f.after_band.clone(),
        band_miles: f.band_miles.clone(),
        limit: f.limit.clone(),
        needs_receipt: f.needs_receipt.is_some(),
        needs_preapproval: f.needs_preapproval.is_some(),
        counts_as_income: f.counts_as_income.is_some(),
        valid_from: parts(
            &f.x_valid_from_day,
            &f.x_valid_from_month,
            &f.x_valid_from_year,
        ),
        valid_to: DateParts::default(),
        source: f.x_source.clone(),
        source_cy: f.x_source_cy.clone(),
    };
    let r = cairn_app::payments::add_expense_rate(&st.app, s.actor(), &d).await;
    let r = renamed(
        renamed(
            renamed(r, "valid_from", "x_valid_from"),
            "source",
            "x_source",
        ),
        "source_cy",
        "x_source_cy",
    );
    match r {
        Ok(_) => see_other("/payments/rates#expenses"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("category", f.category)
                .set("per_mile", f.per_mile)
                .set("after_band", f.after_band)
                .set("band_miles", f.band_miles)
                .set("limit", f.limit)
                .set("needs_receipt", if d.needs_receipt { "yes" } else { "" })
                .set(
                    "needs_preapproval",
                    if d.needs_preapproval { "yes" } else { "" },
                )
                .set(
                    "counts_as_income",
                    if d.counts_as_income { "yes" } else { "" },
                )
                .set_date("x_valid_from", &d.valid_from)
                .set("x_source", f.x_source)
                .set("x_source_cy", f.x_source_cy);
            form.add_errors(&s.ctx.t(), &errs);
            rates_view(&st, &s, FormState::new(), form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Payment runs
// ---------------------------------------------------------------------------------------------

struct RunRow {
    id: i64,
    status: String,
    claims: i64,
    total: String,
    created: String,
}

#[derive(Template)]
#[template(path = "payments/runs.html")]
struct RunsPage {
    chrome: Chrome,
    t: Tr,
    runs: Vec<RunRow>,
    ready: Vec<ClaimRow>,
    form: FormState,
}

async fn runs_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let runs = cairn_app::payments::runs(&st.app, s.actor()).await?;
    let ready = cairn_app::payments::list(
        &st.app,
        s.actor(),
        ClaimQuery {
            status: Some(ClaimStatus::Authorised),
            limit: 500,
            ..Default::default()
        },
    )
    .await?;
    let tz = org_time_zone(st, s).await?;
    let chrome = Chrome::signed(s, t.get("payments-runs-title"), organisation(st, s).await?)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &RunsPage {
            runs: runs
                .iter()
                .map(|r| RunRow {
                    id: r.id,
                    status: t.get(&format!("payments-run-{}", r.status)),
                    claims: r.claims_count,
                    total: pounds(r.total_pence),
                    created: format_instant(r.created_at, &tz, t.lang),
                })
                .collect(),
            ready: ready
                .iter()
                .map(|c| ClaimRow {
                    id: c.id,
                    person: c.person_name.clone(),
                    activity: t.get(&c.activity_type.label_id()),
                    on: date_words(&t, &c.activity_on),
                    total: pounds(c.total_pence),
                    status: t.get(&c.status.label_id()),
                    tag: status_tag(c.status),
                })
                .collect(),
            form,
            chrome,
            t,
        },
    )
}

async fn runs_page(State(st): State<AppState>, s: Signed) -> WebResult {
    runs_view(&st, &s, FormState::new()).await
}

async fn create_run(
    State(st): State<AppState>,
    s: Signed,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> WebResult {
    let ids: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "claim_ids")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    match cairn_app::payments::create_run(&st.app, s.actor(), &ids).await {
        Ok(id) => see_other(&format!("/payments/runs/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&s.ctx.t(), &errs);
            runs_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "payments/run.html")]
struct RunPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    status_key: String,
    status: String,
    rows: Vec<Vec<String>>,
    total: String,
    reconciled: bool,
}

async fn run_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::payments::run(&st.app, s.actor(), id).await?;
    let rows = v
        .rows
        .iter()
        .map(|r| {
            vec![
                r.claim_id.to_string(),
                r.person_name.clone(),
                r.unit_name.clone().unwrap_or_default(),
                date_words(&t, &r.activity_on),
                pounds(r.fee_pence),
                pounds(r.expenses_pence),
                pounds(r.total_pence),
            ]
        })
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.with("payments-run-title", &[("id", id.to_string())]),
        organisation(&st, &s).await?,
    );
    html(&RunPage {
        id,
        status_key: v.run.status.clone(),
        status: t.get(&format!("payments-run-{}", v.run.status)),
        rows,
        total: pounds(v.run.total_pence),
        reconciled: v.sums.0 == v.sums.1 && v.sums.1 == v.sums.2,
        chrome,
        t,
    })
}

fn run_after(id: i64, r: Result<(), AppError>) -> WebResult {
    r?;
    see_other(&format!("/payments/runs/{id}"))
}

async fn lock_run(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::payments::lock_run(&st.app, s.actor(), id).await;
    run_after(id, r)
}

async fn mark_paid(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::payments::mark_paid(&st.app, s.actor(), id).await;
    run_after(id, r)
}

#[derive(Deserialize, Default)]
struct ExportQuery {
    format: Option<String>,
}

async fn export(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> WebResult {
    let format = match q.format.as_deref() {
        Some("accounts") => ExportFormat::Accounts,
        _ => ExportFormat::Payroll,
    };
    let rows = cairn_app::payments::export(&st.app, s.actor(), id, format, s.ctx.lang).await?;
    Ok(crate::csv_export::download(
        &format!(
            "run-{id}-{}.csv",
            if format == ExportFormat::Payroll {
                "payroll"
            } else {
                "accounts"
            }
        ),
        &rows,
    ))
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/// A report table: its caption and rows of (label, claims, amount in words).
type Section = (String, Vec<(String, String, String)>);

#[derive(Template)]
#[template(path = "payments/report.html")]
struct ReportPage {
    chrome: Chrome,
    t: Tr,
    chart: String,
    sections: Vec<Section>,
    paid: i64,
    within: i64,
    target: i64,
    median: String,
    waiting: Vec<(String, i64)>,
    hidden_below: Option<i64>,
    /// What corrections of paid claims came to, when there were any.
    corrections: Option<String>,
}

async fn report_data(
    st: &AppState,
    s: &Signed,
) -> WebResult<(cairn_app::payments::Report, Vec<(i64, String)>)> {
    let r = cairn_app::payments::report(&st.app, s.actor(), 12).await?;
    let units = unit_names(st, s).await?;
    Ok((r, units))
}

fn sections(t: &Tr, r: &cairn_app::payments::Report, units: &[(i64, String)]) -> Vec<Section> {
    let hidden = t.with(
        "reports-hidden-count",
        &[("count", r.hidden_below.unwrap_or(5).to_string())],
    );
    let rows = |list: &[cairn_app::payments::Total], label: &dyn Fn(&str) -> String| {
        list.iter()
            .map(|x| {
                if x.hidden {
                    (label(&x.key), hidden.clone(), hidden.clone())
                } else {
                    (label(&x.key), x.claims.to_string(), pounds(x.pence))
                }
            })
            .collect::<Vec<_>>()
    };
    vec![
        (
            t.get("payments-report-by-month"),
            rows(&r.by_month, &|k| k.to_owned()),
        ),
        (
            t.get("payments-report-by-unit"),
            rows(&r.by_unit, &|k| {
                k.parse::<i64>()
                    .ok()
                    .and_then(|id| units.iter().find(|(u, _)| *u == id))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| t.get("payments-no-unit"))
            }),
        ),
        (
            t.get("payments-report-by-constituency"),
            rows(&r.by_constituency, &|k| {
                cairn_domain::people::Constituency::parse(k)
                    .map(|c| t.get(&c.label_id()))
                    .unwrap_or_default()
            }),
        ),
        (
            t.get("payments-report-by-activity"),
            rows(&r.by_activity, &|k| {
                ActivityType::parse(k)
                    .map(|a| t.get(&a.label_id()))
                    .unwrap_or_default()
            }),
        ),
    ]
}

async fn report(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let (r, units) = report_data(&st, &s).await?;
    let bars: Vec<Bar> = r
        .by_month
        .iter()
        .map(|m| Bar {
            label: m.key.clone(),
            segments: vec![(m.pence / 100, "#005eb8", "#ffffff")],
        })
        .collect();
    let chart = stacked_bars(
        "payments-chart",
        &t.get("payments-report-chart-title"),
        &t.with(
            "payments-report-summary",
            &[
                ("paid", r.paid.to_string()),
                ("within", r.within_target.to_string()),
                ("days", r.target_days.to_string()),
            ],
        ),
        &bars,
        &[(t.get("payments-report-pounds"), "#005eb8")],
    );
    let chrome = Chrome::signed(
        &s,
        t.get("payments-report-title"),
        organisation(&st, &s).await?,
    );
    html(&ReportPage {
        chart,
        sections: sections(&t, &r, &units),
        hidden_below: r.hidden_below,
        corrections: corrections::report_line(&t, &r),
        paid: r.paid,
        within: r.within_target,
        target: r.target_days,
        median: r
            .median_days
            .map(|d| d.to_string())
            .unwrap_or_else(|| "–".into()),
        waiting: r
            .waiting
            .iter()
            .filter_map(|(k, n)| ClaimStatus::parse(k).map(|s| (t.get(&s.label_id()), *n)))
            .collect(),
        chrome,
        t,
    })
}

async fn report_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let (r, units) = report_data(&st, &s).await?;
    let mut rows = vec![vec![
        t.get("payments-col-breakdown"),
        t.get("payments-col-row"),
        t.get("payments-col-claims"),
        t.get("payments-col-amount-pence"),
    ]];
    for (section, list) in sections(&t, &r, &units) {
        for (label, n, _) in list {
            rows.push(vec![section.clone(), label, n, String::new()]);
        }
    }
    // Amounts go in pence, so the sheet adds up exactly; a hidden line says so in both.
    let pence: Vec<Option<i64>> = [&r.by_month, &r.by_unit, &r.by_constituency, &r.by_activity]
        .iter()
        .flat_map(|l| l.iter().map(|x| (!x.hidden).then_some(x.pence)))
        .collect();
    for (row, p) in rows.iter_mut().skip(1).zip(pence) {
        row[3] = match p {
            Some(p) => p.to_string(),
            None => row[2].clone(),
        };
    }
    Ok(crate::csv_export::download("payments.csv", &rows))
}
