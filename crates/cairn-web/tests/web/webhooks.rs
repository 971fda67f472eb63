//! Webhook pages and API: an administrator adds an endpoint and sees its secret once, mistakes
//! are said beside the fields in the reader's language and what was typed is kept, rotating
//! and deleting (after asking), the delivery log on the page and through the API, and the API's
//! shapes: 201 with a `whsec_` secret, lists without secrets, 204 on delete, 404 for another
//! organisation's endpoint, 422 naming `events` for an unknown event.

use crate::helpers::{TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use serde_json::json;

/// The endpoint id in a page's rotate form (`/settings/webhooks/{id}/rotate`).
fn endpoint_id(body: &str) -> i64 {
    let start = body
        .find("/settings/webhooks/")
        .and_then(|_| body.find("action=\"/settings/webhooks/"))
        .expect("a form naming the endpoint")
        + "action=\"/settings/webhooks/".len();
    body[start..]
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("an id")
}

/// The secret shown on a page, if any.
fn shown_secret(body: &str) -> Option<String> {
    let start = body.find("whsec_")?;
    Some(
        body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '/' | '='))
            .collect(),
    )
}

const GOOD: &str = "url=https%3A%2F%2Fsystems.example.nhs.wales%2Fcairn&events=suggestion.received&events=claim.paid";

#[tokio::test]
async fn an_administrator_adds_an_endpoint_from_the_settings_and_sees_its_secret_only_once() {
    let t = TestApp::new().await;

    let settings = t.get(Who::OrgAdmin, "/settings").await;
    let form = t.get(Who::OrgAdmin, "/settings/webhooks/new").await;
    let made = t.post(Who::OrgAdmin, "/settings/webhooks", GOOD).await;
    let id = endpoint_id(&made.body);
    let page = t
        .get(Who::OrgAdmin, &format!("/settings/webhooks/{id}"))
        .await;
    let list = t.get(Who::OrgAdmin, "/settings/webhooks").await;
    let lead = t.get(Who::Lead, "/settings/webhooks").await;

    assert!(settings.body.contains("href=\"/settings/webhooks\""));
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"person.left\""),
        "every event offered"
    );
    assert!(
        !form.body.contains("value=\"yes\" checked")
            && !form.body.contains("value=\"claim.paid\" checked"),
        "nothing is ticked, personal data included, until chosen"
    );
    assert_eq!(made.status, StatusCode::CREATED);
    let secret = shown_secret(&made.body).expect("the secret is on the page that made it");
    assert!(secret.len() >= "whsec_".len() + 32, "{secret}");
    assert_eq!(page.status, StatusCode::OK);
    assert!(shown_secret(&page.body).is_none(), "never shown again");
    assert!(page.body.contains("systems.example.nhs.wales/cairn"));
    assert!(list.body.contains(&format!("/settings/webhooks/{id}")));
    assert!(shown_secret(&list.body).is_none());
    assert_eq!(lead.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn mistakes_are_said_beside_each_field_in_welsh_and_what_was_typed_is_kept() {
    let t = TestApp::new().await;
    let cy = [("accept-language", "cy")];

    let no_events = t
        .send(
            Who::OrgAdmin,
            Method::POST,
            "/settings/webhooks",
            Some("url=http%3A%2F%2Fsystems.example.org%2Fhook&include_personal_data=yes"),
            &cy,
        )
        .await;
    let bad_url = t
        .post(
            Who::OrgAdmin,
            "/settings/webhooks",
            "url=ftp%3A%2F%2Fx&events=claim.paid",
        )
        .await;
    let list = t.get(Who::OrgAdmin, "/settings/webhooks").await;

    assert_eq!(no_events.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&no_events.body, "url"),
        Some("Rhowch gyfeiriad sy&#39;n dechrau gydag https://"),
        "{}",
        no_events.body
    );
    assert_eq!(
        field_error(&no_events.body, "events"),
        Some("Dewiswch o leiaf un digwyddiad")
    );
    assert!(
        no_events
            .body
            .contains("value=\"http://systems.example.org/hook\"")
    );
    assert!(
        no_events
            .body
            .contains("name=\"include_personal_data\" type=\"checkbox\" value=\"yes\" checked"),
        "the personal-data choice is kept"
    );
    assert_eq!(bad_url.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&bad_url.body, "url"),
        Some("Enter a full address, such as https://systems.example.nhs.wales/cairn")
    );
    assert!(
        bad_url.body.contains("value=\"claim.paid\" checked"),
        "the ticked event stays ticked"
    );
    assert!(list.body.contains("No endpoints yet."), "nothing was saved");
}

