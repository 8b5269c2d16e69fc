//! Ended meetings (spec `pastMeetingDetails`, `pastMeetings`,
//! `pastMeetingParticipants`, `reportMeetingParticipants`): one instance by
//! meeting id (its latest instance) or instance UUID, the instances of a
//! meeting, and who attended. Instances live in `Store::past_meetings`:
//! those of the account seed, and one per seeded cloud recording (see
//! [`seed`]), so the recorded meeting's `/`-UUID instance is among them.

use super::recordings::path_uuid;
use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging};
use serde_json::{json, Value};

/// Adds the instance behind every seeded cloud recording that is not yet a
/// past meeting, with two or three of the account's users as participants.
pub(crate) fn seed(store: &mut Store) {
    let recordings: Vec<Value> = store.recordings.clone();
    for rec in recordings {
        if store.past_meetings.iter().any(|m| m["uuid"] == rec["uuid"]) {
            continue;
        }
        let start = rec["start_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
        let minutes = rec["duration"].as_i64().unwrap_or(30);
        let count = 2 + store.rng.range(0, 2) as usize;
        let participants: Vec<Value> = store
            .users
            .iter()
            .filter(|u| u["status"] == "active")
            .take(count)
            .enumerate()
            .map(|(i, u)| {
                let joined = start + 60 * i as i64;
                json!({"user_email": u["email"], "join_time": clock::format_utc(joined), "duration": minutes * 60 - 60 * i as i64})
            })
            .collect();
        store.past_meetings.push(json!({
            "uuid": rec["uuid"],
            "id": rec["id"],
            "host_id": rec["host_id"],
            "topic": rec["topic"],
            // Recordings type the meeting type as a string; past meetings as an integer.
            "type": rec["type"].as_str().and_then(|t| t.parse::<i64>().ok()).unwrap_or(2),
            "start_time": rec["start_time"],
            "duration": minutes,
            "participants": participants,
        }));
    }
}

/// The instance a path segment (decoded once by the router) names: a
/// numeric id means the meeting's latest instance; a UUID must be
/// double-encoded when it starts with `/` or contains `//`, as on Zoom.
pub(crate) fn find<'a>(store: &'a Store, raw: &str) -> Option<&'a Value> {
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        let id = raw.parse::<u64>().ok()?;
        store
            .past_meetings
            .iter()
            .filter(|m| m["id"].as_u64() == Some(id))
            .max_by_key(|m| m["start_time"].as_str().unwrap_or("").to_string())
    } else {
        let uuid = path_uuid(raw)?;
        store.past_meetings.iter().find(|m| m["uuid"] == uuid.as_str())
    }
}

/// `GET /past_meetings/{meetingId}`.
pub(crate) fn get(store: &mut Store, raw: &str) -> Response {
    let Some(m) = find(store, raw) else {
        return errors::meeting_not_found(raw);
    };
    let host = m["host_id"].as_str().and_then(|h| store.find_user(h));
    let start = m["start_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
    let minutes = m["duration"].as_i64().unwrap_or(0);
    let people = m["participants"].as_array().map(Vec::as_slice).unwrap_or_default();
    let total: i64 = people.iter().filter_map(|p| p["duration"].as_i64()).sum::<i64>() / 60;
    let name =
        host.map(|h| format!("{} {}", h["first_name"].as_str().unwrap_or(""), h["last_name"].as_str().unwrap_or("")));
    Response::json(
        200,
        &json!({
            "id": m["id"],
            "uuid": m["uuid"],
            "duration": minutes,
            "start_time": m["start_time"],
            "end_time": clock::format_utc(start + minutes * 60),
            "host_id": m["host_id"],
            "dept": host.map_or(json!(""), |h| h["dept"].clone()),
            "participants_count": people.len(),
            "source": "Zoom",
            "topic": m["topic"],
            "total_minutes": total,
            "type": m["type"].as_i64().unwrap_or(2),
            "user_email": host.map_or(json!(""), |h| h["email"].clone()),
            "user_name": name.map(|n| n.trim().to_string()).unwrap_or_default(),
            "has_meeting_summary": store.summaries.iter().any(|s| s["meeting_uuid"] == m["uuid"]),
        }),
    )
}

/// `GET /past_meetings/{meetingId}/instances`: the spec types the id as an
/// integer, and Zoom does not page this list.
pub(crate) fn instances(store: &mut Store, raw: &str) -> Response {
    let Some(id) = raw.parse::<u64>().ok().filter(|_| raw.bytes().all(|b| b.is_ascii_digit())) else {
        return errors::meeting_not_found(raw);
    };
    let mut found: Vec<&Value> = store.past_meetings.iter().filter(|m| m["id"].as_u64() == Some(id)).collect();
    if found.is_empty() {
        return errors::meeting_not_found(raw);
    }
    found.sort_by_key(|m| m["start_time"].as_str().unwrap_or("").to_string());
    let meetings: Vec<Value> =
        found.iter().map(|m| json!({"uuid": m["uuid"], "start_time": m["start_time"]})).collect();
    Response::json(200, &json!({ "meetings": meetings }))
}

/// `GET /past_meetings/{meetingId}/participants` (meetings the caller hosted)
/// and, with `report`, `GET /report/meetings/{meetingId}/participants` (any
/// meeting of the account): `page_size` (≤300), paging.
pub(crate) fn participants(store: &mut Store, raw: &str, req: &Request, report: bool) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let Some(m) = find(store, raw) else {
        return if report {
            errors::zoom(404, 3001, format!("Meeting {raw} not found or has expired."))
        } else {
            errors::meeting_not_found(raw)
        };
    };
    // Zoom lists a past meeting's participants to its host only, answering as
    // for an unknown meeting (the operation's one 404: 3001); the report
    // route serves any meeting of the account.
    let caller = store.find_user("me").map(|u| u["id"].clone());
    if !report && caller.is_some_and(|c| c != m["host_id"]) {
        return errors::meeting_not_found(raw);
    }
    let people = m["participants"].as_array().cloned().unwrap_or_default();
    let uuid = m["uuid"].as_str().unwrap_or("").to_string();
    let items: Vec<Value> = people.iter().enumerate().map(|(i, p)| participant(store, &uuid, i, p, report)).collect();
    paging::respond(store, req, &items, page_size, "participants")
}

/// One participant row in the shape of the route's spec; ids are derived
/// from the instance and position so every page of a walk agrees.
fn participant(store: &Store, uuid: &str, i: usize, p: &Value, report: bool) -> Value {
    let email = p["user_email"].as_str().unwrap_or("");
    let user = store.find_user(email);
    let joined = p["join_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
    let seconds = p["duration"].as_i64().unwrap_or(0);
    let name = user.map_or_else(
        || email.split('@').next().unwrap_or("Guest").to_string(),
        |u| {
            format!("{} {}", u["first_name"].as_str().unwrap_or(""), u["last_name"].as_str().unwrap_or(""))
                .trim()
                .to_string()
        },
    );
    let tag: String = uuid.chars().filter(char::is_ascii_alphanumeric).take(16).collect();
    let mut row = json!({
        "id": format!("{tag}{i:06}"),
        "name": name,
        "user_id": format!("{}", 16_778_240 + i),
        "user_email": email,
        "join_time": clock::format_utc(joined),
        "leave_time": clock::format_utc(joined + seconds),
        "duration": seconds,
        "failover": false,
        "status": "in_meeting",
    });
    if report {
        row["customer_key"] = json!("");
        row["participant_user_id"] = user.map_or(json!(""), |u| u["id"].clone());
    } else {
        row["internal_user"] = json!(user.is_some());
    }
    row
}
