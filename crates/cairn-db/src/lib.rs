//! Cairn's data layer. One [`Db`] enum holds a native sqlx pool for SQLite or PostgreSQL; every
//! query is one portable SQL string run through the [`fetch_all!`], [`fetch_optional!`],
//! [`fetch_one!`] and [`execute!`] macros, which pick the engine. We do not use sqlx's `Any`
//! driver: it cannot decode SQLite booleans or PostgreSQL timestamps.
//!
//! Portability rules (see STACK.md and docs/adr/0002): placeholders `$1…$n`, `RETURNING id`,
//! instants as BIGINT UTC milliseconds, dates as ISO TEXT, enumerations as TEXT with a CHECK,
//! no SQL date functions. On SQLite every write transaction starts with `BEGIN IMMEDIATE` so
//! concurrent writers queue on `busy_timeout` instead of failing with "database is locked".
//!
//! Each capability has a module of the same name as in the other crates. Functions take a
//! [`Conn`] first; access control has already happened in `cairn-app`. Nothing here decides
//! business rules.

pub mod accounts;
pub mod audit;
mod macros;
pub use macros::{Arg, Filter, execute_dynamic, fetch_all_dynamic, record_queries, spawn, sql};
/// Re-exported for the query macros, so crates using them need not depend on sqlx themselves.
pub use sqlx;
pub mod feedback;
pub mod handbook;
pub mod identity;
pub mod meetings;
pub mod model;
pub mod notices;
pub mod payments;
pub mod people;
pub mod plan;
pub mod playbook;
pub mod principles;
pub mod reports;
pub mod retention;
pub mod roles;
pub mod settings;
pub mod surveys;
pub mod training;
pub mod translation;
pub mod units;
pub mod webhooks;

use sqlx::migrate::Migrator;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// Errors from the data layer. Database errors are mapped by kind, never by constraint name
/// (SQLite does not report one).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    #[error("conflicts with an existing record")]
    Conflict,
    #[error("refers to a record that does not exist")]
    Reference,
    #[error("database error: {0}")]
    Unexpected(#[source] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(d) => match d.kind() {
                sqlx::error::ErrorKind::UniqueViolation => DbError::Conflict,
                sqlx::error::ErrorKind::ForeignKeyViolation => DbError::Reference,
                _ => DbError::Unexpected(e),
            },
            _ => DbError::Unexpected(e),
        }
    }
}

/// Result of a data-layer call.
pub type DbResult<T> = Result<T, DbError>;

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A pool on one of the two engines. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A borrowed connection on either engine: a pooled connection or an open transaction.
pub enum Conn<'c> {
    Sqlite(&'c mut sqlx::SqliteConnection),
    Postgres(&'c mut sqlx::PgConnection),
}

impl Conn<'_> {
    /// The engine behind this connection.
    pub fn engine(&self) -> Engine {
        match self {
            Conn::Sqlite(_) => Engine::Sqlite,
            Conn::Postgres(_) => Engine::Postgres,
        }
    }
}

/// A pooled connection for reads.
pub enum Handle {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Handle {
    /// The connection, for the query macros.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Handle::Sqlite(c) => Conn::Sqlite(c),
            Handle::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// A write transaction. Dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(SqliteTx),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// The connection, for the query macros.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t.conn()),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }

