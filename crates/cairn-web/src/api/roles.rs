//! Involvement roles in the JSON API: role descriptions (both languages), opportunities,
//! saying "I'm interested" (a member for themselves; staff for a person with `person_id`), and
//! moving an expression of interest along its path. A member reaches only their own
//! interests: another member's id is 404. Dates are ISO `YYYY-MM-DD`.

use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::roles::Expressed;
use cairn_db::roles::{Interest, Opportunity, Role};
use cairn_domain::roles::{OpportunityDraft, RoleDraft};
use cairn_domain::time::{DateParts, parse_iso_date};
use serde::Deserialize;
use serde_json::{Value, json};

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

/// An ISO date as the three parts the forms use; anything unreadable fails validation.
fn date_parts(raw: Option<&str>) -> DateParts {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => DateParts::default(),
        Some(s) => match parse_iso_date(s) {
            Some(d) => DateParts::from_date(Some(d)),
            None => DateParts {
                day: "?".into(),
                month: "?".into(),
                year: "?".into(),
            },
        },
    }
}

fn role_json(r: &Role) -> Value {
    json!({
        "id": r.id,
        "kind": r.kind.key(),
        "title_en": r.title_en,
        "title_cy": r.title_cy,
        "purpose": {"en": r.purpose_en, "cy": r.purpose_cy},
        "involves": {"en": r.involves_en, "cy": r.involves_cy},
        "time": {"en": r.time_en, "cy": r.time_cy},
        "support": {"en": r.support_en, "cy": r.support_cy},
        "level": r.level,
        "payment": r.payment.key(),
        "leadership": r.leadership,
        "checks": r.checks().iter().map(|c| c.key()).collect::<Vec<_>>(),
        "published": r.published_at.is_some(),
        "published_at": r.published_at,
    })
}

fn opportunity_json(o: &Opportunity, open: bool) -> Value {
    json!({
        "id": o.id,
        "role_id": o.role_id,
        "title_en": o.title_en,
        "title_cy": o.title_cy,
        "kind": o.kind.key(),
        "unit_id": o.unit_id,
        "note_en": o.note_en,
        "note_cy": o.note_cy,
        "opened_on": o.opened_on,
        "closes_on": o.closes_on,
        "withdrawn": o.withdrawn_at.is_some(),
        "open": open,
    })
}

fn interest_json(i: &Interest, appointment_id: Option<i64>) -> Value {
    json!({
        "id": i.id,
        "opportunity_id": i.opportunity_id,
        "person_id": i.person_id,
        "status": i.status.key(),
        "message": i.message,
        "feedback": i.feedback,
        "on_behalf": i.on_behalf,
        "appointment_id": appointment_id,
        "created_at": i.created_at,
        "updated_at": i.updated_at,
    })
}

pub(super) async fn list_roles(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<Json<Value>, ApiError> {
    let roles = cairn_app::roles::roles(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(json!({
        "items": roles.iter().map(role_json).collect::<Vec<_>>(),
        "next_cursor": null,
    })))
}

#[derive(Deserialize, Default)]
pub(super) struct Bilingual {
    en: Option<String>,
    cy: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct RoleIn {
    kind: Option<String>,
    title_en: Option<String>,
    title_cy: Option<String>,
    #[serde(default)]
    purpose: Bilingual,
    #[serde(default)]
    involves: Bilingual,
    #[serde(default)]
    time: Bilingual,
    #[serde(default)]
    support: Bilingual,
    level: Option<i64>,
    payment: Option<String>,
    #[serde(default)]
    leadership: bool,
    #[serde(default)]
    checks: Vec<String>,
    #[serde(default)]
    published: bool,
}

pub(super) async fn create_role(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<RoleIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRoles) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
    let s = |v: Option<String>| v.unwrap_or_default();
    let draft = RoleDraft {
        kind: s(i.kind),
        title_en: s(i.title_en),
        title_cy: s(i.title_cy),
        purpose_en: s(i.purpose.en),
        purpose_cy: s(i.purpose.cy),
        involves_en: s(i.involves.en),
        involves_cy: s(i.involves.cy),
        time_en: s(i.time.en),
        time_cy: s(i.time.cy),
        support_en: s(i.support.en),
        support_cy: s(i.support.cy),
        level: i.level.map(|l| l.to_string()).unwrap_or_default(),
        payment: s(i.payment),
        leadership: i.leadership,
        checks: i.checks,
        published: i.published,
    };
    let id = cairn_app::roles::create_role(&st.app, &a.actor, &draft)
        .await
        .map_err(app_err(a.lang))?;
    let r = cairn_app::roles::role(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(role_json(&r))))
}

pub(super) async fn list_opportunities(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<Json<Value>, ApiError> {
    let v = cairn_app::roles::opportunities(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let mut items: Vec<Value> = v.open.iter().map(|o| opportunity_json(o, true)).collect();
    items.extend(v.closed.iter().map(|o| opportunity_json(o, false)));
    Ok(Json(json!({"items": items, "next_cursor": null})))
}

#[derive(Deserialize)]
pub(super) struct OpportunityIn {
    role_id: Option<i64>,
    unit_id: Option<i64>,
    closes_on: Option<String>,
    note_en: Option<String>,
    note_cy: Option<String>,
}

pub(super) async fn create_opportunity(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<OpportunityIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRoles) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = json_body(body, a.lang)?;
    let draft = OpportunityDraft {
        role_id: i.role_id.map(|r| r.to_string()).unwrap_or_default(),
        unit_id: i.unit_id.map(|u| u.to_string()).unwrap_or_default(),
        note_en: i.note_en.unwrap_or_default(),
        note_cy: i.note_cy.unwrap_or_default(),
        closes_on: date_parts(i.closes_on.as_deref()),
    };
    let id = cairn_app::roles::create_opportunity(&st.app, &a.actor, &draft)
        .await
        .map_err(app_err(a.lang))?;
    let v = cairn_app::roles::opportunity(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(opportunity_json(&v.opportunity, v.open)),
    ))
}

#[derive(Deserialize)]
pub(super) struct InterestIn {
    person_id: Option<i64>,
    message: Option<String>,
}

pub(super) async fn express_interest(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
    body: Result<Json<InterestIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
    let done = cairn_app::roles::express_interest(
        &st.app,
        &a.actor,
        id,
        i.person_id,
        i.message.as_deref().unwrap_or(""),
    )
    .await
    .map_err(app_err(a.lang))?;
    let v = cairn_app::roles::interest(&st.app, &a.actor, done.id())
        .await
        .map_err(app_err(a.lang))?;
    let status = match done {
        Expressed::New(_) => StatusCode::CREATED,
        // Said twice: the first one stands, and is what comes back.
        Expressed::Already(_) => StatusCode::OK,
    };
    Ok((status, Json(interest_json(&v.interest, v.appointment_id))))
}

#[derive(Deserialize)]
pub(super) struct TransitionIn {
    to: Option<String>,
    feedback: Option<String>,
    starts_on: Option<String>,
}

pub(super) async fn transition(
    State(st): State<AppState>,
    a: ApiActor,
    Path(id): Path<i64>,
    body: Result<Json<TransitionIn>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let i = json_body(body, a.lang)?;
    cairn_app::roles::move_interest(
        &st.app,
        &a.actor,
        id,
        i.to.as_deref().unwrap_or(""),
        i.feedback.as_deref().unwrap_or(""),
        &date_parts(i.starts_on.as_deref()),
    )
    .await
    .map_err(app_err(a.lang))?;
    let v = cairn_app::roles::interest(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(interest_json(&v.interest, v.appointment_id)))
}
