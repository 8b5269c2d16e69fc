//! Occurrences of recurring meetings and webinars on the single-object
//! routes: `GET ?occurrence_id=` shows the object as of that occurrence,
//! `show_previous_occurrences` decides whether finished ones are listed, and
//! `PATCH /meetings/{id}?occurrence_id=` changes one occurrence only.

use super::meeting_rules;
use super::meetings::parse_id;
use super::server::{Request, Response};
use super::store::Store;
use super::validate::body_object;
use super::{clock, errors, webhooks};
use serde_json::{json, Map, Value};

/// Settings Zoom lets a single occurrence change (the `occurrence_id`
/// parameter's description); everything else in an occurrence PATCH body is
/// ignored, as Zoom does.
const OCCURRENCE_SETTINGS: &[&str] = &[
    "host_video",
    "participant_video",
    "join_before_host",
    "mute_upon_entry",
    "waiting_room",
    "watermark",
    "auto_recording",
];

fn available<'a>(obj: &'a Value, occurrence_id: &str) -> Option<&'a Value> {
    obj["occurrences"].as_array()?.iter().find(|o| o["occurrence_id"] == occurrence_id && o["status"] == "available")
}

/// What `GET` returns for a stored meeting or webinar. `overrides` are the
/// occurrence-level changes of the `occurrence_id` asked for.
/// Marks occurrence `occ_id` of a meeting or webinar deleted, when it is still available, and
/// returns what the `*.deleted` webhook names of it.
pub(crate) fn cancel(series: &mut Value, occ_id: &str) -> Option<Value> {
    let occ = series["occurrences"]
        .as_array_mut()?
        .iter_mut()
        .find(|o| o["occurrence_id"] == occ_id && o["status"] == "available")?;
    occ["status"] = json!("deleted");
    Some(json!({ "occurrence_id": occ["occurrence_id"], "start_time": occ["start_time"] }))
}

pub(crate) fn view(obj: &Value, overrides: Option<&Map<String, Value>>, req: &Request) -> Result<Value, Response> {
    let show_previous = match req.param("show_previous_occurrences") {
        None => false,
        Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(errors::invalid_field("show_previous_occurrences")),
    };
    let mut out = obj.clone();
    if let Some(occ_id) = req.param("occurrence_id").filter(|o| !o.is_empty()) {
        let occ = available(obj, occ_id).ok_or_else(|| errors::bad_occurrence(occ_id))?;
        out["start_time"] = occ["start_time"].clone();
        out["duration"] = occ["duration"].clone();
        for (k, v) in overrides.into_iter().flatten() {
            match (k.as_str(), v) {
                ("settings", Value::Object(s)) => s.iter().for_each(|(sk, sv)| out["settings"][sk] = sv.clone()),
                _ => out[k] = v.clone(),
            }
        }
    }
    if !show_previous {
        // Zoom lists only occurrences that have not finished yet.
        let now = clock::now_secs();
        // `get_mut`, not `out["occurrences"]`: indexing would add `"occurrences": null` to a
        // meeting that has none, where Zoom leaves the field out.
        if let Some(list) = out.get_mut("occurrences").and_then(Value::as_array_mut) {
            list.retain(|o| {
                let start = o["start_time"].as_str().and_then(clock::parse_datetime).unwrap_or(now);
                start + o["duration"].as_i64().unwrap_or(0) * 60 >= now
            });
        }
    }
    Ok(out)
}

/// Keeps what an occurrence PATCH body says of the `agenda` and of the
/// `settings` one occurrence may change, for `view` to show for that
/// occurrence of meeting or webinar `id`.
pub(crate) fn remember(store: &mut Store, id: u64, occ_id: &str, body: &Map<String, Value>, settings: &[&str]) {
    let overrides = store.occurrence_overrides.entry((id, occ_id.to_string())).or_default();
    if let Some(agenda) = body.get("agenda").filter(|a| a.is_string()) {
        overrides.insert("agenda".into(), agenda.clone());
    }
    if let Some(Value::Object(given)) = body.get("settings") {
        let entry = overrides.entry("settings").or_insert_with(|| json!({}));
        for (k, v) in given.iter().filter(|(k, v)| settings.contains(&k.as_str()) && !v.is_null()) {
            entry[k] = v.clone();
        }
    }
}

/// `PATCH /meetings/{meetingId}?occurrence_id=` → 204: `start_time` and
/// `duration` move that occurrence; `agenda` and the occurrence settings are
/// remembered for it alone.
pub(crate) fn update(store: &mut Store, raw_id: &str, req: &Request) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let errs = meeting_rules::check(&body);
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    let occ_id = req.param("occurrence_id").unwrap_or_default().to_string();
    let Some(before) = store.meeting(id).cloned() else {
        return errors::meeting_not_found(raw_id);
    };
    if available(&before, &occ_id).is_none() {
        return errors::bad_occurrence(&occ_id);
    }
    let mut after = before.clone();
    if let Some(occ) =
        after["occurrences"].as_array_mut().and_then(|l| l.iter_mut().find(|o| o["occurrence_id"] == occ_id.as_str()))
    {
        if let Some(t) = body.get("start_time").and_then(Value::as_str).and_then(clock::parse_datetime) {
            occ["start_time"] = json!(clock::format_utc(t));
        }
        if let Some(d) = body.get("duration").filter(|d| d.is_i64()) {
            occ["duration"] = d.clone();
        }
    }
    remember(store, id, &occ_id, &body, OCCURRENCE_SETTINGS);
    *store.meeting_mut(id).expect("checked above") = after.clone();

    let payload = webhooks::updated_payload(store, &before, &after);
    store.emit("meeting.updated", payload);
    Response::no_content()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::parse_query;

    fn req(q: &str) -> Request {
        Request { method: "GET".into(), path: "/".into(), query: parse_query(q), headers: vec![], body: vec![] }
    }

    #[test]
    fn occurrence_view_and_previous_filter() {
        let obj = json!({"start_time": "2001-01-01T00:00:00Z", "duration": 30, "settings": {"host_video": false},
            "occurrences": [
                {"occurrence_id": "1", "start_time": "2001-01-01T00:00:00Z", "duration": 30, "status": "available"},
                {"occurrence_id": "2", "start_time": "2099-01-01T00:00:00Z", "duration": 45, "status": "available"},
                {"occurrence_id": "3", "start_time": "2099-01-02T00:00:00Z", "duration": 45, "status": "deleted"}]});
        assert_eq!(view(&obj, None, &req("")).ok().unwrap()["occurrences"].as_array().unwrap().len(), 2);
        let all = view(&obj, None, &req("show_previous_occurrences=true")).ok().unwrap();
        assert_eq!(all["occurrences"].as_array().unwrap().len(), 3);
        let over = json!({"agenda": "moved", "settings": {"host_video": true}});
        let one = view(&obj, over.as_object(), &req("occurrence_id=2")).ok().unwrap();
        assert_eq!((one["start_time"].as_str(), one["duration"].as_i64()), (Some("2099-01-01T00:00:00Z"), Some(45)));
        assert_eq!((one["agenda"].as_str(), one["settings"]["host_video"].as_bool()), (Some("moved"), Some(true)));
        for bad in ["occurrence_id=3", "occurrence_id=9", "show_previous_occurrences=yes"] {
            assert_eq!(view(&obj, None, &req(bad)).err().unwrap().status, 400, "{bad}");
        }
    }
}
