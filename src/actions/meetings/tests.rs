use super::*;
use crate::wit::meeting_types::{MeetingSettings, Recurrence, RecurrenceType, TrackingField, Weekday};
use serde_json::json;

fn input() -> CreateMeetingInput {
    CreateMeetingInput {
        start_time: Some("2026-12-01T15:00:00Z".into()),
        ..crate::spec_examples::inputs::create_meeting()
    }
}

fn recurrence() -> Recurrence {
    Recurrence {
        recurrence_type: RecurrenceType::Weekly,
        repeat_interval: Some(1),
        weekly_days: Some(vec![Weekday::Monday, Weekday::Thursday]),
        monthly_day: None,
        monthly_week: None,
        monthly_week_day: None,
        end_times: Some(4),
        end_date_time: None,
    }
}

fn field_of(e: Error) -> String {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other}"),
    }
}

#[test]
fn create_body_wire_format_with_documented_defaults() {
    let mut i = input();
    i.tracking_fields = Some(vec![TrackingField { field: "team".into(), value: "ops".into() }]);
    assert_eq!(
        create_body(&i).unwrap(),
        json!({
            "topic": "Planning", "type": 2, "start_time": "2026-12-01T15:00:00Z", "duration": 45,
            "settings": {"approval_type": 2, "registration_type": 1, "audio": "both", "auto_recording": "none"},
            "tracking_fields": [{"field": "team", "value": "ops"}]
        })
    );
}

#[test]
fn recurrence_is_encoded_with_zoom_numbers() {
    let mut i = input();
    i.meeting_type = Some(MeetingType::RecurringFixedTime);
    i.recurrence = Some(recurrence());
    let body = create_body(&i).unwrap();
    assert_eq!(body["type"], 8);
    assert_eq!(body["recurrence"], json!({"type": 2, "repeat_interval": 1, "weekly_days": "2,5", "end_times": 4}));
}

#[test]
fn extra_settings_are_merged_and_win() {
    let mut i = input();
    i.extra_settings = Some(r#"{"waiting_room": true, "audio": "voip"}"#.into());
    let body = create_body(&i).unwrap();
    assert_eq!(body["settings"]["waiting_room"], true);
    assert_eq!(body["settings"]["audio"], "voip");
}

type Mutation = Box<dyn Fn(&mut CreateMeetingInput)>;

#[test]
fn rule_breaking_inputs_name_their_field() {
    let cases: Vec<(&str, Mutation)> = vec![
        ("topic", Box::new(|i| i.topic = Some("x".repeat(201)))),
        ("agenda", Box::new(|i| i.agenda = Some("x".repeat(2001)))),
        ("password", Box::new(|i| i.password = Some("12345678901".into()))),
        ("password", Box::new(|i| i.password = Some("pass word".into()))),
        ("duration", Box::new(|i| i.duration = Some(0))),
        ("start_time", Box::new(|i| i.start_time = Some("next tuesday".into()))),
        ("extra_settings", Box::new(|i| i.extra_settings = Some("[]".into()))),
        ("meeting_type", Box::new(|i| i.meeting_type = Some(MeetingType::PersonalMeetingId))),
        ("recurrence", Box::new(|i| i.recurrence = Some(recurrence()))),
        ("recurrence", Box::new(|i| i.meeting_type = Some(MeetingType::RecurringFixedTime))),
        (
            "recurrence.end_times",
            Box::new(|i| {
                i.meeting_type = Some(MeetingType::RecurringFixedTime);
                i.recurrence = Some(Recurrence { end_date_time: Some("2027-01-01T00:00:00Z".into()), ..recurrence() });
            }),
        ),
        (
            "recurrence.end_times",
            Box::new(|i| {
                i.meeting_type = Some(MeetingType::RecurringFixedTime);
                i.recurrence = Some(Recurrence { end_times: Some(61), ..recurrence() });
            }),
        ),
        (
            "recurrence.weekly_days",
            Box::new(|i| {
                i.meeting_type = Some(MeetingType::RecurringFixedTime);
                i.recurrence = Some(Recurrence { weekly_days: None, ..recurrence() });
            }),
        ),
    ];
    for (field, mutate) in cases {
        let mut i = input();
        mutate(&mut i);
        assert_eq!(field_of(create_body(&i).unwrap_err()), field);
    }
}

#[test]
fn parse_meeting_reads_fields_and_keeps_raw() {
    let v = json!({"id": 85746065432u64, "uuid": "u==", "topic": "T", "type": 8, "join_url": "https://j",
        "occurrences": [{"occurrence_id": "1648194360000", "start_time": "2026-12-01T15:00:00Z", "duration": 60, "status": "available"}]});
    let m = parse_meeting(&v).unwrap();
    assert_eq!(m.id, 85746065432);
    assert_eq!(m.meeting_type, MeetingType::RecurringFixedTime);
    assert_eq!(m.occurrences[0].occurrence_id, "1648194360000");
    assert_eq!(serde_json::from_str::<Value>(&m.raw).unwrap(), v);
}

#[test]
fn parse_meeting_without_id_or_with_unknown_type_is_typed() {
    assert!(matches!(parse_meeting(&json!({"topic": "x"})), Err(Error::Unreadable(_))));
    assert!(matches!(parse_meeting(&json!({"id": 1, "type": 77})), Err(Error::Unreadable(_))));
}

fn update_input() -> UpdateMeetingInput {
    UpdateMeetingInput {
        meeting_id: 1,
        occurrence_id: None,
        topic: None,
        meeting_type: None,
        start_time: None,
        duration: None,
        timezone: None,
        password: None,
        agenda: None,
        schedule_for: None,
        template_id: None,
        recurrence: None,
        settings: None,
        tracking_fields: None,
        extra_settings: None,
    }
}

#[test]
fn update_body_sends_only_what_was_given_without_defaults() {
    let settings = MeetingSettings {
        host_video: None,
        participant_video: None,
        join_before_host: None,
        mute_upon_entry: Some(true),
        watermark: None,
        use_pmi: None,
        approval_type: None,
        registration_type: None,
        registrants_email_notification: None,
        audio: None,
        auto_recording: None,
        waiting_room: None,
        alternative_hosts: None,
        global_dial_in_countries: None,
    };
    let i = UpdateMeetingInput { topic: Some("New".into()), settings: Some(settings), ..update_input() };
    assert_eq!(update_body(&i).unwrap(), json!({"topic": "New", "settings": {"mute_upon_entry": true}}));
    assert_eq!(field_of(update_body(&update_input()).unwrap_err()), "input");
}

#[test]
fn type_codes_given_as_text_are_read_and_unreadable_ones_are_named() {
    // Zoom's documents give some codes as strings (a recording's `"type": "1"`); reading "8" as
    // the default would have called a recurring meeting scheduled.
    let m = parse_meeting(&json!({"id": "97763643886", "type": "8"})).unwrap();
    assert_eq!((m.id, m.meeting_type), (97763643886, MeetingType::RecurringFixedTime));
    let e = parse_meeting(&json!({"id": 1, "type": "weekly"})).unwrap_err();
    assert!(matches!(&e, Error::Unreadable(m) if m.contains("`type`")), "{e:?}");
    let e = parse_meeting(&json!({"id": "abc"})).unwrap_err();
    assert!(matches!(&e, Error::Unreadable(m) if m.contains("`id`")), "{e:?}");
}
