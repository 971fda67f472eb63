//! The organisation administrator's accounts pages: the list of accounts, and one account with
//! its access (disable, enable), role, sessions, tokens, sign-in lock and a link to choose a
//! new password to hand over.

use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, html_status, organisation, see_other, unit_names};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::accounts::control::AccountView;
use cairn_db::accounts::User;
use cairn_domain::time::{format_instant, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    // The token route comes first: disabling an account revokes its tokens, and the access
    // test walks routes in this order on one seeded account.
    r.get("/accounts", list)
        .post("/accounts/tokens/{id}/revoke", revoke_token)
        .get("/accounts/{id}", show)
        .post("/accounts/{id}/disable", disable)
        .post("/accounts/{id}/enable", enable)
        .post("/accounts/{id}/role", change_role)
        .post("/accounts/{id}/sessions/end", end_session)
        .post("/accounts/{id}/unlock", unlock)
        .post("/accounts/{id}/password-link", password_link)
}

/// An account's state in words: active, disabled, or still to choose a password.
fn status_label(t: &Tr, u: &User) -> String {
    if u.disabled {
        t.get("accounts-status-disabled")
    } else if u.password_hash.is_none() {
        t.get("accounts-status-invited")
    } else {
        t.get("accounts-status-active")
    }
}

async fn time_zone_of(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

struct AccountRow {
    id: i64,
    email: String,
    role: String,
    status: String,
    last_sign_in: String,
}

#[derive(Template)]
#[template(path = "accounts/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<AccountRow>,
}

async fn list(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let users = cairn_app::accounts::list_accounts(&st.app, s.actor()).await?;
    let tz = time_zone_of(&st, &s).await?;
    let rows = users
        .iter()
        .map(|u| AccountRow {
            id: u.id,
            email: u.email.clone(),
            role: t.get(&u.role.label_id()),
            status: status_label(&t, u),
            last_sign_in: u
                .last_sign_in_at
                .map(|x| format_instant(x, &tz, t.lang))
                .unwrap_or_else(|| t.get("accounts-never")),
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("accounts-title"), organisation(&st, &s).await?);
    html_status(StatusCode::OK, &ListPage { chrome, t, rows })
}

struct SessionRow {
    id_hash: String,
    started: String,
    last_seen: String,
    ends: String,
}

struct TokenRow {
    id: i64,
    name: String,
    created: String,
    expires: String,
    last_used: String,
    live: bool,
    state: String,
}

#[derive(Template)]
#[template(path = "accounts/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    email: String,
    role: String,
    status: String,
    disabled: bool,
    is_self: bool,
    person_id: Option<i64>,
    last_sign_in: String,
    lock: Option<String>,
    sessions: Vec<SessionRow>,
    tokens: Vec<TokenRow>,
    roles: Vec<Choice>,
    units: Vec<Choice>,
    reset_link: Option<String>,
    form: FormState,
}

