use super::*;

const SECRET: &str = "wh-secret-abc123";
const NOW: u64 = 1_800_000_000;

fn request(body: &str, ts: u64, signature: Option<String>) -> WebhookRequest {
    let mut headers = vec![("X-Zm-Request-Timestamp".to_owned(), ts.to_string())];
    let sig = signature.unwrap_or_else(|| sign(SECRET, &ts.to_string(), body.as_bytes()));
    headers.push(("x-zm-signature".to_owned(), sig));
    WebhookRequest { method: "POST".into(), headers, body: body.as_bytes().to_vec() }
}

fn config() -> WebhookConfig {
    WebhookConfig {
        secret_token: Some(SECRET.into()),
        tolerance_seconds: None,
        now_unix_seconds: None,
        seen_signatures: None,
        filter: None,
    }
}

fn rejection(outcome: WebhookOutcome) -> (u16, WebhookRejection) {
    match outcome {
        WebhookOutcome::Rejected(r) => (r.reply.status, r.reason),
        _ => panic!("expected a rejection"),
    }
}

#[test]
fn signature_matches_zoom_documented_construction() {
    // Expected values computed independently: printf 'v0:1:{}' | openssl dgst -sha256 -hmac k
    assert_eq!(sign("k", "1", b"{}"), "v0=6e9d972a495354bb9c6b67038087671e9f624f13ec1d6aef5cce80103860a7f7");
    assert_eq!(encrypt_token("k", "abc"), "342e519ce0ad6c03a36b98eeb3f1d130db4813b9df4d1160eda488d712dc78ee");
}

#[test]
fn verified_event_is_parsed_with_ids() {
    let body = r#"{"event":"meeting.created","event_ts":1800000000123,"payload":{"account_id":"acc","object":{"id":85746065432,"topic":"T"}}}"#;
    match handle(&request(body, NOW, None), &config(), NOW) {
        WebhookOutcome::Event(d) => {
            assert_eq!(d.reply.status, 200);
            assert_eq!(d.event.name, "meeting.created");
            assert_eq!(d.event.event_ts, 1_800_000_000_123);
            assert_eq!(d.event.account_id.as_deref(), Some("acc"));
            assert_eq!(d.event.object_id.as_deref(), Some("85746065432"));
        }
        _ => panic!("expected an event"),
    }
}

#[test]
fn url_validation_answers_encrypted_token() {
    let body = r#"{"event":"endpoint.url_validation","event_ts":1,"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}}"#;
    match handle(&request(body, NOW, None), &config(), NOW) {
        WebhookOutcome::UrlValidation(reply) => {
            let v: Value = serde_json::from_str(&reply.body).unwrap();
            assert_eq!(reply.status, 200);
            assert_eq!(v["plainToken"], "qgg8vlvZRS6UYooatFL8Aw");
            assert_eq!(v["encryptedToken"], encrypt_token(SECRET, "qgg8vlvZRS6UYooatFL8Aw"));
            assert_eq!(v["encryptedToken"].as_str().unwrap().len(), 64);
        }
        _ => panic!("expected validation"),
    }
}

#[test]
fn a_body_changed_after_signing_is_rejected() {
    let body = r#"{"event":"meeting.created","payload":{}}"#;
    let sig = sign(SECRET, &NOW.to_string(), body.as_bytes());
    let tampered = request(r#"{"event":"meeting.deleted","payload":{}}"#, NOW, Some(sig));
    assert_eq!(rejection(handle(&tampered, &config(), NOW)), (401, WebhookRejection::BadSignature));
}

#[test]
fn reserialized_body_does_not_verify() {
    let raw = r#"{"event": "meeting.created", "payload": {}}"#;
    let sig = sign(SECRET, &NOW.to_string(), raw.as_bytes());
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(raw).unwrap()).unwrap();
    assert_eq!(rejection(handle(&request(&compact, NOW, Some(sig)), &config(), NOW)).1, WebhookRejection::BadSignature);
}

#[test]
fn stale_and_future_timestamps_are_rejected_with_skew() {
    let body = r#"{"event":"meeting.created","payload":{}}"#;
    let stale = |ts: u64, c: &WebhookConfig| rejection(handle(&request(body, ts, None), c, NOW)).1;
    assert_eq!(stale(NOW - 5401, &config()), WebhookRejection::StaleTimestamp(5401));
    assert_eq!(stale(NOW + 5500, &config()), WebhookRejection::StaleTimestamp(-5500));
    assert!(
        matches!(handle(&request(body, NOW - 85 * 60, None), &config(), NOW), WebhookOutcome::Event(_)),
        "Zoom's last retry"
    );
    let narrow = WebhookConfig { tolerance_seconds: Some(300), ..config() };
    assert_eq!(stale(NOW - 301, &narrow), WebhookRejection::StaleTimestamp(301));
}

