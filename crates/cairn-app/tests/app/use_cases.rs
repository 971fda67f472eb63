//! Use-case tests. Every body runs twice through [`both_engines`]: on a fresh SQLite file and on
//! a fresh PostgreSQL database. The clock is fixed (and moved by hand), and a test translator
//! writes `Language:message-id:arg=value,…` so a test can see which language and message a use
//! case chose. Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::accounts::{self, AccountForm, SESSION_IDLE_MS, SetupForm};
use cairn_app::units::SettingsForm;
use cairn_app::{Actor, App, AppError, AppResult, audit, notices, people, units};
use cairn_db::Db;
use cairn_db::accounts::NewUser;
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::people::PeopleQuery;
use cairn_domain::people::{Language, PersonDraft};
use cairn_domain::time::DateParts;
use cairn_domain::units::UnitDraft;
use cairn_domain::{Permission, Role};
use cairn_testkit::{SmtpSink, both_engines};
use std::collections::BTreeSet;
use std::fmt::Debug;

/// 29 March 2026, 12:00 UTC.
const MINUTE: i64 = 60_000;
const BASE_URL: &str = "https://cairn.example/";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// An account without a password, written straight to the database.
async fn account(
    app: &App,
    org: Option<i64>,
    email: &str,
    role: Role,
    unit_ids: &[i64],
    person_id: Option<i64>,
) -> Actor {
    let mut tx = app.db.begin().await.expect("begin");
    let uid = cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &NewUser {
            organisation_id: org,
            email,
            password_hash: None,
            role,
            person_id,
            locale: None,
        },
        app.now(),
    )
    .await
    .expect("insert user");
    cairn_db::accounts::set_user_units(&mut tx.conn(), uid, unit_ids)
        .await
        .expect("user units");
    tx.commit().await.expect("commit");
    actor_of(app, uid).await
}

fn unit_draft(service: i64, name: &str) -> UnitDraft {
    UnitDraft {
        name: name.into(),
        service_id: Some(service),
        unit_type: "open_rehab".into(),
        beds: Some("12".into()),
        gender_mix: "mixed".into(),
        ..Default::default()
    }
}

async fn unit(app: &App, org: &Org, name: &str) -> i64 {
    units::create_unit(app, &org.admin, &unit_draft(org.service, name))
        .await
        .expect("create unit")
}

fn person_draft(name: &str, unit_ids: &[i64]) -> PersonDraft {
    PersonDraft {
        chosen_name: name.into(),
        constituency: "service_user".into(),
        unit_ids: unit_ids.to_vec(),
        preferred_language: "en".into(),
        ..Default::default()
    }
}

async fn person(app: &App, org: &Org, name: &str, unit_ids: &[i64]) -> i64 {
    people::create(app, &org.admin, &person_draft(name, unit_ids))
        .await
        .expect("create person")
}

fn settings(name: &str) -> SettingsForm {
    SettingsForm {
        name: name.into(),
        time_zone: "Europe/London".into(),
        ..Default::default()
    }
}

fn date(y: i16, m: i8, d: i8) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// The organisation's audit rows about one thing, newest first (read past the permission check).
async fn audit_of(app: &App, org: i64, entity: &str, entity_id: Option<i64>) -> Vec<Entry> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &AuditQuery {
            entity: Some(entity.into()),
            entity_id,
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit rows")
}

async fn notices_of(app: &App, user_id: i64) -> Vec<cairn_db::notices::Notice> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), user_id, 50)
        .await
        .expect("notices")
}

async fn emails_of(app: &App, org: i64) -> Vec<cairn_db::notices::Email> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list_emails(&mut h.conn(), org, 50)
        .await
        .expect("emails")
}

fn json(s: Option<&str>) -> serde_json::Value {
    serde_json::from_str(s.expect("JSON present")).expect("valid JSON")
}

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
fn assert_not_found<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::NotFound)),
        "expected NotFound, got {r:?}"
    );
}

fn ids(rows: &[people::PersonWithUnits]) -> BTreeSet<i64> {
    rows.iter().map(|p| p.person.id).collect()
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

fn all_people() -> PeopleQuery {
    PeopleQuery {
        limit: 100,
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// First-time set-up
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_database_needs_setup_and_is_given_a_one_time_code() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);

        // Exec
        let needed = accounts::needs_setup(&app).await.expect("needs setup");
        let code = accounts::issue_setup_code(&app).await.expect("issue code");

        // Check
        assert!(needed);
        let accounts::SetupCode::Issued(code) = code else {
            panic!("a code while set-up is needed: {code:?}")
        };
        assert_eq!(code.len(), 12);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{code}"
        );
    })
    .await;
}

