//! Users (spec `user`, `users`): the seeded directory, `GET /users/{userId}`
//! and `GET /users`. Writes live in `user_admin`.

use super::clock;
use super::errors;
use super::ids::Rng;
use super::paging;
use super::server::{Request, Response};
use super::store::Store;
use serde_json::{json, Value};

/// The fields `GET /users` returns per user; the single-user GET returns more.
const LIST_FIELDS: &[&str] = &[
    "id",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "type",
    "pmi",
    "timezone",
    "verified",
    "dept",
    "created_at",
    "user_created_at",
    "last_login_time",
    "last_client_version",
    "plan_united_type",
    "language",
    "status",
    "role_id",
    "employee_unique_id",
    "group_ids",
    "im_group_ids",
];

/// (first, last, type, status, role_name, role_id, dept). The first row is
/// the admin `me` resolves to; the rest mix licence types and statuses so
/// status filters and paging have something to bite on.
const SEED: &[(&str, &str, i64, &str, &str, &str, &str)] = &[
    ("Avery", "Admin", 2, "active", "Owner", "0", "Operations"),
    ("Blake", "Licensed", 2, "active", "Member", "2", "Sales"),
    ("Casey", "Basic", 1, "active", "Member", "2", "Support"),
    ("Devon", "Licensed", 2, "active", "Admin", "1", "Engineering"),
    ("Emery", "Basic", 1, "active", "Member", "2", "Marketing"),
    ("Finley", "Pending", 1, "pending", "Member", "2", ""),
    ("Gray", "Inactive", 2, "inactive", "Member", "2", "Finance"),
];

pub(crate) fn seed(rng: &mut Rng, account_id: &str, base_url: &str) -> Vec<Value> {
    let account_number = rng.range(10_000_000, 99_999_999);
    let now = clock::now_secs();
    SEED.iter()
        .enumerate()
        .map(|(i, &(first, last, user_type, status, role_name, role_id, dept))| {
            let email = format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase());
            let profile = Profile { first, last, email: &email, user_type, status, role_name, role_id, dept };
            let created = now - 86_400 * (400 - 30 * i as i64);
            let mut user = build(rng, (account_id, account_number), base_url, &profile, created);
            if status == "active" {
                user["last_login_time"] = json!(clock::format_utc(now - 3600 * (i as i64 + 1)));
                user["last_client_version"] = json!("6.1.0.35873(mac)");
            }
            user
        })
        .collect()
}

/// What distinguishes one user from another in the account.
pub(crate) struct Profile<'a> {
    pub first: &'a str,
    pub last: &'a str,
    pub email: &'a str,
    pub user_type: i64,
    pub status: &'a str,
    pub role_name: &'a str,
    pub role_id: &'a str,
    pub dept: &'a str,
}

/// The full `GET /users/{userId}` object of a user that has never signed in.
pub(crate) fn build(rng: &mut Rng, account: (&str, u64), base_url: &str, p: &Profile, created: i64) -> Value {
    let id = rng.zoom_id();
    let pmi = rng.range(1_000_000_000, 9_999_999_999);
    let created = clock::format_utc(created);
    let mut user = json!({
        "id": id,
        "account_id": account.0,
        "account_number": account.1,
        "email": p.email,
        "first_name": p.first,
        "last_name": p.last,
        "display_name": format!("{} {}", p.first, p.last).trim().to_string(),
        "type": p.user_type,
        "status": p.status,
        "role_name": p.role_name,
        "role_id": p.role_id,
        "pmi": pmi,
        "use_pmi": false,
        "personal_meeting_url": format!("{base_url}/j/{pmi}"),
        "timezone": "America/Los_Angeles",
        "language": "en-US",
        "dept": p.dept,
        "job_title": "",
        "location": "",
        "company": "Simulated Co",
        "phone_numbers": [],
        "pic_url": "",
        "verified": if p.status == "active" { 1 } else { 0 },
        "cluster": "us06",
        "group_ids": [],
        "im_group_ids": [],
        "login_types": [100],
        "created_at": created,
        "user_created_at": created,
        "jid": format!("{}@xmpp.zoom.us", id.to_lowercase()),
        "cms_user_id": "",
        "employee_unique_id": "",
    });
    if p.user_type == 2 {
        user["license_info_list"] = json!([{"license_type": "MEETING", "license_option": 2, "subscription_id": ""}]);
    }
    user
}

