//! Recovery of missed webhook events: rebuild, from what Zoom's API shows for a window, the events
//! Zoom would have delivered, and return those whose key the recipe has not seen. The payloads are
//! built from the API objects, whose field names match the webhook objects', so they go through the
//! same typed parsing as a delivery.

use serde_json::{json, Map, Value};

use crate::actions::{recordings, registrants};
use crate::error::Error;
use crate::http::paging::{self, as_is};
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::text;
use crate::time::unix_seconds;
use crate::triggers::polling::day_window;
use crate::triggers::webhook;
use crate::wit::poll_types::ReconcileRequest;
use crate::wit::triggers::WebhookEvent;
use crate::wit::types::{FetchAll, Paging, RegistrantStatus};

/// The events reconcile can rebuild from the API.
pub(crate) const RECOVERABLE: &[&str] = &[
    "meeting.created",
    "meeting.registration_created",
    "meeting.ended",
    "recording.completed",
    "recording.transcript_completed",
    "user.created",
];
const MAX_WINDOW_SECS: u64 = 30 * 86_400;
/// How far back the meeting report answers: six months, counted short (180 days).
const REPORT_REACH_SECS: u64 = 180 * 86_400;
const PAGE_SIZE: u32 = 300;

/// The window as Unix seconds, inclusive.
struct Window {
    from: u64,
    to: u64,
}

impl Window {
    fn holds(&self, time: Option<&str>) -> Option<u64> {
        time.and_then(unix_seconds).filter(|t| (self.from..=self.to).contains(t))
    }
}

