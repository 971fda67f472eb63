//! Payments in the JSON API: the rate card, claims (listed as the claims pages list them) and
//! their steps, a person's earnings by week and month against their own limit, and payment runs
//! with their claims, steps and exports. Amounts are integer pence everywhere; instants are
//! RFC 3339 in `*_at`, dates ISO `YYYY-MM-DD` in `*_on`.

use super::listing::{bad_query, id_cursor, object_body, page_of, query_date};
use super::shared::{ApiPath, ApiQuery, instant, instant_opt, page_limit};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_app::AppError;
use cairn_app::payments::{ExportFormat, FeeRateDraft};
use cairn_db::payments::{Claim, ClaimQuery, Run};
use cairn_domain::FieldErrors;
use cairn_domain::payments::{ClaimDraft, ClaimStatus, ExpenseDraft};
use cairn_domain::time::DateParts;
use serde::Deserialize;
use serde_json::{Value, json};

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

fn invalid(field: &str, code: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, code);
    AppError::Invalid(e)
}

/// An ISO date as the three parts the use cases read.
fn parts(s: Option<&str>) -> DateParts {
    match s.and_then(|s| s.parse::<jiff::civil::Date>().ok()) {
        Some(d) => DateParts::from_date(Some(d)),
        None => DateParts {
            day: s.map(|_| "x".to_owned()).unwrap_or_default(),
            ..Default::default()
        },
    }
}

/// Pence as the pounds text the use cases read ("12.34").
fn pounds_text(p: Option<i64>) -> String {
    match p {
        Some(p) if p >= 0 => format!("{}.{:02}", p / 100, p % 100),
        Some(_) => "-".into(),
        None => String::new(),
    }
}

/// Writes every integer `created_at` of the rate card as RFC 3339.
fn card_json(card: &cairn_app::payments::RateCard) -> Value {
    let mut v = json!(card);
    for list in ["fees", "expenses", "presets"] {
        if let Some(rows) = v[list].as_array_mut() {
            for row in rows {
                if let Some(ms) = row["created_at"].as_i64() {
                    row["created_at"] = json!(instant(ms));
                }
            }
        }
    }
    v
}

