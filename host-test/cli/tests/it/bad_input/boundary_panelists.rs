//! Boundary inputs of the panelist actions, in `boundary`'s form: an empty or over-30 batch, a
//! panelist without a name or with a bad email, an over-long name, a blank or `..` panelist id,
//! out-of-range webinar ids.

use serde_json::{json, Value};

use super::boundary::{b, meeting_ids, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let id = p.webinars[0];
    let many: Vec<Value> = (0..31).map(|i| json!({"name": "P", "email": format!("p{i}@example.com")})).collect();
    let with = |panelists: Value| json!({"webinar_id": id, "panelists": panelists});
    let mut out = vec![
        b("add-webinar-panelists", with(json!([])), &["panelists"]),
        b("add-webinar-panelists", with(json!(many)), &["panelists"]),
        b("add-webinar-panelists", with(json!({"name": "A"})), &["panelists"]),
        b(
            "add-webinar-panelists",
            with(json!([{"email": "a@example.com"}])),
            &["panelists[0].name", "panelists[0]", "name"],
        ),
        b("add-webinar-panelists", with(json!([{"name": " ", "email": "a@example.com"}])), &["panelists[0].name"]),
        b("add-webinar-panelists", with(json!([{"name": "A", "email": "nope"}])), &["panelists[0].email"]),
        b(
            "add-webinar-panelists",
            with(json!([{"name": "x".repeat(65), "email": "a@example.com"}])),
            &["panelists[0].name"],
        ),
        b(
            "add-webinar-panelists",
            with(json!([{"name": "A", "email": "a@example.com", "name_tag_name": "t".repeat(257)}])),
            &["panelists[0].name_tag_name"],
        ),
        b("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": ""}), &["panelist_id"]),
        b("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": ".."}), &["panelist_id"]),
        b("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": "p".repeat(65)}), &["panelist_id"]),
    ];
    out.extend(meeting_ids("list-webinar-panelists", json!({}), "webinar_id", &["webinar_id"]));
    out.extend(meeting_ids(
        "add-webinar-panelists",
        json!({"panelists": [{"name": "A", "email": "a@example.com"}]}),
        "webinar_id",
        &["webinar_id"],
    ));
    out.extend(meeting_ids("remove-webinar-panelist", json!({"panelist_id": "p1"}), "webinar_id", &["webinar_id"]));
    out
}
