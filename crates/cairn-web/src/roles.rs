//! Involvement-role pages: role descriptions (list, read, write in both languages),
//! opportunities (list with a member's own interests, advertise, read with the "I'm
//! interested" button, the A4 poster with Welsh first, withdraw), one expression of interest
//! with its history and the next move, appointments with their checklist and stepping down
//! with exit feedback, leaving altogether, the exits report by quarter (table and CSV), and
//! staff recruitment panels with their verdict.
//!
//! Handlers stay thin: each calls one use case in `cairn_app::roles` and renders or redirects.

use crate::context::{NoFields, Posted, Signed};
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
use cairn_app::roles::{Expressed, OpportunityView};
use cairn_db::roles::{Appointment, Exit, Interest, Opportunity, Role};
use cairn_domain::Permission;
use cairn_domain::people::Language;
use cairn_domain::roles::{
    ExitDraft, ExitReason, InterestStatus, OpportunityDraft, PaymentCategory, RecruitmentDraft,
    RecruitmentStage, RoleCheck, RoleDraft, RoleKind, StayInTouch,
};
use cairn_domain::time::{DateParts, format_date, parse_iso_date};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/roles", list)
        .get("/roles/new", new_form)
        .post("/roles/new", create)
        .get("/roles/exits", exits)
        .get("/roles/exits.csv", exits_csv)
        .get("/roles/{id}", show)
        .post("/roles/{id}/training", add_training)
        .post("/roles/{id}/training/remove", remove_training)
        .get("/roles/{id}/edit", edit_form)
        .post("/roles/{id}/edit", update)
        .get("/opportunities", opportunities)
        .get("/opportunities/new", new_opportunity_form)
        .post("/opportunities/new", create_opportunity)
        .get("/opportunities/{id}", opportunity)
        .get("/opportunities/{id}/poster", poster)
        .post("/opportunities/{id}/interest", express)
        .post("/opportunities/{id}/withdraw", withdraw)
        .get("/interests/{id}", interest)
        .reads_person()
        .post("/interests/{id}/transition", transition)
        .get("/appointments/{id}", appointment)
        .reads_person()
        .post("/appointments/{id}/checks", record_check)
        .get("/appointments/{id}/end", end_form)
        .post("/appointments/{id}/end", end)
        .get("/people/{id}/leave", leave_form)
        .reads_person()
        .post("/people/{id}/leave", leave)
        .get("/recruitment", recruitment)
        .get("/recruitment/new", new_process_form)
        .post("/recruitment/new", create_process)
        .get("/recruitment/{id}", process)
        .post("/recruitment/{id}/panel", set_panel)
}

