//! The runtime's JSON ⇄ WIT bridge (host-test/runtime/src/bridge.rs, included as it is) on
//! fuzzer-chosen JSON against every exported function's input type, read from the built component.
//! An input is `function-name\n` then the JSON. A value that converts comes back from JSON to the
//! same value; one that does not is a `BridgeError` naming a field.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wasmtime::component::types::ComponentItem;
use wasmtime::component::{Component, Type};
use wasmtime::{Engine, Result};

#[path = "../../host-test/runtime/src/bridge.rs"]
#[allow(dead_code)]
mod bridge;

/// The interfaces whose functions take JSON from platforms (`zoom-host call`, triggers, options).
const INTERFACES: &[&str] = &[
    "connector:zoom/actions@0.1.0",
    "connector:zoom/triggers@0.1.0",
    "connector:zoom/options@0.1.0",
    "connector:zoom/auth@0.1.0",
];

/// Each function (`interface#name`) with the type of its last parameter, the one JSON fills.
fn inputs() -> &'static Vec<(String, Type)> {
    static INPUTS: OnceLock<Vec<(String, Type)>> = OnceLock::new();
    INPUTS.get_or_init(|| load().expect("the component's exported types (build it: scripts/fuzz.sh does)"))
}

fn load() -> Result<Vec<(String, Type)>> {
    let path = std::env::var("ZOOM_COMPONENT").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm32-wasip2/release/zoom_connector.wasm").to_owned()
    });
    let engine = Engine::default();
    let component = Component::from_file(&engine, &path)?;
    let mut out = Vec::new();
    for (interface, item) in component.component_type().exports(&engine) {
        let ComponentItem::ComponentInstance(instance) = item.ty else { continue };
        if !INTERFACES.contains(&interface) {
            continue;
        }
        for (name, item) in instance.exports(&engine) {
            if let ComponentItem::ComponentFunc(f) = item.ty {
                if let Some((_, ty)) = f.params().last() {
                    out.push((format!("{interface}#{name}"), ty));
                }
            }
        }
    }
    assert!(out.len() > 50, "only {} functions found in {path}", out.len());
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let inputs = inputs();
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let (name, json) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let Ok(value) = serde_json::from_slice::<Value>(json) else { return };
    let name = String::from_utf8_lossy(name);
    let (_, ty) = inputs.iter().find(|(n, _)| n.ends_with(&format!("#{name}"))).unwrap_or_else(|| {
        let pick = name.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
        &inputs[pick % inputs.len()]
    });
    match bridge::to_val(ty, &value, "") {
        Ok(val) => {
            let back = bridge::to_json(&val);
            assert_eq!(bridge::to_val(ty, &back, ""), Ok(val), "{back}");
        }
        Err(e) => assert!(!e.field.is_empty() && !e.message.is_empty(), "{e:?}"),
    }
});
