//! The playbook: each challenge of the paper's table with what helped, its signals worked out
//! for a unit from Cairn's own data, challenges raised and cleared as the signals fire and
//! stop, and the actions a lead takes on.
//!
//! Signals are worked out afresh whenever a unit's playbook is read, and for every unit by the
//! server's background sweep ([`sweep`]), so the lead's home and the dashboards read the raised
//! challenges from one small table. Raising and clearing happen in one transaction per unit;
//! two instances raising the same challenge at once leave one open row (a unique index).

use crate::audit::{Action as AuditAction, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::playbook as db;
use cairn_db::units::Unit;
use cairn_domain::Permission;
use cairn_domain::people::{BUDDY_DUE_DAYS, NEWCOMER_DAYS, buddy_in_time};
use cairn_domain::playbook::{
    ActionDraft, Challenge, NEAR_LIMIT_PERCENT, OwnChallengeDraft, SIGNALS, Signal,
    parse_threshold, signal, validate_note,
};
use cairn_domain::time::{local_date, parse_iso_date, time_zone};
use jiff::civil::Date;
use serde::Serialize;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// A quarter: 91 days.
const QUARTER_DAYS: i64 = 91;

/// What a signal's figure counts, for its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Person,
    Meeting,
    Suggestion,
    Claim,
}

/// One signal on one unit today.
#[derive(Debug, Clone, Serialize)]
pub struct SignalView {
    #[serde(skip)]
    pub signal: &'static Signal,
    pub value: i64,
    pub threshold: i64,
    pub fired: bool,
    /// What the figure counts, when it counts things; `ids` are shown only to those who may
    /// see them (people to those who may see the unit's people).
    pub item: Option<Item>,
    pub ids: Vec<i64>,
    /// People's names beside `ids`, for those allowed.
    pub names: Vec<String>,
    /// For members leaving: the exit reasons given, each with how many gave it.
    pub reasons: Vec<(String, i64)>,
}

/// One challenge on one unit.
#[derive(Debug, Clone, Serialize)]
pub struct ChallengeView {
    pub challenge: Challenge,
    pub raised: Option<db::Raised>,
    pub signals: Vec<SignalView>,
    pub actions: Vec<db::Action>,
}

/// A unit's playbook.
#[derive(Debug, Clone)]
pub struct UnitPlaybook {
    pub unit: Unit,
    pub challenges: Vec<ChallengeView>,
    pub history: Vec<db::Raised>,
    pub own: Vec<db::OwnChallenge>,
    /// Names of the actions' owners.
    pub owners: Vec<(i64, String)>,
    pub can_act: bool,
    pub sees_people: bool,
}

/// The organisation's thresholds: built-in defaults with its own changes.
async fn thresholds(c: &mut Conn<'_>, org: i64) -> AppResult<Vec<(&'static Signal, i64)>> {
    let own = db::thresholds(c, org).await?;
    Ok(SIGNALS
        .iter()
        .map(|s| {
            let t = own
                .iter()
                .find(|(k, _)| k == s.key)
                .map(|(_, t)| *t)
                .unwrap_or(s.default_threshold);
            (s, t)
        })
        .collect())
}

fn days_before(d: Date, days: i64) -> Date {
    d.checked_sub(jiff::Span::new().days(days)).unwrap_or(d)
}

/// A signal's raw figure on a unit: (value, what it counts, ids, exit reasons).
type Figure = (i64, Option<Item>, Vec<i64>, Vec<String>);

