//! The polling sources of what happens after a meeting or a call, through the component: ended
//! meetings (the meeting report), finished transcripts (cloud recordings) and ended phone calls
//! (the call history, of a user or the account). Each new item once, keyed stably, oldest first.

use std::collections::HashSet;

use serde_json::{json, Value};
use zoom_runtime::Outcome;

use crate::harness::{kind, now, Env};

async fn poll(env: &mut Env, source: Value, cursor: Option<&str>, extra: Value) -> (Vec<Value>, String) {
    let mut request = json!({"source": source, "cursor": cursor, "page_size": 2});
    if let (Some(r), Some(e)) = (request.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    match env.trigger("poll", request).await {
        Outcome::Ok(v) => (v["items"].as_array().unwrap().clone(), v["cursor"].as_str().unwrap().to_owned()),
        Outcome::Err(e) => panic!("poll failed: {e}"),
    }
}

fn keys(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["key"].as_str().unwrap()).collect()
}

fn oldest_first(items: &[Value]) -> bool {
    items.windows(2).all(|w| w[0]["occurred_at"].as_str() <= w[1]["occurred_at"].as_str())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_that_ends_and_its_transcript_come_once_each() {
    let mut env = Env::new().await;
    let ended = json!({"new_ended_meetings": "me"});
    let transcripts = json!({"new_transcripts": "me"});
    let (first, ended_cursor) = poll(&mut env, ended.clone(), None, json!({})).await;
    assert!(first.is_empty(), "a first poll from now returns nothing that existed: {first:?}");
    let (_, transcript_cursor) = poll(&mut env, transcripts.clone(), None, json!({})).await;

    let (meeting, _) = env.sim.recorded_meeting();
    let uuid = env.sim.complete_recording(meeting).unwrap();
    let (items, ended_cursor) = poll(&mut env, ended.clone(), Some(&ended_cursor), json!({})).await;
    assert_eq!(keys(&items), [format!("ended-meeting:{uuid}")]);
    let m = &items[0]["item"]["ended_meeting"];
    assert_eq!((m["id"].as_u64(), m["uuid"].as_str()), (Some(meeting), Some(uuid.as_str())));
    assert_eq!(items[0]["occurred_at"], m["end_time"], "ordered by when it ended");
    assert!(m["participants_count"].as_u64().unwrap() >= 2, "{m}");

    let (items, transcript_cursor) = poll(&mut env, transcripts.clone(), Some(&transcript_cursor), json!({})).await;
    assert_eq!(keys(&items), [format!("transcript:{uuid}")]);
    let files = items[0]["item"]["transcript"]["recording_files"].as_array().unwrap();
    let transcript = files.iter().find(|f| f["file_type"] == "TRANSCRIPT").expect("the transcript file");
    assert_eq!(items[0]["occurred_at"], transcript["recording_end"]);

    assert!(poll(&mut env, ended, Some(&ended_cursor), json!({})).await.0.is_empty());
    assert!(poll(&mut env, transcripts, Some(&transcript_cursor), json!({})).await.0.is_empty());
    assert!(env.hits("/report/users/me/meetings") >= 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backfill_of_ended_meetings_matches_the_report_oldest_first() {
    let mut env = Env::new().await;
    let t = now();
    let admin = env.sim.admin_user()["id"].as_str().unwrap().to_owned();
    // From the simulator's own instances: the admin's, with two or more participants, ended
    // within the 30 days.
    let expected: HashSet<String> = env
        .sim
        .past_meetings()
        .iter()
        .filter(|m| m["host_id"] == admin.as_str() && m["participants"].as_array().unwrap().len() >= 2)
        .filter(|m| {
            let start = zoom_sim::parse_datetime(m["start_time"].as_str().unwrap()).unwrap() as u64;
            let end = start + m["duration"].as_u64().unwrap() * 60;
            end >= t - 720 * 3600 && end <= t
        })
        .map(|m| format!("ended-meeting:{}", m["uuid"].as_str().unwrap()))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    let extra = json!({"backfill_hours": 720, "now_unix_seconds": t});
    let (items, cursor) = poll(&mut env, json!({"new_ended_meetings": "me"}), None, extra).await;
    assert_eq!(keys(&items).into_iter().map(str::to_owned).collect::<HashSet<_>>(), expected);
    assert_eq!(items.len(), expected.len(), "each once");
    assert!(oldest_first(&items));
    assert!(poll(&mut env, json!({"new_ended_meetings": "me"}), Some(&cursor), json!({})).await.0.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn ended_phone_calls_of_a_user_and_of_the_account() {
    let mut env = Env::new().await;
    let mine = json!({"new_phone_calls": "me"});
    let account = json!({"new_phone_calls": null});
    let (_, mine_cursor) = poll(&mut env, mine.clone(), None, json!({})).await;
    let (_, account_cursor) = poll(&mut env, account.clone(), None, json!({})).await;

    let call = env.sim.end_phone_call("me").unwrap();
    let key = format!("call:{}", call["id"].as_str().unwrap());
    let (items, mine_cursor) = poll(&mut env, mine.clone(), Some(&mine_cursor), json!({})).await;
    assert_eq!(keys(&items), [key.as_str()]);
    let c = &items[0]["item"]["phone_call"];
    assert_eq!((&c["call_id"], &c["end_time"]), (&call["call_id"], &call["end_time"]));
    assert_eq!(items[0]["occurred_at"], call["end_time"]);
    let sent = env.sim.requests().into_iter().rfind(|r| r.path.ends_with("/call_history")).unwrap();
    assert!(sent.query.iter().any(|(k, v)| k == "time_type" && v == "end_time"), "by end time: {:?}", sent.query);

    let (items, account_cursor) = poll(&mut env, account.clone(), Some(&account_cursor), json!({})).await;
    assert_eq!(keys(&items), [key.as_str()], "the account's history has it under the same key");
    assert_eq!(
        env.sim.requests().into_iter().rfind(|r| r.path.ends_with("/call_history")).unwrap().path,
        "/v2/phone/call_history"
    );
    assert!(poll(&mut env, mine, Some(&mine_cursor), json!({})).await.0.is_empty());
    assert!(poll(&mut env, account, Some(&account_cursor), json!({})).await.0.is_empty());

    // A backfill of a week: every call of the user that ended in it, once, oldest first.
    let t = now();
    let expected: HashSet<String> = env
        .sim
        .call_history("me")
        .iter()
        .filter(|c| {
            let end = zoom_sim::parse_datetime(c["end_time"].as_str().unwrap()).unwrap() as u64;
            end >= t - 168 * 3600 && end <= t
        })
        .map(|c| format!("call:{}", c["id"].as_str().unwrap()))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    let extra = json!({"backfill_hours": 168, "now_unix_seconds": t});
    let (items, _) = poll(&mut env, json!({"new_phone_calls": "me"}), None, extra).await;
    assert_eq!(keys(&items).into_iter().map(str::to_owned).collect::<HashSet<_>>(), expected);
    assert_eq!(items.len(), expected.len());
    assert!(oldest_first(&items));
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_sources_name_their_field_and_unknown_users_are_not_found() {
    let mut env = Env::new().await;
    for (source, field) in [
        (json!({"new_ended_meetings": "u".repeat(129)}), "source.new_ended_meetings"),
        (json!({"new_transcripts": "a\u{0}b"}), "source.new_transcripts"),
        (json!({"new_phone_calls": " "}), "source.new_phone_calls"),
    ] {
        match env.trigger("poll", json!({"source": source})).await {
            Outcome::Err(e) => assert_eq!(e["invalid_input"]["field"], field, "{e}"),
            Outcome::Ok(v) => panic!("{source} was accepted: {v}"),
        }
    }
    for source in
        [json!({"new_ended_meetings": "nobody@example.com"}), json!({"new_phone_calls": "nobody@example.com"})]
    {
        match env.trigger("poll", json!({"source": source})).await {
            Outcome::Err(e) => assert_eq!(kind(&e), "not_found", "{source}: {e}"),
            Outcome::Ok(v) => panic!("{source}: unknown user accepted: {v}"),
        }
    }
}
