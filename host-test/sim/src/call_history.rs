//! Zoom Phone call history (spec `phoneUserCallHistory`, `accountCallHistory`).
//! Seeded from the phone recordings (each recorded call answered, with its
//! recording id) plus a missed call after every fourth one; calls added by
//! [`end_call`] emit `phone.callee_ended`. Entries are kept in the user
//! route's shape; the account route renames what its schema names
//! differently (`call_history_uuid`, `duration`, `call_result`).

use super::server::{Request, Response};
use super::store::Store;
use super::user_settings::has_feature;
use super::{clock, errors, paging, query, webhooks};
use serde_json::{json, Map, Value};

/// Fields of a user-route entry the account route's schema does not have.
const USER_ONLY: &[&str] =
    &["id", "call_path_id", "event", "result", "result_reason", "talk_time", "recording_id", "recording_type"];

pub(crate) fn seed(store: &mut Store) {
    let owners: Vec<(String, Vec<Value>)> =
        store.phone_recordings.iter().map(|(id, list)| (id.clone(), list.clone())).collect();
    for (user_id, recordings) in owners {
        let Some(user) = store.find_user(&user_id).cloned() else { continue };
        let mut calls = Vec::new();
        for (i, rec) in recordings.iter().enumerate() {
            let start = rec["date_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
            calls.push(entry(store, &user, rec, start, true));
            if i % 4 == 3 {
                calls.push(entry(store, &user, rec, start + 2 * 3600, false));
            }
        }
        calls.sort_by(|a, b| b["start_time"].as_str().cmp(&a["start_time"].as_str()));
        store.call_history.insert(user_id, calls);
    }
}

/// One call of `user` with the other party of `template` (a phone recording):
/// answered and recorded, or an inbound call nobody answered.
fn entry(store: &mut Store, user: &Value, template: &Value, start: i64, answered: bool) -> Value {
    let inbound = !answered || template["direction"] == "inbound";
    let (me_side, party_side) =
        if template["direction"] == "inbound" { ("callee", "caller") } else { ("caller", "callee") };
    let party_name = template[format!("{party_side}_name")].clone();
    let party_number = template[format!("{party_side}_number")].as_str().unwrap_or_default().to_string();
    let me_number = template[format!("{me_side}_number")].clone();
    let external = party_number.starts_with('+');
    let day = clock::format_date(start.div_euclid(86_400)).replace('-', "");
    let id = if answered {
        template["call_history_id"].as_str().unwrap_or_default().to_string()
    } else {
        format!("{day}-{}", store.rng.hyphenated_uuid())
    };
    let call_id = if answered { template["call_id"].clone() } else { json!(format!("7{}", store.rng.digits(18))) };
    let talk = if answered { template["duration"].as_i64().unwrap_or(60) } else { 0 };
    let ring = 8;
    let mut e = json!({
        "id": id,
        "call_path_id": id,
        "call_id": call_id,
        "connect_type": if external { "external" } else { "internal" },
        "call_type": "general",
        "direction": if inbound { "inbound" } else { "outbound" },
        "start_time": clock::format_utc(start),
        "end_time": clock::format_utc(start + ring + talk),
        "event": if inbound { "incoming" } else { "outgoing" },
        "result": if answered { "answered" } else { "no_answer" },
        "talk_time": talk,
    });
    let (me_role, party_role) = if inbound { ("callee", "caller") } else { ("caller", "callee") };
    e[format!("{me_role}_name")] = user["display_name"].clone();
    e[format!("{me_role}_email")] = user["email"].clone();
    e[format!("{me_role}_ext_number")] = me_number;
    e[format!("{me_role}_ext_type")] = json!("user");
    e[format!("{party_role}_name")] = party_name;
    if external {
        e[format!("{party_role}_did_number")] = json!(party_number);
        e[format!("{party_role}_number_type")] = json!("external_pstn");
    } else {
        e[format!("{party_role}_ext_number")] = json!(party_number);
        e[format!("{party_role}_ext_type")] = json!("user");
    }
    if answered {
        e["answer_time"] = json!(clock::format_utc(start + ring));
        e["recording_id"] = template["id"].clone();
        e["recording_type"] = json!("automatic");
    }
    e
}

/// Adds an inbound call to `user_key` that ended seconds ago and emits
/// `phone.callee_ended`; returns the call history entry. `None` for an
/// unknown user or one without Zoom Phone.
pub(crate) fn end_call(store: &mut Store, user_key: &str) -> Option<Value> {
    let user_id = store.user_id(user_key)?;
    let template = store.phone_recordings.get(&user_id)?.iter().find(|r| r["direction"] == "inbound")?.clone();
    let user = store.find_user(&user_id)?.clone();
    let talk = template["duration"].as_i64().unwrap_or(60);
    let start = clock::now_secs() - store.rng.range(5, 30) as i64 - 8 - talk;
    let mut call = entry(store, &user, &template, start, true);
    let day = clock::format_date(start.div_euclid(86_400)).replace('-', "");
    let id = format!("{day}-{}", store.rng.hyphenated_uuid());
    call["id"] = json!(id);
    call["call_path_id"] = json!(id);
    call["call_id"] = json!(format!("7{}", store.rng.digits(18)));
    store.call_history.entry(user_id.clone()).or_default().insert(0, call.clone());
    let object = json!({
        "call_id": call["call_id"],
        "caller": {"phone_number": call["caller_did_number"], "name": call["caller_name"], "connection_type": "pstn_off_net"},
        "callee": {
            "user_id": user_id,
            "name": call["callee_name"],
            "extension_type": "user",
            "extension_number": call["callee_ext_number"].as_str().and_then(|n| n.parse::<u64>().ok()),
            "connection_type": "voip",
        },
        "ringing_start_time": call["start_time"],
        "answer_start_time": call["answer_time"],
        "call_end_time": call["end_time"],
        "handup_result": "Call connected",
    });
    let payload = json!({"account_id": store.creds.account_id, "object": object});
    store.outbox.push(webhooks::envelope("phone.callee_ended", payload, Map::new()));
    Some(call)
}

/// A bad query parameter: the user route's spec lists 400/301 naming it,
/// the account route's only 400/300 "Validation Failed".
fn bad(account: bool, name: &str) -> Response {
    if account {
        errors::invalid_field(name)
    } else {
        errors::zoom(400, 301, format!("Invalid request param: {name}."))
    }
}

/// `from`/`to` as `yyyy-mm-dd` or `yyyy-MM-ddTHH:mm:ssZ` (the description
/// allows both): the first and last second they cover.
fn bound(req: &Request, name: &str, end: bool) -> Result<Option<i64>, ()> {
    let Some(v) = req.param(name).filter(|v| !v.is_empty()) else { return Ok(None) };
    if let Some(day) = clock::parse_date(v) {
        return Ok(Some(if end { day * 86_400 + 86_399 } else { day * 86_400 }));
    }
    clock::parse_datetime(v).map(Some).ok_or(())
}

/// `GET /phone/users/{userId}/call_history` (`user_key` given) or
/// `GET /phone/call_history`: `from`/`to` (`to` required with `from`; at most
/// a month apart, within the last six months; default the last 24 hours),
/// `time_type` (`start_time` default | `end_time`), `page_size` (≤300),
/// paging. Newest first.
pub(crate) fn list(store: &mut Store, user_key: Option<&str>, req: &Request) -> Response {
    let account = user_key.is_none();
    let Ok(page_size) = paging::page_size(req, 300) else { return bad(account, "page_size") };
    let (from, to) = match (bound(req, "from", false), bound(req, "to", true)) {
        (Err(()), _) => return bad(account, "from"),
        (_, Err(())) => return bad(account, "to"),
        (Ok(Some(_)), Ok(None)) => return bad(account, "to"),
        (Ok(f), Ok(t)) => {
            let now = clock::now_secs();
            (f.unwrap_or(now - 86_400), t.unwrap_or(now))
        }
    };
    if let Err(r) = query::month_window(from.div_euclid(86_400), to.div_euclid(86_400)) {
        return r;
    }
    if from.div_euclid(86_400) < clock::add_months(clock::today(), -6) {
        return errors::zoom(400, 300, "Only call logs from the last 6 months can be queried.");
    }
    let time_key = match req.param("time_type") {
        None | Some("start_time") => "start_time",
        Some("end_time") => "end_time",
        Some(_) => return bad(account, "time_type"),
    };
    let in_window =
        |c: &&Value| c[time_key].as_str().and_then(clock::parse_datetime).is_some_and(|t| (from..=to).contains(&t));
    let (items, key): (Vec<Value>, &str) = match user_key {
        Some(key) => {
            // A user without Zoom Phone has no phone identity: the spec's one
            // not-found answer for this route is the one Zoom gives.
            let Some(id) = store.user_id(key).filter(|id| has_feature(store, id, "zoom_phone")) else {
                return errors::zoom(404, 300, format!("User does not exist: {key}."));
            };
            let list = store.call_history.get(&id).map(Vec::as_slice).unwrap_or_default();
            (list.iter().filter(in_window).cloned().collect(), "call_logs")
        }
        None => {
            let mut all: Vec<Value> = Vec::new();
            for c in store.call_history.values().flatten().filter(in_window) {
                // A call between two of the account's users is one call.
                if !all.iter().any(|a| a["call_id"] == c["call_id"]) {
                    all.push(account_entry(c));
                }
            }
            all.sort_by(|a, b| b["start_time"].as_str().cmp(&a["start_time"].as_str()));
            (all, "call_history")
        }
    };
    let window = (from.div_euclid(86_400), to.div_euclid(86_400));
    match paging::window_body(store, req, &items, page_size, key, window) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}

fn account_entry(c: &Value) -> Value {
    let mut out: Map<String, Value> = c
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| !USER_ONLY.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.insert("call_history_uuid".into(), c["id"].clone());
    out.insert("duration".into(), c["talk_time"].clone());
    out.insert("call_result".into(), c["result"].clone());
    let recorded = if c.get("recording_id").is_some() { "recorded" } else { "non_recorded" };
    out.insert("recording_status".into(), json!(recorded));
    Value::Object(out)
}
