//! An embeddable wasmtime runtime for the zoom-connector component.
//!
//! [`Runtime`] loads the component once (with a compiled-artifact cache) and hands out cheap
//! instances; [`Connector::call`] calls any export with JSON, converted to and from the WIT types
//! by [`bridge`]; [`typed`] is the fast path without JSON (generated bindings:
//! [`Connector::webhook`], [`Runtime::typed_pre`]). Every instance runs under [`Limits`]: fuel,
//! memory and an [`egress`] allow-list of the hosts it may reach, reached over the runtime's
//! keep-alive [`pool`]. [`serve`] runs the component's `wasi:http` endpoint (its replay store in
//! memory, or in Redis through [`redis`] for replicas); [`connection`] and
//! [`token_file`] are the connection JSON and the OAuth tokens file a platform keeps.
//!
//! This is what an embedder links: it knows nothing of the simulator, the CLI or where the
//! component file came from ([`Runtime::from_file`] takes a path). It may depend only on wasmtime
//! and small crates; `zoom-host` and platforms depend on it.

pub mod atomic_file;
pub mod bridge;
mod cache;
mod call;
pub mod connection;
pub mod egress;
mod engine;
mod exports;
mod meter;
pub mod pool;
pub mod redis;
pub mod serve;
pub mod token_file;
pub mod typed;

pub use call::CallError;
pub use connection::{s2s_connection, token_connection};
pub use engine::{
    Connector, FunctionType, HostState, Limits, Outcome, Runtime, ACTIONS, AUTH, MANIFEST, OPTIONS, TRIGGERS,
};
