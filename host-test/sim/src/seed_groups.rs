//! Seeded groups: four groups of the account, one holding the first three
//! colleagues of the admin, one with a single member, two empty (where an
//! onboarding recipe adds people).

use super::groups::{self, Group};
use super::store::Store;

/// (name, indexes into the seeded users).
const GROUPS: &[(&str, &[usize])] =
    &[("Developers", &[1, 2, 3]), ("Sales", &[2]), ("New Hires", &[]), ("Support", &[])];

pub(crate) fn seed(store: &mut Store) {
    for &(name, members) in GROUPS {
        let id = store.rng.alnum(22);
        let members: Vec<String> =
            members.iter().filter_map(|&i| store.users.get(i)?["id"].as_str().map(String::from)).collect();
        for m in &members {
            groups::set_membership(store, m, &id, true);
        }
        store.groups.push(Group { id, name: name.to_string(), members });
    }
}

/// The seeded groups' ids, in list order.
pub(crate) fn ids(store: &Store) -> Vec<String> {
    store.groups.iter().map(|g| g.id.clone()).collect()
}
