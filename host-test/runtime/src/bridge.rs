//! JSON ⇄ component values, driven by the component's own exported types.
//!
//! Rules: record fields and variant cases use the WIT names with `-` → `_` (both spellings are
//! accepted on input); `option` is `null` or absent; enums are their case name as a string; a
//! variant case is `{"case": payload}` or just `"case"` without a payload; 64-bit integers may be
//! given as digit strings, because many platforms' JSON loses precision above 2^53.

use serde_json::{json, Map, Value};
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

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Converts `value` to a component value of type `ty`; `path` names it in errors.
pub fn to_val(ty: &Type, value: &Value, path: &str) -> Result<Val, BridgeError> {
    let want = |what: &str| BridgeError::new(path, format!("must be {what}"));
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
            let vals = items.iter().enumerate().map(|(i, v)| to_val(&inner, v, &format!("{path}[{i}]")));
            Val::List(vals.collect::<Result<_, _>>()?)
        }
        Type::Tuple(tuple) => {
            let items = value.as_array().ok_or_else(|| want("a list"))?;
            let types: Vec<Type> = tuple.types().collect();
            if items.len() != types.len() {
                return Err(want(&format!("a list of {} items", types.len())));
            }
            let vals = types.iter().zip(items).enumerate().map(|(i, (t, v))| to_val(t, v, &format!("{path}[{i}]")));
            Val::Tuple(vals.collect::<Result<_, _>>()?)
        }
        Type::Option(opt) => match value {
            Value::Null => Val::Option(None),
            v => Val::Option(Some(Box::new(to_val(&opt.ty(), v, path)?))),
        },
        Type::Record(record) => {
            let object = value.as_object().ok_or_else(|| want("an object"))?;
            record_val(record.fields().map(|f| (f.name.to_owned(), f.ty)).collect(), object, path)?
        }
        Type::Enum(e) => {
            let given = value.as_str().ok_or_else(|| want("a string"))?;
            let names: Vec<&str> = e.names().collect();
            match names.iter().find(|n| json_name(n) == json_name(given)) {
                Some(n) => Val::Enum((*n).to_owned()),
                None => {
                    return Err(want(&format!(
                        "one of {}",
                        names.iter().map(|n| json_name(n)).collect::<Vec<_>>().join(", ")
                    )))
                }
            }
        }
        Type::Variant(variant) => {
            let cases: Vec<(String, Option<Type>)> = variant.cases().map(|c| (c.name.to_owned(), c.ty)).collect();
            let one_of = || cases.iter().map(|(n, _)| json_name(n)).collect::<Vec<_>>().join(", ");
            let (given, payload) = match value {
                Value::String(s) => (s.as_str(), None),
                Value::Object(m) if m.len() == 1 => {
                    let (k, v) = m.iter().next().expect("one entry");
                    (k.as_str(), Some(v))
                }
                _ => return Err(want(&format!("one of {} (as \"case\" or {{\"case\": value}})", one_of()))),
            };
            let (name, ty) = cases
                .iter()
                .find(|(n, _)| json_name(n) == json_name(given))
                .ok_or_else(|| want(&format!("one of {}", one_of())))?;
            let inner_path = join(path, &json_name(name));
            let payload = match (ty, payload) {
                (None, None) | (None, Some(Value::Null)) => None,
                (None, Some(_)) => return Err(BridgeError::new(&inner_path, "takes no value")),
                (Some(t), Some(v)) => Some(Box::new(to_val(t, v, &inner_path)?)),
                (Some(Type::Option(_)), None) => Some(Box::new(Val::Option(None))),
                (Some(t), None) => Some(Box::new(to_val(t, &Value::Object(Map::new()), &inner_path)?)),
            };
            Val::Variant(name.clone(), payload)
        }
        Type::Flags(flags) => {
            let items = value.as_array().ok_or_else(|| want("a list of flag names"))?;
            let names: Vec<&str> = flags.names().collect();
            let mut set = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let given = item.as_str().unwrap_or_default();
                let name = names.iter().find(|n| json_name(n) == json_name(given));
                set.push(
                    name.ok_or_else(|| BridgeError::new(&format!("{path}[{i}]"), "is not a known flag"))?.to_string(),
                );
            }
            Val::Flags(set)
        }
        other => {
            return Err(BridgeError::new(path, format!("has a WIT type the JSON bridge cannot build ({other:?})")))
        }
    })
}

fn record_val(fields: Vec<(String, Type)>, object: &Map<String, Value>, path: &str) -> Result<Val, BridgeError> {
    for key in object.keys() {
        if !fields.iter().any(|(n, _)| json_name(n) == json_name(key)) {
            let known: Vec<String> = fields.iter().map(|(n, _)| json_name(n)).collect();
            return Err(BridgeError::new(
                &join(path, key),
                format!("is not an input here; known: {}", known.join(", ")),
            ));
        }
    }
    let mut out = Vec::with_capacity(fields.len());
    for (name, ty) in fields {
        let key = json_name(&name);
        let given = object.get(&key).or_else(|| object.get(&name));
        let field_path = join(path, &key);
        let val = match (given, &ty) {
            (None, Type::Option(_)) => Val::Option(None),
            (None, _) | (Some(Value::Null), _) if !matches!(ty, Type::Option(_)) => {
                return Err(BridgeError::new(&field_path, "is required"))
            }
            (Some(v), t) => to_val(t, v, &field_path)?,
            (None, _) => unreachable!("handled above"),
        };
        out.push((name, val));
    }
    Ok(Val::Record(out))
}

fn unsigned(value: &Value, path: &str, max: u64) -> Result<u64, BridgeError> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    n.filter(|n| *n <= max).ok_or_else(|| BridgeError::new(path, format!("must be a whole number from 0 to {max}")))
}

fn signed(value: &Value, path: &str, min: i64, max: i64) -> Result<i64, BridgeError> {
    let n = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    };
    n.filter(|n| (min..=max).contains(n))
        .ok_or_else(|| BridgeError::new(path, format!("must be a whole number from {min} to {max}")))
}

/// Converts a component value to JSON by the same rules.
pub fn to_json(val: &Val) -> Value {
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
        Val::Char(c) => json!(c.to_string()),
        Val::String(s) => json!(s),
        Val::List(items) | Val::Tuple(items) | Val::FixedLengthList(items) => {
            Value::Array(items.iter().map(to_json).collect())
        }
        Val::Record(fields) => Value::Object(fields.iter().map(|(k, v)| (json_name(k), to_json(v))).collect()),
        Val::Enum(name) => json!(json_name(name)),
        Val::Variant(name, None) => json!(json_name(name)),
        Val::Variant(name, Some(payload)) => json!({ json_name(name): to_json(payload) }),
        Val::Option(None) => Value::Null,
        Val::Option(Some(v)) => to_json(v),
        Val::Result(Ok(v)) => json!({"ok": v.as_deref().map(to_json)}),
        Val::Result(Err(v)) => json!({"err": v.as_deref().map(to_json)}),
        Val::Flags(names) => Value::Array(names.iter().map(|n| json!(json_name(n))).collect()),
        Val::Map(pairs) => Value::Array(pairs.iter().map(|(k, v)| json!([to_json(k), to_json(v)])).collect()),
        other => json!(format!("{other:?}")),
    }
}
