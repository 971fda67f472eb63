//! Passwords after the first: a person changes theirs (giving the current one), or chooses a
//! new one through a single-use link that works for an hour — sent by e-mail in their language
//! when the organisation sends e-mail, else made by an administrator and handed over (see
//! [`super::control::make_reset_link`]).
//!
//! Invariants: a change or a reset ends every session of the account (a change then opens one
//! new session for the person who made it, so they stay signed in); asking for a link says the
//! same whether or not the address has an account; a reset link works once, and using one
//! spends every other live link of the account.

use super::{
    NewSession, PASSWORD_RESET_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, check_password,
    hash_password, hash_secret, new_secret, verify_password,
};
use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult};
use cairn_db::accounts as db;
use cairn_domain::FieldErrors;
use cairn_domain::people::Language;

/// Live links an account may have at once; asking for more does nothing (and says the same),
/// so the form cannot be used to fill someone's inbox.
pub const LIVE_LINKS_MAX: i64 = 3;

/// Changes the actor's own password. Every session of the account ends, and a new one is
/// returned for the person who made the change (its cookie replaces theirs).
pub async fn change(
    app: &App,
    actor: &Actor,
    current: &str,
    new: &str,
    confirm: &str,
) -> AppResult<NewSession> {
    let mut e = FieldErrors::new();
    if current.is_empty() {
        e.add("current", "accounts-error-current-required");
    }
    check_password(&mut e, "password", new);
    if new != confirm {
        e.add("confirm", "accounts-error-password-mismatch");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let user = {
        let mut h = app.db.acquire().await?;
        db::get_user(&mut h.conn(), actor.user_id).await?
    };
    let right = match &user.password_hash {
        Some(h) => verify_password(current.to_owned(), h.clone()).await,
        None => false,
    };
    if !right {
        let mut e = FieldErrors::new();
        e.add("current", "accounts-error-current-wrong");
        return Err(AppError::Invalid(e));
    }
    let hash = hash_password(app, new.to_owned()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::set_password(&mut tx.conn(), user.id, &hash, now).await?;
    let ended = db::delete_sessions_of(&mut tx.conn(), user.id, None).await?;
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
    record::<(), _>(
        &mut tx.conn(),
        actor,
        user.organisation_id,
        Action::Update,
        "user_password",
        Some(user.id),
        None,
        Some(&serde_json::json!({"changed_by": "self", "sessions_ended": ended})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(NewSession {
        secret,
        csrf,
        user_id: user.id,
        locale: user.locale,
    })
}

/// Sends a link to choose a new password to `email`, in the account's language, when there is
/// a live account with that address and its organisation sends e-mail. Says nothing about
/// which of these held: the caller shows the same page whatever happened.
pub async fn request_link(app: &App, email: &str, base_url: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(user) = db::find_user_by_email(&mut tx.conn(), &email).await? else {
        return Ok(());
    };
    let Some(org) = user.organisation_id.filter(|_| !user.disabled) else {
        return Ok(());
    };
    let organisation = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    if !organisation.smtp_enabled
        || db::count_live_password_resets(&mut tx.conn(), user.id, now).await? >= LIVE_LINKS_MAX
    {
        return Ok(());
    }
    let secret = new_secret();
    db::insert_password_reset(
        &mut tx.conn(),
        &hash_secret(&secret),
        user.id,
        None,
        now,
        now + PASSWORD_RESET_MS,
    )
    .await?;
    let lang = user
        .locale
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or(Language::En);
    let link = format!("{}/password/{}", base_url.trim_end_matches('/'), secret);
    crate::notices::queue_email(
        app,
        &mut tx.conn(),
        org,
        &user.email,
        lang,
        "email-password-reset-subject",
        "email-password-reset-body",
        &[("organisation", organisation.name.clone()), ("link", link)],
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        &Actor::system(Some(org)),
        Some(org),
        Action::Create,
        "password_reset",
        Some(user.id),
        None,
        Some(&serde_json::json!({"made_by": "request", "emailed": true})),
        user.person_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// True when a link to choose a new password is live.
pub async fn link_is_live(app: &App, secret: &str) -> AppResult<bool> {
    let mut h = app.db.acquire().await?;
    Ok(
        db::find_password_reset(&mut h.conn(), &hash_secret(secret), app.now())
            .await?
            .is_some(),
    )
}

/// Sets a new password from a link: the link (and every other of the account) is spent, every
/// session ends, and the account's sign-in locks are lifted (the person has shown it is theirs).
/// `NotFound` for a spent, expired or unknown link.
pub async fn reset(app: &App, secret: &str, new: &str, confirm: &str) -> AppResult<i64> {
    let mut e = FieldErrors::new();
    check_password(&mut e, "password", new);
    if new != confirm {
        e.add("confirm", "accounts-error-password-mismatch");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let hash = hash_password(app, new.to_owned()).await?;
    let now = app.now();
    let h = hash_secret(secret);
    let mut tx = app.db.begin().await?;
    let uid = db::find_password_reset(&mut tx.conn(), &h, now)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::use_password_reset(&mut tx.conn(), &h, uid, now).await? {
        return Err(AppError::NotFound);
    }
    let user = db::get_user(&mut tx.conn(), uid).await?;
    if user.disabled {
        return Err(AppError::NotFound);
    }
    db::set_password(&mut tx.conn(), uid, &hash, now).await?;
    let ended = db::delete_sessions_of(&mut tx.conn(), uid, None).await?;
    db::clear_limits(
        &mut tx.conn(),
        &format!("acct:{}", user.email),
        Some(&format!("pair:{}|", user.email)),
    )
    .await?;
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
        Some(&serde_json::json!({"changed_by": "reset_link", "sessions_ended": ended})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(uid)
}
