//! Welcome and family-liaison meetings (L1.09): logging an arrival on a unit (a date only — no
//! names and no clinical details are asked for or kept), recording whether a meeting was
//! offered, accepted or declined, and held, and the share of arrivals offered a meeting per
//! unit over the last [`cairn_domain::people::WELCOME_WINDOW_DAYS`].
//!
//! Reach: staff who see people, within their units (unit staff: only their units; others:
//! every unit of the organisation). An arrival out of reach reads as "not found". The dates
//! follow `cairn_domain::people::ArrivalDraft`'s rules.

use crate::audit::{Action, record};
use crate::org_today as today_in;
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::people::welcome::{Arrival, ArrivalQuery};
use cairn_domain::people::{ArrivalDraft, welcome_window_start};
use cairn_domain::time::{DateParts, parse_iso_date};
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;

/// Most arrivals shown in one list.
pub const LIST_MAX: i64 = 500;

fn scope(actor: &Actor) -> Option<Vec<i64>> {
    actor.role.is_unit_scoped().then(|| actor.unit_ids.clone())
}

/// Arrivals offered a meeting on one unit, over the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub unit_id: i64,
    pub arrivals: i64,
    pub offered: i64,
}

impl Share {
    /// The share offered, as a whole percentage (rounded half up).
    pub fn percent(&self) -> i64 {
        if self.arrivals == 0 {
            0
        } else {
            (self.offered * 200 + self.arrivals) / (self.arrivals * 2)
        }
    }
}

/// What the welcome page shows.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Arrivals, newest first.
    pub arrivals: Vec<Arrival>,
    /// Per unit, over the last [`cairn_domain::people::WELCOME_WINDOW_DAYS`] (today included).
    pub shares: Vec<Share>,
    /// The first day of the window.
    pub window_from: Date,
    pub today: Date,
}

/// Arrivals and the share offered a meeting, optionally on one unit only.
pub async fn overview(app: &App, actor: &Actor, unit_id: Option<i64>) -> AppResult<Overview> {
    require(actor, Permission::ViewPeople)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today_in(&mut c, app, org).await?;
    let window_from = welcome_window_start(today);
    let q = ArrivalQuery {
        unit_id,
        within_units: scope(actor),
        from: None,
        limit: LIST_MAX,
    };
    let arrivals = cairn_db::people::welcome::list_arrivals(&mut c, org, &q).await?;
    let shares = cairn_db::people::welcome::offered_by_unit(
        &mut c,
        org,
        &ArrivalQuery {
            from: Some(window_from.to_string()),
            ..q
        },
    )
    .await?
    .into_iter()
    .map(|(unit_id, arrivals, offered)| Share {
        unit_id,
        arrivals,
        offered,
    })
    .collect();
    Ok(Overview {
        arrivals,
        shares,
        window_from,
        today,
    })
}

/// Today in the actor's organisation (for the form's defaults).
pub async fn today(app: &App, actor: &Actor) -> AppResult<Date> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    today_in(&mut h.conn(), app, org).await
}

/// Logs an arrival on a unit the actor reaches. Returns its id.
pub async fn create(
    app: &App,
    actor: &Actor,
    unit_id: Option<i64>,
    draft: &ArrivalDraft,
) -> AppResult<i64> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today_in(&mut tx.conn(), app, org).await?;
    let mut e = FieldErrors::new();
    let unit = match unit_id {
        Some(u)
            if actor.can_reach_unit(u)
                && cairn_db::units::unit_in_organisation(&mut tx.conn(), org, u).await? =>
        {
            Some(u)
        }
        _ => {
            e.add("unit_id", "welcome-error-unit");
            None
        }
    };
    // A new arrival records at most the offer; the rest is recorded on the arrival's page.
    let draft = ArrivalDraft {
        accepted_on: DateParts::default(),
        declined_on: DateParts::default(),
        held_on: DateParts::default(),
        ..draft.clone()
    };
    let fields = match draft.validate(today) {
        Ok(f) => Some(f),
        Err(more) => {
            e.0.extend(more.0);
            None
        }
    };
    let (Some(unit), Some(fields), true) = (unit, fields, e.is_empty()) else {
        return Err(e.into());
    };
    let id = cairn_db::people::welcome::insert_arrival(
        &mut tx.conn(),
        org,
        unit,
        &fields,
        &actor.label,
        now,
    )
    .await?;
    let after = cairn_db::people::welcome::get_arrival(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "arrival",
        Some(id),
        None,
        after.as_ref(),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn load(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Arrival> {
    require(actor, Permission::ManagePeople)?;
    let a = cairn_db::people::welcome::get_arrival(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.can_reach_unit(a.unit_id) {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// One arrival, for recording its meeting.
pub async fn get(app: &App, actor: &Actor, id: i64) -> AppResult<Arrival> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load(&mut h.conn(), actor, org, id).await
}

/// Records the meeting's dates on an arrival (the arrival's own date is kept as it was).
pub async fn record_meeting(
    app: &App,
    actor: &Actor,
    id: i64,
    draft: &ArrivalDraft,
) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load(&mut tx.conn(), actor, org, id).await?;
    let today = today_in(&mut tx.conn(), app, org).await?;
    let draft = ArrivalDraft {
        arrived_on: DateParts::from_date(parse_iso_date(&before.arrived_on)),
        ..draft.clone()
    };
    let fields = draft.validate_meeting(today)?;
    cairn_db::people::welcome::update_meeting(&mut tx.conn(), org, id, &fields, now).await?;
    let after = cairn_db::people::welcome::get_arrival(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "arrival",
        Some(id),
        Some(&before),
        after.as_ref(),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
