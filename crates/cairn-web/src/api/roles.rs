//! Involvement roles in the JSON API: role descriptions (both languages), opportunities,
//! saying "I'm interested" (a member for themselves; staff for a person with `person_id`),
//! listing and reading expressions of interest and moving one along its path, and a person's
//! appointments. A member reaches only their own interests: another member's id is 404. Dates
//! are ISO `YYYY-MM-DD`; instants RFC 3339.

use super::listing::{bad_query, id_cursor, object_body, page_after};
use super::shared::{ApiPath, ApiQuery, instant, instant_opt, page_limit};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::roles::{Expressed, InterestFilter};
use cairn_db::roles::{Appointment, Interest, Opportunity, Role};
use cairn_domain::roles::{InterestStatus, OpportunityDraft, RoleDraft};
use cairn_domain::time::{DateParts, parse_iso_date};
use serde::Deserialize;
use serde_json::{Value, json};

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

/// An ISO date as the three parts the forms use; anything else, an empty or padded string too,
/// fails validation (the API's dates are `YYYY-MM-DD` exactly). Left out or null is no date.
fn date_parts(raw: Option<&str>) -> DateParts {
    match raw {
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
        "published_at": instant_opt(r.published_at),
        "created_at": instant(r.created_at),
        "updated_at": instant(r.updated_at),
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
        "withdrawn_at": instant_opt(o.withdrawn_at),
        "open": open,
        "created_at": instant(o.created_at),
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
        "created_at": instant(i.created_at),
        "updated_at": instant(i.updated_at),
    })
}

fn appointment_json(a: &Appointment) -> Value {
    json!({
        "id": a.id,
        "person_id": a.person_id,
        "role_id": a.role_id,
        "unit_id": a.unit_id,
        "interest_id": a.interest_id,
        "kind": a.kind.key(),
        "title_en": a.title_en,
        "title_cy": a.title_cy,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "references_on": a.references_on,
        "dbs_on": a.dbs_on,
        "occupational_health_on": a.occupational_health_on,
        "needs_references": a.needs_references,
        "needs_dbs": a.needs_dbs,
        "needs_occupational_health": a.needs_occupational_health,
        "created_at": instant(a.created_at),
        "updated_at": instant(a.updated_at),
    })
}

#[derive(Deserialize)]
pub(super) struct PageIn {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// Role descriptions in id order: every one for those who write them, published ones for
/// the rest.
pub(super) async fn list_roles(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let roles = cairn_app::roles::roles(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let (roles, next_cursor) = page_after(roles, |r| r.id, after, limit);
    Ok(Json(json!({
        "items": roles.iter().map(role_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

/// One role description (a draft only for those who write them).
pub(super) async fn get_role(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let r = cairn_app::roles::role(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(role_json(&r)))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Bilingual {
    en: Option<String>,
    cy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
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
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRoles) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = object_body::<RoleIn>(body, a.lang)?;
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

/// Opportunities in id order: open ones within reach, and for those who write roles the ones
/// no longer open too.
pub(super) async fn list_opportunities(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let v = cairn_app::roles::opportunities(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let all: Vec<(&Opportunity, bool)> = v
        .open
        .iter()
        .map(|o| (o, true))
        .chain(v.closed.iter().map(|o| (o, false)))
        .collect();
    let (page, next_cursor) = page_after(all, |(o, _)| o.id, after, limit);
    Ok(Json(json!({
        "items": page.iter().map(|(o, open)| opportunity_json(o, *open)).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

/// One opportunity with its role and the ids of the interests the actor may see.
pub(super) async fn get_opportunity(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let v = cairn_app::roles::opportunity(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = opportunity_json(&v.opportunity, v.open);
    out["role"] = role_json(&v.role);
    out["interest_ids"] = json!(v.interests.iter().map(|i| i.id).collect::<Vec<_>>());
    Ok(Json(out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
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
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageRoles) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let i = object_body::<OpportunityIn>(body, a.lang)?;
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
#[serde(deny_unknown_fields)]
pub(super) struct InterestIn {
    person_id: Option<i64>,
    message: Option<String>,
}

pub(super) async fn express_interest(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<InterestIn>(body, a.lang)?;
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
#[serde(deny_unknown_fields)]
pub(super) struct TransitionIn {
    to: Option<String>,
    feedback: Option<String>,
    starts_on: Option<String>,
}

pub(super) async fn transition(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let i = object_body::<TransitionIn>(body, a.lang)?;
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

#[derive(Deserialize)]
pub(super) struct InterestsQuery {
    opportunity_id: Option<i64>,
    person_id: Option<i64>,
    status: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

/// Expressions of interest in id order: a member's own; staff's for the people they reach.
pub(super) async fn list_interests(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<InterestsQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(InterestStatus::parse(s).ok_or_else(|| bad_query(a.lang))?),
    };
    let all = cairn_app::roles::interests(
        &st.app,
        &a.actor,
        &InterestFilter {
            opportunity_id: q.opportunity_id,
            person_id: q.person_id,
            status,
        },
    )
    .await
    .map_err(app_err(a.lang))?;
    let (page, next_cursor) = page_after(all, |i| i.id, after, limit);
    Ok(Json(json!({
        "items": page.iter().map(|i| interest_json(i, None)).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

/// One expression of interest with its history and the moves the actor may make.
pub(super) async fn get_interest(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let v = cairn_app::roles::interest(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = interest_json(&v.interest, v.appointment_id);
    out["moves"] = json!(v.moves.iter().map(|m| m.key()).collect::<Vec<_>>());
    out["events"] = json!(
        v.events
            .iter()
            .map(|e| json!({
                "from_status": e.from_status,
                "to_status": e.to_status,
                "note": e.note,
                "at": instant(e.at),
            }))
            .collect::<Vec<_>>()
    );
    Ok(Json(out))
}

/// A person's appointments, held now and before (those who reach the person, and the person).
pub(super) async fn person_appointments(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let list = cairn_app::roles::appointments_of(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(json!({
        "items": list.iter().map(appointment_json).collect::<Vec<_>>(),
        "next_cursor": null,
    })))
}
