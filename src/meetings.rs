//! Meetings: create, get, list. <https://developers.zoom.us/docs/api/meetings/#tag/meetings>

use serde_json::Value;

use crate::error::Error;
use crate::http::{segment, Call, Client, Method};
pub use crate::meeting_body::{create_body, update_body};
use crate::meeting_types::{
    CreateMeetingInput, DeleteMeetingInput, DeletedMeeting, GetMeetingInput, GetMeetingInvitationInput, Invitation,
    ListMeetingsInput, MeetingListType, UpdateMeetingInput,
};
use crate::paging;
use crate::types::{Meeting, MeetingPage, MeetingType, Occurrence};
use crate::validate;

/// `page_size` limit of `GET /users/{userId}/meetings` in Zoom's spec.
const LIST_MAX_PAGE_SIZE: u32 = 300;

/// `POST /users/{userId}/meetings`.
pub fn create(client: &Client, input: &CreateMeetingInput) -> Result<Meeting, Error> {
    let body = create_body(input)?;
    let user = user_path(input.user_id.as_deref())?;
    client.send_write(&Call::new(Method::Post, format!("/users/{user}/meetings")).json(&body), parse_meeting)
}

/// `GET /meetings/{meetingId}`.
pub fn get(client: &Client, input: &GetMeetingInput) -> Result<Meeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let call = Call::new(Method::Get, format!("/meetings/{}", input.meeting_id))
        .query("occurrence_id", input.occurrence_id.as_deref().filter(|o| !o.is_empty()))
        .query("show_previous_occurrences", input.show_previous_occurrences);
    parse_meeting(&client.send_json(&call)?)
}

/// `PATCH /meetings/{meetingId}`, then `GET` so the caller sees what Zoom now holds.
pub fn update(client: &Client, input: &UpdateMeetingInput) -> Result<Meeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let body = update_body(input)?;
    let occurrence = input.occurrence_id.as_deref().filter(|o| !o.is_empty());
    let path = format!("/meetings/{}", input.meeting_id);
    client.send(&Call::new(Method::Patch, path.clone()).query("occurrence_id", occurrence).json(&body))?;
    parse_meeting(&client.send_json(&Call::new(Method::Get, path).query("occurrence_id", occurrence))?)
}

/// `DELETE /meetings/{meetingId}`.
pub fn delete(client: &Client, input: &DeleteMeetingInput) -> Result<DeletedMeeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let occurrence = input.occurrence_id.clone().filter(|o| !o.is_empty());
    let call = Call::new(Method::Delete, format!("/meetings/{}", input.meeting_id))
        .query("occurrence_id", occurrence.as_deref())
        .query("schedule_for_reminder", input.schedule_for_reminder)
        .query("cancel_meeting_reminder", input.cancel_meeting_reminder);
    client.send(&call)?;
    Ok(DeletedMeeting { meeting_id: input.meeting_id, occurrence_id: occurrence })
}

/// `GET /meetings/{meetingId}/invitation`.
pub fn invitation(client: &Client, input: &GetMeetingInvitationInput) -> Result<Invitation, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let v = client.send_json(&Call::new(Method::Get, format!("/meetings/{}/invitation", input.meeting_id)))?;
    let invitation = text(&v, "invitation")
        .ok_or_else(|| Error::Transport("Zoom's invitation answer has no `invitation`".to_owned()))?;
    let sip_links = v
        .get("sip_links")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    Ok(Invitation { invitation, sip_links })
}

