//! Cloud recordings (spec `recordingGet`, `recordingsList`): one meeting's
//! recordings, by meeting id (latest instance) or instance UUID, and a user's
//! recordings in a date window. Recordings are seeded (see `seed_media`).

use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use serde_json::{json, Value};

/// A meeting or webinar UUID from a path segment the router decoded once.
/// Zoom requires UUIDs that start with `/` or contain `//` to be
/// double-encoded: such a UUID arrives still percent-encoded and is decoded
/// again here. Sent single-encoded, Zoom's gateway mangles the path, so it is
/// never found (`None`).
pub(crate) fn path_uuid(once: &str) -> Option<String> {
    if once.contains('%') {
        return Some(crate::percent::decode(once, false));
    }
    if once.starts_with('/') || once.contains("//") {
        None
    } else {
        Some(once.to_string())
    }
}

/// `GET /meetings/{meetingId}/recordings`: `include_fields`
/// (only `download_access_token`) and `ttl` (0–604800, only with it).
pub(crate) fn get(store: &mut Store, raw: &str, req: &Request) -> Response {
    let include = req.param("include_fields").filter(|v| !v.is_empty());
    if include.is_some_and(|f| f != "download_access_token") {
        return errors::invalid_field("include_fields");
    }
    if let Some(ttl) = req.param("ttl") {
        let ok = include.is_some() && ttl.parse::<u32>().is_ok_and(|t| t <= 604_800);
        if !ok {
            return errors::invalid_field("ttl");
        }
    }
    let found = if raw.bytes().all(|b| b.is_ascii_digit()) {
        let id = raw.parse::<u64>().ok();
        // A meeting id means its latest instance.
        store
            .recordings
            .iter()
            .filter(|r| id.is_some() && r["id"].as_u64() == id)
            .max_by_key(|r| r["start_time"].as_str().unwrap_or("").to_string())
    } else {
        path_uuid(raw).and_then(|uuid| store.recordings.iter().find(|r| r["uuid"] == uuid.as_str()))
    };
    let Some(mut rec) = found.cloned() else {
        return errors::no_recording();
    };
    if include.is_some() {
        let token = format!("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.{}.{}", store.rng.alnum(120), store.rng.alnum(43));
        rec["download_access_token"] = json!(token);
    }
    Response::json(200, &rec)
}

/// `GET /users/{userId}/recordings`: `from`/`to` (yyyy-mm-dd, at most a
/// month apart; `from` defaults to today, `to` to the day after when neither
/// is given and to today otherwise), `meeting_id`, `trash`, `trash_type`,
/// `mc`, `page_size` (≤300), paging. Newest first.
pub(crate) fn list(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let params = (query::date(req, "from"), query::date(req, "to"), query::boolean(req, "trash"));
    let (from, to, trash) = match params {
        (Ok(f), Ok(t), Ok(tr)) => (f, t, tr.unwrap_or(false)),
        (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
    };
    if req.param("trash_type").is_some_and(|t| !["meeting_recordings", "recording_file"].contains(&t)) {
        return errors::invalid_field("trash_type");
    }
    let meeting_id = match req.param("meeting_id").map(str::parse::<u64>) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => return errors::invalid_field("meeting_id"),
    };
    let today = clock::today();
    let (from, to) = match (from, to) {
        (None, None) => (today, today + 1),
        (f, t) => (f.unwrap_or(today), t.unwrap_or(today)),
    };
    if let Err(r) = query::month_window(from, to) {
        return r;
    }
    let Some(host_id) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    let mut items: Vec<Value> = store
        .recordings
        .iter()
        // Nothing is ever in the simulated trash.
        .filter(|_| !trash)
        .filter(|r| r["host_id"] == host_id.as_str())
        .filter(|r| meeting_id.is_none_or(|m| r["id"].as_u64() == Some(m)))
        .filter(|r| {
            let day = r["start_time"].as_str().and_then(clock::parse_datetime).map(|t| t.div_euclid(86_400));
            day.is_some_and(|d| (from..=to).contains(&d))
        })
        .cloned()
        .collect();
    items.sort_by(|a, b| b["start_time"].as_str().cmp(&a["start_time"].as_str()));
    match paging::window_body(store, req, &items, page_size, "meetings", (from, to)) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_needing_double_encoding_only_resolves_when_double_encoded() {
        // `/abc//x==` double-encoded is `%252Fabc%252F%252Fx%253D%253D`; the router decodes once.
        assert_eq!(path_uuid("%2Fabc%2F%2Fx%3D%3D").as_deref(), Some("/abc//x=="));
        // Single-encoded, the router's one decode already yields the raw UUID: Zoom fails these.
        assert_eq!(path_uuid("/abc//x=="), None);
        assert_eq!(path_uuid("ab/c+d=="), Some("ab/c+d==".to_string()));
    }
}
