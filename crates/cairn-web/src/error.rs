//! Errors as pages (and JSON for the API). Not found and forbidden read plainly in the
//! person's language; unexpected errors are logged once with detail and shown without it.

use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use cairn_app::AppError;
use cairn_domain::people::Language;

/// An error leaving a handler.
#[derive(Debug)]
pub enum WebError {
    NotFound(Language),
    Forbidden(Language),
    Conflict(Language, &'static str),
    Throttled(Language),
    Internal(String),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError::from_app(e, Language::En)
    }
}

impl WebError {
    /// Maps a use-case error, speaking `lang`.
    pub fn from_app(e: AppError, lang: Language) -> Self {
        match e {
            AppError::NotFound => WebError::NotFound(lang),
            AppError::Forbidden => WebError::Forbidden(lang),
            AppError::Conflict(id) => WebError::Conflict(lang, id),
            AppError::Throttled => WebError::Throttled(lang),
            AppError::Invalid(_) => WebError::Conflict(lang, "error-invalid"),
            AppError::Unexpected(m) => WebError::Internal(m),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    title: String,
    body: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, lang, title_id, body_id) = match &self {
            WebError::NotFound(l) => (
                StatusCode::NOT_FOUND,
                *l,
                "error-not-found-title",
                "error-not-found-body",
            ),
            WebError::Forbidden(l) => (
                StatusCode::FORBIDDEN,
                *l,
                "error-forbidden-title",
                "error-forbidden-body",
            ),
            WebError::Conflict(l, id) => (StatusCode::CONFLICT, *l, "error-conflict-title", *id),
            WebError::Throttled(l) => (
                StatusCode::TOO_MANY_REQUESTS,
                *l,
                "error-throttled-title",
                "error-throttled-body",
            ),
            WebError::Internal(m) => {
                tracing::error!(error = %m, "unexpected error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Language::En,
                    "error-internal-title",
                    "error-internal-body",
                )
            }
        };
        let t = Tr::new(lang);
        let page = ErrorPage {
            t,
            title: t.get(title_id),
            body: t.get(body_id),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, t.get(title_id)).into_response(),
        }
    }
}
