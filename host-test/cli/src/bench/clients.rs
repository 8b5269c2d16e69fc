//! The load run's clients, on tokio: signed deliveries, idle sockets, slow drips, chunked bodies
//! past the cap and concurrent replays. Each reports what the endpoint did with it as an
//! [`Outcome`]; none of them decides anything from timings.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use zoom_sim::sign_delivery;

use super::wire;

/// The webhook secret of the load run's endpoint (made up for the run; never printed).
pub(super) const SECRET: &str = "serve-load-bench-secret";
/// How long a client waits for an answer: past every limit of the endpoint, so reaching it means
/// the endpoint hung.
pub(super) const PATIENCE: Duration = Duration::from_secs(90);

/// What happened to one client's request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Outcome {
    /// The endpoint answered with this status.
    Status(u16),
    /// The endpoint closed the connection without an answer (the header timeout does that).
    Closed,
    /// No answer within [`PATIENCE`], or the client could not connect.
    Lost,
}

/// A `meeting.started` event whose key (`meeting.started:{id}:u{id}==`) is unique to `id`.
pub(super) fn event(id: u64) -> String {
    format!(
        r#"{{"event":"meeting.started","event_ts":{id},"payload":{{"account_id":"A","object":{{"id":"{id}","uuid":"u{id}==","host_id":"h","topic":"load","type":2}}}}}}"#
    )
}

/// The relay key of [`event`]`(id)`.
pub(super) fn key(id: u64) -> String {
    format!("meeting.started:{id}:u{id}==")
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn outcome(answer: Result<std::io::Result<(u16, String)>, tokio::time::error::Elapsed>) -> Outcome {
    match answer {
        Ok(Ok((status, _))) => Outcome::Status(status),
        Ok(Err(_)) => Outcome::Closed,
        Err(_) => Outcome::Lost,
    }
}

/// Signed deliveries of events `ids` from `clients` concurrent clients; outcomes by position.
pub(super) async fn deliveries(addr: SocketAddr, ids: Vec<u64>, clients: usize) -> Vec<(u64, Outcome)> {
    let ids = Arc::new(ids);
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (ids, next) = (Arc::clone(&ids), Arc::clone(&next));
            tokio::spawn(async move {
                let mut done = Vec::new();
                while let Some(&id) = ids.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let body = event(id);
                    let headers = sign_delivery(SECRET, &body, now());
                    let answer = timeout(PATIENCE, wire::post(addr, &headers, body.as_bytes())).await;
                    done.push((id, outcome(answer)));
                }
                done
            })
        })
        .collect();
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap_or_default());
    }
    all
}

/// `copies` concurrent copies of one signed delivery.
pub(super) async fn replays(addr: SocketAddr, id: u64, copies: usize) -> Vec<Outcome> {
    let body = Arc::new(event(id));
    let headers = Arc::new(sign_delivery(SECRET, &body, now()));
    let tasks: Vec<_> = (0..copies)
        .map(|_| {
            let (body, headers) = (Arc::clone(&body), Arc::clone(&headers));
            tokio::spawn(async move { outcome(timeout(PATIENCE, wire::post(addr, &headers, body.as_bytes())).await) })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.push(task.await.unwrap_or(Outcome::Lost));
    }
    all
}

/// `count` sockets that connect and send nothing, held until the endpoint closes them.
pub(super) async fn idle_sockets(addr: SocketAddr, count: usize) -> Vec<Outcome> {
    let mut sockets = Vec::with_capacity(count);
    for _ in 0..count {
        sockets.push(TcpStream::connect(addr).await.ok());
    }
    let waits: Vec<_> = sockets
        .into_iter()
        .map(|socket| {
            tokio::spawn(async move {
                let Some(mut socket) = socket else { return Outcome::Lost };
                let mut raw = Vec::new();
                match timeout(PATIENCE, socket.read_to_end(&mut raw)).await {
                    Ok(_) => wire::parse(&raw).map_or(Outcome::Closed, |(status, _)| Outcome::Status(status)),
                    Err(_) => Outcome::Lost,
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for wait in waits {
        all.push(wait.await.unwrap_or(Outcome::Lost));
    }
    all
}

/// `count` clients sending a signed delivery's body one byte every `every`, never finishing.
pub(super) async fn slow_drips(addr: SocketAddr, first_id: u64, count: usize, every: Duration) -> Vec<Outcome> {
    let tasks: Vec<_> = (0..count as u64)
        .map(|i| {
            tokio::spawn(async move {
                let Ok(mut socket) = TcpStream::connect(addr).await else { return Outcome::Lost };
                let body = event(first_id + i);
                let headers = sign_delivery(SECRET, &body, now());
                let (mut reader, mut writer) = socket.split();
                let drip = async {
                    let _ = writer.write_all(wire::head(&headers, Some(body.len())).as_bytes()).await;
                    for byte in body.as_bytes().iter().take(body.len() - 1) {
                        if writer.write_all(&[*byte]).await.is_err() {
                            break;
                        }
                        tokio::time::sleep(every).await;
                    }
                    std::future::pending::<()>().await;
                };
                let mut raw = Vec::new();
                let answer = timeout(PATIENCE, async {
                    tokio::select! {
                        _ = drip => {}
                        _ = reader.read_to_end(&mut raw) => {}
                    }
                })
                .await;
                match answer {
                    Ok(()) => wire::parse(&raw).map_or(Outcome::Closed, |(status, _)| Outcome::Status(status)),
                    Err(_) => Outcome::Lost,
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.push(task.await.unwrap_or(Outcome::Lost));
    }
    all
}

/// `count` concurrent chunked bodies of `size` bytes each; the outcome and the bytes each client
/// got to send before the endpoint stopped reading.
pub(super) async fn chunked_bodies(addr: SocketAddr, count: usize, size: usize) -> Vec<(Outcome, usize)> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            tokio::spawn(async move {
                let Ok(mut socket) = TcpStream::connect(addr).await else { return (Outcome::Lost, 0) };
                let headers = sign_delivery(SECRET, "chunked", now());
                let (mut reader, mut writer) = socket.split();
                let send = async {
                    let mut sent = 0usize;
                    if writer.write_all(wire::head(&headers, None).as_bytes()).await.is_err() {
                        return sent;
                    }
                    let piece = wire::chunk(&[b' '; 64 << 10]);
                    while sent < size {
                        if writer.write_all(&piece).await.is_err() {
                            return sent;
                        }
                        sent += 64 << 10;
                    }
                    let _ = writer.write_all(b"0\r\n\r\n").await;
                    sent
                };
                let read = async {
                    let mut raw = Vec::new();
                    let _ = reader.read_to_end(&mut raw).await;
                    raw
                };
                match timeout(PATIENCE, async { tokio::join!(send, read) }).await {
                    Ok((sent, raw)) => {
                        (wire::parse(&raw).map_or(Outcome::Closed, |(status, _)| Outcome::Status(status)), sent)
                    }
                    Err(_) => (Outcome::Lost, size),
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.push(task.await.unwrap_or((Outcome::Lost, 0)));
    }
    all
}
