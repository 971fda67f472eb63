//! `cairn serve`: the HTTP server, its limits and how it stops.
//!
//! We run hyper's HTTP/1.1 connection loop ourselves instead of `axum::serve`, which has no
//! timeouts and no connection cap: a few hundred clients that open a connection and send
//! nothing (or a header a byte a minute) would otherwise hold file descriptors until the
//! process runs out and even `/healthz` stops answering. Each connection here has a watchdog
//! (see [`Activity`]): a request's head must arrive within `--header-timeout` of the
//! connection opening (or of its first byte, on a kept-alive connection), and a kept-alive
//! connection is closed after `--idle-timeout` without a request. A request — its body
//! included — must be answered within `--request-timeout`, so a body trickled in a byte at a
//! time is cut too. At most `--max-connections` connections are open at once; beyond that new
//! ones wait in the kernel's queue until a slot frees.
//!
//! SIGTERM and SIGINT stop the server the same way: the listening socket is closed at once (new
//! connections are refused), requests in progress finish within `--shutdown-grace`, idle
//! connections are closed, the background worker finishes its round, then the database pool
//! is closed and the process exits 0. Connections still busy after the grace are dropped.

use anyhow::{Context, Result};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use cairn_app::App;
use cairn_app::accounts::SetupCode;
use cairn_web::{AppState, WebConfig};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{Notify, Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;
use tower_http::timeout::TimeoutLayer;

/// The server's limits, from flags or `CAIRN_*` variables.
#[derive(clap::Args, Clone, Debug)]
pub struct Limits {
    /// Seconds a client has to send a request's head (request line and headers), counted from
    /// when the connection opens or, on a kept-alive connection, from the head's first byte.
    #[arg(long, env = "CAIRN_HEADER_TIMEOUT", default_value = "10", value_parser = positive_seconds)]
    pub header_timeout: Duration,
    /// Seconds a kept-alive connection may wait for its next request. Longer than a reverse
    /// proxy's own idle limit, so the proxy closes first and never sends on a closing connection.
    #[arg(long, env = "CAIRN_IDLE_TIMEOUT", default_value = "75", value_parser = positive_seconds)]
    pub idle_timeout: Duration,
    /// Seconds a request may take from its head to its answer, reading its body included (a
    /// 5 MiB upload needs about 700 kbit/s to arrive in 60 s). Beyond it: 408.
    #[arg(long, env = "CAIRN_REQUEST_TIMEOUT", default_value = "60", value_parser = positive_seconds)]
    pub request_timeout: Duration,
    /// Most connections open at once; more wait until one closes.
    #[arg(long, env = "CAIRN_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Seconds requests in progress may take to finish after SIGTERM or SIGINT.
    #[arg(long, env = "CAIRN_SHUTDOWN_GRACE", default_value = "30", value_parser = seconds)]
    pub shutdown_grace: Duration,
}

/// Who may read `/metrics`, from flags or `CAIRN_*` variables. With neither set it is not
/// served: request counts by route are not for anyone who can reach the site.
#[derive(clap::Args, Clone)]
pub struct MetricsAccess {
    /// A secret a scraper sends as `Authorization: Bearer …` to read `/metrics` on the main
    /// address.
    #[arg(long, env = "CAIRN_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// A separate address serving only `/metrics`, without a token (bind it to a private
    /// network or 127.0.0.1).
    #[arg(long, env = "CAIRN_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
}

/// Seconds, whole or decimal ("0.5"), for the limits above.
fn seconds(s: &str) -> Result<Duration, String> {
    let n: f64 = s
        .parse()
        .map_err(|_| format!("{s} is not a number of seconds"))?;
    Duration::try_from_secs_f64(n).map_err(|_| format!("{s} is not a number of seconds"))
}

/// Seconds above zero: a timeout of nothing would close every connection at once.
fn positive_seconds(s: &str) -> Result<Duration, String> {
    let d = seconds(s)?;
    if d.is_zero() {
        return Err("must be more than 0 seconds".into());
    }
    Ok(d)
}

/// Serves `app` on `addr` until SIGTERM or SIGINT.
pub async fn run(
    app: App,
    addr: SocketAddr,
    base_url: Option<String>,
    trusted_proxies: Vec<cairn_web::client::IpRange>,
    limits: Limits,
    metrics: MetricsAccess,
) -> Result<()> {
    // Listen for the stop signals before anything else: a signal that came before the
    // handlers were installed would kill the process without a graceful stop.
    let mut signals = Signals::new()?;
    // Forms are checked against the base address's origin only when it was set: the default
    // (http://ADDR) is rarely what a browser behind a proxy shows.
    let public_origin = base_url.as_deref().and_then(cairn_web::client::origin_of);
    let base_url = base_url.unwrap_or_else(|| format!("http://{addr}"));
    let secure = base_url.starts_with("https://");
    let state = AppState {
        app: app.clone(),
        config: Arc::new(WebConfig {
            base_url,
            secure_cookies: secure,
            public_origin,
            trusted_proxies,
            metrics_token: metrics.metrics_token.filter(|t| !t.is_empty()),
        }),
    };
    let (stop_worker, worker_stopped) = watch::channel(false);
    let mut worker = tokio::spawn(background(
        app.clone(),
        state.config.base_url.clone(),
        worker_stopped,
    ));

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    // The address actually bound, so `--addr 127.0.0.1:0` prints a usable one.
    match cairn_app::accounts::issue_setup_code(&app).await? {
        SetupCode::Issued(code) => {
            println!(
                "Cairn has no accounts yet. Open http://{local}/setup and enter this one-time set-up code: {code}"
            );
            println!(
                "(Or create an administrator with: cairn admin create --organisation NAME --email EMAIL)"
            );
        }
        // Instances starting together share the first one's code (see `issue_setup_code`).
        SetupCode::PrintedElsewhere(at) => {
            println!(
                "Cairn has no accounts yet. Another instance printed the set-up code at {} (UTC); use that one, or make a new one with: cairn setup-code",
                jiff::Timestamp::from_millisecond(at)
                    .map_or_else(|_| at.to_string(), |t| t.to_string())
            );
        }
        SetupCode::NotNeeded => {}
    }
    println!("Cairn is running at http://{local}");
    let metrics_server = match metrics.metrics_addr {
        Some(at) => {
            let l = tokio::net::TcpListener::bind(at)
                .await
                .with_context(|| format!("cannot listen on {at} for metrics"))?;
            println!("Metrics at http://{}/metrics", l.local_addr()?);
            Some(tokio::spawn(
                axum::serve(l, cairn_web::health::metrics_router()).into_future(),
            ))
        }
        None => None,
    };

    let router = cairn_web::router(state).layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        limits.request_timeout,
    ));
    let mut http = hyper::server::conn::http1::Builder::new();
    // Our watchdog times heads and idle connections; hyper's own header timer would also close
    // idle kept-alive connections at the header limit.
    http.header_read_timeout(None);
    let slots = Arc::new(Semaphore::new(limits.max_connections as usize));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();

    let signal = loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s.context("connection slots closed")?,
            name = signals.next() => break name,
        };
        let (stream, remote) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Usually out of file descriptors: wait rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            name = signals.next() => break name,
        };
        // Reap finished connections so the set holds only live ones.
        while connections.try_join_next().is_some() {}
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Tracked {
            stream,
            activity: activity.clone(),
        });
        let router = router.clone();
        let busy = activity.clone();
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            // Handlers read the client's address as axum's `ConnectInfo`.
            req.extensions_mut().insert(ConnectInfo(remote));
            let handling = busy.handling();
            let router = router.clone();
            async move {
                let res = router.oneshot(req.map(axum::body::Body::new)).await;
                drop(handling);
                res
            }
        });
        let conn = graceful.watch(http.serve_connection(io, service));
        let limits = limits.clone();
        connections.spawn(async move {
            let _slot = slot;
            tokio::select! {
                r = conn => if let Err(e) = r {
                    tracing::debug!(%remote, error = %e, "connection ended with an error");
                },
                () = activity.expired(&limits) => {
                    tracing::debug!(%remote, "closed a connection that was idle or slow to send its request");
                }
            }
        });
    };

    // Closing the socket makes new connections fail at once instead of queueing unanswered.
    drop(listener);
    if let Some(m) = metrics_server {
        m.abort();
    }
    while connections.try_join_next().is_some() {}
    tracing::info!(
        signal,
        connections = connections.len(),
        grace_seconds = limits.shutdown_grace.as_secs_f64(),
        "stopping: refusing new connections, finishing requests in progress"
    );
    let _ = stop_worker.send(true);
    let deadline = tokio::time::Instant::now() + limits.shutdown_grace;
    let finished = tokio::select! {
        r = tokio::time::timeout_at(deadline, graceful.shutdown()) => r.is_ok(),
        name = signals.next() => {
            tracing::warn!(signal = name, "second stop signal: not waiting for requests in progress");
            false
        }
    };
    if !finished {
        tracing::warn!(
            connections = connections.len(),
            "dropping connections still open after the grace"
        );
    }
    // Dropped connections drop their handlers, which hand their database connections back.
    connections.shutdown().await;
    if tokio::time::timeout_at(deadline, &mut worker)
        .await
        .is_err()
    {
        tracing::warn!("the background worker did not finish its round within the grace");
        worker.abort();
    }
    // Closing waits for every database connection to come back; none should be out now, but a
    // stop must not hang on one.
    if tokio::time::timeout(Duration::from_secs(5), app.db.close())
        .await
        .is_err()
    {
        tracing::warn!("the database pool did not close within 5 seconds");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Sends queued e-mail and due webhook deliveries and clears expired sessions every 10 seconds, brings the playbook's
/// raised challenges up to date every 10 minutes (and once at start), and applies each
/// organisation's retention policy once a day, until told to stop. A round that has started
/// is finished, so no message is left half-sent.
async fn background(app: App, base_url: String, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    let mut last_sweep: Option<std::time::Instant> = None;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = cairn_app::notices::deliver_pending(&app).await {
            tracing::warn!(error = %e, "e-mail delivery round failed");
        }
        // Links in webhook payloads are made absolute on the deployment's public address.
        if let Err(e) = cairn_app::webhooks::deliver_due(&app, &base_url).await {
            tracing::warn!(error = %e, "webhook delivery round failed");
        }
        if let Err(e) = purge_expired(&app).await {
            tracing::warn!(error = %e, "clearing expired sessions failed");
        }
        if let Err(e) = cairn_app::retention::run_daily(&app).await {
            tracing::warn!(error = %e, "the daily retention run failed");
        }
        if last_sweep.is_none_or(|at| at.elapsed() >= PLAYBOOK_SWEEP) {
            last_sweep = Some(std::time::Instant::now());
            if let Err(e) = cairn_app::playbook::sweep(&app).await {
                tracing::warn!(error = %e, "the playbook sweep failed");
            }
        }
    }
}

