//! JSON ⇄ component values, driven by the component's own exported types.
//!
//! Rules: record fields and variant cases use the WIT names with `-` → `_` (both spellings are
//! accepted on input); `option` is `null` or absent; enums are their case name as a string; a
//! variant case is `{"case": payload}` or just `"case"` without a payload; 64-bit integers may be
//! given as digit strings, because many platforms' JSON loses precision above 2^53.

use serde_json::{json, Map, Value};
use wasmtime::component::types::Record;
use wasmtime::component::{Type, Val};

/// An input that does not fit the action's WIT type. `field` is the JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeError {
    pub field: String,
    pub message: String,
}

impl BridgeError {
    fn new(field: &str, message: impl Into<String>) -> Self {
        BridgeError { field: if field.is_empty() { "input".into() } else { field.into() }, message: message.into() }
    }

    /// The same JSON shape as the component's `invalid-input` error.
    pub fn to_json(&self) -> Value {
        json!({"invalid_input": {"field": self.field, "message": self.message}})
    }
}

/// The JSON key for a WIT name.
pub fn json_name(wit: &str) -> String {
    wit.replace('-', "_")
}

/// Whether two WIT or JSON names are the same once `-` and `_` are equated (as [`json_name`]
/// does), without building either.
fn same_name(a: &str, b: &str) -> bool {
    let dash = |c: u8| c == b'-' || c == b'_';
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y || (dash(x) && dash(y)))
}

/// [`json_name`] of a name already owned, which is reused when it has no `-`.
fn into_json_name(name: String) -> String {
    if name.contains('-') {
        json_name(&name)
    } else {
        name
    }
}

/// Where a value sits in the input. Rendered only when an error names it: building the text of
/// every field's and list item's path (a body's every byte) cost more than the conversion.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'a str),
    /// A record field or variant case, by its WIT name.
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root(path) => (*path).to_owned(),
            Path::Field(parent, name) => join(&parent.render(), &json_name(name)),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }

    fn error(&self, message: impl Into<String>) -> BridgeError {
        BridgeError::new(&self.render(), message)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Converts `value` to a component value of type `ty`; `path` names it in errors.
pub fn to_val(ty: &Type, value: &Value, path: &str) -> Result<Val, BridgeError> {
    val(ty, value, Path::Root(path))
}

fn val(ty: &Type, value: &Value, path: Path<'_>) -> Result<Val, BridgeError> {
    let want = |what: &str| path.error(format!("must be {what}"));
    Ok(match ty {
        Type::Bool => Val::Bool(value.as_bool().ok_or_else(|| want("true or false"))?),
        Type::String => Val::String(value.as_str().ok_or_else(|| want("a string"))?.to_owned()),
        Type::Char => {
            let s = value.as_str().ok_or_else(|| want("a single character"))?;
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Val::Char(c),
                _ => return Err(want("a single character")),
            }
        }
        Type::U8 => Val::U8(unsigned(value, path, u8::MAX as u64)? as u8),
        Type::U16 => Val::U16(unsigned(value, path, u16::MAX as u64)? as u16),
        Type::U32 => Val::U32(unsigned(value, path, u32::MAX as u64)? as u32),
        Type::U64 => Val::U64(unsigned(value, path, u64::MAX)?),
        Type::S8 => Val::S8(signed(value, path, i8::MIN as i64, i8::MAX as i64)? as i8),
        Type::S16 => Val::S16(signed(value, path, i16::MIN as i64, i16::MAX as i64)? as i16),
        Type::S32 => Val::S32(signed(value, path, i32::MIN as i64, i32::MAX as i64)? as i32),
        Type::S64 => Val::S64(signed(value, path, i64::MIN, i64::MAX)?),
        Type::Float32 => Val::Float32(value.as_f64().ok_or_else(|| want("a number"))? as f32),
        Type::Float64 => Val::Float64(value.as_f64().ok_or_else(|| want("a number"))?),
        Type::List(list) => {
            let items = value.as_array().ok_or_else(|| want("a list"))?;
            let inner = list.ty();
            let vals = items.iter().enumerate().map(|(i, v)| val(&inner, v, Path::Index(&path, i)));
            Val::List(vals.collect::<Result<_, _>>()?)
        }
        Type::Tuple(tuple) => {
            let items = value.as_array().ok_or_else(|| want("a list"))?;
            if items.len() != tuple.types().len() {
                return Err(want(&format!("a list of {} items", tuple.types().len())));
            }
            let vals = tuple.types().zip(items).enumerate().map(|(i, (t, v))| val(&t, v, Path::Index(&path, i)));
            Val::Tuple(vals.collect::<Result<_, _>>()?)
        }
        Type::Option(opt) => match value {
            Value::Null => Val::Option(None),
            v => Val::Option(Some(Box::new(val(&opt.ty(), v, path)?))),
        },
        Type::Record(record) => {
            let object = value.as_object().ok_or_else(|| want("an object"))?;
            record_val(record, object, path)?
        }
        Type::Enum(e) => {
            let given = value.as_str().ok_or_else(|| want("a string"))?;
            match e.names().find(|n| same_name(n, given)) {
                Some(n) => Val::Enum(n.to_owned()),
                None => {
                    return Err(want(&format!("one of {}", e.names().map(json_name).collect::<Vec<_>>().join(", "))))
                }
            }
        }
        Type::Variant(variant) => {
            let one_of = || variant.cases().map(|c| json_name(c.name)).collect::<Vec<_>>().join(", ");
            let (given, payload) = match value {
                Value::String(s) => (s.as_str(), None),
                Value::Object(m) if m.len() == 1 => {
                    let (k, v) = m.iter().next().expect("one entry");
                    (k.as_str(), Some(v))
                }
                _ => return Err(want(&format!("one of {} (as \"case\" or {{\"case\": value}})", one_of()))),
            };
            let case = variant
                .cases()
                .find(|c| same_name(c.name, given))
                .ok_or_else(|| want(&format!("one of {}", one_of())))?;
            let inner_path = Path::Field(&path, case.name);
            let payload = match (&case.ty, payload) {
                (None, None) | (None, Some(Value::Null)) => None,
                (None, Some(_)) => return Err(inner_path.error("takes no value")),
                (Some(t), Some(v)) => Some(Box::new(val(t, v, inner_path)?)),
                (Some(Type::Option(_)), None) => Some(Box::new(Val::Option(None))),
                (Some(t), None) => Some(Box::new(val(t, &Value::Object(Map::new()), inner_path)?)),
            };
            Val::Variant(case.name.to_owned(), payload)
        }
        Type::Flags(flags) => {
            let items = value.as_array().ok_or_else(|| want("a list of flag names"))?;
            let mut set = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let given = item.as_str().unwrap_or_default();
                let name = flags.names().find(|n| same_name(n, given));
                set.push(name.ok_or_else(|| Path::Index(&path, i).error("is not a known flag"))?.to_owned());
            }
            Val::Flags(set)
        }
        other => return Err(path.error(format!("has a WIT type the JSON bridge cannot build ({other:?})"))),
    })
}

