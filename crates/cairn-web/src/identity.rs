//! Signing staff in through the organisation's identity provider: the administrator's settings
//! page (`/settings/identity`) and disconnecting (`/settings/identity/disconnect`, after a
//! page that asks), the sign-in page's buttons, starting a sign-in and the
//! provider's return (`/sign-in/provider/…`). The flow itself is `cairn_app::identity`.

use crate::accounts::{local_next, signed_in_response};
use crate::context::{Ctx, NoFields, Posted, Signed};
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
use cairn_app::identity::{Callback, Finished, ProviderForm, Refusal, TokenProblem};
use cairn_domain::Permission;
use cairn_domain::people::Language;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/settings/identity", settings_form)
        .post("/settings/identity", save_settings)
        .get("/settings/identity/disconnect", disconnect_form)
        .post("/settings/identity/disconnect", disconnect)
        .get("/sign-in/provider/{org}", start)
        .get("/sign-in/provider/callback", callback)
}

/// The cookie that ties a sign-in sent to the provider to the browser that started it.
const STATE_COOKIE: &str = "cairn_provider_state";

/// A "Sign in with …" button on the sign-in page.
pub(crate) struct ProviderButton {
    /// Where it goes: `/sign-in/provider/{org}?next=…`.
    pub href: String,
    /// "Sign in with NHS Wales", in the page's language.
    pub label: String,
}

/// The buttons for every connected provider, in the page's language, each coming back to
/// `next`. They are links: starting a sign-in changes nothing but a pending row, and a link
/// leaves the page's one form (e-mail and password) the only form.
pub(crate) async fn buttons(st: &AppState, t: &Tr, next: &str) -> WebResult<Vec<ProviderButton>> {
    let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    Ok(cairn_app::identity::sign_in_choices(&st.app)
        .await?
        .into_iter()
        .map(|c| ProviderButton {
            href: format!("/sign-in/provider/{}?next={next}", c.organisation_id),
            label: t.with(
                "identity-sign-in-with",
                &[(
                    "name",
                    if t.lang == Language::Cy {
                        c.name_cy
                    } else {
                        c.name
                    },
                )],
            ),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "identity/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    /// Connected already: the secret may be left blank to keep it.
    connected: bool,
    /// The address to register at the provider.
    redirect_uri: String,
    /// Just saved.
    saved: bool,
    /// Just disconnected.
    disconnected: bool,
}

async fn settings_page(st: &AppState, s: &Signed, form: FormState, connected: bool) -> WebResult {
    let t = s.ctx.t();
    let chrome = Chrome::signed(
        s,
        t.get("identity-settings-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    let status = form.status();
    html_status(
        status,
        &SettingsPage {
            chrome,
            t,
            form,
            connected,
            redirect_uri: cairn_app::identity::redirect_uri(&st.config.base_url),
            saved: s.ctx.path.ends_with("saved=1"),
            disconnected: s.ctx.path.ends_with("disconnected=1"),
        },
    )
}

async fn settings_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManageOrganisationSettings) {
        return Err(WebError::Forbidden);
    }
    let current = cairn_app::identity::settings(&st.app, s.actor()).await?;
    let mut form = FormState::new();
    if let Some(p) = &current {
        form.set("issuer", p.issuer.clone())
            .set("client_id", p.client_id.clone())
            .set("display_name", p.display_name.clone())
            .set("display_name_cy", p.display_name_cy.clone())
            .set("staff_required", if p.staff_required { "yes" } else { "" })
            .set(
                "emails_verified",
                if p.emails_verified { "yes" } else { "" },
            );
    }
    settings_page(&st, &s, form, current.is_some()).await
}

#[derive(Deserialize)]
struct SettingsIn {
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    display_name_cy: String,
    staff_required: Option<String>,
    emails_verified: Option<String>,
}

fn checked(v: &Option<String>) -> &'static str {
    if v.is_some() { "yes" } else { "" }
}

async fn save_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SettingsIn>,
) -> WebResult {
    let input = ProviderForm {
        issuer: f.issuer.clone(),
        client_id: f.client_id.clone(),
        client_secret: f.client_secret.clone(),
        display_name: f.display_name.clone(),
        display_name_cy: f.display_name_cy.clone(),
        staff_required: f.staff_required.is_some(),
        emails_verified: f.emails_verified.is_some(),
    };
    match cairn_app::identity::connect(&st.app, s.actor(), &input).await {
        Ok(()) => see_other("/settings/identity?saved=1"),
        Err(AppError::Invalid(errs)) => {
            let connected = cairn_app::identity::settings(&st.app, s.actor())
                .await?
                .is_some();
            let mut form = FormState::new();
            // Everything as typed but the secret, which is never sent back to the browser.
            form.set("issuer", f.issuer)
                .set("client_id", f.client_id)
                .set("display_name", f.display_name)
                .set("display_name_cy", f.display_name_cy)
                .set("staff_required", checked(&f.staff_required))
                .set("emails_verified", checked(&f.emails_verified));
            form.add_errors(&s.ctx.t(), &errs);
            settings_page(&st, &s, form, connected).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "identity/disconnect.html")]
struct DisconnectPage {
    chrome: Chrome,
    t: Tr,
    /// The provider's name in the page's language.
    name: String,
    /// Staff must use the provider now (the page says that rule goes too).
    staff_required: bool,
}

/// The page that asks before disconnecting. With nothing connected, back to the settings.
async fn disconnect_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManageOrganisationSettings) {
        return Err(WebError::Forbidden);
    }
    let Some(p) = cairn_app::identity::settings(&st.app, s.actor()).await? else {
        return see_other("/settings/identity");
    };
    let t = s.ctx.t();
    let chrome = Chrome::signed(
        &s,
        t.get("identity-disconnect-title"),
        organisation(&st, &s).await?,
    );
    html(&DisconnectPage {
        chrome,
        name: if t.lang == Language::Cy {
            p.display_name_cy
        } else {
            p.display_name
        },
        t,
        staff_required: p.staff_required,
    })
}

