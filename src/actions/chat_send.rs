//! Team Chat: sending a message to a contact or a channel, with mentions and thread replies.
//! <https://developers.zoom.us/docs/api/team-chat/#tag/chat-messages/POST/chat/users/{userId}/messages>

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::text;
use crate::validate;
use crate::wit::chat_phone_types::{ChatMention, MentionType, SendChatMessageInput, SentChatMessage};

/// `message`'s `maxLength` in Zoom's spec (`sendaChatMessage`).
const MAX_MESSAGE: usize = 1024;
/// Emails are at most 128 characters; user, member and channel ids are far shorter.
const MAX_ID: usize = 128;

/// `POST /chat/users/{userId}/messages` → 201 `{id}`. A write: an answer that cannot be read
/// is `outcome-unknown`, and the client never resends a POST that may have arrived.
pub(crate) fn send(client: &Client, input: &SendChatMessageInput) -> Result<SentChatMessage, Error> {
    let user = user_path(input.user_id.as_deref())?;
    let body = body(input)?;
    let call = Call::new(Method::Post, format!("/chat/users/{user}/messages")).json(&body);
    client.send_write(&call, |v| {
        let id = text(v, "id").ok_or_else(|| Error::Unreadable("Zoom's answer names no message `id`".into()))?;
        Ok(SentChatMessage { id })
    })
}

/// The request body, after every rule is checked. The message is sent as given (not trimmed),
/// so mention positions count in the text the caller wrote.
pub(crate) fn body(input: &SendChatMessageInput) -> Result<Value, Error> {
    validate::required("message", &input.message, MAX_MESSAGE)?;
    let contact = id_or_email("to_contact", input.to_contact.as_deref())?;
    let channel = id("to_channel", input.to_channel.as_deref())?;
    let mut m = Map::new();
    m.insert("message".into(), json!(input.message));
    match (contact, channel) {
        (Some(_), Some(_)) => return Err(Error::invalid("to_contact", "cannot be combined with to_channel")),
        (None, None) => return Err(Error::invalid("to_contact", "or to_channel is required")),
        (Some(c), None) => m.insert("to_contact".into(), json!(c)),
        (None, Some(c)) => m.insert("to_channel".into(), json!(c)),
    };
    let length = input.message.chars().count();
    let mentions = input.at_items.as_deref().unwrap_or_default();
    if !mentions.is_empty() {
        let items = mentions
            .iter()
            .enumerate()
            .map(|(i, at)| mention(i, at, length, channel.is_some()))
            .collect::<Result<Vec<_>, _>>()?;
        m.insert("at_items".into(), Value::Array(items));
    }
    if let Some(reply) = id("reply_main_message_id", input.reply_main_message_id.as_deref())? {
        m.insert("reply_main_message_id".into(), json!(reply));
    }
    Ok(Value::Object(m))
}

/// One mention: its span inside the message (`length` characters), a contact for `contact`,
/// and everyone only in a channel.
fn mention(i: usize, at: &ChatMention, length: usize, in_channel: bool) -> Result<Value, Error> {
    let field = |k: &str| format!("at_items[{i}].{k}");
    let (start, end) = (at.start_position as usize, at.end_position as usize);
    if start >= length {
        return Err(Error::invalid(
            field("start_position"),
            format!("must be inside the message (0 to {})", length - 1),
        ));
    }
    if end < start || end >= length {
        return Err(Error::invalid(
            field("end_position"),
            format!("must be from start_position ({start}) to the message's last character ({})", length - 1),
        ));
    }
    let contact = id_or_email(&field("at_contact"), at.at_contact.as_deref())?;
    let mut m = Map::new();
    match (at.at_type, contact) {
        (MentionType::Contact, Some(c)) => {
            m.insert("at_type".into(), json!(1));
            m.insert("at_contact".into(), json!(c));
        }
        (MentionType::Contact, None) => return Err(Error::invalid(field("at_contact"), "is required for a contact")),
        (MentionType::AllInChannel, Some(_)) => {
            return Err(Error::invalid(field("at_contact"), "is only for at_type contact"))
        }
        (MentionType::AllInChannel, None) if !in_channel => {
            return Err(Error::invalid(field("at_type"), "all_in_channel needs to_channel"))
        }
        (MentionType::AllInChannel, None) => {
            m.insert("at_type".into(), json!(2));
        }
    }
    m.insert("start_position".into(), json!(start));
    m.insert("end_position".into(), json!(end));
    Ok(Value::Object(m))
}

