//! Easy Read: the member's own choice to read the pages that matter most to them (making a
//! suggestion, opportunities, claims, "what Cairn holds about me") in Easy Read, and the few
//! use cases those pages need beyond the ones the standard pages already call.
//!
//! Easy Read is offered to members (the pages are theirs). The choice lives on the account,
//! beside its language, so it is remembered from one sign-in to the next.

use crate::audit::{Action, record};
use crate::roles::Expressed;
use crate::{Actor, App, AppError, AppResult, require};
use cairn_db::payments::{Claim, ClaimQuery};
use cairn_domain::payments::ClaimStatus;
use cairn_domain::{Permission, Role};

/// True when the actor is offered Easy Read: a member with a record of their own.
pub fn offered(actor: &Actor) -> bool {
    actor.role == Role::Member && actor.person_id.is_some()
}

fn require_offered(actor: &Actor) -> AppResult<()> {
    if offered(actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Turns Easy Read on or off for the actor's own account (recorded in the audit log).
pub async fn set(app: &App, actor: &Actor, on: bool) -> AppResult<()> {
    require_offered(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::accounts::set_easy_read(&mut tx.conn(), actor.user_id, on, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        actor.organisation_id,
        Action::Update,
        "user_easy_read",
        Some(actor.user_id),
        None,
        Some(&on),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks that the actor may open the Easy Read pages (members only).
pub fn may_read(actor: &Actor) -> AppResult<()> {
    require_offered(actor)
}

/// "I'm interested" from the Easy Read list: the member for themselves, with no message, through
/// the same use case as the standard page (so the same rules, audit and notices apply).
pub async fn express_interest(
    app: &App,
    actor: &Actor,
    opportunity_id: i64,
) -> AppResult<Expressed> {
    require(actor, Permission::ExpressInterest)?;
    crate::roles::express_interest(app, actor, opportunity_id, None, "").await
}

/// A member's own claims with their totals, for "What you are owed".
#[derive(Debug, Clone)]
pub struct OwnClaims {
    /// Newest first.
    pub claims: Vec<Claim>,
    pub totals: ClaimTotals,
}

/// A member's claims added up by where they are, in pence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimTotals {
    /// Sent and not yet paid (waiting for approval, approved, authorised, in a payment run):
    /// what the organisation owes them.
    pub owed_pence: i64,
    pub owed_count: i64,
    /// Already paid.
    pub paid_pence: i64,
    pub paid_count: i64,
    /// Started but not sent: nothing is owed until it is sent.
    pub not_sent_pence: i64,
    pub not_sent_count: i64,
    /// Not paid (rejected): counted, never added to what is owed.
    pub not_paid_count: i64,
}

/// Adds up claims by where they are. A claim's total is the sum of its lines (fee and
/// expenses, less any correction), so adding totals never loses a penny.
pub fn totals(claims: impl IntoIterator<Item = (ClaimStatus, i64)>) -> ClaimTotals {
    let mut t = ClaimTotals::default();
    for (status, pence) in claims {
        match status {
            ClaimStatus::Submitted
            | ClaimStatus::Approved
            | ClaimStatus::Authorised
            | ClaimStatus::InRun => {
                t.owed_pence += pence;
                t.owed_count += 1;
            }
            ClaimStatus::Paid => {
                t.paid_pence += pence;
                t.paid_count += 1;
            }
            ClaimStatus::Draft => {
                t.not_sent_pence += pence;
                t.not_sent_count += 1;
            }
            ClaimStatus::Rejected => t.not_paid_count += 1,
        }
    }
    t
}

/// The actor's own claims and their totals (members only: staff see the claims list).
pub async fn own_claims(app: &App, actor: &Actor) -> AppResult<OwnClaims> {
    require(actor, Permission::ClaimOwn)?;
    // The same listing as the member's standard claims page, which keeps a member to their own.
    let claims = crate::payments::list(
        app,
        actor,
        ClaimQuery {
            limit: i64::from(u32::MAX),
            ..Default::default()
        },
    )
    .await?;
    let totals = totals(claims.iter().map(|c| (c.status, c.total_pence)));
    Ok(OwnClaims { claims, totals })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_unpaid_claims_are_owed_and_drafts_and_rejections_are_not() {
        let t = totals([
            (ClaimStatus::Submitted, 1_000),
            (ClaimStatus::Approved, 250),
            (ClaimStatus::Authorised, 5),
            (ClaimStatus::InRun, 45),
            (ClaimStatus::Paid, 2_000),
            (ClaimStatus::Draft, 700),
            (ClaimStatus::Rejected, 900),
        ]);
        assert_eq!(
            t,
            ClaimTotals {
                owed_pence: 1_300,
                owed_count: 4,
                paid_pence: 2_000,
                paid_count: 1,
                not_sent_pence: 700,
                not_sent_count: 1,
                not_paid_count: 1,
            }
        );
    }

    #[test]
    fn no_claims_add_up_to_nothing() {
        assert_eq!(totals([]), ClaimTotals::default());
    }
}
