//! The model's live measures: what Cairn counts today, for one unit, beside each practice's
//! self-assessed status. They are part of the one catalogue (the catalogue page, its CSV and
//! `GET /api/v1/measures` list them after the monthly measures); what they count is computed
//! in `cairn_app::model::measures`, and what "check this" means for each is decided here.
//!
//! Names and definitions are the Fluent messages `reports-live-<code>`; a share's numerator
//! and denominator are `reports-live-<code>-numerator` and `-denominator`.

use super::{Kind, SmallNumbers, Source};

/// When a live measure on a practice marked in place is flagged "check this".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A count of nothing: the practice shows no sign of happening.
    AtLeastOne,
    /// A share below this whole per cent, or nothing to take a share of.
    Percent(i64),
    /// Every closed suggestion carries a public response (L1.03).
    EveryClosedAnswered,
    /// At least half of the developments needing a forum decision have one (L3.06).
    HalfDecided,
    /// Every role has a published description (L2.07).
    EveryRolePublished,
    /// A satisfaction survey round ran in the quarter (L1.04).
    RoundRunning,
}

/// One live measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveMeasure {
    /// The practice's code (`L1.08`).
    pub code: &'static str,
    pub kind: Kind,
    pub source: Source,
    /// `People` where the figure, or a share's denominator, counts people: shown as "fewer
    /// than N" to those who may not see the unit's people.
    pub small_numbers: SmallNumbers,
    pub target: Target,
}

impl LiveMeasure {
    /// The Fluent id stem: `reports-live-L1-08`.
    pub fn message_id(&self) -> String {
        format!("reports-live-{}", self.code.replace('.', "-"))
    }
}

const fn l(
    code: &'static str,
    kind: Kind,
    source: Source,
    small_numbers: SmallNumbers,
    target: Target,
) -> LiveMeasure {
    LiveMeasure {
        code,
        kind,
        source,
        small_numbers,
        target,
    }
}

use Kind::{Count, Proportion};
use SmallNumbers::{None as Things, People};
use Source as S;
use Target::{AtLeastOne, Percent};

/// Every practice Cairn measures live, in the model's order. Every higher figure is better.
pub const LIVE: &[LiveMeasure] = &[
    l("L1.01", Count, S::Meetings, Things, AtLeastOne),
    l("L1.02", Count, S::Feedback, Things, AtLeastOne),
    l(
        "L1.03",
        Count,
        S::Feedback,
        Things,
        Target::EveryClosedAnswered,
    ),
    l("L1.04", Count, S::Surveys, People, Target::RoundRunning),
    l("L1.05", Proportion, S::Meetings, Things, Percent(100)),
    l("L1.06", Proportion, S::Evidence, Things, Percent(100)),
    l("L1.07", Proportion, S::Evidence, Things, Percent(80)),
    l("L1.08", Proportion, S::People, People, Percent(100)),
    l("L1.09", Proportion, S::People, People, Percent(100)),
    l("L1.10", Count, S::People, Things, AtLeastOne),
    l("L1.11", Count, S::Evidence, Things, AtLeastOne),
    l("L1.12", Proportion, S::Evidence, Things, Percent(80)),
    l("L1.13", Count, S::Training, People, AtLeastOne),
    l("L2.01", Proportion, S::People, People, Percent(80)),
    l("L2.02", Count, S::Training, People, AtLeastOne),
    l("L2.03", Count, S::Training, Things, AtLeastOne),
    l("L2.04", Count, S::Training, Things, AtLeastOne),
    l("L2.05", Count, S::Meetings, Things, AtLeastOne),
    l("L2.06", Count, S::People, People, AtLeastOne),
    l(
        "L2.07",
        Count,
        S::People,
        Things,
        Target::EveryRolePublished,
    ),
    l("L2.08", Count, S::People, People, AtLeastOne),
    l("L2.09", Proportion, S::Evidence, Things, Percent(80)),
    l("L3.01", Proportion, S::People, People, Percent(80)),
    l("L3.02", Count, S::People, Things, AtLeastOne),
    l("L3.03", Proportion, S::Evidence, Things, Percent(80)),
    l("L3.04", Proportion, S::People, Things, Percent(100)),
    l("L3.05", Proportion, S::Meetings, Things, Percent(80)),
    l("L3.06", Count, S::Feedback, Things, Target::HalfDecided),
    l("L3.07", Count, S::Evidence, Things, AtLeastOne),
    l("L3.08", Count, S::People, People, AtLeastOne),
    l("L3.09", Count, S::Training, Things, AtLeastOne),
    l("L3.10", Count, S::People, People, AtLeastOne),
];

