//! What every page's frame needs (title, header, navigation, language switch, form token),
//! and the form state that keeps what a person typed and the message beside each field.

use crate::AppState;
use crate::context::{Ctx, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use cairn_domain::people::Language;
use cairn_domain::{FieldErrors, Permission};
use std::collections::HashMap;

/// A rendered page (200). A template that fails to render is an unexpected error.
pub(crate) fn html(tpl: &impl Template) -> WebResult {
    Ok(Html(tpl.render()?).into_response())
}

/// A rendered page with its own status (422 for a form with errors, 409 for a clash shown on
/// the form).
pub(crate) fn html_status(status: StatusCode, tpl: &impl Template) -> WebResult {
    Ok((status, Html(tpl.render()?)).into_response())
}

/// POST → redirect → GET: 303 to a path on this site.
pub(crate) fn see_other(to: &str) -> WebResult {
    Ok(Redirect::to(to).into_response())
}

/// The signed-in person's organisation's name in the page's language (empty for a platform
/// administrator, who has none).
pub(crate) async fn organisation(st: &AppState, s: &Signed) -> WebResult<String> {
    if s.actor().organisation_id.is_none() {
        return Ok(String::new());
    }
    let o = my_organisation(st, s).await?;
    Ok(local_name(&s.ctx.t(), &o.name, o.name_cy.as_deref()))
}

/// The signed-in person's organisation: the one found with the session (current as of this
/// request, from the instance's cache), read again only if the session came without one.
pub(crate) async fn my_organisation(
    st: &AppState,
    s: &Signed,
) -> WebResult<std::sync::Arc<cairn_db::units::Organisation>> {
    match &s.session.organisation {
        Some(o) => Ok(std::sync::Arc::clone(o)),
        None => Ok(std::sync::Arc::new(
            cairn_app::units::my_organisation(&st.app, s.actor()).await?,
        )),
    }
}

/// The units the actor may reach (unit staff: theirs), as (id, name in the page's language),
/// for filters, forms and labels. Empty for a role that sees no units.
pub(crate) async fn unit_names(st: &AppState, s: &Signed) -> WebResult<Vec<(i64, String)>> {
    if !s.actor().can(cairn_domain::Permission::ViewUnits) || s.actor().organisation_id.is_none() {
        return Ok(Vec::new());
    }
    let t = s.ctx.t();
    let rows = cairn_app::units::reachable_units(&st.app, s.actor(), 1000).await?;
    let mut names: Vec<(i64, String)> = rows
        .into_iter()
        .map(|u| (u.id, local_name(&t, &u.name, u.name_cy.as_deref())))
        .collect();
    sort_by_name(&t, &mut names, |(_, n)| n);
    Ok(names)
}

/// Sorts a list shown by name in the reader's alphabet: in Welsh, *ch*, *dd*, *ff*, *ng*, *ll*,
/// *ph*, *rh* and *th* are letters of their own (so "Lôn" comes before "Llys"). The database
/// sorts by the English name, so a Welsh page sorts again here.
pub(crate) fn sort_by_name<T>(t: &Tr, items: &mut [T], name: impl Fn(&T) -> &str) {
    if t.lang == Language::Cy {
        items.sort_by_cached_key(|i| cairn_domain::people::name_sort_key(name(i), t.lang));
    }
}

/// A person in a picker: their chosen name and constituency, e.g. "Carys (Carer)".
pub(crate) fn person_choice(t: &Tr, p: &cairn_db::people::Person) -> Choice {
    Choice {
        value: p.id.to_string(),
        label: format!("{} ({})", p.chosen_name, t.get(&p.constituency.label_id())),
    }
}

/// One link in the header navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub label: String,
    pub href: &'static str,
    pub current: bool,
}

/// The frame around every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub t: Tr,
    pub title: String,
    /// What the page is about, named in the window's title after the page's own:
    /// "Leaving – Sam Jones – Cairn – organisation" (see [`Chrome::about`]).
    pub about: String,
    pub has_errors: bool,
    pub org_name: String,
    pub who: String,
    pub signed_in: bool,
    pub csrf: String,
    pub switch_label: &'static str,
    pub switch_lang: &'static str,
    pub switch_href: String,
    /// Where the switch comes back to (the form's `next` for a signed-in person).
    pub switch_next: String,
    /// For a signed-in page: seconds until the session ends if unused, and until it ends at
    /// the latest (cairn.js warns before either; 0 on other pages).
    pub session_idle_seconds: i64,
    pub session_end_seconds: i64,
    /// The signed-in account's id, so drafts kept in the browser are only offered back to it.
    pub session_user: i64,
    pub nav: Vec<NavItem>,
}

