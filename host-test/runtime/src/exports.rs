//! What the runtime looks up in the component once, for the calls of every instance: export
//! indices are the component's, valid in each of its instances.

use anyhow::Result;
use wasmtime::component::InstancePre;

use crate::engine::HostState;
use crate::typed::TypedExports;

/// The component's exports, looked up once per [`crate::Runtime`].
pub(crate) struct Exports {
    pub(crate) typed: TypedExports,
}

impl Exports {
    pub(crate) fn new(pre: &InstancePre<HostState>) -> Result<Exports> {
        Ok(Exports { typed: TypedExports::new(pre)? })
    }
}
