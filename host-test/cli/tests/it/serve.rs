//! The component as a WASI HTTP webhook endpoint: served by the library and by `zoom-host serve`,
//! reached over real HTTP by the simulator's deliveries.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use serde_json::{json, Value};
use zoom_runtime::serve::{self, EndpointConfig};
use zoom_runtime::{Limits, Runtime};
use zoom_sim::{sign_delivery, url_validation_body};

use crate::harness::{now_i64, Env};
use crate::receiver::Receiver;

async fn created_event(env: &mut Env) -> String {
    env.ok("create-meeting", json!({"topic": "Served", "start_time": "2030-01-01T10:00:00Z"})).await;
    env.sim.take_events().into_iter().find(|e| e.contains("meeting.created")).expect("meeting.created")
}

fn runtime() -> Arc<Runtime> {
    Arc::new(zoom_host::runtime(Limits::default()).expect("the component loads"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_endpoint_verifies_relays_and_makes_zoom_retry_when_the_relay_fails() {
    let mut env = Env::new().await;
    let secret = env.sim.credentials().webhook_secret;
    let relay = Receiver::start(vec![500]);
    let endpoint = serve::start(runtime(), 0, EndpointConfig::new(Some(&secret), Some(&relay.url))).await.unwrap();
    let body = created_event(&mut env).await;
    let headers = env.sim.sign_webhook(&body, now_i64());
    let url = endpoint.url();
    let deliver = |b: String, h: Vec<(String, String)>| {
        let (u, sim) = (url.clone(), &env.sim);
        let out = sim.deliver_webhook(&u, &b, &h);
        out.expect("the endpoint answers")
    };

    // The relay answers 500 first: Zoom is told 502, so it retries and the event is not lost.
    let (status, _) = tokio::task::block_in_place(|| deliver(body.clone(), headers.clone()));
    assert_eq!(status, 502);
    let (status, _) = tokio::task::block_in_place(|| deliver(body.clone(), headers.clone()));
    assert_eq!(status, 200);
    let relayed = relay.received();
    assert_eq!(relayed.len(), 2, "both attempts reached the relay");
    let event: Value = serde_json::from_str(&relayed[1]).unwrap();
    assert_eq!(event["name"], "meeting.created");
    assert_eq!(event["payload"]["object"]["topic"], "Served");
    assert!(event["key"].as_str().unwrap().starts_with("meeting.created:"));
    assert!(!relayed[1].contains(&secret), "the secret is never relayed");

    // The same delivery again, once answered 200: a replay, refused, not relayed twice.
    let (status, reply) = tokio::task::block_in_place(|| deliver(body.clone(), headers.clone()));
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"replayed"}"#));
    assert_eq!(relay.received().len(), 2);

    // Forged, stale and unsigned deliveries get 401 and never reach the relay.
    let forged = body.replace("Served", "Forged");
    let (status, reply) = tokio::task::block_in_place(|| deliver(forged, headers.clone()));
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"bad_signature"}"#));
    let stale = env.sim.sign_webhook(&body, now_i64() - 3 * 3600);
    assert_eq!(tokio::task::block_in_place(|| deliver(body.clone(), stale)).0, 401);
    assert_eq!(tokio::task::block_in_place(|| deliver(body.clone(), vec![])).0, 401);
    assert_eq!(relay.received().len(), 2);

    // URL validation is answered, not relayed.
    let challenge = url_validation_body("plain-abc", now_i64() * 1000);
    let signed = env.sim.sign_webhook(&challenge, now_i64());
    let (status, reply) = tokio::task::block_in_place(|| deliver(challenge.clone(), signed));
    assert_eq!(status, 200);
    let reply: Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(reply["plainToken"], "plain-abc");
    assert_eq!(reply["encryptedToken"].as_str().unwrap().len(), 64);
    assert_eq!(relay.received().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_endpoint_fails_closed_without_a_secret_and_filters_by_event_name() {
    let mut env = Env::new().await;
    let secret = env.sim.credentials().webhook_secret;
    let body = created_event(&mut env).await;
    let headers = env.sim.sign_webhook(&body, now_i64());

    let closed = serve::start(runtime(), 0, EndpointConfig::new(None, None)).await.unwrap();
    let (status, reply) =
        tokio::task::block_in_place(|| env.sim.deliver_webhook(&closed.url(), &body, &headers)).unwrap();
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"missing_secret"}"#));

    let relay = Receiver::start(vec![]);
    let config = EndpointConfig::new(Some(&secret), Some(&relay.url)).with_env("ZOOM_WEBHOOK_EVENTS", "meeting.ended");
    let filtered = serve::start(runtime(), 0, config).await.unwrap();
    let (status, _) =
        tokio::task::block_in_place(|| env.sim.deliver_webhook(&filtered.url(), &body, &headers)).unwrap();
    assert_eq!(status, 200, "an unwanted event is acknowledged so Zoom does not retry");
    assert!(relay.received().is_empty(), "but it is not relayed");
}

#[test]
fn zoom_host_serve_answers_a_real_webhook_delivery() {
    let secret = "cli-secret-value-42";
    let mut child = Command::new(env!("CARGO_BIN_EXE_zoom-host"))
        .args(["serve", "--port", "0"])
        .env("ZOOM_WEBHOOK_SECRET_TOKEN", secret)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("zoom-host starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(line.starts_with("serving the Zoom webhook endpoint on http://127.0.0.1:"), "{line}");

    let sim = zoom_sim::Simulator::start().unwrap();
    let body = r#"{"event":"meeting.started","event_ts":1,"payload":{"account_id":"A","object":{"id":"85","uuid":"u==","host_id":"h","topic":"T","type":2}}}"#;
    let ok = sim.deliver_webhook(&url, body, &sign_delivery(secret, body, now_i64()));
    let forged = sim.deliver_webhook(&url, body, &sign_delivery("not-the-secret", body, now_i64()));
    let challenge = url_validation_body("tok", now_i64() * 1000);
    let validation = sim.deliver_webhook(&url, &challenge, &sign_delivery(secret, &challenge, now_i64()));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(ok.unwrap(), (200, r#"{"received":true}"#.to_owned()));
    assert_eq!(forged.unwrap().0, 401);
    let (status, reply) = validation.unwrap();
    assert_eq!(status, 200);
    assert!(reply.contains(r#""plainToken":"tok""#), "{reply}");
}
