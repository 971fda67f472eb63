//! Involvement roles and their descriptions, opportunities, expressions of interest and their
//! history, appointments with their checks, exit feedback, and staff recruitment panels.
//!
//! Invariants kept by the queries here: an expression of interest moves only by a conditional
//! update on its current status (so two moves from one status count once); an appointment is
//! open while `ends_on` is NULL; the organisation id is part of every lookup.

use crate::{
    Arg, Conn, DbResult, Filter, execute, fetch_all, fetch_all_dynamic, fetch_optional,
    fetch_scalar,
};
use cairn_domain::people::{Constituency, PersonStatus};
use cairn_domain::roles::{
    ExitReason, InterestStatus, PaymentCategory, RecruitmentFields, RecruitmentStage, RoleCheck,
    RoleFields, RoleKind, StayInTouch, role_checks,
};

/// A role a person holds on a given day, for pages that list "roles held".
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct HeldRole {
    pub appointment_id: i64,
    pub role_id: i64,
    pub title_en: String,
    pub title_cy: String,
    #[sqlx(try_from = "String")]
    pub kind: RoleKind,
    pub unit_id: Option<i64>,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

/// The roles `person_id` holds on `today_iso` (an ISO date): appointments started on or before
/// it and not ended before it, earliest first.
pub async fn current_roles_of(
    c: &mut Conn<'_>,
    person_id: i64,
    today_iso: &str,
) -> DbResult<Vec<HeldRole>> {
    fetch_all!(
        c,
        HeldRole,
        "SELECT a.id AS appointment_id, r.id AS role_id, r.title_en, r.title_cy, r.kind, a.unit_id, a.starts_on, a.ends_on \
         FROM appointments a JOIN involvement_roles r ON r.id = a.role_id \
         WHERE a.person_id = $1 AND a.starts_on <= $2 AND (a.ends_on IS NULL OR a.ends_on >= $2) \
         ORDER BY a.starts_on, a.id",
        person_id,
        today_iso
    )
}

// ---------------------------------------------------------------------------------------------
// Role descriptions
// ---------------------------------------------------------------------------------------------

/// An involvement role and its description, as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Role {
    pub id: i64,
    pub organisation_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: RoleKind,
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub involves_en: String,
    pub involves_cy: String,
    pub time_en: String,
    pub time_cy: String,
    pub support_en: String,
    pub support_cy: String,
    pub level: i64,
    #[sqlx(try_from = "String")]
    pub payment: PaymentCategory,
    pub leadership: bool,
    pub needs_references: bool,
    pub needs_dbs: bool,
    pub needs_occupational_health: bool,
    pub published_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Role {
    /// The title in one language.
    pub fn title(&self, welsh: bool) -> &str {
        if welsh {
            &self.title_cy
        } else {
            &self.title_en
        }
    }

    /// The checks the role needs, in list order.
    pub fn checks(&self) -> Vec<RoleCheck> {
        role_checks(
            self.needs_references,
            self.needs_dbs,
            self.needs_occupational_health,
        )
    }
}

const ROLE_COLUMNS: &str = "id, organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, time_en, time_cy, \
    support_en, support_cy, level, payment, leadership, needs_references, needs_dbs, needs_occupational_health, published_at, created_at, updated_at";

/// Adds a role description; `published_at` is `now` when it is published.
pub async fn insert_role(c: &mut Conn<'_>, org: i64, f: &RoleFields, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, time_en, time_cy, \
         support_en, support_cy, level, payment, leadership, needs_references, needs_dbs, needs_occupational_health, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) RETURNING id",
        org,
        f.kind.key(),
        &f.title_en,
        &f.title_cy,
        &f.purpose_en,
        &f.purpose_cy,
        &f.involves_en,
        &f.involves_cy,
        &f.time_en,
        &f.time_cy,
        &f.support_en,
        &f.support_cy,
        i64::from(f.level),
        f.payment.key(),
        f.leadership,
        f.needs_references,
        f.needs_dbs,
        f.needs_occupational_health,
        f.published.then_some(now),
        now
    )
}

