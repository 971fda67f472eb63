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
}
