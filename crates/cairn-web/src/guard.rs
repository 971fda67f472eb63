//! Text both engines can keep. PostgreSQL refuses a NUL character (U+0000) in text and SQLite
//! stores it, so the same input gave a 500 on one engine and a saved record on the other. This
//! layer refuses control characters — all but tab, line feed and carriage return (browsers send
//! a textarea's new lines as CR LF) — before any handler runs, the same way on both engines:
//!
//! - in the query string or the path: 400, because nobody typed them into a field;
//! - in a posted form: 422 with a page that says what to do, in the person's language;
//! - in an API body: 422 with the field that holds them (`error-control-character`).
//!
//! File uploads (multipart) are not read here: their files are binary, and their few text
//! fields are checked by the use cases' own validation.

use crate::BODY_LIMIT;
use crate::error::WebError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cairn_domain::validation::has_forbidden_control;

/// Refuses requests whose text holds a control character, and passes the rest on unchanged.
pub async fn text(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let query_bad = req.uri().query().is_some_and(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .any(|(k, v)| has_forbidden_control(&k) || has_forbidden_control(&v))
    });
    let path_bad = percent_decoded_has_control(req.uri().path());
    if query_bad || path_bad {
        return if is_api {
            crate::api::refuse_control_query(api_lang(&req))
        } else {
            WebError::Refused(StatusCode::BAD_REQUEST, "error-bad-query").into_response()
        };
    }
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let form = kind == "application/x-www-form-urlencoded";
    let json = kind == "application/json";
    if !form && !json {
        return next.run(req).await;
    }
    let lang = api_lang(&req);
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) if is_api => return crate::api::refuse_too_large(lang),
        Err(_) => {
            return WebError::Refused(StatusCode::PAYLOAD_TOO_LARGE, "error-too-large")
                .into_response();
        }
    };
    if form {
        let bad = url::form_urlencoded::parse(&bytes)
            .any(|(k, v)| has_forbidden_control(&k) || has_forbidden_control(&v));
        if bad {
            return WebError::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-control-character-form",
            )
            .into_response();
        }
    } else if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
        // Unreadable JSON goes on to the handler, which answers it as it always has.
        let mut fields = Vec::new();
        controls_in_json(&v, "", &mut fields);
        if !fields.is_empty() {
            return crate::api::refuse_control_fields(fields, lang);
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The language of an API answer: the request's `Accept-Language`, else English.
fn api_lang(req: &Request) -> cairn_domain::people::Language {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::i18n::from_accept_language)
        .unwrap_or(cairn_domain::people::Language::En)
}

fn percent_decoded_has_control(path: &str) -> bool {
    let decoded: Vec<u8> = percent_decode(path.as_bytes());
    String::from_utf8_lossy(&decoded)
        .chars()
        .any(|c| c.is_control())
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && i + 2 < s.len()
            && let (Some(h), Some(l)) = (hex(s[i + 1]), hex(s[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Collects the dotted paths of every string in `v` (and every key) holding a control
/// character.
fn controls_in_json(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if has_forbidden_control(s) => out.push(at.to_owned()),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                controls_in_json(item, &join(at, &i.to_string()), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let here = join(at, k);
                if has_forbidden_control(k) {
                    out.push(here.clone());
                }
                controls_in_json(item, &here, out);
            }
        }
        _ => {}
    }
}

fn join(at: &str, k: &str) -> String {
    if at.is_empty() {
        k.to_owned()
    } else {
        format!("{at}.{k}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_encoded_nul_or_escape_in_a_path_is_found() {
        assert!(percent_decoded_has_control("/kiosk/abc%00def"));
        assert!(percent_decoded_has_control("/o/%1b/board"));
        assert!(!percent_decoded_has_control("/people/12"));
        assert!(!percent_decoded_has_control("/o/caf%C3%A9"));
        assert!(!percent_decoded_has_control("/odd/%zz/%"));
    }

    #[test]
    fn json_strings_and_keys_with_controls_are_named_by_their_path() {
        let v: serde_json::Value = serde_json::json!({
            "text": "ok\nfine\ttoo",
            "name": "bad\u{0}",
            "lines": [{"note": "fine"}, {"note": "\u{7}bell"}],
            "k\u{1}": 1
        });
        let mut out = Vec::new();
        controls_in_json(&v, "", &mut out);
        out.sort();
        assert_eq!(out, vec!["k\u{1}", "lines.1.note", "name"]);
    }
}
