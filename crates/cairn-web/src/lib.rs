//! Cairn's web layer: the router, thin handlers, view models, templates and Fluent strings.
//! A handler extracts what it needs, calls one use case in `cairn-app`, then renders or
//! redirects (POST → redirect → GET). No SQL and no permission rules live here.
//!
//! Modules mirror the capabilities (`units`, `people`, `accounts`, `audit`, `notices`), plus
//! `api` (JSON under `/api/v1`), `health` (probes and metrics) and `assets`.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod audit;
pub mod charts;
pub mod client;
pub mod compression;
pub mod context;
pub mod csv_export;
pub mod easy_read;
pub mod error;
pub mod evidence;
pub mod feedback;
pub mod guard;
pub mod handbook;
pub mod health;
pub mod i18n;
pub mod identity;
pub mod meetings;
pub mod model;
pub mod notices;
pub mod payments;
pub mod people;
pub mod playbook;
pub mod principles;
pub mod redirect;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod roles;
pub mod surveys;
pub mod training;
pub mod translation;
pub mod units;
pub mod views;
pub mod webhooks;
pub mod zip_export;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::MethodRouter;
use cairn_app::App;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted anywhere (forms and JSON). Larger bodies get 413.
pub const BODY_LIMIT: usize = 256 * 1024;
/// Largest body of a file upload route (a receipt plus the form around it).
pub const UPLOAD_LIMIT: usize = 6 * 1024 * 1024;

/// Settings the web layer needs.
#[derive(Clone, Default)]
pub struct WebConfig {
    /// The address people use to reach Cairn (for links in e-mails), e.g. `https://cairn.example.org`.
    pub base_url: String,
    /// Mark cookies `Secure` (when served over https).
    pub secure_cookies: bool,
    /// The origin form posts must come from, when `CAIRN_BASE_URL` was set: compared with the
    /// browser's `Origin` instead of the `Host` header, which a reverse proxy may rewrite.
    pub public_origin: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed (`CAIRN_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<client::IpRange>,
    /// The bearer token that opens `/metrics` (`CAIRN_METRICS_TOKEN`); without it, 404.
    pub metrics_token: Option<String>,
}

impl std::fmt::Debug for WebConfig {
    /// Every setting but the metrics token, which is a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebConfig")
            .field("base_url", &self.base_url)
            .field("secure_cookies", &self.secure_cookies)
            .field("public_origin", &self.public_origin)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "…"))
            .finish()
    }
}

/// Shared state for handlers.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
}

/// One route as registered: method and path pattern. The access test walks this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    /// The route shows one person's data (or names people): each answer writes an audit row
    /// per person shown. `tests/web/reads.rs` checks every route marked so.
    pub reads_person: bool,
}

/// Builds the router while keeping the list of every route.
pub struct Routes {
    router: Router<AppState>,
    /// Routes that take file uploads, with the larger body limit.
    uploads: Router<AppState>,
    list: Vec<RouteInfo>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            uploads: Router::new(),
            list: Vec::new(),
        }
    }

    fn add(mut self, method: &'static str, path: &'static str, mr: MethodRouter<AppState>) -> Self {
        self.list.push(RouteInfo {
            method,
            path,
            reads_person: false,
        });
        self.router = self.router.route(path, mr);
        self
    }

    /// Marks the route just added as one that reads a person's data (see
    /// [`RouteInfo::reads_person`]).
    pub fn reads_person(mut self) -> Self {
        if let Some(last) = self.list.last_mut() {
            last.reads_person = true;
        }
        self
    }

    /// Adds a GET route.
    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("GET", path, axum::routing::get(h))
    }

    /// Adds a POST route.
    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("POST", path, axum::routing::post(h))
    }

    /// Adds a POST route that takes a file upload (up to [`UPLOAD_LIMIT`]).
    pub fn upload<H: Handler<T, AppState>, T: 'static>(mut self, path: &'static str, h: H) -> Self {
        self.list.push(RouteInfo {
            method: "POST",
            path,
            reads_person: false,
        });
        self.uploads = self.uploads.route(path, axum::routing::post(h));
        self
    }

    /// Adds a PUT route.
    pub fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PUT", path, axum::routing::put(h))
    }

    /// Adds a DELETE route.
    pub fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("DELETE", path, axum::routing::delete(h))
    }

    /// Adds a PATCH route.
    pub fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PATCH", path, axum::routing::patch(h))
    }
}

fn all_routes() -> Routes {
    let r = Routes::new();
    let r = health::routes(r);
    let r = accounts::routes(r);
    let r = accounts::control::routes(r);
    let r = accounts::passwords::routes(r);
    let r = identity::routes(r);
    let r = notices::routes(r);
    let r = units::routes(r);
    let r = people::routes(r);
    let r = people::buddies::routes(r);
    let r = people::welcome::routes(r);
    let r = people::erasure::routes(r);
    let r = model::routes(r);
    let r = feedback::routes(r);
    let r = meetings::routes(r);
    let r = payments::routes(r);
    let r = roles::routes(r);
    let r = audit::routes(r);
    let r = retention::routes(r);
    let r = webhooks::routes(r);
    let r = training::routes(r);
    let r = surveys::routes(r);
    let r = reports::routes(r);
    let r = principles::routes(r);
    let r = evidence::routes(r);
    let r = playbook::routes(r);
    let r = handbook::routes(r);
    let r = translation::routes(r);
    let r = easy_read::routes(r);
    api::routes(r)
}

/// Every route of the application (for the access test).
pub fn route_list() -> Vec<RouteInfo> {
    all_routes().list
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    health::install_metrics();
    assets::warm();
    let routes = all_routes();
    // Each group of routes gets its own body limit before they are joined, so only upload
    // routes accept large bodies.
    let uploads = routes
        .uploads
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT));
    routes
        .router
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads)
        .nest_service("/assets", assets::service())
        .fallback(not_found)
        // Inside `context::load`, which it reads: a member who reads Easy Read is sent from a
        // standard page to its Easy Read version.
        .layer(middleware::from_fn(easy_read::send_to_easy_read))
        // A panic becomes the same error page as any unexpected error (inside `context::load`,
        // so it is written in the person's language and logged with the request's id).
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn(guard::text))
        .layer(middleware::from_fn_with_state(state.clone(), context::load))
        // Outside `context::load`, so error pages are compressed as written in the person's
        // language; inside `track`, so the log line has the status the client got.
        .layer(compression::layer())
        .layer(middleware::from_fn(compression::prefer_gzip))
        .layer(middleware::from_fn(requests::track))
        // A handler may send a stricter policy of its own (receipts are sandboxed).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(middleware::from_fn(requests::assign))
        .with_state(state)
}

async fn not_found() -> error::WebError {
    error::WebError::NotFound
}

fn panic_page(p: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    error::WebError::Internal(format!("panic: {what}")).into_response()
}
