//! Static assets compiled into the binary (nhsuk-frontend, pinned, and Cairn's own CSS and
//! JavaScript), served under `/assets/` with long-lived caching.

use crate::error::WebError;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, header};
use axum::response::IntoResponse;
use rust_embed::RustEmbed;
use std::convert::Infallible;
use tower::service_fn;
use tower::util::BoxCloneSyncService;

#[derive(RustEmbed)]
#[folder = "assets/"]
#[exclude = "*.md"]
struct Assets;

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves one embedded file.
pub fn response_for(path: &str) -> Response<Body> {
    let path = path.trim_start_matches('/');
    match Assets::get(path) {
        Some(file) => {
            let mut res = Response::new(Body::from(file.data.into_owned()));
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(path)),
            );
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            res
        }
        // The same localised 404 page as any other missing path.
        None => WebError::NotFound.into_response(),
    }
}

/// The service mounted at `/assets`.
pub fn service() -> BoxCloneSyncService<Request<Body>, Response<Body>, Infallible> {
    BoxCloneSyncService::new(service_fn(|req: Request<Body>| async move {
        Ok::<_, Infallible>(response_for(req.uri().path()))
    }))
}
