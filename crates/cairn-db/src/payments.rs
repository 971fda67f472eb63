//! Rates, payment profiles, claims with their append-only money lines, receipts, payment runs,
//! and the sums the benefits guard and reports read.
//!
//! Every step of a claim is one conditional UPDATE (`… WHERE status = 'submitted' AND …`), so
//! two people pressing the same button at once cannot both succeed, and the two-person rule is
//! part of the statement as well as a table constraint.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_one, fetch_optional,
    fetch_scalar,
};
use cairn_domain::payments::{
    ActivityType, ClaimStatus, ExpenseCategory, ExpenseRate, FeeRate, PaymentChoice, RateBasis,
};
use serde::Serialize;

pub mod corrections;
pub mod drafts;

// ---------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------

/// A fee rate row.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FeeRateRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub activity_type: ActivityType,
    #[sqlx(try_from = "String")]
    pub basis: RateBasis,
    pub hour_pence: i64,
    pub half_day_pence: i64,
    pub day_pence: i64,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub source: String,
    /// The source note in Welsh (None until written).
    pub source_cy: Option<String>,
    pub example: bool,
    pub created_at: i64,
    pub created_by_label: String,
}

impl FeeRateRow {
    /// The rate for the arithmetic.
    pub fn rate(&self) -> Option<FeeRate> {
        Some(FeeRate {
            activity: self.activity_type,
            basis: self.basis,
            hour_pence: self.hour_pence,
            half_day_pence: self.half_day_pence,
            day_pence: self.day_pence,
            valid_from: self.valid_from.parse().ok()?,
            valid_to: self.valid_to.as_deref().and_then(|d| d.parse().ok()),
        })
    }
}

/// Adds a fee rate.
#[expect(clippy::too_many_arguments, reason = "a rate has this many facts")]
pub async fn insert_fee_rate(
    c: &mut Conn<'_>,
    org: i64,
    r: &FeeRate,
    source: &str,
    source_cy: Option<&str>,
    example: bool,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO fee_rates (organisation_id, activity_type, basis, hour_pence, half_day_pence, day_pence, valid_from, valid_to, source, example, \
         created_at, created_by_label, source_cy) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        org,
        r.activity.key(),
        r.basis.key(),
        r.hour_pence,
        r.half_day_pence,
        r.day_pence,
        r.valid_from.to_string(),
        r.valid_to.map(|d| d.to_string()),
        source,
        example,
        now,
        by,
        source_cy
    )
}

/// An organisation's fee rates, newest first within each activity.
pub async fn fee_rates(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<FeeRateRow>> {
    fetch_all!(
        c,
        FeeRateRow,
        "SELECT id, activity_type, basis, hour_pence, half_day_pence, day_pence, valid_from, valid_to, source, source_cy, example, created_at, created_by_label \
         FROM fee_rates WHERE organisation_id = $1 ORDER BY activity_type, valid_from DESC, id DESC",
        org
    )
}

/// An expense rate row.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ExpenseRateRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub category: ExpenseCategory,
    pub per_mile_pence: i64,
    pub after_band_pence: i64,
    pub band_miles: i64,
    pub limit_pence: i64,
    pub needs_receipt: bool,
    pub needs_preapproval: bool,
    pub counts_as_income: bool,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub source: String,
    /// The source note in Welsh (None until written).
    pub source_cy: Option<String>,
    pub example: bool,
    pub created_at: i64,
    pub created_by_label: String,
}

impl ExpenseRateRow {
    /// The rate for the arithmetic.
    pub fn rate(&self) -> Option<ExpenseRate> {
        Some(ExpenseRate {
            category: self.category,
            per_mile_pence: self.per_mile_pence,
            after_band_pence: self.after_band_pence,
            band_miles: self.band_miles,
            limit_pence: self.limit_pence,
            needs_receipt: self.needs_receipt,
            needs_preapproval: self.needs_preapproval,
            counts_as_income: self.counts_as_income,
            valid_from: self.valid_from.parse().ok()?,
            valid_to: self.valid_to.as_deref().and_then(|d| d.parse().ok()),
        })
    }
}

/// Adds an expense rate.
#[expect(clippy::too_many_arguments, reason = "a rate has this many facts")]
pub async fn insert_expense_rate(
    c: &mut Conn<'_>,
    org: i64,
    r: &ExpenseRate,
    source: &str,
    source_cy: Option<&str>,
    example: bool,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO expense_rates (organisation_id, category, per_mile_pence, after_band_pence, band_miles, limit_pence, needs_receipt, needs_preapproval, \
         counts_as_income, valid_from, valid_to, source, example, created_at, created_by_label, source_cy) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        org,
        r.category.key(),
        r.per_mile_pence,
        r.after_band_pence,
        r.band_miles,
        r.limit_pence,
        r.needs_receipt,
        r.needs_preapproval,
        r.counts_as_income,
        r.valid_from.to_string(),
        r.valid_to.map(|d| d.to_string()),
        source,
        example,
        now,
        by,
        source_cy
    )
}

