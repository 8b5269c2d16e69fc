//! Typed query parameters shared by the list routes. A malformed value is a
//! 400/300 validation failure naming the parameter, like a body field.

use super::server::{Request, Response};
use super::{clock, errors};

/// `true`/`false`; anything else is invalid.
pub(crate) fn boolean(req: &Request, name: &str) -> Result<Option<bool>, Response> {
    match req.param(name) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(errors::invalid_field(name)),
    }
}

/// A `format: date` parameter (`yyyy-mm-dd`) as days since 1970-01-01.
pub(crate) fn date(req: &Request, name: &str) -> Result<Option<i64>, Response> {
    match req.param(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => clock::parse_date(v).map(Some).ok_or_else(|| errors::invalid_field(name)),
    }
}

/// A `format: date-time` parameter as epoch seconds.
pub(crate) fn datetime(req: &Request, name: &str) -> Result<Option<i64>, Response> {
    match req.param(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => clock::parse_datetime(v).map(Some).ok_or_else(|| errors::invalid_field(name)),
    }
}

/// Longest `from..to` span the recording lists accept: their documented
/// maximum is "a month", read as the longest month so that a 30-day window
/// is valid whatever today's date.
pub(crate) const MONTH_DAYS: i64 = 31;

/// `from..=to` must be ordered and at most [`MONTH_DAYS`] apart.
pub(crate) fn month_window(from: i64, to: i64) -> Result<(), Response> {
    if to < from {
        return Err(errors::zoom(400, 300, "The `to` date can't be earlier than the `from` date."));
    }
    if to - from > MONTH_DAYS {
        return Err(errors::zoom(400, 300, "The date range can't exceed one month."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::parse_query;

    fn req(q: &str) -> Request {
        Request { method: "GET".into(), path: "/".into(), query: parse_query(q), headers: vec![], body: vec![] }
    }

    #[test]
    fn typed_params() {
        assert_eq!(boolean(&req("x=true"), "x").ok(), Some(Some(true)));
        assert!(boolean(&req("x=1"), "x").is_err());
        assert_eq!(date(&req(""), "from").ok(), Some(None));
        assert!(date(&req("from=2024-13-01"), "from").is_err());
        assert!(datetime(&req("from=2024-01-01"), "from").is_err());
        let d = |s| clock::parse_date(s).unwrap();
        assert!(month_window(d("2024-01-01"), d("2024-02-01")).is_ok());
        assert!(month_window(d("2024-02-01"), d("2024-03-01")).is_ok());
        assert!(month_window(d("2024-01-01"), d("2024-02-02")).is_err());
        assert!(month_window(d("2024-02-02"), d("2024-02-01")).is_err());
    }
}
