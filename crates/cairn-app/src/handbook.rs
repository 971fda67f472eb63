//! The service-user and carer handbook: one document assembled from what Cairn holds now —
//! the current guiding principles, the rates in force and the ways to be paid, every published
//! role description, the courses on offer and who to ask on each unit. Nothing is stored: it
//! is always current.

use crate::{Actor, App, AppResult, org_of, require};
use cairn_db::payments::{ExpenseRateRow, FeeRateRow};
use cairn_db::principles::Version;
use cairn_db::roles::Role;
use cairn_db::training::Course;
use cairn_domain::Permission;
use jiff::civil::Date;

/// The handbook's parts.
#[derive(Debug, Clone)]
pub struct Handbook {
    pub principles: Version,
    /// Rates in force today.
    pub fees: Vec<FeeRateRow>,
    pub expenses: Vec<ExpenseRateRow>,
    /// Published role descriptions only (a draft is not yet an offer).
    pub roles: Vec<Role>,
    pub courses: Vec<Course>,
    /// (unit, Welsh name, link person who agreed to be named)
    pub contacts: Vec<(String, Option<String>, Option<String>)>,
    pub today: Date,
}

/// In force on `today`: begun, and not yet ended.
fn in_force(from: &str, to: Option<&str>, today: &str) -> bool {
    from <= today && to.is_none_or(|t| t >= today)
}

/// The handbook for anyone in the organisation.
pub async fn handbook(app: &App, actor: &Actor) -> AppResult<Handbook> {
    require(actor, Permission::ViewPrinciples)?;
    let org = org_of(actor)?;
    let principles = crate::principles::principles(app, actor).await?.current;
    let card = crate::payments::rate_card(app, actor).await?;
    let courses = crate::training::courses(app, actor).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let o = cairn_db::units::get_organisation(c, org).await?;
    let today =
        cairn_domain::time::local_date(app.now(), &cairn_domain::time::time_zone(&o.time_zone));
    let day = today.to_string();
    Ok(Handbook {
        principles,
        fees: card
            .fees
            .into_iter()
            .filter(|r| in_force(&r.valid_from, r.valid_to.as_deref(), &day))
            .collect(),
        expenses: card
            .expenses
            .into_iter()
            .filter(|r| in_force(&r.valid_from, r.valid_to.as_deref(), &day))
            .collect(),
        roles: cairn_db::roles::list_roles(c, org, true).await?,
        courses,
        contacts: cairn_db::handbook::contacts(c, org).await?,
        today,
    })
}

#[cfg(test)]
mod tests {
    use super::in_force;

    #[test]
    fn a_rate_is_in_force_from_its_first_day_to_its_last() {
        assert!(in_force("2026-04-06", None, "2026-04-06"));
        assert!(!in_force("2026-04-06", None, "2026-04-05"));
        assert!(in_force("2025-04-06", Some("2026-04-05"), "2026-04-05"));
        assert!(!in_force("2025-04-06", Some("2026-04-05"), "2026-04-06"));
    }
}