async fn show_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    form: FormState,
    reset_link: Option<String>,
) -> WebResult {
    let t = s.ctx.t();
    let v: AccountView = cairn_app::accounts::control::account(&st.app, s.actor(), id).await?;
    let tz = time_zone_of(st, s).await?;
    let when = |ms: i64| format_instant(ms, &tz, t.lang);
    let now = st.app.now();
    let mut form = form;
    if !form.has_errors() {
        form.set("role", v.user.role.key());
        form.set_many(
            "unit_ids",
            v.unit_ids.iter().map(ToString::to_string).collect(),
        );
    }
    let units = unit_names(st, s)
        .await?
        .into_iter()
        .map(|(id, n)| Choice {
            value: id.to_string(),
            label: n,
        })
        .collect();
    let lock = v.limit.map(|l| {
        if l.locked_until > now {
            t.with(
                "accounts-lock-locked",
                &[
                    ("failures", l.failures.to_string()),
                    ("until", when(l.locked_until)),
                ],
            )
        } else {
            t.with(
                "accounts-lock-failures",
                &[("failures", l.failures.to_string())],
            )
        }
    });
    let page = ShowPage {
        chrome: Chrome::signed(s, v.user.email.clone(), organisation(st, s).await?)
            .with_errors(&form),
        id: v.user.id,
        email: v.user.email.clone(),
        role: t.get(&v.user.role.label_id()),
        status: status_label(&t, &v.user),
        disabled: v.user.disabled,
        is_self: v.is_self,
        person_id: v.user.person_id,
        last_sign_in: v
            .user
            .last_sign_in_at
            .map(when)
            .unwrap_or_else(|| t.get("accounts-never")),
        lock,
        sessions: v
            .sessions
            .iter()
            .map(|x| SessionRow {
                id_hash: x.id_hash.clone(),
                started: when(x.created_at),
                last_seen: when(x.last_seen_at),
                ends: when(x.expires_at.min(x.ends_at)),
            })
            .collect(),
        tokens: v
            .tokens
            .iter()
            .map(|k| {
                let live = k.revoked_at.is_none() && k.expires_at > now;
                TokenRow {
                    id: k.id,
                    name: k.name.clone(),
                    created: when(k.created_at),
                    expires: when(k.expires_at),
                    last_used: k
                        .last_used_at
                        .map(when)
                        .unwrap_or_else(|| t.get("account-token-never-used")),
                    live,
                    state: if k.revoked_at.is_some() {
                        t.get("account-token-revoked")
                    } else if !live {
                        t.get("account-token-expired")
                    } else {
                        String::new()
                    },
                }
            })
            .collect(),
        roles: cairn_domain::Role::assignable()
            .map(|r| Choice {
                value: r.key().into(),
                label: t.get(&r.label_id()),
            })
            .collect(),
        units,
        reset_link,
        form,
        t,
    };
    let status = if page.form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(status, &page)
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_page(&st, &s, id, FormState::new(), None).await
}

#[derive(Deserialize)]
struct CsrfOnly {}

async fn disable(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    cairn_app::accounts::control::disable(&st.app, s.actor(), id).await?;
    see_other(&format!("/accounts/{id}"))
}

async fn enable(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    cairn_app::accounts::control::enable(&st.app, s.actor(), id).await?;
    see_other(&format!("/accounts/{id}"))
}

#[derive(Deserialize)]
struct RoleIn {
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_ids: Vec<String>,
}

async fn change_role(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RoleIn>,
) -> WebResult {
    let mut unit_ids = Vec::new();
    for u in &f.unit_ids {
        // An id that is not a number is no unit of this organisation.
        unit_ids.push(u.parse::<i64>().map_err(|_| WebError::NotFound)?);
    }
    match cairn_app::accounts::control::change_role(&st.app, s.actor(), id, &f.role, &unit_ids)
        .await
    {
        Ok(()) => see_other(&format!("/accounts/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("role", f.role).set_many("unit_ids", f.unit_ids);
            form.add_errors(&s.ctx.t(), &errs);
            show_page(&st, &s, id, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct SessionIn {
    #[serde(default)]
    session: String,
}

async fn end_session(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<SessionIn>,
) -> WebResult {
    cairn_app::accounts::control::end_session(&st.app, s.actor(), id, &f.session).await?;
    see_other(&format!("/accounts/{id}"))
}

/// Revokes any token of the organisation's accounts, then shows the account that held it.
async fn revoke_token(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    let revoked = cairn_app::accounts::control::revoke_token(&st.app, s.actor(), id).await?;
    see_other(&format!("/accounts/{}", revoked.user_id))
}

async fn unlock(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    cairn_app::accounts::control::unlock(&st.app, s.actor(), id).await?;
    see_other(&format!("/accounts/{id}"))
}

async fn password_link(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<CsrfOnly>,
) -> WebResult {
    let secret = cairn_app::accounts::control::make_reset_link(&st.app, s.actor(), id).await?;
    // Shown once, on this response; only its hash is kept.
    let link = format!(
        "{}/password/{}",
        st.config.base_url.trim_end_matches('/'),
        secret
    );
    show_page(&st, &s, id, FormState::new(), Some(link)).await
}
