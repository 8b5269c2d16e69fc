use serde_json::{json, Value};
use zoom_runtime::Outcome;
use zoom_sim::{Fault, FaultKind};

use crate::harness::{kind, runtime, Env};

#[tokio::test(flavor = "multi_thread")]
async fn test_connection_works_with_s2s_and_pasted_token() {
    let mut env = Env::new().await;
    let admin = env.sim.admin_user();
    let via_s2s = env.ok("test-connection", json!({})).await;
    assert_eq!(via_s2s["email"], admin["email"]);
    assert_eq!(via_s2s["connection_kind"], "server-to-server");
    env.conn = env.token_conn();
    let via_token = env.ok("test-connection", json!({})).await;
    assert_eq!(via_token["user_id"], admin["id"]);
    assert_eq!(via_token["connection_kind"], "access-token");
}

#[tokio::test(flavor = "multi_thread")]
async fn create_meeting_sends_documented_defaults_and_simulator_holds_it() {
    let mut env = Env::new().await;
    let m = env
        .ok("create-meeting", json!({"topic": "Design review", "start_time": "2030-05-01T15:00:00Z", "duration": 30, "extra_settings": "{\"waiting_room\": true}"}))
        .await;
    let id = m["id"].as_u64().unwrap();
    let stored = env.sim.meeting(id).expect("stored");
    assert_eq!(stored["topic"], "Design review");
    assert_eq!(stored["duration"], 30);
    let sent: Value = serde_json::from_str(
        &env.sim.requests().iter().find(|r| r.method == "POST" && r.path.ends_with("/meetings")).unwrap().body,
    )
    .unwrap();
    assert_eq!(
        sent["settings"],
        json!({"approval_type": 2, "registration_type": 1, "audio": "both", "auto_recording": "none", "waiting_room": true})
    );
    assert_eq!(m["meeting_type"], "scheduled");
    let fetched = env.ok("get-meeting", json!({"meeting_id": id})).await;
    assert_eq!(fetched["topic"], "Design review");
    assert_eq!(fetched["uuid"], stored["uuid"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn get_unknown_meeting_is_typed_not_found() {
    let mut env = Env::new().await;
    let e = env.err("get-meeting", json!({"meeting_id": 1})).await;
    assert_eq!(e["not_found"]["status"], 404);
    assert_eq!(e["not_found"]["code"], 3001);
}

#[tokio::test(flavor = "multi_thread")]
async fn rule_breaking_input_is_rejected_before_any_request() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env.err("create-meeting", json!({"topic": "x", "password": "far-too-long-passcode"})).await;
    assert_eq!(e["invalid_input"]["field"], "password");
    let e =
        env.err("add-meeting-registrant", json!({"meeting_id": 5, "email": "not-an-email", "first_name": "A"})).await;
    assert_eq!(e["invalid_input"]["field"], "email");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
}

#[tokio::test(flavor = "multi_thread")]
async fn wrongly_typed_json_names_the_field_without_a_trap() {
    let mut env = Env::new().await;
    let cases = [
        (json!({"duration": "long"}), "duration"),
        (json!({"duration": -5}), "duration"),
        (json!({"meeting_type": "party"}), "meeting_type"),
        (json!({"settings": {"audio": 3}}), "settings.audio"),
        (json!({"topic": "x", "colour": "red"}), "colour"),
        (json!({"recurrence": {"repeat_interval": 1}}), "recurrence.recurrence_type"),
    ];
    for (input, field) in cases {
        let e = env.err("create-meeting", input).await;
        assert_eq!(e["invalid_input"]["field"], field, "{e}");
    }
    let e = env.err("get-meeting", json!({"meeting_id": 18446744073709551615u64})).await;
    assert_eq!(e["invalid_input"]["field"], "meeting_id");
    assert!(!env.connector.poisoned());
}

#[tokio::test(flavor = "multi_thread")]
async fn list_meetings_fetches_all_pages_and_cursor_pages() {
    let mut env = Env::new().await;
    for i in 0..7 {
        env.ok("create-meeting", json!({"topic": format!("M{i}"), "start_time": "2030-02-01T10:00:00Z"})).await;
    }
    env.sim.clear_requests();
    let all = env.ok("list-meetings", json!({"paging": {"all": {"page_size": 3}}})).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 7);
    assert_eq!(all["next_page_token"], Value::Null);
    assert_eq!(env.hits("/meetings"), 3, "7 meetings in pages of 3");

    let first = env.ok("list-meetings", json!({"paging": {"page": {"page_size": 3}}})).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    let token = first["next_page_token"].as_str().expect("a cursor").to_owned();
    let second = env.ok("list-meetings", json!({"paging": {"page": {"page_size": 3, "next_page_token": token}}})).await;
    let topics = |v: &Value| {
        v["items"].as_array().unwrap().iter().map(|m| m["topic"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert!(topics(&first).iter().all(|t| !topics(&second).contains(t)), "pages overlap");

    // A cap of 4 over pages of 3 stops at 3, and the cursor continues with the fourth meeting.
    let capped = env.ok("list-meetings", json!({"paging": {"all": {"page_size": 3, "max_items": 4}}})).await;
    assert_eq!(topics(&capped), topics(&first));
    let token = capped["next_page_token"].as_str().expect("a cursor").to_owned();
    let rest = env.ok("list-meetings", json!({"paging": {"page": {"page_size": 3, "next_page_token": token}}})).await;
    assert_eq!(topics(&rest), topics(&second), "nothing between the cap and the cursor is skipped");
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_cursor_is_zoom_invalid_input() {
    let mut env = Env::new().await;
    let e = env.err("list-meetings", json!({"paging": {"page": {"next_page_token": "bogus-token"}}})).await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn registrants_are_added_and_listed_across_pages() {
    let mut env = Env::new().await;
    let id = env.registration_meeting().await;
    for i in 0..7 {
        let r = env
            .ok(
                "add-meeting-registrant",
                json!({"meeting_id": id, "email": format!("p{i}@example.com"), "first_name": "P", "city": "Oslo"}),
            )
            .await;
        assert_eq!(r["meeting_id"], id);
        assert!(r["registrant_id"].as_str().is_some_and(|s| !s.is_empty()));
    }
    assert_eq!(env.sim.registrants(id).len(), 7);
    assert_eq!(env.sim.registrants(id)[0]["city"], "Oslo");
    env.sim.clear_requests();
    let page = env.ok("list-meeting-registrants", json!({"meeting_id": id, "paging": {"all": {"page_size": 2}}})).await;
    let emails: Vec<&str> = page["items"].as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 7);
    assert_eq!(env.hits("/registrants"), 4);
    let pending = env.ok("list-meeting-registrants", json!({"meeting_id": id, "status": "pending"})).await;
    assert_eq!(pending["items"].as_array().unwrap().len(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn registrant_for_meeting_without_registration_is_zoom_error() {
    let mut env = Env::new().await;
    let m = env.ok("create-meeting", json!({"topic": "No reg"})).await;
    let e = env
        .err("add-meeting-registrant", json!({"meeting_id": m["id"], "email": "a@example.com", "first_name": "A"}))
        .await;
    assert_eq!(e["api"]["code"], 3000, "{e}");
    assert!(env.sim.registrants(m["id"].as_u64().unwrap()).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_reaches_any_route_and_types_errors() {
    let mut env = Env::new().await;
    let r = env.ok("raw-request", json!({"method": "get", "path": "/users/me"})).await;
    assert_eq!(r["status"], 200);
    let me: Value = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
    assert_eq!(me["email"], env.sim.admin_user()["email"]);
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/nobody@example.com"})).await;
    assert_eq!(e["not_found"]["code"], 1001);
    let e = env.err("raw-request", json!({"method": "get", "path": "https://elsewhere.example/v2"})).await;
    assert_eq!(e["invalid_input"]["field"], "path");
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limit_is_retried_after_retry_after() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await;
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::RateLimited { retry_after_secs: 1 },
        times: 1,
    });
    env.sim.clear_requests();
    env.ok("test-connection", json!({})).await;
    let statuses: Vec<u16> = env.sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 200]);
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_token_is_renewed_once() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await;
    assert_eq!(env.sim.token_requests(), 1);
    env.ok("test-connection", json!({})).await;
    assert_eq!(env.sim.token_requests(), 1, "the token is cached within the instance");
    env.sim.expire_all_tokens();
    env.ok("test-connection", json!({})).await;
    assert_eq!(env.sim.token_requests(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_credentials_are_unauthorized_and_secret_free() {
    let mut env = Env::new().await;
    env.conn["server_to_server"]["client_secret"] = json!("wrong-secret-value-123");
    let e = env.err("test-connection", json!({})).await;
    assert_eq!(kind(&e), "unauthorized");
    assert!(!e.to_string().contains("wrong-secret-value-123"));
    env.conn = json!({"access_token": {"token": "not-a-real-token-456", "api_base_url": env.sim.api_url()}});
    let e = env.err("test-connection", json!({})).await;
    assert_eq!(kind(&e), "unauthorized");
    assert!(!e.to_string().contains("not-a-real-token-456"));
}

#[tokio::test(flavor = "multi_thread")]
async fn hosts_outside_the_allow_list_are_refused() {
    let mut env = Env::new().await;
    env.conn = json!({"access_token": {"token": "t", "api_base_url": "http://127.0.0.2:9/v2"}});
    let e = env.err("test-connection", json!({})).await;
    assert_eq!(kind(&e), "transport");
    assert!(e["transport"].as_str().unwrap().contains("HttpRequestDenied"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_exported_action_is_listed() {
    let ids: Vec<String> = runtime().functions(zoom_runtime::ACTIONS).unwrap().into_iter().map(|f| f.name).collect();
    for id in [
        "test-connection",
        "create-meeting",
        "get-meeting",
        "list-meetings",
        "add-meeting-registrant",
        "list-meeting-registrants",
        "raw-request",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
    let mut env = Env::new().await;
    assert!(env.connector.action("no-such-action", &env.conn.clone(), &json!({})).await.is_err());
    assert!(matches!(env.run("test-connection", json!({"x": 1})).await, Outcome::Err(_)));
}
