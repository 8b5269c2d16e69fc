//! Two `zoom-host serve` replicas sharing a real `redis-server` through `--replay-store`: a
//! delivery answered by one is a replay to the other, concurrent copies to both are relayed once,
//! a claim released after a failed relay lets Zoom's retry through on the other, and with Redis
//! down a signed delivery gets 503 (never a 200 unverified against the store, never a relay).
//!
//! The test starts its own `redis-server` (Debian's package, installed by `scripts/setup.sh`) on a
//! free loopback port with no persistence, and stops it however the test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use zoom_sim::sign_delivery;

use crate::harness::now_i64;
use crate::receiver::Receiver;

const SECRET: &str = "redis-replicas-secret-58";

fn event(id: u64) -> String {
    format!(
        r#"{{"event":"meeting.started","event_ts":{id},"payload":{{"account_id":"A","object":{{"id":"{id}","uuid":"u{id}==","host_id":"h","topic":"Replica {id}","type":2}}}}}}"#
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A `redis-server` of the test's own, killed when dropped.
struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    fn start(port: u16, dir: &std::path::Path) -> RedisServer {
        std::fs::create_dir_all(dir).unwrap();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match child {
            Ok(child) => child,
            Err(e) => panic!(
                "cannot start redis-server ({e}): the two-replica replay-store test needs it; run \
                 scripts/setup.sh, which installs Debian's redis-server package"
            ),
        };
        let mut server = RedisServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !server.answers_ping() {
            assert!(server.child.try_wait().unwrap().is_none(), "redis-server exited on port {port}");
            assert!(Instant::now() < deadline, "redis-server did not answer PING on port {port} within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn answers_ping(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else { return false };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut reply = [0u8; 7];
        stream.write_all(b"PING\r\n").is_ok() && stream.read_exact(&mut reply).is_ok() && &reply == b"+PONG\r\n"
    }

    fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One `zoom-host serve` process, its log in a file, killed when dropped.
struct Replica {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Replica {
    fn start(redis_port: u16, relay: &Receiver, log: PathBuf) -> Replica {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zoom-host"))
            .args(["serve", "--port", "0", "--relay", &relay.url])
            .args(["--replay-store", &format!("redis://127.0.0.1:{redis_port}")])
            .env("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("zoom-host starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.starts_with("serving the Zoom webhook endpoint on http://127.0.0.1:"), "{line}");
        let url = line.trim().rsplit(' ').next().unwrap().to_owned();
        Replica { child, url, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, headers (names lowercased), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// POSTs `body` with `headers` to the replica at `url` and reads the whole answer.
fn post(url: &str, headers: &[(String, String)], body: &str) -> Answer {
    let authority = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(authority).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut request =
        format!("POST / HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer { status, headers, body: body.to_owned() }
}

/// A signed delivery of event `id` (its signature is the same each time it is sent).
fn signed(id: u64) -> (String, Vec<(String, String)>) {
    let body = event(id);
    let headers = sign_delivery(SECRET, &body, now_i64());
    (body, headers)
}

/// The secret goes into the list the test script checks the suite's output against.
fn record_secret() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("secrets-used.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = f.write_all(format!("{SECRET}\n").as_bytes());
    }
}

#[test]
fn two_replicas_sharing_redis_refuse_each_others_replays_and_answer_503_without_it() {
    record_secret();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-redis-{}", std::process::id()));
    let redis_port = free_port();
    let redis = RedisServer::start(redis_port, &dir.join("redis"));
    // The relay fails the first event it gets, so Zoom is told to retry that one.
    let relay = Receiver::start(vec![500]);
    let a = Replica::start(redis_port, &relay, dir.join("a.log"));
    let b = Replica::start(redis_port, &relay, dir.join("b.log"));
    let replayed = (401, r#"{"error":"replayed"}"#.to_owned());
    let received = (200, r#"{"received":true}"#.to_owned());
    let outcome = |answer: Answer| (answer.status, answer.body);

    // Relay down: A answers 502 and releases its claim, so Zoom's retry, reaching B, gets through.
    let (first, first_headers) = signed(1);
    assert_eq!(post(&a.url, &first_headers, &first).status, 502);
    assert_eq!(outcome(post(&b.url, &first_headers, &first)), received);
    assert_eq!(relay.received().len(), 2, "the failed attempt and the retry reached the relay");
    // Answered 200 by B: the same delivery is a replay to A, and to B.
    assert_eq!(outcome(post(&a.url, &first_headers, &first)), replayed);
    assert_eq!(outcome(post(&b.url, &first_headers, &first)), replayed);
    assert_eq!(relay.received().len(), 2, "a replay is never relayed");

    // Another delivery is not a replay.
    let (second, second_headers) = signed(2);
    assert_eq!(outcome(post(&b.url, &second_headers, &second)), received);
    assert_eq!(outcome(post(&a.url, &second_headers, &second)), replayed);
    assert_eq!(relay.received().len(), 3);

    // Copies of one delivery sent to both replicas at once: exactly one is verified and relayed.
    let (third, third_headers) = signed(3);
    let copies: Vec<(u16, String)> = std::thread::scope(|s| {
        let sends: Vec<_> = [&a.url, &b.url, &a.url, &b.url]
            .into_iter()
            .map(|url| s.spawn(|| outcome(post(url, &third_headers, &third))))
            .collect();
        sends.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(copies.iter().filter(|c| **c == received).count(), 1, "{copies:?}");
    assert_eq!(copies.iter().filter(|c| **c == replayed).count(), 3, "{copies:?}");
    let relayed = relay.received();
    assert_eq!(relayed.len(), 4, "{relayed:?}");
    assert!(relayed[3].contains("Replica 3"), "{}", relayed[3]);

    // Redis stops: neither replica can tell a replay, so both answer 503 and relay nothing.
    redis.stop();
    let (fourth, fourth_headers) = signed(4);
    for replica in [&a, &b] {
        let answer = post(&replica.url, &fourth_headers, &fourth);
        assert_eq!(answer.status, 503, "{}", answer.body);
        let retry_after = answer.headers.iter().find(|(k, _)| k == "retry-after").map(|(_, v)| v.as_str());
        assert_eq!(retry_after, Some("5"));
        assert!(answer.body.contains("replay store"), "{}", answer.body);
    }
    assert_eq!(relay.received().len(), 4, "nothing is relayed while Redis is down");

    // Back on the same port (empty: no persistence): the replicas reconnect by themselves.
    let redis = RedisServer::start(redis_port, &dir.join("redis"));
    assert_eq!(outcome(post(&a.url, &fourth_headers, &fourth)), received);
    assert_eq!(outcome(post(&b.url, &fourth_headers, &fourth)), replayed);
    assert_eq!(relay.received().len(), 5);

    // Each replica logged Redis going and coming back, once, and nothing of the deliveries.
    for replica in [&a, &b] {
        let log = replica.log();
        assert_eq!(log.matches("failed (Redis").count(), 1, "{log}");
        assert_eq!(log.matches("answers again").count(), 1, "{log}");
        for headers in [&first_headers, &fourth_headers] {
            let signature = &headers.iter().find(|(k, _)| k == "x-zm-signature").unwrap().1;
            assert!(!log.contains(signature.trim_start_matches("v0=")), "{log}");
        }
        assert!(!log.contains(SECRET));
    }
    drop(redis);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_replica_started_before_redis_serves_503_until_redis_answers() {
    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-redis-late-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let redis_port = free_port();
    let relay = Receiver::start(vec![]);
    // Nothing listens on the port yet: the replica starts anyway and says why signed deliveries fail.
    let replica = Replica::start(redis_port, &relay, dir.join("replica.log"));
    assert!(replica.log().contains("starting without the replay store"), "{}", replica.log());
    let (body, headers) = signed(5);
    assert_eq!(post(&replica.url, &headers, &body).status, 503);
    // An unsigned request needs no store: the component refuses it as before.
    let unsigned = post(&replica.url, &[("content-type".to_owned(), "application/json".to_owned())], &body);
    assert_eq!((unsigned.status, unsigned.body.as_str()), (401, r#"{"error":"missing_header"}"#));
    assert!(relay.received().is_empty());

    let redis = RedisServer::start(redis_port, &dir.join("redis"));
    let answer = post(&replica.url, &headers, &body);
    assert_eq!((answer.status, answer.body.as_str()), (200, r#"{"received":true}"#));
    assert_eq!(relay.received().len(), 1);
    drop(redis);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_replay_store_that_is_not_a_redis_url_is_a_usage_error_naming_the_flag_not_the_password() {
    for url in ["redis://:pw-never-echoed@cache.internal", "https://:pw-never-echoed@cache.internal:6379"] {
        let out =
            Command::new(env!("CARGO_BIN_EXE_zoom-host")).args(["serve", "--replay-store", url]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("--replay-store") && !stderr.contains("pw-never-echoed"), "{stderr}");
    }
}

/// `bench --serve-rate` runs both stores end to end (each delivery answered 200 and relayed
/// once, or the bench fails) and prints its rates; the figures themselves are not judged.
#[test]
fn the_serve_rate_bench_measures_the_endpoint_with_each_replay_store() {
    let port = free_port();
    let redis =
        RedisServer::start(port, &PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("redis-rate-{port}")));
    let url = format!("redis://127.0.0.1:{port}");
    let out = Command::new(env!("CARGO_BIN_EXE_zoom-host"))
        .args(["bench", "--serve-rate", "--deliveries", "100", "--replay-store", &url])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("zoom-host bench --serve-rate:") && lines[0].contains("100 signed deliveries"));
    for (line, store) in lines[1..3].iter().zip(["in this process", "in Redis"]) {
        assert!(line.starts_with(&format!("replay store {store}")), "{stdout}");
        let rate = line.split_whitespace().find_map(|w| w.parse::<f64>().ok()).expect("a rate");
        assert!(rate > 0.0, "{line}");
    }
    assert!(lines[3].starts_with("Redis / in-process time per delivery: "), "{stdout}");
    redis.stop();
}
