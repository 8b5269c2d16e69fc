//! User writes (spec `userCreate`, `userUpdate`, `userDelete`): `POST /users`,
//! `PATCH /users/{userId}` and `DELETE /users/{userId}`, each with its `user.*`
//! webhook event.

use super::server::{Request, Response};
use super::settings_defaults;
use super::store::Store;
use super::user_rules::{check_create, check_update, update_rules};
use super::users::{self, Profile};
use super::validate::body_object;
use super::{clock, errors};
use serde_json::{json, Map, Value};

/// Profile fields a PATCH stores verbatim (all appear in `GET /users/{id}`).
const STORED: &[&str] = &[
    "first_name",
    "last_name",
    "display_name",
    "type",
    "pmi",
    "use_pmi",
    "timezone",
    "language",
    "dept",
    "job_title",
    "company",
    "location",
    "phone_numbers",
    "phone_country",
    "phone_number",
    "cms_user_id",
    "zoom_one_type",
    "plan_united_type",
    "license_info_list",
    "custom_attributes",
    "pronouns",
    "pronouns_option",
    "manager",
    "cost_center",
    "division_ids",
];

/// Object fields `user.updated` may carry (its schema).
const EVENT_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "display_name",
    "type",
    "phone_number",
    "phone_country",
    "company",
    "pmi",
    "use_pmi",
    "timezone",
    "vanity_name",
    "host_key",
    "dept",
    "language",
    "custom_attributes",
];

/// `POST /users` → 201 `{id, email, first_name, last_name, type}`. A
/// `create` user is pending until they accept the emailed invitation.
pub(crate) fn create(store: &mut Store, req: &Request) -> Response {
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let errs = check_create(&body);
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    let action = body["action"].as_str().unwrap_or_default().to_string();
    let info = body["user_info"].as_object().cloned().unwrap_or_default();
    let text = |k: &str| info.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let email = text("email");
    if store.find_user(&email).is_some() {
        return errors::zoom(409, 1005, format!("Email \"{email}\" has already been used."));
    }
    let (first, last) = (text("first_name"), text("last_name"));
    let profile = Profile {
        first: &first,
        last: &last,
        email: &email,
        user_type: info["type"].as_i64().unwrap_or(1),
        status: if action == "create" { "pending" } else { "active" },
        role_name: "Member",
        role_id: "2",
        dept: "",
    };
    let admin = store.admin();
    let account = (admin["account_id"].as_str().unwrap_or_default().to_string(), admin["account_number"].as_u64());
    let mut user = users::build(
        &mut store.rng,
        (&account.0, account.1.unwrap_or(0)),
        &store.base_url,
        &profile,
        clock::now_secs(),
    );
    if let Some(d) = info.get("display_name").filter(|d| d.is_string()) {
        user["display_name"] = d.clone();
    }
    if let Some(p) = info.get("plan_united_type").filter(|p| p.is_string()) {
        user["plan_united_type"] = p.clone();
    }
    if let Some(z) = info.get("feature").and_then(|f| f.get("zoom_one_type")).filter(|z| z.is_i64()) {
        user["zoom_one_type"] = z.clone();
    }
    let phone = info.get("feature").and_then(|f| f.get("zoom_phone")) == Some(&json!(true));
    let id = user["id"].as_str().unwrap_or_default().to_string();
    store.settings.insert(id, settings_defaults::for_user(&user, phone, false));
    store.users.push(user.clone());

    let mut payload = store.operator_fields();
    payload.insert("creation_type".into(), json!(action));
    payload.insert("object".into(), pick(&user, &["id", "first_name", "last_name", "display_name", "email", "type"]));
    store.emit("user.created", Value::Object(payload));
    Response::json(201, &pick(&user, &["id", "first_name", "last_name", "email", "type"]))
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(keys.iter().filter_map(|k| v.get(*k).map(|x| ((*k).to_string(), x.clone()))).collect())
}

/// `PATCH /users/{userId}` → 204.
pub(crate) fn update(store: &mut Store, key: &str, req: &Request) -> Response {
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let errs = check_update(&body);
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    if let Some(r) = update_rules(&body) {
        return r;
    }
    let Some(before) = store.find_user(key).cloned() else {
        return errors::user_not_found(key);
    };
    let id = before["id"].as_str().unwrap_or_default().to_string();
    let mut after = before.clone();
    let present = |k: &str| body.get(k).filter(|v| !v.is_null());
    for k in STORED {
        if let Some(v) = present(k) {
            after[*k] = v.clone();
        }
    }
    if let Some(pmi) = present("pmi") {
        after["personal_meeting_url"] = json!(format!("{}/j/{pmi}", store.base_url));
    }
    if let Some(v) = present("vanity_name").and_then(Value::as_str) {
        after["vanity_url"] = json!(format!("{}/my/{v}", store.base_url));
    }
    if let Some(g) = present("group_id").and_then(Value::as_str).filter(|g| !g.is_empty()) {
        after["group_ids"] = json!([g]);
    }
    if let Some(phone) = present("feature").and_then(|f| f.get("zoom_phone")).filter(|p| p.is_boolean()) {
        if let Some(s) = store.settings.get_mut(&id) {
            s["groups"]["feature"]["zoom_phone"] = phone.clone();
        }
    }
    if let Some(u) = store.users.iter_mut().find(|u| u["id"] == id.as_str()) {
        *u = after.clone();
    }

    let (mut object, mut old_object) = (Map::new(), Map::new());
    for k in EVENT_FIELDS {
        let Some(v) = present(k) else { continue };
        let old = before.get(*k);
        if old != Some(v) {
            object.insert((*k).to_string(), v.clone());
            if let Some(old) = old {
                old_object.insert((*k).to_string(), old.clone());
            }
        }
    }
    if !object.is_empty() {
        object.insert("id".into(), json!(id));
        old_object.insert("id".into(), json!(id));
        let mut payload = store.operator_fields();
        payload.insert("time_stamp".into(), json!(clock::now_ms()));
        payload.insert("object".into(), Value::Object(object));
        payload.insert("old_object".into(), Value::Object(old_object));
        store.emit("user.updated", Value::Object(payload));
    }
    Response::no_content()
}

