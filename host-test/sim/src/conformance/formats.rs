//! What digits, dates, date-times and emails must look like.

pub(super) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn is_signed_digits(s: &str) -> bool {
    is_digits(s.strip_prefix('-').unwrap_or(s))
}

pub(super) fn fits_format(digits: &str, format: Option<&str>) -> bool {
    match format {
        Some("int32") => digits.parse::<i32>().is_ok(),
        Some("int64") => digits.parse::<i64>().is_ok(),
        _ => true,
    }
}

fn two_digits(s: &str, lo: u32, hi: u32) -> bool {
    s.len() == 2 && is_digits(s) && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

/// `yyyy-mm-dd` with a plausible month and day.
pub(super) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && is_digits(&s[..4])
        && two_digits(&s[5..7], 1, 12)
        && two_digits(&s[8..10], 1, 31)
}

/// `yyyy-mm-ddThh:mm:ss[.fff][Z|±hh:mm|±hhmm]`; the offset is optional unless `offset_required`.
pub(super) fn is_date_time(s: &str, offset_required: bool) -> bool {
    if !s.is_ascii() || s.len() < 19 || !is_date(&s[..10]) || s.as_bytes()[10] != b'T' {
        return false;
    }
    let time = &s[11..19];
    let tb = time.as_bytes();
    if tb[2] != b':'
        || tb[5] != b':'
        || !two_digits(&time[..2], 0, 23)
        || !two_digits(&time[3..5], 0, 59)
        || !two_digits(&time[6..8], 0, 60)
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        "" => !offset_required,
        "Z" => true,
        _ => {
            let Some(off) = rest.strip_prefix(['+', '-']) else { return false };
            let (h, m) = match off.len() {
                5 if off.as_bytes()[2] == b':' => (&off[..2], &off[3..]),
                4 => (&off[..2], &off[2..]),
                _ => return false,
            };
            two_digits(h, 0, 23) && two_digits(m, 0, 59)
        }
    }
}

/// Loose: something@something, no whitespace.
pub(super) fn is_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}