/// Runs a reconciliation; the events come back oldest first.
pub(crate) fn reconcile(client: &Client, request: &ReconcileRequest) -> Result<Vec<WebhookEvent>, Error> {
    let utc = |field: &str, v: &str| {
        unix_seconds(v).ok_or_else(|| Error::invalid(field, "must be a UTC date-time like 2026-05-01T15:00:00Z"))
    };
    let window = Window { from: utc("from", &request.from)?, to: utc("to", &request.to)? };
    if window.to < window.from {
        return Err(Error::invalid("to", "must not be before from"));
    }
    if window.to - window.from > MAX_WINDOW_SECS {
        return Err(Error::invalid("to", "must be at most 30 days after from"));
    }
    let wanted: Vec<&str> = match &request.event_names {
        None => RECOVERABLE.to_vec(),
        Some(names) => names
            .iter()
            .map(|n| {
                RECOVERABLE.iter().copied().find(|r| *r == n.trim()).ok_or_else(|| {
                    Error::invalid(
                        "event_names",
                        format!("{n:?} cannot be recovered; one of {}", RECOVERABLE.join(", ")),
                    )
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let user = user_path(request.user_id.as_deref())?;
    let mut found: Vec<(u64, Value)> = Vec::new();
    if wanted.contains(&"meeting.created") || wanted.contains(&"meeting.registration_created") {
        let call = Call::new(Method::Get, format!("/users/{user}/meetings")).query("type", Some("scheduled"));
        let listed = paging::every_page(client, &call, "meetings", PAGE_SIZE, as_is)?;
        if wanted.contains(&"meeting.created") {
            for m in &listed {
                if let Some(at) = window.holds(text(m, "created_at").as_deref()) {
                    found.push((at, envelope("meeting.created", at, json!({"object": m}))));
                }
            }
        }
        if wanted.contains(&"meeting.registration_created") {
            for m in &listed {
                registrations(client, m, &window, &mut found)?;
            }
        }
    }
    if wanted.contains(&"meeting.ended") {
        ended_meetings(client, &user, &window, &mut found)?;
    }
    let (completed, transcripts) =
        (wanted.contains(&"recording.completed"), wanted.contains(&"recording.transcript_completed"));
    if completed || transcripts {
        let (from, to) = day_window(window.from, window.to);
        let call =
            Call::new(Method::Get, format!("/users/{user}/recordings")).query("from", Some(from)).query("to", Some(to));
        let inside = |t: &u64| (window.from..=window.to).contains(t);
        for r in paging::every_page(client, &call, "meetings", PAGE_SIZE, as_is)? {
            if let Some(at) = recordings::transcript_at(&r).filter(inside).filter(|_| transcripts) {
                // The transcript event carries only the transcript's files.
                let mut object = r.clone();
                if let Some(files) = object.get_mut("recording_files").and_then(Value::as_array_mut) {
                    files.retain(|f| f.get("file_type").and_then(Value::as_str) == Some("TRANSCRIPT"));
                }
                found.push((at, envelope("recording.transcript_completed", at, json!({"object": object}))));
            }
            if let Some(at) = recordings::completed_at(&r).filter(inside).filter(|_| completed) {
                found.push((at, envelope("recording.completed", at, json!({"object": r}))));
            }
        }
    }
    if wanted.contains(&"user.created") {
        for status in ["active", "pending"] {
            let call = Call::new(Method::Get, "/users").query("status", Some(status));
            for u in paging::every_page(client, &call, "users", PAGE_SIZE, as_is)? {
                let created = text(&u, "user_created_at").or_else(|| text(&u, "created_at"));
                if let Some(at) = window.holds(created.as_deref()) {
                    let object = pick(&u, &["id", "email", "type", "first_name", "last_name", "display_name"]);
                    found.push((at, envelope("user.created", at, json!({"object": object}))));
                }
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut events: Vec<WebhookEvent> = Vec::new();
    for (_, body) in found {
        let name = body["event"].as_str().unwrap_or_default().to_owned();
        let event = webhook::event_from(&name, &body["payload"], &body);
        let seen = request.seen_keys.iter().any(|k| k.trim() == event.key);
        if !seen && !events.iter().any(|e| e.key == event.key) {
            events.push(event);
        }
    }
    Ok(events)
}

/// Meetings of the user that ended in the window, from the meeting report: the list Zoom documents
/// with each instance's end time, for the last six months. The report names the host by email only, so the rebuilt object
/// has every field of the webhook's but `host_id`; its id is text, as the webhook sends it.
fn ended_meetings(client: &Client, user: &str, window: &Window, found: &mut Vec<(u64, Value)>) -> Result<(), Error> {
    // The report reaches back six months and refuses older windows; nothing older can be recovered.
    let reach = client.transport.now_unix().saturating_sub(REPORT_REACH_SECS);
    if window.to < reach {
        return Ok(());
    }
    let (from, to) = day_window(window.from.max(reach), window.to);
    let call = Call::new(Method::Get, format!("/report/users/{user}/meetings"))
        .query("from", Some(from))
        .query("to", Some(to));
    for m in paging::every_page(client, &call, "meetings", PAGE_SIZE, as_is)? {
        if let (Some(at), Some(id)) = (window.holds(text(&m, "end_time").as_deref()), text(&m, "id")) {
            let mut object = pick(&m, &["uuid", "topic", "type", "start_time", "duration", "end_time", "timezone"]);
            object.insert("id".into(), json!(id));
            found.push((at, envelope("meeting.ended", at, json!({"object": object}))));
        }
    }
    Ok(())
}

/// Registrations of one meeting made in the window, approved or pending.
fn registrations(
    client: &Client,
    meeting: &Value,
    window: &Window,
    found: &mut Vec<(u64, Value)>,
) -> Result<(), Error> {
    let Some(id) = text(meeting, "id") else { return Ok(()) };
    let all = Paging::All(FetchAll { max_items: None, page_size: Some(PAGE_SIZE) });
    let path = format!("/meetings/{}/registrants", crate::http::url::segment("id", &id)?);
    for status in [RegistrantStatus::Approved, RegistrantStatus::Pending] {
        let page = match registrants::list_at(client, &path, Some(status), None, None, Some(&all)) {
            Ok(page) => page,
            // 3000: registration is off for this meeting, so it has no registrations to miss.
            Err(Error::Api(api)) if api.code == Some(3000) => return Ok(()),
            Err(e) => return Err(e),
        };
        for r in page.items {
            if let Some(at) = window.holds(r.create_time.as_deref()) {
                let registrant: Value = serde_json::from_str(&r.raw).unwrap_or_default();
                let mut object =
                    pick(meeting, &["uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone"]);
                object.insert("registrant".into(), registrant);
                found.push((at, envelope("meeting.registration_created", at, json!({"object": object}))));
            }
        }
    }
    Ok(())
}

fn envelope(name: &str, at: u64, payload: Value) -> Value {
    json!({"event": name, "event_ts": at * 1000, "payload": payload})
}

fn pick(v: &Value, keys: &[&str]) -> Map<String, Value> {
    keys.iter().filter_map(|k| v.get(*k).map(|x| ((*k).to_owned(), x.clone()))).collect()
}
