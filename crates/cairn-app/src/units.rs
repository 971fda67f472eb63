//! Organisations, services and units: who may see and change them, and the audit of every
//! change. Unit staff see only their own units; a unit of another organisation is "not found".

use crate::audit::{Action, record};
use crate::cache;
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::DbError;
use cairn_db::units::{Organisation, OrganisationSettings, Service, Unit};
use cairn_domain::units::UnitDraft;
use cairn_domain::{FieldErrors, Permission};

/// Every organisation (platform administrators only).
pub async fn list_organisations(app: &App, actor: &Actor) -> AppResult<Vec<Organisation>> {
    require(actor, Permission::ManageOrganisations)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::units::list_organisations(&mut h.conn()).await?)
}

/// Creates an organisation (platform administrators only).
pub async fn create_organisation(
    app: &App,
    actor: &Actor,
    name: &str,
    name_cy: Option<&str>,
) -> AppResult<i64> {
    require(actor, Permission::ManageOrganisations)?;
    let name = cairn_domain::units::validate_name("name", name)?;
    let mut e = FieldErrors::new();
    let name_cy = cairn_domain::validation::optional_text(
        &mut e,
        "name_cy",
        name_cy,
        cairn_domain::units::NAME_MAX,
        "units-error-name-too-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::units::insert_organisation(
        &mut tx.conn(),
        &name,
        name_cy.as_deref(),
        cairn_domain::time::DEFAULT_TIME_ZONE,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(id),
        Action::Create,
        "organisation",
        Some(id),
        None,
        Some(&serde_json::json!({"name": name})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The actor's own organisation (any role that belongs to one).
pub async fn my_organisation(app: &App, actor: &Actor) -> AppResult<Organisation> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::units::get_organisation(&mut h.conn(), org).await?)
}

/// Settings as typed on the settings page.
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    pub name: String,
    pub name_cy: String,
    pub time_zone: String,
    pub smtp_enabled: bool,
    pub smtp_host: String,
    pub smtp_port: String,
    pub smtp_username: String,
    pub smtp_password: String,
    pub smtp_tls: String,
    pub smtp_from: String,
}

