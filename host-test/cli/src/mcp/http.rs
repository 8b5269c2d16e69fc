//! The Streamable HTTP transport: rmcp's service at `/mcp`, served by hyper on a loopback
//! address only. The server has no authentication of its own and acts with the connection's
//! credentials, so it must not be reachable from another machine; browsers' requests from other
//! origins are refused too (rmcp's Origin check), so a web page cannot drive it.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::TokioIo;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tower_service::Service as _;

use super::Server;

/// The path MCP clients connect to: `http://ADDR/mcp`.
pub const PATH: &str = "/mcp";

/// Refuses an address another machine could reach.
pub fn check_loopback(addr: &SocketAddr) -> Result<()> {
    if !addr.ip().is_loopback() {
        bail!(
            "--http {addr}: only a loopback address (127.0.0.1, [::1]) is served; the MCP server acts with the \
             connection's credentials and has no authentication of its own"
        );
    }
    Ok(())
}

/// Serves `server` on `addr` until interrupted; the bound URL goes to stderr first (port 0 picks
/// a free port).
pub async fn serve(server: Server, addr: SocketAddr) -> Result<()> {
    check_loopback(&addr)?;
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
    let bound = listener.local_addr()?;
    let host = match bound.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let mut config = StreamableHttpServerConfig::default();
    config.allowed_hosts.push(bound.ip().to_string());
    config.allowed_origins = ["localhost", "127.0.0.1", "[::1]", host.as_str()]
        .iter()
        .map(|h| format!("http://{h}:{}", bound.port()))
        .collect();
    let service =
        StreamableHttpService::new(move || Ok(server.clone()), Arc::new(LocalSessionManager::default()), config);
    eprintln!("serving MCP (Streamable HTTP) on http://{host}:{}{PATH}", bound.port());
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => accepted?,
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        let service = service.clone();
        let route = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut service = service.clone();
            async move {
                if request.uri().path() == PATH {
                    service.call(request).await
                } else {
                    Ok::<_, Infallible>(not_found())
                }
            }
        });
        tokio::spawn(async move {
            // A client that hangs up mid-request is its own business.
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), route).await;
        });
    }
}

fn not_found() -> hyper::Response<http_body_util::combinators::BoxBody<Bytes, Infallible>> {
    let body = Full::new(Bytes::from_static(b"{\"error\":\"the MCP endpoint is /mcp\"}\n")).boxed();
    let mut response = hyper::Response::new(body);
    *response.status_mut() = hyper::StatusCode::NOT_FOUND;
    response
        .headers_mut()
        .insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    response
}
