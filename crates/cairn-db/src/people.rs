//! People and the units they belong to; each person's profile, consents, photo, own level with
//! every decision to move it, and pathway steps; and the reads that gather everything held about
//! one person (for "what Cairn holds about me" and a subject access export) and the who's-who.
//!
//! A photo row exists only while its person consents to a photo: the use case deletes it in the
//! same transaction that withdraws consent. Level decisions and pathway steps are append-only.

pub mod buddies;
pub mod erasure;
pub mod welcome;

use crate::plan::not_indexed;
use crate::{
    Arg, Conn, DbResult, Engine, Filter, execute, fetch_all, fetch_all_dynamic, fetch_one,
    fetch_optional, fetch_scalar,
};
use cairn_domain::people::{
    Constituency, Language, LevelFields, PersonFields, PersonStatus, ProfileFields, StepFields,
    welsh_sort_key,
};
use jiff::civil::Date;
use serde::Serialize;

/// Where else a person is named in the organisation's own records, for their export: the
/// model practices they own on a unit, the recruitment panels they sat on, and the units they
/// are the link person for.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NamedIn {
    /// (unit id, practice id).
    pub practices_owned: Vec<(i64, i64)>,
    /// (recruitment process id, stage).
    pub recruitment_panels: Vec<(i64, String)>,
    pub link_person_for_units: Vec<i64>,
}

/// See [`NamedIn`].
pub async fn named_in(c: &mut Conn<'_>, org: i64, person: i64) -> DbResult<NamedIn> {
    Ok(NamedIn {
        practices_owned: fetch_all!(
            c,
            (i64, i64),
            "SELECT unit_id, practice_id FROM assessments WHERE organisation_id = $1 AND owner_person_id = $2 \
             ORDER BY unit_id, practice_id",
            org,
            person
        )?,
        recruitment_panels: fetch_all!(
            c,
            (i64, String),
            "SELECT process_id, stage FROM recruitment_panel WHERE person_id = $1 ORDER BY process_id, stage",
            person
        )?,
        link_person_for_units: fetch_all!(
            c,
            (i64,),
            "SELECT id FROM units WHERE organisation_id = $1 AND link_person_id = $2 ORDER BY id",
            org,
            person
        )?
        .into_iter()
        .map(|(id,)| id)
        .collect(),
    })
}

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
    /// In the Welsh alphabet's order (for a Welsh page), else by the name as stored.
    pub welsh_order: bool,
}

/// Adds a person and their units. They join on the UTC date of `now`, at level 1; use
/// [`insert_joined`] to give the organisation's local date.
pub async fn insert(
    c: &mut Conn<'_>,
    organisation_id: i64,
    f: &PersonFields,
    now: i64,
) -> DbResult<i64> {
    let joined = jiff::Timestamp::from_millisecond(now)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default();
    insert_joined(c, organisation_id, f, joined, now).await
}

