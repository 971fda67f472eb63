//! Backups and restores: honest failures, checked copies, a restore that refuses a running
//! server or a damaged file, and the PostgreSQL steps from the README.

use crate::support::{
    Server, TempDir, add_admin, block_on, cairn, cairn_ok, emails, sqlite_texts, text,
};
use cairn_db::sqlx::{self, Connection, SqliteConnection, sqlite::SqliteConnectOptions};
use std::path::Path;
use std::time::Duration;

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Every file in the folder with its bytes, to show that nothing changed.
fn snapshot(dir: &TempDir) -> Vec<(String, Vec<u8>)> {
    dir.files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.path(&f)).expect("read");
            (f, bytes)
        })
        .collect()
}

fn integrity(db: &Path) -> Result<Vec<String>, String> {
    sqlite_texts(db, "PRAGMA integrity_check")
}

#[test]
fn backup_of_a_missing_database_fails_and_creates_nothing() {
    let dir = TempDir::new();
    let out = dir.path("copy.db");
    let o = cairn(&[
        "backup",
        "--database-url",
        &dir.url("missing.db"),
        path_str(&out),
    ]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("no database"), "{}", text(&o));
    assert_eq!(dir.files(), Vec::<String>::new());
}

#[test]
fn backup_then_restore_brings_back_the_backups_data() {
    let dir = TempDir::new();
    let url = dir.url("cairn.db");
    let db = dir.path("cairn.db");
    add_admin(&url, "Before", "before@example.org");
    let copy = dir.path("copy.db");
    let said = cairn_ok(&["backup", "--database-url", &url, path_str(&copy)]);
    assert!(said.contains("integrity ok"), "{said}");
    // The copy is a whole Cairn database on its own.
    assert_eq!(integrity(&copy), Ok(vec!["ok".to_owned()]));
    assert_eq!(emails(&copy), ["before@example.org"]);
    // A second backup to the same name is refused, and the first copy is kept.
    let again = cairn(&["backup", "--database-url", &url, path_str(&copy)]);
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    assert_eq!(emails(&copy), ["before@example.org"]);

    add_admin(&url, "After", "after@example.org");
    assert_eq!(emails(&db), ["after@example.org", "before@example.org"]);

    let said = cairn_ok(&["restore", "--database-url", &url, path_str(&copy)]);
    assert!(said.contains("Restored"), "{said}");
    assert_eq!(emails(&db), ["before@example.org"]);
    assert_eq!(integrity(&db), Ok(vec!["ok".to_owned()]));
    // The database as it was is kept beside it.
    let kept = dir
        .files()
        .into_iter()
        .find(|f| f.starts_with("cairn.db.before-restore-"))
        .expect("the replaced database is kept");
    assert_eq!(
        emails(&dir.path(&kept)),
        ["after@example.org", "before@example.org"]
    );
    assert!(!dir.files().iter().any(|f| f.ends_with(".restoring")));
    // Cairn starts on the restored database.
    cairn_ok(&["migrate", "--database-url", &url]);
}

#[test]
fn restore_refuses_while_the_server_runs() {
    let dir = TempDir::new();
    let url = dir.url("cairn.db");
    let db = dir.path("cairn.db");
    add_admin(&url, "Before", "before@example.org");
    let mut server = Server::start(&url, &[]);
    // A backup is fine while the server runs.
    let copy = dir.path("copy.db");
    cairn_ok(&["backup", "--database-url", &url, path_str(&copy)]);
    add_admin(&url, "After", "after@example.org");

    let o = cairn(&["restore", "--database-url", &url, path_str(&copy)]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("running"), "{}", text(&o));
    assert_eq!(emails(&db), ["after@example.org", "before@example.org"]);

    server.signal("TERM");
    assert_eq!(server.wait_exit(Duration::from_secs(15)).code(), Some(0));
    cairn_ok(&["restore", "--database-url", &url, path_str(&copy)]);
    assert_eq!(emails(&db), ["before@example.org"]);
}

