//! Signing staff in through the organisation's own identity provider (OpenID Connect).
//!
//! An organisation administrator connects the provider: its issuer, the client id and secret
//! Cairn was registered with, and the name people know it by. Saving checks the issuer's
//! discovery document, so a mistyped address is caught while the administrator is still there.
//!
//! A sign-in is the authorization code flow with PKCE (S256), `state` and `nonce`, through the
//! `openidconnect` crate, which checks the ID token's signature against the provider's keys
//! and its issuer, audience, expiry (by the app's clock) and nonce. What Cairn sent is kept in
//! `identity_pending` under the hash of the state: any instance can finish a sign-in, taking it
//! deletes it (so a state works once), and it lasts [`PENDING_MS`].
//!
//! The account is found by the provider's subject (`sub`) at that issuer. The first time, and
//! only then, it is found by the token's verified e-mail address, among accounts of the
//! provider's organisation that already exist: nobody is given an account by signing in, and an
//! address changed at the provider later neither moves nor adds a link. An address is verified
//! when the token says `email_verified: true`, or, for a provider whose administrator has said
//! its addresses are verified (Microsoft Entra ID sends no `email_verified`), when the token
//! does not say; `email_verified: false` never is.
//!
//! Disconnecting removes the provider's settings and with them "staff must sign in with the
//! provider", so nobody is left without a way in. The links stay (see [`disconnect`]). Members never sign in
//! this way (they keep passwords and invitations), nor do disabled accounts. A successful
//! sign-in opens the same session as a password would ([`crate::accounts`]).

use crate::accounts::{self, NewSession};
use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::accounts::User;
use cairn_db::identity::{self as db, Pending, Provider, ProviderWrite};
use cairn_domain::{FieldErrors, Permission, Role};
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::url::Url;
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde_json::json;
use std::time::{Duration, UNIX_EPOCH};

/// How long a sign-in sent to the provider may take to come back.
pub const PENDING_MS: i64 = 10 * 60 * 1000;
/// How long Cairn waits for the provider to answer one request.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);
/// The path the provider sends people back to (registered with the provider).
pub const CALLBACK_PATH: &str = "/sign-in/provider/callback";

/// The address to register at the provider as Cairn's redirect URI.
pub fn redirect_uri(base_url: &str) -> String {
    format!("{}{CALLBACK_PATH}", base_url.trim_end_matches('/'))
}

/// What an administrator types to connect the provider.
#[derive(Debug, Clone, Default)]
pub struct ProviderForm {
    pub issuer: String,
    pub client_id: String,
    /// Empty keeps the stored secret.
    pub client_secret: String,
    pub display_name: String,
    pub display_name_cy: String,
    pub staff_required: bool,
    /// Treat the provider's e-mail addresses as verified when its ID token does not say.
    pub emails_verified: bool,
}

/// The provider as its settings page shows it: never the secret.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    pub issuer: String,
    pub client_id: String,
    pub display_name: String,
    pub display_name_cy: String,
    pub staff_required: bool,
    pub emails_verified: bool,
    pub updated_at: i64,
}

/// A provider the sign-in page offers: its organisation and its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInChoice {
    pub organisation_id: i64,
    pub name: String,
    pub name_cy: String,
}

/// Why the ID token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// Issued for another client.
    Audience,
    /// Past its expiry by Cairn's clock.
    Expired,
    /// A bad signature, issuer, nonce or anything else the library refused.
    Invalid,
}

/// Why a sign-in through the provider did not sign anyone in. Each has a page of its own in
/// the person's language saying what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The state is unknown, used already or older than [`PENDING_MS`]: start again.
    Expired,
    /// The provider could not be reached, said no, or answered wrongly.
    Provider,
    /// The ID token was refused.
    Token(TokenProblem),
    /// No existing account of the organisation is this person (or their account is linked
    /// to another identity at the provider).
    Unknown,
    /// The account is disabled (a leaver, say).
    Disabled,
    /// Members sign in with their password or invitation.
    Member,
}

impl Refusal {
    /// The stored key (audit rows and log lines).
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Expired => "expired",
            Refusal::Provider => "provider",
            Refusal::Token(TokenProblem::Audience) => "token_audience",
            Refusal::Token(TokenProblem::Expired) => "token_expired",
            Refusal::Token(TokenProblem::Invalid) => "token_invalid",
            Refusal::Unknown => "unknown",
            Refusal::Disabled => "disabled",
            Refusal::Member => "member",
        }
    }
}

