//! Loads the connector component into wasmtime and calls its exports by name with JSON.

use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use serde_json::Value;
use wasmtime::component::types::ComponentItem;
use wasmtime::component::{Component, Instance, InstancePre, Linker, ResourceTable, Type, Val};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, StoreLimitsBuilder};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::bridge::{self, BridgeError};
use crate::egress::{CapturedToken, Egress};
use crate::exports::Exports;
use crate::meter::MemoryMeter;
use crate::pool::Pool;
use crate::typed::TriggersGuest;

/// The exported interfaces, by WIT name.
pub const ACTIONS: &str = "connector:zoom/actions@0.1.0";
pub const TRIGGERS: &str = "connector:zoom/triggers@0.1.0";
pub const MANIFEST: &str = "connector:zoom/manifest@0.1.0";
pub const AUTH: &str = "connector:zoom/auth@0.1.0";
pub const OPTIONS: &str = "connector:zoom/options@0.1.0";

/// Limits and permissions for every instance.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Linear memory an instance may grow to.
    pub memory_bytes: usize,
    /// Fuel (roughly, wasm instructions) one call may burn.
    pub fuel_per_call: u64,
    /// Origins (`scheme://host:port`, see [`crate::egress::origin_of`]) the component may send
    /// requests to. Anything else is refused, and so is plain `http://` beyond this machine.
    pub allowed_hosts: Vec<String>,
    /// The longest an outbound request may take to connect, to its first byte and between bytes,
    /// whatever the guest asks for.
    pub request_timeout: Duration,
    /// The longest one call may run, waiting on the network included (fuel only counts
    /// instructions). A call past it ends with `limit_exceeded` and the instance is discarded.
    pub call_deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 64 << 20,
            fuel_per_call: 20_000_000_000,
            allowed_hosts: Vec::new(),
            request_timeout: Duration::from_secs(30),
            call_deadline: Duration::from_secs(300),
        }
    }
}

/// An exported function's name and parameters, read from the component's types.
pub struct FunctionType {
    pub name: String,
    pub params: Vec<(String, Type)>,
}

/// Per-instance host state.
pub struct HostState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
    egress: Egress,
    limits: MemoryMeter,
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView { ctx: &mut self.http, table: &mut self.table, hooks: &mut self.egress }
    }
}

/// What a call returned: the `ok` or `err` side of the action's result, as JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok(Value),
    Err(Value),
}

/// The compiled component plus everything needed to instantiate it cheaply.
pub struct Runtime {
    engine: Engine,
    component: Component,
    pre: InstancePre<HostState>,
    limits: Limits,
    /// Keep-alive connections for every instance's outgoing requests, which outlive the instances.
    pool: Arc<Pool>,
    /// GETs every instance of this runtime sent so far.
    gets: Arc<AtomicU64>,
    pub(crate) exports: Arc<Exports>,
}

impl Runtime {
    /// Loads a component file, reusing a precompiled artifact beside it when one matches.
    pub fn from_file(path: &Path, limits: Limits) -> Result<Self> {
        let engine = Engine::new(&engine_config(&limits))?;
        let component = crate::cache::load(&engine, path)?;
        let mut linker = Linker::<HostState>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
        let pre = linker.instantiate_pre(&component)?;
        let exports = Arc::new(Exports::new(&pre)?);
        Ok(Runtime { engine, component, pre, limits, pool: Arc::default(), gets: Arc::default(), exports })
    }

    /// The functions an exported interface offers, with their parameters.
    pub fn functions(&self, interface: &str) -> Result<Vec<FunctionType>> {
        let ty = self.component.component_type();
        let (_, item) = ty
            .exports(&self.engine)
            .find(|(name, _)| *name == interface)
            .ok_or_else(|| anyhow!("the component does not export {interface}"))?;
        let ComponentItem::ComponentInstance(instance) = item.ty else { bail!("{interface} is not an interface") };
        let mut out = Vec::new();
        for (name, item) in instance.exports(&self.engine) {
            if let ComponentItem::ComponentFunc(f) = item.ty {
                out.push(FunctionType {
                    name: name.to_owned(),
                    params: f.params().map(|(n, t)| (n.to_owned(), t)).collect(),
                });
            }
        }
        Ok(out)
    }

    /// A fresh instance that may reach the hosts in `Limits::allowed_hosts`.
    /// Instances are cheap; one that trapped must not be reused.
    pub async fn instantiate(&self) -> Result<Connector> {
        self.instantiate_allowing(&self.limits.allowed_hosts).await
    }

