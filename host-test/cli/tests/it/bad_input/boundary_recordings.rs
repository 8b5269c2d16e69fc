//! Boundary inputs of the transcript, recording-file and summary actions, in `boundary`'s form:
//! blank, dotted or over-long meeting ids and file ids, caps outside their range, a delete
//! action Zoom does not know, summary windows that are not UTC or out of order.

use serde_json::json;

use super::boundary::{b, paging, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let long = "9".repeat(129);
    let uuid = p.recorded.1.clone();
    let mut out = Vec::new();
    for action in
        ["get-meeting-transcript", "download-recording-file", "delete-meeting-recordings", "get-meeting-summary"]
    {
        let with = |id: &str| {
            let mut v = json!({"meeting_id": id});
            if action == "download-recording-file" {
                v["file_id"] = json!("f1");
            }
            v
        };
        for id in ["", " \t ", ".", "..", "a\u{7}b", long.as_str()] {
            out.push(b(action, with(id), &["meeting_id"]));
        }
    }
    out.extend([
        b("get-meeting-transcript", json!({"meeting_id": uuid, "max_bytes": 0}), &["max_bytes"]),
        b("get-meeting-transcript", json!({"meeting_id": uuid, "max_bytes": 8_388_609}), &["max_bytes"]),
        b("get-meeting-transcript", json!({"meeting_id": uuid, "max_bytes": -1}), &["max_bytes"]),
        b("download-recording-file", json!({"meeting_id": uuid, "file_id": ""}), &["file_id"]),
        b("download-recording-file", json!({"meeting_id": uuid, "file_id": "f".repeat(129)}), &["file_id"]),
        b("download-recording-file", json!({"meeting_id": uuid, "file_id": "f1", "max_bytes": 0}), &["max_bytes"]),
        b(
            "download-recording-file",
            json!({"meeting_id": uuid, "file_id": "f1", "max_bytes": 33_554_433u64}),
            &["max_bytes"],
        ),
        b("delete-meeting-recordings", json!({"meeting_id": "1", "action": "shred"}), &["action"]),
        b("list-meeting-summaries", json!({"from": "2026-05-01"}), &["from"]),
        b("list-meeting-summaries", json!({"from": "2026-05-01T10:00:00+02:00"}), &["from"]),
        b("list-meeting-summaries", json!({"to": "tomorrow"}), &["to"]),
        b("list-meeting-summaries", json!({"from": "2026-05-02T00:00:00Z", "to": "2026-05-01T00:00:00Z"}), &["to"]),
        b("list-meeting-summaries", json!({"time_filter_field": "created"}), &["time_filter_field"]),
    ]);
    out.extend(paging("list-meeting-summaries", json!({}), 300));
    out
}
