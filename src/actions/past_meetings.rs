//! Ended meetings: one instance, the instances of a meeting, and who attended.
//! <https://developers.zoom.us/docs/api/meetings/#tag/meetings>

use serde_json::Value;

use crate::actions::webinars::participant_page;
use crate::error::{Api, Error};
use crate::http::url::instance_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, optional_number, required_number, text};
use crate::validate::check_meeting_id;
use crate::wit::past_meeting_types::{
    GetPastMeetingInput, ListMeetingParticipantsInput, ListPastMeetingInstancesInput, PastMeeting, PastMeetingInstance,
    PastMeetingInstances,
};
use crate::wit::types::MeetingType;
use crate::wit::webinar_types::ParticipantPage;

/// `GET /past_meetings/{meetingId}`.
pub(crate) fn get(client: &Client, input: &GetPastMeetingInput) -> Result<PastMeeting, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    parse_past_meeting(&client.send_json(&Call::new(Method::Get, format!("/past_meetings/{id}")))?)
}

/// `GET /past_meetings/{meetingId}/instances`.
pub(crate) fn instances(client: &Client, input: &ListPastMeetingInstancesInput) -> Result<PastMeetingInstances, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let v = client.send_json(&Call::new(Method::Get, format!("/past_meetings/{}/instances", input.meeting_id)))?;
    parse_instances(&v)
}

/// `GET /past_meetings/{meetingId}/participants`, or `GET /report/meetings/{meetingId}/participants`
/// when `detailed`.
pub(crate) fn participants(client: &Client, input: &ListMeetingParticipantsInput) -> Result<ParticipantPage, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    if input.detailed.unwrap_or(false) {
        return participant_page(client, &format!("/report/meetings/{id}/participants"), input.paging.as_ref());
    }
    participant_page(client, &format!("/past_meetings/{id}/participants"), input.paging.as_ref()).map_err(|e| match e {
        // Zoom answers "does not exist" here for meetings the caller did not host, too.
        Error::NotFound(a) => Error::NotFound(Api {
            message: format!(
                "{} (this route lists only meetings the caller hosted; `detailed: true` reads the participant report, \
                 which covers every meeting of the account)",
                a.message
            ),
            ..a
        }),
        other => other,
    })
}

/// Reads Zoom's past meeting JSON; `id` is required. A type this connector does not know is
/// `none` rather than an error: the meeting has ended, and `raw` still carries it.
pub(crate) fn parse_past_meeting(v: &Value) -> Result<PastMeeting, Error> {
    let id = required_number(v, "id", "past meeting object")?;
    let meeting_type = optional_number(v, "type", "past meeting object")?.and_then(|t| match t {
        1 => Some(MeetingType::Instant),
        2 => Some(MeetingType::Scheduled),
        3 => Some(MeetingType::RecurringNoFixedTime),
        4 => Some(MeetingType::PersonalMeetingId),
        8 => Some(MeetingType::RecurringFixedTime),
        10 => Some(MeetingType::ScreenShareOnly),
        _ => None,
    });
    Ok(PastMeeting {
        id,
        uuid: text(v, "uuid"),
        host_id: text(v, "host_id"),
        user_email: text(v, "user_email"),
        user_name: text(v, "user_name"),
        topic: text(v, "topic").unwrap_or_default(),
        meeting_type,
        start_time: text(v, "start_time"),
        end_time: text(v, "end_time"),
        duration: capped_u32(v, "duration"),
        total_minutes: capped_u32(v, "total_minutes"),
        participants_count: capped_u32(v, "participants_count"),
        raw: v.to_string(),
    })
}

/// Reads the `meetings[]` of the instances answer. A body without the list, or an instance
/// without a `uuid` (what the list is for), is unreadable rather than an empty list.
fn parse_instances(v: &Value) -> Result<PastMeetingInstances, Error> {
    let listed = v
        .get("meetings")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::Unreadable("Zoom's past meeting instances answer has no `meetings` list".into()))?;
    let items = listed
        .iter()
        .map(|m| {
            let uuid = text(m, "uuid")
                .ok_or_else(|| Error::Unreadable("Zoom listed a past meeting instance without a `uuid`".into()))?;
            Ok(PastMeetingInstance { uuid, start_time: text(m, "start_time") })
        })
        .collect::<Result<_, Error>>()?;
    Ok(PastMeetingInstances { items })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_past_meetings_and_leaves_unknown_types_to_raw() {
        let m = parse_past_meeting(&json!({"id": "85", "uuid": "u==", "type": 8, "total_minutes": "55"})).unwrap();
        assert_eq!((m.id, m.meeting_type, m.total_minutes), (85, Some(MeetingType::RecurringFixedTime), Some(55)));
        assert_eq!(parse_past_meeting(&json!({"id": 85, "type": 7})).unwrap().meeting_type, None);
        assert!(parse_past_meeting(&json!({"uuid": "u=="})).is_err());
    }

    #[test]
    fn instances_need_their_uuid() {
        let v = json!({"meetings": [{"uuid": "a==", "start_time": "2022-03-26T05:37:59Z"}, {"uuid": "/b//c=="}]});
        let got = parse_instances(&v).unwrap().items;
        assert_eq!(got.iter().map(|i| i.uuid.as_str()).collect::<Vec<_>>(), ["a==", "/b//c=="]);
        assert_eq!(parse_instances(&json!({"meetings": []})).unwrap().items, vec![]);
        assert!(parse_instances(&json!({})).is_err());
        assert!(parse_instances(&json!({"meetings": [{"start_time": "x"}]})).is_err());
    }
}
