//! Meetings: create, get, list. <https://developers.zoom.us/docs/api/meetings/#tag/meetings>

use serde_json::{json, Map, Value};

use crate::actions::{
    ApprovalType, AudioType, AutoRecording, CreateMeetingInput, GetMeetingInput, ListMeetingsInput, MeetingListType,
    MeetingSettings, MonthlyWeek, Recurrence, RecurrenceType, RegistrationType, Weekday,
};
use crate::error::Error;
use crate::http::{encode, Call, Client, Method};
use crate::paging;
use crate::types::{Meeting, MeetingPage, MeetingType, Occurrence};
use crate::validate;

/// `page_size` limit of `GET /users/{userId}/meetings` in Zoom's spec.
const LIST_MAX_PAGE_SIZE: u32 = 300;

/// `POST /users/{userId}/meetings`.
pub fn create(client: &Client, input: &CreateMeetingInput) -> Result<Meeting, Error> {
    let body = create_body(input)?;
    let user = user_path(input.user_id.as_deref())?;
    let value = client.send_json(&Call::new(Method::Post, format!("/users/{user}/meetings")).json(&body))?;
    parse_meeting(&value)
}

/// `GET /meetings/{meetingId}`.
pub fn get(client: &Client, input: &GetMeetingInput) -> Result<Meeting, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let call = Call::new(Method::Get, format!("/meetings/{}", input.meeting_id))
        .query("occurrence_id", input.occurrence_id.as_deref().filter(|o| !o.is_empty()))
        .query("show_previous_occurrences", input.show_previous_occurrences);
    parse_meeting(&client.send_json(&call)?)
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
        Some(u) => Ok(encode(u)),
    }
}

/// Zoom meeting ids are positive and fit in int64.
pub fn check_meeting_id(field: &str, id: u64) -> Result<(), Error> {
    if id == 0 || id > i64::MAX as u64 {
        return Err(Error::invalid(field, "must be a Zoom meeting id (a positive 64-bit integer)"));
    }
    Ok(())
}

/// Builds and checks the JSON body of a create.
pub fn create_body(input: &CreateMeetingInput) -> Result<Value, Error> {
    validate::max_chars("topic", input.topic.as_deref(), 200)?;
    validate::max_chars("agenda", input.agenda.as_deref(), 2000)?;
    validate::range("duration", input.duration.map(u64::from), 1, 1440)?;
    validate::date_time("start_time", input.start_time.as_deref())?;
    check_password(input.password.as_deref())?;
    let meeting_type = input.meeting_type.unwrap_or(MeetingType::Scheduled);
    let type_code = match meeting_type {
        MeetingType::PersonalMeetingId => {
            return Err(Error::invalid(
                "meeting_type",
                "personal-meeting-id cannot be created; use scheduled with settings.use_pmi",
            ))
        }
        other => type_number(other),
    };
    if input.recurrence.is_some()
        && !matches!(meeting_type, MeetingType::RecurringFixedTime | MeetingType::RecurringNoFixedTime)
    {
        return Err(Error::invalid("recurrence", "is only allowed for recurring meeting types"));
    }
    if meeting_type == MeetingType::RecurringFixedTime && input.recurrence.is_none() {
        return Err(Error::invalid("recurrence", "is required for recurring-fixed-time meetings"));
    }
    let mut body = Map::new();
    put(&mut body, "topic", input.topic.clone());
    body.insert("type".into(), json!(type_code));
    put(&mut body, "start_time", input.start_time.clone());
    put(&mut body, "duration", input.duration);
    put(&mut body, "timezone", input.timezone.clone().filter(|t| !t.trim().is_empty()));
    put(&mut body, "password", input.password.clone());
    put(&mut body, "default_password", input.default_password);
    put(&mut body, "agenda", input.agenda.clone());
    put(&mut body, "pre_schedule", input.pre_schedule);
    put(&mut body, "schedule_for", input.schedule_for.clone());
    put(&mut body, "template_id", input.template_id.clone());
    if let Some(r) = &input.recurrence {
        body.insert("recurrence".into(), recurrence_body(r)?);
    }
    let mut settings = settings_body(input.settings.as_ref());
    if let Some(extra) = &input.extra_settings {
        for (k, v) in validate::json_object("extra_settings", extra)? {
            settings.insert(k, v);
        }
    }
    body.insert("settings".into(), Value::Object(settings));
    if let Some(fields) = &input.tracking_fields {
        for (i, f) in fields.iter().enumerate() {
            validate::required(&format!("tracking_fields[{i}].field"), &f.field, 256)?;
        }
        let list: Vec<Value> = fields.iter().map(|f| json!({"field": f.field, "value": f.value})).collect();
        body.insert("tracking_fields".into(), Value::Array(list));
    }
    Ok(Value::Object(body))
}

