//! Reports: each catalogue measure as a monthly series for a unit or the whole service, under
//! the small-number rule, with its SPC analysis; the dashboards; targets and baselines; and
//! board packs, assembled from the same series and frozen when signed off.
//!
//! A series is built in three steps that every reader shares (page, CSV, API, board pack):
//! the raw facts for the period come from `cairn_db::reports`, are grouped into the
//! organisation's local months here, and months that could identify people are hidden before
//! [`cairn_domain::reports::spc::analyse`] sees them.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_clock, org_of, require};
use cairn_db::Conn;
use cairn_db::reports::{self as db, Baseline};
use cairn_db::units::Unit;
use cairn_domain::Permission;
use cairn_domain::people::{BUDDY_DUE_DAYS, buddy_in_time};
use cairn_domain::reports::spc::{Analysis, Better, Obs, Phase, PointResult, analyse};
use cairn_domain::reports::{
    CATALOGUE, Kind, MAX_MONTHS, Measure, Month, PackDraft, PackFields, SmallNumbers, measure,
};
use cairn_domain::surveys::suppression::Thresholds;
use cairn_domain::time::{local_date, parse_iso_date};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// How many months a chart shows unless asked otherwise (ending with the last full month).
pub const DEFAULT_MONTHS: i32 = 24;

impl Serialize for MonthKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for MonthKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Month::parse(&s)
            .map(MonthKey)
            .ok_or_else(|| serde::de::Error::custom("month"))
    }
}

/// A month as it travels in JSON (`"2026-03"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthKey(pub Month);

/// One month of a series.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MonthPoint {
    pub month: MonthKey,
    pub numerator: i64,
    /// What a share is of; `None` for a count.
    pub denominator: Option<i64>,
    /// The figure (a count, or a percentage); `None` when hidden or when nothing was due.
    pub value: Option<f64>,
    /// Hidden by the small-number rule.
    pub suppressed: bool,
    /// The month's verdict, when it is on the chart.
    pub spc: Option<PointResult>,
}

/// A measure over months for a unit or the service, analysed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    pub key: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub unit_name_cy: Option<String>,
    pub from: MonthKey,
    pub to: MonthKey,
    pub points: Vec<MonthPoint>,
    pub analysis: Analysis,
    pub target: Option<i64>,
    pub baselines: Vec<Baseline>,
    /// The small-number rule in force for this measure (hidden below this), if any.
    pub hidden_below: Option<i64>,
}

fn empty_analysis() -> Analysis {
    analyse(&[], Better::Higher, None, &[])
}

impl Series {
    /// The catalogue's definition. Series are only made for catalogue keys, and a frozen
    /// pack naming any other key is refused when read (`pack`), so the fallback is never used.
    pub fn measure(&self) -> &'static Measure {
        measure(&self.key).unwrap_or(&CATALOGUE[0])
    }

    /// The points on the chart (shown, with a figure), in order.
    pub fn charted(&self) -> impl Iterator<Item = &MonthPoint> {
        self.points.iter().filter(|p| p.value.is_some())
    }

    /// Works the SPC analysis out from the charted points and the baselines.
    fn analyse(&mut self) {
        let m = self.measure();
        let charted: Vec<(usize, Month, Obs)> = self
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.value.map(|v| {
                    (
                        i,
                        p.month.0,
                        Obs {
                            value: v,
                            denominator: p.denominator,
                        },
                    )
                })
            })
            .collect();
        let months: Vec<Month> = charted.iter().map(|(_, m, _)| *m).collect();
        let phases = phases_of(&self.baselines, &months);
        let obs: Vec<Obs> = charted.iter().map(|(_, _, o)| *o).collect();
        self.analysis = analyse(&obs, m.better, self.target.map(|t| t as f64), &phases);
        for p in &mut self.points {
            p.spc = None;
        }
        for ((i, _, _), r) in charted.iter().zip(self.analysis.points.iter()) {
            if let Some(p) = self.points.get_mut(*i) {
                p.spc = Some(*r);
            }
        }
    }

    /// The month the latest special cause began, if the last point has one.
    pub fn since_month(&self) -> Option<Month> {
        let i = self.analysis.since?;
        self.charted().nth(i).map(|p| p.month.0)
    }

    /// The latest month with a figure.
    pub fn latest(&self) -> Option<&MonthPoint> {
        self.charted().last()
    }
}

