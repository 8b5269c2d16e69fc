//! Zoom Phone call history through the component: a user's calls over a window, page by page;
//! the account's (no user); the window rules before anything is sent; unknown and unlicensed
//! users as `not-found`.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn day(back: i64) -> String {
    let now = crate::harness::now_i64();
    zoom_sim::format_utc(now - back * 86_400)[..10].to_owned()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_users_calls_over_a_window_and_the_accounts() {
    let mut env = Env::new().await;
    let window = json!({"user_id": "me", "from": day(20), "to": day(0)});
    let stored: Vec<Value> = env
        .sim
        .call_history("me")
        .into_iter()
        .filter(|c| c["start_time"].as_str().unwrap() >= day(20).as_str())
        .collect();
    assert!(stored.len() > 8, "the seed has calls in three weeks");

    let mut all = window.clone();
    all["paging"] = json!({"all": {"page_size": 4}});
    let listed = env.ok("list-phone-call-logs", all).await;
    let expected: HashSet<String> = stored.iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids(&listed).into_iter().collect::<HashSet<_>>(), expected);
    assert_eq!(listed["total_records"].as_u64(), Some(stored.len() as u64));
    assert!(env.hits("/phone/users/me/call_history") >= stored.len().div_ceil(4), "pages of four were walked");
    let sent = env.sim.requests().into_iter().rfind(|r| r.path.ends_with("/call_history")).unwrap();
    assert_eq!(sent.query.iter().find(|(k, _)| k == "from").map(|(_, v)| v.as_str()), Some(day(20).as_str()));

    // Each call as the user route gives it: numbers, names, times, the result, the length.
    let items = listed["items"].as_array().unwrap();
    for c in items {
        let s = stored.iter().find(|s| s["id"] == c["id"]).unwrap();
        assert_eq!((&c["start_time"], &c["end_time"], &c["result"]), (&s["start_time"], &s["end_time"], &s["result"]));
        assert_eq!(c["duration"], s["talk_time"]);
        let caller = s["caller_did_number"].as_str().or(s["caller_ext_number"].as_str());
        assert_eq!(c["caller_number"].as_str(), caller, "{c}");
        assert_eq!(serde_json::from_str::<Value>(c["raw"].as_str().unwrap()).unwrap(), *s);
    }
    let missed = items.iter().find(|c| c["result"] == "no_answer").expect("a missed call in three weeks");
    assert!(missed["answer_time"].is_null(), "{missed}");

    // One page by cursor, then the next.
    let mut first = window.clone();
    first["paging"] = json!({"page": {"page_size": 3}});
    let page = env.ok("list-phone-call-logs", first).await;
    assert_eq!(ids(&page).len(), 3);
    let mut next = window.clone();
    next["paging"] = json!({"page": {"page_size": 3, "next_page_token": page["next_page_token"]}});
    let second = env.ok("list-phone-call-logs", next).await;
    assert!(ids(&second).iter().all(|id| !ids(&page).contains(id)));

    // Without a user: the account's history, every phone user's calls.
    let account = env.ok("list-phone-call-logs", json!({"from": day(20), "to": day(0), "time_type": "end_time"})).await;
    let account_ids: HashSet<String> = ids(&account).into_iter().collect();
    assert!(account_ids.is_superset(&expected) && account_ids.len() > expected.len(), "{}", account_ids.len());
    let sent = env.sim.requests().into_iter().rfind(|r| r.path.ends_with("/call_history")).unwrap();
    assert_eq!(sent.path, "/v2/phone/call_history");
    assert!(sent.query.iter().any(|(k, v)| k == "time_type" && v == "end_time"), "{:?}", sent.query);
    let one = account["items"].as_array().unwrap().iter().find(|c| c["id"] == stored[0]["id"]).unwrap();
    assert_eq!(one["duration"], stored[0]["talk_time"], "the account route names it duration");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_windows_are_refused_and_unknown_users_are_not_found() {
    let mut env = Env::new().await;
    env.sim.clear_requests();
    for (input, field) in [
        (json!({"user_id": "me", "from": day(5)}), "to"),
        (json!({"from": day(5), "to": day(10)}), "to"),
        (json!({"from": day(60), "to": day(1)}), "to"),
        (json!({"from": day(300), "to": day(290)}), "from"),
        (json!({"from": format!("{}T00:00:00Z", day(2)), "to": day(0)}), "from"),
        (json!({"user_id": ""}), "user_id"),
    ] {
        let e = env.err("list-phone-call-logs", input.clone()).await;
        assert_eq!(e["invalid_input"]["field"], field, "{input}: {e}");
    }
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing sent");

    let e = env.err("list-phone-call-logs", json!({"user_id": "ghost@example.com"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(300)), "{e}");
    let unlicensed = env
        .sim
        .users()
        .into_iter()
        .find(|u| env.sim.user_settings(u["id"].as_str().unwrap()).is_some_and(|s| s["feature"]["zoom_phone"] == false))
        .expect("a user without Zoom Phone");
    let e = env.err("list-phone-call-logs", json!({"user_id": unlicensed["email"]})).await;
    assert_eq!(kind(&e), "not_found", "{e}");
}
