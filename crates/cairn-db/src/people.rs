//! People and the units they belong to.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_one, fetch_scalar,
};
use cairn_domain::people::{Constituency, Language, PersonFields, PersonStatus};
use serde::Serialize;

/// A person's record.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Person {
    pub id: i64,
    pub organisation_id: i64,
    pub chosen_name: String,
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
    pub discipline: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: PersonStatus,
    pub status_since: Option<String>,
    #[sqlx(try_from = "String")]
    pub preferred_language: Language,
    pub email: Option<String>,
    pub access_needs: Option<String>,
    pub consent_on: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, organisation_id, chosen_name, constituency, discipline, status, status_since, preferred_language, email, access_needs, consent_on, created_at, updated_at";

/// Filters for the people list. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub unit_id: Option<i64>,
    pub constituency: Option<Constituency>,
    pub status: Option<PersonStatus>,
    /// Case-insensitive match anywhere in the chosen name.
    pub text: Option<String>,
    /// Limit to people in any of these units (unit-scoped accounts).
    pub within_units: Option<Vec<i64>>,
    /// Continue after this (chosen name, id).
    pub after: Option<(String, i64)>,
    pub limit: i64,
}

/// Adds a person and their units.
pub async fn insert(
    c: &mut Conn<'_>,
    organisation_id: i64,
    f: &PersonFields,
    now: i64,
) -> DbResult<i64> {
    let id = fetch_scalar!(
        c,
        i64,
        "INSERT INTO people (organisation_id, chosen_name, search_name, constituency, discipline, status, status_since, preferred_language, email, access_needs, consent_on, created_at, updated_at) \
         VALUES ($1, $2, $12, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        organisation_id,
        &f.chosen_name,
        f.constituency.key(),
        f.discipline.as_deref(),
        f.status.key(),
        f.status_since.map(|d| d.to_string()),
        f.preferred_language.key(),
        f.email.as_deref(),
        f.access_needs.as_deref(),
        f.consent_on.map(|d| d.to_string()),
        now,
        f.chosen_name.to_lowercase()
    )?;
    set_units(c, id, &f.unit_ids).await?;
    Ok(id)
}

/// Changes a person's details and units.
pub async fn update(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    f: &PersonFields,
    now: i64,
) -> DbResult<()> {
    let n = execute!(
        c,
        "UPDATE people SET chosen_name = $3, constituency = $4, discipline = $5, status = $6, status_since = $7, preferred_language = $8, \
         email = $9, access_needs = $10, consent_on = $11, updated_at = $12, search_name = $13 WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id,
        &f.chosen_name,
        f.constituency.key(),
        f.discipline.as_deref(),
        f.status.key(),
        f.status_since.map(|d| d.to_string()),
        f.preferred_language.key(),
        f.email.as_deref(),
        f.access_needs.as_deref(),
        f.consent_on.map(|d| d.to_string()),
        now,
        f.chosen_name.to_lowercase()
    )?;
    if n == 0 {
        return Err(crate::DbError::NotFound);
    }
    set_units(c, id, &f.unit_ids).await
}

async fn set_units(c: &mut Conn<'_>, person_id: i64, unit_ids: &[i64]) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM person_units WHERE person_id = $1",
        person_id
    )?;
    for u in unit_ids {
        execute!(
            c,
            "INSERT INTO person_units (person_id, unit_id) VALUES ($1, $2)",
            person_id,
            *u
        )?;
    }
    Ok(())
}

/// One person of an organisation.
pub async fn get(c: &mut Conn<'_>, organisation_id: i64, id: i64) -> DbResult<Person> {
    fetch_one!(
        c,
        Person,
        &format!("SELECT {COLUMNS} FROM people WHERE organisation_id = $1 AND id = $2"),
        organisation_id,
        id
    )
}

/// The units a person belongs to.
pub async fn unit_ids(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT unit_id FROM person_units WHERE person_id = $1 ORDER BY unit_id",
        person_id
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// (person id, unit id) pairs for the given people, to show units in a list in one query.
pub async fn units_of(c: &mut Conn<'_>, person_ids: &[i64]) -> DbResult<Vec<(i64, i64)>> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new();
    let marks = vec!["?"; person_ids.len()].join(", ");
    f.and(
        &format!("person_id IN ({marks})"),
        person_ids.iter().map(|i| Arg::I64(*i)).collect(),
    );
    let sql = format!(
        "SELECT person_id, unit_id FROM person_units{} ORDER BY person_id, unit_id",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// A page of an organisation's people, by chosen name.
pub async fn list(
    c: &mut Conn<'_>,
    organisation_id: i64,
    q: &PeopleQuery,
) -> DbResult<Vec<Person>> {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
    if let Some(u) = q.unit_id {
        f.and(
            "EXISTS (SELECT 1 FROM person_units pu WHERE pu.person_id = p.id AND pu.unit_id = ?)",
            vec![Arg::I64(u)],
        );
    }
    if let Some(units) = &q.within_units {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; units.len()].join(", ");
        f.and(
            &format!("EXISTS (SELECT 1 FROM person_units pw WHERE pw.person_id = p.id AND pw.unit_id IN ({marks}))"),
            units.iter().map(|i| Arg::I64(*i)).collect(),
        );
    }
    if let Some(k) = q.constituency {
        f.and("p.constituency = ?", vec![Arg::Text(k.key().to_owned())]);
    }
    if let Some(s) = q.status {
        f.and("p.status = ?", vec![Arg::Text(s.key().to_owned())]);
    }
    if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = t
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        f.and(
            "p.search_name LIKE ? ESCAPE '\\'",
            vec![Arg::Text(format!("%{escaped}%"))],
        );
    }
    if let Some((name, id)) = &q.after {
        f.and(
            "(p.chosen_name > ? OR (p.chosen_name = ? AND p.id > ?))",
            vec![
                Arg::Text(name.clone()),
                Arg::Text(name.clone()),
                Arg::I64(*id),
            ],
        );
    }
    let lim = f.push_arg(Arg::I64(q.limit));
    let cols = COLUMNS
        .split(", ")
        .map(|c| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols} FROM people p{} ORDER BY p.chosen_name, p.id LIMIT {lim}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Counts an organisation's people (for the demo and tests).
pub async fn count(c: &mut Conn<'_>, organisation_id: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM people WHERE organisation_id = $1",
        organisation_id
    )
}

/// Active people an organisation could name as a unit's link person (staff and managers).
pub async fn possible_link_people(
    c: &mut Conn<'_>,
    organisation_id: i64,
) -> DbResult<Vec<(i64, String)>> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT id, chosen_name FROM people WHERE organisation_id = $1 AND status = 'active' AND constituency IN ('staff', 'manager') ORDER BY chosen_name, id",
        organisation_id
    )
}

/// Chosen names for the given people of an organisation.
pub async fn names(
    c: &mut Conn<'_>,
    organisation_id: i64,
    ids: &[i64],
) -> DbResult<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(organisation_id)]);
    let marks = vec!["?"; ids.len()].join(", ");
    f.and(
        &format!("id IN ({marks})"),
        ids.iter().map(|i| Arg::I64(*i)).collect(),
    );
    let sql = format!("SELECT id, chosen_name FROM people{}", f.where_sql());
    fetch_all_dynamic(c, &sql, f.into_args()).await
}
