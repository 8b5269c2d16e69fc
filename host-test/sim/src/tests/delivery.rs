//! Webhook delivery from the outbox, completed recordings, and in-process
//! admin requests, driven through the public `Simulator` API.

use super::*;
use crate::server::{read_body, read_head};
use std::sync::{Arc, Mutex};

/// A loopback receiver answering every delivery 200 and keeping
/// `(headers, body)` of each.
type Received = Arc<Mutex<Vec<(Vec<(String, String)>, String)>>>;

fn receiver() -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let got: Received = Arc::default();
    let log = Arc::clone(&got);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let Ok(Some(head)) = read_head(&mut reader) else { continue };
            let body = read_body(&mut reader, &head.headers).unwrap_or_default();
            log.lock().unwrap().push((head.headers, String::from_utf8_lossy(&body).into_owned()));
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (url, got)
}

fn new_user(email: &str) -> Value {
    json!({"action": "custCreate", "user_info": {"email": email, "type": 1, "first_name": "New"}})
}

#[test]
fn admin_requests_are_unlogged_and_emit_events_that_deliver() {
    let sim = Simulator::start().unwrap();
    let (status, created) = sim.request("POST", "/v2/users", Some(new_user("fresh@example.com")));
    assert_eq!(status, 201, "{created}");
    let (status, m) = sim.request("POST", "/v2/users/me/meetings", Some(json!({"topic": "Standup"})));
    assert_eq!(status, 201, "{m}");
    let (status, body) = sim.request("DELETE", &format!("/v2/meetings/{}", m["id"]), None);
    assert_eq!((status, body), (204, Value::Null));
    assert!(sim.requests().is_empty(), "in-process requests are not logged");
    // Still strict: Zoom's validation answers.
    let (status, err) = sim.request("POST", "/v2/users", Some(json!({"action": "create"})));
    assert_eq!((status, err["code"].as_i64()), (400, Some(300)), "{err}");

    let (url, got) = receiver();
    let report = sim.deliver_events(&DeliveryPlan::to(url).lose([1]));
    let names: Vec<&str> = report.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["user.created", "meeting.created", "meeting.deleted"]);
    assert!(report.events[1].lost && report.events[0].delivered && report.events[2].delivered);
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    let secret = sim.credentials().webhook_secret;
    for (headers, body) in &got {
        let ts: i64 = server::find(headers, "x-zm-request-timestamp").unwrap().parse().unwrap();
        assert_eq!(sign_delivery(&secret, body, ts)[2].1, server::find(headers, "x-zm-signature").unwrap());
    }
    assert!(sim.take_events().is_empty(), "deliver_events takes the outbox");

    let challenge = url_validation_body("plain", 1);
    let e = sim.deliver_body(&DeliveryPlan::to(format!("http://{}/", sim.addr)), &challenge);
    assert_eq!(e.name, "endpoint.url_validation");
    assert_eq!(e.attempts[0].status, Some(404), "the simulator itself is no webhook receiver");
}

