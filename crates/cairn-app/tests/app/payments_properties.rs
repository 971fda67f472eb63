//! Property tests for payments. A random story happens to a few claims: members make them, or
//! a lead makes them with them, for random activities, durations (0 to 600 minutes) and
//! expenses (miles to one decimal place, amounts in pence, now and then over the rate card's
//! limit); they are submitted with or without a receipt, approved in full or paying less (now
//! and then with no reason or more than the fee), authorised, rejected, and have random lines
//! reversed (now and then a reversal, a line already reversed, or no reason); finance gathers
//! random claims into payment runs, locks them and pays them; and at the end a run takes a
//! random subset of the claims still authorised. Each member has a random payment choice.
//!
//! After every story the money must still add up, read straight from the database:
//!
//! 1. a claim's fee, expenses, total and income are the sums of its lines of each kind;
//! 2. a reversal is the exact negative of the line it reverses, so the pair nets to zero, and
//!    no line is reversed twice, and no claim's fee or expenses ever go below zero;
//! 3. a run's lines, claims and stored total agree, and so do its payroll and accounts exports;
//! 4. a claim is in at most one run, and only in one it joined after it was authorised.
//!
//! Every step is also held to what the rules say it should do to the claim as stored just
//! before it (done, or refused and why), and a refused step must change nothing, so a story
//! cannot pass by quietly doing nothing. Each case runs on a fresh database with a fixed clock
//! that moves on a second per step: 24 cases on SQLite and 6 on PostgreSQL per property.

use crate::common::*;
use cairn_app::payments::{self, ExportFormat, ProfileDraft};
use cairn_app::{Actor, App, AppError, AppResult, people, units};
use cairn_db::Db;
use cairn_db::accounts::NewUser;
use cairn_db::payments::{Claim, ClaimQuery, Line, Run};
use cairn_domain::Role;
use cairn_domain::payments::{
    ActivityType, ClaimDraft, ClaimStatus, ExpenseCategory, ExpenseDraft,
};
use cairn_domain::people::{Language, PersonDraft};
use cairn_domain::time::DateParts;
use cairn_domain::units::UnitDraft;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};
use std::collections::{BTreeMap, BTreeSet};

const SQLITE_CASES: u32 = 24;
const POSTGRES_CASES: u32 = 6;

// ---------------------------------------------------------------------------------------------
// What can happen
// ---------------------------------------------------------------------------------------------

/// How a member chose to be recognised.
#[derive(Debug, Clone, Copy)]
enum Choice {
    Bank,
    Payroll,
    Voucher,
    /// A lower fee, capped at this many pence.
    Lower(i64),
    ExpensesOnly,
    Nothing,
}

impl Choice {
    fn draft(self) -> ProfileDraft {
        let (choice, lower) = match self {
            Choice::Bank => ("bank", String::new()),
            Choice::Payroll => ("payroll", String::new()),
            Choice::Voucher => ("voucher", String::new()),
            Choice::Lower(cap) => ("lower", pounds(cap)),
            Choice::ExpensesOnly => ("expenses_only", String::new()),
            Choice::Nothing => ("nothing", String::new()),
        };
        ProfileDraft {
            choice: choice.into(),
            lower,
            limit_kind: "none".into(),
            ..Default::default()
        }
    }
}

/// One expense as claimed: tenths of a mile for mileage, pence for everything else.
#[derive(Debug, Clone, Copy)]
struct Expense {
    category: ExpenseCategory,
    value: i64,
}

/// A claim as a member would type it.
#[derive(Debug, Clone)]
struct Spec {
    activity: ActivityType,
    /// Days before the clock's day (29 March 2026), all inside the example rates' dates.
    days_ago: i64,
    minutes: i64,
    expenses: Vec<Expense>,
}

impl Spec {
    fn draft(&self) -> ClaimDraft {
        let on = jiff::civil::date(2026, 3, 29)
            .checked_sub(jiff::Span::new().days(self.days_ago))
            .expect("a real date");
        ClaimDraft {
            activity_type: self.activity.key().into(),
            activity_on: DateParts {
                day: on.day().to_string(),
                month: on.month().to_string(),
                year: on.year().to_string(),
            },
            hours: (self.minutes / 60).to_string(),
            minutes: (self.minutes % 60).to_string(),
            description: "Involvement".into(),
            expenses: self
                .expenses
                .iter()
                .map(|x| {
                    if x.category.is_mileage() {
                        ExpenseDraft {
                            category: x.category.key().into(),
                            miles: format!("{}.{}", x.value / 10, x.value % 10),
                            amount: String::new(),
                        }
                    } else {
                        ExpenseDraft {
                            category: x.category.key().into(),
                            miles: String::new(),
                            amount: pounds(x.value),
                        }
                    }
                })
                .collect(),
        }
    }
}

/// "12.34" for 1234 pence, as a person types it.
fn pounds(pence: i64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

/// How an approver approves.
#[derive(Debug, Clone, Copy)]
enum Approval {
    InFull,
    /// Pays this share (per cent) of the fee as it stands, with a reason.
    PayLess(i64),
    /// Asks to pay more than the fee: refused.
    MoreThanTheFee(i64),
    /// Pays less but gives no reason: refused.
    NoReason,
}

/// Which claim or run a step is for: mostly one at the stage the step expects (so stories get
/// somewhere), otherwise any made so far (so steps are also tried where they must be refused).
#[derive(Debug, Clone, Copy)]
struct Pick {
    at: Index,
    aimed: bool,
}

/// One step of a story. Claims and runs are picked among those made so far.
#[derive(Debug, Clone)]
enum Op {
    Make {
        /// Mostly the first member, so runs often hold several claims of one person.
        member: usize,
        with_lead: bool,
        spec: Spec,
    },
    /// Whoever's turn it is takes a claim's next step: its member submits a draft, the lead
    /// approves a submitted claim, finance authorises an approved one.
    Advance {
        claim: Pick,
        receipt: bool,
        how: Approval,
    },
    Submit {
        claim: Pick,
        receipt: bool,
    },
    Approve {
        claim: Pick,
        how: Approval,
    },
    Authorise {
        claim: Pick,
    },
    Reject {
        claim: Pick,
    },
    Reverse {
        claim: Pick,
        line: Index,
        reason: &'static str,
    },
    Run {
        claims: Vec<Index>,
        authorised_only: bool,
    },
    Lock {
        run: Pick,
    },
    Pay {
        run: Pick,
    },
}

/// What finance does with a run at the end of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settle {
    Leave,
    Lock,
    LockAndPay,
}

