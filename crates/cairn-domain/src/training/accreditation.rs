//! Credits with an awarding body. Agored Cymru, which most community providers in Wales use,
//! takes learner registrations as a file and sets two deadlines: learners are registered
//! within 25 working days of a course's start (40 for a course running over 15 weeks), and
//! credits are claimed within 6 months of its end. Working days are Monday to Friday less the
//! bank holidays of England and Wales.
//!
//! A learner who chooses to work toward credits gives their legal name, date of birth and, if
//! they have one, their unique learner number (ULN, ten digits). These are collected only for
//! the registration file.

use crate::time::DateParts;
use crate::validation::{FieldErrors, optional_text, required_text};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// Working days to register learners after a course starts.
pub const REGISTER_WITHIN: i64 = 25;
/// Working days for a course that runs over [`LONG_COURSE_WEEKS`].
pub const REGISTER_WITHIN_LONG: i64 = 40;
/// A course running over this many weeks is a long one.
pub const LONG_COURSE_WEEKS: i64 = 15;
/// Months after a course ends to claim its credits.
pub const CLAIM_WITHIN_MONTHS: i8 = 6;
/// Working days before a deadline from which it is shown as a warning.
pub const WARN_WITHIN: i64 = 5;

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).expect("Easter is a real date")
}

/// The first `weekday` of a month on or after `day`.
fn weekday_on_or_after(year: i16, month: i8, day: i8, weekday: Weekday) -> Date {
    let mut d = Date::new(year, month, day).expect("a real date");
    while d.weekday() != weekday {
        d = d.tomorrow().expect("within the calendar");
    }
    d
}

/// The last Monday of a month.
fn last_monday(year: i16, month: i8) -> Date {
    let mut d = Date::new(year, month, 1)
        .expect("a real date")
        .last_of_month();
    while d.weekday() != Weekday::Monday {
        d = d.yesterday().expect("within the calendar");
    }
    d
}

/// The regular bank holidays of England and Wales in `year`, with the substitute days when
/// New Year, Christmas or Boxing Day fall at a weekend. One-off holidays proclaimed for an
/// occasion are not included.
pub fn bank_holidays(year: i16) -> Vec<Date> {
    let easter = easter(year);
    let mut days = vec![
        easter - 2.days(),
        easter + 1.day(),
        weekday_on_or_after(year, 5, 1, Weekday::Monday),
        last_monday(year, 5),
        last_monday(year, 8),
    ];
    let new_year = Date::new(year, 1, 1).expect("a real date");
    days.push(match new_year.weekday() {
        Weekday::Saturday => new_year + 2.days(),
        Weekday::Sunday => new_year + 1.day(),
        _ => new_year,
    });
    let christmas = Date::new(year, 12, 25).expect("a real date");
    let (christmas, boxing) = match christmas.weekday() {
        // Christmas on Saturday: Monday and Tuesday instead.
        Weekday::Saturday => (christmas + 2.days(), christmas + 3.days()),
        // Christmas on Sunday: Boxing Day is Monday, Christmas moves to Tuesday.
        Weekday::Sunday => (christmas + 2.days(), christmas + 1.day()),
        // Christmas on Friday: Boxing Day moves to Monday.
        Weekday::Friday => (christmas, christmas + 3.days()),
        _ => (christmas, christmas + 1.day()),
    };
    days.push(christmas);
    days.push(boxing);
    days.sort();
    days
}

/// Monday to Friday and not a bank holiday of England and Wales.
pub fn is_working_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
        && !bank_holidays(d.year()).contains(&d)
}

/// The day `n` working days after `start` (the start day itself not counted).
pub fn add_working_days(start: Date, n: i64) -> Date {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d = d.tomorrow().expect("within the calendar");
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days from `from` (not counted) up to and including `to`; 0 when `to` is not after.
pub fn working_days_between(from: Date, to: Date) -> i64 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = d.tomorrow().expect("within the calendar");
        if is_working_day(d) {
            n += 1;
        }
    }
    n
}

/// A course's two deadlines with the awarding body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// The last day to register learners.
    pub register_by: Date,
    /// The last day to claim credits.
    pub claim_by: Date,
    /// Whether the course runs over [`LONG_COURSE_WEEKS`] (40 working days to register).
    pub long_course: bool,
}

