//! Organisations, services and units.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_one, fetch_optional,
    fetch_scalar,
};
use cairn_domain::units::{GenderMix, UnitFields, UnitType};
use serde::Serialize;

/// An organisation (a health board or trust running Cairn).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub name_cy: Option<String>,
    pub time_zone: String,
    pub smtp_enabled: bool,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<i64>,
    pub smtp_username: Option<String>,
    #[serde(skip)]
    pub smtp_password: Option<String>,
    pub smtp_tls: String,
    pub smtp_from: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Share of applicable practices in place for a level to count as reached.
    pub model_threshold_percent: i64,
    /// Whether members may see their units' self-assessments.
    pub publish_assessments: bool,
    /// Days within which every suggestion should get a first response.
    pub feedback_target_days: i64,
    /// The public board, poster and kiosk show an item only once it has both languages.
    pub board_needs_both_languages: bool,
    /// Changes with every change to the row (a trigger bumps it): a copy held in memory is
    /// current while this matches the number read with the session.
    #[serde(skip)]
    pub settings_version: i64,
}

/// A service within an organisation (for example "Rehabilitation and recovery").
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Service {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub name_cy: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A unit: ward, house or team.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Unit {
    pub id: i64,
    pub organisation_id: i64,
    pub service_id: i64,
    pub name: String,
    pub name_cy: Option<String>,
    #[sqlx(try_from = "String")]
    pub unit_type: UnitType,
    pub beds: Option<i64>,
    #[sqlx(try_from = "String")]
    pub gender_mix: GenderMix,
    pub link_person_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const UNIT_COLUMNS: &str = "id, organisation_id, service_id, name, name_cy, unit_type, beds, gender_mix, link_person_id, created_at, updated_at";
const ORG_COLUMNS: &str = "id, name, name_cy, time_zone, smtp_enabled, smtp_host, smtp_port, smtp_username, smtp_password, smtp_tls, smtp_from, created_at, updated_at, model_threshold_percent, publish_assessments, feedback_target_days, board_needs_both_languages, settings_version";

/// Counts organisations (zero means the deployment still needs setting up).
pub async fn count_organisations(c: &mut Conn<'_>) -> DbResult<i64> {
    fetch_scalar!(c, i64, "SELECT COUNT(*) FROM organisations")
}

/// Adds an organisation.
pub async fn insert_organisation(
    c: &mut Conn<'_>,
    name: &str,
    name_cy: Option<&str>,
    time_zone: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO organisations (name, name_cy, time_zone, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
        name,
        name_cy,
        time_zone,
        now
    )
}

/// Reads an organisation.
pub async fn get_organisation(c: &mut Conn<'_>, id: i64) -> DbResult<Organisation> {
    fetch_one!(
        c,
        Organisation,
        &format!("SELECT {ORG_COLUMNS} FROM organisations WHERE id = $1"),
        id
    )
}

/// Whether the public board, poster and kiosk wait for both languages before showing an item.
pub async fn set_board_needs_both_languages(
    c: &mut Conn<'_>,
    id: i64,
    on: bool,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE organisations SET board_needs_both_languages = $2, updated_at = $3 WHERE id = $1",
        id,
        on,
        now
    )?;
    Ok(())
}

/// Every organisation, by name.
pub async fn list_organisations(c: &mut Conn<'_>) -> DbResult<Vec<Organisation>> {
    fetch_all!(
        c,
        Organisation,
        &format!("SELECT {ORG_COLUMNS} FROM organisations ORDER BY name, id")
    )
}

/// The settings an organisation administrator may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationSettings {
    pub name: String,
    pub name_cy: Option<String>,
    pub time_zone: String,
    pub smtp_enabled: bool,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<i64>,
    pub smtp_username: Option<String>,
    /// `None` keeps the stored password.
    #[serde(skip)]
    pub smtp_password: Option<String>,
    pub smtp_tls: String,
    pub smtp_from: Option<String>,
}

/// Saves an organisation's settings.
pub async fn update_organisation(
    c: &mut Conn<'_>,
    id: i64,
    s: &OrganisationSettings,
    now: i64,
) -> DbResult<()> {
    let n = execute!(
        c,
        "UPDATE organisations SET name = $2, name_cy = $3, time_zone = $4, smtp_enabled = $5, smtp_host = $6, smtp_port = $7, \
         smtp_username = $8, smtp_password = COALESCE($9, smtp_password), smtp_tls = $10, smtp_from = $11, updated_at = $12 WHERE id = $1",
        id,
        &s.name,
        s.name_cy.as_deref(),
        &s.time_zone,
        s.smtp_enabled,
        s.smtp_host.as_deref(),
        s.smtp_port,
        s.smtp_username.as_deref(),
        s.smtp_password.as_deref(),
        &s.smtp_tls,
        s.smtp_from.as_deref(),
        now
    )?;
    if n == 0 {
        Err(crate::DbError::NotFound)
    } else {
        Ok(())
    }
}

