//! People pages: the list with filters that stay in the URL, a person's record (each view is
//! audited), adding and changing people, and giving a person an account.

use crate::accounts::{org_name, page, page_with};
use crate::context::{Posted, Signed};
use crate::error::WebError;
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, choices, local_name};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cairn_app::AppError;
use cairn_db::people::PeopleQuery;
use cairn_domain::Permission;
use cairn_domain::people::{Constituency, Language, PersonDraft, PersonStatus};
use cairn_domain::time::{DateParts, format_date, format_instant, parse_iso_date, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/people", list)
        .get("/people/new", new_form)
        .post("/people/new", create)
        .get("/people/{id}", show)
        .get("/people/{id}/edit", edit_form)
        .post("/people/{id}/edit", update)
        .post("/people/{id}/account", create_account)
}

/// People per page.
pub const PAGE: i64 = 50;

fn err(e: AppError, s: &Signed) -> Response {
    WebError::from_app(e, s.ctx.lang).into_response()
}

async fn unit_names(st: &AppState, s: &Signed) -> Vec<(i64, String)> {
    let t = s.ctx.t();
    cairn_app::units::list_units(&st.app, s.actor(), None, 1000)
        .await
        .map(|rows| {
            rows.into_iter()
                .map(|r| {
                    (
                        r.unit.id,
                        local_name(&t, &r.unit.name, r.unit.name_cy.as_deref()),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

struct PersonRow {
    id: i64,
    name: String,
    constituency: String,
    units: String,
    status: String,
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<PersonRow>,
    filters: FormState,
    units: Vec<Choice>,
    constituencies: Vec<Choice>,
    statuses: Vec<Choice>,
    next_href: Option<String>,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    unit_id: Option<String>,
    constituency: Option<String>,
    status: Option<String>,
    q: Option<String>,
    after: Option<String>,
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> Response {
    let t = s.ctx.t();
    let after = q.after.as_deref().and_then(|a| {
        let (id, name) = a.split_once(':')?;
        Some((name.to_owned(), id.parse().ok()?))
    });
    let query = PeopleQuery {
        unit_id: q.unit_id.as_deref().and_then(|u| u.parse().ok()),
        constituency: q.constituency.as_deref().and_then(Constituency::parse),
        status: q.status.as_deref().and_then(PersonStatus::parse),
        text: q.q.clone(),
        within_units: None,
        after,
        limit: PAGE + 1,
    };
    let people = match cairn_app::people::list(&st.app, s.actor(), query).await {
        Ok(p) => p,
        Err(e) => return err(e, &s),
    };
    let units = unit_names(&st, &s).await;
    let more = people.len() as i64 > PAGE;
    let people: Vec<_> = people.into_iter().take(PAGE as usize).collect();
    let next_href = if more {
        people.last().map(|p| {
            let mut ser = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in [
                ("unit_id", &q.unit_id),
                ("constituency", &q.constituency),
                ("status", &q.status),
                ("q", &q.q),
            ] {
                if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                    ser.append_pair(k, v);
                }
            }
            ser.append_pair(
                "after",
                &format!("{}:{}", p.person.id, p.person.chosen_name),
            );
            format!("/people?{}", ser.finish())
        })
    } else {
        None
    };
    let rows = people
        .into_iter()
        .map(|p| PersonRow {
            id: p.person.id,
            name: p.person.chosen_name,
            constituency: t.get(&p.person.constituency.label_id()),
            units: p
                .unit_ids
                .iter()
                .filter_map(|u| units.iter().find(|(id, _)| id == u).map(|(_, n)| n.clone()))
                .collect::<Vec<_>>()
                .join(", "),
            status: t.get(&p.person.status.label_id()),
        })
        .collect();
    let mut filters = FormState::new();
    filters
        .set("unit_id", q.unit_id.unwrap_or_default())
        .set("constituency", q.constituency.unwrap_or_default())
        .set("status", q.status.unwrap_or_default())
        .set("q", q.q.unwrap_or_default());
    let chrome = Chrome::signed(&s, t.get("people-title"), org_name(&st, &s).await);
    page(&ListPage {
        chrome,
        t,
        rows,
        filters,
        units: units
            .into_iter()
            .map(|(id, n)| Choice {
                value: id.to_string(),
                label: n,
            })
            .collect(),
        constituencies: choices(&t, Constituency::ALL, |x| x.key(), |x| x.label_id()),
        statuses: choices(&t, PersonStatus::ALL, |x| x.key(), |x| x.label_id()),
        next_href,
        can_manage: s.actor().can(Permission::ManagePeople),
    })
}

struct HistoryRow {
    when: String,
    who: String,
    what: String,
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    rows: Vec<(String, String)>,
    history: Vec<HistoryRow>,
    can_manage: bool,
    can_give_account: bool,
    account: Option<String>,
    invitation_link: Option<String>,
    form: FormState,
    roles: Vec<Choice>,
    units: Vec<Choice>,
}

async fn show_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    form: FormState,
    invitation_link: Option<String>,
) -> Response {
    let t = s.ctx.t();
    let p = match cairn_app::people::view(&st.app, s.actor(), id).await {
        Ok(p) => p,
        Err(e) => return err(e, s),
    };
    let org = cairn_app::units::my_organisation(&st.app, s.actor())
        .await
        .ok();
    let tz = time_zone(org.as_ref().map(|o| o.time_zone.as_str()).unwrap_or(""));
    let units = unit_names(st, s).await;
    let date = |d: &Option<String>| {
        d.as_deref()
            .and_then(parse_iso_date)
            .map(|d| format_date(d, t.lang))
            .unwrap_or_else(|| t.get("common-not-recorded"))
    };
    let person = &p.person;
    let unit_text = p
        .unit_ids
        .iter()
        .filter_map(|u| units.iter().find(|(id, _)| id == u).map(|(_, n)| n.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        (
            t.get("people-constituency"),
            t.get(&person.constituency.label_id()),
        ),
        (
            t.get("people-units"),
            if unit_text.is_empty() {
                t.get("common-none")
            } else {
                unit_text
            },
        ),
        (t.get("people-status"), t.get(&person.status.label_id())),
        (t.get("people-status-since"), date(&person.status_since)),
        (
            t.get("people-language"),
            t.get(&person.preferred_language.label_id()),
        ),
        (
            t.get("people-email"),
            person
                .email
                .clone()
                .unwrap_or_else(|| t.get("common-not-recorded")),
        ),
        (
            t.get("people-access-needs"),
            person
                .access_needs
                .clone()
                .unwrap_or_else(|| t.get("common-none")),
        ),
        (t.get("people-consent-on"), date(&person.consent_on)),
    ];
    if let Some(d) = &person.discipline {
        rows.insert(1, (t.get("people-discipline"), d.clone()));
    }
    let history = cairn_app::people::history(&st.app, s.actor(), id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| HistoryRow {
            when: format_instant(e.at, &tz, t.lang),
            who: match e.on_behalf_of_person_id {
                Some(pid)
                    if Some(pid) != s.actor().person_id
                        || e.actor_user_id != Some(s.actor().user_id) =>
                {
                    t.with(
                        "people-history-on-behalf",
                        &[("who", e.actor_label.clone())],
                    )
                }
                _ => e.actor_label.clone(),
            },
            what: t.get(&format!("audit-action-{}", e.action.replace('_', "-"))),
        })
        .collect();
    let can_give_account = s.actor().can(Permission::ManageAccounts);
    let account = if can_give_account || s.actor().can(Permission::ViewPeople) {
        cairn_app::people::account_of(&st.app, s.actor(), id)
            .await
            .ok()
            .flatten()
            .map(|u| {
                t.with(
                    "people-account-has",
                    &[("email", u.email), ("role", t.get(&u.role.label_id()))],
                )
            })
    } else {
        None
    };
    let mut form = form;
    if form.value("email").is_empty() && !form.has_errors() {
        form.set("email", person.email.clone().unwrap_or_default());
    }
    let chrome =
        Chrome::signed(s, person.chosen_name.clone(), org_name(st, s).await).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page_with(
        status,
        &ShowPage {
            chrome,
            t,
            id,
            name: person.chosen_name.clone(),
            rows,
            history,
            can_manage: s.actor().can(Permission::ManagePeople),
            can_give_account,
            account,
            invitation_link,
            form,
            roles: cairn_domain::Role::assignable()
                .map(|r| Choice {
                    value: r.key().into(),
                    label: t.get(&r.label_id()),
                })
                .collect(),
            units: units
                .into_iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n,
                })
                .collect(),
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> Response {
    show_page(&st, &s, id, FormState::new(), None).await
}

#[derive(Deserialize, Default)]
struct PersonIn {
    #[serde(default)]
    chosen_name: String,
    #[serde(default)]
    constituency: String,
    #[serde(default)]
    discipline: String,
    #[serde(default)]
    unit_ids: Vec<String>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    status_since_day: String,
    #[serde(default)]
    status_since_month: String,
    #[serde(default)]
    status_since_year: String,
    #[serde(default)]
    preferred_language: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    access_needs: String,
    #[serde(default)]
    consent_on_day: String,
    #[serde(default)]
    consent_on_month: String,
    #[serde(default)]
    consent_on_year: String,
}

impl PersonIn {
    fn draft(&self) -> PersonDraft {
        PersonDraft {
            chosen_name: self.chosen_name.clone(),
            constituency: self.constituency.clone(),
            discipline: Some(self.discipline.clone()),
            unit_ids: self
                .unit_ids
                .iter()
                .filter_map(|u| u.parse().ok())
                .collect(),
            status: self.status.clone(),
            status_since: DateParts {
                day: self.status_since_day.clone(),
                month: self.status_since_month.clone(),
                year: self.status_since_year.clone(),
            },
            preferred_language: self.preferred_language.clone(),
            email: Some(self.email.clone()),
            access_needs: Some(self.access_needs.clone()),
            consent_on: DateParts {
                day: self.consent_on_day.clone(),
                month: self.consent_on_month.clone(),
                year: self.consent_on_year.clone(),
            },
        }
    }

    fn form(&self) -> FormState {
        let d = self.draft();
        let mut f = FormState::new();
        f.set("chosen_name", self.chosen_name.clone())
            .set("constituency", self.constituency.clone())
            .set("discipline", self.discipline.clone())
            .set_many("unit_ids", self.unit_ids.clone())
            .set("status", self.status.clone())
            .set("preferred_language", self.preferred_language.clone())
            .set("email", self.email.clone())
            .set("access_needs", self.access_needs.clone())
            .set_date("status_since", &d.status_since)
            .set_date("consent_on", &d.consent_on);
        f
    }
}

#[derive(Template)]
#[template(path = "people/form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    action: String,
    heading: String,
    back: String,
    constituencies: Vec<Choice>,
    statuses: Vec<Choice>,
    languages: Vec<Choice>,
    units: Vec<Choice>,
}

async fn form_page(
    st: &AppState,
    s: &Signed,
    form: FormState,
    action: String,
    heading: String,
    back: String,
) -> Response {
    let t = s.ctx.t();
    let units = unit_names(st, s)
        .await
        .into_iter()
        .filter(|(id, _)| s.actor().can_reach_unit(*id))
        .map(|(id, n)| Choice {
            value: id.to_string(),
            label: n,
        })
        .collect();
    let chrome = Chrome::signed(s, heading.clone(), org_name(st, s).await).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page_with(
        status,
        &FormPage {
            chrome,
            t,
            form,
            action,
            heading,
            back,
            constituencies: choices(&t, Constituency::ALL, |x| x.key(), |x| x.label_id()),
            statuses: choices(&t, PersonStatus::ALL, |x| x.key(), |x| x.label_id()),
            // Each language is named in itself.
            languages: vec![
                Choice {
                    value: "en".into(),
                    label: "English".into(),
                },
                Choice {
                    value: "cy".into(),
                    label: "Cymraeg".into(),
                },
            ],
            units,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> Response {
    if !s.actor().can(Permission::ManagePeople) {
        return WebError::Forbidden(s.ctx.lang).into_response();
    }
    let t = s.ctx.t();
    let mut form = FormState::new();
    form.set("status", "active");
    form_page(
        &st,
        &s,
        form,
        "/people/new".into(),
        t.get("people-new-title"),
        "/people".into(),
    )
    .await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<PersonIn>) -> Response {
    let t = s.ctx.t();
    match cairn_app::people::create(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => Redirect::to(&format!("/people/{id}")).into_response(),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&t, &errs);
            form_page(
                &st,
                &s,
                form,
                "/people/new".into(),
                t.get("people-new-title"),
                "/people".into(),
            )
            .await
        }
        Err(e) => err(e, &s),
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> Response {
    if !s.actor().can(Permission::ManagePeople) {
        return WebError::Forbidden(s.ctx.lang).into_response();
    }
    let t = s.ctx.t();
    let p = match cairn_app::people::view(&st.app, s.actor(), id).await {
        Ok(p) => p,
        Err(e) => return err(e, &s),
    };
    let date = |d: &Option<String>| DateParts::from_date(d.as_deref().and_then(parse_iso_date));
    let (ss, co) = (date(&p.person.status_since), date(&p.person.consent_on));
    let input = PersonIn {
        chosen_name: p.person.chosen_name.clone(),
        constituency: p.person.constituency.key().into(),
        discipline: p.person.discipline.clone().unwrap_or_default(),
        unit_ids: p.unit_ids.iter().map(|u| u.to_string()).collect(),
        status: p.person.status.key().into(),
        status_since_day: ss.day,
        status_since_month: ss.month,
        status_since_year: ss.year,
        preferred_language: p.person.preferred_language.key().into(),
        email: p.person.email.clone().unwrap_or_default(),
        access_needs: p.person.access_needs.clone().unwrap_or_default(),
        consent_on_day: co.day,
        consent_on_month: co.month,
        consent_on_year: co.year,
    };
    let heading = t.with("people-edit-title", &[("name", p.person.chosen_name)]);
    form_page(
        &st,
        &s,
        input.form(),
        format!("/people/{id}/edit"),
        heading,
        format!("/people/{id}"),
    )
    .await
}

async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PersonIn>,
) -> Response {
    let t = s.ctx.t();
    match cairn_app::people::update(&st.app, s.actor(), id, &f.draft()).await {
        Ok(()) => Redirect::to(&format!("/people/{id}")).into_response(),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&t, &errs);
            let heading = t.with("people-edit-title", &[("name", f.chosen_name.clone())]);
            form_page(
                &st,
                &s,
                form,
                format!("/people/{id}/edit"),
                heading,
                format!("/people/{id}"),
            )
            .await
        }
        Err(e) => err(e, &s),
    }
}

#[derive(Deserialize, Default)]
struct AccountIn {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_ids: Vec<String>,
}

async fn create_account(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<AccountIn>,
) -> Response {
    let t = s.ctx.t();
    let input = cairn_app::accounts::AccountForm {
        email: f.email.clone(),
        role: f.role.clone(),
        unit_ids: f.unit_ids.iter().filter_map(|u| u.parse().ok()).collect(),
    };
    match cairn_app::accounts::create_account_for_person(
        &st.app,
        s.actor(),
        id,
        &input,
        &st.config.base_url,
    )
    .await
    {
        Ok(inv) => {
            // With e-mail off, the administrator passes the link on by hand; shown once.
            let link = (!inv.emailed).then(|| {
                format!(
                    "{}/invitation/{}",
                    st.config.base_url.trim_end_matches('/'),
                    inv.secret
                )
            });
            show_page(&st, &s, id, FormState::new(), link).await
        }
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("email", f.email)
                .set("role", f.role)
                .set_many("unit_ids", f.unit_ids);
            form.add_errors(&t, &errs);
            show_page(&st, &s, id, form, None).await
        }
        Err(e) => err(e, &s),
    }
}

/// The language a person's page is in, for tests of the Welsh labels.
pub fn language_label(t: &Tr, l: Language) -> String {
    t.get(&l.label_id())
}
