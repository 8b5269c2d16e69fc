//! The `zoom-host` CLI and what it shares with its tests and the recipes in `examples/`: the
//! command line ([`args`]), where a connection comes from ([`connection`]), the OAuth authorization-code flow ([`oauth_flow`]),
//! keeping a tokens file current ([`token_persist`]), how results print ([`render`]), what a
//! failure means ([`failure`]), progress while a list is fetched ([`progress`]), one call as every command makes it
//! ([`invoke`]), the MCP server ([`mcp`]), the demo ([`demo`]), the benchmark ([`bench`]), the recipe scaffold
//! ([`recipe`]) and the webhook-trigger arguments ([`trigger`]).
//!
//! `build.rs` builds the component for `wasm32-wasip2`; [`runtime`] loads that build into
//! [`zoom_runtime`]. The simulator is [`zoom_sim`].

use std::path::Path;

use anyhow::Result;
use zoom_runtime::{Limits, Runtime};

pub mod args;
pub mod bench;
pub mod connection;
pub mod demo;
pub mod docs;
pub mod failure;
pub mod input_check;
pub mod invoke;
pub mod mcp;
pub mod oauth_flow;
pub mod oauth_pending;
pub mod progress;
pub mod recipe;
pub mod render;
pub mod token_persist;
pub mod trigger;

/// The component `build.rs` built for this host.
pub const COMPONENT_PATH: &str = env!("COMPONENT_PATH");

/// The runtime for the component built with this crate.
pub fn runtime(limits: Limits) -> Result<Runtime> {
    Runtime::from_file(Path::new(COMPONENT_PATH), limits)
}
