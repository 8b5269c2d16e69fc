//! Keep-alive connections for the component's outgoing `wasi:http` requests, one idle list per
//! origin (`scheme://host:port`), shared by every instance of a [`crate::Runtime`].
//!
//! `wasmtime_wasi_http::default_send_request` opens a TCP (and TLS) connection per request and
//! closes it after: on loopback that is half of a get-meeting's time, against Zoom a TLS handshake
//! per call. Instances are short-lived (one per action call), so the connections must outlive them:
//! the pool belongs to the runtime, and an instance only borrows a connection for one exchange.
//!
//! A connection goes back only once its response was read to the end; a body dropped early (the
//! guest gave up, a trap, a deadline) takes its connection with it, since the rest of that answer
//! would otherwise be read as the next one's. A pooled connection the server closed meanwhile is
//! found out before the request is written (hyper hands the request back) and the request goes
//! out once more, on a fresh connection.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::client::conn::http1::{self, SendRequest};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::task::AbortHandle;
use wasmtime_wasi_http::io::TokioIo;
use wasmtime_wasi_http::{Error, WasiBody};

/// Idle connections kept per origin. An instance sends one request at a time, so this is how
/// many instances can find a warm connection at once; past it, connections close after use
/// instead of holding descriptors (the serve loop runs up to 64 instances, most of which never
/// leave the host).
pub const MAX_IDLE_PER_ORIGIN: usize = 16;

/// How long an idle connection is kept. Servers drop idle keep-alive connections after a minute
/// or so (nginx 75 s, AWS load balancers 60 s); closing first, at half that, keeps the race where
/// a request is written into a socket the server is closing rare.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// The timeouts of one exchange, as `wasi:http`'s request options give them (already clamped).
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// TCP connect, TLS and the HTTP/1 handshake of a new connection.
    pub connect: Duration,
    /// From sending the request to the response's head.
    pub first_byte: Duration,
    /// Between two frames of the response body.
    pub between_bytes: Duration,
}

/// Keep-alive HTTP/1.1 connections by origin; see the module documentation.
pub struct Pool {
    idle: Mutex<HashMap<String, Vec<Idle>>>,
    max_idle: usize,
    idle_timeout: Duration,
    tls: OnceLock<tokio_rustls::TlsConnector>,
    opened: AtomicU64,
}

/// A connection: the request sender and the task that drives its socket. Dropping it closes the
/// socket, whatever state the exchange was in.
struct Conn {
    sender: SendRequest<WasiBody>,
    task: AbortHandle,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Idle {
    conn: Conn,
    since: Instant,
}

trait Stream: AsyncRead + AsyncWrite + Send + Unpin + 'static {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin + 'static> Stream for T {}

impl Default for Pool {
    fn default() -> Self {
        Pool::new(MAX_IDLE_PER_ORIGIN, IDLE_TIMEOUT)
    }
}

impl Pool {
    /// A pool keeping at most `max_idle` idle connections per origin, each for at most `idle_timeout`.
    pub fn new(max_idle: usize, idle_timeout: Duration) -> Self {
        Pool { idle: Mutex::default(), max_idle, idle_timeout, tls: OnceLock::new(), opened: AtomicU64::new(0) }
    }

    /// How many connections this pool has opened so far.
    pub fn connections_opened(&self) -> u64 {
        self.opened.load(Ordering::Relaxed)
    }

    /// Sends `request` to `origin` (as [`crate::egress::origin_of`] gives it, already allowed) on
    /// a pooled connection when one is alive, else on a new one.
    pub async fn send(
        self: &Arc<Self>,
        origin: String,
        mut request: http::Request<WasiBody>,
        timeouts: Timeouts,
    ) -> Result<http::Response<WasiBody>, Error> {
        // Scheme and authority in the request line are for proxies only.
        let path = request.uri().path_and_query().map_or("/", |p| p.as_str());
        *request.uri_mut() = http::Uri::try_from(path).map_err(|_| Error::HttpRequestUriInvalid)?;
        if let Some(conn) = self.checkout(&origin, timeouts.connect).await {
            match self.exchange(conn, &origin, request, timeouts).await {
                Exchange::Unsent(back) => request = back,
                Exchange::Done(answer) => return answer,
            }
        }
        let conn = self.connect(&origin, timeouts.connect).await?;
        match self.exchange(conn, &origin, request, timeouts).await {
            Exchange::Done(answer) => answer,
            Exchange::Unsent(_) => Err(Error::ConnectionTerminated),
        }
    }

    /// The most recently used idle connection of `origin` that is still open and ready.
    async fn checkout(&self, origin: &str, wait: Duration) -> Option<Conn> {
        loop {
            let mut conn = {
                let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
                let list = idle.get_mut(origin)?;
                let fresh_since = Instant::now().checked_sub(self.idle_timeout);
                list.retain(|i| !i.conn.sender.is_closed() && fresh_since.is_none_or(|t| i.since > t));
                list.pop()?.conn
            };
            // Ready at once unless its previous answer is still being wound up; closed if the
            // server hung up meanwhile.
            if let Ok(Ok(())) = tokio::time::timeout(wait, conn.sender.ready()).await {
                return Some(conn);
            }
        }
    }

