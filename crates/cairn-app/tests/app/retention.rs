//! Use-case tests for retention: the policy and its limits, what a run removes and what it
//! keeps, the append-only money lines that only retention may remove (and only whole finished
//! claims), the audit by count, and the daily run taken by one instance. Every body runs on
//! SQLite and PostgreSQL.

use crate::common::*;
use crate::payments::{
    World, approved_claim, assert_conflict, audit_of, count, day, draft, make, member, paid_run,
    png, raw, submitted, world,
};
use cairn_app::retention::{self, PolicyDraft, Removals};
use cairn_app::{AppError, feedback, payments, people, roles};
use cairn_domain::roles::ExitDraft;
use cairn_testkit::both_engines;

fn leaving_on(y: i16, m: i8, d: i8) -> ExitDraft {
    ExitDraft {
        left_on: day(y, m, d),
        reasons: vec!["moved_on".into()],
        own_words: "Thank you all".into(),
        stay_in_touch: "no".into(),
    }
}

async fn name_of(w: &World, id: i64) -> String {
    people::view(&w.app, &w.org.admin, id)
        .await
        .expect("view")
        .person
        .chosen_name
}

/// A suggestion sent with a contact address by `who` and closed by the lead.
async fn closed_suggestion_with_contact(w: &World, who: &cairn_app::Actor) -> i64 {
    let id = feedback::submit_online(
        &w.app,
        who,
        &cairn_domain::feedback::SuggestionDraft {
            unit_id: Some(w.alder),
            text: "A bench by the garden door".into(),
            channel: "online".into(),
            anonymous: false,
            contact: Some("bench@example.org".into()),
            found_on: Default::default(),
        },
        cairn_domain::people::Language::En,
    )
    .await
    .expect("suggestion");
    feedback::transition(&w.app, &w.lead, id, "done", Some("The bench is in"), None)
        .await
        .expect("close");
    id
}

