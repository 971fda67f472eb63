//! The query plan a list query gets, so a test can check that it reads an index range of about
//! one page rather than the organisation's rows. List functions build their SQL and arguments
//! with a `*_query` function; [`explain`] plans exactly that statement with the same values.

use crate::{Arg, Conn, DbResult, Engine};

/// `column` written so that SQLite's planner does not pick an index on it (a unary plus), for a
/// filter that another, better index should drive. PostgreSQL gets the bare column: there the
/// plus would hide the column's statistics and wreck the planner's row estimates.
pub fn not_indexed(engine: Engine, column: &str) -> String {
    match engine {
        Engine::Sqlite => format!("+{column}"),
        Engine::Postgres => column.to_owned(),
    }
}

/// The plan of `sql` with `args` bound in order, one line per step: SQLite's
/// `EXPLAIN QUERY PLAN` details indented by depth, or PostgreSQL's text `EXPLAIN` (with its
/// row estimates). Nothing is run.
pub async fn explain(conn: &mut Conn<'_>, sql: &str, args: Vec<Arg>) -> DbResult<Vec<String>> {
    match conn {
        Conn::Sqlite(c) => {
            let mut q = sqlx::query_as::<_, (i64, i64, i64, String)>(crate::sql(&format!(
                "EXPLAIN QUERY PLAN {sql}"
            )));
            for a in args {
                q = match a {
                    Arg::I64(v) => q.bind(v),
                    Arg::Text(v) => q.bind(v),
                };
            }
            Ok(indent_sqlite(&q.fetch_all(&mut **c).await?))
        }
        Conn::Postgres(c) => {
            let mut q = sqlx::query_scalar::<_, String>(crate::sql(&format!("EXPLAIN {sql}")));
            for a in args {
                q = match a {
                    Arg::I64(v) => q.bind(v),
                    Arg::Text(v) => q.bind(v),
                };
            }
            Ok(q.fetch_all(&mut **c).await?)
        }
    }
}

/// SQLite gives each step its parent's id; a step is shown two spaces deeper than its parent.
fn indent_sqlite(rows: &[(i64, i64, i64, String)]) -> Vec<String> {
    let mut depth: Vec<(i64, usize)> = Vec::new();
    rows.iter()
        .map(|(id, parent, _, detail)| {
            let d = depth
                .iter()
                .find(|(i, _)| i == parent)
                .map_or(0, |(_, d)| d + 1);
            depth.push((*id, d));
            format!("{}{detail}", "  ".repeat(d))
        })
        .collect()
}

/// Brings the planner's statistics up to date: `ANALYZE` on both engines.
pub async fn analyze(conn: &mut Conn<'_>) -> DbResult<()> {
    crate::execute!(conn, "ANALYZE")?;
    Ok(())
}

/// After a bulk load, brings a PostgreSQL database to the state autovacuum keeps a running one
/// in: `VACUUM (ANALYZE)` gathers statistics and marks the new pages all-visible, without which
/// an index-only count visits every counted row's table page as well. SQLite: `ANALYZE`.
pub async fn settle(conn: &mut Conn<'_>) -> DbResult<()> {
    match conn.engine() {
        Engine::Postgres => crate::execute!(conn, "VACUUM (ANALYZE)")?,
        Engine::Sqlite => crate::execute!(conn, "ANALYZE")?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_gets_the_unary_plus() {
        assert_eq!(
            not_indexed(Engine::Sqlite, "p.organisation_id"),
            "+p.organisation_id"
        );
        assert_eq!(
            not_indexed(Engine::Postgres, "p.organisation_id"),
            "p.organisation_id"
        );
    }

    #[test]
    fn sqlite_steps_are_indented_under_their_parent() {
        let rows = vec![
            (2, 0, 0, "SEARCH pu USING INDEX x (unit_id=?)".to_owned()),
            (
                5,
                0,
                0,
                "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)".to_owned(),
            ),
            (7, 5, 0, "CORRELATED SCALAR SUBQUERY 1".to_owned()),
            (9, 7, 0, "SEARCH q USING INDEX y (id=?)".to_owned()),
        ];
        assert_eq!(
            indent_sqlite(&rows),
            vec![
                "SEARCH pu USING INDEX x (unit_id=?)",
                "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
                "  CORRELATED SCALAR SUBQUERY 1",
                "    SEARCH q USING INDEX y (id=?)",
            ]
        );
    }
}
