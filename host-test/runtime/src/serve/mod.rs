//! `zoom-host serve`: the component's `wasi:http/incoming-handler` (the webhook endpoint) served
//! over HTTP/1.1, one fresh instance per request, as any WASI HTTP host would.
//!
//! The component keeps no state between requests, so the host remembers the signatures of the
//! deliveries it answered 200 (for the timestamp window) and tells an instance when its request's
//! signature is one of them, in `ZOOM_WEBHOOK_SEEN_SIGNATURES`: a replay inside the window is
//! refused, and Zoom's retries of a delivery that failed (never answered 200) still get through.
//! [`seen`] claims each signature when its request starts, so concurrent copies are refused too.
//! With [`EndpointConfig::with_redis`] the signatures live in Redis instead ([`seen_redis`]), so
//! replicas behind a load balancer refuse a replay that reached another one; while Redis cannot
//! answer, a signed request is answered 503 (Zoom retries it), never verified without the store.
//!
//! Hostile clients are bounded by [`ServeLimits`]: connections served at once, the time to send
//! the headers, a deadline per request (body and component), the body size (counted as it
//! arrives, chunked or not) and the instances running at once. An accept error (EMFILE when the
//! process is out of descriptors) is logged and retried with a backoff, never the end of serving.

mod replay;
mod request;
mod seen;
mod seen_redis;
mod timer;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use hyper::server::conn::http1;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;
use wasmtime_wasi_http::io::TokioIo;
use wasmtime_wasi_http::p2::bindings::ProxyPre;

use crate::egress::origin_of;
use crate::redis::RedisUrl;
use crate::{HostState, Runtime};
use replay::ReplayStore;

/// What the endpoint's guest sees (its environment, where it may send) and the host's limits.
#[derive(Clone, Default)]
pub struct EndpointConfig {
    /// Environment variables passed to the guest (`ZOOM_WEBHOOK_SECRET_TOKEN`, ...).
    pub env: Vec<(String, String)>,
    /// `host:port` authorities the guest may reach.
    pub allowed_hosts: Vec<String>,
    /// Bounds on what one client can hold.
    pub limits: ServeLimits,
    /// Where answered signatures are kept: Redis, shared by replicas, or (`None`) this process.
    pub replay_store: Option<RedisUrl>,
}

/// Bounds on the endpoint's clients; the defaults suit Zoom, which answers within seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct ServeLimits {
    /// How long a client may take to send a request's headers, idle keep-alive time included.
    pub header_timeout: Duration,
    /// How long one request may take from its headers to its answer: 408 while the body is still
    /// arriving, 504 while the component is still running (Zoom then retries).
    pub request_deadline: Duration,
    /// The largest body read (413 past it, counted as it arrives).
    pub max_body_bytes: usize,
    /// Connections served at once; more wait in the listen backlog until one closes.
    pub max_connections: usize,
    /// Component instances running at once; more requests wait, within their deadline.
    pub max_instances: usize,
}

impl Default for ServeLimits {
    fn default() -> Self {
        ServeLimits {
            header_timeout: Duration::from_secs(10),
            request_deadline: Duration::from_secs(30),
            max_body_bytes: 1 << 20,
            max_connections: 1024,
            max_instances: 64,
        }
    }
}

impl EndpointConfig {
    /// The endpoint's settings: the secret, and optionally a relay URL the guest may then reach.
    pub fn new(secret: Option<&str>, relay_url: Option<&str>) -> EndpointConfig {
        let mut env = Vec::new();
        if let Some(secret) = secret {
            env.push(("ZOOM_WEBHOOK_SECRET_TOKEN".to_owned(), secret.to_owned()));
        }
        let mut allowed_hosts = Vec::new();
        if let Some(url) = relay_url {
            env.push(("ZOOM_WEBHOOK_RELAY_URL".to_owned(), url.to_owned()));
            allowed_hosts.extend(origin_of(url));
        }
        EndpointConfig { env, allowed_hosts, limits: ServeLimits::default(), replay_store: None }
    }

    /// Adds one more environment variable for the guest.
    pub fn with_env(mut self, name: &str, value: &str) -> EndpointConfig {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Replaces the limits.
    pub fn with_limits(mut self, limits: ServeLimits) -> EndpointConfig {
        self.limits = limits;
        self
    }

    /// Keeps the replay store in Redis, so every endpoint sharing it refuses a replay.
    pub fn with_redis(mut self, url: RedisUrl) -> EndpointConfig {
        self.replay_store = Some(url);
        self
    }

    /// The timestamp window the guest applies, which is how long answered signatures are kept.
    fn window(&self) -> Duration {
        let tolerance = self.env.iter().find(|(k, _)| k == "ZOOM_WEBHOOK_TOLERANCE_SECONDS");
        Duration::from_secs(tolerance.and_then(|(_, v)| v.trim().parse::<u64>().ok()).unwrap_or(5400))
    }
}

// The environment holds the webhook secret.
impl std::fmt::Debug for EndpointConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.env.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("EndpointConfig")
            .field("env", &names)
            .field("allowed_hosts", &self.allowed_hosts)
            .field("limits", &self.limits)
            .field("replay_store", &self.replay_store)
            .finish()
    }
}

/// A running endpoint; dropping it stops accepting.
pub struct Endpoint {
    pub addr: SocketAddr,
    accept: JoinHandle<()>,
}