/// An optional id or email: an [`id`], and a well-formed address when it has an `@`.
fn id_or_email<'a>(field: &str, value: Option<&'a str>) -> Result<Option<&'a str>, Error> {
    let v = id(field, value)?;
    if let Some(address) = v.filter(|v| v.contains('@')) {
        validate::email(field, address)?;
    }
    Ok(v)
}

/// An optional id: trimmed, blank as absent, at most 128 characters, no spaces or control
/// characters (Zoom's ids have none).
fn id<'a>(field: &str, value: Option<&'a str>) -> Result<Option<&'a str>, Error> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    validate::max_chars(field, Some(v), MAX_ID)?;
    if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid(field, "must be an id, without spaces"));
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(message: &str) -> SendChatMessageInput {
        SendChatMessageInput {
            user_id: None,
            message: message.into(),
            to_contact: None,
            to_channel: Some(" c1 ".into()),
            at_items: None,
            reply_main_message_id: None,
        }
    }

    fn at(at_type: MentionType, start: u32, end: u32, contact: Option<&str>) -> ChatMention {
        ChatMention { at_type, start_position: start, end_position: end, at_contact: contact.map(Into::into) }
    }

    fn field(i: &SendChatMessageInput) -> String {
        match body(i) {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn body_sends_the_text_as_given_with_one_target() {
        let b = body(&input(" hi ")).unwrap();
        assert_eq!(b, json!({"message": " hi ", "to_channel": "c1"}));
        assert_eq!(field(&input(" ")), "message");
        assert_eq!(field(&input(&"é".repeat(1025))), "message");
        assert!(body(&input(&"é".repeat(1024))).is_ok());
        let both = SendChatMessageInput { to_contact: Some("a@example.com".into()), ..input("x") };
        assert_eq!(field(&both), "to_contact");
        let neither = SendChatMessageInput { to_channel: Some(" ".into()), ..input("x") };
        assert_eq!(field(&neither), "to_contact");
        let bad = SendChatMessageInput { to_contact: Some("a@b".into()), to_channel: None, ..input("x") };
        assert_eq!(field(&bad), "to_contact");
        let reply = SendChatMessageInput { reply_main_message_id: Some("{A-1}".into()), ..input("x") };
        assert_eq!(body(&reply).unwrap()["reply_main_message_id"], "{A-1}");
        let spaced = SendChatMessageInput { to_channel: Some("c 1".into()), ..input("x") };
        assert_eq!(field(&spaced), "to_channel");
    }

    #[test]
    fn mentions_lie_inside_the_message() {
        let with = |items: Vec<ChatMention>| SendChatMessageInput { at_items: Some(items), ..input("@Ann hi") };
        let ok = body(&with(vec![at(MentionType::Contact, 0, 3, Some("ann@example.com"))])).unwrap();
        assert_eq!(
            ok["at_items"],
            json!([{"at_type": 1, "at_contact": "ann@example.com", "start_position": 0, "end_position": 3}])
        );
        let all = body(&with(vec![at(MentionType::AllInChannel, 5, 6, None)])).unwrap();
        assert_eq!(all["at_items"], json!([{"at_type": 2, "start_position": 5, "end_position": 6}]));
        assert_eq!(field(&with(vec![at(MentionType::AllInChannel, 7, 7, None)])), "at_items[0].start_position");
        assert_eq!(field(&with(vec![at(MentionType::AllInChannel, 3, 7, None)])), "at_items[0].end_position");
        assert_eq!(field(&with(vec![at(MentionType::AllInChannel, 3, 2, None)])), "at_items[0].end_position");
        assert_eq!(field(&with(vec![at(MentionType::Contact, 0, 3, None)])), "at_items[0].at_contact");
        assert_eq!(field(&with(vec![at(MentionType::AllInChannel, 0, 3, Some("x"))])), "at_items[0].at_contact");
        let direct = SendChatMessageInput {
            to_channel: None,
            to_contact: Some("bob@example.com".into()),
            ..with(vec![at(MentionType::Contact, 0, 3, Some("a")), at(MentionType::AllInChannel, 0, 3, None)])
        };
        assert_eq!(field(&direct), "at_items[1].at_type");
    }
}
