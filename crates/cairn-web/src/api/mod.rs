//! The JSON API under `/api/v1`, for integrations. Authorised only by personal access tokens
//! (`Authorization: Bearer …`), never by the session cookie, so cross-site requests cannot use
//! it. Lists return `{"items": [...], "next_cursor": …}`; enumerations are stable snake_case
//! keys; errors are `{"error": code, "message": text, "fields": [...]}` with field messages
//! from Fluent (English unless `Accept-Language: cy`). Described by `/api/v1/openapi.json`.

mod accounts;
mod evidence;
mod listing;
mod meetings;
mod payments;
mod people;
mod playbook;
mod principles;
mod reports;
mod roles;
pub(crate) mod shared;
mod surveys;
mod training;
mod webhooks;

use crate::i18n::Tr;
use crate::{AppState, Routes};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_app::{Actor, AppError};
use cairn_db::people::{PeopleQuery, Person};
use cairn_db::units::Unit;
use cairn_domain::FieldErrors;
use cairn_domain::people::{Constituency, Language, PersonDraft, PersonStatus};
use cairn_domain::time::DateParts;
use cairn_domain::translation::Bilingual;
use cairn_domain::units::UnitDraft;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::{ApiPath, ApiQuery, json_rfc3339, page_limit, present};

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/api/v1/openapi.json", openapi)
        .get("/api/v1/units", list_units)
        .post("/api/v1/units", create_unit)
        .get("/api/v1/units/{id}", get_unit)
        .patch("/api/v1/units/{id}", patch_unit)
        .get("/api/v1/people", list_people)
        .post("/api/v1/people", create_person)
        .get("/api/v1/people/{id}", get_person)
        .reads_person()
        .patch("/api/v1/people/{id}", patch_person)
        .post("/api/v1/people/{id}/erase", people::erase)
        .get("/api/v1/people/{id}/export", people::export)
        .reads_person()
        .get("/api/v1/units/{id}/assessment", get_assessment)
        .get("/api/v1/units/{id}/assessment/history", assessment_history)
        .get(
            "/api/v1/units/{id}/assessment/{code}/history",
            practice_history,
        )
        .put("/api/v1/units/{id}/assessment/{code}", put_assessment)
        .get("/api/v1/units/{id}/progress", get_progress)
        .get("/api/v1/assessment-rounds", list_rounds)
        .post("/api/v1/assessment-rounds", create_round)
        .get("/api/v1/assessment-rounds/{id}", get_round)
        .post("/api/v1/assessment-rounds/{id}/close", close_round)
        .post("/api/v1/suggestions", create_suggestion)
        .get("/api/v1/suggestions", list_suggestions)
        .get("/api/v1/suggestions/{id}", get_suggestion)
        .post(
            "/api/v1/suggestions/{id}/transitions",
            transition_suggestion,
        )
        .post("/api/v1/suggestions/{id}/publish", publish_suggestion)
        .get("/api/v1/units/{id}/you-said-we-did", unit_board)
        .get("/api/v1/groups", meetings::list_groups)
        .post("/api/v1/groups", meetings::create_group)
        .get("/api/v1/groups/{id}", meetings::get_group)
        .get("/api/v1/meetings", meetings::list_meetings)
        .post("/api/v1/meetings", meetings::create_meeting)
        .get("/api/v1/meetings/{id}", meetings::get_meeting)
        .put("/api/v1/meetings/{id}/attendance", meetings::put_attendance)
        .post("/api/v1/meetings/{id}/cancel", meetings::cancel)
        .put("/api/v1/meetings/{id}/minutes", meetings::put_minutes)
        .post("/api/v1/meetings/{id}/decisions", meetings::add_decision)
        .post("/api/v1/meetings/{id}/actions", meetings::add_action)
        .post("/api/v1/actions/{id}/status", meetings::action_status)
        .get("/api/v1/meetings/{id}/invite.ics", meetings::invite)
        .get("/api/v1/representation", meetings::representation)
        .get("/api/v1/rates", payments::list_rates)
        .post("/api/v1/rates", payments::create_rate)
        .get("/api/v1/claims", payments::list_claims)
        .post("/api/v1/claims", payments::create_claim)
        .get("/api/v1/claims/{id}", payments::get_claim)
        .reads_person()
        .post("/api/v1/claims/{id}/submit", payments::submit)
        .post("/api/v1/claims/{id}/approve", payments::approve)
        .post("/api/v1/claims/{id}/authorise", payments::authorise)
        .post("/api/v1/claims/{id}/reject", payments::reject)
        .post("/api/v1/claims/{id}/reverse", payments::reverse)
        .get("/api/v1/people/{id}/earnings", payments::earnings)
        .reads_person()
        .get("/api/v1/people/{id}/pathway", people::pathway)
        .reads_person()
        .get("/api/v1/surveys", surveys::list)
        .post("/api/v1/surveys", surveys::create)
        .get("/api/v1/surveys/{id}", surveys::get)
        .get("/api/v1/surveys/{id}/rounds", surveys::rounds)
        .post("/api/v1/surveys/{id}/rounds", surveys::open_round)
        .post("/api/v1/rounds/{id}/responses", surveys::respond)
        .get("/api/v1/rounds/{id}/results", surveys::results)
        .get("/api/v1/rounds/{id}/results.csv", surveys::results_csv)
        .get("/api/v1/courses", training::list_courses)
        .post("/api/v1/courses", training::create_course)
        .get("/api/v1/courses/{id}", training::get_course)
        .get("/api/v1/courses/{id}/sessions", training::list_sessions)
        .get(
            "/api/v1/courses/{id}/accreditation.csv",
            training::accreditation_csv,
        )
        .reads_person()
        .post("/api/v1/courses/{id}/sessions", training::create_session)
        .put("/api/v1/sessions/{id}/attendance", training::put_attendance)
        .get("/api/v1/sessions/{id}", training::get_session)
        .reads_person()
        .get("/api/v1/people/{id}/training", training::person_training)
        .reads_person()
        .post("/api/v1/payment-runs", payments::create_run)
        .get("/api/v1/payment-runs", payments::list_runs)
        .get("/api/v1/payment-runs/{id}", payments::get_run)
        .post("/api/v1/payment-runs/{id}/paid", payments::mark_paid)
        .post("/api/v1/payment-runs/{id}/lock", payments::lock_run)
        .get("/api/v1/payment-runs/{id}/export", payments::export_run)
        .get("/api/v1/roles", roles::list_roles)
        .post("/api/v1/roles", roles::create_role)
        .get("/api/v1/roles/{id}", roles::get_role)
        .get("/api/v1/opportunities", roles::list_opportunities)
        .post("/api/v1/opportunities", roles::create_opportunity)
        .get("/api/v1/opportunities/{id}", roles::get_opportunity)
        .get("/api/v1/interests", roles::list_interests)
        .get("/api/v1/interests/{id}", roles::get_interest)
        .get(
            "/api/v1/people/{id}/appointments",
            roles::person_appointments,
        )
        .reads_person()
        .post(
            "/api/v1/opportunities/{id}/interest",
            roles::express_interest,
        )
        .post("/api/v1/interests/{id}/transitions", roles::transition)
        .get("/api/v1/playbook", playbook::get)
        .post("/api/v1/playbook/actions", playbook::create_action)
        .get("/api/v1/playbook/actions/{id}", playbook::get_action)
        .post(
            "/api/v1/playbook/actions/{id}/close",
            playbook::close_action,
        )
        .get("/api/v1/units/{id}/advocate-visits", evidence::list_visits)
        .post("/api/v1/units/{id}/advocate-visits", evidence::create_visit)
        .get("/api/v1/units/{id}/community-events", evidence::list_events)
        .post(
            "/api/v1/units/{id}/community-events",
            evidence::create_event,
        )
        .get(
            "/api/v1/units/{id}/perspective-papers",
            evidence::list_papers,
        )
        .post(
            "/api/v1/units/{id}/perspective-papers",
            evidence::create_paper,
        )
        .get("/api/v1/units/{id}/practice-audits", evidence::list_audits)
        .post("/api/v1/units/{id}/practice-audits", evidence::create_audit)
        .get("/api/v1/principles", principles::get)
        .post(
            "/api/v1/principles/acknowledgements",
            principles::acknowledge,
        )
        .get("/api/v1/measures", reports::catalogue)
        .get("/api/v1/measures/{key}/series", reports::series)
        .get("/api/v1/board-packs", reports::list_packs)
        .post("/api/v1/board-packs", reports::create_pack)
        .get("/api/v1/board-packs/{id}", reports::get_pack)
        .post("/api/v1/board-packs/{id}/sign-off", reports::sign_off)
        .post("/api/v1/accounts/{id}/disable", accounts::disable)
        .post("/api/v1/accounts/{id}/enable", accounts::enable)
        .delete("/api/v1/tokens/{id}", accounts::revoke_token)
        .get("/api/v1/webhooks", webhooks::list)
        .post("/api/v1/webhooks", webhooks::create)
        .delete("/api/v1/webhooks/{id}", webhooks::delete)
        .get("/api/v1/webhooks/{id}/deliveries", webhooks::deliveries)
        .post(
            "/api/v1/webhooks/{id}/rotate-secret",
            webhooks::rotate_secret,
        )
}

