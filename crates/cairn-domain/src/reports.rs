//! Reports: the one catalogue of measures, monthly periods, and (in [`spc`]) statistical
//! process control. Every dashboard, board pack, CSV and API answer reads a measure's
//! definition from [`CATALOGUE`]; nothing else defines one. Names, definitions, numerators and
//! denominators are Fluent messages (`measure-<key>…`) so they exist in English and Welsh.

pub mod live;
pub mod spc;

pub use spc::Better;

/// What a measure counts: a number of things a month, or a share (a percentage of a
/// denominator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Count,
    Proportion,
}

/// When a month's figure is hidden because people could be identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallNumbers {
    /// Counts things, not people: always shown.
    None,
    /// The denominator counts people: a month with fewer than the organisation's smallest
    /// count (never below 5) is shown as "fewer than N" and left out of the chart.
    People,
    /// Survey answers: a month with fewer responses than the organisation's rule for a share
    /// (never below 10) is hidden the same way.
    Responses,
}

/// Where a measure's data comes from (the capability, as a stable key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Feedback,
    Meetings,
    People,
    Training,
    Payments,
    Surveys,
    /// The practice records staff keep (advocate visits, audits, papers, events).
    Evidence,
}

/// One measure of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Stable key used in URLs, the API and stored targets.
    pub key: &'static str,
    pub kind: Kind,
    pub better: Better,
    pub source: Source,
    pub small_numbers: SmallNumbers,
    /// The model's practice the measure gives evidence for.
    pub practice: &'static str,
    /// True when the measure can be taken for one unit (else only for the service).
    pub per_unit: bool,
}

impl Measure {
    /// The Fluent id stem: `measure-<key with hyphens>`; the name is the stem itself and
    /// `-definition`, `-numerator`, `-denominator` follow it.
    pub fn message_id(&self) -> String {
        format!("measure-{}", self.key.replace('_', "-"))
    }
}

const fn m(
    key: &'static str,
    kind: Kind,
    source: Source,
    small_numbers: SmallNumbers,
    practice: &'static str,
) -> Measure {
    Measure {
        key,
        kind,
        better: Better::Higher,
        source,
        small_numbers,
        practice,
        per_unit: true,
    }
}

/// Every measure Cairn reports over time. A key, once used, is never removed or reused:
/// signed-off board packs name their measures by it.
pub const CATALOGUE: &[Measure] = &[
    m(
        "suggestions_received",
        Kind::Count,
        Source::Feedback,
        SmallNumbers::None,
        "L1.02",
    ),
    m(
        "suggestions_answered_in_target",
        Kind::Proportion,
        Source::Feedback,
        SmallNumbers::None,
        "L1.03",
    ),
    m(
        "meetings_representation_met",
        Kind::Proportion,
        Source::Meetings,
        SmallNumbers::None,
        "L3.05",
    ),
    m(
        "meetings_with_issues_item",
        Kind::Proportion,
        Source::Meetings,
        SmallNumbers::None,
        "L1.05",
    ),
    m(
        "carers_share_of_attendance",
        Kind::Proportion,
        Source::Meetings,
        SmallNumbers::People,
        "L3.05",
    ),
    m(
        "newcomers_with_buddy_in_time",
        Kind::Proportion,
        Source::People,
        SmallNumbers::People,
        "L1.08",
    ),
    m(
        "co_delivered_sessions",
        Kind::Count,
        Source::Training,
        SmallNumbers::None,
        "L3.09",
    ),
    m(
        "claims_paid_in_target",
        Kind::Proportion,
        Source::Payments,
        SmallNumbers::None,
        "L3.07",
    ),
    m(
        "survey_satisfaction",
        Kind::Proportion,
        Source::Surveys,
        SmallNumbers::Responses,
        "L1.04",
    ),
];

/// The catalogue's measure with this key.
pub fn measure(key: &str) -> Option<&'static Measure> {
    CATALOGUE.iter().find(|m| m.key == key)
}

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

