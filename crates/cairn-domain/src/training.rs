//! Training: the prospectus (courses in both languages, by level and audience, with the model's
//! practices they evidence and a completion rule), sessions with their trainers, and registers.
//!
//! The rules the model measures are kept here so every caller gets them alike: a session is
//! **co-delivered** (L3.09) only with at least one peer trainer and one professional trainer;
//! it is **joint** (L2.04) when the people who attended come from at least two constituencies;
//! a person **completes** a course by attending at least its minimum number of sessions, or,
//! for an assessed course, when an assessor marks it.

use crate::keyed_enum;
use crate::people::Constituency;
use crate::validation::{FieldErrors, optional_text};
use std::collections::BTreeSet;

pub mod accreditation;

keyed_enum!(
    /// A trainer's part in a session. Labels in Fluent (`trainer-part-…`).
    TrainerPart, "trainer-part", {
        PeerTrainer => "peer_trainer",
        ProfessionalTrainer => "professional_trainer",
        CoFacilitator => "co_facilitator",
    }
);

keyed_enum!(
    /// Where a person stands on a session's register. Before it: booked, or waiting for a
    /// place; after it: attended, apologies or absent. Labels in Fluent (`attendance-…`).
    Attendance, "attendance", {
        Booked => "booked",
        Waiting => "waiting",
        Attended => "attended",
        Apologies => "apologies",
        Absent => "absent",
    }
);

keyed_enum!(
    /// Levels of the Credit and Qualifications Framework for Wales, Entry 1 to 8. Labels in
    /// Fluent (`cqfw-…`).
    CqfwLevel, "cqfw", {
        Entry1 => "entry_1",
        Entry2 => "entry_2",
        Entry3 => "entry_3",
        L1 => "1",
        L2 => "2",
        L3 => "3",
        L4 => "4",
        L5 => "5",
        L6 => "6",
        L7 => "7",
        L8 => "8",
    }
);

/// The practice a course must evidence to count as levels-awareness training.
pub const LEVELS_AWARENESS: &str = "L1.13";
/// The practice a course must evidence to count as assertiveness ("speaking out") training.
pub const ASSERTIVENESS: &str = "L2.02";

/// How a course is completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// Attend at least this many of its sessions.
    MinSessions(i64),
    /// An assessor marks each learner.
    Assessed,
}

impl Completion {
    /// Whether a learner who attended `attended` sessions, and was (or was not) marked by an
    /// assessor, has completed.
    pub fn met(self, attended: i64, assessed_pass: bool) -> bool {
        match self {
            Completion::MinSessions(n) => attended >= n,
            Completion::Assessed => assessed_pass,
        }
    }
}

/// Longest course title and summary.
pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 2000;

/// A course as typed (a form, or the API's JSON turned into text).
#[derive(Debug, Clone, Default)]
pub struct CourseDraft {
    pub title_en: String,
    pub title_cy: String,
    pub summary_en: String,
    pub summary_cy: String,
    pub audience: Vec<String>,
    pub level: String,
    pub practices: Vec<String>,
    pub sessions: String,
    pub learning_hours: String,
    pub credits: String,
    pub cqfw_level: String,
    pub agored_unit: String,
    /// "sessions" or "assessed".
    pub completion: String,
    pub min_sessions: String,
}

/// A course once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFields {
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub summary_en: Option<String>,
    pub summary_cy: Option<String>,
    pub audience: Vec<Constituency>,
    pub level: i64,
    pub practices: Vec<String>,
    pub sessions: i64,
    pub learning_hours: i64,
    pub credits: Option<i64>,
    pub cqfw_level: Option<CqfwLevel>,
    pub agored_unit: Option<String>,
    pub completion: Completion,
}

fn whole(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok()
}

/// True for a practice code shaped like the model's (`L1.13`).
pub fn is_practice_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[0] == b'L'
        && (b'1'..=b'3').contains(&b[1])
        && b[2] == b'.'
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
}

