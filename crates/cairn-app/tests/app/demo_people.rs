//! The demo organisation's people and roles: the six example role descriptions and one draft,
//! open opportunities with interests at every step, people at each level, buddies with one
//! newcomer still waiting after 14 days, welcome-meeting records, exits and recruitment panels,
//! and the live measures that read them. Runs through [`both_engines`] with a fixed clock and
//! checks both engines get the same figures (the generator is deterministic).

use crate::common::*;
use cairn_app::App;
use cairn_app::demo::{self, Scale};
use cairn_app::model;
use cairn_testkit::both_engines;
use std::sync::{Arc, Mutex};

async fn count(app: &App, sql: &str, org: i64) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, sql, org).unwrap_or_else(|e| panic!("{sql}: {e:?}"))
}

#[tokio::test]
async fn the_demo_has_roles_opportunities_levels_buddies_and_welcome_meetings() {
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

            // Check: every example role kind, published, plus one draft.
            let kinds: Vec<(String, bool)> = {
                let mut h = app.db.acquire().await.expect("acquire");
                cairn_db::fetch_all!(
                    &mut h.conn(),
                    (String, bool),
                    "SELECT kind, published_at IS NOT NULL FROM involvement_roles WHERE organisation_id = $1 ORDER BY id",
                    org
                )
                .expect("roles")
            };
            for k in [
                "buddy",
                "interview_panel",
                "co_facilitator",
                "coordinator",
                "forum_chair",
                "strategy_group",
            ] {
                assert!(
                    kinds.iter().any(|(kind, published)| kind == k && *published),
                    "{k} is published"
                );
            }
            assert!(kinds.iter().any(|(_, published)| !published), "a draft");

            let today = "SELECT COUNT(*) FROM opportunities WHERE organisation_id = $1 AND closes_on >= '2026-03-29' AND withdrawn_at IS NULL";
            let open = count(&app, today, org).await;
            assert!(open >= 3, "open opportunities: {open}");
            for status in ["received", "talked", "offered", "not_this_time"] {
                let n = count(
                    &app,
                    &format!("SELECT COUNT(*) FROM interests WHERE organisation_id = $1 AND status = '{status}'"),
                    org,
                )
                .await;
                assert!(n >= 1, "an interest at {status}");
            }
            let feedback = count(
                &app,
                "SELECT COUNT(*) FROM interests WHERE organisation_id = $1 AND status = 'not_this_time' AND feedback IS NOT NULL",
                org,
            )
            .await;
            assert!(feedback >= 1, "\"not this time\" carries feedback");
            for level in 1..=3 {
                let n = count(
                    &app,
                    &format!("SELECT COUNT(*) FROM people WHERE organisation_id = $1 AND level = {level}"),
                    org,
                )
                .await;
                assert!(n >= 1, "somebody at level {level}");
            }
            let undecided = count(
                &app,
                "SELECT COUNT(*) FROM people p WHERE p.organisation_id = $1 AND p.level > 1 \
                 AND NOT EXISTS (SELECT 1 FROM level_decisions d WHERE d.person_id = p.id AND d.to_level = p.level)",
                org,
            )
            .await;
            assert_eq!(undecided, 0, "every level above 1 has its recorded decision");
            let pairings = count(&app, "SELECT COUNT(*) FROM buddy_pairings WHERE organisation_id = $1", org).await;
            assert!(pairings >= 2, "buddy pairings: {pairings}");
            let lead = signed_in(&app, "lead@demo.cairn.test").await;
            let (waiting, overdue) = cairn_app::people::buddies::waiting_count(&app, &lead)
                .await
                .expect("newcomers without a buddy")
                .expect("the lead sees people");
            assert!(overdue >= 1, "a newcomer still waits for a buddy after 14 days");
            let arrivals = count(&app, "SELECT COUNT(*) FROM arrivals WHERE organisation_id = $1", org).await;
            assert_eq!(arrivals, 16, "two arrivals per unit");
            let exits = count(&app, "SELECT COUNT(*) FROM exits WHERE organisation_id = $1", org).await;
            assert!(exits >= 3, "exits: {exits}");
            let processes = count(&app, "SELECT COUNT(*) FROM recruitment_processes WHERE organisation_id = $1", org).await;
            assert_eq!(processes, 3);

            // The measures read the demo: Bedw House has a buddy and an open opportunity.
            let bedw: i64 = {
                let mut h = app.db.acquire().await.expect("acquire");
                cairn_db::fetch_scalar!(
                    &mut h.conn(),
                    i64,
                    "SELECT id FROM units WHERE organisation_id = $1 AND name LIKE 'Bedw%'",
                    org
                )
                .expect("Bedw House")
            };
            let a = model::unit_assessment(&app, &lead, bedw).await.expect("assessment");
            let measure = |code: &str| {
                a.items
                    .iter()
                    .find(|i| i.practice.code == code)
                    .and_then(|i| i.measure.as_ref())
                    .map(|m| m.count)
                    .unwrap_or_else(|| panic!("{code} has a measure"))
            };
            assert!(measure("L1.10") >= 3, "the unit's and the service's opportunities");
            assert!(measure("L2.07") >= 6, "published role descriptions");
            assert!(measure("L3.02") >= 1, "the coordinator serves every unit");

            seen.lock().expect("lock").push(format!(
                "{kinds:?} {open} {pairings} {} {arrivals} {exits}",
                waiting
            ));
        }
    })
    .await;
    let seen = seen.lock().expect("lock");
    if seen.len() == 2 {
        assert_eq!(seen[0], seen[1], "both engines get the same demo");
    }
}

#[tokio::test]
async fn the_demo_raises_several_playbook_challenges_on_different_units_with_actions() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);

        // Exec
        let org = demo::build(&app, "pw-long-enough-123", Scale::Demo)
            .await
            .expect("build demo");

        // Check
        let raised: Vec<(i64, String)> = {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::fetch_all!(
                &mut h.conn(),
                (i64, String),
                "SELECT unit_id, challenge FROM playbook_raised WHERE organisation_id = $1 AND cleared_at IS NULL",
                org
            )
            .expect("raised")
        };
        let mut units: Vec<i64> = raised.iter().map(|(u, _)| *u).collect();
        units.sort_unstable();
        units.dedup();
        let mut kinds: Vec<&str> = raised.iter().map(|(_, c)| c.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert!(units.len() >= 2, "raised on several units: {raised:?}");
        assert!(kinds.len() >= 3, "several challenges: {raised:?}");
        let actions = count(
            &app,
            "SELECT COUNT(*) FROM playbook_actions WHERE organisation_id = $1",
            org,
        )
        .await;
        let closed = count(
            &app,
            "SELECT COUNT(*) FROM playbook_actions WHERE organisation_id = $1 AND closed_at IS NOT NULL",
            org,
        )
        .await;
        assert_eq!((actions, closed), (2, 1));
    })
    .await;
}
