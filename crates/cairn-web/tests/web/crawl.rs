//! Reading the demo organisation page by page, as the crawling tests (every page in Welsh,
//! every page with a title of its own) do: one request through the router with a session
//! cookie, the links worth following from a page, and the kind of page an address is.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

/// Links on a page to other pages of Cairn worth reading (not files, not the language switch,
/// not signing out), without their fragments.
pub fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .map(|h| h.split('#').next().unwrap_or("").to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .filter(|h| {
            let path = h.split('?').next().unwrap_or("");
            !(path.starts_with("/assets/")
                || path.starts_with("/api/")
                || path.starts_with("/language")
                || path.starts_with("/sign-out")
                || path.contains("/receipts/")
                || path.ends_with("/photo")
                || path.ends_with("/export")
                || [
                    ".csv", ".ics", ".zip", ".pdf", ".svg", ".png", ".jpg", ".css", ".js", ".json",
                ]
                .iter()
                .any(|x| path.ends_with(x)))
        })
        .collect()
}

/// A path with its numbers and tokens taken out: the kind of page it is.
pub fn kind_of(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .map(|seg| {
            if seg.chars().any(|c| c.is_ascii_digit()) || seg.len() > 20 {
                "{}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// One GET as the holder of `cookie`: the status, the body when it is HTML (else empty), and
/// where a redirect points.
pub async fn get(router: &axum::Router, cookie: &str, path: &str) -> (StatusCode, String, String) {
    let req = Request::builder()
        .uri(path)
        .header(header::HOST, "localhost")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request");
    let res = router.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = axum::body::to_bytes(res.into_body(), 10 << 20)
        .await
        .expect("body");
    let body = if html {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        String::new()
    };
    (status, body, location)
}
