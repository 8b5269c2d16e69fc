//! Cloud recordings (spec `recordingGet`, `recordingsList`, `recordingDelete`):
//! one meeting's recordings, by meeting id (latest instance) or instance UUID,
//! with a download access token when asked; a user's recordings in a date
//! window (or in the trash); trashing or deleting them. Recordings are seeded
//! (see `seed_media`); their files are served by `recording_files`.

use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
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

/// The index in `list` of the instance a path segment names: a meeting id
/// means its latest instance, a UUID that instance (see [`path_uuid`]).
pub(crate) fn find_index(list: &[Value], raw: &str) -> Option<usize> {
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        let id = raw.parse::<u64>().ok()?;
        list.iter()
            .enumerate()
            .filter(|(_, r)| r["id"].as_u64() == Some(id))
            .max_by_key(|(_, r)| r["start_time"].as_str().unwrap_or("").to_string())
            .map(|(i, _)| i)
    } else {
        let uuid = path_uuid(raw)?;
        list.iter().position(|r| r["uuid"] == uuid.as_str())
    }
}

/// `GET /meetings/{meetingId}/recordings`: `include_fields`
/// (only `download_access_token`) and `ttl` (0–604800, only with it).
pub(crate) fn get(store: &mut Store, raw: &str, req: &Request) -> Response {
    let include = req.param("include_fields").filter(|v| !v.is_empty());
    if include.is_some_and(|f| f != "download_access_token") {
        return errors::invalid_field("include_fields");
    }
    let ttl = match req.param("ttl") {
        None => None,
        Some(ttl) => match ttl.parse::<u32>() {
            Ok(t) if include.is_some() && t <= 604_800 => Some(t),
            _ => return errors::invalid_field("ttl"),
        },
    };
    let Some(i) = find_index(&store.recordings, raw) else {
        return errors::no_recording();
    };
    let mut rec = store.recordings[i].clone();
    if store.sizes_unlisted.iter().any(|u| rec["uuid"] == u.as_str()) {
        let files = rec["recording_files"].as_array_mut().into_iter().flatten();
        files.filter_map(Value::as_object_mut).for_each(|f| {
            f.remove("file_size");
        });
    }
    if include.is_some() {
        let uuid = rec["uuid"].as_str().unwrap_or_default().to_string();
        // Zoom's default lifetime for a download access token is a day.
        rec["download_access_token"] = json!(download_token(store, &uuid, ttl.map_or(86_400, i64::from)));
    }
    Response::json(200, &rec)
}

/// A JWT-shaped download access token for instance `uuid` valid for `ttl`
/// seconds, remembered so the file route accepts it (`?access_token=`).
pub(crate) fn download_token(store: &mut Store, uuid: &str, ttl: i64) -> String {
    let exp = clock::now_secs() + ttl;
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let claims = json!({"iss": "zoom", "aud": "download", "mid": uuid, "exp": exp});
    let token = format!("{}.{}.{}", part(&json!({"typ": "JWT", "alg": "HS512"})), part(&claims), store.rng.alnum(43));
    store.download_tokens.insert(token.clone(), (uuid.to_string(), exp));
    token
}

/// `DELETE /meetings/{meetingId}/recordings`: `action` `trash` (the default)
/// moves the instance's recording to the trash, `delete` removes it; 204.
pub(crate) fn delete(store: &mut Store, raw: &str, req: &Request) -> Response {
    let action = req.param("action").unwrap_or("trash");
    if !["trash", "delete"].contains(&action) {
        return errors::invalid_field("action");
    }
    let Some(i) = find_index(&store.recordings, raw) else {
        return errors::no_recording();
    };
    let rec = store.recordings.remove(i);
    if action == "trash" {
        store.trashed_recordings.push(rec);
    }
    Response::no_content()
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
    let listed = if trash { &store.trashed_recordings } else { &store.recordings };
    let mut items: Vec<Value> = listed
        .iter()
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
