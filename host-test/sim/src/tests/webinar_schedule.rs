//! Creating, updating and deleting webinars, and the absentees of the ended one, over TCP.

use super::*;

fn create(sim: &Simulator, bearer: &str, user: &str, body: Value) -> Resp {
    let target = format!("/v2/users/{user}/webinars");
    send(sim, "POST", &target, Some(bearer), Body::Json(&body.to_string())).unwrap()
}

fn patch(sim: &Simulator, bearer: &str, target: &str, body: Value) -> Resp {
    send(sim, "PATCH", target, Some(bearer), Body::Json(&body.to_string())).unwrap()
}

fn delete(sim: &Simulator, bearer: &str, target: &str) -> Resp {
    send(sim, "DELETE", target, Some(bearer), Body::None).unwrap()
}

#[test]
fn create_needs_the_webinar_plan_a_known_user_and_valid_fields() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"topic": "Launch", "start_time": "2030-02-01T16:00:00Z", "duration": 45,
                      "settings": {"panelists_video": true, "approval_type": 0}});
    let r = create(&sim, &bearer, "me", body);
    assert_eq!(r.status, 201, "{}", r.body);
    let w = r.json();
    let id = w["id"].as_u64().unwrap();
    assert_eq!(sim.webinar(id).unwrap(), w, "the answer is what GET returns");
    assert_eq!((w["type"].as_i64(), w["topic"].as_str(), w["duration"].as_i64()), (Some(5), Some("Launch"), Some(45)));
    assert_eq!(w["host_id"], sim.admin_user()["id"]);
    assert_eq!(w["settings"]["panelists_video"], true);
    assert!(w["registration_url"].as_str().unwrap().contains("/webinar/register/"));
    assert_eq!(w["password"].as_str().unwrap().len(), 6, "a passcode is generated unless default_passcode is false");
    assert_eq!(get(&sim, &bearer, &format!("/v2/webinars/{id}")).json(), w);

    let r = create(&sim, &bearer, "blake.licensed@example.com", json!({"topic": "No plan"}));
    assert_eq!(r.err(), (400, 200));
    assert!(r.json()["message"].as_str().unwrap().starts_with("Webinar plan is missing."));
    let r = create(&sim, &bearer, "ghost@example.com", json!({"topic": "Nobody"}));
    assert_eq!(r.json(), json!({"code": 1001, "message": "User ghost@example.com does not exist."}));
    let r = create(&sim, &bearer, "me", json!({"type": 8, "password": "a#b", "settings": {"audio": "loud"}}));
    assert_eq!(r.err(), (400, 300));
    let errs = r.json();
    let fields: Vec<&str> = errs["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["type", "password", "settings.audio"]);
}

#[test]
fn recurring_types_follow_the_meeting_rules() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"topic": "Series", "type": 9, "start_time": "2030-03-04T15:00:00Z",
                      "recurrence": {"type": 2, "weekly_days": "2", "end_times": 3}});
    let series = create(&sim, &bearer, "me", body).json();
    assert_eq!(series["occurrences"].as_array().unwrap().len(), 3);
    let open = create(&sim, &bearer, "me", json!({"topic": "Any time", "type": 6})).json();
    assert!(open.get("start_time").is_none() && open.get("occurrences").is_none(), "{open}");
}