    /// Makes the transaction's writes permanent.
    pub async fn commit(self) -> DbResult<()> {
        macros::note("COMMIT");
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// A SQLite write transaction that never lets its connection back into the pool while a
/// transaction is open on it.
///
/// sqlx's own SQLite transaction counts its depth in the connection and queues a ROLLBACK when
/// dropped. When SQLite has already ended the transaction itself (it rolls back on a full disk
/// or an I/O error) or a COMMIT fails (a full disk, a deferred foreign key), that bookkeeping
/// went wrong: the connection went back to the pool still counting a transaction, and every
/// later write on it failed ("begin_with at non-zero transaction depth") until a restart. Here
/// BEGIN, COMMIT and ROLLBACK are plain statements, and any doubt ends with the connection
/// closed rather than reused: a closed SQLite connection cannot hold a transaction, and the
/// pool opens a fresh one.
pub struct SqliteTx {
    conn: Option<PoolConnection<Sqlite>>,
}

impl SqliteTx {
    async fn begin(pool: &SqlitePool) -> Result<SqliteTx, sqlx::Error> {
        let mut conn = pool.acquire().await?;
        if let Err(e) = sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await {
            // Busy after the timeout, or a connection in a state we cannot trust: either way
            // it is not reused.
            let _ = conn.close().await;
            return Err(e);
        }
        Ok(SqliteTx { conn: Some(conn) })
    }

    fn conn(&mut self) -> &mut sqlx::SqliteConnection {
        // Only `commit` and `drop` take the connection, and both consume the transaction.
        self.conn
            .as_deref_mut()
            .expect("a SqliteTx holds its connection until it ends")
    }

    async fn commit(mut self) -> Result<(), sqlx::Error> {
        let Some(mut conn) = self.conn.take() else {
            return Ok(());
        };
        match sqlx::query("COMMIT").execute(&mut *conn).await {
            Ok(_) => Ok(()),
            Err(e) => {
                // A failed COMMIT can leave the transaction open (SQLite keeps it open after a
                // deferred constraint fails, for instance). Closing rolls it back.
                let _ = conn.close().await;
                Err(e)
            }
        }
    }
}

impl Drop for SqliteTx {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    // ROLLBACK fails when SQLite already ended the transaction itself; the
                    // connection may still be fine, but a closed one is certainly fine.
                    if sqlx::query("ROLLBACK").execute(&mut *conn).await.is_err() {
                        let _ = conn.close().await;
                    }
                });
            }
            // No runtime to roll back on: close instead, which rolls back.
            Err(_) => conn.close_on_drop(),
        }
    }
}

/// A PostgreSQL connection idle longer than this is pinged before it is handed out; one used
/// more recently is known to be alive (the server or a proxy may close idle ones).
const PING_WHEN_IDLE: Duration = Duration::from_secs(30);

/// Rows a SQLite connection's thread may read ahead of the request reading them. sqlx's default
/// (50) is less than some pages read (a meetings page's replies, a unit's rounds): past it the
/// connection's thread stops and waits for the request to catch up, a thread switch each way
/// for every few rows.
const ROW_BUFFER: usize = 1024;

/// Pages each SQLite connection keeps in memory, in KiB (SQLite's own default is 2 MiB). A
/// unit's self-assessment touches more than 2 MiB of pages on ten years of a large board's data
/// (appointments, people on the unit, training attendance): at the default the connection threw
/// pages out and read them back from the file on every request, about 560 reads a page view,
/// and the page cost grew with the data. Memory grows only as pages are read, and is at most
/// this times the pool size (128 MiB with eight connections).
pub const SQLITE_CACHE_KIB: u32 = 16 * 1024;

/// How to open the pool.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Largest pool size. SQLite gets at most this many readers; writes queue on the lock.
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions { max_connections: 8 }
    }
}

impl Db {
    /// Opens a pool for `url` (`sqlite://path`, `sqlite::memory:`, `postgres://…`). A SQLite
    /// file is created when missing.
    pub async fn connect(url: &str, opts: &ConnectOptions) -> DbResult<Db> {
        Self::open(url, opts, true).await
    }

    /// As [`Db::connect`], but a SQLite file that does not exist is an error instead of a new
    /// empty database: for commands such as `backup` that must not invent their source.
    pub async fn connect_existing(url: &str, opts: &ConnectOptions) -> DbResult<Db> {
        Self::open(url, opts, false).await
    }

