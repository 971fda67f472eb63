//! Passwords after the first: "forgotten your password?" (a link by e-mail), the page a link
//! opens to choose a new one, and changing one's own password on the account page.

use super::{account_page, session_cookie};
use crate::context::{Ctx, Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html, html_status, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use cairn_app::AppError;
use cairn_app::accounts::passwords;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/password/forgot", forgot_form)
        .post("/password/forgot", forgot)
        .get("/password/{token}", reset_form)
        .post("/password/{token}", reset)
        .post("/account/password", change)
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    sent: bool,
}

async fn forgot_form(ctx: Ctx) -> WebResult {
    let t = ctx.t();
    html(&ForgotPage {
        chrome: Chrome::public(&ctx, t.get("forgot-title")),
        t,
        form: FormState::new(),
        sent: false,
    })
}

#[derive(Deserialize)]
struct ForgotIn {
    #[serde(default)]
    email: String,
}

async fn forgot(State(st): State<AppState>, ctx: Ctx, Posted(f): Posted<ForgotIn>) -> WebResult {
    let t = ctx.t();
    let mut errs = cairn_domain::FieldErrors::new();
    let email = f.email.trim();
    if email.is_empty() {
        errs.add("email", "accounts-error-email-required");
    } else if !cairn_domain::validation::looks_like_email(&email.to_lowercase()) {
        errs.add("email", "accounts-error-email-invalid");
    }
    if !errs.is_empty() {
        let mut form = FormState::new();
        form.set("email", f.email);
        form.add_errors(&t, &errs);
        let chrome = Chrome::public(&ctx, t.get("forgot-title")).with_errors(&form);
        return html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ForgotPage {
                chrome,
                t,
                form,
                sent: false,
            },
        );
    }
    // The same answer whether or not the address has an account.
    passwords::request_link(&st.app, email, &st.config.base_url).await?;
    html(&ForgotPage {
        chrome: Chrome::public(&ctx, t.get("forgot-sent-title")),
        t,
        form: FormState::new(),
        sent: true,
    })
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    token: String,
}

async fn reset_form(State(st): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    if !passwords::link_is_live(&st.app, &token).await? {
        return Err(WebError::Refused(
            StatusCode::NOT_FOUND,
            "reset-error-spent",
        ));
    }
    let t = ctx.t();
    html(&ResetPage {
        chrome: Chrome::public(&ctx, t.get("reset-title")),
        t,
        form: FormState::new(),
        token,
    })
}

#[derive(Deserialize)]
struct NewPasswordIn {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn reset(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<NewPasswordIn>,
) -> WebResult {
    // A spent link says so before anything is typed into it again.
    if !passwords::link_is_live(&st.app, &token).await? {
        return Err(WebError::Refused(
            StatusCode::NOT_FOUND,
            "reset-error-spent",
        ));
    }
    let t = ctx.t();
    match passwords::reset(&st.app, &token, &f.password, &f.confirm).await {
        Ok(_) => see_other("/sign-in?reset=done"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&t, &errs);
            let chrome = Chrome::public(&ctx, t.get("reset-title")).with_errors(&form);
            html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ResetPage {
                    chrome,
                    t,
                    form,
                    token,
                },
            )
        }
        Err(AppError::NotFound) => Err(WebError::Refused(
            StatusCode::NOT_FOUND,
            "reset-error-spent",
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ChangeIn {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// Changes the signed-in person's password. Every session of the account ends; the person
/// gets a new one at once (a new cookie), so only they stay signed in.
async fn change(
    State(st): State<AppState>,
    s: Signed,
    jar: CookieJar,
    Posted(f): Posted<ChangeIn>,
) -> WebResult {
    match passwords::change(&st.app, s.actor(), &f.current, &f.password, &f.confirm).await {
        Ok(new) => {
            let jar = jar.add(session_cookie(&st, new.secret));
            Ok((jar, Redirect::to("/account?password=changed")).into_response())
        }
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&s.ctx.t(), &errs);
            account_page(&st, &s, None, form).await
        }
        Err(e) => Err(e.into()),
    }
}
