//! What the handbook reads that no other capability lists: who to ask on each unit.

use crate::{Conn, DbResult, fetch_all};

/// Each unit with its link person's chosen name, when the link person is active and has
/// agreed to be in the who's who (otherwise the handbook says to ask the unit's staff):
/// (unit name, Welsh name, link person's name).
pub async fn contacts(
    c: &mut Conn<'_>,
    org: i64,
) -> DbResult<Vec<(String, Option<String>, Option<String>)>> {
    fetch_all!(
        c,
        (String, Option<String>, Option<String>),
        "SELECT u.name, u.name_cy, \
           CASE WHEN p.status = 'active' AND p.consent_whos_who THEN p.chosen_name END \
         FROM units u LEFT JOIN people p ON p.id = u.link_person_id \
         WHERE u.organisation_id = $1 ORDER BY u.name, u.id",
        org
    )
}