/// Folds the -wal a command left (it exits without closing its pool) into the database file.
fn fold_wal(db: &Path) {
    block_on(async {
        let opts = SqliteConnectOptions::new()
            .filename(db)
            .create_if_missing(false);
        let mut c = SqliteConnection::connect_with(&opts).await.expect("open");
        sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut c)
            .await
            .expect("checkpoint");
        c.close().await.expect("close");
    });
}

/// Writes to `db` with automatic checkpoints off and returns the -wal file's bytes as they
/// were before the connection closed (closing folds the -wal in and deletes it).
fn write_leaving_wal(db: &Path) -> Vec<u8> {
    block_on(async {
        let opts = SqliteConnectOptions::new()
            .filename(db)
            .create_if_missing(false);
        let mut c = SqliteConnection::connect_with(&opts).await.expect("open");
        for sql in [
            "PRAGMA journal_mode = WAL",
            "PRAGMA wal_autocheckpoint = 0",
            "CREATE TABLE scratch (n INTEGER PRIMARY KEY, filler TEXT)",
            "UPDATE users SET email = 'changed-' || email",
        ] {
            sqlx::raw_sql(sql).execute(&mut c).await.expect(sql);
        }
        for n in 0..200 {
            sqlx::query("INSERT INTO scratch (n, filler) VALUES ($1, $2)")
                .bind(n)
                .bind("x".repeat(500))
                .execute(&mut c)
                .await
                .expect("insert");
        }
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let bytes = std::fs::read(&wal).expect("a -wal while the connection is open");
        c.close().await.expect("close");
        bytes
    })
}

#[test]
fn restore_over_a_database_with_a_leftover_wal_gives_a_healthy_database() {
    let dir = TempDir::new();
    let url = dir.url("cairn.db");
    let db = dir.path("cairn.db");
    add_admin(&url, "Before", "before@example.org");
    let copy = dir.path("copy.db");
    cairn_ok(&["backup", "--database-url", &url, path_str(&copy)]);
    add_admin(&url, "After", "after@example.org");
    let wal = write_leaving_wal(&db);
    assert!(wal.len() > 32 * 1024, "the -wal holds frames");

    // What goes wrong without the restore's care: the copy put in place by hand beside the old
    // -wal is read through it.
    let naive = dir.path("naive.db");
    std::fs::copy(&copy, &naive).expect("copy");
    std::fs::write(dir.path("naive.db-wal"), &wal).expect("wal");
    match integrity(&naive) {
        Ok(r) => assert_ne!(r, ["ok"], "the leftover -wal should spoil a copied file"),
        Err(e) => assert!(e.contains("malformed"), "{e}"),
    }

    // The old database's -wal is left beside it, as after a crash.
    std::fs::write(dir.path("cairn.db-wal"), &wal).expect("wal");
    cairn_ok(&["restore", "--database-url", &url, path_str(&copy)]);
    assert_eq!(integrity(&db), Ok(vec!["ok".to_owned()]));
    assert_eq!(emails(&db), ["before@example.org"]);
    let tables =
        sqlite_texts(&db, "SELECT name FROM sqlite_master WHERE name = 'scratch'").expect("tables");
    assert!(tables.is_empty());
    cairn_ok(&["migrate", "--database-url", &url]);
    assert_eq!(integrity(&db), Ok(vec!["ok".to_owned()]));
}

