//! The playbook's storage: the figures behind each signal for one unit (each the ids of what
//! it counts, so the evidence can be listed), thresholds, raised challenges with their
//! history, actions, and an organisation's own challenges. See `cairn_domain::playbook`.

use crate::{
    Arg, Conn, DbResult, execute, fetch_all, fetch_all_dynamic, fetch_optional, fetch_scalar,
};

// ---------------------------------------------------------------------------------------------
// Signals: what each counts on one unit
// ---------------------------------------------------------------------------------------------

/// People whose first attended meeting on the unit started between `from` and `to` (UTC
/// milliseconds) and who have attended none of the unit's meetings since.
pub async fn first_timers_not_back(
    c: &mut Conn<'_>,
    unit: i64,
    from: i64,
    to: i64,
) -> DbResult<Vec<i64>> {
    Ok(fetch_all!(
        c,
        (i64,),
        // Only the window's meetings are read; each person found is checked for any other
        // attended meeting on the unit through their own attendance (indexed by person).
        "SELECT DISTINCT mp.person_id FROM meetings m JOIN meeting_people mp ON mp.meeting_id = m.id \
         JOIN people p ON p.id = mp.person_id \
         WHERE m.unit_id = $1 AND m.starts_at >= $2 AND m.starts_at < $3 AND mp.presence = 'attended' \
         AND p.constituency IN ('service_user', 'carer') \
         AND NOT EXISTS (SELECT 1 FROM meeting_people o JOIN meetings om ON om.id = o.meeting_id \
           WHERE o.person_id = mp.person_id AND o.meeting_id <> mp.meeting_id AND o.presence = 'attended' \
           AND om.unit_id = $1) \
         ORDER BY mp.person_id",
        unit,
        from,
        to
    )?
    .into_iter().map(|(x,)| x).collect())
}

/// The unit's link person, when there is one who is still active or paused.
pub async fn link_person(c: &mut Conn<'_>, unit: i64) -> DbResult<Option<i64>> {
    Ok(fetch_optional!(
        c,
        (i64,),
        "SELECT p.id FROM units u JOIN people p ON p.id = u.link_person_id \
         WHERE u.id = $1 AND p.status IN ('active', 'paused')",
        unit
    )?
    .map(|(x,)| x))
}

/// Meetings on the unit cancelled since `since` (UTC milliseconds).
pub async fn meetings_cancelled(c: &mut Conn<'_>, unit: i64, since: i64) -> DbResult<Vec<i64>> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT id FROM meetings WHERE unit_id = $1 AND cancelled_at IS NOT NULL AND cancelled_at >= $2 ORDER BY id",
        unit,
        since
    )?
    .into_iter().map(|(x,)| x).collect())
}

/// Open actions from the unit's meetings due before `today` (ISO date).
pub async fn overdue_actions(c: &mut Conn<'_>, unit: i64, today: &str) -> DbResult<Vec<i64>> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT a.meeting_id FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.unit_id = $1 AND a.status = 'open' AND a.due_on < $2 ORDER BY a.due_on, a.id",
        unit,
        today
    )?
    .into_iter()
    .map(|(x,)| x)
    .collect())
}

/// Suggestions on the unit whose response clock started before `before` (UTC milliseconds)
/// with no first response and not closed (a paper slip's clock starts on the day it was found).
pub async fn suggestions_unanswered(
    c: &mut Conn<'_>,
    unit: i64,
    before: i64,
) -> DbResult<Vec<i64>> {
    let (sql, args) = suggestions_unanswered_query(unit, before);
    Ok(fetch_all_dynamic::<(i64,)>(c, &sql, args)
        .await?
        .into_iter()
        .map(|(x,)| x)
        .collect())
}

/// The SQL and arguments of [`suggestions_unanswered`], for planning it in tests. Its terms and
/// order follow the index `suggestions_unit_unanswered` (migration 0036), so it reads only the
/// suggestions it returns.
pub fn suggestions_unanswered_query(unit: i64, before: i64) -> (String, Vec<Arg>) {
    (
        format!(
            "SELECT id FROM suggestions WHERE unit_id = $1 AND first_response_at IS NULL AND closed_at IS NULL \
             AND {clock} < $2 ORDER BY {clock}, id",
            clock = crate::feedback::CLOCK_START
        ),
        vec![Arg::I64(unit), Arg::I64(before)],
    )
}

