//! The embedded host for the zoom-connector component: a wasmtime runtime that calls the
//! component's exports with JSON ([`runtime`]), the JSON ⇄ WIT bridge ([`bridge`]), the egress
//! allow-list ([`egress`]), and a strict Zoom API simulator ([`sim`]).

pub mod bench;
pub mod bridge;
pub mod conformance;
pub mod connection;
pub mod demo;
pub mod egress;
pub mod oauth_flow;
pub mod recipe;
pub mod runtime;
pub mod serve;
pub mod sim;
pub mod token_file;
pub mod trigger;
