//! Polls and Q&A of ended meetings and webinars through the component: per participant, their
//! answers (question → answer) and questions with answers; UUIDs double-encoded when Zoom
//! requires; unknown or not-yet-ended ids as `not-found`; the granular scopes.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn people(v: &Value) -> &Vec<Value> {
    v["participants"].as_array().expect("participants")
}

#[tokio::test(flavor = "multi_thread")]
async fn meeting_polls_by_id_or_slashed_uuid() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let attended = env.sim.past_meetings().iter().find(|m| m["uuid"] == slashed.as_str()).unwrap()["participants"]
        .as_array()
        .unwrap()
        .len();
    let by_id = env.ok("list-past-meeting-polls", json!({"meeting_id": id.to_string()})).await;
    assert_eq!((by_id["id"].as_u64(), by_id["uuid"].as_str()), (Some(id), Some(slashed.as_str())));
    assert_eq!(people(&by_id).len(), attended, "{by_id}");
    let first = &people(&by_id)[0];
    assert!(first["name"].is_string() && first["email"].as_str().is_some_and(|e| e.contains('@')), "{first}");
    let answers = first["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["question"], "How useful was this session?");
    assert!(answers
        .iter()
        .all(|a| a["answer"].is_string() && a["polling_id"].is_string() && a["date_time"].is_string()));
    assert!(answers.iter().any(|a| a["answer"].as_str().unwrap().contains(';')), "a multiple-choice answer");
    assert_eq!(people(&by_id)[1]["answers"].as_array().unwrap().len(), 1);
    assert!(serde_json::from_str::<Value>(by_id["raw"].as_str().unwrap()).unwrap()["questions"].is_array());

    env.sim.clear_requests();
    let by_uuid = env.ok("list-past-meeting-polls", json!({"meeting_id": slashed})).await;
    assert_eq!(people(&by_uuid), people(&by_id));
    let sent = env.sim.requests().pop().unwrap().path;
    assert!(sent.starts_with("/v2/past_meetings/%252F") && sent.ends_with("/polls"), "{sent}");

    let e = env.err("list-past-meeting-polls", json!({"meeting_id": "99999999999"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));
    let e = env.err("list-past-meeting-polls", json!({"meeting_id": " "})).await;
    assert_eq!(e["invalid_input"]["field"], "meeting_id");
}

#[tokio::test(flavor = "multi_thread")]
async fn webinar_polls_and_qa_of_the_ended_webinar() {
    let mut env = Env::new().await;
    let past = env.sim.past_webinar_id();
    let polls = env.ok("list-past-webinar-polls", json!({"webinar_id": past.to_string()})).await;
    assert_eq!(polls["id"].as_u64(), Some(past));
    assert!(polls["uuid"].is_string() && polls["start_time"].is_string());
    let emails: Vec<&str> = people(&polls).iter().map(|p| p["email"].as_str().unwrap()).collect();
    let mut unique = emails.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), emails.len(), "one entry per participant, even one who rejoined: {emails:?}");
    assert!(people(&polls).iter().all(|p| !p["answers"].as_array().unwrap().is_empty()));

    let qa = env.ok("list-past-webinar-qa", json!({"webinar_id": past.to_string()})).await;
    assert_eq!(qa["id"].as_u64(), Some(past));
    let askers = people(&qa);
    assert!(askers.len() >= 2, "{qa}");
    let questions: Vec<&Value> = askers.iter().flat_map(|p| p["questions"].as_array().unwrap()).collect();
    assert!(questions.iter().all(|q| q["question"].as_str().is_some_and(|s| s.ends_with('?'))));
    assert!(questions.iter().any(|q| q["answer"].is_string()));
    assert!(questions.iter().any(|q| q["answer"].is_null()), "an unanswered question: {qa}");
    let anonymous = askers.last().unwrap();
    assert_eq!((anonymous["email"].as_str(), anonymous["name"].as_str()), (Some(""), Some("")));

    // By instance UUID too.
    let uuid = polls["uuid"].as_str().unwrap().to_string();
    let by_uuid = env.ok("list-past-webinar-qa", json!({"webinar_id": uuid})).await;
    assert_eq!(people(&by_uuid), askers);

    let upcoming = env.sim.seeded_webinar_ids()[0];
    for action in ["list-past-webinar-polls", "list-past-webinar-qa"] {
        for id in [upcoming.to_string(), "99999999999".to_string()] {
            let e = env.err(action, json!({"webinar_id": id})).await;
            assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)), "{action}: {e}");
        }
        let e = env.err(action, json!({"webinar_id": ""})).await;
        assert_eq!(e["invalid_input"]["field"], "webinar_id");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn each_route_needs_its_own_granular_scope() {
    let mut env = Env::new().await;
    let (id, _) = env.sim.recorded_meeting();
    let past = env.sim.past_webinar_id().to_string();
    let token = env.sim.mint_token_with_scopes(&["meeting:read:list_poll_results:admin", "webinar:read:past_qa"]);
    env.conn = json!({"access_token": {"token": token, "api_base_url": env.sim.api_url()}});
    env.ok("list-past-meeting-polls", json!({"meeting_id": id.to_string()})).await;
    env.ok("list-past-webinar-qa", json!({"webinar_id": past})).await;
    let e = env.err("list-past-webinar-polls", json!({"webinar_id": past})).await;
    assert_eq!(kind(&e), "missing_scope", "{e}");
}
