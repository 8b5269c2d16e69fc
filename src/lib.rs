//! Zoom connector for workflow-automation platforms, as a WASI 0.2 component.
//!
//! The WIT package in `wit/` is the contract. This crate implements its exports: the glue lives in
//! [`exports`]; everything else is plain Rust that compiles and is unit-tested natively. Outbound
//! HTTP goes through the [`http::Transport`] trait, which the component implements with `waki`
//! (WASI HTTP) and tests implement with scripted responses.

pub mod auth;
mod bindings;
pub mod error;
#[cfg(target_arch = "wasm32")]
mod exports;
pub mod http;
pub mod meetings;
pub mod paging;
pub mod raw;
pub mod registrants;
pub mod retry;
pub mod users;
pub mod validate;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
mod wasi_transport;

pub use bindings::connector::zoom::types;
pub use bindings::exports::connector::zoom::{actions, triggers};
