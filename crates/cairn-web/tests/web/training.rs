//! Training in the JSON API, as an integration would use it: a course from the contract's JSON,
//! refused input with field messages, a session answering whether it is co-delivered, a
//! register answering whether it is joint, and a person's credits by level.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_course_session_and_register_through_the_api_answer_co_delivered_joint_and_credits() {
    // Arrange: a professional trainer (staff) to go with the carer as peer trainer.
    let t = TestApp::new().await;
    let staff = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/people",
            Some(json!({"chosen_name": "Elin", "constituency": "staff", "unit_ids": [t.seed.unit_a1], "preferred_language": "cy"})),
        )
        .await;
    assert_eq!(staff.status, StatusCode::CREATED, "{}", staff.body);
    let nurse = staff.json()["id"].as_i64().expect("id");

    // Exec: a course as the contract writes it; then a refused one.
    let course = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/courses",
            Some(json!({
                "title": "Speaking up", "title_cy": "Siarad", "summary": "Finding your voice in meetings",
                "summary_cy": "Dod o hyd i'ch llais mewn cyfarfodydd",
                "audience": ["service_user", "carer"], "level": 2, "practices": ["L2.02"],
                "credits": 1, "cqfw_level": "entry_3", "completion": {"min_sessions": 1}
            })),
        )
        .await;
    let refused = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/courses",
            Some(json!({"title": "x", "summary": "y", "audience": [], "level": 5, "completion": {"min_sessions": 1}})),
        )
        .await;
    assert_eq!(course.status, StatusCode::CREATED, "{}", course.body);
    let c = course.json();
    assert_eq!(c["completion"], json!({"min_sessions": 1}));
    assert_eq!(c["learning_hours"], 10, "one credit stands for 10 hours");
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, vec!["audience".to_owned(), "level".to_owned()]);

    let id = c["id"].as_i64().expect("id");
    let session = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/courses/{id}/sessions"),
            Some(json!({
                "starts_at": "2026-04-14T10:00:00+01:00", "ends_at": "2026-04-14T12:00:00+01:00",
                "place": "Education centre", "capacity": 10,
                "trainers": [
                    {"person_id": t.seed.person_a1, "part": "peer_trainer"},
                    {"person_id": nurse, "part": "professional_trainer"}
                ]
            })),
        )
        .await;
    assert_eq!(session.status, StatusCode::CREATED, "{}", session.body);
    let s = session.json();
    assert_eq!(s["co_delivered"], true);
    assert_eq!(s["starts_at"], "2026-04-14T09:00:00Z");
    let sid = s["id"].as_i64().expect("id");
    let one = t
        .api(
            Who::UnitStaff,
            Method::PUT,
            &format!("/api/v1/sessions/{sid}/attendance"),
            Some(
                json!({"attendance": [{"person_id": t.seed.member_person, "status": "attended"}]}),
            ),
        )
        .await;
    let two = t
        .api(
            Who::UnitStaff,
            Method::PUT,
            &format!("/api/v1/sessions/{sid}/attendance"),
            Some(json!({"attendance": [{"person_id": nurse, "status": "attended"}]})),
        )
        .await;
    let learning = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/people/{}/training", t.seed.member_person),
            None,
        )
        .await;
    let bad_status = t
        .api(
            Who::UnitStaff,
            Method::PUT,
            &format!("/api/v1/sessions/{sid}/attendance"),
            Some(json!({"attendance": [{"person_id": nurse, "status": "asleep"}]})),
        )
        .await;

    // Check
    assert_eq!(one.json()["joint"], false);
    assert_eq!(two.json()["joint"], true);
    let l = learning.json();
    assert_eq!(l["completions"], json!([id]));
    assert_eq!(l["credits_by_level"], json!({"entry_3": 1}));
    assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);
}
