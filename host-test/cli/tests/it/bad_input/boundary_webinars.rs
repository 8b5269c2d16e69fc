//! Boundary inputs of the webinar scheduling actions and the absentee list, in `boundary`'s form:
//! the webinar types' recurrence rules, passcodes, durations, settings and unknown keys; a UUID or
//! an out-of-range id where Zoom takes only the numeric id; blank or dot-segment UUIDs; paging.

use serde_json::json;

use super::boundary::{b, meeting_ids, paging, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let w = p.webinars[0];
    let past = p.past_webinar.to_string();
    let uuid = p.recorded.1.clone();
    let daily = json!({"recurrence_type": "daily", "end_times": 2});
    let mut out = vec![
        b("create-webinar", json!({"topic": "t", "duration": 0}), &["duration"]),
        b("create-webinar", json!({"topic": "t", "duration": -1}), &["duration"]),
        b("create-webinar", json!({"topic": "t", "password": "12345678901"}), &["password"]),
        b("create-webinar", json!({"topic": "t", "password": "pass#word"}), &["password"]),
        b("create-webinar", json!({"topic": "t", "start_time": "2026-02-30T10:00:00Z"}), &["start_time"]),
        b("create-webinar", json!({"topic": "t", "webinar_type": "party"}), &["webinar_type"]),
        b("create-webinar", json!({"topic": "t", "webinar_type": "recurring_fixed_time"}), &["recurrence"]),
        b("create-webinar", json!({"topic": "t", "recurrence": daily}), &["recurrence"]),
        b(
            "create-webinar",
            json!({"topic": "t", "webinar_type": "recurring_fixed_time",
                   "recurrence": {"recurrence_type": "weekly", "end_times": 2}}),
            &["recurrence.weekly_days"],
        ),
        b(
            "create-webinar",
            json!({"topic": "t", "webinar_type": "recurring_no_fixed_time",
                   "recurrence": {"recurrence_type": "daily", "end_times": 61}}),
            &["recurrence.end_times"],
        ),
        b(
            "create-webinar",
            json!({"topic": "t", "settings": {"contact_email": "nobody"}}),
            &["settings.contact_email"],
        ),
        b("create-webinar", json!({"topic": "t", "settings": {"approval_type": 0}}), &["settings.approval_type"]),
        // A meeting setting is not a webinar setting; nothing is dropped silently.
        b(
            "create-webinar",
            json!({"topic": "t", "settings": {"join_before_host": true}}),
            &["settings.join_before_host"],
        ),
        b(
            "create-webinar",
            json!({"topic": "t", "settings": {"question_and_answer": {"enable": "yes"}}}),
            &["settings.question_and_answer.enable"],
        ),
        b("create-webinar", json!({"topic": "t", "extra_settings": "[1]"}), &["extra_settings"]),
        b("create-webinar", json!({"topic": "t", "default_password": true}), &["default_password"]),
        b("create-webinar", json!({"topic": "t", "user_id": "x".repeat(129)}), &["user_id"]),
        b("update-webinar", json!({"webinar_id": w}), &["input"]),
        b("update-webinar", json!({"webinar_id": w, "duration": 0}), &["duration"]),
        b("update-webinar", json!({"webinar_id": w, "webinar_type": "webinar", "recurrence": daily}), &["recurrence"]),
        b("update-webinar", json!({"webinar_id": w, "template_id": "t1"}), &["template_id"]),
        b("update-webinar", json!({"webinar_id": uuid, "topic": "t"}), &["webinar_id"]),
        b("delete-webinar", json!({"webinar_id": w, "cancel_webinar_reminder": "yes"}), &["cancel_webinar_reminder"]),
        b("delete-webinar", json!({"webinar_id": uuid}), &["webinar_id"]),
        b("list-webinar-absentees", json!({"webinar_id": ""}), &["webinar_id"]),
        b("list-webinar-absentees", json!({"webinar_id": " \t "}), &["webinar_id"]),
        b("list-webinar-absentees", json!({"webinar_id": ".."}), &["webinar_id"]),
        b("list-webinar-absentees", json!({"webinar_id": "9".repeat(129)}), &["webinar_id"]),
        b("list-webinar-absentees", json!({"webinar_id": past, "status": "approved"}), &["status"]),
    ];
    out.extend(meeting_ids("update-webinar", json!({"topic": "t"}), "webinar_id", &["webinar_id"]));
    out.extend(meeting_ids("delete-webinar", json!({}), "webinar_id", &["webinar_id"]));
    out.extend(paging("list-webinar-absentees", json!({"webinar_id": past}), 300));
    out
}
