//! Meeting registrants (spec `meetingRegistrantCreate`, `meetingRegistrants`):
//! add and list. Registration must be enabled on the meeting
//! (`settings.approval_type` 0 or 1).

use super::clock;
use super::errors;
use super::meetings::parse_id;
use super::paging;
use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, Checker};
use super::webhooks;
use serde_json::{json, Map, Value};

pub(crate) struct Registrant {
    /// Exactly what the list route returns for this registrant.
    pub record: Value,
    /// Occurrences registered for (empty for non-recurring meetings).
    pub occurrence_ids: Vec<String>,
}

pub(crate) const TEXT_FIELDS: &[&str] =
    &["address", "city", "state", "zip", "country", "phone", "industry", "org", "job_title", "comments"];

/// Shared with webinar registrants, whose body adds only `source_id`.
pub(crate) fn check(body: &Map<String, Value>) -> Vec<String> {
    let mut c = Checker::new(body, "");
    c.required("email");
    c.email("email", 128);
    c.required("first_name");
    c.string("first_name", 64);
    c.string("last_name", 64);
    for key in TEXT_FIELDS {
        c.string(key, 1024);
    }
    c.string_enum(
        "no_of_employees",
        &["", "1-20", "21-50", "51-100", "101-500", "500-1,000", "1,001-5,000", "5,001-10,000", "More than 10,000"],
    );
    c.string_enum(
        "purchasing_time_frame",
        &["", "Within a month", "1-3 months", "4-6 months", "More than 6 months", "No timeframe"],
    );
    c.string_enum(
        "role_in_purchase_process",
        &["", "Decision Maker", "Evaluator/Recommender", "Influencer", "Not involved"],
    );
    c.string_enum(
        "language",
        &[
            "en-US", "de-DE", "es-ES", "fr-FR", "jp-JP", "pt-PT", "ru-RU", "zh-CN", "zh-TW", "ko-KO", "it-IT", "vi-VN",
            "pl-PL", "Tr-TR",
        ],
    );
    if let Some(qs) = c.array("custom_questions") {
        let ok = qs.iter().all(|q| {
            q.get("title").is_some_and(Value::is_string)
                && q.get("value").and_then(Value::as_str).is_some_and(|v| v.chars().count() <= 128)
        });
        if !ok {
            c.fail("custom_questions");
        }
    }
    c.boolean("auto_approve");
    c.errors
}

fn registration_enabled(meeting: &Value) -> bool {
    matches!(meeting["settings"]["approval_type"].as_i64(), Some(0 | 1))
}

pub(crate) fn not_enabled(raw_id: &str) -> Response {
    errors::zoom(400, 3000, format!("Registration has not been enabled for this meeting: {raw_id}."))
}

