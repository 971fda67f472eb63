//! People in the JSON API beyond the record itself: a person's pathway (their own level and its
//! decisions, the level-1 and level-2 steps with their dates, and the roles they hold). A member
//! reads only their own; another member's id is "not found", like any id out of reach.

use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::{Path, State};
use cairn_app::people::Pathway;

pub(super) async fn pathway(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Pathway>, ApiError> {
    cairn_app::people::pathway(&st.app, &a.actor, id)
        .await
        .map(Json)
        .map_err(|e| ApiError::from_app(e, a.lang))
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
    Path(id): Path<i64>,
    body: Result<Json<EraseJson>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<cairn_app::people::erasure::Erased>, ApiError> {
    let input = super::json_body(body, a.lang)?;
    cairn_app::people::erasure::erase(&st.app, &a.actor, id, &input.reason)
        .await
        .map(Json)
        .map_err(|e| ApiError::from_app(e, a.lang))
}

/// `GET /api/v1/people/{id}/export`: the subject access export as JSON (organisation
/// administrators; audited). Receipts are listed with the address of each file.
pub(super) async fn export(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<cairn_app::people::Export>, ApiError> {
    cairn_app::people::export(&st.app, &a.actor, id)
        .await
        .map(Json)
        .map_err(|e| ApiError::from_app(e, a.lang))
}
