//! The benefits guard can hold, not only warn: with the person's hold on, a claim that would take
//! their income past their own limit is paid up to it when approved; the rest is paid in the
//! next period, given as vouchers, or not paid, as they chose — recorded as append-only lines
//! and events, audited, and told to them. With the hold off the guard warns as before. Preset
//! limits that have ended are not offered. Both engines, fixed clock (Sunday 29 March 2026).

use crate::common::*;
use crate::payments::{World, approved, draft, make, stored, submitted, world};
use cairn_app::payments::{self, ProfileDraft};
use cairn_db::payments::{Claim, Line};
use cairn_domain::payments::ClaimStatus;
use cairn_testkit::both_engines;

/// Mo's own limit with the hold on (`rest` given) or off (`None`).
fn limit(period: &str, pounds: &str, rest: Option<&str>) -> ProfileDraft {
    ProfileDraft {
        choice: "bank".into(),
        limit_kind: "own".into(),
        limit_period: period.into(),
        limit_amount: pounds.into(),
        hold: if rest.is_some() { "yes" } else { "no" }.into(),
        over_limit: rest.unwrap_or_default().into(),
        ..Default::default()
    }
}

/// A consultation Mo claims and sends, and the lead approves.
async fn approved_consultation(w: &World, on: (i16, i8, i8), hours: &str) -> i64 {
    let id = make(
        &w.app,
        &w.mo,
        None,
        &draft("consultation", on, hours, "0", vec![]),
    )
    .await;
    submitted(&w.app, &w.mo, id).await;
    approved(&w.app, &w.lead, id).await;
    id
}

/// A consultation Mo claims and sends, not yet approved.
async fn sent_consultation(w: &World, on: (i16, i8, i8), hours: &str) -> i64 {
    let id = make(
        &w.app,
        &w.mo,
        None,
        &draft("consultation", on, hours, "0", vec![]),
    )
    .await;
    submitted(&w.app, &w.mo, id).await;
    id
}

async fn lines(w: &World, id: i64) -> Vec<Line> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::lines(&mut h.conn(), id)
        .await
        .expect("lines")
}

async fn events(w: &World, id: i64) -> Vec<cairn_db::payments::Event> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::payments::events(&mut h.conn(), id)
        .await
        .expect("events")
}

async fn notices(w: &World) -> Vec<cairn_db::notices::Notice> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), w.mo.user_id, 50)
        .await
        .expect("notices")
}

/// The claim carrying the rest of `id`, named by the "held_carried" event.
async fn carried(w: &World, id: i64) -> Option<Claim> {
    let note = events(w, id)
        .await
        .into_iter()
        .find(|e| e.kind == "held_carried")
        .and_then(|e| e.note)?;
    Some(stored(&w.app, w.org.id, note.parse().expect("a claim id")).await)
}

