//! What the component may reach: an allow-list of origins (`scheme://host:port`), timeouts the
//! guest cannot raise, and a copy of every token Zoom's OAuth endpoint hands out.
//!
//! Tokens are captured here, in the host, because a rotated refresh token is the only valid one
//! from the moment Zoom answers: if the guest then traps (fuel, memory, deadline), the instance
//! can no longer be asked for `auth.token-updates`, but the host still holds the answer.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http_body_util::BodyExt;
use hyper::body::{Body, Bytes, Frame, SizeHint};
use serde_json::{json, Value};
use wasmtime_wasi_http::{RequestOptions, WasiBody, WasiHttpHooks};

use crate::pool::{Pool, Timeouts};

/// A token answer is a few hundred bytes; anything larger is not one.
const MAX_TOKEN_ANSWER: usize = 64 * 1024;

/// The `wasi:http` hooks of one instance.
pub struct Egress {
    allowed: Vec<String>,
    timeout: Duration,
    captured: Arc<Mutex<Vec<CapturedToken>>>,
    pool: Arc<Pool>,
    gets: Arc<AtomicU64>,
}

/// Tokens from one `POST …/oauth/token` answer, as the WIT `token-set` (JSON field names).
#[derive(Clone, PartialEq)]
pub struct CapturedToken {
    /// `access_token`, `refresh_token` (when Zoom sent one), `expires_at`, `scopes`.
    pub tokens: Value,
}

// Tokens are secrets: debug output names the fields only.
impl std::fmt::Debug for CapturedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rotated = self.tokens.get("refresh_token").is_some_and(|r| !r.is_null());
        f.debug_struct("CapturedToken").field("refresh_token", &rotated).finish_non_exhaustive()
    }
}

impl Egress {
    /// `allowed` holds origins as [`origin_of`] gives them; an empty list allows nothing. Plain
    /// `http://` is never allowed beyond this machine, whatever the list says: a token would
    /// travel in clear text. Requests go out on `pool`'s keep-alive connections.
    pub fn new(allowed: Vec<String>, timeout: Duration, pool: Arc<Pool>) -> Self {
        let allowed = allowed.into_iter().map(|a| a.to_ascii_lowercase()).filter(|o| secure_or_local(o)).collect();
        Egress { allowed, timeout, captured: Arc::default(), pool, gets: Arc::default() }
    }

    /// Counts every GET this instance sends into `gets` (a list's pages, for a progress line).
    pub fn counting_gets(mut self, gets: Arc<AtomicU64>) -> Self {
        self.gets = gets;
        self
    }

    /// Tokens captured so far, oldest first.
    pub fn captured_tokens(&self) -> Vec<CapturedToken> {
        self.captured.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The request's origin when the allow-list holds it.
    fn permitted_origin(&self, uri: &http::Uri) -> Option<String> {
        origin_of_uri(uri).filter(|o| self.allowed.contains(o))
    }

    #[cfg(test)]
    fn permits(&self, uri: &http::Uri) -> bool {
        self.permitted_origin(uri).is_some()
    }
}

/// `scheme://host:port` of a base URL such as `https://api.zoom.us/v2` (`https://api.zoom.us:443`).
pub fn origin_of(url: &str) -> Option<String> {
    origin_of_uri(&url.parse().ok()?)
}

fn origin_of_uri(uri: &http::Uri) -> Option<String> {
    let authority = uri.authority()?;
    let scheme = match uri.scheme_str()?.to_ascii_lowercase().as_str() {
        "https" => "https",
        "http" => "http",
        _ => return None,
    };
    let port = authority.port_u16().unwrap_or(if scheme == "https" { 443 } else { 80 });
    Some(format!("{scheme}://{}:{port}", authority.host().to_ascii_lowercase()))
}

/// Whether an origin is https, or http to a loopback host.
pub fn secure_or_local(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else { return origin.starts_with("https://") };
    let host = rest.rsplit_once(':').map_or(rest, |(h, _)| h);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

type SendFuture = Box<
    dyn std::future::Future<
            Output = Result<
                (
                    http::Response<WasiBody>,
                    Box<dyn std::future::Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
                ),
                wasmtime_wasi_http::Error,
            >,
        > + Send,
>;

impl WasiHttpHooks for Egress {
    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        fut: Box<dyn std::future::Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
    ) -> SendFuture {
        let Some(origin) = self.permitted_origin(request.uri()) else {
            return Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) });
        };
        // The guest may ask for longer waits (a connection's `timeout_seconds` goes up to 300 s);
        // the host's limit wins, so no request outlives what the platform allows.
        let options = options.unwrap_or_default();
        let clamp = |asked: Option<Duration>| asked.unwrap_or(self.timeout).min(self.timeout);
        let timeouts = Timeouts {
            connect: clamp(options.connect_timeout),
            first_byte: clamp(options.first_byte_timeout),
            between_bytes: clamp(options.between_bytes_timeout),
        };
        let _ = fut;
        if request.method() == http::Method::GET {
            self.gets.fetch_add(1, Ordering::Relaxed);
        }
        let token_request = request.method() == http::Method::POST && request.uri().path().ends_with("/oauth/token");
        let captured = Arc::clone(&self.captured);
        let pool = Arc::clone(&self.pool);
        Box::new(async move {
            let response = pool.send(origin, request, timeouts).await?;
            // The connection is the pool's, driven by its own task: nothing for the caller to run.
            let io = Box::new(async { Ok(()) }) as Box<dyn std::future::Future<Output = _> + Send>;
            if !token_request || !response.status().is_success() {
                return Ok((response, io));
            }
            // The body streams on to the guest untouched; a copy is read as it passes.
            Ok((response.map(|body| CaptureBody { inner: body, seen: Vec::new(), sink: captured }.boxed_unsync()), io))
        })
    }
}

