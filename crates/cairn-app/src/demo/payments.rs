//! The demo organisation's money at work: claims at every step, made, approved and authorised
//! through the use cases by the demo's own staff (so the two-person rule holds as it would for
//! anyone), one member near their own earnings limit, one claim not paid, one paid claim
//! corrected after payment, and two payment runs — one paid, one locked with the correction in
//! it. Dates count back from the demo's today.

use crate::payments::{self as pay, ProfileDraft};
use crate::{Actor, App, AppError, AppResult};
use cairn_domain::payments::{ClaimDraft, ExpenseDraft, week_start};
use cairn_domain::time::DateParts;
use jiff::civil::Date;

/// An account of the demo as the use cases see it.
async fn actor(app: &App, email: &str) -> AppResult<Actor> {
    let user = {
        let mut h = app.db.acquire().await?;
        cairn_db::accounts::find_user_by_email(&mut h.conn(), email)
            .await?
            .ok_or_else(|| AppError::Unexpected(format!("demo account {email} is missing")))?
    };
    crate::accounts::actor_for(app, &user).await
}

/// A claim as typed: the activity, its day, hours and car miles (none when empty).
fn draft(activity: &str, on: Date, hours: i64, miles: &str, description: &str) -> ClaimDraft {
    ClaimDraft {
        activity_type: activity.into(),
        activity_on: DateParts::from_date(Some(on)),
        hours: hours.to_string(),
        minutes: "0".into(),
        description: description.into(),
        expenses: if miles.is_empty() {
            Vec::new()
        } else {
            vec![ExpenseDraft {
                category: "mileage_car".into(),
                miles: miles.into(),
                amount: String::new(),
            }]
        },
    }
}

/// The demo's people and sign-ins for payments.
struct Cast {
    lead: Actor,
    finance: Actor,
    finance2: Actor,
    member: Actor,
    /// Service users and carers who claim, Alex and Mair first.
    claimants: Vec<i64>,
}

impl Cast {
    /// A claim the lead makes with `person` and sends; returns its id.
    async fn sent(&self, app: &App, person: i64, d: &ClaimDraft) -> AppResult<i64> {
        let id = pay::create_claim(app, &self.lead, Some(person), None, d).await?;
        pay::submit(app, &self.lead, id).await?;
        Ok(id)
    }

    /// Sent and approved by the lead.
    async fn approved(&self, app: &App, person: i64, d: &ClaimDraft) -> AppResult<i64> {
        let id = self.sent(app, person, d).await?;
        pay::approve(app, &self.lead, id, None, "").await?;
        Ok(id)
    }

    /// Approved by the lead, authorised by `by` (finance).
    async fn authorised(
        &self,
        app: &App,
        by: &Actor,
        person: i64,
        d: &ClaimDraft,
    ) -> AppResult<i64> {
        let id = self.approved(app, person, d).await?;
        pay::authorise(app, by, id).await?;
        Ok(id)
    }
}

