//! `GET /past_webinars/{webinarId}/absentees` (spec `webinarAbsentees`): the
//! approved registrants of an ended webinar who never joined, in the
//! registrant list's shape, paged; `occurrence_id` narrows to the
//! registrants of one occurrence.

use super::paging;
use super::server::{Request, Response};
use super::store::Store;
use super::webinars::{ended, find, registration_enabled};
use super::{clock, errors};
use serde_json::Value;

pub(crate) fn list(store: &mut Store, raw: &str, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let webinar = match find(store, raw) {
        Ok(Some(w)) if ended(w, clock::now_secs()) => w.clone(),
        Ok(_) => return errors::zoom(404, 3001, format!("Webinar {raw} not found or expired.")),
        Err(r) => return r,
    };
    let uuid = webinar["uuid"].as_str().unwrap_or(raw).to_string();
    if !registration_enabled(&webinar) {
        return errors::zoom(400, 3000, format!("This webinar doesn't have registration required: {uuid}."));
    }
    let occurrence = req.param("occurrence_id").filter(|o| !o.is_empty());
    if let Some(o) = occurrence {
        let known = webinar["occurrences"].as_array().is_some_and(|l| l.iter().any(|x| x["occurrence_id"] == o));
        if !known {
            let msg =
                format!("The request could not be completed because you have provided an invalid occurrence ID: {o}.");
            return errors::zoom(400, 300, msg);
        }
    }
    let id = webinar["id"].as_u64().unwrap_or_default();
    let attended: Vec<String> = store
        .webinar_participants
        .get(&id)
        .map(|l| l.iter().filter_map(|p| p["registrant_id"].as_str().map(String::from)).collect())
        .unwrap_or_default();
    let items: Vec<Value> = store
        .webinar_registrants
        .get(&id)
        .map(|list| {
            list.iter()
                .filter(|r| r.record["status"] == "approved")
                .filter(|r| occurrence.is_none_or(|o| r.occurrence_ids.iter().any(|i| i == o)))
                .filter(|r| !r.record["id"].as_str().is_some_and(|rid| attended.iter().any(|a| a == rid)))
                .map(|r| r.record.clone())
                .collect()
        })
        .unwrap_or_default();
    paging::respond(store, req, &items, page_size, "registrants")
}
