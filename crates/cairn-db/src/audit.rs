//! The audit log: every change (with before and after) and every view of a person's record.
//! Rows are only ever added. Written in the same transaction as the change they describe.

use crate::{Arg, Conn, DbResult, Filter, execute, fetch_all_dynamic};
use serde::Serialize;

/// One audit entry to write.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub organisation_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub actor_label: &'a str,
    pub on_behalf_of_person_id: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// A stored audit entry.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Entry {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub on_behalf_of_person_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// Adds an entry.
pub async fn insert(c: &mut Conn<'_>, e: &NewEntry<'_>, at: i64) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO audit_log (organisation_id, at, actor_user_id, actor_label, on_behalf_of_person_id, action, entity, entity_id, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        e.organisation_id,
        at,
        e.actor_user_id,
        e.actor_label,
        e.on_behalf_of_person_id,
        e.action,
        e.entity,
        e.entity_id,
        e.before_json.as_deref(),
        e.after_json.as_deref()
    )?;
    Ok(())
}

/// Filters for reading the log.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Entries older than this id (newest first paging).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// An organisation's entries, newest first.
pub async fn list(c: &mut Conn<'_>, organisation_id: i64, q: &AuditQuery) -> DbResult<Vec<Entry>> {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(organisation_id)]);
    if let Some(a) = &q.action {
        f.and("action = ?", vec![Arg::Text(a.clone())]);
    }
    if let Some(e) = &q.entity {
        f.and("entity = ?", vec![Arg::Text(e.clone())]);
    }
    if let Some(id) = q.entity_id {
        f.and("entity_id = ?", vec![Arg::I64(id)]);
    }
    if let Some(u) = q.actor_user_id {
        f.and("actor_user_id = ?", vec![Arg::I64(u)]);
    }
    if let Some(t) = q.from_ms {
        f.and("at >= ?", vec![Arg::I64(t)]);
    }
    if let Some(t) = q.to_ms {
        f.and("at < ?", vec![Arg::I64(t)]);
    }
    if let Some(b) = q.before_id {
        f.and("id < ?", vec![Arg::I64(b)]);
    }
    let lim = f.push_arg(Arg::I64(q.limit));
    let sql = format!(
        "SELECT id, organisation_id, at, actor_user_id, actor_label, on_behalf_of_person_id, action, entity, entity_id, before_json, after_json \
         FROM audit_log{} ORDER BY id DESC LIMIT {lim}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}
