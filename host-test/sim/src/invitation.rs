//! `GET /meetings/{meetingId}/invitation` (spec `meetingInvitation`): the
//! invitation text the web portal's "Copy Invitation" produces, with CRLF line
//! breaks as in the spec's example. The simulator has no time-zone database, so
//! the time is printed in UTC and labelled so, instead of in the meeting's
//! zone.

use super::meetings::parse_id;
use super::server::Response;
use super::store::Store;
use super::{clock, errors};
use serde_json::{json, Value};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `Mar 25, 2022 03:32 PM`, Zoom's invitation style.
fn invitation_time(secs: i64) -> String {
    let (y, m, d) = clock::civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    let (h, min) = (rem / 3600, rem % 3600 / 60);
    let (h12, half) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{} {d:02}, {y} {h12:02}:{min:02} {half}", MONTHS[m as usize - 1])
}

/// `555 4444 3210` for 11 digits, `123 456 7890` for 10.
fn spaced_id(id: u64) -> String {
    let s = id.to_string();
    let cut = if s.len() == 11 { [3, 7] } else { [3, 6] };
    format!("{} {} {}", &s[..cut[0]], &s[cut[0]..cut[1]], &s[cut[1]..])
}

fn when(m: &Value) -> String {
    let start = m["start_time"].as_str().and_then(clock::parse_datetime);
    match (m["type"].as_i64(), start) {
        (Some(3), _) | (_, None) => "This is a recurring meeting Meet anytime".to_string(),
        (Some(8), Some(t)) => {
            let every = match m["recurrence"]["type"].as_i64() {
                Some(2) => "week",
                Some(3) => "month",
                _ => "day",
            };
            let n = m["occurrences"].as_array().map_or(0, Vec::len);
            format!("{} UTC\r\n        Every {every}, {n} occurrence(s)", invitation_time(t))
        }
        (_, Some(t)) => format!("{} UTC", invitation_time(t)),
    }
}

pub(crate) fn get(store: &Store, raw_id: &str) -> Response {
    let id = match parse_id(raw_id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(m) = store.meeting(id) else {
        return errors::meeting_not_found(raw_id);
    };
    let host = store.find_user(m["host_id"].as_str().unwrap_or_default());
    let host_name = host.and_then(|h| h["display_name"].as_str()).unwrap_or("Zoom user");
    let join_url = m["join_url"].as_str().unwrap_or_default();
    let password = m["password"].as_str().unwrap_or_default();
    let link = match m["encrypted_password"].as_str().filter(|e| !e.is_empty()) {
        Some(pwd) => format!("{join_url}?pwd={pwd}"),
        None => join_url.to_string(),
    };
    let mut text = format!(
        "{host_name} is inviting you to a scheduled Zoom meeting.\r\n\r\nTopic: {}\r\nTime: {}\r\n\r\n\
         Join Zoom Meeting\r\n{link}\r\n\r\nMeeting ID: {}\r\n",
        m["topic"].as_str().unwrap_or_default(),
        when(m),
        spaced_id(id),
    );
    if !password.is_empty() {
        text.push_str(&format!("Passcode: {password}\r\n"));
    }
    text.push_str("\r\n");
    Response::json(200, &json!({ "invitation": text, "sip_links": [] }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_portal() {
        assert_eq!(invitation_time(clock::parse_datetime("2022-03-25T15:32:00Z").unwrap()), "Mar 25, 2022 03:32 PM");
        assert_eq!(invitation_time(clock::parse_datetime("2022-01-02T00:05:00Z").unwrap()), "Jan 02, 2022 12:05 AM");
        assert_eq!(spaced_id(55_544_443_210), "555 4444 3210");
        assert_eq!(spaced_id(1_234_567_890), "123 456 7890");
    }
}
