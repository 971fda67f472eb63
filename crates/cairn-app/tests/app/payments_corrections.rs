//! Correcting a paid claim: finance record a correction (a new claim reversing chosen lines,
//! with a reason) that someone else must authorise; it joins the next run and lowers what the
//! person is paid; a line is corrected once and only paid claims are corrected this way; the
//! statement, the benefits guard and the report take it in. Also: the accounts export never
//! leaves a cost centre blank and the payroll file lists only the run's people; and the demo
//! organisation shows money at every step. Every body runs on both engines with a fixed clock.

use crate::common::*;
use crate::payments::{
    World, assert_conflict, authorised, authorised_claim, count, draft, paid_run, person, stored,
    world,
};
use cairn_app::payments::{self, ExportFormat};
use cairn_app::{Actor, AppError, AppResult};
use cairn_db::payments::Line;
use cairn_domain::Role;
use cairn_domain::payments::{ClaimStatus, ExpenseDraft};
use cairn_domain::people::Language;
use cairn_testkit::both_engines;
use std::fmt::Debug;

fn miles(m: &str) -> ExpenseDraft {
    ExpenseDraft {
        category: "mileage_car".into(),
        miles: m.into(),
        amount: String::new(),
    }
}

async fn lines(w: &World, id: i64) -> Vec<Line> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::lines(&mut h.conn(), id)
        .await
        .expect("lines")
}

/// A second finance account: the person who authorises what the first recorded.
async fn finance2(w: &World) -> Actor {
    account(
        &w.app,
        &w.org,
        "finance2@org-a.example",
        Role::Finance,
        &[],
        None,
    )
    .await
}