/// An organisation's expense rates.
pub async fn expense_rates(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<ExpenseRateRow>> {
    fetch_all!(
        c,
        ExpenseRateRow,
        "SELECT id, category, per_mile_pence, after_band_pence, band_miles, limit_pence, needs_receipt, needs_preapproval, counts_as_income, valid_from, \
         valid_to, source, source_cy, example, created_at, created_by_label FROM expense_rates WHERE organisation_id = $1 ORDER BY category, valid_from DESC, id DESC",
        org
    )
}

/// A preset earnings limit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LimitPreset {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
    pub period: String,
    pub amount_pence: i64,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub source: String,
    /// The source note in Welsh (None until written).
    pub source_cy: Option<String>,
    pub example: bool,
}

/// Adds a preset limit.
#[expect(clippy::too_many_arguments, reason = "a preset has this many facts")]
pub async fn insert_limit_preset(
    c: &mut Conn<'_>,
    org: i64,
    name_en: &str,
    name_cy: &str,
    period: &str,
    amount_pence: i64,
    valid_from: &str,
    valid_to: Option<&str>,
    source: &str,
    source_cy: Option<&str>,
    example: bool,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO limit_presets (organisation_id, name_en, name_cy, period, amount_pence, valid_from, valid_to, source, example, created_at, \
         created_by_label, source_cy) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        org,
        name_en,
        name_cy,
        period,
        amount_pence,
        valid_from,
        valid_to,
        source,
        example,
        now,
        by,
        source_cy
    )
}

/// An organisation's preset limits.
pub async fn limit_presets(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<LimitPreset>> {
    fetch_all!(
        c,
        LimitPreset,
        "SELECT id, name_en, name_cy, period, amount_pence, valid_from, valid_to, source, source_cy, example FROM limit_presets \
         WHERE organisation_id = $1 ORDER BY name_en, valid_from DESC, id",
        org
    )
}

// ---------------------------------------------------------------------------------------------
// Payment profiles
// ---------------------------------------------------------------------------------------------

/// A member's choice of recognition and their own limit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Profile {
    pub person_id: i64,
    #[sqlx(try_from = "String")]
    pub choice: PaymentChoice,
    pub lower_pence: Option<i64>,
    pub limit_period: Option<String>,
    pub limit_pence: Option<i64>,
    pub limit_preset_id: Option<i64>,
    pub updated_at: i64,
    pub updated_by_label: String,
    /// A claim that would pass the limit is paid only up to it (otherwise the guard warns).
    pub hold_at_limit: bool,
    /// With the hold: what happens to the rest ('later', 'vouchers' or 'none').
    pub over_limit: Option<String>,
}

/// A person's profile, if they have set one.
pub async fn profile(c: &mut Conn<'_>, person: i64) -> DbResult<Option<Profile>> {
    fetch_optional!(
        c,
        Profile,
        "SELECT person_id, choice, lower_pence, limit_period, limit_pence, limit_preset_id, updated_at, updated_by_label, hold_at_limit, over_limit \
         FROM payment_profiles \
         WHERE person_id = $1",
        person
    )
}

/// Sets a person's profile.
pub async fn set_profile(c: &mut Conn<'_>, p: &Profile) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO payment_profiles (person_id, choice, lower_pence, limit_period, limit_pence, limit_preset_id, updated_at, updated_by_label, \
         hold_at_limit, over_limit) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (person_id) DO UPDATE SET choice = excluded.choice, lower_pence = excluded.lower_pence, \
         limit_period = excluded.limit_period, limit_pence = excluded.limit_pence, limit_preset_id = excluded.limit_preset_id, \
         updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label, hold_at_limit = excluded.hold_at_limit, \
         over_limit = excluded.over_limit",
        p.person_id,
        p.choice.key(),
        p.lower_pence,
        p.limit_period.as_deref(),
        p.limit_pence,
        p.limit_preset_id,
        p.updated_at,
        &p.updated_by_label,
        p.hold_at_limit,
        p.over_limit.as_deref()
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

/// A claim with its claimant's name.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Claim {
    pub id: i64,
    pub organisation_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub unit_id: Option<i64>,
    pub constituency: String,
    #[sqlx(try_from = "String")]
    pub activity_type: ActivityType,
    pub activity_on: String,
    pub minutes: i64,
    pub description: String,
    pub meeting_id: Option<i64>,
    pub choice: String,
    #[sqlx(try_from = "String")]
    pub status: ClaimStatus,
    pub fee_pence: i64,
    pub expenses_pence: i64,
    pub total_pence: i64,
    pub income_pence: i64,
    pub created_at: i64,
    pub created_by_user_id: Option<i64>,
    pub created_by_label: String,
    pub submitted_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub approved_by_user_id: Option<i64>,
    pub approved_by_person_id: Option<i64>,
    pub authorised_at: Option<i64>,
    pub authorised_by_user_id: Option<i64>,
    pub rejected_at: Option<i64>,
    pub reject_reason: Option<String>,
    pub run_id: Option<i64>,
    pub paid_at: Option<i64>,
    pub updated_at: i64,
    /// For a correction of a paid claim: the claim it corrects.
    pub corrects_claim_id: Option<i64>,
}

