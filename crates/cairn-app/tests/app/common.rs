//! Helpers shared by the use-case tests: a fixed clock, a translator that shows which language
//! and message were used, and an organisation made the way `cairn admin create` makes one.

use cairn_app::{Actor, App, Clock, PasswordCost, Translator, accounts, units};
use cairn_db::Db;
use cairn_domain::Role;
use cairn_domain::people::Language;
use std::sync::Arc;

/// 29 March 2026, 12:00 UTC (the day the clocks go forward).
pub const T0: i64 = 1_774_785_600_000;
/// The password every test account gets.
pub const PASSWORD: &str = "correct horse battery";

/// Shows which language, message id and arguments were asked for.
pub struct TestTranslator;

impl Translator for TestTranslator {
    fn message(&self, lang: Language, id: &str, args: &[(&str, String)]) -> String {
        let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{lang:?}:{id}:{}", args.join(","))
    }
}

/// The use-case context on `db`, at a fixed clock, hashing passwords cheaply.
pub fn app(db: Db) -> App {
    App::new(db, Clock::fixed(T0), Arc::new(TestTranslator)).with_password_cost(PasswordCost::Test)
}

/// An organisation made the way `cairn admin create` makes one, with its administrator and
/// one service.
pub struct Org {
    pub id: i64,
    pub admin: Actor,
    pub service: i64,
}

pub async fn org(app: &App, name: &str, admin_email: &str) -> Org {
    let uid = accounts::create_admin(app, Some(name), admin_email, PASSWORD, Role::OrgAdmin)
        .await
        .expect("create admin");
    let admin = actor_of(app, uid).await;
    let service = units::create_service(app, &admin, "Rehabilitation", None)
        .await
        .expect("create service");
    Org {
        id: admin.organisation_id.expect("admin has an organisation"),
        admin,
        service,
    }
}

/// An open rehabilitation unit of 12 beds in the organisation's service.
pub async fn unit(app: &App, org: &Org, name: &str) -> i64 {
    let draft = cairn_domain::units::UnitDraft {
        name: name.into(),
        service_id: Some(org.service),
        unit_type: "open_rehab".into(),
        beds: Some("12".into()),
        gender_mix: "mixed".into(),
        ..Default::default()
    };
    units::create_unit(app, &org.admin, &draft)
        .await
        .expect("create unit")
}

/// The actor of the account with this e-mail address (a demo sign-in, say).
pub async fn signed_in(app: &App, email: &str) -> Actor {
    let uid = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::accounts::find_user_by_email(&mut h.conn(), email)
            .await
            .expect("find user")
            .expect("demo user")
            .id
    };
    actor_of(app, uid).await
}

pub async fn actor_of(app: &App, uid: i64) -> Actor {
    let user = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::accounts::get_user(&mut h.conn(), uid)
            .await
            .expect("user")
    };
    accounts::actor_for(app, &user).await.expect("actor")
}

/// UTC milliseconds of a wall-clock instant in UTC.
pub fn utc(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    jiff::civil::date(y, mo, d)
        .at(h, mi, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("a real instant")
        .timestamp()
        .as_millisecond()
}

/// An account without a password, written straight to the database.
pub async fn account(
    app: &App,
    org: &Org,
    email: &str,
    role: Role,
    unit_ids: &[i64],
    person_id: Option<i64>,
) -> Actor {
    let mut tx = app.db.begin().await.expect("begin");
    let uid = cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &cairn_db::accounts::NewUser {
            organisation_id: Some(org.id),
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

/// The statements of a migration file that start with one of `starting` (its comments left
/// out), for tests that run a migration's fill again on data made after it.
pub fn migration_statements(migration: &str, starting: &[&str]) -> Vec<String> {
    migration
        .split(';')
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| starting.iter().any(|p| s.trim_start().starts_with(p)))
        .collect()
}
