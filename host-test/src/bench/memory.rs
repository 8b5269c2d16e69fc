//! Memory figures: the host process's `/proc/self/status`, and guest linear memory read by a
//! recording [`ResourceLimiter`] on a probe store.

use anyhow::{anyhow, bail, ensure, Result};
use serde_json::{json, Value};
use wasmtime::component::{Component, Instance, Linker, ResourceTable, Type, Val};
use wasmtime::{Engine, ResourceLimiter, Store, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use super::REGISTRANTS;
use crate::bridge;
use crate::egress::Egress;
use crate::runtime::{token_connection, Limits, ACTIONS, MANIFEST, TRIGGERS};
use crate::sim::Simulator;

/// `VmRSS` and `VmHWM` of this process, in kB.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProcStatus {
    pub rss_kb: Option<u64>,
    pub hwm_kb: Option<u64>,
}

impl ProcStatus {
    pub(super) fn read() -> ProcStatus {
        std::fs::read_to_string("/proc/self/status").map(|t| ProcStatus::parse(&t)).unwrap_or_default()
    }

    /// Reads the `VmRSS:` and `VmHWM:` lines of a `/proc/<pid>/status` text.
    pub fn parse(text: &str) -> ProcStatus {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
        };
        ProcStatus { rss_kb: field("VmRSS:"), hwm_kb: field("VmHWM:") }
    }
}

/// Store limits that also keep the size of every linear memory the store created.
struct MemoryMeter {
    inner: StoreLimits,
    /// Current byte size of each memory, in creation order.
    memories: Vec<usize>,
    /// The last growth allowed, to undo it if the growth then failed: (index, previous size).
    last: Option<(usize, usize)>,
}

impl MemoryMeter {
    fn total(&self) -> usize {
        self.memories.iter().sum()
    }
}

impl ResourceLimiter for MemoryMeter {
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        let allowed = self.inner.memory_growing(current, desired, maximum)?;
        if allowed {
            // The limiter does not say which memory grows; sizes are distinct enough in practice,
            // and a memory being created is reported as growing from 0.
            match self.memories.iter().rposition(|m| *m == current) {
                Some(i) if current > 0 || desired == 0 => {
                    self.last = Some((i, current));
                    self.memories[i] = desired;
                }
                _ => {
                    self.memories.push(desired);
                    self.last = Some((self.memories.len() - 1, 0));
                }
            }
        }
        Ok(allowed)
    }

    fn memory_grow_failed(&mut self, error: wasmtime::Error) -> wasmtime::Result<()> {
        if let Some((i, previous)) = self.last.take() {
            self.memories[i] = previous;
        }
        self.inner.memory_grow_failed(error)
    }

    fn table_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        self.inner.table_growing(current, desired, maximum)
    }

    fn table_grow_failed(&mut self, error: wasmtime::Error) -> wasmtime::Result<()> {
        self.inner.table_grow_failed(error)
    }

    fn instances(&self) -> usize {
        self.inner.instances()
    }

    fn tables(&self) -> usize {
        self.inner.tables()
    }

    fn memories(&self) -> usize {
        self.inner.memories()
    }
}

/// The probe's host state: what `runtime::HostState` holds, with the metering limiter.
struct ProbeState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
    egress: Egress,
    meter: MemoryMeter,
}

impl WasiView for ProbeState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl WasiHttpView for ProbeState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView { ctx: &mut self.http, table: &mut self.table, hooks: &mut self.egress }
    }
}

struct Probe {
    store: Store<ProbeState>,
    instance: Instance,
    fuel: u64,
}

