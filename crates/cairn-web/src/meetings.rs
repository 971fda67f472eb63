//! Meeting pages: the meetings home (upcoming meetings with their representation warning,
//! groups, overdue actions), a group's terms of reference, rule and members, scheduling, one
//! meeting's page (replies, first-timers, agenda, attendance, minutes, decisions, actions), the
//! calendar invitation, printable name cards, the representation report with its chart, table
//! and CSV, and a member's own meetings.
//!
//! Places, agenda items, minutes, decisions and actions are written in English, Welsh or both:
//! staff forms have the two boxes side by side, and every page shows each text in the reader's
//! language when it is written, else in the other, marked with its language and a note.

use crate::charts::{Bar, stacked_bars};
use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::translation::{Local, local_of};
use crate::views::{
    Choice, Chrome, FormState, ShownError, html, html_status, organisation, see_other, unit_names,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_app::AppError;
use cairn_app::meetings::{GroupView, MeetingView, Period, Report, ReportLine, group_name};
use cairn_db::meetings::{Group, Meeting, RepresentationQuery};
use cairn_domain::FieldErrors;
use cairn_domain::Permission;
use cairn_domain::meetings::{
    ActionStatus, Arrangement, ClockQuestion, GroupDraft, GroupKind, MeetingDraft, Presence, Reply,
    Rule, StandingItem, TOR_FIELDS,
};
use cairn_domain::people::{Constituency, Language};
use cairn_domain::time::{
    ClockReading, DateParts, Occurrence, format_clock, format_date, format_instant, parse_iso_date,
    time_zone,
};
use cairn_domain::translation::Bilingual;
use jiff::tz::TimeZone;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/meetings", home)
        .get("/meetings/groups/new", new_group_form)
        .post("/meetings/groups/new", create_group)
        .get("/meetings/groups/{id}", group_page)
        .get("/meetings/groups/{id}/edit", edit_group_form)
        .post("/meetings/groups/{id}/edit", update_group)
        .post("/meetings/groups/{id}/members", set_member)
        .get("/meetings/groups/{id}/schedule", schedule_form)
        .post("/meetings/groups/{id}/schedule", schedule)
        .get("/meetings/representation", representation)
        .get("/meetings/representation.csv", representation_csv)
        .get("/meetings/actions/overdue", overdue_list)
        .post("/meetings/actions/{id}/status", action_status)
        .get("/meetings/{id}", meeting_page)
        .post("/meetings/{id}/reply", reply)
        .post("/meetings/{id}/attendance", attendance)
        .post("/meetings/{id}/agenda", add_item)
        .post("/meetings/{id}/minutes", minutes)
        .post("/meetings/{id}/decisions", add_decision)
        .post("/meetings/{id}/actions", add_action)
        .post("/meetings/{id}/invitations", email_invites)
        .post("/meetings/{id}/cancel", cancel)
        .get("/meetings/{id}/invite.ics", invite_ics)
        .get("/meetings/{id}/name-cards", name_cards)
        .reads_person()
        .get("/my-meetings", my_meetings)
        .get("/my-meetings/{id}", member_meeting)
}

/// The organisation's time zone (the default for a platform administrator, who has none).
async fn tz_of(st: &AppState, s: &Signed) -> WebResult<TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(time_zone(cairn_domain::time::DEFAULT_TIME_ZONE));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

/// "Tuesday"-free, plain: "15 July 2026 at 14:00 to 15:30", or "… 22:00 to 01:00 the next
/// day" for a meeting that goes past midnight.
fn when(t: &Tr, m: &Meeting, tz: &TimeZone) -> String {
    let end = jiff::Timestamp::from_millisecond(m.ends_at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone());
    let next_day = end.date() > cairn_domain::time::local_date(m.starts_at, tz);
    t.with(
        if next_day {
            "meetings-when-next-day"
        } else {
            "meetings-when"
        },
        &[
            ("start", format_instant(m.starts_at, tz, t.lang)),
            ("end", format!("{:02}:{:02}", end.hour(), end.minute())),
        ],
    )
}

fn rule_words(t: &Tr, rule: &Rule) -> String {
    if rule.is_empty() {
        return t.get("meetings-rule-none");
    }
    rule.required()
        .iter()
        .map(|(c, n)| {
            t.with(
                "meetings-rule-part",
                &[("count", n.to_string()), ("who", t.get(&c.label_id()))],
            )
        })
        .collect::<Vec<_>>()
        .join(t.get("meetings-rule-and").as_str())
}

fn short_words(t: &Tr, short: &[(Constituency, u32)]) -> String {
    short
        .iter()
        .map(|(c, n)| {
            t.with(
                "meetings-short-part",
                &[("count", n.to_string()), ("who", t.get(&c.label_id()))],
            )
        })
        .collect::<Vec<_>>()
        .join(t.get("meetings-rule-and").as_str())
}

fn arrangement_words(t: &Tr, m: &Meeting) -> Vec<String> {
    m.arrangements
        .split(',')
        .filter_map(Arrangement::parse)
        .map(|a| t.get(&a.label_id()))
        .collect()
}

/// A meeting's place for the reader (see [`local_of`]), or "Online" when it has none.
fn place_of(t: &Tr, m: &Meeting) -> Local {
    let place = local_of(t, m.place.as_deref(), m.place_cy.as_deref());
    if place.is_empty() {
        Local {
            text: t.get("meetings-online"),
            lang: t.code(),
            note: None,
        }
    } else {
        place
    }
}

/// A message that carries organisation-written text, split around that text so the page can
/// mark its language; the sentence itself stays one Fluent message.
#[derive(Debug, Clone)]
struct Around {
    before: String,
    text: Local,
    after: String,
}

fn around(t: &Tr, id: &str, arg: &str, text: &Local) -> Around {
    // A private-use character holds the text's place while the message is formatted.
    const MARK: &str = "\u{E000}";
    let whole = t.with(id, &[(arg, MARK.to_owned())]);
    let (before, after) = whole.split_once(MARK).unwrap_or((whole.as_str(), ""));
    Around {
        before: before.to_owned(),
        text: Local {
            note: None,
            ..text.clone()
        },
        after: after.to_owned(),
    }
}

/// An action's text for the reader.
fn action_text(t: &Tr, a: &cairn_db::meetings::Action) -> Local {
    local_of(t, Some(&a.text), a.text_cy.as_deref())
}

fn unit_label(t: &Tr, units: &[(i64, String)], unit: Option<i64>) -> String {
    match unit {
        None => t.get("meetings-service-wide"),
        Some(u) => units
            .iter()
            .find(|(id, _)| *id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Home
// ---------------------------------------------------------------------------------------------

struct UpcomingRow {
    id: i64,
    group: String,
    when: String,
    place: Local,
    /// The representation warning, when confirmed people would not meet the rule.
    warning: bool,
}

struct GroupRow {
    id: i64,
    name: String,
    kind: String,
    unit: String,
    rule: String,
}

struct ActionRow {
    meeting_id: i64,
    text: Local,
    owner: String,
    due: String,
}

#[derive(Template)]
#[template(path = "meetings/home.html")]
struct HomePage {
    chrome: Chrome,
    t: Tr,
    upcoming: Vec<UpcomingRow>,
    groups: Vec<GroupRow>,
    mine: Vec<ActionRow>,
    /// The first [`HOME_OVERDUE`] of everyone's overdue actions, of `all_total`.
    all: Vec<ActionRow>,
    all_total: i64,
    more_overdue: bool,
    can_create_group: bool,
    can_report: bool,
}

/// How many of everyone's overdue actions the meetings page lists before linking to the rest:
/// a service that has let actions pile up would otherwise get a page hundreds of lines long.
const HOME_OVERDUE: i64 = 10;

/// Overdue actions a page, on the page of them all.
const OVERDUE_PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "meetings/overdue.html")]
struct OverduePage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<ActionRow>,
    total: i64,
    /// The next page, after the last action shown, when there is one.
    more_href: Option<String>,
    /// The first page, from a later one.
    first_href: Option<String>,
}

