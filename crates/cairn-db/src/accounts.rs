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
    /// Pages the member reads most are shown in Easy Read.
    pub easy_read: bool,
    pub disabled: bool,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_sign_in_at: Option<i64>,
}

const USER_COLUMNS: &str = "id, organisation_id, email, password_hash, role, person_id, locale, easy_read, disabled, disabled_at, created_at, updated_at, last_sign_in_at";

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

/// Remembers whether an account reads Easy Read.
pub async fn set_easy_read(c: &mut Conn<'_>, user_id: i64, on: bool, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE users SET easy_read = $2, updated_at = $3 WHERE id = $1",
        user_id,
        on,
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

/// Disables or re-enables an account; false when it already was so. A disabled account cannot
/// sign in and its tokens are refused; the caller ends its sessions and revokes its tokens.
pub async fn set_disabled(
    c: &mut Conn<'_>,
    user_id: i64,
    disabled: bool,
    now: i64,
) -> DbResult<bool> {
    let at = disabled.then_some(now);
    let n = execute!(
        c,
        "UPDATE users SET disabled = $2, disabled_at = $3, updated_at = $4 WHERE id = $1 AND disabled <> $2",
        user_id,
        disabled,
        at,
        now
    )?;
    Ok(n == 1)
}

/// Gives an account another role.
pub async fn set_role(c: &mut Conn<'_>, user_id: i64, role: Role, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE users SET role = $2, updated_at = $3 WHERE id = $1",
        user_id,
        role.key(),
        now
    )?;
    Ok(())
}

/// [`USER_COLUMNS`] read through the alias `u`, for queries that join accounts to other tables
/// with columns of the same names.
static JOINED_USER_COLUMNS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    USER_COLUMNS
        .split(", ")
        .map(|c| format!("u.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
});

/// What a signed-in request needs before its handler runs, read in one query: the live
/// session, its account, and the version of the account's organisation's settings.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionWithUser {
    #[sqlx(flatten)]
    pub session: SessionRow,
    #[sqlx(flatten)]
    pub user: User,
    /// `None` for an account without an organisation.
    pub settings_version: Option<i64>,
}

/// A live session (before both its idle and its absolute end, as [`find_session`]) with its
/// account and its organisation's settings version, in one query.
pub async fn find_session_with_user(
    c: &mut Conn<'_>,
    id_hash: &str,
    now: i64,
) -> DbResult<Option<SessionWithUser>> {
    fetch_optional!(
        c,
        SessionWithUser,
        &format!(
            "SELECT s.user_id, s.csrf_token, s.expires_at, s.ends_at, {}, o.settings_version \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN organisations o ON o.id = u.organisation_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.ends_at > $2",
            *JOINED_USER_COLUMNS
        ),
        id_hash,
        now
    )
}

/// What an API request needs before its handler runs, read in one query: the live token's
/// id and its account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenWithUser {
    pub token_id: i64,
    #[sqlx(flatten)]
    pub user: User,
}

/// A live token (not revoked and not expired at `now`, as [`find_token_user`]) with its
/// account, in one query.
pub async fn find_token_with_user(
    c: &mut Conn<'_>,
    hash: &str,
    now: i64,
) -> DbResult<Option<TokenWithUser>> {
    fetch_optional!(
        c,
        TokenWithUser,
        &format!(
            "SELECT t.id AS token_id, {} \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2",
            *JOINED_USER_COLUMNS
        ),
        hash,
        now
    )
}

/// A session row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    /// The sliding idle end.
    pub expires_at: i64,
    /// The absolute end, however active the session is.
    pub ends_at: i64,
}

/// What an account's page shows of a session: never its secret. `id_hash` is the SHA-256 of
/// the secret, which cannot be turned back into a cookie, so it may name the session in a form.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct SessionInfo {
    pub id_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ends_at: i64,
}

/// Stores a new session under the hash of its id: idle end `expires_at`, absolute end `ends_at`.
pub async fn insert_session(
    c: &mut Conn<'_>,
    id_hash: &str,
    user_id: i64,
    csrf: &str,
    now: i64,
    expires_at: i64,
    ends_at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, ends_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $4)",
        id_hash,
        user_id,
        csrf,
        now,
        expires_at,
        ends_at
    )?;
    Ok(())
}

