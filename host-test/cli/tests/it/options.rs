//! Dynamic options through the component against the simulator: every kind of input the issue
//! lists gets its values from the simulator (or Zoom's list, offline), a dependent input needs
//! its choice first, search and bounded pages, and a token without the scope gets `missing-scope`
//! naming it. The repeated-token end is a unit test (`src/options/tests.rs`): the simulator never
//! repeats a token.

use serde_json::{json, Value};
use zoom_runtime::{Outcome, OPTIONS};

use crate::harness::{kind, Env};

/// One options call: `chosen` as the JSON object text the request takes.
async fn ask(env: &mut Env, action: &str, field: &str, extra: Value) -> Outcome {
    let mut request = json!({"action": action, "field": field});
    for (k, v) in extra.as_object().unwrap() {
        request[k] = if k == "chosen" { json!(v.to_string()) } else { v.clone() };
    }
    let conn = env.conn.clone();
    env.connector.call(OPTIONS, "options", &[conn, request]).await.expect("the call completes without a trap")
}

async fn page(env: &mut Env, action: &str, field: &str, extra: Value) -> Value {
    match ask(env, action, field, extra).await {
        Outcome::Ok(v) => v,
        Outcome::Err(e) => panic!("options of {action} {field} failed: {e}"),
    }
}

async fn error(env: &mut Env, action: &str, field: &str, extra: Value) -> Value {
    match ask(env, action, field, extra).await {
        Outcome::Err(e) => e,
        Outcome::Ok(v) => panic!("options of {action} {field} unexpectedly answered {v}"),
    }
}

fn values(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["value"].as_str().unwrap().to_owned()).collect()
}

