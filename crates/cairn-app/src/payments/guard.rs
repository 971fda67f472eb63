//! The benefits guard's hold, and a person's payments as staff see them from the person's page.
//!
//! The hold is applied when a claim is approved. Approval is the step where a person (not
//! finance) settles what a claim pays — "pay less" lives there too — and every claim passes
//! through it; counting only claims already approved or further on (approved, authorised, in a
//! run, paid) keeps that committed income within the limit at all times, without holding money
//! back against claims that may still be rejected. Authorisation only confirms an amount.
//!
//! What fits is paid; the rest is cut with append-only adjustment lines whose note gives the
//! reason, and then, as the person chose:
//! - `later`: a new claim for the rest, dated on the first day of the next week or month and
//!   sent for approval, where the hold weighs it against that period; finance cannot authorise
//!   it before that day comes;
//! - `vouchers`: a new claim for the rest to be given as vouchers, on the same day and approved
//!   with the original. Vouchers are income like money, so it still counts against the limit;
//!   the settings page says so before anyone chooses it;
//! - `none`: the rest is not paid.

use super::{REASON_MAX, reach_person, tell};
use crate::audit::{Action, record};
use crate::org_today as today_of;
use crate::{Actor, App, AppResult, org_of};
use cairn_db::Conn;
use cairn_db::payments::{Claim, LimitPreset, NewClaim, NewLine, Profile};
use cairn_domain::payments::{
    LimitPeriod, OverLimit, PaymentChoice, PeriodEarnings, already_in_period, format_pounds,
    hold_cut, next_period_start, period_of, preset_has_ended,
};
use cairn_domain::time::format_date;
use jiff::civil::Date;

/// Claims whose money is settled: approved or further on.
const COMMITTED: [&str; 4] = ["approved", "authorised", "in_run", "paid"];

/// Applies the person's hold to a claim just approved, inside the approval's transaction.
pub(super) async fn hold(
    c: &mut Conn<'_>,
    app: &App,
    actor: &Actor,
    org: i64,
    id: i64,
    now: i64,
) -> AppResult<()> {
    let Some(claim) = cairn_db::payments::get_claim(c, org, id).await? else {
        return Ok(());
    };
    let Some(profile) = cairn_db::payments::profile(c, claim.person_id).await? else {
        return Ok(());
    };
    let (true, Some(period), Some(limit)) = (
        profile.hold_at_limit,
        profile.limit_period.as_deref().and_then(LimitPeriod::parse),
        profile.limit_pence,
    ) else {
        return Ok(());
    };
    let Ok(on) = claim.activity_on.parse::<Date>() else {
        return Ok(());
    };
    let (from, to) = period_of(period, on);
    let days: Vec<(Date, i64)> =
        cairn_db::payments::income_by_day(c, claim.person_id, &from.to_string(), &to.to_string())
            .await?
            .into_iter()
            .filter(|(_, status, _, _)| COMMITTED.contains(&status.as_str()))
            .filter_map(|(d, _, income, _)| d.parse::<Date>().ok().map(|d| (d, income)))
            .collect();
    // The claim itself is approved now, so it is among the rows: weigh it apart.
    let already = already_in_period(period, on, &days) - claim.income_pence;
    let Some(cut) = hold_cut(limit, already, claim.income_pence, claim.fee_pence) else {
        return Ok(());
    };
    // Without a stored choice the rest waits for the next period: nobody loses money by default.
    let rest = profile
        .over_limit
        .as_deref()
        .and_then(OverLimit::parse)
        .unwrap_or(OverLimit::Later);
    let person = cairn_db::people::get(c, org, claim.person_id).await?;
    let lang = person.preferred_language;
    // Money records keep their words as written, in the claimant's own language.
    let reason = app.translator.message(
        lang,
        &format!("payments-held-reason-{}", rest.key()),
        &[("limit", format_pounds(limit))],
    );
    let reason: String = reason.chars().take(REASON_MAX).collect();
    for (amount, is_fee) in [(cut.fee_pence, true), (cut.other_pence, false)] {
        if amount > 0 {
            cairn_db::payments::add_line(
                c,
                id,
                &NewLine {
                    kind: "adjustment",
                    category: None,
                    miles_tenths: None,
                    amount_pence: -amount,
                    counts_as_income: true,
                    is_fee,
                    note: Some(&reason),
                    reverses_line_id: None,
                    preapproved: false,
                },
                now,
                &actor.label,
            )
            .await?;
        }
    }
    let held = format_pounds(cut.held_pence);
    cairn_db::payments::add_event(
        c,
        id,
        now,
        &actor.label,
        &format!("held_{}", rest.key()),
        Some(&held),
    )
    .await?;
    let after = cairn_db::payments::get_claim(c, org, id).await?;
    record(
        c,
        actor,
        Some(org),
        Action::Update,
        "claim",
        Some(id),
        Some(&claim),
        after.as_ref(),
        Some(claim.person_id),
        now,
    )
    .await?;
    let next = next_period_start(period, on);
    let carried = match rest {
        OverLimit::Later => Some((next, claim_choice(&claim), false)),
        OverLimit::Vouchers => Some((on, PaymentChoice::Voucher, true)),
        OverLimit::Nothing => None,
    };
    if let Some((day, choice, approve)) = carried {
        let description = app.translator.message(
            lang,
            &format!("payments-held-description-{}", rest.key()),
            &[("id", id.to_string()), ("date", format_date(on, lang))],
        );
        let new = carry(
            c,
            actor,
            org,
            &claim,
            Carry {
                on: day,
                choice,
                description: &description,
                fee_pence: cut.fee_pence,
                other_pence: cut.other_pence,
                approve,
            },
            now,
        )
        .await?;
        cairn_db::payments::add_event(
            c,
            id,
            now,
            &actor.label,
            "held_carried",
            Some(&format!("{new}")),
        )
        .await?;
    }
    let mut args = vec![
        (
            "paid",
            crate::notices::NoticeArg::Pence {
                pence: cut.paid_pence,
            },
        ),
        (
            "held",
            crate::notices::NoticeArg::Pence {
                pence: cut.held_pence,
            },
        ),
    ];
    if rest == OverLimit::Later {
        args.push(("date", crate::notices::NoticeArg::Date { date: next }));
    }
    tell(
        c,
        claim.person_id,
        &format!("notice-claim-held-{}", rest.key()),
        &args,
        now,
    )
    .await
}

