//! Accounts in the JSON API: an organisation administrator disables and re-enables an
//! account, and anyone revokes a token — their own, or (administrators) any of their
//! organisation's. Disabling ends the account's sessions and revokes its tokens at once.

use super::shared::ApiPath;
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cairn_app::AppError;
use serde_json::json;

pub(super) async fn disable(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let stopped = cairn_app::accounts::control::disable(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json!({
        "id": id,
        "disabled": true,
        "sessions_ended": stopped.sessions,
        "tokens_revoked": stopped.tokens,
    })))
}

pub(super) async fn enable(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    cairn_app::accounts::control::enable(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json!({"id": id, "disabled": false})))
}

/// 204 once revoked. The caller's own token, or — for an organisation administrator — any
/// token of the organisation; anything else (another's token, one already revoked) is 404.
pub(super) async fn revoke_token(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    match cairn_app::accounts::revoke_token(&st.app, &a.actor, id).await {
        Ok(()) => return Ok(StatusCode::NO_CONTENT.into_response()),
        Err(AppError::NotFound) if a.actor.can(cairn_domain::Permission::ManageAccounts) => {}
        Err(e) => return Err(ApiError::from_app(e, a.lang)),
    }
    cairn_app::accounts::control::revoke_token(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
