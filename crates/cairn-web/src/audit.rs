//! The audit log for organisation administrators: filter by action, record type, record id and
//! date; export the same filter as CSV (the export itself is audited). The page and the CSV show
//! what happened and the record type in the reader's language (`audit-action-…`,
//! `audit-entity-…`); a stored code Cairn has no words for is shown as it is.

use crate::context::Signed;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, html, organisation};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Query, State};
use cairn_app::audit::Action;
use cairn_db::audit::AuditQuery;
use cairn_domain::people::Language;
use cairn_domain::time::{DEFAULT_TIME_ZONE, format_instant, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/audit", list).get("/audit.csv", export)
}

/// Rows per page.
const PAGE: i64 = 100;
/// Most rows in one export.
const EXPORT_MAX: i64 = 100_000;

#[derive(Deserialize, Default, Clone)]
struct Filters {
    action: Option<String>,
    entity: Option<String>,
    entity_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
}

fn day_start(s: Option<&str>, tz: &jiff::tz::TimeZone) -> Option<i64> {
    let d: jiff::civil::Date = s?.trim().parse().ok()?;
    d.to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

fn query(f: &Filters, tz: &jiff::tz::TimeZone, limit: i64) -> AuditQuery {
    let nonempty = |o: &Option<String>| {
        o.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    AuditQuery {
        action: nonempty(&f.action).filter(|a| Action::KEYS.contains(&a.as_str())),
        entity: nonempty(&f.entity),
        entity_id: nonempty(&f.entity_id).and_then(|s| s.parse().ok()),
        actor_user_id: None,
        from_ms: day_start(f.from.as_deref(), tz),
        to_ms: f
            .to
            .as_deref()
            .and_then(|s| s.trim().parse::<jiff::civil::Date>().ok())
            .and_then(|d| d.tomorrow().ok())
            .and_then(|d| d.to_zoned(tz.clone()).ok())
            .map(|z| z.timestamp().as_millisecond()),
        before_id: nonempty(&f.before).and_then(|s| s.parse().ok()),
        limit,
    }
}

struct Row {
    when: String,
    who: String,
    action: String,
    entity: String,
    entity_id: String,
    change: String,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<Row>,
    filters: FormState,
    actions: Vec<Choice>,
    entities: Vec<Choice>,
    csv_href: String,
    next_href: Option<String>,
}

fn change_text(before: &Option<String>, after: &Option<String>) -> String {
    let short = |s: &str| {
        if s.chars().count() > 300 {
            format!("{}…", s.chars().take(300).collect::<String>())
        } else {
            s.to_owned()
        }
    };
    match (before, after) {
        (Some(b), Some(a)) => format!("{} → {}", short(b), short(a)),
        (None, Some(a)) => short(a),
        (Some(b), None) => short(b),
        (None, None) => String::new(),
    }
}

/// What happened, in words (the stored key when there are none).
fn action_label(t: &Tr, key: &str) -> String {
    label(t, &format!("audit-action-{}", key.replace('_', "-")), key)
}

/// The kind of record, in words (the stored key when there are none).
fn entity_label(t: &Tr, key: &str) -> String {
    label(t, &format!("audit-entity-{}", key.replace('_', "-")), key)
}

/// The message `id` (in English when only English has it yet); else the stored key itself.
fn label(t: &Tr, id: &str, key: &str) -> String {
    if t.has(id) || Tr::new(Language::En).has(id) {
        t.get(id)
    } else {
        key.to_owned()
    }
}

/// The record types to filter by, in words, in the reader's alphabetical order; a type asked
/// for in the address that Cairn does not know is kept, so the filter shows what is applied.
fn entity_choices(t: &Tr, asked: Option<&str>) -> Vec<Choice> {
    let mut keys: Vec<&str> = cairn_app::audit::ENTITIES.to_vec();
    if let Some(a) = asked
        .map(str::trim)
        .filter(|a| !a.is_empty() && !keys.contains(a))
    {
        keys.push(a);
    }
    let mut out: Vec<Choice> = keys
        .into_iter()
        .map(|k| Choice {
            value: k.to_owned(),
            label: entity_label(t, k),
        })
        .collect();
    out.sort_by_cached_key(|c| cairn_domain::people::name_sort_key(&c.label, t.lang));
    out
}

fn filter_query(f: &Filters) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("action", &f.action),
        ("entity", &f.entity),
        ("entity_id", &f.entity_id),
        ("from", &f.from),
        ("to", &f.to),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            ser.append_pair(k, v);
        }
    }
    ser.finish()
}

