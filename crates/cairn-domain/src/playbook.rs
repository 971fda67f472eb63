//! The playbook: the paper's table of challenges a service meets on the way to co-production
//! (getting to know each other, time, fatigue, carers, payment, drop-out), what helped each,
//! and the signals in Cairn's own data that say a unit may be meeting one now.
//!
//! A signal is a figure for one unit today and a threshold the organisation can change; when
//! any of a challenge's signals fires on a unit, the challenge is raised there
//! (`cairn_app::playbook`). Names, definitions and advice are Fluent messages
//! (`playbook-<challenge>…`, `playbook-signal-<key>…`, `playbook-help-<key>`).

use crate::FieldErrors;

/// A challenge of the paper's table, by a stable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Challenge {
    GettingToKnow,
    TimeCommitment,
    ProjectFatigue,
    CarerInvolvement,
    OrganisingPayment,
    DropOut,
}

impl Challenge {
    pub const ALL: &'static [Challenge] = &[
        Challenge::GettingToKnow,
        Challenge::TimeCommitment,
        Challenge::ProjectFatigue,
        Challenge::CarerInvolvement,
        Challenge::OrganisingPayment,
        Challenge::DropOut,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Challenge::GettingToKnow => "getting_to_know",
            Challenge::TimeCommitment => "time_commitment",
            Challenge::ProjectFatigue => "project_fatigue",
            Challenge::CarerInvolvement => "carer_involvement",
            Challenge::OrganisingPayment => "organising_payment",
            Challenge::DropOut => "drop_out",
        }
    }

    pub fn parse(s: &str) -> Option<Challenge> {
        Challenge::ALL.iter().copied().find(|c| c.key() == s)
    }

    /// The Fluent id stem: `playbook-getting-to-know`; `-said` is the challenge in the
    /// paper's terms, `-advice` what helped.
    pub fn message_id(self) -> String {
        format!("playbook-{}", self.key().replace('_', "-"))
    }

    /// What helped, each a Fluent message (`playbook-help-<key>`) and the page in Cairn that
    /// does it.
    pub fn helps(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Challenge::GettingToKnow => &[
                ("name-cards", "/meetings"),
                ("whos-who", "/whos-who"),
                ("buddies", "/buddies"),
                ("welcome", "/welcome"),
                ("social", "/meetings/groups/new"),
            ],
            Challenge::TimeCommitment => &[
                ("paying", "/payments/rates"),
                ("link-person", "/units"),
                ("roles", "/roles"),
                ("principles", "/principles"),
            ],
            Challenge::ProjectFatigue => &[
                ("terms-of-reference", "/meetings"),
                ("plan", "/assessment"),
                ("you-said", "/feedback"),
                ("reports", "/reports"),
            ],
            Challenge::CarerInvolvement => &[
                ("opportunities", "/opportunities"),
                ("welcome", "/welcome"),
                ("expenses", "/payments/rates"),
                ("carers-training", "/training"),
            ],
            Challenge::OrganisingPayment => &[
                ("rate-card", "/payments/rates"),
                ("benefits", "/payments"),
                ("two-people", "/payments"),
            ],
            Challenge::DropOut => &[
                ("exits", "/roles/exits"),
                ("posters", "/opportunities"),
                ("paying", "/payments/rates"),
                ("whos-who", "/whos-who"),
            ],
        }
    }
}

/// How a signal's figure is compared with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fires {
    /// The figure at or above the threshold fires.
    AtLeast,
    /// The figure below the threshold fires (a share that should be high).
    Below,
}

/// A signal: a figure Cairn computes for one unit today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    /// Stable key, used in stored thresholds and the API.
    pub key: &'static str,
    pub challenge: Challenge,
    pub fires: Fires,
    pub default_threshold: i64,
    /// The highest threshold an organisation may set (a percentage stops at 100).
    pub max_threshold: i64,
    /// True when the figure counts people, so its evidence names them (for those allowed).
    pub names_people: bool,
}

impl Signal {
    /// The Fluent id stem: `playbook-signal-<key>`; `-definition` and `-threshold` follow.
    pub fn message_id(&self) -> String {
        format!("playbook-signal-{}", self.key.replace('_', "-"))
    }

    /// True when `value` against `threshold` fires the signal.
    pub fn fired(&self, value: i64, threshold: i64) -> bool {
        match self.fires {
            Fires::AtLeast => value >= threshold,
            Fires::Below => value < threshold,
        }
    }
}

const fn s(
    key: &'static str,
    challenge: Challenge,
    fires: Fires,
    default_threshold: i64,
    max_threshold: i64,
    names_people: bool,
) -> Signal {
    Signal {
        key,
        challenge,
        fires,
        default_threshold,
        max_threshold,
        names_people,
    }
}

use Challenge as C;

