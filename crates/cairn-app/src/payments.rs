//! Payments and expenses: the dated rate card, members' payment choices and own earnings
//! limits, claims (made by a member, or by staff with them) whose fee and mileage come from the
//! rates valid on the day, receipts, the two-person approval, payment runs and their exports,
//! the benefits guard and the statement, and the reports.
//!
//! The money rules live in `cairn_domain::payments`; the two-person rule is checked here,
//! enforced again by the conditional UPDATE in `cairn_db::payments`, and once more by the
//! table's CHECK constraints.

use crate::audit::{Action, record};
use crate::org_today as today_of;
use crate::webhooks::Message;
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::Conn;
use cairn_db::payments::{
    Claim, ClaimLine, ClaimQuery, ExpenseRateRow, FeeRateRow, LimitPreset, Line, NewClaim, NewLine,
    Profile, Receipt, Run,
};
use cairn_domain::payments::{
    ActivityType, ClaimDraft, ClaimPeople, ClaimStatus, ExpenseCategory, ExpenseRate, FeeRate,
    LimitPeriod, PaymentChoice, PeriodEarnings, RateBasis, check_approve, check_authorise,
    expense_rate_on, fee_pence, mileage_pence, month_start, parse_pounds, rate_on, tax_year_start,
    week_start,
};
use cairn_domain::time::{DateParts, local_date, parse_date_parts, time_zone};
use cairn_domain::translation::Bilingual;
use cairn_domain::webhooks::Event;
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use serde::Serialize;

pub mod drafts;
mod guard;
pub use guard::{PersonPayments, offered_presets, person_named, person_payments};
mod corrections;
pub use corrections::{Corrections, correct_paid, corrections, statement_corrections};

/// Largest receipt accepted.
pub const RECEIPT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Longest reason or note.
const REASON_MAX: usize = 1000;
/// Longest source note on a rate.
const SOURCE_MAX: usize = 300;

// ---------------------------------------------------------------------------------------------
// The rate card
// ---------------------------------------------------------------------------------------------

/// The organisation's rates and preset limits.
#[derive(Debug, Clone, Serialize)]
pub struct RateCard {
    pub fees: Vec<FeeRateRow>,
    pub expenses: Vec<ExpenseRateRow>,
    pub presets: Vec<LimitPreset>,
}

/// The rate card: anyone in the organisation may read what involvement is paid.
pub async fn rate_card(app: &App, actor: &Actor) -> AppResult<RateCard> {
    let org = org_of(actor)?;
    if actor.role == cairn_domain::Role::PlatformAdmin {
        return Err(AppError::Forbidden);
    }
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    Ok(RateCard {
        fees: cairn_db::payments::fee_rates(&mut c, org).await?,
        expenses: cairn_db::payments::expense_rates(&mut c, org).await?,
        presets: cairn_db::payments::limit_presets(&mut c, org).await?,
    })
}

/// A fee rate as typed.
#[derive(Debug, Clone, Default)]
pub struct FeeRateDraft {
    pub activity_type: String,
    pub basis: String,
    pub hour: String,
    pub half_day: String,
    pub day: String,
    pub valid_from: DateParts,
    pub valid_to: DateParts,
    pub source: String,
    /// The source note in Welsh (either or both).
    pub source_cy: String,
}

fn money(e: &mut FieldErrors, field: &str, raw: &str, required: bool) -> i64 {
    if raw.trim().is_empty() {
        if required {
            e.add(field, "payments-error-amount");
        }
        return 0;
    }
    match parse_pounds(raw) {
        Some(p) if p <= cairn_domain::payments::MAX_PENCE => p,
        _ => {
            e.add(field, "payments-error-amount");
            0
        }
    }
}

fn dates(e: &mut FieldErrors, from: &DateParts, to: &DateParts) -> (Option<Date>, Option<Date>) {
    let f = parse_date_parts(e, "valid_from", from, None);
    if from.is_blank() {
        e.add("valid_from", "payments-error-valid-from");
    }
    let t = parse_date_parts(e, "valid_to", to, None);
    if let (Some(f), Some(t)) = (f, t)
        && t < f
    {
        e.add("valid_to", "payments-error-valid-to");
    }
    (f, t)
}

/// Where a rate comes from, in English, Welsh or both (at least one). The English column is
/// never NULL, so a Welsh-only note stores an empty English one (on the translation list).
fn source(e: &mut FieldErrors, en: &str, cy: &str) -> Bilingual {
    let b = Bilingual::new(Some(en), Some(cy));
    if b.is_empty() {
        e.add("source", "payments-error-source");
    }
    b.check(e, "source", SOURCE_MAX, "payments-error-too-long");
    b
}

