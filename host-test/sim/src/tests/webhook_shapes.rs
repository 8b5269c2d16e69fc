//! Every event the simulator emits has what Zoom's schema requires of it, as
//! `spec/webhooks/index.json` records it: the payload's and the object's
//! required fields, each field with its documented JSON type.

use super::*;

fn index() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/webhooks/index.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => true,
    }
}

/// What `event` lacks or mistypes against its index entry.
fn problems(index: &Value, event: &Value) -> Vec<String> {
    let name = event["event"].as_str().unwrap();
    let Some(spec) = index["events"].as_array().unwrap().iter().find(|e| e["event"] == name) else {
        return vec![format!("{name}: not in spec/webhooks/index.json")];
    };
    let payload = &event["payload"];
    let object = &payload["object"];
    let mut out = Vec::new();
    let names = |key: &str| spec[key].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect::<Vec<_>>();
    for field in names("required_payload_fields") {
        if payload.get(field).is_none() {
            out.push(format!("{name}: payload.{field} is missing"));
        }
    }
    for field in names("required_object_fields") {
        if object.get(field).is_none() {
            out.push(format!("{name}: object.{field} is missing"));
        }
    }
    for (field, shape) in spec["object_fields"].as_object().unwrap() {
        if let Some(value) = object.get(field) {
            let ty = shape["type"].as_str().unwrap_or_default();
            if !has_type(value, ty) {
                out.push(format!("{name}: object.{field} is {value}, not {ty}"));
            }
        }
    }
    out
}

fn ok(sim: &Simulator, method: &str, path: &str, body: Option<Value>) -> Value {
    let (status, answer) = sim.request(method, path, body);
    assert!(status < 300, "{method} {path}: {status} {answer}");
    answer
}

/// Meetings, webinars and users created, changed, registered for and deleted through the
/// API, and the events the simulator raises on its own (ended meetings and webinars,
/// recordings, calls).
fn every_kind_of_event(sim: &Simulator) -> Vec<Value> {
    let series = json!({"topic": "Weekly", "type": 8, "start_time": "2030-03-04T15:00:00Z", "duration": 30,
        "recurrence": {"type": 2, "weekly_days": "2", "end_times": 3}, "settings": {"approval_type": 0}});
    let meeting = ok(sim, "POST", "/v2/users/me/meetings", Some(series));
    let m = meeting["id"].as_u64().unwrap();
    ok(sim, "PATCH", &format!("/v2/meetings/{m}"), Some(json!({"topic": "Weekly sync"})));
    ok(
        sim,
        "POST",
        &format!("/v2/meetings/{m}/registrants"),
        Some(json!({"email": "ada@example.com", "first_name": "Ada"})),
    );
    let first = meeting["occurrences"][0]["occurrence_id"].as_str().unwrap();
    ok(sim, "DELETE", &format!("/v2/meetings/{m}?occurrence_id={first}"), None);
    ok(sim, "DELETE", &format!("/v2/meetings/{m}"), None);

    let body = json!({"topic": "Launch", "type": 9, "start_time": "2030-03-04T15:00:00Z", "duration": 45,
        "recurrence": {"type": 1, "end_times": 2}, "settings": {"approval_type": 1}});
    let webinar = ok(sim, "POST", "/v2/users/me/webinars", Some(body));
    let w = webinar["id"].as_u64().unwrap();
    ok(
        sim,
        "PATCH",
        &format!("/v2/webinars/{w}"),
        Some(json!({"topic": "Launch day", "settings": {"host_video": true}})),
    );
    let first = webinar["occurrences"][0]["occurrence_id"].as_str().unwrap();
    ok(sim, "PATCH", &format!("/v2/webinars/{w}?occurrence_id={first}"), Some(json!({"duration": 50})));
    let registrant = json!({"email": "lin@example.com", "first_name": "Lin", "last_name": "Park"});
    let r = ok(sim, "POST", &format!("/v2/webinars/{w}/registrants"), Some(registrant));
    let who = json!([{"id": r["registrant_id"], "email": "lin@example.com"}]);
    ok(
        sim,
        "PUT",
        &format!("/v2/webinars/{w}/registrants/status"),
        Some(json!({"action": "approve", "registrants": who})),
    );
    ok(
        sim,
        "PUT",
        &format!("/v2/webinars/{w}/registrants/status"),
        Some(json!({"action": "cancel", "registrants": who})),
    );
    ok(sim, "DELETE", &format!("/v2/webinars/{w}?occurrence_id={first}"), None);
    ok(sim, "DELETE", &format!("/v2/webinars/{w}"), None);
    assert!(sim.end_webinar(sim.past_webinar_id()));

    let user = json!({"action": "custCreate", "user_info": {"email": "new.hire@example.com", "type": 1,
        "first_name": "New", "last_name": "Hire"}});
    let u = ok(sim, "POST", "/v2/users", Some(user))["id"].as_str().unwrap().to_owned();
    ok(sim, "PATCH", &format!("/v2/users/{u}"), Some(json!({"dept": "Sales"})));
    ok(sim, "PUT", &format!("/v2/users/{u}/status"), Some(json!({"action": "deactivate"})));
    ok(sim, "PUT", &format!("/v2/users/{u}/status"), Some(json!({"action": "activate"})));
    ok(sim, "DELETE", &format!("/v2/users/{u}?action=delete"), None);

    let (recorded, _) = sim.recorded_meeting();
    sim.complete_recording(recorded).unwrap();
    events(sim)
}

