//! User settings (spec `userSettings`, `userSettingsUpdate`): `GET` and `PATCH
//! /users/{userId}/settings`, with the `option` variants (meeting/recording
//! authentication, meeting security). PATCH merges the given keys into the
//! stored groups; a key the simulator does not model inside a known group is
//! ignored (Zoom's deserializer drops unknown properties), an unknown top-level
//! key is a 400.

use super::server::{Request, Response};
use super::settings_defaults::{self, GROUPS};
use super::store::Store;
use super::validate::body_object;
use super::{clock, errors};
use serde_json::{json, Map, Value};

const OPTIONS: &[&str] = &["meeting_authentication", "recording_authentication", "meeting_security"];
const LOGIN_TYPES: &[&str] = &["0", "1", "11", "21", "23", "24", "27", "97", "98", "99", "100", "101"];

/// The one GET group the PATCH schema does not have.
const READ_ONLY_GROUP: &str = "whiteboard";

/// Settings groups `user.settings_updated` may carry (its schema's list).
const EVENT_GROUPS: &[&str] = &[
    "audio_conferencing",
    "schedule_meeting",
    "in_meeting",
    "email_notification",
    "recording",
    "telephony",
    "feature",
    "meeting_security",
    "tsp",
];

const STRING_ENUMS: &[(&str, &[&str])] = &[
    ("schedule_meeting.audio_type", &["both", "telephony", "voip", "thirdParty"]),
    ("schedule_meeting.require_password_for_pmi_meetings", &["jbh_only", "all", "none"]),
    ("in_meeting.entry_exit_chime", &["host", "all", "none"]),
    ("in_meeting.who_can_share_screen", &["host", "all"]),
    ("in_meeting.who_can_share_screen_when_someone_is_sharing", &["host", "all"]),
    ("in_meeting.participants_share_simultaneously", &["multiple", "one"]),
    ("in_meeting.meeting_reactions_emojis", &["all", "selected"]),
    ("recording.auto_recording", &["local", "cloud", "none"]),
    ("feature.concurrent_meeting", &["Basic", "Plus", "None"]),
    ("meeting_security.encryption_type", &["enhanced_encryption", "e2ee"]),
];

const INT_ENUMS: &[(&str, &[i64])] = &[
    ("in_meeting.allow_participants_chat_with", &[1, 2, 3, 4]),
    ("in_meeting.allow_users_save_chats", &[1, 2, 3]),
    ("recording.auto_delete_cmr_days", &[30, 60, 90, 120]),
    ("feature.webinar_capacity", &[100, 500, 501, 1000, 1001, 3000, 5000, 10000]),
];

/// Seeds every user. Zoom Phone goes to active licensed users, the webinar
/// add-on to the account owner only, so both "has it" and "lacks it" exist.
pub(crate) fn seed(store: &mut Store) {
    for user in store.users.iter() {
        let phone = user["type"] == 2 && user["status"] == "active";
        let webinar = user["role_name"] == "Owner";
        let id = user["id"].as_str().unwrap_or_default().to_string();
        store.settings.insert(id, settings_defaults::for_user(user, phone, webinar));
    }
}

/// The no-`option` body of a stored settings object.
pub(crate) fn default_view(stored: &Value) -> Value {
    stored["groups"].clone()
}

/// Whether a user's `feature` group has a licence flag on (`zoom_phone`, `webinar`).
pub(crate) fn has_feature(store: &Store, user_id: &str, flag: &str) -> bool {
    store.settings.get(user_id).is_some_and(|s| s["groups"]["feature"][flag] == true)
}

fn option(req: &Request) -> Result<Option<&str>, Response> {
    if req.param("login_type").is_some_and(|l| !LOGIN_TYPES.contains(&l)) {
        return Err(errors::invalid_field("login_type"));
    }
    match req.param("option").filter(|o| !o.is_empty()) {
        Some(o) if !OPTIONS.contains(&o) => Err(errors::invalid_field("option")),
        o => Ok(o),
    }
}