/// Adds the demo's claims and runs.
pub(super) async fn money_at_work(app: &App, org: i64, today: Date) -> AppResult<()> {
    let claimants: Vec<i64> = {
        let mut h = app.db.acquire().await?;
        cairn_db::fetch_all!(
            &mut h.conn(),
            (i64,),
            "SELECT id FROM people WHERE organisation_id = $1 AND constituency IN ('service_user', 'carer') \
             AND status = 'active' ORDER BY id",
            org
        )?
        .into_iter()
        .map(|r| r.0)
        .collect()
    };
    if claimants.len() < 8 {
        return Err(AppError::Unexpected("too few demo claimants".into()));
    }
    let cast = Cast {
        lead: actor(app, "lead@demo.cairn.test").await?,
        finance: actor(app, "finance@demo.cairn.test").await?,
        finance2: actor(app, "finance2@demo.cairn.test").await?,
        member: actor(app, "member@demo.cairn.test").await?,
        claimants,
    };
    let ago = |days: i64| today.saturating_sub(jiff::Span::new().days(days));
    let alex = cast.member.person_id.unwrap_or(cast.claimants[0]);
    let mair = cast.claimants[1];
    let p = &cast.claimants[2..];

    // A month ago: four claims authorised by Sioned, paid in the first run.
    let paid = [
        cast.authorised(
            app,
            &cast.finance,
            alex,
            &draft("meeting", ago(40), 2, "10", "Recovery forum"),
        )
        .await?,
        cast.authorised(
            app,
            &cast.finance,
            mair,
            &draft(
                "consultation",
                ago(38),
                3,
                "12.5",
                "Carers' consultation on visiting",
            ),
        )
        .await?,
        cast.authorised(
            app,
            &cast.finance,
            p[0],
            &draft(
                "interview_panel",
                ago(35),
                5,
                "",
                "Interview panel: ward manager post",
            ),
        )
        .await?,
        cast.authorised(
            app,
            &cast.finance,
            p[1],
            &draft(
                "training_delivery",
                ago(33),
                2,
                "6",
                "Recovery college session",
            ),
        )
        .await?,
    ];
    let first = pay::create_run(app, &cast.finance, &paid).await?;
    pay::lock_run(app, &cast.finance, first).await?;
    pay::mark_paid(app, &cast.finance, first).await?;

    // Mair's mileage was paid twice: Sioned corrects it, Dylan authorises the correction.
    let mair_claim = pay::claim(app, &cast.finance, paid[1]).await?;
    let mileage: Vec<i64> = mair_claim
        .lines
        .iter()
        .filter(|l| l.kind == "expense")
        .map(|l| l.id)
        .collect();
    let correction = pay::correct_paid(
        app,
        &cast.finance,
        paid[1],
        &mileage,
        "Mileage claimed twice in error",
    )
    .await?;
    pay::authorise(app, &cast.finance2, correction).await?;

    // A fortnight ago: two claims authorised by Dylan, in the second run with the correction,
    // locked and ready to pay.
    let second = [
        cast.authorised(
            app,
            &cast.finance2,
            p[2],
            &draft("meeting", ago(20), 4, "8", "Strategy group"),
        )
        .await?,
        cast.authorised(
            app,
            &cast.finance2,
            mair,
            &draft("meeting", ago(18), 2, "12.5", "Carers' forum"),
        )
        .await?,
        correction,
    ];
    let run = pay::create_run(app, &cast.finance, &second).await?;
    pay::lock_run(app, &cast.finance, run).await?;

    // Waiting at each step: authorised (for the next run), approved (for finance), sent (for
    // the lead), not paid (with the reason), and Alex's own draft.
    cast.authorised(
        app,
        &cast.finance2,
        p[3],
        &draft("consultation", ago(12), 2, "", "Menu consultation"),
    )
    .await?;
    cast.approved(
        app,
        p[4],
        &draft("meeting", ago(10), 2, "4", "Community meeting"),
    )
    .await?;
    cast.sent(
        app,
        alex,
        &draft("meeting", ago(8), 3, "10", "Recovery forum"),
    )
    .await?;
    let refused = cast
        .sent(app, p[5], &draft("other", ago(9), 1, "", "Ward garden"))
        .await?;
    pay::reject(
        app,
        &cast.lead,
        refused,
        "Duplicate: claimed on another form",
    )
    .await?;
    pay::create_claim(
        app,
        &cast.member,
        None,
        None,
        &draft("meeting", ago(2), 2, "", "Peer support group"),
    )
    .await?;

    // Near a limit: a member with her own £100 a week, and £80 sent for this week.
    let near = p[6];
    pay::set_profile(
        app,
        &cast.lead,
        near,
        &ProfileDraft {
            choice: "bank".into(),
            limit_kind: "own".into(),
            limit_period: "week".into(),
            limit_amount: "100".into(),
            ..Default::default()
        },
    )
    .await?;
    cast.sent(
        app,
        near,
        &draft(
            "consultation",
            week_start(today),
            4,
            "",
            "Service user consultation",
        ),
    )
    .await?;
    Ok(())
}
