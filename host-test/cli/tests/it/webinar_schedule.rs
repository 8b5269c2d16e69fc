//! Webinars scheduled through the component: create (single and recurring), update the whole
//! webinar or one occurrence, delete one occurrence or the webinar; the host's webinar plan and
//! unknown users and webinars as Zoom answers them; absentees of the ended webinar. Also the
//! leftovers of the after-meeting actions: another host's past participants come only from the
//! report, and a UUID where Zoom takes only the numeric id is refused naming which id it wants.

use serde_json::{json, Value};

use crate::catalogue_support::items;
use crate::harness::{kind, Env};

fn last_body(env: &Env, method: &str) -> Value {
    let sent = env.sim.requests().into_iter().rfind(|r| r.method == method).expect("a request");
    serde_json::from_str(&sent.body).expect("a JSON body")
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_webinar_then_update_and_delete_it() {
    let mut env = Env::new().await;
    let input = json!({
        "topic": "Launch day", "start_time": "2030-04-01T16:00:00Z", "duration": 75, "password": "go!2030",
        "settings": {"panelists_video": true, "practice_session": true, "approval_type": "automatic",
                     "question_and_answer": {"enable": true, "allow_anonymous_questions": false}}
    });
    let w = env.ok("create-webinar", input).await;
    let id = w["id"].as_u64().unwrap();
    let stored = env.sim.webinar(id).expect("the simulator holds it");
    assert_eq!((w["topic"].as_str(), w["webinar_type"].as_str()), (Some("Launch day"), Some("webinar")));
    assert_eq!((w["duration"].as_u64(), stored["password"].as_str()), (Some(75), Some("go!2030")));
    assert_eq!(stored["settings"]["practice_session"], true);
    assert_eq!(stored["settings"]["question_and_answer"]["allow_anonymous_questions"], false);
    assert!(w["registration_url"].as_str().is_some_and(|u| u.contains("/webinar/register/")), "{w}");
    let sent = last_body(&env, "POST");
    assert_eq!(sent["type"], 5);
    assert_eq!(
        (sent["settings"]["audio"].as_str(), sent["settings"]["approval_type"].as_i64()),
        (Some("both"), Some(0))
    );

    let u = env
        .ok("update-webinar", json!({"webinar_id": id, "topic": "Launch day (moved)", "settings": {"hd_video": true}}))
        .await;
    assert_eq!(u["topic"], "Launch day (moved)");
    assert_eq!(env.sim.webinar(id).unwrap()["settings"]["hd_video"], true);
    assert_eq!(last_body(&env, "PATCH"), json!({"topic": "Launch day (moved)", "settings": {"hd_video": true}}));

    let d = env.ok("delete-webinar", json!({"webinar_id": id, "cancel_webinar_reminder": true})).await;
    assert_eq!(d, json!({"webinar_id": id, "occurrence_id": null}));
    let sent = env.sim.requests().into_iter().rfind(|r| r.method == "DELETE").unwrap();
    assert_eq!(sent.query, [("cancel_webinar_reminder".to_string(), "true".to_string())]);
    assert!(env.sim.webinar(id).is_none());
    let e = env.err("delete-webinar", json!({"webinar_id": id})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));
    let e = env.err("update-webinar", json!({"webinar_id": id, "topic": "x"})).await;
    assert_eq!(e["not_found"]["code"], 3001);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recurring_webinar_and_its_occurrences() {
    let mut env = Env::new().await;
    let input = json!({
        "topic": "Office hours", "webinar_type": "recurring_fixed_time", "start_time": "2030-05-06T15:00:00Z",
        "duration": 30, "recurrence": {"recurrence_type": "weekly", "weekly_days": ["monday"], "end_times": 3}
    });
    let w = env.ok("create-webinar", input).await;
    let id = w["id"].as_u64().unwrap();
    let occurrences = w["occurrences"].as_array().unwrap();
    assert_eq!((w["webinar_type"].as_str(), occurrences.len()), (Some("recurring_fixed_time"), 3));
    assert_eq!(last_body(&env, "POST")["recurrence"], json!({"type": 2, "weekly_days": "2", "end_times": 3}));

    let second = occurrences[1]["occurrence_id"].as_str().unwrap().to_string();
    let moved = env
        .ok("update-webinar", json!({"webinar_id": id, "occurrence_id": second, "duration": 45, "agenda": "Q&A only"}))
        .await;
    assert_eq!((moved["duration"].as_u64(), moved["agenda"].as_str()), (Some(45), Some("Q&A only")));
    assert_eq!(env.sim.webinar(id).unwrap()["duration"], 30, "the series keeps its length");

    let d = env.ok("delete-webinar", json!({"webinar_id": id, "occurrence_id": second})).await;
    assert_eq!(d["occurrence_id"], second.as_str());
    let statuses: Vec<Value> =
        env.sim.webinar(id).unwrap()["occurrences"].as_array().unwrap().iter().map(|o| o["status"].clone()).collect();
    assert_eq!(statuses, [json!("available"), json!("deleted"), json!("available")]);
    let e = env.err("delete-webinar", json!({"webinar_id": id, "occurrence_id": second})).await;
    assert_eq!(e["api"]["code"], 3000, "{e}");

    let open = env.ok("create-webinar", json!({"topic": "Any time", "webinar_type": "recurring_no_fixed_time"})).await;
    assert_eq!(open["webinar_type"], "recurring_no_fixed_time");
    assert!(open["start_time"].is_null() && open["occurrences"].as_array().unwrap().is_empty(), "{open}");
}

#[tokio::test(flavor = "multi_thread")]
async fn zoom_refuses_hosts_without_the_plan_and_unknown_users() {
    let mut env = Env::new().await;
    let e = env.err("create-webinar", json!({"user_id": "blake.licensed@example.com", "topic": "No plan"})).await;
    assert_eq!((kind(&e), e["forbidden"]["code"].as_i64()), ("forbidden", Some(200)), "{e}");
    assert!(e["forbidden"]["message"].as_str().unwrap().contains("Webinar plan is missing"), "{e}");
    let e = env.err("create-webinar", json!({"user_id": "ghost@example.com", "topic": "Nobody"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(1001)));
    // Rules the component checks before sending: nothing reaches Zoom.
    env.sim.clear_requests();
    for (input, field) in [
        (json!({"webinar_type": "recurring_fixed_time"}), "recurrence"),
        (json!({"recurrence": {"recurrence_type": "daily"}}), "recurrence"),
        (json!({"password": "no#pe"}), "password"),
        (json!({"duration": 0}), "duration"),
        (json!({"settings": {"contact_email": "nobody"}}), "settings.contact_email"),
        (json!({"settings": {"panelists_video": true, "participant_video": true}}), "settings.participant_video"),
        (json!({"pre_schedule": true}), "pre_schedule"),
    ] {
        let e = env.err("create-webinar", input.clone()).await;
        assert_eq!(e["invalid_input"]["field"], field, "{input}: {e}");
    }
    let e = env.err("update-webinar", json!({"webinar_id": 5})).await;
    assert_eq!(e["invalid_input"]["field"], "input");
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn absentees_of_the_ended_webinar_across_pages() {
    let mut env = Env::new().await;
    let past = env.sim.past_webinar_id();
    env.sim.clear_requests();
    let page = env
        .ok("list-webinar-absentees", json!({"webinar_id": past.to_string(), "paging": {"all": {"page_size": 1}}}))
        .await;
    let absent = items(&page);
    assert_eq!((absent.len(), env.hits("/absentees")), (2, 2), "{page}");
    let joined = env.ok("list-webinar-participants", json!({"webinar_id": past.to_string()})).await;
    let registrants = env.sim.webinar_registrants(past);
    for a in absent {
        let id = a["id"].as_str().unwrap();
        assert!(registrants.iter().any(|r| r["id"] == id && r["email"] == a["email"]), "{a}");
        assert!(items(&joined).iter().all(|p| p["registrant_id"] != id), "{a} attended");
    }
    let sent = env.sim.requests().into_iter().find(|r| r.path.ends_with("/absentees")).unwrap();
    assert!(sent.query.iter().all(|(k, _)| k != "status"), "the route has no status filter: {:?}", sent.query);

    let upcoming = env.sim.seeded_webinar_ids()[0].to_string();
    let e = env.err("list-webinar-absentees", json!({"webinar_id": upcoming})).await;
    assert_eq!(e["not_found"]["code"], 3001);
    let e = env.err("list-webinar-absentees", json!({"webinar_id": past.to_string(), "occurrence_id": "1"})).await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn another_hosts_past_participants_come_from_the_report() {
    let mut env = Env::new().await;
    let owner = env.sim.admin_user()["id"].clone();
    let theirs = env.sim.past_meetings().into_iter().find(|m| m["host_id"] != owner).expect("another host's meeting");
    let uuid = theirs["uuid"].as_str().unwrap().to_string();
    let e = env.err("list-meeting-participants", json!({"meeting_id": uuid})).await;
    assert_eq!(e["not_found"]["code"], 3001);
    assert!(e["not_found"]["message"].as_str().unwrap().contains("detailed"), "{e}");
    let report = env.ok("list-meeting-participants", json!({"meeting_id": uuid, "detailed": true})).await;
    assert_eq!(items(&report).len(), theirs["participants"].as_array().unwrap().len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_uuid_where_zoom_takes_only_the_numeric_id_says_so() {
    let mut env = Env::new().await;
    let (_, uuid) = env.sim.recorded_meeting();
    for (action, field) in [
        ("list-past-meeting-instances", "meeting_id"),
        ("get-meeting", "meeting_id"),
        ("delete-webinar", "webinar_id"),
        ("list-webinar-panelists", "webinar_id"),
    ] {
        let e = env.err(action, json!({ field: uuid })).await;
        assert_eq!(e["invalid_input"]["field"], field, "{action}: {e}");
        let message = e["invalid_input"]["message"].as_str().unwrap();
        assert!(message.contains("numeric") && message.contains("no instance UUID"), "{action}: {message}");
    }
    // Routes that take both accept the UUID.
    env.ok("get-past-meeting", json!({"meeting_id": uuid})).await;
}