#[derive(Deserialize, Default)]
struct OverdueQuery {
    /// A later page: `due date_id` of the last action the page before showed.
    after: Option<String>,
}

impl OverdueQuery {
    /// The page's starting point; a malformed one is refused rather than ignored, so a reader
    /// never takes another page for the one they asked for.
    fn after(&self) -> WebResult<Option<cairn_db::meetings::ActionCursor>> {
        let Some(text) = self.after.as_deref() else {
            return Ok(None);
        };
        text.split_once('_')
            .and_then(|(due, id)| Some((parse_iso_date(due)?, id.parse::<i64>().ok()?)))
            .filter(|(_, id)| *id > 0)
            .map(|(due, id)| {
                Some(cairn_db::meetings::ActionCursor {
                    due_on: due.to_string(),
                    id,
                })
            })
            .ok_or(WebError::Refused(
                StatusCode::BAD_REQUEST,
                "error-bad-query",
            ))
    }
}

/// Every overdue action within the actor's reach, due longest ago first, a page at a time.
async fn overdue_list(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<OverdueQuery>,
) -> WebResult {
    let after = q.after()?;
    let a = s.actor();
    let page =
        cairn_app::meetings::overdue_page(&st.app, a, after.as_ref(), OVERDUE_PAGE + 1).await?;
    let t = s.ctx.t();
    let mut actions = page.actions;
    let size = usize::try_from(OVERDUE_PAGE).unwrap_or(usize::MAX);
    let more = actions.len() > size;
    actions.truncate(size);
    let more_href = actions
        .last()
        .filter(|_| more)
        .map(|l| format!("/meetings/actions/overdue?after={}_{}", l.due_on, l.id));
    let chrome = Chrome::signed(&s, t.get("meetings-overdue"), organisation(&st, &s).await?);
    html(&OverduePage {
        rows: action_rows(&t, &actions),
        total: page.total,
        more_href,
        first_href: after.map(|_| "/meetings/actions/overdue".to_owned()),
        chrome,
        t,
    })
}

fn action_rows(t: &Tr, list: &[cairn_db::meetings::Action]) -> Vec<ActionRow> {
    list.iter()
        .map(|a| ActionRow {
            meeting_id: a.meeting_id,
            text: action_text(t, a),
            owner: a.owner_name.clone(),
            due: parse_iso_date(&a.due_on)
                .map(|d| format_date(d, t.lang))
                .unwrap_or_default(),
        })
        .collect()
}

async fn home(State(st): State<AppState>, s: Signed) -> WebResult {
    let a = s.actor();
    if !a.can(Permission::ViewMeetings) {
        if a.can(Permission::ReplyToMeeting) {
            return see_other("/my-meetings");
        }
        if a.can(Permission::ViewRepresentation) {
            return see_other("/meetings/representation");
        }
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let tz = tz_of(&st, &s).await?;
    let units = unit_names(&st, &s).await?;
    let (upcoming, groups) = cairn_app::meetings::upcoming_and_groups(&st.app, a, 20).await?;
    let mine = cairn_app::meetings::my_overdue(&st.app, a).await?;
    // The first few of everyone's overdue actions, and a link to the rest when there are more.
    let overdue = if a.can(Permission::ManageMeetings) {
        cairn_app::meetings::overdue_page(&st.app, a, None, HOME_OVERDUE).await?
    } else {
        cairn_app::meetings::OverduePage::default()
    };
    let upcoming = upcoming
        .iter()
        .map(|l| UpcomingRow {
            id: l.meeting.id,
            group: l.group.name(t.lang).to_owned(),
            when: when(&t, &l.meeting, &tz),
            place: place_of(&t, &l.meeting),
            warning: l.expected_met == Some(false),
        })
        .collect();
    let mut groups: Vec<GroupRow> = groups
        .iter()
        .map(|g| GroupRow {
            id: g.id,
            name: g.name(t.lang).to_owned(),
            kind: t.get(&g.kind.label_id()),
            unit: unit_label(&t, &units, g.unit_id),
            rule: rule_words(&t, &g.rule()),
        })
        .collect();
    crate::views::sort_by_name(&t, &mut groups, |g| &g.name);
    let chrome = Chrome::signed(&s, t.get("meetings-title"), organisation(&st, &s).await?);
    let all_total = overdue.total;
    let more_overdue = usize::try_from(all_total).is_ok_and(|n| n > overdue.actions.len());
    html(&HomePage {
        mine: action_rows(&t, &mine),
        all: action_rows(&t, &overdue.actions),
        all_total,
        more_overdue,
        chrome,
        t,
        upcoming,
        groups,
        can_create_group: a.can(Permission::ManageGroups),
        can_report: a.can(Permission::ViewRepresentation),
    })
}

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct GroupIn {
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_cy: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    usual_place: String,
    #[serde(default)]
    usual_place_cy: String,
    #[serde(default)]
    usual_time: String,
    #[serde(default)]
    role_en: String,
    #[serde(default)]
    role_cy: String,
    #[serde(default)]
    remit_en: String,
    #[serde(default)]
    remit_cy: String,
    #[serde(default)]
    relationships_en: String,
    #[serde(default)]
    relationships_cy: String,
    #[serde(default)]
    responsibility_en: String,
    #[serde(default)]
    responsibility_cy: String,
    #[serde(default)]
    min_service_user: String,
    #[serde(default)]
    min_carer: String,
    #[serde(default)]
    min_staff: String,
    #[serde(default)]
    min_third_sector: String,
    #[serde(default)]
    min_manager: String,
    #[serde(default)]
    standing: String,
}

impl GroupIn {
    fn draft(&self) -> GroupDraft {
        GroupDraft {
            name_en: self.name_en.clone(),
            name_cy: self.name_cy.clone(),
            kind: self.kind.clone(),
            unit_id: self.unit_id.trim().parse().ok(),
            usual_place: self.usual_place.clone(),
            usual_place_cy: self.usual_place_cy.clone(),
            usual_time: self.usual_time.clone(),
            tor_en: [
                self.role_en.clone(),
                self.remit_en.clone(),
                self.relationships_en.clone(),
                self.responsibility_en.clone(),
            ],
            tor_cy: [
                self.role_cy.clone(),
                self.remit_cy.clone(),
                self.relationships_cy.clone(),
                self.responsibility_cy.clone(),
            ],
            minimums: [
                self.min_service_user.clone(),
                self.min_carer.clone(),
                self.min_staff.clone(),
                self.min_third_sector.clone(),
                self.min_manager.clone(),
            ],
            standing: self.standing.clone(),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        let d = self.draft();
        f.set("name_en", self.name_en.clone())
            .set("name_cy", self.name_cy.clone())
            .set("kind", self.kind.clone())
            .set("unit_id", self.unit_id.clone())
            .set("usual_place", self.usual_place.clone())
            .set("usual_place_cy", self.usual_place_cy.clone())
            .set("usual_time", self.usual_time.clone())
            .set("standing", self.standing.clone());
        for (i, r) in TOR_FIELDS.iter().enumerate() {
            f.set(&format!("{r}_en"), d.tor_en[i].clone())
                .set(&format!("{r}_cy"), d.tor_cy[i].clone());
        }
        for (i, c) in Constituency::ALL.iter().enumerate() {
            f.set(&format!("min_{}", c.key()), d.minimums[i].clone());
        }
        f
    }

    fn of(g: &Group) -> Self {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        GroupIn {
            name_en: g.name_en.clone(),
            name_cy: g.name_cy.clone(),
            kind: g.kind.key().into(),
            unit_id: g.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            usual_place: o(&g.usual_place),
            usual_place_cy: o(&g.usual_place_cy),
            usual_time: o(&g.usual_time),
            role_en: o(&g.role_en),
            role_cy: o(&g.role_cy),
            remit_en: o(&g.remit_en),
            remit_cy: o(&g.remit_cy),
            relationships_en: o(&g.relationships_en),
            relationships_cy: o(&g.relationships_cy),
            responsibility_en: o(&g.responsibility_en),
            responsibility_cy: o(&g.responsibility_cy),
            min_service_user: g.min_service_user.to_string(),
            min_carer: g.min_carer.to_string(),
            min_staff: g.min_staff.to_string(),
            min_third_sector: g.min_third_sector.to_string(),
            min_manager: g.min_manager.to_string(),
            standing: g.standing_items.clone(),
        }
    }
}

/// One "R" of the terms of reference on the form: (field stem, label, hint).
struct TorField {
    en: String,
    cy: String,
    label: String,
    hint: String,
}

#[derive(Template)]
#[template(path = "meetings/group_form.html")]
struct GroupFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    kinds: Vec<Choice>,
    units: Vec<Choice>,
    tor: Vec<TorField>,
    minimums: Vec<(String, String)>,
    /// Set when editing an existing group.
    editing: Option<i64>,
}

async fn group_form_page(
    st: &AppState,
    s: &Signed,
    form: FormState,
    editing: Option<i64>,
) -> WebResult {
    if !s.actor().can(Permission::ManageGroups) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let title = if editing.is_some() {
        t.get("meetings-group-edit-title")
    } else {
        t.get("meetings-group-new-title")
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?)
        .about(match form.value("name_cy") {
            cy if t.code() == "cy" && !cy.is_empty() => cy,
            _ => form.value("name_en"),
        })
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let kinds = GroupKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.key().into(),
            label: t.get(&k.label_id()),
        })
        .collect();
    let units = unit_names(st, s)
        .await?
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect();
    let tor = TOR_FIELDS
        .iter()
        .map(|stem| TorField {
            en: format!("{stem}_en"),
            cy: format!("{stem}_cy"),
            label: t.get(&format!("meetings-tor-{stem}")),
            hint: t.get(&format!("meetings-tor-{stem}-hint")),
        })
        .collect();
    let minimums = Constituency::ALL
        .iter()
        .map(|c| (format!("min_{}", c.key()), t.get(&c.label_id())))
        .collect();
    html_status(
        status,
        &GroupFormPage {
            chrome,
            t,
            form,
            kinds,
            units,
            tor,
            minimums,
            editing,
        },
    )
}