    /// A fresh instance that may reach exactly `allowed_hosts` (origins, `scheme://host:port`).
    pub async fn instantiate_allowing(&self, allowed_hosts: &[String]) -> Result<Connector> {
        let mut store = self.store(allowed_hosts, &[])?;
        let instance = self.pre.instantiate_async(&mut store).await?;
        Ok(Connector {
            store,
            instance,
            fuel: self.limits.fuel_per_call,
            deadline: self.limits.call_deadline,
            poisoned: false,
            fuel_used: 0,
            exports: Arc::clone(&self.exports),
            triggers: None,
        })
    }

    /// A store with this runtime's limits whose guest sees exactly `env` as its environment.
    pub(crate) fn store(&self, allowed_hosts: &[String], env: &[(String, String)]) -> Result<Store<HostState>> {
        let state = HostState {
            wasi: WasiCtx::builder().envs(env).build(),
            http: WasiHttpCtx::new(),
            table: ResourceTable::new(),
            egress: Egress::new(allowed_hosts.to_vec(), self.limits.request_timeout, Arc::clone(&self.pool))
                .counting_gets(Arc::clone(&self.gets)),
            limits: MemoryMeter::new(
                StoreLimitsBuilder::new()
                    .memory_size(self.limits.memory_bytes)
                    .instances(4)
                    .trap_on_grow_failure(true)
                    .build(),
            ),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limits);
        store.set_fuel(self.limits.fuel_per_call)?;
        // What one call may hand the host (a result's strings and lists). wasmtime's default,
        // 128 MiB, is less than a fetch-all of 100,000 users; an embedder that grants the guest
        // more memory than that means it to return that much.
        store.set_hostcall_fuel(store.hostcall_fuel().max(self.limits.memory_bytes));
        Ok(store)
    }

    /// How many GET requests this runtime's instances have sent, readable while a call runs: a
    /// fetch-all list sends one per page, so a CLI can show progress the guest cannot report.
    pub fn gets_sent(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.gets)
    }

    /// The keep-alive connections this runtime's instances share.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub(crate) fn instance_pre(&self) -> &InstancePre<HostState> {
        &self.pre
    }
}

/// Instances alive at once, per runtime: twice what the serve loop runs (64 by default), and
/// more than a platform's worker pool on one machine keeps. Slots are reserved address space,
/// not memory (a slot costs pages only once an instance touched them), but each memory slot
/// reserves about 4 GiB of it: at wasmtime's default of 1,000 slots a process holding a dozen
/// runtimes (a test binary on a many-core machine) would run out of its 128 TiB.
const MAX_LIVE_INSTANCES: u32 = 128;

/// Bytes of each slot's memory, table and fiber stack kept mapped between instances: enough for
/// what a webhook delivery touches first; more would be a larger memset on every reuse.
const KEEP_RESIDENT: usize = 64 << 10;

/// The engine's settings: fuel, and a pooling allocator. Instances come and go per call, so
/// reusing their memories, tables and fiber stacks from slots spares each one the `mmap`s and
/// page faults of fresh ones (and the kernel's address-space lock, which serialises them across
/// threads); a slot's memory is reset to the component's copy-on-write image.
fn engine_config(limits: &Limits) -> Config {
    let mut pooling = PoolingAllocationConfig::default();
    pooling
        .total_component_instances(MAX_LIVE_INSTANCES)
        // The component's core modules (the connector, its WASI adapter and their shims).
        .total_core_instances(MAX_LIVE_INSTANCES * 8)
        .total_memories(MAX_LIVE_INSTANCES * 2)
        .total_tables(MAX_LIVE_INSTANCES * 4)
        .total_stacks(MAX_LIVE_INSTANCES)
        .max_memory_size(limits.memory_bytes)
        // A slot's first pages are cleared with memset instead of handed back to the kernel and
        // faulted in again by the next instance: what every instance touches right away.
        .linear_memory_keep_resident(KEEP_RESIDENT)
        .table_keep_resident(KEEP_RESIDENT)
        .async_stack_keep_resident(KEEP_RESIDENT);
    let mut config = Config::new();
    config.consume_fuel(true);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pooling));
    config
}

/// One live instance of the component.
pub struct Connector {
    pub(crate) store: Store<HostState>,
    pub(crate) instance: Instance,
    pub(crate) fuel: u64,
    pub(crate) deadline: Duration,
    pub(crate) poisoned: bool,
    pub(crate) fuel_used: u64,
    pub(crate) exports: Arc<Exports>,
    /// The typed `triggers` functions, loaded on the first typed call.
    pub(crate) triggers: Option<TriggersGuest>,
}

