//! Paying people for their time and refunding what it cost them. Money is integer pence
//! everywhere. Rates and limits are data with dates and a source; this module only holds the
//! arithmetic and the rules:
//!
//! - a fee comes from the rate valid on the activity's date: per hour (pro rata to the minute,
//!   rounded to the nearest penny), or per session (half a day under four hours, a day from four
//!   hours);
//! - car mileage uses the higher rate until the person's car miles in the tax year (6 April to
//!   5 April) reach the band limit, then the lower rate;
//! - a claim's total is always the sum of its lines; a correction is a reversing line;
//! - a claim moves draft → submitted → approved → authorised → paid (via a payment run), or is
//!   rejected; the approver and the authoriser are two different people and neither is the
//!   claimant.

use crate::keyed_enum;
use jiff::civil::{Date, Weekday};

pub mod corrections;
pub mod words;

mod hold;
pub use hold::{
    HoldCut, OverLimit, already_in_period, hold_cut, next_period_start, period_of, preset_has_ended,
};

keyed_enum!(
    /// What the time was for. Stable keys used by the API.
    ActivityType, "payments-activity", {
        Meeting => "meeting",
        InterviewPanel => "interview_panel",
        TrainingDelivery => "training_delivery",
        Consultation => "consultation",
        Other => "other",
    }
);

keyed_enum!(
    /// How a fee rate is counted.
    RateBasis, "payments-basis", {
        Hour => "hour",
        Session => "session",
    }
);

keyed_enum!(
    /// Expense categories. Mileage is claimed in miles; everything else in pence.
    ExpenseCategory, "payments-expense", {
        MileageCar => "mileage_car",
        MileagePassenger => "mileage_passenger",
        MileageBicycle => "mileage_bicycle",
        PublicTransport => "public_transport",
        Parking => "parking",
        Meal => "meal",
        CareCover => "care_cover",
        OnlineAllowance => "online_allowance",
    }
);

keyed_enum!(
    /// Where a claim is.
    ClaimStatus, "payments-status", {
        Draft => "draft",
        Submitted => "submitted",
        Approved => "approved",
        Authorised => "authorised",
        InRun => "in_run",
        Paid => "paid",
        Rejected => "rejected",
    }
);

keyed_enum!(
    /// How a member chooses to be recognised.
    PaymentChoice, "payments-choice", {
        Bank => "bank",
        Payroll => "payroll",
        Voucher => "voucher",
        Lower => "lower",
        ExpensesOnly => "expenses_only",
        Nothing => "nothing",
    }
);

keyed_enum!(
    /// The period a member's own earnings limit covers.
    LimitPeriod, "payments-period", {
        Week => "week",
        Month => "month",
    }
);

keyed_enum!(
    /// Where a payment run is.
    RunStatus, "payments-run", {
        Open => "open",
        Locked => "locked",
        Paid => "paid",
    }
);

impl ExpenseCategory {
    /// True for categories claimed in miles.
    pub fn is_mileage(self) -> bool {
        matches!(
            self,
            ExpenseCategory::MileageCar
                | ExpenseCategory::MileagePassenger
                | ExpenseCategory::MileageBicycle
        )
    }
}

/// Minutes from which a session counts as a day rather than half a day.
pub const DAY_FROM_MINUTES: i64 = 4 * 60;
/// Longest activity that can be claimed in one claim.
pub const MAX_MINUTES: i64 = 24 * 60;
/// Largest single amount in pence (£10,000): anything bigger is a typing slip.
pub const MAX_PENCE: i64 = 1_000_000;
/// Most miles in one claim, in tenths of a mile (1,000 miles).
pub const MAX_MILES_TENTHS: i64 = 10_000;

/// A fee rate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRate {
    pub activity: ActivityType,
    pub basis: RateBasis,
    /// Pence per hour (basis Hour).
    pub hour_pence: i64,
    /// Pence for under four hours (basis Session).
    pub half_day_pence: i64,
    /// Pence for four hours or more (basis Session).
    pub day_pence: i64,
    pub valid_from: Date,
    /// Last day the rate applies (inclusive); `None` while current.
    pub valid_to: Option<Date>,
}

