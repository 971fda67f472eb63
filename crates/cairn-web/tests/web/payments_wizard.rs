//! A member's own claim, one question a page, by HTTP: the whole journey to Check your answers
//! (amounts read back in words) and the confirmation; each page refusing only its own mistakes
//! beside the field, with what was typed kept; a Change link that comes back to Check your
//! answers; the draft surviving between requests with an offer to carry on or start again;
//! and the member's own claim page speaking to them. Every test runs on both engines.

use crate::helpers::{Res, TestApp, Who, field_error};
use axum::http::StatusCode;

const START: &str = "/payments/claims/start";

/// The test app on SQLite, and on PostgreSQL when it is there.
async fn engines() -> Vec<TestApp> {
    let mut out = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        out.push(pg);
    }
    out
}

/// Posts a page's answers as the member and expects to be sent on to `to` (a path prefix).
async fn answer(t: &TestApp, path: &str, form: &str, to: &str) -> Res {
    let res = t.post(Who::Member, path, form).await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "POST {path} {form}: {}",
        res.body
    );
    assert!(
        res.location().starts_with(to),
        "POST {path} went to {} not {to}",
        res.location()
    );
    res
}

/// Answers the pages up to "Do you have expenses?" (a consultation, 3 February 2026, 1h 30).
async fn first_pages(t: &TestApp) {
    answer(
        t,
        &format!("{START}/what"),
        "activity_type=consultation&description=Menu+tasting+on+Alder",
        &format!("{START}/when"),
    )
    .await;
    answer(
        t,
        &format!("{START}/when"),
        "activity_on_day=3&activity_on_month=2&activity_on_year=2026",
        &format!("{START}/time"),
    )
    .await;
    answer(
        t,
        &format!("{START}/time"),
        "hours=1&minutes=30",
        &format!("{START}/expenses"),
    )
    .await;
}

/// After the expense pages: the payment question when it is asked, then Check your answers.
async fn to_check(t: &TestApp, res: Res) {
    if res.location().starts_with(&format!("{START}/paid")) {
        answer(
            t,
            &format!("{START}/paid"),
            "choice=bank",
            &format!("{START}/check"),
        )
        .await;
    } else {
        assert_eq!(res.location(), format!("{START}/check"));
    }
}

/// A PNG's signature and a few bytes: enough for the receipt check.
fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1]);
    b
}