/// The code a start printed, which must be a new one.
async fn issued(app: &App) -> String {
    match accounts::issue_setup_code(app).await.expect("issue") {
        accounts::SetupCode::Issued(code) => code,
        other => panic!("expected a new code, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_together_print_one_set_up_code_that_works_on_either() {
    both_engines(|db| async move {
        // Setup: four instances start at once on one empty database.
        let apps: Vec<App> = (0..4).map(|_| app(db.clone())).collect();

        // Exec
        let (a, b, c, d) = tokio::join!(
            accounts::issue_setup_code(&apps[0]),
            accounts::issue_setup_code(&apps[1]),
            accounts::issue_setup_code(&apps[2]),
            accounts::issue_setup_code(&apps[3]),
        );

        // Check: one printed a code; the others say it was printed elsewhere.
        let mut codes = Vec::new();
        let mut printer = 0;
        let mut elsewhere = 0;
        for (i, s) in [a, b, c, d].into_iter().enumerate() {
            match s.expect("start") {
                accounts::SetupCode::Issued(c) => {
                    codes.push(c);
                    printer = i;
                }
                accounts::SetupCode::PrintedElsewhere(_) => elsewhere += 1,
                accounts::SetupCode::NotNeeded => panic!("set-up is needed"),
            }
        }
        assert_eq!(codes.len(), 1, "exactly one code printed: {codes:?}");
        assert_eq!(elsewhere, 3);
        // A later start within the sharing time prints none either.
        assert!(matches!(
            accounts::issue_setup_code(&apps[3]).await.expect("start"),
            accounts::SetupCode::PrintedElsewhere(_)
        ));
        // The one code works on an instance that did not print it.
        let form = SetupForm {
            code: codes[0].clone(),
            organisation_name: "Org A".into(),
            email: "admin@org-a.example".into(),
            password: PASSWORD.into(),
            language: None,
        };
        accounts::complete_setup(&apps[(printer + 1) % apps.len()], &form)
            .await
            .expect("the printed code sets up on another instance");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_after_the_sharing_time_replaces_an_unused_set_up_code() {
    both_engines(|db| async move {
        // Setup: a code printed long enough ago that nobody is still starting with it.
        let app = app(db);
        let old = issued(&app).await;
        app.clock
            .set(app.now() + accounts::SETUP_CODE_SHARED_MS + 1);

        // Exec
        let new = issued(&app).await;
        let again = accounts::reissue_setup_code(&app).await.expect("reissue");

        // Check: each new code replaced the one before.
        assert_ne!(old, new);
        let latest = again.expect("a code while set-up is needed");
        let form = |code: &str| SetupForm {
            code: code.to_owned(),
            organisation_name: "Org A".into(),
            email: "admin@org-a.example".into(),
            password: PASSWORD.into(),
            language: None,
        };
        assert_invalid(accounts::complete_setup(&app, &form(&new)).await, "code");
        accounts::complete_setup(&app, &form(&latest))
            .await
            .expect("the latest code works");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_with_a_wrong_code_is_refused_on_the_code_field() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let code = issued(&app).await;

        // Exec
        let r = accounts::complete_setup(
            &app,
            &SetupForm {
                code: format!("{code}X"),
                organisation_name: "Org A".into(),
                email: "admin@org-a.example".into(),
                password: PASSWORD.into(),
                language: None,
            },
        )
        .await;

        // Check
        assert_invalid(r, "code");
        assert!(
            accounts::needs_setup(&app).await.expect("needs setup"),
            "nothing was created"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_with_the_right_code_creates_the_organisation_and_its_administrator_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let code = issued(&app).await;
        let form = SetupForm {
            // Typed in lower case with spaces round it: still the code.
            code: format!("  {}  ", code.to_lowercase()),
            organisation_name: "Org A".into(),
            email: "Admin@Org-A.example".into(),
            password: PASSWORD.into(),
            language: Some(Language::Cy),
        };

        // Exec
        let uid = accounts::complete_setup(&app, &form)
            .await
            .expect("complete setup");
        let again = accounts::complete_setup(
            &app,
            &SetupForm {
                code: code.clone(),
                ..form.clone()
            },
        )
        .await;

        // Check
        let admin = actor_of(&app, uid).await;
        assert_eq!(admin.role, Role::OrgAdmin);
        assert_eq!(
            admin.label, "admin@org-a.example",
            "the address is stored in lower case"
        );
        let org = admin.organisation_id.expect("an organisation");
        let organisation = units::my_organisation(&app, &admin)
            .await
            .expect("organisation");
        assert_eq!(organisation.name, "Org A");
        assert!(!accounts::needs_setup(&app).await.expect("needs setup"));
        assert_eq!(
            accounts::issue_setup_code(&app).await.expect("issue"),
            accounts::SetupCode::NotNeeded
        );
        let org_rows = audit_of(&app, org, "organisation", Some(org)).await;
        let user_rows = audit_of(&app, org, "user", Some(uid)).await;
        assert_eq!(org_rows.len(), 1);
        assert_eq!(org_rows[0].action, "create");
        assert_eq!(org_rows[0].actor_user_id, Some(uid));
        assert_eq!(json(org_rows[0].after_json.as_deref())["name"], "Org A");
        assert_eq!(user_rows.len(), 1);
        assert_eq!(
            json(user_rows[0].after_json.as_deref())["role"],
            "org_admin"
        );
        assert!(
            matches!(again, Err(AppError::Conflict(_))),
            "a second set-up is a conflict: {again:?}"
        );
        accounts::sign_in(&app, "admin@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("the new administrator can sign in");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Administrators from the command line
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_with_an_organisation_makes_its_administrator_and_without_one_a_platform_admin()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);

        // Exec
        let org_admin = accounts::create_admin(
            &app,
            Some("Org A"),
            "a@org-a.example",
            PASSWORD,
            Role::OrgAdmin,
        )
        .await
        .expect("org admin");
        let second =
            accounts::create_admin(&app, Some("Org A"), "b@org-a.example", PASSWORD, Role::Lead)
                .await
                .expect("second account in the same organisation");
        let platform =
            accounts::create_admin(&app, None, "root@cairn.example", PASSWORD, Role::OrgAdmin)
                .await
                .expect("platform admin");

        // Check
        let org_admin = actor_of(&app, org_admin).await;
        let second = actor_of(&app, second).await;
        let platform = actor_of(&app, platform).await;
        assert_eq!(org_admin.role, Role::OrgAdmin);
        assert!(org_admin.organisation_id.is_some());
        assert_eq!(second.role, Role::Lead);
        assert_eq!(
            second.organisation_id, org_admin.organisation_id,
            "the organisation is reused by name"
        );
        assert_eq!(
            platform.role,
            Role::PlatformAdmin,
            "no organisation means platform administrator"
        );
        assert_eq!(platform.organisation_id, None);
        let orgs = units::list_organisations(&app, &platform)
            .await
            .expect("list organisations");
        assert_eq!(orgs.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_refuses_a_taken_email_on_the_email_field() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        accounts::create_admin(
            &app,
            Some("Org A"),
            "a@org-a.example",
            PASSWORD,
            Role::OrgAdmin,
        )
        .await
        .expect("first");

        // Exec
        let r =
            accounts::create_admin(&app, None, " A@ORG-A.example ", PASSWORD, Role::OrgAdmin).await;

        // Check
        assert_invalid(r, "email");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Signing in and out, sessions
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_with_the_right_password_gives_a_session_for_that_account() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let s = accounts::sign_in(&app, " ADMIN@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let found = accounts::session(&app, &s.secret).await.expect("session");
        let unknown = accounts::session(&app, "not-a-session")
            .await
            .expect("session");

        // Check
        let found = found.expect("the session is live");
        assert_eq!(found.actor, org.admin);
        assert_eq!(found.csrf, s.csrf);
        assert_eq!(s.user_id, org.admin.user_id);
        assert!(unknown.is_none());
        let rows = audit_of(&app, org.id, "user", Some(org.admin.user_id)).await;
        assert_eq!(rows[0].action, "sign_in");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_or_unknown_address_is_refused() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let wrong =
            accounts::sign_in(&app, "admin@org-a.example", "wrong password!", "10.0.0.1").await;
        let unknown = accounts::sign_in(&app, "nobody@org-a.example", PASSWORD, "10.0.0.1").await;

        // Check
        assert_invalid(wrong, "email");
        assert_invalid(unknown, "email");
    })
    .await;
}

fn pool_size(db: &Db) -> u32 {
    match db {
        Db::Sqlite(p) => p.options().get_max_connections(),
        Db::Postgres(p) => p.options().get_max_connections(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_sign_in_needs_only_one_free_connection_and_carries_their_units() {
    both_engines(|db| async move {
        // Setup: a unit staff account with a password, and every pooled connection but one
        // taken, so signing in must not hold one connection while waiting for another.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let id = person(&app, &org, "Ama", &[u1]).await;
        let inv = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &AccountForm {
                email: "staff@org-a.example".into(),
                role: "unit_staff".into(),
                unit_ids: vec![u2, u1],
            },
            BASE_URL,
        )
        .await
        .expect("create account");
        accounts::accept_invitation(&app, &inv.secret, PASSWORD, PASSWORD)
            .await
            .expect("accept");
        let mut held = Vec::new();
        for _ in 1..pool_size(&app.db) {
            held.push(app.db.acquire().await.expect("hold a connection"));
        }

        // Exec
        let signed_in = tokio::time::timeout(
            std::time::Duration::from_secs(5),
            accounts::sign_in(&app, "staff@org-a.example", PASSWORD, "10.0.0.1"),
        )
        .await
        .expect("sign-in finished without waiting for a second connection");
        drop(held);

        // Check
        let s = signed_in.expect("sign in");
        let session = accounts::session(&app, &s.secret)
            .await
            .expect("session")
            .expect("live");
        assert_eq!(session.actor.role, Role::UnitStaff);
        assert_eq!(session.actor.unit_ids, vec![u1, u2]);
        assert_eq!(session.actor.person_id, Some(id));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_the_session() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let s = accounts::sign_in(&app, "admin@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let other = accounts::sign_in(&app, "admin@org-a.example", PASSWORD, "10.0.0.2")
            .await
            .expect("second sign in");

        // Exec
        accounts::sign_out(&app, &org.admin, &s.secret)
            .await
            .expect("sign out");

        // Check
        assert!(
            accounts::session(&app, &s.secret)
                .await
                .expect("session")
                .is_none()
        );
        assert!(
            accounts::session(&app, &other.secret)
                .await
                .expect("session")
                .is_some(),
            "only that session ended"
        );
        let rows = audit_of(&app, org.id, "user", Some(org.admin.user_id)).await;
        assert_eq!(rows[0].action, "sign_out");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_expires_after_the_idle_time_and_each_use_keeps_it_alive() {
    both_engines(|db| async move {
        // Setup: two sessions at T0; only the first is used just before it would expire.
        let app = app(db);
        org(&app, "Org A", "admin@org-a.example").await;
        let used = accounts::sign_in(&app, "admin@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let idle = accounts::sign_in(&app, "admin@org-a.example", PASSWORD, "10.0.0.1")
            .await
            .expect("sign in");
        let t1 = T0 + SESSION_IDLE_MS - MINUTE;
        app.clock.set(t1);
        assert!(
            accounts::session(&app, &used.secret)
                .await
                .expect("session")
                .is_some()
        );

        // Exec
        app.clock.set(T0 + SESSION_IDLE_MS);
        let idle_at_limit = accounts::session(&app, &idle.secret)
            .await
            .expect("session");
        let used_at_limit = accounts::session(&app, &used.secret)
            .await
            .expect("session");
        app.clock.set(t1 + SESSION_IDLE_MS);
        let used_later = accounts::session(&app, &used.secret)
            .await
            .expect("session");

        // Check
        assert!(
            idle_at_limit.is_none(),
            "an unused session expires after the idle time"
        );
        assert!(
            used_at_limit.is_some(),
            "using a session moved its expiry on"
        );
        assert!(
            used_later.is_none(),
            "it expires after the idle time from its last use"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Personal access tokens
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_acts_as_its_owner_until_revoked_and_nobody_else_can_revoke_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let other = account(
            &app,
            Some(org.id),
            "lead@org-a.example",
            Role::Lead,
            &[],
            None,
        )
        .await;

        // Exec
        let secret = accounts::create_token(&app, &org.admin, "reports", "")
            .await
            .expect("create token");
        let acting = accounts::token_actor(&app, &secret)
            .await
            .expect("token actor");
        let token_id = accounts::list_tokens(&app, &org.admin).await.expect("list")[0].id;
        let by_other = accounts::revoke_token(&app, &other, token_id).await;
        let after_other = accounts::token_actor(&app, &secret)
            .await
            .expect("token actor");
        accounts::revoke_token(&app, &org.admin, token_id)
            .await
            .expect("revoke");
        let after_revoke = accounts::token_actor(&app, &secret)
            .await
            .expect("token actor");
        let unnamed = accounts::create_token(&app, &org.admin, "  ", "").await;

        // Check
        assert!(secret.starts_with("cairn_"), "{secret}");
        assert_eq!(acting, Some(org.admin.clone()));
        assert_not_found(by_other);
        assert_eq!(
            after_other,
            Some(org.admin.clone()),
            "still works after another's attempt"
        );
        assert_eq!(after_revoke, None);
        assert_invalid(unnamed, "name");
        let rows = audit_of(&app, org.id, "api_token", Some(token_id)).await;
        let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, vec!["revoke", "create"]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Permissions and reach
// ---------------------------------------------------------------------------------------------

#[track_caller]
fn check_allowed<T: Debug>(role: Role, p: Permission, what: &str, r: AppResult<T>) {
    if role.allows(p) {
        assert!(r.is_ok(), "{role:?} should be allowed to {what}: {r:?}");
    } else {
        assert!(
            matches!(r, Err(AppError::Forbidden)),
            "{role:?} should be forbidden to {what}: {r:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_may_do_exactly_what_the_role_matrix_allows() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let me = person(&app, &org, "Member Me", &[u]).await;

        for (i, role) in Role::ALL.iter().copied().enumerate() {
            let actor = match role {
                Role::PlatformAdmin => {
                    account(&app, None, "root@cairn.example", role, &[], None).await
                }
                Role::OrgAdmin => org.admin.clone(),
                Role::UnitStaff => {
                    account(&app, Some(org.id), "staff@org-a.example", role, &[u], None).await
                }
                Role::Member => {
                    account(
                        &app,
                        Some(org.id),
                        "member@org-a.example",
                        role,
                        &[],
                        Some(me),
                    )
                    .await
                }
                _ => {
                    account(
                        &app,
                        Some(org.id),
                        &format!("{}@org-a.example", role.key()),
                        role,
                        &[],
                        None,
                    )
                    .await
                }
            };

            // Exec and Check, one use case at a time.
            check_allowed(
                role,
                Permission::ManageUnits,
                "create a unit",
                units::create_unit(&app, &actor, &unit_draft(org.service, &format!("Unit {i}")))
                    .await,
            );
            check_allowed(
                role,
                Permission::ManagePeople,
                "create a person",
                people::create(&app, &actor, &person_draft(&format!("Person {i}"), &[u])).await,
            );
            check_allowed(
                role,
                Permission::ViewPeople,
                "list people",
                people::list(&app, &actor, all_people()).await,
            );
            check_allowed(
                role,
                Permission::ReadAudit,
                "read the audit log",
                audit::list(
                    &app,
                    &actor,
                    &AuditQuery {
                        limit: 10,
                        ..Default::default()
                    },
                )
                .await,
            );
            check_allowed(
                role,
                Permission::ManageOrganisationSettings,
                "change the organisation's settings",
                units::update_settings(&app, &actor, &settings("Org A")).await,
            );
            check_allowed(
                role,
                Permission::ManageOrganisations,
                "create an organisation",
                units::create_organisation(&app, &actor, &format!("Org {i}"), None).await,
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_list_only_people_in_their_units() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let in_u1 = person(&app, &org, "Ama", &[u1]).await;
        let in_u2 = person(&app, &org, "Bea", &[u2]).await;
        let in_both = person(&app, &org, "Cai", &[u1, u2]).await;
        let in_none = person(&app, &org, "Dai", &[]).await;
        let staff = account(
            &app,
            Some(org.id),
            "staff@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;

        // Exec
        let seen_by_staff = people::list(&app, &staff, all_people())
            .await
            .expect("staff list");
        let widened = people::list(
            &app,
            &staff,
            PeopleQuery {
                within_units: Some(vec![u1, u2]),
                ..all_people()
            },
        )
        .await
        .expect("staff list asking for more");
        let seen_by_admin = people::list(&app, &org.admin, all_people())
            .await
            .expect("admin list");

        // Check
        assert_eq!(ids(&seen_by_staff), set(&[in_u1, in_both]));
        assert_eq!(
            ids(&widened),
            set(&[in_u1, in_both]),
            "asking for other units widens nothing"
        );
        assert_eq!(ids(&seen_by_admin), set(&[in_u1, in_u2, in_both, in_none]));
        let both = seen_by_staff
            .iter()
            .find(|p| p.person.id == in_both)
            .expect("in list");
        assert_eq!(
            both.unit_ids,
            vec![u1, u2],
            "the list shows every unit of a person"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_get_not_found_for_a_person_outside_their_units() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let inside = person(&app, &org, "Ama", &[u1]).await;
        let outside = person(&app, &org, "Bea", &[u2]).await;
        let no_unit = person(&app, &org, "Cai", &[]).await;
        let staff = account(
            &app,
            Some(org.id),
            "staff@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;

        // Exec
        let seen = people::view(&app, &staff, inside).await;
        let hidden = people::view(&app, &staff, outside).await;
        let hidden_no_unit = people::view(&app, &staff, no_unit).await;
        let update_hidden =
            people::update(&app, &staff, outside, &person_draft("Bea", &[u1])).await;
        let unit_hidden = units::get_unit(&app, &staff, u2).await;

        // Check
        assert_eq!(seen.expect("in reach").person.chosen_name, "Ama");
        assert_not_found(hidden);
        assert_not_found(hidden_no_unit);
        assert_not_found(update_hidden);
        assert_not_found(unit_hidden);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_cannot_put_a_person_in_a_unit_outside_their_scope() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let other = org_b(&app).await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let elsewhere = unit(&app, &other, "Other").await;
        let staff = account(
            &app,
            Some(org.id),
            "staff@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;

        // Exec
        let outside = people::create(&app, &staff, &person_draft("Ama", &[u2])).await;
        let partly_outside = people::create(&app, &staff, &person_draft("Ama", &[u1, u2])).await;
        let no_unit = people::create(&app, &staff, &person_draft("Ama", &[])).await;
        let other_org = people::create(&app, &org.admin, &person_draft("Ama", &[elsewhere])).await;
        let inside = people::create(&app, &staff, &person_draft("Ama", &[u1])).await;

        // Check
        assert_invalid(outside, "unit_ids");
        assert_invalid(partly_outside, "unit_ids");
        assert_invalid(no_unit, "unit_ids");
        assert_invalid(other_org, "unit_ids");
        let id = inside.expect("a person in the staff member's unit");
        let everyone = people::list(&app, &org.admin, all_people())
            .await
            .expect("list");
        assert_eq!(
            ids(&everyone),
            set(&[id]),
            "the refused attempts created nobody"
        );
    })
    .await;
}

async fn org_b(app: &App) -> Org {
    org(app, "Org B", "admin@org-b.example").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sees_their_own_record_and_nobody_elses() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let me = person(&app, &org, "Ama", &[u]).await;
        let someone = person(&app, &org, "Bea", &[u]).await;
        let member = account(
            &app,
            Some(org.id),
            "ama@org-a.example",
            Role::Member,
            &[],
            Some(me),
        )
        .await;

        // Exec
        let own = people::view(&app, &member, me).await;
        let other = people::view(&app, &member, someone).await;
        let list = people::list(&app, &member, all_people()).await;

        // Check
        assert_eq!(own.expect("own record").person.id, me);
        assert_not_found(other);
        assert!(matches!(list, Err(AppError::Forbidden)), "{list:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisations_administrator_gets_not_found_for_its_units_and_people() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let a = org(&app, "Org A", "admin@org-a.example").await;
        let b = org_b(&app).await;
        let unit_a = unit(&app, &a, "Alder").await;
        let person_a = person(&app, &a, "Ama", &[unit_a]).await;

        // Exec
        let unit = units::get_unit(&app, &b.admin, unit_a).await;
        let unit_update =
            units::update_unit(&app, &b.admin, unit_a, &unit_draft(b.service, "Mine")).await;
        let view = people::view(&app, &b.admin, person_a).await;
        let update = people::update(&app, &b.admin, person_a, &person_draft("Mine", &[])).await;
        let account = accounts::create_account_for_person(
            &app,
            &b.admin,
            person_a,
            &AccountForm {
                email: "ama@org-a.example".into(),
                role: "member".into(),
                unit_ids: vec![],
            },
            BASE_URL,
        )
        .await;
        let listed = people::list(&app, &b.admin, all_people())
            .await
            .expect("list");

        // Check
        assert_not_found(unit);
        assert_not_found(unit_update);
        assert_not_found(view);
        assert_not_found(update);
        assert_not_found(account);
        assert!(listed.is_empty());
        let still = people::view(&app, &a.admin, person_a)
            .await
            .expect("A's person");
        assert_eq!(still.person.chosen_name, "Ama", "nothing changed in A");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_updating_a_unit_each_write_one_audit_row_with_before_and_after() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let id = unit(&app, &org, "Alder").await;
        let after_create = audit_of(&app, org.id, "unit", Some(id)).await;
        app.clock.set(T0 + MINUTE);
        units::update_unit(&app, &org.admin, id, &unit_draft(org.service, "Birch"))
            .await
            .expect("update unit");
        let after_update = audit_of(&app, org.id, "unit", Some(id)).await;

        // Check
        assert_eq!(after_create.len(), 1);
        let created = &after_create[0];
        assert_eq!(created.action, "create");
        assert_eq!(created.actor_user_id, Some(org.admin.user_id));
        assert_eq!(created.actor_label, "admin@org-a.example");
        assert_eq!(created.before_json, None);
        assert_eq!(json(created.after_json.as_deref())["name"], "Alder");
        assert_eq!(after_update.len(), 2, "the update added exactly one row");
        let updated = &after_update[0];
        assert_eq!(updated.action, "update");
        assert_eq!(updated.at, T0 + MINUTE);
        assert_eq!(json(updated.before_json.as_deref())["name"], "Alder");
        assert_eq!(json(updated.after_json.as_deref())["name"], "Birch");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_to_a_person_by_staff_are_audited_on_behalf_of_that_person() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let staff = account(
            &app,
            Some(org.id),
            "staff@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;

        // Exec
        let id = people::create(&app, &staff, &person_draft("Ama", &[u]))
            .await
            .expect("create");
        let after_create = audit_of(&app, org.id, "person", Some(id)).await;
        people::update(&app, &staff, id, &person_draft("Ama B", &[u]))
            .await
            .expect("update");
        let after_update = audit_of(&app, org.id, "person", Some(id)).await;

        // Check
        assert_eq!(after_create.len(), 1);
        let created = &after_create[0];
        assert_eq!(created.action, "create");
        assert_eq!(created.on_behalf_of_person_id, Some(id));
        assert_eq!(created.before_json, None);
        let after = json(created.after_json.as_deref());
        assert_eq!(after[0]["chosen_name"], "Ama");
        assert_eq!(after[1], serde_json::json!([u]));
        assert_eq!(after_update.len(), 2, "the update added exactly one row");
        let updated = &after_update[0];
        assert_eq!(updated.action, "update");
        assert_eq!(updated.actor_user_id, Some(staff.user_id));
        assert_eq!(updated.on_behalf_of_person_id, Some(id));
        assert_eq!(
            json(updated.before_json.as_deref())[0]["chosen_name"],
            "Ama"
        );
        assert_eq!(
            json(updated.after_json.as_deref())[0]["chosen_name"],
            "Ama B"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewing_a_person_writes_a_view_row() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = person(&app, &org, "Ama", &[]).await;
        let lead = account(
            &app,
            Some(org.id),
            "lead@org-a.example",
            Role::Lead,
            &[],
            None,
        )
        .await;

        // Exec
        people::view(&app, &lead, id).await.expect("view");

        // Check
        let rows = audit_of(&app, org.id, "person", Some(id)).await;
        assert_eq!(rows.len(), 2, "the create and the view");
        assert_eq!(rows[0].action, "view");
        assert_eq!(rows[0].actor_user_id, Some(lead.user_id));
        assert_eq!(rows[0].before_json, None);
        assert_eq!(rows[0].after_json, None);
        let history = people::history(&app, &lead, id).await.expect("history");
        assert!(
            history.iter().all(|e| e.action != "view"),
            "views stay out of the history"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_the_audit_log_is_itself_audited() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        person(&app, &org, "Ama", &[]).await;
        let q = AuditQuery {
            limit: 100,
            ..Default::default()
        };

        // Exec
        let exported = audit::export(&app, &org.admin, &q).await.expect("export");

        // Check
        assert!(!exported.is_empty());
        let rows = audit_of(&app, org.id, "audit_log", None).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].action, "export");
        assert_eq!(rows[0].actor_user_id, Some(org.admin.user_id));
        assert_eq!(json(rows[0].after_json.as_deref())["rows"], exported.len());
        let listed = audit::list(&app, &org.admin, &q).await.expect("list");
        assert_eq!(listed.len(), exported.len() + 1, "the export row is newest");
        assert_eq!(listed[0].action, "export");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Accounts for people, notices and e-mail
// ---------------------------------------------------------------------------------------------

fn member_form(email: &str) -> AccountForm {
    AccountForm {
        email: email.into(),
        role: "member".into(),
        unit_ids: vec![],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_email_off_an_account_for_a_person_queues_nothing_and_returns_the_invitation() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = person(&app, &org, "Ama", &[]).await;

        // Exec
        let inv = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &member_form("ama@example.org"),
            BASE_URL,
        )
        .await
        .expect("create account");
        let second = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &member_form("ama2@example.org"),
            BASE_URL,
        )
        .await;

        // Check
        assert!(!inv.emailed);
        assert!(!inv.secret.is_empty());
        assert!(
            emails_of(&app, org.id).await.is_empty(),
            "nothing queued with e-mail off"
        );
        assert!(
            accounts::invitation_is_live(&app, &inv.secret)
                .await
                .expect("live")
        );
        let member = actor_of(&app, inv.user_id).await;
        assert_eq!(member.person_id, Some(id));
        assert_eq!(member.role, Role::Member);
        let shown = notices::for_actor(&app, &member, Language::En)
            .await
            .expect("notices");
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].text, "En:notice-welcome:organisation=Org A");
        assert!(shown[0].unread);
        assert!(
            matches!(second, Err(AppError::Conflict(_))),
            "one account per person: {second:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_an_invitation_sets_the_password_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = person(&app, &org, "Ama", &[]).await;
        let inv = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &member_form("ama@example.org"),
            BASE_URL,
        )
        .await
        .expect("create account");
        let before = accounts::sign_in(&app, "ama@example.org", PASSWORD, "10.0.0.1").await;

        // Exec
        let mismatch =
            accounts::accept_invitation(&app, &inv.secret, PASSWORD, "something else").await;
        let accepted = accounts::accept_invitation(&app, &inv.secret, PASSWORD, PASSWORD).await;
        let again =
            accounts::accept_invitation(&app, &inv.secret, "another password", "another password")
                .await;

        // Check
        assert_invalid(before, "email");
        assert_invalid(mismatch, "confirm");
        assert_eq!(accepted.expect("accepted"), inv.user_id);
        assert_not_found(again);
        assert!(
            !accounts::invitation_is_live(&app, &inv.secret)
                .await
                .expect("live")
        );
        let s = accounts::sign_in(&app, "ama@example.org", PASSWORD, "10.0.0.2")
            .await
            .expect("sign in with the chosen password");
        let session = accounts::session(&app, &s.secret)
            .await
            .expect("session")
            .expect("live");
        assert_eq!(session.actor.person_id, Some(id));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_email_on_the_invitation_is_sent_once_in_the_persons_language() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let sink = SmtpSink::start().await;
        let org = org(&app, "Org A", "admin@org-a.example").await;
        units::update_settings(
            &app,
            &org.admin,
            &SettingsForm {
                smtp_enabled: true,
                smtp_host: "127.0.0.1".into(),
                smtp_port: sink.port.to_string(),
                smtp_tls: "none".into(),
                smtp_from: "cairn@org-a.example".into(),
                ..settings("Org A")
            },
        )
        .await
        .expect("switch e-mail on");
        let draft = PersonDraft {
            preferred_language: "cy".into(),
            ..person_draft("Ama", &[])
        };
        let id = people::create(&app, &org.admin, &draft)
            .await
            .expect("create person");

        // Exec
        let inv = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &member_form("ama@example.org"),
            BASE_URL,
        )
        .await
        .expect("create account");
        let queued = emails_of(&app, org.id).await;
        let first_run = notices::deliver_pending(&app).await.expect("deliver");
        let second_run = notices::deliver_pending(&app).await.expect("deliver again");

        // Check
        let link = format!("https://cairn.example/invitation/{}", inv.secret);
        assert!(inv.emailed);
        assert_eq!(queued.len(), 1);
        let email = &queued[0];
        assert_eq!(email.to_address, "ama@example.org");
        assert_eq!(email.language, "cy");
        assert!(
            email.subject.starts_with("Cy:email-invitation-subject:"),
            "{}",
            email.subject
        );
        assert_eq!(
            email.body,
            format!("Cy:email-invitation-body:name=Ama,organisation=Org A,link={link}")
        );
        assert_eq!((first_run, second_run), (1, 0));
        let received = sink.received();
        assert_eq!(received.len(), 1, "sent exactly once");
        assert_eq!(received[0].to, vec!["ama@example.org".to_owned()]);
        assert_eq!(received[0].from, "cairn@org-a.example");
        assert!(received[0].data.contains(&link), "{}", received[0].data);
        assert!(received[0].data.contains("Cy:email-invitation-body"));
        let after = emails_of(&app, org.id).await;
        assert_eq!(after[0].sent_at, Some(T0));
        assert_eq!(after[0].attempts, 1);
        let welcome = notices_of(&app, inv.user_id).await;
        assert_eq!(welcome.len(), 1);
        assert_eq!(welcome[0].message_id, "notice-welcome");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_with_an_account_is_told_when_someone_else_changes_their_record() {
    both_engines(|db| async move {
        // Setup: the person's account is a lead, so they may change their own record too.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = person(&app, &org, "Ama", &[]).await;
        let inv = accounts::create_account_for_person(
            &app,
            &org.admin,
            id,
            &AccountForm {
                email: "ama@example.org".into(),
                role: "lead".into(),
                unit_ids: vec![],
            },
            BASE_URL,
        )
        .await
        .expect("create account");
        let own = actor_of(&app, inv.user_id).await;

        // Exec
        people::update(&app, &own, id, &person_draft("Ama A", &[]))
            .await
            .expect("own change");
        let after_own = notices_of(&app, inv.user_id).await;
        people::update(&app, &org.admin, id, &person_draft("Ama B", &[]))
            .await
            .expect("admin change");
        let after_admin = notices_of(&app, inv.user_id).await;

        // Check
        let ids = |n: &[cairn_db::notices::Notice]| {
            n.iter().map(|x| x.message_id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&after_own),
            vec!["notice-welcome"],
            "no notice for one's own change"
        );
        assert_eq!(
            ids(&after_admin),
            vec!["notice-record-updated", "notice-welcome"]
        );
        assert_eq!(
            json(Some(&after_admin[0].args_json))["by"],
            "admin@org-a.example",
            "the notice says who made the change"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Dates and time zones
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consent_date_after_today_in_london_is_refused() {
    both_engines(|db| async move {
        // Setup: 23:30 UTC on 1 July is already 2 July in London (summer time).
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        app.clock.set(1_782_948_600_000);
        let with_consent = |d: DateParts| PersonDraft {
            consent_on: d,
            ..person_draft("Ama", &[])
        };

        // Exec
        let today_in_london =
            people::create(&app, &org.admin, &with_consent(date(2026, 7, 2))).await;
        let tomorrow = people::create(&app, &org.admin, &with_consent(date(2026, 7, 3))).await;

        // Check
        let id = today_in_london.expect("today in London is not the future");
        assert_invalid(tomorrow, "consent_on");
        let stored = people::view(&app, &org.admin, id).await.expect("view");
        assert_eq!(stored.person.consent_on.as_deref(), Some("2026-07-02"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_editing_a_person_keep_the_units_they_cannot_reach() {
    both_engines(|db| async move {
        // Setup: a person on two units; the staff member reaches only the first.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let both = person(&app, &org, "Ama", &[u1, u2]).await;
        let staff = account(
            &app,
            Some(org.id),
            "staff@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;

        // Exec: the staff member's form only offers their own unit.
        people::update(&app, &staff, both, &person_draft("Ama Jones", &[u1]))
            .await
            .expect("update");

        // Check
        let seen = people::view(&app, &org.admin, both).await.expect("view");
        assert_eq!(seen.person.chosen_name, "Ama Jones");
        assert_eq!(set(&seen.unit_ids), set(&[u1, u2]), "Birch was kept");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searching_names_ignores_case_for_welsh_letters_on_both_engines() {
    both_engines(|db| async move {
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let id = person(&app, &org, "Ŵyn Ŷr", &[u1]).await;
        person(&app, &org, "Other", &[u1]).await;
        for needle in ["ŵyn", "ŶR", "wyn ŷ"] {
            let q = PeopleQuery {
                text: Some(needle.into()),
                ..all_people()
            };
            let found = people::list(&app, &org.admin, q).await.expect("list");
            let expect = if needle == "wyn ŷ" {
                set(&[])
            } else {
                set(&[id])
            };
            assert_eq!(ids(&found), expect, "{needle}");
        }
    })
    .await;
}
