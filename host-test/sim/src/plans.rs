//! The account's plan and `GET /accounts/{accountId}/plans/usage`. That route
//! belongs to Zoom's Billing API and is not in the vendored specs: its shape is
//! in spec/README.md, *Plan usage (Billing API)* (`plan_base[]`,
//! `plan_webinar[]`, `plan_zoom_rooms[]`, `plan_recording{}` ...). Seat usage
//! is computed from the users as they are now, so de-licensing a user frees a
//! seat at once.

use super::errors;
use super::server::Response;
use super::store::Store;
use serde_json::json;

/// What the account bought.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Licensed (type 2) seats of the base plan.
    pub base_seats: u64,
    /// Webinar licences; 0 means no webinar plan.
    pub webinar_seats: u64,
    /// Zoom Rooms licences; 0 means no Zoom Rooms plan (the dashboard refuses).
    pub room_seats: u64,
    /// Cloud recording storage of the plan, in GB.
    pub storage_gb: u64,
    /// Whether the account has Zoom Phone.
    pub phone: bool,
}

impl Default for Plan {
    /// The default simulator's account: a small Pro plan with Zoom Phone
    /// (its seeded phone recordings need it), no webinar or Rooms plan.
    fn default() -> Plan {
        Plan { base_seats: 10, webinar_seats: 0, room_seats: 0, storage_gb: 30, phone: true }
    }
}

/// Zoom's "no permission" answer for a feature the plan lacks.
pub(crate) fn not_on_plan(what: &str) -> Response {
    errors::zoom(400, 200, format!("No permission. The account's plan does not include {what}."))
}

fn count_users(store: &Store, user_type: i64, status: &str) -> usize {
    store.users.iter().filter(|u| u["type"] == user_type && u["status"] == status).count()
}

/// Bytes of every stored cloud recording that started on or before `day`.
pub(crate) fn recording_bytes_until(store: &Store, day: i64) -> u64 {
    store
        .recordings
        .iter()
        .filter(|r| {
            let d = r["start_time"].as_str().and_then(super::clock::parse_datetime).map(|t| t.div_euclid(86_400));
            d.is_some_and(|d| d <= day)
        })
        .filter_map(|r| r["total_size"].as_u64())
        .sum()
}

/// Zoom's wording of a size: GB with two decimals.
pub(crate) fn gb_text(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / (1u64 << 30) as f64)
}

/// `GET /accounts/{accountId}/plans/usage`: `me` or the account's own id.
pub(crate) fn usage(store: &Store, account: &str) -> Response {
    if account != "me" && account != store.creds.account_id {
        return errors::zoom(404, 2001, format!("Account does not exist: {account}."));
    }
    let plan = &store.plan;
    let mut body = json!({
        "plan_base": [{
            "type": "monthly",
            "hosts": plan.base_seats,
            "usage": count_users(store, 2, "active"),
            "pending": count_users(store, 2, "pending"),
        }],
        "plan_recording": {
            "free_storage": "",
            "free_storage_usage": "",
            "plan_storage": format!("{} GB", plan.storage_gb),
            "plan_storage_usage": gb_text(recording_bytes_until(store, super::clock::today())),
            "plan_storage_exceed": "0 GB",
            "type": "cloud_recording",
        },
    });
    if plan.webinar_seats > 0 {
        let mut hosts: Vec<&str> = store.webinar_metrics.iter().filter_map(|w| w["email"].as_str()).collect();
        hosts.sort_unstable();
        hosts.dedup();
        body["plan_webinar"] = json!([{"type": "webinar500", "hosts": plan.webinar_seats, "usage": hosts.len()}]);
    }
    if plan.room_seats > 0 {
        body["plan_zoom_rooms"] = json!([{"type": "zroom", "hosts": plan.room_seats, "usage": store.zoom_rooms.len()}]);
    }
    Response::json(200, &body)
}