async fn claim_audits(w: &World) -> usize {
    crate::payments::audit_of(&w.app, w.org.id, "claim")
        .await
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_past_the_monthly_limit_is_paid_up_to_it_and_the_rest_moves_to_the_next_month() {
    both_engines(|db| async move {
        // Setup: £100 a month, held, the rest later; a claim already approved on 10 March.
        let w = world(db).await;
        payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &limit("month", "100", Some("later")),
        )
        .await
        .expect("profile");
        let first = approved_consultation(&w, (2026, 3, 10), "3").await;
        let already = stored(&w.app, w.org.id, first).await.income_pence;
        let second = sent_consultation(&w, (2026, 3, 20), "3").await;
        let asked = stored(&w.app, w.org.id, second).await;
        let audits_before = claim_audits(&w).await;

        // Exec
        approved(&w.app, &w.lead, second).await;

        // Check: paid up to the limit, the cut an adjustment line with its reason.
        let room = 10_000 - already;
        assert!(asked.income_pence > room, "the setup passes the limit");
        let c = stored(&w.app, w.org.id, second).await;
        assert_eq!(c.status, ClaimStatus::Approved);
        assert_eq!(c.income_pence, room);
        assert_eq!(c.fee_pence, room);
        assert_eq!(c.total_pence, c.fee_pence + c.expenses_pence);
        let cut = lines(&w, second).await.pop().expect("a line");
        assert_eq!(
            (
                cut.kind.as_str(),
                cut.amount_pence,
                cut.is_fee,
                cut.counts_as_income
            ),
            ("adjustment", room - asked.income_pence, true, true)
        );
        assert_eq!(
            cut.note.as_deref(),
            Some("En:payments-held-reason-later:limit=£100.00"),
            "the reason, in Mo's language"
        );
        // The rest: a new claim dated 1 April, sent for approval in its own month.
        let rest = carried(&w, second).await.expect("the rest is carried");
        assert_eq!(rest.activity_on, "2026-04-01");
        assert_eq!(rest.status, ClaimStatus::Submitted);
        assert_eq!(rest.person_id, w.mo_id);
        assert_eq!(rest.income_pence, asked.income_pence - room);
        assert_eq!(
            c.income_pence + rest.income_pence,
            asked.income_pence,
            "nothing lost"
        );
        let kinds: Vec<String> = events(&w, second)
            .await
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert!(kinds.contains(&"held_later".to_owned()), "{kinds:?}");
        assert!(events(&w, rest.id).await.iter().any(
            |e| e.kind == "held_from" && e.note.as_deref() == Some(second.to_string().as_str())
        ));
        // Finance cannot pay it before its month comes.
        assert!(matches!(
            payments::authorise(&w.app, &w.finance, rest.id).await,
            Err(cairn_app::AppError::Conflict(_))
        ));
        // Audited, and Mo is told in pence and a date, worded when read.
        assert!(
            claim_audits(&w).await >= audits_before + 3,
            "the approval, the hold and the new claim"
        );
        let told: Vec<_> = notices(&w)
            .await
            .into_iter()
            .filter(|n| n.message_id == "notice-claim-held-later")
            .collect();
        assert_eq!(told.len(), 1);
        let args: serde_json::Value = serde_json::from_str(&told[0].args_json).expect("json");
        assert_eq!(args["paid"]["pence"], room);
        assert_eq!(args["held"]["pence"], asked.income_pence - room);
        assert_eq!(args["date"]["date"], "2026-04-01");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_vouchers_chosen_the_rest_of_a_week_is_a_voucher_claim_approved_with_it() {
    both_engines(|db| async move {
        // Setup: £50 a week, held, the rest as vouchers; £40 approved on Monday 23 March.
        let w = world(db).await;
        payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &limit("week", "50", Some("vouchers")),
        )
        .await
        .expect("profile");
        let monday = approved_consultation(&w, (2026, 3, 23), "2").await;
        let already = stored(&w.app, w.org.id, monday).await.income_pence;
        let thursday = sent_consultation(&w, (2026, 3, 26), "2").await;
        let asked = stored(&w.app, w.org.id, thursday).await.income_pence;

        // Exec
        approved(&w.app, &w.lead, thursday).await;

        // Check
        let c = stored(&w.app, w.org.id, thursday).await;
        assert_eq!(c.income_pence, 5_000 - already);
        let rest = carried(&w, thursday).await.expect("a voucher claim");
        assert_eq!(rest.choice, "voucher");
        assert_eq!(
            rest.activity_on, "2026-03-26",
            "vouchers are income on the same day"
        );
        assert_eq!(rest.status, ClaimStatus::Approved);
        assert_eq!(rest.approved_by_user_id, Some(w.lead.user_id));
        assert_eq!(rest.total_pence, asked - c.income_pence);
        assert!(
            notices(&w)
                .await
                .iter()
                .any(|n| n.message_id == "notice-claim-held-vouchers")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_nothing_chosen_the_rest_is_not_paid_and_a_limit_of_nothing_holds_the_whole_fee() {
    both_engines(|db| async move {
        // Setup: a limit of £0 a week, held, the rest not paid.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &limit("week", "0", Some("none")))
            .await
            .expect("profile");
        let id = sent_consultation(&w, (2026, 3, 24), "1").await;
        let asked = stored(&w.app, w.org.id, id).await;
        let claims_before = crate::payments::count(&w.app, "SELECT COUNT(*) FROM claims").await;

        // Exec
        approved(&w.app, &w.lead, id).await;

        // Check
        let c = stored(&w.app, w.org.id, id).await;
        assert!(asked.fee_pence > 0);
        assert_eq!((c.fee_pence, c.income_pence), (0, 0));
        assert_eq!(c.status, ClaimStatus::Approved);
        assert_eq!(
            crate::payments::count(&w.app, "SELECT COUNT(*) FROM claims").await,
            claims_before,
            "no claim for the rest"
        );
        assert!(carried(&w, id).await.is_none());
        assert!(events(&w, id).await.iter().any(|e| e.kind == "held_none"));
        let told = notices(&w)
            .await
            .into_iter()
            .find(|n| n.message_id == "notice-claim-held-none")
            .expect("told");
        let args: serde_json::Value = serde_json::from_str(&told.args_json).expect("json");
        assert_eq!(args["paid"]["pence"], 0);
        assert_eq!(args["held"]["pence"], asked.income_pence);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_hold_off_a_claim_past_the_limit_is_approved_in_full_with_the_warning_only() {
    both_engines(|db| async move {
        // Setup: £100 a month, warnings only.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &limit("month", "100", None))
            .await
            .expect("profile");
        approved_consultation(&w, (2026, 3, 10), "3").await;
        let id = sent_consultation(&w, (2026, 3, 20), "3").await;
        let asked = stored(&w.app, w.org.id, id).await;
        let warned = payments::claim(&w.app, &w.lead, id)
            .await
            .expect("view")
            .guard
            .would_pass;

        // Exec
        approved(&w.app, &w.lead, id).await;

        // Check
        let c = stored(&w.app, w.org.id, id).await;
        assert!(warned, "the guard warns before approval");
        assert_eq!(c.income_pence, asked.income_pence);
        assert_eq!(lines(&w, id).await.len(), 1, "no adjustment");
        assert!(carried(&w, id).await.is_none());
        assert!(
            !events(&w, id)
                .await
                .iter()
                .any(|e| e.kind.starts_with("held_"))
        );
        assert!(
            !notices(&w)
                .await
                .iter()
                .any(|n| n.message_id.starts_with("notice-claim-held"))
        );
        let p = payments::profile(&w.app, &w.mo, w.mo_id)
            .await
            .expect("profile")
            .expect("set");
        assert!(!p.hold_at_limit);
        assert_eq!(p.over_limit, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_exactly_reaching_the_limit_is_paid_in_full_and_claims_still_waiting_do_not_count()
{
    both_engines(|db| async move {
        // Setup: £60 a week, held; a £40 claim sent but not approved on Monday.
        let w = world(db).await;
        payments::set_profile(&w.app, &w.mo, w.mo_id, &limit("week", "60", Some("later")))
            .await
            .expect("profile");
        let waiting = sent_consultation(&w, (2026, 3, 23), "2").await;
        let exactly = sent_consultation(&w, (2026, 3, 25), "3").await;
        let asked = stored(&w.app, w.org.id, exactly).await.income_pence;

        // Exec
        approved(&w.app, &w.lead, exactly).await;
        approved(&w.app, &w.lead, waiting).await;

        // Check: the £60 claim fits exactly; the one approved after it is held in full.
        assert_eq!(asked, 6_000, "three hours at the example £20 an hour");
        assert_eq!(stored(&w.app, w.org.id, exactly).await.income_pence, asked);
        assert!(carried(&w, exactly).await.is_none());
        assert_eq!(stored(&w.app, w.org.id, waiting).await.income_pence, 0);
        let rest = carried(&w, waiting).await.expect("carried");
        assert_eq!(rest.activity_on, "2026-03-30", "the next Monday");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hold_needs_a_limit_and_a_choice_for_the_rest() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;

        // Exec
        let no_limit = payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &ProfileDraft {
                choice: "bank".into(),
                limit_kind: "none".into(),
                hold: "yes".into(),
                over_limit: "later".into(),
                ..Default::default()
            },
        )
        .await;
        let no_rest =
            payments::set_profile(&w.app, &w.mo, w.mo_id, &limit("week", "50", Some(""))).await;
        let odd_rest = payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &limit("week", "50", Some("later-ish")),
        )
        .await;
        let one_step = payments::check_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &ProfileDraft {
                choice: "bank".into(),
                ..Default::default()
            },
            &["choice"],
        )
        .await;

        // Check
        let field = |r: &cairn_app::AppResult<()>| match r {
            Err(cairn_app::AppError::Invalid(e)) => {
                e.0.iter()
                    .map(|x| (x.field.clone(), x.code))
                    .collect::<Vec<_>>()
            }
            other => panic!("expected invalid, got {other:?}"),
        };
        assert_eq!(
            field(&no_limit),
            vec![("hold".to_owned(), "payments-error-hold-needs-limit")]
        );
        assert_eq!(
            field(&no_rest),
            vec![("over_limit".to_owned(), "payments-error-over-limit-choice")]
        );
        assert_eq!(field(&odd_rest)[0].0, "over_limit");
        assert!(one_step.is_ok(), "later questions are not asked yet");
        assert!(
            payments::profile(&w.app, &w.mo, w.mo_id)
                .await
                .expect("profile")
                .is_none(),
            "nothing saved"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preset_limits_that_have_ended_are_not_offered_nor_taken() {
    both_engines(|db| async move {
        // Setup: the examples; two of them end on 5 April 2026.
        let w = world(db).await;
        let all = payments::rate_card(&w.app, &w.mo)
            .await
            .expect("card")
            .presets;
        let ended: Vec<i64> = all
            .iter()
            .filter(|p| p.valid_to.as_deref() == Some("2026-04-05"))
            .map(|p| p.id)
            .collect();

        // Exec: on 29 March, then on 6 April.
        let before = payments::offered_presets(&w.app, &w.mo)
            .await
            .expect("offered");
        w.app.clock.set(T0 + 8 * 24 * 60 * 60 * 1000);
        let after = payments::offered_presets(&w.app, &w.mo)
            .await
            .expect("offered");
        let take_ended = payments::set_profile(
            &w.app,
            &w.mo,
            w.mo_id,
            &ProfileDraft {
                choice: "bank".into(),
                limit_kind: "preset".into(),
                preset_id: ended[0].to_string(),
                ..Default::default()
            },
        )
        .await;

        // Check
        assert_eq!(ended.len(), 2, "the 2025/26 examples carry their end");
        assert_eq!(before.len(), all.len(), "none had ended on 29 March");
        let ids: Vec<i64> = after.iter().map(|p| p.id).collect();
        assert!(ended.iter().all(|e| !ids.contains(e)), "{ids:?}");
        assert_eq!(after.len(), all.len() - ended.len());
        assert!(after.iter().all(|p| p.valid_from.as_str() <= "2026-04-06"));
        match take_ended {
            Err(cairn_app::AppError::Invalid(e)) => {
                assert_eq!(e.0[0].field, "preset_id");
            }
            other => panic!("an ended preset was taken: {other:?}"),
        }
    })
    .await;
}
