//! `cairn bench --load`: throughput and latency under concurrent load. Builds board-scale data
//! as `cairn bench` does, starts the real server (`cairn serve`, logging to a file as in
//! production) on it, and drives it over HTTP/1.1 with 16 and then 64 keep-alive connections,
//! each sending its next request as soon as the last answer has been read, signed in as the
//! board's lead and accepting compressed answers as a browser does. `/healthz`, the floor of
//! the stack, is measured in the same run and every page is reported as a share of it; so is
//! the signed-in account page, which reads its session and one small list, as the least any
//! signed-in page costs (it has no target: it shows how much of a page's share that leaves). With
//! `--postgres URL` the same load runs on PostgreSQL afterwards and each page's throughput is
//! compared with SQLite's.
//!
//! On Linux it also reports the server process's CPU time for each answer (all its threads,
//! from `/proc`): on a shared machine a neighbour's load moves requests a second and the
//! share of `/healthz` by a third between runs of one build, while the work one request costs
//! the server moves far less, so a change is compared by it. On PostgreSQL it leaves out the
//! database's own processes.

use crate::bench_data::{self, BenchScale, Page, PageKind};
use anyhow::{Context, Result, bail};
use clap::Args;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Options for `cairn bench --load` (and the data set for every bench mode).
#[derive(Args, Clone, Debug)]
pub struct LoadArgs {
    /// With --load: run the same load on this PostgreSQL database after SQLite, and compare.
    #[arg(long, value_name = "URL", requires = "load")]
    pub postgres: Option<String>,
    /// With --load: seconds measured per page at each number of connections.
    #[arg(long, default_value_t = 5.0, value_parser = positive_seconds)]
    pub seconds: f64,
    /// With --load: seconds of warm-up before each measurement (not counted).
    #[arg(long, default_value_t = 1.0, value_parser = seconds)]
    pub warmup: f64,
    /// With --load: the address the server listens on (port 0: a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub addr: SocketAddr,
    /// The data set: board (2,000 people, 20,000 suggestions, two years) or board10 (20,000
    /// people, 200,000 suggestions, ten years).
    #[arg(long, value_enum, default_value_t = BenchScale::Board)]
    pub scale: BenchScale,
    /// With --load: measure only the pages whose path contains this text (and `/healthz`, the
    /// floor they are compared with), e.g. `--page /people` while profiling one page.
    #[arg(long, value_name = "TEXT", requires = "load")]
    pub page: Option<String>,
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("{s} is not a number of seconds")),
    }
}

fn positive_seconds(s: &str) -> Result<f64, String> {
    match seconds(s)? {
        v if v > 0.0 => Ok(v),
        _ => Err("must be more than 0 seconds".into()),
    }
}

/// The numbers of concurrent connections each page is measured at, in order.
const CONNECTIONS: [usize; 2] = [16, 64];

// Targets at board scale on 2 cores. A list page should cost little more than the stack's own
// floor (`/healthz`), so it keeps a fair share of the floor's throughput at 16 connections and a
// short tail when 64 connections queue for the two cores.
/// Least share of `/healthz` requests a second at 16 connections for a list page.
const LIST_SHARE: f64 = 0.25;
/// Longest p99 at 64 connections for a list page, milliseconds.
const LIST_P99_MS: f64 = 50.0;
// The assessment pages summarise every practice of a unit, or of every unit, so they may cost
// more than a list.
/// Least share of `/healthz` requests a second at 16 connections for an assessment page.
const ASSESSMENT_SHARE: f64 = 0.15;
/// Longest p99 at 64 connections for an assessment page, milliseconds.
const ASSESSMENT_P99_MS: f64 = 100.0;
// PostgreSQL pays a round trip per query where SQLite reads in process; a page must still keep
// half of its SQLite throughput, or it reads too much or too often.
/// Least PostgreSQL requests a second at 16 connections, as a share of the same page's on SQLite.
const POSTGRES_SHARE: f64 = 0.5;

/// The `p`th percentile (0–100) of `sorted` by nearest rank; NaN when there are no values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    let rank = (p / 100.0 * sorted.len() as f64).ceil();
    let rank = if rank.is_finite() && rank >= 1.0 {
        (rank as usize).min(sorted.len())
    } else {
        1
    };
    sorted[rank - 1]
}

