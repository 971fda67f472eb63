//! Errors as pages. Every handler returns [`WebResult`] and uses `?`; nothing else turns an
//! error into a response.
//!
//! The flow has one place for each job:
//!
//! 1. A use case fails with an `AppError`; `?` turns it into a [`WebError`] (no language yet:
//!    handlers need not know it to fail).
//! 2. [`WebError::into_response`] gives the status and marks the response with the error, with
//!    a plain English page as the body in case nothing re-renders it.
//! 3. [`localise`], called by the context middleware once the handler has answered, swaps that
//!    body for the page in the person's language with the request's reference, and writes the
//!    one log line an unexpected error gets (inside the request's span, so it carries the id).

use crate::i18n::Tr;
use crate::requests::RequestId;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use cairn_app::AppError;
use cairn_domain::FieldErrors;
use cairn_domain::people::Language;

/// What a handler returns: a response, or an error that becomes a localised page.
pub type WebResult<T = Response> = Result<T, WebError>;

/// An error leaving a handler. It carries no language: the page is written in the person's
/// language after the handler returns.
#[derive(Debug, Clone)]
pub enum WebError {
    NotFound,
    Forbidden,
    /// A clash with a recorded fact, with the Fluent id of the explanation.
    Conflict(&'static str),
    /// Input a handler did not show beside its fields (the API and form pages do).
    Invalid(FieldErrors),
    Throttled,
    /// A request the server will not read (unreadable form, foreign origin, a bad query
    /// parameter), with its status and the Fluent id of the explanation.
    Refused(StatusCode, &'static str),
    /// Something that should not happen. The text goes to the log only, never to the page.
    Internal(String),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound => WebError::NotFound,
            AppError::Forbidden => WebError::Forbidden,
            AppError::Conflict(id) => WebError::Conflict(id),
            AppError::Throttled => WebError::Throttled,
            AppError::Invalid(f) => WebError::Invalid(f),
            AppError::Unexpected(m) => WebError::Internal(m),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(format!("template: {e}"))
    }
}

impl WebError {
    /// The status and the Fluent ids of the page's title and body.
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            WebError::NotFound => (
                StatusCode::NOT_FOUND,
                "error-not-found-title",
                "error-not-found-body",
            ),
            WebError::Forbidden => (
                StatusCode::FORBIDDEN,
                "error-forbidden-title",
                "error-forbidden-body",
            ),
            WebError::Conflict(id) => (StatusCode::CONFLICT, "error-conflict-title", id),
            WebError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-conflict-title",
                "error-invalid",
            ),
            WebError::Throttled => (
                StatusCode::TOO_MANY_REQUESTS,
                "error-throttled-title",
                "error-throttled-body",
            ),
            WebError::Refused(status, id) => (*status, "error-conflict-title", id),
            WebError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-internal-title",
                "error-internal-body",
            ),
        }
    }

    /// The page for this error in `lang`, quoting `reference` when there is one, with a way
    /// on to `home`.
    pub fn page(&self, lang: Language, reference: Option<&RequestId>, home: &str) -> Response {
        let (status, title_id, body_id) = self.parts();
        let t = Tr::new(lang);
        // Only an unexpected error needs a reference: the person quotes it, we find the log.
        let reference = match (self, reference) {
            (WebError::Internal(_), Some(r)) => {
                t.with("error-reference", &[("reference", r.as_str().to_owned())])
            }
            _ => String::new(),
        };
        let page = ErrorPage {
            t,
            title: t.get(title_id),
            body: t.get(body_id),
            reference,
            home: home.to_owned(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, t.get(title_id)).into_response(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    title: String,
    body: String,
    reference: String,
    /// Where "Go to the start page" leads: the kiosk's own start on a kiosk, so a ward tablet
    /// never lands on the sign-in page.
    home: String,
}

/// The error behind a response, kept on it until [`localise`] writes the page.
#[derive(Clone)]
struct Pending(WebError);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        // The English page is only a fallback for a response that never reaches `localise`.
        let mut res = self.page(Language::En, None, "/");
        res.extensions_mut().insert(Pending(self));
        res
    }
}

/// The start page for someone at `path`: a kiosk's own start page on a kiosk, else `/`.
pub fn home_for(path: &str) -> String {
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(""), Some("kiosk"), Some(token)) if !token.is_empty() => {
            let token = token.split('?').next().unwrap_or(token);
            format!("/kiosk/{token}")
        }
        _ => "/".to_owned(),
    }
}

/// Rewrites an error response in `lang` with the request's reference, and logs an unexpected
/// error once. Other responses pass through untouched.
pub fn localise(res: Response, lang: Language, id: Option<&RequestId>, path: &str) -> Response {
    let Some(Pending(err)) = res.extensions().get::<Pending>().cloned() else {
        return res;
    };
    if let WebError::Internal(detail) = &err {
        tracing::error!(error = %detail, "unexpected error");
    }
    let mut out = err.page(lang, id, &home_for(path));
    // Keep headers a handler or layer set (cookies, caching) on the rewritten page.
    for (k, v) in res.headers() {
        if k != axum::http::header::CONTENT_TYPE && k != axum::http::header::CONTENT_LENGTH {
            out.headers_mut().append(k.clone(), v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::home_for;

    #[test]
    fn an_error_on_a_kiosk_leads_back_to_the_kiosk_not_the_sign_in_page() {
        assert_eq!(home_for("/kiosk/abc123/suggest"), "/kiosk/abc123");
        assert_eq!(home_for("/kiosk/abc123?x=1"), "/kiosk/abc123");
        assert_eq!(home_for("/kiosk/"), "/");
        assert_eq!(home_for("/feedback/3"), "/");
        assert_eq!(home_for("/"), "/");
    }
}
