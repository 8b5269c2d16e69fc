//! Builds the component for `wasm32-wasip2` and hands its path to the crate as `COMPONENT_PATH`.
//!
//! The inner cargo uses its own target dir: sharing the outer one deadlocks on the build lock.
//! The outer build's RUSTFLAGS and rustc wrappers are meant for the host, so they are dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.ancestors().nth(2).expect("host-test/cli lives inside the workspace").to_path_buf();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let target_dir = component_target_dir(&root, &out_dir);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());

    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--release", "--target", "wasm32-wasip2", "-p", "zoom-connector", "--target-dir"])
        .arg(&target_dir)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .env_remove("CARGO_TARGET_DIR")
        // `cargo clippy` wraps rustc for the outer build; the component is linted on its own.
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("CLIPPY_ARGS")
        .status()
        .expect("running cargo for the component");
    assert!(
        status.success(),
        "building the component for wasm32-wasip2 failed (is the target installed? `rustup target add wasm32-wasip2`)"
    );

    let wasm = target_dir.join("wasm32-wasip2/release/zoom_connector.wasm");
    println!("cargo:rustc-env=COMPONENT_PATH={}", wasm.display());
    rerun_on_inputs(&target_dir.join("wasm32-wasip2/release/zoom_connector.d"), &root);
}

/// `target/component` beside the outer build's target dir, so `cargo clean` removes it too.
fn component_target_dir(root: &Path, out_dir: &Path) -> PathBuf {
    out_dir
        .ancestors()
        .find(|p| p.file_name().is_some_and(|n| n == "build"))
        .and_then(|build| build.parent()?.parent())
        .map(|target| target.join("component"))
        .unwrap_or_else(|| root.join("target/component"))
}

/// The dep-info file lists every `.rs` and `.wit` input of the component.
fn rerun_on_inputs(dep_info: &Path, root: &Path) {
    println!("cargo:rerun-if-changed={}", root.join("Cargo.toml").display());
    println!("cargo:rerun-if-changed={}", root.join("wit").display());
    println!("cargo:rerun-if-changed={}", root.join("src").display());
    println!("cargo:rerun-if-changed={}", root.join("spec").display());
    println!("cargo:rerun-if-changed={}", root.join("build.rs").display());
    let Ok(text) = std::fs::read_to_string(dep_info) else { return };
    let Some((_, inputs)) = text.split_once(": ") else { return };
    for input in inputs.split_whitespace() {
        if !input.ends_with('\\') {
            println!("cargo:rerun-if-changed={input}");
        }
    }
}
