//! Involvement roles and recruitment: role descriptions in both languages, opportunities,
//! expressions of interest and the one path they move along, appointments and their checks,
//! leaving well (exit feedback), and staff recruitment panels.
//!
//! Invariants kept here, so every caller gets them: an expression of interest only moves one
//! step forward (received → talked with → offered → appointed) or ends "not this time" with
//! feedback written to the person; nothing moves once it has ended. A recruitment process
//! counts as involving service users or carers "from the job description onwards" only when
//! one sat on the job-description stage and on every later stage that has a panel.

use crate::keyed_enum;
use crate::people::Constituency;
use crate::time::{DateParts, parse_date_parts};
use crate::validation::{FieldErrors, optional_text, required_text};
use jiff::civil::Date;

keyed_enum!(
    /// What kind of role this is; the measures look for buddies and coordinators by kind.
    /// Labels in Fluent (`role-kind-…`).
    RoleKind, "role-kind", {
        Buddy => "buddy",
        InterviewPanel => "interview_panel",
        CoFacilitator => "co_facilitator",
        Coordinator => "coordinator",
        ForumChair => "forum_chair",
        StrategyGroup => "strategy_group",
        Other => "other",
    }
);

keyed_enum!(
    /// How a role is paid. Labels in Fluent (`role-payment-…`).
    PaymentCategory, "role-payment", {
        Fee => "fee",
        Payroll => "payroll",
        ExpensesOnly => "expenses_only",
        Voluntary => "voluntary",
    }
);

keyed_enum!(
    /// Where an expression of interest has got to. Labels in Fluent (`interest-status-…`).
    InterestStatus, "interest-status", {
        Received => "received",
        Talked => "talked",
        Offered => "offered",
        Appointed => "appointed",
        NotThisTime => "not_this_time",
    }
);

keyed_enum!(
    /// Why someone stepped down or left, from a fixed list (they add their own words too).
    /// Labels in Fluent (`exit-reason-…`).
    ExitReason, "exit-reason", {
        RoleEnded => "role_ended",
        Health => "health",
        Time => "time",
        MovedOn => "moved_on",
        Discharged => "discharged",
        NotForMe => "not_for_me",
        Payment => "payment",
        Other => "other",
    }
);

keyed_enum!(
    /// Whether a person who leaves would like to stay in touch, and how. Anything but `No`
    /// makes their status "moved on" (L3.10). Labels in Fluent (`exit-stay-…`).
    StayInTouch, "exit-stay", {
        No => "no",
        Buddy => "buddy",
        Mentor => "mentor",
        Adviser => "adviser",
    }
);

keyed_enum!(
    /// The stages of a staff recruitment process. Labels in Fluent (`recruitment-stage-…`).
    RecruitmentStage, "recruitment-stage", {
        JobDescription => "job_description",
        Shortlisting => "shortlisting",
        Interview => "interview",
    }
);

keyed_enum!(
    /// A check a role may need before someone starts. Labels in Fluent (`role-check-…`).
    RoleCheck, "role-check", {
        References => "references",
        Dbs => "dbs",
        OccupationalHealth => "occupational_health",
    }
);

/// Longest role title.
pub const TITLE_MAX: usize = 120;
/// Longest paragraph of a role description.
pub const TEXT_MAX: usize = 4000;
/// Longest "I'm interested" message, feedback or exit note.
pub const NOTE_MAX: usize = 2000;
/// Longest post name in a recruitment process.
pub const POST_MAX: usize = 160;

impl InterestStatus {
    /// True once nothing more can happen.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            InterestStatus::Appointed | InterestStatus::NotThisTime
        )
    }

    /// The one step forward from here, if any.
    pub fn next(self) -> Option<InterestStatus> {
        match self {
            InterestStatus::Received => Some(InterestStatus::Talked),
            InterestStatus::Talked => Some(InterestStatus::Offered),
            InterestStatus::Offered => Some(InterestStatus::Appointed),
            InterestStatus::Appointed | InterestStatus::NotThisTime => None,
        }
    }
}

/// Why a move of an expression of interest was refused (each a Fluent id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("roles-error-interest-ended")]
    Ended,
    #[error("roles-error-interest-step")]
    NotNextStep,
    #[error("roles-error-feedback-required")]
    FeedbackRequired,
}

