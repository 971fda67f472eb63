//! The demo organisation's meetings: the strategy group, the forum and community meetings with
//! terms of reference in both languages, a year of meetings with attendance measured against
//! each group's rule (some meet it, some miss it), overdue actions, and meetings to come with
//! one where no carer has confirmed. Runs through [`both_engines`] with a fixed clock, and
//! checks that both engines get the same figures (the generator is deterministic).

use crate::common::*;
use cairn_app::demo::{self, Scale};
use cairn_app::meetings::{self, Period};
use cairn_db::meetings::{MeetingQuery, RepresentationQuery};
use cairn_domain::meetings::{GroupKind, StandingItem, month_key};
use cairn_domain::people::Constituency;
use cairn_domain::time::{local_date, time_zone};
use cairn_testkit::both_engines;
use std::sync::{Arc, Mutex};

#[tokio::test]
async fn the_demo_has_groups_a_year_of_meetings_and_some_to_come() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    both_engines(|db| {
        let seen = seen.clone();
        async move {
            // Setup
            let app = app(db);

            // Exec
            let org = demo::build(&app, "pw-long-enough-123", Scale::Demo)
                .await
                .expect("build demo");

            // Check: the groups, named and described in both languages.
            let lead = signed_in(&app, "lead@demo.cairn.test").await;
            let groups = meetings::groups(&app, &lead).await.expect("groups");
            for kind in [
                GroupKind::Strategy,
                GroupKind::Forum,
                GroupKind::Community,
                GroupKind::TeamBuilding,
            ] {
                assert!(groups.iter().any(|g| g.kind == kind), "{kind:?}");
            }
            let community = groups
                .iter()
                .filter(|g| g.kind == GroupKind::Community)
                .count();
            assert_eq!(community, 8, "one community meeting per unit");
            let strategy = groups
                .iter()
                .find(|g| g.kind == GroupKind::Strategy)
                .expect("strategy group");
            assert_eq!(strategy.name_cy, "Grŵp strategaeth");
            assert!(strategy.unit_id.is_none());
            assert_eq!(
                strategy.rule().required(),
                vec![(Constituency::ServiceUser, 1), (Constituency::Carer, 1)]
            );
            for g in &groups {
                for welsh in [false, true] {
                    assert!(
                        g.tor(welsh)
                            .iter()
                            .all(|r| r.is_some_and(|t| !t.is_empty())),
                        "{} has all four Rs",
                        g.name_en
                    );
                }
                assert!(!g.name_cy.is_empty() && g.usual_place.is_some() && g.usual_time.is_some());
                assert!(
                    g.usual_place_cy.is_some(),
                    "{} has its usual place in Welsh",
                    g.name_en
                );
                if g.kind == GroupKind::Community {
                    assert!(
                        g.usual_place_cy
                            .as_deref()
                            .is_some_and(|p| p.starts_with("Lolfa, ")),
                        "the lounge, named in Welsh: {:?}",
                        g.usual_place_cy
                    );
                }
                assert!(
                    g.tor(true)
                        .iter()
                        .flatten()
                        .all(|r| !r.contains("cyd-gynhyrchu")),
                    "cydgynhyrchu is written without a hyphen"
                );
                assert_eq!(
                    g.unit_id.is_some(),
                    matches!(g.kind, GroupKind::Community | GroupKind::TeamBuilding)
                );
                let members = {
                    let mut h = app.db.acquire().await.expect("acquire");
                    cairn_db::meetings::members(&mut h.conn(), g.id)
                        .await
                        .expect("members")
                };
                assert!(!members.is_empty(), "{} has members", g.name_en);
            }
            let view = meetings::group(&app, &lead, strategy.id)
                .await
                .expect("group");
            assert!(
                view.members
                    .iter()
                    .any(|m| m.constituency == Constituency::Carer)
            );
            assert!(view.past.len() >= 12, "monthly for a year");

            // Meetings held, with attendance, some meeting the rule and some missing it.
            let report = meetings::representation(
                &app,
                &lead,
                RepresentationQuery::default(),
                Period::Month,
            )
            .await
            .expect("report");
            let total = &report.total;
            assert!(total.meetings > 400, "{total:?}");
            assert!(total.met > 0 && total.met < total.meetings, "{total:?}");
            assert!(total.service_user > Some(0) && total.carer > Some(0) && total.staff > Some(0));
            assert!(total.carer < total.service_user, "carers come less often");
            assert!(report.by_period.len() >= 12);

            // Months are on the organisation's clock.
            let london = time_zone("Europe/London");
            let listed = {
                let mut h = app.db.acquire().await.expect("acquire");
                cairn_db::meetings::list_meetings(
                    &mut h.conn(),
                    org,
                    &MeetingQuery {
                        limit: 1000,
                        ..Default::default()
                    },
                )
                .await
                .expect("meetings")
            };
            for m in &listed {
                assert_eq!(m.month, month_key(local_date(m.starts_at, &london)));
            }

            // A meeting held: the standing agenda first, and who came.
            let held = listed
                .iter()
                .rev()
                .find(|m| m.attended_at.is_some() && m.group_id == strategy.id)
                .expect("a strategy meeting held");
            let mv = meetings::meeting(&app, &lead, held.id)
                .await
                .expect("meeting");
            assert_eq!(
                mv.agenda[0].standing.as_deref(),
                Some(StandingItem::Representation.key())
            );
            assert_eq!(
                mv.agenda[1].standing.as_deref(),
                Some(StandingItem::Issues.key())
            );
            assert!(
                mv.people
                    .iter()
                    .any(|p| p.presence.as_deref() == Some("attended"))
            );
            assert_eq!(
                mv.actual.as_ref().map(|e| e.met),
                held.representation_met,
                "the stored figure is the rule applied to the counts"
            );
            assert!(!mv.decisions.is_empty());

            // Actions past their date.
            let overdue = meetings::overdue(&app, &lead).await.expect("overdue");
            assert!(!overdue.all.is_empty());

            // Meetings to come: some replies, and one where no carer has confirmed.
            let upcoming = meetings::upcoming(&app, &lead, 100)
                .await
                .expect("upcoming");
            assert!(upcoming.len() >= 5, "{}", upcoming.len());
            let mut replies = 0;
            let mut no_carer = 0;
            for l in &upcoming {
                let mv = meetings::meeting(&app, &lead, l.meeting.id)
                    .await
                    .expect("meeting");
                replies += mv.people.iter().filter(|p| p.reply.is_some()).count();
                if mv
                    .expected
                    .short
                    .iter()
                    .any(|(k, _)| *k == Constituency::Carer)
                {
                    no_carer += 1;
                    assert_eq!(l.expected_met, Some(false));
                }
            }
            assert!(replies > 0);
            assert!(no_carer > 0);
            assert!(
                upcoming.iter().any(|l| {
                    l.group.kind == GroupKind::Strategy && l.expected_met == Some(false)
                })
            );

            // People with demo sign-ins are on groups and have meetings to reply to.
            for email in ["member@demo.cairn.test", "carer@demo.cairn.test"] {
                let member = signed_in(&app, email).await;
                let mine = meetings::my_meetings(&app, &member).await.expect("mine");
                assert!(!mine.is_empty(), "{email}");
                assert!(mine.iter().all(|l| l.my_reply.is_none()), "left to reply");
            }

            seen.lock().expect("lock").push(format!("{total:?}"));
        }
    })
    .await;
    let seen = seen.lock().expect("lock");
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
}
