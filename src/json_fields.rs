//! Field types that read Zoom's objects straight into records with serde, exactly as the
//! [`crate::json`] readers read a `Value`: [`Text`] is [`crate::json::text`], [`Num`] is
//! [`crate::json::number`]. A long list is the hot path (10,000 users are 34 pages), and building a
//! `Value` tree per page (a map and a `String` per key) cost most of its time; these types
//! allocate only the strings a record keeps.
//!
//! They never fail on a value of another type (it reads as absent, as the `Value` readers do),
//! so a record struct of them fails only on JSON that is not well formed or on a duplicate key.
//! Callers fall back to the `Value` path then, which keeps the last of duplicate keys.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Reads a record of these field types from an object's JSON text, as the `Value` readers would
/// read the object: of duplicate keys the last wins, and anything but an object has no fields
/// (a struct would otherwise take an array, by position). One path for single objects and for
/// page items keeps one copy of each record's parser in the component.
pub(crate) fn record<T: DeserializeOwned + Default>(raw: &str) -> T {
    if !raw.starts_with('{') {
        return T::default();
    }
    // Only duplicate keys fail here (every field type reads any value).
    serde_json::from_str(raw).unwrap_or_else(|_| match serde_json::from_str::<Value>(raw) {
        Ok(v) if v.is_object() => serde_json::from_str(&v.to_string()).unwrap_or_default(),
        _ => T::default(),
    })
}

/// A string field, or a number rendered as text; anything else reads as absent.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Text(pub(crate) Option<String>);

/// A non-negative integer given as a number or as digits in a string; anything else is absent.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Num(pub(crate) Option<u64>);

impl Num {
    /// Capped at `u32::MAX`, as [`crate::json::capped_u32`].
    pub(crate) fn capped_u32(&self) -> Option<u32> {
        self.0.map(|n| n.min(u32::MAX as u64) as u32)
    }
}

/// Reads any JSON value and keeps what `pick` makes of its scalar; containers are skipped.
struct Lenient<T> {
    pick_str: fn(&str) -> Option<T>,
    pick_u64: fn(u64) -> Option<T>,
    pick_i64: fn(i64) -> Option<T>,
    pick_f64: fn(f64) -> Option<T>,
}

impl<'de, T> Visitor<'de> for Lenient<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.pick_str)(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((self.pick_u64)(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((self.pick_i64)(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok((self.pick_f64)(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// How `serde_json::Value` prints a number, so `Text` renders it the same.
fn number_text(n: impl Into<serde_json::Number>) -> Option<String> {
    Some(n.into().to_string())
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lenient {
            pick_str: |s| Some(s.to_owned()),
            pick_u64: number_text,
            pick_i64: number_text,
            pick_f64: |f| serde_json::Number::from_f64(f).and_then(number_text),
        })
        .map(Text)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lenient {
            pick_str: |s| s.trim().parse().ok(),
            pick_u64: Some,
            pick_i64: |i| u64::try_from(i).ok(),
            pick_f64: |_| None,
        })
        .map(Num)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::json::{number, text};

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Probe {
        t: Text,
        n: Num,
    }

    /// Every kind of value, read both ways, must agree with the `Value` readers.
    #[test]
    fn the_field_types_read_exactly_what_the_value_readers_read() {
        let values = [
            json!("a"),
            json!(""),
            json!(" 42 "),
            json!("-3"),
            json!(85746065432u64),
            json!(-7),
            json!(1.5),
            json!(1e300),
            json!(true),
            json!(null),
            json!([1, "x", {"y": 2}]),
            json!({"id": 3}),
            json!(u64::MAX),
        ];
        for v in values {
            let object = json!({"t": v, "n": v});
            let from_text: Probe = serde_json::from_str(&object.to_string()).unwrap();
            let from_record: Probe = record(&object.to_string());
            for probe in [from_text, from_record] {
                assert_eq!(probe.t.0, text(&object, "t"), "text of {v}");
                assert_eq!(probe.n.0, number(&object, "n"), "number of {v}");
            }
        }
        let absent: Probe = serde_json::from_str("{}").unwrap();
        assert_eq!((absent.t, absent.n), (Text(None), Num(None)));
        assert_eq!(Num(Some(u64::MAX)).capped_u32(), Some(u32::MAX));
        assert!(serde_json::from_str::<Value>("{\"t\": 1, \"t\": 2}").is_ok());
        assert!(serde_json::from_str::<Probe>("{\"t\": 1, \"t\": 2}").is_err(), "duplicates fall back to Value");
        assert_eq!(record::<Probe>("{\"t\": 1, \"t\": 2}").t.0.as_deref(), Some("2"), "the last one wins");
        assert_eq!(record::<Probe>("[\"x\", 1]").t.0, None, "an array is no object");
    }
}
