//! Request bodies of create and update meeting. The fields meetings share with webinars are
//! checked and built in [`crate::actions::schedule`]; this adds the meeting types and settings.
//! Field names and codes follow `POST /users/{userId}/meetings` in Zoom's spec.

use serde_json::{Map, Value};

use crate::actions::schedule::{self, put, Limits, Registration, Schedule};
use crate::error::Error;
use crate::wit::meeting_types::{CreateMeetingInput, MeetingSettings, UpdateMeetingInput};
use crate::wit::types::MeetingType;

/// What the meeting schema caps.
const LIMITS: Limits = Limits { topic: Some(200), agenda: Some(2000), duration: 1440, password_symbols: "@-_*" };

/// Builds and checks the JSON body of a create; the type defaults to scheduled and the settings
/// carry Zoom's documented defaults.
pub(crate) fn create_body(input: &CreateMeetingInput) -> Result<Value, Error> {
    let meeting_type = input.meeting_type.unwrap_or(MeetingType::Scheduled);
    let s = Schedule {
        topic: input.topic.as_deref(),
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        timezone: input.timezone.as_deref(),
        password: input.password.as_deref(),
        agenda: input.agenda.as_deref(),
        schedule_for: input.schedule_for.as_deref(),
        template_id: input.template_id.as_deref(),
        recurrence: input.recurrence.as_ref(),
        tracking_fields: input.tracking_fields.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
        ..typed(Some(meeting_type))?
    };
    let mut body = schedule::body(&s, &LIMITS, settings_body(input.settings.as_ref(), true), true)?;
    put(&mut body, "default_password", input.default_password);
    put(&mut body, "pre_schedule", input.pre_schedule);
    Ok(Value::Object(body))
}

/// Builds and checks the JSON body of an update: only what was given is sent.
pub(crate) fn update_body(input: &UpdateMeetingInput) -> Result<Value, Error> {
    let s = Schedule {
        topic: input.topic.as_deref(),
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        timezone: input.timezone.as_deref(),
        password: input.password.as_deref(),
        agenda: input.agenda.as_deref(),
        schedule_for: input.schedule_for.as_deref(),
        template_id: input.template_id.as_deref(),
        recurrence: input.recurrence.as_ref(),
        tracking_fields: input.tracking_fields.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
        ..typed(input.meeting_type)?
    };
    let body = schedule::body(&s, &LIMITS, settings_body(input.settings.as_ref(), false), false)?;
    if body.is_empty() {
        return Err(Error::invalid("input", "names nothing to change"));
    }
    Ok(Value::Object(body))
}

/// A schedule with only the type filled in; a personal-meeting-id meeting cannot be scheduled.
fn typed(t: Option<MeetingType>) -> Result<Schedule<'static>, Error> {
    if t == Some(MeetingType::PersonalMeetingId) {
        let why = "personal-meeting-id cannot be scheduled; use scheduled with settings.use_pmi";
        return Err(Error::invalid("meeting_type", why));
    }
    let recurring = t.map(|t| matches!(t, MeetingType::RecurringFixedTime | MeetingType::RecurringNoFixedTime));
    Ok(Schedule::typed("meeting_type", t.map(type_number), recurring, t == Some(MeetingType::RecurringFixedTime)))
}

/// The settings object. A create sends Zoom's documented defaults for the four fields that have
/// them; an update sends only what was given, so absent settings stay as they are.
fn settings_body(s: Option<&MeetingSettings>, defaults: bool) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(s) = s {
        put(&mut m, "host_video", s.host_video);
        put(&mut m, "participant_video", s.participant_video);
        put(&mut m, "join_before_host", s.join_before_host);
        put(&mut m, "mute_upon_entry", s.mute_upon_entry);
        put(&mut m, "watermark", s.watermark);
        put(&mut m, "use_pmi", s.use_pmi);
        put(&mut m, "registrants_email_notification", s.registrants_email_notification);
        put(&mut m, "waiting_room", s.waiting_room);
        put(&mut m, "alternative_hosts", s.alternative_hosts.clone());
        put(&mut m, "global_dial_in_countries", s.global_dial_in_countries.clone());
    }
    let r = Registration {
        approval: s.and_then(|s| s.approval_type),
        registration: s.and_then(|s| s.registration_type),
        audio: s.and_then(|s| s.audio),
        recording: s.and_then(|s| s.auto_recording),
    };
    schedule::registration_settings(&mut m, &r, defaults);
    m
}

fn type_number(t: MeetingType) -> u32 {
    match t {
        MeetingType::Instant => 1,
        MeetingType::Scheduled => 2,
        MeetingType::RecurringNoFixedTime => 3,
        MeetingType::PersonalMeetingId => 4,
        MeetingType::RecurringFixedTime => 8,
        MeetingType::ScreenShareOnly => 10,
    }
}
