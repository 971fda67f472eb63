//! Groups, their members, meetings, replies and attendance, agendas, decisions and actions, and
//! the representation figures (per-meeting counts kept when attendance is recorded, summed by
//! month and group into `meeting_month_rollups` in the same transaction, so a report over
//! thousands of meetings reads one row per group and month: see `crate::reports::rollups`).
//!
//! Texts the organisation writes for people to read keep the English in the original column
//! and the Welsh beside it in `…_cy`; an empty or NULL side is "not yet translated". Decisions
//! and actions keep '' as their English when only the Welsh is written (the column is NOT
//! NULL).

use crate::{
    Arg, Conn, DbResult, Engine, Filter, execute, fetch_all, fetch_all_dynamic, fetch_optional,
    fetch_scalar,
};
use cairn_domain::meetings::{Counts, GroupFields, GroupKind, Reply, Rule};
use cairn_domain::people::Constituency;
use serde::Serialize;

/// A group as stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Group {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: GroupKind,
    pub name_en: String,
    pub name_cy: String,
    pub usual_place: Option<String>,
    pub usual_place_cy: Option<String>,
    pub usual_time: Option<String>,
    pub role_en: Option<String>,
    pub role_cy: Option<String>,
    pub remit_en: Option<String>,
    pub remit_cy: Option<String>,
    pub relationships_en: Option<String>,
    pub relationships_cy: Option<String>,
    pub responsibility_en: Option<String>,
    pub responsibility_cy: Option<String>,
    pub min_service_user: i64,
    pub min_carer: i64,
    pub min_staff: i64,
    pub min_third_sector: i64,
    pub min_manager: i64,
    pub standing_items: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Group {
    /// The group's representation rule.
    pub fn rule(&self) -> Rule {
        rule_of([
            self.min_service_user,
            self.min_carer,
            self.min_staff,
            self.min_third_sector,
            self.min_manager,
        ])
    }

    /// The group's own standing items.
    pub fn standing(&self) -> Vec<String> {
        self.standing_items
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The terms of reference in one language, as (role, remit, relationships, responsibility).
    pub fn tor(&self, welsh: bool) -> [Option<&str>; 4] {
        if welsh {
            [
                self.role_cy.as_deref(),
                self.remit_cy.as_deref(),
                self.relationships_cy.as_deref(),
                self.responsibility_cy.as_deref(),
            ]
        } else {
            [
                self.role_en.as_deref(),
                self.remit_en.as_deref(),
                self.relationships_en.as_deref(),
                self.responsibility_en.as_deref(),
            ]
        }
    }
}

/// A representation rule from its stored minimums, in constituency order.
fn rule_of(minimums: [i64; 5]) -> Rule {
    Rule(Counts(minimums.map(|v| u32::try_from(v).unwrap_or(0))))
}

const GROUP_COLUMNS: &str = "id, organisation_id, unit_id, kind, name_en, name_cy, usual_place, usual_place_cy, usual_time, role_en, role_cy, remit_en, remit_cy, \
    relationships_en, relationships_cy, responsibility_en, responsibility_cy, min_service_user, min_carer, min_staff, min_third_sector, min_manager, \
    standing_items, created_at, updated_at";

/// The rule as stored on a meeting: minimums in constituency order, comma-separated.
pub fn rule_text(r: &Rule) -> String {
    r.0.0
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads a rule stored by [`rule_text`] (a malformed one asks for nobody).
pub fn parse_rule(s: &str) -> Rule {
    let mut c = Counts::default();
    for (i, part) in s.split(',').take(5).enumerate() {
        c.0[i] = part.trim().parse().unwrap_or(0);
    }
    Rule(c)
}

fn min(f: &GroupFields, c: Constituency) -> i64 {
    i64::from(f.rule.0.get(c))
}

/// Adds a group.
pub async fn insert_group(c: &mut Conn<'_>, org: i64, f: &GroupFields, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO meeting_groups (organisation_id, unit_id, kind, name_en, name_cy, usual_place, usual_time, role_en, role_cy, remit_en, remit_cy, \
         relationships_en, relationships_cy, responsibility_en, responsibility_cy, min_service_user, min_carer, min_staff, min_third_sector, min_manager, \
         standing_items, created_at, updated_at, usual_place_cy) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $23) RETURNING id",
        org,
        f.unit_id,
        f.kind.key(),
        &f.name_en,
        &f.name_cy,
        f.usual_place.en.as_deref(),
        f.usual_time.as_deref(),
        f.tor_en[0].as_deref(),
        f.tor_cy[0].as_deref(),
        f.tor_en[1].as_deref(),
        f.tor_cy[1].as_deref(),
        f.tor_en[2].as_deref(),
        f.tor_cy[2].as_deref(),
        f.tor_en[3].as_deref(),
        f.tor_cy[3].as_deref(),
        min(f, Constituency::ServiceUser),
        min(f, Constituency::Carer),
        min(f, Constituency::Staff),
        min(f, Constituency::ThirdSector),
        min(f, Constituency::Manager),
        f.standing.join("\n"),
        now,
        f.usual_place.cy.as_deref()
    )
}

/// Rewrites a group's details (the unit stays as created).
pub async fn update_group(
    c: &mut Conn<'_>,
    org: i64,
    id: i64,
    f: &GroupFields,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE meeting_groups SET kind = $3, name_en = $4, name_cy = $5, usual_place = $6, usual_time = $7, role_en = $8, role_cy = $9, remit_en = $10, \
         remit_cy = $11, relationships_en = $12, relationships_cy = $13, responsibility_en = $14, responsibility_cy = $15, min_service_user = $16, \
         min_carer = $17, min_staff = $18, min_third_sector = $19, min_manager = $20, standing_items = $21, updated_at = $22, \
         usual_place_cy = $23 WHERE organisation_id = $1 AND id = $2",
        org,
        id,
        f.kind.key(),
        &f.name_en,
        &f.name_cy,
        f.usual_place.en.as_deref(),
        f.usual_time.as_deref(),
        f.tor_en[0].as_deref(),
        f.tor_cy[0].as_deref(),
        f.tor_en[1].as_deref(),
        f.tor_cy[1].as_deref(),
        f.tor_en[2].as_deref(),
        f.tor_cy[2].as_deref(),
        f.tor_en[3].as_deref(),
        f.tor_cy[3].as_deref(),
        min(f, Constituency::ServiceUser),
        min(f, Constituency::Carer),
        min(f, Constituency::Staff),
        min(f, Constituency::ThirdSector),
        min(f, Constituency::Manager),
        f.standing.join("\n"),
        now,
        f.usual_place.cy.as_deref()
    )?;
    Ok(n == 1)
}

