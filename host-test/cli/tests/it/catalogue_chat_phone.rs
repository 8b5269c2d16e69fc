//! The Team Chat (channels and messages) and Zoom Phone (call recordings) actions: each checks
//! what the component returned and what the simulator holds or received.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::catalogue_support::{api_requests, items, param};
use crate::harness::{kind, Env};

/// Days since 1970-01-01 (UTC), as the simulator and the component count them.
fn today() -> i64 {
    (crate::harness::now() / 86_400) as i64
}

/// `yyyy-MM-dd` of a day number.
fn date(days: i64) -> String {
    zoom_sim::format_date(days)
}

// ---------------------------------------------------------------------------------------------
// Team Chat: list-user-channels

#[tokio::test(flavor = "multi_thread")]
async fn list_user_channels_walks_every_page_of_one() {
    let mut env = Env::new().await;
    let page = env.ok("list-user-channels", json!({"paging": {"all": {"page_size": 1}}})).await;
    let channels = items(&page);
    let total = page["total_records"].as_u64().unwrap() as usize;
    assert!(total > 10, "more channels than Zoom's default page of ten");
    assert_eq!(channels.len(), total);
    let ids: HashSet<&str> = channels.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), total, "no channel twice");
    assert!(ids.contains(env.sim.chat_channel_id().as_str()));
    assert!(channels.iter().all(|c| c["name"].is_string() && c["channel_type"].is_u64()));
    let gets = api_requests(&env, "GET", "/chat/users/me/channels");
    assert_eq!(gets.len(), total, "one request per channel");
    assert!(gets.iter().all(|r| param(r, "page_size") == Some("1")));
    assert_eq!(page["next_page_token"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn list_user_channels_of_another_user_are_a_subset() {
    let mut env = Env::new().await;
    let mine = env.ok("list-user-channels", json!({})).await;
    let theirs = env.ok("list-user-channels", json!({"user_id": "blake.licensed@example.com"})).await;
    let ids = |p: &Value| items(p).iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect::<HashSet<_>>();
    assert!(!ids(&theirs).is_empty());
    assert!(ids(&theirs).len() < ids(&mine).len());
    assert!(ids(&theirs).is_subset(&ids(&mine)));
}

// ---------------------------------------------------------------------------------------------
// Team Chat: list-user-chat-messages

#[tokio::test(flavor = "multi_thread")]
async fn list_user_chat_messages_in_a_channel() {
    let mut env = Env::new().await;
    let channel = env.sim.chat_channel_id();
    let page =
        env.ok("list-user-chat-messages", json!({"to_channel": channel, "paging": {"all": {"page_size": 3}}})).await;
    let normal = items(&page);
    assert!(!normal.is_empty(), "the channel has messages today");
    assert!(normal.iter().all(|m| m["status"] == "Normal"), "edited and deleted ones only when asked");
    let stamps: Vec<u64> = normal.iter().map(|m| m["timestamp"].as_u64().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats across pages");
    let gets = api_requests(&env, "GET", "/chat/users/me/messages");
    assert_eq!(gets.len(), normal.len().div_ceil(3));
    assert!(gets.iter().all(|r| param(r, "to_channel") == Some(channel.as_str()) && param(r, "to_contact").is_none()));

    let all =
        env.ok("list-user-chat-messages", json!({"to_channel": channel, "include_deleted_and_edited": true})).await;
    let statuses: Vec<&str> = items(&all).iter().map(|m| m["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"Edited") && statuses.contains(&"Deleted"), "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == "Normal").count(), normal.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn list_user_chat_messages_with_a_contact() {
    let mut env = Env::new().await;
    let contact = env.sim.chat_contact_email();
    let admin = env.sim.admin_user()["email"].as_str().unwrap().to_owned();
    let page = env.ok("list-user-chat-messages", json!({"to_contact": contact})).await;
    let messages = items(&page);
    assert!(!messages.is_empty());
    for m in messages {
        let sender = m["sender"].as_str().unwrap();
        assert!(sender == contact || sender == admin, "{sender} is not in the conversation");
    }
    assert!(messages.iter().any(|m| m["sender"] == contact.as_str()));
    let gets = api_requests(&env, "GET", "/chat/users/me/messages");
    assert_eq!(gets.len(), 1);
    assert_eq!(param(&gets[0], "to_contact"), Some(contact.as_str()));
    let e = env.err("list-user-chat-messages", json!({"to_contact": "nobody@example.com"})).await;
    assert_eq!(e["not_found"]["code"], 1001, "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn list_user_chat_messages_with_contact_and_channel_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env
        .err(
            "list-user-chat-messages",
            json!({"to_contact": env.sim.chat_contact_email(), "to_channel": env.sim.chat_channel_id()}),
        )
        .await;
    assert_eq!(e["invalid_input"]["field"], "to_contact", "{e}");
    let e = env.err("list-user-chat-messages", json!({})).await;
    assert_eq!(e["invalid_input"]["field"], "to_contact", "neither is also refused: {e}");
    let e = env.err("list-user-chat-messages", json!({"search_key": "deck"})).await;
    assert_eq!(e["invalid_input"]["field"], "search_key", "{e}");
    let e = env
        .err(
            "list-user-chat-messages",
            json!({"to_channel": "c", "date": "2026-01-01", "from": "2026-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(e["invalid_input"]["field"], "date", "{e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
}

#[tokio::test(flavor = "multi_thread")]
async fn list_user_chat_messages_search_needs_no_contact_or_channel() {
    let mut env = Env::new().await;
    let page = env.ok("list-user-chat-messages", json!({"search_type": "message", "search_key": "deck"})).await;
    let found = items(&page);
    assert!(!found.is_empty(), "today's channel talks about the deck");
    assert!(found.iter().all(|m| m["message"].as_str().unwrap().to_lowercase().contains("deck")), "{found:?}");
    let gets = api_requests(&env, "GET", "/chat/users/me/messages");
    assert_eq!(gets.len(), 1);
    assert_eq!(param(&gets[0], "search_type"), Some("message"));
    assert_eq!(param(&gets[0], "search_key"), Some("deck"));
    assert!(param(&gets[0], "to_contact").is_none() && param(&gets[0], "to_channel").is_none());
    let none = env.ok("list-user-chat-messages", json!({"search_type": "message", "search_key": "zzz-nothing"})).await;
    assert!(items(&none).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn list_user_chat_messages_search_with_deleted_and_edited_is_refused_by_zoom() {
    let mut env = Env::new().await;
    let e = env
        .err(
            "list-user-chat-messages",
            json!({"search_type": "message", "search_key": "deck", "include_deleted_and_edited": true}),
        )
        .await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    assert_eq!(e["invalid_input"]["field"], "include_deleted_and_edited_message", "Zoom names its parameter: {e}");
    let sent = api_requests(&env, "GET", "/chat/users/me/messages");
    assert_eq!(sent.len(), 1);
    assert_eq!(param(&sent[0], "include_deleted_and_edited_message"), Some("true"));
}

// ---------------------------------------------------------------------------------------------
// Zoom Phone: get-phone-recordings

#[tokio::test(flavor = "multi_thread")]
async fn get_phone_recordings_default_window_is_the_last_30_days() {
    let mut env = Env::new().await;
    let page = env.ok("get-phone-recordings", json!({})).await;
    let recordings = items(&page);
    assert!(!recordings.is_empty());
    assert!(recordings.len() < env.sim.phone_recording_count("me"), "older calls fall outside the default window");
    assert_eq!(page["total_records"], recordings.len());
    let oldest = date(today() - 30);
    for r in recordings {
        let day = &r["date_time"].as_str().unwrap()[..10];
        assert!(day >= oldest.as_str(), "{day} is older than {oldest}");
        assert!(r["download_url"].is_string() && r["direction"].is_string());
    }
    let gets = api_requests(&env, "GET", "/phone/users/me/recordings");
    assert!(gets.iter().all(|r| param(r, "from").is_none() && param(r, "to").is_none()));
}

#[tokio::test(flavor = "multi_thread")]
async fn get_phone_recordings_windows_cover_everything_the_simulator_holds() {
    let mut env = Env::new().await;
    let held = env.sim.phone_recording_count("me");
    assert!(held > 0);
    let (older_from, older_to) = (date(today() - 61), date(today() - 31));
    let (recent_from, recent_to) = (date(today() - 30), date(today()));
    let older = env
        .ok("get-phone-recordings", json!({"from": older_from, "to": older_to, "paging": {"all": {"page_size": 4}}}))
        .await;
    let recent = env
        .ok("get-phone-recordings", json!({"from": recent_from, "to": recent_to, "paging": {"all": {"page_size": 4}}}))
        .await;
    let default = env.ok("get-phone-recordings", json!({})).await;
    for (page, from, to) in [(&older, &older_from, &older_to), (&recent, &recent_from, &recent_to)] {
        assert_eq!(page["total_records"], items(page).len(), "fetch-all holds every page");
        for r in items(page) {
            let day = &r["date_time"].as_str().unwrap()[..10];
            assert!(day >= from.as_str() && day <= to.as_str(), "{day} outside {from}..{to}");
        }
    }
    assert_eq!(items(&older).len() + items(&recent).len(), held, "two adjacent windows hold every seeded call");
    let recent_ids: Vec<&Value> = items(&recent).iter().map(|r| &r["id"]).collect();
    let default_ids: Vec<&Value> = items(&default).iter().map(|r| &r["id"]).collect();
    assert_eq!(recent_ids, default_ids, "the default window is the last 30 days");
    let gets = api_requests(&env, "GET", "/phone/users/me/recordings");
    let windowed: Vec<_> = gets.iter().filter(|r| param(r, "from") == Some(recent_from.as_str())).collect();
    assert_eq!(windowed.len(), items(&recent).len().div_ceil(4).max(1));
    assert!(windowed.iter().all(|r| param(r, "to") == Some(recent_to.as_str()) && param(r, "page_size") == Some("4")));
}

#[tokio::test(flavor = "multi_thread")]
async fn get_phone_recordings_window_over_a_month_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env.err("get-phone-recordings", json!({"from": date(today() - 40), "to": date(today())})).await;
    assert_eq!(e["invalid_input"]["field"], "to", "{e}");
    let e = env.err("get-phone-recordings", json!({"from": date(today() - 5)})).await;
    assert_eq!(e["invalid_input"]["field"], "to", "from needs to: {e}");
    let e = env.err("get-phone-recordings", json!({"from": date(today()), "to": date(today() - 5)})).await;
    assert_eq!(e["invalid_input"]["field"], "to", "to before from: {e}");
    let e = env.err("get-phone-recordings", json!({"from": date(today() - 200), "to": date(today() - 190)})).await;
    assert_eq!(e["invalid_input"]["field"], "from", "older than six months: {e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
}

#[tokio::test(flavor = "multi_thread")]
async fn get_phone_recordings_of_another_user_matches_the_simulator() {
    let mut env = Env::new().await;
    let blake = "blake.licensed@example.com";
    let held = env.sim.phone_recording_count(blake);
    assert!(held > 0);
    let page = env.ok("get-phone-recordings", json!({"user_id": blake, "paging": {"all": {"page_size": 1}}})).await;
    assert_eq!(items(&page).len(), held, "all of Blake's calls are recent");
    assert_eq!(api_requests(&env, "GET", "/phone/users/blake.licensed%40example.com/recordings").len(), held);
}

#[tokio::test(flavor = "multi_thread")]
async fn get_phone_recordings_for_a_user_without_zoom_phone_is_zoom_validation_error() {
    let mut env = Env::new().await;
    let casey = "casey.basic@example.com";
    assert_eq!(env.sim.user_settings(casey).unwrap()["feature"]["zoom_phone"], false);
    let e = env.err("get-phone-recordings", json!({"user_id": casey})).await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    assert_eq!(e["invalid_input"]["message"], "Invalid user id.");
    let sent = api_requests(&env, "GET", "/phone/users/casey.basic%40example.com/recordings");
    assert_eq!(sent.len(), 1, "a 400 is final");
    assert_eq!(sent[0].status, 400);
}
