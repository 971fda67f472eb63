//! The training report: sessions held, attendance by constituency, completions and credits,
//! and the share of sessions co-delivered (L3.09) and joint (L2.04), by month and by unit.
//!
//! Aggregates only, never named people. Staff whose reach is some units see only what their
//! units' people did: a session counts for them when someone of their units attended it.

use crate::{Actor, App, AppResult, org_of, require};
use cairn_db::training::report::{self as db, ReportRows};
use cairn_domain::Permission;
use cairn_domain::meetings::month_key;
use cairn_domain::people::Constituency;
use cairn_domain::time::local_date;
use cairn_domain::training::{TrainerPart, co_delivered, joint};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The longest period the report covers, in months.
pub const MONTHS_MAX: i64 = 24;

/// One line of the report (a month, a unit, or the whole period).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Line {
    pub key: String,
    pub sessions: i64,
    pub co_delivered: i64,
    pub joint: i64,
    /// Attended places by the constituency recorded on the register.
    pub attended: BTreeMap<String, i64>,
    /// Different people who attended.
    pub learners: i64,
    pub completions: i64,
    pub credits: i64,
}

impl Line {
    fn new(key: String) -> Self {
        Line {
            key,
            ..Line::default()
        }
    }

    /// All attended places.
    pub fn attendances(&self) -> i64 {
        self.attended.values().sum()
    }

    /// Whole-number percentage of sessions co-delivered (none without sessions).
    pub fn co_delivered_percent(&self) -> Option<i64> {
        (self.sessions > 0).then(|| (self.co_delivered * 100 + self.sessions / 2) / self.sessions)
    }

    /// Whole-number percentage of sessions that were joint (none without sessions).
    pub fn joint_percent(&self) -> Option<i64> {
        (self.sessions > 0).then(|| (self.joint * 100 + self.sessions / 2) / self.sessions)
    }
}

/// The report for a period ending today.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub from: Date,
    pub to: Date,
    /// Every month of the period, oldest first, including empty ones.
    pub by_month: Vec<Line>,
    /// Each unit the reader reaches (key: the unit id).
    pub by_unit: Vec<Line>,
    /// Those units' names: (id, English, Welsh).
    pub unit_names: Vec<(i64, String, Option<String>)>,
    pub total: Line,
    /// The organisation's small-number rule: a unit's count of people (learners,
    /// completions, credits) below this is not shown.
    pub hidden_below: i64,
}

