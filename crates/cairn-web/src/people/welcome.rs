//! Welcome-meeting pages (L1.09): arrivals on units (a date only — the pages say plainly that
//! no names are recorded), whether a welcome / family-liaison meeting was offered, accepted or
//! declined, and held, the share offered per unit over the last ninety days, logging an
//! arrival, and recording its meeting. The unit filter stays in the URL.

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
use cairn_db::people::welcome::Arrival;
use cairn_domain::people::{ArrivalDraft, WELCOME_WINDOW_DAYS};
use cairn_domain::time::{DateParts, format_date, parse_iso_date};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/welcome", list)
        .get("/welcome/new", new_form)
        .post("/welcome/new", create)
        .get("/welcome/{id}", show)
        .post("/welcome/{id}", update)
}

fn status_of(form: &FormState) -> StatusCode {
    if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

fn unit_label(units: &[(i64, String)], id: i64) -> String {
    units
        .iter()
        .find(|(u, _)| *u == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

fn choices_of(list: &[(i64, String)]) -> Vec<Choice> {
    list.iter()
        .map(|(id, n)| Choice {
            value: id.to_string(),
            label: n.clone(),
        })
        .collect()
}

fn show_date(t: &Tr, iso: Option<&str>) -> Option<String> {
    iso.and_then(parse_iso_date).map(|d| format_date(d, t.lang))
}

fn parts(day: &str, month: &str, year: &str) -> DateParts {
    DateParts {
        day: day.to_owned(),
        month: month.to_owned(),
        year: year.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

struct ArrivalRow {
    id: i64,
    unit: String,
    arrived: String,
    offered: String,
    answer: String,
    held: String,
}

struct ShareRow {
    unit: String,
    arrivals: i64,
    offered: i64,
    percent: String,
}

#[derive(Template)]
#[template(path = "welcome/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<ArrivalRow>,
    shares: Vec<ShareRow>,
    share_title: String,
    share_summary: String,
    filters: FormState,
    units: Vec<Choice>,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    unit_id: Option<String>,
}

fn answer(t: &Tr, a: &Arrival) -> String {
    if let Some(d) = show_date(t, a.accepted_on.as_deref()) {
        t.with("welcome-accepted-on", &[("date", d)])
    } else if let Some(d) = show_date(t, a.declined_on.as_deref()) {
        t.with("welcome-declined-on", &[("date", d)])
    } else if a.offered_on.is_some() {
        t.get("welcome-no-answer")
    } else {
        t.get("welcome-dash")
    }
}

fn arrival_row(t: &Tr, units: &[(i64, String)], a: &Arrival) -> ArrivalRow {
    ArrivalRow {
        id: a.id,
        unit: unit_label(units, a.unit_id),
        arrived: show_date(t, Some(&a.arrived_on)).unwrap_or_default(),
        offered: show_date(t, a.offered_on.as_deref())
            .unwrap_or_else(|| t.get("welcome-not-offered")),
        answer: answer(t, a),
        held: show_date(t, a.held_on.as_deref()).unwrap_or_else(|| t.get("welcome-dash")),
    }
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
    let t = s.ctx.t();
    let unit_id = q.unit_id.as_deref().and_then(|u| u.parse::<i64>().ok());
    let o = cairn_app::people::welcome::overview(&st.app, s.actor(), unit_id).await?;
    let units = unit_names(&st, &s).await?;
    let rows = o
        .arrivals
        .iter()
        .map(|a| arrival_row(&t, &units, a))
        .collect();
    let (arrivals, offered) = o
        .shares
        .iter()
        .fold((0, 0), |(a, b), x| (a + x.arrivals, b + x.offered));
    let shares = o
        .shares
        .iter()
        .map(|x| ShareRow {
            unit: unit_label(&units, x.unit_id),
            arrivals: x.arrivals,
            offered: x.offered,
            percent: t.with("welcome-percent", &[("percent", x.percent().to_string())]),
        })
        .collect();
    let share_title = t.with(
        "welcome-share-title",
        &[("days", WELCOME_WINDOW_DAYS.to_string())],
    );
    let share_summary = t.with(
        "welcome-share-summary",
        &[
            ("offered", offered.to_string()),
            ("arrivals", arrivals.to_string()),
            ("from", format_date(o.window_from, t.lang)),
            ("to", format_date(o.today, t.lang)),
        ],
    );
    let mut filters = FormState::new();
    filters.set("unit_id", q.unit_id.unwrap_or_default());
    let chrome = Chrome::signed(&s, t.get("welcome-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows,
        shares,
        share_title,
        share_summary,
        filters,
        units: choices_of(&units),
        can_manage: s.actor().can(cairn_domain::Permission::ManagePeople),
    })
}

// ---------------------------------------------------------------------------------------------
// Logging an arrival
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "welcome/form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    units: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct ArrivalIn {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    arrived_on_day: String,
    #[serde(default)]
    arrived_on_month: String,
    #[serde(default)]
    arrived_on_year: String,
    #[serde(default)]
    offered_on_day: String,
    #[serde(default)]
    offered_on_month: String,
    #[serde(default)]
    offered_on_year: String,
}

impl ArrivalIn {
    fn draft(&self) -> ArrivalDraft {
        ArrivalDraft {
            arrived_on: parts(
                &self.arrived_on_day,
                &self.arrived_on_month,
                &self.arrived_on_year,
            ),
            offered_on: parts(
                &self.offered_on_day,
                &self.offered_on_month,
                &self.offered_on_year,
            ),
            ..Default::default()
        }
    }

    fn form(&self) -> FormState {
        let d = self.draft();
        let mut f = FormState::new();
        f.set("unit_id", self.unit_id.clone())
            .set_date("arrived_on", &d.arrived_on)
            .set_date("offered_on", &d.offered_on);
        f
    }
}

async fn form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let units = unit_names(st, s).await?;
    let chrome = Chrome::signed(s, t.get("welcome-new-title"), organisation(st, s).await?)
        .with_errors(&form);
    html_status(
        status_of(&form),
        &FormPage {
            chrome,
            t,
            form,
            units: choices_of(&units),
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let today = cairn_app::people::welcome::today(&st.app, s.actor()).await?;
    let mut form = FormState::new();
    form.set_date("arrived_on", &DateParts::from_date(Some(today)));
    // With one unit to choose from, it is chosen already.
    let units = unit_names(&st, &s).await?;
    if let [(only, _)] = units.as_slice() {
        form.set("unit_id", only.to_string());
    }
    form_page(&st, &s, form).await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<ArrivalIn>) -> WebResult {
    let unit = f.unit_id.trim().parse::<i64>().ok();
    match cairn_app::people::welcome::create(&st.app, s.actor(), unit, &f.draft()).await {
        Ok(_) => see_other("/welcome"),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Recording the meeting
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "welcome/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    heading: String,
    unit: String,
    form: FormState,
}

#[derive(Deserialize, Default)]
struct MeetingIn {
    #[serde(default)]
    offered_on_day: String,
    #[serde(default)]
    offered_on_month: String,
    #[serde(default)]
    offered_on_year: String,
    #[serde(default)]
    accepted_on_day: String,
    #[serde(default)]
    accepted_on_month: String,
    #[serde(default)]
    accepted_on_year: String,
    #[serde(default)]
    declined_on_day: String,
    #[serde(default)]
    declined_on_month: String,
    #[serde(default)]
    declined_on_year: String,
    #[serde(default)]
    held_on_day: String,
    #[serde(default)]
    held_on_month: String,
    #[serde(default)]
    held_on_year: String,
}

impl MeetingIn {
    fn draft(&self) -> ArrivalDraft {
        ArrivalDraft {
            arrived_on: DateParts::default(),
            offered_on: parts(
                &self.offered_on_day,
                &self.offered_on_month,
                &self.offered_on_year,
            ),
            accepted_on: parts(
                &self.accepted_on_day,
                &self.accepted_on_month,
                &self.accepted_on_year,
            ),
            declined_on: parts(
                &self.declined_on_day,
                &self.declined_on_month,
                &self.declined_on_year,
            ),
            held_on: parts(&self.held_on_day, &self.held_on_month, &self.held_on_year),
        }
    }
}

fn meeting_form(d: &ArrivalDraft) -> FormState {
    let mut f = FormState::new();
    f.set_date("offered_on", &d.offered_on)
        .set_date("accepted_on", &d.accepted_on)
        .set_date("declined_on", &d.declined_on)
        .set_date("held_on", &d.held_on);
    f
}

async fn show_page(st: &AppState, s: &Signed, id: i64, form: Option<FormState>) -> WebResult {
    let t = s.ctx.t();
    let a = cairn_app::people::welcome::get(&st.app, s.actor(), id).await?;
    let units = unit_names(st, s).await?;
    let form = form.unwrap_or_else(|| {
        let d =
            |iso: &Option<String>| DateParts::from_date(iso.as_deref().and_then(parse_iso_date));
        meeting_form(&ArrivalDraft {
            arrived_on: DateParts::default(),
            offered_on: d(&a.offered_on),
            accepted_on: d(&a.accepted_on),
            declined_on: d(&a.declined_on),
            held_on: d(&a.held_on),
        })
    });
    let heading = t.with(
        "welcome-show-title",
        &[(
            "date",
            show_date(&t, Some(&a.arrived_on)).unwrap_or_default(),
        )],
    );
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?).with_errors(&form);
    html_status(
        status_of(&form),
        &ShowPage {
            chrome,
            t,
            id,
            heading,
            unit: unit_label(&units, a.unit_id),
            form,
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_page(&st, &s, id, None).await
}

async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<MeetingIn>,
) -> WebResult {
    let draft = f.draft();
    match cairn_app::people::welcome::record_meeting(&st.app, s.actor(), id, &draft).await {
        Ok(()) => see_other("/welcome"),
        Err(AppError::Invalid(errs)) => {
            let mut form = meeting_form(&draft);
            form.add_errors(&s.ctx.t(), &errs);
            show_page(&st, &s, id, Some(form)).await
        }
        Err(e) => Err(e.into()),
    }
}
