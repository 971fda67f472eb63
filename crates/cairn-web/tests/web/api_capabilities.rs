//! The API for payments, meetings, roles, surveys and training, as an integration reads it:
//! lists scoped as the pages are (a member sees only their own claims and interests), cursors
//! that page through every record once, the documented limit of 200 refused beyond it, empty
//! and unreal filter values refused as JSON 400s, another organisation's records "not found",
//! and every instant an RFC 3339 string in UTC. Each test runs on SQLite and PostgreSQL.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<TestApp> {
    let mut v = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(pg);
    }
    v
}

/// An RFC 3339 instant in UTC, as every `*_at` of the API is written.
fn is_rfc3339(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.ends_with('Z') && s.parse::<jiff::Timestamp>().is_ok())
}

async fn get(t: &TestApp, who: Who, path: &str) -> (StatusCode, Value) {
    let res = t.api(who, Method::GET, path, None).await;
    let body = serde_json::from_str(&res.body).unwrap_or(Value::Null);
    (res.status, body)
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// Follows `next_cursor` from `first` (a path with `limit=` and no cursor) to the end.
async fn walk(t: &TestApp, who: Who, first: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut path = first.to_owned();
    for _ in 0..100 {
        let (status, page) = get(t, who, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {page}");
        out.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("{first}&cursor={c}"),
            None => return out,
        }
    }
    panic!("{first} did not end within 100 pages");
}

/// Asserts a 400 with the documented JSON error.
async fn refused(t: &TestApp, who: Who, path: &str, code: &str) {
    let (status, body) = get(t, who, path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
    assert_eq!(body["error"], code, "{path}: {body}");
    assert!(body["message"].is_string(), "{path}: {body}");
}

#[tokio::test]
async fn a_member_lists_only_their_own_claims_and_staff_filter_them() {
    for t in engines().await {
        let s = &t.seed;
        let (status, mine) = get(&t, Who::Member, "/api/v1/claims").await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        let items = mine["items"].as_array().expect("items");
        assert!(ids(&mine).contains(&s.claims[0]), "{mine}");
        assert!(
            items.iter().all(|c| c["person_id"] == s.member_person),
            "a member sees only their own claims: {mine}"
        );
        let (_, others) = get(
            &t,
            Who::Member,
            &format!("/api/v1/claims?person_id={}", s.person_a1),
        )
        .await;
        assert_eq!(
            others["items"],
            json!([]),
            "asking for someone else's claims finds none"
        );

        let (_, carers) = get(
            &t,
            Who::Lead,
            &format!("/api/v1/claims?person_id={}", s.person_a1),
        )
        .await;
        let carer_ids = ids(&carers);
        for c in &s.claims[1..4] {
            assert!(carer_ids.contains(c), "{carers}");
        }
        assert!(!carer_ids.contains(&s.claims[0]));
        let (_, approved) = get(&t, Who::Lead, "/api/v1/claims?status=approved").await;
        assert!(ids(&approved).contains(&s.claims[2]), "{approved}");
        assert!(
            approved["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|c| c["status"] == "approved")
        );

        // The activity date bounds both ends, inclusively.
        let (_, one) = get(&t, Who::Lead, &format!("/api/v1/claims/{}", s.claims[0])).await;
        let on = one["activity_on"].as_str().expect("activity_on").to_owned();
        let (_, that_day) = get(&t, Who::Lead, &format!("/api/v1/claims?from={on}&to={on}")).await;
        assert!(ids(&that_day).contains(&s.claims[0]), "{that_day}");
        let (_, later) = get(&t, Who::Lead, "/api/v1/claims?from=2999-01-01").await;
        assert_eq!(later["items"], json!([]));
        let (_, earlier) = get(&t, Who::Lead, "/api/v1/claims?to=1999-12-31").await;
        assert_eq!(earlier["items"], json!([]));
        let (_, elsewhere) = get(
            &t,
            Who::Lead,
            &format!("/api/v1/claims?unit_id={}", s.unit_b),
        )
        .await;
        assert_eq!(elsewhere["items"], json!([]));

        // Instants are RFC 3339; a submitted claim says when.
        assert!(is_rfc3339(&one["created_at"]), "{one}");
        assert!(is_rfc3339(&one["submitted_at"]), "{one}");
        assert!(one["paid_at"].is_null(), "{one}");

        // Another organisation sees none of these, and cannot open one.
        let (_, theirs) = get(&t, Who::OtherAdmin, "/api/v1/claims").await;
        assert!(ids(&theirs).iter().all(|c| !s.claims.contains(c)));
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/claims/{}", s.claims[0]),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&t, Who::Viewer, "/api/v1/claims").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        for bad in [
            "/api/v1/claims?limit=201",
            "/api/v1/claims?limit=0",
            "/api/v1/claims?to=",
            "/api/v1/claims?from=2026-02-30",
            "/api/v1/claims?status=lost",
            "/api/v1/claims?cursor=abc",
            "/api/v1/claims?person_id=",
        ] {
            refused(&t, Who::Lead, bad, "bad_query").await;
        }
        refused(&t, Who::Lead, "/api/v1/claims/abc", "bad_path").await;
    }
}

#[tokio::test]
async fn claim_cursors_page_through_every_claim_once() {
    for t in engines().await {
        let (_, all) = get(&t, Who::Lead, "/api/v1/claims?limit=200").await;
        let everything = ids(&all);
        assert!(everything.len() >= 4, "{all}");
        let paged = walk(&t, Who::Lead, "/api/v1/claims?limit=1").await;
        assert_eq!(
            paged, everything,
            "one page at a time gives the same claims"
        );
        let distinct: BTreeSet<i64> = paged.iter().copied().collect();
        assert_eq!(distinct.len(), paged.len(), "no claim twice");
    }
}

#[tokio::test]
async fn finance_lists_reads_and_marks_a_payment_run_paid() {
    for t in engines().await {
        let s = &t.seed;
        let (status, runs) = get(&t, Who::Finance, "/api/v1/payment-runs").await;
        assert_eq!(status, StatusCode::OK, "{runs}");
        assert!(ids(&runs).contains(&s.run), "{runs}");
        assert!(is_rfc3339(&runs["items"][0]["created_at"]), "{runs}");
        refused(
            &t,
            Who::Finance,
            "/api/v1/payment-runs?limit=201",
            "bad_query",
        )
        .await;
        let (status, _) = get(&t, Who::Lead, "/api/v1/payment-runs").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let (status, run) = get(&t, Who::Finance, &format!("/api/v1/payment-runs/{}", s.run)).await;
        assert_eq!(status, StatusCode::OK, "{run}");
        assert_eq!(run["status"], "open");
        assert!(
            run["claim_ids"]
                .as_array()
                .expect("claim_ids")
                .contains(&json!(s.claims[3]))
        );
        assert_eq!(run["claims"][0]["claim_id"], s.claims[3]);
        assert_eq!(run["lines_pence"], run["total_pence"]);
        assert_eq!(run["claims_pence"], run["total_pence"]);

        // Paid only once locked; then each of its claims is paid too.
        let path = format!("/api/v1/payment-runs/{}/paid", s.run);
        let early = t.api(Who::Finance, Method::POST, &path, None).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        let lock = t
            .api(
                Who::Finance,
                Method::POST,
                &format!("/api/v1/payment-runs/{}/lock", s.run),
                None,
            )
            .await;
        assert_eq!(lock.status, StatusCode::OK, "{}", lock.body);
        assert!(is_rfc3339(&lock.json()["locked_at"]), "{}", lock.body);
        let paid = t.api(Who::Finance, Method::POST, &path, None).await;
        assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
        assert_eq!(paid.json()["status"], "paid");
        assert!(is_rfc3339(&paid.json()["paid_at"]), "{}", paid.body);
        let again = t.api(Who::Finance, Method::POST, &path, None).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let (_, claim) = get(&t, Who::Finance, &format!("/api/v1/claims/{}", s.claims[3])).await;
        assert_eq!(claim["status"], "paid", "{claim}");
        assert!(is_rfc3339(&claim["paid_at"]), "{claim}");
        assert!(is_rfc3339(&claim["authorised_at"]), "{claim}");
        refused(&t, Who::Finance, "/api/v1/payment-runs/1.5", "bad_path").await;
    }
}

#[tokio::test]
async fn meetings_page_by_start_and_are_minuted_decided_actioned_and_cancelled() {
    for t in engines().await {
        let s = &t.seed;
        let mut made = Vec::new();
        for day in [10, 11, 12] {
            let res = t
                .api(
                    Who::Lead,
                    Method::POST,
                    "/api/v1/meetings",
                    Some(json!({
                        "group_id": s.group,
                        "starts_at": format!("2027-03-{day}T10:00:00Z"),
                        "ends_at": format!("2027-03-{day}T11:00:00Z"),
                        "place": "Lounge",
                    })),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
            made.push(res.json()["id"].as_i64().expect("id"));
        }
        let window = format!(
            "/api/v1/meetings?group_id={}&from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z&limit=1",
            s.group
        );
        assert_eq!(
            walk(&t, Who::Lead, &window).await,
            made,
            "oldest first, each once"
        );
        let (_, after_10th) = get(
            &t,
            Who::Lead,
            &format!(
                "/api/v1/meetings?group_id={}&from=2027-03-11T00:00:00%2B00:00&to=2027-03-12T00:00:00Z",
                s.group
            ),
        )
        .await;
        assert_eq!(ids(&after_10th), vec![made[1]], "{after_10th}");
        for bad in [
            "/api/v1/meetings?from=",
            "/api/v1/meetings?to=tomorrow",
            "/api/v1/meetings?limit=201",
            "/api/v1/meetings?cursor=12",
            "/api/v1/groups?limit=201",
        ] {
            refused(&t, Who::Lead, bad, "bad_query").await;
        }

        let (status, group) = get(&t, Who::Lead, &format!("/api/v1/groups/{}", s.group)).await;
        assert_eq!(status, StatusCode::OK, "{group}");
        assert!(is_rfc3339(&group["created_at"]));
        let members: Vec<i64> = group["members"]
            .as_array()
            .expect("members")
            .iter()
            .filter_map(|m| m["person_id"].as_i64())
            .collect();
        assert!(members.contains(&s.member_person), "{group}");
        assert!(
            group["upcoming_meeting_ids"]
                .as_array()
                .expect("upcoming")
                .contains(&json!(made[0]))
        );
        let (status, _) = get(&t, Who::OtherAdmin, &format!("/api/v1/groups/{}", s.group)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, groups) = get(&t, Who::OtherAdmin, "/api/v1/groups").await;
        assert!(!ids(&groups).contains(&s.group));

        let m = made[0];
        let minutes = t
            .api(
                Who::Lead,
                Method::PUT,
                &format!("/api/v1/meetings/{m}/minutes"),
                Some(json!({"minutes": "We met.", "minutes_cy": "Fe wnaethon ni gwrdd."})),
            )
            .await;
        assert_eq!(minutes.status, StatusCode::OK, "{}", minutes.body);
        assert_eq!(minutes.json()["minutes_cy"], "Fe wnaethon ni gwrdd.");
        let decided = t
            .api(
                Who::Lead,
                Method::POST,
                &format!("/api/v1/meetings/{m}/decisions"),
                Some(json!({"text": "Buy a kettle"})),
            )
            .await;
        assert_eq!(decided.status, StatusCode::CREATED, "{}", decided.body);
        let decision = &decided.json()["decisions"][0];
        assert_eq!(decision["text"], "Buy a kettle");
        assert!(is_rfc3339(&decision["created_at"]), "{decision}");
        let actioned = t
            .api(
                Who::Lead,
                Method::POST,
                &format!("/api/v1/meetings/{m}/actions"),
                Some(json!({"text": "Find a kettle", "owner_person_id": s.person_a1, "due_on": "2027-04-01"})),
            )
            .await;
        assert_eq!(actioned.status, StatusCode::CREATED, "{}", actioned.body);
        let action = actioned.json()["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["text"] == "Find a kettle")
            .cloned()
            .expect("the new action");
        assert_eq!(action["due_on"], "2027-04-01");
        let done = t
            .api(
                Who::Lead,
                Method::POST,
                &format!("/api/v1/actions/{}/status", action["id"]),
                Some(json!({"status": "done"})),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["meeting_id"], m);
        let unknown = t
            .api(
                Who::Lead,
                Method::POST,
                &format!("/api/v1/meetings/{m}/decisions"),
                Some(json!({"text": "x", "colour": "red"})),
            )
            .await;
        assert_eq!(
            unknown.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "an unknown field is refused"
        );

        let cancel = format!("/api/v1/meetings/{}/cancel", made[2]);
        let cancelled = t.api(Who::Lead, Method::POST, &cancel, None).await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(cancelled.json()["cancelled"], true);
        assert!(is_rfc3339(&cancelled.json()["cancelled_at"]));
        let twice = t.api(Who::Lead, Method::POST, &cancel, None).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        let theirs = t.api(Who::OtherAdmin, Method::POST, &cancel, None).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn roles_opportunities_interests_and_appointments_are_read_within_reach() {
    for t in engines().await {
        let s = &t.seed;
        let (status, role) = get(&t, Who::Member, &format!("/api/v1/roles/{}", s.role)).await;
        assert_eq!(status, StatusCode::OK, "{role}");
        assert!(is_rfc3339(&role["published_at"]), "{role}");
        assert!(is_rfc3339(&role["created_at"]), "{role}");
        let (status, _) = get(&t, Who::OtherAdmin, &format!("/api/v1/roles/{}", s.role)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, opp) = get(
            &t,
            Who::Lead,
            &format!("/api/v1/opportunities/{}", s.opportunities[0]),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{opp}");
        assert_eq!(opp["role"]["id"], s.role);
        assert!(
            opp["interest_ids"]
                .as_array()
                .expect("interest ids")
                .contains(&json!(s.interest))
        );
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/opportunities/{}", s.opportunities[0]),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let opportunities = walk(&t, Who::Lead, "/api/v1/opportunities?limit=1").await;
        for o in &s.opportunities {
            assert!(opportunities.contains(o), "{opportunities:?}");
        }
        let distinct: BTreeSet<i64> = opportunities.iter().copied().collect();
        assert_eq!(distinct.len(), opportunities.len());

        // A member sees only their own interests; staff filter by person and status.
        let (status, mine) = get(&t, Who::Member, "/api/v1/interests").await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        assert!(ids(&mine).contains(&s.interest));
        assert!(
            mine["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|i| i["person_id"] == s.member_person)
        );
        let (_, theirs) = get(
            &t,
            Who::Member,
            &format!("/api/v1/interests?person_id={}", s.person_a1),
        )
        .await;
        assert_eq!(theirs["items"], json!([]));
        let (_, by_person) = get(
            &t,
            Who::Lead,
            &format!(
                "/api/v1/interests?person_id={}&opportunity_id={}",
                s.member_person, s.opportunities[0]
            ),
        )
        .await;
        assert_eq!(ids(&by_person), vec![s.interest], "{by_person}");
        assert!(is_rfc3339(&by_person["items"][0]["created_at"]));
        let (_, none) = get(&t, Who::Lead, "/api/v1/interests?status=not_this_time").await;
        assert!(!ids(&none).contains(&s.interest), "{none}");
        refused(&t, Who::Lead, "/api/v1/interests?status=maybe", "bad_query").await;
        refused(&t, Who::Lead, "/api/v1/interests?limit=201", "bad_query").await;
        let (_, other_org) = get(&t, Who::OtherAdmin, "/api/v1/interests").await;
        assert!(!ids(&other_org).contains(&s.interest));

        let (status, interest) = get(
            &t,
            Who::Member,
            &format!("/api/v1/interests/{}", s.interest),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{interest}");
        assert!(is_rfc3339(&interest["events"][0]["at"]), "{interest}");
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/interests/{}", s.interest),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, appointments) = get(
            &t,
            Who::Lead,
            &format!("/api/v1/people/{}/appointments", s.member_person),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{appointments}");
        assert!(ids(&appointments).contains(&s.appointment));
        assert!(is_rfc3339(&appointments["items"][0]["created_at"]));
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/people/{}/appointments", s.member_person),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        refused(&t, Who::Lead, "/api/v1/roles/first", "bad_path").await;
    }
}

#[tokio::test]
async fn surveys_courses_and_sessions_are_read_one_by_one_and_paged() {
    for t in engines().await {
        let s = &t.seed;
        let (status, survey) = get(&t, Who::Lead, &format!("/api/v1/surveys/{}", s.survey)).await;
        assert_eq!(status, StatusCode::OK, "{survey}");
        assert!(is_rfc3339(&survey["created_at"]), "{survey}");
        let (status, rounds) = get(
            &t,
            Who::Lead,
            &format!("/api/v1/surveys/{}/rounds?limit=1", s.survey),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{rounds}");
        assert_eq!(ids(&rounds), vec![s.survey_round], "{rounds}");
        assert_eq!(rounds["items"][0]["survey_id"], s.survey);
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/surveys/{}", s.survey),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        refused(&t, Who::Lead, "/api/v1/surveys?limit=201", "bad_query").await;

        let (status, course) = get(&t, Who::Member, &format!("/api/v1/courses/{}", s.course)).await;
        assert_eq!(status, StatusCode::OK, "{course}");
        assert!(
            course["session_ids"]
                .as_array()
                .expect("session ids")
                .contains(&json!(s.session))
        );
        assert!(is_rfc3339(&course["created_at"]));
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/courses/{}", s.course),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let sessions = walk(
            &t,
            Who::Lead,
            &format!("/api/v1/courses/{}/sessions?limit=1", s.course),
        )
        .await;
        assert!(sessions.contains(&s.session));
        assert!(
            sessions.len() >= 3,
            "the seed has three sessions: {sessions:?}"
        );
        let distinct: BTreeSet<i64> = sessions.iter().copied().collect();
        assert_eq!(distinct.len(), sessions.len());
        refused(&t, Who::Lead, "/api/v1/courses?limit=201", "bad_query").await;

        let (status, session) =
            get(&t, Who::Lead, &format!("/api/v1/sessions/{}", s.session)).await;
        assert_eq!(status, StatusCode::OK, "{session}");
        assert!(is_rfc3339(&session["starts_at"]));
        assert!(
            session["register"]
                .as_array()
                .expect("register")
                .iter()
                .any(|l| l["person_id"] == s.member_person)
        );
        let (status, _) = get(&t, Who::Member, &format!("/api/v1/sessions/{}", s.session)).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "a learner does not read the register"
        );
        let (status, _) = get(
            &t,
            Who::OtherAdmin,
            &format!("/api/v1/sessions/{}", s.session),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        refused(&t, Who::Lead, "/api/v1/sessions/-", "bad_path").await;
    }
}

/// The paths of these capabilities in the document.
const CAPABILITY_PATHS: &[&str] = &[
    "/api/v1/rates",
    "/api/v1/claims",
    "/api/v1/payment-runs",
    "/api/v1/people/{id}/earnings",
    "/api/v1/groups",
    "/api/v1/meetings",
    "/api/v1/actions",
    "/api/v1/representation",
    "/api/v1/roles",
    "/api/v1/opportunities",
    "/api/v1/interests",
    "/api/v1/people/{id}/appointments",
    "/api/v1/surveys",
    "/api/v1/rounds",
    "/api/v1/courses",
    "/api/v1/sessions",
    "/api/v1/people/{id}/training",
];

/// Every schema object under `v` with its properties, depth first.
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            if m.get("properties").is_some_and(Value::is_object) {
                out.push(m);
            }
            m.values().for_each(|x| objects(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| objects(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_gives_these_capabilities_int64_ids_rfc3339_instants_and_closed_bodies() {
    let t = TestApp::new().await;
    let doc = t.get(Who::Anon, "/api/v1/openapi.json").await.json();
    let mut seen = 0;
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        if !CAPABILITY_PATHS.iter().any(|p| path.starts_with(p)) {
            continue;
        }
        for (method, op) in ops.as_object().expect("ops") {
            seen += 1;
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for p in &params {
                let name = p["name"].as_str().unwrap_or("");
                if p["schema"]["type"] == "integer" {
                    assert_eq!(p["schema"]["format"], "int64", "{method} {path} {name}");
                }
                if name == "limit" {
                    assert_eq!(p["schema"]["minimum"], 1, "{method} {path}");
                    assert_eq!(p["schema"]["maximum"], 200, "{method} {path}");
                }
            }
            let responses = &op["responses"];
            if !params.is_empty() {
                assert!(
                    responses["400"].is_object(),
                    "{method} {path} documents 400"
                );
            }
            assert!(
                responses["401"].is_object(),
                "{method} {path} documents 401"
            );
            let body = &op["requestBody"]["content"]["application/json"]["schema"];
            if body.is_object() {
                for code in ["413", "422"] {
                    assert!(
                        responses[code].is_object(),
                        "{method} {path} documents {code}"
                    );
                }
                let name = body["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"));
                let schema = match name {
                    Some(n) => &doc["components"]["schemas"][n],
                    None => body,
                };
                assert_eq!(
                    schema["additionalProperties"],
                    json!(false),
                    "{method} {path}: the server refuses unknown fields, so the body is closed"
                );
            }
        }
    }
    assert!(
        seen >= 55,
        "the capabilities' operations are in the document ({seen})"
    );
    let mut all = Vec::new();
    for name in CAPABILITY_SCHEMAS {
        let schema = &doc["components"]["schemas"][name];
        assert!(schema.is_object(), "{name} is in the document");
        objects(schema, &mut all);
    }
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        if CAPABILITY_PATHS.iter().any(|p| path.starts_with(p)) {
            objects(ops, &mut all);
        }
    }
    for o in all {
        for (k, v) in o["properties"].as_object().expect("properties") {
            if k.ends_with("_at") {
                assert_eq!(v["format"], "date-time", "{k} is an RFC 3339 instant: {v}");
            }
        }
    }
}

/// The schemas these capabilities' files define.
const CAPABILITY_SCHEMAS: &[&str] = &[
    "ActivityType",
    "ExpenseCategory",
    "ClaimStatus",
    "FeeRate",
    "ExpenseRate",
    "LimitPreset",
    "RateCard",
    "RateInput",
    "ClaimInput",
    "PeriodEarnings",
    "BenefitsGuard",
    "Claim",
    "EarningsPeriod",
    "Earnings",
    "PaymentRun",
    "ConstituencyCounts",
    "GroupKind",
    "Group",
    "GroupInput",
    "Meeting",
    "MeetingDetail",
    "MeetingInput",
    "AttendanceInput",
    "RepresentationLine",
    "Representation",
    "GroupDetail",
    "RoleKind",
    "PaymentCategory",
    "RoleCheck",
    "InterestStatus",
    "InvolvementRole",
    "InvolvementRoleInput",
    "Opportunity",
    "OpportunityInput",
    "Interest",
    "InterestInput",
    "InterestTransitionInput",
    "OpportunityDetail",
    "InterestDetail",
    "Appointment",
    "Figure",
    "SurveyQuestion",
    "Wording",
    "SurveyRound",
    "Survey",
    "SurveyResults",
    "TrainerPart",
    "AttendanceStatus",
    "CqfwLevel",
    "Course",
    "CourseInput",
    "TrainingSession",
    "TrainingSessionInput",
    "SessionAttendanceInput",
    "Training",
    "CourseDetail",
    "TrainingSessionDetail",
];
