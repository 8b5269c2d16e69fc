//! The fuzz targets' properties as proptest properties, run in the normal suite in seconds: the
//! targets in `fuzz/` search the same spaces for minutes under coverage guidance.

mod answers;
mod crate_sync;
mod cursor;
mod retry;
mod webhook;

use proptest::prelude::*;

/// Cases per property: enough to cover each shape many times, few enough to keep the suite fast.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Any JSON value, small: the shapes a proxy or a changed API could put where Zoom documents one.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        Just(json!("Unlimited")),
        Just(json!("")),
        Just(json!("2027-01-01T00:00:00Z")),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
