//! Use-case tests for payments and expenses: fees from the rate valid on the day, car mileage
//! across the tax year's 10,000-mile band, totals that are always the sum of append-only lines,
//! the two-person rule (in the use case, the statement and the table), a hundred people
//! authorising at once and fifty overlapping payment runs at once, runs and their exports, the
//! benefits guard and the statement, payment choices and profiles, receipts checked by content,
//! who may see what, and the reports.
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock.
//! Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::payments::{self, ExportFormat, FeeRateDraft, ProfileDraft, RECEIPT_MAX_BYTES};
use cairn_app::{Actor, App, AppError, AppResult, people, units};
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::payments::{Claim, ClaimQuery, Line, NewClaim, NewLine};
use cairn_db::{Db, DbError};
use cairn_domain::Role;
use cairn_domain::payments::{
    ActivityType, ClaimDraft, ClaimStatus, ExpenseCategory, ExpenseDraft, PaymentChoice,
};
use cairn_domain::people::{Language, PersonDraft};
use cairn_domain::time::DateParts;
use cairn_domain::units::UnitDraft;
use cairn_testkit::both_engines;
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async fn unit(app: &App, org: &Org, name: &str) -> i64 {
    let draft = UnitDraft {
        name: name.into(),
        service_id: Some(org.service),
        unit_type: "open_rehab".into(),
        beds: Some("12".into()),
        gender_mix: "mixed".into(),
        ..Default::default()
    };
    units::create_unit(app, &org.admin, &draft)
        .await
        .expect("create unit")
}

/// A person of the organisation, added by its administrator.
pub(crate) async fn person(
    app: &App,
    org: &Org,
    name: &str,
    constituency: &str,
    unit_ids: &[i64],
) -> i64 {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: constituency.into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    people::create(app, &org.admin, &draft)
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e:?}"))
}

/// The example rate card, as the demo adds it.
async fn examples(app: &App, org: i64) {
    let mut tx = app.db.begin().await.expect("begin");
    payments::add_examples(&mut tx.conn(), org, app.now())
        .await
        .expect("examples");
    tx.commit().await.expect("commit");
}

pub(crate) fn day(y: i16, m: i8, d: i8) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// An expense as typed: miles for mileage, pounds for everything else.
fn x(category: &str, value: &str) -> ExpenseDraft {
    let mileage = category.starts_with("mileage_");
    ExpenseDraft {
        category: category.into(),
        miles: if mileage { value.into() } else { String::new() },
        amount: if mileage { String::new() } else { value.into() },
    }
}

/// A claim as typed.
pub(crate) fn draft(
    activity: &str,
    on: (i16, i8, i8),
    hours: &str,
    minutes: &str,
    expenses: Vec<ExpenseDraft>,
) -> ClaimDraft {
    ClaimDraft {
        activity_type: activity.into(),
        activity_on: day(on.0, on.1, on.2),
        hours: hours.into(),
        minutes: minutes.into(),
        description: "Ward forum".into(),
        expenses,
    }
}

/// An organisation with the example rate card, two units, a lead, unit staff on Alder, finance,
/// and Mo: a service user on Alder with a member account.
pub(crate) struct World {
    pub(crate) app: App,
    pub(crate) org: Org,
    pub(crate) alder: i64,
    pub(crate) birch: i64,
    pub(crate) lead: Actor,
    pub(crate) staff: Actor,
    pub(crate) finance: Actor,
    pub(crate) mo: Actor,
    pub(crate) mo_id: i64,
}

pub(crate) async fn world(db: Db) -> World {
    let app = app(db);
    let org = org(&app, "Org A", "admin@org-a.example").await;
    examples(&app, org.id).await;
    let alder = unit(&app, &org, "Alder").await;
    let birch = unit(&app, &org, "Birch").await;
    let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
    let staff = account(
        &app,
        &org,
        "staff@org-a.example",
        Role::UnitStaff,
        &[alder],
        None,
    )
    .await;
    let finance = account(
        &app,
        &org,
        "finance@org-a.example",
        Role::Finance,
        &[],
        None,
    )
    .await;
    let mo_id = person(&app, &org, "Mo", "service_user", &[alder]).await;
    let mo = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo_id)).await;
    World {
        app,
        org,
        alder,
        birch,
        lead,
        staff,
        finance,
        mo,
        mo_id,
    }
}

/// A member on `units` with an account: (actor, person id).
pub(crate) async fn member(
    w: &World,
    name: &str,
    constituency: &str,
    units: &[i64],
) -> (Actor, i64) {
    let pid = person(&w.app, &w.org, name, constituency, units).await;
    let email = format!("{}@example.org", name.to_lowercase());
    let a = account(&w.app, &w.org, &email, Role::Member, &[], Some(pid)).await;
    (a, pid)
}

pub(crate) async fn make(app: &App, actor: &Actor, person: Option<i64>, d: &ClaimDraft) -> i64 {
    payments::create_claim(app, actor, person, None, d)
        .await
        .unwrap_or_else(|e| panic!("create claim {d:?}: {e:?}"))
}

pub(crate) async fn submitted(app: &App, actor: &Actor, id: i64) {
    payments::submit(app, actor, id)
        .await
        .unwrap_or_else(|e| panic!("submit {id}: {e:?}"));
}

pub(crate) async fn approved(app: &App, actor: &Actor, id: i64) {
    payments::approve(app, actor, id, None, "")
        .await
        .unwrap_or_else(|e| panic!("approve {id}: {e:?}"));
}

pub(crate) async fn authorised(app: &App, actor: &Actor, id: i64) {
    payments::authorise(app, actor, id)
        .await
        .unwrap_or_else(|e| panic!("authorise {id}: {e:?}"));
}

/// A claim the lead makes with `person`, submits and approves.
pub(crate) async fn approved_claim(w: &World, person: i64, d: &ClaimDraft) -> i64 {
    let id = make(&w.app, &w.lead, Some(person), d).await;
    submitted(&w.app, &w.lead, id).await;
    approved(&w.app, &w.lead, id).await;
    id
}

/// A claim approved by the lead and authorised by finance.
pub(crate) async fn authorised_claim(w: &World, person: i64, d: &ClaimDraft) -> i64 {
    let id = approved_claim(w, person, d).await;
    authorised(&w.app, &w.finance, id).await;
    id
}

/// A run of `ids`, locked and marked paid by finance.
pub(crate) async fn paid_run(w: &World, ids: &[i64]) -> i64 {
    let run = payments::create_run(&w.app, &w.finance, ids)
        .await
        .expect("create run");
    payments::lock_run(&w.app, &w.finance, run)
        .await
        .expect("lock");
    payments::mark_paid(&w.app, &w.finance, run)
        .await
        .expect("mark paid");
    run
}

/// A claim as stored, read past the permission check.
pub(crate) async fn stored(app: &App, org: i64, id: i64) -> Claim {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::payments::get_claim(&mut h.conn(), org, id)
        .await
        .expect("get claim")
        .expect("claim exists")
}

async fn lines_of(app: &App, id: i64) -> Vec<Line> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::payments::lines(&mut h.conn(), id)
        .await
        .expect("lines")
}

/// The kinds of a claim's history, oldest first.
async fn events_of(app: &App, id: i64) -> Vec<String> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::payments::events(&mut h.conn(), id)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

pub(crate) async fn audit_of(app: &App, org: i64, entity: &str) -> Vec<Entry> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &AuditQuery {
            entity: Some(entity.into()),
            limit: 1000,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
}

async fn notices_of(app: &App, user_id: i64) -> Vec<cairn_db::notices::Notice> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), user_id, 50)
        .await
        .expect("notices")
}

/// A count over the whole (fresh, per-test) database.
pub(crate) async fn count(app: &App, sql: &str) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, sql).unwrap_or_else(|e| panic!("{sql}: {e:?}"))
}

/// Runs a raw statement with one bound id, as someone with a database console might.
pub(crate) async fn raw(app: &App, sql: &str, id: i64) -> Result<u64, DbError> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::execute!(&mut h.conn(), sql, id)
}

/// Checks that a claim's totals are the sums of its lines, kind by kind, and returns it.
async fn assert_totals(app: &App, org: i64, id: i64) -> Claim {
    let c = stored(app, org, id).await;
    let lines = lines_of(app, id).await;
    let sum = |f: &dyn Fn(&Line) -> bool| -> i64 {
        lines.iter().filter(|l| f(l)).map(|l| l.amount_pence).sum()
    };
    let fee = sum(&|l| l.is_fee);
    let expenses = sum(&|l| !l.is_fee);
    let income = sum(&|l| l.counts_as_income);
    assert_eq!(
        c.fee_pence, fee,
        "fee is the sum of the fee lines: {lines:?}"
    );
    assert_eq!(
        c.expenses_pence, expenses,
        "expenses are the sum of the expense lines"
    );
    assert_eq!(c.total_pence, c.fee_pence + c.expenses_pence);
    assert_eq!(
        c.total_pence,
        sum(&|_| true),
        "total is the sum of every line"
    );
    assert_eq!(c.income_pence, income);
    // And the database agrees, summed by kind.
    let mut h = app.db.acquire().await.expect("acquire");
    let by_kind: Vec<(String, i64)> = cairn_db::fetch_all!(
        &mut h.conn(),
        (String, i64),
        "SELECT kind, CAST(SUM(amount_pence) AS BIGINT) FROM claim_lines WHERE claim_id = $1 GROUP BY kind ORDER BY kind",
        id
    )
    .expect("sums by kind");
    let kinds: i64 = by_kind.iter().map(|(_, p)| p).sum();
    assert_eq!(kinds, c.total_pence, "sums by kind: {by_kind:?}");
    c
}

/// Checks that the database refused a raw statement, and for the reason given (a CHECK
/// constraint or the append-only trigger), on either engine.
#[track_caller]
fn assert_refused(r: &Result<u64, DbError>, because: &str) {
    match r {
        Err(e) => {
            let text = e.to_string().to_lowercase();
            assert!(
                text.contains(because),
                "refused, but not because of {because}: {text}"
            );
        }
        Ok(n) => panic!("the database accepted it ({n} rows): expected {because}"),
    }
}

#[track_caller]
fn assert_invalid<T: Debug>(r: AppResult<T>, field: &str, code: &str) {
    match r {
        Err(AppError::Invalid(e)) => assert_eq!(
            e.for_field(field).map(|f| f.code),
            Some(code),
            "expected {code} on `{field}`, got {e:?}"
        ),
        other => panic!("expected Invalid on `{field}`, got {other:?}"),
    }
}

#[track_caller]
fn assert_not_found<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::NotFound)),
        "expected NotFound, got {r:?}"
    );
}

#[track_caller]
fn assert_forbidden<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::Forbidden)),
        "expected Forbidden, got {r:?}"
    );
}

#[track_caller]
pub(crate) fn assert_conflict<T: Debug>(r: AppResult<T>, id: &str) {
    match r {
        Err(AppError::Conflict(got)) => assert_eq!(got, id),
        other => panic!("expected Conflict({id}), got {other:?}"),
    }
}

/// A PNG's signature and the start of its header, then every byte value.
pub(crate) fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
    ]);
    b.extend(0..=255u8);
    b
}

fn jpeg() -> Vec<u8> {
    let mut b = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    b.extend((0..=255u8).rev());
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    b.extend_from_slice(&[0, 0xFF, 0x7F, 0x80]);
    b.extend_from_slice(b"\n%%EOF\n");
    b
}

fn sha256_hex(b: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(b))
}

