//! Compressed answers and cacheable assets: pages, JSON and stylesheets come in Brotli or gzip
//! as the request accepts and decompress to the same bytes; files compressed already do not;
//! every page links its assets by content-hashed names kept a year; the old names still
//! answer, revalidated by entity tag; and the form token, masked afresh in every page, reads
//! differently each time and still works.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use std::io::Read;

fn header(res: &Res, name: header::HeaderName) -> &str {
    res.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The body as the client reads it, undoing the `Content-Encoding` the answer names.
fn decoded(res: &Res) -> Vec<u8> {
    let mut out = Vec::new();
    match header(res, header::CONTENT_ENCODING) {
        "br" => brotli::BrotliDecompress(&mut &res.bytes[..], &mut out).expect("brotli"),
        "gzip" => {
            flate2::read::GzDecoder::new(&res.bytes[..])
                .read_to_end(&mut out)
                .expect("gzip");
        }
        "" => out.clone_from(&res.bytes),
        other => panic!("unexpected encoding {other}"),
    }
    out
}

async fn get_with(t: &TestApp, who: Who, path: &str, headers: &[(&str, &str)]) -> Res {
    t.send(who, Method::GET, path, None, headers).await
}

/// The first address on the page that starts with `prefix` and ends with `suffix`.
fn link(html: &str, prefix: &str, suffix: &str) -> String {
    html.match_indices(prefix)
        .map(|(i, _)| &html[i..])
        .filter_map(|s| s.find('"').map(|end| &s[..end]))
        .find(|s| s.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {prefix}…{suffix} on the page"))
        .to_owned()
}

/// Every form token value on a page.
fn tokens(html: &str) -> Vec<String> {
    html.split("name=\"csrf\" value=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_page_comes_in_gzip_when_accepted_else_brotli_and_decompresses_to_the_same_page() {
    both(|t| async move {
        let plain = get_with(&t, Who::Anon, "/sign-in", &[]).await;
        assert_eq!(plain.status, StatusCode::OK);
        for (asked, sent) in [
            ("br", "br"),
            ("gzip", "gzip"),
            // A browser's: gzip costs the server less to make (`compression` in the web crate).
            ("gzip, deflate, br", "gzip"),
            ("br, gzip", "gzip"),
            ("br;q=0.5, gzip", "gzip"),
            ("br, gzip;q=0", "br"),
        ] {
            let res = get_with(&t, Who::Anon, "/sign-in", &[("accept-encoding", asked)]).await;
            assert_eq!(res.status, StatusCode::OK, "{asked}");
            assert_eq!(header(&res, header::CONTENT_ENCODING), sent, "{asked}");
            assert!(
                header(&res, header::VARY).contains("accept-encoding"),
                "{asked}"
            );
            assert!(res.bytes.len() < plain.bytes.len() / 2, "{asked}");
            assert_eq!(decoded(&res), plain.bytes, "{asked}");
        }
        // A signed-in page and JSON too.
        let home = get_with(&t, Who::Member, "/home", &[("accept-encoding", "gzip")]).await;
        assert_eq!(home.status, StatusCode::OK);
        assert_eq!(header(&home, header::CONTENT_ENCODING), "gzip");
        assert!(
            String::from_utf8(decoded(&home))
                .expect("utf-8")
                .contains("</html>")
        );
        let plain = get_with(&t, Who::Anon, "/api/v1/openapi.json", &[]).await;
        let json = get_with(
            &t,
            Who::Anon,
            "/api/v1/openapi.json",
            &[("accept-encoding", "br")],
        )
        .await;
        assert_eq!(json.status, StatusCode::OK, "{}", plain.body);
        assert!(header(&json, header::CONTENT_TYPE).starts_with("application/json"));
        assert_eq!(header(&json, header::CONTENT_ENCODING), "br");
        assert_eq!(decoded(&json), plain.bytes);
    })
    .await;
}

#[tokio::test]
async fn without_accept_encoding_nothing_is_compressed() {
    both(|t| async move {
        for (who, path) in [(Who::Anon, "/sign-in"), (Who::Member, "/home")] {
            let res = get_with(&t, who, path, &[]).await;
            assert_eq!(res.status, StatusCode::OK, "{path}");
            assert_eq!(header(&res, header::CONTENT_ENCODING), "", "{path}");
            assert!(String::from_utf8_lossy(&res.bytes).starts_with("<!DOCTYPE html>"));
            // Caches still learn that another request could get another answer.
            assert!(
                header(&res, header::VARY).contains("accept-encoding"),
                "{path}"
            );
        }
        let css = get_with(&t, Who::Anon, "/assets/cairn.css", &[]).await;
        assert_eq!(header(&css, header::CONTENT_ENCODING), "");
        assert!(css.body.contains(".cairn-"));
    })
    .await;
}

#[tokio::test]
async fn pictures_and_small_answers_are_sent_as_they_are() {
    let t = TestApp::new().await;
    let png = get_with(
        &t,
        Who::Anon,
        "/assets/images/nhsuk-icon-512.png",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(png.status, StatusCode::OK);
    assert_eq!(header(&png, header::CONTENT_TYPE), "image/png");
    assert_eq!(header(&png, header::CONTENT_ENCODING), "");
    assert_eq!(&png.bytes[1..4], b"PNG");
    let health = get_with(
        &t,
        Who::Anon,
        "/healthz",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(header(&health, header::CONTENT_ENCODING), "");
    let moved = get_with(&t, Who::Anon, "/home", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert_eq!(header(&moved, header::CONTENT_ENCODING), "");
}

#[tokio::test]
async fn pages_link_hashed_assets_that_are_kept_a_year() {
    both(|t| async move {
        let page = get_with(&t, Who::Member, "/home", &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        for (prefix, suffix, kind) in [
            ("/assets/nhsuk-frontend.min.", ".css", "text/css"),
            ("/assets/cairn.", ".css", "text/css"),
            ("/assets/cairn.", ".js", "text/javascript"),
            ("/assets/images/favicon.", ".svg", "image/svg+xml"),
        ] {
            let href = link(&page.body, prefix, suffix);
            let hash = &href[prefix.len()..href.len() - suffix.len()];
            assert!(
                hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{href}"
            );
            let res = get_with(&t, Who::Anon, &href, &[]).await;
            assert_eq!(res.status, StatusCode::OK, "{href}");
            assert_eq!(
                header(&res, header::CACHE_CONTROL),
                "public, max-age=31536000, immutable",
                "{href}"
            );
            assert!(
                header(&res, header::CONTENT_TYPE).starts_with(kind),
                "{href}"
            );
        }
        assert!(
            !page.body.contains("href=\"/assets/cairn.css\""),
            "no page links the unhashed stylesheet"
        );
    })
    .await;
}

#[tokio::test]
async fn a_hashed_stylesheet_comes_compressed_once_and_decompresses_to_the_file() {
    let t = TestApp::new().await;
    let page = get_with(&t, Who::Anon, "/sign-in", &[]).await;
    let href = link(&page.body, "/assets/nhsuk-frontend.min.", ".css");
    let plain = get_with(&t, Who::Anon, &href, &[]).await;
    assert_eq!(header(&plain, header::VARY), "accept-encoding");
    for enc in ["br", "gzip"] {
        let res = get_with(&t, Who::Anon, &href, &[("accept-encoding", enc)]).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(header(&res, header::CONTENT_ENCODING), enc);
        assert_eq!(header(&res, header::VARY), "accept-encoding");
        assert_eq!(
            header(&res, header::CONTENT_LENGTH),
            res.bytes.len().to_string()
        );
        assert!(res.bytes.len() < plain.bytes.len() / 5, "{enc}");
        assert_eq!(decoded(&res), plain.bytes, "{enc}");
    }
}

#[tokio::test]
async fn the_pictures_and_module_the_hashed_files_name_are_served_by_hashed_names_too() {
    let t = TestApp::new().await;
    let page = get_with(&t, Who::Anon, "/sign-in", &[]).await;
    let css = get_with(
        &t,
        Who::Anon,
        &link(&page.body, "/assets/nhsuk-frontend.min.", ".css"),
        &[],
    )
    .await;
    let pictures: Vec<&str> = css
        .body
        .split("url(")
        .skip(1)
        .filter_map(|s| s.split(')').next())
        .filter(|u| u.starts_with("/assets/"))
        .collect();
    assert!(!pictures.is_empty(), "the stylesheet uses pictures");
    for p in pictures {
        let res = get_with(&t, Who::Anon, p, &[]).await;
        assert_eq!(res.status, StatusCode::OK, "{p}");
        assert!(
            header(&res, header::CACHE_CONTROL).contains("immutable"),
            "{p}"
        );
    }
    let js_href = link(&page.body, "/assets/cairn.", ".js");
    let js = get_with(&t, Who::Anon, &js_href, &[]).await;
    let module = link(&js.body, "./nhsuk-frontend.min.", ".js");
    let res = get_with(&t, Who::Anon, &format!("/assets/{}", &module[2..]), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{module}");
    assert!(header(&res, header::CACHE_CONTROL).contains("immutable"));
}

#[tokio::test]
async fn an_asset_asked_for_with_a_hash_that_is_not_its_own_is_404() {
    let t = TestApp::new().await;
    let page = get_with(&t, Who::Anon, "/sign-in", &[]).await;
    let href = link(&page.body, "/assets/cairn.", ".css");
    let wrong = if href.contains(".00000000.") {
        "/assets/cairn.11111111.css"
    } else {
        "/assets/cairn.00000000.css"
    };
    let res = get_with(&t, Who::Anon, wrong, &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Page not found"));
    let res = get_with(&t, Who::Anon, "/assets/no-such.0123abcd.css", &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_old_asset_names_still_answer_kept_an_hour_and_revalidated_by_entity_tag() {
    let t = TestApp::new().await;
    for path in [
        "/assets/cairn.css",
        "/assets/nhsuk-frontend.min.css",
        "/assets/cairn.js",
        "/assets/images/favicon.svg",
    ] {
        let res = get_with(&t, Who::Anon, path, &[]).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&res, header::CACHE_CONTROL),
            "public, max-age=3600",
            "{path}"
        );
        let etag = header(&res, header::ETAG).to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{path}: {etag}"
        );
        let again = get_with(&t, Who::Anon, path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.bytes.is_empty(), "{path}");
        assert_eq!(header(&again, header::ETAG), etag, "{path}");
        let stale = get_with(&t, Who::Anon, path, &[("if-none-match", "\"00000000\"")]).await;
        assert_eq!(stale.status, StatusCode::OK, "{path}");
    }
    // The compressed copy has an entity tag of its own.
    let plain = get_with(&t, Who::Anon, "/assets/cairn.css", &[]).await;
    let br = get_with(
        &t,
        Who::Anon,
        "/assets/cairn.css",
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(header(&br, header::CONTENT_ENCODING), "br");
    assert_ne!(header(&br, header::ETAG), header(&plain, header::ETAG));
    // Compressed once at the highest level, an asset goes in Brotli even to a browser, whose
    // pages go in gzip.
    let browser = get_with(
        &t,
        Who::Anon,
        "/assets/cairn.css",
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(header(&browser, header::CONTENT_ENCODING), "br");
    assert_eq!(browser.bytes, br.bytes);
}

#[tokio::test]
async fn head_of_an_asset_has_its_headers_and_no_body() {
    let t = TestApp::new().await;
    let get = get_with(&t, Who::Anon, "/assets/cairn.css", &[]).await;
    let head = t
        .send(Who::Anon, Method::HEAD, "/assets/cairn.css", None, &[])
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.bytes.is_empty());
    assert_eq!(
        header(&head, header::CONTENT_LENGTH),
        get.bytes.len().to_string()
    );
    assert_eq!(header(&head, header::ETAG), header(&get, header::ETAG));
}

#[tokio::test]
async fn two_renders_of_a_page_carry_different_form_tokens_that_both_work() {
    both(|t| async move {
        let first = get_with(&t, Who::Member, "/home", &[("accept-encoding", "br")]).await;
        let second = get_with(&t, Who::Member, "/home", &[("accept-encoding", "br")]).await;
        let first = tokens(&String::from_utf8(decoded(&first)).expect("utf-8"));
        let second = tokens(&String::from_utf8(decoded(&second)).expect("utf-8"));
        assert!(!first.is_empty() && !second.is_empty());
        let plain = &t.who[&Who::Member].csrf;
        for token in first.iter().chain(&second) {
            assert!(
                !token.contains(plain.as_str()),
                "the page shows the bare token"
            );
        }
        assert_ne!(first[0], second[0]);
        for token in [&first[0], &second[0]] {
            let req = Request::builder()
                .method(Method::POST)
                .uri("/language")
                .header(header::HOST, "localhost")
                .header(header::COOKIE, &t.who[&Who::Member].cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={token}&to=en&next=/home")))
                .expect("request");
            let res = t.raw(req).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
            assert_eq!(res.location(), "/home");
        }
        // Another session's token, masked as its pages carry it, is refused.
        let other = get_with(&t, Who::Lead, "/home", &[]).await;
        let req = Request::builder()
            .method(Method::POST)
            .uri("/language")
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &t.who[&Who::Member].cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "csrf={}&to=en&next=/home",
                tokens(&other.body)[0]
            )))
            .expect("request");
        assert_eq!(t.raw(req).await.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn an_oversized_form_is_still_refused_with_413_when_answers_are_compressed() {
    let t = TestApp::new().await;
    let big = format!(
        "csrf={}&name={}",
        t.who[&Who::Lead].csrf,
        "x".repeat(cairn_web::BODY_LIMIT + 10)
    );
    let req = Request::builder()
        .method(Method::POST)
        .uri("/services")
        .header(header::HOST, "localhost")
        .header(header::COOKIE, &t.who[&Who::Lead].cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::from(big))
        .expect("request");
    let res = t.raw(req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let page = String::from_utf8(decoded(&res)).expect("utf-8");
    assert!(page.contains("<html"), "{page}");
}
