//! The co-production model's tables: practices (each organisation's versioned copy), current
//! statuses, the append-only history, and rounds with their frozen snapshots.

pub mod evidence;
pub mod measures;

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};
use cairn_domain::model::{AssessmentFields, Status};
use serde::Serialize;

/// A practice of an organisation's model.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Practice {
    pub id: i64,
    pub organisation_id: i64,
    pub code: String,
    pub level: i64,
    pub position: i64,
    pub title_en: String,
    pub title_cy: String,
    pub shows_en: String,
    pub shows_cy: String,
    pub built_in: bool,
    pub added_in_version: i64,
    pub retired_in_version: Option<i64>,
    pub updated_at: i64,
}

const PRACTICE_COLUMNS: &str = "id, organisation_id, code, level, position, title_en, title_cy, shows_en, shows_cy, built_in, added_in_version, retired_in_version, updated_at";

/// A new practice.
#[derive(Debug, Clone)]
pub struct NewPractice<'a> {
    pub code: &'a str,
    pub level: i64,
    pub position: i64,
    pub title_en: &'a str,
    pub title_cy: &'a str,
    pub shows_en: &'a str,
    pub shows_cy: &'a str,
    pub built_in: bool,
    pub version: i64,
}

/// How many practices (kept or retired) an organisation's model has.
pub async fn count_practices(c: &mut Conn<'_>, org: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM model_practices WHERE organisation_id = $1",
        org
    )
}

/// Holds the organisation's row until the transaction ends, so that two first uses of the
/// model at the same moment copy the template once: the second waits, then finds the copy.
pub async fn lock_organisation(c: &mut Conn<'_>, org: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE organisations SET updated_at = updated_at WHERE id = $1",
        org
    )?;
    Ok(())
}

/// Adds a practice.
pub async fn insert_practice(
    c: &mut Conn<'_>,
    org: i64,
    p: &NewPractice<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO model_practices (organisation_id, code, level, position, title_en, title_cy, shows_en, shows_cy, built_in, added_in_version, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        org,
        p.code,
        p.level,
        p.position,
        p.title_en,
        p.title_cy,
        p.shows_en,
        p.shows_cy,
        p.built_in,
        p.version,
        now
    )
}

/// Every practice of an organisation (retired ones too), by level and position.
pub async fn list_practices(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Practice>> {
    fetch_all!(
        c,
        Practice,
        &format!(
            "SELECT {PRACTICE_COLUMNS} FROM model_practices WHERE organisation_id = $1 ORDER BY level, position, code"
        ),
        org
    )
}

/// One practice by code.
pub async fn find_practice(c: &mut Conn<'_>, org: i64, code: &str) -> DbResult<Option<Practice>> {
    fetch_optional!(
        c,
        Practice,
        &format!(
            "SELECT {PRACTICE_COLUMNS} FROM model_practices WHERE organisation_id = $1 AND code = $2"
        ),
        org,
        code
    )
}

/// Rewords a practice.
pub async fn reword_practice(
    c: &mut Conn<'_>,
    id: i64,
    title_en: &str,
    title_cy: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE model_practices SET title_en = $2, title_cy = $3, updated_at = $4 WHERE id = $1",
        id,
        title_en,
        title_cy,
        now
    )?;
    Ok(())
}

/// Retires a practice (kept, never deleted); false if it was already retired.
pub async fn retire_practice(c: &mut Conn<'_>, id: i64, version: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE model_practices SET retired_in_version = $2, updated_at = $3 WHERE id = $1 AND retired_in_version IS NULL",
        id,
        version,
        now
    )?;
    Ok(n == 1)
}

/// The organisation's current model version (0 before the template is copied).
pub async fn current_version(c: &mut Conn<'_>, org: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COALESCE(MAX(version), 0) FROM model_changes WHERE organisation_id = $1",
        org
    )
}

/// A change to the model.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ModelChange {
    pub version: i64,
    pub practice_code: Option<String>,
    pub kind: String,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub at: i64,
    pub actor_label: String,
}

