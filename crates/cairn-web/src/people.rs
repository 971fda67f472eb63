//! People pages: the list with filters that stay in the URL, a person's record (each view is
//! audited), adding and changing people, giving a person an account; profiles and photos (a
//! member's own at `/me/profile`, staff's on a person's behalf), each person's pathway and
//! level decisions, "what Cairn holds about me" (`/me`), the subject access export, and the
//! who's-who. Photos are served like receipts: a download with a sandboxing CSP, shown only in
//! `<img>` elements.

pub mod buddies;
pub mod erasure;
pub mod welcome;

use crate::context::{Posted, Signed, Uploaded};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, choices, html, html_status, local_name, organisation, see_other,
    unit_names,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use cairn_app::AppError;
use cairn_db::people::{PeopleQuery, Profile};
use cairn_domain::Permission;
use cairn_domain::people::{
    Constituency, ContactBy, Language, LevelDraft, PathwayStep, PersonDraft, PersonStatus,
    ProfileDraft, StepDraft,
};
use cairn_domain::time::{DateParts, format_date, format_instant, parse_iso_date, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/people", list)
        .get("/people/new", new_form)
        .post("/people/new", create)
        .get("/people/{id}", show)
        .reads_person()
        .get("/people/{id}/edit", edit_form)
        .post("/people/{id}/edit", update)
        .post("/people/{id}/account", create_account)
        .get("/people/{id}/profile", person_profile_form)
        .reads_person()
        .post("/people/{id}/profile", person_profile_save)
        .upload("/people/{id}/photo", person_photo_upload)
        .get("/people/{id}/photo", photo)
        .reads_person()
        .get("/people/{id}/pathway", pathway)
        .reads_person()
        .post("/people/{id}/steps", add_step)
        .post("/people/{id}/level", decide_level)
        .get("/people/{id}/export.json", export)
        .reads_person()
        .get("/people/{id}/export.zip", export_zip)
        .reads_person()
        .get("/me", about_me)
        .get("/me/profile", my_profile_form)
        .post("/me/profile", my_profile_save)
        .upload("/me/photo", my_photo)
        .get("/whos-who", whos_who)
        .get("/whos-who/units/{id}", whos_who_unit)
}

