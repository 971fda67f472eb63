//! Test support. Every data-layer and use-case test runs on both engines through
//! [`both_engines`]: a fresh SQLite file and a fresh PostgreSQL database (created on the server
//! at `CAIRN_TEST_PG`, default `postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable`,
//! and dropped afterwards). When PostgreSQL cannot be reached the test fails — there is no
//! silent skip.
//! A developer without PostgreSQL may set `CAIRN_ALLOW_NO_PG=1` to run the SQLite half only;
//! the test then prints that it did so (never when `CI` is set).
//!
//! Fresh databases are copies of a migrated template rather than migrated one by one: the test
//! suite makes about six hundred of them, and migrating each from scratch was a large part of
//! its run time.
//!
//! - SQLite: each test process migrates one database, writes it out with `VACUUM INTO` (a single
//!   self-contained file, no `-wal` beside it), keeps the bytes in memory and writes a copy per
//!   test.
//! - PostgreSQL: one template database per set of migrations, named `cairn_tpl_<fingerprint>`
//!   after the migrations' versions and checksums, so a changed or added migration gets a new
//!   template while other branches keep theirs. The first test process to need it builds it
//!   under an advisory lock; every test then runs `CREATE DATABASE … TEMPLATE cairn_tpl_…`,
//!   which copies it on the server. The template refuses connections, because PostgreSQL cannot
//!   copy a database somebody is connected to. Old templates can be dropped at any time:
//!   `psql -c "DROP DATABASE cairn_tpl_…"`; the next test run builds the one it needs.
//!
//! [`SmtpSink`] is a small SMTP server on a free local port that keeps every message it is
//! sent, so tests can assert what Cairn e-mailed.

use cairn_db::{ConnectOptions, Db};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::migrate::Migrator;
use sqlx::{Connection, PgConnection};
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::OnceCell;

// The same directories `cairn_db` embeds. `Db::migrate` (cairn_db's own migrator) builds the
// templates; these copies only name them and check the result (see `check_migrations`). The
// build script makes Cargo rebuild this crate when a migration file is added.
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// The PostgreSQL server tests use. The default is a server on this machine without TLS: each
/// test opens several connections, and on a server with TLS enabled (Debian's default) the
/// handshakes took about half of a PostgreSQL test's time while protecting nothing on loopback.
pub fn pg_admin_url() -> String {
    std::env::var("CAIRN_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable".into())
}

fn unique(prefix: &str) -> String {
    let n: u64 = rand::rng().random();
    format!("{prefix}_{}_{n:x}", std::process::id())
}

/// A short hex fingerprint of a set of migrations: their versions and sqlx's checksums (SHA-384
/// of each file). It changes whenever a migration is added, removed or edited.
fn migrations_fingerprint(migrator: &Migrator) -> String {
    let mut h = Sha256::new();
    for m in migrator.iter() {
        h.update(m.version.to_le_bytes());
        h.update(&m.checksum);
    }
    hex::encode(&h.finalize()[..8])
}

/// A database for one test; removes itself when dropped.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Pg { admin: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Pg { admin, name } => {
                let (admin, name) = (admin.clone(), name.clone());
                // Dropping runs outside any runtime the test may have left; use a small one.
                let _ = std::thread::spawn(move || {
                    if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        rt.block_on(async {
                            if let Ok(mut conn) = PgConnection::connect(&admin).await {
                                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                )))
                                .execute(&mut conn)
                                .await;
                                let _ = conn.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

/// Panics unless `db` holds exactly the migrations in `expected`, all applied. `cairn_db`
/// embeds the migration files when it is compiled; if Cargo has not rebuilt it since a file
/// changed, this says so instead of letting a wrong template be shared.
async fn check_migrations(db: &Db, expected: &Migrator) {
    let sql = "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version";
    let applied: Vec<(i64, Vec<u8>)> = match db {
        Db::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await,
    }
    .expect("read _sqlx_migrations");
    let wanted: Vec<(i64, Vec<u8>)> = expected
        .iter()
        .map(|m| (m.version, m.checksum.to_vec()))
        .collect();
    assert!(
        applied == wanted,
        "cairn_db applied migrations {:?} but migrations/ holds {:?}: cairn-db was compiled from \
         other migration files. Run `cargo clean -p cairn-db` and test again.",
        applied.iter().map(|m| m.0).collect::<Vec<_>>(),
        wanted.iter().map(|m| m.0).collect::<Vec<_>>(),
    );
}

/// The migrated SQLite template of this process, as the bytes of a database file. Built on
/// first use; later calls get the same bytes.
async fn sqlite_template() -> &'static [u8] {
    static TEMPLATE: OnceCell<Vec<u8>> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let dir = std::env::temp_dir().join(unique("cairn_template"));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let db = Db::connect(
                &format!("sqlite://{}", dir.join("migrated.db").display()),
                &ConnectOptions::default(),
            )
            .await
            .expect("open sqlite template");
            db.migrate().await.expect("migrate sqlite template");
            check_migrations(&db, &SQLITE_MIGRATIONS).await;
            // VACUUM INTO writes one complete file; a plain copy of a WAL database could miss
            // whatever is still in its -wal file.
            let copy = dir.join("template.db");
            db.backup_sqlite(copy.to_str().expect("temp path is UTF-8"))
                .await
                .expect("VACUUM INTO the sqlite template");
            db.close().await;
            let bytes = std::fs::read(&copy).expect("read sqlite template");
            let _ = std::fs::remove_dir_all(&dir);
            bytes
        })
        .await
}

