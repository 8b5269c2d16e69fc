//! The pool against small servers on loopback: each counts the connections it accepted.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wasmtime_wasi_http::{Error, RequestOptions, WasiHttpHooks};

use super::Pool;
use crate::egress::Egress;

/// What the test server does with each request on a connection.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Answers `ok` and keeps the connection open.
    KeepAlive,
    /// Answers `ok` without `connection: close`, then hangs up, as servers do with idle sockets.
    CloseAfterAnswer,
    /// Answers with a 256 KiB body.
    Large,
    /// Never answers.
    Silent,
    /// Sends the head and 2 of 10 body bytes, then nothing.
    Stall,
}

struct Server {
    origin: String,
    accepted: Arc<AtomicUsize>,
}

async fn server(behaviour: Behaviour) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve_connection(stream, behaviour));
        }
    });
    Server { origin, accepted }
}

async fn serve_connection(mut stream: TcpStream, behaviour: Behaviour) {
    let mut buf = Vec::new();
    loop {
        // Requests here are bodiless GETs: a request ends at its blank line.
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
            let mut chunk = [0u8; 1024];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        buf.drain(..end);
        let answer = match behaviour {
            Behaviour::KeepAlive | Behaviour::CloseAfterAnswer => {
                b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_vec()
            }
            Behaviour::Large => {
                let mut a = b"HTTP/1.1 200 OK\r\ncontent-length: 262144\r\n\r\n".to_vec();
                a.resize(a.len() + 262_144, b'x');
                a
            }
            Behaviour::Silent => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            Behaviour::Stall => b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok".to_vec(),
        };
        if stream.write_all(&answer).await.is_err() {
            return;
        }
        match behaviour {
            Behaviour::CloseAfterAnswer => return,
            Behaviour::Stall => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            _ => {}
        }
    }
}

fn egress(origin: &str, pool: &Arc<Pool>, timeout: Duration) -> Egress {
    Egress::new(vec![origin.to_owned()], timeout, Arc::clone(pool))
}

async fn get(
    egress: &mut Egress,
    url: &str,
    options: Option<RequestOptions>,
) -> Result<http::Response<wasmtime_wasi_http::WasiBody>, Error> {
    let body = Empty::new().map_err(|never| match never {}).boxed_unsync();
    let request = http::Request::get(url).body(body).unwrap();
    let sent = egress.send_request(request, options, Box::new(async { Ok(()) }));
    Ok(Box::into_pin(sent).await?.0)
}

async fn get_text(egress: &mut Egress, url: &str) -> String {
    let response = get(egress, url, None).await.expect("an answer");
    let body = response.into_body().collect().await.expect("a whole body").to_bytes();
    String::from_utf8_lossy(&body).into_owned()
}

#[tokio::test]
async fn sequential_requests_reuse_one_connection() {
    let server = server(Behaviour::KeepAlive).await;
    let pool = Arc::new(Pool::default());
    for _ in 0..5 {
        // A fresh Egress per call, as a fresh instance per call has: the pool is the runtime's.
        let mut egress = egress(&server.origin, &pool, Duration::from_secs(10));
        assert_eq!(get_text(&mut egress, &format!("{}/v2/users/me", server.origin)).await, "ok");
    }
    assert_eq!(server.accepted.load(Ordering::SeqCst), 1);
    assert_eq!(pool.connections_opened(), 1);
}

#[tokio::test]
async fn a_connection_the_server_closed_is_replaced_without_failing_the_request() {
    let server = server(Behaviour::CloseAfterAnswer).await;
    let pool = Arc::new(Pool::default());
    let mut egress = egress(&server.origin, &pool, Duration::from_secs(10));
    for round in 1..=3 {
        assert_eq!(get_text(&mut egress, &format!("{}/", server.origin)).await, "ok", "request {round}");
    }
    assert_eq!(server.accepted.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_body_not_read_to_the_end_does_not_return_its_connection() {
    let server = server(Behaviour::Large).await;
    let pool = Arc::new(Pool::default());
    let mut egress = egress(&server.origin, &pool, Duration::from_secs(10));
    let url = format!("{}/big", server.origin);
    let mut body = get(&mut egress, &url, None).await.unwrap().into_body();
    body.frame().await.expect("a first frame").expect("data");
    drop(body);
    let whole = get(&mut egress, &url, None).await.unwrap().into_body().collect().await.unwrap().to_bytes();
    assert_eq!(whole.len(), 262_144, "the second answer is whole, not the rest of the first");
    assert_eq!(server.accepted.load(Ordering::SeqCst), 2);
    // That one was read to the end: the next request reuses it.
    get_text(&mut egress, &url).await;
    assert_eq!(server.accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_origin_off_the_allow_list_is_refused_before_any_connection() {
    let server = server(Behaviour::KeepAlive).await;
    let pool = Arc::new(Pool::default());
    let mut egress = egress("http://127.0.0.1:1", &pool, Duration::from_secs(10));
    let refused = get(&mut egress, &format!("{}/", server.origin), None).await;
    assert!(matches!(refused, Err(Error::HttpRequestDenied)), "{refused:?}");
    assert_eq!(server.accepted.load(Ordering::SeqCst), 0);
    assert_eq!(pool.connections_opened(), 0);
}

#[tokio::test]
async fn the_hosts_timeouts_hold_whatever_the_guest_asks() {
    let longer = RequestOptions {
        connect_timeout: Some(Duration::from_secs(300)),
        first_byte_timeout: Some(Duration::from_secs(300)),
        between_bytes_timeout: Some(Duration::from_secs(300)),
    };
    let pool = Arc::new(Pool::default());
    let silent = server(Behaviour::Silent).await;
    let mut first = egress(&silent.origin, &pool, Duration::from_millis(200));
    let answer = get(&mut first, &format!("{}/", silent.origin), Some(longer)).await;
    assert!(matches!(answer, Err(Error::ConnectionReadTimeout)), "first byte: {answer:?}");

    let stall = server(Behaviour::Stall).await;
    let mut egress = egress(&stall.origin, &pool, Duration::from_millis(200));
    let body = get(&mut egress, &format!("{}/", stall.origin), Some(longer)).await.unwrap().into_body();
    let read = body.collect().await;
    assert!(matches!(read, Err(Error::ConnectionReadTimeout)), "between bytes: {:?}", read.map(|_| ()));
}
