//! Test support. Every data-layer and use-case test runs on both engines through
//! [`both_engines`]: a fresh SQLite file and a fresh PostgreSQL database (created on the server
//! at `CAIRN_TEST_PG`, default `postgres://postgres@127.0.0.1:5432/postgres`, and dropped
//! afterwards). When PostgreSQL cannot be reached the test fails — there is no silent skip.
//! A developer without PostgreSQL may set `CAIRN_ALLOW_NO_PG=1` to run the SQLite half only;
//! the test then prints that it did so.
//!
//! [`SmtpSink`] is a small SMTP server on a free local port that keeps every message it is
//! sent, so tests can assert what Cairn e-mailed.

use cairn_db::{ConnectOptions, Db};
use rand::Rng;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// The PostgreSQL server tests use.
pub fn pg_admin_url() -> String {
    std::env::var("CAIRN_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn unique(prefix: &str) -> String {
    let n: u64 = rand::rng().random();
    format!("{prefix}_{}_{n:x}", std::process::id())
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
                            if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                )))
                                .execute(&pool)
                                .await;
                                pool.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

/// A fresh, migrated SQLite database in its own temporary folder.
pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(unique("cairn_test"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let db = Db::connect(&url, &ConnectOptions::default())
        .await
        .expect("open sqlite");
    db.migrate().await.expect("migrate sqlite");
    TestDb {
        db,
        url,
        cleanup: Cleanup::File(dir),
    }
}

/// A fresh, migrated PostgreSQL database, or `None` when PostgreSQL cannot be reached and the
/// developer allowed that with `CAIRN_ALLOW_NO_PG=1`. Otherwise an unreachable server panics.
pub async fn postgres() -> Option<TestDb> {
    let admin = pg_admin_url();
    let pool = match sqlx::PgPool::connect(&admin).await {
        Ok(p) => p,
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
    let name = unique("cairn_test");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .expect("create test database");
    pool.close().await;
    let url = match admin.rsplit_once('/') {
        Some((base, tail)) => {
            let query = tail
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            format!("{base}/{name}{query}")
        }
        None => format!("{admin}/{name}"),
    };
    let db = Db::connect(
        &url,
        &ConnectOptions {
            max_connections: 10,
        },
    )
    .await
    .expect("open postgres");
    db.migrate().await.expect("migrate postgres");
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
