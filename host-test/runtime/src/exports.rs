//! What the runtime looks up in the component once, for the calls of every instance: export
//! indices are the component's, valid in each of its instances, and so are the functions' types.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use wasmtime::component::types::ComponentItem;
use wasmtime::component::{ComponentExportIndex, InstancePre, Type};

use crate::engine::HostState;
use crate::typed::TypedExports;

/// One exported function, as the JSON bridge calls it.
pub(crate) struct ExportFunc {
    pub(crate) index: ComponentExportIndex,
    pub(crate) params: Vec<(String, Type)>,
    pub(crate) results: usize,
}

/// The component's exports, looked up once per [`crate::Runtime`].
pub(crate) struct Exports {
    /// Functions by interface name, then by function name.
    funcs: HashMap<String, HashMap<String, ExportFunc>>,
    pub(crate) typed: TypedExports,
}

impl Exports {
    pub(crate) fn new(pre: &InstancePre<HostState>) -> Result<Exports> {
        let (component, engine) = (pre.component(), pre.engine());
        let mut funcs = HashMap::new();
        for (interface, item) in component.component_type().exports(engine) {
            let ComponentItem::ComponentInstance(instance) = item.ty else { continue };
            let iface = component.get_export_index(None, interface).ok_or_else(|| anyhow!("no export {interface}"))?;
            let mut by_name = HashMap::new();
            for (name, item) in instance.exports(engine) {
                let ComponentItem::ComponentFunc(f) = item.ty else { continue };
                let index =
                    component.get_export_index(Some(&iface), name).ok_or_else(|| anyhow!("no export {name}"))?;
                let params = f.params().map(|(n, t)| (n.to_owned(), t)).collect();
                by_name.insert(name.to_owned(), ExportFunc { index, params, results: f.results().len() });
            }
            funcs.insert(interface.to_owned(), by_name);
        }
        Ok(Exports { funcs, typed: TypedExports::new(pre)? })
    }

    /// `interface#function`, or an error naming what is missing.
    pub(crate) fn func(&self, interface: &str, function: &str) -> Result<&ExportFunc> {
        let funcs = self.funcs.get(interface).ok_or_else(|| anyhow!("the component does not export {interface}"))?;
        funcs.get(function).ok_or_else(|| anyhow!("{interface} has no function {function}"))
    }
}
