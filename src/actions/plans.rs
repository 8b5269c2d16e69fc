//! Seats bought against seats used, per plan. `GET /accounts/{accountId}/plans/usage` belongs to
//! Zoom's Billing API, which the vendored specs do not cover. Its answer has a list per plan kind
//! (`plan_base`, `plan_large_meeting`, `plan_webinar`, `plan_zoom_rooms`, and on newer accounts
//! `plan_zoom_one`) of `{type, hosts, usage}` (newer accounts add `pending`), the object
//! `plan_united` `{name, type, hosts, usage}`, and `plan_recording` with the storage figures.

use serde_json::Value;

use crate::error::Error;
use crate::http::url::segment;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, text};
use crate::wit::report_types::{PlanSeats, PlanUsageInput, PlanUsageReport};

/// The plan lists Zoom returns, and the names this action gives them.
const LISTS: &[(&str, &str)] = &[
    ("plan_base", "base"),
    ("plan_large_meeting", "large-meeting"),
    ("plan_webinar", "webinar"),
    ("plan_zoom_rooms", "zoom-rooms"),
    ("plan_zoom_one", "zoom-one"),
];

fn seats(plan: &str, v: &Value) -> PlanSeats {
    let n = |k: &str| capped_u32(v, k);
    let (hosts, usage) = (n("hosts").unwrap_or(0), n("usage").unwrap_or(0));
    PlanSeats {
        plan: plan.to_owned(),
        plan_type: text(v, "type").or_else(|| text(v, "name")).unwrap_or_default(),
        hosts,
        usage,
        pending: n("pending"),
        free: hosts.saturating_sub(usage),
    }
}

/// Reads the plan usage body; every account has a base plan, so a body without `plan_base` is
/// not an account without plans.
pub(crate) fn parse(body: &Value) -> Result<PlanUsageReport, Error> {
    if !body.get("plan_base").is_some_and(Value::is_array) {
        return Err(Error::Unreadable("Zoom's plan usage has no `plan_base` list".to_owned()));
    }
    let mut plans = Vec::new();
    for (key, name) in LISTS {
        for v in body.get(*key).and_then(Value::as_array).into_iter().flatten() {
            plans.push(seats(name, v));
        }
    }
    if let Some(united) = body.get("plan_united").filter(|v| v.is_object()) {
        plans.push(seats("united", united));
    }
    let recording = body.get("plan_recording");
    Ok(PlanUsageReport {
        plans,
        plan_storage: recording.and_then(|r| text(r, "plan_storage")),
        plan_storage_usage: recording.and_then(|r| text(r, "plan_storage_usage")),
    })
}

/// `GET /accounts/{accountId}/plans/usage`.
pub(crate) fn usage(client: &Client, input: &PlanUsageInput) -> Result<PlanUsageReport, Error> {
    let account = match input.account_id.as_deref().map(str::trim) {
        None | Some("") => "me".to_owned(),
        Some(a) if a.chars().count() > 128 => {
            return Err(Error::invalid("account_id", "must be at most 128 characters"))
        }
        Some(a) => segment("account_id", a)?,
    };
    let body = client.send_json(&Call::new(Method::Get, format!("/accounts/{account}/plans/usage")))?;
    parse(&body)
}