#[tokio::test]
async fn a_run_removes_only_what_is_past_each_period_and_the_audit_log_counts_it() {
    both_engines(|db| async move {
        // Arrange, on 29 March 2026 (tax year 2025/26).
        let w = world(db).await;
        let (a, a_id) = member(&w, "Angharad", "service_user", &[w.alder]).await;
        let (_, b_id) = member(&w, "Bryn", "carer", &[w.alder]).await;
        let (c, c_id) = member(&w, "Ceridwen", "service_user", &[w.alder]).await;
        // Angharad: a claim paid now, with a receipt; then she leaves.
        let paid = make(
            &w.app,
            &a,
            None,
            &draft("meeting", (2026, 3, 3), "2", "0", vec![]),
        )
        .await;
        payments::add_receipt(&w.app, &a, paid, &png())
            .await
            .expect("receipt");
        submitted(&w.app, &a, paid).await;
        crate::payments::approved(&w.app, &w.lead, paid).await;
        crate::payments::authorised(&w.app, &w.finance, paid).await;
        let run = paid_run(&w, &[paid]).await;
        // A claim approved long ago but never paid is not finished: it stays whatever its age.
        let unfinished = approved_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 3, 4), "1", "0", vec![]),
        )
        .await;
        roles::leave(&w.app, &w.lead, a_id, &leaving_on(2026, 3, 29))
            .await
            .expect("Angharad leaves");
        // Ceridwen leaves with a claim still on its way.
        let open = make(
            &w.app,
            &c,
            None,
            &draft("meeting", (2026, 3, 5), "1", "0", vec![]),
        )
        .await;
        submitted(&w.app, &c, open).await;
        roles::leave(&w.app, &w.lead, c_id, &leaving_on(2026, 3, 29))
            .await
            .expect("Ceridwen leaves");
        let suggestion = closed_suggestion_with_contact(&w, &w.mo).await;
        // Bryn leaves six years later, a month before the run.
        w.app.clock.set(utc(2032, 5, 1, 12, 0));
        roles::leave(&w.app, &w.lead, b_id, &leaving_on(2032, 5, 1))
            .await
            .expect("Bryn leaves");
        // The run: 1 June 2032. Defaults: 24 months for leavers and exit feedback, 6 months for
        // contacts, 36 months of audit, 6 years after the tax year for payments (2026/27 on).
        w.app.clock.set(utc(2032, 6, 1, 12, 0));
        let audit_cutoff = utc(2029, 6, 1, 0, 0) - 60 * 60 * 1000; // midnight, London summer time
        let old_audit = count(
            &w.app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE organisation_id = {} AND at < {audit_cutoff}",
                w.org.id
            ),
        )
        .await;
        assert!(
            old_audit > 10,
            "setting up wrote audit entries ({old_audit})"
        );

        // Exec: what the page shows, then the run.
        let before = retention::overview(&w.app, &w.org.admin)
            .await
            .expect("overview");
        let removed = retention::apply(&w.app, &w.org.admin).await.expect("apply");

        // Check: the preview said exactly what the run then did.
        let expected = Removals {
            left_people: 1,
            left_people_waiting: 1,
            exit_feedback: 2,
            suggestion_contacts: 1,
            audit_entries: old_audit,
            claims: 1,
            claim_drafts: 0,
        };
        assert_eq!(before.due, expected);
        assert_eq!(removed, expected);
        // Angharad is erased; Ceridwen waits for her claim; Bryn left too recently.
        assert_eq!(name_of(&w, a_id).await, format!("Person {a_id}"));
        assert_eq!(name_of(&w, c_id).await, "Ceridwen");
        assert_eq!(name_of(&w, b_id).await, "Bryn");
        // Only Bryn's exit feedback is left.
        let exits = count(&w.app, "SELECT COUNT(*) FROM exits").await;
        let bryns = count(
            &w.app,
            &format!("SELECT COUNT(*) FROM exits WHERE person_id = {b_id}"),
        )
        .await;
        assert_eq!((exits, bryns), (1, 1));
        // The suggestion stays, without its contact.
        let s = count(
            &w.app,
            &format!(
                "SELECT COUNT(*) FROM suggestions WHERE id = {suggestion} AND contact IS NULL \
                 AND text = 'A bench by the garden door'"
            ),
        )
        .await;
        assert_eq!(s, 1);
        // The paid claim has gone with its lines, receipt, history and its emptied run.
        for (table, column, id) in [
            ("claims", "id", paid),
            ("claim_lines", "claim_id", paid),
            ("receipts", "claim_id", paid),
            ("claim_events", "claim_id", paid),
            ("payment_runs", "id", run),
        ] {
            let n = count(
                &w.app,
                &format!("SELECT COUNT(*) FROM {table} WHERE {column} = {id}"),
            )
            .await;
            assert_eq!(n, 0, "{table} still holds {id}");
        }
        for id in [unfinished, open] {
            let n = count(
                &w.app,
                &format!("SELECT COUNT(*) FROM claim_lines WHERE claim_id = {id}"),
            )
            .await;
            assert!(n > 0, "claim {id} keeps its lines");
        }
        assert_eq!(
            count(&w.app, "SELECT COUNT(*) FROM claim_line_releases").await,
            0
        );
        // No audit entry older than the period, and the run counted, naming no one.
        let left = count(
            &w.app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE organisation_id = {} AND at < {audit_cutoff}",
                w.org.id
            ),
        )
        .await;
        assert_eq!(left, 0);
        let log = audit_of(&w.app, w.org.id, "retention").await;
        assert_eq!(log.len(), 1);
        let counted: Removals =
            serde_json::from_str(log[0].after_json.as_deref().expect("counts")).expect("json");
        assert_eq!(counted, expected);
        let json = log[0].after_json.clone().unwrap_or_default();
        assert!(!json.contains("Angharad") && !json.contains("Ceridwen"));
        // A second run finds nothing more, and the page shows the last run.
        let after = retention::overview(&w.app, &w.org.admin)
            .await
            .expect("overview");
        assert_eq!(
            after.due,
            Removals {
                left_people_waiting: 1,
                ..Removals::default()
            }
        );
        assert_eq!(after.last_run.map(|(_, r)| r), Some(expected));
    })
    .await;
}

#[tokio::test]
async fn money_lines_are_removed_only_for_a_finished_claim_named_for_release() {
    both_engines(|db| async move {
        // Arrange: one paid claim, one approved and not paid.
        let w = world(db).await;
        let paid_claim = crate::payments::authorised_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 3, 3), "2", "0", vec![]),
        )
        .await;
        paid_run(&w, &[paid_claim]).await;
        let unpaid = approved_claim(
            &w,
            w.mo_id,
            &draft("meeting", (2026, 3, 4), "1", "0", vec![]),
        )
        .await;
        let delete = "DELETE FROM claim_lines WHERE claim_id = $1";

        // Exec and check: without a release, no line of either goes.
        assert!(raw(&w.app, delete, paid_claim).await.is_err());
        assert!(raw(&w.app, delete, unpaid).await.is_err());
        // A release for a claim that is not finished still protects its lines.
        raw(
            &w.app,
            "INSERT INTO claim_line_releases (claim_id) VALUES ($1)",
            unpaid,
        )
        .await
        .expect("release row");
        assert!(raw(&w.app, delete, unpaid).await.is_err());
        let lines = count(
            &w.app,
            &format!("SELECT COUNT(*) FROM claim_lines WHERE claim_id IN ({paid_claim}, {unpaid})"),
        )
        .await;
        assert!(lines >= 2, "every line is still there ({lines})");
        // Changing an amount is refused whatever is released.
        assert!(
            raw(
                &w.app,
                "UPDATE claim_lines SET amount_pence = 1 WHERE claim_id = $1",
                unpaid
            )
            .await
            .is_err()
        );
    })
    .await;
}