/// Adds up the rows. `reach` is the units whose people count (none: everyone, for readers
/// of the whole organisation); `units` the units to break down by.
fn add_up(
    rows: &ReportRows,
    months: &[String],
    month_of: &dyn Fn(i64) -> String,
    reach: Option<&BTreeSet<i64>>,
    units: &[i64],
) -> (Vec<Line>, Vec<Line>, Line) {
    let mut units_of: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (p, u) in &rows.units {
        units_of.entry(*p).or_default().push(*u);
    }
    let counts = |p: i64| match reach {
        None => true,
        Some(r) => units_of
            .get(&p)
            .is_some_and(|us| us.iter().any(|u| r.contains(u))),
    };
    let mut parts: BTreeMap<i64, Vec<TrainerPart>> = BTreeMap::new();
    for (s, part) in &rows.parts {
        if let Some(k) = TrainerPart::parse(part) {
            parts.entry(*s).or_default().push(k);
        }
    }
    let mut attended: BTreeMap<i64, Vec<(i64, &str)>> = BTreeMap::new();
    for a in &rows.attended {
        attended
            .entry(a.session_id)
            .or_default()
            .push((a.person_id, a.constituency.as_str()));
    }
    let mut by_month: Vec<Line> = months.iter().map(|m| Line::new(m.clone())).collect();
    let mut by_unit: Vec<Line> = units.iter().map(|u| Line::new(u.to_string())).collect();
    let mut total = Line::new(String::new());
    let mut learners_month: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); months.len()];
    let mut learners_unit: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); units.len()];
    let mut learners_total = BTreeSet::new();
    for s in &rows.sessions {
        let here = attended.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
        let counted: Vec<&(i64, &str)> = here.iter().filter(|(p, _)| counts(*p)).collect();
        // For readers of some units, a session nobody of theirs attended is not theirs.
        if reach.is_some() && counted.is_empty() {
            continue;
        }
        let constituencies: Vec<Constituency> = here
            .iter()
            .filter_map(|(_, c)| Constituency::parse(c))
            .collect();
        let is_joint = joint(&constituencies);
        let is_co = co_delivered(parts.get(&s.id).map(Vec::as_slice).unwrap_or(&[]));
        let mi = months.iter().position(|m| *m == month_of(s.starts_at));
        let mut lines: Vec<&mut Line> = vec![&mut total];
        let mut sets: Vec<&mut BTreeSet<i64>> = vec![&mut learners_total];
        if let Some(i) = mi {
            lines.push(&mut by_month[i]);
            sets.push(&mut learners_month[i]);
        }
        for l in lines {
            l.sessions += 1;
            l.co_delivered += i64::from(is_co);
            l.joint += i64::from(is_joint);
            for (_, c) in &counted {
                *l.attended.entry((*c).to_owned()).or_insert(0) += 1;
            }
        }
        for set in sets {
            set.extend(counted.iter().map(|(p, _)| *p));
        }
        for (ui, u) in units.iter().enumerate() {
            let of_unit: Vec<&&(i64, &str)> = counted
                .iter()
                .filter(|(p, _)| units_of.get(p).is_some_and(|us| us.contains(u)))
                .collect();
            if of_unit.is_empty() {
                continue;
            }
            let l = &mut by_unit[ui];
            l.sessions += 1;
            l.co_delivered += i64::from(is_co);
            l.joint += i64::from(is_joint);
            for (p, c) in of_unit {
                *l.attended.entry((*c).to_owned()).or_insert(0) += 1;
                learners_unit[ui].insert(*p);
            }
        }
    }
    for k in rows.completions.iter().filter(|k| counts(k.person_id)) {
        let credits = k.credits.unwrap_or(0);
        let mut lines: Vec<&mut Line> = vec![&mut total];
        if let Some(i) = months.iter().position(|m| *m == month_of(k.issued_at)) {
            lines.push(&mut by_month[i]);
        }
        for (l, u) in by_unit.iter_mut().zip(units) {
            if units_of.get(&k.person_id).is_some_and(|us| us.contains(u)) {
                lines.push(l);
            }
        }
        for l in lines {
            l.completions += 1;
            l.credits += credits;
        }
    }
    for (l, set) in by_month.iter_mut().zip(&learners_month) {
        l.learners = set.len() as i64;
    }
    for (l, set) in by_unit.iter_mut().zip(&learners_unit) {
        l.learners = set.len() as i64;
    }
    total.learners = learners_total.len() as i64;
    (by_month, by_unit, total)
}

