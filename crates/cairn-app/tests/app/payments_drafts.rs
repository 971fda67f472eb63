//! A member's claim made one question a page: the draft kept on the server between pages, only
//! ever the member's own; sending it makes and submits the claim with the one-page form's rules
//! and removes the draft; a claim needing a receipt waits for it; a mistake found at sending
//! names the page it belongs to; and the draft is in the person's export and gone on erasure.
//! Every body runs on SQLite and PostgreSQL.

use crate::payments::{png, world};
use cairn_app::AppError;
use cairn_app::payments::drafts::{self, ClaimSteps, ExpenseStep, Part, SendOutcome};
use cairn_app::payments::{self, ClaimView};
use cairn_app::people;
use cairn_domain::payments::{ClaimStatus, ExpenseCategory, PaymentChoice};
use cairn_testkit::both_engines;

/// A claim typed in full: a consultation on 3 February 2026 (within the example rates) for an
/// hour and a half, with the expenses given, and a payment choice.
fn typed(expenses: Vec<ExpenseStep>, choice: &str) -> ClaimSteps {
    ClaimSteps {
        activity_type: "consultation".into(),
        description: "Menu tasting on Alder".into(),
        day: "3".into(),
        month: "2".into(),
        year: "2026".into(),
        hours: "1".into(),
        minutes: "30".into(),
        has_expenses: if expenses.is_empty() { "no" } else { "yes" }.into(),
        expenses,
        choice: choice.into(),
        ..Default::default()
    }
}

fn expense(category: &str, miles: &str, amount: &str) -> ExpenseStep {
    ExpenseStep {
        category: category.into(),
        miles: miles.into(),
        amount: amount.into(),
    }
}

/// Every claim the actor can see.
fn all() -> cairn_db::payments::ClaimQuery {
    cairn_db::payments::ClaimQuery {
        limit: 1000,
        ..Default::default()
    }
}

async fn claim_of(app: &cairn_app::App, actor: &cairn_app::Actor, id: i64) -> ClaimView {
    payments::claim(app, actor, id).await.expect("claim")
}

#[tokio::test]
async fn a_members_draft_is_kept_between_pages_and_only_they_see_it() {
    both_engines(|db| async move {
        // Setup: Mo has typed the first page; Ada is another member.
        let w = world(db).await;
        let (ada, _) = crate::payments::member(&w, "Ada", "carer", &[w.alder]).await;
        let first = ClaimSteps {
            activity_type: "meeting".into(),
            description: "Ward forum".into(),
            ..Default::default()
        };

        // Exec: save, then read back; save again over it.
        drafts::save(&w.app, &w.mo, &first).await.expect("save");
        let kept = drafts::journey(&w.app, &w.mo).await.expect("journey");
        let mut second = first.clone();
        second.day = "3".into();
        drafts::save(&w.app, &w.mo, &second)
            .await
            .expect("save again");
        let later = drafts::journey(&w.app, &w.mo).await.expect("journey");
        let ada_sees = drafts::journey(&w.app, &ada).await.expect("ada");
        let staff = drafts::save(&w.app, &w.lead, &first).await;

        // Check: the latest save is what comes back; nobody else's draft is shared; staff keep
        // no draft of their own (they use the one-page form).
        assert_eq!(kept.steps.as_ref(), Some(&first));
        assert!(kept.saved_at.is_some());
        assert_eq!(later.steps, Some(second));
        assert_eq!(ada_sees.steps, None);
        assert!(kept.asks_choice, "Mo has not said how to be paid yet");
        assert!(matches!(staff, Err(AppError::Forbidden)), "{staff:?}");
    })
    .await;
}

#[tokio::test]
async fn starting_again_throws_the_draft_away() {
    both_engines(|db| async move {
        let w = world(db).await;
        drafts::save(&w.app, &w.mo, &typed(Vec::new(), "bank"))
            .await
            .expect("save");

        drafts::discard(&w.app, &w.mo).await.expect("discard");

        let j = drafts::journey(&w.app, &w.mo).await.expect("journey");
        assert_eq!(j.steps, None);
        assert_eq!(j.saved_at, None);
    })
    .await;
}

#[tokio::test]
async fn sending_makes_and_submits_the_claim_records_the_choice_and_removes_the_draft() {
    both_engines(|db| async move {
        // Setup: ten car miles, no receipt needed; Mo chooses vouchers on the way.
        let w = world(db).await;
        let steps = typed(vec![expense("mileage_car", "10", "")], "voucher");
        drafts::save(&w.app, &w.mo, &steps).await.expect("save");

        // Exec
        let out = drafts::send(&w.app, &w.mo).await.expect("send");

        // Check: submitted at once; the lines are the fee and the mileage the one-page form
        // would have made from the same answers; the choice is kept; the draft is gone.
        let SendOutcome::Sent(sent) = out else {
            panic!("not sent: {out:?}")
        };
        assert!(sent.submitted);
        let v = claim_of(&w.app, &w.mo, sent.claim_id).await;
        assert_eq!(v.claim.status, ClaimStatus::Submitted);
        let same = payments::create_claim(&w.app, &w.mo, None, None, &steps.claim_draft())
            .await
            .expect("the same claim by the one-page form");
        let twin = claim_of(&w.app, &w.mo, same).await;
        assert_eq!(v.claim.fee_pence, twin.claim.fee_pence);
        assert!(v.claim.fee_pence > 0);
        let miles: Vec<_> = v.lines.iter().filter_map(|l| l.miles_tenths).collect();
        assert_eq!(miles, vec![100]);
        let profile = payments::profile(&w.app, &w.mo, w.mo_id)
            .await
            .expect("profile")
            .expect("chosen");
        assert_eq!(profile.choice, PaymentChoice::Voucher);
        let after = drafts::journey(&w.app, &w.mo).await.expect("journey");
        assert_eq!(after.steps, None);
        assert!(!after.asks_choice, "the question is not asked again");
    })
    .await;
}