#[tokio::test]
async fn the_policy_keeps_payments_at_least_three_years_and_a_refused_change_saves_nothing() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let mut d = PolicyDraft {
            left_people_months: "12".into(),
            exit_feedback_months: "12".into(),
            suggestion_contact_months: "3".into(),
            audit_months: "24".into(),
            payment_years: "2".into(),
        };

        // Exec: too short, then right, then someone not an administrator.
        let refused = retention::update(&w.app, &w.org.admin, &d).await;
        let unchanged = retention::overview(&w.app, &w.org.admin)
            .await
            .expect("overview");
        d.payment_years = "7".into();
        let saved = retention::update(&w.app, &w.org.admin, &d)
            .await
            .expect("save");
        let by_lead = retention::update(&w.app, &w.lead, &d).await;
        let run_by_finance = retention::apply(&w.app, &w.finance).await;
        let seen_by_staff = retention::overview(&w.app, &w.staff).await;

        // Check
        match refused {
            Err(AppError::Invalid(e)) => {
                assert_eq!(
                    e.for_field("payment_years").map(|x| x.code),
                    Some("retention-error-payment-years")
                );
                assert_eq!(e.0.len(), 1);
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(!unchanged.is_set);
        assert_eq!(unchanged.policy, retention::Policy::default());
        assert_eq!(saved.payment_years, 7);
        let now = retention::overview(&w.app, &w.org.admin)
            .await
            .expect("overview");
        assert!(now.is_set);
        assert_eq!(now.policy, saved);
        assert!(matches!(by_lead, Err(AppError::Forbidden)));
        assert!(matches!(run_by_finance, Err(AppError::Forbidden)));
        assert!(matches!(seen_by_staff, Err(AppError::Forbidden)));
        let log = audit_of(&w.app, w.org.id, "retention_policy").await;
        assert_eq!(log.len(), 1);
        assert!(
            log[0]
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("\"payment_years\":7")
        );
    })
    .await;
}

