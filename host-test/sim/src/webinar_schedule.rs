//! Scheduling webinars (spec `webinarCreate`, `webinarUpdate`,
//! `webinarDelete`): create under a host with the webinar add-on, update the
//! whole webinar or one occurrence, delete it or one occurrence. Types 5
//! (webinar), 6 (recurring, no fixed time) and 9 (recurring, fixed time)
//! follow the meeting rules for start time, recurrence and occurrences. Each change raises its
//! webhook, shaped as Zoom's schema requires: `webinar.created`, `webinar.updated` (what changed,
//! before and after) and `webinar.deleted` (the series, or the occurrence that went).

use super::meetings::{apply, Kind};
use super::server::{Request, Response};
use super::store::Store;
use super::user_settings::has_feature;
use super::validate::body_object;
use super::webinar_rules;
use super::webinars::parse_webinar_id;
use super::{clock, errors, occurrences, webhooks};
use serde_json::{json, Map, Value};

const WEBINAR: Kind = Kind { default_type: 5, no_fixed_time: 6, fixed_time: 9, register: "webinar" };

/// Settings Zoom lets one occurrence change (the `occurrence_id` parameter's
/// description); the rest of an occurrence body is ignored, as Zoom does.
const OCCURRENCE_SETTINGS: &[&str] = &["host_video", "panelists_video", "hd_video", "add_watermark", "auto_recording"];

fn valid_body(req: &Request) -> Result<Map<String, Value>, Response> {
    let body = body_object(&req.body)?;
    let errs = webinar_rules::check(&body);
    if errs.is_empty() {
        Ok(body)
    } else {
        Err(errors::validation(&errs))
    }
}

fn plan_missing(user: &str) -> Response {
    let msg = format!(
        "Webinar plan is missing. You must subscribe to the webinar plan and enable webinars for user {user} in \
         order to perform this action."
    );
    errors::zoom(400, 200, msg)
}

/// `POST /users/{userId}/webinars` → 201 with the full webinar object.
pub(crate) fn create(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let body = match valid_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(host) = store.find_user(user_key).cloned() else {
        return errors::zoom(404, 1001, format!("User {user_key} does not exist."));
    };
    let host_id = host["id"].as_str().unwrap_or_default().to_string();
    if !has_feature(store, &host_id, "webinar") {
        return plan_missing(&host_id);
    }
    let id = store.fresh_numeric_id();
    let base = store.base_url.clone();
    let rng = &mut store.rng;
    let mut w = json!({
        "id": id,
        "uuid": rng.meeting_uuid(),
        "host_id": host_id,
        "host_email": host["email"],
        "topic": "Zoom Webinar",
        "type": 5,
        "duration": 60,
        "timezone": host["timezone"],
        "agenda": "",
        "created_at": clock::now_iso(),
        "start_url": format!("{base}/s/{id}?zak={}", rng.alnum(43)),
        "join_url": format!("{base}/w/{id}"),
        "settings": Value::Object(webinar_rules::default_settings(&host)),
        "tracking_fields": [],
        "is_simulive": false,
        "creation_source": "open_api",
    });
    let obj = w.as_object_mut().expect("webinar is an object");
    let password = match body.get("password").and_then(Value::as_str) {
        Some(p) => p.to_string(),
        None if body.get("default_passcode").and_then(Value::as_bool) != Some(false) => rng.digits(6),
        None => String::new(),
    };
    set_passcode(obj, &password, rng);
    apply(obj, &body, rng, &base, &WEBINAR);
    store.webinars.push(w.clone());
    let mut payload = store.operator_fields();
    payload.insert("operation".into(), json!("single"));
    payload.insert("object".into(), webhooks::webinar_created_object(&w));
    store.emit("webinar.created", Value::Object(payload));
    Response::json(201, &w)
}

