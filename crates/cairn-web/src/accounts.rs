//! Signing in and out, first-time set-up, invitations, the account page (language and
//! personal access tokens) and the language switch.

use crate::context::{Ctx, LANG_COOKIE, Posted, SESSION_COOKIE, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cairn_app::AppError;
use cairn_domain::people::Language;
use serde::Deserialize;

pub mod control;
pub mod passwords;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/", root)
        .get("/sign-in", sign_in_form)
        .post("/sign-in", sign_in)
        .post("/sign-out", sign_out)
        .get("/setup", setup_form)
        .post("/setup", setup)
        .get("/invitation/{token}", invitation_form)
        .post("/invitation/{token}", invitation)
        .get("/account", account)
        .post("/account/tokens", create_token)
        .post("/account/tokens/{id}/revoke", revoke_token)
        .post("/session/keep", keep_session)
        .get("/language", language_link)
        .post("/language", choose_language)
}

/// A path on this site to go back to, or `/home` (see [`crate::redirect`]).
pub(crate) fn local_next(next: Option<&str>) -> Result<String, WebError> {
    crate::redirect::local_target(next, "/home")
}

async fn root(State(st): State<AppState>, ctx: Ctx) -> WebResult {
    if cairn_app::accounts::needs_setup(&st.app).await? {
        return see_other("/setup");
    }
    see_other(if ctx.session.is_some() {
        "/home"
    } else {
        "/sign-in"
    })
}

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    next: String,
    /// Just back from choosing a new password through a link.
    reset_done: bool,
    /// "Sign in with …" for each organisation's identity provider.
    providers: Vec<crate::identity::ProviderButton>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    reset: Option<String>,
}