/// Three members' payment choices, the steps, which authorised claims the last run takes, and
/// what finance then does with each run.
#[derive(Debug, Clone)]
struct Story {
    choices: Vec<Choice>,
    ops: Vec<Op>,
    /// Whether the last run takes each authorised claim, in order.
    last_run: Vec<bool>,
    settle: Vec<Settle>,
}

/// The limits the generator aims around: the example rate card's (the checks read the card
/// itself from the database).
fn aim(category: ExpenseCategory) -> i64 {
    match category {
        ExpenseCategory::PublicTransport => 5000,
        ExpenseCategory::Parking => 1500,
        ExpenseCategory::Meal => 1000,
        ExpenseCategory::CareCover => 10000,
        ExpenseCategory::OnlineAllowance => 500,
        _ => 3000,
    }
}

fn choice() -> impl Strategy<Value = Choice> {
    prop_oneof![
        3 => Just(Choice::Bank),
        1 => Just(Choice::Payroll),
        1 => Just(Choice::Voucher),
        2 => (0i64..=20000).prop_map(Choice::Lower),
        1 => Just(Choice::ExpensesOnly),
        1 => Just(Choice::Nothing),
    ]
}

fn expense() -> impl Strategy<Value = Expense> {
    prop::sample::select(ExpenseCategory::ALL).prop_flat_map(|category| {
        let limit = aim(category);
        let value = if category.is_mileage() {
            // Up to 300 miles, to one decimal place.
            (1i64..=limit).boxed()
        } else {
            prop_oneof![14 => 1i64..=limit, 1 => limit + 1..=limit * 2].boxed()
        };
        value.prop_map(move |value| Expense { category, value })
    })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::sample::select(ActivityType::ALL),
        0i64..=300,
        0i64..=600,
        prop::collection::vec(expense(), 0..=3),
    )
        .prop_map(|(activity, days_ago, minutes, expenses)| Spec {
            activity,
            days_ago,
            minutes,
            expenses,
        })
}

fn approval() -> impl Strategy<Value = Approval> {
    prop_oneof![
        4 => Just(Approval::InFull),
        4 => (0i64..=100).prop_map(Approval::PayLess),
        1 => (1i64..=500).prop_map(Approval::MoreThanTheFee),
        1 => Just(Approval::NoReason),
    ]
}

fn reason() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => prop::sample::select(&["Came by bus", "Typed twice", "Left after an hour"][..]),
        1 => Just("   "),
    ]
}

fn pick() -> impl Strategy<Value = Pick> {
    (any::<Index>(), prop::bool::weighted(0.75)).prop_map(|(at, aimed)| Pick { at, aimed })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (prop_oneof![3 => Just(0usize), 1 => Just(1), 1 => Just(2)], any::<bool>(), spec())
            .prop_map(|(member, with_lead, spec)| Op::Make { member, with_lead, spec }),
        12 => (pick(), prop::bool::weighted(0.8), approval())
            .prop_map(|(claim, receipt, how)| Op::Advance { claim, receipt, how }),
        1 => (pick(), any::<bool>()).prop_map(|(claim, receipt)| Op::Submit { claim, receipt }),
        1 => (pick(), approval()).prop_map(|(claim, how)| Op::Approve { claim, how }),
        1 => pick().prop_map(|claim| Op::Authorise { claim }),
        1 => pick().prop_map(|claim| Op::Reject { claim }),
        4 => (pick(), any::<Index>(), reason())
            .prop_map(|(claim, line, reason)| Op::Reverse { claim, line, reason }),
        2 => (prop::collection::vec(any::<Index>(), 1..=4), prop::bool::weighted(0.7))
            .prop_map(|(claims, authorised_only)| Op::Run { claims, authorised_only }),
        2 => pick().prop_map(|run| Op::Lock { run }),
        2 => pick().prop_map(|run| Op::Pay { run }),
    ]
}

fn story() -> impl Strategy<Value = Story> {
    let settle = prop::sample::select(&[Settle::Leave, Settle::Lock, Settle::LockAndPay][..]);
    (
        prop::collection::vec(choice(), 3),
        prop::collection::vec(op(), 20..=60),
        prop::collection::vec(prop::bool::weighted(0.75), 8),
        prop::collection::vec(settle, 3),
    )
        .prop_map(|(choices, ops, last_run, settle)| Story {
            choices,
            ops,
            last_run,
            settle,
        })
}

// ---------------------------------------------------------------------------------------------
// The world a story happens in
// ---------------------------------------------------------------------------------------------

/// An organisation with the example rate card, two units, a lead, finance, and three members
/// with accounts, each with their payment choice.
struct World {
    app: App,
    org: i64,
    lead: Actor,
    finance: Actor,
    /// (account, person, payment choice)
    members: Vec<(Actor, i64, Choice)>,
    /// The rate card's (limit pence, needs a receipt) by category, read from the database.
    rates: BTreeMap<ExpenseCategory, (i64, bool)>,
}

