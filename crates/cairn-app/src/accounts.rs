//! Accounts: first-time set-up, signing in and out, sessions, personal access tokens,
//! invitations, the remembered language, and throttling of failed sign-ins (kept in the
//! database so every instance sees the same count).

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use base64::Engine as _;
use cairn_db::accounts::{self as db, NewUser, User};
use cairn_db::units::Organisation;
use cairn_domain::people::Language;
use cairn_domain::validation::looks_like_email;
use cairn_domain::{FieldErrors, Permission, Role};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub mod control;
pub mod passwords;

const MINUTE_MS: i64 = 60 * 1000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

/// How long a session lasts without use.
pub const SESSION_IDLE_MS: i64 = 8 * 60 * MINUTE_MS;
/// How long a session lasts at most, however active: a shared ward tablet left signed in is
/// signed out by the next morning.
pub const SESSION_ABSOLUTE_MS: i64 = 12 * 60 * MINUTE_MS;
/// How long an invitation link works.
pub const INVITATION_MS: i64 = 7 * DAY_MS;
/// How long a link to choose a new password works.
pub const PASSWORD_RESET_MS: i64 = 60 * MINUTE_MS;
/// A new token's lifetime when none is chosen, and the longest allowed (in days).
pub const TOKEN_DAYS_DEFAULT: i64 = 90;
pub const TOKEN_DAYS_MAX: i64 = 365;

/// Failed sign-ins to one account from one address before that pair is locked.
pub const PAIR_MAX_FAILURES: i64 = 5;
/// Failed sign-ins to one account from anywhere before the account is "under attack": then
/// an address that has failed on it may not try again until the lock ends, while an address
/// with no failures of its own is still checked (so the right password is never refused
/// because of other people's failures).
pub const ACCOUNT_MAX_FAILURES: i64 = 20;
/// The first lock; each failure after it doubles the next one, up to [`LOCK_MAX_MS`].
pub const LOCK_FIRST_MS: i64 = 5 * MINUTE_MS;
/// The longest lock.
pub const LOCK_MAX_MS: i64 = 60 * MINUTE_MS;
/// Failures older than this, with no lock running, are forgotten.
pub const FAILURES_REMEMBERED_MS: i64 = DAY_MS;
/// Shortest password we accept.
pub const PASSWORD_MIN: usize = 10;
/// The settings key of the hashed one-time set-up code.
const SETUP_CODE_KEY: &str = "setup_code_hash";

/// A new random secret (URL-safe, 256 bits).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a secret, hex. Secrets are high-entropy, so a fast hash is right here.
pub fn hash_secret(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// How much work hashing a password takes; a setting of [`App`]. Production keeps
/// [`PasswordCost::Strong`], which [`App::new`] sets. The tests create well over a thousand
/// accounts, and at the strong cost hashing was a large part of their run time, so they use
/// [`PasswordCost::Test`] (see [`App::with_password_cost`]). It is a field rather than a Cargo
/// feature or a global because features are unified across a workspace build: a test-only
/// feature could weaken the shipped binary.
///
/// Checking a password reads the parameters from the stored hash, so hashes of either cost
/// verify whatever the setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PasswordCost {
    /// Argon2id with password-auth's defaults: m=19456 KiB, t=2, p=1 (OWASP's recommendation).
    #[default]
    Strong,
    /// Argon2id with the smallest parameters argon2 accepts: m=8 KiB, t=1, p=1. For tests only;
    /// it takes microseconds, which also makes it easy to guess passwords from the hash.
    Test,
}

impl PasswordCost {
    /// A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for `password`. CPU-bound at the
    /// strong cost: call it from a blocking task in async code.
    pub fn hash(self, password: &str) -> String {
        match self {
            PasswordCost::Strong => password_auth::generate_hash(password),
            PasswordCost::Test => {
                use argon2::password_hash::{PasswordHasher, SaltString};
                use argon2::{Algorithm, Argon2, Params, Version};
                let params = Params::new(
                    Params::MIN_M_COST,
                    Params::MIN_T_COST,
                    Params::MIN_P_COST,
                    None,
                )
                .expect("argon2's minimum parameters are valid");
                let mut salt = [0u8; 16];
                rand::rng().fill_bytes(&mut salt);
                let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
                Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                    .hash_password(password.as_bytes(), &salt)
                    .expect("argon2 hashes any password")
                    .to_string()
            }
        }
    }
}

