//! Evidence records for the practices Cairn cannot otherwise see (see
//! `cairn_domain::model::evidence`).

use crate::{Conn, DbResult, fetch_all, fetch_one, fetch_scalar};
use cairn_domain::model::evidence::EvidenceFields;

/// A record as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub unit_id: i64,
    pub kind: String,
    pub on_date: String,
    pub service: Option<String>,
    pub title: Option<String>,
    pub has_section: bool,
    pub practice: Option<String>,
    pub looked_at: i64,
    pub met: i64,
    pub n_service_user: i64,
    pub n_carer: i64,
    pub n_staff: i64,
    pub n_third_sector: i64,
    pub n_manager: i64,
    pub created_by_label: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, unit_id, kind, on_date, service, title, has_section, practice, looked_at, met, \
     n_service_user, n_carer, n_staff, n_third_sector, n_manager, created_by_label, created_at";

/// Adds a record to a unit; returns it.
pub async fn insert(
    c: &mut Conn<'_>,
    org: i64,
    unit: i64,
    f: &EvidenceFields,
    by: &str,
    now: i64,
) -> DbResult<Record> {
    let id: i64 = fetch_scalar!(
        c,
        i64,
        "INSERT INTO practice_evidence (organisation_id, unit_id, kind, on_date, service, title, has_section, practice, looked_at, met, \
         n_service_user, n_carer, n_staff, n_third_sector, n_manager, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        org,
        unit,
        f.kind.key(),
        f.on.to_string(),
        f.service.as_deref(),
        f.title.as_deref(),
        f.has_section,
        f.practice.as_deref(),
        f.looked_at,
        f.met,
        f.took_part[0],
        f.took_part[1],
        f.took_part[2],
        f.took_part[3],
        f.took_part[4],
        by,
        now
    )?;
    let sql = format!("SELECT {COLUMNS} FROM practice_evidence WHERE id = $1");
    fetch_one!(c, Record, &sql, id)
}

/// A unit's records of one kind, newest first (at most `limit`).
pub async fn list(c: &mut Conn<'_>, unit: i64, kind: &str, limit: i64) -> DbResult<Vec<Record>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM practice_evidence WHERE unit_id = $1 AND kind = $2 \
         ORDER BY on_date DESC, id DESC LIMIT $3"
    );
    fetch_all!(c, Record, &sql, unit, kind, limit)
}

/// For a unit's live measures: records of a kind since `from` (ISO date): (records, with the
/// section, looked at, met) summed; for audits, only `practice`'s.
pub async fn totals(
    c: &mut Conn<'_>,
    unit: i64,
    kind: &str,
    practice: Option<&str>,
    from: &str,
) -> DbResult<(i64, i64, i64, i64)> {
    fetch_one!(
        c,
        (i64, i64, i64, i64),
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN has_section THEN 1 ELSE 0 END), 0), \
                CAST(COALESCE(SUM(looked_at), 0) AS BIGINT), CAST(COALESCE(SUM(met), 0) AS BIGINT) \
         FROM practice_evidence WHERE unit_id = $1 AND kind = $2 AND on_date >= $3 \
           AND ($4 = '' OR practice = $4)",
        unit,
        kind,
        from,
        practice.unwrap_or("")
    )
}