/// Turns recorded baselines into chart phases: the newest row for each starting month wins;
/// each starts a phase at its first charted month, with its limits from the months it names.
pub fn phases_of(baselines: &[Baseline], months: &[Month]) -> Vec<Phase> {
    let mut latest: Vec<(Month, Month)> = Vec::new();
    for b in baselines {
        let (Some(f), Some(t)) = (Month::parse(&b.from_month), Month::parse(&b.to_month)) else {
            continue;
        };
        latest.retain(|(lf, _)| *lf != f);
        latest.push((f, t));
    }
    latest.sort();
    let mut phases: Vec<Phase> = Vec::new();
    for (f, t) in latest {
        let Some(start) = months.iter().position(|m| *m >= f) else {
            continue;
        };
        let len = months.iter().filter(|m| **m >= f && **m <= t).count();
        phases.retain(|p| p.start != start);
        phases.push(Phase {
            start,
            baseline_len: Some(len.max(1)),
        });
    }
    phases
}

/// The instants (UTC ms) each month from `from` to `to + 1` begins at, in the zone.
fn boundaries(from: Month, to: Month, tz: &TimeZone) -> Vec<i64> {
    let mut months = Month::range(from, to);
    months.push(to.next());
    months
        .into_iter()
        .map(|m| {
            m.first_day()
                .to_zoned(tz.clone())
                .map(|z| z.timestamp().as_millisecond())
                .unwrap_or(0)
        })
        .collect()
}

/// The index of the month an instant falls in, given the months' starts.
fn month_index(bounds: &[i64], at: i64) -> Option<usize> {
    let i = bounds.partition_point(|b| *b <= at);
    (i >= 1 && i < bounds.len()).then(|| i - 1)
}

/// The organisation's settings a series needs.
struct Context {
    tz: TimeZone,
    today: jiff::civil::Date,
    now: i64,
    feedback_days: i64,
    payment_days: i64,
    thresholds: Thresholds,
}

async fn context(c: &mut Conn<'_>, app: &App, org: i64) -> AppResult<Context> {
    let (today, tz) = org_clock(c, app, org).await?;
    let o = cairn_db::units::get_organisation(c, org).await?;
    let payment_days: i64 = cairn_db::fetch_scalar!(
        c,
        i64,
        "SELECT payment_target_days FROM organisations WHERE id = $1",
        org
    )?;
    let (min_count, min_responses) = cairn_db::surveys::thresholds(c, org).await?;
    Ok(Context {
        tz,
        today,
        now: app.now(),
        feedback_days: o.feedback_target_days,
        payment_days,
        thresholds: Thresholds {
            min_count,
            min_responses,
        },
    })
}

