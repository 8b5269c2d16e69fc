//! `meeting.summary_completed`: the summary's object names its meeting with `meeting_*` fields,
//! not the `id`/`uuid` of the other meeting events.
//! <https://developers.zoom.us/docs/api/meetings/events/#tag/meeting/POST/meeting.summary_completed>

use serde_json::Value;

use crate::json::text;
use crate::wit::events::{SummaryDetail, SummaryEvent};

/// The typed summary; `None` without a meeting id, which makes the event untyped.
pub(super) fn summary(o: &Value) -> Option<SummaryEvent> {
    let list = |key: &str| o.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    Some(SummaryEvent {
        meeting_id: text(o, "meeting_id").filter(|id| !id.is_empty())?,
        meeting_uuid: text(o, "meeting_uuid"),
        host_id: text(o, "meeting_host_id"),
        host_email: text(o, "meeting_host_email"),
        topic: text(o, "meeting_topic"),
        meeting_start_time: text(o, "meeting_start_time"),
        meeting_end_time: text(o, "meeting_end_time"),
        summary_start_time: text(o, "summary_start_time"),
        summary_end_time: text(o, "summary_end_time"),
        summary_created_time: text(o, "summary_created_time"),
        summary_last_modified_time: text(o, "summary_last_modified_time"),
        summary_title: text(o, "summary_title"),
        summary_overview: text(o, "summary_overview"),
        summary_details: list("summary_details")
            .iter()
            .map(|d| SummaryDetail {
                label: text(d, "label").unwrap_or_default(),
                summary: text(d, "summary").unwrap_or_default(),
            })
            .collect(),
        next_steps: list("next_steps").iter().filter_map(|s| s.as_str().map(str::to_owned)).collect(),
        summary_content: text(o, "summary_content"),
        summary_doc_url: text(o, "summary_doc_url"),
    })
}
