//! The co-production model: three levels of practices, the status of each practice on a unit,
//! the Red/Amber/Green rating derived from it, whether a level is reached, and the unit's
//! place on Arnstein's ladder. Also the built-in template in Cairn's own wording, in English
//! and Welsh, after Freeman et al. (2016).
//!
//! Invariants: "not applicable" practices are left out of both sides of a level's share; a
//! level with nothing applicable is not reached; the ladder position follows the highest level
//! reached.

pub mod crosswalk;
pub mod evidence;

use crate::keyed_enum;
use crate::validation::{FieldErrors, optional_text, required_text};

keyed_enum!(
    /// Where a unit is with a practice. Labels in Fluent (`model-status-…`).
    Status, "model-status", {
        NotStarted => "not_started",
        Planned => "planned",
        InProgress => "in_progress",
        InPlace => "in_place",
        NotApplicable => "not_applicable",
    }
);

keyed_enum!(
    /// Red, Amber or Green; always shown with its words. Labels in Fluent (`model-rag-…`).
    Rag, "model-rag", {
        Red => "red",
        Amber => "amber",
        Green => "green",
        NotApplicable => "not_applicable",
    }
);

keyed_enum!(
    /// The unit's place on Arnstein's ladder, in the paper's shorthand. Labels in Fluent.
    Ladder, "model-ladder", {
        DoingTo => "doing_to",
        DoingFor => "doing_for",
        DoingWith => "doing_with",
    }
);

impl Status {
    /// Red: not started; Amber: planned or in progress; Green: in place.
    pub fn rag(self) -> Rag {
        match self {
            Status::NotStarted => Rag::Red,
            Status::Planned | Status::InProgress => Rag::Amber,
            Status::InPlace => Rag::Green,
            Status::NotApplicable => Rag::NotApplicable,
        }
    }
}

/// The default share of applicable practices that must be in place to reach a level.
pub const DEFAULT_THRESHOLD_PERCENT: i64 = 80;

/// How far a unit is through one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LevelProgress {
    pub level: i64,
    pub in_place: i64,
    pub applicable: i64,
    /// Whole percent of applicable practices in place, rounded down.
    pub percent: i64,
    pub reached: bool,
}

/// Works out a level's progress from the statuses of its practices.
pub fn level_progress(level: i64, statuses: &[Status], threshold_percent: i64) -> LevelProgress {
    let applicable = statuses
        .iter()
        .filter(|s| **s != Status::NotApplicable)
        .count() as i64;
    let in_place = statuses.iter().filter(|s| **s == Status::InPlace).count() as i64;
    let percent = if applicable == 0 {
        0
    } else {
        in_place * 100 / applicable
    };
    // Integer arithmetic, so 4 of 5 at 80% is reached exactly.
    let reached = applicable > 0 && in_place * 100 >= threshold_percent * applicable;
    LevelProgress {
        level,
        in_place,
        applicable,
        percent,
        reached,
    }
}

/// The ladder position from the three levels' progress: the highest level reached decides.
pub fn ladder(levels: &[LevelProgress]) -> Ladder {
    let highest = levels
        .iter()
        .filter(|l| l.reached)
        .map(|l| l.level)
        .max()
        .unwrap_or(0);
    match highest {
        0 => Ladder::DoingTo,
        1 | 2 => Ladder::DoingFor,
        _ => Ladder::DoingWith,
    }
}

/// Checks a threshold typed by an administrator (1 to 100).
pub fn parse_threshold(raw: &str) -> Result<i64, FieldErrors> {
    let mut e = FieldErrors::new();
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=100).contains(&n) => Ok(n),
        _ => {
            e.add("threshold", "model-error-threshold");
            Err(e)
        }
    }
}

/// A status change as typed.
#[derive(Debug, Clone, Default)]
pub struct AssessmentDraft {
    pub status: String,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub owner_person_id: Option<i64>,
    pub target_on: crate::time::DateParts,
    pub review_on: crate::time::DateParts,
}

/// A status change once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentFields {
    pub status: Status,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub owner_person_id: Option<i64>,
    pub target_on: Option<jiff::civil::Date>,
    pub review_on: Option<jiff::civil::Date>,
}

