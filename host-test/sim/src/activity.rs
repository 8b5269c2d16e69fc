//! The sign-in/sign-out activity report (spec `reportSignInSignOutActivities`),
//! `GET /report/activities`, and the login history behind it. The history is
//! kept as the `activity_logs[]` items Zoom returns (`email`, `time`, `type`,
//! `ip_address`, `client_type`, `version`), newest first.
//!
//! Every seeded user that has signed in gets a history whose latest
//! "Sign in" is exactly its `last_login_time`, with `last_client_version` as
//! the version; the inactive user's history lies more than two months back.

use super::ids::Rng;
use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use serde_json::{json, Value};

/// Zoom's schema gives `page_size` no maximum; the reports guide caps report
/// pages at 300, and the simulator rejects more.
pub(crate) const MAX_PAGE_SIZE: usize = 300;

/// Client types as Zoom reports them.
const CLIENTS: &[&str] = &["Mac", "Windows", "Browser", "iOS", "Android"];

/// One activity record in Zoom's field names.
pub(crate) fn record(email: &str, time: i64, kind: &str, ip: &str, client: &str, version: &str) -> Value {
    json!({
        "email": email,
        "time": clock::format_utc(time),
        "type": kind,
        "ip_address": ip,
        "client_type": client,
        "version": version,
    })
}

pub(crate) fn random_ip(rng: &mut Rng) -> String {
    // TEST-NET-3 (RFC 5737): documentation addresses only.
    format!("203.0.113.{}", rng.range(1, 254))
}

/// A history of `sessions` sign-in/sign-out pairs ending with a sign-in at
/// `last_login` (no sign-out after it: the user is still signed in), one
/// session every `gap_days`, in no particular order.
pub(crate) fn history(
    rng: &mut Rng,
    email: &str,
    last_login: i64,
    version: &str,
    sessions: i64,
    gap_days: i64,
) -> Vec<Value> {
    let client = CLIENTS[(rng.next_u64() % CLIENTS.len() as u64) as usize];
    let ip = random_ip(rng);
    let mut out = vec![record(email, last_login, "Sign in", &ip, client, version)];
    for k in 1..=sessions {
        let start = last_login - k * gap_days * 86_400 - rng.range(0, 6) as i64 * 3600;
        let end = start + rng.range(1, 8) as i64 * 3600;
        out.push(record(email, start, "Sign in", &ip, client, version));
        out.push(record(email, end, "Sign out", &ip, client, version));
    }
    out
}

/// The default account's history: every user with a `last_login_time`, plus
/// old sessions for users that have not signed in for a while (status
/// `inactive`).
pub(crate) fn seed(store: &mut Store) {
    let now = clock::now_secs();
    let mut logs = Vec::new();
    for user in store.users.clone() {
        let email = user["email"].as_str().unwrap_or_default();
        let version = user["last_client_version"].as_str().unwrap_or("6.1.0.35873(mac)");
        match user["last_login_time"].as_str().and_then(clock::parse_datetime) {
            Some(last) => logs.extend(history(&mut store.rng, email, last, version, 6, 4)),
            None if user["status"] == "inactive" => {
                let mut old = history(&mut store.rng, email, now - 75 * 86_400, version, 3, 5);
                // They signed out of their last session too.
                let ip = old[0]["ip_address"].as_str().unwrap_or_default().to_string();
                let client = old[0]["client_type"].as_str().unwrap_or_default().to_string();
                old.push(record(email, now - 75 * 86_400 + 7200, "Sign out", &ip, &client, version));
                logs.extend(old);
            }
            None => {}
        }
    }
    store.activity_logs = logs;
    sort_newest_first(&mut store.activity_logs);
}

pub(crate) fn sort_newest_first(logs: &mut [Value]) {
    logs.sort_by(|a, b| b["time"].as_str().cmp(&a["time"].as_str()));
}

