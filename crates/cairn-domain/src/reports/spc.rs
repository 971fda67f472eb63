//! Statistical process control for monthly measures, after NHS England's "Making Data Count".
//!
//! [`analyse`] splits a series into phases, computes each phase's centre line and limits from
//! its baseline (an XmR chart for counts and large-denominator proportions, a P chart when a
//! baseline month has a small denominator), flags special-cause variation with the four rules
//! (a point outside the limits, a shift of [`RUN_LENGTH`] points on one side of the mean, a
//! trend of [`RUN_LENGTH`] points rising or falling, two of three points beyond two thirds of
//! the way to a limit) and sums the last point up as a variation icon and, against a target,
//! an assurance icon. With fewer than [`MIN_POINTS_FOR_LIMITS`] points in the last phase it
//! draws a run chart instead: a mean and a direction of travel, no limits and no verdicts.
//!
//! Nothing here panics, whatever the input: an empty series is an empty run chart, phases out
//! of range are ignored and phases given out of order are sorted.

use serde::{Deserialize, Serialize};

/// Fewer points than this in the last phase: a run chart, with no limits.
pub const MIN_POINTS_FOR_LIMITS: usize = 10;

/// Limits computed from a baseline of fewer points than this are "trial" limits.
pub const MIN_POINTS_FOR_FIRM_LIMITS: usize = 12;

/// How many points make a shift (all on one side of the mean) or a trend (each rising, or each
/// falling, from the one before).
pub const RUN_LENGTH: usize = 7;

/// XmR limits are the mean ± this many average moving ranges (3 / d₂ for ranges of two,
/// rounded as "Making Data Count" and Wheeler round it).
pub const XMR_CONSTANT: f64 = 2.66;

/// A proportion whose baseline has a month with a denominator below this is drawn as a P
/// chart (its limits widen for small months); otherwise as an XmR chart.
pub const SMALL_DENOMINATOR: i64 = 30;

/// Which way a measure improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// One month's observation. `value` is the measure (a count, or a percentage 0–100 for a
/// proportion); `denominator` is set for proportions (the number the percentage is of).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obs {
    pub value: f64,
    pub denominator: Option<i64>,
}

/// Where a phase of the series begins (an index into the observations) and how many of its
/// first points set its limits (`None`: all of the phase's points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub start: usize,
    pub baseline_len: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Too few points for limits: a run chart with a direction of travel.
    Run,
    /// Individuals chart: mean ± 2.66 × average moving range.
    Xmr,
    /// Proportion chart: mean ± 3 standard errors for each point's denominator.
    P,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    OutsideLimits,
    Shift,
    Trend,
    TwoOfThree,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Improvement,
    Concern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VariationIcon {
    CommonCause,
    ImprovementHigh,
    ImprovementLow,
    ConcernHigh,
    ConcernLow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssuranceIcon {
    Pass,
    Fail,
    HitAndMiss,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// One point's centre line, limits and verdict.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PointResult {
    pub mean: f64,
    pub upper: Option<f64>,
    pub lower: Option<f64>,
    pub special_cause: Option<Cause>,
    pub rule: Option<Rule>,
    pub phase: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub kind: ChartKind,
    pub trial: bool,
    pub mean: Option<f64>,
    pub upper: Option<f64>,
    pub lower: Option<f64>,
    pub points: Vec<PointResult>,
    pub variation: Option<VariationIcon>,
    pub assurance: Option<AssuranceIcon>,
    pub direction: Option<Direction>,
    pub since: Option<usize>,
}

/// Analyses a monthly series.
///
/// * `obs`: the months in order.
/// * `better`: which way the measure improves (decides whether a signal is an improvement or a
///   concern, and which side of a target is met).
/// * `target`: the target, for the assurance icon (none: no assurance icon).
/// * `phases`: where the process was re-based. Phase 0 always starts at index 0; a `Phase`
///   whose start is 0 only sets phase 0's baseline. Phases starting at or beyond the end are
///   ignored, the rest are sorted by start and, of two with the same start, the first given is
///   kept.
///
/// Limits are computed per phase from its baseline and the rules never look across a phase
/// boundary. See the module documentation for the rules.
pub fn analyse(obs: &[Obs], better: Better, target: Option<f64>, phases: &[Phase]) -> Analysis {
    let segments = segments(obs.len(), phases);
    let Some(last) = segments.last() else {
        return empty_run();
    };
    if last.len() < MIN_POINTS_FOR_LIMITS {
        return run_chart(obs, &segments);
    }
    let kind = chart_kind(obs, &segments);
    let mut points = Vec::with_capacity(obs.len());
    let mut last_limits = None;
    for (phase, seg) in segments.iter().enumerate() {
        let limits = match kind {
            ChartKind::P => p_limits(obs, seg),
            _ => xmr_limits(obs, seg),
        };
        let verdicts = evaluate(obs, seg, &limits, better);
        for (offset, (cause, rule)) in verdicts.into_iter().enumerate() {
            let (upper, lower) = limits.at(offset);
            points.push(PointResult {
                mean: limits.mean,
                upper,
                lower,
                special_cause: cause,
                rule,
                phase,
            });
        }
        last_limits = Some(limits);
    }
    let (mean, upper, lower) = match &last_limits {
        Some(l) => {
            let (upper, lower) = l.summary(obs, last);
            (Some(l.mean), upper, lower)
        }
        None => (None, None, None),
    };
    let last_point = points.last().copied();
    let variation = Some(variation_icon(
        last_point.and_then(|p| p.special_cause),
        better,
    ));
    let assurance = match (target, upper, lower) {
        (Some(t), Some(u), Some(l)) => Some(assurance_icon(t, u, l, better)),
        _ => None,
    };
    let since = since(&points, last.start);
    Analysis {
        kind,
        trial: last.baseline_len() < MIN_POINTS_FOR_FIRM_LIMITS,
        mean,
        upper,
        lower,
        points,
        variation,
        assurance,
        direction: direction(obs),
        since,
    }
}

/// One phase: the observations `start..end`, whose first `baseline` points set its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: usize,
    end: usize,
    baseline: usize,
}

impl Segment {
    fn len(&self) -> usize {
        self.end - self.start
    }

    fn baseline_len(&self) -> usize {
        self.baseline
    }

    fn values<'a>(&self, obs: &'a [Obs]) -> &'a [Obs] {
        obs.get(self.start..self.end).unwrap_or(&[])
    }

    fn baseline_values<'a>(&self, obs: &'a [Obs]) -> &'a [Obs] {
        obs.get(self.start..self.start + self.baseline)
            .unwrap_or(&[])
    }
}

