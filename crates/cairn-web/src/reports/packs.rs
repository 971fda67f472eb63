//! Board packs: the lead assembles a paper for a committee (coversheet, executive summary,
//! icon summary, each unit's place against the levels, SPC pages, "You said, we did", a
//! person's story, risks and asks), previews it, signs it off (frozen from then on) and prints
//! it on A4 in English, in Welsh, or both side by side.
//!
//! A pack is rendered as rows of cells: one cell a row in one language, two (Welsh first) when
//! printed in both, so each section sits beside its translation. The running headers and page
//! numbers come from a small stylesheet made for the pack (`print.css`), because the page's
//! Content-Security-Policy allows no inline style.

use super::{SeriesView, long_month, series_view};
use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use cairn_app::AppError;
use cairn_app::reports::PackContent;
use cairn_domain::Permission;
use cairn_domain::people::Language;
use cairn_domain::reports::{Ask, CATALOGUE, Month, PackDraft, PackLanguage, Purpose};
use cairn_domain::time::{format_date, format_instant, parse_iso_date, time_zone};
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/reports/packs", list)
        .get("/reports/packs/new", new_form)
        .post("/reports/packs/new", create)
        .get("/reports/packs/{id}", show)
        .get("/reports/packs/{id}/edit", edit_form)
        .post("/reports/packs/{id}/edit", update)
        .post("/reports/packs/{id}/sign-off", sign_off)
        .get("/reports/packs/{id}/print", print)
        .get("/reports/packs/{id}/print.css", print_css)
}

#[derive(Template)]
#[template(path = "reports/packs.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<(i64, String, String, String, String)>,
    can_manage: bool,
}

fn period_label(t: &Tr, from: &str, to: &str) -> String {
    match (Month::parse(from), Month::parse(to)) {
        (Some(f), Some(to)) if f == to => long_month(t, f),
        (Some(f), Some(to)) => t.with(
            "reports-period",
            &[("from", long_month(t, f)), ("to", long_month(t, to))],
        ),
        _ => String::new(),
    }
}

async fn list(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let o = cairn_app::units::my_organisation(&st.app, s.actor()).await?;
    let tz = time_zone(&o.time_zone);
    let rows = cairn_app::reports::packs(&st.app, s.actor())
        .await?
        .into_iter()
        .map(|r| {
            let status = match r.pack.signed_off_at {
                Some(at) => t.with(
                    "reports-pack-status-signed",
                    &[("when", format_instant(at, &tz, t.lang))],
                ),
                None => t.get("reports-pack-status-draft"),
            };
            (
                r.pack.id,
                r.pack.title,
                r.pack.committee,
                period_label(&t, &r.fields.period_from, &r.fields.period_to),
                status,
            )
        })
        .collect();
    let chrome = Chrome::signed(
        &s,
        t.get("reports-packs-title"),
        organisation(&st, &s).await?,
    );
    html(&ListPage {
        chrome,
        rows,
        can_manage: s.actor().can(Permission::ManageReports),
        t,
    })
}

#[derive(Template)]
#[template(path = "reports/pack_form.html")]
struct FormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    action: String,
    heading: String,
    purposes: Vec<Choice>,
    asks: Vec<Choice>,
    languages: Vec<Choice>,
    measures: Vec<Choice>,
    agreed: Vec<Choice>,
}

fn keyed_choices<E: Copy>(
    t: &Tr,
    all: &[E],
    key: fn(E) -> &'static str,
    label: fn(E) -> String,
) -> Vec<Choice> {
    all.iter()
        .map(|e| Choice {
            value: key(*e).to_owned(),
            label: t.get(&label(*e)),
        })
        .collect()
}

