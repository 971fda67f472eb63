//! Guiding principles: the page everyone in the organisation can read (in full or in Easy
//! Read), where people acknowledge the current version, and where the lead publishes a new one
//! and sees who has acknowledged which version by constituency.

use crate::context::{NoFields, Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Query, State};
use cairn_app::AppError;
use cairn_db::principles::Version;
use cairn_domain::Permission;
use cairn_domain::people::{Constituency, Language};
use cairn_domain::principles::PrinciplesDraft;
use cairn_domain::time::{format_date, format_instant, parse_iso_date, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/principles", show)
        .post("/principles/acknowledge", acknowledge)
        .get("/principles/edit", edit_form)
        .post("/principles/edit", publish)
}

/// A version's text in the reader's language and reading level, as paragraphs.
fn paragraphs(v: &Version, lang: Language, easy: bool) -> Vec<String> {
    let text = match (lang, easy) {
        (Language::Cy, true) if !v.easy_cy.is_empty() => &v.easy_cy,
        (Language::En, true) if !v.easy_en.is_empty() => &v.easy_en,
        (Language::Cy, _) => &v.text_cy,
        (Language::En, _) => &v.text_en,
    };
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[derive(Template)]
#[template(path = "principles/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    easy: bool,
    has_easy: bool,
    paragraphs: Vec<String>,
    version: String,
    /// Shown to a person: are they asked, or when did they acknowledge this version.
    has_person: bool,
    asked: bool,
    acknowledged: Option<String>,
    done: bool,
    history: Vec<(i64, String, String, bool)>,
    can_manage: bool,
    /// The current version's acknowledgements: (constituency, acknowledged, active).
    counts: Vec<(String, i64, i64)>,
}

#[derive(Deserialize)]
struct ShowQuery {
    easy: Option<String>,
    done: Option<String>,
}

async fn show(State(st): State<AppState>, s: Signed, Query(q): Query<ShowQuery>) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::principles::principles(&st.app, s.actor()).await?;
    let tz = time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let easy = q.easy.is_some();
    let c = &p.current;
    let has_easy = match t.lang {
        Language::Cy => !c.easy_cy.is_empty(),
        Language::En => !c.easy_en.is_empty(),
    };
    let on = |d: &str| {
        parse_iso_date(d)
            .map(|d| format_date(d, t.lang))
            .unwrap_or_default()
    };
    let counts = p
        .counts
        .iter()
        .find(|(v, _)| *v == c.version)
        .map(|(_, rows)| {
            rows.iter()
                .map(|(k, a, n)| {
                    (
                        Constituency::parse(k)
                            .map(|x| t.get(&x.label_id()))
                            .unwrap_or_else(|| k.clone()),
                        *a,
                        *n,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let chrome = Chrome::signed(&s, t.get("principles-title"), organisation(&st, &s).await?);
    html(&ShowPage {
        chrome,
        easy,
        has_easy,
        paragraphs: paragraphs(c, t.lang, easy),
        version: t.with(
            "principles-version",
            &[
                ("version", c.version.to_string()),
                ("date", on(&c.published_on)),
            ],
        ),
        has_person: s.actor().person_id.is_some(),
        asked: p.asked,
        acknowledged: p.mine.last().map(|(v, at)| {
            t.with(
                "principles-acknowledged",
                &[
                    ("version", v.to_string()),
                    ("when", format_instant(*at, &tz, t.lang)),
                ],
            )
        }),
        done: q.done.is_some(),
        history: p
            .history
            .iter()
            .map(|v| {
                // Cairn's starting text says so in the reader's language.
                let change = if v.created_by_label == "system" && v.version == 1 {
                    t.get("principles-starting-text")
                } else {
                    v.change_note.clone()
                };
                (v.version, on(&v.published_on), change, v.material)
            })
            .collect(),
        can_manage: s.actor().can(Permission::ManagePrinciples),
        counts,
        t,
    })
}

async fn acknowledge(
    State(st): State<AppState>,
    s: Signed,
    Posted(_): Posted<NoFields>,
) -> WebResult {
    cairn_app::principles::acknowledge(&st.app, s.actor()).await?;
    see_other("/principles?done=1")
}

#[derive(Template)]
#[template(path = "principles/edit.html")]
struct EditPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    material: Vec<crate::views::Choice>,
}

async fn edit_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManagePrinciples) {
        return Err(crate::error::WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(
        s,
        t.get("principles-edit-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        form.status(),
        &EditPage {
            chrome,
            form,
            material: vec![crate::views::Choice {
                value: "yes".into(),
                label: t.get("principles-field-material"),
            }],
            t,
        },
    )
}

fn fill(form: &mut FormState, d: &PrinciplesDraft) {
    form.set("text_en", d.text_en.clone())
        .set("text_cy", d.text_cy.clone())
        .set("easy_en", d.easy_en.clone())
        .set("easy_cy", d.easy_cy.clone())
        .set("change", d.change.clone());
    if d.material.as_deref().is_some_and(|v| !v.is_empty()) {
        form.set_many("material", vec!["yes".into()]);
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed) -> WebResult {
    if !s.actor().can(Permission::ManagePrinciples) {
        return Err(crate::error::WebError::Forbidden);
    }
    let p = cairn_app::principles::principles(&st.app, s.actor()).await?;
    let c = p.current;
    let mut form = FormState::new();
    fill(
        &mut form,
        &PrinciplesDraft {
            text_en: c.text_en,
            text_cy: c.text_cy,
            easy_en: c.easy_en,
            easy_cy: c.easy_cy,
            change: String::new(),
            material: None,
        },
    );
    edit_view(&st, &s, form).await
}

async fn publish(
    State(st): State<AppState>,
    s: Signed,
    Posted(d): Posted<PrinciplesDraft>,
) -> WebResult {
    match cairn_app::principles::publish(&st.app, s.actor(), &d).await {
        Ok(_) => see_other("/principles"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            fill(&mut form, &d);
            form.add_errors(&s.ctx.t(), &errs);
            edit_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}