/// The deadlines for a course whose first session is on `first` and last on `last`.
pub fn deadlines(first: Date, last: Date) -> Deadlines {
    let long_course = i64::from((last - first).get_days()) > LONG_COURSE_WEEKS * 7;
    Deadlines {
        register_by: add_working_days(
            first,
            if long_course {
                REGISTER_WITHIN_LONG
            } else {
                REGISTER_WITHIN
            },
        ),
        claim_by: last.saturating_add(i64::from(CLAIM_WITHIN_MONTHS).months()),
        long_course,
    }
}

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState {
    /// More than [`WARN_WITHIN`] working days to go.
    Ahead,
    /// Within [`WARN_WITHIN`] working days (the deadline day itself included): this many left.
    Soon(i64),
    /// The deadline has passed.
    Passed,
}

/// Where `deadline` stands on `today`.
pub fn deadline_state(deadline: Date, today: Date) -> DeadlineState {
    if today > deadline {
        return DeadlineState::Passed;
    }
    let left = working_days_between(today, deadline);
    if left <= WARN_WITHIN {
        DeadlineState::Soon(left)
    } else {
        DeadlineState::Ahead
    }
}

/// Longest name part the registration file takes.
pub const NAME_MAX: usize = 100;

/// A learner working toward credits, as typed.
#[derive(Debug, Clone, Default)]
pub struct CreditLearnerDraft {
    pub person_id: String,
    pub given_names: String,
    pub family_name: String,
    pub date_of_birth: DateParts,
    pub uln: String,
}

/// A learner working toward credits, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLearner {
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub date_of_birth: Date,
    pub uln: Option<String>,
}

/// The youngest age at which someone is registered (awarding bodies register learners from 14).
pub const MIN_AGE: i16 = 14;