/// One group of an organisation.
pub async fn get_group(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Group>> {
    fetch_optional!(
        c,
        Group,
        &format!(
            "SELECT {GROUP_COLUMNS} FROM meeting_groups WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// An organisation's groups by English name; `within_units` limits to service-wide groups and
/// those of the listed units (unit staff).
pub async fn list_groups(
    c: &mut Conn<'_>,
    org: i64,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<Group>> {
    let (sql, args) = groups_query(GROUP_COLUMNS, org, within_units);
    fetch_all_dynamic(c, &sql, args).await
}

/// What a list of groups shows of each: its name, kind, unit and representation rule. The
/// terms of reference and standing items, most of a group's text, are left to its own page.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct GroupSummary {
    pub id: i64,
    pub unit_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: GroupKind,
    pub name_en: String,
    pub name_cy: String,
    pub min_service_user: i64,
    pub min_carer: i64,
    pub min_staff: i64,
    pub min_third_sector: i64,
    pub min_manager: i64,
}

impl GroupSummary {
    /// The group's name in a language.
    pub fn name(&self, lang: cairn_domain::people::Language) -> &str {
        match lang {
            cairn_domain::people::Language::Cy => &self.name_cy,
            cairn_domain::people::Language::En => &self.name_en,
        }
    }

    /// The group's representation rule (as [`Group::rule`]).
    pub fn rule(&self) -> Rule {
        rule_of([
            self.min_service_user,
            self.min_carer,
            self.min_staff,
            self.min_third_sector,
            self.min_manager,
        ])
    }
}

/// The groups [`list_groups`] lists, as [`GroupSummary`]s, in the same order.
pub async fn list_group_summaries(
    c: &mut Conn<'_>,
    org: i64,
    within_units: Option<&[i64]>,
) -> DbResult<Vec<GroupSummary>> {
    let (sql, args) = groups_query(SUMMARY_COLUMNS, org, within_units);
    fetch_all_dynamic(c, &sql, args).await
}

/// The columns a [`GroupSummary`] reads.
const SUMMARY_COLUMNS: &str = "id, unit_id, kind, name_en, name_cy, min_service_user, min_carer, \
    min_staff, min_third_sector, min_manager";

/// The SQL and arguments that list an organisation's groups (see [`list_groups`]) with
/// `columns`.
fn groups_query(columns: &str, org: i64, within_units: Option<&[i64]>) -> (String, Vec<Arg>) {
    let mut f = Filter::new();
    f.and("organisation_id = ?", vec![Arg::I64(org)]);
    if let Some(units) = within_units {
        scope_units(&mut f, units);
    }
    let sql = format!(
        "SELECT {columns} FROM meeting_groups{} ORDER BY name_en, id",
        f.where_sql()
    );
    (sql, f.into_args())
}

pub(crate) fn scope_units(f: &mut Filter, units: &[i64]) {
    if units.is_empty() {
        f.and("unit_id IS NULL", vec![]);
    } else {
        let marks = vec!["?"; units.len()].join(", ");
        f.and(
            &format!("(unit_id IS NULL OR unit_id IN ({marks}))"),
            units.iter().map(|u| Arg::I64(*u)).collect(),
        );
    }
}

/// A member of a group, or a person on a meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Member {
    pub person_id: i64,
    pub chosen_name: String,
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
}

/// A group's members by name.
pub async fn members(c: &mut Conn<'_>, group: i64) -> DbResult<Vec<Member>> {
    fetch_all!(
        c,
        Member,
        "SELECT p.id AS person_id, p.chosen_name, p.constituency FROM meeting_group_members m JOIN people p ON p.id = m.person_id \
         WHERE m.group_id = $1 ORDER BY p.search_name, p.id",
        group
    )
}

/// Adds a person to a group (nothing when already a member).
pub async fn add_member(c: &mut Conn<'_>, group: i64, person: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "INSERT INTO meeting_group_members (group_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        group,
        person
    )?;
    Ok(n == 1)
}

/// Takes a person off a group.
pub async fn remove_member(c: &mut Conn<'_>, group: i64, person: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "DELETE FROM meeting_group_members WHERE group_id = $1 AND person_id = $2",
        group,
        person
    )?;
    Ok(n == 1)
}

/// Groups a person belongs to.
pub async fn groups_of_person(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<i64>> {
    fetch_all!(
        c,
        (i64,),
        "SELECT group_id FROM meeting_group_members WHERE person_id = $1",
        person
    )
    .map(|v| v.into_iter().map(|(g,)| g).collect())
}

/// A meeting as stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub organisation_id: i64,
    pub group_id: i64,
    pub unit_id: Option<i64>,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub month: String,
    pub place: Option<String>,
    pub place_cy: Option<String>,
    pub online_link: Option<String>,
    pub arrangements: String,
    pub minutes: Option<String>,
    pub minutes_cy: Option<String>,
    pub others_count: i64,
    pub rule: String,
    pub attended_at: Option<i64>,
    pub representation_met: Option<bool>,
    pub n_service_user: i64,
    pub n_carer: i64,
    pub n_staff: i64,
    pub n_third_sector: i64,
    pub n_manager: i64,
    pub issues_item: bool,
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
    pub created_by_label: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Meeting {
    /// The counts by constituency recorded with the attendance.
    pub fn counts(&self) -> Counts {
        let n = |v: i64| u32::try_from(v).unwrap_or(0);
        Counts([
            n(self.n_service_user),
            n(self.n_carer),
            n(self.n_staff),
            n(self.n_third_sector),
            n(self.n_manager),
        ])
    }
}

const MEETING_COLUMNS: &str = "id, organisation_id, group_id, unit_id, kind, starts_at, ends_at, month, place, place_cy, online_link, arrangements, minutes, minutes_cy, \
    others_count, rule, attended_at, representation_met, n_service_user, n_carer, n_staff, n_third_sector, n_manager, issues_item, sequence, \
    cancelled_at, created_by_label, created_at, updated_at";

/// A new meeting's facts.
#[derive(Debug, Clone)]
pub struct NewMeeting<'a> {
    pub group: &'a Group,
    pub starts_at: i64,
    pub ends_at: i64,
    pub month: &'a str,
    /// The place in English and in Welsh (either may be `None`).
    pub place: Option<&'a str>,
    pub place_cy: Option<&'a str>,
    pub online_link: Option<&'a str>,
    pub arrangements: &'a str,
    pub by: &'a str,
}

/// Adds a meeting (its agenda is added by the caller).
pub async fn insert_meeting(c: &mut Conn<'_>, m: &NewMeeting<'_>, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO meetings (organisation_id, group_id, unit_id, kind, starts_at, ends_at, month, place, online_link, arrangements, rule, \
         created_by_label, created_at, updated_at, place_cy) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id",
        m.group.organisation_id,
        m.group.id,
        m.group.unit_id,
        m.group.kind.key(),
        m.starts_at,
        m.ends_at,
        m.month,
        m.place,
        m.online_link,
        m.arrangements,
        rule_text(&m.group.rule()),
        m.by,
        now,
        m.place_cy
    )
}