/// A token answer's body on its way to the guest, recorded once it has been read to the end.
struct CaptureBody {
    inner: WasiBody,
    seen: Vec<u8>,
    sink: Arc<Mutex<Vec<CapturedToken>>>,
}

impl Body for CaptureBody {
    type Data = Bytes;
    type Error = wasmtime_wasi_http::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if self.seen.len() + data.len() <= MAX_TOKEN_ANSWER {
                        self.seen.extend_from_slice(data);
                    }
                }
            }
            Poll::Ready(None) => {
                if let Some(token) = token_answer(&self.seen, now_unix()) {
                    self.sink.lock().unwrap_or_else(|e| e.into_inner()).push(token);
                }
                self.seen.clear();
            }
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Reads a token answer the way the component does (`expires_in` defaults to an hour; `scope`
/// is space-separated); `None` when it carries no access token.
fn token_answer(body: &[u8], now: u64) -> Option<CapturedToken> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let access = v.get("access_token")?.as_str()?;
    let expires_in = v.get("expires_in").and_then(Value::as_u64).unwrap_or(3600);
    let scopes: Vec<&str> =
        v.get("scope").and_then(Value::as_str).map(|s| s.split_whitespace().collect()).unwrap_or_default();
    let refresh = v.get("refresh_token").and_then(Value::as_str);
    Some(CapturedToken {
        tokens: json!({"access_token": access, "refresh_token": refresh, "expires_at": now + expires_in, "scopes": scopes}),
    })
}

fn now_unix() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_matches_scheme_host_and_port_exactly() {
        let e = Egress::new(
            vec!["http://127.0.0.1:8080".into(), "https://api.zoom.us:443".into()],
            Duration::from_secs(1),
            Arc::default(),
        );
        assert!(e.permits(&"http://127.0.0.1:8080/v2/users".parse().unwrap()));
        assert!(e.permits(&"https://API.zoom.us/v2".parse().unwrap()));
        assert!(!e.permits(&"http://api.zoom.us:443/v2".parse().unwrap()), "the token would travel in clear text");
        assert!(!e.permits(&"https://127.0.0.1:8080/v2".parse().unwrap()));
        assert!(!e.permits(&"http://127.0.0.1:8081/v2".parse().unwrap()));
        assert!(!e.permits(&"https://evil.example/v2".parse().unwrap()));
        assert_eq!(origin_of("https://api.zoom.us/v2").as_deref(), Some("https://api.zoom.us:443"));
        assert_eq!(origin_of("ftp://api.zoom.us/v2"), None);
    }

    #[test]
    fn plain_http_is_refused_beyond_this_machine_even_when_listed() {
        let e = Egress::new(
            vec!["http://api.zoom.us:80".into(), "http://localhost:9".into()],
            Duration::from_secs(1),
            Arc::default(),
        );
        assert!(!e.permits(&"http://api.zoom.us/v2".parse().unwrap()));
        assert!(e.permits(&"http://localhost:9/v2".parse().unwrap()));
        assert!(secure_or_local("http://[::1]:80") && secure_or_local("http://127.0.0.2:1"));
        assert!(!secure_or_local("http://127.0.0.1.example:80"));
    }

    #[test]
    fn token_answers_are_read_like_the_component_reads_them() {
        let t = token_answer(br#"{"access_token":"A","refresh_token":"R2","expires_in":60,"scope":"a:b c:d"}"#, 100)
            .unwrap();
        assert_eq!(
            t.tokens,
            json!({"access_token": "A", "refresh_token": "R2", "expires_at": 160, "scopes": ["a:b", "c:d"]})
        );
        let s2s = token_answer(br#"{"access_token":"A","token_type":"bearer"}"#, 0).unwrap();
        assert_eq!((s2s.tokens["refresh_token"].clone(), s2s.tokens["expires_at"].clone()), (Value::Null, json!(3600)));
        assert!(token_answer(br#"{"reason":"Invalid Token!"}"#, 0).is_none());
        assert!(!format!("{t:?}").contains("R2"));
    }
}
