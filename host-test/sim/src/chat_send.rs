//! Sending a Team Chat message (spec `sendaChatMessage`): to a contact or to
//! a channel the sender belongs to, with mentions (`at_items`) and as a reply
//! in a thread. What is sent is stored, so the message list reads it back.

use super::chat::ChatMessage;
use super::server::{Request, Response};
use super::store::Store;
use super::validate::{body_object, Checker};
use super::{clock, errors};
use serde_json::{json, Map, Value};

/// The spec's `maxLength` of `message`.
const MAX_MESSAGE: usize = 1024;
/// The spec's `maxItems` of `file_ids`.
const MAX_FILES: usize = 6;

/// Where the message goes: a channel id, or the other party of a direct conversation.
enum Target {
    Channel(String),
    Contact(String),
}

/// `POST /chat/users/{userId}/messages`: 201 `{id}`. Exactly one of
/// `to_contact` (email, user id or member id) and `to_channel`; a channel the
/// sender is not in is as unknown as one that does not exist (4130).
pub(crate) fn send(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let Some(me) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    let body = match body_object(&req.body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut check = Checker::new(&body, "");
    check.required("message");
    let message = check.string("message", MAX_MESSAGE).unwrap_or_default();
    let files = check.array("file_ids").map_or(0, Vec::len);
    if check.errors.is_empty() && message.is_empty() && files == 0 {
        check.fail("message");
    }
    if files > MAX_FILES {
        check.fail("file_ids");
    }
    let contact = check.string("to_contact", 256).filter(|s| !s.is_empty());
    let channel = check.string("to_channel", 256).filter(|s| !s.is_empty());
    let reply_to = check.string("reply_main_message_id", 256).filter(|s| !s.is_empty());
    let mentions = check.array("at_items").cloned().unwrap_or_default();
    check.array("rich_text");
    check.array("interactive_cards");
    let scheduled = check.datetime("scheduled_time");
    if !check.errors.is_empty() {
        return errors::validation(&check.errors);
    }
    let target = match (contact, channel) {
        (Some(c), None) => match store.user_id(c) {
            Some(id) if id != me => Target::Contact(id),
            _ => return errors::zoom(404, 1001, format!("User does not exist: {c}.")),
        },
        (None, Some(ch)) => {
            if !store.channels.iter().any(|c| c.record["id"] == ch && c.members.contains(&me)) {
                return errors::zoom(404, 4130, format!("Channel does not exist: {ch}."));
            }
            Target::Channel(ch.to_string())
        }
        _ => return errors::zoom(400, 300, "Must provide either contact or channel parameter."),
    };
    let at_items = match mentions_of(store, &mentions, message, &target) {
        Ok(m) => m,
        Err(fields) => return errors::validation(&fields),
    };
    if files > 0 {
        return errors::zoom(400, 5403, "Account settings do not allow files to be sent.");
    }
    if body.get("interactive_cards").and_then(Value::as_array).is_some_and(|c| !c.is_empty()) {
        // Cards must belong to the calling app; the simulated app owns none.
        return errors::zoom(400, 5405, "Failed to create interactive card.");
    }
    let (channel_id, between) = match &target {
        Target::Channel(c) => (Some(c.clone()), None),
        Target::Contact(other) => (None, Some((me.clone(), other.clone()))),
    };
    let parent = match reply_to {
        None => None,
        Some(id) => {
            let in_thread = store.messages.iter().find(|m| {
                m.record["id"] == id && m.channel == channel_id && same_pair(m.between.as_ref(), between.as_ref())
            });
            match in_thread.filter(|m| m.record.get("reply_main_message_id").is_none()) {
                Some(m) => Some(m.record.clone()),
                None => return errors::zoom(400, 5402, "This only supports replies to a main message."),
            }
        }
    };
    if let Some(at) = scheduled {
        let now = clock::now_secs();
        if at < now + 30 * 60 || at > now + 180 * 86_400 {
            return errors::zoom(
                400,
                300,
                "Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.",
            );
        }
        // A scheduled message is a draft until its time: listed nowhere yet.
        return Response::json(201, &json!({"id": store.rng.hyphenated_uuid()}));
    }
    let sender = store.find_user(&me).cloned().unwrap_or_default();
    let now_ms = store
        .messages
        .iter()
        .filter_map(|m| m.record["timestamp"].as_i64())
        .max()
        .unwrap_or(0)
        .max(clock::now_ms() - 1)
        + 1;
    let id = store.rng.hyphenated_uuid();
    let mut record = json!({
        "id": id.to_uppercase(),
        "message": message,
        "sender": sender["email"],
        "send_member_id": format!("R{}", store.rng.alnum(47)),
        "sender_display_name": sender["display_name"],
        "date_time": clock::format_utc(now_ms / 1000),
        "timestamp": now_ms,
        "message_type": "plain_text_message",
        "status": "Normal",
        "reactions": [],
    });
    if !at_items.is_empty() {
        record["at_items"] = Value::Array(at_items);
    }
    if let Some(rich) = body.get("rich_text").filter(|r| r.as_array().is_some_and(|a| !a.is_empty())) {
        record["rich_text"] = rich.clone();
    }
    if let Some(p) = parent {
        record["reply_main_message_id"] = p["id"].clone();
        record["reply_main_message_timestamp"] = p["timestamp"].clone();
    }
    let answer = json!({"id": record["id"]});
    store.messages.push(ChatMessage { channel: channel_id, between, record });
    Response::json(201, &answer)
}

fn same_pair(a: Option<&(String, String)>, b: Option<&(String, String)>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some((a1, a2)), Some((b1, b2))) => (a1 == b1 && a2 == b2) || (a1 == b2 && a2 == b1),
        _ => false,
    }
}

/// Mentions, as the message list shows them. Each is an object with `at_type`
/// 1 (a contact, named in `at_contact`, who must exist) or 2 (everyone: only
/// in a channel), and `start_position` <= `end_position`, both inside the
/// message (the end is the mention's last character: "@Ann hi" has 0..3).
fn mentions_of(store: &Store, items: &[Value], message: &str, target: &Target) -> Result<Vec<Value>, Vec<String>> {
    let len = message.chars().count() as i64;
    let mut errs = Vec::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            errs.push(format!("at_items[{i}]"));
            continue;
        };
        let mut c = Checker::new(obj, &format!("at_items[{i}]"));
        c.required("at_type");
        c.required("start_position");
        c.required("end_position");
        let kind = c.int_enum("at_type", &[1, 2]);
        let start = c.int("start_position", 0, len - 1);
        let end = c.int("end_position", 0, len - 1);
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                c.fail("end_position");
            }
        }
        let contact = c.string("at_contact", 256).filter(|s| !s.is_empty());
        let mut m = Map::new();
        match kind {
            Some(1) => match contact.and_then(|k| store.find_user(k)) {
                Some(u) => {
                    m.insert("at_contact".into(), u["email"].clone());
                }
                None => c.fail("at_contact"),
            },
            Some(2) if matches!(target, Target::Contact(_)) => c.fail("at_type"),
            _ => {}
        }
        m.insert("at_type".into(), json!(kind));
        m.insert("start_position".into(), json!(start));
        m.insert("end_position".into(), json!(end));
        errs.extend(c.errors);
        out.push(Value::Object(m));
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}