#[tokio::test]
async fn a_claim_whose_expense_needs_a_receipt_waits_for_it_then_goes() {
    both_engines(|db| async move {
        // Setup: parking, which the example rates ask a receipt for.
        let w = world(db).await;
        let steps = typed(vec![expense("parking", "", "4.50")], "bank");
        drafts::save(&w.app, &w.mo, &steps).await.expect("save");
        let asked = drafts::receipts_asked(&w.app, &w.mo, &steps, jiff::civil::date(2026, 3, 1))
            .await
            .expect("asked");

        // Exec
        let out = drafts::send(&w.app, &w.mo).await.expect("send");
        let SendOutcome::Sent(sent) = out else {
            panic!("not sent: {out:?}")
        };
        let waiting = claim_of(&w.app, &w.mo, sent.claim_id).await;
        drafts::add_receipt_and_send(&w.app, &w.mo, sent.claim_id, &png())
            .await
            .expect("receipt and send");

        // Check: made but not sent until the receipt came; the draft went when it was made.
        assert_eq!(asked, vec![ExpenseCategory::Parking]);
        assert!(!sent.submitted);
        assert_eq!(waiting.claim.status, ClaimStatus::Draft);
        assert_eq!(waiting.claim.expenses_pence, 450);
        let v = claim_of(&w.app, &w.mo, sent.claim_id).await;
        assert_eq!(v.claim.status, ClaimStatus::Submitted);
        assert_eq!(drafts::journey(&w.app, &w.mo).await.expect("j").steps, None);
    })
    .await;
}

#[tokio::test]
async fn a_mistake_found_at_sending_names_its_page_and_keeps_the_draft() {
    both_engines(|db| async move {
        // Setup: a day before any example fee rate applies (they start 6 April 2025).
        let w = world(db).await;
        let mut steps = typed(Vec::new(), "bank");
        steps.year = "2024".into();
        drafts::save(&w.app, &w.mo, &steps).await.expect("save");
        let before = payments::list(&w.app, &w.mo, all())
            .await
            .expect("list")
            .len();

        // Exec
        let out = drafts::send(&w.app, &w.mo).await.expect("send");

        // Check: back to "what it was for", with the rate message beside the activity; no
        // claim was made and the answers are still kept.
        let SendOutcome::Fix(part, errors) = out else {
            panic!("sent: {out:?}")
        };
        assert_eq!(part, Part::What);
        assert_eq!(
            errors.for_field("activity_type").map(|e| e.code),
            Some("payments-error-no-rate")
        );
        let after = payments::list(&w.app, &w.mo, all())
            .await
            .expect("list")
            .len();
        assert_eq!(after, before);
        assert_eq!(
            drafts::journey(&w.app, &w.mo).await.expect("j").steps,
            Some(steps)
        );
    })
    .await;
}

#[tokio::test]
async fn a_draft_is_in_the_persons_export_and_gone_when_they_are_erased() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let steps = typed(Vec::new(), "bank");
        drafts::save(&w.app, &w.mo, &steps).await.expect("save");

        // Exec
        let export = people::export(&w.app, &w.org.admin, w.mo_id)
            .await
            .expect("export");
        people::erasure::erase(&w.app, &w.org.admin, w.mo_id, "They asked us to")
            .await
            .expect("erase");

        // Check: the export holds what was typed; after erasure no row is left.
        let kept = export.claim_draft.expect("the draft is exported");
        assert!(kept.data.contains("Menu tasting on Alder"), "{}", kept.data);
        let mut h = w.app.db.acquire().await.expect("h");
        let left = cairn_db::payments::drafts::get(&mut h.conn(), w.mo_id)
            .await
            .expect("get");
        assert!(left.is_none());
    })
    .await;
}

#[tokio::test]
async fn a_draft_left_untouched_past_the_fixed_days_goes_in_the_retention_run_and_a_fresher_one_stays()
 {
    both_engines(|db| async move {
        // Setup: Mo saves a draft now; Ada saves one a day before Mo's would be due.
        let w = world(db).await;
        let (ada, _) = crate::payments::member(&w, "Ada", "carer", &[w.alder]).await;
        let start = w.app.now();
        let day_ms = 24 * 60 * 60 * 1000;
        let keep_ms = cairn_domain::retention::DRAFT_DAYS * day_ms;
        drafts::save(&w.app, &w.mo, &typed(Vec::new(), "bank"))
            .await
            .expect("mo saves");
        w.app.clock.set(start + keep_ms - day_ms);
        drafts::save(&w.app, &ada, &typed(Vec::new(), "bank"))
            .await
            .expect("ada saves");

        // Exec: two days past Mo's period (a whole day on any calendar), the run.
        w.app.clock.set(start + keep_ms + 2 * day_ms);
        let due = cairn_app::retention::overview(&w.app, &w.org.admin)
            .await
            .expect("overview")
            .due
            .claim_drafts;
        let removed = cairn_app::retention::apply(&w.app, &w.org.admin)
            .await
            .expect("apply");

        // Check: the page counted one, the run removed one, and it was Mo's.
        assert_eq!(due, 1);
        assert_eq!(removed.claim_drafts, 1);
        let mo = drafts::journey(&w.app, &w.mo).await.expect("mo");
        let ada_left = drafts::journey(&w.app, &ada).await.expect("ada");
        assert_eq!(mo.steps, None);
        assert!(ada_left.steps.is_some(), "Ada's draft is within its days");
    })
    .await;
}
