//! Retention: how long an organisation keeps what it no longer needs, and the daily run that
//! applies it. Organisation administrators set the periods, see what the next run would remove
//! and may run it at once; the background worker runs it once a day for every organisation
//! (one instance of several, by a claim in the shared settings table).
//!
//! What goes: people who left are erased as by the right to erasure (money records stay under
//! the pseudonym), except while a claim of theirs is open; exit feedback is deleted; closed
//! suggestions lose the contact details left with them; old audit entries are deleted; finished
//! claims (paid or rejected) go with their lines, receipts and history once the tax year they
//! belong to is past the payment period. Each run is audited by count, never by name.

use crate::audit::{Action, record};
use crate::people::erasure::{erase_within, pseudonym};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
use cairn_db::retention as db;
use cairn_domain::Permission;
use cairn_domain::retention::Cutoffs;
pub use cairn_domain::retention::{Policy, PolicyDraft};
use cairn_domain::time::{local_date, time_zone};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// The settings key holding when the daily run last started (UTC milliseconds).
const LAST_RUN_KEY: &str = "retention_last_run";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What a run removes (or would remove), by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removals {
    /// People erased (kept only as "Person 1042" in money records).
    pub left_people: i64,
    /// People due but waiting, because a claim of theirs is still open.
    pub left_people_waiting: i64,
    pub exit_feedback: i64,
    pub suggestion_contacts: i64,
    pub audit_entries: i64,
    /// Finished claims removed, with their lines, receipts and history.
    pub claims: i64,
    /// Claim drafts left untouched for the fixed period. Runs recorded before drafts were kept
    /// have no such count.
    #[serde(default)]
    pub claim_drafts: i64,
}

impl Removals {
    /// True when the run removed nothing.
    pub fn is_empty(&self) -> bool {
        self.left_people
            + self.exit_feedback
            + self.suggestion_contacts
            + self.audit_entries
            + self.claims
            + self.claim_drafts
            == 0
    }
}

/// The retention page: the policy, its cutoffs today, what the next run would remove, and the
/// last run.
#[derive(Debug, Clone)]
pub struct Overview {
    pub policy: Policy,
    /// Whether the organisation has set its own policy (else the defaults apply).
    pub is_set: bool,
    pub cutoffs: Cutoffs,
    pub due: Removals,
    /// When the last run happened and what it removed.
    pub last_run: Option<(i64, Removals)>,
}

/// The organisation's policy, or the defaults.
async fn policy_of(c: &mut Conn<'_>, org: i64) -> AppResult<(Policy, bool)> {
    Ok(match db::policy(c, org).await? {
        Some(r) => (
            Policy {
                left_people_months: r.left_people_months,
                exit_feedback_months: r.exit_feedback_months,
                suggestion_contact_months: r.suggestion_contact_months,
                audit_months: r.audit_months,
                payment_years: r.payment_years,
            },
            true,
        ),
        None => (Policy::default(), false),
    })
}

/// Midnight at the start of `d` in `tz`, in UTC milliseconds. A date the time zone cannot
/// place is an error, never a cutoff that would quietly remove nothing (or everything).
fn start_of(d: Date, tz: &TimeZone) -> AppResult<i64> {
    d.to_zoned(tz.clone())
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|e| AppError::Unexpected(format!("retention cutoff {d}: {e}")))
}

/// The organisation's time zone and today's date on its calendar.
async fn calendar(c: &mut Conn<'_>, org: i64, now: i64) -> AppResult<(TimeZone, Date)> {
    let o = cairn_db::units::get_organisation(c, org).await?;
    let tz = time_zone(&o.time_zone);
    let today = local_date(now, &tz);
    Ok((tz, today))
}