#[test]
fn a_damaged_backup_is_refused_and_the_database_is_untouched() {
    let dir = TempDir::new();
    let url = dir.url("cairn.db");
    add_admin(&url, "Before", "before@example.org");
    let copy = dir.path("copy.db");
    cairn_ok(&["backup", "--database-url", &url, path_str(&copy)]);
    add_admin(&url, "After", "after@example.org");

    // Damage the copy's pages after the first.
    let mut bytes = std::fs::read(&copy).expect("read");
    assert!(bytes.len() > 64 * 1024);
    for b in &mut bytes[8 * 1024..40 * 1024] {
        *b = 0x5a;
    }
    std::fs::write(&copy, &bytes).expect("write");
    // And a file that is no database at all.
    let notes = dir.path("notes.txt");
    std::fs::write(&notes, "not a database").expect("write");

    let before = snapshot(&dir);
    for bad in [&copy, &notes] {
        let o = cairn(&["restore", "--database-url", &url, path_str(bad)]);
        assert!(!o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("cannot be restored"), "{}", text(&o));
    }
    assert_eq!(snapshot(&dir), before, "a refused restore changed files");
    assert_eq!(
        emails(&dir.path("cairn.db")),
        ["after@example.org", "before@example.org"]
    );
}

#[test]
fn backup_of_a_damaged_database_fails_and_leaves_no_file() {
    let dir = TempDir::new();
    let url = dir.url("cairn.db");
    let db = dir.path("cairn.db");
    add_admin(&url, "Before", "before@example.org");
    fold_wal(&db);
    let mut bytes = std::fs::read(&db).expect("read");
    assert!(bytes.len() > 64 * 1024);
    for b in &mut bytes[8 * 1024..40 * 1024] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).expect("write");
    let copy = dir.path("copy.db");
    let o = cairn(&["backup", "--database-url", &url, path_str(&copy)]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!copy.exists(), "a failed backup left {}", copy.display());
}

/// The PostgreSQL steps in the README's "Backups and restores": pg_dump, more writes, a
/// stopped deployment, pg_restore, start. With CI=true, missing tools fail the test.
#[test]
fn postgres_backup_and_restore_with_pg_dump_and_pg_restore() {
    let have = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !have("pg_dump") || !have("pg_restore") {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "pg_dump and pg_restore are needed (Debian's postgresql-client) and CI=true"
        );
        eprintln!(
            "WARNING: pg_dump or pg_restore is not on PATH; the PostgreSQL steps were not tried"
        );
        return;
    }
    let Some(pg) = block_on(cairn_testkit::postgres()) else {
        return;
    };
    let url = pg.url.clone();
    block_on(pg.db.close());
    add_admin(&url, "Before", "before@example.org");
    let dir = TempDir::new();
    let dump = dir.path("cairn.dump");

    // `cairn backup` and `cairn restore` name the PostgreSQL tools and do nothing.
    let o = cairn(&["backup", "--database-url", &url, path_str(&dump)]);
    assert!(!o.status.success());
    assert!(text(&o).contains("pg_dump --format=custom"), "{}", text(&o));
    assert!(!dump.exists());
    let o = cairn(&["restore", "--database-url", &url, path_str(&dump)]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("pg_restore --clean --if-exists --no-owner"),
        "{}",
        text(&o)
    );

    let run = |cmd: &str, args: &[&str]| {
        let o = std::process::Command::new(cmd)
            .args(args)
            .output()
            .expect(cmd);
        assert!(o.status.success(), "{cmd} {args:?}: {}", text(&o));
    };
    let file_arg = format!("--file={}", path_str(&dump));
    run("pg_dump", &["--format=custom", &file_arg, &url]);
    add_admin(&url, "After", "after@example.org");
    let dbname = format!("--dbname={url}");
    run(
        "pg_restore",
        &[
            "--clean",
            "--if-exists",
            "--no-owner",
            &dbname,
            path_str(&dump),
        ],
    );
    // Start: migrations are already in place, and the data is the dump's.
    cairn_ok(&["migrate", "--database-url", &url]);
    let emails: Vec<String> = block_on(async {
        let pool = sqlx::PgPool::connect(&url).await.expect("connect");
        let rows = sqlx::query_scalar("SELECT email FROM users ORDER BY email")
            .fetch_all(&pool)
            .await
            .expect("users");
        pool.close().await;
        rows
    });
    assert_eq!(emails, ["before@example.org"]);
    drop(pg);
}