impl CourseDraft {
    /// Checks the course. A title and a summary are needed in at least one language (the other
    /// can follow from the translation service); credits, when given, need a CQFW level and
    /// follow the framework's 1 credit = 10 hours of learning; the completion rule cannot ask
    /// for more sessions than the course has.
    pub fn validate(&self) -> Result<CourseFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let title_en = optional_text(
            &mut e,
            "title_en",
            Some(&self.title_en),
            TITLE_MAX,
            "course-error-title-long",
        );
        let title_cy = optional_text(
            &mut e,
            "title_cy",
            Some(&self.title_cy),
            TITLE_MAX,
            "course-error-title-long",
        );
        if title_en.is_none() && title_cy.is_none() {
            e.add("title_en", "course-error-title");
        }
        let summary_en = optional_text(
            &mut e,
            "summary_en",
            Some(&self.summary_en),
            SUMMARY_MAX,
            "course-error-summary-long",
        );
        let summary_cy = optional_text(
            &mut e,
            "summary_cy",
            Some(&self.summary_cy),
            SUMMARY_MAX,
            "course-error-summary-long",
        );
        if summary_en.is_none() && summary_cy.is_none() {
            e.add("summary_en", "course-error-summary");
        }
        let mut audience = Vec::new();
        for a in &self.audience {
            match Constituency::parse(a.trim()) {
                Some(c) if !audience.contains(&c) => audience.push(c),
                Some(_) => {}
                None => {
                    e.add("audience", "course-error-audience");
                    break;
                }
            }
        }
        if audience.is_empty() && e.for_field("audience").is_none() {
            e.add("audience", "course-error-audience");
        }
        audience.sort();
        let level = match whole(&self.level) {
            Some(l) if (1..=3).contains(&l) => l,
            _ => {
                e.add("level", "course-error-level");
                0
            }
        };
        let mut practices: Vec<String> = Vec::new();
        for p in &self.practices {
            let p = p.trim().to_uppercase();
            if !is_practice_code(&p) {
                e.add("practices", "course-error-practice");
                break;
            }
            if !practices.contains(&p) {
                practices.push(p);
            }
        }
        practices.sort();
        let sessions = match whole(&self.sessions) {
            Some(n) if (1..=100).contains(&n) => n,
            _ => {
                e.add("sessions", "course-error-sessions");
                0
            }
        };
        let learning_hours = match whole(&self.learning_hours) {
            Some(n) if (1..=2000).contains(&n) => n,
            _ => {
                e.add("learning_hours", "course-error-hours");
                0
            }
        };
        let credits = match self.credits.trim() {
            "" => None,
            raw => match whole(raw) {
                Some(n)
                    if n >= 1 && learning_hours > 0 && n.saturating_mul(10) <= learning_hours =>
                {
                    Some(n)
                }
                Some(n) if n >= 1 && learning_hours > 0 => {
                    e.add("credits", "course-error-credits-hours");
                    Some(n)
                }
                _ => {
                    e.add("credits", "course-error-credits");
                    None
                }
            },
        };
        let cqfw_level = match self.cqfw_level.trim() {
            "" => None,
            raw => match CqfwLevel::parse(raw) {
                Some(l) => Some(l),
                None => {
                    e.add("cqfw_level", "course-error-cqfw");
                    None
                }
            },
        };
        if credits.is_some() && cqfw_level.is_none() && e.for_field("cqfw_level").is_none() {
            e.add("cqfw_level", "course-error-cqfw-needed");
        }
        let agored_unit = optional_text(
            &mut e,
            "agored_unit",
            Some(&self.agored_unit),
            40,
            "course-error-agored-long",
        );
        let completion = match self.completion.trim() {
            "assessed" => Completion::Assessed,
            "sessions" => match whole(&self.min_sessions) {
                Some(n) if n >= 1 && (sessions == 0 || n <= sessions) => Completion::MinSessions(n),
                _ => {
                    e.add("min_sessions", "course-error-min-sessions");
                    Completion::MinSessions(1)
                }
            },
            _ => {
                e.add("completion", "course-error-completion");
                Completion::Assessed
            }
        };
        e.into_result(CourseFields {
            title_en,
            title_cy,
            summary_en,
            summary_cy,
            audience,
            level,
            practices,
            sessions,
            learning_hours,
            credits,
            cqfw_level,
            agored_unit,
            completion,
        })
    }
}

/// Co-delivered (L3.09): at least one peer trainer and one professional trainer.
pub fn co_delivered(parts: &[TrainerPart]) -> bool {
    parts.contains(&TrainerPart::PeerTrainer) && parts.contains(&TrainerPart::ProfessionalTrainer)
}

/// Joint (L2.04): those who attended come from at least two constituencies.
pub fn joint(attended: &[Constituency]) -> bool {
    attended.iter().collect::<BTreeSet<_>>().len() >= 2
}

