//! The native baseline: the same requests the component sends, on a plain HTTP/1.1 client.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpStream;

use anyhow::{anyhow, Context, Result};
use serde_json::Value;
use zoom_sim::percent::encode;

/// `path?query` with the query pairs percent-encoded again.
pub(super) fn request_target(path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    format!("{path}?{}", pairs.join("&"))
}

/// One HTTP/1.1 request on a fresh connection, as a plain native client would send it; the JSON
/// body of the answer is parsed, as the component parses it. Returns the status and the body.
pub(super) fn direct_request(
    addr: &str,
    method: &str,
    target: &str,
    token: &str,
    body: Option<&str>,
) -> Result<(u16, Value)> {
    let mut stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
    stream.set_nodelay(true)?;
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\nConnection: close\r\n"
    );
    if let Some(body) = body {
        let _ = write!(request, "Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or(""));
    stream.write_all(request.as_bytes())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| anyhow!("no end of headers"))?;
    let head = std::str::from_utf8(&answer[..split])?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("bad status line in {head:?}"))?;
    let payload = &answer[split + 4..];
    let value = if payload.is_empty() { Value::Null } else { serde_json::from_slice(payload)? };
    Ok((status, value))
}
