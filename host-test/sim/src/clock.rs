//! ISO-8601 UTC date-times: the simulator parses what clients send, prints what
//! Zoom prints (`2022-03-25T07:29:29Z`) and steps through recurrence calendars.
//! The calendar itself is the `time` crate's, not the component's: a test
//! instrument that shared the connector's date arithmetic would share its bugs.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{Date, Month};

/// The Julian day number of 1970-01-01.
const JULIAN_DAY_OF_EPOCH: i64 = 2_440_588;

pub(crate) fn now_secs() -> i64 {
    now_ms() / 1000
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

pub(crate) fn now_iso() -> String {
    format_utc(now_secs())
}

/// Zoom always answers in whole seconds with a `Z` suffix.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Parses `yyyy-MM-ddTHH:mm:ss` with optional fraction and `Z`/`±HH:MM`.
/// A value without an offset is Zoom's "local time in `timezone`"; the
/// simulator has no tz database, so it reads such values as UTC.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo as u32) as i64 {
        return None;
    }
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "" | "Z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let body = rest[1..].replace(':', "");
            if body.len() != 4 || !body.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let oh: i64 = body[..2].parse().ok()?;
            let om: i64 = body[2..].parse().ok()?;
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Today's date in UTC, as days since 1970-01-01.
pub(crate) fn today() -> i64 {
    now_secs().div_euclid(86_400)
}

/// Strict `yyyy-mm-dd` (the `format: date` query parameters) to days since
/// 1970-01-01.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m as u32) as i64 {
        return None;
    }
    Some(days_from_civil(y, m as u32, d as u32))
}

pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The same day `n` months later, clamped to the month's end (Jan 31 plus
/// one month is Feb 28/29): how "at most one month" windows are measured.
pub(crate) fn add_months(days: i64, n: i64) -> i64 {
    let (y, m, d) = civil_from_days(days);
    let months = (m as i64 - 1) + n;
    let (y, m) = (y + months.div_euclid(12), (months.rem_euclid(12) + 1) as u32);
    days_from_civil(y, m, d.min(days_in_month(y, m)))
}

/// Days since 1970-01-01 of a calendar date. Out-of-range parts saturate
/// (years to ±9999, the month to 1..=12, the day to the month's length):
/// Zoom's dates never come near them, and the simulator must not panic.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let year = y.clamp(-9999, 9999) as i32;
    let month = Month::try_from(m.clamp(1, 12) as u8).unwrap_or(Month::January);
    let day = d.clamp(1, days_in_month(year.into(), month as u32)) as u8;
    let date = Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN);
    i64::from(date.to_julian_day()) - JULIAN_DAY_OF_EPOCH
}

/// The calendar date of a day count since 1970-01-01, saturating like
/// [`days_from_civil`].
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let jd = (z + JULIAN_DAY_OF_EPOCH).clamp(Date::MIN.to_julian_day().into(), Date::MAX.to_julian_day().into());
    let date = Date::from_julian_day(jd as i32).unwrap_or(Date::MIN);
    (date.year().into(), date.month() as u32, date.day().into())
}

pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    let month = Month::try_from(m.clamp(1, 12) as u8).unwrap_or(Month::January);
    month.length(y.clamp(-9999, 9999) as i32).into()
}

/// Zoom numbers weekdays 1 = Sunday .. 7 = Saturday (`weekly_days`).
pub(crate) fn zoom_weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (Zoom 5).
    ((days + 4).rem_euclid(7) + 1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let t = parse_datetime("2022-03-25T07:29:29Z").unwrap();
        assert_eq!(t, 1_648_193_369);
        assert_eq!(format_utc(t), "2022-03-25T07:29:29Z");
    }

    #[test]
    fn parse_honours_offsets_fractions_and_local_form() {
        let utc = parse_datetime("2024-02-29T12:00:00Z").unwrap();
        assert_eq!(parse_datetime("2024-02-29T14:00:00+02:00"), Some(utc));
        assert_eq!(parse_datetime("2024-02-29T12:00:00.250Z"), Some(utc));
        assert_eq!(parse_datetime("2024-02-29T12:00:00"), Some(utc));
    }

    #[test]
    fn parse_rejects_impossible_dates() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01 00:00:00Z",
            "2023-01-01T24:00:00Z",
            "tomorrow",
            "2023-01-01T00:00:00+2",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_parse_strictly_and_months_clamp() {
        let jan31 = parse_date("2024-01-31").unwrap();
        assert_eq!(format_date(jan31), "2024-01-31");
        assert_eq!(format_date(add_months(jan31, 1)), "2024-02-29");
        assert_eq!(format_date(add_months(parse_date("2024-11-15").unwrap(), 2)), "2025-01-15");
        assert_eq!(format_date(add_months(parse_date("2024-03-31").unwrap(), -6)), "2023-09-30");
        for bad in ["2024-02-30", "2024-1-01", "20240101", "2024-01-01T00:00:00Z", "yyyy-mm-dd"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_calendar_agrees_with_known_dates_and_saturates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_from_civil(2023, 2, 31), days_from_civil(2023, 2, 28));
        assert_eq!(civil_from_days(i64::MAX / 2), (9999, 12, 31));
        assert_eq!(civil_from_days(i64::MIN / 2).0, -9999);
    }

    #[test]
    fn weekday_numbering_matches_zoom() {
        // 2024-06-02 was a Sunday.
        assert_eq!(zoom_weekday(days_from_civil(2024, 6, 2)), 1);
        assert_eq!(zoom_weekday(days_from_civil(2024, 6, 8)), 7);
    }
}