/// `GET /report/activities`: `from`/`to` (yyyy-mm-dd, at most a month apart,
/// within the last six months; `to` defaults to today and `from` to a month
/// before `to`), `page_size` (default 30, ≤300), `next_page_token`. Newest first.
pub(crate) fn list(store: &mut Store, req: &Request) -> Response {
    let page_size = match paging::page_size(req, MAX_PAGE_SIZE) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (from, to) = match (query::date(req, "from"), query::date(req, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let today = clock::today();
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| clock::add_months(to, -1));
    if let Err(r) = query::month_window(from, to) {
        return r;
    }
    if from < clock::add_months(today, -6) {
        return errors::zoom(400, 300, "The date range must fall within the last 6 months.");
    }
    let items: Vec<Value> = store
        .activity_logs
        .iter()
        .filter(|a| {
            let day = a["time"].as_str().and_then(clock::parse_datetime).map(|t| t.div_euclid(86_400));
            day.is_some_and(|d| (from..=to).contains(&d))
        })
        .cloned()
        .collect();
    let page = match store.pager.page(&mut store.rng, req, &items, page_size) {
        Ok(p) => p,
        Err(r) => return r,
    };
    Response::json(
        200,
        &json!({
            "from": format!("{}T00:00:00Z", clock::format_date(from)),
            "to": format!("{}T00:00:00Z", clock::format_date(to)),
            "page_size": page.page_size,
            "next_page_token": page.next_page_token,
            "activity_logs": page.items,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::parse_query;

    fn req(q: &str) -> Request {
        Request {
            method: "GET".into(),
            path: "/v2/report/activities".into(),
            query: parse_query(q),
            headers: vec![],
            body: vec![],
        }
    }

    fn body(r: &Response) -> Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    #[test]
    fn default_seed_has_history_matching_last_login() {
        let store = Store::new("http://x".into());
        for u in store.users.iter().filter(|u| u["last_login_time"].is_string()) {
            let latest =
                store.activity_logs.iter().find(|a| a["email"] == u["email"] && a["type"] == "Sign in").unwrap();
            assert_eq!(latest["time"], u["last_login_time"]);
            assert_eq!(latest["version"], u["last_client_version"]);
        }
        assert!(store.activity_logs.iter().any(|a| a["type"] == "Sign out"));
    }

    #[test]
    fn pages_window_and_validates() {
        let mut store = Store::new("http://x".into());
        let today = clock::today();
        let window = |s: &Store, from: i64, to: i64| {
            s.activity_logs
                .iter()
                .filter(|a| {
                    let d = clock::parse_datetime(a["time"].as_str().unwrap()).unwrap().div_euclid(86_400);
                    (from..=to).contains(&d)
                })
                .count()
        };
        let expected = window(&store, clock::add_months(today, -1), today);
        assert!(expected > 5);
        let mut seen = 0;
        let mut token = String::new();
        loop {
            let q = if token.is_empty() {
                "page_size=5".to_string()
            } else {
                format!("page_size=5&next_page_token={token}")
            };
            let r = list(&mut store, &req(&q));
            assert_eq!(r.status, 200);
            let v = body(&r);
            let n = v["activity_logs"].as_array().unwrap().len();
            assert!(n <= 5);
            seen += n;
            token = v["next_page_token"].as_str().unwrap().to_string();
            if token.is_empty() {
                break;
            }
        }
        assert_eq!(seen, expected);
        for bad in ["from=2024-13-01", "to=yesterday", "page_size=301", "page_size=0"] {
            let r = list(&mut store, &req(bad));
            assert_eq!((r.status, body(&r)["code"].as_i64()), (400, Some(300)), "{bad}");
        }
        let far = clock::format_date(today - 200);
        let far_to = clock::format_date(today - 190);
        let r = list(&mut store, &req(&format!("from={far}&to={far_to}")));
        assert_eq!(r.status, 400);
        let wide = clock::format_date(today - 60);
        assert_eq!(list(&mut store, &req(&format!("from={wide}"))).status, 400);
    }
}