/// Mo's two-hour meeting with 10 car miles, authorised and paid in a run: (claim, run).
async fn paid_claim(w: &World) -> (i64, i64) {
    let id = authorised_claim(
        w,
        w.mo_id,
        &draft("meeting", (2026, 3, 23), "2", "0", vec![miles("10")]),
    )
    .await;
    let run = paid_run(w, &[id]).await;
    (id, run)
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

fn cell(s: &str) -> i64 {
    s.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paid_claim_is_corrected_by_a_reversal_that_another_person_authorises_and_the_next_run_pays_less()
 {
    both_engines(|db| async move {
        // Setup: Mo's claim is paid; another of his claims is authorised for the next run.
        let w = world(db).await;
        let dylan = finance2(&w).await;
        let (paid, _) = paid_claim(&w).await;
        let before = stored(&w.app, w.org.id, paid).await;
        let paid_lines = lines(&w, paid).await;
        let mileage = paid_lines
            .iter()
            .find(|l| l.kind == "expense")
            .expect("a mileage line")
            .clone();
        let next = authorised_claim(
            &w,
            w.mo_id,
            &draft("consultation", (2026, 3, 26), "1", "0", vec![]),
        )
        .await;
        let next_total = stored(&w.app, w.org.id, next).await.total_pence;

        // Exec
        let correction = payments::correct_paid(
            &w.app,
            &w.finance,
            paid,
            &[mileage.id],
            "Mileage paid twice",
        )
        .await
        .expect("correct");
        let by_recorder = payments::authorise(&w.app, &w.finance, correction).await;
        let by_other = payments::authorise(&w.app, &dylan, correction).await;
        let run = payments::create_run(&w.app, &w.finance, &[next, correction])
            .await
            .expect("run");
        payments::lock_run(&w.app, &w.finance, run)
            .await
            .expect("lock");
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
        payments::mark_paid(&w.app, &w.finance, run)
            .await
            .expect("paid");

        // Check: the paid claim is as it was, lines and all.
        let after = stored(&w.app, w.org.id, paid).await;
        assert_eq!(after.status, ClaimStatus::Paid);
        assert_eq!(
            (after.total_pence, after.fee_pence, after.expenses_pence),
            (before.total_pence, before.fee_pence, before.expenses_pence)
        );
        assert_eq!(lines(&w, paid).await, paid_lines, "its lines are untouched");
        // The correction is Mo's, names the paid claim and reverses the mileage, no more.
        let k = stored(&w.app, w.org.id, correction).await;
        assert_eq!(k.person_id, w.mo_id);
        assert_eq!(k.corrects_claim_id, Some(paid));
        assert_eq!(
            k.activity_on, before.activity_on,
            "the same day as the money"
        );
        assert_eq!(k.approved_by_user_id, Some(w.finance.user_id));
        let k_lines = lines(&w, correction).await;
        assert_eq!(k_lines.len(), 1);
        assert_eq!(k_lines[0].kind, "reversal");
        assert_eq!(k_lines[0].reverses_line_id, Some(mileage.id));
        assert_eq!(k_lines[0].amount_pence, -mileage.amount_pence);
        assert_eq!(k_lines[0].note.as_deref(), Some("Mileage paid twice"));
        assert_eq!(k.total_pence, -mileage.amount_pence);
        // Two people: the recorder cannot authorise it, someone else can.
        assert_conflict(by_recorder, "payments-error-same-person");
        assert!(by_other.is_ok(), "{by_other:?}");
        // The next run pays Mo his new claim less the mileage.
        let mut h = w.app.db.acquire().await.expect("acquire");
        let (line_sum, claim_sum, run_total) = cairn_db::payments::run_sums(&mut h.conn(), run)
            .await
            .expect("sums");
        drop(h);
        assert_eq!(run_total, next_total - mileage.amount_pence);
        assert_eq!((line_sum, claim_sum), (run_total, run_total));
        assert_eq!(payroll.len(), 2, "one row for Mo");
        assert_eq!(cell(&payroll[1][7]), next_total - mileage.amount_pence);
        assert_eq!(cell(&payroll[1][4]), 2, "his claim and the correction");
        let kinds: Vec<&str> = accounts[1..].iter().map(|r| r[1].as_str()).collect();
        assert!(
            kinds.contains(&"En:payments-export-row-correction:"),
            "{kinds:?}"
        );
        let k_row = accounts
            .iter()
            .find(|r| r[2] == correction.to_string())
            .expect("the correction's row");
        assert_eq!(k_row[1], "En:payments-export-row-correction:");
        assert_eq!(cell(&k_row[11]), -mileage.amount_pence);
        assert_eq!(
            stored(&w.app, w.org.id, correction).await.status,
            ClaimStatus::Paid
        );
        // Mo is told, and both claims' histories say what happened.
        let mut h = w.app.db.acquire().await.expect("acquire");
        let on_paid: Vec<String> = cairn_db::payments::events(&mut h.conn(), paid)
            .await
            .expect("events")
            .into_iter()
            .map(|e| e.kind)
            .collect();
        let notices = cairn_db::notices::list(&mut h.conn(), w.mo.user_id, 50)
            .await
            .expect("notices");
        drop(h);
        assert!(on_paid.contains(&"correction_recorded".to_owned()));
        assert!(
            notices
                .iter()
                .any(|n| n.message_id == "notice-claim-corrected"),
            "Mo hears of it"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_is_corrected_once_and_only_finance_correct_only_paid_claims_with_a_reason() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (paid, _) = paid_claim(&w).await;
        let paid_lines = lines(&w, paid).await;
        let fee = paid_lines.iter().find(|l| l.kind == "fee").expect("fee").id;
        let mileage = paid_lines
            .iter()
            .find(|l| l.kind == "expense")
            .expect("miles")
            .id;
        let waiting = authorised_claim(
            &w,
            w.mo_id,
            &draft("consultation", (2026, 3, 26), "1", "0", vec![]),
        )
        .await;
        let other_line = lines(&w, waiting).await[0].id;

        // Exec
        let no_reason = payments::correct_paid(&w.app, &w.finance, paid, &[fee], "  ").await;
        let no_lines = payments::correct_paid(&w.app, &w.finance, paid, &[], "Wrong").await;
        let stranger =
            payments::correct_paid(&w.app, &w.finance, paid, &[other_line], "Wrong").await;
        let by_lead = payments::correct_paid(&w.app, &w.lead, paid, &[fee], "Wrong").await;
        let by_member = payments::correct_paid(&w.app, &w.mo, paid, &[fee], "Wrong").await;
        let not_paid =
            payments::correct_paid(&w.app, &w.finance, waiting, &[other_line], "Wrong").await;
        let first = payments::correct_paid(&w.app, &w.finance, paid, &[fee], "Cancelled")
            .await
            .expect("first correction");
        let again =
            payments::correct_paid(&w.app, &w.finance, paid, &[fee, mileage], "Again").await;
        let of_correction = payments::correct_paid(
            &w.app,
            &w.finance,
            first,
            &[lines(&w, first).await[0].id],
            "Undo",
        )
        .await;
        let rest = payments::correct_paid(&w.app, &w.finance, paid, &[mileage], "Miles too").await;

        // Check
        assert_invalid(no_reason, "reason", "payments-error-reason");
        assert_invalid(no_lines, "lines", "payments-error-correct-lines");
        assert_invalid(stranger, "lines", "payments-error-line");
        assert!(matches!(by_lead, Err(AppError::Forbidden)), "{by_lead:?}");
        assert!(
            matches!(by_member, Err(AppError::Forbidden)),
            "{by_member:?}"
        );
        assert_conflict(not_paid, "payments-error-not-paid");
        assert_conflict(again, "payments-error-reversed");
        assert_conflict(of_correction, "payments-error-correct-a-correction");
        assert!(
            rest.is_ok(),
            "the other line is still open to correction: {rest:?}"
        );
        assert_eq!(
            count(
                &w.app,
                "SELECT COUNT(*) FROM claims WHERE corrects_claim_id IS NOT NULL"
            )
            .await,
            2,
            "only the two accepted corrections were recorded"
        );
        let reversals_of_fee = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::fetch_scalar!(
                &mut h.conn(),
                i64,
                "SELECT COUNT(*) FROM claim_lines WHERE reverses_line_id = $1",
                fee
            )
            .expect("count")
        };
        assert_eq!(reversals_of_fee, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fee_paid_lower_is_corrected_only_together_with_the_line_that_lowered_it() {
    both_engines(|db| async move {
        // Setup: the lead approved £50 of a £75 fee; the claim is paid.
        let w = world(db).await;
        let id = crate::payments::make(
            &w.app,
            &w.lead,
            Some(w.mo_id),
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        crate::payments::submitted(&w.app, &w.lead, id).await;
        payments::approve(&w.app, &w.lead, id, Some(5000), "Left early")
            .await
            .expect("approve lower");
        authorised(&w.app, &w.finance, id).await;
        paid_run(&w, &[id]).await;
        let ls = lines(&w, id).await;
        let fee = ls.iter().find(|l| l.kind == "fee").expect("fee").id;
        let lower = ls
            .iter()
            .find(|l| l.kind == "adjustment")
            .expect("lower")
            .id;

        // Exec
        let alone = payments::correct_paid(&w.app, &w.finance, id, &[fee], "Not held").await;
        let both = payments::correct_paid(&w.app, &w.finance, id, &[fee, lower], "Not held").await;

        // Check: alone it would take back £75 of the £50 paid.
        assert_invalid(alone, "lines", "payments-error-correct-below-zero");
        let k = both.expect("both lines");
        assert_eq!(
            stored(&w.app, w.org.id, k).await.total_pence,
            -stored(&w.app, w.org.id, id).await.total_pence,
            "the correction takes back exactly what was paid"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_counts_in_the_weeks_earnings_once_authorised_and_shows_on_the_statement_and_the_report()
 {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let dylan = finance2(&w).await;
        let (paid, _) = paid_claim(&w).await;
        let c = stored(&w.app, w.org.id, paid).await;
        let fee = lines(&w, paid)
            .await
            .into_iter()
            .find(|l| l.kind == "fee")
            .expect("fee");
        let week_of = |e: &payments::Earnings| {
            e.weeks
                .iter()
                .find(|l| l.starts_on == "2026-03-23")
                .map(|l| l.fees.total())
                .unwrap_or(0)
        };
        let earnings = || payments::earnings(&w.app, &w.finance, w.mo_id, None, None);
        let before = week_of(&earnings().await.expect("earnings"));

        // Exec
        let k = payments::correct_paid(&w.app, &w.finance, paid, &[fee.id], "Meeting cancelled")
            .await
            .expect("correct");
        let waiting = week_of(&earnings().await.expect("earnings"));
        authorised(&w.app, &dylan, k).await;
        let authorised_week = earnings().await.expect("earnings");
        let statement = payments::statement_corrections(&w.app, &authorised_week)
            .await
            .expect("statement");
        let report_before = payments::report(&w.app, &w.finance, 12)
            .await
            .expect("report");
        paid_run(&w, &[k]).await;
        let report = payments::report(&w.app, &w.finance, 12)
            .await
            .expect("report");

        // Check: the fee counted; the correction waiting for its second signature changes
        // nothing; once authorised it takes the fee off the same week.
        assert_eq!(before, c.income_pence);
        assert_eq!(waiting, before);
        assert_eq!(week_of(&authorised_week), before - fee.amount_pence);
        assert_eq!(statement.iter().map(|s| s.id).collect::<Vec<_>>(), vec![k]);
        assert_eq!(statement[0].corrects_claim_id, Some(paid));
        // The report: the correction is in the totals and counted apart from paid claims.
        assert_eq!((report_before.corrections, report_before.paid), (0, 1));
        assert_eq!(report.corrections, 1);
        assert_eq!(report.corrected_pence, -fee.amount_pence);
        assert_eq!(report.paid, 1, "timeliness counts claims, not corrections");
        let month_total: i64 = report.by_month.iter().map(|t| t.pence).sum();
        assert_eq!(month_total, c.total_pence - fee.amount_pence);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accounts_export_charges_a_claim_without_a_unit_to_the_organisation_and_payroll_lists_only_the_runs_people()
 {
    both_engines(|db| async move {
        // Setup: Nia belongs to no unit; Mo's claim is authorised but left out of the run.
        let w = world(db).await;
        let nia = person(&w.app, &w.org, "Nia", "service_user", &[]).await;
        let hers = authorised_claim(
            &w,
            nia,
            &draft("consultation", (2026, 3, 24), "2", "0", vec![]),
        )
        .await;
        let mos = authorised_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 3, 24), "2", "0", vec![]),
        )
        .await;
        let run = payments::create_run(&w.app, &w.finance, &[hers])
            .await
            .expect("run");
        payments::lock_run(&w.app, &w.finance, run)
            .await
            .expect("lock");
        let org_name = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::units::get_organisation(&mut h.conn(), w.org.id)
                .await
                .expect("org")
                .name
        };

        // Exec
        let accounts = payments::export(
            &w.app,
            &w.finance,
            run,
            ExportFormat::Accounts,
            Language::En,
        )
        .await
        .expect("accounts");
        let payroll =
            payments::export(&w.app, &w.finance, run, ExportFormat::Payroll, Language::En)
                .await
                .expect("payroll");

        // Check
        assert_eq!(stored(&w.app, w.org.id, hers).await.unit_id, None);
        for r in accounts[1..].iter().filter(|r| {
            r[1] == "En:payments-export-row-claim:"
                || r[1] == "En:payments-export-row-cost-centre-total:"
        }) {
            assert_eq!(r[5], org_name, "never a blank cost centre: {r:?}");
        }
        let people: Vec<i64> = payroll[1..].iter().map(|r| cell(&r[1])).collect();
        assert_eq!(people, vec![nia]);
        assert_eq!(
            stored(&w.app, w.org.id, mos).await.status,
            ClaimStatus::Authorised
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_has_claims_at_every_step_a_corrected_claim_a_member_near_their_limit_and_two_runs()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);

        // Exec
        let org = cairn_app::demo::build(&app, "pw-long-enough-123", cairn_app::demo::Scale::Demo)
            .await
            .expect("demo");

        // Check: every status has a claim.
        let finance = signed_in(&app, "finance@demo.cairn.test").await;
        let waiting = payments::waiting(&app, &finance).await.expect("waiting");
        for (status, n) in &waiting {
            assert!(*n > 0, "no demo claim is {status:?}");
        }
        assert_eq!(waiting.len(), ClaimStatus::ALL.len());
        // Two runs: one paid, one locked, whose sums reconcile.
        let runs = payments::runs(&app, &finance).await.expect("runs");
        let mut statuses: Vec<&str> = runs.iter().map(|r| r.status.as_str()).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, vec!["locked", "paid"]);
        for r in &runs {
            let v = payments::run(&app, &finance, r.id).await.expect("run");
            assert_eq!((v.sums.0, v.sums.1), (v.sums.2, v.sums.2));
        }
        // A paid claim corrected, the correction authorised by someone else and in the run.
        let mut h = app.db.acquire().await.expect("acquire");
        let (k, original, status, approver, authoriser): (i64, i64, String, i64, i64) =
            cairn_db::fetch_one!(
                &mut h.conn(),
                (i64, i64, String, i64, i64),
                "SELECT id, corrects_claim_id, status, approved_by_user_id, authorised_by_user_id FROM claims \
                 WHERE organisation_id = $1 AND corrects_claim_id IS NOT NULL",
                org
            )
            .expect("one correction");
        let original = cairn_db::payments::get_claim(&mut h.conn(), org, original)
            .await
            .expect("get")
            .expect("original");
        drop(h);
        assert_eq!(original.status, ClaimStatus::Paid);
        assert_eq!(status, "in_run");
        assert_ne!(approver, authoriser);
        let locked = runs.iter().find(|r| r.status == "locked").expect("locked");
        let in_locked = payments::run(&app, &finance, locked.id).await.expect("run");
        assert!(in_locked.rows.iter().any(|r| r.claim_id == k));
        // Someone has their own weekly limit, with this week's claims close to it but within.
        let mut h = app.db.acquire().await.expect("acquire");
        let limited: Vec<(i64, i64)> = cairn_db::fetch_all!(
            &mut h.conn(),
            (i64, i64),
            "SELECT pp.person_id, pp.limit_pence FROM payment_profiles pp JOIN people p ON p.id = pp.person_id \
             WHERE p.organisation_id = $1 AND pp.limit_pence IS NOT NULL",
            org
        )
        .expect("limits");
        drop(h);
        assert!(!limited.is_empty(), "a member with a limit");
        let lead = signed_in(&app, "lead@demo.cairn.test").await;
        let mut near = false;
        for (person, limit) in limited {
            let e = payments::earnings(&app, &lead, person, None, None)
                .await
                .expect("earnings");
            near |= e
                .weeks
                .iter()
                .any(|w| w.fees.total() <= limit && w.fees.total() * 10 >= limit * 7);
        }
        assert!(near, "a week within 30% of someone's limit");
    })
    .await;
}