/// One meeting of an organisation.
pub async fn get_meeting(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Meeting>> {
    fetch_optional!(
        c,
        Meeting,
        &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE organisation_id = $1 AND id = $2"),
        org,
        id
    )
}

/// Meetings that have ended, of the groups a person belongs to or with their reply or
/// attendance recorded (so a meeting stays theirs after they leave the group), newest first.
pub async fn earlier_meetings_of_person(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    now: i64,
    limit: i64,
) -> DbResult<Vec<Meeting>> {
    fetch_all!(
        c,
        Meeting,
        &format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE organisation_id = $1 AND ends_at < $3 \
             AND (group_id IN (SELECT group_id FROM meeting_group_members WHERE person_id = $2) \
             OR id IN (SELECT meeting_id FROM meeting_people WHERE person_id = $2)) \
             ORDER BY starts_at DESC, id DESC LIMIT $4"
        ),
        org,
        person,
        now,
        limit
    )
}

/// Filters for the list of meetings.
#[derive(Debug, Clone, Default)]
pub struct MeetingQuery {
    pub group_id: Option<i64>,
    pub within_units: Option<Vec<i64>>,
    pub groups: Option<Vec<i64>>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Newest first when true.
    pub newest_first: bool,
    /// Only meetings after this one in start order (its start, its id): the next page of a
    /// list read oldest first.
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

/// Meetings matching a query, by start time.
pub async fn list_meetings(c: &mut Conn<'_>, org: i64, q: &MeetingQuery) -> DbResult<Vec<Meeting>> {
    match list_meetings_query(c.engine(), org, q) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// The SQL and arguments of [`list_meetings`]; `None` when nothing can match. The limit is the
/// last argument.
pub fn list_meetings_query(
    engine: Engine,
    org: i64,
    q: &MeetingQuery,
) -> Option<(String, Vec<Arg>)> {
    let mut f = Filter::new();
    // One group's meetings: SQLite's planner is kept on the group's index rather than the
    // organisation's.
    let org_column = if q.group_id.is_some() {
        crate::plan::not_indexed(engine, "organisation_id")
    } else {
        "organisation_id".to_owned()
    };
    f.and(&format!("{org_column} = ?"), vec![Arg::I64(org)]);
    if let Some(g) = q.group_id {
        f.and("group_id = ?", vec![Arg::I64(g)]);
    }
    if let Some(units) = &q.within_units {
        scope_units(&mut f, units);
    }
    if let Some(groups) = &q.groups {
        if groups.is_empty() {
            return None;
        }
        let marks = vec!["?"; groups.len()].join(", ");
        f.and(
            &format!("group_id IN ({marks})"),
            groups.iter().map(|g| Arg::I64(*g)).collect(),
        );
    }
    if let Some(from) = q.from {
        f.and("starts_at >= ?", vec![Arg::I64(from)]);
    }
    if let Some(to) = q.to {
        f.and("starts_at < ?", vec![Arg::I64(to)]);
    }
    if let Some((at, id)) = q.after {
        // The first comparison, implied by the rest, lets the index range start at the cursor.
        f.and(
            "starts_at >= ? AND (starts_at > ? OR (starts_at = ? AND id > ?))",
            vec![Arg::I64(at), Arg::I64(at), Arg::I64(at), Arg::I64(id)],
        );
    }
    let order = if q.newest_first { "DESC" } else { "ASC" };
    let limit = f.push_arg(Arg::I64(q.limit.clamp(1, 1000)));
    let where_sql = f.where_sql();
    Some((
        format!(
            "SELECT {MEETING_COLUMNS} FROM meetings{where_sql} ORDER BY starts_at {order}, id {order} LIMIT {limit}"
        ),
        f.into_args(),
    ))
}

/// Cancels a meeting; the sequence goes up so calendars that took the invitation update.
pub async fn cancel(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE meetings SET cancelled_at = $2, sequence = sequence + 1, updated_at = $2 WHERE id = $1 AND cancelled_at IS NULL",
        id,
        now
    )?;
    if n == 1 {
        crate::reports::rollups::refresh_meeting(c, id).await?;
    }
    Ok(n == 1)
}

/// Keeps the minutes in English and in Welsh (either may be `None`).
pub async fn set_minutes(
    c: &mut Conn<'_>,
    id: i64,
    text: Option<&str>,
    text_cy: Option<&str>,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE meetings SET minutes = $2, minutes_cy = $4, updated_at = $3 WHERE id = $1",
        id,
        text,
        now,
        text_cy
    )?;
    Ok(())
}

