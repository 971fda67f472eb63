//! Every request gets an id before anything else runs: a short reference a person can read
//! out ("7F3K-9QX2-M4HD"). It names the request's tracing span, so every log line written while
//! the request is handled carries it; it goes back in the `x-request-id` header; and an
//! unexpected error's page quotes it (see `error::localise`).
//!
//! [`track`] then counts the request for `/metrics` and writes its one summary log line.

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;
use std::time::Instant;
use tracing::Instrument;

/// The header carrying the request id, both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Letters that cannot be misread for one another (Crockford's base 32: no I, L, O or U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// One request's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// A new id: 12 random characters in three groups of four (60 bits).
    pub fn generate() -> Self {
        let mut r = rand::rng();
        let mut s = String::with_capacity(14);
        for i in 0..12 {
            if i > 0 && i % 4 == 0 {
                s.push('-');
            }
            s.push(ALPHABET[r.random_range(0..32)] as char);
        }
        RequestId(s)
    }

    /// An id a proxy in front of Cairn already gave the request, if it is one we can log and
    /// show safely: 1 to 64 letters, digits, `-`, `_` or `.`.
    pub fn from_header(v: &HeaderValue) -> Option<Self> {
        let s = v.to_str().ok()?;
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        ok.then(|| RequestId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Gives the request its id and span, and returns the id in `x-request-id`.
pub async fn assign(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(RequestId::from_header)
        .unwrap_or_else(RequestId::generate);
    req.extensions_mut().insert(id.clone());
    // The route pattern, never the path itself: paths carry kiosk and invitation secrets.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    // `client` is filled in by `context::load`, which knows the trusted proxies: every log line
    // of the request then names the address the sign-in limits count, as a proxy forwarded it.
    let span = tracing::info_span!(
        "request",
        id = %id.as_str(),
        method = %req.method(),
        %route,
        client = tracing::field::Empty
    );
    let mut res = next.run(req).instrument(span).await;
    if let Ok(v) = HeaderValue::from_str(id.as_str()) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

/// Counts requests and their latency by route for `/metrics`, and logs each request once.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let res = next.run(req).await;
    let secs = start.elapsed().as_secs_f64();
    let status = res.status().as_u16().to_string();
    metrics::counter!("cairn_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status.clone()).increment(1);
    metrics::histogram!("cairn_http_request_duration_seconds", "method" => method.clone(), "route" => route.clone()).record(secs);
    tracing::info!(%status, ms = secs * 1000.0, "request");
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_id_is_three_groups_of_four_unambiguous_characters() {
        let id = RequestId::generate();
        let s = id.as_str();
        assert_eq!(s.len(), 14, "{s}");
        let groups: Vec<&str> = s.split('-').collect();
        assert_eq!(groups.len(), 3, "{s}");
        for g in groups {
            assert_eq!(g.len(), 4, "{s}");
            assert!(g.bytes().all(|b| ALPHABET.contains(&b)), "{s}");
        }
        assert_ne!(id, RequestId::generate(), "two ids should differ");
    }

    #[test]
    fn an_incoming_id_is_kept_only_when_safe_to_log_and_show() {
        let ok = HeaderValue::from_static("proxy-123_a.b");
        assert_eq!(
            RequestId::from_header(&ok).map(|r| r.0),
            Some("proxy-123_a.b".into())
        );
        for bad in ["", "has space", "<script>", &"x".repeat(65)] {
            let v = HeaderValue::from_str(bad).expect("header");
            assert_eq!(RequestId::from_header(&v), None, "{bad:?}");
        }
    }
}