/// A live session (before both its idle and its absolute end) by the hash of its id.
pub async fn find_session(
    c: &mut Conn<'_>,
    id_hash: &str,
    now: i64,
) -> DbResult<Option<SessionRow>> {
    fetch_optional!(
        c,
        SessionRow,
        "SELECT user_id, csrf_token, expires_at, ends_at FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND ends_at > $2",
        id_hash,
        now
    )
}

/// Pushes a session's idle end forward (never past its absolute end) and notes its use.
pub async fn extend_session(
    c: &mut Conn<'_>,
    id_hash: &str,
    now: i64,
    expires_at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE sessions SET expires_at = CASE WHEN $2 < ends_at THEN $2 ELSE ends_at END, last_seen_at = $3 WHERE id_hash = $1",
        id_hash,
        expires_at,
        now
    )?;
    Ok(())
}

/// Ends a session.
pub async fn delete_session(c: &mut Conn<'_>, id_hash: &str) -> DbResult<()> {
    execute!(c, "DELETE FROM sessions WHERE id_hash = $1", id_hash)?;
    Ok(())
}

/// Ends one session of an account; false when the account has no such session.
pub async fn delete_session_of(c: &mut Conn<'_>, user_id: i64, id_hash: &str) -> DbResult<bool> {
    let n = execute!(
        c,
        "DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2",
        id_hash,
        user_id
    )?;
    Ok(n == 1)
}

/// Ends every session of an account, but `keep` (the hash of the session making a password
/// change, which stays signed in); returns how many ended.
pub async fn delete_sessions_of(
    c: &mut Conn<'_>,
    user_id: i64,
    keep: Option<&str>,
) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2",
        user_id,
        keep.unwrap_or("")
    )
}

/// An account's live sessions, most recently used first.
pub async fn list_sessions(c: &mut Conn<'_>, user_id: i64, now: i64) -> DbResult<Vec<SessionInfo>> {
    fetch_all!(
        c,
        SessionInfo,
        "SELECT id_hash, created_at, last_seen_at, expires_at, ends_at FROM sessions WHERE user_id = $1 AND expires_at > $2 AND ends_at > $2 ORDER BY last_seen_at DESC, id_hash",
        user_id,
        now
    )
}

/// Removes ended sessions, spent password links and sign-in limits with nothing recent.
pub async fn purge_expired(c: &mut Conn<'_>, now: i64, limits_before: i64) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM sessions WHERE expires_at <= $1 OR ends_at <= $1",
        now
    )?;
    execute!(
        c,
        "DELETE FROM sign_in_limits WHERE last_failure_at < $1 AND locked_until <= $2",
        limits_before,
        now
    )?;
    execute!(c, "DELETE FROM password_resets WHERE expires_at <= $1", now)?;
    Ok(())
}

/// A sign-in limit's state: failures counted within the window, and the end of a lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Limit {
    pub failures: i64,
    pub last_failure_at: i64,
    pub locked_until: i64,
}

/// Reads a limit's row, creating it empty, and holds it until the transaction ends (the row
/// lock on PostgreSQL; SQLite's write transaction already serialises writers). Failures last
/// counted before `window_start` read as none.
pub async fn take_limit(
    c: &mut Conn<'_>,
    key: &str,
    now: i64,
    window_start: i64,
) -> DbResult<Limit> {
    // The no-op update makes PostgreSQL lock an existing row and return its newest version.
    let l: Limit = fetch_one!(
        c,
        Limit,
        "INSERT INTO sign_in_limits (throttle_key, failures, last_failure_at, locked_until) VALUES ($1, 0, $2, 0) \
         ON CONFLICT (throttle_key) DO UPDATE SET throttle_key = excluded.throttle_key \
         RETURNING failures, last_failure_at, locked_until",
        key,
        now
    )?;
    Ok(
        if l.last_failure_at < window_start && l.locked_until <= now {
            Limit { failures: 0, ..l }
        } else {
            l
        },
    )
}