/// `GET /users/{userId}/meetings`, every page or one.
pub fn list(client: &Client, input: &ListMeetingsInput) -> Result<MeetingPage, Error> {
    validate::date("from", input.from.as_deref())?;
    validate::date("to", input.to.as_deref())?;
    let user = user_path(input.user_id.as_deref())?;
    let list_type = match input.list_type.unwrap_or(MeetingListType::Scheduled) {
        MeetingListType::Scheduled => "scheduled",
        MeetingListType::Live => "live",
        MeetingListType::Upcoming => "upcoming",
        MeetingListType::UpcomingMeetings => "upcoming_meetings",
        MeetingListType::PreviousMeetings => "previous_meetings",
    };
    let gathered = paging::gather(input.paging.as_ref(), "meetings", LIST_MAX_PAGE_SIZE, |size, token| {
        let call = Call::new(Method::Get, format!("/users/{user}/meetings"))
            .query("type", Some(list_type))
            .query("page_size", size)
            .query("next_page_token", token)
            .query("from", input.from.as_deref())
            .query("to", input.to.as_deref())
            .query("timezone", input.timezone.as_deref());
        client.send_json(&call)
    })?;
    Ok(MeetingPage {
        items: gathered.items.iter().map(parse_meeting).collect::<Result<_, _>>()?,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// The user path segment: `me` by default, otherwise the encoded id or email.
pub fn user_path(user_id: Option<&str>) -> Result<String, Error> {
    match user_id.map(str::trim) {
        None | Some("") => Ok("me".to_owned()),
        Some(u) if u.chars().count() > 128 => Err(Error::invalid("user_id", "must be at most 128 characters")),
        Some(u) => segment("user_id", u),
    }
}

/// Zoom meeting ids are positive and fit in int64.
pub fn check_meeting_id(field: &str, id: u64) -> Result<(), Error> {
    if id == 0 || id > i64::MAX as u64 {
        return Err(Error::invalid(field, "must be a Zoom meeting id (a positive 64-bit integer)"));
    }
    Ok(())
}

/// Reads Zoom's meeting JSON. A body without an id or with an unknown type is a typed error.
pub fn parse_meeting(v: &Value) -> Result<Meeting, Error> {
    let id = v.get("id").and_then(|i| i.as_u64().or_else(|| i.as_str().and_then(|s| s.parse().ok())));
    let id = id.ok_or_else(|| Error::Transport("Zoom's meeting object has no numeric `id`".to_owned()))?;
    let meeting_type = match v.get("type").and_then(Value::as_u64).unwrap_or(2) {
        1 => MeetingType::Instant,
        2 => MeetingType::Scheduled,
        3 => MeetingType::RecurringNoFixedTime,
        4 => MeetingType::PersonalMeetingId,
        8 => MeetingType::RecurringFixedTime,
        10 => MeetingType::ScreenShareOnly,
        other => {
            return Err(Error::Transport(format!(
                "Zoom returned meeting type {other}, which this connector does not know"
            )))
        }
    };
    Ok(Meeting {
        id,
        uuid: text(v, "uuid"),
        host_id: text(v, "host_id"),
        host_email: text(v, "host_email"),
        topic: text(v, "topic").unwrap_or_default(),
        meeting_type,
        status: text(v, "status"),
        start_time: text(v, "start_time"),
        duration: v.get("duration").and_then(Value::as_u64).map(|d| d.min(u32::MAX as u64) as u32),
        timezone: text(v, "timezone"),
        agenda: text(v, "agenda"),
        created_at: text(v, "created_at"),
        join_url: text(v, "join_url"),
        start_url: text(v, "start_url"),
        password: text(v, "password"),
        registration_url: text(v, "registration_url"),
        occurrences: occurrences(v),
        raw: v.to_string(),
    })
}

/// Reads `occurrences[]`, skipping entries without an id.
pub fn occurrences(v: &Value) -> Vec<Occurrence> {
    let Some(list) = v.get("occurrences").and_then(Value::as_array) else { return Vec::new() };
    list.iter()
        .filter_map(|o| {
            Some(Occurrence {
                occurrence_id: text(o, "occurrence_id")?,
                start_time: text(o, "start_time"),
                duration: o.get("duration").and_then(Value::as_u64).map(|d| d.min(u32::MAX as u64) as u32),
                status: text(o, "status"),
            })
        })
        .collect()
}

/// A string field, or a number rendered as text.
pub fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
#[path = "meetings_tests.rs"]
mod tests;