impl MoveError {
    /// The Fluent id explaining the refusal.
    pub fn code(self) -> &'static str {
        match self {
            MoveError::Ended => "roles-error-interest-ended",
            MoveError::NotNextStep => "roles-error-interest-step",
            MoveError::FeedbackRequired => "roles-error-feedback-required",
        }
    }
}

/// May an expression of interest move from `from` to `to`? "Not this time" needs feedback for
/// the person (`feedback` is the trimmed text, empty when none).
pub fn check_move(
    from: InterestStatus,
    to: InterestStatus,
    feedback: &str,
) -> Result<(), MoveError> {
    if from.is_final() {
        return Err(MoveError::Ended);
    }
    if to == InterestStatus::NotThisTime {
        return if feedback.trim().is_empty() {
            Err(MoveError::FeedbackRequired)
        } else {
            Ok(())
        };
    }
    if from.next() == Some(to) {
        Ok(())
    } else {
        Err(MoveError::NotNextStep)
    }
}

/// A role description as typed, in both languages.
#[derive(Debug, Clone, Default)]
pub struct RoleDraft {
    pub kind: String,
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub involves_en: String,
    pub involves_cy: String,
    pub time_en: String,
    pub time_cy: String,
    pub support_en: String,
    pub support_cy: String,
    pub level: String,
    pub payment: String,
    pub leadership: bool,
    pub checks: Vec<String>,
    pub published: bool,
}

/// A role description once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFields {
    pub kind: RoleKind,
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub involves_en: String,
    pub involves_cy: String,
    pub time_en: String,
    pub time_cy: String,
    pub support_en: String,
    pub support_cy: String,
    pub level: u8,
    pub payment: PaymentCategory,
    pub leadership: bool,
    pub needs_references: bool,
    pub needs_dbs: bool,
    pub needs_occupational_health: bool,
    pub published: bool,
}

impl RoleFields {
    /// The checks this role needs, in list order.
    pub fn checks(&self) -> Vec<RoleCheck> {
        role_checks(
            self.needs_references,
            self.needs_dbs,
            self.needs_occupational_health,
        )
    }
}

/// The checks named by three flags, in list order.
pub fn role_checks(references: bool, dbs: bool, occupational_health: bool) -> Vec<RoleCheck> {
    [
        (references, RoleCheck::References),
        (dbs, RoleCheck::Dbs),
        (occupational_health, RoleCheck::OccupationalHealth),
    ]
    .into_iter()
    .filter_map(|(on, c)| on.then_some(c))
    .collect()
}

/// Reads a level 1, 2 or 3.
pub fn parse_level(raw: &str) -> Option<u8> {
    match raw.trim() {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        _ => None,
    }
}

impl RoleDraft {
    /// Checks every field. Every paragraph is needed in both languages: a role description is
    /// never published in one language only.
    pub fn validate(&self) -> Result<RoleFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = RoleKind::parse(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "roles-error-kind");
        }
        let title_en = required_text(
            &mut e,
            "title_en",
            &self.title_en,
            TITLE_MAX,
            "roles-error-title-en",
            "roles-error-too-long",
        );
        let title_cy = required_text(
            &mut e,
            "title_cy",
            &self.title_cy,
            TITLE_MAX,
            "roles-error-title-cy",
            "roles-error-too-long",
        );
        let mut para = |field: &str, raw: &str, code: &'static str| {
            required_text(&mut e, field, raw, TEXT_MAX, code, "roles-error-too-long")
        };
        let purpose_en = para("purpose_en", &self.purpose_en, "roles-error-purpose");
        let purpose_cy = para("purpose_cy", &self.purpose_cy, "roles-error-purpose");
        let involves_en = para("involves_en", &self.involves_en, "roles-error-involves");
        let involves_cy = para("involves_cy", &self.involves_cy, "roles-error-involves");
        let time_en = para("time_en", &self.time_en, "roles-error-time");
        let time_cy = para("time_cy", &self.time_cy, "roles-error-time");
        let support_en = para("support_en", &self.support_en, "roles-error-support");
        let support_cy = para("support_cy", &self.support_cy, "roles-error-support");
        let level = parse_level(&self.level);
        if level.is_none() {
            e.add("level", "roles-error-level");
        }
        let payment = PaymentCategory::parse(self.payment.trim());
        if payment.is_none() {
            e.add("payment", "roles-error-payment");
        }
        let mut checks = Vec::new();
        for c in &self.checks {
            match RoleCheck::parse(c.trim()) {
                Some(c) => checks.push(c),
                None => {
                    e.add("checks", "roles-error-checks");
                    break;
                }
            }
        }
        match (e.is_empty(), kind, level, payment) {
            (true, Some(kind), Some(level), Some(payment)) => Ok(RoleFields {
                kind,
                title_en,
                title_cy,
                purpose_en,
                purpose_cy,
                involves_en,
                involves_cy,
                time_en,
                time_cy,
                support_en,
                support_cy,
                level,
                payment,
                leadership: self.leadership,
                needs_references: checks.contains(&RoleCheck::References),
                needs_dbs: checks.contains(&RoleCheck::Dbs),
                needs_occupational_health: checks.contains(&RoleCheck::OccupationalHealth),
                published: self.published,
            }),
            _ => Err(e),
        }
    }
}

