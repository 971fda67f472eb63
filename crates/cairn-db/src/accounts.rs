//! Accounts, sessions, API tokens, invitations and sign-in throttling. Secrets (session ids,
//! tokens, invitation links) are stored only as SHA-256 hashes; passwords as argon2id hashes
//! made in `cairn-app`.

use crate::{Conn, DbResult, execute, fetch_all, fetch_one, fetch_optional, fetch_scalar};
use cairn_domain::Role;
use serde::Serialize;

/// An account.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct User {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub email: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub person_id: Option<i64>,
    pub locale: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_sign_in_at: Option<i64>,
}

const USER_COLUMNS: &str = "id, organisation_id, email, password_hash, role, person_id, locale, disabled, created_at, updated_at, last_sign_in_at";

/// A new account's details.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub organisation_id: Option<i64>,
    pub email: &'a str,
    pub password_hash: Option<&'a str>,
    pub role: Role,
    pub person_id: Option<i64>,
    pub locale: Option<&'a str>,
}

/// Counts every account (zero means the deployment still needs setting up).
pub async fn count_users(c: &mut Conn<'_>) -> DbResult<i64> {
    fetch_scalar!(c, i64, "SELECT COUNT(*) FROM users")
}

/// Adds an account. A taken e-mail address is `DbError::Conflict`.
pub async fn insert_user(c: &mut Conn<'_>, u: &NewUser<'_>, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO users (organisation_id, email, password_hash, role, person_id, locale, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        u.organisation_id,
        u.email,
        u.password_hash,
        u.role.key(),
        u.person_id,
        u.locale,
        now
    )
}

/// Gives a unit-scoped account its units.
pub async fn set_user_units(c: &mut Conn<'_>, user_id: i64, unit_ids: &[i64]) -> DbResult<()> {
    execute!(c, "DELETE FROM user_units WHERE user_id = $1", user_id)?;
    for u in unit_ids {
        execute!(
            c,
            "INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)",
            user_id,
            *u
        )?;
    }
    Ok(())
}

/// The units of an account.
pub async fn user_units(c: &mut Conn<'_>, user_id: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT unit_id FROM user_units WHERE user_id = $1 ORDER BY unit_id",
        user_id
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// An account by e-mail address (already lower-cased).
pub async fn find_user_by_email(c: &mut Conn<'_>, email: &str) -> DbResult<Option<User>> {
    fetch_optional!(
        c,
        User,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"),
        email
    )
}

/// An account by id.
pub async fn get_user(c: &mut Conn<'_>, id: i64) -> DbResult<User> {
    fetch_one!(
        c,
        User,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
        id
    )
}

/// The account linked to a person, if any.
pub async fn find_user_by_person(c: &mut Conn<'_>, person_id: i64) -> DbResult<Option<User>> {
    fetch_optional!(
        c,
        User,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE person_id = $1"),
        person_id
    )
}

/// An organisation's accounts, by e-mail address.
pub async fn list_users(c: &mut Conn<'_>, organisation_id: i64) -> DbResult<Vec<User>> {
    fetch_all!(
        c,
        User,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE organisation_id = $1 ORDER BY email"),
        organisation_id
    )
}

/// Sets an account's password hash.
pub async fn set_password(c: &mut Conn<'_>, user_id: i64, hash: &str, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1",
        user_id,
        hash,
        now
    )?;
    Ok(())
}

/// Remembers an account's language.
pub async fn set_locale(c: &mut Conn<'_>, user_id: i64, locale: &str, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1",
        user_id,
        locale,
        now
    )?;
    Ok(())
}

/// Notes a successful sign-in.
pub async fn touch_sign_in(c: &mut Conn<'_>, user_id: i64, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE users SET last_sign_in_at = $2 WHERE id = $1",
        user_id,
        now
    )?;
    Ok(())
}

/// A session row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// Stores a new session under the hash of its id.
pub async fn insert_session(
    c: &mut Conn<'_>,
    id_hash: &str,
    user_id: i64,
    csrf: &str,
    now: i64,
    expires_at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        id_hash,
        user_id,
        csrf,
        now,
        expires_at
    )?;
    Ok(())
}

