//! Auth, routing, faults, webhook delivery and server lifecycle.

use super::*;
use crate::server::Response;
use std::net::TcpListener;

#[test]
fn bearer_failures_use_code_124() {
    let sim = Simulator::start().unwrap();
    let msg = |auth: Option<&str>| {
        let r = send(&sim, "GET", "/v2/users/me", auth, Body::None).unwrap();
        assert_eq!(r.err(), (401, 124));
        r.json()["message"].as_str().unwrap().to_string()
    };
    assert_eq!(msg(None), "Access token is required.");
    assert_eq!(msg(Some("Bearer not-a-token")), "Invalid access token.");
    let pasted = format!("Bearer {}", sim.mint_token());
    assert_eq!(send(&sim, "GET", "/v2/users/me", Some(&pasted), Body::None).unwrap().status, 200);
    sim.expire_all_tokens();
    assert_eq!(msg(Some(&pasted)), "Access token is expired.");
    sim.set_token_ttl(0);
    assert_eq!(msg(Some(&format!("Bearer {}", token(&sim)))), "Access token is expired.");
}

#[test]
fn token_endpoint_rejects_bad_clients_and_redacts_the_log() {
    let sim = Simulator::start().unwrap();
    let c = sim.credentials();
    let wrong = format!("Basic {}", STANDARD.encode(format!("{}:wrong", c.client_id)));
    let r = send(&sim, "POST", "/oauth/token", Some(&wrong), Body::Form("grant_type=account_credentials")).unwrap();
    assert_eq!((r.status, r.json()["error"].as_str()), (401, Some("invalid_client")));
    let _ = token(&sim);
    assert_eq!(sim.token_requests(), 1);
    let log = sim.requests();
    assert_eq!(log.len(), 2);
    assert_eq!((log[0].status, log[1].status), (401, 200));
    assert!(log.iter().all(|r| server::find(&r.headers, "authorization") == Some("[redacted]")));
    let dump = format!("{log:?} {c:?}");
    assert!(!dump.contains(&c.client_secret) && !dump.contains(&c.webhook_secret));
    assert!(dump.contains("[redacted]"));
}

#[test]
fn unknown_routes_are_loud_and_wrong_methods_are_405() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let r = send(&sim, "GET", "/v2/webinars/5/polls", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (404, 2300));
    assert_eq!(r.json()["message"], "Simulator has no route for GET /v2/webinars/5/polls");
    let r = send(&sim, "PUT", "/v2/meetings/5", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, PATCH, DELETE"));
    // Zoom has DELETE /meetings/{id}/transcript; the simulator does not, and says so.
    let r = send(&sim, "DELETE", "/v2/meetings/5/transcript", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (404, 2300));
}

#[test]
fn connection_faults_drop_or_apply_writes() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let fault =
        |kind| Fault { method: Some("POST".into()), path_prefix: "/v2/users/me/meetings".into(), kind, times: 1 };

    sim.inject(fault(FaultKind::ResetBeforeBody));
    assert!(send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json("{}")).is_err());
    assert_eq!(sim.meeting_count(), 0);

    sim.inject(fault(FaultKind::ResetAfterBody));
    assert!(send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json(r#"{"topic":"ghost"}"#)).is_err());
    assert_eq!(sim.meeting_count(), 1, "the write happened although no answer came");

    sim.inject(fault(FaultKind::TruncatedJson));
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.status, 201);
    assert!(serde_json::from_str::<Value>(&r.body).is_err());

    sim.inject(fault(FaultKind::RateLimited { retry_after_secs: 3 }));
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.err(), (429, 429));
    assert_eq!((r.header("retry-after"), r.header("x-ratelimit-type")), (Some("3"), Some("QPS")));

    sim.inject(fault(FaultKind::MissingScope("meeting:write:meeting:admin".into())));
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.err(), (400, 4711));
    assert!(r.json()["message"].as_str().unwrap().contains("[meeting:write:meeting:admin]"));

    assert_eq!(sim.meeting_count(), 2);
    let statuses: Vec<(u16, String)> = sim.requests().into_iter().map(|r| (r.status, r.body)).collect();
    assert_eq!(statuses[0], (0, String::new()));
    assert_eq!(statuses[1], (0, r#"{"topic":"ghost"}"#.to_string()));
    assert_eq!(statuses.iter().map(|s| s.0).collect::<Vec<_>>(), [0, 0, 201, 429, 400]);
}

#[test]
fn signed_webhook_reaches_a_loopback_receiver() {
    let sim = Simulator::start().unwrap();
    let receiver = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/zoom/events", receiver.local_addr().unwrap());
    let secret = sim.credentials().webhook_secret;
    let handle = std::thread::spawn(move || {
        let (stream, _) = receiver.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let head = server::read_head(&mut reader).unwrap().unwrap();
        let body = String::from_utf8(server::read_body(&mut reader, &head.headers).unwrap()).unwrap();
        let ts = server::find(&head.headers, "x-zm-request-timestamp").unwrap();
        let expected = format!("v0={}", webhooks::hmac_hex(&secret, &format!("v0:{ts}:{body}")));
        let ok = server::find(&head.headers, "x-zm-signature") == Some(expected.as_str());
        let plain: Value = serde_json::from_str(&body).unwrap();
        let token = plain["payload"]["plainToken"].as_str().unwrap().to_string();
        let answer = json!({"plainToken": token, "encryptedToken": webhooks::hmac_hex(&secret, &token)});
        let resp = Response::json(if ok { 200 } else { 401 }, &answer);
        server::write_response(&mut &stream, &resp, "t", false).unwrap();
        head.path
    });
    let body = url_validation_body("qgg8vlvZRS6UYooatFL8Aw", 1_700_000_000_000);
    let headers = sim.sign_webhook(&body, 1_700_000_000);
    let (status, reply) = sim.deliver_webhook(&url, &body, &headers).unwrap();
    assert_eq!(handle.join().unwrap(), "/zoom/events");
    assert_eq!(status, 200, "{reply}");
    assert_eq!(serde_json::from_str::<Value>(&reply).unwrap()["plainToken"], "qgg8vlvZRS6UYooatFL8Aw");
}

#[test]
fn drop_stops_the_server() {
    let sim = Simulator::start().unwrap();
    let addr = sim.addr;
    drop(sim);
    // Nothing accepts any more: either refused, or accepted by the kernel and closed unanswered.
    let answered = TcpStream::connect(addr).ok().and_then(|mut s| {
        s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
        s.write_all(b"GET /v2/users HTTP/1.1\r\n\r\n").ok()?;
        let mut buf = [0u8; 1];
        s.read(&mut buf).ok().filter(|n| *n > 0)
    });
    assert!(answered.is_none());
}

#[test]
fn simulator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Simulator>();
}