/// An opportunity as typed: a role, where (a unit, or the whole service when blank), and the
/// closing date.
#[derive(Debug, Clone, Default)]
pub struct OpportunityDraft {
    pub role_id: String,
    pub unit_id: String,
    pub note_en: String,
    pub note_cy: String,
    pub closes_on: DateParts,
}

/// An opportunity once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityFields {
    pub role_id: i64,
    pub unit_id: Option<i64>,
    pub note_en: Option<String>,
    pub note_cy: Option<String>,
    pub closes_on: Date,
}

impl OpportunityDraft {
    /// Checks every field; the closing date is today or later. A note, if any, is given in
    /// both languages.
    pub fn validate(&self, today: Date) -> Result<OpportunityFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let role_id = self.role_id.trim().parse::<i64>().ok();
        if role_id.is_none() {
            e.add("role_id", "roles-error-role");
        }
        let unit_id = match self.unit_id.trim() {
            "" => Some(None),
            u => u.parse::<i64>().ok().map(Some),
        };
        if unit_id.is_none() {
            e.add("unit_id", "roles-error-unit");
        }
        let note_en = optional_text(
            &mut e,
            "note_en",
            Some(&self.note_en),
            NOTE_MAX,
            "roles-error-too-long",
        );
        let note_cy = optional_text(
            &mut e,
            "note_cy",
            Some(&self.note_cy),
            NOTE_MAX,
            "roles-error-too-long",
        );
        if note_en.is_some() != note_cy.is_some() {
            let field = if note_en.is_none() {
                "note_en"
            } else {
                "note_cy"
            };
            e.add(field, "roles-error-note-both");
        }
        let closes_on = parse_date_parts(&mut e, "closes_on", &self.closes_on, None);
        match closes_on {
            None if e.for_field("closes_on").is_none() => e.add("closes_on", "roles-error-closes"),
            Some(d) if d < today => e.add("closes_on", "roles-error-closes-past"),
            _ => {}
        }
        match (e.is_empty(), role_id, unit_id, closes_on) {
            (true, Some(role_id), Some(unit_id), Some(closes_on)) => Ok(OpportunityFields {
                role_id,
                unit_id,
                note_en,
                note_cy,
                closes_on,
            }),
            _ => Err(e),
        }
    }
}

/// Is an opportunity open on `today`? Open from the day it is published to its closing date,
/// unless withdrawn.
pub fn is_open(closes_on: Date, withdrawn: bool, today: Date) -> bool {
    !withdrawn && today <= closes_on
}

/// Exit feedback as typed.
#[derive(Debug, Clone, Default)]
pub struct ExitDraft {
    pub left_on: DateParts,
    pub reasons: Vec<String>,
    pub own_words: String,
    pub stay_in_touch: String,
}

/// Exit feedback once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitFields {
    pub left_on: Date,
    pub reasons: Vec<ExitReason>,
    pub own_words: Option<String>,
    pub stay_in_touch: StayInTouch,
}

