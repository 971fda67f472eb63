//! Deployment-wide key/value settings (for example the hashed one-time set-up code). Kept in
//! the database, not in memory, so several instances agree.

use crate::{Conn, DbResult, execute, fetch_optional};

/// Reads a setting.
pub async fn get(c: &mut Conn<'_>, key: &str) -> DbResult<Option<String>> {
    let v: Option<(String,)> = fetch_optional!(
        c,
        (String,),
        "SELECT value FROM settings WHERE key = $1",
        key
    )?;
    Ok(v.map(|x| x.0))
}

/// Writes a setting, replacing any earlier value.
pub async fn put(c: &mut Conn<'_>, key: &str, value: &str) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        key,
        value
    )?;
    Ok(())
}

/// Writes a setting only when it has no value yet. True when this call wrote it (of several
/// callers at once, exactly one does: the others meet the key and do nothing).
pub async fn insert_absent(c: &mut Conn<'_>, key: &str, value: &str) -> DbResult<bool> {
    let n = execute!(
        c,
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        key,
        value
    )?;
    Ok(n == 1)
}

/// Replaces a setting only while it still holds `old`. True when this call replaced it.
pub async fn replace_if(c: &mut Conn<'_>, key: &str, old: &str, value: &str) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE settings SET value = $3 WHERE key = $1 AND value = $2",
        key,
        old,
        value
    )?;
    Ok(n == 1)
}

/// Removes a setting.
pub async fn delete(c: &mut Conn<'_>, key: &str) -> DbResult<()> {
    execute!(c, "DELETE FROM settings WHERE key = $1", key)?;
    Ok(())
}
