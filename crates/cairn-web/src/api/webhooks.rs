//! Webhook endpoints in the JSON API (organisation administrators): register one (the answer
//! holds its secret, shown this once), list them (never a secret), delete one, read its
//! delivery log, and rotate its secret.

use super::shared::{ApiPath, ApiQuery, instant, instant_opt, page_limit};
use super::{ApiActor, ApiError, Page, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cairn_app::webhooks::{EndpointDraft, EndpointView, LoggedDelivery};
use serde::{Deserialize, Serialize};

/// An endpoint as the API shows it.
#[derive(Serialize)]
pub(super) struct EndpointJson {
    id: i64,
    url: String,
    events: Vec<&'static str>,
    include_personal_data: bool,
    created_at: String,
    updated_at: String,
    /// While a rotated-out secret still signs beside the new one: until when.
    old_secret_until: Option<String>,
}

impl From<&EndpointView> for EndpointJson {
    fn from(e: &EndpointView) -> Self {
        EndpointJson {
            id: e.id,
            url: e.url.clone(),
            events: e.events.iter().map(|e| e.key()).collect(),
            include_personal_data: e.include_personal_data,
            created_at: instant(e.created_at),
            updated_at: instant(e.updated_at),
            old_secret_until: instant_opt(e.old_secret_until),
        }
    }
}

/// An endpoint with its secret: only in the answer that made the secret.
#[derive(Serialize)]
pub(super) struct WithSecret {
    #[serde(flatten)]
    endpoint: EndpointJson,
    secret: String,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub(super) struct EndpointIn {
    url: String,
    events: Vec<String>,
    include_personal_data: bool,
}

pub(super) async fn create(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<EndpointIn>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = json_body(body, a.lang)?;
    let made = cairn_app::webhooks::create(
        &st.app,
        &a.actor,
        &EndpointDraft {
            url: b.url,
            events: b.events,
            include_personal_data: b.include_personal_data,
        },
    )
    .await
    .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(WithSecret {
            endpoint: (&made.endpoint).into(),
            secret: made.secret,
        }),
    )
        .into_response())
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// A cursor is the last id of the page before (ids run newest first): digits only, as the
/// document's pattern says, so a sign or a leading zero is refused like anything else.
fn before(
    cursor: Option<&str>,
    lang: cairn_domain::people::Language,
) -> Result<Option<i64>, ApiError> {
    match cursor {
        None => Ok(None),
        Some(c)
            if (1..=18).contains(&c.len())
                && !c.starts_with('0')
                && c.bytes().all(|b| b.is_ascii_digit()) =>
        {
            c.parse::<i64>()
                .map(Some)
                .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang))
        }
        Some(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang)),
    }
}

pub(super) async fn list(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<EndpointJson>>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let from = before(q.cursor.as_deref(), a.lang)?;
    let mut rows = cairn_app::webhooks::list(&st.app, &a.actor, from, limit + 1)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| r.id.to_string())
    } else {
        None
    };
    Ok(Json(Page {
        items: rows.iter().map(EndpointJson::from).collect(),
        next_cursor,
    }))
}

pub(super) async fn delete(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    cairn_app::webhooks::delete(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(super) async fn rotate_secret(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WithSecret>, ApiError> {
    let (e, secret) = cairn_app::webhooks::rotate_secret(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(WithSecret {
        endpoint: (&e).into(),
        secret,
    }))
}

#[derive(Serialize)]
pub(super) struct AttemptJson {
    attempted_at: String,
    status_code: Option<i64>,
    error: Option<String>,
}

#[derive(Serialize)]
pub(super) struct DeliveryJson {
    id: i64,
    message_id: String,
    event: String,
    state: &'static str,
    created_at: String,
    attempts: Vec<AttemptJson>,
    last_status: Option<i64>,
    next_attempt_at: Option<String>,
    delivered_at: Option<String>,
    given_up_at: Option<String>,
}

impl From<&LoggedDelivery> for DeliveryJson {
    fn from(l: &LoggedDelivery) -> Self {
        let d = &l.delivery;
        DeliveryJson {
            id: d.id,
            message_id: d.message_id.clone(),
            event: d.event.clone(),
            state: l.state(),
            created_at: instant(d.created_at),
            attempts: l
                .attempts
                .iter()
                .map(|a| AttemptJson {
                    attempted_at: instant(a.attempted_at),
                    status_code: a.status_code,
                    error: a.error.clone(),
                })
                .collect(),
            last_status: d.last_status,
            next_attempt_at: instant_opt(d.next_attempt_at),
            delivered_at: instant_opt(d.delivered_at),
            given_up_at: instant_opt(d.given_up_at),
        }
    }
}

pub(super) async fn deliveries(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<DeliveryJson>>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let from = before(q.cursor.as_deref(), a.lang)?;
    let mut rows = cairn_app::webhooks::deliveries(&st.app, &a.actor, id, from, limit + 1)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| r.delivery.id.to_string())
    } else {
        None
    };
    Ok(Json(Page {
        items: rows.iter().map(DeliveryJson::from).collect(),
        next_cursor,
    }))
}
