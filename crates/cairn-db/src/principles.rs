//! Guiding principles: versions and acknowledgements.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};

/// One version as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, PartialEq, Eq)]
pub struct Version {
    pub id: i64,
    pub version: i64,
    pub text_en: String,
    pub text_cy: String,
    pub easy_en: String,
    pub easy_cy: String,
    pub change_note: String,
    pub material: bool,
    pub published_on: String,
    pub created_by_label: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, version, text_en, text_cy, easy_en, easy_cy, change_note, material, \
     published_on, created_by_label, created_at";

/// Every version, newest first.
pub async fn versions(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Version>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM principles_versions WHERE organisation_id = $1 ORDER BY version DESC"
    );
    fetch_all!(c, Version, &sql, org)
}

/// The current version, if any.
pub async fn current(c: &mut Conn<'_>, org: i64) -> DbResult<Option<Version>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM principles_versions WHERE organisation_id = $1 ORDER BY version DESC LIMIT 1"
    );
    fetch_optional!(c, Version, &sql, org)
}

/// A new version numbered one after the newest (the first is 1). Returns its id.
pub async fn insert(
    c: &mut Conn<'_>,
    org: i64,
    f: &cairn_domain::principles::PrinciplesFields,
    published_on: &str,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO principles_versions (organisation_id, version, text_en, text_cy, easy_en, easy_cy, change_note, material, published_on, created_by_label, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM principles_versions WHERE organisation_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        org,
        &f.text_en,
        &f.text_cy,
        &f.easy_en,
        &f.easy_cy,
        &f.change,
        f.material,
        published_on,
        by,
        now
    )
}

/// Version numbers the person has acknowledged, with when.
pub async fn acknowledged(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<(i64, i64)>> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT v.version, a.acknowledged_at FROM principles_acknowledgements a \
         JOIN principles_versions v ON v.id = a.version_id WHERE a.person_id = $1 ORDER BY v.version",
        person
    )
}

/// Records that the person acknowledged a version; false when they already had.
pub async fn acknowledge(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    version_id: i64,
    now: i64,
) -> DbResult<bool> {
    Ok(execute!(
        c,
        "INSERT INTO principles_acknowledgements (organisation_id, person_id, version_id, acknowledged_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (person_id, version_id) DO NOTHING",
        org,
        person,
        version_id,
        now
    )? == 1)
}

/// For each version and constituency: people active in the organisation now who have
/// acknowledged that version, and how many active people there are of that constituency:
/// (version, constituency, acknowledged, active).
pub async fn by_constituency(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(i64, String, i64, i64)>> {
    fetch_all!(
        c,
        (i64, String, i64, i64),
        "SELECT v.version, p.constituency, \
                SUM(CASE WHEN EXISTS (SELECT 1 FROM principles_acknowledgements a \
                                      WHERE a.person_id = p.id AND a.version_id = v.id) THEN 1 ELSE 0 END), \
                COUNT(*) \
         FROM principles_versions v JOIN people p ON p.organisation_id = v.organisation_id \
         WHERE v.organisation_id = $1 AND p.status = 'active' \
         GROUP BY v.version, p.constituency ORDER BY v.version DESC, p.constituency",
        org
    )
}

/// What a person's export holds: each version they acknowledged and when.
pub async fn of_person(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<(i64, i64)>> {
    acknowledged(c, person).await
}
