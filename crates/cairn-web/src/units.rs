//! Organisation, services and units pages; the organisation's settings; and, for platform
//! administrators, the list of organisations.

use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, choices, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_domain::Permission;
use cairn_domain::units::{GenderMix, UnitDraft, UnitType};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/units", list)
        .get("/units/new", new_form)
        .post("/units/new", create)
        .get("/units/{id}", show)
        .get("/units/{id}/edit", edit_form)
        .post("/units/{id}/edit", update)
        .get("/services", services)
        .post("/services", create_service)
        .get("/settings", settings_form)
        .post("/settings", update_settings)
        .get("/organisations", organisations)
        .post("/organisations", create_organisation)
}

struct UnitListRow {
    id: i64,
    name: String,
    kind: String,
    beds: String,
    people: String,
}

#[derive(Template)]
#[template(path = "units/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<UnitListRow>,
    can_manage: bool,
    next_href: Option<String>,
}

#[derive(Deserialize)]
struct PageQuery {
    after: Option<String>,
}

/// Page size of the unit list.
const UNITS_PAGE: i64 = 100;

fn parse_cursor(after: Option<&str>) -> Option<(String, i64)> {
    let raw = after?;
    let (id, name) = raw.split_once(':')?;
    Some((name.to_owned(), id.parse().ok()?))
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<PageQuery>) -> WebResult {
    let t = s.ctx.t();
    let rows = cairn_app::units::list_units(
        &st.app,
        s.actor(),
        parse_cursor(q.after.as_deref()),
        UNITS_PAGE + 1,
    )
    .await?;
    let more = rows.len() as i64 > UNITS_PAGE;
    let rows: Vec<_> = rows.into_iter().take(UNITS_PAGE as usize).collect();
    let next_href = if more {
        rows.last().map(|r| {
            format!(
                "/units?after={}",
                url::form_urlencoded::byte_serialize(
                    format!("{}:{}", r.unit.id, r.unit.name).as_bytes()
                )
                .collect::<String>()
            )
        })
    } else {
        None
    };
    let rows = rows
        .into_iter()
        .map(|r| UnitListRow {
            id: r.unit.id,
            name: local_name(&t, &r.unit.name, r.unit.name_cy.as_deref()),
            kind: t.get(&r.unit.unit_type.label_id()),
            beds: r
                .unit
                .beds
                .map(|b| b.to_string())
                .unwrap_or_else(|| "–".into()),
            people: t.count("people-count", r.people),
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("units-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows,
        can_manage: s.actor().can(Permission::ManageUnits),
        next_href,
    })
}

#[derive(Template)]
#[template(path = "units/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    other_name: String,
    service: String,
    kind: String,
    beds: String,
    gender_mix: String,
    link_person: String,
    constituencies: Vec<(String, String)>,
    can_manage: bool,
    can_see_people: bool,
    /// The ladder position and one line per level, when the actor may see assessments.
    progress: Option<(String, Vec<String>)>,
    /// The playbook's challenges raised on the unit now, when the actor may see assessments.
    raised: Option<Vec<String>>,
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::units::get_unit(&st.app, s.actor(), id).await?;
    let name = local_name(&t, &d.unit.name, d.unit.name_cy.as_deref());
    let other_name = match (t.lang, &d.unit.name_cy) {
        (cairn_domain::people::Language::En, Some(cy)) => cy.clone(),
        (cairn_domain::people::Language::Cy, Some(_)) => d.unit.name.clone(),
        _ => String::new(),
    };
    let constituencies = cairn_domain::people::Constituency::ALL
        .iter()
        .map(|c| {
            let n = d
                .constituencies
                .iter()
                .find(|(k, _)| k == c.key())
                .map(|(_, n)| *n)
                .unwrap_or(0);
            (t.get(&c.label_id()), t.count("people-count", n))
        })
        .collect();
    let progress = if s.actor().can(Permission::ViewAssessments) {
        let (levels, ladder) = cairn_app::model::unit_progress(&st.app, s.actor(), id).await?;
        let lines = levels
            .iter()
            .map(|l| {
                t.with(
                    "units-level-line",
                    &[
                        ("level", t.get(&format!("model-level-short-{}", l.level))),
                        ("percent", l.percent.to_string()),
                        (
                            "reached",
                            t.get(if l.reached {
                                "model-reached-yes"
                            } else {
                                "model-reached-no"
                            }),
                        ),
                    ],
                )
            })
            .collect();
        Some((t.get(&ladder.label_id()), lines))
    } else {
        None
    };
    let raised = if s.actor().can(Permission::ViewAssessments) {
        Some(
            cairn_app::playbook::raised(&st.app, s.actor())
                .await?
                .into_iter()
                .filter(|(r, _)| r.unit_id == id)
                .map(|(r, _)| crate::playbook::challenge_name(&t, &r.challenge))
                .collect(),
        )
    } else {
        None
    };
    let chrome = Chrome::signed(&s, name.clone(), organisation(&st, &s).await?);
    html(&ShowPage {
        progress,
        raised,
        chrome,
        t,
        id,
        name,
        other_name,
        service: local_name(&t, &d.service.name, d.service.name_cy.as_deref()),
        kind: t.get(&d.unit.unit_type.label_id()),
        beds: d
            .unit
            .beds
            .map(|b| b.to_string())
            .unwrap_or_else(|| t.get("units-beds-none")),
        gender_mix: t.get(&d.unit.gender_mix.label_id()),
        link_person: match d.link_person {
            Some((_, name)) => name,
            None if d.link_person_hidden => t.get("units-link-person-hidden"),
            None => t.get("units-link-person-none"),
        },
        constituencies,
        can_manage: s.actor().can(Permission::ManageUnits),
        can_see_people: s.actor().can(Permission::ViewPeople),
    })
}

