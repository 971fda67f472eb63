//! A member's claim while they make it, page by page: one row a person holding what they have
//! typed so far (JSON the use case writes and reads), until they send it or start again.

use crate::{Conn, DbResult, execute, fetch_optional};

/// A kept draft: what was typed (JSON) and when it was last saved (UTC ms).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ClaimDraftRow {
    pub person_id: i64,
    pub organisation_id: i64,
    pub data: String,
    pub updated_at: i64,
}

/// The person's draft, if they have one.
pub async fn get(c: &mut Conn<'_>, person: i64) -> DbResult<Option<ClaimDraftRow>> {
    fetch_optional!(
        c,
        ClaimDraftRow,
        "SELECT person_id, organisation_id, data, updated_at FROM claim_drafts WHERE person_id = $1",
        person
    )
}

/// Keeps the person's draft, replacing the one before.
pub async fn put(c: &mut Conn<'_>, org: i64, person: i64, data: &str, now: i64) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO claim_drafts (person_id, organisation_id, data, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id) DO UPDATE SET organisation_id = excluded.organisation_id, \
         data = excluded.data, updated_at = excluded.updated_at",
        person,
        org,
        data,
        now
    )?;
    Ok(())
}

/// Removes the person's draft (sent, started again, or erased).
pub async fn delete(c: &mut Conn<'_>, person: i64) -> DbResult<()> {
    execute!(c, "DELETE FROM claim_drafts WHERE person_id = $1", person)?;
    Ok(())
}
