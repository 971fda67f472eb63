//! The playbook in the JSON API: each challenge on a unit (or, without a unit, raised anywhere
//! the reader reaches) with its signals and actions, and taking on an action.

use super::shared::{ApiPath, ApiQuery, instant, page_of, present};
use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::playbook::ChallengeView;
use cairn_db::playbook::Action;
use cairn_domain::playbook::{ActionDraft, Challenge};
use cairn_domain::time::{DateParts, parse_iso_date};
use serde::Deserialize;
use serde_json::{Value, json};

fn action_json(a: &Action) -> Value {
    json!({
        "id": a.id,
        "unit_id": a.unit_id,
        "challenge": a.challenge,
        "raised_id": a.raised_id,
        "text": a.text,
        "owner_person_id": a.owner_person_id,
        "due_on": a.due_on,
        "closed": a.closed_at.is_some(),
        "closed_at": a.closed_at.map(instant),
        "closed_note": a.closed_note,
    })
}

fn challenge_json(c: &ChallengeView) -> Value {
    json!({
        "key": c.challenge.key(),
        "raised": c.raised.is_some(),
        "raised_at": c.raised.as_ref().map(|r| instant(r.raised_at)),
        "signals": c.signals.iter().map(|s| json!({
            "measure": s.signal.key,
            "value": s.value,
            "threshold": s.threshold,
            "fired": s.fired,
        })).collect::<Vec<_>>(),
        "actions": c.actions.iter().map(action_json).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
pub(super) struct PlaybookQuery {
    unit_id: Option<i64>,
    cursor: Option<String>,
    limit: Option<i64>,
}

/// With `unit_id`: every challenge on that unit, worked out now. Without: each challenge
/// raised anywhere the reader reaches, with the units it is raised on.
pub(super) async fn get(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PlaybookQuery>,
) -> Result<Json<Value>, ApiError> {
    let err = |e| ApiError::from_app(e, a.lang);
    match q.unit_id {
        Some(unit) => {
            let p = cairn_app::playbook::unit(&st.app, &a.actor, unit)
                .await
                .map_err(err)?;
            let (items, next_cursor) = page_of(
                p.challenges.iter().map(challenge_json).collect(),
                q.cursor.as_deref(),
                q.limit,
                a.lang,
            )?;
            Ok(Json(json!({
                "unit_id": unit,
                "items": items,
                "next_cursor": next_cursor,
            })))
        }
        None => {
            let raised = cairn_app::playbook::raised(&st.app, &a.actor)
                .await
                .map_err(err)?;
            let items: Vec<Value> = Challenge::ALL
                .iter()
                .map(|c| {
                    let on: Vec<Value> = raised
                        .iter()
                        .filter(|(r, _)| r.challenge == c.key())
                        .map(|(r, _)| {
                            json!({
                                "unit_id": r.unit_id,
                                "raised_at": instant(r.raised_at),
                                "signals": r.fired().into_iter()
                                    .map(|(k, v)| json!({"measure": k, "value": v}))
                                    .collect::<Vec<_>>(),
                            })
                        })
                        .collect();
                    json!({"key": c.key(), "raised": !on.is_empty(), "units": on})
                })
                .collect();
            let (items, next_cursor) = page_of(items, q.cursor.as_deref(), q.limit, a.lang)?;
            Ok(Json(json!({ "items": items, "next_cursor": next_cursor })))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionIn {
    #[serde(default, deserialize_with = "present")]
    unit_id: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    challenge: Option<String>,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    owner_person_id: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    due_on: Option<String>,
}

/// Takes on an action for a challenge on a unit: 201 with the action.
pub(super) async fn create_action(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<ActionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // Those who may not act are refused before anything they sent is read.
    if !a.actor.can(cairn_domain::Permission::ManageAssessments) {
        return Err(ApiError::from_app(cairn_app::AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
    // An ISO date becomes the three parts the rule checks; anything else, an empty or padded
    // string too, is refused there. Left out (or null) is no date.
    let due_on = match i.due_on.as_deref().map(parse_iso_date) {
        None => DateParts::default(),
        Some(Some(d)) => DateParts::from_date(Some(d)),
        Some(None) => DateParts {
            day: "x".into(),
            ..Default::default()
        },
    };
    let d = ActionDraft {
        text: i.text.unwrap_or_default(),
        owner_person_id: i.owner_person_id,
        due_on,
    };
    let err = |e| ApiError::from_app(e, a.lang);
    let challenge = i.challenge.unwrap_or_default();
    let mut e = cairn_domain::FieldErrors::new();
    if i.unit_id.is_none() {
        e.add("unit_id", "playbook-error-unit");
    }
    if Challenge::parse(&challenge).is_none() {
        e.add("challenge", "playbook-error-challenge");
    }
    if !e.is_empty() {
        return Err(err(cairn_app::AppError::Invalid(e)));
    }
    let unit = i.unit_id.unwrap_or_default();
    let id = cairn_app::playbook::add_action(&st.app, &a.actor, unit, &challenge, &d)
        .await
        .map_err(err)?;
    let action = cairn_app::playbook::action(&st.app, &a.actor, id)
        .await
        .map_err(err)?;
    Ok((StatusCode::CREATED, Json(action_json(&action))))
}

/// One action (those who take on actions, on a unit they reach).
pub(super) async fn get_action(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let action = cairn_app::playbook::action(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(action_json(&action)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CloseIn {
    #[serde(default, deserialize_with = "present")]
    note: Option<String>,
}

/// Closes an action with a note of what was done, as its page does; 409 when already closed.
pub(super) async fn close_action(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<CloseIn>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let err = |e| ApiError::from_app(e, a.lang);
    // Those who may not act are refused before anything they sent is read.
    if !a.actor.can(cairn_domain::Permission::ManageAssessments) {
        return Err(err(cairn_app::AppError::Forbidden));
    }
    let i = json_body(body, a.lang)?;
    cairn_app::playbook::close_action(&st.app, &a.actor, id, i.note.as_deref().unwrap_or(""))
        .await
        .map_err(err)?;
    let action = cairn_app::playbook::action(&st.app, &a.actor, id)
        .await
        .map_err(err)?;
    Ok(Json(action_json(&action)))
}
