//! Counts behind a unit's live measures: the people and roles practices (L1.08, L1.09, L1.10,
//! L2.01, L2.06, L2.07, L2.08, L3.01, L3.02, L3.04, L3.08, L3.10) and the feedback, meetings,
//! surveys and training ones (L1.01 to L1.05, L1.13, L2.02 to L2.05, L3.05, L3.06, L3.09). A unit's
//! assessment page shows all of them, so they are read in a few queries per page, not one or
//! two per practice: one row of counts, one row per newcomer, one row per recruitment panel
//! seat. Each count is its own subquery so that each reads its own index range. What the
//! numbers mean is decided in `cairn_app::model::measures`. Dates are ISO text, so ranges
//! compare as strings; instants are UTC milliseconds.
//!
//! The page should cost the same as a unit's history and membership grow, so no count reads
//! every suggestion or every member of the unit. The suggestion counts come from
//! `unit_suggestion_tallies`, and the members' status, constituency and whether they have
//! interests from each membership's copy of them; triggers keep both (migration 0035). Counts
//! over a recent window (steps, topics, newcomers) start from the organisation's index range for
//! that window and then check membership, so they read the window's rows, not the unit's.

use crate::{Arg, Conn, DbError, DbResult, fetch_all};

/// The counts for one unit on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct UnitCounts {
    /// Arrivals on the unit since the window's start, and those offered a welcome meeting.
    pub arrivals: i64,
    pub arrivals_offered: i64,
    /// Open opportunities the unit's people can see: the unit's own and the whole service's.
    pub open_opportunities: i64,
    /// Active service users and carers on the unit who have written down their interests.
    pub with_interests: i64,
    /// The organisation's roles, and those with a published description.
    pub roles: i64,
    pub published_roles: i64,
    /// Practising and shadowing steps since the window's start for people on the unit.
    pub practice_steps: i64,
    /// Appointments held today to the coordinator role, for the unit or the whole service.
    pub coordinators: i64,
    /// Service users and carers on the unit holding a leadership role today.
    pub leaders: i64,
    /// People on the unit who have moved on and still take part today (a role, or buddying).
    pub moved_on_active: i64,
    /// Suggestions received on the unit since the month's start, from every channel.
    pub suggestions_month: i64,
    /// The unit's closed suggestions, and those closed with a public response.
    pub closed: i64,
    pub answered: i64,
    /// The unit's developments needing a forum decision, and those with one recorded.
    pub needing_forum: i64,
    pub forum_decided: i64,
    /// Community meetings held on the unit since the month's start.
    pub community_meetings: i64,
    /// Team-building events held on the unit since the quarter's start.
    pub team_building: i64,
    /// Meetings held on the unit since the quarter's start; of them, those with the
    /// service-user and carer item and those meeting their representation rule.
    pub meetings_held: i64,
    pub with_issues_item: i64,
    pub representation_met: i64,
    /// Training topics from the unit's service users and carers since the year's start.
    pub training_topics: i64,
    /// Satisfaction (Friends and Family Test) rounds that ran on the unit in the quarter, and
    /// the responses to them from the unit.
    pub satisfaction_rounds: i64,
    pub satisfaction_responses: i64,
    /// People of the unit who attended a session of a course evidencing L1.13, and L2.02.
    pub levels_awareness: i64,
    pub speaking_out: i64,
    /// Sessions in the quarter that someone of the unit attended and that were joint (those
    /// who attended came from two constituencies or more), and that were co-delivered (a peer
    /// trainer and a professional trainer).
    pub joint_sessions: i64,
    pub co_delivered_sessions: i64,
}

/// Where and over which windows a unit's counts are taken.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    pub organisation: i64,
    pub unit: i64,
    /// The organisation's local date (ISO).
    pub today: &'a str,
    /// The start of the ninety-day window for arrivals and practising (ISO date).
    pub ninety_days: &'a str,
    /// The start of the quarter for satisfaction surveys (ISO date, 91 days back).
    pub quarter_from: &'a str,
    /// The starts of the month, quarter and year windows, and now (UTC milliseconds).
    pub month_ms: i64,
    pub quarter_ms: i64,
    pub year_ms: i64,
    pub now_ms: i64,
}

/// The counts for a unit over `w`'s windows.
pub async fn unit_counts(c: &mut Conn<'_>, w: &Window<'_>) -> DbResult<UnitCounts> {
    let (sql, args) = unit_counts_query(w);
    let rows: Vec<UnitCounts> = crate::fetch_all_dynamic(c, sql, args).await?;
    // Aggregates without grouping always give one row; none is answered as a missing row was
    // before, never as zero counts.
    rows.into_iter()
        .next()
        .ok_or_else(|| DbError::from(sqlx::Error::RowNotFound))
}

/// [`unit_counts`]'s statement with its arguments (also for tests that read its plan).
pub fn unit_counts_query(w: &Window<'_>) -> (&'static str, Vec<Arg>) {
    (
        UNIT_COUNTS_SQL,
        vec![
            Arg::I64(w.organisation),
            Arg::I64(w.unit),
            Arg::Text(w.today.to_owned()),
            Arg::Text(w.ninety_days.to_owned()),
            Arg::I64(w.month_ms),
            Arg::I64(w.quarter_ms),
            Arg::I64(w.year_ms),
            Arg::Text(w.quarter_from.to_owned()),
            Arg::I64(w.now_ms),
        ],
    )
}

