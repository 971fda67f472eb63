//! Evidence records over HTTP: each kind's form, an audit refused beside its field with what
//! was typed kept, a record added and listed, the unit's assessment showing its measure, and
//! the API's list and create (201).

use crate::helpers::{TestApp, Who, field_error};
use axum::http::Method;
use serde_json::json;

#[tokio::test]
async fn staff_add_evidence_one_record_at_a_time_and_the_unit_shows_it() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    for kind in [
        "advocate_visit",
        "community_event",
        "perspective_paper",
        "practice_audit",
    ] {
        let form = t
            .get(
                Who::UnitStaff,
                &format!("/units/{unit}/evidence/new?kind={kind}"),
            )
            .await;
        assert_eq!(form.status, 200, "{kind}");
        assert!(form.body.contains(&format!("value=\"{kind}\"")));
        // Whole numbers with nothing to say after them draw no empty suffix box.
        assert!(
            !form
                .body
                .contains("<div class=\"nhsuk-input__suffix\" aria-hidden=\"true\"></div>"),
            "{kind}"
        );
    }
    let bad = t
        .post(
            Who::UnitStaff,
            &format!("/units/{unit}/evidence/new"),
            "kind=practice_audit&on_day=2&on_month=3&on_year=2026&practice=L2.09&looked_at=5&met=9",
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        field_error(&bad.body, "met"),
        Some("This cannot be more than how many were looked at")
    );
    assert!(bad.body.contains("value=\"9\"") && bad.body.contains("value=\"5\""));
    let ok = t
        .post(
            Who::UnitStaff,
            &format!("/units/{unit}/evidence/new"),
            "kind=advocate_visit&on_day=2&on_month=3&on_year=2026&service=Advocacy+Cymru",
        )
        .await;
    assert_eq!(ok.status, 303);
    let list = t.get(Who::Viewer, &format!("/units/{unit}/evidence")).await;
    assert!(list.body.contains("Advocacy Cymru"));
    assert!(
        !list.body.contains("Add an advocate visit"),
        "the board adds nothing"
    );
    let cy = t
        .send(
            Who::Viewer,
            Method::GET,
            &format!("/units/{unit}/evidence"),
            None,
            &[("accept-language", "cy")],
        )
        .await;
    assert!(cy.body.contains("Ymweliadau eiriolwr"));
    let assessment = t.get(Who::Lead, &format!("/units/{unit}/assessment")).await;
    assert!(assessment.body.contains(&format!("/units/{unit}/evidence")));
}

#[tokio::test]
async fn the_api_lists_and_creates_each_kind_with_its_own_date_field() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let made = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/units/{unit}/practice-audits"),
            Some(
                json!({"audited_on": "2026-03-02", "practice": "L3.03", "looked_at": 10, "met": 4}),
            ),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.json()["met"], 4);
    let bad = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/units/{unit}/advocate-visits"),
            Some(json!({"visited_on": "not a date", "service": "Advocacy Cymru"})),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["fields"][0]["field"], "visited_on");
    let list = t
        .api(
            Who::Viewer,
            Method::GET,
            &format!("/api/v1/units/{unit}/practice-audits"),
            None,
        )
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(list.json()["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list.json()["items"][0]["audited_on"], "2026-03-02");
}
