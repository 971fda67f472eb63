//! The accounts pages and API on both engines: an administrator stops and restarts an account,
//! a person changes their password, a forgotten password is reset through a link, and the
//! pages speak Welsh.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

/// A GET with a raw cookie header.
async fn get_with_cookie(t: &TestApp, path: &str, cookie: &str) -> Res {
    t.raw(
        Request::builder()
            .uri(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

/// Form-encodes a value.
fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The `cairn_session=…` pair a response sets.
fn set_session(res: &Res) -> String {
    res.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("cairn_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_disables_an_account_and_its_session_and_token_stop_at_once() {
    both(|t| async move {
        // Setup
        let lead = t.actor(Who::Lead).await.user_id;
        assert_eq!(t.get(Who::Lead, "/home").await.status, StatusCode::OK);

        // Exec
        let disabled = t
            .post(Who::OrgAdmin, &format!("/accounts/{lead}/disable"), "")
            .await;
        let page = t.get(Who::OrgAdmin, &format!("/accounts/{lead}")).await;
        let home = t.get(Who::Lead, "/home").await;
        let api = t.api(Who::Lead, Method::GET, "/api/v1/units", None).await;
        let list = t.get(Who::OrgAdmin, "/accounts").await;
        let own = t
            .post(
                Who::OrgAdmin,
                &format!("/accounts/{}/disable", t.actor(Who::OrgAdmin).await.user_id),
                "",
            )
            .await;

        // Check
        assert_eq!(disabled.status, StatusCode::SEE_OTHER);
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("id=\"account-status\">Disabled<"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Enable this account"));
        assert!(
            home.location().starts_with("/sign-in"),
            "signed out at once"
        );
        assert_eq!(api.status, StatusCode::UNAUTHORIZED);
        assert!(list.body.contains(Who::Lead.email()));
        assert_eq!(own.status, StatusCode::CONFLICT);
        assert!(own.body.contains("You cannot do this to your own account"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_disables_and_enables_an_account_and_revokes_tokens() {
    both(|t| async move {
        // Setup
        let lead = t.actor(Who::Lead).await.user_id;
        let own = t.actor(Who::OrgAdmin).await.user_id;
        let finance_token = t.who[&Who::Finance].token_id;

        // Exec
        let off = t
            .api(
                Who::OrgAdmin,
                Method::POST,
                &format!("/api/v1/accounts/{lead}/disable"),
                None,
            )
            .await;
        let lead_after = t.api(Who::Lead, Method::GET, "/api/v1/units", None).await;
        let on = t
            .api(
                Who::OrgAdmin,
                Method::POST,
                &format!("/api/v1/accounts/{lead}/enable"),
                None,
            )
            .await;
        let self_off = t
            .api(
                Who::OrgAdmin,
                Method::POST,
                &format!("/api/v1/accounts/{own}/disable"),
                None,
            )
            .await;
        let by_lead = t
            .api(
                Who::Member,
                Method::POST,
                &format!("/api/v1/accounts/{lead}/disable"),
                None,
            )
            .await;
        let other_org = t
            .api(
                Who::OtherAdmin,
                Method::POST,
                &format!("/api/v1/accounts/{lead}/disable"),
                None,
            )
            .await;
        let by_stranger = t
            .api(
                Who::Member,
                Method::DELETE,
                &format!("/api/v1/tokens/{finance_token}"),
                None,
            )
            .await;
        let by_admin = t
            .api(
                Who::OrgAdmin,
                Method::DELETE,
                &format!("/api/v1/tokens/{finance_token}"),
                None,
            )
            .await;
        let finance_after = t
            .api(Who::Finance, Method::GET, "/api/v1/units", None)
            .await;

        // Check
        assert_eq!(off.status, StatusCode::OK);
        let j = off.json();
        assert_eq!(j["disabled"], true);
        assert_eq!(j["tokens_revoked"], 1);
        assert_eq!(lead_after.status, StatusCode::UNAUTHORIZED);
        assert_eq!(on.status, StatusCode::OK);
        assert_eq!(on.json()["disabled"], false);
        assert_eq!(self_off.status, StatusCode::CONFLICT);
        assert_eq!(by_lead.status, StatusCode::FORBIDDEN);
        assert_eq!(other_org.status, StatusCode::NOT_FOUND);
        assert_eq!(by_stranger.status, StatusCode::NOT_FOUND);
        assert_eq!(by_admin.status, StatusCode::NO_CONTENT);
        assert_eq!(finance_after.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_a_password_keeps_the_person_signed_in_on_a_new_session_and_ends_the_old_one() {
    both(|t| async move {
        // Setup
        let old_cookie = t.who[&Who::Viewer].cookie.clone();

        // Exec
        let wrong = t
            .post(
                Who::Viewer,
                "/account/password",
                "current=nope&password=a+new+passphrase&confirm=a+new+passphrase",
            )
            .await;
        let changed = t
            .post(
                Who::Viewer,
                "/account/password",
                &format!(
                    "current={}&password=a+new+passphrase&confirm=a+new+passphrase",
                    url_encode(PASSWORD)
                ),
            )
            .await;
        let new_cookie = set_session(&changed);
        let with_new = get_with_cookie(&t, "/account?password=changed", &new_cookie).await;
        let with_old = get_with_cookie(&t, "/home", &old_cookie).await;

        // Check
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Your current password is not right"));
        assert_eq!(changed.status, StatusCode::SEE_OTHER);
        assert_eq!(with_new.status, StatusCode::OK);
        assert!(with_new.body.contains("id=\"password-changed\""));
        assert!(with_old.location().starts_with("/sign-in"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handed_over_link_sets_a_new_password_and_asking_for_one_reveals_nothing() {
    both(|t| async move {
        // Setup
        let viewer = t.actor(Who::Viewer).await.user_id;
        let made = t
            .post(
                Who::OrgAdmin,
                &format!("/accounts/{viewer}/password-link"),
                "",
            )
            .await;
        let link = made
            .body
            .split("<code class=\"cairn-secret\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("the link is shown once")
            .to_owned();
        let path = link
            .find("/password/")
            .map(|i| link[i..].to_owned())
            .expect("a path");

        // Exec
        let known = t
            .post(
                Who::Anon,
                "/password/forgot",
                &format!("email={}", url_encode(Who::Viewer.email())),
            )
            .await;
        let unknown = t
            .post(Who::Anon, "/password/forgot", "email=nobody%40a.cairn.test")
            .await;
        let blank = t.post(Who::Anon, "/password/forgot", "email=").await;
        let form = t.get(Who::Anon, &path).await;
        let mismatch = t
            .post(Who::Anon, &path, "password=new+passphrase+1&confirm=other")
            .await;
        let set = t
            .post(
                Who::Anon,
                &path,
                "password=new+passphrase+1&confirm=new+passphrase+1",
            )
            .await;
        let again = t.get(Who::Anon, &path).await;
        let signed_out = t.get(Who::Viewer, "/home").await;
        let banner = t.get(Who::Anon, "/sign-in?reset=done").await;

        // Check
        assert_eq!(made.status, StatusCode::OK);
        assert_eq!(known.status, StatusCode::OK);
        assert_eq!(
            known.body, unknown.body,
            "the same page whether or not there is an account"
        );
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(mismatch.body.contains("The passwords do not match"));
        assert_eq!(set.status, StatusCode::SEE_OTHER);
        assert_eq!(set.location(), "/sign-in?reset=done");
        assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");
        assert!(
            again
                .body
                .contains("This link has been used or has expired")
        );
        assert!(
            signed_out.location().starts_with("/sign-in"),
            "every session ended"
        );
        assert!(banner.body.contains("id=\"reset-done\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accounts_pages_speak_welsh() {
    let t = TestApp::new().await;
    let lead = t.actor(Who::Lead).await.user_id;
    let cy = [("accept-language", "cy")];
    let page = t
        .send(
            Who::OrgAdmin,
            Method::GET,
            &format!("/accounts/{lead}"),
            None,
            &cy,
        )
        .await;
    let forgot = t
        .send(Who::Anon, Method::GET, "/password/forgot", None, &cy)
        .await;
    assert!(
        page.body.contains("Analluogi'r cyfrif hwn")
            || page.body.contains("Analluogi&#39;r cyfrif hwn"),
        "{}",
        page.body
    );
    assert!(forgot.body.contains("Wedi anghofio eich cyfrinair"));
}

/// A router over `t`'s database as deployed behind a proxy at `https://cairn.example.org`
/// that rewrites `Host`, trusting the proxy at 10.0.0.1.
fn behind_proxy(t: &TestApp) -> axum::Router {
    cairn_web::router(cairn_web::AppState {
        app: t.app.clone(),
        config: std::sync::Arc::new(cairn_web::WebConfig {
            base_url: "https://cairn.example.org".into(),
            secure_cookies: true,
            public_origin: cairn_web::client::origin_of("https://cairn.example.org"),
            trusted_proxies: cairn_web::client::IpRange::parse_list("10.0.0.1").expect("proxies"),
            ..Default::default()
        }),
    })
}

async fn sign_in_via(
    router: &axum::Router,
    peer: &str,
    xff: &str,
    origin: &str,
    password: &str,
) -> StatusCode {
    use tower::ServiceExt;
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/sign-in")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, origin)
        .header("x-forwarded-for", xff)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email={}&password={}",
            url_encode(Who::Lead.email()),
            url_encode(password)
        )))
        .expect("request");
    req.extensions_mut().insert(axum::extract::ConnectInfo(
        format!("{peer}:40000")
            .parse::<std::net::SocketAddr>()
            .expect("peer"),
    ));
    router
        .clone()
        .oneshot(req)
        .await
        .expect("response")
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_limits_follow_the_forwarded_client_and_forms_check_the_base_origin()
{
    both(|t| async move {
        // Setup
        let r = behind_proxy(&t);
        let origin = "https://cairn.example.org";

        // Exec: five wrong passwords from one client behind the proxy.
        let mut wrong = Vec::new();
        for _ in 0..5 {
            wrong.push(sign_in_via(&r, "10.0.0.1", "203.0.113.9", origin, "wrong password").await);
        }
        let same_client = sign_in_via(&r, "10.0.0.1", "203.0.113.9", origin, PASSWORD).await;
        let other_client = sign_in_via(&r, "10.0.0.1", "198.51.100.4", origin, PASSWORD).await;
        // An untrusted peer cannot pick its address by writing the header.
        let mut forged = Vec::new();
        for i in 0..6 {
            let xff = format!("192.0.2.{i}");
            forged.push(sign_in_via(&r, "198.51.100.66", &xff, origin, "wrong password").await);
        }
        let cross_site = sign_in_via(
            &r,
            "10.0.0.1",
            "192.0.2.200",
            "https://evil.example",
            PASSWORD,
        )
        .await;

        // Check
        assert!(
            wrong.iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
            "{wrong:?}"
        );
        assert_eq!(same_client, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            other_client,
            StatusCode::SEE_OTHER,
            "the Host the proxy sent does not matter"
        );
        assert_eq!(forged[5], StatusCode::TOO_MANY_REQUESTS, "{forged:?}");
        assert_eq!(cross_site, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn a_signed_in_page_carries_the_time_left_and_staying_signed_in_answers_with_it() {
    let t = TestApp::new().await;
    let home = t.get(Who::Member, "/home").await;
    let attr = |name: &str| -> i64 {
        let at = home.body.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        home.body[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("seconds")
    };
    let (idle, end) = (attr("data-session-idle"), attr("data-session-end"));
    assert!(
        idle > 0 && idle <= cairn_app::accounts::SESSION_IDLE_MS / 1000,
        "{idle}"
    );
    assert!(
        end >= idle && end <= cairn_app::accounts::SESSION_ABSOLUTE_MS / 1000,
        "{end}"
    );
    assert!(home.body.contains(r#"id="session-warning""#));
    assert!(home.body.contains("Stay signed in"));

    let kept = t.post(Who::Member, "/session/keep", "").await;
    assert_eq!(kept.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&kept.body).expect("json");
    assert_eq!(json["signed_in"], true);
    assert!(json["idle_seconds"].as_i64().is_some_and(|s| s > 0));

    // Without the form token it is refused; without a session it says so.
    let forged = t
        .send(
            Who::Member,
            axum::http::Method::POST,
            "/session/keep",
            None,
            &[("content-type", "application/x-www-form-urlencoded")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let gone = t.post(Who::Anon, "/session/keep", "").await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    // A page nobody is signed in to carries no countdown.
    let sign_in = t.get(Who::Anon, "/sign-in").await;
    assert!(!sign_in.body.contains("data-session-idle"));
}