impl Month {
    /// Parses `YYYY-MM` (years 2000–2100).
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
        ((2000..=2100).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(d: jiff::civil::Date) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> jiff::civil::Date {
        jiff::civil::date(self.year, self.month, 1)
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month `n` months before this one.
    pub fn minus(self, n: i32) -> Month {
        let total = i32::from(self.year) * 12 + i32::from(self.month) - 1 - n;
        Month {
            year: (total.div_euclid(12)) as i16,
            month: (total.rem_euclid(12) + 1) as i8,
        }
    }

    /// Months from `from` to `to` inclusive (empty when `to` is before `from`).
    pub fn range(from: Month, to: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = from;
        while m <= to && out.len() < 1200 {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The longest period a series or a pack may cover, in months.
pub const MAX_MONTHS: usize = 60;

crate::keyed_enum!(
    /// Why a paper goes to the committee. Labels in Fluent (`pack-purpose-…`).
    Purpose, "pack-purpose", {
        Assurance => "assurance",
        Information => "information",
        Decision => "decision",
    }
);

crate::keyed_enum!(
    /// What the committee is asked to do. Labels in Fluent (`pack-ask-…`).
    Ask, "pack-ask", {
        Note => "note",
        Approve => "approve",
    }
);

crate::keyed_enum!(
    /// The language(s) a pack prints in. Labels in Fluent (`pack-language-…`).
    PackLanguage, "pack-language", {
        English => "en",
        Welsh => "cy",
        Both => "both",
    }
);

/// A board pack's fields as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PackDraft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub committee: String,
    #[serde(default)]
    pub period_from: String,
    #[serde(default)]
    pub period_to: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub ask: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub executive_lead: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub story: String,
    #[serde(default)]
    pub story_agreed: Option<String>,
    #[serde(default)]
    pub risks: String,
    #[serde(default)]
    pub language: String,
    /// Measure keys chosen for SPC pages.
    #[serde(default)]
    pub measures: Vec<String>,
}

/// A board pack's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PackFields {
    pub title: String,
    pub committee: String,
    pub period_from: String,
    pub period_to: String,
    pub purpose: String,
    pub ask: String,
    pub author: String,
    pub executive_lead: String,
    pub summary: String,
    pub story: String,
    pub story_agreed: bool,
    pub risks: String,
    pub language: String,
    pub measures: Vec<String>,
}

const SHORT: usize = 200;
const LONG: usize = 20_000;

impl PackDraft {
    /// Checks the draft. Errors carry Fluent ids.
    pub fn validate(&self) -> Result<PackFields, crate::FieldErrors> {
        let mut e = crate::FieldErrors::default();
        let short = |e: &mut crate::FieldErrors, field: &'static str, v: &str, required: bool| {
            let v = v.trim();
            if required && v.is_empty() {
                e.add(field, "reports-error-required");
            } else if v.chars().count() > SHORT {
                e.add(field, "reports-error-too-long");
            }
            v.to_owned()
        };
        let title = short(&mut e, "title", &self.title, true);
        let committee = short(&mut e, "committee", &self.committee, false);
        let author = short(&mut e, "author", &self.author, false);
        let executive_lead = short(&mut e, "executive_lead", &self.executive_lead, false);
        let from = Month::parse(&self.period_from);
        let to = Month::parse(&self.period_to);
        if from.is_none() {
            e.add("period_from", "reports-error-month");
        }
        if to.is_none() {
            e.add("period_to", "reports-error-month");
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                e.add("period_to", "reports-error-period-order");
            } else if Month::range(f, t).len() > MAX_MONTHS {
                e.add("period_to", "reports-error-period-too-long");
            }
        }
        let purpose = match Purpose::parse(self.purpose.trim()) {
            Some(p) => p.key().to_owned(),
            None if self.purpose.trim().is_empty() => Purpose::Assurance.key().to_owned(),
            None => {
                e.add("purpose", "reports-error-choose");
                String::new()
            }
        };
        let ask = match Ask::parse(self.ask.trim()) {
            Some(a) => a.key().to_owned(),
            None if self.ask.trim().is_empty() => Ask::Note.key().to_owned(),
            None => {
                e.add("ask", "reports-error-choose");
                String::new()
            }
        };
        let language = match PackLanguage::parse(self.language.trim()) {
            Some(l) => l.key().to_owned(),
            None if self.language.trim().is_empty() => PackLanguage::English.key().to_owned(),
            None => {
                e.add("language", "reports-error-choose");
                String::new()
            }
        };
        let long = |e: &mut crate::FieldErrors, field: &'static str, v: &str| {
            let v = v.trim();
            if v.chars().count() > LONG {
                e.add(field, "reports-error-too-long");
            }
            v.to_owned()
        };
        let summary = long(&mut e, "summary", &self.summary);
        let story = long(&mut e, "story", &self.story);
        let risks = long(&mut e, "risks", &self.risks);
        let story_agreed = self.story_agreed.as_deref().is_some_and(|v| !v.is_empty());
        if !story.is_empty() && !story_agreed {
            e.add("story_agreed", "reports-error-story-agreed");
        }
        let mut measures = Vec::new();
        for k in &self.measures {
            match measure(k.trim()) {
                Some(m) if !measures.contains(&m.key.to_owned()) => measures.push(m.key.to_owned()),
                Some(_) => {}
                None => e.add("measures", "reports-error-choose"),
            }
        }
        e.into_result(PackFields {
            title,
            committee,
            period_from: from.map(|m| m.to_string()).unwrap_or_default(),
            period_to: to.map(|m| m.to_string()).unwrap_or_default(),
            purpose,
            ask,
            author,
            executive_lead,
            summary,
            story,
            story_agreed,
            risks,
            language,
            measures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_key_is_unique_and_found_by_measure() {
        for (i, a) in CATALOGUE.iter().enumerate() {
            assert_eq!(measure(a.key), Some(a));
            assert!(CATALOGUE[i + 1..].iter().all(|b| b.key != a.key));
        }
        assert_eq!(measure("no_such_measure"), None);
    }

    #[test]
    fn months_parse_step_and_range_across_a_year_end() {
        let nov = Month::parse("2025-11").expect("a month");
        assert_eq!(nov.next().next().to_string(), "2026-01");
        assert_eq!(nov.minus(11).to_string(), "2024-12");
        assert_eq!(Month::range(nov, nov.minus(-2)).len(), 3);
        assert!(Month::range(nov, nov.minus(1)).is_empty());
        for bad in ["2025-13", "2025-1", "25-01", "", "1999-01", "2025-00"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_pack_needs_a_title_and_a_period_in_order() {
        let e = PackDraft::default().validate().expect_err("refused");
        for f in ["title", "period_from", "period_to"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        let d = PackDraft {
            title: "Quarter 3".into(),
            committee: "Quality and Safety".into(),
            period_from: "2026-09".into(),
            period_to: "2026-01".into(),
            ..Default::default()
        };
        assert_eq!(
            d.validate()
                .expect_err("refused")
                .for_field("period_to")
                .map(|e| e.code),
            Some("reports-error-period-order")
        );
    }

    #[test]
    fn a_story_is_kept_only_when_the_person_agreed_to_share_it() {
        let mut d = PackDraft {
            title: "Q3".into(),
            committee: "Board".into(),
            period_from: "2026-01".into(),
            period_to: "2026-03".into(),
            story: "I was asked what I thought.".into(),
            measures: vec!["survey_satisfaction".into(), "survey_satisfaction".into()],
            ..Default::default()
        };
        assert!(
            d.validate()
                .expect_err("refused")
                .for_field("story_agreed")
                .is_some()
        );
        d.story_agreed = Some("yes".into());
        let f = d.validate().expect("valid");
        assert!(f.story_agreed);
        assert_eq!(f.measures, vec!["survey_satisfaction".to_owned()]);
        assert_eq!(f.purpose, "assurance");
        assert_eq!(f.language, "en");
    }
}
