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
async fn an_api_date_that_is_empty_or_padded_is_refused_beside_its_field_and_changes_nothing() {
    let t = TestApp::new().await;
    let path = format!("/api/v1/people/{}", t.seed.person_a1);
    let before = t.api(Who::Lead, Method::GET, &path, None).await.json();
    for (field, value) in [
        ("status_since", ""),
        ("status_since", " 2026-01-05"),
        ("consent_on", "   "),
    ] {
        let res = t
            .api(
                Who::Lead,
                Method::PATCH,
                &path,
                Some(json!({ field: value, "access_needs": "Large print" })),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value:?}: {}",
            res.body
        );
        assert_eq!(res.json()["fields"][0]["field"], field, "{}", res.body);
    }
    let after = t.api(Who::Lead, Method::GET, &path, None).await.json();
    assert_eq!(after, before, "a refused change changes nothing");
    let dated = t
        .api(
            Who::Lead,
            Method::PATCH,
            &path,
            Some(json!({"status_since": "2026-01-05"})),
        )
        .await;
    assert_eq!(dated.status, StatusCode::OK, "{}", dated.body);
    assert_eq!(dated.json()["status_since"], "2026-01-05");
    // The same for a playbook action's due date.
    for due in ["", " 2030-01-31"] {
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/playbook/actions",
                Some(
                    json!({"unit_id": t.seed.unit_a1, "challenge": "getting_to_know",
                    "text": "Pair each newcomer with a buddy", "due_on": due}),
                ),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "due_on={due:?}: {}",
            res.body
        );
        // And an opportunity's closing date.
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/opportunities",
                Some(json!({"role_id": t.seed.role, "closes_on": due})),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "closes_on={due:?}: {}",
            res.body
        );
        assert!(res.body.contains("closes_on"), "{}", res.body);
    }
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

/// A fresh app on each engine (PostgreSQL when it can be reached or is required).
async fn engines() -> Vec<(&'static str, TestApp)> {
    let mut v = vec![("sqlite", TestApp::new().await)];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(("postgres", pg));
    }
    v
}

/// `2026-07-15T13:00:00Z` and the like: RFC 3339 in UTC.
fn is_rfc3339(v: &serde_json::Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.ends_with('Z') && s.parse::<jiff::Timestamp>().is_ok())
}

#[tokio::test]
async fn unreadable_paths_and_queries_and_limits_outside_1_to_200_are_json_400s() {
    for (engine, t) in engines().await {
        let cases = [
            ("/api/v1/units/abc", "bad_path"),
            ("/api/v1/units/9223372036854775808", "bad_path"),
            ("/api/v1/units?limit=201", "bad_query"),
            ("/api/v1/units?limit=0", "bad_query"),
            ("/api/v1/units?cursor=not-a-cursor", "bad_query"),
            ("/api/v1/people?status=", "bad_query"),
            ("/api/v1/people?constituency=castle", "bad_query"),
            ("/api/v1/people?q=", "bad_query"),
            ("/api/v1/suggestions?overdue=perhaps", "bad_query"),
            ("/api/v1/suggestions?to=", "bad_query"),
            ("/api/v1/suggestions?from=2026-02-30", "bad_query"),
            ("/api/v1/suggestions?unit_id=", "bad_query"),
            ("/api/v1/suggestions?cursor=0", "bad_query"),
            ("/api/v1/assessment-rounds?limit=500", "bad_query"),
            (
                "/api/v1/measures/suggestions_received/series?to=",
                "bad_query",
            ),
            ("/api/v1/playbook?unit_id=x", "bad_query"),
        ];
        for (path, code) in cases {
            let res = t.api(Who::Lead, Method::GET, path, None).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{engine} {path}");
            assert_eq!(res.json()["error"], code, "{engine} {path}: {}", res.body);
        }
        let res = t
            .api(Who::Lead, Method::GET, "/api/v1/units?limit=200", None)
            .await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "{engine}: 200 is the largest page"
        );
    }
}