/// The live measure of a practice, if Cairn measures it.
pub fn live(code: &str) -> Option<&'static LiveMeasure> {
    LIVE.iter().find(|m| m.code == code)
}

/// The share a practice's live measure must reach before it stops saying "check this" (100
/// for a practice without a percentage target, which keeps the flag on the safe side).
pub fn target_percent(code: &str) -> i64 {
    match live(code).map(|m| m.target) {
        Some(Target::Percent(p)) => p,
        _ => 100,
    }
}

/// True when a live figure must be shown as "fewer than `min_count`" to someone who may not
/// see the unit's people: a count of people from 1 to under the rule, or a share whose
/// denominator (`of`) of people is. A zero points at no one and is shown.
pub fn hide(m: &LiveMeasure, value: i64, of: Option<i64>, min_count: i64) -> bool {
    let small = |n: i64| n > 0 && n < min_count;
    m.small_numbers == SmallNumbers::People
        && match m.kind {
            Kind::Count => small(value),
            Kind::Proportion => of.is_some_and(small),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_the_models_order() {
        let codes: Vec<&str> = LIVE.iter().map(|m| m.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_live_code_is_a_practice_of_the_template() {
        for m in LIVE {
            assert!(
                crate::model::TEMPLATE.iter().any(|p| p.code == m.code),
                "{} is not in the template",
                m.code
            );
        }
    }

    #[test]
    fn every_practice_of_the_template_has_a_live_measure() {
        for p in crate::model::TEMPLATE {
            assert!(live(p.code).is_some(), "{} is measured", p.code);
        }
        assert_eq!(LIVE.len(), crate::model::TEMPLATE.len());
    }

    #[test]
    fn a_percentage_target_belongs_to_a_share_only() {
        for m in LIVE {
            if let Target::Percent(p) = m.target {
                assert_eq!(m.kind, Kind::Proportion, "{}", m.code);
                assert!((1..=100).contains(&p), "{}", m.code);
            }
        }
        assert_eq!(target_percent("L2.01"), 80);
        assert_eq!(target_percent("L1.08"), 100);
        assert_eq!(target_percent("L9.99"), 100);
    }

    #[test]
    fn a_small_count_of_people_is_hidden_and_zero_or_five_is_shown() {
        let leaders = live("L3.08").expect("L3.08 is measured");
        assert!(!hide(leaders, 0, None, 5));
        assert!(hide(leaders, 1, None, 5));
        assert!(hide(leaders, 4, None, 5));
        assert!(!hide(leaders, 5, None, 5));
        assert!(
            hide(leaders, 6, None, 7),
            "an organisation may raise the rule"
        );
    }

    #[test]
    fn a_share_is_hidden_by_its_denominator_of_people_not_its_value() {
        let buddies = live("L1.08").expect("L1.08 is measured");
        assert!(hide(buddies, 100, Some(3), 5));
        assert!(!hide(buddies, 40, Some(5), 5));
        assert!(!hide(buddies, 0, Some(0), 5));
    }

    #[test]
    fn counts_of_things_are_never_hidden() {
        let suggestions = live("L1.02").expect("L1.02 is measured");
        assert!(!hide(suggestions, 2, None, 5));
        let recruitment = live("L3.04").expect("L3.04 is measured");
        assert!(!hide(recruitment, 50, Some(2), 5));
    }
}