/// Rewrites a role description. `published_at` keeps its first value while the role stays
/// published, becomes `now` when it is published, and NULL when it is taken back.
pub async fn update_role(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
    f: &RoleFields,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE involvement_roles SET kind = $3, title_en = $4, title_cy = $5, purpose_en = $6, purpose_cy = $7, involves_en = $8, involves_cy = $9, \
         time_en = $10, time_cy = $11, support_en = $12, support_cy = $13, level = $14, payment = $15, leadership = $16, needs_references = $17, \
         needs_dbs = $18, needs_occupational_health = $19, \
         published_at = CASE WHEN $20 THEN COALESCE(published_at, $21) ELSE NULL END, updated_at = $21 \
         WHERE organisation_id = $1 AND id = $2",
        org,
        id,
        f.kind.key(),
        &f.title_en,
        &f.title_cy,
        &f.purpose_en,
        &f.purpose_cy,
        &f.involves_en,
        &f.involves_cy,
        &f.time_en,
        &f.time_cy,
        &f.support_en,
        &f.support_cy,
        i64::from(f.level),
        f.payment.key(),
        f.leadership,
        f.needs_references,
        f.needs_dbs,
        f.needs_occupational_health,
        f.published,
        now
    )?;
    Ok(n == 1)
}

/// One role of an organisation.
/// The organisation's roles of one kind (for example every interview-panel role).
pub async fn role_ids_of_kind(c: &mut Conn<'_>, org: i64, kind: &str) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = crate::fetch_all!(
        c,
        (i64,),
        "SELECT id FROM involvement_roles WHERE organisation_id = $1 AND kind = $2 ORDER BY id",
        org,
        kind
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn get_role(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Role>> {
    fetch_optional!(
        c,
        Role,
        &format!(
            "SELECT {ROLE_COLUMNS} FROM involvement_roles WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// An organisation's roles by English title; `published_only` leaves out drafts.
pub async fn list_roles(c: &mut Conn<'_>, org: i64, published_only: bool) -> DbResult<Vec<Role>> {
    fetch_all!(
        c,
        Role,
        &format!(
            "SELECT {ROLE_COLUMNS} FROM involvement_roles WHERE organisation_id = $1 AND ($2 = FALSE OR published_at IS NOT NULL) \
             ORDER BY title_en, id"
        ),
        org,
        published_only
    )
}

// ---------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------

/// An opportunity with its role's titles and kind.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Opportunity {
    pub id: i64,
    pub organisation_id: i64,
    pub role_id: i64,
    pub unit_id: Option<i64>,
    pub note_en: Option<String>,
    pub note_cy: Option<String>,
    pub opened_on: String,
    pub closes_on: String,
    pub withdrawn_at: Option<i64>,
    pub created_by_label: String,
    pub created_at: i64,
    pub title_en: String,
    pub title_cy: String,
    #[sqlx(try_from = "String")]
    pub kind: RoleKind,
}

impl Opportunity {
    /// The role's title in one language.
    pub fn title(&self, welsh: bool) -> &str {
        if welsh {
            &self.title_cy
        } else {
            &self.title_en
        }
    }

    /// The note in one language, if any.
    pub fn note(&self, welsh: bool) -> Option<&str> {
        if welsh {
            self.note_cy.as_deref()
        } else {
            self.note_en.as_deref()
        }
    }
}

const OPPORTUNITY_SELECT: &str = "SELECT o.id, o.organisation_id, o.role_id, o.unit_id, o.note_en, o.note_cy, o.opened_on, o.closes_on, \
    o.withdrawn_at, o.created_by_label, o.created_at, r.title_en, r.title_cy, r.kind \
    FROM opportunities o JOIN involvement_roles r ON r.id = o.role_id";

/// A new opportunity.
pub struct NewOpportunity<'a> {
    pub role_id: i64,
    pub unit_id: Option<i64>,
    pub note_en: Option<&'a str>,
    pub note_cy: Option<&'a str>,
    pub opened_on: &'a str,
    pub closes_on: &'a str,
    pub created_by_label: &'a str,
}

/// Adds an opportunity.
pub async fn insert_opportunity(
    c: &mut Conn<'_>,
    org: i64,
    o: &NewOpportunity<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO opportunities (organisation_id, role_id, unit_id, note_en, note_cy, opened_on, closes_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        org,
        o.role_id,
        o.unit_id,
        o.note_en,
        o.note_cy,
        o.opened_on,
        o.closes_on,
        o.created_by_label,
        now
    )
}

/// One opportunity of an organisation.
pub async fn get_opportunity(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Opportunity>> {
    fetch_optional!(
        c,
        Opportunity,
        &format!("{OPPORTUNITY_SELECT} WHERE o.organisation_id = $1 AND o.id = $2"),
        org,
        id
    )
}

/// Filters for the opportunities list.
#[derive(Debug, Clone, Default)]
pub struct OpportunityQuery {
    /// Only those open on this ISO date (not withdrawn, closing on or after it).
    pub open_on: Option<String>,
    /// Only service-wide ones and those of these units.
    pub within_units: Option<Vec<i64>>,
    pub limit: i64,
}

/// An organisation's opportunities, closing soonest first.
pub async fn list_opportunities(
    c: &mut Conn<'_>,
    org: i64,
    q: &OpportunityQuery,
) -> DbResult<Vec<Opportunity>> {
    let (sql, args) = list_opportunities_query(org, q);
    fetch_all_dynamic(c, &sql, args).await
}

/// The SQL and arguments of [`list_opportunities`]. The limit is the last argument.
pub fn list_opportunities_query(org: i64, q: &OpportunityQuery) -> (String, Vec<Arg>) {
    let mut f = Filter::new();
    f.and("o.organisation_id = ?", vec![Arg::I64(org)]);
    if let Some(d) = &q.open_on {
        f.and(
            "o.withdrawn_at IS NULL AND o.closes_on >= ?",
            vec![Arg::Text(d.clone())],
        );
    }
    if let Some(units) = &q.within_units {
        if units.is_empty() {
            f.and("o.unit_id IS NULL", vec![]);
        } else {
            let marks = vec!["?"; units.len()].join(", ");
            f.and(
                &format!("(o.unit_id IS NULL OR o.unit_id IN ({marks}))"),
                units.iter().map(|u| Arg::I64(*u)).collect(),
            );
        }
    }
    let lim = f.push_arg(Arg::I64(q.limit.max(1)));
    let sql = format!(
        "{OPPORTUNITY_SELECT}{} ORDER BY o.closes_on, o.id LIMIT {lim}",
        f.where_sql()
    );
    (sql, f.into_args())
}

/// Withdraws an opportunity (once); true when this call withdrew it.
pub async fn withdraw_opportunity(c: &mut Conn<'_>, org: i64, id: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE opportunities SET withdrawn_at = $3 WHERE organisation_id = $1 AND id = $2 AND withdrawn_at IS NULL",
        org,
        id,
        now
    )?;
    Ok(n == 1)
}

// ---------------------------------------------------------------------------------------------
// Expressions of interest
// ---------------------------------------------------------------------------------------------

/// An expression of interest with the person's name and the role's titles.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Interest {
    pub id: i64,
    pub organisation_id: i64,
    pub opportunity_id: i64,
    pub person_id: i64,
    #[sqlx(try_from = "String")]
    pub status: InterestStatus,
    pub message: Option<String>,
    pub feedback: Option<String>,
    pub entered_by_label: String,
    pub on_behalf: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub person_name: String,
    pub role_id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub unit_id: Option<i64>,
}

const INTEREST_SELECT: &str = "SELECT i.id, i.organisation_id, i.opportunity_id, i.person_id, i.status, i.message, i.feedback, i.entered_by_label, \
    i.on_behalf, i.created_at, i.updated_at, p.chosen_name AS person_name, o.role_id, r.title_en, r.title_cy, o.unit_id \
    FROM interests i JOIN people p ON p.id = i.person_id JOIN opportunities o ON o.id = i.opportunity_id \
    JOIN involvement_roles r ON r.id = o.role_id";

/// A new expression of interest (status "received").
pub struct NewInterest<'a> {
    pub opportunity_id: i64,
    pub person_id: i64,
    pub message: Option<&'a str>,
    pub entered_by_label: &'a str,
    pub on_behalf: bool,
}

/// Adds an expression of interest; `DbError::Conflict` when the person already said so.
pub async fn insert_interest(
    c: &mut Conn<'_>,
    org: i64,
    n: &NewInterest<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO interests (organisation_id, opportunity_id, person_id, status, message, entered_by_label, on_behalf, created_at, updated_at) \
         VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $7) RETURNING id",
        org,
        n.opportunity_id,
        n.person_id,
        n.message,
        n.entered_by_label,
        n.on_behalf,
        now
    )
}

