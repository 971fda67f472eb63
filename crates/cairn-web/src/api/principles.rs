//! The guiding principles in the JSON API: the current version with its history, and the
//! signed-in person acknowledging the current version.

use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cairn_db::principles::Version;
use serde_json::{Value, json};

fn version_json(v: &Version) -> Value {
    json!({
        "version": v.version,
        "text": v.text_en,
        "text_cy": v.text_cy,
        "easy_read": v.easy_en,
        "easy_read_cy": v.easy_cy,
        "change": v.change_note,
        "material": v.material,
        "published_on": v.published_on,
    })
}

pub(super) async fn get(State(st): State<AppState>, a: ApiActor) -> Result<Json<Value>, ApiError> {
    let p = cairn_app::principles::principles(&st.app, &a.actor)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json!({
        "current": version_json(&p.current),
        "history": p.history.iter().map(version_json).collect::<Vec<_>>(),
        "acknowledged": p.mine.iter().map(|(v, at)| json!({"version": v, "acknowledged_at": super::shared::instant(*at)})).collect::<Vec<_>>(),
        "asked": p.asked,
    })))
}

/// 201 with the acknowledgement; 200 with the first one when the person had already
/// acknowledged the current version.
pub(super) async fn acknowledge(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (version, at, added) = cairn_app::principles::acknowledge(&st.app, &a.actor)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok((
        if added {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(json!({"version": version, "acknowledged_at": super::shared::instant(at)})),
    ))
}
