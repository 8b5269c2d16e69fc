//! The user actions (create, get, update, delete and list users): each checks what the component
//! returned and what the simulator now holds or received.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::catalogue_support::{api_requests, items, param};
use crate::harness::{kind, Env};

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
    let violations = zoom_sim::conformance::check_all(&env.sim.requests());
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