/// 400 for a query string or path holding a control character (see `guard`).
pub(crate) fn refuse_control_query(lang: Language) -> Response {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang).into_response()
}

/// 413 as the documented JSON error, for a body over the limit (see `guard`).
pub(crate) fn refuse_too_large(lang: Language) -> Response {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", lang).into_response()
}

/// 422 naming each field of a JSON body that holds a control character (see `guard`).
pub(crate) fn refuse_control_fields(fields: Vec<String>, lang: Language) -> Response {
    let mut errors = FieldErrors::new();
    for f in &fields {
        errors.add(f, cairn_domain::validation::CONTROL_CHARACTER);
    }
    ApiError {
        fields: Some(errors),
        ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", lang)
    }
    .into_response()
}

/// An API error response.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    lang: Language,
    fields: Option<FieldErrors>,
    /// A conflict's own message (a Fluent id), more telling than the generic one.
    detail: Option<&'static str>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, lang: Language) -> Self {
        ApiError {
            status,
            code,
            lang,
            fields: None,
            detail: None,
        }
    }

    fn from_app(e: AppError, lang: Language) -> Self {
        match e {
            AppError::NotFound => ApiError::new(StatusCode::NOT_FOUND, "not_found", lang),
            AppError::Forbidden => ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang),
            AppError::Invalid(f) => ApiError {
                fields: Some(f),
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", lang)
            },
            AppError::Conflict(id) => ApiError {
                detail: Some(id),
                ..ApiError::new(StatusCode::CONFLICT, "conflict", lang)
            },
            AppError::Throttled => ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", lang),
            AppError::Unexpected(m) => {
                tracing::error!(error = %m, "unexpected API error");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", lang)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let t = Tr::new(self.lang);
        let fields: Vec<serde_json::Value> = self
            .fields
            .map(|f| {
                f.0.into_iter()
                    .map(|e| json!({"field": e.field, "code": e.code, "message": t.get(e.code)}))
                    .collect()
            })
            .unwrap_or_default();
        let message = match self.detail {
            Some(id) => t.get(id),
            None => t.get(&format!("api-error-{}", self.code.replace('_', "-"))),
        };
        let body = json!({"error": self.code, "message": message, "fields": fields});
        let mut res = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

/// The actor behind a valid bearer token; 401 otherwise.
pub struct ApiActor {
    pub actor: Actor,
    pub lang: Language,
}

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let lang = shared::request_language(parts);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(token) = token.filter(|t| !t.is_empty() && t.len() < 200) else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorised",
                lang,
            ));
        };
        match cairn_app::accounts::token_actor(&st.app, token).await {
            Ok(Some(actor)) => Ok(ApiActor { actor, lang }),
            Ok(None) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorised",
                lang,
            )),
            Err(e) => Err(ApiError::from_app(e, lang)),
        }
    }
}

