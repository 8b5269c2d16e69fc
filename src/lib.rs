//! Zoom connector for workflow-automation platforms, as a WASI 0.2 component.
//!
//! The WIT package in `wit/` is the contract; [`wit`] holds its generated types. The glue that
//! exports it lives in `component` and compiles for wasm32 only; everything else is plain Rust
//! that compiles and is unit-tested natively. Outbound HTTP goes through the [`http::Transport`]
//! trait, which the component implements with WASI HTTP and tests implement with scripted answers.
//!
//! Nothing links this crate as Rust (it is a `cdylib` only): hosts load the built `.wasm` and see
//! the WIT. The fuzz targets link these same sources as an rlib (`fuzz/connector`) with the
//! `fuzzing` feature, whose entry points are all the crate exports then. It depends on no other
//! crate of the workspace.

// Natively nothing calls in (the exports are wasm32-only), so the wasm32 build judges dead code.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod actions;
mod auth;
#[cfg(target_arch = "wasm32")]
mod component;
mod error;
// Also built in tests: the stable suite checks the fuzz targets' properties through it (proptest).
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod http;
mod json;
mod json_fields;
mod manifest;
mod options;
// Also the fuzzer's seeds and its runs of every action (src/fuzzing).
#[cfg(any(test, feature = "fuzzing"))]
mod spec_examples;
mod time;
mod triggers;
mod validate;
mod wit;