/// Adds a person and their units, joining on `joined_on`, at level 1 (the column's default).
pub async fn insert_joined(
    c: &mut Conn<'_>,
    organisation_id: i64,
    f: &PersonFields,
    joined_on: Date,
    now: i64,
) -> DbResult<i64> {
    let id = fetch_scalar!(
        c,
        i64,
        "INSERT INTO people (organisation_id, chosen_name, search_name, constituency, discipline, status, status_since, preferred_language, email, access_needs, consent_on, created_at, updated_at, joined_on, sort_key_cy) \
         VALUES ($1, $2, $12, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $13, $14) RETURNING id",
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
        f.chosen_name.to_lowercase(),
        joined_on.to_string(),
        welsh_sort_key(&f.chosen_name)
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
         email = $9, access_needs = $10, consent_on = $11, updated_at = $12, search_name = $13, sort_key_cy = $14 WHERE organisation_id = $1 AND id = $2",
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
        f.chosen_name.to_lowercase(),
        welsh_sort_key(&f.chosen_name)
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
    match list_query(c.engine(), organisation_id, q) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// What the staff list of people shows of a person: none of how to reach them or what they
/// need, which a list has no use for.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonLine {
    pub id: i64,
    pub chosen_name: String,
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
    #[sqlx(try_from = "String")]
    pub status: PersonStatus,
}

/// The columns of a [`PersonLine`]. Every column a query returns is copied out of the engine
/// for each row, so the list reads only the four it shows.
const LINE_COLUMNS: &str = "id, chosen_name, constituency, status";

/// A page of people as the staff list shows them, found and ordered as [`list`] finds them.
pub async fn list_lines(
    c: &mut Conn<'_>,
    organisation_id: i64,
    q: &PeopleQuery,
) -> DbResult<Vec<PersonLine>> {
    match select_people(c.engine(), organisation_id, q, LINE_COLUMNS) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// The SQL and arguments of [`list`]; `None` when nobody can match. The limit is the last
/// argument.
pub fn list_query(
    engine: Engine,
    organisation_id: i64,
    q: &PeopleQuery,
) -> Option<(String, Vec<Arg>)> {
    select_people(engine, organisation_id, q, COLUMNS)
}

/// [`list_query`] returning `columns` of each person.
fn select_people(
    engine: Engine,
    organisation_id: i64,
    q: &PeopleQuery,
    columns: &str,
) -> Option<(String, Vec<Arg>)> {
    let mut f = Filter::new();
    // A unit's list reads the unit's memberships in name order (each carries its person's
    // name): a page of one index range, where the organisation's people would all be checked.
    // SQLite's planner is kept on that index rather than the organisation's.
    let (from, name, name_cy, id) = match q.unit_id {
        Some(u) => {
            f.and("pu.unit_id = ?", vec![Arg::I64(u)]);
            f.and(
                &format!("{} = ?", not_indexed(engine, "p.organisation_id")),
                vec![Arg::I64(organisation_id)],
            );
            (
                "person_units pu JOIN people p ON p.id = pu.person_id",
                "pu.chosen_name",
                "pu.sort_key_cy",
                "pu.person_id",
            )
        }
        None => {
            f.and("p.organisation_id = ?", vec![Arg::I64(organisation_id)]);
            ("people p", "p.chosen_name", "p.sort_key_cy", "p.id")
        }
    };
    if let Some(units) = &q.within_units {
        if units.is_empty() {
            return None;
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
    let (order, after) = if q.welsh_order {
        (
            name_cy,
            q.after.as_ref().map(|(n, id)| (welsh_sort_key(n), *id)),
        )
    } else {
        (name, q.after.clone())
    };
    if let Some((after_name, after_id)) = after {
        // The first comparison, implied by the rest, lets the index range start at the cursor
        // instead of at the start of the list.
        f.and(
            &format!("{order} >= ? AND ({order} > ? OR ({order} = ? AND {id} > ?))"),
            vec![
                Arg::Text(after_name.clone()),
                Arg::Text(after_name.clone()),
                Arg::Text(after_name),
                Arg::I64(after_id),
            ],
        );
    }
    let lim = f.push_arg(Arg::I64(q.limit));
    let cols = columns
        .split(", ")
        .map(|c| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols} FROM {from}{} ORDER BY {order}, {id} LIMIT {lim}",
        f.where_sql()
    );
    Some((sql, f.into_args()))
}

/// Writes the Welsh sort key of every person who has none yet (those added before the key
/// existed). Run after migrating; a no-op once every row has its key.
pub async fn fill_welsh_sort_keys(c: &mut Conn<'_>) -> DbResult<u64> {
    let rows = fetch_all!(
        c,
        (i64, String),
        "SELECT id, chosen_name FROM people WHERE sort_key_cy = '' AND chosen_name <> ''"
    )?;
    let mut n = 0;
    for (id, name) in rows {
        n += execute!(
            c,
            "UPDATE people SET sort_key_cy = $2 WHERE id = $1",
            id,
            welsh_sort_key(&name)
        )?;
    }
    Ok(n)
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

// ---------------------------------------------------------------------------------------------
// Profiles, consents and photos
// ---------------------------------------------------------------------------------------------

/// A person's profile: their own words, how they like to be contacted, what they consent to,
/// their own level and the date they joined.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Profile {
    pub person_id: i64,
    pub skills: Option<String>,
    pub interests: Option<String>,
    pub grow_areas: Option<String>,
    pub ask_me_about: Option<String>,
    /// A `ContactBy` key.
    pub contact_by: Option<String>,
    pub contact_note: Option<String>,
    pub access_needs: Option<String>,
    pub consent_whos_who: bool,
    pub consent_photo: bool,
    pub consent_opportunities: bool,
    pub level: i64,
    pub joined_on: Option<String>,
    /// Whether a photo is stored.
    pub has_photo: bool,
}

/// One person's profile.
pub async fn profile(c: &mut Conn<'_>, organisation_id: i64, id: i64) -> DbResult<Profile> {
    fetch_one!(
        c,
        Profile,
        "SELECT p.id AS person_id, p.skills, p.interests, p.grow_areas, p.ask_me_about, p.contact_by, p.contact_note, p.access_needs, \
         p.consent_whos_who, p.consent_photo, p.consent_opportunities, p.level, p.joined_on, \
         EXISTS (SELECT 1 FROM person_photos ph WHERE ph.person_id = p.id) AS has_photo \
         FROM people p WHERE p.organisation_id = $1 AND p.id = $2",
        organisation_id,
        id
    )
}

/// Replaces a person's profile (and their access needs, which live on the record).
pub async fn set_profile(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    f: &ProfileFields,
    now: i64,
) -> DbResult<()> {
    let n = execute!(
        c,
        "UPDATE people SET skills = $3, interests = $4, grow_areas = $5, ask_me_about = $6, contact_by = $7, contact_note = $8, \
         access_needs = $9, consent_whos_who = $10, consent_photo = $11, consent_opportunities = $12, updated_at = $13 \
         WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id,
        f.skills.as_deref(),
        f.interests.as_deref(),
        f.grow_areas.as_deref(),
        f.ask_me_about.as_deref(),
        f.contact_by.map(|k| k.key()),
        f.contact_note.as_deref(),
        f.access_needs.as_deref(),
        f.consent_whos_who,
        f.consent_photo,
        f.consent_opportunities,
        now
    )?;
    if n == 0 {
        return Err(crate::DbError::NotFound);
    }
    Ok(())
}

/// Sets the date a person joined (the demo and imports; new people get it when added).
pub async fn set_joined_on(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
    joined_on: Date,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE people SET joined_on = $3 WHERE organisation_id = $1 AND id = $2",
        organisation_id,
        id,
        joined_on.to_string()
    )?;
    Ok(())
}

/// A stored photo's type and bytes, for a person of the organisation.
pub async fn photo(
    c: &mut Conn<'_>,
    organisation_id: i64,
    id: i64,
) -> DbResult<Option<(String, Vec<u8>)>> {
    fetch_optional!(
        c,
        (String, Vec<u8>),
        "SELECT ph.content_type, ph.bytes FROM person_photos ph JOIN people p ON p.id = ph.person_id \
         WHERE p.organisation_id = $1 AND ph.person_id = $2",
        organisation_id,
        id
    )
}

/// Stores a person's photo, replacing any earlier one.
pub async fn set_photo(
    c: &mut Conn<'_>,
    person_id: i64,
    content_type: &str,
    bytes: &[u8],
    now: i64,
) -> DbResult<()> {
    delete_photo(c, person_id).await?;
    execute!(
        c,
        "INSERT INTO person_photos (person_id, content_type, bytes, uploaded_at) VALUES ($1, $2, $3, $4)",
        person_id,
        content_type,
        bytes,
        now
    )?;
    Ok(())
}

/// Deletes a person's photo; returns whether there was one.
pub async fn delete_photo(c: &mut Conn<'_>, person_id: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "DELETE FROM person_photos WHERE person_id = $1",
        person_id
    )?;
    Ok(n > 0)
}

// ---------------------------------------------------------------------------------------------
// Level and pathway
// ---------------------------------------------------------------------------------------------

/// A decision to move a person's level, made with them.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct LevelDecision {
    pub id: i64,
    pub person_id: i64,
    pub from_level: i64,
    pub to_level: i64,
    pub decided_on: String,
    pub decided_by_label: String,
    pub note: String,
    pub created_at: i64,
}