/// Splits `len` observations into phases (none when there are no observations).
fn segments(len: usize, phases: &[Phase]) -> Vec<Segment> {
    if len == 0 {
        return Vec::new();
    }
    let mut starts: Vec<Phase> = phases.iter().copied().filter(|p| p.start < len).collect();
    // Stable: of two phases with the same start, the first given stays first and is kept.
    starts.sort_by_key(|p| p.start);
    starts.dedup_by_key(|p| p.start);
    if starts.first().is_none_or(|p| p.start != 0) {
        starts.insert(
            0,
            Phase {
                start: 0,
                baseline_len: None,
            },
        );
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, p) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(len, |next| next.start);
        let phase_len = end - p.start;
        let baseline = match p.baseline_len {
            Some(b) if b > 0 => b.min(phase_len),
            _ => phase_len,
        };
        out.push(Segment {
            start: p.start,
            end,
            baseline,
        });
    }
    out
}

fn empty_run() -> Analysis {
    Analysis {
        kind: ChartKind::Run,
        trial: false,
        mean: None,
        upper: None,
        lower: None,
        points: Vec::new(),
        variation: None,
        assurance: None,
        direction: None,
        since: None,
    }
}

/// A run chart: each phase's points sit on the mean of all that phase's points.
fn run_chart(obs: &[Obs], segments: &[Segment]) -> Analysis {
    let mut points = Vec::with_capacity(obs.len());
    let mut mean = None;
    for (phase, seg) in segments.iter().enumerate() {
        let values = seg.values(obs);
        let m = mean_of(values.iter().map(|o| o.value));
        for _ in values {
            points.push(PointResult {
                mean: m.unwrap_or(0.0),
                upper: None,
                lower: None,
                special_cause: None,
                rule: None,
                phase,
            });
        }
        mean = m;
    }
    Analysis {
        mean,
        points,
        direction: direction(obs),
        ..empty_run()
    }
}

/// The mean, taken as the first value plus the mean difference from it, so that a constant
/// series has exactly its value as its mean (a rounding error would otherwise put every point
/// a hair above or below the centre line, and onto a shift).
fn mean_of(mut values: impl Iterator<Item = f64>) -> Option<f64> {
    let first = values.next()?;
    let (sum, n) = values.fold((0.0, 1usize), |(s, n), v| (s + (v - first), n + 1));
    Some(first + sum / n as f64)
}

/// The last point against the first point of the whole series.
fn direction(obs: &[Obs]) -> Option<Direction> {
    if obs.len() < 2 {
        return None;
    }
    let first = obs.first()?.value;
    let last = obs.last()?.value;
    Some(if last > first {
        Direction::Up
    } else if last < first {
        Direction::Down
    } else {
        Direction::Same
    })
}

/// A P chart when every month has a denominator and some baseline month's is small.
fn chart_kind(obs: &[Obs], segments: &[Segment]) -> ChartKind {
    let all_proportions = obs.iter().all(|o| o.denominator.is_some());
    let small = segments.iter().any(|seg| {
        seg.baseline_values(obs)
            .iter()
            .any(|o| o.denominator.is_some_and(|d| d < SMALL_DENOMINATOR))
    });
    if all_proportions && small {
        ChartKind::P
    } else {
        ChartKind::Xmr
    }
}

/// One phase's centre line and limits.
#[derive(Debug, Clone, PartialEq)]
struct Limits {
    mean: f64,
    kind: LimitKind,
}

#[derive(Debug, Clone, PartialEq)]
enum LimitKind {
    /// XmR: the same half-width for every point.
    Constant { half_width: f64 },
    /// P chart: the proportion `p̄ / 100` (none when the baseline has no positive
    /// denominator) and each point's denominator.
    PerPoint {
        p: Option<f64>,
        denominators: Vec<Option<i64>>,
    },
}

impl Limits {
    /// Upper and lower limit of the phase's point `offset`.
    fn at(&self, offset: usize) -> (Option<f64>, Option<f64>) {
        match &self.kind {
            LimitKind::Constant { half_width } => {
                (Some(self.mean + half_width), Some(self.mean - half_width))
            }
            LimitKind::PerPoint { p, denominators } => {
                let n = denominators.get(offset).copied().flatten();
                self.p_limits(*p, n)
            }
        }
    }

    fn p_limits(&self, p: Option<f64>, n: Option<i64>) -> (Option<f64>, Option<f64>) {
        match (p, n) {
            (Some(p), Some(n)) if n > 0 => {
                let sigma = 100.0 * ((p * (1.0 - p)).max(0.0) / n as f64).sqrt();
                (Some(self.mean + 3.0 * sigma), Some(self.mean - 3.0 * sigma))
            }
            _ => (None, None),
        }
    }

    /// The phase's limits as one pair: XmR's own, or a P chart's at the phase's mean
    /// denominator (rounded, at least 1).
    fn summary(&self, obs: &[Obs], seg: &Segment) -> (Option<f64>, Option<f64>) {
        match &self.kind {
            LimitKind::Constant { .. } => self.at(0),
            LimitKind::PerPoint { p, .. } => {
                let n = mean_of(
                    seg.values(obs)
                        .iter()
                        .map(|o| o.denominator.unwrap_or(0) as f64),
                )
                .map(|m| (m.round() as i64).max(1));
                self.p_limits(*p, n)
            }
        }
    }
}

/// XmR limits from the phase's baseline: mean ± 2.66 × the average moving range.
fn xmr_limits(obs: &[Obs], seg: &Segment) -> Limits {
    let baseline = seg.baseline_values(obs);
    let mean = mean_of(baseline.iter().map(|o| o.value)).unwrap_or(0.0);
    let moving_range = mean_of(baseline.windows(2).map(|w| match w {
        [a, b] => (b.value - a.value).abs(),
        _ => 0.0,
    }))
    .unwrap_or(0.0);
    Limits {
        mean,
        kind: LimitKind::Constant {
            half_width: XMR_CONSTANT * moving_range,
        },
    }
}

/// P chart limits: p̄ over the baseline, then ± 3 standard errors for each point's
/// denominator.
fn p_limits(obs: &[Obs], seg: &Segment) -> Limits {
    let baseline = seg.baseline_values(obs);
    let (numerator, denominator) = baseline
        .iter()
        .filter_map(|o| {
            o.denominator
                .filter(|&d| d > 0)
                .map(|d| (o.value, d as f64))
        })
        .fold((0.0, 0.0), |(num, den), (v, d)| {
            (num + v / 100.0 * d, den + d)
        });
    let constant = baseline
        .first()
        .filter(|first| baseline.iter().all(|o| o.value == first.value))
        .map(|first| first.value);
    let (mean, p) = if denominator > 0.0 {
        // A constant share is its own p̄ exactly, for the same reason as in `mean_of`.
        let mean = constant.unwrap_or(100.0 * numerator / denominator);
        (mean, Some(mean / 100.0))
    } else {
        // No month with anyone in it: a centre line but no limits.
        (
            mean_of(baseline.iter().map(|o| o.value)).unwrap_or(0.0),
            None,
        )
    };
    Limits {
        mean,
        kind: LimitKind::PerPoint {
            p,
            denominators: seg.values(obs).iter().map(|o| o.denominator).collect(),
        },
    }
}