/// What one connection (or all of them together) saw during a measurement.
#[derive(Debug, Default)]
struct Tally {
    latencies_ms: Vec<f64>,
    bytes: u64,
    errors: u64,
    first_error: Option<String>,
}

impl Tally {
    fn error(&mut self, what: String) {
        self.errors += 1;
        self.first_error.get_or_insert(what);
    }

    fn merge(&mut self, other: Tally) {
        self.latencies_ms.extend(other.latencies_ms);
        self.bytes += other.bytes;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    /// The figures of `seconds` of answers, in which the server used `cpu_seconds` of CPU
    /// time when that is known.
    fn figures(mut self, seconds: f64, cpu_seconds: Option<f64>) -> Figures {
        self.latencies_ms.sort_by(f64::total_cmp);
        let answered = self.latencies_ms.len();
        Figures {
            cpu_us: cpu_seconds
                .filter(|_| answered > 0)
                .map(|cpu| cpu * 1e6 / answered as f64),
            rate: answered as f64 / seconds,
            p50_ms: percentile(&self.latencies_ms, 50.0),
            p99_ms: percentile(&self.latencies_ms, 99.0),
            errors: self.errors,
            mean_bytes: if answered == 0 {
                0.0
            } else {
                self.bytes as f64 / answered as f64
            },
            first_error: self.first_error,
        }
    }
}

/// One page at one number of connections.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Answers with 200 a second.
    pub rate: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Answers other than 200, and requests that failed.
    pub errors: u64,
    /// Mean body bytes of a 200 answer, as sent (compressed when the server compressed it).
    pub mean_bytes: f64,
    pub first_error: Option<String>,
    /// The server's CPU time for each answer with 200, in microseconds (Linux only).
    pub cpu_us: Option<f64>,
}

/// Linux reports a process's CPU time in `/proc` in ticks of `USER_HZ`, which the kernel keeps
/// at 100 a second for programs to read on the architectures Cairn is built for.
const USER_HZ: f64 = 100.0;

/// The CPU time (user and system, all threads) of the process whose `/proc/<pid>/stat` line is
/// `stat`, in seconds.
fn cpu_of_stat(stat: &str) -> Option<f64> {
    // The second field, the command's name, is in parentheses and may hold spaces and
    // parentheses itself, so the fields are counted from after its last closing one: the
    // state (the third field) comes first, user time is the 14th field and system time the
    // 15th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / USER_HZ)
}

