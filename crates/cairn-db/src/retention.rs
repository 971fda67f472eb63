//! Retention: each organisation's policy, and the queries that find and remove what is past
//! it. Dates (`YYYY-MM-DD`) and instants (milliseconds) are the cutoffs the use case works out
//! on the organisation's calendar; every function here counts or removes strictly before them.

use crate::{Conn, DbError, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};

/// An organisation's stored policy.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PolicyRow {
    pub left_people_months: i64,
    pub exit_feedback_months: i64,
    pub suggestion_contact_months: i64,
    pub audit_months: i64,
    pub payment_years: i64,
    pub updated_at: i64,
    pub updated_by_label: String,
}

pub async fn policy(c: &mut Conn<'_>, org: i64) -> DbResult<Option<PolicyRow>> {
    fetch_optional!(
        c,
        PolicyRow,
        "SELECT left_people_months, exit_feedback_months, suggestion_contact_months, audit_months, \
         payment_years, updated_at, updated_by_label FROM retention_policies WHERE organisation_id = $1",
        org
    )
}

pub async fn put_policy(c: &mut Conn<'_>, org: i64, p: &PolicyRow) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO retention_policies (organisation_id, left_people_months, exit_feedback_months, \
         suggestion_contact_months, audit_months, payment_years, updated_at, updated_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organisation_id) DO UPDATE SET \
         left_people_months = excluded.left_people_months, exit_feedback_months = excluded.exit_feedback_months, \
         suggestion_contact_months = excluded.suggestion_contact_months, audit_months = excluded.audit_months, \
         payment_years = excluded.payment_years, updated_at = excluded.updated_at, \
         updated_by_label = excluded.updated_by_label",
        org,
        p.left_people_months,
        p.exit_feedback_months,
        p.suggestion_contact_months,
        p.audit_months,
        p.payment_years,
        p.updated_at,
        &p.updated_by_label
    )?;
    Ok(())
}

/// People recorded as having left before `before` (a date), not yet erased. A leaver whose
/// leaving date was never recorded counts from when their record last changed (`before_ms`).
pub async fn left_people(
    c: &mut Conn<'_>,
    org: i64,
    before: &str,
    before_ms: i64,
) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT id FROM people WHERE organisation_id = $1 AND status = 'left' AND erased_at IS NULL \
         AND ((status_since IS NOT NULL AND status_since < $2) OR (status_since IS NULL AND updated_at < $3)) \
         ORDER BY id",
        org,
        before,
        before_ms
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Exit feedback for leaving (or stepping down) before `before`.
pub async fn count_exits(c: &mut Conn<'_>, org: i64, before: &str) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM exits WHERE organisation_id = $1 AND left_on < $2",
        org,
        before
    )
}

pub async fn delete_exits(c: &mut Conn<'_>, org: i64, before: &str) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM exits WHERE organisation_id = $1 AND left_on < $2",
        org,
        before
    )
}

/// Closed suggestions that still hold contact details, closed before `before_ms`.
pub async fn count_contacts(c: &mut Conn<'_>, org: i64, before_ms: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM suggestions WHERE organisation_id = $1 AND closed_at < $2 \
         AND contact IS NOT NULL",
        org,
        before_ms
    )
}

pub async fn clear_contacts(c: &mut Conn<'_>, org: i64, before_ms: i64, now: i64) -> DbResult<u64> {
    execute!(
        c,
        "UPDATE suggestions SET contact = NULL, updated_at = $3 WHERE organisation_id = $1 \
         AND closed_at < $2 AND contact IS NOT NULL",
        org,
        before_ms,
        now
    )
}

/// Counts claim drafts last changed before `before_ms`.
pub async fn count_drafts(c: &mut Conn<'_>, org: i64, before_ms: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM claim_drafts WHERE organisation_id = $1 AND updated_at < $2",
        org,
        before_ms
    )
}

/// Deletes claim drafts last changed before `before_ms`.
pub async fn delete_drafts(c: &mut Conn<'_>, org: i64, before_ms: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM claim_drafts WHERE organisation_id = $1 AND updated_at < $2",
        org,
        before_ms
    )
}