impl Probe {
    async fn call(&mut self, interface: &str, function: &str, args: &[Value]) -> Result<Value> {
        let iface = self
            .instance
            .get_export_index(&mut self.store, None, interface)
            .ok_or_else(|| anyhow!("the component does not export {interface}"))?;
        let index = self
            .instance
            .get_export_index(&mut self.store, Some(&iface), function)
            .ok_or_else(|| anyhow!("{interface} has no function {function}"))?;
        let func =
            self.instance.get_func(&mut self.store, index).ok_or_else(|| anyhow!("{function} is no function"))?;
        let ty = func.ty(&self.store);
        let params: Vec<(String, Type)> = ty.params().map(|(n, t)| (n.to_owned(), t)).collect();
        ensure!(params.len() == args.len(), "{function} takes {} arguments", params.len());
        let mut vals = Vec::with_capacity(args.len());
        for ((name, t), arg) in params.iter().zip(args) {
            let path = if name == "input" { "" } else { name.as_str() };
            vals.push(bridge::to_val(t, arg, path).map_err(|e| anyhow!("{function}: {}", e.to_json()))?);
        }
        let mut results = vec![Val::Bool(false); ty.results().len()];
        self.store.set_fuel(self.fuel)?;
        func.call_async(&mut self.store, &vals, &mut results).await.map_err(anyhow::Error::from)?;
        match results.first() {
            Some(Val::Result(Err(e))) => {
                bail!("{function} failed: {}", e.as_deref().map(bridge::to_json).unwrap_or_default())
            }
            Some(Val::Result(Ok(v))) => Ok(v.as_deref().map(bridge::to_json).unwrap_or(Value::Null)),
            Some(other) => Ok(bridge::to_json(other)),
            None => Ok(Value::Null),
        }
    }

    fn memory(&self) -> (usize, usize) {
        let meter = &self.store.data().meter;
        (meter.total(), meter.memories.len())
    }
}

/// Linear memory after instantiation and after each call, heaviest last.
pub(super) async fn probe_memory(
    engine: &Engine,
    component: &Component,
    limits: &Limits,
    sim: &Simulator,
    meeting_id: u64,
    token: &str,
    signed_webhook: &[Value; 2],
) -> Result<Vec<(String, usize, usize)>> {
    let mut linker = Linker::<ProbeState>::new(engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
    let state = ProbeState {
        wasi: WasiCtx::builder().build(),
        http: WasiHttpCtx::new(),
        table: ResourceTable::new(),
        egress: Egress::new(limits.allowed_hosts.clone(), limits.request_timeout),
        meter: MemoryMeter {
            inner: StoreLimitsBuilder::new().memory_size(limits.memory_bytes).instances(4).build(),
            memories: Vec::new(),
            last: None,
        },
    };
    let mut store = Store::new(engine, state);
    store.limiter(|s| &mut s.meter);
    store.set_fuel(limits.fuel_per_call)?;
    let instance = linker.instantiate_async(&mut store, component).await?;
    let mut probe = Probe { store, instance, fuel: limits.fuel_per_call };
    let mut rows = Vec::new();
    let mut record = |label: &str, probe: &Probe| {
        let (bytes, count) = probe.memory();
        rows.push((label.to_owned(), bytes, count));
    };
    record("after instantiation", &probe);
    probe.call(MANIFEST, "describe", &[]).await?;
    record("after manifest#describe", &probe);
    probe.call(TRIGGERS, "webhook", signed_webhook).await?;
    record("after webhook (signed delivery)", &probe);
    let conn = token_connection(&sim.api_url(), token);
    probe.call(ACTIONS, "get-meeting", &[conn.clone(), json!({"meeting_id": meeting_id})]).await?;
    record("after get-meeting", &probe);
    for page_size in [30, 300] {
        let input = json!({"meeting_id": meeting_id, "paging": {"all": {"page_size": page_size}}});
        let page = probe.call(ACTIONS, "list-meeting-registrants", &[conn.clone(), input]).await?;
        let listed = page["items"].as_array().map_or(0, Vec::len);
        ensure!(listed == REGISTRANTS, "the probe listed {listed} registrants");
        record(&format!("after list-meeting-registrants ({REGISTRANTS}, page_size {page_size})"), &probe);
    }
    sim.clear_requests();
    Ok(rows)
}