impl Connector {
    /// Whether a previous call trapped (the instance must then be replaced).
    pub fn poisoned(&self) -> bool {
        self.poisoned
    }

    /// Every token Zoom's OAuth endpoint gave this instance, oldest first, captured by the host as
    /// the answer passed through. Readable after a trap, when `token_updates` no longer is.
    pub fn captured_tokens(&self) -> Vec<CapturedToken> {
        self.store.data().egress.captured_tokens()
    }

    /// The fuel (about one unit per wasm instruction) the last call that finished burned.
    pub fn fuel_used(&self) -> u64 {
        self.fuel_used
    }

    /// The guest's linear memory now: total bytes, and how many memories make it up.
    pub fn linear_memory(&self) -> (usize, usize) {
        let meter = &self.store.data().limits;
        (meter.total(), meter.count())
    }

    /// Calls `interface#function` with one JSON value per parameter (matched by position).
    /// Input that does not fit the WIT types comes back as `Outcome::Err` with `invalid_input`.
    pub async fn call(&mut self, interface: &str, function: &str, args: &[Value]) -> Result<Outcome> {
        self.call_with(interface, function, args.iter()).await
    }

    async fn call_with<'a>(
        &mut self,
        interface: &str,
        function: &str,
        args: impl ExactSizeIterator<Item = &'a Value>,
    ) -> Result<Outcome> {
        self.begin_call()?;
        let exports = Arc::clone(&self.exports);
        let export = exports.func(interface, function)?;
        let func = self
            .instance
            .get_func(&mut self.store, export.index)
            .ok_or_else(|| anyhow!("{function} is not a function"))?;
        if args.len() != export.params.len() {
            bail!("{function} takes {} arguments, {} given", export.params.len(), args.len());
        }
        let mut vals = Vec::with_capacity(args.len());
        for ((name, t), arg) in export.params.iter().zip(args) {
            // The record a function takes last (`input`, `request`) is the root its field errors name.
            let path = if name == "input" || name == "request" { "" } else { name.as_str() };
            match bridge::to_val(t, arg, path) {
                Ok(v) => vals.push(v),
                Err(e) => return Ok(Outcome::Err(invalid(e))),
            }
        }
        let mut results = vec![Val::Bool(false); export.results];
        let called = tokio::time::timeout(self.deadline, func.call_async(&mut self.store, &vals, &mut results)).await;
        if let Err(e) = self.end_call(function, called) {
            return Ok(Outcome::Err(e.to_json()));
        }
        Ok(match results.into_iter().next() {
            Some(Val::Result(Ok(v))) => Outcome::Ok(v.map(|v| bridge::into_json(*v)).unwrap_or(Value::Null)),
            Some(Val::Result(Err(v))) => Outcome::Err(v.map(|v| bridge::into_json(*v)).unwrap_or(Value::Null)),
            Some(other) => Outcome::Ok(bridge::into_json(other)),
            None => Outcome::Ok(Value::Null),
        })
    }

    /// Runs one action: the connection first, then the input (when the action takes one).
    pub async fn action(&mut self, id: &str, connection: &Value, input: &Value) -> Result<Outcome> {
        let params = match self.exports.func(ACTIONS, id) {
            Ok(export) => export.params.len(),
            Err(_) => bail!("unknown action {id:?}; `zoom-host actions` lists them"),
        };
        if params > 1 {
            self.call_with(ACTIONS, id, [connection, input].into_iter()).await
        } else {
            if !matches!(input, Value::Null) && input.as_object().is_none_or(|o| !o.is_empty()) {
                return Ok(Outcome::Err(invalid(BridgeError {
                    field: "input".into(),
                    message: format!("{id} takes no input"),
                })));
            }
            self.call_with(ACTIONS, id, std::iter::once(connection)).await
        }
    }
}

impl Connector {
    /// Tokens the instance fetched or rotated since last asked (`auth.token-updates`).
    pub async fn token_updates(&mut self) -> Result<Vec<Value>> {
        match self.call(AUTH, "token-updates", &[]).await? {
            Outcome::Ok(Value::Array(updates)) => Ok(updates),
            other => bail!("token-updates answered {other:?}"),
        }
    }
}

fn invalid(e: BridgeError) -> Value {
    e.to_json()
}
