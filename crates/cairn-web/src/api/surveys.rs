//! Surveys in the JSON API: building one (from a template or with questions), opening a round
//! on units, staff typing in a paper form, and a round's results, where every figure is a
//! number or `{"suppressed": true}` under the one small-number rule the pages use too.

use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::surveys::{RoundDraft, SurveyDetail, SurveyDraft};
use cairn_domain::surveys::Question;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

fn survey_json(d: &SurveyDetail) -> Value {
    json!({
        "id": d.survey.id,
        "title": d.survey.title_en,
        "title_cy": d.survey.title_cy,
        "privacy": d.survey.privacy,
        "template": d.survey.template,
        "questions": d.questions,
        "rounds": d.rounds.iter().map(|r| json!({
            "id": r.round.id,
            "name": r.round.name,
            "opens_on": r.round.opens_on,
            "closes_on": r.round.closes_on,
            "unit_ids": r.units.iter().map(|(u, _)| *u).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub(super) async fn list(State(st): State<AppState>, a: ApiActor) -> Result<Json<Value>, ApiError> {
    let list = cairn_app::surveys::surveys(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let mut items = Vec::new();
    for s in list {
        let d = cairn_app::surveys::survey(&st.app, &a.actor, s.id)
            .await
            .map_err(app_err(a.lang))?;
        items.push(survey_json(&d));
    }
    Ok(Json(json!({"items": items, "next_cursor": null})))
}

#[derive(Deserialize)]
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
    body: Result<Json<SurveyIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
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
    Path(id): Path<i64>,
    body: Result<Json<RoundIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
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
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": round,
            "survey_id": id,
            "name": r.round.name,
            "opens_on": r.round.opens_on,
            "closes_on": r.round.closes_on,
            "unit_ids": r.units.iter().map(|(u, _)| *u).collect::<Vec<_>>(),
        })),
    ))
}

#[derive(Deserialize)]
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
    Path(id): Path<i64>,
    body: Result<Json<ResponseIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
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
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
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
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
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
