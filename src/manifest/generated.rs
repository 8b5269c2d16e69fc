//! What `build.rs` generates into `OUT_DIR` from the WIT and from `spec/operations.json`:
//! `GENERATED` (per action: inputs, types, requiredness, docs), `CONNECTION_KINDS`,
//! `SPEC_SCOPES` and `SPEC_ENUMS`.

/// What `build.rs` read from the WIT for one action.
pub(crate) struct Generated {
    pub(crate) id: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) inputs: &'static [GeneratedInput],
    pub(crate) output: &'static str,
}

/// One input, as the WIT declares it.
pub(crate) struct GeneratedInput {
    pub(crate) name: &'static str,
    pub(crate) type_name: &'static str,
    pub(crate) required: bool,
    pub(crate) comment: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/manifest_generated.rs"));
