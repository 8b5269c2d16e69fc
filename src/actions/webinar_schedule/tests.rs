use super::*;
use crate::spec_examples::inputs::{create_webinar, update_webinar};
use crate::wit::meeting_types::{ApprovalType, Recurrence, RecurrenceType};
use crate::wit::webinar_types::WebinarQaSettings;
use serde_json::json;

fn field_of(e: Error) -> String {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other}"),
    }
}

fn settings() -> WebinarSettings {
    WebinarSettings {
        host_video: None,
        panelists_video: Some(true),
        practice_session: Some(true),
        hd_video: None,
        hd_video_for_attendees: None,
        send_1080p_video_to_attendees: None,
        on_demand: None,
        approval_type: Some(ApprovalType::Automatic),
        registration_type: None,
        audio: None,
        auto_recording: None,
        alternative_hosts: None,
        close_registration: None,
        show_share_button: None,
        allow_multiple_devices: None,
        registrants_email_notification: None,
        registrants_confirmation_email: None,
        panelists_invitation_email_notification: None,
        registrants_restrict_number: Some(500),
        post_webinar_survey: None,
        survey_url: None,
        contact_name: None,
        contact_email: None,
        global_dial_in_countries: None,
        question_and_answer: Some(WebinarQaSettings {
            enable: Some(true),
            allow_submit_questions: None,
            allow_anonymous_questions: Some(false),
            attendees_can_upvote: None,
            attendees_can_comment: None,
        }),
    }
}

fn daily() -> Recurrence {
    Recurrence {
        recurrence_type: RecurrenceType::Daily,
        repeat_interval: Some(2),
        weekly_days: None,
        monthly_day: None,
        monthly_week: None,
        monthly_week_day: None,
        end_times: Some(3),
        end_date_time: None,
    }
}

fn create_json(input: &CreateWebinarInput) -> Result<Value, Error> {
    let s = Schedule {
        topic: input.topic.as_deref(),
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        recurrence: input.recurrence.as_ref(),
        password: input.password.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
        ..typed(Some(input.webinar_type.unwrap_or(WebinarType::Webinar)))
    };
    schedule::body(&s, &LIMITS, settings_body(input.settings.as_ref(), true)?, true).map(Value::Object)
}

#[test]
fn a_create_sends_type_5_and_the_documented_setting_defaults() {
    let body = create_json(&create_webinar()).unwrap();
    assert_eq!(
        body,
        json!({
            "topic": "Product launch", "type": 5, "start_time": "2027-03-01T16:00:00Z", "duration": 60,
            "settings": {"approval_type": 2, "registration_type": 1, "audio": "both", "auto_recording": "none"}
        })
    );
}

#[test]
fn webinar_settings_and_recurrence_use_zoom_names_and_numbers() {
    let mut i = create_webinar();
    i.webinar_type = Some(WebinarType::RecurringFixedTime);
    i.recurrence = Some(daily());
    i.settings = Some(settings());
    let body = create_json(&i).unwrap();
    assert_eq!(body["type"], 9);
    assert_eq!(body["recurrence"], json!({"type": 1, "repeat_interval": 2, "end_times": 3}));
    let s = &body["settings"];
    assert_eq!((s["panelists_video"].clone(), s["practice_session"].clone()), (json!(true), json!(true)));
    assert_eq!((s["approval_type"].clone(), s["registrants_restrict_number"].clone()), (json!(0), json!(500)));
    assert_eq!(s["question_and_answer"], json!({"enable": true, "allow_anonymous_questions": false}));
    assert!(s.get("participant_video").is_none() && s.get("host_video").is_none());
}

#[test]
fn recurrence_rules_follow_the_webinar_types() {
    let mut i = create_webinar();
    i.recurrence = Some(daily());
    assert_eq!(field_of(create_json(&i).unwrap_err()), "recurrence", "type 5 does not repeat");
    i.webinar_type = Some(WebinarType::RecurringNoFixedTime);
    assert_eq!(create_json(&i).unwrap()["type"], 6);
    i.webinar_type = Some(WebinarType::RecurringFixedTime);
    i.recurrence = None;
    assert_eq!(field_of(create_json(&i).unwrap_err()), "recurrence", "type 9 needs one");
}

#[test]
fn passcodes_may_hold_an_exclamation_mark_unlike_meetings() {
    let mut i = create_webinar();
    i.password = Some("ab!12".into());
    assert_eq!(create_json(&i).unwrap()["password"], "ab!12");
    i.password = Some("ab#12".into());
    assert_eq!(field_of(create_json(&i).unwrap_err()), "password");
    i.password = Some("a".repeat(11));
    assert_eq!(field_of(create_json(&i).unwrap_err()), "password");
}

#[test]
fn a_bad_contact_email_limit_or_extra_settings_names_the_field() {
    let mut s = settings();
    s.contact_email = Some("nobody".into());
    assert_eq!(field_of(settings_body(Some(&s), true).unwrap_err()), "settings.contact_email");
    let mut s = settings();
    s.registrants_restrict_number = Some(20_001);
    assert_eq!(field_of(settings_body(Some(&s), true).unwrap_err()), "settings.registrants_restrict_number");
    let mut i = create_webinar();
    i.extra_settings = Some("[1]".into());
    assert_eq!(field_of(create_json(&i).unwrap_err()), "extra_settings");
    i.extra_settings = Some(r#"{"audio": "voip", "email_language": "de-DE"}"#.into());
    let body = create_json(&i).unwrap();
    assert_eq!(
        (body["settings"]["audio"].clone(), body["settings"]["email_language"].clone()),
        (json!("voip"), json!("de-DE"))
    );
}

#[test]
fn an_update_sends_only_what_was_given() {
    let u = update_webinar();
    let s = Schedule { topic: u.topic.as_deref(), ..typed(u.webinar_type) };
    let body = schedule::body(&s, &LIMITS, settings_body(None, false).unwrap(), false).unwrap();
    assert_eq!(Value::Object(body), json!({"topic": "Product launch, part two"}));
    let s = Schedule { recurrence: None, ..typed(None) };
    assert!(schedule::body(&s, &LIMITS, settings_body(None, false).unwrap(), false).unwrap().is_empty());
}