#[tokio::test]
async fn null_where_the_document_does_not_allow_it_is_refused_and_where_it_does_is_accepted() {
    for (engine, t) in engines().await {
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/suggestions",
                Some(json!({"text": "More evening groups", "anonymous": null})),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{engine}");
        assert_eq!(res.json()["error"], "bad_json", "{engine}");
        let res = t
            .api(
                Who::Member,
                Method::POST,
                "/api/v1/suggestions",
                Some(json!({"text": "More evening groups", "channel": "pigeon"})),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{engine}: {}",
            res.body
        );
        assert_eq!(res.json()["fields"][0]["field"], "channel", "{engine}");
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/suggestions",
                Some(json!({"text": "More evening groups", "unit_id": null, "contact": null})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{engine}: {}", res.body);
    }
}

#[tokio::test]
async fn records_write_their_instants_as_rfc3339_strings() {
    for (engine, t) in engines().await {
        let unit = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/units/{}", t.seed.unit_a1),
                None,
            )
            .await
            .json();
        assert!(is_rfc3339(&unit["created_at"]), "{engine}: {unit}");
        assert!(is_rfc3339(&unit["updated_at"]), "{engine}: {unit}");
        let person = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/people/{}", t.seed.person_a1),
                None,
            )
            .await
            .json();
        assert!(is_rfc3339(&person["created_at"]), "{engine}: {person}");
        let s = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/suggestions/{}", t.seed.suggestion),
                None,
            )
            .await;
        assert_eq!(s.status, StatusCode::OK, "{engine}: {}", s.body);
        let s = s.json();
        assert_eq!(s["id"], t.seed.suggestion, "{engine}");
        assert!(is_rfc3339(&s["received_at"]), "{engine}: {s}");
    }
}