/// The organisation's time zone (the default for a platform administrator, who has none).
async fn tz_of(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(time_zone(DEFAULT_TIME_ZONE));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

async fn list(State(st): State<AppState>, s: Signed, Query(f): Query<Filters>) -> WebResult {
    let t = s.ctx.t();
    let tz = tz_of(&st, &s).await?;
    let entries = cairn_app::audit::list(&st.app, s.actor(), &query(&f, &tz, PAGE + 1)).await?;
    let more = entries.len() as i64 > PAGE;
    let entries: Vec<_> = entries.into_iter().take(PAGE as usize).collect();
    let next_href = if more {
        entries
            .last()
            .map(|e| format!("/audit?{}&before={}", filter_query(&f), e.id))
    } else {
        None
    };
    let rows = entries
        .iter()
        .map(|e| Row {
            when: format_instant(e.at, &tz, t.lang),
            who: match e.on_behalf_of_person_id {
                Some(p) => t.with(
                    "audit-on-behalf",
                    &[("who", e.actor_label.clone()), ("person", p.to_string())],
                ),
                None => e.actor_label.clone(),
            },
            action: action_label(&t, &e.action),
            entity: entity_label(&t, &e.entity),
            entity_id: e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            change: change_text(&e.before_json, &e.after_json),
        })
        .collect();
    let mut filters = FormState::new();
    filters
        .set("action", f.action.clone().unwrap_or_default())
        .set("entity", f.entity.clone().unwrap_or_default())
        .set("entity_id", f.entity_id.clone().unwrap_or_default())
        .set("from", f.from.clone().unwrap_or_default())
        .set("to", f.to.clone().unwrap_or_default());
    let actions = Action::KEYS
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: action_label(&t, k),
        })
        .collect();
    let entities = entity_choices(&t, f.entity.as_deref());
    let chrome = Chrome::signed(&s, t.get("audit-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows,
        filters,
        actions,
        entities,
        csv_href: format!("/audit.csv?{}", filter_query(&f)),
        next_href,
    })
}

async fn export(State(st): State<AppState>, s: Signed, Query(f): Query<Filters>) -> WebResult {
    let t = s.ctx.t();
    let tz = tz_of(&st, &s).await?;
    let entries = cairn_app::audit::export(&st.app, s.actor(), &query(&f, &tz, EXPORT_MAX)).await?;
    let mut rows = vec![
        [
            "audit-col-id",
            "audit-col-at",
            "audit-col-actor",
            "audit-col-on-behalf",
            "audit-col-action",
            "audit-col-entity",
            "audit-col-entity-id",
            "audit-col-before",
            "audit-col-after",
        ]
        .iter()
        .map(|id| t.get(id))
        .collect::<Vec<_>>(),
    ];
    for e in entries {
        let at = jiff::Timestamp::from_millisecond(e.at)
            .map(|ts| {
                ts.to_zoned(tz.clone())
                    .strftime("%Y-%m-%d %H:%M:%S %Z")
                    .to_string()
            })
            .unwrap_or_default();
        rows.push(vec![
            e.id.to_string(),
            at,
            e.actor_label,
            e.on_behalf_of_person_id
                .map(|x| x.to_string())
                .unwrap_or_default(),
            action_label(&t, &e.action),
            entity_label(&t, &e.entity),
            e.entity_id.map(|x| x.to_string()).unwrap_or_default(),
            e.before_json.unwrap_or_default(),
            e.after_json.unwrap_or_default(),
        ]);
    }
    Ok(crate::csv_export::download("cairn-audit.csv", &rows))
}
