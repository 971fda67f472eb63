//! People in the JSON API beyond the record itself: a person's pathway (their own level and its
//! decisions, the level-1 and level-2 steps with their dates, and the roles they hold). A member
//! reads only their own; another member's id is "not found", like any id out of reach.

use super::shared::{ApiPath, json_rfc3339};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::Value;

pub(super) async fn pathway(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let p = cairn_app::people::pathway(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json_rfc3339(&p, a.lang)?))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EraseJson {
    reason: String,
}

/// `POST /api/v1/people/{id}/erase` with `{"reason"}`: organisation administrators; 409 while a
/// claim of theirs is open.
pub(super) async fn erase(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<EraseJson>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let input = super::json_body(body, a.lang)?;
    let erased = cairn_app::people::erasure::erase(&st.app, &a.actor, id, &input.reason)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json_rfc3339(&erased, a.lang)?))
}

/// `GET /api/v1/people/{id}/export`: the subject access export as JSON (organisation
/// administrators; audited). Receipts are listed with the address of each file; every `*_at`
/// instant is RFC 3339.
pub(super) async fn export(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let export = cairn_app::people::export(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json_rfc3339(&export, a.lang)?))
}