async fn hash_password(app: &App, pw: String) -> AppResult<String> {
    let cost = app.password_cost;
    tokio::task::spawn_blocking(move || cost.hash(&pw))
        .await
        .map_err(|e| AppError::Unexpected(e.to_string()))
}

async fn verify_password(pw: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(pw, &hash).is_ok())
        .await
        .unwrap_or(false)
}

fn check_password(e: &mut FieldErrors, field: &str, pw: &str) {
    if pw.chars().count() < PASSWORD_MIN {
        e.add(field, "accounts-error-password-short");
    } else if pw.len() > 1024 {
        e.add(field, "accounts-error-password-long");
    }
}

fn check_email(e: &mut FieldErrors, field: &str, raw: &str) -> String {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        e.add(field, "accounts-error-email-required");
    } else if !looks_like_email(&email) {
        e.add(field, "accounts-error-email-invalid");
    }
    email
}

/// `NotFound` unless every unit is one of the organisation's (an id from elsewhere reads as
/// not found, as everywhere).
async fn check_units(c: &mut cairn_db::Conn<'_>, org: i64, unit_ids: &[i64]) -> AppResult<()> {
    let all = cairn_db::units::units_in_organisation(c, org).await?;
    if unit_ids.iter().any(|u| !all.contains(u)) {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Builds the actor for an account.
pub async fn actor_for(app: &App, user: &User) -> AppResult<Actor> {
    let mut h = app.db.acquire().await?;
    actor_on(&mut h.conn(), user).await
}

/// Builds the actor for an account on a connection the caller already holds.
async fn actor_on(c: &mut cairn_db::Conn<'_>, user: &User) -> AppResult<Actor> {
    let unit_ids = if user.role.is_unit_scoped() {
        db::user_units(c, user.id).await?
    } else {
        Vec::new()
    };
    Ok(Actor {
        user_id: user.id,
        organisation_id: user.organisation_id,
        role: user.role,
        unit_ids,
        person_id: user.person_id,
        label: user.email.clone(),
    })
}

/// True while the deployment has no accounts.
pub async fn needs_setup(app: &App) -> AppResult<bool> {
    let mut h = app.db.acquire().await?;
    Ok(db::count_users(&mut h.conn()).await? == 0)
}

/// How long a printed set-up code stands before another start may replace it. Instances that
/// start together on one empty database share the first one's code instead of each printing
/// its own (which left every code but the last one useless).
pub const SETUP_CODE_SHARED_MS: i64 = 10 * 60 * 1000;

/// What starting an instance did about the set-up code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupCode {
    /// The deployment has accounts: nothing to do.
    NotNeeded,
    /// A new code, to print on the console. Only its hash is stored.
    Issued(String),
    /// Another instance printed a code at this instant (UTC milliseconds), and it still stands.
    PrintedElsewhere(i64),
}

/// The stored form of a code: when it was issued, then its hash.
fn setup_value(issued_at: i64, code: &str) -> String {
    format!("{issued_at}:{}", hash_secret(code))
}

fn parse_setup_value(v: &str) -> Option<(i64, &str)> {
    let (at, hash) = v.split_once(':')?;
    Some((at.parse().ok()?, hash))
}

fn fresh_setup_code() -> String {
    new_secret()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_uppercase()
}

/// At start: issues a one-time set-up code while the deployment has no accounts, unless
/// another instance issued one in the last [`SETUP_CODE_SHARED_MS`]. Exactly one of several
/// instances starting at once wins, on either engine: the code is written only where no row
/// exists, or over exactly the stale row this instance read.
pub async fn issue_setup_code(app: &App) -> AppResult<SetupCode> {
    if !needs_setup(app).await? {
        return Ok(SetupCode::NotNeeded);
    }
    let now = app.now();
    let code = fresh_setup_code();
    let value = setup_value(now, &code);
    let mut tx = app.db.begin().await?;
    let seen = cairn_db::settings::get(&mut tx.conn(), SETUP_CODE_KEY).await?;
    let won = match seen.as_deref().map(|v| (v, parse_setup_value(v))) {
        None => cairn_db::settings::insert_absent(&mut tx.conn(), SETUP_CODE_KEY, &value).await?,
        Some((_, Some((at, _)))) if now - at < SETUP_CODE_SHARED_MS => {
            return Ok(SetupCode::PrintedElsewhere(at));
        }
        Some((old, _)) => {
            cairn_db::settings::replace_if(&mut tx.conn(), SETUP_CODE_KEY, old, &value).await?
        }
    };
    if !won {
        // Another instance wrote its code between our read and our write: it prints it.
        let at = cairn_db::settings::get(&mut tx.conn(), SETUP_CODE_KEY)
            .await?
            .as_deref()
            .and_then(parse_setup_value)
            .map_or(now, |(at, _)| at);
        return Ok(SetupCode::PrintedElsewhere(at));
    }
    tx.commit().await?;
    Ok(SetupCode::Issued(code))
}

/// Issues a new set-up code whatever was issued before (`cairn setup-code`, for an operator
/// who lost the printed one). `None` once the deployment has accounts.
pub async fn reissue_setup_code(app: &App) -> AppResult<Option<String>> {
    if !needs_setup(app).await? {
        return Ok(None);
    }
    let code = fresh_setup_code();
    let mut tx = app.db.begin().await?;
    cairn_db::settings::put(
        &mut tx.conn(),
        SETUP_CODE_KEY,
        &setup_value(app.now(), &code),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(code))
}

/// What the set-up page asks for.
#[derive(Debug, Clone, Default)]
pub struct SetupForm {
    pub code: String,
    pub organisation_name: String,
    pub email: String,
    pub password: String,
    pub language: Option<Language>,
}

/// Creates the first organisation and its administrator, if the code matches.
pub async fn complete_setup(app: &App, f: &SetupForm) -> AppResult<i64> {
    let mut e = FieldErrors::new();
    let org_name =
        match cairn_domain::units::validate_name("organisation_name", &f.organisation_name) {
            Ok(n) => n,
            Err(errs) => {
                e.0.extend(errs.0);
                String::new()
            }
        };
    let email = check_email(&mut e, "email", &f.email);
    check_password(&mut e, "password", &f.password);
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if db::count_users(&mut tx.conn()).await? > 0 {
        return Err(AppError::Conflict("setup-error-already-done"));
    }
    let stored = cairn_db::settings::get(&mut tx.conn(), SETUP_CODE_KEY).await?;
    let stored_hash = stored
        .as_deref()
        .and_then(parse_setup_value)
        .map(|(_, h)| h);
    if stored_hash != Some(hash_secret(f.code.trim().to_uppercase().as_str()).as_str()) {
        e.0.insert(
            0,
            cairn_domain::FieldError {
                field: "code".into(),
                code: "setup-error-code",
            },
        );
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let hash = hash_password(app, f.password.clone()).await?;
    let org = cairn_db::units::insert_organisation(
        &mut tx.conn(),
        &org_name,
        None,
        cairn_domain::time::DEFAULT_TIME_ZONE,
        now,
    )
    .await?;
    let lang = f.language.map(|l| l.key());
    let user = NewUser {
        organisation_id: Some(org),
        email: &email,
        password_hash: Some(&hash),
        role: Role::OrgAdmin,
        person_id: None,
        locale: lang,
    };
    let uid = db::insert_user(&mut tx.conn(), &user, now).await?;
    cairn_db::settings::delete(&mut tx.conn(), SETUP_CODE_KEY).await?;
    let actor = Actor {
        user_id: uid,
        organisation_id: Some(org),
        role: Role::OrgAdmin,
        unit_ids: vec![],
        person_id: None,
        label: email.clone(),
    };
    record::<(), _>(
        &mut tx.conn(),
        &actor,
        Some(org),
        Action::Create,
        "organisation",
        Some(org),
        None,
        Some(&serde_json::json!({"name": org_name})),
        None,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        &actor,
        Some(org),
        Action::Create,
        "user",
        Some(uid),
        None,
        Some(&serde_json::json!({"email": email, "role": "org_admin"})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(uid)
}

/// Creates an account from the command line (`cairn admin create`). With an organisation name,
/// the organisation is created when it does not exist and the account is its administrator;
/// without one, the account is a platform administrator.
pub async fn create_admin(
    app: &App,
    organisation: Option<&str>,
    email: &str,
    password: &str,
    role: Role,
) -> AppResult<i64> {
    let mut e = FieldErrors::new();
    let email = check_email(&mut e, "email", email);
    check_password(&mut e, "password", password);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let hash = hash_password(app, password.to_owned()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let org = match organisation {
        None => None,
        Some(name) => {
            let existing = cairn_db::units::list_organisations(&mut tx.conn())
                .await?
                .into_iter()
                .find(|o| o.name == name);
            Some(match existing {
                Some(o) => o.id,
                None => {
                    let id = cairn_db::units::insert_organisation(
                        &mut tx.conn(),
                        name,
                        None,
                        cairn_domain::time::DEFAULT_TIME_ZONE,
                        now,
                    )
                    .await?;
                    record::<(), _>(
                        &mut tx.conn(),
                        &Actor::system(Some(id)),
                        Some(id),
                        Action::Create,
                        "organisation",
                        Some(id),
                        None,
                        Some(&serde_json::json!({"name": name})),
                        None,
                        now,
                    )
                    .await?;
                    id
                }
            })
        }
    };
    let role = if org.is_none() {
        Role::PlatformAdmin
    } else {
        role
    };
    let user = NewUser {
        organisation_id: org,
        email: &email,
        password_hash: Some(&hash),
        role,
        person_id: None,
        locale: None,
    };
    let uid = db::insert_user(&mut tx.conn(), &user, now)
        .await
        .map_err(|err| match err {
            cairn_db::DbError::Conflict => {
                let mut e = FieldErrors::new();
                e.add("email", "accounts-error-email-taken");
                AppError::Invalid(e)
            }
            other => other.into(),
        })?;
    record::<(), _>(
        &mut tx.conn(),
        &Actor::system(org),
        org,
        Action::Create,
        "user",
        Some(uid),
        None,
        Some(&serde_json::json!({"email": email, "role": role.key()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(uid)
}

/// A signed-in session: the secret for the cookie and the form token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub secret: String,
    pub csrf: String,
    pub user_id: i64,
    pub locale: Option<String>,
}

/// The state of a sign-in limit after one more failure: a lock starts at the `max`th failure
/// and doubles with each failure after it.
fn after_failure(l: db::Limit, now: i64, max: i64) -> db::Limit {
    let failures = l.failures + 1;
    let locked_until = if failures >= max {
        let doublings = u32::try_from((failures - max).min(16)).unwrap_or(16);
        now + LOCK_FIRST_MS
            .saturating_mul(1 << doublings)
            .min(LOCK_MAX_MS)
    } else {
        l.locked_until
    };
    db::Limit {
        failures,
        last_failure_at: now,
        locked_until,
    }
}

/// The throttle keys of an e-mail address: the account from anywhere, and from one address.
fn limit_keys(email: &str, addr: &str) -> (String, String) {
    (format!("acct:{email}"), format!("pair:{email}|{addr}"))
}

/// Counts a sign-in attempt as a failure before its password is checked, in one transaction
/// that reads and raises both counters (locking their rows on PostgreSQL), so attempts sent at
/// once, to one instance or several, each see the ones before. A success clears the counters
/// afterwards. Refuses (without counting) when the pair is locked, or when the account is
/// locked and this address has failed on it before.
async fn reserve_attempt(app: &App, email: &str, addr: &str, now: i64) -> AppResult<()> {
    let (acct_key, pair_key) = limit_keys(email, addr);
    let since = now - FAILURES_REMEMBERED_MS;
    // Always the account's row first, then the pair's: one order, so no deadlock.
    let mut tx = app.db.begin().await?;
    let acct = db::take_limit(&mut tx.conn(), &acct_key, now, since).await?;
    let pair = db::take_limit(&mut tx.conn(), &pair_key, now, since).await?;
    if pair.locked_until > now || (acct.locked_until > now && pair.failures > 0) {
        drop(tx); // rolls back: a refused attempt is not counted
        return Err(AppError::Throttled);
    }
    db::put_limit(
        &mut tx.conn(),
        &acct_key,
        &after_failure(acct, now, ACCOUNT_MAX_FAILURES),
    )
    .await?;
    db::put_limit(
        &mut tx.conn(),
        &pair_key,
        &after_failure(pair, now, PAIR_MAX_FAILURES),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs in with e-mail and password. Each attempt is counted against the account and against
/// the account from this address before the password is checked (see [`reserve_attempt`]);
/// a locked attempt is refused with `Throttled` without checking the password.
pub async fn sign_in(app: &App, email: &str, password: &str, addr: &str) -> AppResult<NewSession> {
    let email = email.trim().to_lowercase();
    let now = app.now();
    reserve_attempt(app, &email, addr, now).await?;
    let user = {
        let mut h = app.db.acquire().await?;
        db::find_user_by_email(&mut h.conn(), &email).await?
    };
    let ok = match &user {
        Some(u) if !u.disabled => match &u.password_hash {
            Some(hash) => verify_password(password.to_owned(), hash.clone()).await,
            None => false,
        },
        _ => {
            // Spend the same effort as a real check so timing does not reveal who has an account.
            let _ = hash_password(app, password.to_owned()).await;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        let mut e = FieldErrors::new();
        e.add("email", "accounts-error-sign-in");
        return Err(AppError::Invalid(e));
    };
    // Only once the password is right, so the refusal tells nothing to someone guessing.
    if crate::identity::password_refused(app, &user).await? {
        let mut e = FieldErrors::new();
        e.add("email", "identity-error-use-provider");
        return Err(AppError::Invalid(e));
    }
    let (acct_key, pair_key) = limit_keys(&email, addr);
    open_session(app, &user, &[acct_key, pair_key], None).await
}

/// Opens a session for an account that has just proved who it is (a password, or the
/// organisation's identity provider): clears the sign-in limits named, stores the session,
/// notes the sign-in on the account and audits it (`how` says how, when not by password).
pub(crate) async fn open_session(
    app: &App,
    user: &User,
    clear_limits: &[String],
    how: Option<&serde_json::Value>,
) -> AppResult<NewSession> {
    let now = app.now();
    // Built before the transaction: it reads on a pooled connection of its own, and taking a
    // second connection while holding one can starve the pool.
    let actor = actor_for(app, user).await?;
    let mut tx = app.db.begin().await?;
    for key in clear_limits {
        db::clear_limits(&mut tx.conn(), key, None).await?;
    }
    let secret = new_secret();
    let csrf = new_secret();
    db::insert_session(
        &mut tx.conn(),
        &hash_secret(&secret),
        user.id,
        &csrf,
        now,
        now + SESSION_IDLE_MS,
        now + SESSION_ABSOLUTE_MS,
    )
    .await?;
    db::touch_sign_in(&mut tx.conn(), user.id, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        &actor,
        user.organisation_id,
        Action::SignIn,
        "user",
        Some(user.id),
        None,
        how,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(NewSession {
        secret,
        csrf,
        user_id: user.id,
        locale: user.locale.clone(),
    })
}

/// A live session, found by its cookie secret.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub user: User,
    pub csrf: String,
    /// The hash of the session's secret: names this session among the account's others.
    pub id_hash: String,
    /// When the session ends at the latest, and when it ends if unused (UTC milliseconds).
    pub ends_at: i64,
    pub idle_ends_at: i64,
    /// When the session was found (UTC milliseconds): the pages count down from here.
    pub checked_at: i64,
    /// The account's organisation as it stood when the session was found (`None` for an
    /// account without one): the page frame reads its name here instead of again.
    pub organisation: Option<Arc<Organisation>>,
}

/// Finds the session for a cookie secret and slides its expiry forward. The session, the
/// account and the organisation's settings version are one query; the organisation itself
/// comes from the instance's cache while that version stands, and the units of a unit-scoped
/// account from one more query on the same connection.
pub async fn session(app: &App, secret: &str) -> AppResult<Option<Session>> {
    let now = app.now();
    let hash = hash_secret(secret);
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let Some(found) = db::find_session_with_user(&mut c, &hash, now).await? else {
        return Ok(None);
    };
    let (row, user) = (found.session, found.user);
    if user.disabled {
        return Ok(None);
    }
    let organisation = match (user.organisation_id, found.settings_version) {
        (Some(org), Some(version)) => Some(app.organisation_at(&mut c, org, version).await?),
        _ => None,
    };
    let actor = actor_on(&mut c, &user).await?;
    drop(h);
    // Only write when a noticeable part of the idle time has passed, to keep reads cheap.
    let mut idle_ends_at = row.expires_at;
    if row.expires_at - now < SESSION_IDLE_MS - 5 * MINUTE_MS {
        let mut tx = app.db.begin().await?;
        db::extend_session(&mut tx.conn(), &hash, now, now + SESSION_IDLE_MS).await?;
        tx.commit().await?;
        idle_ends_at = (now + SESSION_IDLE_MS).min(row.ends_at);
    }
    Ok(Some(Session {
        actor,
        user,
        csrf: row.csrf_token,
        id_hash: hash,
        ends_at: row.ends_at,
        idle_ends_at,
        checked_at: now,
        organisation,
    }))
}

/// Ends a session.
pub async fn sign_out(app: &App, actor: &Actor, secret: &str) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::delete_session(&mut tx.conn(), &hash_secret(secret)).await?;
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        actor.organisation_id,
        Action::SignOut,
        "user",
        Some(actor.user_id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Remembers the actor's language.
pub async fn set_language(app: &App, actor: &Actor, lang: Language) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::set_locale(&mut tx.conn(), actor.user_id, lang.key(), now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        actor.organisation_id,
        Action::Update,
        "user_language",
        Some(actor.user_id),
        None,
        Some(&lang.key()),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Reads a token lifetime in days: empty means [`TOKEN_DAYS_DEFAULT`]; otherwise a whole
/// number from 1 to [`TOKEN_DAYS_MAX`].
pub fn token_days(e: &mut FieldErrors, raw: &str) -> i64 {
    let raw = raw.trim();
    if raw.is_empty() {
        return TOKEN_DAYS_DEFAULT;
    }
    match raw.parse::<i64>() {
        Ok(d) if (1..=TOKEN_DAYS_MAX).contains(&d) => d,
        _ => {
            e.add("days", "accounts-error-token-days");
            TOKEN_DAYS_DEFAULT
        }
    }
}

/// Creates a personal access token for the actor, working for `days` (text as typed; see
/// [`token_days`]); returns the secret, shown once.
pub async fn create_token(app: &App, actor: &Actor, name: &str, days: &str) -> AppResult<String> {
    let mut e = FieldErrors::new();
    let name = cairn_domain::validation::required_text(
        &mut e,
        "name",
        name,
        80,
        "accounts-error-token-name-required",
        "accounts-error-token-name-long",
    );
    let days = token_days(&mut e, days);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let secret = format!("cairn_{}", new_secret());
    let now = app.now();
    let expires_at = now + days * DAY_MS;
    let mut tx = app.db.begin().await?;
    let id = db::insert_token(
        &mut tx.conn(),
        actor.user_id,
        &name,
        &hash_secret(&secret),
        now,
        expires_at,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        actor.organisation_id,
        Action::Create,
        "api_token",
        Some(id),
        None,
        Some(&serde_json::json!({"name": name, "expires_at": expires_at})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Creates a token for an account by e-mail (`cairn token create`).
pub async fn create_token_for_email(app: &App, email: &str, name: &str) -> AppResult<String> {
    let user = {
        let mut h = app.db.acquire().await?;
        db::find_user_by_email(&mut h.conn(), &email.trim().to_lowercase())
            .await?
            .ok_or(AppError::NotFound)?
    };
    let actor = actor_for(app, &user).await?;
    create_token(app, &actor, name, "").await
}

/// The actor's tokens.
pub async fn list_tokens(app: &App, actor: &Actor) -> AppResult<Vec<db::ApiToken>> {
    let mut h = app.db.acquire().await?;
    Ok(db::list_tokens(&mut h.conn(), actor.user_id).await?)
}

/// Revokes one of the actor's own tokens.
pub async fn revoke_token(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !db::revoke_token(&mut tx.conn(), actor.user_id, id, now).await? {
        return Err(AppError::NotFound);
    }
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        actor.organisation_id,
        Action::Revoke,
        "api_token",
        Some(id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The actor behind a bearer token, if it is live.
pub async fn token_actor(app: &App, secret: &str) -> AppResult<Option<Actor>> {
    // The token and its account are one query; a unit-scoped account's units one more on the
    // same connection.
    let (token_id, actor) = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let Some(found) = db::find_token_with_user(&mut c, &hash_secret(secret), app.now()).await?
        else {
            return Ok(None);
        };
        if found.user.disabled {
            return Ok(None);
        }
        (found.token_id, actor_on(&mut c, &found.user).await?)
    };
    let mut tx = app.db.begin().await?;
    db::touch_token(&mut tx.conn(), token_id, app.now()).await?;
    tx.commit().await?;
    Ok(Some(actor))
}

/// An organisation's accounts.
pub async fn list_accounts(app: &App, actor: &Actor) -> AppResult<Vec<User>> {
    require(actor, Permission::ManageAccounts)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::list_users(&mut h.conn(), org).await?)
}

/// What an administrator fills in to give a person an account.
#[derive(Debug, Clone)]
pub struct AccountForm {
    pub email: String,
    pub role: String,
    pub unit_ids: Vec<i64>,
}

/// The outcome of creating an account: the invitation link's secret (shown to the
/// administrator when e-mail is off, so they can pass it on).
#[derive(Debug, Clone)]
pub struct Invitation {
    pub user_id: i64,
    pub secret: String,
    pub emailed: bool,
}

/// Gives a person an account with a role, and invites them to choose a password. The
/// invitation goes by e-mail in the person's language when the organisation has e-mail on.
pub async fn create_account_for_person(
    app: &App,
    actor: &Actor,
    person_id: i64,
    f: &AccountForm,
    base_url: &str,
) -> AppResult<Invitation> {
    require(actor, Permission::ManageAccounts)?;
    let org = org_of(actor)?;
    {
        // Existence first, so an id from another organisation reads as "not found".
        let mut h = app.db.acquire().await?;
        cairn_db::people::get(&mut h.conn(), org, person_id).await?;
    }
    let mut e = FieldErrors::new();
    let email = check_email(&mut e, "email", &f.email);
    let role = Role::parse(f.role.trim()).filter(|r| *r != Role::PlatformAdmin);
    if role.is_none() {
        e.add("role", "accounts-error-role-required");
    }
    if role == Some(Role::UnitStaff) && f.unit_ids.is_empty() {
        e.add("unit_ids", "accounts-error-units-required");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let role = role.ok_or(AppError::Forbidden)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let person = cairn_db::people::get(&mut tx.conn(), org, person_id).await?;
    if db::find_user_by_person(&mut tx.conn(), person_id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict("accounts-error-person-has-account"));
    }
    check_units(&mut tx.conn(), org, &f.unit_ids).await?;
    let user = NewUser {
        organisation_id: Some(org),
        email: &email,
        password_hash: None,
        role,
        person_id: Some(person_id),
        locale: Some(person.preferred_language.key()),
    };
    let uid = db::insert_user(&mut tx.conn(), &user, now)
        .await
        .map_err(|err| match err {
            cairn_db::DbError::Conflict => {
                let mut e = FieldErrors::new();
                e.add("email", "accounts-error-email-taken");
                AppError::Invalid(e)
            }
            other => other.into(),
        })?;
    if role.is_unit_scoped() {
        db::set_user_units(&mut tx.conn(), uid, &f.unit_ids).await?;
    }
    let secret = new_secret();
    db::insert_invitation(
        &mut tx.conn(),
        &hash_secret(&secret),
        uid,
        now,
        now + INVITATION_MS,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "user",
        Some(uid),
        None,
        Some(&serde_json::json!({"email": email, "role": role.key(), "person_id": person_id, "unit_ids": f.unit_ids})),
        Some(person_id),
        now,
    )
    .await?;
    let organisation = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    let link = format!("{}/invitation/{}", base_url.trim_end_matches('/'), secret);
    let emailed = organisation.smtp_enabled;
    if emailed {
        crate::notices::queue_email(
            app,
            &mut tx.conn(),
            org,
            &email,
            person.preferred_language,
            "email-invitation-subject",
            "email-invitation-body",
            &[
                ("name", person.chosen_name.clone()),
                ("organisation", organisation.name.clone()),
                ("link", link),
            ],
            now,
        )
        .await?;
    }
    crate::notices::notify_with(
        &mut tx.conn(),
        uid,
        "notice-welcome",
        &[(
            "organisation",
            crate::notices::NoticeArg::Local {
                en: organisation.name,
                cy: organisation.name_cy,
            },
        )],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Invitation {
        user_id: uid,
        secret,
        emailed,
    })
}

/// True when an invitation link is live.
pub async fn invitation_is_live(app: &App, secret: &str) -> AppResult<bool> {
    let mut h = app.db.acquire().await?;
    Ok(
        db::find_invitation(&mut h.conn(), &hash_secret(secret), app.now())
            .await?
            .is_some(),
    )
}

/// Sets a password from an invitation link; the link then stops working.
pub async fn accept_invitation(
    app: &App,
    secret: &str,
    password: &str,
    confirm: &str,
) -> AppResult<i64> {
    let mut e = FieldErrors::new();
    check_password(&mut e, "password", password);
    if password != confirm {
        e.add("confirm", "accounts-error-password-mismatch");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = app.now();
    let hash = hash_password(app, password.to_owned()).await?;
    let mut tx = app.db.begin().await?;
    let h = hash_secret(secret);
    let uid = db::find_invitation(&mut tx.conn(), &h, now)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::use_invitation(&mut tx.conn(), &h, now).await? {
        return Err(AppError::NotFound);
    }
    db::set_password(&mut tx.conn(), uid, &hash, now).await?;
    let user = db::get_user(&mut tx.conn(), uid).await?;
    let actor = Actor {
        user_id: uid,
        organisation_id: user.organisation_id,
        role: user.role,
        unit_ids: vec![],
        person_id: user.person_id,
        label: user.email.clone(),
    };
    record::<(), _>(
        &mut tx.conn(),
        &actor,
        user.organisation_id,
        Action::Update,
        "user_password",
        Some(uid),
        None,
        Some(&"set from invitation"),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(uid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordHash;
    use std::sync::Arc;

    struct NoTranslator;

    impl crate::Translator for NoTranslator {
        fn message(&self, _: Language, id: &str, _: &[(&str, String)]) -> String {
            id.to_owned()
        }
    }

    /// The algorithm and `m=…,t=…,p=…` of a PHC string.
    fn algorithm_and_params(phc: &str) -> (String, String) {
        let parsed = PasswordHash::new(phc).expect("a PHC string");
        (parsed.algorithm.to_string(), parsed.params.to_string())
    }

    #[tokio::test]
    async fn app_new_hashes_at_the_strong_cost_and_the_test_cost_is_argon2s_minimum() {
        // Setup: an App as the binary builds it (no tables are needed to hash).
        let db = cairn_db::Db::connect("sqlite::memory:", &Default::default())
            .await
            .expect("open sqlite in memory");
        let app = App::new(db, crate::Clock::system(), Arc::new(NoTranslator));
        let pw = "correct horse battery".to_owned();

        // Exec
        let strong = hash_password(&app, pw.clone()).await.expect("hash");
        let test_app = app.clone().with_password_cost(PasswordCost::Test);
        let cheap = hash_password(&test_app, pw.clone()).await.expect("hash");

        // Check: production keeps Argon2id at password-auth's (OWASP's) parameters …
        assert_eq!(app.password_cost, PasswordCost::Strong);
        assert_eq!(
            algorithm_and_params(&strong),
            ("argon2id".to_owned(), "m=19456,t=2,p=1".to_owned())
        );
        // … the test setting is Argon2id at the least work argon2 allows …
        assert_eq!(
            algorithm_and_params(&cheap),
            ("argon2id".to_owned(), "m=8,t=1,p=1".to_owned())
        );
        // … and both verify (parameters come from the hash), with the right password only.
        for hash in [&strong, &cheap] {
            assert!(verify_password(pw.clone(), hash.clone()).await);
            assert!(!verify_password("wrong password".into(), hash.clone()).await);
        }
    }
}