/// `GET /users/{userId}`.
pub(crate) fn get(store: &Store, key: &str) -> Response {
    let Some(user) = store.find_user(key) else {
        return errors::user_not_found(key);
    };
    let mut user = user.clone();
    // Zoom reports a pending user's created_at as the time of the call.
    if user["status"] == "pending" {
        user["created_at"] = json!(clock::now_iso());
    }
    Response::json(200, &user)
}

/// `GET /users`: `status` (active default), `role_id`, `page_size` (≤2000), paging.
pub(crate) fn list(store: &mut Store, req: &Request) -> Response {
    let status = req.param("status").unwrap_or("active");
    if !["active", "inactive", "pending"].contains(&status) {
        return errors::invalid_field("status");
    }
    let page_size = match paging::page_size(req, 2000) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let role = req.param("role_id");
    // Filtering 100,000 users costs ~50 ms (a map lookup per user), once per page: a walk was
    // quadratic and the benchmark measured the simulator. The filter is kept while the
    // directory is unchanged, and only the page is projected.
    let version = store.users.version();
    let filtered = store
        .user_filter
        .take()
        .filter(|f| f.version == version && f.status == status && f.role.as_deref() == role)
        .unwrap_or_else(|| Filtered {
            version,
            status: status.to_owned(),
            role: role.map(str::to_owned),
            indices: (0..store.users.len())
                .filter(|&i| {
                    let u = &store.users[i];
                    u["status"] == status && role.is_none_or(|r| u["role_id"] == r)
                })
                .collect(),
        });
    let page = store.pager.page(&mut store.rng, req, &filtered.indices, page_size);
    store.user_filter = Some(filtered);
    let page = match page {
        Ok(page) => page,
        Err(r) => return r,
    };
    let page = paging::Page {
        items: page.items.iter().map(|&i| project(&store.users[i])).collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
        total_records: page.total_records,
    };
    Response::json(200, &Value::Object(paging::list_body(page, "users")))
}

/// The indices of the users one `GET /users` query matched, at a directory version.
pub(crate) struct Filtered {
    version: u64,
    status: String,
    role: Option<String>,
    indices: Vec<usize>,
}

fn project(user: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for k in LIST_FIELDS {
        if let Some(v) = user.get(*k) {
            out.insert((*k).to_string(), v.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_has_admin_first_and_mixed_statuses() {
        let users = seed(&mut Rng::seeded(), "acct", "http://x");
        assert!(users.len() >= 5);
        assert_eq!((users[0]["type"].as_i64(), users[0]["status"].as_str()), (Some(2), Some("active")));
        for s in ["active", "pending", "inactive"] {
            assert!(users.iter().any(|u| u["status"] == s), "{s}");
        }
        for t in [1, 2] {
            assert!(users.iter().any(|u| u["type"] == t));
        }
        let ids: std::collections::HashSet<_> = users.iter().map(|u| u["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), users.len());
    }

    #[test]
    fn lookup_by_me_id_and_email() {
        let store = Store::new("http://x".into());
        let admin_id = store.admin()["id"].as_str().unwrap().to_string();
        assert_eq!(store.find_user("me").unwrap()["id"], admin_id.as_str());
        assert_eq!(store.find_user(&admin_id).unwrap()["email"], "avery.admin@example.com");
        assert!(store.find_user("AVERY.ADMIN@example.com").is_some());
        let r = get(&store, "nobody@example.com");
        assert_eq!(r.status, 404);
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["code"], 1001);
    }
}
