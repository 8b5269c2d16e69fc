//! `PUT /users/{userId}/status` (spec `userStatus`): `action` `activate` |
//! `deactivate` (`clock_in`/`clock_out` need Workforce Management, which the
//! simulated account lacks). The owner cannot be deactivated, and a pending
//! user has no status to change. 204 on success.

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
    let (status, event) =
        if action == "activate" { ("active", "user.activated") } else { ("inactive", "user.deactivated") };
    let changed = user["status"] != status;
    if let Some(u) = store.users.iter_mut().find(|u| u["id"] == user["id"]) {
        u["status"] = json!(status);
    }
    // Zoom notifies only real changes: activating an active user sends nothing.
    if changed {
        let mut payload = store.operator_fields();
        let object: serde_json::Map<String, serde_json::Value> = ["id", "first_name", "last_name", "email", "type"]
            .iter()
            .filter_map(|k| user.get(*k).map(|v| ((*k).to_owned(), v.clone())))
            .collect();
        payload.insert("object".into(), serde_json::Value::Object(object));
        store.emit(event, serde_json::Value::Object(payload));
    }
    Response::no_content()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::Request;

    fn put(body: &str) -> Request {
        Request {
            method: "PUT".into(),
            path: "/".into(),
            query: vec![],
            headers: vec![],
            body: body.as_bytes().to_vec(),
        }
    }

    fn code(r: &Response) -> (u16, i64) {
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        (r.status, v["code"].as_i64().unwrap())
    }

    #[test]
    fn deactivates_and_activates_members_only() {
        let mut s = Store::new("http://x".into());
        let casey = "casey.basic@example.com";
        assert_eq!(update(&mut s, casey, &put(r#"{"action":"deactivate"}"#)).status, 204);
        assert_eq!(s.find_user(casey).unwrap()["status"], "inactive");
        assert_eq!(update(&mut s, casey, &put(r#"{"action":"activate"}"#)).status, 204);
        assert_eq!(s.find_user(casey).unwrap()["status"], "active");
        let events: Vec<serde_json::Value> =
            std::mem::take(&mut s.outbox).iter().map(|e| serde_json::from_str(e).unwrap()).collect();
        assert_eq!(
            events.iter().map(|e| e["event"].as_str().unwrap()).collect::<Vec<_>>(),
            ["user.deactivated", "user.activated"]
        );
        assert_eq!(events[0]["payload"]["object"]["email"], casey);
        assert_eq!(update(&mut s, casey, &put(r#"{"action":"activate"}"#)).status, 204);
        assert!(s.outbox.is_empty(), "no change, no event");
        assert_eq!(code(&update(&mut s, "me", &put(r#"{"action":"deactivate"}"#))), (400, 200));
        assert_eq!(code(&update(&mut s, "finley.pending@example.com", &put(r#"{"action":"activate"}"#))), (400, 300));
        assert_eq!(code(&update(&mut s, "nobody@example.com", &put(r#"{"action":"activate"}"#))), (404, 1001));
        assert_eq!(code(&update(&mut s, casey, &put(r#"{"action":"pause"}"#))), (400, 300));
        assert_eq!(code(&update(&mut s, casey, &put("{}"))), (400, 300));
    }
}
