//! Typed Zoom webhook events, read from the `payload` of a verified delivery. Unknown events and
//! unmodelled families become `other`, so no delivery is lost for want of a type.
//! <https://developers.zoom.us/docs/api/meetings/events/>

use serde_json::Value;

use crate::json::text;
use crate::wit::events::{
    MeetingRef, OtherEvent, Participant, ParticipantEvent, RecordingEvent, RecordingFileInfo, RegistrantInfo,
    RegistrationEvent, SignEvent, UserEvent, ZoomEvent,
};

mod phone;
mod summary;

/// The events `parse` types (every other name becomes `other`).
pub(crate) const MODELLED: &[&str] = &[
    "meeting.created",
    "meeting.updated",
    "meeting.deleted",
    "meeting.started",
    "meeting.ended",
    "meeting.participant_joined",
    "meeting.participant_left",
    "meeting.registration_created",
    "webinar.created",
    "webinar.updated",
    "webinar.deleted",
    "webinar.started",
    "webinar.ended",
    "webinar.registration_created",
    "webinar.registration_approved",
    "webinar.registration_cancelled",
    "meeting.summary_completed",
    "recording.completed",
    "recording.transcript_completed",
    "user.created",
    "user.updated",
    "user.activated",
    "user.deactivated",
    "user.deleted",
    "user.signed_in",
    "user.signed_out",
    "phone.recording_completed",
    "phone.caller_call_log_completed",
    "phone.callee_call_log_completed",
    "phone.callee_ended",
];

/// Reads one event. `body` is the whole delivery (for `download_token`), `payload` its `payload`.
pub(crate) fn parse(name: &str, payload: &Value, body: &Value) -> ZoomEvent {
    let object = payload.get("object").unwrap_or(&Value::Null);
    let meeting = || meeting_ref(object);
    let registration = || RegistrationEvent { meeting: meeting_ref(object), registrant: registrant(object) };
    let typed = match name {
        "meeting.created" => object_id(object).map(|_| ZoomEvent::MeetingCreated(meeting())),
        "meeting.updated" => object_id(object).map(|_| ZoomEvent::MeetingUpdated(meeting())),
        "meeting.deleted" => object_id(object).map(|_| ZoomEvent::MeetingDeleted(meeting())),
        "meeting.started" => object_id(object).map(|_| ZoomEvent::MeetingStarted(meeting())),
        "meeting.ended" => object_id(object).map(|_| ZoomEvent::MeetingEnded(meeting())),
        "meeting.participant_joined" => Some(ZoomEvent::ParticipantJoined(participant_event(object))),
        "meeting.participant_left" => Some(ZoomEvent::ParticipantLeft(participant_event(object))),
        "meeting.registration_created" => Some(ZoomEvent::MeetingRegistrationCreated(registration())),
        "webinar.created" => object_id(object).map(|_| ZoomEvent::WebinarCreated(meeting())),
        "webinar.updated" => object_id(object).map(|_| ZoomEvent::WebinarUpdated(meeting())),
        "webinar.deleted" => object_id(object).map(|_| ZoomEvent::WebinarDeleted(meeting())),
        "webinar.started" => object_id(object).map(|_| ZoomEvent::WebinarStarted(meeting())),
        "webinar.ended" => object_id(object).map(|_| ZoomEvent::WebinarEnded(meeting())),
        "webinar.registration_created" => Some(ZoomEvent::WebinarRegistrationCreated(registration())),
        "webinar.registration_approved" => Some(ZoomEvent::WebinarRegistrationApproved(registration())),
        "webinar.registration_cancelled" => Some(ZoomEvent::WebinarRegistrationCancelled(registration())),
        "meeting.summary_completed" => summary::summary(object).map(ZoomEvent::MeetingSummaryCompleted),
        "recording.completed" => Some(ZoomEvent::RecordingCompleted(recording(object, body))),
        "recording.transcript_completed" => Some(ZoomEvent::TranscriptCompleted(recording(object, body))),
        "user.created" => user(object, payload).map(ZoomEvent::UserCreated),
        "user.updated" => user(object, payload).map(ZoomEvent::UserUpdated),
        "user.activated" => user(object, payload).map(ZoomEvent::UserActivated),
        "user.deactivated" => user(object, payload).map(ZoomEvent::UserDeactivated),
        "user.deleted" => user(object, payload).map(ZoomEvent::UserDeleted),
        "user.signed_in" => sign(object).map(ZoomEvent::UserSignedIn),
        "user.signed_out" => sign(object).map(ZoomEvent::UserSignedOut),
        "phone.recording_completed" => Some(ZoomEvent::PhoneRecordingCompleted(phone::calls(object, "recordings"))),
        "phone.caller_call_log_completed" | "phone.callee_call_log_completed" => {
            Some(ZoomEvent::CallLogCompleted(phone::calls(object, "call_logs")))
        }
        "phone.callee_ended" => phone::callee_ended(object).map(ZoomEvent::PhoneCalleeEnded),
        _ => None,
    };
    // A modelled name whose payload lacks what makes it useful is passed on untyped, not dropped.
    typed.unwrap_or_else(|| ZoomEvent::Other(OtherEvent { name: name.to_owned(), payload: payload.to_string() }))
}