#[tokio::test]
async fn rotating_shows_a_new_secret_and_deleting_asks_first_then_removes_the_endpoint() {
    let t = TestApp::new().await;
    let made = t.post(Who::OrgAdmin, "/settings/webhooks", GOOD).await;
    let id = endpoint_id(&made.body);
    let first = shown_secret(&made.body).expect("secret");

    let rotated = t
        .post(
            Who::OrgAdmin,
            &format!("/settings/webhooks/{id}/rotate"),
            "",
        )
        .await;
    let ask = t
        .get(Who::OrgAdmin, &format!("/settings/webhooks/{id}/delete"))
        .await;
    let other = t
        .post(
            Who::OtherAdmin,
            &format!("/settings/webhooks/{id}/delete"),
            "",
        )
        .await;
    let deleted = t
        .post(
            Who::OrgAdmin,
            &format!("/settings/webhooks/{id}/delete"),
            "",
        )
        .await;
    let gone = t
        .get(Who::OrgAdmin, &format!("/settings/webhooks/{id}"))
        .await;
    let list = t.get(Who::OrgAdmin, deleted.location()).await;

    assert_eq!(rotated.status, StatusCode::OK);
    let second = shown_secret(&rotated.body).expect("the new secret, once");
    assert_ne!(first, second);
    assert!(
        rotated
            .body
            .contains("The old secret still signs messages until"),
        "the overlap is said"
    );
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("You cannot undo this."));
    assert_eq!(
        other.status,
        StatusCode::NOT_FOUND,
        "another organisation's"
    );
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(list.body.contains("The endpoint was deleted."));
}

#[tokio::test]
async fn the_delivery_log_shows_each_try_on_the_page_and_through_the_api() {
    let t = TestApp::new().await;
    // A loopback address where nothing listens: the try fails and is logged.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let made = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": format!("http://127.0.0.1:{port}/hook"), "events": ["suggestion.received"]})),
        )
        .await;
    let id = made.json()["id"].as_i64().expect("id");
    let lead = t.actor(Who::Lead).await;
    cairn_app::feedback::enter(
        &t.app,
        &lead,
        &cairn_domain::feedback::SuggestionDraft {
            unit_id: Some(t.seed.unit_a1),
            text: "A quieter day room".into(),
            channel: "meeting".into(),
            ..Default::default()
        },
        cairn_domain::people::Language::En,
    )
    .await
    .expect("suggestion");
    cairn_app::webhooks::deliver_due(&t.app, "https://cairn.test")
        .await
        .expect("round");

    let page = t
        .get(Who::OrgAdmin, &format!("/settings/webhooks/{id}"))
        .await;
    let api = t
        .api(
            Who::OrgAdmin,
            Method::GET,
            &format!("/api/v1/webhooks/{id}/deliveries"),
            None,
        )
        .await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("suggestion.received"));
    assert!(page.body.contains("no answer"), "{}", page.body);
    assert!(page.body.contains("data-state=\"pending\""));
    assert!(page.body.contains("Next try:"));
    assert_eq!(api.status, StatusCode::OK);
    let log = api.json();
    assert_eq!(log["next_cursor"], serde_json::Value::Null);
    let d = &log["items"][0];
    assert_eq!(d["event"], "suggestion.received");
    assert_eq!(d["state"], "pending");
    assert!(
        d["message_id"]
            .as_str()
            .is_some_and(|m| m.starts_with("msg_"))
    );
    assert_eq!(d["attempts"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["attempts"][0]["status_code"], serde_json::Value::Null);
    assert!(d["attempts"][0]["error"].is_string());
    assert!(
        d["next_attempt_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z'))
    );
}

#[tokio::test]
async fn the_api_registers_an_endpoint_with_its_secret_once_lists_without_secrets_and_deletes_it() {
    let t = TestApp::new().await;

    let made = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": "https://systems.example.nhs.wales/cairn", "events": ["suggestion.published", "claim.paid"]})),
        )
        .await;
    let id = made.json()["id"].as_i64().expect("id");
    let list = t
        .api(Who::OrgAdmin, Method::GET, "/api/v1/webhooks", None)
        .await;
    let rotated = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            &format!("/api/v1/webhooks/{id}/rotate-secret"),
            None,
        )
        .await;
    let deleted = t
        .api(
            Who::OrgAdmin,
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            None,
        )
        .await;
    let after = t
        .api(Who::OrgAdmin, Method::GET, "/api/v1/webhooks", None)
        .await;

    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let m = made.json();
    assert!(
        m["secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_"))
    );
    assert_eq!(m["url"], "https://systems.example.nhs.wales/cairn");
    assert_eq!(m["events"], json!(["suggestion.published", "claim.paid"]));
    assert_eq!(m["include_personal_data"], false);
    assert_eq!(list.status, StatusCode::OK);
    let l = list.json();
    assert_eq!(l["next_cursor"], serde_json::Value::Null);
    assert_eq!(l["items"][0]["id"], id);
    assert!(
        l["items"][0].get("secret").is_none(),
        "no secret in the list"
    );
    assert!(!list.body.contains("whsec_"));
    assert_eq!(rotated.status, StatusCode::OK);
    let r = rotated.json();
    assert!(
        r["secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_") && Some(s) != m["secret"].as_str())
    );
    assert!(r["old_secret_until"].is_string());
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(after.json()["items"], json!([]));
}

