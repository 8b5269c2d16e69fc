//! Polling triggers: list a source, keep what the cursor has not returned yet.
//! Every source is read in full on each poll (all pages), because Zoom's lists cannot be asked
//! for "created after"; the cursor's remembered keys do the rest.

use serde_json::Value;

use crate::actions::{call_logs, meetings, past_meetings};
use crate::actions::{recordings, registrants, users};
use crate::error::Error;
use crate::http::paging;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::text;
use crate::time::{date_of, format_utc, unix_seconds};
use crate::triggers::cursor::{Cursor, LOOKBACK_SECS};
use crate::validate::check_meeting_id;
use crate::wit::poll_types::{PollRequest, PollResult, PollSource, Polled, PolledItem, SignActivity};
use crate::wit::types::{FetchAll, Paging, RegistrantStatus};

const MAX_PAGE_SIZE: u32 = 300;
/// Zoom's recording and activity lists span at most one month.
const MAX_BACKFILL_HOURS: u32 = 720;
const DAY: u64 = 86_400;

/// One listed item: its key, the time it is ordered by, and the item.
pub(crate) type Listed = (String, u64, Polled);

/// Runs one poll at `now` (Unix seconds).
pub(crate) fn poll(client: &Client, request: &PollRequest, now: u64) -> Result<PollResult, Error> {
    let page_size = request.page_size.unwrap_or(MAX_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(Error::invalid("page_size", format!("must be between 1 and {MAX_PAGE_SIZE}")));
    }
    let backfill = request.backfill_hours.unwrap_or(0);
    if backfill > MAX_BACKFILL_HOURS {
        return Err(Error::invalid("backfill_hours", format!("must be at most {MAX_BACKFILL_HOURS}")));
    }
    let previous = match request.cursor.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(text) => Some(Cursor::decode("cursor", text)?),
        None => None,
    };
    let since =
        previous.as_ref().map_or(now.saturating_sub(LOOKBACK_SECS.max(u64::from(backfill) * 3600)), |c| c.since);
    let listed = list(client, &request.source, since, now, page_size)?;
    let (cursor, fresh) = match previous {
        Some(mut cursor) => {
            let fresh = cursor.select(listed, now);
            (cursor, fresh)
        }
        None => Cursor::first(listed, now, backfill),
    };
    let items =
        fresh.into_iter().map(|(key, at, item)| PolledItem { key, occurred_at: format_utc(at), item }).collect();
    Ok(PollResult { items, cursor: cursor.encode() })
}

