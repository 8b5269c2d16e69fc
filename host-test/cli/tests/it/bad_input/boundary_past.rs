//! Boundary inputs of the actions that read ended meetings and webinars (polls, Q&A), in `boundary`'s form.

use serde_json::json;

use super::boundary::{b, meeting_ids, paging, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let long = "9".repeat(129);
    let uuid = p.recorded.1.clone();
    let mut out = vec![
        b("get-past-meeting", json!({"meeting_id": ""}), &["meeting_id"]),
        b("get-past-meeting", json!({"meeting_id": " \t "}), &["meeting_id"]),
        b("get-past-meeting", json!({"meeting_id": long}), &["meeting_id"]),
        b("get-past-meeting", json!({"meeting_id": "."}), &["meeting_id"]),
        b("get-past-meeting", json!({"meeting_id": "a\u{7}b"}), &["meeting_id"]),
        b("list-meeting-participants", json!({"meeting_id": ""}), &["meeting_id"]),
        b("list-meeting-participants", json!({"meeting_id": ".."}), &["meeting_id"]),
        b("list-meeting-participants", json!({"meeting_id": uuid, "detailed": "yes"}), &["detailed"]),
        // The instances route takes only the numeric id; a UUID is refused before sending.
        b("list-past-meeting-instances", json!({"meeting_id": uuid}), &["meeting_id"]),
        b("list-past-meeting-polls", json!({"meeting_id": ""}), &["meeting_id"]),
        b("list-past-meeting-polls", json!({"meeting_id": " \t "}), &["meeting_id"]),
        b("list-past-meeting-polls", json!({"meeting_id": long}), &["meeting_id"]),
        b("list-past-meeting-polls", json!({"meeting_id": ".."}), &["meeting_id"]),
        b("list-past-webinar-polls", json!({"webinar_id": ""}), &["webinar_id"]),
        b("list-past-webinar-polls", json!({"webinar_id": "a\u{7}b"}), &["webinar_id"]),
        b("list-past-webinar-polls", json!({"webinar_id": long}), &["webinar_id"]),
        b("list-past-webinar-qa", json!({"webinar_id": " "}), &["webinar_id"]),
        b("list-past-webinar-qa", json!({"webinar_id": "."}), &["webinar_id"]),
    ];
    out.extend(meeting_ids("list-past-meeting-instances", json!({}), "meeting_id", &["meeting_id"]));
    out.extend(paging("list-meeting-participants", json!({"meeting_id": uuid}), 300));
    out.extend(paging("list-meeting-participants", json!({"meeting_id": uuid, "detailed": true}), 300));
    out
}
