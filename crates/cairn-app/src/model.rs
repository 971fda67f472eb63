//! The co-production model at work: each organisation's versioned copy of the template, units'
//! self-assessments with history, baselines and rounds, level progress, the ladder, and live
//! measures computed from what Cairn itself holds.
//!
//! Every organisation gets the built-in template the first time its model is used (version 1).
//! Each reword, addition or retirement is a new version; every status records the version it
//! was made under, and every round the version it was taken with.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::model::{Assessment, HistoryEntry, NewPractice, Practice, Round};
use cairn_db::units::{Organisation, Unit};
use cairn_domain::model::{
    AssessmentDraft, Ladder, LevelProgress, PracticeDraft, Rag, Status, TEMPLATE, ladder,
    level_progress,
};
use cairn_domain::translation::Bilingual;
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

/// Copies the built-in template into the organisation's model if it has none yet.
pub(crate) async fn ensure_model(
    c: &mut Conn<'_>,
    org: i64,
    actor: &str,
    now: i64,
) -> AppResult<()> {
    if cairn_db::model::count_practices(c, org).await? > 0 {
        return Ok(());
    }
    cairn_db::model::lock_organisation(c, org).await?;
    if cairn_db::model::count_practices(c, org).await? > 0 {
        return Ok(());
    }
    for (i, t) in TEMPLATE.iter().enumerate() {
        let p = NewPractice {
            code: t.code,
            level: t.level,
            position: i64::try_from(i).unwrap_or(0),
            title_en: t.en,
            title_cy: t.cy,
            shows_en: t.shows_en,
            shows_cy: t.shows_cy,
            built_in: true,
            version: 1,
        };
        cairn_db::model::insert_practice(c, org, &p, now).await?;
    }
    cairn_db::model::insert_change(c, org, 1, None, "template", None, None, now, actor).await?;
    Ok(())
}

/// Makes sure the template is there, in its own short transaction (reads then see it).
async fn ensure(app: &App, org: i64, actor: &Actor) -> AppResult<()> {
    // Practices are retired, never deleted: once this instance has seen them, every later page
    // can skip the check.
    if app.model_in_place(org) {
        return Ok(());
    }
    let needed = {
        let mut h = app.db.acquire().await?;
        cairn_db::model::count_practices(&mut h.conn(), org).await? == 0
    };
    if needed {
        let mut tx = app.db.begin().await?;
        ensure_model(&mut tx.conn(), org, &actor.label, app.now()).await?;
        tx.commit().await?;
    }
    app.note_model_in_place(org);
    Ok(())
}

/// The organisation's model as it stands.
#[derive(Debug, Clone)]
pub struct Model {
    pub version: i64,
    pub threshold_percent: i64,
    pub publish_assessments: bool,
    pub practices: Vec<Practice>,
    pub changes: Vec<cairn_db::model::ModelChange>,
}

/// Reads the organisation's model (any role of the organisation).
pub async fn model(app: &App, actor: &Actor) -> AppResult<Model> {
    require(actor, Permission::ViewModel)?;
    let org = org_of(actor)?;
    ensure(app, org, actor).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let o = cairn_db::units::get_organisation(c, org).await?;
    Ok(Model {
        version: cairn_db::model::current_version(c, org).await?,
        threshold_percent: o.model_threshold_percent,
        publish_assessments: o.publish_assessments,
        practices: cairn_db::model::list_practices(c, org).await?,
        changes: cairn_db::model::list_changes(c, org, 20).await?,
    })
}

