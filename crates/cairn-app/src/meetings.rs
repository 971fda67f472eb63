//! Meetings and representation: groups and their terms of reference and rule, scheduling with
//! the standing agenda, replies before the meeting (with the warning when the confirmed people
//! would not meet the rule, and first-timers flagged), attendance, minutes, decisions and
//! actions afterwards, calendar invitations, and the representation figures.
//!
//! Reach: leads and administrators reach every group; unit staff reach service-wide groups
//! (to read) and their own units' groups (to read and run); members reach the groups they
//! belong to, only to reply and to fetch the invitation. Anything out of reach is "not found".
//!
//! Places, agenda items, minutes, decisions and actions are written in English, Welsh or both
//! (a [`Bilingual`]; plain `&str` is English): each side is checked with the same limit, and
//! the audit log keeps both. Invitations give the place in the recipient's language when it
//! is written, else in the other.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::meetings::{
    AgendaItem, Decision, Group, GroupSummary, Meeting, MeetingPerson, MeetingQuery, Member,
    NewMeeting, OverdueScope, RepresentationQuery, RepresentationRow,
};
use cairn_domain::meetings::{
    ActionStatus, Counts, Evaluation, GroupDraft, GroupFields, MeetingDraft, Presence, Reply, Rule,
    StandingItem, check_text, ics, month_key, standing_agenda,
};
use cairn_domain::people::{Constituency, Language};
use cairn_domain::time::{DateParts, local_date, parse_date_parts, time_zone};
use cairn_domain::translation::Bilingual;
use cairn_domain::{FieldErrors, Permission};
use serde::Serialize;

/// Longest a meeting can last.
const MAX_MEETING_MS: i64 = cairn_domain::meetings::MEETING_MAX_MS;
/// Most people in one attendance list.
pub const ATTENDANCE_MAX: usize = 500;
/// Most "others present" that can be recorded.
pub const OTHERS_MAX: i64 = 1000;

async fn tz_of(c: &mut Conn<'_>, org: i64) -> AppResult<jiff::tz::TimeZone> {
    let o = crate::cache::organisation(c, org).await?;
    Ok(time_zone(&o.time_zone))
}

/// May the actor read this group?
fn can_see_group(actor: &Actor, g: &Group, member_of: bool) -> bool {
    if actor.can(Permission::ViewMeetings) {
        return g.unit_id.is_none_or(|u| actor.can_reach_unit(u));
    }
    actor.can(Permission::ReplyToMeeting) && member_of
}

/// May the actor run this group's meetings?
fn can_run_group(actor: &Actor, g: &Group) -> bool {
    if !actor.can(Permission::ManageMeetings) {
        return false;
    }
    match g.unit_id {
        Some(u) => actor.can_reach_unit(u),
        // Service-wide groups are run by the roles that reach every unit.
        None => !actor.role.is_unit_scoped(),
    }
}

async fn is_member(c: &mut Conn<'_>, actor: &Actor, group: i64) -> AppResult<bool> {
    Ok(match actor.person_id {
        Some(p) => cairn_db::meetings::groups_of_person(c, p)
            .await?
            .contains(&group),
        None => false,
    })
}

