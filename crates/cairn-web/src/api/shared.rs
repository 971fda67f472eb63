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

/// For an optional body field that the document does not allow to be `null`: left out it is
/// `None`, but an explicit `null` is refused (as unreadable JSON, 422 `bad_json`) rather than
/// read as "left out". Use with `#[serde(default, deserialize_with = "shared::present")]`.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

fn bad_query(lang: Language) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang)
}

/// A cursor that is a record id (documented pattern `^[1-9][0-9]{0,17}$`): the list goes on
/// after that record. Anything else is refused with 400 `bad_query`.
pub(crate) fn id_cursor(c: Option<&str>, lang: Language) -> Result<Option<i64>, ApiError> {
    match c {
        None => Ok(None),
        Some(c) if is_id_cursor(c) => c.parse().map(Some).map_err(|_| bad_query(lang)),
        Some(_) => Err(bad_query(lang)),
    }
}

fn is_id_cursor(c: &str) -> bool {
    (1..=18).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) && !c.starts_with('0')
}

/// The cursor of a list ordered by name then id: `<id>-<the name as UTF-8 hex>` (documented
/// pattern `^[1-9][0-9]{0,17}-([0-9a-f]{2})*$`), so a name never has to be escaped.
pub(crate) fn name_cursor(id: i64, name: &str) -> String {
    let mut s = format!("{id}-");
    for b in name.as_bytes() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Reads a [`name_cursor`]; a cursor of another shape is refused with 400 `bad_query`.
pub(crate) fn read_name_cursor(
    c: Option<&str>,
    lang: Language,
) -> Result<Option<(String, i64)>, ApiError> {
    let Some(c) = c else { return Ok(None) };
    let (id, hex) = c.split_once('-').ok_or_else(|| bad_query(lang))?;
    if !is_id_cursor(id) || hex.len() % 2 != 0 {
        return Err(bad_query(lang));
    }
    let id = id.parse().map_err(|_| bad_query(lang))?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .filter(|h| h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| bad_query(lang))?;
    // Only Cairn writes cursors; bytes that are not UTF-8 still order somewhere, so a cursor
    // that matches the documented pattern is never refused.
    Ok(Some((String::from_utf8_lossy(&bytes).into_owned(), id)))
}

/// One page of a list that is read whole (a unit's evidence, its practices): the cursor is the
/// position to go on from (documented pattern `^[1-9][0-9]{0,17}$`).
pub(crate) fn page_of<T>(
    items: Vec<T>,
    cursor: Option<&str>,
    limit: Option<i64>,
    lang: Language,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let limit = usize::try_from(page_limit(limit, lang)?).map_err(|_| bad_query(lang))?;
    let from =
        usize::try_from(id_cursor(cursor, lang)?.unwrap_or(0)).map_err(|_| bad_query(lang))?;
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(from).take(limit).collect();
    let next = (from.saturating_add(limit) < total).then(|| (from + limit).to_string());
    Ok((page, next))
}

/// Writes every `*_at` member holding milliseconds, at any depth, as RFC 3339: for records
/// built by the layers below (a person's export, a pathway) whose instants are stored as
/// milliseconds.
pub(crate) fn rfc3339_tree(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x.as_i64() {
                    Some(ms) if is_instant_key(k) => *x = serde_json::Value::String(instant(ms)),
                    _ => rfc3339_tree(x),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(rfc3339_tree),
        _ => {}
    }
}

/// `*_at` names an instant everywhere but in a practice audit, where `looked_at` counts the
/// records looked at.
fn is_instant_key(k: &str) -> bool {
    k.ends_with("_at") && k != "looked_at"
}

/// A record as JSON with its instants as RFC 3339 (see [`rfc3339_tree`]).
pub(crate) fn json_rfc3339<T: serde::Serialize>(
    v: &T,
    lang: Language,
) -> Result<serde_json::Value, ApiError> {
    let mut j = serde_json::to_value(v).map_err(|e| {
        ApiError::from_app(
            cairn_app::AppError::Unexpected(format!("API record as JSON: {e}")),
            lang,
        )
    })?;
    rfc3339_tree(&mut j);
    Ok(j)
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
    ("webhooks", include_str!("openapi/webhooks.json")),
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
    fn cursors_read_back_what_they_wrote_and_refuse_other_shapes() {
        let c = name_cursor(42, "Ward: Tŷ Gwyn");
        assert_eq!(
            read_name_cursor(Some(&c), Language::En).ok().flatten(),
            Some(("Ward: Tŷ Gwyn".to_owned(), 42))
        );
        assert!(read_name_cursor(Some("42:Ward"), Language::En).is_err());
        assert!(read_name_cursor(Some("0-61"), Language::En).is_err());
        assert!(read_name_cursor(Some("4-6"), Language::En).is_err());
        assert_eq!(id_cursor(Some("17"), Language::En).ok(), Some(Some(17)));
        assert!(id_cursor(Some(""), Language::En).is_err());
        assert!(id_cursor(Some("-3"), Language::En).is_err());
        assert!(id_cursor(Some("017"), Language::En).is_err());
    }

    #[test]
    fn a_page_read_whole_goes_on_from_its_cursor() {
        let (p, next) = page_of((1..=5).collect(), None, Some(2), Language::En).unwrap_or_default();
        assert_eq!((p, next.as_deref()), (vec![1, 2], Some("2")));
        let (p, next) =
            page_of((1..=5).collect(), Some("4"), Some(2), Language::En).unwrap_or_default();
        assert_eq!((p, next), (vec![5], None));
    }

    #[test]
    fn instants_deep_in_a_record_become_rfc3339() {
        let mut v = serde_json::json!({"created_at": 1_784_120_400_000_i64,
            "claims": [{"paid_at": 1_784_120_400_000_i64, "count": 3}], "left_at": null});
        rfc3339_tree(&mut v);
        assert_eq!(v["created_at"], "2026-07-15T13:00:00Z");
        assert_eq!(v["claims"][0]["paid_at"], "2026-07-15T13:00:00Z");
        assert_eq!(v["claims"][0]["count"], 3);
        assert!(v["left_at"].is_null());
    }

    #[test]
    fn instants_are_rfc3339_in_utc() {
        assert_eq!(instant(1_784_120_400_000), "2026-07-15T13:00:00Z");
    }
}