/// Raw monthly (numerator, denominator) for a measure, one entry per month of the period.
async fn raw(
    c: &mut Conn<'_>,
    ctx: &Context,
    org: i64,
    m: &Measure,
    unit: Option<i64>,
    from: Month,
    to: Month,
) -> AppResult<Vec<(i64, i64)>> {
    let months = Month::range(from, to);
    let mut out = vec![(0_i64, 0_i64); months.len()];
    let bounds = boundaries(from, to, &ctx.tz);
    let (lo, hi) = (bounds[0], bounds[bounds.len() - 1]);
    let (from_s, to_s) = (from.to_string(), to.to_string());
    let index_of_key = |k: &str| Month::parse(k).and_then(|m| months.iter().position(|x| *x == m));
    match m.key {
        "suggestions_received" | "suggestions_answered_in_target" => {
            let target = ctx.feedback_days * DAY_MS;
            for (received, first) in db::suggestion_times(c, org, unit, lo, hi).await? {
                let Some(i) = month_index(&bounds, received) else {
                    continue;
                };
                if m.key == "suggestions_received" {
                    out[i].0 += 1;
                    continue;
                }
                // Due once its target has passed, or once it has been answered.
                if first.is_some() || received + target <= ctx.now {
                    out[i].1 += 1;
                    if first.is_some_and(|f| f - received <= target) {
                        out[i].0 += 1;
                    }
                }
            }
        }
        "meetings_representation_met"
        | "meetings_with_issues_item"
        | "carers_share_of_attendance" => {
            for (month, held, met, issues, carers, everyone) in
                db::meeting_months(c, org, unit, &from_s, &to_s).await?
            {
                let Some(i) = index_of_key(&month) else {
                    continue;
                };
                out[i] = match m.key {
                    "meetings_representation_met" => (met, held),
                    "meetings_with_issues_item" => (issues, held),
                    _ => (carers, everyone),
                };
            }
        }
        "newcomers_with_buddy_in_time" => {
            let end = to.next().first_day().to_string();
            for (joined, buddy) in
                db::newcomer_buddies(c, org, unit, &from.first_day().to_string(), &end).await?
            {
                let Some(j) = parse_iso_date(&joined) else {
                    continue;
                };
                let Some(i) = months.iter().position(|x| *x == Month::of(j)) else {
                    continue;
                };
                // Counted once their first fortnight is over.
                let due = j
                    .checked_add(jiff::Span::new().days(BUDDY_DUE_DAYS))
                    .is_ok_and(|d| d <= ctx.today);
                if due {
                    out[i].1 += 1;
                    if buddy_in_time(j, buddy.as_deref().and_then(parse_iso_date)) {
                        out[i].0 += 1;
                    }
                }
            }
        }
        "co_delivered_sessions" => {
            for at in db::co_delivered_sessions(c, org, unit, lo, hi).await? {
                if let Some(i) = month_index(&bounds, at) {
                    out[i].0 += 1;
                }
            }
        }
        "claims_paid_in_target" => {
            for (submitted, paid) in db::claims_paid(c, org, unit, lo, hi).await? {
                let Some(i) = month_index(&bounds, paid) else {
                    continue;
                };
                out[i].1 += 1;
                if submitted.is_some_and(|s| (paid - s) / DAY_MS <= ctx.payment_days) {
                    out[i].0 += 1;
                }
            }
        }
        "survey_satisfaction" => {
            let end = to.next().first_day().to_string();
            for (month, answers, positive) in
                db::satisfaction_months(c, org, unit, &from.first_day().to_string(), &end).await?
            {
                if let Some(i) = index_of_key(&month) {
                    out[i] = (positive, answers);
                }
            }
        }
        other => {
            return Err(AppError::Unexpected(format!(
                "measure {other} has no source"
            )));
        }
    }
    Ok(out)
}

/// The smallest denominator shown for a measure under the organisation's rule.
fn hidden_below(m: &Measure, t: &Thresholds) -> Option<i64> {
    match m.small_numbers {
        SmallNumbers::None => None,
        SmallNumbers::People => Some(t.min_count),
        SmallNumbers::Responses => Some(t.min_responses),
    }
}

/// Builds the series from raw figures: shares as percentages, small numbers hidden, analysed.
#[expect(clippy::too_many_arguments, reason = "a series has this many facts")]
fn build(
    m: &Measure,
    unit: Option<&Unit>,
    from: Month,
    to: Month,
    raw: Vec<(i64, i64)>,
    target: Option<i64>,
    baselines: Vec<Baseline>,
    thresholds: &Thresholds,
) -> Series {
    let below = hidden_below(m, thresholds);
    // A count starts on the chart at its first month with anything counted: the months
    // before a service used Cairn would otherwise read as a run of zeros.
    let first_counted = raw
        .iter()
        .position(|(num, _)| *num > 0)
        .unwrap_or(raw.len());
    let points = Month::range(from, to)
        .into_iter()
        .zip(raw)
        .enumerate()
        .map(|(i, (month, (num, den)))| {
            let (denominator, value, suppressed) = match m.kind {
                Kind::Count => (None, (i >= first_counted).then_some(num as f64), false),
                Kind::Proportion => {
                    let hidden = below.is_some_and(|b| den > 0 && den < b);
                    let value = (den > 0 && !hidden).then(|| num as f64 * 100.0 / den as f64);
                    (Some(den), value, hidden)
                }
            };
            MonthPoint {
                month: MonthKey(month),
                // A hidden month keeps no figures at all, so no reader can work them back.
                numerator: if suppressed { 0 } else { num },
                denominator: if suppressed { None } else { denominator },
                value,
                suppressed,
                spc: None,
            }
        })
        .collect();
    let mut s = Series {
        key: m.key.to_owned(),
        unit_id: unit.map(|u| u.id),
        unit_name: unit.map(|u| u.name.clone()),
        unit_name_cy: unit.and_then(|u| u.name_cy.clone()),
        from: MonthKey(from),
        to: MonthKey(to),
        points,
        analysis: empty_analysis(),
        target,
        baselines,
        hidden_below: below,
    };
    s.analyse();
    s
}

