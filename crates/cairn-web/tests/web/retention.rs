//! The retention page: what is typed wrong is said beside the field in the reader's language
//! and kept, and nothing is saved; a good change is saved and said so; a run is counted on the
//! page.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};

const TOO_SHORT: &str = "left_people_months=24&exit_feedback_months=24&suggestion_contact_months=6&audit_months=36&payment_years=2";

#[tokio::test]
async fn too_short_a_payment_period_is_refused_beside_the_field_in_welsh_keeping_what_was_typed() {
    let t = TestApp::new().await;
    let cy = [("accept-language", "cy")];

    let refused = t
        .send(
            Who::OrgAdmin,
            Method::POST,
            "/settings/retention",
            Some(TOO_SHORT),
            &cy,
        )
        .await;
    let after = t.get(Who::OrgAdmin, "/settings/retention").await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Nodwch nifer cyfan o flynyddoedd rhwng 3 a 10"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(r#"id="payment_years-error""#));
    assert!(refused.body.contains(
        r#"name="payment_years" type="text" inputmode="numeric" spellcheck="false" value="2""#
    ));
    // Nothing saved: the page still offers the suggested periods, six years for payments.
    assert!(after.body.contains(
        r#"name="payment_years" type="text" inputmode="numeric" spellcheck="false" value="6""#
    ));
    assert!(
        after
            .body
            .contains("These are Cairn&#39;s suggested periods")
            || after.body.contains("These are Cairn's suggested periods")
    );
}

#[tokio::test]
async fn a_saved_policy_is_shown_and_a_run_is_counted_on_the_page() {
    let t = TestApp::new().await;
    let ok = TOO_SHORT.replace("payment_years=2", "payment_years=7");

    let saved = t.post(Who::OrgAdmin, "/settings/retention", &ok).await;
    let page = t.get(Who::OrgAdmin, saved.location()).await;
    let ran = t.post(Who::OrgAdmin, "/settings/retention/run", "").await;
    let after = t.get(Who::OrgAdmin, ran.location()).await;

    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        page.body
            .contains("Saved. The next run uses these periods.")
    );
    assert!(page.body.contains(r#"value="7""#));
    assert!(page.body.contains("Cairn has not run this yet."));
    assert_eq!(ran.status, StatusCode::SEE_OTHER);
    assert!(
        after
            .body
            .contains("Done. The audit log counts what was removed.")
    );
    assert!(
        after.body.contains(r#"data-removed="claims">0<"#),
        "{}",
        after.body
    );
    assert!(!after.body.contains("Cairn has not run this yet."));
}
