//! Webinar panelists (spec `webinarPanelists`, `webinarPanelistCreate`,
//! `webinarPanelistDelete`): list, add up to 30 at once (each with a name and an
//! email; an email already on the list is updated, not repeated), remove one.

use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, Checker};
use super::webinars::parse_webinar_id;
use super::{clock, errors};
use serde_json::json;

/// `panelists` holds at most this many per request (the spec's `maximum`).
const MAX_PER_REQUEST: usize = 30;
/// Optional text fields a panelist may carry, stored as given.
const TEXT_FIELDS: &[&str] =
    &["virtual_background_id", "name_tag_id", "name_tag_name", "name_tag_pronouns", "name_tag_description"];

fn webinar_id(store: &Store, raw: &str) -> Result<u64, Response> {
    let id = parse_webinar_id(raw)?;
    match store.webinar(id) {
        Some(_) => Ok(id),
        None => Err(errors::webinar_not_found(raw)),
    }
}

/// `GET /webinars/{webinarId}/panelists`: no paging, every panelist at once.
pub(crate) fn list(store: &Store, raw: &str) -> Response {
    let id = match webinar_id(store, raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let panelists = store.webinar_panelists.get(&id).cloned().unwrap_or_default();
    Response::json(200, &json!({"total_records": panelists.len(), "panelists": panelists}))
}

/// `POST /webinars/{webinarId}/panelists`: 201 with the webinar id and `updated_at`.
pub(crate) fn add(store: &mut Store, raw: &str, req: &Request) -> Response {
    let id = match webinar_id(store, raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut check = Checker::new(&body, "");
    let list = check.array("panelists").cloned().unwrap_or_default();
    if check.errors.is_empty() && (list.is_empty() || list.len() > MAX_PER_REQUEST) {
        check.fail("panelists");
    }
    let mut accepted = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let Some(obj) = p.as_object() else {
            check.errors.push(format!("panelists[{i}]"));
            continue;
        };
        let mut c = Checker::new(obj, &format!("panelists[{i}]"));
        c.required("name");
        c.required("email");
        let name = c.string("name", 64).filter(|n| !n.trim().is_empty());
        let email = c.email("email", 128);
        let mut record = json!({"name": name, "email": email});
        for key in TEXT_FIELDS {
            if let Some(v) = c.string(key, 256) {
                record[*key] = json!(v);
            }
        }
        if name.is_none() && c.errors.is_empty() {
            c.fail("name");
        }
        check.errors.extend(c.errors);
        accepted.push(record);
    }
    if !check.errors.is_empty() {
        return errors::validation(&check.errors);
    }
    for mut record in accepted {
        let email = record["email"].as_str().unwrap_or_default().to_string();
        let existing = store
            .webinar_panelists
            .get_mut(&id)
            .and_then(|l| l.iter_mut().find(|p| p["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(&email))));
        match existing {
            Some(p) => {
                record["id"] = p["id"].clone();
                record["join_url"] = p["join_url"].clone();
                *p = record;
            }
            None => {
                record["id"] = json!(store.rng.alnum(22));
                record["join_url"] = json!(format!("{}/w/{id}?tk={}", store.base_url, store.rng.alnum(43)));
                store.webinar_panelists.entry(id).or_default().push(record);
            }
        }
    }
    Response::json(201, &json!({"id": id.to_string(), "updated_at": clock::now_iso()}))
}

/// `DELETE /webinars/{webinarId}/panelists/{panelistId}`: 204, or Zoom's 404 for
/// a panelist the webinar does not have.
pub(crate) fn remove(store: &mut Store, raw: &str, panelist: &str) -> Response {
    let id = match webinar_id(store, raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let list = store.webinar_panelists.entry(id).or_default();
    match list.iter().position(|p| p["id"] == panelist) {
        Some(i) => {
            list.remove(i);
            Response::no_content()
        }
        None => errors::zoom(404, 3001, format!("Panelist does not exist: {panelist}.")),
    }
}
