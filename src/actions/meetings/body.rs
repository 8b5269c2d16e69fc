//! Request bodies of create and update meeting, and the rules they are checked against.
//! Field names and codes follow `POST /users/{userId}/meetings` in Zoom's spec.

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::validate;
use crate::wit::meeting_types::{
    ApprovalType, AudioType, AutoRecording, CreateMeetingInput, MeetingSettings, MonthlyWeek, Recurrence,
    RecurrenceType, RegistrationType, TrackingField, UpdateMeetingInput, Weekday,
};
use crate::wit::types::MeetingType;

/// The fields create and update share.
struct Common<'a> {
    topic: Option<&'a str>,
    meeting_type: Option<MeetingType>,
    start_time: Option<&'a str>,
    duration: Option<u32>,
    timezone: Option<&'a str>,
    password: Option<&'a str>,
    agenda: Option<&'a str>,
    schedule_for: Option<&'a str>,
    template_id: Option<&'a str>,
    recurrence: Option<&'a Recurrence>,
    settings: Option<&'a MeetingSettings>,
    tracking_fields: Option<&'a [TrackingField]>,
    extra_settings: Option<&'a str>,
}

/// Builds and checks the JSON body of a create; the type defaults to scheduled and the settings
/// carry Zoom's documented defaults.
pub(crate) fn create_body(input: &CreateMeetingInput) -> Result<Value, Error> {
    let common = Common {
        topic: input.topic.as_deref(),
        meeting_type: Some(input.meeting_type.unwrap_or(MeetingType::Scheduled)),
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        timezone: input.timezone.as_deref(),
        password: input.password.as_deref(),
        agenda: input.agenda.as_deref(),
        schedule_for: input.schedule_for.as_deref(),
        template_id: input.template_id.as_deref(),
        recurrence: input.recurrence.as_ref(),
        settings: input.settings.as_ref(),
        tracking_fields: input.tracking_fields.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
    };
    let mut body = common_body(&common, true)?;
    put(&mut body, "default_password", input.default_password);
    put(&mut body, "pre_schedule", input.pre_schedule);
    Ok(Value::Object(body))
}

/// Builds and checks the JSON body of an update: only what was given is sent.
pub(crate) fn update_body(input: &UpdateMeetingInput) -> Result<Value, Error> {
    let common = Common {
        topic: input.topic.as_deref(),
        meeting_type: input.meeting_type,
        start_time: input.start_time.as_deref(),
        duration: input.duration,
        timezone: input.timezone.as_deref(),
        password: input.password.as_deref(),
        agenda: input.agenda.as_deref(),
        schedule_for: input.schedule_for.as_deref(),
        template_id: input.template_id.as_deref(),
        recurrence: input.recurrence.as_ref(),
        settings: input.settings.as_ref(),
        tracking_fields: input.tracking_fields.as_deref(),
        extra_settings: input.extra_settings.as_deref(),
    };
    let body = common_body(&common, false)?;
    if body.is_empty() {
        return Err(Error::invalid("input", "names nothing to change"));
    }
    Ok(Value::Object(body))
}

fn common_body(c: &Common, defaults: bool) -> Result<Map<String, Value>, Error> {
    validate::max_chars("topic", c.topic, 200)?;
    validate::max_chars("agenda", c.agenda, 2000)?;
    validate::range("duration", c.duration.map(u64::from), 1, 1440)?;
    validate::date_time("start_time", c.start_time)?;
    check_password(c.password)?;
    if c.meeting_type == Some(MeetingType::PersonalMeetingId) {
        let why = "personal-meeting-id cannot be scheduled; use scheduled with settings.use_pmi";
        return Err(Error::invalid("meeting_type", why));
    }
    let recurring = matches!(c.meeting_type, Some(MeetingType::RecurringFixedTime | MeetingType::RecurringNoFixedTime));
    // On update the type may be unchanged (absent), so recurrence alone is allowed there.
    if c.recurrence.is_some() && c.meeting_type.is_some() && !recurring {
        return Err(Error::invalid("recurrence", "is only allowed for recurring meeting types"));
    }
    if defaults && c.meeting_type == Some(MeetingType::RecurringFixedTime) && c.recurrence.is_none() {
        return Err(Error::invalid("recurrence", "is required for recurring-fixed-time meetings"));
    }
    let mut body = Map::new();
    put(&mut body, "topic", c.topic);
    put(&mut body, "type", c.meeting_type.map(type_number));
    put(&mut body, "start_time", c.start_time);
    put(&mut body, "duration", c.duration);
    put(&mut body, "timezone", c.timezone.filter(|t| !t.trim().is_empty()));
    put(&mut body, "password", c.password);
    put(&mut body, "agenda", c.agenda);
    put(&mut body, "schedule_for", c.schedule_for);
    put(&mut body, "template_id", c.template_id);
    if let Some(r) = c.recurrence {
        body.insert("recurrence".into(), recurrence_body(r)?);
    }
    let mut settings = settings_body(c.settings, defaults);
    if let Some(extra) = c.extra_settings {
        for (k, v) in validate::json_object("extra_settings", extra)? {
            settings.insert(k, v);
        }
    }
    if !settings.is_empty() {
        body.insert("settings".into(), Value::Object(settings));
    }
    if let Some(fields) = c.tracking_fields {
        for (i, f) in fields.iter().enumerate() {
            validate::required(&format!("tracking_fields[{i}].field"), &f.field, 256)?;
        }
        let list: Vec<Value> = fields.iter().map(|f| json!({"field": f.field, "value": f.value})).collect();
        body.insert("tracking_fields".into(), Value::Array(list));
    }
    Ok(body)
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
    let approval = s.and_then(|s| s.approval_type).or(defaults.then_some(ApprovalType::NoRegistration));
    let registration = s.and_then(|s| s.registration_type).or(defaults.then_some(RegistrationType::OnceForAll));
    let audio = s.and_then(|s| s.audio).or(defaults.then_some(AudioType::Both));
    let recording = s.and_then(|s| s.auto_recording).or(defaults.then_some(AutoRecording::None));
    put(
        &mut m,
        "approval_type",
        approval.map(|a| match a {
            ApprovalType::Automatic => 0,
            ApprovalType::Manual => 1,
            ApprovalType::NoRegistration => 2,
        }),
    );
    put(
        &mut m,
        "registration_type",
        registration.map(|r| match r {
            RegistrationType::OnceForAll => 1,
            RegistrationType::EachOccurrence => 2,
            RegistrationType::ChooseOccurrences => 3,
        }),
    );
    put(
        &mut m,
        "audio",
        audio.map(|a| match a {
            AudioType::Both => "both",
            AudioType::Telephony => "telephony",
            AudioType::Voip => "voip",
            AudioType::ThirdParty => "thirdParty",
        }),
    );
    put(
        &mut m,
        "auto_recording",
        recording.map(|r| match r {
            AutoRecording::Local => "local",
            AutoRecording::Cloud => "cloud",
            AutoRecording::None => "none",
        }),
    );
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
