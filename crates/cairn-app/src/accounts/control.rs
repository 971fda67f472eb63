//! An organisation administrator's control of the accounts in their organisation: see one
//! account with its sessions, tokens and sign-in limits; disable and re-enable it; change its
//! role; end a session, revoke a token; lift a sign-in lock; make a link to choose a new
//! password, to hand over when the organisation sends no e-mail.
//!
//! Invariants: an administrator reaches only accounts of their own organisation (any other id
//! reads as not found); they cannot disable their own account or change their own role (an
//! organisation must not lock itself out by one click); disabling an account ends every
//! session and revokes every token in the same transaction, so a disabled account cannot act
//! for a moment longer. Every change is audited on the account.

use super::{PASSWORD_RESET_MS, check_units, hash_secret, new_secret};
use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::accounts::{self as db, ApiToken, Limit, SessionInfo, User};
use cairn_domain::{FieldErrors, Permission, Role};
use serde_json::json;

/// One account as its administrator sees it.
#[derive(Debug, Clone)]
pub struct AccountView {
    pub user: User,
    pub unit_ids: Vec<i64>,
    pub sessions: Vec<SessionInfo>,
    pub tokens: Vec<ApiToken>,
    /// The account-wide sign-in limit, when it holds failures or a lock.
    pub limit: Option<Limit>,
    /// The actor is looking at their own account (no disabling, no role change).
    pub is_self: bool,
}

