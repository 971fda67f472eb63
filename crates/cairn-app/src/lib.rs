//! Cairn's use cases. Every public function takes the [`Actor`] first, checks permission and
//! unit scope before anything else, validates, then does its writes in one transaction that
//! includes the audit row. Handlers in `cairn-web` call exactly one of these per request.
//!
//! The clock and the translator come in through [`App`], so tests can fix the time and the web
//! layer supplies Fluent without this crate depending on it. So does the cost of hashing
//! passwords ([`PasswordCost`]), so tests can make it cheap while the binary keeps it strong.

pub mod accounts;
pub mod audit;
pub mod cache;
pub mod demo;
pub mod easy_read;
pub mod feedback;
pub mod handbook;
pub mod identity;
pub mod meetings;
pub mod model;
pub mod notices;
pub mod payments;
pub mod people;
pub mod playbook;
pub mod principles;
pub mod reports;
pub mod retention;
pub mod roles;
pub mod surveys;
pub mod training;
pub mod translation;
pub mod units;
pub mod webhooks;

pub use accounts::PasswordCost;
use cairn_db::{Db, DbError};
use cairn_domain::FieldErrors;
pub use cairn_domain::access::Actor;
use cairn_domain::people::Language;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// What can go wrong in a use case. The web layer maps each to a status and a localised page.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A conflict with a Fluent id explaining it.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many attempts; try again later.
    #[error("throttled")]
    Throttled,
    #[error("unexpected: {0}")]
    Unexpected(String),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict => AppError::Conflict("error-conflict"),
            DbError::Reference => AppError::NotFound,
            other => AppError::Unexpected(other.to_string()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

/// Result of a use case.
pub type AppResult<T> = Result<T, AppError>;

/// Turns Fluent message ids into text in a language. Implemented by the web layer.
pub trait Translator: Send + Sync {
    /// The message `id` in `lang` with named arguments.
    fn message(&self, lang: Language, id: &str, args: &[(&str, String)]) -> String;
}

/// Where "now" comes from: the system clock, or a fixed, settable instant in tests.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Clock(None)
    }

    /// A clock stopped at `ms`; move it with [`Clock::set`].
    pub fn fixed(ms: i64) -> Self {
        Clock(Some(Arc::new(AtomicI64::new(ms))))
    }

    /// Moves a fixed clock (no effect on the system clock).
    pub fn set(&self, ms: i64) {
        if let Some(a) = &self.0 {
            a.store(ms, Ordering::SeqCst);
        }
    }

    /// UTC milliseconds now.
    pub fn now_ms(&self) -> i64 {
        match &self.0 {
            Some(a) => a.load(Ordering::SeqCst),
            None => cairn_db::now_ms(),
        }
    }
}

/// Everything a use case needs: the database, the clock, the translator, and how hard to hash
/// passwords.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Clock,
    pub translator: Arc<dyn Translator>,
    pub password_cost: PasswordCost,
    /// The organisations' settings, held while their version stands (see [`cache`]).
    pub organisations: cache::OrganisationCache,
    /// The organisations' units, held under the same version (see [`cache::units`]).
    pub units: cache::UnitsCache,
    /// The organisations' model practices, version and rounds, under the same version (see
    /// [`cache::model`]).
    pub model: cache::ModelCache,
    /// The organisations' suggestion statuses, under the same version (see
    /// [`cache::statuses`]).
    pub statuses: cache::StatusesCache,
    /// Organisations this instance has seen with their model's practices in place. Practices
    /// are never deleted, so once seen there is nothing to check again (see `model::ensure`).
    models_in_place: Arc<std::sync::Mutex<std::collections::HashSet<i64>>>,
}

impl App {
    /// Builds the use-case context, hashing passwords at the strong cost.
    pub fn new(db: Db, clock: Clock, translator: Arc<dyn Translator>) -> Self {
        App {
            db,
            clock,
            translator,
            password_cost: PasswordCost::Strong,
            organisations: cache::OrganisationCache::default(),
            units: cache::UnitsCache::default(),
            model: cache::ModelCache::default(),
            statuses: cache::StatusesCache::default(),
            models_in_place: Arc::default(),
        }
    }

    /// The same context hashing new passwords at `cost`. Tests use [`PasswordCost::Test`].
    pub fn with_password_cost(self, cost: PasswordCost) -> Self {
        App {
            password_cost: cost,
            ..self
        }
    }

    /// UTC milliseconds now.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Has this instance seen organisation `org`'s model in place?
    pub(crate) fn model_in_place(&self, org: i64) -> bool {
        self.models_in_place
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(&org)
    }

    /// Notes that organisation `org`'s model is in place.
    pub(crate) fn note_model_in_place(&self, org: i64) {
        self.models_in_place
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(org);
    }

    /// Organisation `id` as it is at settings version `version` (read with the session): the
    /// held copy when its version is that one, else read afresh on `c` and held.
    pub(crate) async fn organisation_at(
        &self,
        c: &mut cairn_db::Conn<'_>,
        id: i64,
        version: i64,
    ) -> AppResult<Arc<cairn_db::units::Organisation>> {
        if let Some(held) = self.organisations.get(id, version) {
            return Ok(held);
        }
        let read = cairn_db::units::get_organisation(c, id).await?;
        Ok(self.organisations.put(read.id, read.settings_version, read))
    }
}

/// Checks a permission, or fails with `Forbidden`.
pub fn require(actor: &Actor, p: cairn_domain::Permission) -> AppResult<()> {
    if actor.can(p) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A refusal with one message beside one field.
pub(crate) fn invalid(field: &str, code: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, code);
    AppError::Invalid(e)
}

/// The organisation's clock: today on its calendar, and its time zone.
pub(crate) async fn org_clock(
    c: &mut cairn_db::Conn<'_>,
    app: &App,
    org: i64,
) -> AppResult<(jiff::civil::Date, jiff::tz::TimeZone)> {
    // The time zone is only read here, so the request's copy serves (see `cache`).
    let o = crate::cache::organisation(c, org).await?;
    let tz = cairn_domain::time::time_zone(&o.time_zone);
    Ok((cairn_domain::time::local_date(app.now(), &tz), tz))
}

/// Today on the organisation's calendar.
pub(crate) async fn org_today(
    c: &mut cairn_db::Conn<'_>,
    app: &App,
    org: i64,
) -> AppResult<jiff::civil::Date> {
    Ok(org_clock(c, app, org).await?.0)
}

/// The actor's organisation, or `Forbidden` for accounts without one.
pub fn org_of(actor: &Actor) -> AppResult<i64> {
    actor.organisation_id.ok_or(AppError::Forbidden)
}
