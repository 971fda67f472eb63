//! Correcting a paid claim. A paid claim is never changed. Finance records a correction: a new
//! claim for the same person (naming the paid claim) whose lines reverse chosen lines of it,
//! with a reason. Whoever records it counts as its approver, so the two-person rule asks
//! someone else to authorise it; it then joins the next payment run like any claim, where it
//! lowers what the person is paid (a person's total in a run may go below nothing: a recovery).
//!
//! It keeps the paid claim's activity day, so the benefits guard and the statement count it in
//! the same week and month as the money it corrects — once authorised, so a correction waiting
//! for its second signature never makes room under a member's limit that may not come.

use super::{REASON_MAX, load_claim, must_see_claim, tell};
use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::payments::{Claim, Line, NewLine};
use cairn_domain::Permission;
use cairn_domain::payments::corrections::{CorrectionError, PaidLine, check_correction};
use cairn_domain::payments::{ClaimStatus, ExpenseCategory};

/// Records a correction of the `line_ids` of paid claim `claim_id`, with a reason (finance,
/// never the claimant). Returns the correction's id; it waits for another person to authorise
/// it.
pub async fn correct_paid(
    app: &App,
    actor: &Actor,
    claim_id: i64,
    line_ids: &[i64],
    reason: &str,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    must_see_claim(app, actor, org, claim_id).await?;
    require(actor, Permission::AuthoriseClaims)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(invalid("reason", "payments-error-reason"));
    }
    if line_ids.is_empty() {
        return Err(invalid("lines", CorrectionError::NoLines.message_id()));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // The paid claim's row lock queues two people correcting it at once; the unique index on
    // reversed lines still stops a second reversal of a line whatever happens.
    cairn_db::payments::lock_claim(&mut tx.conn(), claim_id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, claim_id).await?;
    if actor.is_person(claim.person_id) {
        return Err(AppError::Conflict("payments-error-own-claim"));
    }
    if claim.corrects_claim_id.is_some() {
        return Err(AppError::Conflict("payments-error-correct-a-correction"));
    }
    if claim.status != ClaimStatus::Paid {
        return Err(AppError::Conflict("payments-error-not-paid"));
    }
    let lines = cairn_db::payments::lines(&mut tx.conn(), claim_id).await?;
    let reversed =
        cairn_db::payments::corrections::reversed_lines(&mut tx.conn(), claim_id).await?;
    let earlier = cairn_db::payments::corrections::corrections_of(&mut tx.conn(), org, claim_id)
        .await?
        .into_iter()
        .filter(|k| k.status != ClaimStatus::Rejected)
        .fold((0, 0), |(f, e), k| (f + k.fee_pence, e + k.expenses_pence));
    let paid: Vec<PaidLine> = lines.iter().map(|l| paid_line(l, &reversed)).collect();
    let picked = check_correction(&paid, line_ids, earlier.0, earlier.1).map_err(|e| match e {
        CorrectionError::AlreadyReversed => AppError::Conflict(e.message_id()),
        _ => invalid("lines", e.message_id()),
    })?;
    let id = cairn_db::payments::corrections::insert_correction(
        &mut tx.conn(),
        &claim,
        reason,
        actor.user_id,
        actor.person_id,
        &actor.label,
        now,
    )
    .await?;
    for p in &picked {
        let Some(line) = lines.iter().find(|l| l.id == p.id) else {
            continue;
        };
        cairn_db::payments::add_line(
            &mut tx.conn(),
            id,
            &NewLine {
                kind: "reversal",
                category: line.category.as_deref().and_then(ExpenseCategory::parse),
                miles_tenths: None,
                amount_pence: -line.amount_pence,
                counts_as_income: line.counts_as_income,
                is_fee: line.is_fee,
                note: Some(reason),
                reverses_line_id: Some(line.id),
                preapproved: false,
            },
            now,
            &actor.label,
        )
        .await
        .map_err(|e| match e {
            cairn_db::DbError::Conflict => AppError::Conflict("payments-error-reversed"),
            e => AppError::from(e),
        })?;
    }
    let c = &mut tx.conn();
    cairn_db::payments::add_event(c, id, now, &actor.label, "correction_made", Some(reason))
        .await?;
    cairn_db::payments::add_event(
        c,
        claim_id,
        now,
        &actor.label,
        "correction_recorded",
        Some(reason),
    )
    .await?;
    let after = cairn_db::payments::get_claim(c, org, id).await?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Create,
        "claim",
        Some(id),
        None,
        after.as_ref(),
        Some(claim.person_id),
        now,
    )
    .await?;
    let total = after.as_ref().map(|a| a.total_pence).unwrap_or(0);
    tell(
        c,
        claim.person_id,
        "notice-claim-corrected",
        &[(
            "amount",
            crate::notices::NoticeArg::Pence { pence: total.abs() },
        )],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn paid_line(l: &Line, reversed: &[i64]) -> PaidLine {
    PaidLine {
        id: l.id,
        is_reversal: l.kind == "reversal",
        is_fee: l.is_fee,
        amount_pence: l.amount_pence,
        reversed: reversed.contains(&l.id),
    }
}

/// A claim's part in corrections, for its page.
#[derive(Debug, Clone)]
pub struct Corrections {
    /// For a correction: the paid claim it corrects.
    pub corrects: Option<i64>,
    /// The corrections recorded against this (paid) claim, oldest first.
    pub corrections: Vec<Claim>,
    /// True when the actor may record a correction of this claim now.
    pub can_correct: bool,
    /// The lines a correction may still reverse.
    pub correctable: Vec<Line>,
}

/// The corrections of the claim on `view` (already read, and its read recorded, by
/// [`super::claim`]).
pub async fn corrections(
    app: &App,
    actor: &Actor,
    view: &super::ClaimView,
) -> AppResult<Corrections> {
    let org = org_of(actor)?;
    let claim = &view.claim;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let corrections =
        cairn_db::payments::corrections::corrections_of(&mut c, org, claim.id).await?;
    let reversed = cairn_db::payments::corrections::reversed_lines(&mut c, claim.id).await?;
    let correctable: Vec<Line> =
        if claim.status == ClaimStatus::Paid && claim.corrects_claim_id.is_none() {
            view.lines
                .iter()
                .filter(|l| l.kind != "reversal" && !reversed.contains(&l.id))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
    Ok(Corrections {
        corrects: claim.corrects_claim_id,
        can_correct: actor.can(Permission::AuthoriseClaims)
            && !actor.is_person(claim.person_id)
            && !correctable.is_empty(),
        corrections,
        correctable,
    })
}

/// The person's corrections (not refused) for activities in the statement's period, for the
/// statement that [`super::earnings`] made (and recorded the read of).
pub async fn statement_corrections(
    app: &App,
    statement: &super::Earnings,
) -> AppResult<Vec<Claim>> {
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::payments::corrections::person_corrections(
        &mut h.conn(),
        statement.person_id,
        &statement.from,
        &statement.to,
    )
    .await?)
}
