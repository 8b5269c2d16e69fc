//! Query parameters: declared, typed, within range and limits, given once, required ones present.

use serde_json::Value;
use std::collections::BTreeMap;

use super::formats::{fits_format, is_date, is_date_time, is_signed_digits};
use super::hints::suggestion;
use super::table::{type_label, Operation, Param};
use super::Report;

/// Query parameters Zoom's spec leaves out although Zoom's own answers ask for them:
/// `GET /users/{userId}/webinars` returns a `next_page_token` but does not declare the parameter.
const UNDECLARED_CURSORS: &[(&str, &str)] = &[("webinars", "next_page_token")];

pub(super) fn check_query(op: &Operation, query: &[(String, String)], report: &mut Report) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, value) in query {
        *seen.entry(name.as_str()).or_default() += 1;
        if UNDECLARED_CURSORS.contains(&(op.id.as_str(), name.as_str())) {
            continue;
        }
        let Some(param) = op.query.iter().find(|p| &p.name == name) else {
            let declared: Vec<&str> = op.query.iter().map(|p| p.name.as_str()).collect();
            let hint = suggestion(name, declared.iter().copied());
            report.add(format_args!(
                "unknown query parameter `{name}`{hint}; {} declares {}",
                op.id,
                if declared.is_empty() { "none".to_owned() } else { declared.join(", ") }
            ));
            continue;
        };
        check_query_value(op, param, value, report);
    }
    for (name, count) in &seen {
        let is_array = op.query.iter().any(|p| &p.name == name && p.types.iter().any(|t| t == "array"));
        if *count > 1 && !is_array {
            report.add(format_args!("query parameter `{name}` is given {count} times"));
        }
    }
    for p in op.query.iter().filter(|p| p.required) {
        if !seen.contains_key(p.name.as_str()) {
            report.add(format_args!("required query parameter `{}` is missing", p.name));
        }
    }
}

fn check_query_value(op: &Operation, p: &Param, value: &str, report: &mut Report) {
    let name = &p.name;
    if !p.types.is_empty() && !p.types.iter().any(|t| query_type_accepts(t, value)) {
        report.add(format_args!(
            "query parameter `{name}` must be {}, got {value:?}",
            type_label(&p.types, p.format.as_deref())
        ));
        return;
    }
    if let Some(allowed) = &p.enumeration {
        if !allowed.iter().any(|a| enum_string(a) == value) {
            report.add(format_args!("query parameter `{name}` = {value:?} is not one of {}", enum_list(allowed)));
        }
    }
    if let Some(items) = p.items.as_deref().filter(|_| p.types.iter().any(|t| t == "array")) {
        // Zoom's array query parameters are comma-separated.
        if let Some(allowed) = &items.enumeration {
            for piece in value.split(',') {
                if !allowed.iter().any(|a| enum_string(a) == piece) {
                    report.add(format_args!(
                        "query parameter `{name}` item {piece:?} is not one of {}",
                        enum_list(allowed)
                    ));
                }
            }
        }
    }
    match p.format.as_deref() {
        Some("date") if !is_date(value) => {
            report.add(format_args!("query parameter `{name}` = {value:?} is not a yyyy-mm-dd date"))
        }
        Some("date-time") if !is_date_time(value, true) => report.add(format_args!(
            "query parameter `{name}` = {value:?} is not an ISO 8601 date-time (yyyy-mm-ddThh:mm:ssZ)"
        )),
        Some(f @ ("int32" | "int64")) if is_signed_digits(value) && !fits_format(value, Some(f)) => {
            report.add(format_args!("query parameter `{name}` = {value} does not fit {f}"))
        }
        _ => {}
    }
    if let Some(max) = p.max_length {
        let len = value.chars().count() as u64;
        if len > max {
            report.add(format_args!("query parameter `{name}` is {len} characters long; maxLength is {max}"));
        }
    }
    let numeric = p.types.iter().any(|t| t == "integer" || t == "number");
    if let (true, Ok(n)) = (numeric, value.parse::<f64>()) {
        if name == "page_size" {
            if let Some(max) = op.page_size_max.or(p.maximum) {
                if n > max {
                    report.add(format_args!("page_size={value} exceeds the maximum {max} for {}", op.id));
                }
            }
        } else if let Some(max) = p.maximum.filter(|m| n > *m) {
            report.add(format_args!("query parameter `{name}` = {value} is above the maximum {max}"));
        }
        if let Some(min) = p.minimum.filter(|m| n < *m) {
            report.add(format_args!("query parameter `{name}` = {value} is below the minimum {min}"));
        }
    }
}

fn query_type_accepts(t: &str, value: &str) -> bool {
    match t {
        "integer" => is_signed_digits(value),
        "number" => value.parse::<f64>().is_ok_and(f64::is_finite),
        "boolean" => value == "true" || value == "false",
        // string, array (comma-separated), object and unknown names: any text.
        _ => true,
    }
}

fn enum_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn enum_list(values: &[Value]) -> String {
    let shown: Vec<String> = values.iter().take(12).map(|v| v.to_string()).collect();
    let more = if values.len() > shown.len() { format!(", … ({} in all)", values.len()) } else { String::new() };
    format!("[{}{more}]", shown.join(", "))
}
