//! Usage reports and the dashboard lists the usage summary reads (all in
//! `spec/operations.json`): `GET /report/daily`, `/report/cloud_recording`,
//! `/report/users`, `/metrics/webinars`, `/metrics/zoomrooms` and the account's
//! Zoom Phone recordings, `/phone/recordings`. Every figure is computed from
//! what the store holds (users, past meetings, recordings, webinars, rooms).

use super::plans::{gb_text, not_on_plan, recording_bytes_until};
use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors, paging, query};
use serde_json::{json, Value};

/// Day number of an ISO date-time field.
fn day_of(v: &Value, key: &str) -> Option<i64> {
    v[key].as_str().and_then(clock::parse_datetime).map(|t| t.div_euclid(86_400))
}

/// Required `from`/`to` dates, ordered, at most a month apart, within six months.
fn window(req: &Request) -> Result<(i64, i64), Response> {
    let from = query::date(req, "from")?.ok_or_else(|| errors::invalid_field("from"))?;
    let to = query::date(req, "to")?.ok_or_else(|| errors::invalid_field("to"))?;
    query::month_window(from, to)?;
    if from < clock::add_months(clock::today(), -6) {
        return Err(errors::zoom(400, 300, "The date range must fall within the last 6 months."));
    }
    Ok((from, to))
}

/// `GET /report/daily`: `year` and `month` (default: this month), within the
/// last six months. One entry per day of the month up to today.
pub(crate) fn daily(store: &Store, req: &Request) -> Response {
    let (ty, tm, _) = clock::civil_from_days(clock::today());
    let year = match req.param("year").map(str::parse::<i64>) {
        None => ty,
        Some(Ok(y)) => y,
        Some(Err(_)) => return errors::invalid_field("year"),
    };
    let month = match req.param("month").map(str::parse::<u32>) {
        None => tm,
        Some(Ok(m)) if (1..=12).contains(&m) => m,
        Some(_) => return errors::invalid_field("month"),
    };
    let months_back = (ty - year) * 12 + tm as i64 - month as i64;
    if !(0..=6).contains(&months_back) {
        return errors::zoom(
            400,
            300,
            "Daily report can only be provided for a month that falls within the recent 6 months.",
        );
    }
    let first = clock::days_from_civil(year, month, 1);
    let last = (first + clock::days_in_month(year, month) as i64 - 1).min(clock::today());
    let dates: Vec<Value> = (first..=last)
        .map(|d| {
            let held: Vec<&Value> = store.past_meetings.iter().filter(|m| day_of(m, "start_time") == Some(d)).collect();
            json!({
                "date": clock::format_date(d),
                "new_users": store.users.iter().filter(|u| day_of(u, "user_created_at") == Some(d)).count(),
                "meetings": held.len(),
                "participants": held.iter().map(|m| m["participants"].as_array().map_or(0, Vec::len)).sum::<usize>(),
                "meeting_minutes": held.iter().filter_map(|m| m["duration"].as_u64()).sum::<u64>(),
            })
        })
        .collect();
    Response::json(200, &json!({"year": year, "month": month, "dates": dates}))
}

/// `GET /report/cloud_recording`: required `from`/`to`, at most 30 days
/// apart, ending no later than yesterday. Storage per day, as text (sizes, and
/// `Unlimited` free storage as in Zoom's documented example).
pub(crate) fn cloud_recording(store: &Store, req: &Request) -> Response {
    let (from, to) = match window(req) {
        Ok(w) => w,
        Err(r) => return r,
    };
    if to - from > 30 {
        return errors::zoom(400, 300, "The date range can't exceed 30 days.");
    }
    if to >= clock::today() {
        return errors::zoom(400, 300, "The `to` date must be no later than yesterday.");
    }
    let days: Vec<Value> = (from..=to)
        .map(|d| {
            let used = recording_bytes_until(store, d);
            // Zoom's own documented example words the free allowance "Unlimited".
            json!({"date": clock::format_date(d), "usage": gb_text(used), "plan_usage": gb_text(used), "free_usage": "Unlimited"})
        })
        .collect();
    Response::json(
        200,
        &json!({"from": clock::format_date(from), "to": clock::format_date(to), "cloud_recording_storage": days}),
    )
}