/// What came back from the provider.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    /// The provider's `error`, when it refused (the person cancelled, say).
    pub error: Option<String>,
}

/// The end of a sign-in through the provider.
#[derive(Debug, Clone)]
pub enum Finished {
    /// Signed in: the session, and where to go (a local path).
    SignedIn {
        session: NewSession,
        next: String,
    },
    Refused(Refusal),
}

/// An HTTP client for talking to providers. It follows no redirects, as `openidconnect`
/// advises: a redirect could send the client secret or the code somewhere else.
fn http_client() -> AppResult<openidconnect::reqwest::Client> {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(PROVIDER_TIMEOUT)
        .build()
        .map_err(|e| AppError::Unexpected(format!("building the provider client: {e}")))
}

/// True for an issuer Cairn may talk to: https, or plain http to this machine only (a provider
/// run beside Cairn for tests or a demonstration).
fn issuer_allowed(url: &Url) -> bool {
    let loopback = match url.host() {
        Some(openidconnect::url::Host::Ipv4(a)) => a.is_loopback(),
        Some(openidconnect::url::Host::Ipv6(a)) => a.is_loopback(),
        Some(openidconnect::url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    let scheme_ok = match url.scheme() {
        "https" => url.host().is_some(),
        "http" => loopback,
        _ => false,
    };
    scheme_ok
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
}

/// Fetches and checks the issuer's discovery document (its `issuer` must be the one typed).
async fn discover(issuer: &str) -> Result<CoreProviderMetadata, String> {
    let http = http_client().map_err(|e| e.to_string())?;
    let url = IssuerUrl::new(issuer.to_owned()).map_err(|e| e.to_string())?;
    CoreProviderMetadata::discover_async(url, &http)
        .await
        .map_err(|e| match e {
            openidconnect::DiscoveryError::Validation(m) => format!("mismatch: {m}"),
            other => {
                let mut s = other.to_string();
                let mut src = std::error::Error::source(&other);
                while let Some(cause) = src {
                    s.push_str(": ");
                    s.push_str(&cause.to_string());
                    src = cause.source();
                }
                s
            }
        })
}

/// The organisation's provider settings, if connected.
pub async fn settings(app: &App, actor: &Actor) -> AppResult<Option<ProviderSettings>> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::provider(&mut h.conn(), org)
        .await?
        .map(|p| ProviderSettings {
            issuer: p.issuer,
            client_id: p.client_id,
            display_name: p.display_name,
            display_name_cy: p.display_name_cy,
            staff_required: p.staff_required,
            emails_verified: p.emails_verified,
            updated_at: p.updated_at,
        }))
}

fn text(e: &mut FieldErrors, field: &str, raw: &str, max: usize, required: &'static str) -> String {
    cairn_domain::validation::required_text(e, field, raw, max, required, "identity-error-too-long")
}