async fn account(app: &App, org: i64, email: &str, role: Role, person_id: Option<i64>) -> Actor {
    let mut tx = app.db.begin().await.expect("begin");
    let uid = cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &NewUser {
            organisation_id: Some(org),
            email,
            password_hash: None,
            role,
            person_id,
            locale: None,
        },
        app.now(),
    )
    .await
    .expect("insert user");
    tx.commit().await.expect("commit");
    actor_of(app, uid).await
}

async fn world(db: Db, choices: &[Choice]) -> World {
    let app = app(db);
    let org = org(&app, "Org A", "admin@org-a.example").await;
    {
        let mut tx = app.db.begin().await.expect("begin");
        payments::add_examples(&mut tx.conn(), org.id, app.now())
            .await
            .expect("examples");
        tx.commit().await.expect("commit");
    }
    let mut unit_ids = Vec::new();
    for name in ["Alder", "Birch"] {
        let draft = UnitDraft {
            name: name.into(),
            service_id: Some(org.service),
            unit_type: "open_rehab".into(),
            beds: Some("12".into()),
            gender_mix: "mixed".into(),
            ..Default::default()
        };
        unit_ids.push(
            units::create_unit(&app, &org.admin, &draft)
                .await
                .expect("unit"),
        );
    }
    let lead = account(&app, org.id, "lead@org-a.example", Role::Lead, None).await;
    let finance = account(&app, org.id, "finance@org-a.example", Role::Finance, None).await;
    let mut members = Vec::new();
    for (i, (name, constituency)) in [
        ("Mo", "service_user"),
        ("Jo", "carer"),
        ("Ana", "service_user"),
    ]
    .into_iter()
    .enumerate()
    {
        let draft = PersonDraft {
            chosen_name: name.into(),
            constituency: constituency.into(),
            unit_ids: vec![unit_ids[i % 2]],
            status: "active".into(),
            preferred_language: "en".into(),
            ..Default::default()
        };
        let pid = people::create(&app, &org.admin, &draft)
            .await
            .expect("person");
        let email = format!("{}@example.org", name.to_lowercase());
        let member = account(&app, org.id, &email, Role::Member, Some(pid)).await;
        let choice = choices[i % choices.len()];
        payments::set_profile(&app, &member, pid, &choice.draft())
            .await
            .unwrap_or_else(|e| panic!("profile {choice:?}: {e:?}"));
        members.push((member, pid, choice));
    }
    let rates = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::payments::expense_rates(&mut h.conn(), org.id)
            .await
            .expect("expense rates")
            .into_iter()
            .map(|r| (r.category, (r.limit_pence, r.needs_receipt)))
            .collect()
    };
    World {
        app,
        org: org.id,
        lead,
        finance,
        members,
        rates,
    }
}

/// What the story did, to hold the database to.
#[derive(Debug, Default)]
struct Ledger {
    /// Every claim made, in order.
    claims: Vec<i64>,
    /// Every run made, with the claims it was asked to take.
    runs: Vec<(i64, BTreeSet<i64>)>,
    /// Corrections done.
    reversals: usize,
}

// ---------------------------------------------------------------------------------------------
// Reading the database
// ---------------------------------------------------------------------------------------------

async fn claim_of(w: &World, id: i64) -> Claim {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::get_claim(&mut h.conn(), w.org, id)
        .await
        .expect("get claim")
        .expect("the claim exists")
}

async fn lines_of(w: &World, id: i64) -> Vec<Line> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::lines(&mut h.conn(), id)
        .await
        .expect("lines")
}

async fn receipts_of(w: &World, id: i64) -> usize {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::receipts(&mut h.conn(), id)
        .await
        .expect("receipts")
        .len()
}

async fn all_claims(w: &World) -> Vec<Claim> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::list_claims(
        &mut h.conn(),
        w.org,
        &ClaimQuery {
            limit: 20_000,
            ..Default::default()
        },
    )
    .await
    .expect("claims")
}

async fn all_runs(w: &World) -> Vec<Run> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::runs(&mut h.conn(), w.org)
        .await
        .expect("runs")
}

async fn count(w: &World, sql: &str) -> i64 {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, sql).unwrap_or_else(|e| panic!("{sql}: {e:?}"))
}

/// Everything a step could change: each claim's status, money and run, and how many lines,
/// receipts and runs there are.
async fn snapshot(w: &World) -> String {
    let claims: Vec<_> = all_claims(w)
        .await
        .into_iter()
        .map(|c| {
            (
                c.id,
                c.status,
                c.fee_pence,
                c.expenses_pence,
                c.total_pence,
                c.income_pence,
                c.run_id,
            )
        })
        .collect();
    let runs: Vec<_> = all_runs(w)
        .await
        .into_iter()
        .map(|r| (r.id, r.status, r.claims_count, r.total_pence))
        .collect();
    format!(
        "claims {claims:?} runs {runs:?} lines {} receipts {}",
        count(w, "SELECT COUNT(*) FROM claim_lines").await,
        count(w, "SELECT COUNT(*) FROM receipts").await
    )
}

// ---------------------------------------------------------------------------------------------
// Playing a story
// ---------------------------------------------------------------------------------------------

/// What a step came to: "done", or how it was refused.
fn outcome<T>(r: &AppResult<T>) -> String {
    match r {
        Ok(_) => "done".into(),
        Err(AppError::Conflict(id)) => format!("conflict {id}"),
        Err(AppError::Invalid(e)) => {
            let fields: Vec<String> =
                e.0.iter()
                    .map(|f| format!("{}={}", f.field, f.code))
                    .collect();
            format!("invalid {}", fields.join(" "))
        }
        Err(e) => format!("{e:?}"),
    }
}

