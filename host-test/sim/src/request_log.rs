//! The simulator's request log: what tests read back to check what the connector sent.

use super::server::Request;
use super::{lock, oauth, Simulator};

/// One request as the simulator received it, with the status it answered
/// (0 when the connection was dropped instead). Secrets are redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    /// URL path without the query, as sent (still percent-encoded).
    pub path: String,
    /// Percent-decoded query pairs in order; `access_token` is `[redacted]`.
    pub query: Vec<(String, String)>,
    /// Lower-case names; `authorization` is `[redacted]`.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub status: u16,
}

impl Simulator {
    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.store).log.clone()
    }

    pub fn clear_requests(&self) {
        lock(&self.store).log.clear();
    }
}

pub(crate) fn log_entry(req: &Request, status: u16) -> LoggedRequest {
    let headers = req
        .headers
        .iter()
        .map(|(k, v)| {
            let v = if k == "authorization" { "[redacted]".to_string() } else { v.clone() };
            (k.clone(), v)
        })
        .collect();
    let body = String::from_utf8_lossy(&req.body).into_owned();
    let body = if req.path == "/oauth/token" { oauth::redact_form(&body) } else { body };
    // A download access token opens files without OAuth: a secret like the bearer token.
    let query = req
        .query
        .iter()
        .map(|(k, v)| (k.clone(), if k == "access_token" { "[redacted]".to_string() } else { v.clone() }))
        .collect();
    LoggedRequest { method: req.method.clone(), path: req.path.clone(), query, headers, body, status }
}