// ---------------------------------------------------------------------------------------------
// Fees from the rate card
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_rate_card_holds_the_documented_figures_each_marked_as_an_example() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;

        // Exec
        let card = payments::rate_card(&w.app, &w.mo).await.expect("rate card");

        // Check
        let fee = |a: &str| {
            let r = card
                .fees
                .iter()
                .find(|r| r.activity_type.key() == a)
                .unwrap_or_else(|| panic!("a fee rate for {a}"));
            assert!(r.example, "{a} is marked as an example");
            assert_eq!(
                (r.valid_from.as_str(), r.valid_to.as_deref()),
                ("2025-04-06", None)
            );
            (r.basis.key(), r.hour_pence, r.half_day_pence, r.day_pence)
        };
        assert_eq!(card.fees.len(), 5);
        assert_eq!(fee("meeting"), ("session", 0, 7500, 15000));
        assert_eq!(fee("interview_panel"), ("session", 0, 7500, 15000));
        assert_eq!(fee("training_delivery"), ("hour", 2500, 0, 0));
        assert_eq!(fee("consultation"), ("hour", 2000, 0, 0));
        assert_eq!(fee("other"), ("hour", 1380, 0, 0));
        let exp = |c: &str| {
            let r = card
                .expenses
                .iter()
                .find(|r| r.category.key() == c)
                .unwrap_or_else(|| panic!("an expense rate for {c}"));
            assert!(r.example);
            (
                r.per_mile_pence,
                r.after_band_pence,
                r.band_miles,
                r.limit_pence,
                r.needs_receipt,
                r.needs_preapproval,
                r.counts_as_income,
            )
        };
        assert_eq!(card.expenses.len(), 8);
        assert_eq!(exp("mileage_car"), (45, 25, 10_000, 0, false, false, false));
        assert_eq!(exp("mileage_passenger"), (5, 0, 0, 0, false, false, false));
        assert_eq!(exp("mileage_bicycle"), (20, 0, 0, 0, false, false, false));
        assert_eq!(exp("public_transport"), (0, 0, 0, 5000, true, false, false));
        assert_eq!(exp("parking"), (0, 0, 0, 1500, true, false, false));
        assert_eq!(exp("meal"), (0, 0, 0, 1000, true, false, false));
        assert_eq!(exp("care_cover"), (0, 0, 0, 10000, true, true, false));
        assert_eq!(exp("online_allowance"), (0, 0, 0, 500, false, false, true));
        assert_eq!(card.presets.len(), 3);
        assert!(card.presets.iter().all(|p| p.example && p.period == "week"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_half_a_day_under_four_hours_and_a_day_from_four_and_an_hour_rate_is_pro_rata()
{
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let cases = [
            ("meeting", "3", "59", 7500),
            ("meeting", "4", "0", 15000),
            ("interview_panel", "0", "30", 7500),
            ("interview_panel", "7", "15", 15000),
            ("training_delivery", "1", "30", 3750),
            ("consultation", "0", "45", 1500),
            // £13.80 an hour for ten minutes is 230p.
            ("other", "0", "10", 230),
        ];

        // Exec
        let mut made = Vec::new();
        for (activity, h, m, _) in cases {
            made.push(
                make(
                    &w.app,
                    &w.mo,
                    None,
                    &draft(activity, (2026, 3, 23), h, m, vec![]),
                )
                .await,
            );
        }

        // Check
        for ((activity, h, m, want), id) in cases.iter().zip(&made) {
            let c = assert_totals(&w.app, w.org.id, *id).await;
            assert_eq!(c.fee_pence, *want, "{activity} for {h}h{m}");
            assert_eq!(c.expenses_pence, 0);
            assert_eq!(c.income_pence, *want, "a fee is income");
            assert_eq!(c.status, ClaimStatus::Draft);
            assert_eq!(c.person_id, w.mo_id);
            assert_eq!(
                c.unit_id,
                Some(w.alder),
                "the cost centre is the person's unit"
            );
            assert_eq!(c.constituency, "service_user");
            assert_eq!(c.choice, "bank", "no profile yet: paid by bank");
            let minutes: i64 = h.parse::<i64>().expect("h") * 60 + m.parse::<i64>().expect("m");
            assert_eq!(c.minutes, minutes);
            let lines = lines_of(&w.app, *id).await;
            assert_eq!(lines.len(), 1);
            assert_eq!(
                (
                    lines[0].kind.as_str(),
                    lines[0].amount_pence,
                    lines[0].is_fee,
                    lines[0].counts_as_income
                ),
                ("fee", *want, true, true)
            );
            assert_eq!(events_of(&w.app, *id).await, vec!["made"]);
        }
        let audited = audit_of(&w.app, w.org.id, "claim").await;
        assert_eq!(audited.len(), cases.len(), "each claim is audited once");
        assert!(
            audited
                .iter()
                .all(|e| e.action == "create" && e.on_behalf_of_person_id == Some(w.mo_id))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_valid_on_the_activity_date_is_used_where_an_old_rate_ends_and_a_new_one_starts() {
    both_engines(|db| async move {
        // Setup: no examples; finance keeps the rate card.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let alder = unit(&app, &org, "Alder").await;
        let finance = account(
            &app,
            &org,
            "finance@org-a.example",
            Role::Finance,
            &[],
            None,
        )
        .await;
        let mo_id = person(&app, &org, "Mo", "service_user", &[alder]).await;
        let mo = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo_id)).await;
        let hourly = |activity: &str, pounds: &str, from: DateParts, to: DateParts| FeeRateDraft {
            activity_type: activity.into(),
            basis: "hour".into(),
            hour: pounds.into(),
            valid_from: from,
            valid_to: to,
            source: "Involvement policy".into(),
            ..Default::default()
        };
        let rates = [
            hourly("consultation", "20.00", day(2025, 4, 6), day(2025, 12, 15)),
            hourly(
                "consultation",
                "£22",
                day(2025, 12, 16),
                DateParts::default(),
            ),
            // Two open-ended rates overlap: the later start wins from its first day.
            hourly("meeting", "10", day(2025, 4, 6), DateParts::default()),
            hourly("meeting", "12", day(2026, 1, 1), DateParts::default()),
        ];
        for r in &rates {
            payments::add_fee_rate(&app, &finance, r)
                .await
                .unwrap_or_else(|e| panic!("add rate {r:?}: {e:?}"));
        }
        let bad_end = payments::add_fee_rate(
            &app,
            &finance,
            &hourly("other", "10", day(2026, 1, 2), day(2026, 1, 1)),
        )
        .await;
        let member_adds = payments::add_fee_rate(&app, &mo, &rates[0]).await;

        // Exec
        let one_hour = |activity, on| draft(activity, on, "1", "0", vec![]);
        let cases = [
            ("consultation", (2025, 12, 15), 2000),
            ("consultation", (2025, 12, 16), 2200),
            ("consultation", (2026, 3, 29), 2200),
            ("meeting", (2025, 12, 31), 1000),
            ("meeting", (2026, 1, 1), 1200),
        ];
        let mut got = Vec::new();
        for (activity, on, _) in cases {
            let id = make(&app, &mo, None, &one_hour(activity, on)).await;
            got.push(stored(&app, org.id, id).await.fee_pence);
        }

        // Check
        assert_eq!(got, cases.map(|c| c.2).to_vec());
        assert_invalid(bad_end, "valid_to", "payments-error-valid-to");
        assert_forbidden(member_adds);
        let card = payments::rate_card(&app, &mo).await.expect("card");
        let consultation: Vec<_> = card
            .fees
            .iter()
            .filter(|r| r.activity_type == ActivityType::Consultation)
            .map(|r| {
                (
                    r.hour_pence,
                    r.valid_from.as_str(),
                    r.valid_to.as_deref(),
                    r.example,
                )
            })
            .collect();
        assert_eq!(
            consultation,
            vec![
                (2200, "2025-12-16", None, false),
                (2000, "2025-04-06", Some("2025-12-15"), false)
            ],
            "newest first, entered rates are not examples"
        );
        assert_eq!(audit_of(&app, org.id, "fee_rate").await.len(), 4);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_rate_for_the_activity_the_claim_is_refused_on_activity_type_and_nothing_is_stored()
{
    both_engines(|db| async move {
        // Setup: the only rate is for consultations from 16 December 2025.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let alder = unit(&app, &org, "Alder").await;
        let finance = account(
            &app,
            &org,
            "finance@org-a.example",
            Role::Finance,
            &[],
            None,
        )
        .await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[alder],
            None,
        )
        .await;
        let mo_id = person(&app, &org, "Mo", "service_user", &[alder]).await;
        let mo = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo_id)).await;
        payments::add_fee_rate(
            &app,
            &finance,
            &FeeRateDraft {
                activity_type: "consultation".into(),
                basis: "hour".into(),
                hour: "20".into(),
                valid_from: day(2025, 12, 16),
                source: "Policy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("rate");

        // Exec
        let before_rate = payments::create_claim(
            &app,
            &mo,
            None,
            None,
            &draft("consultation", (2025, 12, 15), "1", "0", vec![]),
        )
        .await;
        let other_activity = payments::create_claim(
            &app,
            &mo,
            None,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("mileage_car", "3")],
            ),
        )
        .await;
        let by_staff = payments::create_claim(
            &app,
            &staff,
            Some(mo_id),
            None,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;

        // Check
        for r in [before_rate, other_activity, by_staff] {
            assert_invalid(r, "activity_type", "payments-error-no-rate");
        }
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM claims").await,
            0,
            "no claim row"
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM claim_lines").await, 0);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM claim_events").await, 0);
        assert!(
            audit_of(&app, org.id, "claim").await.is_empty(),
            "no audit row"
        );
        assert!(
            notices_of(&app, mo.user_id).await.is_empty(),
            "nobody told of a claim that was not made"
        );
        let on_the_day = make(
            &app,
            &mo,
            None,
            &draft("consultation", (2025, 12, 16), "1", "0", vec![]),
        )
        .await;
        assert_eq!(stored(&app, org.id, on_the_day).await.fee_pence, 2000);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Mileage
// ---------------------------------------------------------------------------------------------

/// Car miles already claimed: a submitted claim written straight to the database.
async fn past_car_miles(app: &App, org: i64, person: i64, on: &str, tenths: i64) -> i64 {
    let mut tx = app.db.begin().await.expect("begin");
    let id = cairn_db::payments::insert_claim(
        &mut tx.conn(),
        org,
        &NewClaim {
            person_id: person,
            unit_id: None,
            constituency: "service_user",
            activity: ActivityType::Meeting,
            activity_on: on,
            minutes: 60,
            description: "Earlier travel",
            meeting_id: None,
            training_session_id: None,
            choice: PaymentChoice::Bank,
            created_by_user_id: None,
            created_by_label: "system",
        },
        app.now(),
    )
    .await
    .expect("insert claim");
    cairn_db::payments::add_line(
        &mut tx.conn(),
        id,
        &NewLine {
            kind: "expense",
            category: Some(ExpenseCategory::MileageCar),
            miles_tenths: Some(tenths),
            amount_pence: tenths * 45 / 10,
            counts_as_income: false,
            is_fee: false,
            note: None,
            reverses_line_id: None,
            preapproved: false,
        },
        app.now(),
        "system",
    )
    .await
    .expect("line");
    assert!(
        cairn_db::payments::submit(&mut tx.conn(), id, app.now())
            .await
            .expect("submit")
    );
    tx.commit().await.expect("commit");
    id
}

fn car_lines(lines: &[Line]) -> Vec<(Option<i64>, i64)> {
    lines
        .iter()
        .filter(|l| l.category.as_deref() == Some("mileage_car"))
        .map(|l| (l.miles_tenths, l.amount_pence))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn car_mileage_drops_to_25p_after_10000_miles_in_the_tax_year_and_starts_at_45p_in_the_next()
{
    both_engines(|db| async move {
        // Setup: 9,000 miles from June and 990 from September: 9,990 this tax year.
        let w = world(db).await;
        past_car_miles(&w.app, w.org.id, w.mo_id, "2025-06-01", 90_000).await;
        let september = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2025, 9, 1),
                "2",
                "0",
                vec![x("mileage_car", "990")],
            ),
        )
        .await;

        // Exec: 30 miles in March as two journeys (5 and 25 miles), 30 the day after the tax
        // year ends, and 30 the day before the tax year began.
        let march = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 2),
                "2",
                "0",
                vec![x("mileage_car", "5"), x("mileage_car", "25")],
            ),
        )
        .await;
        let next_year = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 4, 6),
                "2",
                "0",
                vec![x("mileage_car", "30")],
            ),
        )
        .await;
        // No fee rate existed before 6 April 2025, so that claim is for expenses only.
        payments::set_profile(&w.app, &w.mo, w.mo_id, &choice("expenses_only", ""))
            .await
            .expect("expenses only");
        let last_year = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2025, 4, 5),
                "2",
                "0",
                vec![x("mileage_car", "30")],
            ),
        )
        .await;

        // Check
        assert_eq!(
            car_lines(&lines_of(&w.app, september).await),
            vec![(Some(9900), 990 * 45)]
        );
        assert_eq!(
            car_lines(&lines_of(&w.app, march).await),
            vec![(Some(50), 5 * 45), (Some(250), 5 * 45 + 20 * 25)],
            "10 miles at 45p, then the rest at 25p"
        );
        let m = assert_totals(&w.app, w.org.id, march).await;
        assert_eq!(m.expenses_pence, 10 * 45 + 20 * 25);
        assert_eq!(
            (m.fee_pence, m.income_pence),
            (7500, 7500),
            "mileage is not income"
        );
        assert_eq!(
            car_lines(&lines_of(&w.app, next_year).await),
            vec![(Some(300), 30 * 45)]
        );
        assert_eq!(
            car_lines(&lines_of(&w.app, last_year).await),
            vec![(Some(300), 30 * 45)]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn miles_on_rejected_claims_and_reversed_lines_do_not_count_towards_the_band() {
    both_engines(|db| async move {
        // Setup: Ana has 9,000 miles; a 990-mile claim is rejected and a 500-mile line reversed.
        let w = world(db).await;
        let ana = person(&w.app, &w.org, "Ana", "carer", &[w.alder]).await;
        past_car_miles(&w.app, w.org.id, ana, "2025-06-01", 90_000).await;
        let rejected = make(
            &w.app,
            &w.lead,
            Some(ana),
            &draft(
                "meeting",
                (2025, 7, 1),
                "2",
                "0",
                vec![x("mileage_car", "990")],
            ),
        )
        .await;
        submitted(&w.app, &w.lead, rejected).await;
        payments::reject(&w.app, &w.lead, rejected, "Not our meeting")
            .await
            .expect("reject");
        let corrected = make(
            &w.app,
            &w.lead,
            Some(ana),
            &draft(
                "meeting",
                (2025, 8, 1),
                "2",
                "0",
                vec![x("mileage_car", "500")],
            ),
        )
        .await;
        let line = lines_of(&w.app, corrected)
            .await
            .into_iter()
            .find(|l| l.category.as_deref() == Some("mileage_car"))
            .expect("car line");
        payments::reverse_line(&w.app, &w.lead, corrected, line.id, "Went by train")
            .await
            .expect("reverse");

        // Exec
        let thirty = make(
            &w.app,
            &w.lead,
            Some(ana),
            &draft(
                "meeting",
                (2025, 9, 1),
                "2",
                "0",
                vec![x("mileage_car", "30")],
            ),
        )
        .await;
        let thousand = make(
            &w.app,
            &w.lead,
            Some(ana),
            &draft(
                "meeting",
                (2025, 9, 2),
                "2",
                "0",
                vec![x("mileage_car", "1000")],
            ),
        )
        .await;

        // Check
        assert_eq!(
            stored(&w.app, w.org.id, rejected).await.status,
            ClaimStatus::Rejected
        );
        assert_eq!(
            car_lines(&lines_of(&w.app, thirty).await),
            vec![(Some(300), 30 * 45)],
            "9,000 miles counted, the rejected and reversed ones not"
        );
        assert_eq!(
            car_lines(&lines_of(&w.app, thousand).await),
            vec![(Some(10_000), 970 * 45 + 30 * 25)],
            "9,030 before: 970 at 45p, 30 at 25p"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_back_dated_claim_counts_the_miles_already_claimed_later_in_the_same_tax_year() {
    both_engines(|db| async move {
        // Setup: 9,990 miles already claimed, all dated March 2026.
        let w = world(db).await;
        past_car_miles(&w.app, w.org.id, w.mo_id, "2026-03-01", 90_000).await;
        past_car_miles(&w.app, w.org.id, w.mo_id, "2026-03-02", 9_900).await;

        // Exec: 30 miles for a meeting back in May 2025, claimed late.
        let late = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2025, 5, 1),
                "2",
                "0",
                vec![x("mileage_car", "30")],
            ),
        )
        .await;

        // Check: the band is the tax year's, whichever order the claims come in.
        assert_eq!(
            car_lines(&lines_of(&w.app, late).await),
            vec![(Some(300), 10 * 45 + 20 * 25)],
            "only 10 miles were left at 45p"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Totals and append-only lines
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totals_equal_the_sum_of_lines_after_creation_paying_less_and_a_reversal_that_nets_to_zero()
{
    both_engines(|db| async move {
        // Setup: a two-hour meeting (£75), 10 car miles (£4.50) and the online allowance (£5).
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("mileage_car", "10"), x("online_allowance", "5")],
            ),
        )
        .await;
        let created = assert_totals(&w.app, w.org.id, id).await;
        submitted(&w.app, &w.mo, id).await;
        let car = lines_of(&w.app, id)
            .await
            .into_iter()
            .find(|l| l.category.as_deref() == Some("mileage_car"))
            .expect("car line");

        // Exec
        let by_member = payments::reverse_line(&w.app, &w.mo, id, car.id, "Mistake").await;
        let no_reason = payments::reverse_line(&w.app, &w.lead, id, car.id, "  ").await;
        payments::reverse_line(&w.app, &w.lead, id, car.id, "Came by bus")
            .await
            .expect("reverse");
        let reversed = assert_totals(&w.app, w.org.id, id).await;
        let again = payments::reverse_line(&w.app, &w.lead, id, car.id, "Again").await;
        let reversal = lines_of(&w.app, id)
            .await
            .last()
            .cloned()
            .expect("reversal");
        let of_reversal = payments::reverse_line(&w.app, &w.lead, id, reversal.id, "Undo").await;
        let lines_before_approval = lines_of(&w.app, id).await.len();
        payments::approve(&w.app, &w.lead, id, Some(5000), "Left after the first hour")
            .await
            .expect("approve paying less");
        let paid_less = assert_totals(&w.app, w.org.id, id).await;

        // Check
        assert_eq!(
            (
                created.fee_pence,
                created.expenses_pence,
                created.total_pence,
                created.income_pence
            ),
            (7500, 950, 8450, 8000),
            "the allowance counts as income, mileage does not"
        );
        assert_forbidden(by_member);
        assert_invalid(no_reason, "reason", "payments-error-reason");
        assert_eq!(
            (
                reversal.kind.as_str(),
                reversal.amount_pence,
                reversal.reverses_line_id
            ),
            ("reversal", -450, Some(car.id))
        );
        assert_eq!(reversal.note.as_deref(), Some("Came by bus"));
        assert_eq!(
            car.amount_pence + reversal.amount_pence,
            0,
            "the reversal nets its line to zero"
        );
        assert_eq!(
            (
                reversed.fee_pence,
                reversed.expenses_pence,
                reversed.total_pence
            ),
            (7500, 500, 8000)
        );
        assert_conflict(again, "payments-error-reversed");
        assert_conflict(of_reversal, "payments-error-reversed");
        assert_eq!(
            lines_before_approval, 4,
            "refused corrections added nothing"
        );
        assert_eq!(
            (
                paid_less.fee_pence,
                paid_less.expenses_pence,
                paid_less.total_pence,
                paid_less.income_pence
            ),
            (5000, 500, 5500, 5500)
        );
        assert_eq!(paid_less.status, ClaimStatus::Approved);
        let kinds: Vec<String> = lines_of(&w.app, id)
            .await
            .into_iter()
            .map(|l| l.kind)
            .collect();
        assert_eq!(
            kinds,
            vec!["fee", "expense", "expense", "reversal", "adjustment"]
        );
        assert_eq!(
            events_of(&w.app, id).await,
            vec!["made", "submitted", "corrected", "paid_less", "approved"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_to_change_or_delete_a_money_line_or_to_break_a_total() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("mileage_car", "10")],
            ),
        )
        .await;
        let before = lines_of(&w.app, id).await;
        let claim_before = stored(&w.app, w.org.id, id).await;
        let line = before[0].id;

        // Exec
        let results = [
            raw(
                &w.app,
                "UPDATE claim_lines SET amount_pence = 1 WHERE id = $1",
                line,
            )
            .await,
            raw(
                &w.app,
                "UPDATE claim_lines SET note = 'changed' WHERE id = $1",
                line,
            )
            .await,
            raw(&w.app, "DELETE FROM claim_lines WHERE id = $1", line).await,
            raw(&w.app, "DELETE FROM claim_lines WHERE claim_id = $1", id).await,
            raw(
                &w.app,
                "UPDATE claims SET total_pence = total_pence + 1 WHERE id = $1",
                id,
            )
            .await,
            raw(
                &w.app,
                "UPDATE claims SET fee_pence = fee_pence + 1 WHERE id = $1",
                id,
            )
            .await,
        ];

        // Check
        for r in &results[..4] {
            assert_refused(r, "claim lines are append-only");
        }
        for r in &results[4..] {
            assert_refused(r, "check constraint");
        }
        assert_eq!(lines_of(&w.app, id).await, before, "every line as it was");
        let after = assert_totals(&w.app, w.org.id, id).await;
        assert_eq!(
            (after.fee_pence, after.expenses_pence, after.total_pence),
            (
                claim_before.fee_pence,
                claim_before.expenses_pence,
                claim_before.total_pence
            )
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Two people, always
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_approves_their_own_claim_whether_member_or_lead() {
    both_engines(|db| async move {
        // Setup: Mo's own claim, and a claim staff made with Lee, a lead with a person record.
        let w = world(db).await;
        let mine = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, mine).await;
        let lee_id = person(&w.app, &w.org, "Lee", "staff", &[w.alder]).await;
        let lee = account(
            &w.app,
            &w.org,
            "lee@org-a.example",
            Role::Lead,
            &[],
            Some(lee_id),
        )
        .await;
        let lees = make(
            &w.app,
            &w.staff,
            Some(lee_id),
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.staff, lees).await;

        // Exec
        let member_approves = payments::approve(&w.app, &w.mo, mine, None, "").await;
        let lead_approves_own = payments::approve(&w.app, &lee, lees, None, "").await;
        let lead_rejects_own = payments::reject(&w.app, &lee, lees, "Not needed").await;
        let lead_corrects_own =
            payments::reverse_line(&w.app, &lee, lees, lines_of(&w.app, lees).await[0].id, "x")
                .await;
        let lead_claims_for_self = payments::create_claim(
            &w.app,
            &lee,
            None,
            None,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        let view = payments::claim(&w.app, &lee, lees).await.expect("view");
        let sneaky = raw(
            &w.app,
            "UPDATE claims SET approved_by_person_id = person_id WHERE id = $1",
            lees,
        )
        .await;

        // Check
        assert_forbidden(member_approves);
        assert_conflict(lead_approves_own, "payments-error-own-claim");
        assert_conflict(lead_rejects_own, "payments-error-own-claim");
        assert_conflict(lead_corrects_own, "payments-error-own-claim");
        assert_forbidden(lead_claims_for_self);
        assert!(!view.can_approve && !view.can_reject && !view.can_correct);
        assert_eq!(view.blocked, Some("payments-error-own-claim"));
        assert_refused(&sneaky, "check constraint");
        for id in [mine, lees] {
            let c = stored(&w.app, w.org.id, id).await;
            assert_eq!(
                (c.status, c.approved_by_user_id),
                (ClaimStatus::Submitted, None)
            );
            assert!(!events_of(&w.app, id).await.contains(&"approved".to_owned()));
        }
        approved(&w.app, &w.lead, lees).await;
        approved(&w.app, &lee, mine).await;
        assert_eq!(
            stored(&w.app, w.org.id, mine).await.approved_by_user_id,
            Some(lee.user_id)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_finance_authorises_never_the_claimant_and_never_the_approver() {
    both_engines(|db| async move {
        // Setup: approved by the lead; a second finance account belongs to Mo herself.
        let w = world(db).await;
        let id = approved_claim(&w, w.mo_id, &draft("meeting", (2026, 3, 23), "2", "0", vec![])).await;
        let mo_finance =
            account(&w.app, &w.org, "mo-finance@org-a.example", Role::Finance, &[], Some(w.mo_id)).await;
        let waiting = make(&w.app, &w.mo, None, &draft("meeting", (2026, 3, 23), "1", "0", vec![])).await;
        submitted(&w.app, &w.mo, waiting).await;

        // Exec
        let approver = payments::authorise(&w.app, &w.lead, id).await;
        let admin = payments::authorise(&w.app, &w.org.admin, id).await;
        let staff = payments::authorise(&w.app, &w.staff, id).await;
        let member = payments::authorise(&w.app, &w.mo, id).await;
        let own = payments::authorise(&w.app, &mo_finance, id).await;
        let finance_approves = payments::approve(&w.app, &w.finance, waiting, None, "").await;
        let same_person = raw(
            &w.app,
            "UPDATE claims SET status = 'authorised', authorised_by_user_id = approved_by_user_id WHERE id = $1",
            id,
        )
        .await;
        let claimant = raw(
            &w.app,
            "UPDATE claims SET authorised_by_person_id = person_id WHERE id = $1",
            id,
        )
        .await;
        let untouched = stored(&w.app, w.org.id, id).await;
        authorised(&w.app, &w.finance, id).await;
        let twice = payments::authorise(&w.app, &w.finance, id).await;

        // Check
        for r in [approver, admin, staff, member] {
            assert_forbidden(r);
        }
        assert_conflict(own, "payments-error-own-claim");
        assert_forbidden(finance_approves);
        assert_refused(&same_person, "check constraint");
        assert_refused(&claimant, "check constraint");
        assert_eq!(
            (untouched.status, untouched.authorised_by_user_id),
            (ClaimStatus::Approved, None)
        );
        let c = stored(&w.app, w.org.id, id).await;
        assert_eq!(c.status, ClaimStatus::Authorised);
        assert_eq!(c.approved_by_user_id, Some(w.lead.user_id));
        assert_eq!(c.authorised_by_user_id, Some(w.finance.user_id));
        assert_conflict(twice, "payments-error-wrong-status");
        assert_eq!(
            events_of(&w.app, id).await,
            vec!["made_for", "submitted", "approved", "authorised"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_authorises_only_once_the_activity_day_has_come_on_the_organisations_clock() {
    both_engines(|db| async move {
        // Setup: a meeting on 10 April 2026, approved in advance.
        let w = world(db).await;
        let id = approved_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 4, 10), "2", "0", vec![]),
        )
        .await;

        // Exec: 23:30 on the 9th in London (22:30 UTC), then 00:30 on the 10th (23:30 UTC).
        let early = payments::authorise(&w.app, &w.finance, id).await;
        w.app.clock.set(utc(2026, 4, 9, 22, 30));
        let late_evening = payments::authorise(&w.app, &w.finance, id).await;
        let still_approved = stored(&w.app, w.org.id, id).await.status;
        w.app.clock.set(utc(2026, 4, 9, 23, 30));
        let on_the_day = payments::authorise(&w.app, &w.finance, id).await;

        // Check
        assert_conflict(early, "payments-error-not-yet");
        assert_conflict(late_evening, "payments-error-not-yet");
        assert_eq!(still_approved, ClaimStatus::Approved);
        assert!(on_the_day.is_ok(), "{on_the_day:?}");
        assert_eq!(
            stored(&w.app, w.org.id, id).await.status,
            ClaimStatus::Authorised
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_person_with_a_lead_and_a_finance_account_cannot_both_approve_and_authorise() {
    both_engines(|db| async move {
        // Setup: Pat has two accounts, one as a lead and one in finance; Pat's lead account
        // approved Mo's claim.
        let w = world(db).await;
        let pat_id = person(&w.app, &w.org, "Pat", "staff", &[]).await;
        let pat_lead = account(
            &w.app,
            &w.org,
            "pat@org-a.example",
            Role::Lead,
            &[],
            Some(pat_id),
        )
        .await;
        let pat_finance = account(
            &w.app,
            &w.org,
            "pat.finance@org-a.example",
            Role::Finance,
            &[],
            Some(pat_id),
        )
        .await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, id).await;
        approved(&w.app, &pat_lead, id).await;

        // Exec
        let view = payments::claim(&w.app, &pat_finance, id)
            .await
            .expect("view");
        let same_person = payments::authorise(&w.app, &pat_finance, id).await;
        let by_statement = raw(
            &w.app,
            "UPDATE claims SET authorised_by_person_id = approved_by_person_id WHERE id = $1",
            id,
        )
        .await;

        // Check
        assert!(!view.can_authorise);
        assert_eq!(view.blocked, Some("payments-error-same-person"));
        assert_conflict(same_person, "payments-error-same-person");
        assert_refused(&by_statement, "check constraint");
        assert_eq!(
            stored(&w.app, w.org.id, id).await.status,
            ClaimStatus::Approved
        );
        authorised(&w.app, &w.finance, id).await;
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Many people at once
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_authorisations_of_one_claim_at_once_from_four_finance_accounts_authorise_it_once()
 {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let mut finance = vec![w.finance.clone()];
        for i in 1..4 {
            finance.push(
                account(
                    &w.app,
                    &w.org,
                    &format!("finance{i}@org-a.example"),
                    Role::Finance,
                    &[],
                    None,
                )
                .await,
            );
        }
        let id = approved_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;

        // Exec
        let tasks: Vec<_> = (0..100)
            .map(|i| {
                let app = w.app.clone();
                let actor = finance[i % finance.len()].clone();
                tokio::spawn(async move { payments::authorise(&app, &actor, id).await })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task finished"));
        }

        // Check
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "exactly one authorisation succeeds");
        for r in results.into_iter().filter(|r| r.is_err()) {
            assert_conflict(r, "payments-error-wrong-status");
        }
        let c = stored(&w.app, w.org.id, id).await;
        assert_eq!(c.status, ClaimStatus::Authorised);
        assert!(
            finance
                .iter()
                .any(|f| Some(f.user_id) == c.authorised_by_user_id)
        );
        let authorisations = events_of(&w.app, id)
            .await
            .into_iter()
            .filter(|k| k == "authorised")
            .count();
        assert_eq!(authorisations, 1, "one 'authorised' event");
        let audited = audit_of(&w.app, w.org.id, "claim")
            .await
            .into_iter()
            .filter(|e| {
                e.entity_id == Some(id) && e.after_json.as_deref() == Some("\"authorised\"")
            })
            .count();
        assert_eq!(audited, 1, "one audit row");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_overlapping_payment_runs_at_once_put_every_claim_in_exactly_one_run() {
    both_engines(|db| async move {
        // Setup: thirty authorised claims of three people with different totals.
        let w = world(db).await;
        let (_, jo) = member(&w, "Jo", "carer", &[w.birch]).await;
        let ana = person(&w.app, &w.org, "Ana", "service_user", &[w.alder]).await;
        let people = [w.mo_id, jo, ana];
        let mut ids = Vec::new();
        for i in 0..30i64 {
            let d = draft(
                "consultation",
                (2026, 3, 2 + (i % 20) as i8),
                &(1 + i % 3).to_string(),
                &(i % 4 * 10).to_string(),
                vec![x("mileage_car", &(i + 1).to_string())],
            );
            ids.push(authorised_claim(&w, people[(i % 3) as usize], &d).await);
        }
        // Fifty overlapping requests of 5 to 10 claims each, from a fixed seed.
        let mut seed: u64 = 0x00C0_FFEE;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let requests: Vec<Vec<i64>> = (0..50)
            .map(|_| {
                let size = 5 + next() % 6;
                let mut pick = BTreeSet::new();
                while pick.len() < size {
                    pick.insert(ids[next() % ids.len()]);
                }
                pick.into_iter().collect()
            })
            .collect();

        // Exec
        let tasks: Vec<_> = requests
            .iter()
            .map(|r| {
                let app = w.app.clone();
                let finance = w.finance.clone();
                let r = r.clone();
                tokio::spawn(async move { payments::create_run(&app, &finance, &r).await })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task finished"));
        }

        // Check: each request either became a run of exactly its claims or left nothing.
        let mut runs: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (r, asked) in results.into_iter().zip(&requests) {
            match r {
                Ok(run) => {
                    runs.insert(run, asked.clone());
                }
                Err(e) => assert_conflict::<()>(Err(e), "payments-error-in-run"),
            }
        }
        assert!(!runs.is_empty(), "at least one run was made");
        assert!(
            runs.len() < requests.len(),
            "the requests overlapped, so some failed"
        );
        let mut h = w.app.db.acquire().await.expect("acquire");
        let org = w.org.id;
        assert_eq!(
            count(&w.app, "SELECT COUNT(*) FROM payment_runs").await,
            runs.len() as i64,
            "failed runs left no rows behind"
        );
        assert_eq!(
            count(
                &w.app,
                "SELECT COUNT(*) FROM payment_runs WHERE claims_count = 0"
            )
            .await,
            0
        );
        let mut seen = BTreeSet::new();
        for (run, asked) in &runs {
            let members: Vec<i64> = {
                let mut v: Vec<i64> = cairn_db::payments::list_claims(
                    &mut h.conn(),
                    org,
                    &ClaimQuery {
                        run_id: Some(*run),
                        limit: 100,
                        ..Default::default()
                    },
                )
                .await
                .expect("claims of run")
                .into_iter()
                .map(|c| c.id)
                .collect();
                v.sort_unstable();
                v
            };
            assert_eq!(&members, asked, "run {run} holds exactly what it asked for");
            for c in &members {
                assert!(seen.insert(*c), "claim {c} is in two runs");
            }
            let (lines, claims, total) = cairn_db::payments::run_sums(&mut h.conn(), *run)
                .await
                .expect("sums");
            assert_eq!((lines, claims), (total, total), "run {run} reconciles");
            let r = cairn_db::payments::get_run(&mut h.conn(), org, *run)
                .await
                .expect("run")
                .expect("exists");
            assert_eq!(r.claims_count, members.len() as i64);
        }
        for id in &ids {
            let c = stored(&w.app, org, *id).await;
            if seen.contains(id) {
                assert_eq!(c.status, ClaimStatus::InRun);
                assert!(c.run_id.is_some());
            } else {
                assert_eq!(
                    (c.status, c.run_id),
                    (ClaimStatus::Authorised, None),
                    "claim {id} waits"
                );
            }
        }
        assert_eq!(
            audit_of(&w.app, org, "payment_run").await.len(),
            runs.len(),
            "one audit row per run made"
        );
        // The rest go into one last run; then every claim is in exactly one run.
        let rest: Vec<i64> = ids.iter().copied().filter(|i| !seen.contains(i)).collect();
        if !rest.is_empty() {
            payments::create_run(&w.app, &w.finance, &rest)
                .await
                .expect("run of the rest");
        }
        assert_eq!(
            count(
                &w.app,
                "SELECT COUNT(*) FROM claims WHERE run_id IS NOT NULL AND status = 'in_run'"
            )
            .await,
            30
        );
        let run_total = count(
            &w.app,
            "SELECT CAST(SUM(total_pence) AS BIGINT) FROM payment_runs",
        )
        .await;
        let line_total = count(
            &w.app,
            "SELECT CAST(SUM(amount_pence) AS BIGINT) FROM claim_lines",
        )
        .await;
        assert_eq!(
            run_total, line_total,
            "all runs together pay every line once"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_reversals_of_one_line_at_once_reverse_it_once() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("mileage_car", "10")],
            ),
        )
        .await;
        submitted(&w.app, &w.mo, id).await;
        let car = lines_of(&w.app, id).await.pop().expect("car line");

        // Exec
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let app = w.app.clone();
                let who = if i % 2 == 0 {
                    w.lead.clone()
                } else {
                    w.staff.clone()
                };
                let line = car.id;
                tokio::spawn(async move {
                    payments::reverse_line(&app, &who, id, line, "Came by bus").await
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task finished"));
        }

        // Check
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{results:?}"
        );
        for r in results.into_iter().filter(|r| r.is_err()) {
            assert_conflict(r, "payments-error-reversed");
        }
        let reversals = lines_of(&w.app, id)
            .await
            .into_iter()
            .filter(|l| l.reverses_line_id == Some(car.id))
            .count();
        assert_eq!(reversals, 1);
        let c = assert_totals(&w.app, w.org.id, id).await;
        assert_eq!((c.fee_pence, c.expenses_pence), (7500, 0));
        assert_eq!(
            events_of(&w.app, id)
                .await
                .iter()
                .filter(|k| *k == "corrected")
                .count(),
            1
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Payment runs
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_already_in_a_run_or_not_authorised_cannot_join_a_run_and_nothing_changes() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let meeting = || draft("meeting", (2026, 3, 23), "2", "0", vec![]);
        let a = authorised_claim(&w, w.mo_id, &meeting()).await;
        let b = authorised_claim(&w, w.mo_id, &meeting()).await;
        let c = authorised_claim(&w, w.mo_id, &meeting()).await;
        let only_approved = approved_claim(&w, w.mo_id, &meeting()).await;
        let first = payments::create_run(&w.app, &w.finance, &[a])
            .await
            .expect("run");
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        let other = org(&w.app, "Org B", "admin@org-b.example").await;
        let other_finance = account(
            &w.app,
            &other,
            "finance@org-b.example",
            Role::Finance,
            &[],
            None,
        )
        .await;

        // Exec
        let again = payments::create_run(&w.app, &w.finance, &[b, a]).await;
        let not_authorised = payments::create_run(&w.app, &w.finance, &[c, only_approved]).await;
        let empty = payments::create_run(&w.app, &w.finance, &[]).await;
        let foreign = payments::create_run(&w.app, &other_finance, &[c]).await;
        let foreign_view = payments::run(&w.app, &other_finance, first).await;
        let mut refused = Vec::new();
        for who in [&w.lead, &w.org.admin, &w.staff, &w.mo, &viewer] {
            refused.push(payments::create_run(&w.app, who, &[c]).await.map(|_| ()));
            refused.push(payments::lock_run(&w.app, who, first).await);
            refused.push(payments::mark_paid(&w.app, who, first).await);
            refused.push(payments::run(&w.app, who, first).await.map(|_| ()));
            refused.push(payments::runs(&w.app, who).await.map(|_| ()));
            refused.push(
                payments::export(&w.app, who, first, ExportFormat::Payroll, Language::En)
                    .await
                    .map(|_| ()),
            );
        }
        let twice = payments::create_run(&w.app, &w.finance, &[b, b]).await;

        // Check
        assert_conflict(again, "payments-error-in-run");
        assert_conflict(not_authorised, "payments-error-in-run");
        assert_invalid(empty, "claim_ids", "payments-error-run-empty");
        assert_conflict(foreign, "payments-error-in-run");
        assert_not_found(foreign_view);
        for r in refused {
            assert_forbidden(r);
        }
        assert_eq!(stored(&w.app, w.org.id, a).await.run_id, Some(first));
        let runs = payments::runs(&w.app, &w.finance).await.expect("runs");
        assert_eq!(runs.len(), 2, "the refused runs left nothing behind");
        let second = twice.expect("a repeated id counts once");
        assert_eq!(runs[0].id, second);
        assert_eq!(runs[0].claims_count, 1);
        assert_eq!(
            stored(&w.app, w.org.id, c).await.status,
            ClaimStatus::Authorised
        );
        assert_eq!(
            stored(&w.app, w.org.id, only_approved).await.status,
            ClaimStatus::Approved
        );
        let view = payments::run(&w.app, &w.finance, first)
            .await
            .expect("view");
        assert_eq!(view.rows.len(), 1);
        assert_eq!(
            view.sums,
            (
                view.run.total_pence,
                view.run.total_pence,
                view.run.total_pence
            )
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_run_exports_for_payroll_and_accounts_that_reconcile_and_paying_it_pays_its_claims()
 {
    both_engines(|db| async move {
        // Setup: Mo and Ana on Alder, Jo on Birch.
        let w = world(db).await;
        let (_, jo) = member(&w, "Jo", "carer", &[w.birch]).await;
        let ana = person(&w.app, &w.org, "Ana", "service_user", &[w.alder]).await;
        let ids = [
            authorised_claim(
                &w,
                w.mo_id,
                &draft(
                    "meeting",
                    (2026, 3, 23),
                    "2",
                    "0",
                    vec![x("mileage_car", "10")],
                ),
            )
            .await,
            authorised_claim(
                &w,
                w.mo_id,
                &draft(
                    "consultation",
                    (2026, 3, 24),
                    "1",
                    "0",
                    vec![x("online_allowance", "5")],
                ),
            )
            .await,
            authorised_claim(
                &w,
                jo,
                &draft(
                    "training_delivery",
                    (2026, 3, 25),
                    "1",
                    "30",
                    vec![x("mileage_bicycle", "12.5"), x("mileage_passenger", "7")],
                ),
            )
            .await,
            authorised_claim(&w, ana, &draft("other", (2026, 3, 26), "0", "10", vec![])).await,
        ];
        let run = payments::create_run(&w.app, &w.finance, &ids)
            .await
            .expect("run");

        // Exec
        let open =
            payments::export(&w.app, &w.finance, run, ExportFormat::Payroll, Language::En).await;
        let paid_while_open = payments::mark_paid(&w.app, &w.finance, run).await;
        payments::lock_run(&w.app, &w.finance, run)
            .await
            .expect("lock");
        let relock = payments::lock_run(&w.app, &w.finance, run).await;
        let payroll =
            payments::export(&w.app, &w.finance, run, ExportFormat::Payroll, Language::En)
                .await
                .expect("payroll");
        let accounts = payments::export(
            &w.app,
            &w.finance,
            run,
            ExportFormat::Accounts,
            Language::En,
        )
        .await
        .expect("accounts");
        w.app.clock.set(T0 + HOUR);
        payments::mark_paid(&w.app, &w.finance, run)
            .await
            .expect("paid");
        let repay = payments::mark_paid(&w.app, &w.finance, run).await;

        // Check
        assert_conflict(open, "payments-error-run-not-locked");
        assert_conflict(paid_while_open, "payments-error-run-not-locked");
        assert_conflict(relock, "payments-error-run-locked");
        let mut h = w.app.db.acquire().await.expect("acquire");
        let (lines, claims, total) = cairn_db::payments::run_sums(&mut h.conn(), run)
            .await
            .expect("sums");
        drop(h);
        assert_eq!((lines, claims), (total, total));
        let mut claim_rows = Vec::new();
        for id in ids {
            claim_rows.push(assert_totals(&w.app, w.org.id, id).await);
        }
        assert_eq!(total, claim_rows.iter().map(|c| c.total_pence).sum::<i64>());
        let n = |s: &str| {
            s.parse::<i64>()
                .unwrap_or_else(|_| panic!("a number: {s:?}"))
        };

        // Payroll: one row per person, adding up to the run.
        // Headings in the reader's language, from Fluent.
        assert_eq!(
            payroll[0][..6],
            [
                "En:payments-export-col-run:",
                "En:payments-export-col-person:",
                "En:payments-export-col-name:",
                "En:payments-export-col-method:",
                "En:payments-export-col-claims:",
                "En:payments-export-col-taxable-pence:"
            ]
        );
        let people_rows = &payroll[1..];
        assert_eq!(people_rows.len(), 3, "one row per person");
        assert_eq!(people_rows.iter().map(|r| n(&r[7])).sum::<i64>(), total);
        for r in people_rows {
            assert_eq!(
                n(&r[5]) + n(&r[6]),
                n(&r[7]),
                "taxable and expenses make the total"
            );
            let pid = n(&r[1]);
            let theirs: Vec<&Claim> = claim_rows.iter().filter(|c| c.person_id == pid).collect();
            assert_eq!(n(&r[4]), theirs.len() as i64);
            assert_eq!(n(&r[5]), theirs.iter().map(|c| c.income_pence).sum::<i64>());
            assert_eq!(n(&r[7]), theirs.iter().map(|c| c.total_pence).sum::<i64>());
            assert_eq!(r[8], format!("{}.{:02}", n(&r[7]) / 100, n(&r[7]) % 100));
        }
        let mo_row = people_rows
            .iter()
            .find(|r| n(&r[1]) == w.mo_id)
            .expect("Mo");
        assert_eq!((n(&mo_row[5]), n(&mo_row[6])), (7500 + 2000 + 500, 450));

        // Accounts: claim rows, person totals, cost-centre totals and the run total agree.
        let rows_of = |kind: &str| -> Vec<&Vec<String>> {
            accounts[1..].iter().filter(|r| r[1] == kind).collect()
        };
        let claim_lines = rows_of("En:payments-export-row-claim:");
        assert_eq!(claim_lines.len(), 4);
        for r in &claim_lines {
            let c = claim_rows
                .iter()
                .find(|c| c.id == n(&r[2]))
                .expect("a claim of the run");
            assert_eq!(
                (n(&r[9]), n(&r[10]), n(&r[11])),
                (c.fee_pence, c.expenses_pence, c.total_pence)
            );
            let centre = if c.unit_id == Some(w.alder) {
                "Alder"
            } else {
                "Birch"
            };
            assert_eq!(r[5], centre);
            // The activity and the payment method are words, never the stored codes.
            assert_eq!(
                r[6],
                format!(
                    "En:payments-activity-{}:",
                    c.activity_type.key().replace('_', "-")
                )
            );
            assert_eq!(
                r[8],
                format!("En:payments-export-method-{}:", c.choice.replace('_', "-"))
            );
        }
        let sum = |rows: &[&Vec<String>], col: usize| rows.iter().map(|r| n(&r[col])).sum::<i64>();
        let person_totals = rows_of("En:payments-export-row-person-total:");
        let centre_totals = rows_of("En:payments-export-row-cost-centre-total:");
        let run_total = rows_of("En:payments-export-row-run-total:");
        assert_eq!(person_totals.len(), 3);
        assert_eq!(run_total.len(), 1);
        for col in [9, 10, 11] {
            assert_eq!(sum(&claim_lines, col), sum(&person_totals, col));
            assert_eq!(sum(&claim_lines, col), sum(&centre_totals, col));
            assert_eq!(sum(&claim_lines, col), n(&run_total[0][col]));
        }
        assert_eq!(
            n(&run_total[0][11]),
            total,
            "the run total is the sum of the lines"
        );
        let by_centre: Vec<(String, i64)> = centre_totals
            .iter()
            .map(|r| (r[5].clone(), n(&r[11])))
            .collect();
        let alder: i64 = claim_rows
            .iter()
            .filter(|c| c.unit_id == Some(w.alder))
            .map(|c| c.total_pence)
            .sum();
        assert_eq!(
            by_centre,
            vec![
                ("Alder".to_owned(), alder),
                ("Birch".to_owned(), total - alder)
            ]
        );

        // Paid.
        assert_conflict(repay, "payments-error-run-not-locked");
        for id in ids {
            let c = stored(&w.app, w.org.id, id).await;
            assert_eq!(
                (c.status, c.paid_at, c.run_id),
                (ClaimStatus::Paid, Some(T0 + HOUR), Some(run))
            );
            assert_eq!(
                events_of(&w.app, id).await.last().map(String::as_str),
                Some("paid")
            );
        }
        let view = payments::run(&w.app, &w.finance, run).await.expect("run");
        assert_eq!(
            (view.run.status.as_str(), view.run.paid_at),
            ("paid", Some(T0 + HOUR))
        );
        assert!(
            payments::export(
                &w.app,
                &w.finance,
                run,
                ExportFormat::Accounts,
                Language::En
            )
            .await
            .is_ok()
        );
        let exports = audit_of(&w.app, w.org.id, "payment_run")
            .await
            .into_iter()
            .filter(|e| e.action == "export")
            .count();
        assert_eq!(exports, 3, "each export is audited");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The benefits guard and the statement
// ---------------------------------------------------------------------------------------------

fn own_limit(period: &str, pounds: &str) -> ProfileDraft {
    ProfileDraft {
        choice: "bank".into(),
        limit_kind: "own".into(),
        limit_period: period.into(),
        limit_amount: pounds.into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_guard_weighs_a_claim_against_what_is_already_claimed_in_its_week() {
    both_engines(|db| async move {
        // Setup: a £50 weekly limit; £40 submitted on Monday 23 March, £20 the week before.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &own_limit("week", "50"))
            .await
            .expect("profile");
        let forty = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, forty).await;
        let week_before = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 3, 16), "1", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, week_before).await;

        // Exec: a £20 claim on Thursday 26 March.
        let twenty = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 3, 26), "1", "0", vec![]),
        )
        .await;
        let g = payments::claim(&w.app, &w.mo, twenty)
            .await
            .expect("view")
            .guard;
        let g40 = payments::claim(&w.app, &w.mo, forty)
            .await
            .expect("view")
            .guard;
        let staff_sees = payments::claim(&w.app, &w.staff, twenty)
            .await
            .expect("view")
            .guard;

        // Check
        assert_eq!(
            (g.week_of.as_str(), g.month_of.as_str()),
            ("2026-03-23", "2026-03-01")
        );
        assert_eq!(
            g.week.pending_pence, 4000,
            "the £40 already submitted that week"
        );
        assert_eq!(
            g.month.pending_pence, 6000,
            "and the £20 earlier in the month"
        );
        assert_eq!(g.this_pence, 2000);
        assert_eq!(
            (g.limit_period.as_deref(), g.limit_pence),
            (Some("week"), Some(5000))
        );
        assert!(g.would_pass);
        assert_eq!(g.room_pence, Some(1000));
        assert_eq!(
            g40.week.total(),
            0,
            "a claim is not counted against itself; drafts not at all"
        );
        assert!(!g40.would_pass);
        assert_eq!(g40.room_pence, Some(5000));
        assert_eq!(staff_sees, g);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monthly_limit_counts_the_calendar_month_not_the_week() {
    both_engines(|db| async move {
        // Setup: £100 a month; £40 on 2 March and on 10 March, £40 on 27 February.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &own_limit("month", "100"))
            .await
            .expect("profile");
        for on in [(2026, 3, 2), (2026, 3, 10), (2026, 2, 27)] {
            let id = make(
                &w.app,
                &w.mo,
                None,
                &draft("consultation", on, "2", "0", vec![]),
            )
            .await;
            submitted(&w.app, &w.mo, id).await;
        }

        // Exec: £40 on Friday 20 March, alone in its week.
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 3, 20), "2", "0", vec![]),
        )
        .await;
        let g = payments::claim(&w.app, &w.mo, id)
            .await
            .expect("view")
            .guard;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &own_limit("week", "100"))
            .await
            .expect("profile");
        let weekly = payments::claim(&w.app, &w.mo, id)
            .await
            .expect("view")
            .guard;

        // Check
        assert_eq!(g.week.total(), 0);
        assert_eq!(g.month.pending_pence, 8000, "February is another month");
        assert!(g.would_pass, "8,000 + 4,000 passes 10,000");
        assert_eq!(g.room_pence, Some(2000));
        assert!(
            !weekly.would_pass,
            "the same £100 as a weekly limit is not passed"
        );
        assert_eq!(weekly.room_pence, Some(10000));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paying_less_adds_an_adjustment_lowers_the_fee_is_recorded_and_tells_the_member() {
    both_engines(|db| async move {
        // Setup: a three-hour meeting (£75) with 10 car miles.
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "3",
                "0",
                vec![x("mileage_car", "10")],
            ),
        )
        .await;
        submitted(&w.app, &w.mo, id).await;
        let in_full = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 24), "3", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, in_full).await;

        // Exec
        let above = payments::approve(&w.app, &w.lead, id, Some(7501), "More").await;
        let negative = payments::approve(&w.app, &w.lead, id, Some(-1), "Less").await;
        let no_reason = payments::approve(&w.app, &w.lead, id, Some(5000), "   ").await;
        let unchanged = (
            stored(&w.app, w.org.id, id).await,
            lines_of(&w.app, id).await.len(),
        );
        payments::approve(
            &w.app,
            &w.lead,
            id,
            Some(5000),
            "Joined for half the session",
        )
        .await
        .expect("approve paying less");
        payments::approve(&w.app, &w.lead, in_full, Some(7500), "Same")
            .await
            .expect("approve the whole fee");

        // Check
        assert_invalid(above, "pay_fee", "payments-error-pay-less");
        assert_invalid(negative, "pay_fee", "payments-error-pay-less");
        assert_invalid(no_reason, "reason", "payments-error-reason");
        assert_eq!(
            (unchanged.0.status, unchanged.0.fee_pence, unchanged.1),
            (ClaimStatus::Submitted, 7500, 2)
        );
        let c = assert_totals(&w.app, w.org.id, id).await;
        assert_eq!(
            (c.status, c.fee_pence, c.expenses_pence, c.total_pence),
            (ClaimStatus::Approved, 5000, 450, 5450)
        );
        let adj = lines_of(&w.app, id).await.pop().expect("a line");
        assert_eq!(
            (
                adj.kind.as_str(),
                adj.amount_pence,
                adj.is_fee,
                adj.counts_as_income,
                adj.note.as_deref()
            ),
            (
                "adjustment",
                -2500,
                true,
                true,
                Some("Joined for half the session")
            )
        );
        let mut h = w.app.db.acquire().await.expect("acquire");
        let events = cairn_db::payments::events(&mut h.conn(), id)
            .await
            .expect("events");
        drop(h);
        let paid_less = events
            .iter()
            .find(|e| e.kind == "paid_less")
            .expect("paid_less event");
        assert_eq!(
            paid_less.note.as_deref(),
            Some("Joined for half the session")
        );
        assert_eq!(paid_less.actor_label, "lead@org-a.example");
        let notices = notices_of(&w.app, w.mo.user_id).await;
        let told: Vec<&cairn_db::notices::Notice> = notices
            .iter()
            .filter(|n| n.message_id == "notice-claim-paid-less")
            .collect();
        assert_eq!(told.len(), 1, "told once, about the claim paid less");
        // Stored in pence, put into pounds when read.
        assert_eq!(told[0].args_json, r#"{"amount":{"pence":5000}}"#);
        let shown =
            cairn_app::notices::for_actor(&w.app, &w.mo, cairn_domain::people::Language::Cy)
                .await
                .expect("shown");
        assert!(
            shown
                .iter()
                .any(|n| n.text == "Cy:notice-claim-paid-less:amount=£50.00"),
            "{shown:?}"
        );
        let full = assert_totals(&w.app, w.org.id, in_full).await;
        assert_eq!(full.fee_pence, 7500);
        assert_eq!(
            lines_of(&w.app, in_full).await.len(),
            1,
            "paying the whole fee adds no line"
        );
        assert!(
            !events_of(&w.app, in_full)
                .await
                .contains(&"paid_less".to_owned())
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn earnings_count_paid_authorised_and_pending_by_week_and_month_and_flag_periods_over_the_limit()
 {
    both_engines(|db| async move {
        // Setup: a £50 weekly limit.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &own_limit("week", "50"))
            .await
            .expect("profile");
        let consultation = |on, h: &str, ex| draft("consultation", on, h, "0", ex);
        // Week of 2 March: £40 paid and £20 authorised.
        let paid = authorised_claim(&w, w.mo_id, &consultation((2026, 3, 3), "2", vec![])).await;
        paid_run(&w, &[paid]).await;
        authorised_claim(&w, w.mo_id, &consultation((2026, 3, 5), "1", vec![])).await;
        // Week of 9 March: £20 with a £12 bus fare (a receipted cost) and the £5 online
        // allowance (income), submitted; a draft and a rejected claim that do not count.
        let pending = make(
            &w.app,
            &w.mo,
            None,
            &consultation(
                (2026, 3, 10),
                "1",
                vec![x("public_transport", "12"), x("online_allowance", "5")],
            ),
        )
        .await;
        payments::add_receipt(&w.app, &w.mo, pending, &png())
            .await
            .expect("receipt");
        submitted(&w.app, &w.mo, pending).await;
        make(
            &w.app,
            &w.mo,
            None,
            &consultation((2026, 3, 11), "1", vec![]),
        )
        .await;
        let rejected = make(
            &w.app,
            &w.mo,
            None,
            &consultation((2026, 3, 12), "3", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, rejected).await;
        payments::reject(&w.app, &w.lead, rejected, "Duplicate")
            .await
            .expect("reject");
        let from = Some(jiff::civil::date(2026, 3, 2));
        let to = Some(jiff::civil::date(2026, 3, 15));

        // Exec
        let e = payments::earnings(&w.app, &w.mo, w.mo_id, from, to)
            .await
            .expect("earnings");
        payments::set_profile(&w.app, &w.staff, w.mo_id, &own_limit("month", "80"))
            .await
            .expect("monthly");
        let monthly = payments::earnings(&w.app, &w.finance, w.mo_id, from, to)
            .await
            .expect("earnings");
        let backwards = payments::earnings(&w.app, &w.mo, w.mo_id, to, from).await;
        let (jo, _) = member(&w, "Jo", "carer", &[w.birch]).await;
        let someone_else = payments::earnings(&w.app, &jo, w.mo_id, from, to).await;

        // Check
        let line = |starts_on: &str, paid, authorised, pending, expenses, over_limit| {
            payments::PeriodLine {
                starts_on: starts_on.into(),
                fees: cairn_domain::payments::PeriodEarnings {
                    paid_pence: paid,
                    authorised_pence: authorised,
                    pending_pence: pending,
                },
                expenses_pence: expenses,
                over_limit,
            }
        };
        assert_eq!(
            (e.limit_period.as_deref(), e.limit_pence),
            (Some("week"), Some(5000))
        );
        assert_eq!(
            e.weeks,
            vec![
                line("2026-03-02", 4000, 2000, 0, 0, true),
                line("2026-03-09", 0, 0, 2500, 1200, false),
            ],
            "the bus fare is not income; the allowance is"
        );
        assert_eq!(
            e.months,
            vec![line("2026-03-01", 4000, 2000, 2500, 1200, false)]
        );
        assert_eq!(
            (monthly.limit_period.as_deref(), monthly.limit_pence),
            (Some("month"), Some(8000))
        );
        assert!(monthly.weeks.iter().all(|l| !l.over_limit));
        assert_eq!(
            monthly.months,
            vec![line("2026-03-01", 4000, 2000, 2500, 1200, true)]
        );
        assert_invalid(backwards, "to", "payments-error-range");
        assert_not_found(someone_else);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Payment choices and profiles
// ---------------------------------------------------------------------------------------------

fn choice(c: &str, lower: &str) -> ProfileDraft {
    ProfileDraft {
        choice: c.into(),
        lower: lower.into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expenses_only_and_nothing_pay_no_fee_and_a_lower_fee_is_capped() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let two_hour_meeting = || {
            draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("mileage_car", "10")],
            )
        };
        let mut made = BTreeMap::new();

        // Exec
        for (c, lower) in [
            ("expenses_only", ""),
            ("nothing", ""),
            ("lower", "30"),
            ("bank", ""),
        ] {
            payments::set_profile(&w.app, &w.mo, w.mo_id, &choice(c, lower))
                .await
                .unwrap_or_else(|e| panic!("choose {c}: {e:?}"));
            made.insert(c, make(&w.app, &w.mo, None, &two_hour_meeting()).await);
        }
        payments::set_profile(&w.app, &w.mo, w.mo_id, &choice("lower", "30"))
            .await
            .expect("lower");
        let under_cap = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 3, 23), "1", "0", vec![]),
        )
        .await;
        let no_cap = payments::set_profile(&w.app, &w.mo, w.mo_id, &choice("lower", "")).await;
        let bad = payments::set_profile(&w.app, &w.mo, w.mo_id, &choice("cash", "")).await;

        // Check
        let got = |c: Claim| (c.choice, c.fee_pence, c.expenses_pence, c.total_pence);
        assert_eq!(
            got(assert_totals(&w.app, w.org.id, made["expenses_only"]).await),
            ("expenses_only".into(), 0, 450, 450)
        );
        assert!(
            lines_of(&w.app, made["expenses_only"])
                .await
                .iter()
                .all(|l| !l.is_fee),
            "no fee line"
        );
        assert_eq!(
            got(assert_totals(&w.app, w.org.id, made["nothing"]).await),
            ("nothing".into(), 0, 0, 0)
        );
        assert!(lines_of(&w.app, made["nothing"]).await.is_empty());
        assert_eq!(
            got(assert_totals(&w.app, w.org.id, made["lower"]).await),
            ("lower".into(), 3000, 450, 3450),
            "£75 capped at £30"
        );
        assert_eq!(
            got(assert_totals(&w.app, w.org.id, made["bank"]).await),
            ("bank".into(), 7500, 450, 7950)
        );
        assert_eq!(
            stored(&w.app, w.org.id, under_cap).await.fee_pence,
            2000,
            "under the cap"
        );
        assert_invalid(no_cap, "lower", "payments-error-amount");
        assert_invalid(bad, "choice", "payments-error-choice");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_is_read_and_changed_by_the_member_and_staff_in_reach_and_hidden_from_others() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (jo, jo_id) = member(&w, "Jo", "carer", &[w.birch]).await;
        let birch_staff = account(
            &w.app,
            &w.org,
            "birch@org-a.example",
            Role::UnitStaff,
            &[w.birch],
            None,
        )
        .await;
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        let card = payments::rate_card(&w.app, &w.mo).await.expect("card");
        let carers = card
            .presets
            .iter()
            .find(|p| p.amount_pence == 20400)
            .expect("the Carer's Allowance preset")
            .id;

        // Exec
        let none_yet = payments::profile(&w.app, &w.mo, w.mo_id)
            .await
            .expect("profile");
        payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &ProfileDraft {
                choice: "voucher".into(),
                limit_kind: "own".into(),
                limit_period: "week".into(),
                limit_amount: "50".into(),
                ..Default::default()
            },
        )
        .await
        .expect("set by Mo");
        let by_mo = payments::profile(&w.app, &w.staff, w.mo_id)
            .await
            .expect("staff read");
        payments::set_profile(
            &w.app,
            &w.staff,
            w.mo_id,
            &ProfileDraft {
                choice: "bank".into(),
                limit_kind: "preset".into(),
                preset_id: carers.to_string(),
                ..Default::default()
            },
        )
        .await
        .expect("set by staff");
        let by_staff = payments::profile(&w.app, &w.mo, w.mo_id)
            .await
            .expect("Mo reads");
        // Finance reaches Mo once Mo has sent a claim.
        let sent = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 3), "1", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, sent).await;
        let finance_reads = payments::profile(&w.app, &w.finance, w.mo_id).await;
        let refused = [
            payments::profile(&w.app, &jo, w.mo_id).await.map(|_| ()),
            payments::set_profile(&w.app, &jo, w.mo_id, &choice("nothing", "")).await,
            payments::profile(&w.app, &birch_staff, w.mo_id)
                .await
                .map(|_| ()),
            payments::set_profile(&w.app, &birch_staff, w.mo_id, &choice("nothing", "")).await,
        ];
        let viewer_reads = payments::profile(&w.app, &viewer, w.mo_id).await;
        let finance_sets =
            payments::set_profile(&w.app, &w.finance, w.mo_id, &choice("nothing", "")).await;
        let bad_preset = payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &ProfileDraft {
                choice: "bank".into(),
                limit_kind: "preset".into(),
                preset_id: "999999".into(),
                ..Default::default()
            },
        )
        .await;
        let jo_own = payments::profile(&w.app, &jo, jo_id).await;

        // Check
        assert_eq!(none_yet, None);
        let p = by_mo.expect("set");
        assert_eq!(
            (
                p.choice,
                p.limit_period.as_deref(),
                p.limit_pence,
                p.limit_preset_id,
                p.updated_by_label.as_str()
            ),
            (
                PaymentChoice::Voucher,
                Some("week"),
                Some(5000),
                None,
                "mo@example.org"
            )
        );
        let p = by_staff.expect("set");
        assert_eq!(
            (
                p.choice,
                p.limit_period.as_deref(),
                p.limit_pence,
                p.limit_preset_id,
                p.updated_by_label.as_str()
            ),
            (
                PaymentChoice::Bank,
                Some("week"),
                Some(20400),
                Some(carers),
                "staff@org-a.example"
            )
        );
        assert!(
            finance_reads.is_ok(),
            "finance pays, so reads the choice: {finance_reads:?}"
        );
        for r in refused {
            assert_not_found(r);
        }
        assert_forbidden(viewer_reads);
        assert_forbidden(finance_sets);
        assert_invalid(bad_preset, "preset_id", "payments-error-preset");
        assert_eq!(jo_own.expect("Jo reads her own"), None);
        let audited = audit_of(&w.app, w.org.id, "payment_profile").await;
        assert_eq!(audited.len(), 2);
        assert!(
            audited
                .iter()
                .all(|e| e.on_behalf_of_person_id == Some(w.mo_id))
        );
        let still = payments::profile(&w.app, &w.mo, w.mo_id)
            .await
            .expect("p")
            .expect("set");
        assert_eq!(
            still.choice,
            PaymentChoice::Bank,
            "refused changes changed nothing"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_are_checked_by_content_and_size_and_read_back_byte_for_byte() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "2",
                "0",
                vec![x("parking", "4.50")],
            ),
        )
        .await;
        let claim_before = stored(&w.app, w.org.id, id).await;
        let lines_before = lines_of(&w.app, id).await;
        let (jo, _) = member(&w, "Jo", "carer", &[w.birch]).await;
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        let mut too_big = png();
        too_big.resize(RECEIPT_MAX_BYTES + 1, 0);
        let mut largest = jpeg();
        largest.resize(RECEIPT_MAX_BYTES, 0x5A);

        // Exec
        let files = [
            ("image/png", png()),
            ("image/jpeg", jpeg()),
            ("application/pdf", pdf()),
        ];
        let mut stored_ids = Vec::new();
        for (_, bytes) in &files {
            stored_ids.push(
                payments::add_receipt(&w.app, &w.mo, id, bytes)
                    .await
                    .expect("receipt"),
            );
        }
        let text = payments::add_receipt(&w.app, &w.mo, id, b"Bus ticket 12.50\n").await;
        let html = payments::add_receipt(&w.app, &w.mo, id, b"<html><body>PNG</body></html>").await;
        let empty = payments::add_receipt(&w.app, &w.mo, id, b"").await;
        let over = payments::add_receipt(&w.app, &w.mo, id, &too_big).await;
        let at_limit = payments::add_receipt(&w.app, &w.staff, id, &largest).await;
        let by_jo = payments::add_receipt(&w.app, &jo, id, &png()).await;

        // Check
        for ((kind, bytes), rid) in files.iter().zip(&stored_ids) {
            let (r, body) = payments::receipt(&w.app, &w.mo, *rid)
                .await
                .expect("read back");
            assert_eq!(&body, bytes, "{kind} byte for byte");
            assert_eq!(r.content_type, *kind);
            assert_eq!(r.sha256, sha256_hex(bytes));
            assert_eq!(r.size_bytes, bytes.len() as i64);
            assert_eq!(r.claim_id, id);
            let (_, by_staff) = payments::receipt(&w.app, &w.staff, *rid)
                .await
                .expect("staff read");
            assert_eq!(&by_staff, bytes);
            assert_not_found(payments::receipt(&w.app, &jo, *rid).await);
            assert_forbidden(payments::receipt(&w.app, &viewer, *rid).await);
        }
        assert_invalid(text, "receipt", "payments-error-receipt-type");
        assert_invalid(html, "receipt", "payments-error-receipt-type");
        assert_invalid(empty, "receipt", "payments-error-receipt-empty");
        assert_invalid(over, "receipt", "payments-error-receipt-size");
        let largest_id = at_limit.expect("exactly 5 MiB is accepted");
        assert_not_found(by_jo);
        let (r, body) = payments::receipt(&w.app, &w.finance, largest_id)
            .await
            .expect("finance reads");
        assert_eq!(
            (r.size_bytes, body.len()),
            (RECEIPT_MAX_BYTES as i64, RECEIPT_MAX_BYTES)
        );
        assert_eq!(r.sha256, sha256_hex(&largest));
        assert_eq!(
            lines_of(&w.app, id).await,
            lines_before,
            "receipts never touch the lines"
        );
        let after = assert_totals(&w.app, w.org.id, id).await;
        assert_eq!(
            (after.fee_pence, after.expenses_pence, after.total_pence),
            (
                claim_before.fee_pence,
                claim_before.expenses_pence,
                claim_before.total_pence
            )
        );
        let view = payments::claim(&w.app, &w.mo, id).await.expect("view");
        assert_eq!(view.receipts.len(), 4, "the refused files were not kept");
        let audited = audit_of(&w.app, w.org.id, "receipt").await;
        assert_eq!(audited.iter().filter(|e| e.action == "create").count(), 4);
        assert_eq!(
            audited.iter().filter(|e| e.action == "view").count(),
            7,
            "each read is audited"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_with_a_cost_that_needs_a_receipt_is_submitted_only_once_one_is_attached() {
    both_engines(|db| async move {
        // Setup: a bus fare needs a receipt; so did a parking line, but it was reversed.
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 23),
                "1",
                "0",
                vec![x("public_transport", "12.50")],
            ),
        )
        .await;
        let reversed = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 23), "1", "0", vec![x("parking", "3")]),
        )
        .await;
        let parking = lines_of(&w.app, reversed)
            .await
            .pop()
            .expect("parking line");
        payments::reverse_line(&w.app, &w.lead, reversed, parking.id, "Parked for free")
            .await
            .expect("reverse");

        // Exec
        let before = payments::claim(&w.app, &w.mo, id).await.expect("view");
        let by_mo = payments::submit(&w.app, &w.mo, id).await;
        let by_staff = payments::submit(&w.app, &w.staff, id).await;
        let status_without = stored(&w.app, w.org.id, id).await.status;
        payments::add_receipt(&w.app, &w.mo, id, &pdf())
            .await
            .expect("receipt");
        let after = payments::claim(&w.app, &w.mo, id).await.expect("view");
        let with_receipt = payments::submit(&w.app, &w.mo, id).await;
        let late_receipt_ok = payments::add_receipt(&w.app, &w.mo, id, &png()).await;
        approved(&w.app, &w.lead, id).await;
        let after_approval = payments::add_receipt(&w.app, &w.mo, id, &png()).await;
        let no_receipt_needed = payments::submit(&w.app, &w.mo, reversed).await;

        // Check
        assert!(before.receipt_missing && before.can_submit);
        assert_conflict(by_mo, "payments-error-receipt-needed");
        assert_conflict(by_staff, "payments-error-receipt-needed");
        assert_eq!(status_without, ClaimStatus::Draft);
        assert!(!after.receipt_missing);
        assert!(with_receipt.is_ok(), "{with_receipt:?}");
        assert!(
            late_receipt_ok.is_ok(),
            "a receipt may follow a submitted claim"
        );
        assert_conflict(after_approval, "payments-error-wrong-status");
        assert!(no_receipt_needed.is_ok(), "{no_receipt_needed:?}");
        assert_eq!(
            stored(&w.app, w.org.id, reversed).await.status,
            ClaimStatus::Submitted
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Who may see what
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_are_hidden_from_other_units_other_organisations_and_other_members_and_a_viewer_is_forbidden()
 {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let id = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, id).await;
        let birch_staff = account(
            &w.app,
            &w.org,
            "birch@org-a.example",
            Role::UnitStaff,
            &[w.birch],
            None,
        )
        .await;
        let (jo, _) = member(&w, "Jo", "carer", &[w.birch]).await;
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        let other = org(&w.app, "Org B", "admin@org-b.example").await;
        let other_finance = account(
            &w.app,
            &other,
            "finance@org-b.example",
            Role::Finance,
            &[],
            None,
        )
        .await;

        // Exec + Check
        for who in [&birch_staff, &other.admin, &other_finance, &jo] {
            assert_not_found(payments::claim(&w.app, who, id).await);
            assert_not_found(payments::submit(&w.app, who, id).await);
            assert_not_found(payments::approve(&w.app, who, id, None, "").await);
            assert_not_found(payments::reject(&w.app, who, id, "No").await);
            assert_not_found(payments::authorise(&w.app, who, id).await);
            assert_not_found(payments::add_receipt(&w.app, who, id, &png()).await);
            assert_not_found(payments::earnings(&w.app, who, w.mo_id, None, None).await);
        }
        assert_not_found(
            payments::create_claim(
                &w.app,
                &birch_staff,
                Some(w.mo_id),
                None,
                &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
            )
            .await,
        );
        assert_forbidden(payments::claim(&w.app, &viewer, id).await);
        assert_forbidden(payments::approve(&w.app, &viewer, id, None, "").await);
        assert_forbidden(
            payments::list(
                &w.app,
                &viewer,
                ClaimQuery {
                    limit: 50,
                    ..Default::default()
                },
            )
            .await,
        );
        for who in [&w.staff, &w.lead, &w.org.admin, &w.finance, &w.mo] {
            let view = payments::claim(&w.app, who, id)
                .await
                .unwrap_or_else(|e| panic!("{}: {e:?}", who.label));
            assert_eq!(view.claim.id, id);
        }
        let c = stored(&w.app, w.org.id, id).await;
        assert_eq!(
            (c.status, c.approved_by_user_id, c.rejected_at),
            (ClaimStatus::Submitted, None, None)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_lists_only_their_own_claims_and_unit_staff_only_their_units_claims() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (jo, jo_id) = member(&w, "Jo", "carer", &[w.birch]).await;
        let ana = person(&w.app, &w.org, "Ana", "service_user", &[w.alder]).await;
        let birch_staff = account(
            &w.app,
            &w.org,
            "birch@org-a.example",
            Role::UnitStaff,
            &[w.birch],
            None,
        )
        .await;
        let meeting = || draft("meeting", (2026, 3, 23), "2", "0", vec![]);
        let m1 = make(&w.app, &w.mo, None, &meeting()).await;
        let m2 = make(&w.app, &w.mo, None, &meeting()).await;
        let j1 = make(&w.app, &jo, None, &meeting()).await;
        let a1 = make(&w.app, &w.staff, Some(ana), &meeting()).await;
        let all = || ClaimQuery {
            limit: 50,
            ..Default::default()
        };
        let ids = |v: Vec<Claim>| v.into_iter().map(|c| c.id).collect::<BTreeSet<i64>>();
        let set = |v: &[i64]| v.iter().copied().collect::<BTreeSet<i64>>();

        // Exec
        let mo_sees = ids(payments::list(&w.app, &w.mo, all()).await.expect("list"));
        let mo_asks_for_jo = ids(payments::list(
            &w.app,
            &w.mo,
            ClaimQuery {
                person_id: Some(jo_id),
                ..all()
            },
        )
        .await
        .expect("list"));
        let jo_sees = ids(payments::list(&w.app, &jo, all()).await.expect("list"));
        let alder_sees = ids(payments::list(&w.app, &w.staff, all()).await.expect("list"));
        let birch_sees = ids(payments::list(&w.app, &birch_staff, all())
            .await
            .expect("list"));
        let lead_sees = ids(payments::list(&w.app, &w.lead, all()).await.expect("list"));
        let finance_sees = ids(payments::list(&w.app, &w.finance, all())
            .await
            .expect("list"));

        // Check
        assert_eq!(mo_sees, set(&[m1, m2]));
        assert_eq!(
            mo_asks_for_jo,
            set(&[]),
            "a member asking after someone else's claims finds none, never theirs nor their own"
        );
        assert_eq!(jo_sees, set(&[j1]));
        assert_eq!(alder_sees, set(&[m1, m2, a1]));
        assert_eq!(birch_sees, set(&[j1]));
        assert_eq!(lead_sees, set(&[m1, m2, j1, a1]));
        assert_eq!(finance_sees, lead_sees);
        assert_eq!(
            notices_of(&w.app, w.mo.user_id).await.len(),
            0,
            "Mo made her own claims: no notice"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_adds_up_paid_claims_by_month_unit_constituency_and_activity_and_counts_the_target()
 {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (jo, _) = member(&w, "Jo", "carer", &[w.birch]).await;
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        // Submitted 2 February, paid 10 February (8 days).
        w.app.clock.set(utc(2026, 2, 2, 10, 0));
        let p1 = make(
            &w.app,
            &w.mo,
            None,
            &draft("consultation", (2026, 2, 1), "1", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.mo, p1).await;
        // Submitted 2 February, paid 20 March (46 days).
        let p2 = make(
            &w.app,
            &jo,
            None,
            &draft("meeting", (2026, 2, 1), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &jo, p2).await;
        w.app.clock.set(utc(2026, 2, 10, 10, 0));
        approved(&w.app, &w.lead, p1).await;
        authorised(&w.app, &w.finance, p1).await;
        paid_run(&w, &[p1]).await;
        // Submitted 2 March, paid 20 March (18 days).
        w.app.clock.set(utc(2026, 3, 2, 10, 0));
        let p3 = make(
            &w.app,
            &w.mo,
            None,
            &draft(
                "meeting",
                (2026, 3, 1),
                "4",
                "0",
                vec![x("mileage_car", "10")],
            ),
        )
        .await;
        submitted(&w.app, &w.mo, p3).await;
        w.app.clock.set(utc(2026, 3, 20, 10, 0));
        for id in [p2, p3] {
            approved(&w.app, &w.lead, id).await;
            authorised(&w.app, &w.finance, id).await;
        }
        paid_run(&w, &[p2, p3]).await;
        // Authorised, never paid.
        let unpaid = authorised_claim(
            &w,
            w.mo_id,
            &draft("consultation", (2026, 3, 19), "3", "0", vec![]),
        )
        .await;
        w.app.clock.set(T0);
        let totals: BTreeMap<i64, i64> = {
            let mut m = BTreeMap::new();
            for id in [p1, p2, p3] {
                m.insert(id, stored(&w.app, w.org.id, id).await.total_pence);
            }
            m
        };
        let paid_total: i64 = totals.values().sum();

        // Exec
        let r = payments::report(&w.app, &w.lead, 3).await.expect("report");
        let board = payments::report(&w.app, &viewer, 3).await.expect("report");
        let march = payments::report(&w.app, &w.finance, 1)
            .await
            .expect("report");
        raw(
            &w.app,
            "UPDATE organisations SET payment_target_days = 60 WHERE id = $1",
            w.org.id,
        )
        .await
        .expect("target");
        let generous = payments::report(&w.app, &w.lead, 3).await.expect("report");
        let member = payments::report(&w.app, &w.mo, 3).await;
        let staff = payments::report(&w.app, &w.staff, 3).await;

        // Check
        let t = |key: &str, claims, pence| payments::Total {
            key: key.into(),
            claims,
            pence,
            hidden: false,
        };
        // The board sees the service's months as they are, and no unit's, constituency's or
        // activity's handful of claims (each has fewer than 5 here).
        assert_eq!((r.hidden_below, board.hidden_below), (None, Some(5)));
        assert_eq!(board.by_month, r.by_month);
        assert_eq!(board.paid, r.paid);
        for grouping in [&board.by_unit, &board.by_constituency, &board.by_activity] {
            assert!(!grouping.is_empty());
            assert!(
                grouping
                    .iter()
                    .all(|l| l.hidden && l.claims == 0 && l.pence == 0),
                "{grouping:?}"
            );
        }
        let sorted = |mut v: Vec<payments::Total>| {
            v.sort_by(|a, b| a.key.cmp(&b.key));
            v
        };
        assert_eq!(
            r.by_month,
            vec![
                t("2026-02", 1, totals[&p1]),
                t("2026-03", 2, totals[&p2] + totals[&p3])
            ]
        );
        let mut by_unit = vec![
            t(&w.alder.to_string(), 2, totals[&p1] + totals[&p3]),
            t(&w.birch.to_string(), 1, totals[&p2]),
        ];
        by_unit.sort_by(|a, b| a.key.cmp(&b.key));
        assert_eq!(sorted(r.by_unit.clone()), by_unit);
        assert_eq!(
            sorted(r.by_constituency.clone()),
            vec![
                t("carer", 1, totals[&p2]),
                t("service_user", 2, totals[&p1] + totals[&p3])
            ]
        );
        assert_eq!(
            sorted(r.by_activity.clone()),
            vec![
                t("consultation", 1, totals[&p1]),
                t("meeting", 2, totals[&p2] + totals[&p3])
            ]
        );
        for grouping in [&r.by_month, &r.by_unit, &r.by_constituency, &r.by_activity] {
            assert_eq!(grouping.iter().map(|t| t.pence).sum::<i64>(), paid_total);
            assert_eq!(grouping.iter().map(|t| t.claims).sum::<i64>(), 3);
        }
        assert_eq!((r.paid, r.within_target, r.target_days), (3, 2, 21));
        assert_eq!(r.median_days, Some(18));
        assert!(
            r.waiting.contains(&("authorised".to_owned(), 1)),
            "{:?}",
            r.waiting
        );
        assert!(r.waiting.contains(&("paid".to_owned(), 3)));
        assert_eq!(
            stored(&w.app, w.org.id, unpaid).await.status,
            ClaimStatus::Authorised
        );
        assert_eq!((march.paid, march.by_month.len()), (2, 1));
        assert_eq!((generous.within_target, generous.target_days), (3, 60));
        assert_forbidden(member);
        assert_forbidden(staff);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_measures_report_a_current_rate_card_and_the_share_paid_within_the_target() {
    both_engines(|db| async move {
        // Setup: Org A has the examples and three claims paid, two within 21 days; Org B has
        // only a rate that ended in December.
        let w = world(db).await;
        let b = org(&w.app, "Org B", "admin@org-b.example").await;
        let b_finance = account(
            &w.app,
            &b,
            "finance@org-b.example",
            Role::Finance,
            &[],
            None,
        )
        .await;
        payments::add_fee_rate(
            &w.app,
            &b_finance,
            &FeeRateDraft {
                activity_type: "meeting".into(),
                basis: "hour".into(),
                hour: "10".into(),
                valid_from: day(2025, 4, 6),
                valid_to: day(2025, 12, 15),
                source: "Old policy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("old rate");
        let mut ids = Vec::new();
        for (submit_at, on) in [
            (utc(2026, 3, 1, 10, 0), (2026, 2, 28)),
            (utc(2026, 3, 2, 10, 0), (2026, 3, 1)),
            (utc(2026, 2, 1, 10, 0), (2026, 1, 31)),
        ] {
            w.app.clock.set(submit_at);
            let id = make(
                &w.app,
                &w.mo,
                None,
                &draft("consultation", on, "1", "0", vec![]),
            )
            .await;
            submitted(&w.app, &w.mo, id).await;
            ids.push(id);
        }
        w.app.clock.set(utc(2026, 3, 20, 10, 0));
        for id in &ids {
            approved(&w.app, &w.lead, *id).await;
            authorised(&w.app, &w.finance, *id).await;
        }
        paid_run(&w, &ids).await;
        w.app.clock.set(T0);

        // Exec
        let mut h = w.app.db.acquire().await.expect("acquire");
        let a = payments::support_measures(&mut h.conn(), w.org.id, T0)
            .await
            .expect("a");
        let old_only = payments::support_measures(&mut h.conn(), b.id, T0)
            .await
            .expect("b");
        let long_after = payments::support_measures(&mut h.conn(), w.org.id, T0 + 120 * DAY)
            .await
            .expect("later");
        drop(h);
        payments::add_fee_rate(
            &w.app,
            &b_finance,
            &FeeRateDraft {
                activity_type: "meeting".into(),
                basis: "hour".into(),
                hour: "12".into(),
                valid_from: day(2025, 12, 16),
                source: "New policy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("new rate");
        let mut h = w.app.db.acquire().await.expect("acquire");
        let current = payments::support_measures(&mut h.conn(), b.id, T0)
            .await
            .expect("b");

        // Check
        assert_eq!(a, (true, 66), "two of three paid within 21 days");
        assert_eq!(old_only, (false, 0));
        assert_eq!(long_after, (true, 0), "nothing paid in the last quarter");
        assert_eq!(current, (true, 0));
    })
    .await;
}

#[tokio::test]
async fn finance_reads_the_earnings_and_settings_only_of_people_who_have_sent_a_claim() {
    both_engines(|db| async move {
        // Arrange: Jo has never claimed; Mo has a draft, which finance does not see either.
        let w = world(db).await;
        let (_, jo_id) = member(&w, "Jo", "carer", &[w.alder]).await;
        let draft_id = make(
            &w.app,
            &w.mo,
            None,
            &draft("meeting", (2026, 3, 3), "1", "0", vec![]),
        )
        .await;

        // Exec + Check: nobody without a sent claim is within finance's reach.
        assert_not_found(payments::earnings(&w.app, &w.finance, jo_id, None, None).await);
        assert_not_found(payments::profile(&w.app, &w.finance, jo_id).await);
        assert_not_found(payments::earnings(&w.app, &w.finance, w.mo_id, None, None).await);
        // Staff who record claims with people still reach both.
        payments::earnings(&w.app, &w.lead, jo_id, None, None)
            .await
            .expect("the lead reaches Jo");

        // Once Mo sends the claim, finance reads Mo's earnings.
        submitted(&w.app, &w.mo, draft_id).await;
        payments::earnings(&w.app, &w.finance, w.mo_id, None, None)
            .await
            .expect("finance reaches a claimant");
        assert_not_found(payments::earnings(&w.app, &w.finance, jo_id, None, None).await);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Erasure: money records stay under a pseudonym, and the name and e-mail address are nowhere
// ---------------------------------------------------------------------------------------------

/// Zephyrine's life in Cairn: an account, a suggestion with contact details, a claim she made
/// herself (paid) and one the lead made with her. Returns (actor, person, claim made by her).
async fn zephyrine(w: &World) -> (Actor, i64, i64) {
    let (z, zid) = member(w, "Zephyrine", "carer", &[w.alder]).await;
    cairn_app::feedback::submit_online(
        &w.app,
        &z,
        &cairn_domain::feedback::SuggestionDraft {
            unit_id: Some(w.alder),
            text: "Quieter mornings in the lounge".into(),
            channel: "online".into(),
            anonymous: false,
            contact: Some("zephyrine@example.org".into()),
            found_on: Default::default(),
        },
        cairn_domain::people::Language::En,
    )
    .await
    .expect("suggestion");
    payments::set_profile(&w.app, &z, zid, &own_limit("week", "50"))
        .await
        .expect("profile");
    // Words about her on her pathway: a level decision (its note is required) and a step.
    people::decide_level(
        &w.app,
        &w.lead,
        zid,
        &cairn_domain::people::LevelDraft {
            to_level: "2".into(),
            decided_on: day(2026, 3, 2),
            note: "Agreed with Zephyrine at her review".into(),
        },
    )
    .await
    .expect("level");
    people::record_step(
        &w.app,
        &w.lead,
        zid,
        &cairn_domain::people::StepDraft {
            step: "welcome".into(),
            done_on: day(2026, 3, 2),
            note: "Zephyrine met the team".into(),
        },
    )
    .await
    .expect("step");
    let own = make(
        &w.app,
        &z,
        None,
        &draft("meeting", (2026, 3, 3), "2", "0", vec![]),
    )
    .await;
    submitted(&w.app, &z, own).await;
    (z, zid, own)
}

/// Every place the name or e-mail address could hide: the SQLite file's raw bytes (with any
/// `-wal` beside it), or a PostgreSQL dump.
fn traces(haystack: &[u8], needles: &[&str]) -> Vec<String> {
    needles
        .iter()
        .filter(|n| haystack.windows(n.len()).any(|w| w == n.as_bytes()))
        .map(|n| (*n).to_owned())
        .collect()
}

async fn erase_zephyrine(test_db: &cairn_testkit::TestDb) {
    let w = world(test_db.db.clone()).await;
    let (_, zid, own) = zephyrine(&w).await;

    // While her claim is on its way, erasure waits (and changes nothing).
    let refused = people::erasure::erase(&w.app, &w.org.admin, zid, "She asked us to").await;
    assert_conflict(refused, "erase-error-open-claims");
    let still = people::view(&w.app, &w.org.admin, zid).await.expect("view");
    assert_eq!(still.person.chosen_name, "Zephyrine");

    // Paid: now it can go ahead.
    approved(&w.app, &w.lead, own).await;
    authorised(&w.app, &w.finance, own).await;
    let with_lead =
        authorised_claim(&w, zid, &draft("meeting", (2026, 3, 5), "1", "0", vec![])).await;
    paid_run(&w, &[own, with_lead]).await;
    let before = stored(&w.app, w.org.id, own).await;
    let erased = people::erasure::erase(
        &w.app,
        &w.org.admin,
        zid,
        "They asked us to erase their data",
    )
    .await
    .expect("erase");

    // The books: the same claims, amounts and approvals, under the pseudonym.
    assert_eq!(erased.pseudonym, format!("Person {zid}"));
    let after = stored(&w.app, w.org.id, own).await;
    assert_eq!(
        (
            after.total_pence,
            after.status,
            after.approved_by_user_id,
            after.authorised_by_user_id
        ),
        (
            before.total_pence,
            before.status,
            before.approved_by_user_id,
            before.authorised_by_user_id
        )
    );
    assert_eq!(after.created_by_label, erased.pseudonym);
    let p = people::view(&w.app, &w.org.admin, zid).await.expect("view");
    assert_eq!(p.person.chosen_name, erased.pseudonym);
    assert_eq!(p.person.email, None);
    // The account can never sign in again: no account has the address, and hers is disabled
    // with no password. (No sign-in is tried here: any attempt, with any address, is counted
    // under the address typed for a day, which the scans below would find.)
    let mut h = w.app.db.acquire().await.expect("conn");
    let by_email = cairn_db::accounts::find_user_by_email(&mut h.conn(), "zephyrine@example.org")
        .await
        .expect("find");
    assert!(by_email.is_none());
    let account = cairn_db::accounts::find_user_by_person(&mut h.conn(), zid)
        .await
        .expect("find")
        .expect("the account row stays, as a number");
    assert!(account.disabled);
    drop(h);
    // The audit log has the erasure, with the pseudonym.
    let log = audit_of(&w.app, w.org.id, "person_erasure").await;
    assert_eq!(log.len(), 1);
    assert!(
        log[0]
            .after_json
            .as_deref()
            .unwrap_or("")
            .contains(&erased.pseudonym)
    );
    // Closing checkpoints SQLite's write-ahead log into the file the test then reads.
    w.app.db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_persons_name_and_email_are_nowhere_in_the_sqlite_file_and_the_books_still_balance()
 {
    let t = cairn_testkit::sqlite().await;
    erase_zephyrine(&t).await;
    let file = t.url.trim_start_matches("sqlite://").to_owned();
    let mut bytes = std::fs::read(&file).expect("database file");
    for extra in ["-wal", "-journal"] {
        if let Ok(b) = std::fs::read(format!("{file}{extra}")) {
            bytes.extend(b);
        }
    }
    assert!(
        bytes.len() > 100_000,
        "the file was read ({} bytes)",
        bytes.len()
    );
    let found = traces(&bytes, &["Zephyrine", "zephyrine", "Quieter mornings"]);
    // The suggestion's text stays (unattributed); the name and address must not.
    assert_eq!(found, vec!["Quieter mornings".to_owned()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_persons_name_and_email_are_nowhere_in_a_postgresql_dump() {
    let Some(t) = cairn_testkit::postgres().await else {
        return;
    };
    erase_zephyrine(&t).await;
    let out = std::process::Command::new("pg_dump")
        .args(["--data-only", "--no-owner", &t.url])
        .output()
        .expect("pg_dump (Debian's postgresql-client) is needed for this test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() > 10_000, "the dump has the data");
    let found = traces(&out.stdout, &["Zephyrine", "zephyrine", "Quieter mornings"]);
    assert_eq!(found, vec!["Quieter mornings".to_owned()]);
}

#[tokio::test]
async fn a_subject_access_export_holds_payment_settings_receipts_and_the_account() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let (z, zid, own) = zephyrine(&w).await;
        payments::add_receipt(&w.app, &z, own, &png())
            .await
            .expect("receipt");

        // Exec
        let x = people::export(&w.app, &w.org.admin, zid)
            .await
            .expect("export");

        // Check
        assert_eq!(x.receipts.len(), 1);
        assert_eq!(x.receipts[0].claim_id, own);
        assert_eq!(
            x.receipts[0].download,
            format!("/payments/receipts/{}", x.receipts[0].id)
        );
        let settings = x.payment_settings.expect("payment settings");
        assert_eq!(
            (settings.limit_period.as_deref(), settings.limit_pence),
            (Some("week"), Some(5000))
        );
        assert_eq!(x.suggestions.len(), 1);
        let account = x.account.expect("account");
        assert_eq!(account.email, "zephyrine@example.org");
        assert!(!account.disabled);
        let json = serde_json::to_string(&account).expect("json");
        assert!(!json.contains("hash"), "no secrets: {json}");
    })
    .await;
}

#[tokio::test]
async fn a_draft_claim_never_sent_does_not_hold_up_an_erasure_and_stays_under_the_pseudonym() {
    both_engines(|db| async move {
        // Arrange: a leaver who started a claim and never sent it.
        let w = world(db).await;
        let (y, yid) = member(&w, "Ysolde", "carer", &[w.alder]).await;
        let draft_id = make(
            &w.app,
            &y,
            None,
            &draft("meeting", (2026, 3, 3), "1", "0", vec![]),
        )
        .await;

        // Exec
        let erased = people::erasure::erase(&w.app, &w.org.admin, yid, "They asked us to")
            .await
            .expect("erase");

        // Check
        let kept = stored(&w.app, w.org.id, draft_id).await;
        assert_eq!(kept.created_by_label, erased.pseudonym);
        assert_eq!(kept.status.key(), "draft");
    })
    .await;
}
