//! People: service users, carers, staff, third-sector partners and managers. A person need not
//! have an account. We hold the minimum: a chosen name (not a legal name), how they take part,
//! their units, their status with dates, their language for correspondence, access needs and
//! the date they consented.

use crate::keyed_enum;
use crate::time::{DateParts, parse_date_parts};
use crate::validation::{FieldErrors, looks_like_email, optional_text, required_text};
use jiff::civil::Date;

keyed_enum!(
    /// How a person takes part. Labels in Fluent (`constituency-…`).
    Constituency, "constituency", {
        ServiceUser => "service_user",
        Carer => "carer",
        Staff => "staff",
        ThirdSector => "third_sector",
        Manager => "manager",
    }
);

keyed_enum!(
    /// Where a person is with the service. Labels in Fluent (`person-status-…`).
    PersonStatus, "person-status", {
        Active => "active",
        Paused => "paused",
        MovedOn => "moved_on",
        Left => "left",
    }
);

keyed_enum!(
    /// A language Cairn speaks. Correspondence and pages use the person's choice.
    Language, "language", {
        En => "en",
        Cy => "cy",
    }
);

/// Longest chosen name.
pub const CHOSEN_NAME_MAX: usize = 80;
/// Longest free text about access needs.
pub const ACCESS_NEEDS_MAX: usize = 1000;
/// Longest staff discipline (nurse, OT, …).
pub const DISCIPLINE_MAX: usize = 80;

/// A person's details as typed.
#[derive(Debug, Clone, Default)]
pub struct PersonDraft {
    pub chosen_name: String,
    pub constituency: String,
    pub discipline: Option<String>,
    pub unit_ids: Vec<i64>,
    pub status: String,
    pub status_since: DateParts,
    pub preferred_language: String,
    pub email: Option<String>,
    pub access_needs: Option<String>,
    pub consent_on: DateParts,
}

/// A person's details once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    pub chosen_name: String,
    pub constituency: Constituency,
    pub discipline: Option<String>,
    pub unit_ids: Vec<i64>,
    pub status: PersonStatus,
    pub status_since: Option<Date>,
    pub preferred_language: Language,
    pub email: Option<String>,
    pub access_needs: Option<String>,
    pub consent_on: Option<Date>,
}

impl PersonDraft {
    /// Checks every field against `today` (dates may not be in the future).
    pub fn validate(&self, today: Date) -> Result<PersonFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let chosen_name = required_text(
            &mut e,
            "chosen_name",
            &self.chosen_name,
            CHOSEN_NAME_MAX,
            "people-error-chosen-name-required",
            "people-error-chosen-name-too-long",
        );
        let constituency = Constituency::parse(self.constituency.trim());
        if constituency.is_none() {
            e.add("constituency", "people-error-constituency-required");
        }
        let discipline = optional_text(
            &mut e,
            "discipline",
            self.discipline.as_deref(),
            DISCIPLINE_MAX,
            "people-error-discipline-too-long",
        );
        let status = if self.status.trim().is_empty() {
            Some(PersonStatus::Active)
        } else {
            PersonStatus::parse(self.status.trim())
        };
        if status.is_none() {
            e.add("status", "people-error-status-required");
        }
        let status_since =
            parse_date_parts(&mut e, "status_since", &self.status_since, Some(today));
        let preferred_language = if self.preferred_language.trim().is_empty() {
            None
        } else {
            Language::parse(self.preferred_language.trim())
        };
        if preferred_language.is_none() {
            e.add("preferred_language", "people-error-language-required");
        }
        let email = optional_text(
            &mut e,
            "email",
            self.email.as_deref(),
            254,
            "people-error-email-invalid",
        )
        .map(|s| s.to_lowercase());
        if let Some(addr) = &email
            && !looks_like_email(addr)
            && e.for_field("email").is_none()
        {
            e.add("email", "people-error-email-invalid");
        }
        let access_needs = optional_text(
            &mut e,
            "access_needs",
            self.access_needs.as_deref(),
            ACCESS_NEEDS_MAX,
            "people-error-access-needs-too-long",
        );
        let consent_on = parse_date_parts(&mut e, "consent_on", &self.consent_on, Some(today));
        let mut unit_ids = self.unit_ids.clone();
        unit_ids.sort_unstable();
        unit_ids.dedup();
        match (e.is_empty(), constituency, status, preferred_language) {
            (true, Some(constituency), Some(status), Some(preferred_language)) => {
                Ok(PersonFields {
                    chosen_name,
                    constituency,
                    discipline: if constituency == Constituency::Staff {
                        discipline
                    } else {
                        None
                    },
                    unit_ids,
                    status,
                    status_since,
                    preferred_language,
                    email,
                    access_needs,
                    consent_on,
                })
            }
            _ => Err(e),
        }
    }
}