async fn form_view(
    st: &AppState,
    s: &Signed,
    form: FormState,
    action: String,
    heading: String,
) -> WebResult {
    if !s.actor().can(Permission::ManageReports) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(s, heading.clone(), organisation(st, s).await?).with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let measures = CATALOGUE
        .iter()
        .map(|m| Choice {
            value: m.key.to_owned(),
            label: t.get(&m.message_id()),
        })
        .collect();
    html_status(
        status,
        &FormPage {
            chrome,
            form,
            action,
            heading,
            purposes: keyed_choices(&t, Purpose::ALL, Purpose::key, Purpose::label_id),
            asks: keyed_choices(&t, Ask::ALL, Ask::key, Ask::label_id),
            languages: keyed_choices(
                &t,
                PackLanguage::ALL,
                PackLanguage::key,
                PackLanguage::label_id,
            ),
            measures,
            agreed: vec![Choice {
                value: "yes".to_owned(),
                label: t.get("reports-pack-story-agreed"),
            }],
            t,
        },
    )
}

/// The form filled from a draft (or from the typed values after an error).
fn fill(form: &mut FormState, d: &PackDraft) {
    form.set("title", d.title.clone())
        .set("committee", d.committee.clone())
        .set("period_from", d.period_from.clone())
        .set("period_to", d.period_to.clone())
        .set("purpose", d.purpose.clone())
        .set("ask", d.ask.clone())
        .set("author", d.author.clone())
        .set("executive_lead", d.executive_lead.clone())
        .set("summary", d.summary.clone())
        .set("story", d.story.clone())
        .set("risks", d.risks.clone())
        .set("language", d.language.clone())
        .set_many("measures", d.measures.clone());
    if d.story_agreed.as_deref().is_some_and(|v| !v.is_empty()) {
        form.set_many("story_agreed", vec!["yes".to_owned()]);
    }
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let mut form = FormState::new();
    // The last full quarter, as committees usually read one.
    let today = cairn_domain::time::local_date(
        st.app.now(),
        &time_zone(
            &cairn_app::units::my_organisation(&st.app, s.actor())
                .await?
                .time_zone,
        ),
    );
    let this = Month::of(today);
    let quarter_start = Month {
        year: this.year,
        month: (this.month - 1) / 3 * 3 + 1,
    };
    let d = PackDraft {
        period_from: quarter_start.minus(3).to_string(),
        period_to: quarter_start.minus(1).to_string(),
        purpose: "assurance".into(),
        ask: "note".into(),
        language: "en".into(),
        author: s.actor().label.clone(),
        measures: CATALOGUE.iter().map(|m| m.key.to_owned()).collect(),
        ..Default::default()
    };
    fill(&mut form, &d);
    form_view(
        &st,
        &s,
        form,
        "/reports/packs/new".into(),
        t.get("reports-pack-new-title"),
    )
    .await
}