const CLAIM_SELECT: &str = "SELECT c.id, c.organisation_id, c.person_id, p.chosen_name AS person_name, c.unit_id, c.constituency, c.activity_type, \
    c.activity_on, c.minutes, c.description, c.meeting_id, c.choice, c.status, c.fee_pence, c.expenses_pence, c.total_pence, c.income_pence, \
    c.created_at, c.created_by_user_id, c.created_by_label, c.submitted_at, c.approved_at, c.approved_by_user_id, c.approved_by_person_id, c.authorised_at, \
    c.authorised_by_user_id, c.rejected_at, c.reject_reason, c.run_id, c.paid_at, c.updated_at, c.corrects_claim_id FROM claims c JOIN people p ON p.id = c.person_id";

/// A new claim's facts.
#[derive(Debug, Clone)]
pub struct NewClaim<'a> {
    pub person_id: i64,
    pub unit_id: Option<i64>,
    pub constituency: &'a str,
    pub activity: ActivityType,
    pub activity_on: &'a str,
    pub minutes: i64,
    pub description: &'a str,
    pub meeting_id: Option<i64>,
    /// The training session delivered, for a trainer's claim.
    pub training_session_id: Option<i64>,
    pub choice: PaymentChoice,
    pub created_by_user_id: Option<i64>,
    pub created_by_label: &'a str,
}

/// Adds a draft claim (its lines are added next, in the same transaction).
pub async fn insert_claim(c: &mut Conn<'_>, org: i64, n: &NewClaim<'_>, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO claims (organisation_id, person_id, unit_id, constituency, activity_type, activity_on, minutes, description, meeting_id, choice, \
         status, created_at, created_by_user_id, created_by_label, updated_at, training_session_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $13, $11, $14) RETURNING id",
        org,
        n.person_id,
        n.unit_id,
        n.constituency,
        n.activity.key(),
        n.activity_on,
        n.minutes,
        n.description,
        n.meeting_id,
        n.choice.key(),
        now,
        n.created_by_user_id,
        n.created_by_label,
        n.training_session_id
    )
}

/// The claims made for delivering `session`, not rejected: (claim id, person id).
pub async fn session_claims(c: &mut Conn<'_>, session: i64) -> DbResult<Vec<(i64, i64)>> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT id, person_id FROM claims WHERE training_session_id = $1 AND status <> 'rejected' ORDER BY id",
        session
    )
}

/// A money line.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Line {
    pub id: i64,
    pub claim_id: i64,
    pub kind: String,
    pub category: Option<String>,
    pub miles_tenths: Option<i64>,
    pub amount_pence: i64,
    pub counts_as_income: bool,
    pub is_fee: bool,
    pub note: Option<String>,
    pub reverses_line_id: Option<i64>,
    pub preapproved: bool,
    pub created_at: i64,
    pub created_by_label: String,
}

/// A line to add.
#[derive(Debug, Clone)]
pub struct NewLine<'a> {
    pub kind: &'a str,
    pub category: Option<ExpenseCategory>,
    pub miles_tenths: Option<i64>,
    pub amount_pence: i64,
    pub counts_as_income: bool,
    pub is_fee: bool,
    pub note: Option<&'a str>,
    pub reverses_line_id: Option<i64>,
    pub preapproved: bool,
}

