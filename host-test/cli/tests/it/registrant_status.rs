//! Approving, denying and cancelling registrants through the component, and what the
//! registrant lists show afterwards.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

/// The emails a registrant list action returns for `status`.
async fn emails(env: &mut Env, action: &str, key: &str, id: u64, status: &str) -> Vec<String> {
    let listed = env.ok(action, json!({key: id, "status": status})).await;
    listed["items"].as_array().expect("items").iter().map(|r| r["email"].as_str().unwrap().to_string()).collect()
}

/// A meeting that needs manual approval, with three pending registrants; their ids.
async fn manual_meeting(env: &mut Env) -> (u64, Vec<String>) {
    let m = env
        .ok(
            "create-meeting",
            json!({"topic": "Approve", "start_time": "2030-01-01T10:00:00Z", "settings": {"approval_type": "manual"}}),
        )
        .await;
    let id = m["id"].as_u64().unwrap();
    let mut ids = Vec::new();
    for who in ["ann", "bob", "cy"] {
        let r = env
            .ok(
                "add-meeting-registrant",
                json!({"meeting_id": id, "email": format!("{who}@example.com"), "first_name": who}),
            )
            .await;
        ids.push(r["registrant_id"].as_str().unwrap().to_string());
    }
    (id, ids)
}

#[tokio::test(flavor = "multi_thread")]
async fn meeting_registrants_are_approved_denied_and_cancelled() {
    let mut env = Env::new().await;
    let (id, ids) = manual_meeting(&mut env).await;
    let list = "list-meeting-registrants";
    assert_eq!(emails(&mut env, list, "meeting_id", id, "pending").await.len(), 3);

    let input =
        json!({"meeting_id": id, "action": "approve", "registrants": [{"id": ids[0]}, {"email": "BOB@example.com"}]});
    let done = env.ok("update-meeting-registrant-status", input).await;
    assert_eq!((done["id"].as_u64(), done["action"].as_str()), (Some(id), Some("approve")));
    assert_eq!(done["registrants"].as_array().unwrap().len(), 2);
    let sent = env.sim.requests().pop().unwrap();
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("PUT", format!("/v2/meetings/{id}/registrants/status").as_str())
    );
    assert_eq!(emails(&mut env, list, "meeting_id", id, "approved").await, ["ann@example.com", "bob@example.com"]);
    assert_eq!(emails(&mut env, list, "meeting_id", id, "pending").await, ["cy@example.com"]);

    env.ok(
        "update-meeting-registrant-status",
        json!({"meeting_id": id, "action": "deny", "registrants": [{"id": ids[2]}]}),
    )
    .await;
    assert_eq!(emails(&mut env, list, "meeting_id", id, "denied").await, ["cy@example.com"]);
    assert!(emails(&mut env, list, "meeting_id", id, "pending").await.is_empty());

    // A cancelled registrant is in no list.
    env.ok(
        "update-meeting-registrant-status",
        json!({"meeting_id": id, "action": "cancel", "registrants": [{"id": ids[0]}]}),
    )
    .await;
    assert_eq!(emails(&mut env, list, "meeting_id", id, "approved").await, ["bob@example.com"]);
    assert_eq!(env.sim.registrants(id).iter().filter(|r| r["status"] == "cancelled").count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_meetings_registrants_and_bad_lists_are_errors() {
    let mut env = Env::new().await;
    let (id, ids) = manual_meeting(&mut env).await;
    let e = env
        .err(
            "update-meeting-registrant-status",
            json!({"meeting_id": 99999999999u64, "action": "approve", "registrants": [{"id": "x"}]}),
        )
        .await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));
    // One unknown registrant: nothing changes, not even for the known one.
    let input = json!({"meeting_id": id, "action": "approve", "registrants": [{"id": ids[0]}, {"id": "nobody"}]});
    let e = env.err("update-meeting-registrant-status", input).await;
    assert_eq!(kind(&e), "not_found");
    assert_eq!(emails(&mut env, "list-meeting-registrants", "meeting_id", id, "pending").await.len(), 3);

    env.sim.clear_requests();
    let many: Vec<Value> = (0..31).map(|i| json!({"id": format!("r{i}")})).collect();
    for (registrants, field) in [
        (json!([]), "registrants"),
        (json!(many), "registrants"),
        (json!([{"id": " "}]), "registrants[0]"),
        (json!([{"id": ids[0]}, {"email": "not-an-email"}]), "registrants[1].email"),
    ] {
        let input = json!({"meeting_id": id, "action": "deny", "registrants": registrants});
        let e = env.err("update-meeting-registrant-status", input).await;
        assert_eq!(e["invalid_input"]["field"], field);
    }
    let e = env
        .err(
            "update-meeting-registrant-status",
            json!({"meeting_id": id, "action": "block", "registrants": [{"id": "a"}]}),
        )
        .await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    assert_eq!(env.hits("/registrants/status"), 0, "bad input is refused before sending");
}

#[tokio::test(flavor = "multi_thread")]
async fn webinar_registrants_are_approved_and_cancelled_with_their_events() {
    let mut env = Env::new().await;
    let manual = env
        .sim
        .seeded_webinar_ids()
        .into_iter()
        .find(|id| env.sim.webinar(*id).unwrap()["settings"]["approval_type"] == 1)
        .expect("a seeded webinar with manual approval");
    let input = json!({"webinar_id": manual, "email": "wen@example.com", "first_name": "Wen"});
    let added = env.ok("add-webinar-registrant", input).await;
    let rid = added["registrant_id"].as_str().unwrap().to_string();
    let list = "list-webinar-registrants";
    assert!(emails(&mut env, list, "webinar_id", manual, "pending").await.contains(&"wen@example.com".to_string()));
    env.sim.take_events();

    let input = json!({"webinar_id": manual, "action": "approve", "registrants": [{"id": rid}]});
    assert_eq!(env.ok("update-webinar-registrant-status", input).await["action"], "approve");
    assert!(emails(&mut env, list, "webinar_id", manual, "approved").await.contains(&"wen@example.com".to_string()));
    let events = env.sim.take_events();
    assert_eq!(events.len(), 1);
    let event: Value = serde_json::from_str(&events[0]).unwrap();
    assert_eq!(event["event"], "webinar.registration_approved");
    assert_eq!(event["payload"]["object"]["registrant"]["id"], rid.as_str());

    let input = json!({"webinar_id": manual, "action": "cancel", "registrants": [{"email": "wen@example.com"}]});
    env.ok("update-webinar-registrant-status", input).await;
    assert!(!emails(&mut env, list, "webinar_id", manual, "approved").await.contains(&"wen@example.com".to_string()));
    let event: Value = serde_json::from_str(&env.sim.take_events()[0]).unwrap();
    assert_eq!(event["event"], "webinar.registration_cancelled");

    let e = env
        .err(
            "update-webinar-registrant-status",
            json!({"webinar_id": 123, "action": "deny", "registrants": [{"id": rid}]}),
        )
        .await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));
    let e = env
        .err("update-webinar-registrant-status", json!({"webinar_id": manual, "action": "deny", "registrants": []}))
        .await;
    assert_eq!(e["invalid_input"]["field"], "registrants");
}