/// Adds a practice to the organisation's model; returns its code.
pub async fn add_practice(app: &App, actor: &Actor, draft: &PracticeDraft) -> AppResult<String> {
    require(actor, Permission::ManageModel)?;
    let org = org_of(actor)?;
    let f = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let all = cairn_db::model::list_practices(&mut tx.conn(), org).await?;
    let codes: Vec<String> = all.iter().map(|p| p.code.clone()).collect();
    let code = cairn_domain::model::next_code(f.level, &codes);
    let position = all.iter().map(|p| p.position).max().unwrap_or(0) + 1;
    let version = cairn_db::model::current_version(&mut tx.conn(), org).await? + 1;
    let p = NewPractice {
        code: &code,
        level: f.level,
        position,
        title_en: &f.title_en,
        title_cy: &f.title_cy,
        shows_en: "Self-assessed, with evidence",
        shows_cy: "Hunanasesiad, gyda thystiolaeth",
        built_in: false,
        version,
    };
    let id = cairn_db::model::insert_practice(&mut tx.conn(), org, &p, now).await?;
    cairn_db::model::insert_change(
        &mut tx.conn(),
        org,
        version,
        Some(&code),
        "add",
        Some(&f.title_en),
        Some(&f.title_cy),
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(&mut tx.conn(), actor, Some(org), Action::Create, "practice", Some(id), None, Some(&serde_json::json!({"code": code, "level": f.level, "title_en": f.title_en, "title_cy": f.title_cy, "version": version})), None, now).await?;
    tx.commit().await?;
    Ok(code)
}

async fn practice_by_code(c: &mut Conn<'_>, org: i64, code: &str) -> AppResult<Practice> {
    cairn_db::model::find_practice(c, org, code)
        .await?
        .ok_or(AppError::NotFound)
}

/// Rewords a practice (the level stays as it is).
pub async fn reword_practice(
    app: &App,
    actor: &Actor,
    code: &str,
    draft: &PracticeDraft,
) -> AppResult<()> {
    require(actor, Permission::ManageModel)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let before = practice_by_code(&mut tx.conn(), org, code).await?;
    let draft = PracticeDraft {
        level: before.level.to_string(),
        ..draft.clone()
    };
    let f = draft.validate()?;
    if before.retired_in_version.is_some() {
        return Err(AppError::Conflict("model-error-retired"));
    }
    let version = cairn_db::model::current_version(&mut tx.conn(), org).await? + 1;
    cairn_db::model::reword_practice(&mut tx.conn(), before.id, &f.title_en, &f.title_cy, now)
        .await?;
    cairn_db::model::insert_change(
        &mut tx.conn(),
        org,
        version,
        Some(code),
        "reword",
        Some(&f.title_en),
        Some(&f.title_cy),
        now,
        &actor.label,
    )
    .await?;
    record(&mut tx.conn(), actor, Some(org), Action::Update, "practice", Some(before.id), Some(&before), Some(&serde_json::json!({"title_en": f.title_en, "title_cy": f.title_cy, "version": version})), None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Retires a practice: it stays in the history and past rounds, and leaves current progress.
pub async fn retire_practice(app: &App, actor: &Actor, code: &str) -> AppResult<()> {
    require(actor, Permission::ManageModel)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let p = practice_by_code(&mut tx.conn(), org, code).await?;
    let version = cairn_db::model::current_version(&mut tx.conn(), org).await? + 1;
    if !cairn_db::model::retire_practice(&mut tx.conn(), p.id, version, now).await? {
        return Err(AppError::Conflict("model-error-retired"));
    }
    cairn_db::model::insert_change(
        &mut tx.conn(),
        org,
        version,
        Some(code),
        "retire",
        None,
        None,
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "practice",
        Some(p.id),
        None,
        Some(&serde_json::json!({"code": code, "retired_in_version": version})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the threshold for reaching a level and whether members see assessments.
pub async fn set_settings(
    app: &App,
    actor: &Actor,
    threshold: &str,
    publish: bool,
) -> AppResult<()> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let threshold = cairn_domain::model::parse_threshold(threshold)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::model::set_settings(&mut tx.conn(), org, threshold, publish, now).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "model_settings",
        Some(org),
        None,
        Some(&serde_json::json!({"threshold": threshold, "publish": publish})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One practice as it stands on a unit.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub practice: Practice,
    pub status: Status,
    pub rag: Rag,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub owner_person_id: Option<i64>,
    pub owner_name: Option<String>,
    pub target_on: Option<String>,
    pub review_on: Option<String>,
    pub updated_at: Option<i64>,
    pub updated_by: Option<String>,
    /// The model version the status was recorded under.
    pub model_version: Option<i64>,
    /// Status at the baseline and at the last closed round, when there is one.
    pub at_baseline: Option<Status>,
    pub at_last_round: Option<Status>,
    pub measure: Option<MeasureView>,
}

/// A live measure beside a self-assessed status.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    /// Fluent id of the sentence, with `count` as its argument.
    pub message_id: &'static str,
    pub count: i64,
    /// True when the data and the self-assessed status disagree.
    pub disagrees: bool,
    /// For a share, what it was taken of (its denominator).
    pub of: Option<i64>,
    /// Set when the figure is not shown to this reader because it counts too few people
    /// (`cairn_domain::reports::live::hide`): the organisation's smallest count shown.
    pub hidden_below: Option<i64>,
}

impl MeasureView {
    fn new(message_id: &'static str, count: i64, disagrees: bool) -> Self {
        MeasureView {
            message_id,
            count,
            disagrees,
            of: None,
            hidden_below: None,
        }
    }

    /// The same figure as a share of `whole`.
    fn of(self, whole: i64) -> Self {
        MeasureView {
            of: Some(whole),
            ..self
        }
    }
}

/// A unit's whole self-assessment.
#[derive(Debug, Clone)]
pub struct UnitAssessment {
    pub unit: Unit,
    pub organisation: Organisation,
    pub model_version: i64,
    pub items: Vec<ItemView>,
    pub levels: Vec<LevelProgress>,
    pub ladder: Ladder,
    pub baseline: Option<(Round, Vec<LevelProgress>)>,
    pub last_round: Option<(Round, Vec<LevelProgress>)>,
    /// Level percentages at each closed round, oldest first.
    pub over_time: Vec<(Round, [i64; 3])>,
}

async fn can_view_unit(
    app: &App,
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    unit: i64,
) -> AppResult<(Unit, std::sync::Arc<Organisation>)> {
    let o = crate::cache::organisation(c, org).await?;
    let published_to_member = actor.role == cairn_domain::Role::Member && o.publish_assessments;
    if !actor.can(Permission::ViewAssessments) && !published_to_member {
        return Err(AppError::Forbidden);
    }
    if !actor.can_reach_unit(unit) {
        return Err(AppError::NotFound);
    }
    // A member sees only the units they belong to, even when assessments are published.
    if !actor.can(Permission::ViewAssessments) {
        let mine = match actor.person_id {
            Some(p) => cairn_db::people::unit_ids(c, p).await?,
            None => Vec::new(),
        };
        if !mine.contains(&unit) {
            return Err(AppError::NotFound);
        }
    }
    let u = crate::cache::unit(app, c, org, unit).await?;
    Ok((u, o))
}

fn progress_of(
    practices: &[Practice],
    status_of: impl Fn(&Practice) -> Option<Status>,
    threshold: i64,
) -> Vec<LevelProgress> {
    (1..=3)
        .map(|level| {
            let statuses: Vec<Status> = practices
                .iter()
                .filter(|p| p.level == level && p.retired_in_version.is_none())
                .map(|p| status_of(p).unwrap_or(Status::NotStarted))
                .collect();
            level_progress(level, &statuses, threshold)
        })
        .collect()
}

fn snapshot_progress(
    snap: &[(i64, String)],
    practices: &[Practice],
    threshold: i64,
) -> Vec<LevelProgress> {
    (1..=3)
        .map(|level| {
            let statuses: Vec<Status> = snap
                .iter()
                .filter(|(pid, _)| practices.iter().any(|p| p.id == *pid && p.level == level))
                .filter_map(|(_, s)| Status::parse(s))
                .collect();
            level_progress(level, &statuses, threshold)
        })
        .collect()
}

/// A level's progress from counts rather than statuses: `in_place`, `na` (not applicable) and
/// `amber` (planned or in progress) of `total` practices, the rest not started. Also returns
/// the Red/Amber/Green/not-applicable counts, in that order.
fn counted_progress(
    level: i64,
    in_place: i64,
    na: i64,
    amber: i64,
    total: i64,
    threshold: i64,
) -> (LevelProgress, [i64; 4]) {
    let red = (total - in_place - na - amber).max(0);
    let mut statuses = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    for (status, n) in [
        (Status::InPlace, in_place),
        (Status::NotApplicable, na),
        (Status::InProgress, amber),
        (Status::NotStarted, red),
    ] {
        statuses.extend(std::iter::repeat_n(status, usize::try_from(n).unwrap_or(0)));
    }
    (
        level_progress(level, &statuses, threshold),
        [red, amber, in_place, na],
    )
}

/// A unit's self-assessment with progress, ladder, changes and measures.
pub async fn unit_assessment(app: &App, actor: &Actor, unit_id: i64) -> AppResult<UnitAssessment> {
    let org = org_of(actor)?;
    let now = app.now();
    ensure(app, org, actor).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let (unit, organisation) = can_view_unit(app, c, actor, org, unit_id).await?;
    let model = crate::cache::model(app, c, org).await?;
    let (practices, version, rounds) = (&model.practices, model.version, &model.rounds);
    let current = cairn_db::model::for_unit(c, org, unit_id).await?;
    let baseline = rounds
        .iter()
        .filter(|r| r.kind == "baseline" && r.closed_at.is_some())
        // A baseline taken again later replaces the earlier one as the comparison.
        .max_by_key(|r| (r.closed_at, r.id))
        .cloned();
    let last_round = rounds
        .iter()
        .filter(|r| r.closed_at.is_some())
        .max_by_key(|r| (r.closed_at, r.id))
        .cloned();
    // Both snapshots in one read; ids are never negative, so -1 matches no round.
    let id_of = |r: &Option<Round>| r.as_ref().map_or(-1, |r| r.id);
    let snaps =
        cairn_db::model::snapshots_for_unit(c, unit_id, id_of(&baseline), id_of(&last_round))
            .await?;
    let snap_of = |round: i64| -> Vec<(i64, String)> {
        snaps
            .iter()
            .filter(|(r, ..)| *r == round)
            .map(|(_, p, s)| (*p, s.clone()))
            .collect()
    };
    let baseline_snap = snap_of(id_of(&baseline));
    let last_snap = snap_of(id_of(&last_round));
    let mut owner_ids: Vec<i64> = current.iter().filter_map(|a| a.owner_person_id).collect();
    owner_ids.sort_unstable();
    owner_ids.dedup();
    let people = cairn_db::people::names(c, org, &owner_ids).await?;
    let threshold = organisation.model_threshold_percent;
    let find = |p: &Practice| current.iter().find(|a| a.practice_id == p.id);
    let at = crate::model::measures::At {
        organisation: org,
        unit: unit_id,
        today: cairn_domain::time::local_date(
            now,
            &cairn_domain::time::time_zone(&organisation.time_zone),
        ),
        now,
    };
    let facts = crate::model::measures::facts(c, &at).await?;
    // Those who may not see the unit's people (the board, members) see a small count of
    // people as "fewer than" the organisation's rule, as every other report does.
    let hide_below = if actor.role.allows(Permission::ViewPeople) {
        None
    } else {
        Some(cairn_domain::surveys::suppression::Thresholds::new(
            cairn_db::surveys::thresholds(c, org).await?.0,
            0,
        ))
    };
    let mut items = Vec::new();
    for p in practices.iter().filter(|p| p.retired_in_version.is_none()) {
        let a: Option<&Assessment> = find(p);
        let status = a.map(|a| a.status).unwrap_or(Status::NotStarted);
        let measure = crate::model::measures::for_practice(&p.code, &at, &facts, status).map(|m| {
            match (hide_below, cairn_domain::reports::live::live(&p.code)) {
                (Some(rule), Some(live))
                    if cairn_domain::reports::live::hide(live, m.count, m.of, rule.min_count) =>
                {
                    // The figure itself is dropped, so no page, CSV or answer can carry it.
                    MeasureView {
                        count: 0,
                        of: None,
                        hidden_below: Some(rule.min_count),
                        ..m
                    }
                }
                _ => m,
            }
        });
        items.push(ItemView {
            practice: p.clone(),
            status,
            rag: status.rag(),
            reason: a.and_then(|a| a.reason.clone()),
            evidence: a.and_then(|a| a.evidence.clone()),
            owner_person_id: a.and_then(|a| a.owner_person_id),
            owner_name: a
                .and_then(|a| a.owner_person_id)
                .and_then(|id| people.iter().find(|x| x.0 == id).map(|x| x.1.clone())),
            target_on: a.and_then(|a| a.target_on.clone()),
            review_on: a.and_then(|a| a.review_on.clone()),
            updated_at: a.map(|a| a.updated_at),
            updated_by: a.map(|a| a.updated_by_label.clone()),
            model_version: a.map(|a| a.model_version),
            at_baseline: baseline_snap
                .iter()
                .find(|(pid, _)| *pid == p.id)
                .and_then(|(_, s)| Status::parse(s)),
            at_last_round: last_snap
                .iter()
                .find(|(pid, _)| *pid == p.id)
                .and_then(|(_, s)| Status::parse(s)),
            measure,
        });
    }
    let levels = progress_of(practices, |p| find(p).map(|a| a.status), threshold);
    let ladder = ladder(&levels);
    let baseline = baseline.map(|r| (r, snapshot_progress(&baseline_snap, practices, threshold)));
    let last_round = last_round.map(|r| (r, snapshot_progress(&last_snap, practices, threshold)));
    let counts = cairn_db::model::unit_round_level_counts(c, unit_id).await?;
    let mut closed: Vec<Round> = rounds
        .iter()
        .filter(|r| r.closed_at.is_some())
        .cloned()
        .collect();
    closed.sort_by_key(|r| (r.closed_at, r.id));
    let over_time = closed
        .into_iter()
        .map(|r| {
            let round = counts.iter().find(|c| c.round_id == r.id);
            let pct = [1, 2, 3].map(|level| {
                let (in_place, na, amber, total) =
                    round.map(|c| c.counts.level(level)).unwrap_or_default();
                counted_progress(level, in_place, na, amber, total, threshold)
                    .0
                    .percent
            });
            (r, pct)
        })
        .collect();
    Ok(UnitAssessment {
        unit,
        organisation: std::sync::Arc::unwrap_or_clone(organisation),
        model_version: version,
        items,
        levels,
        ladder,
        baseline,
        last_round,
        over_time,
    })
}

/// Just a unit's level progress and ladder (API and unit page).
pub async fn unit_progress(
    app: &App,
    actor: &Actor,
    unit_id: i64,
) -> AppResult<(Vec<LevelProgress>, Ladder)> {
    let org = org_of(actor)?;
    ensure(app, org, actor).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let (_, organisation) = can_view_unit(app, c, actor, org, unit_id).await?;
    let model = crate::cache::model(app, c, org).await?;
    let current = cairn_db::model::for_unit(c, org, unit_id).await?;
    let levels = progress_of(
        &model.practices,
        |p| {
            current
                .iter()
                .find(|a| a.practice_id == p.id)
                .map(|a| a.status)
        },
        organisation.model_threshold_percent,
    );
    let l = ladder(&levels);
    Ok((levels, l))
}

/// One practice on one unit, with its history.
#[derive(Debug, Clone)]
pub struct PracticeOnUnit {
    pub unit: Unit,
    pub item: ItemView,
    pub history: Vec<HistoryEntry>,
    pub owners: Vec<(i64, String)>,
    pub can_change: bool,
}

/// A practice's page for a unit.
pub async fn practice_on_unit(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    code: &str,
) -> AppResult<PracticeOnUnit> {
    let whole = unit_assessment(app, actor, unit_id).await?;
    let item = whole
        .items
        .into_iter()
        .find(|i| i.practice.code == code)
        .ok_or(AppError::NotFound)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let history = cairn_db::model::history(c, unit_id, item.practice.id, 200).await?;
    let owners = cairn_db::people::list(
        c,
        org,
        // Owners are chosen from the unit's own active people.
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
    .collect();
    let can_change = actor.can(Permission::ManageAssessments) && actor.can_reach_unit(unit_id);
    Ok(PracticeOnUnit {
        unit: whole.unit,
        item,
        history,
        owners,
        can_change,
    })
}

/// Records a unit's status on a practice, with its history row and audit row.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    code: &str,
    draft: &AssessmentDraft,
) -> AppResult<()> {
    require(actor, Permission::ManageAssessments)?;
    let org = org_of(actor)?;
    if !actor.can_reach_unit(unit_id) {
        return Err(AppError::NotFound);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    cairn_db::units::get_unit(&mut tx.conn(), org, unit_id).await?;
    let p = practice_by_code(&mut tx.conn(), org, code).await?;
    if p.retired_in_version.is_some() {
        return Err(AppError::Conflict("model-error-retired"));
    }
    let f = draft.validate()?;
    if let Some(owner) = f.owner_person_id
        && cairn_db::people::get(&mut tx.conn(), org, owner)
            .await
            .is_err()
    {
        let mut e = FieldErrors::new();
        e.add("owner_person_id", "model-error-owner");
        return Err(e.into());
    }
    let version = cairn_db::model::current_version(&mut tx.conn(), org).await?;
    let before = cairn_db::model::for_unit(&mut tx.conn(), org, unit_id)
        .await?
        .into_iter()
        .find(|a| a.practice_id == p.id);
    cairn_db::model::set(
        &mut tx.conn(),
        org,
        unit_id,
        p.id,
        &f,
        version,
        now,
        &actor.label,
    )
    .await?;
    let after = serde_json::json!({
        "unit_id": unit_id, "code": code, "status": f.status.key(), "reason": f.reason, "evidence": f.evidence,
        "owner_person_id": f.owner_person_id, "target_on": f.target_on.map(|d| d.to_string()), "review_on": f.review_on.map(|d| d.to_string()),
        "model_version": version,
    });
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "assessment",
        Some(p.id),
        before.as_ref(),
        Some(&after),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a baseline: a dated snapshot of every unit, closed at once.
pub async fn take_baseline(app: &App, actor: &Actor, name: impl Into<Bilingual>) -> AppResult<i64> {
    let id = open_round(app, actor, "baseline", name).await?;
    close_round(app, actor, id).await?;
    Ok(id)
}

/// Opens an assessment round (quarterly or on demand), named in English, Welsh or both.
pub async fn open_round(
    app: &App,
    actor: &Actor,
    kind: &str,
    name: impl Into<Bilingual>,
) -> AppResult<i64> {
    require(actor, Permission::ManageRounds)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let name: Bilingual = name.into();
    if name.is_empty() {
        e.add("name", "model-error-round-name");
    }
    name.check(&mut e, "name", 120, "model-error-round-name-long");
    if !matches!(kind, "baseline" | "round") {
        e.add("kind", "model-error-round-kind");
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let version = cairn_db::model::current_version(&mut tx.conn(), org).await?;
    let id = cairn_db::model::insert_round(
        &mut tx.conn(),
        org,
        kind,
        (name.en.as_deref().unwrap_or_default(), name.cy.as_deref()),
        version,
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "assessment_round",
        Some(id),
        None,
        Some(&serde_json::json!({"kind": kind, "name": name.en, "name_cy": name.cy, "model_version": version})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Closes a round, freezing every unit's statuses. Only someone other than a unit's own staff
/// may close it (the lead or an administrator); once closed it never changes.
pub async fn close_round(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    require(actor, Permission::ManageRounds)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let round = cairn_db::model::get_round(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if round.closed_at.is_some()
        || !cairn_db::model::close_round(&mut tx.conn(), org, id, now, &actor.label).await?
    {
        return Err(AppError::Conflict("model-error-round-closed"));
    }
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "assessment_round",
        Some(id),
        Some(&round),
        Some(&serde_json::json!({"closed_at": now})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The organisation's rounds.
pub async fn rounds(app: &App, actor: &Actor) -> AppResult<Vec<Round>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::model::list_rounds(&mut h.conn(), org).await?)
}

/// One unit's row in the service-wide view.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub unit: Unit,
    pub levels: Vec<LevelProgress>,
    pub ladder: Ladder,
    pub baseline: Option<Vec<LevelProgress>>,
}

/// A practice that is overdue or due for review.
#[derive(Debug, Clone)]
pub struct DueItem {
    pub unit: Unit,
    pub practice: Practice,
    pub status: Status,
    pub target_on: Option<Date>,
    pub review_on: Option<Date>,
    pub overdue: bool,
}

/// The service-wide view.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub rows: Vec<UnitRow>,
    pub due: Vec<DueItem>,
    /// RAG counts per level across the organisation now: (level, red, amber, green, n/a).
    pub rag_counts: Vec<(i64, i64, i64, i64, i64)>,
    pub baseline: Option<Round>,
}

/// For the cross-walk on the service view: each practice code with how many units in the
/// reader's reach have it in place, and how many it applies to.
pub async fn in_place_by_code(app: &App, actor: &Actor) -> AppResult<Vec<(String, i64, i64)>> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let units: Vec<i64> = crate::cache::units(app, c, org)
        .await?
        .iter()
        .map(|u| u.id)
        .filter(|u| actor.can_reach_unit(*u))
        .collect();
    let rows = cairn_db::model::statuses_by_code(c, org).await?;
    let model = crate::cache::model(app, c, org).await?;
    Ok(model
        .practices
        .iter()
        .filter(|p| p.retired_in_version.is_none())
        .map(|p| {
            let mine = rows
                .iter()
                .filter(|(u, code, _)| *code == p.code && units.contains(u));
            let in_place = mine.clone().filter(|(_, _, s)| s == "in_place").count() as i64;
            let not_applicable = mine.filter(|(_, _, s)| s == "not_applicable").count() as i64;
            (
                p.code.clone(),
                in_place,
                units.len() as i64 - not_applicable,
            )
        })
        .collect())
}

/// How far ahead "due for review" looks.
pub const REVIEW_WINDOW_DAYS: i32 = 14;

/// Units by name (never ranked), with overdue and due practices and change since the baseline.
pub async fn service_view(app: &App, actor: &Actor, today: Date) -> AppResult<ServiceView> {
    require(actor, Permission::ViewAssessments)?;
    let org = org_of(actor)?;
    ensure(app, org, actor).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let o = crate::cache::organisation(c, org).await?;
    let only = actor
        .role
        .is_unit_scoped()
        .then_some(actor.unit_ids.as_slice());
    let units: Vec<_> = crate::cache::units(app, c, org)
        .await?
        .iter()
        .filter(|u| only.is_none_or(|ids| ids.contains(&u.id)))
        .cloned()
        .collect();
    let model = crate::cache::model(app, c, org).await?;
    let (practices, rounds) = (&model.practices, &model.rounds);
    let threshold = o.model_threshold_percent;
    let baseline = rounds
        .iter()
        .filter(|r| r.kind == "baseline" && r.closed_at.is_some())
        // A baseline taken again later replaces the earlier one as the comparison.
        .max_by_key(|r| (r.closed_at, r.id))
        .cloned();
    // Counted in SQL: one row per unit, not one per practice.
    let current: HashMap<i64, cairn_db::model::LevelCounts> =
        cairn_db::model::current_level_counts(c, org)
            .await?
            .into_iter()
            .map(|r| (r.unit_id, r))
            .collect();
    let at_baseline: HashMap<i64, cairn_db::model::LevelCounts> = match &baseline {
        Some(b) => cairn_db::model::round_level_counts(c, b.id)
            .await?
            .into_iter()
            .map(|r| (r.unit_id, r))
            .collect(),
        None => HashMap::new(),
    };
    let live_per_level: [i64; 3] = [1, 2, 3].map(|l| {
        practices
            .iter()
            .filter(|p| p.level == l && p.retired_in_version.is_none())
            .count() as i64
    });
    // Practices with no recorded status count as "not started"; the domain rule decides the rest.
    let progress = |counts: Option<&cairn_db::model::LevelCounts>,
                    level: i64,
                    total: Option<i64>|
     -> (LevelProgress, [i64; 4]) {
        let (in_place, na, amber, counted) = counts.map(|c| c.level(level)).unwrap_or_default();
        let total = total.unwrap_or(counted);
        counted_progress(level, in_place, na, amber, total, threshold)
    };
    let mut rows = Vec::new();
    let mut rag_counts: Vec<(i64, i64, i64, i64, i64)> = (1..=3).map(|l| (l, 0, 0, 0, 0)).collect();
    for u in &units {
        let mut levels = Vec::new();
        for level in 1..=3 {
            let (p, rag) = progress(
                current.get(&u.id),
                level,
                Some(live_per_level[usize::try_from(level - 1).unwrap_or(0)]),
            );
            let slot = &mut rag_counts[usize::try_from(level - 1).unwrap_or(0)];
            slot.1 += rag[0];
            slot.2 += rag[1];
            slot.3 += rag[2];
            slot.4 += rag[3];
            levels.push(p);
        }
        let base = baseline.as_ref().map(|_| {
            (1..=3)
                .map(|level| progress(at_baseline.get(&u.id), level, None).0)
                .collect()
        });
        rows.push(UnitRow {
            unit: u.clone(),
            ladder: ladder(&levels),
            levels,
            baseline: base,
        });
    }
    let horizon = today
        .checked_add(jiff::Span::new().days(REVIEW_WINDOW_DAYS))
        .unwrap_or(today);
    let mut due = Vec::new();
    for a in cairn_db::model::due(c, org, &today.to_string(), &horizon.to_string()).await? {
        let (Some(unit), Some(practice)) = (
            units.iter().find(|u| u.id == a.unit_id),
            practices
                .iter()
                .find(|p| p.id == a.practice_id && p.retired_in_version.is_none()),
        ) else {
            continue;
        };
        let target = a
            .target_on
            .as_deref()
            .and_then(cairn_domain::time::parse_iso_date);
        let review = a
            .review_on
            .as_deref()
            .and_then(cairn_domain::time::parse_iso_date);
        let overdue = !matches!(a.status, Status::InPlace | Status::NotApplicable)
            && target.is_some_and(|t| t < today);
        due.push(DueItem {
            unit: unit.clone(),
            practice: practice.clone(),
            status: a.status,
            target_on: target,
            review_on: review,
            overdue,
        });
    }
    due.sort_by(|a, b| {
        (!a.overdue, a.target_on.or(a.review_on), &a.unit.name).cmp(&(
            !b.overdue,
            b.target_on.or(b.review_on),
            &b.unit.name,
        ))
    });
    Ok(ServiceView {
        rows,
        due,
        rag_counts,
        baseline,
    })
}

pub mod evidence;

pub mod measures {
    //! Live measures: where Cairn itself holds the data for a practice, the measure is computed
    //! and shown beside the self-assessed status, flagged where the two disagree. Each
    //! capability adds its practices' measures here as its data arrives; a practice without
    //! one is self-assessed only.

    use super::MeasureView;
    use cairn_db::Conn;
    use cairn_domain::model::Status;
    use cairn_domain::people::{BUDDY_DUE_DAYS, Constituency, NEWCOMER_DAYS, buddy_in_time};
    use cairn_domain::roles::RecruitmentStage;
    use cairn_domain::time::parse_iso_date;

    /// A recruitment process's stages, each with the constituencies of those who sat on it.
    type Panels = Vec<(RecruitmentStage, Vec<Constituency>)>;

    /// Ninety days, for the welcome-meeting and practice measures.
    const NINETY_DAYS: i64 = 90;

    /// Where and when a page's measures are taken: the unit, its organisation, and the
    /// organisation's local date, worked out once per page.
    #[derive(Debug, Clone, Copy)]
    pub struct At {
        pub organisation: i64,
        pub unit: i64,
        pub today: jiff::civil::Date,
        /// The instant `today` was read at (UTC milliseconds).
        pub now: i64,
    }

    fn days_before(d: jiff::civil::Date, days: i64) -> String {
        d.checked_sub(jiff::Span::new().days(days))
            .unwrap_or(d)
            .to_string()
    }

    fn percent(part: i64, whole: i64) -> i64 {
        if whole == 0 { 0 } else { part * 100 / whole }
    }

    /// The share a practice's measure must reach (the catalogue's, one place for it).
    fn target(code: &str) -> i64 {
        cairn_domain::reports::live::target_percent(code)
    }

    /// What a unit's live measures read, loaded once for its page in a few queries, so that
    /// the page costs the same few round trips however many practices carry a measure.
    #[derive(Debug, Clone, Default)]
    pub struct Facts {
        counts: cairn_db::model::measures::UnitCounts,
        /// Service users and carers who joined in the last [`NEWCOMER_DAYS`].
        newcomers: Vec<cairn_db::model::measures::Newcomer>,
        /// Recruitment processes on the unit with their panels.
        processes: Vec<(i64, Panels)>,
        /// The last year's evidence records by kind and practice; `recent` counts the last
        /// ninety days'.
        evidence: Vec<cairn_db::model::evidence::Totals>,
    }

    /// Loads what a unit's measures read.
    pub async fn facts(c: &mut Conn<'_>, at: &At) -> crate::AppResult<Facts> {
        use cairn_db::model::measures as m;
        let today = at.today.to_string();
        let ninety_days = days_before(at.today, NINETY_DAYS);
        let counts = m::unit_counts(
            c,
            &m::Window {
                organisation: at.organisation,
                unit: at.unit,
                today: &today,
                ninety_days: &ninety_days,
                quarter_from: &days_before(at.today, 91),
                month_ms: at.now - MONTH_MS,
                quarter_ms: at.now - QUARTER_MS,
                year_ms: at.now - 4 * QUARTER_MS,
                now_ms: at.now,
            },
        )
        .await?;
        let newcomers =
            m::newcomers(c, at.unit, &days_before(at.today, NEWCOMER_DAYS), &today).await?;
        let mut processes: Vec<(i64, Panels)> = Vec::new();
        for (id, stage, constituency) in m::recruitment_panels(c, at.unit).await? {
            if processes.last().is_none_or(|(p, _)| *p != id) {
                processes.push((id, Vec::new()));
            }
            if let (Some(stage), Some(k), Some((_, stages))) = (
                stage.as_deref().and_then(RecruitmentStage::parse),
                constituency.as_deref().and_then(Constituency::parse),
                processes.last_mut(),
            ) {
                match stages.iter_mut().find(|(s, _)| *s == stage) {
                    Some((_, ks)) => ks.push(k),
                    None => stages.push((stage, vec![k])),
                }
            }
        }
        let evidence = cairn_db::model::evidence::unit_totals(
            c,
            at.unit,
            &days_before(at.today, 365),
            &ninety_days,
        )
        .await?;
        Ok(Facts {
            counts,
            newcomers,
            processes,
            evidence,
        })
    }

    /// The measures of the people and roles practices.
    fn people_and_roles(code: &str, at: &At, facts: &Facts, status: Status) -> Option<MeasureView> {
        let in_place = status == Status::InPlace;
        let n = &facts.counts;
        let view = |message_id, count, disagrees| {
            MeasureView::new(message_id, count, in_place && disagrees)
        };
        Some(match code {
            // Newcomers whose first fortnight is over: the share paired with a buddy in it.
            "L1.08" => {
                let due_by = days_before(at.today, BUDDY_DUE_DAYS);
                let due: Vec<_> = facts
                    .newcomers
                    .iter()
                    .filter(|p| p.joined_on <= due_by)
                    .collect();
                let in_time = due
                    .iter()
                    .filter(|p| match parse_iso_date(&p.joined_on) {
                        Some(j) => {
                            buddy_in_time(j, p.first_buddy_on.as_deref().and_then(parse_iso_date))
                        }
                        None => false,
                    })
                    .count() as i64;
                let pct = percent(in_time, due.len() as i64);
                view(
                    "model-measure-buddies",
                    pct,
                    due.is_empty() || pct < target(code),
                )
                .of(due.len() as i64)
            }
            // Arrivals in the last 90 days offered a welcome or family-liaison meeting.
            "L1.09" => {
                let pct = percent(n.arrivals_offered, n.arrivals);
                view(
                    "model-measure-welcome",
                    pct,
                    n.arrivals == 0 || pct < target(code),
                )
                .of(n.arrivals)
            }
            // Open opportunities the unit's people can see today.
            "L1.10" => view(
                "model-measure-opportunities",
                n.open_opportunities,
                n.open_opportunities == 0,
            ),
            // Newcomers with every level-1 step done; L3.01 adds a level-2 step.
            "L2.01" | "L3.01" => {
                let done = facts
                    .newcomers
                    .iter()
                    .filter(|p| {
                        p.first_buddy_on.is_some()
                            && p.welcome
                            && p.information
                            && (code == "L2.01" || p.level_two)
                    })
                    .count() as i64;
                let pct = percent(done, facts.newcomers.len() as i64);
                let id = if code == "L2.01" {
                    "model-measure-level-one-steps"
                } else {
                    "model-measure-level-two-steps"
                };
                view(id, pct, facts.newcomers.is_empty() || pct < target(code))
                    .of(facts.newcomers.len() as i64)
            }
            // Service users and carers who have written down their interests.
            "L2.06" => view(
                "model-measure-interests",
                n.with_interests,
                n.with_interests == 0,
            ),
            // Roles with a published description (the organisation's).
            "L2.07" => view(
                "model-measure-role-descriptions",
                n.published_roles,
                n.published_roles == 0 || n.published_roles < n.roles,
            ),
            // Practising and shadowing in the last 90 days.
            "L2.08" => view(
                "model-measure-practice",
                n.practice_steps,
                n.practice_steps == 0,
            ),
            // Somebody holds the service-user and carer coordinator role for the unit today.
            "L3.02" => view(
                "model-measure-coordinator",
                n.coordinators,
                n.coordinators == 0,
            ),
            // The unit's recruitment with service users or carers from the job description.
            "L3.04" => {
                let involved = facts
                    .processes
                    .iter()
                    .filter(|(_, stages)| {
                        cairn_domain::roles::involved_from_job_description(stages)
                    })
                    .count() as i64;
                let pct = percent(involved, facts.processes.len() as i64);
                view(
                    "model-measure-recruitment",
                    pct,
                    facts.processes.is_empty() || pct < target(code),
                )
                .of(facts.processes.len() as i64)
            }
            // Service users and carers on the unit in leadership roles today.
            "L3.08" => view("model-measure-leaders", n.leaders, n.leaders == 0),
            // People who have moved on and still take part: holding a role or buddying.
            "L3.10" => view(
                "model-measure-moved-on",
                n.moved_on_active,
                n.moved_on_active == 0,
            ),
            _ => return None,
        })
    }

    /// The measure of a practice evidenced by records on the unit: advocate visits in the last
    /// 90 days (L1.11), community events in the last year (L3.07), the share of the last
    /// year's papers with a perspective section (L1.06), and the share met in the last year's
    /// audits of a practice (L1.07, L1.12, L2.09, L3.03).
    fn evidence(code: &str, facts: &Facts, status: Status) -> MeasureView {
        let in_place = status == Status::InPlace;
        // The records of a kind summed over practices; for audits, only `code`'s.
        let sum = |kind: &str| {
            facts
                .evidence
                .iter()
                .filter(|t| t.kind == kind && (kind != "practice_audit" || t.practice == code))
                .fold(cairn_db::model::evidence::Totals::default(), |mut a, t| {
                    a.records += t.records;
                    a.recent += t.recent;
                    a.with_section += t.with_section;
                    a.looked_at += t.looked_at;
                    a.met += t.met;
                    a
                })
        };
        match code {
            "L1.11" => {
                let n = sum("advocate_visit").recent;
                MeasureView::new("model-measure-advocate-visits", n, in_place && n == 0)
            }
            "L3.07" => {
                let n = sum("community_event").records;
                MeasureView::new("model-measure-community-events", n, in_place && n == 0)
            }
            "L1.06" => {
                let t = sum("perspective_paper");
                let pct = percent(t.with_section, t.records);
                MeasureView::new(
                    "model-measure-perspective-papers",
                    pct,
                    in_place && (t.records == 0 || pct < target(code)),
                )
                .of(t.records)
            }
            _ => {
                let t = sum("practice_audit");
                let pct = percent(t.met, t.looked_at);
                MeasureView::new(
                    "model-measure-audits",
                    pct,
                    in_place && (t.records == 0 || pct < target(code)),
                )
                .of(t.looked_at)
            }
        }
    }

    /// A quarter (91 days), for meeting measures.
    const QUARTER_MS: i64 = 91 * 24 * 60 * 60 * 1000;

    /// Thirty days, for "the last month".
    const MONTH_MS: i64 = 30 * 24 * 60 * 60 * 1000;

    /// The measure for a practice on a unit, if Cairn holds its data.
    pub fn for_practice(code: &str, at: &At, facts: &Facts, status: Status) -> Option<MeasureView> {
        let n = &facts.counts;
        let in_place = status == Status::InPlace;
        Some(match code {
            // Suggestions received on the unit in the last month, from every channel.
            "L1.02" => MeasureView::new(
                "model-measure-suggestions",
                n.suggestions_month,
                in_place && n.suggestions_month == 0,
            ),
            // Every suggestion is tracked; closed ones carry a public response.
            "L1.03" => MeasureView::new(
                "model-measure-responses",
                n.answered,
                in_place && (n.closed == 0 || n.answered < n.closed),
            ),
            // Developments needing a forum decision that have one.
            "L3.06" => MeasureView::new(
                "model-measure-forum",
                n.forum_decided,
                in_place && (n.needing_forum == 0 || n.forum_decided * 2 < n.needing_forum),
            ),
            // Community or mutual-help meetings held on the unit in the last month.
            "L1.01" => MeasureView::new(
                "model-measure-community-meetings",
                n.community_meetings,
                in_place && n.community_meetings == 0,
            ),
            // Share of the last quarter's meetings whose agenda carried service-user and carer issues.
            "L1.05" => {
                let pct = percent(n.with_issues_item, n.meetings_held);
                MeasureView::new(
                    "model-measure-agenda-item",
                    pct,
                    in_place && (n.meetings_held == 0 || pct < target(code)),
                )
                .of(n.meetings_held)
            }
            // People of the unit trained in levels awareness (L1.13) and in speaking out
            // (L2.02); the last quarter's joint (L2.04) and co-delivered (L3.09) sessions they
            // attended.
            "L1.13" | "L2.02" | "L2.04" | "L3.09" => {
                let (message_id, n) = match code {
                    "L1.13" => ("model-measure-levels-trained", n.levels_awareness),
                    "L2.02" => ("model-measure-assertiveness-trained", n.speaking_out),
                    "L2.04" => ("model-measure-joint-sessions", n.joint_sessions),
                    _ => (
                        "model-measure-co-delivered-sessions",
                        n.co_delivered_sessions,
                    ),
                };
                MeasureView::new(message_id, n, in_place && n == 0)
            }
            // Answers to satisfaction surveys (the Friends and Family Test) on the unit in the
            // last quarter; "check this" when it is marked in place with no round running then.
            "L1.04" => MeasureView::new(
                "model-measure-satisfaction",
                n.satisfaction_responses,
                in_place && n.satisfaction_rounds == 0,
            ),
            // Topics for the training agenda from the unit's service users and carers in the
            // last year.
            "L2.03" => MeasureView::new(
                "model-measure-training-topics",
                n.training_topics,
                in_place && n.training_topics == 0,
            ),
            // Team-building events on the unit in the last quarter.
            "L2.05" => MeasureView::new(
                "model-measure-team-building",
                n.team_building,
                in_place && n.team_building == 0,
            ),
            // Share of the last quarter's meetings that met their representation rule.
            "L3.05" => {
                let pct = percent(n.representation_met, n.meetings_held);
                MeasureView::new(
                    "model-measure-representation",
                    pct,
                    in_place && (n.meetings_held == 0 || pct < target(code)),
                )
                .of(n.meetings_held)
            }
            "L1.08" | "L1.09" | "L1.10" | "L2.01" | "L2.06" | "L2.07" | "L2.08" | "L3.01"
            | "L3.02" | "L3.04" | "L3.08" | "L3.10" => {
                return people_and_roles(code, at, facts, status);
            }
            // The evidence records staff keep for what Cairn cannot otherwise see.
            "L1.06" | "L1.07" | "L1.11" | "L1.12" | "L2.09" | "L3.03" | "L3.07" => {
                evidence(code, facts, status)
            }
            _ => return None,
        })
    }
}
