//! Bulk users for scale runs (`Simulator::seed_users`, `zoom-host simulate --users N`): active
//! Basic and Licensed users with distinct ids and emails, built as the rest of the directory is,
//! without the per-user settings, meetings and sign-in history `seed_account` adds, so that
//! 100,000 of them take about a second.

use super::store::Store;
use super::users::{self, Profile};
use super::{clock, lock, Simulator};

const FIRST: &[&str] = &["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo"];
const DEPTS: &[&str] = &["Sales", "Support", "Engineering", "Marketing", "Finance"];

impl Simulator {
    /// Adds `n` active users to the directory; returns how many active users `GET /users`
    /// now lists (the seeded directory's own active users included).
    pub fn seed_users(&self, n: usize) -> usize {
        let mut store = lock(&self.store);
        add(&mut store, n);
        store.users.iter().filter(|u| u["status"] == "active").count()
    }
}

fn add(store: &mut Store, n: usize) {
    let now = clock::now_secs();
    let account_id = store.creds.account_id.clone();
    let account_number = store.admin()["account_number"].as_u64().unwrap_or(10_000_000);
    let base_url = store.base_url.clone();
    // Numbered past what is there, so repeated calls never repeat an email.
    let start = store.users.len();
    store.users.reserve(n);
    for i in start..start + n {
        let first = FIRST[i % FIRST.len()];
        let last = format!("Bulk{i:06}");
        let email = format!("{}.{}@bulk.example.com", first.to_lowercase(), last.to_lowercase());
        let user_type = if i % 4 == 0 { 2 } else { 1 };
        let profile = Profile {
            first,
            last: &last,
            email: &email,
            user_type,
            status: "active",
            role_name: "Member",
            role_id: "2",
            dept: DEPTS[i % DEPTS.len()],
        };
        let created = now - 86_400 * (1 + (i % 700) as i64);
        let user = users::build(&mut store.rng, (&account_id, account_number), &base_url, &profile, created);
        store.users.push(user);
    }
}

#[cfg(test)]
mod tests {
    use crate::Simulator;

    #[test]
    fn seeded_users_are_listed_on_every_page() {
        let sim = Simulator::start().unwrap();
        let before = sim.seed_users(0);
        assert_eq!(sim.seed_users(650), before + 650);
        let mut seen = std::collections::HashSet::new();
        let mut token = String::new();
        loop {
            let (status, page) = sim.request("GET", &format!("/v2/users?page_size=300&next_page_token={token}"), None);
            assert_eq!(status, 200, "{page}");
            assert_eq!(page["total_records"], before + 650);
            for u in page["users"].as_array().unwrap() {
                assert!(seen.insert(u["email"].as_str().unwrap().to_owned()), "{u}");
            }
            token = page["next_page_token"].as_str().unwrap().to_owned();
            if token.is_empty() {
                break;
            }
        }
        assert_eq!(seen.len(), before + 650);
    }
}
