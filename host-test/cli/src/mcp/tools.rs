//! The tool list, from the component's manifest: one tool per action (named by its id, its
//! description, input and output schemas and effects as annotations), plus `poll` and
//! `reconcile` from the trigger manifest. `--read-only` and `--allow` choose among them.
//!
//! MCP wants an object at the top of `outputSchema` and of `structuredContent`, so an action
//! whose output is a list or a single value has it wrapped as `{"result": ...}` (its description
//! says so). Defined types stay in the root's `$defs`, where the schemas' `$ref`s point.

use std::collections::BTreeSet;

use anyhow::{anyhow, bail, Context, Result};
use rmcp::model::Tool;
use serde_json::{json, Map, Value};

use super::redact;

/// What a tool runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The action of the tool's name.
    Action,
    /// `triggers.poll`.
    Poll,
    /// `triggers.reconcile`.
    Reconcile,
}

/// A tool as listed, and what calling it needs.
#[derive(Debug, Clone)]
pub struct ToolSpec {
    pub tool: Tool,
    pub kind: Kind,
    /// What the arguments are checked against before anything is sent.
    pub input_schema: Value,
    /// The listed output schema (wrapped when the output is not an object).
    pub output_schema: Value,
    /// The output comes back as `{"result": output}`.
    pub wrapped: bool,
    /// The output's `x-secret` property names, redacted in results.
    pub secrets: BTreeSet<String>,
}

impl ToolSpec {
    pub fn name(&self) -> &str {
        &self.tool.name
    }

    /// `readOnlyHint`, as listed.
    pub fn read_only(&self) -> bool {
        self.tool.annotations.as_ref().and_then(|a| a.read_only_hint).unwrap_or(false)
    }
}

/// The key a list or single-value output is wrapped under.
pub const RESULT_KEY: &str = "result";

/// Every tool: the manifest's actions (`manifest.describe`), then `poll` and `reconcile` from
/// `manifest.triggers`.
pub fn all(actions: &Value, triggers: &Value) -> Result<Vec<ToolSpec>> {
    let mut tools = Vec::new();
    for entry in actions.as_array().context("manifest.describe is not a list")? {
        tools.push(action_tool(entry)?);
    }
    let triggers = triggers.as_array().context("manifest.triggers is not a list")?;
    tools.push(poll_tool(triggers)?);
    tools.push(reconcile_tool(triggers)?);
    Ok(tools)
}

/// One action's tool.
pub fn action_tool(entry: &Value) -> Result<ToolSpec> {
    let id = entry["id"].as_str().context("an action without an id")?;
    let input_schema = schema(entry, "input_schema").with_context(|| format!("action {id}"))?;
    if input_schema["type"] != "object" {
        bail!("action {id}: its input schema is not an object");
    }
    let output = schema(entry, "output_schema").with_context(|| format!("action {id}"))?;
    let effects = &entry["annotations"];
    let annotations = json!({
        "title": entry["label"],
        "readOnlyHint": effects["read_only"] == true,
        "destructiveHint": effects["destructive"] == true,
        "idempotentHint": effects["idempotent"] == true,
        // Every action reaches Zoom, outside this host.
        "openWorldHint": true,
    });
    let description = entry["description"].as_str().unwrap_or_default();
    build(id, description, Kind::Action, input_schema, output, annotations)
}

