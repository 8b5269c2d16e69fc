//! Meetings (spec `meetingCreate`, `meeting`, `meetingUpdate`, `meetingDelete`,
//! `meetings`): create under a user, get, update, delete, and list a user's
//! meetings. The stored object is exactly what GET returns.

use super::clock;
use super::errors;
use super::ids::Rng;
use super::meeting_rules;
use super::occurrences;
use super::paging;
use super::recurrence::{self, DEFAULT_END_TIMES};
use super::server::{Request, Response};
use super::store::Store;
use super::validate::body_object;
use super::webhooks;
use serde_json::{json, Map, Value};

/// Per-meeting fields of `GET /users/{userId}/meetings` items.
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
    "pmi",
];

/// How meetings and webinars differ for [`apply`]: their type numbers and registration links.
pub(crate) struct Kind {
    /// The type a stored object has when none was given.
    pub default_type: i64,
    /// Recurring without a fixed time: no start time, no occurrences.
    pub no_fixed_time: i64,
    /// Recurring with a fixed time: occurrences from the recurrence.
    pub fixed_time: i64,
    /// The path segment of the registration link (`meeting`, `webinar`).
    pub register: &'static str,
}

const MEETING: Kind = Kind { default_type: 2, no_fixed_time: 3, fixed_time: 8, register: "meeting" };

/// Fields a create/update body sets verbatim.
const PLAIN_FIELDS: &[&str] =
    &["topic", "duration", "timezone", "agenda", "pre_schedule", "tracking_fields", "template_id"];

pub(crate) fn parse_id(raw: &str) -> Result<u64, Response> {
    match raw.parse::<u64>() {
        Ok(id) if id > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => Ok(id),
        _ => Err(errors::zoom(400, 300, format!("Invalid meeting id: {raw}."))),
    }
}

/// Shared preamble of the body-carrying routes: parse, then validate.
fn valid_body(req: &Request) -> Result<Map<String, Value>, Response> {
    let body = body_object(&req.body)?;
    let errs = meeting_rules::check(&body);
    if errs.is_empty() {
        Ok(body)
    } else {
        Err(errors::validation(&errs))
    }
}

/// `POST /users/{userId}/meetings` → 201 with the full meeting object.
pub(crate) fn create(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let body = match valid_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(host) = store.find_user(user_key).cloned() else {
        return errors::user_not_found(user_key);
    };
    if host["status"] != "active" {
        return errors::zoom(
            400,
            3161,
            "Your user account is not allowed meeting hosting and scheduling capabilities.",
        );
    }
    let mut id = store.rng.meeting_id();
    while store.meeting(id).is_some() {
        id = store.rng.meeting_id();
    }
    let base = store.base_url.clone();
    let rng = &mut store.rng;
    let mut m = json!({
        "id": id,
        "uuid": rng.meeting_uuid(),
        "host_id": host["id"],
        "host_email": host["email"],
        "topic": format!("{}'s Zoom Meeting", host["display_name"].as_str().unwrap_or("My")),
        "type": 2,
        "status": "waiting",
        "duration": 60,
        "timezone": host["timezone"],
        "agenda": "",
        "created_at": clock::now_iso(),
        "start_url": format!("{base}/s/{id}?zak={}", rng.alnum(43)),
        "join_url": format!("{base}/j/{id}"),
        "pre_schedule": false,
        "settings": Value::Object(meeting_rules::default_settings()),
        "creation_source": "open_api",
    });
    let obj = m.as_object_mut().expect("meeting is an object");
    let password = match body.get("password").and_then(Value::as_str) {
        Some(p) => p.to_string(),
        None if body.get("default_password").and_then(Value::as_bool) != Some(false) => rng.digits(6),
        None => String::new(),
    };
    set_password(obj, &password, rng);
    apply(obj, &body, rng, &base, &MEETING);
    set_pmi(obj, host["pmi"].as_u64());

    store.meetings.push(m.clone());
    let mut payload = store.operator_fields();
    payload.insert("operation".into(), json!("single"));
    payload.insert("object".into(), webhooks::created_object(&m));
    store.emit("meeting.created", Value::Object(payload));
    Response::json(201, &m)
}