#[tokio::test]
async fn a_member_claims_page_by_page_checks_amounts_in_words_and_sees_what_happens_next() {
    for t in engines().await {
        // Setup: the member's claims list offers the new journey (staff keep the form).
        let list = t.get(Who::Member, "/payments/claims").await;
        assert!(list.body.contains("href=\"/payments/claims/start\""));
        let staff_list = t.get(Who::Lead, "/payments/claims").await;
        assert!(staff_list.body.contains("href=\"/payments/claims/new\""));
        let start = t.get(Who::Member, START).await;
        assert_eq!(start.status, StatusCode::OK);
        assert!(start.body.contains("href=\"/payments/claims/start/what\""));

        // Exec: every page, two expenses (car miles, then a meal with a £ amount).
        first_pages(&t).await;
        answer(
            &t,
            &format!("{START}/expenses"),
            "has_expenses=yes",
            &format!("{START}/expense?n=0"),
        )
        .await;
        let amount_page = t.get(Who::Member, &format!("{START}/expense?n=0")).await;
        assert_eq!(amount_page.status, StatusCode::OK);
        answer(
            &t,
            &format!("{START}/expense?n=0"),
            "category=mileage_car",
            &format!("{START}/expense/amount?n=0"),
        )
        .await;
        answer(
            &t,
            &format!("{START}/expense/amount?n=0"),
            "miles=12.5",
            &format!("{START}/expense/more"),
        )
        .await;
        answer(
            &t,
            &format!("{START}/expense/more"),
            "more=yes",
            &format!("{START}/expense?n=1"),
        )
        .await;
        answer(
            &t,
            &format!("{START}/expense?n=1"),
            "category=meal",
            &format!("{START}/expense/amount?n=1"),
        )
        .await;
        let pounds_page = t
            .get(Who::Member, &format!("{START}/expense/amount?n=1"))
            .await;
        answer(
            &t,
            &format!("{START}/expense/amount?n=1"),
            "amount=8.50",
            &format!("{START}/expense/more"),
        )
        .await;
        let res = answer(&t, &format!("{START}/expense/more"), "more=no", START).await;
        to_check(&t, res).await;
        let check = t.get(Who::Member, &format!("{START}/check")).await;
        let send = t.post(Who::Member, &format!("{START}/check"), "").await;

        // Check: the amount page has the £ prefix; Check your answers reads the answers back,
        // the money in words, each with a Change link, and asks for the meal's receipt.
        assert!(pounds_page.body.contains("nhsuk-input__prefix"));
        assert_eq!(check.status, StatusCode::OK, "{}", check.body);
        for want in [
            "Menu tasting on Alder",
            "3 February 2026",
            "1 hour 30 minutes",
            "12.5 miles",
            "£8.50",
            "eight pounds and fifty pence",
            "/payments/claims/start/time?change=1",
            "/payments/claims/start/expense?n=1&",
            "receipt",
        ] {
            assert!(check.body.contains(want), "check page lacks {want}");
        }
        assert_eq!(send.status, StatusCode::SEE_OTHER, "{}", send.body);
        let sent = send.location().to_owned();
        assert!(sent.ends_with("/sent"), "{sent}");

        // The meal needs a receipt: the claim waits for it, then goes.
        let waiting = t.get(Who::Member, &sent).await;
        assert_eq!(waiting.status, StatusCode::OK);
        assert!(waiting.body.contains("type=\"file\""));
        let attached = t
            .post_multipart(
                Who::Member,
                &format!("{sent}/receipts"),
                Some(("receipt", &png())),
            )
            .await;
        assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
        let done = t.get(Who::Member, &sent).await;
        assert_eq!(done.status, StatusCode::OK);
        assert!(done.body.contains("nhsuk-panel"));
        assert!(done.body.contains("Claim sent"));
        assert!(done.body.contains("What happens next"));
        assert!(
            done.body.contains("within 21 days"),
            "the organisation's target"
        );
        // Sent: the draft is gone, so the start page starts afresh.
        let again = t.get(Who::Member, START).await;
        assert!(again.body.contains("href=\"/payments/claims/start/what\""));
        assert!(!again.body.contains("/payments/claims/start/again"));
    }
}

#[tokio::test]
async fn each_page_refuses_only_its_own_mistakes_beside_the_field_and_keeps_what_was_typed() {
    for t in engines().await {
        // Exec: a description but no activity; a date that is not real; time in words; a
        // meal "amount" that is not money.
        let what = t
            .post(
                Who::Member,
                &format!("{START}/what"),
                "description=Forum+on+Birch",
            )
            .await;
        let when = t
            .post(
                Who::Member,
                &format!("{START}/when"),
                "activity_on_day=31&activity_on_month=2&activity_on_year=2026",
            )
            .await;
        let time = t
            .post(Who::Member, &format!("{START}/time"), "hours=two&minutes=0")
            .await;
        let yes = t
            .post(Who::Member, &format!("{START}/expenses"), "has_expenses=")
            .await;
        t.post(
            Who::Member,
            &format!("{START}/expense?n=0"),
            "category=meal",
        )
        .await;
        let amount = t
            .post(
                Who::Member,
                &format!("{START}/expense/amount?n=0"),
                "amount=lots",
            )
            .await;

        // Check: 422 each time, the message beside that page's field only, the words kept.
        assert_eq!(what.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&what.body, "activity_type").is_some());
        assert!(field_error(&what.body, "description").is_none());
        assert!(what.body.contains("Forum on Birch"));
        assert!(what.body.contains("nhsuk-error-summary"));
        assert_eq!(when.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&when.body, "activity_on").is_some());
        assert!(field_error(&when.body, "activity_type").is_none());
        assert!(when.body.contains("value=\"31\""));
        assert_eq!(time.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&time.body, "hours").is_some());
        assert!(time.body.contains("value=\"two\""));
        assert_eq!(yes.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&yes.body, "has_expenses").is_some());
        assert_eq!(amount.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_error(&amount.body, "amount"),
            Some("Enter an amount in pounds, like 4.80")
        );
        assert!(amount.body.contains("value=\"lots\""));
        // Check your answers is not shown while answers are missing: it sends to the first.
        let check = t.get(Who::Member, &format!("{START}/check")).await;
        assert_eq!(check.location(), format!("{START}/what"));
    }
}

