//! The runtime's JSON ⇄ WIT bridge on any JSON against every exported function's input type (the
//! property fuzz/fuzz_targets/bridge.rs searches for minutes): a value that converts comes back
//! from its JSON as the same value; one that does not is a `BridgeError` naming a field. Inputs
//! are any small JSON, and each action's documented example input (docs/actions.md) with one
//! value swapped for any other.

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{json, Value};
use wasmtime::component::Type;
use zoom_runtime::bridge::{to_json, to_val};
use zoom_runtime::{ACTIONS, OPTIONS, TRIGGERS};

use crate::harness::runtime;

/// Each function with the type of its last parameter, the one a platform's JSON fills.
fn inputs() -> &'static Vec<(String, Type)> {
    static INPUTS: OnceLock<Vec<(String, Type)>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let mut out = Vec::new();
        for interface in [ACTIONS, TRIGGERS, OPTIONS] {
            for f in runtime().functions(interface).expect("the interface") {
                if let Some((_, ty)) = f.params.last() {
                    out.push((f.name.clone(), ty.clone()));
                }
            }
        }
        out
    })
}

/// `(action, example input)` from the reference's `## action` headings and their JSON blocks.
fn examples() -> &'static Vec<(String, Value)> {
    static EXAMPLES: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/actions.md")).unwrap();
        let (mut out, mut action, mut lines) = (Vec::new(), None, docs.lines());
        while let Some(line) = lines.next() {
            if let Some(id) = line.strip_prefix("## ") {
                action = Some(id.trim().to_owned());
            } else if line.trim() == "```json" {
                let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
                if let Some(id) = action.take() {
                    out.push((id, serde_json::from_str(&block.join("\n")).unwrap()));
                }
            }
        }
        out
    })
}

fn check(ty: &Type, value: &Value) -> Result<(), TestCaseError> {
    match to_val(ty, value, "") {
        Ok(val) => {
            let back = to_json(&val);
            prop_assert_eq!(to_val(ty, &back, ""), Ok(val), "{} came back as {}", value, back);
        }
        Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{:?}", e),
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        any::<u64>().prop_map(|n| json!(n.to_string())),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the `n`th value (in document order, wrapping) of `v` with `new`.
fn swap_nth(v: &mut Value, n: usize, new: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(m) => m.values().map(count).sum(),
            _ => 0,
        }
    }
    fn go(v: &mut Value, n: &mut usize, new: &mut Option<Value>) {
        if *n == 0 {
            if let Some(new) = new.take() {
                *v = new;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|x| go(x, n, new)),
            Value::Object(m) => m.values_mut().for_each(|x| go(x, n, new)),
            _ => {}
        }
    }
    let mut n = n % count(v);
    go(v, &mut n, &mut Some(new));
}

#[test]
fn every_documented_example_input_converts_and_round_trips() {
    assert!(examples().len() > 50, "only {} examples in docs/actions.md", examples().len());
    for (action, example) in examples() {
        let (_, ty) = inputs().iter().find(|(n, _)| n == action).unwrap_or_else(|| panic!("no export {action}"));
        // Actions without input document `{}`; their last parameter is the connection.
        if example.as_object().is_some_and(|o| o.is_empty()) {
            continue;
        }
        let val = to_val(ty, example, "").unwrap_or_else(|e| panic!("{action}: {e:?}"));
        assert_eq!(to_val(ty, &to_json(&val), ""), Ok(val), "{action}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_json_converts_and_round_trips_or_names_a_field(pick in any::<usize>(), value in json_value()) {
        let (_, ty) = &inputs()[pick % inputs().len()];
        check(ty, &value)?;
    }

    #[test]
    fn documented_inputs_changed_convert_and_round_trip_or_name_a_field(
        pick in any::<usize>(), at in any::<usize>(), new in json_value(),
    ) {
        let (action, example) = &examples()[pick % examples().len()];
        let (_, ty) = inputs().iter().find(|(n, _)| n == action).unwrap();
        let mut value = example.clone();
        swap_nth(&mut value, at, new);
        check(ty, &value)?;
    }
}
