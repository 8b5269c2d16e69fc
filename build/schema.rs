//! JSON Schemas (2020-12) of action and trigger inputs and outputs, from the WIT types, so the
//! schemas platforms validate and map with cannot drift from what the component accepts and
//! returns. They describe the JSON the host bridge reads and writes (`host-test/runtime/src/bridge.rs`):
//! WIT names with `-` as `_`, `option` as `null` (absent too, on input), enums as their case
//! name, a variant case as `"case"` or `{"case": payload}`, 64-bit integers also as digit strings
//! on input.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};
use wit_parser::{Docs, Resolve, Type, TypeDefKind, TypeId};

/// A field whose WIT doc says this holds a credential; the schema marks it `x-secret` so
/// platforms can hide it.
pub const SECRET_MARK: &str = "Treat as a secret.";

/// Whether a schema describes what a caller sends (lenient spellings, optional fields may be
/// absent) or what the component returns (every field present, options `null`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Input,
    Output,
}

pub struct Schemas<'a> {
    resolve: &'a Resolve,
    /// `$defs` key per named type: its WIT name, or `name-interface` where two differ in name only.
    names: HashMap<TypeId, String>,
}

/// One schema under construction: the definitions its references reach.
pub struct Builder<'s, 'a> {
    schemas: &'s Schemas<'a>,
    mode: Mode,
    defs: BTreeMap<String, Value>,
}

impl<'a> Schemas<'a> {
    pub fn new(resolve: &'a Resolve) -> Self {
        let mut by_name: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
        for (id, def) in resolve.types.iter() {
            if let (Some(name), true) = (&def.name, is_definition(&def.kind)) {
                by_name.entry(name.clone()).or_default().push(id);
            }
        }
        let mut names = HashMap::new();
        for (name, ids) in by_name {
            for &id in &ids {
                let key = if ids.len() == 1 {
                    name.clone()
                } else {
                    let owner = match resolve.types[id].owner {
                        wit_parser::TypeOwner::Interface(i) => resolve.interfaces[i].name.clone(),
                        _ => None,
                    };
                    format!("{name}-{}", owner.unwrap_or_default())
                };
                names.insert(id, key);
            }
        }
        Schemas { resolve, names }
    }

    pub fn builder(&self, mode: Mode) -> Builder<'_, 'a> {
        Builder { schemas: self, mode, defs: BTreeMap::new() }
    }

    /// A named type's definition, by WIT name (the first interface that has it).
    pub fn named(&self, name: &str) -> Type {
        let (id, _) = self
            .resolve
            .types
            .iter()
            .find(|(id, t)| t.name.as_deref() == Some(name) && self.names.contains_key(id))
            .unwrap_or_else(|| panic!("WIT type {name}"));
        Type::Id(id)
    }

    /// The cases of a named variant: (name, payload, docs).
    pub fn cases(&self, name: &str) -> Vec<(String, Option<Type>, String)> {
        let Type::Id(id) = self.named(name) else { unreachable!() };
        let TypeDefKind::Variant(v) = &self.resolve.types[id].kind else { panic!("{name} is not a variant") };
        v.cases.iter().map(|c| (c.name.clone(), c.ty, docs(&c.docs))).collect()
    }
}

impl Builder<'_, '_> {
    /// The finished document: `root` with `$schema`, a title and the definitions it reaches.
    pub fn finish(self, title: &str, root: Value) -> Value {
        let mut doc = Map::new();
        doc.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        doc.insert("title".into(), json!(title));
        if let Value::Object(fields) = root {
            doc.extend(fields);
        }
        // Narrowed fields leave definitions nothing refers to any more.
        let mut reached = Vec::new();
        refs(&Value::Object(doc.clone()), &mut reached);
        let mut i = 0;
        while i < reached.len() {
            if let Some(def) = self.defs.get(&reached[i]) {
                refs(def, &mut reached);
            }
            i += 1;
        }
        let defs: Map<String, Value> = self.defs.into_iter().filter(|(k, _)| reached.contains(k)).collect();
        if !defs.is_empty() {
            doc.insert("$defs".into(), Value::Object(defs));
        }
        Value::Object(doc)
    }

    /// The schema of `ty`; a named record, variant, enum or flags becomes a `$ref`.
    pub fn schema(&mut self, ty: Type) -> Value {
        let Type::Id(id) = ty else { return self.primitive(ty) };
        let id = alias_target(self.schemas.resolve, id);
        let Some(name) = self.schemas.names.get(&id).cloned() else { return self.body(id) };
        if !self.defs.contains_key(&name) {
            // Inserted before the body is built so a type met again while building refers back.
            self.defs.insert(name.clone(), Value::Null);
            let body = self.body(id);
            self.defs.insert(name.clone(), body);
        }
        json!({ "$ref": format!("#/$defs/{name}") })
    }

