//! Erasing a person (organisation administrators): a confirmation page that says what goes and
//! what stays, with the reason, then the erasure. While a claim of theirs is open the page says
//! so and offers no button.

use crate::context::{Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/people/{id}/erase", confirm)
        .reads_person()
        .post("/people/{id}/erase", erase)
}

#[derive(Template)]
#[template(path = "people/erase.html")]
struct ConfirmPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    pseudonym: String,
    has_account: bool,
    open_claims: i64,
    form: FormState,
}

async fn page(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let b = cairn_app::people::erasure::before(&st.app, s.actor(), id).await?;
    let chrome = Chrome::signed(
        s,
        t.with("erase-title", &[("name", b.chosen_name.clone())]),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    // While a claim is open the page explains why erasure must wait, with no button.
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ConfirmPage {
            chrome,
            t,
            id,
            name: b.chosen_name,
            pseudonym: b.pseudonym,
            has_account: b.has_account,
            open_claims: b.open_claims,
            form,
        },
    )
}

async fn confirm(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    page(&st, &s, id, FormState::new()).await
}

#[derive(Deserialize)]
struct EraseIn {
    #[serde(default)]
    reason: String,
}

async fn erase(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<EraseIn>,
) -> WebResult {
    match cairn_app::people::erasure::erase(&st.app, s.actor(), id, &f.reason).await {
        Ok(_) => see_other(&format!("/people/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("reason", f.reason);
            form.add_errors(&s.ctx.t(), &errs);
            page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}
