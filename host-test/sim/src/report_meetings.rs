//! The meeting report of a user (spec `reportMeetings`): the ended
//! instances the user hosted, each with its end time, over a window of at
//! most a month within the last six months. As on Zoom, only instances with
//! two or more participants are reported.

use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use serde_json::{json, Value};

const TYPES: &[&str] = &["past", "pastOne", "pastJoined"];

/// `GET /report/users/{userId}/meetings`: `from`* and `to`* (`yyyy-mm-dd`),
/// `type` (`past` default), `page_size` (≤300), paging. Instances whose start
/// day is in the window, newest first.
pub(crate) fn list(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (from, to) = match (query::date(req, "from"), query::date(req, "to")) {
        (Ok(Some(f)), Ok(Some(t))) => (f, t),
        (Ok(None), _) => return errors::invalid_field("from"),
        (_, Ok(None)) => return errors::invalid_field("to"),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    if let Err(r) = query::month_window(from, to) {
        return r;
    }
    if from < clock::add_months(clock::today(), -6) {
        return errors::zoom(400, 300, "The report can only cover the last 6 months.");
    }
    if req.param("type").is_some_and(|t| !TYPES.contains(&t)) {
        return errors::invalid_field("type");
    }
    let Some(user) = store.find_user(user_key).cloned() else {
        return errors::zoom(404, 1001, format!("User {user_key} not exist or not belong to this account."));
    };
    let mut items: Vec<Value> = store
        .past_meetings
        .iter()
        .filter(|m| m["host_id"] == user["id"])
        .filter(|m| m["participants"].as_array().is_some_and(|p| p.len() >= 2))
        .filter_map(|m| {
            let start = m["start_time"].as_str().and_then(clock::parse_datetime)?;
            (from..=to).contains(&start.div_euclid(86_400)).then(|| row(m, &user, start))
        })
        .collect();
    items.sort_by(|a, b| b["start_time"].as_str().cmp(&a["start_time"].as_str()));
    match paging::window_body(store, req, &items, page_size, "meetings", (from, to)) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}

/// One report row: the instance with its end time, host by name and email.
fn row(m: &Value, host: &Value, start: i64) -> Value {
    let minutes = m["duration"].as_i64().unwrap_or(0);
    let participants = m["participants"].as_array().map(Vec::as_slice).unwrap_or_default();
    let total: i64 = participants.iter().filter_map(|p| p["duration"].as_i64()).sum::<i64>() / 60;
    json!({
        "uuid": m["uuid"],
        "id": m["id"],
        "type": m["type"],
        "topic": m["topic"],
        "user_name": host["display_name"],
        "user_email": host["email"],
        "start_time": m["start_time"],
        "end_time": clock::format_utc(start + minutes * 60),
        "duration": minutes,
        "total_minutes": total,
        "participants_count": participants.len(),
        "source": "Zoom",
    })
}
