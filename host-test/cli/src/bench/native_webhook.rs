//! The native arm of the webhook workloads: what verifying a delivery costs without a sandbox
//! (Zoom's `v0:{timestamp}:{body}` HMAC-SHA256, the timestamp window, a typed JSON parse), called
//! directly and served over HTTP by hyper as the component's endpoint is served.

use std::net::SocketAddr;

use anyhow::Result;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use sha2::Sha256;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The envelope fields the component's event typing reads first.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Parsed for the cost; the checks read `event` only.
pub(super) struct Event {
    pub(super) event: String,
    event_ts: Option<u64>,
    payload: Payload,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Payload {
    account_id: Option<String>,
    object: serde_json::Map<String, serde_json::Value>,
}

/// Zoom's 300-second replay window, as the component applies it.
const WINDOW_SECS: i64 = 300;

/// Verifies a delivery and parses it; `None` when the signature or timestamp is wrong.
pub(super) fn verify(secret: &[u8], body: &[u8], timestamp: &str, signature: &str, now: i64) -> Option<Event> {
    let ts: i64 = timestamp.parse().ok()?;
    if (now - ts).abs() > WINDOW_SECS {
        return None;
    }
    let expected = hex(signature.strip_prefix("v0=")?)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac.verify_slice(&expected).ok()?;
    serde_json::from_slice(body).ok()
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// The header value of `name` in a signed delivery's headers.
pub(super) fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
}

/// A hyper endpoint answering 200 to a verified delivery and 401 otherwise.
pub(super) struct NativeEndpoint {
    pub(super) addr: SocketAddr,
    accept: JoinHandle<()>,
}

impl Drop for NativeEndpoint {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

pub(super) async fn serve(secret: &'static str) -> Result<NativeEndpoint> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let accept = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let service = service_fn(move |req| answer(secret, req));
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
    Ok(NativeEndpoint { addr, accept })
}

async fn answer(secret: &str, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let headers = req.headers().clone();
    let body = req.into_body().collect().await?.to_bytes();
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let verified =
        verify(secret.as_bytes(), &body, &get("x-zm-request-timestamp"), &get("x-zm-signature"), now).is_some();
    let (status, text) = if verified { (200, "{}") } else { (401, "{\"error\":\"invalid signature\"}") };
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::OK);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_what_the_simulator_signs_and_nothing_else() {
        let body = r#"{"event":"meeting.started","event_ts":1,"payload":{"account_id":"A","object":{"id":"1"}}}"#;
        let headers = zoom_sim::sign_delivery("s3cret-for-the-test", body, 1_000);
        let (ts, sig) = (header(&headers, "x-zm-request-timestamp"), header(&headers, "x-zm-signature"));
        let event = verify(b"s3cret-for-the-test", body.as_bytes(), ts, sig, 1_010).unwrap();
        assert_eq!(event.event, "meeting.started");
        assert!(verify(b"other", body.as_bytes(), ts, sig, 1_010).is_none());
        assert!(verify(b"s3cret-for-the-test", body.as_bytes(), ts, sig, 2_000).is_none());
        assert!(verify(b"s3cret-for-the-test", b"{}", ts, sig, 1_010).is_none());
    }
}
