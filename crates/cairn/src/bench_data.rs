//! The data every `cairn bench` mode runs on: a synthetic board (board or board10 scale) on a
//! fresh SQLite file or the database given, with its co-production lead signed in through the
//! real sign-in, and the pages the load and flatness checks measure.

use anyhow::{Context, Result};
use cairn_app::demo::Scale;
use cairn_web::{AppState, WebConfig};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// The password the bench gives the board's lead (the data is synthetic and local).
const PASSWORD: &str = "bench-password-not-secret";
/// The lead of the first synthetic board.
const LEAD_EMAIL: &str = "lead@synthetic-1.cairn.test";

/// The data sets the bench can build.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchScale {
    /// 30 units, 2,000 people, 20,000 suggestions, two years of history.
    Board,
    /// 30 units, 20,000 people, 200,000 suggestions, ten years of history.
    Board10,
}

impl BenchScale {
    pub fn demo_scale(self) -> Scale {
        match self {
            BenchScale::Board => Scale::Board,
            BenchScale::Board10 => Scale::Board10,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            BenchScale::Board => "board",
            BenchScale::Board10 => "board10",
        }
    }
}

/// A built data set with the lead signed in.
pub struct Board {
    pub app: cairn_app::App,
    /// Held while the database is in use, as every command that opens it does.
    pub lock: crate::backup::DbLock,
    pub url: String,
    /// The temporary folder the bench works in (its SQLite file, server logs).
    pub dir: PathBuf,
    pub org: i64,
    pub lead: i64,
    /// The unit the unit-level pages are measured on.
    pub unit: i64,
    /// The lead's session cookie, `name=value`.
    pub cookie: String,
    /// How long building the data took, seconds.
    pub build_secs: f64,
}

/// The bench's temporary folder, one per run.
pub fn temp_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("cairn-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Removes the bench's temporary folder and the SQLite files in it.
pub fn remove_temp_dir() -> Result<()> {
    let dir = temp_dir()?;
    std::fs::remove_dir_all(&dir).with_context(|| format!("cannot remove {}", dir.display()))
}

/// Builds `scale`'s data on `url` (default: a new SQLite file in the temporary folder) and
/// signs the board's lead in.
pub async fn prepare(url: Option<&str>, scale: BenchScale) -> Result<Board> {
    let dir = temp_dir()?;
    let url = url.map_or_else(
        || {
            format!(
                "sqlite://{}",
                dir.join(format!("bench-{}.db", scale.key())).display()
            )
        },
        str::to_owned,
    );
    let (app, lock) = crate::open(&url).await?;
    let started = Instant::now();
    cairn_app::demo::build(&app, PASSWORD, scale.demo_scale()).await?;
    let build_secs = started.elapsed().as_secs_f64();
    if app.db.engine() == cairn_db::Engine::Postgres {
        // A running PostgreSQL keeps its planner statistics current and its pages marked
        // all-visible (autovacuum), but not within the seconds between a bulk load and the
        // first measurement: without statistics it plans for empty tables, and without the
        // visibility map every index-only count reads table pages too. SQLite keeps no
        // statistics unless asked, in the bench as in service.
        let mut h = app.db.acquire().await?;
        cairn_db::plan::settle(&mut h.conn()).await?;
    }
    println!(
        "{}-scale data ready in {build_secs:.1} s ({})",
        scale.key(),
        crate::redact(&url)
    );
    let (lead, org) = {
        let mut h = app.db.acquire().await?;
        let u = cairn_db::accounts::find_user_by_email(&mut h.conn(), LEAD_EMAIL)
            .await?
            .context("no board lead")?;
        (
            u.id,
            u.organisation_id.context("lead without organisation")?,
        )
    };
    let hash = crate::bench::password_hash(&app, PASSWORD).await?;
    {
        let mut tx = app.db.begin().await?;
        cairn_db::accounts::set_password(&mut tx.conn(), lead, &hash, app.now()).await?;
        tx.commit().await?;
    }
    let session = cairn_app::accounts::sign_in(&app, LEAD_EMAIL, PASSWORD, "bench").await?;
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
    Ok(Board {
        app,
        lock,
        url,
        dir,
        org,
        lead,
        unit,
        cookie,
        build_secs,
    })
}

/// The real router over `app`, configured as a plain-HTTP deployment.
pub fn router(app: &cairn_app::App) -> axum::Router {
    cairn_web::router(AppState {
        app: app.clone(),
        config: Arc::new(WebConfig {
            base_url: "http://127.0.0.1".into(),
            secure_cookies: false,
            ..Default::default()
        }),
    })
}

/// What a measured page is, which sets its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `/healthz`: the floor of the stack, the yardstick for the others.
    Floor,
    /// The signed-in account page: the session and one small read, rendered in the layout
    /// every page shares. A second yardstick with no target of its own: what any signed-in
    /// page costs before it reads what it shows.
    SignedIn,
    /// A list page that should read about one page of rows.
    List,
    /// The unit self-assessment and service-wide assessment pages.
    Assessment,
}

impl PageKind {
    /// Measured beside the pages to compare them with, with no target of its own.
    pub fn is_yardstick(self) -> bool {
        matches!(self, PageKind::Floor | PageKind::SignedIn)
    }
}

/// A page the load and flatness checks measure.
#[derive(Debug, Clone)]
pub struct Page {
    pub name: &'static str,
    pub path: String,
    pub kind: PageKind,
}

/// The measured pages, `/healthz` and the account page first: the lists filtered as a unit's
/// staff would filter them, and the assessment pages for one unit and for the whole service.
pub fn pages(org: i64, unit: i64) -> Vec<Page> {
    use PageKind::{Assessment, Floor, List, SignedIn};
    let page = |name, path: String, kind| Page { name, path, kind };
    vec![
        page("/healthz (the floor)", "/healthz".into(), Floor),
        page(
            "your account (signed in, one read)",
            "/account".into(),
            SignedIn,
        ),
        page(
            "people list, filtered by unit",
            format!("/people?unit_id={unit}"),
            List,
        ),
        page(
            "suggestions, filtered by unit and status",
            format!("/feedback?unit_id={unit}&status=done"),
            List,
        ),
        page(
            "a unit's \"you said, we did\" board",
            format!("/o/{org}/units/{unit}/you-said-we-did"),
            List,
        ),
        page("opportunities list", "/opportunities".into(), List),
        page("claims list", "/payments/claims".into(), List),
        page("meetings list", "/meetings".into(), List),
        page(
            "unit self-assessment",
            format!("/units/{unit}/assessment"),
            Assessment,
        ),
        page("service-wide assessment", "/assessment".into(), Assessment),
    ]
}