/// Checks the actor may read reports for this scope; returns the unit.
async fn reach(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    unit: Option<i64>,
) -> AppResult<Option<Unit>> {
    require(actor, Permission::ViewReports)?;
    match unit {
        Some(u) => {
            if !actor.can_reach_unit(u) {
                return Err(AppError::NotFound);
            }
            Ok(Some(cairn_db::units::get_unit(c, org, u).await?))
        }
        // The service's figures take in every unit: not for accounts limited to some.
        None if actor.role.is_unit_scoped() => Err(AppError::Forbidden),
        None => Ok(None),
    }
}

/// The period asked for, checked: defaults to the last [`DEFAULT_MONTHS`] months to this one.
pub fn period(
    from: Option<&str>,
    to: Option<&str>,
    today: jiff::civil::Date,
) -> AppResult<(Month, Month)> {
    let mut e = cairn_domain::FieldErrors::new();
    let parse = |e: &mut cairn_domain::FieldErrors, field: &str, v: Option<&str>| match v
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => None,
        Some(v) => {
            let m = Month::parse(v);
            if m.is_none() {
                e.add(field, "reports-error-month");
            }
            m
        }
    };
    let f = parse(&mut e, "from", from);
    let t = parse(&mut e, "to", to);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    // A month still under way would read low on every count, so the default ends at the last
    // complete month.
    let to = t.unwrap_or(Month::of(today).minus(1));
    let from = f.unwrap_or(to.minus(DEFAULT_MONTHS - 1));
    if to < from {
        return Err(crate::invalid("to", "reports-error-period-order"));
    }
    if Month::range(from, to).len() > MAX_MONTHS {
        return Err(crate::invalid("from", "reports-error-period-too-long"));
    }
    Ok((from, to))
}

async fn series_in(
    c: &mut Conn<'_>,
    ctx: &Context,
    org: i64,
    m: &Measure,
    unit: Option<&Unit>,
    from: Month,
    to: Month,
) -> AppResult<Series> {
    let raw = raw(c, ctx, org, m, unit.map(|u| u.id), from, to).await?;
    let target = db::targets(c, org)
        .await?
        .into_iter()
        .find(|(k, _)| k == m.key)
        .map(|(_, t)| t);
    let baselines = db::baselines(c, org, m.key, unit.map(|u| u.id)).await?;
    Ok(build(
        m,
        unit,
        from,
        to,
        raw,
        target,
        baselines,
        &ctx.thresholds,
    ))
}

/// A measure's monthly series for a unit (or, with `None`, the service).
pub async fn series(
    app: &App,
    actor: &Actor,
    key: &str,
    unit: Option<i64>,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<Series> {
    let org = org_of(actor)?;
    let m = measure(key).ok_or(AppError::NotFound)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let u = reach(c, actor, org, unit).await?;
    let ctx = context(c, app, org).await?;
    let (from, to) = period(from, to, ctx.today)?;
    series_in(c, &ctx, org, m, u.as_ref(), from, to).await
}

/// A catalogue entry with the organisation's target.
#[derive(Debug, Clone)]
pub struct CatalogueRow {
    pub measure: &'static Measure,
    pub target: Option<i64>,
    pub hidden_below: Option<i64>,
}

/// A live measure of the model, with the smallest count of people shown to those who may not
/// see a unit's people (`None` for a measure that counts things).
#[derive(Debug, Clone)]
pub struct LiveRow {
    pub measure: &'static cairn_domain::reports::live::LiveMeasure,
    pub hidden_below: Option<i64>,
}

/// The whole catalogue: the monthly measures with the organisation's targets, then the
/// model's live measures.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub measures: Vec<CatalogueRow>,
    pub live: Vec<LiveRow>,
}