fn conflict(id: &str) -> String {
    format!("conflict {id}")
}

const WRONG_STATUS: &str = "payments-error-wrong-status";

/// Plays one step: checks it came to one of the outcomes the rules allow, that a refused step
/// changed nothing, and moves the clock on a second.
async fn step<T>(
    w: &World,
    what: &str,
    before: &str,
    r: &AppResult<T>,
    allowed: &[String],
) -> Result<(), TestCaseError> {
    let got = outcome(r);
    prop_assert!(
        allowed.contains(&got),
        "{what}: expected one of {allowed:?}, got {got}"
    );
    if r.is_err() {
        let after = snapshot(w).await;
        prop_assert_eq!(
            before,
            after.as_str(),
            "{} was refused but changed something",
            what
        );
    }
    w.app.clock.set(w.app.now() + 1000);
    Ok(())
}

fn nth<T: Copy>(items: &[T], i: &Index) -> Option<T> {
    (!items.is_empty()).then(|| items[i.index(items.len())])
}

/// The claim a step is for: an aimed pick takes one of the claims at one of `stages` when there
/// is one; otherwise any claim made so far.
async fn choose(w: &World, ledger: &Ledger, p: &Pick, stages: &[ClaimStatus]) -> Option<i64> {
    if p.aimed {
        let at_stage: Vec<i64> = all_claims(w)
            .await
            .into_iter()
            .filter(|c| stages.contains(&c.status))
            .map(|c| c.id)
            .collect();
        if let Some(id) = nth(&at_stage, &p.at) {
            return Some(id);
        }
    }
    nth(&ledger.claims, &p.at)
}

fn member_of(w: &World, person: i64) -> &Actor {
    &w.members
        .iter()
        .find(|m| m.1 == person)
        .expect("a member of the world")
        .0
}

/// True when a line is a cost the rate card wants a receipt for and it has not been reversed.
fn wants_receipt(w: &World, lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        l.kind == "expense"
            && l.category
                .as_deref()
                .and_then(ExpenseCategory::parse)
                .and_then(|c| w.rates.get(&c))
                .is_some_and(|r| r.1)
            && !lines.iter().any(|r| r.reverses_line_id == Some(l.id))
    })
}

/// Submits a claim as its member, attaching a receipt first when `receipt`.
async fn submit(w: &World, what: &str, id: i64, receipt: bool) -> Result<(), TestCaseError> {
    let c = claim_of(w, id).await;
    let member = member_of(w, c.person_id);
    if receipt {
        let before = snapshot(w).await;
        let open = matches!(c.status, ClaimStatus::Draft | ClaimStatus::Submitted);
        let expected = if open {
            "done".into()
        } else {
            conflict(WRONG_STATUS)
        };
        let r = payments::add_receipt(&w.app, member, id, b"%PDF-1.4 a bus ticket").await;
        step(w, &format!("{what} (receipt)"), &before, &r, &[expected]).await?;
    }
    let before = snapshot(w).await;
    let missing = receipts_of(w, id).await == 0 && wants_receipt(w, &lines_of(w, id).await);
    let needed = conflict("payments-error-receipt-needed");
    let allowed = match (c.status == ClaimStatus::Draft, missing) {
        (true, false) => vec!["done".into()],
        (true, true) => vec![needed],
        // Either reason is right for a claim that is past its draft.
        (false, true) => vec![needed, conflict(WRONG_STATUS)],
        (false, false) => vec![conflict(WRONG_STATUS)],
    };
    let r = payments::submit(&w.app, member, id).await;
    step(w, what, &before, &r, &allowed).await
}

/// Approves a claim as the lead, in full or paying less.
async fn approve(w: &World, what: &str, id: i64, how: Approval) -> Result<(), TestCaseError> {
    let before = snapshot(w).await;
    let c = claim_of(w, id).await;
    let fee = c.fee_pence;
    let (pay, reason) = match how {
        Approval::InFull => (None, ""),
        Approval::PayLess(share) => (Some(fee * share / 100), "Joined for part of it"),
        Approval::MoreThanTheFee(extra) => (Some(fee + extra), "More"),
        Approval::NoReason => (Some(fee / 2), "  "),
    };
    let expected = if c.status != ClaimStatus::Submitted {
        conflict(WRONG_STATUS)
    } else if pay.is_some_and(|p| p < 0 || p > fee) {
        "invalid pay_fee=payments-error-pay-less".into()
    } else if pay.is_some() && reason.trim().is_empty() {
        "invalid reason=payments-error-reason".into()
    } else {
        "done".into()
    };
    let r = payments::approve(&w.app, &w.lead, id, pay, reason).await;
    step(w, what, &before, &r, &[expected]).await?;
    if r.is_ok() {
        let after = claim_of(w, id).await;
        prop_assert_eq!(
            after.fee_pence,
            pay.unwrap_or(fee),
            "{} leaves the fee asked for",
            what
        );
    }
    Ok(())
}

/// Authorises a claim as finance.
async fn authorise(w: &World, what: &str, id: i64) -> Result<(), TestCaseError> {
    let before = snapshot(w).await;
    let c = claim_of(w, id).await;
    let expected = if c.status == ClaimStatus::Approved {
        "done".into()
    } else {
        conflict(WRONG_STATUS)
    };
    let r = payments::authorise(&w.app, &w.finance, id).await;
    step(w, what, &before, &r, &[expected]).await
}