/// Moves a person's level from `f.from_level` to `f.to_level` and records the decision. Returns
/// `None` (and writes nothing) when the person is no longer at `f.from_level`.
pub async fn decide_level(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
    f: &LevelFields,
    by_label: &str,
    now: i64,
) -> DbResult<Option<i64>> {
    let n = execute!(
        c,
        "UPDATE people SET level = $3, updated_at = $5 WHERE organisation_id = $1 AND id = $2 AND level = $4",
        organisation_id,
        person_id,
        i64::from(f.to_level),
        i64::from(f.from_level),
        now
    )?;
    if n == 0 {
        return Ok(None);
    }
    let id = fetch_scalar!(
        c,
        i64,
        "INSERT INTO level_decisions (organisation_id, person_id, from_level, to_level, decided_on, decided_by_label, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        organisation_id,
        person_id,
        i64::from(f.from_level),
        i64::from(f.to_level),
        f.decided_on.to_string(),
        by_label,
        &f.note,
        now
    )?;
    Ok(Some(id))
}

/// A person's level decisions, oldest first.
pub async fn level_decisions(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<LevelDecision>> {
    fetch_all!(
        c,
        LevelDecision,
        "SELECT id, person_id, from_level, to_level, decided_on, decided_by_label, note, created_at FROM level_decisions \
         WHERE person_id = $1 ORDER BY decided_on, id",
        person_id
    )
}

/// A recorded step on a person's pathway.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Step {
    pub id: i64,
    pub person_id: i64,
    /// A `PathwayStep` key.
    pub step: String,
    pub done_on: String,
    pub note: Option<String>,
    pub recorded_by_label: String,
    pub created_at: i64,
}