/// `GET /meetings/{meetingId}`: `occurrence_id`, `show_previous_occurrences`.
pub(crate) fn get(store: &Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(m) = store.meeting(id) else {
        return errors::meeting_not_found(raw_id);
    };
    let overrides = req.param("occurrence_id").and_then(|o| store.occurrence_overrides.get(&(id, o.to_string())));
    match occurrences::view(m, overrides, req) {
        Ok(v) => Response::json(200, &v),
        Err(r) => r,
    }
}

/// `PATCH /meetings/{meetingId}` → 204; unchanged fields stay as they were.
pub(crate) fn update(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match valid_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let base = store.base_url.clone();
    let Some(before) = store.meeting(id).cloned() else {
        return errors::meeting_not_found(raw_id);
    };
    let mut after = before.clone();
    let obj = after.as_object_mut().expect("meeting is an object");
    if let Some(p) = body.get("password").and_then(Value::as_str) {
        set_password(obj, p, &mut store.rng);
    }
    apply(obj, &body, &mut store.rng, &base, &MEETING);
    let host_pmi =
        obj.get("host_id").and_then(Value::as_str).and_then(|h| store.find_user(h)).and_then(|u| u["pmi"].as_u64());
    set_pmi(obj, host_pmi);
    *store.meeting_mut(id).expect("checked above") = after.clone();

    let payload = webhooks::updated_payload(store, &before, &after);
    store.emit("meeting.updated", payload);
    Response::no_content()
}

/// `DELETE /meetings/{meetingId}` → 204. With `occurrence_id` only that
/// occurrence is cancelled; without it the whole series goes.
pub(crate) fn delete(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(meeting) = store.meeting(id).cloned() else {
        return errors::meeting_not_found(raw_id);
    };
    let mut payload = store.operator_fields();
    if let Some(occ_id) = req.param("occurrence_id") {
        let m = store.meeting_mut(id).expect("checked above");
        let Some(gone) = occurrences::cancel(m, occ_id) else {
            return errors::bad_occurrence(occ_id);
        };
        payload.insert("operation".into(), json!("single"));
        payload.insert("object".into(), webhooks::deleted_object(&meeting, Some(vec![gone])));
    } else {
        store.meetings.retain(|m| m["id"].as_u64() != Some(id));
        store.registrants.remove(&id);
        store.occurrence_overrides.retain(|(m, _), _| *m != id);
        payload.insert("operation".into(), json!("all"));
        payload.insert("object".into(), webhooks::deleted_object(&meeting, None));
    }
    store.emit("meeting.deleted", Value::Object(payload));
    Response::no_content()
}

/// `GET /users/{userId}/meetings`: `type` (scheduled default), `page_size`
/// (≤300), paging. Instant meetings are never listed.
pub(crate) fn list(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let kind = req.param("type").unwrap_or("scheduled");
    if !["scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"].contains(&kind) {
        return errors::invalid_field("type");
    }
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let Some(host_id) = store.find_user(user_key).map(|u| u["id"].clone()) else {
        return errors::user_not_found(user_key);
    };
    let now = clock::now_secs();
    let items: Vec<Value> = store
        .meetings
        .iter()
        .filter(|m| m["host_id"] == host_id && m["type"] != 1)
        .filter(|m| match kind {
            "live" => m["status"] == "started",
            "upcoming" | "upcoming_meetings" => !ended(m, now),
            "previous_meetings" => ended(m, now),
            _ => true,
        })
        .map(|m| {
            Value::Object(LIST_FIELDS.iter().filter_map(|k| m.get(*k).map(|v| (k.to_string(), v.clone()))).collect())
        })
        .collect();
    paging::respond(store, req, &items, page_size, "meetings")
}

/// Whether the last (or only) occurrence is over. Meetings without a fixed
/// time (type 3) never end.
fn ended(m: &Value, now: i64) -> bool {
    let last_start = m["occurrences"]
        .as_array()
        .and_then(|o| o.last())
        .and_then(|o| o["start_time"].as_str())
        .or(m["start_time"].as_str())
        .and_then(clock::parse_datetime);
    let minutes = m["duration"].as_i64().unwrap_or(60);
    last_start.is_some_and(|s| s + minutes * 60 < now)
}

