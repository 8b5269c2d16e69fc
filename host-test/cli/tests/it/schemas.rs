//! The JSON Schemas in the manifest hold for real traffic: every action's output from the
//! simulator fits its output schema, the valid input the fault matrix sends fits its input schema,
//! and every item a polling source or `reconcile` emits fits its trigger's item schema.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use zoom_runtime::{Outcome, ACTIONS, MANIFEST};
use zoom_sim::format_utc;

use crate::fault_matrix::prepare::prepare;
use crate::fault_matrix::rows::ROWS;
use crate::harness::{runtime, Env};

/// (input schema, output schema) per action or trigger id.
type Schemas = BTreeMap<String, (Value, Value)>;

async fn schemas(env: &mut Env, function: &str) -> Schemas {
    let Outcome::Ok(list) = env.connector.call(MANIFEST, function, &[]).await.expect("manifest") else {
        panic!("{function} failed")
    };
    let parse = |v: &Value| -> Value { serde_json::from_str(v.as_str().expect("schema text")).expect("schema JSON") };
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_owned(), (parse(&a["input_schema"]), parse(&a["output_schema"]))))
        .collect()
}

/// Every violation of `schema` by `value`, as `path: message` lines.
fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let validator = jsonschema::draft202012::new(schema).expect("the schema compiles");
    validator.iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_action_output_fits_its_output_schema_and_its_input_its_input_schema() {
    let mut env = Env::new().await;
    let all = schemas(&mut env, "describe").await;
    let functions: Vec<String> = runtime().functions(ACTIONS).expect("actions").into_iter().map(|f| f.name).collect();
    assert_eq!(all.len(), functions.len());
    for (id, (input, output)) in &all {
        for schema in [input, output] {
            assert!(jsonschema::meta::is_valid(schema), "{id}: not a valid JSON Schema");
        }
    }
    let mut problems = Vec::new();
    let mut checked = BTreeMap::new();
    for row in ROWS {
        let mut env = Env::new().await;
        let prep = prepare(row, &mut env).await;
        let (input_schema, output_schema) = &all[row.action];
        for v in violations(input_schema, &prep.input) {
            problems.push(format!("{} input {}: {v}", row.name, prep.input));
        }
        match env.run(row.action, prep.input.clone()).await {
            Outcome::Ok(out) => {
                let found = violations(output_schema, &out);
                for v in &found {
                    problems.push(format!("{} output: {v}", row.name));
                }
                *checked.entry(row.action).or_insert(0) += 1;
            }
            Outcome::Err(e) => problems.push(format!("{}: the valid input failed: {e}", row.name)),
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    for f in &functions {
        assert!(checked.contains_key(f.as_str()), "no output of {f} was checked");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misfit_output_is_caught_so_the_check_above_means_something() {
    let mut env = Env::new().await;
    let all = schemas(&mut env, "describe").await;
    let id = env.registration_meeting().await;
    let mut meeting = env.ok("get-meeting", json!({"meeting_id": id})).await;
    assert!(violations(&all["get-meeting"].1, &meeting).is_empty());
    meeting["meeting_type"] = json!("not-a-type");
    meeting["surprise"] = json!(1);
    meeting.as_object_mut().unwrap().remove("topic");
    let found = violations(&all["get-meeting"].1, &meeting);
    assert_eq!(found.len(), 3, "{found:?}");
}

const DAY: i64 = 86_400;

/// The source each polling trigger watches in the seeded simulator.
fn source(env: &Env, id: &str, meeting: u64) -> Value {
    let case = id.strip_prefix("poll:").expect("a polling trigger").replace('-', "_");
    match case.as_str() {
        "new_meeting_registrants" => json!({case: meeting}),
        "new_webinar_registrants" => json!({case: env.sim.seeded_webinar_ids()[0]}),
        "new_users" | "sign_in_activity" => json!(case),
        _ => json!({case: "me"}),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_trigger_item_fits_its_item_schema() {
    let mut env = Env::new().await;
    let all = schemas(&mut env, "triggers").await;
    let meeting = env.registration_meeting().await;
    let registrant = json!({"meeting_id": meeting, "email": "schema@example.org", "first_name": "Schema"});
    env.ok("add-meeting-registrant", registrant).await;
    let now = crate::harness::now_i64();
    let mut problems = Vec::new();
    let mut emitted = 0;
    for (id, (input_schema, item_schema)) in &all {
        let request = match id.as_str() {
            "webhook" => continue,
            "reconcile" => json!({"from": format_utc(now - 29 * DAY), "to": format_utc(now + 60), "seen_keys": []}),
            _ => json!({"source": source(&env, id, meeting), "backfill_hours": 720}),
        };
        for v in violations(input_schema, &request) {
            problems.push(format!("{id} input {request}: {v}"));
        }
        let function = if id == "reconcile" { "reconcile" } else { "poll" };
        let items = match env.trigger(function, request).await {
            Outcome::Ok(v) if function == "poll" => v["items"].as_array().cloned().unwrap_or_default(),
            Outcome::Ok(v) => v.as_array().cloned().unwrap_or_default(),
            Outcome::Err(e) => {
                problems.push(format!("{id}: {e}"));
                continue;
            }
        };
        for item in &items {
            emitted += 1;
            for v in violations(item_schema, item) {
                problems.push(format!("{id} item: {v}"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(emitted > 5, "only {emitted} items were checked");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_trigger_sample_fits_its_trigger_item_schema() {
    let mut env = Env::new().await;
    let all = schemas(&mut env, "triggers").await;
    // The seeded account has no meeting registrants: one to sample.
    let meeting = env.registration_meeting().await;
    env.ok("add-meeting-registrant", json!({"meeting_id": meeting, "email": "sample@example.org", "first_name": "S"}))
        .await;
    let mut problems = Vec::new();
    for (id, (_, item_schema)) in &all {
        let samples = match env.trigger("sample", json!({"trigger_id": id, "max": 50})).await {
            Outcome::Ok(v) => v.as_array().cloned().unwrap_or_default(),
            Outcome::Err(e) => panic!("{id}: sample failed: {e}"),
        };
        assert!(!samples.is_empty(), "{id}: no samples");
        for sample in &samples {
            // `{"polled": item}` or `{"event": event}`: the item as the trigger emits it.
            let item = sample.as_object().and_then(|o| o.values().next()).expect("a sample case");
            for v in violations(item_schema, item) {
                problems.push(format!("{id} sample: {v}"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