/// The `/report/users` row of every active user for a window: hosts with a
/// past meeting in it are active, the rest inactive.
pub(crate) fn host_rows(store: &Store, from: i64, to: i64) -> (Vec<Value>, Vec<Value>) {
    let (mut active, mut inactive) = (Vec::new(), Vec::new());
    for u in store.users.iter().filter(|u| u["status"] == "active") {
        let held: Vec<&Value> = store
            .past_meetings
            .iter()
            .filter(|m| m["host_id"] == u["id"] && day_of(m, "start_time").is_some_and(|d| (from..=to).contains(&d)))
            .collect();
        let row = json!({
            "id": u["id"],
            "email": u["email"],
            "user_name": u["display_name"],
            "type": u["type"],
            "dept": u["dept"],
            "meetings": held.len(),
            "participants": held.iter().map(|m| m["participants"].as_array().map_or(0, Vec::len)).sum::<usize>(),
            "meeting_minutes": held.iter().filter_map(|m| m["duration"].as_u64()).sum::<u64>(),
            "custom_attributes": [],
        });
        if held.is_empty() {
            inactive.push(row);
        } else {
            active.push(row);
        }
    }
    (active, inactive)
}

/// `type` (one of `kinds`, the first by default), `page_size` (at most 300) and the required
/// `from`/`to` window of a report list.
fn typed_window<'r>(req: &'r Request, kinds: &[&'r str]) -> Result<(&'r str, usize, (i64, i64)), Response> {
    let kind = req.param("type").unwrap_or(kinds[0]);
    if !kinds.contains(&kind) {
        return Err(errors::invalid_field("type"));
    }
    Ok((kind, paging::page_size(req, 300)?, window(req)?))
}

/// `GET /report/users`: `type` (active default | inactive), required
/// `from`/`to`, `page_size` (≤300), paging.
pub(crate) fn users(store: &mut Store, req: &Request) -> Response {
    let (kind, page_size, (from, to)) = match typed_window(req, &["active", "inactive"]) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (active, inactive) = host_rows(store, from, to);
    let rows = if kind == "active" { active } else { inactive };
    let sum = |k: &str| rows.iter().filter_map(|r| r[k].as_u64()).sum::<u64>();
    let totals = (sum("meetings"), sum("participants"), sum("meeting_minutes"));
    let mut body = match paging::window_body(store, req, &rows, page_size, "users", (from, to)) {
        Ok(b) => b,
        Err(r) => return r,
    };
    body.insert("page_number".into(), json!(1));
    body.insert("total_meetings".into(), json!(totals.0));
    body.insert("total_participants".into(), json!(totals.1));
    body.insert("total_meeting_minutes".into(), json!(totals.2));
    Response::json(200, &Value::Object(body))
}

/// `GET /metrics/webinars`: `type` (live default | past), required
/// `from`/`to`, `page_size` (≤300), paging. Needs a webinar plan.
pub(crate) fn webinars(store: &mut Store, req: &Request) -> Response {
    let (kind, page_size, (from, to)) = match typed_window(req, &["live", "past"]) {
        Ok(q) => q,
        Err(r) => return r,
    };
    if store.plan.webinar_seats == 0 {
        return not_on_plan("webinars");
    }
    let items: Vec<Value> = store
        .webinar_metrics
        .iter()
        .filter(|w| kind == "past" && day_of(w, "start_time").is_some_and(|d| (from..=to).contains(&d)))
        .cloned()
        .collect();
    match paging::window_body(store, req, &items, page_size, "webinars", (from, to)) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}

/// `GET /metrics/zoomrooms`: `page_size` (≤300), paging. Needs a Zoom Rooms plan.
pub(crate) fn zoom_rooms(store: &mut Store, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    if store.plan.room_seats == 0 {
        return not_on_plan("Zoom Rooms");
    }
    let rooms = store.zoom_rooms.clone();
    paging::respond(store, req, &rooms, page_size, "zoom_rooms")
}