/// Connects (or changes) the organisation's provider. The issuer's discovery document is
/// fetched before anything is saved: an issuer that does not answer, or answers as another
/// issuer, is refused beside the field.
pub async fn connect(app: &App, actor: &Actor, f: &ProviderForm) -> AppResult<()> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let issuer = text(
        &mut e,
        "issuer",
        &f.issuer,
        500,
        "identity-error-issuer-required",
    );
    let issuer_ok = !issuer.is_empty()
        && match Url::parse(&issuer) {
            Ok(u) if issuer_allowed(&u) => true,
            _ => {
                e.add("issuer", "identity-error-issuer-https");
                false
            }
        };
    let client_id = text(
        &mut e,
        "client_id",
        &f.client_id,
        255,
        "identity-error-client-id-required",
    );
    let secret = f.client_secret.trim();
    if secret.chars().count() > 1024 {
        e.add("client_secret", "identity-error-too-long");
    }
    if secret.chars().any(char::is_control) {
        e.add("client_secret", "error-control-character");
    }
    let name = text(
        &mut e,
        "display_name",
        &f.display_name,
        80,
        "identity-error-name-required",
    );
    let name_cy = text(
        &mut e,
        "display_name_cy",
        &f.display_name_cy,
        80,
        "identity-error-name-cy-required",
    );
    let before = {
        let mut h = app.db.acquire().await?;
        db::provider(&mut h.conn(), org).await?
    };
    if before.is_none() && secret.is_empty() {
        e.add("client_secret", "identity-error-secret-required");
    }
    if issuer_ok && let Err(why) = discover(&issuer).await {
        tracing::info!(%issuer, error = %why, "identity provider discovery failed");
        e.add(
            "issuer",
            if why.starts_with("mismatch") {
                "identity-error-issuer-mismatch"
            } else {
                "identity-error-issuer-unreachable"
            },
        );
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::put_provider(
        &mut tx.conn(),
        org,
        &ProviderWrite {
            issuer: &issuer,
            client_id: &client_id,
            client_secret: (!secret.is_empty()).then_some(secret),
            display_name: &name,
            display_name_cy: &name_cy,
            staff_required: f.staff_required,
            emails_verified: f.emails_verified,
        },
        now,
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        if before.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        "identity_provider",
        Some(org),
        before.as_ref().map(shown).as_ref(),
        Some(
            &json!({"issuer": issuer, "client_id": client_id, "display_name": name,
                     "display_name_cy": name_cy, "staff_required": f.staff_required,
                     "emails_verified": f.emails_verified,
                     "secret_changed": !secret.is_empty()}),
        ),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The provider as its audit rows show it: never the secret.
fn shown(p: &Provider) -> serde_json::Value {
    json!({"issuer": p.issuer, "client_id": p.client_id, "display_name": p.display_name,
           "display_name_cy": p.display_name_cy, "staff_required": p.staff_required,
           "emails_verified": p.emails_verified})
}

/// Disconnects the organisation's provider: its settings go, and with them "staff must sign in
/// with the provider", so staff sign in with their passwords again (or set one through "forgot
/// password") and nobody is locked out. Sign-ins sent to the provider and not yet back can no
/// longer finish.
///
/// The links from the provider's subjects to accounts are kept: they are only ever used for the
/// issuer they were made at, so they do nothing while no provider of that issuer is connected,
/// and a reconnection to the same issuer signs people straight in by subject instead of linking
/// everyone again by e-mail (where an address changed at the provider in between would link
/// nobody). They stay in the person's export and go with the account's erasure as before.
///
/// False when no provider was connected (nothing changed, nothing audited).
pub async fn disconnect(app: &App, actor: &Actor) -> AppResult<bool> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(before) = db::provider(&mut tx.conn(), org).await? else {
        return Ok(false);
    };
    db::delete_provider(&mut tx.conn(), org).await?;
    record::<_, serde_json::Value>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Revoke,
        "identity_provider",
        Some(org),
        Some(&shown(&before)),
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The providers the sign-in page offers, one a connected organisation.
pub async fn sign_in_choices(app: &App) -> AppResult<Vec<SignInChoice>> {
    let mut h = app.db.acquire().await?;
    Ok(db::providers(&mut h.conn())
        .await?
        .into_iter()
        .map(|p| SignInChoice {
            organisation_id: p.organisation_id,
            name: p.display_name,
            name_cy: p.display_name_cy,
        })
        .collect())
}

/// True when the account may not sign in with a password: a staff account of an organisation
/// that requires its provider for staff. Members never are.
pub async fn password_refused(app: &App, user: &User) -> AppResult<bool> {
    let Some(org) = user.organisation_id else {
        return Ok(false);
    };
    if user.role == Role::Member {
        return Ok(false);
    }
    let mut h = app.db.acquire().await?;
    Ok(db::provider(&mut h.conn(), org)
        .await?
        .is_some_and(|p| p.staff_required))
}

type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The provider's client, from a fresh discovery (so rotated keys are picked up).
async fn client(p: &Provider, redirect: &str) -> Result<Client, String> {
    let meta = discover(&p.issuer).await?;
    let redirect = RedirectUrl::new(redirect.to_owned()).map_err(|e| e.to_string())?;
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// A sign-in sent to the provider.
#[derive(Debug, Clone)]
pub struct Started {
    /// The provider's address to send the browser to.
    pub url: String,
    /// The state, for the browser to keep (in a cookie) and show again when it comes back: a
    /// state that comes back in another browser is not that person's sign-in.
    pub state: String,
}

/// Starts a sign-in through the organisation's provider: keeps the state's hash, the nonce,
/// the PKCE verifier and where to go afterwards, and returns where to send the browser.
/// `NotFound` when the organisation has no provider.
pub async fn start(
    app: &App,
    org: i64,
    next: &str,
    base_url: &str,
) -> AppResult<Result<Started, Refusal>> {
    let p = {
        let mut h = app.db.acquire().await?;
        db::provider(&mut h.conn(), org)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let client = match client(&p, &redirect_uri(base_url)).await {
        Ok(c) => c,
        Err(why) => {
            tracing::warn!(organisation = org, error = %why, "identity provider unavailable");
            return Ok(Err(Refusal::Provider));
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::purge_pending(&mut tx.conn(), now - PENDING_MS).await?;
    db::insert_pending(
        &mut tx.conn(),
        &accounts::hash_secret(state.secret()),
        &Pending {
            organisation_id: org,
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            next_path: next.to_owned(),
            created_at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(Started {
        url: url.to_string(),
        state: state.secret().clone(),
    }))
}

/// Records a refused sign-in (an audit row, and a log line) and returns the refusal.
async fn refuse(
    app: &App,
    org: i64,
    user: Option<&User>,
    refusal: Refusal,
    subject: Option<&str>,
) -> AppResult<Finished> {
    tracing::warn!(
        organisation = org,
        user = user.map(|u| u.id),
        reason = refusal.key(),
        "sign-in through the identity provider refused"
    );
    let actor = match user {
        Some(u) => accounts::actor_for(app, u).await?,
        None => Actor::system(Some(org)),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    record::<(), _>(
        &mut tx.conn(),
        &actor,
        Some(org),
        Action::SignIn,
        "identity_sign_in",
        user.map(|u| u.id),
        None,
        // The subject says which provider identity tried, for whoever looks into it; an
        // unknown person's e-mail address is not kept.
        Some(&json!({"refused": refusal.key(), "subject": subject})),
        user.and_then(|u| u.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Finished::Refused(refusal))
}

/// Finishes a sign-in the provider sent back: takes the pending sign-in for the state (once),
/// exchanges the code with the PKCE verifier, has the library verify the ID token, finds the
/// account (by subject, or once by verified e-mail) and opens a session.
pub async fn finish(app: &App, cb: &Callback, base_url: &str) -> AppResult<Finished> {
    let now = app.now();
    let Some(state) = cb.state.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(Finished::Refused(Refusal::Expired));
    };
    let pending = {
        let mut tx = app.db.begin().await?;
        let p = db::take_pending(&mut tx.conn(), &accounts::hash_secret(state)).await?;
        tx.commit().await?;
        p
    };
    let Some(pending) = pending.filter(|p| now - p.created_at < PENDING_MS) else {
        tracing::info!("identity provider sign-in with an unknown, used or expired state");
        return Ok(Finished::Refused(Refusal::Expired));
    };
    let org = pending.organisation_id;
    let (code, provider) = {
        let mut h = app.db.acquire().await?;
        (
            cb.code.as_deref().filter(|_| cb.error.is_none()),
            db::provider(&mut h.conn(), org).await?,
        )
    };
    let (Some(code), Some(provider)) = (code, provider) else {
        tracing::info!(organisation = org, error = ?cb.error, "identity provider returned no code");
        return refuse(app, org, None, Refusal::Provider, None).await;
    };
    let tokens = match exchange(&provider, code, &pending, base_url).await {
        Ok(t) => t,
        Err(why) => {
            tracing::warn!(organisation = org, error = %why, "identity provider token exchange failed");
            return refuse(app, org, None, Refusal::Provider, None).await;
        }
    };
    let (client, response) = tokens;
    let Some(id_token) = response.id_token() else {
        return refuse(app, org, None, Refusal::Provider, None).await;
    };
    let at = UNIX_EPOCH + Duration::from_millis(u64::try_from(now).unwrap_or(0));
    let verifier = client.id_token_verifier().set_time_fn(move || at.into());
    let claims = match id_token.claims(&verifier, &Nonce::new(pending.nonce.clone())) {
        Ok(c) => c,
        Err(err) => {
            let problem = match &err {
                ClaimsVerificationError::InvalidAudience(_) => TokenProblem::Audience,
                ClaimsVerificationError::Expired(_) => TokenProblem::Expired,
                _ => TokenProblem::Invalid,
            };
            tracing::warn!(organisation = org, error = %err, "identity provider ID token refused");
            return refuse(app, org, None, Refusal::Token(problem), None).await;
        }
    };
    let subject = claims.subject().as_str().to_owned();
    let email = claims
        .email()
        .filter(|_| email_verified(claims.email_verified(), provider.emails_verified))
        .map(|e| e.as_str().trim().to_lowercase());
    account_for(
        app,
        &provider,
        &subject,
        email.as_deref(),
        &pending.next_path,
    )
    .await
}

/// Whether the token's e-mail address may link an account: what the token says, and only when
/// it says nothing, what the administrator set for the provider.
fn email_verified(claim: Option<bool>, provider_says: bool) -> bool {
    claim.unwrap_or(provider_says)
}

type Tokens = (Client, openidconnect::core::CoreTokenResponse);

async fn exchange(
    provider: &Provider,
    code: &str,
    pending: &Pending,
    base_url: &str,
) -> Result<Tokens, String> {
    let client = client(provider, &redirect_uri(base_url)).await?;
    let http = http_client().map_err(|e| e.to_string())?;
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| e.to_string())?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&http)
        .await
        .map_err(|e| match e {
            openidconnect::RequestTokenError::ServerResponse(r) => format!("{r:?}"),
            other => other.to_string(),
        })?;
    Ok((client, response))
}

/// Finds the account for a verified identity, links it the first time, and opens a session.
async fn account_for(
    app: &App,
    provider: &Provider,
    subject: &str,
    email: Option<&str>,
    next: &str,
) -> AppResult<Finished> {
    let org = provider.organisation_id;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let link = db::link_by_subject(&mut tx.conn(), &provider.issuer, subject).await?;
    let (user, new_link) = match &link {
        Some(l) => (
            Some(cairn_db::accounts::get_user(&mut tx.conn(), l.user_id).await?),
            false,
        ),
        None => match email {
            Some(email) => {
                let u = cairn_db::accounts::find_user_by_email(&mut tx.conn(), email).await?;
                // An account already linked to another identity at this provider keeps it:
                // a second identity claiming its address is not that person.
                let taken = match &u {
                    Some(u) => db::link_of_user(&mut tx.conn(), u.id, &provider.issuer)
                        .await?
                        .is_some(),
                    None => false,
                };
                (u.filter(|_| !taken), true)
            }
            None => (None, true),
        },
    };
    let user = user.filter(|u| u.organisation_id == Some(org));
    let refusal = match &user {
        None => Some(Refusal::Unknown),
        Some(u) if u.disabled => Some(Refusal::Disabled),
        Some(u) if u.role == Role::Member => Some(Refusal::Member),
        Some(_) => None,
    };
    let (Some(user), None) = (&user, refusal) else {
        drop(tx);
        let refusal = refusal.unwrap_or(Refusal::Unknown);
        let known = user.as_ref().filter(|_| refusal != Refusal::Unknown);
        return refuse(app, org, known, refusal, Some(subject)).await;
    };
    let user = user.clone();
    let link_id = if new_link {
        let id = db::insert_link(&mut tx.conn(), user.id, &provider.issuer, subject, now).await?;
        // Built by hand: the units are not needed for the audit row, and reading them on a
        // second pooled connection while this transaction holds one could starve the pool.
        let actor = Actor {
            user_id: user.id,
            organisation_id: user.organisation_id,
            role: user.role,
            unit_ids: Vec::new(),
            person_id: user.person_id,
            label: user.email.clone(),
        };
        record::<(), _>(
            &mut tx.conn(),
            &actor,
            Some(org),
            Action::Create,
            "identity_link",
            Some(id),
            None,
            Some(&json!({"user_id": user.id, "issuer": provider.issuer, "subject": subject})),
            user.person_id,
            now,
        )
        .await?;
        id
    } else {
        link.map(|l| l.id).unwrap_or_default()
    };
    db::touch_link(&mut tx.conn(), link_id, now).await?;
    tx.commit().await?;
    let session = accounts::open_session(
        app,
        &user,
        &[],
        Some(&json!({"with": "identity_provider", "issuer": provider.issuer})),
    )
    .await?;
    Ok(Finished::SignedIn {
        session,
        next: next.to_owned(),
    })
}
