//! What create and update share between meetings and webinars: topic, time and passcode checks,
//! recurrence, the four registration/audio/recording settings with their documented defaults,
//! tracking fields and `extra_settings`. Field names follow `POST /users/{userId}/meetings` and
//! `POST /users/{userId}/webinars` in Zoom's spec, which agree on all of these.

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::validate;
use crate::wit::meeting_types::{
    ApprovalType, AudioType, AutoRecording, MonthlyWeek, Recurrence, RecurrenceType, RegistrationType, TrackingField,
    Weekday,
};

/// Where meetings and webinars differ in what the shared fields accept.
pub(crate) struct Limits {
    /// `topic`'s cap; Zoom's webinar schema documents none.
    pub(crate) topic: Option<usize>,
    /// `agenda`'s cap; Zoom's webinar schema documents none.
    pub(crate) agenda: Option<usize>,
    /// `duration`'s cap in minutes.
    pub(crate) duration: u64,
    /// Characters a passcode may hold besides letters and digits.
    pub(crate) password_symbols: &'static str,
}

/// The fields create and update share. `type_code` is Zoom's number; `recurring` says whether
/// that type repeats, and is `None` when no type was given (an update keeping the type).
pub(crate) struct Schedule<'a> {
    pub(crate) type_field: &'static str,
    pub(crate) type_code: Option<u32>,
    pub(crate) recurring: Option<bool>,
    /// The recurring type with a fixed time, which cannot be created without a recurrence.
    pub(crate) fixed_time_recurring: bool,
    pub(crate) topic: Option<&'a str>,
    pub(crate) start_time: Option<&'a str>,
    pub(crate) duration: Option<u32>,
    pub(crate) timezone: Option<&'a str>,
    pub(crate) password: Option<&'a str>,
    pub(crate) agenda: Option<&'a str>,
    pub(crate) schedule_for: Option<&'a str>,
    pub(crate) template_id: Option<&'a str>,
    pub(crate) recurrence: Option<&'a Recurrence>,
    pub(crate) tracking_fields: Option<&'a [TrackingField]>,
    pub(crate) extra_settings: Option<&'a str>,
}

impl Schedule<'static> {
    /// A schedule with only the type filled in, for the other fields to be set over.
    pub(crate) fn typed(
        type_field: &'static str,
        type_code: Option<u32>,
        recurring: Option<bool>,
        fixed_time_recurring: bool,
    ) -> Self {
        Schedule {
            type_field,
            type_code,
            recurring,
            fixed_time_recurring,
            topic: None,
            start_time: None,
            duration: None,
            timezone: None,
            password: None,
            agenda: None,
            schedule_for: None,
            template_id: None,
            recurrence: None,
            tracking_fields: None,
            extra_settings: None,
        }
    }
}

/// The registration, audio and recording settings. A create fills in Zoom's documented defaults
/// for whichever is absent; an update sends only what was given.
pub(crate) struct Registration {
    pub(crate) approval: Option<ApprovalType>,
    pub(crate) registration: Option<RegistrationType>,
    pub(crate) audio: Option<AudioType>,
    pub(crate) recording: Option<AutoRecording>,
}

/// Checks the shared fields and builds the body; `settings` holds the kind's own settings and is
/// completed with `extra_settings`. `defaults` is true for a create.
pub(crate) fn body(
    s: &Schedule,
    limits: &Limits,
    mut settings: Map<String, Value>,
    defaults: bool,
) -> Result<Map<String, Value>, Error> {
    if let Some(max) = limits.topic {
        validate::max_chars("topic", s.topic, max)?;
    }
    if let Some(max) = limits.agenda {
        validate::max_chars("agenda", s.agenda, max)?;
    }
    validate::range("duration", s.duration.map(u64::from), 1, limits.duration)?;
    validate::date_time("start_time", s.start_time)?;
    check_password(s.password, limits.password_symbols)?;
    // On update the type may be unchanged (absent), so recurrence alone is allowed there.
    if s.recurrence.is_some() && s.recurring == Some(false) {
        return Err(Error::invalid("recurrence", format!("is only allowed for recurring {} values", s.type_field)));
    }
    if defaults && s.fixed_time_recurring && s.recurrence.is_none() {
        return Err(Error::invalid("recurrence", "is required for the recurring-fixed-time type"));
    }
    let mut body = Map::new();
    put(&mut body, "topic", s.topic);
    put(&mut body, "type", s.type_code);
    put(&mut body, "start_time", s.start_time);
    put(&mut body, "duration", s.duration);
    put(&mut body, "timezone", s.timezone.filter(|t| !t.trim().is_empty()));
    put(&mut body, "password", s.password);
    put(&mut body, "agenda", s.agenda);
    put(&mut body, "schedule_for", s.schedule_for);
    put(&mut body, "template_id", s.template_id);
    if let Some(r) = s.recurrence {
        body.insert("recurrence".into(), recurrence_body(r)?);
    }
    if let Some(extra) = s.extra_settings {
        for (k, v) in validate::json_object("extra_settings", extra)? {
            settings.insert(k, v);
        }
    }
    if !settings.is_empty() {
        body.insert("settings".into(), Value::Object(settings));
    }
    if let Some(fields) = s.tracking_fields {
        for (i, f) in fields.iter().enumerate() {
            validate::required(&format!("tracking_fields[{i}].field"), &f.field, 256)?;
        }
        let list: Vec<Value> = fields.iter().map(|f| json!({"field": f.field, "value": f.value})).collect();
        body.insert("tracking_fields".into(), Value::Array(list));
    }
    Ok(body)
}

/// Adds the four registration/audio/recording settings, with Zoom's defaults on a create.
pub(crate) fn registration_settings(m: &mut Map<String, Value>, r: &Registration, defaults: bool) {
    let approval = r.approval.or(defaults.then_some(ApprovalType::NoRegistration));
    let registration = r.registration.or(defaults.then_some(RegistrationType::OnceForAll));
    let audio = r.audio.or(defaults.then_some(AudioType::Both));
    let recording = r.recording.or(defaults.then_some(AutoRecording::None));
    put(
        m,
        "approval_type",
        approval.map(|a| match a {
            ApprovalType::Automatic => 0,
            ApprovalType::Manual => 1,
            ApprovalType::NoRegistration => 2,
        }),
    );
    put(
        m,
        "registration_type",
        registration.map(|r| match r {
            RegistrationType::OnceForAll => 1,
            RegistrationType::EachOccurrence => 2,
            RegistrationType::ChooseOccurrences => 3,
        }),
    );
    put(
        m,
        "audio",
        audio.map(|a| match a {
            AudioType::Both => "both",
            AudioType::Telephony => "telephony",
            AudioType::Voip => "voip",
            AudioType::ThirdParty => "thirdParty",
        }),
    );
    put(
        m,
        "auto_recording",
        recording.map(|r| match r {
            AutoRecording::Local => "local",
            AutoRecording::Cloud => "cloud",
            AutoRecording::None => "none",
        }),
    );
}

fn check_password(password: Option<&str>, symbols: &str) -> Result<(), Error> {
    let Some(p) = password else { return Ok(()) };
    validate::max_chars("password", Some(p), 10)?;
    if !p.chars().all(|c| c.is_ascii_alphanumeric() || symbols.contains(c)) {
        let listed: Vec<String> = symbols.chars().map(String::from).collect();
        return Err(Error::invalid("password", format!("may only contain letters, digits and {}", listed.join(" "))));
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

/// Inserts `value` under `key` when there is one.
pub(crate) fn put<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        m.insert(key.to_owned(), v.into());
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
