//! People's records, profiles, photos, their own level and pathway, the who's-who, "what Cairn
//! holds about me" and the subject access export. Every read of one person's record is written
//! to the audit log; every change records before and after, and names the person as the one it
//! was done for. Unit staff reach only people in their units; a member reaches only their own
//! record. A level moves only by a decision staff record with the person, never by the person
//! alone and never automatically; withdrawing photo consent deletes the photo in the same
//! transaction.

pub mod buddies;
pub mod erasure;
pub mod welcome;

use crate::audit::{Action, record};
use crate::org_today;
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::people::{
    Attendance, ExitGiven, GroupOf, InterestHeld, LevelDecision, Pairing, PeopleQuery, Person,
    PersonLine, Profile, RoleHeld, Step, SuggestionSent, WhosWhoEntry,
};
use cairn_db::units::Unit;
use cairn_domain::people::{
    Language, LevelDraft, PersonDraft, PersonFields, ProfileDraft, StepDraft, name_sort_key,
};
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use serde::Serialize;

/// Largest page of people.
pub const PAGE_MAX: i64 = 200;

/// A person (the whole record, or a [`PersonLine`] for the staff list) and their unit ids.
#[derive(Debug, Clone)]
pub struct PersonWithUnits<P = Person> {
    pub person: P,
    pub unit_ids: Vec<i64>,
}

/// A page of people the actor may see.
pub async fn list(app: &App, actor: &Actor, q: PeopleQuery) -> AppResult<Vec<PersonWithUnits>> {
    let (org, q) = within_reach(actor, q)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let people = cairn_db::people::list(&mut c, org, &q).await?;
    with_units(&mut c, people, |p| p.id).await
}

/// The same page as [`list`], with only what the staff list shows of each person.
pub async fn list_lines(
    app: &App,
    actor: &Actor,
    q: PeopleQuery,
) -> AppResult<Vec<PersonWithUnits<PersonLine>>> {
    let (org, q) = within_reach(actor, q)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let people = cairn_db::people::list_lines(&mut c, org, &q).await?;
    with_units(&mut c, people, |p| p.id).await
}

/// The actor's organisation and `q` kept within the actor's reach: a unit-scoped account sees
/// only its units' people, and a page is never longer than [`PAGE_MAX`].
fn within_reach(actor: &Actor, mut q: PeopleQuery) -> AppResult<(i64, PeopleQuery)> {
    require(actor, Permission::ViewPeople)?;
    let org = org_of(actor)?;
    if actor.role.is_unit_scoped() {
        q.within_units = Some(actor.unit_ids.clone());
    }
    q.limit = q.limit.clamp(1, PAGE_MAX);
    Ok((org, q))
}

/// Each of `people` with their unit ids, read in one query for the page.
async fn with_units<P>(
    c: &mut cairn_db::Conn<'_>,
    people: Vec<P>,
    id: impl Fn(&P) -> i64,
) -> AppResult<Vec<PersonWithUnits<P>>> {
    let ids: Vec<i64> = people.iter().map(&id).collect();
    let pairs = cairn_db::people::units_of(c, &ids).await?;
    Ok(people
        .into_iter()
        .map(|p| PersonWithUnits {
            unit_ids: pairs
                .iter()
                .filter(|(person, _)| *person == id(&p))
                .map(|(_, u)| *u)
                .collect(),
            person: p,
        })
        .collect())
}

pub(crate) async fn load_in_reach(
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
        Some(id),
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
    // Everyone joins at level 1 (the column's default), whatever their unit's level.
    let joined = today(app, &organisation.time_zone);
    let id = cairn_db::people::insert_joined(&mut tx.conn(), org, &fields, joined, now).await?;
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

// ---------------------------------------------------------------------------------------------
// Profiles and photos
// ---------------------------------------------------------------------------------------------

/// Largest photo accepted (2 MiB).
pub const PHOTO_MAX_BYTES: usize = 2 * 1024 * 1024;

/// A person, their units and their profile.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub person: Person,
    pub unit_ids: Vec<i64>,
    pub profile: Profile,
}

/// The actor's own person record, or `NotFound` for accounts without one.
pub fn own_person(actor: &Actor) -> AppResult<i64> {
    actor.person_id.ok_or(AppError::NotFound)
}

