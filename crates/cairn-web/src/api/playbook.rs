//! The playbook in the JSON API: each challenge on a unit (or, without a unit, raised anywhere
//! the reader reaches) with its signals and actions, and taking on an action.

use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
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
        "closed_note": a.closed_note,
    })
}

fn challenge_json(c: &ChallengeView) -> Value {
    json!({
        "key": c.challenge.key(),
        "raised": c.raised.is_some(),
        "raised_at": c.raised.as_ref().map(|r| r.raised_at),
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
    unit_id: Option<String>,
}

/// With `unit_id`: every challenge on that unit, worked out now. Without: each challenge
/// raised anywhere the reader reaches, with the units it is raised on.
pub(super) async fn get(
    State(st): State<AppState>,
    a: ApiActor,
    Query(q): Query<PlaybookQuery>,
) -> Result<Json<Value>, ApiError> {
    let err = |e| ApiError::from_app(e, a.lang);
    match q
        .unit_id
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        Some(raw) => {
            let unit = raw
                .parse::<i64>()
                .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", a.lang))?;
            let p = cairn_app::playbook::unit(&st.app, &a.actor, unit)
                .await
                .map_err(err)?;
            Ok(Json(json!({
                "unit_id": unit,
                "items": p.challenges.iter().map(challenge_json).collect::<Vec<_>>(),
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
                                "raised_at": r.raised_at,
                                "signals": r.fired().into_iter()
                                    .map(|(k, v)| json!({"measure": k, "value": v}))
                                    .collect::<Vec<_>>(),
                            })
                        })
                        .collect();
                    json!({"key": c.key(), "raised": !on.is_empty(), "units": on})
                })
                .collect();
            Ok(Json(json!({ "items": items })))
        }
    }
}

#[derive(Deserialize)]
pub(super) struct ActionIn {
    unit_id: Option<i64>,
    challenge: Option<String>,
    text: Option<String>,
    owner_person_id: Option<i64>,
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
    let due = i.due_on.unwrap_or_default();
    // An ISO date becomes the three parts the rule checks; anything else is refused there.
    let due_on = match parse_iso_date(due.trim()) {
        Some(d) => DateParts::from_date(Some(d)),
        None if due.trim().is_empty() => DateParts::default(),
        None => DateParts {
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
