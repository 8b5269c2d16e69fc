//! Civil dates and the timestamp forms Zoom uses. Every calendar computation lives here once:
//! days since the epoch to and from year-month-day (Howard Hinnant's `days_from_civil` and
//! `civil_from_days`, proleptic Gregorian), and the readers and writers built on them.

const DAY: u64 = 86_400;

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Year, month and day of a `yyyy-MM-dd` date that exists in the calendar.
fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    let (y, m, d) = (digits(y, 4)?, digits(m, 2)?, digits(d, 2)?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `s` is a `yyyy-MM-dd` date that exists.
pub(crate) fn is_date(s: &str) -> bool {
    ymd(s).is_some()
}

/// Whether `s` is `HH:mm:ss` (a leap second allowed).
pub(crate) fn is_clock(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let [h, m, sec] = parts[..] else { return false };
    match (digits(h, 2), digits(m, 2), digits(sec, 2)) {
        (Some(h), Some(m), Some(s)) => h < 24 && m < 60 && s < 61,
        _ => false,
    }
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a `yyyy-MM-dd` date, for range rules.
pub(crate) fn epoch_days(date: &str) -> Option<i64> {
    let (y, m, d) = ymd(date)?;
    Some(days_from_civil(y.into(), m.into(), d.into()))
}

/// `yyyy-MM-dd` of a day number; days before 1970 read as 1970-01-01.
pub(crate) fn date_of(days: i64) -> String {
    let (y, m, d) = civil_from_days(days.max(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `yyyy-MM-ddTHH:mm:ssZ` of Unix seconds.
pub(crate) fn format_utc(secs: u64) -> String {
    let rem = secs % DAY;
    format!("{}T{:02}:{:02}:{:02}Z", date_of((secs / DAY) as i64), rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Unix seconds of a UTC `yyyy-MM-ddTHH:mm:ss[.fff]Z` time, as Zoom writes them.
pub(crate) fn unix_seconds(time: &str) -> Option<u64> {
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
        [h, m, s] if h < 24 && m < 60 && s < 61 => u64::try_from(days).ok().map(|d| d * DAY + h * 3600 + m * 60 + s),
        _ => None,
    }
}

/// Seconds since 1970 of `yyyy-MM-ddTHH:mm:ss...`, whatever follows the seconds; `None` when it
/// is not one. More lenient than [`unix_seconds`]: it reads the dates users' records carry.
pub(crate) fn epoch_seconds(s: &str) -> Option<i64> {
    let days = epoch_days(s.get(..10)?)?;
    let time = s.get(11..19)?;
    let n = |r: std::ops::Range<usize>| time.get(r)?.parse::<i64>().ok();
    Some(days * DAY as i64 + n(0..2)? * 3600 + n(3..5)? * 60 + n(6..8)?)
}

/// Unix seconds of an ISO-8601 UTC date-time (`2026-11-28T00:00:00Z`) or an HTTP-date
/// (`Sat, 28 Nov 2026 00:00:00 GMT`), the two forms Zoom's `Retry-After` takes.
pub(crate) fn header_date(v: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let iso = v.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let (date, time) = if iso {
        let (d, t) = v.split_once('T')?;
        (d.to_owned(), t.trim_end_matches('Z').get(..8)?.to_owned())
    } else {
        let parts: Vec<&str> = v.split_whitespace().collect();
        let [_, day, month, year, time, _] = parts[..] else { return None };
        let m = MONTHS.iter().position(|m| *m == month)? + 1;
        (format!("{year}-{m:02}-{:0>2}", day), time.to_owned())
    };
    let days = epoch_days(&date)?;
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms[..] else { return None };
    let secs = days.checked_mul(DAY as i64)? + (h * 3600 + m * 60 + s) as i64;
    u64::try_from(secs).ok()
}

/// The next 00:00 UTC after `now`, when Zoom's daily and per-host caps reset.
pub(crate) fn next_midnight_utc(now: u64) -> u64 {
    (now / DAY + 1) * DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_matches_known_dates() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2000-03-01"), Some(11_017));
        assert_eq!(epoch_days("2026-11-27"), Some(20_784));
        assert_eq!(epoch_days("2026-02-30x"), None);
    }

    #[test]
    fn format_utc_round_trips_with_epoch_days() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(20_784 * 86_400 + 3_723), "2026-11-27T01:02:03Z");
        assert_eq!(format_utc(11_017 * 86_400), "2000-03-01T00:00:00Z");
    }

    #[test]
    fn unix_seconds_reads_zoom_times() {
        const NOW: u64 = 1_800_000_000;
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds(&format_utc(NOW)), Some(NOW));
        assert_eq!(unix_seconds("2024-02-29T23:59:59.123Z"), unix_seconds("2024-02-29T23:59:59Z"));
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01",
            "x",
            "2024-01-01T1:00:00Z",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_parse_and_midnight_is_next_utc_day() {
        assert_eq!(header_date("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(header_date("Thu, 01 Jan 1970 00:01:00 GMT"), Some(60));
        assert_eq!(header_date("soon"), None);
        assert_eq!(header_date("Thu, 01 Foo 1970 00:01:00 GMT"), None);
        assert_eq!(next_midnight_utc(86_400 + 5), 2 * 86_400);
    }
}