/// An agenda item.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    pub standing: Option<String>,
    pub title: Option<String>,
    pub title_cy: Option<String>,
    pub suggestion_id: Option<i64>,
    /// The linked suggestion's public wording (English and Welsh; until it has any, the
    /// original words in the language they were written in), its status and forum decision.
    pub suggestion_text: Option<String>,
    pub suggestion_text_cy: Option<String>,
    pub suggestion_status: Option<String>,
    pub forum_decision: Option<String>,
}

/// Adds an agenda item at the end, its title in English and in Welsh (either may be `None`).
pub async fn add_agenda_item(
    c: &mut Conn<'_>,
    meeting: i64,
    standing: Option<&str>,
    title: Option<&str>,
    title_cy: Option<&str>,
    suggestion: Option<i64>,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO agenda_items (meeting_id, position, standing, title, suggestion_id, title_cy) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1), $2, $3, $4, $5) RETURNING id",
        meeting,
        standing,
        title,
        suggestion,
        title_cy
    )
}

/// A meeting's agenda in order.
pub async fn agenda(c: &mut Conn<'_>, meeting: i64) -> DbResult<Vec<AgendaItem>> {
    fetch_all!(
        c,
        AgendaItem,
        "SELECT a.id, a.position, a.standing, a.title, a.title_cy, a.suggestion_id, \
         CASE WHEN COALESCE(s.public_text, '') <> '' OR COALESCE(s.public_text_cy, '') <> '' THEN NULLIF(s.public_text, '') \
              WHEN s.contact_language = 'cy' THEN NULL ELSE s.text END AS suggestion_text, \
         CASE WHEN COALESCE(s.public_text, '') <> '' OR COALESCE(s.public_text_cy, '') <> '' THEN NULLIF(s.public_text_cy, '') \
              WHEN s.contact_language = 'cy' THEN s.text ELSE NULL END AS suggestion_text_cy, \
         s.status AS suggestion_status, s.forum_decision FROM agenda_items a LEFT JOIN suggestions s ON s.id = a.suggestion_id \
         WHERE a.meeting_id = $1 ORDER BY a.position, a.id",
        meeting
    )
}

/// A person's reply and attendance for a meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct MeetingPerson {
    pub person_id: i64,
    pub chosen_name: String,
    /// As it was when they replied or were recorded.
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
    pub replied_by_label: Option<String>,
    pub presence: Option<String>,
    pub minutes: Option<i64>,
}

/// Everyone with a reply or attendance on a meeting, by name.
pub async fn meeting_people(c: &mut Conn<'_>, meeting: i64) -> DbResult<Vec<MeetingPerson>> {
    fetch_all!(
        c,
        MeetingPerson,
        "SELECT mp.person_id, p.chosen_name, mp.constituency, mp.reply, mp.replied_at, mp.replied_by_label, mp.presence, mp.minutes \
         FROM meeting_people mp JOIN people p ON p.id = mp.person_id WHERE mp.meeting_id = $1 ORDER BY p.search_name, p.id",
        meeting
    )
}

/// How many of each constituency confirmed they will come to one of several meetings (see
/// [`confirmed_counts`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConfirmedCount {
    pub meeting_id: i64,
    /// As it was when they replied.
    #[sqlx(try_from = "String")]
    pub constituency: Constituency,
    pub people: i64,
}

/// The SQL and arguments of [`confirmed_counts`]; `None` for no meetings.
pub fn confirmed_counts_query(meetings: &[i64]) -> Option<(String, Vec<Arg>)> {
    if meetings.is_empty() {
        return None;
    }
    let marks = vec!["?"; meetings.len()].join(", ");
    let mut f = Filter::new();
    f.and(
        &format!("meeting_id IN ({marks})"),
        meetings.iter().map(|i| Arg::I64(*i)).collect(),
    );
    f.and(
        "reply = ?",
        vec![Arg::Text(Reply::Confirmed.key().to_owned())],
    );
    Some((
        format!(
            "SELECT meeting_id, constituency, COUNT(*) AS people FROM meeting_people{} \
             GROUP BY meeting_id, constituency",
            f.where_sql()
        ),
        f.into_args(),
    ))
}

/// For each of `meetings`, how many of each constituency have confirmed, in one read: what a
/// list of meetings needs to warn of one short of its group's rule. A few rows a meeting
/// (one per constituency that replied), read from an index (migration 0044), not every reply.
pub async fn confirmed_counts(c: &mut Conn<'_>, meetings: &[i64]) -> DbResult<Vec<ConfirmedCount>> {
    match confirmed_counts_query(meetings) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// Person `person`'s replies to any of `meetings`, as (meeting, reply).
pub async fn replies_of(
    c: &mut Conn<'_>,
    person: i64,
    meetings: &[i64],
) -> DbResult<Vec<(i64, String)>> {
    if meetings.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new();
    f.and("person_id = ?", vec![Arg::I64(person)]);
    let marks = vec!["?"; meetings.len()].join(", ");
    f.and(
        &format!("meeting_id IN ({marks})"),
        meetings.iter().map(|i| Arg::I64(*i)).collect(),
    );
    f.and("reply IS NOT NULL", Vec::new());
    let sql = format!(
        "SELECT meeting_id, reply FROM meeting_people{}",
        f.where_sql()
    );
    fetch_all_dynamic(c, &sql, f.into_args()).await
}

/// Records a reply (replacing an earlier one), with who recorded it when done for the person.
pub async fn set_reply(
    c: &mut Conn<'_>,
    meeting: i64,
    person: i64,
    constituency: Constituency,
    reply: &str,
    now: i64,
    // Who recorded it, when that was someone other than the person.
    by: Option<&str>,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO meeting_people (meeting_id, person_id, constituency, reply, replied_at, replied_by_label) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (meeting_id, person_id) DO UPDATE SET reply = excluded.reply, replied_at = excluded.replied_at, \
         replied_by_label = excluded.replied_by_label, constituency = excluded.constituency",
        meeting,
        person,
        constituency.key(),
        reply,
        now,
        by
    )?;
    Ok(())
}

