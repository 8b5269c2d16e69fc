//! Generates the manifest's per-action facts from their single sources: input names, types,
//! requiredness and help text from the WIT package, OAuth scopes from `spec/operations.json`;
//! and Zoom's documented webhook examples (`spec/webhooks/`), minified, for `triggers.sample`.

use std::fmt::Write as _;
use std::path::PathBuf;

use wit_parser::{Resolve, Type, TypeDefKind};

#[path = "build/schema.rs"]
mod schema;

fn main() {
    println!("cargo:rerun-if-changed=wit");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=spec/operations.json");
    let mut out = String::new();
    actions(&mut out);
    connection_kinds(&mut out);
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("spec/operations.json").expect("spec/operations.json"))
            .expect("JSON");
    scopes(&spec, &mut out);
    enums(&spec, &mut out);
    schemas();
    let path = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("manifest_generated.rs");
    std::fs::write(path, out).unwrap();
    webhook_examples();
}

/// The first documented example of each webhook event, minified (about 25 KB in all).
fn webhook_examples() {
    println!("cargo:rerun-if-changed=spec/webhooks");
    let read = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(format!("spec/webhooks/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let index = read("index.json");
    let mut out = String::from("/// Per webhook event: its name and Zoom's documented example delivery, minified.\n");
    out.push_str("pub(crate) const EXAMPLES: &[(&str, &str)] = &[\n");
    for event in index["events"].as_array().expect("index.json events") {
        let name = event["event"].as_str().expect("event name");
        let fixture = event["fixtures"][0].as_str().unwrap_or_else(|| panic!("{name} has no fixture"));
        writeln!(out, "    ({name:?}, {:?}),", read(fixture).to_string()).unwrap();
    }
    out.push_str("];\n");
    let path = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("webhook_examples.rs");
    std::fs::write(path, out).unwrap();
}

fn actions(out: &mut String) {
    let mut resolve = Resolve::default();
    resolve.push_dir("wit").expect("wit/ parses");
    let (_, iface) =
        resolve.interfaces.iter().find(|(_, i)| i.name.as_deref() == Some("actions")).expect("interface actions");
    out.push_str("/// Per action, from the WIT: id, doc, inputs (name, type, required, comment), output type.\n");
    out.push_str("pub(crate) const GENERATED: &[Generated] = &[\n");
    for (name, func) in &iface.functions {
        let inputs = match func.params.get(1).map(|p| p.ty) {
            Some(Type::Id(id)) => match kind(&resolve, id) {
                TypeDefKind::Record(r) => r
                    .fields
                    .iter()
                    .map(|f| {
                        let (required, inner) = match f.ty {
                            Type::Id(id) => match kind(&resolve, id) {
                                TypeDefKind::Option(t) => (false, *t),
                                _ => (true, f.ty),
                            },
                            t => (true, t),
                        };
                        format!(
                            "GeneratedInput {{ name: {:?}, type_name: {:?}, required: {required}, comment: {:?} }}",
                            f.name.replace('-', "_"),
                            type_name(&resolve, inner),
                            doc(&f.docs.contents)
                        )
                    })
                    .collect::<Vec<_>>(),
                _ => panic!("{name}: the input must be a record"),
            },
            _ => Vec::new(),
        };
        let output = match func.result {
            Some(Type::Id(id)) => match kind(&resolve, id) {
                TypeDefKind::Result(r) => r.ok.map(|t| type_name(&resolve, t)).unwrap_or_default(),
                _ => type_name(&resolve, Type::Id(id)),
            },
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "    Generated {{ id: {name:?}, doc: {:?}, inputs: &[{}], output: {output:?} }},",
            doc(&func.docs.contents),
            inputs.join(", ")
        );
    }
    out.push_str("];\n");
}

/// The cases of `types.connection` with their docs; a doc starting "Legacy" marks a legacy kind.
fn connection_kinds(out: &mut String) {
    let mut resolve = Resolve::default();
    resolve.push_dir("wit").expect("wit/ parses");
    let (_, def) =
        resolve.types.iter().find(|(_, t)| t.name.as_deref() == Some("connection")).expect("types.connection");
    let TypeDefKind::Variant(v) = &def.kind else { panic!("connection must be a variant") };
    out.push_str("/// Per connection kind, from the WIT: id, doc, legacy.\n");
    out.push_str("pub(crate) const CONNECTION_KINDS: &[(&str, &str, bool)] = &[\n");
    for case in &v.cases {
        let d = doc(&case.docs.contents);
        let _ = writeln!(out, "    ({:?}, {d:?}, {}),", case.name, d.starts_with("Legacy"));
    }
    out.push_str("];\n");
}

/// The definition behind `use`d aliases.
fn kind(resolve: &Resolve, id: wit_parser::TypeId) -> &TypeDefKind {
    match &resolve.types[id].kind {
        TypeDefKind::Type(Type::Id(inner)) => kind(resolve, *inner),
        k => k,
    }
}

fn doc(d: &Option<String>) -> String {
    d.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn type_name(resolve: &Resolve, ty: Type) -> String {
    match ty {
        Type::Bool => "boolean".into(),
        Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::S8 | Type::S16 | Type::S32 | Type::S64 => "integer".into(),
        Type::F32 | Type::F64 => "number".into(),
        Type::Char | Type::String => "string".into(),
        Type::ErrorContext => "error".into(),
        Type::Id(id) => {
            let def = &resolve.types[id];
            match &def.kind {
                TypeDefKind::Enum(e) => {
                    let cases: Vec<String> = e.cases.iter().map(|c| c.name.replace('-', "_")).collect();
                    format!("enum({})", cases.join("|"))
                }
                TypeDefKind::List(Type::U8) => "bytes".into(),
                TypeDefKind::List(t) => format!("list<{}>", type_name(resolve, *t)),
                TypeDefKind::Option(t) => type_name(resolve, *t),
                TypeDefKind::Tuple(t) => {
                    let parts: Vec<String> = t.types.iter().map(|t| type_name(resolve, *t)).collect();
                    format!("[{}]", parts.join(", "))
                }
                TypeDefKind::Type(t) => type_name(resolve, *t),
                _ => def.name.clone().unwrap_or_else(|| "object".into()),
            }
        }
    }
}

fn scopes(spec: &serde_json::Value, out: &mut String) {
    let ops = spec.get("operations").and_then(|o| o.as_array()).cloned().unwrap_or_default();
    out.push_str("/// Per Zoom operation id, from spec/operations.json: granular then classic scopes.\n");
    out.push_str("pub(crate) const SPEC_SCOPES: &[(&str, &[&str])] = &[\n");
    for op in ops {
        let id = op.get("operation_id").and_then(|v| v.as_str()).unwrap_or_default();
        let mut list: Vec<String> = Vec::new();
        for kind in ["granular", "classic"] {
            for s in op.pointer(&format!("/scopes/{kind}")).and_then(|v| v.as_array()).into_iter().flatten() {
                if let Some(s) = s.as_str().filter(|s| !list.iter().any(|l| l == s)) {
                    list.push(s.to_owned());
                }
            }
        }
        let _ = writeln!(out, "    ({id:?}, &{list:?}),");
    }
    out.push_str("];\n");
}

/// Every enum in the spec's query parameters and bodies, as text, keyed by operation and the
/// dotted field path (`user_info.feature.zoom_one_type`), so inputs Zoom constrains are checked
/// against Zoom's own lists.
fn enums(spec: &serde_json::Value, out: &mut String) {
    fn walk(op: &str, prefix: &str, fields: &serde_json::Map<String, serde_json::Value>, out: &mut String) {
        for (name, field) in fields {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
            emit(op, &path, field, out);
            if let Some(props) = field.get("properties").and_then(|p| p.as_object()) {
                walk(op, &path, props, out);
            }
            if let Some(props) = field.pointer("/items/properties").and_then(|p| p.as_object()) {
                walk(op, &path, props, out);
            }
        }
    }
    fn emit(op: &str, path: &str, field: &serde_json::Value, out: &mut String) {
        let Some(values) = field.get("enum").and_then(|e| e.as_array()) else { return };
        let text: Vec<String> = values
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        let _ = writeln!(out, "    ({op:?}, {path:?}, &{text:?}),");
    }
    out.push_str("/// Per operation and field path, from spec/operations.json: the values Zoom accepts.\n");
    out.push_str("pub(crate) const SPEC_ENUMS: &[(&str, &str, &[&str])] = &[\n");
    for op in spec.get("operations").and_then(|o| o.as_array()).into_iter().flatten() {
        let id = op.get("operation_id").and_then(|v| v.as_str()).unwrap_or_default();
        for q in op.get("query").and_then(|q| q.as_array()).into_iter().flatten() {
            let name = q.get("name").and_then(|n| n.as_str()).unwrap_or_default();
            emit(id, name, q, out);
        }
        if let Some(body) = op.get("body").and_then(|b| b.as_object()) {
            walk(id, "", body, out);
        }
    }
    out.push_str("];\n");
}

/// Per action and per trigger: the JSON Schemas of its input and of its output, as JSON text.
fn schemas() {
    use schema::{Mode, Schemas};
    let mut resolve = Resolve::default();
    resolve.push_dir("wit").expect("wit/ parses");
    let all = Schemas::new(&resolve);
    let text = |v: serde_json::Value| serde_json::to_string(&v).expect("JSON");

    let (_, iface) =
        resolve.interfaces.iter().find(|(_, i)| i.name.as_deref() == Some("actions")).expect("interface actions");
    // One line per action, then per trigger: `id \t input schema \t output schema`.
    let mut lines = String::new();
    for (name, func) in &iface.functions {
        let mut input = all.builder(Mode::Input);
        let root = match func.params.get(1) {
            Some(p) => input.inline(p.ty),
            None => serde_json::json!({"type": "object", "properties": {}, "additionalProperties": false}),
        };
        let input = input.finish(&format!("{name} input"), root);
        let mut output = all.builder(Mode::Output);
        let ok = match func.result {
            Some(Type::Id(id)) => match kind(&resolve, id) {
                TypeDefKind::Result(r) => r.ok,
                _ => Some(Type::Id(id)),
            },
            other => other,
        };
        let root = ok.map_or(serde_json::json!({"type": "null"}), |t| output.inline(t));
        let output = output.finish(&format!("{name} output"), root);
        let _ = writeln!(lines, "{name}\t{}\t{}", text(input), text(output));
    }

    // Triggers: what the platform passes in, and one item of what the trigger emits.
    let event = |title: &str| {
        let mut b = all.builder(Mode::Output);
        let root = b.inline(all.named("webhook-event"));
        text(b.finish(title, root))
    };
    let mut input = all.builder(Mode::Input);
    let parts = vec![
        ("request".to_owned(), all.named("webhook-request"), "The delivery as received.".to_owned()),
        ("config".to_owned(), all.named("webhook-config"), "How to verify it.".to_owned()),
    ];
    let root = input.object(&parts);
    let _ = writeln!(lines, "webhook\t{}\t{}", text(input.finish("webhook input", root)), event("webhook event"));
    let items = all.cases("polled");
    for (case, payload, doc) in all.cases("poll-source") {
        let id = format!("poll:{case}");
        let mut input = all.builder(Mode::Input);
        let source = input.one_case(&case, payload, &doc);
        let root = input.record_with("poll-request", &[("source", source)]);
        let input = input.finish(&format!("{id} input"), root);
        // The polled case whose doc names this source (`From \`new-meetings\`.`).
        let (item, item_ty, item_doc) = items
            .iter()
            .find(|(_, _, d)| d.contains(&format!("`{case}`")))
            .unwrap_or_else(|| panic!("no `polled` case says it comes from `{case}`"));
        let mut output = all.builder(Mode::Output);
        let typed = output.one_case(item, *item_ty, item_doc);
        let root = output.record_with("polled-item", &[("item", typed)]);
        let output = output.finish(&format!("{id} item"), root);
        let _ = writeln!(lines, "{id}\t{}\t{}", text(input), text(output));
    }
    let mut input = all.builder(Mode::Input);
    let root = input.inline(all.named("reconcile-request"));
    let _ = writeln!(lines, "reconcile\t{}\t{}", text(input.finish("reconcile input", root)), event("reconcile event"));
    // JSON text escapes tabs and newlines, so the separators are unambiguous. The schemas repeat
    // their definitions and descriptions; compressed they cost the component a tenth of their size.
    let blob = miniz_oxide::deflate::compress_to_vec(lines.as_bytes(), 10);
    let path = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("schemas.deflate");
    std::fs::write(path, blob).unwrap();
}
