//! The session read on every signed-in request: one query for the session, its account and
//! the organisation's settings version, with the organisation itself held by each instance
//! only while that version stands.

use crate::common::*;
use cairn_app::accounts::{self, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, Session, hash_secret};
use cairn_app::units::SettingsForm;
use cairn_app::{App, units};
use cairn_db::record_queries;
use cairn_domain::Role;
use cairn_testkit::both_engines;

/// A live session for an account, written straight to the database; returns its secret.
async fn session_row(app: &App, uid: i64, secret: &str) -> String {
    let now = app.now();
    let mut tx = app.db.begin().await.expect("begin");
    cairn_db::accounts::insert_session(
        &mut tx.conn(),
        &hash_secret(secret),
        uid,
        &format!("csrf-{secret}"),
        now,
        now + SESSION_IDLE_MS,
        now + SESSION_ABSOLUTE_MS,
    )
    .await
    .expect("session");
    tx.commit().await.expect("commit");
    secret.to_owned()
}

/// The session as it was found before it became one query: the session row, then the
/// account, then the actor, each read on its own.
async fn session_read_apart(app: &App, secret: &str) -> Option<(String, String, i64)> {
    let mut h = app.db.acquire().await.expect("acquire");
    let row = cairn_db::accounts::find_session(&mut h.conn(), &hash_secret(secret), app.now())
        .await
        .expect("find session")?;
    let user = cairn_db::accounts::get_user(&mut h.conn(), row.user_id)
        .await
        .expect("user");
    if user.disabled {
        return None;
    }
    let actor = accounts::actor_for(app, &user).await.expect("actor");
    Some((format!("{actor:?} {user:?}"), row.csrf_token, row.ends_at))
}

fn seen(s: &Session) -> (String, String, i64) {
    (
        format!("{:?} {:?}", s.actor, s.user),
        s.csrf.clone(),
        s.ends_at,
    )
}

fn settings(name: &str, time_zone: &str) -> SettingsForm {
    SettingsForm {
        name: name.into(),
        time_zone: time_zone.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn one_read_session_is_the_session_read_apart_for_every_kind_of_account() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@a.example").await;
        let ward = unit(&app, &o, "Ward 1").await;
        let staff = account(&app, &o, "staff@a.example", Role::UnitStaff, &[ward], None).await;
        let member = account(&app, &o, "member@a.example", Role::Member, &[], None).await;
        let gone = account(&app, &o, "gone@a.example", Role::Lead, &[], None).await;
        let mut secrets = Vec::new();
        for (uid, name) in [
            (o.admin.user_id, "admin"),
            (staff.user_id, "staff"),
            (member.user_id, "member"),
            (gone.user_id, "gone"),
        ] {
            secrets.push(session_row(&app, uid, name).await);
        }
        {
            let mut tx = app.db.begin().await.expect("begin");
            cairn_db::accounts::set_disabled(&mut tx.conn(), gone.user_id, true, app.now())
                .await
                .expect("disable");
            tx.commit().await.expect("commit");
        }

        // Exec
        let mut found = Vec::new();
        for s in &secrets {
            let one = accounts::session(&app, s).await.expect("session");
            found.push((one.as_ref().map(seen), session_read_apart(&app, s).await));
        }
        app.clock.set(T0 + SESSION_IDLE_MS);
        let expired = accounts::session(&app, "admin").await.expect("expired");

        // Check
        for ((one, apart), s) in found.iter().zip(&secrets) {
            assert_eq!(one, apart, "{s}");
        }
        assert!(found[0].0.is_some() && found[1].0.is_some() && found[2].0.is_some());
        assert!(
            found[1]
                .0
                .as_ref()
                .is_some_and(|f| f.0.contains(&format!("unit_ids: [{ward}]")))
        );
        assert!(
            found[3].0.is_none(),
            "a disabled account's session is refused"
        );
        assert!(expired.is_none(), "a session past its idle end is refused");
    })
    .await;
}

#[tokio::test]
async fn session_is_one_query_once_the_organisation_is_held() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@a.example").await;
        let secret = session_row(&app, o.admin.user_id, "admin").await;

        // Exec
        let (first, cold) = record_queries(accounts::session(&app, &secret)).await;
        let (second, warm) = record_queries(accounts::session(&app, &secret)).await;

        // Check
        let first = first.expect("session").expect("live");
        let second = second.expect("session").expect("live");
        assert_eq!(
            cold.len(),
            2,
            "the session, then the organisation: {cold:?}"
        );
        assert_eq!(warm.len(), 1, "the session alone: {warm:?}");
        assert!(warm[0].contains("FROM sessions") && warm[0].contains("JOIN users"));
        let held = second.organisation.expect("organisation");
        assert_eq!(held.name, "Org A");
        assert!(std::sync::Arc::ptr_eq(
            &held,
            &first.organisation.expect("organisation")
        ));
    })
    .await;
}