/// Works out one signal for a unit.
async fn figure(
    c: &mut Conn<'_>,
    s: &Signal,
    unit: i64,
    today: Date,
    now: i64,
    target_days: (i64, i64),
) -> AppResult<Figure> {
    let ids = |v: Vec<i64>, item| (v.len() as i64, Some(item), v, Vec::new());
    Ok(match s.key {
        "newcomers_without_buddy" => {
            let from = days_before(today, NEWCOMER_DAYS).to_string();
            let due_by = days_before(today, BUDDY_DUE_DAYS).to_string();
            let people: Vec<i64> =
                cairn_db::model::measures::newcomers(c, unit, &from, &today.to_string())
                    .await?
                    .into_iter()
                    .filter(|p| p.joined_on <= due_by)
                    .filter(|p| match parse_iso_date(&p.joined_on) {
                        Some(j) => {
                            !buddy_in_time(j, p.first_buddy_on.as_deref().and_then(parse_iso_date))
                        }
                        None => false,
                    })
                    .map(|p| p.person_id)
                    .collect();
            ids(people, Item::Person)
        }
        // First came 4 to 17 weeks ago: long enough to have come again, recent enough to act.
        "first_timers_not_back" => ids(
            db::first_timers_not_back(c, unit, now - 119 * DAY_MS, now - 28 * DAY_MS).await?,
            Item::Person,
        ),
        "no_link_person" => (
            i64::from(db::link_person(c, unit).await?.is_none()),
            None,
            Vec::new(),
            Vec::new(),
        ),
        "meetings_cancelled" => ids(
            db::meetings_cancelled(c, unit, now - QUARTER_DAYS * DAY_MS).await?,
            Item::Meeting,
        ),
        "overdue_actions" => ids(
            db::overdue_actions(c, unit, &today.to_string()).await?,
            Item::Meeting,
        ),
        "suggestions_unanswered" => ids(
            db::suggestions_unanswered(c, unit, now - target_days.0 * DAY_MS).await?,
            Item::Suggestion,
        ),
        "assessment_unchanged_days" => {
            let since = match db::assessment_changed_at(c, unit).await? {
                Some(at) => at,
                None => db::unit_created_at(c, unit).await?,
            };
            ((now - since).max(0) / DAY_MS, None, Vec::new(), Vec::new())
        }
        "carers_attendance_fall" => {
            let q = QUARTER_DAYS * DAY_MS;
            let (c_now, n_now) = db::carer_attendance(c, unit, now - q, now).await?;
            let (c_before, n_before) = db::carer_attendance(c, unit, now - 2 * q, now - q).await?;
            let share = |part: i64, whole: i64| {
                if whole == 0 {
                    None
                } else {
                    Some(part * 100 / whole)
                }
            };
            // A fall needs both quarters to have met: no meetings is another signal's matter.
            let fall = match (share(c_before, n_before), share(c_now, n_now)) {
                (Some(b), Some(a)) => (b - a).max(0),
                _ => 0,
            };
            (fall, None, Vec::new(), Vec::new())
        }
        "carers_share_of_members" => {
            let (carers, all) = db::active_members(c, unit).await?;
            // A unit with no service users or carers yet has no share to fall short of.
            let pct = if all == 0 { 100 } else { carers * 100 / all };
            (pct, None, Vec::new(), Vec::new())
        }
        "carers_members_fall" => {
            let before = days_before(today, QUARTER_DAYS).to_string();
            let (c_then, n_then) = db::members_on(c, unit, &before).await?;
            let (c_now, n_now) = db::members_on(c, unit, &today.to_string()).await?;
            let fall = if n_then == 0 || n_now == 0 {
                0
            } else {
                (c_then * 100 / n_then - c_now * 100 / n_now).max(0)
            };
            (fall, None, Vec::new(), Vec::new())
        }
        "claims_waiting" => ids(
            db::claims_waiting(c, unit, now - target_days.1 * DAY_MS).await?,
            Item::Claim,
        ),
        "near_benefit_limit" => {
            let mut near = Vec::new();
            for (person, period, limit) in db::people_with_limits(c, unit).await? {
                let from = if period == "week" {
                    days_before(today, i64::from(today.weekday().to_monday_zero_offset()))
                } else {
                    today.first_of_month()
                };
                let fees =
                    db::fees_between(c, person, &from.to_string(), &today.to_string()).await?;
                if limit > 0 && fees * 100 >= limit * NEAR_LIMIT_PERCENT {
                    near.push(person);
                }
            }
            ids(near, Item::Person)
        }
        "members_leaving" => {
            let from = days_before(today, QUARTER_DAYS).to_string();
            let people = db::members_leaving(c, unit, &from).await?;
            let reasons = db::exit_reasons(c, &people, &from).await?;
            (people.len() as i64, Some(Item::Person), people, reasons)
        }
        other => {
            return Err(AppError::Unexpected(format!(
                "signal {other} has no figure"
            )));
        }
    })
}