/// Appends a line and brings the claim's totals back into line with the sum of its lines.
pub async fn add_line(
    c: &mut Conn<'_>,
    claim: i64,
    l: &NewLine<'_>,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    let id = fetch_scalar!(
        c,
        i64,
        "INSERT INTO claim_lines (claim_id, kind, category, miles_tenths, amount_pence, counts_as_income, is_fee, note, reverses_line_id, preapproved, \
         created_at, created_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        claim,
        l.kind,
        l.category.map(|x| x.key()),
        l.miles_tenths,
        l.amount_pence,
        l.counts_as_income,
        l.is_fee,
        l.note,
        l.reverses_line_id,
        l.preapproved,
        now,
        by
    )?;
    execute!(
        c,
        "UPDATE claims SET \
         fee_pence = (SELECT CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) FROM claim_lines WHERE claim_id = $1 AND is_fee), \
         expenses_pence = (SELECT CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) FROM claim_lines WHERE claim_id = $1 AND NOT is_fee), \
         total_pence = (SELECT CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) FROM claim_lines WHERE claim_id = $1), \
         income_pence = (SELECT CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) FROM claim_lines WHERE claim_id = $1 AND counts_as_income), \
         updated_at = $2 WHERE id = $1",
        claim,
        now
    )?;
    Ok(id)
}

/// A claim's lines in order.
pub async fn lines(c: &mut Conn<'_>, claim: i64) -> DbResult<Vec<Line>> {
    fetch_all!(
        c,
        Line,
        "SELECT id, claim_id, kind, category, miles_tenths, amount_pence, counts_as_income, is_fee, note, reverses_line_id, preapproved, created_at, \
         created_by_label FROM claim_lines WHERE claim_id = $1 ORDER BY id",
        claim
    )
}

/// One claim of an organisation.
pub async fn get_claim(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Claim>> {
    fetch_optional!(
        c,
        Claim,
        &format!("{CLAIM_SELECT} WHERE c.organisation_id = $1 AND c.id = $2"),
        org,
        id
    )
}

/// Filters for lists of claims.
#[derive(Debug, Clone, Default)]
pub struct ClaimQuery {
    pub status: Option<ClaimStatus>,
    pub person_id: Option<i64>,
    pub run_id: Option<i64>,
    /// Claims made on this unit.
    pub unit_id: Option<i64>,
    /// Activity dates from and to (ISO `YYYY-MM-DD`, both ends included).
    pub from_on: Option<String>,
    pub to_on: Option<String>,
    /// Unit-scoped staff: claims of people in these units (or the units themselves).
    pub within_units: Option<Vec<i64>>,
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Claims matching a query, newest first.
pub async fn list_claims(c: &mut Conn<'_>, org: i64, q: &ClaimQuery) -> DbResult<Vec<Claim>> {
    match list_claims_query(org, q) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// What the list of claims shows of a claim: none of what was done in the person's words, the
/// money's parts, who did each step or why a claim was refused.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimLine {
    pub id: i64,
    pub person_name: String,
    #[sqlx(try_from = "String")]
    pub activity_type: ActivityType,
    pub activity_on: String,
    pub total_pence: i64,
    #[sqlx(try_from = "String")]
    pub status: ClaimStatus,
}

/// The columns of a [`ClaimLine`]. Every column a query returns is copied out of the engine for
/// each row, so the list reads only the six it shows of a claim's thirty-two.
const CLAIM_LINE_SELECT: &str = "SELECT c.id, p.chosen_name AS person_name, c.activity_type, \
    c.activity_on, c.total_pence, c.status FROM claims c JOIN people p ON p.id = c.person_id";

/// A page of claims as the list shows them, found and ordered as [`list_claims`] finds them.
pub async fn list_claim_lines(
    c: &mut Conn<'_>,
    org: i64,
    q: &ClaimQuery,
) -> DbResult<Vec<ClaimLine>> {
    match select_claims(CLAIM_LINE_SELECT, org, q) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// The SQL and arguments of [`list_claims`]; `None` when nothing can match. The limit is the
/// last argument.
pub fn list_claims_query(org: i64, q: &ClaimQuery) -> Option<(String, Vec<Arg>)> {
    select_claims(CLAIM_SELECT, org, q)
}

/// [`list_claims_query`] with `select` (a `SELECT … FROM claims c JOIN people p`) in front.
fn select_claims(select: &str, org: i64, q: &ClaimQuery) -> Option<(String, Vec<Arg>)> {
    let mut f = Filter::new();
    f.and("c.organisation_id = ?", vec![Arg::I64(org)]);
    if let Some(s) = q.status {
        f.and("c.status = ?", vec![Arg::Text(s.key().into())]);
    }
    if let Some(p) = q.person_id {
        f.and("c.person_id = ?", vec![Arg::I64(p)]);
    }
    if let Some(r) = q.run_id {
        f.and("c.run_id = ?", vec![Arg::I64(r)]);
    }
    if let Some(b) = q.before_id {
        f.and("c.id < ?", vec![Arg::I64(b)]);
    }
    if let Some(u) = q.unit_id {
        f.and("c.unit_id = ?", vec![Arg::I64(u)]);
    }
    // ISO dates compare as text in the order of the days they name.
    if let Some(from) = &q.from_on {
        f.and("c.activity_on >= ?", vec![Arg::Text(from.clone())]);
    }
    if let Some(to) = &q.to_on {
        f.and("c.activity_on <= ?", vec![Arg::Text(to.clone())]);
    }
    if let Some(units) = &q.within_units {
        if units.is_empty() {
            return None;
        }
        let marks = vec!["?"; units.len()].join(", ");
        let args: Vec<Arg> = units.iter().map(|u| Arg::I64(*u)).collect();
        f.and(
            &format!(
                "c.person_id IN (SELECT person_id FROM person_units WHERE unit_id IN ({marks}))"
            ),
            args,
        );
    }
    let limit = f.push_arg(Arg::I64(q.limit.clamp(1, 20_000)));
    let where_sql = f.where_sql();
    Some((
        format!("{select}{where_sql} ORDER BY c.id DESC LIMIT {limit}"),
        f.into_args(),
    ))
}

/// Claims waiting at each step of an organisation: (status, count).
pub async fn counts_by_status(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(String, i64)>> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT status, COUNT(*) FROM claims WHERE organisation_id = $1 GROUP BY status ORDER BY status",
        org
    )
}

/// Whether the person has sent at least one claim (anything but a draft): finance's reach.
pub async fn has_sent_claim(c: &mut Conn<'_>, org: i64, person: i64) -> DbResult<bool> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM claims WHERE organisation_id = $1 AND person_id = $2 AND status <> 'draft'",
        org,
        person
    )?;
    Ok(n > 0)
}

/// Takes the claim's row lock for the rest of the transaction with a write that changes
/// nothing: PostgreSQL then queues other writers of the same claim (SQLite queues every writer
/// anyway), so a step reads the claim as the previous step left it.
pub async fn lock_claim(c: &mut Conn<'_>, id: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE claims SET updated_at = updated_at WHERE id = $1",
        id
    )?;
    Ok(())
}