async fn play_op(w: &World, ledger: &mut Ledger, op: &Op) -> Result<(), TestCaseError> {
    let what = format!("{op:?}");
    match op {
        Op::Make {
            member,
            with_lead,
            spec,
        } => {
            let before = snapshot(w).await;
            let (own, person, choice) = &w.members[*member % w.members.len()];
            let over: Vec<String> = match choice {
                Choice::Nothing => Vec::new(),
                _ => spec
                    .expenses
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| {
                        let limit = w.rates.get(&x.category).map_or(0, |r| r.0);
                        !x.category.is_mileage() && limit > 0 && x.value > limit
                    })
                    .map(|(i, _)| format!("expense_{i}=payments-error-over-limit"))
                    .collect(),
            };
            let expected = if over.is_empty() {
                "done".to_owned()
            } else {
                format!("invalid {}", over.join(" "))
            };
            let (actor, for_person) = if *with_lead {
                (&w.lead, Some(*person))
            } else {
                (own, None)
            };
            let r = payments::create_claim(&w.app, actor, for_person, None, &spec.draft()).await;
            step(w, &what, &before, &r, &[expected]).await?;
            if let Ok(id) = r {
                ledger.claims.push(id);
            }
        }
        Op::Advance {
            claim,
            receipt,
            how,
        } => {
            let on_the_way = [
                ClaimStatus::Draft,
                ClaimStatus::Submitted,
                ClaimStatus::Approved,
            ];
            let Some(id) = choose(w, ledger, claim, &on_the_way).await else {
                return Ok(());
            };
            match claim_of(w, id).await.status {
                ClaimStatus::Draft => submit(w, &what, id, *receipt).await?,
                ClaimStatus::Submitted => approve(w, &what, id, *how).await?,
                // Past its last step, finance is refused.
                _ => authorise(w, &what, id).await?,
            }
        }
        Op::Submit { claim, receipt } => {
            if let Some(id) = choose(w, ledger, claim, &[ClaimStatus::Draft]).await {
                submit(w, &what, id, *receipt).await?;
            }
        }
        Op::Approve { claim, how } => {
            if let Some(id) = choose(w, ledger, claim, &[ClaimStatus::Submitted]).await {
                approve(w, &what, id, *how).await?;
            }
        }
        Op::Authorise { claim } => {
            if let Some(id) = choose(w, ledger, claim, &[ClaimStatus::Approved]).await {
                authorise(w, &what, id).await?;
            }
        }
        Op::Reject { claim } => {
            let waiting = [ClaimStatus::Submitted, ClaimStatus::Approved];
            let Some(id) = choose(w, ledger, claim, &waiting).await else {
                return Ok(());
            };
            let before = snapshot(w).await;
            let c = claim_of(w, id).await;
            // Whoever takes the next step may stop it.
            let (who, expected) = match c.status {
                ClaimStatus::Submitted => (&w.lead, "done".into()),
                ClaimStatus::Approved => (&w.finance, "done".into()),
                _ => (&w.lead, conflict(WRONG_STATUS)),
            };
            let r = payments::reject(&w.app, who, id, "Not for this budget").await;
            step(w, &what, &before, &r, &[expected]).await?;
        }
        Op::Reverse {
            claim,
            line,
            reason,
        } => {
            let open = [
                ClaimStatus::Draft,
                ClaimStatus::Submitted,
                ClaimStatus::Approved,
            ];
            let Some(id) = choose(w, ledger, claim, &open).await else {
                return Ok(());
            };
            let before = snapshot(w).await;
            let c = claim_of(w, id).await;
            let lines = lines_of(w, id).await;
            let target = (!lines.is_empty()).then(|| &lines[line.index(lines.len())]);
            let expected = if reason.trim().is_empty() {
                "invalid reason=payments-error-reason".into()
            } else if !open.contains(&c.status) {
                conflict(WRONG_STATUS)
            } else {
                match target {
                    None => "invalid line_id=payments-error-line".into(),
                    Some(l)
                        if l.kind == "reversal"
                            || lines.iter().any(|r| r.reverses_line_id == Some(l.id)) =>
                    {
                        conflict("payments-error-reversed")
                    }
                    // Never below zero: the lower-fee line goes first.
                    Some(l)
                        if (l.is_fee && c.fee_pence - l.amount_pence < 0)
                            || (!l.is_fee && c.expenses_pence - l.amount_pence < 0) =>
                    {
                        conflict("payments-error-below-zero")
                    }
                    Some(_) => "done".into(),
                }
            };
            let line_id = target.map_or(0, |l| l.id);
            let r = payments::reverse_line(&w.app, &w.lead, id, line_id, reason).await;
            step(w, &what, &before, &r, &[expected]).await?;
            if r.is_ok() {
                ledger.reversals += 1;
            }
        }
        Op::Run {
            claims,
            authorised_only,
        } => {
            if ledger.claims.is_empty() {
                return Ok(());
            }
            let before = snapshot(w).await;
            let authorised: Vec<i64> = all_claims(w)
                .await
                .into_iter()
                .filter(|c| c.status == ClaimStatus::Authorised)
                .map(|c| c.id)
                .collect();
            let from = if *authorised_only {
                &authorised
            } else {
                &ledger.claims
            };
            let ids: BTreeSet<i64> = claims.iter().filter_map(|i| nth(from, i)).collect();
            let expected = if ids.is_empty() {
                "invalid claim_ids=payments-error-run-empty".into()
            } else if ids.iter().all(|id| authorised.contains(id)) {
                "done".into()
            } else {
                conflict("payments-error-in-run")
            };
            let list: Vec<i64> = ids.iter().copied().collect();
            let r = payments::create_run(&w.app, &w.finance, &list).await;
            step(w, &what, &before, &r, &[expected]).await?;
            if let Ok(run) = r {
                ledger.runs.push((run, ids));
            }
        }
        Op::Lock { run } | Op::Pay { run } => {
            let lock = matches!(op, Op::Lock { .. });
            let (from, refused) = if lock {
                ("open", "payments-error-run-locked")
            } else {
                ("locked", "payments-error-run-not-locked")
            };
            let runs: Vec<Run> = all_runs(w).await;
            let ready: Vec<i64> = runs
                .iter()
                .filter(|r| r.status == from)
                .map(|r| r.id)
                .collect();
            let any: Vec<i64> = runs.iter().map(|r| r.id).collect();
            let id = if run.aimed && !ready.is_empty() {
                nth(&ready, &run.at)
            } else {
                nth(&any, &run.at)
            };
            let Some(id) = id else {
                return Ok(());
            };
            let before = snapshot(w).await;
            let expected = if ready.contains(&id) {
                "done".into()
            } else {
                conflict(refused)
            };
            let r = if lock {
                payments::lock_run(&w.app, &w.finance, id).await
            } else {
                payments::mark_paid(&w.app, &w.finance, id).await
            };
            step(w, &what, &before, &r, &[expected]).await?;
        }
    }
    Ok(())
}

