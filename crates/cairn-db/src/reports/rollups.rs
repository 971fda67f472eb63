//! Monthly roll-ups of held meetings (`meeting_month_rollups`, migration 0032), read by the
//! representation report and the reports' meeting measures instead of every meeting in the
//! period.
//!
//! The invariant: for each organisation, local month and group, the row holds exactly the sums
//! over that group's meetings of that month with attendance recorded and not cancelled — the
//! figures those reports used to sum from `meetings` — and there is no row when there is no
//! such meeting. A group keeps the unit it was made with, so a cell has one unit.
//!
//! Kept by recomputing a cell from its meetings, not by adding and subtracting: the recompute is
//! exact and idempotent whatever the change was, and costs one small grouped read of a group's
//! month. Every function that writes a meeting's counted columns calls [`refresh_meeting`] or
//! [`rebuild`] on the same connection, so the cell changes in the writer's transaction and rolls
//! back with it. A new meeting has no attendance yet and so changes no cell.
//!
//! The `…_rescanned` functions are the old full scans of `meetings`, kept only as the oracle the
//! tests check the roll-ups against; nothing else calls them.

use crate::meetings::{
    RepresentationBy, RepresentationCell, RepresentationQuery, RepresentationRow, scope_units,
};
use crate::{Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_one};

/// The columns a cell is written with, in [`CELL_SUMS`]' order.
const CELL_COLUMNS: &str = "organisation_id, month, group_id, unit_id, meetings, met, issues, \
    n_service_user, n_carer, n_staff, n_third_sector, n_manager, others_count";

/// A cell's sums over `meetings`, grouped by organisation, month and group (migration 0032
/// fills the table with the same sums).
const CELL_SUMS: &str = "organisation_id, month, group_id, MIN(unit_id), COUNT(*), \
    SUM(CASE WHEN representation_met THEN 1 ELSE 0 END), SUM(CASE WHEN issues_item THEN 1 ELSE 0 END), \
    SUM(n_service_user), SUM(n_carer), SUM(n_staff), SUM(n_third_sector), SUM(n_manager), SUM(others_count)";

/// The meetings a roll-up counts: attendance recorded, not cancelled.
const HELD: &str = "attended_at IS NOT NULL AND cancelled_at IS NULL";

fn insert_cells(scope: &str) -> String {
    format!(
        "INSERT INTO meeting_month_rollups ({CELL_COLUMNS}) SELECT {CELL_SUMS} FROM meetings WHERE {scope} AND {HELD} \
         GROUP BY organisation_id, month, group_id"
    )
}

/// Recomputes the cell of one meeting (its organisation, month and group) from `meetings`.
pub async fn refresh_meeting(c: &mut Conn<'_>, meeting: i64) -> DbResult<()> {
    let (org, group, month): (i64, i64, String) = fetch_one!(
        c,
        (i64, i64, String),
        "SELECT organisation_id, group_id, month FROM meetings WHERE id = $1",
        meeting
    )?;
    refresh_cell(c, org, group, &month).await
}

/// Recomputes one cell from its group's meetings of the month.
pub async fn refresh_cell(c: &mut Conn<'_>, org: i64, group: i64, month: &str) -> DbResult<()> {
    // Holding the group's row makes two transactions that change the same cell take turns: on
    // PostgreSQL the second then reads the first's committed meetings, instead of writing a cell
    // from what it saw before (SQLite's write lock already serialises them). A no-op UPDATE
    // takes the lock on both engines without blocking rows that merely refer to the group.
    execute!(
        c,
        "UPDATE meeting_groups SET updated_at = updated_at WHERE id = $1",
        group
    )?;
    execute!(
        c,
        "DELETE FROM meeting_month_rollups WHERE organisation_id = $1 AND month = $2 AND group_id = $3",
        org,
        month,
        group
    )?;
    execute!(
        c,
        &insert_cells("organisation_id = $1 AND month = $2 AND group_id = $3"),
        org,
        month,
        group
    )?;
    Ok(())
}

/// Recomputes every cell of an organisation (after writing meetings in bulk).
pub async fn rebuild(c: &mut Conn<'_>, org: i64) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM meeting_month_rollups WHERE organisation_id = $1",
        org
    )?;
    execute!(c, &insert_cells("organisation_id = $1"), org)?;
    Ok(())
}

/// The report's filters, on columns `meetings` and the roll-up share.
fn cell_filter(org: i64, q: &RepresentationQuery) -> Filter {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(org)]);
    if let Some(g) = q.group_id {
        f.and("group_id = ?", vec![Arg::I64(g)]);
    }
    if let Some(u) = q.unit_id {
        f.and("unit_id = ?", vec![Arg::I64(u)]);
    }
    if let Some(m) = &q.from_month {
        f.and("month >= ?", vec![Arg::Text(m.clone())]);
    }
    if let Some(m) = &q.to_month {
        f.and("month <= ?", vec![Arg::Text(m.clone())]);
    }
    if let Some(units) = &q.within_units {
        scope_units(&mut f, units);
    }
    f
}

