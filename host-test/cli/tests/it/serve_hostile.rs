//! The served endpoint under hostile clients: concurrent replays, headers that never end, chunked
//! bodies past the cap, slow drips, a full connection cap, and a process out of descriptors.
//! Every limit is set short here; deadlines on the client side are generous, and nothing asserts
//! how long anything took beyond "it happened before the generous deadline".

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use zoom_host::bench::wire;
use zoom_runtime::serve::{self, Endpoint, EndpointConfig, ServeLimits};
use zoom_sim::sign_delivery;

use crate::harness::now_i64;
use crate::receiver::Receiver;

const SECRET: &str = "hostile-test-secret-31";
/// Far longer than any limit below: only a hang reaches it.
const PATIENCE: Duration = Duration::from_secs(20);

fn event(id: u64) -> String {
    format!(
        r#"{{"event":"meeting.started","event_ts":{id},"payload":{{"account_id":"A","object":{{"id":"{id}","uuid":"u{id}==","host_id":"h","topic":"T","type":2}}}}}}"#
    )
}

fn short_limits() -> ServeLimits {
    ServeLimits {
        header_timeout: Duration::from_millis(300),
        request_deadline: Duration::from_secs(2),
        ..ServeLimits::default()
    }
}

async fn endpoint(relay: Option<&Receiver>, limits: ServeLimits) -> Endpoint {
    let runtime = Arc::new(zoom_host::runtime(zoom_runtime::Limits::default()).expect("the component loads"));
    let config = EndpointConfig::new(Some(SECRET), relay.map(|r| r.url.as_str())).with_limits(limits);
    serve::start(runtime, 0, config).await.unwrap()
}

