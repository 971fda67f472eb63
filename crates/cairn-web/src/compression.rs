//! Responses compressed as the client accepts (Brotli or gzip, by `Accept-Encoding`), with
//! `Vary: Accept-Encoding`.
//!
//! Only text is compressed: pages, stylesheets, scripts, JSON, SVG, CSV and calendar files.
//! Files that are compressed already (PNG and JPEG photos, PDF receipts, zip exports) and
//! small answers (redirects, 304s, `/healthz`) are sent as they are. Static assets arrive here
//! compressed once at the highest levels (`crate::assets`) and pass through untouched.
//!
//! Pages are compressed as they are sent, on the server's few cores, so at a fast level: 4 for
//! both Brotli and gzip. tower-http's default is Brotli 4 too (the brotli crate's own, 11, takes
//! tens of milliseconds a page) and gzip 6. In the brotli crate, quality 4 costs no more CPU than
//! qualities 1 to 3 on Cairn's pages and gives smaller files (about an eighth of the page, a
//! fifth of a millisecond for a 35 KB list); gzip 4 is within 1% of gzip 6's size for about a
//! fifth less work.
//!
//! A page's form token is masked afresh in every answer (`crate::context`), so compression
//! does not let another site recover it by length (BREACH).

use axum::http::{Extensions, HeaderMap, StatusCode, Version, header};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// The level of compression for answers made per request (see the module's comment).
const DYNAMIC_LEVEL: i32 = 4;

/// The layer the router puts around every route.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let min = u64::try_from(crate::assets::COMPRESS_MIN).unwrap_or(u64::MAX);
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(DYNAMIC_LEVEL))
        .compress_when(SizeAbove::new(min).and(is_text))
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
    use axum::http::HeaderValue;

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