    async fn open(url: &str, opts: &ConnectOptions, create: bool) -> DbResult<Db> {
        if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:") || url.contains("mode=memory");
            let o = SqliteConnectOptions::from_str(url)?
                .create_if_missing(create)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .journal_mode(if memory {
                    SqliteJournalMode::Memory
                } else {
                    SqliteJournalMode::Wal
                })
                .synchronous(SqliteSynchronous::Normal)
                // Deleted or overwritten content is zeroed in the file, so an erased person's
                // name does not linger in free pages (see `people::erasure`).
                .pragma("secure_delete", "on")
                // Negative: a size in KiB rather than in pages.
                .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"))
                .row_buffer_size(ROW_BUFFER);
            // An in-memory database is private to its connection: keep exactly one.
            let max = if memory { 1 } else { opts.max_connections };
            let pool = SqlitePoolOptions::new()
                .max_connections(max)
                // sqlx pings a connection each time the pool hands it out. A SQLite connection
                // lives in this process and cannot be cut off, and the ping is a round trip to
                // the connection's thread, as costly as a short query, on every hand-out.
                .test_before_acquire(false)
                .connect_with(o)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            // Cairn's data fits in memory, so an index read costs about what a sequential one
            // does; PostgreSQL's default (4, for spinning disks) made its planner read a whole
            // small table and sort it rather than read one page of an index in order.
            let o = PgConnectOptions::from_str(url)?.options([("random_page_cost", "1.1")]);
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections)
                // Ping only a connection that has sat idle a while, not one used a moment ago:
                // sqlx's default pings on every hand-out, a network round trip per query.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > PING_WHEN_IDLE {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(o)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }

    /// The versions of the migrations this build applies on `engine`, oldest first.
    pub fn migration_versions(engine: Engine) -> Vec<i64> {
        let m = match engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .map(|m| m.version)
            .collect()
    }

    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies pending migrations (the migrator takes a lock, so several instances starting at
    /// once on PostgreSQL apply them once).
    pub async fn migrate(&self) -> DbResult<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        // Values a migration cannot compute in SQL, written once for rows that predate them.
        let mut tx = self.begin().await?;
        people::fill_welsh_sort_keys(&mut tx.conn()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A connection for reads.
    pub async fn acquire(&self) -> DbResult<Handle> {
        Ok(match self {
            Db::Sqlite(p) => Handle::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Handle::Postgres(p.acquire().await?),
        })
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(&self) -> DbResult<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(SqliteTx::begin(p).await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Answers when the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> DbResult<()> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        // Cast: PostgreSQL types a bare 1 as a 4-byte integer, SQLite as 8 bytes.
        let one: i64 = fetch_scalar!(&mut c, i64, "SELECT CAST(1 AS BIGINT)")?;
        if one == 1 {
            Ok(())
        } else {
            Err(DbError::NotFound)
        }
    }

    /// Answers when the database takes a write as well as a read (for `/readyz`): one small
    /// committed write to the settings table. A read-only file, a full disk or a PostgreSQL in
    /// recovery answers reads but refuses this.
    pub async fn ready(&self, now_ms: i64) -> DbResult<()> {
        self.ping().await?;
        let mut tx = self.begin().await?;
        settings::put(&mut tx.conn(), "readiness_probe", &now_ms.to_string()).await?;
        tx.commit().await
    }

    /// Copies a SQLite database to `path` with `VACUUM INTO` (consistent while the app runs).
    /// PostgreSQL deployments back up with `pg_dump`; this returns `None` for them.
    pub async fn backup_sqlite(&self, path: &str) -> DbResult<Option<()>> {
        match self {
            Db::Sqlite(p) => {
                sqlx::query("VACUUM INTO $1").bind(path).execute(p).await?;
                Ok(Some(()))
            }
            Db::Postgres(_) => Ok(None),
        }
    }

    /// SQLite: copies the write-ahead log into the database file and empties it, so content
    /// overwritten since (an erasure) is gone from the log too. PostgreSQL: nothing (old row
    /// versions go at VACUUM; see docs/data-protection.md).
    pub async fn checkpoint(&self) -> DbResult<()> {
        if let Db::Sqlite(pool) = self {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await
                .map_err(DbError::from)?;
        }
        Ok(())
    }

    /// Table → sorted column names, for the test that keeps both schemas alike.
    pub async fn schema_columns(&self) -> DbResult<Vec<(String, String)>> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<(String, String)> = match &mut c {
            Conn::Sqlite(_) => fetch_all!(
                &mut c,
                (String, String),
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx_%' ORDER BY 1, 2"
            )?,
            Conn::Postgres(_) => fetch_all!(
                &mut c,
                (String, String),
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx_%' ORDER BY 1, 2"
            )?,
        };
        // Sorted here: PostgreSQL's ORDER BY follows the database's collation.
        let mut rows = rows;
        rows.sort();
        Ok(rows)
    }

    /// Closes the pool.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Current time as UTC milliseconds, the unit every `*_at` column holds.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