/// Audit entries from before `before_ms`.
pub async fn count_audit(c: &mut Conn<'_>, org: i64, before_ms: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM audit_log WHERE organisation_id = $1 AND at < $2",
        org,
        before_ms
    )
}

/// Deletes at most `limit` of the oldest audit entries from before `before_ms`; returns how many
/// went. The caller repeats it, a transaction each time, until fewer than `limit` go: years of
/// entries deleted in one statement would hold SQLite's single writer for seconds.
pub async fn delete_audit(c: &mut Conn<'_>, org: i64, before_ms: i64, limit: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log \
         WHERE organisation_id = $1 AND at < $2 ORDER BY at, id LIMIT $3)",
        org,
        before_ms,
        limit
    )
}

/// Which claims are finished (paid, or rejected) before `$2`. A paid claim with a correction
/// waits until the correction is due too (its lines reverse the claim's lines).
const FINISHED: &str = "organisation_id = $1 AND \
     ((status = 'paid' AND paid_at < $2) OR (status = 'rejected' AND rejected_at < $2)) \
     AND NOT EXISTS (SELECT 1 FROM claims k WHERE k.corrects_claim_id = claims.id \
     AND NOT ((k.status = 'paid' AND k.paid_at < $2) OR (k.status = 'rejected' AND k.rejected_at < $2)))";

/// How many claims are finished before `before_ms`.
pub async fn count_finished_claims(c: &mut Conn<'_>, org: i64, before_ms: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM claims WHERE {FINISHED}"),
        org,
        before_ms
    )
}

/// At most `limit` of the claims finished before `before_ms`, newest first. Corrections are
/// newer than the claims they correct, so each comes before its claim, in this batch or an
/// earlier one: deleting the batches in turn never leaves a correction without its claim.
pub async fn finished_claims(
    c: &mut Conn<'_>,
    org: i64,
    before_ms: i64,
    limit: i64,
) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        &format!("SELECT id FROM claims WHERE {FINISHED} ORDER BY id DESC LIMIT $3"),
        org,
        before_ms,
        limit
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Deletes one finished claim with its lines, receipts and history. The lines' append-only
/// trigger lets them go only while the claim is named in `claim_line_releases` (and is paid or
/// rejected); the release is removed again before the claim.
pub async fn delete_claim(c: &mut Conn<'_>, org: i64, claim: i64) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO claim_line_releases (claim_id) SELECT id FROM claims \
         WHERE organisation_id = $1 AND id = $2",
        org,
        claim
    )?;
    for sql in [
        "DELETE FROM claim_lines WHERE claim_id = $1",
        "DELETE FROM claim_line_releases WHERE claim_id = $1",
        "DELETE FROM receipts WHERE claim_id = $1",
        "DELETE FROM claim_events WHERE claim_id = $1",
    ] {
        execute!(c, sql, claim)?;
    }
    let gone = execute!(
        c,
        "DELETE FROM claims WHERE organisation_id = $1 AND id = $2",
        org,
        claim
    )?;
    // A claim listed as finished that is not there to delete would be listed again by the next
    // batch, for ever.
    if gone == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Paid payment runs left with no claims once their claims have gone.
pub async fn delete_empty_runs(c: &mut Conn<'_>, org: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM payment_runs WHERE organisation_id = $1 AND status = 'paid' \
         AND NOT EXISTS (SELECT 1 FROM claims WHERE claims.run_id = payment_runs.id)",
        org
    )
}

/// The most recent retention run recorded for the organisation: when, and what it removed.
pub async fn last_run(c: &mut Conn<'_>, org: i64) -> DbResult<Option<(i64, Option<String>)>> {
    fetch_optional!(
        c,
        (i64, Option<String>),
        "SELECT at, after_json FROM audit_log WHERE organisation_id = $1 AND entity = 'retention' \
         ORDER BY at DESC, id DESC LIMIT 1",
        org
    )
}

/// Every organisation's id and time zone, for the daily run.
pub async fn organisations(c: &mut Conn<'_>) -> DbResult<Vec<(i64, String)>> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT id, time_zone FROM organisations ORDER BY id"
    )
}