/// Records a pathway step.
pub async fn insert_step(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
    f: &StepFields,
    by_label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO pathway_steps (organisation_id, person_id, step, done_on, note, recorded_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        organisation_id,
        person_id,
        f.step.key(),
        f.done_on.to_string(),
        f.note.as_deref(),
        by_label,
        now
    )
}

/// A person's recorded steps, oldest first.
pub async fn steps(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<Step>> {
    fetch_all!(
        c,
        Step,
        "SELECT id, person_id, step, done_on, note, recorded_by_label, created_at FROM pathway_steps \
         WHERE person_id = $1 ORDER BY done_on, id",
        person_id
    )
}

/// A buddy pairing the person is part of, either as the newcomer or as the buddy.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Pairing {
    pub id: i64,
    pub newcomer_id: i64,
    pub newcomer_name: String,
    pub buddy_id: i64,
    pub buddy_name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

/// Every buddy pairing the person is part of, oldest first.
pub async fn pairings_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<Pairing>> {
    fetch_all!(
        c,
        Pairing,
        "SELECT b.id, b.newcomer_id, n.chosen_name AS newcomer_name, b.buddy_id, u.chosen_name AS buddy_name, b.starts_on, b.ends_on \
         FROM buddy_pairings b JOIN people n ON n.id = b.newcomer_id JOIN people u ON u.id = b.buddy_id \
         WHERE b.newcomer_id = $1 OR b.buddy_id = $1 ORDER BY b.starts_on, b.id",
        person_id
    )
}

/// A person's appointment to an involvement role.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RoleHeld {
    pub appointment_id: i64,
    pub person_id: i64,
    pub role_id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub unit_id: Option<i64>,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

impl RoleHeld {
    /// Whether the appointment is held on `today` (started, and not yet ended).
    pub fn is_current(&self, today: &str) -> bool {
        self.starts_on.as_str() <= today && self.ends_on.as_deref().is_none_or(|e| e >= today)
    }
}

/// Every appointment of a person, oldest first.
pub async fn roles_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<RoleHeld>> {
    fetch_all!(
        c,
        RoleHeld,
        "SELECT a.id AS appointment_id, a.person_id, a.role_id, r.title_en, r.title_cy, a.unit_id, a.starts_on, a.ends_on \
         FROM appointments a JOIN involvement_roles r ON r.id = a.role_id WHERE a.person_id = $1 ORDER BY a.starts_on, a.id",
        person_id
    )
}

/// Appointments held on `today` across an organisation (for the who's-who).
pub async fn current_roles_in(
    c: &mut Conn<'_>,
    organisation_id: i64,
    today: Date,
) -> DbResult<Vec<RoleHeld>> {
    let today = today.to_string();
    fetch_all!(
        c,
        RoleHeld,
        "SELECT a.id AS appointment_id, a.person_id, a.role_id, r.title_en, r.title_cy, a.unit_id, a.starts_on, a.ends_on \
         FROM appointments a JOIN involvement_roles r ON r.id = a.role_id \
         WHERE a.organisation_id = $1 AND a.starts_on <= $2 AND (a.ends_on IS NULL OR a.ends_on >= $2) ORDER BY a.person_id, a.starts_on, a.id",
        organisation_id,
        &today
    )
}

// ---------------------------------------------------------------------------------------------
// Everything about one person
// ---------------------------------------------------------------------------------------------

/// An expression of interest with the opportunity and role it was for.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct InterestHeld {
    pub id: i64,
    pub opportunity_id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub closes_on: String,
    /// An interest status key.
    pub status: String,
    pub message: Option<String>,
    pub feedback: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A person's expressions of interest, newest first.
pub async fn interests_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<InterestHeld>> {
    fetch_all!(
        c,
        InterestHeld,
        "SELECT i.id, i.opportunity_id, r.title_en, r.title_cy, o.closes_on, i.status, i.message, i.feedback, i.created_at, i.updated_at \
         FROM interests i JOIN opportunities o ON o.id = i.opportunity_id JOIN involvement_roles r ON r.id = o.role_id \
         WHERE i.person_id = $1 ORDER BY i.created_at DESC, i.id DESC",
        person_id
    )
}

/// Exit feedback a person gave (or staff gave with them).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ExitGiven {
    pub id: i64,
    pub appointment_id: Option<i64>,
    pub left_on: String,
    /// Reason keys, one per line.
    pub reasons: String,
    pub own_words: Option<String>,
    pub stay_in_touch: String,
    pub on_behalf: bool,
    pub created_at: i64,
}

