//! Lists and filters of the capability APIs (payments, meetings, roles, surveys, training):
//! id cursors, ISO date filters and paging a whole list held in memory, each refusal the
//! documented 400 `bad_query`.

use super::{ApiError, json_body};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use cairn_domain::people::Language;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// 400 `bad_query`: a query value that is present but not what the document allows.
pub(super) fn bad_query(lang: Language) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_query", lang)
}

/// A JSON body that must be an object: serde would also read a struct from an array of its
/// fields in order (`[null, null]`), which the document does not allow. Anything that is not
/// the object described is 422 `bad_json`.
pub(super) fn object_body<T: DeserializeOwned>(
    body: Result<Json<Value>, JsonRejection>,
    lang: Language,
) -> Result<T, ApiError> {
    let bad = || ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_json", lang);
    let v = json_body(body, lang)?;
    if !v.is_object() {
        return Err(bad());
    }
    serde_json::from_value(v).map_err(|_| bad())
}

/// An optional ISO date filter (`YYYY-MM-DD`). Absent is no filter; anything else that is not
/// a real date, the empty value included, is refused rather than ignored.
pub(super) fn query_date(
    raw: Option<&str>,
    lang: Language,
) -> Result<Option<jiff::civil::Date>, ApiError> {
    match raw {
        None => Ok(None),
        Some(s) if s.len() == 10 => s.parse().map(Some).map_err(|_| bad_query(lang)),
        Some(_) => Err(bad_query(lang)),
    }
}

/// An optional RFC 3339 instant filter, as milliseconds. The empty value is refused.
pub(super) fn query_instant(raw: Option<&str>, lang: Language) -> Result<Option<i64>, ApiError> {
    match raw {
        None => Ok(None),
        Some(s) => s
            .parse::<jiff::Timestamp>()
            .map(|t| Some(t.as_millisecond()))
            .map_err(|_| bad_query(lang)),
    }
}

/// A cursor that is a record id: the `next_cursor` a previous page gave.
pub(super) fn id_cursor(raw: Option<&str>, lang: Language) -> Result<Option<i64>, ApiError> {
    match raw {
        None => Ok(None),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(bad_query(lang)),
        },
    }
}

/// One page of rows fetched with one row more than the page holds: the extra row says there
/// is a next page, whose cursor is the last row's id.
pub(super) fn page_of<T>(
    mut rows: Vec<T>,
    limit: i64,
    id: impl Fn(&T) -> i64,
) -> (Vec<T>, Option<String>) {
    let size = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = rows.len() > size;
    rows.truncate(size);
    let next = if more {
        rows.last().map(|r| id(r).to_string())
    } else {
        None
    };
    (rows, next)
}

/// One page of a whole list held in memory, in id order: the rows after `after`.
pub(super) fn page_after<T>(
    mut rows: Vec<T>,
    id: impl Fn(&T) -> i64,
    after: Option<i64>,
    limit: i64,
) -> (Vec<T>, Option<String>) {
    rows.sort_by_key(|r| id(r));
    rows.retain(|r| after.is_none_or(|a| id(r) > a));
    page_of(rows, limit, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_in_memory_continues_after_its_cursor_without_repeats() {
        let all: Vec<i64> = vec![5, 1, 4, 2, 3];
        let (first, next) = page_after(all.clone(), |n| *n, None, 2);
        assert_eq!(first, vec![1, 2]);
        assert_eq!(next.as_deref(), Some("2"));
        let (second, next) = page_after(all.clone(), |n| *n, Some(2), 2);
        assert_eq!(second, vec![3, 4]);
        let (third, next) = page_after(all, |n| *n, next.and_then(|c| c.parse().ok()), 2);
        assert_eq!(third, vec![5]);
        assert_eq!(next, None);
    }

    #[test]
    fn empty_or_unreal_dates_and_cursors_are_refused() {
        assert!(query_date(Some(""), Language::En).is_err());
        assert!(query_date(Some("2026-02-30"), Language::En).is_err());
        assert!(query_date(Some("2026-02-28T00:00:00"), Language::En).is_err());
        assert_eq!(
            query_date(Some("2026-02-28"), Language::En).ok().flatten(),
            Some(jiff::civil::date(2026, 2, 28))
        );
        assert!(id_cursor(Some(""), Language::En).is_err());
        assert!(id_cursor(Some("-3"), Language::En).is_err());
        assert!(query_instant(Some(""), Language::En).is_err());
    }
}