/// A live session by the hash of its id.
pub async fn find_session(
    c: &mut Conn<'_>,
    id_hash: &str,
    now: i64,
) -> DbResult<Option<SessionRow>> {
    fetch_optional!(
        c,
        SessionRow,
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
        id_hash,
        now
    )
}

/// Pushes a session's expiry forward (sliding expiry).
pub async fn extend_session(c: &mut Conn<'_>, id_hash: &str, expires_at: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE sessions SET expires_at = $2 WHERE id_hash = $1",
        id_hash,
        expires_at
    )?;
    Ok(())
}

/// Ends a session.
pub async fn delete_session(c: &mut Conn<'_>, id_hash: &str) -> DbResult<()> {
    execute!(c, "DELETE FROM sessions WHERE id_hash = $1", id_hash)?;
    Ok(())
}

/// Removes expired sessions and old sign-in failures.
pub async fn purge_expired(c: &mut Conn<'_>, now: i64, failures_before: i64) -> DbResult<()> {
    execute!(c, "DELETE FROM sessions WHERE expires_at <= $1", now)?;
    execute!(
        c,
        "DELETE FROM login_failures WHERE at < $1",
        failures_before
    )?;
    Ok(())
}

/// Records a failed sign-in under a throttle key (`email:…` or `addr:…`).
pub async fn record_failure(c: &mut Conn<'_>, key: &str, now: i64) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO login_failures (throttle_key, at) VALUES ($1, $2)",
        key,
        now
    )?;
    Ok(())
}

/// Failures under `key` since `since`.
pub async fn count_failures(c: &mut Conn<'_>, key: &str, since: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at >= $2",
        key,
        since
    )
}

/// Clears failures under `key` (after a successful sign-in).
pub async fn clear_failures(c: &mut Conn<'_>, key: &str) -> DbResult<()> {
    execute!(c, "DELETE FROM login_failures WHERE throttle_key = $1", key)?;
    Ok(())
}

/// A personal access token (never the secret itself).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Stores a new token's hash.
pub async fn insert_token(
    c: &mut Conn<'_>,
    user_id: i64,
    name: &str,
    hash: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        user_id,
        name,
        hash,
        now
    )
}

/// The account behind a live token.
pub async fn find_token_user(c: &mut Conn<'_>, hash: &str) -> DbResult<Option<(i64, i64)>> {
    fetch_optional!(
        c,
        (i64, i64),
        "SELECT id, user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        hash
    )
}

/// Notes a token's use.
pub async fn touch_token(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1",
        id,
        now
    )?;
    Ok(())
}

/// An account's tokens, newest first.
pub async fn list_tokens(c: &mut Conn<'_>, user_id: i64) -> DbResult<Vec<ApiToken>> {
    fetch_all!(
        c,
        ApiToken,
        "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        user_id
    )
}

/// Revokes one of an account's tokens; false when it was not theirs or already revoked.
pub async fn revoke_token(c: &mut Conn<'_>, user_id: i64, id: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        id,
        user_id,
        now
    )?;
    Ok(n == 1)
}

/// Stores an invitation (set-your-password link) by its hash.
pub async fn insert_invitation(
    c: &mut Conn<'_>,
    hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        hash,
        user_id,
        now,
        expires_at
    )?;
    Ok(())
}

/// The account of a live, unused invitation.
pub async fn find_invitation(c: &mut Conn<'_>, hash: &str, now: i64) -> DbResult<Option<i64>> {
    let r: Option<(i64,)> = fetch_optional!(
        c,
        (i64,),
        "SELECT user_id FROM invitations WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        hash,
        now
    )?;
    Ok(r.map(|x| x.0))
}

/// Marks an invitation used; false when someone used it first.
pub async fn use_invitation(c: &mut Conn<'_>, hash: &str, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
        hash,
        now
    )?;
    Ok(n == 1)
}