#[derive(Template)]
#[template(path = "units/form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    action: String,
    heading: String,
    services: Vec<Choice>,
    types: Vec<Choice>,
    mixes: Vec<Choice>,
    people: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct UnitIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_cy: String,
    #[serde(default)]
    service_id: String,
    #[serde(default)]
    unit_type: String,
    #[serde(default)]
    beds: String,
    #[serde(default)]
    gender_mix: String,
    #[serde(default)]
    link_person_id: String,
}

impl UnitIn {
    fn draft(&self) -> UnitDraft {
        UnitDraft {
            name: self.name.clone(),
            name_cy: Some(self.name_cy.clone()),
            service_id: self.service_id.trim().parse().ok(),
            unit_type: self.unit_type.clone(),
            beds: Some(self.beds.clone()),
            gender_mix: self.gender_mix.clone(),
            link_person_id: self.link_person_id.trim().parse().ok(),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("name", self.name.clone())
            .set("name_cy", self.name_cy.clone())
            .set("service_id", self.service_id.clone())
            .set("unit_type", self.unit_type.clone())
            .set("beds", self.beds.clone())
            .set("gender_mix", self.gender_mix.clone())
            .set("link_person_id", self.link_person_id.clone());
        f
    }
}

async fn form_page(
    st: &AppState,
    s: &Signed,
    form: FormState,
    action: String,
    heading: String,
) -> WebResult {
    let t = s.ctx.t();
    let services = cairn_app::units::list_services(&st.app, s.actor()).await?;
    let people = cairn_app::units::link_people(&st.app, s.actor()).await?;
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &FormPage {
            chrome,
            t,
            form,
            action,
            heading,
            services: services
                .iter()
                .map(|x| Choice {
                    value: x.id.to_string(),
                    label: local_name(&t, &x.name, x.name_cy.as_deref()),
                })
                .collect(),
            types: choices(&t, UnitType::ALL, |x| x.key(), |x| x.label_id()),
            mixes: choices(&t, GenderMix::ALL, |x| x.key(), |x| x.label_id()),
            people: people
                .into_iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n,
                })
                .collect(),
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManageUnits) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    form_page(
        &st,
        &s,
        FormState::new(),
        "/units/new".into(),
        t.get("units-new-title"),
    )
    .await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<UnitIn>) -> WebResult {
    let t = s.ctx.t();
    match cairn_app::units::create_unit(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/units/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&t, &errs);
            form_page(&st, &s, form, "/units/new".into(), t.get("units-new-title")).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    if !s.actor().can(Permission::ManageUnits) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let d = cairn_app::units::get_unit(&st.app, s.actor(), id).await?;
    let u = d.unit;
    let input = UnitIn {
        name: u.name.clone(),
        name_cy: u.name_cy.clone().unwrap_or_default(),
        service_id: u.service_id.to_string(),
        unit_type: u.unit_type.key().into(),
        beds: u.beds.map(|b| b.to_string()).unwrap_or_default(),
        gender_mix: u.gender_mix.key().into(),
        link_person_id: u.link_person_id.map(|x| x.to_string()).unwrap_or_default(),
    };
    form_page(
        &st,
        &s,
        input.form(),
        format!("/units/{id}/edit"),
        t.with("units-edit-title", &[("name", u.name)]),
    )
    .await
}

async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<UnitIn>,
) -> WebResult {
    let t = s.ctx.t();
    match cairn_app::units::update_unit(&st.app, s.actor(), id, &f.draft()).await {
        Ok(()) => see_other(&format!("/units/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&t, &errs);
            let heading = t.with("units-edit-title", &[("name", f.name.clone())]);
            form_page(&st, &s, form, format!("/units/{id}/edit"), heading).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "units/services.html")]
struct ServicesPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    services: Vec<String>,
    can_manage: bool,
}

#[derive(Deserialize)]
struct NameIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_cy: String,
}

