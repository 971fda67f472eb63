//! Buddy pages (L1.08): the staff list of newcomers still without a buddy (per unit, overdue
//! after fourteen days, with "Find a buddy") and current pairings, with a unit filter that stays
//! in the URL; pairing a newcomer with a buddy; one pairing with its check-ins and its end; a
//! member's own plain "My buddy" page; and the short "Newcomers" note on the people list.

use crate::context::{Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, html, html_status, organisation, see_other, unit_names,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::people::buddies::{MyPairing, PairingView, WaitingNewcomer};
use cairn_db::people::buddies::Checkin;
use cairn_domain::Permission;
use cairn_domain::people::{CheckinDraft, EndDraft, PairingDraft};
use cairn_domain::time::{DateParts, format_date, parse_iso_date};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/buddies", list)
        .get("/buddies/new", new_form)
        .post("/buddies/new", create)
        .get("/buddies/{id}", show)
        .post("/buddies/{id}/checkins", add_checkin)
        .post("/buddies/{id}/end", end)
        .get("/my-buddy", mine)
}

fn status_of(form: &FormState) -> StatusCode {
    if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

fn show_date(t: &Tr, iso: &str) -> String {
    parse_iso_date(iso)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default()
}

/// Names as choices, in the reader's alphabetical order.
fn choices_of(t: &Tr, list: &[(i64, String)]) -> Vec<Choice> {
    let mut choices: Vec<Choice> = list
        .iter()
        .map(|(id, n)| Choice {
            value: id.to_string(),
            label: n.clone(),
        })
        .collect();
    crate::views::sort_by_name(t, &mut choices, |c| &c.label);
    choices
}

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

struct WaitingRow {
    id: i64,
    name: String,
    who: String,
    joined: String,
    due: String,
    overdue: bool,
}

struct UnitGroup {
    unit: String,
    rows: Vec<WaitingRow>,
}

struct PairingRow {
    id: i64,
    newcomer: String,
    buddy: String,
    since: String,
}

#[derive(Template)]
#[template(path = "buddies/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    summary: String,
    overdue: Option<String>,
    groups: Vec<UnitGroup>,
    pairings: Vec<PairingRow>,
    filters: FormState,
    units: Vec<Choice>,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    unit_id: Option<String>,
}