/// The cause of a signal above the mean or rising (`up`), or below or falling.
fn cause(up: bool, better: Better) -> Cause {
    match (up, better) {
        (true, Better::Higher) | (false, Better::Lower) => Cause::Improvement,
        _ => Cause::Concern,
    }
}

/// Maximal runs of equal `Some` keys: `(first index, length, key)`.
fn runs(keys: &[Option<bool>]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (i, key) in keys.iter().enumerate() {
        match (current, key) {
            (Some((_, k)), Some(key)) if k == *key => {}
            _ => {
                if let Some((start, k)) = current {
                    out.push((start, i - start, k));
                }
                current = key.map(|k| (i, k));
            }
        }
    }
    if let Some((start, k)) = current {
        out.push((start, keys.len() - start, k));
    }
    out
}

/// Each of the phase's points' verdict: the first rule it breaks, in priority order, and
/// that rule's cause.
fn evaluate(
    obs: &[Obs],
    seg: &Segment,
    limits: &Limits,
    better: Better,
) -> Vec<(Option<Cause>, Option<Rule>)> {
    let values = seg.values(obs);
    let n = values.len();
    let mean = limits.mean;
    // Points with no limits (a P chart month with no denominator) are never flagged and
    // break every run.
    let bounds: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| match limits.at(i) {
            (Some(u), Some(l)) => Some((u, l)),
            _ => None,
        })
        .collect();
    let value = |i: usize| values.get(i).map_or(mean, |o| o.value);
    let eligible = |i: usize| bounds.get(i).is_some_and(Option::is_some);

    let mut outside = vec![None; n];
    let mut shift = vec![None; n];
    let mut trend = vec![None; n];
    let mut two_of_three = vec![None; n];

    for (i, b) in bounds.iter().enumerate() {
        if let Some((upper, lower)) = b {
            let v = value(i);
            if v > *upper {
                outside[i] = Some(cause(true, better));
            } else if v < *lower {
                outside[i] = Some(cause(false, better));
            }
        }
    }

    let sides: Vec<Option<bool>> = (0..n)
        .map(|i| {
            let v = value(i);
            if !eligible(i) || v == mean {
                None
            } else {
                Some(v > mean)
            }
        })
        .collect();
    for (start, len, up) in runs(&sides) {
        if len >= RUN_LENGTH {
            for flag in shift.iter_mut().skip(start).take(len) {
                *flag = Some(cause(up, better));
            }
        }
    }

    // steps[j] compares point j + 1 with point j.
    let steps: Vec<Option<bool>> = (1..n)
        .map(|j| {
            let (a, b) = (value(j - 1), value(j));
            if !eligible(j - 1) || !eligible(j) || a == b {
                None
            } else {
                Some(b > a)
            }
        })
        .collect();
    for (start, len, up) in runs(&steps) {
        // `len` steps join `len + 1` points, from `start` to `start + len`.
        if len + 1 >= RUN_LENGTH {
            for flag in trend.iter_mut().skip(start).take(len + 1) {
                *flag = Some(cause(up, better));
            }
        }
    }

    let beyond: Vec<Option<bool>> = (0..n)
        .map(|i| {
            let (upper, lower) = bounds.get(i).copied().flatten()?;
            let v = value(i);
            if v > mean + 2.0 / 3.0 * (upper - mean) {
                Some(true)
            } else if v < mean - 2.0 / 3.0 * (mean - lower) {
                Some(false)
            } else {
                None
            }
        })
        .collect();
    for start in 0..n.saturating_sub(2) {
        for up in [true, false] {
            let window = start..start + 3;
            let hits = window
                .clone()
                .filter(|&i| beyond.get(i) == Some(&Some(up)))
                .count();
            if hits >= 2 {
                for i in window {
                    if beyond.get(i) == Some(&Some(up))
                        && let Some(flag) = two_of_three.get_mut(i)
                    {
                        *flag = Some(cause(up, better));
                    }
                }
            }
        }
    }

    (0..n)
        .map(|i| {
            let candidates = [
                (outside.get(i), Rule::OutsideLimits),
                (shift.get(i), Rule::Shift),
                (trend.get(i), Rule::Trend),
                (two_of_three.get(i), Rule::TwoOfThree),
            ];
            candidates
                .into_iter()
                .find_map(|(c, rule)| c.copied().flatten().map(|c| (Some(c), Some(rule))))
                .unwrap_or((None, None))
        })
        .collect()
}

fn variation_icon(last: Option<Cause>, better: Better) -> VariationIcon {
    match (last, better) {
        (None, _) => VariationIcon::CommonCause,
        (Some(Cause::Improvement), Better::Higher) => VariationIcon::ImprovementHigh,
        (Some(Cause::Improvement), Better::Lower) => VariationIcon::ImprovementLow,
        (Some(Cause::Concern), Better::Higher) => VariationIcon::ConcernLow,
        (Some(Cause::Concern), Better::Lower) => VariationIcon::ConcernHigh,
    }
}

fn assurance_icon(target: f64, upper: f64, lower: f64, better: Better) -> AssuranceIcon {
    let (pass, fail) = match better {
        Better::Higher => (lower > target, upper < target),
        Better::Lower => (upper < target, lower > target),
    };
    if pass {
        AssuranceIcon::Pass
    } else if fail {
        AssuranceIcon::Fail
    } else {
        AssuranceIcon::HitAndMiss
    }
}

