//! Meetings: create, get, list. <https://developers.zoom.us/docs/api/meetings/#tag/meetings>

use serde_json::Value;

use crate::error::Error;
use crate::http::paging;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, occurrences, optional_number, required_number, text};
use crate::validate::{self, check_meeting_id};
use crate::wit::meeting_types::{
    CreateMeetingInput, DeleteMeetingInput, DeletedMeeting, GetMeetingInput, GetMeetingInvitationInput, Invitation,
    ListMeetingsInput, MeetingListType, UpdateMeetingInput,
};
use crate::wit::types::{Meeting, MeetingPage, MeetingType};
use body::{create_body, update_body};

/// `page_size` limit of `GET /users/{userId}/meetings` in Zoom's spec.
const LIST_MAX_PAGE_SIZE: u32 = 300;

mod body;

/// `POST /users/{userId}/meetings`.
pub(crate) fn create(client: &Client, input: &CreateMeetingInput) -> Result<Meeting, Error> {
    let body = create_body(input)?;
    let user = user_path(input.user_id.as_deref())?;
    client.send_write(&Call::new(Method::Post, format!("/users/{user}/meetings")).json(&body), parse_meeting)
}

/// `GET /meetings/{meetingId}`.
pub(crate) fn get(client: &Client, input: &GetMeetingInput) -> Result<Meeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let call = Call::new(Method::Get, format!("/meetings/{}", input.meeting_id))
        .query("occurrence_id", input.occurrence_id.as_deref().filter(|o| !o.is_empty()))
        .query("show_previous_occurrences", input.show_previous_occurrences);
    parse_meeting(&client.send_json(&call)?)
}

/// `PATCH /meetings/{meetingId}`, then `GET` so the caller sees what Zoom now holds.
pub(crate) fn update(client: &Client, input: &UpdateMeetingInput) -> Result<Meeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let body = update_body(input)?;
    let occurrence = input.occurrence_id.as_deref().filter(|o| !o.is_empty());
    let path = format!("/meetings/{}", input.meeting_id);
    client.send(&Call::new(Method::Patch, path.clone()).query("occurrence_id", occurrence).json(&body))?;
    parse_meeting(&client.send_json(&Call::new(Method::Get, path).query("occurrence_id", occurrence))?)
}

/// `DELETE /meetings/{meetingId}`.
pub(crate) fn delete(client: &Client, input: &DeleteMeetingInput) -> Result<DeletedMeeting, Error> {
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
pub(crate) fn invitation(client: &Client, input: &GetMeetingInvitationInput) -> Result<Invitation, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let v = client.send_json(&Call::new(Method::Get, format!("/meetings/{}/invitation", input.meeting_id)))?;
    let invitation = text(&v, "invitation")
        .ok_or_else(|| Error::Unreadable("Zoom's invitation answer has no `invitation`".to_owned()))?;
    let sip_links = v
        .get("sip_links")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    Ok(Invitation { invitation, sip_links })
}

/// `GET /users/{userId}/meetings`, every page or one.
pub(crate) fn list(client: &Client, input: &ListMeetingsInput) -> Result<MeetingPage, Error> {
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
    let gathered = paging::gather(
        input.paging.as_ref(),
        "meetings",
        LIST_MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, format!("/users/{user}/meetings"))
                .query("type", Some(list_type))
                .query("page_size", size)
                .query("next_page_token", token)
                .query("from", input.from.as_deref())
                .query("to", input.to.as_deref())
                .query("timezone", input.timezone.as_deref());
            client.send_json(&call)
        },
        parse_meeting,
    )?;
    Ok(MeetingPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// Reads Zoom's meeting JSON. A body without an id or with an unknown type is a typed error.
pub(crate) fn parse_meeting(v: &Value) -> Result<Meeting, Error> {
    let id = required_number(v, "id", "meeting object")?;
    // A type Zoom gave but that cannot be read is not the default: that would call a recurring
    // meeting scheduled.
    let meeting_type = match optional_number(v, "type", "meeting object")?.unwrap_or(2) {
        1 => MeetingType::Instant,
        2 => MeetingType::Scheduled,
        3 => MeetingType::RecurringNoFixedTime,
        4 => MeetingType::PersonalMeetingId,
        8 => MeetingType::RecurringFixedTime,
        10 => MeetingType::ScreenShareOnly,
        other => {
            return Err(Error::Unreadable(format!(
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
        duration: capped_u32(v, "duration"),
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

#[cfg(test)]
mod tests;
