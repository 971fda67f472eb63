//! Every form post checks the form token: a walk of the route registry, so a handler added
//! later without the check fails here rather than in a security review.

use crate::helpers::{TestApp, Who};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

/// What the cross-site refusal says (common.ftl `error-cross-site`).
const REFUSAL: &str = "This form was sent from another website";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_post_without_the_form_token_is_refused_for_a_signed_in_person() {
    let t = TestApp::new().await;
    // Extractors run before any use case, and the form token is checked by the body's
    // extractor, so any well-formed path shows whether the handler checks it: ids need not exist.
    let mut checked = 0;
    let mut failures = Vec::new();
    for r in cairn_web::route_list() {
        if r.method != "POST" || r.path.starts_with("/api/") {
            continue;
        }
        let token = if r.path.starts_with("/kiosk/") {
            &t.seed.kiosk_token
        } else {
            &t.seed.invitation
        };
        let path = r
            .path
            .replace("{token}", token)
            .replace("{code}", "L1.02")
            .replace("{org}", &t.seed.org_a.to_string())
            .replace("{unit}", &t.seed.unit_a1.to_string())
            .replace("{id}", "1");
        for who in [Who::OrgAdmin, Who::Member] {
            let res = if is_upload(r.path) {
                // A well-formed upload with every part but the token.
                let boundary = "cairn-walk";
                let body = format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nx\r\n--{boundary}--\r\n"
                );
                let req = Request::builder()
                    .method(Method::POST)
                    .uri(&path)
                    .header(header::HOST, "localhost")
                    .header(header::COOKIE, &t.who[&who].cookie)
                    .header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={boundary}"),
                    )
                    .body(Body::from(body))
                    .expect("request");
                t.raw(req).await
            } else {
                let req = Request::builder()
                    .method(Method::POST)
                    .uri(&path)
                    .header(header::HOST, "localhost")
                    .header(header::COOKIE, &t.who[&who].cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("name=x&text=x"))
                    .expect("request");
                t.raw(req).await
            };
            checked += 1;
            if res.status != StatusCode::FORBIDDEN || !res.body.contains(REFUSAL) {
                failures.push(format!("POST {path} as {who:?}: {}", res.status));
            }
        }
    }
    assert!(checked > 100, "the walk found the form posts ({checked})");
    assert!(
        failures.is_empty(),
        "form posts that did not check the form token:\n  {}",
        failures.join("\n  ")
    );
}

fn is_upload(path: &str) -> bool {
    path.ends_with("/photo") || path.ends_with("/receipts")
}
