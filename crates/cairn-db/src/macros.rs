//! Query macros: one SQL string, run on whichever engine the [`crate::Conn`] holds. Each
//! argument expression appears in both arms but only one arm runs, so values may be moved.

/// Runs a query and decodes every row as `$row` (a `FromRow` type or a tuple).
#[macro_export]
macro_rules! fetch_all {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::Conn::Sqlite(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_all(&mut **c).await,
            $crate::Conn::Postgres(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_all(&mut **c).await,
        }.map_err($crate::DbError::from)
    };
}

/// Runs a query and decodes at most one row.
#[macro_export]
macro_rules! fetch_optional {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::Conn::Sqlite(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_optional(&mut **c).await,
            $crate::Conn::Postgres(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_optional(&mut **c).await,
        }.map_err($crate::DbError::from)
    };
}

/// Runs a query and decodes exactly one row (`DbError::NotFound` when there is none).
#[macro_export]
macro_rules! fetch_one {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::Conn::Sqlite(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_one(&mut **c).await,
            $crate::Conn::Postgres(c) => $crate::sqlx::query_as::<_, $row>($crate::sql($sql))$(.bind($arg))*.fetch_one(&mut **c).await,
        }.map_err($crate::DbError::from)
    };
}

/// Runs a query returning one value in one column.
#[macro_export]
macro_rules! fetch_scalar {
    ($conn:expr, $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::Conn::Sqlite(c) => $crate::sqlx::query_scalar::<_, $ty>($crate::sql($sql))$(.bind($arg))*.fetch_one(&mut **c).await,
            $crate::Conn::Postgres(c) => $crate::sqlx::query_scalar::<_, $ty>($crate::sql($sql))$(.bind($arg))*.fetch_one(&mut **c).await,
        }.map_err($crate::DbError::from)
    };
}

/// Runs a statement; returns the number of rows it touched.
#[macro_export]
macro_rules! execute {
    ($conn:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::Conn::Sqlite(c) => $crate::sqlx::query($crate::sql($sql))$(.bind($arg))*.execute(&mut **c).await.map(|r| r.rows_affected()),
            $crate::Conn::Postgres(c) => $crate::sqlx::query($crate::sql($sql))$(.bind($arg))*.execute(&mut **c).await.map(|r| r.rows_affected()),
        }.map_err($crate::DbError::from)
    };
}

/// Marks a SQL string as safe to run. Every SQL string in this crate is made from constants,
/// column lists and numbered placeholders; values always travel as bound parameters, never
/// inside the string.
pub fn sql(s: &str) -> sqlx::AssertSqlSafe<String> {
    note(s);
    sqlx::AssertSqlSafe(s.to_owned())
}

/// Notes a statement for [`record_queries`].
pub(crate) fn note(s: &str) {
    // Outside `record_queries` (always, in the running service) there is nothing to note.
    let _ = SENT.try_with(|sent| sent.borrow_mut().push(s.to_owned()));
}

tokio::task_local! {
    static SENT: std::cell::RefCell<Vec<String>>;
}

/// Runs `f` and returns, beside its output, the SQL of every query it sent from this task, in
/// order, with `COMMIT` where a transaction committed (other transaction statements aside). For
/// tests that hold a request to a number of queries, or a long job to its transactions.
pub async fn record_queries<F: std::future::Future>(f: F) -> (F::Output, Vec<String>) {
    SENT.scope(std::cell::RefCell::new(Vec::new()), async {
        let out = f.await;
        (out, SENT.with(|sent| sent.take()))
    })
    .await
}

/// Runs `f` in a task of its own, so that it finishes even if the caller is dropped. Inside
/// [`record_queries`], what the task sends is recorded too, in its place in the order.
pub async fn spawn<F>(f: F) -> Result<F::Output, tokio::task::JoinError>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let Ok(sent) = SENT.try_with(|sent| sent.take()) else {
        return tokio::spawn(f).await;
    };
    let (out, sent) = tokio::spawn(SENT.scope(std::cell::RefCell::new(sent), async {
        let out = f.await;
        (out, SENT.with(|sent| sent.take()))
    }))
    .await?;
    let _ = SENT.try_with(|s| *s.borrow_mut() = sent);
    Ok(out)
}

/// A value bound into a query built at run time (filters). Lets one `Vec` carry mixed types.
#[derive(Debug, Clone)]
pub enum Arg {
    I64(i64),
    Text(String),
}

/// Runs a statement built at run time with `args` bound in order; returns the rows affected.
pub async fn execute_dynamic(
    conn: &mut crate::Conn<'_>,
    sql: &str,
    args: Vec<Arg>,
) -> crate::DbResult<u64> {
    match conn {
        crate::Conn::Sqlite(c) => {
            let mut q = sqlx::query(crate::sql(sql));
            for a in args {
                q = match a {
                    Arg::I64(v) => q.bind(v),
                    Arg::Text(v) => q.bind(v),
                };
            }
            Ok(q.execute(&mut **c).await?.rows_affected())
        }
        crate::Conn::Postgres(c) => {
            let mut q = sqlx::query(crate::sql(sql));
            for a in args {
                q = match a {
                    Arg::I64(v) => q.bind(v),
                    Arg::Text(v) => q.bind(v),
                };
            }
            Ok(q.execute(&mut **c).await?.rows_affected())
        }
    }
}

/// Runs a query built at run time with `args` bound in order; decodes every row as `R`.
pub async fn fetch_all_dynamic<R>(
    conn: &mut crate::Conn<'_>,
    sql: &str,
    args: Vec<Arg>,
) -> crate::DbResult<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    match conn {
        crate::Conn::Sqlite(c) => {
            let mut q = sqlx::query_as::<_, R>(crate::sql(sql));
            for a in args {
                q = match a {
                    Arg::I64(v) => q.bind(v),
                    Arg::Text(v) => q.bind(v),
                };
            }
            Ok(q.fetch_all(&mut **c).await?)
        }
        crate::Conn::Postgres(c) => {
            let mut q = sqlx::query_as::<_, R>(crate::sql(sql));
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

/// Helps build a `WHERE` clause with numbered placeholders that suit both engines.
#[derive(Debug, Default)]
pub struct Filter {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Filter {
    /// An empty filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a clause; each `?` in `clause` becomes the next `$n` and takes the next value.
    pub fn and(&mut self, clause: &str, values: Vec<Arg>) -> &mut Self {
        let mut out = String::new();
        let mut it = values.into_iter();
        for ch in clause.chars() {
            if ch == '?' {
                let v = it.next().expect("one value per placeholder");
                self.args.push(v);
                out.push_str(&format!("${}", self.args.len()));
            } else {
                out.push(ch);
            }
        }
        self.clauses.push(out);
        self
    }

    /// The next placeholder number (for a `LIMIT` after the filter).
    pub fn push_arg(&mut self, v: Arg) -> String {
        self.args.push(v);
        format!("${}", self.args.len())
    }

    /// `WHERE a AND b …` (or nothing).
    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The values, in placeholder order.
    pub fn into_args(self) -> Vec<Arg> {
        self.args
    }
}