/// Plays the story's steps, then a last run of a random subset of the claims still authorised,
/// then finance leaves, locks, or locks and pays each run.
async fn play(w: &World, story: &Story) -> Result<Ledger, TestCaseError> {
    let mut ledger = Ledger::default();
    for op in &story.ops {
        play_op(w, &mut ledger, op).await?;
    }
    let authorised: Vec<i64> = all_claims(w)
        .await
        .into_iter()
        .filter(|c| c.status == ClaimStatus::Authorised)
        .map(|c| c.id)
        .collect();
    let mut chosen: BTreeSet<i64> = authorised
        .iter()
        .enumerate()
        .filter(|(i, _)| story.last_run[i % story.last_run.len()])
        .map(|(_, id)| *id)
        .collect();
    if chosen.is_empty()
        && let Some(first) = authorised.first()
    {
        chosen.insert(*first);
    }
    if !chosen.is_empty() {
        let before = snapshot(w).await;
        let list: Vec<i64> = chosen.iter().copied().collect();
        let r = payments::create_run(&w.app, &w.finance, &list).await;
        step(w, "the last run", &before, &r, &["done".into()]).await?;
        if let Ok(run) = r {
            ledger.runs.push((run, chosen));
        }
    }
    for (i, run) in all_runs(w).await.iter().enumerate() {
        let settle = story.settle[i % story.settle.len()];
        if settle != Settle::Leave && run.status == "open" {
            let before = snapshot(w).await;
            let r = payments::lock_run(&w.app, &w.finance, run.id).await;
            step(w, "locking at the end", &before, &r, &["done".into()]).await?;
        }
        if settle == Settle::LockAndPay && run.status != "paid" {
            let before = snapshot(w).await;
            let r = payments::mark_paid(&w.app, &w.finance, run.id).await;
            step(w, "paying at the end", &before, &r, &["done".into()]).await?;
        }
    }
    Ok(ledger)
}

// ---------------------------------------------------------------------------------------------
// The invariants
// ---------------------------------------------------------------------------------------------

/// Everything the invariants read, straight from the database.
struct Books {
    claims: Vec<Claim>,
    /// Every line, by claim.
    lines: BTreeMap<i64, Vec<Line>>,
    runs: Vec<Run>,
}

async fn books(w: &World) -> Books {
    let claims = all_claims(w).await;
    let mut lines = BTreeMap::new();
    for c in &claims {
        lines.insert(c.id, lines_of(w, c.id).await);
    }
    Books {
        claims,
        lines,
        runs: all_runs(w).await,
    }
}

/// 1. Each claim's fee, expenses, total and income are the sums of its lines of each kind, and
///    the claims are exactly those made.
fn totals_are_the_sums_of_their_lines(b: &Books, ledger: &Ledger) -> Result<(), TestCaseError> {
    let stored: BTreeSet<i64> = b.claims.iter().map(|c| c.id).collect();
    let made: BTreeSet<i64> = ledger.claims.iter().copied().collect();
    prop_assert_eq!(stored, made, "the claims stored are those made");
    for c in &b.claims {
        let lines = &b.lines[&c.id];
        let sum = |f: &dyn Fn(&Line) -> bool| -> i64 {
            lines.iter().filter(|l| f(l)).map(|l| l.amount_pence).sum()
        };
        let why = format!("claim {} with lines {lines:#?}", c.id);
        prop_assert_eq!(c.fee_pence + c.expenses_pence, c.total_pence, "{}", why);
        prop_assert!(
            c.fee_pence >= 0 && c.expenses_pence >= 0,
            "never below zero: fee {} expenses {}: {}",
            c.fee_pence,
            c.expenses_pence,
            why
        );
        prop_assert_eq!(c.fee_pence, sum(&|l| l.is_fee), "fee: {}", why);
        prop_assert_eq!(c.expenses_pence, sum(&|l| !l.is_fee), "expenses: {}", why);
        prop_assert_eq!(c.total_pence, sum(&|_| true), "total: {}", why);
        prop_assert_eq!(
            c.income_pence,
            sum(&|l| l.counts_as_income),
            "income: {}",
            why
        );
    }
    Ok(())
}

