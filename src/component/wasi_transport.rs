//! The component's transport: WASI HTTP (through `waki`'s bindings and response type), WASI
//! clocks for time.
//!
//! The body is written here rather than by `waki::RequestBuilder::send`, which checks the stream
//! once more after flushing: when the server answers quickly, the host has already dropped the
//! finished body and that check reports `Closed` for a request that succeeded.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use waki::bindings::wasi::http::outgoing_handler;
use waki::bindings::wasi::http::types::{
    Fields, Method as WasiMethod, OutgoingBody, OutgoingRequest, RequestOptions, Scheme,
};
use waki::bindings::wasi::io::streams::StreamError;

use crate::http::url::split_url;
use crate::http::{Capped, Method, Request, Response, Transport, TransportError};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Bytes asked of the body stream per read when a download is capped.
const CHUNK: u64 = 64 * 1024;

/// Sends through the host's `wasi:http/outgoing-handler`.
pub(crate) struct WasiTransport;

impl Transport for WasiTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let response = exchange(request)?;
        let (status, headers) = head(&response);
        let body = response.body().map_err(|e| maybe_sent(format!("reading the answer failed: {e:#}")))?;
        Ok(Response { status, headers, body })
    }

    fn send_capped(&self, request: &Request, limit: u64) -> Result<Capped, TransportError> {
        let response = exchange(request)?;
        let (status, headers) = head(&response);
        let stated = crate::error::header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
        // A stated length past the cap is refused before a byte of the body is read.
        if let Some(size) = stated.filter(|&n| n > limit) {
            return Ok(Capped::TooLarge { status, size: Some(size) });
        }
        // Reserved once, at the stated length or else at the cap, and never grown: growing by
        // doubling would copy the body and need twice its size in the guest's memory, past its
        // limit for a cap near it. The pages reserved but not written cost no host memory.
        let mut body = Vec::with_capacity(stated.unwrap_or(limit) as usize);
        let read_failed = |e: anyhow::Error| maybe_sent(format!("reading the answer failed: {e:#}"));
        while let Some(chunk) = response.chunk(CHUNK).map_err(read_failed)? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Ok(Capped::TooLarge { status, size: stated });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Capped::Whole(Response { status, headers, body }))
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }

    fn now_unix(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }

    fn jitter(&self) -> f64 {
        (waki::bindings::wasi::random::random::get_random_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Sends the request and waits for the answer's head; the body is left unread.
fn exchange(request: &Request) -> Result<waki::Response, TransportError> {
    let outgoing = build(request)?;
    let body = outgoing.body().map_err(|()| refused("the request body was already taken"))?;
    let options = RequestOptions::new();
    let nanos = |d: Duration| Some(d.as_nanos() as u64);
    // The host may not support every option; it then applies its own bounds.
    let _ = options.set_connect_timeout(nanos(CONNECT_TIMEOUT));
    let read_timeout = request.timeout.unwrap_or(READ_TIMEOUT);
    let _ = options.set_first_byte_timeout(nanos(read_timeout));
    let _ = options.set_between_bytes_timeout(nanos(read_timeout));
    let pending = outgoing_handler::handle(outgoing, Some(options)).map_err(|e| classify(format!("{e:?}")))?;
    if let Some(bytes) = &request.body {
        write_all(&body, bytes)?;
    }
    OutgoingBody::finish(body, None).map_err(|e| classify(format!("{e:?}")))?;
    let incoming = loop {
        match pending.get() {
            Some(result) => break result,
            None => pending.subscribe().block(),
        }
    };
    let incoming = incoming
        .map_err(|()| maybe_sent("the response was already taken".to_owned()))?
        .map_err(|e| classify(format!("{e:?}")))?;
    incoming.try_into().map_err(|e| maybe_sent(format!("{e:?}")))
}

fn head(response: &waki::Response) -> (u16, Vec<(String, String)>) {
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    (response.status_code(), headers)
}

fn build(request: &Request) -> Result<OutgoingRequest, TransportError> {
    let (scheme, authority, path) = split_url(&request.url).ok_or_else(|| refused("the URL is not http(s)"))?;
    let entries: Vec<(String, Vec<u8>)> =
        request.headers.iter().map(|(k, v)| (k.clone(), v.as_bytes().to_vec())).collect();
    let fields = Fields::from_list(&entries).map_err(|e| refused(&format!("a header was refused: {e:?}")))?;
    let outgoing = OutgoingRequest::new(fields);
    let method = match request.method {
        Method::Get => WasiMethod::Get,
        Method::Post => WasiMethod::Post,
        Method::Put => WasiMethod::Put,
        Method::Patch => WasiMethod::Patch,
        Method::Delete => WasiMethod::Delete,
    };
    let scheme = if scheme == "https" { Scheme::Https } else { Scheme::Http };
    let set = outgoing.set_method(&method).is_ok()
        && outgoing.set_scheme(Some(&scheme)).is_ok()
        && outgoing.set_authority(Some(authority)).is_ok()
        && outgoing.set_path_with_query(Some(path)).is_ok();
    if !set {
        return Err(refused("the URL was refused by the host"));
    }
    Ok(outgoing)
}

/// Writes the whole body. Once every byte is flushed, a closed stream only means the host is done.
fn write_all(body: &OutgoingBody, mut bytes: &[u8]) -> Result<(), TransportError> {
    let stream = body.write().map_err(|()| refused("the body stream was already taken"))?;
    let pollable = stream.subscribe();
    while !bytes.is_empty() {
        pollable.block();
        let permit = stream.check_write().map_err(write_failed)?;
        let n = bytes.len().min(permit as usize);
        if n == 0 {
            continue;
        }
        stream.write(&bytes[..n]).map_err(write_failed)?;
        bytes = &bytes[n..];
    }
    match stream.flush() {
        Ok(()) | Err(StreamError::Closed) => Ok(()),
        Err(e) => Err(write_failed(e)),
    }
}

fn write_failed(e: StreamError) -> TransportError {
    maybe_sent(format!("writing the request body failed: {e:?}"))
}

fn maybe_sent(message: String) -> TransportError {
    TransportError { message, sent: true, denied: false }
}

/// A request the host or the guest refused to send: retrying cannot help.
fn refused(message: &str) -> TransportError {
    TransportError { message: message.to_owned(), sent: false, denied: true }
}

/// Failures that happen before a byte can reach the server are safe to retry for any method.
fn classify(message: String) -> TransportError {
    const BEFORE_SENDING: [&str; 5] =
        ["ConnectionRefused", "DnsError", "DnsTimeout", "ConnectionTimeout", "DestinationNotFound"];
    if message.contains("HttpRequestDenied") {
        return refused(&format!("the host does not allow requests to this address ({message})"));
    }
    let sent = !BEFORE_SENDING.iter().any(|m| message.contains(m));
    TransportError { message, sent, denied: false }
}