fn record_val(record: &Record, object: &Map<String, Value>, path: Path<'_>) -> Result<Val, BridgeError> {
    for key in object.keys() {
        if !record.fields().any(|f| same_name(f.name, key)) {
            let known: Vec<String> = record.fields().map(|f| json_name(f.name)).collect();
            return Err(BridgeError::new(
                &join(&path.render(), key),
                format!("is not an input here; known: {}", known.join(", ")),
            ));
        }
    }
    let mut out = Vec::with_capacity(record.fields().len());
    for field in record.fields() {
        let name = field.name;
        // The JSON spelling first, then the WIT one; a name without `-` is both.
        let given = if name.contains('-') {
            object.get(&json_name(name)).or_else(|| object.get(name))
        } else {
            object.get(name)
        };
        let value = match (given, &field.ty) {
            (None, Type::Option(_)) => Val::Option(None),
            (None, _) | (Some(Value::Null), _) if !matches!(field.ty, Type::Option(_)) => {
                return Err(Path::Field(&path, name).error("is required"))
            }
            (Some(v), t) => val(t, v, Path::Field(&path, name))?,
            (None, _) => unreachable!("handled above"),
        };
        out.push((name.to_owned(), value));
    }
    Ok(Val::Record(out))
}

fn unsigned(value: &Value, path: Path<'_>, max: u64) -> Result<u64, BridgeError> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    n.filter(|n| *n <= max).ok_or_else(|| {
        let field = path.render();
        // Where the WIT types a meeting or webinar id as a number, Zoom's route takes only the
        // numeric id; text there is most often an instance UUID, so the error says which Zoom wants.
        let kind = ["meeting", "webinar"].into_iter().find(|k| field.ends_with(&format!("{k}_id")));
        match (kind, value) {
            (Some(kind), Value::String(_)) => BridgeError::new(
                &field,
                format!("must be the numeric {kind} id (a whole number): Zoom takes no instance UUID here"),
            ),
            _ => path.error(format!("must be a whole number from 0 to {max}")),
        }
    })
}

fn signed(value: &Value, path: Path<'_>, min: i64, max: i64) -> Result<i64, BridgeError> {
    let n = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    };
    n.filter(|n| (min..=max).contains(n))
        .ok_or_else(|| path.error(format!("must be a whole number from {min} to {max}")))
}

/// Converts a component value to JSON by the same rules.
pub fn to_json(val: &Val) -> Value {
    into_json(val.clone())
}

/// [`to_json`] of a value no longer needed: its strings (a payload, a page of items) move into
/// the JSON instead of being copied.
pub fn into_json(val: Val) -> Value {
    match val {
        Val::Bool(b) => json!(b),
        Val::S8(n) => json!(n),
        Val::U8(n) => json!(n),
        Val::S16(n) => json!(n),
        Val::U16(n) => json!(n),
        Val::S32(n) => json!(n),
        Val::U32(n) => json!(n),
        Val::S64(n) => json!(n),
        Val::U64(n) => json!(n),
        Val::Float32(n) => json!(n),
        Val::Float64(n) => json!(n),
        Val::Char(c) => Value::String(c.to_string()),
        Val::String(s) => Value::String(s),
        Val::List(items) | Val::Tuple(items) | Val::FixedLengthList(items) => {
            Value::Array(items.into_iter().map(into_json).collect())
        }
        Val::Record(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (into_json_name(k), into_json(v))).collect())
        }
        Val::Enum(name) | Val::Variant(name, None) => Value::String(into_json_name(name)),
        Val::Variant(name, Some(payload)) => {
            Value::Object(std::iter::once((into_json_name(name), into_json(*payload))).collect())
        }
        Val::Option(None) => Value::Null,
        Val::Option(Some(v)) => into_json(*v),
        Val::Result(Ok(v)) => json!({"ok": v.map(|v| into_json(*v))}),
        Val::Result(Err(v)) => json!({"err": v.map(|v| into_json(*v))}),
        Val::Flags(names) => Value::Array(names.into_iter().map(|n| Value::String(into_json_name(n))).collect()),
        Val::Map(pairs) => Value::Array(pairs.into_iter().map(|(k, v)| json!([into_json(k), into_json(v)])).collect()),
        other => json!(format!("{other:?}")),
    }
}
