//! The organisations' settings one instance holds in memory. Every signed-in request reads its
//! organisation's settings version with the session (one query); a held copy is used only
//! while its version is that one, so a change made through any instance is seen by every
//! other on its very next request. The version is bumped by a trigger in the same transaction
//! as the change, so a copy can never be newer than its number says.

use crate::AppResult;
use cairn_db::units::Organisation;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Most organisations one instance holds. A deployment serves a handful; beyond this the
/// cache starts again rather than growing without bound.
const MOST_HELD: usize = 64;

/// Organisations by id, each as last read, with its settings version inside.
#[derive(Clone, Default)]
pub struct OrganisationCache(Arc<Mutex<HashMap<i64, Arc<Organisation>>>>);

impl OrganisationCache {
    /// The copy of organisation `id`, if one is held at exactly settings version `version`.
    pub fn get(&self, id: i64, version: i64) -> Option<Arc<Organisation>> {
        self.held()
            .get(&id)
            .filter(|o| o.settings_version == version)
            .cloned()
    }

    /// Holds a copy just read, unless a newer one is held already (a slower reader must not
    /// put an older copy back).
    pub fn put(&self, org: Organisation) -> Arc<Organisation> {
        let mut held = self.held();
        if let Some(newer) = held
            .get(&org.id)
            .filter(|o| o.settings_version > org.settings_version)
        {
            return Arc::clone(newer);
        }
        if held.len() >= MOST_HELD && !held.contains_key(&org.id) {
            held.clear();
        }
        let org = Arc::new(org);
        held.insert(org.id, Arc::clone(&org));
        org
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<Organisation>>> {
        // Every change to the map is a single insert or clear, so a panic elsewhere while the
        // lock was held cannot have left it half-changed.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

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
