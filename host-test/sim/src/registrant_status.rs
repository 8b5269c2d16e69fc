//! Registrant status (spec `meetingRegistrantStatus`, `webinarRegistrantStatus`): approve, deny
//! or cancel up to 30 registrants of a meeting or webinar at once, each named by `id` or `email`.
//! Every named registrant must exist before any status changes. A cancelled registrant is in no
//! list (the list routes filter on approved, pending and denied only).

use super::errors;
use super::meetings::parse_id;
use super::registrants;
use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, is_email, Checker};
use super::webinar_registrants::{self, WebinarRegistrant};
use super::webinars::{self, parse_webinar_id};
use serde_json::{json, Map, Value};

/// The `registrants` limit in Zoom's spec.
const MAX_REGISTRANTS: usize = 30;

/// `action` and the registrants named, each as (`id`, `email`).
type Change = (&'static str, Vec<(Option<String>, Option<String>)>);

/// Checks the body: `action` one of Zoom's three, 1 to 30 `registrants`, each an object with an
/// `id` or a valid `email`.
pub(crate) fn check(body: &Map<String, Value>) -> Result<Change, Vec<String>> {
    let mut c = Checker::new(body, "");
    c.required("action");
    let action = c.string_enum("action", &["approve", "cancel", "deny"]);
    c.required("registrants");
    let mut named = Vec::new();
    if let Some(list) = c.array("registrants") {
        if list.is_empty() || list.len() > MAX_REGISTRANTS {
            c.fail("registrants");
        }
        for (i, r) in list.iter().enumerate() {
            let id = r.get("id").and_then(Value::as_str).filter(|s| !s.is_empty());
            let email = r.get("email").and_then(Value::as_str).filter(|s| !s.is_empty());
            let wrong_type = |k: &str| r.get(k).is_some_and(|v| !v.is_null() && !v.is_string());
            if !r.is_object() || (id.is_none() && email.is_none()) || wrong_type("id") || wrong_type("email") {
                c.fail(&format!("registrants[{i}]"));
            } else if email.is_some_and(|e| !is_email(e)) {
                c.fail(&format!("registrants[{i}].email"));
            }
            named.push((id.map(String::from), email.map(String::from)));
        }
    }
    let action = match action {
        Some("approve") => "approve",
        Some("deny") => "deny",
        _ => "cancel",
    };
    if c.errors.is_empty() {
        Ok((action, named))
    } else {
        Err(c.errors)
    }
}

fn new_status(action: &str) -> &'static str {
    match action {
        "approve" => "approved",
        "deny" => "denied",
        _ => "cancelled",
    }
}

/// The index of the stored registrant `(id, email)` names.
fn find(records: &[&Value], (id, email): &(Option<String>, Option<String>)) -> Option<usize> {
    records.iter().position(|r| match (id, email) {
        (Some(id), _) => r["id"].as_str() == Some(id.as_str()),
        (None, Some(e)) => r["email"].as_str().is_some_and(|x| x.eq_ignore_ascii_case(e)),
        (None, None) => false,
    })
}

/// The positions of the named registrants among `records`, or Zoom's answer for the first one
/// that is not there (nothing changes then).
fn locate<'a>(
    records: impl Iterator<Item = &'a Value>,
    named: &[(Option<String>, Option<String>)],
) -> Result<Vec<usize>, Response> {
    let records: Vec<&Value> = records.collect();
    named.iter().enumerate().map(|(i, n)| find(&records, n).ok_or_else(|| unknown(i))).collect()
}

fn unknown(i: usize) -> Response {
    errors::zoom(404, 300, format!("Registrant not found: registrants[{i}]."))
}

/// Parses the body and the `occurrence_id`; the occurrence must be one of `parent`'s.
fn read(req: &Request, parent: &Value) -> Result<Change, Response> {
    let body = body_object(&req.body)?;
    let change = check(&body).map_err(|e| errors::validation(&e))?;
    if let Some(o) = req.param("occurrence_id").filter(|s| !s.is_empty()) {
        let known = parent["occurrences"].as_array().is_some_and(|l| l.iter().any(|x| x["occurrence_id"] == o));
        if !known {
            return Err(errors::bad_occurrence(o));
        }
    }
    Ok(change)
}

/// `PUT /meetings/{meetingId}/registrants/status` → 204. No event is emitted: spec/webhooks holds
/// no meeting approval, denial or cancellation event to shape one by.
pub(crate) fn meeting(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(meeting) = store.meeting(id).cloned() else {
        return errors::meeting_not_found(raw_id);
    };
    if !matches!(meeting["settings"]["approval_type"].as_i64(), Some(0 | 1)) {
        return registrants::not_enabled(raw_id);
    }
    let (action, named) = match read(req, &meeting) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let list = store.registrants.entry(id).or_default();
    let hits = match locate(list.iter().map(|r| &r.record), &named) {
        Ok(hits) => hits,
        Err(r) => return r,
    };
    for at in hits {
        list[at].record["status"] = json!(new_status(action));
    }
    Response::no_content()
}

/// `PUT /webinars/{webinarId}/registrants/status` → 204. An approval emits
/// `webinar.registration_approved` and a cancellation `webinar.registration_cancelled` per
/// registrant; a denial emits nothing (spec/webhooks has no `_denied` event).
pub(crate) fn webinar(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_webinar_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(webinar) = store.webinar(id).cloned() else {
        return errors::webinar_not_found(raw_id);
    };
    if !webinars::registration_enabled(&webinar) {
        return webinar_registrants::not_enabled(raw_id);
    }
    let (action, named) = match read(req, &webinar) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let list = store.webinar_registrants.entry(id).or_default();
    let hits = match locate(list.iter().map(|r| &r.record), &named) {
        Ok(hits) => hits,
        Err(r) => return r,
    };
    let mut changed = Vec::new();
    for at in hits {
        let r = &mut list[at];
        r.record["status"] = json!(new_status(action));
        changed.push(WebinarRegistrant {
            record: r.record.clone(),
            occurrence_ids: r.occurrence_ids.clone(),
            source_id: r.source_id.clone(),
        });
    }
    let event = match action {
        "approve" => "webinar.registration_approved",
        "cancel" => "webinar.registration_cancelled",
        _ => return Response::no_content(),
    };
    for r in changed {
        webinar_registrants::emit_registration(store, event, &webinar, &r, &[]);
    }
    Response::no_content()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(v: Value) -> Vec<String> {
        check(v.as_object().unwrap()).err().unwrap_or_default()
    }

    #[test]
    fn action_and_one_to_thirty_registrants() {
        assert_eq!(errs(json!({})), ["action", "registrants"]);
        assert_eq!(errs(json!({"action": "block", "registrants": []})), ["action", "registrants"]);
        let many: Vec<Value> = (0..31).map(|i| json!({"id": format!("r{i}")})).collect();
        assert_eq!(errs(json!({"action": "approve", "registrants": many})), ["registrants"]);
        assert_eq!(
            errs(json!({"action": "deny", "registrants": [{}, {"email": "nope"}, {"id": 5}, {"id": "a"}]})),
            ["registrants[0]", "registrants[1].email", "registrants[2]"]
        );
        let ok = check(json!({"action": "cancel", "registrants": [{"email": "a@b.co"}]}).as_object().unwrap());
        assert_eq!(ok.unwrap(), ("cancel", vec![(None, Some("a@b.co".to_string()))]));
    }
}
