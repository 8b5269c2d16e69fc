//! The contract every answer must keep: a typed error case, an `invalid_input` that names a field of
//! the action, no client secret, no dot segments in request paths.

use std::collections::BTreeSet;

use serde_json::Value;
use zoom_runtime::Outcome;
use zoom_sim::LoggedRequest;

use super::report::clip;
use crate::harness::kind;

/// Every case of `zoom-error`.
const ERROR_KINDS: &[&str] = &[
    "unauthorized",
    "forbidden",
    "missing_scope",
    "not_found",
    "rate_limited",
    "invalid_input",
    "api",
    "transport",
    "other",
    "outcome_unknown",
    "too_large",
];

/// Top-level JSON keys of an input.
fn keys(input: &Value) -> BTreeSet<String> {
    input.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

fn first_segment(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

/// A check of one answer; `fields` are the action's input field names.
pub struct Checked<'a> {
    pub action: &'a str,
    pub fields: &'a BTreeSet<String>,
    pub secret: &'a str,
}

impl Checked<'_> {
    /// Every way `outcome` breaks the contract, as (group, detail).
    pub fn problems(&self, input: &Value, outcome: &Outcome, requests: &[LoggedRequest]) -> Vec<(String, String)> {
        let a = self.action;
        let mut out = Vec::new();
        let text = match outcome {
            Outcome::Ok(v) | Outcome::Err(v) => v.to_string(),
        };
        if text.contains(self.secret) {
            out.push((format!("[{a}] the answer contains the client secret"), clip(&text, 200)));
        }
        let api_requests: Vec<&LoggedRequest> = requests.iter().filter(|r| r.path.starts_with("/v2/")).collect();
        if a != "raw-request" {
            for r in &api_requests {
                if r.path.split('/').any(|s| s == "." || s == "..") {
                    out.push((format!("[{a}] a request path has a dot segment"), format!("{} {}", r.method, r.path)));
                }
            }
        }
        let Outcome::Err(e) = outcome else { return out };
        let Some(obj) = e.as_object().filter(|o| o.len() == 1) else {
            out.push((format!("[{a}] error is not one typed case"), clip(&text, 200)));
            return out;
        };
        let case = kind(e);
        if !ERROR_KINDS.contains(&case) {
            out.push((format!("[{a}] unknown error case `{case}`"), clip(&text, 200)));
        }
        if case == "transport" || case == "other" {
            out.push((format!("[{a}] `{case}` error with a healthy simulator"), clip(&text, 200)));
        }
        if case != "invalid_input" {
            return out;
        }
        let body = &obj["invalid_input"];
        let field = body["field"].as_str().unwrap_or_default();
        let message = body["message"].as_str().unwrap_or_default();
        let zoom_refused = api_requests.iter().any(|r| r.status >= 400);
        let origin = if zoom_refused { "Zoom's code 300" } else { "a pre-send check" };
        if field.is_empty() {
            let statuses: Vec<String> =
                api_requests.iter().map(|r| format!("{} {} → {}", r.method, r.path, r.status)).collect();
            out.push((
                format!("[{a}] invalid_input from {origin} has an empty field (message {message:?})"),
                format!("{} | requests: {}", clip(&text, 160), statuses.join(", ")),
            ));
        } else {
            // An unknown key is named as given, dots and all.
            let given = keys(input)
                .into_iter()
                .any(|k| field == k || field.strip_prefix(k.as_str()).is_some_and(|r| r.starts_with(['.', '['])));
            let seg = first_segment(field);
            let plausible = seg == "input"
                || field.starts_with("connection.")
                || self.fields.contains(seg)
                || given
                || zoom_refused;
            if !plausible {
                out.push((
                    format!("[{a}] invalid_input names {field:?}, not an input of the action"),
                    clip(&text, 200),
                ));
            }
        }
        if message.trim().is_empty() {
            out.push((format!("[{a}] invalid_input without a message"), clip(&text, 200)));
        }
        if !zoom_refused && !api_requests.is_empty() {
            out.push((
                format!("[{a}] invalid_input after requests Zoom accepted"),
                format!("{} | {} request(s)", clip(&text, 160), api_requests.len()),
            ));
        }
        out
    }
}
