//! Involvement roles: role descriptions, opportunities, expressions of interest and the one
//! path they move along, appointments and their checks, leaving well (exit feedback, by role
//! or altogether), the exits report by quarter, and staff recruitment panels.
//!
//! Reach: leads and administrators (`ManageRoles`) reach everything in their organisation.
//! Unit staff reach opportunities that are service-wide or on their units, and people (their
//! interests, appointments and exits) in their units. A member reaches published roles, open
//! opportunities on their units or service-wide, and only their own interests, appointments
//! and exit feedback. Anything out of reach is "not found"; a role with no part is refused.
//!
//! Invariants: an expression of interest moves by one conditional update on its current status
//! (a double click or a race counts once); appointing makes the appointment in the same
//! transaction; every write carries its audit row, naming the person when staff act for them.

use crate::audit::{Action, record};
use crate::org_today as today;
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::roles::{
    Appointment, Exit, Interest, InterestEvent, NewAppointment, NewExit, NewInterest,
    NewOpportunity, Opportunity, OpportunityQuery, PanelSeat, Process, Role,
};
use cairn_db::{Conn, DbError};
use cairn_domain::people::{Constituency, PersonStatus};
use cairn_domain::roles::{
    ExitDraft, ExitFields, ExitReason, InterestStatus, NOTE_MAX, OpportunityDraft,
    RecruitmentDraft, RecruitmentStage, RoleCheck, RoleDraft, RoleKind, StayInTouch, check_move,
    involved_from_job_description, is_open, quarter_key,
};
use cairn_domain::time::{DateParts, parse_date_parts, parse_iso_date};
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The organisation's "today" (for forms that show dates).
pub async fn today_of(app: &App, actor: &Actor) -> AppResult<Date> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    today(&mut h.conn(), app, org).await
}

fn scope(actor: &Actor) -> Option<Vec<i64>> {
    actor.role.is_unit_scoped().then(|| actor.unit_ids.clone())
}

/// The units a member belongs to (their opportunities are those and the service-wide ones).
async fn member_units(c: &mut Conn<'_>, actor: &Actor) -> AppResult<Vec<i64>> {
    Ok(match actor.person_id {
        Some(p) => cairn_db::people::unit_ids(c, p).await?,
        None => Vec::new(),
    })
}

/// May the actor reach records about `person` (their interests, appointments, exits)?
async fn reaches_person(c: &mut Conn<'_>, actor: &Actor, org: i64, person: i64) -> AppResult<bool> {
    if actor.is_person(person) {
        return Ok(true);
    }
    // Another organisation's person is out of reach whatever the role.
    match cairn_db::people::get(c, org, person).await {
        Ok(_) => {}
        Err(DbError::NotFound) => return Ok(false),
        Err(e) => return Err(e.into()),
    }
    if actor.can(Permission::ManageRoles) {
        return Ok(true);
    }
    if !actor.can(Permission::ViewPeople) {
        return Ok(false);
    }
    let units = cairn_db::people::unit_ids(c, person).await?;
    Ok(actor.can_reach_any_unit(&units))
}

/// May the actor act for `person` (record interest, step down, leave)? Staff with people in
/// their units, leads and administrators; a member only for themselves.
async fn may_act_for(c: &mut Conn<'_>, actor: &Actor, org: i64, person: i64) -> AppResult<bool> {
    match cairn_db::people::get(c, org, person).await {
        Ok(_) => {}
        Err(DbError::NotFound) => return Ok(false),
        Err(e) => return Err(e.into()),
    }
    if actor.is_person(person) {
        return Ok(actor.can(Permission::ExpressInterest));
    }
    if actor.can(Permission::ManageRoles) {
        return Ok(true);
    }
    if !actor.can(Permission::ManagePeople) {
        return Ok(false);
    }
    let units = cairn_db::people::unit_ids(c, person).await?;
    Ok(actor.can_reach_any_unit(&units))
}