/// The CPU time process `pid` has used so far, in seconds; `None` where `/proc` does not tell.
fn cpu_seconds(pid: u32) -> Option<f64> {
    cpu_of_stat(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// One page at 16 and at 64 connections.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub name: &'static str,
    pub kind: PageKind,
    pub at16: Figures,
    pub at64: Figures,
}

/// One engine's run.
struct EngineRun {
    engine: &'static str,
    pages: Vec<PageResult>,
}

/// The requests a second of the floor (`/healthz`) at 16 connections.
fn floor_rate(pages: &[PageResult]) -> Option<f64> {
    pages
        .iter()
        .find(|p| p.kind == PageKind::Floor)
        .map(|p| p.at16.rate)
}

/// Whether `got` falls short of `least`; a missing figure (NaN) does.
fn short_of(got: f64, least: f64) -> bool {
    got.partial_cmp(&least)
        .is_none_or(std::cmp::Ordering::is_lt)
}

/// Whether `got` is not under `limit`; a missing figure (NaN) is not.
fn not_under(got: f64, limit: f64) -> bool {
    got.partial_cmp(&limit)
        .is_none_or(std::cmp::Ordering::is_ge)
}

/// Pages that answered anything but 200, or could not be reached.
pub fn errors_missed(engine: &str, pages: &[PageResult]) -> Vec<String> {
    pages
        .iter()
        .filter(|p| p.at16.errors + p.at64.errors > 0)
        .map(|p| {
            let first = p.at16.first_error.as_ref().or(p.at64.first_error.as_ref());
            format!(
                "{engine}: {} had {} errors ({})",
                p.name,
                p.at16.errors + p.at64.errors,
                first.map_or("", String::as_str)
            )
        })
        .collect()
}

/// Pages below their share of the floor at 16 connections or over their p99 at 64.
pub fn targets_missed(engine: &str, pages: &[PageResult]) -> Vec<String> {
    let floor = floor_rate(pages).unwrap_or(f64::NAN);
    // A miss names the signed-in yardstick's share too, when it was measured: a page cannot
    // do better than the least a signed-in page costs.
    let signed_in =
        pages
            .iter()
            .find(|p| p.kind == PageKind::SignedIn)
            .map_or(String::new(), |p| {
                format!(
                    "; the signed-in account page: {:.0}%",
                    p.at16.rate / floor * 100.0
                )
            });
    let mut missed = Vec::new();
    for p in pages {
        let (share, p99) = match p.kind {
            PageKind::Floor | PageKind::SignedIn => continue,
            PageKind::List => (LIST_SHARE, LIST_P99_MS),
            PageKind::Assessment => (ASSESSMENT_SHARE, ASSESSMENT_P99_MS),
        };
        let got = p.at16.rate / floor;
        if short_of(got, share) {
            missed.push(format!(
                "{engine}: {} at {:.0}% of /healthz at 16 connections (target {:.0}%{signed_in})",
                p.name,
                got * 100.0,
                share * 100.0
            ));
        }
        if not_under(p.at64.p99_ms, p99) {
            missed.push(format!(
                "{engine}: {} p99 {:.1} ms at 64 connections (target under {p99:.0} ms)",
                p.name, p.at64.p99_ms
            ));
        }
    }
    missed
}

/// Pages whose PostgreSQL throughput at 16 connections is under [`POSTGRES_SHARE`] of SQLite's.
pub fn postgres_missed(sqlite: &[PageResult], postgres: &[PageResult]) -> Vec<String> {
    postgres
        .iter()
        .filter(|p| !p.kind.is_yardstick())
        .filter_map(|p| {
            let base = sqlite.iter().find(|s| s.name == p.name)?;
            let got = p.at16.rate / base.at16.rate;
            short_of(got, POSTGRES_SHARE).then(|| {
                format!(
                    "PostgreSQL: {} at {:.0}% of its SQLite requests a second (target {:.0}%)",
                    p.name,
                    got * 100.0,
                    POSTGRES_SHARE * 100.0
                )
            })
        })
        .collect()
}

/// What every request of a measurement asks for.
struct Target {
    host: String,
    path: String,
    cookie: String,
}

impl Target {
    fn request(&self) -> Result<Request<Empty<Bytes>>> {
        Ok(Request::get(self.path.as_str())
            .header(header::HOST, self.host.as_str())
            .header(header::COOKIE, self.cookie.as_str())
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Empty::new())?)
    }
}

async fn connect(addr: SocketAddr) -> Result<SendRequest<Empty<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        // A connection that breaks also fails the request in flight on it, and that failure is
        // counted where the request was sent; nothing more to report here.
        let _ = conn.await;
    });
    Ok(sender)
}

/// Sends one request and reads the whole answer. Returns its status and body bytes as sent.
async fn exchange(
    sender: &mut SendRequest<Empty<Bytes>>,
    target: &Target,
) -> Result<(StatusCode, u64)> {
    sender.ready().await?;
    let res = sender.send_request(target.request()?).await?;
    let status = res.status();
    let mut body = res.into_body();
    let mut bytes = 0u64;
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame?.into_data() {
            bytes += data.len() as u64;
        }
    }
    Ok((status, bytes))
}

