//! Buddies (L1.08): pairing a newcomer with a buddy, check-ins, ending a pairing, the list of
//! newcomers still without a buddy (overdue after [`BUDDY_DUE_DAYS`]), and a person's own
//! pairings.
//!
//! Invariants: a buddy is an active person holding a current appointment to a role of kind
//! `buddy`, never the newcomer; a newcomer has at most one open pairing (also held by a unique
//! index); a newcomer is an active service user or carer who joined within
//! [`cairn_domain::people::NEWCOMER_DAYS`] (no joining date: not a newcomer). A pairing belongs
//! to its newcomer's units: unit staff reach it only through them, and pair only people (both
//! newcomer and buddy) in their units. Every audit row names the newcomer; the newcomer and
//! the buddy, if they have accounts, get a notice when paired. A member sees only the pairings
//! they are in.

use crate::audit::{Action, record};
use crate::notices::NoticeArg;
use crate::org_today as today_in;
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::people::buddies::{Checkin, Pairing, PairingQuery, Waiting};
use cairn_domain::people::{
    BUDDY_DUE_DAYS, CheckinDraft, Constituency, EndDraft, PairingDraft, PersonStatus,
    buddy_overdue, newcomer_since,
};
use cairn_domain::time::parse_iso_date;
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;

/// Most pairings shown in one list.
pub const LIST_MAX: i64 = 500;

fn scope(actor: &Actor) -> Option<Vec<i64>> {
    actor.role.is_unit_scoped().then(|| actor.unit_ids.clone())
}

fn date_of(s: &str) -> Date {
    parse_iso_date(s).unwrap_or_default()
}

/// A newcomer with no open pairing, with their units and when a buddy is (or was) due.
#[derive(Debug, Clone)]
pub struct WaitingNewcomer {
    pub person_id: i64,
    pub chosen_name: String,
    pub constituency: Constituency,
    pub unit_ids: Vec<i64>,
    pub joined_on: Date,
    /// The last day a buddy is in time.
    pub due_on: Date,
    /// More than [`BUDDY_DUE_DAYS`] since they joined.
    pub overdue: bool,
}

/// What the buddies page shows.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Newcomers with no open pairing, longest waiting first.
    pub waiting: Vec<WaitingNewcomer>,
    /// Open pairings, newest first.
    pub pairings: Vec<Pairing>,
    pub today: Date,
}

async fn waiting_in(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    today: Date,
    unit_id: Option<i64>,
) -> AppResult<Vec<WaitingNewcomer>> {
    let within = scope(actor);
    let rows: Vec<Waiting> = cairn_db::people::buddies::newcomers_without_buddy(
        c,
        org,
        &newcomer_since(today).to_string(),
        &today.to_string(),
        unit_id,
        within.as_deref(),
    )
    .await?;
    let ids: Vec<i64> = rows.iter().map(|w| w.person_id).collect();
    let pairs = cairn_db::people::units_of(c, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|w| {
            let joined_on = date_of(&w.joined_on);
            let due_on = joined_on
                .checked_add(jiff::Span::new().days(BUDDY_DUE_DAYS))
                .unwrap_or(joined_on);
            WaitingNewcomer {
                unit_ids: pairs
                    .iter()
                    .filter(|(p, _)| *p == w.person_id)
                    .map(|(_, u)| *u)
                    .filter(|u| actor.can_reach_unit(*u))
                    .collect(),
                person_id: w.person_id,
                chosen_name: w.chosen_name,
                constituency: w.constituency,
                joined_on,
                due_on,
                overdue: buddy_overdue(joined_on, today),
            }
        })
        .collect())
}

/// The newcomers without a buddy and the open pairings the actor may see, optionally on one
/// unit only.
pub async fn overview(app: &App, actor: &Actor, unit_id: Option<i64>) -> AppResult<Overview> {
    require(actor, Permission::ViewPeople)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today_in(&mut c, app, org).await?;
    let waiting = waiting_in(&mut c, actor, org, today, unit_id).await?;
    let pairings = cairn_db::people::buddies::list_pairings(
        &mut c,
        org,
        &PairingQuery {
            unit_id,
            within_units: scope(actor),
            open_only: true,
            limit: LIST_MAX,
        },
    )
    .await?;
    Ok(Overview {
        waiting,
        pairings,
        today,
    })
}