/// Whether the actor may change `id`'s profile: the person themselves, or staff who manage
/// people and reach one of the person's units. Out of reach reads as "not found"; a role with
/// no part in people at all is refused.
async fn load_for_change(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<PersonWithUnits> {
    if !actor.is_person(id) && !actor.can(Permission::ManagePeople) {
        // Someone with a record of their own (a member) asking about another id learns
        // nothing about it; a role with no part in people is refused.
        return Err(if actor.person_id.is_some() {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    load_in_reach(c, actor, org, id).await
}

/// Tells a person with an account that someone else changed something of theirs.
async fn tell_person(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    id: i64,
    message_id: &str,
    now: i64,
) -> AppResult<()> {
    if !actor.is_person(id)
        && let Some(user) = cairn_db::accounts::find_user_by_person(c, id).await?
    {
        crate::notices::notify(c, user.id, message_id, &[("by", actor.label.clone())], now).await?;
    }
    Ok(())
}

async fn audit_view(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
    now: i64,
) -> AppResult<()> {
    record::<(), ()>(
        c,
        actor,
        Some(org),
        Action::View,
        "person",
        Some(id),
        None,
        None,
        Some(id),
        now,
    )
    .await?;
    Ok(())
}

/// Checks, without writing anything, that the actor may change `id`'s profile or photo (so an
/// upload out of reach is refused before its body is read).
pub async fn may_change(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_for_change(&mut h.conn(), actor, org, id).await?;
    Ok(())
}

/// A person's profile alone, for a page that has already audited its read of the record.
pub async fn profile_only(app: &App, actor: &Actor, id: i64) -> AppResult<Profile> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    load_in_reach(&mut h.conn(), actor, org, id).await?;
    Ok(cairn_db::people::profile(&mut h.conn(), org, id).await?)
}

/// A person's profile, for themselves or staff who reach them; the read is audited.
pub async fn profile(app: &App, actor: &Actor, id: i64) -> AppResult<ProfileView> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let p = load_in_reach(&mut tx.conn(), actor, org, id).await?;
    let profile = cairn_db::people::profile(&mut tx.conn(), org, id).await?;
    audit_view(&mut tx.conn(), actor, org, id, now).await?;
    tx.commit().await?;
    Ok(ProfileView {
        person: p.person,
        unit_ids: p.unit_ids,
        profile,
    })
}

/// Changes a person's profile: by the person themselves, or by staff for them (the audit row
/// names the person, who gets a notice). Withdrawing photo consent deletes the photo in the
/// same transaction.
pub async fn save_profile(
    app: &App,
    actor: &Actor,
    id: i64,
    draft: &ProfileDraft,
) -> AppResult<()> {
    save_profile_with(app, actor, id, draft, FieldErrors::new()).await
}

/// As [`save_profile`], with errors the form found before the draft was made (a yes/no
/// question left unanswered), reported together with the draft's own — but only once the
/// actor is known to be allowed to make the change.
pub async fn save_profile_with(
    app: &App,
    actor: &Actor,
    id: i64,
    draft: &ProfileDraft,
    form_errors: FieldErrors,
) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_for_change(&mut tx.conn(), actor, org, id).await?;
    let fields = match draft.validate() {
        Ok(f) if form_errors.is_empty() => f,
        Ok(_) => return Err(AppError::Invalid(form_errors)),
        Err(mut e) => {
            for x in form_errors.0 {
                e.add(&x.field, x.code);
            }
            return Err(AppError::Invalid(e));
        }
    };
    let before = cairn_db::people::profile(&mut tx.conn(), org, id).await?;
    cairn_db::people::set_profile(&mut tx.conn(), org, id, &fields, now).await?;
    if !fields.consent_photo {
        cairn_db::people::delete_photo(&mut tx.conn(), id).await?;
    }
    let after = cairn_db::people::profile(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "person",
        Some(id),
        Some(&before),
        Some(&after),
        Some(id),
        now,
    )
    .await?;
    tell_person(&mut tx.conn(), actor, id, "notice-profile-updated", now).await?;
    tx.commit().await?;
    Ok(())
}

/// What a photo's first bytes say it is: JPEG or PNG, whatever its name says.
pub fn sniff_photo(bytes: &[u8]) -> Option<&'static str> {
    crate::payments::sniff(bytes).filter(|k| k.starts_with("image/"))
}