#[test]
fn fails_closed_without_secret_and_names_missing_headers() {
    let body = r#"{"event":"meeting.created","payload":{}}"#;
    let no_secret = WebhookConfig { secret_token: None, ..config() };
    assert_eq!(rejection(handle(&request(body, NOW, None), &no_secret, NOW)), (401, WebhookRejection::MissingSecret));
    let mut r = request(body, NOW, None);
    r.headers.retain(|(k, _)| k != "x-zm-signature");
    assert_eq!(rejection(handle(&r, &config(), NOW)).1, WebhookRejection::MissingHeader("x-zm-signature".into()));
    let mut r = request(body, NOW, None);
    r.method = "GET".into();
    assert_eq!(rejection(handle(&r, &config(), NOW)).0, 405);
}

#[test]
fn signed_garbage_is_malformed_not_a_panic() {
    for body in ["not json", "[]", r#"{"payload":{}}"#, r#"{"event":"endpoint.url_validation","payload":{}}"#] {
        assert!(
            matches!(
                rejection(handle(&request(body, NOW, None), &config(), NOW)).1,
                WebhookRejection::MalformedBody(_)
            ),
            "{body}"
        );
    }
}

#[test]
fn a_delivery_whose_signature_was_seen_is_a_replay() {
    let body = r#"{"event":"meeting.created","payload":{}}"#;
    let r = request(body, NOW, None);
    let sig = r.headers.iter().find(|(k, _)| k == "x-zm-signature").unwrap().1.clone();
    let seen = WebhookConfig { seen_signatures: Some(vec!["v0=other".into(), sig]), ..config() };
    assert_eq!(rejection(handle(&r, &seen, NOW)), (401, WebhookRejection::Replayed));
    assert!(matches!(handle(&r, &config(), NOW), WebhookOutcome::Event(_)));
}

#[test]
fn filters_pass_matching_events_and_acknowledge_the_rest() {
    use crate::wit::triggers::EventFilter;
    let body = r#"{"event":"meeting.started","payload":{"object":{"id":"77","host_id":"h1","uuid":"u"}}}"#;
    let with = |names: Option<Vec<String>>, meeting: Option<&str>, host: Option<&str>| WebhookConfig {
        filter: Some(EventFilter {
            event_names: names,
            meeting_id: meeting.map(Into::into),
            host_id: host.map(Into::into),
        }),
        ..config()
    };
    let run = |c: &WebhookConfig| handle(&request(body, NOW, None), c, NOW);
    assert!(matches!(
        run(&with(Some(vec!["meeting.started".into()]), Some("77"), Some("h1"))),
        WebhookOutcome::Event(_)
    ));
    match run(&with(Some(vec!["meeting.ended".into()]), None, None)) {
        WebhookOutcome::Ignored(i) => assert_eq!((i.reply.status, i.name.as_str()), (200, "meeting.started")),
        _ => panic!("expected ignored"),
    }
    assert!(matches!(run(&with(None, Some("78"), None)), WebhookOutcome::Ignored(_)));
    assert!(matches!(run(&with(None, None, Some("h2"))), WebhookOutcome::Ignored(_)));
    match run(&config()) {
        WebhookOutcome::Event(d) => {
            assert!(matches!(d.event.typed, crate::wit::events::ZoomEvent::MeetingStarted(m) if m.id == "77"))
        }
        _ => panic!("expected event"),
    }
}

#[test]
fn a_signature_in_another_form_or_an_unreadable_timestamp_is_refused() {
    let body = r#"{"event":"meeting.created","payload":{}}"#;
    let upper = sign(SECRET, &NOW.to_string(), body.as_bytes()).to_uppercase().replacen("V0=", "v0=", 1);
    assert_eq!(rejection(handle(&request(body, NOW, Some(upper)), &config(), NOW)).1, WebhookRejection::BadSignature);
    for bad in ["v0=", "v0=abc", "6e9d972a", "v1=00"] {
        assert_eq!(
            rejection(handle(&request(body, NOW, Some(bad.into())), &config(), NOW)).1,
            WebhookRejection::BadSignature
        );
    }
    let mut r = request(body, NOW, Some(sign(SECRET, "soon", body.as_bytes())));
    r.headers[0].1 = "soon".into();
    assert_eq!(rejection(handle(&r, &config(), NOW)), (401, WebhookRejection::StaleTimestamp(i64::MIN)));
}

/// Found by the fuzz properties: a signed timestamp near `i64::MIN` overflowed the skew. With
/// overflow checks that panicked; without them (the release component) the skew wrapped to
/// `i64::MIN`, whose `abs()` is negative, so the delivery passed as fresh.
#[test]
fn a_signed_timestamp_near_i64_min_is_stale_not_an_overflow() {
    let body = r#"{"event":"meeting.created","payload":{"object":{"id":1}}}"#;
    for ts in [i64::MIN, (NOW as i64).wrapping_sub(i64::MIN), i64::MIN + 1] {
        let mut headers = vec![("x-zm-request-timestamp".to_owned(), ts.to_string())];
        headers.push(("x-zm-signature".to_owned(), sign(SECRET, &ts.to_string(), body.as_bytes())));
        let request = WebhookRequest { method: "POST".into(), headers, body: body.as_bytes().to_vec() };
        let (status, reason) = rejection(handle(&request, &config(), NOW));
        assert_eq!(status, 401);
        assert!(matches!(reason, WebhookRejection::StaleTimestamp(skew) if skew > 5400), "{ts}: {reason:?}");
    }
}
