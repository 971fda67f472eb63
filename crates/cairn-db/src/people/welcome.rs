//! Arrivals on a unit and their welcome / family-liaison meeting (L1.09). An arrival is a unit
//! and dates only: this module stores no names and no clinical details, and has no column to
//! put them in.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all_dynamic, fetch_optional, fetch_scalar,
};
use cairn_domain::people::ArrivalFields;
use serde::Serialize;

/// One arrival.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Arrival {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: i64,
    pub arrived_on: String,
    pub offered_on: Option<String>,
    pub accepted_on: Option<String>,
    pub declined_on: Option<String>,
    pub held_on: Option<String>,
    pub recorded_by_label: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, organisation_id, unit_id, arrived_on, offered_on, accepted_on, declined_on, held_on, recorded_by_label, created_at, updated_at";

fn iso(d: Option<jiff::civil::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Logs an arrival on a unit.
pub async fn insert_arrival(
    c: &mut Conn<'_>,
    organisation_id: i64,
    unit_id: i64,
    f: &ArrivalFields,
    by_label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO arrivals (organisation_id, unit_id, arrived_on, offered_on, accepted_on, declined_on, held_on, recorded_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        organisation_id,
        unit_id,
        f.arrived_on.to_string(),
        iso(f.offered_on),
        iso(f.accepted_on),
        iso(f.declined_on),
        iso(f.held_on),
        by_label,
        now
    )
}

/// One arrival of an organisation.
pub async fn get_arrival(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
) -> DbResult<Option<Arrival>> {
    fetch_optional!(
        c,
        Arrival,
        &format!("SELECT {COLUMNS} FROM arrivals WHERE organisation_id = $1 AND id = $2"),
        organisation_id,
        id
    )
}

/// Records the meeting's dates on an arrival (the arrival date itself never changes).
pub async fn update_meeting(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    f: &ArrivalFields,
    now: i64,
) -> DbResult<()> {
    let n = execute!(
        c,
        "UPDATE arrivals SET offered_on = $3, accepted_on = $4, declined_on = $5, held_on = $6, updated_at = $7 \
         WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id,
        iso(f.offered_on),
        iso(f.accepted_on),
        iso(f.declined_on),
        iso(f.held_on),
        now
    )?;
    if n == 0 {
        return Err(crate::DbError::NotFound);
    }
    Ok(())
}

/// Filters for the arrivals list. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct ArrivalQuery {
    pub unit_id: Option<i64>,
    /// Only arrivals on any of these units (unit-scoped accounts).
    pub within_units: Option<Vec<i64>>,
    /// Arrivals on or after this date.
    pub from: Option<String>,
    pub limit: i64,
}

fn filter(organisation_id: i64, q: &ArrivalQuery) -> Filter {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(organisation_id)]);
    if let Some(u) = q.unit_id {
        f.and("unit_id = ?", vec![Arg::I64(u)]);
    }
    if let Some(units) = &q.within_units {
        let mut args: Vec<Arg> = units.iter().map(|i| Arg::I64(*i)).collect();
        if args.is_empty() {
            // No units: nothing matches (ids are never negative).
            args.push(Arg::I64(-1));
        }
        let marks = vec!["?"; args.len()].join(", ");
        f.and(&format!("unit_id IN ({marks})"), args);
    }
    if let Some(from) = &q.from {
        f.and("arrived_on >= ?", vec![Arg::Text(from.clone())]);
    }
    f
}

/// Arrivals, newest first.
pub async fn list_arrivals(
    c: &mut Conn<'_>,
    organisation_id: i64,
    q: &ArrivalQuery,
) -> DbResult<Vec<Arrival>> {
    let mut f = filter(organisation_id, q);
    let lim = f.push_arg(Arg::I64(q.limit));
    let sql = format!(
        "SELECT {COLUMNS} FROM arrivals{} ORDER BY arrived_on DESC, id DESC LIMIT {lim}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Per unit: (unit id, arrivals, arrivals offered a meeting) for arrivals matching `q`.
pub async fn offered_by_unit(
    c: &mut Conn<'_>,
    organisation_id: i64,
    q: &ArrivalQuery,
) -> DbResult<Vec<(i64, i64, i64)>> {
    let f = filter(organisation_id, q);
    let sql = format!(
        "SELECT unit_id, COUNT(*), COUNT(offered_on) FROM arrivals{} GROUP BY unit_id ORDER BY unit_id",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}
