//! Organisation, services and units: the kinds of unit, the gender mix, and the rules for a
//! unit's details. A unit is where practice happens (ward, house, team).

use crate::keyed_enum;
use crate::validation::{FieldErrors, optional_text, required_text};

keyed_enum!(
    /// What kind of place a unit is. Labels in Fluent (`unit-type-…`).
    UnitType, "unit-type", {
        LowSecure => "low_secure",
        LockedRehab => "locked_rehab",
        OpenRehab => "open_rehab",
        StepDown => "step_down",
        CommunityTeam => "community_team",
        PrisonInReach => "prison_in_reach",
        Ward => "ward",
        Other => "other",
    }
);

keyed_enum!(
    /// Who a unit admits. Labels in Fluent (`gender-mix-…`).
    GenderMix, "gender-mix", {
        Mixed => "mixed",
        Male => "male",
        Female => "female",
        NotApplicable => "not_applicable",
    }
);

/// Longest unit, service or organisation name we accept.
pub const NAME_MAX: usize = 120;
/// A generous upper bound on beds; anything above is surely a typing slip.
pub const BEDS_MAX: i64 = 500;

/// A unit's details as typed, before checking.
#[derive(Debug, Clone, Default)]
pub struct UnitDraft {
    pub name: String,
    pub name_cy: Option<String>,
    pub service_id: Option<i64>,
    pub unit_type: String,
    pub beds: Option<String>,
    pub gender_mix: String,
    pub link_person_id: Option<i64>,
}

/// A unit's details once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFields {
    pub name: String,
    pub name_cy: Option<String>,
    pub service_id: i64,
    pub unit_type: UnitType,
    pub beds: Option<i64>,
    pub gender_mix: GenderMix,
    pub link_person_id: Option<i64>,
}

impl UnitDraft {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<UnitFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = required_text(
            &mut e,
            "name",
            &self.name,
            NAME_MAX,
            "units-error-name-required",
            "units-error-name-too-long",
        );
        let name_cy = optional_text(
            &mut e,
            "name_cy",
            self.name_cy.as_deref(),
            NAME_MAX,
            "units-error-name-too-long",
        );
        if self.service_id.is_none() {
            e.add("service_id", "units-error-service-required");
        }
        let unit_type = UnitType::parse(self.unit_type.trim());
        if unit_type.is_none() {
            e.add("unit_type", "units-error-type-required");
        }
        let beds = match self
            .beds
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match s.parse::<i64>() {
                Ok(n) if (0..=BEDS_MAX).contains(&n) => Some(n),
                Ok(_) => {
                    e.add("beds", "units-error-beds-range");
                    None
                }
                Err(_) => {
                    e.add("beds", "units-error-beds-number");
                    None
                }
            },
        };
        let gender_mix = GenderMix::parse(self.gender_mix.trim());
        if gender_mix.is_none() {
            e.add("gender_mix", "units-error-gender-mix-required");
        }
        match (e.is_empty(), self.service_id, unit_type, gender_mix) {
            (true, Some(service_id), Some(unit_type), Some(gender_mix)) => Ok(UnitFields {
                name,
                name_cy,
                service_id,
                unit_type,
                beds,
                gender_mix,
                link_person_id: self.link_person_id,
            }),
            _ => Err(e),
        }
    }
}

/// Checks a service or organisation name.
pub fn validate_name(field: &str, raw: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let v = required_text(
        &mut e,
        field,
        raw,
        NAME_MAX,
        "units-error-name-required",
        "units-error-name-too-long",
    );
    e.into_result(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> UnitDraft {
        UnitDraft {
            name: "Ty Ysbryd".into(),
            service_id: Some(1),
            unit_type: "open_rehab".into(),
            beds: Some("18".into()),
            gender_mix: "mixed".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_unit_is_accepted() {
        let f = draft().validate().expect("valid");
        assert_eq!(f.beds, Some(18));
        assert_eq!(f.unit_type, UnitType::OpenRehab);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let d = UnitDraft {
            beds: Some("lots".into()),
            ..Default::default()
        };
        let e = d.validate().expect_err("invalid");
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["name", "service_id", "unit_type", "beds", "gender_mix"]
        );
    }

    #[test]
    fn beds_must_be_a_sensible_whole_number() {
        for (raw, code) in [
            ("-1", "units-error-beds-range"),
            ("501", "units-error-beds-range"),
            ("2.5", "units-error-beds-number"),
        ] {
            let d = UnitDraft {
                beds: Some(raw.into()),
                ..draft()
            };
            assert_eq!(
                d.validate()
                    .expect_err(raw)
                    .for_field("beds")
                    .map(|x| x.code),
                Some(code)
            );
        }
        let d = UnitDraft {
            beds: Some("  ".into()),
            ..draft()
        };
        assert_eq!(d.validate().expect("blank beds is fine").beds, None);
    }
}