/// The event's stable identity: the same for a webhook delivery and for the event `reconcile`
/// recovers from the API. Instances, registrants and participants are part of it where one
/// object can have several such events.
pub(crate) fn key(name: &str, object: &Value, event_ts: u64) -> String {
    let id = subject_id(name, object).unwrap_or_default();
    let detail = match name {
        "meeting.summary_completed" => text(object, "meeting_uuid"),
        n if n.ends_with(".registration_created") => text(&object["registrant"], "id"),
        // A registration is created once, but approved or cancelled again after a change of mind.
        n if n.contains(".registration_") => text(&object["registrant"], "id").map(|r| format!("{r}:{event_ts}")),
        n if n.starts_with("recording.") || n.ends_with(".started") || n.ends_with(".ended") => text(object, "uuid"),
        n if n.contains(".participant_") => {
            let p = &object["participant"];
            let who = text(p, "participant_uuid").or_else(|| text(p, "user_id")).unwrap_or_default();
            let when = text(p, "join_time").or_else(|| text(p, "leave_time")).unwrap_or_default();
            Some(format!("{who}:{when}"))
        }
        "user.signed_in" | "user.signed_out" => text(object, "date_time"),
        // One object is updated, activated and deactivated many times; each change is an event.
        n if n.ends_with(".updated") || n == "user.activated" || n == "user.deactivated" => Some(event_ts.to_string()),
        // Deleting one occurrence, then another, are two events; the series once is one.
        n if n.ends_with(".deleted") => occurrence_ids(object),
        _ => None,
    };
    match detail {
        Some(d) => format!("{name}:{id}:{d}"),
        None if id.is_empty() => format!("{name}:{event_ts}"),
        None => format!("{name}:{id}"),
    }
}

/// The ids of the occurrences a `*.deleted` payload names, comma-joined; none for a whole series.
fn occurrence_ids(object: &Value) -> Option<String> {
    let ids: Vec<&str> = object["occurrences"]
        .as_array()?
        .iter()
        .filter_map(|o| o.get("occurrence_id").and_then(Value::as_str))
        .collect();
    (!ids.is_empty()).then(|| ids.join(","))
}

/// The meeting or webinar id an event is about, as text.
pub(crate) fn object_id(object: &Value) -> Option<String> {
    text(object, "id").filter(|id| !id.is_empty())
}

/// What the event is about: the object's `id`, or for the events whose object has none, the
/// field that plays its part (a summary's meeting, an ended call's call id).
pub(crate) fn subject_id(name: &str, object: &Value) -> Option<String> {
    let key = match name {
        "meeting.summary_completed" => "meeting_id",
        "phone.callee_ended" => "call_id",
        _ => "id",
    };
    text(object, key).filter(|id| !id.is_empty())
}

fn number(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(|n| n.as_u64().or_else(|| n.as_str().and_then(|s| s.parse().ok())))
}

pub(super) fn small(v: &Value, key: &str) -> Option<u32> {
    number(v, key).map(|n| n.min(u32::MAX as u64) as u32)
}

fn meeting_ref(o: &Value) -> MeetingRef {
    MeetingRef {
        id: object_id(o).unwrap_or_default(),
        uuid: text(o, "uuid"),
        host_id: text(o, "host_id"),
        topic: text(o, "topic"),
        meeting_type: small(o, "type"),
        start_time: text(o, "start_time"),
        end_time: text(o, "end_time"),
        duration: small(o, "duration"),
        timezone: text(o, "timezone"),
        join_url: text(o, "join_url"),
    }
}

fn participant_event(o: &Value) -> ParticipantEvent {
    let p = o.get("participant").unwrap_or(&Value::Null);
    ParticipantEvent {
        meeting: meeting_ref(o),
        participant: Participant {
            user_id: text(p, "user_id"),
            user_name: text(p, "user_name"),
            email: text(p, "email"),
            // Zoom's own example sends `date_time` where the schema says `join_time`.
            join_time: text(p, "join_time")
                .or_else(|| (p.get("leave_time").is_none()).then(|| text(p, "date_time")).flatten()),
            leave_time: text(p, "leave_time"),
            participant_uuid: text(p, "participant_uuid"),
            registrant_id: text(p, "registrant_id"),
        },
    }
}

fn registrant(o: &Value) -> RegistrantInfo {
    let r = o.get("registrant").unwrap_or(&Value::Null);
    RegistrantInfo {
        id: text(r, "id"),
        email: text(r, "email"),
        first_name: text(r, "first_name"),
        last_name: text(r, "last_name"),
        status: text(r, "status"),
        join_url: text(r, "join_url"),
    }
}

fn recording(o: &Value, body: &Value) -> RecordingEvent {
    let files = o.get("recording_files").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    RecordingEvent {
        meeting: meeting_ref(o),
        share_url: text(o, "share_url"),
        total_size: number(o, "total_size"),
        files: files
            .iter()
            .map(|f| RecordingFileInfo {
                id: text(f, "id"),
                file_type: text(f, "file_type"),
                file_size: number(f, "file_size"),
                download_url: text(f, "download_url"),
                play_url: text(f, "play_url"),
                status: text(f, "status"),
                recording_type: text(f, "recording_type"),
            })
            .collect(),
        download_token: text(body, "download_token"),
    }
}

fn user(o: &Value, payload: &Value) -> Option<UserEvent> {
    Some(UserEvent {
        id: object_id(o)?,
        email: text(o, "email"),
        first_name: text(o, "first_name"),
        last_name: text(o, "last_name"),
        user_type: small(o, "type"),
        operator: text(payload, "operator"),
    })
}

fn sign(o: &Value) -> Option<SignEvent> {
    Some(SignEvent {
        id: object_id(o)?,
        email: text(o, "email"),
        date_time: text(o, "date_time"),
        client_type: text(o, "client_type"),
        version: text(o, "version"),
    })
}

#[cfg(test)]
mod tests;
