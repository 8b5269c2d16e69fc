//! Readers for Zoom's JSON answers. Zoom's schemas mark few fields required and its answers
//! vary (ids as numbers or text, fields absent or null), so every reader is lenient: a field of
//! an unexpected type reads as absent, and only the caller decides what is required.

use serde_json::Value;

use crate::wit::types::Occurrence;

/// A string field, or a number rendered as text.
pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-negative integer field, capped at `u32::MAX` (durations, counts, type codes).
pub(crate) fn capped_u32(v: &Value, key: &str) -> Option<u32> {
    v.get(key).and_then(Value::as_u64).map(|n| n.min(u32::MAX as u64) as u32)
}

/// Reads `occurrences[]`, skipping entries without an id.
pub(crate) fn occurrences(v: &Value) -> Vec<Occurrence> {
    let Some(list) = v.get("occurrences").and_then(Value::as_array) else { return Vec::new() };
    list.iter()
        .filter_map(|o| {
            Some(Occurrence {
                occurrence_id: text(o, "occurrence_id")?,
                start_time: text(o, "start_time"),
                duration: capped_u32(o, "duration"),
                status: text(o, "status"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_reads_numbers_as_text_and_other_types_as_absent() {
        let v = json!({"s": "a", "n": 85746065432u64, "b": true, "z": null, "big": 5_000_000_000u64});
        assert_eq!(text(&v, "s").as_deref(), Some("a"));
        assert_eq!(text(&v, "n").as_deref(), Some("85746065432"));
        assert_eq!((text(&v, "b"), text(&v, "z"), text(&v, "missing")), (None, None, None));
        assert_eq!((capped_u32(&v, "big"), capped_u32(&v, "s")), (Some(u32::MAX), None));
    }
}
