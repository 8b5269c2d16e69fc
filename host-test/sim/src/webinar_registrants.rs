//! Webinar registrants (spec `webinarRegistrantCreate`, `webinarRegistrants`):
//! add and list. Like meeting registrants, but the body adds `source_id` (a
//! tracking source), a finished webinar refuses registration (3038) and the
//! host cannot register (3027).

use super::paging;
use super::registrants::{self, TEXT_FIELDS};
use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, Checker};
use super::webinars::{ended, parse_webinar_id, registration_enabled};
use super::{clock, errors};
use serde_json::{json, Map, Value};

pub(crate) struct WebinarRegistrant {
    /// Exactly what the list route returns for this registrant.
    pub record: Value,
    pub occurrence_ids: Vec<String>,
    /// The tracking source registered through, for `tracking_source_id`.
    pub source_id: Option<String>,
}

/// Registrant enum fields; blank until the registrant gives them.
const ENUM_FIELDS: &[&str] = &["no_of_employees", "purchasing_time_frame", "role_in_purchase_process"];

pub(crate) fn not_enabled(raw_id: &str) -> Response {
    errors::zoom(400, 3000, format!("This webinar does not have registration as required: {raw_id}."))
}

/// A new registrant of `webinar` from a validated body. Unlike meeting
/// registrants, webinar registrants have no `participant_pin_code`.
pub(crate) fn new_record(store: &mut Store, webinar: &Value, body: &Map<String, Value>, status: &str) -> Value {
    let id = webinar["id"].as_u64().unwrap_or_default();
    let mut record = json!({
        "id": store.rng.zoom_id(),
        "email": body.get("email").cloned().unwrap_or(json!("")),
        "first_name": body.get("first_name").cloned().unwrap_or(json!("")),
        "last_name": "",
        "custom_questions": [],
        "status": status,
        "create_time": clock::now_iso(),
        "join_url": format!("{}/w/{id}?tk={}", store.base_url, store.rng.alnum(43)),
    });
    for key in TEXT_FIELDS.iter().chain(ENUM_FIELDS) {
        record[*key] = json!("");
    }
    for (k, v) in
        body.iter().filter(|(k, v)| !v.is_null() && !["auto_approve", "language", "source_id"].contains(&k.as_str()))
    {
        record[k] = v.clone();
    }
    record
}

/// `webinar.registration_created` (or, with the operator, `_approved` and `_cancelled`) as the
/// Meetings webhook schema describes it.
pub(crate) fn emit_registration(
    store: &mut Store,
    event: &str,
    webinar: &Value,
    r: &WebinarRegistrant,
    occurrences: &[Value],
) {
    let mut object: Map<String, Value> =
        ["uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone"]
            .iter()
            .filter_map(|k| webinar.get(*k).map(|v| ((*k).to_string(), v.clone())))
            .collect();
    if !occurrences.is_empty() {
        let occ: Vec<Value> = occurrences
            .iter()
            .map(|o| json!({"occurrence_id": o["occurrence_id"], "start_time": o["start_time"]}))
            .collect();
        object.insert("occurrences".into(), Value::Array(occ));
    }
    let mut registrant = r.record.clone();
    if let Some(obj) = registrant.as_object_mut() {
        obj.remove("create_time");
        if let Some(source) = &r.source_id {
            let reg_url = webinar["registration_url"].as_str().unwrap_or_default();
            let code = reg_url.rsplit('/').next().unwrap_or_default();
            let url = format!("{}/webinar/register/{source}/{code}", store.base_url);
            obj.insert("tracking_source".into(), json!({"id": source, "source_name": "api", "tracking_url": url}));
        }
    }
    object.insert("registrant".into(), registrant);
    let payload = if event == "webinar.registration_created" {
        json!({"account_id": store.creds.account_id, "object": object})
    } else {
        let mut m = store.operator_fields();
        m.insert("object".into(), Value::Object(object));
        Value::Object(m)
    };
    store.emit(event, payload);
}