/// How many newcomers in the actor's reach have no buddy yet, and how many of them have waited
/// longer than [`BUDDY_DUE_DAYS`]. `None` for roles that do not see people.
pub async fn waiting_count(app: &App, actor: &Actor) -> AppResult<Option<(i64, i64)>> {
    if !actor.can(Permission::ViewPeople) {
        return Ok(None);
    }
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today_in(&mut c, app, org).await?;
    // Overdue is more than BUDDY_DUE_DAYS since joining (`buddy_overdue`): joined before this.
    let overdue_before = today
        .checked_sub(jiff::Span::new().days(BUDDY_DUE_DAYS))
        .unwrap_or(today);
    let within = scope(actor);
    Ok(Some(
        cairn_db::people::buddies::newcomers_without_buddy_count(
            &mut c,
            org,
            &newcomer_since(today).to_string(),
            &today.to_string(),
            &overdue_before.to_string(),
            within.as_deref(),
        )
        .await?,
    ))
}

/// Who may be chosen on the pairing form.
#[derive(Debug, Clone)]
pub struct Choices {
    /// Active service users and carers in reach: (id, chosen name).
    pub newcomers: Vec<(i64, String)>,
    /// Active holders of a current buddy appointment in reach.
    pub buddies: Vec<(i64, String)>,
    pub today: Date,
}

/// The people the actor may pair.
pub async fn choices(app: &App, actor: &Actor) -> AppResult<Choices> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let today = today_in(&mut c, app, org).await?;
    let within = scope(actor);
    Ok(Choices {
        newcomers: cairn_db::people::buddies::possible_newcomers(&mut c, org, within.as_deref())
            .await?,
        buddies: cairn_db::people::buddies::buddy_holders(
            &mut c,
            org,
            &today.to_string(),
            within.as_deref(),
        )
        .await?,
        today,
    })
}

