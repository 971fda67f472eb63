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

/// A unit's records of one kind (and, for audits, of one practice) since a date, summed.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Totals {
    pub kind: String,
    /// The audited practice's code; empty for other kinds.
    pub practice: String,
    pub records: i64,
    /// Records on or after the shorter window's start.
    pub recent: i64,
    /// Papers with the perspective section.
    pub with_section: i64,
    pub looked_at: i64,
    pub met: i64,
}

/// For a unit's live measures: its records since `from` (ISO date), summed by kind and
/// practice in one query for the whole page; `recent` counts those since `recent_from`.
pub async fn unit_totals(
    c: &mut Conn<'_>,
    unit: i64,
    from: &str,
    recent_from: &str,
) -> DbResult<Vec<Totals>> {
    fetch_all!(
        c,
        Totals,
        "SELECT kind, COALESCE(practice, '') AS practice, COUNT(*) AS records, \
                CAST(COALESCE(SUM(CASE WHEN on_date >= $3 THEN 1 ELSE 0 END), 0) AS BIGINT) AS recent, \
                CAST(COALESCE(SUM(CASE WHEN has_section THEN 1 ELSE 0 END), 0) AS BIGINT) AS with_section, \
                CAST(COALESCE(SUM(looked_at), 0) AS BIGINT) AS looked_at, \
                CAST(COALESCE(SUM(met), 0) AS BIGINT) AS met \
         FROM practice_evidence WHERE unit_id = $1 AND on_date >= $2 \
         GROUP BY kind, COALESCE(practice, '') ORDER BY kind, practice",
        unit,
        from,
        recent_from
    )
}