/// `GET /users/{userId}/settings`: `option`, `custom_query_fields` (comma
/// list of setting names; only those keys, in the groups that have them).
pub(crate) fn get(store: &Store, key: &str, req: &Request) -> Response {
    let option = match option(req) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Some(stored) = store.user_id(key).and_then(|id| store.settings.get(&id)) else {
        return errors::user_not_found(key);
    };
    if let Some(o) = option {
        return Response::json(200, &stored[o]);
    }
    let mut body = default_view(stored);
    let wanted: Vec<&str> =
        req.param("custom_query_fields").unwrap_or("").split(',').map(str::trim).filter(|f| !f.is_empty()).collect();
    if !wanted.is_empty() {
        let groups = body.as_object_mut().expect("groups are an object");
        for group in groups.values_mut().filter_map(Value::as_object_mut) {
            group.retain(|k, _| wanted.contains(&k.as_str()));
        }
        groups.retain(|_, g| g.as_object().is_some_and(|g| !g.is_empty()));
    }
    Response::json(200, &body)
}

/// Same JSON kind, and for numbers, integer where the default is one.
fn same_kind(current: &Value, given: &Value) -> bool {
    match current {
        Value::Bool(_) => given.is_boolean(),
        Value::String(_) => given.is_string(),
        Value::Number(n) if n.is_i64() => given.is_i64(),
        Value::Number(_) => given.is_number(),
        Value::Array(_) => given.is_array(),
        Value::Object(_) => given.is_object(),
        Value::Null => true,
    }
}

/// Checks one group's keys against the stored group; appends bad fields.
fn check_group(name: &str, given: &Map<String, Value>, current: &Map<String, Value>, errs: &mut Vec<String>) {
    for (k, v) in given.iter().filter(|(_, v)| !v.is_null()) {
        let Some(cur) = current.get(k) else { continue };
        let field = format!("{name}.{k}");
        let ok = same_kind(cur, v)
            && STRING_ENUMS
                .iter()
                .filter(|(f, _)| *f == field)
                .all(|(_, allowed)| allowed.contains(&v.as_str().unwrap_or("")))
            && INT_ENUMS
                .iter()
                .filter(|(f, _)| *f == field)
                .all(|(_, allowed)| allowed.contains(&v.as_i64().unwrap_or(-1)))
            && (field != "telephony.audio_conference_info" || v.as_str().is_some_and(|s| s.chars().count() <= 2048));
        match (ok, cur, v) {
            (false, _, _) => errs.push(field),
            (true, Value::Object(c), Value::Object(g)) => check_group(&field, g, c, errs),
            _ => {}
        }
    }
}

/// Merges known keys (objects one level deep); returns (new, old) values of
/// what changed, for the webhook.
fn merge(current: &mut Map<String, Value>, given: &Map<String, Value>) -> (Map<String, Value>, Map<String, Value>) {
    let (mut new, mut old) = (Map::new(), Map::new());
    for (k, v) in given.iter().filter(|(_, v)| !v.is_null()) {
        let Some(cur) = current.get_mut(k) else { continue };
        let before = cur.clone();
        match (cur.as_object_mut(), v.as_object()) {
            (Some(c), Some(g)) => {
                merge(c, g);
            }
            _ => *cur = v.clone(),
        }
        if *cur != before {
            new.insert(k.clone(), cur.clone());
            old.insert(k.clone(), before);
        }
    }
    (new, old)
}

/// `authentication_option{action*, id*, ...}` edits one of the listed options.
fn apply_auth_option(options: &mut Value, given: &Map<String, Value>) -> Result<(), Vec<String>> {
    let action = given.get("action").and_then(Value::as_str).filter(|a| ["update", "show", "hide"].contains(a));
    let id = given.get("id").and_then(Value::as_str);
    let target = options.as_array_mut().and_then(|l| l.iter_mut().find(|o| id.is_some_and(|id| o["id"] == id)));
    let (Some(action), Some(target)) = (action, target) else {
        let mut errs = Vec::new();
        if action.is_none() {
            errs.push("authentication_option.action".to_string());
        }
        errs.push("authentication_option.id".to_string());
        return Err(errs);
    };
    match action {
        "show" => target["visible"] = json!(true),
        "hide" => target["visible"] = json!(false),
        _ => {
            for k in ["name", "domains", "type", "default_option"] {
                if let Some(v) = given.get(k).filter(|v| !v.is_null()) {
                    target[k] = v.clone();
                }
            }
        }
    }
    Ok(())
}

