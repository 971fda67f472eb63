//! The `cairn` binary: serves the web application and carries the admin commands.
//!
//! Configuration comes from flags or `CAIRN_*` environment variables (flags win). The database
//! URL's scheme picks the engine: `sqlite://file.db` (the default, created on first start) or
//! `postgres://…` for large and multi-instance deployments.

mod backup;
mod bench;
mod bench_data;
mod flat;
mod load;
mod serve;

use anyhow::{Context, Result, bail};
use cairn_app::{App, Clock};
use cairn_db::{ConnectOptions, Db};
use cairn_domain::Role;
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "cairn",
    version,
    about = "Cairn: co-production with the people who use mental-health services"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Database URL: sqlite://FILE or postgres://user@host/db (default sqlite://cairn.db;
    /// for `demo`, sqlite://cairn-demo.db so demo data never mixes with real data).
    #[arg(long, env = "CAIRN_DATABASE_URL")]
    database_url: Option<String>,
}

impl DbArgs {
    /// The database URL, or the default file.
    fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| "sqlite://cairn.db".into())
    }
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "CAIRN_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The address people use to reach Cairn, for links in e-mails (default: http://ADDR).
    #[arg(long, env = "CAIRN_BASE_URL")]
    base_url: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed, comma-separated addresses or networks
    /// (e.g. 127.0.0.1,10.0.0.0/8). Empty: the connection's own address is the client's.
    #[arg(long, env = "CAIRN_TRUSTED_PROXIES", default_value = "",
          value_parser = trusted_proxies)]
    trusted_proxies: TrustedProxies,
    #[command(flatten)]
    limits: serve::Limits,
    #[command(flatten)]
    metrics: serve::MetricsAccess,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Cairn (creates and migrates a SQLite database on first start).
    Serve(ServeArgs),
    /// Serve Cairn with the demo organisation and print the demo sign-ins.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Extra synthetic data for benchmarks: board (30 units, 2,000 people), board10 (30 units,
        /// 20,000 people, ten years) or national (60 board-sized organisations).
        #[arg(long, value_parser = ["demo", "board", "board10", "national"], default_value = "demo")]
        scale: String,
        /// Allow listening on an address other than loopback.
        #[arg(long)]
        allow_remote: bool,
        /// Build the data, then stop instead of serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Apply database migrations and stop.
    Migrate(DbArgs),
    /// Back up the database to FILE and check the copy (SQLite; PostgreSQL uses pg_dump).
    Backup {
        #[command(flatten)]
        db: DbArgs,
        /// Where to write the copy (a new file).
        file: String,
    },
    /// Replace the database with a backup made by `cairn backup`, while Cairn is stopped
    /// (SQLite; PostgreSQL uses pg_restore).
    Restore {
        #[command(flatten)]
        db: DbArgs,
        /// The backup to restore.
        file: String,
    },
    /// Print a new one-time set-up code (replacing any earlier one) while there are no accounts.
    SetupCode(DbArgs),
    /// Check the configuration and the database connection, then stop.
    CheckConfig(ServeArgs),
    /// Administrator accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Personal access tokens for the API.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Measure page render times and memory on board-scale data (SQLite); with --load, throughput
    /// under concurrent load over HTTP; with --flat, how page times grow from board to board10.
    Bench(bench::BenchArgs),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator: of ORGANISATION (created if new), or of the platform without one.
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        /// The password (or set CAIRN_ADMIN_PASSWORD).
        #[arg(long, env = "CAIRN_ADMIN_PASSWORD")]
        password: String,
        /// The organisation's name; leave out for a platform administrator.
        #[arg(long)]
        organisation: Option<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token for the account with this e-mail address and print it.
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

/// Opens and migrates the database and builds the use-case context. The lock keeps `cairn
/// restore` from replacing a SQLite file while it is open: hold it as long as the App.
pub(crate) async fn open(url: &str) -> Result<(App, backup::DbLock)> {
    let lock = backup::DbLock::shared(url)?;
    let db = Db::connect(url, &ConnectOptions::default())
        .await
        .with_context(|| format!("cannot open the database at {}", redact(url)))?;
    db.migrate().await.context("cannot apply migrations")?;
    let app = App::new(
        db,
        Clock::system(),
        Arc::new(cairn_web::i18n::FluentTranslator),
    );
    Ok((app, lock))
}

/// Hides a password in a database URL for printing.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Logs to standard output; `default` applies unless `CAIRN_LOG` says otherwise.
fn init_tracing(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CAIRN_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let json = std::env::var("CAIRN_LOG_FORMAT").is_ok_and(|v| v == "json");
    if json {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .json()
            .init();
    } else {
        // Colours only on a terminal: under systemd the journal would keep the escape codes.
        use std::io::IsTerminal;
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(std::io::stdout().is_terminal())
            .init();
    }
}

async fn serve(app: App, args: &ServeArgs) -> Result<()> {
    serve::run(
        app,
        args.addr,
        args.base_url.clone(),
        args.trusted_proxies.0.clone(),
        args.limits.clone(),
        args.metrics.clone(),
    )
    .await
}

