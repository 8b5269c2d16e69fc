//! Meetings, recordings, webinars and the manifest, through the component against the simulator.

use serde_json::{json, Value};
use zoom_runtime::{Outcome, ACTIONS, MANIFEST};

use crate::harness::{kind, runtime, Env};

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[tokio::test(flavor = "multi_thread")]
async fn update_meeting_changes_zoom_state_and_returns_it() {
    let mut env = Env::new().await;
    let m = env
        .ok("create-meeting", json!({"topic": "Before", "start_time": "2030-01-01T10:00:00Z", "duration": 30}))
        .await;
    let id = m["id"].as_u64().unwrap();
    let updated = env
        .ok(
            "update-meeting",
            json!({"meeting_id": id, "topic": "After", "duration": 50, "settings": {"mute_upon_entry": true}}),
        )
        .await;
    assert_eq!(updated["topic"], "After");
    let stored = env.sim.meeting(id).unwrap();
    assert_eq!((stored["topic"].as_str(), stored["duration"].as_u64()), (Some("After"), Some(50)));
    assert_eq!(stored["settings"]["mute_upon_entry"], true);
    let patch = env.sim.requests().into_iter().find(|r| r.method == "PATCH").expect("a PATCH");
    let sent: Value = serde_json::from_str(&patch.body).unwrap();
    assert!(sent["settings"].get("approval_type").is_none(), "update must not resend create defaults: {sent}");
    let e = env.err("update-meeting", json!({"meeting_id": id})).await;
    assert_eq!(e["invalid_input"]["field"], "input");
    let e = env.err("update-meeting", json!({"meeting_id": 99, "topic": "x"})).await;
    assert_eq!(e["not_found"]["code"], 3001);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_meeting_removes_it_or_one_occurrence() {
    let mut env = Env::new().await;
    let single = env.ok("create-meeting", json!({"topic": "Gone soon", "start_time": "2030-01-01T10:00:00Z"})).await;
    let id = single["id"].as_u64().unwrap();
    let out = env.ok("delete-meeting", json!({"meeting_id": id})).await;
    assert_eq!(out["meeting_id"], id);
    assert!(env.sim.meeting(id).is_none());
    assert_eq!(kind(&env.err("get-meeting", json!({"meeting_id": id})).await), "not_found");

    let series = env
        .ok(
            "create-meeting",
            json!({"topic": "Series", "meeting_type": "recurring_fixed_time", "start_time": "2030-01-06T10:00:00Z",
                   "recurrence": {"recurrence_type": "weekly", "weekly_days": ["monday"], "end_times": 3}}),
        )
        .await;
    let sid = series["id"].as_u64().unwrap();
    let occurrences = series["occurrences"].as_array().unwrap();
    assert_eq!(occurrences.len(), 3);
    let first = occurrences[0]["occurrence_id"].as_str().unwrap().to_owned();
    env.ok("delete-meeting", json!({"meeting_id": sid, "occurrence_id": first})).await;
    let stored = env.sim.meeting(sid).expect("the series stays");
    let left: Vec<&Value> =
        stored["occurrences"].as_array().unwrap().iter().filter(|o| o["status"] != "deleted").collect();
    assert_eq!(left.len(), 2, "{stored}");
    assert!(left.iter().all(|o| o["occurrence_id"] != first.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn invitation_names_the_meeting_and_its_join_link() {
    let mut env = Env::new().await;
    let m = env.ok("create-meeting", json!({"topic": "Invite me", "start_time": "2030-01-01T10:00:00Z"})).await;
    let inv = env.ok("get-meeting-invitation", json!({"meeting_id": m["id"]})).await;
    let text = inv["invitation"].as_str().unwrap();
    assert!(text.contains("Invite me") && text.contains(m["join_url"].as_str().unwrap()), "{text}");
    assert_eq!(kind(&env.err("get-meeting-invitation", json!({"meeting_id": 12345})).await), "not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn recordings_are_found_by_id_and_by_double_encoded_uuid() {
    let mut env = Env::new().await;
    let (id, uuid) = env.sim.recorded_meeting();
    assert!(uuid.starts_with('/') || uuid.contains("//"), "the seed must exercise double encoding");
    let by_uuid = env.ok("get-meeting-recordings", json!({"meeting_id": uuid})).await;
    assert_eq!(by_uuid["uuid"], uuid.as_str());
    assert!(!by_uuid["recording_files"].as_array().unwrap().is_empty());
    let total: u64 =
        by_uuid["recording_files"].as_array().unwrap().iter().map(|f| f["file_size"].as_u64().unwrap()).sum();
    assert_eq!(by_uuid["total_size"].as_u64(), Some(total));
    let by_id = env
        .ok("get-meeting-recordings", json!({"meeting_id": id.to_string(), "include_download_token": true, "ttl": 600}))
        .await;
    assert_eq!(by_id["meeting_id"], id);
    assert!(by_id["download_access_token"].is_string());
    let e = env.err("get-meeting-recordings", json!({"meeting_id": id.to_string(), "ttl": 600})).await;
    assert_eq!(e["invalid_input"]["field"], "ttl");
    let m = env.ok("create-meeting", json!({"topic": "Unrecorded"})).await;
    let e = env.err("get-meeting-recordings", json!({"meeting_id": m["id"].to_string()})).await;
    assert_eq!(e["not_found"]["code"], 3301);
}

#[tokio::test(flavor = "multi_thread")]
async fn webinars_are_listed_fetched_and_unknown_ones_are_not_found() {
    let mut env = Env::new().await;
    let seeded = env.sim.seeded_webinar_ids();
    let all = env.ok("list-webinars", json!({"paging": {"all": {"page_size": 1}}})).await;
    let listed: Vec<u64> = items(&all).iter().map(|w| w["id"].as_u64().unwrap()).collect();
    for id in seeded.iter().filter(|id| **id != env.sim.past_webinar_id()) {
        assert!(listed.contains(id), "{id} missing from {listed:?}");
    }
    let id = seeded[0];
    let w = env.ok("get-webinar", json!({"webinar_id": id.to_string()})).await;
    assert_eq!(w["topic"], env.sim.webinar(id).unwrap()["topic"]);
    assert_eq!(env.err("get-webinar", json!({"webinar_id": "123"})).await["not_found"]["code"], 3001);
}

#[tokio::test(flavor = "multi_thread")]
async fn webinar_registrants_are_added_and_listed_by_status() {
    let mut env = Env::new().await;
    let auto = env
        .sim
        .seeded_webinar_ids()
        .into_iter()
        .find(|id| env.sim.webinar(*id).unwrap()["settings"]["approval_type"] == 0)
        .unwrap();
    let before = env.sim.webinar_registrants(auto).len();
    let r = env
        .ok(
            "add-webinar-registrant",
            json!({"webinar_id": auto, "email": "new.attendee@example.org", "first_name": "New", "org": "Acme"}),
        )
        .await;
    assert_eq!(r["webinar_id"], auto);
    let stored = env.sim.webinar_registrants(auto);
    assert_eq!(stored.len(), before + 1);
    assert!(stored.iter().any(|s| s["email"] == "new.attendee@example.org" && s["org"] == "Acme"));
    let listed =
        env.ok("list-webinar-registrants", json!({"webinar_id": auto, "paging": {"all": {"page_size": 1}}})).await;
    assert_eq!(items(&listed).len(), stored.iter().filter(|s| s["status"] == "approved").count());
    let e = env.err("add-webinar-registrant", json!({"webinar_id": auto, "email": "bad", "first_name": "X"})).await;
    assert_eq!(e["invalid_input"]["field"], "email");
}

#[tokio::test(flavor = "multi_thread")]
async fn past_webinar_participants_come_back_across_pages() {
    let mut env = Env::new().await;
    let past = env.sim.past_webinar_id();
    env.sim.clear_requests();
    let p = env
        .ok("list-webinar-participants", json!({"webinar_id": past.to_string(), "paging": {"all": {"page_size": 2}}}))
        .await;
    let n = items(&p).len();
    assert!(n >= 5, "{p}");
    assert_eq!(p["total_records"].as_u64(), Some(n as u64));
    assert_eq!(env.hits("/participants"), n.div_ceil(2));
    assert!(items(&p).iter().all(|x| x["join_time"].is_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn manifest_matches_the_wit_inputs_of_every_action() {
    let mut env = Env::new().await;
    let Outcome::Ok(manifest) = env.connector.call(MANIFEST, "describe", &[]).await.unwrap() else { panic!() };
    let manifest = manifest.as_array().unwrap();
    let functions = runtime().functions(ACTIONS).unwrap();
    assert_eq!(manifest.len(), functions.len());
    for f in &functions {
        let entry =
            manifest.iter().find(|a| a["id"] == f.name.as_str()).unwrap_or_else(|| panic!("{} not described", f.name));
        let described: Vec<&str> =
            entry["inputs"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
        let wit: Vec<String> = match f.params.get(1) {
            Some((_, wasmtime::component::Type::Record(r))) => {
                r.fields().map(|field| field.name.replace('-', "_")).collect()
            }
            _ => Vec::new(),
        };
        assert_eq!(described, wit, "{}", f.name);
        assert!(!entry["label"].as_str().unwrap().is_empty() && !entry["description"].as_str().unwrap().is_empty());
        if f.name != "raw-request" {
            assert!(!entry["scopes"].as_array().unwrap().is_empty(), "{} has no scopes", f.name);
        }
        let read_only = entry["annotations"]["read_only"].as_bool().unwrap();
        assert_eq!(
            read_only,
            f.name.starts_with("get-")
                || f.name.starts_with("list-")
                || [
                    "test-connection",
                    "license-inventory",
                    "login-activity",
                    "usage-summary",
                    "plan-usage",
                    "download-recording-file",
                ]
                .contains(&f.name.as_str()),
            "{}",
            f.name
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_without_the_meeting_scope_gets_missing_scope_naming_it() {
    let mut env = Env::new().await;
    let token = env.sim.mint_token_with_scopes(&["user:read:user:admin"]);
    env.conn = json!({"access_token": {"token": token, "api_base_url": env.sim.api_url()}});
    env.ok("test-connection", json!({})).await;
    let e = env.err("create-meeting", json!({"topic": "Not allowed"})).await;
    let scope = e["missing_scope"]["scope"].as_str().unwrap_or_default();
    assert!(scope.starts_with("meeting:write"), "{e}");
    assert_eq!(env.sim.meeting_count(), 0);
}
