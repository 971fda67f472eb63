//! Signing staff in through the organisation's identity provider, as pages, on both engines:
//! the administrator's settings page (checked by discovery, messages beside the fields in both
//! languages, the secret never shown), the sign-in page's button in the page's language, the
//! "staff must use the provider" rule against a staff password and not a member's, sending the
//! browser to a real provider with PKCE (S256), state and nonce, and the pages for a sign-in
//! that comes back unknown. The whole round trip through the provider is in the use-case tests
//! (`cairn-app/tests/app/identity.rs`) and the browser journey (`e2e/tests/oidc.spec.ts`).

use crate::helpers::*;
use axum::http::{Method, StatusCode};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The real provider (`e2e/oidc/provider.mjs`, npm `oidc-provider`) on a free port; killed
/// when dropped. Fails with what to do when node or e2e/node_modules is missing.
struct Idp {
    child: Child,
    issuer: String,
}

impl Idp {
    fn start() -> Idp {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(
            root.join("e2e/node_modules/oidc-provider/package.json")
                .exists(),
            "the OpenID provider for these tests is missing: run `cd e2e && npm ci`"
        );
        let mut child = Command::new("node")
            .arg(root.join("e2e/oidc/provider.mjs"))
            .arg("0")
            .arg("http://localhost/sign-in/provider/callback")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("`node` is needed to run the OpenID provider for these tests");
        let mut line = String::new();
        let read = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
        if read.map_or(true, |n| n == 0) {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.kill();
            panic!("the OpenID provider did not start: {err}");
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("provider's JSON line");
        Idp {
            child,
            issuer: v["issuer"].as_str().expect("issuer").to_owned(),
        }
    }
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Connects organisation A's provider straight in the database (no discovery: these pages do
/// not need the provider to answer).
async fn connect(t: &TestApp, issuer: &str, staff_required: bool) {
    let mut tx = t.app.db.begin().await.expect("tx");
    cairn_db::identity::put_provider(
        &mut tx.conn(),
        t.seed.org_a,
        &cairn_db::identity::ProviderWrite {
            issuer,
            client_id: "cairn",
            client_secret: Some("cairn-test-secret"),
            display_name: "NHS Wales",
            display_name_cy: "GIG Cymru",
            staff_required,
            emails_verified: false,
        },
        0,
    )
    .await
    .expect("provider");
    tx.commit().await.expect("commit");
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

async fn welsh_get(t: &TestApp, who: Who, path: &str) -> Res {
    t.send(who, Method::GET, path, None, &[("cookie", "cairn_lang=cy")])
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_page_refuses_an_issuer_that_does_not_answer_beside_the_field_keeping_what_was_typed()
 {
    let idp = Idp::start();
    both(|t| {
        let issuer = idp.issuer.clone();
        async move {
            // Setup
            let settings = t.get(Who::OrgAdmin, "/settings").await;
            let page = t.get(Who::OrgAdmin, "/settings/identity").await;
            let dead = format!("http://127.0.0.1:{}", closed_port());
            let typed = |iss: &str, secret: &str| {
                format!(
                    "issuer={}&client_id=cairn&client_secret={secret}&display_name=NHS+Wales&display_name_cy=GIG+Cymru",
                    enc(iss)
                )
            };

            // Exec
            let empty = t.post(Who::OrgAdmin, "/settings/identity", "").await;
            let unreachable = t
                .post(
                    Who::OrgAdmin,
                    "/settings/identity",
                    &typed(&dead, "s3cret-typed"),
                )
                .await;
            let not_https = t
                .post(
                    Who::OrgAdmin,
                    "/settings/identity",
                    &typed("http://idp.example.org", "x"),
                )
                .await;
            let saved = t
                .post(
                    Who::OrgAdmin,
                    "/settings/identity",
                    &format!("{}&staff_required=yes", typed(&issuer, "cairn-test-secret")),
                )
                .await;
            let after = t.get(Who::OrgAdmin, "/settings/identity?saved=1").await;

            // Check: the page is linked from the organisation's settings …
            assert!(settings.body.contains("href=\"/settings/identity\""));
            assert_eq!(page.status, StatusCode::OK);
            assert!(page.body.contains("http://localhost/sign-in/provider/callback"));
            // … every missing field is named beside it …
            assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(
                field_error(&empty.body, "issuer"),
                Some("Enter the issuer address")
            );
            assert_eq!(
                field_error(&empty.body, "client_secret"),
                Some("Enter the client secret")
            );
            assert!(
                field_error(&empty.body, "display_name_cy").is_some_and(|m| m.ends_with("name in Welsh"))
            );
            // … an issuer that does not answer, beside the issuer, keeping what was typed but
            // never the secret …
            assert_eq!(unreachable.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                field_error(&unreachable.body, "issuer")
                    .is_some_and(|m| m.starts_with("Cairn could not read the provider")),
                "{:?}",
                field_error(&unreachable.body, "issuer")
            );
            assert!(unreachable.body.contains(&format!("value=\"{dead}\"")));
            assert!(!unreachable.body.contains("s3cret-typed"));
            assert!(
                field_error(&not_https.body, "issuer")
                    .is_some_and(|m| m.contains("https://"))
            );
            // … and a provider that answers is saved, its secret not shown back.
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
            assert!(after.body.contains("identity-saved"));
            assert!(after.body.contains(&format!("value=\"{issuer}\"")));
            assert!(!after.body.contains("cairn-test-secret"));
            assert!(after.body.contains("name=\"staff_required\" type=\"checkbox\" value=\"yes\" aria-describedby=\"staff_required-hint\" checked"));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_page_speaks_welsh_beside_the_field() {
    both(|t| async move {
        let res = t
            .send(
                Who::OrgAdmin,
                Method::POST,
                "/settings/identity",
                Some("issuer=ftp%3A%2F%2Fidp.example.org"),
                &[("cookie", "cairn_lang=cy")],
            )
            .await;

        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            field_error(&res.body, "issuer").is_some_and(|m| m.starts_with("Rhowch gyfeiriad")),
            "{:?}",
            field_error(&res.body, "issuer")
        );
        assert!(res.body.contains("value=\"ftp://idp.example.org\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_page_offers_the_provider_by_its_name_in_the_pages_language_once_connected() {
    both(|t| async move {
        let before = t.get(Who::Anon, "/sign-in").await;
        connect(&t, "https://login.example.org/tenant/v2.0", false).await;
        let english = t.get(Who::Anon, "/sign-in").await;
        let welsh = welsh_get(&t, Who::Anon, "/sign-in").await;

        assert!(!before.body.contains("/sign-in/provider/"));
        let action = format!("href=\"/sign-in/provider/{}?next=%2Fhome\"", t.seed.org_a);
        assert!(english.body.contains(&action));
        assert!(english.body.contains("Sign in with NHS Wales"));
        assert!(welsh.body.contains(&action));
        assert!(welsh.body.contains("Mewngofnodi gyda GIG Cymru"));
        assert!(!welsh.body.contains("NHS Wales"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_staff_must_use_the_provider_a_staff_password_is_refused_pointing_to_the_button_and_a_member_still_signs_in()
 {
    both(|t| async move {
        // Setup
        connect(&t, "https://login.example.org/tenant/v2.0", true).await;
        let form = |who: Who| format!("email={}&password={}", enc(who.email()), enc(PASSWORD));

        // Exec
        let staff = t.post(Who::Anon, "/sign-in", &form(Who::Lead)).await;
        let admin = t.post(Who::Anon, "/sign-in", &form(Who::OrgAdmin)).await;
        let member = t.post(Who::Anon, "/sign-in", &form(Who::Member)).await;
        let welsh = t
            .send(
                Who::Anon,
                Method::POST,
                "/sign-in",
                Some(&form(Who::UnitStaff)),
                &[("cookie", "cairn_lang=cy")],
            )
            .await;

        // Check
        for res in [&staff, &admin] {
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                field_error(&res.body, "email")
                    .is_some_and(|m| m.contains("Use the “Sign in with” button")),
                "{:?}",
                field_error(&res.body, "email")
            );
            assert!(res.body.contains("Sign in with NHS Wales"));
            assert!(res.headers.get("set-cookie").is_none());
        }
        assert_eq!(welsh.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            field_error(&welsh.body, "email").is_some_and(|m| m.contains("Mewngofnodi gyda")),
            "{:?}",
            field_error(&welsh.body, "email")
        );
        assert_eq!(member.status, StatusCode::SEE_OTHER);
        assert!(
            member
                .headers
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.starts_with("cairn_session=")))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_button_sends_the_browser_to_the_provider_with_pkce_state_and_nonce() {
    let idp = Idp::start();
    both(|t| {
        let issuer = idp.issuer.clone();
        async move {
            connect(&t, &issuer, false).await;

            let res = t
                .get(
                    Who::Anon,
                    &format!("/sign-in/provider/{}?next=%2Fmeetings", t.seed.org_a),
                )
                .await;

            assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
            let to = url::Url::parse(res.location()).expect("provider url");
            assert_eq!(
                to.as_str().split('?').next(),
                Some(format!("{issuer}/auth").as_str())
            );
            let q: std::collections::HashMap<String, String> =
                to.query_pairs().into_owned().collect();
            assert_eq!(q.get("client_id").map(String::as_str), Some("cairn"));
            assert_eq!(q.get("response_type").map(String::as_str), Some("code"));
            assert_eq!(
                q.get("code_challenge_method").map(String::as_str),
                Some("S256")
            );
            assert!(q.get("code_challenge").is_some_and(|c| c.len() >= 43));
            assert!(q.get("state").is_some_and(|s| s.len() >= 16));
            // The state is kept in this browser too, for the provider's return only.
            let cookie = res
                .headers
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("cairn_provider_state="))
                .expect("the state's cookie")
                .to_owned();
            assert!(cookie.starts_with(&format!("cairn_provider_state={};", q["state"])));
            assert!(cookie.contains("HttpOnly"));
            assert!(cookie.contains("Path=/sign-in/provider"));
            assert!(q.get("nonce").is_some_and(|s| s.len() >= 16));
            assert_eq!(
                q.get("redirect_uri").map(String::as_str),
                Some("http://localhost/sign-in/provider/callback")
            );
            assert!(q.get("scope").is_some_and(
                |s| s.split(' ').any(|x| x == "openid") && s.split(' ').any(|x| x == "email")
            ));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_does_not_answer_or_a_state_cairn_does_not_know_gives_a_page_saying_what_to_do()
 {
    both(|t| async move {
        connect(&t, &format!("http://127.0.0.1:{}", closed_port()), false).await;

        let down = t
            .get(Who::Anon, &format!("/sign-in/provider/{}", t.seed.org_a))
            .await;
        let unknown = t
            .send(
                Who::Anon,
                Method::GET,
                "/sign-in/provider/callback?state=forged&code=x",
                None,
                &[("cookie", "cairn_provider_state=forged")],
            )
            .await;
        // A state that is not this browser's is refused before it is looked up.
        let other_browser = t
            .get(Who::Anon, "/sign-in/provider/callback?state=forged&code=x")
            .await;
        let welsh = welsh_get(&t, Who::Anon, "/sign-in/provider/callback?state=forged").await;
        let no_provider = t.get(Who::Anon, "/sign-in/provider/999999").await;

        assert_eq!(down.status, StatusCode::BAD_GATEWAY);
        assert!(down.body.contains("Cairn could not finish signing you in"));
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.contains("start again"));
        assert!(unknown.body.contains("href=\"/sign-in\""));
        assert!(
            !unknown
                .headers
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.starts_with("cairn_session="))),
            "nobody is signed in"
        );
        assert_eq!(other_browser.status, StatusCode::BAD_REQUEST);
        assert!(other_browser.body.contains("start again"));
        assert_eq!(welsh.status, StatusCode::BAD_REQUEST);
        assert!(welsh.body.contains("dechrau eto"));
        assert_eq!(no_provider.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn treating_the_providers_addresses_as_verified_is_off_by_default_saved_when_ticked_and_explained_in_both_languages()
 {
    let idp = Idp::start();
    both(|t| {
        let issuer = idp.issuer.clone();
        async move {
            // Setup
            let typed = format!(
                "issuer={}&client_id=cairn&client_secret=cairn-test-secret&display_name=NHS+Wales&display_name_cy=GIG+Cymru",
                enc(&issuer)
            );
            let ticked = "name=\"emails_verified\" type=\"checkbox\" value=\"yes\" aria-describedby=\"emails_verified-hint\" checked";

            // Exec
            let blank = t.get(Who::OrgAdmin, "/settings/identity").await;
            let welsh = welsh_get(&t, Who::OrgAdmin, "/settings/identity").await;
            let off = t.post(Who::OrgAdmin, "/settings/identity", &typed).await;
            let after_off = t.get(Who::OrgAdmin, "/settings/identity").await;
            let on = t
                .post(
                    Who::OrgAdmin,
                    "/settings/identity",
                    &format!("{typed}&emails_verified=yes"),
                )
                .await;
            let after_on = t.get(Who::OrgAdmin, "/settings/identity").await;
            let kept_on_error = t
                .post(
                    Who::OrgAdmin,
                    "/settings/identity",
                    "issuer=&emails_verified=yes",
                )
                .await;

            // Check: the box and its warning, in both languages …
            assert!(blank.body.contains("e-mail addresses as verified"));
            assert!(blank.body.contains("single-tenant Microsoft Entra ID"));
            assert!(blank.body.contains("take over a Cairn account"));
            assert!(!blank.body.contains(ticked));
            assert!(welsh.body.contains("Microsoft Entra ID ag un tenant"));
            // … saved off, then on, and kept as ticked when the form comes back with errors.
            assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
            assert!(!after_off.body.contains(ticked));
            assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
            assert!(after_on.body.contains(ticked));
            assert_eq!(kept_on_error.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(kept_on_error.body.contains(ticked));
            let mut h = t.app.db.acquire().await.expect("acquire");
            let saved = cairn_db::identity::provider(&mut h.conn(), t.seed.org_a)
                .await
                .expect("provider")
                .expect("saved");
            assert!(saved.emails_verified);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_asks_first_then_removes_the_provider_and_the_staff_rule_so_staff_passwords_work_again()
 {
    both(|t| async move {
        // Setup: connected, staff must use it.
        connect(&t, "https://login.example.org/tenant/v2.0", true).await;
        let password = format!(
            "email={}&password={}",
            enc(Who::Lead.email()),
            enc(PASSWORD)
        );

        // Exec
        let settings = t.get(Who::OrgAdmin, "/settings/identity").await;
        let refused = t.post(Who::Anon, "/sign-in", &password).await;
        let ask = t.get(Who::OrgAdmin, "/settings/identity/disconnect").await;
        let ask_cy = welsh_get(&t, Who::OrgAdmin, "/settings/identity/disconnect").await;
        let by_lead = t.post(Who::Lead, "/settings/identity/disconnect", "").await;
        let done = t.post(Who::OrgAdmin, "/settings/identity/disconnect", "").await;
        let after = t
            .get(Who::OrgAdmin, "/settings/identity?disconnected=1")
            .await;
        let ask_again = t.get(Who::OrgAdmin, "/settings/identity/disconnect").await;
        let sign_in_page = t.get(Who::Anon, "/sign-in").await;
        let signed_in = t.post(Who::Anon, "/sign-in", &password).await;

        // Check: the settings page leads to a page that asks, saying what happens …
        assert!(
            settings
                .body
                .contains("href=\"/settings/identity/disconnect\"")
        );
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(ask.status, StatusCode::OK);
        assert!(ask.body.contains("Disconnect NHS Wales"));
        assert!(ask.body.contains("no longer have to sign in with the provider"));
        assert!(ask.body.contains("action=\"/settings/identity/disconnect\""));
        assert!(ask_cy.body.contains("Datgysylltu GIG Cymru"));
        assert!(ask_cy.body.contains("ni fydd rhaid i staff fewngofnodi"));
        // … only an administrator disconnects …
        assert_eq!(by_lead.status, StatusCode::FORBIDDEN);
        // … and then the provider, its button and its staff rule are gone.
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(
            done.headers.get("location").and_then(|v| v.to_str().ok()),
            Some("/settings/identity?disconnected=1")
        );
        assert!(after.body.contains("identity-disconnected"));
        assert!(!after.body.contains("href=\"/settings/identity/disconnect\""));
        assert!(!after.body.contains("login.example.org"));
        assert_eq!(ask_again.status, StatusCode::SEE_OTHER);
        assert!(!sign_in_page.body.contains("/sign-in/provider/"));
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
        let mut h = t.app.db.acquire().await.expect("acquire");
        let revoked = cairn_db::fetch_scalar!(
            &mut h.conn(),
            i64,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'identity_provider' AND action = 'revoke'"
        )
        .expect("count");
        assert_eq!(revoked, 1, "the disconnection is audited once");
    })
    .await;
}