/// Takes a person's row lock for the rest of the transaction, so two claims made for one person
/// at once see each other's car miles.
pub async fn lock_person(c: &mut Conn<'_>, id: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE people SET updated_at = updated_at WHERE id = $1",
        id
    )?;
    Ok(())
}

/// Submits a draft. False when it was not a draft.
pub async fn submit(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE claims SET status = 'submitted', submitted_at = $2, updated_at = $2 WHERE id = $1 AND status = 'draft'",
        id,
        now
    )?;
    Ok(n == 1)
}

/// Approves a submitted claim, unless the approver is its claimant. False when nothing changed.
pub async fn approve(
    c: &mut Conn<'_>,
    id: i64,
    user: i64,
    user_person: Option<i64>,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE claims SET status = 'approved', approved_at = $2, approved_by_user_id = $3, approved_by_person_id = $4, updated_at = $2 \
         WHERE id = $1 AND status = 'submitted' AND ($4 IS NULL OR person_id <> $4)",
        id,
        now,
        user,
        user_person
    )?;
    Ok(n == 1)
}

/// Authorises an approved claim, unless the authoriser (account or person) approved it or is
/// its claimant.
pub async fn authorise(
    c: &mut Conn<'_>,
    id: i64,
    user: i64,
    user_person: Option<i64>,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE claims SET status = 'authorised', authorised_at = $2, authorised_by_user_id = $3, authorised_by_person_id = $4, updated_at = $2 \
         WHERE id = $1 AND status = 'approved' AND approved_by_user_id <> $3 AND ($4 IS NULL OR person_id <> $4) \
         AND ($4 IS NULL OR approved_by_person_id IS NULL OR approved_by_person_id <> $4)",
        id,
        now,
        user,
        user_person
    )?;
    Ok(n == 1)
}

/// Rejects a claim that is waiting (submitted or approved), with the reason the member reads.
pub async fn reject(
    c: &mut Conn<'_>,
    id: i64,
    user: i64,
    reason: &str,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE claims SET status = 'rejected', rejected_at = $2, rejected_by_user_id = $3, reject_reason = $4, updated_at = $2 \
         WHERE id = $1 AND status IN ('submitted', 'approved')",
        id,
        now,
        user,
        reason
    )?;
    Ok(n == 1)
}

/// Appends to a claim's history.
pub async fn add_event(
    c: &mut Conn<'_>,
    claim: i64,
    at: i64,
    actor: &str,
    kind: &str,
    note: Option<&str>,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO claim_events (claim_id, at, actor_label, kind, note) VALUES ($1, $2, $3, $4, $5)",
        claim,
        at,
        actor,
        kind,
        note
    )?;
    Ok(())
}

/// One event in a claim's history.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Event {
    pub at: i64,
    pub actor_label: String,
    pub kind: String,
    pub note: Option<String>,
}