impl CreditLearnerDraft {
    /// Checks the learner on `today`: a person chosen, both names, a real date of birth at
    /// least [`MIN_AGE`] years back, and a ULN of exactly ten digits when one is given.
    pub fn validate(&self, today: Date) -> Result<CreditLearner, FieldErrors> {
        let mut e = FieldErrors::new();
        let person_id = self.person_id.trim().parse::<i64>().unwrap_or(0);
        if person_id <= 0 {
            e.add("person_id", "credit-error-person");
        }
        let given_names = required_text(
            &mut e,
            "given_names",
            &self.given_names,
            NAME_MAX,
            "credit-error-given-names",
            "credit-error-name-long",
        );
        let family_name = required_text(
            &mut e,
            "family_name",
            &self.family_name,
            NAME_MAX,
            "credit-error-family-name",
            "credit-error-name-long",
        );
        let latest = today.saturating_sub(i64::from(MIN_AGE).years());
        let date_of_birth = if self.date_of_birth.is_blank() {
            e.add("date_of_birth", "credit-error-birth");
            None
        } else {
            let d =
                crate::time::parse_date_parts(&mut e, "date_of_birth", &self.date_of_birth, None);
            match d {
                Some(d) if d > latest => {
                    e.add("date_of_birth", "credit-error-birth-young");
                    None
                }
                other => other,
            }
        };
        // People often read a ULN out in groups of digits: spaces are dropped before checking.
        let uln = optional_text(
            &mut e,
            "uln",
            Some(&self.uln.replace(' ', "")),
            10,
            "credit-error-uln",
        );
        if let Some(u) = &uln
            && e.for_field("uln").is_none()
            && (u.len() != 10 || !u.bytes().all(|b| b.is_ascii_digit()))
        {
            e.add("uln", "credit-error-uln");
        }
        e.into_result(CreditLearner {
            person_id,
            given_names,
            family_name,
            date_of_birth: date_of_birth.unwrap_or(today),
            uln,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn bank_holidays_match_the_published_dates_for_england_and_wales() {
        // gov.uk/bank-holidays, 2026: New Year, Good Friday, Easter Monday, early May, spring,
        // summer, Christmas, Boxing Day (a Saturday, so Monday 28th).
        assert_eq!(
            bank_holidays(2026),
            vec![
                date(2026, 1, 1),
                date(2026, 4, 3),
                date(2026, 4, 6),
                date(2026, 5, 4),
                date(2026, 5, 25),
                date(2026, 8, 31),
                date(2026, 12, 25),
                date(2026, 12, 28),
            ]
        );
        // 2027: Christmas on a Saturday moves to Monday 27th, Boxing Day to Tuesday 28th.
        let h = bank_holidays(2027);
        assert!(h.contains(&date(2027, 3, 26)) && h.contains(&date(2027, 3, 29)));
        assert!(h.contains(&date(2027, 12, 27)) && h.contains(&date(2027, 12, 28)));
        assert!(!h.contains(&date(2027, 12, 25)));
        // 2022: Christmas on a Sunday: Boxing Day Monday 26th, Christmas Tuesday 27th.
        let h = bank_holidays(2022);
        assert!(h.contains(&date(2022, 12, 26)) && h.contains(&date(2022, 12, 27)));
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Thursday 2 April 2026 + 1 working day skips Good Friday, the weekend and Easter
        // Monday: Tuesday 7 April.
        assert_eq!(add_working_days(date(2026, 4, 2), 1), date(2026, 4, 7));
        assert_eq!(working_days_between(date(2026, 4, 2), date(2026, 4, 7)), 1);
        assert_eq!(add_working_days(date(2026, 3, 2), 5), date(2026, 3, 9));
        assert!(!is_working_day(date(2026, 12, 28)));
    }

    #[test]
    fn learners_are_registered_within_25_working_days_or_40_for_a_course_over_15_weeks() {
        // A six-week course starting Monday 2 March 2026: 25 working days later, with Good
        // Friday and Easter Monday in between, is Wednesday 8 April.
        let d = deadlines(date(2026, 3, 2), date(2026, 4, 13));
        assert!(!d.long_course);
        assert_eq!(d.register_by, date(2026, 4, 8));
        assert_eq!(d.claim_by, date(2026, 10, 13));
        // Fifteen weeks exactly is not over fifteen weeks.
        let d = deadlines(date(2026, 1, 5), date(2026, 4, 20));
        assert!(!d.long_course);
        // Sixteen weeks is: 40 working days (eight weeks) from Monday 5 January 2026 is Monday 2 March.
        let d = deadlines(date(2026, 1, 5), date(2026, 4, 27));
        assert!(d.long_course);
        assert_eq!(d.register_by, date(2026, 3, 2));
        // Six months after 31 August is the last day of February.
        assert_eq!(
            deadlines(date(2026, 8, 3), date(2026, 8, 31)).claim_by,
            date(2027, 2, 28)
        );
    }

    #[test]
    fn a_deadline_warns_within_five_working_days_and_says_when_it_has_passed() {
        let deadline = date(2026, 4, 8);
        assert_eq!(
            deadline_state(deadline, date(2026, 3, 2)),
            DeadlineState::Ahead
        );
        // From Wednesday 1 April: Thursday 2, Tuesday 7, Wednesday 8 are left.
        assert_eq!(
            deadline_state(deadline, date(2026, 4, 1)),
            DeadlineState::Soon(3)
        );
        assert_eq!(
            deadline_state(deadline, date(2026, 4, 8)),
            DeadlineState::Soon(0)
        );
        assert_eq!(
            deadline_state(deadline, date(2026, 4, 9)),
            DeadlineState::Passed
        );
    }

    fn learner() -> CreditLearnerDraft {
        CreditLearnerDraft {
            person_id: "7".into(),
            given_names: " Mair Elin ".into(),
            family_name: "Jones".into(),
            date_of_birth: DateParts {
                day: "9".into(),
                month: "11".into(),
                year: "1980".into(),
            },
            uln: "1234 567 890".into(),
        }
    }

    #[test]
    fn a_credit_learner_needs_both_names_a_real_birth_date_and_a_ten_digit_uln_if_any() {
        let today = date(2026, 12, 4);
        let ok = learner().validate(today).expect("valid");
        assert_eq!(ok.given_names, "Mair Elin");
        assert_eq!(ok.date_of_birth, date(1980, 11, 9));
        assert_eq!(ok.uln.as_deref(), Some("1234567890"));
        let none = CreditLearnerDraft {
            uln: String::new(),
            ..learner()
        };
        assert_eq!(none.validate(today).expect("valid").uln, None);
        let bad = CreditLearnerDraft {
            person_id: "x".into(),
            given_names: " ".into(),
            family_name: "J".repeat(101),
            date_of_birth: DateParts {
                day: "31".into(),
                month: "2".into(),
                year: "1990".into(),
            },
            uln: "12345".into(),
        }
        .validate(today)
        .expect_err("refused");
        for (field, code) in [
            ("person_id", "credit-error-person"),
            ("given_names", "credit-error-given-names"),
            ("family_name", "credit-error-name-long"),
            ("date_of_birth", "date-error-real"),
            ("uln", "credit-error-uln"),
        ] {
            assert_eq!(bad.for_field(field).map(|x| x.code), Some(code), "{field}");
        }
        let young = CreditLearnerDraft {
            date_of_birth: DateParts {
                day: "1".into(),
                month: "1".into(),
                year: "2020".into(),
            },
            ..learner()
        }
        .validate(today)
        .expect_err("refused");
        assert_eq!(
            young.for_field("date_of_birth").map(|x| x.code),
            Some("credit-error-birth-young")
        );
        let letters = CreditLearnerDraft {
            uln: "12345678AB".into(),
            ..learner()
        }
        .validate(today)
        .expect_err("refused");
        assert!(letters.for_field("uln").is_some());
    }
}
