//! The user, settings, Team Chat and Zoom Phone actions: each checks what the component returned
//! and what the simulator now holds or received.

use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use zoom_host::sim::LoggedRequest;

use crate::harness::{kind, Env};

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page has items")
}

/// The value of query parameter `name` in a logged request.
fn param<'a>(r: &'a LoggedRequest, name: &str) -> Option<&'a str> {
    r.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Requests to the REST API (not the token endpoint) whose path ends with `suffix`.
fn api_requests(env: &Env, method: &str, suffix: &str) -> Vec<LoggedRequest> {
    env.sim
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with("/v2/") && r.path.ends_with(suffix))
        .collect()
}

/// Days since 1970-01-01 (UTC), as the simulator and the component count them.
fn today() -> i64 {
    (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() / 86_400) as i64
}

/// `yyyy-MM-dd` of a day number (Howard Hinnant's civil_from_days).
fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// create-user

#[tokio::test(flavor = "multi_thread")]
async fn create_user_invites_a_pending_user_of_the_requested_type() {
    let mut env = Env::new().await;
    let created = env
        .ok(
            "create-user",
            json!({"action": "create", "email": "new.hire@example.com", "user_type": "licensed",
                   "first_name": "New", "last_name": "Hire"}),
        )
        .await;
    assert_eq!(created["email"], "new.hire@example.com");
    assert_eq!(created["user_type"], 2);
    assert_eq!(created["first_name"], "New");
    let id = created["id"].as_str().expect("an id");
    let stored = env.sim.user(id).expect("the simulator holds the user");
    assert_eq!(stored["email"], "new.hire@example.com");
    assert_eq!(stored["status"], "pending", "an invited user is pending until they accept");
    assert_eq!(stored["type"], 2);
    assert_eq!(stored["last_name"], "Hire");
    let sent: Value = serde_json::from_str(&api_requests(&env, "POST", "/users")[0].body).unwrap();
    assert_eq!(sent["action"], "create");
    assert_eq!(sent["user_info"]["type"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn create_user_auto_create_with_weak_password_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    for (password, why) in [("short1A", "too short"), ("abcdefgH1", "7 consecutive"), ("alllowercase1", "no upper")] {
        let e = env
            .err(
                "create-user",
                json!({"action": "auto_create", "email": "auto@example.com", "user_type": "basic", "password": password}),
            )
            .await;
        assert_eq!(e["invalid_input"]["field"], "password", "{why}: {e}");
    }
    let e = env
        .err("create-user", json!({"action": "auto_create", "email": "auto@example.com", "user_type": "basic"}))
        .await;
    assert_eq!(e["invalid_input"]["field"], "password", "auto_create needs a password: {e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
    assert!(env.sim.user("auto@example.com").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn create_user_with_an_email_in_use_is_zoom_error_1005() {
    let mut env = Env::new().await;
    let admin_email = env.sim.admin_user()["email"].as_str().unwrap().to_owned();
    let e = env.err("create-user", json!({"action": "create", "email": admin_email, "user_type": "basic"})).await;
    assert_eq!(e["api"]["code"], 1005, "{e}");
    assert_eq!(e["api"]["status"], 409, "{e}");
    assert!(e["api"]["message"].as_str().unwrap().contains(&admin_email), "{e}");
    let posts = api_requests(&env, "POST", "/users");
    assert_eq!(posts.len(), 1, "a 409 is final: not retried");
    assert_eq!(posts[0].status, 409);
    assert_eq!(env.sim.user(&admin_email).unwrap()["status"], "active", "the existing user is untouched");
}

// ---------------------------------------------------------------------------------------------
// get-user

#[tokio::test(flavor = "multi_thread")]
async fn get_user_resolves_me_and_email_and_types_unknown_as_not_found() {
    let mut env = Env::new().await;
    let admin = env.sim.admin_user();
    let me = env.ok("get-user", json!({})).await;
    assert_eq!(me["id"], admin["id"]);
    assert_eq!(me["email"], admin["email"]);
    assert_eq!(me["user_type"], admin["type"]);
    assert_eq!(me["status"], "active");
    assert_eq!(me["pmi"], admin["pmi"]);
    let raw: Value = serde_json::from_str(me["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw["account_id"], admin["account_id"]);
    assert!(api_requests(&env, "GET", "/users/me").len() == 1);

    let created =
        env.ok("create-user", json!({"action": "create", "email": "by.email@example.com", "user_type": "basic"})).await;
    let by_email = env.ok("get-user", json!({"user_id": "by.email@example.com"})).await;
    assert_eq!(by_email["id"], created["id"]);
    assert_eq!(by_email["status"], "pending");
    assert_eq!(by_email["user_type"], 1);
    assert!(api_requests(&env, "GET", "/users/by.email%40example.com").len() == 1, "the email is path-encoded");

    let e = env.err("get-user", json!({"user_id": "nobody@example.com"})).await;
    assert_eq!(e["not_found"]["code"], 1001, "{e}");
    assert_eq!(e["not_found"]["status"], 404, "{e}");
}

// ---------------------------------------------------------------------------------------------
// update-user

#[tokio::test(flavor = "multi_thread")]
async fn update_user_changes_the_profile_and_returns_it_as_zoom_holds_it() {
    let mut env = Env::new().await;
    let created = env
        .ok(
            "create-user",
            json!({"action": "create", "email": "mover@example.com", "user_type": "basic", "first_name": "Old"}),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let updated = env
        .ok(
            "update-user",
            json!({"user_id": id, "first_name": "Renamed", "dept": "Research", "job_title": "Scientist",
                   "timezone": "Europe/Oslo", "user_type": "licensed"}),
        )
        .await;
    assert_eq!(updated["id"], id.as_str());
    assert_eq!(updated["first_name"], "Renamed");
    assert_eq!(updated["dept"], "Research");
    assert_eq!(updated["timezone"], "Europe/Oslo");
    assert_eq!(updated["user_type"], 2);
    let stored = env.sim.user(&id).unwrap();
    assert_eq!(stored["first_name"], "Renamed");
    assert_eq!(stored["job_title"], "Scientist");
    assert_eq!(stored["type"], 2);
    let patch: Value = serde_json::from_str(&api_requests(&env, "PATCH", &format!("/users/{id}"))[0].body).unwrap();
    assert_eq!(
        patch,
        json!({"first_name": "Renamed", "dept": "Research", "job_title": "Scientist",
                             "timezone": "Europe/Oslo", "type": 2})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn update_user_with_nothing_to_change_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env.err("update-user", json!({})).await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    assert_eq!(e["invalid_input"]["field"], "input", "{e}");
    let e = env.err("update-user", json!({"user_id": "me", "extra_fields": "{}"})).await;
    assert_eq!(kind(&e), "invalid_input", "an empty extra_fields object changes nothing either: {e}");
    let e = env.err("update-user", json!({"pmi": 12345})).await;
    assert_eq!(e["invalid_input"]["field"], "pmi", "{e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
}

// ---------------------------------------------------------------------------------------------
// delete-user

#[tokio::test(flavor = "multi_thread")]
async fn delete_user_disassociates_by_default_and_the_user_is_gone() {
    let mut env = Env::new().await;
    let created =
        env.ok("create-user", json!({"action": "create", "email": "leaver@example.com", "user_type": "basic"})).await;
    let id = created["id"].as_str().unwrap().to_owned();
    assert!(env.sim.user(&id).is_some());
    let deleted = env.ok("delete-user", json!({"user_id": "leaver@example.com"})).await;
    assert_eq!(deleted, json!({"user_id": "leaver@example.com", "action": "disassociate"}));
    assert!(env.sim.user(&id).is_none(), "the simulator no longer holds the user");
    assert!(env.sim.user("leaver@example.com").is_none());
    let del = api_requests(&env, "DELETE", "/users/leaver%40example.com");
    assert_eq!(del.len(), 1);
    assert_eq!(param(&del[0], "action"), Some("disassociate"));
    assert_eq!(del[0].status, 204);
    let e = env.err("get-user", json!({"user_id": id})).await;
    assert_eq!(e["not_found"]["code"], 1001);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_user_without_transfer_email_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let blake = "blake.licensed@example.com";
    assert!(env.sim.user(blake).is_some());
    let before = env.sim.requests().len();
    for flag in ["transfer_meeting", "transfer_webinar", "transfer_recording", "transfer_whiteboard"] {
        let e = env.err("delete-user", json!({"user_id": blake, "action": "delete", flag: true})).await;
        assert_eq!(e["invalid_input"]["field"], "transfer_email", "{flag}: {e}");
    }
    let e = env.err("delete-user", json!({"user_id": blake, "transfer_meeting": true, "transfer_email": "  "})).await;
    assert_eq!(e["invalid_input"]["field"], "transfer_email", "a blank email is no email: {e}");
    let e = env.err("delete-user", json!({"user_id": "me"})).await;
    assert_eq!(e["invalid_input"]["field"], "user_id", "{e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
    assert!(env.sim.user(blake).is_some(), "the user is still there");
}

// ---------------------------------------------------------------------------------------------
// list-users

#[tokio::test(flavor = "multi_thread")]
async fn list_users_fetches_every_page_of_a_status() {
    let mut env = Env::new().await;
    let active = env.ok("list-users", json!({"paging": {"all": {"page_size": 2}}})).await;
    let total = active["total_records"].as_u64().expect("Zoom sends total_records") as usize;
    assert!(total >= 5, "the seeded directory has at least 5 active users");
    assert_eq!(items(&active).len(), total);
    assert_eq!(active["next_page_token"], Value::Null);
    let gets = api_requests(&env, "GET", "/users");
    assert_eq!(gets.len(), total.div_ceil(2));
    assert!(gets.len() >= 3, "at least three pages");
    assert!(gets.iter().all(|r| param(r, "status") == Some("active") && param(r, "page_size") == Some("2")));
    let ids: HashSet<&str> = items(&active).iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), total, "no user twice");
    for u in items(&active) {
        let stored = env.sim.user(u["id"].as_str().unwrap()).expect("listed users exist");
        assert_eq!(stored["status"], "active");
        assert_eq!(u["status"], "active");
        assert_eq!(u["email"], stored["email"]);
    }
    assert!(ids.contains(env.sim.admin_user()["id"].as_str().unwrap()));
}

#[tokio::test(flavor = "multi_thread")]
async fn list_users_status_filter_counts_what_the_simulator_holds() {
    let mut env = Env::new().await;
    let pending_before = env.ok("list-users", json!({"status": "pending"})).await;
    let seeded: Vec<String> = items(&pending_before).iter().map(|u| u["id"].as_str().unwrap().to_owned()).collect();
    let mut created = Vec::new();
    for i in 0..4 {
        let u = env
            .ok(
                "create-user",
                json!({"action": "create", "email": format!("invitee{i}@example.com"), "user_type": "basic"}),
            )
            .await;
        created.push(u["id"].as_str().unwrap().to_owned());
    }
    env.sim.clear_requests();
    let pending = env.ok("list-users", json!({"status": "pending", "paging": {"all": {"page_size": 2}}})).await;
    let listed: HashSet<String> = items(&pending).iter().map(|u| u["id"].as_str().unwrap().to_owned()).collect();
    let expected: HashSet<String> = seeded.iter().chain(&created).cloned().collect();
    assert_eq!(listed, expected, "every pending user, the seeded ones and the four invited");
    assert_eq!(items(&pending).len(), expected.len());
    assert!(listed.iter().all(|id| env.sim.user(id).unwrap()["status"] == "pending"));
    assert_eq!(pending["total_records"], expected.len());
    let gets = api_requests(&env, "GET", "/users");
    assert!(gets.len() >= 3, "five or more pending users in pages of two: {}", gets.len());
    assert!(gets.iter().all(|r| param(r, "status") == Some("pending")));

    let inactive = env.ok("list-users", json!({"status": "inactive"})).await;
    assert!(!items(&inactive).is_empty());
    for u in items(&inactive) {
        assert_eq!(env.sim.user(u["id"].as_str().unwrap()).unwrap()["status"], "inactive");
        assert!(!listed.contains(u["id"].as_str().unwrap()));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn list_users_manual_cursor_walks_disjoint_pages() {
    let mut env = Env::new().await;
    let first = env.ok("list-users", json!({"paging": {"page": {"page_size": 2}}})).await;
    assert_eq!(items(&first).len(), 2);
    let token = first["next_page_token"].as_str().expect("a cursor").to_owned();
    let second =
        env.ok("list-users", json!({"paging": {"page": {"page_size": 2, "next_page_token": token.clone()}}})).await;
    assert_eq!(items(&second).len(), 2);
    let ids = |p: &Value| items(p).iter().map(|u| u["id"].as_str().unwrap().to_owned()).collect::<HashSet<_>>();
    assert!(ids(&first).is_disjoint(&ids(&second)), "pages overlap");
    let gets = api_requests(&env, "GET", "/users");
    assert_eq!(gets.len(), 2, "one request per page");
    assert_eq!(param(&gets[0], "next_page_token"), None);
    assert_eq!(param(&gets[1], "next_page_token"), Some(token.as_str()));
    // A cursor issued for one status is not valid for another.
    let e = env
        .err(
            "list-users",
            json!({"status": "inactive", "paging": {"page": {"page_size": 2, "next_page_token": token}}}),
        )
        .await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    let e = env.err("list-users", json!({"paging": {"page": {"page_size": 2001}}})).await;
    assert_eq!(e["invalid_input"]["field"], "paging.page.page_size", "{e}");
}

// ---------------------------------------------------------------------------------------------
// user settings

#[tokio::test(flavor = "multi_thread")]
async fn get_user_settings_returns_what_the_simulator_stores() {
    let mut env = Env::new().await;
    let got = env.ok("get-user-settings", json!({})).await;
    assert_eq!(got["user_id"], "me");
    let settings: Value = serde_json::from_str(got["settings"].as_str().unwrap()).unwrap();
    assert_eq!(Some(&settings), env.sim.user_settings("me").as_ref());
    assert!(settings["in_meeting"].is_object());
    let only = env.ok("get-user-settings", json!({"custom_query_fields": ["host_video", "chat"]})).await;
    let only: Value = serde_json::from_str(only["settings"].as_str().unwrap()).unwrap();
    assert_eq!(only["in_meeting"]["chat"], settings["in_meeting"]["chat"]);
    assert!(only["in_meeting"].as_object().unwrap().len() < settings["in_meeting"].as_object().unwrap().len());
    let gets = api_requests(&env, "GET", "/users/me/settings");
    assert_eq!(param(&gets[1], "custom_query_fields"), Some("host_video,chat"));
}

#[tokio::test(flavor = "multi_thread")]
async fn update_user_settings_patch_is_visible_in_result_and_simulator() {
    let mut env = Env::new().await;
    assert_eq!(env.sim.user_settings("me").unwrap()["in_meeting"]["chat"], true, "chat starts on");
    let before = env.sim.user_settings("me").unwrap();
    let updated = env.ok("update-user-settings", json!({"settings": "{\"in_meeting\": {\"chat\": false}}"})).await;
    assert_eq!(updated["user_id"], "me");
    let returned: Value = serde_json::from_str(updated["settings"].as_str().unwrap()).unwrap();
    assert_eq!(returned["in_meeting"]["chat"], false);
    let stored = env.sim.user_settings("me").unwrap();
    assert_eq!(stored["in_meeting"]["chat"], false);
    assert_eq!(returned, stored);
    // Only that key changed.
    let mut expected = before;
    expected["in_meeting"]["chat"] = json!(false);
    assert_eq!(stored, expected);
    let patch = api_requests(&env, "PATCH", "/users/me/settings");
    assert_eq!(patch.len(), 1);
    assert_eq!(serde_json::from_str::<Value>(&patch[0].body).unwrap(), json!({"in_meeting": {"chat": false}}));
}

#[tokio::test(flavor = "multi_thread")]
async fn update_user_settings_with_a_non_object_group_is_rejected_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env.err("update-user-settings", json!({"settings": "{\"in_meeting\": false}"})).await;
    assert_eq!(e["invalid_input"]["field"], "settings.in_meeting", "{e}");
    let e = env.err("update-user-settings", json!({"settings": "{\"recording\": {}, \"feature\": [1]}"})).await;
    assert_eq!(e["invalid_input"]["field"], "settings.feature", "{e}");
    let e = env.err("update-user-settings", json!({"settings": "{}"})).await;
    assert_eq!(e["invalid_input"]["field"], "settings", "{e}");
    let e = env.err("update-user-settings", json!({"settings": "not json"})).await;
    assert_eq!(e["invalid_input"]["field"], "settings", "{e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
    assert_eq!(env.sim.user_settings("me").unwrap()["in_meeting"]["chat"], true);
}

// ---------------------------------------------------------------------------------------------
// Team Chat

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

// ---------------------------------------------------------------------------------------------
// Zoom Phone

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

// ---------------------------------------------------------------------------------------------
// Further behaviour

#[tokio::test(flavor = "multi_thread")]
async fn create_user_auto_create_with_a_good_password_is_active_with_zoom_phone() {
    let mut env = Env::new().await;
    let created = env
        .ok(
            "create-user",
            json!({"action": "auto_create", "email": "auto.phone@example.com", "user_type": "licensed",
                   "password": "Str0ngPassw", "zoom_phone": true, "display_name": "Auto P"}),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let stored = env.sim.user(&id).unwrap();
    assert_eq!(stored["status"], "active", "auto-created users need no invitation");
    assert_eq!(stored["display_name"], "Auto P");
    assert_eq!(env.sim.user_settings(&id).unwrap()["feature"]["zoom_phone"], true);
    let sent: Value = serde_json::from_str(&api_requests(&env, "POST", "/users")[0].body).unwrap();
    assert_eq!(sent["action"], "autoCreate");
    assert_eq!(sent["user_info"]["feature"], json!({"zoom_phone": true}));
    // The new phone user has no recordings yet, and Zoom answers an empty list, not an error.
    let page = env.ok("get-phone-recordings", json!({"user_id": id})).await;
    assert!(items(&page).is_empty());
    assert_eq!(env.sim.phone_recording_count(&id), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_user_transfers_meetings_to_the_transfer_email() {
    let mut env = Env::new().await;
    let casey = "casey.basic@example.com";
    let admin = env.sim.admin_user();
    let m = env
        .ok("create-meeting", json!({"user_id": casey, "topic": "Casey's sync", "start_time": "2030-06-01T10:00:00Z"}))
        .await;
    let meeting_id = m["id"].as_u64().unwrap();
    let casey_id = env.sim.user(casey).unwrap()["id"].clone();
    assert_eq!(env.sim.meeting(meeting_id).unwrap()["host_id"], casey_id);
    let deleted = env
        .ok(
            "delete-user",
            json!({"user_id": casey, "action": "delete", "transfer_email": admin["email"], "transfer_meeting": true}),
        )
        .await;
    assert_eq!(deleted["action"], "delete");
    assert!(env.sim.user(casey).is_none());
    assert_eq!(env.sim.meeting(meeting_id).expect("the meeting was transferred, not deleted")["host_id"], admin["id"]);
    let del = api_requests(&env, "DELETE", "/users/casey.basic%40example.com");
    assert_eq!(param(&del[0], "action"), Some("delete"));
    assert_eq!(param(&del[0], "transfer_email"), admin["email"].as_str());
    assert_eq!(param(&del[0], "transfer_meeting"), Some("true"));
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_user_refused_by_zoom_leaves_the_user() {
    let mut env = Env::new().await;
    let admin_email = env.sim.admin_user()["email"].as_str().unwrap().to_owned();
    let e = env.err("delete-user", json!({"user_id": admin_email})).await;
    assert_eq!(e["api"]["code"], 1117, "Zoom does not disassociate an admin: {e}");
    assert!(env.sim.user(&admin_email).is_some());
    let e = env.err("delete-user", json!({"user_id": "nobody@example.com"})).await;
    assert_eq!(e["not_found"]["code"], 1001, "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn get_user_settings_option_reads_the_special_structure() {
    let mut env = Env::new().await;
    let got = env.ok("get-user-settings", json!({"option": "meeting_security"})).await;
    let settings: Value = serde_json::from_str(got["settings"].as_str().unwrap()).unwrap();
    assert!(settings["meeting_security"].is_object(), "{settings}");
    assert!(settings.get("in_meeting").is_none());
    let gets = api_requests(&env, "GET", "/users/me/settings");
    assert_eq!(param(&gets[0], "option"), Some("meeting_security"));
}

#[tokio::test(flavor = "multi_thread")]
async fn update_user_settings_meeting_security_option_round_trips() {
    let mut env = Env::new().await;
    let updated = env
        .ok(
            "update-user-settings",
            json!({"option": "meeting_security", "settings": "{\"meeting_security\": {\"waiting_room\": false}}"}),
        )
        .await;
    let returned: Value = serde_json::from_str(updated["settings"].as_str().unwrap()).unwrap();
    assert_eq!(returned["meeting_security"]["waiting_room"], false, "{returned}");
    let patch = api_requests(&env, "PATCH", "/users/me/settings");
    assert_eq!(param(&patch[0], "option"), Some("meeting_security"));
    let get = api_requests(&env, "GET", "/users/me/settings");
    assert_eq!(param(&get[0], "option"), Some("meeting_security"), "the read-back uses the same option");
}

// Zoom's PATCH body for `option=meeting_authentication` is
// `{"authentication_option": {...}, "meeting_authentication": <boolean>}` (and likewise
// `recording_authentication`), but the component requires every top-level value to be an object.
#[tokio::test(flavor = "multi_thread")]
async fn update_user_settings_meeting_authentication_option_takes_a_boolean() {
    let mut env = Env::new().await;
    let updated = env
        .ok(
            "update-user-settings",
            json!({"option": "meeting_authentication", "settings": "{\"meeting_authentication\": true}"}),
        )
        .await;
    let returned: Value = serde_json::from_str(updated["settings"].as_str().unwrap()).unwrap();
    assert_eq!(returned["meeting_authentication"], true, "{returned}");
    let patch = api_requests(&env, "PATCH", "/users/me/settings");
    assert_eq!(serde_json::from_str::<Value>(&patch[0].body).unwrap(), json!({"meeting_authentication": true}));
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
async fn list_user_channels_of_another_user_are_a_subset() {
    let mut env = Env::new().await;
    let mine = env.ok("list-user-channels", json!({})).await;
    let theirs = env.ok("list-user-channels", json!({"user_id": "blake.licensed@example.com"})).await;
    let ids = |p: &Value| items(p).iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect::<HashSet<_>>();
    assert!(!ids(&theirs).is_empty());
    assert!(ids(&theirs).len() < ids(&mine).len());
    assert!(ids(&theirs).is_subset(&ids(&mine)));
}

#[tokio::test(flavor = "multi_thread")]
async fn list_users_include_fields_and_role_filter_reach_zoom() {
    let mut env = Env::new().await;
    let page = env.ok("list-users", json!({"role_id": "1", "include_field": "host_key"})).await;
    let gets = api_requests(&env, "GET", "/users");
    assert_eq!(param(&gets[0], "role_id"), Some("1"));
    assert_eq!(param(&gets[0], "include_fields"), Some("host_key"));
    assert!(!items(&page).is_empty());
}

// The spec types `include_fields` as ONE of `custom_attributes`, `host_key` (Zoom: "display one of
// the following attributes"), so the input takes one value and a list is refused by name.
#[tokio::test(flavor = "multi_thread")]
async fn list_users_takes_one_include_field_as_the_spec_does() {
    let mut env = Env::new().await;
    env.ok("list-users", json!({"include_field": "custom_attributes"})).await;
    let violations = zoom_host::conformance::check_all(&env.sim.requests());
    assert!(violations.is_empty(), "{violations:?}");
    let e = env.err("list-users", json!({"include_field": ["custom_attributes", "host_key"]})).await;
    assert_eq!(e["invalid_input"]["field"], "include_field");
}

// `GET /users?role_id=1` must list only users with that role.
#[tokio::test(flavor = "multi_thread")]
async fn list_users_role_filter_returns_only_that_role() {
    let mut env = Env::new().await;
    let page = env.ok("list-users", json!({"role_id": "1"})).await;
    assert!(!items(&page).is_empty());
    for u in items(&page) {
        assert_eq!(env.sim.user(u["id"].as_str().unwrap()).unwrap()["role_id"], "1", "{}", u["email"]);
    }
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
