//! People's records. Every read of one person's record is written to the audit log; every
//! change records before and after, and names the person as the one it was done for. Unit
//! staff reach only people in their units; a member reaches only their own record.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::people::{PeopleQuery, Person};
use cairn_domain::people::{PersonDraft, PersonFields};
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;

/// Largest page of people.
pub const PAGE_MAX: i64 = 200;

/// A person and their unit ids.
#[derive(Debug, Clone)]
pub struct PersonWithUnits {
    pub person: Person,
    pub unit_ids: Vec<i64>,
}

/// A page of people the actor may see.
pub async fn list(app: &App, actor: &Actor, mut q: PeopleQuery) -> AppResult<Vec<PersonWithUnits>> {
    require(actor, Permission::ViewPeople)?;
    let org = org_of(actor)?;
    if actor.role.is_unit_scoped() {
        q.within_units = Some(actor.unit_ids.clone());
    }
    q.limit = q.limit.clamp(1, PAGE_MAX);
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let people = cairn_db::people::list(&mut c, org, &q).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let pairs = cairn_db::people::units_of(&mut c, &ids).await?;
    Ok(people
        .into_iter()
        .map(|p| {
            let unit_ids = pairs
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .map(|(_, u)| *u)
                .collect();
            PersonWithUnits {
                person: p,
                unit_ids,
            }
        })
        .collect())
}

async fn load_in_reach(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<PersonWithUnits> {
    let person = cairn_db::people::get(c, org, id).await?;
    let unit_ids = cairn_db::people::unit_ids(c, id).await?;
    let allowed = actor.is_person(id)
        || (actor.can(Permission::ViewPeople) && actor.can_reach_any_unit(&unit_ids));
    // Out of reach reads as "not found", so ids reveal nothing.
    if !allowed {
        return Err(AppError::NotFound);
    }
    Ok(PersonWithUnits { person, unit_ids })
}

/// One person's record; the read is audited.
pub async fn view(app: &App, actor: &Actor, id: i64) -> AppResult<PersonWithUnits> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let p = load_in_reach(&mut tx.conn(), actor, org, id).await?;
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::View,
        "person",
        Some(id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}

/// The recorded changes to a person's record, newest first (for their page).
pub async fn history(app: &App, actor: &Actor, id: i64) -> AppResult<Vec<Entry>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_in_reach(&mut h.conn(), actor, org, id).await?;
    let q = AuditQuery {
        entity: Some("person".into()),
        entity_id: Some(id),
        limit: 20,
        ..Default::default()
    };
    let rows = cairn_db::audit::list(&mut h.conn(), org, &q).await?;
    Ok(rows.into_iter().filter(|e| e.action != "view").collect())
}

async fn check_units(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    f: &PersonFields,
) -> AppResult<()> {
    let all = cairn_db::units::units_in_organisation(c, org).await?;
    let mut e = FieldErrors::new();
    if f.unit_ids.iter().any(|u| !all.contains(u))
        || !actor.can_reach_any_unit(&f.unit_ids)
        || f.unit_ids.iter().any(|u| !actor.can_reach_unit(*u))
    {
        e.add("unit_ids", "people-error-units");
    }
    e.into_result(()).map_err(AppError::Invalid)
}

fn today(app: &App, tz: &str) -> Date {
    cairn_domain::time::local_date(app.now(), &cairn_domain::time::time_zone(tz))
}

/// Adds a person. The audit row names the person as the one this was done for.
pub async fn create(app: &App, actor: &Actor, draft: &PersonDraft) -> AppResult<i64> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let organisation = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    let fields = draft.validate(today(app, &organisation.time_zone))?;
    check_units(&mut tx.conn(), actor, org, &fields).await?;
    let id = cairn_db::people::insert(&mut tx.conn(), org, &fields, now).await?;
    let after = cairn_db::people::get(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "person",
        Some(id),
        None,
        Some(&(after, &fields.unit_ids)),
        Some(id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a person's record. When someone else makes the change and the person has an
/// account, they get a notice saying so.
pub async fn update(app: &App, actor: &Actor, id: i64, draft: &PersonDraft) -> AppResult<()> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_in_reach(&mut tx.conn(), actor, org, id).await?;
    let organisation = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    let mut fields = draft.validate(today(app, &organisation.time_zone))?;
    check_units(&mut tx.conn(), actor, org, &fields).await?;
    // Unit staff change only the units they can reach; the person's other units stay as they were.
    for u in &before.unit_ids {
        if !actor.can_reach_unit(*u) && !fields.unit_ids.contains(u) {
            fields.unit_ids.push(*u);
        }
    }
    fields.unit_ids.sort_unstable();
    cairn_db::people::update(&mut tx.conn(), org, id, &fields, now).await?;
    let after = cairn_db::people::get(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "person",
        Some(id),
        Some(&(&before.person, &before.unit_ids)),
        Some(&(after, &fields.unit_ids)),
        Some(id),
        now,
    )
    .await?;
    if !actor.is_person(id)
        && let Some(user) = cairn_db::accounts::find_user_by_person(&mut tx.conn(), id).await?
    {
        crate::notices::notify(
            &mut tx.conn(),
            user.id,
            "notice-record-updated",
            &[("by", actor.label.clone())],
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a person already has an account (for their page).
pub async fn account_of(
    app: &App,
    actor: &Actor,
    id: i64,
) -> AppResult<Option<cairn_db::accounts::User>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_in_reach(&mut h.conn(), actor, org, id).await?;
    Ok(cairn_db::accounts::find_user_by_person(&mut h.conn(), id).await?)
}
