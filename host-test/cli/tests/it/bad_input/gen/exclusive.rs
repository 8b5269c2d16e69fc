//! Cross-field rules: fields the WIT says go together or exclude each other, broken on purpose.

use serde_json::{json, Value};

use super::mutate::{rule, Mutated};
use super::valid::Gen;
use crate::bad_input::pools::date;

/// Fields the WIT says go together or exclude each other, broken on purpose.
pub(super) fn exclusive(g: &mut Gen, root: &mut Value) -> Option<Mutated> {
    let p = g.pools;
    let m = root.as_object_mut()?;
    let dt = format!("{}T10:00:00Z", date(p.today + 60));
    Some(match g.action {
        "create-meeting" | "update-meeting" => match g.rng.below(3) {
            0 => {
                m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily", "end_times": 3, "end_date_time": dt}));
                rule(
                    "recurrence: end_times with end_date_time".into(),
                    &["recurrence.end_times", "recurrence.end_date_time"],
                )
            }
            1 => {
                m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                let r = json!({"recurrence_type": "monthly", "monthly_day": 3, "monthly_week": "first", "monthly_week_day": "monday"});
                m.insert("recurrence".into(), r);
                rule(
                    "recurrence: monthly_day with monthly_week".into(),
                    &["recurrence.monthly_day", "recurrence.monthly_week"],
                )
            }
            _ => {
                m.insert("meeting_type".into(), json!("scheduled"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily"}));
                rule("recurrence with a non-recurring meeting_type".into(), &["recurrence", "meeting_type"])
            }
        },
        "create-webinar" | "update-webinar" => match g.rng.below(2) {
            0 => {
                m.insert("webinar_type".into(), json!("recurring_fixed_time"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily", "end_times": 3, "end_date_time": dt}));
                rule(
                    "recurrence: end_times with end_date_time".into(),
                    &["recurrence.end_times", "recurrence.end_date_time"],
                )
            }
            _ => {
                m.insert("webinar_type".into(), json!("webinar"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily"}));
                rule("recurrence with a non-recurring webinar_type".into(), &["recurrence", "webinar_type"])
            }
        },
        "list-user-chat-messages" => match g.rng.below(3) {
            0 => {
                m.insert("to_contact".into(), json!(p.contact));
                m.insert("to_channel".into(), json!(p.channel));
                m.remove("search_type");
                m.remove("search_key");
                rule("to_contact with to_channel".into(), &["to_contact", "to_channel"])
            }
            1 => {
                m.insert("date".into(), json!(date(p.today)));
                m.insert("from".into(), json!(format!("{}T00:00:00Z", date(p.today))));
                rule("date with from".into(), &["date", "from"])
            }
            _ => {
                m.insert("search_type".into(), json!("message"));
                m.remove("search_key");
                rule("search_type without search_key".into(), &["search_type", "search_key"])
            }
        },
        "send-chat-message" => {
            m.insert("to_contact".into(), json!(p.contact));
            m.insert("to_channel".into(), json!(p.channel));
            rule("to_contact with to_channel".into(), &["to_contact", "to_channel"])
        }
        "add-group-members" => {
            m.insert("members".into(), json!([{"id": "u1", "email": "a@example.com"}]));
            rule("a member with id and email".into(), &["members[0].id"])
        }
        "raw-request" => {
            m.insert("method".into(), json!("post"));
            m.insert("path".into(), json!("/users/me/meetings"));
            m.insert("body".into(), json!("{}"));
            m.insert("form_data".into(), json!([["topic", "x"]]));
            rule("body with form_data".into(), &["body", "form_data"])
        }
        "get-meeting-recordings" => {
            m.insert("ttl".into(), json!(60));
            m.insert("include_download_token".into(), json!(false));
            rule("ttl without include_download_token".into(), &["ttl", "include_download_token"])
        }
        "create-user" => {
            m.insert("action".into(), json!("create"));
            m.insert("password".into(), json!("Passw0rdX9"));
            m.remove("user_type");
            m.insert("user_type".into(), json!("basic"));
            rule("password with action create".into(), &["password", "action"])
        }
        "delete-user" => {
            m.insert("transfer_meeting".into(), json!(true));
            m.remove("transfer_email");
            rule("transfer_meeting without transfer_email".into(), &["transfer_email", "transfer_meeting"])
        }
        "get-phone-recordings" | "list-phone-call-logs" => match g.rng.below(3) {
            0 => {
                m.insert("from".into(), json!(date(p.today - 5)));
                m.remove("to");
                rule("from without to".into(), &["from", "to"])
            }
            1 => {
                m.insert("from".into(), json!(date(p.today - 5)));
                m.insert("to".into(), json!(date(p.today - 10)));
                rule("to before from".into(), &["from", "to"])
            }
            _ => {
                m.insert("from".into(), json!(date(p.today - 100)));
                m.insert("to".into(), json!(date(p.today - 40)));
                rule("a 60-day window".into(), &["from", "to"])
            }
        },
        "update-user-settings" => {
            m.remove("option");
            m.insert("settings".into(), json!(r#"{"in_meeting": true}"#));
            rule("a settings group that is not an object".into(), &["settings.in_meeting", "settings"])
        }
        _ => return None,
    })
}