/// Stores a person's photo (JPEG or PNG, at most [`PHOTO_MAX_BYTES`]), only when they consent
/// to one.
pub async fn add_photo(app: &App, actor: &Actor, id: i64, bytes: &[u8]) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_for_change(&mut tx.conn(), actor, org, id).await?;
    let profile = cairn_db::people::profile(&mut tx.conn(), org, id).await?;
    if !profile.consent_photo {
        return Err(invalid("photo", "profile-error-photo-consent"));
    }
    if bytes.is_empty() {
        return Err(invalid("photo", "profile-error-photo-empty"));
    }
    if bytes.len() > PHOTO_MAX_BYTES {
        return Err(invalid("photo", "profile-error-photo-size"));
    }
    let Some(kind) = sniff_photo(bytes) else {
        return Err(invalid("photo", "profile-error-photo-type"));
    };
    cairn_db::people::set_photo(&mut tx.conn(), id, kind, bytes, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "person_photo",
        Some(id),
        None,
        Some(&serde_json::json!({"content_type": kind, "size_bytes": bytes.len()})),
        Some(id),
        now,
    )
    .await?;
    tell_person(&mut tx.conn(), actor, id, "notice-profile-updated", now).await?;
    tx.commit().await?;
    Ok(())
}

/// A person's photo (content type and bytes), for those who may see the person, and for anyone
/// who may read the who's-who when the person is on it with a photo.
pub async fn photo(app: &App, actor: &Actor, id: i64) -> AppResult<(String, Vec<u8>)> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let on_whos_who = actor.can(Permission::ViewWhosWho)
        && cairn_db::people::photo_on_whos_who(&mut c, org, id).await?;
    if !on_whos_who {
        if !actor.can(Permission::ViewPeople)
            && !actor.can(Permission::ViewWhosWho)
            && !actor.is_person(id)
        {
            return Err(AppError::Forbidden);
        }
        load_in_reach(&mut c, actor, org, id).await?;
    }
    let photo = cairn_db::people::photo(&mut c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(h);
    crate::audit::record_read(app, actor, org, "photo", id, &[id]).await?;
    Ok(photo)
}

// ---------------------------------------------------------------------------------------------
// Level and pathway
// ---------------------------------------------------------------------------------------------

/// One step on the pathway, done or not.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StepStatus {
    /// `welcome`, `buddy` or `information` (level 1); `training`, `practice` or `shadowing`
    /// (level 2). Labels in Fluent (`pathway-step-…`).
    pub key: &'static str,
    pub level: u8,
    /// The first date it was done, if it was.
    pub done_on: Option<String>,
}

/// A person's pathway: their own level and its history, the level-1 and level-2 steps, every
/// recorded step, and the level-3 roles they hold today.
#[derive(Debug, Clone, Serialize)]
pub struct Pathway {
    pub person_id: i64,
    pub chosen_name: String,
    pub level: i64,
    pub joined_on: Option<String>,
    pub steps: Vec<StepStatus>,
    pub recorded: Vec<Step>,
    pub roles: Vec<RoleHeld>,
    pub decisions: Vec<LevelDecision>,
}

/// The pathway's steps in the order they are shown.
const STEP_ORDER: [(&str, u8); 6] = [
    ("welcome", 1),
    ("buddy", 1),
    ("information", 1),
    ("training", 2),
    ("practice", 2),
    ("shadowing", 2),
];

async fn build_pathway(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    person: &Person,
    today: Date,
) -> AppResult<Pathway> {
    let id = person.id;
    let profile = cairn_db::people::profile(c, org, id).await?;
    let recorded = cairn_db::people::steps(c, id).await?;
    let pairings = cairn_db::people::pairings_of(c, id).await?;
    let first_buddy = pairings
        .iter()
        .filter(|p| p.newcomer_id == id)
        .map(|p| p.starts_on.clone())
        .min();
    // Completing a course is a level-2 training step, on the day its certificate was issued.
    let first_course = match cairn_db::training::first_completion(c, id).await? {
        Some(ms) => {
            let o = cairn_db::units::get_organisation(c, org).await?;
            Some(
                cairn_domain::time::local_date(ms, &cairn_domain::time::time_zone(&o.time_zone))
                    .to_string(),
            )
        }
        None => None,
    };
    let steps = STEP_ORDER
        .iter()
        .map(|(key, level)| StepStatus {
            key,
            level: *level,
            done_on: match *key {
                "buddy" => first_buddy.clone(),
                key => recorded
                    .iter()
                    .filter(|s| s.step == key)
                    .map(|s| s.done_on.clone())
                    .chain(first_course.clone().filter(|_| key == "training"))
                    .min(),
            },
        })
        .collect();
    let today = today.to_string();
    let roles = cairn_db::people::roles_of(c, id)
        .await?
        .into_iter()
        .filter(|r| r.is_current(&today))
        .collect();
    Ok(Pathway {
        person_id: id,
        chosen_name: person.chosen_name.clone(),
        level: profile.level,
        joined_on: profile.joined_on,
        steps,
        recorded,
        roles,
        decisions: cairn_db::people::level_decisions(c, id).await?,
    })
}

