//! The load run's relay target: a loopback HTTP server that counts relayed events by their `key`,
//! so the run can tell how many deliveries were relayed exactly once (and whether any twice).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::server::conn::http1;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use wasmtime_wasi_http::io::TokioIo;

pub(super) struct CountingRelay {
    pub(super) url: String,
    counts: Arc<Mutex<HashMap<String, usize>>>,
    accept: JoinHandle<()>,
}

impl CountingRelay {
    pub(super) async fn start() -> Result<CountingRelay> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr: SocketAddr = listener.local_addr()?;
        let counts = Arc::new(Mutex::new(HashMap::new()));
        let seen = Arc::clone(&counts);
        let accept = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    // Out of descriptors for a moment: the endpoint retries a failed relay with 502.
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                };
                let seen = Arc::clone(&seen);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let seen = Arc::clone(&seen);
                        async move {
                            let body = req.into_body().collect().await.map(|c| c.to_bytes()).unwrap_or_default();
                            let key = serde_json::from_slice::<serde_json::Value>(&body)
                                .ok()
                                .and_then(|v| v["key"].as_str().map(str::to_owned))
                                .unwrap_or_default();
                            *seen.lock().unwrap_or_else(|e| e.into_inner()).entry(key).or_insert(0) += 1;
                            Ok::<_, std::convert::Infallible>(hyper::Response::new(Full::new(Bytes::new())))
                        }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        Ok(CountingRelay { url: format!("http://{addr}/relay"), counts, accept })
    }

    /// How many times each key was relayed.
    pub(super) fn counts(&self) -> HashMap<String, usize> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for CountingRelay {
    fn drop(&mut self) {
        self.accept.abort();
    }
}
