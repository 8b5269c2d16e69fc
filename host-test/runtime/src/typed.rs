//! The typed fast path: Rust bindings generated from the connector's world, so a call passes Rust
//! values straight to the guest instead of going JSON → `Val` → guest → `Val` → JSON.
//!
//! [`Connector::webhook`] is the typed `triggers.webhook`, under the same fuel, deadline and
//! poison handling as [`Connector::call`]. [`Runtime::typed_pre`] gives embedders the whole
//! world's bindings ([`ConnectorPre`]) for anything else; it type-checks every export on each
//! instantiation, which the per-instance [`Connector`] avoids by loading only the triggers.
//!
//! The generated types derive `Debug` with every field, secrets included ([`WebhookConfig`]'s
//! `secret_token`, a connection's tokens): never log them.

use anyhow::Result;
use wasmtime::component::InstancePre;

use crate::call::CallError;
use crate::engine::{Connector, HostState, Runtime};

#[allow(missing_docs)]
mod generated {
    wasmtime::component::bindgen!({
        path: "../../wit",
        world: "connector:zoom/connector",
        exports: { default: async },
        require_store_data_send: true,
        // The WASI types the world names are the host's own, so a typed `incoming-handler` call
        // takes the same resources as wasmtime-wasi-http's. wasi:http is mapped resource by
        // resource: its interfaces link with options the world's own linking does not pass.
        with: {
            "wasi:http/types.outgoing-body": wasmtime_wasi_http::p2::body::HostOutgoingBody,
            "wasi:http/types.future-incoming-response": wasmtime_wasi_http::p2::types::HostFutureIncomingResponse,
            "wasi:http/types.outgoing-response": wasmtime_wasi_http::p2::types::HostOutgoingResponse,
            "wasi:http/types.future-trailers": wasmtime_wasi_http::p2::body::HostFutureTrailers,
            "wasi:http/types.incoming-body": wasmtime_wasi_http::p2::body::HostIncomingBody,
            "wasi:http/types.incoming-response": wasmtime_wasi_http::p2::types::HostIncomingResponse,
            "wasi:http/types.response-outparam": wasmtime_wasi_http::p2::types::HostResponseOutparam,
            "wasi:http/types.outgoing-request": wasmtime_wasi_http::p2::types::HostOutgoingRequest,
            "wasi:http/types.incoming-request": wasmtime_wasi_http::p2::types::HostIncomingRequest,
            "wasi:http/types.fields": wasmtime_wasi_http::FieldMap,
            "wasi:http/types.request-options": wasmtime_wasi_http::RequestOptions,
            "wasi:io": wasmtime_wasi::p2::bindings::io,
            "wasi:clocks": wasmtime_wasi::p2::bindings::clocks,
        },
    });
}

/// The generated bindings for the `connector` world: [`bindings::Connector`], its `*Pre` and
/// every WIT type of the exported interfaces (`bindings::exports::connector::zoom::...`).
pub mod bindings {
    pub use super::generated::*;
}

pub use generated::exports::connector::zoom::triggers::{WebhookConfig, WebhookOutcome, WebhookReply, WebhookRequest};
/// The whole world's bindings, pre-instantiated: see [`Runtime::typed_pre`].
pub type ConnectorPre = generated::ConnectorPre<HostState>;

use generated::exports::connector::zoom::triggers;

/// What the runtime looks up once for the typed calls of every instance.
pub(crate) struct TypedExports {
    pre: ConnectorPre,
    triggers: triggers::GuestIndices,
}

impl TypedExports {
    pub(crate) fn new(pre: &InstancePre<HostState>) -> Result<TypedExports> {
        Ok(TypedExports { pre: ConnectorPre::new(pre.clone())?, triggers: triggers::GuestIndices::new(pre)? })
    }
}

impl Runtime {
    /// The typed bindings of the whole `connector` world, for embedders that call exports other
    /// than those [`Connector`] offers typed. The instances it makes run without the per-call
    /// limits of [`Connector`] (fuel is set once, by the store): prefer [`Connector`]'s calls.
    pub fn typed_pre(&self) -> &ConnectorPre {
        &self.exports.typed.pre
    }
}

impl Connector {
    /// `triggers.webhook`, typed: verifies a delivery and says how to answer it.
    ///
    /// Fails with a [`CallError`] (downcast the error) when the guest trapped or ran past a limit,
    /// which poisons the instance as [`Connector::call`] does.
    pub async fn webhook(&mut self, request: &WebhookRequest, config: &WebhookConfig) -> Result<WebhookOutcome> {
        self.begin_call()?;
        if self.triggers.is_none() {
            // Loaded once per instance: loading type-checks each of the interface's functions.
            self.triggers = Some(self.exports.typed.triggers.load(&mut self.store, &self.instance)?);
        }
        let guest = self.triggers.as_ref().expect("loaded above");
        let call = guest.call_webhook(&mut self.store, request, config);
        let called = tokio::time::timeout(self.deadline, call).await;
        self.end_call("webhook", called).map_err(anyhow::Error::from)
    }
}

/// Whether `error` is a [`CallError`], and which.
pub fn call_error(error: &anyhow::Error) -> Option<&CallError> {
    error.downcast_ref::<CallError>()
}

/// The typed `triggers` functions of one instance.
pub(crate) type TriggersGuest = triggers::Guest;
