//! Zoom Phone call recordings of one user (spec `phoneUserRecordings`). Only
//! users with a Zoom Phone licence (`feature.zoom_phone` in their settings)
//! have them.

use super::server::{Request, Response};
use super::store::Store;
use super::user_settings::has_feature;
use super::{clock, errors, paging, query};
use serde_json::Value;

/// Default window when neither date is given.
const DEFAULT_DAYS: i64 = 30;

/// `GET /phone/users/{userId}/recordings`: `from`/`to` (yyyy-mm-dd; `to` is
/// required with `from`; at most a month apart and within the last six
/// months; default the past 30 days), `page_size` (≤300), paging. Newest
/// first.
pub(crate) fn recordings(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (from, to) = match (query::date(req, "from"), query::date(req, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let today = clock::today();
    let (from, to) = match (from, to) {
        (None, None) => (today - DEFAULT_DAYS, today),
        (Some(_), None) => return errors::invalid_field("to"),
        (f, Some(t)) => {
            let f = f.unwrap_or(t - DEFAULT_DAYS);
            if let Err(r) = query::month_window(f, t) {
                return r;
            }
            if f < clock::add_months(today, -6) {
                return errors::zoom(400, 300, "Only recordings from the last 6 months can be queried.");
            }
            (f, t)
        }
    };
    let Some(user_id) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    // The spec's only 400 for this operation; Zoom answers it for users that
    // exist but have no Zoom Phone.
    if !has_feature(store, &user_id, "zoom_phone") {
        return errors::zoom(400, 300, "Invalid user id.");
    }
    let items: Vec<Value> = store
        .phone_recordings
        .get(&user_id)
        .map(|list| {
            list.iter()
                .filter(|r| {
                    let day = r["date_time"].as_str().and_then(clock::parse_datetime).map(|t| t.div_euclid(86_400));
                    day.is_some_and(|d| (from..=to).contains(&d))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    match paging::window_body(store, req, &items, page_size, "recordings", (from, to)) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}