/// The id of a person's expression of interest in an opportunity, if any.
pub async fn find_interest(
    c: &mut Conn<'_>,
    opportunity_id: i64,
    person_id: i64,
) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM interests WHERE opportunity_id = $1 AND person_id = $2",
        opportunity_id,
        person_id
    )?;
    Ok(row.map(|r| r.0))
}

/// One expression of interest of an organisation.
pub async fn get_interest(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Interest>> {
    fetch_optional!(
        c,
        Interest,
        &format!("{INTEREST_SELECT} WHERE i.organisation_id = $1 AND i.id = $2"),
        org,
        id
    )
}

/// A person's expressions of interest, newest first.
pub async fn interests_of_person(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<Interest>> {
    fetch_all!(
        c,
        Interest,
        &format!("{INTEREST_SELECT} WHERE i.person_id = $1 ORDER BY i.created_at DESC, i.id DESC"),
        person_id
    )
}

/// Everyone's expressions of interest in one opportunity, oldest first.
pub async fn interests_in(c: &mut Conn<'_>, opportunity_id: i64) -> DbResult<Vec<Interest>> {
    fetch_all!(
        c,
        Interest,
        &format!("{INTEREST_SELECT} WHERE i.opportunity_id = $1 ORDER BY i.created_at, i.id"),
        opportunity_id
    )
}

/// Moves an expression of interest from `from` to `to` only while it is still at `from`, so
/// two moves from the same status count once. True when this call moved it.
pub async fn move_interest(
    c: &mut Conn<'_>,
    id: i64,
    from: InterestStatus,
    to: InterestStatus,
    feedback: Option<&str>,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE interests SET status = $3, feedback = COALESCE($4, feedback), updated_at = $5 WHERE id = $1 AND status = $2",
        id,
        from.key(),
        to.key(),
        feedback,
        now
    )?;
    Ok(n == 1)
}

/// One step in an expression of interest's history.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct InterestEvent {
    pub id: i64,
    pub interest_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub note: Option<String>,
    pub by_label: String,
    pub at: i64,
}