async fn notify_person(
    c: &mut Conn<'_>,
    actor: &Actor,
    person: i64,
    id: &str,
    args: &[(&str, String)],
    now: i64,
) -> AppResult<()> {
    if actor.is_person(person) {
        return Ok(());
    }
    if let Some(user) = cairn_db::accounts::find_user_by_person(c, person).await? {
        crate::notices::notify(c, user.id, id, args, now).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Role descriptions
// ---------------------------------------------------------------------------------------------

/// The roles the actor may read: every one for those who write them, published ones for the
/// rest.
pub async fn roles(app: &App, actor: &Actor) -> AppResult<Vec<Role>> {
    require(actor, Permission::ViewRoles)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(
        cairn_db::roles::list_roles(&mut h.conn(), org, !actor.can(Permission::ManageRoles))
            .await?,
    )
}

async fn load_role(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Role> {
    require(actor, Permission::ViewRoles)?;
    let r = cairn_db::roles::get_role(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if r.published_at.is_none() && !actor.can(Permission::ManageRoles) {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

/// One role description (drafts only for those who write them).
pub async fn role(app: &App, actor: &Actor, id: i64) -> AppResult<Role> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_role(&mut h.conn(), actor, org, id).await
}

/// Writes a new role description.
pub async fn create_role(app: &App, actor: &Actor, draft: &RoleDraft) -> AppResult<i64> {
    require(actor, Permission::ManageRoles)?;
    let org = org_of(actor)?;
    let f = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::roles::insert_role(&mut tx.conn(), org, &f, now).await?;
    let after = cairn_db::roles::get_role(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "involvement_role",
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

/// Rewrites a role description.
pub async fn update_role(app: &App, actor: &Actor, id: i64, draft: &RoleDraft) -> AppResult<()> {
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        load_role(&mut h.conn(), actor, org, id).await?;
    }
    require(actor, Permission::ManageRoles)?;
    let f = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_role(&mut tx.conn(), actor, org, id).await?;
    cairn_db::roles::update_role(&mut tx.conn(), org, id, &f, now).await?;
    let after = cairn_db::roles::get_role(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "involvement_role",
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

// ---------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------

/// The opportunities page: open ones the actor may see, the ones no longer open (for those who
/// write roles), and a member's own interests.
#[derive(Debug, Clone)]
pub struct OpportunitiesView {
    pub open: Vec<Opportunity>,
    pub closed: Vec<Opportunity>,
    pub mine: Vec<Interest>,
    pub can_manage: bool,
}

/// The opportunities the actor may see.
pub async fn opportunities(app: &App, actor: &Actor) -> AppResult<OpportunitiesView> {
    require(actor, Permission::ViewRoles)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today(&mut c, app, org).await?;
    let within = if actor.can(Permission::ExpressInterest) {
        Some(member_units(&mut c, actor).await?)
    } else {
        scope(actor)
    };
    let manage = actor.can(Permission::ManageRoles);
    let all = cairn_db::roles::list_opportunities(
        &mut c,
        org,
        &OpportunityQuery {
            open_on: (!manage).then(|| today.to_string()),
            within_units: within,
            limit: 500,
        },
    )
    .await?;
    let (open, closed): (Vec<_>, Vec<_>) = all.into_iter().partition(|o| open_now(o, today));
    let mine = match actor.person_id {
        Some(p) if actor.can(Permission::ExpressInterest) => {
            cairn_db::roles::interests_of_person(&mut c, p).await?
        }
        _ => Vec::new(),
    };
    Ok(OpportunitiesView {
        open,
        closed,
        mine,
        can_manage: manage,
    })
}

fn open_now(o: &Opportunity, today: Date) -> bool {
    parse_iso_date(&o.closes_on).is_some_and(|d| is_open(d, o.withdrawn_at.is_some(), today))
}

async fn load_opportunity(
    c: &mut Conn<'_>,
    app: &App,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<(Opportunity, bool)> {
    if !actor.can(Permission::ViewRoles) {
        return Err(AppError::Forbidden);
    }
    let o = cairn_db::roles::get_opportunity(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = today(c, app, org).await?;
    let open = open_now(&o, today);
    if actor.can(Permission::ManageRoles) {
        return Ok((o, open));
    }
    let reach = match o.unit_id {
        None => true,
        Some(u) if actor.can(Permission::ExpressInterest) => {
            member_units(c, actor).await?.contains(&u)
        }
        Some(u) => actor.can_reach_unit(u),
    };
    // Members see open opportunities only; staff see their units' ones, open or not.
    if !reach || (actor.can(Permission::ExpressInterest) && !open) {
        return Err(AppError::NotFound);
    }
    Ok((o, open))
}

/// One opportunity with its role and the interests the actor may see.
#[derive(Debug, Clone)]
pub struct OpportunityView {
    pub opportunity: Opportunity,
    pub role: Role,
    pub open: bool,
    /// Every interest for those who write roles; people in their units for staff; the
    /// member's own for a member.
    pub interests: Vec<Interest>,
    pub can_manage: bool,
    /// True for a member, and for staff who may record interest for people.
    pub can_express: bool,
}

/// One opportunity.
pub async fn opportunity(app: &App, actor: &Actor, id: i64) -> AppResult<OpportunityView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (o, open) = load_opportunity(&mut c, app, actor, org, id).await?;
    let role = cairn_db::roles::get_role(&mut c, org, o.role_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = cairn_db::roles::interests_in(&mut c, id).await?;
    let mut interests = Vec::new();
    for i in all {
        if reaches_person(&mut c, actor, org, i.person_id).await? {
            interests.push(i);
        }
    }
    Ok(OpportunityView {
        opportunity: o,
        role,
        open,
        interests,
        can_manage: actor.can(Permission::ManageRoles),
        can_express: open
            && (actor.can(Permission::ExpressInterest)
                || actor.can(Permission::ManagePeople)
                || actor.can(Permission::ManageRoles)),
    })
}

/// Advertises a published role as an opportunity.
pub async fn create_opportunity(
    app: &App,
    actor: &Actor,
    draft: &OpportunityDraft,
) -> AppResult<i64> {
    require(actor, Permission::ManageRoles)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today(&mut tx.conn(), app, org).await?;
    let f = draft.validate(today)?;
    match cairn_db::roles::get_role(&mut tx.conn(), org, f.role_id).await? {
        Some(r) if r.published_at.is_some() => {}
        _ => return Err(invalid("role_id", "roles-error-role")),
    }
    if let Some(u) = f.unit_id
        && !cairn_db::units::unit_in_organisation(&mut tx.conn(), org, u).await?
    {
        return Err(invalid("unit_id", "roles-error-unit"));
    }
    let id = cairn_db::roles::insert_opportunity(
        &mut tx.conn(),
        org,
        &NewOpportunity {
            role_id: f.role_id,
            unit_id: f.unit_id,
            note_en: f.note_en.as_deref(),
            note_cy: f.note_cy.as_deref(),
            opened_on: &today.to_string(),
            closes_on: &f.closes_on.to_string(),
            created_by_label: &actor.label,
        },
        now,
    )
    .await?;
    let after = cairn_db::roles::get_opportunity(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "opportunity",
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

/// Withdraws an opportunity (nothing happens when it already was).
pub async fn withdraw_opportunity(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    require(actor, Permission::ManageRoles)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_opportunity(&mut tx.conn(), app, actor, org, id).await?;
    if cairn_db::roles::withdraw_opportunity(&mut tx.conn(), org, id, now).await? {
        record::<(), _>(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::Update,
            "opportunity",
            Some(id),
            None,
            Some(&serde_json::json!({"withdrawn_at": now})),
            None,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Expressions of interest
// ---------------------------------------------------------------------------------------------

/// What saying "I'm interested" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expressed {
    /// A new expression of interest.
    New(i64),
    /// The person had already said so: this is the one they have.
    Already(i64),
}

impl Expressed {
    /// The expression of interest's id, new or not.
    pub fn id(self) -> i64 {
        match self {
            Expressed::New(i) | Expressed::Already(i) => i,
        }
    }
}

/// Says "I'm interested": a member for themselves (`for_person` `None` or their own id), or
/// staff and leads for a person they reach (recorded as on behalf; the person is told).
pub async fn express_interest(
    app: &App,
    actor: &Actor,
    opportunity_id: i64,
    for_person: Option<i64>,
    message: &str,
) -> AppResult<Expressed> {
    let org = org_of(actor)?;
    let member = actor.can(Permission::ExpressInterest);
    if !member && !actor.can(Permission::ManagePeople) && !actor.can(Permission::ManageRoles) {
        return Err(AppError::Forbidden);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (o, open) = load_opportunity(&mut tx.conn(), app, actor, org, opportunity_id).await?;
    let person = if member {
        let own = actor.person_id.ok_or(AppError::Forbidden)?;
        if for_person.is_some_and(|p| p != own) {
            return Err(AppError::NotFound);
        }
        own
    } else {
        let Some(p) = for_person else {
            return Err(invalid("person_id", "roles-error-person"));
        };
        let known = match cairn_db::people::get(&mut tx.conn(), org, p).await {
            Ok(_) => true,
            Err(DbError::NotFound) => false,
            Err(e) => return Err(e.into()),
        };
        if !known || !may_act_for(&mut tx.conn(), actor, org, p).await? {
            return Err(invalid("person_id", "roles-error-person"));
        }
        p
    };
    let mut e = FieldErrors::new();
    let message = cairn_domain::validation::optional_text(
        &mut e,
        "message",
        Some(message),
        NOTE_MAX,
        "roles-error-too-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    if let Some(id) = cairn_db::roles::find_interest(&mut tx.conn(), opportunity_id, person).await?
    {
        return Ok(Expressed::Already(id));
    }
    if !open {
        return Err(AppError::Conflict("roles-error-closed"));
    }
    let on_behalf = !actor.is_person(person);
    let id = match cairn_db::roles::insert_interest(
        &mut tx.conn(),
        org,
        &NewInterest {
            opportunity_id,
            person_id: person,
            message: message.as_deref(),
            entered_by_label: &actor.label,
            on_behalf,
        },
        now,
    )
    .await
    {
        Ok(id) => id,
        // Said at the same moment in another request: the one that got there first stands.
        Err(DbError::Conflict) => {
            // The failed insert spoiled the transaction: end it (rolled back) before reading.
            {
                let _rolled_back = tx;
            }
            let mut h = app.db.acquire().await?;
            let id = cairn_db::roles::find_interest(&mut h.conn(), opportunity_id, person)
                .await?
                .ok_or(AppError::NotFound)?;
            return Ok(Expressed::Already(id));
        }
        Err(e) => return Err(e.into()),
    };
    cairn_db::roles::insert_event(
        &mut tx.conn(),
        id,
        None,
        InterestStatus::Received,
        None,
        &actor.label,
        now,
    )
    .await?;
    let after = cairn_db::roles::get_interest(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "interest",
        Some(id),
        None,
        after.as_ref(),
        Some(person),
        now,
    )
    .await?;
    notify_person(
        &mut tx.conn(),
        actor,
        person,
        "notice-interest-recorded",
        &[
            ("role", o.title_en.clone()),
            ("role_cy", o.title_cy.clone()),
        ],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Expressed::New(id))
}

async fn load_interest(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Interest> {
    if !actor.can(Permission::ViewRoles)
        || !(actor.can(Permission::ViewPeople) || actor.can(Permission::ExpressInterest))
    {
        return Err(AppError::Forbidden);
    }
    let i = cairn_db::roles::get_interest(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reaches_person(c, actor, org, i.person_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(i)
}

/// One expression of interest with its history.
#[derive(Debug, Clone)]
pub struct InterestView {
    pub interest: Interest,
    pub events: Vec<InterestEvent>,
    /// The appointment it led to, if any.
    pub appointment_id: Option<i64>,
    /// The moves the actor may make from here (empty when they may not move it).
    pub moves: Vec<InterestStatus>,
}

/// One expression of interest.
pub async fn interest(app: &App, actor: &Actor, id: i64) -> AppResult<InterestView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let i = load_interest(&mut c, actor, org, id).await?;
    let events = cairn_db::roles::events(&mut c, id).await?;
    let appointment_id = cairn_db::roles::appointment_for_interest(&mut c, id).await?;
    let moves = if actor.can(Permission::ManageRoles) && !i.status.is_final() {
        i.status
            .next()
            .into_iter()
            .chain([InterestStatus::NotThisTime])
            .collect()
    } else {
        Vec::new()
    };
    drop(h);
    crate::audit::record_read(app, actor, org, "interest", id, &[i.person_id]).await?;
    Ok(InterestView {
        interest: i,
        events,
        appointment_id,
        moves,
    })
}

/// Filters for a list of expressions of interest.
#[derive(Debug, Clone, Default)]
pub struct InterestFilter {
    pub opportunity_id: Option<i64>,
    pub person_id: Option<i64>,
    pub status: Option<InterestStatus>,
}

/// The expressions of interest the actor may see, oldest first: a member's own; staff's for
/// the people they reach, on the opportunities within their reach (open or not), as each
/// opportunity's page shows them.
pub async fn interests(app: &App, actor: &Actor, f: &InterestFilter) -> AppResult<Vec<Interest>> {
    if !actor.can(Permission::ViewRoles)
        || !(actor.can(Permission::ViewPeople) || actor.can(Permission::ExpressInterest))
    {
        return Err(AppError::Forbidden);
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let mut all = if actor.can(Permission::ExpressInterest) {
        match actor.person_id {
            Some(p) => cairn_db::roles::interests_of_person(&mut c, p).await?,
            None => Vec::new(),
        }
    } else {
        let within = if actor.can(Permission::ManageRoles) {
            None
        } else {
            scope(actor)
        };
        let opportunities = cairn_db::roles::list_opportunities(
            &mut c,
            org,
            &OpportunityQuery {
                open_on: None,
                within_units: within,
                limit: 20_000,
            },
        )
        .await?;
        let mut out = Vec::new();
        for o in opportunities {
            if f.opportunity_id.is_some_and(|id| id != o.id) {
                continue;
            }
            for i in cairn_db::roles::interests_in(&mut c, o.id).await? {
                if reaches_person(&mut c, actor, org, i.person_id).await? {
                    out.push(i);
                }
            }
        }
        out
    };
    all.retain(|i| {
        f.opportunity_id.is_none_or(|id| i.opportunity_id == id)
            && f.person_id.is_none_or(|p| i.person_id == p)
            && f.status.is_none_or(|s| i.status == s)
    });
    all.sort_by_key(|i| i.id);
    Ok(all)
}

/// Moves an expression of interest one step (or to "not this time" with feedback). Appointing
/// makes the appointment in the same transaction, starting on `starts_on` or today. Returns
/// the appointment's id when one was made.
pub async fn move_interest(
    app: &App,
    actor: &Actor,
    id: i64,
    to: &str,
    feedback: &str,
    starts_on: &DateParts,
) -> AppResult<Option<i64>> {
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        load_interest(&mut h.conn(), actor, org, id).await?;
    }
    require(actor, Permission::ManageRoles)?;
    let Some(to) = InterestStatus::parse(to.trim()) else {
        return Err(invalid("to", "roles-error-move"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_interest(&mut tx.conn(), actor, org, id).await?;
    let today = today(&mut tx.conn(), app, org).await?;
    let mut e = FieldErrors::new();
    let feedback = cairn_domain::validation::optional_text(
        &mut e,
        "feedback",
        Some(feedback),
        NOTE_MAX,
        "roles-error-too-long",
    );
    let start = parse_date_parts(&mut e, "starts_on", starts_on, None).unwrap_or(today);
    if !e.is_empty() {
        return Err(e.into());
    }
    // Someone else (or a second click) already made this move.
    if before.status == to {
        return Err(AppError::Conflict("roles-error-already-moved"));
    }
    match check_move(before.status, to, feedback.as_deref().unwrap_or("")) {
        Ok(()) => {}
        Err(cairn_domain::roles::MoveError::FeedbackRequired) => {
            return Err(invalid("feedback", "roles-error-feedback-required"));
        }
        Err(m) => return Err(AppError::Conflict(m.code())),
    }
    let kept_feedback = if to == InterestStatus::NotThisTime {
        feedback.as_deref()
    } else {
        None
    };
    if !cairn_db::roles::move_interest(&mut tx.conn(), id, before.status, to, kept_feedback, now)
        .await?
    {
        return Err(AppError::Conflict("roles-error-already-moved"));
    }
    cairn_db::roles::insert_event(
        &mut tx.conn(),
        id,
        Some(before.status),
        to,
        feedback.as_deref(),
        &actor.label,
        now,
    )
    .await?;
    let appointment = if to == InterestStatus::Appointed {
        Some(
            cairn_db::roles::insert_appointment(
                &mut tx.conn(),
                org,
                &NewAppointment {
                    person_id: before.person_id,
                    role_id: before.role_id,
                    unit_id: before.unit_id,
                    interest_id: Some(id),
                    starts_on: &start.to_string(),
                    created_by_label: &actor.label,
                },
                now,
            )
            .await?,
        )
    } else {
        None
    };
    let after = cairn_db::roles::get_interest(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "interest",
        Some(id),
        Some(&before),
        Some(&(after, appointment)),
        Some(before.person_id),
        now,
    )
    .await?;
    notify_person(
        &mut tx.conn(),
        actor,
        before.person_id,
        "notice-interest-moved",
        &[
            ("role", before.title_en.clone()),
            ("role_cy", before.title_cy.clone()),
            ("status", to.key().to_owned()),
        ],
        now,
    )
    .await?;
    let m = crate::webhooks::Message::interest_moved(
        id,
        before.person_id,
        before.opportunity_id,
        before.status.key(),
        to.key(),
        appointment,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(appointment)
}

// ---------------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------------

async fn load_appointment(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<Appointment> {
    if !(actor.can(Permission::ManageRoles)
        || actor.can(Permission::ViewPeople)
        || actor.can(Permission::ExpressInterest))
    {
        return Err(AppError::Forbidden);
    }
    let a = cairn_db::roles::get_appointment(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reaches_person(c, actor, org, a.person_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// One appointment with its checks and, once ended, its exit feedback.
#[derive(Debug, Clone)]
pub struct AppointmentView {
    pub appointment: Appointment,
    pub exit: Option<Exit>,
    /// May record checks (those who write roles).
    pub can_check: bool,
    /// May record stepping down (the person, staff with them, leads).
    pub can_end: bool,
    /// The training the role needs, and where the person stands with each.
    pub training: Vec<crate::training::accreditation::TrainingCheck>,
}

/// One appointment.
pub async fn appointment(app: &App, actor: &Actor, id: i64) -> AppResult<AppointmentView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let a = load_appointment(&mut c, actor, org, id).await?;
    let exit = cairn_db::roles::exit_for_appointment(&mut c, id).await?;
    let can_end = a.ends_on.is_none() && may_act_for(&mut c, actor, org, a.person_id).await?;
    let training =
        crate::training::accreditation::training_checks(&mut c, app, org, a.role_id, a.person_id)
            .await?;
    drop(h);
    crate::audit::record_read(app, actor, org, "appointment", id, &[a.person_id]).await?;
    Ok(AppointmentView {
        appointment: a,
        exit,
        can_check: actor.can(Permission::ManageRoles),
        can_end,
        training,
    })
}

/// A person's appointments (held now and before), for those who reach the person.
pub async fn appointments_of(app: &App, actor: &Actor, person: i64) -> AppResult<Vec<Appointment>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    if !reaches_person(&mut c, actor, org, person).await? {
        return Err(AppError::NotFound);
    }
    let list = cairn_db::roles::appointments_of_person(&mut c, person).await?;
    drop(h);
    // Which roles a person holds, and since when, is their data: the read is logged.
    crate::audit::record_read(app, actor, org, "appointment", person, &[person]).await?;
    Ok(list)
}

/// Records the date one of the role's checks was done.
pub async fn record_check(
    app: &App,
    actor: &Actor,
    id: i64,
    check: &str,
    done_on: &DateParts,
) -> AppResult<()> {
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        load_appointment(&mut h.conn(), actor, org, id).await?;
    }
    require(actor, Permission::ManageRoles)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_appointment(&mut tx.conn(), actor, org, id).await?;
    let today = today(&mut tx.conn(), app, org).await?;
    let mut e = FieldErrors::new();
    let check =
        RoleCheck::parse(check.trim()).filter(|c| before.checklist().iter().any(|(x, _)| x == c));
    if check.is_none() {
        e.add("check", "roles-error-check");
    }
    let date = parse_date_parts(&mut e, "done_on", done_on, Some(today));
    if date.is_none() && e.for_field("done_on").is_none() {
        e.add("done_on", "roles-error-check-date");
    }
    let (Some(check), Some(date), true) = (check, date, e.is_empty()) else {
        return Err(e.into());
    };
    cairn_db::roles::set_check(&mut tx.conn(), id, check, &date.to_string(), now).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "appointment",
        Some(id),
        Some(&before),
        Some(&serde_json::json!({"check": check.key(), "done_on": date.to_string()})),
        Some(before.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks, before reading a form, that the actor may record stepping down from this
/// appointment; returns its start date (the earliest leaving date).
pub async fn may_end(app: &App, actor: &Actor, id: i64) -> AppResult<Appointment> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let a = load_appointment(&mut c, actor, org, id).await?;
    if !may_act_for(&mut c, actor, org, a.person_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

/// Steps down from one role with exit feedback: ends the appointment and records the exit.
pub async fn end_appointment(
    app: &App,
    actor: &Actor,
    id: i64,
    draft: &ExitDraft,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    may_end(app, actor, id).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let a = load_appointment(&mut tx.conn(), actor, org, id).await?;
    if a.ends_on.is_some() {
        return Err(AppError::Conflict("exit-error-already-ended"));
    }
    let today = today(&mut tx.conn(), app, org).await?;
    let f: ExitFields = draft.validate(today, parse_iso_date(&a.starts_on))?;
    let left_on = f.left_on.to_string();
    if !cairn_db::roles::end_appointment(&mut tx.conn(), id, &left_on, now).await? {
        return Err(AppError::Conflict("exit-error-already-ended"));
    }
    // A buddy who steps down from their last buddy role stops buddying their newcomers, who
    // then show again among those waiting for one.
    let still_buddy = cairn_db::roles::appointments_of_person(&mut tx.conn(), a.person_id)
        .await?
        .iter()
        .any(|o| o.id != id && o.kind == RoleKind::Buddy && o.ends_on.is_none());
    let pairings_ended = if a.kind == RoleKind::Buddy && !still_buddy {
        cairn_db::people::buddies::end_open_pairings_of(
            &mut tx.conn(),
            org,
            a.person_id,
            false,
            &left_on,
        )
        .await?
    } else {
        0
    };
    let on_behalf = !actor.is_person(a.person_id);
    let exit = cairn_db::roles::insert_exit(
        &mut tx.conn(),
        org,
        &NewExit {
            person_id: a.person_id,
            appointment_id: Some(id),
            left_on: &left_on,
            reasons: &f.reasons,
            own_words: f.own_words.as_deref(),
            stay_in_touch: f.stay_in_touch,
            entered_by_label: &actor.label,
            on_behalf,
        },
        now,
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "appointment",
        Some(id),
        Some(&a),
        Some(&serde_json::json!({"ends_on": left_on, "exit_id": exit, "buddy_pairings_ended": pairings_ended})),
        Some(a.person_id),
        now,
    )
    .await?;
    notify_person(
        &mut tx.conn(),
        actor,
        a.person_id,
        "notice-stepped-down",
        &[
            ("role", a.title_en.clone()),
            ("role_cy", a.title_cy.clone()),
        ],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(exit)
}

/// Who is leaving, for the leaving form.
#[derive(Debug, Clone)]
pub struct LeavingView {
    pub person_id: i64,
    pub chosen_name: String,
    /// Open appointments that leaving will end.
    pub open: Vec<Appointment>,
    /// Whether this is the person themselves.
    pub is_self: bool,
}

/// Checks, before reading a form, that the actor may record this person leaving.
pub async fn leaving(app: &App, actor: &Actor, person: i64) -> AppResult<LeavingView> {
    let org = org_of(actor)?;
    if !actor.can(Permission::ManagePeople) && !actor.can(Permission::ExpressInterest) {
        return Err(AppError::Forbidden);
    }
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let p = match cairn_db::people::get(&mut c, org, person).await {
        Ok(p) => p,
        Err(DbError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !may_act_for(&mut c, actor, org, person).await? {
        return Err(AppError::NotFound);
    }
    let open = cairn_db::roles::appointments_of_person(&mut c, person)
        .await?
        .into_iter()
        .filter(|a| a.ends_on.is_none())
        .collect();
    drop(h);
    crate::audit::record_read(app, actor, org, "leaving", person, &[person]).await?;
    Ok(LeavingView {
        person_id: person,
        chosen_name: p.chosen_name,
        open,
        is_self: actor.is_person(person),
    })
}

/// Records a person leaving altogether: exit feedback with no appointment, every open
/// appointment ended on the leaving date, and their status "moved on" when they would like to
/// stay in touch, else "left".
pub async fn leave(app: &App, actor: &Actor, person: i64, draft: &ExitDraft) -> AppResult<i64> {
    let org = org_of(actor)?;
    leaving(app, actor, person).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = cairn_db::people::get(&mut tx.conn(), org, person).await?;
    if matches!(before.status, PersonStatus::Left | PersonStatus::MovedOn) {
        return Err(AppError::Conflict("exit-error-already-left"));
    }
    let open: Vec<Appointment> = cairn_db::roles::appointments_of_person(&mut tx.conn(), person)
        .await?
        .into_iter()
        .filter(|a| a.ends_on.is_none())
        .collect();
    let latest_start = open
        .iter()
        .filter_map(|a| parse_iso_date(&a.starts_on))
        .max();
    let today = today(&mut tx.conn(), app, org).await?;
    let f = draft.validate(today, latest_start)?;
    let left_on = f.left_on.to_string();
    let status = if f.stay_in_touch == StayInTouch::No {
        PersonStatus::Left
    } else {
        PersonStatus::MovedOn
    };
    // First, so that a second submission of the same leaving finds the status moved on.
    if !cairn_db::roles::set_person_status(
        &mut tx.conn(),
        org,
        person,
        before.status,
        status,
        &left_on,
        now,
    )
    .await?
    {
        return Err(AppError::Conflict("exit-error-already-left"));
    }
    let ended =
        cairn_db::roles::end_all_appointments(&mut tx.conn(), person, &left_on, now).await?;
    // Someone who leaves neither buddies anyone nor waits on a buddy any more.
    let pairings_ended = cairn_db::people::buddies::end_open_pairings_of(
        &mut tx.conn(),
        org,
        person,
        true,
        &left_on,
    )
    .await?;
    let on_behalf = !actor.is_person(person);
    let exit = cairn_db::roles::insert_exit(
        &mut tx.conn(),
        org,
        &NewExit {
            person_id: person,
            appointment_id: None,
            left_on: &left_on,
            reasons: &f.reasons,
            own_words: f.own_words.as_deref(),
            stay_in_touch: f.stay_in_touch,
            entered_by_label: &actor.label,
            on_behalf,
        },
        now,
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "person",
        Some(person),
        Some(&serde_json::json!({"status": before.status.key(), "status_since": before.status_since})),
        Some(&serde_json::json!({"status": status.key(), "status_since": left_on, "exit_id": exit, "appointments_ended": ended, "buddy_pairings_ended": pairings_ended})),
        Some(person),
        now,
    )
    .await?;
    // A leaver keeps no access: their account is disabled, its sessions end and its tokens are
    // revoked in this same transaction.
    if let Some(user) = cairn_db::accounts::find_user_by_person(&mut tx.conn(), person).await?
        && let Some(stopped) =
            crate::accounts::control::stop_access(&mut tx.conn(), user.id, now).await?
    {
        record(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::Update,
            "user_access",
            Some(user.id),
            Some(&serde_json::json!({"disabled": false})),
            Some(&serde_json::json!({"disabled": true, "reason": "left", "sessions_ended": stopped.sessions, "tokens_revoked": stopped.tokens})),
            Some(person),
            now,
        )
        .await?;
    }
    notify_person(
        &mut tx.conn(),
        actor,
        person,
        "notice-left-recorded",
        &[],
        now,
    )
    .await?;
    let m = crate::webhooks::Message::person_left(person, status.key(), &left_on);
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(exit)
}

/// A person's exit feedback (for the person and those who reach them).
pub async fn exits_of(app: &App, actor: &Actor, person: i64) -> AppResult<Vec<Exit>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    if !reaches_person(&mut c, actor, org, person).await? {
        return Err(AppError::NotFound);
    }
    Ok(cairn_db::roles::exits_of_person(&mut c, person).await?)
}

/// One calendar quarter of the exits report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitQuarter {
    /// `2026-Q1`.
    pub quarter: String,
    pub exits: i64,
    /// How many gave each reason (every reason in list order, zero included).
    pub reasons: Vec<(ExitReason, i64)>,
    /// How many would like to stay in touch (any way but "no").
    pub stayed_in_touch: i64,
}

/// Exits by quarter, oldest first, with counts per reason: no names.
pub async fn exits_report(app: &App, actor: &Actor) -> AppResult<Vec<ExitQuarter>> {
    require(actor, Permission::ViewExits)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let facts = cairn_db::roles::exit_facts(&mut h.conn(), org).await?;
    let mut by: BTreeMap<String, ExitQuarter> = BTreeMap::new();
    for (left_on, reasons, stay) in facts {
        let Some(d) = parse_iso_date(&left_on) else {
            continue;
        };
        let q = quarter_key(d);
        let row = by.entry(q.clone()).or_insert_with(|| ExitQuarter {
            quarter: q,
            exits: 0,
            reasons: ExitReason::ALL.iter().map(|r| (*r, 0)).collect(),
            stayed_in_touch: 0,
        });
        row.exits += 1;
        for r in reasons.lines().filter_map(ExitReason::parse) {
            if let Some(slot) = row.reasons.iter_mut().find(|(x, _)| *x == r) {
                slot.1 += 1;
            }
        }
        if StayInTouch::parse(&stay).is_some_and(|s| s != StayInTouch::No) {
            row.stayed_in_touch += 1;
        }
    }
    Ok(by.into_values().collect())
}

// ---------------------------------------------------------------------------------------------
// Recruitment panels
// ---------------------------------------------------------------------------------------------

/// A recruitment process with who sat on each stage and whether service users or carers took
/// part from the job description onwards.
#[derive(Debug, Clone)]
pub struct ProcessView {
    pub process: Process,
    /// Each stage in order, with its panel.
    pub stages: Vec<(RecruitmentStage, Vec<PanelSeat>)>,
    pub involved: bool,
}

fn process_view(process: Process, seats: &[PanelSeat]) -> ProcessView {
    let stages: Vec<(RecruitmentStage, Vec<PanelSeat>)> = RecruitmentStage::ALL
        .iter()
        .map(|s| {
            (
                *s,
                seats
                    .iter()
                    .filter(|x| x.process_id == process.id && x.stage == *s)
                    .cloned()
                    .collect(),
            )
        })
        .collect();
    let judged: Vec<(RecruitmentStage, Vec<Constituency>)> = stages
        .iter()
        .map(|(s, seats)| (*s, seats.iter().map(|x| x.constituency).collect()))
        .collect();
    ProcessView {
        involved: involved_from_job_description(&judged),
        process,
        stages,
    }
}

fn reaches_process(actor: &Actor, p: &Process) -> bool {
    match p.unit_id {
        Some(u) => actor.can_reach_unit(u),
        None => !actor.role.is_unit_scoped(),
    }
}

/// The recruitment processes the actor may see, each with its verdict.
pub async fn processes(app: &App, actor: &Actor) -> AppResult<Vec<ProcessView>> {
    require(actor, Permission::ManageRecruitment)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let list = cairn_db::roles::list_processes(&mut c, org, scope(actor).as_deref()).await?;
    let ids: Vec<i64> = list.iter().map(|p| p.id).collect();
    let seats = cairn_db::roles::panels(&mut c, &ids).await?;
    Ok(list.into_iter().map(|p| process_view(p, &seats)).collect())
}

async fn load_process(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<ProcessView> {
    require(actor, Permission::ManageRecruitment)?;
    let p = cairn_db::roles::get_process(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reaches_process(actor, &p) {
        return Err(AppError::NotFound);
    }
    let seats = cairn_db::roles::panels(c, &[id]).await?;
    Ok(process_view(p, &seats))
}

/// One recruitment process.
pub async fn process(app: &App, actor: &Actor, id: i64) -> AppResult<ProcessView> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_process(&mut h.conn(), actor, org, id).await
}

/// People who could sit on a panel: the organisation's active people, any constituency; for
/// unit staff, only people on their units (the list names people and how they take part).
pub async fn panel_candidates(
    app: &App,
    actor: &Actor,
) -> AppResult<Vec<(i64, String, Constituency)>> {
    require(actor, Permission::ManageRecruitment)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let within = actor
        .role
        .is_unit_scoped()
        .then_some(actor.unit_ids.as_slice());
    Ok(
        cairn_db::roles::panel_candidates(&mut h.conn(), org, within)
            .await?
            .into_iter()
            .filter_map(|(id, name, k)| Constituency::parse(&k).map(|k| (id, name, k)))
            .collect(),
    )
}

/// Records a staff recruitment process (unit staff: on one of their units).
pub async fn create_process(app: &App, actor: &Actor, draft: &RecruitmentDraft) -> AppResult<i64> {
    require(actor, Permission::ManageRecruitment)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today(&mut tx.conn(), app, org).await?;
    let f = draft.validate(today)?;
    let unit_ok = match f.unit_id {
        Some(u) => {
            actor.can_reach_unit(u)
                && cairn_db::units::unit_in_organisation(&mut tx.conn(), org, u).await?
        }
        None => !actor.role.is_unit_scoped(),
    };
    if !unit_ok {
        return Err(invalid("unit_id", "roles-error-unit"));
    }
    let id = cairn_db::roles::insert_process(&mut tx.conn(), org, &f, &actor.label, now).await?;
    let after = cairn_db::roles::get_process(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "recruitment_process",
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

/// Replaces who sat on one stage of a process.
pub async fn set_panel(
    app: &App,
    actor: &Actor,
    id: i64,
    stage: &str,
    person_ids: &[i64],
) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_process(&mut tx.conn(), actor, org, id).await?;
    let Some(stage) = RecruitmentStage::parse(stage.trim()) else {
        return Err(invalid("stage", "recruitment-error-stage"));
    };
    let mut ids = person_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > 50 {
        return Err(invalid("person_ids", "recruitment-error-people"));
    }
    let was: Vec<i64> = before
        .stages
        .iter()
        .filter(|(s, _)| *s == stage)
        .flat_map(|(_, seats)| seats.iter().map(|x| x.person_id))
        .collect();
    for p in &ids {
        match cairn_db::people::get(&mut tx.conn(), org, *p).await {
            Ok(_) => {}
            Err(DbError::NotFound) => {
                return Err(invalid("person_ids", "recruitment-error-people"));
            }
            Err(e) => return Err(e.into()),
        }
        // Unit staff add only people on their units; whoever already sat may stay.
        if actor.role.is_unit_scoped() && !was.contains(p) {
            let units = cairn_db::people::unit_ids(&mut tx.conn(), *p).await?;
            if !actor.can_reach_any_unit(&units) {
                return Err(invalid("person_ids", "recruitment-error-people"));
            }
        }
    }
    cairn_db::roles::set_panel(&mut tx.conn(), id, stage, &ids).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "recruitment_process",
        Some(id),
        Some(&serde_json::json!({"stage": stage.key(), "people": was})),
        Some(&serde_json::json!({"stage": stage.key(), "people": ids})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
