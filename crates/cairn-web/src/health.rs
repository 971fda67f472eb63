//! Probes and metrics: `/healthz` (the process answers), `/readyz` (the database takes a read
//! and a write) and `/metrics` (Prometheus text: request counts and latencies by route), served
//! on the main address only to a scraper with `CAIRN_METRICS_TOKEN`, or on its own address.

use crate::error::WebError;
use crate::{AppState, Routes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide metrics recorder once.
pub fn install_metrics() {
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("cairn_http_request_duration_seconds".into()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            )
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be set by an embedding program; then ours stays empty.
        let _ = metrics::set_global_recorder(recorder);
        handle
    });
}

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/metrics", metrics_text)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(st): State<AppState>) -> impl IntoResponse {
    match st.app.db.ready(st.app.now()).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// `/metrics` on the main address: 404 unless a token is configured, 401 without it.
async fn metrics_text(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = st.config.metrics_token.as_deref() else {
        return WebError::NotFound.into_response();
    };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !crate::context::same_secret(sent.as_bytes(), token.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a bearer token is needed",
        )
            .into_response();
    }
    metrics_body().await.into_response()
}

/// A router serving only `/metrics`, for its own listener (`CAIRN_METRICS_ADDR`).
pub fn metrics_router() -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(metrics_body))
}

async fn metrics_body() -> impl IntoResponse {
    let body = HANDLE
        .get()
        .map(PrometheusHandle::render)
        .unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}