/// The whole catalogue with the organisation's targets and small-number rule.
pub async fn catalogue(app: &App, actor: &Actor) -> AppResult<Catalogue> {
    require(actor, Permission::ViewReports)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let targets = db::targets(c, org).await?;
    let (min_count, min_responses) = cairn_db::surveys::thresholds(c, org).await?;
    let t = Thresholds {
        min_count,
        min_responses,
    };
    let measures = CATALOGUE
        .iter()
        .map(|m| CatalogueRow {
            measure: m,
            target: targets.iter().find(|(k, _)| k == m.key).map(|(_, t)| *t),
            hidden_below: hidden_below(m, &t),
        })
        .collect();
    let live = cairn_domain::reports::live::LIVE
        .iter()
        .map(|m| LiveRow {
            measure: m,
            hidden_below: (m.small_numbers == SmallNumbers::People).then_some(t.min_count),
        })
        .collect();
    Ok(Catalogue { measures, live })
}

/// Sets or clears the organisation's target for a measure (a percentage for a share).
pub async fn set_target(app: &App, actor: &Actor, key: &str, raw: &str) -> AppResult<()> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let m = measure(key).ok_or(AppError::NotFound)?;
    let max = match m.kind {
        Kind::Proportion => 100,
        Kind::Count => 100_000,
    };
    let target = match raw.trim() {
        "" => None,
        v => match v.trim_end_matches('%').trim().parse::<i64>() {
            Ok(n) if (0..=max).contains(&n) => Some(n),
            _ => {
                return Err(crate::invalid(
                    "target",
                    if m.kind == Kind::Proportion {
                        "reports-error-target-percent"
                    } else {
                        "reports-error-target-count"
                    },
                ));
            }
        },
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    db::set_target(&mut tx.conn(), org, key, target, &actor.label, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "measure_target",
        None,
        None,
        Some(&serde_json::json!({"measure": key, "target": target})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Longest reason for a baseline.
pub const REASON_MAX: usize = 500;

/// Records the months a chart's limits come from, starting a new phase at `from` (a
/// re-basing after a lasting change when earlier months are charted), with the reason.
pub async fn set_baseline(
    app: &App,
    actor: &Actor,
    key: &str,
    unit: Option<i64>,
    from: &str,
    to: &str,
    reason: &str,
) -> AppResult<i64> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let m = measure(key).ok_or(AppError::NotFound)?;
    let mut e = cairn_domain::FieldErrors::new();
    let f = Month::parse(from);
    let t = Month::parse(to);
    if f.is_none() {
        e.add("from", "reports-error-month");
    }
    if t.is_none() {
        e.add("to", "reports-error-month");
    }
    if let (Some(f), Some(t)) = (f, t)
        && t < f
    {
        e.add("to", "reports-error-period-order");
    }
    let reason = reason.trim();
    if reason.is_empty() {
        e.add("reason", "reports-error-reason");
    } else if reason.chars().count() > REASON_MAX {
        e.add("reason", "reports-error-too-long");
    }
    let (Some(f), Some(t)) = (f, t) else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    reach(c, actor, org, unit).await?;
    let id = db::insert_baseline(
        c,
        org,
        m.key,
        unit,
        &f.to_string(),
        &t.to_string(),
        reason,
        &actor.label,
        now,
    )
    .await?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Create,
        "measure_baseline",
        Some(id),
        None,
        Some(&serde_json::json!({"measure": key, "unit_id": unit, "from": f.to_string(), "to": t.to_string(), "reason": reason})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A dashboard: every catalogue measure for a unit or the service over the last two years,
/// with the level progress the model view shows.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub unit: Option<Unit>,
    pub series: Vec<Series>,
    /// For a unit: its level percentages at each closed round, then now.
    pub assessment: Option<crate::model::UnitAssessment>,
    /// For the service: each unit's place against the levels and its baseline.
    pub service: Option<crate::model::ServiceView>,
    /// For the service: the share of applicable practices in place across every unit, per
    /// level, at each closed round (oldest first) and now.
    pub service_progress: Vec<(String, [i64; 3])>,
}

/// Whole per cent of `part` in `whole` (0 when there is nothing to count).
fn share(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { part * 100 / whole }
}

/// The service's level progress at each closed round and now.
async fn service_progress(
    app: &App,
    org: i64,
    view: &crate::model::ServiceView,
) -> AppResult<Vec<(String, [i64; 3])>> {
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let mut rounds: Vec<_> = cairn_db::model::list_rounds(c, org)
        .await?
        .into_iter()
        .filter(|r| r.closed_at.is_some())
        .collect();
    rounds.sort_by_key(|r| (r.closed_at, r.id));
    let mut out = Vec::with_capacity(rounds.len() + 1);
    for r in rounds {
        let counts = cairn_db::model::round_level_counts(c, r.id).await?;
        let pct = [1, 2, 3].map(|level| {
            let (in_place, applicable) = counts.iter().fold((0, 0), |(i, a), u| {
                let (ip, na, _, total) = u.level(level);
                (i + ip, a + total - na)
            });
            share(in_place, applicable)
        });
        out.push((r.name, pct));
    }
    let now = [1, 2, 3].map(|level| {
        let (in_place, applicable) = view.rows.iter().fold((0, 0), |(i, a), row| {
            row.levels
                .iter()
                .find(|l| l.level == level)
                .map_or((i, a), |l| (i + l.in_place, a + l.applicable))
        });
        share(in_place, applicable)
    });
    out.push((String::new(), now));
    Ok(out)
}

/// The dashboard of a unit, or with `None` of the service.
pub async fn dashboard(app: &App, actor: &Actor, unit: Option<i64>) -> AppResult<Dashboard> {
    let org = org_of(actor)?;
    let (u, series, today) = {
        let mut h = app.db.acquire().await?;
        let c = &mut h.conn();
        let u = reach(c, actor, org, unit).await?;
        let ctx = context(c, app, org).await?;
        let (from, to) = period(None, None, ctx.today)?;
        let mut all = Vec::with_capacity(CATALOGUE.len());
        for m in CATALOGUE.iter().filter(|m| unit.is_none() || m.per_unit) {
            all.push(series_in(c, &ctx, org, m, u.as_ref(), from, to).await?);
        }
        (u, all, ctx.today)
    };
    let (assessment, service) = match unit {
        Some(id) if actor.can(Permission::ViewAssessments) => (
            Some(crate::model::unit_assessment(app, actor, id).await?),
            None,
        ),
        None if actor.can(Permission::ViewAssessments) => (
            None,
            Some(crate::model::service_view(app, actor, today).await?),
        ),
        _ => (None, None),
    };
    let service_progress = match &service {
        Some(v) => service_progress(app, org, v).await?,
        None => Vec::new(),
    };
    Ok(Dashboard {
        unit: u,
        series,
        assessment,
        service,
        service_progress,
    })
}

/// A unit's place against the three levels in a pack.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitPlace {
    pub name: String,
    pub name_cy: Option<String>,
    /// Share of each level's applicable practices in place (whole per cent).
    pub levels: [i64; 3],
    /// The highest level reached (0: none yet).
    pub reached: i64,
    pub baseline: Option<[i64; 3]>,
}

/// A "You said, we did" item in a pack.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Highlight {
    pub unit_name: Option<String>,
    pub unit_name_cy: Option<String>,
    /// In English ('' when only the Welsh was written).
    pub you_said: String,
    pub we_did: String,
    /// In Welsh; packs frozen before Welsh was kept have none.
    #[serde(default)]
    pub you_said_cy: Option<String>,
    #[serde(default)]
    pub we_did_cy: Option<String>,
    pub closed_on: String,
}

/// Everything a board pack shows. A draft is assembled afresh each time; a signed-off pack
/// is this, stored as JSON and never changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackContent {
    pub id: i64,
    pub fields: PackFields,
    pub organisation: String,
    pub organisation_cy: Option<String>,
    /// When the figures were read (UTC ms) and the organisation's date then.
    pub assembled_at: i64,
    pub assembled_on: String,
    /// Every catalogue measure for the service (the icon summary page).
    pub summary: Vec<Series>,
    /// The chosen measures (the SPC pages).
    pub charts: Vec<Series>,
    pub units: Vec<UnitPlace>,
    pub highlights: Vec<Highlight>,
    pub frozen: bool,
    pub signed_off_at: Option<i64>,
    pub signed_off_by: Option<String>,
}

