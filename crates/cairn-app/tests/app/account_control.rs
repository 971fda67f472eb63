//! Accounts that can be stopped: disabling and enabling, leavers, roles, sessions with an
//! absolute end, tokens that expire, sign-in limits that hold under concurrency and lock out
//! no one else, changing a password and choosing a new one through a link.

use crate::common::*;
use cairn_app::accounts::control;
use cairn_app::accounts::passwords;
use cairn_app::accounts::{
    self, ACCOUNT_MAX_FAILURES, AccountForm, LOCK_FIRST_MS, PAIR_MAX_FAILURES, PASSWORD_RESET_MS,
    SESSION_ABSOLUTE_MS, SESSION_IDLE_MS,
};
use cairn_app::units::SettingsForm;
use cairn_app::{Actor, App, AppError, AppResult, roles, units};
use cairn_domain::Role;
use cairn_domain::people::PersonDraft;
use cairn_domain::roles::ExitDraft;
use cairn_domain::time::DateParts;
use cairn_testkit::both_engines;
use std::fmt::Debug;

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;
const LEAD: &str = "lead@org-a.example";

#[track_caller]
fn assert_invalid<T: Debug>(r: AppResult<T>, field: &str) {
    match r {
        Err(AppError::Invalid(e)) => assert!(
            e.for_field(field).is_some(),
            "expected an error on `{field}`, got {e:?}"
        ),
        other => panic!("expected Invalid on `{field}`, got {other:?}"),
    }
}

#[track_caller]
fn assert_throttled<T: Debug>(r: AppResult<T>) {
    assert!(matches!(r, Err(AppError::Throttled)), "{r:?}");
}

/// An organisation and a lead who has a password.
async fn org_and_lead(app: &App) -> (Org, Actor) {
    let org = org(app, "Org A", "admin@org-a.example").await;
    let uid = accounts::create_admin(app, Some("Org A"), LEAD, PASSWORD, Role::Lead)
        .await
        .expect("lead");
    (org, actor_of(app, uid).await)
}

/// A member with a person record and a password (through the invitation, as in real life).
async fn member(app: &App, org: &Org, name: &str, email: &str) -> (i64, Actor) {
    let person = cairn_app::people::create(
        app,
        &org.admin,
        &PersonDraft {
            chosen_name: name.into(),
            constituency: "service_user".into(),
            status: "active".into(),
            preferred_language: "cy".into(),
            ..Default::default()
        },
    )
    .await
    .expect("person");
    let inv = accounts::create_account_for_person(
        app,
        &org.admin,
        person,
        &AccountForm {
            email: email.into(),
            role: "member".into(),
            unit_ids: vec![],
        },
        "https://cairn.example",
    )
    .await
    .expect("account");
    accounts::accept_invitation(app, &inv.secret, PASSWORD, PASSWORD)
        .await
        .expect("choose password");
    (person, actor_of(app, inv.user_id).await)
}

async fn audit_actions(app: &App, org: i64, entity: &str, id: i64) -> Vec<String> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &cairn_db::audit::AuditQuery {
            entity: Some(entity.into()),
            entity_id: Some(id),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .map(|e| format!("{}:{}", e.action, e.after_json.unwrap_or_default()))
    .collect()
}