/// A claim's history, oldest first.
pub async fn events(c: &mut Conn<'_>, claim: i64) -> DbResult<Vec<Event>> {
    fetch_all!(
        c,
        Event,
        "SELECT at, actor_label, kind, note FROM claim_events WHERE claim_id = $1 ORDER BY at, id",
        claim
    )
}

/// Car miles (tenths) a person has claimed on activities from `from` to `before` (ISO dates,
/// inclusive), in claims not rejected and lines not reversed.
pub async fn car_miles_since(
    c: &mut Conn<'_>,
    person: i64,
    from: &str,
    before: &str,
) -> DbResult<i64> {
    let n: Option<i64> = fetch_scalar!(
        c,
        Option<i64>,
        "SELECT CAST(SUM(l.miles_tenths) AS BIGINT) FROM claim_lines l JOIN claims c ON c.id = l.claim_id \
         WHERE c.person_id = $1 AND c.activity_on >= $2 AND c.activity_on <= $3 AND c.status <> 'rejected' \
         AND l.category = 'mileage_car' AND l.kind = 'expense' \
         AND NOT EXISTS (SELECT 1 FROM claim_lines r WHERE r.reverses_line_id = l.id)",
        person,
        from,
        before
    )?;
    Ok(n.unwrap_or(0))
}

/// Income per day and status for a person between two dates (inclusive), for the guard and
/// the statement: (activity_on, status, income pence, expenses pence).
pub async fn income_by_day(
    c: &mut Conn<'_>,
    person: i64,
    from: &str,
    to: &str,
) -> DbResult<Vec<(String, String, i64, i64)>> {
    fetch_all!(
        c,
        (String, String, i64, i64),
        "SELECT activity_on, status, CAST(SUM(income_pence) AS BIGINT), CAST(SUM(total_pence - income_pence) AS BIGINT) FROM claims \
         WHERE person_id = $1 AND activity_on >= $2 AND activity_on <= $3 AND status NOT IN ('draft', 'rejected') \
         AND NOT (corrects_claim_id IS NOT NULL AND status = 'approved') \
         GROUP BY activity_on, status ORDER BY activity_on",
        person,
        from,
        to
    )
}

// ---------------------------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------------------------

/// A receipt without its bytes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Receipt {
    pub id: i64,
    pub claim_id: i64,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: i64,
    pub created_by_label: String,
}

/// Stores a receipt.
pub async fn insert_receipt(
    c: &mut Conn<'_>,
    claim: i64,
    content_type: &str,
    body: &[u8],
    sha256: &str,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    let size = i64::try_from(body.len()).unwrap_or(i64::MAX);
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO receipts (claim_id, content_type, size_bytes, sha256, body, created_at, created_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        claim,
        content_type,
        size,
        sha256,
        body,
        now,
        by
    )
}

/// A claim's receipts.
pub async fn receipts(c: &mut Conn<'_>, claim: i64) -> DbResult<Vec<Receipt>> {
    fetch_all!(
        c,
        Receipt,
        "SELECT id, claim_id, content_type, size_bytes, sha256, created_at, created_by_label FROM receipts WHERE claim_id = $1 ORDER BY id",
        claim
    )
}

/// One receipt with its bytes, if it belongs to the organisation.
pub async fn receipt_body(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
) -> DbResult<Option<(Receipt, Vec<u8>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        claim_id: i64,
        content_type: String,
        size_bytes: i64,
        sha256: String,
        created_at: i64,
        created_by_label: String,
        body: Vec<u8>,
    }
    let r: Option<Row> = fetch_optional!(
        c,
        Row,
        "SELECT r.id, r.claim_id, r.content_type, r.size_bytes, r.sha256, r.created_at, r.created_by_label, r.body FROM receipts r \
         JOIN claims c ON c.id = r.claim_id WHERE c.organisation_id = $1 AND r.id = $2",
        org,
        id
    )?;
    Ok(r.map(|r| {
        (
            Receipt {
                id: r.id,
                claim_id: r.claim_id,
                content_type: r.content_type,
                size_bytes: r.size_bytes,
                sha256: r.sha256,
                created_at: r.created_at,
                created_by_label: r.created_by_label,
            },
            r.body,
        )
    }))
}

// ---------------------------------------------------------------------------------------------
// Payment runs
// ---------------------------------------------------------------------------------------------

/// A payment run.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Run {
    pub id: i64,
    pub organisation_id: i64,
    pub status: String,
    pub claims_count: i64,
    pub total_pence: i64,
    pub created_at: i64,
    pub created_by_user_id: i64,
    pub locked_at: Option<i64>,
    pub paid_at: Option<i64>,
}