/// Clears every recorded presence on a meeting (before the whole list is recorded again): people
/// who were only recorded leave the meeting; those who replied keep their reply.
pub async fn clear_presence(c: &mut Conn<'_>, meeting: i64) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM meeting_people WHERE meeting_id = $1 AND reply IS NULL",
        meeting
    )?;
    execute!(
        c,
        "UPDATE meeting_people SET presence = NULL, minutes = NULL WHERE meeting_id = $1",
        meeting
    )?;
    Ok(())
}

/// Records one person's presence and the time they gave.
pub async fn set_presence(
    c: &mut Conn<'_>,
    meeting: i64,
    person: i64,
    constituency: Constituency,
    presence: &str,
    minutes: Option<i64>,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO meeting_people (meeting_id, person_id, constituency, presence, minutes) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (meeting_id, person_id) DO UPDATE SET presence = excluded.presence, minutes = excluded.minutes, \
         constituency = excluded.constituency",
        meeting,
        person,
        constituency.key(),
        presence,
        minutes
    )?;
    Ok(())
}

/// Stores what attendance showed: counts by constituency, others, the rule used and whether it
/// was met.
pub async fn set_attendance_summary(
    c: &mut Conn<'_>,
    meeting: i64,
    counts: &Counts,
    others: i64,
    rule: &Rule,
    met: bool,
    now: i64,
) -> DbResult<()> {
    let n = |c: Constituency| i64::from(counts.get(c));
    execute!(
        c,
        "UPDATE meetings SET n_service_user = $2, n_carer = $3, n_staff = $4, n_third_sector = $5, n_manager = $6, others_count = $7, rule = $8, \
         representation_met = $9, attended_at = $10, updated_at = $10 WHERE id = $1",
        meeting,
        n(Constituency::ServiceUser),
        n(Constituency::Carer),
        n(Constituency::Staff),
        n(Constituency::ThirdSector),
        n(Constituency::Manager),
        others,
        rule_text(rule),
        met,
        now
    )?;
    crate::reports::rollups::refresh_meeting(c, meeting).await
}

/// Of `people`, those who attended no earlier meeting of the group: first-timers to meet before
/// and after.
pub async fn first_timers(
    c: &mut Conn<'_>,
    group: i64,
    before: i64,
    people: &[i64],
) -> DbResult<Vec<i64>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new();
    f.and("m.group_id = ?", vec![Arg::I64(group)]);
    f.and("m.starts_at < ?", vec![Arg::I64(before)]);
    f.and("mp.presence = 'attended'", vec![]);
    let marks = vec!["?"; people.len()].join(", ");
    f.and(
        &format!("mp.person_id IN ({marks})"),
        people.iter().map(|p| Arg::I64(*p)).collect(),
    );
    let seen: Vec<(i64,)> = fetch_all_dynamic(
        c,
        &format!(
            "SELECT DISTINCT mp.person_id FROM meeting_people mp JOIN meetings m ON m.id = mp.meeting_id{}",
            f.where_sql()
        ),
        f.into_args(),
    )
    .await?;
    Ok(people
        .iter()
        .copied()
        .filter(|p| !seen.iter().any(|(s,)| s == p))
        .collect())
}

/// A decision recorded at a meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Decision {
    pub id: i64,
    /// The English ('' when only the Welsh is written) and the Welsh.
    pub text: String,
    pub text_cy: Option<String>,
    pub created_at: i64,
    pub created_by_label: String,
}

/// Adds a decision: `text` is the English ('' when only the Welsh is written).
pub async fn add_decision(
    c: &mut Conn<'_>,
    meeting: i64,
    text: &str,
    text_cy: Option<&str>,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO meeting_decisions (meeting_id, text, created_at, created_by_label, text_cy) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        meeting,
        text,
        now,
        by,
        text_cy
    )
}

/// A meeting's decisions in order.
pub async fn decisions(c: &mut Conn<'_>, meeting: i64) -> DbResult<Vec<Decision>> {
    fetch_all!(
        c,
        Decision,
        "SELECT id, text, text_cy, created_at, created_by_label FROM meeting_decisions WHERE meeting_id = $1 ORDER BY id",
        meeting
    )
}

/// An action with its owner's name and its meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Action {
    pub id: i64,
    pub meeting_id: i64,
    pub group_id: i64,
    pub unit_id: Option<i64>,
    pub meeting_starts_at: i64,
    /// The English ('' when only the Welsh is written) and the Welsh.
    pub text: String,
    pub text_cy: Option<String>,
    pub owner_person_id: i64,
    pub owner_name: String,
    pub due_on: String,
    pub status: String,
}

const ACTION_SELECT: &str = "SELECT a.id, a.meeting_id, m.group_id, m.unit_id, m.starts_at AS meeting_starts_at, a.text, a.text_cy, a.owner_person_id, \
    p.chosen_name AS owner_name, a.due_on, a.status FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN people p ON p.id = a.owner_person_id";

/// Adds an open action: `text` is the English ('' when only the Welsh is written).
#[expect(clippy::too_many_arguments, reason = "an action has this many facts")]
pub async fn add_action(
    c: &mut Conn<'_>,
    org: i64,
    meeting: i64,
    text: &str,
    text_cy: Option<&str>,
    owner: i64,
    due_on: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO meeting_actions (organisation_id, meeting_id, text, owner_person_id, due_on, status, created_at, updated_at, text_cy) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $6, $7) RETURNING id",
        org,
        meeting,
        text,
        owner,
        due_on,
        now,
        text_cy
    )
}