/// Every signal, grouped by challenge in the paper's order. A key, once used, is never
/// removed or reused: stored thresholds and raised challenges name signals by it.
pub const SIGNALS: &[Signal] = &[
    // Newcomers whose first 14 days are over without a buddy.
    s(
        "newcomers_without_buddy",
        C::GettingToKnow,
        Fires::AtLeast,
        1,
        100,
        true,
    ),
    // People whose first meeting on the unit was 4 to 17 weeks ago and who never came again.
    s(
        "first_timers_not_back",
        C::GettingToKnow,
        Fires::AtLeast,
        2,
        100,
        true,
    ),
    // 1 when the unit has no link person (or theirs has left or moved on).
    s(
        "no_link_person",
        C::TimeCommitment,
        Fires::AtLeast,
        1,
        1,
        false,
    ),
    // Meetings on the unit cancelled in the last quarter.
    s(
        "meetings_cancelled",
        C::TimeCommitment,
        Fires::AtLeast,
        2,
        100,
        false,
    ),
    // Open actions from the unit's meetings past their due date.
    s(
        "overdue_actions",
        C::ProjectFatigue,
        Fires::AtLeast,
        1,
        100,
        false,
    ),
    // Suggestions on the unit with no first response after the organisation's target.
    s(
        "suggestions_unanswered",
        C::ProjectFatigue,
        Fires::AtLeast,
        1,
        100,
        false,
    ),
    // Days since the unit's self-assessment last changed (or since the unit began).
    s(
        "assessment_unchanged_days",
        C::ProjectFatigue,
        Fires::AtLeast,
        91,
        730,
        false,
    ),
    // Points by which carers' share of attendance fell, last quarter against the one before.
    s(
        "carers_attendance_fall",
        C::CarerInvolvement,
        Fires::AtLeast,
        5,
        100,
        false,
    ),
    // Carers' whole per cent of the unit's active service users and carers.
    s(
        "carers_share_of_members",
        C::CarerInvolvement,
        Fires::Below,
        10,
        100,
        false,
    ),
    // Points by which carers' share of the unit's active service users and carers fell over
    // the last 91 days.
    s(
        "carers_members_fall",
        C::CarerInvolvement,
        Fires::AtLeast,
        5,
        100,
        false,
    ),
    // Claims for the unit waiting for approval longer than the payment target.
    s(
        "claims_waiting",
        C::OrganisingPayment,
        Fires::AtLeast,
        1,
        1000,
        false,
    ),
    // People of the unit whose fees this week or month reach 80% of their own limit.
    s(
        "near_benefit_limit",
        C::OrganisingPayment,
        Fires::AtLeast,
        1,
        100,
        true,
    ),
    // Service users and carers of the unit who left or moved on in the last quarter.
    s("members_leaving", C::DropOut, Fires::AtLeast, 2, 100, true),
];

/// The share of a person's own limit at which their fees count as near it.
pub const NEAR_LIMIT_PERCENT: i64 = 80;

/// A signal by key.
pub fn signal(key: &str) -> Option<&'static Signal> {
    SIGNALS.iter().find(|s| s.key == key)
}

/// A challenge's signals.
pub fn signals_of(c: Challenge) -> impl Iterator<Item = &'static Signal> {
    SIGNALS.iter().filter(move |s| s.challenge == c)
}

/// Reads a threshold typed on the playbook page: a whole number from 0 to the signal's
/// maximum.
pub fn parse_threshold(s: &Signal, raw: &str) -> Result<i64, FieldErrors> {
    let mut e = FieldErrors::new();
    match raw.trim().parse::<i64>() {
        Ok(n) if (0..=s.max_threshold).contains(&n) => return Ok(n),
        Ok(_) => e.add(s.key, "playbook-error-threshold-range"),
        Err(_) => e.add(s.key, "playbook-error-threshold-number"),
    }
    Err(e)
}

/// What a lead types to take on a raised challenge.
#[derive(Debug, Clone, Default)]
pub struct ActionDraft {
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: crate::time::DateParts,
}

/// A checked action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: jiff::civil::Date,
}

/// The longest action or closing note.
pub const ACTION_MAX: usize = 1000;

impl ActionDraft {
    pub fn validate(&self) -> Result<ActionFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = self.text.trim();
        if text.is_empty() {
            e.add("text", "playbook-error-action-missing");
        } else if text.chars().count() > ACTION_MAX {
            e.add("text", "playbook-error-action-long");
        }
        let due = crate::time::parse_date_parts(&mut e, "due_on", &self.due_on, None);
        if due.is_none() && self.due_on.is_blank() {
            e.add("due_on", "playbook-error-due-missing");
        }
        match (e.is_empty(), due) {
            (true, Some(due_on)) => Ok(ActionFields {
                text: text.to_owned(),
                owner_person_id: self.owner_person_id,
                due_on,
            }),
            _ => Err(e),
        }
    }
}

/// Checks a closing note: required, so the history says what was done.
pub fn validate_note(raw: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let note = raw.trim();
    if note.is_empty() {
        e.add("note", "playbook-error-note-missing");
    } else if note.chars().count() > ACTION_MAX {
        e.add("note", "playbook-error-note-long");
    }
    e.into_result(note.to_owned())
}

/// An organisation's own challenge, in both languages.
#[derive(Debug, Clone, Default)]
pub struct OwnChallengeDraft {
    pub title_en: String,
    pub title_cy: String,
    pub advice_en: String,
    pub advice_cy: String,
}