async fn new_group_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let mut form = FormState::new();
    // The default rule: at least one service user and at least one carer.
    for (c, n) in Rule::default().required() {
        form.set(&format!("min_{}", c.key()), n.to_string());
    }
    group_form_page(&st, &s, form, None).await
}

async fn create_group(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<GroupIn>,
) -> WebResult {
    match cairn_app::meetings::create_group(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/meetings/groups/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            group_form_page(&st, &s, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_group_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let v = cairn_app::meetings::group(&st.app, s.actor(), id).await?;
    group_form_page(&st, &s, GroupIn::of(&v.group).form(), Some(id)).await
}

async fn update_group(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<GroupIn>,
) -> WebResult {
    match cairn_app::meetings::update_group(&st.app, s.actor(), id, &f.draft()).await {
        Ok(()) => see_other(&format!("/meetings/groups/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            group_form_page(&st, &s, form, Some(id)).await
        }
        Err(e) => Err(e.into()),
    }
}

struct MeetingRow {
    id: i64,
    when: String,
    place: Local,
    /// "Met", "Not met" or "Not recorded yet".
    outcome: String,
    met: Option<bool>,
}

struct MemberRow {
    id: i64,
    name: String,
    constituency: String,
}

#[derive(Template)]
#[template(path = "meetings/group.html")]
struct GroupPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    kind: String,
    unit: String,
    usual_place: Local,
    /// As typed, in whichever language (it has no Welsh beside it).
    usual_time: String,
    tor: Vec<(String, String)>,
    rule: String,
    /// The standing items, each marked when it is the group's own, typed in one language.
    standing: Vec<(String, bool)>,
    members: Vec<MemberRow>,
    candidates: Vec<Choice>,
    upcoming: Vec<MeetingRow>,
    past: Vec<MeetingRow>,
    can_run: bool,
    can_edit: bool,
    form: FormState,
}

fn meeting_rows(t: &Tr, list: &[Meeting], tz: &TimeZone) -> Vec<MeetingRow> {
    list.iter()
        .map(|m| MeetingRow {
            id: m.id,
            when: when(t, m, tz),
            place: place_of(t, m),
            outcome: match m.representation_met {
                Some(true) => t.get("meetings-rule-met"),
                Some(false) => t.get("meetings-rule-not-met"),
                None => t.get("meetings-not-recorded"),
            },
            met: m.representation_met,
        })
        .collect()
}

async fn group_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let v: GroupView = cairn_app::meetings::group(&st.app, s.actor(), id).await?;
    let tz = tz_of(st, s).await?;
    let units = unit_names(st, s).await?;
    let g = &v.group;
    let welsh = t.lang == Language::Cy;
    let tor = TOR_FIELDS
        .iter()
        .zip(g.tor(welsh))
        .map(|(stem, text)| {
            (
                t.get(&format!("meetings-tor-{stem}")),
                text.map(str::to_owned)
                    .unwrap_or_else(|| t.get("meetings-tor-missing")),
            )
        })
        .collect();
    // The people who may be added: only for someone who runs the group and may see people.
    let candidates = if v.can_run && s.actor().can(Permission::ViewPeople) {
        let q = cairn_db::people::PeopleQuery {
            unit_id: g.unit_id,
            limit: 500,
            welsh_order: t.lang == cairn_domain::people::Language::Cy,
            ..Default::default()
        };
        cairn_app::people::list(&st.app, s.actor(), q)
            .await?
            .into_iter()
            .filter(|p| !v.members.iter().any(|m| m.person_id == p.person.id))
            .map(|p| crate::views::person_choice(&t, &p.person))
            .collect()
    } else {
        Vec::new()
    };
    let mut standing: Vec<(String, bool)> = StandingItem::ALL
        .iter()
        .map(|i| (t.get(&i.label_id()), false))
        .collect();
    standing.extend(g.standing().into_iter().map(|s| (s, true)));
    let chrome = Chrome::signed(
        s,
        group_name(g, t.lang).to_owned(),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &GroupPage {
            id,
            kind: t.get(&g.kind.label_id()),
            unit: unit_label(&t, &units, g.unit_id),
            usual_place: local_of(&t, g.usual_place.as_deref(), g.usual_place_cy.as_deref()),
            usual_time: g.usual_time.clone().unwrap_or_default(),
            tor,
            rule: rule_words(&t, &g.rule()),
            standing,
            members: v
                .members
                .iter()
                .map(|m| MemberRow {
                    id: m.person_id,
                    name: m.chosen_name.clone(),
                    constituency: t.get(&m.constituency.label_id()),
                })
                .collect(),
            candidates,
            upcoming: meeting_rows(&t, &v.upcoming, &tz),
            past: meeting_rows(&t, &v.past, &tz),
            can_run: v.can_run,
            can_edit: v.can_edit,
            chrome,
            t,
            form,
        },
    )
}

async fn group_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    group_view(&st, &s, id, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct MemberIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    action: String,
}

async fn set_member(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<MemberIn>,
) -> WebResult {
    let person = f.person_id.trim().parse::<i64>().unwrap_or(0);
    let add = f.action != "remove";
    match cairn_app::meetings::set_member(&st.app, s.actor(), id, person, add).await {
        Ok(()) => see_other(&format!("/meetings/groups/{id}#members")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("person_id", f.person_id);
            form.add_errors(&s.ctx.t(), &errs);
            group_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct MeetingIn {
    #[serde(default)]
    on_day: String,
    #[serde(default)]
    on_month: String,
    #[serde(default)]
    on_year: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    place_cy: String,
    #[serde(default)]
    online_link: String,
    #[serde(default)]
    arrangements: Vec<String>,
    #[serde(default)]
    starts_which: String,
    #[serde(default)]
    ends_which: String,
}

impl MeetingIn {
    fn draft(&self) -> MeetingDraft {
        MeetingDraft {
            on: DateParts {
                day: self.on_day.clone(),
                month: self.on_month.clone(),
                year: self.on_year.clone(),
            },
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            place: self.place.clone(),
            place_cy: self.place_cy.clone(),
            online_link: self.online_link.clone(),
            arrangements: self.arrangements.clone(),
            starts_which: self.starts_which.clone(),
            ends_which: self.ends_which.clone(),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set_date("on", &self.draft().on)
            .set("starts", self.starts.clone())
            .set("ends", self.ends.clone())
            .set("place", self.place.clone())
            .set("place_cy", self.place_cy.clone())
            .set("online_link", self.online_link.clone())
            .set_many("arrangements", self.arrangements.clone())
            .set("starts_which", self.starts_which.clone())
            .set("ends_which", self.ends_which.clone());
        f
    }
}

/// The question asked when a time on the form happens twice (the night the clocks go back).
struct WhichQuestion {
    legend: String,
    choices: Vec<Choice>,
}

/// The schedule form's questions about the clock change: for a start or end time the clocks
/// pass twice, the radios that ask which is meant. A time the clocks skip needs no question,
/// only its message (see [`clock_errors`]).
fn which_questions(
    t: &Tr,
    questions: &[ClockQuestion],
) -> (Option<WhichQuestion>, Option<WhichQuestion>) {
    let mut out = (None, None);
    for q in questions {
        let ClockReading::Twice(twice) = &q.reading else {
            continue;
        };
        let time = format_clock(q.time);
        let date = format_date(q.date, t.lang);
        let legend_id = match q.field {
            "starts" => "meetings-which-starts",
            _ => "meetings-which-ends",
        };
        let question = WhichQuestion {
            legend: t.with(legend_id, &[("time", time.clone()), ("date", date)]),
            choices: vec![
                Choice {
                    value: Occurrence::First.key().into(),
                    label: t.with(
                        "meetings-which-first",
                        &[("time", time.clone()), ("zone", twice.first_zone.clone())],
                    ),
                },
                Choice {
                    value: Occurrence::Second.key().into(),
                    label: t.with(
                        "meetings-which-second",
                        &[("time", time), ("zone", twice.second_zone.clone())],
                    ),
                },
            ],
        };
        match q.field {
            "starts" => out.0 = Some(question),
            _ => out.1 = Some(question),
        }
    }
    out
}

/// Adds the form's errors, the clock-change ones with the time and date they are about.
fn clock_errors(t: &Tr, form: &mut FormState, errs: &FieldErrors, questions: &[ClockQuestion]) {
    for q in questions {
        let (field, code) = match q.reading {
            ClockReading::Skipped => (q.field.to_owned(), "meetings-error-no-such-time"),
            ClockReading::Twice(_) => (format!("{}_which", q.field), "meetings-error-which"),
            ClockReading::Once(_) => continue,
        };
        if errs.for_field(&field).is_some_and(|e| e.code == code) {
            let args = [
                ("time", format_clock(q.time)),
                ("date", format_date(q.date, t.lang)),
            ];
            form.errors.push(ShownError {
                field,
                message: t.with(code, &args),
            });
        }
    }
    form.add_errors(t, errs);
}

#[derive(Template)]
#[template(path = "meetings/schedule.html")]
struct SchedulePage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    group: String,
    form: FormState,
    arrangements: Vec<Choice>,
    /// Asked when the start time happens twice that night.
    starts_which: Option<WhichQuestion>,
    /// Asked when the end time happens twice that night.
    ends_which: Option<WhichQuestion>,
}

async fn schedule_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    form: FormState,
    questions: &[ClockQuestion],
) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::meetings::group(&st.app, s.actor(), id).await?;
    if !v.can_run {
        return Err(WebError::Forbidden);
    }
    let chrome = Chrome::signed(
        s,
        t.get("meetings-schedule-title"),
        organisation(st, s).await?,
    )
    .about(group_name(&v.group, t.lang))
    .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let arrangements = Arrangement::ALL
        .iter()
        .map(|a| Choice {
            value: a.key().into(),
            label: t.get(&a.label_id()),
        })
        .collect();
    let (starts_which, ends_which) = which_questions(&t, questions);
    html_status(
        status,
        &SchedulePage {
            group: group_name(&v.group, t.lang).to_owned(),
            chrome,
            t,
            id,
            form,
            arrangements,
            starts_which,
            ends_which,
        },
    )
}

async fn schedule_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let mut form = FormState::new();
    let v = cairn_app::meetings::group(&st.app, s.actor(), id).await?;
    // The group's usual place, in both languages, to start from.
    form.set("place", v.group.usual_place.clone().unwrap_or_default())
        .set(
            "place_cy",
            v.group.usual_place_cy.clone().unwrap_or_default(),
        );
    schedule_page(&st, &s, id, form, &[]).await
}

async fn schedule(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<MeetingIn>,
) -> WebResult {
    match cairn_app::meetings::schedule(&st.app, s.actor(), id, &f.draft()).await {
        Ok(m) => see_other(&format!("/meetings/{m}")),
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let questions = f.draft().clock_questions(&tz_of(&st, &s).await?);
            let mut form = f.form();
            clock_errors(&t, &mut form, &errs, &questions);
            schedule_page(&st, &s, id, form, &questions).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// One meeting
// ---------------------------------------------------------------------------------------------

struct AgendaRow {
    title: Local,
    suggestion: Option<(i64, Local)>,
    /// The forum's decision on the linked suggestion, in words.
    decision: Option<String>,
    standing: bool,
}

struct PersonRow {
    id: i64,
    name: String,
    constituency: String,
    reply: String,
    /// Who recorded the reply, when it was someone else.
    by: String,
    presence: String,
    first_time: bool,
}

struct ActionLine {
    id: i64,
    text: Local,
    /// The "mark as done" button's words, with the action's language marked.
    done: Around,
    owner: String,
    due: String,
    status: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "meetings/meeting.html")]
struct MeetingPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    group_id: i64,
    group: String,
    when: String,
    place: Local,
    online_link: String,
    arrangements: Vec<String>,
    rule: String,
    /// Before the meeting: the warning, if any.
    warning: Option<String>,
    /// After attendance: met or not, with what was short.
    outcome: Option<(bool, String)>,
    counts: Vec<(String, u32)>,
    others: i64,
    agenda: Vec<AgendaRow>,
    people: Vec<PersonRow>,
    no_reply: Vec<PersonRow>,
    first_timers: Vec<String>,
    minutes: Local,
    decisions: Vec<Local>,
    actions: Vec<ActionLine>,
    owners: Vec<Choice>,
    presences: Vec<Choice>,
    can_run: bool,
    started: bool,
    cancelled: bool,
    form: FormState,
    /// People who attended, for starting an involvement claim from their attendance.
    attendees: Vec<(i64, String)>,
    can_claim: bool,
}

async fn meeting_view(st: &AppState, s: &Signed, id: i64, mut form: FormState) -> WebResult {
    let t = s.ctx.t();
    let v: MeetingView = cairn_app::meetings::meeting(&st.app, s.actor(), id).await?;
    let tz = tz_of(st, s).await?;
    let m = &v.meeting;
    // The minutes' boxes start from what is kept, unless they are being shown with a mistake.
    if form.error("minutes").is_none() && form.error("minutes_cy").is_none() {
        form.set("minutes", m.minutes.clone().unwrap_or_default())
            .set("minutes_cy", m.minutes_cy.clone().unwrap_or_default());
    }
    let rule = cairn_app::meetings::rule_of(m, &v.group);
    let person_row = |p: &cairn_db::meetings::MeetingPerson| PersonRow {
        id: p.person_id,
        name: p.chosen_name.clone(),
        constituency: t.get(&p.constituency.label_id()),
        reply: p
            .reply
            .as_deref()
            .and_then(Reply::parse)
            .map(|r| t.get(&r.label_id()))
            .unwrap_or_else(|| t.get("meetings-reply-none")),
        by: p.replied_by_label.clone().unwrap_or_default(),
        presence: p.presence.clone().unwrap_or_default(),
        first_time: v.first_timers.contains(&p.person_id),
    };
    let people: Vec<PersonRow> = v.people.iter().map(person_row).collect();
    let no_reply: Vec<PersonRow> = v
        .no_reply
        .iter()
        .map(|mem| PersonRow {
            id: mem.person_id,
            name: mem.chosen_name.clone(),
            constituency: t.get(&mem.constituency.label_id()),
            reply: t.get("meetings-reply-none"),
            by: String::new(),
            presence: String::new(),
            first_time: false,
        })
        .collect();
    let first_timers = people
        .iter()
        .filter(|p| p.first_time)
        .map(|p| p.name.clone())
        .collect();
    let warning = (v.actual.is_none() && !v.expected.met && m.cancelled_at.is_none()).then(|| {
        t.with(
            "meetings-warning",
            &[("short", short_words(&t, &v.expected.short))],
        )
    });
    let outcome = v
        .actual
        .as_ref()
        .map(|e| (e.met, short_words(&t, &e.short)));
    let counts = Constituency::ALL
        .iter()
        .map(|c| (t.get(&c.label_id()), m.counts().get(*c)))
        .collect();
    let agenda = v
        .agenda
        .iter()
        .map(|a| AgendaRow {
            title: match a.standing.as_deref().and_then(StandingItem::parse) {
                Some(si) => Local {
                    text: t.get(&si.label_id()),
                    lang: t.code(),
                    note: None,
                },
                None => local_of(&t, a.title.as_deref(), a.title_cy.as_deref()),
            },
            suggestion: a.suggestion_id.map(|sid| {
                (
                    sid,
                    local_of(
                        &t,
                        a.suggestion_text.as_deref(),
                        a.suggestion_text_cy.as_deref(),
                    ),
                )
            }),
            decision: a
                .forum_decision
                .as_deref()
                .and_then(cairn_domain::feedback::ForumDecision::parse)
                .map(|d| t.get(&d.label_id())),
            standing: a.standing.is_some(),
        })
        .collect();
    let mut owners: Vec<Choice> = v
        .people
        .iter()
        .map(|p| Choice {
            value: p.person_id.to_string(),
            label: p.chosen_name.clone(),
        })
        .chain(v.no_reply.iter().map(|p| Choice {
            value: p.person_id.to_string(),
            label: p.chosen_name.clone(),
        }))
        .collect();
    owners.sort_by(|a, b| a.label.cmp(&b.label));
    crate::views::sort_by_name(&t, &mut owners, |c| &c.label);
    let actions = v
        .actions
        .iter()
        .map(|a| {
            let text = action_text(&t, a);
            ActionLine {
                id: a.id,
                done: around(&t, "meetings-mark-done", "action", &text),
                text,
                owner: a.owner_name.clone(),
                due: parse_iso_date(&a.due_on)
                    .map(|d| format_date(d, t.lang))
                    .unwrap_or_default(),
                status: ActionStatus::parse(&a.status)
                    .map(|s| t.get(&s.label_id()))
                    .unwrap_or_default(),
                open: a.status == ActionStatus::Open.key(),
            }
        })
        .collect();
    let presences = Presence::ALL
        .iter()
        .map(|p| Choice {
            value: p.key().into(),
            label: t.get(&p.label_id()),
        })
        .collect();
    let title = format!("{} – {}", group_name(&v.group, t.lang), when(&t, m, &tz));
    let chrome = Chrome::signed(s, title, organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &MeetingPage {
            id,
            group_id: v.group.id,
            group: group_name(&v.group, t.lang).to_owned(),
            when: when(&t, m, &tz),
            place: local_of(&t, m.place.as_deref(), m.place_cy.as_deref()),
            online_link: m.online_link.clone().unwrap_or_default(),
            arrangements: arrangement_words(&t, m),
            rule: rule_words(&t, &rule),
            warning,
            outcome,
            counts,
            others: m.others_count,
            agenda,
            people,
            no_reply,
            first_timers,
            minutes: local_of(&t, m.minutes.as_deref(), m.minutes_cy.as_deref()),
            decisions: v
                .decisions
                .iter()
                .map(|d| local_of(&t, Some(&d.text), d.text_cy.as_deref()))
                .collect(),
            actions,
            owners,
            presences,
            can_run: v.can_run,
            started: v.started,
            cancelled: m.cancelled_at.is_some(),
            attendees: v
                .people
                .iter()
                .filter(|p| p.presence.as_deref() == Some(Presence::Attended.key()))
                .map(|p| (p.person_id, p.chosen_name.clone()))
                .collect(),
            can_claim: s.actor().can(Permission::ManageClaims),
            chrome,
            t,
            form,
        },
    )
}

async fn meeting_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    meeting_view(&st, &s, id, FormState::new()).await
}

