//! Evidence records in the JSON API: a unit's advocate visits, community events, papers with a
//! perspective section and sampled audits, each a list and a create (201).

use super::shared::{ApiPath, ApiQuery, page_of, present};
use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_db::model::evidence::Record;
use cairn_domain::FieldErrors;
use cairn_domain::model::evidence::{EvidenceDraft, Kind};
use cairn_domain::time::{DateParts, parse_iso_date};
use serde::Deserialize;
use serde_json::{Value, json};

/// The date's name in each kind's JSON.
fn date_key(kind: Kind) -> &'static str {
    match kind {
        Kind::AdvocateVisit => "visited_on",
        Kind::CommunityEvent => "held_on",
        Kind::PerspectivePaper => "dated_on",
        Kind::PracticeAudit => "audited_on",
    }
}

fn record_json(kind: Kind, r: &Record) -> Value {
    let mut v = json!({"id": r.id, "unit_id": r.unit_id});
    v[date_key(kind)] = json!(r.on_date);
    match kind {
        Kind::AdvocateVisit => v["service"] = json!(r.service),
        Kind::CommunityEvent => {
            v["title"] = json!(r.title);
            v["took_part"] = json!({
                "service_user": r.n_service_user,
                "carer": r.n_carer,
                "staff": r.n_staff,
                "third_sector": r.n_third_sector,
                "manager": r.n_manager,
            });
        }
        Kind::PerspectivePaper => {
            v["title"] = json!(r.title);
            v["has_section"] = json!(r.has_section);
        }
        Kind::PracticeAudit => {
            v["practice"] = json!(r.practice);
            v["looked_at"] = json!(r.looked_at);
            v["met"] = json!(r.met);
        }
    }
    v
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    cursor: Option<String>,
    limit: Option<i64>,
}

async fn list(
    st: AppState,
    a: ApiActor,
    unit: i64,
    kind: Kind,
    q: ListQuery,
) -> Result<Json<Value>, ApiError> {
    let rs = cairn_app::model::evidence::of_kind(&st.app, &a.actor, unit, kind)
        .await
        .map_err(|e| ApiError::from_app(e, a.lang))?;
    let (items, next_cursor) = page_of(
        rs.iter().map(|r| record_json(kind, r)).collect(),
        q.cursor.as_deref(),
        q.limit,
        a.lang,
    )?;
    Ok(Json(json!({"items": items, "next_cursor": next_cursor})))
}

/// Any record's fields; each kind reads its own.
/// None of them may be `null` (the document allows none to be): left out, a field is empty.
#[derive(Deserialize, Default)]
pub(super) struct EvidenceIn {
    #[serde(default, deserialize_with = "present")]
    visited_on: Option<String>,
    #[serde(default, deserialize_with = "present")]
    held_on: Option<String>,
    #[serde(default, deserialize_with = "present")]
    dated_on: Option<String>,
    #[serde(default, deserialize_with = "present")]
    audited_on: Option<String>,
    #[serde(default, deserialize_with = "present")]
    service: Option<String>,
    #[serde(default, deserialize_with = "present")]
    title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    has_section: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    practice: Option<String>,
    #[serde(default, deserialize_with = "present")]
    looked_at: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    met: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    took_part: Option<TookPart>,
}

#[derive(Deserialize, Default)]
pub(super) struct TookPart {
    #[serde(default, deserialize_with = "present")]
    service_user: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    carer: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    staff: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    third_sector: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    manager: Option<i64>,
}

async fn create(
    st: AppState,
    a: ApiActor,
    unit: i64,
    kind: Kind,
    body: Result<Json<EvidenceIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
    let on = match kind {
        Kind::AdvocateVisit => i.visited_on,
        Kind::CommunityEvent => i.held_on,
        Kind::PerspectivePaper => i.dated_on,
        Kind::PracticeAudit => i.audited_on,
    }
    .unwrap_or_default();
    // An ISO date becomes the three parts the rule checks; anything else, a padded string
    // too, is refused there (empty is the rule's "required").
    let parts = match parse_iso_date(&on) {
        Some(d) => DateParts::from_date(Some(d)),
        None if on.is_empty() => DateParts::default(),
        None => DateParts {
            day: "x".into(),
            ..Default::default()
        },
    };
    let n = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let tp = i.took_part.unwrap_or_default();
    let d = EvidenceDraft {
        on: parts,
        service: i.service.unwrap_or_default(),
        title: i.title.unwrap_or_default(),
        has_section: i.has_section.unwrap_or(false),
        practice: i.practice.unwrap_or_default(),
        looked_at: n(i.looked_at),
        met: n(i.met),
        took_part: [
            n(tp.service_user),
            n(tp.carer),
            n(tp.staff),
            n(tp.third_sector),
            n(tp.manager),
        ],
    };
    match cairn_app::model::evidence::add(&st.app, &a.actor, unit, kind, &d).await {
        Ok(r) => Ok((StatusCode::CREATED, Json(record_json(kind, &r)))),
        // The date is named as the API names it.
        Err(AppError::Invalid(errs)) => {
            let mut renamed = FieldErrors::new();
            for e in errs.0 {
                let field = if e.field == "on" {
                    date_key(kind)
                } else {
                    &e.field
                };
                renamed.add(field, e.code);
            }
            Err(ApiError::from_app(AppError::Invalid(renamed), a.lang))
        }
        Err(e) => Err(ApiError::from_app(e, a.lang)),
    }
}

macro_rules! kind_routes {
    ($list:ident, $create:ident, $kind:expr) => {
        pub(super) async fn $list(
            State(st): State<AppState>,
            a: ApiActor,
            ApiPath(unit): ApiPath<i64>,
            ApiQuery(q): ApiQuery<ListQuery>,
        ) -> Result<Json<Value>, ApiError> {
            list(st, a, unit, $kind, q).await
        }

        pub(super) async fn $create(
            State(st): State<AppState>,
            a: ApiActor,
            ApiPath(unit): ApiPath<i64>,
            body: Result<Json<EvidenceIn>, JsonRejection>,
        ) -> Result<(StatusCode, Json<Value>), ApiError> {
            create(st, a, unit, $kind, body).await
        }
    };
}

kind_routes!(list_visits, create_visit, Kind::AdvocateVisit);
kind_routes!(list_events, create_event, Kind::CommunityEvent);
kind_routes!(list_papers, create_paper, Kind::PerspectivePaper);
kind_routes!(list_audits, create_audit, Kind::PracticeAudit);
