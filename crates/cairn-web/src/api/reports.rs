//! Reports in the JSON API: the catalogue of measures, a measure's monthly series with its SPC
//! analysis (the same series the pages draw), and board packs: assembled, read, signed off.

use super::shared::{ApiPath, ApiQuery, instant_opt, present};
use super::{ApiActor, ApiError, json_body};
use crate::AppState;
use crate::i18n::Tr;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::reports::{PackContent, Series};
use cairn_domain::people::Language;
use cairn_domain::reports::PackDraft;
use serde::Deserialize;
use serde_json::{Value, json};

fn app_err(lang: Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

pub(super) async fn catalogue(
    State(st): State<AppState>,
    a: ApiActor,
) -> Result<Json<Value>, ApiError> {
    let catalogue = cairn_app::reports::catalogue(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let (en, cy) = (Tr::new(Language::En), Tr::new(Language::Cy));
    let items: Vec<Value> = catalogue
        .measures
        .iter()
        .map(|r| {
            let m = r.measure;
            let stem = m.message_id();
            let def = format!("{stem}-definition");
            json!({
                "key": m.key,
                "name": en.get(&stem),
                "name_cy": cy.get(&stem),
                "definition": en.get(&def),
                "definition_cy": cy.get(&def),
                "kind": m.kind,
                "better": m.better,
                "source": m.source,
                "practice": m.practice,
                "target": r.target,
                "small_numbers": m.small_numbers,
                "hidden_below": r.hidden_below,
            })
        })
        .collect();
    // The model's live measures: taken today for one unit on its assessment page, with no
    // monthly series (so no `key`); `target` is the share below which "check this" shows.
    let live: Vec<Value> = catalogue
        .live
        .iter()
        .map(|r| {
            let m = r.measure;
            let stem = m.message_id();
            json!({
                "code": m.code,
                "name": en.get(&stem),
                "name_cy": cy.get(&stem),
                "kind": m.kind,
                "better": "higher",
                "source": m.source,
                "target_percent": match m.target {
                    cairn_domain::reports::live::Target::Percent(p) => Some(p),
                    _ => None,
                },
                "small_numbers": m.small_numbers,
                "hidden_below": r.hidden_below,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items, "live": live })))
}

#[derive(Deserialize)]
pub(super) struct SeriesQuery {
    unit_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
}

/// A month as the document writes it, `YYYY-MM`; anything else (an empty value included) is
/// refused with 400 `bad_query`. Whether it is a real month is the period's own rule (422).
fn month_shape(v: Option<&str>, lang: Language) -> Result<Option<&str>, ApiError> {
    match v {
        Some(m)
            if !(m.len() == 7
                && m.bytes().enumerate().all(|(i, b)| {
                    if i == 4 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })) =>
        {
            Err(ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang))
        }
        v => Ok(v),
    }
}

fn series_json(s: &Series) -> Value {
    let a = &s.analysis;
    let spc_points: Vec<Value> = s
        .charted()
        .filter_map(|p| {
            p.spc.map(|r| {
                json!({
                    "month": p.month.0.to_string(),
                    "value": p.value,
                    "mean": r.mean,
                    "upper": r.upper,
                    "lower": r.lower,
                    "special_cause": r.special_cause,
                    "rule": r.rule,
                })
            })
        })
        .collect();
    json!({
        "key": s.key,
        "unit_id": s.unit_id,
        "from": s.from.0.to_string(),
        "to": s.to.0.to_string(),
        "target": s.target,
        "hidden_below": s.hidden_below,
        "points": s.points.iter().map(|p| json!({
            "month": p.month.0.to_string(),
            "numerator": if p.suppressed { None } else { Some(p.numerator) },
            "denominator": p.denominator,
            "value": p.value,
            "suppressed": p.suppressed,
        })).collect::<Vec<_>>(),
        "spc": {
            "kind": a.kind,
            "mean": a.mean,
            "upper": a.upper,
            "lower": a.lower,
            "trial": a.trial,
            "points": spc_points,
            "variation_icon": a.variation,
            "assurance_icon": a.assurance,
            "direction": a.direction,
            "since": s.since_month().map(|m| m.to_string()),
        },
    })
}

pub(super) async fn series(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(key): ApiPath<String>,
    ApiQuery(q): ApiQuery<SeriesQuery>,
) -> Result<Json<Value>, ApiError> {
    let s = cairn_app::reports::series(
        &st.app,
        &a.actor,
        &key,
        q.unit_id,
        month_shape(q.from.as_deref(), a.lang)?,
        month_shape(q.to.as_deref(), a.lang)?,
    )
    .await
    .map_err(app_err(a.lang))?;
    Ok(Json(series_json(&s)))
}

fn pack_json(p: &PackContent) -> Value {
    let f = &p.fields;
    json!({
        "id": p.id,
        "title": f.title,
        "committee": f.committee,
        "period_from": f.period_from,
        "period_to": f.period_to,
        "purpose": f.purpose,
        "ask": f.ask,
        "author": f.author,
        "executive_lead": f.executive_lead,
        "summary": f.summary,
        "story": if f.story_agreed { Some(&f.story) } else { None },
        "risks": f.risks,
        "language": f.language,
        "measures": f.measures,
        "frozen": p.frozen,
        "signed_off_at": instant_opt(p.signed_off_at),
        "signed_off_by": p.signed_off_by,
        "figures_on": p.assembled_on,
        "icon_summary": p.summary.iter().map(|s| json!({
            "key": s.key,
            "latest": s.latest().map(|l| json!({"month": l.month.0.to_string(), "value": l.value})),
            "variation_icon": s.analysis.variation,
            "assurance_icon": s.analysis.assurance,
        })).collect::<Vec<_>>(),
        "charts": p.charts.iter().map(series_json).collect::<Vec<_>>(),
        "units": p.units,
        "highlights": p.highlights,
    })
}

/// No field may be `null` (the document allows none to be); a field left out is empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PackIn {
    #[serde(default, deserialize_with = "present")]
    title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    committee: Option<String>,
    #[serde(default, deserialize_with = "present")]
    period_from: Option<String>,
    #[serde(default, deserialize_with = "present")]
    period_to: Option<String>,
    #[serde(default, deserialize_with = "present")]
    purpose: Option<String>,
    #[serde(default, deserialize_with = "present")]
    ask: Option<String>,
    #[serde(default, deserialize_with = "present")]
    author: Option<String>,
    #[serde(default, deserialize_with = "present")]
    executive_lead: Option<String>,
    #[serde(default, deserialize_with = "present")]
    summary: Option<String>,
    #[serde(default, deserialize_with = "present")]
    story: Option<String>,
    #[serde(default, deserialize_with = "present")]
    story_agreed: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    risks: Option<String>,
    #[serde(default, deserialize_with = "present")]
    language: Option<String>,
    #[serde(default, deserialize_with = "present")]
    measures: Option<Vec<String>>,
}