    /// The schema of `ty` written out at this place, even when it is a named type.
    pub fn inline(&mut self, ty: Type) -> Value {
        match ty {
            Type::Id(id) => self.body(alias_target(self.schemas.resolve, id)),
            t => self.primitive(t),
        }
    }

    /// An object of named parts (a function's parameters), all required.
    pub fn object(&mut self, parts: &[(String, Type, String)]) -> Value {
        let mut properties = Map::new();
        for (name, ty, doc) in parts {
            let schema = self.schema(*ty);
            properties.insert(json_name(name), describe(schema, doc));
        }
        let required: Vec<String> = parts.iter().map(|(n, _, _)| json_name(n)).collect();
        json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
    }

    /// A variant restricted to one case (a polling trigger's source, the item it yields).
    pub fn one_case(&mut self, case: &str, payload: Option<Type>, doc: &str) -> Value {
        self.case(case, payload, doc)
    }

    /// A named record written out, with some fields' schemas replaced (narrowed).
    pub fn record_with(&mut self, name: &str, replace: &[(&str, Value)]) -> Value {
        let Type::Id(id) = self.schemas.named(name) else { unreachable!() };
        let mut record = self.body(id);
        for (field, schema) in replace {
            let slot = &mut record["properties"][json_name(field)];
            assert!(!slot.is_null(), "{name} has no field {field}");
            let doc = slot.get("description").cloned();
            *slot = schema.clone();
            if let Some(doc) = doc {
                slot["description"] = doc;
            }
        }
        record
    }

    fn primitive(&mut self, ty: Type) -> Value {
        let int = |min: i64, max: i64| json!({"type": "integer", "minimum": min, "maximum": max});
        match ty {
            Type::Bool => json!({"type": "boolean"}),
            Type::U8 => int(0, u8::MAX.into()),
            Type::U16 => int(0, u16::MAX.into()),
            Type::U32 => int(0, u32::MAX.into()),
            Type::S8 => int(i8::MIN.into(), i8::MAX.into()),
            Type::S16 => int(i16::MIN.into(), i16::MAX.into()),
            Type::S32 => int(i32::MIN.into(), i32::MAX.into()),
            // Many platforms' JSON numbers lose precision above 2^53: inputs may be digit strings.
            Type::U64 => self.wide(json!({"type": "integer", "minimum": 0}), "^[0-9]+$"),
            Type::S64 => self.wide(json!({"type": "integer"}), "^-?[0-9]+$"),
            Type::F32 | Type::F64 => json!({"type": "number"}),
            Type::Char => json!({"type": "string", "minLength": 1, "maxLength": 1}),
            Type::String => json!({"type": "string"}),
            Type::ErrorContext => json!({}),
            Type::Id(id) => self.schema(Type::Id(id)),
        }
    }

    fn wide(&self, number: Value, pattern: &str) -> Value {
        match self.mode {
            Mode::Input => json!({"anyOf": [number, {"type": "string", "pattern": pattern}]}),
            Mode::Output => number,
        }
    }

