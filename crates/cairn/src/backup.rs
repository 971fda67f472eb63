//! `cairn backup` and `cairn restore` for SQLite, and the lock that keeps a restore away from a
//! running server.
//!
//! A backup is `VACUUM INTO` a new file (a consistent copy while Cairn runs), then checked as a
//! restore would check it — `PRAGMA integrity_check`, the same tables as the source, the record
//! of migrations — and deleted if it fails, so a file that says "backup" can be trusted.
//!
//! A restore replaces the database file, so nothing may have it open. Every command that opens a
//! SQLite database (the server above all) holds a shared `flock` on `<db>.lock` for as long as
//! it runs; `restore` takes the same lock exclusively and refuses when it cannot. We use a lock
//! file rather than SQLite's own locks because in WAL mode those show only a writer at work,
//! not an idle server that still has the file open — and a server with the file open while it
//! is replaced keeps writing to the old one. The kernel drops the lock when a process exits,
//! however it exits, so a crash never leaves a stale lock; the file itself stays, empty.
//!
//! PostgreSQL has its own tools; for it both commands print the `pg_dump` / `pg_restore`
//! commands to use and exit non-zero.

use anyhow::{Context, Result, bail};
use cairn_db::sqlx::sqlite::SqliteConnectOptions;
use cairn_db::sqlx::{self, Connection, SqliteConnection};
use cairn_db::{ConnectOptions, Db, Engine};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What a database URL points at.
enum Target {
    Sqlite(PathBuf),
    Postgres,
}

fn target(url: &str) -> Result<Target> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return Ok(Target::Postgres);
    }
    if !url.starts_with("sqlite:") {
        bail!("unsupported database URL (use sqlite://… or postgres://…)");
    }
    if url.contains(":memory:") || url.contains("mode=memory") {
        bail!("an in-memory database has no file to back up or restore");
    }
    let opts = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("cannot read the database URL {url}"))?;
    Ok(Target::Sqlite(opts.get_filename().to_path_buf()))
}

/// `path` with `suffix` added to its file name (`cairn.db` → `cairn.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A lock on a SQLite database's `<db>.lock` file, held until dropped (or the process ends).
pub struct DbLock {
    _file: Option<File>,
}

impl DbLock {
    /// The lock every command that uses the database holds: many may share it, but not while a
    /// restore holds it. PostgreSQL and in-memory databases need none.
    pub fn shared(url: &str) -> Result<DbLock> {
        let path = match target(url) {
            Ok(Target::Sqlite(p)) => p,
            // Not a file: nothing for a restore to replace. Bad URLs are reported on opening.
            _ => return Ok(DbLock { _file: None }),
        };
        let file = open_lock_file(&path)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DbLock { _file: Some(file) }),
            Err(fs::TryLockError::WouldBlock) => bail!(
                "a restore is replacing {}; try again when it has finished",
                path.display()
            ),
            Err(fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", lock_path(&path).display()))
            }
        }
    }

    /// The restore's lock: only when nothing else has the database open.
    fn exclusive(path: &Path) -> Result<DbLock> {
        let file = open_lock_file(path)?;
        match file.try_lock() {
            Ok(()) => Ok(DbLock { _file: Some(file) }),
            Err(fs::TryLockError::WouldBlock) => bail!(
                "Cairn is running on {} (or another cairn command is using it): stop it, then restore",
                path.display()
            ),
            Err(fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", lock_path(path).display()))
            }
        }
    }
}

fn lock_path(db: &Path) -> PathBuf {
    with_suffix(db, ".lock")
}

fn open_lock_file(db: &Path) -> Result<File> {
    let path = lock_path(db);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))
}

/// What a check of a database file found.
struct Inspection {
    tables: Vec<String>,
    migrations: Vec<i64>,
}

/// Opens a SQLite file read-only and checks it is whole and is a Cairn database: integrity,
/// its tables, and migrations that all completed.
async fn inspect(path: &Path) -> Result<Inspection> {
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    let mut c = SqliteConnection::connect_with(&opts)
        .await
        .with_context(|| format!("cannot open {}", path.display()))?;
    let found = inspect_open(&mut c).await;
    let _ = c.close().await;
    found.with_context(|| format!("{} failed its check", path.display()))
}

async fn inspect_open(c: &mut SqliteConnection) -> Result<Inspection> {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *c)
        .await
        .context("it is not a readable SQLite database")?;
    if integrity != ["ok"] {
        bail!("it is damaged: {}", integrity.join("; "));
    }
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut *c)
            .await?;
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        bail!("it is not a Cairn database: it has no record of migrations");
    }
    let migrations: Vec<(i64, bool)> =
        sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *c)
            .await?;
    if let Some((v, _)) = migrations.iter().find(|(_, ok)| !ok) {
        bail!("migration {v} had failed in it");
    }
    if migrations.is_empty() {
        bail!("it is not a Cairn database: no migration was ever applied to it");
    }
    Ok(Inspection {
        tables,
        migrations: migrations.into_iter().map(|(v, _)| v).collect(),
    })
}

/// `cairn backup FILE`.
pub async fn backup(url: &str, file: &str) -> Result<()> {
    let source = match target(url)? {
        Target::Postgres => bail!(
            "This is a PostgreSQL database. Back it up with PostgreSQL's own tool, for example:\n  pg_dump --format=custom --file={file} \"{}\"",
            crate::redact(url)
        ),
        Target::Sqlite(p) => p,
    };
    // Checked before anything is opened: opening would create an empty database to copy.
    if !source.is_file() {
        bail!(
            "there is no database at {}; nothing to back up",
            source.display()
        );
    }
    let out = Path::new(file);
    // VACUUM INTO writes only into a new or empty file; creating it here first makes it ours,
    // so on failure we delete only what we made.
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => {
                anyhow::anyhow!("{file} already exists; choose a new file name")
            }
            _ => anyhow::Error::new(e).context(format!("cannot create {file}")),
        })?;
    match copy_and_check(url, &source, out).await {
        Ok(tables) => {
            println!("Backed up to {file} (checked: integrity ok, {tables} tables)");
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(out);
            Err(e.context(format!("no backup was made ({file} was removed)")))
        }
    }
}

