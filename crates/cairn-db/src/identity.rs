//! Signing in through an organisation's identity provider: the provider's settings, the links
//! from a provider's subject to an account, and sign-ins sent to the provider and not yet back.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional};
use serde::Serialize;

/// An organisation's provider. The client secret is never serialised.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Provider {
    pub organisation_id: i64,
    pub issuer: String,
    pub client_id: String,
    #[serde(skip)]
    pub client_secret: String,
    pub display_name: String,
    pub display_name_cy: String,
    pub staff_required: bool,
    /// The provider's e-mail addresses count as verified when its ID token does not say.
    pub emails_verified: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const PROVIDER_COLUMNS: &str = "organisation_id, issuer, client_id, client_secret, display_name, \
     display_name_cy, staff_required, emails_verified, created_at, updated_at";

/// What saving a provider writes. A `None` secret keeps the stored one.
#[derive(Debug, Clone)]
pub struct ProviderWrite<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub client_secret: Option<&'a str>,
    pub display_name: &'a str,
    pub display_name_cy: &'a str,
    pub staff_required: bool,
    pub emails_verified: bool,
}

/// The organisation's provider, if it has connected one.
pub async fn provider(c: &mut Conn<'_>, org: i64) -> DbResult<Option<Provider>> {
    fetch_optional!(
        c,
        Provider,
        &format!("SELECT {PROVIDER_COLUMNS} FROM identity_providers WHERE organisation_id = $1"),
        org
    )
}

/// Every connected provider, by organisation (the sign-in page offers each).
pub async fn providers(c: &mut Conn<'_>) -> DbResult<Vec<Provider>> {
    fetch_all!(
        c,
        Provider,
        &format!("SELECT {PROVIDER_COLUMNS} FROM identity_providers ORDER BY organisation_id")
    )
}

/// Saves the organisation's provider: the first time it needs a secret (the caller checks).
pub async fn put_provider(
    c: &mut Conn<'_>,
    org: i64,
    w: &ProviderWrite<'_>,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO identity_providers (organisation_id, issuer, client_id, client_secret, \
         display_name, display_name_cy, staff_required, emails_verified, created_at, \
         updated_at) VALUES ($1, $2, $3, COALESCE($4, ''), $5, $6, $7, $9, $8, $8) \
         ON CONFLICT (organisation_id) DO UPDATE SET issuer = excluded.issuer, \
         client_id = excluded.client_id, \
         client_secret = COALESCE($4, identity_providers.client_secret), \
         display_name = excluded.display_name, display_name_cy = excluded.display_name_cy, \
         staff_required = excluded.staff_required, \
         emails_verified = excluded.emails_verified, updated_at = excluded.updated_at",
        org,
        w.issuer,
        w.client_id,
        w.client_secret,
        w.display_name,
        w.display_name_cy,
        w.staff_required,
        now,
        w.emails_verified
    )?;
    Ok(())
}

/// Removes the organisation's provider, with the sign-ins sent to it and not yet back (they
/// could not finish). The links stay: see `cairn_app::identity::disconnect`. True when there
/// was a provider to remove.
pub async fn delete_provider(c: &mut Conn<'_>, org: i64) -> DbResult<bool> {
    execute!(
        c,
        "DELETE FROM identity_pending WHERE organisation_id = $1",
        org
    )?;
    let removed = execute!(
        c,
        "DELETE FROM identity_providers WHERE organisation_id = $1",
        org
    )?;
    Ok(removed > 0)
}

/// A provider's subject linked to an account.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Link {
    pub id: i64,
    pub user_id: i64,
    pub issuer: String,
    pub subject: String,
    pub linked_at: i64,
    pub last_used_at: Option<i64>,
}

const LINK_COLUMNS: &str = "id, user_id, issuer, subject, linked_at, last_used_at";

/// The link of a subject at an issuer.
pub async fn link_by_subject(
    c: &mut Conn<'_>,
    issuer: &str,
    subject: &str,
) -> DbResult<Option<Link>> {
    fetch_optional!(
        c,
        Link,
        &format!("SELECT {LINK_COLUMNS} FROM identity_links WHERE issuer = $1 AND subject = $2"),
        issuer,
        subject
    )
}

/// The account's link at an issuer, if it has one.
pub async fn link_of_user(c: &mut Conn<'_>, user: i64, issuer: &str) -> DbResult<Option<Link>> {
    fetch_optional!(
        c,
        Link,
        &format!("SELECT {LINK_COLUMNS} FROM identity_links WHERE user_id = $1 AND issuer = $2"),
        user,
        issuer
    )
}

/// Every link of an account (for the person's export).
pub async fn links_of_user(c: &mut Conn<'_>, user: i64) -> DbResult<Vec<Link>> {
    fetch_all!(
        c,
        Link,
        &format!("SELECT {LINK_COLUMNS} FROM identity_links WHERE user_id = $1 ORDER BY id"),
        user
    )
}

/// Links a subject to an account. `Conflict` when the subject or the account is linked already
/// (the unique constraints decide, so two sign-ins at once cannot both link).
pub async fn insert_link(
    c: &mut Conn<'_>,
    user: i64,
    issuer: &str,
    subject: &str,
    now: i64,
) -> DbResult<i64> {
    crate::fetch_scalar!(
        c,
        i64,
        "INSERT INTO identity_links (user_id, issuer, subject, linked_at, last_used_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
        user,
        issuer,
        subject,
        now
    )
}

/// Notes when a link was last used to sign in.
pub async fn touch_link(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE identity_links SET last_used_at = $2 WHERE id = $1",
        id,
        now
    )?;
    Ok(())
}

/// A sign-in waiting for the provider's answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pending {
    pub organisation_id: i64,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
    pub created_at: i64,
}

/// Keeps a sign-in sent to the provider, by the hash of its state.
pub async fn insert_pending(c: &mut Conn<'_>, state_hash: &str, p: &Pending) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO identity_pending (state_hash, organisation_id, nonce, pkce_verifier, \
         next_path, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        state_hash,
        p.organisation_id,
        &p.nonce,
        &p.pkce_verifier,
        &p.next_path,
        p.created_at
    )?;
    Ok(())
}

/// Takes a pending sign-in: deletes it and returns what it held, so a state is used at most
/// once, however many instances see it come back.
pub async fn take_pending(c: &mut Conn<'_>, state_hash: &str) -> DbResult<Option<Pending>> {
    fetch_optional!(
        c,
        Pending,
        "DELETE FROM identity_pending WHERE state_hash = $1 \
         RETURNING organisation_id, nonce, pkce_verifier, next_path, created_at",
        state_hash
    )
}

/// Forgets sign-ins started before `before` that never came back.
pub async fn purge_pending(c: &mut Conn<'_>, before: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM identity_pending WHERE created_at < $1",
        before
    )
}