/// Writes a limit's new state (inside the transaction that took it).
pub async fn put_limit(c: &mut Conn<'_>, key: &str, l: &Limit) -> DbResult<()> {
    execute!(
        c,
        "UPDATE sign_in_limits SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE throttle_key = $1",
        key,
        l.failures,
        l.last_failure_at,
        l.locked_until
    )?;
    Ok(())
}

/// A limit's state without taking it (for the administrator's page).
pub async fn peek_limit(c: &mut Conn<'_>, key: &str) -> DbResult<Option<Limit>> {
    fetch_optional!(
        c,
        Limit,
        "SELECT failures, last_failure_at, locked_until FROM sign_in_limits WHERE throttle_key = $1",
        key
    )
}

/// Clears limits: the key itself, and every key starting with `prefix` when given (an
/// administrator's unlock clears the account and each of its addresses). Returns how many.
pub async fn clear_limits(c: &mut Conn<'_>, key: &str, prefix: Option<&str>) -> DbResult<u64> {
    let n = execute!(c, "DELETE FROM sign_in_limits WHERE throttle_key = $1", key)?;
    let m = match prefix {
        // substr, not LIKE: an e-mail address may hold `_` or `%`.
        Some(p) => execute!(
            c,
            "DELETE FROM sign_in_limits WHERE substr(throttle_key, 1, $2) = $1",
            p,
            i32::try_from(p.chars().count()).unwrap_or(i32::MAX)
        )?,
        None => 0,
    };
    Ok(n + m)
}

/// A personal access token (never the secret itself).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Stores a new token's hash; it works until `expires_at`.
pub async fn insert_token(
    c: &mut Conn<'_>,
    user_id: i64,
    name: &str,
    hash: &str,
    now: i64,
    expires_at: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        user_id,
        name,
        hash,
        now,
        expires_at
    )
}

/// The token id and account behind a live token: not revoked and not expired at `now`.
pub async fn find_token_user(
    c: &mut Conn<'_>,
    hash: &str,
    now: i64,
) -> DbResult<Option<(i64, i64)>> {
    fetch_optional!(
        c,
        (i64, i64),
        "SELECT id, user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
        hash,
        now
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
        "SELECT id, user_id, name, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
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

/// Revokes every live token of an account; returns how many.
pub async fn revoke_tokens_of(c: &mut Conn<'_>, user_id: i64, now: i64) -> DbResult<u64> {
    execute!(
        c,
        "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        user_id,
        now
    )
}

/// A token with the account it belongs to, for an administrator (only within `organisation_id`).
pub async fn get_token_in(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
) -> DbResult<Option<ApiToken>> {
    fetch_optional!(
        c,
        ApiToken,
        "SELECT t.id, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1 AND u.organisation_id = $2",
        id,
        organisation_id
    )
}

/// Stores a link to choose a new password, by its hash.
pub async fn insert_password_reset(
    c: &mut Conn<'_>,
    hash: &str,
    user_id: i64,
    made_by: Option<i64>,
    now: i64,
    expires_at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO password_resets (token_hash, user_id, made_by_user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        hash,
        user_id,
        made_by,
        now,
        expires_at
    )?;
    Ok(())
}

/// How many live, unused password links an account has.
pub async fn count_live_password_resets(c: &mut Conn<'_>, user_id: i64, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2",
        user_id,
        now
    )
}

/// The account of a live, unused password link.
pub async fn find_password_reset(c: &mut Conn<'_>, hash: &str, now: i64) -> DbResult<Option<i64>> {
    let r: Option<(i64,)> = fetch_optional!(
        c,
        (i64,),
        "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        hash,
        now
    )?;
    Ok(r.map(|x| x.0))
}

/// Marks a password link used, and every other live link of the same account with it; false
/// when someone used this one first.
pub async fn use_password_reset(
    c: &mut Conn<'_>,
    hash: &str,
    user_id: i64,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
        hash,
        now
    )?;
    execute!(
        c,
        "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
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
