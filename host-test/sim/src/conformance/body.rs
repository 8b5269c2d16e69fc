//! The JSON request body: present when required, JSON-typed, and every field in the spec with the
//! declared type, enum, range, length and format; required fields present.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::formats::{is_date, is_date_time, is_email};
use super::hints::suggestion;
use super::query::enum_list;
use super::table::{type_label, Field, Operation};
use super::Report;
use crate::LoggedRequest;

/// String-enum fields whose value is a comma-separated list of enum members (Zoom's docs say so;
/// the schema does not).
const COMMA_LIST_ENUMS: &[&str] = &["weekly_days"];

pub(super) fn check_body(op: &Operation, req: &LoggedRequest, report: &mut Report) {
    let present = !req.body.trim().is_empty();
    let Some(schema) = &op.body else {
        if present {
            report.add(format_args!("{} takes no request body, but one was sent ({} bytes)", op.id, req.body.len()));
        }
        return;
    };
    if !present {
        if op.body_required {
            report.add(format_args!("{} requires a JSON request body, but none was sent", op.id));
        }
        return;
    }
    match req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
        Some((_, v)) if v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json") => {}
        Some((_, v)) => report.add(format_args!("JSON body sent with content-type {v:?}, not application/json")),
        None => report.add("JSON body sent without a content-type header"),
    }
    let value: Value = match serde_json::from_str(&req.body) {
        Ok(v) => v,
        Err(e) => {
            report.add(format_args!("request body is not valid JSON: {e}"));
            return;
        }
    };
    match &value {
        Value::Object(map) => check_object(schema, map, "", report),
        other => report.add(format_args!("request body must be a JSON object, got {}", json_kind(other))),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn check_object(props: &BTreeMap<String, Field>, map: &Map<String, Value>, prefix: &str, report: &mut Report) {
    for (key, value) in map {
        let path = join(prefix, key);
        match props.get(key) {
            Some(field) => check_field(key, field, value, &path, report),
            None => {
                let hint = suggestion(key, props.keys().map(String::as_str));
                report.add(format_args!("body field `{path}` is not in the spec{hint}"));
            }
        }
    }
    for (name, field) in props {
        if field.required && !map.contains_key(name) {
            report.add(format_args!("required body field `{}` is missing", join(prefix, name)));
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_integral(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.is_finite() && f.fract() == 0.0),
        _ => false,
    }
}

fn type_accepts(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => is_integral(v),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        // An unknown type name constrains nothing.
        _ => true,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn enum_contains(allowed: &[Value], v: &Value) -> bool {
    allowed.iter().any(|a| match (a, v) {
        // As doubles: the table keeps some 2**n values rounded through a double.
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == v,
    })
}

fn check_field(key: &str, field: &Field, value: &Value, path: &str, report: &mut Report) {
    if field.types.is_empty() {
        return; // untyped in the spec: anything goes
    }
    if !field.types.iter().any(|t| type_accepts(t, value)) {
        report.add(format_args!(
            "body field `{path}` must be {}, got {} {}",
            type_label(&field.types, field.format.as_deref()),
            json_kind(value),
            short(value)
        ));
        return;
    }
    if let Some(allowed) = &field.enumeration {
        let ok = enum_contains(allowed, value)
            || (COMMA_LIST_ENUMS.contains(&key)
                && value.as_str().is_some_and(|s| {
                    s.split(',').all(|piece| enum_contains(allowed, &Value::String(piece.trim().to_owned())))
                }));
        if !ok {
            report.add(format_args!("body field `{path}` = {} is not one of {}", short(value), enum_list(allowed)));
        }
    }
    match value {
        Value::String(s) => check_string(field, s, path, report),
        Value::Number(_) => check_number(field, value, path, report),
        Value::Array(items) => check_array(field, items, path, report),
        Value::Object(map) => {
            if field.truncated {
                return; // cut at the generator's depth: nothing below is known
            }
            if let Some(props) = field.properties.as_ref().filter(|p| !p.is_empty()) {
                check_object(props, map, path, report);
            }
        }
        _ => {}
    }
}

fn check_string(field: &Field, s: &str, path: &str, report: &mut Report) {
    let len = s.chars().count() as u64;
    if let Some(max) = field.max_length.filter(|m| len > *m) {
        report.add(format_args!("body field `{path}` is {len} characters long; maxLength is {max}"));
    }
    if let Some(min) = field.min_length.filter(|m| len < *m) {
        report.add(format_args!("body field `{path}` is {len} characters long; minLength is {min}"));
    }
    let ok = match field.format.as_deref() {
        Some("date-time") => is_date_time(s, false),
        Some("date") => is_date(s),
        Some("email") => is_email(s),
        _ => true,
    };
    if !ok {
        report.add(format_args!(
            "body field `{path}` = {s:?} is not a valid {}",
            field.format.as_deref().unwrap_or_default()
        ));
    }
}

fn check_number(field: &Field, value: &Value, path: &str, report: &mut Report) {
    let n = value.as_f64().unwrap_or(f64::NAN);
    if let Some(max) = field.maximum.filter(|m| n > *m) {
        report.add(format_args!("body field `{path}` = {value} is above the maximum {max}"));
    }
    if let Some(min) = field.minimum.filter(|m| n < *m) {
        report.add(format_args!("body field `{path}` = {value} is below the minimum {min}"));
    }
    if is_integral(value) && (field.min_length.is_some() || field.max_length.is_some()) {
        // Quirk: lengths on an integer (`pmi`) bound its number of digits.
        let digits = value.to_string().trim_start_matches('-').split('.').next().unwrap_or("").len() as u64;
        if field.max_length.is_some_and(|m| digits > m) || field.min_length.is_some_and(|m| digits < m) {
            report.add(format_args!(
                "body field `{path}` = {value} has {digits} digits; the spec wants {}..={}",
                field.min_length.unwrap_or(0),
                field.max_length.map_or("any".to_owned(), |m| m.to_string())
            ));
        }
    }
}

fn check_array(field: &Field, items: &[Value], path: &str, report: &mut Report) {
    let n = items.len();
    // Quirk: `maximum`/`minimum` on an array bound its item count.
    let max = field.max_items.map(|m| m as f64).or(field.maximum);
    if let Some(max) = max.filter(|m| n as f64 > *m) {
        report.add(format_args!("body field `{path}` has {n} items; at most {max} allowed"));
    }
    if let Some(min) = field.minimum.filter(|m| (n as f64) < *m) {
        report.add(format_args!("body field `{path}` has {n} items; at least {min} required"));
    }
    if let Some(item) = &field.items {
        let key = path.rsplit('.').next().unwrap_or(path);
        for (i, v) in items.iter().enumerate() {
            check_field(key, item, v, &format!("{path}[{i}]"), report);
        }
    }
}