fn json_body<T>(body: Result<Json<T>, JsonRejection>, lang: Language) -> Result<T, ApiError> {
    match body {
        Ok(Json(v)) => Ok(v),
        Err(JsonRejection::BytesRejection(_)) => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            lang,
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_json",
            lang,
        )),
    }
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        shared::openapi_document(),
    )
        .into_response()
}

/// A page of results.
#[derive(Serialize)]
struct Page<T> {
    items: Vec<T>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<i64>,
    unit_id: Option<i64>,
    constituency: Option<String>,
    status: Option<String>,
    q: Option<String>,
}

/// Words to search for, as the list pages' search box takes them: 1 to 100 characters; an
/// empty value is refused with 400 `bad_query` (leave the parameter out instead).
fn search_words(v: Option<&str>, lang: Language) -> Result<Option<String>, ApiError> {
    key_filter(
        v,
        |s| (1..=100).contains(&s.chars().count()).then(|| s.to_owned()),
        lang,
    )
}

/// A filter naming one of an enumeration's keys; any other value (an empty one included)
/// is refused with 400 `bad_query`, as the document lists the keys.
fn key_filter<T>(
    v: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    lang: Language,
) -> Result<Option<T>, ApiError> {
    v.map(|k| parse(k).ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang)))
        .transpose()
}

