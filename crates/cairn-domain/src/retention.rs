//! Retention: how long an organisation keeps records it no longer needs, and the dates before
//! which each kind of record is due to go. Pure: "today" comes in as an argument.

use crate::payments::tax_year_start;
use crate::validation::FieldErrors;
use jiff::ToSpan;
use jiff::civil::Date;

/// The shortest and longest periods a policy may set, in months (payment records: years).
pub const MONTHS_MIN: i64 = 1;
pub const MONTHS_MAX: i64 = 120;
/// Audit entries are evidence of who saw what: kept at least a year.
pub const AUDIT_MONTHS_MIN: i64 = 12;
/// HMRC asks for payroll records for at least 3 years after the end of the tax year they
/// belong to; finance policies often say 6.
pub const PAYMENT_YEARS_MIN: i64 = 3;
pub const PAYMENT_YEARS_MAX: i64 = 10;

/// How long each kind of record is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Policy {
    /// Months after a person left before their record is erased (kept under a pseudonym).
    pub left_people_months: i64,
    /// Months after leaving before exit feedback is deleted.
    pub exit_feedback_months: i64,
    /// Months after a suggestion is closed before the contact details left with it go.
    pub suggestion_contact_months: i64,
    /// Months an audit entry is kept.
    pub audit_months: i64,
    /// Years after the end of the tax year before a finished claim (paid or rejected), its
    /// lines, receipts and history are deleted.
    pub payment_years: i64,
}

impl Default for Policy {
    /// Two years for the records of people who left and their exit feedback (long enough for
    /// someone to come back, or for a year-on-year report); six months for a suggestion's
    /// contact details once it is closed; three years of audit; six years of payment records.
    fn default() -> Self {
        Policy {
            left_people_months: 24,
            exit_feedback_months: 24,
            suggestion_contact_months: 6,
            audit_months: 36,
            payment_years: 6,
        }
    }
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct PolicyDraft {
    pub left_people_months: String,
    pub exit_feedback_months: String,
    pub suggestion_contact_months: String,
    pub audit_months: String,
    pub payment_years: String,
}

impl PolicyDraft {
    /// Checks every field; each error is a Fluent id shown beside its field.
    pub fn validate(&self) -> Result<Policy, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut field = |name: &str, raw: &str, min: i64, max: i64, code: &'static str| match raw
            .trim()
            .parse::<i64>()
        {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                e.add(name, code);
                0
            }
        };
        let p = Policy {
            left_people_months: field(
                "left_people_months",
                &self.left_people_months,
                MONTHS_MIN,
                MONTHS_MAX,
                "retention-error-months",
            ),
            exit_feedback_months: field(
                "exit_feedback_months",
                &self.exit_feedback_months,
                MONTHS_MIN,
                MONTHS_MAX,
                "retention-error-months",
            ),
            suggestion_contact_months: field(
                "suggestion_contact_months",
                &self.suggestion_contact_months,
                MONTHS_MIN,
                MONTHS_MAX,
                "retention-error-months",
            ),
            audit_months: field(
                "audit_months",
                &self.audit_months,
                AUDIT_MONTHS_MIN,
                MONTHS_MAX,
                "retention-error-audit-months",
            ),
            payment_years: field(
                "payment_years",
                &self.payment_years,
                PAYMENT_YEARS_MIN,
                PAYMENT_YEARS_MAX,
                "retention-error-payment-years",
            ),
        };
        e.into_result(p)
    }
}

/// The dates before which each kind of record is due to go, on the organisation's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// People who left before this day.
    pub left_before: Date,
    /// Exit feedback for leaving before this day.
    pub exits_before: Date,
    /// Suggestions closed before this day.
    pub contacts_before: Date,
    /// Audit entries from before this day.
    pub audit_before: Date,
    /// Claims paid (or rejected) before this day: the first day of the tax year
    /// `payment_years` before the current one. A claim paid on 5 April 2020 belongs to the tax
    /// year ending that day; with six years it is kept until 5 April 2026 and goes after.
    pub payments_before: Date,
    /// Claim drafts a member started and left untouched since before this day. A draft is
    /// only ever a half-finished form, so it is not kept for a period the organisation sets:
    /// [`DRAFT_DAYS`] after its last change it goes.
    pub drafts_before: Date,
}

