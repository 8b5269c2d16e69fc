//! `zoom-host call` checks its input against the action's input schema (from the component's
//! manifest) before anything is sent, and answers a misfit with the component's own
//! `invalid_input` shape: the field as a dotted path (`settings.audio`, `items[2]`) and a message.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::{json, Value};

/// The input schema of `action` from the component's manifest; `None` for an id it does not
/// know (the component then answers that itself).
pub async fn schema_of(connector: &mut zoom_runtime::Connector, action: &str) -> anyhow::Result<Option<Value>> {
    let zoom_runtime::Outcome::Ok(manifest) = connector.call(zoom_runtime::MANIFEST, "describe", &[]).await? else {
        anyhow::bail!("the component's manifest could not be read");
    };
    let entry = manifest.as_array().into_iter().flatten().find(|a| a["id"] == action);
    let Some(text) = entry.and_then(|a| a["input_schema"].as_str()) else { return Ok(None) };
    Ok(Some(serde_json::from_str(text)?))
}

/// Enum spellings fixed up before giving up (the bridge takes `a-b` for `a_b`).
const MAX_RESPELLINGS: usize = 64;

/// Checks `input` against `schema` (JSON Schema 2020-12). `-` in object keys and in enum values
/// becomes `_` first, as the component's bridge reads both spellings and the schema lists one.
/// `Err` holds the `invalid_input` JSON to print.
pub fn check(schema: &Value, input: &mut Value) -> anyhow::Result<Result<(), Value>> {
    let validator = jsonschema::draft202012::new(schema)
        .map_err(|e| anyhow::anyhow!("the component's input schema does not compile: {e}"))?;
    respell_keys(input);
    for _ in 0..MAX_RESPELLINGS {
        // Decided while the errors borrow the input; applied after.
        let (pointer, respelt) = {
            let Some(first) = validator.iter_errors(input).next() else { return Ok(Ok(())) };
            let error = deepest(&first);
            match respelling(error) {
                Some(respelt) => (error.instance_path().as_str().to_owned(), respelt),
                None => return Ok(Err(invalid(error))),
            }
        };
        match input.pointer_mut(&pointer) {
            Some(slot) => *slot = Value::String(respelt),
            None => return Ok(Ok(())),
        }
    }
    Ok(Ok(()))
}

/// The `_` spelling of a `-` enum value the schema lists that way.
fn respelling(error: &ValidationError<'_>) -> Option<String> {
    let (ValidationErrorKind::Enum { options }, Value::String(given)) = (error.kind(), error.instance().as_ref())
    else {
        return None;
    };
    let respelt = given.replace('-', "_");
    let listed = options.as_array().is_some_and(|o| o.contains(&Value::String(respelt.clone())));
    (respelt != *given && listed).then_some(respelt)
}

fn respell_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().filter(|k| k.contains('-')).cloned().collect();
            for key in keys {
                let respelt = key.replace('-', "_");
                if !map.contains_key(&respelt) {
                    if let Some(v) = map.remove(&key) {
                        map.insert(respelt, v);
                    }
                }
            }
            map.values_mut().for_each(respell_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(respell_keys),
        _ => {}
    }
}

/// The error that says most: inside `anyOf` (an option) or `oneOf` (a variant), the one
/// alternative that is not `null` or whose first error lies deepest in the input, which is the
/// one the caller most likely meant. Alternatives that fail equally deep leave the error as it is.
fn deepest<'a>(error: &'a ValidationError<'a>) -> &'a ValidationError<'a> {
    let context = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => context,
        _ => return error,
    };
    let mut candidates: Vec<&ValidationError<'_>> = context
        .iter()
        .filter_map(|branch| branch.first())
        .map(|e| deepest(e))
        .filter(|e| !matches!(e.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(JsonType::Null) }))
        .collect();
    candidates.sort_by_key(|e| std::cmp::Reverse(depth(e)));
    match candidates.as_slice() {
        [only] => only,
        [first, second, ..] if depth(first) > depth(second) => first,
        _ => error,
    }
}

fn depth(error: &ValidationError<'_>) -> usize {
    error.instance_path().as_str().matches('/').count()
}

