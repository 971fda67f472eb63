//! A course's learners: who is on its registers with their attendance, an assessor's mark for
//! an assessed course, and those working toward its credits with the awarding body's
//! registration file and deadlines.
//!
//! The legal name, date of birth and learner number typed here go only into the registration
//! file: this page lists learners by the name they go by and says whether a number was given.

use super::local;
use crate::AppState;
use crate::context::{Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html_status, organisation, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::training::accreditation::{AccreditationFile, CourseDeadlines};
use cairn_domain::Permission;
use cairn_domain::time::{DateParts, format_date};
use cairn_domain::training::accreditation::{CreditLearnerDraft, DeadlineState};
use cairn_domain::training::{Completion, CqfwLevel};
use serde::Deserialize;

/// A deadline as the course pages show it: the sentence, and whether it is a warning.
pub(crate) struct DeadlineLine {
    pub text: String,
    pub warn: bool,
}

/// The registration and claim deadlines in words, each a warning within five working days or
/// once passed.
pub(crate) fn deadline_lines(t: &Tr, d: &CourseDeadlines) -> Vec<DeadlineLine> {
    let line = |prefix: &str, date, state: DeadlineState| {
        let date = format_date(date, t.lang);
        match state {
            DeadlineState::Ahead => DeadlineLine {
                text: t.with(&format!("{prefix}-by"), &[("date", date)]),
                warn: false,
            },
            DeadlineState::Soon(n) => DeadlineLine {
                text: t.with(
                    &format!("{prefix}-soon"),
                    &[("date", date), ("count", n.to_string())],
                ),
                warn: true,
            },
            DeadlineState::Passed => DeadlineLine {
                text: t.with(&format!("{prefix}-passed"), &[("date", date)]),
                warn: true,
            },
        }
    };
    vec![
        line("deadline-register", d.deadlines.register_by, d.register),
        line("deadline-claim", d.deadlines.claim_by, d.claim),
    ]
}

struct LearnerRow {
    person_id: i64,
    name: String,
    attended: String,
    assessed: bool,
    credits: bool,
    uln_given: bool,
}

#[derive(Template)]
#[template(path = "training/learners.html")]
struct LearnersPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    course: super::Local,
    assessed_course: bool,
    has_credits: bool,
    can_credits: bool,
    deadlines: Vec<DeadlineLine>,
    rows: Vec<LearnerRow>,
    form: FormState,
    saved: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct LearnersQuery {
    saved: Option<String>,
    person_id: Option<i64>,
}

async fn learners_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    form: FormState,
    saved: Option<String>,
) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::training::course(&st.app, s.actor(), id).await?;
    let learners = cairn_app::training::accreditation::learners(&st.app, s.actor(), id).await?;
    let c = &d.course;
    let rows = learners
        .into_iter()
        .map(|l| LearnerRow {
            attended: t.with("learning-attended", &[("count", l.attended.to_string())]),
            person_id: l.person_id,
            name: l.name,
            assessed: l.assessed,
            credits: l.credits,
            uln_given: l.uln_given,
        })
        .collect();
    let chrome = Chrome::signed(s, t.get("learners-title"), organisation(st, s).await?)
        .about(super::local(&t, c.title_en.as_deref(), c.title_cy.as_deref()).text)
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &LearnersPage {
            id,
            course: local(&t, c.title_en.as_deref(), c.title_cy.as_deref()),
            assessed_course: cairn_app::training::completion_of(c) == Completion::Assessed,
            has_credits: c.credits.is_some(),
            can_credits: s.actor().can(Permission::ManageCourses),
            deadlines: d
                .deadlines
                .as_ref()
                .map(|x| deadline_lines(&t, x))
                .unwrap_or_default(),
            rows,
            form,
            saved,
            chrome,
            t,
        },
    )
}

pub(super) async fn learners_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<LearnersQuery>,
) -> WebResult {
    let mut form = FormState::new();
    if let Some(p) = q.person_id {
        form.set("person_id", p.to_string());
    }
    learners_view(&st, &s, id, form, q.saved).await
}

#[derive(Deserialize)]
pub(super) struct PersonIn {
    #[serde(default)]
    person_id: String,
}

/// An assessor marks a learner as passing an assessed course.
pub(super) async fn assess(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PersonIn>,
) -> WebResult {
    // Anything but a number names nobody: the use case answers 403 or 404 as for anyone.
    let person: i64 = f.person_id.trim().parse().unwrap_or(0);
    cairn_app::training::accreditation::assess(&st.app, s.actor(), id, person).await?;
    see_other(&format!("/training/courses/{id}/learners?saved=assessed"))
}