/// Reads the policy and counts what the next run would remove.
pub async fn overview(app: &App, actor: &Actor) -> AppResult<Overview> {
    require(actor, Permission::ManageRetention)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let (policy, is_set) = policy_of(&mut c, org).await?;
    let (tz, today) = calendar(&mut c, org, app.now()).await?;
    let cut = policy.cutoffs(today);
    let mut due = Removals::default();
    for id in db::left_people(
        &mut c,
        org,
        &cut.left_before.to_string(),
        start_of(cut.left_before, &tz)?,
    )
    .await?
    {
        if cairn_db::people::erasure::open_claims(&mut c, org, id).await? > 0 {
            due.left_people_waiting += 1;
        } else {
            due.left_people += 1;
        }
    }
    due.exit_feedback = db::count_exits(&mut c, org, &cut.exits_before.to_string()).await?;
    due.suggestion_contacts =
        db::count_contacts(&mut c, org, start_of(cut.contacts_before, &tz)?).await?;
    due.audit_entries = db::count_audit(&mut c, org, start_of(cut.audit_before, &tz)?).await?;
    due.claim_drafts = db::count_drafts(&mut c, org, start_of(cut.drafts_before, &tz)?).await?;
    due.claims =
        db::count_finished_claims(&mut c, org, start_of(cut.payments_before, &tz)?).await?;
    // The last run's counts are Cairn's own JSON: one it cannot read is a fault to report.
    let last_run = match db::last_run(&mut c, org).await? {
        Some((at, Some(json))) => Some((
            at,
            serde_json::from_str::<Removals>(&json)
                .map_err(|e| AppError::Unexpected(format!("retention run counts: {e}")))?,
        )),
        Some((at, None)) => Some((at, Removals::default())),
        None => None,
    };
    Ok(Overview {
        policy,
        is_set,
        cutoffs: cut,
        due,
        last_run,
    })
}

/// Saves the organisation's policy. Each field is checked (payment records at least 3 years,
/// audit at least a year); the change is audited with before and after.
pub async fn update(app: &App, actor: &Actor, draft: &PolicyDraft) -> AppResult<Policy> {
    require(actor, Permission::ManageRetention)?;
    let org = org_of(actor)?;
    let policy = draft.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (before, _) = policy_of(&mut tx.conn(), org).await?;
    db::put_policy(
        &mut tx.conn(),
        org,
        &db::PolicyRow {
            left_people_months: policy.left_people_months,
            exit_feedback_months: policy.exit_feedback_months,
            suggestion_contact_months: policy.suggestion_contact_months,
            audit_months: policy.audit_months,
            payment_years: policy.payment_years,
            updated_at: now,
            updated_by_label: actor.label.clone(),
        },
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "retention_policy",
        None,
        Some(&before),
        Some(&policy),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(policy)
}

/// Runs retention for the administrator's organisation now.
pub async fn apply(app: &App, actor: &Actor) -> AppResult<Removals> {
    apply_in_batches(app, actor, Batches::default()).await
}

/// How much of a large removal goes in one transaction. A first run over years of records can
/// have tens of thousands of claims and audit entries to remove; in one transaction that would
/// hold SQLite's single writer for longer than another writer waits (its busy timeout), and
/// sign-ins and claims made meanwhile would fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batches {
    /// Finished claims (seven statements each) per transaction.
    pub claims: i64,
    /// Old audit entries per transaction.
    pub audit_entries: i64,
    /// The pause after a full batch, before the next. A writer waiting on SQLite's lock sleeps
    /// and tries again (every 100 ms once it has waited a while); batch after batch with no
    /// gap, it could miss every chance until the run ends. A board10 first run (17,370
    /// claims) kept one sign-in waiting 2.4 s without a pause.
    pub pause: std::time::Duration,
}

impl Default for Batches {
    fn default() -> Self {
        Batches {
            claims: 100,
            audit_entries: 5_000,
            pause: std::time::Duration::from_millis(50),
        }
    }
}

/// [`apply`], with `batches` set: the run removes the same, in transactions of the given sizes.
///
/// The run goes on in a task of its own: a run over years of records commits batch after batch,
/// and were it dropped with the request (the administrator closes the page, or the request
/// times out), what it had removed would be in no audit entry. Once started it finishes and
/// counts what it removed, whether or not anyone waits for it.
pub async fn apply_in_batches(app: &App, actor: &Actor, batches: Batches) -> AppResult<Removals> {
    require(actor, Permission::ManageRetention)?;
    let org = org_of(actor)?;
    let (app, actor) = (app.clone(), actor.clone());
    cairn_db::spawn(async move { apply_to(&app, &actor, org, batches).await })
        .await
        .map_err(|e| AppError::Unexpected(format!("retention run: {e}")))?
}