/// After a post on a meeting: back to it, or the page again with the message beside the field.
async fn after<T>(
    st: &AppState,
    s: &Signed,
    id: i64,
    r: Result<T, AppError>,
    anchor: &str,
    typed: &[(&str, String)],
) -> WebResult {
    match r {
        Ok(_) => see_other(&format!("/meetings/{id}#{anchor}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            for (k, v) in typed {
                form.set(k, v.clone());
            }
            form.add_errors(&s.ctx.t(), &errs);
            meeting_view(st, s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct ReplyIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    reply: String,
    #[serde(default)]
    back: String,
}

async fn reply(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ReplyIn>,
) -> WebResult {
    let person = f.person_id.trim().parse::<i64>().ok();
    let r = cairn_app::meetings::reply(&st.app, s.actor(), id, person, &f.reply).await;
    if f.back == "member" {
        r?;
        return see_other(&format!("/my-meetings/{id}"));
    }
    if f.back == "mine" || !s.actor().can(Permission::ViewMeetings) {
        r?;
        return see_other(&format!("/my-meetings#meeting-{id}"));
    }
    after(&st, &s, id, r, "replies", &[]).await
}

async fn attendance(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> WebResult {
    let mut raw = Vec::new();
    let mut others = String::new();
    for (k, v) in &pairs {
        if let Some(p) = k.strip_prefix("presence_")
            && let Ok(pid) = p.parse::<i64>()
            && !v.is_empty()
        {
            raw.push((pid, v.clone()));
        } else if k == "others_count" {
            others = v.clone();
        }
    }
    let lines = match cairn_app::meetings::read_lines(&raw) {
        Ok(l) => l,
        Err(e) => return after::<()>(&st, &s, id, Err(AppError::Invalid(e)), "", &[]).await,
    };
    let others_n = if others.trim().is_empty() {
        Ok(0)
    } else {
        others.trim().parse::<i64>()
    };
    let r = match others_n {
        Ok(n) => cairn_app::meetings::record_attendance(&st.app, s.actor(), id, &lines, n)
            .await
            .map(|_| ()),
        Err(_) => {
            let mut e = cairn_domain::FieldErrors::new();
            e.add("others_count", "meetings-error-others");
            Err(AppError::Invalid(e))
        }
    };
    after(&st, &s, id, r, "attendance", &[("others_count", others)]).await
}

#[derive(Deserialize, Default)]
struct ItemIn {
    #[serde(default)]
    title: String,
    #[serde(default)]
    title_cy: String,
    #[serde(default)]
    suggestion_id: String,
}

async fn add_item(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ItemIn>,
) -> WebResult {
    let sid = f.suggestion_id.trim();
    let suggestion = if sid.is_empty() {
        Ok(None)
    } else {
        sid.parse::<i64>().map(Some)
    };
    let r = match suggestion {
        Ok(sug) => {
            let title = Bilingual::new(Some(&f.title), Some(&f.title_cy));
            cairn_app::meetings::add_agenda_item(&st.app, s.actor(), id, title, sug).await
        }
        Err(_) => {
            let mut e = cairn_domain::FieldErrors::new();
            e.add("suggestion_id", "meetings-error-suggestion");
            Err(AppError::Invalid(e))
        }
    };
    after(
        &st,
        &s,
        id,
        r,
        "agenda",
        &[
            ("title", f.title),
            ("title_cy", f.title_cy),
            ("suggestion_id", f.suggestion_id),
        ],
    )
    .await
}

#[derive(Deserialize, Default)]
struct MinutesIn {
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    minutes_cy: String,
}

async fn minutes(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<MinutesIn>,
) -> WebResult {
    let text = Bilingual::new(Some(&f.minutes), Some(&f.minutes_cy));
    let r = cairn_app::meetings::set_minutes(&st.app, s.actor(), id, text).await;
    after(
        &st,
        &s,
        id,
        r,
        "minutes",
        &[("minutes", f.minutes), ("minutes_cy", f.minutes_cy)],
    )
    .await
}

#[derive(Deserialize, Default)]
struct DecisionIn {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    decision_cy: String,
}

async fn add_decision(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<DecisionIn>,
) -> WebResult {
    let text = Bilingual::new(Some(&f.decision), Some(&f.decision_cy));
    let r = cairn_app::meetings::add_decision(&st.app, s.actor(), id, text).await;
    after(
        &st,
        &s,
        id,
        r,
        "decisions",
        &[("decision", f.decision), ("decision_cy", f.decision_cy)],
    )
    .await
}

#[derive(Deserialize, Default)]
struct ActionIn {
    #[serde(default)]
    action: String,
    #[serde(default)]
    action_cy: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due_day: String,
    #[serde(default)]
    due_month: String,
    #[serde(default)]
    due_year: String,
}

async fn add_action(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ActionIn>,
) -> WebResult {
    let due = DateParts {
        day: f.due_day.clone(),
        month: f.due_month.clone(),
        year: f.due_year.clone(),
    };
    let owner = f.owner.trim().parse::<i64>().ok();
    let text = Bilingual::new(Some(&f.action), Some(&f.action_cy));
    let r = cairn_app::meetings::add_action(&st.app, s.actor(), id, text, owner, &due).await;
    match r {
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("action", f.action)
                .set("action_cy", f.action_cy)
                .set("owner", f.owner)
                .set_date("due", &due);
            form.add_errors(&s.ctx.t(), &errs);
            meeting_view(&st, &s, id, form).await
        }
        other => after(&st, &s, id, other, "actions", &[]).await,
    }
}

#[derive(Deserialize, Default)]
struct ActionStatusIn {
    #[serde(default)]
    status: String,
    #[serde(default)]
    back: String,
}

async fn action_status(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ActionStatusIn>,
) -> WebResult {
    let meeting = cairn_app::meetings::set_action_status(&st.app, s.actor(), id, &f.status).await?;
    let to = match f.back.as_str() {
        "home" => "/meetings".to_owned(),
        "mine" => "/my-meetings".to_owned(),
        "member" => format!("/my-meetings/{meeting}#my-actions"),
        _ => format!("/meetings/{meeting}#actions"),
    };
    see_other(&to)
}

async fn email_invites(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::meetings::email_invites(&st.app, s.actor(), id, &st.config.base_url).await;
    after(&st, &s, id, r, "invite", &[]).await
}

async fn cancel(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<serde::de::IgnoredAny>,
) -> WebResult {
    let r = cairn_app::meetings::cancel(&st.app, s.actor(), id).await;
    after(&st, &s, id, r, "invite", &[]).await
}

async fn invite_ics(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let text = cairn_app::meetings::invite(&st.app, s.actor(), id, s.ctx.lang, &st.config.base_url)
        .await?;
    Ok(ics_response(id, text))
}

/// An `.ics` download: always an attachment, never shown inline.
pub(crate) fn ics_response(id: i64, text: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"meeting-{id}.ics\""),
            ),
        ],
        text,
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "meetings/name_cards.html")]
struct NameCardsPage {
    t: Tr,
    title: String,
    /// The meeting, named in the window's title: its group and time.
    about: String,
    /// The group's name on the cards: Welsh first, then English when they differ (a printed
    /// bilingual document puts the Welsh first).
    group: Vec<(String, &'static str)>,
    names: Vec<String>,
    back: String,
}

async fn name_cards(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let (g, names, m) = cairn_app::meetings::name_cards(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    html(&NameCardsPage {
        about: format!("{} – {}", group_name(&g, t.lang), when(&t, &m, &tz)),
        title: t.get("meetings-name-cards"),
        group: if g.name_cy.trim().is_empty() || g.name_cy == g.name_en {
            vec![(g.name_en.clone(), "en")]
        } else {
            vec![(g.name_cy.clone(), "cy"), (g.name_en.clone(), "en")]
        },
        names,
        back: format!("/meetings/{id}"),
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Representation figures
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default, Clone)]
struct ReportQuery {
    group_id: Option<String>,
    unit_id: Option<String>,
    period: Option<String>,
    months: Option<String>,
}

impl ReportQuery {
    fn months(&self) -> i64 {
        self.months
            .as_deref()
            .and_then(|m| m.parse::<i64>().ok())
            .filter(|m| [3, 6, 12, 24].contains(m))
            .unwrap_or(12)
    }

    fn period(&self) -> Period {
        if self.period.as_deref() == Some("quarter") {
            Period::Quarter
        } else {
            Period::Month
        }
    }

    fn id(v: &Option<String>) -> Option<i64> {
        v.as_deref().and_then(|x| x.trim().parse().ok())
    }

    fn query(&self, today: jiff::civil::Date) -> RepresentationQuery {
        let first = today
            .first_of_month()
            .checked_sub(jiff::Span::new().months(self.months() - 1))
            .unwrap_or(today);
        RepresentationQuery {
            group_id: Self::id(&self.group_id),
            unit_id: Self::id(&self.unit_id),
            from_month: Some(cairn_domain::meetings::month_key(first)),
            to_month: Some(cairn_domain::meetings::month_key(today)),
            within_units: None,
        }
    }

    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("group_id", &self.group_id),
            ("unit_id", &self.unit_id),
            ("period", &self.period),
            ("months", &self.months),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!(
                    "{k}={}",
                    url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                ));
            }
        }
        parts.join("&")
    }
}