/// A person of the organisation within the actor's reach, with their units; `None` when there
/// is no such person or they are out of reach (the two read alike).
async fn person_in_reach(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<Option<cairn_db::people::Person>> {
    let p = match cairn_db::people::get(c, org, id).await {
        Ok(p) => p,
        Err(cairn_db::DbError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let units = cairn_db::people::unit_ids(c, id).await?;
    Ok(actor.can_reach_any_unit(&units).then_some(p))
}

/// Pairs a newcomer with a buddy. Returns the pairing's id.
pub async fn pair(app: &App, actor: &Actor, draft: &PairingDraft) -> AppResult<i64> {
    require(actor, Permission::ManagePeople)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let today = today_in(&mut tx.conn(), app, org).await?;
    let f = draft.validate(today)?;
    let mut e = FieldErrors::new();
    let newcomer = person_in_reach(&mut tx.conn(), actor, org, f.newcomer_id)
        .await?
        .filter(|p| {
            p.status == PersonStatus::Active
                && matches!(
                    p.constituency,
                    Constituency::ServiceUser | Constituency::Carer
                )
        });
    match &newcomer {
        None => e.add("newcomer_id", "buddies-error-newcomer"),
        Some(_) => {
            if cairn_db::people::buddies::open_pairing_of(&mut tx.conn(), org, f.newcomer_id)
                .await?
                .is_some()
            {
                e.add("newcomer_id", "buddies-error-newcomer-has-buddy");
            }
        }
    }
    let buddy = person_in_reach(&mut tx.conn(), actor, org, f.buddy_id).await?;
    let holds = match &buddy {
        Some(_) => {
            cairn_db::people::buddies::holds_buddy_role(
                &mut tx.conn(),
                org,
                f.buddy_id,
                &today.to_string(),
            )
            .await?
        }
        None => false,
    };
    if !holds {
        e.add("buddy_id", "buddies-error-buddy-not-holder");
    }
    let (Some(newcomer), Some(buddy)) = (newcomer, buddy) else {
        return Err(e.into());
    };
    if !e.is_empty() {
        return Err(e.into());
    }
    let id = match cairn_db::people::buddies::insert_pairing(
        &mut tx.conn(),
        org,
        f.newcomer_id,
        f.buddy_id,
        &f.starts_on.to_string(),
        &actor.label,
        now,
    )
    .await
    {
        Ok(id) => id,
        // Another pairing for the newcomer was made at the same moment.
        Err(cairn_db::DbError::Conflict) => {
            let mut e = FieldErrors::new();
            e.add("newcomer_id", "buddies-error-newcomer-has-buddy");
            return Err(e.into());
        }
        Err(err) => return Err(err.into()),
    };
    let after = cairn_db::people::buddies::get_pairing(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "buddy_pairing",
        Some(id),
        None,
        after.as_ref(),
        Some(f.newcomer_id),
        now,
    )
    .await?;
    for (person, other, message) in [
        (&newcomer, &buddy, "notice-buddy-paired-newcomer"),
        (&buddy, &newcomer, "notice-buddy-paired-buddy"),
    ] {
        if let Some(user) =
            cairn_db::accounts::find_user_by_person(&mut tx.conn(), person.id).await?
        {
            // The date is stored as a date and put into words when the notice is read, in
            // the language the person reads Cairn in then.
            crate::notices::notify_with(
                &mut tx.conn(),
                user.id,
                message,
                &[
                    ("name", NoticeArg::Text(other.chosen_name.clone())),
                    ("date", NoticeArg::Date { date: f.starts_on }),
                ],
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// One pairing with its check-ins.
#[derive(Debug, Clone)]
pub struct PairingView {
    pub pairing: Pairing,
    pub checkins: Vec<Checkin>,
    pub today: Date,
}

/// Loads a pairing the actor may see as staff: a role without people work is refused, a
/// pairing out of reach (or of another organisation) is "not found".
async fn load(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
    need: Permission,
) -> AppResult<Pairing> {
    require(actor, need)?;
    let p = cairn_db::people::buddies::get_pairing(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let units = cairn_db::people::unit_ids(c, p.newcomer_id).await?;
    if !actor.can_reach_any_unit(&units) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// One pairing and its check-ins, for staff. The read is audited, naming the newcomer.
pub async fn view(app: &App, actor: &Actor, id: i64) -> AppResult<PairingView> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let pairing = load(&mut tx.conn(), actor, org, id, Permission::ViewPeople).await?;
    let checkins = cairn_db::people::buddies::checkins(&mut tx.conn(), id).await?;
    let today = today_in(&mut tx.conn(), app, org).await?;
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::View,
        "buddy_pairing",
        Some(id),
        None,
        None,
        Some(pairing.newcomer_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(PairingView {
        pairing,
        checkins,
        today,
    })
}

/// Adds a check-in to a pairing.
pub async fn add_checkin(
    app: &App,
    actor: &Actor,
    id: i64,
    draft: &CheckinDraft,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let p = load(&mut tx.conn(), actor, org, id, Permission::ManagePeople).await?;
    let today = today_in(&mut tx.conn(), app, org).await?;
    let f = draft.validate(
        date_of(&p.starts_on),
        p.ends_on.as_deref().and_then(parse_iso_date),
        today,
    )?;
    let checkin = cairn_db::people::buddies::insert_checkin(
        &mut tx.conn(),
        id,
        &f.held_on.to_string(),
        f.note.as_deref(),
        &actor.label,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "buddy_checkin",
        Some(checkin),
        None,
        Some(&serde_json::json!({
            "pairing_id": id,
            "held_on": f.held_on.to_string(),
            "note": f.note,
        })),
        Some(p.newcomer_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(checkin)
}

/// Ends an open pairing. Ending one that has already ended is a conflict.
pub async fn end(app: &App, actor: &Actor, id: i64, draft: &EndDraft) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load(&mut tx.conn(), actor, org, id, Permission::ManagePeople).await?;
    if before.ends_on.is_some() {
        return Err(AppError::Conflict("buddies-error-already-ended"));
    }
    let today = today_in(&mut tx.conn(), app, org).await?;
    let ends_on = draft.validate(date_of(&before.starts_on), today)?;
    if !cairn_db::people::buddies::end_pairing(&mut tx.conn(), org, id, &ends_on.to_string())
        .await?
    {
        return Err(AppError::Conflict("buddies-error-already-ended"));
    }
    let after = cairn_db::people::buddies::get_pairing(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "buddy_pairing",
        Some(id),
        Some(&before),
        after.as_ref(),
        Some(before.newcomer_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One of the actor's own pairings, with its check-ins.
#[derive(Debug, Clone)]
pub struct MyPairing {
    pub pairing: Pairing,
    /// True when the actor is the newcomer (else they are the buddy).
    pub i_am_newcomer: bool,
    pub checkins: Vec<Checkin>,
}

/// The pairings the actor's own person is in that have not ended. Accounts without a person
/// record have none to see.
pub async fn mine(app: &App, actor: &Actor) -> AppResult<Vec<MyPairing>> {
    let org = org_of(actor)?;
    let me = actor.person_id.ok_or(AppError::Forbidden)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let mut out = Vec::new();
    for p in cairn_db::people::buddies::pairings_of_person(&mut c, org, me).await? {
        if p.ends_on.is_some() {
            continue;
        }
        let checkins = cairn_db::people::buddies::checkins(&mut c, p.id).await?;
        out.push(MyPairing {
            i_am_newcomer: p.newcomer_id == me,
            pairing: p,
            checkins,
        });
    }
    Ok(out)
}

/// Whether the actor's own person is in an open pairing (for the link to their page).
pub async fn has_mine(app: &App, actor: &Actor) -> AppResult<bool> {
    let (Some(org), Some(me)) = (actor.organisation_id, actor.person_id) else {
        return Ok(false);
    };
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::people::buddies::has_open_pairing(&mut h.conn(), org, me).await?)
}