/// One action of an organisation.
pub async fn get_action(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Action>> {
    fetch_optional!(
        c,
        Action,
        &format!("{ACTION_SELECT} WHERE a.organisation_id = $1 AND a.id = $2"),
        org,
        id
    )
}

/// The actions a person owns, oldest meeting first (for their subject access export).
pub async fn actions_owned(c: &mut Conn<'_>, org: i64, person: i64) -> DbResult<Vec<Action>> {
    fetch_all!(
        c,
        Action,
        &format!(
            "{ACTION_SELECT} WHERE a.organisation_id = $1 AND a.owner_person_id = $2 ORDER BY m.starts_at, a.id"
        ),
        org,
        person
    )
}

/// A meeting's actions in order.
pub async fn actions(c: &mut Conn<'_>, meeting: i64) -> DbResult<Vec<Action>> {
    fetch_all!(
        c,
        Action,
        &format!("{ACTION_SELECT} WHERE a.meeting_id = $1 ORDER BY a.due_on, a.id"),
        meeting
    )
}

/// Moves an action to a status.
pub async fn set_action_status(c: &mut Conn<'_>, id: i64, status: &str, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE meeting_actions SET status = $2, updated_at = $3 WHERE id = $1",
        id,
        status,
        now
    )?;
    Ok(())
}

/// Where a page of overdue actions starts: after this action, in the order due date, then id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionCursor {
    /// The action's due date (ISO).
    pub due_on: String,
    pub id: i64,
}

/// Which open actions a list or count of overdue ones covers: an organisation's, due before
/// `today` (ISO date), optionally only one owner's or only those within some units (with the
/// whole service's).
#[derive(Debug, Clone, Copy)]
pub struct OverdueScope<'a> {
    pub org: i64,
    pub today: &'a str,
    pub owner: Option<i64>,
    pub within_units: Option<&'a [i64]>,
}

/// Overdue actions in `scope`, due longest ago first, at most 500.
pub async fn overdue_actions(c: &mut Conn<'_>, scope: &OverdueScope<'_>) -> DbResult<Vec<Action>> {
    overdue_actions_page(c, scope, None, 500).await
}

/// The filter shared by the overdue lists and their count.
fn overdue_filter(scope: &OverdueScope<'_>) -> Filter {
    let mut f = Filter::new();
    f.and("a.organisation_id = ?", vec![Arg::I64(scope.org)]);
    f.and("a.status = 'open'", vec![]);
    f.and("a.due_on < ?", vec![Arg::Text(scope.today.to_owned())]);
    if let Some(o) = scope.owner {
        f.and("a.owner_person_id = ?", vec![Arg::I64(o)]);
    }
    if let Some(units) = scope.within_units {
        if units.is_empty() {
            f.and("m.unit_id IS NULL", vec![]);
        } else {
            let marks = vec!["?"; units.len()].join(", ");
            f.and(
                &format!("(m.unit_id IS NULL OR m.unit_id IN ({marks}))"),
                units.iter().map(|u| Arg::I64(*u)).collect(),
            );
        }
    }
    f
}

/// One page of [`overdue_actions`]: at most `limit`, from just after `after`.
pub async fn overdue_actions_page(
    c: &mut Conn<'_>,
    scope: &OverdueScope<'_>,
    after: Option<&ActionCursor>,
    limit: i64,
) -> DbResult<Vec<Action>> {
    let (sql, args) = overdue_actions_query(scope, after, limit);
    fetch_all_dynamic(c, &sql, args).await
}

/// The SQL and values of [`overdue_actions_page`], for the test that reads its plan. The cursor
/// bounds the index range (`due_on >= ?`) and breaks ties by id, so a later page is read like
/// the first.
pub fn overdue_actions_query(
    scope: &OverdueScope<'_>,
    after: Option<&ActionCursor>,
    limit: i64,
) -> (String, Vec<Arg>) {
    let mut f = overdue_filter(scope);
    if let Some(at) = after {
        f.and("a.due_on >= ?", vec![Arg::Text(at.due_on.clone())]);
        f.and(
            "(a.due_on > ? OR a.id > ?)",
            vec![Arg::Text(at.due_on.clone()), Arg::I64(at.id)],
        );
    }
    let sql = format!(
        "{ACTION_SELECT}{} ORDER BY a.due_on, a.id LIMIT {}",
        f.where_sql(),
        f.push_arg(Arg::I64(limit))
    );
    (sql, f.into_args())
}

/// How many actions [`overdue_actions`] would list without its limit.
pub async fn count_overdue_actions(c: &mut Conn<'_>, scope: &OverdueScope<'_>) -> DbResult<i64> {
    let f = overdue_filter(scope);
    let sql = format!(
        "SELECT COUNT(*) FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id{}",
        f.where_sql()
    );
    let rows: Vec<(i64,)> = fetch_all_dynamic(c, &sql, f.into_args()).await?;
    // A COUNT answers one row; none would be a database fault, not zero actions.
    rows.first()
        .map(|r| r.0)
        .ok_or(crate::DbError::Unexpected(sqlx::Error::RowNotFound))
}

/// What a representation report groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepresentationBy {
    Month,
    Group,
    Unit,
}

/// One row of representation figures: meetings held with attendance recorded, how many met
/// their rule, and attendance by constituency.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RepresentationRow {
    /// The month (YYYY-MM), group id or unit id (empty for service-wide), as text.
    pub key: String,
    pub meetings: i64,
    pub met: i64,
    pub service_user: i64,
    pub carer: i64,
    pub staff: i64,
    pub third_sector: i64,
    pub manager: i64,
    pub others: i64,
}

/// Filters for a representation report.
#[derive(Debug, Clone, Default)]
pub struct RepresentationQuery {
    pub group_id: Option<i64>,
    pub unit_id: Option<i64>,
    /// First and last month, inclusive (YYYY-MM).
    pub from_month: Option<String>,
    pub to_month: Option<String>,
    pub within_units: Option<Vec<i64>>,
}