/// How often every unit's playbook signals are worked out again. A unit's own playbook page
/// works its signals out when read, so a lead acting on one sees it at once.
const PLAYBOOK_SWEEP: Duration = Duration::from_secs(600);

/// Clears sessions that have expired, sign-in failures older than a day, and kiosk senders'
/// address hashes older than the kiosk limit's window.
async fn purge_expired(app: &App) -> Result<(), cairn_db::DbError> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::accounts::purge_expired(&mut tx.conn(), now, now - 24 * 60 * 60 * 1000).await?;
    let window_start = (now - cairn_app::feedback::KIOSK_WINDOW_MS).div_euclid(60_000);
    cairn_db::feedback::purge_address_posts(&mut tx.conn(), window_start).await?;
    tx.commit().await
}

/// SIGTERM and SIGINT, installed together when the server starts.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
                int: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Waits for the next stop signal and names it.
    async fn next(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.term.recv() => "SIGTERM",
                _ = self.int.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

/// What one connection is doing, for its watchdog.
struct Activity {
    state: Mutex<ActivityState>,
    /// Wakes the watchdog when its deadline may have moved earlier.
    changed: Notify,
}

struct ActivityState {
    /// Requests being handled (0 or 1 on HTTP/1.1). While one is, the request timeout applies.
    handling: usize,
    /// When the head now being received started: the connection's opening, or the first byte
    /// after the previous answer. `None` while idle between requests or while handling.
    head_since: Option<Instant>,
    /// The last byte read or written, or the end of the last handler.
    last: Instant,
}

impl Activity {
    fn new() -> Self {
        let now = Instant::now();
        Activity {
            state: Mutex::new(ActivityState {
                handling: 0,
                head_since: Some(now),
                last: now,
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ActivityState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn read_some(&self) {
        let mut s = self.lock();
        s.last = Instant::now();
        if s.handling == 0 && s.head_since.is_none() {
            s.head_since = Some(s.last);
            drop(s);
            self.changed.notify_one();
        }
    }

    fn wrote_some(&self) {
        self.lock().last = Instant::now();
    }

    /// Marks a request as being handled until the returned guard is dropped.
    fn handling(self: &Arc<Self>) -> Handling {
        let mut s = self.lock();
        s.handling += 1;
        s.head_since = None;
        Handling(self.clone())
    }

    /// Resolves when the connection has broken a limit: its head took too long, or it sat idle.
    async fn expired(&self, limits: &Limits) {
        loop {
            let deadline = {
                let s = self.lock();
                if s.handling > 0 {
                    None
                } else if let Some(since) = s.head_since {
                    Some(since + limits.header_timeout)
                } else {
                    Some(s.last + limits.idle_timeout)
                }
            };
            match deadline {
                Some(d) if d <= Instant::now() => return,
                Some(d) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(d.into()) => {}
                        () = self.changed.notified() => {}
                    }
                }
                None => self.changed.notified().await,
            }
        }
    }
}

/// A request being handled; dropping it (the answer is ready, or the connection went away)
/// starts the idle clock.
struct Handling(Arc<Activity>);

impl Drop for Handling {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.handling = s.handling.saturating_sub(1);
        s.last = Instant::now();
        drop(s);
        self.0.changed.notify_one();
    }
}

/// A TCP stream that tells its connection's [`Activity`] about every byte.
struct Tracked {
    stream: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.activity.read_some();
        }
        r
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.stream).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.wrote_some();
        }
        r
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.wrote_some();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
