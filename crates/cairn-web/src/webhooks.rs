//! Webhook endpoints (organisation administrators, under the organisation's settings): the
//! list, adding one (URL, events, the personal-data choice), one endpoint's delivery log,
//! rotating its secret and deleting it. A secret is shown on the page that made it, once.

use crate::context::{NoFields, Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, html, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::webhooks::{EndpointDraft, EndpointView, LoggedDelivery};
use cairn_domain::time::{format_instant, time_zone};
use cairn_domain::webhooks::Event;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/settings/webhooks", list)
        .post("/settings/webhooks", create)
        .get("/settings/webhooks/new", new_form)
        .get("/settings/webhooks/{id}", show)
        .post("/settings/webhooks/{id}/rotate", rotate)
        .get("/settings/webhooks/{id}/delete", delete_form)
        .post("/settings/webhooks/{id}/delete", delete)
}

/// An endpoint as a row: id, URL, its events' names, and whether it carries personal data.
struct Row {
    id: i64,
    url: String,
    events: String,
    personal: bool,
}

fn row(e: &EndpointView) -> Row {
    Row {
        id: e.id,
        url: e.url.clone(),
        events: e
            .events
            .iter()
            .map(|e| e.key())
            .collect::<Vec<_>>()
            .join(", "),
        personal: e.include_personal_data,
    }
}

#[derive(Template)]
#[template(path = "webhooks/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<Row>,
    deleted: bool,
}

#[derive(Deserialize)]
struct Shown {
    deleted: Option<String>,
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<Shown>) -> WebResult {
    let t = s.ctx.t();
    let endpoints = cairn_app::webhooks::list(&st.app, s.actor(), None, 200).await?;
    let chrome = Chrome::signed(&s, t.get("webhooks-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows: endpoints.iter().map(row).collect(),
        deleted: q.deleted.is_some(),
    })
}

#[derive(Template)]
#[template(path = "webhooks/new.html")]
struct NewPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    events: Vec<Choice>,
}

fn event_choices(t: &Tr) -> Vec<Choice> {
    Event::ALL
        .iter()
        .map(|e| Choice {
            value: e.key().to_owned(),
            label: t.get(&e.description_id()),
        })
        .collect()
}

async fn new_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let chrome = Chrome::signed(s, t.get("webhooks-new-title"), organisation(st, s).await?)
        .with_errors(&form);
    let events = event_choices(&t);
    html_status(
        form.status(),
        &NewPage {
            chrome,
            t,
            form,
            events,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    cairn_app::webhooks::may_manage(s.actor())?;
    // Nothing is sent unless asked for: no events ticked, personal data off.
    new_page(&st, &s, FormState::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndpointIn {
    url: String,
    events: Vec<String>,
    include_personal_data: Option<String>,
}

#[derive(Template)]
#[template(path = "webhooks/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    e: Row,
    /// A secret just made, shown this once.
    secret: Option<String>,
    /// Until when the rotated-out secret still signs, in words.
    old_until: Option<String>,
    deliveries: Vec<DeliveryRow>,
}

/// One delivery in the log, in words.
struct DeliveryRow {
    id: String,
    event: String,
    queued: String,
    state: String,
    state_key: &'static str,
    next: Option<String>,
    /// Each try: when, its outcome in words, and the technical error (in English) if any.
    attempts: Vec<(String, String, Option<String>)>,
}

fn delivery_row(t: &Tr, at: &dyn Fn(i64) -> String, d: &LoggedDelivery) -> DeliveryRow {
    DeliveryRow {
        id: d.delivery.message_id.clone(),
        event: d.delivery.event.clone(),
        queued: at(d.delivery.created_at),
        state: t.get(&format!("webhooks-state-{}", d.state().replace('_', "-"))),
        state_key: d.state(),
        next: d.delivery.next_attempt_at.map(at),
        attempts: d
            .attempts
            .iter()
            .map(|a| {
                let outcome = match a.status_code {
                    Some(code) => t.with("webhooks-attempt-status", &[("code", code.to_string())]),
                    None => t.get("webhooks-attempt-failed"),
                };
                (at(a.attempted_at), outcome, a.error.clone())
            })
            .collect(),
    }
}

async fn show_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    secret: Option<String>,
    status: StatusCode,
) -> WebResult {
    let t = s.ctx.t();
    let e = cairn_app::webhooks::get(&st.app, s.actor(), id).await?;
    let log = cairn_app::webhooks::deliveries(&st.app, s.actor(), id, None, 100).await?;
    let tz = time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let lang = t.lang;
    let at = move |ms: i64| format_instant(ms, &tz, lang);
    let chrome = Chrome::signed(s, t.get("webhooks-show-title"), organisation(st, s).await?);
    html_status(
        status,
        &ShowPage {
            chrome,
            old_until: e.old_secret_until.map(&at),
            deliveries: log.iter().map(|d| delivery_row(&t, &at, d)).collect(),
            e: row(&e),
            secret,
            t,
        },
    )
}

/// Adds an endpoint and answers with its page showing the secret once (not a redirect: the
/// secret is not kept anywhere it could be shown again).
async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<EndpointIn>) -> WebResult {
    let draft = EndpointDraft {
        url: f.url.clone(),
        events: f.events.clone(),
        include_personal_data: f.include_personal_data.is_some(),
    };
    match cairn_app::webhooks::create(&st.app, s.actor(), &draft).await {
        Ok(made) => {
            show_page(
                &st,
                &s,
                made.endpoint.id,
                Some(made.secret),
                StatusCode::CREATED,
            )
            .await
        }
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let mut form = FormState::new();
            form.set("url", f.url).set_many("events", f.events);
            if draft.include_personal_data {
                form.set("include_personal_data", "yes");
            }
            form.add_errors(&t, &errs);
            new_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_page(&st, &s, id, None, StatusCode::OK).await
}

async fn rotate(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    _: Posted<NoFields>,
) -> WebResult {
    let (_, secret) = cairn_app::webhooks::rotate_secret(&st.app, s.actor(), id).await?;
    show_page(&st, &s, id, Some(secret), StatusCode::OK).await
}

#[derive(Template)]
#[template(path = "webhooks/delete.html")]
struct DeletePage {
    chrome: Chrome,
    t: Tr,
    e: Row,
}

async fn delete_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let e = cairn_app::webhooks::get(&st.app, s.actor(), id).await?;
    let chrome = Chrome::signed(
        &s,
        t.get("webhooks-delete-title"),
        organisation(&st, &s).await?,
    );
    html(&DeletePage {
        chrome,
        t,
        e: row(&e),
    })
}

async fn delete(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    _: Posted<NoFields>,
) -> WebResult {
    cairn_app::webhooks::delete(&st.app, s.actor(), id).await?;
    see_other("/settings/webhooks?deleted=1")
}
