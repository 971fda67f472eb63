//! Evidence records for the practices Cairn cannot otherwise see: reading a unit's records and
//! adding one. Reading follows the unit's self-assessment (anyone who may read it); adding
//! follows changing it (unit staff on their units, leads, administrators).

use super::can_view_unit;
use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::model::evidence::{self as db, Record};
use cairn_db::units::Unit;
use cairn_domain::Permission;
use cairn_domain::model::evidence::{EvidenceDraft, Kind};

/// How many of each kind a unit's page lists.
pub const LIST_LIMIT: i64 = 20;

/// A unit's evidence records, newest first, by kind.
#[derive(Debug, Clone)]
pub struct UnitEvidence {
    pub unit: Unit,
    pub records: Vec<(Kind, Vec<Record>)>,
}

/// A unit's records of every kind.
pub async fn for_unit(app: &App, actor: &Actor, unit: i64) -> AppResult<UnitEvidence> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let (u, _) = can_view_unit(app, c, actor, org, unit).await?;
    let mut records = Vec::with_capacity(Kind::ALL.len());
    for k in Kind::ALL {
        records.push((*k, db::list(c, unit, k.key(), LIST_LIMIT).await?));
    }
    Ok(UnitEvidence { unit: u, records })
}

/// A unit's records of one kind (the API's lists).
pub async fn of_kind(app: &App, actor: &Actor, unit: i64, kind: Kind) -> AppResult<Vec<Record>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    can_view_unit(app, c, actor, org, unit).await?;
    Ok(db::list(c, unit, kind.key(), 500).await?)
}

/// Adds a record to a unit.
pub async fn add(
    app: &App,
    actor: &Actor,
    unit: i64,
    kind: Kind,
    d: &EvidenceDraft,
) -> AppResult<Record> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    if !cairn_db::units::unit_in_organisation(c, org, unit).await? {
        return Err(AppError::NotFound);
    }
    let today = crate::org_today(c, app, org).await?;
    let f = d.validate(kind, today)?;
    let r = db::insert(c, org, unit, &f, &actor.label, now).await?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Create,
        "practice_evidence",
        Some(r.id),
        None,
        Some(&r),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(r)
}
