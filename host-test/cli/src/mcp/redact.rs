//! Keeping credentials out of tool results: an agent's transcript is read, stored and sent to a
//! model, so start links, personal join links and download tokens (the fields the schemas mark
//! `x-secret`) come back as [`REDACTED`]. A redacted value is still a string, so the result still
//! fits the output schema. Text that is itself JSON (`raw`, Zoom's own answer; an event's
//! `payload`) holds the same links under the same names, so they are redacted inside it too.

use std::collections::BTreeSet;

use serde_json::Value;

/// What a secret's value is replaced by.
pub const REDACTED: &str = "[redacted]";

/// The names of every property `schema` marks `x-secret`, anywhere in it.
pub fn secret_names(schema: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    collect(schema, &mut names);
    names
}

fn collect(schema: &Value, names: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    if property["x-secret"] == true {
                        names.insert(name.clone());
                    }
                }
            }
            map.values().for_each(|v| collect(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, names)),
        _ => {}
    }
}

/// Redacts, in `value` as `schema` (rooted at `root`, for `$ref`) describes it, every string the
/// schema marks `x-secret`, and within every JSON text the values named in `names`.
pub fn redact(value: &mut Value, schema: &Value, root: &Value, names: &BTreeSet<String>) {
    redact_at(value, schema, root, names, 0);
}

/// `$ref` chains and nesting deeper than this are not followed (the schemas have no cycles
/// through a value, but a bad one must not loop).
const MAX_DEPTH: usize = 64;

fn redact_at(value: &mut Value, schema: &Value, root: &Value, names: &BTreeSet<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(target) = schema.get("$ref").and_then(Value::as_str).and_then(|r| resolve(root, r)) {
        redact_at(value, target, root, names, depth + 1);
    }
    if schema["x-secret"] == true && value.is_string() {
        *value = Value::String(REDACTED.to_owned());
        return;
    }
    // An option or a variant: each alternative names its own fields, so each is applied.
    for keyword in ["anyOf", "oneOf", "allOf"] {
        for alternative in schema.get(keyword).and_then(Value::as_array).into_iter().flatten() {
            redact_at(value, alternative, root, names, depth + 1);
        }
    }
    match value {
        Value::Object(map) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            for (key, field) in map.iter_mut() {
                if let Some(field_schema) = properties.and_then(|p| p.get(key)) {
                    redact_at(field, field_schema, root, names, depth + 1);
                }
                redact_json_text(field, names);
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                items.iter_mut().for_each(|item| redact_at(item, item_schema, root, names, depth + 1));
            }
        }
        _ => {}
    }
}

/// `#/$defs/name` (the only form the component's schemas use).
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    root.pointer(reference.strip_prefix('#')?)
}

/// A string holding a JSON object or list, with the values named in `names` redacted.
fn redact_json_text(text: &mut Value, names: &BTreeSet<String>) {
    let Value::String(s) = text else { return };
    if !s.trim_start().starts_with(['{', '[']) {
        return;
    }
    let Ok(mut parsed) = serde_json::from_str::<Value>(s) else { return };
    if redact_named(&mut parsed, names) {
        *text = Value::String(parsed.to_string());
    }
}

/// Redacts every string under a key in `names`, at any depth; whether anything changed.
fn redact_named(value: &mut Value, names: &BTreeSet<String>) -> bool {
    let mut changed = false;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if names.contains(key) && v.is_string() && v != REDACTED {
                    *v = Value::String(REDACTED.to_owned());
                    changed = true;
                } else {
                    changed |= redact_named(v, names);
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                changed |= redact_named(v, names);
            }
        }
        _ => {}
    }
    changed
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "registrants": {"type": "array", "items": {"$ref": "#/$defs/registrant"}},
                "meeting": {"anyOf": [{"$ref": "#/$defs/meeting"}, {"type": "null"}]}
            },
            "$defs": {
                "registrant": {"type": "object", "properties": {
                    "email": {"type": "string"},
                    "join_url": {"anyOf": [{"type": "string"}, {"type": "null"}], "x-secret": true},
                    "raw": {"type": "string"}
                }},
                "meeting": {"type": "object", "properties": {
                    "join_url": {"type": "string"},
                    "start_url": {"type": "string", "x-secret": true}
                }}
            }
        })
    }

    #[test]
    fn marked_fields_and_their_copies_in_json_text_are_redacted_and_nothing_else() {
        let schema = schema();
        let names = secret_names(&schema);
        assert_eq!(names.iter().map(String::as_str).collect::<Vec<_>>(), ["join_url", "start_url"]);
        let raw = json!({"email": "a@example.com", "join_url": "https://zoom.us/w/1?tk=SECRET"}).to_string();
        let mut value = json!({
            "registrants": [{"email": "a@example.com", "join_url": "https://zoom.us/w/1?tk=SECRET", "raw": raw},
                            {"email": "b@example.com", "join_url": null, "raw": "not json"}],
            "meeting": {"join_url": "https://zoom.us/j/1", "start_url": "https://zoom.us/s/1?zak=SECRET"},
            "payload": json!({"object": {"registrant": {"join_url": "https://zoom.us/w/2?tk=SECRET"}}}).to_string(),
        });
        redact(&mut value, &schema, &schema, &names);
        assert!(!value.to_string().contains("SECRET"), "{value}");
        assert_eq!(value["registrants"][0]["join_url"], REDACTED);
        assert_eq!(value["registrants"][0]["email"], "a@example.com");
        let raw: Value = serde_json::from_str(value["registrants"][0]["raw"].as_str().unwrap()).unwrap();
        assert_eq!(raw, json!({"email": "a@example.com", "join_url": REDACTED}));
        assert_eq!(value["registrants"][1]["join_url"], Value::Null, "an absent link stays absent");
        assert_eq!(value["registrants"][1]["raw"], "not json");
        assert_eq!(value["meeting"]["start_url"], REDACTED);
        assert_eq!(value["meeting"]["join_url"], "https://zoom.us/j/1", "a meeting's join link is not marked");
        let payload: Value = serde_json::from_str(value["payload"].as_str().unwrap()).unwrap();
        assert_eq!(payload["object"]["registrant"]["join_url"], REDACTED);
    }
}