/// A fresh, migrated SQLite database in its own temporary folder.
pub async fn sqlite() -> TestDb {
    let template = sqlite_template().await;
    let dir = std::env::temp_dir().join(unique("cairn_test"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("test.db");
    std::fs::write(&file, template).expect("copy the sqlite template");
    let url = format!("sqlite://{}", file.display());
    let db = Db::connect(&url, &ConnectOptions::default())
        .await
        .expect("open sqlite");
    TestDb {
        db,
        url,
        cleanup: Cleanup::File(dir),
    }
}

/// `admin` with its database name replaced by `name` (keeping any `?options`).
fn database_url(admin: &str, name: &str) -> String {
    match admin.rsplit_once('/') {
        Some((base, tail)) => {
            let query = tail
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            format!("{base}/{name}{query}")
        }
        None => format!("{admin}/{name}"),
    }
}

/// Runs `sql`, retrying for a few seconds while PostgreSQL answers "being accessed by other
/// users" (SQLSTATE 55006). The template refuses connections, but an autovacuum worker may
/// still be visiting it, and PostgreSQL copies no database that has a visitor.
async fn execute_retrying_while_in_use(conn: &mut PgConnection, sql: String) {
    let mut attempts = 0;
    loop {
        match sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut *conn)
            .await
        {
            Ok(_) => return,
            Err(sqlx::Error::Database(e))
                if e.code().as_deref() == Some("55006") && attempts < 50 =>
            {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("{sql}: {e}"),
        }
    }
}

/// The name of the PostgreSQL template for the current migrations, creating it on the server
/// if no test process has yet. Looked up once per process.
async fn postgres_template(admin: &str) -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| create_postgres_template(admin))
        .await
}

async fn create_postgres_template(admin: &str) -> String {
    // Any fixed number: every Cairn test process on the server takes the same lock, so only one
    // builds a template at a time and the others then find it built.
    const LOCK: i64 = 0x0ca1_2a7e_5701;
    let name = format!("cairn_tpl_{}", migrations_fingerprint(&POSTGRES_MIGRATIONS));
    let mut conn = PgConnection::connect(admin)
        .await
        .expect("connect to PostgreSQL");
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(LOCK)
        .execute(&mut conn)
        .await
        .expect("take the template lock");
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&mut conn)
            .await
            .expect("look for the template");
    if !exists {
        // Built under another name and renamed when complete, so a template that exists is a
        // whole one even if a process died half-way through building it.
        let building = format!("{name}_building");
        for sql in [
            format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
            format!("CREATE DATABASE {building}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .expect("create the template database");
        }
        let db = Db::connect(
            &database_url(admin, &building),
            &ConnectOptions { max_connections: 1 },
        )
        .await
        .expect("open the template database");
        db.migrate().await.expect("migrate postgres template");
        check_migrations(&db, &POSTGRES_MIGRATIONS).await;
        // Closing waits until the connection is gone: the template must have no visitors.
        db.close().await;
        execute_retrying_while_in_use(
            &mut conn,
            format!("ALTER DATABASE {building} WITH ALLOW_CONNECTIONS false"),
        )
        .await;
        execute_retrying_while_in_use(
            &mut conn,
            format!("ALTER DATABASE {building} RENAME TO {name}"),
        )
        .await;
    }
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(LOCK)
        .execute(&mut conn)
        .await
        .expect("release the template lock");
    let _ = conn.close().await;
    name
}

/// A fresh, migrated PostgreSQL database, or `None` when PostgreSQL cannot be reached and the
/// developer allowed that with `CAIRN_ALLOW_NO_PG=1`. Otherwise an unreachable server panics.
pub async fn postgres() -> Option<TestDb> {
    let admin = pg_admin_url();
    let mut conn = match PgConnection::connect(&admin).await {
        Ok(c) => c,
        Err(e) => {
            if std::env::var("CAIRN_ALLOW_NO_PG").is_ok_and(|v| v == "1")
                && std::env::var("CI").is_err()
            {
                eprintln!(
                    "WARNING: PostgreSQL at {admin} is not reachable ({e}); CAIRN_ALLOW_NO_PG=1, so only SQLite was tested"
                );
                return None;
            }
            panic!(
                "PostgreSQL at {admin} is not reachable: {e}. Start it, set CAIRN_TEST_PG, or run scripts/test.sh, which starts one."
            );
        }
    };
    let template = postgres_template(&admin).await;
    let name = unique("cairn_test");
    execute_retrying_while_in_use(
        &mut conn,
        format!("CREATE DATABASE {name} TEMPLATE {template}"),
    )
    .await;
    let _ = conn.close().await;
    let url = database_url(&admin, &name);
    let db = Db::connect(
        &url,
        &ConnectOptions {
            max_connections: 10,
        },
    )
    .await
    .expect("open postgres");
    Some(TestDb {
        db,
        url,
        cleanup: Cleanup::Pg { admin, name },
    })
}