fn invalid(error: &ValidationError<'_>) -> Value {
    let mut field = dotted(error.instance_path().as_str());
    let message = match error.kind() {
        ValidationErrorKind::Required { property } => {
            field = join(&field, property.as_str().unwrap_or_default());
            "is required".to_owned()
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            field = join(&field, unexpected.first().map_or("", String::as_str));
            "is not an input here".to_owned()
        }
        ValidationErrorKind::Enum { options } => {
            let names: Vec<String> = options
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| o.as_str().map_or(o.to_string(), str::to_owned))
                .collect();
            format!("must be one of {}", names.join(", "))
        }
        ValidationErrorKind::Type { kind } => format!("must be {}", type_words(kind)),
        ValidationErrorKind::Minimum { limit } => format!("must be at least {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be at most {limit}"),
        ValidationErrorKind::MinLength { limit } => format!("must be at least {limit} characters"),
        ValidationErrorKind::MaxLength { limit } => format!("must be at most {limit} characters"),
        ValidationErrorKind::MinItems { limit } => format!("must have at least {limit} items"),
        ValidationErrorKind::MaxItems { limit } => format!("must have at most {limit} items"),
        ValidationErrorKind::Pattern { pattern } => format!("must match {pattern}"),
        ValidationErrorKind::Constant { expected_value } => format!("must be {expected_value}"),
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // Alternatives that differ only in type (a 64-bit id as a number or digits) say so.
            let types: Option<Vec<String>> = context
                .iter()
                .map(|branch| match branch.first().map(|e| e.kind()) {
                    Some(ValidationErrorKind::Type { kind }) => Some(type_words(kind)),
                    Some(ValidationErrorKind::Pattern { .. }) => Some("a string of digits".to_owned()),
                    _ => None,
                })
                .collect();
            match types {
                Some(types) if !types.is_empty() => format!("must be {}", types.join(" or ")),
                _ => "does not match any of the forms this input takes (see the action's input schema)".to_owned(),
            }
        }
        // The input itself is not echoed: it may hold a secret.
        other => format!("breaks the input schema ({})", keyword(other)),
    };
    let field = if field.is_empty() { "input".to_owned() } else { field };
    json!({"invalid_input": {"field": field, "message": message}})
}

fn keyword(kind: &ValidationErrorKind) -> String {
    let debug = format!("{kind:?}");
    debug.split([' ', '{', '(']).next().unwrap_or_default().to_owned()
}

fn type_words(kind: &TypeKind) -> String {
    let word = |t: JsonType| match t {
        JsonType::Integer => "a whole number",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Boolean => "true or false",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
        JsonType::Null => "null",
    };
    match kind {
        TypeKind::Single(t) => word(*t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(word).collect::<Vec<_>>().join(" or "),
    }
}

/// `/settings/audio` → `settings.audio`, `/items/2` → `items[2]`.
fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for raw in pointer.split('/').skip(1) {
        let part = raw.replace("~1", "/").replace("~0", "~");
        if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            out = join(&out, &part);
        }
    }
    out
}

fn join(path: &str, key: &str) -> String {
    match (path.is_empty(), key.is_empty()) {
        (_, true) => path.to_owned(),
        (true, false) => key.to_owned(),
        (false, false) => format!("{path}.{key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "additionalProperties": false,
            "required": ["meeting_id"],
            "properties": {
                "meeting_id": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}]},
                "kind": {"anyOf": [{"$ref": "#/$defs/kind"}, {"type": "null"}]},
                "settings": {"anyOf": [{
                    "type": "object", "additionalProperties": false,
                    "properties": {"audio": {"type": "string", "enum": ["both", "voip_only"]}}
                }, {"type": "null"}]},
                "emails": {"type": "array", "items": {"type": "string", "maxLength": 5}}
            },
            "$defs": {"kind": {"type": "string", "enum": ["instant", "recurring_fixed_time"]}}
        })
    }

    fn run(mut input: Value) -> (Result<(), Value>, Value) {
        let outcome = check(&schema(), &mut input).unwrap();
        (outcome, input)
    }

    fn field_and_message(outcome: Result<(), Value>) -> (String, String) {
        let e = outcome.unwrap_err();
        let e = &e["invalid_input"];
        (e["field"].as_str().unwrap().to_owned(), e["message"].as_str().unwrap().to_owned())
    }

    #[test]
    fn a_fitting_input_passes_and_dashed_spellings_are_respelt() {
        let (outcome, input) = run(json!({"meeting-id": "123", "kind": "recurring-fixed-time"}));
        assert_eq!(outcome, Ok(()));
        assert_eq!(input, json!({"meeting_id": "123", "kind": "recurring_fixed_time"}));
    }

    #[test]
    fn misfits_name_the_field_as_the_bridge_does() {
        assert_eq!(field_and_message(run(json!({})).0), ("meeting_id".into(), "is required".into()));
        assert_eq!(field_and_message(run(json!({"meeting_id": 1, "topic": "x"})).0).0, "topic");
        let (field, message) = field_and_message(run(json!({"meeting_id": 1, "settings": {"audio": "loud"}})).0);
        assert_eq!((field.as_str(), message.as_str()), ("settings.audio", "must be one of both, voip_only"));
        let (field, message) = field_and_message(run(json!({"meeting_id": 1, "emails": ["a", "far too long"]})).0);
        assert_eq!((field.as_str(), message.as_str()), ("emails[1]", "must be at most 5 characters"));
        let (field, message) = field_and_message(run(json!({"meeting_id": true})).0);
        assert_eq!(field, "meeting_id");
        assert!(message.starts_with("must be"), "{message}");
    }
}