/// Longest evidence note.
pub const EVIDENCE_MAX: usize = 4000;
/// Longest reason for "not applicable".
pub const REASON_MAX: usize = 1000;

impl AssessmentDraft {
    /// Checks the change: "not applicable" needs a reason.
    pub fn validate(&self) -> Result<AssessmentFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let status = Status::parse(self.status.trim());
        if status.is_none() {
            e.add("status", "model-error-status");
        }
        let reason = optional_text(
            &mut e,
            "reason",
            self.reason.as_deref(),
            REASON_MAX,
            "model-error-reason-long",
        );
        if status == Some(Status::NotApplicable) && reason.is_none() {
            e.add("reason", "model-error-reason-required");
        }
        let evidence = optional_text(
            &mut e,
            "evidence",
            self.evidence.as_deref(),
            EVIDENCE_MAX,
            "model-error-evidence-long",
        );
        let target_on = crate::time::parse_date_parts(&mut e, "target_on", &self.target_on, None);
        let review_on = crate::time::parse_date_parts(&mut e, "review_on", &self.review_on, None);
        match (e.is_empty(), status) {
            (true, Some(status)) => Ok(AssessmentFields {
                status,
                reason: if status == Status::NotApplicable {
                    reason
                } else {
                    None
                },
                evidence,
                owner_person_id: self.owner_person_id,
                target_on,
                review_on,
            }),
            _ => Err(e),
        }
    }
}

/// A practice's wording as typed by a lead (adding or rewording).
#[derive(Debug, Clone, Default)]
pub struct PracticeDraft {
    pub level: String,
    pub title_en: String,
    pub title_cy: String,
}

/// Longest practice wording.
pub const PRACTICE_MAX: usize = 300;

/// A checked practice wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeFields {
    pub level: i64,
    pub title_en: String,
    pub title_cy: String,
}

impl PracticeDraft {
    /// Both languages are required: Welsh is never left behind English.
    pub fn validate(&self) -> Result<PracticeFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let level = match self.level.trim().parse::<i64>() {
            Ok(n) if (1..=3).contains(&n) => n,
            _ => {
                e.add("level", "model-error-level");
                0
            }
        };
        let title_en = required_text(
            &mut e,
            "title_en",
            &self.title_en,
            PRACTICE_MAX,
            "model-error-title-en",
            "model-error-title-long",
        );
        let title_cy = required_text(
            &mut e,
            "title_cy",
            &self.title_cy,
            PRACTICE_MAX,
            "model-error-title-cy",
            "model-error-title-long",
        );
        e.into_result(PracticeFields {
            level,
            title_en,
            title_cy,
        })
    }
}

/// The next free code on a level, after the codes already used (kept or retired).
pub fn next_code(level: i64, used: &[String]) -> String {
    let prefix = format!("L{level}.");
    let n = used
        .iter()
        .filter_map(|c| c.strip_prefix(&prefix))
        .filter_map(|n| n.parse::<i64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:02}", n + 1)
}

/// A practice of the built-in template.
#[derive(Debug, Clone, Copy)]
pub struct TemplatePractice {
    pub code: &'static str,
    pub level: i64,
    pub en: &'static str,
    pub cy: &'static str,
    /// What in Cairn can show it, in English and Welsh.
    pub shows_en: &'static str,
    pub shows_cy: &'static str,
}

macro_rules! p {
    ($code:literal, $level:literal, $en:literal, $cy:literal, $sen:literal, $scy:literal) => {
        TemplatePractice {
            code: $code,
            level: $level,
            en: $en,
            cy: $cy,
            shows_en: $sen,
            shows_cy: $scy,
        }
    };
}