#[derive(Deserialize)]
pub(super) struct CreditIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    given_names: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    date_of_birth_day: String,
    #[serde(default)]
    date_of_birth_month: String,
    #[serde(default)]
    date_of_birth_year: String,
    #[serde(default)]
    uln: String,
}

/// Adds a learner's details for credits (or corrects them).
pub(super) async fn add_credit(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CreditIn>,
) -> WebResult {
    let draft = CreditLearnerDraft {
        person_id: f.person_id.clone(),
        given_names: f.given_names.clone(),
        family_name: f.family_name.clone(),
        date_of_birth: DateParts {
            day: f.date_of_birth_day.clone(),
            month: f.date_of_birth_month.clone(),
            year: f.date_of_birth_year.clone(),
        },
        uln: f.uln.clone(),
    };
    match cairn_app::training::accreditation::add_credit_learner(&st.app, s.actor(), id, &draft)
        .await
    {
        Ok(_) => see_other(&format!("/training/courses/{id}/learners?saved=credits")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("person_id", f.person_id)
                .set("given_names", f.given_names)
                .set("family_name", f.family_name)
                .set("uln", f.uln)
                .set_date("date_of_birth", &draft.date_of_birth);
            form.add_errors(&s.ctx.t(), &errs);
            learners_view(&st, &s, id, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Takes a learner off the credit list, deleting what they gave.
pub(super) async fn remove_credit(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PersonIn>,
) -> WebResult {
    // Anything but a number names nobody: the use case answers 403 or 404 as for anyone.
    let person: i64 = f.person_id.trim().parse().unwrap_or(0);
    cairn_app::training::accreditation::remove_credit_learner(&st.app, s.actor(), id, person)
        .await?;
    see_other(&format!("/training/courses/{id}/learners?saved=removed"))
}

/// The registration file's rows: a header in the reader's language, then one line per learner
/// with what an awarding body asks for. Dates are day/month/year, as UK spreadsheets read them.
pub(crate) fn accreditation_rows(t: &Tr, f: &AccreditationFile) -> Vec<Vec<String>> {
    let dmy = |d: Option<jiff::civil::Date>| {
        d.map(|d| format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()))
            .unwrap_or_default()
    };
    let title = f
        .course
        .title_en
        .clone()
        .or_else(|| f.course.title_cy.clone())
        .unwrap_or_default();
    let level = f
        .course
        .cqfw_level
        .as_deref()
        .and_then(CqfwLevel::parse)
        .map(|l| t.get(&l.label_id()))
        .unwrap_or_default();
    let mut rows = vec![
        [
            "accreditation-col-unit",
            "accreditation-col-course",
            "accreditation-col-family-name",
            "accreditation-col-given-names",
            "accreditation-col-birth",
            "accreditation-col-uln",
            "accreditation-col-credits",
            "accreditation-col-level",
            "accreditation-col-start",
            "accreditation-col-end",
            "accreditation-col-reference",
        ]
        .iter()
        .map(|k| t.get(k))
        .collect::<Vec<_>>(),
    ];
    for l in &f.learners {
        rows.push(vec![
            f.course.agored_unit.clone().unwrap_or_default(),
            title.clone(),
            l.family_name.clone(),
            l.given_names.clone(),
            // Stored as checked ISO dates; anything else is written out as it is, not dropped.
            cairn_domain::time::parse_iso_date(&l.date_of_birth)
                .map(|d| dmy(Some(d)))
                .unwrap_or_else(|| l.date_of_birth.clone()),
            l.uln.clone().unwrap_or_default(),
            f.course.credits.map(|c| c.to_string()).unwrap_or_default(),
            level.clone(),
            dmy(f.first_day),
            dmy(f.last_day),
            // The centre's own reference for the learner: stable, and no name in it.
            format!("CRN-{}-{}", f.course.id, l.person_id),
        ]);
    }
    rows
}

/// The registration file for the awarding body, as CSV.
pub(super) async fn accreditation_csv(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
) -> WebResult {
    let t = s.ctx.t();
    let f = cairn_app::training::accreditation::accreditation_file(&st.app, s.actor(), id).await?;
    Ok(crate::csv_export::download(
        &format!("registrations-course-{id}.csv"),
        &accreditation_rows(&t, &f),
    ))
}
