//! `zoom-host serve`: the component's `wasi:http/incoming-handler` (the webhook endpoint) served
//! over HTTP/1.1, one fresh instance per request, as any WASI HTTP host would.
//!
//! The component keeps no state between requests, so the host remembers the signatures of the
//! deliveries it answered 200 (for the timestamp window) and passes them to every instance in
//! `ZOOM_WEBHOOK_SEEN_SIGNATURES`: a replay inside the window is refused, and Zoom's retries of a
//! delivery that failed (never answered 200) still get through.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use wasmtime_wasi_http::io::TokioIo;
use wasmtime_wasi_http::p2::bindings::http::types::Scheme;
use wasmtime_wasi_http::p2::bindings::ProxyPre;
use wasmtime_wasi_http::WasiHttpView;

use crate::egress::origin_of;
use crate::{HostState, Runtime};

/// What the endpoint's guest sees: its environment, and where it may send (the relay only).
#[derive(Clone, Default)]
pub struct EndpointConfig {
    /// Environment variables passed to the guest (`ZOOM_WEBHOOK_SECRET_TOKEN`, ...).
    pub env: Vec<(String, String)>,
    /// `host:port` authorities the guest may reach.
    pub allowed_hosts: Vec<String>,
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
        EndpointConfig { env, allowed_hosts }
    }

    /// Adds one more environment variable for the guest.
    pub fn with_env(mut self, name: &str, value: &str) -> EndpointConfig {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }
}

// The environment holds the webhook secret.
impl std::fmt::Debug for EndpointConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.env.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("EndpointConfig").field("env", &names).field("allowed_hosts", &self.allowed_hosts).finish()
    }
}

/// Signatures of deliveries answered 200, newest last, kept for the timestamp window.
struct Seen {
    window: Duration,
    entries: Mutex<VecDeque<(Instant, String)>>,
}

/// More than enough for Zoom's delivery rate within a window; the oldest go first.
const MAX_SEEN: usize = 5000;

impl Seen {
    fn new(config: &EndpointConfig) -> Seen {
        let tolerance = config.env.iter().find(|(k, _)| k == "ZOOM_WEBHOOK_TOLERANCE_SECONDS");
        let secs = tolerance.and_then(|(_, v)| v.trim().parse::<u64>().ok()).unwrap_or(5400);
        Seen { window: Duration::from_secs(secs), entries: Mutex::new(VecDeque::new()) }
    }

    fn list(&self) -> String {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while entries.front().is_some_and(|(at, _)| at.elapsed() > self.window) {
            entries.pop_front();
        }
        entries.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(",")
    }

    fn remember(&self, signature: String) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_SEEN {
            entries.pop_front();
        }
        entries.push_back((Instant::now(), signature));
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

/// Starts serving on `127.0.0.1:port` (0 picks a free port). Must run inside a tokio runtime.
pub async fn start(runtime: Arc<Runtime>, port: u16, config: EndpointConfig) -> Result<Endpoint> {
    let pre = ProxyPre::new(runtime.instance_pre().clone())
        .map_err(anyhow::Error::from)
        .context("the component has no wasi:http/incoming-handler")?;
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let seen = Seen::new(&config);
    let shared = Arc::new((runtime, pre, config, seen));
    let accept = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let shared = Arc::clone(&shared);
                    async move {
                        let (runtime, pre, config, seen) = &*shared;
                        Ok::<_, std::convert::Infallible>(match handle(runtime, pre, config, seen, req).await {
                            Ok(resp) => resp,
                            Err(e) => plain(500, &format!("{{\"error\":{}}}", serde_json::json!(format!("{e:#}")))),
                        })
                    }
                });
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
    Ok(Endpoint { addr, accept })
}

/// One request through a fresh instance; the whole answer is read before it is returned.
async fn handle(
    runtime: &Runtime,
    pre: &ProxyPre<HostState>,
    config: &EndpointConfig,
    seen: &Seen,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>> {
    let signature = req.headers().get("x-zm-signature").and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
    let mut env = config.env.clone();
    env.push(("ZOOM_WEBHOOK_SEEN_SIGNATURES".to_owned(), seen.list()));
    let mut store = runtime.store(&config.allowed_hosts, &env)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let req = store.data_mut().http().new_incoming_request(Scheme::Http, req)?;
    let out = store.data_mut().http().new_response_outparam(sender)?;
    let pre = pre.clone();
    let task = tokio::spawn(async move {
        let proxy = pre.instantiate_async(&mut store).await?;
        proxy.wasi_http_incoming_handler().call_handle(&mut store, req, out).await
    });
    let response = match receiver.await {
        Ok(Ok(resp)) => resp,
        Ok(Err(code)) => return Err(anyhow!("the component answered with an error: {code:?}")),
        Err(_) => {
            let why = match task.await {
                Ok(Ok(())) => anyhow!("the component never answered"),
                Ok(Err(e)) => anyhow::Error::from(e),
                Err(e) => e.into(),
            };
            return Err(why.context("the component did not answer"));
        }
    };
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.map_err(|e| anyhow!("reading the component's answer: {e:?}"))?.to_bytes();
    if let (true, Some(signature)) = (parts.status == hyper::StatusCode::OK, signature) {
        seen.remember(signature);
    }
    Ok(hyper::Response::from_parts(parts, Full::new(bytes)))
}

fn plain(status: u16, body: &str) -> hyper::Response<Full<Bytes>> {
    let mut resp = hyper::Response::new(Full::new(Bytes::from(body.to_owned())));
    *resp.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut().insert("content-type", hyper::header::HeaderValue::from_static("application/json"));
    resp
}
