//! Generated bindings for `wit/`. Kept out of sight: other modules use the re-exported types.
//! The WASI interfaces map to waki's bindings, so a request the handler receives and one waki
//! sends are the same Rust types.
#![allow(missing_docs, clippy::all)]

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