#[tokio::test]
async fn suggestions_filter_by_unit_status_and_day_received_and_page_by_cursor() {
    for (engine, t) in engines().await {
        for text in ["Quiet room", "Later breakfast", "Garden"] {
            let res = t
                .api(
                    Who::Lead,
                    Method::POST,
                    "/api/v1/suggestions",
                    Some(json!({"text": text, "unit_id": t.seed.unit_a1})),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{engine}: {}", res.body);
        }
        let today = jiff::Zoned::now()
            .with_time_zone(jiff::tz::TimeZone::get("Europe/London").expect("zone"))
            .date();
        let base = format!(
            "/api/v1/suggestions?unit_id={}&status=received&from={today}&to={today}&limit=2",
            t.seed.unit_a1
        );
        let mut seen = Vec::new();
        let mut path = base.clone();
        loop {
            let res = t.api(Who::Lead, Method::GET, &path, None).await;
            assert_eq!(res.status, StatusCode::OK, "{engine}: {}", res.body);
            let page = res.json();
            let items = page["items"].as_array().expect("items");
            assert!(items.len() <= 2, "{engine}: the limit holds");
            for s in items {
                assert_eq!(s["unit_id"], t.seed.unit_a1, "{engine}");
                assert_eq!(s["status"], "received", "{engine}");
                seen.push(s["text"].as_str().expect("text").to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(c) => path = format!("{base}&cursor={c}"),
                None => break,
            }
        }
        for text in ["Quiet room", "Later breakfast", "Garden"] {
            assert!(
                seen.iter().any(|s| s == text),
                "{engine}: {text} in {seen:?}"
            );
        }
        let found = t
            .api(
                Who::Lead,
                Method::GET,
                "/api/v1/suggestions?q=breakfast",
                None,
            )
            .await
            .json();
        let texts: Vec<&str> = found["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|s| s["text"].as_str())
            .collect();
        assert!(texts.contains(&"Later breakfast"), "{engine}: {texts:?}");
        assert!(
            !texts.contains(&"Garden"),
            "{engine}: the search narrows the list"
        );
        let mut sorted = seen.clone();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            seen.len(),
            "{engine}: no suggestion on two pages"
        );
        let yesterday = today.yesterday().expect("a day before");
        let none = t
            .api(
                Who::Lead,
                Method::GET,
                &format!(
                    "/api/v1/suggestions?to={yesterday}&unit_id={}",
                    t.seed.unit_a1
                ),
                None,
            )
            .await
            .json();
        assert!(
            none["items"].as_array().expect("items").iter().all(|s| ![
                "Quiet room",
                "Later breakfast",
                "Garden"
            ]
            .contains(&s["text"].as_str().unwrap_or(""))),
            "{engine}: received today is not received by yesterday"
        );
    }
}

#[tokio::test]
async fn a_round_name_longer_than_the_description_allows_is_refused_even_when_spaces_would_trim_it()
{
    for (engine, t) in engines().await {
        let limit = 120;
        let padded = format!("\n{}", "*".repeat(limit));
        for body in [
            json!({"kind": "round", "name": padded}),
            json!({"kind": "round", "name": "Spring", "name_cy": padded}),
        ] {
            let res = t
                .api(
                    Who::Lead,
                    Method::POST,
                    "/api/v1/assessment-rounds",
                    Some(body.clone()),
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{engine} {body}: {}",
                res.body
            );
        }
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/assessment-rounds",
                Some(json!({"kind": "round", "name": "*".repeat(limit)})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{engine}: {}", res.body);
    }
}

#[tokio::test]
async fn assessment_rounds_are_listed_and_read_and_a_units_history_shows_its_changes() {
    for (engine, t) in engines().await {
        let list = t
            .api(
                Who::Lead,
                Method::GET,
                "/api/v1/assessment-rounds?limit=1",
                None,
            )
            .await;
        assert_eq!(list.status, StatusCode::OK, "{engine}: {}", list.body);
        let list = list.json();
        assert_eq!(list["items"].as_array().map(Vec::len), Some(1), "{engine}");
        let first = list["items"][0].clone();
        assert!(is_rfc3339(&first["opened_at"]), "{engine}: {first}");
        let next = list["next_cursor"].as_str().expect("more than one round");
        let second = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/assessment-rounds?limit=1&cursor={next}"),
                None,
            )
            .await
            .json();
        assert!(
            second["items"][0]["id"].as_i64() < first["id"].as_i64(),
            "{engine}: newest first, and the next page goes on from the cursor"
        );
        let one = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/assessment-rounds/{}", first["id"]),
                None,
            )
            .await;
        assert_eq!(one.status, StatusCode::OK, "{engine}");
        assert_eq!(one.json(), first, "{engine}");

        // A change, then the practice's history on the unit shows it, newest first.
        let unit = t.seed.unit_a1;
        let res = t
            .api(
                Who::Lead,
                Method::PUT,
                &format!("/api/v1/units/{unit}/assessment/L1.02"),
                Some(json!({"status": "planned"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{engine}: {}", res.body);
        assert!(is_rfc3339(&res.json()["updated_at"]), "{engine}");
        let h = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/units/{unit}/assessment/L1.02/history"),
                None,
            )
            .await;
        assert_eq!(h.status, StatusCode::OK, "{engine}: {}", h.body);
        let h = h.json();
        assert_eq!(h["items"][0]["status"], "planned", "{engine}: {h}");
        assert_eq!(h["current"]["status"], "planned", "{engine}");
        assert!(is_rfc3339(&h["items"][0]["changed_at"]), "{engine}");
        let over_time = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/units/{unit}/assessment/history"),
                None,
            )
            .await;
        assert_eq!(
            over_time.status,
            StatusCode::OK,
            "{engine}: {}",
            over_time.body
        );
        let over_time = over_time.json();
        assert!(over_time["items"].is_array(), "{engine}: {over_time}");
        assert_eq!(
            over_time["levels"].as_array().map(Vec::len),
            Some(3),
            "{engine}"
        );
        let missing = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/units/{unit}/assessment/L9.99/history"),
                None,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{engine}");
    }
}

#[tokio::test]
async fn the_document_gives_ids_as_int64_limits_as_1_to_200_and_documents_400_for_paths_and_queries()
 {
    let t = TestApp::new().await;
    let doc = t.get(Who::Anon, "/api/v1/openapi.json").await.json();
    assert!(
        doc["info"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("RFC 3339") && !d.contains("milliseconds")),
        "the document says instants are RFC 3339"
    );
    // The core capabilities' operations (the others' files are checked by their own tests
    // and by the contract test).
    let core = [
        "/api/v1/units",
        "/api/v1/people",
        "/api/v1/assessment-rounds",
        "/api/v1/suggestions",
        "/api/v1/playbook",
        "/api/v1/principles",
        "/api/v1/measures",
        "/api/v1/board-packs",
        "/api/v1/accounts",
        "/api/v1/tokens",
    ];
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        if !core.iter().any(|p| path.starts_with(p)) {
            continue;
        }
        for (method, op) in ops.as_object().expect("ops") {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for p in &params {
                let name = p["name"].as_str().unwrap_or("");
                if p["schema"]["type"] == "integer" && (name == "id" || name.ends_with("_id")) {
                    assert_eq!(p["schema"]["format"], "int64", "{method} {path} {name}");
                }
                if name == "limit" {
                    assert_eq!(p["schema"]["minimum"], 1, "{method} {path}");
                    assert_eq!(p["schema"]["maximum"], 200, "{method} {path}");
                }
            }
            if !params.is_empty() {
                assert!(
                    op["responses"]["400"].is_object(),
                    "{method} {path} reads a path or query, so documents 400"
                );
            }
            for status in ["401", "403", "404"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path} documents {status}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_playbook_action_is_read_and_closed_once_and_board_packs_are_listed() {
    for (engine, t) in engines().await {
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/playbook/actions",
                Some(
                    json!({"unit_id": t.seed.unit_a1, "challenge": "getting_to_know",
                    "text": "Pair each newcomer with a buddy", "due_on": "2030-01-31"}),
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{engine}: {}", res.body);
        let id = res.json()["id"].as_i64().expect("id");
        let path = format!("/api/v1/playbook/actions/{id}");
        let one = t.api(Who::Lead, Method::GET, &path, None).await;
        assert_eq!(one.status, StatusCode::OK, "{engine}: {}", one.body);
        assert_eq!(one.json()["closed"], false, "{engine}");
        let close = format!("{path}/close");
        let res = t
            .api(
                Who::Member,
                Method::POST,
                &close,
                Some(json!({"note": "Done"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{engine}");
        let res = t
            .api(
                Who::Lead,
                Method::POST,
                &close,
                Some(json!({"note": "Buddies named"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{engine}: {}", res.body);
        let closed = res.json();
        assert_eq!(closed["closed"], true, "{engine}");
        assert_eq!(closed["closed_note"], "Buddies named", "{engine}");
        assert!(is_rfc3339(&closed["closed_at"]), "{engine}: {closed}");
        let again = t
            .api(
                Who::Lead,
                Method::POST,
                &close,
                Some(json!({"note": "Again"})),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{engine}");

        let packs = t
            .api(Who::Viewer, Method::GET, "/api/v1/board-packs", None)
            .await;
        assert_eq!(packs.status, StatusCode::OK, "{engine}: {}", packs.body);
        let packs = packs.json();
        let seeded = packs["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|p| p["id"] == t.seed.pack)
            .cloned()
            .expect("the signed-off pack is listed for a report reader");
        assert_eq!(seeded["frozen"], true, "{engine}");
        assert!(is_rfc3339(&seeded["signed_off_at"]), "{engine}: {seeded}");
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_the_json_error_in_the_api_and_a_page_saying_what_to_do_on_a_form()
{
    let t = TestApp::new().await;
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(300 * 1024));
    let req = axum::http::Request::post("/api/v1/units")
        .header("host", "localhost")
        .header(
            "authorization",
            format!("Bearer {}", t.who[&Who::Lead].token),
        )
        .header("accept-language", "cy")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(big))
        .expect("req");
    let res = t.raw(req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let body = res.json();
    assert_eq!(body["error"], "too_large");
    assert_eq!(body["message"], "Mae'r corff yn rhy fawr.");

    let form = format!("text={}", "a".repeat(300 * 1024));
    let page = t.post(Who::Member, "/suggest", &form).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        page.body.contains("What you sent is too long to accept"),
        "{}",
        page.body
    );
}