/// Representation figures over meetings whose attendance was recorded (cancelled ones left out),
/// read from the monthly roll-ups.
pub async fn representation(
    c: &mut Conn<'_>,
    org: i64,
    q: &RepresentationQuery,
    by: RepresentationBy,
) -> DbResult<Vec<RepresentationRow>> {
    crate::reports::rollups::representation(c, org, q, by).await
}

/// One cell of the representation figures: a month, a group (and its unit), with the same sums
/// as [`RepresentationRow`]. The report is built from these in one scan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RepresentationCell {
    pub month: String,
    pub group_id: i64,
    pub unit_id: Option<i64>,
    pub meetings: i64,
    pub met: i64,
    pub service_user: i64,
    pub carer: i64,
    pub staff: i64,
    pub third_sector: i64,
    pub manager: i64,
    pub others: i64,
}

/// Representation figures by month and group (meetings with recorded attendance, cancelled
/// ones left out): the monthly roll-ups' cells.
pub async fn representation_cells(
    c: &mut Conn<'_>,
    org: i64,
    q: &RepresentationQuery,
) -> DbResult<Vec<RepresentationCell>> {
    crate::reports::rollups::representation_cells(c, org, q).await
}

/// Meetings held on a unit of a kind since an instant (for L1.01 and L2.05).
pub async fn unit_meetings_held(
    c: &mut Conn<'_>,
    unit: i64,
    kind: &str,
    since: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM meetings WHERE unit_id = $1 AND kind = $2 AND starts_at >= $3 AND attended_at IS NOT NULL AND cancelled_at IS NULL",
        unit,
        kind,
        since
    )
}

/// Of a unit's meetings held since an instant: (held, with the service-user and carer item,
/// meeting the representation rule). For L1.05 and L3.05.
pub async fn unit_meeting_shares(
    c: &mut Conn<'_>,
    unit: i64,
    since: i64,
) -> DbResult<(i64, i64, i64)> {
    let row: (i64, Option<i64>, Option<i64>) = crate::fetch_one!(
        c,
        (i64, Option<i64>, Option<i64>),
        "SELECT COUNT(*), CAST(SUM(CASE WHEN issues_item THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN representation_met THEN 1 ELSE 0 END) AS BIGINT) \
         FROM meetings WHERE unit_id = $1 AND starts_at >= $2 AND attended_at IS NOT NULL AND cancelled_at IS NULL",
        unit,
        since
    )?;
    Ok((row.0, row.1.unwrap_or(0), row.2.unwrap_or(0)))
}

// ---------------------------------------------------------------------------------------------
// Bulk writes for the data generators (demo and benchmark data): many rows per statement.
// ---------------------------------------------------------------------------------------------

/// One value bound into a multi-row statement.
enum Bulk {
    I64(i64),
    OptI64(Option<i64>),
    Text(String),
    OptText(Option<String>),
    OptBool(Option<bool>),
}

/// Binds values in order onto a query of either engine.
macro_rules! bind_bulk {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for v in $vals {
            q = match v {
                Bulk::I64(x) => q.bind(x),
                Bulk::OptI64(x) => q.bind(x),
                Bulk::Text(x) => q.bind(x),
                Bulk::OptText(x) => q.bind(x),
                Bulk::OptBool(x) => q.bind(x),
            };
        }
        q
    }};
}

/// `($1, $2), ($3, $4)` for `rows` rows of `cols` columns.
fn value_rows(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=cols).map(|k| format!("${}", r * cols + k)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn execute_bulk(c: &mut Conn<'_>, sql: &str, vals: Vec<Bulk>) -> DbResult<u64> {
    let n = match c {
        Conn::Sqlite(c) => bind_bulk!(sqlx::query(crate::sql(sql)), vals)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()),
        Conn::Postgres(c) => bind_bulk!(sqlx::query(crate::sql(sql)), vals)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()),
    }?;
    Ok(n)
}

async fn fetch_bulk(
    c: &mut Conn<'_>,
    sql: &str,
    vals: Vec<Bulk>,
) -> DbResult<Vec<(i64, i64, i64)>> {
    let rows = match c {
        Conn::Sqlite(c) => {
            bind_bulk!(sqlx::query_as::<_, (i64, i64, i64)>(crate::sql(sql)), vals)
                .fetch_all(&mut **c)
                .await
        }
        Conn::Postgres(c) => {
            bind_bulk!(sqlx::query_as::<_, (i64, i64, i64)>(crate::sql(sql)), vals)
                .fetch_all(&mut **c)
                .await
        }
    }?;
    Ok(rows)
}

/// What attendance showed at a meeting written in bulk.
#[derive(Debug, Clone)]
pub struct BulkHeld {
    pub counts: Counts,
    pub others: i64,
    pub met: bool,
    pub recorded_at: i64,
}

/// A meeting written in bulk: as [`NewMeeting`], plus its minutes and, when it was held, its
/// attendance summary (measured against the group's rule).
#[derive(Debug, Clone)]
pub struct BulkMeeting<'a> {
    pub new: NewMeeting<'a>,
    pub minutes: Option<String>,
    pub minutes_cy: Option<String>,
    pub held: Option<BulkHeld>,
    pub created_at: i64,
}

// Rows per multi-row statement: about 500 values each. SQLite looks up each numbered
// placeholder by walking the statement's list of them, so binding grows with the square of the
// values in one statement; a few hundred keeps that small without many round trips.
const BULK_MEETINGS: usize = 12;