const RUN_COLUMNS: &str = "id, organisation_id, status, claims_count, total_pence, created_at, created_by_user_id, locked_at, paid_at";

/// Starts a run and takes the given claims into it, but only if every one of them is
/// authorised and in no run; returns `None` (and the caller rolls back) when any is not.
pub async fn create_run(
    c: &mut Conn<'_>,
    org: i64,
    user: i64,
    claim_ids: &[i64],
    now: i64,
) -> DbResult<Option<i64>> {
    let run = fetch_scalar!(
        c,
        i64,
        "INSERT INTO payment_runs (organisation_id, status, created_at, created_by_user_id) VALUES ($1, 'open', $2, $3) RETURNING id",
        org,
        now,
        user
    )?;
    let mut taken = 0u64;
    // In chunks, to stay well inside both engines' limits on bound values.
    for chunk in claim_ids.chunks(500) {
        let mut f = Filter::new();
        let run_arg = f.push_arg(Arg::I64(run));
        let now_arg = f.push_arg(Arg::I64(now));
        f.and("organisation_id = ?", vec![Arg::I64(org)]);
        f.and("status = 'authorised'", vec![]);
        f.and("run_id IS NULL", vec![]);
        let marks = vec!["?"; chunk.len()].join(", ");
        f.and(
            &format!("id IN ({marks})"),
            chunk.iter().map(|i| Arg::I64(*i)).collect(),
        );
        let sql = format!(
            "UPDATE claims SET run_id = {run_arg}, status = 'in_run', updated_at = {now_arg}{}",
            f.where_sql()
        );
        taken += crate::execute_dynamic(c, &sql, f.into_args()).await?;
    }
    if taken != claim_ids.len() as u64 {
        return Ok(None);
    }
    execute!(
        c,
        "UPDATE payment_runs SET claims_count = (SELECT COUNT(*) FROM claims WHERE run_id = $1), \
         total_pence = (SELECT CAST(COALESCE(SUM(total_pence), 0) AS BIGINT) FROM claims WHERE run_id = $1) WHERE id = $1",
        run
    )?;
    Ok(Some(run))
}

/// One run of an organisation.
pub async fn get_run(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Run>> {
    fetch_optional!(
        c,
        Run,
        &format!("SELECT {RUN_COLUMNS} FROM payment_runs WHERE organisation_id = $1 AND id = $2"),
        org,
        id
    )
}

/// An organisation's runs, newest first.
pub async fn runs(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Run>> {
    fetch_all!(
        c,
        Run,
        &format!(
            "SELECT {RUN_COLUMNS} FROM payment_runs WHERE organisation_id = $1 ORDER BY id DESC LIMIT 200"
        ),
        org
    )
}

/// Locks an open run: nothing joins or leaves it after this.
pub async fn lock_run(c: &mut Conn<'_>, id: i64, user: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE payment_runs SET status = 'locked', locked_at = $2, locked_by_user_id = $3 WHERE id = $1 AND status = 'open'",
        id,
        now,
        user
    )?;
    Ok(n == 1)
}

/// Marks a locked run and its claims paid.
pub async fn mark_paid(c: &mut Conn<'_>, id: i64, user: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE payment_runs SET status = 'paid', paid_at = $2, paid_by_user_id = $3 WHERE id = $1 AND status = 'locked'",
        id,
        now,
        user
    )?;
    if n == 1 {
        execute!(
            c,
            "UPDATE claims SET status = 'paid', paid_at = $2, updated_at = $2 WHERE run_id = $1",
            id,
            now
        )?;
    }
    Ok(n == 1)
}

/// One line of a run's export: a claim with its claimant and cost centre.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ExportRow {
    pub claim_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub activity_type: String,
    pub activity_on: String,
    pub choice: String,
    pub fee_pence: i64,
    pub expenses_pence: i64,
    pub total_pence: i64,
    pub income_pence: i64,
    /// For a correction: the paid claim it corrects.
    pub corrects_claim_id: Option<i64>,
}

/// A run's claims for export, by person then claim. The cost centre is never blank: a claim
/// with no unit is charged to the organisation as a whole, under its name.
pub async fn export_rows(c: &mut Conn<'_>, run: i64) -> DbResult<Vec<ExportRow>> {
    fetch_all!(
        c,
        ExportRow,
        "SELECT c.id AS claim_id, c.person_id, p.chosen_name AS person_name, c.unit_id, COALESCE(u.name, o.name) AS unit_name, c.activity_type, \
         c.activity_on, c.choice, c.fee_pence, c.expenses_pence, c.total_pence, c.income_pence, c.corrects_claim_id FROM claims c \
         JOIN people p ON p.id = c.person_id JOIN organisations o ON o.id = c.organisation_id \
         LEFT JOIN units u ON u.id = c.unit_id WHERE c.run_id = $1 ORDER BY p.chosen_name, c.person_id, c.id",
        run
    )
}

