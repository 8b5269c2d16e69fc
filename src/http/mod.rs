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

// Requests carry bearer tokens and Basic credentials: Debug shows neither headers nor body.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method.as_str(), self.url)
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

/// How requests leave the component. WASI HTTP in the component, scripted answers in tests.
pub(crate) trait Transport {
    /// Sends one request and reads the whole answer.
    fn send(&self, request: &Request) -> Result<Response, TransportError>;
    /// Waits before a retry.
    fn sleep(&self, duration: Duration);
    /// Seconds since the Unix epoch.
    fn now_unix(&self) -> u64;
    /// A uniform draw in `[0, 1)` that spreads retries of many clients apart.
    fn jitter(&self) -> f64;
}