/// A person's pathway, for themselves or staff who reach them; the read is audited.
pub async fn pathway(app: &App, actor: &Actor, id: i64) -> AppResult<Pathway> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let person = load_in_reach(&mut tx.conn(), actor, org, id).await?.person;
    let today = org_today(&mut tx.conn(), app, org).await?;
    let p = build_pathway(&mut tx.conn(), org, &person, today).await?;
    audit_view(&mut tx.conn(), actor, org, id, now).await?;
    tx.commit().await?;
    Ok(p)
}

/// Records a step on a person's pathway (staff who manage people, for a person they reach).
pub async fn record_step(app: &App, actor: &Actor, id: i64, draft: &StepDraft) -> AppResult<i64> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_in_reach(&mut tx.conn(), actor, org, id).await?;
    let today = org_today(&mut tx.conn(), app, org).await?;
    let fields = draft.validate(today)?;
    let step_id =
        cairn_db::people::insert_step(&mut tx.conn(), org, id, &fields, &actor.label, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "pathway_step",
        Some(step_id),
        None,
        Some(&serde_json::json!({
            "person_id": id,
            "step": fields.step.key(),
            "done_on": fields.done_on.to_string(),
            "note": fields.note,
        })),
        Some(id),
        now,
    )
    .await?;
    tell_person(&mut tx.conn(), actor, id, "notice-pathway-step", now).await?;
    tx.commit().await?;
    Ok(step_id)
}

/// Records a decision, made with the person, to move their level, and moves it: the decision,
/// the new level and the audit row in one transaction. Staff who manage people record it for
/// someone they reach; nobody records one for themselves.
pub async fn decide_level(app: &App, actor: &Actor, id: i64, draft: &LevelDraft) -> AppResult<i64> {
    require(actor, Permission::ManagePeople)?;
    if actor.is_person(id) {
        return Err(AppError::Forbidden);
    }
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_in_reach(&mut tx.conn(), actor, org, id).await?;
    let today = org_today(&mut tx.conn(), app, org).await?;
    let current = cairn_db::people::profile(&mut tx.conn(), org, id)
        .await?
        .level;
    let fields = draft.validate(u8::try_from(current).unwrap_or(1), today)?;
    let Some(decision) =
        cairn_db::people::decide_level(&mut tx.conn(), org, id, &fields, &actor.label, now).await?
    else {
        return Err(AppError::Conflict("level-error-changed"));
    };
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "level_decision",
        Some(decision),
        Some(&serde_json::json!({"person_id": id, "level": fields.from_level})),
        Some(&serde_json::json!({
            "person_id": id,
            "level": fields.to_level,
            "decided_on": fields.decided_on.to_string(),
            "decided_by": actor.label,
            "note": fields.note,
        })),
        Some(id),
        now,
    )
    .await?;
    tell_person(&mut tx.conn(), actor, id, "notice-level-decided", now).await?;
    tx.commit().await?;
    Ok(decision)
}

// ---------------------------------------------------------------------------------------------
// Everything Cairn holds about one person
// ---------------------------------------------------------------------------------------------

/// Everything about the signed-in person, for "what Cairn holds about me".
#[derive(Debug, Clone)]
pub struct AboutMe {
    pub person: Person,
    pub unit_ids: Vec<i64>,
    /// Their units, so the page can name them (members cannot list the organisation's units).
    pub units: Vec<cairn_db::units::Unit>,
    pub profile: Profile,
    pub pathway: Pathway,
    pub interests: Vec<InterestHeld>,
    /// Every appointment, current or ended.
    pub appointments: Vec<RoleHeld>,
    pub exits: Vec<ExitGiven>,
    pub pairings: Vec<Pairing>,
    pub groups: Vec<GroupOf>,
    pub claim_count: i64,
}

