//! Corrections of paid claims: a new claim for the same person, approved by whoever recorded
//! it, holding lines that reverse lines of the paid claim. The paid claim itself never changes.

use super::{CLAIM_SELECT, Claim};
use crate::{Conn, DbResult, fetch_all, fetch_scalar};

/// Adds the correction of `original` as an approved claim with no lines yet (they are added
/// next, in the same transaction). It keeps the original's person, cost centre, activity and
/// day, so it counts against the same week and month; its time is nil, since the time was
/// claimed once already.
pub async fn insert_correction(
    c: &mut Conn<'_>,
    original: &Claim,
    reason: &str,
    user: i64,
    user_person: Option<i64>,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO claims (organisation_id, person_id, unit_id, constituency, activity_type, activity_on, minutes, description, choice, \
         status, created_at, created_by_user_id, created_by_label, submitted_at, approved_at, approved_by_user_id, approved_by_person_id, \
         updated_at, corrects_claim_id) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, 'approved', $9, $10, $11, $9, $9, $10, $12, $9, $13) RETURNING id",
        original.organisation_id,
        original.person_id,
        original.unit_id,
        &original.constituency,
        original.activity_type.key(),
        &original.activity_on,
        reason,
        &original.choice,
        now,
        user,
        label,
        user_person,
        original.id
    )
}

/// The lines of `claim` that a line anywhere reverses (in the claim itself, before payment, or
/// in a correction after it).
pub async fn reversed_lines(c: &mut Conn<'_>, claim: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT l.id FROM claim_lines l WHERE l.claim_id = $1 \
         AND EXISTS (SELECT 1 FROM claim_lines r WHERE r.reverses_line_id = l.id) ORDER BY l.id",
        claim
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The corrections recorded against a paid claim, oldest first.
pub async fn corrections_of(c: &mut Conn<'_>, org: i64, claim: i64) -> DbResult<Vec<Claim>> {
    fetch_all!(
        c,
        Claim,
        &format!(
            "{CLAIM_SELECT} WHERE c.organisation_id = $1 AND c.corrects_claim_id = $2 ORDER BY c.id"
        ),
        org,
        claim
    )
}

/// A person's corrections (not refused) for activities between two ISO dates (inclusive),
/// oldest activity first: what the statement lists beside its weeks and months.
pub async fn person_corrections(
    c: &mut Conn<'_>,
    person: i64,
    from: &str,
    to: &str,
) -> DbResult<Vec<Claim>> {
    fetch_all!(
        c,
        Claim,
        &format!(
            "{CLAIM_SELECT} WHERE c.person_id = $1 AND c.corrects_claim_id IS NOT NULL AND c.activity_on >= $2 \
             AND c.activity_on <= $3 AND c.status <> 'rejected' ORDER BY c.activity_on, c.id"
        ),
        person,
        from,
        to
    )
}
