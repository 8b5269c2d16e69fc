//! Ended meetings through the component: an instance by id or UUID (double-encoded when Zoom
//! requires), the instances of a meeting, and who attended, from either participant route.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[tokio::test(flavor = "multi_thread")]
async fn past_meeting_by_id_or_slashed_uuid_and_its_instances() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let latest = env.ok("get-past-meeting", json!({"meeting_id": id.to_string()})).await;
    assert_eq!((latest["id"].as_u64(), latest["uuid"].as_str()), (Some(id), Some(slashed.as_str())));
    assert_eq!(latest["meeting_type"], "recurring_fixed_time");
    assert!(latest["participants_count"].as_u64().unwrap() >= 2 && latest["end_time"].is_string());
    env.sim.clear_requests();
    let by_uuid = env.ok("get-past-meeting", json!({"meeting_id": slashed})).await;
    assert_eq!(by_uuid["uuid"], slashed.as_str());
    let sent = env.sim.requests().pop().unwrap().path;
    assert!(sent.starts_with("/v2/past_meetings/%252F"), "a /-UUID goes double-encoded: {sent}");

    let listed = env.ok("list-past-meeting-instances", json!({"meeting_id": id})).await;
    let uuids: Vec<&str> = items(&listed).iter().map(|i| i["uuid"].as_str().unwrap()).collect();
    assert_eq!((uuids.len(), uuids.last().copied()), (2, Some(slashed.as_str())));
    for uuid in uuids.clone() {
        let one = env.ok("get-past-meeting", json!({"meeting_id": uuid})).await;
        assert_eq!(one["uuid"], uuid);
    }

    // A meeting that ends (its recording completes) shows up as its latest instance.
    let ended = env.sim.complete_recording(id).expect("a new instance");
    let listed = env.ok("list-past-meeting-instances", json!({"meeting_id": id})).await;
    assert_eq!(items(&listed).last().unwrap()["uuid"], ended.as_str());
    assert_eq!(env.ok("get-past-meeting", json!({"meeting_id": id.to_string()})).await["uuid"], ended.as_str());

    let e = env.err("get-past-meeting", json!({"meeting_id": "99999999999"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));
    let e = env.err("list-past-meeting-instances", json!({"meeting_id": 99999999999u64})).await;
    assert_eq!(kind(&e), "not_found");
    let e = env.err("list-past-meeting-instances", json!({"meeting_id": 0})).await;
    assert_eq!(e["invalid_input"]["field"], "meeting_id");
    let e = env.err("get-past-meeting", json!({"meeting_id": " "})).await;
    assert_eq!(e["invalid_input"]["field"], "meeting_id");
}

#[tokio::test(flavor = "multi_thread")]
async fn participants_of_an_ended_meeting_from_either_route_across_pages() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let expected = env.sim.past_meetings().iter().find(|m| m["uuid"] == slashed.as_str()).unwrap()["participants"]
        .as_array()
        .unwrap()
        .len();
    for (detailed, route) in [(false, "/v2/past_meetings/"), (true, "/v2/report/meetings/")] {
        env.sim.clear_requests();
        let input = json!({"meeting_id": slashed, "detailed": detailed, "paging": {"all": {"page_size": 1}}});
        let p = env.ok("list-meeting-participants", input).await;
        assert_eq!(items(&p).len(), expected, "{p}");
        assert_eq!(env.hits("/participants"), expected);
        let api: Vec<String> =
            env.sim.requests().into_iter().map(|r| r.path).filter(|p| p.starts_with("/v2/")).collect();
        assert!(api.iter().all(|p| p.starts_with(route) && p.contains("%252F")), "{api:?}");
        for x in items(&p) {
            assert!(x["join_time"].is_string() && x["leave_time"].is_string() && x["duration"].is_u64(), "{x}");
            assert!(x["user_email"].as_str().is_some_and(|e| e.contains('@')));
        }
        let one = env
            .ok(
                "list-meeting-participants",
                json!({"meeting_id": id.to_string(), "detailed": detailed,
                 "paging": {"page": {"page_size": 1}}}),
            )
            .await;
        assert_eq!(items(&one).len(), 1);
        assert!(one["next_page_token"].is_string());
    }
    let e = env.err("list-meeting-participants", json!({"meeting_id": "99999999999", "detailed": true})).await;
    assert_eq!(e["not_found"]["code"], 3001);
    let input = json!({"meeting_id": slashed, "paging": {"all": {"page_size": 301}}});
    assert_eq!(env.err("list-meeting-participants", input).await["invalid_input"]["field"], "paging.all.page_size");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_route_needs_the_report_scope() {
    let mut env = Env::new().await;
    let (id, _) = env.sim.recorded_meeting();
    let token = env.sim.mint_token_with_scopes(&["meeting:read:list_past_participants:admin"]);
    env.conn = json!({"access_token": {"token": token, "api_base_url": env.sim.api_url()}});
    env.ok("list-meeting-participants", json!({"meeting_id": id.to_string()})).await;
    let e = env.err("list-meeting-participants", json!({"meeting_id": id.to_string(), "detailed": true})).await;
    assert_eq!(e["missing_scope"]["scope"], "report:read:list_meeting_participants:admin", "{e}");
}