/// Runs `body` on a fresh SQLite database, then on a fresh PostgreSQL database.
pub async fn both_engines<F, Fut>(body: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    let s = sqlite().await;
    body(s.db.clone()).await;
    s.db.close().await;
    drop(s);
    if let Some(p) = postgres().await {
        body(p.db.clone()).await;
        p.db.close().await;
        drop(p);
    }
}

/// One message the sink received.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message (headers and body) as sent.
    pub data: String,
}

/// A local SMTP server that accepts and keeps every message.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    pub messages: Arc<Mutex<Vec<SentMail>>>,
}

impl SmtpSink {
    /// Starts the sink on a free port on 127.0.0.1.
    pub async fn start() -> SmtpSink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind smtp sink");
        let port = listener.local_addr().expect("addr").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (r, mut w) = sock.into_split();
                    let mut lines = BufReader::new(r).lines();
                    let _ = w.write_all(b"220 sink ESMTP\r\n").await;
                    let (mut from, mut to, mut data, mut in_data) =
                        (String::new(), Vec::new(), String::new(), false);
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                store.lock().expect("lock").push(SentMail {
                                    from: from.clone(),
                                    to: to.clone(),
                                    data: data.clone(),
                                });
                                data.clear();
                                to.clear();
                                let _ = w.write_all(b"250 OK\r\n").await;
                            } else {
                                data.push_str(line.strip_prefix('.').unwrap_or(&line));
                                data.push_str("\r\n");
                            }
                            continue;
                        }
                        let upper = line.to_ascii_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO")
                        {
                            b"250-sink\r\n250 8BITMIME\r\n"
                        } else if upper.starts_with("MAIL FROM:") {
                            from = line[10..]
                                .trim()
                                .trim_matches(|c| c == '<' || c == '>')
                                .to_owned();
                            b"250 OK\r\n"
                        } else if upper.starts_with("RCPT TO:") {
                            to.push(
                                line[8..]
                                    .trim()
                                    .trim_matches(|c| c == '<' || c == '>')
                                    .to_owned(),
                            );
                            b"250 OK\r\n"
                        } else if upper == "DATA" {
                            in_data = true;
                            b"354 go ahead\r\n"
                        } else if upper == "QUIT" {
                            let _ = w.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        let _ = w.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink { port, messages }
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<SentMail> {
        self.messages.lock().expect("lock").clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the organisations in `db`.
    async fn organisations(db: &Db) -> Vec<String> {
        let mut h = db.acquire().await.expect("connection");
        cairn_db::units::list_organisations(&mut h.conn())
            .await
            .expect("list organisations")
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    async fn copies_are_migrated_and_independent(a: TestDb, b: TestDb, expected: &Migrator) {
        check_migrations(&a.db, expected).await;
        check_migrations(&b.db, expected).await;
        let mut tx = a.db.begin().await.expect("begin");
        cairn_db::units::insert_organisation(&mut tx.conn(), "Only in a", None, "Europe/London", 0)
            .await
            .expect("insert organisation");
        tx.commit().await.expect("commit");
        assert_eq!(organisations(&a.db).await, vec!["Only in a".to_owned()]);
        assert!(organisations(&b.db).await.is_empty());
    }

    #[tokio::test]
    async fn sqlite_copies_of_the_template_are_migrated_and_independent() {
        copies_are_migrated_and_independent(sqlite().await, sqlite().await, &SQLITE_MIGRATIONS)
            .await;
    }

    #[tokio::test]
    async fn postgres_copies_are_migrated_and_independent_and_the_template_is_closed() {
        let (Some(a), Some(b)) = (postgres().await, postgres().await) else {
            return; // CAIRN_ALLOW_NO_PG=1 without a server: postgres() said so.
        };
        copies_are_migrated_and_independent(a, b, &POSTGRES_MIGRATIONS).await;
        let admin = pg_admin_url();
        let template = postgres_template(&admin).await;
        let mut conn = PgConnection::connect(&admin).await.expect("connect");
        let allows: bool =
            sqlx::query_scalar("SELECT datallowconn FROM pg_database WHERE datname = $1")
                .bind(template)
                .fetch_one(&mut conn)
                .await
                .expect("the template exists");
        assert!(
            !allows,
            "{template} must refuse connections so it can be copied"
        );
        let _ = conn.close().await;
    }
}
