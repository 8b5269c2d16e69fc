//! Usage reports: sign-in/sign-out activity and the account's usage summary.
//! <https://developers.zoom.us/docs/api/accounts/#tag/reports> and the dashboard `/metrics` routes.

use serde_json::Value;

use crate::actions::phone::check_window;
use crate::error::Error;
use crate::http::paging::{self, as_is};
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, number, text};
use crate::time::{date_of, epoch_days};
use crate::wit::report_types::{
    ActivityKind, DailyPart, DailyTotals, DailyUsage, HostUsage, HostsPart, LoginActivityInput, LoginActivityReport,
    LoginEvent, PhonePart, PhoneUsage, RoomsPart, RoomsUsage, StoragePart, StorageSize, StorageUsage, Unavailable,
    UsageSummaryInput, UsageSummaryReport, WebinarPart, WebinarUsage,
};

/// Report and dashboard lists page by at most 300.
pub(crate) const REPORT_MAX_PAGE_SIZE: u32 = 300;
/// `/report/cloud_recording` spans at most 30 days.
const MAX_SUMMARY_DAYS: i64 = 30;

/// Today, as days since 1970-01-01 (UTC).
pub(crate) fn today(client: &Client) -> i64 {
    (client.transport.now_unix() / 86_400) as i64
}

/// Every page of a report list, 300 at a time, read with `parse`.
fn all<T>(
    client: &Client,
    path: &str,
    key: &str,
    query: &[(&str, &str)],
    parse: impl FnMut(&Value) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let fetch = |_, token: Option<&str>| {
        let mut call = Call::new(Method::Get, path);
        for (k, v) in query {
            call = call.query(k, Some(v));
        }
        client.send_json(&call.query("page_size", Some(REPORT_MAX_PAGE_SIZE)).query("next_page_token", token))
    };
    Ok(paging::gather(None, key, REPORT_MAX_PAGE_SIZE, fetch, parse)?.items)
}

/// `GET /report/activities`, every page.
pub(crate) fn login_activity(client: &Client, input: &LoginActivityInput) -> Result<LoginActivityReport, Error> {
    let today = today(client);
    let to = input.to.clone().unwrap_or_else(|| date_of(today));
    check_window(Some(&input.from), Some(&to), today)?;
    let query = [("from", input.from.as_str()), ("to", to.as_str())];
    let events = all(client, "/report/activities", "activity_logs", &query, parse_event)?;
    let sign_ins = events.iter().filter(|e| e.kind == ActivityKind::SignIn).count() as u32;
    Ok(LoginActivityReport { sign_outs: events.len() as u32 - sign_ins, sign_ins, events })
}

pub(crate) fn parse_event(v: &Value) -> Result<LoginEvent, Error> {
    let missing = |k: &str| Error::Unreadable(format!("Zoom's activity record has no `{k}`"));
    let kind = match v.get("type").and_then(Value::as_str) {
        Some("Sign in") => ActivityKind::SignIn,
        Some("Sign out") => ActivityKind::SignOut,
        other => {
            return Err(Error::Unreadable(format!("Zoom's activity type {other:?} is neither Sign in nor Sign out")))
        }
    };
    Ok(LoginEvent {
        email: text(v, "email").ok_or_else(|| missing("email"))?,
        time: text(v, "time").ok_or_else(|| missing("time"))?,
        kind,
        ip_address: text(v, "ip_address"),
        client_type: text(v, "client_type"),
        version: text(v, "version"),
    })
}

/// A missing scope or a plan without the feature makes a part unavailable; anything else
/// fails the whole summary.
pub(crate) fn part<T>(result: Result<T, Error>) -> Result<Result<T, Unavailable>, Error> {
    match result {
        Ok(v) => Ok(Ok(v)),
        Err(Error::MissingScope { scope, message }) => Ok(Err(Unavailable::ScopeMissing(scope.unwrap_or(message)))),
        Err(Error::Forbidden(api)) => Ok(Err(Unavailable::NotOnPlan(api.message))),
        Err(e) => Err(e),
    }
}

/// Checks the summary's window: dates, at most 30 days, within six months, ending before today.
pub(crate) fn summary_window(from: &str, to: &str, today: i64) -> Result<(i64, i64), Error> {
    check_window(Some(from), Some(to), today)?;
    let (f, t) = (epoch_days(from).unwrap_or_default(), epoch_days(to).unwrap_or_default());
    if t - f > MAX_SUMMARY_DAYS {
        return Err(Error::invalid("to", "must be at most 30 days after from"));
    }
    if t >= today {
        return Err(Error::invalid("to", "must be before today: Zoom's usage reports end yesterday"));
    }
    Ok((f, t))
}

