//! `raw-request` (bodies, response types, timeouts, retries) and missing-scope tokens, checked
//! against what the simulator received and holds.

use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};
use zoom_sim::{Fault, FaultKind, LoggedRequest};

use crate::harness::{kind, Env};

/// Requests to the REST API (not the token endpoint) with this method and path.
fn api_requests(env: &Env, method: &str, path: &str) -> Vec<LoggedRequest> {
    env.sim.requests().into_iter().filter(|r| r.method == method && r.path == path).collect()
}

fn header<'a>(r: &'a LoggedRequest, name: &str) -> Option<&'a str> {
    r.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_json_body_creates_a_meeting_the_simulator_holds() {
    let mut env = Env::new().await;
    let body = json!({"topic": "Raw planning", "type": 2, "start_time": "2030-03-01T09:00:00Z", "duration": 45});
    let r =
        env.ok("raw-request", json!({"method": "post", "path": "/users/me/meetings", "body": body.to_string()})).await;
    assert_eq!(r["status"], 201);
    assert_eq!(r["body_base64"], Value::Null);
    let created: Value = serde_json::from_str(r["body"].as_str().unwrap()).expect("the body is JSON");
    assert_eq!(created["topic"], "Raw planning");
    let id = created["id"].as_u64().expect("a meeting id");
    let stored = env.sim.meeting(id).expect("the simulator holds it");
    assert_eq!(stored["topic"], "Raw planning");
    assert_eq!(stored["duration"], 45);
    let headers = r["headers"].as_array().unwrap();
    assert!(
        headers.iter().any(|h| h[0].as_str().unwrap().eq_ignore_ascii_case("content-type")),
        "response headers are returned: {headers:?}"
    );
    let posts = api_requests(&env, "POST", "/v2/users/me/meetings");
    assert_eq!(posts.len(), 1);
    assert_eq!(header(&posts[0], "content-type"), Some("application/json"));
    assert_eq!(serde_json::from_str::<Value>(&posts[0].body).unwrap(), body);
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_binary_response_is_base64_of_the_same_bytes() {
    let mut env = Env::new().await;
    let text = env.ok("raw-request", json!({"method": "get", "path": "/users/me", "response_type": "text"})).await;
    let binary = env.ok("raw-request", json!({"method": "get", "path": "/users/me", "response_type": "binary"})).await;
    assert_eq!(binary["status"], 200);
    assert_eq!(binary["body"], "", "binary answers leave body empty");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(binary["body_base64"].as_str().expect("body_base64"))
        .expect("valid base64");
    assert_eq!(decoded, text["body"].as_str().unwrap().as_bytes());
    let me: Value = serde_json::from_slice(&decoded).unwrap();
    assert_eq!(me["id"], env.sim.admin_user()["id"]);
    assert_eq!(text["body_base64"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_timeout_gives_up_on_a_slow_answer_quickly() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await; // token fetched before timing
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::Slow(Duration::from_secs(3)),
        times: 1,
    });
    let started = Instant::now();
    let e = env
        .err("raw-request", json!({"method": "get", "path": "/users/me", "timeout_seconds": 1, "max_retries": 0}))
        .await;
    let took = started.elapsed();
    assert_eq!(kind(&e), "transport", "{e}");
    assert!(took < Duration::from_millis(2500), "gave up after {took:?}, not after the 3 s answer");
    assert!(took >= Duration::from_millis(900), "waited the second it was given: {took:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_get_timed_out_once_is_retried_and_succeeds() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await;
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::Slow(Duration::from_secs(3)),
        times: 1,
    });
    let started = Instant::now();
    let r = env
        .ok("raw-request", json!({"method": "get", "path": "/users/me", "timeout_seconds": 1, "retry_delay_ms": 10}))
        .await;
    assert_eq!(r["status"], 200);
    assert!(started.elapsed() < Duration::from_millis(2900), "the retry did not wait for the slow answer");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_without_retries_returns_rate_limited_after_one_request() {
    let mut env = Env::new().await;
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::RateLimited { retry_after_secs: 1 },
        times: 1,
    });
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/me", "max_retries": 0})).await;
    assert_eq!(kind(&e), "rate_limited", "{e}");
    assert_eq!(e["rate_limited"]["retry_after_seconds"], 1);
    assert_eq!(e["rate_limited"]["limit_type"], "QPS");
    let sent = api_requests(&env, "GET", "/v2/users/me");
    assert_eq!(sent.len(), 1, "max_retries 0 sends once");
    assert_eq!(sent[0].status, 429);
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_post_retries_server_errors_only_when_told_to() {
    let mut env = Env::new().await;
    let input = |retry_all: bool| {
        json!({"method": "post", "path": "/users/me/meetings", "body": "{\"topic\": \"Retried\", \"type\": 2, \"start_time\": \"2030-04-01T09:00:00Z\"}",
               "max_retries": 2, "retry_delay_ms": 10, "retry_on_all_errors": retry_all})
    };
    let fault = || Fault {
        method: Some("POST".into()),
        path_prefix: "/v2/users/me/meetings".into(),
        kind: FaultKind::Status(500),
        times: 2,
    };
    env.sim.inject(fault());
    let r = env.ok("raw-request", input(true)).await;
    assert_eq!(r["status"], 201);
    let statuses: Vec<u16> = api_requests(&env, "POST", "/v2/users/me/meetings").iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![500, 500, 201], "exactly three attempts");
    assert_eq!(env.sim.meeting_count(), 1, "one meeting, created by the third attempt");
    let id = serde_json::from_str::<Value>(r["body"].as_str().unwrap()).unwrap()["id"].as_u64().unwrap();
    assert_eq!(env.sim.meeting(id).unwrap()["topic"], "Retried");

    // Without retry_on_all_errors a POST that failed with 500 may have happened: not resent.
    env.sim.clear_requests();
    env.sim.inject(fault());
    let e = env.err("raw-request", input(false)).await;
    assert_eq!(e["api"]["status"], 500, "{e}");
    assert_eq!(api_requests(&env, "POST", "/v2/users/me/meetings").len(), 1);
    assert_eq!(env.sim.meeting_count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_form_data_is_sent_url_encoded() {
    let mut env = Env::new().await;
    let e = env
        .err(
            "raw-request",
            json!({"method": "post", "path": "/users/me/meetings", "form_data": [["topic", "Form meeting"], ["type", "2"]]}),
        )
        .await;
    // The route takes JSON only: Zoom's validation error comes back typed.
    assert_eq!(kind(&e), "invalid_input", "{e}");
    assert!(e["invalid_input"]["message"].as_str().unwrap().contains("JSON"), "{e}");
    let posts = api_requests(&env, "POST", "/v2/users/me/meetings");
    assert_eq!(posts.len(), 1, "a 400 is not retried");
    assert_eq!(header(&posts[0], "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(posts[0].body, "topic=Form%20meeting&type=2");
    assert_eq!(header(&posts[0], "content-length"), Some("27"));
    assert_eq!(posts[0].status, 400);
    assert_eq!(env.sim.meeting_count(), 0);
    // A form body on a JSON route breaks the spec on purpose.
    env.sim.clear_requests();
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_file_data_is_sent_as_multipart() {
    let mut env = Env::new().await;
    let e = env
        .err(
            "raw-request",
            json!({"method": "post", "path": "/users/me/meetings",
            "form_data": [["note", "quarterly"]],
            "file_data": [
                {"field": "file", "file_name": "notes.txt", "content_type": "text/plain", "data": [104, 105, 33]},
                {"field": "extra", "file_name": "blob.bin", "data": [0, 1, 2]}
            ]}),
        )
        .await;
    assert_eq!(kind(&e), "invalid_input", "{e}");
    let posts = api_requests(&env, "POST", "/v2/users/me/meetings");
    assert_eq!(posts.len(), 1);
    let content_type = header(&posts[0], "content-type").expect("a content type");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    assert!(!boundary.is_empty());
    let body = &posts[0].body;
    assert!(
        body.starts_with(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nquarterly\r\n"
        )),
        "{body}"
    );
    assert!(body.contains(
        "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nhi!\r\n"
    ), "{body}");
    assert!(body.contains(
        "name=\"extra\"; filename=\"blob.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\u{0}\u{1}\u{2}\r\n"
    ), "{body}");
    assert!(body.ends_with(&format!("--{boundary}--\r\n")), "{body}");
    assert_eq!(header(&posts[0], "content-length"), Some(body.len().to_string().as_str()));
    assert_eq!(env.sim.meeting_count(), 0);
    env.sim.clear_requests();
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_body_kinds_are_exclusive_and_checked_before_sending() {
    let mut env = Env::new().await;
    let before = env.sim.requests().len();
    let e = env
        .err(
            "raw-request",
            json!({"method": "post", "path": "/users/me/meetings", "body": "{}", "form_data": [["a", "b"]]}),
        )
        .await;
    assert_eq!(e["invalid_input"]["field"], "body", "{e}");
    let e = env.err("raw-request", json!({"method": "post", "path": "/users/me/meetings", "body": "{not json"})).await;
    assert_eq!(e["invalid_input"]["field"], "body", "{e}");
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/me", "timeout_seconds": 0})).await;
    assert_eq!(e["invalid_input"]["field"], "timeout_seconds", "{e}");
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/me", "max_retries": 11})).await;
    assert_eq!(e["invalid_input"]["field"], "max_retries", "{e}");
    let e = env
        .err("raw-request", json!({"method": "get", "path": "/users/me", "headers": [["Authorization", "Bearer x"]]}))
        .await;
    assert_eq!(e["invalid_input"]["field"], "headers[0]", "{e}");
    assert_eq!(env.sim.requests().len(), before, "nothing may be sent for rejected input");
}

#[tokio::test(flavor = "multi_thread")]
async fn token_without_meeting_scope_gets_missing_scope_naming_a_meeting_scope() {
    let mut env = Env::new().await;
    let token = env.sim.mint_token_with_scopes(&["user:read:user:admin"]);
    env.conn = json!({"access_token": {"token": token, "api_base_url": env.sim.api_url()}});
    // The scope it holds works.
    let me = env.ok("test-connection", json!({})).await;
    assert_eq!(me["user_id"], env.sim.admin_user()["id"]);
    let e = env.err("list-meetings", json!({})).await;
    assert_eq!(kind(&e), "missing_scope", "{e}");
    let scope = e["missing_scope"]["scope"].as_str().expect("Zoom names the scope");
    assert!(scope.starts_with("meeting:"), "{scope}");
    assert_eq!(scope, "meeting:read:list_meetings");
    assert!(!e.to_string().contains(&token), "the token is never echoed");
    let sent = api_requests(&env, "GET", "/v2/users/me/meetings");
    assert_eq!(sent.len(), 1, "a missing scope is final");
    assert_eq!(sent[0].status, 400);
    assert_eq!(env.sim.token_requests(), 0, "a pasted token never asks the token endpoint");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_query_and_headers_reach_the_simulator() {
    let mut env = Env::new().await;
    let r = env
        .ok(
            "raw-request",
            json!({"method": "get", "path": "/users", "query": [["status", "pending"], ["page_size", "1"]],
                   "headers": [["X-Request-Tag", "catalogue raw"]]}),
        )
        .await;
    let page: Value = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
    assert_eq!(page["page_size"], 1);
    assert!(page["users"].as_array().unwrap().iter().all(|u| u["status"] == "pending"));
    let sent = api_requests(&env, "GET", "/v2/users");
    assert_eq!(
        sent[0].query,
        vec![("status".to_owned(), "pending".to_owned()), ("page_size".to_owned(), "1".to_owned())]
    );
    assert_eq!(header(&sent[0], "x-request-tag"), Some("catalogue raw"));
    assert_eq!(header(&sent[0], "authorization"), Some("[redacted]"), "the connector adds the bearer token");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_path_segments_are_encoded_and_delete_returns_204() {
    let mut env = Env::new().await;
    let r = env.ok("raw-request", json!({"method": "get", "path": "/users/blake.licensed@example.com"})).await;
    assert_eq!(serde_json::from_str::<Value>(r["body"].as_str().unwrap()).unwrap()["first_name"], "Blake");
    assert_eq!(api_requests(&env, "GET", "/v2/users/blake.licensed%40example.com").len(), 1);
    let m = env.ok("create-meeting", json!({"topic": "Doomed", "start_time": "2030-01-02T10:00:00Z"})).await;
    let id = m["id"].as_u64().unwrap();
    let r = env.ok("raw-request", json!({"method": "delete", "path": format!("/meetings/{id}")})).await;
    assert_eq!(r["status"], 204);
    assert_eq!(r["body"], "");
    assert!(env.sim.meeting(id).is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_refuses_escaped_dot_segments_and_slashes_before_sending() {
    let mut env = Env::new().await;
    env.sim.clear_requests();
    for path in ["/%2e%2e/other", "/users/%2E./x", "/users/a%2Fb", "/users/%5C..", "/users/%zz"] {
        let e = env.err("raw-request", json!({"method": "get", "path": path})).await;
        assert_eq!(e["invalid_input"]["field"], "path", "{path}: {e}");
    }
    assert!(env.sim.requests().iter().all(|r| r.path == "/oauth/token"), "nothing reached the API");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_daily_limit_is_returned_without_sleeping() {
    let mut env = Env::new().await;
    env.sim.inject(Fault {
        method: None,
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::DailyLimit { reset_at: "2030-01-01T00:00:00Z".into() },
        times: 5,
    });
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/me"})).await;
    assert_eq!(e["rate_limited"]["reset_at"], "2030-01-01T00:00:00Z", "{e}");
    assert_eq!(e["rate_limited"]["limit_type"], "Daily-limit");
    assert_eq!(e["rate_limited"]["retry_after_seconds"], Value::Null);
    assert_eq!(api_requests(&env, "GET", "/v2/users/me").len(), 1, "a daily limit is never retried");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_truncated_json_is_transport_but_text_is_returned() {
    let mut env = Env::new().await;
    let fault = || Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::TruncatedJson,
        times: 1,
    };
    env.sim.inject(fault());
    let e = env.err("raw-request", json!({"method": "get", "path": "/users/me"})).await;
    assert_eq!(kind(&e), "transport", "{e}");
    env.sim.inject(fault());
    let r = env.ok("raw-request", json!({"method": "get", "path": "/users/me", "response_type": "text"})).await;
    let body = r["body"].as_str().unwrap();
    assert!(body.starts_with('{') && serde_json::from_str::<Value>(body).is_err(), "{body}");
}
