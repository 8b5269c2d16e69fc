//! Webinars (spec `webinars`, `webinar`, `listWebinarParticipants`): list a
//! user's webinars, get one, and list the participants of one that has ended.
//! Webinars are seeded (see `seed_webinars`) or created (`webinar_schedule`).

use super::paging;
use super::recordings::path_uuid;
use super::server::{Request, Response};
use super::store::Store;
use super::user_settings::has_feature;
use super::{clock, errors, occurrences};
use serde_json::{json, Value};

const LIST_FIELDS: &[&str] = &[
    "uuid",
    "id",
    "host_id",
    "topic",
    "type",
    "start_time",
    "duration",
    "timezone",
    "agenda",
    "created_at",
    "join_url",
    "is_simulive",
];

/// The int64 `{webinarId}` of the registrant routes.
pub(crate) fn parse_webinar_id(raw: &str) -> Result<u64, Response> {
    match raw.parse::<u64>() {
        Ok(id) if id > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => Ok(id),
        _ => Err(errors::zoom(400, 300, "Invalid webinar ID.")),
    }
}

pub(crate) fn registration_enabled(webinar: &Value) -> bool {
    matches!(webinar["settings"]["approval_type"].as_i64(), Some(0 | 1))
}

/// The last (or only) session: its start in Unix seconds and its minutes; none without a time.
fn last_session(w: &Value) -> Option<(i64, i64)> {
    let last = w["occurrences"].as_array().and_then(|o| o.last()).unwrap_or(w);
    let start = last["start_time"].as_str().or(w["start_time"].as_str()).and_then(clock::parse_datetime)?;
    Some((start, last["duration"].as_i64().or(w["duration"].as_i64()).unwrap_or(60)))
}

/// Whether the last (or only) occurrence is over.
pub(crate) fn ended(w: &Value, now: i64) -> bool {
    last_session(w).is_some_and(|(start, minutes)| start + minutes * 60 < now)
}

/// Emits `webinar.ended` for a webinar whose last session is over, as `meeting.ended` is shaped:
/// the id as text (the schema types it so), that session's start, duration and end.
pub(crate) fn emit_ended(store: &mut Store, id: u64) -> bool {
    let Some(w) = store.webinar(id).filter(|w| ended(w, clock::now_secs())).cloned() else {
        return false;
    };
    let Some((start, minutes)) = last_session(&w) else { return false };
    let object = json!({
        "id": id.to_string(),
        "uuid": w["uuid"],
        "host_id": w["host_id"],
        "topic": w["topic"],
        "type": w["type"],
        "start_time": clock::format_utc(start),
        "timezone": w["timezone"],
        "duration": minutes,
        "end_time": clock::format_utc(start + minutes * 60),
        "practice_session": false,
    });
    let payload = json!({"account_id": store.creds.account_id, "object": object});
    store.emit("webinar.ended", payload);
    true
}

/// `GET /webinars/{webinarId}` and the past-participant route take an id or
/// an instance UUID. `Err` carries the 400 for something that is neither.
pub(crate) fn find<'a>(store: &'a Store, raw: &str) -> Result<Option<&'a Value>, Response> {
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        let id = parse_webinar_id(raw)?;
        return Ok(store.webinar(id));
    }
    let Some(uuid) = path_uuid(raw) else { return Ok(None) };
    if uuid.len() != 24 || !uuid.ends_with("==") {
        return Err(errors::zoom(400, 300, "Invalid webinar ID."));
    }
    Ok(store.webinars.iter().find(|w| w["uuid"] == uuid.as_str()))
}

/// `GET /webinars/{webinarId}`: `occurrence_id`, `show_previous_occurrences`.
pub(crate) fn get(store: &Store, raw: &str, req: &Request) -> Response {
    let webinar = match find(store, raw) {
        Ok(Some(w)) => w,
        Ok(None) => return errors::webinar_not_found(raw),
        Err(r) => return r,
    };
    let id = webinar["id"].as_u64().unwrap_or_default();
    let overrides = req.param("occurrence_id").and_then(|o| store.occurrence_overrides.get(&(id, o.to_string())));
    match occurrences::view(webinar, overrides, req) {
        Ok(v) => Response::json(200, &v),
        Err(r) => r,
    }
}

/// `GET /users/{userId}/webinars`: `type` (scheduled default | upcoming),
/// `page_size` (≤300), paging. The spec lists no `next_page_token`
/// parameter but returns one, so it is honoured like everywhere else.
pub(crate) fn list(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let kind = req.param("type").unwrap_or("scheduled");
    if !["scheduled", "upcoming"].contains(&kind) {
        return errors::invalid_field("type");
    }
    if req.param("page_number").is_some_and(|n| n.parse::<u32>().map_or(true, |n| n == 0)) {
        return errors::invalid_field("page_number");
    }
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let Some(host_id) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    if !has_feature(store, &host_id, "webinar") {
        let msg = "Webinar plan is missing. You must subscribe to the webinar plan and enable webinars for this user \
                   in order to perform this action.";
        return errors::zoom(400, 200, msg);
    }
    let now = clock::now_secs();
    let items: Vec<Value> = store
        .webinars
        .iter()
        .filter(|w| w["host_id"] == host_id.as_str())
        .filter(|w| kind == "scheduled" || !ended(w, now))
        .map(|w| {
            let mut item: serde_json::Map<String, Value> =
                LIST_FIELDS.iter().filter_map(|k| w.get(*k).map(|v| (k.to_string(), v.clone()))).collect();
            // The list truncates agendas to 250 characters.
            if let Some(a) = w["agenda"].as_str() {
                item.insert("agenda".into(), json!(a.chars().take(250).collect::<String>()));
            }
            Value::Object(item)
        })
        .collect();
    paging::respond(store, req, &items, page_size, "webinars")
}

/// `GET /past_webinars/{webinarId}/participants`: `page_size` (≤300),
/// paging. A webinar that has not happened yet has no past instance, so it
/// is as unknown as a wrong id.
pub(crate) fn participants(store: &mut Store, raw: &str, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let id = match find(store, raw) {
        Ok(Some(w)) if ended(w, clock::now_secs()) => w["id"].as_u64().unwrap_or_default(),
        Ok(_) => return errors::zoom(404, 3001, "Webinar does not exist."),
        Err(r) => return r,
    };
    let items = store.webinar_participants.get(&id).cloned().unwrap_or_default();
    paging::respond(store, req, &items, page_size, "participants")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ended_uses_the_last_occurrence() {
        let now = clock::parse_datetime("2030-01-10T00:00:00Z").unwrap();
        let single = json!({"start_time": "2030-01-09T22:00:00Z", "duration": 60});
        assert!(ended(&single, now));
        let series = json!({"start_time": "2030-01-01T00:00:00Z", "duration": 60, "occurrences": [
            {"start_time": "2030-01-01T00:00:00Z", "duration": 60},
            {"start_time": "2030-01-15T00:00:00Z", "duration": 60}]});
        assert!(!ended(&series, now));
        assert!(parse_webinar_id("12a").is_err());
    }
}
