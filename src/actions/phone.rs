//! Zoom Phone call recordings of a user. <https://developers.zoom.us/docs/api/phone/#tag/recordings>

use serde_json::Value;

use crate::error::Error;
use crate::http::paging;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, text};
use crate::time::epoch_days;
use crate::validate;
use crate::wit::chat_phone_types::{GetPhoneRecordingsInput, PhoneRecording, PhoneRecordingPage};

const MAX_PAGE_SIZE: u32 = 300;
/// Zoom allows a window of one month that starts within the last six months.
const MAX_WINDOW_DAYS: i64 = 31;
const MAX_AGE_DAYS: i64 = 183;

/// `GET /phone/users/{userId}/recordings`.
pub(crate) fn recordings(client: &Client, input: &GetPhoneRecordingsInput) -> Result<PhoneRecordingPage, Error> {
    let today = (client.transport.now_unix() / 86_400) as i64;
    check_window(input.from.as_deref(), input.to.as_deref(), today)?;
    let user = user_path(input.user_id.as_deref())?;
    let gathered = paging::gather(
        input.paging.as_ref(),
        "recordings",
        MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, format!("/phone/users/{user}/recordings"))
                .query("page_size", size)
                .query("next_page_token", token)
                .query("from", input.from.as_deref())
                .query("to", input.to.as_deref());
            client.send_json(&call)
        },
        parse,
    )?;
    Ok(PhoneRecordingPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// `from` and `to` go together, at most a month apart, starting within six months of `today`.
pub(crate) fn check_window(from: Option<&str>, to: Option<&str>, today: i64) -> Result<(), Error> {
    validate::date("from", from)?;
    validate::date("to", to)?;
    let (from, to) = match (from, to) {
        (None, None) => return Ok(()),
        (Some(f), Some(t)) => (epoch_days(f).unwrap_or_default(), epoch_days(t).unwrap_or_default()),
        (Some(_), None) => return Err(Error::invalid("to", "is required with from")),
        (None, Some(_)) => return Err(Error::invalid("from", "is required with to")),
    };
    if to < from {
        return Err(Error::invalid("to", "must not be before from"));
    }
    if to - from > MAX_WINDOW_DAYS {
        return Err(Error::invalid("to", "must be at most one month after from"));
    }
    if today - from > MAX_AGE_DAYS {
        return Err(Error::invalid("from", "must be within the last six months"));
    }
    Ok(())
}

fn parse(v: &Value) -> Result<PhoneRecording, Error> {
    Ok(PhoneRecording {
        id: text(v, "id").ok_or_else(|| Error::Unreadable("Zoom's phone recording has no `id`".to_owned()))?,
        call_id: text(v, "call_id"),
        caller_name: text(v, "caller_name"),
        caller_number: text(v, "caller_number"),
        callee_name: text(v, "callee_name"),
        callee_number: text(v, "callee_number"),
        date_time: text(v, "date_time"),
        direction: text(v, "direction"),
        duration: capped_u32(v, "duration"),
        download_url: text(v, "download_url"),
        raw: v.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(from: Option<&str>, to: Option<&str>) -> Option<String> {
        let today = epoch_days("2026-11-27").unwrap();
        match check_window(from, to, today) {
            Err(Error::InvalidInput { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn window_rules() {
        assert_eq!(field(None, None), None);
        assert_eq!(field(Some("2026-11-01"), Some("2026-11-27")), None);
        assert_eq!(field(Some("2026-11-01"), None).as_deref(), Some("to"));
        assert_eq!(field(Some("2026-09-01"), Some("2026-11-01")).as_deref(), Some("to"));
        assert_eq!(field(Some("2026-11-20"), Some("2026-11-01")).as_deref(), Some("to"));
        assert_eq!(field(Some("2026-03-01"), Some("2026-03-20")).as_deref(), Some("from"));
        assert_eq!(field(Some("2026-13-01"), Some("2026-11-01")).as_deref(), Some("from"));
    }
}