/// Loads a group the actor may see, or "not found".
async fn load_group(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Group> {
    // Roles with no part in meetings are refused outright; for the others, a group out of
    // reach reads as "not found".
    if !actor.can(Permission::ViewMeetings) && !actor.can(Permission::ReplyToMeeting) {
        return Err(AppError::Forbidden);
    }
    let g = cairn_db::meetings::get_group(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = is_member(c, actor, id).await?;
    if !can_see_group(actor, &g, member) {
        return Err(AppError::NotFound);
    }
    Ok(g)
}

/// Loads a meeting (and its group) the actor may see, or "not found".
async fn load_meeting(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<(Meeting, Group)> {
    let m = cairn_db::meetings::get_meeting(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = load_group(c, actor, org, m.group_id).await?;
    Ok((m, g))
}

/// Loads a meeting the actor may run: not found when out of sight, forbidden when only visible.
async fn load_meeting_to_run(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    id: i64,
) -> AppResult<(Meeting, Group)> {
    let (m, g) = load_meeting(c, actor, org, id).await?;
    if !can_run_group(actor, &g) {
        return Err(AppError::Forbidden);
    }
    Ok((m, g))
}

/// Checks, before anything is read from a form, that the meeting exists and the actor may run
/// it, so another organisation's id is "not found" whatever is sent with it.
async fn must_run(app: &App, actor: &Actor, org: i64, meeting: i64) -> AppResult<()> {
    let mut h = app.db.acquire().await?;
    load_meeting_to_run(&mut h.conn(), actor, org, meeting).await?;
    Ok(())
}

fn scope(actor: &Actor) -> Option<Vec<i64>> {
    actor.role.is_unit_scoped().then(|| actor.unit_ids.clone())
}

/// The groups the actor can see, by name.
pub async fn groups(app: &App, actor: &Actor) -> AppResult<Vec<Group>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (within, mine) = visible_groups(&mut c, actor).await?;
    let all = cairn_db::meetings::list_groups(&mut c, org, within.as_deref()).await?;
    Ok(keep_mine(all, mine.as_deref(), |g| g.id))
}

/// The [`groups`] as summaries: what a list of them shows, without the terms of reference.
pub async fn group_summaries(app: &App, actor: &Actor) -> AppResult<Vec<GroupSummary>> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (within, mine) = visible_groups(&mut c, actor).await?;
    let all = cairn_db::meetings::list_group_summaries(&mut c, org, within.as_deref()).await?;
    Ok(keep_mine(all, mine.as_deref(), |g| g.id))
}

/// Which groups an actor sees: staff, those of their units (`within`, None for every unit);
/// members, only those they belong to (`mine`).
async fn visible_groups(
    c: &mut Conn<'_>,
    actor: &Actor,
) -> AppResult<(Option<Vec<i64>>, Option<Vec<i64>>)> {
    if actor.can(Permission::ViewMeetings) {
        return Ok((scope(actor), None));
    }
    require(actor, Permission::ReplyToMeeting)?;
    let mine = match actor.person_id {
        Some(p) => cairn_db::meetings::groups_of_person(c, p).await?,
        None => Vec::new(),
    };
    Ok((None, Some(mine)))
}

/// `all`, or only those among them in `mine` when it is given.
fn keep_mine<G>(all: Vec<G>, mine: Option<&[i64]>, id: impl Fn(&G) -> i64) -> Vec<G> {
    match mine {
        None => all,
        Some(mine) => all.into_iter().filter(|g| mine.contains(&id(g))).collect(),
    }
}

async fn check_group_unit(c: &mut Conn<'_>, org: i64, unit: Option<i64>) -> AppResult<()> {
    if let Some(u) = unit
        && !cairn_db::units::unit_in_organisation(c, org, u).await?
    {
        let mut e = FieldErrors::new();
        e.add("unit_id", "meetings-error-unit");
        return Err(e.into());
    }
    Ok(())
}

/// Creates a group (leads and administrators).
pub async fn create_group(app: &App, actor: &Actor, draft: &GroupDraft) -> AppResult<i64> {
    require(actor, Permission::ManageGroups)?;
    let org = org_of(actor)?;
    let fields: GroupFields = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    check_group_unit(&mut tx.conn(), org, fields.unit_id).await?;
    let id = cairn_db::meetings::insert_group(&mut tx.conn(), org, &fields, now).await?;
    let after = cairn_db::meetings::get_group(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "meeting_group",
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

/// Rewrites a group's terms of reference, rule and standing items.
pub async fn update_group(app: &App, actor: &Actor, id: i64, draft: &GroupDraft) -> AppResult<()> {
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        load_group(&mut h.conn(), actor, org, id).await?;
    }
    require(actor, Permission::ManageGroups)?;
    let fields = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = load_group(&mut tx.conn(), actor, org, id).await?;
    cairn_db::meetings::update_group(&mut tx.conn(), org, id, &fields, now).await?;
    let after = cairn_db::meetings::get_group(&mut tx.conn(), org, id).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting_group",
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

/// A group with its members and meetings.
#[derive(Debug, Clone)]
pub struct GroupView {
    pub group: Group,
    pub members: Vec<Member>,
    pub upcoming: Vec<Meeting>,
    pub past: Vec<Meeting>,
    pub can_run: bool,
    pub can_edit: bool,
}

/// One group.
pub async fn group(app: &App, actor: &Actor, id: i64) -> AppResult<GroupView> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let g = load_group(&mut c, actor, org, id).await?;
    let staff = actor.can(Permission::ViewMeetings);
    let members = if staff {
        cairn_db::meetings::members(&mut c, id).await?
    } else {
        Vec::new()
    };
    let q = |from: Option<i64>, to: Option<i64>, newest_first: bool| MeetingQuery {
        group_id: Some(id),
        from,
        to,
        newest_first,
        limit: 50,
        ..Default::default()
    };
    let upcoming =
        cairn_db::meetings::list_meetings(&mut c, org, &q(Some(now), None, false)).await?;
    let past = if staff {
        cairn_db::meetings::list_meetings(&mut c, org, &q(None, Some(now), true)).await?
    } else {
        Vec::new()
    };
    Ok(GroupView {
        can_run: can_run_group(actor, &g),
        can_edit: actor.can(Permission::ManageGroups),
        group: g,
        members,
        upcoming,
        past,
    })
}

/// Adds a person to a group (or takes them off with `add = false`).
pub async fn set_member(
    app: &App,
    actor: &Actor,
    group: i64,
    person: i64,
    add: bool,
) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let g = load_group(&mut tx.conn(), actor, org, group).await?;
    if !can_run_group(actor, &g) {
        return Err(AppError::Forbidden);
    }
    let units = match cairn_db::people::get(&mut tx.conn(), org, person).await {
        Ok(_) => cairn_db::people::unit_ids(&mut tx.conn(), person).await?,
        Err(cairn_db::DbError::NotFound) => {
            let mut e = FieldErrors::new();
            e.add("person_id", "meetings-error-person");
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    };
    if !actor.can_reach_any_unit(&units) {
        let mut e = FieldErrors::new();
        e.add("person_id", "meetings-error-person");
        return Err(e.into());
    }
    let changed = if add {
        cairn_db::meetings::add_member(&mut tx.conn(), group, person).await?
    } else {
        cairn_db::meetings::remove_member(&mut tx.conn(), group, person).await?
    };
    if changed {
        record::<(), _>(
            &mut tx.conn(),
            actor,
            Some(org),
            if add { Action::Create } else { Action::Update },
            "meeting_group_member",
            Some(group),
            None,
            Some(&serde_json::json!({"person_id": person, "member": add})),
            Some(person),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Schedules a meeting from the form; it starts with the standing agenda.
pub async fn schedule(
    app: &App,
    actor: &Actor,
    group: i64,
    draft: &MeetingDraft,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    let tz = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let g = load_group(&mut c, actor, org, group).await?;
        if !can_run_group(actor, &g) {
            return Err(AppError::Forbidden);
        }
        tz_of(&mut c, org).await?
    };
    let f = draft.validate(&tz)?;
    let arrangements: Vec<&str> = f.arrangements.iter().map(|a| a.key()).collect();
    insert_meeting(
        app,
        actor,
        org,
        group,
        f.starts_at,
        f.ends_at,
        &f.place,
        f.online_link.as_deref(),
        &arrangements.join(","),
    )
    .await
}

/// Schedules a meeting at given instants (the API: RFC 3339 times already read), at a place
/// written in English, Welsh or both (plain text is English).
pub async fn schedule_at(
    app: &App,
    actor: &Actor,
    group: i64,
    starts_at: i64,
    ends_at: i64,
    place: impl Into<Bilingual>,
) -> AppResult<i64> {
    let place = place.into();
    let org = org_of(actor)?;
    {
        let mut h = app.db.acquire().await?;
        let g = load_group(&mut h.conn(), actor, org, group).await?;
        if !can_run_group(actor, &g) {
            return Err(AppError::Forbidden);
        }
    }
    let mut e = FieldErrors::new();
    if ends_at <= starts_at {
        e.add("ends_at", "meetings-error-ends");
    } else if ends_at - starts_at > MAX_MEETING_MS {
        e.add("ends_at", "meetings-error-too-long-meeting");
    }
    check_text(
        &mut e,
        "place",
        &place,
        cairn_domain::meetings::SHORT_MAX,
        Some("meetings-error-place"),
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    insert_meeting(app, actor, org, group, starts_at, ends_at, &place, None, "").await
}

#[expect(clippy::too_many_arguments, reason = "a meeting has this many facts")]
async fn insert_meeting(
    app: &App,
    actor: &Actor,
    org: i64,
    group: i64,
    starts_at: i64,
    ends_at: i64,
    place: &Bilingual,
    online_link: Option<&str>,
    arrangements: &str,
) -> AppResult<i64> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let g = load_group(&mut tx.conn(), actor, org, group).await?;
    let tz = tz_of(&mut tx.conn(), org).await?;
    let month = month_key(local_date(starts_at, &tz));
    let new = NewMeeting {
        group: &g,
        starts_at,
        ends_at,
        month: &month,
        place: place.en.as_deref(),
        place_cy: place.cy.as_deref(),
        online_link,
        arrangements,
        by: &actor.label,
    };
    let id = cairn_db::meetings::insert_meeting(&mut tx.conn(), &new, now).await?;
    for (standing, title) in standing_agenda(&g.standing()) {
        // The group's own standing items are written in one box, as English.
        cairn_db::meetings::add_agenda_item(
            &mut tx.conn(),
            id,
            standing.map(StandingItem::key),
            title.as_deref(),
            None,
            None,
        )
        .await?;
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "meeting",
        Some(id),
        None,
        Some(&serde_json::json!({"group_id": group, "starts_at": starts_at, "ends_at": ends_at, "place": place.en, "place_cy": place.cy, "online_link": online_link, "arrangements": arrangements})),
        None,
        now,
    )
    .await?;
    let place_text = place.en.as_deref().or(place.cy.as_deref());
    let m = crate::webhooks::Message::meeting_planned(id, group, starts_at, ends_at, place_text);
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// One meeting, as its page shows it.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub group: Group,
    pub agenda: Vec<AgendaItem>,
    /// Everyone who replied or was recorded.
    pub people: Vec<MeetingPerson>,
    /// Group members who have not replied.
    pub no_reply: Vec<Member>,
    /// The rule applied to the people who confirmed.
    pub expected: Evaluation,
    /// The rule applied to attendance, once recorded.
    pub actual: Option<Evaluation>,
    /// People confirmed or attending who never attended this group before.
    pub first_timers: Vec<i64>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<cairn_db::meetings::Action>,
    pub can_run: bool,
    /// True once the meeting has started.
    pub started: bool,
}

/// One meeting for staff; the read of the named people on it is audited.
pub async fn meeting(app: &App, actor: &Actor, id: i64) -> AppResult<MeetingView> {
    require(actor, Permission::ViewMeetings)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (m, g) = load_meeting(&mut tx.conn(), actor, org, id).await?;
    let agenda = cairn_db::meetings::agenda(&mut tx.conn(), id).await?;
    let people = cairn_db::meetings::meeting_people(&mut tx.conn(), id).await?;
    let members = cairn_db::meetings::members(&mut tx.conn(), g.id).await?;
    let no_reply = members
        .into_iter()
        .filter(|mem| !people.iter().any(|p| p.person_id == mem.person_id))
        .collect();
    let confirmed: Vec<Constituency> = people
        .iter()
        .filter(|p| p.reply.as_deref() == Some(Reply::Confirmed.key()))
        .map(|p| p.constituency)
        .collect();
    let rule = rule_of(&m, &g);
    let expected = rule.evaluate(&confirmed);
    let actual = m.attended_at.map(|_| rule.evaluate_counts(m.counts()));
    let coming: Vec<i64> = people
        .iter()
        .filter(|p| {
            p.presence.as_deref() == Some(Presence::Attended.key())
                || (p.presence.is_none() && p.reply.as_deref() == Some(Reply::Confirmed.key()))
        })
        .map(|p| p.person_id)
        .collect();
    let first_timers =
        cairn_db::meetings::first_timers(&mut tx.conn(), g.id, m.starts_at, &coming).await?;
    let decisions = cairn_db::meetings::decisions(&mut tx.conn(), id).await?;
    let actions = cairn_db::meetings::actions(&mut tx.conn(), id).await?;
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::View,
        "meeting",
        Some(id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(MeetingView {
        can_run: can_run_group(actor, &g),
        started: m.starts_at <= now,
        meeting: m,
        group: g,
        agenda,
        people,
        no_reply,
        expected,
        actual,
        first_timers,
        decisions,
        actions,
    })
}

/// Confirms or sends apologies: a member for themselves (`person = None`), or staff for a
/// person (recorded as done for them, and the person told).
pub async fn reply(
    app: &App,
    actor: &Actor,
    meeting: i64,
    person: Option<i64>,
    reply: &str,
) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (m, g) = load_meeting(&mut tx.conn(), actor, org, meeting).await?;
    let person = match person {
        Some(p) if !actor.is_person(p) => {
            if !can_run_group(actor, &g) {
                return Err(AppError::Forbidden);
            }
            p
        }
        Some(p) => p,
        None => match actor.person_id {
            Some(p) => p,
            None if can_run_group(actor, &g) => {
                let mut e = FieldErrors::new();
                e.add("person_id", "meetings-error-person");
                return Err(e.into());
            }
            None => return Err(AppError::Forbidden),
        },
    };
    let Some(r) = Reply::parse(reply.trim()) else {
        let mut e = FieldErrors::new();
        e.add("reply", "meetings-error-reply");
        return Err(e.into());
    };
    if m.cancelled_at.is_some() || m.ends_at < now {
        return Err(AppError::Conflict("meetings-error-reply-past"));
    }
    let members = cairn_db::meetings::members(&mut tx.conn(), g.id).await?;
    let Some(member) = members.iter().find(|x| x.person_id == person) else {
        let mut e = FieldErrors::new();
        e.add("person_id", "meetings-error-not-member");
        return Err(e.into());
    };
    let for_someone = !actor.is_person(person);
    cairn_db::meetings::set_reply(
        &mut tx.conn(),
        meeting,
        person,
        member.constituency,
        r.key(),
        now,
        for_someone.then_some(actor.label.as_str()),
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting_reply",
        Some(meeting),
        None,
        Some(&serde_json::json!({"person_id": person, "reply": r.key()})),
        Some(person),
        now,
    )
    .await?;
    if for_someone
        && let Some(user) = cairn_db::accounts::find_user_by_person(&mut tx.conn(), person).await?
    {
        crate::notices::notify(
            &mut tx.conn(),
            user.id,
            "notice-meeting-reply",
            &[("by", actor.label.clone())],
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One line of an attendance list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttendanceLine {
    pub person_id: i64,
    pub presence: Presence,
}

/// Records who was there (replacing any earlier record), the others present, and whether the
/// rule was met. Each attendee's time is the meeting's length, ready for a claim.
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    meeting: i64,
    lines: &[AttendanceLine],
    others: i64,
) -> AppResult<Evaluation> {
    let org = org_of(actor)?;
    let now = app.now();
    must_run(app, actor, org, meeting).await?;
    let mut e = FieldErrors::new();
    if !(0..=OTHERS_MAX).contains(&others) {
        e.add("others_count", "meetings-error-others");
    }
    if lines.len() > ATTENDANCE_MAX {
        e.add("attendance", "meetings-error-attendance-size");
    }
    let mut seen = std::collections::HashSet::new();
    if lines.iter().any(|l| !seen.insert(l.person_id)) {
        e.add("attendance", "meetings-error-attendance-twice");
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let mut tx = app.db.begin().await?;
    let (m, g) = load_meeting_to_run(&mut tx.conn(), actor, org, meeting).await?;
    if m.cancelled_at.is_some() {
        return Err(AppError::Conflict("meetings-error-cancelled"));
    }
    if m.starts_at > now {
        return Err(AppError::Conflict("meetings-error-not-started"));
    }
    let ids: Vec<i64> = lines.iter().map(|l| l.person_id).collect();
    let found = cairn_db::people::names(&mut tx.conn(), org, &ids).await?;
    if found.len() != ids.len() {
        let mut e = FieldErrors::new();
        e.add("attendance", "meetings-error-person");
        return Err(e.into());
    }
    // Group members can always be recorded; anyone else must be within the actor's reach.
    let members = cairn_db::meetings::members(&mut tx.conn(), g.id).await?;
    for id in &ids {
        if !members.iter().any(|m| m.person_id == *id) {
            let units = cairn_db::people::unit_ids(&mut tx.conn(), *id).await?;
            if !actor.can_reach_any_unit(&units) {
                let mut e = FieldErrors::new();
                e.add("attendance", "meetings-error-person");
                return Err(e.into());
            }
        }
    }
    cairn_db::meetings::clear_presence(&mut tx.conn(), meeting).await?;
    let minutes = (m.ends_at - m.starts_at) / 60_000;
    let mut present = Vec::new();
    for l in lines {
        let p = cairn_db::people::get(&mut tx.conn(), org, l.person_id).await?;
        let attended = l.presence == Presence::Attended;
        if attended {
            present.push(p.constituency);
        }
        cairn_db::meetings::set_presence(
            &mut tx.conn(),
            meeting,
            l.person_id,
            p.constituency,
            l.presence.key(),
            attended.then_some(minutes),
        )
        .await?;
    }
    let rule = g.rule();
    let eval = rule.evaluate(&present);
    cairn_db::meetings::set_attendance_summary(
        &mut tx.conn(),
        meeting,
        &eval.counts,
        others,
        &rule,
        eval.met,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting_attendance",
        Some(meeting),
        None,
        Some(&serde_json::json!({
            "lines": lines.iter().map(|l| (l.person_id, l.presence.key())).collect::<Vec<_>>(),
            "others_count": others,
            "representation_met": eval.met,
        })),
        None,
        now,
    )
    .await?;
    let attended: Vec<i64> = lines
        .iter()
        .filter(|l| l.presence == Presence::Attended)
        .map(|l| l.person_id)
        .collect();
    let m = crate::webhooks::Message::attendance_recorded(
        meeting,
        g.id,
        attended.len(),
        others,
        eval.met,
        attended,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(eval)
}

/// Adds an item to the agenda, optionally linked to a suggestion of the organisation; its
/// title in English, Welsh or both (plain text is English).
pub async fn add_agenda_item(
    app: &App,
    actor: &Actor,
    meeting: i64,
    title: impl Into<Bilingual>,
    suggestion: Option<i64>,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    must_run(app, actor, org, meeting).await?;
    let title = title.into();
    let mut e = FieldErrors::new();
    check_text(
        &mut e,
        "title",
        &title,
        cairn_domain::meetings::SHORT_MAX,
        Some("meetings-error-item"),
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if let Some(s) = suggestion {
        let found = cairn_db::feedback::get(&mut tx.conn(), org, s).await?;
        if found.is_none_or(|s| s.unit_id.is_some_and(|u| !actor.can_reach_unit(u))) {
            let mut e = FieldErrors::new();
            e.add("suggestion_id", "meetings-error-suggestion");
            return Err(e.into());
        }
    }
    let id = cairn_db::meetings::add_agenda_item(
        &mut tx.conn(),
        meeting,
        None,
        title.en.as_deref(),
        title.cy.as_deref(),
        suggestion,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "agenda_item",
        Some(id),
        None,
        Some(&serde_json::json!({"meeting_id": meeting, "title": title.en, "title_cy": title.cy, "suggestion_id": suggestion})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Cancels a meeting that has not happened; its calendar invitation then says so.
pub async fn cancel(app: &App, actor: &Actor, meeting: i64) -> AppResult<()> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (m, _) = load_meeting_to_run(&mut tx.conn(), actor, org, meeting).await?;
    if m.attended_at.is_some() {
        return Err(AppError::Conflict("meetings-error-cancel-held"));
    }
    if !cairn_db::meetings::cancel(&mut tx.conn(), meeting, now).await? {
        return Err(AppError::Conflict("meetings-error-cancelled"));
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting",
        Some(meeting),
        None,
        Some(&serde_json::json!({"cancelled": true})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps the minutes in English, Welsh or both (plain text is English), replacing earlier
/// wording in both languages; the audit log keeps before and after.
pub async fn set_minutes(
    app: &App,
    actor: &Actor,
    meeting: i64,
    text: impl Into<Bilingual>,
) -> AppResult<()> {
    let org = org_of(actor)?;
    let text = text.into();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (m, _) = load_meeting_to_run(&mut tx.conn(), actor, org, meeting).await?;
    let mut e = FieldErrors::new();
    check_text(
        &mut e,
        "minutes",
        &text,
        cairn_domain::meetings::MINUTES_MAX,
        None,
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    cairn_db::meetings::set_minutes(
        &mut tx.conn(),
        meeting,
        text.en.as_deref(),
        text.cy.as_deref(),
        now,
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting_minutes",
        Some(meeting),
        Some(&serde_json::json!({"minutes": m.minutes, "minutes_cy": m.minutes_cy})),
        Some(&serde_json::json!({"minutes": text.en, "minutes_cy": text.cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a decision in English, Welsh or both (plain text is English).
pub async fn add_decision(
    app: &App,
    actor: &Actor,
    meeting: i64,
    text: impl Into<Bilingual>,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    must_run(app, actor, org, meeting).await?;
    let text = text.into();
    let mut e = FieldErrors::new();
    check_text(
        &mut e,
        "decision",
        &text,
        cairn_domain::meetings::ACTION_MAX,
        Some("meetings-error-decision"),
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = cairn_db::meetings::add_decision(
        &mut tx.conn(),
        meeting,
        text.en.as_deref().unwrap_or(""),
        text.cy.as_deref(),
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "meeting_decision",
        Some(id),
        None,
        Some(&serde_json::json!({"meeting_id": meeting, "text": text.en, "text_cy": text.cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an action with an owner (a person of the organisation) and a due date, written in
/// English, Welsh or both (plain text is English).
pub async fn add_action(
    app: &App,
    actor: &Actor,
    meeting: i64,
    text: impl Into<Bilingual>,
    owner: Option<i64>,
    due: &DateParts,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    must_run(app, actor, org, meeting).await?;
    let text = text.into();
    let mut e = FieldErrors::new();
    check_text(
        &mut e,
        "action",
        &text,
        cairn_domain::meetings::ACTION_MAX,
        Some("meetings-error-action"),
    );
    let due_on = parse_date_parts(&mut e, "due", due, None);
    if due.is_blank() {
        e.add("due", "meetings-error-due");
    }
    if owner.is_none() {
        e.add("owner", "meetings-error-owner");
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if let Some(o) = owner
        && cairn_db::people::names(&mut tx.conn(), org, &[o])
            .await?
            .is_empty()
    {
        e.add("owner", "meetings-error-owner");
    }
    let (Some(owner), Some(due_on), true) = (owner, due_on, e.is_empty()) else {
        return Err(e.into());
    };
    let id = cairn_db::meetings::add_action(
        &mut tx.conn(),
        org,
        meeting,
        text.en.as_deref().unwrap_or(""),
        text.cy.as_deref(),
        owner,
        &due_on.to_string(),
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "meeting_action",
        Some(id),
        None,
        Some(&serde_json::json!({"meeting_id": meeting, "text": text.en, "text_cy": text.cy, "owner_person_id": owner, "due_on": due_on.to_string()})),
        Some(owner),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves an action to done or dropped (or back to open). Its owner may mark it too.
pub async fn set_action_status(
    app: &App,
    actor: &Actor,
    action: i64,
    status: &str,
) -> AppResult<i64> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let a = cairn_db::meetings::get_action(&mut tx.conn(), org, action)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = actor.is_person(a.owner_person_id);
    if !owner {
        load_meeting_to_run(&mut tx.conn(), actor, org, a.meeting_id).await?;
    }
    let Some(s) = ActionStatus::parse(status.trim()) else {
        let mut e = FieldErrors::new();
        e.add("status", "meetings-error-action-status");
        return Err(e.into());
    };
    cairn_db::meetings::set_action_status(&mut tx.conn(), action, s.key(), now).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "meeting_action",
        Some(action),
        Some(&a.status),
        Some(&s.key()),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(a.meeting_id)
}

/// Overdue actions: the actor's own, and (for those who run meetings) all within reach.
#[derive(Debug, Clone, Default)]
pub struct Overdue {
    pub mine: Vec<cairn_db::meetings::Action>,
    pub all: Vec<cairn_db::meetings::Action>,
}

/// Open actions past their due date.
pub async fn overdue(app: &App, actor: &Actor) -> AppResult<Overdue> {
    let org = org_of(actor)?;
    if !actor.can(Permission::ViewMeetings) && !actor.can(Permission::ReplyToMeeting) {
        return Err(AppError::Forbidden);
    }
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let tz = tz_of(&mut c, org).await?;
    let today = local_date(app.now(), &tz).to_string();
    let everyone = OverdueScope {
        org,
        today: &today,
        owner: None,
        within_units: None,
    };
    let mine = match actor.person_id {
        Some(p) => {
            let theirs = OverdueScope {
                owner: Some(p),
                ..everyone
            };
            cairn_db::meetings::overdue_actions(&mut c, &theirs).await?
        }
        None => Vec::new(),
    };
    let all = if actor.can(Permission::ManageMeetings) {
        let within = scope(actor);
        let reach = OverdueScope {
            within_units: within.as_deref(),
            ..everyone
        };
        cairn_db::meetings::overdue_actions(&mut c, &reach).await?
    } else {
        Vec::new()
    };
    Ok(Overdue { mine, all })
}

/// A page of the overdue actions within reach of someone who runs meetings, and how many there
/// are in all.
#[derive(Debug, Clone, Default)]
pub struct OverduePage {
    pub actions: Vec<cairn_db::meetings::Action>,
    pub total: i64,
}

/// Overdue actions within the actor's reach (their units' meetings and the whole service's),
/// due longest ago first: at most `limit`, from just after `after`. For those who run
/// meetings; the meetings page shows the first few and links to the rest.
pub async fn overdue_page(
    app: &App,
    actor: &Actor,
    after: Option<&cairn_db::meetings::ActionCursor>,
    limit: i64,
) -> AppResult<OverduePage> {
    require(actor, Permission::ManageMeetings)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let tz = tz_of(&mut c, org).await?;
    let today = local_date(app.now(), &tz).to_string();
    let within = scope(actor);
    let reach = OverdueScope {
        org,
        today: &today,
        owner: None,
        within_units: within.as_deref(),
    };
    let actions = cairn_db::meetings::overdue_actions_page(&mut c, &reach, after, limit).await?;
    let total = cairn_db::meetings::count_overdue_actions(&mut c, &reach).await?;
    Ok(OverduePage { actions, total })
}

/// The actor's own overdue actions (none for an account that is not a person's).
pub async fn my_overdue(app: &App, actor: &Actor) -> AppResult<Vec<cairn_db::meetings::Action>> {
    let org = org_of(actor)?;
    let Some(p) = actor.person_id else {
        return Ok(Vec::new());
    };
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let tz = tz_of(&mut c, org).await?;
    let today = local_date(app.now(), &tz).to_string();
    let theirs = OverdueScope {
        org,
        today: &today,
        owner: Some(p),
        within_units: None,
    };
    Ok(cairn_db::meetings::overdue_actions(&mut c, &theirs).await?)
}

/// What listing meetings needs of their groups: a [`Group`], or a [`GroupSummary`] where the
/// page shows no more than the group's name.
pub trait ListedGroup: Clone {
    fn id(&self) -> i64;
    fn rule(&self) -> Rule;
}

impl ListedGroup for Group {
    fn id(&self) -> i64 {
        self.id
    }
    fn rule(&self) -> Rule {
        Group::rule(self)
    }
}

impl ListedGroup for GroupSummary {
    fn id(&self) -> i64 {
        self.id
    }
    fn rule(&self) -> Rule {
        GroupSummary::rule(self)
    }
}

/// A meeting as listed, with its group.
#[derive(Debug, Clone)]
pub struct Listed<G = Group> {
    pub meeting: Meeting,
    pub group: G,
    /// For upcoming meetings: the rule applied to those who confirmed.
    pub expected_met: Option<bool>,
    /// The actor's own reply (members).
    pub my_reply: Option<String>,
}

/// Upcoming meetings the actor can see (members: their groups'), soonest first, with the
/// representation warning for each.
pub async fn upcoming(app: &App, actor: &Actor, limit: i64) -> AppResult<Vec<Listed>> {
    let groups = groups(app, actor).await?;
    upcoming_of(app, actor, &groups, limit).await
}

/// The meetings page's two lists: [`upcoming`] meetings and the [`group_summaries`] of the
/// groups they belong to, reading the groups once for both.
pub async fn upcoming_and_groups(
    app: &App,
    actor: &Actor,
    limit: i64,
) -> AppResult<(Vec<Listed<GroupSummary>>, Vec<GroupSummary>)> {
    let groups = group_summaries(app, actor).await?;
    let upcoming = upcoming_of(app, actor, &groups, limit).await?;
    Ok((upcoming, groups))
}

/// Upcoming meetings of `groups`, which [`groups`] or [`group_summaries`] read for this actor.
async fn upcoming_of<G: ListedGroup>(
    app: &App,
    actor: &Actor,
    groups: &[G],
    limit: i64,
) -> AppResult<Vec<Listed<G>>> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let q = MeetingQuery {
        groups: Some(groups.iter().map(ListedGroup::id).collect()),
        // A meeting stays listed until it ends.
        from: Some(now - MAX_MEETING_MS),
        limit,
        ..Default::default()
    };
    let meetings = cairn_db::meetings::list_meetings(&mut c, org, &q).await?;
    let meetings: Vec<_> = meetings.into_iter().filter(|m| m.ends_at >= now).collect();
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    // Only those who run meetings see the representation warning, so only they need the
    // counts; a member needs only their own replies.
    let sees_warning = actor.can(Permission::ViewMeetings);
    let confirmed = if sees_warning {
        cairn_db::meetings::confirmed_counts(&mut c, &ids).await?
    } else {
        Vec::new()
    };
    let mine = match actor.person_id {
        Some(me) => cairn_db::meetings::replies_of(&mut c, me, &ids).await?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for m in meetings {
        let Some(g) = groups.iter().find(|g| g.id() == m.group_id).cloned() else {
            continue;
        };
        let expected_met = sees_warning.then(|| {
            let mut counts = Counts::default();
            for n in confirmed.iter().filter(|n| n.meeting_id == m.id) {
                counts.set(n.constituency, u32::try_from(n.people).unwrap_or(u32::MAX));
            }
            g.rule().evaluate_counts(counts).met
        });
        let my_reply = mine
            .iter()
            .find(|(meeting, _)| *meeting == m.id)
            .map(|(_, reply)| reply.clone());
        out.push(Listed {
            expected_met,
            my_reply,
            meeting: m,
            group: g,
        });
    }
    Ok(out)
}

/// A meeting's place for a reader of `lang`: in their language when it is written, else in
/// the other; `None` for a meeting that is only online.
pub fn place_in(m: &Meeting, lang: Language) -> Option<String> {
    Bilingual::new(m.place.as_deref(), m.place_cy.as_deref())
        .shown(lang)
        .map(|s| s.text.to_owned())
}

/// The group's name in a language.
pub fn group_name(g: &Group, lang: Language) -> &str {
    match lang {
        Language::Cy => &g.name_cy,
        Language::En => &g.name_en,
    }
}

/// The calendar invitation for a meeting, in `lang`, with a link back to it.
pub async fn invite(
    app: &App,
    actor: &Actor,
    meeting: i64,
    lang: Language,
    base_url: &str,
) -> AppResult<String> {
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (m, g) = load_meeting(&mut c, actor, org, meeting).await?;
    let tz = tz_of(&mut c, org).await?;
    Ok(ics_for(app, &m, &g, lang, base_url, &tz))
}

fn ics_for(
    app: &App,
    m: &Meeting,
    g: &Group,
    lang: Language,
    base_url: &str,
    tz: &jiff::tz::TimeZone,
) -> String {
    let arrangements: Vec<String> = m
        .arrangements
        .split(',')
        .filter_map(cairn_domain::meetings::Arrangement::parse)
        .map(|a| app.translator.message(lang, &a.label_id(), &[]))
        .collect();
    let description = if arrangements.is_empty() {
        None
    } else {
        Some(format!(
            "{}: {}",
            app.translator.message(lang, "meetings-arrangements", &[]),
            arrangements.join(", ")
        ))
    };
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or("cairn")
        .trim_end_matches('/');
    ics::calendar(&ics::Event {
        uid: format!("meeting-{}@{host}", m.id),
        stamp_ms: m.updated_at,
        starts_ms: m.starts_at,
        ends_ms: m.ends_at,
        summary: group_name(g, lang).to_owned(),
        location: place_in(m, lang).or_else(|| m.online_link.clone()),
        description,
        url: m.online_link.clone(),
        sequence: m.sequence,
        cancelled: m.cancelled_at.is_some(),
        time_zone: tz.clone(),
    })
}

/// E-mails the invitation to every member with an address, in their language. Returns how many
/// were queued; nothing is queued while the organisation's e-mail is off.
pub async fn email_invites(
    app: &App,
    actor: &Actor,
    meeting: i64,
    base_url: &str,
) -> AppResult<usize> {
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (m, g) = load_meeting_to_run(&mut tx.conn(), actor, org, meeting).await?;
    let o = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    if !o.smtp_enabled {
        return Err(AppError::Conflict("meetings-error-email-off"));
    }
    let tz = time_zone(&o.time_zone);
    let members = cairn_db::meetings::members(&mut tx.conn(), g.id).await?;
    let mut sent = 0;
    for mem in members {
        let p = cairn_db::people::get(&mut tx.conn(), org, mem.person_id).await?;
        let Some(to) = p.email.as_deref() else {
            continue;
        };
        let lang = p.preferred_language;
        let args = [
            ("group", group_name(&g, lang).to_owned()),
            (
                "when",
                cairn_domain::time::format_instant(m.starts_at, &tz, lang),
            ),
            (
                "place",
                place_in(&m, lang)
                    .or_else(|| m.online_link.clone())
                    .unwrap_or_default(),
            ),
        ];
        let subject = app
            .translator
            .message(lang, "meetings-email-subject", &args);
        let body = app.translator.message(lang, "meetings-email-body", &args);
        cairn_db::notices::queue_email_with_calendar(
            &mut tx.conn(),
            org,
            to,
            lang.key(),
            &subject,
            &body,
            &ics_for(app, &m, &g, lang, base_url, &tz),
            now,
        )
        .await?;
        sent += 1;
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "meeting_invitations",
        Some(meeting),
        None,
        Some(&serde_json::json!({"queued": sent})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(sent)
}

/// The people whose name cards print: those who confirmed, or every member when nobody has
/// replied yet; with the meeting's group, and the meeting (its time names the page).
pub async fn name_cards(
    app: &App,
    actor: &Actor,
    meeting: i64,
) -> AppResult<(Group, Vec<String>, Meeting)> {
    require(actor, Permission::ViewMeetings)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (m, g) = load_meeting(&mut c, actor, org, meeting).await?;
    let people = cairn_db::meetings::meeting_people(&mut c, meeting).await?;
    let confirmed: Vec<(i64, String)> = people
        .iter()
        .filter(|p| {
            p.presence.as_deref() == Some(Presence::Attended.key())
                || p.reply.as_deref() == Some(Reply::Confirmed.key())
        })
        .map(|p| (p.person_id, p.chosen_name.clone()))
        .collect();
    let shown = if confirmed.is_empty() {
        cairn_db::meetings::members(&mut c, g.id)
            .await?
            .into_iter()
            .map(|m| (m.person_id, m.chosen_name))
            .collect()
    } else {
        confirmed
    };
    drop(h);
    let ids: Vec<i64> = shown.iter().map(|(id, _)| *id).collect();
    crate::audit::record_read(app, actor, org, "name_cards", meeting, &ids).await?;
    Ok((g, shown.into_iter().map(|(_, name)| name).collect(), m))
}

/// How a report is grouped in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    Month,
    Quarter,
}

/// One line of a representation report, with its shares worked out.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReportLine {
    /// A month (`2026-07`), a quarter (`2026-Q3`), a group id or a unit id.
    pub key: String,
    pub meetings: i64,
    pub met: i64,
    /// Whole per cent of meetings that met their rule.
    pub met_percent: i64,
    /// Attendances by constituency. `None` is a count hidden under the small-number rule
    /// (for those who may not see people: see [`representation`]).
    pub service_user: Option<i64>,
    pub carer: Option<i64>,
    pub staff: Option<i64>,
    pub third_sector: Option<i64>,
    pub manager: Option<i64>,
    pub others: Option<i64>,
    /// Carers' whole per cent of the named people who attended (hidden with the carers).
    pub carer_percent: Option<i64>,
}

impl ReportLine {
    /// The attendance columns in the order the suppression table uses.
    fn columns(&self) -> [Option<i64>; 6] {
        [
            self.service_user,
            self.carer,
            self.staff,
            self.third_sector,
            self.manager,
            self.others,
        ]
    }

    fn set_columns(&mut self, c: [Option<i64>; 6]) {
        [
            self.service_user,
            self.carer,
            self.staff,
            self.third_sector,
            self.manager,
            self.others,
        ] = c;
        if self.carer.is_none() {
            self.carer_percent = None;
        }
    }
}

/// Hides, in one breakdown of a report and its total, attendance counts that could point at
/// a few people, with the survey rule: a count from 1 to under the organisation's smallest
/// count, and another wherever one hidden count could be worked out from a line's total.
fn suppress_section(
    lines: &mut [ReportLine],
    total: &mut ReportLine,
    t: cairn_domain::surveys::suppression::Thresholds,
) {
    use cairn_domain::surveys::suppression::{Table, suppress};
    let table = Table {
        cells: lines
            .iter()
            .map(|l| l.columns().iter().map(|c| c.unwrap_or(0)).collect())
            .collect(),
        column_totals: true,
    };
    let published = suppress(&table, t);
    for (l, cells) in lines.iter_mut().zip(&published.cells) {
        let mut c = l.columns();
        for (v, cell) in c.iter_mut().zip(cells) {
            *v = v.and(cell.shown());
        }
        l.set_columns(c);
    }
    if !lines.is_empty() {
        let mut c = total.columns();
        for (v, cell) in c.iter_mut().zip(&published.column_totals) {
            *v = v.and(cell.shown());
        }
        total.set_columns(c);
    }
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

fn line(r: &RepresentationRow, key: String) -> ReportLine {
    let named = r.service_user + r.carer + r.staff + r.third_sector + r.manager;
    ReportLine {
        key,
        meetings: r.meetings,
        met: r.met,
        met_percent: percent(r.met, r.meetings),
        service_user: Some(r.service_user),
        carer: Some(r.carer),
        staff: Some(r.staff),
        third_sector: Some(r.third_sector),
        manager: Some(r.manager),
        others: Some(r.others),
        carer_percent: Some(percent(r.carer, named)),
    }
}

/// Adds up rows (for quarters and the total).
fn sum(rows: &[&RepresentationRow], key: String) -> RepresentationRow {
    let mut t = RepresentationRow {
        key,
        meetings: 0,
        met: 0,
        service_user: 0,
        carer: 0,
        staff: 0,
        third_sector: 0,
        manager: 0,
        others: 0,
    };
    for r in rows {
        t.meetings += r.meetings;
        t.met += r.met;
        t.service_user += r.service_user;
        t.carer += r.carer;
        t.staff += r.staff;
        t.third_sector += r.third_sector;
        t.manager += r.manager;
        t.others += r.others;
    }
    t
}

/// Adds up cells by a key, in key order.
fn roll_up(
    cells: &[cairn_db::meetings::RepresentationCell],
    key: impl Fn(&cairn_db::meetings::RepresentationCell) -> String,
) -> Vec<RepresentationRow> {
    let mut out: std::collections::BTreeMap<String, RepresentationRow> =
        std::collections::BTreeMap::new();
    for c in cells {
        let k = key(c);
        let r = out.entry(k.clone()).or_insert_with(|| RepresentationRow {
            key: k,
            meetings: 0,
            met: 0,
            service_user: 0,
            carer: 0,
            staff: 0,
            third_sector: 0,
            manager: 0,
            others: 0,
        });
        r.meetings += c.meetings;
        r.met += c.met;
        r.service_user += c.service_user;
        r.carer += c.carer;
        r.staff += c.staff;
        r.third_sector += c.third_sector;
        r.manager += c.manager;
        r.others += c.others;
    }
    out.into_values().collect()
}

/// A representation report: by period, by group and by unit, and the total.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub by_period: Vec<ReportLine>,
    pub by_group: Vec<ReportLine>,
    pub by_unit: Vec<ReportLine>,
    pub total: ReportLine,
    /// Set for a reader who may not see people (the board): attendance counts under this are
    /// hidden.
    pub hidden_below: Option<i64>,
}

/// Representation figures for the meetings held (attendance recorded) that match the query.
pub async fn representation(
    app: &App,
    actor: &Actor,
    mut q: RepresentationQuery,
    period: Period,
) -> AppResult<Report> {
    require(actor, Permission::ViewRepresentation)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    if let Some(g) = q.group_id {
        // A group out of reach (or another organisation's) reads as not found.
        let found = cairn_db::meetings::get_group(&mut c, org, g)
            .await?
            .ok_or(AppError::NotFound)?;
        if found.unit_id.is_some_and(|u| !actor.can_reach_unit(u)) {
            return Err(AppError::NotFound);
        }
    }
    if let Some(u) = q.unit_id
        && (!cairn_db::units::unit_in_organisation(&mut c, org, u).await?
            || !actor.can_reach_unit(u))
    {
        return Err(AppError::NotFound);
    }
    q.within_units = scope(actor);
    // One scan by month and group; the month, group and unit figures are sums of its cells.
    let cells = cairn_db::meetings::representation_cells(&mut c, org, &q).await?;
    let months = roll_up(&cells, |x| x.month.clone());
    let by_group = roll_up(&cells, |x| x.group_id.to_string());
    let by_unit = roll_up(&cells, |x| {
        x.unit_id.map(|u| u.to_string()).unwrap_or_default()
    });
    let by_period = match period {
        Period::Month => months.iter().map(|r| line(r, r.key.clone())).collect(),
        Period::Quarter => {
            let mut quarters: Vec<(String, Vec<&RepresentationRow>)> = Vec::new();
            for r in &months {
                let qk = cairn_domain::meetings::quarter_key(&r.key).unwrap_or_default();
                match quarters.last_mut() {
                    Some((k, v)) if *k == qk => v.push(r),
                    _ => quarters.push((qk, vec![r])),
                }
            }
            quarters
                .into_iter()
                .map(|(k, v)| line(&sum(&v, k.clone()), k))
                .collect()
        }
    };
    let all: Vec<&RepresentationRow> = months.iter().collect();
    let total = line(&sum(&all, String::new()), String::new());
    let mut report = Report {
        by_period,
        by_group: by_group.iter().map(|r| line(r, r.key.clone())).collect(),
        by_unit: by_unit.iter().map(|r| line(r, r.key.clone())).collect(),
        total,
        hidden_below: None,
    };
    // Attendance counts are people's: those who may see the people themselves see every
    // figure; the board sees small counts hidden in every breakdown, and the total hides
    // whatever any breakdown would let someone work out.
    if !actor.can(Permission::ViewPeople) {
        let (min_count, min_responses) = cairn_db::surveys::thresholds(&mut c, org).await?;
        let rule = cairn_domain::surveys::suppression::Thresholds::new(min_count, min_responses);
        let Report {
            by_period,
            by_group,
            by_unit,
            total,
            ..
        } = &mut report;
        for section in [by_period, by_group, by_unit] {
            suppress_section(section, total, rule);
        }
        report.hidden_below = Some(rule.min_count);
    }
    Ok(report)
}

/// The meetings a member is invited to (their groups'), soonest first.
pub async fn my_meetings(app: &App, actor: &Actor) -> AppResult<Vec<Listed>> {
    require(actor, Permission::ReplyToMeeting)?;
    upcoming(app, actor, 50).await
}

/// How many earlier meetings "My meetings" lists.
pub const EARLIER_MAX: i64 = 20;

/// The meetings a member's groups have held (and any other they replied to or attended),
/// newest first, for reading back their agenda, minutes and the member's actions.
pub async fn my_earlier_meetings(app: &App, actor: &Actor) -> AppResult<Vec<(Meeting, Group)>> {
    require(actor, Permission::ReplyToMeeting)?;
    let org = org_of(actor)?;
    let Some(me) = actor.person_id else {
        return Ok(Vec::new());
    };
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let meetings =
        cairn_db::meetings::earlier_meetings_of_person(&mut c, org, me, app.now(), EARLIER_MAX)
            .await?;
    let mut out = Vec::with_capacity(meetings.len());
    for m in meetings {
        let g = cairn_db::meetings::get_group(&mut c, org, m.group_id)
            .await?
            .ok_or(AppError::NotFound)?;
        out.push((m, g));
    }
    Ok(out)
}

/// One meeting as a member reads it: when and where, the agenda, the minutes and decisions
/// once written, their own reply and attendance, and only the actions given to them. Nothing
/// about anyone else: no list of who replied or came, no counts, no first-timers.
#[derive(Debug, Clone)]
pub struct MemberMeetingView {
    pub meeting: Meeting,
    pub group: Group,
    pub agenda: Vec<AgendaItem>,
    pub decisions: Vec<Decision>,
    pub my_actions: Vec<cairn_db::meetings::Action>,
    pub my_reply: Option<String>,
    pub my_presence: Option<String>,
    /// True once the meeting has started (replies are closed).
    pub started: bool,
}

/// A member's own meeting: one of their group's, or one they replied to or attended. Any
/// other meeting, like another organisation's, is "not found". The read is audited as a view
/// of the meeting.
pub async fn member_meeting(app: &App, actor: &Actor, id: i64) -> AppResult<MemberMeetingView> {
    require(actor, Permission::ReplyToMeeting)?;
    let org = org_of(actor)?;
    let me = actor.person_id.ok_or(AppError::NotFound)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let m = cairn_db::meetings::get_meeting(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = cairn_db::meetings::meeting_people(&mut tx.conn(), id).await?;
    let mine = people.into_iter().find(|p| p.person_id == me);
    let member = cairn_db::meetings::groups_of_person(&mut tx.conn(), me)
        .await?
        .contains(&m.group_id);
    if !member && mine.is_none() {
        return Err(AppError::NotFound);
    }
    let g = cairn_db::meetings::get_group(&mut tx.conn(), org, m.group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let agenda = cairn_db::meetings::agenda(&mut tx.conn(), id).await?;
    let decisions = cairn_db::meetings::decisions(&mut tx.conn(), id).await?;
    let my_actions = cairn_db::meetings::actions(&mut tx.conn(), id)
        .await?
        .into_iter()
        .filter(|a| a.owner_person_id == me)
        .collect();
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::View,
        "meeting",
        Some(id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(MemberMeetingView {
        started: m.starts_at <= now,
        my_reply: mine.as_ref().and_then(|p| p.reply.clone()),
        my_presence: mine.and_then(|p| p.presence),
        meeting: m,
        group: g,
        agenda,
        decisions,
        my_actions,
    })
}

/// Checks a list of raw attendance lines from a form or the API.
pub fn read_lines(raw: &[(i64, String)]) -> Result<Vec<AttendanceLine>, FieldErrors> {
    let mut out = Vec::with_capacity(raw.len());
    let mut e = FieldErrors::new();
    for (person_id, status) in raw {
        match Presence::parse(status.trim()) {
            Some(presence) => out.push(AttendanceLine {
                person_id: *person_id,
                presence,
            }),
            None => e.add("attendance", "meetings-error-presence"),
        }
    }
    e.into_result(out)
}

/// Counts, for tests and the API, of a meeting's recorded attendance by constituency.
pub fn counts_of(m: &Meeting) -> Counts {
    m.counts()
}

/// The representation rule a meeting was (or will be) measured against.
pub fn rule_of(m: &Meeting, g: &Group) -> Rule {
    if m.attended_at.is_some() {
        cairn_db::meetings::parse_rule(&m.rule)
    } else {
        g.rule()
    }
}

/// Meetings of groups the actor can see, matching a query (the API's list).
pub async fn list(app: &App, actor: &Actor, q: &MeetingQuery) -> AppResult<Vec<Meeting>> {
    let org = org_of(actor)?;
    let visible: Vec<i64> = groups(app, actor).await?.iter().map(|g| g.id).collect();
    let wanted = match &q.groups {
        Some(ids) => ids
            .iter()
            .copied()
            .filter(|g| visible.contains(g))
            .collect(),
        None => visible,
    };
    let q = MeetingQuery {
        groups: Some(wanted),
        ..q.clone()
    };
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::meetings::list_meetings(&mut h.conn(), org, &q).await?)
}
