//! What every API operation shares, so each one answers the same way: path and query extractors
//! whose refusals are the documented JSON error (axum's own are plain text), page limits checked
//! against the documented range, and instants written as RFC 3339.

use super::ApiError;
use crate::AppState;
use crate::i18n::from_accept_language;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use cairn_domain::people::Language;
use serde::de::DeserializeOwned;

/// The language of an API answer: `Accept-Language: cy` gives Welsh, anything else English.
pub(crate) fn request_language(parts: &Parts) -> Language {
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language)
        .unwrap_or(Language::En)
}

/// Path parameters; a value that does not parse (an id that is not a 64-bit integer, say)
/// is refused with 400 `bad_path` as JSON.
pub struct ApiPath<T>(pub T);

impl<T> FromRequestParts<AppState> for ApiPath<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, st).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(_) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_path",
                request_language(parts),
            )),
        }
    }
}

/// Query parameters; a value that does not parse is refused with 400 `bad_query` as JSON.
pub struct ApiQuery<T>(pub T);

impl<T> FromRequestParts<AppState> for ApiQuery<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, st).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(_) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_query",
                request_language(parts),
            )),
        }
    }
}

/// The documented page size range of every list.
pub(crate) const MAX_LIMIT: i64 = 200;
pub(crate) const DEFAULT_LIMIT: i64 = 50;

/// A list's `limit`: absent gives 50; outside 1–200 is refused with 400 `bad_query` rather
/// than quietly clamped, as the document promises.
pub(crate) fn page_limit(limit: Option<i64>, lang: Language) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang)),
    }
}

/// An instant (milliseconds since the epoch, as stored) as RFC 3339 in UTC,
/// e.g. `2026-07-15T13:00:00Z`.
pub(crate) fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// An optional instant as RFC 3339, or `null`.
pub(crate) fn instant_opt(ms: Option<i64>) -> Option<String> {
    ms.map(instant)
}

/// Serde helpers for record fields that hold milliseconds: `#[serde(serialize_with =
/// "shared::rfc3339")]` writes them as RFC 3339.
pub(crate) fn rfc3339<S: serde::Serializer>(ms: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&instant(*ms))
}

/// As [`rfc3339`], for an optional instant.
pub(crate) fn rfc3339_opt<S: serde::Serializer>(ms: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(v) => s.serialize_str(&instant(*v)),
        None => s.serialize_none(),
    }
}

/// The OpenAPI document, assembled once from one file per capability (`openapi/*.json`):
/// `base.json` holds the info, security and shared schemas; each other file holds its
/// capability's paths and the schemas only they use.
pub(crate) fn openapi_document() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc: serde_json::Value =
            serde_json::from_str(FRAGMENTS[0].1).expect("openapi/base.json is JSON");
        for (name, text) in &FRAGMENTS[1..] {
            let part: serde_json::Value = serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("openapi/{name}.json is not JSON: {e}"));
            merge_into(&mut doc, "paths", &part["paths"], name);
            merge_into(
                &mut doc["components"],
                "schemas",
                &part["components"]["schemas"],
                name,
            );
        }
        serde_json::to_string_pretty(&doc).expect("a JSON value serialises")
    })
}

fn merge_into(target: &mut serde_json::Value, key: &str, part: &serde_json::Value, name: &str) {
    let Some(items) = part.as_object() else {
        return;
    };
    let into = target[key]
        .as_object_mut()
        .unwrap_or_else(|| panic!("openapi/base.json has no {key} object"));
    for (k, v) in items {
        assert!(
            into.insert(k.clone(), v.clone()).is_none(),
            "openapi/{name}.json repeats {key} entry {k}, already given by another file"
        );
    }
}

/// Every fragment, base first. A new capability adds its file here.
const FRAGMENTS: &[(&str, &str)] = &[
    ("base", include_str!("openapi/base.json")),
    ("core", include_str!("openapi/core.json")),
    ("accounts", include_str!("openapi/accounts.json")),
    ("evidence", include_str!("openapi/evidence.json")),
    ("meetings", include_str!("openapi/meetings.json")),
    ("payments", include_str!("openapi/payments.json")),
    ("people", include_str!("openapi/people.json")),
    ("playbook", include_str!("openapi/playbook.json")),
    ("principles", include_str!("openapi/principles.json")),
    ("reports", include_str!("openapi/reports.json")),
    ("roles", include_str!("openapi/roles.json")),
    ("surveys", include_str!("openapi/surveys.json")),
    ("training", include_str!("openapi/training.json")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_assembles_from_its_files_without_repeats() {
        let doc: serde_json::Value =
            serde_json::from_str(openapi_document()).expect("the assembled document is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"].as_object().is_some_and(|p| p.len() > 60));
    }

    #[test]
    fn a_limit_outside_the_documented_range_is_refused_not_clamped() {
        assert_eq!(page_limit(None, Language::En).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(page_limit(Some(200), Language::En).ok(), Some(200));
        assert!(page_limit(Some(201), Language::En).is_err());
        assert!(page_limit(Some(0), Language::En).is_err());
    }

    #[test]
    fn instants_are_rfc3339_in_utc() {
        assert_eq!(instant(1_784_120_400_000), "2026-07-15T13:00:00Z");
    }
}
