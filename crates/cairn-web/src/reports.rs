//! Reports: the catalogue of measures, each measure's SPC chart with its data table and CSV,
//! and the dashboards of the service and of each unit. Board packs are in [`packs`].
//!
//! Every chart, icon and sentence here is made from a [`Series`] by [`series_view`], so the
//! dashboards, the measure pages and the board pack say the same thing the same way.

pub(crate) mod packs;

use crate::charts::{SpcPoint, SpcWords, icon, percent_lines, spc};
use crate::context::{Posted, Signed};
use crate::csv_export::download;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Chrome, FormState, html, html_status, local_name, organisation, see_other, unit_names,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use cairn_app::AppError;
use cairn_app::reports::{Dashboard, MonthPoint, Series};
use cairn_domain::Permission;
use cairn_domain::reports::spc::{
    AssuranceIcon, Better, Cause, ChartKind, Direction, Rule, SMALL_DENOMINATOR, VariationIcon,
};
use cairn_domain::reports::{Kind, Month, SmallNumbers, Source};
use cairn_domain::time::format_month;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    let r = r
        .get("/reports", service_dashboard)
        .get("/reports/units/{id}", unit_dashboard)
        .get("/reports/summary.csv", summary_csv)
        .get("/reports/measures", catalogue_page)
        .get("/reports/measures.csv", catalogue_csv)
        .get("/reports/measures/{key}", measure_page)
        .get("/reports/measures/{key}/data.csv", measure_csv)
        .post("/reports/measures/{key}/target", set_target)
        .post("/reports/measures/{key}/baseline", set_baseline);
    packs::routes(r)
}

/// "Mar 26": a month for a chart's axis.
pub(crate) fn short_month(t: &Tr, m: Month) -> String {
    format!(
        "{} {:02}",
        t.get(&format!("reports-month-short-{}", m.month)),
        m.year % 100
    )
}

/// "March 2026".
pub(crate) fn long_month(t: &Tr, m: Month) -> String {
    format_month(&m.to_string(), t.lang)
}

/// A figure as it reads: "62%" for a share, "12" for a count.
pub(crate) fn figure(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Proportion => format!("{v:.0}%"),
        Kind::Count if (v - v.round()).abs() < 1e-9 => format!("{v:.0}"),
        Kind::Count => format!("{v:.1}"),
    }
}

/// One row of a chart's data table.
#[derive(Debug, Clone)]
pub(crate) struct RowView {
    pub month: String,
    pub month_key: String,
    pub numerator: String,
    pub denominator: String,
    pub value: String,
    pub mean: String,
    pub upper: String,
    pub lower: String,
    pub verdict: String,
    /// Stable key of the verdict for tests and styling: improvement, concern, common, none.
    pub verdict_key: &'static str,
}

/// A measure's chart, icons, sentence and table, in the reader's language.
#[derive(Debug, Clone)]
pub(crate) struct SeriesView {
    pub key: String,
    pub name: String,
    pub definition: String,
    pub scope: String,
    pub title: String,
    pub summary: String,
    /// The figure's caption under the chart: measure, months shown and source.
    pub caption: String,
    pub svg: String,
    pub variation_key: &'static str,
    pub variation: String,
    pub variation_svg: String,
    pub assurance_key: &'static str,
    pub assurance: String,
    pub assurance_svg: String,
    pub notes: Vec<String>,
    pub latest: String,
    pub target: String,
    pub better: String,
    pub rows: Vec<RowView>,
    pub is_proportion: bool,
    pub href: String,
}

pub(crate) fn variation_key(v: Option<VariationIcon>) -> &'static str {
    match v {
        Some(VariationIcon::CommonCause) => "common_cause",
        Some(VariationIcon::ImprovementHigh) => "improvement_high",
        Some(VariationIcon::ImprovementLow) => "improvement_low",
        Some(VariationIcon::ConcernHigh) => "concern_high",
        Some(VariationIcon::ConcernLow) => "concern_low",
        None => "none",
    }
}

pub(crate) fn assurance_key(a: Option<AssuranceIcon>) -> &'static str {
    match a {
        Some(AssuranceIcon::Pass) => "pass",
        Some(AssuranceIcon::Fail) => "fail",
        Some(AssuranceIcon::HitAndMiss) => "hit_and_miss",
        None => "none",
    }
}

fn rule_key(r: Rule) -> &'static str {
    match r {
        Rule::OutsideLimits => "outside-limits",
        Rule::Shift => "shift",
        Rule::Trend => "trend",
        Rule::TwoOfThree => "two-of-three",
    }
}

