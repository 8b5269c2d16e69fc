//! The release `.wasm` as the webhook endpoint under `jco serve` (Node.js, preview2-shim), with the
//! command README's "Other hosts" shows: the settings reach the component as environment variables
//! (preview2-shim hands the component Node's `process.env`). Over HTTP: URL validation answered,
//! a signed delivery verified and relayed, a forged and a stale one refused, and replays as they
//! really go there: `jco serve` remembers nothing, so a delivery sent twice is accepted twice;
//! only a signature the host lists in `ZOOM_WEBHOOK_SEEN_SIGNATURES` is refused as replayed.

use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use zoom_sim::{sign_delivery, url_validation_body};

use crate::harness::now_i64;
use crate::jco::{jco, record_secret, scratch, Group};
use crate::receiver::Receiver;

const SECRET: &str = "jco-serve-secret-5c1e9a";

fn signature(headers: &[(String, String)]) -> String {
    headers.iter().find(|(k, _)| k == "x-zm-signature").unwrap().1.clone()
}

/// `jco serve` on a free loopback port: a port taken between choosing and listening makes it
/// exit, and another is tried.
fn serve(relay: &str, seen: &str) -> (Group, String) {
    for _ in 0..3 {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let mut command = Command::new(jco());
        // README: ZOOM_WEBHOOK_SECRET_TOKEN=... ZOOM_WEBHOOK_RELAY_URL=... jco serve --host ... --port ... <wasm>
        command
            .args(["serve", "--host", "127.0.0.1", "--port", &port.to_string(), "--jco-dir"])
            .arg(scratch("serve"))
            .arg(zoom_host::COMPONENT_PATH)
            .env("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
            .env("ZOOM_WEBHOOK_RELAY_URL", relay)
            .env("ZOOM_WEBHOOK_SEEN_SIGNATURES", seen)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut served = Group::spawn(command);
        // jco transpiles the component before it listens.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if TcpStream::connect(&addr).is_ok() {
                return (served, format!("http://{addr}/"));
            }
            if served.0.try_wait().unwrap().is_some() {
                break;
            }
            assert!(Instant::now() < deadline, "jco serve did not listen on {addr} within 120 s");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    panic!("jco serve exited before listening, three times (see `jco serve --help`)");
}

#[test]
fn jco_serve_runs_the_webhook_endpoint_with_the_readme_command() {
    record_secret(SECRET);
    let relay = Receiver::start(vec![]);
    let event = r#"{"event":"meeting.started","event_ts":1700000000000,"payload":{"account_id":"A","object":{"id":"86","uuid":"j==","host_id":"h","topic":"Under jco serve","type":2}}}"#;
    let listed = r#"{"event":"meeting.ended","event_ts":1700000000001,"payload":{"account_id":"A","object":{"id":"87","uuid":"k==","host_id":"h","topic":"Answered before","type":2}}}"#;
    let listed_headers = sign_delivery(SECRET, listed, now_i64());
    // The signature a remembering host would pass for a delivery it already answered 200.
    let (served, url) = serve(&relay.url, &signature(&listed_headers));

    let sim = zoom_sim::Simulator::start().unwrap();
    let challenge = url_validation_body("plain-jco", now_i64() * 1000);
    let validation = sim.deliver_webhook(&url, &challenge, &sign_delivery(SECRET, &challenge, now_i64()));
    let signed_headers = sign_delivery(SECRET, event, now_i64());
    let signed = sim.deliver_webhook(&url, event, &signed_headers);
    let forged = sim.deliver_webhook(&url, event, &sign_delivery("not-the-secret", event, now_i64()));
    // Three hours old: past the 90-minute window that covers Zoom's retries.
    let stale = sim.deliver_webhook(&url, event, &sign_delivery(SECRET, event, now_i64() - 3 * 3600));
    let replay = sim.deliver_webhook(&url, event, &signed_headers);
    let listed_replay = sim.deliver_webhook(&url, listed, &listed_headers);
    drop(served);

    let (status, reply) = validation.expect("validation answered");
    assert_eq!(status, 200, "{reply}");
    let reply: Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(reply["plainToken"], "plain-jco");
    assert_eq!(reply["encryptedToken"], crate::harness::encrypted_token(SECRET, "plain-jco"));

    let received = (200, r#"{"received":true}"#.to_owned());
    assert_eq!(signed.expect("delivery answered"), received);
    let (status, reply) = forged.expect("forgery answered");
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"bad_signature"}"#));
    let (status, reply) = stale.expect("stale delivery answered");
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"stale_timestamp"}"#));
    // Nothing remembers the first answer under jco serve: the same delivery again is accepted.
    assert_eq!(replay.expect("replay answered"), received, "jco serve keeps no memory of answered signatures");
    // A signature the host passes as already answered is refused.
    let (status, reply) = listed_replay.expect("listed replay answered");
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"replayed"}"#));

    // Outgoing HTTP (preview2-shim's) carried each accepted delivery to the relay, and nothing else.
    let relayed = relay.received();
    assert_eq!(relayed.len(), 2, "the delivery and its unremembered replay are relayed: {relayed:?}");
    for body in &relayed {
        let event: Value = serde_json::from_str(body).unwrap();
        assert_eq!(event["name"], "meeting.started");
        assert_eq!(event["payload"]["object"]["topic"], "Under jco serve");
        assert!(!body.contains(SECRET), "the secret is never relayed");
    }
}