struct ReportRow {
    label: String,
    line: ReportLine,
    /// The attendance figures as shown: a number, or "fewer than N" where it is hidden.
    service_user: String,
    carer: String,
    staff: String,
    third_sector: String,
    manager: String,
    others: String,
    carer_percent: String,
}

impl ReportRow {
    fn new(t: &Tr, label: String, line: &ReportLine, hidden_below: Option<i64>) -> Self {
        let shown = |v: Option<i64>| match v {
            Some(n) => n.to_string(),
            None => t.with(
                "reports-hidden-count",
                &[("count", hidden_below.unwrap_or(5).to_string())],
            ),
        };
        ReportRow {
            label,
            service_user: shown(line.service_user),
            carer: shown(line.carer),
            staff: shown(line.staff),
            third_sector: shown(line.third_sector),
            manager: shown(line.manager),
            others: shown(line.others),
            carer_percent: match line.carer_percent {
                Some(p) => format!("{p}%"),
                None => t.get("meetings-report-share-hidden"),
            },
            line: line.clone(),
        }
    }
}

/// The report's one-line headline (and the chart's summary): the carers' share is left out
/// when the carers' count is hidden.
fn report_headline(t: &Tr, total: &ReportLine, id: &str) -> String {
    match total.carer_percent {
        Some(p) => t.with(
            id,
            &[
                ("meetings", total.meetings.to_string()),
                ("percent", total.met_percent.to_string()),
                ("carers", p.to_string()),
            ],
        ),
        None => t.with(
            "meetings-report-headline-no-carers",
            &[
                ("meetings", total.meetings.to_string()),
                ("percent", total.met_percent.to_string()),
            ],
        ),
    }
}