/// Records a change as the next version. The unique (organisation, version) key makes two
/// concurrent edits conflict rather than share a version.
#[expect(clippy::too_many_arguments, reason = "a change has this many facts")]
pub async fn insert_change(
    c: &mut Conn<'_>,
    org: i64,
    version: i64,
    code: Option<&str>,
    kind: &str,
    title_en: Option<&str>,
    title_cy: Option<&str>,
    at: i64,
    actor: &str,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO model_changes (organisation_id, version, practice_code, kind, title_en, title_cy, at, actor_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        org,
        version,
        code,
        kind,
        title_en,
        title_cy,
        at,
        actor
    )?;
    Ok(())
}

/// The model's changes, newest first.
pub async fn list_changes(c: &mut Conn<'_>, org: i64, limit: i64) -> DbResult<Vec<ModelChange>> {
    fetch_all!(
        c,
        ModelChange,
        "SELECT version, practice_code, kind, title_en, title_cy, at, actor_label FROM model_changes WHERE organisation_id = $1 ORDER BY version DESC LIMIT $2",
        org,
        limit
    )
}

/// Sets the level threshold and whether members see assessments.
pub async fn set_settings(
    c: &mut Conn<'_>,
    org: i64,
    threshold: i64,
    publish: bool,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE organisations SET model_threshold_percent = $2, publish_assessments = $3, updated_at = $4 WHERE id = $1",
        org,
        threshold,
        publish,
        now
    )?;
    Ok(())
}

/// A unit's current status on one practice.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Assessment {
    pub unit_id: i64,
    pub practice_id: i64,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub owner_person_id: Option<i64>,
    pub target_on: Option<String>,
    pub review_on: Option<String>,
    pub model_version: i64,
    pub updated_at: i64,
    pub updated_by_label: String,
}

const ASSESSMENT_COLUMNS: &str = "unit_id, practice_id, status, reason, evidence, owner_person_id, target_on, review_on, model_version, updated_at, updated_by_label";

/// A unit's recorded statuses (practices never touched have no row: "not started").
pub async fn for_unit(c: &mut Conn<'_>, org: i64, unit: i64) -> DbResult<Vec<Assessment>> {
    fetch_all!(
        c,
        Assessment,
        &format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE organisation_id = $1 AND unit_id = $2"
        ),
        org,
        unit
    )
}

/// Every recorded status in an organisation.
pub async fn for_organisation(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Assessment>> {
    fetch_all!(
        c,
        Assessment,
        &format!("SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE organisation_id = $1"),
        org
    )
}

/// Records a unit's status on a practice (insert or replace) and appends it to the history.
#[expect(
    clippy::too_many_arguments,
    reason = "a status change has this many facts"
)]
pub async fn set(
    c: &mut Conn<'_>,
    org: i64,
    unit: i64,
    practice: i64,
    f: &AssessmentFields,
    version: i64,
    now: i64,
    actor: &str,
) -> DbResult<()> {
    let target = f.target_on.map(|d| d.to_string());
    let review = f.review_on.map(|d| d.to_string());
    execute!(
        c,
        "INSERT INTO assessments (organisation_id, unit_id, practice_id, status, reason, evidence, owner_person_id, target_on, review_on, model_version, updated_at, updated_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (unit_id, practice_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, evidence = excluded.evidence, \
         owner_person_id = excluded.owner_person_id, target_on = excluded.target_on, review_on = excluded.review_on, model_version = excluded.model_version, \
         updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label",
        org,
        unit,
        practice,
        f.status.key(),
        f.reason.as_deref(),
        f.evidence.as_deref(),
        f.owner_person_id,
        target.as_deref(),
        review.as_deref(),
        version,
        now,
        actor
    )?;
    execute!(
        c,
        "INSERT INTO assessment_history (organisation_id, unit_id, practice_id, status, reason, evidence, owner_person_id, target_on, review_on, model_version, at, actor_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        org,
        unit,
        practice,
        f.status.key(),
        f.reason.as_deref(),
        f.evidence.as_deref(),
        f.owner_person_id,
        target.as_deref(),
        review.as_deref(),
        version,
        now,
        actor
    )?;
    Ok(())
}

/// One entry of a practice's history on a unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct HistoryEntry {
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub owner_person_id: Option<i64>,
    pub target_on: Option<String>,
    pub review_on: Option<String>,
    pub model_version: i64,
    pub at: i64,
    pub actor_label: String,
}

