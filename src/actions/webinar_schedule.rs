//! Webinars: create, update, delete. The fields webinars share with meetings (time, passcode,
//! recurrence, registration settings) are checked and built in [`crate::actions::schedule`];
//! this adds the webinar types and settings.
//! <https://developers.zoom.us/docs/api/meetings/#tag/webinars/POST/users/{userId}/webinars>

use serde_json::{Map, Value};

use crate::actions::schedule::{self, put, Limits, Registration, Schedule};
use crate::actions::webinars::parse_webinar;
use crate::error::Error;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::validate::{self, check_meeting_id};
use crate::wit::webinar_types::{
    CreateWebinarInput, DeleteWebinarInput, DeletedWebinar, UpdateWebinarInput, Webinar, WebinarSettings, WebinarType,
};

/// The webinar schema caps neither topic nor agenda; its passcode may also hold `!`.
const LIMITS: Limits = Limits { topic: None, agenda: None, duration: u32::MAX as u64, password_symbols: "@-_*!" };

/// `POST /users/{userId}/webinars` → 201 with the webinar.
pub(crate) fn create(client: &Client, input: &CreateWebinarInput) -> Result<Webinar, Error> {
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
        ..typed(Some(input.webinar_type.unwrap_or(WebinarType::Webinar)))
    };
    let mut body = schedule::body(&s, &LIMITS, settings_body(input.settings.as_ref(), true)?, true)?;
    put(&mut body, "default_passcode", input.default_passcode);
    let user = user_path(input.user_id.as_deref())?;
    let call = Call::new(Method::Post, format!("/users/{user}/webinars")).json(&Value::Object(body));
    client.send_write(&call, parse_webinar)
}

/// `PATCH /webinars/{webinarId}`, then `GET` so the caller sees what Zoom now holds.
pub(crate) fn update(client: &Client, input: &UpdateWebinarInput) -> Result<Webinar, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let s = Schedule {
        topic: input.topic.as_deref(),
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        timezone: input.timezone.as_deref(),
        password: input.password.as_deref(),
        agenda: input.agenda.as_deref(),
        schedule_for: input.schedule_for.as_deref(),
        template_id: None,
        recurrence: input.recurrence.as_ref(),
        tracking_fields: input.tracking_fields.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
        ..typed(input.webinar_type)
    };
    let mut settings = settings_body(input.settings.as_ref(), false)?;
    put(&mut settings, "notify_registrants", input.notify_registrants);
    let body = schedule::body(&s, &LIMITS, settings, false)?;
    if body.is_empty() {
        return Err(Error::invalid("input", "names nothing to change"));
    }
    let occurrence = input.occurrence_id.as_deref().filter(|o| !o.is_empty());
    let path = format!("/webinars/{}", input.webinar_id);
    let patch = Call::new(Method::Patch, path.clone()).query("occurrence_id", occurrence).json(&Value::Object(body));
    client.send(&patch)?;
    parse_webinar(&client.send_json(&Call::new(Method::Get, path).query("occurrence_id", occurrence))?)
}

/// `DELETE /webinars/{webinarId}` → 204.
pub(crate) fn delete(client: &Client, input: &DeleteWebinarInput) -> Result<DeletedWebinar, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let occurrence = input.occurrence_id.clone().filter(|o| !o.is_empty());
    let call = Call::new(Method::Delete, format!("/webinars/{}", input.webinar_id))
        .query("occurrence_id", occurrence.as_deref())
        .query("cancel_webinar_reminder", input.cancel_webinar_reminder);
    client.send(&call)?;
    Ok(DeletedWebinar { webinar_id: input.webinar_id, occurrence_id: occurrence })
}

/// A schedule with only the type filled in.
fn typed(t: Option<WebinarType>) -> Schedule<'static> {
    let code = t.map(|t| match t {
        WebinarType::Webinar => 5,
        WebinarType::RecurringNoFixedTime => 6,
        WebinarType::RecurringFixedTime => 9,
    });
    let recurring = t.map(|t| t != WebinarType::Webinar);
    Schedule::typed("webinar_type", code, recurring, t == Some(WebinarType::RecurringFixedTime))
}

/// The webinar settings object: what was given, plus Zoom's documented defaults of the four
/// registration/audio/recording fields on a create.
fn settings_body(s: Option<&WebinarSettings>, defaults: bool) -> Result<Map<String, Value>, Error> {
    let mut m = Map::new();
    if let Some(s) = s {
        put(&mut m, "host_video", s.host_video);
        put(&mut m, "panelists_video", s.panelists_video);
        put(&mut m, "practice_session", s.practice_session);
        put(&mut m, "hd_video", s.hd_video);
        put(&mut m, "hd_video_for_attendees", s.hd_video_for_attendees);
        put(&mut m, "send_1080p_video_to_attendees", s.send_1080p_video_to_attendees);
        put(&mut m, "on_demand", s.on_demand);
        put(&mut m, "alternative_hosts", s.alternative_hosts.clone());
        put(&mut m, "close_registration", s.close_registration);
        put(&mut m, "show_share_button", s.show_share_button);
        put(&mut m, "allow_multiple_devices", s.allow_multiple_devices);
        put(&mut m, "registrants_email_notification", s.registrants_email_notification);
        put(&mut m, "registrants_confirmation_email", s.registrants_confirmation_email);
        put(&mut m, "panelists_invitation_email_notification", s.panelists_invitation_email_notification);
        let limit = s.registrants_restrict_number;
        validate::range("settings.registrants_restrict_number", limit.map(u64::from), 0, 20_000)?;
        put(&mut m, "registrants_restrict_number", limit);
        put(&mut m, "post_webinar_survey", s.post_webinar_survey);
        put(&mut m, "survey_url", s.survey_url.clone());
        put(&mut m, "contact_name", s.contact_name.clone());
        if let Some(email) = s.contact_email.as_deref() {
            validate::email("settings.contact_email", email)?;
            m.insert("contact_email".into(), email.into());
        }
        put(&mut m, "global_dial_in_countries", s.global_dial_in_countries.clone());
        if let Some(qa) = &s.question_and_answer {
            let mut q = Map::new();
            put(&mut q, "enable", qa.enable);
            put(&mut q, "allow_submit_questions", qa.allow_submit_questions);
            put(&mut q, "allow_anonymous_questions", qa.allow_anonymous_questions);
            put(&mut q, "attendees_can_upvote", qa.attendees_can_upvote);
            put(&mut q, "attendees_can_comment", qa.attendees_can_comment);
            m.insert("question_and_answer".into(), Value::Object(q));
        }
    }
    let r = Registration {
        approval: s.and_then(|s| s.approval_type),
        registration: s.and_then(|s| s.registration_type),
        audio: s.and_then(|s| s.audio),
        recording: s.and_then(|s| s.auto_recording),
    };
    schedule::registration_settings(&mut m, &r, defaults);
    Ok(m)
}

#[cfg(test)]
mod tests;