/// One connection's loop: a request as soon as the last answer is read, until `until`.
/// Answers that complete from `from` to `until` are counted.
async fn drive(addr: SocketAddr, target: Arc<Target>, from: Instant, until: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut sender = None;
    while Instant::now() < until {
        let s = match sender.as_mut() {
            Some(s) => s,
            None => match connect(addr).await {
                Ok(s) => sender.insert(s),
                Err(e) => {
                    tally.error(format!("cannot connect: {e}"));
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let started = Instant::now();
        let outcome = exchange(s, &target).await;
        let done = Instant::now();
        let counted = done >= from && done <= until;
        match outcome {
            Ok((StatusCode::OK, bytes)) if counted => {
                tally
                    .latencies_ms
                    .push((done - started).as_secs_f64() * 1000.0);
                tally.bytes += bytes;
            }
            Ok((status, _)) if counted && status != StatusCode::OK => {
                tally.error(format!("answered {status}"));
            }
            Ok(_) => {}
            Err(e) => {
                sender = None;
                if counted {
                    tally.error(format!("request failed: {e}"));
                }
            }
        }
    }
    tally
}

/// Drives `target` with `connections` connections: `warmup` uncounted, then `measure` counted,
/// with the CPU time server process `pid` used while they were counted.
async fn load(
    (addr, pid): (SocketAddr, u32),
    target: &Arc<Target>,
    connections: usize,
    warmup: Duration,
    measure: Duration,
) -> Result<Figures> {
    let from = Instant::now() + warmup;
    let until = from + measure;
    let cpu = tokio::spawn(async move {
        tokio::time::sleep_until(from.into()).await;
        let before = cpu_seconds(pid);
        tokio::time::sleep_until(until.into()).await;
        Some(cpu_seconds(pid)? - before?)
    });
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(drive(addr, target.clone(), from, until)))
        .collect();
    let mut all = Tally::default();
    for t in tasks {
        all.merge(t.await?);
    }
    Ok(all.figures(measure.as_secs_f64(), cpu.await?))
}

/// The server under test, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Killing fails only when the server has already stopped, which is what is wanted.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `cairn serve` on `url` at `addr`, its output going to `log`, and waits until it
    /// answers `/healthz`.
    async fn start(url: &str, addr: SocketAddr, log: &Path) -> Result<Server> {
        let out = std::fs::File::create(log)
            .with_context(|| format!("cannot create {}", log.display()))?;
        let child = Command::new(std::env::current_exe()?)
            .args(["serve", "--database-url", url, "--addr", &addr.to_string()])
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .context("cannot start the server")?;
        let mut server = Server { child, addr };
        server.addr = server.wait_for_address(log).await?;
        server.wait_for_health().await?;
        Ok(server)
    }

    /// The address the server says it is running at (the port is chosen when it is 0).
    async fn wait_for_address(&mut self, log: &Path) -> Result<SocketAddr> {
        const PREFIX: &str = "Cairn is running at http://";
        for _ in 0..1200 {
            let text = std::fs::read_to_string(log)?;
            if let Some(line) = text.lines().find_map(|l| l.strip_prefix(PREFIX)) {
                return line
                    .trim()
                    .parse()
                    .with_context(|| format!("the server is running at {line}?"));
            }
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server stopped ({status}); its log {} ends:\n{}",
                    log.display(),
                    tail(&text)
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!(
            "the server did not say where it is running (see {})",
            log.display()
        )
    }

    async fn wait_for_health(&self) -> Result<()> {
        let target = Target {
            host: self.addr.to_string(),
            path: "/healthz".into(),
            cookie: String::new(),
        };
        let mut last = String::new();
        for _ in 0..200 {
            match connect(self.addr).await {
                Ok(mut s) => match exchange(&mut s, &target).await {
                    Ok((StatusCode::OK, _)) => return Ok(()),
                    Ok((status, _)) => last = format!("answered {status}"),
                    Err(e) => last = e.to_string(),
                },
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!("the server did not answer /healthz: {last}")
    }
}

/// The last lines of a log, for an error message.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// Is `page` measured when `--page` is `only`? The two yardsticks always are.
fn chosen(page: &Page, only: Option<&str>) -> bool {
    match only {
        None => true,
        Some(text) => page.kind.is_yardstick() || page.path.contains(text),
    }
}

fn engine_of(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

/// Builds the data on `url`, starts the server on it and measures every page.
async fn run_engine(url: Option<&str>, args: &LoadArgs) -> Result<EngineRun> {
    let board = bench_data::prepare(url, args.scale).await?;
    let pages = bench_data::pages(board.org, board.unit)
        .into_iter()
        .filter(|p| chosen(p, args.page.as_deref()));
    // The server is the only one using the database while it is measured.
    board.app.db.close().await;
    let engine = engine_of(&board.url);
    let log = std::env::temp_dir().join(format!(
        "cairn-bench-{}-{}.log",
        std::process::id(),
        engine.to_lowercase()
    ));
    let server = Server::start(&board.url, args.addr, &log).await?;
    println!(
        "{engine}: server at http://{} (log: {})",
        server.addr,
        log.display()
    );
    let warmup = Duration::from_secs_f64(args.warmup);
    let measure = Duration::from_secs_f64(args.seconds);
    let mut results = Vec::new();
    for Page { name, path, kind } in pages {
        let target = Arc::new(Target {
            host: server.addr.to_string(),
            path,
            cookie: board.cookie.clone(),
        });
        let mut at = Vec::new();
        for connections in CONNECTIONS {
            let measured = (server.addr, server.child.id());
            at.push(load(measured, &target, connections, warmup, measure).await?);
        }
        let mut at = at.into_iter();
        let (Some(at16), Some(at64)) = (at.next(), at.next()) else {
            bail!("a measurement is missing for {name}");
        };
        results.push(PageResult {
            name,
            kind,
            at16,
            at64,
        });
    }
    drop(server);
    drop(board.lock);
    Ok(EngineRun {
        engine,
        pages: results,
    })
}

/// Prints one engine's table; with `sqlite`, each page's share of its SQLite throughput too.
fn print_table(run: &EngineRun, args: &LoadArgs, sqlite: Option<&EngineRun>) {
    let floor = floor_rate(&run.pages).unwrap_or(f64::NAN);
    println!();
    println!(
        "{} ({} scale, {} s per page after {} s warm-up)",
        run.engine,
        args.scale.key(),
        args.seconds,
        args.warmup
    );
    println!(
        "{:<42} {:>9} {:>6} {:>7} {:>7} {:>9} {:>7} {:>7} {:>6} {:>8} {:>9}{}",
        "page",
        "req/s@16",
        "share",
        "p50@16",
        "p99@16",
        "req/s@64",
        "p50@64",
        "p99@64",
        "errors",
        "bytes",
        "cpu µs@16",
        if sqlite.is_some() { "  of SQLite" } else { "" }
    );
    for p in &run.pages {
        let of_sqlite = sqlite
            .and_then(|s| s.pages.iter().find(|b| b.name == p.name))
            .map_or(String::new(), |b| {
                format!("  {:>8.0}%", p.at16.rate / b.at16.rate * 100.0)
            });
        let cpu = p
            .at16
            .cpu_us
            .map_or("–".to_owned(), |us| format!("{us:.0}"));
        println!(
            "{:<42} {:>9.0} {:>5.0}% {:>7.2} {:>7.2} {:>9.0} {:>7.2} {:>7.2} {:>6} {:>8.0} {cpu:>9}{of_sqlite}",
            p.name,
            p.at16.rate,
            p.at16.rate / floor * 100.0,
            p.at16.p50_ms,
            p.at16.p99_ms,
            p.at64.rate,
            p.at64.p50_ms,
            p.at64.p99_ms,
            p.at16.errors + p.at64.errors,
            p.at16.mean_bytes
        );
    }
}

/// Runs the load benchmark on `database_url` (default: a fresh SQLite file), then on
/// `--postgres` if given, prints the tables, and with `check` fails when a target is missed.
pub async fn run(database_url: Option<&str>, args: &LoadArgs, check: bool) -> Result<()> {
    let first = run_engine(database_url, args).await?;
    print_table(&first, args, None);
    let mut missed = errors_missed(first.engine, &first.pages);
    if first.engine == "SQLite" {
        missed.extend(targets_missed(first.engine, &first.pages));
    }
    if let Some(pg) = &args.postgres {
        let second = run_engine(Some(pg), args).await?;
        print_table(&second, args, Some(&first));
        missed.extend(errors_missed(second.engine, &second.pages));
        missed.extend(postgres_missed(&first.pages, &second.pages));
    }
    if database_url.is_none() {
        // The SQLite files go; the server logs stay beside the folder.
        bench_data::remove_temp_dir()?;
    }
    if check && !missed.is_empty() {
        bail!("targets missed:\n  {}", missed.join("\n  "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn figures(rate: f64, p99_ms: f64, errors: u64) -> Figures {
        Figures {
            rate,
            p50_ms: p99_ms / 2.0,
            p99_ms,
            errors,
            mean_bytes: 1000.0,
            first_error: (errors > 0).then(|| "answered 500 Internal Server Error".into()),
            cpu_us: None,
        }
    }

    fn page(name: &'static str, kind: PageKind, rate16: f64, p99_64: f64) -> PageResult {
        PageResult {
            name,
            kind,
            at16: figures(rate16, 1.0, 0),
            at64: figures(rate16, p99_64, 0),
        }
    }

    #[test]
    fn percentile_takes_the_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
        assert_eq!(percentile(&[1.0, 2.0, 3.0], 50.0), 2.0);
    }

    #[test]
    fn percentile_of_nothing_is_not_a_number() {
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn tally_counts_answers_a_second_and_mean_bytes() {
        let t = Tally {
            latencies_ms: vec![3.0, 1.0, 2.0, 4.0],
            bytes: 4000,
            errors: 0,
            first_error: None,
        };
        let f = t.figures(2.0, Some(0.002));
        assert_eq!(f.rate, 2.0);
        assert_eq!(f.p50_ms, 2.0);
        assert_eq!(f.p99_ms, 4.0);
        assert_eq!(f.mean_bytes, 1000.0);
        assert_eq!(f.cpu_us, Some(500.0), "2 ms of CPU over four answers");
    }

    #[test]
    fn no_answers_and_no_cpu_time_give_no_cpu_figure() {
        assert_eq!(Tally::default().figures(1.0, Some(0.5)).cpu_us, None);
        let one = Tally {
            latencies_ms: vec![1.0],
            ..Tally::default()
        };
        assert_eq!(one.figures(1.0, None).cpu_us, None);
    }

    #[test]
    fn cpu_time_is_read_after_a_command_name_holding_spaces_and_parentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime ...
        let stat = "4242 (cairn (x) y) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 125 0 0 20 0 7";
        assert_eq!(cpu_of_stat(stat), Some(3.75));
        assert_eq!(cpu_of_stat("4242 (cairn) S 1"), None, "a line cut short");
        assert_eq!(cpu_of_stat("no command here"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_used_some_cpu_time_and_it_only_grows() {
        let pid = std::process::id();
        let before = cpu_seconds(pid).expect("this process's CPU time");
        // Busy until the kernel has counted a tick more (on a crowded machine that may take
        // longer than the tick itself), for at most five seconds.
        let start = std::time::Instant::now();
        let mut after = before;
        let mut x = 0u64;
        while after <= before && start.elapsed() < Duration::from_secs(5) {
            for _ in 0..1_000_000 {
                x = std::hint::black_box(x.wrapping_add(1));
            }
            after = cpu_seconds(pid).expect("again");
        }
        assert!(
            after > before,
            "{before} then {after} after {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn pages_within_their_targets_pass() {
        let pages = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("people", PageKind::List, 2000.0, 49.0),
            page("service-wide", PageKind::Assessment, 1200.0, 99.0),
        ];
        assert!(targets_missed("SQLite", &pages).is_empty());
        assert!(errors_missed("SQLite", &pages).is_empty());
    }

    #[test]
    fn a_slow_list_page_is_named_in_the_misses() {
        let pages = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("people", PageKind::List, 1999.0, 10.0),
            page("board", PageKind::List, 4000.0, 50.0),
        ];
        let missed = targets_missed("SQLite", &pages);
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert!(missed[0].contains("people") && missed[0].contains("25%"));
        assert!(missed[1].contains("board") && missed[1].contains("p99"));
    }

    #[test]
    fn assessment_pages_have_their_own_targets() {
        let pages = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("unit", PageKind::Assessment, 1100.0, 80.0),
            page("service", PageKind::Assessment, 1300.0, 120.0),
        ];
        let missed = targets_missed("SQLite", &pages);
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert!(missed[0].contains("unit") && missed[0].contains("15%"));
        assert!(missed[1].contains("service") && missed[1].contains("100 ms"));
    }

    #[test]
    fn the_signed_in_yardstick_has_no_target_on_either_engine() {
        let sqlite = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("account", PageKind::SignedIn, 3200.0, 500.0),
            page("people", PageKind::List, 100.0, 10.0),
        ];
        let missed = targets_missed("SQLite", &sqlite);
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert_eq!(
            missed[0],
            "SQLite: people at 1% of /healthz at 16 connections \
             (target 25%; the signed-in account page: 40%)"
        );
        let postgres = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("account", PageKind::SignedIn, 10.0, 5.0),
            page("people", PageKind::List, 10.0, 10.0),
        ];
        let missed = postgres_missed(&sqlite, &postgres);
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert!(missed[0].contains("people"));
    }

    #[test]
    fn a_page_with_no_answers_misses_its_targets() {
        let pages = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("people", PageKind::List, 0.0, f64::NAN),
        ];
        assert_eq!(targets_missed("SQLite", &pages).len(), 2);
    }

    #[test]
    fn a_page_that_errors_is_named() {
        let mut bad = page("claims", PageKind::List, 3000.0, 10.0);
        bad.at64 = figures(3000.0, 10.0, 3);
        let pages = vec![page("/healthz", PageKind::Floor, 8000.0, 5.0), bad];
        let missed = errors_missed("PostgreSQL", &pages);
        assert_eq!(missed.len(), 1);
        assert!(missed[0].starts_with("PostgreSQL: claims had 3 errors (answered 500"));
    }

    #[test]
    fn postgres_must_keep_half_of_each_pages_sqlite_throughput() {
        let sqlite = vec![
            page("/healthz", PageKind::Floor, 8000.0, 5.0),
            page("people", PageKind::List, 2000.0, 10.0),
            page("meetings", PageKind::List, 2000.0, 10.0),
        ];
        let postgres = vec![
            page("/healthz", PageKind::Floor, 1000.0, 5.0),
            page("people", PageKind::List, 1000.0, 10.0),
            page("meetings", PageKind::List, 999.0, 10.0),
        ];
        let missed = postgres_missed(&sqlite, &postgres);
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert!(missed[0].contains("meetings"));
    }

    #[derive(Parser)]
    struct Cli {
        #[arg(long)]
        load: bool,
        #[command(flatten)]
        args: LoadArgs,
    }

    #[test]
    fn load_options_have_defaults() {
        let cli = Cli::try_parse_from(["bench", "--load"]).expect("parses");
        assert_eq!(cli.args.seconds, 5.0);
        assert_eq!(cli.args.warmup, 1.0);
        assert_eq!(cli.args.scale, BenchScale::Board);
        assert_eq!(cli.args.addr.port(), 0);
        assert!(cli.args.postgres.is_none());
    }

    #[test]
    fn load_options_are_read() {
        let cli = Cli::try_parse_from([
            "bench",
            "--load",
            "--postgres",
            "postgres://db/cairn",
            "--seconds",
            "2.5",
            "--warmup",
            "0",
            "--scale",
            "board10",
            "--addr",
            "127.0.0.1:8210",
            "--page",
            "/people",
        ])
        .expect("parses");
        assert_eq!(cli.args.postgres.as_deref(), Some("postgres://db/cairn"));
        assert_eq!(cli.args.seconds, 2.5);
        assert_eq!(cli.args.warmup, 0.0);
        assert_eq!(cli.args.scale, BenchScale::Board10);
        assert_eq!(cli.args.addr.port(), 8210);
        assert_eq!(cli.args.page.as_deref(), Some("/people"));
    }

    #[test]
    fn one_page_is_chosen_by_its_path_and_both_yardsticks_always_are() {
        let pages = crate::bench_data::pages(1, 2);
        let names = |only| -> Vec<&str> {
            pages
                .iter()
                .filter(|p| chosen(p, only))
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(names(None).len(), pages.len());
        let yardsticks = ["/healthz (the floor)", "your account (signed in, one read)"];
        assert_eq!(
            names(Some("/people")),
            [
                yardsticks[0],
                yardsticks[1],
                "people list, filtered by unit"
            ]
        );
        assert_eq!(names(Some("/nowhere")), yardsticks);
    }

    #[test]
    fn nonsense_durations_and_postgres_without_load_are_refused() {
        assert!(Cli::try_parse_from(["bench", "--load", "--seconds", "0"]).is_err());
        assert!(Cli::try_parse_from(["bench", "--load", "--warmup", "-1"]).is_err());
        assert!(Cli::try_parse_from(["bench", "--postgres", "postgres://db/cairn"]).is_err());
        assert!(Cli::try_parse_from(["bench", "--page", "/people"]).is_err());
    }
}
