//! What one signed-in page reads: the session, its account and the organisation's settings
//! version in one query, the organisation itself from the instance's cache while that version
//! stands, and no row read twice. And what a second instance on the same database sees.

use crate::helpers::{TestApp, Who, both};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cairn_app::{App, Clock, PasswordCost};
use cairn_db::record_queries;
use cairn_web::{AppState, WebConfig};
use std::sync::Arc;
use tower::ServiceExt;

/// The busiest signed-in pages, as the lead and as unit staff (whose units are one more
/// query).
fn busy_pages(t: &TestApp) -> Vec<(Who, String)> {
    let u = t.seed.unit_a1;
    let mut pages = Vec::new();
    for who in [Who::Lead, Who::UnitStaff] {
        for path in [
            format!("/people?unit_id={u}"),
            format!("/feedback?unit_id={u}&status=done"),
            format!("/units/{u}/assessment"),
            "/assessment".to_owned(),
            "/opportunities".to_owned(),
            "/payments/claims".to_owned(),
            "/meetings".to_owned(),
        ] {
            pages.push((who, path));
        }
    }
    pages
}

fn reading<'a>(queries: &'a [String], table: &str) -> Vec<&'a String> {
    queries.iter().filter(|q| q.contains(table)).collect()
}

#[tokio::test]
async fn a_busy_page_reads_session_account_and_organisation_version_in_one_query() {
    both(|t| async move {
        for (who, path) in busy_pages(&t) {
            // Setup: the first request fills the instance's copy of the organisation.
            assert_eq!(t.get(who, &path).await.status, StatusCode::OK, "{path}");

            // Exec
            let (res, queries) = record_queries(t.get(who, &path)).await;

            // Check
            assert_eq!(res.status, StatusCode::OK, "{path}");
            let sessions = reading(&queries, "FROM sessions");
            assert_eq!(sessions.len(), 1, "{who:?} {path}: {queries:#?}");
            assert!(sessions[0].contains("JOIN users") && sessions[0].contains("organisations"));
            let accounts: Vec<_> = reading(&queries, "FROM users WHERE id")
                .into_iter()
                .chain(reading(&queries, "FROM user_units"))
                .collect();
            let scoped = usize::from(who == Who::UnitStaff);
            assert_eq!(accounts.len(), scoped, "{who:?} {path}: {accounts:#?}");
            let organisation = reading(&queries, "FROM organisations WHERE id");
            assert!(organisation.len() <= 1, "{who:?} {path}: {organisation:#?}");
            let units_list = reading(&queries, "FROM units WHERE organisation_id");
            assert!(units_list.len() <= 1, "{who:?} {path}: {units_list:#?}");
            let people_counts = reading(&queries, "SELECT pu.unit_id, COUNT(*) FROM person_units");
            assert!(
                people_counts.is_empty(),
                "{who:?} {path}: {people_counts:#?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_meetings_page_lists_groups_without_reading_their_terms_of_reference() {
    both(|t| async move {
        for who in [Who::Lead, Who::UnitStaff] {
            let (res, queries) = record_queries(t.get(who, "/meetings")).await;

            assert_eq!(res.status, StatusCode::OK);
            let groups = reading(&queries, "FROM meeting_groups");
            assert_eq!(groups.len(), 1, "{who:?}: {groups:#?}");
            for column in ["role_en", "remit_cy", "standing_items"] {
                assert!(!groups[0].contains(column), "{who:?} reads {column}");
            }
        }
    })
    .await;
}

/// A second instance of Cairn on the same database, with its own memory.
fn second_instance(t: &TestApp) -> axum::Router {
    let app = App::new(
        t.app.db.clone(),
        Clock::system(),
        Arc::new(cairn_web::i18n::FluentTranslator),
    )
    .with_password_cost(PasswordCost::Test);
    cairn_web::router(AppState {
        app,
        config: Arc::new(WebConfig {
            base_url: "http://localhost".into(),
            ..Default::default()
        }),
    })
}

async fn page_on(router: &axum::Router, cookie: &str, path: &str) -> String {
    let res = router
        .clone()
        .oneshot(
            Request::builder()
                .uri(path)
                .header(header::HOST, "localhost")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let bytes = axum::body::to_bytes(res.into_body(), 10 * 1024 * 1024)
        .await
        .expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn an_organisation_renamed_through_one_instance_shows_on_the_others_next_page() {
    both(|t| async move {
        // Setup: both instances have shown the organisation's name once.
        let other = second_instance(&t);
        let cookie = t.who[&Who::Lead].cookie.clone();
        assert!(
            page_on(&other, &cookie, "/people")
                .await
                .contains("Organisation A")
        );
        assert!(
            t.get(Who::Lead, "/people")
                .await
                .body
                .contains("Organisation A")
        );

        // Exec: renamed through the first instance's own use case.
        let admin = t.actor(Who::OrgAdmin).await;
        cairn_app::units::update_settings(
            &t.app,
            &admin,
            &cairn_app::units::SettingsForm {
                name: "Renamed Board".into(),
                time_zone: "Europe/London".into(),
                ..Default::default()
            },
        )
        .await
        .expect("rename");

        // Check
        assert!(
            page_on(&other, &cookie, "/people")
                .await
                .contains("Renamed Board")
        );
        assert!(
            t.get(Who::Lead, "/people")
                .await
                .body
                .contains("Renamed Board")
        );
    })
    .await;
}

#[tokio::test]
async fn a_units_public_board_reads_the_organisation_once() {
    both(|t| async move {
        // Setup
        let path = format!(
            "/o/{}/units/{}/you-said-we-did",
            t.seed.org_a, t.seed.unit_a1
        );
        assert_eq!(t.get(Who::Anon, &path).await.status, StatusCode::OK);

        // Exec
        let (res, queries) = record_queries(t.get(Who::Anon, &path)).await;

        // Check
        assert_eq!(res.status, StatusCode::OK);
        let organisation = reading(&queries, "FROM organisations WHERE id");
        assert_eq!(organisation.len(), 1, "{organisation:#?}");
        let unit_read = reading(&queries, "FROM units WHERE organisation_id = $1 AND id");
        assert_eq!(unit_read.len(), 1, "{queries:#?}");
    })
    .await;
}

/// Whether `q` reads a list of the organisation's units (not one unit by its id).
fn lists_units(q: &str) -> bool {
    q.contains("FROM units WHERE organisation_id") && q.contains("ORDER BY name")
}

#[tokio::test]
async fn a_busy_page_reads_the_organisations_units_only_until_the_instance_holds_them() {
    both(|t| async move {
        for (who, path) in busy_pages(&t) {
            // Setup: the first request may read them.
            assert_eq!(t.get(who, &path).await.status, StatusCode::OK, "{path}");

            // Exec
            let (res, queries) = record_queries(t.get(who, &path)).await;

            // Check
            assert_eq!(res.status, StatusCode::OK, "{path}");
            let listed: Vec<_> = queries.iter().filter(|q| lists_units(q)).collect();
            assert!(listed.is_empty(), "{who:?} {path}: {listed:#?}");
        }
    })
    .await;
}

#[tokio::test]
async fn units_changed_by_hand_in_sql_show_on_both_instances_next_pages() {
    both(|t| async move {
        // Setup: both instances have listed the units once and hold them.
        let other = second_instance(&t);
        let cookie = t.who[&Who::Lead].cookie.clone();
        let pages = |other: axum::Router, cookie: String| {
            let t = &t;
            async move {
                [
                    page_on(&other, &cookie, "/people").await,
                    t.get(Who::Lead, "/people").await.body,
                ]
            }
        };
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(page.contains(">Alder<"), "the unit is listed before");
        }
        let now = t.app.now();

        // Exec and check: renamed, added and deleted by hand, each seen on the next page.
        let mut h = t.app.db.acquire().await.expect("connection");
        cairn_db::execute!(
            &mut h.conn(),
            "UPDATE units SET name = 'Rowan' WHERE id = $1",
            t.seed.unit_a1
        )
        .expect("rename");
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(page.contains(">Rowan<") && !page.contains(">Alder<"), "renamed");
        }
        let added: i64 = cairn_db::fetch_scalar!(
            &mut h.conn(),
            i64,
            "INSERT INTO units (organisation_id, service_id, name, unit_type, gender_mix, created_at, updated_at) \
             VALUES ($1, $2, 'Hazel', 'ward', 'mixed', $3, $3) RETURNING id",
            t.seed.org_a,
            t.seed.service_a,
            now
        )
        .expect("add");
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(page.contains(">Hazel<"), "added");
        }
        cairn_db::execute!(&mut h.conn(), "DELETE FROM units WHERE id = $1", added)
            .expect("delete");
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(!page.contains(">Hazel<"), "deleted");
        }
    })
    .await;
}

/// Whether `q` reads the organisation's model: its practices, its version or its rounds.
fn reads_model(q: &str) -> bool {
    [
        "FROM model_practices",
        "FROM model_changes",
        "FROM assessment_rounds",
    ]
    .iter()
    .any(|table| q.contains(table))
}

#[tokio::test]
async fn an_assessment_page_reads_the_model_only_until_the_instance_holds_it() {
    both(|t| async move {
        let unit = format!("/units/{}/assessment", t.seed.unit_a1);
        // Setup: the first page reads the model, and the instance holds it from then on.
        let (res, first) = record_queries(t.get(Who::Lead, &unit)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(first.iter().any(|q| reads_model(q)), "{first:#?}");
        for path in [unit.as_str(), "/assessment"] {
            // Exec
            let (res, queries) = record_queries(t.get(Who::Lead, path)).await;

            // Check
            assert_eq!(res.status, StatusCode::OK, "{path}");
            let read: Vec<_> = queries.iter().filter(|q| reads_model(q)).collect();
            assert!(read.is_empty(), "{path}: {read:#?}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_units_self_assessment_names_the_unit_from_the_held_units_and_another_organisations_is_not_found()
 {
    both(|t| async move {
        let unit = format!("/units/{}/assessment", t.seed.unit_a1);
        // Setup: the first page may read the units.
        assert_eq!(t.get(Who::Lead, &unit).await.status, StatusCode::OK);

        // Exec
        let (res, queries) = record_queries(t.get(Who::Lead, &unit)).await;
        let elsewhere = format!("/units/{}/assessment", t.seed.unit_b);
        let (other, other_queries) = record_queries(t.get(Who::Lead, &elsewhere)).await;

        // Check
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Alder"), "the unit is named");
        let read = reading(&queries, "FROM units WHERE");
        assert!(read.is_empty(), "{read:#?}");
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        assert!(!other.body.contains("Alder"));
        assert_eq!(
            reading(&other_queries, "FROM units WHERE").len(),
            1,
            "a unit the instance does not hold for the organisation is asked of the database"
        );
    })
    .await;
}

#[tokio::test]
async fn a_practice_and_a_round_changed_by_hand_in_sql_show_on_both_instances_next_pages() {
    both(|t| async move {
        // Setup: both instances have shown the unit's assessment once and hold the model.
        let other = second_instance(&t);
        let cookie = t.who[&Who::Lead].cookie.clone();
        let path = format!("/units/{}/assessment", t.seed.unit_a1);
        let pages = |other: axum::Router, cookie: String| {
            let (t, path) = (&t, path.clone());
            async move {
                [
                    page_on(&other, &cookie, &path).await,
                    t.get(Who::Lead, &path).await.body,
                ]
            }
        };
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(!page.contains("Ideas box on every ward"), "not yet");
        }
        let now = t.app.now();

        // Exec and check: a practice renamed, then a round added, each seen on the next page.
        let mut h = t.app.db.acquire().await.expect("connection");
        cairn_db::execute!(
            &mut h.conn(),
            "UPDATE model_practices SET title_en = 'Ideas box on every ward' \
             WHERE organisation_id = $1 AND code = 'L1.01'",
            t.seed.org_a
        )
        .expect("rename");
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(page.contains("Ideas box on every ward"), "renamed");
        }
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO assessment_rounds (organisation_id, kind, name, model_version, opened_at, \
             opened_by_label, closed_at, closed_by_label) \
             VALUES ($1, 'round', 'Midwinter look', 1, $2, 'tester', $2, 'tester')",
            t.seed.org_a,
            now
        )
        .expect("round");
        for page in pages(other.clone(), cookie.clone()).await {
            assert!(page.contains("Midwinter look"), "the round is listed");
        }
    })
    .await;
}

#[tokio::test]
async fn the_suggestion_pages_read_the_statuses_only_until_the_instance_holds_them() {
    both(|t| async move {
        let board = format!(
            "/o/{}/units/{}/you-said-we-did",
            t.seed.org_a, t.seed.unit_a1
        );
        let pages = [
            (Who::Lead, "/feedback".to_owned()),
            (Who::UnitStaff, "/feedback".to_owned()),
            (Who::Anon, board),
        ];
        for (who, path) in &pages {
            // Setup: the first request may read them.
            assert_eq!(t.get(*who, path).await.status, StatusCode::OK, "{path}");

            // Exec
            let (res, queries) = record_queries(t.get(*who, path)).await;

            // Check
            assert_eq!(res.status, StatusCode::OK, "{path}");
            let read = reading(&queries, "FROM feedback_statuses");
            assert!(read.is_empty(), "{who:?} {path}: {read:#?}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_status_renamed_by_hand_in_sql_shows_on_both_instances_next_pages() {
    both(|t| async move {
        // Setup: both instances have listed the suggestions once and hold the statuses.
        let other = second_instance(&t);
        let cookie = t.who[&Who::Lead].cookie.clone();
        for page in on_both(&t, &other, &cookie, "/feedback").await {
            assert!(!page.contains("Waiting for the forum"), "not yet");
        }

        // Exec: the seeded suggestion's status renamed by hand.
        let mut h = t.app.db.acquire().await.expect("connection");
        cairn_db::execute!(
            &mut h.conn(),
            "UPDATE feedback_statuses SET label_en = 'Waiting for the forum' \
             WHERE organisation_id = $1 AND key = 'received'",
            t.seed.org_a
        )
        .expect("rename");

        // Check
        for page in on_both(&t, &other, &cookie, "/feedback").await {
            assert!(page.contains("Waiting for the forum"), "renamed");
        }
    })
    .await;
}

/// Page `path` as the lead gets it from `other` and from the test's own instance.
async fn on_both(t: &TestApp, other: &axum::Router, cookie: &str, path: &str) -> [String; 2] {
    [
        page_on(other, cookie, path).await,
        t.get(Who::Lead, path).await.body,
    ]
}
