//! Training in the JSON API, as an integration would use it: a course from the contract's JSON,
//! refused input with field messages, a session answering whether it is co-delivered, a
//! register answering whether it is joint, and a person's credits by level.

use crate::helpers::{TestApp, Who, field_error};
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
    let completions = l["completions"].as_array().expect("completions");
    assert!(completions.contains(&json!(id)), "{completions:?}");
    // The seeded course (1 credit at Entry 3, completed in the seed) and this one.
    assert_eq!(l["credits_by_level"], json!({"entry_3": 2}));
    let certificate = l["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .find(|c| c["course_id"] == json!(id))
        .expect("a certificate for completing the course");
    assert_eq!(certificate["kind"], "completion");
    assert!(
        certificate["reference"]
            .as_str()
            .is_some_and(|r| r.starts_with("CRN-") && r.len() == 15)
    );
    assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_course_form_with_mistakes_says_so_beside_each_field_in_welsh_and_keeps_what_was_typed() {
    let t = TestApp::new().await;
    let before = t.get(Who::Lead, "/training").await;
    let cy = [("accept-language", "cy")];

    let res = t
        .send(
            Who::Lead,
            Method::POST,
            "/training/courses/new",
            Some("title_cy=Siarad+allan&summary_cy=Dod+o+hyd+i%27ch+llais&audience=carer&level=2&practices=L2.02&sessions=4&learning_hours=20&credits=3&completion=sessions&min_sessions=5"),
            &cy,
        )
        .await;
    let after = t.get(Who::Lead, "/training").await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "credits"),
        Some(
            "Mae angen 10 awr o ddysgu ar gyfer pob credyd: ychwanegwch oriau neu leihewch y credydau"
        )
    );
    assert_eq!(
        field_error(&res.body, "cqfw_level"),
        Some("Dewiswch lefel fframwaith y credydau")
    );
    assert!(field_error(&res.body, "min_sessions").is_some());
    assert!(res.body.contains(r#"value="Siarad allan""#));
    assert!(res.body.contains(r#"value="carer" checked"#));
    assert_eq!(
        before.body.matches("nhsuk-card__link").count(),
        after.body.matches("nhsuk-card__link").count(),
        "nothing was added"
    );
}

#[tokio::test]
async fn a_welsh_only_course_shows_in_welsh_on_english_pages_marked_as_welsh_and_a_member_asks_to_join()
 {
    let t = TestApp::new().await;
    let saved = t
        .post(
            Who::Lead,
            "/training/courses/new",
            "title_cy=Siarad+allan&summary_cy=Dod+o+hyd+i%27ch+llais&audience=carer&audience=service_user&level=2&practices=L2.02&sessions=4&learning_hours=20&completion=sessions&min_sessions=3",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let course = saved.location().to_owned();

    let prospectus = t.get(Who::Member, "/training").await;
    let asked = t.post(Who::Member, &format!("{course}/request"), "").await;
    let page = t.get(Who::Member, asked.location()).await;
    let staff_view = t.get(Who::Lead, &course).await;

    assert!(
        prospectus.body.contains(r#"lang="cy">Siarad allan</a>"#),
        "{}",
        prospectus.body
    );
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    assert!(page.body.contains("You have asked to do this course"));
    assert!(
        !page.body.contains("I&#39;d like to do this course")
            && !page.body.contains("I'd like to do this course")
    );
    assert!(
        staff_view.body.contains(">Mo</a>"),
        "the lead sees who asked"
    );
}

#[tokio::test]
async fn staff_type_in_a_paper_register_and_each_line_says_who_entered_it() {
    let t = TestApp::new().await;
    let path = format!("/training/sessions/{}", t.seed.session);
    let form = format!(
        "status_{}=attended&add_person={}&add_status=attended",
        t.seed.member_person, t.seed.person_a1
    );

    let saved = t.post(Who::UnitStaff, &path, &form).await;
    let page = t.get(Who::UnitStaff, saved.location()).await;

    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(page.body.contains("The register is saved."));
    assert_eq!(
        page.body.matches("Entered by staff@a.cairn.test").count(),
        2,
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!(
        r#"id="status-{}-attended" name="status_{}" type="radio" value="attended" checked"#,
        t.seed.person_a1, t.seed.person_a1
    )));
    // A carer and a service user attended: the session is joint.
    assert!(page.body.contains(">Joint<"));
}

#[tokio::test]
async fn staff_turn_a_peer_trainers_delivery_into_a_claim_from_the_register_and_wrong_minutes_are_kept()
 {
    let t = TestApp::new().await;
    let path = format!("/training/sessions/{}", t.seed.session);
    let trainer = t.seed.person_a1;

    let wrong = t
        .post(
            Who::Lead,
            &format!("{path}/claims"),
            &format!("person_id={trainer}&prep_minutes=lots&debrief_minutes=15"),
        )
        .await;
    let made = t
        .post(
            Who::Lead,
            &format!("{path}/claims"),
            &format!("person_id={trainer}&prep_minutes=30&debrief_minutes=15"),
        )
        .await;
    let claim = t.get(Who::Lead, made.location()).await;
    let register = t.get(Who::Lead, &path).await;

    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains(&format!(r#"id="prep_minutes_{trainer}-error""#))
    );
    assert!(wrong.body.contains(r#"value="lots""#));
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(made.location().starts_with("/payments/claims/"));
    assert_eq!(claim.status, StatusCode::OK);
    assert!(
        claim
            .body
            .contains("Training delivery: Understanding the levels")
    );
    assert!(register.body.contains("Claim made"));
    assert!(
        !register
            .body
            .contains(&format!(r#"id="prep_minutes_{trainer}""#))
    );
}

#[tokio::test]
async fn an_idea_for_training_is_sent_from_the_prospectus_and_the_lead_makes_a_course_of_it() {
    let t = TestApp::new().await;
    let cy = [("accept-language", "cy")];

    let empty = t
        .send(
            Who::Member,
            Method::POST,
            "/training/topics",
            Some("topic=+"),
            &cy,
        )
        .await;
    let sent = t
        .post(Who::Member, "/training/topics", "topic=Cooking+on+a+budget")
        .await;
    let thanked = t.get(Who::Member, sent.location()).await;
    let list = t.get(Who::Lead, "/training/topics").await;
    let id = {
        let mut h = t.app.db.acquire().await.expect("acquire");
        cairn_db::training::topics(&mut h.conn(), t.seed.org_a)
            .await
            .expect("topics")[0]
            .id
    };
    let form = t
        .get(Who::Lead, &format!("/training/courses/new?topic={id}"))
        .await;
    let made = t
        .post(
            Who::Lead,
            "/training/courses/new",
            &format!("topic_id={id}&title_en=Cooking+on+a+budget&summary_en=Cheap+healthy+meals&audience=service_user&level=1&practices=L2.03&sessions=2&learning_hours=4&completion=sessions&min_sessions=2"),
        )
        .await;
    let after = t.get(Who::Lead, "/training/topics").await;

    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&empty.body, "topic"),
        Some("Nodwch eich syniad am gwrs")
    );
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(thanked.body.contains("Your idea is on the list"));
    assert!(list.body.contains("Cooking on a budget"));
    assert!(list.body.contains("Service user"));
    assert!(!list.body.contains(">Mo<"), "no names on the list");
    assert!(form.body.contains(r#"name="topic_id" value=""#));
    assert!(form.body.contains(r#"value="Cooking on a budget""#));
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(after.body.contains("Made into a course"));
}