/// Zoom derives the dial-in and H.323 passcodes (digits only) and an
/// encrypted form for join links from the meeting passcode.
fn set_password(m: &mut Map<String, Value>, password: &str, rng: &mut Rng) {
    let numeric = if password.is_empty() {
        String::new()
    } else if password.bytes().all(|b| b.is_ascii_digit()) {
        password.to_string()
    } else {
        rng.digits(password.len().max(6))
    };
    let encrypted = if password.is_empty() { String::new() } else { format!("{}.1", rng.alnum(30)) };
    m.insert("password".into(), json!(password));
    m.insert("h323_password".into(), json!(numeric));
    m.insert("pstn_password".into(), json!(numeric));
    m.insert("encrypted_password".into(), json!(encrypted));
}

/// A meeting held on the host's personal meeting id carries it as `pmi`, and as a string: Zoom's
/// Meetings document gives `"pmi": "97891943927"` where its Users document gives the user's
/// `pmi` as a number. Other meetings have no `pmi`.
fn set_pmi(m: &mut Map<String, Value>, host_pmi: Option<u64>) {
    match host_pmi.filter(|_| m["settings"]["use_pmi"] == json!(true)) {
        Some(pmi) => m.insert("pmi".into(), json!(pmi.to_string())),
        None => m.remove("pmi"),
    };
}

/// Applies a validated create/update body of a meeting or webinar, then
/// re-derives what depends on it: start time, recurrence, occurrences and the
/// registration link.
pub(crate) fn apply(m: &mut Map<String, Value>, body: &Map<String, Value>, rng: &mut Rng, base: &str, kind: &Kind) {
    let present = |k: &str| body.get(k).filter(|v| !v.is_null());
    for key in PLAIN_FIELDS {
        if let Some(v) = present(key) {
            m.insert((*key).to_string(), v.clone());
        }
    }
    if let Some(v) = present("type") {
        m.insert("type".into(), v.clone());
    }
    let now = clock::now_secs();
    // Zoom: a missing or past start_time means "now".
    let requested = present("start_time").and_then(Value::as_str).and_then(clock::parse_datetime);
    let current = m.get("start_time").and_then(Value::as_str).and_then(clock::parse_datetime);
    let start = requested.or(current).filter(|t| *t >= now).unwrap_or(now);
    if requested.is_some() || current.is_none() {
        m.insert("start_time".into(), json!(clock::format_utc(start)));
    }
    if let Some(Value::Object(rec)) = present("recurrence") {
        let mut rec = rec.clone();
        rec.retain(|_, v| !v.is_null());
        rec.entry("repeat_interval").or_insert(json!(1));
        if !rec.contains_key("end_date_time") {
            rec.entry("end_times").or_insert(json!(DEFAULT_END_TIMES));
        }
        m.insert("recurrence".into(), Value::Object(rec));
    }
    if let (Some(Value::Object(new)), Some(Value::Object(settings))) = (present("settings"), m.get_mut("settings")) {
        for (k, v) in new.iter().filter(|(_, v)| !v.is_null()) {
            settings.insert(k.clone(), v.clone());
        }
    }

    let t = m["type"].as_i64().unwrap_or(kind.default_type);
    if t == kind.no_fixed_time {
        m.remove("start_time");
    }
    if t != kind.no_fixed_time && t != kind.fixed_time {
        m.remove("recurrence");
    }
    let old_occurrences = m.remove("occurrences");
    if t == kind.fixed_time {
        if let (Some(Value::Object(rec)), Some(start)) = (m.get("recurrence"), m.get("start_time")) {
            let start = start.as_str().and_then(clock::parse_datetime).unwrap_or(now);
            let duration = m["duration"].as_i64().unwrap_or(60);
            let mut occ = recurrence::occurrences(start, duration, rec);
            // Cancelled occurrences stay cancelled across updates.
            if let Some(Value::Array(old)) = &old_occurrences {
                for o in occ.iter_mut() {
                    if old.iter().any(|p| p["occurrence_id"] == o["occurrence_id"] && p["status"] == "deleted") {
                        o["status"] = json!("deleted");
                    }
                }
            }
            m.insert("occurrences".into(), Value::Array(occ));
        }
    }
    let registration = matches!(m["settings"]["approval_type"].as_i64(), Some(0 | 1));
    match (registration, m.contains_key("registration_url")) {
        (true, false) => {
            let link = format!("{base}/{}/register/{}", kind.register, rng.alnum(36));
            m.insert("registration_url".into(), json!(link));
        }
        (false, true) => {
            m.remove("registration_url");
        }
        _ => {}
    }
}
