//! Who can read `/metrics`: nobody by default, a scraper with `CAIRN_METRICS_TOKEN`, or anyone
//! who can reach the separate `CAIRN_METRICS_ADDR`.

use crate::support::{Server, TempDir, connect, get, read_response};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

/// Sends `GET /metrics` with an optional bearer token; the status and body.
fn metrics(addr: SocketAddr, token: Option<&str>) -> (u16, String) {
    let mut s = connect(addr);
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(s, "GET /metrics HTTP/1.1\r\nHost: {addr}\r\n{auth}\r\n").expect("write");
    let (status, body) = read_response(&mut s).expect("response");
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[test]
fn metrics_are_not_served_on_the_main_address_without_a_token() {
    let dir = TempDir::new();
    let server = Server::start(&dir.url("cairn.db"), &[]);
    assert_eq!(get(server.addr, "/healthz"), Ok(200));
    assert_eq!(metrics(server.addr, None).0, 404);
    assert_eq!(metrics(server.addr, Some("anything")).0, 404);
}

#[test]
fn with_a_metrics_token_only_a_scraper_sending_it_reads_metrics() {
    let dir = TempDir::new();
    let server = Server::start(
        &dir.url("cairn.db"),
        &["--metrics-token", "scrape-secret-7f3k"],
    );
    assert_eq!(get(server.addr, "/healthz"), Ok(200));
    assert_eq!(metrics(server.addr, None).0, 401);
    assert_eq!(metrics(server.addr, Some("scrape-secret-7f3")).0, 401);
    let (status, body) = metrics(server.addr, Some("scrape-secret-7f3k"));
    assert_eq!(status, 200);
    assert!(body.contains("cairn_http_requests_total"), "{body}");
    assert!(
        !server.log().contains("scrape-secret-7f3k"),
        "the token is never printed"
    );
}

#[test]
fn a_separate_metrics_address_serves_metrics_and_the_main_one_does_not() {
    let dir = TempDir::new();
    let server = Server::start(&dir.url("cairn.db"), &["--metrics-addr", "127.0.0.1:0"]);
    assert!(
        server.wait_for_log("Metrics at http://", Duration::from_secs(10)),
        "{}",
        server.log()
    );
    let log = server.log();
    let at: SocketAddr = log
        .lines()
        .find_map(|l| l.strip_prefix("Metrics at http://"))
        .and_then(|a| a.trim().trim_end_matches("/metrics").parse().ok())
        .expect("the metrics address is printed");
    assert_eq!(get(server.addr, "/healthz"), Ok(200));
    let (status, body) = metrics(at, None);
    assert_eq!(status, 200);
    assert!(body.contains("cairn_http_requests_total"), "{body}");
    assert_eq!(metrics(server.addr, None).0, 404);
    // Only /metrics there: none of the site.
    assert_eq!(get(at, "/healthz"), Ok(404));
}
