//! Input rules checked before any request, each failing with the field's name.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::time::{is_clock, is_date};

/// At most `max` characters (Zoom counts characters, not bytes).
pub(crate) fn max_chars(field: &str, value: Option<&str>, max: usize) -> Result<(), Error> {
    match value {
        Some(v) if v.chars().count() > max => Err(Error::invalid(field, format!("must be at most {max} characters"))),
        _ => Ok(()),
    }
}

/// Present and not blank, at most `max` characters.
pub(crate) fn required(field: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    max_chars(field, Some(value), max)
}

/// Within `min..=max`.
pub(crate) fn range(field: &str, value: Option<u64>, min: u64, max: u64) -> Result<(), Error> {
    match value {
        Some(v) if v < min || v > max => Err(Error::invalid(field, format!("must be between {min} and {max}"))),
        _ => Ok(()),
    }
}

/// A plausible email address: one `@`, a dot in the domain, no spaces, at most 128 characters.
pub(crate) fn email(field: &str, value: &str) -> Result<(), Error> {
    required(field, value, 128)?;
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be an email address"))
    }
}

/// `yyyy-MM-ddTHH:mm:ss` with an optional `Z` or offset, as Zoom's date-time fields take.
pub(crate) fn date_time(field: &str, value: Option<&str>) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    let bad = || Error::invalid(field, "must be a date-time like 2026-05-01T15:00:00Z");
    if v.len() < 19 || !v.is_char_boundary(10) || !v.is_char_boundary(19) {
        return Err(bad());
    }
    let (date, rest) = v.split_at(10);
    let (time, zone) = rest.split_at(9);
    if !is_date(date) || !time.starts_with('T') || !is_clock(&time[1..]) {
        return Err(bad());
    }
    let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && is_clock(&format!("{}:00", &zone[1..])));
    if zone_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// A date-time that names its offset (`Z` or `±hh:mm`), as Zoom's query parameters require.
pub(crate) fn date_time_utc(field: &str, value: Option<&str>) -> Result<(), Error> {
    date_time(field, value)?;
    match value {
        Some(v) if v.len() == 19 || v.ends_with(|c: char| c.is_ascii_digit()) && !v[19..].contains(['+', '-']) => {
            Err(Error::invalid(field, "must end with Z or an offset like +02:00"))
        }
        _ => Ok(()),
    }
}

/// `yyyy-MM-dd`.
pub(crate) fn date(field: &str, value: Option<&str>) -> Result<(), Error> {
    match value {
        Some(v) if !is_date(v) => Err(Error::invalid(field, "must be a date like 2026-05-01")),
        _ => Ok(()),
    }
}

/// A JSON object given as text.
pub(crate) fn json_object(field: &str, value: &str) -> Result<Map<String, Value>, Error> {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::invalid(field, "must be a JSON object")),
        Err(e) => Err(Error::invalid(field, format!("is not valid JSON: {e}"))),
    }
}

/// Zoom meeting and webinar ids are positive and fit in int64.
pub(crate) fn check_meeting_id(field: &str, id: u64) -> Result<(), Error> {
    if id == 0 || id > i64::MAX as u64 {
        let kind = if field.starts_with("webinar") { "webinar" } else { "meeting" };
        return Err(Error::invalid(field, format!("must be the numeric {kind} id (a positive 64-bit integer)")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_in_zoom_forms_pass_and_others_name_the_field() {
        for ok in ["2026-05-01T15:00:00Z", "2026-05-01T15:00:00", "2026-05-01T15:00:00.123+02:00"] {
            assert!(date_time("start_time", Some(ok)).is_ok(), "{ok}");
        }
        for bad in [
            "tomorrow",
            "2026-13-01T00:00:00Z",
            "2026-05-01 15:00:00",
            "2026-05-01T25:00:00Z",
            "2026-05-01T15:00:00Zjunk",
            "ééééééééééééééééééééé",
        ] {
            assert!(
                matches!(date_time("start_time", Some(bad)), Err(Error::InvalidInput { field, .. }) if field == "start_time"),
                "{bad}"
            );
        }
    }

    #[test]
    fn emails() {
        assert!(email("email", "ada@example.com").is_ok());
        for bad in ["", "ada", "ada@", "@x.com", "a b@x.com", "a@b@c.com", "a@x."] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths_count_characters() {
        assert!(max_chars("password", Some("ééééééééé"), 10).is_ok());
        assert!(max_chars("password", Some("12345678901"), 10).is_err());
    }

    #[test]
    fn json_object_rejects_arrays_and_garbage() {
        assert!(json_object("extra_settings", r#"{"a":1}"#).is_ok());
        assert!(json_object("extra_settings", "[1]").is_err());
        assert!(json_object("extra_settings", "{").is_err());
    }
}
