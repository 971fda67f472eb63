//! A session's register printed on A4 for paper sign-in, Welsh first then English on one
//! sheet, so it serves whoever signs it. Staff type it back in on the register page, where
//! each line is recorded as entered on the person's behalf.

use super::tz_of;
use crate::AppState;
use crate::context::Signed;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::html;
use askama::Template;
use axum::extract::{Path, State};
use cairn_domain::people::Language;
use cairn_domain::time::format_instant;
use cairn_domain::training::Attendance;

/// Blank lines for people who come without booking.
const BLANK_LINES: usize = 8;

/// One label in both languages.
struct Both {
    cy: String,
    en: String,
}

fn both(cy: &Tr, en: &Tr, id: &str) -> Both {
    Both {
        cy: cy.get(id),
        en: en.get(id),
    }
}

fn titles(cy: Option<&str>, en: Option<&str>) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (text, lang) in [(cy, "cy"), (en, "en")] {
        if let Some(x) = text.map(str::trim).filter(|x| !x.is_empty())
            && !out.iter().any(|(y, _)| y == x)
        {
            out.push((x.to_owned(), lang));
        }
    }
    out
}

#[derive(Template)]
#[template(path = "training/register_print.html")]
struct PrintPage {
    title: String,
    organisation: String,
    heading: Both,
    /// The course's title, Welsh first, each with its language (one when they are the same).
    course: Vec<(String, &'static str)>,
    when: Both,
    place: String,
    trainers: String,
    col_name: Both,
    col_sign: Both,
    col_note: Both,
    waiting: Both,
    entered: Both,
    /// (name, on the waiting list)
    names: Vec<(String, bool)>,
    blanks: Vec<usize>,
}

pub(super) async fn print_register(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
) -> WebResult {
    let r = cairn_app::training::register(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    let (cy, en) = (Tr::new(Language::Cy), Tr::new(Language::En));
    let ss = &r.session.session;
    let when = |tr: &Tr, lang| {
        tr.with(
            "session-when",
            &[
                ("start", format_instant(ss.starts_at, &tz, lang)),
                ("end", super::clock_words(&tz, ss.ends_at)),
            ],
        )
    };
    let heading = both(&cy, &en, "register-print-heading");
    html(&PrintPage {
        // Named by its course and time, Welsh first like the sheet: each session's register
        // has a title of its own.
        title: format!(
            "{} / {} – {} – {}",
            heading.cy,
            heading.en,
            r.course
                .title_cy
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .or(r.course.title_en.as_deref())
                .unwrap_or_default(),
            when(&cy, Language::Cy)
        ),
        organisation: crate::views::organisation(&st, &s).await?,
        heading,
        course: titles(r.course.title_cy.as_deref(), r.course.title_en.as_deref()),
        when: Both {
            cy: when(&cy, Language::Cy),
            en: when(&en, Language::En),
        },
        place: [ss.place.clone(), ss.online_url.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        trainers: r
            .session
            .trainers
            .iter()
            .map(|x| x.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        col_name: both(&cy, &en, "register-print-name"),
        col_sign: both(&cy, &en, "register-print-sign"),
        col_note: both(&cy, &en, "register-print-note"),
        waiting: both(&cy, &en, "register-print-waiting"),
        entered: both(&cy, &en, "register-print-entered"),
        names: r
            .lines
            .iter()
            .filter(|l| l.status != Attendance::Apologies)
            .map(|l| (l.name.clone(), l.status == Attendance::Waiting))
            .collect(),
        blanks: (0..BLANK_LINES).collect(),
    })
}
