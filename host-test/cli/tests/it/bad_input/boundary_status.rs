//! Boundary inputs of the registrant status actions, in `boundary`'s form: an action Zoom does
//! not know, an empty or over-30 list, a registrant with neither id nor email, a bad email.

use serde_json::{json, Value};

use super::boundary::{b, meeting_ids, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let many: Vec<Value> = (0..31).map(|i| json!({"id": format!("r{i}")})).collect();
    let mut out = Vec::new();
    for (action, key, id) in [
        ("update-meeting-registrant-status", "meeting_id", p.reg_meeting),
        ("update-webinar-registrant-status", "webinar_id", p.webinars[0]),
    ] {
        let with = |registrants: Value| json!({key: id, "action": "approve", "registrants": registrants});
        out.extend([
            b(action, json!({key: id, "action": "block", "registrants": [{"id": "a"}]}), &["action"]),
            b(action, json!({key: id, "action": 1, "registrants": [{"id": "a"}]}), &["action"]),
            b(action, with(json!([])), &["registrants"]),
            b(action, with(json!(many.clone())), &["registrants"]),
            b(action, with(json!({"id": "a"})), &["registrants"]),
            b(action, with(json!([{}])), &["registrants[0]"]),
            b(action, with(json!([{"id": " ", "email": ""}])), &["registrants[0]"]),
            b(action, with(json!([{"id": "a"}, {"email": "nope"}])), &["registrants[1].email"]),
            b(action, with(json!([{"id": "9".repeat(65)}])), &["registrants[0].id"]),
            b(action, with(json!([{"id": 5}])), &["registrants[0].id", "registrants.0.id", "id"]),
        ]);
    }
    let rest = json!({"action": "approve", "registrants": [{"id": "a"}]});
    out.extend(meeting_ids("update-meeting-registrant-status", rest.clone(), "meeting_id", &["meeting_id"]));
    out.extend(meeting_ids("update-webinar-registrant-status", rest, "webinar_id", &["webinar_id"]));
    out
}