fn switch(ctx: &Ctx) -> (&'static str, &'static str, String) {
    let (label, to) = match ctx.lang {
        Language::En => ("Cymraeg", "cy"),
        Language::Cy => ("English", "en"),
    };
    let next = url::form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect::<String>();
    (label, to, format!("/language?to={to}&next={next}"))
}

impl Chrome {
    /// The frame for a page nobody need be signed in to see.
    pub fn public(ctx: &Ctx, title: String) -> Self {
        let (switch_label, switch_lang, switch_href) = switch(ctx);
        Chrome {
            t: ctx.t(),
            title,
            about: String::new(),
            has_errors: false,
            org_name: String::new(),
            who: String::new(),
            signed_in: false,
            csrf: ctx.csrf(),
            switch_label,
            switch_lang,
            switch_href,
            switch_next: ctx.path.clone(),
            session_idle_seconds: 0,
            session_end_seconds: 0,
            session_user: 0,
            nav: Vec::new(),
        }
    }

    /// The frame for a signed-in page; `org_name` is the organisation's name in this language.
    pub fn signed(s: &Signed, title: String, org_name: String) -> Self {
        let t = s.ctx.t();
        let a = s.actor();
        let mut items: Vec<(&str, &'static str)> = vec![("nav-home", "/home")];
        if a.can(Permission::ViewUnits) {
            items.push(("nav-units", "/units"));
        }
        if a.can(Permission::ViewPeople) {
            items.push(("nav-people", "/people"));
        }
        if a.can(Permission::ViewWhosWho) {
            items.push(("nav-whos-who", "/whos-who"));
        }
        if a.role == cairn_domain::Role::Member {
            items.push(("nav-about-me", "/me"));
            items.push(("nav-easy-read", "/easy-read"));
        }
        if a.can(Permission::ViewAssessments) {
            items.push(("nav-assessment", "/assessment"));
        }
        if a.can(Permission::ManageFeedback) {
            items.push(("nav-feedback", "/feedback"));
        } else if a.can(Permission::SubmitSuggestion) {
            items.push(("nav-suggest", "/suggest"));
        }
        if a.can(Permission::ViewMeetings) {
            items.push(("nav-meetings", "/meetings"));
        } else if a.can(Permission::ReplyToMeeting) {
            items.push(("nav-my-meetings", "/my-meetings"));
        } else if a.can(Permission::ViewRepresentation) {
            items.push(("nav-representation", "/meetings/representation"));
        }
        if a.can(Permission::ClaimOwn) {
            items.push(("nav-my-claims", "/payments/claims"));
        } else if a.can(Permission::ManageClaims) || a.can(Permission::AuthoriseClaims) {
            items.push(("nav-payments", "/payments"));
        } else if a.can(Permission::ViewPaymentReports) {
            items.push(("nav-payment-report", "/payments/report"));
        }
        if a.can(Permission::ExpressInterest) {
            items.push(("nav-opportunities", "/opportunities"));
        } else if a.can(Permission::ViewRoles) {
            items.push(("nav-roles", "/roles"));
        }
        if a.can(Permission::ViewTraining) && a.organisation_id.is_some() {
            items.push(("nav-training", "/training"));
        }
        if a.can(Permission::ViewSurveyResults) && a.organisation_id.is_some() {
            items.push(("nav-surveys", "/surveys"));
        }
        if a.can(Permission::ViewReports) && a.organisation_id.is_some() {
            items.push(("nav-reports", "/reports"));
        }
        // The model is staff's working page (practice codes, Red/Amber/Green): not on a member's
        // menu.
        if a.organisation_id.is_some() && a.role != cairn_domain::Role::Member {
            items.push(("nav-model", "/model"));
        }
        if a.can(Permission::ManageTranslations) && a.organisation_id.is_some() {
            items.push(("nav-translations", "/translations"));
        }
        if a.can(Permission::ManageAccounts) && a.organisation_id.is_some() {
            items.push(("nav-accounts", "/accounts"));
        }
        if a.can(Permission::ReadAudit) {
            items.push(("nav-audit", "/audit"));
        }
        if a.can(Permission::ManageOrganisationSettings) {
            items.push(("nav-settings", "/settings"));
        }
        if a.can(Permission::ManageOrganisations) {
            items.push(("nav-organisations", "/organisations"));
        }
        items.push(("nav-account", "/account"));
        let path = s.ctx.path.split('?').next().unwrap_or("");
        let nav = items
            .into_iter()
            .map(|(id, href)| NavItem {
                label: t.get(id),
                href,
                current: path == href || (href != "/home" && path.starts_with(&format!("{href}/"))),
            })
            .collect();
        let mut c = Chrome::public(&s.ctx, title);
        c.signed_in = true;
        if let Some(session) = &s.ctx.session {
            let (idle, end) = crate::accounts::session_left(session);
            c.session_idle_seconds = idle;
            c.session_end_seconds = end;
            c.session_user = session.user.id;
        }
        c.org_name = org_name;
        c.who = t.with(
            "header-who",
            &[
                ("email", a.label.clone()),
                ("role", t.get(&a.role.label_id())),
            ],
        );
        c.nav = nav;
        c
    }

    /// Names the thing a page is about in the window's title (not its heading), so that pages
    /// of one kind about different things (each person's "Leaving", each group's "Plan a
    /// meeting") have titles of their own (WCAG 2.4.2).
    pub fn about(mut self, thing: impl AsRef<str>) -> Self {
        self.about = thing.as_ref().trim().to_owned();
        self
    }

    /// Marks the page as showing errors (its title starts with "Error:").
    pub fn with_errors(mut self, errors: &FormState) -> Self {
        self.has_errors = errors.has_errors();
        self
    }
}

/// One error shown in the summary and beside its field.
#[derive(Debug, Clone)]
pub struct ShownError {
    pub field: String,
    pub message: String,
}

/// What was typed into a form, and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    values: HashMap<String, String>,
    multi: HashMap<String, Vec<String>>,
    pub errors: Vec<ShownError>,
}