pub(super) async fn create_pack(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<PackIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let i = json_body(body, a.lang)?;
    let d = PackDraft {
        title: i.title.unwrap_or_default(),
        committee: i.committee.unwrap_or_default(),
        period_from: i.period_from.unwrap_or_default(),
        period_to: i.period_to.unwrap_or_default(),
        purpose: i.purpose.unwrap_or_default(),
        ask: i.ask.unwrap_or_default(),
        author: i.author.unwrap_or_default(),
        executive_lead: i.executive_lead.unwrap_or_default(),
        summary: i.summary.unwrap_or_default(),
        story: i.story.unwrap_or_default(),
        story_agreed: i.story_agreed.filter(|b| *b).map(|_| "yes".to_owned()),
        risks: i.risks.unwrap_or_default(),
        language: i.language.unwrap_or_default(),
        // Without a choice, every measure gets its chart page.
        measures: i.measures.unwrap_or_else(|| {
            cairn_domain::reports::CATALOGUE
                .iter()
                .map(|m| m.key.to_owned())
                .collect()
        }),
    };
    let id = cairn_app::reports::create_pack(&st.app, &a.actor, &d)
        .await
        .map_err(app_err(a.lang))?;
    let p = cairn_app::reports::pack(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(pack_json(&p))))
}

pub(super) async fn get_pack(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let p = cairn_app::reports::pack(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(pack_json(&p)))
}

pub(super) async fn sign_off(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let p = cairn_app::reports::sign_off(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(pack_json(&p)))
}

#[derive(Deserialize)]
pub(super) struct PacksQuery {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// The organisation's board packs, newest first: drafts for those who assemble them, signed-off
/// packs for every report reader. Each is its details; `GET /board-packs/{id}` has the figures.
pub(super) async fn list_packs(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PacksQuery>,
) -> Result<Json<Value>, ApiError> {
    let rows = cairn_app::reports::packs(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let f = &r.fields;
            json!({
                "id": r.pack.id,
                "title": f.title,
                "committee": f.committee,
                "period_from": f.period_from,
                "period_to": f.period_to,
                "language": f.language,
                "frozen": r.pack.signed_off_at.is_some(),
                "signed_off_at": instant_opt(r.pack.signed_off_at),
                "created_at": super::shared::instant(r.pack.created_at),
                "updated_at": super::shared::instant(r.pack.updated_at),
            })
        })
        .collect();
    let (items, next_cursor) = super::shared::page_of(items, q.cursor.as_deref(), q.limit, a.lang)?;
    Ok(Json(json!({"items": items, "next_cursor": next_cursor})))
}