/// 2. Each reversal is the exact negative of a line of the same claim that is not itself a
///    reversal, of the same kind, so the pair nets to zero; no line is reversed twice; and
///    every correction done left exactly one reversal.
fn reversals_net_their_line_to_zero_once(b: &Books, ledger: &Ledger) -> Result<(), TestCaseError> {
    let by_id: BTreeMap<i64, &Line> = b.lines.values().flatten().map(|l| (l.id, l)).collect();
    let mut reversed = BTreeSet::new();
    for l in by_id.values() {
        prop_assert_eq!(
            l.kind == "reversal",
            l.reverses_line_id.is_some(),
            "only a reversal reverses a line: {:?}",
            l
        );
        let Some(target) = l.reverses_line_id else {
            continue;
        };
        let Some(t) = by_id.get(&target) else {
            return Err(TestCaseError::fail(format!(
                "{l:?} reverses a line that is not there"
            )));
        };
        prop_assert_eq!(
            t.claim_id,
            l.claim_id,
            "a reversal stays on its claim: {:?}",
            l
        );
        prop_assert_ne!(
            t.kind.as_str(),
            "reversal",
            "a reversal is never reversed: {:?}",
            l
        );
        prop_assert_eq!(
            l.amount_pence,
            -t.amount_pence,
            "{:?} is not the negative of {:?}",
            l,
            t
        );
        prop_assert_eq!(l.amount_pence + t.amount_pence, 0);
        prop_assert_eq!(
            (l.is_fee, l.counts_as_income, &l.category),
            (t.is_fee, t.counts_as_income, &t.category),
            "a reversal counts where its line counted: {:?} {:?}",
            l,
            t
        );
        prop_assert!(reversed.insert(target), "line {} is reversed twice", target);
    }
    prop_assert_eq!(
        reversed.len(),
        ledger.reversals,
        "one reversal per correction done"
    );
    Ok(())
}

fn number(s: &str) -> Result<i64, TestCaseError> {
    s.parse()
        .map_err(|_| TestCaseError::fail(format!("not a number: {s:?}")))
}

/// 3. Each run's lines, claims and stored total are equal, as the data layer and the use case
///    report them; its payroll export's per-person totals add up to it and to each person's
///    claims; and its accounts export's claim rows, person totals and `run_total` row equal it.
async fn runs_add_up_in_their_sums_and_both_exports(
    w: &World,
    b: &Books,
    ledger: &Ledger,
) -> Result<(), TestCaseError> {
    let stored: BTreeSet<i64> = b.runs.iter().map(|r| r.id).collect();
    let made: BTreeSet<i64> = ledger.runs.iter().map(|r| r.0).collect();
    prop_assert_eq!(stored, made, "the runs stored are those made");
    for (run, _) in &ledger.runs {
        let run = *run;
        let stored = b.runs.iter().find(|r| r.id == run).expect("the run");
        let theirs: Vec<&Claim> = b.claims.iter().filter(|c| c.run_id == Some(run)).collect();
        let lines: i64 = theirs
            .iter()
            .flat_map(|c| &b.lines[&c.id])
            .map(|l| l.amount_pence)
            .sum();
        let claims: i64 = theirs.iter().map(|c| c.total_pence).sum();
        let sums = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::payments::run_sums(&mut h.conn(), run)
                .await
                .expect("run sums")
        };
        let total = stored.total_pence;
        prop_assert_eq!(sums, (total, total, total), "run {} sums", run);
        prop_assert_eq!(
            (lines, claims),
            (total, total),
            "run {} read line by line",
            run
        );
        prop_assert_eq!(
            stored.claims_count,
            theirs.len() as i64,
            "run {} count",
            run
        );
        let view = payments::run(&w.app, &w.finance, run)
            .await
            .expect("the run's page");
        prop_assert_eq!(view.sums, (total, total, total), "run {} page sums", run);

        // Exports need a locked run: finance locks any still open, as it would to export.
        if stored.status == "open" {
            payments::lock_run(&w.app, &w.finance, run)
                .await
                .expect("lock to export");
        }
        let payroll =
            payments::export(&w.app, &w.finance, run, ExportFormat::Payroll, Language::En)
                .await
                .expect("payroll export");
        prop_assert_eq!(payroll[0][1].as_str(), "En:payments-export-col-person:");
        prop_assert_eq!(
            payroll[0][7].as_str(),
            "En:payments-export-col-total-pence:"
        );
        let mut people = BTreeSet::new();
        let mut payroll_total = 0;
        for r in &payroll[1..] {
            let person = number(&r[1])?;
            prop_assert!(
                people.insert(person),
                "one payroll row per person: {:?}",
                payroll
            );
            let of_person: Vec<&&Claim> = theirs.iter().filter(|c| c.person_id == person).collect();
            let (taxable, expenses, person_total) =
                (number(&r[5])?, number(&r[6])?, number(&r[7])?);
            prop_assert_eq!(taxable + expenses, person_total, "payroll row {:?}", r);
            prop_assert_eq!(
                number(&r[4])?,
                of_person.len() as i64,
                "payroll row {:?}",
                r
            );
            prop_assert_eq!(
                taxable,
                of_person.iter().map(|c| c.income_pence).sum::<i64>(),
                "payroll row {:?}",
                r
            );
            prop_assert_eq!(
                person_total,
                of_person.iter().map(|c| c.total_pence).sum::<i64>(),
                "payroll row {:?}",
                r
            );
            payroll_total += person_total;
        }
        prop_assert_eq!(payroll_total, total, "payroll people add up to run {}", run);

        let accounts = payments::export(
            &w.app,
            &w.finance,
            run,
            ExportFormat::Accounts,
            Language::En,
        )
        .await
        .expect("accounts export");
        prop_assert_eq!(accounts[0][1].as_str(), "En:payments-export-col-row:");
        prop_assert_eq!(
            accounts[0][11].as_str(),
            "En:payments-export-col-total-pence:"
        );
        let rows = |kind: &str| -> Vec<&Vec<String>> {
            accounts[1..].iter().filter(|r| r[1] == kind).collect()
        };
        let sum_of = |rows: &[&Vec<String>]| -> Result<i64, TestCaseError> {
            rows.iter().map(|r| number(&r[11])).sum()
        };
        let claim_rows = rows("En:payments-export-row-claim:");
        let in_export: BTreeSet<i64> = claim_rows
            .iter()
            .map(|r| number(&r[2]))
            .collect::<Result<_, _>>()?;
        let in_run: BTreeSet<i64> = theirs.iter().map(|c| c.id).collect();
        prop_assert_eq!(
            claim_rows.len(),
            in_export.len(),
            "each claim once in the accounts"
        );
        prop_assert_eq!(in_export, in_run, "the accounts list the run's claims");
        prop_assert_eq!(
            sum_of(&claim_rows)?,
            total,
            "accounts claim rows of run {}",
            run
        );
        prop_assert_eq!(
            sum_of(&rows("En:payments-export-row-person-total:"))?,
            total,
            "accounts people of run {}",
            run
        );
        prop_assert_eq!(
            sum_of(&rows("En:payments-export-row-cost-centre-total:"))?,
            total,
            "accounts cost centres of run {}",
            run
        );
        let run_total = rows("En:payments-export-row-run-total:");
        prop_assert_eq!(run_total.len(), 1, "one run_total row");
        let r = run_total[0];
        prop_assert_eq!(
            number(&r[11])?,
            total,
            "the accounts' run_total of run {}",
            run
        );
        prop_assert_eq!(
            number(&r[9])? + number(&r[10])?,
            total,
            "fees and expenses: {:?}",
            r
        );
    }
    Ok(())
}

