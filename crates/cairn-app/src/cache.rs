//! The organisations' settings, their units, their model and their suggestion statuses, one
//! instance holds in memory. Every signed-in request reads its organisation's settings version
//! with the session (one query); a held copy is used only while its version is that one, so a
//! change made through any instance is seen by every other on its very next request. The
//! version is bumped by a trigger in the same transaction as the change (to the organisation's
//! row, to any of its units, to its model's practices, version or rounds, or to its suggestion
//! statuses), so a copy can never be older than its number says.

use crate::{App, AppResult};
use cairn_db::model::{Practice, Round};
use cairn_db::units::{Organisation, Unit};
use cairn_domain::feedback::StatusDef;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Most organisations one instance holds. A deployment serves a handful; beyond this the
/// cache starts again rather than growing without bound.
const MOST_HELD: usize = 64;

/// Most units read for an organisation's list: far more than any service has.
const MOST_UNITS: i64 = 10_000;

/// Values by organisation id, each with the settings version it was read at.
type Held<T> = HashMap<i64, (i64, Arc<T>)>;

/// One value per organisation, each held with the settings version it was read at.
pub struct ByVersion<T>(Arc<Mutex<Held<T>>>);

impl<T> Clone for ByVersion<T> {
    fn clone(&self) -> Self {
        ByVersion(Arc::clone(&self.0))
    }
}

impl<T> Default for ByVersion<T> {
    fn default() -> Self {
        ByVersion(Arc::default())
    }
}

impl<T> ByVersion<T> {
    /// The copy for organisation `id`, if one is held at exactly settings version `version`.
    pub fn get(&self, id: i64, version: i64) -> Option<Arc<T>> {
        self.held()
            .get(&id)
            .filter(|(v, _)| *v == version)
            .map(|(_, value)| Arc::clone(value))
    }