/// The scope's name: the unit's, or "The whole service".
pub(crate) fn scope_name(t: &Tr, s: &Series) -> String {
    match &s.unit_name {
        Some(n) => local_name(t, n, s.unit_name_cy.as_deref()),
        None => t.get("reports-scope-service"),
    }
}

/// The one-line sentence under a chart ("Special cause improvement since March 2026").
pub(crate) fn summary(t: &Tr, s: &Series) -> String {
    let m = s.measure();
    let a = &s.analysis;
    let charted: Vec<&MonthPoint> = s.charted().collect();
    let (Some(first), Some(last)) = (charted.first(), charted.last()) else {
        return t.get("reports-summary-empty");
    };
    if a.kind == ChartKind::Run {
        let direction = match a.direction {
            Some(Direction::Up) => "up",
            Some(Direction::Down) => "down",
            _ => "same",
        };
        return t.with(
            "reports-summary-run",
            &[
                ("count", charted.len().to_string()),
                ("direction", direction.to_owned()),
                ("first", figure(m.kind, first.value.unwrap_or(0.0))),
                ("last", figure(m.kind, last.value.unwrap_or(0.0))),
                ("since", long_month(t, first.month.0)),
            ],
        );
    }
    let mut out = match (last.spc.and_then(|p| p.special_cause), s.since_month()) {
        (Some(Cause::Improvement), Some(since)) => t.with(
            "reports-summary-improvement",
            &[("since", long_month(t, since))],
        ),
        (Some(Cause::Concern), Some(since)) => t.with(
            "reports-summary-concern",
            &[("since", long_month(t, since))],
        ),
        _ => t.get("reports-summary-common"),
    };
    if let (Some(target), Some(icon)) = (s.target, a.assurance) {
        let id = match icon {
            AssuranceIcon::Pass => "reports-summary-target-pass",
            AssuranceIcon::Fail => "reports-summary-target-fail",
            AssuranceIcon::HitAndMiss => "reports-summary-target-variable",
        };
        out.push(' ');
        out.push_str(&t.with(id, &[("target", figure(m.kind, target as f64))]));
    }
    out
}