keyed_enum!(
    /// How a person likes to be contacted. Labels in Fluent (`contact-by-…`).
    ContactBy, "contact-by", {
        Email => "email",
        Phone => "phone",
        Letter => "letter",
        InPerson => "in_person",
        ThroughStaff => "through_staff",
    }
);

keyed_enum!(
    /// A recorded step on a person's pathway. A buddy is a step too, but it comes from the
    /// buddy pairings, not from here. Labels in Fluent (`pathway-step-…`).
    PathwayStep, "pathway-step", {
        Welcome => "welcome",
        Information => "information",
        Training => "training",
        Practice => "practice",
        Shadowing => "shadowing",
    }
);

impl PathwayStep {
    /// The level whose steps this belongs to: welcome and information are level 1, the rest
    /// level 2.
    pub fn level(self) -> u8 {
        match self {
            PathwayStep::Welcome | PathwayStep::Information => 1,
            PathwayStep::Training | PathwayStep::Practice | PathwayStep::Shadowing => 2,
        }
    }
}

/// Longest free text a person writes about their skills, interests, areas to grow or what to
/// ask them about.
pub const PROFILE_TEXT_MAX: usize = 1000;
/// Longest note on a step, decision or check-in.
pub const NOTE_MAX: usize = 2000;
/// A newcomer should have a buddy within this many days of joining (L1.08).
pub const BUDDY_DUE_DAYS: i64 = 14;
/// People who joined within this many days count as newcomers.
pub const NEWCOMER_DAYS: i64 = 182;

/// A profile as typed: the person's own words and choices.
#[derive(Debug, Clone, Default)]
pub struct ProfileDraft {
    pub skills: String,
    pub interests: String,
    pub grow_areas: String,
    pub ask_me_about: String,
    pub contact_by: String,
    pub contact_note: String,
    pub access_needs: String,
    pub consent_whos_who: bool,
    pub consent_photo: bool,
    pub consent_opportunities: bool,
}

/// A profile once checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ProfileFields {
    pub skills: Option<String>,
    pub interests: Option<String>,
    pub grow_areas: Option<String>,
    pub ask_me_about: Option<String>,
    pub contact_by: Option<ContactBy>,
    pub contact_note: Option<String>,
    pub access_needs: Option<String>,
    pub consent_whos_who: bool,
    pub consent_photo: bool,
    pub consent_opportunities: bool,
}

impl ProfileDraft {
    /// Checks every field; everything is optional, nothing is longer than its limit.
    pub fn validate(&self) -> Result<ProfileFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut text = |field: &str, raw: &str, max: usize| {
            optional_text(&mut e, field, Some(raw), max, "profile-error-too-long")
        };
        let skills = text("skills", &self.skills, PROFILE_TEXT_MAX);
        let interests = text("interests", &self.interests, PROFILE_TEXT_MAX);
        let grow_areas = text("grow_areas", &self.grow_areas, PROFILE_TEXT_MAX);
        let ask_me_about = text("ask_me_about", &self.ask_me_about, PROFILE_TEXT_MAX);
        let contact_note = text("contact_note", &self.contact_note, PROFILE_TEXT_MAX);
        let access_needs = text("access_needs", &self.access_needs, ACCESS_NEEDS_MAX);
        let contact_by = match self.contact_by.trim() {
            "" => None,
            k => {
                let c = ContactBy::parse(k);
                if c.is_none() {
                    e.add("contact_by", "profile-error-contact-by");
                }
                c
            }
        };
        e.into_result(ProfileFields {
            skills,
            interests,
            grow_areas,
            ask_me_about,
            contact_by,
            contact_note,
            access_needs,
            consent_whos_who: self.consent_whos_who,
            consent_photo: self.consent_photo,
            consent_opportunities: self.consent_opportunities,
        })
    }
}

