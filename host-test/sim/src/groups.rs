//! Groups (spec `groups`, `groupMembersCreate`, `groupMembersDelete`): the
//! account's groups with their member counts, adding up to 30 users at once by
//! id or email, removing one by id or email. Membership is mirrored in each
//! user's `group_ids`, as `GET /users/{userId}` shows it. Groups are seeded
//! (see `seed_groups`); none are created through the API.

use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, is_email, Checker};
use super::{clock, errors, paging};
use serde_json::{json, Value};

/// `members` holds at most this many per request (the spec's `maximum`).
const MAX_PER_REQUEST: usize = 30;

pub(crate) struct Group {
    pub id: String,
    pub name: String,
    /// User ids, in the order they joined.
    pub members: Vec<String>,
}

fn not_found(id: &str) -> Response {
    errors::zoom(404, 4130, format!("A group with this {id} does not exist."))
}

fn group_index(store: &Store, id: &str) -> Result<usize, Response> {
    store.groups.iter().position(|g| g.id == id).ok_or_else(|| not_found(id))
}

/// A user deleted since joining no longer counts.
fn record(store: &Store, g: &Group) -> Value {
    let members = g.members.iter().filter(|m| store.find_user(m).is_some()).count();
    json!({"id": g.id, "name": g.name, "total_members": members})
}

/// `GET /groups`: `page_size` up to 300 (the spec gives no default; Zoom's
/// usual 30 is used), `next_page_token`.
pub(crate) fn list(store: &mut Store, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let items: Vec<Value> = store.groups.iter().map(|g| record(store, g)).collect();
    let page = match store.pager.page(&mut store.rng, req, &items, page_size) {
        Ok(p) => p,
        Err(r) => return r,
    };
    Response::json(
        200,
        &json!({"groups": page.items, "total_records": page.total_records, "next_page_token": page.next_page_token}),
    )
}

/// `POST /groups/{groupId}/members`: 1 to 30 members, each an object with a
/// user `id` or an `email` (the id wins when both are sent). 201 with the ids
/// of the named users, comma-separated, and `added_at`; a user already in the
/// group stays there once. The spec lists no code for a user the account does
/// not have, so it gets the one every user route answers: 404/1001.
pub(crate) fn add(store: &mut Store, raw: &str, req: &Request) -> Response {
    let index = match group_index(store, raw) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut check = Checker::new(&body, "");
    check.required("members");
    let list = check.array("members").cloned().unwrap_or_default();
    if check.errors.is_empty() && (list.is_empty() || list.len() > MAX_PER_REQUEST) {
        check.fail("members");
    }
    let mut named = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let Some(obj) = m.as_object() else {
            check.errors.push(format!("members[{i}]"));
            continue;
        };
        let mut c = Checker::new(obj, &format!("members[{i}]"));
        let id = c.string("id", 128).filter(|s| !s.trim().is_empty());
        let email = c.string("email", 128);
        match (id, email) {
            (Some(id), _) => named.push(id.to_string()),
            (None, Some(e)) if is_email(e) => named.push(e.to_string()),
            (None, Some(_)) => c.fail("email"),
            (None, None) if c.errors.is_empty() => c.fail("id"),
            (None, None) => {}
        }
        check.errors.extend(c.errors);
    }
    if !check.errors.is_empty() {
        return errors::validation(&check.errors);
    }
    let mut ids: Vec<String> = Vec::new();
    for key in &named {
        match store.user_id(key) {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None => return errors::user_not_found(key),
        }
    }
    let group_id = store.groups[index].id.clone();
    for id in &ids {
        if !store.groups[index].members.contains(id) {
            store.groups[index].members.push(id.clone());
            set_membership(store, id, &group_id, true);
        }
    }
    Response::json(201, &json!({"ids": ids.join(","), "added_at": clock::now_iso()}))
}

/// `DELETE /groups/{groupId}/members/{memberId}`: the member by user id or
/// email; 204, or 404/4131 for a user who is not in the group.
pub(crate) fn remove(store: &mut Store, raw: &str, member: &str) -> Response {
    let index = match group_index(store, raw) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let user = store.user_id(member);
    let members = &mut store.groups[index].members;
    match members.iter().position(|m| Some(m) == user.as_ref()) {
        Some(i) => {
            let id = members.remove(i);
            let group_id = store.groups[index].id.clone();
            set_membership(store, &id, &group_id, false);
            Response::no_content()
        }
        None => errors::zoom(404, 4131, "Group member does not exist."),
    }
}

/// Keeps the user's `group_ids` in step with the group's members.
pub(crate) fn set_membership(store: &mut Store, user_id: &str, group_id: &str, member: bool) {
    let Some(user) = store.users.iter_mut().find(|u| u["id"] == user_id) else { return };
    let mut ids: Vec<Value> = user["group_ids"].as_array().cloned().unwrap_or_default();
    ids.retain(|g| g != group_id);
    if member {
        ids.push(json!(group_id));
    }
    user["group_ids"] = Value::Array(ids);
}