    /// Back to the idle list, unless the list is full or the connection is closing.
    fn put(&self, origin: &str, conn: Conn) {
        if conn.sender.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let list = idle.entry(origin.to_owned()).or_default();
        let fresh_since = Instant::now().checked_sub(self.idle_timeout);
        list.retain(|i| !i.conn.sender.is_closed() && fresh_since.is_none_or(|t| i.since > t));
        if list.len() < self.max_idle {
            list.push(Idle { conn, since: Instant::now() });
        }
    }

    async fn connect(&self, origin: &str, timeout: Duration) -> Result<Conn, Error> {
        let (tls, authority) = match origin.split_once("://") {
            Some(("https", authority)) => (true, authority),
            Some(("http", authority)) => (false, authority),
            _ => return Err(Error::HttpRequestUriInvalid),
        };
        let connecting = async {
            let tcp = TcpStream::connect(authority).await.map_err(Error::Connect)?;
            // Small requests on a reused connection would otherwise wait on Nagle's algorithm.
            let _ = tcp.set_nodelay(true);
            let stream: Box<dyn Stream> = if tls {
                let name = server_name(authority)?;
                Box::new(self.tls_connector().connect(name, tcp).await.map_err(Error::Tls)?)
            } else {
                Box::new(tcp)
            };
            let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
            Ok::<_, Error>((sender, connection))
        };
        let (sender, connection) =
            tokio::time::timeout(timeout, connecting).await.map_err(|_| Error::ConnectionTimeout)??;
        self.opened.fetch_add(1, Ordering::Relaxed);
        let task = tokio::spawn(async move {
            let _ = connection.await;
        })
        .abort_handle();
        Ok(Conn { sender, task })
    }

    /// Root certificates parsed once per pool, not per connection.
    fn tls_connector(&self) -> &tokio_rustls::TlsConnector {
        self.tls.get_or_init(|| {
            let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.into() };
            let config = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
            tokio_rustls::TlsConnector::from(Arc::new(config))
        })
    }

    async fn exchange(
        self: &Arc<Self>,
        mut conn: Conn,
        origin: &str,
        request: http::Request<WasiBody>,
        timeouts: Timeouts,
    ) -> Exchange {
        let sending = conn.sender.try_send_request(request);
        let response = match tokio::time::timeout(timeouts.first_byte, sending).await {
            Ok(Ok(response)) => response,
            Ok(Err(mut failed)) => {
                return match failed.take_message() {
                    Some(request) => Exchange::Unsent(request),
                    None => Exchange::Done(Err(Error::from(failed.into_error()))),
                }
            }
            Err(_) => return Exchange::Done(Err(Error::ConnectionReadTimeout)),
        };
        let mut between = tokio::time::interval(timeouts.between_bytes.max(Duration::from_nanos(1)));
        between.reset();
        let mut lease = Some(Lease { conn, pool: Arc::clone(self), origin: origin.to_owned() });
        if response.body().is_end_stream() {
            // A body-less answer (204, a HEAD) may never be polled: the connection is free now.
            if let Some(lease) = lease.take() {
                lease.release();
            }
        }
        Exchange::Done(Ok(response.map(|incoming| PooledBody { incoming, between, lease }.boxed_unsync())))
    }
}

enum Exchange {
    /// The connection was closed before the request was written; here it is, to send elsewhere.
    Unsent(http::Request<WasiBody>),
    Done(Result<http::Response<WasiBody>, Error>),
}

/// A connection on loan to one response body.
struct Lease {
    conn: Conn,
    pool: Arc<Pool>,
    origin: String,
}

impl Lease {
    fn release(self) {
        self.pool.put(&self.origin, self.conn);
    }
}

/// A response body that hands its connection back once read to the end, and fails like
/// `default_send_request`'s when the server pauses longer than the between-bytes timeout.
struct PooledBody {
    incoming: Incoming,
    between: tokio::time::Interval,
    lease: Option<Lease>,
}

impl PooledBody {
    fn release(&mut self) {
        if let Some(lease) = self.lease.take() {
            lease.release();
        }
    }
}

impl Body for PooledBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        match Pin::new(&mut self.incoming).poll_frame(cx) {
            Poll::Ready(None) => {
                self.release();
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(e))) => {
                self.lease = None;
                Poll::Ready(Some(Err(if e.is_timeout() { Error::HttpResponseTimeout } else { Error::from(e) })))
            }
            Poll::Ready(Some(Ok(frame))) => {
                self.between.reset();
                if self.incoming.is_end_stream() {
                    self.release();
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Pending => {
                ready!(self.between.poll_tick(cx));
                self.lease = None;
                Poll::Ready(Some(Err(Error::ConnectionReadTimeout)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.incoming.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.incoming.size_hint()
    }
}

/// The name a TLS certificate must carry for `authority` (`host:port`, `[v6]:port`).
fn server_name(authority: &str) -> Result<rustls::pki_types::ServerName<'static>, Error> {
    use rustls::pki_types::ServerName;
    if let Ok(addr) = authority.parse::<std::net::SocketAddr>() {
        return Ok(ServerName::from(addr.ip()));
    }
    let host = authority.rsplit_once(':').map_or(authority, |(host, _)| host);
    Ok(ServerName::try_from(host)?.to_owned())
}

#[cfg(test)]
mod tests;
