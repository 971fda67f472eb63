//! Surveys in the JSON API: listing and reading surveys and their rounds, building one (from a
//! template or with questions), opening a round on units, staff typing in a paper form, and a
//! round's results, where every figure is a number or `{"suppressed": true}` under the one
//! small-number rule the pages use too.

use super::listing::{id_cursor, object_body, page_after};
use super::shared::{ApiPath, ApiQuery, instant, page_limit};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::surveys::{RoundDraft, RoundView, SurveyDetail, SurveyDraft};
use cairn_domain::surveys::Question;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

fn round_json(r: &RoundView) -> Value {
    json!({
        "id": r.round.id,
        "survey_id": r.round.survey_id,
        "name": r.round.name,
        "opens_on": r.round.opens_on,
        "closes_on": r.round.closes_on,
        "unit_ids": r.units.iter().map(|(u, _)| *u).collect::<Vec<_>>(),
    })
}

fn survey_json(d: &SurveyDetail) -> Value {
    json!({
        "id": d.survey.id,
        "title": d.survey.title_en,
        "title_cy": d.survey.title_cy,
        "privacy": d.survey.privacy,
        "template": d.survey.template,
        "questions": d.questions,
        "rounds": d.rounds.iter().map(round_json).collect::<Vec<_>>(),
        "created_at": instant(d.survey.created_at),
    })
}

#[derive(Deserialize)]
pub(super) struct PageIn {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// The organisation's surveys, in id order, each with its questions and rounds.
pub(super) async fn list(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let list = cairn_app::surveys::surveys(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let (page, next_cursor) = page_after(list, |s| s.id, after, limit);
    let mut items = Vec::new();
    for s in page {
        let d = cairn_app::surveys::survey(&st.app, &a.actor, s.id)
            .await
            .map_err(app_err(a.lang))?;
        items.push(survey_json(&d));
    }
    Ok(Json(json!({"items": items, "next_cursor": next_cursor})))
}

/// One survey with its questions and rounds.
pub(super) async fn get(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let d = cairn_app::surveys::survey(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(survey_json(&d)))
}

/// A survey's rounds, in id order.
pub(super) async fn rounds(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let d = cairn_app::surveys::survey(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let (page, next_cursor) = page_after(d.rounds, |r| r.round.id, after, limit);
    Ok(Json(json!({
        "items": page.iter().map(round_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SurveyIn {
    title: Option<String>,
    title_cy: Option<String>,
    privacy: Option<String>,
    template: Option<String>,
    questions: Option<Vec<Question>>,
}

pub(super) async fn create(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<SurveyIn>(body, a.lang)?;
    let d = SurveyDraft {
        title_en: i.title.unwrap_or_default(),
        title_cy: i.title_cy.unwrap_or_default(),
        privacy: i.privacy.unwrap_or_default(),
        template: i.template.unwrap_or_default(),
        questions: i.questions,
        by_hand: false,
    };
    let id = cairn_app::surveys::create_survey(&st.app, &a.actor, &d)
        .await
        .map_err(app_err(a.lang))?;
    let d = cairn_app::surveys::survey(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(survey_json(&d))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoundIn {
    name: Option<String>,
    #[serde(default)]
    unit_ids: Vec<i64>,
    opens_on: Option<String>,
    closes_on: Option<String>,
}

pub(super) async fn open_round(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<RoundIn>(body, a.lang)?;
    let d = RoundDraft {
        name: i.name.unwrap_or_default(),
        unit_ids: i.unit_ids.iter().map(i64::to_string).collect(),
        opens_on: i.opens_on,
        closes_on: i.closes_on,
    };
    let round = cairn_app::surveys::open_round(&st.app, &a.actor, id, &d)
        .await
        .map_err(app_err(a.lang))?;
    let s = cairn_app::surveys::survey(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let r = s
        .rounds
        .iter()
        .find(|r| r.round.id == round)
        .ok_or_else(|| ApiError::from_app(AppError::NotFound, a.lang))?;
    Ok((StatusCode::CREATED, Json(round_json(r))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ResponseIn {
    unit_id: Option<i64>,
    person_id: Option<i64>,
    #[serde(default)]
    answers: BTreeMap<String, Value>,
}

/// A paper form typed in by staff.
pub(super) async fn respond(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = object_body::<ResponseIn>(body, a.lang)?;
    let unit = i.unit_id.map(|u| u.to_string()).unwrap_or_default();
    let rid =
        cairn_app::surveys::answer_on_paper(&st.app, &a.actor, id, &unit, i.person_id, &i.answers)
            .await
            .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": rid, "round_id": id, "unit_id": i.unit_id, "channel": "paper"})),
    ))
}

#[derive(Deserialize)]
pub(super) struct ResultsQuery {
    unit_id: Option<i64>,
}

pub(super) async fn results(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ResultsQuery>,
) -> Result<Json<Value>, ApiError> {
    let r = cairn_app::surveys::results(&st.app, &a.actor, id, q.unit_id)
        .await
        .map_err(app_err(a.lang))?;
    let body = serde_json::to_value(&r).map_err(|e| {
        ApiError::from_app(AppError::Unexpected(format!("survey results: {e}")), a.lang)
    })?;
    Ok(Json(body))
}

pub(super) async fn results_csv(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ResultsQuery>,
) -> Result<axum::response::Response, ApiError> {
    let r = cairn_app::surveys::results(&st.app, &a.actor, id, q.unit_id)
        .await
        .map_err(app_err(a.lang))?;
    let t = crate::i18n::Tr::new(a.lang);
    Ok(crate::csv_export::download(
        &format!("survey-round-{id}.csv"),
        &crate::surveys::result_rows(&t, &r),
    ))
}