async fn services_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::units::list_services(&st.app, s.actor()).await?;
    let chrome =
        Chrome::signed(s, t.get("services-title"), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ServicesPage {
            chrome,
            t,
            form,
            services: list
                .iter()
                .map(|x| local_name(&t, &x.name, x.name_cy.as_deref()))
                .collect(),
            can_manage: s.actor().can(Permission::ManageUnits),
        },
    )
}

async fn services(State(st): State<AppState>, s: Signed) -> WebResult {
    services_page(&st, &s, FormState::new()).await
}

async fn create_service(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<NameIn>,
) -> WebResult {
    match cairn_app::units::create_service(&st.app, s.actor(), &f.name, Some(&f.name_cy)).await {
        Ok(_) => see_other("/services"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("name", f.name).set("name_cy", f.name_cy);
            form.add_errors(&s.ctx.t(), &errs);
            services_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "units/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    tls: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct SettingsIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_cy: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    smtp_enabled: Option<String>,
    #[serde(default)]
    smtp_host: String,
    #[serde(default)]
    smtp_port: String,
    #[serde(default)]
    smtp_username: String,
    #[serde(default)]
    smtp_password: String,
    #[serde(default)]
    smtp_tls: String,
    #[serde(default)]
    smtp_from: String,
}

async fn settings_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let chrome =
        Chrome::signed(s, t.get("settings-title"), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let tls = ["starttls", "tls", "none"]
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: t.get(&format!("settings-tls-{k}")),
        })
        .collect();
    html_status(
        status,
        &SettingsPage {
            chrome,
            t,
            form,
            tls,
        },
    )
}

async fn settings_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManageOrganisationSettings) {
        return Err(WebError::Forbidden);
    }
    let o = cairn_app::units::my_organisation(&st.app, s.actor()).await?;
    let mut form = FormState::new();
    form.set("name", o.name)
        .set("name_cy", o.name_cy.unwrap_or_default())
        .set("time_zone", o.time_zone)
        .set("smtp_enabled", if o.smtp_enabled { "yes" } else { "" })
        .set("smtp_host", o.smtp_host.unwrap_or_default())
        .set(
            "smtp_port",
            o.smtp_port.map(|p| p.to_string()).unwrap_or_default(),
        )
        .set("smtp_username", o.smtp_username.unwrap_or_default())
        .set("smtp_tls", o.smtp_tls)
        .set("smtp_from", o.smtp_from.unwrap_or_default());
    settings_page(&st, &s, form).await
}

async fn update_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SettingsIn>,
) -> WebResult {
    let input = cairn_app::units::SettingsForm {
        name: f.name.clone(),
        name_cy: f.name_cy.clone(),
        time_zone: f.time_zone.clone(),
        smtp_enabled: f.smtp_enabled.is_some(),
        smtp_host: f.smtp_host.clone(),
        smtp_port: f.smtp_port.clone(),
        smtp_username: f.smtp_username.clone(),
        smtp_password: f.smtp_password.clone(),
        smtp_tls: f.smtp_tls.clone(),
        smtp_from: f.smtp_from.clone(),
    };
    match cairn_app::units::update_settings(&st.app, s.actor(), &input).await {
        Ok(()) => see_other("/settings"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("name", f.name)
                .set("name_cy", f.name_cy)
                .set("time_zone", f.time_zone)
                .set(
                    "smtp_enabled",
                    if f.smtp_enabled.is_some() { "yes" } else { "" },
                )
                .set("smtp_host", f.smtp_host)
                .set("smtp_port", f.smtp_port)
                .set("smtp_username", f.smtp_username)
                .set("smtp_tls", f.smtp_tls)
                .set("smtp_from", f.smtp_from);
            form.add_errors(&s.ctx.t(), &errs);
            settings_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "units/organisations.html")]
struct OrganisationsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    organisations: Vec<String>,
}

async fn organisations_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::units::list_organisations(&st.app, s.actor()).await?;
    let chrome = Chrome::signed(s, t.get("organisations-title"), String::new()).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &OrganisationsPage {
            chrome,
            t,
            form,
            organisations: list
                .iter()
                .map(|o| local_name(&t, &o.name, o.name_cy.as_deref()))
                .collect(),
        },
    )
}

async fn organisations(State(st): State<AppState>, s: Signed) -> WebResult {
    organisations_page(&st, &s, FormState::new()).await
}

async fn create_organisation(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<NameIn>,
) -> WebResult {
    match cairn_app::units::create_organisation(&st.app, s.actor(), &f.name, Some(&f.name_cy)).await
    {
        Ok(_) => see_other("/organisations"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("name", f.name).set("name_cy", f.name_cy);
            form.add_errors(&s.ctx.t(), &errs);
            organisations_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}