fn demo_password() -> String {
    match std::env::var("CAIRN_DEMO_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            use rand::Rng;
            const WORDS: &[&str] = &[
                "cairn", "mynydd", "llwybr", "carreg", "copa", "afon", "nant", "derwen", "bedw",
                "celyn",
            ];
            let mut r = rand::rng();
            (0..4)
                .map(|_| WORDS[r.random_range(0..WORDS.len())])
                .collect::<Vec<_>>()
                .join("-")
        }
    }
}

/// See `mimalloc` in the workspace's `Cargo.toml` for why not the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    // The benchmark's own requests would drown its table in request logs.
    init_tracing(if matches!(cli.command, Command::Bench(_)) {
        "warn"
    } else {
        "info,sqlx=warn"
    });
    match cli.command {
        Command::Serve(args) => {
            let (app, _lock) = open(&args.db.url()).await?;
            serve(app, &args).await
        }
        Command::Demo {
            serve: args,
            scale,
            allow_remote,
            no_serve,
        } => {
            if !args.addr.ip().is_loopback() && !allow_remote {
                bail!(
                    "demo mode uses published passwords, so it only listens on a loopback address such as 127.0.0.1. Add --allow-remote if you really mean {}",
                    args.addr
                );
            }
            let url = args
                .db
                .database_url
                .clone()
                .unwrap_or_else(|| "sqlite://cairn-demo.db".into());
            let (app, _lock) = open(&url).await?;
            let password = demo_password();
            let scale = match scale.as_str() {
                "board" => cairn_app::demo::Scale::Board,
                "board10" => cairn_app::demo::Scale::Board10,
                "national" => cairn_app::demo::Scale::National,
                _ => cairn_app::demo::Scale::Demo,
            };
            cairn_app::demo::build(&app, &password, scale).await?;
            println!("Demo organisation ready on {}", redact(&url));
            println!(
                "Sign in at http://{}/sign-in with any of these, password: {password}",
                args.addr
            );
            for (email, role, _) in cairn_app::demo::DEMO_USERS {
                println!("  {email:<28} {}", role.key());
            }
            if no_serve {
                Ok(())
            } else {
                serve(app, &args).await
            }
        }
        Command::Migrate(db) => {
            let _ = open(&db.url()).await?;
            println!("Migrations applied to {}", redact(&db.url()));
            Ok(())
        }
        Command::Backup { db, file } => backup::backup(&db.url(), &file).await,
        Command::Restore { db, file } => backup::restore(&db.url(), &file).await,
        Command::SetupCode(db) => {
            let (app, _lock) = open(&db.url()).await?;
            match cairn_app::accounts::reissue_setup_code(&app).await? {
                Some(code) => {
                    println!("Open /setup and enter this one-time set-up code: {code}");
                    Ok(())
                }
                None => bail!("this deployment already has accounts; no set-up code is needed"),
            }
        }
        Command::CheckConfig(args) => {
            println!("Database: {}", redact(&args.db.url()));
            let (app, _lock) = open(&args.db.url()).await?;
            app.db.ping().await?;
            println!(
                "Database answers and migrations are applied ({:?}).",
                app.db.engine()
            );
            let base = args
                .base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", args.addr));
            url::Url::parse(&base)
                .with_context(|| format!("CAIRN_BASE_URL is not a valid address: {base}"))?;
            println!("Listening address: {}", args.addr);
            println!(
                "Base address for links: {base}{}",
                if base.starts_with("https://") {
                    ""
                } else {
                    " (not https: cookies will not be marked Secure)"
                }
            );
            println!("Configuration is OK.");
            Ok(())
        }
        Command::Admin(AdminCommand::Create {
            db,
            email,
            password,
            organisation,
        }) => {
            let (app, _lock) = open(&db.url()).await?;
            let role = if organisation.is_some() {
                Role::OrgAdmin
            } else {
                Role::PlatformAdmin
            };
            match cairn_app::accounts::create_admin(
                &app,
                organisation.as_deref(),
                &email,
                &password,
                role,
            )
            .await
            {
                Ok(id) => {
                    println!("Created {} account {id} for {email}", role.key());
                    Ok(())
                }
                Err(cairn_app::AppError::Invalid(errs)) => {
                    let t = cairn_web::i18n::Tr::new(cairn_domain::people::Language::En);
                    let msgs: Vec<String> = errs
                        .0
                        .iter()
                        .map(|e| format!("{}: {}", e.field, t.get(e.code)))
                        .collect();
                    bail!("{}", msgs.join("\n"))
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Token(TokenCommand::Create { db, email, name }) => {
            let (app, _lock) = open(&db.url()).await?;
            match cairn_app::accounts::create_token_for_email(&app, &email, &name).await {
                Ok(secret) => {
                    println!("{secret}");
                    Ok(())
                }
                Err(cairn_app::AppError::NotFound) => {
                    bail!("no account has the e-mail address {email}")
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Bench(args) => bench::run(args).await,
    }
}

/// The parsed `CAIRN_TRUSTED_PROXIES` (a newtype, so clap takes the whole list as one value).
#[derive(Debug, Clone, Default)]
struct TrustedProxies(Vec<cairn_web::client::IpRange>);

fn trusted_proxies(s: &str) -> Result<TrustedProxies, String> {
    cairn_web::client::IpRange::parse_list(s).map(TrustedProxies)
}
