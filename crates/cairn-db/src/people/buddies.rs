//! Buddy pairings (L1.08): a newcomer paired with a buddy from a start date to an end, the
//! check-ins on each pairing, the newcomers who have no open pairing, and the people who hold a
//! buddy role today (read from `appointments` and `involvement_roles`, which this module never
//! writes). A newcomer has at most one open pairing: a unique index on open pairings holds that
//! on both engines, so a second one is a `DbError::Conflict`.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_optional,
    fetch_scalar,
};
use cairn_domain::people::Constituency;
use serde::Serialize;

/// A pairing with both people's chosen names.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Pairing {
    pub id: i64,
    pub organisation_id: i64,
    pub newcomer_id: i64,
    pub newcomer_name: String,
    pub buddy_id: i64,
    pub buddy_name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub created_by_label: String,
    pub created_at: i64,
}

const PAIRING_SELECT: &str = "SELECT bp.id, bp.organisation_id, bp.newcomer_id, n.chosen_name AS newcomer_name, \
     bp.buddy_id, b.chosen_name AS buddy_name, bp.starts_on, bp.ends_on, bp.created_by_label, bp.created_at \
     FROM buddy_pairings bp JOIN people n ON n.id = bp.newcomer_id JOIN people b ON b.id = bp.buddy_id";

/// One check-in on a pairing.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Checkin {
    pub id: i64,
    pub pairing_id: i64,
    pub held_on: String,
    pub note: Option<String>,
    pub recorded_by_label: String,
    pub created_at: i64,
}

/// A newcomer with no open pairing.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Waiting {
    pub person_id: i64,
    pub chosen_name: String,
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
    pub joined_on: String,
}

/// Adds a pairing; a newcomer who already has an open one gives `DbError::Conflict`.
pub async fn insert_pairing(
    c: &mut Conn<'_>,
    organisation_id: i64,
    newcomer_id: i64,
    buddy_id: i64,
    starts_on: &str,
    by_label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO buddy_pairings (organisation_id, newcomer_id, buddy_id, starts_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        organisation_id,
        newcomer_id,
        buddy_id,
        starts_on,
        by_label,
        now
    )
}

/// One pairing of an organisation.
pub async fn get_pairing(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
) -> DbResult<Option<Pairing>> {
    fetch_optional!(
        c,
        Pairing,
        &format!("{PAIRING_SELECT} WHERE bp.organisation_id = $1 AND bp.id = $2"),
        organisation_id,
        id
    )
}

/// The id of the newcomer's open pairing, if they have one.
pub async fn open_pairing_of(
    c: &mut Conn<'_>,
    organisation_id: i64,
    newcomer_id: i64,
) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM buddy_pairings WHERE organisation_id = $1 AND newcomer_id = $2 AND ends_on IS NULL",
        organisation_id,
        newcomer_id
    )?;
    Ok(row.map(|r| r.0))
}

/// Ends an open pairing on `ends_on`. False when it had already ended.
pub async fn end_pairing(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    ends_on: &str,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE buddy_pairings SET ends_on = $3 WHERE organisation_id = $1 AND id = $2 AND ends_on IS NULL",
        organisation_id,
        id,
        ends_on
    )?;
    Ok(n == 1)
}

/// Filters for the list of pairings. A pairing belongs to its newcomer's units.
#[derive(Debug, Clone, Default)]
pub struct PairingQuery {
    /// Only pairings whose newcomer is in this unit.
    pub unit_id: Option<i64>,
    /// Only pairings whose newcomer is in any of these units (unit-scoped accounts).
    pub within_units: Option<Vec<i64>>,
    /// Only pairings that have not ended.
    pub open_only: bool,
    pub limit: i64,
}

fn person_in_units(f: &mut Filter, column: &str, unit: Option<i64>, within: Option<&[i64]>) {
    if let Some(u) = unit {
        f.and(
            &format!(
                "EXISTS (SELECT 1 FROM person_units pu WHERE pu.person_id = {column} AND pu.unit_id = ?)"
            ),
            vec![Arg::I64(u)],
        );
    }
    if let Some(units) = within {
        let marks = vec!["?"; units.len().max(1)].join(", ");
        let mut args: Vec<Arg> = units.iter().map(|i| Arg::I64(*i)).collect();
        if args.is_empty() {
            // No units: nothing matches (ids are never negative).
            args.push(Arg::I64(-1));
        }
        f.and(
            &format!(
                "EXISTS (SELECT 1 FROM person_units pw WHERE pw.person_id = {column} AND pw.unit_id IN ({marks}))"
            ),
            args,
        );
    }
}

