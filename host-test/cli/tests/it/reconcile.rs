//! Recovery of missed events through the component: events the webhook never delivered are found
//! from the API, typed as the webhook trigger types them, and nothing delivered comes back.

use std::collections::BTreeSet;

use serde_json::{json, Value};
use zoom_host::trigger::webhook_args;
use zoom_runtime::{Outcome, TRIGGERS};
use zoom_sim::format_utc;

use crate::harness::{kind, now, Env};

/// `yyyy-MM-ddTHH:mm:ssZ` of Unix seconds.
pub fn utc(secs: u64) -> String {
    format_utc(secs as i64)
}

/// Runs one delivery through the webhook trigger, as the recipe's endpoint would, and returns
/// the verified event.
pub async fn received(env: &mut Env, body: &str) -> Value {
    let secret = env.sim.credentials().webhook_secret;
    let headers = env.sim.sign_webhook(body, now() as i64);
    let args = webhook_args(body.as_bytes(), &headers, Some(&secret), None, None);
    let Outcome::Ok(out) = env.connector.call(TRIGGERS, "webhook", &args).await.expect("no trap") else {
        panic!("webhook failed")
    };
    out["event"]["event"].clone()
}

pub async fn reconcile(env: &mut Env, from: u64, to: u64, seen: &[String]) -> Vec<Value> {
    let request = json!({"from": utc(from), "to": utc(to), "seen_keys": seen});
    match env.trigger("reconcile", request).await {
        Outcome::Ok(v) => v.as_array().unwrap().clone(),
        Outcome::Err(e) => panic!("reconcile failed: {e}"),
    }
}

/// Meetings, registrations and users made through the API; their webhook bodies.
async fn activity(env: &mut Env) -> Vec<String> {
    let reg = env.registration_meeting().await;
    for n in 0..2 {
        env.ok("create-meeting", json!({"topic": format!("Plain {n}"), "start_time": "2030-02-01T10:00:00Z"})).await;
    }
    for n in 0..3 {
        let email = format!("attendee{n}@example.org");
        env.ok("add-meeting-registrant", json!({"meeting_id": reg, "email": email, "first_name": "A"})).await;
    }
    for n in 0..2 {
        let email = format!("joiner{n}@example.com");
        env.ok("create-user", json!({"action": "create", "email": email, "user_type": "basic"})).await;
    }
    env.sim.take_events()
}