async fn copy_and_check(url: &str, source: &Path, out: &Path) -> Result<usize> {
    let _lock = DbLock::shared(url)?;
    // A backup copies the database as it is: no migration first, and never a new empty file.
    let db = Db::connect_existing(url, &ConnectOptions { max_connections: 1 })
        .await
        .with_context(|| format!("cannot open the database at {}", source.display()))?;
    let copied = copy_with_tables(&db, out).await;
    db.close().await;
    let source_tables = copied?;
    let made = inspect(out).await?;
    if made.tables != source_tables {
        bail!(
            "the copy's tables differ from the database's: copy [{}], database [{}]",
            made.tables.join(", "),
            source_tables.join(", ")
        );
    }
    Ok(made.tables.len())
}

async fn copy_with_tables(db: &Db, out: &Path) -> Result<Vec<String>> {
    let Db::Sqlite(pool) = db else {
        bail!("not a SQLite database");
    };
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(pool)
            .await?;
    let path = out
        .to_str()
        .context("the backup file's name is not valid text")?;
    db.backup_sqlite(path)
        .await
        .context("cannot copy the database")?;
    Ok(tables)
}

/// `cairn restore FILE`.
pub async fn restore(url: &str, file: &str) -> Result<()> {
    let db = match target(url)? {
        Target::Postgres => bail!(
            "This is a PostgreSQL database. Restore it with PostgreSQL's own tool while Cairn is stopped, for example:\n  pg_restore --clean --if-exists --no-owner --dbname=\"{}\" {file}\nthen start Cairn, which applies any newer migrations.",
            crate::redact(url)
        ),
        Target::Sqlite(p) => p,
    };
    let backup = Path::new(file);
    if !backup.is_file() {
        bail!("there is no file at {file}");
    }
    // A copy taken while SQLite was writing may have its latest changes in a -wal file beside
    // it; copying the main file alone would lose them.
    if fs::metadata(with_suffix(backup, "-wal")).is_ok_and(|m| m.len() > 0) {
        bail!(
            "{file} has a -wal file beside it, so it is not a finished copy; make backups with `cairn backup`"
        );
    }
    // Checked before the live database is touched.
    let found = inspect(backup)
        .await
        .with_context(|| format!("{file} cannot be restored; the database was not changed"))?;
    let known = Db::migration_versions(Engine::Sqlite);
    if let Some(v) = found.migrations.iter().find(|v| !known.contains(v)) {
        bail!(
            "{file} was made by a newer Cairn (its migration {v} is unknown to this one); restore it with that version. The database was not changed."
        );
    }
    let _lock = DbLock::exclusive(&db)?;
    let tmp = with_suffix(&db, ".restoring");
    write_synced(backup, &tmp)
        .with_context(|| format!("cannot copy {file} to {}", tmp.display()))?;
    let kept = match set_aside(&db) {
        Ok(k) => k,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e.context("the database was not changed"));
        }
    };
    // SQLite would apply a -wal or hot -journal left from the old database to the new file and
    // find it "malformed"; set_aside has moved them away, this clears any that remain.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = with_suffix(&db, suffix);
        match fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", side.display())),
        }
    }
    fs::rename(&tmp, &db).with_context(|| format!("cannot move the copy to {}", db.display()))?;
    sync_dir(&db)?;
    let opts = SqliteConnectOptions::new()
        .filename(&db)
        .create_if_missing(false);
    let mut c = SqliteConnection::connect_with(&opts).await?;
    let after = inspect_open(&mut c).await;
    let _ = c.close().await;
    let kept_note = kept
        .as_ref()
        .map(|k| {
            format!(
                " The database as it was is kept at {}; delete it when you no longer need it.",
                k.display()
            )
        })
        .unwrap_or_default();
    if let Err(e) = after {
        bail!(
            "the restored database at {} failed its check: {e:#}.{kept_note}",
            db.display()
        );
    }
    println!(
        "Restored {file} to {} (checked: integrity ok, {} tables). Start Cairn to use it.{kept_note}",
        db.display(),
        found.tables.len()
    );
    Ok(())
}

/// Copies `from` to `to` and flushes it to disk, so the rename that follows never exposes a
/// partly written file.
fn write_synced(from: &Path, to: &Path) -> io::Result<()> {
    let mut src = File::open(from)?;
    let mut dst = File::create(to)?;
    io::copy(&mut src, &mut dst)?;
    dst.sync_all()
}

/// Keeps the database being replaced (with its -wal or -journal) under a new name, so a restore
/// of the wrong file can be undone. A hard link costs no space until the rename; where links
/// are not possible, a copy.
fn set_aside(db: &Path) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut aside = with_suffix(db, &format!(".before-restore-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(db, &format!(".before-restore-{stamp}-{n}"));
    }
    if fs::hard_link(db, &aside).is_err() {
        write_synced(db, &aside)
            .with_context(|| format!("cannot keep a copy at {}", aside.display()))?;
    }
    for suffix in ["-wal", "-journal"] {
        let side = with_suffix(db, suffix);
        if side.exists() {
            fs::rename(&side, with_suffix(&aside, suffix))
                .with_context(|| format!("cannot move {} aside", side.display()))?;
        }
    }
    Ok(Some(aside))
}

/// Makes the rename itself durable.
fn sync_dir(db: &Path) -> Result<()> {
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot flush {}", dir.display()))
}