/// Builds the view of a series.
pub(crate) fn series_view(t: &Tr, s: &Series, chart_id: &str) -> SeriesView {
    let m = s.measure();
    let stem = m.message_id();
    let name = t.get(&stem);
    let scope = scope_name(t, s);
    let title = t.with(
        "reports-chart-title",
        &[("measure", name.clone()), ("scope", scope.clone())],
    );
    let summary = summary(t, s);
    let a = &s.analysis;
    let percent = m.kind == Kind::Proportion;
    let mut last_phase = None;
    let points: Vec<SpcPoint> = s
        .charted()
        .map(|p| {
            let r = p.spc;
            let phase = r.map(|r| r.phase);
            let new_phase = last_phase.is_some() && phase != last_phase;
            last_phase = phase;
            SpcPoint {
                label: short_month(t, p.month.0),
                value: p.value.unwrap_or(0.0),
                mean: r.map_or(0.0, |r| r.mean),
                upper: r.and_then(|r| r.upper),
                lower: r.and_then(|r| r.lower),
                improvement: r
                    .and_then(|r| r.special_cause)
                    .map(|c| c == Cause::Improvement),
                new_phase,
            }
        })
        .collect();
    let words = SpcWords {
        mean: t.get(if a.kind == ChartKind::Run {
            "reports-legend-mean-run"
        } else {
            "reports-legend-mean"
        }),
        limits: t.get(if a.trial {
            "reports-legend-limits-trial"
        } else {
            "reports-legend-limits"
        }),
        target: t.get("reports-legend-target"),
        improvement: t.get("reports-legend-improvement"),
        concern: t.get("reports-legend-concern"),
        common: t.get("reports-legend-common"),
        rebased: t.get("reports-legend-rebased"),
    };
    let svg = spc(
        chart_id,
        &title,
        &summary,
        &points,
        s.target.map(|v| v as f64),
        percent,
        &words,
    );
    let vk = variation_key(a.variation);
    let ak = assurance_key(a.assurance);
    let variation = t.get(&format!("reports-variation-{}", vk.replace('_', "-")));
    let assurance = t.get(&format!("reports-assurance-{}", ak.replace('_', "-")));
    let mut notes = Vec::new();
    match a.kind {
        ChartKind::Run => notes.push(t.with(
            "reports-note-run",
            &[(
                "count",
                cairn_domain::reports::spc::MIN_POINTS_FOR_LIMITS.to_string(),
            )],
        )),
        ChartKind::P => notes.push(t.with(
            "reports-note-p-chart",
            &[("count", SMALL_DENOMINATOR.to_string())],
        )),
        ChartKind::Xmr => notes.push(t.get("reports-note-xmr")),
    }
    if a.trial {
        notes.push(t.with(
            "reports-note-trial",
            &[(
                "count",
                cairn_domain::reports::spc::MIN_POINTS_FOR_FIRM_LIMITS.to_string(),
            )],
        ));
    }
    if let Some(n) = s.hidden_below
        && s.points.iter().any(|p| p.suppressed)
    {
        notes.push(t.with("reports-note-hidden", &[("count", n.to_string())]));
    }
    let fmt = |v: Option<f64>| v.map(|v| figure(m.kind, v)).unwrap_or_default();
    let fmt_line = |v: Option<f64>| {
        v.map(|v| {
            if percent {
                format!("{v:.1}%")
            } else {
                format!("{v:.1}")
            }
        })
        .unwrap_or_default()
    };
    let rows = s
        .points
        .iter()
        .map(|p| {
            let (verdict, verdict_key) = match (p.suppressed, p.value, p.spc) {
                (true, _, _) => (
                    t.with(
                        "reports-row-hidden",
                        &[("count", s.hidden_below.unwrap_or(0).to_string())],
                    ),
                    "hidden",
                ),
                (_, None, _) => (t.get("reports-row-none"), "none"),
                (_, Some(_), Some(r)) => match (r.special_cause, r.rule) {
                    (Some(c), Some(rule)) => (
                        t.with(
                            if c == Cause::Improvement {
                                "reports-row-improvement"
                            } else {
                                "reports-row-concern"
                            },
                            &[("rule", t.get(&format!("reports-rule-{}", rule_key(rule))))],
                        ),
                        if c == Cause::Improvement {
                            "improvement"
                        } else {
                            "concern"
                        },
                    ),
                    _ if a.kind == ChartKind::Run => (String::new(), "run"),
                    _ => (t.get("reports-row-common"), "common"),
                },
                (_, Some(_), None) => (String::new(), "run"),
            };
            let hidden = t.with(
                "reports-hidden-count",
                &[("count", s.hidden_below.unwrap_or(0).to_string())],
            );
            RowView {
                month: long_month(t, p.month.0),
                month_key: p.month.0.to_string(),
                numerator: if p.suppressed {
                    hidden.clone()
                } else {
                    p.numerator.to_string()
                },
                denominator: match (p.suppressed, p.denominator) {
                    (true, _) => hidden,
                    (false, Some(d)) => d.to_string(),
                    (false, None) => String::new(),
                },
                value: fmt(p.value),
                mean: fmt_line(p.spc.map(|r| r.mean).filter(|_| a.kind != ChartKind::Run)),
                upper: fmt_line(p.spc.and_then(|r| r.upper)),
                lower: fmt_line(p.spc.and_then(|r| r.lower)),
                verdict,
                verdict_key,
            }
        })
        .collect();
    let href = match s.unit_id {
        Some(u) => format!("/reports/measures/{}?unit_id={u}", m.key),
        None => format!("/reports/measures/{}", m.key),
    };
    let caption = t.with(
        "reports-chart-caption",
        &[
            ("measure", name.clone()),
            (
                "period",
                t.with(
                    "reports-period",
                    &[
                        ("from", long_month(t, s.from.0)),
                        ("to", long_month(t, s.to.0)),
                    ],
                ),
            ),
            ("source", t.get(source_id(m.source))),
        ],
    );
    SeriesView {
        caption,
        key: m.key.to_owned(),
        definition: t.get(&format!("{stem}-definition")),
        name,
        scope,
        title,
        summary,
        svg,
        variation_key: vk,
        variation_svg: icon(vk, &variation),
        variation,
        assurance_key: ak,
        assurance_svg: icon(ak, &assurance),
        assurance,
        notes,
        latest: s
            .latest()
            .map(|p| format!("{} ({})", fmt(p.value), long_month(t, p.month.0)))
            .unwrap_or_else(|| t.get("reports-latest-none")),
        target: s
            .target
            .map(|v| figure(m.kind, v as f64))
            .unwrap_or_else(|| t.get("reports-target-none")),
        better: t.get(match m.better {
            Better::Higher => "reports-better-higher",
            Better::Lower => "reports-better-lower",
        }),
        rows,
        is_proportion: percent,
        href,
    }
}

