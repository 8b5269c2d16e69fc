//! Samples of what each trigger emits, through the component: every trigger of the manifest
//! returns some, each typed exactly as the trigger emits it (the same item `poll` returns, the same
//! event `reconcile` rebuilds), documented examples stand in for event families the account has
//! none of, and bad requests are typed errors naming their field.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use zoom_runtime::{Outcome, MANIFEST};

use crate::harness::{kind, now, Env};
use crate::reconcile::reconcile;

const DAYS_30: u64 = 30 * 86_400;

async fn sample(env: &mut Env, id: &str, max: u32, at: u64) -> Vec<Value> {
    match env.trigger("sample", json!({"trigger_id": id, "max": max, "now_unix_seconds": at})).await {
        Outcome::Ok(v) => v.as_array().unwrap().clone(),
        Outcome::Err(e) => panic!("sample {id} failed: {e}"),
    }
}

async fn manifest_triggers(env: &mut Env) -> Vec<Value> {
    let Outcome::Ok(list) = env.connector.call(MANIFEST, "triggers", &[]).await.unwrap() else { panic!("triggers") };
    list.as_array().unwrap().clone()
}

/// The single case name of a variant value.
fn case(v: &Value) -> &str {
    kind(v)
}

/// The `polled` case each polling trigger emits.
fn polled_case(id: &str) -> &'static str {
    match id {
        "poll:new-meetings" => "meeting",
        "poll:new-recordings" => "recording",
        "poll:new-meeting-registrants" | "poll:new-webinar-registrants" => "registrant",
        "poll:new-users" => "user",
        "poll:sign-in-activity" => "sign_activity",
        "poll:new-ended-meetings" => "ended_meeting",
        "poll:new-transcripts" => "transcript",
        "poll:new-phone-calls" => "phone_call",
        other => panic!("a polling trigger this test does not know: {other}"),
    }
}

/// Something for every trigger to find: a registration and a user made now, a recording (with
/// its transcript and ended instance) completed now, a phone call ended now. Returns the meeting
/// that takes registration.
async fn activity(env: &mut Env) -> u64 {
    let meeting = env.registration_meeting().await;
    env.ok("add-meeting-registrant", json!({"meeting_id": meeting, "email": "sampled@example.org", "first_name": "S"}))
        .await;
    env.ok("create-user", json!({"action": "create", "email": "sampled@example.com", "user_type": "basic"})).await;
    let (recorded, _) = env.sim.recorded_meeting();
    env.sim.complete_recording(recorded).expect("a recording completes");
    env.sim.end_phone_call("me").expect("a call ends");
    meeting
}