/// `POST /webinars/{webinarId}/registrants` → 201. The same email again
/// answers with the existing registrant, like meeting registration.
pub(crate) fn create(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_webinar_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut errs = registrants::check(&body);
    let mut c = Checker::new(&body, "");
    c.string("source_id", 256);
    errs.append(&mut c.errors);
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    let Some(webinar) = store.webinar(id).cloned() else {
        return errors::webinar_not_found(raw_id);
    };
    if !registration_enabled(&webinar) {
        return not_enabled(raw_id);
    }
    if ended(&webinar, clock::now_secs()) {
        let msg = "Webinar is over, you cannot register now. If you have any questions, contact the webinar host.";
        return errors::zoom(400, 3038, msg);
    }
    let email = body["email"].as_str().unwrap_or_default().to_string();
    if webinar["host_email"].as_str().is_some_and(|h| h.eq_ignore_ascii_case(&email)) {
        return errors::zoom(400, 3027, "Host cannot register.");
    }
    let available: Vec<Value> = webinar["occurrences"]
        .as_array()
        .map(|o| o.iter().filter(|o| o["status"] == "available").cloned().collect())
        .unwrap_or_default();
    let requested: Vec<String> = match req.param("occurrence_ids").filter(|s| !s.is_empty()) {
        Some(list) => list.split(',').map(|s| s.trim().to_string()).collect(),
        None => available.iter().filter_map(|o| o["occurrence_id"].as_str().map(String::from)).collect(),
    };
    if requested.iter().any(|r| !available.iter().any(|o| o["occurrence_id"] == r.as_str())) {
        return errors::zoom(400, 300, "Invalid occurrence_ids.");
    }

    let existing = store.webinar_registrants.get_mut(&id).and_then(|list| {
        list.iter_mut().find(|r| r.record["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(&email)))
    });
    let (record, occurrence_ids) = match existing {
        Some(r) => {
            for o in &requested {
                if !r.occurrence_ids.contains(o) {
                    r.occurrence_ids.push(o.clone());
                }
            }
            (r.record.clone(), r.occurrence_ids.clone())
        }
        None => {
            let status = if webinar["settings"]["approval_type"] == 0 { "approved" } else { "pending" };
            let record = new_record(store, &webinar, &body, status);
            let source_id = body.get("source_id").and_then(Value::as_str).map(String::from);
            let reg = WebinarRegistrant { record: record.clone(), occurrence_ids: requested.clone(), source_id };
            let occ: Vec<Value> = available
                .iter()
                .filter(|o| requested.iter().any(|i| o["occurrence_id"] == i.as_str()))
                .cloned()
                .collect();
            emit_registration(store, "webinar.registration_created", &webinar, &reg, &occ);
            store.webinar_registrants.entry(id).or_default().push(reg);
            (record, requested)
        }
    };
    let occurrences: Vec<&Value> =
        available.iter().filter(|o| occurrence_ids.iter().any(|i| o["occurrence_id"] == i.as_str())).collect();
    Response::json(
        201,
        &json!({
            "id": id,
            "registrant_id": record["id"],
            "join_url": record["join_url"],
            "topic": webinar["topic"],
            "start_time": webinar["start_time"],
            "occurrences": occurrences,
        }),
    )
}

/// `GET /webinars/{webinarId}/registrants`: `status` (approved default),
/// `occurrence_id`, `tracking_source_id`, `page_size` (≤300), paging.
pub(crate) fn list(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_webinar_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (status, occurrence, page_size) = match registrants::list_query(req) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let Some(webinar) = store.webinar(id) else {
        return errors::webinar_not_found(raw_id);
    };
    if !registration_enabled(webinar) {
        return not_enabled(raw_id);
    }
    let source = req.param("tracking_source_id").filter(|s| !s.is_empty());
    let items: Vec<Value> = store
        .webinar_registrants
        .get(&id)
        .map(|list| {
            list.iter()
                .filter(|r| registrants::selected(&r.record, &r.occurrence_ids, status, occurrence))
                .filter(|r| source.is_none_or(|s| r.source_id.as_deref() == Some(s)))
                .map(|r| r.record.clone())
                .collect()
        })
        .unwrap_or_default();
    paging::respond(store, req, &items, page_size, "registrants")
}