/// Every count in one row: `$1` organisation, `$2` unit, `$3` today, `$4` ninety days back,
/// `$5` month, `$6` quarter and `$7` year starts (milliseconds), `$8` the quarter's first
/// date, `$9` now (milliseconds). The satisfaction answers are counted from the unit's index
/// (unit, week, round) with the round checked against the Friends and Family rounds, so the
/// quarter's answers are never read from the table (migration 0045).
const UNIT_COUNTS_SQL: &str = "SELECT \
           (SELECT COUNT(*) FROM arrivals WHERE unit_id = $2 AND arrived_on >= $4) AS arrivals, \
           (SELECT COUNT(*) FROM arrivals WHERE unit_id = $2 AND arrived_on >= $4 AND offered_on IS NOT NULL) AS arrivals_offered, \
           (SELECT COUNT(*) FROM opportunities WHERE organisation_id = $1 AND (unit_id = $2 OR unit_id IS NULL) \
              AND withdrawn_at IS NULL AND opened_on <= $3 AND closes_on >= $3) AS open_opportunities, \
           (SELECT COUNT(*) FROM person_units pu WHERE pu.unit_id = $2 AND pu.person_status = 'active' \
              AND pu.person_constituency IN ('service_user', 'carer') AND pu.person_has_interests) AS with_interests, \
           (SELECT COUNT(*) FROM involvement_roles WHERE organisation_id = $1) AS roles, \
           (SELECT COUNT(*) FROM involvement_roles WHERE organisation_id = $1 AND published_at IS NOT NULL) AS published_roles, \
           (SELECT COUNT(*) FROM pathway_steps s JOIN person_units pu ON pu.person_id = s.person_id AND pu.unit_id = $2 \
              WHERE s.organisation_id = $1 AND s.step IN ('practice', 'shadowing') AND s.done_on >= $4) AS practice_steps, \
           (SELECT COUNT(*) FROM appointments a \
              WHERE a.organisation_id = $1 AND a.role_id IN (SELECT r.id FROM involvement_roles r \
                WHERE r.organisation_id = $1 AND r.kind = 'coordinator') \
              AND (a.unit_id = $2 OR a.unit_id IS NULL) \
              AND a.starts_on <= $3 AND (a.ends_on IS NULL OR a.ends_on >= $3)) AS coordinators, \
           (SELECT COUNT(DISTINCT a.person_id) FROM appointments a \
              JOIN person_units pu ON pu.person_id = a.person_id AND pu.unit_id = $2 \
              WHERE a.organisation_id = $1 AND a.role_id IN (SELECT r.id FROM involvement_roles r \
                WHERE r.organisation_id = $1 AND r.leadership = TRUE) \
              AND pu.person_constituency IN ('service_user', 'carer') \
              AND a.starts_on <= $3 AND (a.ends_on IS NULL OR a.ends_on >= $3)) AS leaders, \
           (SELECT COUNT(*) FROM person_units pu \
              WHERE pu.unit_id = $2 AND pu.person_status = 'moved_on' AND ( \
                EXISTS (SELECT 1 FROM appointments a WHERE a.person_id = pu.person_id AND a.starts_on <= $3 AND (a.ends_on IS NULL OR a.ends_on >= $3)) \
                OR EXISTS (SELECT 1 FROM buddy_pairings b WHERE b.buddy_id = pu.person_id AND b.starts_on <= $3 AND (b.ends_on IS NULL OR b.ends_on >= $3)))) AS moved_on_active, \
           (SELECT COUNT(*) FROM suggestions WHERE unit_id = $2 AND received_at >= $5) AS suggestions_month, \
           COALESCE(st.closed, 0) AS closed, COALESCE(st.answered, 0) AS answered, \
           COALESCE(st.needing_forum, 0) AS needing_forum, COALESCE(st.forum_decided, 0) AS forum_decided, \
           (SELECT COUNT(*) FROM meetings WHERE unit_id = $2 AND kind = 'community' AND starts_at >= $5 \
              AND attended_at IS NOT NULL AND cancelled_at IS NULL) AS community_meetings, \
           (SELECT COUNT(*) FROM meetings WHERE unit_id = $2 AND kind = 'team_building' AND starts_at >= $6 \
              AND attended_at IS NOT NULL AND cancelled_at IS NULL) AS team_building, \
           (SELECT COUNT(*) FROM meetings WHERE unit_id = $2 AND starts_at >= $6 \
              AND attended_at IS NOT NULL AND cancelled_at IS NULL) AS meetings_held, \
           (SELECT COUNT(*) FROM meetings WHERE unit_id = $2 AND starts_at >= $6 \
              AND attended_at IS NOT NULL AND cancelled_at IS NULL AND issues_item) AS with_issues_item, \
           (SELECT COUNT(*) FROM meetings WHERE unit_id = $2 AND starts_at >= $6 \
              AND attended_at IS NOT NULL AND cancelled_at IS NULL AND representation_met) AS representation_met, \
           (SELECT COUNT(*) FROM training_topics t JOIN person_units pu ON pu.person_id = t.person_id AND pu.unit_id = $2 \
              WHERE t.organisation_id = $1 AND t.created_at >= $7 AND t.constituency IN ('service_user', 'carer')) AS training_topics, \
           (SELECT COUNT(*) FROM survey_round_units u JOIN survey_rounds r ON r.id = u.round_id \
              JOIN surveys s ON s.id = r.survey_id WHERE u.unit_id = $2 AND s.template = 'fft' \
              AND r.opens_on <= $3 AND r.closes_on >= $8) AS satisfaction_rounds, \
           (SELECT COUNT(*) FROM survey_responses x WHERE x.unit_id = $2 \
              AND x.week_of >= $8 AND x.week_of <= $3 \
              AND x.round_id IN (SELECT r.id FROM survey_rounds r JOIN surveys s ON s.id = r.survey_id \
                WHERE s.template = 'fft')) AS satisfaction_responses, \
           tr.levels_awareness, tr.speaking_out, ts.joint_sessions, ts.co_delivered_sessions \
         FROM (SELECT \
             COUNT(DISTINCT CASE WHEN (',' || k.practices || ',') LIKE '%,L1.13,%' THEN a.person_id END) AS levels_awareness, \
             COUNT(DISTINCT CASE WHEN (',' || k.practices || ',') LIKE '%,L2.02,%' THEN a.person_id END) AS speaking_out \
           FROM person_units pu JOIN session_attendance a ON a.person_id = pu.person_id AND a.status = 'attended' \
           JOIN training_sessions s ON s.id = a.session_id JOIN courses k ON k.id = s.course_id \
           WHERE pu.unit_id = $2) tr \
         CROSS JOIN (SELECT \
             CAST(COALESCE(SUM(CASE WHEN (SELECT COUNT(DISTINCT a2.constituency) FROM session_attendance a2 \
                WHERE a2.session_id = s.id AND a2.status = 'attended') >= 2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS joint_sessions, \
             CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.part = 'peer_trainer') \
                AND EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.part = 'professional_trainer') \
                THEN 1 ELSE 0 END), 0) AS BIGINT) AS co_delivered_sessions \
           FROM training_sessions s WHERE s.organisation_id = $1 AND s.starts_at >= $6 AND s.starts_at < $9 \
           AND EXISTS (SELECT 1 FROM session_attendance a JOIN person_units pu ON pu.person_id = a.person_id \
                       WHERE a.session_id = s.id AND a.status = 'attended' AND pu.unit_id = $2)) ts \
         LEFT JOIN unit_suggestion_tallies st ON st.unit_id = $2";