/// The period a pack's charts cover: at least two years up to the pack's last month, so the
/// limits rest on enough months even for a quarter's paper.
fn chart_period(f: &PackFields) -> AppResult<(Month, Month)> {
    let (Some(from), Some(to)) = (Month::parse(&f.period_from), Month::parse(&f.period_to)) else {
        return Err(AppError::Unexpected("pack period".into()));
    };
    Ok((from.min(to.minus(DEFAULT_MONTHS - 1)), to))
}

fn fields_of(p: &db::Pack) -> AppResult<PackFields> {
    serde_json::from_str(&p.fields_json).map_err(|e| AppError::Unexpected(format!("pack: {e}")))
}

async fn assemble(
    c: &mut Conn<'_>,
    app: &App,
    org: i64,
    pack: &db::Pack,
    view: &crate::model::ServiceView,
) -> AppResult<PackContent> {
    let fields = fields_of(pack)?;
    let ctx = context(c, app, org).await?;
    let (from, to) = chart_period(&fields)?;
    let mut summary = Vec::with_capacity(CATALOGUE.len());
    for m in CATALOGUE {
        summary.push(series_in(c, &ctx, org, m, None, from, to).await?);
    }
    let charts = summary
        .iter()
        .filter(|s| fields.measures.contains(&s.key))
        .cloned()
        .collect();
    let o = cairn_db::units::get_organisation(c, org).await?;
    let units = unit_places(view);
    let (Some(pf), Some(pt)) = (
        Month::parse(&fields.period_from),
        Month::parse(&fields.period_to),
    ) else {
        return Err(AppError::Unexpected("pack period".into()));
    };
    let b = boundaries(pf, pt, &ctx.tz);
    let names: Vec<&Unit> = view.rows.iter().map(|r| &r.unit).collect();
    let highlights = db::highlights(c, org, b[0], b[b.len() - 1], 8)
        .await?
        .into_iter()
        .map(|h| {
            let u = names.iter().find(|u| Some(u.id) == h.unit_id);
            Highlight {
                unit_name: u.map(|u| u.name.clone()),
                unit_name_cy: u.and_then(|u| u.name_cy.clone()),
                you_said: h.public_text.unwrap_or_default(),
                we_did: h.public_response.unwrap_or_default(),
                you_said_cy: h.public_text_cy,
                we_did_cy: h.public_response_cy,
                closed_on: local_date(h.closed_at, &ctx.tz).to_string(),
            }
        })
        .collect();
    Ok(PackContent {
        id: pack.id,
        fields,
        organisation: o.name,
        organisation_cy: o.name_cy,
        assembled_at: ctx.now,
        assembled_on: ctx.today.to_string(),
        summary,
        charts,
        units,
        highlights,
        frozen: false,
        signed_off_at: None,
        signed_off_by: None,
    })
}