/// Where the last point's unbroken stretch of the same special cause began (within the last
/// phase, which starts at `phase_start`).
fn since(points: &[PointResult], phase_start: usize) -> Option<usize> {
    let cause = points.last()?.special_cause?;
    let mut first = points.len() - 1;
    while first > phase_start
        && points
            .get(first - 1)
            .is_some_and(|p| p.special_cause == Some(cause))
    {
        first -= 1;
    }
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EPS: f64 = 1e-9;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    fn counts(values: &[f64]) -> Vec<Obs> {
        values
            .iter()
            .map(|&value| Obs {
                value,
                denominator: None,
            })
            .collect()
    }

    fn shares(values_and_denominators: &[(f64, i64)]) -> Vec<Obs> {
        values_and_denominators
            .iter()
            .map(|&(value, d)| Obs {
                value,
                denominator: Some(d),
            })
            .collect()
    }

    /// 12, 10, 12, 10, … (12 points, ending below the mean).
    /// Mean 11; every moving range 2, so mR̄ = 2; limits 11 ± 2.66 × 2 = 16.32 and 5.68;
    /// two thirds of the way to a limit: 11 ± 3.5466… = 14.5466… and 7.4533….
    fn baseline_ending_low() -> Vec<f64> {
        [12.0, 10.0].repeat(6)
    }

    /// 10, 12, 10, 12, … (12 points, ending above the mean). Same mean and limits.
    fn baseline_ending_high() -> Vec<f64> {
        [10.0, 12.0].repeat(6)
    }

    /// The first 12 points set the limits; the rest are judged against them.
    const FIRST_TWELVE: Phase = Phase {
        start: 0,
        baseline_len: Some(12),
    };

    /// Baseline then `tail`, limits from the baseline only (mean 11, limits 16.32 / 5.68).
    fn after_baseline(baseline: Vec<f64>, tail: &[f64], better: Better) -> Analysis {
        let mut values = baseline;
        values.extend_from_slice(tail);
        analyse(&counts(&values), better, None, &[FIRST_TWELVE])
    }

    fn flagged(a: &Analysis) -> Vec<usize> {
        a.points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.rule.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    fn rules_at(a: &Analysis, indices: &[usize]) -> Vec<(Option<Rule>, Option<Cause>)> {
        indices
            .iter()
            .map(|&i| (a.points[i].rule, a.points[i].special_cause))
            .collect()
    }

    fn assert_baseline_limits(a: &Analysis) {
        assert_eq!(a.kind, ChartKind::Xmr);
        assert!(close(a.mean.expect("mean"), 11.0));
        assert!(close(a.upper.expect("upper"), 16.32));
        assert!(close(a.lower.expect("lower"), 5.68));
        for p in &a.points {
            assert!(close(p.mean, 11.0));
            assert!(close(p.upper.expect("upper"), 16.32));
            assert!(close(p.lower.expect("lower"), 5.68));
        }
    }

    // ---- Outside the limits -------------------------------------------------------------

    #[test]
    fn a_point_beyond_the_upper_limit_is_special_cause_improvement_when_higher_is_better() {
        // 17 > 16.32.
        let a = after_baseline(baseline_ending_low(), &[17.0], Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), vec![12]);
        assert_eq!(
            rules_at(&a, &[12]),
            vec![(Some(Rule::OutsideLimits), Some(Cause::Improvement))]
        );
    }

    #[test]
    fn a_point_beyond_the_upper_limit_is_a_concern_when_lower_is_better() {
        let a = after_baseline(baseline_ending_low(), &[17.0], Better::Lower);
        assert_eq!(flagged(&a), vec![12]);
        assert_eq!(
            rules_at(&a, &[12]),
            vec![(Some(Rule::OutsideLimits), Some(Cause::Concern))]
        );
    }

    #[test]
    fn a_point_below_the_lower_limit_is_a_concern_when_higher_is_better_and_an_improvement_when_lower_is()
     {
        // 5 < 5.68.
        let a = after_baseline(baseline_ending_low(), &[5.0], Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), vec![12]);
        assert_eq!(
            rules_at(&a, &[12]),
            vec![(Some(Rule::OutsideLimits), Some(Cause::Concern))]
        );
        let a = after_baseline(baseline_ending_low(), &[5.0], Better::Lower);
        assert_eq!(
            rules_at(&a, &[12]),
            vec![(Some(Rule::OutsideLimits), Some(Cause::Improvement))]
        );
    }

    #[test]
    fn a_point_just_inside_the_limits_raises_nothing() {
        let a = after_baseline(baseline_ending_low(), &[16.3], Better::Higher);
        assert!(flagged(&a).is_empty());
        assert_eq!(a.variation, Some(VariationIcon::CommonCause));
    }

    // ---- Shift ---------------------------------------------------------------------------

    #[test]
    fn seven_points_above_the_mean_are_a_shift_flagged_on_every_point() {
        // Baseline ends on 10 (below 11), so the run of 13s (above 11, inside 14.55) is 7 long.
        let a = after_baseline(baseline_ending_low(), &[13.0; 7], Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert!(
            rules_at(&a, &flagged(&a))
                .iter()
                .all(|r| *r == (Some(Rule::Shift), Some(Cause::Improvement)))
        );
        let a = after_baseline(baseline_ending_low(), &[13.0; 7], Better::Lower);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert!(
            rules_at(&a, &flagged(&a))
                .iter()
                .all(|r| *r == (Some(Rule::Shift), Some(Cause::Concern)))
        );
    }

    #[test]
    fn seven_points_below_the_mean_are_a_shift_with_the_opposite_cause() {
        // Baseline ends on 12 (above 11); 9 is below 11 and above 7.45.
        let a = after_baseline(baseline_ending_high(), &[9.0; 7], Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert!(
            rules_at(&a, &flagged(&a))
                .iter()
                .all(|r| *r == (Some(Rule::Shift), Some(Cause::Concern)))
        );
        let a = after_baseline(baseline_ending_high(), &[9.0; 7], Better::Lower);
        assert!(
            rules_at(&a, &(12..19).collect::<Vec<_>>())
                .iter()
                .all(|r| *r == (Some(Rule::Shift), Some(Cause::Improvement)))
        );
    }

    #[test]
    fn six_points_above_the_mean_raise_nothing() {
        let a = after_baseline(baseline_ending_low(), &[13.0; 6], Better::Higher);
        assert!(flagged(&a).is_empty());
        assert_eq!(a.variation, Some(VariationIcon::CommonCause));
        assert_eq!(a.since, None);
    }

    #[test]
    fn a_point_on_the_mean_breaks_a_shift() {
        let a = after_baseline(
            baseline_ending_low(),
            &[13.0, 13.0, 13.0, 11.0, 13.0, 13.0, 13.0, 13.0],
            Better::Higher,
        );
        assert!(flagged(&a).is_empty());
    }

    // ---- Trend ---------------------------------------------------------------------------

    #[test]
    fn seven_points_each_higher_than_the_last_are_a_rising_trend() {
        // Baseline ends on 12, then 8 falls; 8, 9, …, 14 rise six times (7 points). None is
        // beyond two thirds (7.45, 14.55) and no side has 7 in a row (11 sits on the mean).
        let tail = [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0];
        let a = after_baseline(baseline_ending_high(), &tail, Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert!(
            rules_at(&a, &flagged(&a))
                .iter()
                .all(|r| *r == (Some(Rule::Trend), Some(Cause::Improvement)))
        );
        let a = after_baseline(baseline_ending_high(), &tail, Better::Lower);
        assert!(
            rules_at(&a, &(12..19).collect::<Vec<_>>())
                .iter()
                .all(|r| *r == (Some(Rule::Trend), Some(Cause::Concern)))
        );
    }

    #[test]
    fn seven_points_each_lower_than_the_last_are_a_falling_trend() {
        // Baseline ends on 10, then 14 rises; 14, 13, …, 8 fall six times.
        let tail = [14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0];
        let a = after_baseline(baseline_ending_low(), &tail, Better::Higher);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert!(
            rules_at(&a, &flagged(&a))
                .iter()
                .all(|r| *r == (Some(Rule::Trend), Some(Cause::Concern)))
        );
        let a = after_baseline(baseline_ending_low(), &tail, Better::Lower);
        assert!(
            rules_at(&a, &(12..19).collect::<Vec<_>>())
                .iter()
                .all(|r| *r == (Some(Rule::Trend), Some(Cause::Improvement)))
        );
    }

    #[test]
    fn six_rising_points_raise_nothing() {
        let tail = [9.0, 10.0, 11.0, 12.0, 13.0, 14.0];
        let a = after_baseline(baseline_ending_high(), &tail, Better::Higher);
        assert!(flagged(&a).is_empty());
    }

    #[test]
    fn a_tie_breaks_a_trend() {
        // 8, 9, 10, 11, 11, 12, 13, 14: eight points rising but for one tie, so two runs of 4.
        let tail = [8.0, 9.0, 10.0, 11.0, 11.0, 12.0, 13.0, 14.0];
        let a = after_baseline(baseline_ending_high(), &tail, Better::Higher);
        assert!(flagged(&a).is_empty());
        assert_eq!(a.variation, Some(VariationIcon::CommonCause));
    }

    // ---- Two of three --------------------------------------------------------------------

    #[test]
    fn two_of_three_points_beyond_two_thirds_flag_the_two_not_the_third() {
        // 15 > 14.5466… (but < 16.32); 11 is on the mean.
        let a = after_baseline(baseline_ending_low(), &[15.0, 11.0, 15.0], Better::Higher);
        assert_baseline_limits(&a);
        assert_eq!(flagged(&a), vec![12, 14]);
        assert_eq!(
            rules_at(&a, &[12, 14]),
            vec![(Some(Rule::TwoOfThree), Some(Cause::Improvement)); 2]
        );
        let a = after_baseline(baseline_ending_low(), &[15.0, 11.0, 15.0], Better::Lower);
        assert_eq!(
            rules_at(&a, &[12, 14]),
            vec![(Some(Rule::TwoOfThree), Some(Cause::Concern)); 2]
        );
    }

    #[test]
    fn two_of_three_points_below_two_thirds_are_flagged_with_the_opposite_cause() {
        // 7 < 7.4533… (but > 5.68).
        let a = after_baseline(baseline_ending_high(), &[7.0, 11.0, 7.0], Better::Higher);
        assert_eq!(flagged(&a), vec![12, 14]);
        assert_eq!(
            rules_at(&a, &[12, 14]),
            vec![(Some(Rule::TwoOfThree), Some(Cause::Concern)); 2]
        );
        let a = after_baseline(baseline_ending_high(), &[7.0, 11.0, 7.0], Better::Lower);
        assert_eq!(
            rules_at(&a, &[12, 14]),
            vec![(Some(Rule::TwoOfThree), Some(Cause::Improvement)); 2]
        );
    }

    #[test]
    fn only_one_of_three_beyond_two_thirds_raises_nothing() {
        let a = after_baseline(baseline_ending_low(), &[15.0, 11.0, 12.0], Better::Higher);
        assert!(flagged(&a).is_empty());
    }

    #[test]
    fn two_beyond_two_thirds_on_opposite_sides_raise_nothing() {
        let a = after_baseline(baseline_ending_low(), &[15.0, 11.0, 7.0], Better::Higher);
        assert!(flagged(&a).is_empty());
    }

    #[test]
    fn a_point_breaking_several_rules_records_the_first_in_priority_order() {
        // Seven points above the mean (a shift), the last beyond the limit: the last is
        // OutsideLimits, the rest Shift.
        let tail = [13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 20.0];
        let a = after_baseline(baseline_ending_low(), &tail, Better::Higher);
        assert_eq!(flagged(&a), (12..19).collect::<Vec<_>>());
        assert_eq!(a.points[18].rule, Some(Rule::OutsideLimits));
        assert!((12..18).all(|i| a.points[i].rule == Some(Rule::Shift)));
        // A rising trend that is also above the mean for 7 points: Shift beats Trend.
        let tail = [11.5, 12.0, 12.5, 13.0, 13.5, 14.0, 14.5];
        let a = after_baseline(baseline_ending_low(), &tail, Better::Higher);
        assert!((12..19).all(|i| a.points[i].rule == Some(Rule::Shift)));
        // The baseline's last point (10) starts the rise, so it is a Trend point alone.
        assert_eq!(a.points[11].rule, Some(Rule::Trend));
    }

    // ---- Icons ---------------------------------------------------------------------------

    #[test]
    fn the_variation_icon_follows_the_last_points_cause_and_the_better_direction() {
        let cases = [
            (17.0, Better::Higher, VariationIcon::ImprovementHigh),
            (5.0, Better::Lower, VariationIcon::ImprovementLow),
            (5.0, Better::Higher, VariationIcon::ConcernLow),
            (17.0, Better::Lower, VariationIcon::ConcernHigh),
            (12.0, Better::Higher, VariationIcon::CommonCause),
            (12.0, Better::Lower, VariationIcon::CommonCause),
        ];
        for (last, better, icon) in cases {
            let a = after_baseline(baseline_ending_low(), &[last], better);
            assert_eq!(a.variation, Some(icon), "{last} {better:?}");
        }
    }

    #[test]
    fn the_variation_icon_looks_only_at_the_last_point() {
        let a = after_baseline(baseline_ending_low(), &[17.0, 12.0], Better::Higher);
        assert_eq!(flagged(&a), vec![12]);
        assert_eq!(a.variation, Some(VariationIcon::CommonCause));
    }

    #[test]
    fn the_assurance_icon_compares_the_limits_with_the_target_in_both_directions() {
        // Mean 11, limits 5.68 and 16.32.
        let values = counts(&baseline_ending_low());
        let cases = [
            (Better::Higher, 5.0, AssuranceIcon::Pass),
            (Better::Higher, 17.0, AssuranceIcon::Fail),
            (Better::Higher, 11.0, AssuranceIcon::HitAndMiss),
            (Better::Lower, 17.0, AssuranceIcon::Pass),
            (Better::Lower, 5.0, AssuranceIcon::Fail),
            (Better::Lower, 11.0, AssuranceIcon::HitAndMiss),
        ];
        for (better, target, icon) in cases {
            let a = analyse(&values, better, Some(target), &[]);
            assert_eq!(a.assurance, Some(icon), "{better:?} {target}");
        }
        assert_eq!(analyse(&values, Better::Higher, None, &[]).assurance, None);
    }

    // ---- Trial limits and run charts -----------------------------------------------------

    #[test]
    fn limits_are_trial_below_twelve_baseline_points_and_firm_from_twelve() {
        for (n, trial) in [(10, true), (11, true), (12, false), (20, false)] {
            let values: Vec<f64> = [12.0, 10.0].iter().copied().cycle().take(n).collect();
            let a = analyse(&counts(&values), Better::Higher, None, &[]);
            assert_eq!(a.kind, ChartKind::Xmr, "{n}");
            assert_eq!(a.trial, trial, "{n}");
        }
        // Twenty points but a baseline of 11: trial.
        let values: Vec<f64> = [12.0, 10.0].repeat(10);
        let baseline = [Phase {
            start: 0,
            baseline_len: Some(11),
        }];
        assert!(analyse(&counts(&values), Better::Higher, None, &baseline).trial);
    }

    #[test]
    fn fewer_than_ten_points_make_a_run_chart_with_a_direction_of_travel() {
        let cases = [
            (vec![5.0, 6.0, 7.0], Direction::Up, 6.0),
            (vec![7.0, 6.0, 5.0], Direction::Down, 6.0),
            (vec![5.0, 9.0, 5.0, 1.0, 5.0], Direction::Same, 5.0),
        ];
        for (values, direction, mean) in cases {
            let a = analyse(&counts(&values), Better::Higher, Some(4.0), &[]);
            assert_eq!(a.kind, ChartKind::Run);
            assert_eq!(a.direction, Some(direction));
            assert!(close(a.mean.expect("mean"), mean));
            assert_eq!((a.upper, a.lower), (None, None));
            assert_eq!((a.variation, a.assurance, a.since), (None, None, None));
            assert!(!a.trial);
            assert_eq!(a.points.len(), values.len());
            for p in &a.points {
                assert_eq!(
                    (p.upper, p.lower, p.rule, p.special_cause),
                    (None, None, None, None)
                );
                assert!(close(p.mean, mean));
            }
        }
        // Nine points, however wild, are still a run chart with no signals.
        let a = analyse(
            &counts(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 100.0]),
            Better::Higher,
            None,
            &[],
        );
        assert_eq!(a.kind, ChartKind::Run);
        assert!(flagged(&a).is_empty());
    }

    #[test]
    fn an_empty_series_and_a_single_point_are_run_charts() {
        let a = analyse(&[], Better::Higher, Some(1.0), &[]);
        assert_eq!(a.kind, ChartKind::Run);
        assert_eq!((a.mean, a.direction), (None, None));
        assert!(a.points.is_empty());
        let a = analyse(&counts(&[3.0]), Better::Lower, None, &[]);
        assert_eq!(a.kind, ChartKind::Run);
        assert_eq!(a.mean, Some(3.0));
        assert_eq!(a.direction, None);
        assert_eq!(a.points.len(), 1);
    }

    #[test]
    fn a_chart_has_a_direction_of_travel_too() {
        let a = after_baseline(baseline_ending_low(), &[17.0], Better::Higher);
        assert_eq!(a.direction, Some(Direction::Up));
        let a = after_baseline(baseline_ending_low(), &[5.0], Better::Higher);
        assert_eq!(a.direction, Some(Direction::Down));
        let a = after_baseline(baseline_ending_low(), &[12.0], Better::Higher);
        assert_eq!(a.direction, Some(Direction::Same));
    }

    #[test]
    fn a_short_last_phase_makes_a_run_chart_of_the_last_phase() {
        // 20 points re-based at 15: the last phase has 5 points (1, 2, 3, 4, 5: mean 3).
        let mut values = [12.0, 10.0].repeat(7);
        values.push(11.0);
        values.extend([1.0, 2.0, 3.0, 4.0, 5.0]);
        let rebase = [Phase {
            start: 15,
            baseline_len: None,
        }];
        let a = analyse(&counts(&values), Better::Higher, None, &rebase);
        assert_eq!(a.kind, ChartKind::Run);
        assert!(close(a.mean.expect("mean"), 3.0));
        assert_eq!(a.direction, Some(Direction::Down));
        assert!(close(a.points[0].mean, 11.0));
        assert_eq!(a.points[0].phase, 0);
        assert!(close(a.points[19].mean, 3.0));
        assert_eq!(a.points[19].phase, 1);
        assert!(
            a.points
                .iter()
                .all(|p| p.upper.is_none() && p.rule.is_none())
        );
    }

    // ---- P charts ------------------------------------------------------------------------

    /// Twelve months: (40 % of 20), (60 % of 20), (40 % of 25), (60 % of 25), three times.
    /// Numerators 8, 12, 10, 15: Σ = 3 × 45 = 135 of Σ = 3 × 90 = 270, so p̄ = 50 %.
    fn small_denominators() -> Vec<(f64, i64)> {
        [(40.0, 20), (60.0, 20), (40.0, 25), (60.0, 25)].repeat(3)
    }

    #[test]
    fn a_proportion_with_a_small_baseline_denominator_is_a_p_chart_with_limits_per_point() {
        let a = analyse(&shares(&small_denominators()), Better::Higher, None, &[]);
        assert_eq!(a.kind, ChartKind::P);
        assert!(close(a.mean.expect("mean"), 50.0));
        // n = 20: σ = 100 × √(0.5 × 0.5 / 20) = 11.1803…; 3σ = 33.5410196624968…
        let p20 = a.points[0];
        assert!(close(p20.mean, 50.0));
        assert!(close(p20.upper.expect("upper"), 50.0 + 33.54101966249684));
        assert!(close(p20.lower.expect("lower"), 50.0 - 33.54101966249684));
        // n = 25: σ = 100 × √(0.25 / 25) = 10; limits 80 and 20.
        let p25 = a.points[2];
        assert!(close(p25.upper.expect("upper"), 80.0));
        assert!(close(p25.lower.expect("lower"), 20.0));
        // Chart-level limits at the mean denominator 22.5, rounded to 23:
        // 3σ = 300 × √(0.25 / 23) = 31.2771621085612….
        assert!(close(a.upper.expect("upper"), 50.0 + 31.277162108561214));
        assert!(close(a.lower.expect("lower"), 50.0 - 31.277162108561214));
        assert!(flagged(&a).is_empty());
        assert_eq!(a.variation, Some(VariationIcon::CommonCause));
        // 81 % of 25 is above 80: outside its limit.
        let mut obs = small_denominators();
        obs.push((81.0, 25));
        let a = analyse(&shares(&obs), Better::Higher, None, &[FIRST_TWELVE]);
        assert_eq!(
            rules_at(&a, &[12]),
            vec![(Some(Rule::OutsideLimits), Some(Cause::Improvement))]
        );
    }

    #[test]
    fn a_p_chart_month_with_no_denominator_has_no_limits_and_is_never_flagged() {
        let mut obs = small_denominators();
        obs.push((100.0, 0));
        let a = analyse(&shares(&obs), Better::Higher, None, &[]);
        assert_eq!(a.kind, ChartKind::P);
        // The empty month adds nothing to p̄.
        assert!(close(a.mean.expect("mean"), 50.0));
        let last = a.points[12];
        assert_eq!((last.upper, last.lower), (None, None));
        assert_eq!((last.rule, last.special_cause), (None, None));
        assert!(a.points[..12].iter().all(|p| p.upper.is_some()));
    }

    #[test]
    fn a_proportion_with_every_denominator_of_thirty_or_more_is_an_xmr_chart() {
        // 40, 60, 40, … of 30 and 40: mean 50, every moving range 20, limits 50 ± 53.2,
        // not clamped to 0–100.
        let obs: Vec<(f64, i64)> = [(40.0, 30), (60.0, 40)].repeat(6);
        let a = analyse(&shares(&obs), Better::Higher, None, &[]);
        assert_eq!(a.kind, ChartKind::Xmr);
        assert!(close(a.mean.expect("mean"), 50.0));
        assert!(close(a.upper.expect("upper"), 103.2));
        assert!(close(a.lower.expect("lower"), -3.2));
        // A small denominator after the baseline does not make it a P chart.
        let mut obs = obs;
        obs.push((50.0, 5));
        let a = analyse(&shares(&obs), Better::Higher, None, &[FIRST_TWELVE]);
        assert_eq!(a.kind, ChartKind::Xmr);
        // Nor does a small denominator when some month has none (not a proportion).
        let mut obs = shares(&small_denominators());
        obs[3].denominator = None;
        assert_eq!(
            analyse(&obs, Better::Higher, None, &[]).kind,
            ChartKind::Xmr
        );
    }

    // ---- Phases --------------------------------------------------------------------------

    #[test]
    fn a_rebase_gives_each_phase_its_own_mean_and_limits() {
        // Phase 0: 12, 10, … (mean 11, limits 5.68–16.32); phase 1: 22, 20, … (mean 21,
        // mR̄ 2, limits 15.68–26.32).
        let mut values = baseline_ending_low();
        values.extend([22.0, 20.0].repeat(6));
        let rebase = [Phase {
            start: 12,
            baseline_len: None,
        }];
        let a = analyse(&counts(&values), Better::Higher, None, &rebase);
        assert_eq!(a.kind, ChartKind::Xmr);
        assert!(
            a.points[..12]
                .iter()
                .all(|p| p.phase == 0 && close(p.mean, 11.0))
        );
        assert!(
            a.points[12..]
                .iter()
                .all(|p| p.phase == 1 && close(p.mean, 21.0))
        );
        assert!(close(a.points[12].upper.expect("upper"), 26.32));
        assert!(close(a.points[12].lower.expect("lower"), 15.68));
        assert!(close(a.mean.expect("mean"), 21.0));
        assert!(close(a.upper.expect("upper"), 26.32));
        assert!(flagged(&a).is_empty());
        // Without the re-base, the second half is far above the mean.
        let a = analyse(&counts(&values), Better::Higher, None, &[]);
        assert!(!flagged(&a).is_empty());
    }

    #[test]
    fn a_run_of_seven_straddling_a_phase_boundary_raises_nothing() {
        // Phase 0: 12,10,12,10,12,10,8,10,12,12,12,12 — Σ 132, mean 11; ends with four 12s.
        // Phase 1: 12,12,12,10,10,10,12,10,12,10,12,10 — Σ 132, mean 11; starts with three.
        let values = [
            12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 8.0, 10.0, 12.0, 12.0, 12.0, 12.0, //
            12.0, 12.0, 12.0, 10.0, 10.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0,
        ];
        let rebase = [Phase {
            start: 12,
            baseline_len: None,
        }];
        let a = analyse(&counts(&values), Better::Higher, None, &rebase);
        assert!(close(a.points[0].mean, 11.0) && close(a.points[23].mean, 11.0));
        assert!(flagged(&a).is_empty());
        // As one phase (mean 11), the seven 12s at 8..=14 are a shift.
        let a = analyse(&counts(&values), Better::Higher, None, &[]);
        assert_eq!(flagged(&a), (8..15).collect::<Vec<_>>());
        assert!((8..15).all(|i| a.points[i].rule == Some(Rule::Shift)));
    }

    #[test]
    fn a_baseline_of_twelve_sets_the_mean_and_limits_from_the_first_twelve_points_only() {
        // First 12: mean 11, limits 5.68–16.32; the next eight 20s are all above 16.32.
        let mut values = baseline_ending_low();
        values.extend([20.0; 8]);
        let a = analyse(&counts(&values), Better::Higher, None, &[FIRST_TWELVE]);
        assert_baseline_limits(&a);
        assert!(!a.trial);
        assert_eq!(flagged(&a), (12..20).collect::<Vec<_>>());
        assert!((12..20).all(|i| a.points[i].rule == Some(Rule::OutsideLimits)));
        // With every point in the baseline: mean (132 + 160) / 20 = 14.6.
        let a = analyse(&counts(&values), Better::Higher, None, &[]);
        assert!(close(a.mean.expect("mean"), 14.6));
    }

    #[test]
    fn a_short_earlier_phase_still_gets_trial_limits() {
        // Phase 0: 12, 10, 12, 10, 12 (mean 11.2, mR̄ 2, limits 11.2 ± 5.32); phase 1: twelve.
        let mut values = vec![12.0, 10.0, 12.0, 10.0, 12.0];
        values.extend(baseline_ending_low());
        let rebase = [Phase {
            start: 5,
            baseline_len: None,
        }];
        let a = analyse(&counts(&values), Better::Higher, None, &rebase);
        assert_eq!(a.kind, ChartKind::Xmr);
        assert!(!a.trial);
        let first = a.points[0];
        assert!(close(first.mean, 11.2));
        assert!(close(first.upper.expect("upper"), 16.52));
        assert!(close(first.lower.expect("lower"), 5.88));
    }

    #[test]
    fn phases_out_of_range_are_ignored_and_the_rest_sorted_keeping_the_first_of_a_start() {
        let mut values = baseline_ending_low();
        values.extend([22.0, 20.0].repeat(6));
        let expected = analyse(
            &counts(&values),
            Better::Higher,
            None,
            &[Phase {
                start: 12,
                baseline_len: None,
            }],
        );
        let messy = [
            Phase {
                start: 24,
                baseline_len: None,
            },
            Phase {
                start: 1000,
                baseline_len: Some(3),
            },
            Phase {
                start: 12,
                baseline_len: None,
            },
            Phase {
                start: 12,
                baseline_len: Some(2),
            },
            Phase {
                start: 0,
                baseline_len: None,
            },
        ];
        assert_eq!(
            analyse(&counts(&values), Better::Higher, None, &messy),
            expected
        );
    }

    #[test]
    fn a_baseline_longer_than_its_phase_is_the_whole_phase() {
        let values = baseline_ending_low();
        let a = analyse(
            &counts(&values),
            Better::Higher,
            None,
            &[Phase {
                start: 0,
                baseline_len: Some(500),
            }],
        );
        assert!(close(a.mean.expect("mean"), 11.0));
        assert!(!a.trial);
    }

    // ---- Since ---------------------------------------------------------------------------

    #[test]
    fn since_is_the_start_of_the_last_stretch_of_the_same_cause() {
        // A shift of seven 13s from index 12, then 20 (outside): all improvement since 12.
        let tail = [13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 20.0];
        let a = after_baseline(baseline_ending_low(), &tail, Better::Higher);
        assert_eq!(a.since, Some(12));
        // An improvement stretch followed by a concern: since the concern only.
        let mut tail = tail.to_vec();
        tail.push(5.0);
        let a = after_baseline(baseline_ending_low(), &tail, Better::Higher);
        assert_eq!(a.points[20].special_cause, Some(Cause::Concern));
        assert_eq!(a.since, Some(20));
        // No signal on the last point: none.
        let a = after_baseline(baseline_ending_low(), &[12.0], Better::Higher);
        assert_eq!(a.since, None);
    }

    // ---- A published example -------------------------------------------------------------

    // Source: SAS Institute, "SAS/QC User's Guide", Example 9.4 "Displaying Individual
    // Measurements on an EWMA Chart" (data set TIRES and Output 9.4.1, the IRCHART limits),
    // https://support.sas.com/documentation/cdl/en/qcug/63964/HTML/default/qcug_macontrol_a0000000363.htm
    // Published: _MEAN_ 24.0083, _R_ (average moving range) 0.056897, _STDDEV_ 0.050423,
    // _LCLI_ 23.8571, _UCLI_ 24.1596. SAS's limits are mean ± 3 × _STDDEV_ with
    // _STDDEV_ = _R_ / d₂(2), d₂(2) = 2 / √π = 1.128379…, i.e. mean ± 2.6587 × mR̄; we use 2.66,
    // so our limits sit 0.0013 × 0.056897 ≈ 0.00008 further out.
    #[test]
    fn the_sas_tire_diameter_example_reproduces_the_published_mean_moving_range_and_limits() {
        let diameters = [
            24.05, 23.99, 23.95, 23.93, 23.97, 24.02, 24.06, 24.10, 23.98, 24.03, //
            23.91, 24.06, 24.06, 23.96, 23.98, 24.06, 24.01, 24.00, 23.93, 23.92, //
            24.09, 24.11, 24.05, 23.98, 23.98, 24.06, 24.02, 24.06, 23.97, 23.96,
        ];
        let a = analyse(&counts(&diameters), Better::Higher, None, &[]);
        assert_eq!(a.kind, ChartKind::Xmr);
        let mean = a.mean.expect("mean");
        let upper = a.upper.expect("upper");
        let lower = a.lower.expect("lower");
        // Published to 4 decimals (mean, limits) and 5 significant figures (mR̄).
        assert!((mean - 24.0083).abs() < 0.5e-4);
        let moving_range = (upper - mean) / XMR_CONSTANT;
        assert!((moving_range - 0.056897).abs() < 0.5e-6);
        assert!((upper - 24.1596).abs() < 0.5e-4 + 0.0013 * 0.056897);
        assert!((lower - 23.8571).abs() < 0.5e-4 + 0.0013 * 0.056897);
        // With SAS's constant the standard deviation and limits round to the published
        // figures exactly.
        let sigma = moving_range / std::f64::consts::FRAC_2_SQRT_PI;
        assert!((sigma - 0.050423).abs() < 0.5e-6);
        assert!((mean + 3.0 * sigma - 24.1596).abs() < 0.5e-4);
        assert!((mean - 3.0 * sigma - 23.8571).abs() < 0.5e-4);
    }

    // ---- Properties ----------------------------------------------------------------------

    fn any_phases() -> impl Strategy<Value = Vec<Phase>> {
        proptest::collection::vec(
            (0usize..70, proptest::option::of(0usize..30)).prop_map(|(start, baseline_len)| {
                Phase {
                    start,
                    baseline_len,
                }
            }),
            0..5,
        )
    }

    fn any_obs() -> impl Strategy<Value = Vec<Obs>> {
        proptest::collection::vec((0.0f64..1000.0, proptest::option::of(-5i64..200)), 0..60)
            .prop_map(|v| {
                v.into_iter()
                    .map(|(value, denominator)| Obs { value, denominator })
                    .collect()
            })
    }

    fn any_better() -> impl Strategy<Value = Better> {
        prop_oneof![Just(Better::Higher), Just(Better::Lower)]
    }

    proptest! {
        #[test]
        fn xmr_limits_are_symmetric_about_the_mean(values in proptest::collection::vec(0.0f64..1000.0, 10..40)) {
            let a = analyse(&counts(&values), Better::Higher, None, &[]);
            prop_assert_eq!(a.kind, ChartKind::Xmr);
            let (mean, upper, lower) = (a.mean.expect("mean"), a.upper.expect("upper"), a.lower.expect("lower"));
            prop_assert!(((upper - mean) - (mean - lower)).abs() < EPS);
            for p in &a.points {
                let (u, l) = (p.upper.expect("upper"), p.lower.expect("lower"));
                prop_assert!(((u - p.mean) - (p.mean - l)).abs() < EPS);
            }
        }

        #[test]
        fn a_constant_series_raises_no_special_cause(value in -1000.0f64..1000.0, len in 0usize..60, better in any_better()) {
            let a = analyse(&counts(&vec![value; len]), better, None, &[]);
            prop_assert!(a.points.iter().all(|p| p.special_cause.is_none() && p.rule.is_none()));
            prop_assert_eq!(a.since, None);
            if len >= MIN_POINTS_FOR_LIMITS {
                prop_assert_eq!(a.variation, Some(VariationIcon::CommonCause));
            } else {
                prop_assert_eq!(a.kind, ChartKind::Run);
            }
        }

        #[test]
        fn a_constant_share_raises_no_special_cause_whatever_its_denominators(
            value in 0.0f64..100.0,
            denominators in proptest::collection::vec(0i64..200, 0..60),
            better in any_better(),
        ) {
            let obs: Vec<(f64, i64)> = denominators.iter().map(|&d| (value, d)).collect();
            let a = analyse(&shares(&obs), better, None, &[]);
            prop_assert!(a.points.iter().all(|p| p.special_cause.is_none() && p.rule.is_none()));
        }

        #[test]
        fn analysis_never_panics_and_flags_carry_both_a_cause_and_a_rule(
            obs in any_obs(),
            better in any_better(),
            target in proptest::option::of(-10.0f64..1100.0),
            phases in any_phases(),
        ) {
            let a = analyse(&obs, better, target, &phases);
            prop_assert_eq!(a.points.len(), obs.len());
            for p in &a.points {
                prop_assert_eq!(p.special_cause.is_some(), p.rule.is_some());
            }
            if a.kind == ChartKind::Run {
                prop_assert!(a.points.iter().all(|p| p.rule.is_none() && p.upper.is_none()));
                prop_assert_eq!(a.variation, None);
            } else {
                prop_assert!(a.variation.is_some());
            }
            if let Some(since) = a.since {
                prop_assert!(since < obs.len());
            }
        }

        #[test]
        fn phases_are_numbered_in_order_from_zero(obs in any_obs(), phases in any_phases()) {
            let a = analyse(&obs, Better::Higher, None, &phases);
            let mut expected = 0;
            for p in &a.points {
                prop_assert!(p.phase == expected || p.phase == expected + 1);
                expected = p.phase;
            }
            if let Some(first) = a.points.first() {
                prop_assert_eq!(first.phase, 0);
            }
        }
    }
}