/// A person's exit feedback, oldest first.
pub async fn exits_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<ExitGiven>> {
    fetch_all!(
        c,
        ExitGiven,
        "SELECT id, appointment_id, left_on, reasons, own_words, stay_in_touch, on_behalf, created_at FROM exits \
         WHERE person_id = $1 ORDER BY left_on, id",
        person_id
    )
}

/// A meeting group a person belongs to.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct GroupOf {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
}

/// The meeting groups a person belongs to, by name.
pub async fn groups_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<GroupOf>> {
    fetch_all!(
        c,
        GroupOf,
        "SELECT g.id, g.name_en, g.name_cy FROM meeting_group_members m JOIN meeting_groups g ON g.id = m.group_id \
         WHERE m.person_id = $1 ORDER BY g.name_en, g.id",
        person_id
    )
}

/// A person's reply to, or presence at, one meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Attendance {
    pub meeting_id: i64,
    pub group_name_en: String,
    pub group_name_cy: String,
    pub starts_at: i64,
    pub reply: Option<String>,
    pub presence: Option<String>,
    pub minutes: Option<i64>,
}

/// A person's meetings (replies and attendance), oldest first.
pub async fn attendance_of(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<Attendance>> {
    fetch_all!(
        c,
        Attendance,
        "SELECT mp.meeting_id, g.name_en AS group_name_en, g.name_cy AS group_name_cy, m.starts_at, mp.reply, mp.presence, mp.minutes \
         FROM meeting_people mp JOIN meetings m ON m.id = mp.meeting_id JOIN meeting_groups g ON g.id = m.group_id \
         WHERE mp.person_id = $1 ORDER BY m.starts_at, m.id",
        person_id
    )
}

/// How many claims a person has.
pub async fn claim_count(c: &mut Conn<'_>, person_id: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM claims WHERE person_id = $1",
        person_id
    )
}