/// Applies the organisation's policy as `actor` (an administrator, or the system in the daily
/// run). Each leaver is erased in a transaction of their own, so one who must wait for a claim
/// does not hold up the rest; finished claims and old audit entries go a batch per
/// transaction; everything else goes in one last transaction with the audit entry that counts
/// the whole run. When a batch or that last transaction fails, what went before it is counted
/// in an entry of its own.
async fn apply_to(app: &App, actor: &Actor, org: i64, batches: Batches) -> AppResult<Removals> {
    let now = app.now();
    let (policy, tz, cut) = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let (policy, _) = policy_of(&mut c, org).await?;
        let (tz, today) = calendar(&mut c, org, now).await?;
        (policy, tz.clone(), policy.cutoffs(today))
    };
    let mut removed = Removals::default();
    let run = Run {
        org,
        now,
        policy,
        tz,
        cut,
        batches,
    };
    let outcome = match remove_in_batches(app, actor, &run, &mut removed).await {
        Ok(()) => finish(app, actor, &run, &mut removed).await,
        Err(e) => Err(e),
    };
    if let Err(e) = outcome {
        if !removed.is_empty() {
            // What went is gone: the log says so even though the run stopped. The run's own
            // error is the one returned; failing to count as well is logged beside it.
            if let Err(counting) = record_partial(app, actor, org, &removed, now).await {
                tracing::error!(
                    organisation = org,
                    removed = ?removed,
                    error = %counting,
                    "a retention run stopped part way and what it removed could not be counted"
                );
            }
        }
        return Err(e);
    }
    if !removed.is_empty() {
        // As after an erasure: SQLite's write-ahead log still holds the old pages.
        app.db.checkpoint().await?;
    }
    Ok(removed)
}

/// The run's last transaction: what goes in one statement each (webhook log, exit feedback,
/// contacts, drafts, emptied payment runs) and the audit entry counting the whole run.
/// `removed` takes these counts only once they are committed.
async fn finish(app: &App, actor: &Actor, run: &Run, removed: &mut Removals) -> AppResult<()> {
    let Run {
        org, now, tz, cut, ..
    } = run;
    let (org, now) = (*org, *now);
    let mut all = *removed;
    let mut tx = app.db.begin().await?;
    // Webhook deliveries sent or given up leave the log after a fixed period.
    cairn_db::webhooks::purge_finished(
        &mut tx.conn(),
        org,
        now - cairn_domain::webhooks::LOG_DAYS * 24 * 60 * 60 * 1000,
    )
    .await?;
    let exits = db::delete_exits(&mut tx.conn(), org, &cut.exits_before.to_string()).await?;
    let contacts =
        db::clear_contacts(&mut tx.conn(), org, start_of(cut.contacts_before, tz)?, now).await?;
    if all.claims > 0 {
        db::delete_empty_runs(&mut tx.conn(), org).await?;
    }
    let drafts = db::delete_drafts(&mut tx.conn(), org, start_of(cut.drafts_before, tz)?).await?;
    all.exit_feedback = i64::try_from(exits).unwrap_or(i64::MAX);
    all.suggestion_contacts = i64::try_from(contacts).unwrap_or(i64::MAX);
    all.claim_drafts = i64::try_from(drafts).unwrap_or(i64::MAX);
    record_run(&mut tx.conn(), actor, org, &all, now).await?;
    tx.commit().await?;
    *removed = all;
    Ok(())
}

/// One run's organisation, time, policy and cutoffs on the organisation's calendar.
struct Run {
    org: i64,
    now: i64,
    policy: Policy,
    tz: TimeZone,
    cut: Cutoffs,
    batches: Batches,
}

