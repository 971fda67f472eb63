//! `cairn bench`: render times of the busiest pages on board-scale data (30 units, 2,000
//! people, two years of quarterly self-assessment of 32 practices), and the server's
//! resident memory after start. Runs on a fresh SQLite file in a temporary folder (or the
//! database given), through the real router, signed in as the board's co-production lead.
//! With `--check`, exits with an error when a target is missed.

use anyhow::{Context, Result, bail};
use axum::body::Body;
use axum::http::{Request, header};
use cairn_web::{AppState, WebConfig};
use clap::Args;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// Options for `cairn bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Database to use (default: a new SQLite file in a temporary folder).
    #[arg(long)]
    database_url: Option<String>,
    /// Requests per measured page.
    #[arg(long, default_value_t = 300)]
    iterations: usize,
    /// Fail when a target is missed.
    #[arg(long)]
    check: bool,
}

/// Median page time target, milliseconds.
const PAGE_TARGET_MS: f64 = 5.0;
/// Median target for the service-wide assessment view, milliseconds.
const SERVICE_TARGET_MS: f64 = 10.0;
/// Resident memory target after start, megabytes.
const RSS_TARGET_MB: f64 = 60.0;

struct Measured {
    name: &'static str,
    median_ms: f64,
    p95_ms: f64,
    target_ms: f64,
}

async fn measure(
    router: &axum::Router,
    name: &'static str,
    path: &str,
    cookie: &str,
    n: usize,
    target_ms: f64,
) -> Result<Measured> {
    let mut times = Vec::with_capacity(n);
    for i in 0..n + 20 {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())?;
        let start = Instant::now();
        let res = router.clone().oneshot(req).await?;
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await?;
        let took = start.elapsed();
        if !status.is_success() || body.is_empty() {
            bail!("{path} answered {status}");
        }
        // The first requests warm caches and the connection pool.
        if i >= 20 {
            times.push(took.as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(Measured {
        name,
        median_ms: times[times.len() / 2],
        p95_ms: times[times.len() * 95 / 100],
        target_ms,
    })
}

fn rss_of_server(url: &str) -> Result<f64> {
    let exe = std::env::current_exe()?;
    let mut child = std::process::Command::new(exe)
        .args(["serve", "--database-url", url, "--addr", "127.0.0.1:0"])
        .env("CAIRN_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("cannot start the server")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut addr = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(a) = line.strip_prefix("Cairn is running at http://") {
            addr = Some(a.trim().to_owned());
            break;
        }
    }
    let addr = addr.context("the server did not say where it is running")?;
    let mut ok = false;
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
            let _ = write!(s, "GET /healthz HTTP/1.0\r\nHost: {addr}\r\n\r\n");
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            if buf.starts_with("HTTP/1.0 200") || buf.starts_with("HTTP/1.1 200") {
                ok = true;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    if !ok {
        bail!("the server did not answer /healthz");
    }
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmRSS")?;
    Ok(kb / 1024.0)
}

/// Runs the benchmark and prints a table.
pub async fn run(args: BenchArgs) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("cairn-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = args
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.join("bench.db").display()));
    let app = crate::open(&url).await?;
    let started = Instant::now();
    cairn_app::demo::build(
        &app,
        "bench-password-not-secret",
        cairn_app::demo::Scale::Board,
    )
    .await?;
    println!(
        "Board-scale data ready in {:.1} s ({url})",
        started.elapsed().as_secs_f64()
    );
    // Sign in as the board's lead, through the real sign-in.
    let lead_email = "lead@synthetic-1.cairn.test";
    let (lead, org) = {
        let mut h = app.db.acquire().await?;
        let u = cairn_db::accounts::find_user_by_email(&mut h.conn(), lead_email)
            .await?
            .context("no board lead")?;
        (
            u.id,
            u.organisation_id.context("lead without organisation")?,
        )
    };
    let hash = password_hash("bench-password-not-secret").await?;
    {
        let mut tx = app.db.begin().await?;
        cairn_db::accounts::set_password(&mut tx.conn(), lead, &hash, app.now()).await?;
        tx.commit().await?;
    }
    let session =
        cairn_app::accounts::sign_in(&app, lead_email, "bench-password-not-secret", "bench")
            .await?;
    let cookie = format!("{}={}", cairn_web::context::SESSION_COOKIE, session.secret);
    let unit = {
        let mut h = app.db.acquire().await?;
        cairn_db::units::list_units(&mut h.conn(), org, None, None, 1)
            .await?
            .into_iter()
            .next()
            .context("no unit")?
            .id
    };
    let state = AppState {
        app: app.clone(),
        config: Arc::new(WebConfig {
            base_url: "http://127.0.0.1".into(),
            secure_cookies: false,
        }),
    };
    let router = cairn_web::router(state);
    let results = vec![
        measure(
            &router,
            "people list, first 50, filtered by unit",
            &format!("/people?unit_id={unit}"),
            &cookie,
            args.iterations,
            PAGE_TARGET_MS,
        )
        .await?,
        measure(
            &router,
            "unit page",
            &format!("/units/{unit}"),
            &cookie,
            args.iterations,
            PAGE_TARGET_MS,
        )
        .await?,
        measure(
            &router,
            "unit self-assessment page",
            &format!("/units/{unit}/assessment"),
            &cookie,
            args.iterations,
            PAGE_TARGET_MS,
        )
        .await?,
        measure(
            &router,
            "service-wide assessment view",
            "/assessment",
            &cookie,
            args.iterations,
            SERVICE_TARGET_MS,
        )
        .await?,
    ];
    app.db.close().await;
    let rss = rss_of_server(&url)?;
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "page (board scale, SQLite)", "median ms", "p95 ms", "target"
    );
    let mut missed = Vec::new();
    for r in &results {
        println!(
            "{:<44} {:>10.2} {:>10.2} {:>9}<{}",
            r.name, r.median_ms, r.p95_ms, "", r.target_ms
        );
        if r.median_ms >= r.target_ms {
            missed.push(r.name);
        }
    }
    println!(
        "{:<44} {:>10.1} {:>10} {:>9}<{}",
        "server resident memory after start (MB)", rss, "", "", RSS_TARGET_MB
    );
    if rss >= RSS_TARGET_MB {
        missed.push("resident memory");
    }
    if args.database_url.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if args.check && !missed.is_empty() {
        bail!("targets missed: {}", missed.join(", "));
    }
    Ok(())
}

async fn password_hash(pw: &str) -> Result<String> {
    let pw = pw.to_owned();
    Ok(tokio::task::spawn_blocking(move || password_auth::generate_hash(pw)).await?)
}