fn claim_choice(claim: &Claim) -> PaymentChoice {
    PaymentChoice::parse(&claim.choice).unwrap_or(PaymentChoice::Bank)
}

/// The rest of a held claim, as a claim of its own.
struct Carry<'a> {
    on: Date,
    choice: PaymentChoice,
    description: &'a str,
    fee_pence: i64,
    other_pence: i64,
    /// Approved with the original (vouchers), or sent for approval in its period (later).
    approve: bool,
}

async fn carry(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    from: &Claim,
    k: Carry<'_>,
    now: i64,
) -> AppResult<i64> {
    let on = k.on.to_string();
    let id = cairn_db::payments::insert_claim(
        c,
        org,
        &NewClaim {
            person_id: from.person_id,
            unit_id: from.unit_id,
            constituency: &from.constituency,
            activity: from.activity_type,
            activity_on: &on,
            // The time was given on the original claim; this one carries money only.
            minutes: 0,
            description: k.description,
            meeting_id: None,
            training_session_id: None,
            choice: k.choice,
            created_by_user_id: (actor.user_id != 0).then_some(actor.user_id),
            created_by_label: &actor.label,
        },
        now,
    )
    .await?;
    for (amount, is_fee) in [(k.fee_pence, true), (k.other_pence, false)] {
        if amount > 0 {
            cairn_db::payments::add_line(
                c,
                id,
                &NewLine {
                    kind: if is_fee { "fee" } else { "adjustment" },
                    category: None,
                    miles_tenths: None,
                    amount_pence: amount,
                    counts_as_income: true,
                    is_fee,
                    note: Some(k.description),
                    reverses_line_id: None,
                    preapproved: false,
                },
                now,
                &actor.label,
            )
            .await?;
        }
    }
    cairn_db::payments::add_event(
        c,
        id,
        now,
        &actor.label,
        "held_from",
        Some(&format!("{}", from.id)),
    )
    .await?;
    cairn_db::payments::submit(c, id, now).await?;
    // The carried part is a new claim waiting its turn, told to webhooks like any other.
    let m = crate::webhooks::Message::claim(
        cairn_domain::webhooks::Event::ClaimSubmitted,
        id,
        from.person_id,
        None,
        Some(k.description),
    );
    crate::webhooks::enqueue(c, org, m, now).await?;
    if k.approve {
        cairn_db::payments::approve(c, id, actor.user_id, actor.person_id, now).await?;
    }
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
        Some(from.person_id),
        now,
    )
    .await?;
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Presets on offer
// ---------------------------------------------------------------------------------------------