/// Each unit's level percentages now and at the baseline, from the service-wide view.
fn unit_places(view: &crate::model::ServiceView) -> Vec<UnitPlace> {
    let pct = |l: &[cairn_domain::model::LevelProgress]| {
        [1, 2, 3].map(|n| l.iter().find(|p| p.level == n).map_or(0, |p| p.percent))
    };
    view.rows
        .iter()
        .map(|r| UnitPlace {
            name: r.unit.name.clone(),
            name_cy: r.unit.name_cy.clone(),
            levels: pct(&r.levels),
            reached: r
                .levels
                .iter()
                .filter(|l| l.reached)
                .map(|l| l.level)
                .max()
                .unwrap_or(0),
            baseline: r.baseline.as_deref().map(pct),
        })
        .collect()
}

async fn today(app: &App, org: i64) -> AppResult<jiff::civil::Date> {
    let mut h = app.db.acquire().await?;
    crate::org_today(&mut h.conn(), app, org).await
}

/// A pack in the list.
#[derive(Debug, Clone)]
pub struct PackRow {
    pub pack: db::Pack,
    pub fields: PackFields,
}

/// The organisation's board packs, newest first: drafts for those who assemble them, and
/// signed-off packs for every report reader.
pub async fn packs(app: &App, actor: &Actor) -> AppResult<Vec<PackRow>> {
    require(actor, Permission::ViewReports)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let manage = actor.can(Permission::ManageReports);
    let mut out = Vec::new();
    for p in db::list_packs(&mut h.conn(), org).await? {
        if manage || p.signed_off_at.is_some() {
            let fields = fields_of(&p)?;
            out.push(PackRow { pack: p, fields });
        }
    }
    Ok(out)
}