async fn gather(c: &mut cairn_db::Conn<'_>, app: &App, org: i64, id: i64) -> AppResult<AboutMe> {
    let person = cairn_db::people::get(c, org, id).await?;
    let unit_ids = cairn_db::people::unit_ids(c, id).await?;
    let mut units = Vec::with_capacity(unit_ids.len());
    for u in &unit_ids {
        units.push(cairn_db::units::get_unit(c, org, *u).await?);
    }
    let today = org_today(c, app, org).await?;
    let pathway = build_pathway(c, org, &person, today).await?;
    Ok(AboutMe {
        pathway,
        person,
        unit_ids,
        units,
        profile: cairn_db::people::profile(c, org, id).await?,
        interests: cairn_db::people::interests_of(c, id).await?,
        appointments: cairn_db::people::roles_of(c, id).await?,
        exits: cairn_db::people::exits_of(c, id).await?,
        pairings: cairn_db::people::pairings_of(c, id).await?,
        groups: cairn_db::people::groups_of(c, id).await?,
        claim_count: cairn_db::people::claim_count(c, id).await?,
    })
}

/// Everything Cairn holds about the signed-in person; `None` for an account with no person
/// record. The read is audited.
pub async fn about_me(app: &App, actor: &Actor) -> AppResult<Option<AboutMe>> {
    let (Some(org), Some(id)) = (actor.organisation_id, actor.person_id) else {
        return Ok(None);
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let me = gather(&mut tx.conn(), app, org, id).await?;
    audit_view(&mut tx.conn(), actor, org, id, now).await?;
    tx.commit().await?;
    Ok(Some(me))
}

/// A claim with its money lines, in an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportClaim {
    #[serde(flatten)]
    pub claim: cairn_db::payments::Claim,
    pub lines: Vec<cairn_db::payments::Line>,
}

/// A stored photo, in an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportPhoto {
    pub content_type: String,
    pub base64: String,
}

/// Everything Cairn holds about one person, for a subject access request.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub exported_at: i64,
    pub person: Person,
    pub unit_ids: Vec<i64>,
    pub profile: Profile,
    pub photo: Option<ExportPhoto>,
    pub pathway: Pathway,
    pub interests: Vec<InterestHeld>,
    pub appointments: Vec<RoleHeld>,
    pub exits: Vec<ExitGiven>,
    pub buddy_pairings: Vec<Pairing>,
    pub meeting_groups: Vec<GroupOf>,
    pub meetings: Vec<Attendance>,
    pub claims: Vec<ExportClaim>,
    /// Receipts attached to their claims, each with where to download the file.
    pub receipts: Vec<ExportReceipt>,
    /// How they like to be paid and their own earnings limit.
    pub payment_settings: Option<cairn_db::payments::Profile>,
    /// A claim they were part-way through making, as typed (kept until sent or started again).
    pub claim_draft: Option<cairn_db::payments::drafts::ClaimDraftRow>,
    pub meeting_actions: Vec<cairn_db::meetings::Action>,
    pub named_in: cairn_db::people::NamedIn,
    pub suggestions: Vec<SuggestionSent>,
    pub account: Option<ExportAccount>,
    pub audit: Vec<Entry>,
    /// Sessions on their registers, courses with completion and credits, sessions they train
    /// in, and courses they asked to join.
    pub training: crate::training::Learning,
    /// Assessors' marks on assessed courses they passed.
    pub course_assessments: Vec<cairn_db::training::accreditation::Assessment>,
    /// What they gave to work toward credits: legal name, date of birth, learner number.
    pub credit_learner: Vec<cairn_db::training::accreditation::CreditLearner>,
    /// Their answers to confidential or named surveys (anonymous ones are linked to no one).
    pub survey_responses: Vec<cairn_db::surveys::OwnResponse>,
    /// The versions of the guiding principles they acknowledged: (version, when, UTC ms).
    pub principles_acknowledged: Vec<(i64, i64)>,
    /// Playbook actions they were given to own.
    pub playbook_actions_owned: Vec<cairn_db::playbook::Action>,
}

/// A receipt in an export: what it is and where the file is (`GET /payments/receipts/{id}`).
#[derive(Debug, Clone, Serialize)]
pub struct ExportReceipt {
    pub id: i64,
    pub claim_id: i64,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: i64,
    pub download: String,
    /// Where the file is inside the zip export (`receipts/claim-5-receipt-12.pdf`).
    pub file: String,
}

/// A receipt's file for the zip export: its path in the zip and its bytes.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The file name a receipt has inside the zip export.
fn receipt_file(claim: i64, id: i64, content_type: &str) -> String {
    let ext = match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/pdf" => "pdf",
        _ => "bin",
    };
    format!("receipts/claim-{claim}-receipt-{id}.{ext}")
}

/// A session of their account in an export: when, never its secret.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSession {
    pub started_at: i64,
    pub last_seen_at: i64,
    pub ends_at: i64,
}