#[test]
fn every_event_the_simulator_emits_has_what_zooms_schema_requires() {
    let sim = Simulator::start().unwrap();
    let emitted = every_kind_of_event(&sim);
    let names: std::collections::BTreeSet<&str> = emitted.iter().map(|e| e["event"].as_str().unwrap()).collect();
    for expected in [
        "meeting.created",
        "meeting.updated",
        "meeting.registration_created",
        "meeting.deleted",
        "webinar.created",
        "webinar.updated",
        "webinar.registration_created",
        "webinar.registration_approved",
        "webinar.registration_cancelled",
        "webinar.deleted",
        "webinar.ended",
        "user.created",
        "user.updated",
        "user.deactivated",
        "user.activated",
        "user.deleted",
        "meeting.ended",
        "recording.completed",
        "recording.transcript_completed",
    ] {
        assert!(names.contains(expected), "no {expected} among {names:?}");
    }
    let index = index();
    let found: Vec<String> = emitted.iter().flat_map(|e| problems(&index, e)).collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn webinar_changes_carry_what_changed_and_which_occurrence_went() {
    let sim = Simulator::start().unwrap();
    let body = json!({"topic": "Launch", "type": 9, "start_time": "2030-03-04T15:00:00Z",
        "recurrence": {"type": 1, "end_times": 2}});
    let webinar = ok(&sim, "POST", "/v2/users/me/webinars", Some(body));
    let w = webinar["id"].as_u64().unwrap();
    ok(&sim, "PATCH", &format!("/v2/webinars/{w}"), Some(json!({"topic": "Launch day"})));
    let first = webinar["occurrences"][0]["occurrence_id"].as_str().unwrap();
    ok(&sim, "DELETE", &format!("/v2/webinars/{w}?occurrence_id={first}"), None);
    ok(&sim, "DELETE", &format!("/v2/webinars/{w}"), None);
    let ev = events(&sim);
    let kinds: Vec<&str> = ev.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["webinar.created", "webinar.updated", "webinar.deleted", "webinar.deleted"]);
    assert_eq!(ev[0]["payload"]["object"]["id"].as_u64(), Some(w));
    assert_eq!(ev[0]["payload"]["object"]["creation_source"], "open_api");
    let updated = &ev[1]["payload"];
    assert_eq!(
        (&updated["object"]["topic"], &updated["old_object"]["topic"]),
        (&json!("Launch day"), &json!("Launch"))
    );
    assert_eq!(ev[2]["payload"]["operation"], "single");
    assert_eq!(ev[2]["payload"]["object"]["occurrences"][0]["occurrence_id"], first);
    assert_eq!(ev[3]["payload"]["operation"], "all");
    assert!(ev[3]["payload"]["object"].get("occurrences").is_none());

    assert!(!sim.end_webinar(w), "a deleted webinar does not end");
    let past = sim.past_webinar_id();
    assert!(sim.end_webinar(past));
    let ended = &events(&sim)[0];
    assert_eq!(ended["event"], "webinar.ended");
    assert_eq!(ended["payload"]["object"]["id"], past.to_string());
    assert_eq!(ended["payload"]["object"]["uuid"], sim.webinar(past).unwrap()["uuid"]);
}
