use super::*;
use serde_json::json;

/// Every example payload in Zoom's webhook documents (distilled into `spec/webhooks/`).
fn fixtures() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/webhooks");
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for e in index["events"].as_array().unwrap() {
        for file in e["fixtures"].as_array().unwrap() {
            let body: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(file.as_str().unwrap())).unwrap()).unwrap();
            out.push((e["event"].as_str().unwrap().to_owned(), body));
        }
    }
    out
}

#[test]
fn every_documented_example_of_a_modelled_event_parses_typed() {
    let all = fixtures();
    assert!(all.len() >= 26, "{}", all.len());
    for (name, body) in &all {
        let event = parse(name, &body["payload"], body);
        assert!(!matches!(event, ZoomEvent::Other(_)), "{name} fell back to other");
    }
}

#[test]
fn fields_come_from_the_documented_shapes() {
    let all = fixtures();
    let get = |n: &str| all.iter().find(|(name, _)| name == n).map(|(_, b)| parse(n, &b["payload"], b)).unwrap();
    match get("meeting.participant_joined") {
        ZoomEvent::ParticipantJoined(p) => {
            assert_eq!(p.meeting.id, "1234567890");
            assert_eq!(p.participant.email.as_deref(), Some("jchill@example.com"));
            assert!(p.participant.join_time.is_some(), "date_time stands in for join_time in Zoom's example");
        }
        other => panic!("{other:?}"),
    }
    match get("recording.completed") {
        ZoomEvent::RecordingCompleted(r) => {
            assert_eq!(r.meeting.id, "1234567890");
            assert!(r.download_token.is_some());
            assert!(r.files.iter().all(|f| f.download_url.is_some()));
        }
        other => panic!("{other:?}"),
    }
    match get("webinar.registration_approved") {
        ZoomEvent::WebinarRegistrationApproved(r) => {
            assert_eq!(r.registrant.email.as_deref(), Some("jchill@example.com"))
        }
        other => panic!("{other:?}"),
    }
    match get("user.signed_in") {
        ZoomEvent::UserSignedIn(s) => assert_eq!(s.client_type.as_deref(), Some("android")),
        other => panic!("{other:?}"),
    }
    match get("phone.recording_completed") {
        ZoomEvent::PhoneRecordingCompleted(calls) => assert!(calls[0].download_url.is_some()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_and_hollow_events_are_other_with_the_payload() {
    let payload = json!({"object": {"id": 5}});
    assert!(
        matches!(parse("chat_message.sent", &payload, &json!({})), ZoomEvent::Other(o) if o.name == "chat_message.sent")
    );
    assert!(matches!(parse("meeting.created", &json!({"object": {}}), &json!({})), ZoomEvent::Other(_)));
    assert!(matches!(parse("user.created", &json!({}), &json!({})), ZoomEvent::Other(_)));
}

#[test]
fn the_modelled_list_is_exactly_what_parse_types() {
    let all = fixtures();
    for name in MODELLED {
        let (_, body) = all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no example of {name}"));
        assert!(!matches!(parse(name, &body["payload"], body), ZoomEvent::Other(_)), "{name}");
    }
    for (name, _) in &all {
        assert!(MODELLED.contains(&name.as_str()), "{name} parses typed but is not listed");
    }
}

#[test]
fn event_keys_name_the_instance_or_registrant() {
    let reg = json!({"id": 85, "registrant": {"id": "r1"}});
    assert_eq!(key("meeting.registration_created", &reg, 1), "meeting.registration_created:85:r1");
    let rec = json!({"id": 85, "uuid": "u=="});
    assert_eq!(key("recording.completed", &rec, 1), "recording.completed:85:u==");
    assert_eq!(key("meeting.created", &json!({"id": 85}), 1), "meeting.created:85");
    assert_eq!(key("app.deauthorized", &Value::Null, 7), "app.deauthorized:7");
}