async fn create(State(st): State<AppState>, s: Signed, Posted(d): Posted<PackDraft>) -> WebResult {
    match cairn_app::reports::create_pack(&st.app, s.actor(), &d).await {
        Ok(id) => see_other(&format!("/reports/packs/{id}")),
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let mut form = FormState::new();
            fill(&mut form, &d);
            form.add_errors(&t, &errs);
            form_view(
                &st,
                &s,
                form,
                "/reports/packs/new".into(),
                t.get("reports-pack-new-title"),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let (p, f) = cairn_app::reports::pack_fields(&st.app, s.actor(), id).await?;
    if p.signed_off_at.is_some() {
        return see_other(&format!("/reports/packs/{id}"));
    }
    let mut form = FormState::new();
    fill(
        &mut form,
        &PackDraft {
            title: f.title,
            committee: f.committee,
            period_from: f.period_from,
            period_to: f.period_to,
            purpose: f.purpose,
            ask: f.ask,
            author: f.author,
            executive_lead: f.executive_lead,
            summary: f.summary,
            story: f.story,
            story_agreed: f.story_agreed.then(|| "yes".to_owned()),
            risks: f.risks,
            language: f.language,
            measures: f.measures,
        },
    );
    form_view(
        &st,
        &s,
        form,
        format!("/reports/packs/{id}/edit"),
        t.get("reports-pack-edit-title"),
    )
    .await
}

async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(d): Posted<PackDraft>,
) -> WebResult {
    match cairn_app::reports::update_pack(&st.app, s.actor(), id, &d).await {
        Ok(()) => see_other(&format!("/reports/packs/{id}")),
        Err(AppError::Invalid(errs)) => {
            let t = s.ctx.t();
            let mut form = FormState::new();
            fill(&mut form, &d);
            form.add_errors(&t, &errs);
            form_view(
                &st,
                &s,
                form,
                format!("/reports/packs/{id}/edit"),
                t.get("reports-pack-edit-title"),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn sign_off(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    cairn_app::reports::sign_off(&st.app, s.actor(), id).await?;
    see_other(&format!("/reports/packs/{id}?signed=1"))
}

/// One unit's line in a pack: name, the three levels now, the highest level reached, and
/// the change since the baseline.
#[derive(Debug, Clone)]
pub(crate) struct UnitLine {
    pub name: String,
    pub levels: [String; 3],
    pub reached: String,
    pub change: String,
}

/// A section of a pack in one language.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    Cover {
        title: String,
        committee: String,
        rows: Vec<(String, String)>,
        ask: String,
    },
    Text {
        heading: String,
        paragraphs: Vec<String>,
        id: &'static str,
    },
    Icons(Vec<SeriesView>),
    Units(Vec<UnitLine>),
    Chart(Box<SeriesView>),
    /// (unit, you said, we did, closed on): the wording in the pack's language, or the other
    /// marked.
    Highlights(
        Vec<(
            String,
            crate::translation::Local,
            crate::translation::Local,
            String,
        )>,
    ),
}

/// A cell: a block in one language, with that language's strings.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub t: Tr,
    pub lang: &'static str,
    pub block: Block,
}

/// A row of cells printed side by side; `chart` rows are never split across pages.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub class: &'static str,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A section the lead wrote (`summary` or `risks`): its heading, its paragraphs, or a line
/// saying nothing was written.
fn written(t: &Tr, id: &'static str, text: &str) -> Block {
    Block::Text {
        heading: t.get(&format!("reports-pack-{id}")),
        paragraphs: if text.is_empty() {
            vec![t.get(&format!("reports-pack-{id}-empty"))]
        } else {
            paragraphs(text)
        },
        id,
    }
}

/// The pack's sections in one language.
fn blocks(t: &Tr, p: &PackContent, tz: &jiff::tz::TimeZone) -> Vec<(Block, &'static str)> {
    let f = &p.fields;
    let or_none = |v: &str| {
        if v.is_empty() {
            t.get("reports-pack-not-given")
        } else {
            v.to_owned()
        }
    };
    let status = match (p.frozen, p.signed_off_at, &p.signed_off_by) {
        (true, Some(at), Some(by)) => t.with(
            "reports-pack-signed-by",
            &[
                ("when", format_instant(at, tz, t.lang)),
                ("who", by.clone()),
            ],
        ),
        _ => t.get("reports-pack-draft-note"),
    };
    let assembled = parse_iso_date(&p.assembled_on)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default();
    let mut out = vec![(
        Block::Cover {
            title: f.title.clone(),
            committee: f.committee.clone(),
            rows: vec![
                (
                    t.get("reports-pack-period"),
                    period_label(t, &f.period_from, &f.period_to),
                ),
                (
                    t.get("reports-pack-purpose"),
                    Purpose::parse(&f.purpose)
                        .map(|x| t.get(&x.label_id()))
                        .unwrap_or_default(),
                ),
                (t.get("reports-pack-author"), or_none(&f.author)),
                (
                    t.get("reports-pack-executive-lead"),
                    or_none(&f.executive_lead),
                ),
                (t.get("reports-pack-figures-on"), assembled),
                (t.get("reports-pack-status"), status),
            ],
            ask: t.get(match Ask::parse(&f.ask) {
                Some(Ask::Approve) => "reports-pack-asked-approve",
                _ => "reports-pack-asked-note",
            }),
        },
        "cover",
    )];
    out.push((written(t, "summary", &f.summary), "text"));
    if f.story_agreed && !f.story.is_empty() {
        out.push((
            Block::Text {
                heading: t.get("reports-pack-story"),
                paragraphs: paragraphs(&f.story),
                id: "story",
            },
            "text",
        ));
    }
    out.push((
        Block::Icons(
            p.summary
                .iter()
                .enumerate()
                .map(|(i, s)| series_view(t, s, &format!("icon-{}-{i}", t.code())))
                .collect(),
        ),
        "icons",
    ));
    out.push((
        Block::Units(
            p.units
                .iter()
                .map(|u| UnitLine {
                    name: local_name(t, &u.name, u.name_cy.as_deref()),
                    levels: u.levels.map(|v| format!("{v}%")),
                    reached: if u.reached == 0 {
                        t.get("reports-pack-reached-none")
                    } else {
                        t.get(&format!("model-level-short-{}", u.reached))
                    },
                    change: match u.baseline {
                        Some(b) => (0..3)
                            .map(|k| {
                                let d = u.levels[k] - b[k];
                                format!("{}{d:+}", t.get(&format!("model-level-short-{}", k + 1)))
                                    .replace('+', " +")
                                    .replace('-', " −")
                            })
                            .collect::<Vec<_>>()
                            .join(" · "),
                        None => t.get("reports-no-baseline"),
                    },
                })
                .collect(),
        ),
        "units",
    ));
    for (i, s) in p.charts.iter().enumerate() {
        out.push((
            Block::Chart(Box::new(series_view(
                t,
                s,
                &format!("pack-chart-{}-{i}", t.code()),
            ))),
            "chart",
        ));
    }
    out.push((
        Block::Highlights(
            p.highlights
                .iter()
                .map(|h| {
                    (
                        h.unit_name
                            .as_deref()
                            .map(|n| local_name(t, n, h.unit_name_cy.as_deref()))
                            .unwrap_or_else(|| t.get("reports-scope-service")),
                        crate::translation::local_of(
                            t,
                            Some(&h.you_said),
                            h.you_said_cy.as_deref(),
                        ),
                        crate::translation::local_of(t, Some(&h.we_did), h.we_did_cy.as_deref()),
                        parse_iso_date(&h.closed_on)
                            .map(|d| format_date(d, t.lang))
                            .unwrap_or_default(),
                    )
                })
                .collect(),
        ),
        "text",
    ));
    out.push((written(t, "risks", &f.risks), "text"));
    out
}

/// The pack as rows in the languages asked for (Welsh first when both).
fn rows(langs: &[Language], p: &PackContent, tz: &jiff::tz::TimeZone) -> Vec<Row> {
    let per_lang: Vec<(Tr, Vec<(Block, &'static str)>)> = langs
        .iter()
        .map(|l| {
            let t = Tr::new(*l);
            let b = blocks(&t, p, tz);
            (t, b)
        })
        .collect();
    let n = per_lang.first().map_or(0, |(_, b)| b.len());
    (0..n)
        .map(|i| Row {
            class: per_lang[0].1[i].1,
            cells: per_lang
                .iter()
                .map(|(t, b)| Cell {
                    t: *t,
                    lang: t.code(),
                    block: b[i].0.clone(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "reports/pack.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    rows: Vec<Row>,
    frozen: bool,
    can_manage: bool,
    signed: bool,
}

#[derive(Deserialize)]
struct ShowQuery {
    signed: Option<String>,
}

async fn show(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let p = cairn_app::reports::pack(&st.app, s.actor(), id).await?;
    let tz = time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let chrome = Chrome::signed(&s, p.fields.title.clone(), organisation(&st, &s).await?);
    html(&ShowPage {
        chrome,
        id,
        rows: rows(&[t.lang], &p, &tz),
        frozen: p.frozen,
        can_manage: s.actor().can(Permission::ManageReports),
        signed: q.signed.is_some(),
        t,
    })
}

#[derive(Deserialize)]
struct PrintQuery {
    lang: Option<String>,
}

/// The languages to print in: as asked, else the pack's own choice.
fn print_langs(asked: Option<&str>, pack: &str) -> Vec<Language> {
    match PackLanguage::parse(asked.unwrap_or(pack)).unwrap_or(PackLanguage::English) {
        PackLanguage::English => vec![Language::En],
        PackLanguage::Welsh => vec![Language::Cy],
        PackLanguage::Both => vec![Language::Cy, Language::En],
    }
}

#[derive(Template)]
#[template(path = "reports/print.html")]
struct PrintPage {
    t: Tr,
    id: i64,
    lang: String,
    html_lang: &'static str,
    title: String,
    rows: Vec<Row>,
    both: bool,
}

/// The pack on A4 pages: no site header, running headers from `print.css`.
async fn print(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<PrintQuery>,
) -> WebResult {
    let p = cairn_app::reports::pack(&st.app, s.actor(), id).await?;
    let tz = time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let langs = print_langs(q.lang.as_deref(), &p.fields.language);
    let t = Tr::new(langs[0]);
    let lang = match langs.as_slice() {
        [Language::Cy, Language::En] => "both",
        [l] => l.key(),
        _ => "en",
    };
    html(&PrintPage {
        id,
        lang: lang.to_owned(),
        html_lang: langs[0].key(),
        title: p.fields.title.clone(),
        rows: rows(&langs, &p, &tz),
        both: langs.len() > 1,
        t,
    })
}

/// Text as a CSS string, every character outside plain letters, digits and spaces escaped,
/// so nothing the organisation typed can end the string or the rule.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() || ch == ' ' {
            out.push(ch);
        } else {
            out.push_str(&format!("\\{:06x}", ch as u32));
        }
    }
    out.push('"');
    out
}

/// The pack's page rules: A4, margins, and the running header (organisation, committee,
/// date) and footer ("Page x of y") in the printed language(s).
async fn print_css(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<PrintQuery>,
) -> WebResult {
    let p = cairn_app::reports::pack(&st.app, s.actor(), id).await?;
    let langs = print_langs(q.lang.as_deref(), &p.fields.language);
    let date = parse_iso_date(&p.assembled_on);
    let header: Vec<String> = langs
        .iter()
        .map(|l| {
            let t = Tr::new(*l);
            format!(
                "{} · {} · {}",
                local_name(&t, &p.organisation, p.organisation_cy.as_deref()),
                p.fields.committee,
                date.map(|d| format_date(d, *l)).unwrap_or_default()
            )
        })
        .collect();
    let (page, of): (Vec<String>, Vec<String>) = langs
        .iter()
        .map(|l| {
            let t = Tr::new(*l);
            (t.get("reports-print-page"), t.get("reports-print-of"))
        })
        .unzip();
    let css = format!(
        "@page {{ size: A4; margin: 22mm 15mm 18mm 15mm;\n  @top-left {{ content: {}; font-size: 9pt; color: #212b32; }}\n  @bottom-right {{ content: {} counter(page) {} counter(pages); font-size: 9pt; color: #212b32; }}\n}}\n",
        css_string(&header.join(" / ")),
        css_string(&format!("{} ", page.join(" / "))),
        css_string(&format!(" {} ", of.join(" / "))),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        css,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_be_closed_by_what_was_typed() {
        let s = css_string("Ward \"A\"; } body { display:none } \\");
        assert!(s.starts_with('"') && s.ends_with('"'));
        let inner = &s[1..s.len() - 1];
        assert!(!inner.contains('"') && !inner.contains(';') && !inner.contains('}'));
        assert!(inner.contains("\\000022"), "{inner}");
    }

    #[test]
    fn both_languages_print_welsh_first() {
        assert_eq!(
            print_langs(Some("both"), "en"),
            vec![Language::Cy, Language::En]
        );
        assert_eq!(print_langs(None, "cy"), vec![Language::Cy]);
        assert_eq!(print_langs(Some("xx"), "cy"), vec![Language::En]);
    }
}