impl FeeRate {
    /// True when the rate applies on `d`.
    pub fn applies_on(&self, d: Date) -> bool {
        self.valid_from <= d && self.valid_to.is_none_or(|to| d <= to)
    }
}

/// Rounds `num / den` to the nearest whole number, halves away from zero (both positive here).
fn div_round(num: i64, den: i64) -> i64 {
    if den == 0 {
        return 0;
    }
    (num * 2 + den).div_euclid(den * 2)
}

/// The fee for `minutes` at a rate.
pub fn fee_pence(rate: &FeeRate, minutes: i64) -> i64 {
    let minutes = minutes.clamp(0, MAX_MINUTES);
    if minutes == 0 {
        return 0;
    }
    match rate.basis {
        RateBasis::Hour => div_round(rate.hour_pence * minutes, 60),
        RateBasis::Session => {
            if minutes >= DAY_FROM_MINUTES {
                rate.day_pence
            } else {
                rate.half_day_pence
            }
        }
    }
}

/// The rate for an activity on a date: the one valid that day, the latest starting if several.
pub fn rate_on(rates: &[FeeRate], activity: ActivityType, d: Date) -> Option<&FeeRate> {
    rates
        .iter()
        .filter(|r| r.activity == activity && r.applies_on(d))
        .max_by_key(|r| r.valid_from)
}

/// A mileage or expense rate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseRate {
    pub category: ExpenseCategory,
    /// Mileage: pence per mile (car: up to the band limit). Others: 0.
    pub per_mile_pence: i64,
    /// Car mileage after the band limit, pence per mile.
    pub after_band_pence: i64,
    /// Car miles in a tax year at the higher rate (10,000 for HMRC's approved amounts).
    pub band_miles: i64,
    /// Most that can be claimed in one line, pence (0: no limit).
    pub limit_pence: i64,
    pub needs_receipt: bool,
    pub needs_preapproval: bool,
    /// A flat allowance not tied to a cost can count as income; receipted costs do not.
    pub counts_as_income: bool,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
}

impl ExpenseRate {
    /// True when the rate applies on `d`.
    pub fn applies_on(&self, d: Date) -> bool {
        self.valid_from <= d && self.valid_to.is_none_or(|to| d <= to)
    }
}

/// The expense rate for a category on a date.
pub fn expense_rate_on(
    rates: &[ExpenseRate],
    category: ExpenseCategory,
    d: Date,
) -> Option<&ExpenseRate> {
    rates
        .iter()
        .filter(|r| r.category == category && r.applies_on(d))
        .max_by_key(|r| r.valid_from)
}

/// Pence for `tenths` tenths of a mile when `before_tenths` were already claimed in the tax year.
/// Car mileage moves to the lower rate at the band limit; other modes have one rate.
pub fn mileage_pence(rate: &ExpenseRate, before_tenths: i64, tenths: i64) -> i64 {
    let tenths = tenths.max(0);
    if rate.category != ExpenseCategory::MileageCar || rate.band_miles <= 0 {
        return div_round(rate.per_mile_pence * tenths, 10);
    }
    let band = rate.band_miles * 10;
    let high = tenths.min((band - before_tenths.max(0)).max(0));
    let low = tenths - high;
    div_round(rate.per_mile_pence * high + rate.after_band_pence * low, 10)
}

/// The UK tax year a date falls in, as its first day (6 April).
pub fn tax_year_start(d: Date) -> Date {
    let this = Date::new(d.year(), 4, 6).unwrap_or(d);
    if d >= this {
        this
    } else {
        Date::new(d.year() - 1, 4, 6).unwrap_or(d)
    }
}

/// The Monday starting the week `d` falls in (weeks for the earnings limit run Monday to Sunday).
pub fn week_start(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}

/// The first day of `d`'s month.
pub fn month_start(d: Date) -> Date {
    d.first_of_month()
}