/// `PATCH /users/{userId}/settings` → 204.
pub(crate) fn update(store: &mut Store, key: &str, req: &Request) -> Response {
    let option = match option(req) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(user) = store.find_user(key).cloned() else {
        return errors::user_not_found(key);
    };
    let id = user["id"].as_str().unwrap_or_default().to_string();
    let mut stored =
        store.settings.get(&id).cloned().unwrap_or_else(|| settings_defaults::for_user(&user, false, false));
    let patchable: Vec<&str> = GROUPS.iter().copied().filter(|g| *g != READ_ONLY_GROUP).collect();
    let (target, allowed): (&str, &[&str]) = match option {
        None => ("groups", &patchable),
        Some("meeting_security") => ("meeting_security", &["meeting_security"]),
        Some(o) => (
            o,
            if o == "meeting_authentication" {
                &["authentication_option", "meeting_authentication"]
            } else {
                &["authentication_option", "recording_authentication"]
            },
        ),
    };
    let mut errs: Vec<String> = body.keys().filter(|k| !allowed.contains(&k.as_str())).cloned().collect();
    let current = stored[target].as_object().cloned().unwrap_or_default();
    for (k, v) in body.iter().filter(|(k, v)| allowed.contains(&k.as_str()) && !v.is_null()) {
        match (current.get(k), v) {
            (_, _) if k == "authentication_option" && !v.is_object() => errs.push(k.clone()),
            (Some(Value::Object(cur)), Value::Object(given)) => check_group(k, given, cur, &mut errs),
            (Some(cur), given) if !same_kind(cur, given) => errs.push(k.clone()),
            _ => {}
        }
    }
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    if let Some(Value::Object(given)) = body.get("authentication_option") {
        if let Err(errs) = apply_auth_option(&mut stored[target]["authentication_options"], given) {
            return errors::validation(&errs);
        }
    }
    let plain: Map<String, Value> = body.into_iter().filter(|(k, _)| k != "authentication_option").collect();
    let (new, old) = merge(stored[target].as_object_mut().expect("settings part is an object"), &plain);
    store.settings.insert(id.clone(), stored);

    let new: Map<String, Value> = new.into_iter().filter(|(k, _)| EVENT_GROUPS.contains(&k.as_str())).collect();
    if !new.is_empty() {
        let old: Map<String, Value> = old.into_iter().filter(|(k, _)| new.contains_key(k)).collect();
        let mut payload = store.operator_fields();
        payload.insert("time_stamp".into(), json!(clock::now_ms()));
        payload.insert("object".into(), json!({"id": id, "settings": changed_keys(&new, &old, true)}));
        payload.insert("old_object".into(), json!({"id": id, "settings": changed_keys(&new, &old, false)}));
        store.emit("user.settings_updated", Value::Object(payload));
    }
    Response::no_content()
}

/// Per group, only the keys whose value changed (new or old side).
fn changed_keys(new: &Map<String, Value>, old: &Map<String, Value>, new_side: bool) -> Value {
    let mut out = Map::new();
    for (group, after) in new {
        let before = &old[group];
        let keys: Map<String, Value> = after
            .as_object()
            .map(|a| {
                a.iter()
                    .filter(|(k, v)| before.get(k.as_str()) != Some(*v))
                    .map(|(k, v)| (k.clone(), if new_side { v.clone() } else { before[k.as_str()].clone() }))
                    .collect()
            })
            .unwrap_or_default();
        out.insert(group.clone(), Value::Object(keys));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_checks_follow_stored_kinds_and_enums() {
        let stored = settings_defaults::for_user(&json!({"type": 2}), true, true);
        let current = stored["groups"]["in_meeting"].as_object().unwrap();
        let given = json!({"chat": "yes", "entry_exit_chime": "loud", "allow_users_save_chats": 3,
                           "virtual_background_settings": {"enable": 1}, "not_modelled": 5});
        let mut errs = Vec::new();
        check_group("in_meeting", given.as_object().unwrap(), current, &mut errs);
        assert_eq!(
            errs,
            ["in_meeting.chat", "in_meeting.entry_exit_chime", "in_meeting.virtual_background_settings.enable"]
        );
    }

    #[test]
    fn merge_keeps_siblings_and_reports_changes() {
        let mut cur = json!({"a": true, "o": {"x": 1, "y": 2}}).as_object().unwrap().clone();
        let (new, old) = merge(&mut cur, json!({"a": true, "o": {"y": 3}, "zz": 1}).as_object().unwrap());
        assert_eq!(Value::Object(cur), json!({"a": true, "o": {"x": 1, "y": 3}}));
        assert_eq!(Value::Object(new), json!({"o": {"x": 1, "y": 3}}));
        assert_eq!(Value::Object(old), json!({"o": {"x": 1, "y": 2}}));
    }
}
