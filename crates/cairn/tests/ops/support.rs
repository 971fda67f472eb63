//! Running the real `cairn` binary: a server on a free port, commands, raw HTTP over TCP.

use cairn_db::sqlx::{self, Connection, SqliteConnection, sqlite::SqliteConnectOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_cairn");
pub const PASSWORD: &str = "correct horse battery staple";

/// A folder of its own for one test, removed afterwards.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let n: u64 = rand::random();
        let dir = std::env::temp_dir().join(format!("cairn_ops_{}_{n:x}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn url(&self, name: &str) -> String {
        format!("sqlite://{}", self.path(name).display())
    }

    /// The names of the files in the folder, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `cairn serve` on a free loopback port; killed if the test ends with it still running.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(url: &str, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--database-url", url, "--addr", "127.0.0.1:0"])
            .args(args)
            .env("CAIRN_LOG", "info,sqlx=warn")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start cairn serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        for (stream, tx) in [
            (Box::new(out) as Box<dyn Read + Send>, Some(tx)),
            (Box::new(err), None),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if let (Some(tx), Some(a)) =
                        (&tx, line.strip_prefix("Cairn is running at http://"))
                    {
                        let _ = tx.send(a.trim().parse::<SocketAddr>().expect("address"));
                    }
                    let mut l = log.lock().expect("log");
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start:\n{}", log.lock().expect("log"));
            }
        };
        Server { child, addr, log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`TERM`, `INT`) with the `kill` command (the workspace forbids unsafe code).
    pub fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -{name} failed");
    }

    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// Waits until the server's output contains `needle`.
    pub fn wait_for_log(&self, needle: &str, within: Duration) -> bool {
        let end = Instant::now() + within;
        while Instant::now() < end {
            if self.log().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Waits for the process to exit.
    pub fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let end = Instant::now() + within;
        loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                // Let the readers take the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return st;
            }
            if Instant::now() > end {
                panic!("the server did not exit within {within:?}:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many file descriptors the server process has open (Linux).
    pub fn open_fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .expect("read /proc/PID/fd")
            .count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs a `cairn` command to completion.
pub fn cairn(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CAIRN_ADMIN_PASSWORD", PASSWORD)
        .env("CAIRN_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run cairn")
}

/// Both output streams of a command, for messages and failures.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs a `cairn` command that must succeed.
pub fn cairn_ok(args: &[&str]) -> String {
    let o = cairn(args);
    assert!(o.status.success(), "cairn {args:?} failed:\n{}", text(&o));
    text(&o)
}

/// Creates an administrator (and organisation) through the binary.
pub fn add_admin(url: &str, org: &str, email: &str) {
    cairn_ok(&[
        "admin",
        "create",
        "--database-url",
        url,
        "--organisation",
        org,
        "--email",
        email,
    ]);
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("read timeout");
    s
}

/// Reads one response from a kept-alive connection: the head, then the body by its length.
pub fn read_response(s: &mut TcpStream) -> std::io::Result<(u16, Vec<u8>)> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some((status, len, head_end)) = head_of(&raw) {
            while raw.len() < head_end + len {
                let n = s.read(&mut buf)?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                raw.extend_from_slice(&buf[..n]);
            }
            return Ok((status, raw[head_end..head_end + len].to_vec()));
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

/// Status, Content-Length and where the body starts, once the whole head has arrived.
fn head_of(raw: &[u8]) -> Option<(u16, usize, usize)> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head.get(9..12)?.parse().ok()?;
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Some((status, len, end))
}

/// Checks that `raw` (read to the end of the connection) is one whole HTTP/1.1 response and
/// returns its status.
pub fn complete_response(raw: &[u8]) -> Result<u16, String> {
    let text = String::from_utf8_lossy(raw);
    if !text.starts_with("HTTP/1.1 ") {
        return Err(format!("not an HTTP response: {text:?}"));
    }
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4) else {
        return Err(format!("the head never ended: {text:?}"));
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status: u16 = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let body = &raw[end..];
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        if body.len() != len {
            return Err(format!(
                "body of {} bytes, Content-Length {len}",
                body.len()
            ));
        }
    } else if head.contains("transfer-encoding: chunked") && !body.ends_with(b"0\r\n\r\n") {
        return Err("the chunked body never ended".into());
    }
    Ok(status)
}

/// GET `path` on a new connection; the status, or an error if no whole answer came.
pub fn get(addr: SocketAddr, path: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    complete_response(&raw)
}

/// Waits until the other end closes `s` (end of file or reset); how long that took.
pub fn time_to_close(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    s.set_read_timeout(Some(limit)).expect("read timeout");
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None;
            }
            Err(_) => return Some(start.elapsed()),
        }
    }
}

/// Runs a future to completion (the tests themselves are plain threads).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

/// Runs one query returning text on a SQLite file, read-only.
pub fn sqlite_texts(db: &Path, sql: &'static str) -> Result<Vec<String>, String> {
    block_on(async {
        let opts = SqliteConnectOptions::new()
            .filename(db)
            .read_only(true)
            .create_if_missing(false);
        let mut c = SqliteConnection::connect_with(&opts)
            .await
            .map_err(|e| e.to_string())?;
        let rows: Result<Vec<String>, String> = sqlx::query_scalar(sql)
            .fetch_all(&mut c)
            .await
            .map_err(|e| e.to_string());
        let _ = c.close().await;
        rows
    })
}

/// The e-mail addresses of the accounts in a SQLite database.
pub fn emails(db: &Path) -> Vec<String> {
    sqlite_texts(db, "SELECT email FROM users ORDER BY email").expect("read users")
}
