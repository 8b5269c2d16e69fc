//! `PUT /users/{userId}/status` (FACTS §1.1, spec `userStatus`): `action`
//! `activate` | `deactivate` (`clock_in`/`clock_out` need Workforce
//! Management, which the simulated account lacks). The owner cannot be
//! deactivated, and a pending user has no status to change. 204 on success.

use super::server::{Request, Response};
use super::store::Store;
use super::{errors, validate};
use serde_json::json;

pub(crate) fn update(store: &mut Store, key: &str, req: &Request) -> Response {
    let body = match validate::body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let action = body.get("action").and_then(|a| a.as_str());
    let Some(action) = action.filter(|a| ["activate", "deactivate", "clock_in", "clock_out"].contains(a)) else {
        return errors::invalid_field("action");
    };
    let Some(user) = store.find_user(key).cloned() else {
        return errors::user_not_found(key);
    };
    if action.starts_with("clock_") {
        return errors::zoom(400, 200, "No permission. Workforce Management is not enabled for this account.");
    }
    if user["role_id"] == "0" {
        return errors::zoom(400, 200, "Zoom Room and Admin users' status cannot be activated or deactivated.");
    }
    if user["status"] == "pending" {
        return errors::zoom(
            400,
            300,
            format!("User {key} has not accepted the invitation; its status cannot change."),
        );
    }
    let status = if action == "activate" { "active" } else { "inactive" };
    if let Some(u) = store.users.iter_mut().find(|u| u["id"] == user["id"]) {
        u["status"] = json!(status);
    }
    Response::no_content()
}
