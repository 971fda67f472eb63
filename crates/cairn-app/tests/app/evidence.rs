//! Use-case tests for the evidence records of the practices Cairn cannot otherwise see: each
//! kind is added to a unit and feeds its practice's live measure (with "check this" when the
//! unit says the practice is in place and the records do not bear it out), bad records are
//! refused beside their fields, and only those who change a unit's assessment add them. Every
//! body runs on SQLite and PostgreSQL.

use crate::payments::world;
use cairn_app::AppError;
use cairn_app::model::{self, evidence};
use cairn_domain::model::evidence::{EvidenceDraft, Kind};
use cairn_domain::time::{DateParts, local_date, time_zone};
use cairn_testkit::both_engines;

fn days_ago(n: i64) -> DateParts {
    let today = local_date(crate::common::T0, &time_zone("Europe/London"));
    DateParts::from_date(today.checked_sub(jiff::Span::new().days(n)).ok())
}

fn measure(a: &model::UnitAssessment, code: &str) -> (&'static str, i64, bool) {
    let m = a
        .items
        .iter()
        .find(|i| i.practice.code == code)
        .and_then(|i| i.measure.clone())
        .unwrap_or_else(|| panic!("{code} has a measure"));
    (m.message_id, m.count, m.disagrees)
}

#[tokio::test]
async fn each_kind_of_record_feeds_its_practices_live_measure() {
    both_engines(|db| async move {
        let w = world(db).await;
        let before = model::unit_assessment(&w.app, &w.lead, w.alder)
            .await
            .expect("assessment");
        assert_eq!(measure(&before, "L1.11").1, 0);
        assert_eq!(measure(&before, "L2.09").1, 0);

        let add = |kind, d: EvidenceDraft| {
            let (app, staff, unit) = (w.app.clone(), w.staff.clone(), w.alder);
            async move { evidence::add(&app, &staff, unit, kind, &d).await }
        };
        for n in [10, 40, 200] {
            add(
                Kind::AdvocateVisit,
                EvidenceDraft {
                    on: days_ago(n),
                    service: "Advocacy Cymru".into(),
                    ..Default::default()
                },
            )
            .await
            .expect("visit");
        }
        add(
            Kind::CommunityEvent,
            EvidenceDraft {
                on: days_ago(30),
                title: "Time to Talk day".into(),
                took_part: ["4".into(), "2".into(), "3".into(), "".into(), "".into()],
                ..Default::default()
            },
        )
        .await
        .expect("event");
        for (title, with) in [("Quarterly report", true), ("Estates paper", false)] {
            add(
                Kind::PerspectivePaper,
                EvidenceDraft {
                    on: days_ago(20),
                    title: title.into(),
                    has_section: with,
                    ..Default::default()
                },
            )
            .await
            .expect("paper");
        }
        add(
            Kind::PracticeAudit,
            EvidenceDraft {
                on: days_ago(5),
                practice: "L2.09".into(),
                looked_at: "10".into(),
                met: "7".into(),
                ..Default::default()
            },
        )
        .await
        .expect("audit");

        let after = model::unit_assessment(&w.app, &w.lead, w.alder)
            .await
            .expect("assessment");
        // Two visits in the last 90 days (the one 200 days ago is older).
        assert_eq!(
            measure(&after, "L1.11"),
            ("model-measure-advocate-visits", 2, false)
        );
        assert_eq!(measure(&after, "L3.07").1, 1);
        assert_eq!(
            measure(&after, "L1.06").1,
            50,
            "one paper of two had the section"
        );
        assert_eq!(measure(&after, "L2.09").1, 70, "7 of 10 met the practice");
        assert_eq!(measure(&after, "L3.03").1, 0, "no audit of L3.03 yet");
        // Birch has none of Alder's records.
        let birch = model::unit_assessment(&w.app, &w.lead, w.birch)
            .await
            .expect("assessment");
        assert_eq!(measure(&birch, "L1.11").1, 0);

        // Marked in place with only 70% met, the audit says "check this".
        model::set_status(
            &w.app,
            &w.lead,
            w.alder,
            "L2.09",
            &cairn_domain::model::AssessmentDraft {
                status: "in_place".into(),
                evidence: Some("Care plans".into()),
                ..Default::default()
            },
        )
        .await
        .expect("status");
        let flagged = model::unit_assessment(&w.app, &w.lead, w.alder)
            .await
            .expect("assessment");
        assert!(measure(&flagged, "L2.09").2, "70% is below 80%: check this");

        let list = evidence::for_unit(&w.app, &w.lead, w.alder)
            .await
            .expect("list");
        let visits = &list
            .records
            .iter()
            .find(|(k, _)| *k == Kind::AdvocateVisit)
            .expect("visits")
            .1;
        assert_eq!(visits.len(), 3);
        assert!(visits[0].on_date > visits[2].on_date, "newest first");
    })
    .await;
}

#[tokio::test]
async fn records_are_refused_beside_their_fields_and_only_for_those_who_change_the_unit() {
    both_engines(|db| async move {
        let w = world(db).await;
        let bad = evidence::add(
            &w.app,
            &w.lead,
            w.alder,
            Kind::PracticeAudit,
            &EvidenceDraft {
                on: days_ago(1),
                practice: "L2.09".into(),
                looked_at: "5".into(),
                met: "6".into(),
                ..Default::default()
            },
        )
        .await;
        assert!(matches!(bad, Err(AppError::Invalid(e)) if e.for_field("met").is_some()));
        let visit = EvidenceDraft {
            on: days_ago(1),
            service: "Advocacy Cymru".into(),
            ..Default::default()
        };
        // Staff reach only their unit; the board and members add nothing.
        assert!(matches!(
            evidence::add(&w.app, &w.staff, w.birch, Kind::AdvocateVisit, &visit).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            evidence::add(&w.app, &w.mo, w.alder, Kind::AdvocateVisit, &visit).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            evidence::add(&w.app, &w.finance, w.alder, Kind::AdvocateVisit, &visit).await,
            Err(AppError::Forbidden)
        ));
        let list = evidence::for_unit(&w.app, &w.lead, w.alder)
            .await
            .expect("list");
        assert!(
            list.records.iter().all(|(_, r)| r.is_empty()),
            "nothing was stored"
        );
    })
    .await;
}

#[tokio::test]
async fn an_audit_of_complaints_information_on_display_feeds_l1_12() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let before = model::unit_assessment(&w.app, &w.lead, w.alder)
            .await
            .expect("assessment");

        // Exec: 4 places looked at, 3 had the leaflets and poster where people could reach them.
        evidence::add(
            &w.app,
            &w.staff,
            w.alder,
            Kind::PracticeAudit,
            &EvidenceDraft {
                on: days_ago(5),
                practice: "L1.12".into(),
                looked_at: "4".into(),
                met: "3".into(),
                ..Default::default()
            },
        )
        .await
        .expect("audit");
        let after = model::unit_assessment(&w.app, &w.lead, w.alder)
            .await
            .expect("assessment");

        // Check
        assert_eq!(measure(&before, "L1.12").1, 0);
        assert_eq!(
            measure(&after, "L1.12"),
            ("model-measure-audits", 75, false)
        );
    })
    .await;
}