/// Reads "12.50" or "12" or "£12.50" as pence; `None` when it is not money.
pub fn parse_pounds(s: &str) -> Option<i64> {
    let s = s.trim().trim_start_matches('£').replace(',', "");
    if s.is_empty() || s.starts_with('-') || s.starts_with('+') {
        return None;
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || whole.len() > 9 {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(w * 100 + f)
}

/// Reads "12.5" miles as tenths of a mile (at most one decimal place).
pub fn parse_miles(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || frac.len() > 1
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 5
    {
        return None;
    }
    let w: i64 = whole.parse().ok()?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    Some(w * 10 + f)
}

/// "£1,234.50" for pence.
pub fn format_pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let p = pence.unsigned_abs();
    let pounds = p / 100;
    let digits = pounds.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}£{grouped}.{:02}", p % 100)
}

/// Why a step on a claim is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// The claim is not at the step this move starts from.
    WrongStatus,
    /// The claimant may not approve or authorise their own claim.
    OwnClaim,
    /// The person who approved may not also authorise.
    SamePerson,
}

impl StepError {
    /// The Fluent id of the message.
    pub fn message_id(self) -> &'static str {
        match self {
            StepError::WrongStatus => "payments-error-wrong-status",
            StepError::OwnClaim => "payments-error-own-claim",
            StepError::SamePerson => "payments-error-same-person",
        }
    }
}

/// Who is on a claim, as the two-person rule needs it: the claimant's person, and the account
/// and person of whoever approved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimPeople {
    pub claimant_person: i64,
    pub approved_by_user: Option<i64>,
    /// The person record of the approving account, if it has one: one person may hold two
    /// accounts (say, a lead's and a finance one) and still must not sign twice.
    pub approved_by_person: Option<i64>,
}

/// Checks an approval by account `user` (whose person record, if any, is `user_person`).
pub fn check_approve(
    status: ClaimStatus,
    people: ClaimPeople,
    user_person: Option<i64>,
) -> Result<(), StepError> {
    if user_person == Some(people.claimant_person) {
        return Err(StepError::OwnClaim);
    }
    if status != ClaimStatus::Submitted {
        return Err(StepError::WrongStatus);
    }
    Ok(())
}

/// Checks an authorisation by account `user` (whose person record, if any, is `user_person`).
pub fn check_authorise(
    status: ClaimStatus,
    people: ClaimPeople,
    user: i64,
    user_person: Option<i64>,
) -> Result<(), StepError> {
    if user_person == Some(people.claimant_person) {
        return Err(StepError::OwnClaim);
    }
    if people.approved_by_user == Some(user)
        || (user_person.is_some() && user_person == people.approved_by_person)
    {
        return Err(StepError::SamePerson);
    }
    if status != ClaimStatus::Approved {
        return Err(StepError::WrongStatus);
    }
    Ok(())
}

/// Fees in one period against a member's own limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PeriodEarnings {
    pub paid_pence: i64,
    pub authorised_pence: i64,
    pub pending_pence: i64,
}

impl PeriodEarnings {
    /// Everything counted against the limit: paid, authorised and waiting.
    pub fn total(&self) -> i64 {
        self.paid_pence + self.authorised_pence + self.pending_pence
    }

    /// True when adding `extra` pence would take the period past `limit`.
    pub fn would_pass(&self, extra: i64, limit: Option<i64>) -> bool {
        limit.is_some_and(|l| self.total() + extra > l)
    }
}

/// The largest fee that keeps a period within a limit (never negative).
pub fn room_under(limit: i64, already: i64) -> i64 {
    (limit - already).max(0)
}

/// The weekday weeks start on, for labels.
pub const WEEK_STARTS: Weekday = Weekday::Monday;

/// Longest description of an activity.
pub const DESCRIPTION_MAX: usize = 500;
/// Most expense lines on one claim.
pub const EXPENSES_MAX: usize = 12;