/// Adds a step to an expression of interest's history.
pub async fn insert_event(
    c: &mut Conn<'_>,
    interest_id: i64,
    from: Option<InterestStatus>,
    to: InterestStatus,
    note: Option<&str>,
    by_label: &str,
    at: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO interest_events (interest_id, from_status, to_status, note, by_label, at) VALUES ($1, $2, $3, $4, $5, $6)",
        interest_id,
        from.map(InterestStatus::key),
        to.key(),
        note,
        by_label,
        at
    )?;
    Ok(())
}

/// An expression of interest's history, oldest first.
pub async fn events(c: &mut Conn<'_>, interest_id: i64) -> DbResult<Vec<InterestEvent>> {
    fetch_all!(
        c,
        InterestEvent,
        "SELECT id, interest_id, from_status, to_status, note, by_label, at FROM interest_events WHERE interest_id = $1 ORDER BY id",
        interest_id
    )
}

// ---------------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------------

/// An appointment with its role's titles, kind and checks, and the person's name.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Appointment {
    pub id: i64,
    pub organisation_id: i64,
    pub person_id: i64,
    pub role_id: i64,
    pub unit_id: Option<i64>,
    pub interest_id: Option<i64>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub references_on: Option<String>,
    pub dbs_on: Option<String>,
    pub occupational_health_on: Option<String>,
    pub created_by_label: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub person_name: String,
    pub title_en: String,
    pub title_cy: String,
    #[sqlx(try_from = "String")]
    pub kind: RoleKind,
    pub needs_references: bool,
    pub needs_dbs: bool,
    pub needs_occupational_health: bool,
}