#[test]
fn completed_recording_is_listed_fetched_and_announced() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let m = create_meeting(&sim, &bearer, r#"{"topic": "Retro", "duration": 30}"#);
    let id = m["id"].as_u64().unwrap();
    sim.take_events();
    let uuid = sim.complete_recording(id).unwrap();
    assert_eq!(sim.complete_recording(12_345), None);

    let all = events(&sim);
    let names: Vec<&str> = all.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(names, ["meeting.ended", "recording.completed", "recording.transcript_completed"]);
    assert_eq!(
        (all[0]["payload"]["object"]["id"].as_str(), all[0]["payload"]["object"]["uuid"].as_str()),
        (Some(id.to_string().as_str()), Some(uuid.as_str()))
    );
    let transcript = all[2]["payload"]["object"]["recording_files"].as_array().unwrap();
    assert!(!transcript.is_empty() && transcript.iter().all(|f| f["file_type"] == "TRANSCRIPT"));
    let ev = &all[1];
    assert!(ev["download_token"].as_str().unwrap().split('.').count() == 3);
    let c = sim.credentials();
    assert_eq!(ev["payload"]["account_id"], c.account_id.as_str());
    let obj = &ev["payload"]["object"];
    for k in [
        "id",
        "uuid",
        "host_id",
        "account_id",
        "host_email",
        "topic",
        "type",
        "start_time",
        "timezone",
        "password",
        "duration",
        "share_url",
        "total_size",
        "recording_count",
        "recording_files",
    ] {
        assert!(obj.get(k).is_some_and(|v| !v.is_null()), "{k} in {obj}");
    }
    // Every field of the spec's example except the optional extras.
    let example: Value =
        serde_json::from_str(include_str!("../../../../spec/webhooks/recording.completed.json")).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(ev), keys(&example));
    assert_eq!(keys(&ev["payload"]), keys(&example["payload"]));
    for k in keys(&example["payload"]["object"]) {
        let optional = ["participant_audio_files", "auto_delete_date"].contains(&k.as_str());
        assert!(optional || obj.get(&k).is_some(), "{k}");
        assert!(optional || example["payload"]["object"][&k].is_number() == obj[&k].is_number(), "{k} type");
    }
    for k in keys(&example["payload"]["object"]["recording_files"][0]) {
        assert!(obj["recording_files"][0].get(&k).is_some(), "file {k}");
    }
    assert_eq!((obj["id"].as_u64(), obj["uuid"].as_str()), (Some(id), Some(uuid.as_str())));
    assert_eq!((obj["type"].as_i64(), obj["topic"].as_str()), (Some(2), Some("Retro")));
    assert_eq!(obj["host_email"], sim.admin_user()["email"]);
    let files = obj["recording_files"].as_array().unwrap();
    let types: Vec<&str> = files.iter().map(|f| f["file_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["MP4", "M4A", "TRANSCRIPT"]);
    assert!(files.iter().all(|f| f["status"] == "completed" && f["file_size"].as_u64() > Some(0)));
    let sizes: u64 = files.iter().map(|f| f["file_size"].as_u64().unwrap()).sum();
    assert_eq!((obj["total_size"].as_u64(), obj["recording_count"].as_u64()), (Some(sizes), Some(3)));
    let start = clock::parse_datetime(obj["start_time"].as_str().unwrap()).unwrap();
    let end = start + obj["duration"].as_i64().unwrap() * 60;
    let now = clock::now_secs();
    assert!(now - 60 <= end && end <= now, "ended within the last minute");

    // By meeting id: the latest instance is the new one.
    let latest = get(&sim, &bearer, &format!("/v2/meetings/{id}/recordings")).json();
    assert_eq!(latest["uuid"], uuid.as_str());
    assert_eq!(latest["recording_files"], obj["recording_files"]);
    let by_uuid = get(&sim, &bearer, &format!("/v2/meetings/{}/recordings", enc_uuid(&uuid)));
    assert_eq!(by_uuid.json()["uuid"], uuid.as_str());

    // Listed for today, with the default window and an explicit one.
    let today = clock::format_date(now.div_euclid(86_400));
    for q in [String::new(), format!("?from={today}&to={today}")] {
        let list = get(&sim, &bearer, &format!("/v2/users/me/recordings{q}")).json();
        let uuids: Vec<&str> = list["meetings"].as_array().unwrap().iter().filter_map(|r| r["uuid"].as_str()).collect();
        assert!(uuids.contains(&uuid.as_str()), "{q}: {list}");
    }

    // A meeting that only has seeded recordings gets a new instance too.
    let (seeded, _) = sim.recorded_meeting();
    let again = sim.complete_recording(seeded).unwrap();
    let latest = get(&sim, &bearer, &format!("/v2/meetings/{seeded}/recordings")).json();
    assert_eq!(latest["uuid"], again.as_str());
}

#[test]
fn after_request_changes_the_list_between_pages() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (_, all) = sim.request("GET", "/v2/users?page_size=300", None);
    let before: Vec<Value> = all["users"].as_array().unwrap().clone();
    assert!(before.len() >= 4);
    // After page 1: add two active users at the end and delete the second
    // user, who was on page 1, so everything after shifts left by one.
    let victim = before[1]["id"].as_str().unwrap().to_string();
    sim.after_request(
        "GET",
        "/v2/users",
        0,
        vec![
            ("POST".into(), "/v2/users".into(), Some(new_user("late1@example.com"))),
            ("POST".into(), "/v2/users".into(), Some(new_user("late2@example.com"))),
            ("DELETE".into(), format!("/v2/users/{victim}?action=delete"), None),
        ],
    );
    let p1 = get(&sim, &bearer, "/v2/users?page_size=2").json();
    let ids = |v: &Value| -> Vec<String> {
        v["users"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&p1), [before[0]["id"].as_str().unwrap(), victim.as_str()], "page 1 is answered first");
    let applied: Vec<u16> = sim.applied_changes().iter().map(|c| c.status).collect();
    assert_eq!(applied, [201, 201, 204]);
    let token = p1["next_page_token"].as_str().unwrap();
    let p2 = get(&sim, &bearer, &format!("/v2/users?page_size=2&next_page_token={token}")).json();
    // The deleted user's removal shifts everything left by one: page 2 starts at the old 4th user.
    assert_eq!(ids(&p2)[0], before[3]["id"].as_str().unwrap());
    assert_eq!(p2["total_records"].as_u64(), Some(before.len() as u64 + 1));
    // The hook fired once; only the component-facing requests are logged.
    get(&sim, &bearer, "/v2/users?page_size=2");
    assert_eq!(sim.applied_changes().len(), 3);
    assert_eq!(sim.requests().len(), 3);
    let created: Vec<String> = events(&sim).iter().map(|e| e["event"].as_str().unwrap().to_string()).collect();
    assert_eq!(created, ["user.created", "user.created", "user.deleted"]);
}