/// One expense line as typed: a category and miles or an amount in pounds.
#[derive(Debug, Clone, Default)]
pub struct ExpenseDraft {
    pub category: String,
    pub miles: String,
    pub amount: String,
}

/// A claim as typed.
#[derive(Debug, Clone, Default)]
pub struct ClaimDraft {
    pub activity_type: String,
    pub activity_on: crate::time::DateParts,
    pub hours: String,
    pub minutes: String,
    pub description: String,
    pub expenses: Vec<ExpenseDraft>,
}

/// One expense once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpenseFields {
    pub category: ExpenseCategory,
    /// Tenths of a mile for mileage.
    pub miles_tenths: Option<i64>,
    /// Pence for everything else.
    pub amount_pence: Option<i64>,
}

/// A claim once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFields {
    pub activity: ActivityType,
    pub activity_on: Date,
    pub minutes: i64,
    pub description: String,
    pub expenses: Vec<ExpenseFields>,
}

impl ClaimDraft {
    /// Checks every field. The date may be up to a year ahead: expenses that need approval
    /// beforehand are asked for before the activity (finance authorises only once it is past).
    pub fn validate(&self, today: Date) -> Result<ClaimFields, crate::FieldErrors> {
        let mut e = crate::FieldErrors::new();
        let activity = ActivityType::parse(self.activity_type.trim());
        if activity.is_none() {
            e.add("activity_type", "payments-error-activity");
        }
        let latest = today
            .checked_add(jiff::Span::new().days(366))
            .unwrap_or(today);
        let on =
            crate::time::parse_date_parts(&mut e, "activity_on", &self.activity_on, Some(latest));
        if self.activity_on.is_blank() {
            e.add("activity_on", "payments-error-date");
        }
        let num = |s: &str| -> Option<i64> {
            let s = s.trim();
            if s.is_empty() {
                Some(0)
            } else if s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let minutes = match (num(&self.hours), num(&self.minutes)) {
            (Some(h), Some(m)) if m < 60 && h * 60 + m <= MAX_MINUTES => Some(h * 60 + m),
            _ => None,
        };
        if minutes.is_none() {
            e.add("hours", "payments-error-time");
        }
        let description = crate::validation::required_text(
            &mut e,
            "description",
            &self.description,
            DESCRIPTION_MAX,
            "payments-error-description",
            "payments-error-too-long",
        );
        if self.expenses.len() > EXPENSES_MAX {
            e.add("expenses", "payments-error-too-many");
        }
        let mut expenses = Vec::new();
        for (i, x) in self.expenses.iter().enumerate() {
            let blank = x.category.trim().is_empty()
                && x.miles.trim().is_empty()
                && x.amount.trim().is_empty();
            if blank {
                continue;
            }
            let field = format!("expense_{i}");
            let Some(category) = ExpenseCategory::parse(x.category.trim()) else {
                e.add(&field, "payments-error-category");
                continue;
            };
            if category.is_mileage() {
                match parse_miles(&x.miles) {
                    Some(t) if t > 0 && t <= MAX_MILES_TENTHS => expenses.push(ExpenseFields {
                        category,
                        miles_tenths: Some(t),
                        amount_pence: None,
                    }),
                    _ => e.add(&field, "payments-error-miles"),
                }
            } else {
                match parse_pounds(&x.amount) {
                    Some(p) if p > 0 && p <= MAX_PENCE => expenses.push(ExpenseFields {
                        category,
                        miles_tenths: None,
                        amount_pence: Some(p),
                    }),
                    _ => e.add(&field, "payments-error-amount"),
                }
            }
        }
        match (e.is_empty(), activity, on, minutes) {
            (true, Some(activity), Some(activity_on), Some(minutes)) => Ok(ClaimFields {
                activity,
                activity_on,
                minutes,
                description,
                expenses,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn hourly(p: i64) -> FeeRate {
        FeeRate {
            activity: ActivityType::Meeting,
            basis: RateBasis::Hour,
            hour_pence: p,
            half_day_pence: 0,
            day_pence: 0,
            valid_from: date(2025, 4, 6),
            valid_to: None,
        }
    }

    fn car() -> ExpenseRate {
        ExpenseRate {
            category: ExpenseCategory::MileageCar,
            per_mile_pence: 45,
            after_band_pence: 25,
            band_miles: 10_000,
            limit_pence: 0,
            needs_receipt: false,
            needs_preapproval: false,
            counts_as_income: false,
            valid_from: date(2011, 4, 6),
            valid_to: None,
        }
    }

    #[test]
    fn sessions_are_half_a_day_under_four_hours_and_a_day_from_four() {
        let r = FeeRate {
            basis: RateBasis::Session,
            half_day_pence: 7500,
            day_pence: 15000,
            ..hourly(0)
        };
        assert_eq!(fee_pence(&r, 239), 7500);
        assert_eq!(fee_pence(&r, 240), 15000);
        assert_eq!(fee_pence(&r, 0), 0);
    }

    #[test]
    fn an_hourly_fee_is_pro_rata_to_the_nearest_penny() {
        assert_eq!(fee_pence(&hourly(2000), 90), 3000);
        // £13.81 an hour for 10 minutes is 230.17p, so 230p.
        assert_eq!(fee_pence(&hourly(1381), 10), 230);
        // Exactly half a penny rounds up.
        assert_eq!(fee_pence(&hourly(3), 10), 1);
    }

    #[test]
    fn the_rate_valid_on_the_day_is_used() {
        let old = FeeRate {
            valid_to: Some(date(2025, 12, 15)),
            ..hourly(2000)
        };
        let new = FeeRate {
            valid_from: date(2025, 12, 16),
            ..hourly(2200)
        };
        let rates = [old, new];
        let on = |d| rate_on(&rates, ActivityType::Meeting, d).map(|r| r.hour_pence);
        assert_eq!(on(date(2025, 12, 15)), Some(2000));
        assert_eq!(on(date(2025, 12, 16)), Some(2200));
        assert_eq!(on(date(2025, 4, 5)), None);
        assert_eq!(
            rate_on(&rates, ActivityType::Other, date(2025, 12, 16)),
            None
        );
    }

    #[test]
    fn car_mileage_drops_to_the_lower_rate_at_ten_thousand_miles() {
        let r = car();
        // 9,990 miles already: 10 at 45p, 20 at 25p.
        assert_eq!(mileage_pence(&r, 99_900, 300), 10 * 45 + 20 * 25);
        assert_eq!(mileage_pence(&r, 0, 125), 563); // 12.5 miles × 45p = 562.5p
        let passenger = ExpenseRate {
            category: ExpenseCategory::MileagePassenger,
            per_mile_pence: 5,
            ..car()
        };
        assert_eq!(mileage_pence(&passenger, 200_000, 100), 50);
    }

    #[test]
    fn tax_years_start_on_the_sixth_of_april() {
        assert_eq!(tax_year_start(date(2026, 4, 5)), date(2025, 4, 6));
        assert_eq!(tax_year_start(date(2026, 4, 6)), date(2026, 4, 6));
        assert_eq!(week_start(date(2026, 11, 26)), date(2026, 11, 23));
        assert_eq!(week_start(date(2026, 11, 23)), date(2026, 11, 23));
    }

    #[test]
    fn money_is_read_and_written_in_pounds_and_pence() {
        assert_eq!(parse_pounds("12.5"), Some(1250));
        assert_eq!(parse_pounds("£1,234.56"), Some(123_456));
        assert_eq!(parse_pounds(".75"), Some(75));
        for bad in ["", "-1", "1.234", "abc", "1e3", "£", "."] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
        assert_eq!(format_pounds(123_456), "£1,234.56");
        assert_eq!(format_pounds(-5), "-£0.05");
        assert_eq!(parse_miles("12.5"), Some(125));
        assert_eq!(parse_miles("12.55"), None);
    }

    #[test]
    fn nobody_approves_or_authorises_their_own_claim_and_two_people_always_sign() {
        let people = ClaimPeople {
            claimant_person: 7,
            approved_by_user: None,
            approved_by_person: None,
        };
        assert_eq!(
            check_approve(ClaimStatus::Submitted, people, Some(7)),
            Err(StepError::OwnClaim)
        );
        assert_eq!(
            check_approve(ClaimStatus::Submitted, people, Some(8)),
            Ok(())
        );
        assert_eq!(
            check_approve(ClaimStatus::Draft, people, None),
            Err(StepError::WrongStatus)
        );
        let approved = ClaimPeople {
            approved_by_user: Some(3),
            approved_by_person: Some(9),
            ..people
        };
        assert_eq!(
            check_authorise(ClaimStatus::Approved, approved, 3, None),
            Err(StepError::SamePerson)
        );
        assert_eq!(
            check_authorise(ClaimStatus::Approved, approved, 4, Some(7)),
            Err(StepError::OwnClaim)
        );
        assert_eq!(
            check_authorise(ClaimStatus::Approved, approved, 4, None),
            Ok(())
        );
        // The approver's person, signed in with another account, is still the approver.
        assert_eq!(
            check_authorise(ClaimStatus::Approved, approved, 4, Some(9)),
            Err(StepError::SamePerson)
        );
        assert_eq!(
            check_authorise(ClaimStatus::Approved, approved, 4, Some(8)),
            Ok(())
        );
    }

    proptest! {
        #[test]
        fn an_hourly_fee_is_within_half_a_penny_of_the_exact_amount(p in 0i64..100_000, m in 0i64..MAX_MINUTES) {
            let fee = fee_pence(&hourly(p), m);
            // |fee - p*m/60| <= 1/2, in integers: |60*fee - p*m| <= 30.
            prop_assert!((60 * fee - p * m).abs() <= 30);
        }

        #[test]
        fn a_fee_never_falls_as_time_grows(p in 0i64..100_000, a in 0i64..MAX_MINUTES, b in 0i64..MAX_MINUTES) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let r = hourly(p);
            prop_assert!(fee_pence(&r, lo) <= fee_pence(&r, hi));
            let s = FeeRate { basis: RateBasis::Session, half_day_pence: p, day_pence: p * 2, ..hourly(0) };
            prop_assert!(fee_pence(&s, lo) <= fee_pence(&s, hi));
        }

        #[test]
        fn mileage_split_across_claims_costs_what_one_claim_would(
            before in 0i64..150_000, a in 0i64..MAX_MILES_TENTHS, b in 0i64..MAX_MILES_TENTHS,
        ) {
            // Claiming a then b tenths equals claiming a+b in one go, to within rounding.
            let r = car();
            let split = mileage_pence(&r, before, a) + mileage_pence(&r, before + a, b);
            let whole = mileage_pence(&r, before, a + b);
            prop_assert!((split - whole).abs() <= 1);
            // Each mile is paid at 25p or 45p.
            prop_assert!(whole * 10 >= 25 * (a + b) - 5 && whole * 10 <= 45 * (a + b) + 5);
        }

        #[test]
        fn pounds_round_trip(p in 0i64..1_000_000_000) {
            let text = format_pounds(p);
            prop_assert_eq!(parse_pounds(&text), Some(p));
        }

        #[test]
        fn the_authoriser_is_never_the_approver_or_the_claimant(
            claimant in 1i64..5, approver in 1i64..5, user in 1i64..5, user_person in proptest::option::of(1i64..5),
            approver_person in proptest::option::of(1i64..5),
        ) {
            let people = ClaimPeople {
                claimant_person: claimant,
                approved_by_user: Some(approver),
                approved_by_person: approver_person,
            };
            if check_authorise(ClaimStatus::Approved, people, user, user_person).is_ok() {
                prop_assert_ne!(user, approver);
                prop_assert_ne!(user_person, Some(claimant));
                prop_assert!(user_person.is_none() || user_person != approver_person);
            }
        }
    }
}