/// When the unit's self-assessment last changed (UTC milliseconds), if ever.
pub async fn assessment_changed_at(c: &mut Conn<'_>, unit: i64) -> DbResult<Option<i64>> {
    fetch_scalar!(
        c,
        Option<i64>,
        "SELECT MAX(updated_at) FROM assessments WHERE unit_id = $1",
        unit
    )
}

/// When the unit was created (UTC milliseconds).
pub async fn unit_created_at(c: &mut Conn<'_>, unit: i64) -> DbResult<i64> {
    fetch_scalar!(c, i64, "SELECT created_at FROM units WHERE id = $1", unit)
}

/// Carers' attendances and all named attendances at the unit's meetings held between `from`
/// and `to` (UTC milliseconds).
pub async fn carer_attendance(
    c: &mut Conn<'_>,
    unit: i64,
    from: i64,
    to: i64,
) -> DbResult<(i64, i64)> {
    let (carers, named): (Option<i64>, Option<i64>) = crate::fetch_one!(
        c,
        (Option<i64>, Option<i64>),
        "SELECT CAST(SUM(n_carer) AS BIGINT), \
           CAST(SUM(n_service_user + n_carer + n_staff + n_third_sector + n_manager) AS BIGINT) \
         FROM meetings WHERE unit_id = $1 AND attended_at IS NOT NULL AND cancelled_at IS NULL \
         AND starts_at >= $2 AND starts_at < $3",
        unit,
        from,
        to
    )?;
    Ok((carers.unwrap_or(0), named.unwrap_or(0)))
}

/// The unit's active service users and carers: (carers, both).
pub async fn active_members(c: &mut Conn<'_>, unit: i64) -> DbResult<(i64, i64)> {
    let (carers, all): (Option<i64>, i64) = crate::fetch_one!(
        c,
        (Option<i64>, i64),
        "SELECT CAST(SUM(CASE WHEN p.constituency = 'carer' THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) \
         FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.status = 'active' AND p.constituency IN ('service_user', 'carer')",
        unit
    )?;
    Ok((carers.unwrap_or(0), all))
}

/// The unit's service users and carers taking part on `day` (ISO date): joined by then, and
/// not left or moved on by then (paused people count, as they come back): (carers, both).
pub async fn members_on(c: &mut Conn<'_>, unit: i64, day: &str) -> DbResult<(i64, i64)> {
    let (carers, all): (Option<i64>, i64) = crate::fetch_one!(
        c,
        (Option<i64>, i64),
        "SELECT CAST(SUM(CASE WHEN p.constituency = 'carer' THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) \
         FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') \
         AND (p.joined_on IS NULL OR p.joined_on <= $2) \
         AND NOT (p.status IN ('left', 'moved_on') AND COALESCE(p.status_since, '') <= $2)",
        unit,
        day
    )?;
    Ok((carers.unwrap_or(0), all))
}

/// Claims for the unit submitted before `before` (UTC milliseconds) and still waiting for
/// approval.
pub async fn claims_waiting(c: &mut Conn<'_>, unit: i64, before: i64) -> DbResult<Vec<i64>> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT id FROM claims WHERE unit_id = $1 AND status = 'submitted' AND submitted_at < $2 \
         ORDER BY submitted_at, id",
        unit,
        before
    )?
    .into_iter()
    .map(|(x,)| x)
    .collect())
}

/// The unit's people with a limit of their own on fees: (person, period, limit pence).
pub async fn people_with_limits(c: &mut Conn<'_>, unit: i64) -> DbResult<Vec<(i64, String, i64)>> {
    fetch_all!(
        c,
        (i64, String, i64),
        "SELECT p.id, pp.limit_period, pp.limit_pence FROM person_units pu JOIN people p ON p.id = pu.person_id \
         JOIN payment_profiles pp ON pp.person_id = p.id \
         WHERE pu.unit_id = $1 AND p.status = 'active' AND pp.limit_period IS NOT NULL AND pp.limit_pence IS NOT NULL \
         ORDER BY p.id",
        unit
    )
}

