//! Tokens held by this instance: a cache keyed by connection, and the updates the platform has
//! not collected yet (`auth.token-updates`). Keys are hashes, so no secret is ever a key.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::wit::types::TokenSet;

struct Store {
    cache: HashMap<String, TokenSet>,
    updates: Vec<(String, TokenSet)>,
}

static STORE: Mutex<Option<Store>> = Mutex::new(None);

fn with<T>(f: impl FnOnce(&mut Store) -> T) -> T {
    // A poisoned lock only means a panic elsewhere; the map itself is still consistent.
    let mut guard = STORE.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(|| Store { cache: HashMap::new(), updates: Vec::new() }))
}

/// A hex SHA-256 over the parts, separated so `("ab","c")` and `("a","bc")` differ.
pub(crate) fn key(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The cached tokens for a connection key.
pub(crate) fn get(key: &str) -> Option<TokenSet> {
    with(|s| s.cache.get(key).cloned())
}

/// Caches tokens without reporting them (they came from the platform).
pub(crate) fn remember(key: &str, tokens: TokenSet) {
    with(|s| {
        s.cache.insert(key.to_owned(), tokens);
    });
}

/// Caches tokens the instance obtained and queues them for the platform.
pub(crate) fn obtained(key: &str, tokens: TokenSet) {
    with(|s| {
        s.cache.insert(key.to_owned(), tokens.clone());
        s.updates.push((key.to_owned(), tokens));
    });
}

/// Drops a connection's cached tokens so the next call renews them.
pub(crate) fn forget(key: &str) {
    with(|s| {
        s.cache.remove(key);
    });
}

/// Hands over every queued update, oldest first, once.
pub(crate) fn take_updates() -> Vec<(String, TokenSet)> {
    with(|s| std::mem::take(&mut s.updates))
}

/// Serializes the tests that take the queue: each takes every update, other tests' included.
#[cfg(test)]
pub(crate) fn queue_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(token: &str) -> TokenSet {
        TokenSet { access_token: token.into(), refresh_token: None, expires_at: 1, scopes: Vec::new() }
    }

    #[test]
    fn updates_are_handed_over_once_and_cache_survives() {
        let _queue = queue_lock();
        let k = key(&["token-store-test", "a"]);
        obtained(&k, set("t1"));
        let updates: Vec<_> = take_updates().into_iter().filter(|(key, _)| *key == k).collect();
        assert_eq!(updates.len(), 1);
        assert!(take_updates().iter().all(|(key, _)| *key != k));
        assert_eq!(get(&k).unwrap().access_token, "t1");
        forget(&k);
        assert!(get(&k).is_none());
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
    }
}
