//! Reports: the raw monthly facts behind the catalogue's measures, the organisation's targets
//! and baselines, and board packs with their frozen versions. Each fact query takes the
//! organisation, a unit (`None`: the whole service) and a period, and returns the narrow rows
//! the app layer groups into local months.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};

pub mod rollups;

/// `<column> = $2` for one unit, or a clause that keeps every row for the service; the unit
/// is always bound as `$2` (0 for the service) so each query has one shape per scope.
fn unit_clause(column: &str, unit: Option<i64>) -> String {
    match unit {
        Some(_) => format!("{column} = $2"),
        None => "$2 = 0".to_owned(),
    }
}

/// Suggestions whose response clock started in `[from, to)` (UTC milliseconds): (clock start,
/// first response). A paper slip's clock starts on the day it was found, not when it was typed
/// in (`crate::feedback::CLOCK_START`).
pub async fn suggestion_times(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: i64,
    to: i64,
) -> DbResult<Vec<(i64, Option<i64>)>> {
    // The clock never starts after `received_at`, so `received_at >= $3` keeps every row the
    // period holds while letting the (organisation, received) index narrow the scan.
    let sql = format!(
        "SELECT {clock}, first_response_at FROM suggestions \
         WHERE organisation_id = $1 AND {} AND received_at >= $3 AND {clock} >= $3 AND {clock} < $4",
        unit_clause("unit_id", unit),
        clock = crate::feedback::CLOCK_START
    );
    fetch_all!(
        c,
        (i64, Option<i64>),
        &sql,
        org,
        unit.unwrap_or(0),
        from,
        to
    )
}

