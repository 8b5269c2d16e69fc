//! AI Companion meeting summaries (spec `Getameetingsummary`,
//! `Listmeetingsummaries`): one per ended meeting, written when it is seeded
//! (see [`seed`]) from its topic and participants; one instance's by UUID or
//! meeting id (its latest), and the account's list in a time window.

use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, past_meetings, query};
use serde_json::{json, Value};

/// Adds the summary of every ended meeting that has none yet.
pub(crate) fn seed(store: &mut Store) {
    let meetings: Vec<Value> = store.past_meetings.clone();
    for m in meetings {
        if store.summaries.iter().any(|s| s["meeting_uuid"] == m["uuid"]) {
            continue;
        }
        let host = m["host_id"].as_str().and_then(|h| store.find_user(h)).cloned().unwrap_or(json!({}));
        let start = m["start_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
        let end = start + m["duration"].as_i64().unwrap_or(30) * 60;
        let topic = m["topic"].as_str().unwrap_or("Zoom Meeting").to_string();
        let people = m["participants"].as_array().map(Vec::as_slice).unwrap_or_default();
        let names: Vec<String> = people
            .iter()
            .filter_map(|p| store.find_user(p["user_email"].as_str()?))
            .filter_map(|u| u["first_name"].as_str().map(str::to_string))
            .collect();
        let owner = |i: usize| names.get(i % names.len().max(1)).cloned().unwrap_or_else(|| "The host".into());
        let overview = format!("{} met for \"{topic}\" and agreed on the next release steps.", names.join(", "));
        let steps =
            vec![format!("{} to review the migration script.", owner(1)), format!("{} to send the notes.", owner(0))];
        let details = json!([
            {"label": "Status update", "summary": "The release candidate passed all checks."},
            {"label": "Blockers", "summary": "The migration script needs one more review."},
            {"label": "Rollout", "summary": "The rollout is planned for Thursday."},
        ]);
        let content = format!("## Key takeaways\n- {overview}\n\n## Action items\n- {}\n- {}", steps[0], steps[1]);
        store.summaries.push(json!({
            "meeting_host_id": m["host_id"],
            "meeting_host_email": host["email"],
            "meeting_uuid": m["uuid"],
            "meeting_id": m["id"],
            "meeting_topic": topic,
            "meeting_start_time": clock::format_utc(start),
            "meeting_end_time": clock::format_utc(end),
            "summary_start_time": clock::format_utc(start),
            "summary_end_time": clock::format_utc(end),
            "summary_created_time": clock::format_utc(end + 120),
            "summary_last_modified_time": clock::format_utc(end + 120),
            "summary_title": format!("Meeting summary for {topic}"),
            "summary_overview": overview,
            "summary_details": details,
            "next_steps": steps,
            "summary_content": content,
        }));
    }
}

/// `GET /meetings/{meetingId}/meeting_summary`: the instance the segment
/// names (as for past meetings), or Zoom's 404/3001.
pub(crate) fn get(store: &Store, raw: &str) -> Response {
    let uuid = past_meetings::find(store, raw).map(|m| m["uuid"].clone());
    match uuid.and_then(|u| store.summaries.iter().find(|s| s["meeting_uuid"] == u)) {
        Some(s) => Response::json(200, s),
        None => errors::meeting_not_found(raw),
    }
}

/// `GET /meetings/meeting_summaries`: `from`/`to` (`yyyy-MM-ddTHH:mm:ssZ`)
/// on `time_filter_field` (`summary_start_time` by default), newest first,
/// `page_size` ≤ 300.
pub(crate) fn list(store: &mut Store, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let field = req.param("time_filter_field").unwrap_or("summary_start_time");
    if !["summary_start_time", "summary_created_time"].contains(&field) {
        return errors::invalid_field("time_filter_field");
    }
    let window = (query::datetime(req, "from"), query::datetime(req, "to"));
    let (from, to) = match window {
        (Ok(f), Ok(t)) => (f, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    for name in ["from", "to"] {
        let utc = |v: &str| v.len() == 20 && v.ends_with('Z');
        if req.param(name).is_some_and(|v| !v.is_empty() && !utc(v)) {
            return errors::invalid_field(name);
        }
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return errors::invalid_field("to");
        }
    }
    const LISTED: &[&str] = &[
        "meeting_host_id",
        "meeting_host_email",
        "meeting_uuid",
        "meeting_id",
        "meeting_topic",
        "meeting_start_time",
        "meeting_end_time",
        "summary_start_time",
        "summary_end_time",
        "summary_created_time",
        "summary_last_modified_time",
    ];
    let mut items: Vec<Value> = store
        .summaries
        .iter()
        .filter(|s| {
            let at = s[field].as_str().and_then(clock::parse_datetime).unwrap_or_default();
            from.is_none_or(|f| at >= f) && to.is_none_or(|t| at <= t)
        })
        .map(|s| LISTED.iter().map(|k| (k.to_string(), s[*k].clone())).collect::<serde_json::Map<_, _>>().into())
        .collect();
    items.sort_by(|a: &Value, b: &Value| b[field].as_str().cmp(&a[field].as_str()));
    let mut body = match paging::body(store, req, &items, page_size, "summaries") {
        Ok(b) => b,
        Err(r) => return r,
    };
    // This list names its window instead of counting records.
    body.remove("page_count");
    body.remove("total_records");
    if let Some(f) = req.param("from") {
        body.insert("from".into(), json!(f));
    }
    if let Some(t) = req.param("to") {
        body.insert("to".into(), json!(t));
    }
    Response::json(200, &Value::Object(body))
}