fn check_password(password: Option<&str>) -> Result<(), Error> {
    let Some(p) = password else { return Ok(()) };
    validate::max_chars("password", Some(p), 10)?;
    if !p.chars().all(|c| c.is_ascii_alphanumeric() || "@-_*".contains(c)) {
        return Err(Error::invalid("password", "may only contain letters, digits and @ - _ *"));
    }
    Ok(())
}

fn recurrence_body(r: &Recurrence) -> Result<Value, Error> {
    let (type_code, interval_max) = match r.recurrence_type {
        RecurrenceType::Daily => (1, 99),
        RecurrenceType::Weekly => (2, 50),
        RecurrenceType::Monthly => (3, 10),
    };
    validate::range("recurrence.repeat_interval", r.repeat_interval.map(u64::from), 1, interval_max)?;
    validate::range("recurrence.end_times", r.end_times.map(u64::from), 1, 60)?;
    validate::date_time("recurrence.end_date_time", r.end_date_time.as_deref())?;
    if r.end_times.is_some() && r.end_date_time.is_some() {
        return Err(Error::invalid("recurrence.end_times", "cannot be combined with recurrence.end_date_time"));
    }
    validate::range("recurrence.monthly_day", r.monthly_day.map(u64::from), 1, 31)?;
    if r.monthly_day.is_some() && (r.monthly_week.is_some() || r.monthly_week_day.is_some()) {
        return Err(Error::invalid("recurrence.monthly_day", "cannot be combined with recurrence.monthly_week"));
    }
    if r.monthly_week.is_some() != r.monthly_week_day.is_some() {
        return Err(Error::invalid(
            "recurrence.monthly_week_day",
            "must be given together with recurrence.monthly_week",
        ));
    }
    match r.recurrence_type {
        RecurrenceType::Weekly if r.weekly_days.as_ref().is_none_or(|d| d.is_empty()) => {
            return Err(Error::invalid("recurrence.weekly_days", "is required for weekly recurrence"))
        }
        RecurrenceType::Monthly if r.monthly_day.is_none() && r.monthly_week.is_none() => {
            return Err(Error::invalid(
                "recurrence.monthly_day",
                "or recurrence.monthly_week is required for monthly recurrence",
            ))
        }
        _ => {}
    }
    let mut m = Map::new();
    m.insert("type".into(), json!(type_code));
    put(&mut m, "repeat_interval", r.repeat_interval);
    if let Some(days) = &r.weekly_days {
        let list: Vec<String> = days.iter().map(|d| weekday_number(*d).to_string()).collect();
        m.insert("weekly_days".into(), json!(list.join(",")));
    }
    put(&mut m, "monthly_day", r.monthly_day);
    put(&mut m, "monthly_week", r.monthly_week.map(monthly_week_number));
    put(&mut m, "monthly_week_day", r.monthly_week_day.map(weekday_number));
    put(&mut m, "end_times", r.end_times);
    put(&mut m, "end_date_time", r.end_date_time.clone());
    Ok(Value::Object(m))
}

/// The settings object, with Zoom's documented defaults for the four fields that have them.
fn settings_body(s: Option<&MeetingSettings>) -> Map<String, Value> {
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
    let approval = match s.and_then(|s| s.approval_type).unwrap_or(ApprovalType::NoRegistration) {
        ApprovalType::Automatic => 0,
        ApprovalType::Manual => 1,
        ApprovalType::NoRegistration => 2,
    };
    let registration = match s.and_then(|s| s.registration_type).unwrap_or(RegistrationType::OnceForAll) {
        RegistrationType::OnceForAll => 1,
        RegistrationType::EachOccurrence => 2,
        RegistrationType::ChooseOccurrences => 3,
    };
    let audio = match s.and_then(|s| s.audio).unwrap_or(AudioType::Both) {
        AudioType::Both => "both",
        AudioType::Telephony => "telephony",
        AudioType::Voip => "voip",
        AudioType::ThirdParty => "thirdParty",
    };
    let recording = match s.and_then(|s| s.auto_recording).unwrap_or(AutoRecording::None) {
        AutoRecording::Local => "local",
        AutoRecording::Cloud => "cloud",
        AutoRecording::None => "none",
    };
    m.insert("approval_type".into(), json!(approval));
    m.insert("registration_type".into(), json!(registration));
    m.insert("audio".into(), json!(audio));
    m.insert("auto_recording".into(), json!(recording));
    m
}

fn put<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        m.insert(key.to_owned(), v.into());
    }
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

fn weekday_number(d: Weekday) -> u32 {
    d as u32 + 1
}

fn monthly_week_number(w: MonthlyWeek) -> i32 {
    match w {
        MonthlyWeek::Last => -1,
        MonthlyWeek::First => 1,
        MonthlyWeek::Second => 2,
        MonthlyWeek::Third => 3,
        MonthlyWeek::Fourth => 4,
    }
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
