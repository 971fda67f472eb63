//! Counts behind the live measures for the people and roles practices (L1.08, L1.09, L1.10,
//! L2.01, L2.06, L2.07, L2.08, L3.01, L3.02, L3.04, L3.08, L3.10). Each reads one unit's (or
//! its organisation's) rows; the judgement of what the numbers mean is made in
//! `cairn_app::model::measures`. Dates are ISO text, so ranges compare as strings.

use crate::{Conn, DbResult, fetch_all, fetch_scalar};

/// The organisation and time zone a unit belongs to.
pub async fn unit_organisation(c: &mut Conn<'_>, unit: i64) -> DbResult<(i64, String)> {
    crate::fetch_one!(
        c,
        (i64, String),
        "SELECT o.id, o.time_zone FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
        unit
    )
}

/// Newcomers on the unit who joined between `from` and `to` (inclusive, ISO dates), in the
/// given constituencies: (person id, joined on, first buddy pairing start, if any).
pub async fn newcomers_with_first_buddy(
    c: &mut Conn<'_>,
    unit: i64,
    from: &str,
    to: &str,
) -> DbResult<Vec<(i64, String, Option<String>)>> {
    fetch_all!(
        c,
        (i64, String, Option<String>),
        "SELECT p.id, p.joined_on, (SELECT MIN(b.starts_on) FROM buddy_pairings b WHERE b.newcomer_id = p.id) \
         FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') AND p.joined_on >= $2 AND p.joined_on <= $3 \
         ORDER BY p.id",
        unit,
        from,
        to
    )
}

/// Per newcomer on the unit (joined between `from` and `to`): whether each of the level-1
/// steps is done (buddy, welcome, information) and whether any level-2 step is.
pub async fn newcomer_steps(
    c: &mut Conn<'_>,
    unit: i64,
    from: &str,
    to: &str,
) -> DbResult<Vec<(i64, bool, bool, bool, bool)>> {
    fetch_all!(
        c,
        (i64, bool, bool, bool, bool),
        "SELECT p.id, \
           EXISTS (SELECT 1 FROM buddy_pairings b WHERE b.newcomer_id = p.id), \
           EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step = 'welcome'), \
           EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step = 'information'), \
           EXISTS (SELECT 1 FROM pathway_steps s WHERE s.person_id = p.id AND s.step IN ('training', 'practice', 'shadowing')) \
         FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') AND p.joined_on >= $2 AND p.joined_on <= $3 \
         ORDER BY p.id",
        unit,
        from,
        to
    )
}

/// Arrivals on the unit on or after `from`: (all, offered a welcome meeting).
pub async fn arrivals_offered(c: &mut Conn<'_>, unit: i64, from: &str) -> DbResult<(i64, i64)> {
    crate::fetch_one!(
        c,
        (i64, i64),
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE offered_on IS NOT NULL) FROM arrivals WHERE unit_id = $1 AND arrived_on >= $2",
        unit,
        from
    )
}

/// Open opportunities a unit's people can see on `today`: the unit's own and the whole
/// service's.
pub async fn open_opportunities(
    c: &mut Conn<'_>,
    organisation: i64,
    unit: i64,
    today: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM opportunities WHERE organisation_id = $1 AND (unit_id = $2 OR unit_id IS NULL) \
         AND withdrawn_at IS NULL AND opened_on <= $3 AND closes_on >= $3",
        organisation,
        unit,
        today
    )
}

/// Active service users and carers on the unit who have written down their interests, and the
/// expressions of interest made by the unit's people.
pub async fn people_with_interests(c: &mut Conn<'_>, unit: i64) -> DbResult<(i64, i64)> {
    let with = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') AND p.status = 'active' AND p.interests IS NOT NULL",
        unit
    )?;
    let said = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM interests i JOIN person_units pu ON pu.person_id = i.person_id WHERE pu.unit_id = $1",
        unit
    )?;
    Ok((with, said))
}

/// The organisation's roles: (all, with a published description).
pub async fn published_roles(c: &mut Conn<'_>, organisation: i64) -> DbResult<(i64, i64)> {
    crate::fetch_one!(
        c,
        (i64, i64),
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE published_at IS NOT NULL) FROM involvement_roles WHERE organisation_id = $1",
        organisation
    )
}

/// Practising and shadowing steps logged on or after `from` for people on the unit.
pub async fn practice_steps(c: &mut Conn<'_>, unit: i64, from: &str) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM pathway_steps s JOIN person_units pu ON pu.person_id = s.person_id \
         WHERE pu.unit_id = $1 AND s.step IN ('practice', 'shadowing') AND s.done_on >= $2",
        unit,
        from
    )
}

/// Current appointments on `today` to roles of `kind` that serve the unit: appointments to the
/// unit itself or to the whole service.
pub async fn current_appointments_of_kind(
    c: &mut Conn<'_>,
    organisation: i64,
    unit: i64,
    kind: &str,
    today: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM appointments a JOIN involvement_roles r ON r.id = a.role_id \
         WHERE a.organisation_id = $1 AND (a.unit_id = $2 OR a.unit_id IS NULL) AND r.kind = $3 \
         AND a.starts_on <= $4 AND (a.ends_on IS NULL OR a.ends_on >= $4)",
        organisation,
        unit,
        kind,
        today
    )
}

/// Service users and carers on the unit holding a leadership role on `today`.
pub async fn lived_experience_leaders(c: &mut Conn<'_>, unit: i64, today: &str) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(DISTINCT p.id) FROM person_units pu JOIN people p ON p.id = pu.person_id \
         JOIN appointments a ON a.person_id = p.id JOIN involvement_roles r ON r.id = a.role_id \
         WHERE pu.unit_id = $1 AND p.constituency IN ('service_user', 'carer') AND r.leadership = TRUE \
         AND a.starts_on <= $2 AND (a.ends_on IS NULL OR a.ends_on >= $2)",
        unit,
        today
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

/// People on the unit who have moved on (status "moved on") and are still active on `today`:
/// holding a role, or buddying someone.
pub async fn moved_on_still_active(
    c: &mut Conn<'_>,
    unit: i64,
    today: &str,
) -> DbResult<(i64, i64)> {
    crate::fetch_one!(
        c,
        (i64, i64),
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE \
           EXISTS (SELECT 1 FROM appointments a WHERE a.person_id = p.id AND a.starts_on <= $2 AND (a.ends_on IS NULL OR a.ends_on >= $2)) \
           OR EXISTS (SELECT 1 FROM buddy_pairings b WHERE b.buddy_id = p.id AND b.starts_on <= $2 AND (b.ends_on IS NULL OR b.ends_on >= $2))) \
         FROM person_units pu JOIN people p ON p.id = pu.person_id WHERE pu.unit_id = $1 AND p.status = 'moved_on'",
        unit,
        today
    )
}