/// A practice's history on a unit, newest first.
pub async fn history(
    c: &mut Conn<'_>,
    unit: i64,
    practice: i64,
    limit: i64,
) -> DbResult<Vec<HistoryEntry>> {
    fetch_all!(
        c,
        HistoryEntry,
        "SELECT status, reason, evidence, owner_person_id, target_on, review_on, model_version, at, actor_label FROM assessment_history \
         WHERE unit_id = $1 AND practice_id = $2 ORDER BY at DESC, id DESC LIMIT $3",
        unit,
        practice,
        limit
    )
}

/// A baseline or assessment round.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Round {
    pub id: i64,
    pub organisation_id: i64,
    pub kind: String,
    pub name: String,
    /// The name in Welsh (None until written).
    pub name_cy: Option<String>,
    pub model_version: i64,
    pub opened_at: i64,
    pub opened_by_label: String,
    pub closed_at: Option<i64>,
    pub closed_by_label: Option<String>,
}

const ROUND_COLUMNS: &str = "id, organisation_id, kind, name, name_cy, model_version, opened_at, opened_by_label, closed_at, closed_by_label";

/// Opens a round (or a baseline, closed straight after by the caller).
pub async fn insert_round(
    c: &mut Conn<'_>,
    org: i64,
    kind: &str,
    name: (&str, Option<&str>),
    version: i64,
    now: i64,
    actor: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO assessment_rounds (organisation_id, kind, name, model_version, opened_at, opened_by_label, name_cy) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        org,
        kind,
        name.0,
        version,
        now,
        actor,
        name.1
    )
}

