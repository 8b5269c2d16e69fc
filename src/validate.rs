//! Input rules checked before any request, each failing with the field's name.

use serde_json::{Map, Value};

use crate::error::Error;

/// At most `max` characters (Zoom counts characters, not bytes).
pub fn max_chars(field: &str, value: Option<&str>, max: usize) -> Result<(), Error> {
    match value {
        Some(v) if v.chars().count() > max => Err(Error::invalid(field, format!("must be at most {max} characters"))),
        _ => Ok(()),
    }
}

/// Present and not blank, at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    max_chars(field, Some(value), max)
}

/// Within `min..=max`.
pub fn range(field: &str, value: Option<u64>, min: u64, max: u64) -> Result<(), Error> {
    match value {
        Some(v) if v < min || v > max => Err(Error::invalid(field, format!("must be between {min} and {max}"))),
        _ => Ok(()),
    }
}

/// A plausible email address: one `@`, a dot in the domain, no spaces, at most 128 characters.
pub fn email(field: &str, value: &str) -> Result<(), Error> {
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
pub fn date_time(field: &str, value: Option<&str>) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    let bad = || Error::invalid(field, "must be a date-time like 2026-05-01T15:00:00Z");
    if v.len() < 19 || !v.is_char_boundary(10) || !v.is_char_boundary(19) {
        return Err(bad());
    }
    let (date, rest) = v.split_at(10);
    let (time, zone) = rest.split_at(9);
    if !is_date(date) || !time.starts_with('T') || !is_time(&time[1..]) {
        return Err(bad());
    }
    let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && is_time(&format!("{}:00", &zone[1..])));
    if zone_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// A date-time that names its offset (`Z` or `±hh:mm`), as Zoom's query parameters require.
pub fn date_time_utc(field: &str, value: Option<&str>) -> Result<(), Error> {
    date_time(field, value)?;
    match value {
        Some(v) if v.len() == 19 || v.ends_with(|c: char| c.is_ascii_digit()) && !v[19..].contains(['+', '-']) => {
            Err(Error::invalid(field, "must end with Z or an offset like +02:00"))
        }
        _ => Ok(()),
    }
}

/// `yyyy-MM-dd`.
pub fn date(field: &str, value: Option<&str>) -> Result<(), Error> {
    match value {
        Some(v) if !is_date(v) => Err(Error::invalid(field, "must be a date like 2026-05-01")),
        _ => Ok(()),
    }
}

/// A JSON object given as text.
pub fn json_object(field: &str, value: &str) -> Result<Map<String, Value>, Error> {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::invalid(field, "must be a JSON object")),
        Err(e) => Err(Error::invalid(field, format!("is not valid JSON: {e}"))),
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    match (digits(y, 4), digits(m, 2), digits(d, 2)) {
        (Some(y), Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m),
        _ => false,
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let [h, m, sec] = parts[..] else { return false };
    match (digits(h, 2), digits(m, 2), digits(sec, 2)) {
        (Some(h), Some(m), Some(s)) => h < 24 && m < 60 && s < 61,
        _ => false,
    }
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

/// Days since 1970-01-01 of a `yyyy-MM-dd` date (proleptic Gregorian), for range rules.
pub fn epoch_days(date: &str) -> Option<i64> {
    if !is_date(date) {
        return None;
    }
    let y: i64 = date[0..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..10].parse().ok()?;
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Unix seconds of a UTC `yyyy-MM-ddTHH:mm:ss[.fff]Z` time, as Zoom writes them.
pub fn unix_seconds(time: &str) -> Option<u64> {
    let t = time.trim();
    let days = epoch_days(t.get(0..10)?)?;
    let rest = t.get(10..)?;
    let clock = rest.strip_prefix('T')?.strip_suffix('Z')?;
    let clock =
        clock.split_once('.').map_or(
            clock,
            |(whole, fraction)| {
                if fraction.bytes().all(|b| b.is_ascii_digit()) {
                    whole
                } else {
                    ""
                }
            },
        );
    let parts: Vec<u64> = clock.split(':').map(|p| p.parse().ok().filter(|_| p.len() == 2)).collect::<Option<_>>()?;
    match parts[..] {
        [h, m, s] if h < 24 && m < 60 && s < 61 => u64::try_from(days).ok().map(|d| d * 86_400 + h * 3600 + m * 60 + s),
        _ => None,
    }
}

/// `yyyy-MM-ddTHH:mm:ssZ` of Unix seconds (Howard Hinnant's civil_from_days).
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod day_tests {
    use super::epoch_days;

    #[test]
    fn epoch_days_matches_known_dates() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2000-03-01"), Some(11_017));
        assert_eq!(epoch_days("2026-11-27"), Some(20_784));
        assert_eq!(epoch_days("2026-02-30x"), None);
    }

    #[test]
    fn format_utc_round_trips_with_epoch_days() {
        assert_eq!(super::format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::format_utc(20_784 * 86_400 + 3_723), "2026-11-27T01:02:03Z");
        assert_eq!(super::format_utc(11_017 * 86_400), "2000-03-01T00:00:00Z");
    }
}