#[tokio::test]
async fn a_change_link_comes_back_to_check_your_answers_with_the_new_answer() {
    for t in engines().await {
        // Setup: answers complete, no expenses.
        first_pages(&t).await;
        let res = answer(&t, &format!("{START}/expenses"), "has_expenses=no", START).await;
        to_check(&t, res).await;
        let check = t.get(Who::Member, &format!("{START}/check")).await;
        assert!(check.body.contains("No expenses"));

        // Exec: follow "Change" for how long, give 2 hours.
        let change = t.get(Who::Member, &format!("{START}/time?change=1")).await;
        let saved = t
            .post(
                Who::Member,
                &format!("{START}/time?change=1"),
                "hours=2&minutes=0",
            )
            .await;
        let after = t.get(Who::Member, &format!("{START}/check")).await;

        // Check: the page shows the kept answer and leads back; saving returns to the check.
        assert_eq!(change.status, StatusCode::OK);
        assert!(change.body.contains("value=\"30\""));
        assert!(change.body.contains(&format!("href=\"{START}/check\"")));
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(saved.location(), format!("{START}/check"));
        assert!(after.body.contains("2 hours"));
        assert!(!after.body.contains("1 hour 30 minutes"));
    }
}

#[tokio::test]
async fn the_draft_survives_between_requests_and_coming_back_offers_to_carry_on_or_start_again() {
    for t in engines().await {
        // Setup: the first page answered.
        answer(
            &t,
            &format!("{START}/what"),
            "activity_type=meeting&description=Carers+forum",
            &format!("{START}/when"),
        )
        .await;

        // Exec: come back later.
        let back = t.get(Who::Member, START).await;
        let what = t.get(Who::Member, &format!("{START}/what")).await;
        let again = t.post(Who::Member, &format!("{START}/again"), "").await;
        let fresh = t.get(Who::Member, &format!("{START}/what")).await;

        // Check: carry on goes to the first page still to answer; the answers are there;
        // starting again forgets them.
        assert_eq!(back.status, StatusCode::OK);
        assert!(back.body.contains(&format!("href=\"{START}/when\"")));
        assert!(back.body.contains(&format!("action=\"{START}/again\"")));
        assert!(what.body.contains("Carers forum"));
        assert!(what.body.contains("value=\"meeting\" checked"));
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert!(!fresh.body.contains("Carers forum"));
    }
}

#[tokio::test]
async fn a_members_own_claim_page_says_you_and_what_happens_next() {
    for t in engines().await {
        let path = format!("/payments/claims/{}", t.seed.claims[0]);

        let own = t.get(Who::Member, &path).await;
        let staff = t.get(Who::Lead, &path).await;

        // The member's (sent) claim: "You", the next step in words, no empty heading.
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Who it is for"));
        assert!(own.body.contains(">You<"));
        assert!(own.body.contains("What happens next"));
        assert!(own.body.contains("Your claim is waiting to be checked"));
        assert!(!own.body.contains("Next step"));
        assert!(!own.body.contains("How they are paid"));
        // Staff still read the person's name and their next step.
        assert!(staff.body.contains("Person"));
        assert!(staff.body.contains("Next step"));
        assert!(!staff.body.contains("Who it is for"));
    }
}
