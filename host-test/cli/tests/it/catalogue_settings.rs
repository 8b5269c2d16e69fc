//! The user settings actions (get-user-settings, update-user-settings, with and without an
//! `option`): each checks what the component returned and what the simulator now holds or received.

use serde_json::{json, Value};

use crate::catalogue_support::{api_requests, param};
use crate::harness::Env;

// ---------------------------------------------------------------------------------------------
// get-user-settings

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
async fn get_user_settings_option_reads_the_special_structure() {
    let mut env = Env::new().await;
    let got = env.ok("get-user-settings", json!({"option": "meeting_security"})).await;
    let settings: Value = serde_json::from_str(got["settings"].as_str().unwrap()).unwrap();
    assert!(settings["meeting_security"].is_object(), "{settings}");
    assert!(settings.get("in_meeting").is_none());
    let gets = api_requests(&env, "GET", "/users/me/settings");
    assert_eq!(param(&gets[0], "option"), Some("meeting_security"));
}

// ---------------------------------------------------------------------------------------------
// update-user-settings

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