/// 4. Each claim is in at most one run: the one that was asked to take it, which it joined
///    after finance authorised it; a claim in a run is in_run or paid (paid exactly when its
///    run is), and one not in a run is neither.
fn each_claim_joins_at_most_one_run_after_it_was_authorised(
    w: &World,
    b: &Books,
    ledger: &Ledger,
) -> Result<(), TestCaseError> {
    let mut asked: BTreeMap<i64, i64> = BTreeMap::new();
    for (run, ids) in &ledger.runs {
        for id in ids {
            if let Some(other) = asked.insert(*id, *run) {
                return Err(TestCaseError::fail(format!(
                    "claim {id} was taken by run {other} and run {run}"
                )));
            }
        }
    }
    for c in &b.claims {
        prop_assert_eq!(c.run_id, asked.get(&c.id).copied(), "claim {}'s run", c.id);
        let Some(run) = c.run_id else {
            prop_assert!(
                !matches!(c.status, ClaimStatus::InRun | ClaimStatus::Paid),
                "claim {} is {:?} without a run",
                c.id,
                c.status
            );
            continue;
        };
        let run = b
            .runs
            .iter()
            .find(|r| r.id == run)
            .expect("the claim's run");
        let paid = run.status == "paid";
        let expected = if paid {
            ClaimStatus::Paid
        } else {
            ClaimStatus::InRun
        };
        prop_assert_eq!(c.status, expected, "claim {} in run {}", c.id, run.id);
        prop_assert_eq!(
            c.authorised_by_user_id,
            Some(w.finance.user_id),
            "claim {} was authorised by finance",
            c.id
        );
        prop_assert!(
            c.authorised_at.is_some_and(|at| at < run.created_at),
            "claim {} was authorised at {:?}, not before run {} was made at {}",
            c.id,
            c.authorised_at,
            run.id,
            run.created_at
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Invariants {
    /// 1 and 2.
    ClaimsAndLines,
    /// 3 and 4.
    Runs,
}

async fn case(engine: Engine, story: &Story, check: Invariants) -> Result<(), TestCaseError> {
    let t = match engine {
        Engine::Sqlite => cairn_testkit::sqlite().await,
        Engine::Postgres => match cairn_testkit::postgres().await {
            Some(t) => t,
            // CAIRN_ALLOW_NO_PG=1 on a machine without PostgreSQL: the helper said so.
            None => return Ok(()),
        },
    };
    let w = world(t.db.clone(), &story.choices).await;
    let result = async {
        let ledger = play(&w, story).await?;
        let b = books(&w).await;
        match check {
            Invariants::ClaimsAndLines => {
                totals_are_the_sums_of_their_lines(&b, &ledger)?;
                reversals_net_their_line_to_zero_once(&b, &ledger)?;
            }
            Invariants::Runs => {
                runs_add_up_in_their_sums_and_both_exports(&w, &b, &ledger).await?;
                each_claim_joins_at_most_one_run_after_it_was_authorised(&w, &b, &ledger)?;
            }
        }
        Ok(())
    }
    .await;
    drop(w);
    t.db.close().await;
    drop(t);
    result
}

fn property(engine: Engine, check: Invariants) {
    let cases = match engine {
        Engine::Sqlite => SQLITE_CASES,
        Engine::Postgres => POSTGRES_CASES,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let config = ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        // Every shrink step builds a database: keep a failure's search short.
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    };
    proptest!(config, |(story in story())| {
        rt.block_on(case(engine, &story, check))?;
    });
}

#[test]
fn totals_always_equal_the_sum_of_their_lines_and_reversals_net_to_zero_once_on_sqlite() {
    property(Engine::Sqlite, Invariants::ClaimsAndLines);
}

#[test]
fn totals_always_equal_the_sum_of_their_lines_and_reversals_net_to_zero_once_on_postgres() {
    property(Engine::Postgres, Invariants::ClaimsAndLines);
}

#[test]
fn runs_always_add_up_and_hold_each_claim_once_after_it_was_authorised_on_sqlite() {
    property(Engine::Sqlite, Invariants::Runs);
}

#[test]
fn runs_always_add_up_and_hold_each_claim_once_after_it_was_authorised_on_postgres() {
    property(Engine::Postgres, Invariants::Runs);
}
