//! Correcting a paid claim on the web and in the API: finance find the form on a paid claim's
//! page, a mistake comes back beside the field with what was typed, the correction names the
//! paid claim (and the paid claim lists it), someone else authorises it and it is ready for the
//! next run; `POST /api/v1/claims/{id}/reverse` answers 201, 409, 403, 404 and 422 with the
//! API's JSON error shape. Each test runs on SQLite and, when it is there, PostgreSQL.

use crate::helpers::{TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn engines() -> Vec<TestApp> {
    let mut all = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        all.push(pg);
    }
    all
}

/// Locks and pays the seeded run: the carer's claim in it is paid. Returns its id and its
/// money lines (id, amount).
async fn paid_claim(t: &TestApp) -> (i64, Vec<(i64, i64)>) {
    let run = t.seed.run;
    for step in ["lock", "paid"] {
        let r = t
            .post(Who::Finance, &format!("/payments/runs/{run}/{step}"), "")
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{step}: {}", r.body);
    }
    let id = t.seed.claims[3];
    let admin = t.actor(Who::OrgAdmin).await;
    let v = cairn_app::payments::claim(&t.app, &admin, id)
        .await
        .expect("claim");
    assert_eq!(v.claim.status, cairn_domain::payments::ClaimStatus::Paid);
    (id, v.lines.iter().map(|l| (l.id, l.amount_pence)).collect())
}

/// Another finance account, with no person record: the second pair of hands.
async fn second_finance(t: &TestApp) -> cairn_app::Actor {
    let mut tx = t.app.db.begin().await.expect("tx");
    let uid = cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &cairn_db::accounts::NewUser {
            organisation_id: Some(t.seed.org_a),
            email: "finance2@a.cairn.test",
            password_hash: None,
            role: cairn_domain::Role::Finance,
            person_id: None,
            locale: None,
        },
        t.app.now(),
    )
    .await
    .expect("user");
    tx.commit().await.expect("commit");
    let mut h = t.app.db.acquire().await.expect("h");
    let u = cairn_db::accounts::get_user(&mut h.conn(), uid)
        .await
        .expect("user");
    cairn_app::accounts::actor_for(&t.app, &u)
        .await
        .expect("actor")
}

#[tokio::test]
async fn finance_correct_a_paid_claim_on_its_page_and_a_second_person_authorises_it_for_the_next_run()
 {
    for t in engines().await {
        // Setup
        let (id, lines) = paid_claim(&t).await;
        let (line, amount) = lines[0];
        let form = format!("action=\"/payments/claims/{id}/correct\"");

        // Exec
        let finance_page = t.get(Who::Finance, &format!("/payments/claims/{id}")).await;
        let lead_page = t.get(Who::Lead, &format!("/payments/claims/{id}")).await;
        let no_lines = t
            .post(
                Who::Finance,
                &format!("/payments/claims/{id}/correct"),
                "correct_reason=Paid+twice",
            )
            .await;
        let done = t
            .post(
                Who::Finance,
                &format!("/payments/claims/{id}/correct"),
                &format!("correct_reason=Paid+twice&correct_lines={line}"),
            )
            .await;
        let k: i64 = done
            .location()
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("sent to the correction: {:?}", done.location()));
        let k_page = t.get(Who::Finance, &format!("/payments/claims/{k}")).await;
        let after = t.get(Who::Finance, &format!("/payments/claims/{id}")).await;
        let twice = t
            .post(
                Who::Finance,
                &format!("/payments/claims/{id}/correct"),
                &format!("correct_reason=Again&correct_lines={line}"),
            )
            .await;
        let dylan = second_finance(&t).await;
        cairn_app::payments::authorise(&t.app, &dylan, k)
            .await
            .expect("a second person authorises it");
        let runs = t.get(Who::Finance, "/payments/runs").await;

        // Check: only finance are offered the form.
        assert_eq!(finance_page.status, StatusCode::OK);
        assert!(finance_page.body.contains(&form), "finance see the form");
        assert!(finance_page.body.contains("Correct this paid claim"));
        assert_eq!(lead_page.status, StatusCode::OK);
        assert!(!lead_page.body.contains(&form), "a lead does not");
        // No line chosen: 422, the message beside the field, the reason kept.
        assert_eq!(no_lines.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_error(&no_lines.body, "correct_lines"),
            Some("Choose at least one line to correct")
        );
        assert!(no_lines.body.contains(">Paid twice</textarea>"));
        // The correction: its own page, naming the paid claim, waiting for someone else.
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_ne!(k, id);
        assert!(
            k_page
                .body
                .contains(&format!("This is a correction of paid claim {id}."))
        );
        assert!(
            k_page
                .body
                .contains(&format!("href=\"/payments/claims/{id}\""))
        );
        assert!(
            k_page
                .body
                .contains(&format!("-£{}.{:02}", amount / 100, amount % 100)),
            "the reversal takes the amount back"
        );
        assert!(
            !k_page
                .body
                .contains(&format!("action=\"/payments/claims/{k}/authorise\"")),
            "whoever recorded it cannot authorise it"
        );
        // The paid claim lists it and has nothing left to correct.
        assert!(
            after
                .body
                .contains(&format!("href=\"/payments/claims/{k}\""))
        );
        assert!(!after.body.contains(&form));
        assert_eq!(twice.status, StatusCode::CONFLICT);
        // Authorised by the second person, it is ready for the next run.
        assert!(
            runs.body.contains(&format!(
                "name=\"claim_ids\" type=\"checkbox\" value=\"{k}\""
            )),
            "the correction is offered for the next run"
        );
    }
}