#[test]
fn update_the_whole_webinar_or_one_occurrence() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"topic": "Series", "type": 9, "start_time": "2030-03-04T15:00:00Z", "duration": 30,
                      "recurrence": {"type": 1, "end_times": 3}});
    let w = create(&sim, &bearer, "me", body).json();
    let id = w["id"].as_u64().unwrap();
    let r = patch(
        &sim,
        &bearer,
        &format!("/v2/webinars/{id}"),
        json!({"topic": "Renamed", "settings": {"hd_video": true}}),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    let now = sim.webinar(id).unwrap();
    assert_eq!((now["topic"].as_str(), now["settings"]["hd_video"].as_bool()), (Some("Renamed"), Some(true)));

    let second = w["occurrences"][1]["occurrence_id"].as_str().unwrap().to_string();
    let target = format!("/v2/webinars/{id}?occurrence_id={second}");
    assert_eq!(patch(&sim, &bearer, &target, json!({"duration": 50, "agenda": "Only this one"})).status, 204);
    let one = get(&sim, &bearer, &target).json();
    assert_eq!((one["duration"].as_i64(), one["agenda"].as_str()), (Some(50), Some("Only this one")));
    assert_eq!(sim.webinar(id).unwrap()["duration"], 30, "the series keeps its duration");

    assert_eq!(
        patch(&sim, &bearer, &format!("/v2/webinars/{id}?occurrence_id=42"), json!({"duration": 5})).err(),
        (400, 300)
    );
    assert_eq!(patch(&sim, &bearer, &format!("/v2/webinars/{id}"), json!({"duration": 0})).err(), (400, 300));
    assert_eq!(patch(&sim, &bearer, "/v2/webinars/99999999999", json!({"topic": "x"})).err(), (404, 3001));
    assert_eq!(patch(&sim, &bearer, "/v2/webinars/abc", json!({"topic": "x"})).err(), (400, 300));
}

#[test]
fn delete_one_occurrence_or_the_webinar() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"topic": "Series", "type": 9, "start_time": "2030-03-04T15:00:00Z",
                      "recurrence": {"type": 1, "end_times": 2}});
    let w = create(&sim, &bearer, "me", body).json();
    let id = w["id"].as_u64().unwrap();
    let first = w["occurrences"][0]["occurrence_id"].as_str().unwrap().to_string();
    let target = format!("/v2/webinars/{id}?occurrence_id={first}&cancel_webinar_reminder=true");
    assert_eq!(delete(&sim, &bearer, &target).status, 204);
    assert_eq!(sim.webinar(id).unwrap()["occurrences"][0]["status"], "deleted");
    let again = delete(&sim, &bearer, &target);
    assert_eq!(again.json(), json!({"code": 3000, "message": "Webinar occurrence does not exist."}));
    assert_eq!(delete(&sim, &bearer, &format!("/v2/webinars/{id}?cancel_webinar_reminder=maybe")).err(), (400, 300));
    assert_eq!(delete(&sim, &bearer, &format!("/v2/webinars/{id}")).status, 204);
    assert!(sim.webinar(id).is_none());
    assert_eq!(delete(&sim, &bearer, &format!("/v2/webinars/{id}")).err(), (404, 3001));
}

#[test]
fn absentees_are_the_registrants_who_never_joined() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let past = sim.past_webinar_id();
    let (absent, pages) =
        walk(&sim, &bearer, &format!("/v2/past_webinars/{past}/absentees?page_size=1"), "registrants");
    let joined: Vec<Value> = get(&sim, &bearer, &format!("/v2/past_webinars/{past}/participants?page_size=300")).json()
        ["participants"]
        .as_array()
        .unwrap()
        .clone();
    let registered = sim.webinar_registrants(past);
    assert_eq!(absent.len(), 2, "{absent:?}");
    assert_eq!(pages, 2);
    for a in &absent {
        assert!(registered.contains(a), "an absentee is a registrant, in the same shape: {a}");
        assert!(!joined.iter().any(|p| p["registrant_id"] == a["id"]), "{a} joined");
    }
    let attended = registered.iter().filter(|r| joined.iter().any(|p| p["registrant_id"] == r["id"])).count();
    assert_eq!(attended + absent.len(), registered.len());

    let upcoming = sim.seeded_webinar_ids()[0];
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{upcoming}/absentees")).err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{past}/absentees?occurrence_id=1")).err(), (400, 300));
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{past}/absentees?page_size=301")).err(), (400, 300));
    let uuid = enc_uuid(sim.webinar(past).unwrap()["uuid"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{uuid}/absentees")).json()["total_records"], 2);
}
