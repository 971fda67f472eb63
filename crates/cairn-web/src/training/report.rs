//! The training report: sessions, attendance by constituency, completions and credits, and
//! the share co-delivered and joint, by month and by unit; a chart with its data table, and
//! the same figures as CSV.

use crate::AppState;
use crate::charts::{Bar, stacked_bars};
use crate::context::Signed;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, html, local_name, organisation};
use askama::Template;
use axum::extract::{Query, State};
use cairn_app::training::report::{Line, Report};
use cairn_domain::people::Constituency;
use cairn_domain::time::{format_date, format_month};
use serde::Deserialize;

/// Constituencies in the order the report shows them, each with its bar colour (NHS palette,
/// text on it at 4.5:1 or more).
const COLOURS: [(Constituency, &str, &str); 5] = [
    (Constituency::ServiceUser, "#005eb8", "#ffffff"),
    (Constituency::Carer, "#007f3b", "#ffffff"),
    (Constituency::Staff, "#330072", "#ffffff"),
    (Constituency::ThirdSector, "#ffb81c", "#212b32"),
    (Constituency::Manager, "#425563", "#ffffff"),
];

#[derive(Deserialize)]
pub(super) struct ReportQuery {
    months: Option<i64>,
}

/// One row of a table: its label and its figures as text.
struct Row {
    label: String,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "training/report.html")]
struct ReportPage {
    chrome: Chrome,
    t: Tr,
    period: String,
    months: i64,
    /// (months, words, chosen)
    month_choices: Vec<(i64, String, bool)>,
    chart: String,
    headers: Vec<String>,
    total: Row,
    sections: Vec<(String, Vec<Row>)>,
    has_sessions: bool,
    hidden_below: i64,
}

fn percent(p: Option<i64>) -> String {
    p.map(|p| format!("{p}%")).unwrap_or_else(|| "–".into())
}

fn headers(t: &Tr) -> Vec<String> {
    let mut h = vec![
        t.get("training-report-col-sessions"),
        t.get("training-report-col-co-delivered"),
        t.get("training-report-col-joint"),
    ];
    h.extend(COLOURS.iter().map(|(c, _, _)| t.get(&c.label_id())));
    h.extend([
        t.get("training-report-col-learners"),
        t.get("training-report-col-completions"),
        t.get("training-report-col-credits"),
    ]);
    h
}

/// A count of people as shown: on a unit's line, fewer than the small-number rule's count
/// reads "fewer than N" (a single learner on a small unit could be named from it).
fn people(t: &Tr, n: i64, hide_below: Option<i64>) -> String {
    match hide_below {
        Some(b) if n > 0 && n < b => t.with("training-report-fewer", &[("count", b.to_string())]),
        _ => n.to_string(),
    }
}

fn cells(t: &Tr, l: &Line, hide_below: Option<i64>) -> Vec<String> {
    let mut c = vec![
        l.sessions.to_string(),
        percent(l.co_delivered_percent()),
        percent(l.joint_percent()),
    ];
    c.extend(
        COLOURS
            .iter()
            .map(|(k, _, _)| l.attended.get(k.key()).copied().unwrap_or(0).to_string()),
    );
    c.extend([
        people(t, l.learners, hide_below),
        people(t, l.completions, hide_below),
        people(t, l.credits, hide_below),
    ]);
    c
}

fn unit_names(t: &Tr, r: &Report) -> Vec<(i64, String)> {
    r.unit_names
        .iter()
        .map(|(id, en, cy)| (*id, local_name(t, en, cy.as_deref())))
        .collect()
}