/// `poll`: any polling trigger, chosen by `source`; its input is the polling triggers' common
/// request with `source` one of theirs, its output the new items and the next cursor.
pub fn poll_tool(triggers: &[Value]) -> Result<ToolSpec> {
    let polling: Vec<&Value> = triggers.iter().filter(|t| t["kind"] == "polling").collect();
    let first = polling.first().context("the manifest lists no polling trigger")?;
    let mut defs = Map::new();
    let mut input = schema(first, "input_schema")?;
    let mut sources = Vec::new();
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for trigger in &polling {
        let id = trigger["id"].as_str().unwrap_or_default();
        let mut trigger_input = schema(trigger, "input_schema").with_context(|| format!("trigger {id}"))?;
        take_defs(&mut trigger_input, &mut defs).with_context(|| format!("trigger {id}"))?;
        let source = trigger_input["properties"]["source"].clone();
        if source.is_null() {
            bail!("trigger {id}: its input has no source");
        }
        lines.push(format!(
            "- {} ({}): {}",
            source_names(&source),
            trigger["label"].as_str().unwrap_or(id),
            trigger["description"].as_str().unwrap_or_default()
        ));
        sources.push(source);
        let mut item = schema(trigger, "output_schema").with_context(|| format!("trigger {id}"))?;
        take_defs(&mut item, &mut defs).with_context(|| format!("trigger {id}"))?;
        items.push(item);
    }
    input.as_object_mut().context("a polling trigger's input is not an object")?.remove("$defs");
    input["properties"]["source"] =
        json!({"description": "What to watch: one of the sources listed in the tool's description.", "anyOf": sources});
    input["$defs"] = Value::Object(defs.clone());
    let output = json!({
        "$schema": input.get("$schema").cloned().unwrap_or(Value::Null),
        "type": "object",
        "properties": {
            "items": {"description": "Items no earlier poll of this cursor returned, oldest first.", "type": "array", "items": {"anyOf": items}},
            "cursor": {"description": "Pass it as `cursor` to the next poll.", "type": "string"}
        },
        "required": ["items", "cursor"],
        "additionalProperties": false,
        "$defs": defs,
    });
    let output = strip_null_schema_key(output);
    let description = format!(
        "Runs a polling trigger once: the items that appeared since the cursor (or, on the first poll, since \
         `backfill_hours` ago) and the cursor for the next poll. Keep the cursor between calls. Sources:\n{}",
        lines.join("\n")
    );
    let annotations = json!({"title": "Poll for new items", "readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true});
    build("poll", &description, Kind::Poll, input, output, annotations)
}

/// `reconcile`: the events of a window that the webhook should have delivered and were not seen.
pub fn reconcile_tool(triggers: &[Value]) -> Result<ToolSpec> {
    let trigger =
        triggers.iter().find(|t| t["kind"] == "recovery").context("the manifest lists no recovery trigger")?;
    let input = schema(trigger, "input_schema")?;
    let mut item = schema(trigger, "output_schema")?;
    let dialect = item.get("$schema").cloned().unwrap_or(Value::Null);
    let mut defs = Map::new();
    take_defs(&mut item, &mut defs)?;
    let output = strip_null_schema_key(json!({"$schema": dialect, "type": "array", "items": item, "$defs": defs}));
    let description = format!(
        "{} {}",
        trigger["label"].as_str().unwrap_or_default(),
        trigger["description"].as_str().unwrap_or_default()
    );
    let annotations = json!({"title": trigger["label"], "readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true});
    build("reconcile", &description, Kind::Reconcile, input, output, annotations)
}

/// The tool, with its output wrapped when it is not an object and the notes that follow.
fn build(
    name: &str,
    description: &str,
    kind: Kind,
    input: Value,
    output: Value,
    annotations: Value,
) -> Result<ToolSpec> {
    let wrapped = output["type"] != "object";
    let output_schema = if wrapped { wrap(output) } else { output };
    let secrets = redact::secret_names(&output_schema);
    let mut description = description.to_owned();
    if wrapped {
        description.push_str(&format!(" The output is under `{RESULT_KEY}`."));
    }
    if !secrets.is_empty() {
        let names: Vec<&str> = secrets.iter().map(String::as_str).collect();
        description.push_str(&format!(
            " Credentials in the output ({}) come back as \"{}\".",
            names.join(", "),
            redact::REDACTED
        ));
    }
    let tool: Tool = serde_json::from_value(json!({
        "name": name,
        "title": annotations["title"],
        "description": description,
        "inputSchema": input,
        "outputSchema": output_schema,
        "annotations": annotations,
    }))
    .map_err(|e| anyhow!("tool {name}: {e}"))?;
    Ok(ToolSpec { tool: tool.clone(), kind, input_schema: input, output_schema, wrapped, secrets })
}

/// `{"result": schema}` as an object schema; `$schema` and `$defs` stay at the root.
fn wrap(mut schema: Value) -> Value {
    let mut root = Map::new();
    if let Some(map) = schema.as_object_mut() {
        for key in ["$schema", "$defs"] {
            if let Some(v) = map.remove(key) {
                root.insert(key.to_owned(), v);
            }
        }
    }
    root.insert("type".into(), json!("object"));
    root.insert("properties".into(), json!({ RESULT_KEY: schema }));
    root.insert("required".into(), json!([RESULT_KEY]));
    root.insert("additionalProperties".into(), json!(false));
    Value::Object(root)
}

/// Moves `schema`'s `$defs` into `defs`. The triggers' schemas come from the same WIT types, so a
/// name means one type; a clash would be a bug in the manifest and is refused.
fn take_defs(schema: &mut Value, defs: &mut Map<String, Value>) -> Result<()> {
    let Some(Value::Object(own)) = schema.as_object_mut().and_then(|m| m.remove("$defs")) else { return Ok(()) };
    for (name, def) in own {
        match defs.get(&name) {
            Some(existing) if *existing != def => bail!("two different types are both named {name}"),
            _ => {
                defs.insert(name, def);
            }
        }
    }
    if let Some(map) = schema.as_object_mut() {
        map.remove("$schema");
    }
    Ok(())
}

fn strip_null_schema_key(mut schema: Value) -> Value {
    if schema["$schema"].is_null() {
        if let Some(map) = schema.as_object_mut() {
            map.remove("$schema");
        }
    }
    schema
}

/// A source's case name(s): `new_meetings` from `{"new_meetings": ...}` or `"new_users"`.
fn source_names(source: &Value) -> String {
    let mut names = BTreeSet::new();
    collect_case_names(source, &mut names);
    names.into_iter().collect::<Vec<_>>().join(", ")
}

fn collect_case_names(schema: &Value, names: &mut BTreeSet<String>) {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        names.extend(properties.keys().cloned());
    }
    for value in schema.get("enum").and_then(Value::as_array).into_iter().flatten() {
        names.extend(value.as_str().map(str::to_owned));
    }
    if let Some(value) = schema.get("const").and_then(Value::as_str) {
        names.insert(value.to_owned());
    }
    for keyword in ["oneOf", "anyOf"] {
        for alternative in schema.get(keyword).and_then(Value::as_array).into_iter().flatten() {
            collect_case_names(alternative, names);
        }
    }
}

/// A manifest schema, given as JSON text.
fn schema(entry: &Value, key: &str) -> Result<Value> {
    let text = entry[key].as_str().with_context(|| format!("no {key}"))?;
    serde_json::from_str(text).with_context(|| format!("{key} is not JSON"))
}

/// The tools `--read-only` and `--allow` leave. An id in `allow` that is not a tool, or that is
/// not read-only under `--read-only`, is refused by name.
pub fn select(all: Vec<ToolSpec>, read_only: bool, allow: &[String]) -> Result<Vec<ToolSpec>> {
    let known: BTreeSet<&str> = all.iter().map(ToolSpec::name).collect();
    let unknown: Vec<&str> = allow.iter().map(String::as_str).filter(|id| !known.contains(id)).collect();
    if !unknown.is_empty() {
        bail!(
            "--allow: no tool is named {} (`zoom-host actions` lists the actions; poll and reconcile are tools too)",
            unknown.join(", ")
        );
    }
    if read_only {
        let writers: Vec<&str> =
            all.iter().filter(|t| !t.read_only() && allow.iter().any(|a| a == t.name())).map(ToolSpec::name).collect();
        if !writers.is_empty() {
            bail!("--allow names {} under --read-only, and they change data in Zoom", writers.join(", "));
        }
    }
    Ok(all
        .into_iter()
        .filter(|t| !read_only || t.read_only())
        .filter(|t| allow.is_empty() || allow.iter().any(|a| a == t.name()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, read_only: bool, destructive: bool, output: Value) -> Value {
        let input = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {"meeting_id": {"type": "integer"}}, "required": ["meeting_id"], "additionalProperties": false
        });
        json!({
            "id": id, "label": format!("Label of {id}"), "description": format!("Does {id}."),
            "annotations": {"read_only": read_only, "destructive": destructive, "idempotent": read_only || destructive},
            "input_schema": input.to_string(), "output_schema": output.to_string(),
        })
    }

    fn object_output() -> Value {
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
               "properties": {"id": {"type": "integer"}, "start_url": {"type": "string", "x-secret": true}},
               "required": ["id", "start_url"], "additionalProperties": false})
    }

    fn listed(spec: &ToolSpec) -> Value {
        serde_json::to_value(&spec.tool).unwrap()
    }

    #[test]
    fn an_action_maps_to_a_tool_with_its_schemas_description_and_effects() {
        let spec = action_tool(&entry("get-meeting", true, false, object_output())).unwrap();
        let tool = listed(&spec);
        assert_eq!(tool["name"], "get-meeting");
        assert_eq!(tool["title"], "Label of get-meeting");
        assert!(tool["description"].as_str().unwrap().starts_with("Does get-meeting."));
        assert!(tool["description"].as_str().unwrap().contains("(start_url) come back as \"[redacted]\""));
        assert_eq!(tool["inputSchema"]["required"], json!(["meeting_id"]));
        assert_eq!(tool["outputSchema"], object_output(), "an object output is listed as it is");
        assert_eq!(
            tool["annotations"],
            json!({"title": "Label of get-meeting", "readOnlyHint": true, "destructiveHint": false,
                   "idempotentHint": true, "openWorldHint": true})
        );
        assert!(!spec.wrapped);
        assert_eq!(spec.kind, Kind::Action);

        let create = listed(&action_tool(&entry("create-meeting", false, false, object_output())).unwrap());
        assert_eq!(create["annotations"]["readOnlyHint"], false);
        assert_eq!(create["annotations"]["destructiveHint"], false);
        assert_eq!(create["annotations"]["idempotentHint"], false);
        let delete = listed(&action_tool(&entry("delete-meeting", false, true, json!({"type": "null"}))).unwrap());
        assert_eq!(delete["annotations"]["destructiveHint"], true);
    }

    #[test]
    fn a_list_or_single_value_output_is_wrapped_under_result_with_its_defs_at_the_root() {
        let output = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array",
                            "items": {"$ref": "#/$defs/user"}, "$defs": {"user": {"type": "object"}}});
        let spec = action_tool(&entry("list-things", true, false, output)).unwrap();
        assert!(spec.wrapped);
        assert_eq!(
            listed(&spec)["outputSchema"],
            json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                   "properties": {"result": {"type": "array", "items": {"$ref": "#/$defs/user"}}},
                   "required": ["result"], "additionalProperties": false, "$defs": {"user": {"type": "object"}}})
        );
        assert!(listed(&spec)["description"].as_str().unwrap().ends_with("The output is under `result`."));
    }

    #[test]
    fn read_only_and_allow_choose_tools_and_name_what_they_refuse() {
        let all = || {
            vec![
                action_tool(&entry("get-meeting", true, false, object_output())).unwrap(),
                action_tool(&entry("create-meeting", false, false, object_output())).unwrap(),
                action_tool(&entry("delete-meeting", false, true, object_output())).unwrap(),
            ]
        };
        let names = |tools: Vec<ToolSpec>| tools.iter().map(|t| t.name().to_owned()).collect::<Vec<_>>();
        assert_eq!(names(select(all(), false, &[]).unwrap()), ["get-meeting", "create-meeting", "delete-meeting"]);
        assert_eq!(names(select(all(), true, &[]).unwrap()), ["get-meeting"]);
        let allow = ["delete-meeting".to_owned(), "get-meeting".to_owned()];
        assert_eq!(names(select(all(), false, &allow).unwrap()), ["get-meeting", "delete-meeting"]);
        let e = select(all(), false, &["get-meeting".into(), "get-meting".into()]).unwrap_err().to_string();
        assert!(e.contains("no tool is named get-meting"), "{e}");
        let e = select(all(), true, &allow).unwrap_err().to_string();
        assert!(e.contains("delete-meeting under --read-only"), "{e}");
    }
}
