//! Team Chat (spec `getChannels`, `getChatMessages`): a user's channels, and
//! the messages of one channel or one direct conversation, or a search across
//! all of them. Channels and messages are seeded (see `seed_chat`).

use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use serde_json::{json, Map, Value};

pub(crate) struct Channel {
    /// Exactly what the channel list returns.
    pub record: Value,
    /// User ids.
    pub members: Vec<String>,
}

pub(crate) struct ChatMessage {
    /// Where it was posted: a channel id, or the two user ids of a direct
    /// conversation.
    pub channel: Option<String>,
    pub between: Option<(String, String)>,
    /// Exactly what the message list returns.
    pub record: Value,
}

fn either_target() -> Response {
    errors::zoom(400, 300, "Must provide either contact or channel parameter.")
}

/// `GET /chat/users/{userId}/channels`: `page_size` (default 10, max 1000),
/// paging.
pub(crate) fn channels(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let page_size = match paging::page_size_or(req, 10, 1000) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let Some(user_id) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    let items: Vec<Value> =
        store.channels.iter().filter(|c| c.members.contains(&user_id)).map(|c| c.record.clone()).collect();
    let page = match store.pager.page(&mut store.rng, req, &items, page_size) {
        Ok(p) => p,
        Err(r) => return r,
    };
    Response::json(
        200,
        &json!({
            "channels": page.items,
            "next_page_token": page.next_page_token,
            "page_size": page.page_size,
            "total_records": page.total_records,
        }),
    )
}

/// The query window: a UTC day (`date`, default today) or `from`..`to`
/// (`to` defaults to now); `date` wins when both are sent. Both reach back
/// six months at most.
fn window(req: &Request, body: &mut Map<String, Value>) -> Result<(i64, i64), Response> {
    let date = query::date(req, "date")?;
    let from = query::datetime(req, "from")?;
    let to = query::datetime(req, "to")?;
    let oldest = clock::add_months(clock::today(), -6) * 86_400;
    let too_old = || errors::zoom(400, 300, "Only provide past chat messages in recent 6 months.");
    match (date, from) {
        (None, Some(f)) => {
            let t = to.unwrap_or_else(clock::now_secs);
            if f < oldest {
                return Err(too_old());
            }
            if t < f {
                return Err(errors::invalid_field("to"));
            }
            body.insert("from".into(), json!(clock::format_utc(f)));
            body.insert("to".into(), json!(clock::format_utc(t)));
            Ok((f, t))
        }
        _ => {
            let d = date.unwrap_or_else(clock::today);
            if d * 86_400 < oldest {
                return Err(too_old());
            }
            body.insert("date".into(), json!(clock::format_date(d)));
            Ok((d * 86_400, d * 86_400 + 86_399))
        }
    }
}

/// `GET /chat/users/{userId}/messages`. Exactly one of `to_contact` (email
/// or user id) and `to_channel`, unless `search_key` and `search_type` are
/// both given. Edited and deleted messages only with
/// `include_deleted_and_edited_message=true` (which search does not allow);
/// replies unless `exclude_child_message=true`. Newest first.
pub(crate) fn messages(store: &mut Store, user_key: &str, req: &Request) -> Response {
    let page_size = match paging::page_size_or(req, 10, 50) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let flags =
        (query::boolean(req, "include_deleted_and_edited_message"), query::boolean(req, "exclude_child_message"));
    let (include_changed, exclude_children) = match flags {
        (Ok(a), Ok(b)) => (a.unwrap_or(false), b.unwrap_or(false)),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let search_type = req.param("search_type").filter(|s| !s.is_empty());
    let search_key = req.param("search_key").filter(|s| !s.is_empty());
    if search_type.is_some_and(|t| !["message", "file"].contains(&t)) {
        return errors::invalid_field("search_type");
    }
    if search_key.is_some_and(|k| k.chars().count() > 256) {
        return errors::invalid_field("search_key");
    }
    let search = match (search_type, search_key) {
        (Some(t), Some(k)) => Some((t, k.to_lowercase())),
        (None, None) => None,
        (None, Some(_)) => return errors::invalid_field("search_type"),
        (Some(_), None) => return errors::invalid_field("search_key"),
    };
    if search.is_some() && include_changed {
        return errors::invalid_field("include_deleted_and_edited_message");
    }
    if req.param("download_file_formats").is_some_and(|f| f != "audio/mp4") {
        return errors::invalid_field("download_file_formats");
    }
    let contact = req.param("to_contact").filter(|s| !s.is_empty());
    let channel = req.param("to_channel").filter(|s| !s.is_empty());
    if (contact.is_some() && channel.is_some()) || (contact.is_none() && channel.is_none() && search.is_none()) {
        return either_target();
    }
    let mut body = Map::new();
    let (start, end) = match window(req, &mut body) {
        Ok(w) => w,
        Err(r) => return r,
    };
    let Some(me) = store.user_id(user_key) else {
        return errors::user_not_found(user_key);
    };
    if let Some(ch) = channel {
        if !store.channels.iter().any(|c| c.record["id"] == ch && c.members.contains(&me)) {
            return errors::zoom(404, 4130, format!("Channel does not exist: {ch}."));
        }
    }
    let other = match contact {
        None => None,
        Some(c) => match store.user_id(c) {
            Some(id) if id != me => Some(id),
            _ => return errors::zoom(404, 1001, format!("User does not exist: {c}.")),
        },
    };
    let visible = |m: &ChatMessage| match (&m.channel, &m.between) {
        (Some(ch), _) => store.channels.iter().any(|c| c.record["id"] == ch.as_str() && c.members.contains(&me)),
        (_, Some((a, b))) => *a == me || *b == me,
        _ => false,
    };
    let mut items: Vec<Value> = store
        .messages
        .iter()
        .filter(|m| visible(m))
        .filter(|m| channel.is_none_or(|ch| m.channel.as_deref() == Some(ch)))
        .filter(|m| other.as_ref().is_none_or(|o| m.between.as_ref().is_some_and(|(a, b)| a == o || b == o)))
        .filter(|m| {
            let t = m.record["timestamp"].as_i64().unwrap_or_default() / 1000;
            (start..=end).contains(&t)
        })
        .filter(|m| include_changed || m.record["status"] == "Normal")
        .filter(|m| !exclude_children || m.record.get("reply_main_message_id").is_none())
        .filter(|m| match &search {
            None => true,
            Some(("file", key)) => m.record["file_name"].as_str().is_some_and(|f| f.to_lowercase().contains(key)),
            Some((_, key)) => m.record["message"].as_str().is_some_and(|t| t.to_lowercase().contains(key)),
        })
        .map(|m| m.record.clone())
        .collect();
    items.sort_by_key(|m| std::cmp::Reverse(m["timestamp"].as_i64()));
    let page = match store.pager.page(&mut store.rng, req, &items, page_size) {
        Ok(p) => p,
        Err(r) => return r,
    };
    body.insert("page_size".into(), json!(page.page_size));
    body.insert("next_page_token".into(), json!(page.next_page_token));
    body.insert("messages".into(), json!(page.items));
    Response::json(200, &Value::Object(body))
}
