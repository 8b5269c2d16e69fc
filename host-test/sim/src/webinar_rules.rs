//! What `POST /users/{userId}/webinars` and `PATCH /webinars/{webinarId}`
//! accept (the request schema in Meetings.json; webinar settings differ from
//! meeting settings), and the settings a new webinar starts from.

use super::meeting_rules::check_recurrence;
use super::validate::Checker;
use serde_json::{json, Map, Value};

const SETTING_BOOLS: &[&str] = &[
    "allow_multiple_devices",
    "alternative_host_update_polls",
    "close_registration",
    "enforce_login",
    "hd_video",
    "hd_video_for_attendees",
    "host_video",
    "panelist_authentication",
    "meeting_authentication",
    "add_watermark",
    "add_audio_watermark",
    "notify_registrants",
    "on_demand",
    "panelists_invitation_email_notification",
    "panelists_video",
    "post_webinar_survey",
    "practice_session",
    "registrants_confirmation_email",
    "registrants_email_notification",
    "send_1080p_video_to_attendees",
    "show_share_button",
    "show_join_info",
    "enable_session_branding",
    "request_permission_to_unmute_participants",
    "allow_host_control_participant_mute_state",
    "email_in_attendee_report",
];

const SETTING_STRINGS: &[&str] = &[
    "alternative_hosts",
    "authentication_domains",
    "authentication_option",
    "contact_name",
    "email_language",
    "enforce_login_domains",
    "survey_url",
];

const SETTING_OBJECTS: &[&str] = &[
    "attendees_and_panelists_reminder_email_notification",
    "follow_up_absentees_email_notification",
    "follow_up_attendees_email_notification",
    "language_interpretation",
    "sign_language_interpretation",
];

/// Every invalid field of a create or update body, dotted (`settings.audio`).
/// The schema caps neither `topic` nor `agenda`.
pub(crate) fn check(body: &Map<String, Value>) -> Vec<String> {
    let mut c = Checker::new(body, "");
    c.string("topic", usize::MAX);
    c.int_enum("type", &[5, 6, 9]);
    c.datetime("start_time");
    c.int("duration", 1, i64::from(u32::MAX));
    c.string("timezone", 64);
    if let Some(p) = c.string("password", 10) {
        if !p.chars().all(|ch| ch.is_ascii_alphanumeric() || "@-_*!".contains(ch)) {
            c.fail("password");
        }
    }
    c.boolean("default_passcode");
    c.string("agenda", usize::MAX);
    c.string("schedule_for", 128);
    c.string("template_id", 128);
    c.boolean("is_simulive");
    c.string("record_file_id", 128);
    c.boolean("transition_to_live");
    if let Some(fields) = c.array("tracking_fields") {
        if !fields.iter().all(|f| f.get("field").is_some_and(Value::is_string)) {
            c.fail("tracking_fields");
        }
    }
    c.nested("recurrence", check_recurrence);
    c.nested("settings", check_settings);
    c.errors
}

fn check_settings(s: &mut Checker) {
    for key in SETTING_BOOLS {
        s.boolean(key);
    }
    for key in SETTING_STRINGS {
        s.string(key, 1024);
    }
    for key in SETTING_OBJECTS {
        s.object(key);
    }
    s.array("global_dial_in_countries");
    s.array("additional_data_center_regions");
    s.int_enum("approval_type", &[0, 1, 2]);
    s.int_enum("registration_type", &[1, 2, 3]);
    s.int("registrants_restrict_number", 0, 20_000);
    s.string_enum("audio", &["both", "telephony", "voip", "thirdParty"]);
    s.string_enum("auto_recording", &["local", "cloud", "none"]);
    s.string("audio_conference_info", 2048);
    s.email("contact_email", 128);
    s.nested("question_and_answer", |q| {
        for key in [
            "enable",
            "allow_submit_questions",
            "allow_anonymous_questions",
            "attendees_can_upvote",
            "attendees_can_comment",
            "allow_auto_reply",
        ] {
            q.boolean(key);
        }
        q.string_enum("answer_questions", &["only", "all"]);
    });
}

/// The settings a new webinar of `host` starts from; a body's settings are
/// merged over it key by key.
pub(crate) fn default_settings(host: &Value) -> Map<String, Value> {
    let v = json!({
        "host_video": false,
        "panelists_video": false,
        "practice_session": false,
        "hd_video": false,
        "hd_video_for_attendees": false,
        "send_1080p_video_to_attendees": false,
        "approval_type": 2,
        "registration_type": 1,
        "audio": "both",
        "auto_recording": "none",
        "enforce_login": false,
        "close_registration": false,
        "show_share_button": false,
        "allow_multiple_devices": false,
        "on_demand": false,
        "global_dial_in_countries": ["US"],
        "contact_name": host["display_name"],
        "contact_email": host["email"],
        "registrants_restrict_number": 0,
        "registrants_confirmation_email": true,
        "registrants_email_notification": true,
        "panelists_invitation_email_notification": true,
        "post_webinar_survey": false,
        "meeting_authentication": false,
        "email_language": "en-US",
        "alternative_hosts": "",
        "request_permission_to_unmute_participants": false,
        "question_and_answer": {"enable": true, "allow_anonymous_questions": true, "attendees_can_upvote": true}
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!("a literal object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(v: Value) -> Vec<String> {
        check(v.as_object().unwrap())
    }

    #[test]
    fn a_full_webinar_body_passes() {
        let body = json!({
            "topic": "Launch", "type": 9, "start_time": "2030-01-01T10:00:00Z", "duration": 90,
            "password": "ab!1", "default_passcode": false, "agenda": "a".repeat(5000),
            "recurrence": {"type": 2, "weekly_days": "2", "end_times": 3},
            "settings": {"panelists_video": true, "practice_session": true, "approval_type": 0,
                         "question_and_answer": {"enable": true, "answer_questions": "all"},
                         "contact_email": "host@example.com"}
        });
        assert_eq!(errs(body), Vec::<String>::new());
    }

    #[test]
    fn names_each_invalid_field() {
        let body = json!({
            "type": 2, "duration": 0, "password": "ab#", "start_time": "soon",
            "recurrence": {"type": 4},
            "settings": {"approval_type": 3, "panelists_video": "yes", "contact_email": "nobody",
                         "question_and_answer": {"answer_questions": "some"}}
        });
        assert_eq!(
            errs(body),
            [
                "type",
                "start_time",
                "duration",
                "password",
                "recurrence.type",
                "settings.panelists_video",
                "settings.approval_type",
                "settings.contact_email",
                "settings.question_and_answer.answer_questions"
            ]
        );
    }
}
