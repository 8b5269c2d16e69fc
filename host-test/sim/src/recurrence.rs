//! Occurrences of a recurring meeting with a fixed time (type 8). Zoom
//! identifies each occurrence by its start in epoch milliseconds, as a string.

use super::clock::{civil_from_days, days_from_civil, days_in_month, format_utc, zoom_weekday};
use serde_json::{json, Map, Value};

/// When neither `end_times` nor `end_date_time` is given, Zoom schedules 7
/// occurrences (the web portal's default, and what the API does in practice).
pub(crate) const DEFAULT_END_TIMES: i64 = 7;
/// `end_times: 0` means "no end"; Zoom still lists at most 60 occurrences.
const MAX_OCCURRENCES: usize = 60;

pub(crate) fn occurrences(start: i64, duration: i64, rec: &Map<String, Value>) -> Vec<Value> {
    let int = |k: &str| rec.get(k).and_then(Value::as_i64);
    let end = rec.get("end_date_time").and_then(Value::as_str).and_then(super::clock::parse_datetime);
    let count = match (int("end_times"), end) {
        (Some(0), _) => MAX_OCCURRENCES,
        (Some(n), _) => (n as usize).min(MAX_OCCURRENCES),
        (None, Some(_)) => MAX_OCCURRENCES,
        (None, None) => DEFAULT_END_TIMES as usize,
    };
    let interval = int("repeat_interval").unwrap_or(1).max(1);
    let day0 = start.div_euclid(86_400);
    let tod = start.rem_euclid(86_400);
    let mut starts: Vec<i64> = Vec::new();
    let within = |t: i64| end.is_none_or(|e| t <= e);
    // Enough calendar to satisfy 60 occurrences at the widest intervals.
    match int("type").unwrap_or(1) {
        2 => {
            let days: Vec<u32> = rec
                .get("weekly_days")
                .and_then(Value::as_str)
                .unwrap_or("1")
                .split(',')
                .filter_map(|d| d.trim().parse().ok())
                .collect();
            let week0 = day0 - (zoom_weekday(day0) as i64 - 1);
            for d in day0..day0 + 7 * interval * MAX_OCCURRENCES as i64 + 7 {
                let week = (d - week0) / 7;
                if week % interval == 0 && days.contains(&zoom_weekday(d)) {
                    starts.push(d * 86_400 + tod);
                }
                if starts.len() >= count {
                    break;
                }
            }
        }
        3 => {
            let (y0, m0, _) = civil_from_days(day0);
            for k in 0..(MAX_OCCURRENCES as i64 * 2) {
                let months = (m0 as i64 - 1) + k * interval;
                let (y, m) = (y0 + months.div_euclid(12), (months.rem_euclid(12) + 1) as u32);
                let day = match (int("monthly_week"), int("monthly_week_day")) {
                    (Some(w), Some(wd)) => nth_weekday(y, m, w, wd as u32),
                    _ => days_from_civil(y, m, (int("monthly_day").unwrap_or(1) as u32).min(days_in_month(y, m))),
                };
                let t = day * 86_400 + tod;
                if t >= start {
                    starts.push(t);
                }
                if starts.len() >= count {
                    break;
                }
            }
        }
        _ => starts.extend((0..count as i64).map(|i| start + i * interval * 86_400)),
    }
    starts
        .into_iter()
        .filter(|t| within(*t))
        .take(count)
        .map(|t| {
            json!({
                "occurrence_id": (t * 1000).to_string(),
                "start_time": format_utc(t),
                "duration": duration,
                "status": "available",
            })
        })
        .collect()
}

/// Day number of the `week`-th (`-1` = last) `weekday` (1 = Sunday) of a month.
fn nth_weekday(y: i64, m: u32, week: i64, weekday: u32) -> i64 {
    if week == -1 {
        let last = days_from_civil(y, m, days_in_month(y, m));
        let back = (zoom_weekday(last) as i64 - weekday as i64).rem_euclid(7);
        last - back
    } else {
        let first = days_from_civil(y, m, 1);
        let fwd = (weekday as i64 - zoom_weekday(first) as i64).rem_euclid(7);
        first + fwd + 7 * (week - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_datetime;

    fn rec(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn starts(occ: &[Value]) -> Vec<&str> {
        occ.iter().map(|o| o["start_time"].as_str().unwrap()).collect()
    }

    #[test]
    fn daily_defaults_to_seven_with_ms_ids() {
        let t = parse_datetime("2030-01-01T10:00:00Z").unwrap();
        let occ = occurrences(t, 30, &rec(json!({"type": 1})));
        assert_eq!(occ.len(), 7);
        assert_eq!(occ[0]["occurrence_id"], (t * 1000).to_string());
        assert_eq!(occ[6]["start_time"], "2030-01-07T10:00:00Z");
        assert_eq!(occ[0]["status"], "available");
    }

    #[test]
    fn weekly_on_listed_days_with_interval() {
        // 2030-01-01 is a Tuesday (Zoom 3).
        let t = parse_datetime("2030-01-01T09:00:00Z").unwrap();
        let occ =
            occurrences(t, 60, &rec(json!({"type": 2, "weekly_days": "3,5", "repeat_interval": 2, "end_times": 4})));
        assert_eq!(
            starts(&occ),
            ["2030-01-01T09:00:00Z", "2030-01-03T09:00:00Z", "2030-01-15T09:00:00Z", "2030-01-17T09:00:00Z"]
        );
    }

    #[test]
    fn monthly_by_day_and_by_last_weekday() {
        let t = parse_datetime("2030-01-31T09:00:00Z").unwrap();
        let occ = occurrences(t, 60, &rec(json!({"type": 3, "monthly_day": 31, "end_times": 3})));
        assert_eq!(starts(&occ), ["2030-01-31T09:00:00Z", "2030-02-28T09:00:00Z", "2030-03-31T09:00:00Z"]);
        // Last Friday (6) of each month.
        let occ =
            occurrences(t, 60, &rec(json!({"type": 3, "monthly_week": -1, "monthly_week_day": 6, "end_times": 2})));
        assert_eq!(starts(&occ), ["2030-02-22T09:00:00Z", "2030-03-29T09:00:00Z"]);
    }

    #[test]
    fn end_date_time_bounds_the_series() {
        let t = parse_datetime("2030-01-01T10:00:00Z").unwrap();
        let occ = occurrences(t, 30, &rec(json!({"type": 1, "end_date_time": "2030-01-03T23:59:00Z"})));
        assert_eq!(occ.len(), 3);
    }
}
