//! The contract's types, generated from `wit/`. Compiled on every target: the native code reads
//! and builds them, and only the export glue in `component` is wasm32-specific. Each WIT
//! interface keeps its WIT name here (`wit::events`, `wit::auth`), so a path says whether it
//! means the contract or the module implementing it.
//!
//! The WASI interfaces map to waki's bindings, so a request the handler receives and one waki
//! sends are the same Rust types.

#[allow(missing_docs, clippy::all)]
pub(crate) mod bindings {
    wit_bindgen::generate!({
        world: "connector",
        path: "wit",
        pub_export_macro: true,
        additional_derives: [PartialEq],
        with: {
            "wasi:http/types@0.2.2": waki::bindings::wasi::http::types,
            "wasi:io/error@0.2.2": waki::bindings::wasi::io::error,
            "wasi:io/poll@0.2.2": waki::bindings::wasi::io::poll,
            "wasi:io/streams@0.2.2": waki::bindings::wasi::io::streams,
            "wasi:clocks/monotonic-clock@0.2.2": waki::bindings::wasi::clocks::monotonic_clock,
        },
    });
}

pub(crate) use bindings::connector::zoom::{
    chat_phone_types, events, group_types, meeting_types, past_meeting_types, poll_types, raw_types, recording_types,
    report_types, types, user_types, webinar_types,
};
pub(crate) use bindings::exports::connector::zoom::{manifest, options, triggers};
// Only the export glue implements these.
#[cfg(target_arch = "wasm32")]
pub(crate) use bindings::exports::connector::zoom::{actions, auth};