/// The items a first poll of `source` with 30 days of backfill returns, by key.
async fn polled(env: &mut Env, source: Value, at: u64) -> BTreeMap<String, Value> {
    let request = json!({"source": source, "backfill_hours": 720, "now_unix_seconds": at});
    match env.trigger("poll", request).await {
        Outcome::Ok(v) => {
            v["items"].as_array().unwrap().iter().map(|i| (i["key"].as_str().unwrap().into(), i.clone())).collect()
        }
        Outcome::Err(e) => panic!("poll {source} failed: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_trigger_returns_samples_typed_as_it_emits_them() {
    let mut env = Env::new().await;
    let at = now();
    activity(&mut env).await;
    let triggers = manifest_triggers(&mut env).await;
    assert!(triggers.len() >= 11, "{triggers:?}");
    for t in &triggers {
        let id = t["id"].as_str().unwrap();
        let samples = sample(&mut env, id, 50, at).await;
        assert!(!samples.is_empty(), "{id} has no sample");
        assert!(samples.len() <= 50);
        match t["kind"].as_str().unwrap() {
            "polling" => {
                for s in &samples {
                    assert_eq!(case(s), "polled", "{id}: {s}");
                    assert_eq!(case(&s["polled"]["item"]), polled_case(id), "{id}: {s}");
                }
                let times: Vec<&str> = samples.iter().map(|s| s["polled"]["occurred_at"].as_str().unwrap()).collect();
                assert!(times.windows(2).all(|w| w[0] >= w[1]), "{id}: newest first: {times:?}");
            }
            _ => {
                let events: Vec<&str> = t["events"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
                for s in &samples {
                    assert_eq!(case(s), "event", "{id}: {s}");
                    let e = &s["event"];
                    assert!(events.contains(&e["name"].as_str().unwrap()), "{id} does not emit {e}");
                    assert_ne!(case(&e["typed"]), "other", "{id}: {e}");
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn polled_samples_are_the_items_poll_returns_newest_first() {
    let mut env = Env::new().await;
    let at = now();
    let meeting = activity(&mut env).await;
    let sources = [
        ("poll:new-meetings", json!({"new_meetings": "me"})),
        ("poll:new-recordings", json!({"new_recordings": "me"})),
        ("poll:new-meeting-registrants", json!({"new_meeting_registrants": meeting})),
        ("poll:new-users", json!("new_users")),
        ("poll:sign-in-activity", json!("sign_in_activity")),
        ("poll:new-ended-meetings", json!({"new_ended_meetings": "me"})),
        ("poll:new-transcripts", json!({"new_transcripts": "me"})),
        ("poll:new-phone-calls", json!({"new_phone_calls": "me"})),
    ];
    for (id, source) in sources {
        let items = polled(&mut env, source, at).await;
        let samples = sample(&mut env, id, 50, at).await;
        let mut shared = 0;
        for s in &samples {
            let item = &s["polled"];
            if let Some(from_poll) = items.get(item["key"].as_str().unwrap()) {
                assert_eq!(item, from_poll, "{id}: the sample is the polled item as poll returns it");
                shared += 1;
            }
        }
        assert!(shared > 0, "{id}: no sample is among the {} items poll returned", items.len());
        // Within the 30 days both cover, the samples are poll's newest items.
        let mut newest: Vec<&Value> = items.values().collect();
        newest.sort_by(|a, b| b["occurred_at"].as_str().cmp(&a["occurred_at"].as_str()));
        let recent: Vec<&Value> =
            samples.iter().map(|s| &s["polled"]).filter(|i| items.contains_key(i["key"].as_str().unwrap())).collect();
        assert!(recent.len() == newest.len() || samples.len() == 50, "{id}: every recent item, up to max");
        for (s, p) in recent.iter().zip(&newest) {
            assert_eq!(s["occurred_at"], p["occurred_at"], "{id}: newest first");
        }
    }

    // Registrants of the webinars that take registration: the same items as a poll of each.
    let mut items = BTreeMap::new();
    for webinar in env.sim.seeded_webinar_ids() {
        let request =
            json!({"source": {"new_webinar_registrants": webinar}, "backfill_hours": 720, "now_unix_seconds": at});
        if let Outcome::Ok(v) = env.trigger("poll", request).await {
            items.extend(
                v["items"].as_array().unwrap().iter().map(|i| (i["key"].as_str().unwrap().to_owned(), i.clone())),
            );
        }
    }
    let samples = sample(&mut env, "poll:new-webinar-registrants", 50, at).await;
    assert!(!samples.is_empty());
    for s in &samples {
        let key = s["polled"]["key"].as_str().unwrap();
        assert_eq!(Some(&s["polled"]), items.get(key), "{key}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_webhook_samples_real_events_where_the_account_has_them_and_examples_elsewhere() {
    let mut env = Env::new().await;
    let at = now();
    activity(&mut env).await;
    let rebuilt = reconcile(&mut env, at - DAYS_30, at, &[]).await;
    let triggers = manifest_triggers(&mut env).await;
    for t in triggers.iter().filter(|t| t["kind"] != "polling") {
        let id = t["id"].as_str().unwrap();
        let families: Vec<&str> = t["events"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        let samples: Vec<Value> = sample(&mut env, id, 50, at).await.into_iter().map(|s| s["event"].clone()).collect();
        let (per_family, rest) = samples.split_at(families.len());
        let mut real = 0;
        for (name, e) in families.iter().zip(per_family) {
            assert_eq!(e["name"], *name, "{id}: one sample per family, in the manifest's order");
            match rebuilt.iter().rev().find(|r| r["name"] == *name) {
                Some(newest) => {
                    assert_eq!(e, newest, "{id}: the account's newest {name}, as reconcile rebuilds it");
                    real += 1;
                }
                None => assert_example(e, name),
            }
        }
        assert!(real >= 4, "{id}: the account has meetings, registrations, recordings and users: {real}");
        // Then the account's other events, newest first.
        let mut others: Vec<&Value> = rebuilt
            .iter()
            .filter(|r| !per_family.contains(r) && families.contains(&r["name"].as_str().unwrap()))
            .collect();
        others.reverse();
        let expected: Vec<&Value> = others.into_iter().take(50 - families.len()).collect();
        assert_eq!(rest.iter().collect::<Vec<_>>(), expected, "{id}");
    }
}

/// `e` is Zoom's documented example of `name` (spec/webhooks), typed, its key marked.
fn assert_example(e: &Value, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../spec/webhooks/{name}.json"));
    let documented: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(e["key"].as_str().unwrap().starts_with(&format!("example:{name}:")), "{e}");
    assert_eq!(e["event_ts"], documented["event_ts"], "{name}");
    let payload: Value = serde_json::from_str(e["payload"].as_str().unwrap()).unwrap();
    assert_eq!(payload, documented["payload"], "{name}");
    assert_ne!(case(&e["typed"]), "other", "{name}: {e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn before_the_accounts_activity_every_family_is_its_documented_example() {
    let mut env = Env::new().await;
    // Three years back, before the simulator's oldest user (400 days): Zoom's API shows nothing
    // of that month.
    let at = now() - 3 * 365 * 86_400;
    let triggers = manifest_triggers(&mut env).await;
    for t in triggers.iter().filter(|t| t["kind"] != "polling") {
        let id = t["id"].as_str().unwrap();
        let families: Vec<&str> = t["events"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        let samples = sample(&mut env, id, 50, at).await;
        assert_eq!(samples.len(), families.len(), "{id}: one per family");
        for (name, s) in families.iter().zip(&samples) {
            assert_example(&s["event"], name);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn max_is_respected() {
    let mut env = Env::new().await;
    let at = now();
    activity(&mut env).await;
    for (id, max) in [("webhook", 3), ("reconcile", 1), ("poll:sign-in-activity", 2), ("poll:new-recordings", 1)] {
        let all = sample(&mut env, id, 50, at).await;
        assert!(all.len() > max as usize, "{id} has more than {max} to sample: {}", all.len());
        let some = sample(&mut env, id, max, at).await;
        assert_eq!(some.as_slice(), &all[..max as usize], "{id}: the first {max}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_sample_requests_are_typed_errors_naming_the_field_before_any_request() {
    let mut env = Env::new().await;
    let cases = [
        (json!({"trigger_id": "poll:nothing", "max": 5}), "trigger_id"),
        (json!({"trigger_id": "Webhook", "max": 5}), "trigger_id"),
        (json!({"trigger_id": "", "max": 5}), "trigger_id"),
        (json!({"trigger_id": "webhook", "max": 0}), "max"),
        (json!({"trigger_id": "poll:new-users", "max": 51}), "max"),
        (json!({"trigger_id": "reconcile", "max": 1, "now_unix_seconds": 253_402_300_800u64}), "now_unix_seconds"),
    ];
    for (request, field) in cases {
        env.sim.clear_requests();
        match env.trigger("sample", request.clone()).await {
            Outcome::Err(e) => {
                assert_eq!(kind(&e), "invalid_input", "{request}: {e}");
                assert_eq!(e["invalid_input"]["field"], field, "{request}: {e}");
            }
            Outcome::Ok(v) => panic!("{request} was accepted: {v}"),
        }
        assert!(env.sim.requests().is_empty(), "{request}: nothing is asked of Zoom");
    }
    // A string where the id goes is the bridge's typed error, not a trap.
    match env.trigger("sample", json!({"trigger_id": 7, "max": 5})).await {
        Outcome::Err(e) => assert_eq!(kind(&e), "invalid_input", "{e}"),
        Outcome::Ok(v) => panic!("accepted: {v}"),
    }
}