/// A suggestion sent from a person's own account.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct SuggestionSent {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub text: String,
    pub status: String,
    pub received_at: i64,
    pub public_response: Option<String>,
}

/// Suggestions sent from the given account, oldest first.
pub async fn suggestions_by_user(
    c: &mut Conn<'_>,
    organisation_id: i64,
    user_id: i64,
) -> DbResult<Vec<SuggestionSent>> {
    fetch_all!(
        c,
        SuggestionSent,
        "SELECT id, unit_id, text, status, received_at, public_response FROM suggestions \
         WHERE organisation_id = $1 AND submitted_by_user_id = $2 ORDER BY received_at, id",
        organisation_id,
        user_id
    )
}

/// Audit entries naming a person: done for them, or about their record. Oldest first.
pub async fn audit_naming(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
) -> DbResult<Vec<crate::audit::Entry>> {
    fetch_all!(
        c,
        crate::audit::Entry,
        "SELECT id, organisation_id, at, actor_user_id, actor_label, on_behalf_of_person_id, action, entity, entity_id, before_json, after_json \
         FROM audit_log WHERE organisation_id = $1 AND (on_behalf_of_person_id = $2 OR (entity = 'person' AND entity_id = $2)) ORDER BY at, id",
        organisation_id,
        person_id
    )
}

// ---------------------------------------------------------------------------------------------
// The who's-who
// ---------------------------------------------------------------------------------------------

/// Someone on the who's-who: active, and consenting to be on it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct WhosWhoEntry {
    pub id: i64,
    pub chosen_name: String,
    pub ask_me_about: Option<String>,
    /// True only when they consent to a photo and one is stored.
    pub has_photo: bool,
}

/// The organisation's who's-who, or one unit's (`unit_id`), in no particular order.
pub async fn whos_who(
    c: &mut Conn<'_>,
    organisation_id: i64,
    unit_id: Option<i64>,
) -> DbResult<Vec<WhosWhoEntry>> {
    let cols = "p.id, p.chosen_name, p.ask_me_about, \
                (p.consent_photo = $2 AND EXISTS (SELECT 1 FROM person_photos ph WHERE ph.person_id = p.id)) AS has_photo";
    match unit_id {
        None => {
            fetch_all!(
                c,
                WhosWhoEntry,
                &format!(
                    "SELECT {cols} FROM people p WHERE p.organisation_id = $1 AND p.status = 'active' AND p.consent_whos_who = $2"
                ),
                organisation_id,
                true
            )
        }
        Some(u) => {
            fetch_all!(
                c,
                WhosWhoEntry,
                &format!(
                    "SELECT {cols} FROM people p WHERE p.organisation_id = $1 AND p.status = 'active' AND p.consent_whos_who = $2 \
                     AND EXISTS (SELECT 1 FROM person_units pu WHERE pu.person_id = p.id AND pu.unit_id = $3)"
                ),
                organisation_id,
                true,
                u
            )
        }
    }
}

/// Whether a person is on the organisation's who's-who with a photo (active, consenting to
/// both), so anyone who may read the who's-who may see that photo.
pub async fn photo_on_whos_who(
    c: &mut Conn<'_>,
    organisation_id: i64,
    person_id: i64,
) -> DbResult<bool> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM people WHERE organisation_id = $1 AND id = $2 AND status = 'active' AND consent_whos_who = $3 AND consent_photo = $3",
        organisation_id,
        person_id,
        true
    )?;
    Ok(n > 0)
}
