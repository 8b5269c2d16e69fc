//! One page of a list read without a `Value` tree: each item stays as its JSON text (borrowed
//! from the body) for a record parser, and the cursor and total are read as
//! [`super::paging`]'s `Value` reader reads them, with the same errors.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::Error;
use crate::json_fields::Num;

/// A page's items as raw JSON, its cursor and Zoom's total.
pub(crate) struct RawPage<'a> {
    pub(crate) items: Vec<&'a RawValue>,
    pub(crate) next: Option<String>,
    pub(crate) total: Option<u32>,
}

/// Reads one page body (`status` is for the error when it is not JSON).
pub(crate) fn read_raw_page<'a>(status: u16, body: &'a [u8], array_key: &str) -> Result<RawPage<'a>, Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let fields = TopLevel { array_key }
        .deserialize(&mut de)
        .and_then(|fields| de.end().map(|()| fields))
        .map_err(|e| Error::Unreadable(format!("Zoom answered HTTP {status} with a body that is not JSON: {e}")))?;
    let list = fields.list.map(|raw| (raw, raw.get().trim_start().as_bytes().first().copied()));
    let items = match list {
        Some((raw, Some(b'['))) => serde_json::from_str::<Vec<&RawValue>>(raw.get())
            .map_err(|e| Error::Unreadable(format!("Zoom's page has an unreadable `{array_key}` list: {e}")))?,
        Some((_, Some(b'n'))) => Vec::new(),
        // A 200 without the list is not an empty page: items would silently be lost.
        None => return Err(Error::Unreadable(format!("Zoom's page has no `{array_key}` list"))),
        Some(_) => return Err(Error::Unreadable(format!("Zoom's page has `{array_key}` that is not a list"))),
    };
    let next = fields
        .next
        .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
        .and_then(|v| v.as_str().filter(|t| !t.is_empty()).map(str::to_owned));
    let total = fields.total.and_then(|raw| serde_json::from_str::<Num>(raw.get()).ok()).and_then(|n| n.capped_u32());
    Ok(RawPage { items, next, total })
}

/// The three fields a page walk needs, raw; `None` throughout when the body is not an object.
#[derive(Default)]
struct Fields<'a> {
    list: Option<&'a RawValue>,
    next: Option<&'a RawValue>,
    total: Option<&'a RawValue>,
}

struct TopLevel<'k> {
    array_key: &'k str,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = Fields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    // Of duplicate keys the last wins, as in a `Value`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let slot = match key.as_ref() {
                k if k == self.array_key => &mut fields.list,
                "next_page_token" => &mut fields.next,
                "total_records" => &mut fields.total,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<&'de RawValue>()?);
        }
        Ok(fields)
    }

    // Any other JSON is a page without the list.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Fields::default())
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::paging::read_page;

    /// The raw reader and the `Value` reader agree on every page shape, errors included.
    #[test]
    fn raw_pages_read_like_value_pages() {
        let bodies = [
            r#"{"users": [{"id": "a"}, {"id": 2}], "next_page_token": "t", "total_records": 5}"#,
            r#"{"users": [], "next_page_token": "", "total_records": "7"}"#,
            r#"{"users": null, "next_page_token": 3}"#,
            r#"{"users": {"id": 1}}"#,
            r#"{"user": []}"#,
            r#"[1, 2]"#,
            r#""users""#,
            r#"{"users": [1], "users": [2, 3], "total_records": 1e3}"#,
            r#"{"us\u0065rs": [4]}"#,
        ];
        for body in bodies {
            let raw = read_raw_page(200, body.as_bytes(), "users").map(|p| {
                let items: Vec<Value> = p.items.iter().map(|r| serde_json::from_str(r.get()).unwrap()).collect();
                (items, p.next, p.total)
            });
            let value = read_page(serde_json::from_str(body).unwrap(), "users");
            assert_eq!(raw, value, "{body}");
        }
        for bad in ["{\"users\": [", "not json", "{} x"] {
            let e = read_raw_page(502, bad.as_bytes(), "users").err().unwrap();
            assert!(matches!(&e, Error::Unreadable(m) if m.contains("HTTP 502") && m.contains("not JSON")), "{e:?}");
        }
    }
}