/// Where someone stands with training a role needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleTrainingState {
    /// They have not completed it.
    Missing,
    /// Done, and in force until `due` (none: it never lapses).
    Current { due: Option<jiff::civil::Date> },
    /// Done, but not refreshed by `due`.
    Lapsed { due: jiff::civil::Date },
}

/// Longest refresher interval a role may set, in months.
pub const REFRESH_MONTHS_MAX: i64 = 120;

/// Where someone who last trained on `last` stands on `today`, when the training is refreshed
/// every `refresh_months` (none: once is enough).
pub fn role_training_state(
    last: Option<jiff::civil::Date>,
    refresh_months: Option<i64>,
    today: jiff::civil::Date,
) -> RoleTrainingState {
    use jiff::ToSpan;
    let Some(last) = last else {
        return RoleTrainingState::Missing;
    };
    match refresh_months {
        None => RoleTrainingState::Current { due: None },
        Some(m) => {
            let due = last.saturating_add(m.months());
            if today > due {
                RoleTrainingState::Lapsed { due }
            } else {
                RoleTrainingState::Current { due: Some(due) }
            }
        }
    }
}

/// A session as typed. Times are already read (from a form's date and times on the
/// organisation's clock, or the API's RFC 3339): `None` when they could not be.
#[derive(Debug, Clone, Default)]
pub struct SessionDraft {
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub place: String,
    pub online_url: String,
    pub capacity: String,
    /// (person id, part) as typed.
    pub trainers: Vec<(String, String)>,
}

/// A session once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub capacity: i64,
    pub trainers: Vec<(i64, TrainerPart)>,
}

