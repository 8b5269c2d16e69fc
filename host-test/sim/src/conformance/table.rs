//! The operation table: `spec/operations.json`, embedded at compile time and parsed once.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SPEC_JSON: &str = include_str!("../../../../spec/operations.json");

#[derive(Deserialize)]
struct RawTable {
    operations: Vec<RawOperation>,
}

#[derive(Deserialize)]
struct RawOperation {
    #[serde(default)]
    operation_id: Option<String>,
    method: String,
    path: String,
    #[serde(default)]
    path_params: Vec<Param>,
    #[serde(default)]
    query: Vec<Param>,
    #[serde(default)]
    page_size: Option<PageSize>,
    #[serde(default)]
    body_required: bool,
    #[serde(default)]
    body: Option<BTreeMap<String, Field>>,
}

#[derive(Deserialize, Default)]
struct PageSize {
    #[serde(default)]
    max: Option<f64>,
}

/// A path or query parameter.
#[derive(Deserialize, Default)]
pub(super) struct Param {
    pub(super) name: String,
    #[serde(default, rename = "type", deserialize_with = "types")]
    pub(super) types: Vec<String>,
    #[serde(default)]
    pub(super) format: Option<String>,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default, rename = "enum")]
    pub(super) enumeration: Option<Vec<Value>>,
    #[serde(default)]
    pub(super) minimum: Option<f64>,
    #[serde(default)]
    pub(super) maximum: Option<f64>,
    #[serde(default, rename = "maxLength")]
    pub(super) max_length: Option<u64>,
    #[serde(default)]
    pub(super) items: Option<Box<Field>>,
}

/// A node of a body field tree.
#[derive(Deserialize, Default)]
pub(super) struct Field {
    #[serde(default, rename = "type", deserialize_with = "types")]
    pub(super) types: Vec<String>,
    #[serde(default)]
    pub(super) format: Option<String>,
    #[serde(default, rename = "enum")]
    pub(super) enumeration: Option<Vec<Value>>,
    #[serde(default, rename = "minLength")]
    pub(super) min_length: Option<u64>,
    #[serde(default, rename = "maxLength")]
    pub(super) max_length: Option<u64>,
    #[serde(default)]
    pub(super) minimum: Option<f64>,
    #[serde(default)]
    pub(super) maximum: Option<f64>,
    #[serde(default, rename = "maxItems")]
    pub(super) max_items: Option<u64>,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) properties: Option<BTreeMap<String, Field>>,
    #[serde(default)]
    pub(super) items: Option<Box<Field>>,
    #[serde(default)]
    pub(super) truncated: bool,
}

/// `type` as a list of names; empty means "anything" (missing, null, or a list holding null).
fn types<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => vec![s],
        Value::Array(list) => {
            let names: Option<Vec<String>> = list.into_iter().map(|v| v.as_str().map(str::to_owned)).collect();
            names.unwrap_or_default()
        }
        _ => Vec::new(),
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Seg {
    Literal(String),
    Param(String),
}

pub(super) struct Operation {
    pub(super) id: String,
    pub(super) method: String,
    pub(super) template: String,
    pub(super) segments: Vec<Seg>,
    pub(super) path_params: Vec<Param>,
    pub(super) query: Vec<Param>,
    pub(super) page_size_max: Option<f64>,
    pub(super) body_required: bool,
    pub(super) body: Option<BTreeMap<String, Field>>,
}

impl Operation {
    fn from_raw(raw: RawOperation) -> Operation {
        let segments = split_path(&raw.path)
            .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => Seg::Param(name.to_owned()),
                None => Seg::Literal(s.to_owned()),
            })
            .collect();
        Operation {
            id: raw.operation_id.unwrap_or_else(|| format!("{} {}", raw.method, raw.path)),
            method: raw.method,
            template: raw.path,
            segments,
            path_params: raw.path_params,
            query: raw.query,
            page_size_max: raw.page_size.and_then(|p| p.max),
            body_required: raw.body_required,
            body: raw.body,
        }
    }
}

pub(super) fn table() -> &'static [Operation] {
    static TABLE: OnceLock<Vec<Operation>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(SPEC_JSON).expect("spec/operations.json does not parse"))
}

pub(super) fn parse_table(json: &str) -> Result<Vec<Operation>, serde_json::Error> {
    let raw: RawTable = serde_json::from_str(json)?;
    Ok(raw.operations.into_iter().map(Operation::from_raw).collect())
}

pub(super) fn split_path(path: &str) -> impl Iterator<Item = &str> {
    // "/a/b" -> ["a", "b"]; "/a/" -> ["a", ""] (an empty segment matches nothing).
    path.strip_prefix('/').unwrap_or(path).split('/')
}

pub(super) fn type_label(types: &[String], format: Option<&str>) -> String {
    let t = if types.is_empty() { "any".to_owned() } else { types.join("|") };
    match format {
        Some(f) => format!("{t} ({f})"),
        None => t,
    }
}
