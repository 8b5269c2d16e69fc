use serde_json::{json, Value};
use zoom_host::trigger::{outcome_kind, webhook_args};
use zoom_runtime::{Outcome, TRIGGERS};
use zoom_sim::url_validation_body;

use crate::harness::{now, Env};

async fn deliver(env: &mut Env, body: &str, headers: &[(String, String)], secret: Option<&str>) -> Value {
    let args = webhook_args(body.as_bytes(), headers, secret, None, None);
    match env.connector.call(TRIGGERS, "webhook", &args).await.expect("no trap") {
        Outcome::Ok(v) => v,
        Outcome::Err(e) => panic!("webhook returned an error: {e}"),
    }
}

async fn created_event(env: &mut Env) -> String {
    env.ok("create-meeting", json!({"topic": "Hooked", "start_time": "2030-01-01T10:00:00Z"})).await;
    env.sim.take_events().into_iter().find(|e| e.contains("meeting.created")).expect("meeting.created")
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_event_from_the_simulator_is_verified_and_parsed() {
    let mut env = Env::new().await;
    let body = created_event(&mut env).await;
    let secret = env.sim.credentials().webhook_secret;
    let headers = env.sim.sign_webhook(&body, now() as i64);
    let out = deliver(&mut env, &body, &headers, Some(&secret)).await;
    assert_eq!(outcome_kind(&out), "event", "{out}");
    assert_eq!(out["event"]["reply"]["status"], 200);
    assert_eq!(out["event"]["event"]["name"], "meeting.created");
    let payload: Value = serde_json::from_str(out["event"]["event"]["payload"].as_str().unwrap()).unwrap();
    assert_eq!(payload["object"]["topic"], "Hooked");
    let typed = &out["event"]["event"]["typed"]["meeting_created"];
    assert_eq!(typed["topic"], "Hooked");
    assert_eq!(typed["id"], out["event"]["event"]["object_id"]);

    let mut args = webhook_args(body.as_bytes(), &headers, Some(&secret), None, None);
    args[1]["filter"] = json!({"event_names": ["meeting.ended"]});
    let Outcome::Ok(ignored) = env.connector.call(TRIGGERS, "webhook", &args).await.unwrap() else { panic!() };
    assert_eq!(ignored["ignored"]["reply"]["status"], 200);
    assert_eq!(ignored["ignored"]["name"], "meeting.created");
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_stale_and_unsigned_deliveries_are_rejected() {
    let mut env = Env::new().await;
    let body = created_event(&mut env).await;
    let secret = env.sim.credentials().webhook_secret;
    let headers = env.sim.sign_webhook(&body, now() as i64);

    let forged = deliver(&mut env, &body.replace("Hooked", "Hijacked"), &headers, Some(&secret)).await;
    assert_eq!(forged["rejected"]["reason"], "bad_signature");
    assert_eq!(forged["rejected"]["reply"]["status"], 401);

    let stale_headers = env.sim.sign_webhook(&body, now() as i64 - 7200);
    let stale = deliver(&mut env, &body, &stale_headers, Some(&secret)).await;
    assert!(stale["rejected"]["reason"]["stale_timestamp"].as_i64().unwrap() >= 7200, "{stale}");

    let unsigned = deliver(&mut env, &body, &[], Some(&secret)).await;
    assert_eq!(unsigned["rejected"]["reason"]["missing_header"], "x-zm-request-timestamp");

    let signature = headers.iter().find(|(k, _)| k == "x-zm-signature").unwrap().1.clone();
    let mut args = webhook_args(body.as_bytes(), &headers, Some(&secret), None, None);
    args[1]["seen_signatures"] = json!([signature]);
    let Outcome::Ok(replayed) = env.connector.call(TRIGGERS, "webhook", &args).await.unwrap() else { panic!() };
    assert_eq!(replayed["rejected"]["reason"], "replayed");

    let no_secret = deliver(&mut env, &body, &headers, None).await;
    assert_eq!(no_secret["rejected"]["reason"], "missing_secret");
    let wrong_secret = deliver(&mut env, &body, &headers, Some("another-secret")).await;
    assert_eq!(wrong_secret["rejected"]["reason"], "bad_signature");
}

#[tokio::test(flavor = "multi_thread")]
async fn url_validation_is_answered_with_hmac_of_plain_token() {
    let mut env = Env::new().await;
    let secret = env.sim.credentials().webhook_secret;
    let body = url_validation_body("plain-123", now() as i64 * 1000);
    let headers = env.sim.sign_webhook(&body, now() as i64);
    let out = deliver(&mut env, &body, &headers, Some(&secret)).await;
    let reply = &out["url_validation"];
    assert_eq!(reply["status"], 200);
    let answer: Value = serde_json::from_str(reply["body"].as_str().unwrap()).unwrap();
    assert_eq!(answer["plainToken"], "plain-123");
    assert_eq!(answer["encryptedToken"], crate::harness::encrypted_token(&secret, "plain-123"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_replayed_after_the_window_is_stale_and_inside_it_is_a_replay() {
    let mut env = Env::new().await;
    let body = created_event(&mut env).await;
    let secret = env.sim.credentials().webhook_secret;
    let sent = now();
    let headers = env.sim.sign_webhook(&body, sent as i64);
    let signature = headers.iter().find(|(k, _)| k == "x-zm-signature").unwrap().1.clone();
    let at = |when: u64, seen: Value| {
        let mut args = webhook_args(body.as_bytes(), &headers, Some(&secret), None, Some(when));
        args[1]["seen_signatures"] = seen;
        args
    };
    let mut run = async |args: [Value; 2]| match env.connector.call(TRIGGERS, "webhook", &args).await.unwrap() {
        Outcome::Ok(v) => v,
        Outcome::Err(e) => panic!("{e}"),
    };
    // Zoom's last retry comes 85 minutes late: still inside the default 90-minute window.
    assert_eq!(outcome_kind(&run(at(sent + 85 * 60, json!([]))).await), "event");
    // The same bytes again inside the window, once the platform has recorded the signature.
    let replay = run(at(sent + 86 * 60, json!([signature]))).await;
    assert_eq!(replay["rejected"]["reason"], "replayed");
    assert_eq!(replay["rejected"]["reply"]["status"], 401);
    // Replayed after the window, it is stale whatever the platform remembers.
    let late = run(at(sent + 3 * 3600, json!([]))).await;
    assert_eq!(late["rejected"]["reason"]["stale_timestamp"], 3 * 3600);
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_bodies_that_are_not_zoom_events_are_malformed_with_a_reason() {
    let mut env = Env::new().await;
    let secret = env.sim.credentials().webhook_secret;
    for (body, reason) in [
        ("not json at all", "not JSON"),
        (r#"{"payload":{"object":{"id":1}}}"#, "no `event` name"),
        (r#"{"event":"meeting.created","payload":7}"#, "no `payload` object"),
        (r#"{"event":"endpoint.url_validation","payload":{}}"#, "plainToken"),
    ] {
        let headers = env.sim.sign_webhook(body, now() as i64);
        let out = deliver(&mut env, body, &headers, Some(&secret)).await;
        let why = out["rejected"]["reason"]["malformed_body"].as_str().unwrap_or_else(|| panic!("{body}: {out}"));
        assert!(why.contains(reason), "{body}: {why}");
        assert_eq!(out["rejected"]["reply"]["status"], 401);
    }
}

/// The simulator's webinar events, as Zoom sends them, come out typed; two updates of one
/// webinar are two events (distinct keys), and a retried delivery keeps its key.
#[tokio::test(flavor = "multi_thread")]
async fn webinar_created_updated_and_deleted_are_typed_and_each_update_has_its_own_key() {
    let mut env = Env::new().await;
    let created = env.ok("create-webinar", json!({"topic": "Launch", "start_time": "2030-02-01T16:00:00Z"})).await;
    let id = created["id"].as_u64().unwrap();
    env.ok("update-webinar", json!({"webinar_id": id, "topic": "Launch day"})).await;
    env.ok("update-webinar", json!({"webinar_id": id, "duration": 90})).await;
    env.ok("delete-webinar", json!({"webinar_id": id})).await;
    let secret = env.sim.credentials().webhook_secret;
    let mut seen = Vec::new();
    for body in env.sim.take_events() {
        let headers = env.sim.sign_webhook(&body, now() as i64);
        let out = deliver(&mut env, &body, &headers, Some(&secret)).await;
        let event = out["event"]["event"].clone();
        assert_eq!(event["object_id"], id.to_string(), "{out}");
        let case = event["typed"].as_object().unwrap().keys().next().unwrap().clone();
        seen.push((case, event["key"].as_str().unwrap().to_owned(), body));
    }
    let cases: Vec<&str> = seen.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(cases, ["webinar_created", "webinar_updated", "webinar_updated", "webinar_deleted"]);
    assert_ne!(seen[1].1, seen[2].1, "the second update is not a replay of the first");
    assert_eq!(seen[3].1, format!("webinar.deleted:{id}"));

    let (_, key, body) = &seen[1];
    let later = env.sim.sign_webhook(body, now() as i64 + 300);
    let retried = deliver(&mut env, body, &later, Some(&secret)).await;
    assert_eq!(&retried["event"]["event"]["key"], key, "Zoom's retry is the same event");
}
