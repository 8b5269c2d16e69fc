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

#[test]
fn each_update_and_each_deleted_occurrence_is_its_own_event() {
    let object = json!({"id": 85, "topic": "New title"});
    let first = key("webinar.updated", &object, 1_700_000_000_000);
    assert_eq!(first, "webinar.updated:85:1700000000000");
    assert_ne!(first, key("webinar.updated", &object, 1_700_000_060_000), "a second update is not a replay");
    assert_eq!(key("meeting.updated", &object, 5), "meeting.updated:85:5");
    let one =
        json!({"id": 85, "occurrences": [{"occurrence_id": "1700000000000", "start_time": "2023-11-14T22:13:20Z"}]});
    let other = json!({"id": 85, "occurrences": [{"occurrence_id": "1700604800000"}]});
    assert_eq!(key("webinar.deleted", &one, 1), "webinar.deleted:85:1700000000000");
    assert_ne!(key("meeting.deleted", &one, 1), key("meeting.deleted", &other, 2));
    assert_eq!(key("webinar.deleted", &json!({"id": 85}), 9), "webinar.deleted:85", "the series goes once");
}

#[test]
fn approvals_cancellations_and_status_changes_can_happen_again() {
    let reg = json!({"id": 85, "registrant": {"id": "r1"}});
    assert_eq!(key("webinar.registration_approved", &reg, 7), "webinar.registration_approved:85:r1:7");
    assert_ne!(key("meeting.registration_cancelled", &reg, 7), key("meeting.registration_cancelled", &reg, 8));
    assert_eq!(
        key("webinar.registration_created", &reg, 7),
        "webinar.registration_created:85:r1",
        "as reconcile rebuilds it"
    );
    let user = json!({"id": "u1", "email": "a@example.com"});
    assert_ne!(key("user.deactivated", &user, 1), key("user.deactivated", &user, 2));
    assert_eq!(key("user.activated", &user, 3), "user.activated:u1:3");
    assert_eq!(key("user.created", &user, 3), "user.created:u1");
}

#[test]
fn summaries_and_ended_calls_are_typed_from_zooms_examples() {
    let all = fixtures();
    let get = |n: &str| all.iter().find(|(name, _)| name == n).map(|(_, b)| parse(n, &b["payload"], b)).unwrap();
    match get("meeting.summary_completed") {
        ZoomEvent::MeetingSummaryCompleted(s) => {
            assert_eq!(
                (s.meeting_id.as_str(), s.meeting_uuid.as_deref()),
                ("97763643886", Some("aDYlohsHRtCd4ii1uC2+hA=="))
            );
            assert_eq!(s.host_email.as_deref(), Some("jchill@example.com"));
            assert_eq!(s.summary_title.as_deref(), Some("Meeting Summary for my meeting"));
            assert_eq!(s.summary_overview.as_deref(), Some("Meeting Overview"));
            assert_eq!(s.summary_end_time.as_deref(), Some("2020-07-15T23:30:19Z"));
            assert_eq!((s.summary_details.len(), s.next_steps.as_slice()), (1, ["step1".to_owned()].as_slice()));
            assert!(s.summary_content.as_deref().is_some_and(|c| c.starts_with("## Key takeaways")));
        }
        other => panic!("{other:?}"),
    }
    match get("phone.callee_ended") {
        ZoomEvent::PhoneCalleeEnded(c) => {
            assert_eq!(c.call_id, "6998252113337041462");
            assert_eq!(c.caller.phone_number.as_deref(), Some("+12092592844"));
            assert_eq!(c.callee.phone_number.as_deref(), Some("+12058945456"));
            assert_eq!(c.callee.extension_number.as_deref(), Some("1002"), "a number in the example, text here");
            assert_eq!(c.answer_start_time.as_deref(), Some("2021-08-19T21:12:38Z"));
            assert_eq!(c.call_end_time.as_deref(), Some("2021-08-19T21:12:44Z"));
            assert_eq!(c.hangup_result.as_deref(), Some("Call connected"));
        }
        other => panic!("{other:?}"),
    }
    let summary = json!({"meeting_id": 97, "meeting_uuid": "u=="});
    assert_eq!(key("meeting.summary_completed", &summary, 1), "meeting.summary_completed:97:u==");
    assert_eq!(key("phone.callee_ended", &json!({"call_id": "69"}), 1), "phone.callee_ended:69");
    assert!(matches!(parse("phone.callee_ended", &json!({"object": {}}), &json!({})), ZoomEvent::Other(_)));
}
