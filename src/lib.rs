//! Zoom connector for workflow-automation platforms, as a WASI 0.2 component.
//!
//! The WIT package in `wit/` is the contract. This crate implements its exports: the glue lives in
//! [`exports`]; everything else is plain Rust that compiles and is unit-tested natively. Outbound
//! HTTP goes through the [`http::Transport`] trait, which the component implements with `waki`
//! (WASI HTTP) and tests implement with scripted responses.

pub mod auth;
#[cfg(target_arch = "wasm32")]
mod auth_exports;
mod bindings;
pub mod chat;
pub mod cursor;
pub mod endpoint;
pub mod error;
pub mod events;
#[cfg(target_arch = "wasm32")]
mod exports;
pub mod http;
#[cfg(target_arch = "wasm32")]
mod http_endpoint;
pub mod jwt;
pub mod licenses;
pub mod manifest_table;
mod meeting_body;
pub mod meetings;
pub mod oauth;
pub mod paging;
pub mod phone;
pub mod plans;
pub mod polling;
pub mod raw;
pub mod reconcile;
pub mod recordings;
pub mod registrants;
pub mod reports;
pub mod retry;
pub mod spec;
pub mod token_store;
pub mod trigger_manifest;
pub mod user_settings;
pub mod user_status;
pub mod users;
pub mod validate;
pub mod webhook;
pub mod webinars;

#[cfg(target_arch = "wasm32")]
mod wasi_transport;

pub use bindings::connector::zoom::{
    chat_phone_types, events as events_wit, meeting_types, poll_types, raw_types, report_types, types, user_types,
    webinar_types,
};
pub use bindings::exports::connector::zoom::{actions, auth as auth_api, manifest, triggers};
