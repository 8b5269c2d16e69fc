//! Zoom Phone events: the call lists of recordings and call logs, and `phone.callee_ended`, whose
//! object is one call with a `caller` and a `callee` rather than a list.
//! <https://developers.zoom.us/docs/api/phone/events/>

use serde_json::Value;

use super::small;
use crate::json::text;
use crate::wit::events::{CallEndedEvent, CallInfo, CallParty};

/// The entries of the list `key` (`recordings`, `call_logs`); entries without an id are skipped.
pub(super) fn calls(o: &Value, key: &str) -> Vec<CallInfo> {
    let list = o.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .filter_map(|c| {
            Some(CallInfo {
                id: text(c, "id")?,
                call_id: text(c, "call_id"),
                caller_number: text(c, "caller_number"),
                caller_name: text(c, "caller_name"),
                callee_number: text(c, "callee_number"),
                callee_name: text(c, "callee_name"),
                direction: text(c, "direction"),
                duration: small(c, "duration"),
                date_time: text(c, "date_time").or_else(|| text(c, "start_time")),
                download_url: text(c, "download_url"),
            })
        })
        .collect()
}

/// The ended call; `None` without a call id, which makes the event untyped.
pub(super) fn callee_ended(o: &Value) -> Option<CallEndedEvent> {
    Some(CallEndedEvent {
        call_id: text(o, "call_id").filter(|id| !id.is_empty())?,
        caller: party(o.get("caller").unwrap_or(&Value::Null)),
        callee: party(o.get("callee").unwrap_or(&Value::Null)),
        ringing_start_time: text(o, "ringing_start_time"),
        answer_start_time: text(o, "answer_start_time"),
        call_end_time: text(o, "call_end_time"),
        // Zoom's example spells it `handup_result`; the schema does not list it at all.
        hangup_result: text(o, "handup_result").or_else(|| text(o, "hangup_result")),
    })
}

fn party(p: &Value) -> CallParty {
    CallParty {
        phone_number: text(p, "phone_number"),
        name: text(p, "name"),
        // A number in the schema, a string in `forwarded_by`: text either way.
        extension_number: text(p, "extension_number"),
        extension_type: text(p, "extension_type"),
        user_id: text(p, "user_id"),
        connection_type: text(p, "connection_type"),
    }
}
