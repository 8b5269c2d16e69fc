//! Driving the webhook trigger: the JSON arguments for a delivery as a platform received it.

use serde_json::{json, Value};

/// The `webhook` export's two arguments: the raw request and the verification config.
pub fn webhook_args(
    body: &[u8],
    headers: &[(String, String)],
    secret: Option<&str>,
    tolerance_seconds: Option<u32>,
    now_unix_seconds: Option<u64>,
) -> [Value; 2] {
    let headers: Vec<Value> = headers.iter().map(|(k, v)| json!([k, v])).collect();
    [
        json!({"method": "POST", "headers": headers, "body": body}),
        json!({"secret_token": secret, "tolerance_seconds": tolerance_seconds, "now_unix_seconds": now_unix_seconds}),
    ]
}

/// The case name of a webhook outcome (`url_validation`, `event`, `rejected`).
pub fn outcome_kind(outcome: &Value) -> &str {
    outcome.as_object().and_then(|o| o.keys().next()).map(String::as_str).unwrap_or("")
}