/// Every column of the schema that refers to a person or an account, and where the subject
/// access export holds what it refers to — or why it does not. `cairn-app/tests/app/export.rs`
/// derives the list of such columns from the migrated schema and fails for any not named here,
/// so a table added later cannot be left out of the export without a decision.
pub const EXPORT_COVERAGE: &[(&str, &str, &str)] = &[
    ("api_tokens", "user_id", "account.tokens"),
    ("appointments", "person_id", "appointments"),
    (
        "assessment_history",
        "owner_person_id",
        "named_in.practices_owned (the history of the same practices)",
    ),
    ("assessments", "owner_person_id", "named_in.practices_owned"),
    ("audit_log", "actor_user_id", "audit (entries naming them)"),
    ("audit_log", "on_behalf_of_person_id", "audit"),
    ("buddy_pairings", "newcomer_id", "buddy_pairings"),
    ("buddy_pairings", "buddy_id", "buddy_pairings"),
    ("claims", "person_id", "claims"),
    ("certificates", "person_id", "training.certificates"),
    ("course_requests", "person_id", "training.asked_to_join"),
    ("course_assessments", "person_id", "course_assessments"),
    ("credit_learners", "person_id", "credit_learner"),
    (
        "claims",
        "created_by_user_id",
        "claims (theirs); on someone else's claim it is that person's record",
    ),
    (
        "claims",
        "approved_by_user_id",
        "not exported: another person's claim they approved as staff",
    ),
    (
        "claims",
        "approved_by_person_id",
        "not exported: another person's claim they approved",
    ),
    (
        "claims",
        "authorised_by_user_id",
        "not exported: another person's claim they authorised as staff",
    ),
    (
        "claims",
        "authorised_by_person_id",
        "not exported: another person's claim they authorised",
    ),
    (
        "claims",
        "rejected_by_user_id",
        "not exported: another person's claim they rejected as staff",
    ),
    ("exits", "person_id", "exits"),
    ("identity_links", "user_id", "account.identity_links"),
    ("interests", "person_id", "interests"),
    (
        "invitations",
        "user_id",
        "not exported: a one-time secret's hash; the account itself is in account",
    ),
    ("level_decisions", "person_id", "pathway"),
    ("meeting_actions", "owner_person_id", "meeting_actions"),
    ("meeting_group_members", "person_id", "meeting_groups"),
    ("meeting_people", "person_id", "meetings"),
    ("notices", "user_id", "account.notices"),
    (
        "password_resets",
        "user_id",
        "not exported: a one-time secret's hash, gone within the hour",
    ),
    (
        "password_resets",
        "made_by_user_id",
        "not exported: an administrator's act, in the audit log",
    ),
    ("pathway_steps", "person_id", "pathway"),
    ("payment_profiles", "person_id", "payment_settings"),
    ("claim_drafts", "person_id", "claim_draft"),
    (
        "payment_runs",
        "created_by_user_id",
        "not exported: finance staff's work on a run",
    ),
    (
        "payment_runs",
        "locked_by_user_id",
        "not exported: finance staff's work on a run",
    ),
    (
        "payment_runs",
        "paid_by_user_id",
        "not exported: finance staff's work on a run",
    ),
    ("person_photos", "person_id", "photo"),
    ("person_units", "person_id", "unit_ids"),
    (
        "recruitment_panel",
        "person_id",
        "named_in.recruitment_panels",
    ),
    ("sessions", "user_id", "account.sessions"),
    ("survey_responses", "person_id", "survey_responses"),
    (
        "principles_acknowledgements",
        "person_id",
        "principles_acknowledged",
    ),
    (
        "playbook_actions",
        "owner_person_id",
        "playbook_actions_owned",
    ),
    ("suggestions", "submitted_by_user_id", "suggestions"),
    (
        "suggestions",
        "owner_user_id",
        "not exported: staff owning a suggestion as part of their work",
    ),
    ("session_attendance", "person_id", "training.sessions"),
    ("session_trainers", "person_id", "training.trains_in"),
    ("training_topics", "person_id", "training.topics"),
    ("units", "link_person_id", "named_in.link_person_for_units"),
    (
        "user_units",
        "user_id",
        "account (the units a unit-scoped account reaches)",
    ),
    ("users", "person_id", "account"),
];