/// `GET /phone/recordings`: the account's call recordings, `from`/`to`
/// (a month, within six months; default the last day), `page_size` (≤300),
/// paging. Needs Zoom Phone.
pub(crate) fn phone_recordings(store: &mut Store, req: &Request) -> Response {
    let page_size = match paging::page_size(req, 300) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (from, to) = match (query::date(req, "from"), query::date(req, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let today = clock::today();
    let (from, to) = (from.unwrap_or(today - 1), to.unwrap_or(today));
    if let Err(r) = query::month_window(from, to) {
        return r;
    }
    if !store.plan.phone {
        return not_on_plan("Zoom Phone");
    }
    let mut items: Vec<Value> = store
        .phone_recordings
        .values()
        .flatten()
        .filter(|r| day_of(r, "date_time").is_some_and(|d| (from..=to).contains(&d)))
        .cloned()
        .collect();
    items.sort_by(|a, b| b["date_time"].as_str().cmp(&a["date_time"].as_str()));
    let mut body = match paging::window_body(store, req, &items, page_size, "recordings", (from, to)) {
        Ok(b) => b,
        Err(r) => return r,
    };
    body.remove("page_count");
    Response::json(200, &Value::Object(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed_account::{self, AccountSeed};
    use crate::server::parse_query;

    fn req(path: &str, q: &str) -> Request {
        Request { method: "GET".into(), path: path.into(), query: parse_query(q), headers: vec![], body: vec![] }
    }

    fn code(r: &Response) -> (u16, Option<i64>) {
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        (r.status, v["code"].as_i64())
    }

    fn seeded() -> Store {
        let mut s = Store::new("http://x".into());
        seed_account::seed(&mut s, &AccountSeed::default());
        s
    }

    #[test]
    fn report_users_is_strict_and_splits_active_from_inactive() {
        let mut s = seeded();
        let today = clock::today();
        let (f, t) = (clock::format_date(today - 20), clock::format_date(today - 1));
        for bad in [
            String::new(),
            format!("from={f}"),
            format!("from={f}&to=2026-02-30"),
            format!("from={f}&to={t}&type=all"),
            format!("from={f}&to={t}&page_size=301"),
            format!("from={}&to={t}", clock::format_date(today - 60)),
            format!("from={}&to={}", clock::format_date(today - 250), clock::format_date(today - 240)),
        ] {
            assert_eq!(code(&users(&mut s, &req("/v2/report/users", &bad))), (400, Some(300)), "{bad}");
        }
        let count = |s: &mut Store, kind: &str| {
            let r = users(s, &req("/v2/report/users", &format!("from={f}&to={t}&type={kind}&page_size=300")));
            let v: Value = serde_json::from_slice(&r.body).unwrap();
            v["total_records"].as_u64().unwrap()
        };
        let active_users = s.users.iter().filter(|u| u["status"] == "active").count() as u64;
        let (a, i) = (count(&mut s, "active"), count(&mut s, "inactive"));
        assert!(a > 0 && i > 0);
        assert_eq!(a + i, active_users);
    }

    #[test]
    fn daily_and_storage_reports_check_their_windows() {
        let mut s = seeded();
        let today = clock::today();
        let (y, m, _) = clock::civil_from_days(today);
        let ok = daily(&s, &req("/v2/report/daily", &format!("year={y}&month={m}")));
        assert_eq!(ok.status, 200);
        for bad in ["month=13", "year=abc", &format!("year={}&month={m}", y - 1)] {
            assert_eq!(daily(&s, &req("/v2/report/daily", bad)).status, 400, "{bad}");
        }
        let f = clock::format_date(today - 10);
        let bad_to = [clock::format_date(today), clock::format_date(today + 3)];
        for t in bad_to {
            let r = cloud_recording(&s, &req("/v2/report/cloud_recording", &format!("from={f}&to={t}")));
            assert_eq!(code(&r), (400, Some(300)), "{t}");
        }
        let r = cloud_recording(
            &s,
            &req("/v2/report/cloud_recording", &format!("from={f}&to={}", clock::format_date(today - 1))),
        );
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["cloud_recording_storage"].as_array().unwrap().len(), 10);
        assert!(v["cloud_recording_storage"][0]["usage"].as_str().unwrap().ends_with(" GB"));
        // Without the plans, the dashboards and Zoom Phone answer Zoom's "no permission".
        s.plan.room_seats = 0;
        s.plan.phone = false;
        assert_eq!(code(&zoom_rooms(&mut s, &req("/v2/metrics/zoomrooms", ""))), (400, Some(200)));
        assert_eq!(code(&phone_recordings(&mut s, &req("/v2/phone/recordings", ""))), (400, Some(200)));
    }

    #[test]
    fn account_seed_is_a_realistic_mix() {
        let s = seeded();
        assert!(s.users.len() > 300);
        for status in ["active", "inactive", "pending"] {
            assert!(s.users.iter().filter(|u| u["status"] == status).count() > 10, "{status}");
        }
        for t in [1, 2, 4] {
            assert!(s.users.iter().filter(|u| u["type"] == t).count() > 10, "type {t}");
        }
        assert!(s.past_meetings.len() > 100 && s.recordings.len() > 20 && !s.zoom_rooms.is_empty());
        assert!(
            s.plan.base_seats as usize >= s.users.iter().filter(|u| u["type"] == 2 && u["status"] == "active").count()
        );
        let ids: std::collections::HashSet<_> = s.users.iter().map(|u| u["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), s.users.len());
    }
}
