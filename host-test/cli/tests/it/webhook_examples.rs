//! Every documented example of a modelled event, signed and delivered through the component's
//! webhook trigger, comes out typed (not `other`) with its key, fitting the trigger's item schema.

use std::path::Path;

use serde_json::Value;
use zoom_host::trigger::webhook_args;
use zoom_runtime::{Outcome, MANIFEST, TRIGGERS};
use zoom_sim::sign_delivery;

use crate::harness::Env;

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/webhooks");
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for e in index["events"].as_array().unwrap() {
        for file in e["fixtures"].as_array().unwrap() {
            let body = std::fs::read_to_string(dir.join(file.as_str().unwrap())).unwrap();
            out.push((e["event"].as_str().unwrap().to_owned(), body));
        }
    }
    out
}

/// The schema of one item the `webhook` trigger emits, from the manifest.
async fn webhook_item_schema(env: &mut Env) -> jsonschema::Validator {
    let Outcome::Ok(triggers) = env.connector.call(MANIFEST, "triggers", &[]).await.expect("no trap") else {
        panic!("manifest.triggers failed")
    };
    let webhook = triggers.as_array().unwrap().iter().find(|t| t["id"] == "webhook").expect("the webhook trigger");
    let schema: Value = serde_json::from_str(webhook["output_schema"].as_str().unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// The `typed` case each event name must come out as.
fn expected_case(name: &str) -> String {
    match name {
        "meeting.participant_joined" => "participant_joined".into(),
        "meeting.participant_left" => "participant_left".into(),
        "recording.transcript_completed" => "transcript_completed".into(),
        "phone.caller_call_log_completed" | "phone.callee_call_log_completed" => "call_log_completed".into(),
        n => n.replace('.', "_"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_documented_example_is_verified_and_typed_by_the_component() {
    let mut env = Env::new().await;
    let secret = "example-secret-0123456789";
    let all = fixtures();
    assert!(all.len() >= 26, "{} examples", all.len());
    let now = 1_700_000_000u64;
    let item_schema = webhook_item_schema(&mut env).await;
    for (name, body) in &all {
        // The examples' `event_ts` are years old; time is pinned to the signature's.
        let headers = sign_delivery(secret, body, now as i64);
        let args = webhook_args(body.as_bytes(), &headers, Some(secret), None, Some(now));
        let Outcome::Ok(out) = env.connector.call(TRIGGERS, "webhook", &args).await.expect("no trap") else {
            panic!("{name}: webhook failed")
        };
        let event = &out["event"]["event"];
        assert_eq!(event["name"], name.as_str(), "{out}");
        let case = event["typed"].as_object().and_then(|o| o.keys().next().cloned()).unwrap_or_default();
        assert_eq!(case, expected_case(name), "{name}: {out}");
        let misfits: Vec<String> =
            item_schema.iter_errors(event).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(misfits.is_empty(), "{name}: the event does not fit the webhook trigger's item schema: {misfits:?}");
        let key = event["key"].as_str().unwrap();
        assert!(key.starts_with(&format!("{name}:")) && key.len() > name.len() + 1, "{name}: key {key}");
    }
}
