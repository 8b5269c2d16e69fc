//! Zoom Phone call history of a user or of the whole account.
//! <https://developers.zoom.us/docs/api/phone/#tag/call-logs/GET/phone/users/{userId}/call_history>

use serde_json::Value;

use super::phone::check_window;
use crate::error::Error;
use crate::http::paging;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, text};
use crate::time::unix_seconds;
use crate::wit::chat_phone_types::{CallTimeType, ListPhoneCallLogsInput, PhoneCallLog, PhoneCallLogPage};

/// Both routes' `page_size` maximum in Zoom's spec.
const MAX_PAGE_SIZE: u32 = 300;

/// The route for `user` (absent: the account's) and the array its answer lists the calls in.
/// The account route still sends the deprecated `call_logs` beside `call_history`; the latter is
/// the one Zoom keeps.
pub(crate) fn route(user: Option<&str>) -> Result<(String, &'static str), Error> {
    match user {
        None => Ok(("/phone/call_history".to_owned(), "call_history")),
        Some(u) if u.trim().is_empty() => {
            Err(Error::invalid("user_id", "is blank; leave it out for the whole account"))
        }
        Some(u) => Ok((format!("/phone/users/{}/call_history", user_path(Some(u))?), "call_logs")),
    }
}

/// `GET /phone/users/{userId}/call_history` or `GET /phone/call_history`.
pub(crate) fn list(client: &Client, input: &ListPhoneCallLogsInput) -> Result<PhoneCallLogPage, Error> {
    let today = (client.transport.now_unix() / 86_400) as i64;
    check_window(input.from.as_deref(), input.to.as_deref(), today)?;
    let (path, key) = route(input.user_id.as_deref())?;
    let time_type = input.time_type.map(|t| match t {
        CallTimeType::StartTime => "start_time",
        CallTimeType::EndTime => "end_time",
    });
    let gathered = paging::gather(
        input.paging.as_ref(),
        key,
        MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, path.as_str())
                .query("page_size", size)
                .query("next_page_token", token)
                .query("from", input.from.as_deref())
                .query("to", input.to.as_deref())
                .query("time_type", time_type);
            client.send_json(&call)
        },
        parse,
    )?;
    Ok(PhoneCallLogPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// One entry of either route; they name the id, the result and the length differently.
pub(crate) fn parse(v: &Value) -> Result<PhoneCallLog, Error> {
    let id = text(v, "id")
        .or_else(|| text(v, "call_history_uuid"))
        .filter(|id| !id.is_empty())
        .ok_or_else(|| Error::Unreadable("Zoom's call history entry has no `id`".to_owned()))?;
    let number = |who: &str| text(v, &format!("{who}_did_number")).or_else(|| text(v, &format!("{who}_ext_number")));
    Ok(PhoneCallLog {
        id,
        call_id: text(v, "call_id"),
        direction: text(v, "direction"),
        caller_name: text(v, "caller_name"),
        caller_number: number("caller"),
        caller_email: text(v, "caller_email"),
        callee_name: text(v, "callee_name"),
        callee_number: number("callee"),
        callee_email: text(v, "callee_email"),
        start_time: text(v, "start_time"),
        answer_time: text(v, "answer_time").filter(|t| !t.is_empty()),
        end_time: text(v, "end_time"),
        duration: capped_u32(v, "duration").or_else(|| capped_u32(v, "talk_time")),
        result: text(v, "call_result").or_else(|| text(v, "result")),
        connect_type: text(v, "connect_type"),
        raw: v.to_string(),
    })
}

/// When the call ended, in Unix seconds: what the call history is ordered by in triggers.
pub(crate) fn ended_at(log: &PhoneCallLog) -> Option<u64> {
    log.end_time.as_deref().and_then(unix_seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_routes_entries_read_the_same() {
        let user = json!({"id": "20231008-a", "call_id": "70", "caller_ext_number": "101", "callee_did_number": "+1205",
            "start_time": "2023-10-08T16:12:04Z", "end_time": "2023-10-08T16:12:15Z", "result": "answered", "talk_time": 11});
        let l = parse(&user).unwrap();
        assert_eq!(
            (l.id.as_str(), l.caller_number.as_deref(), l.callee_number.as_deref()),
            ("20231008-a", Some("101"), Some("+1205"))
        );
        assert_eq!(
            (l.duration, l.result.as_deref(), ended_at(&l)),
            (Some(11), Some("answered"), unix_seconds("2023-10-08T16:12:15Z"))
        );
        let account = json!({"call_history_uuid": "20211008-b", "caller_did_number": "+1", "caller_ext_number": "7",
            "duration": 20, "call_result": "voicemail", "answer_time": ""});
        let l = parse(&account).unwrap();
        assert_eq!((l.id.as_str(), l.caller_number.as_deref(), l.duration), ("20211008-b", Some("+1"), Some(20)));
        assert_eq!((l.result.as_deref(), l.answer_time), (Some("voicemail"), None));
        assert!(parse(&json!({"call_id": "1"})).is_err());
    }

    #[test]
    fn no_user_is_the_account_route_and_a_blank_one_is_refused() {
        assert_eq!(route(None).unwrap(), ("/phone/call_history".to_owned(), "call_history"));
        assert_eq!(route(Some("me")).unwrap(), ("/phone/users/me/call_history".to_owned(), "call_logs"));
        assert!(matches!(route(Some(" ")), Err(Error::InvalidInput { field, .. }) if field == "user_id"));
    }
}