/// The CSV of a series: one row a month with its verdict, headings in the reader's language.
pub(crate) fn series_csv_rows(t: &Tr, v: &SeriesView) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        t.get("reports-col-month"),
        t.get("reports-col-numerator"),
        t.get("reports-col-denominator"),
        t.get("reports-col-value"),
        t.get("reports-col-mean"),
        t.get("reports-col-upper"),
        t.get("reports-col-lower"),
        t.get("reports-col-verdict"),
    ]];
    for r in &v.rows {
        rows.push(vec![
            r.month_key.clone(),
            r.numerator.clone(),
            r.denominator.clone(),
            r.value.clone(),
            r.mean.clone(),
            r.upper.clone(),
            r.lower.clone(),
            r.verdict.clone(),
        ]);
    }
    rows
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    t: Tr,
    scope: String,
    unit_id: Option<i64>,
    /// The unit shown, or 0 for the service (to mark it in the list of units).
    current_unit: i64,
    tiles: Vec<SeriesView>,
    /// Level progress: chart and table (label, L1, L2, L3).
    progress_svg: Option<String>,
    progress_rows: Vec<(String, i64, i64, i64)>,
    /// Service: units with their level percentages now and at the baseline.
    unit_rows: Vec<(i64, String, String, String)>,
    /// Other units the reader may open.
    units: Vec<(i64, String)>,
    can_see_service: bool,
    /// The playbook's challenges raised now on the units shown: (unit id, line).
    raised: Vec<(i64, String)>,
}

/// The dashboard's parts: icon summary, level progress (chart and rows), units' levels.
type DashboardParts = (
    Vec<SeriesView>,
    Option<String>,
    Vec<(String, i64, i64, i64)>,
    Vec<(i64, String, String, String)>,
);

fn dashboard_view(t: &Tr, d: &Dashboard) -> DashboardParts {
    let tiles = d
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| series_view(t, s, &format!("chart-{i}")))
        .collect();
    let mut progress_rows = Vec::new();
    let mut progress_svg = None;
    if let Some(a) = &d.assessment {
        for (r, p) in &a.over_time {
            progress_rows.push((r.name.clone(), p[0], p[1], p[2]));
        }
        let now: Vec<i64> = (1..=3)
            .map(|n| {
                a.levels
                    .iter()
                    .find(|l| l.level == n)
                    .map_or(0, |l| l.percent)
            })
            .collect();
        progress_rows.push((t.get("reports-progress-now"), now[0], now[1], now[2]));
    }
    // The service's rounds; its last entry is now.
    for (name, p) in &d.service_progress {
        let name = if name.is_empty() {
            t.get("reports-progress-now")
        } else {
            name.clone()
        };
        progress_rows.push((name, p[0], p[1], p[2]));
    }
    if !progress_rows.is_empty() {
        let labels: Vec<String> = progress_rows.iter().map(|r| r.0.clone()).collect();
        let series: Vec<(String, Vec<i64>)> = (0..3)
            .map(|k| {
                (
                    t.get(&format!("model-level-short-{}", k + 1)),
                    progress_rows.iter().map(|r| [r.1, r.2, r.3][k]).collect(),
                )
            })
            .collect();
        progress_svg = Some(percent_lines(
            "progress-chart",
            &t.get("reports-progress-title"),
            &t.get("reports-progress-summary"),
            &labels,
            &series,
        ));
    }
    let mut unit_rows = Vec::new();
    if let Some(v) = &d.service {
        let pct = |l: &[cairn_domain::model::LevelProgress]| {
            (1..=3)
                .map(|n| {
                    l.iter()
                        .find(|p| p.level == n)
                        .map_or("0%".to_owned(), |p| format!("{}%", p.percent))
                })
                .collect::<Vec<_>>()
                .join(" · ")
        };
        for r in &v.rows {
            unit_rows.push((
                r.unit.id,
                local_name(t, &r.unit.name, r.unit.name_cy.as_deref()),
                pct(&r.levels),
                r.baseline
                    .as_deref()
                    .map(pct)
                    .unwrap_or_else(|| t.get("reports-no-baseline")),
            ));
        }
    }
    (tiles, progress_svg, progress_rows, unit_rows)
}

