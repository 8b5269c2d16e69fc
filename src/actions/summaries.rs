//! AI Companion meeting summaries: one meeting's, and the account's list in a time window.
//! <https://developers.zoom.us/docs/api/meetings/#tag/summaries>

use serde_json::Value;

use crate::error::Error;
use crate::http::url::instance_path;
use crate::http::{paging, Call, Client, Method};
use crate::json::{number, text};
use crate::time::unix_seconds;
use crate::validate;
use crate::wit::recording_types::{
    GetMeetingSummaryInput, ListMeetingSummariesInput, MeetingSummary, MeetingSummaryItem, MeetingSummaryPage,
    SummaryDetail, SummaryTimeField,
};

const MAX_PAGE_SIZE: u32 = 300;

/// `GET /meetings/{meetingId}/meeting_summary`.
pub(crate) fn get(client: &Client, input: &GetMeetingSummaryInput) -> Result<MeetingSummary, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    parse(&client.send_json(&Call::new(Method::Get, format!("/meetings/{id}/meeting_summary")))?)
}

/// `GET /meetings/meeting_summaries` with `from`/`to` (UTC, `Z`), `time_filter_field` and paging.
pub(crate) fn list(client: &Client, input: &ListMeetingSummariesInput) -> Result<MeetingSummaryPage, Error> {
    let from = window_end("from", input.from.as_deref())?;
    let to = window_end("to", input.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(Error::invalid("to", "must not be before from"));
        }
    }
    let field = input.time_filter_field.map(|f| match f {
        SummaryTimeField::SummaryStartTime => "summary_start_time",
        SummaryTimeField::SummaryCreatedTime => "summary_created_time",
    });
    let gathered = paging::gather(
        input.paging.as_ref(),
        "summaries",
        MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, "/meetings/meeting_summaries")
                .query("page_size", size)
                .query("next_page_token", token)
                .query("from", input.from.as_deref().map(str::trim))
                .query("to", input.to.as_deref().map(str::trim))
                .query("time_filter_field", field);
            client.send_json(&call)
        },
        item,
    )?;
    Ok(MeetingSummaryPage { items: gathered.items, next_page_token: gathered.next_page_token })
}

/// Zoom takes only `yyyy-MM-ddTHH:mm:ssZ` here.
fn window_end(field: &str, value: Option<&str>) -> Result<Option<u64>, Error> {
    let Some(v) = value.map(str::trim) else { return Ok(None) };
    validate::date_time(field, Some(v))?;
    if v.len() != 20 || !v.ends_with('Z') {
        return Err(Error::invalid(field, "must be UTC like 2026-05-01T15:00:00Z"));
    }
    Ok(unix_seconds(v))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    let list = v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn parse(v: &Value) -> Result<MeetingSummary, Error> {
    let meeting_uuid = text(v, "meeting_uuid")
        .ok_or_else(|| Error::Unreadable("Zoom's meeting summary has no `meeting_uuid`".to_owned()))?;
    // The host's edits replace Zoom's text in the summary people read, so they win here too.
    let edited = v.get("edited_summary");
    let edited_text = |k: &str| edited.and_then(|e| text(e, k)).filter(|t| !t.trim().is_empty());
    let edited_steps = strings(edited.and_then(|e| e.get("next_steps")));
    let details = v.get("summary_details").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    Ok(MeetingSummary {
        meeting_uuid,
        meeting_id: number(v, "meeting_id"),
        topic: text(v, "meeting_topic"),
        host_id: text(v, "meeting_host_id"),
        host_email: text(v, "meeting_host_email"),
        meeting_start_time: text(v, "meeting_start_time"),
        meeting_end_time: text(v, "meeting_end_time"),
        created_at: text(v, "summary_created_time"),
        last_modified_at: text(v, "summary_last_modified_time"),
        title: text(v, "summary_title"),
        overview: edited_text("summary_overview").or_else(|| text(v, "summary_overview")),
        next_steps: if edited_steps.is_empty() { strings(v.get("next_steps")) } else { edited_steps },
        details: details
            .iter()
            .map(|d| SummaryDetail { label: text(d, "label"), summary: text(d, "summary") })
            .filter(|d| d.label.is_some() || d.summary.is_some())
            .collect(),
        content: text(v, "summary_content"),
        doc_url: text(v, "summary_doc_url"),
        raw: v.to_string(),
    })
}

fn item(v: &Value) -> Result<MeetingSummaryItem, Error> {
    Ok(MeetingSummaryItem {
        meeting_uuid: text(v, "meeting_uuid")
            .ok_or_else(|| Error::Unreadable("Zoom's meeting summary item has no `meeting_uuid`".to_owned()))?,
        meeting_id: number(v, "meeting_id"),
        topic: text(v, "meeting_topic"),
        host_id: text(v, "meeting_host_id"),
        host_email: text(v, "meeting_host_email"),
        meeting_start_time: text(v, "meeting_start_time"),
        meeting_end_time: text(v, "meeting_end_time"),
        created_at: text(v, "summary_created_time"),
        last_modified_at: text(v, "summary_last_modified_time"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edited_text_wins_over_zooms_and_details_are_typed() {
        let v = json!({"meeting_uuid": "u==", "meeting_id": "97763643886", "summary_overview": "Zoom's",
            "next_steps": ["a"], "summary_details": [{"label": "Roadmap", "summary": "Q3"}, {}],
            "edited_summary": {"summary_overview": "Host's", "next_steps": []}});
        let s = parse(&v).unwrap();
        assert_eq!(
            (s.overview.as_deref(), s.next_steps.clone(), s.meeting_id),
            (Some("Host's"), vec!["a".into()], Some(97763643886))
        );
        assert_eq!(s.details, vec![SummaryDetail { label: Some("Roadmap".into()), summary: Some("Q3".into()) }]);
        assert!(parse(&json!([])).is_err());
        assert!(parse(&json!({"unexpected": true})).is_err());
        assert!(item(&json!({"meeting_id": 1})).is_err());
    }

    #[test]
    fn the_window_takes_utc_with_z_in_order() {
        assert_eq!(window_end("from", Some("2026-05-01T15:00:00Z")).unwrap(), unix_seconds("2026-05-01T15:00:00Z"));
        for bad in ["2026-05-01", "2026-05-01T15:00:00", "2026-05-01T15:00:00+02:00", "soon"] {
            let e = window_end("from", Some(bad)).unwrap_err();
            assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "from"), "{bad}: {e}");
        }
    }
}
