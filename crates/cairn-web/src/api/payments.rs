//! Payments in the JSON API: the rate card, claims and their steps, a person's earnings by week
//! and month against their own limit, and payment runs with their exports. Amounts are integer
//! pence everywhere.

use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_app::AppError;
use cairn_app::payments::{ExportFormat, FeeRateDraft};
use cairn_domain::FieldErrors;
use cairn_domain::payments::{ClaimDraft, ExpenseDraft};
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

pub(super) async fn list_rates(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<Json<cairn_app::payments::RateCard>, ApiError> {
    Ok(Json(
        cairn_app::payments::rate_card(&st.app, &a.actor)
            .await
            .map_err(app_err(a.lang))?,
    ))
}

#[derive(Deserialize)]
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
    body: Result<Json<RateIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRates) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
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
    let rate = card.fees.into_iter().find(|r| r.id == id);
    Ok((StatusCode::CREATED, Json(json!(rate))))
}

#[derive(Deserialize)]
pub(super) struct ExpenseIn {
    category: Option<String>,
    miles: Option<f64>,
    amount_pence: Option<i64>,
}

#[derive(Deserialize)]
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

fn claim_json(v: &cairn_app::payments::ClaimView) -> Value {
    let c = &v.claim;
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
        "lines": v.lines.iter().map(|l| json!({
            "id": l.id, "kind": l.kind, "category": l.category, "miles_tenths": l.miles_tenths,
            "amount_pence": l.amount_pence, "counts_as_income": l.counts_as_income, "note": l.note,
            "reverses_line_id": l.reverses_line_id,
        })).collect::<Vec<_>>(),
        "benefits_guard": v.guard,
        "receipt_missing": v.receipt_missing,
    })
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
    body: Result<Json<ClaimIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ClaimOwn)
        && !a.actor.can(cairn_domain::Permission::ManageClaims)
    {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
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
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(claim_out(&st, &a, id).await?))
}

pub(super) async fn submit(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::submit(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize, Default)]
pub(super) struct ApproveIn {
    /// Pay this fee instead (lower than the claimed fee), with a reason.
    pay_fee_pence: Option<i64>,
    reason: Option<String>,
}

pub(super) async fn approve(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
    body: Option<Json<ApproveIn>>,
) -> Result<Json<Value>, ApiError> {
    let i = body.map(|Json(b)| b).unwrap_or_default();
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
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::payments::authorise(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize)]
pub(super) struct RejectIn {
    reason: Option<String>,
}

pub(super) async fn reject(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
    body: Result<Json<RejectIn>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    // Existence and reach first.
    claim_out(&st, &a, id).await?;
    let i = json_body(body, a.lang)?;
    cairn_app::payments::reject(&st.app, &a.actor, id, i.reason.as_deref().unwrap_or(""))
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(claim_out(&st, &a, id).await?))
}

#[derive(Deserialize)]
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
    Path(id): Path<i64>,
    body: Result<Json<ReverseIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // Existence and reach first.
    claim_out(&st, &a, id).await?;
    let i = json_body(body, a.lang)?;
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
    Path(id): Path<i64>,
    Query(q): Query<EarningsIn>,
) -> Result<Json<cairn_app::payments::Earnings>, ApiError> {
    let date = |s: Option<&str>, field: &str| -> Result<Option<jiff::civil::Date>, ApiError> {
        match s.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| ApiError::from_app(invalid(field, "payments-error-date"), a.lang)),
        }
    };
    let from = date(q.from.as_deref(), "from")?;
    let to = date(q.to.as_deref(), "to")?;
    Ok(Json(
        cairn_app::payments::earnings(&st.app, &a.actor, id, from, to)
            .await
            .map_err(app_err(a.lang))?,
    ))
}

#[derive(Deserialize)]
pub(super) struct RunIn {
    #[serde(default)]
    claim_ids: Vec<i64>,
}

async fn run_out(st: &AppState, a: &ApiActor, id: i64) -> Result<Value, ApiError> {
    let v = cairn_app::payments::run(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(json!({
        "id": v.run.id,
        "status": v.run.status,
        "claims_count": v.run.claims_count,
        "total_pence": v.run.total_pence,
        "claim_ids": v.rows.iter().map(|r| r.claim_id).collect::<Vec<_>>(),
        "lines_pence": v.sums.0,
        "claims_pence": v.sums.1,
    }))
}

pub(super) async fn create_run(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<RunIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManagePaymentRuns) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
    let id = cairn_app::payments::create_run(&st.app, &a.actor, &i.claim_ids)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(run_out(&st, &a, id).await?)))
}

pub(super) async fn lock_run(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
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
    Path(id): Path<i64>,
    Query(q): Query<ExportIn>,
) -> Result<Response, ApiError> {
    let format = match q.format.as_deref() {
        Some("payroll") | None => ExportFormat::Payroll,
        Some("accounts") => ExportFormat::Accounts,
        Some(_) => {
            // The run's existence and the caller's role come first.
            run_out(&st, &a, id).await?;
            return Err(ApiError::from_app(
                invalid("format", "payments-error-format"),
                a.lang,
            ));
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
