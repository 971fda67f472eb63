//! The service-user and carer handbook as one printable page: in English, in Welsh, or both
//! side by side (Welsh first), and with the principles in Easy Read where they have it. It has
//! no site header, like a board pack's print page, so it prints cleanly on A4 from the
//! browser; a link at the top (hidden on paper) leads back.

use crate::context::Signed;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{html, local_name};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Query, State};
use cairn_app::handbook::Handbook;
use cairn_domain::payments::PaymentChoice;
use cairn_domain::people::Language;
use cairn_domain::time::format_date;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/handbook", page)
}

/// A two-column table: its column headings and rows.
type Table = ((String, String), Vec<(String, String)>);

/// One section of the handbook in one language.
struct Cell {
    lang: &'static str,
    heading: String,
    paragraphs: Vec<String>,
    /// A two-column table: its column headings and rows.
    table: Option<Table>,
    /// Titled groups of lines (a role, a course, a way of being paid).
    items: Vec<(String, Vec<String>)>,
    /// True for the cover, which is the page's first heading.
    cover: bool,
}

#[derive(Template)]
#[template(path = "handbook/print.html")]
struct Page {
    t: Tr,
    html_lang: &'static str,
    title: String,
    /// Each row one section, with a cell per language (Welsh first).
    rows: Vec<Vec<Cell>>,
    both: bool,
    easy: bool,
    lang: &'static str,
}

#[derive(Deserialize, Default)]
struct HandbookQuery {
    lang: Option<String>,
    easy: Option<String>,
}

fn lines(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().replace('\n', " "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn sections(t: &Tr, h: &Handbook, org: &str, easy: bool) -> Vec<Cell> {
    let welsh = t.lang == Language::Cy;
    let pick = |en: &str, cy: &str| if welsh { cy.to_owned() } else { en.to_owned() };
    let cell = |heading: String| Cell {
        lang: t.lang.key(),
        heading,
        paragraphs: Vec::new(),
        table: None,
        items: Vec::new(),
        cover: false,
    };
    let mut cover = cell(t.get("handbook-title"));
    cover.cover = true;
    cover.paragraphs = vec![
        org.to_owned(),
        t.with(
            "handbook-up-to-date",
            &[("date", format_date(h.today, t.lang))],
        ),
        t.get("handbook-intro"),
    ];
    if easy {
        cover.paragraphs.push(t.get("handbook-easy-note"));
    }

    let p = &h.principles;
    let mut principles = cell(t.get("handbook-principles"));
    let easy_text = pick(&p.easy_en, &p.easy_cy);
    principles.paragraphs = if easy && !easy_text.trim().is_empty() {
        lines(&easy_text)
    } else {
        lines(&pick(&p.text_en, &p.text_cy))
    };
    principles.paragraphs.push(t.with(
        "handbook-principles-version",
        &[("version", p.version.to_string())],
    ));

    let mut paid = cell(t.get("handbook-paid"));
    paid.paragraphs = vec![t.get("handbook-paid-intro")];
    let mut rates: Vec<(String, String)> = h
        .fees
        .iter()
        .map(|r| {
            (
                t.get(&r.activity_type.label_id()),
                crate::payments::fee_amount(t, r),
            )
        })
        .collect();
    rates.extend(h.expenses.iter().map(|r| {
        (
            t.get(&r.category.label_id()),
            crate::payments::expense_rule(t, r),
        )
    }));
    if rates.is_empty() {
        paid.paragraphs.push(t.get("handbook-paid-none"));
    } else {
        paid.table = Some((
            (t.get("handbook-col-for"), t.get("handbook-col-paid")),
            rates,
        ));
    }
    paid.items = vec![
        (
            t.get("handbook-ways"),
            PaymentChoice::ALL
                .iter()
                .map(|c| t.get(&format!("handbook-way-{}", c.key().replace('_', "-"))))
                .collect(),
        ),
        (
            t.get("handbook-benefits-title"),
            vec![t.get("handbook-benefits")],
        ),
    ];

    let mut roles = cell(t.get("handbook-roles"));
    if h.roles.is_empty() {
        roles.paragraphs.push(t.get("handbook-roles-none"));
    }
    roles.items = h
        .roles
        .iter()
        .map(|r| {
            (
                r.title(welsh).to_owned(),
                [
                    pick(&r.purpose_en, &r.purpose_cy),
                    pick(&r.involves_en, &r.involves_cy),
                    pick(&r.time_en, &r.time_cy),
                    pick(&r.support_en, &r.support_cy),
                ]
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect(),
            )
        })
        .collect();
    roles.items.push((
        t.get("handbook-recruitment-title"),
        vec![t.get("handbook-recruitment")],
    ));
    roles.items.push((
        t.get("handbook-leaving-title"),
        vec![t.get("handbook-leaving")],
    ));

    let mut training = cell(t.get("handbook-training"));
    training.items = h
        .courses
        .iter()
        .filter_map(|c| {
            let title =
                crate::training::local_title(t, c.title_en.as_deref(), c.title_cy.as_deref());
            let summary =
                crate::training::local_title(t, c.summary_en.as_deref(), c.summary_cy.as_deref());
            (!title.text.is_empty()).then(|| (title.text, vec![summary.text]))
        })
        .collect();
    if training.items.is_empty() {
        training.paragraphs.push(t.get("handbook-training-none"));
    }

    let mut ask = cell(t.get("handbook-ask"));
    ask.paragraphs = vec![t.get("handbook-ask-intro")];
    ask.table = Some((
        (t.get("handbook-col-unit"), t.get("handbook-col-who")),
        h.contacts
            .iter()
            .map(|(name, name_cy, who)| {
                (
                    local_name(t, name, name_cy.as_deref()),
                    who.clone().unwrap_or_else(|| t.get("handbook-ask-staff")),
                )
            })
            .collect(),
    ));

    vec![cover, principles, paid, roles, training, ask]
}

async fn page(State(st): State<AppState>, s: Signed, Query(q): Query<HandbookQuery>) -> WebResult {
    let h = cairn_app::handbook::handbook(&st.app, s.actor()).await?;
    let o = cairn_app::units::my_organisation(&st.app, s.actor()).await?;
    let reader = s.ctx.t();
    let (langs, lang): (Vec<Language>, &'static str) = match q.lang.as_deref() {
        Some("both") => (vec![Language::Cy, Language::En], "both"),
        Some("cy") => (vec![Language::Cy], "cy"),
        Some("en") => (vec![Language::En], "en"),
        _ => (vec![reader.lang], reader.lang.key()),
    };
    let easy = q.easy.as_deref().is_some_and(|v| !v.is_empty());
    let per_lang: Vec<Vec<Cell>> = langs
        .iter()
        .map(|l| {
            let t = Tr::new(*l);
            let org = local_name(&t, &o.name, o.name_cy.as_deref());
            sections(&t, &h, &org, easy)
        })
        .collect();
    // Section by section, a cell per language.
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for side in per_lang {
        for (i, cell) in side.into_iter().enumerate() {
            match rows.get_mut(i) {
                Some(row) => row.push(cell),
                None => rows.push(vec![cell]),
            }
        }
    }
    let t = Tr::new(langs[0]);
    html(&Page {
        html_lang: langs[0].key(),
        title: t.get("handbook-title"),
        rows,
        both: langs.len() > 1,
        easy,
        lang,
        t,
    })
}
