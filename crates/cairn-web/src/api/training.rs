//! Training in the JSON API: the prospectus, one course, a course's sessions (scheduling one
//! answers with whether it is co-delivered), one session with its register (`PUT` answers with
//! `joint` and `co_delivered`), and a person's learning with credits by CQFW level. Instants are
//! RFC 3339 in UTC (`2026-04-14T09:00:00Z`); any offset is accepted in what is sent.

use super::listing::{id_cursor, object_body, page_after};
use super::shared::{ApiPath, ApiQuery, instant as rfc3339, instant_opt, page_limit};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::training::SessionView;
use cairn_db::training::Course;
use cairn_domain::training::{CourseDraft, SessionDraft};
use serde::Deserialize;
use serde_json::{Value, json};

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

fn split(list: &str) -> Vec<&str> {
    list.split(',').filter(|s| !s.is_empty()).collect()
}

fn course_json(c: &Course) -> Value {
    json!({
        "id": c.id,
        "title": c.title_en,
        "title_cy": c.title_cy,
        "summary": c.summary_en,
        "summary_cy": c.summary_cy,
        "audience": split(&c.audience),
        "level": c.level,
        "practices": split(&c.practices),
        "sessions": c.sessions,
        "learning_hours": c.learning_hours,
        "credits": c.credits,
        "cqfw_level": c.cqfw_level,
        "agored_unit": c.agored_unit,
        "completion": match c.min_sessions {
            Some(n) => json!({"min_sessions": n}),
            None => json!({"assessed": true}),
        },
        "created_at": rfc3339(c.created_at),
        "updated_at": rfc3339(c.updated_at),
    })
}

#[derive(Deserialize)]
pub(super) struct PageIn {
    cursor: Option<String>,
    limit: Option<i64>,
}

fn session_json(v: &SessionView) -> Value {
    let s = &v.session;
    json!({
        "id": s.id,
        "course_id": s.course_id,
        "starts_at": rfc3339(s.starts_at),
        "ends_at": rfc3339(s.ends_at),
        "place": s.place,
        "online_url": s.online_url,
        "capacity": s.capacity,
        "taken": s.taken,
        "waiting": s.waiting,
        "trainers": v.trainers.iter().map(|t| json!({"person_id": t.person_id, "part": t.part})).collect::<Vec<_>>(),
        "co_delivered": v.co_delivered,
        "joint": v.joint,
    })
}