#[tokio::test]
async fn the_reverse_api_answers_201_409_403_404_and_422_with_the_json_error_shape() {
    for t in engines().await {
        // Setup
        let (id, lines) = paid_claim(&t).await;
        let (line, amount) = lines[0];
        let path = format!("/api/v1/claims/{id}/reverse");
        let body = json!({"reason": "Paid twice", "lines": [line]});

        // Exec
        let lead = t
            .api(Who::Lead, Method::POST, &path, Some(body.clone()))
            .await;
        let other_org = t
            .api(Who::OtherAdmin, Method::POST, &path, Some(body.clone()))
            .await;
        let anon = t
            .api(Who::Anon, Method::POST, &path, Some(body.clone()))
            .await;
        let no_reason = t
            .api(
                Who::Finance,
                Method::POST,
                &path,
                Some(json!({"lines": [line]})),
            )
            .await;
        let no_lines = t
            .api(
                Who::Finance,
                Method::POST,
                &path,
                Some(json!({"reason": "Paid twice", "lines": []})),
            )
            .await;
        let not_paid = t
            .api(
                Who::Finance,
                Method::POST,
                &format!("/api/v1/claims/{}/reverse", t.seed.claims[0]),
                Some(json!({"reason": "Paid twice", "lines": [line]})),
            )
            .await;
        let made = t
            .api(Who::Finance, Method::POST, &path, Some(body.clone()))
            .await;
        let again = t
            .api(Who::Finance, Method::POST, &path, Some(body.clone()))
            .await;

        // Check
        assert_eq!(lead.status, StatusCode::FORBIDDEN, "{}", lead.body);
        assert_eq!(other_org.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no_reason.json()["fields"][0]["field"], "reason");
        assert_eq!(no_lines.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no_lines.json()["fields"][0]["field"], "lines");
        assert_eq!(not_paid.status, StatusCode::CONFLICT);
        assert_eq!(
            not_paid.json()["message"],
            "Only a paid claim is corrected this way. Before payment, correct a line on the claim itself."
        );
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let j = made.json();
        assert_eq!(j["corrects_claim_id"], id);
        assert_eq!(j["status"], "approved");
        assert_eq!(j["total_pence"], -amount);
        assert_eq!(j["lines"][0]["reverses_line_id"], line);
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(
            again.json()["message"],
            "That line has already been corrected"
        );
    }
}