/// Starts a draft pack.
pub async fn create_pack(app: &App, actor: &Actor, d: &PackDraft) -> AppResult<i64> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let f = d.validate()?;
    let json = serde_json::to_string(&f).map_err(|e| AppError::Unexpected(e.to_string()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let id = db::insert_pack(c, org, &f.title, &f.committee, &json, &actor.label, now).await?;
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Create,
        "board_pack",
        Some(id),
        None,
        Some(&serde_json::json!({"title": f.title, "committee": f.committee, "period_from": f.period_from, "period_to": f.period_to})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a draft pack; a signed-off pack is refused (it is frozen).
pub async fn update_pack(app: &App, actor: &Actor, id: i64, d: &PackDraft) -> AppResult<()> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    // Another organisation's pack is not found, and a signed-off one is refused, before
    // anything typed is looked at.
    let before = db::get_pack(c, org, id).await?.ok_or(AppError::NotFound)?;
    if before.signed_off_at.is_some() {
        return Err(AppError::Conflict("reports-pack-frozen"));
    }
    let f = d.validate()?;
    let json = serde_json::to_string(&f).map_err(|e| AppError::Unexpected(e.to_string()))?;
    if !db::update_pack(c, org, id, &f.title, &f.committee, &json, now).await? {
        // Signed off between the two statements.
        return Err(AppError::Conflict("reports-pack-frozen"));
    }
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Update,
        "board_pack",
        Some(id),
        None,
        Some(&serde_json::json!({"title": f.title, "committee": f.committee})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A pack as it reads now: a draft assembled from today's data, or a signed-off pack's frozen
/// snapshot. Report readers who may not assemble packs see only signed-off ones.
pub async fn pack(app: &App, actor: &Actor, id: i64) -> AppResult<PackContent> {
    require(actor, Permission::ViewReports)?;
    let org = org_of(actor)?;
    if actor.role.is_unit_scoped() {
        return Err(AppError::Forbidden);
    }
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let p = db::get_pack(c, org, id).await?.ok_or(AppError::NotFound)?;
    if p.signed_off_at.is_some() {
        let json = db::snapshot(c, id).await?.ok_or(AppError::NotFound)?;
        // The snapshot holds the figures and the verdicts exactly as signed off.
        let content: PackContent = serde_json::from_str(&json)
            .map_err(|e| AppError::Unexpected(format!("pack snapshot: {e}")))?;
        // A measure's key is how the pack names it: one no longer in the catalogue would be
        // shown under another measure's name, so it is an error, not a guess.
        if let Some(s) = content
            .summary
            .iter()
            .chain(content.charts.iter())
            .find(|s| measure(&s.key).is_none())
        {
            return Err(AppError::Unexpected(format!(
                "board pack {id} names the measure {}, which is not in the catalogue",
                s.key
            )));
        }
        return Ok(content);
    }
    if !actor.can(Permission::ManageReports) {
        return Err(AppError::NotFound);
    }
    drop(h);
    let view = crate::model::service_view(app, actor, today(app, org).await?).await?;
    let mut h = app.db.acquire().await?;
    assemble(&mut h.conn(), app, org, &p, &view).await
}

/// The draft's fields as typed, for its edit form.
pub async fn pack_fields(app: &App, actor: &Actor, id: i64) -> AppResult<(db::Pack, PackFields)> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let p = db::get_pack(&mut h.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let f = fields_of(&p)?;
    Ok((p, f))
}

/// Signs a pack off: assembles it one last time and stores exactly that as its frozen
/// version, in the same transaction, so later corrections to the data never change it.
pub async fn sign_off(app: &App, actor: &Actor, id: i64) -> AppResult<PackContent> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let view = crate::model::service_view(app, actor, today(app, org).await?).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let p = db::get_pack(c, org, id).await?.ok_or(AppError::NotFound)?;
    if p.signed_off_at.is_some() {
        return Err(AppError::Conflict("reports-pack-frozen"));
    }
    let mut content = assemble(c, app, org, &p, &view).await?;
    content.frozen = true;
    content.signed_off_at = Some(now);
    content.signed_off_by = Some(actor.label.clone());
    let json = serde_json::to_string(&content).map_err(|e| AppError::Unexpected(e.to_string()))?;
    if !db::sign_off(c, org, id, &json, &actor.label, now).await? {
        return Err(AppError::Conflict("reports-pack-frozen"));
    }
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Update,
        "board_pack_sign_off",
        Some(id),
        None,
        Some(&serde_json::json!({"version": 1})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(content)
}
