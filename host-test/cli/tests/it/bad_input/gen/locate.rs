//! Where a value can be mutated: locations in a generated input, their WIT types and JSON paths.

use serde_json::Value;
use wasmtime::component::Type;
use zoom_runtime::bridge::json_name;

use super::fields::unwrap_option;

#[derive(Clone, Debug)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Slot {
    Root,
    Field { required: bool },
    Payload,
    Item,
}

pub(super) struct Loc {
    pub(super) steps: Vec<Step>,
    pub(super) ty: Type,
    pub(super) slot: Slot,
    pub(super) present: bool,
    /// The nearest record field name (the list's field for items).
    pub(super) key: String,
}

/// The JSON path the bridge and the component name a location by.
pub(super) fn path_of(steps: &[Step]) -> String {
    let mut path = String::new();
    for s in steps {
        match s {
            Step::Key(k) if path.is_empty() => path = k.clone(),
            Step::Key(k) => path = format!("{path}.{k}"),
            Step::Index(i) => path = format!("{path}[{i}]"),
        }
    }
    if path.is_empty() {
        "input".into()
    } else {
        path
    }
}

pub(super) fn walk(v: Option<&Value>, ty: &Type, steps: Vec<Step>, slot: Slot, key: &str, out: &mut Vec<Loc>) {
    let ty = unwrap_option(ty);
    let v = v.filter(|v| !v.is_null());
    out.push(Loc { steps: steps.clone(), ty: ty.clone(), slot, present: v.is_some(), key: key.to_owned() });
    let Some(v) = v else { return };
    let with = |s: Step| {
        let mut next = steps.clone();
        next.push(s);
        next
    };
    match &ty {
        Type::Record(r) => {
            let Some(obj) = v.as_object() else { return };
            for f in r.fields() {
                let k = json_name(f.name);
                let required = !matches!(f.ty, Type::Option(_));
                walk(obj.get(&k), &f.ty, with(Step::Key(k.clone())), Slot::Field { required }, &k, out);
            }
        }
        Type::Variant(var) => {
            let Some((case, payload)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) else {
                return;
            };
            if let Some(t) = var.cases().find(|c| json_name(c.name) == *case).and_then(|c| c.ty) {
                walk(Some(payload), &t, with(Step::Key(case.clone())), Slot::Payload, key, out);
            }
        }
        Type::List(l) => {
            let inner = l.ty();
            for (i, item) in v.as_array().into_iter().flatten().enumerate().take(3) {
                walk(Some(item), &inner, with(Step::Index(i)), Slot::Item, key, out);
            }
        }
        Type::Tuple(t) => {
            for (i, (item, t)) in v.as_array().into_iter().flatten().zip(t.types()).enumerate() {
                walk(Some(item), &t, with(Step::Index(i)), Slot::Item, key, out);
            }
        }
        _ => {}
    }
}

fn slot_mut<'v>(root: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    let mut cur = root;
    for s in steps {
        cur = match s {
            Step::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

pub(super) fn set(root: &mut Value, steps: &[Step], value: Value) {
    let Some((last, parent)) = steps.split_last() else {
        *root = value;
        return;
    };
    match (slot_mut(root, parent), last) {
        (Some(Value::Object(m)), Step::Key(k)) => {
            m.insert(k.clone(), value);
        }
        (Some(Value::Array(a)), Step::Index(i)) if *i < a.len() => a[*i] = value,
        _ => {}
    }
}

pub(super) fn remove(root: &mut Value, steps: &[Step]) {
    if let Some((Step::Key(k), parent)) = steps.split_last() {
        if let Some(Value::Object(m)) = slot_mut(root, parent) {
            m.remove(k);
        }
    }
}