/// The sums of a report row over roll-up cells, named as [`RepresentationRow`]'s fields.
const ROW_SUMS: &str = "CAST(SUM(meetings) AS BIGINT) AS meetings, CAST(SUM(met) AS BIGINT) AS met, \
    CAST(SUM(n_service_user) AS BIGINT) AS service_user, CAST(SUM(n_carer) AS BIGINT) AS carer, \
    CAST(SUM(n_staff) AS BIGINT) AS staff, CAST(SUM(n_third_sector) AS BIGINT) AS third_sector, \
    CAST(SUM(n_manager) AS BIGINT) AS manager, CAST(SUM(others_count) AS BIGINT) AS others";

/// Representation figures by month, group or unit, from the roll-ups.
pub async fn representation(
    c: &mut Conn<'_>,
    org: i64,
    q: &RepresentationQuery,
    by: RepresentationBy,
) -> DbResult<Vec<RepresentationRow>> {
    let f = cell_filter(org, q);
    let key = match by {
        RepresentationBy::Month => "month",
        RepresentationBy::Group => "CAST(group_id AS TEXT)",
        RepresentationBy::Unit => "COALESCE(CAST(unit_id AS TEXT), '')",
    };
    fetch_all_dynamic(
        c,
        &format!(
            "SELECT {key} AS key, {ROW_SUMS} FROM meeting_month_rollups{} GROUP BY {key} ORDER BY 1",
            f.where_sql()
        ),
        f.into_args(),
    )
    .await
}

/// Representation figures by month and group: the roll-up's cells themselves.
pub async fn representation_cells(
    c: &mut Conn<'_>,
    org: i64,
    q: &RepresentationQuery,
) -> DbResult<Vec<RepresentationCell>> {
    let f = cell_filter(org, q);
    fetch_all_dynamic(
        c,
        &format!(
            "SELECT month, group_id, unit_id, meetings, met, n_service_user AS service_user, n_carer AS carer, \
             n_staff AS staff, n_third_sector AS third_sector, n_manager AS manager, others_count AS others \
             FROM meeting_month_rollups{} ORDER BY month, group_id",
            f.where_sql()
        ),
        f.into_args(),
    )
    .await
}

/// A month's meeting figures: (month, held, representation met, with the issues item, carers
/// attending, everyone attending).
pub type MeetingMonth = (String, i64, i64, i64, i64, i64);

/// Meetings held per local month `from..=to` for a unit or the service, from the roll-ups.
pub async fn meeting_months(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> DbResult<Vec<MeetingMonth>> {
    let sql = format!(
        "SELECT month, CAST(SUM(meetings) AS BIGINT), CAST(SUM(met) AS BIGINT), CAST(SUM(issues) AS BIGINT), \
                CAST(SUM(n_carer) AS BIGINT), \
                CAST(SUM(n_service_user + n_carer + n_staff + n_third_sector + n_manager + others_count) AS BIGINT) \
         FROM meeting_month_rollups WHERE organisation_id = $1 AND {} AND month >= $3 AND month <= $4 \
         GROUP BY month ORDER BY month",
        super::unit_clause("unit_id", unit)
    );
    fetch_all!(c, MeetingMonth, &sql, org, unit.unwrap_or(0), from, to)
}

/// The test oracle for [`representation_cells`]: the same figures summed from every meeting.
pub async fn representation_cells_rescanned(
    c: &mut Conn<'_>,
    org: i64,
    q: &RepresentationQuery,
) -> DbResult<Vec<RepresentationCell>> {
    let mut f = cell_filter(org, q);
    f.and(HELD, vec![]);
    fetch_all_dynamic(
        c,
        &format!(
            "SELECT month, group_id, MIN(unit_id) AS unit_id, COUNT(*) AS meetings, \
             CAST(SUM(CASE WHEN representation_met THEN 1 ELSE 0 END) AS BIGINT) AS met, \
             CAST(SUM(n_service_user) AS BIGINT) AS service_user, CAST(SUM(n_carer) AS BIGINT) AS carer, \
             CAST(SUM(n_staff) AS BIGINT) AS staff, CAST(SUM(n_third_sector) AS BIGINT) AS third_sector, \
             CAST(SUM(n_manager) AS BIGINT) AS manager, CAST(SUM(others_count) AS BIGINT) AS others \
             FROM meetings{} GROUP BY month, group_id ORDER BY month, group_id",
            f.where_sql()
        ),
        f.into_args(),
    )
    .await
}

/// The test oracle for [`meeting_months`]: the same figures summed from every meeting.
pub async fn meeting_months_rescanned(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> DbResult<Vec<MeetingMonth>> {
    let sql = format!(
        "SELECT month, COUNT(*), \
                SUM(CASE WHEN representation_met THEN 1 ELSE 0 END), \
                SUM(CASE WHEN issues_item THEN 1 ELSE 0 END), \
                CAST(SUM(n_carer) AS BIGINT), \
                CAST(SUM(n_service_user + n_carer + n_staff + n_third_sector + n_manager + others_count) AS BIGINT) \
         FROM meetings WHERE organisation_id = $1 AND {} AND month >= $3 AND month <= $4 AND {HELD} \
         GROUP BY month ORDER BY month",
        super::unit_clause("unit_id", unit)
    );
    fetch_all!(c, MeetingMonth, &sql, org, unit.unwrap_or(0), from, to)
}