fn waiting_row(t: &Tr, w: &WaitingNewcomer) -> WaitingRow {
    WaitingRow {
        id: w.person_id,
        name: w.chosen_name.clone(),
        who: t.get(&w.constituency.label_id()),
        joined: format_date(w.joined_on, t.lang),
        due: format_date(w.due_on, t.lang),
        overdue: w.overdue,
    }
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
    let t = s.ctx.t();
    let unit_id = q.unit_id.as_deref().and_then(|u| u.parse::<i64>().ok());
    let o = cairn_app::people::buddies::overview(&st.app, s.actor(), unit_id).await?;
    let units = unit_names(&st, &s).await?;
    // One group per unit (a newcomer on two units is listed under both), then those on none.
    let mut groups: Vec<UnitGroup> = units
        .iter()
        .filter(|(id, _)| unit_id.is_none_or(|u| u == *id))
        .map(|(id, name)| UnitGroup {
            unit: name.clone(),
            rows: o
                .waiting
                .iter()
                .filter(|w| w.unit_ids.contains(id))
                .map(|w| waiting_row(&t, w))
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    let loose: Vec<WaitingRow> = o
        .waiting
        .iter()
        .filter(|w| {
            !w.unit_ids
                .iter()
                .any(|u| units.iter().any(|(id, _)| id == u))
        })
        .map(|w| waiting_row(&t, w))
        .collect();
    if !loose.is_empty() {
        groups.push(UnitGroup {
            unit: t.get("buddies-no-unit"),
            rows: loose,
        });
    }
    let overdue = o.waiting.iter().filter(|w| w.overdue).count();
    let summary = t.count(
        "buddies-note-waiting",
        i64::try_from(o.waiting.len()).unwrap_or(i64::MAX),
    );
    let overdue =
        (overdue > 0).then(|| t.count("buddies-note-overdue", i64::try_from(overdue).unwrap_or(0)));
    let pairings = o
        .pairings
        .iter()
        .map(|p| PairingRow {
            id: p.id,
            newcomer: p.newcomer_name.clone(),
            buddy: p.buddy_name.clone(),
            since: show_date(&t, &p.starts_on),
        })
        .collect();
    let mut filters = FormState::new();
    filters.set("unit_id", q.unit_id.unwrap_or_default());
    let chrome = Chrome::signed(&s, t.get("buddies-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        summary,
        overdue,
        groups,
        pairings,
        filters,
        units: choices_of(&t, &units),
        can_manage: s.actor().can(Permission::ManagePeople),
    })
}

// ---------------------------------------------------------------------------------------------
// Pairing a newcomer with a buddy
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "buddies/form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    newcomers: Vec<Choice>,
    buddies: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct NewQuery {
    newcomer: Option<String>,
}

#[derive(Deserialize, Default)]
struct PairingIn {
    #[serde(default)]
    newcomer_id: String,
    #[serde(default)]
    buddy_id: String,
    #[serde(default)]
    starts_on_day: String,
    #[serde(default)]
    starts_on_month: String,
    #[serde(default)]
    starts_on_year: String,
}

impl PairingIn {
    fn draft(&self) -> PairingDraft {
        PairingDraft {
            newcomer_id: self.newcomer_id.clone(),
            buddy_id: self.buddy_id.clone(),
            starts_on: DateParts {
                day: self.starts_on_day.clone(),
                month: self.starts_on_month.clone(),
                year: self.starts_on_year.clone(),
            },
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("newcomer_id", self.newcomer_id.clone())
            .set("buddy_id", self.buddy_id.clone())
            .set_date("starts_on", &self.draft().starts_on);
        f
    }
}

async fn form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let c = cairn_app::people::buddies::choices(&st.app, s.actor()).await?;
    let chrome = Chrome::signed(s, t.get("buddies-new-title"), organisation(st, s).await?)
        .with_errors(&form);
    html_status(
        status_of(&form),
        &FormPage {
            chrome,
            t,
            newcomers: choices_of(&t, &c.newcomers),
            buddies: choices_of(&t, &c.buddies),
            form,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed, Query(q): Query<NewQuery>) -> WebResult {
    let today = cairn_app::people::buddies::choices(&st.app, s.actor())
        .await?
        .today;
    let mut form = FormState::new();
    form.set(
        "newcomer_id",
        q.newcomer
            .filter(|n| n.parse::<i64>().is_ok())
            .unwrap_or_default(),
    )
    .set_date("starts_on", &DateParts::from_date(Some(today)));
    form_page(&st, &s, form).await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<PairingIn>) -> WebResult {
    match cairn_app::people::buddies::pair(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/buddies/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// One pairing
// ---------------------------------------------------------------------------------------------

struct CheckinRow {
    date: String,
    note: String,
    by: String,
}

fn checkin_rows(t: &Tr, list: &[Checkin]) -> Vec<CheckinRow> {
    list.iter()
        .map(|c| CheckinRow {
            date: show_date(t, &c.held_on),
            note: c.note.clone().unwrap_or_default(),
            by: c.recorded_by_label.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "buddies/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    heading: String,
    newcomer_id: i64,
    newcomer: String,
    buddy_id: i64,
    buddy: String,
    started: String,
    ended: Option<String>,
    recorded_by: String,
    checkins: Vec<CheckinRow>,
    can_manage: bool,
    form: FormState,
}

/// Which form on the pairing page was sent, so the other keeps its defaults.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent {
    Nothing,
    Checkin,
    End,
}

async fn show_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    mut form: FormState,
    sent: Sent,
) -> WebResult {
    let t = s.ctx.t();
    let v: PairingView = cairn_app::people::buddies::view(&st.app, s.actor(), id).await?;
    let today = DateParts::from_date(Some(v.today));
    if sent != Sent::Checkin {
        form.set_date("held_on", &today);
    }
    if sent != Sent::End {
        form.set_date("ends_on", &today);
    }
    let p = &v.pairing;
    let heading = t.with("buddies-show-title", &[("name", p.newcomer_name.clone())]);
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?).with_errors(&form);
    html_status(
        status_of(&form),
        &ShowPage {
            chrome,
            id,
            heading,
            newcomer_id: p.newcomer_id,
            newcomer: p.newcomer_name.clone(),
            buddy_id: p.buddy_id,
            buddy: p.buddy_name.clone(),
            started: show_date(&t, &p.starts_on),
            ended: p.ends_on.as_deref().map(|d| show_date(&t, d)),
            recorded_by: p.created_by_label.clone(),
            checkins: checkin_rows(&t, &v.checkins),
            can_manage: s.actor().can(Permission::ManagePeople),
            form,
            t,
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_page(&st, &s, id, FormState::new(), Sent::Nothing).await
}

#[derive(Deserialize, Default)]
struct CheckinIn {
    #[serde(default)]
    held_on_day: String,
    #[serde(default)]
    held_on_month: String,
    #[serde(default)]
    held_on_year: String,
    #[serde(default)]
    note: String,
}

async fn add_checkin(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CheckinIn>,
) -> WebResult {
    let draft = CheckinDraft {
        held_on: DateParts {
            day: f.held_on_day.clone(),
            month: f.held_on_month.clone(),
            year: f.held_on_year.clone(),
        },
        note: f.note.clone(),
    };
    match cairn_app::people::buddies::add_checkin(&st.app, s.actor(), id, &draft).await {
        Ok(_) => see_other(&format!("/buddies/{id}#checkins")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set_date("held_on", &draft.held_on).set("note", f.note);
            form.add_errors(&s.ctx.t(), &errs);
            show_page(&st, &s, id, form, Sent::Checkin).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct EndIn {
    #[serde(default)]
    ends_on_day: String,
    #[serde(default)]
    ends_on_month: String,
    #[serde(default)]
    ends_on_year: String,
}

async fn end(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<EndIn>,
) -> WebResult {
    let draft = EndDraft {
        ends_on: DateParts {
            day: f.ends_on_day,
            month: f.ends_on_month,
            year: f.ends_on_year,
        },
    };
    match cairn_app::people::buddies::end(&st.app, s.actor(), id, &draft).await {
        Ok(()) => see_other(&format!("/buddies/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set_date("ends_on", &draft.ends_on);
            form.add_errors(&s.ctx.t(), &errs);
            show_page(&st, &s, id, form, Sent::End).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// A member's own page
// ---------------------------------------------------------------------------------------------

struct MyCard {
    heading: String,
    since: String,
    checkins: Vec<CheckinRow>,
}

#[derive(Template)]
#[template(path = "buddies/mine.html")]
struct MinePage {
    chrome: Chrome,
    t: Tr,
    cards: Vec<MyCard>,
}

fn my_card(t: &Tr, m: &MyPairing) -> MyCard {
    let p = &m.pairing;
    MyCard {
        heading: if m.i_am_newcomer {
            t.with("buddies-mine-your-buddy", &[("name", p.buddy_name.clone())])
        } else {
            t.with(
                "buddies-mine-you-are-buddy",
                &[("name", p.newcomer_name.clone())],
            )
        },
        since: t.with(
            "buddies-mine-since",
            &[("date", show_date(t, &p.starts_on))],
        ),
        checkins: checkin_rows(t, &m.checkins),
    }
}

async fn mine(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::people::buddies::mine(&st.app, s.actor()).await?;
    let cards = list.iter().map(|m| my_card(&t, m)).collect();
    let chrome = Chrome::signed(
        &s,
        t.get("buddies-mine-title"),
        organisation(&st, &s).await?,
    );
    html(&MinePage { chrome, t, cards })
}

/// Whether the signed-in person is in a pairing now (for the "My buddy" link on the home page).
/// False for an account with no person record or organisation.
pub(crate) async fn has_my_buddy(st: &AppState, s: &Signed) -> WebResult<bool> {
    Ok(cairn_app::people::buddies::has_mine(&st.app, s.actor()).await?)
}

// ---------------------------------------------------------------------------------------------
// The note on the people list
// ---------------------------------------------------------------------------------------------

/// The "Newcomers" note at the top of the people list: how many newcomers have no buddy yet,
/// and links to the buddies and welcome-meeting pages.
pub(crate) struct NewcomersNote {
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) overdue: Option<String>,
    pub(crate) buddies_link: String,
    pub(crate) welcome_link: String,
}

/// The note for staff who see people; `None` for everyone else.
pub(crate) async fn newcomers_note(st: &AppState, s: &Signed) -> WebResult<Option<NewcomersNote>> {
    let t = s.ctx.t();
    let Some((count, overdue)) =
        cairn_app::people::buddies::waiting_count(&st.app, s.actor()).await?
    else {
        return Ok(None);
    };
    Ok(Some(NewcomersNote {
        title: t.get("buddies-note-title"),
        text: t.count("buddies-note-waiting", count),
        overdue: (overdue > 0).then(|| t.count("buddies-note-overdue", overdue)),
        buddies_link: t.get("buddies-note-buddies-link"),
        welcome_link: t.get("buddies-note-welcome-link"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_domain::people::Language;

    #[test]
    fn the_waiting_note_uses_every_welsh_plural_form() {
        let cy = Tr::new(Language::Cy);
        let got: Vec<String> = [0, 1, 2, 3, 6, 7]
            .iter()
            .map(|n| cy.count("buddies-note-waiting", *n))
            .collect();
        assert_eq!(
            got,
            vec![
                "Nid oes unrhyw newydd-ddyfodiaid yn aros am gyfaill.",
                "Mae 1 newydd-ddyfodiad heb gyfaill eto.",
                "Mae 2 newydd-ddyfodiad heb gyfaill eto.",
                "Mae 3 newydd-ddyfodiad heb gyfaill eto.",
                "Mae 6 newydd-ddyfodiad heb gyfaill eto.",
                "Mae 7 o newydd-ddyfodiaid heb gyfaill eto.",
            ]
        );
        let en = Tr::new(Language::En);
        assert_eq!(
            en.count("buddies-note-waiting", 0),
            "No newcomers are waiting for a buddy."
        );
        assert_eq!(
            en.count("buddies-note-waiting", 1),
            "1 newcomer has no buddy yet."
        );
        assert_eq!(
            en.count("buddies-note-waiting", 3),
            "3 newcomers have no buddy yet."
        );
    }

    #[test]
    fn dates_show_in_the_pages_language() {
        let d = jiff::civil::date(2026, 3, 29);
        assert_eq!(
            show_date(&Tr::new(Language::Cy), &d.to_string()),
            "29 Mawrth 2026"
        );
    }
}