impl SessionDraft {
    /// Checks the session: it ends after it starts and within a day, has a place or an
    /// `https://` link, room for 1 to 500 people, and each trainer once with a known part.
    pub fn validate(&self) -> Result<SessionFields, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.starts_at.is_none() {
            e.add("starts_at", "session-error-starts");
        }
        match (self.starts_at, self.ends_at) {
            (_, None) => e.add("ends_at", "session-error-ends"),
            (Some(s), Some(t)) if t <= s || t - s > 24 * 60 * 60 * 1000 => {
                e.add("ends_at", "session-error-ends")
            }
            _ => {}
        }
        let place = optional_text(
            &mut e,
            "place",
            Some(&self.place),
            200,
            "session-error-place-long",
        );
        let online_url = optional_text(
            &mut e,
            "online_url",
            Some(&self.online_url),
            500,
            "session-error-url",
        );
        if online_url
            .as_deref()
            .is_some_and(|u| !u.starts_with("https://") || u.contains(char::is_whitespace))
            && e.for_field("online_url").is_none()
        {
            e.add("online_url", "session-error-url");
        }
        if place.is_none() && online_url.is_none() {
            e.add("place", "session-error-where");
        }
        let capacity = match whole(&self.capacity) {
            Some(n) if (1..=500).contains(&n) => n,
            _ => {
                e.add("capacity", "session-error-capacity");
                0
            }
        };
        let mut trainers: Vec<(i64, TrainerPart)> = Vec::new();
        for (person, part) in &self.trainers {
            match (whole(person), TrainerPart::parse(part.trim())) {
                (Some(p), Some(k)) if !trainers.iter().any(|(q, _)| *q == p) => {
                    trainers.push((p, k))
                }
                _ => {
                    e.add("trainers", "session-error-trainer");
                    break;
                }
            }
        }
        e.into_result(SessionFields {
            starts_at: self.starts_at.unwrap_or(0),
            ends_at: self.ends_at.unwrap_or(0),
            place,
            online_url,
            capacity,
            trainers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> CourseDraft {
        CourseDraft {
            title_en: "Understanding the levels".into(),
            title_cy: "Deall y lefelau".into(),
            summary_en: "What the three levels of co-production mean".into(),
            summary_cy: String::new(),
            audience: vec!["service_user".into(), "carer".into(), "staff".into()],
            level: "1".into(),
            practices: vec!["l1.13".into()],
            sessions: "6".into(),
            learning_hours: "30".into(),
            credits: "3".into(),
            cqfw_level: "entry_3".into(),
            agored_unit: "CD/E3/LE/001".into(),
            completion: "sessions".into(),
            min_sessions: "4".into(),
        }
    }

    #[test]
    fn role_training_is_missing_until_done_and_lapses_after_its_refresher_interval() {
        use jiff::civil::date;
        let today = date(2026, 12, 4);
        assert_eq!(
            role_training_state(None, Some(12), today),
            RoleTrainingState::Missing
        );
        assert_eq!(
            role_training_state(Some(date(2020, 1, 1)), None, today),
            RoleTrainingState::Current { due: None }
        );
        assert_eq!(
            role_training_state(Some(date(2025, 12, 4)), Some(12), today),
            RoleTrainingState::Current {
                due: Some(date(2026, 12, 4))
            }
        );
        assert_eq!(
            role_training_state(Some(date(2025, 12, 3)), Some(12), today),
            RoleTrainingState::Lapsed {
                due: date(2026, 12, 3)
            }
        );
    }

    #[test]
    fn a_session_is_co_delivered_only_with_a_peer_and_a_professional_trainer() {
        use TrainerPart::*;
        assert!(co_delivered(&[PeerTrainer, ProfessionalTrainer]));
        assert!(co_delivered(&[
            CoFacilitator,
            ProfessionalTrainer,
            PeerTrainer
        ]));
        assert!(!co_delivered(&[PeerTrainer, PeerTrainer, CoFacilitator]));
        assert!(!co_delivered(&[ProfessionalTrainer, CoFacilitator]));
        assert!(!co_delivered(&[]));
    }

    #[test]
    fn a_session_is_joint_when_those_who_attended_come_from_two_constituencies() {
        use Constituency::*;
        assert!(!joint(&[ServiceUser, ServiceUser, ServiceUser]));
        assert!(joint(&[ServiceUser, Carer]));
        assert!(joint(&[Staff, ServiceUser, ServiceUser]));
        assert!(!joint(&[]));
    }

    #[test]
    fn a_session_needs_an_end_after_its_start_a_place_or_a_secure_link_and_each_trainer_once() {
        let d = SessionDraft {
            starts_at: Some(1_000_000),
            ends_at: Some(1_000_000),
            place: String::new(),
            online_url: "http://meet.example/x".into(),
            capacity: "0".into(),
            trainers: vec![
                ("7".into(), "peer_trainer".into()),
                ("7".into(), "professional_trainer".into()),
            ],
        };
        let e = d.validate().expect_err("refused");
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["ends_at", "online_url", "capacity", "trainers"]
        );
        let ok = SessionDraft {
            ends_at: Some(1_000_000 + 2 * 60 * 60 * 1000),
            online_url: "https://meet.example/x".into(),
            capacity: "12".into(),
            trainers: vec![
                ("7".into(), "peer_trainer".into()),
                ("8".into(), "professional_trainer".into()),
            ],
            ..d
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.trainers.len(), 2);
        assert_eq!(ok.place, None);
    }

    #[test]
    fn completion_needs_the_minimum_sessions_or_an_assessors_mark() {
        assert!(!Completion::MinSessions(4).met(3, true));
        assert!(Completion::MinSessions(4).met(4, false));
        assert!(!Completion::Assessed.met(6, false));
        assert!(Completion::Assessed.met(0, true));
    }

    #[test]
    fn a_good_course_is_checked_with_codes_upper_cased_and_the_audience_sorted() {
        let c = good().validate().expect("valid");
        assert_eq!(c.practices, vec!["L1.13".to_owned()]);
        assert_eq!(
            c.audience,
            vec![
                Constituency::ServiceUser,
                Constituency::Carer,
                Constituency::Staff
            ]
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        assert_eq!(c.completion, Completion::MinSessions(4));
        assert_eq!(c.summary_cy, None);
    }

    #[test]
    fn credits_follow_ten_hours_each_and_need_a_cqfw_level() {
        let mut d = good();
        d.credits = "4".into(); // 40 hours of learning needed, 30 given
        d.cqfw_level = String::new();
        let e = d.validate().expect_err("refused");
        assert_eq!(
            e.for_field("credits").map(|x| x.code),
            Some("course-error-credits-hours")
        );
        assert_eq!(
            e.for_field("cqfw_level").map(|x| x.code),
            Some("course-error-cqfw-needed")
        );
    }

    #[test]
    fn a_course_needs_a_title_an_audience_a_level_and_a_rule_it_can_meet() {
        let d = CourseDraft {
            min_sessions: "7".into(),
            completion: "sessions".into(),
            sessions: "6".into(),
            learning_hours: "12".into(),
            practices: vec!["L9.99".into()],
            audience: vec!["martians".into()],
            level: "4".into(),
            ..CourseDraft::default()
        };
        let e = d.validate().expect_err("refused");
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "title_en",
                "summary_en",
                "audience",
                "level",
                "practices",
                "min_sessions"
            ]
        );
    }
}
