//! Generated bindings for `wit/`. Kept out of sight: other modules use the re-exported types.
#![allow(missing_docs, clippy::all)]

wit_bindgen::generate!({
    world: "connector",
    path: "wit",
    pub_export_macro: true,
    additional_derives: [PartialEq],
});