impl Appointment {
    /// The checks the role needs, each with the date it was done (if it has been).
    pub fn checklist(&self) -> Vec<(RoleCheck, Option<&str>)> {
        role_checks(
            self.needs_references,
            self.needs_dbs,
            self.needs_occupational_health,
        )
        .into_iter()
        .map(|c| {
            let done = match c {
                RoleCheck::References => self.references_on.as_deref(),
                RoleCheck::Dbs => self.dbs_on.as_deref(),
                RoleCheck::OccupationalHealth => self.occupational_health_on.as_deref(),
            };
            (c, done)
        })
        .collect()
    }

    /// The role's title in one language.
    pub fn title(&self, welsh: bool) -> &str {
        if welsh {
            &self.title_cy
        } else {
            &self.title_en
        }
    }
}

const APPOINTMENT_SELECT: &str = "SELECT a.id, a.organisation_id, a.person_id, a.role_id, a.unit_id, a.interest_id, a.starts_on, a.ends_on, \
    a.references_on, a.dbs_on, a.occupational_health_on, a.created_by_label, a.created_at, a.updated_at, p.chosen_name AS person_name, \
    r.title_en, r.title_cy, r.kind, r.needs_references, r.needs_dbs, r.needs_occupational_health \
    FROM appointments a JOIN people p ON p.id = a.person_id JOIN involvement_roles r ON r.id = a.role_id";

/// A new appointment.
pub struct NewAppointment<'a> {
    pub person_id: i64,
    pub role_id: i64,
    pub unit_id: Option<i64>,
    pub interest_id: Option<i64>,
    pub starts_on: &'a str,
    pub created_by_label: &'a str,
}

/// Adds an appointment.
pub async fn insert_appointment(
    c: &mut Conn<'_>,
    org: i64,
    a: &NewAppointment<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO appointments (organisation_id, person_id, role_id, unit_id, interest_id, starts_on, created_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        org,
        a.person_id,
        a.role_id,
        a.unit_id,
        a.interest_id,
        a.starts_on,
        a.created_by_label,
        now
    )
}

/// One appointment of an organisation.
pub async fn get_appointment(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Appointment>> {
    fetch_optional!(
        c,
        Appointment,
        &format!("{APPOINTMENT_SELECT} WHERE a.organisation_id = $1 AND a.id = $2"),
        org,
        id
    )
}

/// The appointment made from an expression of interest, if any.
pub async fn appointment_for_interest(c: &mut Conn<'_>, interest_id: i64) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM appointments WHERE interest_id = $1",
        interest_id
    )?;
    Ok(row.map(|r| r.0))
}

/// Every appointment a person has held or holds, newest first.
pub async fn appointments_of_person(
    c: &mut Conn<'_>,
    person_id: i64,
) -> DbResult<Vec<Appointment>> {
    fetch_all!(
        c,
        Appointment,
        &format!(
            "{APPOINTMENT_SELECT} WHERE a.person_id = $1 ORDER BY a.starts_on DESC, a.id DESC"
        ),
        person_id
    )
}

/// Records the date a check was done.
pub async fn set_check(
    c: &mut Conn<'_>,
    id: i64,
    check: RoleCheck,
    done_on: &str,
    now: i64,
) -> DbResult<bool> {
    let column = match check {
        RoleCheck::References => "references_on",
        RoleCheck::Dbs => "dbs_on",
        RoleCheck::OccupationalHealth => "occupational_health_on",
    };
    let n = execute!(
        c,
        &format!("UPDATE appointments SET {column} = $2, updated_at = $3 WHERE id = $1"),
        id,
        done_on,
        now
    )?;
    Ok(n == 1)
}

/// Ends an open appointment on `ends_on`; true when this call ended it.
pub async fn end_appointment(c: &mut Conn<'_>, id: i64, ends_on: &str, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE appointments SET ends_on = $2, updated_at = $3 WHERE id = $1 AND ends_on IS NULL",
        id,
        ends_on,
        now
    )?;
    Ok(n == 1)
}