    fn body(&mut self, id: TypeId) -> Value {
        let def = &self.schemas.resolve.types[id];
        let described = |schema: Value| describe(schema, &docs(&def.docs));
        match &def.kind {
            TypeDefKind::Record(r) => {
                let mut properties = Map::new();
                let mut required = Vec::new();
                for field in &r.fields {
                    let doc = docs(&field.docs);
                    let optional = self.option_inner(field.ty).is_some();
                    if !optional || self.mode == Mode::Output {
                        required.push(json_name(&field.name));
                    }
                    let mut schema = describe(self.schema(field.ty), &doc);
                    if doc.contains(SECRET_MARK) {
                        schema["x-secret"] = json!(true);
                    }
                    properties.insert(json_name(&field.name), schema);
                }
                described(json!({
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                }))
            }
            TypeDefKind::Variant(v) => {
                let alternatives: Vec<Value> =
                    v.cases.iter().map(|c| self.case(&c.name, c.ty, &docs(&c.docs))).collect();
                described(json!({ "oneOf": alternatives }))
            }
            TypeDefKind::Enum(e) => {
                let cases: Vec<String> = e.cases.iter().map(|c| json_name(&c.name)).collect();
                let notes: Vec<String> = e
                    .cases
                    .iter()
                    .map(|c| format!("`{}`: {}", json_name(&c.name), docs(&c.docs).trim_end_matches('.')))
                    .collect();
                let doc = format!("{} {}.", docs(&def.docs), notes.join("; "));
                describe(json!({"type": "string", "enum": cases}), doc.trim())
            }
            TypeDefKind::Flags(f) => {
                let names: Vec<String> = f.flags.iter().map(|c| json_name(&c.name)).collect();
                described(json!({"type": "array", "items": {"enum": names}, "uniqueItems": true}))
            }
            TypeDefKind::Option(t) => {
                let inner = self.schema(*t);
                json!({"anyOf": [inner, {"type": "null"}]})
            }
            TypeDefKind::Result(r) => {
                let ok = r.ok.map_or(json!({"type": "null"}), |t| self.schema(t));
                let err = r.err.map_or(json!({"type": "null"}), |t| self.schema(t));
                json!({"oneOf": [single("ok", ok), single("err", err)]})
            }
            TypeDefKind::List(Type::U8) => {
                json!({"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 255}})
            }
            TypeDefKind::List(t) => {
                let items = self.schema(*t);
                json!({"type": "array", "items": items})
            }
            TypeDefKind::FixedLengthList(t, n) => {
                let items = self.schema(*t);
                json!({"type": "array", "items": items, "minItems": n, "maxItems": n})
            }
            TypeDefKind::Tuple(t) => {
                let items: Vec<Value> = t.types.iter().map(|t| self.schema(*t)).collect();
                let n = items.len();
                json!({"type": "array", "prefixItems": items, "items": false, "minItems": n, "maxItems": n})
            }
            TypeDefKind::Map(k, v) => {
                let pair = vec![self.schema(*k), self.schema(*v)];
                json!({"type": "array", "items": {"type": "array", "prefixItems": pair, "items": false}})
            }
            TypeDefKind::Type(t) => self.schema(*t),
            other => panic!("no JSON form for a WIT {}", other.as_str()),
        }
    }

    /// One alternative of a variant: `"case"` without a payload, `{"case": payload}` with one.
    /// On input the bridge also takes a bare `"case"` when the payload may be empty.
    fn case(&mut self, name: &str, payload: Option<Type>, doc: &str) -> Value {
        let key = json_name(name);
        let Some(ty) = payload else {
            return describe(json!({"const": key}), doc);
        };
        let object = single(&key, self.schema(ty));
        if self.mode == Mode::Input && self.may_be_empty(ty) {
            describe(json!({"anyOf": [{"const": key}, object]}), doc)
        } else {
            describe(object, doc)
        }
    }

    fn may_be_empty(&self, ty: Type) -> bool {
        let Type::Id(id) = ty else { return false };
        match &self.schemas.resolve.types[alias_target(self.schemas.resolve, id)].kind {
            TypeDefKind::Option(_) => true,
            TypeDefKind::Record(r) => r.fields.iter().all(|f| self.option_inner(f.ty).is_some()),
            _ => false,
        }
    }

    fn option_inner(&self, ty: Type) -> Option<Type> {
        let Type::Id(id) = ty else { return None };
        match &self.schemas.resolve.types[alias_target(self.schemas.resolve, id)].kind {
            TypeDefKind::Option(t) => Some(*t),
            _ => None,
        }
    }
}

/// The `$defs` names `value` refers to, added to `out` once each.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
                if !out.iter().any(|n| n == name) {
                    out.push(name.to_owned());
                }
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn single(key: &str, value: Value) -> Value {
    json!({"type": "object", "properties": {key: value}, "required": [key], "additionalProperties": false})
}

fn describe(mut schema: Value, doc: &str) -> Value {
    if !doc.is_empty() {
        if let Value::Object(map) = &mut schema {
            map.insert("description".into(), json!(doc));
        }
    }
    schema
}

fn is_definition(kind: &TypeDefKind) -> bool {
    matches!(kind, TypeDefKind::Record(_) | TypeDefKind::Variant(_) | TypeDefKind::Enum(_) | TypeDefKind::Flags(_))
}

/// The definition behind `use`d aliases.
fn alias_target(resolve: &Resolve, id: TypeId) -> TypeId {
    match resolve.types[id].kind {
        TypeDefKind::Type(Type::Id(inner)) => alias_target(resolve, inner),
        _ => id,
    }
}

pub fn json_name(wit: &str) -> String {
    wit.replace('-', "_")
}

pub fn docs(d: &Docs) -> String {
    d.contents.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}
