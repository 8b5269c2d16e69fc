//! `docs/actions.md` and `docs/triggers.md` are what `zoom-host docs` writes from the component
//! being tested; and every example input they show fits its input schema.

use std::path::PathBuf;

use serde_json::Value;
use zoom_runtime::{Outcome, MANIFEST};

use crate::harness::{runtime, Env};

fn committed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test(flavor = "multi_thread")]
async fn committed_reference_is_what_the_manifest_generates() {
    let reference = zoom_host::docs::generate(runtime()).await.expect("docs");
    for (name, fresh) in [("actions.md", &reference.actions), ("triggers.md", &reference.triggers)] {
        assert!(committed(name) == *fresh, "docs/{name} is stale: run `cargo run -p zoom-host -- docs`");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_documented_example_input_fits_its_schema_and_every_action_has_a_section() {
    let mut env = Env::new().await;
    let Outcome::Ok(actions) = env.connector.call(MANIFEST, "describe", &[]).await.expect("describe") else {
        panic!("describe failed")
    };
    let page = committed("actions.md");
    for a in actions.as_array().expect("a list") {
        let id = a["id"].as_str().expect("id");
        assert!(page.contains(&format!("\n## {id}\n")), "no section for {id}");
        let schema: Value = serde_json::from_str(a["input_schema"].as_str().expect("schema")).expect("JSON");
        let example = zoom_host::docs::example_input(&schema);
        let validator = jsonschema::draft202012::new(&schema).expect("compiles");
        let errors: Vec<String> = validator.iter_errors(&example).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{id}: example {example} does not fit: {errors:?}");
    }
}