/// The prospectus, in id order.
pub(super) async fn list_courses(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let courses = cairn_app::training::courses(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let (courses, next_cursor) = page_after(courses, |c| c.id, after, limit);
    Ok(Json(json!({
        "items": courses.iter().map(course_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

/// One course with its sessions' ids and, for a member, whether they asked to join.
pub(super) async fn get_course(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let d = cairn_app::training::course(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = course_json(&d.course);
    out["session_ids"] = json!(d.sessions.iter().map(|s| s.session.id).collect::<Vec<_>>());
    out["asked"] = json!(d.asked);
    Ok(Json(out))
}

/// One session with its register (staff who keep registers, and its trainers); the read is
/// audited, naming everyone on it.
pub(super) async fn get_session(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let r = cairn_app::training::register(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = session_json(&r.session);
    out["register"] = json!(
        r.lines
            .iter()
            .map(|l| json!({
                "person_id": l.person_id,
                "status": l.status.key(),
                "constituency": l.constituency,
                "on_behalf": l.on_behalf,
            }))
            .collect::<Vec<_>>()
    );
    Ok(Json(out))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct CompletionIn {
    min_sessions: Option<i64>,
    assessed: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CourseIn {
    title: Option<String>,
    title_cy: Option<String>,
    summary: Option<String>,
    summary_cy: Option<String>,
    #[serde(default)]
    audience: Vec<String>,
    level: Option<i64>,
    #[serde(default)]
    practices: Vec<String>,
    sessions: Option<i64>,
    learning_hours: Option<i64>,
    credits: Option<i64>,
    cqfw_level: Option<String>,
    agored_unit: Option<String>,
    completion: Option<CompletionIn>,
}

pub(super) async fn create_course(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<CourseIn>(body, a.lang)?;
    let completion = i.completion.unwrap_or_default();
    let (rule, min) = match (completion.min_sessions, completion.assessed) {
        (Some(n), None | Some(false)) => ("sessions", n.to_string()),
        (None, Some(true)) => ("assessed", String::new()),
        _ => ("", String::new()),
    };
    // Optional in the API: a course is as many sessions as its rule asks for (one if assessed),
    // and its learning hours are what its credits stand for (10 hours each), else two hours a
    // session.
    // Saturating: an absurd number is refused by the course's own checks, not by an overflow.
    let sessions = i
        .sessions
        .unwrap_or_else(|| completion.min_sessions.unwrap_or(1));
    let hours = i.learning_hours.unwrap_or_else(|| {
        i.credits
            .map_or(sessions.saturating_mul(2), |c| c.saturating_mul(10))
    });
    let d = CourseDraft {
        title_en: i.title.unwrap_or_default(),
        title_cy: i.title_cy.unwrap_or_default(),
        summary_en: i.summary.unwrap_or_default(),
        summary_cy: i.summary_cy.unwrap_or_default(),
        audience: i.audience,
        level: i.level.map(|l| l.to_string()).unwrap_or_default(),
        practices: i.practices,
        sessions: sessions.to_string(),
        learning_hours: hours.to_string(),
        credits: i.credits.map(|c| c.to_string()).unwrap_or_default(),
        cqfw_level: i.cqfw_level.unwrap_or_default(),
        agored_unit: i.agored_unit.unwrap_or_default(),
        completion: rule.to_owned(),
        min_sessions: min,
    };
    let id = cairn_app::training::create_course(&st.app, &a.actor, &d)
        .await
        .map_err(app_err(a.lang))?;
    let detail = cairn_app::training::course(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(course_json(&detail.course))))
}

/// A course's sessions, in id order.
pub(super) async fn list_sessions(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let d = cairn_app::training::course(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let (sessions, next_cursor) = page_after(d.sessions, |s| s.session.id, after, limit);
    Ok(Json(json!({
        "items": sessions.iter().map(session_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TrainerIn {
    person_id: i64,
    part: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SessionIn {
    starts_at: Option<String>,
    ends_at: Option<String>,
    place: Option<String>,
    online_url: Option<String>,
    capacity: Option<i64>,
    #[serde(default)]
    trainers: Vec<TrainerIn>,
}

fn instant(raw: Option<&str>) -> Option<i64> {
    raw?.parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_millisecond())
}

pub(super) async fn create_session(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<SessionIn>(body, a.lang)?;
    let d = SessionDraft {
        starts_at: instant(i.starts_at.as_deref()),
        ends_at: instant(i.ends_at.as_deref()),
        place: i.place.unwrap_or_default(),
        online_url: i.online_url.unwrap_or_default(),
        capacity: i.capacity.map(|c| c.to_string()).unwrap_or_default(),
        trainers: i
            .trainers
            .into_iter()
            .map(|t| (t.person_id.to_string(), t.part))
            .collect(),
    };
    let v = cairn_app::training::create_session(&st.app, &a.actor, id, &d)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(session_json(&v))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LineIn {
    person_id: i64,
    status: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttendanceIn {
    /// Left out, nothing on the register changes.
    #[serde(default)]
    attendance: Vec<LineIn>,
}

pub(super) async fn put_attendance(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let i = object_body::<AttendanceIn>(body, a.lang)?;
    let lines: Vec<(i64, String)> = i
        .attendance
        .into_iter()
        .map(|l| (l.person_id, l.status))
        .collect();
    let v = cairn_app::training::set_attendance(&st.app, &a.actor, id, &lines)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(session_json(&v)))
}

pub(super) async fn person_training(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let l = cairn_app::training::learning(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(json!({
        "person_id": l.person_id,
        "courses": l.courses,
        "sessions": l.sessions.iter().map(|s| json!({
            "session_id": s.session_id,
            "course_id": s.course_id,
            "starts_at": rfc3339(s.starts_at),
            "status": s.status,
        })).collect::<Vec<_>>(),
        "completions": l.courses.iter().filter(|c| c.completed).map(|c| c.course_id).collect::<Vec<_>>(),
        "credits_by_level": l.credits_by_level,
        "trains_in": l.trains_in,
        "asked_to_join": l.asked_to_join,
        "next_steps": l.next_steps,
        "certificates": l.certificates.iter().map(|c| json!({
            "id": c.id,
            "course_id": c.course_id,
            "session_id": c.session_id,
            "kind": c.kind,
            "reference": c.reference,
            "issued_at": rfc3339(c.issued_at),
            "replaced": c.replaced_at.is_some(),
            "replaced_at": instant_opt(c.replaced_at),
        })).collect::<Vec<_>>(),
    })))
}

/// The course's learner registration file for the awarding body (CSV with a byte-order mark
/// and CRLF lines, as Excel opens it). Its header is in the token holder's language.
pub(super) async fn accreditation_csv(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<axum::response::Response, ApiError> {
    let f = cairn_app::training::accreditation::accreditation_file(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let t = crate::i18n::Tr::new(a.lang);
    Ok(crate::csv_export::download(
        &format!("registrations-course-{id}.csv"),
        &crate::training::accreditation_rows(&t, &f),
    ))
}
