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

/// Removes a setting.
pub async fn delete(c: &mut Conn<'_>, key: &str) -> DbResult<()> {
    execute!(c, "DELETE FROM settings WHERE key = $1", key)?;
    Ok(())
}