#[tokio::test]
async fn the_daily_run_happens_once_a_day_across_instances_at_once() {
    both_engines(|db| async move {
        // Arrange: two instances on one database, each with its own clock at the same time.
        let w = world(db.clone()).await;
        let other = app(db);
        other.clock.set(w.app.now());

        // Exec: both at once, then both again an hour later, then a day later.
        let (x, y) = tokio::join!(retention::run_daily(&w.app), retention::run_daily(&other));
        w.app.clock.set(T0 + 60 * 60 * 1000);
        let hour_later = retention::run_daily(&w.app).await.expect("run");
        w.app.clock.set(T0 + 24 * 60 * 60 * 1000);
        let day_later = retention::run_daily(&w.app).await.expect("run");

        // Check
        let ran = [x.expect("run"), y.expect("run")];
        assert_eq!(ran.iter().filter(|r| **r).count(), 1, "{ran:?}");
        assert!(!hour_later);
        assert!(day_later);
        // Each run that ran left its count in the organisation's audit log.
        assert_eq!(audit_of(&w.app, w.org.id, "retention").await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn an_open_claim_holds_up_retention_of_a_leaver_as_it_holds_up_erasure() {
    both_engines(|db| async move {
        // Arrange: Dafydd leaves with a claim sent and not yet paid.
        let w = world(db).await;
        let (dafydd, d_id) = member(&w, "Dafydd", "service_user", &[w.alder]).await;
        let open = make(
            &w.app,
            &dafydd,
            None,
            &draft("meeting", (2026, 3, 5), "1", "0", vec![]),
        )
        .await;
        submitted(&w.app, &dafydd, open).await;
        roles::leave(&w.app, &w.lead, d_id, &leaving_on(2026, 3, 29))
            .await
            .expect("leave");
        w.app.clock.set(utc(2030, 6, 1, 12, 0));

        // Exec
        let manual = people::erasure::erase(&w.app, &w.org.admin, d_id, "Asked").await;
        let removed = retention::apply(&w.app, &w.org.admin).await.expect("run");

        // Check
        assert_conflict(manual, "erase-error-open-claims");
        assert_eq!((removed.left_people, removed.left_people_waiting), (0, 1));
        assert_eq!(name_of(&w, d_id).await, "Dafydd");
        let account = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::accounts::find_user_by_email(&mut h.conn(), "dafydd@example.org")
                .await
                .expect("find")
        };
        assert!(account.is_some(), "the account is untouched until erasure");
    })
    .await;
}

/// Five claims for five days of March 2026, paid in one run.
async fn five_paid_claims(w: &World) -> Vec<i64> {
    let mut claims = Vec::new();
    for d in 2..=6 {
        let on = draft("meeting", (2026, 3, d), "1", "0", vec![]);
        claims.push(crate::payments::authorised_claim(w, w.mo_id, &on).await);
    }
    paid_run(w, &claims).await;
    claims
}

/// How many of `claims` are still stored.
async fn still_stored(w: &World, claims: &[i64]) -> i64 {
    let ids = claims
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    count(
        &w.app,
        &format!("SELECT COUNT(*) FROM claims WHERE id IN ({ids})"),
    )
    .await
}

/// The counts in the organisation's one audit entry for a retention run.
async fn counted(w: &World) -> Removals {
    let log = audit_of(&w.app, w.org.id, "retention").await;
    assert_eq!(log.len(), 1, "one entry counts the run");
    serde_json::from_str(log[0].after_json.as_deref().expect("counts")).expect("json")
}

/// The SQL statements of `queries` that start with `start`, counted transaction by transaction
/// (a transaction ends at each `COMMIT`); transactions without one are left out.
fn per_transaction(queries: &[String], start: &str) -> Vec<usize> {
    queries
        .split(|q| q == "COMMIT")
        .map(|tx| tx.iter().filter(|q| q.starts_with(start)).count())
        .filter(|n| *n > 0)
        .collect()
}

#[tokio::test]
async fn a_large_run_removes_claims_and_audit_entries_a_batch_per_transaction() {
    both_engines(|db| async move {
        // Arrange: five paid claims; the run seven years on, when they and every audit entry
        // written so far are past their periods.
        let w = world(db).await;
        let claims = five_paid_claims(&w).await;
        w.app.clock.set(utc(2033, 6, 1, 12, 0));
        let in_org = format!(
            "SELECT COUNT(*) FROM audit_log WHERE organisation_id = {}",
            w.org.id
        );
        let old_audit = count(&w.app, &in_org).await;
        assert!(
            old_audit > 7,
            "setting up wrote audit entries ({old_audit})"
        );
        let batches = retention::Batches {
            claims: 2,
            audit_entries: 3,
            pause: std::time::Duration::from_millis(1),
        };

        // Exec
        let (removed, queries) =
            cairn_db::record_queries(retention::apply_in_batches(&w.app, &w.org.admin, batches))
                .await;

        // Check: two claims to a transaction, newest first, then three audit entries to a
        // transaction until a short one; each batch committed before the next began.
        let removed = removed.expect("apply");
        assert_eq!((removed.claims, removed.audit_entries), (5, old_audit));
        assert_eq!(
            per_transaction(&queries, "DELETE FROM claims WHERE"),
            vec![2, 2, 1]
        );
        let audit_batches = per_transaction(&queries, "DELETE FROM audit_log");
        assert_eq!(
            audit_batches.len(),
            usize::try_from(old_audit / 3 + 1).expect("a count")
        );
        assert!(audit_batches.iter().all(|n| *n == 1), "{audit_batches:?}");
        let ids = claims
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        for table in ["claims WHERE id", "claim_lines WHERE claim_id"] {
            let left = count(&w.app, &format!("SELECT COUNT(*) FROM {table} IN ({ids})")).await;
            assert_eq!(left, 0, "{table}");
        }
        // One entry counts the whole run, and it is the only audit entry left.
        assert_eq!(counted(&w).await, removed);
        assert_eq!(count(&w.app, &in_org).await, 1);
    })
    .await;
}

/// Makes the database refuse to delete the rows of `table` that `when` picks (SQL over `OLD`).
async fn refuse_deleting(w: &World, table: &str, when: &str) {
    let refuse = match w.app.db {
        cairn_db::Db::Sqlite(_) => vec![format!(
            "CREATE TRIGGER keep_{table} BEFORE DELETE ON {table} WHEN {when} \
             BEGIN SELECT RAISE(ABORT, 'kept'); END"
        )],
        cairn_db::Db::Postgres(_) => vec![
            format!(
                "CREATE FUNCTION keep_{table}() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'kept'; END $$ LANGUAGE plpgsql"
            ),
            format!(
                "CREATE TRIGGER keep_{table} BEFORE DELETE ON {table} FOR EACH ROW \
                 WHEN ({when}) EXECUTE FUNCTION keep_{table}()"
            ),
        ],
    };
    for sql in refuse {
        let mut h = w.app.db.acquire().await.expect("acquire");
        cairn_db::execute!(&mut h.conn(), &sql).expect("trigger");
    }
}

#[tokio::test]
async fn a_run_that_fails_part_way_counts_what_it_removed_and_keeps_the_rest_whole() {
    both_engines(|db| async move {
        // Arrange: five paid claims, and the database refusing to delete the second oldest, so
        // the run's second batch of two fails.
        let w = world(db).await;
        let claims = five_paid_claims(&w).await;
        let kept = claims[1];
        refuse_deleting(&w, "claims", &format!("OLD.id = {kept}")).await;
        w.app.clock.set(utc(2033, 6, 1, 12, 0));
        let batches = retention::Batches {
            claims: 2,
            audit_entries: 3,
            pause: std::time::Duration::from_millis(1),
        };

        // Exec
        let run = retention::apply_in_batches(&w.app, &w.org.admin, batches).await;

        // Check: the run fails; the first batch (the newest two) has gone, the failed batch
        // is whole, with its lines, and the oldest was not reached.
        assert!(run.is_err(), "{run:?}");
        for (i, id) in claims.iter().enumerate() {
            let stays = i < 3;
            let rows = count(
                &w.app,
                &format!("SELECT COUNT(*) FROM claims WHERE id = {id}"),
            )
            .await;
            let lines = count(
                &w.app,
                &format!("SELECT COUNT(*) FROM claim_lines WHERE claim_id = {id}"),
            )
            .await;
            assert_eq!(rows == 1, stays, "claim {i}");
            assert_eq!(lines > 0, stays, "claim {i}'s lines");
        }
        // The audit log says what went before the failure; no audit entry was removed.
        assert_eq!(
            counted(&w).await,
            Removals {
                claims: 2,
                ..Removals::default()
            }
        );
    })
    .await;
}

#[tokio::test]
async fn a_run_whose_caller_goes_away_still_finishes_and_is_counted() {
    both_engines(|db| async move {
        // Arrange: five paid claims, one to a transaction with a long pause between, so the run
        // takes about a second.
        let w = world(db).await;
        let claims = five_paid_claims(&w).await;
        w.app.clock.set(utc(2033, 6, 1, 12, 0));
        let batches = retention::Batches {
            claims: 1,
            audit_entries: 5_000,
            pause: std::time::Duration::from_millis(200),
        };

        // Exec: the caller waits 100 ms and gives up, as a closed page or a timed-out request
        // does.
        let gave_up = tokio::time::timeout(
            std::time::Duration::from_millis(100),
            retention::apply_in_batches(&w.app, &w.org.admin, batches),
        )
        .await;

        // Check: the run went on without it, removed every claim and counted them.
        assert!(gave_up.is_err(), "the caller left before the run ended");
        let mut log = Vec::new();
        for _ in 0..100 {
            log = audit_of(&w.app, w.org.id, "retention").await;
            if !log.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(log.len(), 1, "the run is counted");
        assert_eq!(counted(&w).await.claims, 5);
        assert_eq!(still_stored(&w, &claims).await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_run_whose_last_transaction_fails_still_counts_the_claims_its_batches_removed() {
    both_engines(|db| async move {
        // Arrange: five paid claims in one run, and the database refusing to delete payment
        // runs, which the last transaction does once their claims have gone.
        let w = world(db).await;
        let claims = five_paid_claims(&w).await;
        refuse_deleting(&w, "payment_runs", "1 = 1").await;
        w.app.clock.set(utc(2033, 6, 1, 12, 0));

        // Exec
        let run = retention::apply(&w.app, &w.org.admin).await;

        // Check: the run fails, its batches' removals stand and are counted, and the last
        // transaction's are not (its old audit entries went in batches before it: counted too).
        assert!(run.is_err(), "{run:?}");
        assert_eq!(still_stored(&w, &claims).await, 0);
        assert_eq!(count(&w.app, "SELECT COUNT(*) FROM payment_runs").await, 1);
        let counted = counted(&w).await;
        assert_eq!(counted.claims, 5);
        assert!(counted.audit_entries > 0, "{counted:?}");
        assert_eq!(
            (
                counted.exit_feedback,
                counted.suggestion_contacts,
                counted.claim_drafts
            ),
            (0, 0, 0)
        );
    })
    .await;
}