/// A decision to move a person's level, made with them, as typed.
#[derive(Debug, Clone, Default)]
pub struct LevelDraft {
    pub to_level: String,
    pub decided_on: DateParts,
    pub note: String,
}

/// A level decision once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelFields {
    pub from_level: u8,
    pub to_level: u8,
    pub decided_on: Date,
    pub note: String,
}

impl LevelDraft {
    /// Checks the decision against the person's current level: a different level, a date no
    /// later than today, and a note saying what was agreed with them.
    pub fn validate(&self, current: u8, today: Date) -> Result<LevelFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let to_level = match self.to_level.trim() {
            "1" => Some(1u8),
            "2" => Some(2),
            "3" => Some(3),
            _ => None,
        };
        match to_level {
            None => e.add("to_level", "level-error-level"),
            Some(l) if l == current => e.add("to_level", "level-error-same"),
            _ => {}
        }
        let decided_on = parse_date_parts(&mut e, "decided_on", &self.decided_on, Some(today));
        if decided_on.is_none() && e.for_field("decided_on").is_none() {
            e.add("decided_on", "level-error-date");
        }
        let note = required_text(
            &mut e,
            "note",
            &self.note,
            NOTE_MAX,
            "level-error-note",
            "level-error-note-too-long",
        );
        match (e.is_empty(), to_level, decided_on) {
            (true, Some(to_level), Some(decided_on)) => Ok(LevelFields {
                from_level: current,
                to_level,
                decided_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// A pathway step as typed.
#[derive(Debug, Clone, Default)]
pub struct StepDraft {
    pub step: String,
    pub done_on: DateParts,
    pub note: String,
}

/// A pathway step once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFields {
    pub step: PathwayStep,
    pub done_on: Date,
    pub note: Option<String>,
}

impl StepDraft {
    /// Checks the step: a known step and a date no later than today.
    pub fn validate(&self, today: Date) -> Result<StepFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let step = PathwayStep::parse(self.step.trim());
        if step.is_none() {
            e.add("step", "pathway-error-step");
        }
        let done_on = parse_date_parts(&mut e, "done_on", &self.done_on, Some(today));
        if done_on.is_none() && e.for_field("done_on").is_none() {
            e.add("done_on", "pathway-error-date");
        }
        let note = optional_text(
            &mut e,
            "note",
            Some(&self.note),
            NOTE_MAX,
            "pathway-error-note-too-long",
        );
        match (e.is_empty(), step, done_on) {
            (true, Some(step), Some(done_on)) => Ok(StepFields {
                step,
                done_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// Whether a newcomer who joined on `joined` and was first paired on `first_buddy` (if ever)
/// had a buddy within [`BUDDY_DUE_DAYS`].
pub fn buddy_in_time(joined: Date, first_buddy: Option<Date>) -> bool {
    first_buddy.is_some_and(|b| {
        joined
            .until(b)
            .map(|span| span.get_days() <= BUDDY_DUE_DAYS as i32)
            .unwrap_or(false)
            || b <= joined
    })
}

/// Whether a newcomer with no buddy is overdue one on `today` (more than
/// [`BUDDY_DUE_DAYS`] since they joined).
pub fn buddy_overdue(joined: Date, today: Date) -> bool {
    joined
        .checked_add(jiff::Span::new().days(BUDDY_DUE_DAYS))
        .is_ok_and(|due| today > due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 3, 29)
    }

    fn draft() -> PersonDraft {
        PersonDraft {
            chosen_name: "Sam".into(),
            constituency: "carer".into(),
            preferred_language: "cy".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_new_person_defaults_to_active() {
        let f = draft().validate(today()).expect("valid");
        assert_eq!(f.status, PersonStatus::Active);
        assert_eq!(f.preferred_language, Language::Cy);
    }

    #[test]
    fn discipline_is_kept_only_for_staff() {
        let mut d = draft();
        d.discipline = Some("Nurse".into());
        assert_eq!(d.validate(today()).expect("valid").discipline, None);
        d.constituency = "staff".into();
        assert_eq!(
            d.validate(today()).expect("valid").discipline.as_deref(),
            Some("Nurse")
        );
    }

    #[test]
    fn consent_date_cannot_be_in_the_future() {
        let mut d = draft();
        d.consent_on = DateParts {
            day: "30".into(),
            month: "3".into(),
            year: "2026".into(),
        };
        assert_eq!(
            d.validate(today())
                .expect_err("future")
                .for_field("consent_on")
                .map(|x| x.code),
            Some("date-error-future")
        );
    }

    #[test]
    fn bad_email_and_missing_fields_are_all_reported() {
        let d = PersonDraft {
            email: Some("not an email".into()),
            ..Default::default()
        };
        let e = d.validate(today()).expect_err("invalid");
        for f in ["chosen_name", "constituency", "preferred_language", "email"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_profile_keeps_the_persons_words_and_defaults_every_consent_to_no() {
        let f = ProfileDraft {
            skills: " Baking ".into(),
            contact_by: "phone".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(f.skills.as_deref(), Some("Baking"));
        assert_eq!(f.contact_by, Some(ContactBy::Phone));
        assert!(!f.consent_whos_who && !f.consent_photo && !f.consent_opportunities);
        let e = ProfileDraft {
            interests: "x".repeat(PROFILE_TEXT_MAX + 1),
            contact_by: "pigeon".into(),
            ..Default::default()
        }
        .validate()
        .expect_err("invalid");
        assert!(e.for_field("interests").is_some());
        assert!(e.for_field("contact_by").is_some());
    }

    #[test]
    fn a_level_decision_needs_a_different_level_a_date_and_a_note() {
        let parts = |d: &str| DateParts {
            day: d.into(),
            month: "3".into(),
            year: "2026".into(),
        };
        let d = LevelDraft {
            to_level: "2".into(),
            decided_on: parts("29"),
            note: "Agreed with Sam at review".into(),
        };
        let f = d.validate(1, today()).expect("valid");
        assert_eq!((f.from_level, f.to_level), (1, 2));
        let e = d.validate(2, today()).expect_err("same level");
        assert_eq!(
            e.for_field("to_level").map(|x| x.code),
            Some("level-error-same")
        );
        let e = LevelDraft::default()
            .validate(1, today())
            .expect_err("empty");
        for f in ["to_level", "decided_on", "note"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_buddy_is_in_time_up_to_fourteen_days_after_joining() {
        use jiff::civil::date;
        let joined = date(2026, 3, 1);
        assert!(buddy_in_time(joined, Some(date(2026, 3, 15))));
        assert!(!buddy_in_time(joined, Some(date(2026, 3, 16))));
        assert!(buddy_in_time(joined, Some(date(2026, 2, 20))));
        assert!(!buddy_in_time(joined, None));
        assert!(!buddy_overdue(joined, date(2026, 3, 15)));
        assert!(buddy_overdue(joined, date(2026, 3, 16)));
    }

    #[test]
    fn pathway_steps_belong_to_levels_one_and_two() {
        assert_eq!(PathwayStep::Information.level(), 1);
        assert_eq!(PathwayStep::Shadowing.level(), 2);
    }
}
