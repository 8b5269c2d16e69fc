//! A call's outcome as a tool result. Success: the (redacted) output as `structuredContent` and a
//! one-line summary as text. A typed error, the host refusing the input included: `isError` with
//! the error's JSON as text, exactly as `zoom-host call` prints it, and a hint when there is
//! something to do (the scope to add), so the agent can correct its input and try again.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::{json, Value};

use super::redact;
use super::tools::{ToolSpec, RESULT_KEY};
use crate::{failure, render};

/// The result of a call of `spec` that returned `output`.
pub fn success(spec: &ToolSpec, output: Value) -> CallToolResult {
    let mut structured = if spec.wrapped { json!({ RESULT_KEY: output }) } else { output };
    let schema = &spec.output_schema;
    redact::redact(&mut structured, schema, schema, &spec.secrets);
    let text = summary(spec.name(), &structured, spec.wrapped);
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(structured);
    result
}

/// The result of a call that ended with the typed error `error`.
pub fn failure(error: &Value) -> CallToolResult {
    let mut content = vec![ContentBlock::text(error.to_string())];
    if let Some(hint) = failure::hint(error) {
        content.push(ContentBlock::text(format!("hint: {hint}")));
    }
    CallToolResult::error(content)
}

/// Fields that name what a result is about, in the order a summary quotes them.
const NAMING_FIELDS: [&str; 6] = ["id", "topic", "email", "name", "status", "registrant_id"];

/// One line on what came back; the data itself is in `structuredContent`.
pub fn summary(tool: &str, structured: &Value, wrapped: bool) -> String {
    let value = if wrapped { &structured[RESULT_KEY] } else { structured };
    // A poll's items, even none; otherwise the list a table would show.
    let items = value.get("items").and_then(Value::as_array).map(Vec::len);
    if let Some(n) = items.or_else(|| render::main_list_len(value)) {
        return format!("{tool}: {n} item{}; the full result is in structuredContent", if n == 1 { "" } else { "s" });
    }
    let named: Vec<String> = NAMING_FIELDS
        .iter()
        .filter_map(|k| match &value[*k] {
            Value::String(s) if !s.is_empty() && s.chars().count() <= 80 => Some(format!("{k} {s}")),
            Value::Number(n) => Some(format!("{k} {n}")),
            _ => None,
        })
        .take(3)
        .collect();
    match value {
        Value::Object(_) if !named.is_empty() => format!("{tool}: done ({})", named.join(", ")),
        Value::Object(_) | Value::Null => format!("{tool}: done; the full result is in structuredContent"),
        Value::Bool(_) | Value::Number(_) => format!("{tool}: {value}"),
        Value::String(s) if s.chars().count() <= 80 => format!("{tool}: {s}"),
        _ => format!("{tool}: done; the full result is in structuredContent"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_lists_and_name_single_results() {
        let listed = json!({"registrants": [{"id": "a"}, {"id": "b"}], "total_records": 2});
        assert_eq!(
            summary("list-meeting-registrants", &listed, false),
            "list-meeting-registrants: 2 items; the full result is in structuredContent"
        );
        let meeting = json!({"id": 85746065432u64, "topic": "Standup", "settings": {}});
        assert_eq!(summary("create-meeting", &meeting, false), "create-meeting: done (id 85746065432, topic Standup)");
        assert_eq!(
            summary("delete-meeting", &json!({ RESULT_KEY: null }), true),
            "delete-meeting: done; the full result is in structuredContent"
        );
        assert_eq!(summary("get-transcript-text", &json!({ RESULT_KEY: "hello" }), true), "get-transcript-text: hello");
        let polled = json!({"items": [], "cursor": "zc1.x"});
        assert_eq!(summary("poll", &polled, false), "poll: 0 items; the full result is in structuredContent");
    }

    #[test]
    fn a_typed_error_is_a_tool_error_with_the_same_json_and_the_scope_to_add() {
        let error = json!({"missing_scope": {"scope": "meeting:write:meeting", "message": "Invalid access token, does not contain scopes:[meeting:write:meeting]."}});
        let result = failure(&error);
        assert_eq!(result.is_error, Some(true));
        assert!(result.structured_content.is_none(), "an error carries no output to validate");
        let texts: Vec<String> = result.content.iter().filter_map(|c| c.as_text().map(|t| t.text.clone())).collect();
        assert_eq!(serde_json::from_str::<Value>(&texts[0]).unwrap(), error);
        assert!(texts[1].contains("add the scope meeting:write:meeting"), "{texts:?}");
    }
}