/// The person's account, if they have one (never its password or the secrets of its tokens and
/// sessions).
#[derive(Debug, Clone, Serialize)]
pub struct ExportAccount {
    pub email: String,
    pub role: String,
    pub unit_ids: Vec<i64>,
    pub created_at: i64,
    pub last_sign_in_at: Option<i64>,
    pub disabled: bool,
    /// They chose to read their pages in Easy Read.
    pub easy_read: bool,
    pub tokens: Vec<cairn_db::accounts::ApiToken>,
    pub sessions: Vec<ExportSession>,
    pub notices: Vec<cairn_db::notices::Notice>,
    /// The identities at the organisation's provider that sign in to this account.
    pub identity_links: Vec<cairn_db::identity::Link>,
}

/// Everything Cairn holds about a person, as one document (organisation administrators only).
/// The export itself is audited, naming the person.
pub async fn export(app: &App, actor: &Actor, id: i64) -> AppResult<Export> {
    Ok(export_parts(app, actor, id, false).await?.0)
}

/// As [`export`], with each receipt's file, for the zip a person is given.
pub async fn export_with_files(
    app: &App,
    actor: &Actor,
    id: i64,
) -> AppResult<(Export, Vec<ExportFile>)> {
    export_parts(app, actor, id, true).await
}

