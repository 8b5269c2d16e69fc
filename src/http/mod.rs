//! Requests to Zoom: the transport they leave through, the client that adds auth and retries,
//! URL building, the retry rules and pagination.

use std::time::Duration;

use serde_json::Value;

use crate::error::Error;

mod client;
pub(crate) mod paging;
pub(crate) mod raw_page;
pub(crate) mod retry;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod url;

pub(crate) use client::{Call, Client};
pub(crate) mod download;

/// HTTP methods the connector sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending it twice has the effect of sending it once.
    pub(crate) fn idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

/// One outbound request, fully built.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    /// How long to wait for the answer; the transport's default when absent.
    pub(crate) timeout: Option<Duration>,
}

// Requests carry bearer tokens and Basic credentials, and a download URL its access token in
// the query: Debug shows neither headers, body nor query.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let without_query = self.url.split('?').next().unwrap_or_default();
        write!(f, "{} {}", self.method.as_str(), without_query)
    }
}

/// One answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// Parses the body as JSON, or says why it is not.
    pub(crate) fn json(&self) -> Result<Value, Error> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::Unreadable(format!("Zoom answered HTTP {} with a body that is not JSON: {e}", self.status))
        })
    }
}

/// A failed attempt to get an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TransportError {
    pub(crate) message: String,
    /// False when the request cannot have reached the server (refused, DNS, connect timeout).
    pub(crate) sent: bool,
    /// The host refused the destination (egress policy): retrying cannot help.
    pub(crate) denied: bool,
}

/// An answer read up to a cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Capped {
    /// The whole answer, within the cap.
    Whole(Response),
    /// The body is longer than the cap; it was not read past it. `size` is the stated length.
    TooLarge { status: u16, size: Option<u64> },
}

/// How requests leave the component. WASI HTTP in the component, scripted answers in tests.
pub(crate) trait Transport {
    /// Sends one request and reads the whole answer.
    fn send(&self, request: &Request) -> Result<Response, TransportError>;
    /// Sends one request and reads at most `limit` bytes of the answer's body. This default reads
    /// everything first (scripted answers are small); the WASI transport streams and stops.
    fn send_capped(&self, request: &Request, limit: u64) -> Result<Capped, TransportError> {
        let response = self.send(request)?;
        if response.body.len() as u64 > limit {
            return Ok(Capped::TooLarge { status: response.status, size: Some(response.body.len() as u64) });
        }
        Ok(Capped::Whole(response))
    }
    /// Waits before a retry.
    fn sleep(&self, duration: Duration);
    /// Seconds since the Unix epoch.
    fn now_unix(&self) -> u64;
    /// A uniform draw in `[0, 1)` that spreads retries of many clients apart.
    fn jitter(&self) -> f64;
}
