//! What an operator relies on: a failure is an error page with a reference, never a page that
//! looks normal; the request id travels from log to page; `/readyz` tells whether the database
//! takes writes; and text both engines cannot keep alike is refused alike. Every test runs on
//! SQLite and on PostgreSQL.

use crate::helpers::{TestApp, Who};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;
use std::sync::Arc;

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<(&'static str, TestApp)> {
    let mut v = vec![("sqlite", TestApp::new().await)];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(("postgres", pg));
    }
    v
}

/// Runs a statement on the app's database (to break or mend a table under a page).
async fn exec(t: &TestApp, sql: &str) {
    let mut h = t.app.db.acquire().await.expect("acquire");
    cairn_db::execute!(&mut h.conn(), sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// One page of each capability, who opens it, and a table it cannot do without.
const PAGES: &[(&str, Who, &str)] = &[
    ("/home", Who::Member, "notices"),
    ("/units", Who::OrgAdmin, "units"),
    ("/people", Who::Lead, "people"),
    ("/audit", Who::OrgAdmin, "audit_log"),
    ("/model", Who::Lead, "model_practices"),
    ("/assessment", Who::Lead, "assessments"),
    ("/feedback", Who::Lead, "suggestions"),
    ("/meetings", Who::Lead, "meeting_groups"),
    ("/my-meetings", Who::Member, "meetings"),
    ("/payments/claims", Who::Finance, "claims"),
    ("/payments/rates", Who::Finance, "fee_rates"),
    ("/roles", Who::Lead, "involvement_roles"),
    ("/opportunities", Who::Member, "opportunities"),
    ("/recruitment", Who::Lead, "recruitment_processes"),
    ("/buddies", Who::Lead, "buddy_pairings"),
    ("/welcome", Who::Lead, "arrivals"),
    ("/whos-who", Who::Member, "people"),
    ("/me", Who::Member, "level_decisions"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_failure_under_any_capability_is_a_500_page_with_a_reference_never_a_200() {
    for (engine, t) in engines().await {
        for (path, who, table) in PAGES {
            // Setup: the page works…
            let ok = t.get(*who, path).await;
            assert_eq!(
                ok.status,
                StatusCode::OK,
                "{engine} {path} before: {}",
                ok.body
            );
            // …until a table it reads is gone.
            exec(&t, &format!("ALTER TABLE {table} RENAME TO {table}_gone")).await;

            // Exec
            let res = t.get(*who, path).await;
            exec(&t, &format!("ALTER TABLE {table}_gone RENAME TO {table}")).await;

            // Check
            assert_eq!(
                res.status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{engine} {path} without {table} must fail loudly, got {}: {}",
                res.status,
                res.body
            );
            let id = res
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{engine} {path}: no x-request-id"));
            assert!(
                res.body.contains(&format!("Reference: {id}")),
                "{engine} {path}: the page quotes the request's reference {id}: {}",
                res.body
            );
            assert!(
                !res.body.contains(table),
                "{engine} {path}: the page does not leak the database error"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_database_failure_is_a_500_json_error_with_the_request_id_header() {
    for (engine, t) in engines().await {
        exec(&t, "ALTER TABLE units RENAME TO units_gone").await;
        let res = t
            .api(Who::OrgAdmin, Method::GET, "/api/v1/units", None)
            .await;
        exec(&t, "ALTER TABLE units_gone RENAME TO units").await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{engine}");
        assert_eq!(res.json()["error"], "internal", "{engine}");
        assert!(res.headers.get("x-request-id").is_some(), "{engine}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_500_page_is_in_the_persons_language() {
    for (engine, t) in engines().await {
        exec(&t, "ALTER TABLE suggestions RENAME TO suggestions_gone").await;
        let res = t
            .send(
                Who::Anon,
                Method::GET,
                &format!("/o/{}/you-said-we-did", t.seed.org_a),
                None,
                &[("cookie", "cairn_lang=cy")],
            )
            .await;
        exec(&t, "ALTER TABLE suggestions_gone RENAME TO suggestions").await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{engine}");
        assert!(res.body.contains("lang=\"cy\""), "{engine}: {}", res.body);
        assert!(res.body.contains("Cyfeirnod:"), "{engine}: {}", res.body);
        assert!(res.body.contains("ddrwg gennym"), "{engine}: {}", res.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_request_id_and_a_sane_incoming_one_is_kept() {
    let t = TestApp::new().await;
    let a = t.get(Who::Anon, "/sign-in").await;
    let b = t.get(Who::Anon, "/sign-in").await;
    let id = |r: &crate::helpers::Res| {
        r.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .expect("x-request-id")
    };
    assert_ne!(id(&a), id(&b), "each request has its own id");
    let kept = t
        .send(
            Who::Anon,
            Method::GET,
            "/sign-in",
            None,
            &[("x-request-id", "lb-42.abc")],
        )
        .await;
    assert_eq!(id(&kept), "lb-42.abc");
    let replaced = t
        .send(
            Who::Anon,
            Method::GET,
            "/sign-in",
            None,
            &[("x-request-id", "<script>")],
        )
        .await;
    assert_ne!(id(&replaced), "<script>");
}

/// Log capture for the tests below, on the test's own thread.
///
/// One subscriber serves the whole test binary, set once as the global default, and formats
/// only events on a thread that is capturing. A subscriber set per test with `set_default`
/// lost lines now and then: tracing caches whether anyone listens at each call site across
/// all threads, and another test's thread could leave an INFO call site cached as unheard.
mod capture {
    use std::cell::RefCell;
    use std::sync::{Arc, Mutex, Once};
    use tracing::Metadata;
    use tracing::subscriber::Interest;
    use tracing_subscriber::filter::LevelFilter;
    use tracing_subscriber::layer::{Context, Filter, Layer, SubscriberExt};

    thread_local! {
        static SINK: RefCell<Option<Arc<Mutex<Vec<u8>>>>> = const { RefCell::new(None) };
    }

    /// Passes INFO and above, only on a capturing thread; asked at every event, never cached.
    struct OnCapturingThread;

    impl<S> Filter<S> for OnCapturingThread {
        fn enabled(&self, meta: &Metadata<'_>, _: &Context<'_, S>) -> bool {
            *meta.level() <= tracing::Level::INFO && SINK.with(|s| s.borrow().is_some())
        }
        fn callsite_enabled(&self, _: &'static Metadata<'static>) -> Interest {
            Interest::sometimes()
        }
        fn max_level_hint(&self) -> Option<LevelFilter> {
            Some(LevelFilter::INFO)
        }
    }

    /// Appends to this thread's capture.
    struct ThreadSink;

    impl std::io::Write for ThreadSink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            SINK.with(|s| {
                if let Some(b) = s.borrow().as_ref() {
                    b.lock().expect("log buffer").extend_from_slice(buf);
                }
            });
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Everything logged on this thread while it lives; `text` reads it back.
    pub struct Capture(Arc<Mutex<Vec<u8>>>);

    impl Capture {
        pub fn start() -> Self {
            static GLOBAL: Once = Once::new();
            GLOBAL.call_once(|| {
                let layer = tracing_subscriber::fmt::layer()
                    .with_writer(|| ThreadSink)
                    .with_ansi(false)
                    .with_filter(OnCapturingThread);
                tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
                    .expect("the only global subscriber in this test binary");
            });
            let buf = Arc::new(Mutex::new(Vec::new()));
            SINK.with(|s| *s.borrow_mut() = Some(buf.clone()));
            Self(buf)
        }

        pub fn text(&self) -> String {
            String::from_utf8(self.0.lock().expect("logs").clone()).expect("utf-8")
        }
    }

    impl Drop for Capture {
        fn drop(&mut self) {
            SINK.with(|s| *s.borrow_mut() = None);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn every_log_line_of_a_failed_request_carries_its_id_and_the_error_is_logged_once() {
    // Setup: logs captured on this thread (the request runs on it: current-thread runtime).
    let t = TestApp::new().await;
    let logs = capture::Capture::start();
    exec(&t, "ALTER TABLE suggestions RENAME TO suggestions_gone").await;

    // Exec
    let res = t.get(Who::Lead, "/feedback").await;
    exec(&t, "ALTER TABLE suggestions_gone RENAME TO suggestions").await;

    // Check
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    let id = res
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("id")
        .to_owned();
    let text = logs.text();
    drop(logs);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(&id)).collect();
    assert!(
        lines.len() >= 2,
        "the error and the request summary both carry {id}:\n{text}"
    );
    let errors = text
        .lines()
        .filter(|l| l.contains("unexpected error"))
        .count();
    assert_eq!(errors, 1, "logged exactly once:\n{text}");
    assert!(
        text.lines()
            .filter(|l| l.contains("unexpected error") || l.contains("request"))
            .all(|l| l.contains(&id)),
        "no line of this request lacks its id:\n{text}"
    );
}

/// Sends `GET /sign-in` to `router` as if over a connection from `peer`, with `X-Forwarded-For`,
/// and returns the request id Cairn gave it.
async fn request_from(router: &axum::Router, peer: &str, forwarded_for: &str) -> String {
    use tower::ServiceExt;
    let mut req = Request::builder()
        .method(Method::GET)
        .uri("/sign-in")
        .header("x-forwarded-for", forwarded_for)
        .body(Body::empty())
        .expect("request");
    req.extensions_mut().insert(axum::extract::ConnectInfo(
        format!("{peer}:40000")
            .parse::<std::net::SocketAddr>()
            .expect("peer"),
    ));
    let res = router.clone().oneshot(req).await.expect("response");
    assert_eq!(res.status(), StatusCode::OK);
    res.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("id")
        .to_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn request_log_lines_name_the_client_a_trusted_proxy_forwarded_never_one_the_client_wrote() {
    for (engine, t) in engines().await {
        // Setup: deployed behind a proxy at 10.0.0.1; logs captured on this thread.
        let router = cairn_web::router(cairn_web::AppState {
            app: t.app.clone(),
            config: Arc::new(cairn_web::WebConfig {
                trusted_proxies: cairn_web::client::IpRange::parse_list("10.0.0.1")
                    .expect("proxies"),
                ..Default::default()
            }),
        });
        let logs = capture::Capture::start();

        // Exec: through the proxy, a client that wrote 192.0.2.66 itself (the proxy appended
        // the address it saw); then straight from 198.51.100.7, writing the same header.
        let proxied = request_from(&router, "10.0.0.1", "192.0.2.66, 203.0.113.9").await;
        let direct = request_from(&router, "198.51.100.7", "203.0.113.9").await;
        let text = logs.text();
        drop(logs);

        // Check
        // Every line of a request, its summary included, names the same client.
        let names = |id: &str, client: &str| {
            let lines: Vec<&str> = text.lines().filter(|l| l.contains(id)).collect();
            !lines.is_empty()
                && lines
                    .iter()
                    .all(|l| l.contains(&format!("client={client}")))
        };
        assert!(names(&proxied, "203.0.113.9"), "{engine}: {text}");
        assert!(names(&direct, "198.51.100.7"), "{engine}: {text}");
        assert!(
            !text.contains("192.0.2.66"),
            "{engine}: a forged address is never logged as the client:\n{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_is_ok_while_the_database_takes_writes_and_503_when_it_cannot() {
    for (engine, t) in engines().await {
        let ok = t.get(Who::Anon, "/readyz").await;
        assert_eq!(ok.status, StatusCode::OK, "{engine}: {}", ok.body);
    }
    // SQLite: the same file opened read-only answers reads but not writes.
    let t = TestApp::new().await;
    let ro_url = format!("{}?mode=ro", t.db_url());
    let ro = cairn_db::Db::connect(&ro_url, &cairn_db::ConnectOptions::default())
        .await
        .expect("open read-only");
    assert_eq!(ready_status(ro).await, StatusCode::SERVICE_UNAVAILABLE);
    // PostgreSQL: a session whose transactions are read-only (as on a standby).
    if let Some(pg) = TestApp::on_postgres().await {
        let sep = if pg.db_url().contains('?') { '&' } else { '?' };
        let url = format!(
            "{}{sep}options=-c%20default_transaction_read_only%3Don",
            pg.db_url()
        );
        let ro = cairn_db::Db::connect(&url, &cairn_db::ConnectOptions::default())
            .await
            .expect("open read-only session");
        assert_eq!(ready_status(ro).await, StatusCode::SERVICE_UNAVAILABLE);
    }
}

/// `/readyz` of a router over `db`.
async fn ready_status(db: cairn_db::Db) -> StatusCode {
    use tower::ServiceExt;
    let app = cairn_app::App::new(
        db,
        cairn_app::Clock::system(),
        Arc::new(cairn_web::i18n::FluentTranslator),
    );
    let router = cairn_web::router(cairn_web::AppState {
        app,
        config: Arc::new(cairn_web::WebConfig {
            base_url: "http://localhost".into(),
            secure_cookies: false,
            ..Default::default()
        }),
    });
    let req = Request::builder()
        .uri("/readyz")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .expect("request");
    router.oneshot(req).await.expect("response").status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_or_other_control_character_is_refused_alike_on_both_engines() {
    for (engine, t) in engines().await {
        // A form (the member's own suggestion): 422 with the message, nothing stored.
        let before = count(&t, "suggestions").await;
        let form = t
            .post(
                Who::Member,
                "/suggest",
                &format!("text=Hello%00there&unit_id={}", t.seed.unit_a1),
            )
            .await;
        assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY, "{engine}");
        assert!(
            form.body.contains("hidden character"),
            "{engine}: {}",
            form.body
        );
        // The kiosk, without a sign-in.
        let kiosk = t
            .post(
                Who::Anon,
                &format!("/kiosk/{}/suggest", t.seed.kiosk_token),
                "text=bell%07",
            )
            .await;
        assert_eq!(kiosk.status, StatusCode::UNPROCESSABLE_ENTITY, "{engine}");
        assert!(
            kiosk
                .body
                .contains(&format!("href=\"/kiosk/{}\"", t.seed.kiosk_token)),
            "{engine}: a kiosk's error page leads back to the kiosk: {}",
            kiosk.body
        );
        assert_eq!(
            count(&t, "suggestions").await,
            before,
            "{engine}: nothing kept"
        );
        // A query parameter: 400.
        let filter = t.get(Who::Lead, "/feedback?q=a%00b").await;
        assert_eq!(filter.status, StatusCode::BAD_REQUEST, "{engine}");
        // A path: 400.
        let path = t.get(Who::Anon, "/kiosk/abc%00def").await;
        assert_eq!(path.status, StatusCode::BAD_REQUEST, "{engine}");
        // The API: 422 naming the field.
        let api = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/suggestions",
                Some(json!({"text": "nul\u{0}here", "unit_id": t.seed.unit_a1})),
            )
            .await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{engine}");
        assert_eq!(api.json()["fields"][0]["field"], "text", "{engine}");
        assert_eq!(
            api.json()["fields"][0]["code"],
            "error-control-character",
            "{engine}"
        );
        // Tabs and new lines are text, not controls.
        let fine = t
            .post(
                Who::Member,
                "/suggest",
                &format!("text=Line+one%0D%0ALine%09two&unit_id={}", t.seed.unit_a1),
            )
            .await;
        assert_ne!(
            fine.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{engine}: {}",
            fine.body
        );
        assert_eq!(count(&t, "suggestions").await, before + 1, "{engine}");
    }
}

async fn count(t: &TestApp, table: &str) -> i64 {
    let mut h = t.app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, &format!("SELECT COUNT(*) FROM {table}"))
        .expect("count")
}
