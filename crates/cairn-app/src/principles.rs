//! Guiding principles: the current version and its history, publishing a new version, and
//! people acknowledging the current one. An organisation without a version gets Cairn's
//! starting text as version 1 the first time anyone reads its principles.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::principles::{self as db, Version};
use cairn_domain::Permission;
use cairn_domain::principles::{
    BUILT_IN_CY, BUILT_IN_EASY_CY, BUILT_IN_EASY_EN, BUILT_IN_EN, PrinciplesDraft,
    PrinciplesFields, must_acknowledge,
};

/// The starting text, once, under the organisation's lock (two first readers make one
/// version).
async fn ensure(app: &App, org: i64) -> AppResult<()> {
    let missing = {
        let mut h = app.db.acquire().await?;
        db::current(&mut h.conn(), org).await?.is_none()
    };
    if !missing {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    cairn_db::model::lock_organisation(c, org).await?;
    if db::current(c, org).await?.is_none() {
        let today = crate::org_today(c, app, org).await?;
        let f = PrinciplesFields {
            text_en: BUILT_IN_EN.to_owned(),
            text_cy: BUILT_IN_CY.to_owned(),
            easy_en: BUILT_IN_EASY_EN.to_owned(),
            easy_cy: BUILT_IN_EASY_CY.to_owned(),
            change: "Cairn's starting text".to_owned(),
            material: true,
        };
        db::insert(c, org, &f, &today.to_string(), "system", app.now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Acknowledgements of one version by constituency: (constituency key, acknowledged, active).
pub type Counts = Vec<(String, i64, i64)>;

/// The principles as a reader sees them.
#[derive(Debug, Clone)]
pub struct Principles {
    pub current: Version,
    /// Every version, newest first.
    pub history: Vec<Version>,
    /// The reader's own acknowledgements (version, when), when they have a person record.
    pub mine: Vec<(i64, i64)>,
    /// True when the reader has a person record and has not acknowledged since the latest
    /// material change.
    pub asked: bool,
    /// For those who manage the principles: each version's acknowledgements by constituency.
    pub counts: Vec<(i64, Counts)>,
}

/// The newest version marked as material (the first always is).
fn latest_material(history: &[Version]) -> i64 {
    history
        .iter()
        .filter(|v| v.material)
        .map(|v| v.version)
        .max()
        .unwrap_or(1)
}

async fn read(c: &mut Conn<'_>, actor: &Actor, org: i64) -> AppResult<Principles> {
    let history = db::versions(c, org).await?;
    let current = history.first().cloned().ok_or(AppError::NotFound)?;
    let mine = match actor.person_id {
        Some(p) => db::acknowledged(c, p).await?,
        None => Vec::new(),
    };
    let versions: Vec<i64> = mine.iter().map(|(v, _)| *v).collect();
    let asked = actor.person_id.is_some() && must_acknowledge(&versions, latest_material(&history));
    let counts = if actor.can(Permission::ManagePrinciples) {
        let mut out: Vec<(i64, Counts)> = Vec::new();
        for (version, constituency, acknowledged, active) in db::by_constituency(c, org).await? {
            match out.last_mut() {
                Some((v, rows)) if *v == version => rows.push((constituency, acknowledged, active)),
                _ => out.push((version, vec![(constituency, acknowledged, active)])),
            }
        }
        out
    } else {
        Vec::new()
    };
    Ok(Principles {
        current,
        history,
        mine,
        asked,
        counts,
    })
}

/// The organisation's principles for any of its people.
pub async fn principles(app: &App, actor: &Actor) -> AppResult<Principles> {
    require(actor, Permission::ViewPrinciples)?;
    let org = org_of(actor)?;
    ensure(app, org).await?;
    let mut h = app.db.acquire().await?;
    read(&mut h.conn(), actor, org).await
}

/// Whether the reader should be asked to acknowledge the principles (for the home page): only
/// people with a person record, and only once the principles exist.
pub async fn asked(app: &App, actor: &Actor) -> AppResult<bool> {
    let (Some(org), Some(person)) = (actor.organisation_id, actor.person_id) else {
        return Ok(false);
    };
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let history = db::versions(c, org).await?;
    if history.is_empty() {
        // Nobody has opened them yet: they are Cairn's starting text, version 1, material.
        return Ok(true);
    }
    let mine: Vec<i64> = db::acknowledged(c, person)
        .await?
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    Ok(must_acknowledge(&mine, latest_material(&history)))
}

/// Publishes a new version; returns its number.
pub async fn publish(app: &App, actor: &Actor, d: &PrinciplesDraft) -> AppResult<i64> {
    require(actor, Permission::ManagePrinciples)?;
    let org = org_of(actor)?;
    let f = d.validate()?;
    ensure(app, org).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    cairn_db::model::lock_organisation(c, org).await?;
    let today = crate::org_today(c, app, org).await?;
    let id = db::insert(c, org, &f, &today.to_string(), &actor.label, now).await?;
    let version = db::current(c, org)
        .await?
        .map(|v| v.version)
        .ok_or(AppError::NotFound)?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Create,
        "principles_version",
        Some(id),
        None,
        Some(&serde_json::json!({"version": version, "change": f.change, "material": f.material})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// The signed-in person acknowledges the current version: (version, when). Acknowledging
/// again changes nothing and answers with the first acknowledgement.
pub async fn acknowledge(app: &App, actor: &Actor) -> AppResult<(i64, i64, bool)> {
    require(actor, Permission::ViewPrinciples)?;
    let org = org_of(actor)?;
    let person = actor
        .person_id
        .ok_or(AppError::Conflict("principles-error-no-person"))?;
    ensure(app, org).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let current = db::current(c, org).await?.ok_or(AppError::NotFound)?;
    let added = db::acknowledge(c, org, person, current.id, now).await?;
    if added {
        record::<(), _>(
            c,
            actor,
            Some(org),
            Action::Create,
            "principles_acknowledgement",
            Some(current.id),
            None,
            Some(&serde_json::json!({"version": current.version, "person_id": person})),
            None,
            now,
        )
        .await?;
    }
    let at = db::acknowledged(c, person)
        .await?
        .into_iter()
        .find(|(v, _)| *v == current.version)
        .map_or(now, |(_, at)| at);
    tx.commit().await?;
    Ok((current.version, at, added))
}

/// For the model's supports: the current version, and how many of the people taking part now
/// have acknowledged it, out of how many (aggregates only).
pub async fn support(app: &App, actor: &Actor) -> AppResult<(i64, i64, i64)> {
    require(actor, Permission::ViewModel)?;
    let org = org_of(actor)?;
    ensure(app, org).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let current = db::current(c, org).await?.ok_or(AppError::NotFound)?;
    let (read, active) = db::by_constituency(c, org)
        .await?
        .into_iter()
        .filter(|(v, _, _, _)| *v == current.version)
        .fold((0, 0), |(r, n), (_, _, a, b)| (r + a, n + b));
    Ok((current.version, read, active))
}
