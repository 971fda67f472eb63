//! Limits: idle and slow clients are closed in time, a trickled body is cut, the connection cap
//! holds, and `/healthz` keeps answering throughout.

use crate::support::{Server, TempDir, connect, get, read_response, time_to_close};
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

const SHORT: &[&str] = &[
    "--header-timeout",
    "1",
    "--idle-timeout",
    "2",
    "--request-timeout",
    "1",
];

#[test]
fn idle_and_slow_connections_are_closed_while_healthz_keeps_answering() {
    let dir = TempDir::new();
    let server = Server::start(&dir.url("cairn.db"), SHORT);
    let addr = server.addr;
    let opened = Instant::now();

    // Connections that never send a byte.
    let idle: Vec<_> = (0..50)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = connect(addr);
                time_to_close(&mut s, Duration::from_secs(8))
            })
        })
        .collect();
    // A head sent a byte every 100 ms, which never ends.
    let slow_head = std::thread::spawn(move || {
        let mut s = connect(addr);
        let mut reader = s.try_clone().expect("clone");
        let writer = std::thread::spawn(move || {
            let head = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n");
            let trickle = head.bytes().chain(b"X-Slow: ".iter().copied().cycle());
            for b in trickle.take(80) {
                if s.write_all(&[b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let closed = time_to_close(&mut reader, Duration::from_secs(8));
        let _ = writer.join();
        closed
    });
    // A kept-alive connection that makes one request, then waits.
    let kept = std::thread::spawn(move || {
        let mut s = connect(addr);
        write!(s, "GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("request");
        let (status, _) = read_response(&mut s).expect("answer");
        assert_eq!(status, 200);
        time_to_close(&mut s, Duration::from_secs(8))
    });

    // /healthz answers on a new connection throughout, each time promptly.
    while opened.elapsed() < Duration::from_millis(3500) {
        let t = Instant::now();
        assert_eq!(get(addr, "/healthz"), Ok(200));
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "/healthz took {:?}",
            t.elapsed()
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    for c in idle {
        let closed = c
            .join()
            .expect("idle client")
            .expect("an idle connection was never closed");
        assert!(
            closed >= Duration::from_millis(700) && closed < Duration::from_secs(3),
            "an idle connection closed after {closed:?} (header timeout 1 s)"
        );
    }
    let closed = slow_head
        .join()
        .expect("slow client")
        .expect("the slow head was never cut");
    assert!(
        closed < Duration::from_secs(3),
        "the slow head was cut after {closed:?}, though it kept sending (header timeout 1 s)"
    );
    let closed = kept
        .join()
        .expect("kept-alive client")
        .expect("the kept-alive connection was never closed");
    // Kept past the header timeout: the idle limit is its own.
    assert!(
        closed >= Duration::from_millis(1700) && closed < Duration::from_secs(4),
        "the kept-alive connection closed after {closed:?} idle (idle timeout 2 s)"
    );
}

#[test]
fn a_body_sent_a_byte_at_a_time_is_cut_at_the_request_timeout() {
    let dir = TempDir::new();
    let server = Server::start(&dir.url("cairn.db"), SHORT);
    let addr = server.addr;
    let mut s = connect(addr);
    write!(
        s,
        "POST /sign-in HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
    )
    .expect("head");
    let start = Instant::now();
    let mut w = s.try_clone().expect("clone");
    let writer = std::thread::spawn(move || {
        for _ in 0..100 {
            if w.write_all(b"a").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let (status, _) = read_response(&mut s).expect("an answer");
    let answered = start.elapsed();
    assert_eq!(status, 408);
    assert!(
        answered < Duration::from_secs(3),
        "answered after {answered:?} (request timeout 1 s)"
    );
    assert!(
        time_to_close(&mut s, Duration::from_secs(3)).is_some(),
        "the connection stayed open after the timeout"
    );
    let _ = writer.join();
    assert_eq!(get(addr, "/healthz"), Ok(200));
}

#[test]
fn beyond_the_connection_cap_new_connections_wait_and_descriptors_stay_bounded() {
    let dir = TempDir::new();
    let mut args = SHORT.to_vec();
    args.extend(["--max-connections", "4"]);
    let server = Server::start(&dir.url("cairn.db"), &args);
    let addr = server.addr;
    assert_eq!(get(addr, "/healthz"), Ok(200));
    std::thread::sleep(Duration::from_millis(300));
    let before = server.open_fds();
    let idle: Vec<TcpStream> = (0..12).map(|_| connect(addr)).collect();
    std::thread::sleep(Duration::from_millis(400));
    let during = server.open_fds();
    assert!(
        during <= before + 4 + 2,
        "12 idle connections with a cap of 4 took the server from {before} to {during} descriptors"
    );
    // Queued behind the idle ones, which the header timeout clears four at a time.
    let t = Instant::now();
    assert_eq!(get(addr, "/healthz"), Ok(200));
    assert!(
        t.elapsed() < Duration::from_secs(8),
        "/healthz took {:?}",
        t.elapsed()
    );
    drop(idle);
}