impl Endpoint {
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Everything a request needs, shared by all connections.
struct Shared {
    runtime: Arc<Runtime>,
    pre: ProxyPre<HostState>,
    config: EndpointConfig,
    seen: ReplayStore,
    instances: Semaphore,
}

/// Starts serving on `127.0.0.1:port` (0 picks a free port). Must run inside a tokio runtime.
pub async fn start(runtime: Arc<Runtime>, port: u16, config: EndpointConfig) -> Result<Endpoint> {
    let pre = ProxyPre::new(runtime.instance_pre().clone())
        .map_err(anyhow::Error::from)
        .context("the component has no wasi:http/incoming-handler")?;
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let seen = ReplayStore::new(config.replay_store.as_ref(), config.window(), config.limits.request_deadline);
    // Replicas start in any order, Redis included: one that cannot reach it yet serves anyway,
    // answering 503 until it can, rather than failing its health check and restarting in a loop.
    if let Err(e) = seen.check().await {
        eprintln!(
            "webhook endpoint: starting without the replay store ({e}); signed deliveries get 503 until it answers"
        );
    }
    let instances = Semaphore::new(config.limits.max_instances.max(1));
    let shared = Arc::new(Shared { runtime, pre, config, seen, instances });
    let accept = tokio::spawn(accept_loop(listener, shared));
    Ok(Endpoint { addr, accept })
}

/// Accepts until the endpoint is dropped. A connection slot is taken before accepting, so past
/// `max_connections` clients wait in the backlog instead of costing descriptors and memory.
async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let slots = Arc::new(Semaphore::new(shared.config.limits.max_connections.max(1)));
    let mut failures = 0u32;
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else { return };
        match listener.accept().await {
            Ok((stream, _)) => {
                if failures > 0 {
                    eprintln!("webhook endpoint: accepting again after {failures} failed accept(s)");
                    failures = 0;
                }
                tokio::spawn(connection(stream, slot, Arc::clone(&shared)));
            }
            Err(e) => {
                // EMFILE/ENFILE/ENOBUFS pass once connections close; ECONNABORTED at once. Either
                // way the listener is still good: wait a little (so a descriptor shortage is not a
                // busy loop) and accept again. One line per streak keeps the log readable.
                failures = failures.saturating_add(1);
                if failures == 1 {
                    eprintln!("webhook endpoint: accept failed ({e}); retrying with a backoff");
                }
                drop(slot);
                tokio::time::sleep(backoff(failures)).await;
            }
        }
    }
}

/// 10 ms, doubling up to 1 s.
fn backoff(failures: u32) -> Duration {
    Duration::from_millis((5u64 << failures.min(8)).min(1000))
}

/// One client connection, holding its slot until it closes.
async fn connection(stream: TcpStream, _slot: OwnedSemaphorePermit, shared: Arc<Shared>) {
    // Answers are small writes the client waits on; Nagle's algorithm would hold them back.
    let _ = stream.set_nodelay(true);
    let header_timeout = shared.config.limits.header_timeout;
    let service = hyper::service::service_fn(move |req| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, std::convert::Infallible>(request::answer(&shared, req).await) }
    });
    // A second handle on the socket for closing it gently afterwards (hyper keeps its stream).
    let closer = stream.into_std().and_then(|s| Ok((s.try_clone()?, s)));
    let Ok((closer, stream)) = closer else { return };
    let (Ok(stream), Ok(closer)) = (TcpStream::from_std(stream), TcpStream::from_std(closer)) else { return };
    let served = http1::Builder::new()
        .timer(timer::TokioTimer)
        .header_read_timeout(header_timeout)
        .serve_connection(TokioIo::new(stream), service)
        .without_shutdown()
        .await;
    if let Ok(parts) = served {
        drop(parts);
        linger(closer).await;
    }
}

/// How long, and how many unread bytes, a closing connection is drained for.
const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1 << 20;

/// Closes a connection the way a client can read its last answer: an endpoint that refuses a body
/// (413) answers before the client is done sending it, and closing a socket with unread bytes
/// makes the kernel send a reset, which can discard the answer before the client reads it. So
/// the write side is shut first (the client sees the end of the answer), and what the client
/// still sends is read and dropped for a bounded time and amount before the socket closes.
async fn linger(mut stream: TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if stream.shutdown().await.is_err() {
        return;
    }
    let drain = async {
        let mut buf = vec![0u8; 16 << 10];
        let mut drained = 0;
        while drained < LINGER_BYTES {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => drained += n,
            }
        }
    };
    let _ = tokio::time::timeout(LINGER, drain).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_millis(10));
        assert_eq!(backoff(2), Duration::from_millis(20));
        assert_eq!(backoff(30), Duration::from_secs(1));
    }

    #[test]
    fn the_debug_form_names_the_variables_but_not_the_secret() {
        let config = EndpointConfig::new(Some("very-secret-value"), Some("http://127.0.0.1:9/in"));
        let text = format!("{config:?}");
        assert!(text.contains("ZOOM_WEBHOOK_SECRET_TOKEN") && !text.contains("very-secret-value"), "{text}");
        assert_eq!(config.allowed_hosts, ["http://127.0.0.1:9"]);
        assert_eq!(config.window(), Duration::from_secs(5400));
        let url = RedisUrl::parse("redis://:redis-password-1@127.0.0.1:6379").unwrap();
        let text = format!("{:?}", config.with_redis(url));
        assert!(text.contains("redis://:***@127.0.0.1:6379/0") && !text.contains("redis-password-1"), "{text}");
    }
}