/// Every page from the first, following the cursor.
async fn every_value(env: &mut Env, action: &str, field: &str, mut extra: Value) -> Vec<String> {
    let mut all = Vec::new();
    loop {
        let p = page(env, action, field, extra.clone()).await;
        assert!(p["items"].as_array().unwrap().len() <= extra["page_size"].as_u64().unwrap_or(30) as usize);
        all.extend(values(&p));
        match p["cursor"].as_str() {
            Some(c) => extra["cursor"] = json!(c),
            None => return all,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn users_meetings_occurrences_and_timezones() {
    let mut env = Env::new().await;
    let users = env.sim.users();
    let active: Vec<&Value> = users.iter().filter(|u| u["status"] == "active").collect();
    let listed = every_value(&mut env, "get-user", "user_id", json!({"page_size": 2})).await;
    let ids: Vec<&str> = active.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(listed, ids, "every active user, two per page");
    let one = active[1];
    let email = one["email"].as_str().unwrap();
    let found = page(&mut env, "create-meeting", "user_id", json!({"search": email.to_uppercase()})).await;
    assert_eq!(values(&found), [one["id"].as_str().unwrap()]);
    assert_eq!(found["items"][0]["detail"], email);
    assert!(found["items"][0]["label"].as_str().unwrap().contains(one["first_name"].as_str().unwrap()));
    let by_email = page(&mut env, "create-meeting", "schedule_for", json!({"search": email})).await;
    assert_eq!(values(&by_email), [email]);
    let heir = page(&mut env, "delete-user", "transfer_email", json!({"search": email})).await;
    assert_eq!(values(&heir), [email]);

    let single = env.ok("create-meeting", json!({"topic": "Standup", "start_time": "2030-01-01T10:00:00Z"})).await;
    let series = env
        .ok(
            "create-meeting",
            json!({"topic": "Series", "meeting_type": "recurring_fixed_time", "start_time": "2030-01-06T10:00:00Z",
                   "recurrence": {"recurrence_type": "weekly", "weekly_days": ["monday"], "end_times": 3}}),
        )
        .await;
    let upcoming = page(&mut env, "get-meeting", "meeting_id", json!({})).await;
    let ids = values(&upcoming);
    for m in [&single, &series] {
        assert!(ids.contains(&m["id"].as_u64().unwrap().to_string()), "{upcoming}");
    }
    let standup = page(&mut env, "delete-meeting", "meeting_id", json!({"search": "standup"})).await;
    assert_eq!(values(&standup), [single["id"].as_u64().unwrap().to_string()]);
    assert_eq!(standup["items"][0]["label"], "Standup");
    assert_eq!(standup["items"][0]["detail"], "2030-01-01T10:00:00Z");

    let occurrences: Vec<String> = series["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["occurrence_id"].as_str().unwrap().to_owned())
        .collect();
    let chosen = json!({"chosen": {"meeting_id": series["id"]}, "page_size": 2});
    assert_eq!(every_value(&mut env, "get-meeting", "occurrence_id", chosen.clone()).await, occurrences);
    assert_eq!(every_value(&mut env, "add-meeting-registrant", "occurrence_ids", chosen).await, occurrences);
    // Without the meeting there is nothing to list: the error names the input to choose first.
    env.sim.clear_requests();
    let e = error(&mut env, "update-meeting", "occurrence_id", json!({"chosen": {"topic": "x"}})).await;
    assert_eq!(e["invalid_input"]["field"], "meeting_id", "{e}");
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing sent");

    let zones = every_value(&mut env, "create-meeting", "timezone", json!({"page_size": 100})).await;
    assert!(zones.len() > 100 && zones.contains(&"America/Los_Angeles".to_owned()), "{zones:?}");
    let berlin = page(&mut env, "update-user", "timezone", json!({"search": "berlin", "page_size": 1})).await;
    assert_eq!((values(&berlin), &berlin["cursor"]), (vec!["Europe/Berlin".to_owned()], &Value::Null));
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "timezones are offline");
}

#[tokio::test(flavor = "multi_thread")]
async fn ended_meetings_for_the_actions_that_read_them() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let upcoming = env.ok("create-meeting", json!({"topic": "Later", "start_time": "2030-01-01T10:00:00Z"})).await;
    let later = upcoming["id"].as_u64().unwrap().to_string();
    for action in ["get-past-meeting", "list-meeting-participants", "list-past-meeting-polls", "get-meeting-recordings"]
    {
        let uuids = every_value(&mut env, action, "meeting_id", json!({"page_size": 5})).await;
        assert!(uuids.contains(&slashed), "{action}: the ended instance's UUID is offered: {uuids:?}");
        assert!(!uuids.contains(&later), "{action}: an upcoming meeting is not");
    }
    // The UUID offered works as the action's input, `/` and `//` included.
    let past = env.ok("get-past-meeting", json!({"meeting_id": slashed})).await;
    assert_eq!(past["id"].as_u64(), Some(id));
    let ids = every_value(&mut env, "list-past-meeting-instances", "meeting_id", json!({})).await;
    assert!(ids.contains(&id.to_string()) && !ids.contains(&later), "{ids:?}");
    assert_eq!(ids.iter().filter(|i| **i == id.to_string()).count(), 1, "one choice per meeting");
    assert!(env.sim.requests().iter().any(|r| r.path == "/v2/report/users/me/meetings"));
}

#[tokio::test(flavor = "multi_thread")]
async fn webinars_registrants_and_panelists() {
    let mut env = Env::new().await;
    let seeded = env.sim.seeded_webinar_ids();
    let past = env.sim.past_webinar_id();
    let upcoming = every_value(&mut env, "get-webinar", "webinar_id", json!({"page_size": 1})).await;
    assert!(!upcoming.contains(&past.to_string()) && upcoming.contains(&seeded[0].to_string()), "{upcoming:?}");
    let for_past = every_value(&mut env, "list-past-webinar-qa", "webinar_id", json!({})).await;
    assert!(for_past.contains(&past.to_string()), "{for_past:?}");

    let webinar =
        *seeded.iter().find(|w| !env.sim.webinar_registrants(**w).is_empty()).expect("a webinar with registrants");
    let registrants: Vec<Value> = env.sim.webinar_registrants(webinar);
    let approved: Vec<String> = registrants
        .iter()
        .filter(|r| r["status"] == "approved")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let chosen = json!({"chosen": {"webinar_id": webinar, "action": "cancel"}, "page_size": 1});
    let offered = every_value(&mut env, "update-webinar-registrant-status", "registrants", chosen).await;
    assert_eq!(offered, approved);
    let e = error(&mut env, "update-webinar-registrant-status", "registrants", json!({})).await;
    assert_eq!(e["invalid_input"]["field"], "webinar_id", "{e}");

    let meeting = env.registration_meeting().await;
    let added = env
        .ok("add-meeting-registrant", json!({"meeting_id": meeting, "email": "pat@example.com", "first_name": "Pat"}))
        .await;
    let reg =
        page(&mut env, "update-meeting-registrant-status", "registrants", json!({"chosen": {"meeting_id": meeting}}))
            .await;
    assert_eq!(values(&reg), [added["registrant_id"].as_str().unwrap()]);
    assert_eq!(
        (reg["items"][0]["label"].as_str(), reg["items"][0]["detail"].as_str()),
        (Some("Pat"), Some("pat@example.com"))
    );

    let panelist_webinar = seeded[0];
    env.ok(
        "add-webinar-panelists",
        json!({"webinar_id": panelist_webinar, "panelists": [{"name": "Dana Panel", "email": "dana@example.com"}]}),
    )
    .await;
    let panelists =
        page(&mut env, "remove-webinar-panelist", "panelist_id", json!({"chosen": {"webinar_id": panelist_webinar}}))
            .await;
    let listed = env.sim.webinar_panelists(panelist_webinar);
    let ids: Vec<&str> = listed.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(values(&panelists), ids);
    assert!(panelists["items"].as_array().unwrap().iter().any(|p| p["label"] == "Dana Panel"));
}

#[tokio::test(flavor = "multi_thread")]
async fn channels_groups_and_a_missing_scope() {
    let mut env = Env::new().await;
    let channel = env.sim.chat_channel_id();
    for (action, field) in [("send-chat-message", "to_channel"), ("list-user-chat-messages", "to_channel")] {
        let channels = every_value(&mut env, action, field, json!({"page_size": 1})).await;
        assert!(channels.contains(&channel), "{action}: {channels:?}");
    }
    let groups = env.sim.seeded_group_ids();
    let offered = every_value(&mut env, "add-group-members", "group_id", json!({"page_size": 2})).await;
    assert_eq!(offered, groups);
    let first = page(&mut env, "remove-group-member", "group_id", json!({"page_size": 1})).await;
    assert_eq!(first["items"][0]["detail"], "3 members");
    assert!(first["cursor"].is_string());

    // Unknown action and input: typed errors naming what is wrong.
    let e = error(&mut env, "no-such-action", "user_id", json!({})).await;
    assert_eq!(e["invalid_input"]["field"], "action", "{e}");
    let e = error(&mut env, "create-meeting", "topic", json!({})).await;
    assert_eq!(e["invalid_input"]["field"], "field", "{e}");

    let token = env.sim.mint_token_with_scopes(&["user:read:user:admin"]);
    env.conn = json!({"access_token": {"token": token, "api_base_url": env.sim.api_url()}});
    let e = error(&mut env, "get-meeting", "meeting_id", json!({})).await;
    assert_eq!(kind(&e), "missing_scope", "{e}");
    let scope = e["missing_scope"]["scope"].as_str().unwrap_or_default();
    assert!(scope.starts_with("meeting:read"), "the error names the meeting list's scope: {e}");
    let e = error(&mut env, "add-group-members", "group_id", json!({})).await;
    assert!(e["missing_scope"]["scope"].as_str().unwrap_or_default().starts_with("group:read"), "{e}");
}
