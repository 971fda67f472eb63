//! Meetings in the JSON API: groups, meetings (instants in RFC 3339), attendance, one meeting
//! with its representation outcome and counts by constituency, cancelling, minutes, decisions
//! and actions, the calendar invitation, and the representation figures.
//!
//! Each text the organisation writes has its Welsh beside it in `…_cy` (`usual_place_cy`,
//! `place_cy`, `title_cy`, `minutes_cy`, `text_cy`), both in what is returned and in what is
//! accepted; a side not yet written is null.

use super::listing::{bad_query, id_cursor, object_body, page_after, query_instant};
use super::shared::{ApiPath, ApiQuery, instant as rfc3339, instant_opt, page_limit};
use super::{ApiActor, ApiError};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::Response;
use cairn_app::AppError;
use cairn_app::meetings::{Period, Report};
use cairn_db::meetings::{Group, Meeting, MeetingQuery, RepresentationQuery};
use cairn_domain::FieldErrors;
use cairn_domain::meetings::{Counts, GroupDraft, Rule, TOR_FIELDS};
use cairn_domain::people::Constituency;
use cairn_domain::time::DateParts;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

fn app_err(lang: cairn_domain::people::Language) -> impl Fn(AppError) -> ApiError {
    move |e| ApiError::from_app(e, lang)
}

fn invalid(field: &str, code: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, code);
    AppError::Invalid(e)
}

fn counts_json(c: &Counts) -> Value {
    let m: Map<String, Value> = Constituency::ALL
        .iter()
        .map(|k| (k.key().to_owned(), json!(c.get(*k))))
        .collect();
    Value::Object(m)
}

fn group_json(g: &Group) -> Value {
    let tor = |welsh: bool| -> Value {
        let m: Map<String, Value> = TOR_FIELDS
            .iter()
            .zip(g.tor(welsh))
            .map(|(k, v)| ((*k).to_owned(), json!(v)))
            .collect();
        Value::Object(m)
    };
    json!({
        "id": g.id,
        "unit_id": g.unit_id,
        "kind": g.kind.key(),
        "name_en": g.name_en,
        "name_cy": g.name_cy,
        "usual_place": g.usual_place,
        "usual_place_cy": g.usual_place_cy,
        "usual_time": g.usual_time,
        "terms_of_reference": {"en": tor(false), "cy": tor(true)},
        "rule": counts_json(&g.rule().0),
        "standing_items": g.standing(),
        "created_at": rfc3339(g.created_at),
        "updated_at": rfc3339(g.updated_at),
    })
}

fn meeting_json(m: &Meeting) -> Value {
    json!({
        "id": m.id,
        "group_id": m.group_id,
        "unit_id": m.unit_id,
        "starts_at": rfc3339(m.starts_at),
        "ends_at": rfc3339(m.ends_at),
        "place": m.place,
        "place_cy": m.place_cy,
        "online_link": m.online_link,
        "arrangements": m.arrangements.split(',').filter(|a| !a.is_empty()).collect::<Vec<_>>(),
        "attendance_recorded": m.attended_at.is_some(),
        "attended_at": instant_opt(m.attended_at),
        "cancelled": m.cancelled_at.is_some(),
        "cancelled_at": instant_opt(m.cancelled_at),
        "created_at": rfc3339(m.created_at),
        "updated_at": rfc3339(m.updated_at),
    })
}

#[derive(Deserialize)]
pub(super) struct PageIn {
    cursor: Option<String>,
    limit: Option<i64>,
}

