//! How long records are kept (organisation administrators): the periods, what the next run
//! would remove, the last run, and a button to run it now.

use crate::context::{Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::retention::{Policy, PolicyDraft, Removals};
use cairn_domain::time::{format_date, format_instant, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/settings/retention", show)
        .post("/settings/retention", save)
        .post("/settings/retention/run", run)
}

/// A row of counts: label, figure, and a key the browser tests read.
type Row = (String, String, &'static str);

#[derive(Template)]
#[template(path = "retention/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    is_set: bool,
    saved: bool,
    ran: bool,
    due: Vec<Row>,
    last_run: Option<(String, Vec<Row>)>,
}

#[derive(Deserialize)]
struct Shown {
    saved: Option<String>,
    ran: Option<String>,
}

fn filled(form: &mut FormState, p: &Policy) {
    form.set("left_people_months", p.left_people_months.to_string())
        .set("exit_feedback_months", p.exit_feedback_months.to_string())
        .set(
            "suggestion_contact_months",
            p.suggestion_contact_months.to_string(),
        )
        .set("audit_months", p.audit_months.to_string())
        .set("payment_years", p.payment_years.to_string());
}

/// What was removed, one row per kind (the figure alone: no plural nouns to agree with).
fn removed_rows(t: &Tr, r: &Removals) -> Vec<Row> {
    vec![
        (
            t.get("retention-kind-left"),
            r.left_people.to_string(),
            "left_people",
        ),
        (
            t.get("retention-kind-exits"),
            r.exit_feedback.to_string(),
            "exit_feedback",
        ),
        (
            t.get("retention-kind-contacts"),
            r.suggestion_contacts.to_string(),
            "suggestion_contacts",
        ),
        (
            t.get("retention-kind-audit"),
            r.audit_entries.to_string(),
            "audit_entries",
        ),
        (
            t.get("retention-kind-claims"),
            r.claims.to_string(),
            "claims",
        ),
        (
            t.get("retention-kind-drafts"),
            r.claim_drafts.to_string(),
            "claim_drafts",
        ),
    ]
}

async fn page(st: &AppState, s: &Signed, form: Option<FormState>, shown: &Shown) -> WebResult {
    let t = s.ctx.t();
    let o = cairn_app::retention::overview(&st.app, s.actor()).await?;
    let tz = time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let on = |d| format_date(d, t.lang);
    let c = o.cutoffs;
    let due = vec![
        (
            t.with("retention-due-left", &[("date", on(c.left_before))]),
            o.due.left_people.to_string(),
            "left_people",
        ),
        (
            t.get("retention-due-left-waiting"),
            o.due.left_people_waiting.to_string(),
            "left_people_waiting",
        ),
        (
            t.with("retention-due-exits", &[("date", on(c.exits_before))]),
            o.due.exit_feedback.to_string(),
            "exit_feedback",
        ),
        (
            t.with("retention-due-contacts", &[("date", on(c.contacts_before))]),
            o.due.suggestion_contacts.to_string(),
            "suggestion_contacts",
        ),
        (
            t.with("retention-due-audit", &[("date", on(c.audit_before))]),
            o.due.audit_entries.to_string(),
            "audit_entries",
        ),
        (
            t.with("retention-due-claims", &[("date", on(c.payments_before))]),
            o.due.claims.to_string(),
            "claims",
        ),
        (
            t.with("retention-due-drafts", &[("date", on(c.drafts_before))]),
            o.due.claim_drafts.to_string(),
            "claim_drafts",
        ),
    ];
    let last_run = o
        .last_run
        .map(|(at, r)| (format_instant(at, &tz, t.lang), removed_rows(&t, &r)));
    let invalid = form.is_some();
    let form = form.unwrap_or_else(|| {
        let mut f = FormState::new();
        filled(&mut f, &o.policy);
        f
    });
    let chrome =
        Chrome::signed(s, t.get("retention-title"), organisation(st, s).await?).with_errors(&form);
    html_status(
        if invalid {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &SettingsPage {
            chrome,
            t,
            form,
            is_set: o.is_set,
            saved: shown.saved.is_some() && !invalid,
            ran: shown.ran.is_some() && !invalid,
            due,
            last_run,
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Query(q): Query<Shown>) -> WebResult {
    page(&st, &s, None, &q).await
}

#[derive(Deserialize)]
struct PolicyIn {
    #[serde(default)]
    left_people_months: String,
    #[serde(default)]
    exit_feedback_months: String,
    #[serde(default)]
    suggestion_contact_months: String,
    #[serde(default)]
    audit_months: String,
    #[serde(default)]
    payment_years: String,
}

async fn save(State(st): State<AppState>, s: Signed, Posted(f): Posted<PolicyIn>) -> WebResult {
    let d = PolicyDraft {
        left_people_months: f.left_people_months,
        exit_feedback_months: f.exit_feedback_months,
        suggestion_contact_months: f.suggestion_contact_months,
        audit_months: f.audit_months,
        payment_years: f.payment_years,
    };
    match cairn_app::retention::update(&st.app, s.actor(), &d).await {
        Ok(_) => see_other("/settings/retention?saved=1"),
        Err(AppError::Invalid(errs)) => {
            // What was typed stays, beside each message.
            let mut form = FormState::new();
            form.set("left_people_months", d.left_people_months)
                .set("exit_feedback_months", d.exit_feedback_months)
                .set("suggestion_contact_months", d.suggestion_contact_months)
                .set("audit_months", d.audit_months)
                .set("payment_years", d.payment_years);
            form.add_errors(&s.ctx.t(), &errs);
            let shown = Shown {
                saved: None,
                ran: None,
            };
            page(&st, &s, Some(form), &shown).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn run(
    State(st): State<AppState>,
    s: Signed,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    cairn_app::retention::apply(&st.app, s.actor()).await?;
    see_other("/settings/retention?ran=1")
}