#[tokio::test]
async fn unknown_events_are_422_naming_the_field_and_another_organisations_endpoint_is_404() {
    let t = TestApp::new().await;
    let made = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": "https://a.example/hook", "events": ["claim.paid"], "include_personal_data": true})),
        )
        .await;
    let id = made.json()["id"].as_i64().expect("id");

    let unknown = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": "https://a.example/hook", "events": ["claim.paid", "claim.eaten"]})),
        )
        .await;
    let http = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": "http://a.example/hook", "events": ["claim.paid"]})),
        )
        .await;
    let other_delete = t
        .api(
            Who::OtherAdmin,
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            None,
        )
        .await;
    let other_log = t
        .api(
            Who::OtherAdmin,
            Method::GET,
            &format!("/api/v1/webhooks/{id}/deliveries"),
            None,
        )
        .await;
    let other_list = t
        .api(Who::OtherAdmin, Method::GET, "/api/v1/webhooks", None)
        .await;
    let lead = t
        .api(Who::Lead, Method::GET, "/api/v1/webhooks", None)
        .await;
    let bad_cursor = t
        .api(
            Who::OrgAdmin,
            Method::GET,
            "/api/v1/webhooks?cursor=-1",
            None,
        )
        .await;
    let still = t
        .api(Who::OrgAdmin, Method::GET, "/api/v1/webhooks", None)
        .await;

    assert_eq!(made.json()["include_personal_data"], true);
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let u = unknown.json();
    assert_eq!(u["error"], "invalid");
    assert_eq!(u["fields"][0]["field"], "events");
    assert_eq!(u["fields"][0]["code"], "webhooks-error-events-unknown");
    assert_eq!(http.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(http.json()["fields"][0]["field"], "url");
    assert_eq!(other_delete.status, StatusCode::NOT_FOUND);
    assert_eq!(other_delete.json()["error"], "not_found");
    assert_eq!(other_log.status, StatusCode::NOT_FOUND);
    assert_eq!(other_list.json()["items"], json!([]));
    assert_eq!(lead.status, StatusCode::FORBIDDEN);
    assert_eq!(bad_cursor.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        still.json()["items"][0]["id"],
        id,
        "the other organisation deleted nothing"
    );
}