/// Every signal on a unit today with the organisation's thresholds.
async fn evaluate(
    c: &mut Conn<'_>,
    org: i64,
    unit: i64,
    now: i64,
) -> AppResult<Vec<(SignalView, Vec<String>)>> {
    let o = cairn_db::units::get_organisation(c, org).await?;
    let today = local_date(now, &time_zone(&o.time_zone));
    let payment_days: i64 = cairn_db::fetch_scalar!(
        c,
        i64,
        "SELECT payment_target_days FROM organisations WHERE id = $1",
        org
    )?;
    let targets = (o.feedback_target_days, payment_days);
    let mut out = Vec::new();
    for (s, threshold) in thresholds(c, org).await? {
        let (value, item, ids, reasons) = figure(c, s, unit, today, now, targets).await?;
        out.push((
            SignalView {
                signal: s,
                value,
                threshold,
                fired: s.fired(value, threshold),
                item,
                ids,
                names: Vec::new(),
                reasons: Vec::new(),
            },
            reasons,
        ));
    }
    Ok(out)
}

/// `key=value,…` of the fired signals, as stored on a raised challenge.
fn fired_text(signals: &[&SignalView]) -> String {
    signals
        .iter()
        .map(|s| format!("{}={}", s.signal.key, s.value))
        .collect::<Vec<_>>()
        .join(",")
}