/// Pairings by start date, newest first.
pub async fn list_pairings(
    c: &mut Conn<'_>,
    organisation_id: i64,
    q: &PairingQuery,
) -> DbResult<Vec<Pairing>> {
    let mut f = Filter::new();
    f.and("bp.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    if q.open_only {
        f.and("bp.ends_on IS NULL", vec![]);
    }
    person_in_units(
        &mut f,
        "bp.newcomer_id",
        q.unit_id,
        q.within_units.as_deref(),
    );
    let lim = f.push_arg(Arg::I64(q.limit));
    let sql = format!(
        "{PAIRING_SELECT}{} ORDER BY bp.starts_on DESC, bp.id DESC LIMIT {lim}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Every pairing a person is in, as newcomer or as buddy, newest first.
pub async fn pairings_of_person(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
) -> DbResult<Vec<Pairing>> {
    fetch_all!(
        c,
        Pairing,
        &format!(
            "{PAIRING_SELECT} WHERE bp.organisation_id = $1 AND (bp.newcomer_id = $2 OR bp.buddy_id = $2) \
             ORDER BY bp.starts_on DESC, bp.id DESC"
        ),
        organisation_id,
        person_id
    )
}

/// Whether a person is in any open pairing, as newcomer or as buddy.
pub async fn has_open_pairing(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
) -> DbResult<bool> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM buddy_pairings WHERE organisation_id = $1 AND ends_on IS NULL AND (newcomer_id = $2 OR buddy_id = $2)",
        organisation_id,
        person_id
    )?;
    Ok(n > 0)
}

/// Adds a check-in to a pairing.
pub async fn insert_checkin(
    c: &mut Conn<'_>,
    pairing_id: i64,
    held_on: &str,
    note: Option<&str>,
    by_label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO buddy_checkins (pairing_id, held_on, note, recorded_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        pairing_id,
        held_on,
        note,
        by_label,
        now
    )
}

/// A pairing's check-ins, oldest first.
pub async fn checkins(c: &mut Conn<'_>, pairing_id: i64) -> DbResult<Vec<Checkin>> {
    fetch_all!(
        c,
        Checkin,
        "SELECT id, pairing_id, held_on, note, recorded_by_label, created_at FROM buddy_checkins \
         WHERE pairing_id = $1 ORDER BY held_on, id",
        pairing_id
    )
}

/// Who is waiting for a buddy: active service users and carers of the organisation who joined
/// between `since` and `today` (inclusive) and have no open pairing.
fn waiting_filter(organisation_id: i64, since: &str, today: &str) -> Filter {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    f.and("p.status = 'active'", vec![]);
    f.and("p.constituency IN ('service_user', 'carer')", vec![]);
    f.and(
        "p.joined_on IS NOT NULL AND p.joined_on >= ? AND p.joined_on <= ?",
        vec![Arg::Text(since.to_owned()), Arg::Text(today.to_owned())],
    );
    f.and(
        "NOT EXISTS (SELECT 1 FROM buddy_pairings bp WHERE bp.newcomer_id = p.id AND bp.ends_on IS NULL)",
        vec![],
    );
    f
}