/// `POST /meetings/{meetingId}/registrants` → 201. Registering an email that
/// is already registered answers with the existing registrant, like Zoom.
pub(crate) fn create(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let errs = check(&body);
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    let Some(meeting) = store.meeting(id).cloned() else {
        return errors::meeting_not_found(raw_id);
    };
    if !registration_enabled(&meeting) {
        return not_enabled(raw_id);
    }
    let available: Vec<&Value> = meeting["occurrences"]
        .as_array()
        .map(|o| o.iter().filter(|o| o["status"] == "available").collect())
        .unwrap_or_default();
    let requested: Vec<String> = match req.param("occurrence_ids").filter(|s| !s.is_empty()) {
        Some(list) => list.split(',').map(|s| s.trim().to_string()).collect(),
        None => available.iter().filter_map(|o| o["occurrence_id"].as_str().map(String::from)).collect(),
    };
    if requested.iter().any(|r| !available.iter().any(|o| o["occurrence_id"] == r.as_str())) {
        return errors::zoom(400, 300, "Invalid occurrence_ids.");
    }

    let email = body["email"].as_str().unwrap_or_default().to_string();
    let list = store.registrants.entry(id).or_default();
    let existing = list.iter_mut().find(|r| r.record["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(&email)));
    let (record, occurrence_ids, is_new) = match existing {
        Some(r) => {
            for o in &requested {
                if !r.occurrence_ids.contains(o) {
                    r.occurrence_ids.push(o.clone());
                }
            }
            (r.record.clone(), r.occurrence_ids.clone(), false)
        }
        None => {
            let approved = meeting["settings"]["approval_type"] == 0 || body.get("auto_approve") == Some(&json!(true));
            let mut record = json!({
                "id": store.rng.zoom_id(),
                "email": email,
                "first_name": body["first_name"],
                "last_name": "",
                "custom_questions": [],
                "status": if approved { "approved" } else { "pending" },
                "create_time": clock::now_iso(),
                "join_url": format!("{}/w/{id}?tk={}", store.base_url, store.rng.alnum(43)),
                "participant_pin_code": store.rng.range(100_000, 999_999),
            });
            for key in
                TEXT_FIELDS.iter().chain(&["no_of_employees", "purchasing_time_frame", "role_in_purchase_process"])
            {
                record[*key] = json!("");
            }
            for (k, v) in
                body.iter().filter(|(k, v)| !v.is_null() && !["auto_approve", "language"].contains(&k.as_str()))
            {
                record[k] = v.clone();
            }
            let list = store.registrants.entry(id).or_default();
            list.push(Registrant { record: record.clone(), occurrence_ids: requested.clone() });
            (record, requested, true)
        }
    };
    let occurrences: Vec<Value> = available
        .iter()
        .filter(|o| occurrence_ids.iter().any(|i| o["occurrence_id"] == i.as_str()))
        .map(|o| (*o).clone())
        .collect();
    if is_new {
        let mut payload = Map::new();
        payload.insert("account_id".into(), json!(store.creds.account_id));
        payload.insert("object".into(), webhooks::registration_object(&meeting, &record, &occurrences));
        store.emit("meeting.registration_created", Value::Object(payload));
    }
    let mut resp = json!({
        "id": id,
        "registrant_id": record["id"],
        "join_url": record["join_url"],
        "topic": meeting["topic"],
        "occurrences": occurrences,
        "participant_pin_code": record["participant_pin_code"],
    });
    if let Some(start) = meeting.get("start_time") {
        resp["start_time"] = start.clone();
    }
    Response::json(201, &resp)
}

/// `GET /meetings/{meetingId}/registrants`: `status` (approved default),
/// `occurrence_id`, `page_size` (≤300), paging.
pub(crate) fn list(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (status, occurrence, page_size) = match list_query(req) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let Some(meeting) = store.meeting(id) else {
        return errors::meeting_not_found(raw_id);
    };
    if !registration_enabled(meeting) {
        return not_enabled(raw_id);
    }
    // Only the page is copied: a list of hundreds is walked many times by the benchmark.
    let items: Vec<&Value> = store
        .registrants
        .get(&id)
        .map(|list| {
            list.iter()
                .filter(|r| selected(&r.record, &r.occurrence_ids, status, occurrence))
                .map(|r| &r.record)
                .collect()
        })
        .unwrap_or_default();
    match store.pager.page(&mut store.rng, req, &items, page_size) {
        Ok(page) => Response::json(200, &Value::Object(paging::list_body(page.cloned(), "registrants"))),
        Err(r) => r,
    }
}

/// What a registrant list (meeting or webinar) asks for: `status` (approved by default),
/// `occurrence_id` and `page_size` (at most 300).
pub(crate) fn list_query(req: &Request) -> Result<(&str, Option<&str>, usize), Response> {
    let status = req.param("status").unwrap_or("approved");
    if !["approved", "pending", "denied"].contains(&status) {
        return Err(errors::invalid_field("status"));
    }
    let page_size = paging::page_size(req, 300)?;
    Ok((status, req.param("occurrence_id").filter(|s| !s.is_empty()), page_size))
}

/// Whether a stored registrant has `status` and, when one is asked for, the occurrence.
pub(crate) fn selected(record: &Value, occurrence_ids: &[String], status: &str, occurrence: Option<&str>) -> bool {
    record["status"] == status && occurrence.is_none_or(|o| occurrence_ids.iter().any(|i| i == o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(v: Value) -> Vec<String> {
        check(v.as_object().unwrap())
    }

    #[test]
    fn requires_email_and_first_name() {
        assert_eq!(errs(json!({})), ["email", "first_name"]);
        assert_eq!(errs(json!({"email": "jill@example.com", "first_name": "Jill"})), Vec::<String>::new());
    }

    #[test]
    fn rejects_bad_email_long_names_and_unknown_enums() {
        let long_email = format!("{}@example.com", "a".repeat(120));
        assert_eq!(
            errs(json!({"email": long_email, "first_name": "J".repeat(65), "last_name": "C".repeat(65),
                        "no_of_employees": "lots", "language": "xx", "auto_approve": "yes",
                        "custom_questions": [{"title": "q", "value": "v".repeat(129)}]})),
            ["email", "first_name", "last_name", "no_of_employees", "language", "custom_questions", "auto_approve"]
        );
        assert_eq!(errs(json!({"email": "not-an-email", "first_name": "J"})), ["email"]);
    }
}