/// The longest own challenge's title and advice.
pub const TITLE_MAX: usize = 200;
pub const ADVICE_MAX: usize = 4000;

impl OwnChallengeDraft {
    /// Both titles and at least one language of advice are needed; nothing is longer than
    /// its limit.
    pub fn validate(&self) -> Result<OwnChallengeDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let t = |s: &str| s.trim().to_owned();
        let d = OwnChallengeDraft {
            title_en: t(&self.title_en),
            title_cy: t(&self.title_cy),
            advice_en: t(&self.advice_en),
            advice_cy: t(&self.advice_cy),
        };
        for (field, v) in [("title_en", &d.title_en), ("title_cy", &d.title_cy)] {
            if v.is_empty() {
                e.add(field, "playbook-error-title-missing");
            } else if v.chars().count() > TITLE_MAX {
                e.add(field, "playbook-error-title-long");
            }
        }
        if d.advice_en.is_empty() && d.advice_cy.is_empty() {
            e.add("advice_en", "playbook-error-advice-missing");
        }
        for (field, v) in [("advice_en", &d.advice_en), ("advice_cy", &d.advice_cy)] {
            if v.chars().count() > ADVICE_MAX {
                e.add(field, "playbook-error-advice-long");
            }
        }
        e.into_result(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_challenge_has_signals_and_helps_and_every_key_is_unique() {
        for c in Challenge::ALL {
            assert!(signals_of(*c).count() >= 1, "{c:?} has a signal");
            assert!(c.helps().len() >= 3, "{c:?} has what helped");
            assert_eq!(Challenge::parse(c.key()), Some(*c));
            for (_, path) in c.helps() {
                assert!(path.starts_with('/'), "{path} is a page in Cairn");
            }
        }
        let mut keys: Vec<&str> = SIGNALS.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), SIGNALS.len());
    }

    #[test]
    fn default_thresholds_are_within_what_an_organisation_may_set() {
        for s in SIGNALS {
            assert!(
                (0..=s.max_threshold).contains(&s.default_threshold),
                "{}",
                s.key
            );
        }
    }

    #[test]
    fn a_count_fires_at_its_threshold_and_a_share_below_it() {
        let overdue = signal("overdue_actions").expect("known");
        assert!(!overdue.fired(0, 1));
        assert!(overdue.fired(1, 1));
        let carers = signal("carers_share_of_members").expect("known");
        assert!(carers.fired(9, 10));
        assert!(!carers.fired(10, 10));
    }

    #[test]
    fn a_threshold_must_be_a_whole_number_within_the_signals_range() {
        let s = signal("carers_share_of_members").expect("known");
        assert_eq!(parse_threshold(s, " 25 ").ok(), Some(25));
        let e = parse_threshold(s, "101").expect_err("over 100");
        assert_eq!(
            e.for_field(s.key).map(|f| f.code),
            Some("playbook-error-threshold-range")
        );
        let e = parse_threshold(s, "ten").expect_err("not a number");
        assert_eq!(
            e.for_field(s.key).map(|f| f.code),
            Some("playbook-error-threshold-number")
        );
        assert!(parse_threshold(s, "-1").is_err());
    }

    #[test]
    fn an_action_needs_words_and_a_real_due_date() {
        let ok = ActionDraft {
            text: "  Pair Ana with a buddy  ".into(),
            owner_person_id: Some(3),
            due_on: crate::time::DateParts {
                day: "12".into(),
                month: "1".into(),
                year: "2027".into(),
            },
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.text, "Pair Ana with a buddy");
        assert_eq!(ok.due_on, jiff::civil::date(2027, 1, 12));
        let e = ActionDraft {
            text: " ".into(),
            owner_person_id: None,
            due_on: crate::time::DateParts {
                day: "31".into(),
                month: "2".into(),
                year: "2027".into(),
            },
        }
        .validate()
        .expect_err("empty, and no 31 February");
        assert_eq!(
            e.for_field("text").map(|f| f.code),
            Some("playbook-error-action-missing")
        );
        assert!(e.for_field("due_on").is_some());
        assert!(validate_note("").is_err());
        assert_eq!(validate_note(" done ").ok().as_deref(), Some("done"));
    }

    #[test]
    fn an_own_challenge_needs_both_titles_and_some_advice() {
        let e = OwnChallengeDraft {
            title_en: "Winter".into(),
            ..Default::default()
        }
        .validate()
        .expect_err("no Welsh title, no advice");
        assert_eq!(
            e.for_field("title_cy").map(|f| f.code),
            Some("playbook-error-title-missing")
        );
        assert_eq!(
            e.for_field("advice_en").map(|f| f.code),
            Some("playbook-error-advice-missing")
        );
        let ok = OwnChallengeDraft {
            title_en: "Winter".into(),
            title_cy: "Gaeaf".into(),
            advice_en: String::new(),
            advice_cy: "Cyfarfod ar-lein".into(),
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.title_cy, "Gaeaf");
    }
}