/// Ends every open appointment of a person on `ends_on`; the number ended.
pub async fn end_all_appointments(
    c: &mut Conn<'_>,
    person_id: i64,
    ends_on: &str,
    now: i64,
) -> DbResult<u64> {
    execute!(
        c,
        "UPDATE appointments SET ends_on = $2, updated_at = $3 WHERE person_id = $1 AND ends_on IS NULL",
        person_id,
        ends_on,
        now
    )
}

// ---------------------------------------------------------------------------------------------
// Exits
// ---------------------------------------------------------------------------------------------

/// Exit feedback as stored. `reasons` holds one reason key per line.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Exit {
    pub id: i64,
    pub organisation_id: i64,
    pub person_id: i64,
    pub appointment_id: Option<i64>,
    pub left_on: String,
    pub reasons: String,
    pub own_words: Option<String>,
    #[sqlx(try_from = "String")]
    pub stay_in_touch: StayInTouch,
    pub entered_by_label: String,
    pub on_behalf: bool,
    pub created_at: i64,
}

impl Exit {
    /// The reasons, read back (unknown keys are skipped).
    pub fn reason_list(&self) -> Vec<ExitReason> {
        self.reasons.lines().filter_map(ExitReason::parse).collect()
    }
}

const EXIT_COLUMNS: &str = "id, organisation_id, person_id, appointment_id, left_on, reasons, own_words, stay_in_touch, entered_by_label, on_behalf, created_at";

/// New exit feedback.
pub struct NewExit<'a> {
    pub person_id: i64,
    pub appointment_id: Option<i64>,
    pub left_on: &'a str,
    pub reasons: &'a [ExitReason],
    pub own_words: Option<&'a str>,
    pub stay_in_touch: StayInTouch,
    pub entered_by_label: &'a str,
    pub on_behalf: bool,
}

/// Adds exit feedback.
pub async fn insert_exit(c: &mut Conn<'_>, org: i64, e: &NewExit<'_>, now: i64) -> DbResult<i64> {
    let reasons: Vec<&str> = e.reasons.iter().map(|r| r.key()).collect();
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO exits (organisation_id, person_id, appointment_id, left_on, reasons, own_words, stay_in_touch, entered_by_label, on_behalf, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        org,
        e.person_id,
        e.appointment_id,
        e.left_on,
        reasons.join("\n"),
        e.own_words,
        e.stay_in_touch.key(),
        e.entered_by_label,
        e.on_behalf,
        now
    )
}

/// The exit feedback given on stepping down from an appointment, if any.
pub async fn exit_for_appointment(c: &mut Conn<'_>, appointment_id: i64) -> DbResult<Option<Exit>> {
    fetch_optional!(
        c,
        Exit,
        &format!(
            "SELECT {EXIT_COLUMNS} FROM exits WHERE appointment_id = $1 ORDER BY id DESC LIMIT 1"
        ),
        appointment_id
    )
}

/// A person's exit feedback, newest first.
pub async fn exits_of_person(c: &mut Conn<'_>, person_id: i64) -> DbResult<Vec<Exit>> {
    fetch_all!(
        c,
        Exit,
        &format!(
            "SELECT {EXIT_COLUMNS} FROM exits WHERE person_id = $1 ORDER BY left_on DESC, id DESC"
        ),
        person_id
    )
}

/// (left on, reasons, stay in touch) for every exit of an organisation, for the report by
/// quarter (no names).
pub async fn exit_facts(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<(String, String, String)>> {
    fetch_all!(
        c,
        (String, String, String),
        "SELECT left_on, reasons, stay_in_touch FROM exits WHERE organisation_id = $1 ORDER BY left_on",
        org
    )
}

/// Sets a person's status and the date it took effect.
pub async fn set_person_status(
    c: &mut Conn<'_>,
    org: i64,
    person_id: i64,
    from: PersonStatus,
    status: PersonStatus,
    since: &str,
    now: i64,
) -> DbResult<bool> {
    // Only from the status the caller read, so two people recording the same leaving at
    // once record it once.
    let n = execute!(
        c,
        "UPDATE people SET status = $3, status_since = $4, updated_at = $5 WHERE organisation_id = $1 AND id = $2 AND status = $6",
        org,
        person_id,
        status.key(),
        since,
        now,
        from.key()
    )?;
    Ok(n == 1)
}

// ---------------------------------------------------------------------------------------------
// Recruitment panels
// ---------------------------------------------------------------------------------------------

/// A staff recruitment process.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Process {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    pub post: String,
    pub opened_on: String,
    pub created_by_label: String,
    pub created_at: i64,
}

