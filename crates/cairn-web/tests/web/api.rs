//! The JSON API: tokens, errors, pagination, enumerations, and the OpenAPI document.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn without_a_token_the_api_answers_401_and_never_accepts_the_session_cookie() {
    let t = TestApp::new().await;
    let res = t.api(Who::Anon, Method::GET, "/api/v1/units", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.json()["error"], "unauthorised");
    let res = t.get(Who::Lead, "/api/v1/units").await;
    assert_eq!(
        res.status,
        StatusCode::UNAUTHORIZED,
        "cookie alone is not enough"
    );
}

#[tokio::test]
async fn a_role_that_may_not_gets_403() {
    let t = TestApp::new().await;
    let res = t
        .api(
            Who::Viewer,
            Method::POST,
            "/api/v1/units",
            Some(json!({"name": "X"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(res.json()["error"], "forbidden");
}

#[tokio::test]
async fn invalid_fields_get_422_with_every_field_error_and_bad_json_gets_422() {
    let t = TestApp::new().await;
    let res = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/units",
            Some(json!({"name": "", "unit_type": "castle", "beds": 900})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.json();
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field"))
        .collect();
    assert_eq!(
        fields,
        vec!["name", "service_id", "unit_type", "beds", "gender_mix"]
    );
    assert_eq!(body["fields"][0]["message"], "Enter a name");
    let raw = axum::http::Request::post("/api/v1/units")
        .header("host", "localhost")
        .header(
            "authorization",
            format!("Bearer {}", t.who[&Who::Lead].token),
        )
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{not json"))
        .expect("req");
    let res = t.raw(raw).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json()["error"], "bad_json");
}

#[tokio::test]
async fn welsh_field_messages_come_back_when_asked_for() {
    let t = TestApp::new().await;
    let req = axum::http::Request::post("/api/v1/people")
        .header("host", "localhost")
        .header(
            "authorization",
            format!("Bearer {}", t.who[&Who::Lead].token),
        )
        .header("accept-language", "cy")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(r#"{"chosen_name": ""}"#))
        .expect("req");
    let res = t.raw(req).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json()["fields"][0]["message"],
        "Rhowch yr enw y maen nhw'n hoffi cael eu galw wrtho"
    );
}

#[tokio::test]
async fn units_are_created_patched_and_listed_in_pages_with_stable_keys() {
    let t = TestApp::new().await;
    for name in ["Zeta", "Eta", "Theta"] {
        let res = t
            .api(Who::Lead, Method::POST, "/api/v1/units", Some(json!({"name": name, "service_id": t.seed.service_a, "unit_type": "step_down", "gender_mix": "female", "beds": 4})))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.json()["unit_type"], "step_down");
    }
    // Five units in all (two seeded), by name, two at a time.
    let mut names = Vec::new();
    let mut path = "/api/v1/units?limit=2".to_owned();
    loop {
        let page = t.api(Who::Lead, Method::GET, &path, None).await.json();
        names.extend(
            page["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|u| u["name"].as_str().expect("name").to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => {
                path = format!(
                    "/api/v1/units?limit=2&cursor={}",
                    url::form_urlencoded::byte_serialize(c.as_bytes()).collect::<String>()
                )
            }
            None => break,
        }
    }
    assert_eq!(names, vec!["Alder", "Birch", "Eta", "Theta", "Zeta"]);
    let res = t
        .api(
            Who::Lead,
            Method::PATCH,
            &format!("/api/v1/units/{}", t.seed.unit_a1),
            Some(json!({"beds": 12})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let body = res.json();
    assert_eq!(body["beds"], 12);
    assert_eq!(body["name"], "Alder", "fields left out keep their value");
}

#[tokio::test]
async fn people_are_created_and_read_with_snake_case_keys_and_unit_staff_see_only_their_units() {
    let t = TestApp::new().await;
    let res = t
        .api(Who::UnitStaff, Method::POST, "/api/v1/people", Some(json!({"chosen_name": "Ffion", "constituency": "third_sector", "unit_ids": [t.seed.unit_a1], "status": "moved_on", "preferred_language": "cy", "consent_on": "2026-01-05"})))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let p = res.json();
    assert_eq!(p["constituency"], "third_sector");
    assert_eq!(p["status"], "moved_on");
    assert_eq!(p["consent_on"], "2026-01-05");
    let list = t
        .api(Who::UnitStaff, Method::GET, "/api/v1/people", None)
        .await
        .json();
    let names: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["chosen_name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        vec!["Carys", "Ffion", "Mo"],
        "Dai is on another unit"
    );
    let hidden = t
        .api(
            Who::UnitStaff,
            Method::GET,
            &format!("/api/v1/people/{}", t.seed.person_a2),
            None,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let other_org = t
        .api(
            Who::OrgAdmin,
            Method::GET,
            &format!("/api/v1/people/{}", t.seed.person_b),
            None,
        )
        .await;
    assert_eq!(other_org.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let t = TestApp::new().await;
    let doc = t.get(Who::Anon, "/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for r in cairn_web::route_list()
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
    {
        let op = &doc["paths"][r.path][r.method.to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} is not in the OpenAPI document",
            r.method,
            r.path
        );
    }
    let keys: Vec<&str> = doc["components"]["schemas"]["Constituency"]["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .map(|v| v.as_str().expect("s"))
        .collect();
    let domain: Vec<&str> = cairn_domain::people::Constituency::ALL
        .iter()
        .map(|c| c.key())
        .collect();
    assert_eq!(keys, domain);
}

#[tokio::test]
async fn a_revoked_token_stops_working() {
    let t = TestApp::new().await;
    let actor = t.actor(Who::Lead).await;
    cairn_app::accounts::revoke_token(&t.app, &actor, t.who[&Who::Lead].token_id)
        .await
        .expect("revoke");
    assert_eq!(
        t.api(Who::Lead, Method::GET, "/api/v1/units", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}