/// An account of the actor's organisation, or `NotFound`.
async fn account_in(c: &mut Conn<'_>, actor: &Actor, user_id: i64) -> AppResult<User> {
    require(actor, Permission::ManageAccounts)?;
    let org = org_of(actor)?;
    match db::get_user(c, user_id).await {
        Ok(u) if u.organisation_id == Some(org) => Ok(u),
        Ok(_) | Err(cairn_db::DbError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// One account with its live sessions, tokens and sign-in limit. Audited as a view of the
/// account (and of its person, when it has one).
pub async fn account(app: &App, actor: &Actor, user_id: i64) -> AppResult<AccountView> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    let unit_ids = db::user_units(&mut tx.conn(), user.id).await?;
    let sessions = db::list_sessions(&mut tx.conn(), user.id, now).await?;
    let tokens = db::list_tokens(&mut tx.conn(), user.id).await?;
    let limit = db::peek_limit(&mut tx.conn(), &format!("acct:{}", user.email))
        .await?
        .filter(|l| l.failures > 0 || l.locked_until > now);
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::View,
        "user",
        Some(user.id),
        None,
        None,
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(AccountView {
        is_self: user.id == actor.user_id,
        user,
        unit_ids,
        sessions,
        tokens,
        limit,
    })
}

/// What stopping an account's access took away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stopped {
    pub sessions: u64,
    pub tokens: u64,
}

/// Disables an account and takes away its access, inside the caller's transaction: the
/// account can no longer sign in, every session ends and every token is revoked. Used by
/// [`disable`] and when a person is recorded as having left. Returns `None` when the account
/// was already disabled (its sessions and tokens are still cleared).
pub async fn stop_access(c: &mut Conn<'_>, user_id: i64, now: i64) -> AppResult<Option<Stopped>> {
    let changed = db::set_disabled(c, user_id, true, now).await?;
    let sessions = db::delete_sessions_of(c, user_id, None).await?;
    let tokens = db::revoke_tokens_of(c, user_id, now).await?;
    Ok(changed.then_some(Stopped { sessions, tokens }))
}

/// Disables an account (see [`stop_access`]). `Conflict` for the actor's own account.
pub async fn disable(app: &App, actor: &Actor, user_id: i64) -> AppResult<Stopped> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    if user.id == actor.user_id {
        return Err(AppError::Conflict("accounts-error-own-account"));
    }
    let stopped = stop_access(&mut tx.conn(), user.id, now)
        .await?
        .unwrap_or_default();
    record(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Update,
        "user_access",
        Some(user.id),
        Some(&json!({"disabled": user.disabled})),
        Some(&json!({"disabled": true, "sessions_ended": stopped.sessions, "tokens_revoked": stopped.tokens})),
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(stopped)
}

/// Re-enables a disabled account. Its old sessions and tokens stay ended: the person signs in
/// again, and makes new tokens.
pub async fn enable(app: &App, actor: &Actor, user_id: i64) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    if db::set_disabled(&mut tx.conn(), user.id, false, now).await? {
        record(
            &mut tx.conn(),
            actor,
            user.organisation_id,
            Action::Update,
            "user_access",
            Some(user.id),
            Some(&json!({"disabled": true})),
            Some(&json!({"disabled": false})),
            user.person_id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Gives an account another role (and, for unit staff, its units). `Conflict` for the actor's
/// own account; a platform role cannot be given.
pub async fn change_role(
    app: &App,
    actor: &Actor,
    user_id: i64,
    role: &str,
    unit_ids: &[i64],
) -> AppResult<()> {
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let role = Role::parse(role.trim()).filter(|r| *r != Role::PlatformAdmin);
    if role.is_none() {
        e.add("role", "accounts-error-role-required");
    }
    if role == Some(Role::UnitStaff) && unit_ids.is_empty() {
        e.add("unit_ids", "accounts-error-units-required");
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    if user.id == actor.user_id {
        return Err(AppError::Conflict("accounts-error-own-account"));
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let role = role.ok_or(AppError::Forbidden)?;
    check_units(&mut tx.conn(), org, unit_ids).await?;
    let before_units = db::user_units(&mut tx.conn(), user.id).await?;
    let units: Vec<i64> = if role.is_unit_scoped() {
        unit_ids.to_vec()
    } else {
        Vec::new()
    };
    db::set_role(&mut tx.conn(), user.id, role, now).await?;
    db::set_user_units(&mut tx.conn(), user.id, &units).await?;
    record(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Update,
        "user_role",
        Some(user.id),
        Some(&json!({"role": user.role.key(), "unit_ids": before_units})),
        Some(&json!({"role": role.key(), "unit_ids": units})),
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends one session of an account (named by the hash of its secret).
pub async fn end_session(app: &App, actor: &Actor, user_id: i64, id_hash: &str) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    if !db::delete_session_of(&mut tx.conn(), user.id, id_hash).await? {
        return Err(AppError::NotFound);
    }
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Revoke,
        "session",
        Some(user.id),
        None,
        None,
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes any token of the organisation's accounts. `NotFound` for a token of another
/// organisation, or one already revoked.
pub async fn revoke_token(app: &App, actor: &Actor, token_id: i64) -> AppResult<ApiToken> {
    require(actor, Permission::ManageAccounts)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let token = db::get_token_in(&mut tx.conn(), org, token_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::revoke_token(&mut tx.conn(), token.user_id, token.id, now).await? {
        return Err(AppError::NotFound);
    }
    let owner = db::get_user(&mut tx.conn(), token.user_id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Revoke,
        "api_token",
        Some(token.id),
        None,
        Some(&json!({"user_id": token.user_id, "name": token.name})),
        owner.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Lifts every sign-in lock on an account (from anywhere and from each address); returns how
/// many counters were cleared.
pub async fn unlock(app: &App, actor: &Actor, user_id: i64) -> AppResult<u64> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    let cleared = db::clear_limits(
        &mut tx.conn(),
        &format!("acct:{}", user.email),
        Some(&format!("pair:{}|", user.email)),
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Update,
        "user_sign_in_limit",
        Some(user.id),
        None,
        Some(&json!({"cleared": cleared})),
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(cleared)
}

/// Makes a link to choose a new password for an account (working for
/// [`PASSWORD_RESET_MS`], once), for the administrator to hand over; returns its secret.
/// Refused for a disabled account.
pub async fn make_reset_link(app: &App, actor: &Actor, user_id: i64) -> AppResult<String> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user = account_in(&mut tx.conn(), actor, user_id).await?;
    if user.disabled {
        return Err(AppError::Conflict("accounts-error-disabled"));
    }
    let secret = new_secret();
    db::insert_password_reset(
        &mut tx.conn(),
        &hash_secret(&secret),
        user.id,
        Some(actor.user_id),
        now,
        now + PASSWORD_RESET_MS,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Create,
        "password_reset",
        Some(user.id),
        None,
        Some(&json!({"made_by": "administrator"})),
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}