/// The built-in template: 32 practices over three levels (Cairn's wording of Freeman et al. 2016).
pub const TEMPLATE: &[TemplatePractice] = &[
    p!(
        "L1.01",
        1,
        "Service users meet regularly as a group (community or mutual-help meetings)",
        "Mae defnyddwyr gwasanaeth yn cyfarfod yn rheolaidd fel grŵp (cyfarfodydd cymunedol neu gyd-gymorth)",
        "Community meetings held per unit per month",
        "Cyfarfodydd cymunedol a gynhaliwyd fesul uned bob mis"
    ),
    p!(
        "L1.02",
        1,
        "Suggestion boxes in the main areas",
        "Blychau awgrymiadau yn y prif fannau",
        "Suggestions received per unit, by channel",
        "Awgrymiadau a ddaeth i law fesul uned, yn ôl sianel"
    ),
    p!(
        "L1.03",
        1,
        "A Red/Amber/Green tracker for proposed developments",
        "Traciwr Coch/Ambr/Gwyrdd ar gyfer datblygiadau arfaethedig",
        "Every suggestion has a status and a public response",
        "Mae gan bob awgrym statws ac ymateb cyhoeddus"
    ),
    p!(
        "L1.04",
        1,
        "Satisfaction questionnaires",
        "Holiaduron boddhad",
        "Satisfaction survey rounds and responses per unit",
        "Rowndiau arolwg boddhad ac ymatebion fesul uned"
    ),
    p!(
        "L1.05",
        1,
        "Service-user and carer issues on every meeting agenda",
        "Materion defnyddwyr gwasanaeth a gofalwyr ar agenda pob cyfarfod",
        "Share of meetings whose agenda has that standing item",
        "Cyfran y cyfarfodydd sydd â'r eitem sefydlog honno ar yr agenda"
    ),
    p!(
        "L1.06",
        1,
        "A service-user perspective section in every report",
        "Adran ar safbwynt defnyddwyr gwasanaeth ym mhob adroddiad",
        "Self-assessed, with evidence",
        "Hunanasesiad, gyda thystiolaeth"
    ),
    p!(
        "L1.07",
        1,
        "The carer's perspective is recorded in every care and treatment plan and in the notes",
        "Mae safbwynt y gofalwr yn cael ei gofnodi ym mhob cynllun gofal a thriniaeth ac yn y nodiadau",
        "Self-assessed, with evidence (clinical records stay outside Cairn)",
        "Hunanasesiad, gyda thystiolaeth (mae cofnodion clinigol yn aros y tu allan i Cairn)"
    ),
    p!(
        "L1.08",
        1,
        "A buddy for every new service user",
        "Cyfaill i bob defnyddiwr gwasanaeth newydd",
        "Share of new service users with a buddy within 14 days",
        "Cyfran y defnyddwyr gwasanaeth newydd sydd â chyfaill o fewn 14 diwrnod"
    ),
    p!(
        "L1.09",
        1,
        "A welcome or family-liaison meeting is offered to every new family and carer",
        "Mae cyfarfod croeso neu gyfarfod cyswllt teulu yn cael ei gynnig i bob teulu a gofalwr newydd",
        "Share of recorded arrivals offered a welcome meeting",
        "Cyfran y rhai a gyrhaeddodd a gafodd gynnig cyfarfod croeso"
    ),
    p!(
        "L1.10",
        1,
        "Information on local involvement opportunities is available",
        "Mae gwybodaeth am gyfleoedd lleol i gymryd rhan ar gael",
        "Open involvement opportunities published for the unit",
        "Cyfleoedd agored i gymryd rhan wedi'u cyhoeddi ar gyfer yr uned"
    ),
    p!(
        "L1.11",
        1,
        "An advocate visits regularly",
        "Mae eiriolwr yn ymweld yn rheolaidd",
        "Advocate visits logged per month",
        "Ymweliadau eiriolwr wedi'u cofnodi bob mis"
    ),
    p!(
        "L1.12",
        1,
        "Complaints and compliments information is on display and easy to reach",
        "Mae gwybodaeth am gwynion a chanmoliaeth yn cael ei harddangos ac yn hawdd ei chyrraedd",
        "Self-assessed, with evidence",
        "Hunanasesiad, gyda thystiolaeth"
    ),
    p!(
        "L1.13",
        1,
        "Training and awareness on levels 1 to 3 for staff, service users and carers",
        "Hyfforddiant ac ymwybyddiaeth am lefelau 1 i 3 i staff, defnyddwyr gwasanaeth a gofalwyr",
        "Attendance at levels-awareness courses, by how people take part",
        "Presenoldeb mewn cyrsiau ymwybyddiaeth o'r lefelau, yn ôl sut mae pobl yn cymryd rhan"
    ),
    p!(
        "L2.01",
        2,
        "Newcomers are supported through level 1",
        "Mae newydd-ddyfodiaid yn cael cymorth drwy lefel 1",
        "New members with level-1 steps done",
        "Aelodau newydd sydd wedi cwblhau camau lefel 1"
    ),
    p!(
        "L2.02",
        2,
        "Assertiveness training (\"standing up, speaking out\") for service users and carers",
        "Hyfforddiant pendantrwydd (\"sefyll i fyny, siarad allan\") i ddefnyddwyr gwasanaeth a gofalwyr",
        "Completions of assertiveness courses",
        "Cwblhau cyrsiau pendantrwydd"
    ),
    p!(
        "L2.03",
        2,
        "Service users, carers and staff shape the training agenda",
        "Mae defnyddwyr gwasanaeth, gofalwyr a staff yn llunio'r agenda hyfforddi",
        "Training-agenda suggestions and who made them",
        "Awgrymiadau ar gyfer yr agenda hyfforddi a phwy a'u gwnaeth"
    ),
    p!(
        "L2.04",
        2,
        "Service users, carers and staff train together",
        "Mae defnyddwyr gwasanaeth, gofalwyr a staff yn hyfforddi gyda'i gilydd",
        "Joint training sessions",
        "Sesiynau hyfforddi ar y cyd"
    ),
    p!(
        "L2.05",
        2,
        "Regular team building with staff, service users and carers in each service",
        "Meithrin tîm yn rheolaidd gyda staff, defnyddwyr gwasanaeth a gofalwyr ym mhob gwasanaeth",
        "Team-building events per unit per quarter",
        "Digwyddiadau meithrin tîm fesul uned bob chwarter"
    ),
    p!(
        "L2.06",
        2,
        "People who want more active roles are identified, with their skills, interests and areas to grow",
        "Mae pobl sydd eisiau rolau mwy gweithredol yn cael eu nodi, gyda'u sgiliau, eu diddordebau a'r meysydd lle maen nhw eisiau datblygu",
        "Profiles with interests recorded; expressions of interest",
        "Proffiliau â diddordebau wedi'u cofnodi; mynegi diddordeb"
    ),
    p!(
        "L2.07",
        2,
        "Role descriptions exist for the more active roles",
        "Mae disgrifiadau rôl yn bodoli ar gyfer y rolau mwy gweithredol",
        "Involvement roles with a published role description",
        "Rolau cymryd rhan â disgrifiad rôl wedi'i gyhoeddi"
    ),
    p!(
        "L2.08",
        2,
        "Supported chances to practise: chairing one's own meetings, shadowing people in active roles",
        "Cyfleoedd â chymorth i ymarfer: cadeirio eich cyfarfodydd eich hun, cysgodi pobl mewn rolau gweithredol",
        "Shadowing and practice placements logged",
        "Cysgodi a lleoliadau ymarfer wedi'u cofnodi"
    ),
    p!(
        "L2.09",
        2,
        "Every service user writes their own care and activity plan",
        "Mae pob defnyddiwr gwasanaeth yn ysgrifennu ei gynllun gofal a gweithgareddau ei hun",
        "Self-assessed share, with evidence",
        "Cyfran hunanasesedig, gyda thystiolaeth"
    ),
    p!(
        "L3.01",
        3,
        "Newcomers are supported through levels 1 and 2",
        "Mae newydd-ddyfodiaid yn cael cymorth drwy lefelau 1 a 2",
        "As L2.01, plus level-2 steps",
        "Fel L2.01, a chamau lefel 2 hefyd"
    ),
    p!(
        "L3.02",
        3,
        "A service-user and carer coordinator role exists",
        "Mae rôl cydgysylltydd defnyddwyr gwasanaeth a gofalwyr yn bodoli",
        "That role filled",
        "Y rôl honno wedi'i llenwi"
    ),
    p!(
        "L3.03",
        3,
        "Service users chair their own care and treatment planning meetings",
        "Mae defnyddwyr gwasanaeth yn cadeirio eu cyfarfodydd cynllunio gofal a thriniaeth eu hunain",
        "Self-assessed share, with evidence",
        "Cyfran hunanasesedig, gyda thystiolaeth"
    ),
    p!(
        "L3.04",
        3,
        "Service users and carers take part in staff recruitment, from writing the job description onwards",
        "Mae defnyddwyr gwasanaeth a gofalwyr yn cymryd rhan wrth recriwtio staff, o ysgrifennu'r disgrifiad swydd ymlaen",
        "Recruitment processes with service-user or carer panel members",
        "Prosesau recriwtio ag aelodau panel sy'n ddefnyddwyr gwasanaeth neu'n ofalwyr"
    ),
    p!(
        "L3.05",
        3,
        "Service-user and carer representation at every meeting",
        "Cynrychiolaeth defnyddwyr gwasanaeth a gofalwyr ym mhob cyfarfod",
        "Share of meetings attended by at least one service user and one carer",
        "Cyfran y cyfarfodydd lle roedd o leiaf un defnyddiwr gwasanaeth ac un gofalwr yn bresennol"
    ),
    p!(
        "L3.06",
        3,
        "Major service developments are approved by service-user and carer forums",
        "Mae datblygiadau mawr yn y gwasanaeth yn cael eu cymeradwyo gan fforymau defnyddwyr gwasanaeth a gofalwyr",
        "Developments with a recorded forum decision",
        "Datblygiadau â phenderfyniad fforwm wedi'i gofnodi"
    ),
    p!(
        "L3.07",
        3,
        "Partnership with the wider community: reducing stigma and promoting mental health",
        "Partneriaeth â'r gymuned ehangach: lleihau stigma a hybu iechyd meddwl",
        "Community events logged",
        "Digwyddiadau cymunedol wedi'u cofnodi"
    ),
    p!(
        "L3.08",
        3,
        "Service-user and carer leadership roles",
        "Rolau arwain i ddefnyddwyr gwasanaeth a gofalwyr",
        "Leadership roles held by service users or carers",
        "Rolau arwain sydd gan ddefnyddwyr gwasanaeth neu ofalwyr"
    ),
    p!(
        "L3.09",
        3,
        "Service users and staff develop and deliver training together",
        "Mae defnyddwyr gwasanaeth a staff yn datblygu ac yn cyflwyno hyfforddiant gyda'i gilydd",
        "Co-delivered training sessions",
        "Sesiynau hyfforddi a gyflwynwyd ar y cyd"
    ),
    p!(
        "L3.10",
        3,
        "Former service users stay involved as buddies, mentors or consultants",
        "Mae cyn-ddefnyddwyr gwasanaeth yn parhau i gymryd rhan fel cyfeillion, mentoriaid neu ymgynghorwyr",
        "People who have moved on and stay involved",
        "Pobl sydd wedi symud ymlaen ac sy'n parhau i gymryd rhan"
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_template_has_thirty_two_practices_over_three_levels_with_unique_codes() {
        assert_eq!(TEMPLATE.len(), 32);
        let counts: Vec<usize> = (1..=3)
            .map(|l| TEMPLATE.iter().filter(|p| p.level == l).count())
            .collect();
        assert_eq!(counts, vec![13, 9, 10]);
        let mut codes: Vec<&str> = TEMPLATE.iter().map(|p| p.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 32);
        assert!(
            TEMPLATE
                .iter()
                .all(|p| p.code.starts_with(&format!("L{}.", p.level)))
        );
        assert!(TEMPLATE.iter().all(|p| !p.cy.is_empty() && p.cy != p.en));
    }

    #[test]
    fn status_maps_to_red_amber_green() {
        assert_eq!(Status::NotStarted.rag(), Rag::Red);
        assert_eq!(Status::Planned.rag(), Rag::Amber);
        assert_eq!(Status::InProgress.rag(), Rag::Amber);
        assert_eq!(Status::InPlace.rag(), Rag::Green);
        assert_eq!(Status::NotApplicable.rag(), Rag::NotApplicable);
    }

    #[test]
    fn the_threshold_is_met_exactly_at_its_edge() {
        use Status::*;
        let four_of_five = [InPlace, InPlace, InPlace, InPlace, Planned];
        let p = level_progress(1, &four_of_five, 80);
        assert_eq!(
            (p.in_place, p.applicable, p.percent, p.reached),
            (4, 5, 80, true)
        );
        let p = level_progress(1, &four_of_five, 81);
        assert!(!p.reached);
        // 2 of 3 is 66%, below 67.
        let p = level_progress(1, &[InPlace, InPlace, NotStarted], 67);
        assert_eq!((p.percent, p.reached), (66, false));
    }

    #[test]
    fn not_applicable_practices_leave_the_denominator() {
        use Status::*;
        let p = level_progress(2, &[InPlace, NotApplicable, NotApplicable, InPlace], 80);
        assert_eq!(
            (p.in_place, p.applicable, p.percent, p.reached),
            (2, 2, 100, true)
        );
        let none = level_progress(2, &[NotApplicable, NotApplicable], 80);
        assert_eq!((none.applicable, none.percent, none.reached), (0, 0, false));
    }

    #[test]
    fn the_ladder_follows_the_highest_level_reached() {
        let lp = |level, reached| LevelProgress {
            level,
            in_place: 0,
            applicable: 1,
            percent: 0,
            reached,
        };
        assert_eq!(
            ladder(&[lp(1, false), lp(2, false), lp(3, false)]),
            Ladder::DoingTo
        );
        assert_eq!(
            ladder(&[lp(1, true), lp(2, false), lp(3, false)]),
            Ladder::DoingFor
        );
        assert_eq!(
            ladder(&[lp(1, true), lp(2, true), lp(3, false)]),
            Ladder::DoingFor
        );
        assert_eq!(
            ladder(&[lp(1, true), lp(2, true), lp(3, true)]),
            Ladder::DoingWith
        );
    }

    #[test]
    fn not_applicable_needs_a_reason_and_other_statuses_drop_it() {
        let d = AssessmentDraft {
            status: "not_applicable".into(),
            ..Default::default()
        };
        assert_eq!(
            d.validate()
                .expect_err("no reason")
                .for_field("reason")
                .map(|e| e.code),
            Some("model-error-reason-required")
        );
        let d = AssessmentDraft {
            status: "not_applicable".into(),
            reason: Some("No carers on this unit".into()),
            ..Default::default()
        };
        assert!(d.validate().is_ok());
        let d = AssessmentDraft {
            status: "in_place".into(),
            reason: Some("left over".into()),
            ..Default::default()
        };
        assert_eq!(d.validate().expect("ok").reason, None);
        let d = AssessmentDraft {
            status: "done".into(),
            ..Default::default()
        };
        assert!(d.validate().is_err());
    }

    #[test]
    fn new_codes_follow_the_highest_used_on_the_level() {
        let used = vec!["L1.01".to_owned(), "L1.13".to_owned(), "L2.09".to_owned()];
        assert_eq!(next_code(1, &used), "L1.14");
        assert_eq!(next_code(3, &used), "L3.01");
    }

    fn status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn progress_never_counts_more_in_place_than_applicable(statuses in proptest::collection::vec(status(), 0..40), threshold in 1i64..=100) {
            let p = level_progress(1, &statuses, threshold);
            prop_assert!(p.in_place <= p.applicable);
            prop_assert!((0..=100).contains(&p.percent));
            prop_assert_eq!(p.applicable, statuses.iter().filter(|s| **s != Status::NotApplicable).count() as i64);
            // Reached agrees with the exact fraction.
            prop_assert_eq!(p.reached, p.applicable > 0 && (p.in_place as f64) / (p.applicable as f64) * 100.0 >= threshold as f64 - 1e-9);
        }

        #[test]
        fn adding_a_not_applicable_practice_changes_nothing(statuses in proptest::collection::vec(status(), 0..40)) {
            let before = level_progress(1, &statuses, 80);
            let mut more = statuses.clone();
            more.push(Status::NotApplicable);
            prop_assert_eq!(before, level_progress(1, &more, 80));
        }

        #[test]
        fn putting_a_practice_in_place_never_lowers_progress(statuses in proptest::collection::vec(status(), 1..40), i in 0usize..40) {
            let i = i % statuses.len();
            let before = level_progress(1, &statuses, 80);
            let mut after = statuses.clone();
            if after[i] != Status::NotApplicable {
                after[i] = Status::InPlace;
                let a = level_progress(1, &after, 80);
                prop_assert!(a.percent >= before.percent);
                prop_assert!(a.reached || !before.reached);
            }
        }
    }
}
