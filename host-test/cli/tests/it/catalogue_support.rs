//! What the catalogue tests read back: a page's items and the requests the simulator logged.

use serde_json::Value;
use zoom_sim::LoggedRequest;

use crate::harness::Env;

pub fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page has items")
}

/// The value of query parameter `name` in a logged request.
pub fn param<'a>(r: &'a LoggedRequest, name: &str) -> Option<&'a str> {
    r.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Requests to the REST API (not the token endpoint) whose path ends with `suffix`.
pub fn api_requests(env: &Env, method: &str, suffix: &str) -> Vec<LoggedRequest> {
    env.sim
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with("/v2/") && r.path.ends_with(suffix))
        .collect()
}