/// Saves the organisation's settings (organisation administrators only).
pub async fn update_settings(app: &App, actor: &Actor, f: &SettingsForm) -> AppResult<()> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let name = cairn_domain::validation::required_text(
        &mut e,
        "name",
        &f.name,
        cairn_domain::units::NAME_MAX,
        "units-error-name-required",
        "units-error-name-too-long",
    );
    let name_cy = cairn_domain::validation::optional_text(
        &mut e,
        "name_cy",
        Some(&f.name_cy),
        cairn_domain::units::NAME_MAX,
        "units-error-name-too-long",
    );
    let tz = f.time_zone.trim().to_owned();
    if !cairn_domain::time::is_known_time_zone(&tz) {
        e.add("time_zone", "settings-error-time-zone");
    }
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let port = match opt(&f.smtp_port) {
        None => None,
        Some(p) => match p.parse::<i64>() {
            Ok(n) if (1..=65535).contains(&n) => Some(n),
            _ => {
                e.add("smtp_port", "settings-error-port");
                None
            }
        },
    };
    let tls = match f.smtp_tls.trim() {
        "" => "starttls".to_owned(),
        t @ ("none" | "starttls" | "tls") => t.to_owned(),
        _ => {
            e.add("smtp_tls", "settings-error-tls");
            "starttls".to_owned()
        }
    };
    let from = opt(&f.smtp_from);
    if let Some(addr) = &from
        && !cairn_domain::validation::looks_like_email(addr)
    {
        e.add("smtp_from", "settings-error-from");
    }
    if f.smtp_enabled {
        if opt(&f.smtp_host).is_none() {
            e.add("smtp_host", "settings-error-host");
        }
        if from.is_none() && e.for_field("smtp_from").is_none() {
            e.add("smtp_from", "settings-error-from");
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let s = OrganisationSettings {
        name,
        name_cy,
        time_zone: tz,
        smtp_enabled: f.smtp_enabled,
        smtp_host: opt(&f.smtp_host),
        smtp_port: port,
        smtp_username: opt(&f.smtp_username),
        smtp_password: opt(&f.smtp_password),
        smtp_tls: tls,
        smtp_from: from,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    cairn_db::units::update_organisation(&mut tx.conn(), org, &s, now).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "organisation",
        Some(org),
        Some(&before),
        Some(&s),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The organisation's services.
pub async fn list_services(app: &App, actor: &Actor) -> AppResult<Vec<Service>> {
    require(actor, Permission::ViewUnits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::units::list_services(&mut h.conn(), org).await?)
}

/// Adds a service.
pub async fn create_service(
    app: &App,
    actor: &Actor,
    name: &str,
    name_cy: Option<&str>,
) -> AppResult<i64> {
    require(actor, Permission::ManageUnits)?;
    let org = org_of(actor)?;
    let name = cairn_domain::units::validate_name("name", name)?;
    let mut e = FieldErrors::new();
    let name_cy = cairn_domain::validation::optional_text(
        &mut e,
        "name_cy",
        name_cy,
        cairn_domain::units::NAME_MAX,
        "units-error-name-too-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::units::insert_service(&mut tx.conn(), org, &name, name_cy.as_deref(), now)
        .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "service",
        Some(id),
        None,
        Some(&serde_json::json!({"name": name, "name_cy": name_cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A unit with the facts its list row needs.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub unit: Unit,
    pub people: i64,
}

/// A page of the units the actor can reach, by name.
pub async fn list_units(
    app: &App,
    actor: &Actor,
    after: Option<(String, i64)>,
    limit: i64,
) -> AppResult<Vec<UnitRow>> {
    require(actor, Permission::ViewUnits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let units = units_in_reach(app, &mut h.conn(), actor, org, after, limit).await?;
    let counts = cairn_db::units::people_counts(&mut h.conn(), org).await?;
    Ok(units
        .into_iter()
        .map(|u| {
            let people = counts
                .iter()
                .find(|(id, _)| *id == u.id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            UnitRow { unit: u, people }
        })
        .collect())
}

/// The units the actor may reach (unit staff: theirs), by name, without the people counts
/// the units page adds: for other pages' filters and labels, which would otherwise count every
/// person in the organisation to show a list of names.
pub async fn reachable_units(app: &App, actor: &Actor, limit: i64) -> AppResult<Vec<Unit>> {
    require(actor, Permission::ViewUnits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    units_in_reach(app, &mut h.conn(), actor, org, None, limit).await
}

/// The first `limit` units after `after` that the actor may reach, by name. The first page
/// comes from the organisation's units held in memory (see [`cache::units`]); later pages (the
/// API's) are read.
async fn units_in_reach(
    app: &App,
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    after: Option<(String, i64)>,
    limit: i64,
) -> AppResult<Vec<Unit>> {
    let only = actor
        .role
        .is_unit_scoped()
        .then_some(actor.unit_ids.as_slice());
    if after.is_some() {
        return Ok(cairn_db::units::list_units(c, org, only, after, limit).await?);
    }
    let all = cache::units(app, c, org).await?;
    Ok(all
        .iter()
        .filter(|u| only.is_none_or(|ids| ids.contains(&u.id)))
        .take(usize::try_from(limit).unwrap_or(0))
        .cloned()
        .collect())
}

/// A unit and what its page shows.
#[derive(Debug, Clone)]
pub struct UnitDetail {
    pub unit: Unit,
    pub service: Service,
    pub link_person: Option<(i64, String)>,
    /// The unit has a link person whom this actor may not see by name (the board sees no
    /// individuals).
    pub link_person_hidden: bool,
    /// Active people by constituency key.
    pub constituencies: Vec<(String, i64)>,
}

/// One unit, if the actor can reach it.
pub async fn get_unit(app: &App, actor: &Actor, id: i64) -> AppResult<UnitDetail> {
    require(actor, Permission::ViewUnits)?;
    let org = org_of(actor)?;
    if !actor.can_reach_unit(id) {
        return Err(AppError::NotFound);
    }
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let unit = cairn_db::units::get_unit(&mut c, org, id).await?;
    let service = cairn_db::units::get_service(&mut c, org, unit.service_id).await?;
    let link_person_hidden = unit.link_person_id.is_some() && !actor.can(Permission::ViewPeople);
    let link_person = match unit.link_person_id {
        Some(_) if link_person_hidden => None,
        // A link person who has since been removed reads as none; any other failure is an error.
        Some(pid) => match cairn_db::people::get(&mut c, org, pid).await {
            Ok(p) => Some((p.id, p.chosen_name)),
            Err(DbError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let constituencies = cairn_db::units::constituency_counts(&mut c, id).await?;
    Ok(UnitDetail {
        unit,
        service,
        link_person,
        link_person_hidden,
        constituencies,
    })
}

/// The names of the organisation's units, (id, name, Welsh name), for showing where something
/// is (an opportunity's unit, say) to anyone in the organisation, members included: a unit's
/// name is a place, not a person, and nothing else about the unit comes with it.
pub async fn unit_labels(
    app: &App,
    actor: &Actor,
) -> AppResult<Vec<(i64, String, Option<String>)>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cache::units(app, &mut h.conn(), org)
        .await?
        .iter()
        .map(|u| (u.id, u.name.clone(), u.name_cy.clone()))
        .collect())
}

/// The link people on offer for the unit form.
pub async fn link_people(app: &App, actor: &Actor) -> AppResult<Vec<(i64, String)>> {
    require(actor, Permission::ManageUnits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::people::possible_link_people(&mut h.conn(), org).await?)
}

async fn check_references(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    d: &cairn_domain::units::UnitFields,
) -> AppResult<()> {
    let mut e = FieldErrors::new();
    if cairn_db::units::get_service(c, org, d.service_id)
        .await
        .is_err()
    {
        e.add("service_id", "units-error-service-required");
    }
    if let Some(pid) = d.link_person_id
        && cairn_db::people::get(c, org, pid).await.is_err()
    {
        e.add("link_person_id", "units-error-link-person");
    }
    e.into_result(()).map_err(AppError::Invalid)
}

/// Adds a unit.
pub async fn create_unit(app: &App, actor: &Actor, draft: &UnitDraft) -> AppResult<i64> {
    require(actor, Permission::ManageUnits)?;
    let org = org_of(actor)?;
    let fields = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    check_references(&mut tx.conn(), org, &fields).await?;
    let id = cairn_db::units::insert_unit(&mut tx.conn(), org, &fields, now).await?;
    let after = cairn_db::units::get_unit(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "unit",
        Some(id),
        None,
        Some(&after),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a unit.
pub async fn update_unit(app: &App, actor: &Actor, id: i64, draft: &UnitDraft) -> AppResult<()> {
    require(actor, Permission::ManageUnits)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // Existence first, so an id from another organisation reads as "not found" whatever is sent.
    let before = cairn_db::units::get_unit(&mut tx.conn(), org, id).await?;
    let fields = draft.validate()?;
    check_references(&mut tx.conn(), org, &fields).await?;
    cairn_db::units::update_unit(&mut tx.conn(), org, id, &fields, now).await?;
    let after = cairn_db::units::get_unit(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "unit",
        Some(id),
        Some(&before),
        Some(&after),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