/// Days an unsent claim draft is kept after its last change.
pub const DRAFT_DAYS: i64 = 90;

impl Policy {
    /// The cutoffs on `today`.
    pub fn cutoffs(&self, today: Date) -> Cutoffs {
        let months_ago = |m: i64| today.saturating_sub(m.months());
        let this_tax_year = tax_year_start(today);
        Cutoffs {
            left_before: months_ago(self.left_people_months),
            exits_before: months_ago(self.exit_feedback_months),
            contacts_before: months_ago(self.suggestion_contact_months),
            audit_before: months_ago(self.audit_months),
            payments_before: this_tax_year.saturating_sub(self.payment_years.years()),
            drafts_before: today.saturating_sub(DRAFT_DAYS.days()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn draft(p: Policy) -> PolicyDraft {
        PolicyDraft {
            left_people_months: p.left_people_months.to_string(),
            exit_feedback_months: p.exit_feedback_months.to_string(),
            suggestion_contact_months: p.suggestion_contact_months.to_string(),
            audit_months: p.audit_months.to_string(),
            payment_years: p.payment_years.to_string(),
        }
    }

    #[test]
    fn the_defaults_keep_payment_records_six_years_and_pass_their_own_checks() {
        let p = Policy::default();
        assert_eq!(p.payment_years, 6);
        assert_eq!(draft(p).validate(), Ok(p));
    }

    #[test]
    fn payment_records_cannot_be_kept_less_than_three_years_nor_audit_less_than_a_year() {
        let mut d = draft(Policy::default());
        d.payment_years = "2".into();
        d.audit_months = "11".into();
        d.left_people_months = "zero".into();
        let e = d.validate().expect_err("refused");
        let codes: Vec<(&str, &str)> = e.0.iter().map(|x| (x.field.as_str(), x.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("left_people_months", "retention-error-months"),
                ("audit_months", "retention-error-audit-months"),
                ("payment_years", "retention-error-payment-years"),
            ]
        );
        d.payment_years = "3".into();
        d.audit_months = "12".into();
        d.left_people_months = "1".into();
        assert!(d.validate().is_ok());
    }

    #[test]
    fn a_claim_goes_only_once_the_whole_tax_year_it_was_paid_in_is_past_the_period() {
        let p = Policy {
            payment_years: 6,
            ..Policy::default()
        };
        // On 4 December 2026 (tax year 2026/27), tax year 2019/20 ended on 5 April 2020, six
        // years before 5 April 2026: it may go. 2020/21 ends 5 April 2021: kept until 2027.
        assert_eq!(
            p.cutoffs(date(2026, 12, 4)).payments_before,
            date(2020, 4, 6)
        );
        // On 5 April 2026 tax year 2019/20 has only just reached six years: it stays.
        assert_eq!(
            p.cutoffs(date(2026, 4, 5)).payments_before,
            date(2019, 4, 6)
        );
        assert_eq!(
            p.cutoffs(date(2026, 4, 6)).payments_before,
            date(2020, 4, 6)
        );
    }

    #[test]
    fn months_are_counted_back_on_the_calendar_keeping_the_end_of_short_months() {
        let p = Policy {
            left_people_months: 1,
            exit_feedback_months: 24,
            suggestion_contact_months: 6,
            audit_months: 12,
            payment_years: 3,
        };
        let c = p.cutoffs(date(2026, 3, 31));
        assert_eq!(c.left_before, date(2026, 2, 28));
        assert_eq!(c.exits_before, date(2024, 3, 31));
        assert_eq!(c.contacts_before, date(2025, 9, 30));
        assert_eq!(c.audit_before, date(2025, 3, 31));
    }
}