async fn list_units(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<serde_json::Value>>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = shared::read_name_cursor(q.cursor.as_deref(), a.lang)?;
    let mut rows = cairn_app::units::list_units(&st.app, &a.actor, after, limit + 1)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last()
            .map(|r| shared::name_cursor(r.unit.id, &r.unit.name))
    } else {
        None
    };
    Ok(Json(Page {
        items: rows
            .iter()
            .map(|r| json_rfc3339(&r.unit, a.lang))
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

async fn get_unit(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let d = cairn_app::units::get_unit(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json_rfc3339(&d.unit, a.lang)?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct UnitJson {
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    name_cy: Option<String>,
    #[serde(default, deserialize_with = "present")]
    service_id: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    unit_type: Option<String>,
    beds: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    gender_mix: Option<String>,
    link_person_id: Option<i64>,
}

impl UnitJson {
    fn over(self, base: Option<&Unit>) -> UnitDraft {
        UnitDraft {
            name: self
                .name
                .or_else(|| base.map(|b| b.name.clone()))
                .unwrap_or_default(),
            name_cy: self
                .name_cy
                .or_else(|| base.and_then(|b| b.name_cy.clone())),
            service_id: self.service_id.or(base.map(|b| b.service_id)),
            unit_type: self
                .unit_type
                .or_else(|| base.map(|b| b.unit_type.key().to_owned()))
                .unwrap_or_default(),
            beds: self
                .beds
                .or_else(|| base.and_then(|b| b.beds))
                .map(|b| b.to_string()),
            gender_mix: self
                .gender_mix
                .or_else(|| base.map(|b| b.gender_mix.key().to_owned()))
                .unwrap_or_default(),
            link_person_id: self
                .link_person_id
                .or_else(|| base.and_then(|b| b.link_person_id)),
        }
    }
}

async fn create_unit(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<UnitJson>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let input = json_body(body, a.lang)?;
    let id = cairn_app::units::create_unit(&st.app, &a.actor, &input.over(None))
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let d = cairn_app::units::get_unit(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok((StatusCode::CREATED, Json(json_rfc3339(&d.unit, a.lang)?)))
}

async fn patch_unit(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<UnitJson>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let current = cairn_app::units::get_unit(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let input = json_body(body, a.lang)?;
    cairn_app::units::update_unit(&st.app, &a.actor, id, &input.over(Some(&current.unit)))
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let d = cairn_app::units::get_unit(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json_rfc3339(&d.unit, a.lang)?))
}

/// A person as the API shows them.
#[derive(Serialize)]
struct PersonOut {
    #[serde(flatten)]
    person: Person,
    unit_ids: Vec<i64>,
}

fn person_json(p: PersonOut, lang: Language) -> Result<serde_json::Value, ApiError> {
    json_rfc3339(&p, lang)
}

async fn list_people(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<serde_json::Value>>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let query = PeopleQuery {
        unit_id: q.unit_id,
        constituency: key_filter(q.constituency.as_deref(), Constituency::parse, a.lang)?,
        status: key_filter(q.status.as_deref(), PersonStatus::parse, a.lang)?,
        text: search_words(q.q.as_deref(), a.lang)?,
        within_units: None,
        after: shared::read_name_cursor(q.cursor.as_deref(), a.lang)?,
        limit: limit + 1,
        welsh_order: false,
    };
    let mut rows = cairn_app::people::list(&st.app, &a.actor, query)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last()
            .map(|r| shared::name_cursor(r.person.id, &r.person.chosen_name))
    } else {
        None
    };
    Ok(Json(Page {
        items: rows
            .into_iter()
            .map(|r| {
                person_json(
                    PersonOut {
                        person: r.person,
                        unit_ids: r.unit_ids,
                    },
                    a.lang,
                )
            })
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

async fn get_person(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let p = cairn_app::people::view(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(person_json(
        PersonOut {
            person: p.person,
            unit_ids: p.unit_ids,
        },
        a.lang,
    )?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PersonJson {
    #[serde(default, deserialize_with = "present")]
    chosen_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    constituency: Option<String>,
    discipline: Option<String>,
    #[serde(default, deserialize_with = "present")]
    unit_ids: Option<Vec<i64>>,
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
    status_since: Option<String>,
    #[serde(default, deserialize_with = "present")]
    preferred_language: Option<String>,
    email: Option<String>,
    access_needs: Option<String>,
    consent_on: Option<String>,
}

/// A date field of the API: `YYYY-MM-DD` exactly, as the OpenAPI document says. An empty or
/// padded string is refused like any other non-date (the web forms, not the API, forgive
/// blanks); leaving the field out, or null, is how a client says "no date".
fn iso_parts(s: Option<&str>, errors: &mut FieldErrors, field: &str) -> DateParts {
    match s {
        None => DateParts::default(),
        Some(s) => match s.parse::<jiff::civil::Date>() {
            Ok(d) => DateParts::from_date(Some(d)),
            Err(_) => {
                errors.add(field, "date-error-real");
                DateParts::default()
            }
        },
    }
}

impl PersonJson {
    fn over(self, base: Option<&(Person, Vec<i64>)>) -> Result<PersonDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let bp = base.map(|b| &b.0);
        let status_since = iso_parts(
            self.status_since
                .as_deref()
                .or(bp.and_then(|p| p.status_since.as_deref())),
            &mut e,
            "status_since",
        );
        let consent_on = iso_parts(
            self.consent_on
                .as_deref()
                .or(bp.and_then(|p| p.consent_on.as_deref())),
            &mut e,
            "consent_on",
        );
        if !e.is_empty() {
            return Err(e);
        }
        Ok(PersonDraft {
            chosen_name: self
                .chosen_name
                .or_else(|| bp.map(|p| p.chosen_name.clone()))
                .unwrap_or_default(),
            constituency: self
                .constituency
                .or_else(|| bp.map(|p| p.constituency.key().to_owned()))
                .unwrap_or_default(),
            discipline: self
                .discipline
                .or_else(|| bp.and_then(|p| p.discipline.clone())),
            unit_ids: self
                .unit_ids
                .or_else(|| base.map(|b| b.1.clone()))
                .unwrap_or_default(),
            status: self
                .status
                .or_else(|| bp.map(|p| p.status.key().to_owned()))
                .unwrap_or_default(),
            status_since,
            preferred_language: self
                .preferred_language
                .or_else(|| bp.map(|p| p.preferred_language.key().to_owned()))
                .unwrap_or_else(|| "en".into()),
            email: self.email.or_else(|| bp.and_then(|p| p.email.clone())),
            access_needs: self
                .access_needs
                .or_else(|| bp.and_then(|p| p.access_needs.clone())),
            consent_on,
        })
    }
}

async fn create_person(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<PersonJson>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let input = json_body(body, a.lang)?;
    let draft = input
        .over(None)
        .map_err(|f| ApiError::from_app(AppError::Invalid(f), a.lang))?;
    let id = cairn_app::people::create(&st.app, &a.actor, &draft)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let p = cairn_app::people::view(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(person_json(
            PersonOut {
                person: p.person,
                unit_ids: p.unit_ids,
            },
            a.lang,
        )?),
    ))
}

async fn patch_person(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<PersonJson>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let current = cairn_app::people::view(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let input = json_body(body, a.lang)?;
    let draft = input
        .over(Some(&(current.person, current.unit_ids)))
        .map_err(|f| ApiError::from_app(AppError::Invalid(f), a.lang))?;
    cairn_app::people::update(&st.app, &a.actor, id, &draft)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let p = cairn_app::people::view(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(person_json(
        PersonOut {
            person: p.person,
            unit_ids: p.unit_ids,
        },
        a.lang,
    )?))
}

/// One practice's status on a unit, as the API shows it.
#[derive(Serialize)]
struct AssessmentItem {
    code: String,
    level: i64,
    title_en: String,
    title_cy: String,
    status: cairn_domain::model::Status,
    rag: cairn_domain::model::Rag,
    reason: Option<String>,
    evidence: Option<String>,
    owner: Option<i64>,
    target_on: Option<String>,
    review_on: Option<String>,
    #[serde(serialize_with = "shared::rfc3339_opt")]
    updated_at: Option<i64>,
    model_version: Option<i64>,
    /// The status at the baseline and at the last closed round, as the unit's page shows.
    at_baseline: Option<cairn_domain::model::Status>,
    at_last_round: Option<cairn_domain::model::Status>,
}

impl From<cairn_app::model::ItemView> for AssessmentItem {
    fn from(i: cairn_app::model::ItemView) -> Self {
        AssessmentItem {
            code: i.practice.code,
            level: i.practice.level,
            title_en: i.practice.title_en,
            title_cy: i.practice.title_cy,
            status: i.status,
            rag: i.rag,
            reason: i.reason,
            evidence: i.evidence,
            owner: i.owner_person_id,
            target_on: i.target_on,
            review_on: i.review_on,
            updated_at: i.updated_at,
            model_version: i.model_version,
            at_baseline: i.at_baseline,
            at_last_round: i.at_last_round,
        }
    }
}

#[derive(Deserialize)]
struct CursorQuery {
    cursor: Option<String>,
    limit: Option<i64>,
}

async fn get_assessment(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<CursorQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let u = cairn_app::model::unit_assessment(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let items: Vec<AssessmentItem> = u.items.into_iter().map(AssessmentItem::from).collect();
    let (items, next_cursor) = shared::page_of(items, q.cursor.as_deref(), q.limit, a.lang)?;
    Ok(Json(
        json!({"items": items, "next_cursor": next_cursor, "model_version": u.model_version}),
    ))
}

fn levels_json(levels: &[cairn_domain::model::LevelProgress]) -> serde_json::Value {
    json!(levels)
}

/// A unit's assessment over time, as its page shows it: each closed round with the share of
/// each level's practices in place then, oldest first, and the baseline and last round with
/// their level progress.
async fn assessment_history(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<CursorQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let u = cairn_app::model::unit_assessment(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let rounds: Vec<serde_json::Value> = u
        .over_time
        .iter()
        .map(|(r, pct)| {
            Ok(json!({
                "round": json_rfc3339(r, a.lang)?,
                "in_place_percent": {"level_1": pct[0], "level_2": pct[1], "level_3": pct[2]},
            }))
        })
        .collect::<Result<_, ApiError>>()?;
    let (items, next_cursor) = shared::page_of(rounds, q.cursor.as_deref(), q.limit, a.lang)?;
    type Marker = Option<(
        cairn_db::model::Round,
        Vec<cairn_domain::model::LevelProgress>,
    )>;
    let marker = |m: &Marker| {
        m.as_ref()
            .map(|(r, l)| {
                Ok::<_, ApiError>(
                    json!({"round": json_rfc3339(r, a.lang)?, "levels": levels_json(l)}),
                )
            })
            .transpose()
    };
    Ok(Json(json!({
        "unit_id": id,
        "items": items,
        "next_cursor": next_cursor,
        "baseline": marker(&u.baseline)?,
        "last_round": marker(&u.last_round)?,
        "levels": levels_json(&u.levels),
    })))
}

/// One practice's changes on a unit, newest first, as its page lists them.
async fn practice_history(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath((id, code)): ApiPath<(i64, String)>,
    ApiQuery(q): ApiQuery<CursorQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let p = cairn_app::model::practice_on_unit(&st.app, &a.actor, id, &code)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let rows: Vec<serde_json::Value> = p
        .history
        .iter()
        .map(|h| {
            json!({
                "status": h.status,
                "rag": h.status.rag(),
                "reason": h.reason,
                "evidence": h.evidence,
                "owner": h.owner_person_id,
                "target_on": h.target_on,
                "review_on": h.review_on,
                "model_version": h.model_version,
                "changed_at": shared::instant(h.at),
                "changed_by": h.actor_label,
            })
        })
        .collect();
    let (items, next_cursor) = shared::page_of(rows, q.cursor.as_deref(), q.limit, a.lang)?;
    Ok(Json(json!({
        "unit_id": id,
        "code": p.item.practice.code,
        "current": AssessmentItem::from(p.item),
        "items": items,
        "next_cursor": next_cursor,
    })))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AssessmentJson {
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
    evidence: Option<String>,
    reason: Option<String>,
    owner: Option<i64>,
    target_on: Option<String>,
    review_on: Option<String>,
}

async fn put_assessment(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath((id, code)): ApiPath<(i64, String)>,
    body: Result<Json<AssessmentJson>, JsonRejection>,
) -> Result<Json<AssessmentItem>, ApiError> {
    let input = json_body(body, a.lang)?;
    let mut e = FieldErrors::new();
    let target_on = iso_parts(input.target_on.as_deref(), &mut e, "target_on");
    let review_on = iso_parts(input.review_on.as_deref(), &mut e, "review_on");
    if !e.is_empty() {
        return Err(ApiError::from_app(AppError::Invalid(e), a.lang));
    }
    let draft = cairn_domain::model::AssessmentDraft {
        status: input.status.unwrap_or_default(),
        reason: input.reason,
        evidence: input.evidence,
        owner_person_id: input.owner,
        target_on,
        review_on,
    };
    cairn_app::model::set_status(&st.app, &a.actor, id, &code, &draft)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let u = cairn_app::model::unit_assessment(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let item = u
        .items
        .into_iter()
        .find(|i| i.practice.code == code)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", a.lang))?;
    Ok(Json(item.into()))
}

async fn get_progress(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (levels, ladder) = cairn_app::model::unit_progress(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(json!({"levels": levels, "ladder": ladder})))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RoundJson {
    #[serde(default, deserialize_with = "present")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    name_cy: Option<String>,
}

async fn round_json(st: &AppState, a: &ApiActor, id: i64) -> Result<serde_json::Value, ApiError> {
    let rounds = cairn_app::model::rounds(&st.app, &a.actor)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let r = rounds
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", a.lang))?;
    json_rfc3339(&r, a.lang)
}

/// The organisation's assessment rounds and baselines, newest first.
async fn list_rounds(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<CursorQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let before = shared::id_cursor(q.cursor.as_deref(), a.lang)?;
    let mut rounds = cairn_app::model::rounds(&st.app, &a.actor)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    rounds.sort_by_key(|r| std::cmp::Reverse(r.id));
    let rest: Vec<_> = rounds
        .into_iter()
        .filter(|r| before.is_none_or(|b| r.id < b))
        .collect();
    let more = rest.len() as i64 > limit;
    let page: Vec<_> = rest.into_iter().take(limit as usize).collect();
    let next_cursor = if more {
        page.last().map(|r| r.id.to_string())
    } else {
        None
    };
    Ok(Json(json!({
        "items": page.iter().map(|r| json_rfc3339(r, a.lang)).collect::<Result<Vec<_>, _>>()?,
        "next_cursor": next_cursor,
    })))
}

async fn get_round(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(round_json(&st, &a, id).await?))
}

/// The longest round name the API takes, as its description says (`RoundInput`).
const ROUND_NAME_MAX: usize = 120;

async fn create_round(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<RoundJson>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let input = json_body(body, a.lang)?;
    // The API's description caps each name at 120 characters as sent; the use case counts
    // after trimming, which would take 120 characters wrapped in spaces.
    let mut too_long = FieldErrors::new();
    for (field, value) in [("name", &input.name), ("name_cy", &input.name_cy)] {
        if value
            .as_deref()
            .is_some_and(|v| v.chars().count() > ROUND_NAME_MAX)
        {
            too_long.add(field, "model-error-round-name-long");
        }
    }
    if !too_long.is_empty() {
        return Err(ApiError::from_app(AppError::Invalid(too_long), a.lang));
    }
    let kind = input.kind.unwrap_or_else(|| "round".into());
    let name = Bilingual::new(input.name.as_deref(), input.name_cy.as_deref());
    let id = if kind == "baseline" {
        cairn_app::model::take_baseline(&st.app, &a.actor, name).await
    } else {
        cairn_app::model::open_round(&st.app, &a.actor, &kind, name).await
    }
    .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok((StatusCode::CREATED, Json(round_json(&st, &a, id).await?)))
}

async fn close_round(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    cairn_app::model::close_round(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(round_json(&st, &a, id).await?))
}

/// A suggestion as the API shows it to staff.
#[derive(Serialize)]
struct SuggestionOut {
    id: i64,
    unit_id: Option<i64>,
    channel: cairn_domain::feedback::Channel,
    text: String,
    status: String,
    rag: cairn_domain::model::Rag,
    visibility: cairn_domain::feedback::Visibility,
    public_text: Option<String>,
    public_text_cy: Option<String>,
    public_response: Option<String>,
    public_response_cy: Option<String>,
    anonymous: bool,
    #[serde(serialize_with = "shared::rfc3339")]
    received_at: i64,
    #[serde(serialize_with = "shared::rfc3339_opt")]
    first_response_at: Option<i64>,
    #[serde(serialize_with = "shared::rfc3339_opt")]
    closed_at: Option<i64>,
}

fn suggestion_out(
    s: cairn_db::feedback::Suggestion,
    statuses: &[cairn_domain::feedback::StatusDef],
) -> SuggestionOut {
    let rag = statuses
        .iter()
        .find(|d| d.key == s.status)
        .map(|d| d.rag)
        .unwrap_or(cairn_domain::model::Rag::Red);
    SuggestionOut {
        id: s.id,
        unit_id: s.unit_id,
        channel: s.channel,
        text: s.text,
        status: s.status,
        rag,
        visibility: s.visibility,
        public_text: s.public_text,
        public_text_cy: s.public_text_cy,
        public_response: s.public_response,
        public_response_cy: s.public_response_cy,
        anonymous: s.anonymous,
        received_at: s.received_at,
        first_response_at: s.first_response_at,
        closed_at: s.closed_at,
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SuggestionJson {
    unit_id: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "present")]
    channel: Option<String>,
    #[serde(default, deserialize_with = "present")]
    anonymous: Option<bool>,
    contact: Option<String>,
    found_on: Option<String>,
}

async fn suggestion_by_id(st: &AppState, a: &ApiActor, id: i64) -> Result<SuggestionOut, ApiError> {
    let d = cairn_app::feedback::detail(&st.app, &a.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(suggestion_out(d.suggestion, &d.statuses))
}

async fn create_suggestion(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<SuggestionJson>, JsonRejection>,
) -> Result<(StatusCode, Json<SuggestionOut>), ApiError> {
    let input = json_body(body, a.lang)?;
    let mut e = FieldErrors::new();
    let found_on = iso_parts(input.found_on.as_deref(), &mut e, "found_on");
    // A member's suggestion always arrives online, whatever channel is named, but a name that
    // is not a channel is refused for everyone, as the document lists the channels.
    if input
        .channel
        .as_deref()
        .is_some_and(|c| cairn_domain::feedback::Channel::parse(c.trim()).is_none())
    {
        e.add("channel", "feedback-error-channel");
    }
    if !e.is_empty() {
        return Err(ApiError::from_app(AppError::Invalid(e), a.lang));
    }
    let draft = cairn_domain::feedback::SuggestionDraft {
        unit_id: input.unit_id,
        text: input.text.unwrap_or_default(),
        channel: input.channel.unwrap_or_else(|| "online".into()),
        anonymous: input.anonymous.unwrap_or(false),
        contact: input.contact,
        found_on,
    };
    // Staff enter suggestions for others; a member leaves one as themselves.
    let id = if a.actor.can(cairn_domain::Permission::ManageFeedback) {
        cairn_app::feedback::enter(&st.app, &a.actor, &draft, a.lang).await
    } else {
        cairn_app::feedback::submit_online(&st.app, &a.actor, &draft, a.lang).await
    }
    .map_err(|e| ApiError::from_app(e, a.lang))?;
    if !a.actor.can(cairn_domain::Permission::ManageFeedback) {
        // Members get back only what they sent.
        let statuses = cairn_app::feedback::statuses(&st.app, &a.actor)
            .await
            .map_err(|e| ApiError::from_app(e, a.lang))?;
        return Ok((
            StatusCode::CREATED,
            Json(SuggestionOut {
                id,
                unit_id: draft.unit_id,
                channel: cairn_domain::feedback::Channel::Online,
                text: draft.text.trim().to_owned(),
                status: cairn_domain::feedback::FIRST_STATUS.into(),
                rag: statuses
                    .iter()
                    .find(|d| d.key == cairn_domain::feedback::FIRST_STATUS)
                    .map(|d| d.rag)
                    .unwrap_or(cairn_domain::model::Rag::Red),
                visibility: cairn_domain::feedback::Visibility::Pending,
                public_text: None,
                public_text_cy: None,
                public_response: None,
                public_response_cy: None,
                anonymous: draft.anonymous,
                received_at: st.app.now(),
                first_response_at: None,
                closed_at: None,
            }),
        ));
    }
    Ok((
        StatusCode::CREATED,
        Json(suggestion_by_id(&st, &a, id).await?),
    ))
}

#[derive(Deserialize)]
struct SuggestionQueryIn {
    unit_id: Option<i64>,
    rag: Option<String>,
    status: Option<String>,
    channel: Option<String>,
    /// Received on or after this day, and on or before `to` (dates in the organisation's
    /// time zone, as the suggestions page filters them).
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    /// Only those past the organisation's target for a first response.
    overdue: Option<bool>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

/// A status key as the document describes it: lower-case letters, digits and underscores.
fn status_key(s: &str) -> Option<String> {
    (!s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
    .then(|| s.to_owned())
}

async fn list_suggestions(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<SuggestionQueryIn>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let f = cairn_app::feedback::ListFilters {
        unit_id: q.unit_id,
        status: key_filter(q.status.as_deref(), status_key, a.lang)?,
        rag: key_filter(q.rag.as_deref(), cairn_domain::model::Rag::parse, a.lang)?
            .map(|r| r.key().to_owned()),
        channel: key_filter(
            q.channel.as_deref(),
            cairn_domain::feedback::Channel::parse,
            a.lang,
        )?
        .map(|c| c.key().to_owned()),
        from: q.from,
        to: q.to,
        overdue: q.overdue.unwrap_or(false),
        text: search_words(q.q.as_deref(), a.lang)?,
        before_id: shared::id_cursor(q.cursor.as_deref(), a.lang)?,
        limit: limit + 1,
        ..Default::default()
    };
    let (mut rows, statuses) = cairn_app::feedback::list_whole(&st.app, &a.actor, &f)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| r.id.to_string())
    } else {
        None
    };
    let items: Vec<SuggestionOut> = rows
        .into_iter()
        .map(|r| suggestion_out(r, &statuses))
        .collect();
    Ok(Json(json!({"items": items, "next_cursor": next_cursor})))
}

/// One suggestion, with everything staff see on its page but its history.
async fn get_suggestion(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SuggestionOut>, ApiError> {
    Ok(Json(suggestion_by_id(&st, &a, id).await?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TransitionJson {
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
    public_response: Option<String>,
    public_response_cy: Option<String>,
    note: Option<String>,
}

async fn transition_suggestion(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<TransitionJson>, JsonRejection>,
) -> Result<Json<SuggestionOut>, ApiError> {
    let input = json_body(body, a.lang)?;
    cairn_app::feedback::transition_from(
        &st.app,
        &a.actor,
        id,
        None,
        input.status.as_deref().unwrap_or(""),
        &Bilingual::new(
            input.public_response.as_deref(),
            input.public_response_cy.as_deref(),
        ),
        input.note.as_deref(),
    )
    .await
    .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(suggestion_by_id(&st, &a, id).await?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PublishJson {
    #[serde(default, deserialize_with = "present")]
    public_text: Option<String>,
    public_text_cy: Option<String>,
}

async fn publish_suggestion(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<PublishJson>, JsonRejection>,
) -> Result<Json<SuggestionOut>, ApiError> {
    let input = json_body(body, a.lang)?;
    cairn_app::feedback::publish(
        &st.app,
        &a.actor,
        id,
        Bilingual::new(
            input.public_text.as_deref(),
            input.public_text_cy.as_deref(),
        ),
    )
    .await
    .map_err(|e| ApiError::from_app(e, a.lang))?;
    Ok(Json(suggestion_by_id(&st, &a, id).await?))
}

async fn unit_board(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<CursorQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let org = a
        .actor
        .organisation_id
        .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "forbidden", a.lang))?;
    let (_, _, items, _) = cairn_app::feedback::board(&st.app, org, Some(id), 520)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let items: Vec<serde_json::Value> = items
        .into_iter()
        .map(|i| {
            json!({
                "id": i.id,
                "unit_id": i.unit_id,
                "you_said": i.you_said.en,
                "you_said_cy": i.you_said.cy,
                "we_did": i.we_did.en,
                "we_did_cy": i.we_did.cy,
                "status": i.status,
                "rag": i.rag,
                "closed_at": shared::instant(i.closed_at),
            })
        })
        .collect();
    let (items, next_cursor) = shared::page_of(items, q.cursor.as_deref(), q.limit, a.lang)?;
    Ok(Json(json!({"items": items, "next_cursor": next_cursor})))
}
