//! Team Chat: a user's channels and messages. <https://developers.zoom.us/docs/api/team-chat/>

use serde_json::Value;

use crate::error::Error;
use crate::http::paging;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, number, text};
use crate::manifest::spec;
use crate::validate;
use crate::wit::chat_phone_types::{
    Channel, ChannelPage, ChatMessage, ChatMessagePage, ListUserChannelsInput, ListUserChatMessagesInput, SearchType,
};

/// `page_size` limits in Zoom's spec: channels 1000, messages 50.
const CHANNELS_MAX_PAGE_SIZE: u32 = 1000;
const MESSAGES_MAX_PAGE_SIZE: u32 = 50;

/// `GET /chat/users/{userId}/channels`.
pub(crate) fn channels(client: &Client, input: &ListUserChannelsInput) -> Result<ChannelPage, Error> {
    let user = user_path(input.user_id.as_deref())?;
    let gathered = paging::gather(
        input.paging.as_ref(),
        "channels",
        CHANNELS_MAX_PAGE_SIZE,
        |size, token| {
            client.send_json(
                &Call::new(Method::Get, format!("/chat/users/{user}/channels"))
                    .query("page_size", size)
                    .query("next_page_token", token),
            )
        },
        parse_channel,
    )?;
    Ok(ChannelPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// `GET /chat/users/{userId}/messages`.
pub(crate) fn messages(client: &Client, input: &ListUserChatMessagesInput) -> Result<ChatMessagePage, Error> {
    check_messages_input(input)?;
    let user = user_path(input.user_id.as_deref())?;
    let search_type = input.search_type.map(|t| match t {
        SearchType::Message => "message",
        SearchType::File => "file",
    });
    let formats = input.download_file_formats.as_ref().filter(|f| !f.is_empty()).map(|f| f.join(","));
    let gathered = paging::gather(
        input.paging.as_ref(),
        "messages",
        MESSAGES_MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, format!("/chat/users/{user}/messages"))
                .query("to_contact", input.to_contact.as_deref().map(str::trim).filter(|c| !c.is_empty()))
                .query("to_channel", input.to_channel.as_deref().map(str::trim).filter(|c| !c.is_empty()))
                .query("date", input.date.as_deref())
                .query("from", input.from.as_deref())
                .query("to", input.to.as_deref())
                .query("include_deleted_and_edited_message", input.include_deleted_and_edited)
                .query("search_type", search_type)
                .query("search_key", input.search_key.as_deref())
                .query("exclude_child_message", input.exclude_child_message)
                .query("download_file_formats", formats.as_deref())
                .query("page_size", size)
                .query("next_page_token", token);
            client.send_json(&call)
        },
        parse_message,
    )?;
    Ok(ChatMessagePage { items: gathered.items, next_page_token: gathered.next_page_token })
}

/// Zoom needs a contact or a channel (not both) unless a search names what to look for, and a
/// day or a window (not both).
pub(crate) fn check_messages_input(input: &ListUserChatMessagesInput) -> Result<(), Error> {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    let searching = input.search_type.is_some() && !blank(&input.search_key);
    if input.search_type.is_some() == blank(&input.search_key) {
        return Err(Error::invalid("search_key", "and search_type go together"));
    }
    match (blank(&input.to_contact), blank(&input.to_channel)) {
        (false, false) => return Err(Error::invalid("to_contact", "cannot be combined with to_channel")),
        (true, true) if !searching => {
            return Err(Error::invalid("to_contact", "or to_channel is required (or search_type with search_key)"))
        }
        _ => {}
    }
    validate::date("date", input.date.as_deref())?;
    validate::date_time_utc("from", input.from.as_deref())?;
    validate::date_time_utc("to", input.to.as_deref())?;
    for (i, f) in input.download_file_formats.iter().flatten().enumerate() {
        spec::one_of(&format!("download_file_formats[{i}]"), "getChatMessages", "download_file_formats", Some(f))?;
    }
    if input.date.is_some() && (input.from.is_some() || input.to.is_some()) {
        return Err(Error::invalid("date", "cannot be combined with from/to"));
    }
    Ok(())
}

fn parse_channel(v: &Value) -> Result<Channel, Error> {
    Ok(Channel {
        id: text(v, "id").ok_or_else(|| Error::Unreadable("Zoom's channel has no `id`".to_owned()))?,
        jid: text(v, "jid"),
        name: text(v, "name"),
        channel_type: capped_u32(v, "type"),
        channel_url: text(v, "channel_url"),
        raw: v.to_string(),
    })
}

fn parse_message(v: &Value) -> Result<ChatMessage, Error> {
    Ok(ChatMessage {
        id: text(v, "id").ok_or_else(|| Error::Unreadable("Zoom's chat message has no `id`".to_owned()))?,
        message: text(v, "message"),
        sender: text(v, "sender"),
        sender_display_name: text(v, "sender_display_name"),
        date_time: text(v, "date_time"),
        timestamp: number(v, "timestamp"),
        status: text(v, "status"),
        raw: v.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ListUserChatMessagesInput {
        ListUserChatMessagesInput {
            user_id: None,
            to_contact: None,
            to_channel: Some("c1".into()),
            date: None,
            from: None,
            to: None,
            include_deleted_and_edited: None,
            search_type: None,
            search_key: None,
            exclude_child_message: None,
            download_file_formats: None,
            paging: None,
        }
    }

    fn field(i: &ListUserChatMessagesInput) -> Option<String> {
        match check_messages_input(i) {
            Err(Error::InvalidInput { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn contact_channel_search_and_date_rules() {
        assert_eq!(field(&input()), None);
        assert_eq!(
            field(&ListUserChatMessagesInput { to_contact: Some("a@x.com".into()), ..input() }).as_deref(),
            Some("to_contact")
        );
        assert_eq!(field(&ListUserChatMessagesInput { to_channel: None, ..input() }).as_deref(), Some("to_contact"));
        let search = ListUserChatMessagesInput {
            to_channel: None,
            search_type: Some(SearchType::Message),
            search_key: Some("hi".into()),
            ..input()
        };
        assert_eq!(field(&search), None);
        assert_eq!(
            field(&ListUserChatMessagesInput { search_key: Some("hi".into()), ..input() }).as_deref(),
            Some("search_key")
        );
        let both = ListUserChatMessagesInput {
            date: Some("2026-01-01".into()),
            from: Some("2026-01-01T00:00:00Z".into()),
            ..input()
        };
        assert_eq!(field(&both).as_deref(), Some("date"));
        assert_eq!(
            field(&ListUserChatMessagesInput { date: Some("01/02/2026".into()), ..input() }).as_deref(),
            Some("date")
        );
    }
}
