//! Readers for Zoom's JSON answers. Zoom's schemas mark few fields required and its answers
//! vary (ids as numbers or text, fields absent or null), so every reader is lenient: a field of
//! an unexpected type reads as absent, and only the caller decides what is required.

use serde_json::Value;

use crate::error::Error;
use crate::wit::types::Occurrence;

/// A string field, or a number rendered as text.
pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-negative integer field, given as a number or as digits in a string: Zoom's documents
/// show both for the same field (`pmi` is `97891943927` under Users and `"97891943927"` under
/// Meetings; a recording's `type` is `"1"` where a meeting's is `2`).
pub(crate) fn number(v: &Value, key: &str) -> Option<u64> {
    match v.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A field that may be absent (or null), but if given must be a [`number`]: a code read wrongly
/// (a meeting `type` taken for the default) would be worse than an error. `what` names the object.
pub(crate) fn optional_number(v: &Value, key: &str, what: &str) -> Result<Option<u64>, Error> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(given) => number(v, key)
            .map(Some)
            .ok_or_else(|| Error::Unreadable(format!("Zoom's {what} has `{key}` {given}, which is not a number"))),
    }
}

/// A [`number`] the object cannot do without; absent or unreadable is an error naming the field.
pub(crate) fn required_number(v: &Value, key: &str, what: &str) -> Result<u64, Error> {
    optional_number(v, key, what)?.ok_or_else(|| Error::Unreadable(format!("Zoom's {what} has no `{key}`")))
}

/// A non-negative integer field, capped at `u32::MAX` (durations, counts, type codes).
pub(crate) fn capped_u32(v: &Value, key: &str) -> Option<u32> {
    number(v, key).map(|n| n.min(u32::MAX as u64) as u32)
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

    #[test]
    fn numbers_are_read_from_numbers_and_from_digits_in_strings() {
        let v = json!({"n": 97891943927u64, "s": "97891943927", "t": " 8 ", "x": "abc", "neg": -1, "z": null});
        assert_eq!(
            (number(&v, "n"), number(&v, "s"), number(&v, "t")),
            (Some(97891943927), Some(97891943927), Some(8))
        );
        assert_eq!((number(&v, "x"), number(&v, "neg"), number(&v, "z"), number(&v, "no")), (None, None, None, None));
        assert_eq!(capped_u32(&json!({"d": "60"}), "d"), Some(60));
        assert_eq!(optional_number(&v, "z", "meeting").unwrap(), None);
        let e = optional_number(&v, "x", "meeting").unwrap_err();
        assert!(matches!(&e, Error::Unreadable(m) if m.contains("`x`") && m.contains("meeting")), "{e:?}");
        assert!(matches!(required_number(&v, "no", "recording"), Err(Error::Unreadable(m)) if m.contains("`no`")));
    }
}
