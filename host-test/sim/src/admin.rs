//! In-process admin requests for tests: one API request through the router
//! exactly as an HTTP request would run, authorised as the admin with every
//! scope, but not logged (so conformance checks on the component's traffic
//! are unaffected). Events are emitted as usual. Hooks apply such requests
//! after a matching HTTP request has been answered, so a test can change a
//! list between two pages of a paged read.

use super::router;
use super::server::{parse_query, Request};
use super::store::Store;
use serde_json::Value;

/// A change a test wants applied: method, path and query under `/v2`, JSON body.
pub type Change = (String, String, Option<Value>);

/// Admin requests to run once after the `skip + 1`-th answered HTTP request
/// whose method matches and whose path starts with `prefix`.
pub(crate) struct AfterRequest {
    pub method: String,
    pub prefix: String,
    pub skip: usize,
    pub changes: Vec<Change>,
}

/// One change applied by an `after_request` hook and what it answered.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliedChange {
    pub method: String,
    pub path_and_query: String,
    pub status: u16,
    pub body: Value,
}

/// Runs `method path_and_query` (the path still percent-encoded, e.g.
/// `/v2/users?status=pending`) with a JSON body, as the admin. The answer's
/// body as JSON: `null` when empty, a string when not JSON.
pub(crate) fn request(store: &mut Store, method: &str, path_and_query: &str, body: Option<Value>) -> (u16, Value) {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let token = store.tokens.issue_internal(&mut store.rng);
    let mut headers = vec![
        ("host".to_string(), store.base_url.trim_start_matches("http://").to_string()),
        ("authorization".to_string(), format!("Bearer {token}")),
    ];
    if body.is_some() {
        headers.push(("content-type".to_string(), "application/json".to_string()));
    }
    let req = Request {
        method: method.to_ascii_uppercase(),
        path: path.to_string(),
        query: parse_query(query),
        headers,
        body: body.map(|b| b.to_string().into_bytes()).unwrap_or_default(),
    };
    let resp = router::dispatch(store, &req);
    store.tokens.revoke(&token);
    let value = if resp.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&resp.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&resp.body).into_owned()))
    };
    (resp.status, value)
}

/// Called after the router answered an HTTP request: counts it against every
/// matching hook and applies the changes of those that are due, once.
pub(crate) fn after_answer(store: &mut Store, req: &Request) {
    let mut due = Vec::new();
    store.hooks.retain_mut(|h| {
        if !h.method.eq_ignore_ascii_case(&req.method) || !req.path.starts_with(&h.prefix) {
            return true;
        }
        if h.skip > 0 {
            h.skip -= 1;
            return true;
        }
        due.push(std::mem::take(&mut h.changes));
        false
    });
    for (method, path_and_query, body) in due.into_iter().flatten() {
        let (status, body) = request(store, &method, &path_and_query, body);
        store.applied_changes.push(AppliedChange { method, path_and_query, status, body });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn admin_request_runs_the_route_with_every_scope_and_emits() {
        let mut store = Store::new("http://127.0.0.1:9".into());
        store.tokens.set_ttl(0);
        let (status, me) = request(&mut store, "get", "/v2/users/me", None);
        assert_eq!(status, 200, "{me}");
        assert_eq!(me["id"], store.admin()["id"]);
        let body = json!({"action": "custCreate", "user_info": {"email": "new@example.com", "type": 1}});
        let (status, created) = request(&mut store, "POST", "/v2/users", Some(body));
        assert_eq!(status, 201, "{created}");
        assert!(store.outbox.iter().any(|e| e.contains("\"user.created\"")));
        let (status, err) = request(&mut store, "GET", "/v2/nothing/here", None);
        assert_eq!((status, err["code"].as_i64().is_some()), (404, true), "{err}");
        assert!(store.log.is_empty());
    }

    #[test]
    fn hook_fires_once_after_skipping() {
        let mut store = Store::new("http://127.0.0.1:9".into());
        let change = (
            "POST".to_string(),
            "/v2/users".to_string(),
            Some(json!({"action": "custCreate", "user_info": {"email": "h@example.com", "type": 1}})),
        );
        store.hooks.push(AfterRequest {
            method: "GET".into(),
            prefix: "/v2/users".into(),
            skip: 1,
            changes: vec![change],
        });
        let get = |path: &str| Request {
            method: "GET".into(),
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
        };
        let users = store.users.len();
        after_answer(&mut store, &get("/v2/meetings/1"));
        after_answer(&mut store, &get("/v2/users"));
        assert_eq!(store.users.len(), users);
        after_answer(&mut store, &get("/v2/users"));
        assert_eq!(store.users.len(), users + 1);
        after_answer(&mut store, &get("/v2/users"));
        assert_eq!(store.users.len(), users + 1);
        assert_eq!(store.applied_changes.len(), 1);
        assert_eq!(store.applied_changes[0].status, 201);
        assert!(store.hooks.is_empty());
    }
}