/// Adds a service.
pub async fn insert_service(
    c: &mut Conn<'_>,
    organisation_id: i64,
    name: &str,
    name_cy: Option<&str>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO services (organisation_id, name, name_cy, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
        organisation_id,
        name,
        name_cy,
        now
    )
}

/// An organisation's services, by name.
pub async fn list_services(c: &mut Conn<'_>, organisation_id: i64) -> DbResult<Vec<Service>> {
    fetch_all!(
        c,
        Service,
        "SELECT id, organisation_id, name, name_cy, created_at, updated_at FROM services WHERE organisation_id = $1 ORDER BY name, id",
        organisation_id
    )
}

/// One service of an organisation.
pub async fn get_service(c: &mut Conn<'_>, organisation_id: i64, id: i64) -> DbResult<Service> {
    fetch_one!(
        c,
        Service,
        "SELECT id, organisation_id, name, name_cy, created_at, updated_at FROM services WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id
    )
}

/// Adds a unit.
pub async fn insert_unit(
    c: &mut Conn<'_>,
    organisation_id: i64,
    f: &UnitFields,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO units (organisation_id, service_id, name, name_cy, unit_type, beds, gender_mix, link_person_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        organisation_id,
        f.service_id,
        &f.name,
        f.name_cy.as_deref(),
        f.unit_type.key(),
        f.beds,
        f.gender_mix.key(),
        f.link_person_id,
        now
    )
}

/// Changes a unit's details.
pub async fn update_unit(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    f: &UnitFields,
    now: i64,
) -> DbResult<()> {
    let n = execute!(
        c,
        "UPDATE units SET service_id = $3, name = $4, name_cy = $5, unit_type = $6, beds = $7, gender_mix = $8, link_person_id = $9, updated_at = $10 \
         WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id,
        f.service_id,
        &f.name,
        f.name_cy.as_deref(),
        f.unit_type.key(),
        f.beds,
        f.gender_mix.key(),
        f.link_person_id,
        now
    )?;
    if n == 0 {
        Err(crate::DbError::NotFound)
    } else {
        Ok(())
    }
}

/// One unit of an organisation.
pub async fn get_unit(c: &mut Conn<'_>, organisation_id: i64, id: i64) -> DbResult<Unit> {
    fetch_one!(
        c,
        Unit,
        &format!("SELECT {UNIT_COLUMNS} FROM units WHERE organisation_id = $1 AND id = $2"),
        organisation_id,
        id
    )
}

/// An organisation's units by name; `only` limits them to a unit-scoped account's units.
/// `after` and `limit` page through them by id-stable name order.
pub async fn list_units(
    c: &mut Conn<'_>,
    organisation_id: i64,
    only: Option<&[i64]>,
    after: Option<(String, i64)>,
    limit: i64,
) -> DbResult<Vec<Unit>> {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(organisation_id)]);
    if let Some(ids) = only {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        f.and(
            &format!("id IN ({marks})"),
            ids.iter().map(|i| Arg::I64(*i)).collect(),
        );
    }
    if let Some((name, id)) = after {
        f.and(
            "(name > ? OR (name = ? AND id > ?))",
            vec![Arg::Text(name.clone()), Arg::Text(name), Arg::I64(id)],
        );
    }
    let lim = f.push_arg(Arg::I64(limit));
    let sql = format!(
        "SELECT {UNIT_COLUMNS} FROM units{} ORDER BY name, id LIMIT {lim}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// How many people are linked to each unit (active or not), for the unit list.
pub async fn people_counts(c: &mut Conn<'_>, organisation_id: i64) -> DbResult<Vec<(i64, i64)>> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT pu.unit_id, COUNT(*) FROM person_units pu JOIN units u ON u.id = pu.unit_id WHERE u.organisation_id = $1 GROUP BY pu.unit_id",
        organisation_id
    )
}

/// Counts people on a unit by constituency (active people only).
pub async fn constituency_counts(c: &mut Conn<'_>, unit_id: i64) -> DbResult<Vec<(String, i64)>> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT p.constituency, COUNT(*) FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE pu.unit_id = $1 AND p.status = 'active' GROUP BY p.constituency ORDER BY p.constituency",
        unit_id
    )
}

/// Whether a unit id belongs to the organisation.
pub async fn unit_in_organisation(
    c: &mut Conn<'_>,
    organisation_id: i64,
    unit_id: i64,
) -> DbResult<bool> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM units WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        unit_id
    )?;
    Ok(n > 0)
}

/// The unit ids of an organisation among `ids` (to check a submitted list).
pub async fn units_in_organisation(c: &mut Conn<'_>, organisation_id: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT id FROM units WHERE organisation_id = $1",
        organisation_id
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A unit by id regardless of organisation; only for tests of isolation and tools.
pub async fn find_unit_any_org(c: &mut Conn<'_>, id: i64) -> DbResult<Option<Unit>> {
    fetch_optional!(
        c,
        Unit,
        &format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = $1"),
        id
    )
}