#[derive(Template)]
#[template(path = "meetings/representation.html")]
struct ReportPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    groups: Vec<Choice>,
    units: Vec<Choice>,
    periods: Vec<Choice>,
    spans: Vec<Choice>,
    chart: String,
    by_period: Vec<ReportRow>,
    by_group: Vec<ReportRow>,
    by_unit: Vec<ReportRow>,
    total: ReportLine,
    headline: String,
    hidden_below: Option<i64>,
    csv_href: String,
}

async fn report_data(
    st: &AppState,
    s: &Signed,
    q: &ReportQuery,
) -> WebResult<(Report, Vec<Group>, Vec<(i64, String)>)> {
    let tz = tz_of(st, s).await?;
    let today = cairn_domain::time::local_date(st.app.now(), &tz);
    let report =
        cairn_app::meetings::representation(&st.app, s.actor(), q.query(today), q.period()).await?;
    let groups = if s.actor().can(Permission::ViewMeetings) {
        cairn_app::meetings::groups(&st.app, s.actor()).await?
    } else {
        Vec::new()
    };
    Ok((report, groups, unit_names(st, s).await?))
}

fn label_rows(
    t: &Tr,
    report: &Report,
    lines: &[ReportLine],
    (groups, units): (&[Group], &[(i64, String)]),
    kind: &str,
) -> Vec<ReportRow> {
    lines
        .iter()
        .map(|l| {
            let label = match kind {
                "group" => l
                    .key
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| groups.iter().find(|g| g.id == id))
                    .map(|g| group_name(g, t.lang).to_owned())
                    .unwrap_or_else(|| t.with("meetings-group-number", &[("id", l.key.clone())])),
                "unit" => unit_label(t, units, l.key.parse::<i64>().ok()),
                _ => l.key.clone(),
            };
            ReportRow::new(t, label, l, report.hidden_below)
        })
        .collect()
}

