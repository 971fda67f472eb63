//! Where a `next` parameter may send the browser: one function for every redirect that takes
//! its target from the request (sign-in, the language switch).
//!
//! Browsers are lenient with what they are told: they drop tabs and newlines inside a URL,
//! read `\` as `/`, and some proxies decode `%2F` or `%5C` again before the application sees
//! the path. So a target is accepted only when it is a path on this site in every form it
//! could take: as sent, and after each of up to three rounds of percent-decoding.

use crate::error::WebError;
use axum::http::StatusCode;

/// How many rounds of percent-decoding are checked (a doubly encoded `%252F` needs two).
const DECODE_ROUNDS: usize = 3;

/// `next` when it is a path on this site, else `fallback`.
///
/// A target holding a control character (a tab, CR or LF, raw or encoded) is refused with 400:
/// no link Cairn writes contains one, and a browser would strip it and read what is left.
/// The result is always a valid `Location` header value: anything outside printable ASCII is
/// percent-encoded.
pub fn local_target(next: Option<&str>, fallback: &str) -> Result<String, WebError> {
    let Some(next) = next else {
        return Ok(fallback.to_owned());
    };
    let mut form = next.to_owned();
    for round in 0..=DECODE_ROUNDS {
        if form.chars().any(char::is_control) {
            return Err(WebError::Refused(StatusCode::BAD_REQUEST, "error-bad-next"));
        }
        if !is_local_path(&form) {
            return Ok(fallback.to_owned());
        }
        if round == DECODE_ROUNDS {
            break;
        }
        let decoded = percent_decode(&form);
        if decoded == form {
            break;
        }
        form = decoded;
    }
    Ok(header_safe(next))
}

/// A single leading `/` followed by something that is not another slash or a backslash, and
/// no backslash anywhere (some browsers read every `\` in a path as `/`).
fn is_local_path(p: &str) -> bool {
    let b = p.as_bytes();
    matches!(b.first(), Some(b'/'))
        && !matches!(b.get(1), Some(b'/' | b'\\'))
        && !p.contains('\\')
        && !p.contains("/./")
        && !p.contains("/../")
}

/// One round of percent-decoding; a `%` not followed by two hex digits is kept as it is.
fn percent_decode(p: &str) -> String {
    let b = p.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes what may not appear in a header (spaces, non-ASCII); keeps the rest as sent.
fn header_safe(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(next: &str) -> Result<String, WebError> {
        local_target(Some(next), "/home")
    }

    #[test]
    fn paths_on_this_site_are_kept_with_their_query() {
        for ok in [
            "/",
            "/people/7",
            "/suggestions?unit=3&status=open",
            "/a%20b",
            "/model#l2",
        ] {
            assert_eq!(target(ok).ok().as_deref(), Some(ok), "{ok}");
        }
    }

    #[test]
    fn known_bypasses_fall_back_to_the_default() {
        let bypasses = [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2Fevil.example",
            "/%2fevil.example",
            "%2F%2Fevil.example",
            "/%252Fevil.example",
            "/%255Cevil.example",
            "/%25252Fevil.example",
            "/ok/..\\..\\evil",
            "/%2e%2e/%2e%2e//evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " /home",
            "evil.example",
            "",
        ];
        for bad in bypasses {
            assert_eq!(target(bad).ok().as_deref(), Some("/home"), "{bad:?}");
        }
    }

    #[test]
    fn control_characters_raw_or_encoded_are_refused_with_400() {
        for bad in [
            "/\t/evil.example",
            "/%09/evil.example",
            "/home\r\nSet-Cookie: x=1",
            "/home%0d%0aSet-Cookie:%20x=1",
            "/%250a",
            "/\u{7f}",
        ] {
            match target(bad) {
                Err(WebError::Refused(s, _)) => assert_eq!(s, StatusCode::BAD_REQUEST, "{bad:?}"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn non_ascii_is_encoded_so_the_header_is_valid() {
        let got = target("/people?q=Siân").expect("local");
        assert_eq!(got, "/people?q=Si%C3%A2n");
        assert!(axum::http::HeaderValue::from_str(&got).is_ok());
    }

    #[test]
    fn no_next_gives_the_fallback() {
        assert_eq!(local_target(None, "/").ok().as_deref(), Some("/"));
    }
}
