//! Evidence for the practices Cairn cannot otherwise see: advocate visits (L1.11), community
//! and stigma-reduction events (L3.07), reports and papers with a service-user or carer
//! perspective section (L1.06), and sampled audits of care plans and planning meetings (L1.07,
//! L2.09, L3.03). Each is a simple record on a unit, holding counts and dates only — never the
//! names of people seen and never a clinical record.

use crate::FieldErrors;
use crate::keyed_enum;
use crate::time::{DateParts, parse_date_parts};
use jiff::civil::Date;

keyed_enum!(
    /// What a record is evidence of. Labels in Fluent (`evidence-kind-…`).
    Kind, "evidence-kind", {
        AdvocateVisit => "advocate_visit",
        CommunityEvent => "community_event",
        PerspectivePaper => "perspective_paper",
        PracticeAudit => "practice_audit",
    }
);

impl Kind {
    /// The practices the record is evidence for.
    pub fn practices(self) -> &'static [&'static str] {
        match self {
            Kind::AdvocateVisit => &["L1.11"],
            Kind::CommunityEvent => &["L3.07"],
            Kind::PerspectivePaper => &["L1.06"],
            Kind::PracticeAudit => AUDITED,
        }
    }
}

/// The practices checked by sampled audits.
pub const AUDITED: &[&str] = &["L1.07", "L1.12", "L2.09", "L3.03"];

/// Longest text of a record (a service's name, a title).
pub const TEXT_MAX: usize = 200;
/// Most records one audit may have looked at, and most people counted at an event.
pub const COUNT_MAX: i64 = 10_000;

/// A record as typed.
#[derive(Debug, Clone, Default)]
pub struct EvidenceDraft {
    pub on: DateParts,
    /// An advocacy service's name (advocate visits).
    pub service: String,
    /// An event's or a paper's title.
    pub title: String,
    /// The paper had a service-user or carer perspective section.
    pub has_section: bool,
    /// The audited practice (audits).
    pub practice: String,
    pub looked_at: String,
    pub met: String,
    /// Who took part in an event, by constituency: service users, carers, staff, third sector,
    /// managers.
    pub took_part: [String; 5],
}

/// A record, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFields {
    pub kind: Kind,
    pub on: Date,
    pub service: Option<String>,
    pub title: Option<String>,
    pub has_section: bool,
    pub practice: Option<String>,
    pub looked_at: i64,
    pub met: i64,
    pub took_part: [i64; 5],
}

/// The form fields of an event's counts, in constituency order.
pub const TOOK_PART_FIELDS: [&str; 5] = [
    "n_service_user",
    "n_carer",
    "n_staff",
    "n_third_sector",
    "n_manager",
];

fn whole(e: &mut FieldErrors, field: &str, raw: &str, min: i64, blank: Option<i64>) -> i64 {
    match raw.trim() {
        "" => match blank {
            Some(v) => v,
            None => {
                e.add(field, "evidence-error-number");
                0
            }
        },
        v => match v.parse::<i64>() {
            Ok(n) if (min..=COUNT_MAX).contains(&n) => n,
            _ => {
                e.add(field, "evidence-error-number");
                0
            }
        },
    }
}

