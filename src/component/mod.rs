//! The glue between the WIT exports and the native modules; wasm32 only. Each export builds a
//! client for its connection over [`wasi_transport::WasiTransport`], runs the module that does
//! the work, and turns its error into the WIT `zoom-error` with every secret scrubbed.

mod auth_exports;
mod exports;
mod incoming_handler;
mod wasi_transport;

/// The type every WIT export is implemented on.
pub(crate) struct Component;

crate::wit::bindings::export!(Component with_types_in crate::wit::bindings);