/// One newcomer on a unit: when they joined, their first buddy pairing's start (if any), and
/// which pathway steps are done.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Newcomer {
    pub person_id: i64,
    pub joined_on: String,
    pub first_buddy_on: Option<String>,
    pub welcome: bool,
    pub information: bool,
    /// Any level-2 step (training, practice, shadowing).
    pub level_two: bool,
}

/// Service users and carers on the unit who joined between `from` and `to` (inclusive).
pub async fn newcomers(
    c: &mut Conn<'_>,
    unit: i64,
    from: &str,
    to: &str,
) -> DbResult<Vec<Newcomer>> {
    fetch_all!(
        c,
        Newcomer,
        "SELECT p.id AS person_id, p.joined_on, \
           (SELECT MIN(b.starts_on) FROM buddy_pairings b WHERE b.newcomer_id = p.id) AS first_buddy_on, \
           EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step = 'welcome') AS welcome, \
           EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step = 'information') AS information, \
           (EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step IN ('training', 'practice', 'shadowing')) \
            OR EXISTS (SELECT 1 FROM certificates k WHERE k.person_id = p.id AND k.kind = 'completion')) AS level_two \
         FROM people p JOIN person_units pu ON pu.person_id = p.id AND pu.unit_id = $1 \
         WHERE p.organisation_id = (SELECT u.organisation_id FROM units u WHERE u.id = $1) \
           AND p.constituency IN ('service_user', 'carer') AND p.joined_on >= $2 AND p.joined_on <= $3 \
         ORDER BY p.id",
        unit,
        from,
        to
    )
}

/// The unit's recruitment processes with, per stage, the constituency of each panel member:
/// (process id, stage, constituency), one row per panel member; processes with no panel yet
/// appear once with no stage.
pub async fn recruitment_panels(
    c: &mut Conn<'_>,
    unit: i64,
) -> DbResult<Vec<(i64, Option<String>, Option<String>)>> {
    fetch_all!(
        c,
        (i64, Option<String>, Option<String>),
        "SELECT rp.id, pn.stage, p.constituency FROM recruitment_processes rp \
         LEFT JOIN recruitment_panel pn ON pn.process_id = rp.id LEFT JOIN people p ON p.id = pn.person_id \
         WHERE rp.unit_id = $1 ORDER BY rp.id",
        unit
    )
}