impl ExitDraft {
    /// Checks every field. At least one reason; the date is not in the future (and not
    /// before `not_before`, the start of the role being left, when there is one).
    pub fn validate(
        &self,
        today: Date,
        not_before: Option<Date>,
    ) -> Result<ExitFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let left_on = parse_date_parts(&mut e, "left_on", &self.left_on, Some(today));
        match left_on {
            None if e.for_field("left_on").is_none() => e.add("left_on", "exit-error-date"),
            Some(d) if not_before.is_some_and(|nb| d < nb) => {
                e.add("left_on", "exit-error-before-start")
            }
            _ => {}
        }
        let mut reasons = Vec::new();
        for r in &self.reasons {
            match ExitReason::parse(r.trim()) {
                Some(r) if !reasons.contains(&r) => reasons.push(r),
                Some(_) => {}
                None => {
                    e.add("reasons", "exit-error-reasons");
                    break;
                }
            }
        }
        if reasons.is_empty() && e.for_field("reasons").is_none() {
            e.add("reasons", "exit-error-reasons");
        }
        reasons.sort();
        let own_words = optional_text(
            &mut e,
            "own_words",
            Some(&self.own_words),
            NOTE_MAX,
            "exit-error-too-long",
        );
        let stay_in_touch = StayInTouch::parse(self.stay_in_touch.trim());
        if stay_in_touch.is_none() {
            e.add("stay_in_touch", "exit-error-stay");
        }
        match (e.is_empty(), left_on, stay_in_touch) {
            (true, Some(left_on), Some(stay_in_touch)) => Ok(ExitFields {
                left_on,
                reasons,
                own_words,
                stay_in_touch,
            }),
            _ => Err(e),
        }
    }
}

/// The quarter a date falls in, as `2026-Q1` (calendar quarters).
pub fn quarter_key(d: Date) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

/// True for the people whose part in a recruitment panel is what L3.04 asks for.
pub fn is_lived_experience(c: Constituency) -> bool {
    matches!(c, Constituency::ServiceUser | Constituency::Carer)
}

/// Whether service users or carers took part from the job description onwards: one sat on
/// the job-description stage, and on every later stage that has a panel at all. `stages`
/// lists each stage with the constituencies of the people who sat on it.
pub fn involved_from_job_description(stages: &[(RecruitmentStage, Vec<Constituency>)]) -> bool {
    let has = |s: RecruitmentStage| {
        stages
            .iter()
            .filter(|(st, _)| *st == s)
            .flat_map(|(_, cs)| cs.iter())
            .any(|c| is_lived_experience(*c))
    };
    let sat = |s: RecruitmentStage| stages.iter().any(|(st, cs)| *st == s && !cs.is_empty());
    has(RecruitmentStage::JobDescription)
        && RecruitmentStage::ALL[1..]
            .iter()
            .all(|s| !sat(*s) || has(*s))
}

/// A staff recruitment process as typed: the post, its unit (blank for the whole service) and
/// the date it opened.
#[derive(Debug, Clone, Default)]
pub struct RecruitmentDraft {
    pub post: String,
    pub unit_id: String,
    pub opened_on: DateParts,
}

/// A recruitment process once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecruitmentFields {
    pub post: String,
    pub unit_id: Option<i64>,
    pub opened_on: Date,
}