/// Every item of `source`; windowed sources cover `since` to `now`.
pub(crate) fn list(
    client: &Client,
    source: &PollSource,
    since: u64,
    now: u64,
    page_size: u32,
) -> Result<Vec<Listed>, Error> {
    let all = Paging::All(FetchAll { max_items: None, page_size: Some(page_size) });
    let mut out = Vec::new();
    match source {
        PollSource::NewMeetings(user) => {
            let path = format!("/users/{}/meetings", user_in("source.new_meetings", user)?);
            let call = Call::new(Method::Get, path).query("type", Some("scheduled"));
            for m in paging::every_page(client, &call, "meetings", page_size, meetings::parse_meeting)? {
                if let Some(at) = m.created_at.as_deref().and_then(unix_seconds) {
                    out.push((format!("meeting:{}", m.id), at, Polled::Meeting(m)));
                }
            }
        }
        PollSource::NewRecordings(user) => {
            let path = format!("/users/{}/recordings", user_in("source.new_recordings", user)?);
            let (from, to) = day_window(since, now);
            let call = Call::new(Method::Get, path).query("from", Some(from)).query("to", Some(to));
            // A recording counts once every file is ready; until then a later poll finds it.
            let completed = |v: &Value| match recordings::completed_at(v) {
                Some(at) => recordings::parse(v).map(|r| Some((at, r))),
                None => Ok(None),
            };
            for (at, r) in paging::every_page(client, &call, "meetings", page_size, completed)?.into_iter().flatten() {
                out.push((format!("recording:{}", r.uuid), at, Polled::Recording(r)));
            }
        }
        PollSource::NewMeetingRegistrants(id) => {
            check_meeting_id("source.new_meeting_registrants", *id)?;
            registrants_of(client, &format!("/meetings/{id}/registrants"), &all, &mut out)?;
        }
        PollSource::NewWebinarRegistrants(id) => {
            check_meeting_id("source.new_webinar_registrants", *id)?;
            registrants_of(client, &format!("/webinars/{id}/registrants"), &all, &mut out)?;
        }
        PollSource::NewUsers => {
            for status in ["active", "pending"] {
                let call = Call::new(Method::Get, "/users").query("status", Some(status));
                for u in paging::every_page(client, &call, "users", page_size, users::parse_user)? {
                    if let Some(at) = u.user_created_at.as_deref().and_then(unix_seconds) {
                        out.push((format!("user:{}", u.id), at, Polled::User(u)));
                    }
                }
            }
        }
        PollSource::NewEndedMeetings(user) => {
            let path = format!("/report/users/{}/meetings", user_in("source.new_ended_meetings", user)?);
            let (from, to) = day_window(since, now);
            let call = Call::new(Method::Get, path).query("from", Some(from)).query("to", Some(to));
            for m in paging::every_page(client, &call, "meetings", page_size, past_meetings::parse_past_meeting)? {
                // An instance is what ended: without its UUID and end time there is nothing to key or order.
                let at = m.end_time.as_deref().and_then(unix_seconds);
                if let (Some(uuid), Some(at)) = (m.uuid.clone(), at) {
                    out.push((format!("ended-meeting:{uuid}"), at, Polled::EndedMeeting(m)));
                }
            }
        }
        PollSource::NewTranscripts(user) => {
            let path = format!("/users/{}/recordings", user_in("source.new_transcripts", user)?);
            let (from, to) = day_window(since, now);
            let call = Call::new(Method::Get, path).query("from", Some(from)).query("to", Some(to));
            let done = |v: &Value| match recordings::transcript_at(v) {
                Some(at) => recordings::parse(v).map(|r| Some((at, r))),
                None => Ok(None),
            };
            for (at, r) in paging::every_page(client, &call, "meetings", page_size, done)?.into_iter().flatten() {
                out.push((format!("transcript:{}", r.uuid), at, Polled::Transcript(r)));
            }
        }
        PollSource::NewPhoneCalls(user) => {
            let (path, key) = call_logs::route(user.as_deref()).map_err(|e| in_source("source.new_phone_calls", e))?;
            let (from, to) = day_window(since, now);
            // By end time, so a long call that started before the window still counts when it ends.
            let call = Call::new(Method::Get, path)
                .query("from", Some(from))
                .query("to", Some(to))
                .query("time_type", Some("end_time"));
            for c in paging::every_page(client, &call, key, page_size, call_logs::parse)? {
                if let Some(at) = call_logs::ended_at(&c) {
                    out.push((format!("call:{}", c.id), at, Polled::PhoneCall(c)));
                }
            }
        }
        PollSource::SignInActivity => {
            let (from, to) = day_window(since, now);
            let call = Call::new(Method::Get, "/report/activities").query("from", Some(from)).query("to", Some(to));
            let read = |v: &Value| Ok(activity(v));
            for (key, at, a) in
                paging::every_page(client, &call, "activity_logs", page_size, read)?.into_iter().flatten()
            {
                out.push((key, at, Polled::SignActivity(a)));
            }
        }
    }
    Ok(out)
}

/// The user's path segment; a bad one is an error naming the source's field.
fn user_in(field: &str, user: &str) -> Result<String, Error> {
    user_path(Some(user)).map_err(|e| in_source(field, e))
}

/// An input error about the user, renamed to the source's field.
fn in_source(field: &str, e: Error) -> Error {
    match e {
        Error::InvalidInput { message, .. } => Error::InvalidInput { field: field.to_owned(), message },
        other => other,
    }
}

fn registrants_of(client: &Client, path: &str, all: &Paging, out: &mut Vec<Listed>) -> Result<(), Error> {
    // Registrants awaiting approval are new too; Zoom lists them apart from approved ones.
    for status in [RegistrantStatus::Approved, RegistrantStatus::Pending] {
        for r in registrants::list_at(client, path, Some(status), None, None, Some(all))?.items {
            let at = r.create_time.as_deref().and_then(unix_seconds);
            if let (Some(id), Some(at)) = (r.id.clone(), at) {
                out.push((format!("registrant:{id}"), at, Polled::Registrant(r)));
            }
        }
    }
    Ok(())
}

/// `from`/`to` dates (UTC) covering `since` to `now`, at most 30 days apart as Zoom requires.
pub(crate) fn day_window(since: u64, now: u64) -> (String, String) {
    let from = since.max(now.saturating_sub(30 * DAY));
    (date_of((from / DAY) as i64), date_of((now / DAY) as i64))
}

/// One `activity_logs` entry. It has no id, so everything it says is its identity.
fn activity(v: &Value) -> Option<(String, u64, SignActivity)> {
    let email = text(v, "email")?;
    let time = text(v, "time")?;
    let at = unix_seconds(&time)?;
    let activity_type = text(v, "type").unwrap_or_default();
    let ip_address = text(v, "ip_address");
    let key = format!("activity:{email}:{time}:{activity_type}:{}", ip_address.as_deref().unwrap_or(""));
    let a = SignActivity {
        email,
        time,
        activity_type,
        ip_address,
        version: text(v, "version"),
        client_type: text(v, "client_type"),
    };
    Some((key, at, a))
}