/// Raises, keeps or clears each challenge on a unit from its signals, in one transaction.
async fn sync(app: &App, org: i64, unit: i64, signals: &[SignalView], now: i64) -> AppResult<()> {
    // Most reads change nothing: a write transaction is opened only when something will.
    let open = {
        let mut h = app.db.acquire().await?;
        db::open_on_unit(&mut h.conn(), unit).await?
    };
    let unchanged = Challenge::ALL.iter().all(|ch| {
        let fired: Vec<&SignalView> = signals
            .iter()
            .filter(|s| s.signal.challenge == *ch && s.fired)
            .collect();
        match open.iter().find(|r| r.challenge == ch.key()) {
            Some(r) => !fired.is_empty() && fired_text(&fired) == r.signals,
            None => fired.is_empty(),
        }
    });
    if unchanged {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    // Read again inside the transaction: another instance may have raised or cleared since.
    let open = db::open_on_unit(c, unit).await?;
    for ch in Challenge::ALL {
        let fired: Vec<&SignalView> = signals
            .iter()
            .filter(|s| s.signal.challenge == *ch && s.fired)
            .collect();
        let current = open.iter().find(|r| r.challenge == ch.key());
        match (fired.is_empty(), current) {
            (false, None) => db::raise(c, org, unit, ch.key(), &fired_text(&fired), now).await?,
            (false, Some(r)) => {
                let text = fired_text(&fired);
                if text != r.signals {
                    db::update_signals(c, r.id, &text).await?;
                }
            }
            (true, Some(r)) => db::clear(c, r.id, now).await?,
            (true, None) => {}
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Works out a unit's signals and brings its raised challenges up to date.
pub async fn refresh_unit(app: &App, org: i64, unit: i64) -> AppResult<Vec<SignalView>> {
    let now = app.now();
    let evaluated = {
        let mut h = app.db.acquire().await?;
        evaluate(&mut h.conn(), org, unit, now).await?
    };
    let signals: Vec<SignalView> = evaluated
        .into_iter()
        .map(|(mut s, reasons)| {
            s.reasons = count_reasons(&reasons);
            s
        })
        .collect();
    sync(app, org, unit, &signals, now).await?;
    Ok(signals)
}

/// Exit reasons (each exit a comma-separated list of keys) counted, most given first.
fn count_reasons(rows: &[String]) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for key in rows.iter().flat_map(|r| r.split(',')).map(str::trim) {
        if key.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += 1,
            None => out.push((key.to_owned(), 1)),
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Brings every unit of every organisation up to date (the server's background sweep, and
/// the demo). Returns how many units were looked at.
pub async fn sweep(app: &App) -> AppResult<usize> {
    let units: Vec<(i64, i64)> = {
        let mut h = app.db.acquire().await?;
        cairn_db::fetch_all!(
            &mut h.conn(),
            (i64, i64),
            "SELECT organisation_id, id FROM units ORDER BY organisation_id, id"
        )?
    };
    for (org, unit) in &units {
        refresh_unit(app, *org, *unit).await?;
    }
    Ok(units.len())
}

async fn reach_unit(c: &mut Conn<'_>, actor: &Actor, org: i64, unit: i64) -> AppResult<Unit> {
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    Ok(cairn_db::units::get_unit(c, org, unit).await?)
}

/// A unit's playbook: every challenge with its signals today, whether it is raised, its
/// actions, and the unit's history. The people behind a figure are named only to those who
/// may see the unit's people, and each read of them is audited.
pub async fn unit(app: &App, actor: &Actor, unit_id: i64) -> AppResult<UnitPlaybook> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let unit = {
        let mut h = app.db.acquire().await?;
        reach_unit(&mut h.conn(), actor, org, unit_id).await?
    };
    let mut signals = refresh_unit(app, org, unit_id).await?;
    let sees_people = actor.can(Permission::ViewPeople);
    let sees_items = actor.can(Permission::ManageAssessments);
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let mut named: Vec<i64> = Vec::new();
    for s in &mut signals {
        match s.item {
            Some(Item::Person) if sees_people => {
                let names = cairn_db::people::names(c, org, &s.ids).await?;
                s.names = s
                    .ids
                    .iter()
                    .map(|id| {
                        names
                            .iter()
                            .find(|(p, _)| p == id)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                named.extend(&s.ids);
            }
            Some(Item::Person) => s.ids.clear(),
            Some(_) if !sees_items => s.ids.clear(),
            _ => {}
        }
        // Exit reasons are counts, but a handful from one unit could point at a leaver.
        if !sees_people {
            s.reasons.clear();
        }
    }
    let open = db::open_on_unit(c, unit_id).await?;
    let actions = db::unit_actions(c, unit_id, 200).await?;
    let challenges = Challenge::ALL
        .iter()
        .map(|ch| ChallengeView {
            challenge: *ch,
            raised: open.iter().find(|r| r.challenge == ch.key()).cloned(),
            signals: signals
                .iter()
                .filter(|s| s.signal.challenge == *ch)
                .cloned()
                .collect(),
            actions: actions
                .iter()
                .filter(|a| a.challenge == ch.key())
                .cloned()
                .collect(),
        })
        .collect();
    let history = db::history(c, unit_id, 50).await?;
    let own = db::own_challenges(c, org).await?;
    let can_act = actor.can(Permission::ManageAssessments);
    let mut owner_ids: Vec<i64> = actions.iter().filter_map(|a| a.owner_person_id).collect();
    owner_ids.sort_unstable();
    owner_ids.dedup();
    let owners = cairn_db::people::names(c, org, &owner_ids).await?;
    drop(h);
    named.sort_unstable();
    named.dedup();
    crate::audit::record_read(app, actor, org, "playbook", unit_id, &named).await?;
    Ok(UnitPlaybook {
        unit,
        challenges,
        history,
        own,
        owners,
        can_act,
        sees_people,
    })
}

/// Who an action on a unit may be given to: the unit's own active people, as for a
/// practice's owner.
pub async fn owner_choices(
    app: &App,
    actor: &Actor,
    unit_id: i64,
) -> AppResult<Vec<(i64, String)>> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    reach_unit(c, actor, org, unit_id).await?;
    Ok(cairn_db::people::list(
        c,
        org,
        &cairn_db::people::PeopleQuery {
            unit_id: Some(unit_id),
            status: Some(cairn_domain::people::PersonStatus::Active),
            limit: 500,
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .map(|p| (p.id, p.chosen_name))
    .collect())
}

/// Every open challenge the actor can see, with its unit's name, oldest first (the lead's
/// home and the dashboards). Read from the table the sweep keeps, not worked out here.
pub async fn raised(app: &App, actor: &Actor) -> AppResult<Vec<(db::Raised, String)>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let open = db::open_in_organisation(c, org).await?;
    let units = cairn_db::units::list_units(c, org, None, None, 10_000).await?;
    Ok(open
        .into_iter()
        .filter(|r| actor.can_reach_unit(r.unit_id))
        .filter_map(|r| {
            let name = units.iter().find(|u| u.id == r.unit_id)?.name.clone();
            Some((r, name))
        })
        .collect())
}

/// The organisation's thresholds, for the playbook page and the API.
pub async fn signal_thresholds(app: &App, actor: &Actor) -> AppResult<Vec<(&'static Signal, i64)>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    thresholds(&mut h.conn(), org).await
}

/// The organisation's own challenges.
pub async fn own_challenges(app: &App, actor: &Actor) -> AppResult<Vec<db::OwnChallenge>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::own_challenges(&mut h.conn(), org).await?)
}

/// Changes the organisation's threshold for a signal (the lead).
pub async fn set_threshold(app: &App, actor: &Actor, key: &str, raw: &str) -> AppResult<()> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let s = signal(key).ok_or(AppError::NotFound)?;
    let threshold = parse_threshold(s, raw)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    db::set_threshold(c, org, s.key, threshold, &actor.label, now).await?;
    record(
        c,
        actor,
        Some(org),
        AuditAction::Update,
        "playbook_threshold",
        None,
        None::<&()>,
        Some(&serde_json::json!({"signal": s.key, "threshold": threshold})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an organisation's own challenge with its advice (the lead).
pub async fn add_own_challenge(app: &App, actor: &Actor, d: &OwnChallengeDraft) -> AppResult<i64> {
    require(actor, Permission::ManageReports)?;
    let org = org_of(actor)?;
    let d = d.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let id = db::insert_own_challenge(c, org, &d, &actor.label, now).await?;
    record(
        c,
        actor,
        Some(org),
        AuditAction::Create,
        "playbook_challenge",
        Some(id),
        None::<&()>,
        Some(&serde_json::json!({"title_en": d.title_en, "title_cy": d.title_cy})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Takes on an action for a challenge on a unit: tied to the raised challenge when it is
/// open, else kept against the challenge (a lead may act before a signal fires).
pub async fn add_action(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    challenge: &str,
    d: &ActionDraft,
) -> AppResult<i64> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    let ch = Challenge::parse(challenge).ok_or(AppError::NotFound)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    // A unit out of reach is not found, whatever was typed.
    reach_unit(c, actor, org, unit_id).await?;
    let f = d.validate()?;
    if let Some(owner) = f.owner_person_id
        && cairn_db::people::names(c, org, &[owner]).await?.is_empty()
    {
        let mut e = cairn_domain::FieldErrors::new();
        e.add("owner_person_id", "playbook-error-owner");
        return Err(e.into());
    }
    let raised_id = db::open_on_unit(c, unit_id)
        .await?
        .into_iter()
        .find(|r| r.challenge == ch.key())
        .map(|r| r.id);
    let id = db::insert_action(
        c,
        org,
        &db::NewAction {
            unit: unit_id,
            challenge: ch.key(),
            raised_id,
            text: &f.text,
            owner_person_id: f.owner_person_id,
            due_on: &f.due_on.to_string(),
        },
        &actor.label,
        now,
    )
    .await?;
    record(
        c,
        actor,
        Some(org),
        AuditAction::Create,
        "playbook_action",
        Some(id),
        None::<&()>,
        Some(&serde_json::json!({"unit_id": unit_id, "challenge": ch.key(), "due_on": f.due_on.to_string()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One action, for the page that closes it.
pub async fn action(app: &App, actor: &Actor, id: i64) -> AppResult<db::Action> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let a = db::get_action(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    reach_unit(c, actor, org, a.unit_id).await?;
    Ok(a)
}

/// Closes an action with a note saying what was done.
pub async fn close_action(app: &App, actor: &Actor, id: i64, note: &str) -> AppResult<i64> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let a = db::get_action(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    reach_unit(c, actor, org, a.unit_id).await?;
    let note = validate_note(note)?;
    if !db::close_action(c, id, &note, &actor.label, now).await? {
        return Err(AppError::Conflict("playbook-error-closed"));
    }
    record(
        c,
        actor,
        Some(org),
        AuditAction::Update,
        "playbook_action",
        Some(id),
        None::<&()>,
        Some(&serde_json::json!({"closed": true})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(a.unit_id)
}

#[cfg(test)]
mod tests {
    use super::count_reasons;

    #[test]
    fn exit_reasons_are_counted_most_given_first() {
        let rows = vec![
            "health,time".to_owned(),
            "time".to_owned(),
            String::new(),
            "moved, time".to_owned(),
        ];
        assert_eq!(
            count_reasons(&rows),
            vec![
                ("time".to_owned(), 3),
                ("health".to_owned(), 1),
                ("moved".to_owned(), 1)
            ]
        );
    }
}