#[tokio::test]
async fn settings_changed_through_one_instance_are_seen_by_another_on_its_next_request() {
    both_engines(|db| async move {
        // Setup: two instances on one database, each holding the organisation.
        let one = app(db.clone());
        let two = app(db);
        let o = org(&one, "Org A", "admin@a.example").await;
        let secret = session_row(&one, o.admin.user_id, "admin").await;
        for instance in [&one, &two] {
            accounts::session(instance, &secret).await.expect("warm");
        }

        // Exec
        units::update_settings(&one, &o.admin, &settings("Org A renamed", "Europe/Dublin"))
            .await
            .expect("update");
        let (seen_by_two, queries) = record_queries(accounts::session(&two, &secret)).await;

        // Check
        let held = seen_by_two
            .expect("session")
            .expect("live")
            .organisation
            .expect("organisation");
        assert_eq!(held.name, "Org A renamed");
        assert_eq!(held.time_zone, "Europe/Dublin");
        assert_eq!(queries.len(), 2, "a stale copy is read again: {queries:?}");
    })
    .await;
}

#[tokio::test]
async fn settings_changed_through_an_instances_own_use_case_are_seen_at_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@a.example").await;
        let secret = session_row(&app, o.admin.user_id, "admin").await;
        accounts::session(&app, &secret).await.expect("warm");

        // Exec
        cairn_app::translation::set_board_needs_both(&app, &o.admin, true)
            .await
            .expect("board setting");
        let after_board = accounts::session(&app, &secret).await.expect("session");
        units::update_settings(&app, &o.admin, &settings("Org A renamed", "Europe/London"))
            .await
            .expect("update");
        let after_name = accounts::session(&app, &secret).await.expect("session");

        // Check
        let board = after_board.expect("live").organisation.expect("org");
        assert!(board.board_needs_both_languages);
        let named = after_name.expect("live").organisation.expect("org");
        assert_eq!(named.name, "Org A renamed");
        assert!(named.settings_version > board.settings_version);
    })
    .await;
}

#[tokio::test]
async fn token_and_its_account_are_one_query() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@a.example").await;
        let token = accounts::create_token(&app, &o.admin, "reports", "")
            .await
            .expect("token");

        // Exec
        let (actor, queries) = record_queries(accounts::token_actor(&app, &token)).await;

        // Check
        assert_eq!(actor.expect("token").expect("live"), o.admin);
        let reads: Vec<_> = queries.iter().filter(|q| q.starts_with("SELECT")).collect();
        assert_eq!(reads.len(), 1, "{queries:?}");
        assert!(reads[0].contains("FROM api_tokens") && reads[0].contains("JOIN users"));
    })
    .await;
}

#[tokio::test]
async fn a_requests_use_cases_take_its_organisation_instead_of_reading_it_again() {
    both_engines(|db| async move {
        // Setup: each organisation as a request's session read would hold it.
        let app = app(db);
        let a = org(&app, "Org A", "admin@a.example").await;
        let b = org(&app, "Org B", "admin@b.example").await;
        let read = |id| {
            let app = app.clone();
            async move {
                let mut h = app.db.acquire().await.expect("acquire");
                let o = cairn_db::units::get_organisation(&mut h.conn(), id)
                    .await
                    .expect("organisation");
                std::sync::Arc::new(o)
            }
        };
        let (held_a, held_b) = (read(a.id).await, read(b.id).await);
        let reads_of = |queries: &[String]| {
            queries
                .iter()
                .filter(|q| q.contains("FROM organisations WHERE id"))
                .count()
        };

        // Exec: the same read-only use case outside a request, within a request of its own
        // organisation, and within one of another organisation.
        let (alone, alone_sent) =
            record_queries(cairn_app::meetings::overdue(&app, &a.admin)).await;
        let (within, within_sent) = record_queries(cairn_app::cache::within_request(
            held_a,
            cairn_app::meetings::overdue(&app, &a.admin),
        ))
        .await;
        let (crossed, crossed_sent) = record_queries(cairn_app::cache::within_request(
            held_b,
            cairn_app::meetings::overdue(&app, &a.admin),
        ))
        .await;

        // Check
        alone.expect("alone");
        within.expect("within");
        crossed.expect("crossed");
        assert_eq!(reads_of(&alone_sent), 1, "{alone_sent:#?}");
        assert_eq!(reads_of(&within_sent), 0, "{within_sent:#?}");
        assert_eq!(reads_of(&crossed_sent), 1, "{crossed_sent:#?}");
    })
    .await;
}
