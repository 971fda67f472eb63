//! Responses compressed as the client accepts (Brotli or gzip, by `Accept-Encoding`), with
//! `Vary: Accept-Encoding`.
//!
//! Only text is compressed: pages, stylesheets, scripts, JSON, SVG, CSV and calendar files.
//! Files that are compressed already (PNG and JPEG photos, PDF receipts, zip exports) and
//! small answers (redirects, 304s, `/healthz`) are sent as they are. Static assets arrive here
//! compressed once at the highest levels (`crate::assets`) and pass through untouched.
//!
//! Pages are compressed as they are sent, on the server's few cores, so as cheaply as will do:
//! gzip at level 2. A browser accepts both gzip and Brotli, and tower-http would choose Brotli,
//! so [`prefer_gzip`] leaves Brotli out of what a page's request accepts. Profiled under
//! `cairn bench --load`, Brotli 4 (tower-http's default quality; in the brotli crate, qualities
//! 1 to 3 cost no less on Cairn's pages) was a tenth of the server's work on a list page;
//! gzip 2 with zlib-rs costs a fraction of that. Level 1 in zlib-rs uses only fixed Huffman
//! codes, and left the sign-in page at more than half its size. A client that accepts only
//! Brotli still gets it, at quality 2. Static assets keep Brotli: they are compressed once, at
//! the highest level.
//!
//! A page's form token is masked afresh in every answer (`crate::context`), so compression
//! does not let another site recover it by length (BREACH).

use axum::extract::Request;
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// The level of compression for answers made per request (see the module's comment).
const DYNAMIC_LEVEL: i32 = 2;

/// The layer the router puts around every route.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let min = u64::try_from(crate::assets::COMPRESS_MIN).unwrap_or(u64::MAX);
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(DYNAMIC_LEVEL))
        .compress_when(SizeAbove::new(min).and(is_text))
}

/// Outside [`layer`]: a request that accepts gzip is answered with gzip, not Brotli, however
/// it ranks them (see the module's comment). Requests for static assets are left alone: those
/// are compressed already, with Brotli where the client takes it.
pub async fn prefer_gzip(mut req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/assets/") {
        let (br, gzip) = crate::assets::accepted(req.headers());
        if br > 0.0 && gzip > 0.0 {
            req.headers_mut()
                .insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        }
    }
    next.run(req).await
}

/// Is the answer of a kind that compresses well? Decided by its `Content-Type`; an answer
/// without one is left alone.
fn is_text(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let Some(kind) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = kind.split(';').next().unwrap_or("").trim();
    [
        "text/html",
        "text/css",
        "text/javascript",
        "text/plain",
        "text/csv",
        "text/calendar",
        "application/javascript",
        "application/json",
        "application/problem+json",
        "application/manifest+json",
        "application/xml",
        "image/svg+xml",
    ]
    .iter()
    .any(|t| essence.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(kind: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(kind).expect("value"),
        );
        is_text(StatusCode::OK, Version::HTTP_11, &h, &Extensions::new())
    }

    #[test]
    fn text_is_compressed_and_files_compressed_already_are_not() {
        for kind in [
            "text/html; charset=utf-8",
            "text/css; charset=utf-8",
            "application/json",
            "text/csv; charset=utf-8",
            "text/calendar; charset=utf-8",
            "image/svg+xml",
        ] {
            assert!(text(kind), "{kind}");
        }
        for kind in [
            "image/png",
            "image/jpeg",
            "application/pdf",
            "application/zip",
            "application/octet-stream",
            "text/event-stream",
        ] {
            assert!(!text(kind), "{kind}");
        }
        assert!(
            !is_text(
                StatusCode::OK,
                Version::HTTP_11,
                &HeaderMap::new(),
                &Extensions::new()
            ),
            "no content type"
        );
    }
}