/// Fees counted against a person's limit for activities between `from` and `to` (ISO dates,
/// inclusive): paid, authorised and waiting.
pub async fn fees_between(c: &mut Conn<'_>, person: i64, from: &str, to: &str) -> DbResult<i64> {
    let n: Option<i64> = fetch_scalar!(
        c,
        Option<i64>,
        "SELECT CAST(SUM(income_pence) AS BIGINT) FROM claims WHERE person_id = $1 \
         AND activity_on >= $2 AND activity_on <= $3 AND status NOT IN ('draft', 'rejected')",
        person,
        from,
        to
    )?;
    Ok(n.unwrap_or(0))
}

/// Service users and carers of the unit who left or moved on from `from` (ISO date).
pub async fn members_leaving(c: &mut Conn<'_>, unit: i64, from: &str) -> DbResult<Vec<i64>> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT p.id FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') \
         AND p.status IN ('left', 'moved_on') AND p.status_since >= $2 ORDER BY p.id",
        unit,
        from
    )?
    .into_iter()
    .map(|(x,)| x)
    .collect())
}

/// The reasons given in exit feedback by these people since `from` (ISO date), each row one
/// exit's comma-separated reason keys.
pub async fn exit_reasons(c: &mut Conn<'_>, people: &[i64], from: &str) -> DbResult<Vec<String>> {
    let mut out = Vec::new();
    for p in people {
        out.extend(
            fetch_all!(
                c,
                (String,),
                "SELECT reasons FROM exits WHERE person_id = $1 AND left_on >= $2",
                *p,
                from
            )?
            .into_iter()
            .map(|(r,)| r),
        );
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

/// An organisation's own thresholds: (signal key, threshold).
pub async fn thresholds(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(String, i64)>> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT signal, threshold FROM playbook_thresholds WHERE organisation_id = $1",
        org
    )
}

/// Sets an organisation's threshold for a signal.
pub async fn set_threshold(
    c: &mut Conn<'_>,
    org: i64,
    signal: &str,
    threshold: i64,
    by: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO playbook_thresholds (organisation_id, signal, threshold, updated_by_label, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, signal) DO UPDATE \
         SET threshold = excluded.threshold, updated_by_label = excluded.updated_by_label, updated_at = excluded.updated_at",
        org,
        signal,
        threshold,
        by,
        now
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Raised challenges
// ---------------------------------------------------------------------------------------------

/// A challenge raised on a unit, open or cleared.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, PartialEq, Eq)]
pub struct Raised {
    pub id: i64,
    pub unit_id: i64,
    pub challenge: String,
    /// `key=value,…` of the signals that fired when it was raised or last evaluated.
    pub signals: String,
    pub raised_at: i64,
    pub cleared_at: Option<i64>,
}

impl Raised {
    /// The signals that fired, with their figures. The text is written only by
    /// `cairn_app::playbook` as `key=value,…`; a pair that does not read that way is left out.
    pub fn fired(&self) -> Vec<(&str, i64)> {
        self.signals
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .filter_map(|(k, v)| v.parse::<i64>().ok().map(|v| (k, v)))
            .collect()
    }
}

const RAISED: &str = "id, unit_id, challenge, signals, raised_at, cleared_at";

/// The unit's open challenges.
pub async fn open_on_unit(c: &mut Conn<'_>, unit: i64) -> DbResult<Vec<Raised>> {
    let sql = format!(
        "SELECT {RAISED} FROM playbook_raised WHERE unit_id = $1 AND cleared_at IS NULL ORDER BY id"
    );
    fetch_all!(c, Raised, &sql, unit)
}

/// Every open challenge in the organisation, oldest first.
pub async fn open_in_organisation(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Raised>> {
    let sql = format!(
        "SELECT {RAISED} FROM playbook_raised WHERE organisation_id = $1 AND cleared_at IS NULL ORDER BY raised_at, id"
    );
    fetch_all!(c, Raised, &sql, org)
}

/// The unit's history: every challenge raised, newest first (at most `limit`).
pub async fn history(c: &mut Conn<'_>, unit: i64, limit: i64) -> DbResult<Vec<Raised>> {
    let sql = format!(
        "SELECT {RAISED} FROM playbook_raised WHERE unit_id = $1 ORDER BY raised_at DESC, id DESC LIMIT $2"
    );
    fetch_all!(c, Raised, &sql, unit, limit)
}

/// Raises a challenge on a unit unless it is already open (another instance may have raised
/// it a moment before: the open-row index makes the second insert a no-op).
pub async fn raise(
    c: &mut Conn<'_>,
    org: i64,
    unit: i64,
    challenge: &str,
    signals: &str,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO playbook_raised (organisation_id, unit_id, challenge, signals, raised_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        org,
        unit,
        challenge,
        signals,
        now
    )?;
    Ok(())
}

/// Records the figures that keep an open challenge raised.
pub async fn update_signals(c: &mut Conn<'_>, id: i64, signals: &str) -> DbResult<()> {
    execute!(
        c,
        "UPDATE playbook_raised SET signals = $1 WHERE id = $2 AND cleared_at IS NULL",
        signals,
        id
    )?;
    Ok(())
}

/// Clears an open challenge: its signals have stopped.
pub async fn clear(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE playbook_raised SET cleared_at = $1 WHERE id = $2 AND cleared_at IS NULL",
        now,
        id
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/// An action taken on for a challenge on a unit.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, PartialEq, Eq)]
pub struct Action {
    pub id: i64,
    pub unit_id: i64,
    pub challenge: String,
    pub raised_id: Option<i64>,
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: String,
    pub created_by_label: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub closed_note: Option<String>,
    pub closed_by_label: Option<String>,
}

const ACTION: &str = "id, unit_id, challenge, raised_id, text, owner_person_id, due_on, created_by_label, created_at, \
     closed_at, closed_note, closed_by_label";

/// A new action.
pub struct NewAction<'a> {
    pub unit: i64,
    pub challenge: &'a str,
    pub raised_id: Option<i64>,
    pub text: &'a str,
    pub owner_person_id: Option<i64>,
    pub due_on: &'a str,
}

pub async fn insert_action(
    c: &mut Conn<'_>,
    org: i64,
    a: &NewAction<'_>,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO playbook_actions (organisation_id, unit_id, challenge, raised_id, text, owner_person_id, due_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        org,
        a.unit,
        a.challenge,
        a.raised_id,
        a.text,
        a.owner_person_id,
        a.due_on,
        by,
        now
    )
}

/// An action of the organisation.
pub async fn get_action(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Action>> {
    let sql =
        format!("SELECT {ACTION} FROM playbook_actions WHERE organisation_id = $1 AND id = $2");
    fetch_optional!(c, Action, &sql, org, id)
}

/// The unit's actions, open first, then the newest closed (at most `limit`).
pub async fn unit_actions(c: &mut Conn<'_>, unit: i64, limit: i64) -> DbResult<Vec<Action>> {
    let sql = format!(
        "SELECT {ACTION} FROM playbook_actions WHERE unit_id = $1 \
         ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, due_on, id DESC LIMIT $2"
    );
    fetch_all!(c, Action, &sql, unit, limit)
}

/// Closes an open action with a note; false when it was already closed.
pub async fn close_action(
    c: &mut Conn<'_>,
    id: i64,
    note: &str,
    by: &str,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE playbook_actions SET closed_at = $1, closed_note = $2, closed_by_label = $3 \
         WHERE id = $4 AND closed_at IS NULL",
        now,
        note,
        by,
        id
    )?;
    Ok(n == 1)
}

/// Actions a person owns, for their own export.
pub async fn actions_owned_by(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<Action>> {
    let sql =
        format!("SELECT {ACTION} FROM playbook_actions WHERE owner_person_id = $1 ORDER BY id");
    fetch_all!(c, Action, &sql, person)
}

// ---------------------------------------------------------------------------------------------
// An organisation's own challenges
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, PartialEq, Eq)]
pub struct OwnChallenge {
    pub id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub advice_en: String,
    pub advice_cy: String,
    pub created_by_label: String,
    pub created_at: i64,
}

pub async fn own_challenges(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<OwnChallenge>> {
    fetch_all!(
        c,
        OwnChallenge,
        "SELECT id, title_en, title_cy, advice_en, advice_cy, created_by_label, created_at \
         FROM playbook_challenges WHERE organisation_id = $1 ORDER BY id",
        org
    )
}

pub async fn insert_own_challenge(
    c: &mut Conn<'_>,
    org: i64,
    d: &cairn_domain::playbook::OwnChallengeDraft,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO playbook_challenges (organisation_id, title_en, title_cy, advice_en, advice_cy, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        org,
        d.title_en.as_str(),
        d.title_cy.as_str(),
        d.advice_en.as_str(),
        d.advice_cy.as_str(),
        by,
        now
    )
}