impl RecruitmentDraft {
    /// Checks every field; the opening date is not in the future.
    pub fn validate(&self, today: Date) -> Result<RecruitmentFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let post = required_text(
            &mut e,
            "post",
            &self.post,
            POST_MAX,
            "recruitment-error-post",
            "roles-error-too-long",
        );
        let unit_id = match self.unit_id.trim() {
            "" => Some(None),
            u => u.parse::<i64>().ok().map(Some),
        };
        if unit_id.is_none() {
            e.add("unit_id", "roles-error-unit");
        }
        let opened_on = parse_date_parts(&mut e, "opened_on", &self.opened_on, Some(today));
        if opened_on.is_none() && e.for_field("opened_on").is_none() {
            e.add("opened_on", "recruitment-error-opened");
        }
        match (e.is_empty(), unit_id, opened_on) {
            (true, Some(unit_id), Some(opened_on)) => Ok(RecruitmentFields {
                post,
                unit_id,
                opened_on,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InterestStatus::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn role_draft() -> RoleDraft {
        let t = |s: &str| s.to_owned();
        RoleDraft {
            kind: t("buddy"),
            title_en: t("Buddy"),
            title_cy: t("Cyfaill"),
            purpose_en: t("Welcome newcomers"),
            purpose_cy: t("Croesawu pobl newydd"),
            involves_en: t("Meeting a newcomer"),
            involves_cy: t("Cwrdd â pherson newydd"),
            time_en: t("An hour a week"),
            time_cy: t("Awr yr wythnos"),
            support_en: t("Buddy training"),
            support_cy: t("Hyfforddiant cyfeillion"),
            level: t("2"),
            payment: t("fee"),
            leadership: false,
            checks: vec![t("references")],
            published: true,
        }
    }

    #[test]
    fn a_role_description_needs_every_paragraph_in_both_languages() {
        assert!(role_draft().validate().is_ok());
        let mut d = role_draft();
        d.support_cy = "  ".into();
        d.title_cy.clear();
        let e = d.validate().expect_err("missing Welsh");
        assert_eq!(
            e.for_field("support_cy").map(|x| x.code),
            Some("roles-error-support")
        );
        assert_eq!(
            e.for_field("title_cy").map(|x| x.code),
            Some("roles-error-title-cy")
        );
    }

    #[test]
    fn role_checks_come_from_the_checklist_and_unknown_checks_are_refused() {
        let f = role_draft().validate().expect("valid");
        assert_eq!(f.checks(), vec![RoleCheck::References]);
        let mut d = role_draft();
        d.checks = vec!["dbs".into(), "occupational_health".into()];
        let f = d.validate().expect("valid");
        assert_eq!(
            f.checks(),
            vec![RoleCheck::Dbs, RoleCheck::OccupationalHealth]
        );
        d.checks = vec!["blood_test".into()];
        assert!(d.validate().expect_err("bad").for_field("checks").is_some());
    }

    #[test]
    fn an_opportunity_cannot_close_in_the_past_and_blank_unit_means_the_whole_service() {
        let today = date(2026, 5, 10);
        let d = OpportunityDraft {
            role_id: "4".into(),
            unit_id: String::new(),
            closes_on: DateParts {
                day: "9".into(),
                month: "5".into(),
                year: "2026".into(),
            },
            ..Default::default()
        };
        assert_eq!(
            d.validate(today)
                .expect_err("past")
                .for_field("closes_on")
                .map(|x| x.code),
            Some("roles-error-closes-past")
        );
        let mut d = d;
        d.closes_on.day = "10".into();
        let f = d.validate(today).expect("valid");
        assert_eq!(f.unit_id, None);
        assert!(is_open(f.closes_on, false, today));
        assert!(!is_open(f.closes_on, false, date(2026, 5, 11)));
        assert!(!is_open(f.closes_on, true, today));
    }

    #[test]
    fn an_opportunity_note_in_one_language_only_is_refused() {
        let d = OpportunityDraft {
            role_id: "1".into(),
            note_en: "Tuesdays".into(),
            closes_on: DateParts {
                day: "1".into(),
                month: "1".into(),
                year: "2030".into(),
            },
            ..Default::default()
        };
        let e = d.validate(date(2026, 1, 1)).expect_err("one language");
        assert_eq!(
            e.for_field("note_cy").map(|x| x.code),
            Some("roles-error-note-both")
        );
    }

    #[test]
    fn interest_moves_one_step_forward_or_ends_not_this_time_with_feedback() {
        assert_eq!(check_move(Received, Talked, ""), Ok(()));
        assert_eq!(check_move(Talked, Offered, ""), Ok(()));
        assert_eq!(check_move(Offered, Appointed, ""), Ok(()));
        assert_eq!(
            check_move(Received, Offered, ""),
            Err(MoveError::NotNextStep)
        );
        assert_eq!(
            check_move(Talked, Received, ""),
            Err(MoveError::NotNextStep)
        );
        assert_eq!(
            check_move(Talked, NotThisTime, " "),
            Err(MoveError::FeedbackRequired)
        );
        assert_eq!(check_move(Talked, NotThisTime, "Thank you"), Ok(()));
        assert_eq!(
            check_move(Appointed, NotThisTime, "x"),
            Err(MoveError::Ended)
        );
        assert_eq!(check_move(NotThisTime, Received, ""), Err(MoveError::Ended));
    }

    #[test]
    fn exit_feedback_needs_a_reason_and_a_date_no_later_than_today() {
        let today = date(2026, 6, 1);
        let e = ExitDraft::default()
            .validate(today, None)
            .expect_err("empty");
        for f in ["left_on", "reasons", "stay_in_touch"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        let d = ExitDraft {
            left_on: DateParts {
                day: "1".into(),
                month: "6".into(),
                year: "2026".into(),
            },
            reasons: vec!["time".into(), "health".into(), "time".into()],
            own_words: "  ".into(),
            stay_in_touch: "mentor".into(),
        };
        let f = d.validate(today, None).expect("valid");
        assert_eq!(f.reasons, vec![ExitReason::Health, ExitReason::Time]);
        assert_eq!(f.own_words, None);
        let e = d
            .validate(today, Some(date(2026, 6, 2)))
            .expect_err("before start");
        assert_eq!(
            e.for_field("left_on").map(|x| x.code),
            Some("exit-error-before-start")
        );
    }

    #[test]
    fn quarters_are_calendar_quarters() {
        assert_eq!(quarter_key(date(2026, 1, 1)), "2026-Q1");
        assert_eq!(quarter_key(date(2026, 3, 31)), "2026-Q1");
        assert_eq!(quarter_key(date(2026, 4, 1)), "2026-Q2");
        assert_eq!(quarter_key(date(2026, 12, 31)), "2026-Q4");
    }

    #[test]
    fn recruitment_involvement_starts_at_the_job_description() {
        use Constituency::*;
        use RecruitmentStage::*;
        let with = |s, cs: &[Constituency]| (s, cs.to_vec());
        assert!(involved_from_job_description(&[
            with(JobDescription, &[Staff, Carer]),
            with(Interview, &[ServiceUser]),
        ]));
        // Only at interview: not from the job description.
        assert!(!involved_from_job_description(&[
            with(JobDescription, &[Staff]),
            with(Interview, &[ServiceUser]),
        ]));
        // A later panel of staff only breaks it.
        assert!(!involved_from_job_description(&[
            with(JobDescription, &[ServiceUser]),
            with(Shortlisting, &[Staff]),
        ]));
        assert!(!involved_from_job_description(&[]));
    }

    fn status() -> impl Strategy<Value = InterestStatus> {
        (0usize..InterestStatus::ALL.len()).prop_map(|i| InterestStatus::ALL[i])
    }

    proptest! {
        #[test]
        fn no_sequence_of_moves_skips_a_step_or_leaves_an_ended_interest(
            moves in proptest::collection::vec((status(), any::<bool>()), 0..20)
        ) {
            let mut at = Received;
            let mut seen = vec![at];
            for (to, with_feedback) in moves {
                let was = at;
                if check_move(at, to, if with_feedback { "feedback" } else { "" }).is_ok() {
                    prop_assert!(!was.is_final());
                    if to != NotThisTime {
                        prop_assert_eq!(was.next(), Some(to));
                    } else {
                        prop_assert!(with_feedback);
                    }
                    at = to;
                    seen.push(at);
                }
            }
            // Appointed is reached only through talked with and offered.
            if seen.contains(&Appointed) {
                prop_assert!(seen.contains(&Talked) && seen.contains(&Offered));
            }
        }

        #[test]
        fn adding_a_carer_to_every_stage_makes_a_process_involved(
            stages in proptest::collection::vec((0usize..3, proptest::collection::vec(0usize..5, 0..4)), 0..6)
        ) {
            let mut stages: Vec<(RecruitmentStage, Vec<Constituency>)> = stages
                .into_iter()
                .map(|(s, cs)| (RecruitmentStage::ALL[s], cs.into_iter().map(|c| Constituency::ALL[c]).collect()))
                .collect();
            for s in RecruitmentStage::ALL {
                stages.push((*s, vec![Constituency::Carer]));
            }
            prop_assert!(involved_from_job_description(&stages));
        }
    }
}