fn status_of(form: &FormState) -> StatusCode {
    if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

fn date_words(t: &Tr, iso: &str) -> String {
    parse_iso_date(iso)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default()
}

fn welsh(t: &Tr) -> bool {
    t.lang == Language::Cy
}

async fn unit_names(st: &AppState, s: &Signed) -> WebResult<Vec<(i64, String)>> {
    let t = s.ctx.t();
    if !s.actor().can(Permission::ViewUnits) {
        // Members read where an opportunity is; they are offered no unit to choose.
        let rows = cairn_app::units::unit_labels(&st.app, s.actor()).await?;
        return Ok(rows
            .into_iter()
            .map(|(id, name, cy)| (id, local_name(&t, &name, cy.as_deref())))
            .collect());
    }
    crate::views::unit_names(st, s).await
}

fn where_words(t: &Tr, units: &[(i64, String)], unit: Option<i64>) -> String {
    match unit {
        None => t.get("roles-whole-service"),
        Some(u) => units
            .iter()
            .find(|(id, _)| *id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| t.get("roles-a-unit")),
    }
}

fn level_words(t: &Tr, level: i64) -> String {
    t.get(&format!("roles-level-{}", level.clamp(1, 3)))
}

/// The role's description in the page's language: (label, text) pairs.
fn description(t: &Tr, r: &Role) -> Vec<(String, String)> {
    let cy = welsh(t);
    let pick = |en: &str, cyv: &str| if cy { cyv.to_owned() } else { en.to_owned() };
    let checks: Vec<String> = r.checks().iter().map(|c| t.get(&c.label_id())).collect();
    vec![
        (t.get("roles-purpose"), pick(&r.purpose_en, &r.purpose_cy)),
        (
            t.get("roles-involves"),
            pick(&r.involves_en, &r.involves_cy),
        ),
        (t.get("roles-level"), level_words(t, r.level)),
        (t.get("roles-time"), pick(&r.time_en, &r.time_cy)),
        (t.get("roles-support"), pick(&r.support_en, &r.support_cy)),
        (t.get("roles-payment"), t.get(&r.payment.label_id())),
        (
            t.get("roles-checks"),
            if checks.is_empty() {
                t.get("roles-checks-none")
            } else {
                checks.join(", ")
            },
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Role descriptions
// ---------------------------------------------------------------------------------------------

struct RoleRow {
    id: i64,
    title: String,
    kind: String,
    level: String,
    published: bool,
}

#[derive(Template)]
#[template(path = "roles/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<RoleRow>,
    can_manage: bool,
    can_recruit: bool,
    can_exits: bool,
}

async fn list(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let a = s.actor();
    let roles = cairn_app::roles::roles(&st.app, a).await?;
    let mut rows: Vec<RoleRow> = roles
        .iter()
        .map(|r| RoleRow {
            id: r.id,
            title: r.title(welsh(&t)).to_owned(),
            kind: t.get(&r.kind.label_id()),
            level: level_words(&t, r.level),
            published: r.published_at.is_some(),
        })
        .collect();
    crate::views::sort_by_name(&t, &mut rows, |r| &r.title);
    let chrome = Chrome::signed(&s, t.get("roles-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows,
        can_manage: a.can(Permission::ManageRoles),
        can_recruit: a.can(Permission::ManageRecruitment),
        can_exits: a.can(Permission::ViewExits),
    })
}

#[derive(Deserialize, Default)]
struct RoleIn {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_cy: String,
    #[serde(default)]
    purpose_en: String,
    #[serde(default)]
    purpose_cy: String,
    #[serde(default)]
    involves_en: String,
    #[serde(default)]
    involves_cy: String,
    #[serde(default)]
    time_en: String,
    #[serde(default)]
    time_cy: String,
    #[serde(default)]
    support_en: String,
    #[serde(default)]
    support_cy: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    payment: String,
    #[serde(default)]
    checks: Vec<String>,
    /// The "leadership" and "published" checkboxes.
    #[serde(default)]
    flags: Vec<String>,
}

/// The paragraphs of a role description, as field stems.
const PARAGRAPHS: [&str; 4] = ["purpose", "involves", "time", "support"];

impl RoleIn {
    fn draft(&self) -> RoleDraft {
        RoleDraft {
            kind: self.kind.clone(),
            title_en: self.title_en.clone(),
            title_cy: self.title_cy.clone(),
            purpose_en: self.purpose_en.clone(),
            purpose_cy: self.purpose_cy.clone(),
            involves_en: self.involves_en.clone(),
            involves_cy: self.involves_cy.clone(),
            time_en: self.time_en.clone(),
            time_cy: self.time_cy.clone(),
            support_en: self.support_en.clone(),
            support_cy: self.support_cy.clone(),
            level: self.level.clone(),
            payment: self.payment.clone(),
            leadership: self.flags.iter().any(|f| f == "leadership"),
            checks: self.checks.clone(),
            published: self.flags.iter().any(|f| f == "published"),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("kind", self.kind.clone())
            .set("title_en", self.title_en.clone())
            .set("title_cy", self.title_cy.clone())
            .set("purpose_en", self.purpose_en.clone())
            .set("purpose_cy", self.purpose_cy.clone())
            .set("involves_en", self.involves_en.clone())
            .set("involves_cy", self.involves_cy.clone())
            .set("time_en", self.time_en.clone())
            .set("time_cy", self.time_cy.clone())
            .set("support_en", self.support_en.clone())
            .set("support_cy", self.support_cy.clone())
            .set("level", self.level.clone())
            .set("payment", self.payment.clone())
            .set_many("checks", self.checks.clone())
            .set_many("flags", self.flags.clone());
        f
    }

    fn of(r: &Role) -> Self {
        RoleIn {
            kind: r.kind.key().into(),
            title_en: r.title_en.clone(),
            title_cy: r.title_cy.clone(),
            purpose_en: r.purpose_en.clone(),
            purpose_cy: r.purpose_cy.clone(),
            involves_en: r.involves_en.clone(),
            involves_cy: r.involves_cy.clone(),
            time_en: r.time_en.clone(),
            time_cy: r.time_cy.clone(),
            support_en: r.support_en.clone(),
            support_cy: r.support_cy.clone(),
            level: r.level.to_string(),
            payment: r.payment.key().into(),
            checks: r.checks().iter().map(|c| c.key().to_owned()).collect(),
            flags: [
                r.leadership.then(|| "leadership".to_owned()),
                r.published_at.map(|_| "published".to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    }
}

/// One paragraph of the form: (English field, Welsh field, label, hint).
struct Paragraph {
    en: String,
    cy: String,
    label: String,
    hint: String,
}

#[derive(Template)]
#[template(path = "roles/form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    payments: Vec<Choice>,
    checks: Vec<Choice>,
    flags: Vec<Choice>,
    paragraphs: Vec<Paragraph>,
    editing: Option<i64>,
}

async fn form_page(st: &AppState, s: &Signed, form: FormState, editing: Option<i64>) -> WebResult {
    let t = s.ctx.t();
    if !s.actor().can(Permission::ManageRoles) {
        return Err(WebError::Forbidden);
    }
    let title = if editing.is_some() {
        t.get("roles-edit-title")
    } else {
        t.get("roles-new-title")
    };
    let chrome = Chrome::signed(s, title, organisation(st, s).await?)
        .about(match form.value("title_cy") {
            cy if welsh(&t) && !cy.is_empty() => cy,
            _ => form.value("title_en"),
        })
        .with_errors(&form);
    let paragraphs = PARAGRAPHS
        .iter()
        .map(|p| Paragraph {
            en: format!("{p}_en"),
            cy: format!("{p}_cy"),
            label: t.get(&format!("roles-{p}")),
            hint: t.get(&format!("roles-{p}-hint")),
        })
        .collect();
    let levels = (1..=3)
        .map(|l| Choice {
            value: l.to_string(),
            label: level_words(&t, l),
        })
        .collect();
    let flags = vec![
        Choice {
            value: "leadership".into(),
            label: t.get("roles-leadership-label"),
        },
        Choice {
            value: "published".into(),
            label: t.get("roles-published-label"),
        },
    ];
    html_status(
        status_of(&form),
        &FormPage {
            kinds: choices(&t, RoleKind::ALL, RoleKind::key, RoleKind::label_id),
            payments: choices(
                &t,
                PaymentCategory::ALL,
                PaymentCategory::key,
                PaymentCategory::label_id,
            ),
            checks: choices(&t, RoleCheck::ALL, RoleCheck::key, RoleCheck::label_id),
            chrome,
            t,
            form,
            levels,
            flags,
            paragraphs,
            editing,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    form_page(&st, &s, FormState::new(), None).await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(f): Posted<RoleIn>) -> WebResult {
    match cairn_app::roles::create_role(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/roles/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            form_page(&st, &s, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let r = cairn_app::roles::role(&st.app, s.actor(), id).await?;
    form_page(&st, &s, RoleIn::of(&r).form(), Some(id)).await
}

async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RoleIn>,
) -> WebResult {
    match cairn_app::roles::update_role(&st.app, s.actor(), id, &f.draft()).await {
        Ok(()) => see_other(&format!("/roles/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            form_page(&st, &s, form, Some(id)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "roles/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    kind: String,
    published: bool,
    leadership: bool,
    facts: Vec<(String, String)>,
    /// The other language's title, for those who write roles.
    other_title: String,
    can_manage: bool,
    /// The training the role needs: (course id, title, how often it is refreshed).
    training: Vec<(i64, crate::training::Local, String)>,
    /// Courses to choose from (those who write roles).
    courses: Vec<Choice>,
    form: FormState,
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_view(&st, &s, id, FormState::new()).await
}

async fn show_view(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let r = cairn_app::roles::role(&st.app, s.actor(), id).await?;
    let needs = cairn_app::training::accreditation::role_training(&st.app, s.actor(), id).await?;
    let can_manage = s.actor().can(Permission::ManageRoles);
    let courses = if can_manage {
        cairn_app::training::courses(&st.app, s.actor())
            .await?
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: crate::training::local_title(
                    &t,
                    c.title_en.as_deref(),
                    c.title_cy.as_deref(),
                )
                .text,
            })
            .collect()
    } else {
        Vec::new()
    };
    let chrome = Chrome::signed(s, r.title(welsh(&t)).to_owned(), organisation(st, s).await?)
        .with_errors(&form);
    html_status(
        status_of(&form),
        &ShowPage {
            id,
            kind: t.get(&r.kind.label_id()),
            published: r.published_at.is_some(),
            leadership: r.leadership,
            facts: description(&t, &r),
            other_title: r.title(!welsh(&t)).to_owned(),
            can_manage,
            training: needs
                .iter()
                .map(|n| {
                    (
                        n.course_id,
                        crate::training::local_title(
                            &t,
                            n.title_en.as_deref(),
                            n.title_cy.as_deref(),
                        ),
                        match n.refresh_months {
                            Some(m) => t.count("role-training-every", m),
                            None => t.get("role-training-once"),
                        },
                    )
                })
                .collect(),
            courses,
            form,
            chrome,
            t,
        },
    )
}

#[derive(Deserialize)]
struct RoleTrainingIn {
    #[serde(default)]
    course_id: String,
    #[serde(default)]
    refresh_months: String,
}

/// Says the role needs a course (and how often it is refreshed).
async fn add_training(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RoleTrainingIn>,
) -> WebResult {
    match cairn_app::training::accreditation::set_role_training(
        &st.app,
        s.actor(),
        id,
        &f.course_id,
        &f.refresh_months,
    )
    .await
    {
        Ok(()) => see_other(&format!("/roles/{id}#training")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("course_id", f.course_id)
                .set("refresh_months", f.refresh_months);
            form.add_errors(&s.ctx.t(), &errs);
            show_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The role no longer needs a course.
async fn remove_training(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<RoleTrainingIn>,
) -> WebResult {
    // Anything but a number names no course: the use case answers 403 or 404 as for any.
    let course: i64 = f.course_id.trim().parse().unwrap_or(0);
    cairn_app::training::accreditation::remove_role_training(&st.app, s.actor(), id, course)
        .await?;
    see_other(&format!("/roles/{id}#training"))
}

// ---------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------

struct OpportunityRow {
    id: i64,
    title: String,
    place: String,
    closes: String,
    note: String,
    status: String,
}

struct MyInterestRow {
    id: i64,
    title: String,
    status: String,
    feedback: String,
}

#[derive(Template)]
#[template(path = "roles/opportunities.html")]
struct OpportunitiesPage {
    chrome: Chrome,
    t: Tr,
    open: Vec<OpportunityRow>,
    closed: Vec<OpportunityRow>,
    mine: Vec<MyInterestRow>,
    is_member: bool,
    can_manage: bool,
}

fn opportunity_rows(t: &Tr, units: &[(i64, String)], list: &[Opportunity]) -> Vec<OpportunityRow> {
    list.iter()
        .map(|o| OpportunityRow {
            id: o.id,
            title: o.title(welsh(t)).to_owned(),
            place: where_words(t, units, o.unit_id),
            closes: t.with("roles-closes-on", &[("date", date_words(t, &o.closes_on))]),
            note: o.note(welsh(t)).unwrap_or_default().to_owned(),
            status: if o.withdrawn_at.is_some() {
                t.get("roles-withdrawn")
            } else {
                t.get("roles-closed")
            },
        })
        .collect()
}

/// A member's own words for where their interest has got to.
fn interest_status_words(t: &Tr, status: InterestStatus) -> String {
    t.get(&status.label_id())
}

async fn opportunities(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let a = s.actor();
    let v = cairn_app::roles::opportunities(&st.app, a).await?;
    let units = unit_names(&st, &s).await?;
    let mine = v
        .mine
        .iter()
        .map(|i| MyInterestRow {
            id: i.id,
            title: if welsh(&t) {
                i.title_cy.clone()
            } else {
                i.title_en.clone()
            },
            status: interest_status_words(&t, i.status),
            feedback: i.feedback.clone().unwrap_or_default(),
        })
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.get("roles-opportunities-title"),
        organisation(&st, &s).await?,
    );
    html(&OpportunitiesPage {
        open: opportunity_rows(&t, &units, &v.open),
        closed: opportunity_rows(&t, &units, &v.closed),
        mine,
        is_member: a.can(Permission::ExpressInterest),
        can_manage: v.can_manage,
        chrome,
        t,
    })
}

#[derive(Deserialize, Default)]
struct OpportunityIn {
    #[serde(default)]
    role_id: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    note_en: String,
    #[serde(default)]
    note_cy: String,
    #[serde(default)]
    closes_on_day: String,
    #[serde(default)]
    closes_on_month: String,
    #[serde(default)]
    closes_on_year: String,
}

impl OpportunityIn {
    fn draft(&self) -> OpportunityDraft {
        OpportunityDraft {
            role_id: self.role_id.clone(),
            unit_id: self.unit_id.clone(),
            note_en: self.note_en.clone(),
            note_cy: self.note_cy.clone(),
            closes_on: DateParts {
                day: self.closes_on_day.clone(),
                month: self.closes_on_month.clone(),
                year: self.closes_on_year.clone(),
            },
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("role_id", self.role_id.clone())
            .set("unit_id", self.unit_id.clone())
            .set("note_en", self.note_en.clone())
            .set("note_cy", self.note_cy.clone())
            .set_date("closes_on", &self.draft().closes_on);
        f
    }
}

#[derive(Template)]
#[template(path = "roles/opportunity_form.html")]
struct OpportunityFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    roles: Vec<Choice>,
    units: Vec<Choice>,
}

async fn opportunity_form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    if !s.actor().can(Permission::ManageRoles) {
        return Err(WebError::Forbidden);
    }
    let roles = cairn_app::roles::roles(&st.app, s.actor()).await?;
    let roles = roles
        .iter()
        .filter(|r| r.published_at.is_some())
        .map(|r| Choice {
            value: r.id.to_string(),
            label: r.title(welsh(&t)).to_owned(),
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
    let chrome = Chrome::signed(
        s,
        t.get("roles-opportunity-new-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &OpportunityFormPage {
            chrome,
            t,
            form,
            roles,
            units,
        },
    )
}

#[derive(Deserialize, Default)]
struct NewOpportunityQuery {
    role: Option<String>,
}

async fn new_opportunity_form(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<NewOpportunityQuery>,
) -> WebResult {
    let mut form = FormState::new();
    if let Some(r) = q.role {
        form.set("role_id", r);
    }
    opportunity_form_page(&st, &s, form).await
}

async fn create_opportunity(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<OpportunityIn>,
) -> WebResult {
    match cairn_app::roles::create_opportunity(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/opportunities/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            opportunity_form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

struct InterestRow {
    id: i64,
    name: String,
    status: String,
    on_behalf: bool,
    when: String,
}

#[derive(Template)]
#[template(path = "roles/opportunity.html")]
struct OpportunityPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    role_id: i64,
    place: String,
    closes: String,
    note: String,
    facts: Vec<(String, String)>,
    open: bool,
    is_member: bool,
    /// The member's own interest, if they already said so.
    my_interest: Option<i64>,
    /// Staff and leads recording interest for someone: the people they may choose.
    people: Vec<Choice>,
    interests: Vec<InterestRow>,
    can_manage: bool,
    can_express: bool,
    form: FormState,
}

async fn opportunity_page(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let a = s.actor();
    let v: OpportunityView = cairn_app::roles::opportunity(&st.app, a, id).await?;
    let units = unit_names(st, s).await?;
    let is_member = a.can(Permission::ExpressInterest);
    // Only those who may list people are offered the people to record interest for.
    let people = if v.can_express && !is_member && a.can(Permission::ViewPeople) {
        let q = cairn_db::people::PeopleQuery {
            status: Some(cairn_domain::people::PersonStatus::Active),
            limit: 200,
            welsh_order: t.lang == cairn_domain::people::Language::Cy,
            ..Default::default()
        };
        cairn_app::people::list(&st.app, a, q)
            .await?
            .into_iter()
            .map(|p| crate::views::person_choice(&t, &p.person))
            .collect()
    } else {
        Vec::new()
    };
    let my_interest = if is_member {
        v.interests
            .iter()
            .find(|i| a.is_person(i.person_id))
            .map(|i| i.id)
    } else {
        None
    };
    let tz = cairn_domain::time::time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let interests = v
        .interests
        .iter()
        .map(|i| InterestRow {
            id: i.id,
            name: i.person_name.clone(),
            status: t.get(&i.status.label_id()),
            on_behalf: i.on_behalf,
            when: cairn_domain::time::format_instant(i.created_at, &tz, t.lang),
        })
        .collect();
    let o = &v.opportunity;
    let title = o.title(welsh(&t)).to_owned();
    let chrome = Chrome::signed(s, title, organisation(st, s).await?)
        .about(t.get("roles-opportunities-title"))
        .with_errors(&form);
    html_status(
        status_of(&form),
        &OpportunityPage {
            id,
            role_id: o.role_id,
            place: where_words(&t, &units, o.unit_id),
            closes: t.with("roles-closes-on", &[("date", date_words(&t, &o.closes_on))]),
            note: o.note(welsh(&t)).unwrap_or_default().to_owned(),
            facts: description(&t, &v.role),
            open: v.open,
            is_member,
            my_interest,
            people,
            interests,
            can_manage: v.can_manage,
            can_express: v.can_express,
            form,
            chrome,
            t,
        },
    )
}

async fn opportunity(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    opportunity_page(&st, &s, id, FormState::new()).await
}

#[derive(Template)]
#[template(path = "roles/poster.html")]
struct PosterPage {
    t: Tr,
    title: String,
    /// Welsh first, then English: (heading, text) pairs for each language.
    cy: PosterSide,
    en: PosterSide,
    back: String,
}

struct PosterSide {
    title: String,
    heading_interested: String,
    place: String,
    closes: String,
    facts: Vec<(String, String)>,
    how: String,
    note: String,
}

fn poster_side(lang: Language, v: &OpportunityView, units: &[(i64, String)]) -> PosterSide {
    let t = Tr::new(lang);
    let o = &v.opportunity;
    let place = match o.unit_id {
        None => t.get("roles-whole-service"),
        Some(u) => units
            .iter()
            .find(|(id, _)| *id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| t.get("roles-a-unit")),
    };
    PosterSide {
        title: o.title(lang == Language::Cy).to_owned(),
        heading_interested: t.get("roles-poster-heading"),
        place: t.with("roles-poster-where", &[("place", place)]),
        closes: t.with("roles-closes-on", &[("date", date_words(&t, &o.closes_on))]),
        // Everything but the checks: the poster is for deciding whether to ask.
        facts: description(&t, &v.role).into_iter().take(6).collect(),
        how: t.get("roles-poster-how"),
        note: o.note(lang == Language::Cy).unwrap_or_default().to_owned(),
    }
}

async fn poster(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::roles::opportunity(&st.app, s.actor(), id).await?;
    // Unit names in each language, for the two halves of the poster.
    // Names only: members print posters too.
    let rows = cairn_app::units::unit_labels(&st.app, s.actor()).await?;
    let names = |lang: Language| -> Vec<(i64, String)> {
        let tr = Tr::new(lang);
        rows.iter()
            .map(|(id, name, cy)| (*id, local_name(&tr, name, cy.as_deref())))
            .collect()
    };
    let cy = poster_side(Language::Cy, &v, &names(Language::Cy));
    let en = poster_side(Language::En, &v, &names(Language::En));
    html(&PosterPage {
        title: format!("{} / {}", cy.title, en.title),
        cy,
        en,
        back: format!("/opportunities/{id}"),
        t,
    })
}

#[derive(Deserialize, Default)]
struct InterestIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    message: String,
}

async fn express(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<InterestIn>,
) -> WebResult {
    let person = f.person_id.trim().parse::<i64>().ok();
    let mut bad_person = false;
    let result = if !f.person_id.trim().is_empty() && person.is_none() {
        bad_person = true;
        Err(AppError::Invalid({
            let mut e = cairn_domain::FieldErrors::new();
            e.add("person_id", "roles-error-person");
            e
        }))
    } else {
        cairn_app::roles::express_interest(&st.app, s.actor(), id, person, &f.message).await
    };
    match result {
        Ok(Expressed::New(i)) => see_other(&format!("/interests/{i}?sent=1")),
        Ok(Expressed::Already(i)) => see_other(&format!("/interests/{i}?already=1")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("message", f.message.clone());
            if !bad_person {
                form.set("person_id", f.person_id.clone());
            }
            form.add_errors(&s.ctx.t(), &errs);
            opportunity_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<NoFields>,
) -> WebResult {
    match cairn_app::roles::withdraw_opportunity(&st.app, s.actor(), id).await {
        Ok(()) => see_other(&format!("/opportunities/{id}")),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// One expression of interest
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct InterestQuery {
    sent: Option<String>,
    already: Option<String>,
}

struct EventRow {
    what: String,
    when: String,
    by: String,
    note: String,
}

#[derive(Template)]
#[template(path = "roles/interest.html")]
struct InterestPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    opportunity_id: i64,
    title: String,
    name: String,
    status: String,
    ended_kindly: bool,
    message: String,
    feedback: String,
    on_behalf: bool,
    events: Vec<EventRow>,
    appointment_id: Option<i64>,
    moves: Vec<Choice>,
    sent: bool,
    already: bool,
    is_member: bool,
    form: FormState,
}

async fn interest_page(
    st: &AppState,
    s: &Signed,
    id: i64,
    q: &InterestQuery,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::roles::interest(&st.app, s.actor(), id).await?;
    let tz = cairn_domain::time::time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let i: &Interest = &v.interest;
    let title = if welsh(&t) {
        i.title_cy.clone()
    } else {
        i.title_en.clone()
    };
    let events = v
        .events
        .iter()
        .map(|e| EventRow {
            what: InterestStatus::parse(&e.to_status)
                .map(|s| t.get(&s.label_id()))
                .unwrap_or_default(),
            when: cairn_domain::time::format_instant(e.at, &tz, t.lang),
            by: e.by_label.clone(),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect();
    let moves = v
        .moves
        .iter()
        .map(|m| Choice {
            value: m.key().to_owned(),
            label: t.get(&format!("roles-move-{}", m.key().replace('_', "-"))),
        })
        .collect();
    let chrome = Chrome::signed(s, t.get("roles-interest-title"), organisation(st, s).await?)
        .about(format!("{title} – {}", i.person_name))
        .with_errors(&form);
    html_status(
        status_of(&form),
        &InterestPage {
            id,
            opportunity_id: i.opportunity_id,
            title,
            name: i.person_name.clone(),
            status: t.get(&i.status.label_id()),
            ended_kindly: i.status == InterestStatus::NotThisTime,
            message: i.message.clone().unwrap_or_default(),
            feedback: i.feedback.clone().unwrap_or_default(),
            on_behalf: i.on_behalf,
            events,
            appointment_id: v.appointment_id,
            moves,
            sent: q.sent.is_some(),
            already: q.already.is_some(),
            is_member: s.actor().can(Permission::ExpressInterest),
            form,
            chrome,
            t,
        },
    )
}

async fn interest(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<InterestQuery>,
) -> WebResult {
    interest_page(&st, &s, id, &q, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct MoveIn {
    #[serde(default)]
    to: String,
    #[serde(default)]
    feedback: String,
    #[serde(default)]
    starts_on_day: String,
    #[serde(default)]
    starts_on_month: String,
    #[serde(default)]
    starts_on_year: String,
}

async fn transition(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<MoveIn>,
) -> WebResult {
    let start = DateParts {
        day: f.starts_on_day.clone(),
        month: f.starts_on_month.clone(),
        year: f.starts_on_year.clone(),
    };
    match cairn_app::roles::move_interest(&st.app, s.actor(), id, &f.to, &f.feedback, &start).await
    {
        Ok(Some(appointment)) => see_other(&format!("/appointments/{appointment}")),
        Ok(None) => see_other(&format!("/interests/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("to", f.to.clone())
                .set("feedback", f.feedback.clone())
                .set_date("starts_on", &start);
            form.add_errors(&s.ctx.t(), &errs);
            interest_page(&st, &s, id, &InterestQuery::default(), form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Appointments and leaving
// ---------------------------------------------------------------------------------------------

struct CheckRow {
    label: String,
    done: String,
}

/// A course the role needs, and where the person stands with it.
struct TrainingRow {
    course_id: i64,
    title: crate::training::Local,
    state: String,
    ok: bool,
}

fn training_rows(
    t: &Tr,
    list: &[cairn_app::training::accreditation::TrainingCheck],
) -> Vec<TrainingRow> {
    use cairn_domain::time::format_date;
    use cairn_domain::training::RoleTrainingState;
    list.iter()
        .map(|c| {
            let last = c
                .last_trained
                .map(|d| format_date(d, t.lang))
                .unwrap_or_default();
            let (state, ok) = match c.state {
                RoleTrainingState::Missing => (t.get("role-training-missing"), false),
                RoleTrainingState::Current { due: None } => {
                    (t.with("role-training-done", &[("date", last)]), true)
                }
                RoleTrainingState::Current { due: Some(due) } => (
                    t.with(
                        "role-training-due",
                        &[("date", last), ("due", format_date(due, t.lang))],
                    ),
                    true,
                ),
                RoleTrainingState::Lapsed { due } => (
                    t.with("role-training-lapsed", &[("due", format_date(due, t.lang))]),
                    false,
                ),
            };
            TrainingRow {
                course_id: c.course_id,
                title: crate::training::local_title(
                    t,
                    c.title_en.as_deref(),
                    c.title_cy.as_deref(),
                ),
                state,
                ok,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "roles/appointment.html")]
struct AppointmentPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    facts: Vec<(String, String)>,
    checks: Vec<CheckRow>,
    check_choices: Vec<Choice>,
    training: Vec<TrainingRow>,
    exit: Vec<(String, String)>,
    can_check: bool,
    can_end: bool,
    form: FormState,
}

fn exit_facts(t: &Tr, e: &Exit) -> Vec<(String, String)> {
    let reasons: Vec<String> = e
        .reason_list()
        .iter()
        .map(|r| t.get(&r.label_id()))
        .collect();
    let mut out = vec![
        (t.get("exit-left-on"), date_words(t, &e.left_on)),
        (t.get("exit-reasons"), reasons.join(", ")),
        (t.get("exit-stay"), t.get(&e.stay_in_touch.label_id())),
    ];
    if let Some(w) = &e.own_words {
        out.push((t.get("exit-own-words"), w.clone()));
    }
    if e.on_behalf {
        out.push((t.get("exit-entered-by"), e.entered_by_label.clone()));
    }
    out
}

async fn appointment_page(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::roles::appointment(&st.app, s.actor(), id).await?;
    let units = unit_names(st, s).await?;
    let a: &Appointment = &v.appointment;
    let mut facts = vec![
        (t.get("roles-col-person"), a.person_name.clone()),
        (t.get("roles-col-where"), where_words(&t, &units, a.unit_id)),
        (t.get("roles-starts-on"), date_words(&t, &a.starts_on)),
    ];
    facts.push((
        t.get("roles-ends-on"),
        a.ends_on
            .as_deref()
            .map(|d| date_words(&t, d))
            .unwrap_or_else(|| t.get("roles-still-held")),
    ));
    let list = a.checklist();
    let checks = list
        .iter()
        .map(|(c, done)| CheckRow {
            label: t.get(&c.label_id()),
            done: done
                .map(|d| t.with("roles-check-done-on", &[("date", date_words(&t, d))]))
                .unwrap_or_else(|| t.get("roles-check-not-yet")),
        })
        .collect();
    let check_choices = list
        .iter()
        .map(|(c, _)| Choice {
            value: c.key().to_owned(),
            label: t.get(&c.label_id()),
        })
        .collect();
    let exit = v
        .exit
        .as_ref()
        .map(|e| exit_facts(&t, e))
        .unwrap_or_default();
    let chrome = Chrome::signed(s, a.title(welsh(&t)).to_owned(), organisation(st, s).await?)
        .about(&a.person_name)
        .with_errors(&form);
    html_status(
        status_of(&form),
        &AppointmentPage {
            id,
            facts,
            checks,
            check_choices,
            training: training_rows(&t, &v.training),
            exit,
            can_check: v.can_check && a.ends_on.is_none(),
            can_end: v.can_end,
            form,
            chrome,
            t,
        },
    )
}

async fn appointment(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    appointment_page(&st, &s, id, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct CheckIn {
    #[serde(default)]
    check: String,
    #[serde(default)]
    done_on_day: String,
    #[serde(default)]
    done_on_month: String,
    #[serde(default)]
    done_on_year: String,
}

async fn record_check(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CheckIn>,
) -> WebResult {
    let done = DateParts {
        day: f.done_on_day.clone(),
        month: f.done_on_month.clone(),
        year: f.done_on_year.clone(),
    };
    match cairn_app::roles::record_check(&st.app, s.actor(), id, &f.check, &done).await {
        Ok(()) => see_other(&format!("/appointments/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("check", f.check.clone())
                .set_date("done_on", &done);
            form.add_errors(&s.ctx.t(), &errs);
            appointment_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct ExitIn {
    #[serde(default)]
    left_on_day: String,
    #[serde(default)]
    left_on_month: String,
    #[serde(default)]
    left_on_year: String,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    own_words: String,
    #[serde(default)]
    stay_in_touch: String,
}

impl ExitIn {
    fn draft(&self) -> ExitDraft {
        ExitDraft {
            left_on: DateParts {
                day: self.left_on_day.clone(),
                month: self.left_on_month.clone(),
                year: self.left_on_year.clone(),
            },
            reasons: self.reasons.clone(),
            own_words: self.own_words.clone(),
            stay_in_touch: self.stay_in_touch.clone(),
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set_date("left_on", &self.draft().left_on)
            .set_many("reasons", self.reasons.clone())
            .set("own_words", self.own_words.clone())
            .set("stay_in_touch", self.stay_in_touch.clone());
        f
    }
}

#[derive(Template)]
#[template(path = "roles/exit_form.html")]
struct ExitFormPage {
    chrome: Chrome,
    t: Tr,
    action: String,
    back: String,
    intro: String,
    /// Staff recording for someone: "You are recording this for …".
    for_whom: String,
    ends: Vec<String>,
    form: FormState,
    reasons: Vec<Choice>,
    stays: Vec<Choice>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the two exit forms differ in these"
)]
async fn exit_form_page(
    st: &AppState,
    s: &Signed,
    title: String,
    about: String,
    action: String,
    back: String,
    intro: String,
    for_whom: String,
    ends: Vec<String>,
    mut form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    // A fresh form suggests today as the leaving date.
    if form.part("left_on", "day").is_empty() && !form.has_errors() {
        let today = cairn_app::roles::today_of(&st.app, s.actor()).await?;
        form.set_date("left_on", &DateParts::from_date(Some(today)));
    }
    let chrome = Chrome::signed(s, title, organisation(st, s).await?)
        .about(about)
        .with_errors(&form);
    html_status(
        status_of(&form),
        &ExitFormPage {
            reasons: choices(&t, ExitReason::ALL, ExitReason::key, ExitReason::label_id),
            stays: choices(
                &t,
                StayInTouch::ALL,
                StayInTouch::key,
                StayInTouch::label_id,
            ),
            chrome,
            t,
            action,
            back,
            intro,
            for_whom,
            ends,
            form,
        },
    )
}

async fn end_page(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let a = cairn_app::roles::may_end(&st.app, s.actor(), id).await?;
    if a.ends_on.is_some() {
        return Err(WebError::Conflict("exit-error-already-ended"));
    }
    let title = a.title(welsh(&t)).to_owned();
    let for_whom = if s.actor().is_person(a.person_id) {
        String::new()
    } else {
        t.with("roles-recording-for", &[("name", a.person_name.clone())])
    };
    exit_form_page(
        st,
        s,
        t.with("exit-step-down-title", &[("role", title)]),
        a.person_name.clone(),
        format!("/appointments/{id}/end"),
        format!("/appointments/{id}"),
        t.get("exit-step-down-intro"),
        for_whom,
        Vec::new(),
        form,
    )
    .await
}

async fn end_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    end_page(&st, &s, id, FormState::new()).await
}

async fn end(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ExitIn>,
) -> WebResult {
    match cairn_app::roles::end_appointment(&st.app, s.actor(), id, &f.draft()).await {
        Ok(_) => see_other(&format!("/appointments/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            end_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn leave_page(st: &AppState, s: &Signed, person: i64, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::roles::leaving(&st.app, s.actor(), person).await?;
    let for_whom = if v.is_self {
        String::new()
    } else {
        t.with("roles-recording-for", &[("name", v.chosen_name.clone())])
    };
    let ends = v
        .open
        .iter()
        .map(|a| a.title(welsh(&t)).to_owned())
        .collect();
    let back = if v.is_self {
        "/opportunities".to_owned()
    } else {
        format!("/people/{person}")
    };
    exit_form_page(
        st,
        s,
        t.get("exit-leave-title"),
        v.chosen_name.clone(),
        format!("/people/{person}/leave"),
        back,
        t.get("exit-leave-intro"),
        for_whom,
        ends,
        form,
    )
    .await
}

async fn leave_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    leave_page(&st, &s, id, FormState::new()).await
}

async fn leave(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ExitIn>,
) -> WebResult {
    match cairn_app::roles::leave(&st.app, s.actor(), id, &f.draft()).await {
        Ok(_) => {
            let to = if s.actor().is_person(id) {
                "/home".to_owned()
            } else {
                format!("/people/{id}")
            };
            see_other(&to)
        }
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            leave_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Exits report
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "roles/exits.html")]
struct ExitsPage {
    chrome: Chrome,
    t: Tr,
    headings: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The reasons given in exit surveys, by quarter, with small numbers hidden.
    survey_headings: Vec<String>,
    survey_rows: Vec<Vec<String>>,
}

/// The exit surveys' reasons as a table: quarter, responses, then each reason.
fn survey_reasons_table(
    t: &Tr,
    r: &cairn_app::surveys::ExitSurveyReasons,
) -> (Vec<String>, Vec<Vec<String>>) {
    let shown = |c: cairn_domain::surveys::suppression::Cell| match c {
        cairn_domain::surveys::suppression::Cell::Shown(n) => n.to_string(),
        cairn_domain::surveys::suppression::Cell::Suppressed => t.with(
            "results-suppressed",
            &[("count", r.thresholds.min_count.to_string())],
        ),
    };
    let labels = cairn_domain::surveys::template(cairn_domain::surveys::Template::Exit)
        .into_iter()
        .find(|q| q.key == "ex_reason")
        .map(|q| q.choices)
        .unwrap_or_default();
    let mut headings = vec![t.get("exit-col-quarter"), t.get("results-responses")];
    headings.extend(r.reasons.iter().map(|v| {
        labels
            .iter()
            .find(|c| c.value == *v)
            .map(|c| {
                c.label
                    .pick(t.lang == cairn_domain::people::Language::Cy, false)
                    .to_owned()
            })
            .unwrap_or_else(|| v.clone())
    }));
    let rows = r
        .quarters
        .iter()
        .map(|(q, n, cells)| {
            let mut row = vec![q.clone(), shown(*n)];
            row.extend(cells.iter().map(|c| shown(*c)));
            row
        })
        .collect();
    (headings, rows)
}

fn exits_table(
    t: &Tr,
    report: &[cairn_app::roles::ExitQuarter],
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headings = vec![t.get("exit-col-quarter"), t.get("exit-col-exits")];
    headings.extend(ExitReason::ALL.iter().map(|r| t.get(&r.label_id())));
    headings.push(t.get("exit-col-stayed"));
    let rows = report
        .iter()
        .map(|q| {
            let mut r = vec![q.quarter.clone(), q.exits.to_string()];
            r.extend(q.reasons.iter().map(|(_, n)| n.to_string()));
            r.push(q.stayed_in_touch.to_string());
            r
        })
        .collect();
    (headings, rows)
}

async fn exits(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let report = cairn_app::roles::exits_report(&st.app, s.actor()).await?;
    let (headings, rows) = exits_table(&t, &report);
    let (survey_headings, survey_rows) = survey_reasons_table(
        &t,
        &cairn_app::surveys::exit_survey_reasons(&st.app, s.actor()).await?,
    );
    let chrome = Chrome::signed(&s, t.get("exit-report-title"), organisation(&st, &s).await?);
    html(&ExitsPage {
        chrome,
        t,
        headings,
        rows,
        survey_headings,
        survey_rows,
    })
}

async fn exits_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let report = cairn_app::roles::exits_report(&st.app, s.actor()).await?;
    let (headings, mut rows) = exits_table(&t, &report);
    rows.insert(0, headings);
    // The exit surveys' reasons follow under their own headings, after a blank line.
    let (survey_headings, survey_rows) = survey_reasons_table(
        &t,
        &cairn_app::surveys::exit_survey_reasons(&st.app, s.actor()).await?,
    );
    if !survey_rows.is_empty() {
        rows.push(Vec::new());
        rows.push(vec![t.get("exit-survey-report-title")]);
        rows.push(survey_headings);
        rows.extend(survey_rows);
    }
    Ok(crate::csv_export::download("exits.csv", &rows))
}

// ---------------------------------------------------------------------------------------------
// Recruitment panels
// ---------------------------------------------------------------------------------------------

struct ProcessRow {
    id: i64,
    post: String,
    place: String,
    opened: String,
    involved: bool,
}

#[derive(Template)]
#[template(path = "roles/recruitment.html")]
struct RecruitmentPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<ProcessRow>,
}

async fn recruitment(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::roles::processes(&st.app, s.actor()).await?;
    let units = unit_names(&st, &s).await?;
    let rows = list
        .iter()
        .map(|p| ProcessRow {
            id: p.process.id,
            post: p.process.post.clone(),
            place: where_words(&t, &units, p.process.unit_id),
            opened: date_words(&t, &p.process.opened_on),
            involved: p.involved,
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("recruitment-title"), organisation(&st, &s).await?);
    html(&RecruitmentPage { chrome, t, rows })
}

#[derive(Deserialize, Default)]
struct ProcessIn {
    #[serde(default)]
    post: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    opened_on_day: String,
    #[serde(default)]
    opened_on_month: String,
    #[serde(default)]
    opened_on_year: String,
}

impl ProcessIn {
    fn draft(&self) -> RecruitmentDraft {
        RecruitmentDraft {
            post: self.post.clone(),
            unit_id: self.unit_id.clone(),
            opened_on: DateParts {
                day: self.opened_on_day.clone(),
                month: self.opened_on_month.clone(),
                year: self.opened_on_year.clone(),
            },
        }
    }
}

#[derive(Template)]
#[template(path = "roles/recruitment_form.html")]
struct ProcessFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    units: Vec<Choice>,
    /// Unit staff must choose one of their units; others may leave it blank.
    whole_service: bool,
}

async fn process_form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    if !s.actor().can(Permission::ManageRecruitment) {
        return Err(WebError::Forbidden);
    }
    let units = unit_names(st, s)
        .await?
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.get("recruitment-new-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &ProcessFormPage {
            chrome,
            t,
            form,
            units,
            whole_service: !s.actor().role.is_unit_scoped(),
        },
    )
}

async fn new_process_form(State(st): State<AppState>, s: Signed) -> WebResult {
    process_form_page(&st, &s, FormState::new()).await
}

async fn create_process(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<ProcessIn>,
) -> WebResult {
    match cairn_app::roles::create_process(&st.app, s.actor(), &f.draft()).await {
        Ok(id) => see_other(&format!("/recruitment/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("post", f.post.clone())
                .set("unit_id", f.unit_id.clone())
                .set_date("opened_on", &f.draft().opened_on);
            form.add_errors(&s.ctx.t(), &errs);
            process_form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

struct StageRow {
    key: String,
    label: String,
    people: Vec<String>,
    /// The stage's own form: every candidate, the seated ones ticked.
    form: FormState,
    field: String,
}

#[derive(Template)]
#[template(path = "roles/process.html")]
struct ProcessPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    facts: Vec<(String, String)>,
    involved: bool,
    stages: Vec<StageRow>,
    candidates: Vec<Choice>,
    errors: FormState,
}

async fn process_page(st: &AppState, s: &Signed, id: i64, errors: FormState) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::roles::process(&st.app, s.actor(), id).await?;
    let units = unit_names(st, s).await?;
    let mut candidates: Vec<Choice> = cairn_app::roles::panel_candidates(&st.app, s.actor())
        .await?
        .into_iter()
        .map(|(pid, name, k)| Choice {
            value: pid.to_string(),
            label: format!("{name} ({})", t.get(&k.label_id())),
        })
        .collect();
    crate::views::sort_by_name(&t, &mut candidates, |c| &c.label);
    let stages = v
        .stages
        .iter()
        .map(
            |(stage, seats): &(RecruitmentStage, Vec<cairn_db::roles::PanelSeat>)| {
                let mut form = FormState::new();
                let field = "person_ids".to_owned();
                form.set_many(
                    &field,
                    seats.iter().map(|x| x.person_id.to_string()).collect(),
                );
                StageRow {
                    key: stage.key().to_owned(),
                    label: t.get(&stage.label_id()),
                    people: seats
                        .iter()
                        .map(|x| {
                            format!("{} ({})", x.chosen_name, t.get(&x.constituency.label_id()))
                        })
                        .collect(),
                    form,
                    field,
                }
            },
        )
        .collect();
    let facts = vec![
        (
            t.get("recruitment-col-where"),
            where_words(&t, &units, v.process.unit_id),
        ),
        (
            t.get("recruitment-col-opened"),
            date_words(&t, &v.process.opened_on),
        ),
    ];
    let chrome =
        Chrome::signed(s, v.process.post.clone(), organisation(st, s).await?).with_errors(&errors);
    html_status(
        status_of(&errors),
        &ProcessPage {
            id,
            facts,
            involved: v.involved,
            stages,
            candidates,
            errors,
            chrome,
            t,
        },
    )
}

async fn process(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    process_page(&st, &s, id, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct PanelIn {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    person_ids: Vec<String>,
}

async fn set_panel(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PanelIn>,
) -> WebResult {
    let ids: Vec<i64> = f
        .person_ids
        .iter()
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    match cairn_app::roles::set_panel(&st.app, s.actor(), id, &f.stage, &ids).await {
        Ok(()) => see_other(&format!("/recruitment/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.add_errors(&s.ctx.t(), &errs);
            process_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}