const PROCESS_COLUMNS: &str =
    "id, organisation_id, unit_id, post, opened_on, created_by_label, created_at";

/// Adds a recruitment process.
pub async fn insert_process(
    c: &mut Conn<'_>,
    org: i64,
    f: &RecruitmentFields,
    by: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO recruitment_processes (organisation_id, unit_id, post, opened_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        org,
        f.unit_id,
        &f.post,
        f.opened_on.to_string(),
        by,
        now
    )
}

/// One recruitment process of an organisation.
pub async fn get_process(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Process>> {
    fetch_optional!(
        c,
        Process,
        &format!(
            "SELECT {PROCESS_COLUMNS} FROM recruitment_processes WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// An organisation's recruitment processes, newest first; `within_units` limits them to those
/// units' processes.
pub async fn list_processes(
    c: &mut Conn<'_>,
    org: i64,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<Process>> {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(org)]);
    if let Some(units) = within_units {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; units.len()].join(", ");
        f.and(
            &format!("unit_id IN ({marks})"),
            units.iter().map(|u| Arg::I64(*u)).collect(),
        );
    }
    let sql = format!(
        "SELECT {PROCESS_COLUMNS} FROM recruitment_processes{} ORDER BY opened_on DESC, id DESC LIMIT 500",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// One seat on a recruitment panel.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct PanelSeat {
    pub process_id: i64,
    #[sqlx(try_from = "String")]
    pub stage: RecruitmentStage,
    pub person_id: i64,
    pub chosen_name: String,
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
}

/// Who sat on each stage of the given processes, by stage then name.
pub async fn panels(c: &mut Conn<'_>, process_ids: &[i64]) -> DbResult<Vec<PanelSeat>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new();
    let marks = vec!["?"; process_ids.len()].join(", ");
    f.and(
        &format!("rp.process_id IN ({marks})"),
        process_ids.iter().map(|i| Arg::I64(*i)).collect(),
    );
    let sql = format!(
        "SELECT rp.process_id, rp.stage, rp.person_id, p.chosen_name, p.constituency FROM recruitment_panel rp \
         JOIN people p ON p.id = rp.person_id{} ORDER BY rp.process_id, rp.stage, p.chosen_name, p.id",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Replaces who sat on one stage of a process.
pub async fn set_panel(
    c: &mut Conn<'_>,
    process_id: i64,
    stage: RecruitmentStage,
    person_ids: &[i64],
) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM recruitment_panel WHERE process_id = $1 AND stage = $2",
        process_id,
        stage.key()
    )?;
    for p in person_ids {
        execute!(
            c,
            "INSERT INTO recruitment_panel (process_id, stage, person_id) VALUES ($1, $2, $3)",
            process_id,
            stage.key(),
            *p
        )?;
    }
    Ok(())
}

/// Active people of an organisation who could sit on a panel, optionally only those on the
/// given units: (id, chosen name, constituency).
pub async fn panel_candidates(
    c: &mut Conn<'_>,
    org: i64,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<(i64, String, String)>> {
    let mut f = Filter::new();
    f.and("p.organisation_id = ?", vec![Arg::I64(org)]);
    f.and("p.status = 'active'", vec![]);
    if let Some(units) = within_units {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; units.len()].join(", ");
        f.and(
            &format!("EXISTS (SELECT 1 FROM person_units pu WHERE pu.person_id = p.id AND pu.unit_id IN ({marks}))"),
            units.iter().map(|u| Arg::I64(*u)).collect(),
        );
    }
    let sql = format!(
        "SELECT p.id, p.chosen_name, p.constituency FROM people p{} ORDER BY p.chosen_name, p.id LIMIT 2000",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}