async fn representation(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ReportQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let (report, groups, units) = report_data(&st, &s, &q).await?;
    let bars: Vec<Bar> = report
        .by_period
        .iter()
        .map(|l| Bar {
            label: l.key.clone(),
            segments: vec![
                (l.met, "#007f3b", "#ffffff"),
                (l.meetings - l.met, "#d5281b", "#ffffff"),
            ],
        })
        .collect();
    let chart = stacked_bars(
        "representation-chart",
        &t.get("meetings-report-chart-title"),
        &report_headline(&t, &report.total, "meetings-report-chart-summary"),
        &bars,
        &[
            (t.get("meetings-rule-met"), "#007f3b"),
            (t.get("meetings-rule-not-met"), "#d5281b"),
        ],
    );
    let mut form = FormState::new();
    form.set("group_id", q.group_id.clone().unwrap_or_default())
        .set("unit_id", q.unit_id.clone().unwrap_or_default())
        .set(
            "period",
            if q.period() == Period::Quarter {
                "quarter"
            } else {
                "month"
            },
        )
        .set("months", q.months().to_string());
    let by_period = label_rows(&t, &report, &report.by_period, (&groups, &units), "period");
    let by_group = label_rows(&t, &report, &report.by_group, (&groups, &units), "group");
    let by_unit = label_rows(&t, &report, &report.by_unit, (&groups, &units), "unit");
    let chrome = Chrome::signed(
        &s,
        t.get("meetings-report-title"),
        organisation(&st, &s).await?,
    );
    let qs = q.query_string();
    html(&ReportPage {
        groups: groups
            .iter()
            .map(|g| Choice {
                value: g.id.to_string(),
                label: group_name(g, t.lang).to_owned(),
            })
            .collect(),
        units: units
            .iter()
            .filter(|(id, _)| s.actor().can_reach_unit(*id))
            .map(|(id, n)| Choice {
                value: id.to_string(),
                label: n.clone(),
            })
            .collect(),
        periods: vec![
            Choice {
                value: "month".into(),
                label: t.get("meetings-report-by-month"),
            },
            Choice {
                value: "quarter".into(),
                label: t.get("meetings-report-by-quarter"),
            },
        ],
        spans: [3, 6, 12, 24]
            .iter()
            .map(|m| Choice {
                value: m.to_string(),
                label: t.count("meetings-report-months", *m),
            })
            .collect(),
        chart,
        by_period,
        by_group,
        by_unit,
        headline: report_headline(&t, &report.total, "meetings-report-headline"),
        hidden_below: report.hidden_below,
        total: report.total,
        csv_href: if qs.is_empty() {
            "/meetings/representation.csv".into()
        } else {
            format!("/meetings/representation.csv?{qs}")
        },
        chrome,
        t,
        form,
    })
}