impl EvidenceDraft {
    /// Checks a record of `kind`, dated no later than `today`.
    pub fn validate(&self, kind: Kind, today: Date) -> Result<EvidenceFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = parse_date_parts(&mut e, "on", &self.on, Some(today));
        if on.is_none() && self.on.is_blank() {
            e.add("on", "evidence-error-date");
        }
        let text = |e: &mut FieldErrors, field: &str, v: &str| {
            let v = v.trim();
            if v.is_empty() {
                e.add(field, "evidence-error-text");
            } else if v.chars().count() > TEXT_MAX {
                e.add(field, "evidence-error-too-long");
            }
            Some(v.to_owned())
        };
        let (mut service, mut title, mut practice) = (None, None, None);
        let (mut looked_at, mut met, mut took_part) = (0, 0, [0; 5]);
        match kind {
            Kind::AdvocateVisit => service = text(&mut e, "service", &self.service),
            Kind::PerspectivePaper => title = text(&mut e, "title", &self.title),
            Kind::CommunityEvent => {
                title = text(&mut e, "title", &self.title);
                for (i, f) in TOOK_PART_FIELDS.iter().enumerate() {
                    took_part[i] = whole(&mut e, f, &self.took_part[i], 0, Some(0));
                }
            }
            Kind::PracticeAudit => {
                let p = self.practice.trim();
                if AUDITED.contains(&p) {
                    practice = Some(p.to_owned());
                } else {
                    e.add("practice", "evidence-error-practice");
                }
                looked_at = whole(&mut e, "looked_at", &self.looked_at, 1, None);
                met = whole(&mut e, "met", &self.met, 0, None);
                if e.for_field("met").is_none()
                    && e.for_field("looked_at").is_none()
                    && met > looked_at
                {
                    e.add("met", "evidence-error-met");
                }
            }
        }
        match (on, e.is_empty()) {
            (Some(on), true) => Ok(EvidenceFields {
                kind,
                on,
                service,
                title,
                has_section: kind == Kind::PerspectivePaper && self.has_section,
                practice,
                looked_at,
                met,
                took_part,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(d: &str, m: &str, y: &str) -> DateParts {
        DateParts {
            day: d.into(),
            month: m.into(),
            year: y.into(),
        }
    }

    #[test]
    fn an_audit_counts_what_was_looked_at_and_never_more_met_than_looked_at() {
        let today = jiff::civil::date(2026, 3, 29);
        let ok = EvidenceDraft {
            on: on("2", "3", "2026"),
            practice: "L2.09".into(),
            looked_at: "10".into(),
            met: "7".into(),
            ..Default::default()
        }
        .validate(Kind::PracticeAudit, today)
        .expect("valid");
        assert_eq!((ok.looked_at, ok.met), (10, 7));
        let over = EvidenceDraft {
            on: on("2", "3", "2026"),
            practice: "L2.09".into(),
            looked_at: "10".into(),
            met: "11".into(),
            ..Default::default()
        }
        .validate(Kind::PracticeAudit, today)
        .expect_err("more met than looked at");
        assert_eq!(
            over.for_field("met").map(|e| e.code),
            Some("evidence-error-met")
        );
        let other = EvidenceDraft {
            on: on("2", "3", "2026"),
            practice: "L1.01".into(),
            looked_at: "0".into(),
            met: "x".into(),
            ..Default::default()
        }
        .validate(Kind::PracticeAudit, today)
        .expect_err("not an audited practice");
        for f in ["practice", "looked_at", "met"] {
            assert!(other.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_record_needs_a_date_not_in_the_future_and_its_words() {
        let today = jiff::civil::date(2026, 3, 29);
        let e = EvidenceDraft::default()
            .validate(Kind::AdvocateVisit, today)
            .expect_err("empty");
        assert!(e.for_field("on").is_some() && e.for_field("service").is_some());
        let future = EvidenceDraft {
            on: on("30", "3", "2026"),
            service: "Advocacy Cymru".into(),
            ..Default::default()
        }
        .validate(Kind::AdvocateVisit, today)
        .expect_err("tomorrow");
        assert_eq!(
            future.for_field("on").map(|e| e.code),
            Some("date-error-future")
        );
        let event = EvidenceDraft {
            on: on("1", "3", "2026"),
            title: "Time to Talk day".into(),
            took_part: ["4".into(), "".into(), "3".into(), "1".into(), "".into()],
            ..Default::default()
        }
        .validate(Kind::CommunityEvent, today)
        .expect("valid");
        assert_eq!(event.took_part, [4, 0, 3, 1, 0]);
    }
}