fn unit_label(units: &[(i64, String)], key: &str) -> String {
    key.parse::<i64>()
        .ok()
        .and_then(|id| units.iter().find(|(u, _)| *u == id))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

async fn load(st: &AppState, s: &Signed, months: Option<i64>) -> WebResult<(Report, i64)> {
    let months = months
        .unwrap_or(12)
        .clamp(1, cairn_app::training::report::MONTHS_MAX);
    Ok((
        cairn_app::training::report::report(&st.app, s.actor(), months).await?,
        months,
    ))
}

pub(super) async fn report_page(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ReportQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let (r, months) = load(&st, &s, q.months).await?;
    let units = unit_names(&t, &r);
    let bars: Vec<Bar> = r
        .by_month
        .iter()
        .map(|m| Bar {
            label: format_month(&m.key, t.lang),
            segments: COLOURS
                .iter()
                .map(|(k, fill, text)| {
                    (m.attended.get(k.key()).copied().unwrap_or(0), *fill, *text)
                })
                .collect(),
        })
        .collect();
    let chart = stacked_bars(
        "training-chart",
        &t.get("training-report-chart-title"),
        &t.with(
            "training-report-summary",
            &[
                ("sessions", r.total.sessions.to_string()),
                ("attendances", r.total.attendances().to_string()),
                ("completions", r.total.completions.to_string()),
            ],
        ),
        &bars,
        &COLOURS
            .iter()
            .map(|(k, fill, _)| (t.get(&k.label_id()), *fill))
            .collect::<Vec<_>>(),
    );
    let sections = vec![
        (
            t.get("training-report-by-month"),
            r.by_month
                .iter()
                .map(|l| Row {
                    label: format_month(&l.key, t.lang),
                    cells: cells(&t, l, None),
                })
                .collect(),
        ),
        (
            t.get("training-report-by-unit"),
            r.by_unit
                .iter()
                .map(|l| Row {
                    label: unit_label(&units, &l.key),
                    cells: cells(&t, l, Some(r.hidden_below)),
                })
                .collect(),
        ),
    ];
    let chrome = Chrome::signed(
        &s,
        t.get("training-report-title"),
        organisation(&st, &s).await?,
    );
    html(&ReportPage {
        period: t.with(
            "training-report-period",
            &[
                ("from", format_date(r.from, t.lang)),
                ("to", format_date(r.to, t.lang)),
            ],
        ),
        months,
        month_choices: [3, 6, 12, 24]
            .into_iter()
            .map(|n| (n, t.count("training-report-months-option", n), n == months))
            .collect(),
        chart,
        headers: headers(&t),
        total: Row {
            label: t.get("training-report-total"),
            cells: cells(&t, &r.total, None),
        },
        has_sessions: r.total.sessions > 0,
        hidden_below: r.hidden_below,
        sections,
        chrome,
        t,
    })
}

/// The same figures as CSV: whole numbers only (counts, not percentages), so the sheet adds up.
pub(super) async fn report_csv(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ReportQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let (r, _) = load(&st, &s, q.months).await?;
    let units = unit_names(&t, &r);
    let mut head = vec![
        t.get("training-report-col-breakdown"),
        t.get("training-report-col-row"),
        t.get("training-report-col-sessions"),
        t.get("training-report-col-co-delivered-count"),
        t.get("training-report-col-joint-count"),
    ];
    head.extend(COLOURS.iter().map(|(c, _, _)| t.get(&c.label_id())));
    head.extend([
        t.get("training-report-col-learners"),
        t.get("training-report-col-completions"),
        t.get("training-report-col-credits"),
    ]);
    let mut rows = vec![head];
    let line = |section: String, label: String, l: &Line, hide: Option<i64>| {
        let mut row = vec![
            section,
            label,
            l.sessions.to_string(),
            l.co_delivered.to_string(),
            l.joint.to_string(),
        ];
        row.extend(
            COLOURS
                .iter()
                .map(|(k, _, _)| l.attended.get(k.key()).copied().unwrap_or(0).to_string()),
        );
        row.extend([
            people(&t, l.learners, hide),
            people(&t, l.completions, hide),
            people(&t, l.credits, hide),
        ]);
        row
    };
    for l in &r.by_month {
        // Month keys stay as 2026-03 so a spreadsheet sorts them.
        rows.push(line(
            t.get("training-report-by-month"),
            l.key.clone(),
            l,
            None,
        ));
    }
    for l in &r.by_unit {
        rows.push(line(
            t.get("training-report-by-unit"),
            unit_label(&units, &l.key),
            l,
            Some(r.hidden_below),
        ));
    }
    rows.push(line(
        t.get("training-report-total"),
        String::new(),
        &r.total,
        None,
    ));
    Ok(crate::csv_export::download("training.csv", &rows))
}