    /// Holds a copy read at `version` or later, unless one for a newer version is held already
    /// (a slower reader must not put an older copy back).
    pub fn put(&self, id: i64, version: i64, value: T) -> Arc<T> {
        let mut held = self.held();
        if let Some((_, newer)) = held.get(&id).filter(|(v, _)| *v > version) {
            return Arc::clone(newer);
        }
        if held.len() >= MOST_HELD && !held.contains_key(&id) {
            held.clear();
        }
        let value = Arc::new(value);
        held.insert(id, (version, Arc::clone(&value)));
        value
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held<T>> {
        // Every change to the map is a single insert or clear, so a panic elsewhere while the
        // lock was held cannot have left it half-changed.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Organisations by id, each as last read, with its settings version inside.
pub type OrganisationCache = ByVersion<Organisation>;

/// Each organisation's units, ordered by name. A change to a unit moves its organisation's
/// settings version on (migration 0038), so they are held under that number too.
pub type UnitsCache = ByVersion<Vec<Unit>>;

/// What the model's pages read of an organisation's model.
#[derive(Debug, Clone)]
pub struct ModelSettings {
    /// Every practice, retired ones too, in the catalogue's order.
    pub practices: Vec<Practice>,
    /// The model's version (0 before its first change).
    pub version: i64,
    /// The assessment rounds, newest first.
    pub rounds: Vec<Round>,
}

/// Each organisation's [`ModelSettings`]. A change to a practice, the model's version or a
/// round moves its organisation's settings version on (migration 0040).
pub type ModelCache = ByVersion<ModelSettings>;

/// Each organisation's suggestion statuses, in order. A change to one moves its organisation's
/// settings version on (migration 0042).
pub type StatusesCache = ByVersion<Vec<StatusDef>>;

tokio::task_local! {
    /// The organisation as the current request's own session read found it (see
    /// [`within_request`]).
    static REQUEST_ORGANISATION: Arc<Organisation>;
}

/// Runs `f` (one request) with `org` as the organisation its use cases read, instead of reading
/// it again: the copy the request's session read has just checked against the settings version,
/// so it is as current as the request. The web layer wraps each signed-in request in this.
pub async fn within_request<F: Future>(org: Arc<Organisation>, f: F) -> F::Output {
    REQUEST_ORGANISATION.scope(org, f).await
}

/// Organisation `id` for a use case that only reads it: the current request's copy when it is
/// that organisation, else read on `c`. A use case that changes the organisation's row reads
/// it with `cairn_db::units::get_organisation`, so it sees its own change.
pub(crate) async fn organisation(
    c: &mut cairn_db::Conn<'_>,
    id: i64,
) -> AppResult<Arc<Organisation>> {
    let held = REQUEST_ORGANISATION
        .try_with(|o| (o.id == id).then(|| Arc::clone(o)))
        .ok()
        .flatten();
    match held {
        Some(o) => Ok(o),
        None => Ok(Arc::new(cairn_db::units::get_organisation(c, id).await?)),
    }
}

/// Organisation `org`'s units, ordered by name (as `cairn_db::units::list_units` orders them):
/// the instance's copy while the current request's settings version stands, else read on `c`
/// and held for the requests after. Outside a request of that organisation they are read.
pub(crate) async fn units(
    app: &App,
    c: &mut cairn_db::Conn<'_>,
    org: i64,
) -> AppResult<Arc<Vec<Unit>>> {
    held(&app.units, org, async move || {
        Ok(cairn_db::units::list_units(c, org, None, None, MOST_UNITS).await?)
    })
    .await
}

/// Unit `id` of organisation `org`, from the [`units`] held for it; read on its own only when
/// the held list does not have it, so that an id of another organisation, or of none, is
/// still answered by the database as not found.
pub(crate) async fn unit(
    app: &App,
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    id: i64,
) -> AppResult<Unit> {
    let held = units(app, c, org).await?;
    match held.iter().find(|u| u.id == id) {
        Some(u) => Ok(u.clone()),
        None => Ok(cairn_db::units::get_unit(c, org, id).await?),
    }
}

/// Organisation `org`'s [`ModelSettings`], held as [`units`] are.
pub(crate) async fn model(
    app: &App,
    c: &mut cairn_db::Conn<'_>,
    org: i64,
) -> AppResult<Arc<ModelSettings>> {
    held(&app.model, org, async move || {
        Ok(ModelSettings {
            practices: cairn_db::model::list_practices(c, org).await?,
            version: cairn_db::model::current_version(c, org).await?,
            rounds: cairn_db::model::list_rounds(c, org).await?,
        })
    })
    .await
}

/// Organisation `org`'s suggestion statuses in order, held as [`units`] are (none when the
/// organisation has never had any). A connection is taken only to read them.
pub(crate) async fn statuses(app: &App, org: i64) -> AppResult<Arc<Vec<StatusDef>>> {
    held(&app.statuses, org, async move || {
        let mut h = app.db.acquire().await?;
        Ok(cairn_db::feedback::list_statuses(&mut h.conn(), org).await?)
    })
    .await
}

/// The same statuses for a page that has just read the organisation itself at settings
/// version `version` (a public page, which has no session to read it with), read on `c` when
/// no copy of that version is held.
pub(crate) async fn statuses_at(
    app: &App,
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    version: i64,
) -> AppResult<Arc<Vec<StatusDef>>> {
    if let Some(held) = app.statuses.get(org, version) {
        return Ok(held);
    }
    let read = cairn_db::feedback::list_statuses(c, org).await?;
    Ok(app.statuses.put(org, version, read))
}

/// `cache`'s copy for `org` while the current request's settings version stands, else what
/// `read` reads, held for the requests after. Outside a request of that organisation, read.
///
/// The version was read with the session, before `read` runs, so a copy is never older than
/// the number it is held under; a change made in between is read too and only makes the next
/// request read again.
async fn held<T>(
    cache: &ByVersion<T>,
    org: i64,
    read: impl AsyncFnOnce() -> AppResult<T>,
) -> AppResult<Arc<T>> {
    let version = REQUEST_ORGANISATION
        .try_with(|o| (o.id == org).then_some(o.settings_version))
        .ok()
        .flatten();
    if let Some(held) = version.and_then(|v| cache.get(org, v)) {
        return Ok(held);
    }
    let read = read().await?;
    Ok(match version {
        Some(v) => cache.put(org, v, read),
        None => Arc::new(read),
    })
}