/// Adds many meetings at once; returns their ids in the order given. No two may share a group
/// and start time (the ids are matched back on those).
pub async fn insert_meetings_bulk(
    c: &mut Conn<'_>,
    rows: &[BulkMeeting<'_>],
) -> DbResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(BULK_MEETINGS) {
        let mut vals = Vec::with_capacity(chunk.len() * 25);
        for r in chunk {
            let m = &r.new;
            let n = |k: Constituency| {
                Bulk::I64(r.held.as_ref().map_or(0, |h| i64::from(h.counts.get(k))))
            };
            vals.extend([
                Bulk::I64(m.group.organisation_id),
                Bulk::I64(m.group.id),
                Bulk::OptI64(m.group.unit_id),
                Bulk::Text(m.group.kind.key().to_owned()),
                Bulk::I64(m.starts_at),
                Bulk::I64(m.ends_at),
                Bulk::Text(m.month.to_owned()),
                Bulk::OptText(m.place.map(str::to_owned)),
                Bulk::OptText(m.online_link.map(str::to_owned)),
                Bulk::Text(m.arrangements.to_owned()),
                Bulk::OptText(r.minutes.clone()),
                Bulk::I64(r.held.as_ref().map_or(0, |h| h.others)),
                Bulk::Text(rule_text(&m.group.rule())),
                Bulk::OptI64(r.held.as_ref().map(|h| h.recorded_at)),
                Bulk::OptBool(r.held.as_ref().map(|h| h.met)),
                n(Constituency::ServiceUser),
                n(Constituency::Carer),
                n(Constituency::Staff),
                n(Constituency::ThirdSector),
                n(Constituency::Manager),
                Bulk::Text(m.by.to_owned()),
                Bulk::I64(r.created_at),
                Bulk::I64(r.held.as_ref().map_or(r.created_at, |h| h.recorded_at)),
                Bulk::OptText(m.place_cy.map(str::to_owned)),
                Bulk::OptText(r.minutes_cy.clone()),
            ]);
        }
        let sql = format!(
            "INSERT INTO meetings (organisation_id, group_id, unit_id, kind, starts_at, ends_at, month, place, online_link, arrangements, minutes, \
             others_count, rule, attended_at, representation_met, n_service_user, n_carer, n_staff, n_third_sector, n_manager, created_by_label, \
             created_at, updated_at, place_cy, minutes_cy) VALUES {} RETURNING id, group_id, starts_at",
            value_rows(chunk.len(), 25)
        );
        let back = fetch_bulk(c, &sql, vals).await?;
        let by_key: std::collections::HashMap<(i64, i64), i64> =
            back.into_iter().map(|(id, g, s)| ((g, s), id)).collect();
        for r in chunk {
            let id = by_key
                .get(&(r.new.group.id, r.new.starts_at))
                .copied()
                .ok_or(crate::DbError::Conflict)?;
            ids.push(id);
        }
    }
    // Held meetings arrive here with their attendance, so their months' roll-ups are
    // recomputed once for the whole batch rather than once a meeting.
    let mut orgs: Vec<i64> = rows.iter().map(|r| r.new.group.organisation_id).collect();
    orgs.sort_unstable();
    orgs.dedup();
    for org in orgs {
        crate::reports::rollups::rebuild(c, org).await?;
    }
    Ok(ids)
}

/// A person's reply and presence on a meeting, written in bulk.
#[derive(Debug, Clone)]
pub struct BulkPerson {
    pub meeting_id: i64,
    pub person_id: i64,
    pub constituency: Constituency,
    /// Reply, when they replied, and who recorded it.
    pub reply: Option<(&'static str, i64, String)>,
    pub presence: Option<&'static str>,
    pub minutes: Option<i64>,
}

const BULK_PEOPLE: usize = 40;

/// Adds many replies and attendance lines at once (none may already exist).
pub async fn insert_meeting_people_bulk(c: &mut Conn<'_>, rows: &[BulkPerson]) -> DbResult<()> {
    for chunk in rows.chunks(BULK_PEOPLE) {
        let mut vals = Vec::with_capacity(chunk.len() * 8);
        for r in chunk {
            vals.extend([
                Bulk::I64(r.meeting_id),
                Bulk::I64(r.person_id),
                Bulk::Text(r.constituency.key().to_owned()),
                Bulk::OptText(r.reply.as_ref().map(|x| x.0.to_owned())),
                Bulk::OptI64(r.reply.as_ref().map(|x| x.1)),
                Bulk::OptText(r.reply.as_ref().map(|x| x.2.clone())),
                Bulk::OptText(r.presence.map(str::to_owned)),
                Bulk::OptI64(r.minutes),
            ]);
        }
        let sql = format!(
            "INSERT INTO meeting_people (meeting_id, person_id, constituency, reply, replied_at, replied_by_label, presence, minutes) VALUES {}",
            value_rows(chunk.len(), 8)
        );
        execute_bulk(c, &sql, vals).await?;
    }
    Ok(())
}

/// An agenda item written in bulk, at a given position.
#[derive(Debug, Clone)]
pub struct BulkAgendaItem {
    pub meeting_id: i64,
    pub position: i64,
    pub standing: Option<&'static str>,
    pub title: Option<String>,
    pub title_cy: Option<String>,
    pub suggestion_id: Option<i64>,
}

const BULK_AGENDA: usize = 60;

/// Adds many agenda items at once.
pub async fn insert_agenda_bulk(c: &mut Conn<'_>, rows: &[BulkAgendaItem]) -> DbResult<()> {
    for chunk in rows.chunks(BULK_AGENDA) {
        let mut vals = Vec::with_capacity(chunk.len() * 6);
        for r in chunk {
            vals.extend([
                Bulk::I64(r.meeting_id),
                Bulk::I64(r.position),
                Bulk::OptText(r.standing.map(str::to_owned)),
                Bulk::OptText(r.title.clone()),
                Bulk::OptI64(r.suggestion_id),
                Bulk::OptText(r.title_cy.clone()),
            ]);
        }
        let sql = format!(
            "INSERT INTO agenda_items (meeting_id, position, standing, title, suggestion_id, title_cy) VALUES {}",
            value_rows(chunk.len(), 6)
        );
        execute_bulk(c, &sql, vals).await?;
    }
    Ok(())
}