/// The preset limits a person may pick today: every preset that has not ended (one starting
/// soon is offered with its date, so people can get ready for April's new figures).
pub async fn offered_presets(app: &App, actor: &Actor) -> AppResult<Vec<LimitPreset>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today_of(&mut c, app, org).await?;
    let all = cairn_db::payments::limit_presets(&mut c, org).await?;
    Ok(current(all, today))
}

/// Presets that have not ended on `today`.
pub(super) fn current(all: Vec<LimitPreset>, today: Date) -> Vec<LimitPreset> {
    all.into_iter()
        .filter(|p| !preset_has_ended(p.valid_to.as_deref().and_then(|d| d.parse().ok()), today))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// A person's payments, for staff
// ---------------------------------------------------------------------------------------------

/// A person's payments at a glance: their choice, limit and hold, and their income so far this
/// week and this month.
#[derive(Debug, Clone)]
pub struct PersonPayments {
    pub person_id: i64,
    pub name: String,
    pub constituency: cairn_domain::people::Constituency,
    pub profile: Option<Profile>,
    /// The preset their limit came from, if any.
    pub preset: Option<LimitPreset>,
    pub week_of: String,
    pub month_of: String,
    pub week: PeriodEarnings,
    pub month: PeriodEarnings,
}

/// A person's payments for staff who make claims with them (within reach); the read is
/// audited.
pub async fn person_payments(app: &App, actor: &Actor, person: i64) -> AppResult<PersonPayments> {
    use cairn_domain::Permission::{ClaimOwn, ManageClaims};
    if !actor.can(ManageClaims) && !actor.can(ClaimOwn) {
        return Err(crate::AppError::Forbidden);
    }
    let org = org_of(actor)?;
    let summary = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        // Someone else's id reads as "not found" to a member, as everywhere.
        reach_person(&mut c, actor, org, person).await?;
        crate::require(actor, ManageClaims)?;
        let p = cairn_db::people::get(&mut c, org, person).await?;
        let profile = cairn_db::payments::profile(&mut c, person).await?;
        let preset = match profile.as_ref().and_then(|p| p.limit_preset_id) {
            Some(id) => cairn_db::payments::limit_presets(&mut c, org)
                .await?
                .into_iter()
                .find(|x| x.id == id),
            None => None,
        };
        let today = today_of(&mut c, app, org).await?;
        let (week_from, week_to) = period_of(LimitPeriod::Week, today);
        let (month_from, month_to) = period_of(LimitPeriod::Month, today);
        let from = week_from.min(month_from);
        let to = week_to.max(month_to);
        let mut week = PeriodEarnings {
            paid_pence: 0,
            authorised_pence: 0,
            pending_pence: 0,
        };
        let mut month = week;
        for (day, status, income, _) in
            cairn_db::payments::income_by_day(&mut c, person, &from.to_string(), &to.to_string())
                .await?
        {
            let Ok(d) = day.parse::<Date>() else { continue };
            if d >= week_from && d <= week_to {
                super::bucket(&mut week, &status, income);
            }
            if d >= month_from && d <= month_to {
                super::bucket(&mut month, &status, income);
            }
        }
        PersonPayments {
            person_id: person,
            name: p.chosen_name,
            constituency: p.constituency,
            profile,
            preset,
            week_of: week_from.to_string(),
            month_of: month_from.to_string(),
            week,
            month,
        }
    };
    crate::audit::record_read(app, actor, org, "payment_settings", person, &[person]).await?;
    Ok(summary)
}

/// The person's name and how they take part, for naming them on staff pages about their
/// payments (reach checked; the page's own read is audited by its use case).
pub async fn person_named(
    app: &App,
    actor: &Actor,
    person: i64,
) -> AppResult<(String, cairn_domain::people::Constituency)> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    reach_person(&mut c, actor, org, person).await?;
    let p = cairn_db::people::get(&mut c, org, person).await?;
    Ok((p.chosen_name, p.constituency))
}