/// Disconnects the provider. Posting again when it is gone already changes nothing.
async fn disconnect(
    State(st): State<AppState>,
    s: Signed,
    Posted(_): Posted<NoFields>,
) -> WebResult {
    if cairn_app::identity::disconnect(&st.app, s.actor()).await? {
        see_other("/settings/identity?disconnected=1")
    } else {
        see_other("/settings/identity")
    }
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
}

fn state_cookie(st: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((STATE_COOKIE, value))
        .path("/sign-in/provider")
        .http_only(true)
        // Lax: sent when the provider sends the browser back (a top-level GET from its site).
        .same_site(SameSite::Lax)
        .secure(st.config.secure_cookies)
        .max_age(cookie::time::Duration::minutes(10))
        .build()
}

/// "Sign in with …": sends the browser to the organisation's provider, remembering the state
/// in this browser.
async fn start(
    State(st): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Path(org): Path<i64>,
    Query(q): Query<StartQuery>,
) -> WebResult {
    let next = local_next(q.next.as_deref())?;
    match cairn_app::identity::start(&st.app, org, &next, &st.config.base_url).await? {
        Ok(started) => Ok((
            jar.add(state_cookie(&st, started.state)),
            Redirect::to(&started.url),
        )
            .into_response()),
        Err(refusal) => refused_page(&ctx, refusal),
    }
}

#[derive(Deserialize)]
struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// The provider sends the browser back here with a code and the state.
async fn callback(
    State(st): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Query(q): Query<CallbackQuery>,
) -> WebResult {
    // A state that comes back to another browser than the one that started it is refused
    // before it is used: otherwise someone could send another person a link that signs them in
    // as the sender.
    let mine = jar.get(STATE_COOKIE).map(|c| c.value().to_owned());
    let jar = jar.remove(
        Cookie::build(STATE_COOKIE)
            .path("/sign-in/provider")
            .build(),
    );
    if mine.is_none() || mine != q.state {
        return Ok((jar, refused_page(&ctx, Refusal::Expired)?).into_response());
    }
    let cb = Callback {
        state: q.state,
        code: q.code,
        error: q.error,
    };
    match cairn_app::identity::finish(&st.app, &cb, &st.config.base_url).await? {
        Finished::SignedIn { session, next } => {
            let next = local_next(Some(&next))?;
            Ok(signed_in_response(&st, jar, session, &next))
        }
        Finished::Refused(refusal) => Ok((jar, refused_page(&ctx, refusal)?).into_response()),
    }
}

#[derive(Template)]
#[template(path = "identity/refused.html")]
struct RefusedPage {
    chrome: Chrome,
    t: Tr,
    message: String,
}

/// What the person is told when the provider's sign-in did not sign them in.
fn refused_page(ctx: &Ctx, refusal: Refusal) -> WebResult {
    let t = ctx.t();
    let (status, id) = match refusal {
        Refusal::Expired => (StatusCode::BAD_REQUEST, "identity-refused-expired"),
        Refusal::Provider => (StatusCode::BAD_GATEWAY, "identity-refused-provider"),
        Refusal::Token(TokenProblem::Audience | TokenProblem::Expired | TokenProblem::Invalid) => {
            (StatusCode::BAD_REQUEST, "identity-refused-token")
        }
        Refusal::Unknown => (StatusCode::FORBIDDEN, "identity-refused-unknown"),
        Refusal::Disabled => (StatusCode::FORBIDDEN, "identity-refused-disabled"),
        Refusal::Member => (StatusCode::FORBIDDEN, "identity-refused-member"),
    };
    let message = t.get(id);
    html_status(
        status,
        &RefusedPage {
            chrome: Chrome::public(ctx, t.get("identity-refused-title")),
            t,
            message,
        },
    )
}