/// Adds a fee rate (finance, leads and administrators).
pub async fn add_fee_rate(app: &App, actor: &Actor, d: &FeeRateDraft) -> AppResult<i64> {
    require(actor, Permission::ManageRates)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let activity = ActivityType::parse(d.activity_type.trim());
    if activity.is_none() {
        e.add("activity_type", "payments-error-activity");
    }
    let basis = RateBasis::parse(d.basis.trim());
    if basis.is_none() {
        e.add("basis", "payments-error-basis");
    }
    let hourly = basis == Some(RateBasis::Hour);
    let session = basis == Some(RateBasis::Session);
    let hour = money(&mut e, "hour", &d.hour, hourly);
    let half = money(&mut e, "half_day", &d.half_day, session);
    let day = money(&mut e, "day", &d.day, session);
    let (from, to) = dates(&mut e, &d.valid_from, &d.valid_to);
    let source = source(&mut e, &d.source, &d.source_cy);
    let (Some(activity), Some(basis), Some(from), true) = (activity, basis, from, e.is_empty())
    else {
        return Err(e.into());
    };
    let rate = FeeRate {
        activity,
        basis,
        hour_pence: if hourly { hour } else { 0 },
        half_day_pence: if session { half } else { 0 },
        day_pence: if session { day } else { 0 },
        valid_from: from,
        valid_to: to,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::payments::insert_fee_rate(
        &mut tx.conn(),
        org,
        &rate,
        source.en.as_deref().unwrap_or_default(),
        source.cy.as_deref(),
        false,
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "fee_rate",
        Some(id),
        None,
        Some(&serde_json::json!({"activity_type": activity.key(), "basis": basis.key(), "hour_pence": rate.hour_pence,
            "half_day_pence": rate.half_day_pence, "day_pence": rate.day_pence, "valid_from": from.to_string(),
            "valid_to": to.map(|d| d.to_string()), "source": source.en, "source_cy": source.cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An expense rate as typed.
#[derive(Debug, Clone, Default)]
pub struct ExpenseRateDraft {
    pub category: String,
    pub per_mile: String,
    pub after_band: String,
    pub band_miles: String,
    pub limit: String,
    pub needs_receipt: bool,
    pub needs_preapproval: bool,
    pub counts_as_income: bool,
    pub valid_from: DateParts,
    pub valid_to: DateParts,
    pub source: String,
    /// The source note in Welsh (either or both).
    pub source_cy: String,
}

/// Adds a mileage or expense rate.
pub async fn add_expense_rate(app: &App, actor: &Actor, d: &ExpenseRateDraft) -> AppResult<i64> {
    require(actor, Permission::ManageRates)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let category = ExpenseCategory::parse(d.category.trim());
    if category.is_none() {
        e.add("category", "payments-error-category");
    }
    let mileage = category.is_some_and(ExpenseCategory::is_mileage);
    let per_mile = money(&mut e, "per_mile", &d.per_mile, mileage);
    let car = category == Some(ExpenseCategory::MileageCar);
    let after_band = money(&mut e, "after_band", &d.after_band, false);
    let band_miles = if d.band_miles.trim().is_empty() {
        0
    } else {
        match d.band_miles.trim().parse::<i64>() {
            Ok(n) if (0..=1_000_000).contains(&n) => n,
            _ => {
                e.add("band_miles", "payments-error-band");
                0
            }
        }
    };
    let limit = money(&mut e, "limit", &d.limit, false);
    let (from, to) = dates(&mut e, &d.valid_from, &d.valid_to);
    let source = source(&mut e, &d.source, &d.source_cy);
    let (Some(category), Some(from), true) = (category, from, e.is_empty()) else {
        return Err(e.into());
    };
    let rate = ExpenseRate {
        category,
        per_mile_pence: if mileage { per_mile } else { 0 },
        after_band_pence: if car { after_band } else { 0 },
        band_miles: if car { band_miles } else { 0 },
        limit_pence: limit,
        needs_receipt: d.needs_receipt,
        needs_preapproval: d.needs_preapproval,
        counts_as_income: d.counts_as_income,
        valid_from: from,
        valid_to: to,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::payments::insert_expense_rate(
        &mut tx.conn(),
        org,
        &rate,
        source.en.as_deref().unwrap_or_default(),
        source.cy.as_deref(),
        false,
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "expense_rate",
        Some(id),
        None,
        Some(&serde_json::json!({"category": category.key(), "per_mile_pence": rate.per_mile_pence,
            "after_band_pence": rate.after_band_pence, "band_miles": rate.band_miles, "limit_pence": rate.limit_pence,
            "valid_from": from.to_string(), "source": source.en, "source_cy": source.cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The source note of the examples that are one organisation's policy, not a national figure.
const LOCAL: (&str, &str) = ("Local policy example", "Enghraifft o bolisi lleol");

/// Pre-fills an organisation's rate card and preset limits with the examples in Cairn's
/// domain notes, each marked "example — check the current figure". Used by the demo.
pub async fn add_examples(c: &mut Conn<'_>, org: i64, now: i64) -> AppResult<()> {
    let d = |y, m, day| Date::new(y, m, day).unwrap_or(Date::MIN);
    let by = "system";
    let fee = |activity, basis, hour_pence, half_day_pence, day_pence| FeeRate {
        activity,
        basis,
        hour_pence,
        half_day_pence,
        day_pence,
        valid_from: d(2025, 4, 6),
        valid_to: None,
    };
    let fees = [
        (
            fee(ActivityType::Meeting, RateBasis::Session, 0, 7500, 15000),
            (
                "NICE lay member rates: £75 under 4 hours, £150 for 4 hours or more",
                "Cyfraddau aelodau lleyg NICE: £75 am lai na 4 awr, £150 am 4 awr neu fwy",
            ),
        ),
        (
            fee(
                ActivityType::InterviewPanel,
                RateBasis::Session,
                0,
                7500,
                15000,
            ),
            ("NICE lay member rates", "Cyfraddau aelodau lleyg NICE"),
        ),
        (
            fee(ActivityType::TrainingDelivery, RateBasis::Hour, 2500, 0, 0),
            LOCAL,
        ),
        (
            fee(ActivityType::Consultation, RateBasis::Hour, 2000, 0, 0),
            LOCAL,
        ),
        (
            fee(ActivityType::Other, RateBasis::Hour, 1380, 0, 0),
            (
                "NIHR public involvement rates (lowest reported hourly rate)",
                "Cyfraddau cynnwys y cyhoedd NIHR (y gyfradd fesul awr isaf a adroddwyd)",
            ),
        ),
    ];
    for (r, (en, cy)) in fees {
        cairn_db::payments::insert_fee_rate(c, org, &r, en, Some(cy), true, now, by).await?;
    }
    let x = |category,
             per_mile_pence,
             after_band_pence,
             band_miles,
             limit_pence,
             receipt,
             pre,
             income| {
        ExpenseRate {
            category,
            per_mile_pence,
            after_band_pence,
            band_miles,
            limit_pence,
            needs_receipt: receipt,
            needs_preapproval: pre,
            counts_as_income: income,
            valid_from: d(2011, 4, 6),
            valid_to: None,
        }
    };
    let hmrc = (
        "HMRC approved mileage allowance payments",
        "Taliadau lwfans milltiroedd a gymeradwywyd gan CThEF",
    );
    let expenses = [
        (
            x(
                ExpenseCategory::MileageCar,
                45,
                25,
                10_000,
                0,
                false,
                false,
                false,
            ),
            hmrc,
        ),
        (
            x(
                ExpenseCategory::MileagePassenger,
                5,
                0,
                0,
                0,
                false,
                false,
                false,
            ),
            hmrc,
        ),
        (
            x(
                ExpenseCategory::MileageBicycle,
                20,
                0,
                0,
                0,
                false,
                false,
                false,
            ),
            hmrc,
        ),
        (
            x(
                ExpenseCategory::PublicTransport,
                0,
                0,
                0,
                5000,
                true,
                false,
                false,
            ),
            LOCAL,
        ),
        (
            x(ExpenseCategory::Parking, 0, 0, 0, 1500, true, false, false),
            LOCAL,
        ),
        (
            x(ExpenseCategory::Meal, 0, 0, 0, 1000, true, false, false),
            LOCAL,
        ),
        (
            x(
                ExpenseCategory::CareCover,
                0,
                0,
                0,
                10000,
                true,
                true,
                false,
            ),
            LOCAL,
        ),
        (
            x(
                ExpenseCategory::OnlineAllowance,
                0,
                0,
                0,
                500,
                false,
                false,
                true,
            ),
            (
                "An online meeting allowance seen in practice; check with a benefits adviser",
                "Lwfans cyfarfod ar-lein a welwyd yn ymarferol; holwch gynghorydd budd-daliadau",
            ),
        ),
    ];
    for (r, (en, cy)) in expenses {
        cairn_db::payments::insert_expense_rate(c, org, &r, en, Some(cy), true, now, by).await?;
    }
    let presets = [
        (
            "ESA permitted work (weekly)",
            "Gwaith a ganiateir – Lwfans Cyflogaeth a Chymorth (wythnosol)",
            "week",
            19550,
            "2025-04-07",
            Some("2026-04-05"),
            (
                "DWP permitted work limit 2025/26",
                "Terfyn gwaith a ganiateir yr Adran Gwaith a Phensiynau 2025/26",
            ),
        ),
        (
            "Carer's Allowance earnings limit (weekly)",
            "Terfyn enillion Lwfans Gofalwr (wythnosol)",
            "week",
            19600,
            "2025-04-07",
            Some("2026-04-05"),
            (
                "DWP Carer's Allowance earnings limit from 7 April 2025",
                "Terfyn enillion Lwfans Gofalwr yr Adran Gwaith a Phensiynau o 7 Ebrill 2025",
            ),
        ),
        (
            "Carer's Allowance earnings limit (weekly)",
            "Terfyn enillion Lwfans Gofalwr (wythnosol)",
            "week",
            20400,
            "2026-04-06",
            None,
            (
                "Reported limit from April 2026",
                "Y terfyn a adroddwyd o fis Ebrill 2026",
            ),
        ),
    ];
    for (en, cy, period, amount, from, to, (source, source_cy)) in presets {
        cairn_db::payments::insert_limit_preset(
            c,
            org,
            en,
            cy,
            period,
            amount,
            from,
            to,
            source,
            Some(source_cy),
            true,
            now,
            by,
        )
        .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// People: reach, profiles
// ---------------------------------------------------------------------------------------------

/// May the actor see this person's payments? Themselves; staff within reach; finance, who pay
/// them, once they have sent a claim.
async fn reach_person(c: &mut Conn<'_>, actor: &Actor, org: i64, person: i64) -> AppResult<()> {
    reach(c, actor, org, person, false).await
}

/// [`reach_person`] for the claimant of a claim the actor has in hand: finance reaches them
/// through the claim itself.
async fn reach_claimant(c: &mut Conn<'_>, actor: &Actor, org: i64, person: i64) -> AppResult<()> {
    reach(c, actor, org, person, true).await
}

async fn reach(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    person: i64,
    through_claim: bool,
) -> AppResult<()> {
    if actor.is_person(person) {
        return Ok(());
    }
    if actor.can(Permission::AuthoriseClaims) {
        // Finance reaches the people whose claims it pays, not everyone in the organisation.
        cairn_db::people::get(c, org, person).await?;
        if !through_claim && !cairn_db::payments::has_sent_claim(c, org, person).await? {
            return Err(AppError::NotFound);
        }
        return Ok(());
    }
    if !actor.can(Permission::ManageClaims) {
        return Err(if actor.can(Permission::ClaimOwn) {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    cairn_db::people::get(c, org, person).await?;
    let units = cairn_db::people::unit_ids(c, person).await?;
    if !actor.can_reach_any_unit(&units) {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// A person's payment profile as typed.
#[derive(Debug, Clone, Default)]
pub struct ProfileDraft {
    pub choice: String,
    pub lower: String,
    pub limit_kind: String,
    pub limit_period: String,
    pub limit_amount: String,
    pub preset_id: String,
    /// "yes" to hold a claim at the limit; anything else warns only.
    pub hold: String,
    /// With the hold: "later", "vouchers" or "none".
    pub over_limit: String,
}

/// A person's payment profile (none until they choose).
pub async fn profile(app: &App, actor: &Actor, person: i64) -> AppResult<Option<Profile>> {
    let org = org_of(actor)?;
    let profile = {
        let mut h = app.db.acquire().await?;
        reach_person(&mut h.conn(), actor, org, person).await?;
        cairn_db::payments::profile(&mut h.conn(), person).await?
    };
    crate::audit::record_read(app, actor, org, "payment_settings", person, &[person]).await?;
    Ok(profile)
}

/// Staff start a claim with a person chosen (from their page or a meeting): the person must be
/// within reach, and the read is audited.
pub async fn claim_form_for(app: &App, actor: &Actor, person: i64) -> AppResult<()> {
    require(actor, Permission::ManageClaims)?;
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        reach_person(&mut h.conn(), actor, org, person).await?;
    }
    crate::audit::record_read(app, actor, org, "claim_form", person, &[person]).await
}

/// A profile as checked, ready to store.
struct CheckedProfile {
    choice: PaymentChoice,
    lower: Option<i64>,
    limit_period: Option<String>,
    limit_pence: Option<i64>,
    preset: Option<i64>,
    hold_at_limit: bool,
    over_limit: Option<String>,
}

/// Checks a profile as typed against the presets on offer, every field at once.
fn check_draft(d: &ProfileDraft, presets: &[LimitPreset]) -> Result<CheckedProfile, FieldErrors> {
    let mut e = FieldErrors::new();
    let choice = PaymentChoice::parse(d.choice.trim());
    if choice.is_none() {
        e.add("choice", "payments-error-choice");
    }
    let lower = if choice == Some(PaymentChoice::Lower) {
        Some(money(&mut e, "lower", &d.lower, true))
    } else {
        None
    };
    let (limit_period, limit_pence, preset) = match d.limit_kind.trim() {
        "" | "none" => (None, None, None),
        "preset" => match d
            .preset_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| presets.iter().find(|p| p.id == id))
        {
            Some(p) => (Some(p.period.clone()), Some(p.amount_pence), Some(p.id)),
            None => {
                e.add("preset_id", "payments-error-preset");
                (None, None, None)
            }
        },
        "own" => {
            let period = LimitPeriod::parse(d.limit_period.trim());
            if period.is_none() {
                e.add("limit_period", "payments-error-period");
            }
            let amount = money(&mut e, "limit_amount", &d.limit_amount, true);
            (period.map(|p| p.key().to_owned()), Some(amount), None)
        }
        _ => {
            e.add("limit_kind", "payments-error-limit-kind");
            (None, None, None)
        }
    };
    let hold_at_limit = match d.hold.trim() {
        "yes" => true,
        "" | "no" => false,
        _ => {
            e.add("hold", "payments-error-hold");
            false
        }
    };
    // Holding needs a limit to hold at.
    if hold_at_limit && matches!(d.limit_kind.trim(), "" | "none") {
        e.add("hold", "payments-error-hold-needs-limit");
    }
    let over_limit = if hold_at_limit {
        match cairn_domain::payments::OverLimit::parse(d.over_limit.trim()) {
            Some(o) => Some(o.key().to_owned()),
            None => {
                e.add("over_limit", "payments-error-over-limit-choice");
                None
            }
        }
    } else {
        None
    };
    match (choice, e.is_empty()) {
        (Some(choice), true) => Ok(CheckedProfile {
            choice,
            lower,
            limit_period,
            limit_pence,
            preset,
            hold_at_limit,
            over_limit,
        }),
        _ => Err(e),
    }
}

/// May the actor set this person's profile? Themselves, or staff with them within reach.
async fn may_set_profile(app: &App, actor: &Actor, org: i64, person: i64) -> AppResult<()> {
    {
        let mut h = app.db.acquire().await?;
        reach_person(&mut h.conn(), actor, org, person).await?;
    }
    if !actor.is_person(person) && !actor.can(Permission::ManageClaims) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Checks the answers given so far when a profile is asked one question a page: only errors on
/// `fields` (the questions on this page) count; later questions are not answered yet.
pub async fn check_profile(
    app: &App,
    actor: &Actor,
    person: i64,
    d: &ProfileDraft,
    fields: &[&str],
) -> AppResult<()> {
    let org = org_of(actor)?;
    may_set_profile(app, actor, org, person).await?;
    let presets = offered_presets(app, actor).await?;
    match check_draft(d, &presets) {
        Ok(_) => Ok(()),
        Err(all) => {
            let mut e = FieldErrors::new();
            for x in all
                .0
                .into_iter()
                .filter(|x| fields.contains(&x.field.as_str()))
            {
                e.add(&x.field, x.code);
            }
            if e.is_empty() { Ok(()) } else { Err(e.into()) }
        }
    }
}

/// Sets how a person is recognised, their own limit and whether a claim is held at it: the
/// member themselves, or staff with them (recorded on their behalf).
pub async fn set_profile(app: &App, actor: &Actor, person: i64, d: &ProfileDraft) -> AppResult<()> {
    let org = org_of(actor)?;
    may_set_profile(app, actor, org, person).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today_of(&mut tx.conn(), app, org).await?;
    // A preset that has ended is no longer offered, nor taken if sent anyway.
    let presets = guard::current(
        cairn_db::payments::limit_presets(&mut tx.conn(), org).await?,
        today,
    );
    let k = check_draft(d, &presets)?;
    let before = cairn_db::payments::profile(&mut tx.conn(), person).await?;
    let p = Profile {
        person_id: person,
        choice: k.choice,
        lower_pence: k.lower,
        limit_period: k.limit_period,
        limit_pence: k.limit_pence,
        limit_preset_id: k.preset,
        updated_at: now,
        updated_by_label: actor.label.clone(),
        hold_at_limit: k.hold_at_limit,
        over_limit: k.over_limit,
    };
    cairn_db::payments::set_profile(&mut tx.conn(), &p).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "payment_profile",
        Some(person),
        before.as_ref(),
        Some(&p),
        Some(person),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The benefits guard
// ---------------------------------------------------------------------------------------------

/// A person's fees in the week and the month of a date, against their own limit.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Guard {
    pub week_of: String,
    pub month_of: String,
    /// Other claims in that week and month (this claim not included).
    pub week: PeriodEarnings,
    pub month: PeriodEarnings,
    /// This claim's income.
    pub this_pence: i64,
    pub limit_period: Option<String>,
    pub limit_pence: Option<i64>,
    /// True when this claim would take the period past the limit.
    pub would_pass: bool,
    /// The most this claim could pay in income and stay within the limit.
    pub room_pence: Option<i64>,
}

fn bucket(e: &mut PeriodEarnings, status: &str, pence: i64) {
    match status {
        "paid" | "in_run" => e.paid_pence += pence,
        "authorised" => e.authorised_pence += pence,
        _ => e.pending_pence += pence,
    }
}

async fn guard_for(
    c: &mut Conn<'_>,
    person: i64,
    on: Date,
    this_claim: Option<i64>,
    this_pence: i64,
) -> AppResult<Guard> {
    let week = week_start(on);
    let month = month_start(on);
    let from = week.min(month);
    let last_of_week = week.checked_add(jiff::Span::new().days(6)).unwrap_or(on);
    let last_of_month = month.last_of_month();
    let to = last_of_week.max(last_of_month);
    let mut w = PeriodEarnings {
        paid_pence: 0,
        authorised_pence: 0,
        pending_pence: 0,
    };
    let mut m = w;
    for (day, status, income, _) in
        cairn_db::payments::income_by_day(c, person, &from.to_string(), &to.to_string()).await?
    {
        let Ok(d) = day.parse::<Date>() else { continue };
        if d >= week && d <= last_of_week {
            bucket(&mut w, &status, income);
        }
        if d >= month && d <= last_of_month {
            bucket(&mut m, &status, income);
        }
    }
    // This claim's own income is shown separately, not inside "others".
    if let Some(id) = this_claim
        && let Some(cl) = own_claim_row(c, id).await?
        && !matches!(cl.1.as_str(), "draft" | "rejected")
    {
        let d: Date = cl.0.parse().unwrap_or(on);
        if d >= week && d <= last_of_week {
            bucket(&mut w, &cl.1, -cl.2);
        }
        if d >= month && d <= last_of_month {
            bucket(&mut m, &cl.1, -cl.2);
        }
    }
    let profile = cairn_db::payments::profile(c, person).await?;
    let (limit_period, limit_pence) = match &profile {
        Some(p) => (p.limit_period.clone(), p.limit_pence),
        None => (None, None),
    };
    let others = match limit_period.as_deref() {
        Some("month") => m.total(),
        _ => w.total(),
    };
    let would_pass = limit_pence.is_some_and(|l| others + this_pence > l);
    Ok(Guard {
        week_of: week.to_string(),
        month_of: month.to_string(),
        week: w,
        month: m,
        this_pence,
        room_pence: limit_pence.map(|l| cairn_domain::payments::room_under(l, others)),
        limit_period,
        limit_pence,
        would_pass,
    })
}

async fn own_claim_row(c: &mut Conn<'_>, id: i64) -> AppResult<Option<(String, String, i64)>> {
    Ok(cairn_db::fetch_optional!(
        c,
        (String, String, i64),
        "SELECT activity_on, status, income_pence FROM claims WHERE id = $1",
        id
    )?)
}

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

/// Makes a claim: a member for themselves (`person = None`), or staff with a person. The fee and
/// mileage come from the rates valid on the activity's date; the member's payment choice is
/// applied. Returns the new claim's id; it starts as a draft.
pub async fn create_claim(
    app: &App,
    actor: &Actor,
    person: Option<i64>,
    meeting_id: Option<i64>,
    d: &ClaimDraft,
) -> AppResult<i64> {
    create_linked_claim(app, actor, person, meeting_id, None, d).await
}

/// As [`create_claim`], for delivering a training session: the claim names the session, and
/// a trainer's second claim for one session is refused in the same transaction.
pub(crate) async fn create_linked_claim(
    app: &App,
    actor: &Actor,
    person: Option<i64>,
    meeting_id: Option<i64>,
    training_session_id: Option<i64>,
    d: &ClaimDraft,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    let person = match person {
        Some(p) if !actor.is_person(p) => {
            require(actor, Permission::ManageClaims)?;
            let mut h = app.db.acquire().await?;
            reach_person(&mut h.conn(), actor, org, p).await?;
            p
        }
        Some(p) => p,
        None => {
            require(actor, Permission::ClaimOwn)?;
            actor.person_id.ok_or(AppError::Forbidden)?
        }
    };
    if actor.is_person(person) {
        require(actor, Permission::ClaimOwn)?;
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_person(&mut tx.conn(), person).await?;
    let today = today_of(&mut tx.conn(), app, org).await?;
    let f = d.validate(today)?;
    if let Some(session) = training_session_id
        && cairn_db::payments::session_claims(&mut tx.conn(), session)
            .await?
            .iter()
            .any(|(_, p)| *p == person)
    {
        return Err(AppError::Conflict("training-error-claimed"));
    }
    if let Some(m) = meeting_id
        && cairn_db::meetings::get_meeting(&mut tx.conn(), org, m)
            .await?
            .is_none()
    {
        return Err(invalid("meeting_id", "payments-error-meeting"));
    }
    let p = cairn_db::people::get(&mut tx.conn(), org, person).await?;
    let units = cairn_db::people::unit_ids(&mut tx.conn(), person).await?;
    let fees: Vec<FeeRate> = cairn_db::payments::fee_rates(&mut tx.conn(), org)
        .await?
        .iter()
        .filter_map(FeeRateRow::rate)
        .collect();
    let expense_rates: Vec<ExpenseRate> = cairn_db::payments::expense_rates(&mut tx.conn(), org)
        .await?
        .iter()
        .filter_map(ExpenseRateRow::rate)
        .collect();
    let profile = cairn_db::payments::profile(&mut tx.conn(), person).await?;
    let choice = profile
        .as_ref()
        .map(|p| p.choice)
        .unwrap_or(PaymentChoice::Bank);
    let mut e = FieldErrors::new();
    let fee = match choice {
        PaymentChoice::ExpensesOnly | PaymentChoice::Nothing => 0,
        _ => match rate_on(&fees, f.activity, f.activity_on) {
            Some(r) => fee_pence(r, f.minutes),
            None => {
                e.add("activity_type", "payments-error-no-rate");
                0
            }
        },
    };
    let fee = match (choice, profile.as_ref().and_then(|p| p.lower_pence)) {
        (PaymentChoice::Lower, Some(cap)) => fee.min(cap),
        _ => fee,
    };
    let mut lines: Vec<(ExpenseCategory, Option<i64>, i64, bool)> = Vec::new();
    // Every car mile already claimed in the tax year counts, whatever day it was for: a claim
    // made late for an earlier day must not take the higher rate past the band.
    let year_start = tax_year_start(f.activity_on);
    let year_end = Date::new(year_start.year() + 1, 4, 5).unwrap_or(f.activity_on);
    let mut car_before = cairn_db::payments::car_miles_since(
        &mut tx.conn(),
        person,
        &year_start.to_string(),
        &year_end.to_string(),
    )
    .await?;
    if choice != PaymentChoice::Nothing {
        for (i, x) in f.expenses.iter().enumerate() {
            let Some(rate) = expense_rate_on(&expense_rates, x.category, f.activity_on) else {
                e.add(&format!("expense_{i}"), "payments-error-no-expense-rate");
                continue;
            };
            let amount = match (x.miles_tenths, x.amount_pence) {
                (Some(t), _) => {
                    let p = mileage_pence(rate, car_before, t);
                    if x.category == ExpenseCategory::MileageCar {
                        car_before += t;
                    }
                    p
                }
                (None, Some(p)) => p,
                (None, None) => 0,
            };
            if rate.limit_pence > 0 && amount > rate.limit_pence {
                e.add(&format!("expense_{i}"), "payments-error-over-limit");
                continue;
            }
            lines.push((x.category, x.miles_tenths, amount, rate.counts_as_income));
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let activity_on = f.activity_on.to_string();
    let new = NewClaim {
        person_id: person,
        unit_id: units.first().copied(),
        constituency: p.constituency.key(),
        activity: f.activity,
        activity_on: &activity_on,
        minutes: f.minutes,
        description: &f.description,
        meeting_id,
        training_session_id,
        choice,
        created_by_user_id: (actor.user_id != 0).then_some(actor.user_id),
        created_by_label: &actor.label,
    };
    let id = cairn_db::payments::insert_claim(&mut tx.conn(), org, &new, now).await?;
    if fee > 0 {
        cairn_db::payments::add_line(
            &mut tx.conn(),
            id,
            &NewLine {
                kind: "fee",
                category: None,
                miles_tenths: None,
                amount_pence: fee,
                counts_as_income: true,
                is_fee: true,
                note: None,
                reverses_line_id: None,
                preapproved: false,
            },
            now,
            &actor.label,
        )
        .await?;
    }
    for (category, miles, amount, income) in &lines {
        cairn_db::payments::add_line(
            &mut tx.conn(),
            id,
            &NewLine {
                kind: "expense",
                category: Some(*category),
                miles_tenths: *miles,
                amount_pence: *amount,
                counts_as_income: *income,
                is_fee: false,
                note: None,
                reverses_line_id: None,
                preapproved: false,
            },
            now,
            &actor.label,
        )
        .await?;
    }
    let for_someone = !actor.is_person(person);
    cairn_db::payments::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        if for_someone { "made_for" } else { "made" },
        None,
    )
    .await?;
    let after = cairn_db::payments::get_claim(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "claim",
        Some(id),
        None,
        after.as_ref(),
        Some(person),
        now,
    )
    .await?;
    if for_someone
        && let Some(user) = cairn_db::accounts::find_user_by_person(&mut tx.conn(), person).await?
    {
        crate::notices::notify(
            &mut tx.conn(),
            user.id,
            "notice-claim-made-for",
            &[("by", actor.label.clone())],
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Loads a claim the actor may see: its claimant, staff within reach, and finance.
async fn load_claim(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Claim> {
    if !actor.can(Permission::ClaimOwn)
        && !actor.can(Permission::ManageClaims)
        && !actor.can(Permission::AuthoriseClaims)
    {
        return Err(AppError::Forbidden);
    }
    let claim = cairn_db::payments::get_claim(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    reach_claimant(c, actor, org, claim.person_id).await?;
    Ok(claim)
}

/// Checks, before anything else, that the claim exists and the actor may see it, so another
/// organisation's id is "not found" whatever is sent with it.
async fn must_see_claim(app: &App, actor: &Actor, org: i64, id: i64) -> AppResult<()> {
    let mut h = app.db.acquire().await?;
    load_claim(&mut h.conn(), actor, org, id).await?;
    Ok(())
}

/// One claim as its page shows it.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub claim: Claim,
    pub lines: Vec<Line>,
    pub receipts: Vec<Receipt>,
    pub events: Vec<cairn_db::payments::Event>,
    pub guard: Guard,
    /// Categories on the claim that need a receipt, none attached yet.
    pub receipt_missing: bool,
    pub can_submit: bool,
    pub can_approve: bool,
    pub can_authorise: bool,
    pub can_reject: bool,
    pub can_correct: bool,
    pub can_attach: bool,
    /// Why the actor cannot take the next step themselves, when that is the reason.
    pub blocked: Option<&'static str>,
}

/// One claim.
pub async fn claim(app: &App, actor: &Actor, id: i64) -> AppResult<ClaimView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let claim = load_claim(&mut c, actor, org, id).await?;
    let lines = cairn_db::payments::lines(&mut c, id).await?;
    let receipts = cairn_db::payments::receipts(&mut c, id).await?;
    let events = cairn_db::payments::events(&mut c, id).await?;
    let on: Date = claim.activity_on.parse().unwrap_or(Date::MIN);
    let guard = guard_for(&mut c, claim.person_id, on, Some(id), claim.income_pence).await?;
    let receipt_missing = receipts.is_empty() && needs_receipt(&mut c, org, &lines, on).await?;
    let own = actor.is_person(claim.person_id);
    let people = ClaimPeople {
        claimant_person: claim.person_id,
        approved_by_user: claim.approved_by_user_id,
        approved_by_person: claim.approved_by_person_id,
    };
    let approve_ok = check_approve(claim.status, people, actor.person_id);
    let authorise_ok = check_authorise(claim.status, people, actor.user_id, actor.person_id);
    let blocked = match (claim.status, approve_ok, authorise_ok) {
        (ClaimStatus::Submitted, Err(e), _) if actor.can(Permission::ApproveClaims) => {
            Some(e.message_id())
        }
        (ClaimStatus::Approved, _, Err(e)) if actor.can(Permission::AuthoriseClaims) => {
            Some(e.message_id())
        }
        _ => None,
    };
    let draft = claim.status == ClaimStatus::Draft;
    drop(h);
    crate::audit::record_read(app, actor, org, "claim", id, &[claim.person_id]).await?;
    Ok(ClaimView {
        can_submit: draft && (own || actor.can(Permission::ManageClaims)),
        can_approve: actor.can(Permission::ApproveClaims) && approve_ok.is_ok(),
        can_authorise: actor.can(Permission::AuthoriseClaims) && authorise_ok.is_ok(),
        can_reject: !own
            && ((claim.status == ClaimStatus::Submitted && actor.can(Permission::ApproveClaims))
                || (claim.status == ClaimStatus::Approved
                    && actor.can(Permission::AuthoriseClaims))),
        can_correct: !own
            && actor.can(Permission::ApproveClaims)
            && matches!(
                claim.status,
                ClaimStatus::Draft | ClaimStatus::Submitted | ClaimStatus::Approved
            ),
        can_attach: matches!(claim.status, ClaimStatus::Draft | ClaimStatus::Submitted)
            && (own || actor.can(Permission::ManageClaims)),
        blocked,
        claim,
        lines,
        receipts,
        events,
        guard,
        receipt_missing,
    })
}

async fn needs_receipt(c: &mut Conn<'_>, org: i64, lines: &[Line], on: Date) -> AppResult<bool> {
    let rates: Vec<ExpenseRate> = cairn_db::payments::expense_rates(c, org)
        .await?
        .iter()
        .filter_map(ExpenseRateRow::rate)
        .collect();
    Ok(lines.iter().any(|l| {
        l.kind == "expense"
            && l.category
                .as_deref()
                .and_then(ExpenseCategory::parse)
                .and_then(|cat| expense_rate_on(&rates, cat, on))
                .is_some_and(|r| r.needs_receipt)
            && !lines.iter().any(|r| r.reverses_line_id == Some(l.id))
    }))
}

/// Claims the actor can see, newest first: a member's own; staff's within reach; finance all.
pub async fn list(app: &App, actor: &Actor, q: ClaimQuery) -> AppResult<Vec<Claim>> {
    let org = org_of(actor)?;
    let Some(q) = within_reach(actor, q)? else {
        return Ok(Vec::new());
    };
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::payments::list_claims(&mut h.conn(), org, &q).await?)
}

/// The same claims as [`list`], with only what the list of claims shows of each.
pub async fn list_lines(app: &App, actor: &Actor, q: ClaimQuery) -> AppResult<Vec<ClaimLine>> {
    let org = org_of(actor)?;
    let Some(q) = within_reach(actor, q)? else {
        return Ok(Vec::new());
    };
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::payments::list_claim_lines(&mut h.conn(), org, &q).await?)
}

/// `q` kept within the actor's reach; `None` when it can find nothing they may see.
fn within_reach(actor: &Actor, mut q: ClaimQuery) -> AppResult<Option<ClaimQuery>> {
    if actor.can(Permission::ManageClaims) || actor.can(Permission::AuthoriseClaims) {
        if actor.role.is_unit_scoped() {
            q.within_units = Some(actor.unit_ids.clone());
        }
    } else if actor.can(Permission::ClaimOwn) {
        let own = actor.person_id.ok_or(AppError::Forbidden)?;
        // A member asking after someone else's claims finds none, rather than their own.
        if q.person_id.is_some_and(|p| p != own) {
            return Ok(None);
        }
        q.person_id = Some(own);
    } else {
        return Err(AppError::Forbidden);
    }
    Ok(Some(q))
}

/// Claims waiting at each step (for the payments home and the reports).
pub async fn waiting(app: &App, actor: &Actor) -> AppResult<Vec<(ClaimStatus, i64)>> {
    let org = org_of(actor)?;
    if !actor.can(Permission::ManageClaims)
        && !actor.can(Permission::AuthoriseClaims)
        && !actor.can(Permission::ViewPaymentReports)
    {
        return Err(AppError::Forbidden);
    }
    let mut h = app.db.acquire().await?;
    let rows = cairn_db::payments::counts_by_status(&mut h.conn(), org).await?;
    Ok(ClaimStatus::ALL
        .iter()
        .map(|s| {
            (
                *s,
                rows.iter()
                    .find(|(k, _)| k == s.key())
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
            )
        })
        .collect())
}

async fn step_done(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    claim: &Claim,
    kind: &str,
    note: Option<&str>,
    now: i64,
) -> AppResult<()> {
    cairn_db::payments::add_event(c, claim.id, now, &actor.label, kind, note).await?;
    let after = cairn_db::payments::get_claim(c, org, claim.id).await?;
    record(
        c,
        actor,
        Some(org),
        Action::Update,
        "claim",
        Some(claim.id),
        Some(&claim.status.key()),
        after.as_ref().map(|a| a.status.key()).as_ref(),
        Some(claim.person_id),
        now,
    )
    .await?;
    Ok(())
}

async fn tell(
    c: &mut Conn<'_>,
    person: i64,
    message: &str,
    args: &[(&str, crate::notices::NoticeArg)],
    now: i64,
) -> AppResult<()> {
    if let Some(user) = cairn_db::accounts::find_user_by_person(c, person).await? {
        crate::notices::notify_with(c, user.id, message, args, now).await?;
    }
    Ok(())
}

/// Submits a draft (the claimant, or staff with them). Receipts the rates ask for must be there.
pub async fn submit(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, id).await?;
    if !actor.is_person(claim.person_id) && !actor.can(Permission::ManageClaims) {
        return Err(AppError::Forbidden);
    }
    let lines = cairn_db::payments::lines(&mut tx.conn(), id).await?;
    let on: Date = claim.activity_on.parse().unwrap_or(Date::MIN);
    let receipts = cairn_db::payments::receipts(&mut tx.conn(), id).await?;
    if receipts.is_empty() && needs_receipt(&mut tx.conn(), org, &lines, on).await? {
        return Err(AppError::Conflict("payments-error-receipt-needed"));
    }
    if !cairn_db::payments::submit(&mut tx.conn(), id, now).await? {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    step_done(&mut tx.conn(), actor, org, &claim, "submitted", None, now).await?;
    let m = Message::claim(
        Event::ClaimSubmitted,
        id,
        claim.person_id,
        None,
        Some(&claim.description),
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Approves a submitted claim (a lead or unit staff, never the claimant). `pay_fee` lowers the
/// fee this time (never raises it), recorded as an adjustment with its reason, and the member
/// is told.
pub async fn approve(
    app: &App,
    actor: &Actor,
    id: i64,
    pay_fee: Option<i64>,
    reason: &str,
) -> AppResult<()> {
    let org = org_of(actor)?;
    must_see_claim(app, actor, org, id).await?;
    require(actor, Permission::ApproveClaims)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, id).await?;
    let people = ClaimPeople {
        claimant_person: claim.person_id,
        approved_by_user: claim.approved_by_user_id,
        approved_by_person: claim.approved_by_person_id,
    };
    check_approve(claim.status, people, actor.person_id)
        .map_err(|e| AppError::Conflict(e.message_id()))?;
    let reason = reason.trim();
    if let Some(fee) = pay_fee {
        if fee < 0 || fee > claim.fee_pence {
            return Err(invalid("pay_fee", "payments-error-pay-less"));
        }
        if reason.is_empty() || reason.chars().count() > REASON_MAX {
            return Err(invalid("reason", "payments-error-reason"));
        }
    }
    if !cairn_db::payments::approve(&mut tx.conn(), id, actor.user_id, actor.person_id, now).await?
    {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    if let Some(fee) = pay_fee
        && fee < claim.fee_pence
    {
        cairn_db::payments::add_line(
            &mut tx.conn(),
            id,
            &NewLine {
                kind: "adjustment",
                category: None,
                miles_tenths: None,
                amount_pence: fee - claim.fee_pence,
                counts_as_income: true,
                is_fee: true,
                note: Some(reason),
                reverses_line_id: None,
                preapproved: false,
            },
            now,
            &actor.label,
        )
        .await?;
        cairn_db::payments::add_event(
            &mut tx.conn(),
            id,
            now,
            &actor.label,
            "paid_less",
            Some(reason),
        )
        .await?;
        tell(
            &mut tx.conn(),
            claim.person_id,
            "notice-claim-paid-less",
            &[("amount", crate::notices::NoticeArg::Pence { pence: fee })],
            now,
        )
        .await?;
    }
    // With the person's hold on, the part past their limit is held back (see `guard`).
    guard::hold(&mut tx.conn(), app, actor, org, id, now).await?;
    step_done(&mut tx.conn(), actor, org, &claim, "approved", None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Authorises an approved claim (finance; never the claimant, never its approver, and only once
/// the activity has happened).
pub async fn authorise(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let org = org_of(actor)?;
    must_see_claim(app, actor, org, id).await?;
    require(actor, Permission::AuthoriseClaims)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, id).await?;
    let people = ClaimPeople {
        claimant_person: claim.person_id,
        approved_by_user: claim.approved_by_user_id,
        approved_by_person: claim.approved_by_person_id,
    };
    check_authorise(claim.status, people, actor.user_id, actor.person_id)
        .map_err(|e| AppError::Conflict(e.message_id()))?;
    let today = today_of(&mut tx.conn(), app, org).await?;
    if claim.activity_on.parse::<Date>().is_ok_and(|d| d > today) {
        return Err(AppError::Conflict("payments-error-not-yet"));
    }
    // The statement itself refuses a second authorisation or the approver authorising, so
    // a hundred people pressing at once still authorise it once.
    if !cairn_db::payments::authorise(&mut tx.conn(), id, actor.user_id, actor.person_id, now)
        .await?
    {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    step_done(&mut tx.conn(), actor, org, &claim, "authorised", None, now).await?;
    let m = Message::claim(
        Event::ClaimAuthorised,
        id,
        claim.person_id,
        None,
        Some(&claim.description),
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Rejects a waiting claim with a reason the member can read.
pub async fn reject(app: &App, actor: &Actor, id: i64, reason: &str) -> AppResult<()> {
    let org = org_of(actor)?;
    must_see_claim(app, actor, org, id).await?;
    if !actor.can(Permission::ApproveClaims) && !actor.can(Permission::AuthoriseClaims) {
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(invalid("reason", "payments-error-reason"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, id).await?;
    if actor.is_person(claim.person_id) {
        return Err(AppError::Conflict("payments-error-own-claim"));
    }
    // Whoever would take the next step may stop it: approvers a submitted claim, finance an
    // approved one.
    let may = match claim.status {
        ClaimStatus::Submitted => actor.can(Permission::ApproveClaims),
        ClaimStatus::Approved => actor.can(Permission::AuthoriseClaims),
        _ => true,
    };
    if !may {
        return Err(AppError::Forbidden);
    }
    if !cairn_db::payments::reject(&mut tx.conn(), id, actor.user_id, reason, now).await? {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    step_done(
        &mut tx.conn(),
        actor,
        org,
        &claim,
        "rejected",
        Some(reason),
        now,
    )
    .await?;
    tell(
        &mut tx.conn(),
        claim.person_id,
        "notice-claim-rejected",
        &[],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Corrects a line by appending its reversal, with a reason. Money lines are never changed.
pub async fn reverse_line(
    app: &App,
    actor: &Actor,
    claim_id: i64,
    line_id: i64,
    reason: &str,
) -> AppResult<()> {
    let org = org_of(actor)?;
    must_see_claim(app, actor, org, claim_id).await?;
    require(actor, Permission::ApproveClaims)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(invalid("reason", "payments-error-reason"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), claim_id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, claim_id).await?;
    if actor.is_person(claim.person_id) {
        return Err(AppError::Conflict("payments-error-own-claim"));
    }
    if !matches!(
        claim.status,
        ClaimStatus::Draft | ClaimStatus::Submitted | ClaimStatus::Approved
    ) {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    let lines = cairn_db::payments::lines(&mut tx.conn(), claim_id).await?;
    let Some(line) = lines.iter().find(|l| l.id == line_id) else {
        return Err(invalid("line_id", "payments-error-line"));
    };
    if line.kind == "reversal" || lines.iter().any(|l| l.reverses_line_id == Some(line_id)) {
        return Err(AppError::Conflict("payments-error-reversed"));
    }
    // A correction never leaves a negative fee or negative expenses: with a lower fee standing
    // against the fee, the lower-fee line is corrected first.
    let (fee, expenses) = if line.is_fee {
        (claim.fee_pence - line.amount_pence, claim.expenses_pence)
    } else {
        (claim.fee_pence, claim.expenses_pence - line.amount_pence)
    };
    if fee < 0 || expenses < 0 {
        return Err(AppError::Conflict("payments-error-below-zero"));
    }
    cairn_db::payments::add_line(
        &mut tx.conn(),
        claim_id,
        &NewLine {
            kind: "reversal",
            category: line.category.as_deref().and_then(ExpenseCategory::parse),
            miles_tenths: None,
            amount_pence: -line.amount_pence,
            counts_as_income: line.counts_as_income,
            is_fee: line.is_fee,
            note: Some(reason),
            reverses_line_id: Some(line_id),
            preapproved: false,
        },
        now,
        &actor.label,
    )
    .await
    // A unique index allows one reversal per line: whoever comes second is told it is done.
    .map_err(|e| match e {
        cairn_db::DbError::Conflict => AppError::Conflict("payments-error-reversed"),
        e => AppError::from(e),
    })?;
    step_done(
        &mut tx.conn(),
        actor,
        org,
        &claim,
        "corrected",
        Some(reason),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a receipt's first bytes say it is: JPEG, PNG or PDF, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Attaches a receipt, checked by its content and size.
pub async fn add_receipt(app: &App, actor: &Actor, claim_id: i64, bytes: &[u8]) -> AppResult<i64> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::payments::lock_claim(&mut tx.conn(), claim_id).await?;
    let claim = load_claim(&mut tx.conn(), actor, org, claim_id).await?;
    if !actor.is_person(claim.person_id) && !actor.can(Permission::ManageClaims) {
        return Err(AppError::Forbidden);
    }
    if !matches!(claim.status, ClaimStatus::Draft | ClaimStatus::Submitted) {
        return Err(AppError::Conflict("payments-error-wrong-status"));
    }
    if bytes.is_empty() {
        return Err(invalid("receipt", "payments-error-receipt-empty"));
    }
    if bytes.len() > RECEIPT_MAX_BYTES {
        return Err(invalid("receipt", "payments-error-receipt-size"));
    }
    let Some(kind) = sniff(bytes) else {
        return Err(invalid("receipt", "payments-error-receipt-type"));
    };
    let hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(bytes))
    };
    let id = cairn_db::payments::insert_receipt(
        &mut tx.conn(),
        claim_id,
        kind,
        bytes,
        &hash,
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "receipt",
        Some(id),
        None,
        Some(&serde_json::json!({"claim_id": claim_id, "content_type": kind, "size_bytes": bytes.len(), "sha256": hash})),
        Some(claim.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A receipt's bytes, for those who may see its claim; the read is audited.
pub async fn receipt(app: &App, actor: &Actor, id: i64) -> AppResult<(Receipt, Vec<u8>)> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (r, body) = cairn_db::payments::receipt_body(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let claim = load_claim(&mut tx.conn(), actor, org, r.claim_id).await?;
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::View,
        "receipt",
        Some(id),
        None,
        None,
        Some(claim.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((r, body))
}

// ---------------------------------------------------------------------------------------------
// Earnings and the statement
// ---------------------------------------------------------------------------------------------

/// One week or month of a person's statement.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PeriodLine {
    /// The first day of the week (Monday) or month.
    pub starts_on: String,
    pub fees: PeriodEarnings,
    /// Expenses refunded (not income).
    pub expenses_pence: i64,
    pub over_limit: bool,
}

/// A person's fees and expenses by week and by month, with their limit.
#[derive(Debug, Clone, Serialize)]
pub struct Earnings {
    pub person_id: i64,
    pub from: String,
    pub to: String,
    pub limit_period: Option<String>,
    pub limit_pence: Option<i64>,
    pub weeks: Vec<PeriodLine>,
    pub months: Vec<PeriodLine>,
}

/// A person's earnings between two dates (the member themselves, staff within reach, finance).
pub async fn earnings(
    app: &App,
    actor: &Actor,
    person: i64,
    from: Option<Date>,
    to: Option<Date>,
) -> AppResult<Earnings> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    reach_person(&mut c, actor, org, person).await?;
    let today = today_of(&mut c, app, org).await?;
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| {
        month_start(to)
            .checked_sub(jiff::Span::new().months(2))
            .unwrap_or(to)
    });
    if to < from || to.since(from).map(|s| s.get_days()).unwrap_or(0) > 800 {
        return Err(invalid("to", "payments-error-range"));
    }
    let rows =
        cairn_db::payments::income_by_day(&mut c, person, &from.to_string(), &to.to_string())
            .await?;
    let profile = cairn_db::payments::profile(&mut c, person).await?;
    let (limit_period, limit_pence) = match &profile {
        Some(p) => (p.limit_period.clone(), p.limit_pence),
        None => (None, None),
    };
    let mut weeks: Vec<PeriodLine> = Vec::new();
    let mut months: Vec<PeriodLine> = Vec::new();
    let add = |list: &mut Vec<PeriodLine>, start: Date, status: &str, income: i64, exp: i64| {
        let key = start.to_string();
        let i = match list.iter().position(|l| l.starts_on == key) {
            Some(i) => i,
            None => {
                list.push(PeriodLine {
                    starts_on: key,
                    fees: PeriodEarnings {
                        paid_pence: 0,
                        authorised_pence: 0,
                        pending_pence: 0,
                    },
                    expenses_pence: 0,
                    over_limit: false,
                });
                list.len() - 1
            }
        };
        bucket(&mut list[i].fees, status, income);
        list[i].expenses_pence += exp;
    };
    for (day, status, income, exp) in rows {
        let Ok(d) = day.parse::<Date>() else { continue };
        add(&mut weeks, week_start(d), &status, income, exp);
        add(&mut months, month_start(d), &status, income, exp);
    }
    for w in &mut weeks {
        w.over_limit = limit_period.as_deref() == Some("week")
            && limit_pence.is_some_and(|l| w.fees.total() > l);
    }
    for m in &mut months {
        m.over_limit = limit_period.as_deref() == Some("month")
            && limit_pence.is_some_and(|l| m.fees.total() > l);
    }
    drop(h);
    crate::audit::record_read(app, actor, org, "earnings", person, &[person]).await?;
    Ok(Earnings {
        person_id: person,
        from: from.to_string(),
        to: to.to_string(),
        limit_period,
        limit_pence,
        weeks,
        months,
    })
}

// ---------------------------------------------------------------------------------------------
// Payment runs
// ---------------------------------------------------------------------------------------------

/// Gathers authorised claims into a new run (finance). Either every claim joins or none does:
/// a claim already in a run, or not authorised, is a conflict and nothing changes.
pub async fn create_run(app: &App, actor: &Actor, claim_ids: &[i64]) -> AppResult<i64> {
    require(actor, Permission::ManagePaymentRuns)?;
    let org = org_of(actor)?;
    let mut ids = claim_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(invalid("claim_ids", "payments-error-run-empty"));
    }
    if ids.len() > 20_000 {
        return Err(invalid("claim_ids", "payments-error-run-size"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(run) =
        cairn_db::payments::create_run(&mut tx.conn(), org, actor.user_id, &ids, now).await?
    else {
        // Dropping the transaction rolls the new run back.
        return Err(AppError::Conflict("payments-error-in-run"));
    };
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "payment_run",
        Some(run),
        None,
        Some(&serde_json::json!({"claims": ids.len()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(run)
}

async fn load_run(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Run> {
    require(actor, Permission::ManagePaymentRuns)?;
    cairn_db::payments::get_run(c, org, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A run with its claims.
#[derive(Debug, Clone)]
pub struct RunView {
    pub run: Run,
    pub rows: Vec<cairn_db::payments::ExportRow>,
    /// Sums of the lines, of the claims, and the run's own total: always equal.
    pub sums: (i64, i64, i64),
}

/// One run.
pub async fn run(app: &App, actor: &Actor, id: i64) -> AppResult<RunView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let run = load_run(&mut c, actor, org, id).await?;
    let rows = cairn_db::payments::export_rows(&mut c, id).await?;
    let sums = cairn_db::payments::run_sums(&mut c, id).await?;
    Ok(RunView { run, rows, sums })
}

/// The organisation's runs.
pub async fn runs(app: &App, actor: &Actor) -> AppResult<Vec<Run>> {
    require(actor, Permission::ManagePaymentRuns)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::payments::runs(&mut h.conn(), org).await?)
}

async fn run_step(app: &App, actor: &Actor, id: i64, paid: bool) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_run(&mut tx.conn(), actor, org, id).await?;
    let done = if paid {
        cairn_db::payments::mark_paid(&mut tx.conn(), id, actor.user_id, now).await?
    } else {
        cairn_db::payments::lock_run(&mut tx.conn(), id, actor.user_id, now).await?
    };
    if !done {
        return Err(AppError::Conflict(if paid {
            "payments-error-run-not-locked"
        } else {
            "payments-error-run-locked"
        }));
    }
    if paid {
        let claims = cairn_db::payments::list_claims(
            &mut tx.conn(),
            org,
            &ClaimQuery {
                run_id: Some(id),
                limit: 20_000,
                ..Default::default()
            },
        )
        .await?;
        for cl in &claims {
            cairn_db::payments::add_event(&mut tx.conn(), cl.id, now, &actor.label, "paid", None)
                .await?;
            let m = Message::claim(
                Event::ClaimPaid,
                cl.id,
                cl.person_id,
                Some(id),
                Some(&cl.description),
            );
            crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
        }
    } else {
        let run = cairn_db::payments::get_run(&mut tx.conn(), org, id).await?;
        let m = Message::run_locked(id, run.map_or(0, |r| r.claims_count));
        crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "payment_run",
        Some(id),
        None,
        Some(&serde_json::json!({"status": if paid { "paid" } else { "locked" }})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Locks an open run.
pub async fn lock_run(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    run_step(app, actor, id, false).await
}

/// Marks a locked run paid (and its claims).
pub async fn mark_paid(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    run_step(app, actor, id, true).await
}

/// The two export layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per person with their taxable fees and their expenses, for a payroll feed.
    Payroll,
    /// One row per claim with its cost centre, then totals per person and per cost centre.
    Accounts,
}

/// A locked (or paid) run as rows for a CSV: header first. Amounts are pence and pounds.
///
/// The headings, the kind of each accounts row, the payment method and the activity are words
/// in `lang` (the reader's) from Fluent (`payments-export-…`, `payments-activity-…`); a stored
/// code Cairn has no words for is written as it is. Ids, dates (ISO, so a spreadsheet sorts
/// them) and amounts stay as figures.
pub async fn export(
    app: &App,
    actor: &Actor,
    id: i64,
    format: ExportFormat,
    lang: cairn_domain::people::Language,
) -> AppResult<Vec<Vec<String>>> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let run = load_run(&mut tx.conn(), actor, org, id).await?;
    if run.status == "open" {
        return Err(AppError::Conflict("payments-error-run-not-locked"));
    }
    let rows = cairn_db::payments::export_rows(&mut tx.conn(), id).await?;
    let pounds = cairn_domain::payments::format_pounds;
    let plain = |p: i64| pounds(p).replace(['£', ','], "");
    let words = |id: &str| app.translator.message(lang, id, &[]);
    let headings = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .map(|id| words(&format!("payments-export-col-{id}")))
            .collect()
    };
    let method = |code: &str| match PaymentChoice::parse(code) {
        Some(c) => words(&format!(
            "payments-export-method-{}",
            c.key().replace('_', "-")
        )),
        None => code.to_owned(),
    };
    let activity = |code: &str| match ActivityType::parse(code) {
        Some(a) => words(&a.label_id()),
        None => code.to_owned(),
    };
    let kind = |k: &str| words(&format!("payments-export-row-{k}"));
    let mut out: Vec<Vec<String>> = Vec::new();
    match format {
        ExportFormat::Payroll => {
            out.push(headings(&[
                "run",
                "person",
                "name",
                "method",
                "claims",
                "taxable-pence",
                "expenses-pence",
                "total-pence",
                "total-pounds",
            ]));
            let mut i = 0;
            while i < rows.len() {
                let p = rows[i].person_id;
                let group: Vec<_> = rows[i..].iter().take_while(|r| r.person_id == p).collect();
                let taxable: i64 = group.iter().map(|r| r.income_pence).sum();
                let total: i64 = group.iter().map(|r| r.total_pence).sum();
                out.push(vec![
                    id.to_string(),
                    p.to_string(),
                    group[0].person_name.clone(),
                    method(&group[0].choice),
                    group.len().to_string(),
                    taxable.to_string(),
                    (total - taxable).to_string(),
                    total.to_string(),
                    plain(total),
                ]);
                i += group.len();
            }
        }
        ExportFormat::Accounts => {
            out.push(headings(&[
                "run",
                "row",
                "claim",
                "person",
                "name",
                "cost-centre",
                "activity",
                "activity-on",
                "method",
                "fee-pence",
                "expenses-pence",
                "total-pence",
                "total-pounds",
            ]));
            for r in &rows {
                out.push(vec![
                    id.to_string(),
                    // A correction of a paid claim is a row of its own kind, so finance see
                    // what lowers the run.
                    kind(if r.corrects_claim_id.is_some() {
                        "correction"
                    } else {
                        "claim"
                    }),
                    r.claim_id.to_string(),
                    r.person_id.to_string(),
                    r.person_name.clone(),
                    r.unit_name.clone().unwrap_or_default(),
                    activity(&r.activity_type),
                    r.activity_on.clone(),
                    method(&r.choice),
                    r.fee_pence.to_string(),
                    r.expenses_pence.to_string(),
                    r.total_pence.to_string(),
                    plain(r.total_pence),
                ]);
            }
            let mut people: Vec<(i64, String, i64, i64, i64)> = Vec::new();
            let mut centres: Vec<(String, i64, i64, i64)> = Vec::new();
            for r in &rows {
                match people.iter_mut().find(|x| x.0 == r.person_id) {
                    Some(x) => {
                        x.2 += r.fee_pence;
                        x.3 += r.expenses_pence;
                        x.4 += r.total_pence;
                    }
                    None => people.push((
                        r.person_id,
                        r.person_name.clone(),
                        r.fee_pence,
                        r.expenses_pence,
                        r.total_pence,
                    )),
                }
                let cc = r.unit_name.clone().unwrap_or_default();
                match centres.iter_mut().find(|x| x.0 == cc) {
                    Some(x) => {
                        x.1 += r.fee_pence;
                        x.2 += r.expenses_pence;
                        x.3 += r.total_pence;
                    }
                    None => centres.push((cc, r.fee_pence, r.expenses_pence, r.total_pence)),
                }
            }
            for (pid, name, fee, exp, total) in people {
                out.push(vec![
                    id.to_string(),
                    kind("person-total"),
                    String::new(),
                    pid.to_string(),
                    name,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    fee.to_string(),
                    exp.to_string(),
                    total.to_string(),
                    plain(total),
                ]);
            }
            centres.sort_by(|a, b| a.0.cmp(&b.0));
            for (cc, fee, exp, total) in centres {
                out.push(vec![
                    id.to_string(),
                    kind("cost-centre-total"),
                    String::new(),
                    String::new(),
                    String::new(),
                    cc,
                    String::new(),
                    String::new(),
                    String::new(),
                    fee.to_string(),
                    exp.to_string(),
                    total.to_string(),
                    plain(total),
                ]);
            }
            let (fee, exp, total) = rows.iter().fold((0, 0, 0), |a, r| {
                (
                    a.0 + r.fee_pence,
                    a.1 + r.expenses_pence,
                    a.2 + r.total_pence,
                )
            });
            out.push(vec![
                id.to_string(),
                kind("run-total"),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                fee.to_string(),
                exp.to_string(),
                total.to_string(),
                plain(total),
            ]);
        }
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Export,
        "payment_run",
        Some(id),
        None,
        Some(&serde_json::json!({"format": if format == ExportFormat::Payroll { "payroll" } else { "accounts" }, "claims": rows.len()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

/// Paid totals grouped one way, with claim counts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Total {
    pub key: String,
    pub claims: i64,
    pub pence: i64,
    /// Hidden under the small-number rule for a reader who may not see claims: `claims` and
    /// `pence` are then zero and must be shown as "fewer than" [`Report::hidden_below`].
    pub hidden: bool,
}

/// The payments report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub by_month: Vec<Total>,
    pub by_unit: Vec<Total>,
    pub by_constituency: Vec<Total>,
    pub by_activity: Vec<Total>,
    /// Paid claims, and those paid within the organisation's target days of being submitted.
    pub paid: i64,
    pub within_target: i64,
    pub target_days: i64,
    /// Median days from submission to payment.
    pub median_days: Option<i64>,
    pub waiting: Vec<(String, i64)>,
    /// For a reader who may not see claims (the board): lines of a unit, constituency or
    /// activity with fewer claims than this are hidden.
    pub hidden_below: Option<i64>,
    /// Corrections of paid claims paid in the period, and what they came to (pence, usually
    /// below nothing). They are in the totals above, each counted as an entry, but not in the
    /// timeliness figures, which are about claims.
    pub corrections: i64,
    pub corrected_pence: i64,
}

/// Hides, in one breakdown, the lines with a few claims (their amounts could be one person's
/// payments), and the next smallest line when one alone is hidden, since the total would give
/// it away.
fn hide_small(lines: &mut [Total], min_count: i64) {
    let small = |t: &Total| t.claims > 0 && t.claims < min_count;
    let mut hidden: Vec<bool> = lines.iter().map(small).collect();
    if hidden.iter().filter(|h| **h).count() == 1
        && let Some(i) = (0..lines.len())
            .filter(|i| !hidden[*i])
            .min_by_key(|i| (lines[*i].claims, lines[*i].pence))
    {
        hidden[i] = true;
    }
    for (t, h) in lines.iter_mut().zip(hidden) {
        if h {
            *t = Total {
                key: std::mem::take(&mut t.key),
                claims: 0,
                pence: 0,
                hidden: true,
            };
        }
    }
}

fn add_total(list: &mut Vec<Total>, key: String, pence: i64) {
    match list.iter_mut().find(|t| t.key == key) {
        Some(t) => {
            t.claims += 1;
            t.pence += pence;
        }
        None => list.push(Total {
            key,
            claims: 1,
            pence,
            hidden: false,
        }),
    }
}

/// What was paid over the last `months` months, and how long it took.
pub async fn report(app: &App, actor: &Actor, months: i64) -> AppResult<Report> {
    require(actor, Permission::ViewPaymentReports)?;
    let org = org_of(actor)?;
    let waiting = waiting(app, actor)
        .await?
        .into_iter()
        .map(|(s, n)| (s.key().to_owned(), n))
        .collect();
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let o = cairn_db::units::get_organisation(&mut c, org).await?;
    let tz = time_zone(&o.time_zone);
    let now = app.now();
    let first = local_date(now, &tz)
        .first_of_month()
        .checked_sub(jiff::Span::new().months(months.clamp(1, 36) - 1))
        .unwrap_or(Date::MIN);
    let from = first
        .to_zoned(tz.clone())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0);
    let rows = cairn_db::payments::paid_between(&mut c, org, from, now + 1).await?;
    let target_days = target_days(&mut c, org).await?;
    let mut r = Report {
        by_month: Vec::new(),
        by_unit: Vec::new(),
        by_constituency: Vec::new(),
        by_activity: Vec::new(),
        paid: 0,
        within_target: 0,
        target_days,
        median_days: None,
        waiting,
        hidden_below: None,
        corrections: 0,
        corrected_pence: 0,
    };
    let mut days = Vec::new();
    for row in &rows {
        let month = cairn_domain::meetings::month_key(local_date(row.paid_at, &tz));
        add_total(&mut r.by_month, month, row.total_pence);
        add_total(
            &mut r.by_unit,
            row.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            row.total_pence,
        );
        add_total(
            &mut r.by_constituency,
            row.constituency.clone(),
            row.total_pence,
        );
        add_total(
            &mut r.by_activity,
            row.activity_type.clone(),
            row.total_pence,
        );
        if row.corrects_claim_id.is_some() {
            r.corrections += 1;
            r.corrected_pence += row.total_pence;
            continue;
        }
        r.paid += 1;
        if let Some(s) = row.submitted_at {
            let d = (row.paid_at - s) / (24 * 60 * 60 * 1000);
            days.push(d);
            if d <= target_days {
                r.within_target += 1;
            }
        }
    }
    days.sort_unstable();
    r.median_days = days.get(days.len() / 2).copied();
    r.by_month.sort_by(|a, b| a.key.cmp(&b.key));
    // Those who handle claims see every figure; the board sees a unit's, a constituency's or
    // an activity's few claims hidden. Months are the whole service's and stay.
    if !(actor.can(Permission::ManageClaims) || actor.can(Permission::AuthoriseClaims)) {
        let (min_count, _) = cairn_db::surveys::thresholds(&mut c, org).await?;
        let min_count = cairn_domain::surveys::suppression::Thresholds::new(min_count, 0).min_count;
        for list in [&mut r.by_unit, &mut r.by_constituency, &mut r.by_activity] {
            hide_small(list, min_count);
        }
        r.hidden_below = Some(min_count);
    }
    Ok(r)
}

async fn target_days(c: &mut Conn<'_>, org: i64) -> AppResult<i64> {
    Ok(cairn_db::fetch_scalar!(
        c,
        i64,
        "SELECT payment_target_days FROM organisations WHERE id = $1",
        org
    )?)
}

/// For the model's supports: whether a current rate card exists, and the share (whole per
/// cent) of the last quarter's paid claims paid within the target.
pub async fn support_measures(c: &mut Conn<'_>, org: i64, now: i64) -> AppResult<(bool, i64)> {
    let o = cairn_db::units::get_organisation(c, org).await?;
    let today = local_date(now, &time_zone(&o.time_zone));
    let current = cairn_db::payments::fee_rates(c, org)
        .await?
        .iter()
        .filter_map(FeeRateRow::rate)
        .any(|r| r.applies_on(today));
    // Corrections are not claims paid late or on time: only claims count.
    let rows: Vec<_> =
        cairn_db::payments::paid_between(c, org, now - 91 * 24 * 60 * 60 * 1000, now + 1)
            .await?
            .into_iter()
            .filter(|r| r.corrects_claim_id.is_none())
            .collect();
    let target = target_days(c, org).await?;
    let within = rows
        .iter()
        .filter(|r| {
            r.submitted_at
                .is_some_and(|s| (r.paid_at - s) / (24 * 60 * 60 * 1000) <= target)
        })
        .count() as i64;
    let share = if rows.is_empty() {
        0
    } else {
        within * 100 / rows.len() as i64
    };
    Ok((current, share))
}

/// The payment support's figures for the model page: whether a current rate card exists, and
/// the share of the last quarter's paid claims paid within the target.
pub async fn support(app: &App, actor: &Actor) -> AppResult<(bool, i64)> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    support_measures(&mut h.conn(), org, app.now()).await
}

#[cfg(test)]
mod small_number_tests {
    use super::{Total, hide_small};

    fn line(key: &str, claims: i64, pence: i64) -> Total {
        Total {
            key: key.into(),
            claims,
            pence,
            hidden: false,
        }
    }

    #[test]
    fn one_small_line_hides_the_next_smallest_too_and_large_lines_stay() {
        let mut lines = vec![line("a", 12, 9000), line("b", 3, 500), line("c", 7, 4000)];
        hide_small(&mut lines, 5);
        let shown: Vec<(&str, bool, i64)> = lines
            .iter()
            .map(|l| (l.key.as_str(), l.hidden, l.pence))
            .collect();
        assert_eq!(
            shown,
            vec![("a", false, 9000), ("b", true, 0), ("c", true, 0)]
        );
    }

    #[test]
    fn two_small_lines_are_enough_on_their_own() {
        let mut lines = vec![line("a", 12, 9000), line("b", 3, 500), line("c", 1, 40)];
        hide_small(&mut lines, 5);
        assert_eq!(
            lines.iter().map(|l| l.hidden).collect::<Vec<_>>(),
            vec![false, true, true]
        );
    }

    #[test]
    fn an_organisations_higher_rule_hides_more() {
        let mut lines = vec![line("a", 12, 9000), line("b", 6, 500), line("c", 8, 40)];
        hide_small(&mut lines, 10);
        assert_eq!(
            lines.iter().map(|l| l.hidden).collect::<Vec<_>>(),
            vec![false, true, true]
        );
    }
}