/// Sums of a run's lines, claims and stored total, for reconciliation: (lines, claims, run).
pub async fn run_sums(c: &mut Conn<'_>, run: i64) -> DbResult<(i64, i64, i64)> {
    let row: (Option<i64>, Option<i64>, i64) = fetch_one!(
        c,
        (Option<i64>, Option<i64>, i64),
        "SELECT (SELECT CAST(SUM(l.amount_pence) AS BIGINT) FROM claim_lines l JOIN claims c ON c.id = l.claim_id WHERE c.run_id = $1), \
         (SELECT CAST(SUM(total_pence) AS BIGINT) FROM claims WHERE run_id = $1), total_pence FROM payment_runs WHERE id = $1",
        run
    )?;
    Ok((row.0.unwrap_or(0), row.1.unwrap_or(0), row.2))
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

/// A paid claim, for reports grouped in Rust by month, unit, constituency and activity.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PaidRow {
    pub unit_id: Option<i64>,
    pub constituency: String,
    pub activity_type: String,
    pub total_pence: i64,
    pub submitted_at: Option<i64>,
    pub paid_at: i64,
    /// For a correction: the paid claim it corrects.
    pub corrects_claim_id: Option<i64>,
}

/// Claims paid between two instants.
pub async fn paid_between(
    c: &mut Conn<'_>,
    org: i64,
    from: i64,
    to: i64,
) -> DbResult<Vec<PaidRow>> {
    fetch_all!(
        c,
        PaidRow,
        "SELECT unit_id, constituency, activity_type, total_pence, submitted_at, paid_at, corrects_claim_id FROM claims \
         WHERE organisation_id = $1 AND status = 'paid' AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at",
        org,
        from,
        to
    )
}

// ---------------------------------------------------------------------------------------------
// Bulk data for the demo and benchmarks
// ---------------------------------------------------------------------------------------------

/// A claim written in bulk with one fee line: for synthetic data only.
#[derive(Debug, Clone)]
pub struct BulkClaim {
    pub person_id: i64,
    pub unit_id: i64,
    pub constituency: String,
    pub activity: ActivityType,
    pub activity_on: String,
    pub minutes: i64,
    pub status: ClaimStatus,
    pub fee_pence: i64,
    pub created_at: i64,
    /// When it was paid (paid claims only).
    pub paid_at: Option<i64>,
}

/// Writes many claims, each with its fee line, in a few statements.
pub async fn insert_claims_bulk(c: &mut Conn<'_>, org: i64, rows: &[BulkClaim]) -> DbResult<()> {
    for chunk in rows.chunks(50) {
        let mut f = Filter::new();
        let mut values = Vec::with_capacity(chunk.len());
        for r in chunk {
            let mut p = |a: Arg| f.push_arg(a);
            let v = [
                p(Arg::I64(org)),
                p(Arg::I64(r.person_id)),
                p(Arg::I64(r.unit_id)),
                p(Arg::Text(r.constituency.clone())),
                p(Arg::Text(r.activity.key().into())),
                p(Arg::Text(r.activity_on.clone())),
                p(Arg::I64(r.minutes)),
                p(Arg::Text(r.status.key().into())),
                p(Arg::I64(r.fee_pence)),
                p(Arg::I64(r.created_at)),
                p(Arg::I64(r.paid_at.unwrap_or(0))),
            ];
            values.push(format!(
                "({}, {}, {}, {}, {}, {}, {}, 'Involvement', 'bank', {}, {}, 0, {}, {}, {}, 'system', {}, NULLIF({}, 0), {})",
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[8], v[8], v[9], v[9], v[10], v[9]
            ));
        }
        let sql = format!(
            "INSERT INTO claims (organisation_id, person_id, unit_id, constituency, activity_type, activity_on, minutes, description, choice, \
             status, fee_pence, expenses_pence, total_pence, income_pence, created_at, created_by_label, submitted_at, paid_at, updated_at) VALUES {}",
            values.join(", ")
        );
        crate::execute_dynamic(c, &sql, f.into_args()).await?;
    }
    execute!(
        c,
        "INSERT INTO claim_lines (claim_id, kind, amount_pence, counts_as_income, is_fee, created_at, created_by_label) \
         SELECT c.id, 'fee', c.fee_pence, TRUE, TRUE, c.created_at, 'system' FROM claims c \
         WHERE c.organisation_id = $1 AND NOT EXISTS (SELECT 1 FROM claim_lines l WHERE l.claim_id = c.id)",
        org
    )?;
    Ok(())
}