/// The audit entry for a run that stopped part way, in a transaction of its own.
async fn record_partial(
    app: &App,
    actor: &Actor,
    org: i64,
    removed: &Removals,
    now: i64,
) -> AppResult<()> {
    let mut tx = app.db.begin().await?;
    record_run(&mut tx.conn(), actor, org, removed, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The run itself, by count: what went, never whose.
async fn record_run(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    removed: &Removals,
    now: i64,
) -> AppResult<()> {
    record::<(), _>(
        c,
        actor,
        Some(org),
        Action::Update,
        "retention",
        None,
        None,
        Some(removed),
        None,
        now,
    )
    .await?;
    Ok(())
}

/// The parts of a run that go a transaction at a time: leavers one by one, then finished
/// claims and old audit entries in batches. Counts into `removed` as each transaction commits,
/// so a failure part way leaves `removed` saying exactly what went.
async fn remove_in_batches(
    app: &App,
    actor: &Actor,
    run: &Run,
    removed: &mut Removals,
) -> AppResult<()> {
    let Run {
        org,
        now,
        policy,
        tz,
        cut,
        batches,
    } = run;
    let (org, now) = (*org, *now);
    let leavers = {
        let mut h = app.db.acquire().await?;
        db::left_people(
            &mut h.conn(),
            org,
            &cut.left_before.to_string(),
            start_of(cut.left_before, tz)?,
        )
        .await?
    };
    for person in leavers {
        let mut tx = app.db.begin().await?;
        match erase_within(&mut tx.conn(), org, person, now).await {
            Ok(done) => {
                record::<(), _>(
                    &mut tx.conn(),
                    actor,
                    Some(org),
                    Action::Update,
                    "person_erasure",
                    Some(person),
                    None,
                    Some(&serde_json::json!({
                        "pseudonym": pseudonym(person),
                        "reason": "retention",
                        "left_people_months": policy.left_people_months,
                        "account": done.had_account,
                    })),
                    None,
                    now,
                )
                .await?;
                tx.commit().await?;
                removed.left_people += 1;
            }
            // Their claim is still on its way: they are erased on a later run.
            Err(AppError::Conflict("erase-error-open-claims")) => {
                removed.left_people_waiting += 1;
            }
            Err(e) => return Err(e),
        }
    }

    // Each batch is chosen inside its own transaction, so a claim corrected since the run
    // began is seen as waiting.
    let payments_before = start_of(cut.payments_before, tz)?;
    let size = batches.claims.max(1);
    loop {
        let mut tx = app.db.begin().await?;
        let claims = db::finished_claims(&mut tx.conn(), org, payments_before, size).await?;
        for claim in &claims {
            db::delete_claim(&mut tx.conn(), org, *claim).await?;
        }
        tx.commit().await?;
        let n = i64::try_from(claims.len()).unwrap_or(i64::MAX);
        removed.claims += n;
        if n < size {
            break;
        }
        tokio::time::sleep(batches.pause).await;
    }

    let audit_before = start_of(cut.audit_before, tz)?;
    let size = batches.audit_entries.max(1);
    loop {
        let mut tx = app.db.begin().await?;
        let gone = db::delete_audit(&mut tx.conn(), org, audit_before, size).await?;
        tx.commit().await?;
        let n = i64::try_from(gone).unwrap_or(i64::MAX);
        removed.audit_entries += n;
        if n < size {
            break;
        }
        tokio::time::sleep(batches.pause).await;
    }
    Ok(())
}

/// The background worker's daily run: at most once in 24 hours across every instance (the
/// first to move the shared "last run" time runs it), for every organisation. True when this
/// call ran it. An organisation whose run fails is logged and the others still run.
pub async fn run_daily(app: &App) -> AppResult<bool> {
    let now = app.now();
    let orgs = {
        let mut tx = app.db.begin().await?;
        let mut c = tx.conn();
        let claimed = match cairn_db::settings::get(&mut c, LAST_RUN_KEY).await? {
            None => {
                cairn_db::settings::insert_absent(&mut c, LAST_RUN_KEY, &now.to_string()).await?
            }
            Some(last) => {
                let due = last.parse::<i64>().map_or(true, |at| now - at >= DAY_MS);
                due && cairn_db::settings::replace_if(&mut c, LAST_RUN_KEY, &last, &now.to_string())
                    .await?
            }
        };
        if !claimed {
            return Ok(false);
        }
        let orgs = db::organisations(&mut c).await?;
        tx.commit().await?;
        orgs
    };
    for (org, _) in orgs {
        let system = Actor::system(Some(org));
        match apply_to(app, &system, org, Batches::default()).await {
            Ok(r) => tracing::info!(organisation = org, removed = ?r, "retention run"),
            Err(e) => tracing::warn!(organisation = org, error = %e, "retention run failed"),
        }
    }
    Ok(true)
}
