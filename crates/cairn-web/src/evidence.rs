//! Evidence records on a unit, for the practices Cairn cannot otherwise see: the unit's list
//! (advocate visits, community events, papers with a perspective section, sampled audits) and
//! a page to add one record at a time.

use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use cairn_app::AppError;
use cairn_db::model::evidence::Record;
use cairn_domain::Permission;
use cairn_domain::model::evidence::{AUDITED, EvidenceDraft, Kind, TOOK_PART_FIELDS};
use cairn_domain::people::Constituency;
use cairn_domain::time::{DateParts, format_date, parse_iso_date};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/units/{id}/evidence", list)
        .get("/units/{id}/evidence/new", new_form)
        .post("/units/{id}/evidence/new", create)
}

/// One record as a line of the list.
fn line(t: &Tr, r: &Record) -> String {
    let on = parse_iso_date(&r.on_date)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default();
    match Kind::parse(&r.kind) {
        Some(Kind::AdvocateVisit) => t.with(
            "evidence-line-visit",
            &[
                ("date", on),
                ("service", r.service.clone().unwrap_or_default()),
            ],
        ),
        Some(Kind::CommunityEvent) => {
            let counts = [
                r.n_service_user,
                r.n_carer,
                r.n_staff,
                r.n_third_sector,
                r.n_manager,
            ];
            let who: Vec<String> = Constituency::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(c, n)| format!("{} {n}", t.get(&c.label_id())))
                .collect();
            t.with(
                "evidence-line-event",
                &[
                    ("date", on),
                    ("title", r.title.clone().unwrap_or_default()),
                    ("who", who.join(", ")),
                ],
            )
        }
        Some(Kind::PerspectivePaper) => t.with(
            if r.has_section {
                "evidence-line-paper-with"
            } else {
                "evidence-line-paper-without"
            },
            &[("date", on), ("title", r.title.clone().unwrap_or_default())],
        ),
        Some(Kind::PracticeAudit) => t.with(
            "evidence-line-audit",
            &[
                ("date", on),
                ("practice", r.practice.clone().unwrap_or_default()),
                ("met", r.met.to_string()),
                ("looked", r.looked_at.to_string()),
            ],
        ),
        None => String::new(),
    }
}

#[derive(Template)]
#[template(path = "evidence/unit.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    unit: String,
    /// (kind key, heading, lines)
    sections: Vec<(&'static str, String, Vec<String>)>,
    can_add: bool,
}

async fn list(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let e = cairn_app::model::evidence::for_unit(&st.app, s.actor(), id).await?;
    let unit = local_name(&t, &e.unit.name, e.unit.name_cy.as_deref());
    let sections = e
        .records
        .iter()
        .map(|(k, rs)| {
            (
                k.key(),
                t.get(&k.label_id()),
                rs.iter().map(|r| line(&t, r)).collect(),
            )
        })
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.with("evidence-title", &[("unit", unit.clone())]),
        organisation(&st, &s).await?,
    );
    html(&ListPage {
        chrome,
        id,
        unit,
        sections,
        can_add: s.actor().can(Permission::ManageAssessments),
        t,
    })
}

#[derive(Template)]
#[template(path = "evidence/new.html")]
struct NewPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    kind: &'static str,
    heading: String,
    form: FormState,
    practices: Vec<Choice>,
    section: Vec<Choice>,
    took_part: Vec<(&'static str, String)>,
}

#[derive(Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

fn kind_of(raw: Option<&str>) -> Result<Kind, WebError> {
    raw.and_then(Kind::parse).ok_or(WebError::NotFound)
}

async fn form_view(st: &AppState, s: &Signed, id: i64, kind: Kind, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageAssessments) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let heading = t.get(&format!("evidence-new-{}", kind.key().replace('_', "-")));
    let unit = cairn_app::units::unit_labels(&st.app, s.actor())
        .await?
        .into_iter()
        .find(|u| u.0 == id)
        .map(|(_, en, cy)| local_name(&t, &en, cy.as_deref()))
        .ok_or(WebError::NotFound)?;
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?)
        .about(unit)
        .with_errors(&form);
    html_status(
        form.status(),
        &NewPage {
            chrome,
            id,
            kind: kind.key(),
            heading,
            form,
            practices: AUDITED
                .iter()
                .map(|p| Choice {
                    value: (*p).to_owned(),
                    label: format!(
                        "{p}: {}",
                        t.get(&format!("evidence-practice-{}", p.replace('.', "-")))
                    ),
                })
                .collect(),
            section: vec![Choice {
                value: "yes".into(),
                label: t.get("evidence-field-has-section"),
            }],
            took_part: TOOK_PART_FIELDS
                .iter()
                .zip(Constituency::ALL.iter())
                .map(|(f, c)| (*f, t.get(&c.label_id())))
                .collect(),
            t,
        },
    )
}

async fn new_form(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<KindQuery>,
) -> WebResult {
    if !s.actor().can(Permission::ManageAssessments) {
        return Err(WebError::Forbidden);
    }
    let kind = kind_of(q.kind.as_deref())?;
    // The unit must be one the reader reaches.
    cairn_app::model::evidence::for_unit(&st.app, s.actor(), id).await?;
    form_view(&st, &s, id, kind, FormState::new()).await
}

#[derive(Deserialize)]
struct EvidenceIn {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    on_day: String,
    #[serde(default)]
    on_month: String,
    #[serde(default)]
    on_year: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    has_section: Option<String>,
    #[serde(default)]
    practice: String,
    #[serde(default)]
    looked_at: String,
    #[serde(default)]
    met: String,
    #[serde(default)]
    n_service_user: String,
    #[serde(default)]
    n_carer: String,
    #[serde(default)]
    n_staff: String,
    #[serde(default)]
    n_third_sector: String,
    #[serde(default)]
    n_manager: String,
}

async fn create(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<EvidenceIn>,
) -> WebResult {
    if !s.actor().can(Permission::ManageAssessments) {
        return Err(WebError::Forbidden);
    }
    let kind = kind_of(Some(&f.kind))?;
    let d = EvidenceDraft {
        on: DateParts {
            day: f.on_day.clone(),
            month: f.on_month.clone(),
            year: f.on_year.clone(),
        },
        service: f.service.clone(),
        title: f.title.clone(),
        has_section: f.has_section.as_deref().is_some_and(|v| !v.is_empty()),
        practice: f.practice.clone(),
        looked_at: f.looked_at.clone(),
        met: f.met.clone(),
        took_part: [
            f.n_service_user.clone(),
            f.n_carer.clone(),
            f.n_staff.clone(),
            f.n_third_sector.clone(),
            f.n_manager.clone(),
        ],
    };
    match cairn_app::model::evidence::add(&st.app, s.actor(), id, kind, &d).await {
        Ok(_) => see_other(&format!("/units/{id}/evidence")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set_date("on", &d.on)
                .set("service", d.service)
                .set("title", d.title)
                .set("practice", d.practice)
                .set("looked_at", d.looked_at)
                .set("met", d.met);
            for (field, v) in TOOK_PART_FIELDS.iter().zip(d.took_part) {
                form.set(field, v);
            }
            if d.has_section {
                form.set_many("has_section", vec!["yes".into()]);
            }
            form.add_errors(&s.ctx.t(), &errs);
            form_view(&st, &s, id, kind, form).await
        }
        Err(e) => Err(e.into()),
    }
}
