//! Boundary inputs of `list-phone-call-logs`, in `boundary`'s form: a window without one of its
//! ends, reversed, longer than a month or older than six months, a date-time where Zoom's schema
//! wants a date, a blank user (absent is the account; blank is a mistake), an unknown time type.

use serde_json::json;

use super::boundary::{b, Boundary};
use super::pools::{date, Pools};

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let today = p.today;
    let a = "list-phone-call-logs";
    vec![
        b(a, json!({"from": date(today - 5)}), &["to"]),
        b(a, json!({"user_id": "me", "to": date(today - 5)}), &["from"]),
        b(a, json!({"from": date(today - 5), "to": date(today - 10)}), &["to"]),
        b(a, json!({"from": date(today - 60), "to": date(today - 5)}), &["to"]),
        b(a, json!({"from": date(today - 400), "to": date(today - 390)}), &["from"]),
        b(a, json!({"from": format!("{}T00:00:00Z", date(today - 2)), "to": date(today)}), &["from"]),
        b(a, json!({"user_id": " "}), &["user_id"]),
        b(a, json!({"user_id": "u".repeat(129)}), &["user_id"]),
        b(a, json!({"user_id": "me", "time_type": "middle"}), &["time_type"]),
    ]
}
