//! Defences: cross-site posts, form tokens, cookies, headers, throttling, body limits.

use crate::helpers::{PASSWORD, TestApp, Who};
use axum::http::{Method, StatusCode, header};

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused_with_403() {
    let t = TestApp::new().await;
    let form = format!(
        "name=X&service_id={}&unit_type=ward&gender_mix=mixed",
        t.seed.service_a
    );
    for (k, v) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = t
            .send(
                Who::Lead,
                Method::POST,
                "/units/new",
                Some(&form),
                &[(k, v)],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{k}: {v}");
    }
    // Signed-out forms are protected too.
    let res = t
        .send(
            Who::Anon,
            Method::POST,
            "/sign-in",
            Some("email=a%40b.org&password=x"),
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The same post from our own origin works.
    let ok = t
        .send(
            Who::Lead,
            Method::POST,
            "/units/new",
            Some(&form),
            &[("origin", "http://localhost")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

#[tokio::test]
async fn a_signed_in_form_without_the_right_token_is_refused() {
    let t = TestApp::new().await;
    let cookie = t.who[&Who::Lead].cookie.clone();
    for body in ["name=X", "csrf=wrong&name=X"] {
        let req = axum::http::Request::post("/services")
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .expect("req");
        assert_eq!(t.raw(req).await.status, StatusCode::FORBIDDEN, "{body}");
    }
}

#[tokio::test]
async fn the_session_cookie_is_http_only_same_site_lax_and_secure_over_https() {
    for https in [false, true] {
        let t = if https {
            TestApp::https().await
        } else {
            TestApp::new().await
        };
        let res = t
            .send(
                Who::Anon,
                Method::POST,
                "/sign-in",
                Some(&format!(
                    "email=lead%40a.cairn.test&password={}",
                    PASSWORD.replace(' ', "+")
                )),
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let cookie = res
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("cairn_session="))
            .expect("session cookie")
            .to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert_eq!(cookie.contains("Secure"), https, "{cookie}");
    }
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_and_no_inline_script_or_style() {
    let t = TestApp::new().await;
    for path in [
        "/sign-in",
        "/home",
        "/units",
        "/units/new",
        "/people",
        "/people/new",
        "/audit",
        "/settings",
        "/account",
    ] {
        let who = if path == "/sign-in" {
            Who::Anon
        } else {
            Who::OrgAdmin
        };
        let res = t.get(who, path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        let csp = res
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .expect("csp");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(
            res.headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
        assert!(
            !res.body.contains("<script>")
                && !res.body.contains("<script type=\"text/javascript\">"),
            "inline script on {path}"
        );
        assert!(!res.body.contains(" style=\""), "inline style on {path}");
        assert!(
            !res.body.contains("https://"),
            "another origin referenced on {path}"
        );
    }
}

#[tokio::test]
async fn sign_in_is_paused_after_five_failures_for_an_account_from_one_address() {
    let t = TestApp::new().await;
    for _ in 0..5 {
        let res = t
            .post(
                Who::Anon,
                "/sign-in",
                "email=lead%40a.cairn.test&password=wrong-password",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body
                .contains("The email address or password is not right")
        );
    }
    let right = format!(
        "email=lead%40a.cairn.test&password={}",
        PASSWORD.replace(' ', "+")
    );
    let res = t.post(Who::Anon, "/sign-in", &right).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        res.body.contains("Too many wrong passwords"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let t = TestApp::new().await;
    let big = format!("name={}", "x".repeat(cairn_web::BODY_LIMIT + 10));
    let res = t.post(Who::Lead, "/services", &big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let res = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/units",
            Some(serde_json::json!({"name": "x".repeat(cairn_web::BODY_LIMIT + 10)})),
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn unknown_ids_get_a_404_page_in_the_persons_language() {
    let t = TestApp::new().await;
    let res = t.get(Who::Lead, "/units/987654").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Page not found"));
    let res = t
        .send(
            Who::Anon,
            Method::GET,
            "/no/such/page",
            None,
            &[("accept-language", "cy")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        res.body.contains("Heb ddod o hyd i&#39;r dudalen") && res.body.contains("lang=\"cy\""),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn sessions_live_in_the_database_so_another_instance_accepts_them() {
    let t = TestApp::new().await;
    // A second router over the same database, as a second instance would be.
    let state = cairn_web::AppState {
        app: t.app.clone(),
        config: std::sync::Arc::new(cairn_web::WebConfig {
            base_url: "http://localhost".into(),
            secure_cookies: false,
            ..Default::default()
        }),
    };
    let other = cairn_web::router(state);
    let req = axum::http::Request::get("/home")
        .header(header::HOST, "localhost")
        .header(header::COOKIE, &t.who[&Who::Lead].cookie)
        .body(axum::body::Body::empty())
        .expect("req");
    let res = tower::ServiceExt::oneshot(other, req).await.expect("res");
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let t = TestApp::new().await;
    assert_eq!(t.get(Who::Lead, "/home").await.status, StatusCode::OK);
    let res = t.post(Who::Lead, "/sign-out", "").await;
    assert_eq!(res.location(), "/sign-in");
    let after = t.get(Who::Lead, "/home").await;
    assert!(after.status.is_redirection() && after.location().starts_with("/sign-in"));
}

/// `next` values that browsers (or a proxy decoding again) would read as another site.
const OFF_SITE: [&str; 12] = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%255Cevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/%2e%2e/%2e%2e//evil.example",
    " //evil.example",
];

/// `next` values holding a tab, CR or LF (raw once the query is read, or still encoded).
const CONTROL: [&str; 4] = [
    "/\t/evil.example",
    "/%09/evil.example",
    "/home\r\nSet-Cookie: a=b",
    "/home%0d%0aLocation:%20//evil.example",
];

fn query(next: &str) -> String {
    url::form_urlencoded::byte_serialize(next.as_bytes()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_link_never_sends_a_person_to_another_site() {
    let t = TestApp::new().await;
    for next in OFF_SITE {
        let res = t
            .get(Who::Anon, &format!("/language?to=cy&next={}", query(next)))
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.location(), "/", "{next}: stays on this site");
    }
    for next in CONTROL {
        let res = t
            .get(Who::Anon, &format!("/language?to=cy&next={}", query(next)))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{next:?}");
    }
    let res = t
        .get(Who::Anon, "/language?to=cy&next=%2Ffeedback%3Fq%3D1")
        .await;
    assert_eq!(res.location(), "/feedback?q=1", "a local path is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_never_sends_a_person_to_another_site_before_or_after_signing_in() {
    let t = TestApp::new().await;
    for next in OFF_SITE {
        let q = query(next);
        // The form carries only a safe target.
        let form = t.get(Who::Anon, &format!("/sign-in?next={q}")).await;
        assert_eq!(form.status, StatusCode::OK, "{next}");
        assert!(
            form.body.contains(r#"name="next" value="/home""#),
            "{next}: the form's next is /home"
        );
        // A real sign-in posting the bad target lands at home.
        let res = t
            .post(
                Who::Anon,
                "/sign-in",
                &format!(
                    "email=viewer%40a.cairn.test&password={}&next={q}",
                    query(PASSWORD)
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.location(), "/home", "{next}: after signing in");
        // Already signed in, the sign-in page sends the person on: home, not off-site.
        let res = t.get(Who::Viewer, &format!("/sign-in?next={q}")).await;
        assert_eq!(res.location(), "/home", "{next}: when signed in");
    }
    for next in CONTROL {
        let q = query(next);
        let res = t.get(Who::Anon, &format!("/sign-in?next={q}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{next:?}");
        let res = t
            .post(
                Who::Anon,
                "/sign-in",
                &format!(
                    "email=viewer%40a.cairn.test&password={}&next={q}",
                    query(PASSWORD)
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{next:?} posted");
        assert!(
            res.headers.get(header::SET_COOKIE).is_none(),
            "{next:?}: no session"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn following_a_language_link_changes_nothing_on_the_account_but_the_form_does() {
    let t = TestApp::new().await;
    let res = t.get(Who::Viewer, "/language?to=cy&next=/home").await;
    assert!(res.status.is_redirection());
    let cookie = res
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("cairn_lang=cy"),
        "the link sets the cookie: {cookie}"
    );
    // Without that cookie the account still speaks English: the GET saved nothing.
    let home = t.get(Who::Viewer, "/home").await;
    assert!(home.body.contains(r#"<html lang="en">"#));

    let res = t.post(Who::Viewer, "/language", "to=cy&next=/home").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/home");
    let home = t.get(Who::Viewer, "/home").await;
    assert!(
        home.body.contains(r#"<html lang="cy">"#),
        "the form saved it"
    );
    // The header offers the switch as that form, with its form token.
    assert!(home.body.contains(r#"action="/language""#));

    // Without the form token the choice is refused.
    let res = t
        .send(
            Who::Viewer,
            Method::POST,
            "/language",
            None,
            &[("content-type", "application/x-www-form-urlencoded")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_board_viewer_sees_that_a_unit_has_a_link_person_but_not_who() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::Lead,
            &format!("/units/{}/edit", t.seed.unit_a1),
            &format!(
                "name=Alder&name_cy=&service_id={}&unit_type=ward&beds=&gender_mix=mixed&link_person_id={}",
                t.seed.service_a, t.seed.person_a1
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let path = format!("/units/{}", t.seed.unit_a1);
    let staff = t.get(Who::Lead, &path).await;
    assert!(
        staff.body.contains("Carys"),
        "staff see the link person's name"
    );
    let board = t.get(Who::Viewer, &path).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(
        !board.body.contains("Carys"),
        "the board sees no individuals"
    );
    assert!(board.body.contains("names are shown to staff only"));
}