const TRANSFERS: &[&str] =
    &["transfer_meeting", "transfer_webinar", "transfer_recording", "transfer_whiteboard", "transfer_clipfiles"];

/// `DELETE /users/{userId}`: `action` (disassociate default | delete) and
/// the `transfer_*` flags, which need `transfer_email`. What is not
/// transferred goes with the user. Zoom sends `user.disassociated` or
/// `user.deleted` depending on the action.
pub(crate) fn delete(store: &mut Store, key: &str, req: &Request) -> Response {
    let action = req.param("action").unwrap_or("disassociate");
    let mut errs = Vec::new();
    if !["disassociate", "delete"].contains(&action) {
        errs.push("action".to_string());
    }
    for k in TRANSFERS.iter().chain(&["encrypted_email", "transfer_notes", "transfer_visitors", "transfer_docs"]) {
        if req.param(k).is_some_and(|v| v != "true" && v != "false") {
            errs.push(k.to_string());
        }
    }
    let wants = |k: &str| req.param(k) == Some("true");
    let transfer_to = req.param("transfer_email").filter(|e| !e.is_empty());
    let any_transfer = TRANSFERS.iter().any(|k| wants(k));
    if any_transfer && transfer_to.is_none() {
        errs.push("transfer_email".to_string());
    }
    if !errs.is_empty() {
        return errors::validation(&errs);
    }
    let Some(user) = store.find_user(key).cloned() else {
        return errors::user_not_found(key);
    };
    let id = user["id"].as_str().unwrap_or_default().to_string();
    let target = match transfer_to {
        None => None,
        Some(e) if user["email"].as_str().is_some_and(|u| u.eq_ignore_ascii_case(e)) => {
            let msg =
                "The transfer-to email address cannot be the same as the unlinked or deleted user's email address.";
            return errors::zoom(400, 300, msg);
        }
        Some(e) => match store.find_user(e) {
            Some(t) => Some((t["id"].clone(), t["email"].clone())),
            None => return errors::invalid_field("transfer_email"),
        },
    };
    // The account owner cannot be removed at all; admins only by deletion.
    if user["role_name"] == "Owner" && action == "delete" {
        return errors::zoom(400, 200, "No permission.");
    }
    if ["Owner", "Admin"].contains(&user["role_name"].as_str().unwrap_or("")) && action == "disassociate" {
        return errors::zoom(400, 1117, "You can not disassociate an Admin user.");
    }
    if user["status"] == "pending" && action == "delete" {
        return errors::zoom(400, 300, "To delete a pending user in the account, use `disassociate`.");
    }

    let hosted = |v: &Value| v["host_id"] == id.as_str();
    let reassign = |list: &mut Vec<Value>, keep: bool| match (&target, keep) {
        (Some((tid, temail)), true) => list.iter_mut().filter(|v| hosted(v)).for_each(|v| {
            v["host_id"] = tid.clone();
            if v.get("host_email").is_some() {
                v["host_email"] = temail.clone();
            }
        }),
        _ => list.retain(|v| !hosted(v)),
    };
    reassign(&mut store.meetings, wants("transfer_meeting"));
    reassign(&mut store.webinars, wants("transfer_webinar"));
    reassign(&mut store.recordings, wants("transfer_recording"));
    let (meetings, webinars) = (store.meetings.clone(), store.webinars.clone());
    store.registrants.retain(|m, _| meetings.iter().any(|x| x["id"].as_u64() == Some(*m)));
    store.webinar_registrants.retain(|w, _| webinars.iter().any(|x| x["id"].as_u64() == Some(*w)));
    store.webinar_participants.retain(|w, _| webinars.iter().any(|x| x["id"].as_u64() == Some(*w)));
    store.settings.remove(&id);
    store.phone_recordings.remove(&id);
    store.users.retain(|u| u["id"] != id.as_str());

    let mut payload = store.operator_fields();
    payload.insert("object".into(), pick(&user, &["id", "first_name", "last_name", "email", "type"]));
    let event = if action == "delete" { "user.deleted" } else { "user.disassociated" };
    store.emit(event, Value::Object(payload));
    Response::no_content()
}
