//! Webinars: list, get, registrants, participants, absentees (create, update and delete are in
//! `webinar_schedule`). <https://developers.zoom.us/docs/api/meetings/#tag/webinars>

use serde_json::Value;

use crate::actions::registrants::{self, register};
use crate::error::Error;
use crate::http::paging;
use crate::http::url::{instance_path, user_path};
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, occurrences, optional_number, required_number, text};
use crate::validate::check_meeting_id;
use crate::wit::types::{Paging, RegistrantPage, RegistrantStatus};
use crate::wit::webinar_types::{
    AddWebinarRegistrantInput, GetWebinarInput, ListWebinarAbsenteesInput, ListWebinarParticipantsInput,
    ListWebinarRegistrantsInput, ListWebinarsInput, Participant, ParticipantPage, Webinar, WebinarListType,
    WebinarPage, WebinarRegistration, WebinarType,
};

/// `page_size` limit of the webinar list routes in Zoom's spec.
const MAX_PAGE_SIZE: u32 = 300;

/// `GET /users/{userId}/webinars`.
pub(crate) fn list(client: &Client, input: &ListWebinarsInput) -> Result<WebinarPage, Error> {
    let user = user_path(input.user_id.as_deref())?;
    let list_type = match input.list_type.unwrap_or(WebinarListType::Scheduled) {
        WebinarListType::Scheduled => "scheduled",
        WebinarListType::Upcoming => "upcoming",
    };
    let gathered = paging::gather(
        input.paging.as_ref(),
        "webinars",
        MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, format!("/users/{user}/webinars"))
                .query("type", Some(list_type))
                .query("page_size", size)
                .query("next_page_token", token);
            client.send_json(&call)
        },
        parse_webinar,
    )?;
    Ok(WebinarPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// `GET /webinars/{webinarId}`.
pub(crate) fn get(client: &Client, input: &GetWebinarInput) -> Result<Webinar, Error> {
    let id = instance_path("webinar_id", &input.webinar_id)?;
    let call = Call::new(Method::Get, format!("/webinars/{id}"))
        .query("occurrence_id", input.occurrence_id.as_deref().filter(|o| !o.is_empty()))
        .query("show_previous_occurrences", input.show_previous_occurrences);
    parse_webinar(&client.send_json(&call)?)
}

/// `POST /webinars/{webinarId}/registrants`.
pub(crate) fn add_registrant(client: &Client, input: &AddWebinarRegistrantInput) -> Result<WebinarRegistration, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let path = format!("/webinars/{}/registrants", input.webinar_id);
    let a = register(client, path, input.occurrence_ids.as_ref(), &input.into())?;
    Ok(WebinarRegistration {
        webinar_id: a.id.unwrap_or(input.webinar_id),
        registrant_id: a.registrant_id,
        join_url: a.join_url,
        topic: a.topic,
        start_time: a.start_time,
        occurrences: a.occurrences,
    })
}

/// `GET /webinars/{webinarId}/registrants`.
pub(crate) fn list_registrants(client: &Client, input: &ListWebinarRegistrantsInput) -> Result<RegistrantPage, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let path = format!("/webinars/{}/registrants", input.webinar_id);
    registrants::list_at(
        client,
        &path,
        Some(input.status.unwrap_or(RegistrantStatus::Approved)),
        input.occurrence_id.as_deref(),
        input.tracking_source_id.as_deref(),
        input.paging.as_ref(),
    )
}

/// `GET /past_webinars/{webinarId}/absentees`: registrants of an ended webinar who did not
/// attend, in the registrant list's shape.
pub(crate) fn list_absentees(client: &Client, input: &ListWebinarAbsenteesInput) -> Result<RegistrantPage, Error> {
    let id = instance_path("webinar_id", &input.webinar_id)?;
    let path = format!("/past_webinars/{id}/absentees");
    registrants::list_at(client, &path, None, input.occurrence_id.as_deref(), None, input.paging.as_ref())
}

/// `GET /past_webinars/{webinarId}/participants`.
pub(crate) fn list_participants(
    client: &Client,
    input: &ListWebinarParticipantsInput,
) -> Result<ParticipantPage, Error> {
    let id = instance_path("webinar_id", &input.webinar_id)?;
    participant_page(client, &format!("/past_webinars/{id}/participants"), input.paging.as_ref())
}

/// A participant list at `path` (past webinars, past meetings, the participant report): the
/// routes share their page shape and limit.
pub(crate) fn participant_page(client: &Client, path: &str, paging: Option<&Paging>) -> Result<ParticipantPage, Error> {
    let gathered = paging::gather(
        paging,
        "participants",
        MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, path).query("page_size", size).query("next_page_token", token);
            client.send_json(&call)
        },
        |v| Ok(parse_participant(v)),
    )?;
    Ok(ParticipantPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// Reads Zoom's webinar JSON; an unknown type is a typed error.
pub(crate) fn parse_webinar(v: &Value) -> Result<Webinar, Error> {
    let id = required_number(v, "id", "webinar object")?;
    let webinar_type = match optional_number(v, "type", "webinar object")?.unwrap_or(5) {
        5 => WebinarType::Webinar,
        6 => WebinarType::RecurringNoFixedTime,
        9 => WebinarType::RecurringFixedTime,
        other => {
            return Err(Error::Unreadable(format!(
                "Zoom returned webinar type {other}, which this connector does not know"
            )))
        }
    };
    Ok(Webinar {
        id,
        uuid: text(v, "uuid"),
        host_id: text(v, "host_id"),
        host_email: text(v, "host_email"),
        topic: text(v, "topic").unwrap_or_default(),
        webinar_type,
        start_time: text(v, "start_time"),
        duration: capped_u32(v, "duration"),
        timezone: text(v, "timezone"),
        agenda: text(v, "agenda"),
        created_at: text(v, "created_at"),
        join_url: text(v, "join_url"),
        registration_url: text(v, "registration_url"),
        occurrences: occurrences(v),
        raw: v.to_string(),
    })
}

pub(crate) fn parse_participant(v: &Value) -> Participant {
    Participant {
        id: text(v, "id"),
        name: text(v, "name"),
        user_id: text(v, "user_id"),
        registrant_id: text(v, "registrant_id"),
        user_email: text(v, "user_email"),
        join_time: text(v, "join_time"),
        leave_time: text(v, "leave_time"),
        duration: capped_u32(v, "duration"),
        status: text(v, "status"),
        raw: v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_webinar_types_and_rejects_unknown() {
        let w = parse_webinar(&json!({"id": 9, "type": 9, "topic": "T"})).unwrap();
        assert_eq!(w.webinar_type, WebinarType::RecurringFixedTime);
        assert!(parse_webinar(&json!({"id": 9, "type": 2})).is_err());
    }
}