// ---------------------------------------------------------------------------------------------
// Disabling, enabling, leavers, roles
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_an_account_ends_its_sessions_and_tokens_and_stops_sign_in_until_enabled() {
    both_engines(|db| async move {
        // Setup: the lead is signed in twice and has a token.
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let s1 = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let s2 = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.2")
            .await
            .expect("sign in");
        let token = accounts::create_token(&app, &lead, "reports", "")
            .await
            .expect("token");

        // Exec
        let stopped = control::disable(&app, &org.admin, lead.user_id)
            .await
            .expect("disable");
        let session_after = accounts::session(&app, &s1.secret).await.expect("session");
        let token_after = accounts::token_actor(&app, &token).await.expect("token");
        let sign_in_after = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.3").await;
        control::enable(&app, &org.admin, lead.user_id)
            .await
            .expect("enable");
        let sign_in_enabled = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.4").await;
        let token_enabled = accounts::token_actor(&app, &token).await.expect("token");
        let old_session_enabled = accounts::session(&app, &s2.secret).await.expect("session");

        // Check
        assert_eq!(stopped.sessions, 2);
        assert_eq!(stopped.tokens, 1);
        assert!(session_after.is_none());
        assert!(token_after.is_none());
        assert_invalid(sign_in_after, "email");
        assert!(sign_in_enabled.is_ok(), "{sign_in_enabled:?}");
        assert!(token_enabled.is_none(), "a revoked token stays revoked");
        assert!(old_session_enabled.is_none(), "ended sessions stay ended");
        let log = audit_actions(&app, org.id, "user_access", lead.user_id).await;
        assert_eq!(log.len(), 2, "{log:?}");
        assert!(log[1].contains("\"disabled\":true"), "{log:?}");
        assert!(log[0].contains("\"disabled\":false"), "{log:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_cannot_disable_or_demote_themselves_nor_reach_another_organisation() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let other = org_admin_of(&app, "Org B", "admin@org-b.example").await;

        // Exec
        let own_disable = control::disable(&app, &org.admin, org.admin.user_id).await;
        let own_role =
            control::change_role(&app, &org.admin, org.admin.user_id, "viewer", &[]).await;
        let elsewhere = control::disable(&app, &other, lead.user_id).await;
        let by_lead = control::disable(&app, &lead, org.admin.user_id).await;
        let elsewhere_view = control::account(&app, &other, lead.user_id).await;

        // Check
        assert!(
            matches!(own_disable, Err(AppError::Conflict(_))),
            "{own_disable:?}"
        );
        assert!(
            matches!(own_role, Err(AppError::Conflict(_))),
            "{own_role:?}"
        );
        assert!(
            matches!(elsewhere, Err(AppError::NotFound)),
            "{elsewhere:?}"
        );
        assert!(matches!(by_lead, Err(AppError::Forbidden)), "{by_lead:?}");
        assert!(matches!(elsewhere_view, Err(AppError::NotFound)));
        let s = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1").await;
        assert!(s.is_ok(), "the lead was not touched: {s:?}");
    })
    .await;
}

async fn org_admin_of(app: &App, name: &str, email: &str) -> Actor {
    org(app, name, email).await.admin
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_change_takes_effect_on_the_next_request_and_unit_staff_need_units() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let u = unit(&app, &org, "Alder").await;
        let s = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");

        // Exec
        let no_units =
            control::change_role(&app, &org.admin, lead.user_id, "unit_staff", &[]).await;
        let platform =
            control::change_role(&app, &org.admin, lead.user_id, "platform_admin", &[]).await;
        control::change_role(&app, &org.admin, lead.user_id, "unit_staff", &[u])
            .await
            .expect("change");
        let now = accounts::session(&app, &s.secret)
            .await
            .expect("session")
            .expect("still signed in");

        // Check
        assert_invalid(no_units, "unit_ids");
        assert_invalid(platform, "role");
        assert_eq!(now.actor.role, Role::UnitStaff);
        assert_eq!(now.actor.unit_ids, vec![u]);
        let log = audit_actions(&app, org.id, "user_role", lead.user_id).await;
        assert_eq!(log.len(), 1);
        assert!(log[0].contains("unit_staff"), "{log:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_a_leaver_disables_their_account_and_ends_their_sessions_and_tokens() {
    both_engines(|db| async move {
        // Setup: a member signed in with a token.
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let (person, mo) = member(&app, &org, "Mo", "mo@org-a.example").await;
        let s = accounts::sign_in(&app, "mo@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let token = accounts::create_token(&app, &mo, "phone", "")
            .await
            .expect("token");
        let draft = ExitDraft {
            left_on: DateParts {
                day: "29".into(),
                month: "3".into(),
                year: "2026".into(),
            },
            reasons: vec!["moved_on".into()],
            own_words: String::new(),
            stay_in_touch: "no".into(),
        };

        // Exec
        roles::leave(&app, &lead, person, &draft)
            .await
            .expect("leave");

        // Check
        assert!(
            accounts::session(&app, &s.secret)
                .await
                .expect("s")
                .is_none()
        );
        assert!(
            accounts::token_actor(&app, &token)
                .await
                .expect("t")
                .is_none()
        );
        assert_invalid(
            accounts::sign_in(&app, "mo@org-a.example", PASSWORD, "10.0.0.1").await,
            "email",
        );
        let log = audit_actions(&app, org.id, "user_access", mo.user_id).await;
        assert_eq!(log.len(), 1, "{log:?}");
        assert!(log[0].contains("\"reason\":\"left\""), "{log:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sees_and_ends_one_session_and_revokes_one_token_of_an_account() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let s1 = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        app.clock.set(T0 + MINUTE);
        let s2 = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.2")
            .await
            .expect("sign in");
        let keep = accounts::create_token(&app, &lead, "keep", "")
            .await
            .expect("t");
        let stop = accounts::create_token(&app, &lead, "stop", "")
            .await
            .expect("t");

        // Exec
        let view = control::account(&app, &org.admin, lead.user_id)
            .await
            .expect("view");
        let second = view
            .sessions
            .iter()
            .find(|x| x.created_at == T0 + MINUTE)
            .expect("second session")
            .id_hash
            .clone();
        control::end_session(&app, &org.admin, lead.user_id, &second)
            .await
            .expect("end");
        let stop_id = view.tokens.iter().find(|k| k.name == "stop").expect("t").id;
        control::revoke_token(&app, &org.admin, stop_id)
            .await
            .expect("revoke");
        let again = control::revoke_token(&app, &org.admin, stop_id).await;

        // Check
        assert_eq!(view.sessions.len(), 2);
        assert_eq!(view.tokens.len(), 2);
        assert!(
            accounts::session(&app, &s1.secret)
                .await
                .expect("s")
                .is_some()
        );
        assert!(
            accounts::session(&app, &s2.secret)
                .await
                .expect("s")
                .is_none()
        );
        assert!(
            accounts::token_actor(&app, &keep)
                .await
                .expect("t")
                .is_some()
        );
        assert!(
            accounts::token_actor(&app, &stop)
                .await
                .expect("t")
                .is_none()
        );
        assert!(matches!(again, Err(AppError::NotFound)));
        let viewed = audit_actions(&app, org.id, "user", lead.user_id).await;
        assert!(viewed.iter().any(|a| a.starts_with("view:")), "{viewed:?}");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Sessions and tokens that end
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_constant_use_still_ends_at_its_absolute_end() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        org_and_lead(&app).await;
        let s = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");

        // Exec: used every half hour, never idle for long.
        let mut last_live = T0;
        let mut t = T0;
        while t < T0 + SESSION_ABSOLUTE_MS + 60 * MINUTE {
            t += 30 * MINUTE;
            app.clock.set(t);
            if accounts::session(&app, &s.secret)
                .await
                .expect("s")
                .is_some()
            {
                last_live = t;
            }
        }

        // Check
        const {
            assert!(
                SESSION_IDLE_MS > 30 * MINUTE,
                "the idle end never came into play"
            )
        };
        assert_eq!(last_live, T0 + SESSION_ABSOLUTE_MS - 30 * MINUTE);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_works_until_the_end_chosen_at_creation_and_no_longer_than_a_year() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (_org, lead) = org_and_lead(&app).await;

        // Exec
        let default = accounts::create_token(&app, &lead, "default", "")
            .await
            .expect("t");
        let month = accounts::create_token(&app, &lead, "month", " 30 ")
            .await
            .expect("t");
        let too_long = accounts::create_token(&app, &lead, "x", "366").await;
        let zero = accounts::create_token(&app, &lead, "x", "0").await;
        let words = accounts::create_token(&app, &lead, "x", "thirty").await;
        let works = |secret: String| {
            let app = app.clone();
            async move {
                accounts::token_actor(&app, &secret)
                    .await
                    .expect("t")
                    .is_some()
            }
        };
        app.clock.set(T0 + 30 * DAY - 1);
        let month_last_moment = works(month.clone()).await;
        app.clock.set(T0 + 30 * DAY);
        let month_after = works(month.clone()).await;
        app.clock.set(T0 + 90 * DAY - 1);
        let default_last_moment = works(default.clone()).await;
        app.clock.set(T0 + 90 * DAY);
        let default_after = works(default.clone()).await;

        // Check
        assert_invalid(too_long, "days");
        assert_invalid(zero, "days");
        assert_invalid(words, "days");
        assert!(month_last_moment && !month_after);
        assert!(default_last_moment && !default_after);
        let listed = accounts::list_tokens(&app, &lead).await.expect("list");
        let used = listed.iter().find(|k| k.name == "default").expect("t");
        assert_eq!(used.expires_at, T0 + 90 * DAY);
        assert_eq!(used.last_used_at, Some(T0 + 90 * DAY - 1));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Sign-in limits
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_address_does_not_refuse_the_right_password_from_another_address() {
    both_engines(|db| async move {
        // Setup: the limit's worth of wrong passwords from one address.
        let app = app(db);
        org_and_lead(&app).await;
        for _ in 0..PAIR_MAX_FAILURES {
            assert_invalid(
                accounts::sign_in(&app, LEAD, "wrong password!", "203.0.113.9").await,
                "email",
            );
        }

        // Exec
        let same_address = accounts::sign_in(&app, LEAD, PASSWORD, "203.0.113.9").await;
        let other_address = accounts::sign_in(&app, LEAD, PASSWORD, "198.51.100.1").await;
        app.clock.set(T0 + LOCK_FIRST_MS);
        let after_lock = accounts::sign_in(&app, LEAD, PASSWORD, "203.0.113.9").await;

        // Check
        assert_throttled(same_address);
        assert!(other_address.is_ok(), "{other_address:?}");
        assert!(after_lock.is_ok(), "{after_lock:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_against_other_accounts_from_one_address_lock_no_one_else() {
    both_engines(|db| async move {
        // Setup: many guesses from one address, each at another (unknown) account.
        let app = app(db);
        org_and_lead(&app).await;
        for i in 0..(2 * PAIR_MAX_FAILURES) {
            let r = accounts::sign_in(
                &app,
                &format!("guess{i}@org-a.example"),
                PASSWORD,
                "10.9.9.9",
            )
            .await;
            assert_invalid(r, "email");
        }

        // Exec
        let lead = accounts::sign_in(&app, LEAD, PASSWORD, "10.9.9.9").await;

        // Check
        assert!(lead.is_ok(), "{lead:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_failure_after_the_lock_doubles_the_next_lock() {
    both_engines(|db| async move {
        // Setup: locked once.
        let app = app(db);
        org_and_lead(&app).await;
        let addr = "203.0.113.9";
        for _ in 0..PAIR_MAX_FAILURES {
            let _ = accounts::sign_in(&app, LEAD, "wrong password!", addr).await;
        }

        // Exec: one more wrong password as soon as the first lock ends.
        app.clock.set(T0 + LOCK_FIRST_MS);
        let wrong_again = accounts::sign_in(&app, LEAD, "wrong password!", addr).await;
        let t1 = T0 + LOCK_FIRST_MS;
        app.clock.set(t1 + 2 * LOCK_FIRST_MS - 1);
        let still_locked = accounts::sign_in(&app, LEAD, PASSWORD, addr).await;
        app.clock.set(t1 + 2 * LOCK_FIRST_MS);
        let free = accounts::sign_in(&app, LEAD, PASSWORD, addr).await;

        // Check
        assert_invalid(wrong_again, "email");
        assert_throttled(still_locked);
        assert!(free.is_ok(), "{free:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_under_attack_from_many_addresses_still_lets_its_owner_in_from_a_clean_address()
{
    both_engines(|db| async move {
        // Setup: one wrong password from each of many addresses.
        let app = app(db);
        org_and_lead(&app).await;
        for i in 0..ACCOUNT_MAX_FAILURES {
            let r = accounts::sign_in(&app, LEAD, "wrong password!", &format!("10.1.0.{i}")).await;
            assert_invalid(r, "email");
        }

        // Exec
        let failed_before = accounts::sign_in(&app, LEAD, "another guess!", "10.1.0.3").await;
        let owner = accounts::sign_in(&app, LEAD, PASSWORD, "192.0.2.50").await;

        // Check: an address that already failed gets no second guess while the account is
        // under attack; a clean address is checked, and the right password gets in.
        assert_throttled(failed_before);
        assert!(owner.is_ok(), "{owner:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_lifts_a_sign_in_lock() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        for _ in 0..PAIR_MAX_FAILURES {
            let _ = accounts::sign_in(&app, LEAD, "wrong password!", "10.0.0.1").await;
        }
        let locked = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1").await;
        let seen = control::account(&app, &org.admin, lead.user_id)
            .await
            .expect("view")
            .limit;

        // Exec
        let cleared = control::unlock(&app, &org.admin, lead.user_id)
            .await
            .expect("unlock");
        let after = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1").await;

        // Check
        assert_throttled(locked);
        assert_eq!(seen.map(|l| l.failures), Some(PAIR_MAX_FAILURES));
        assert_eq!(cleared, 2, "the account's counter and its one address's");
        assert!(after.is_ok(), "{after:?}");
    })
    .await;
}

/// Thirty wrong passwords sent at once, through two instances (two pools on one database):
/// exactly the limit's worth are checked, on either engine.
async fn thirty_at_once(url: String) {
    let db = cairn_db::Db::connect(&url, &Default::default())
        .await
        .expect("first pool");
    let db2 = cairn_db::Db::connect(&url, &Default::default())
        .await
        .expect("second pool");
    let a = app(db);
    let b = app(db2);
    org_and_lead(&a).await;
    let mut tasks = Vec::new();
    for i in 0..30 {
        let instance = if i % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move {
            accounts::sign_in(&instance, LEAD, "wrong password!", "203.0.113.7").await
        }));
    }
    let mut checked = 0;
    let mut throttled = 0;
    for t in tasks {
        match t.await.expect("join") {
            Err(AppError::Invalid(_)) => checked += 1,
            Err(AppError::Throttled) => throttled += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(checked, PAIR_MAX_FAILURES, "checked against the password");
    assert_eq!(throttled, 30 - PAIR_MAX_FAILURES);
    a.db.close().await;
    b.db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_wrong_passwords_at_once_through_two_instances_are_checked_only_up_to_the_limit() {
    let s = cairn_testkit::sqlite().await;
    thirty_at_once(s.url.clone()).await;
    match cairn_testkit::postgres().await {
        Some(p) => thirty_at_once(p.url.clone()).await,
        None => panic!("PostgreSQL is needed for this test (see scripts/test.sh)"),
    }
}

// ---------------------------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_a_password_needs_the_current_one_and_ends_every_other_session() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let here = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.1")
            .await
            .expect("s");
        let elsewhere = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.2")
            .await
            .expect("s");
        let new = "a brand new passphrase";

        // Exec
        let wrong = passwords::change(&app, &lead, "not my password", new, new).await;
        let mismatch = passwords::change(&app, &lead, PASSWORD, new, "something else").await;
        let changed = passwords::change(&app, &lead, PASSWORD, new, new)
            .await
            .expect("change");

        // Check
        assert_invalid(wrong, "current");
        assert_invalid(mismatch, "confirm");
        assert!(
            accounts::session(&app, &here.secret)
                .await
                .expect("s")
                .is_none()
        );
        assert!(
            accounts::session(&app, &elsewhere.secret)
                .await
                .expect("s")
                .is_none()
        );
        assert!(
            accounts::session(&app, &changed.secret)
                .await
                .expect("s")
                .is_some()
        );
        assert_invalid(
            accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.3").await,
            "email",
        );
        assert!(accounts::sign_in(&app, LEAD, new, "10.0.0.3").await.is_ok());
        let log = audit_actions(&app, org.id, "user_password", lead.user_id).await;
        assert!(log[0].contains("\"sessions_ended\":2"), "{log:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handed_over_link_sets_a_new_password_once_within_the_hour_and_ends_every_session() {
    both_engines(|db| async move {
        // Setup: the lead is locked out and signed in somewhere forgotten.
        let app = app(db);
        let (org, lead) = org_and_lead(&app).await;
        let forgotten = accounts::sign_in(&app, LEAD, PASSWORD, "10.0.0.9")
            .await
            .expect("s");
        for _ in 0..PAIR_MAX_FAILURES {
            let _ = accounts::sign_in(&app, LEAD, "wrong password!", "10.0.0.1").await;
        }
        let new = "remembered at last";

        // Exec
        let link = control::make_reset_link(&app, &org.admin, lead.user_id)
            .await
            .expect("link");
        let live = passwords::link_is_live(&app, &link).await.expect("live");
        let short = passwords::reset(&app, &link, "short", "short").await;
        passwords::reset(&app, &link, new, new)
            .await
            .expect("reset");
        let twice = passwords::reset(&app, &link, new, new).await;
        let expired_link = control::make_reset_link(&app, &org.admin, lead.user_id)
            .await
            .expect("link");
        app.clock.set(T0 + PASSWORD_RESET_MS);
        let expired = passwords::reset(&app, &expired_link, new, new).await;

        // Check
        assert!(live);
        assert_invalid(short, "password");
        assert!(matches!(twice, Err(AppError::NotFound)), "{twice:?}");
        assert!(matches!(expired, Err(AppError::NotFound)), "{expired:?}");
        assert!(
            accounts::session(&app, &forgotten.secret)
                .await
                .expect("s")
                .is_none()
        );
        let after = accounts::sign_in(&app, LEAD, new, "10.0.0.1").await;
        assert!(after.is_ok(), "the reset lifted the lock too: {after:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_a_link_sends_one_in_the_accounts_language_only_when_the_organisation_sends_email()
 {
    both_engines(|db| async move {
        // Setup: a Welsh-speaking member; e-mail off at first.
        let app = app(db);
        let (org, _lead) = org_and_lead(&app).await;
        member(&app, &org, "Mo", "mo@org-a.example").await;
        let emails = |app: App| async move {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::notices::list_emails(&mut h.conn(), org.id, 100)
                .await
                .expect("emails")
                .into_iter()
                .filter(|e| e.subject.contains("password-reset"))
                .collect::<Vec<_>>()
        };

        // Exec
        passwords::request_link(&app, "mo@org-a.example", "https://cairn.example")
            .await
            .expect("ask");
        let while_off = emails(app.clone()).await;
        units::update_settings(
            &app,
            &org.admin,
            &SettingsForm {
                name: "Org A".into(),
                time_zone: "Europe/London".into(),
                smtp_enabled: true,
                smtp_host: "127.0.0.1".into(),
                smtp_port: "2525".into(),
                smtp_tls: "none".into(),
                smtp_from: "cairn@org-a.example".into(),
                ..Default::default()
            },
        )
        .await
        .expect("e-mail on");
        passwords::request_link(&app, " MO@org-a.example ", "https://cairn.example")
            .await
            .expect("ask");
        passwords::request_link(&app, "nobody@org-a.example", "https://cairn.example")
            .await
            .expect("an unknown address is answered the same");
        let sent = emails(app.clone()).await;

        // Check
        assert!(while_off.is_empty());
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].to_address, "mo@org-a.example");
        assert_eq!(sent[0].language, "cy");
        assert!(
            sent[0].body.starts_with("Cy:email-password-reset-body:"),
            "{}",
            sent[0].body
        );
        let link = sent[0]
            .body
            .split("link=")
            .nth(1)
            .expect("a link")
            .split(',')
            .next()
            .expect("link");
        let secret = link.rsplit('/').next().expect("secret");
        assert!(
            link.starts_with("https://cairn.example/password/"),
            "{link}"
        );
        assert!(passwords::link_is_live(&app, secret).await.expect("live"));
    })
    .await;
}
