//! The organisations' settings one instance holds in memory. Every signed-in request reads its
//! organisation's settings version with the session (one query); a held copy is used only
//! while its version is that one, so a change made through any instance is seen by every
//! other on its very next request. The version is bumped by a trigger in the same transaction
//! as the change, so a copy can never be newer than its number says.

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