/// One round of an organisation.
pub async fn get_round(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Round>> {
    fetch_optional!(
        c,
        Round,
        &format!(
            "SELECT {ROUND_COLUMNS} FROM assessment_rounds WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// An organisation's rounds, newest first.
pub async fn list_rounds(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Round>> {
    fetch_all!(
        c,
        Round,
        &format!(
            "SELECT {ROUND_COLUMNS} FROM assessment_rounds WHERE organisation_id = $1 ORDER BY opened_at DESC, id DESC"
        ),
        org
    )
}

/// Closes a round and freezes every unit's statuses into its snapshot; false when it was
/// already closed (so a closed round can never change).
pub async fn close_round(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
    now: i64,
    actor: &str,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE assessment_rounds SET closed_at = $3, closed_by_label = $4 WHERE organisation_id = $1 AND id = $2 AND closed_at IS NULL",
        org,
        id,
        now,
        actor
    )?;
    if n != 1 {
        return Ok(false);
    }
    execute!(
        c,
        "INSERT INTO round_snapshots (round_id, unit_id, practice_id, level, status) \
         SELECT $1, u.id, p.id, p.level, COALESCE(a.status, 'not_started') FROM units u \
         JOIN model_practices p ON p.organisation_id = u.organisation_id AND p.retired_in_version IS NULL \
         LEFT JOIN assessments a ON a.unit_id = u.id AND a.practice_id = p.id \
         WHERE u.organisation_id = $2",
        id,
        org
    )?;
    // Each unit's counts per level in this round, once: the snapshot never changes again, and a
    // unit's progress over time reads these rows instead of 32 snapshot rows a round.
    let sums = snapshot_sums();
    execute!(
        c,
        &format!(
            "INSERT INTO unit_round_levels (unit_id, round_id, {LEVEL_COLUMNS}) \
             SELECT s.unit_id, s.round_id, {sums} FROM round_snapshots s WHERE s.round_id = $1 \
             GROUP BY s.unit_id, s.round_id"
        ),
        id
    )?;
    Ok(true)
}

/// Two snapshots' statuses for one unit in one read: (round id, practice id, status).
pub async fn snapshots_for_unit(
    c: &mut Conn<'_>,
    unit: i64,
    round_a: i64,
    round_b: i64,
) -> DbResult<Vec<(i64, i64, String)>> {
    fetch_all!(
        c,
        (i64, i64, String),
        "SELECT round_id, practice_id, status FROM round_snapshots \
         WHERE unit_id = $1 AND round_id IN ($2, $3)",
        unit,
        round_a,
        round_b
    )
}

/// Counts per closed round, unit, level and status, for charts and changes over time.
pub async fn snapshot_counts(
    c: &mut Conn<'_>,
    org: i64,
) -> DbResult<Vec<(i64, i64, i64, String, i64)>> {
    fetch_all!(
        c,
        (i64, i64, i64, String, i64),
        "SELECT s.round_id, s.unit_id, s.level, s.status, COUNT(*) FROM round_snapshots s JOIN assessment_rounds r ON r.id = s.round_id \
         WHERE r.organisation_id = $1 AND r.closed_at IS NOT NULL GROUP BY s.round_id, s.unit_id, s.level, s.status",
        org
    )
}

/// One round's snapshot counts for a unit, per level (see [`LevelCounts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RoundLevelCounts {
    pub round_id: i64,
    #[sqlx(flatten)]
    pub counts: LevelCounts,
}

/// A unit's counts per level in every round it has a snapshot in (its progress over time), oldest
/// round first: one row a round, written when the round closed (migration 0037).
pub async fn unit_round_level_counts(
    c: &mut Conn<'_>,
    unit: i64,
) -> DbResult<Vec<RoundLevelCounts>> {
    fetch_all!(
        c,
        RoundLevelCounts,
        &format!(
            "SELECT round_id, unit_id, {LEVEL_COLUMNS} FROM unit_round_levels WHERE unit_id = $1 \
             ORDER BY round_id"
        ),
        unit
    )
}

/// The snapshot counts [`unit_round_level_counts`] reads, counted again from every snapshot
/// row: only the tests that check the kept counts call it.
pub async fn unit_round_level_counts_rescanned(
    c: &mut Conn<'_>,
    unit: i64,
) -> DbResult<Vec<RoundLevelCounts>> {
    let sums = snapshot_sums();
    fetch_all!(
        c,
        RoundLevelCounts,
        &format!(
            "SELECT s.round_id, s.unit_id, {sums} FROM round_snapshots s WHERE s.unit_id = $1 \
             GROUP BY s.unit_id, s.round_id ORDER BY s.round_id"
        ),
        unit
    )
}

/// Counts per unit, level and status in one round's snapshot.
pub async fn snapshot_counts_for_round(
    c: &mut Conn<'_>,
    round: i64,
) -> DbResult<Vec<(i64, i64, String, i64)>> {
    fetch_all!(
        c,
        (i64, i64, String, i64),
        "SELECT unit_id, level, status, COUNT(*) FROM round_snapshots WHERE round_id = $1 GROUP BY unit_id, level, status",
        round
    )
}

/// Per unit and level: how many practices are in place, do not apply, and are amber
/// (planned or in progress), and how many were counted. Counted in SQL so the service-wide
/// view reads one row per unit rather than one per practice.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct LevelCounts {
    pub unit_id: i64,
    pub i1: i64,
    pub n1: i64,
    pub a1: i64,
    pub t1: i64,
    pub i2: i64,
    pub n2: i64,
    pub a2: i64,
    pub t2: i64,
    pub i3: i64,
    pub n3: i64,
    pub a3: i64,
    pub t3: i64,
}

impl LevelCounts {
    /// (in place, not applicable, amber, counted) for a level.
    pub fn level(&self, level: i64) -> (i64, i64, i64, i64) {
        match level {
            1 => (self.i1, self.n1, self.a1, self.t1),
            2 => (self.i2, self.n2, self.a2, self.t2),
            _ => (self.i3, self.n3, self.a3, self.t3),
        }
    }
}

/// The columns of [`LevelCounts`] after `unit_id`, in [`LEVEL_SUMS`]' order.
const LEVEL_COLUMNS: &str = "i1, n1, a1, t1, i2, n2, a2, t2, i3, n3, a3, t3";

const LEVEL_SUMS: &str = "\
    COALESCE(SUM(CASE WHEN LVL = 1 AND ST = 'in_place' THEN 1 ELSE 0 END), 0) AS i1, \
    COALESCE(SUM(CASE WHEN LVL = 1 AND ST = 'not_applicable' THEN 1 ELSE 0 END), 0) AS n1, \
    COALESCE(SUM(CASE WHEN LVL = 1 AND ST IN ('planned', 'in_progress') THEN 1 ELSE 0 END), 0) AS a1, \
    COALESCE(SUM(CASE WHEN LVL = 1 THEN 1 ELSE 0 END), 0) AS t1, \
    COALESCE(SUM(CASE WHEN LVL = 2 AND ST = 'in_place' THEN 1 ELSE 0 END), 0) AS i2, \
    COALESCE(SUM(CASE WHEN LVL = 2 AND ST = 'not_applicable' THEN 1 ELSE 0 END), 0) AS n2, \
    COALESCE(SUM(CASE WHEN LVL = 2 AND ST IN ('planned', 'in_progress') THEN 1 ELSE 0 END), 0) AS a2, \
    COALESCE(SUM(CASE WHEN LVL = 2 THEN 1 ELSE 0 END), 0) AS t2, \
    COALESCE(SUM(CASE WHEN LVL = 3 AND ST = 'in_place' THEN 1 ELSE 0 END), 0) AS i3, \
    COALESCE(SUM(CASE WHEN LVL = 3 AND ST = 'not_applicable' THEN 1 ELSE 0 END), 0) AS n3, \
    COALESCE(SUM(CASE WHEN LVL = 3 AND ST IN ('planned', 'in_progress') THEN 1 ELSE 0 END), 0) AS a3, \
    COALESCE(SUM(CASE WHEN LVL = 3 THEN 1 ELSE 0 END), 0) AS t3";

/// [`LEVEL_SUMS`] over the snapshot rows of `round_snapshots s`.
fn snapshot_sums() -> String {
    LEVEL_SUMS
        .replace("LVL", "s.level")
        .replace("ST", "s.status")
}

/// Current counts per unit over live practices (practices with no status are not counted).
pub async fn current_level_counts(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<LevelCounts>> {
    let sums = LEVEL_SUMS
        .replace("LVL", "p.level")
        .replace("ST", "a.status");
    fetch_all!(
        c,
        LevelCounts,
        &format!(
            "SELECT a.unit_id, {sums} FROM assessments a JOIN model_practices p ON p.id = a.practice_id \
             WHERE a.organisation_id = $1 AND p.retired_in_version IS NULL GROUP BY a.unit_id"
        ),
        org
    )
}

/// Counts per unit in one closed round's snapshot (every practice of the round is counted), by
/// unit: one row a unit, written when the round closed (migration 0037; a round has a snapshot
/// only once it has closed).
pub async fn round_level_counts(c: &mut Conn<'_>, round: i64) -> DbResult<Vec<LevelCounts>> {
    fetch_all!(
        c,
        LevelCounts,
        &format!(
            "SELECT unit_id, {LEVEL_COLUMNS} FROM unit_round_levels WHERE round_id = $1 \
             ORDER BY unit_id"
        ),
        round
    )
}

/// The counts [`round_level_counts`] reads, counted again from the round's snapshot rows: only
/// the tests that check the kept counts call it.
pub async fn round_level_counts_rescanned(
    c: &mut Conn<'_>,
    round: i64,
) -> DbResult<Vec<LevelCounts>> {
    let sums = snapshot_sums();
    fetch_all!(
        c,
        LevelCounts,
        &format!(
            "SELECT s.unit_id, {sums} FROM round_snapshots s WHERE s.round_id = $1 \
             GROUP BY s.unit_id ORDER BY s.unit_id"
        ),
        round
    )
}

/// Statuses that are overdue (target before `today`, not in place or not applicable) or due
/// for review by `horizon` (ISO dates compare as text).
pub async fn due(
    c: &mut Conn<'_>,
    org: i64,
    today: &str,
    horizon: &str,
) -> DbResult<Vec<Assessment>> {
    fetch_all!(
        c,
        Assessment,
        &format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE organisation_id = $1 AND \
             ((target_on IS NOT NULL AND target_on < $2 AND status NOT IN ('in_place', 'not_applicable')) OR (review_on IS NOT NULL AND review_on <= $3))"
        ),
        org,
        today,
        horizon
    )
}

/// Every unit's status of every practice in the organisation that has one: (unit, code,
/// status), for the cross-walk's counts.
pub async fn statuses_by_code(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(i64, String, String)>> {
    crate::fetch_all!(
        c,
        (i64, String, String),
        "SELECT a.unit_id, p.code, a.status FROM assessments a JOIN model_practices p ON p.id = a.practice_id \
         WHERE a.organisation_id = $1 AND p.retired_in_version IS NULL",
        org
    )
}