/// `PATCH /webinars/{webinarId}` → 204; with `occurrence_id`, only that
/// occurrence's start time, duration, agenda and a few settings change.
pub(crate) fn update(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_webinar_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match valid_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(before) = store.webinar(id).cloned() else {
        return errors::webinar_not_found(raw_id);
    };
    if let Some(occ_id) = req.param("occurrence_id").filter(|o| !o.is_empty()) {
        return update_occurrence(store, before, occ_id, &body);
    }
    let base = store.base_url.clone();
    let mut w = before.clone();
    let obj = w.as_object_mut().expect("webinar is an object");
    if let Some(p) = body.get("password").and_then(Value::as_str) {
        set_passcode(obj, p, &mut store.rng);
    }
    apply(obj, &body, &mut store.rng, &base, &WEBINAR);
    *store.webinar_mut(id).expect("checked above") = w.clone();
    let payload = webhooks::updated_payload(store, &before, &w);
    store.emit("webinar.updated", payload);
    Response::no_content()
}

fn update_occurrence(store: &mut Store, before: Value, occ_id: &str, body: &Map<String, Value>) -> Response {
    let id = before["id"].as_u64().unwrap_or_default();
    let mut w = before.clone();
    let occ = w["occurrences"]
        .as_array_mut()
        .and_then(|l| l.iter_mut().find(|o| o["occurrence_id"] == occ_id && o["status"] == "available"));
    let Some(occ) = occ else {
        return errors::bad_occurrence(occ_id);
    };
    if let Some(t) = body.get("start_time").and_then(Value::as_str).and_then(clock::parse_datetime) {
        occ["start_time"] = json!(clock::format_utc(t));
    }
    if let Some(d) = body.get("duration").filter(|d| d.is_i64()) {
        occ["duration"] = d.clone();
    }
    *store.webinar_mut(id).expect("the caller found it") = w.clone();
    occurrences::remember(store, id, occ_id, body, OCCURRENCE_SETTINGS);
    let payload = webhooks::updated_payload(store, &before, &w);
    store.emit("webinar.updated", payload);
    Response::no_content()
}

/// `DELETE /webinars/{webinarId}` → 204: `occurrence_id` cancels one
/// occurrence; `cancel_webinar_reminder` is a boolean.
pub(crate) fn delete(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_webinar_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    if req.param("cancel_webinar_reminder").is_some_and(|v| v != "true" && v != "false") {
        return errors::invalid_field("cancel_webinar_reminder");
    }
    let Some(webinar) = store.webinar(id).cloned() else {
        return errors::webinar_not_found(raw_id);
    };
    let mut payload = store.operator_fields();
    if let Some(occ_id) = req.param("occurrence_id").filter(|o| !o.is_empty()) {
        let w = store.webinar_mut(id).expect("checked above");
        let Some(gone) = occurrences::cancel(w, occ_id) else {
            return errors::zoom(400, 3000, "Webinar occurrence does not exist.");
        };
        payload.insert("operation".into(), json!("single"));
        payload.insert("object".into(), webhooks::deleted_object(&webinar, Some(vec![gone])));
    } else {
        store.webinars.retain(|w| w["id"].as_u64() != Some(id));
        store.webinar_registrants.remove(&id);
        store.webinar_panelists.remove(&id);
        store.occurrence_overrides.retain(|(w, _), _| *w != id);
        payload.insert("operation".into(), json!("all"));
        payload.insert("object".into(), webhooks::deleted_object(&webinar, None));
    }
    store.emit("webinar.deleted", Value::Object(payload));
    Response::no_content()
}

/// Webinars name their derived passcodes `h323_passcode` and
/// `encrypted_passcode` (meetings: `h323_password`, `encrypted_password`).
fn set_passcode(w: &mut Map<String, Value>, password: &str, rng: &mut super::ids::Rng) {
    let numeric = if password.is_empty() || password.bytes().all(|b| b.is_ascii_digit()) {
        password.to_string()
    } else {
        rng.digits(password.len().max(6))
    };
    let encrypted = if password.is_empty() { String::new() } else { format!("{}.1", rng.alnum(30)) };
    w.insert("password".into(), json!(password));
    w.insert("h323_passcode".into(), json!(numeric));
    w.insert("encrypted_passcode".into(), json!(encrypted));
}