async fn sign_in_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> WebResult {
    if ctx.session.is_some() {
        return see_other(&local_next(q.next.as_deref())?);
    }
    let t = ctx.t();
    let next = local_next(q.next.as_deref())?;
    let providers = crate::identity::buttons(&st, &t, &next).await?;
    html(&SignInPage {
        chrome: Chrome::public(&ctx, t.get("sign-in-title")),
        t,
        form: FormState::new(),
        next,
        reset_done: q.reset.as_deref() == Some("done"),
        providers,
    })
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub(super) fn session_cookie(st: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(st.config.secure_cookies)
        .build()
}

async fn sign_in(
    State(st): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Posted(f): Posted<SignInForm>,
) -> WebResult {
    let t = ctx.t();
    let next = local_next(f.next.as_deref())?;
    // A throttled or refused sign-in is shown on the form; anything else is an error page.
    let (status, errs) =
        match cairn_app::accounts::sign_in(&st.app, &f.email, &f.password, &ctx.addr).await {
            Ok(s) => return Ok(signed_in_response(&st, jar, s, &next)),
            Err(AppError::Throttled) => {
                let mut errs = cairn_domain::FieldErrors::new();
                errs.add("email", "accounts-error-throttled");
                (StatusCode::TOO_MANY_REQUESTS, errs)
            }
            Err(AppError::Invalid(errs)) => (StatusCode::UNPROCESSABLE_ENTITY, errs),
            Err(e) => return Err(e.into()),
        };
    let mut form = FormState::new();
    form.set("email", f.email.clone());
    form.add_errors(&t, &errs);
    let chrome = Chrome::public(&ctx, t.get("sign-in-title")).with_errors(&form);
    let providers = crate::identity::buttons(&st, &t, &next).await?;
    html_status(
        status,
        &SignInPage {
            chrome,
            t,
            form,
            next,
            reset_done: false,
            providers,
        },
    )
}

/// The answer to a successful sign-in, by password or through the organisation's identity
/// provider: the new session's cookie (a fresh secret, replacing any the browser had), the
/// account's language for this browser, and on to `next`.
pub(crate) fn signed_in_response(
    st: &AppState,
    jar: CookieJar,
    s: cairn_app::accounts::NewSession,
    next: &str,
) -> axum::response::Response {
    let mut jar = jar.add(session_cookie(st, s.secret));
    if let Some(l) = s.locale {
        jar = jar.add(
            Cookie::build((LANG_COOKIE, l))
                .path("/")
                .same_site(SameSite::Lax)
                .build(),
        );
    }
    (jar, Redirect::to(next)).into_response()
}

#[derive(Deserialize)]
struct CsrfOnly {}

async fn sign_out(
    State(st): State<AppState>,
    s: Signed,
    jar: CookieJar,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    if let Some(secret) = &s.ctx.secret {
        cairn_app::accounts::sign_out(&st.app, s.actor(), secret).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/").build());
    Ok((jar, Redirect::to("/sign-in")).into_response())
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
}

async fn setup_form(State(st): State<AppState>, ctx: Ctx) -> WebResult {
    if !cairn_app::accounts::needs_setup(&st.app).await? {
        return see_other("/sign-in");
    }
    let t = ctx.t();
    html(&SetupPage {
        chrome: Chrome::public(&ctx, t.get("setup-title")),
        t,
        form: FormState::new(),
    })
}

#[derive(Deserialize)]
struct SetupFormIn {
    #[serde(default)]
    code: String,
    #[serde(default)]
    organisation_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn setup(State(st): State<AppState>, ctx: Ctx, Posted(f): Posted<SetupFormIn>) -> WebResult {
    let t = ctx.t();
    let form_in = cairn_app::accounts::SetupForm {
        code: f.code.clone(),
        organisation_name: f.organisation_name.clone(),
        email: f.email.clone(),
        password: f.password.clone(),
        language: Some(ctx.lang),
    };
    match cairn_app::accounts::complete_setup(&st.app, &form_in).await {
        Ok(_) => see_other("/sign-in"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("code", f.code)
                .set("organisation_name", f.organisation_name)
                .set("email", f.email);
            form.add_errors(&t, &errs);
            let chrome = Chrome::public(&ctx, t.get("setup-title")).with_errors(&form);
            html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SetupPage { chrome, t, form },
            )
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "accounts/invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    token: String,
}

async fn invitation_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    if !cairn_app::accounts::invitation_is_live(&st.app, &token).await? {
        return Err(WebError::NotFound);
    }
    let t = ctx.t();
    html(&InvitationPage {
        chrome: Chrome::public(&ctx, t.get("invitation-title")),
        t,
        form: FormState::new(),
        token,
    })
}

#[derive(Deserialize)]
struct InvitationIn {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn invitation(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<InvitationIn>,
) -> WebResult {
    let t = ctx.t();
    match cairn_app::accounts::accept_invitation(&st.app, &token, &f.password, &f.confirm).await {
        Ok(_) => see_other("/sign-in"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&t, &errs);
            let chrome = Chrome::public(&ctx, t.get("invitation-title")).with_errors(&form);
            html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &InvitationPage {
                    chrome,
                    t,
                    form,
                    token,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// A token row on the account page.
struct TokenRow {
    id: i64,
    name: String,
    created: String,
    expires: String,
    last_used: String,
    /// Empty while the token works; else why it does not (stopped, expired).
    state: String,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    chrome: Chrome,
    t: Tr,
    email: String,
    role: String,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    form: FormState,
    /// Just back from changing the password.
    password_changed: bool,
    days_default: i64,
    days_max: i64,
    /// API access tokens are for staff's tools: a member's account page does not show them.
    show_tokens: bool,
}

/// The organisation's time zone (the default zone for a platform administrator, who has no
/// organisation).
async fn org_time_zone(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(cairn_domain::time::time_zone(""));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(cairn_domain::time::time_zone(&o.time_zone))
}

pub(super) async fn account_page(
    st: &AppState,
    s: &Signed,
    new_token: Option<String>,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let tz = org_time_zone(st, s).await?;
    let tokens = cairn_app::accounts::list_tokens(&st.app, s.actor()).await?;
    let now = st.app.now();
    let rows = tokens
        .into_iter()
        .map(|k| TokenRow {
            id: k.id,
            name: k.name,
            created: cairn_domain::time::format_instant(k.created_at, &tz, t.lang),
            expires: cairn_domain::time::format_instant(k.expires_at, &tz, t.lang),
            last_used: k
                .last_used_at
                .map(|x| cairn_domain::time::format_instant(x, &tz, t.lang))
                .unwrap_or_else(|| t.get("account-token-never-used")),
            state: if k.revoked_at.is_some() {
                t.get("account-token-revoked")
            } else if k.expires_at <= now {
                t.get("account-token-expired")
            } else {
                String::new()
            },
        })
        .collect();
    let chrome =
        Chrome::signed(s, t.get("account-title"), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let password_changed = s.ctx.path.ends_with("password=changed");
    html_status(
        status,
        &AccountPage {
            chrome,
            t,
            email: s.actor().label.clone(),
            role: t.get(&s.actor().role.label_id()),
            tokens: rows,
            new_token,
            form,
            password_changed,
            days_default: cairn_app::accounts::TOKEN_DAYS_DEFAULT,
            days_max: cairn_app::accounts::TOKEN_DAYS_MAX,
            show_tokens: s.actor().role != cairn_domain::Role::Member,
        },
    )
}

async fn account(State(st): State<AppState>, s: Signed) -> WebResult {
    account_page(&st, &s, None, FormState::new()).await
}

#[derive(Deserialize)]
struct TokenIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
}

async fn create_token(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<TokenIn>,
) -> WebResult {
    match cairn_app::accounts::create_token(&st.app, s.actor(), &f.name, &f.days).await {
        // The secret is shown once, on this response, and never stored.
        Ok(secret) => account_page(&st, &s, Some(secret), FormState::new()).await,
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("name", f.name).set("days", f.days);
            form.add_errors(&s.ctx.t(), &errs);
            account_page(&st, &s, None, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    cairn_app::accounts::revoke_token(&st.app, s.actor(), id).await?;
    see_other("/account")
}

#[derive(Deserialize)]
struct LanguageQuery {
    to: Option<String>,
    next: Option<String>,
}

/// A language link: sets this browser's language cookie and comes back. It changes nothing
/// on the server (a link can be followed by anyone, or prefetched), so a signed-in person's
/// saved language is changed by the form that [`choose_language`] reads.
async fn language_link(jar: CookieJar, Query(q): Query<LanguageQuery>) -> WebResult {
    let Some(lang) = q.to.as_deref().and_then(Language::parse) else {
        return Err(WebError::NotFound);
    };
    let next = crate::redirect::local_target(q.next.as_deref(), "/")?;
    Ok((jar.add(language_cookie(lang)), Redirect::to(&next)).into_response())
}

#[derive(Deserialize)]
struct LanguageForm {
    to: Option<String>,
    next: Option<String>,
}

/// The header's language switch for a signed-in person: saved on the account (for their
/// e-mails and other browsers) and in this browser's cookie.
async fn choose_language(
    State(st): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Posted(f): Posted<LanguageForm>,
) -> WebResult {
    let Some(lang) = f.to.as_deref().and_then(Language::parse) else {
        return Err(WebError::Refused(StatusCode::BAD_REQUEST, "error-bad-form"));
    };
    let next = crate::redirect::local_target(f.next.as_deref(), "/")?;
    if let Some(s) = &ctx.session {
        cairn_app::accounts::set_language(&st.app, &s.actor, lang).await?;
    }
    Ok((jar.add(language_cookie(lang)), Redirect::to(&next)).into_response())
}

fn language_cookie(lang: Language) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.key().to_owned()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(cookie_year())
        .build()
}

/// Seconds left of a session: (until it ends if unused, until it ends at the latest).
pub(crate) fn session_left(s: &cairn_app::accounts::Session) -> (i64, i64) {
    let end = (s.ends_at - s.checked_at).max(0) / 1000;
    let idle = (s.idle_ends_at.min(s.ends_at) - s.checked_at).max(0) / 1000;
    (idle.max(1), end.max(1))
}

/// "Stay signed in" from the session warning (cairn.js). Finding the session for this request
/// has already slid its idle end forward; the answer says how long is left now, as JSON. A
/// session that has ended answers 401.
async fn keep_session(ctx: Ctx, Posted(_): Posted<CsrfOnly>) -> WebResult {
    let Some(s) = &ctx.session else {
        return Ok((
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"signed_in": false})),
        )
            .into_response());
    };
    let (idle, end) = session_left(s);
    Ok(axum::Json(serde_json::json!({
        "signed_in": true,
        "idle_seconds": idle,
        "end_seconds": end,
    }))
    .into_response())
}

fn cookie_year() -> cookie::time::Duration {
    cookie::time::Duration::days(365)
}