/// The usage summary: one call (or walk) per part.
pub(crate) fn usage_summary(client: &Client, input: &UsageSummaryInput) -> Result<UsageSummaryReport, Error> {
    let (from, to) = summary_window(&input.from, &input.to, today(client))?;
    let (f, t) = (date_of(from), date_of(to));
    let daily = match part(daily(client, from, to))? {
        Ok(v) => DailyPart::Available(v),
        Err(u) => DailyPart::NotAvailable(u),
    };
    let storage = match part(storage(client, &f, &t))? {
        Ok(v) => StoragePart::Available(v),
        Err(u) => StoragePart::NotAvailable(u),
    };
    let hosts = match part(hosts(client, &f, &t))? {
        Ok(v) => HostsPart::Available(v),
        Err(u) => HostsPart::NotAvailable(u),
    };
    let webinars = match part(webinars(client, &f, &t))? {
        Ok(v) => WebinarPart::Available(v),
        Err(u) => WebinarPart::NotAvailable(u),
    };
    let rooms = match part(rooms(client))? {
        Ok(v) => RoomsPart::Available(v),
        Err(u) => RoomsPart::NotAvailable(u),
    };
    let phone = match part(phone(client, &f, &t))? {
        Ok(v) => PhonePart::Available(v),
        Err(u) => PhonePart::NotAvailable(u),
    };
    Ok(UsageSummaryReport { from: f, to: t, daily, storage, hosts, webinars, rooms, phone })
}

fn count(v: &Value, key: &str) -> u32 {
    capped_u32(v, key).unwrap_or(0)
}

/// The (year, month) pairs a day range touches, in order.
pub(crate) fn months(from: i64, to: i64) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for day in from..=to {
        let d = date_of(day);
        let ym = (d[..4].parse().unwrap_or(0), d[5..7].parse().unwrap_or(0));
        if out.last() != Some(&ym) {
            out.push(ym);
        }
    }
    out
}

/// `GET /report/daily` for each month the range touches, keeping the range's days.
fn daily(client: &Client, from: i64, to: i64) -> Result<DailyTotals, Error> {
    let (first, last) = (date_of(from), date_of(to));
    let mut days = Vec::new();
    for (year, month) in months(from, to) {
        let call = Call::new(Method::Get, "/report/daily").query("year", Some(year)).query("month", Some(month));
        let body = client.send_json(&call)?;
        let dates = body.get("dates").and_then(Value::as_array);
        // A 200 without the list is not a month without meetings.
        let dates = dates.ok_or_else(|| Error::Unreadable("Zoom's daily report has no `dates` list".to_owned()))?;
        for d in dates {
            let Some(date) = text(d, "date") else { continue };
            if date.as_str() < first.as_str() || date.as_str() > last.as_str() {
                continue;
            }
            days.push(DailyUsage {
                date,
                new_users: count(d, "new_users"),
                meetings: count(d, "meetings"),
                participants: count(d, "participants"),
                meeting_minutes: count(d, "meeting_minutes"),
            });
        }
    }
    Ok(DailyTotals {
        meetings: days.iter().map(|d| d.meetings).sum(),
        participants: days.iter().map(|d| d.participants).sum(),
        meeting_minutes: days.iter().map(|d| d.meeting_minutes).sum(),
        days,
    })
}

/// Zoom words sizes as text (`"1.5 GB"`, `"300 MB"`, `"0"`); this is GB of 2^30 bytes.
pub(crate) fn gigabytes(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let n: f64 = s[..split].parse().ok()?;
    let factor = match s[split..].trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0 / (1u64 << 30) as f64,
        "KB" => 1.0 / (1u64 << 20) as f64,
        "MB" => 1.0 / 1024.0,
        "GB" => 1.0,
        "TB" => 1024.0,
        _ => return None,
    };
    Some(n * factor)
}