impl FormState {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a field's value.
    pub fn set(&mut self, field: &str, value: impl Into<String>) -> &mut Self {
        self.values.insert(field.to_owned(), value.into());
        self
    }

    /// Sets a multi-valued field (checkboxes).
    pub fn set_many(&mut self, field: &str, values: Vec<String>) -> &mut Self {
        self.multi.insert(field.to_owned(), values);
        self
    }

    /// Adds the messages for `errors`, in the page's language.
    pub fn add_errors(&mut self, t: &Tr, errors: &FieldErrors) {
        for e in &errors.0 {
            if !self.errors.iter().any(|x| x.field == e.field) {
                self.errors.push(ShownError {
                    field: e.field.clone(),
                    message: t.get(e.code),
                });
            }
        }
    }

    /// The value typed into `field` (empty when none).
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    /// One part of a date field (`day`, `month`, `year`): stored as `<field>_<part>`.
    pub fn part(&self, field: &str, part: &str) -> &str {
        self.values
            .get(&format!("{field}_{part}"))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Fills the three parts of a date field.
    pub fn set_date(&mut self, field: &str, parts: &cairn_domain::time::DateParts) -> &mut Self {
        self.set(&format!("{field}_day"), parts.day.clone());
        self.set(&format!("{field}_month"), parts.month.clone());
        self.set(&format!("{field}_year"), parts.year.clone());
        self
    }

    /// True when `field` holds `value` (radios, selects) or includes it (checkboxes).
    pub fn is(&self, field: &str, value: &str) -> bool {
        self.value(field) == value
            || self
                .multi
                .get(field)
                .is_some_and(|v| v.iter().any(|x| x == value))
    }

    /// The message for `field`, if it has one.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The status a form page answers with: 422 when it shows mistakes, else 200.
    pub fn status(&self) -> StatusCode {
        if self.has_errors() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }

    /// True when any field has an error.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The id of the first input of a field, for error-summary links.
    pub fn anchor(&self, field: &str) -> String {
        field.to_owned()
    }
}

/// A choice in a select, radio group or checkbox list.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Choices from a keyed enumeration, labelled in the page's language.
pub fn choices<E: Copy>(
    t: &Tr,
    all: &[E],
    key: impl Fn(E) -> &'static str,
    label_id: impl Fn(E) -> String,
) -> Vec<Choice> {
    all.iter()
        .map(|e| Choice {
            value: key(*e).to_owned(),
            label: t.get(&label_id(*e)),
        })
        .collect()
}

/// A name in the page's language: the Welsh name on Welsh pages when there is one.
pub fn local_name(t: &Tr, name: &str, name_cy: Option<&str>) -> String {
    match (t.lang, name_cy) {
        (Language::Cy, Some(cy)) if !cy.trim().is_empty() => cy.to_owned(),
        _ => name.to_owned(),
    }
}