/// The groups the actor sees (staff: within reach; a member: their own), in id order.
pub(super) async fn list_groups(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<PageIn>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let after = id_cursor(q.cursor.as_deref(), a.lang)?;
    let groups = cairn_app::meetings::groups(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let (groups, next_cursor) = page_after(groups, |g| g.id, after, limit);
    Ok(Json(json!({
        "items": groups.iter().map(group_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

/// One group with its members (staff) and the ids of its coming and past meetings.
pub(super) async fn get_group(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    let v = cairn_app::meetings::group(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = group_json(&v.group);
    out["members"] = json!(
        v.members
            .iter()
            .map(|m| json!({"person_id": m.person_id, "constituency": m.constituency.key()}))
            .collect::<Vec<_>>()
    );
    out["upcoming_meeting_ids"] = json!(v.upcoming.iter().map(|m| m.id).collect::<Vec<_>>());
    out["past_meeting_ids"] = json!(v.past.iter().map(|m| m.id).collect::<Vec<_>>());
    Ok(Json(out))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Bilingual {
    en: Option<String>,
    cy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupIn {
    name_en: Option<String>,
    name_cy: Option<String>,
    kind: Option<String>,
    unit_id: Option<i64>,
    usual_place: Option<String>,
    usual_place_cy: Option<String>,
    usual_time: Option<String>,
    /// `{"role": {"en": …, "cy": …}, "remit": …, "relationships": …, "responsibility": …}`
    #[serde(default)]
    terms_of_reference: BTreeMap<String, Bilingual>,
    /// Minimum per constituency key; absent means the default rule.
    rule: Option<BTreeMap<String, u32>>,
    #[serde(default)]
    standing_items: Vec<String>,
}

pub(super) async fn create_group(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = object_body::<GroupIn>(body, a.lang)?;
    let mut tor_en: [String; 4] = Default::default();
    let mut tor_cy: [String; 4] = Default::default();
    for (i, k) in TOR_FIELDS.iter().enumerate() {
        if let Some(b) = input.terms_of_reference.get(*k) {
            tor_en[i] = b.en.clone().unwrap_or_default();
            tor_cy[i] = b.cy.clone().unwrap_or_default();
        }
    }
    let rule = match &input.rule {
        None => Rule::default(),
        Some(map) => {
            let mut c = Counts::default();
            for (k, n) in map {
                match Constituency::parse(k) {
                    Some(con) => c.set(con, *n),
                    None => {
                        return Err(ApiError::from_app(
                            invalid("rule", "meetings-error-minimum"),
                            a.lang,
                        ));
                    }
                }
            }
            Rule(c)
        }
    };
    let draft = GroupDraft {
        name_en: input.name_en.unwrap_or_default(),
        name_cy: input.name_cy.unwrap_or_default(),
        kind: input.kind.unwrap_or_default(),
        unit_id: input.unit_id,
        usual_place: input.usual_place.unwrap_or_default(),
        usual_place_cy: input.usual_place_cy.unwrap_or_default(),
        usual_time: input.usual_time.unwrap_or_default(),
        tor_en,
        tor_cy,
        minimums: rule.0.0.map(|n| n.to_string()),
        standing: input.standing_items.join("\n"),
    };
    let id = cairn_app::meetings::create_group(&st.app, &a.actor, &draft)
        .await
        .map_err(app_err(a.lang))?;
    let v = cairn_app::meetings::group(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok((StatusCode::CREATED, Json(group_json(&v.group))))
}

#[derive(Deserialize)]
pub(super) struct MeetingsQuery {
    group_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

fn instant(s: Option<&str>, field: &str) -> Result<Option<i64>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<jiff::Timestamp>()
            .map(|t| Some(t.as_millisecond()))
            .map_err(|_| invalid(field, "meetings-error-instant")),
    }
}

/// A meetings cursor: the last meeting's start (milliseconds) and id, `1784120400000_12`.
fn meeting_cursor(
    raw: Option<&str>,
    lang: cairn_domain::people::Language,
) -> Result<Option<(i64, i64)>, ApiError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let (at, id) = raw.split_once('_').ok_or_else(|| bad_query(lang))?;
    match (at.parse::<i64>(), id.parse::<i64>()) {
        (Ok(at), Ok(id)) => Ok(Some((at, id))),
        _ => Err(bad_query(lang)),
    }
}

/// Meetings of the groups the actor sees, oldest first; `from` and `to` bound the start.
pub(super) async fn list_meetings(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<MeetingsQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = page_limit(q.limit, a.lang)?;
    let from = query_instant(q.from.as_deref(), a.lang)?;
    let to = query_instant(q.to.as_deref(), a.lang)?;
    let after = meeting_cursor(q.cursor.as_deref(), a.lang)?;
    let groups = cairn_app::meetings::groups(&st.app, &a.actor)
        .await
        .map_err(app_err(a.lang))?;
    let mut ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    if let Some(g) = q.group_id {
        if !ids.contains(&g) {
            return Err(ApiError::from_app(AppError::NotFound, a.lang));
        }
        ids = vec![g];
    }
    let mut list = cairn_app::meetings::list(
        &st.app,
        &a.actor,
        &MeetingQuery {
            groups: Some(ids),
            from,
            to,
            after,
            limit: limit + 1,
            ..Default::default()
        },
    )
    .await
    .map_err(app_err(a.lang))?;
    let more = list.len() as i64 > limit;
    list.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = if more {
        list.last().map(|m| format!("{}_{}", m.starts_at, m.id))
    } else {
        None
    };
    Ok(Json(json!({
        "items": list.iter().map(meeting_json).collect::<Vec<_>>(),
        "next_cursor": next_cursor,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MeetingIn {
    group_id: Option<i64>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    place: Option<String>,
    place_cy: Option<String>,
}

pub(super) async fn create_meeting(
    State(st): State<AppState>,
    a: ApiActor,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !a.actor.can(cairn_domain::Permission::ManageMeetings) {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let input = object_body::<MeetingIn>(body, a.lang)?;
    let Some(group) = input.group_id else {
        return Err(ApiError::from_app(
            invalid("group_id", "meetings-error-group"),
            a.lang,
        ));
    };
    // The group must exist and be within reach before the rest of the body is judged.
    let v = cairn_app::meetings::group(&st.app, &a.actor, group)
        .await
        .map_err(app_err(a.lang))?;
    if !v.can_run {
        return Err(ApiError::from_app(AppError::Forbidden, a.lang));
    }
    let mut e = FieldErrors::new();
    let starts = instant(input.starts_at.as_deref(), "starts_at").unwrap_or_else(|_| {
        e.add("starts_at", "meetings-error-instant");
        None
    });
    let ends = instant(input.ends_at.as_deref(), "ends_at").unwrap_or_else(|_| {
        e.add("ends_at", "meetings-error-instant");
        None
    });
    if starts.is_none() && e.for_field("starts_at").is_none() {
        e.add("starts_at", "meetings-error-instant");
    }
    if ends.is_none() && e.for_field("ends_at").is_none() {
        e.add("ends_at", "meetings-error-instant");
    }
    let (Some(starts), Some(ends), true) = (starts, ends, e.is_empty()) else {
        return Err(ApiError::from_app(AppError::Invalid(e), a.lang));
    };
    let id = cairn_app::meetings::schedule_at(
        &st.app,
        &a.actor,
        group,
        starts,
        ends,
        cairn_domain::translation::Bilingual::new(
            input.place.as_deref(),
            input.place_cy.as_deref(),
        ),
    )
    .await
    .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(meeting_detail(&st, &a, id).await?),
    ))
}

async fn meeting_detail(st: &AppState, a: &ApiActor, id: i64) -> Result<Value, ApiError> {
    let v = cairn_app::meetings::meeting(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let mut out = meeting_json(&v.meeting);
    let rule = cairn_app::meetings::rule_of(&v.meeting, &v.group);
    let (met, counts) = match &v.actual {
        Some(e) => (e.met, e.counts),
        None => (v.expected.met, v.expected.counts),
    };
    let obj = out.as_object_mut().expect("meeting_json is an object");
    obj.insert("representation_met".into(), json!(met));
    obj.insert("rule".into(), counts_json(&rule.0));
    obj.insert("counts".into(), counts_json(&counts));
    obj.insert("others_count".into(), json!(v.meeting.others_count));
    obj.insert(
        "short".into(),
        counts_json(&{
            let mut c = Counts::default();
            let short = match &v.actual {
                Some(e) => &e.short,
                None => &v.expected.short,
            };
            for (k, n) in short {
                c.set(*k, *n);
            }
            c
        }),
    );
    obj.insert(
        "agenda".into(),
        json!(
            v.agenda
                .iter()
                .map(|i| json!({"standing": i.standing, "title": i.title, "title_cy": i.title_cy, "suggestion_id": i.suggestion_id}))
                .collect::<Vec<_>>()
        ),
    );
    obj.insert("minutes".into(), json!(v.meeting.minutes));
    obj.insert("minutes_cy".into(), json!(v.meeting.minutes_cy));
    // Decisions and actions keep '' as their English when only the Welsh is written: null here.
    let english = |t: &str| Some(t.to_owned()).filter(|t| !t.is_empty());
    obj.insert(
        "decisions".into(),
        json!(
            v.decisions
                .iter()
                .map(|d| json!({"id": d.id, "text": english(&d.text), "text_cy": d.text_cy, "created_at": rfc3339(d.created_at)}))
                .collect::<Vec<_>>()
        ),
    );
    obj.insert(
        "actions".into(),
        json!(
            v.actions
                .iter()
                .map(|x| json!({"id": x.id, "text": english(&x.text), "text_cy": x.text_cy, "owner_person_id": x.owner_person_id, "due_on": x.due_on, "status": x.status}))
                .collect::<Vec<_>>()
        ),
    );
    obj.insert(
        "attendance".into(),
        json!(
            v.people
                .iter()
                .map(|p| json!({"person_id": p.person_id, "constituency": p.constituency.key(), "reply": p.reply, "status": p.presence}))
                .collect::<Vec<_>>()
        ),
    );
    Ok(out)
}

pub(super) async fn get_meeting(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(meeting_detail(&st, &a, id).await?))
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
    /// Required: a register is never written by leaving it out.
    attendance: Vec<LineIn>,
    #[serde(default)]
    others_count: i64,
}

pub(super) async fn put_attendance(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    // Existence and reach first, so another organisation's id is "not found" whatever is sent.
    cairn_app::meetings::meeting(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let input = object_body::<AttendanceIn>(body, a.lang)?;
    let raw: Vec<(i64, String)> = input
        .attendance
        .into_iter()
        .map(|l| (l.person_id, l.status))
        .collect();
    let lines = cairn_app::meetings::read_lines(&raw)
        .map_err(|e| ApiError::from_app(AppError::Invalid(e), a.lang))?;
    cairn_app::meetings::record_attendance(&st.app, &a.actor, id, &lines, input.others_count)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(meeting_detail(&st, &a, id).await?))
}

pub(super) async fn invite(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let text = cairn_app::meetings::invite(&st.app, &a.actor, id, a.lang, &st.config.base_url)
        .await
        .map_err(app_err(a.lang))?;
    Ok(crate::meetings::ics_response(id, text))
}

#[derive(Deserialize)]
pub(super) struct RepresentationIn {
    group_id: Option<i64>,
    unit_id: Option<i64>,
    /// A date (`2026-01-01`) or month (`2026-01`); the report covers whole months.
    from: Option<String>,
    to: Option<String>,
    period: Option<String>,
}

/// Reads `2026-01` or `2026-01-31` as a month key. Given but empty is not a month.
fn month_of(s: Option<&str>, field: &str) -> Result<Option<String>, AppError> {
    let Some(s) = s.map(str::trim) else {
        return Ok(None);
    };
    let date = if s.len() == 7 {
        format!("{s}-01")
    } else {
        s.to_owned()
    };
    date.parse::<jiff::civil::Date>()
        .map(|d| Some(cairn_domain::meetings::month_key(d)))
        .map_err(|_| invalid(field, "meetings-error-month"))
}

pub(super) async fn representation(
    State(st): State<AppState>,
    a: ApiActor,
    ApiQuery(q): ApiQuery<RepresentationIn>,
) -> Result<Json<Report>, ApiError> {
    let from_month = month_of(q.from.as_deref(), "from").map_err(app_err(a.lang))?;
    let to_month = month_of(q.to.as_deref(), "to").map_err(app_err(a.lang))?;
    let period = match q.period.as_deref() {
        None | Some("month") => Period::Month,
        Some("quarter") => Period::Quarter,
        Some(_) => {
            return Err(ApiError::from_app(
                invalid("period", "meetings-error-period"),
                a.lang,
            ));
        }
    };
    let report = cairn_app::meetings::representation(
        &st.app,
        &a.actor,
        RepresentationQuery {
            group_id: q.group_id,
            unit_id: q.unit_id,
            from_month,
            to_month,
            within_units: None,
        },
        period,
    )
    .await
    .map_err(app_err(a.lang))?;
    Ok(Json(report))
}

/// Cancels a meeting that has not been held (those who run its group).
pub(super) async fn cancel(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, ApiError> {
    cairn_app::meetings::cancel(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(meeting_detail(&st, &a, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MinutesIn {
    minutes: Option<String>,
    minutes_cy: Option<String>,
}

/// Writes the minutes (both languages; a side left out is cleared, as on the page).
pub(super) async fn put_minutes(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    // Existence and reach first, so another organisation's id is "not found" whatever is sent.
    cairn_app::meetings::meeting(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let i = object_body::<MinutesIn>(body, a.lang)?;
    let text =
        cairn_domain::translation::Bilingual::new(i.minutes.as_deref(), i.minutes_cy.as_deref());
    cairn_app::meetings::set_minutes(&st.app, &a.actor, id, text)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(meeting_detail(&st, &a, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DecisionIn {
    text: Option<String>,
    text_cy: Option<String>,
}

/// Records a decision; answers 201 with the meeting.
pub(super) async fn add_decision(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    cairn_app::meetings::meeting(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let i = object_body::<DecisionIn>(body, a.lang)?;
    let text = cairn_domain::translation::Bilingual::new(i.text.as_deref(), i.text_cy.as_deref());
    cairn_app::meetings::add_decision(&st.app, &a.actor, id, text)
        .await
        .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(meeting_detail(&st, &a, id).await?),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionIn {
    text: Option<String>,
    text_cy: Option<String>,
    owner_person_id: Option<i64>,
    due_on: Option<String>,
}

/// Records an action with its owner and due date; answers 201 with the meeting.
pub(super) async fn add_action(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    cairn_app::meetings::meeting(&st.app, &a.actor, id)
        .await
        .map_err(app_err(a.lang))?;
    let i = object_body::<ActionIn>(body, a.lang)?;
    let due = match i.due_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => DateParts::default(),
        Some(s) if s.len() == 10 => match s.parse::<jiff::civil::Date>() {
            Ok(d) => DateParts::from_date(Some(d)),
            Err(_) => {
                return Err(ApiError::from_app(
                    invalid("due_on", "date-error-real"),
                    a.lang,
                ));
            }
        },
        Some(_) => {
            return Err(ApiError::from_app(
                invalid("due_on", "date-error-real"),
                a.lang,
            ));
        }
    };
    let text = cairn_domain::translation::Bilingual::new(i.text.as_deref(), i.text_cy.as_deref());
    cairn_app::meetings::add_action(&st.app, &a.actor, id, text, i.owner_person_id, &due)
        .await
        .map_err(app_err(a.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(meeting_detail(&st, &a, id).await?),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionStatusIn {
    status: Option<String>,
}

/// Moves an action to done or dropped, or back to open (those who run the group, or the
/// action's owner, who may not see the rest of the meeting: so the answer is the action's
/// new status and its meeting's id, not the meeting).
pub(super) async fn action_status(
    State(st): State<AppState>,
    a: ApiActor,
    ApiPath(id): ApiPath<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let i = object_body::<ActionStatusIn>(body, a.lang)?;
    let status = i.status.unwrap_or_default();
    let meeting = cairn_app::meetings::set_action_status(&st.app, &a.actor, id, &status)
        .await
        .map_err(app_err(a.lang))?;
    Ok(Json(
        json!({"id": id, "meeting_id": meeting, "status": status}),
    ))
}