/// Meetings held (attendance recorded, not cancelled) per local month `from..=to`:
/// (month, held, representation met, with the issues item, carers attending, everyone attending),
/// read from the monthly roll-ups.
pub async fn meeting_months(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> DbResult<Vec<rollups::MeetingMonth>> {
    rollups::meeting_months(c, org, unit, from, to).await
}

/// Service users and carers who joined from `from` to `to` (ISO dates): (joined on, first
/// buddy pairing's start).
pub async fn newcomer_buddies(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> DbResult<Vec<(String, Option<String>)>> {
    let scope = match unit {
        Some(_) => {
            "EXISTS (SELECT 1 FROM person_units pu WHERE pu.person_id = p.id AND pu.unit_id = $2)"
        }
        None => "$2 = 0",
    };
    let sql = format!(
        "SELECT p.joined_on, (SELECT MIN(b.starts_on) FROM buddy_pairings b WHERE b.newcomer_id = p.id) \
         FROM people p WHERE p.organisation_id = $1 AND {scope} \
           AND p.constituency IN ('service_user', 'carer') AND p.joined_on >= $3 AND p.joined_on <= $4"
    );
    fetch_all!(
        c,
        (String, Option<String>),
        &sql,
        org,
        unit.unwrap_or(0),
        from,
        to
    )
}

/// Start times of co-delivered training sessions (a peer trainer and a professional trainer)
/// in `[from, to)`; for a unit, those its people attended.
pub async fn co_delivered_sessions(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: i64,
    to: i64,
) -> DbResult<Vec<i64>> {
    let scope = match unit {
        Some(_) => {
            "EXISTS (SELECT 1 FROM session_attendance a JOIN person_units pu ON pu.person_id = a.person_id \
                     WHERE a.session_id = s.id AND a.status = 'attended' AND pu.unit_id = $2)"
        }
        None => "$2 = 0",
    };
    let sql = format!(
        "SELECT s.starts_at FROM training_sessions s \
         WHERE s.organisation_id = $1 AND {scope} AND s.starts_at >= $3 AND s.starts_at < $4 \
           AND EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.part = 'peer_trainer') \
           AND EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.part = 'professional_trainer')"
    );
    let rows: Vec<(i64,)> = fetch_all!(c, (i64,), &sql, org, unit.unwrap_or(0), from, to)?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Claims paid in `[from, to)`: (submitted, paid), by the unit they were for.
pub async fn claims_paid(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: i64,
    to: i64,
) -> DbResult<Vec<(Option<i64>, i64)>> {
    let sql = format!(
        "SELECT submitted_at, paid_at FROM claims \
         WHERE organisation_id = $1 AND {} AND status = 'paid' AND paid_at >= $3 AND paid_at < $4",
        unit_clause("unit_id", unit)
    );
    fetch_all!(
        c,
        (Option<i64>, i64),
        &sql,
        org,
        unit.unwrap_or(0),
        from,
        to
    )
}

/// Answers to the Friends and Family Test question per month of the week they were given in:
/// (month, answers, "very good" or "good").
pub async fn satisfaction_months(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> DbResult<Vec<(String, i64, i64)>> {
    let sql = format!(
        "SELECT substr(x.week_of, 1, 7) AS month, COUNT(*), \
                SUM(CASE WHEN a.value IN ('very_good', 'good') THEN 1 ELSE 0 END) \
         FROM survey_answers a JOIN survey_responses x ON x.id = a.response_id \
         JOIN survey_rounds r ON r.id = x.round_id JOIN surveys s ON s.id = r.survey_id \
         WHERE x.organisation_id = $1 AND {} AND s.template = 'fft' AND a.question_key = 'fft_rating' \
           AND x.week_of >= $3 AND x.week_of <= $4 \
         GROUP BY substr(x.week_of, 1, 7) ORDER BY month",
        unit_clause("x.unit_id", unit)
    );
    fetch_all!(
        c,
        (String, i64, i64),
        &sql,
        org,
        unit.unwrap_or(0),
        from,
        to
    )
}

/// The organisation's targets: (measure key, target).
pub async fn targets(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(String, i64)>> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT measure_key, target FROM measure_targets WHERE organisation_id = $1 ORDER BY measure_key",
        org
    )
}

/// Sets (or, with `None`, removes) the organisation's target for a measure.
pub async fn set_target(
    c: &mut Conn<'_>,
    org: i64,
    key: &str,
    target: Option<i64>,
    by: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM measure_targets WHERE organisation_id = $1 AND measure_key = $2",
        org,
        key
    )?;
    if let Some(t) = target {
        execute!(
            c,
            "INSERT INTO measure_targets (organisation_id, measure_key, target, updated_by_label, updated_at) \
             VALUES ($1, $2, $3, $4, $5)",
            org,
            key,
            t,
            by,
            now
        )?;
    }
    Ok(())
}

/// A baseline (or re-basing) as recorded.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Baseline {
    pub id: i64,
    pub from_month: String,
    pub to_month: String,
    pub reason: String,
    pub created_by_label: String,
    pub created_at: i64,
}

/// Every baseline recorded for a measure on a unit (or the service), oldest first.
pub async fn baselines(
    c: &mut Conn<'_>,
    org: i64,
    key: &str,
    unit: Option<i64>,
) -> DbResult<Vec<Baseline>> {
    let scope = match unit {
        Some(_) => "unit_id = $3",
        None => "unit_id IS NULL AND $3 = 0",
    };
    let sql = format!(
        "SELECT id, from_month, to_month, reason, created_by_label, created_at FROM measure_baselines \
         WHERE organisation_id = $1 AND measure_key = $2 AND {scope} ORDER BY id"
    );
    fetch_all!(c, Baseline, &sql, org, key, unit.unwrap_or(0))
}

/// Records a baseline for a measure on a unit (or the service).
#[expect(clippy::too_many_arguments, reason = "a baseline has this many facts")]
pub async fn insert_baseline(
    c: &mut Conn<'_>,
    org: i64,
    key: &str,
    unit: Option<i64>,
    from: &str,
    to: &str,
    reason: &str,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO measure_baselines (organisation_id, measure_key, unit_id, from_month, to_month, reason, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        org,
        key,
        unit,
        from,
        to,
        reason,
        by,
        now
    )
}

/// A board pack as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Pack {
    pub id: i64,
    pub organisation_id: i64,
    pub title: String,
    pub committee: String,
    #[serde(skip)]
    pub fields_json: String,
    pub signed_off_at: Option<i64>,
    pub signed_off_by_label: Option<String>,
    pub created_by_label: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const PACK_COLUMNS: &str = "id, organisation_id, title, committee, fields_json, signed_off_at, \
     signed_off_by_label, created_by_label, created_at, updated_at";

/// Stores a new draft pack.
pub async fn insert_pack(
    c: &mut Conn<'_>,
    org: i64,
    title: &str,
    committee: &str,
    fields_json: &str,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO board_packs (organisation_id, title, committee, fields_json, created_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        org,
        title,
        committee,
        fields_json,
        by,
        now
    )
}

/// Changes a draft pack's fields; false when the pack is signed off (or not the organisation's).
pub async fn update_pack(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
    title: &str,
    committee: &str,
    fields_json: &str,
    now: i64,
) -> DbResult<bool> {
    Ok(execute!(
        c,
        "UPDATE board_packs SET title = $3, committee = $4, fields_json = $5, updated_at = $6 \
         WHERE organisation_id = $1 AND id = $2 AND signed_off_at IS NULL",
        org,
        id,
        title,
        committee,
        fields_json,
        now
    )? == 1)
}

/// One of the organisation's packs.
pub async fn get_pack(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Pack>> {
    let sql =
        format!("SELECT {PACK_COLUMNS} FROM board_packs WHERE organisation_id = $1 AND id = $2");
    fetch_optional!(c, Pack, &sql, org, id)
}

/// The organisation's packs, newest first.
pub async fn list_packs(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Pack>> {
    let sql = format!(
        "SELECT {PACK_COLUMNS} FROM board_packs WHERE organisation_id = $1 ORDER BY id DESC LIMIT 200"
    );
    fetch_all!(c, Pack, &sql, org)
}

/// Signs a draft pack off and stores its frozen snapshot as version 1, in one step: false
/// when it was already signed off (the conditional UPDATE lets only one of two racing
/// sign-offs through).
pub async fn sign_off(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
    snapshot_json: &str,
    by: &str,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE board_packs SET signed_off_at = $3, signed_off_by_label = $4, updated_at = $3 \
         WHERE organisation_id = $1 AND id = $2 AND signed_off_at IS NULL",
        org,
        id,
        now,
        by
    )?;
    if n != 1 {
        return Ok(false);
    }
    execute!(
        c,
        "INSERT INTO board_pack_versions (pack_id, version, snapshot_json, signed_off_at, signed_off_by_label) \
         VALUES ($1, 1, $2, $3, $4)",
        id,
        snapshot_json,
        now,
        by
    )?;
    Ok(true)
}

/// A signed-off pack's frozen snapshot.
pub async fn snapshot(c: &mut Conn<'_>, pack: i64) -> DbResult<Option<String>> {
    let row: Option<(String,)> = fetch_optional!(
        c,
        (String,),
        "SELECT snapshot_json FROM board_pack_versions WHERE pack_id = $1 ORDER BY version DESC LIMIT 1",
        pack
    )?;
    Ok(row.map(|(s,)| s))
}

/// "You said, we did": published suggestions closed in `[from, to)` with a public response,
/// newest first: (unit, what was said, what was done, closed at).
/// A closed, published suggestion's public wording and response, in English and Welsh.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HighlightRow {
    pub unit_id: Option<i64>,
    pub public_text: Option<String>,
    pub public_text_cy: Option<String>,
    pub public_response: Option<String>,
    pub public_response_cy: Option<String>,
    pub closed_at: i64,
}

pub async fn highlights(
    c: &mut Conn<'_>,
    org: i64,
    from: i64,
    to: i64,
    limit: i64,
) -> DbResult<Vec<HighlightRow>> {
    fetch_all!(
        c,
        HighlightRow,
        "SELECT unit_id, public_text, public_text_cy, public_response, public_response_cy, closed_at FROM suggestions \
         WHERE organisation_id = $1 AND visibility = 'published' AND closed_at >= $2 AND closed_at < $3 \
           AND (COALESCE(public_text, '') <> '' OR COALESCE(public_text_cy, '') <> '') \
           AND (COALESCE(public_response, '') <> '' OR COALESCE(public_response_cy, '') <> '') \
         ORDER BY closed_at DESC, id DESC LIMIT $4",
        org,
        from,
        to,
        limit
    )
}