/// The report for the last `months` calendar months, this one included.
pub async fn report(app: &App, actor: &Actor, months: i64) -> AppResult<Report> {
    require(actor, Permission::ViewTrainingReport)?;
    let org = org_of(actor)?;
    let months = months.clamp(1, MONTHS_MAX);
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (to, tz) = crate::org_clock(&mut c, app, org).await?;
    let now = app.now();
    let from = to
        .first_of_month()
        .checked_sub(jiff::Span::new().months(months - 1))
        .unwrap_or(Date::MIN);
    let since = from
        .to_zoned(tz.clone())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0);
    let rows = db::rows(&mut c, org, since, now + 1).await?;
    let keys: Vec<String> = (0..months)
        .filter_map(|i| from.checked_add(jiff::Span::new().months(i)).ok())
        .map(month_key)
        .collect();
    let unit_names: Vec<(i64, String, Option<String>)> =
        cairn_db::units::list_units(&mut c, org, None, None, 10_000)
            .await?
            .into_iter()
            .filter(|u| actor.can_reach_unit(u.id))
            .map(|u| (u.id, u.name, u.name_cy))
            .collect();
    let units: Vec<i64> = unit_names.iter().map(|u| u.0).collect();
    let reach: Option<BTreeSet<i64>> = actor
        .role
        .is_unit_scoped()
        .then(|| units.iter().copied().collect());
    let month_of = |ms: i64| month_key(local_date(ms, &tz));
    let (by_month, by_unit, total) = add_up(&rows, &keys, &month_of, reach.as_ref(), &units);
    let (hidden_below, _) = cairn_db::surveys::thresholds(&mut c, org).await?;
    Ok(Report {
        from,
        to,
        by_month,
        by_unit,
        unit_names,
        total,
        hidden_below,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_db::training::report::{ReportAttendance, ReportCompletion, ReportSession};

    fn rows() -> ReportRows {
        // Session 1 (month a): a peer and a professional trainer; a service user of unit 10
        // and a carer of unit 20 attend. Session 2 (month b): a professional trainer only;
        // the same service user attends.
        ReportRows {
            sessions: vec![
                ReportSession {
                    id: 1,
                    course_id: 5,
                    starts_at: 100,
                },
                ReportSession {
                    id: 2,
                    course_id: 5,
                    starts_at: 200,
                },
            ],
            parts: vec![
                (1, "peer_trainer".into()),
                (1, "professional_trainer".into()),
                (2, "professional_trainer".into()),
            ],
            attended: vec![
                ReportAttendance {
                    session_id: 1,
                    person_id: 7,
                    constituency: "service_user".into(),
                },
                ReportAttendance {
                    session_id: 1,
                    person_id: 8,
                    constituency: "carer".into(),
                },
                ReportAttendance {
                    session_id: 2,
                    person_id: 7,
                    constituency: "service_user".into(),
                },
            ],
            completions: vec![ReportCompletion {
                person_id: 8,
                issued_at: 200,
                credits: Some(3),
            }],
            units: vec![(7, 10), (8, 20)],
        }
    }

    fn month(ms: i64) -> String {
        if ms < 150 { "a".into() } else { "b".into() }
    }

    #[test]
    fn the_report_counts_sessions_attendance_completions_and_the_share_co_delivered_and_joint() {
        let months = vec!["a".to_owned(), "b".to_owned()];
        let (by_month, by_unit, total) = add_up(&rows(), &months, &month, None, &[10, 20]);
        assert_eq!(total.sessions, 2);
        assert_eq!(total.co_delivered, 1);
        assert_eq!(total.joint, 1);
        assert_eq!(total.co_delivered_percent(), Some(50));
        assert_eq!(total.attendances(), 3);
        assert_eq!(total.attended.get("service_user"), Some(&2));
        assert_eq!(total.learners, 2);
        assert_eq!((total.completions, total.credits), (1, 3));
        assert_eq!((by_month[0].sessions, by_month[0].joint), (1, 1));
        assert_eq!((by_month[1].sessions, by_month[1].co_delivered), (1, 0));
        assert_eq!(by_month[1].completions, 1);
        // Unit 10's service user went to both sessions; unit 20's carer to the first.
        assert_eq!((by_unit[0].sessions, by_unit[0].attendances()), (2, 2));
        assert_eq!((by_unit[1].sessions, by_unit[1].credits), (1, 3));
    }

    #[test]
    fn staff_of_some_units_see_only_sessions_and_people_of_their_units() {
        let months = vec!["a".to_owned(), "b".to_owned()];
        let reach: BTreeSet<i64> = [20].into();
        let (_, by_unit, total) = add_up(&rows(), &months, &month, Some(&reach), &[20]);
        // Only session 1 had someone of unit 20; the service user of unit 10 is not counted,
        // but the session is still joint (who attended decides that, not who may read it).
        assert_eq!(total.sessions, 1);
        assert_eq!(total.attendances(), 1);
        assert_eq!(total.joint, 1);
        assert_eq!(total.attended.get("service_user"), None);
        assert_eq!(by_unit.len(), 1);
        assert_eq!(total.completions, 1);
    }
}