async fn export_parts(
    app: &App,
    actor: &Actor,
    id: i64,
    with_files: bool,
) -> AppResult<(Export, Vec<ExportFile>)> {
    require(actor, Permission::ExportPersonData)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut c = tx.conn();
    load_in_reach(&mut c, actor, org, id).await?;
    let me = gather(&mut c, app, org, id).await?;
    let photo = cairn_db::people::photo(&mut c, org, id)
        .await?
        .map(|(content_type, bytes)| {
            use base64::Engine;
            ExportPhoto {
                content_type,
                base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            }
        });
    let q = cairn_db::payments::ClaimQuery {
        person_id: Some(id),
        limit: i64::MAX,
        ..Default::default()
    };
    let mut claims = Vec::new();
    let mut receipts = Vec::new();
    let mut files = Vec::new();
    for claim in cairn_db::payments::list_claims(&mut c, org, &q).await? {
        let lines = cairn_db::payments::lines(&mut c, claim.id).await?;
        for r in cairn_db::payments::receipts(&mut c, claim.id).await? {
            let file = receipt_file(r.claim_id, r.id, &r.content_type);
            if with_files
                && let Some((_, bytes)) =
                    cairn_db::payments::receipt_body(&mut c, org, r.id).await?
            {
                files.push(ExportFile {
                    path: file.clone(),
                    bytes,
                });
            }
            receipts.push(ExportReceipt {
                file,
                download: format!("/payments/receipts/{}", r.id),
                id: r.id,
                claim_id: r.claim_id,
                content_type: r.content_type,
                size_bytes: r.size_bytes,
                sha256: r.sha256,
                created_at: r.created_at,
            });
        }
        claims.push(ExportClaim { claim, lines });
    }
    let payment_settings = cairn_db::payments::profile(&mut c, id).await?;
    let claim_draft = crate::payments::drafts::of_person(&mut c, id).await?;
    let meeting_actions = cairn_db::meetings::actions_owned(&mut c, org, id).await?;
    let named_in = cairn_db::people::named_in(&mut c, org, id).await?;
    let user = cairn_db::accounts::find_user_by_person(&mut c, id).await?;
    let suggestions = match &user {
        Some(u) => cairn_db::people::suggestions_by_user(&mut c, org, u.id).await?,
        None => Vec::new(),
    };
    let audit = cairn_db::people::audit_naming(&mut c, org, id).await?;
    let account = match user {
        Some(u) => Some(ExportAccount {
            unit_ids: cairn_db::accounts::user_units(&mut c, u.id).await?,
            tokens: cairn_db::accounts::list_tokens(&mut c, u.id).await?,
            sessions: cairn_db::accounts::list_sessions(&mut c, u.id, now)
                .await?
                .into_iter()
                .map(|s| ExportSession {
                    started_at: s.created_at,
                    last_seen_at: s.last_seen_at,
                    ends_at: s.ends_at.min(s.expires_at),
                })
                .collect(),
            notices: cairn_db::notices::list(&mut c, u.id, i64::MAX).await?,
            identity_links: cairn_db::identity::links_of_user(&mut c, u.id).await?,
            easy_read: u.easy_read,
            email: u.email,
            role: u.role.key().to_owned(),
            created_at: u.created_at,
            last_sign_in_at: u.last_sign_in_at,
            disabled: u.disabled,
        }),
        None => None,
    };
    let out = Export {
        exported_at: now,
        person: me.person,
        unit_ids: me.unit_ids,
        profile: me.profile,
        photo,
        pathway: me.pathway,
        interests: me.interests,
        appointments: me.appointments,
        exits: me.exits,
        buddy_pairings: me.pairings,
        meeting_groups: me.groups,
        meetings: cairn_db::people::attendance_of(&mut c, id).await?,
        claims,
        suggestions,
        receipts,
        payment_settings,
        claim_draft,
        meeting_actions,
        named_in,
        account,
        audit,
        training: crate::training::learning_in(&mut c, org, id).await?,
        course_assessments: cairn_db::training::accreditation::assessments_of(&mut c, id).await?,
        credit_learner: cairn_db::training::accreditation::credit_learner_of(&mut c, id).await?,
        survey_responses: cairn_db::surveys::responses_of(&mut c, id).await?,
        principles_acknowledged: cairn_db::principles::of_person(&mut c, id).await?,
        playbook_actions_owned: cairn_db::playbook::actions_owned_by(&mut c, id).await?,
    };
    record::<(), _>(
        &mut c,
        actor,
        Some(org),
        Action::Export,
        "person",
        Some(id),
        None,
        Some(&serde_json::json!({"subject_access": true, "with_files": with_files})),
        Some(id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((out, files))
}

// ---------------------------------------------------------------------------------------------
// The who's-who
// ---------------------------------------------------------------------------------------------

/// Someone on a who's-who page, with the roles they hold today.
#[derive(Debug, Clone)]
pub struct WhosWhoPerson {
    pub entry: WhosWhoEntry,
    pub roles: Vec<RoleHeld>,
}

/// A who's-who page: the unit it is for (None: the whole organisation) and its people.
#[derive(Debug, Clone)]
pub struct WhosWho {
    pub unit: Option<Unit>,
    pub people: Vec<WhosWhoPerson>,
}

/// Whether the actor may open the who's-who page of `unit`: unit staff for the units they
/// reach, members for their own units, other roles for every unit.
async fn reaches_unit_page(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    unit: i64,
) -> AppResult<bool> {
    Ok(if actor.role.is_unit_scoped() {
        actor.can_reach_unit(unit)
    } else if actor.role == cairn_domain::Role::Member {
        match actor.person_id {
            Some(p) => cairn_db::people::unit_ids(c, p).await?.contains(&unit),
            None => false,
        }
    } else {
        true
    })
}

/// The who's-who of the organisation (`unit_id` None) or of one unit: active people who
/// consented to be on it, sorted by name in `lang`'s alphabet. Unit staff see the units they
/// reach; members see their own units; every role that may read the who's-who sees the
/// organisation's page.
pub async fn whos_who(
    app: &App,
    actor: &Actor,
    unit_id: Option<i64>,
    lang: Language,
) -> AppResult<WhosWho> {
    require(actor, Permission::ViewWhosWho)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let unit = match unit_id {
        Some(u) => {
            let unit = cairn_db::units::get_unit(&mut c, org, u).await?;
            if !reaches_unit_page(&mut c, actor, u).await? {
                return Err(AppError::NotFound);
            }
            Some(unit)
        }
        None => None,
    };
    let today = org_today(&mut c, app, org).await?;
    let roles = cairn_db::people::current_roles_in(&mut c, org, today).await?;
    let mut people: Vec<WhosWhoPerson> = cairn_db::people::whos_who(&mut c, org, unit_id)
        .await?
        .into_iter()
        .map(|entry| {
            let mine = roles
                .iter()
                .filter(|r| r.person_id == entry.id)
                .cloned()
                .collect();
            WhosWhoPerson { entry, roles: mine }
        })
        .collect();
    people.sort_by_cached_key(|p| {
        (
            name_sort_key(&p.entry.chosen_name, lang),
            p.entry.chosen_name.clone(),
            p.entry.id,
        )
    });
    Ok(WhosWho { unit, people })
}

/// The units whose who's-who pages the actor may open (for links), by id.
pub async fn whos_who_units(app: &App, actor: &Actor) -> AppResult<Vec<Unit>> {
    require(actor, Permission::ViewWhosWho)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let mut out = Vec::new();
    for u in cairn_db::units::units_in_organisation(&mut c, org).await? {
        if reaches_unit_page(&mut c, actor, u).await? {
            out.push(cairn_db::units::get_unit(&mut c, org, u).await?);
        }
    }
    Ok(out)
}