async fn deliver(addr: SocketAddr, id: u64) -> (u16, String) {
    let body = event(id);
    let headers = sign_delivery(SECRET, &body, now_i64());
    timeout(PATIENCE, wire::post(addr, &headers, body.as_bytes())).await.expect("answered in time").unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_copies_of_one_delivery_are_verified_and_relayed_once() {
    let relay = Receiver::start(vec![]);
    let served = endpoint(Some(&relay), ServeLimits::default()).await;
    let addr = served.addr;
    let body = event(7);
    let headers = Arc::new(sign_delivery(SECRET, &body, now_i64()));
    let copies: Vec<_> = (0..24)
        .map(|_| {
            let (headers, body) = (Arc::clone(&headers), body.clone());
            tokio::spawn(async move { timeout(PATIENCE, wire::post(addr, &headers, body.as_bytes())).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for copy in copies {
        statuses.push(copy.await.unwrap().expect("answered in time").unwrap().0);
    }
    let ok = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(ok, 1, "exactly one copy is answered 200: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 401), "{statuses:?}");
    assert_eq!(relay.received().len(), 1, "and relayed once");

    // A copy after the fact is a replay too; a different delivery still gets through.
    assert_eq!(timeout(PATIENCE, wire::post(addr, &headers, body.as_bytes())).await.unwrap().unwrap().0, 401);
    assert_eq!(deliver(addr, 8).await.0, 200);
    assert_eq!(relay.received().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_refused_while_its_copy_failed_gets_through_on_the_retry() {
    // The relay is down once: the first attempt is answered 502 and its claim released.
    let relay = Receiver::start(vec![503]);
    let served = endpoint(Some(&relay), ServeLimits::default()).await;
    let body = event(9);
    let headers = sign_delivery(SECRET, &body, now_i64());
    let post = || timeout(PATIENCE, wire::post(served.addr, &headers, body.as_bytes()));
    assert_eq!(post().await.unwrap().unwrap().0, 502);
    assert_eq!(post().await.unwrap().unwrap().0, 200);
    assert_eq!(post().await.unwrap().unwrap().0, 401);
    assert_eq!(relay.received().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_header_that_never_ends_is_closed_at_the_header_timeout() {
    let served = endpoint(None, short_limits()).await;
    let mut stream = TcpStream::connect(served.addr).await.unwrap();
    stream.write_all(b"POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-zm-signature: v0=").await.unwrap();
    let mut buf = [0u8; 512];
    // Closed (EOF or reset, possibly after a 408 answer), not left open.
    let read = timeout(PATIENCE, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => continue,
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the connection was still open after {PATIENCE:?}");
    // An idle socket that sends nothing at all is closed the same way.
    let mut idle = TcpStream::connect(served.addr).await.unwrap();
    assert!(timeout(PATIENCE, idle.read(&mut buf)).await.is_ok(), "an idle socket was kept open");
    assert_eq!(deliver(served.addr, 10).await.0, 200, "and the endpoint still answers");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunked_body_past_the_cap_is_refused_without_being_read() {
    let served = endpoint(None, short_limits()).await;
    let mut stream = TcpStream::connect(served.addr).await.unwrap();
    let (mut reader, mut writer) = stream.split();
    const TOTAL: usize = 60 << 20;
    let writing = async {
        let headers = sign_delivery(SECRET, "x", now_i64());
        let mut sent = 0usize;
        if writer.write_all(wire::head(&headers, None).as_bytes()).await.is_err() {
            return sent;
        }
        let piece = wire::chunk(&[b' '; 64 << 10]);
        while sent < TOTAL {
            if writer.write_all(&piece).await.is_err() {
                return sent;
            }
            sent += 64 << 10;
        }
        let _ = writer.write_all(b"0\r\n\r\n").await;
        sent
    };
    let reading = async {
        let mut raw = Vec::new();
        let _ = reader.read_to_end(&mut raw).await;
        raw
    };
    let (sent, raw) = timeout(PATIENCE, async { tokio::join!(writing, reading) }).await.expect("no hang");
    let (status, _) = wire::parse(&raw).expect("an answer before the connection closed");
    assert_eq!(status, 413);
    assert!(sent < TOTAL, "the endpoint read the whole {TOTAL}-byte body");
    assert_eq!(deliver(served.addr, 11).await.0, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_component_counts_a_chunked_body_too_when_the_host_lets_it_through() {
    // A host with a generous cap (any WASI host might have none): the component's own 1 MiB cap
    // must refuse the body as it arrives, not read 40 MiB into its 64 MiB of memory and trap.
    let limits = ServeLimits { max_body_bytes: 48 << 20, ..short_limits() };
    let served = endpoint(None, limits).await;
    let mut stream = TcpStream::connect(served.addr).await.unwrap();
    let headers = sign_delivery(SECRET, "x", now_i64());
    let mut request = wire::head(&headers, None).into_bytes();
    let piece = wire::chunk(&[b' '; 1 << 20]);
    for _ in 0..40 {
        request.extend_from_slice(&piece);
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let (mut reader, mut writer) = stream.split();
    let writing = async {
        let _ = writer.write_all(&request).await;
    };
    let reading = async {
        let mut raw = Vec::new();
        let _ = reader.read_to_end(&mut raw).await;
        raw
    };
    let (_, raw) = timeout(PATIENCE, async { tokio::join!(writing, reading) }).await.expect("no hang");
    let (status, body) = wire::parse(&raw).expect("an answer");
    assert_eq!((status, body.as_str()), (413, r#"{"error":"body too large"}"#));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_drip_body_is_answered_408_at_the_deadline() {
    let served = endpoint(None, short_limits()).await;
    let mut stream = TcpStream::connect(served.addr).await.unwrap();
    let (mut reader, mut writer) = stream.split();
    let body = event(12);
    let headers = sign_delivery(SECRET, &body, now_i64());
    writer.write_all(wire::head(&headers, Some(body.len())).as_bytes()).await.unwrap();
    // One byte every 100 ms, and never the last one: without a deadline this holds forever.
    let dripping = async {
        for byte in body.as_bytes().iter().take(body.len() - 1) {
            if writer.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        std::future::pending::<()>().await;
    };
    let mut raw = Vec::new();
    let answered = timeout(PATIENCE, async {
        tokio::select! {
            _ = dripping => unreachable!("the drip never ends"),
            _ = reader.read_to_end(&mut raw) => {}
        }
    })
    .await;
    assert!(answered.is_ok(), "no answer to a slow drip within {PATIENCE:?}");
    assert_eq!(wire::parse(&raw).unwrap().0, 408);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_every_connection_slot_held_by_idle_sockets_deliveries_still_get_through() {
    let limits = ServeLimits { max_connections: 4, ..short_limits() };
    let served = endpoint(None, limits).await;
    let mut idle = Vec::new();
    for _ in 0..8 {
        idle.push(TcpStream::connect(served.addr).await.unwrap());
    }
    // Waits in the backlog until the header timeout frees the idle sockets' slots.
    assert_eq!(deliver(served.addr, 13).await.0, 200);
    drop(idle);
}

/// `zoom-host serve` with only `fds` descriptors: idle sockets exhaust them (accept fails with
/// EMFILE); once they close, the endpoint accepts and answers again.
#[test]
fn zoom_host_serve_keeps_accepting_after_running_out_of_descriptors() {
    let fds = 40;
    let bin = env!("CARGO_BIN_EXE_zoom-host");
    let mut child = Command::new("sh")
        .args(["-c", &format!("ulimit -n {fds} && exec \"$0\" serve --port 0"), bin])
        .env("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zoom-host starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("serving the Zoom webhook endpoint on http://127.0.0.1:"), "{line:?}");
    let addr: SocketAddr = line.trim().rsplit("http://").next().unwrap().trim_end_matches('/').parse().unwrap();

    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let answered = rt.block_on(async {
        let mut idle = Vec::new();
        for _ in 0..2 * fds {
            idle.push(TcpStream::connect(addr).await.unwrap());
        }
        // Long enough for the endpoint to accept what it can and hit EMFILE on the rest.
        tokio::time::sleep(Duration::from_millis(500)).await;
        drop(idle);
        timeout(PATIENCE, async {
            let body = event(14);
            let headers = sign_delivery(SECRET, &body, now_i64());
            wire::post(addr, &headers, body.as_bytes()).await
        })
        .await
    });
    let _ = child.kill();
    let _ = child.wait();
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    assert!(stderr.contains("accept failed"), "the descriptor limit was never reached: {stderr}");
    assert!(!stderr.contains(SECRET));
    let answered = answered.expect("the endpoint stopped accepting after EMFILE");
    assert_eq!(answered.unwrap().0, 200);
}