async fn dashboard_page(st: &AppState, s: &Signed, unit: Option<i64>) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::reports::dashboard(&st.app, s.actor(), unit).await?;
    let scope = match &d.unit {
        Some(u) => local_name(&t, &u.name, u.name_cy.as_deref()),
        None => t.get("reports-scope-service"),
    };
    let (tiles, progress_svg, progress_rows, unit_rows) = dashboard_view(&t, &d);
    let units = unit_names(st, s).await?;
    let raised = if s.actor().can(Permission::ViewAssessments) {
        cairn_app::playbook::raised(&st.app, s.actor())
            .await?
            .into_iter()
            .filter(|(r, _)| unit.is_none_or(|u| u == r.unit_id))
            .map(|(r, name)| {
                (
                    r.unit_id,
                    format!(
                        "{name}: {}",
                        crate::playbook::challenge_name(&t, &r.challenge)
                    ),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let chrome = Chrome::signed(
        s,
        t.with("reports-dashboard-title", &[("scope", scope.clone())]),
        organisation(st, s).await?,
    );
    html(&DashboardPage {
        chrome,
        scope,
        unit_id: unit,
        current_unit: unit.unwrap_or(0),
        tiles,
        progress_svg,
        progress_rows,
        unit_rows,
        units,
        can_see_service: !s.actor().role.is_unit_scoped(),
        raised,
        t,
    })
}

/// The service's dashboard; an account limited to some units is sent to its first unit's.
async fn service_dashboard(State(st): State<AppState>, s: Signed) -> WebResult {
    if s.actor().can(Permission::ViewReports) && s.actor().role.is_unit_scoped() {
        return match s.actor().unit_ids.first() {
            Some(u) => see_other(&format!("/reports/units/{u}")),
            None => Err(WebError::Forbidden),
        };
    }
    dashboard_page(&st, &s, None).await
}

/// A dashboard's icon summary as CSV: each measure's latest month, figure, target, what the
/// chart shows (in words) and its one-line summary.
async fn summary_csv(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<SeriesQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let unit = unit_of(q.unit_id.as_deref())?;
    let d = cairn_app::reports::dashboard(&st.app, s.actor(), unit).await?;
    let mut rows = vec![vec![
        t.get("reports-col-key"),
        t.get("reports-col-measure"),
        t.get("reports-col-month"),
        t.get("reports-col-value"),
        t.get("reports-col-target"),
        t.get("reports-col-variation"),
        t.get("reports-col-assurance"),
        t.get("reports-col-summary"),
    ]];
    for (i, series) in d.series.iter().enumerate() {
        let v = series_view(&t, series, &format!("chart-{i}"));
        let latest = series.latest();
        rows.push(vec![
            v.key.clone(),
            v.name.clone(),
            latest.map(|p| p.month.0.to_string()).unwrap_or_default(),
            latest
                .and_then(|p| p.value)
                .map(|x| figure(series.measure().kind, x))
                .unwrap_or_default(),
            series
                .target
                .map(|x| figure(series.measure().kind, x as f64))
                .unwrap_or_default(),
            v.variation.clone(),
            v.assurance.clone(),
            v.summary.clone(),
        ]);
    }
    let name = match unit {
        Some(u) => format!("measures-unit-{u}.csv"),
        None => "measures-service.csv".to_owned(),
    };
    Ok(download(&name, &rows).into_response())
}

async fn unit_dashboard(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    dashboard_page(&st, &s, Some(id)).await
}

#[derive(Template)]
#[template(path = "reports/catalogue.html")]
struct CataloguePage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<CatalogueView>,
    live: Vec<LiveView>,
    /// The playbook's signals: (key, name, definition, challenge, threshold in words).
    signals: Vec<(&'static str, String, String, String, String)>,
}

#[derive(Debug, Clone)]
struct CatalogueView {
    key: String,
    name: String,
    definition: String,
    numerator: String,
    denominator: String,
    source: String,
    better: String,
    target: String,
    small_numbers: String,
    practice: String,
}

fn source_id(s: Source) -> &'static str {
    match s {
        Source::Feedback => "reports-source-feedback",
        Source::Meetings => "reports-source-meetings",
        Source::People => "reports-source-people",
        Source::Training => "reports-source-training",
        Source::Payments => "reports-source-payments",
        Source::Surveys => "reports-source-surveys",
        Source::Evidence => "reports-source-evidence",
    }
}

/// A live measure of the model as the catalogue page and its CSV show it.
#[derive(Debug, Clone)]
struct LiveView {
    code: String,
    definition: String,
    kind: String,
    numerator: String,
    denominator: String,
    source: String,
    check: String,
    small_numbers: String,
}

fn live_view(t: &Tr, r: &cairn_app::reports::LiveRow) -> LiveView {
    use cairn_domain::reports::live::Target;
    let m = r.measure;
    let stem = m.message_id();
    let share = m.kind == Kind::Proportion;
    LiveView {
        code: m.code.to_owned(),
        definition: t.get(&stem),
        kind: t.get(if share {
            "reports-kind-proportion"
        } else {
            "reports-kind-count"
        }),
        numerator: if share {
            t.get(&format!("{stem}-numerator"))
        } else {
            t.get("reports-live-numerator-count")
        },
        denominator: if share {
            t.get(&format!("{stem}-denominator"))
        } else {
            t.get("reports-denominator-none")
        },
        source: t.get(source_id(m.source)),
        check: match m.target {
            Target::AtLeastOne => t.get("reports-live-check-any"),
            Target::Percent(p) => {
                t.with("reports-live-check-percent", &[("percent", p.to_string())])
            }
            Target::EveryClosedAnswered => t.get("reports-live-check-closed"),
            Target::HalfDecided => t.get("reports-live-check-half"),
            Target::EveryRolePublished => t.get("reports-live-check-roles"),
            Target::RoundRunning => t.get("reports-live-check-round"),
        },
        small_numbers: match r.hidden_below {
            Some(n) => t.with("reports-live-small-people", &[("count", n.to_string())]),
            None => t.get("reports-small-none"),
        },
    }
}

async fn catalogue_rows(
    st: &AppState,
    s: &Signed,
    t: &Tr,
) -> Result<(Vec<CatalogueView>, Vec<LiveView>), WebError> {
    let catalogue = cairn_app::reports::catalogue(&st.app, s.actor()).await?;
    let live = catalogue.live.iter().map(|r| live_view(t, r)).collect();
    let rows = catalogue
        .measures
        .into_iter()
        .map(|r| {
            let m = r.measure;
            let stem = m.message_id();
            CatalogueView {
                key: m.key.to_owned(),
                name: t.get(&stem),
                definition: t.get(&format!("{stem}-definition")),
                numerator: t.get(&format!("{stem}-numerator")),
                denominator: if m.kind == Kind::Proportion {
                    t.get(&format!("{stem}-denominator"))
                } else {
                    t.get("reports-denominator-none")
                },
                source: t.get(source_id(m.source)),
                better: t.get(match m.better {
                    Better::Higher => "reports-better-higher",
                    Better::Lower => "reports-better-lower",
                }),
                target: r
                    .target
                    .map(|v| figure(m.kind, v as f64))
                    .unwrap_or_else(|| t.get("reports-target-none")),
                small_numbers: match (m.small_numbers, r.hidden_below) {
                    (SmallNumbers::None, _) | (_, None) => t.get("reports-small-none"),
                    (SmallNumbers::People, Some(n)) => {
                        t.with("reports-small-people", &[("count", n.to_string())])
                    }
                    (SmallNumbers::Responses, Some(n)) => {
                        t.with("reports-small-responses", &[("count", n.to_string())])
                    }
                },
                practice: m.practice.to_owned(),
            }
        })
        .collect();
    Ok((rows, live))
}

/// The whole catalogue: every measure over time, then the model's live measures (taken today
/// on each unit's assessment page).
async fn catalogue_page(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let (rows, live) = catalogue_rows(&st, &s, &t).await?;
    // The playbook's signals are measures too: each a figure for a unit today with the
    // organisation's threshold.
    let signals = if s.actor().can(Permission::ViewAssessments) {
        cairn_app::playbook::signal_thresholds(&st.app, s.actor())
            .await?
            .into_iter()
            .map(|(sig, th)| {
                (
                    sig.key,
                    t.get(&sig.message_id()),
                    t.get(&format!("{}-definition", sig.message_id())),
                    t.get(&sig.challenge.message_id()),
                    crate::playbook::threshold_text(&t, sig, th),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let chrome = Chrome::signed(
        &s,
        t.get("reports-catalogue-title"),
        organisation(&st, &s).await?,
    );
    html(&CataloguePage {
        chrome,
        rows,
        live,
        signals,
        t,
    })
}

async fn catalogue_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let mut rows = vec![vec![
        t.get("reports-col-key"),
        t.get("reports-col-name"),
        t.get("reports-col-definition"),
        t.get("reports-col-numerator-of"),
        t.get("reports-col-denominator-of"),
        t.get("reports-col-source"),
        t.get("reports-col-better"),
        t.get("reports-col-target"),
        t.get("reports-col-small-numbers"),
        t.get("reports-col-practice"),
    ]];
    let (measures, live) = catalogue_rows(&st, &s, &t).await?;
    for r in measures {
        rows.push(vec![
            r.key,
            r.name,
            r.definition,
            r.numerator,
            r.denominator,
            r.source,
            r.better,
            r.target,
            r.small_numbers,
            r.practice,
        ]);
    }
    // The live measures follow on the same columns: keyed `live:<code>`, named by their
    // definition, always better higher, their target the point where "check this" stops.
    for l in live {
        rows.push(vec![
            format!("live:{}", l.code),
            l.definition.clone(),
            l.definition,
            l.numerator,
            l.denominator,
            l.source,
            t.get("reports-better-higher"),
            l.check,
            l.small_numbers,
            l.code,
        ]);
    }
    Ok(download("measures.csv", &rows))
}

#[derive(Deserialize, Default)]
struct SeriesQuery {
    unit_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    saved: Option<String>,
}

/// The unit asked for: empty means the service; anything else that is not a number is refused.
fn unit_of(raw: Option<&str>) -> Result<Option<i64>, WebError> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| WebError::NotFound),
    }
}

#[derive(Template)]
#[template(path = "reports/measure.html")]
struct MeasurePage {
    chrome: Chrome,
    t: Tr,
    v: SeriesView,
    numerator_label: String,
    denominator_label: String,
    unit_id: String,
    from: String,
    to: String,
    csv_href: String,
    units: Vec<(i64, String)>,
    baselines: Vec<(String, String, String, String)>,
    can_manage: bool,
    can_see_service: bool,
    target_suffix: &'static str,
    form: FormState,
    saved: bool,
}

async fn measure_view(
    st: &AppState,
    s: &Signed,
    key: &str,
    q: &SeriesQuery,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let unit = unit_of(q.unit_id.as_deref())?;
    // An account limited to some units sees its first unit's chart rather than a refusal.
    if unit.is_none()
        && s.actor().role.is_unit_scoped()
        && s.actor().can(Permission::ViewReports)
        && cairn_domain::reports::measure(key).is_some()
    {
        return match s.actor().unit_ids.first() {
            Some(u) => see_other(&format!("/reports/measures/{key}?unit_id={u}")),
            None => Err(WebError::Forbidden),
        };
    }
    let series = match cairn_app::reports::series(
        &st.app,
        s.actor(),
        key,
        unit,
        q.from.as_deref(),
        q.to.as_deref(),
    )
    .await
    {
        Ok(x) => x,
        // A period that cannot be read: show the last two years with the message beside it.
        Err(AppError::Invalid(errs)) => {
            let mut form = form;
            form.set("from", q.from.clone().unwrap_or_default())
                .set("to", q.to.clone().unwrap_or_default());
            form.add_errors(&t, &errs);
            let x = cairn_app::reports::series(&st.app, s.actor(), key, unit, None, None).await?;
            return measure_render(st, s, x, q, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(e) => return Err(e.into()),
    };
    measure_render(st, s, series, q, form, StatusCode::OK).await
}

async fn measure_render(
    st: &AppState,
    s: &Signed,
    series: Series,
    q: &SeriesQuery,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let t = s.ctx.t();
    let v = series_view(&t, &series, "spc-chart");
    let stem = series.measure().message_id();
    let unit_id = series.unit_id.map(|u| u.to_string()).unwrap_or_default();
    let period = format!("from={}&to={}", series.from.0, series.to.0);
    let csv_href = if unit_id.is_empty() {
        format!("/reports/measures/{}/data.csv?{period}", v.key)
    } else {
        format!(
            "/reports/measures/{}/data.csv?unit_id={unit_id}&{period}",
            v.key
        )
    };
    let units = unit_names(st, s).await?;
    let tz = cairn_domain::time::time_zone(
        &cairn_app::units::my_organisation(&st.app, s.actor())
            .await?
            .time_zone,
    );
    let baselines = series
        .baselines
        .iter()
        .map(|b| {
            (
                format_month(&b.from_month, t.lang),
                format_month(&b.to_month, t.lang),
                b.reason.clone(),
                cairn_domain::time::format_instant(b.created_at, &tz, t.lang),
            )
        })
        .collect();
    let mut form = form;
    if !form.has_errors() {
        form.set(
            "target",
            series.target.map(|x| x.to_string()).unwrap_or_default(),
        );
    }
    let chrome = Chrome::signed(s, v.title.clone(), organisation(st, s).await?).with_errors(&form);
    html_status(
        status,
        &MeasurePage {
            chrome,
            numerator_label: t.get(&format!("{stem}-numerator")),
            denominator_label: t.get(&format!("{stem}-denominator")),
            unit_id,
            from: series.from.0.to_string(),
            to: series.to.0.to_string(),
            csv_href,
            units,
            baselines,
            can_manage: s.actor().can(Permission::ManageReports),
            can_see_service: !s.actor().role.is_unit_scoped(),
            target_suffix: if v.is_proportion { "%" } else { "" },
            form,
            saved: q.saved.is_some(),
            v,
            t,
        },
    )
}

async fn measure_page(
    State(st): State<AppState>,
    s: Signed,
    Path(key): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> WebResult {
    measure_view(&st, &s, &key, &q, FormState::new()).await
}

async fn measure_csv(
    State(st): State<AppState>,
    s: Signed,
    Path(key): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let unit = unit_of(q.unit_id.as_deref())?;
    let series = cairn_app::reports::series(
        &st.app,
        s.actor(),
        &key,
        unit,
        q.from.as_deref(),
        q.to.as_deref(),
    )
    .await?;
    let v = series_view(&t, &series, "spc-chart");
    let name = match unit {
        Some(u) => format!("{key}-unit-{u}.csv"),
        None => format!("{key}.csv"),
    };
    Ok(download(&name, &series_csv_rows(&t, &v)).into_response())
}

#[derive(Deserialize)]
struct TargetIn {
    #[serde(default)]
    target: String,
    #[serde(default)]
    unit_id: String,
}

async fn set_target(
    State(st): State<AppState>,
    s: Signed,
    Path(key): Path<String>,
    Posted(f): Posted<TargetIn>,
) -> WebResult {
    let unit = unit_of(Some(&f.unit_id))?;
    let back = match unit {
        Some(u) => format!("/reports/measures/{key}?unit_id={u}&saved=1"),
        None => format!("/reports/measures/{key}?saved=1"),
    };
    match cairn_app::reports::set_target(&st.app, s.actor(), &key, &f.target).await {
        Ok(()) => see_other(&back),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("target", f.target);
            form.add_errors(&s.ctx.t(), &errs);
            let q = SeriesQuery {
                unit_id: Some(f.unit_id),
                ..Default::default()
            };
            measure_view(&st, &s, &key, &q, form).await.map(|r| {
                let mut r = r;
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                r
            })
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct BaselineIn {
    #[serde(default)]
    baseline_from: String,
    #[serde(default)]
    baseline_to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    unit_id: String,
}

async fn set_baseline(
    State(st): State<AppState>,
    s: Signed,
    Path(key): Path<String>,
    Posted(f): Posted<BaselineIn>,
) -> WebResult {
    let unit = unit_of(Some(&f.unit_id))?;
    let back = match unit {
        Some(u) => format!("/reports/measures/{key}?unit_id={u}&saved=1"),
        None => format!("/reports/measures/{key}?saved=1"),
    };
    match cairn_app::reports::set_baseline(
        &st.app,
        s.actor(),
        &key,
        unit,
        &f.baseline_from,
        &f.baseline_to,
        &f.reason,
    )
    .await
    {
        Ok(_) => see_other(&back),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("baseline_from", f.baseline_from.clone())
                .set("baseline_to", f.baseline_to.clone())
                .set("reason", f.reason.clone());
            // The use case names the fields `from` and `to`; the form calls them
            // `baseline_from` and `baseline_to` so they are not confused with the period.
            let mut renamed = cairn_domain::FieldErrors::new();
            for e in &errs.0 {
                let field = match e.field.as_str() {
                    "from" => "baseline_from",
                    "to" => "baseline_to",
                    other => other,
                };
                renamed.add(field, e.code);
            }
            form.add_errors(&s.ctx.t(), &renamed);
            let q = SeriesQuery {
                unit_id: Some(f.unit_id),
                ..Default::default()
            };
            measure_view(&st, &s, &key, &q, form).await.map(|r| {
                let mut r = r;
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                r
            })
        }
        Err(e) => Err(e.into()),
    }
}
