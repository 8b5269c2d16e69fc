//! Zoom's deliveries, as the simulator makes them (signed, retried after 5, 25 and 85 minutes,
//! sometimes lost), reaching the component's own webhook endpoint over HTTP; and recovery of the
//! lost ones with `reconcile`.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{json, Value};
use zoom_runtime::serve::{self, Endpoint, EndpointConfig};
use zoom_runtime::Limits;
use zoom_sim::{DeliveryPlan, DeliveryReport, Signing};

use crate::harness::{now, Env};
use crate::receiver::Receiver;
use crate::reconcile::{received, reconcile};

async fn endpoint(env: &Env, relay: &Receiver, tolerance: Option<&str>) -> Endpoint {
    let secret = env.sim.credentials().webhook_secret;
    let mut config = EndpointConfig::new(Some(&secret), Some(&relay.url));
    if let Some(t) = tolerance {
        config = config.with_env("ZOOM_WEBHOOK_TOLERANCE_SECONDS", t);
    }
    let runtime = Arc::new(zoom_host::runtime(Limits::default()).unwrap());
    serve::start(runtime, 0, config).await.unwrap()
}

fn deliver(env: &Env, plan: &DeliveryPlan) -> DeliveryReport {
    tokio::task::block_in_place(|| env.sim.deliver_events(plan))
}

fn relayed_keys(relay: &Receiver) -> Vec<String> {
    relay
        .received()
        .iter()
        .map(|b| serde_json::from_str::<Value>(b).unwrap()["key"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_inside_the_window_get_through_and_a_narrow_window_refuses_them() {
    let mut env = Env::new().await;
    // The relay is down for the first two attempts: the endpoint answers 502, Zoom retries.
    let relay = Receiver::start(vec![503, 503]);
    let wide = endpoint(&env, &relay, None).await;
    env.ok("create-meeting", json!({"topic": "Retried", "start_time": "2030-01-01T10:00:00Z"})).await;
    let report = deliver(&env, &DeliveryPlan::to(wide.url()));
    let event = &report.events[0];
    assert_eq!(event.name, "meeting.created");
    let statuses: Vec<Option<u16>> = event.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(502), Some(502), Some(200)], "{event:?}");
    assert_eq!(event.attempts.iter().map(|a| a.after_minutes).collect::<Vec<_>>(), [0, 5, 25]);
    assert!(event.delivered);
    assert_eq!(relayed_keys(&relay).len(), 3, "every attempt reached the relay; the last one stuck");

    // With a 10-minute window the retry 25 minutes late is refused as stale, and so is the next.
    let relay = Receiver::start(vec![503, 503]);
    let narrow = endpoint(&env, &relay, Some("600")).await;
    env.ok("create-meeting", json!({"topic": "Too late", "start_time": "2030-01-01T10:00:00Z"})).await;
    let report = deliver(&env, &DeliveryPlan::to(narrow.url()));
    let statuses: Vec<Option<u16>> = report.events[0].attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(502), Some(502), Some(401), Some(401)]);
    assert!(!report.events[0].delivered);
}

#[tokio::test(flavor = "multi_thread")]
async fn unsigned_forged_and_stale_deliveries_never_reach_the_relay() {
    let mut env = Env::new().await;
    let relay = Receiver::start(vec![]);
    let ep = endpoint(&env, &relay, None).await;
    for signing in [Signing::Unsigned, Signing::Forged, Signing::Stale { seconds: 3 * 3600 }] {
        env.ok("create-meeting", json!({"topic": "Bad", "start_time": "2030-01-01T10:00:00Z"})).await;
        let report = deliver(&env, &DeliveryPlan::to(ep.url()).signing(signing.clone()));
        let event = &report.events[0];
        assert!(event.attempts.iter().all(|a| a.status == Some(401)), "{signing:?}: {event:?}");
        assert_eq!(event.attempts.len(), 4, "Zoom tried four times");
        assert!(!event.delivered);
    }
    assert!(relay.received().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn reconcile_finds_exactly_the_deliveries_the_simulator_lost() {
    let mut env = Env::new().await;
    let from = now() - 60;
    let relay = Receiver::start(vec![]);
    let ep = endpoint(&env, &relay, None).await;
    let reg = env.registration_meeting().await;
    for n in 0..3 {
        let email = format!("lost{n}@example.org");
        env.ok("add-meeting-registrant", json!({"meeting_id": reg, "email": email, "first_name": "L"})).await;
    }
    env.ok("create-user", json!({"action": "create", "email": "late.hire@example.com", "user_type": "basic"})).await;
    let uuid = env.sim.complete_recording(reg).expect("a recording completes");

    // Lose the recording, one registration and the user entirely; deliver the rest.
    let batch = env.sim.take_events();
    let index_of = |needle: &str| batch.iter().position(|b| b.contains(needle)).unwrap();
    let lost = [index_of("recording.completed"), index_of("lost1@example.org"), index_of("user.created")];
    for (i, body) in batch.iter().enumerate() {
        let plan = DeliveryPlan::to(ep.url()).lose(if lost.contains(&i) { vec![0] } else { vec![] });
        let d = tokio::task::block_in_place(|| env.sim.deliver_body(&plan, body));
        assert_eq!(d.delivered, !lost.contains(&i), "{d:?}");
        assert_eq!(d.lost, lost.contains(&i));
    }
    let delivered_keys = relayed_keys(&relay);
    assert_eq!(delivered_keys.len(), batch.len() - lost.len());
    // The keys the lost deliveries would have carried, as the webhook trigger computes them.
    let mut lost_keys = BTreeSet::new();
    for i in lost {
        lost_keys.insert(received(&mut env, &batch[i]).await["key"].as_str().unwrap().to_owned());
    }
    assert!(lost_keys.iter().any(|k| k.contains(&uuid)), "the recording's key names its instance: {lost_keys:?}");

    let found = reconcile(&mut env, from, now() + 60, &delivered_keys).await;
    let got: BTreeSet<String> = found.iter().map(|e| e["key"].as_str().unwrap().to_owned()).collect();
    assert_eq!(got, lost_keys, "exactly what was lost");
    let recording = found.iter().find(|e| e["name"] == "recording.completed").unwrap();
    let typed = &recording["typed"]["recording_completed"];
    assert!(!typed["files"].as_array().unwrap().is_empty() && typed["files"][0]["download_url"].is_string());
}