/// `GET /report/cloud_recording`: the last reported day's figures.
fn storage(client: &Client, from: &str, to: &str) -> Result<StorageUsage, Error> {
    let call = Call::new(Method::Get, "/report/cloud_recording").query("from", Some(from)).query("to", Some(to));
    let body = client.send_json(&call)?;
    let list = body.get("cloud_recording_storage").and_then(Value::as_array).ok_or_else(|| {
        Error::Unreadable("Zoom's cloud recording report has no `cloud_recording_storage` list".to_owned())
    })?;
    let last = list.iter().max_by(|a, b| text(a, "date").cmp(&text(b, "date")));
    let figure = |k: &str| last.map(|d| storage_size(d, k)).transpose().map(Option::flatten);
    Ok(StorageUsage {
        used_gb: figure("usage")?,
        plan_usage_gb: figure("plan_usage")?,
        free_usage_gb: figure("free_usage")?,
        date: last.and_then(|d| text(d, "date")),
    })
}

/// One storage figure of a report day: a size, `Unlimited`, or `None` when absent or empty.
pub(crate) fn storage_size(day: &Value, key: &str) -> Result<Option<StorageSize>, Error> {
    let Some(s) = text(day, key).filter(|s| !s.trim().is_empty()) else { return Ok(None) };
    if s.trim().eq_ignore_ascii_case("unlimited") {
        return Ok(Some(StorageSize::Unlimited));
    }
    let gb =
        gigabytes(&s).ok_or_else(|| Error::Unreadable(format!("Zoom's storage figure `{key}` {s:?} is not a size")))?;
    Ok(Some(StorageSize::Gb(gb)))
}

/// `GET /report/users` for active and for inactive hosts, every page.
fn hosts(client: &Client, from: &str, to: &str) -> Result<HostUsage, Error> {
    let active = all(client, "/report/users", "users", &[("type", "active"), ("from", from), ("to", to)], as_is)?;
    let inactive = all(client, "/report/users", "users", &[("type", "inactive"), ("from", from), ("to", to)], as_is)?;
    Ok(HostUsage {
        active_hosts: active.len() as u32,
        inactive_hosts: inactive.len() as u32,
        meetings: active.iter().map(|u| count(u, "meetings")).sum(),
        participants: active.iter().map(|u| count(u, "participants")).sum(),
        meeting_minutes: active.iter().map(|u| count(u, "meeting_minutes")).sum(),
        inactive_emails: inactive.iter().filter_map(|u| text(u, "email")).collect(),
    })
}

/// `"55:01"` or `"1:02:03"` (the dashboard's webinar duration) in minutes, rounded down.
pub(crate) fn duration_minutes(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s.split(':').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [m, _s] => Some(*m),
        [h, m, _s] => Some(h * 60 + m),
        [m] => Some(*m),
        _ => None,
    }
}

/// `GET /metrics/webinars?type=past`, every page.
fn webinars(client: &Client, from: &str, to: &str) -> Result<WebinarUsage, Error> {
    let list = all(client, "/metrics/webinars", "webinars", &[("type", "past"), ("from", from), ("to", to)], as_is)?;
    let mut hosts: Vec<String> = list.iter().filter_map(|w| text(w, "email").or_else(|| text(w, "host"))).collect();
    hosts.sort_unstable();
    hosts.dedup();
    let minutes = list.iter().map(|w| text(w, "duration").and_then(|d| duration_minutes(&d)).unwrap_or(0)).sum();
    Ok(WebinarUsage {
        webinars: list.len() as u32,
        hosts: hosts.len() as u32,
        participants: list.iter().map(|w| count(w, "participants")).sum(),
        minutes,
    })
}

/// `GET /metrics/zoomrooms`, every page.
fn rooms(client: &Client) -> Result<RoomsUsage, Error> {
    let list = all(client, "/metrics/zoomrooms", "zoom_rooms", &[], as_is)?;
    let with = |s: &str| list.iter().filter(|r| r.get("status").and_then(Value::as_str) == Some(s)).count() as u32;
    Ok(RoomsUsage { rooms: list.len() as u32, offline: with("Offline"), in_meeting: with("InMeeting") })
}

/// `GET /phone/recordings` in the range, every page.
fn phone(client: &Client, from: &str, to: &str) -> Result<PhoneUsage, Error> {
    let list = all(client, "/phone/recordings", "recordings", &[("from", from), ("to", to)], as_is)?;
    Ok(PhoneUsage {
        recorded_calls: list.len() as u32,
        recorded_seconds: list.iter().filter_map(|r| number(r, "duration")).sum(),
    })
}

#[cfg(test)]
mod tests;