pub(super) async fn list_rates(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<Json<Value>, ApiError> {
    let card = cairn_app::payments::rate_card(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(card_json(&card)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RateIn {
    activity_type: Option<String>,
    basis: Option<String>,
    hour_pence: Option<i64>,
    half_day_pence: Option<i64>,
    day_pence: Option<i64>,
    valid_from: Option<String>,
    valid_to: Option<String>,
    source: Option<String>,
    source_cy: Option<String>,
}

pub(super) async fn create_rate(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRates) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = object_body::<RateIn>(body, a.lang)?;
    let d = FeeRateDraft {
        activity_type: i.activity_type.unwrap_or_default(),
        basis: i.basis.unwrap_or_default(),
        hour: pounds_text(i.hour_pence),
        half_day: pounds_text(i.half_day_pence),
        day: pounds_text(i.day_pence),
        valid_from: parts(i.valid_from.as_deref()),
        valid_to: parts(i.valid_to.as_deref()),
        source: i.source.unwrap_or_default(),
        source_cy: i.source_cy.unwrap_or_default(),
    };
    let id = cairn_app::payments::add_fee_rate(&st.app, &a.actor, &d)
        .await
        .map_err(app_err(a.lang))?;
    let card = cairn_app::payments::rate_card(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let rate = card_json(&card)["fees"]
        .as_array()
        .and_then(|fees| fees.iter().find(|r| r["id"] == id).cloned())
        .ok_or_else(|| ApiError::from_app(AppError::NotFound, a.lang))?;
    Ok((StatusCode::CREATED, Json(rate)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExpenseIn {
    category: Option<String>,
    miles: Option<f64>,
    amount_pence: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClaimIn {
    person_id: Option<i64>,
    meeting_id: Option<i64>,
    activity_type: Option<String>,
    activity_on: Option<String>,
    minutes: Option<i64>,
    description: Option<String>,
    #[serde(default)]
    expenses: Vec<ExpenseIn>,
}

/// A claim as lists show it: its facts and the instants of each step.
fn claim_summary(c: &Claim) -> Value {
    json!({
        "id": c.id,
        "person_id": c.person_id,
        "unit_id": c.unit_id,
        "activity_type": c.activity_type.key(),
        "activity_on": c.activity_on,
        "minutes": c.minutes,
        "description": c.description,
        "meeting_id": c.meeting_id,
        "status": c.status.key(),
        "payment_choice": c.choice,
        "fee_pence": c.fee_pence,
        "expenses_pence": c.expenses_pence,
        "total_pence": c.total_pence,
        "income_pence": c.income_pence,
        "reject_reason": c.reject_reason,
        "run_id": c.run_id,
        "corrects_claim_id": c.corrects_claim_id,
        "created_at": instant(c.created_at),
        "submitted_at": instant_opt(c.submitted_at),
        "approved_at": instant_opt(c.approved_at),
        "authorised_at": instant_opt(c.authorised_at),
        "rejected_at": instant_opt(c.rejected_at),
        "paid_at": instant_opt(c.paid_at),
        "updated_at": instant(c.updated_at),
    })
}

/// One claim with its lines, the benefits guard and whether a receipt is missing.
fn claim_json(v: &cairn_app::payments::ClaimView) -> Value {
    let mut out = claim_summary(&v.claim);
    out["lines"] = json!(v.lines.iter().map(|l| json!({
        "id": l.id, "kind": l.kind, "category": l.category, "miles_tenths": l.miles_tenths,
        "amount_pence": l.amount_pence, "counts_as_income": l.counts_as_income, "note": l.note,
        "reverses_line_id": l.reverses_line_id,
    })).collect::<Vec<_>>());
    out["benefits_guard"] = json!(v.guard);
    out["receipt_missing"] = json!(v.receipt_missing);
    out
}

#[derive(Deserialize)]
pub(super) struct ClaimsQuery {
    status: Option<String>,
    person_id: Option<i64>,
    unit_id: Option<i64>,
    /// Activity dates from and to, both included.
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

/// Claims newest first, scoped as the claims pages are: a member's own, unit staff's within
/// their units, everyone's for those who see the organisation's.
pub(super) async fn list_claims(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<ClaimsQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(ClaimStatus::parse(s).ok_or_else(|| bad_query(a.lang))?),
    };
    let from = query_date(q.from.as_deref(), a.lang)?;
    let to = query_date(q.to.as_deref(), a.lang)?;
    let rows = cairn_app::payments::list(
        &st.app,
        &a.actor,
        ClaimQuery {
            status,
            person_id: q.person_id,
            unit_id: q.unit_id,
            from_on: from.map(|d| d.to_string()),
            to_on: to.map(|d| d.to_string()),
            before_id: id_cursor(q.cursor.as_deref(), a.lang)?,
            limit: limit + 1,
            ..Default::default()
        },
    )
    .await
    .map_err(app_err(a.lang))?;
    let (rows, next_cursor) = page_of(rows, limit, |c| c.id);
    Ok(Json(json!({
        "items": rows.iter().map(claim_summary).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

async fn claim_out(st: &AppState, a: &ApiActor, id: i64) -> Result<Value, ApiError> {
    let v = cairn_app::payments::claim(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(claim_json(&v))
}

pub(super) async fn create_claim(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ClaimOwn)
        && !a.actor.can(cairn_domain::Permission::ManageClaims)
    {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = object_body::<ClaimIn>(body, a.lang)?;
    let minutes = i.minutes.unwrap_or(-1);
    if !(0..=cairn_domain::payments::MAX_MINUTES).contains(&minutes) {
        return Err(ApiError::from_app(
            invalid("minutes", "payments-error-time"),
            a.lang,
        ));
    }
    let mut e = FieldErrors::new();
    let expenses = i
        .expenses
        .iter()
        .enumerate()
        .map(|(n, x)| {
            let miles = match x.miles {
                Some(m) if m.is_finite() && (0.0..100_000.0).contains(&m) => {
                    let tenths = (m * 10.0).round() as i64;
                    format!("{}.{}", tenths / 10, tenths % 10)
                }
                Some(_) => {
                    e.add(&format!("expense_{n}"), "payments-error-miles");
                    String::new()
                }
                None => String::new(),
            };
            ExpenseDraft {
                category: x.category.clone().unwrap_or_default(),
                miles,
                amount: pounds_text(x.amount_pence),
            }
        })
        .collect();
    if !e.is_empty() {
        return Err(ApiError::from_app(AppError::Invalid(e), a.lang));
    }
    let d = ClaimDraft {
        activity_type: i.activity_type.unwrap_or_default(),
        activity_on: parts(i.activity_on.as_deref()),
        hours: (minutes / 60).to_string(),
        minutes: (minutes % 60).to_string(),
        description: i.description.unwrap_or_default(),
        expenses,
    };
    let id = cairn_app::payments::create_claim(&st.app, &a.actor, i.person_id, i.meeting_id, &d)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(claim_out(&st, &a, id).await?)))
}

pub(super) async fn get_claim(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(claim_out(&st, &a, id).await?))
}

pub(super) async fn submit(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::submit(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ApproveIn {
    /// Pay this fee instead (lower than the claimed fee), with a reason.
    pay_fee_pence: Option<i64>,
    reason: Option<String>,
}

pub(super) async fn approve(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    // The body is optional: no body at all approves the claim as made.
    let i = match body {
        Err(JsonRejection::MissingJsonContentType(_)) => ApproveIn::default(),
        other => object_body::<ApproveIn>(other, a.lang)?,
    };
    cairn_app::payments::approve(
        &st.app,
        &a.actor,
        id,
        i.pay_fee_pence,
        i.reason.as_deref().unwrap_or(""),
    )
    .await
    .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

pub(super) async fn authorise(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::authorise(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RejectIn {
    reason: Option<String>,
}

pub(super) async fn reject(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    // Existence and reach first.
    claim_out(&st, &a, id).await?;
    let i = object_body::<RejectIn>(body, a.lang)?;
    cairn_app::payments::reject(&st.app, &a.actor, id, i.reason.as_deref().unwrap_or(""))
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReverseIn {
    reason: Option<String>,
    /// Ids of the paid claim's lines to reverse.
    #[serde(default)]
    lines: Vec<i64>,
}

/// Corrects a paid claim: records a correction reversing the chosen lines, which another
/// person must authorise. Answers 201 with the correction (a claim naming the paid one).
pub(super) async fn reverse(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // Existence and reach first.
    claim_out(&st, &a, id).await?;
    let i = object_body::<ReverseIn>(body, a.lang)?;
    let correction = cairn_app::payments::correct_paid(
        &st.app,
        &a.actor,
        id,
        &i.lines,
        i.reason.as_deref().unwrap_or(""),
    )
    .await
    .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(claim_out(&st, &a, correction).await?),
    ))
}

#[derive(Deserialize)]
pub(super) struct EarningsIn {
    from: Option<String>,
    to: Option<String>,
}

pub(super) async fn earnings(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<EarningsIn>,
) -> Result<Json<cairn_app::payments::Earnings>, ApiError> {
    let from = query_date(q.from.as_deref(), a.lang)?;
    let to = query_date(q.to.as_deref(), a.lang)?;
    Ok(Json(
        cairn_app::payments::earnings(&st.app, &a.actor, id, from, to)
            .await
            .map_err(app_err(a.lang))?,
    ))
}

/// Claims one request may gather into a run: what fits in the request body limit.
const MAX_RUN_CLAIMS: usize = 10_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RunIn {
    #[serde(default)]
    claim_ids: Vec<i64>,
}

/// A run as lists show it.
fn run_summary(r: &Run) -> Value {
    json!({
        "id": r.id,
        "status": r.status,
        "claims_count": r.claims_count,
        "total_pence": r.total_pence,
        "created_at": instant(r.created_at),
        "locked_at": instant_opt(r.locked_at),
        "paid_at": instant_opt(r.paid_at),
    })
}

/// One run with its claims and the sums that prove its total.
async fn run_out(st: &AppState, a: &ApiActor, id: i64) -> Result<Value, ApiError> {
    let v = cairn_app::payments::run(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = run_summary(&v.run);
    out["claim_ids"] = json!(v.rows.iter().map(|r| r.claim_id).collect::<Vec<_>>());
    out["claims"] = json!(
        v.rows
            .iter()
            .map(|r| json!({
                "claim_id": r.claim_id,
                "person_id": r.person_id,
                "unit_id": r.unit_id,
                "activity_type": r.activity_type,
                "activity_on": r.activity_on,
                "payment_choice": r.choice,
                "fee_pence": r.fee_pence,
                "expenses_pence": r.expenses_pence,
                "total_pence": r.total_pence,
                "income_pence": r.income_pence,
                "corrects_claim_id": r.corrects_claim_id,
            }))
            .collect::<Vec<_>>()
    );
    out["lines_pence"] = json!(v.sums.0);
    out["claims_pence"] = json!(v.sums.1);
    Ok(out)
}

#[derive(Deserialize)]
pub(super) struct RunsQuery {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// The organisation's payment runs, newest first (finance).
pub(super) async fn list_runs(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<RunsQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let before = id_cursor(q.cursor.as_deref(), a.lang)?;
    let mut runs = cairn_app::payments::runs(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    // Newest first, as the runs page lists them: page downwards from the cursor.
    runs.retain(|r| before.is_none_or(|b| r.id < b));
    runs.sort_by_key(|r| std::cmp::Reverse(r.id));
    let (runs, next_cursor) = page_of(runs, limit, |r| r.id);
    Ok(Json(json!({
        "items": runs.iter().map(run_summary).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

pub(super) async fn get_run(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(run_out(&st, &a, id).await?))
}

/// Marks a locked run paid, and each of its claims with it.
pub(super) async fn mark_paid(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::mark_paid(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(run_out(&st, &a, id).await?))
}

pub(super) async fn create_run(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManagePaymentRuns) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = object_body::<RunIn>(body, a.lang)?;
    // The most the document allows in one request (a run of more is made in parts).
    if i.claim_ids.len() > MAX_RUN_CLAIMS {
        return Err(ApiError::from_app(
            invalid("claim_ids", "payments-error-run-request-size"),
            a.lang,
        ));
    }
    let id = cairn_app::payments::create_run(&st.app, &a.actor, &i.claim_ids)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(run_out(&st, &a, id).await?)))
}

pub(super) async fn lock_run(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::lock_run(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(run_out(&st, &a, id).await?))
}

#[derive(Deserialize)]
pub(super) struct ExportIn {
    format: Option<String>,
}

pub(super) async fn export_run(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ExportIn>,
) -> Result<Response, ApiError> {
    let format = match q.format.as_deref() {
        Some("payroll") | None => ExportFormat::Payroll,
        Some("accounts") => ExportFormat::Accounts,
        Some(_) => {
            // The run's existence and the caller's role come first.
            run_out(&st, &a, id).await?;
            return Err(bad_query(a.lang));
        }
    };
    // Headings and codes in the token holder's language, like the other CSVs of the API.
    let rows = cairn_app::payments::export(&st.app, &a.actor, id, format, a.lang)
        .await
        .map_err(app_err(a.lang))?;
    let body = crate::csv_export::to_bytes(&rows);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"run-{id}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
