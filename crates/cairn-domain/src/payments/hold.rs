//! The benefits guard's hold: a person may choose that a claim which would take their income
//! past their own limit is paid only up to it. This module holds the arithmetic — which period
//! a day falls in, how much of a claim fits, how the cut is split between the fee and other
//! income, and when the next period starts; the use case records the cut and the rest.

use super::{LimitPeriod, month_start, week_start};
use crate::keyed_enum;
use jiff::civil::Date;

keyed_enum!(
    /// What happens to the part of a claim held back at the limit.
    OverLimit, "payments-rest", {
        /// Paid in the next period, as a new claim dated on its first day.
        Later => "later",
        /// Given as vouchers (which still count as income for most benefits).
        Vouchers => "vouchers",
        /// Not paid at all.
        Nothing => "none",
    }
);

/// The first and last day of the week (Monday to Sunday) or calendar month holding `on`.
pub fn period_of(period: LimitPeriod, on: Date) -> (Date, Date) {
    match period {
        LimitPeriod::Week => {
            let start = week_start(on);
            (start, start.saturating_add(jiff::Span::new().days(6)))
        }
        LimitPeriod::Month => (month_start(on), on.last_of_month()),
    }
}

/// The first day of the period after the one holding `on`.
pub fn next_period_start(period: LimitPeriod, on: Date) -> Date {
    period_of(period, on)
        .1
        .tomorrow()
        .unwrap_or_else(|_| period_of(period, on).1)
}

/// Income already counted in the period holding `on`, from (day, income in pence) pairs.
pub fn already_in_period(period: LimitPeriod, on: Date, days: &[(Date, i64)]) -> i64 {
    let (from, to) = period_of(period, on);
    days.iter()
        .filter(|(d, _)| *d >= from && *d <= to)
        .map(|(_, p)| *p)
        .sum()
}

/// True when a preset limit (or anything dated) ended before `today`: its last day is past.
pub fn preset_has_ended(valid_to: Option<Date>, today: Date) -> bool {
    valid_to.is_some_and(|to| to < today)
}

/// What the hold takes off a claim: the part of its income that would pass the limit, cut
/// from the fee first and then from other income (a flat allowance), never below nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldCut {
    /// The claim's income that is paid now.
    pub paid_pence: i64,
    /// Everything held back: `fee_pence + other_pence`.
    pub held_pence: i64,
    /// Held back from the fee.
    pub fee_pence: i64,
    /// Held back from other income-counting lines.
    pub other_pence: i64,
}

/// How much of a claim's `income` (of which `fee` is the fee) fits under `limit` when
/// `already` is counted in the period. `None` when all of it fits; otherwise the cut. With
/// the period already at or past the limit (or a limit of nothing) the whole income is held.
pub fn hold_cut(limit: i64, already: i64, income: i64, fee: i64) -> Option<HoldCut> {
    let income = income.max(0);
    let room = (limit - already).max(0);
    if income <= room {
        return None;
    }
    let held = income - room;
    let fee_part = held.min(fee.max(0));
    Some(HoldCut {
        paid_pence: room,
        held_pence: held,
        fee_pence: fee_part,
        other_pence: held - fee_part,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).expect("date")
    }

    #[test]
    fn a_claim_that_fits_under_the_limit_is_not_held() {
        assert_eq!(hold_cut(40_000, 10_000, 30_000, 30_000), None);
    }

    #[test]
    fn a_claim_reaching_exactly_the_limit_is_paid_in_full() {
        assert_eq!(hold_cut(40_000, 25_000, 15_000, 15_000), None);
    }

    #[test]
    fn one_penny_over_the_limit_holds_one_penny_from_the_fee() {
        let cut = hold_cut(40_000, 25_000, 15_001, 15_001).expect("held");
        assert_eq!(
            cut,
            HoldCut {
                paid_pence: 15_000,
                held_pence: 1,
                fee_pence: 1,
                other_pence: 0
            }
        );
    }

    #[test]
    fn the_case_in_the_issue_is_paid_up_to_the_monthly_limit() {
        // £504.75 approved against £400 a month, nothing else that month.
        let cut = hold_cut(40_000, 0, 50_475, 50_475).expect("held");
        assert_eq!((cut.paid_pence, cut.held_pence), (40_000, 10_475));
        assert_eq!(cut.paid_pence + cut.held_pence, 50_475);
    }

    #[test]
    fn a_period_already_over_the_limit_holds_the_whole_claim() {
        let cut = hold_cut(40_000, 45_000, 7_500, 7_500).expect("held");
        assert_eq!((cut.paid_pence, cut.held_pence), (0, 7_500));
    }

    #[test]
    fn a_limit_of_nothing_holds_every_penny_of_income() {
        let cut = hold_cut(0, 0, 2_000, 1_500).expect("held");
        assert_eq!(
            (cut.paid_pence, cut.fee_pence, cut.other_pence),
            (0, 1_500, 500)
        );
        assert_eq!(hold_cut(0, 0, 0, 0), None, "no income, nothing to hold");
    }

    #[test]
    fn the_cut_comes_from_the_fee_first_then_from_an_allowance() {
        // £10 fee and a £5 allowance; £4 of room.
        let cut = hold_cut(1_000, 600, 1_500, 1_000).expect("held");
        assert_eq!(
            cut,
            HoldCut {
                paid_pence: 400,
                held_pence: 1_100,
                fee_pence: 1_000,
                other_pence: 100
            }
        );
        assert_eq!(cut.fee_pence + cut.other_pence, cut.held_pence);
    }

    #[test]
    fn a_preset_is_offered_through_its_last_day_and_not_after() {
        let last = d(2026, 4, 5);
        assert!(!preset_has_ended(Some(last), d(2026, 4, 5)));
        assert!(preset_has_ended(Some(last), d(2026, 4, 6)));
        assert!(
            !preset_has_ended(None, d(2030, 1, 1)),
            "an open preset never ends"
        );
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_a_month_is_the_calendar_month() {
        // Thursday 26 March 2026.
        let on = d(2026, 3, 26);
        assert_eq!(
            period_of(LimitPeriod::Week, on),
            (d(2026, 3, 23), d(2026, 3, 29))
        );
        assert_eq!(
            period_of(LimitPeriod::Month, on),
            (d(2026, 3, 1), d(2026, 3, 31))
        );
        assert_eq!(next_period_start(LimitPeriod::Week, on), d(2026, 3, 30));
        assert_eq!(next_period_start(LimitPeriod::Month, on), d(2026, 4, 1));
        assert_eq!(
            next_period_start(LimitPeriod::Month, d(2026, 12, 31)),
            d(2027, 1, 1)
        );
    }

    #[test]
    fn income_already_counted_depends_on_whether_the_limit_is_weekly_or_monthly() {
        let days = [
            (d(2026, 2, 27), 4_000),
            (d(2026, 3, 2), 4_000),
            (d(2026, 3, 24), 3_000),
            (d(2026, 3, 30), 2_000),
        ];
        let on = d(2026, 3, 26);
        assert_eq!(already_in_period(LimitPeriod::Week, on, &days), 3_000);
        assert_eq!(already_in_period(LimitPeriod::Month, on, &days), 9_000);
        // The same £20 claim fits a £50 week but not a £100 month.
        assert_eq!(hold_cut(5_000, 3_000, 2_000, 2_000), None);
        assert_eq!(
            hold_cut(10_000, 9_000, 2_000, 2_000).map(|c| c.held_pence),
            Some(1_000)
        );
    }
}