#[tokio::test(flavor = "multi_thread")]
async fn reconcile_returns_exactly_the_events_the_webhook_missed() {
    let mut env = Env::new().await;
    let from = now() - 60;
    let bodies = activity(&mut env).await;
    let mut delivered = Vec::new();
    let mut missed = BTreeSet::new();
    for (n, body) in bodies.iter().enumerate() {
        let event = received(&mut env, body).await;
        let key = event["key"].as_str().unwrap().to_owned();
        if n % 2 == 0 {
            delivered.push(key);
        } else {
            missed.insert((key, event["typed"].as_object().unwrap().keys().next().unwrap().clone()));
        }
    }
    assert_eq!(bodies.len(), 3 + 3 + 2, "3 meetings, 3 registrations, 2 users");

    let found = reconcile(&mut env, from, now() + 60, &delivered).await;
    let got: BTreeSet<(String, String)> = found
        .iter()
        .map(|e| {
            (e["key"].as_str().unwrap().to_owned(), e["typed"].as_object().unwrap().keys().next().unwrap().clone())
        })
        .collect();
    assert_eq!(got, missed, "exactly the undelivered events, typed as the webhook types them");
    let ts: Vec<u64> = found.iter().map(|e| e["event_ts"].as_u64().unwrap()).collect();
    assert!(ts.windows(2).all(|w| w[0] <= w[1]), "oldest first");

    let all: Vec<String> = delivered.iter().cloned().chain(missed.iter().map(|(k, _)| k.clone())).collect();
    assert!(reconcile(&mut env, from, now() + 60, &all).await.is_empty(), "nothing once all are seen");
    assert!(reconcile(&mut env, now() + 120, now() + 180, &[]).await.is_empty(), "nothing outside the window");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_reconcile_requests_name_the_field() {
    let mut env = Env::new().await;
    let t = now();
    let cases = [
        (json!({"from": "yesterday", "to": utc(t), "seen_keys": []}), "from"),
        (json!({"from": utc(t), "to": utc(t - 10), "seen_keys": []}), "to"),
        (json!({"from": utc(t - 31 * 86_400), "to": utc(t), "seen_keys": []}), "to"),
        (
            json!({"from": utc(t - 60), "to": utc(t), "seen_keys": [], "event_names": ["meeting.exploded"]}),
            "event_names",
        ),
        (json!({"from": utc(t - 60), "to": utc(t), "seen_keys": [], "user_id": "u".repeat(200)}), "user_id"),
    ];
    for (request, field) in cases {
        match env.trigger("reconcile", request.clone()).await {
            Outcome::Err(e) => {
                assert_eq!(kind(&e), "invalid_input", "{request}: {e}");
                assert_eq!(e["invalid_input"]["field"], field, "{request}: {e}");
            }
            Outcome::Ok(v) => panic!("{request} was accepted: {v}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ended_meeting_and_its_transcript_are_rebuilt_as_the_webhook_types_them() {
    let mut env = Env::new().await;
    let from = now() - 60;
    let (meeting, _) = env.sim.recorded_meeting();
    let uuid = env.sim.complete_recording(meeting).unwrap();
    let request = |seen: Vec<String>| {
        json!({"from": utc(from), "to": utc(now() + 60), "seen_keys": seen,
            "event_names": ["meeting.ended", "recording.transcript_completed"]})
    };
    let found = match env.trigger("reconcile", request(Vec::new())).await {
        Outcome::Ok(v) => v.as_array().unwrap().clone(),
        Outcome::Err(e) => panic!("reconcile failed: {e}"),
    };
    let keys: BTreeSet<&str> = found.iter().map(|e| e["key"].as_str().unwrap()).collect();
    let expected: BTreeSet<String> =
        [format!("meeting.ended:{meeting}:{uuid}"), format!("recording.transcript_completed:{meeting}:{uuid}")].into();
    assert_eq!(keys, expected.iter().map(String::as_str).collect(), "{found:?}");
    let ended = found.iter().find(|e| e["name"] == "meeting.ended").unwrap();
    let typed = &ended["typed"]["meeting_ended"];
    assert_eq!(
        (typed["id"].as_str(), typed["uuid"].as_str()),
        (Some(meeting.to_string().as_str()), Some(uuid.as_str()))
    );
    assert!(typed["end_time"].is_string() && typed["start_time"].is_string(), "{typed}");
    let transcript = &found.iter().find(|e| e["name"] == "recording.transcript_completed").unwrap()["typed"];
    let files = transcript["transcript_completed"]["files"].as_array().unwrap();
    assert!(!files.is_empty() && files.iter().all(|f| f["file_type"] == "TRANSCRIPT"), "{transcript}");

    // The same event delivered by the webhook has the same key and the same typed form.
    for event in &found {
        let body = json!({"event": event["name"], "event_ts": event["event_ts"],
            "payload": serde_json::from_str::<Value>(event["payload"].as_str().unwrap()).unwrap()});
        let delivered = received(&mut env, &body.to_string()).await;
        assert_eq!((&delivered["key"], &delivered["typed"]), (&event["key"], &event["typed"]));
    }
    let seen: Vec<String> = expected.into_iter().collect();
    match env.trigger("reconcile", request(seen)).await {
        Outcome::Ok(v) => assert!(v.as_array().unwrap().is_empty(), "{v}"),
        Outcome::Err(e) => panic!("reconcile failed: {e}"),
    }
}
