//! The cross-walk: which criteria of other co-production and carer-involvement instruments each
//! practice of the model also gives evidence for, so one piece of evidence serves several
//! reviews. The instruments are the Carers Trust's Triangle of Care (six standards), NSUN's 4Pi
//! National Involvement Standards (principles, purpose, presence, process, impact) and ImROC's
//! ten organisational challenges. Criteria are named in Fluent (`crosswalk-<criterion>`) in
//! Cairn's own short words; the mapping is Cairn's reading, for a lead to check against the
//! instrument itself.

/// An instrument, by a stable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    TriangleOfCare,
    FourPi,
    Imroc,
}

impl Instrument {
    pub const ALL: &'static [Instrument] = &[
        Instrument::TriangleOfCare,
        Instrument::FourPi,
        Instrument::Imroc,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Instrument::TriangleOfCare => "triangle_of_care",
            Instrument::FourPi => "four_pi",
            Instrument::Imroc => "imroc",
        }
    }

    pub fn parse(s: &str) -> Option<Instrument> {
        Instrument::ALL.iter().copied().find(|i| i.key() == s)
    }

    /// The Fluent id of the instrument's name.
    pub fn label_id(self) -> String {
        format!("crosswalk-{}", self.key().replace('_', "-"))
    }

    /// The instrument's criteria, in its own order.
    pub fn criteria(self) -> &'static [&'static str] {
        match self {
            Instrument::TriangleOfCare => &["toc-1", "toc-2", "toc-3", "toc-4", "toc-5", "toc-6"],
            Instrument::FourPi => &[
                "4pi-principles",
                "4pi-purpose",
                "4pi-presence",
                "4pi-process",
                "4pi-impact",
            ],
            Instrument::Imroc => &[
                "imroc-1", "imroc-2", "imroc-3", "imroc-4", "imroc-5", "imroc-6", "imroc-7",
                "imroc-8", "imroc-9", "imroc-10",
            ],
        }
    }
}

/// The instrument a criterion belongs to.
pub fn instrument_of(criterion: &str) -> Option<Instrument> {
    Instrument::ALL
        .iter()
        .copied()
        .find(|i| i.criteria().contains(&criterion))
}

/// Each practice with the criteria it also evidences.
pub const CROSSWALK: &[(&str, &[&str])] = &[
    ("L1.01", &["4pi-presence", "4pi-process", "imroc-7"]),
    ("L1.02", &["4pi-process", "imroc-7"]),
    ("L1.03", &["4pi-impact", "imroc-7"]),
    ("L1.04", &["4pi-impact"]),
    ("L1.05", &["4pi-presence", "imroc-4", "imroc-7"]),
    ("L1.06", &["4pi-presence", "imroc-4"]),
    ("L1.07", &["toc-1", "toc-3", "4pi-presence", "imroc-5"]),
    ("L1.08", &["4pi-process", "imroc-1", "imroc-8"]),
    ("L1.09", &["toc-1", "toc-5", "toc-6", "4pi-process"]),
    ("L1.10", &["toc-5", "4pi-process", "imroc-10"]),
    ("L1.11", &["4pi-process", "imroc-5"]),
    ("L1.12", &["4pi-process"]),
    ("L1.13", &["toc-2", "4pi-principles", "imroc-2"]),
    ("L2.01", &["4pi-process"]),
    ("L2.02", &["4pi-process", "imroc-2"]),
    ("L2.03", &["4pi-purpose", "imroc-2"]),
    ("L2.04", &["toc-2", "4pi-process", "imroc-2", "imroc-3"]),
    ("L2.05", &["4pi-principles", "imroc-1", "imroc-9"]),
    ("L2.06", &["4pi-presence", "imroc-10"]),
    ("L2.07", &["4pi-purpose", "imroc-8"]),
    ("L2.08", &["4pi-process", "imroc-10"]),
    ("L2.09", &["4pi-principles", "imroc-5"]),
    ("L3.01", &["4pi-process"]),
    ("L3.02", &["toc-4", "4pi-presence", "imroc-8"]),
    ("L3.03", &["4pi-principles", "imroc-5", "imroc-6"]),
    ("L3.04", &["4pi-presence", "imroc-8"]),
    ("L3.05", &["4pi-presence", "imroc-7"]),
    ("L3.06", &["4pi-impact", "imroc-4", "imroc-7"]),
    ("L3.07", &["4pi-impact", "imroc-10"]),
    ("L3.08", &["4pi-presence", "imroc-8"]),
    ("L3.09", &["4pi-process", "imroc-2", "imroc-3"]),
    ("L3.10", &["4pi-presence", "imroc-8", "imroc-10"]),
];

/// The criteria a practice also evidences (none for a practice an organisation added).
pub fn criteria_of(code: &str) -> &'static [&'static str] {
    CROSSWALK
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, cs)| *cs)
        .unwrap_or(&[])
}

/// The practices that evidence a criterion, in the model's order.
pub fn practices_for(criterion: &str) -> Vec<&'static str> {
    CROSSWALK
        .iter()
        .filter(|(_, cs)| cs.contains(&criterion))
        .map(|(c, _)| *c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_practice_is_mapped_and_every_criterion_exists() {
        for p in crate::model::TEMPLATE {
            assert!(
                CROSSWALK.iter().any(|(c, _)| *c == p.code),
                "{} is in the cross-walk",
                p.code
            );
        }
        for (code, criteria) in CROSSWALK {
            assert!(!criteria.is_empty(), "{code} evidences something");
            for c in *criteria {
                assert!(instrument_of(c).is_some(), "{c} of {code} is a criterion");
            }
        }
    }

    #[test]
    fn every_criterion_is_evidenced_by_at_least_one_practice() {
        for i in Instrument::ALL {
            for c in i.criteria() {
                assert!(!practices_for(c).is_empty(), "{c} has a practice");
            }
        }
        assert_eq!(practices_for("imroc-9"), vec!["L2.05"]);
        assert_eq!(practices_for("toc-4"), vec!["L3.02"]);
    }

    #[test]
    fn instruments_parse_back_from_their_keys() {
        for i in Instrument::ALL {
            assert_eq!(Instrument::parse(i.key()), Some(*i));
        }
        assert_eq!(Instrument::parse("nice"), None);
        assert_eq!(criteria_of("L9.99"), &[] as &[&str]);
    }
}
