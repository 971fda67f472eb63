//! Stopping: SIGTERM and SIGINT let requests in progress finish within the grace, refuse new
//! connections, and exit 0.

use crate::support::{Server, TempDir, complete_response, connect};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// A sign-in form; the server reads the whole body (the text guard checks it) before answering.
const FORM: &str = "email=someone%40example.org&password=not+the+password&next=%2F";

#[test]
fn sigterm_lets_requests_in_progress_finish_then_exits_0() {
    let dir = TempDir::new();
    let mut server = Server::start(&dir.url("cairn.db"), &["--shutdown-grace", "10"]);
    let addr = server.addr;
    const CLIENTS: usize = 4;
    let started = Arc::new(Barrier::new(CLIENTS + 1));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let started = started.clone();
            std::thread::spawn(move || {
                let mut s = connect(addr);
                write!(
                    s,
                    "POST /sign-in HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    FORM.len()
                )
                .expect("head");
                // The body trickles in over about a second, so the request is still being
                // received when the signal arrives.
                let mut chunks = FORM.as_bytes().chunks(FORM.len().div_ceil(6));
                s.write_all(chunks.next().expect("chunk")).expect("first chunk");
                started.wait();
                for c in chunks {
                    std::thread::sleep(Duration::from_millis(200));
                    s.write_all(c).expect("the connection stayed open for the rest of the body");
                }
                let last_byte_sent = Instant::now();
                let mut raw = Vec::new();
                s.read_to_end(&mut raw).expect("read the answer");
                (raw, last_byte_sent)
            })
        })
        .collect();
    started.wait();
    // Every client has sent its head and the first part of its body.
    std::thread::sleep(Duration::from_millis(200));
    let signalled = Instant::now();
    server.signal("TERM");
    assert!(
        server.wait_for_log("stopping", Duration::from_secs(5)),
        "no line when the signal arrived:\n{}",
        server.log()
    );
    match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
        Err(e) if e.kind() == ErrorKind::ConnectionRefused => {}
        other => panic!("a new connection after the signal was not refused: {other:?}"),
    }
    for c in clients {
        let (raw, last_byte_sent) = c.join().expect("client");
        assert!(
            last_byte_sent > signalled,
            "the request was not in progress when the signal came"
        );
        let status = complete_response(&raw).unwrap_or_else(|e| panic!("incomplete answer: {e}"));
        assert!(
            status < 500 && status != 408,
            "the request in progress got {status}"
        );
    }
    let status = server.wait_exit(Duration::from_secs(15));
    assert_eq!(status.code(), Some(0), "{}", server.log());
    let log = server.log();
    let stopping = log.find("stopping").expect("stopping line");
    let stopped = log.rfind("stopped").expect("stopped line");
    assert!(stopping < stopped, "{log}");
    assert!(log.contains("SIGTERM"), "{log}");
}

#[test]
fn after_the_grace_a_stuck_request_is_dropped_and_sigint_still_exits_0() {
    let dir = TempDir::new();
    let mut server = Server::start(&dir.url("cairn.db"), &["--shutdown-grace", "1"]);
    let addr = server.addr;
    let mut stuck = connect(addr);
    // Promises a body it never finishes sending.
    write!(
        stuck,
        "POST /sign-in HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail="
    )
    .expect("head");
    std::thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    server.signal("INT");
    let status = server.wait_exit(Duration::from_secs(10));
    let took = signalled.elapsed();
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert!(
        took >= Duration::from_millis(900),
        "exited before the grace ran out ({took:?})"
    );
    assert!(took < Duration::from_secs(5), "took {took:?} to stop");
    let log = server.log();
    assert!(log.contains("SIGINT"), "{log}");
    assert!(log.contains("after the grace"), "{log}");
    assert!(log.contains("stopped"), "{log}");
    // The connection was closed without an answer.
    let mut raw = Vec::new();
    let _ = stuck.read_to_end(&mut raw);
    assert!(raw.is_empty(), "{}", String::from_utf8_lossy(&raw));
}