/// People per page.
pub const PAGE: i64 = 50;

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
    newcomers: Option<buddies::NewcomersNote>,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    unit_id: Option<String>,
    constituency: Option<String>,
    status: Option<String>,
    q: Option<String>,
    after: Option<String>,
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
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
        // A Welsh page lists people in the Welsh alphabet's order.
        welsh_order: t.lang == Language::Cy,
    };
    let people = cairn_app::people::list_lines(&st.app, s.actor(), query).await?;
    let units = unit_names(&st, &s).await?;
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
    let newcomers = buddies::newcomers_note(&st, &s).await?;
    let chrome = Chrome::signed(&s, t.get("people-title"), organisation(&st, &s).await?);
    html(&ListPage {
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
        newcomers,
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
    /// The profile, consents and level, when the actor may see them.
    profile: Vec<(String, String)>,
    has_photo: bool,
    photo_alt: String,
    can_export: bool,
    can_erase: bool,
    history: Vec<HistoryRow>,
    can_manage: bool,
    can_give_account: bool,
    /// Staff who make claims with people reach the person's payment settings from here.
    can_payments: bool,
    account: Option<String>,
    invitation_link: Option<String>,
    form: FormState,
    roles: Vec<Choice>,
    units: Vec<Choice>,
    /// Someone who has left or moved on: the exit surveys open on their units, each as
    /// (unit name, link to share or empty, where staff answer it with them).
    exit_surveys: Vec<(String, String, String)>,
    /// Their answers to named surveys.
    named_answers: Vec<NamedRow>,
}

/// A named survey's answers on a person's page: (survey, round and week, [(question, answer
/// in words)]).
type NamedRow = (String, String, Vec<(String, String)>);

async fn show_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    form: FormState,
    invitation_link: Option<String>,
) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::people::view(&st.app, s.actor(), id).await?;
    let tz = org_zone(st, s).await?;
    let units = unit_names(st, s).await?;
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
        .await?
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
    let exit_surveys = if matches!(
        person.status,
        cairn_domain::people::PersonStatus::Left | cairn_domain::people::PersonStatus::MovedOn
    ) {
        cairn_app::surveys::exit_offers(&st.app, s.actor(), id)
            .await?
            .into_iter()
            .map(|o| {
                (
                    units
                        .iter()
                        .find(|(u, _)| *u == o.unit_id)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                    o.link.clone().unwrap_or_default(),
                    format!(
                        "/surveys/rounds/{}/paper?unit_id={}{}",
                        o.round_id,
                        o.unit_id,
                        if o.link.is_none() {
                            format!("&person_id={id}")
                        } else {
                            String::new()
                        }
                    ),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let w = t.lang == cairn_domain::people::Language::Cy;
    let named_answers = cairn_app::surveys::named_answers(&st.app, s.actor(), id)
        .await?
        .into_iter()
        .map(|n| {
            (
                crate::training::local_title(&t, n.title_en.as_deref(), n.title_cy.as_deref()).text,
                t.with(
                    "people-named-answers-when",
                    &[("round", n.round), ("week", date_words(&t, &n.week_of))],
                ),
                n.answers
                    .iter()
                    .map(|(q, a)| {
                        let label = |v: &str| {
                            q.choices
                                .iter()
                                .find(|c| c.value == v)
                                .map(|c| c.label.pick(w, false).to_owned())
                                .unwrap_or_else(|| v.to_owned())
                        };
                        let words = match a {
                            cairn_domain::surveys::Answer::One(v) => label(v),
                            cairn_domain::surveys::Answer::Several(vs) => {
                                vs.iter().map(|v| label(v)).collect::<Vec<_>>().join(", ")
                            }
                            cairn_domain::surveys::Answer::Number(n) => n.to_string(),
                        };
                        (q.text.pick(w, false).to_owned(), words)
                    })
                    .collect(),
            )
        })
        .collect();
    let p = cairn_app::people::profile_only(&st.app, s.actor(), id).await?;
    let has_photo = p.has_photo;
    let mut profile = vec![(
        t.get("profile-level"),
        t.with("pathway-level-now", &[("level", p.level.to_string())]),
    )];
    if let Some(j) = &p.joined_on {
        profile.push((t.get("profile-joined-on"), date_words(&t, j)));
    }
    profile.extend(profile_rows(&t, &p));
    profile.extend(consent_rows(&t, &p));
    let can_give_account = s.actor().can(Permission::ManageAccounts);
    let account = if can_give_account || s.actor().can(Permission::ViewPeople) {
        cairn_app::people::account_of(&st.app, s.actor(), id)
            .await?
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
    let chrome = Chrome::signed(s, person.chosen_name.clone(), organisation(st, s).await?)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ShowPage {
            chrome,
            t,
            id,
            name: person.chosen_name.clone(),
            rows,
            profile,
            has_photo,
            photo_alt: t.with("profile-photo-alt", &[("name", person.chosen_name.clone())]),
            can_export: s.actor().can(Permission::ExportPersonData),
            can_erase: s.actor().can(Permission::ErasePerson) && !s.actor().is_person(id),
            history,
            can_manage: s.actor().can(Permission::ManagePeople),
            can_give_account,
            can_payments: s.actor().can(Permission::ManageClaims),
            account,
            invitation_link,
            exit_surveys,
            named_answers,
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

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
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
) -> WebResult {
    let t = s.ctx.t();
    let units = unit_names(st, s)
        .await?
        .into_iter()
        .filter(|(id, _)| s.actor().can_reach_unit(*id))
        .map(|(id, n)| Choice {
            value: id.to_string(),
            label: n,
        })
        .collect();
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

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManagePeople) {
        return Err(WebError::Forbidden);
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

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<PersonIn>) -> WebResult {
    let t = s.ctx.t();
    match cairn_app::people::create(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/people/{id}")),
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
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    if !s.actor().can(Permission::ManagePeople) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let p = cairn_app::people::view(&st.app, s.actor(), id).await?;
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
) -> WebResult {
    let t = s.ctx.t();
    match cairn_app::people::update(&st.app, s.actor(), id, &f.draft()).await {
        Ok(()) => see_other(&format!("/people/{id}")),
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
        Err(e) => Err(e.into()),
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
) -> WebResult {
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
        Err(e) => Err(e.into()),
    }
}

/// The language a person's page is in, for tests of the Welsh labels.
pub fn language_label(t: &Tr, l: Language) -> String {
    t.get(&l.label_id())
}

// ---------------------------------------------------------------------------------------------
// Profiles and photos
// ---------------------------------------------------------------------------------------------

/// A yes/no question about consent on the profile form, saying who will see what.
struct ConsentQuestion {
    name: &'static str,
    legend: String,
    hint: String,
    yes: String,
    no: String,
}

#[derive(Template)]
#[template(path = "people/profile.html")]
struct ProfilePage {
    chrome: Chrome,
    t: Tr,
    heading: String,
    /// "You are recording this for …", when staff act for the person.
    on_behalf: Option<String>,
    action: String,
    photo_action: String,
    back: String,
    form: FormState,
    photo_form: FormState,
    contact_choices: Vec<Choice>,
    consents: Vec<ConsentQuestion>,
    photo_allowed: bool,
    has_photo: bool,
    photo_src: String,
    photo_alt: String,
}

#[derive(Deserialize, Default)]
struct ProfileIn {
    #[serde(default)]
    skills: String,
    #[serde(default)]
    interests: String,
    #[serde(default)]
    grow_areas: String,
    #[serde(default)]
    ask_me_about: String,
    #[serde(default)]
    contact_by: String,
    #[serde(default)]
    contact_note: String,
    #[serde(default)]
    access_needs: String,
    #[serde(default)]
    consent_whos_who: String,
    #[serde(default)]
    consent_photo: String,
    #[serde(default)]
    consent_opportunities: String,
}

const CONSENTS: [&str; 3] = ["consent_whos_who", "consent_photo", "consent_opportunities"];

impl ProfileIn {
    /// The draft, and the yes/no questions left unanswered (each needs a clear answer).
    fn draft(&self) -> (ProfileDraft, cairn_domain::FieldErrors) {
        let mut e = cairn_domain::FieldErrors::new();
        let mut answer = |field: &str, raw: &str| match raw {
            "yes" => true,
            "no" => false,
            _ => {
                e.add(field, "profile-error-consent");
                false
            }
        };
        let consent_whos_who = answer("consent_whos_who", &self.consent_whos_who);
        let consent_photo = answer("consent_photo", &self.consent_photo);
        let consent_opportunities = answer("consent_opportunities", &self.consent_opportunities);
        (
            ProfileDraft {
                skills: self.skills.clone(),
                interests: self.interests.clone(),
                grow_areas: self.grow_areas.clone(),
                ask_me_about: self.ask_me_about.clone(),
                contact_by: self.contact_by.clone(),
                contact_note: self.contact_note.clone(),
                access_needs: self.access_needs.clone(),
                consent_whos_who,
                consent_photo,
                consent_opportunities,
            },
            e,
        )
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("skills", self.skills.clone())
            .set("interests", self.interests.clone())
            .set("grow_areas", self.grow_areas.clone())
            .set("ask_me_about", self.ask_me_about.clone())
            .set("contact_by", self.contact_by.clone())
            .set("contact_note", self.contact_note.clone())
            .set("access_needs", self.access_needs.clone())
            .set("consent_whos_who", self.consent_whos_who.clone())
            .set("consent_photo", self.consent_photo.clone())
            .set("consent_opportunities", self.consent_opportunities.clone());
        f
    }

    fn from_profile(p: &Profile) -> Self {
        let yn = |b: bool| if b { "yes" } else { "no" }.to_owned();
        ProfileIn {
            skills: p.skills.clone().unwrap_or_default(),
            interests: p.interests.clone().unwrap_or_default(),
            grow_areas: p.grow_areas.clone().unwrap_or_default(),
            ask_me_about: p.ask_me_about.clone().unwrap_or_default(),
            contact_by: p.contact_by.clone().unwrap_or_default(),
            contact_note: p.contact_note.clone().unwrap_or_default(),
            access_needs: p.access_needs.clone().unwrap_or_default(),
            consent_whos_who: yn(p.consent_whos_who),
            consent_photo: yn(p.consent_photo),
            consent_opportunities: yn(p.consent_opportunities),
        }
    }
}

fn consent_questions(t: &Tr) -> Vec<ConsentQuestion> {
    CONSENTS
        .iter()
        .map(|name| {
            let stem = format!("profile-{}", name.replace('_', "-"));
            ConsentQuestion {
                name,
                legend: t.get(&stem),
                hint: t.get(&format!("{stem}-hint")),
                yes: t.get(&format!("{stem}-yes")),
                no: t.get(&format!("{stem}-no")),
            }
        })
        .collect()
}

/// The profile page for `id`: `mine` for the person's own page at `/me/profile`. `form` keeps
/// what was typed when the profile form had errors; `photo_form` holds the photo's error.
async fn profile_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    mine: bool,
    form: Option<FormState>,
    photo_form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::people::profile(&st.app, s.actor(), id).await?;
    let name = v.person.chosen_name.clone();
    let has_errors = form.as_ref().is_some_and(FormState::has_errors) || photo_form.has_errors();
    let form = form.unwrap_or_else(|| ProfileIn::from_profile(&v.profile).form());
    let (heading, on_behalf, action, photo_action, back) = if mine {
        (
            t.get("profile-mine-title"),
            None,
            "/me/profile".to_owned(),
            "/me/photo".to_owned(),
            "/me".to_owned(),
        )
    } else {
        (
            t.with("profile-for-title", &[("name", name.clone())]),
            Some(t.with(
                "profile-on-behalf",
                &[
                    ("name", name.clone()),
                    ("constituency", t.get(&v.person.constituency.label_id())),
                ],
            )),
            format!("/people/{id}/profile"),
            format!("/people/{id}/photo"),
            format!("/people/{id}"),
        )
    };
    let mut chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?);
    chrome.has_errors = has_errors;
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &ProfilePage {
            chrome,
            heading,
            on_behalf,
            action,
            photo_action,
            back,
            form,
            photo_form,
            contact_choices: choices(&t, ContactBy::ALL, |x| x.key(), |x| x.label_id()),
            consents: consent_questions(&t),
            photo_allowed: v.profile.consent_photo,
            has_photo: v.profile.has_photo,
            photo_src: format!("/people/{id}/photo"),
            photo_alt: t.with("profile-photo-alt", &[("name", name)]),
            t,
        },
    )
}

async fn my_profile_form(State(st): State<AppState>, s: Signed) -> WebResult {
    match s.actor().person_id {
        Some(id) => profile_page(&st, &s, id, true, None, FormState::new()).await,
        // An account with no person record has no profile; "About me" explains.
        None => see_other("/me"),
    }
}

async fn person_profile_form(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
) -> WebResult {
    let mine = s.actor().is_person(id);
    profile_page(&st, &s, id, mine, None, FormState::new()).await
}

async fn save_profile(st: &AppState, s: &Signed, id: i64, mine: bool, f: &ProfileIn) -> WebResult {
    let t = s.ctx.t();
    let (draft, unanswered) = f.draft();
    match cairn_app::people::save_profile_with(&st.app, s.actor(), id, &draft, unanswered).await {
        Ok(()) => see_other(&if mine {
            "/me".to_owned()
        } else {
            format!("/people/{id}")
        }),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&t, &errs);
            profile_page(st, s, id, mine, Some(form), FormState::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn my_profile_save(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<ProfileIn>,
) -> WebResult {
    let id = cairn_app::people::own_person(s.actor())?;
    save_profile(&st, &s, id, true, &f).await
}

async fn person_profile_save(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ProfileIn>,
) -> WebResult {
    let mine = s.actor().is_person(id);
    save_profile(&st, &s, id, mine, &f).await
}

async fn upload_photo(
    st: &AppState,
    s: &Signed,
    id: i64,
    mine: bool,
    upload: Uploaded,
) -> WebResult {
    let t = s.ctx.t();
    // Reach first, so someone else's id is "not found" whatever is sent.
    cairn_app::people::may_change(&st.app, s.actor(), id).await?;
    let refused = |code: &'static str| {
        let mut e = cairn_domain::FieldErrors::new();
        e.add("photo", code);
        AppError::Invalid(e)
    };
    let r = if upload.unreadable {
        Err(refused("profile-error-photo-empty"))
    } else if upload.too_big {
        Err(refused("profile-error-photo-size"))
    } else {
        cairn_app::people::add_photo(&st.app, s.actor(), id, upload.file("photo").unwrap_or(&[]))
            .await
    };
    match r {
        Ok(()) => see_other(&if mine {
            "/me/profile".to_owned()
        } else {
            format!("/people/{id}/profile")
        }),
        Err(AppError::Invalid(errs)) => {
            let mut photo_form = FormState::new();
            photo_form.add_errors(&t, &errs);
            profile_page(st, s, id, mine, None, photo_form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn my_photo(State(st): State<AppState>, s: Signed, upload: Uploaded) -> WebResult {
    let id = cairn_app::people::own_person(s.actor())?;
    upload_photo(&st, &s, id, true, upload).await
}

async fn person_photo_upload(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    upload: Uploaded,
) -> WebResult {
    let mine = s.actor().is_person(id);
    upload_photo(&st, &s, id, mine, upload).await
}

async fn photo(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let (content_type, body) = cairn_app::people::photo(&st.app, s.actor(), id).await?;
    let ext = if content_type == "image/png" {
        "png"
    } else {
        "jpg"
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            // As with receipts: never a document in Cairn's own origin. An <img> still shows it.
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"photo-{id}.{ext}\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// Level and pathway
// ---------------------------------------------------------------------------------------------

/// One pathway step as shown: done (with its date) or not yet.
struct StepRow {
    label: String,
    done: bool,
    status: String,
}

/// One level decision as shown.
struct DecisionRow {
    date: String,
    change: String,
    who: String,
    note: String,
}

/// A pathway, in words.
#[derive(Default)]
struct PathwayView {
    level: String,
    joined: String,
    level1: Vec<StepRow>,
    level2: Vec<StepRow>,
    roles: Vec<String>,
    history: Vec<DecisionRow>,
    recorded: Vec<String>,
}

/// The organisation's time zone (the default zone for an account with no organisation).
async fn org_zone(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(time_zone(""));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

/// Today in the organisation's time zone.
async fn org_today(st: &AppState, s: &Signed) -> WebResult<jiff::civil::Date> {
    Ok(cairn_domain::time::local_date(
        st.app.now(),
        &org_zone(st, s).await?,
    ))
}

/// "29 March 2026" for a stored ISO date; the stored text itself if it is not one.
pub(crate) fn date_words(t: &Tr, iso: &str) -> String {
    parse_iso_date(iso)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_else(|| iso.to_owned())
}

fn role_title(t: &Tr, r: &cairn_db::people::RoleHeld) -> String {
    match t.lang {
        Language::Cy if !r.title_cy.trim().is_empty() => r.title_cy.clone(),
        _ => r.title_en.clone(),
    }
}

fn step_label(t: &Tr, key: &str) -> String {
    t.get(&format!("pathway-step-{}", key.replace('_', "-")))
}

fn pathway_view(t: &Tr, p: &cairn_app::people::Pathway) -> PathwayView {
    let rows = |level: u8| {
        p.steps
            .iter()
            .filter(|s| s.level == level)
            .map(|s| StepRow {
                label: step_label(t, s.key),
                done: s.done_on.is_some(),
                status: match &s.done_on {
                    Some(d) => t.with("pathway-done-on", &[("date", date_words(t, d))]),
                    None => t.get("pathway-not-yet"),
                },
            })
            .collect::<Vec<_>>()
    };
    PathwayView {
        level: t.with("pathway-level-now", &[("level", p.level.to_string())]),
        joined: p
            .joined_on
            .as_deref()
            .map(|d| t.with("pathway-joined", &[("date", date_words(t, d))]))
            .unwrap_or_default(),
        level1: rows(1),
        level2: rows(2),
        roles: p
            .roles
            .iter()
            .map(|r| {
                t.with(
                    "pathway-role-since",
                    &[
                        ("role", role_title(t, r)),
                        ("date", date_words(t, &r.starts_on)),
                    ],
                )
            })
            .collect(),
        history: p
            .decisions
            .iter()
            .map(|d| DecisionRow {
                date: date_words(t, &d.decided_on),
                change: t.with(
                    "pathway-level-change",
                    &[
                        ("from", d.from_level.to_string()),
                        ("to", d.to_level.to_string()),
                    ],
                ),
                who: d.decided_by_label.clone(),
                note: d.note.clone(),
            })
            .collect(),
        recorded: p
            .recorded
            .iter()
            .map(|r| {
                let base = t.with(
                    "pathway-recorded",
                    &[
                        ("step", step_label(t, &r.step)),
                        ("date", date_words(t, &r.done_on)),
                        ("who", r.recorded_by_label.clone()),
                    ],
                );
                match &r.note {
                    Some(n) => format!("{base} – {n}"),
                    None => base,
                }
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "people/pathway.html")]
struct PathwayPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    name: String,
    pathway: PathwayView,
    can_manage: bool,
    who: String,
    step_form: FormState,
    level_form: FormState,
    steps: Vec<Choice>,
    levels: Vec<Choice>,
}

async fn pathway_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    step_form: FormState,
    level_form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::people::pathway(&st.app, s.actor(), id).await?;
    let name = p.chosen_name.clone();
    let has_errors = step_form.has_errors() || level_form.has_errors();
    let title = t.with("pathway-title-for", &[("name", name.clone())]);
    let mut chrome = Chrome::signed(s, title, organisation(st, s).await?);
    chrome.has_errors = has_errors;
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &PathwayPage {
            chrome,
            id,
            pathway: pathway_view(&t, &p),
            can_manage: s.actor().can(Permission::ManagePeople) && !s.actor().is_person(id),
            who: t.with("level-decided-by", &[("who", s.actor().label.clone())]),
            step_form,
            level_form,
            steps: choices(&t, PathwayStep::ALL, |x| x.key(), |x| x.label_id()),
            levels: (1..=3)
                .map(|l| Choice {
                    value: l.to_string(),
                    label: t.with("pathway-level-choice", &[("level", l.to_string())]),
                })
                .collect(),
            name,
            t,
        },
    )
}

async fn pathway(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    pathway_page(&st, &s, id, FormState::new(), FormState::new()).await
}

#[derive(Deserialize, Default)]
struct StepIn {
    #[serde(default)]
    step: String,
    #[serde(default)]
    done_on_day: String,
    #[serde(default)]
    done_on_month: String,
    #[serde(default)]
    done_on_year: String,
    #[serde(default)]
    note: String,
}

async fn add_step(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<StepIn>,
) -> WebResult {
    let t = s.ctx.t();
    let draft = StepDraft {
        step: f.step.clone(),
        done_on: DateParts {
            day: f.done_on_day.clone(),
            month: f.done_on_month.clone(),
            year: f.done_on_year.clone(),
        },
        note: f.note.clone(),
    };
    match cairn_app::people::record_step(&st.app, s.actor(), id, &draft).await {
        Ok(_) => see_other(&format!("/people/{id}/pathway")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("step", f.step)
                .set("note", f.note)
                .set_date("done_on", &draft.done_on);
            form.add_errors(&t, &errs);
            pathway_page(&st, &s, id, form, FormState::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct LevelIn {
    #[serde(default)]
    to_level: String,
    #[serde(default)]
    decided_on_day: String,
    #[serde(default)]
    decided_on_month: String,
    #[serde(default)]
    decided_on_year: String,
    /// Named apart from the step form's note, so each form's errors sit by its own fields.
    #[serde(default)]
    level_note: String,
}

async fn decide_level(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<LevelIn>,
) -> WebResult {
    let t = s.ctx.t();
    let draft = LevelDraft {
        to_level: f.to_level.clone(),
        decided_on: DateParts {
            day: f.decided_on_day.clone(),
            month: f.decided_on_month.clone(),
            year: f.decided_on_year.clone(),
        },
        note: f.level_note.clone(),
    };
    match cairn_app::people::decide_level(&st.app, s.actor(), id, &draft).await {
        Ok(_) => see_other(&format!("/people/{id}/pathway")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("to_level", f.to_level)
                .set("level_note", f.level_note)
                .set_date("decided_on", &draft.decided_on);
            let renamed = cairn_domain::FieldErrors(
                errs.0
                    .into_iter()
                    .map(|mut e| {
                        if e.field == "note" {
                            e.field = "level_note".into();
                        }
                        e
                    })
                    .collect(),
            );
            form.add_errors(&t, &renamed);
            pathway_page(&st, &s, id, FormState::new(), form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// What Cairn holds about me, and the subject access export
// ---------------------------------------------------------------------------------------------

/// One thing the person said they were interested in, with where it has got to.
struct InterestRow {
    role: String,
    status: String,
    feedback: Option<String>,
}

#[derive(Template)]
#[template(path = "people/me.html")]
struct MePage {
    chrome: Chrome,
    t: Tr,
    /// None for an account with no person record.
    me: Option<MeView>,
    /// The person's pathway (empty without a record).
    pathway: PathwayView,
    /// Their learning: courses, credits, certificates and next steps.
    learning: Option<crate::training::MyLearning>,
}

struct MeView {
    record: Vec<(String, String)>,
    profile: Vec<(String, String)>,
    consents: Vec<(String, String)>,
    has_photo: bool,
    photo_src: String,
    photo_alt: String,
    interests: Vec<InterestRow>,
    /// (appointment id, what the role is and since when), each linking to the appointment,
    /// where the person can step down.
    roles: Vec<(i64, String)>,
    exits: Vec<String>,
    buddies: Vec<String>,
    groups: Vec<String>,
    claims: String,
}

fn or_none(t: &Tr, v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| t.get("me-nothing-yet"))
}

fn profile_rows(t: &Tr, p: &Profile) -> Vec<(String, String)> {
    let contact = match p.contact_by.as_deref().and_then(ContactBy::parse) {
        Some(c) => match &p.contact_note {
            Some(n) => format!("{} – {n}", t.get(&c.label_id())),
            None => t.get(&c.label_id()),
        },
        None => t.get("me-nothing-yet"),
    };
    vec![
        (t.get("profile-skills"), or_none(t, &p.skills)),
        (t.get("profile-interests"), or_none(t, &p.interests)),
        (t.get("profile-grow-areas"), or_none(t, &p.grow_areas)),
        (t.get("profile-ask-me-about"), or_none(t, &p.ask_me_about)),
        (t.get("profile-contact-by"), contact),
        (t.get("profile-access-needs"), or_none(t, &p.access_needs)),
    ]
}

fn consent_rows(t: &Tr, p: &Profile) -> Vec<(String, String)> {
    [
        ("consent-whos-who", p.consent_whos_who),
        ("consent-photo", p.consent_photo),
        ("consent-opportunities", p.consent_opportunities),
    ]
    .iter()
    .map(|(k, yes)| {
        (
            t.get(&format!("profile-{k}-short")),
            // A record of what was agreed ("Do" / "Naddo"), not the form's answers to a
            // question ("Cewch" / "Na chewch").
            t.get(if *yes {
                "me-consent-yes"
            } else {
                "me-consent-no"
            }),
        )
    })
    .collect()
}

async fn about_me(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let me = cairn_app::people::about_me(&st.app, s.actor()).await?;
    let today = org_today(&st, &s).await?;
    let pathway = me
        .as_ref()
        .map(|m| pathway_view(&t, &m.pathway))
        .unwrap_or_default();
    let me = me.map(|m| {
        let p = &m.person;
        // Named, not counted: "Ward 3, Crisis team" tells a member where they are involved.
        let mut names: Vec<String> = m
            .units
            .iter()
            .map(|u| local_name(&t, &u.name, u.name_cy.as_deref()))
            .collect();
        crate::views::sort_by_name(&t, &mut names, |n: &String| n.as_str());
        let units = if names.is_empty() {
            t.get("me-nothing-yet")
        } else {
            names.join(", ")
        };
        let record = vec![
            (t.get("me-name"), p.chosen_name.clone()),
            (t.get("me-taking-part"), t.get(&p.constituency.label_id())),
            (t.get("me-units"), units),
            (t.get("me-status"), t.get(&p.status.label_id())),
            (
                t.get("me-language"),
                t.get(&p.preferred_language.label_id()),
            ),
            (t.get("me-email"), or_none(&t, &p.email)),
            (
                t.get("me-consent-on"),
                p.consent_on
                    .as_deref()
                    .map(|d| date_words(&t, d))
                    .unwrap_or_else(|| t.get("me-nothing-yet")),
            ),
        ];
        let today = today.to_string();
        MeView {
            record,
            profile: profile_rows(&t, &m.profile),
            consents: consent_rows(&t, &m.profile),
            has_photo: m.profile.has_photo,
            photo_src: format!("/people/{}/photo", p.id),
            photo_alt: t.with("profile-photo-alt", &[("name", p.chosen_name.clone())]),
            interests: m
                .interests
                .iter()
                .map(|i| InterestRow {
                    role: match t.lang {
                        Language::Cy if !i.title_cy.trim().is_empty() => i.title_cy.clone(),
                        _ => i.title_en.clone(),
                    },
                    status: t.get(&format!("me-interest-{}", i.status.replace('_', "-"))),
                    feedback: i.feedback.clone().filter(|f| !f.trim().is_empty()),
                })
                .collect(),
            roles: m
                .appointments
                .iter()
                .map(|r| {
                    let text = if r.is_current(&today) || r.starts_on > today {
                        t.with(
                            "pathway-role-since",
                            &[
                                ("role", role_title(&t, r)),
                                ("date", date_words(&t, &r.starts_on)),
                            ],
                        )
                    } else {
                        t.with(
                            "me-role-ended",
                            &[
                                ("role", role_title(&t, r)),
                                ("from", date_words(&t, &r.starts_on)),
                                ("to", date_words(&t, r.ends_on.as_deref().unwrap_or(""))),
                            ],
                        )
                    };
                    (r.appointment_id, text)
                })
                .collect(),
            exits: m
                .exits
                .iter()
                .map(|x| {
                    let reasons = x
                        .reasons
                        .lines()
                        .filter(|r| !r.trim().is_empty())
                        .map(|r| match cairn_domain::roles::ExitReason::parse(r.trim()) {
                            Some(k) => t.get(&k.label_id()),
                            None => r.to_owned(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let base = t.with(
                        "me-exit",
                        &[("date", date_words(&t, &x.left_on)), ("reasons", reasons)],
                    );
                    match &x.own_words {
                        Some(w) if !w.trim().is_empty() => format!("{base} – {w}"),
                        _ => base,
                    }
                })
                .collect(),
            buddies: m
                .pairings
                .iter()
                .map(|b| {
                    let (id, other) = if b.newcomer_id == p.id {
                        ("me-buddy-is", b.buddy_name.clone())
                    } else {
                        ("me-buddy-for", b.newcomer_name.clone())
                    };
                    t.with(
                        id,
                        &[("name", other), ("date", date_words(&t, &b.starts_on))],
                    )
                })
                .collect(),
            groups: m
                .groups
                .iter()
                .map(|g| local_name(&t, &g.name_en, Some(&g.name_cy)))
                .collect(),
            claims: t.count("me-claims-count", m.claim_count),
        }
    });
    let chrome = Chrome::signed(&s, t.get("me-title"), organisation(&st, &s).await?);
    let learning = crate::training::my_learning(&st, &s, &t).await?;
    html(&MePage {
        chrome,
        t,
        me,
        pathway,
        learning,
    })
}

async fn export(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let x = cairn_app::people::export(&st.app, s.actor(), id).await?;
    let body = serde_json::to_vec_pretty(&x).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"person-{id}.json\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The export as a zip: the same JSON document, and each receipt as its own file (named in the
/// document's `receipts[].file`).
async fn export_zip(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let (x, files) = cairn_app::people::export_with_files(&st.app, s.actor(), id).await?;
    let json = serde_json::to_vec_pretty(&x).map_err(|e| WebError::Internal(e.to_string()))?;
    let tz = cairn_domain::time::time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let local = jiff::Timestamp::from_millisecond(x.exported_at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(tz);
    let when = crate::zip_export::DosTime::new(
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second(),
    );
    let name = format!("person-{id}.json");
    let mut entries: Vec<(&str, &[u8])> = vec![(name.as_str(), json.as_slice())];
    entries.extend(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())));
    let body = crate::zip_export::write(&entries, when).map_err(|_| {
        WebError::Internal(format!("the export of person {id} is too large for a zip"))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"person-{id}.zip\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// The who's-who
// ---------------------------------------------------------------------------------------------

struct WhoCard {
    name: String,
    photo: Option<String>,
    photo_alt: String,
    roles: Vec<String>,
    ask_me_about: Option<String>,
}

#[derive(Template)]
#[template(path = "people/whos_who.html")]
struct WhosWhoPage {
    chrome: Chrome,
    t: Tr,
    heading: String,
    printed: String,
    cards: Vec<WhoCard>,
    /// Links to unit pages (on the organisation's page), or back to it (on a unit's).
    units: Vec<(i64, String)>,
    on_unit: bool,
}

async fn whos_who_page(st: &AppState, s: &Signed, unit_id: Option<i64>) -> WebResult {
    let t = s.ctx.t();
    let w = cairn_app::people::whos_who(&st.app, s.actor(), unit_id, t.lang).await?;
    let org = organisation(st, s).await?;
    let heading = match &w.unit {
        Some(u) => t.with(
            "whos-who-unit-title",
            &[("unit", local_name(&t, &u.name, u.name_cy.as_deref()))],
        ),
        None => t.get("whos-who-title"),
    };
    let units = if w.unit.is_none() {
        cairn_app::people::whos_who_units(&st.app, s.actor())
            .await?
            .into_iter()
            .map(|u| (u.id, local_name(&t, &u.name, u.name_cy.as_deref())))
            .collect()
    } else {
        Vec::new()
    };
    let cards = w
        .people
        .iter()
        .map(|p| WhoCard {
            name: p.entry.chosen_name.clone(),
            photo: p
                .entry
                .has_photo
                .then(|| format!("/people/{}/photo", p.entry.id)),
            photo_alt: t.with(
                "profile-photo-alt",
                &[("name", p.entry.chosen_name.clone())],
            ),
            roles: p.roles.iter().map(|r| role_title(&t, r)).collect(),
            ask_me_about: p
                .entry
                .ask_me_about
                .clone()
                .filter(|a| !a.trim().is_empty()),
        })
        .collect();
    let today = org_today(st, s).await?;
    let chrome = Chrome::signed(s, heading.clone(), org.clone());
    html(&WhosWhoPage {
        chrome,
        heading,
        printed: t.with(
            "whos-who-printed",
            &[("organisation", org), ("date", format_date(today, t.lang))],
        ),
        cards,
        units,
        on_unit: w.unit.is_some(),
        t,
    })
}

async fn whos_who(State(st): State<AppState>, s: Signed) -> WebResult {
    whos_who_page(&st, &s, None).await
}

async fn whos_who_unit(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    whos_who_page(&st, &s, Some(id)).await
}
