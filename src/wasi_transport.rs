//! The component's transport: WASI HTTP through `waki`, WASI clocks for time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use waki::header::HeaderName;
use waki::{Client, Method as WakiMethod};

use crate::http::{Method, Request, Response, Transport, TransportError};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends through the host's `wasi:http/outgoing-handler`.
pub struct WasiTransport;

impl Transport for WasiTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let method = match request.method {
            Method::Get => WakiMethod::Get,
            Method::Post => WakiMethod::Post,
            Method::Put => WakiMethod::Put,
            Method::Patch => WakiMethod::Patch,
            Method::Delete => WakiMethod::Delete,
        };
        let mut headers = Vec::with_capacity(request.headers.len());
        for (k, v) in &request.headers {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| TransportError { message: format!("invalid header name {k:?}"), sent: false })?;
            headers.push((name, v.as_str()));
        }
        let mut builder =
            Client::new().request(method, &request.url).connect_timeout(CONNECT_TIMEOUT).headers(headers);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().map_err(|e| classify(format!("{e:#}")))?;
        let status = response.status_code();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = response
            .body()
            .map_err(|e| TransportError { message: format!("reading the answer failed: {e:#}"), sent: true })?;
        Ok(Response { status, headers, body })
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }

    fn now_unix(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }
}

/// Failures that happen before a byte can reach the server are safe to retry for any method.
fn classify(message: String) -> TransportError {
    const BEFORE_SENDING: [&str; 5] =
        ["ConnectionRefused", "DnsError", "DnsTimeout", "ConnectionTimeout", "DestinationNotFound"];
    let sent = !BEFORE_SENDING.iter().any(|m| message.contains(m));
    TransportError { message, sent }
}