async fn representation_csv(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ReportQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let (report, groups, units) = report_data(&st, &s, &q).await?;
    let mut header = vec![
        t.get("meetings-col-breakdown"),
        t.get("meetings-col-row"),
        t.get("meetings-col-meetings"),
        t.get("meetings-col-met"),
        t.get("meetings-col-met-percent"),
    ];
    header.extend(Constituency::ALL.iter().map(|c| t.get(&c.label_id())));
    header.push(t.get("meetings-col-others"));
    header.push(t.get("meetings-col-carer-percent"));
    let mut rows = vec![header];
    let period_label = if q.period() == Period::Quarter {
        t.get("meetings-report-by-quarter")
    } else {
        t.get("meetings-report-by-month")
    };
    let sections = [
        (
            period_label,
            label_rows(&t, &report, &report.by_period, (&groups, &units), "period"),
        ),
        (
            t.get("meetings-report-by-group"),
            label_rows(&t, &report, &report.by_group, (&groups, &units), "group"),
        ),
        (
            t.get("meetings-report-by-unit"),
            label_rows(&t, &report, &report.by_unit, (&groups, &units), "unit"),
        ),
        (
            t.get("meetings-report-total"),
            vec![ReportRow::new(
                &t,
                t.get("meetings-report-total"),
                &report.total,
                report.hidden_below,
            )],
        ),
    ];
    for (section, list) in sections {
        for r in list {
            let l = &r.line;
            rows.push(vec![
                section.clone(),
                r.label,
                l.meetings.to_string(),
                l.met.to_string(),
                l.met_percent.to_string(),
                r.service_user,
                r.carer,
                r.staff,
                r.third_sector,
                r.manager,
                r.others,
                r.line
                    .carer_percent
                    .map(|p| p.to_string())
                    .unwrap_or(r.carer_percent),
            ]);
        }
    }
    Ok(crate::csv_export::download("representation.csv", &rows))
}

// ---------------------------------------------------------------------------------------------
// A member's own meetings
// ---------------------------------------------------------------------------------------------

struct MyRow {
    id: i64,
    group: String,
    when: String,
    place: Local,
    online_link: String,
    arrangements: Vec<String>,
    reply: Option<String>,
}

/// A meeting already held, listed for reading back.
struct EarlierRow {
    id: i64,
    group: String,
    when: String,
    cancelled: bool,
    has_minutes: bool,
}

#[derive(Template)]
#[template(path = "meetings/mine.html")]
struct MinePage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<MyRow>,
    earlier: Vec<EarlierRow>,
    actions: Vec<MyAction>,
}

/// One of the member's own overdue actions.
struct MyAction {
    id: i64,
    text: Local,
    due: String,
    done: Around,
}

async fn my_meetings(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::meetings::my_meetings(&st.app, s.actor()).await?;
    let overdue = cairn_app::meetings::overdue(&st.app, s.actor()).await?;
    let held = cairn_app::meetings::my_earlier_meetings(&st.app, s.actor()).await?;
    let tz = tz_of(&st, &s).await?;
    let earlier = held
        .iter()
        .map(|(m, g)| EarlierRow {
            id: m.id,
            group: group_name(g, t.lang).to_owned(),
            when: when(&t, m, &tz),
            cancelled: m.cancelled_at.is_some(),
            has_minutes: m.minutes.is_some() || m.minutes_cy.is_some(),
        })
        .collect();
    let rows = list
        .iter()
        .map(|l| MyRow {
            id: l.meeting.id,
            group: group_name(&l.group, t.lang).to_owned(),
            when: when(&t, &l.meeting, &tz),
            place: local_of(
                &t,
                l.meeting.place.as_deref(),
                l.meeting.place_cy.as_deref(),
            ),
            online_link: l.meeting.online_link.clone().unwrap_or_default(),
            arrangements: arrangement_words(&t, &l.meeting),
            reply: l
                .my_reply
                .as_deref()
                .and_then(Reply::parse)
                .map(|r| t.get(&r.label_id())),
        })
        .collect();
    let actions = overdue
        .mine
        .iter()
        .map(|a| {
            let text = action_text(&t, a);
            MyAction {
                id: a.id,
                done: around(&t, "meetings-mark-done", "action", &text),
                text,
                due: parse_iso_date(&a.due_on)
                    .map(|d| format_date(d, t.lang))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.get("meetings-mine-title"),
        organisation(&st, &s).await?,
    );
    html(&MinePage {
        chrome,
        t,
        rows,
        earlier,
        actions,
    })
}

/// One agenda item as a member reads it: its title, and whether it is a standing item.
struct MemberAgendaRow {
    title: Local,
    standing: bool,
}

/// One of the member's own actions from the meeting.
struct MemberActionRow {
    id: i64,
    text: Local,
    due: String,
    status: String,
    open: bool,
    done: Around,
}

#[derive(Template)]
#[template(path = "meetings/member_meeting.html")]
struct MemberMeetingPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    group: String,
    when: String,
    place: Local,
    online_link: String,
    arrangements: Vec<String>,
    cancelled: bool,
    started: bool,
    /// The member's reply, in words, before the meeting.
    reply: Option<String>,
    /// The member's attendance, in words, once recorded.
    presence: Option<String>,
    agenda: Vec<MemberAgendaRow>,
    minutes: Local,
    decisions: Vec<Local>,
    actions: Vec<MemberActionRow>,
}

/// A member's own meeting: when and where, the agenda, the minutes and decisions once written,
/// and their own actions; nothing about anyone else.
async fn member_meeting(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::meetings::member_meeting(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    let m = &v.meeting;
    let agenda = v
        .agenda
        .iter()
        .map(|a| MemberAgendaRow {
            title: match a.standing.as_deref().and_then(StandingItem::parse) {
                Some(si) => Local {
                    text: t.get(&si.label_id()),
                    lang: t.code(),
                    note: None,
                },
                None => local_of(&t, a.title.as_deref(), a.title_cy.as_deref()),
            },
            standing: a.standing.is_some(),
        })
        .collect();
    let actions = v
        .my_actions
        .iter()
        .map(|a| {
            let text = action_text(&t, a);
            MemberActionRow {
                id: a.id,
                done: around(&t, "meetings-mark-done", "action", &text),
                text,
                due: parse_iso_date(&a.due_on)
                    .map(|d| format_date(d, t.lang))
                    .unwrap_or_default(),
                status: ActionStatus::parse(&a.status)
                    .map(|s| t.get(&s.label_id()))
                    .unwrap_or_default(),
                open: a.status == ActionStatus::Open.key(),
            }
        })
        .collect();
    let title = format!("{} – {}", group_name(&v.group, t.lang), when(&t, m, &tz));
    let chrome = Chrome::signed(&s, title, organisation(&st, &s).await?);
    html(&MemberMeetingPage {
        id,
        group: group_name(&v.group, t.lang).to_owned(),
        when: when(&t, m, &tz),
        place: place_of(&t, m),
        online_link: m.online_link.clone().unwrap_or_default(),
        arrangements: arrangement_words(&t, m),
        cancelled: m.cancelled_at.is_some(),
        started: v.started,
        reply: v
            .my_reply
            .as_deref()
            .and_then(Reply::parse)
            .map(|r| t.get(&r.label_id())),
        presence: v
            .my_presence
            .as_deref()
            .and_then(Presence::parse)
            .map(|p| t.get(&p.label_id())),
        agenda,
        minutes: local_of(&t, m.minutes.as_deref(), m.minutes_cy.as_deref()),
        decisions: v
            .decisions
            .iter()
            .map(|d| local_of(&t, Some(&d.text), d.text_cy.as_deref()))
            .collect(),
        actions,
        chrome,
        t,
    })
}