/// Active service users and carers who joined between `since` and `today` (inclusive) and have
/// no open pairing, longest waiting first. People with no joining date are never listed.
pub async fn newcomers_without_buddy(
    c: &mut Conn<'_>,
    organisation_id: i64,
    since: &str,
    today: &str,
    unit_id: Option<i64>,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<Waiting>> {
    let mut f = waiting_filter(organisation_id, since, today);
    person_in_units(&mut f, "p.id", unit_id, within_units);
    let sql = format!(
        "SELECT p.id AS person_id, p.chosen_name, p.constituency, p.joined_on FROM people p{} \
         ORDER BY p.joined_on, p.chosen_name, p.id LIMIT 1000",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// How many of [`newcomers_without_buddy`]'s newcomers there are (every one, not a page), and
/// how many of them joined before `overdue_before` (ISO date): counted in the database, for
/// the note on staff pages, so the note costs one row however many are waiting.
pub async fn newcomers_without_buddy_count(
    c: &mut Conn<'_>,
    organisation_id: i64,
    since: &str,
    today: &str,
    overdue_before: &str,
    within_units: Option<&[i64]>,
) -> DbResult<(i64, i64)> {
    let mut f = waiting_filter(organisation_id, since, today);
    person_in_units(&mut f, "p.id", None, within_units);
    let before = f.push_arg(Arg::Text(overdue_before.to_owned()));
    let sql = format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN p.joined_on < {before} THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM people p{}",
        f.where_sql()
    );
    let rows: Vec<(i64, i64)> = fetch_all_dynamic(c, &sql, f.into_args()).await?;
    // A COUNT answers one row; none would be a database fault, not zero people.
    rows.into_iter()
        .next()
        .ok_or(crate::DbError::Unexpected(sqlx::Error::RowNotFound))
}

fn holds_buddy_role_sql(person: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM appointments a JOIN involvement_roles r ON r.id = a.role_id \
         WHERE a.person_id = {person} AND a.organisation_id = r.organisation_id AND r.kind = 'buddy' \
         AND a.starts_on <= ? AND (a.ends_on IS NULL OR a.ends_on >= ?))"
    )
}

/// Active people holding a current appointment to a role of kind `buddy` on `today`, by name
/// (optionally only those in any of `within_units`).
pub async fn buddy_holders(
    c: &mut Conn<'_>,
    organisation_id: i64,
    today: &str,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<(i64, String)>> {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    f.and("p.status = 'active'", vec![]);
    f.and(
        &holds_buddy_role_sql("p.id"),
        vec![Arg::Text(today.to_owned()), Arg::Text(today.to_owned())],
    );
    person_in_units(&mut f, "p.id", None, within_units);
    let sql = format!(
        "SELECT p.id, p.chosen_name FROM people p{} ORDER BY p.chosen_name, p.id",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Whether an active person holds a current buddy appointment on `today`.
pub async fn holds_buddy_role(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
    today: &str,
) -> DbResult<bool> {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    f.and("p.id = ?", vec![Arg::I64(person_id)]);
    f.and("p.status = 'active'", vec![]);
    f.and(
        &holds_buddy_role_sql("p.id"),
        vec![Arg::Text(today.to_owned()), Arg::Text(today.to_owned())],
    );
    let sql = format!("SELECT p.id, p.chosen_name FROM people p{}", f.where_sql());
    let rows: Vec<(i64, String)> = fetch_all_dynamic(c, &sql, f.into_args()).await?;
    Ok(!rows.is_empty())
}

/// Active service users and carers who could be paired as newcomers, by name (optionally only
/// those in any of `within_units`).
pub async fn possible_newcomers(
    c: &mut Conn<'_>,
    organisation_id: i64,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<(i64, String)>> {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    f.and("p.status = 'active'", vec![]);
    f.and("p.constituency IN ('service_user', 'carer')", vec![]);
    person_in_units(&mut f, "p.id", None, within_units);
    let sql = format!(
        "SELECT p.id, p.chosen_name FROM people p{} ORDER BY p.chosen_name, p.id LIMIT 2000",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Ends every open pairing in which `person` is the buddy (and, with `as_newcomer`, the
/// newcomer too) on `ends_on`, or on the pairing's start if that is later. Returns how many
/// ended.
pub async fn end_open_pairings_of(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person: i64,
    as_newcomer: bool,
    ends_on: &str,
) -> DbResult<u64> {
    execute!(
        c,
        "UPDATE buddy_pairings SET ends_on = CASE WHEN starts_on > $3 THEN starts_on ELSE $3 END \
         WHERE organisation_id = $1 AND ends_on IS NULL AND (buddy_id = $2 OR ($4 AND newcomer_id = $2))",
        organisation_id,
        person,
        ends_on,
        as_newcomer
    )
}
