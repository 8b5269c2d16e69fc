//! `zoom-host bench`: speed and memory figures for the component, printed as a table and ratios.
//!
//! Machines here are shared and noisy, so nothing is asserted about timing: the benchmark only
//! measures and prints. It does check that every measured call did what it should (a verified
//! webhook, 600 registrants listed, a 200 answer), because figures of a failing call mean nothing.
//!
//! Guest memory is read through a recording [`ResourceLimiter`] on a probe store built here
//! with the same engine configuration and limits as [`Runtime`]: `Connector` keeps its store
//! private, and linear memory growth is decided by the guest, so the probe sees the same sizes.
//!
//! The measurement groups live in `load` (compile versus precompiled artifact), `calls`
//! (instantiation, webhook, round trips, pagination), `endpoint` (the webhook endpoint over HTTP)
//! and `memory` (guest and host memory);
//! `table` prints them.
//!
//! Then the workloads, every arm against the same simulator with keep-alive on (`workloads`):
//! the component (`zoom-runtime`, a fresh instance per call and one reused), native Rust
//! (`native`, a pooled hyper-util client; `native_webhook` for the trigger and the endpoint) and
//! Zoom Rivet on node (`rivet`, skipped with a note when node is missing): `meetings`, `hooks`
//! and `scaling`. The output ends with one `RATIO` line per workload.
//!
//! [`serve_load`] (`--serve-load`) is a separate run: the served endpoint
//! under load and hostile clients (`clients`, `relay`, `wire`); so is [`serve_rate`]
//! (`--serve-rate`), its delivery rate with the replay store in the process or in Redis.
//!
//! [`ResourceLimiter`]: wasmtime::ResourceLimiter
//! [`Runtime`]: zoom_runtime::Runtime

mod args;
mod calls;
mod clients;
mod direct;
mod endpoint;
mod hooks;
mod load;
mod meetings;
mod memory;
mod native;
mod native_webhook;
mod relay;
mod rivet;
mod scaling;
pub mod serve_load;
pub mod serve_rate;
mod stats;
mod table;
#[cfg(test)]
mod tests;
pub mod wire;
mod workloads;

use std::io::Write;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use zoom_runtime::egress::origin_of;
use zoom_runtime::Limits;

use crate::COMPONENT_PATH;
use table::{kib, mib, Table};
use zoom_sim::Simulator;

pub use args::BenchArgs;
pub use memory::ProcStatus;
pub use stats::{percentile, Stats};

/// Sized so a release build finishes in roughly 10–20 s on two cores.
pub const DEFAULT_ITERATIONS: usize = 500;
/// Registrants listed by the fetch-all pagination figure.
const REGISTRANTS: usize = 600;

/// How much work the run does: `Full` is the benchmark, `Quick` (`--quick`) the smoke run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Quick,
    Full,
}

/// `(label, figure)` lines printed under "ratios", in the order measured.
type Ratios = Vec<(String, String)>;

/// `--iterations N` (default [`DEFAULT_ITERATIONS`]); at least 1.
pub fn iterations(flag: Option<&String>) -> Result<usize> {
    match flag {
        None => Ok(DEFAULT_ITERATIONS),
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => bail!("--iterations must be a positive number, not {text:?}"),
        },
    }
}

/// Runs every measurement and writes the header, the table and the ratios to `out`.
pub async fn run(iterations: usize, scale: Scale, out: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let mut rss = vec![("start", ProcStatus::read())];
    let mut table = Table::default();
    let mut ratios: Ratios = Vec::new();
    header(out, iterations)?;

    // Component load: compile versus the precompiled artifact.
    let load = load::measure_load(iterations)?;
    load.report(&mut table, &mut ratios);
    rss.push(("after compiling", ProcStatus::read()));

    let sim = Simulator::start()?;
    let hosts = vec![origin_of(&sim.api_url()).context("the simulator URL has no authority")?];
    let limits = Limits { allowed_hosts: hosts.clone(), ..Limits::default() };
    let runtime = load::new_runtime(&limits, &mut table)?;

    // Instantiation.
    let warmup = (iterations / 10).max(1);
    calls::instantiation(&runtime, &hosts, warmup, iterations, &mut table).await?;
    rss.push(("after instantiation", ProcStatus::read()));

    // Webhook verification, action round trips and fetch-all pagination on one instance.
    let mut session = calls::Session::start(&runtime, &hosts, &sim).await?;
    let (signed, verified) = calls::webhooks(&mut session, &sim, warmup, iterations, &mut table).await?;
    let body = session.created_event.clone();
    endpoint::measure(&sim, &body, warmup, iterations, &verified, &mut table, &mut ratios).await?;
    calls::round_trips(&mut session, &sim, warmup, iterations, &mut table, &mut ratios).await?;
    calls::fetch_all(&mut session, &sim, iterations, &mut table, &mut ratios).await?;
    let calls::Session { connector, token, meeting_id, .. } = session;
    drop(connector);
    rss.push(("after calls", ProcStatus::read()));

    // Guest linear memory, read by the probe's limiter.
    let memory = memory::probe_memory(&runtime, &sim, meeting_id, &token, &signed).await?;
    rss.push(("end", ProcStatus::read()));

    table.print(out)?;
    writeln!(out)?;
    writeln!(out, "guest linear memory (a fresh instance of the same Runtime, read by its store limiter)")?;
    for (label, bytes, count) in &memory {
        writeln!(out, "  {label:<58} {:>10}  ({count} memor{})", mib(*bytes), if *count == 1 { "y" } else { "ies" })?;
    }
    let first = memory.first().map_or(0, |m| m.1);
    let peak = memory.iter().map(|m| m.1).max().unwrap_or(0);
    ratios.push((
        "guest memory: peak / after instantiation".into(),
        format!("{:.2}x", peak as f64 / first.max(1) as f64),
    ));
    writeln!(out)?;
    writeln!(out, "host process memory (/proc/self/status)")?;
    writeln!(out, "  {:<24} {:>12} {:>12}", "", "VmRSS", "VmHWM")?;
    for (label, status) in &rss {
        writeln!(out, "  {label:<24} {:>12} {:>12}", kib(status.rss_kb), kib(status.hwm_kb))?;
    }
    let (start, end) = (&rss[0].1, &rss[rss.len() - 1].1);
    if let (Some(a), Some(b)) = (start.rss_kb, end.rss_kb) {
        ratios.push(("host VmRSS end / start".into(), format!("{:.2}x", b as f64 / a.max(1) as f64)));
    }
    writeln!(out)?;
    writeln!(out, "ratios")?;
    for (label, value) in &ratios {
        writeln!(out, "  {label:<52} {value}")?;
    }
    writeln!(out)?;
    let ratio_lines = workload_arms(&sim, hosts, scale, out).await?;
    writeln!(out)?;
    writeln!(out, "bench done in {:.1} s", started.elapsed().as_secs_f64())?;
    for line in ratio_lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Every workload on every arm; prints their table and returns the `RATIO` lines.
async fn workload_arms(sim: &Simulator, hosts: Vec<String>, scale: Scale, out: &mut dyn Write) -> Result<Vec<String>> {
    sim.set_keep_alive(true);
    // 100,000 listed users do not fit the default 64 MiB, nor their parsing the default fuel.
    let limits =
        Limits { allowed_hosts: hosts.clone(), memory_bytes: 2 << 30, fuel_per_call: 1 << 40, ..Limits::default() };
    let runtime = crate::runtime(limits)?;
    let token = sim.mint_token();
    let arms = workloads::Arms {
        runtime: &runtime,
        hosts,
        sim,
        conn: zoom_runtime::token_connection(&sim.api_url(), &token),
        native: native::Native::new(&sim.base_url(), &token),
        token,
        rivet: rivet::available(),
        counts: workloads::Counts::of(scale),
    };
    let (mut table, mut ratios) = (Table::default(), Vec::new());
    meetings::meetings(&arms, &mut table, &mut ratios).await?;
    scaling::run(&arms, &mut table, &mut ratios).await?;
    hooks::webhook(&arms, &mut table, &mut ratios).await?;
    hooks::endpoint(&arms, &mut table, &mut ratios).await?;
    writeln!(out, "workloads: every arm against one simulator (keep-alive on); component/x = its median over x's")?;
    writeln!(out, "(the component arm: a fresh instance per call, as a platform runs it; the webhook: one instance)")?;
    table.print(out)?;
    Ok(ratios.iter().map(workloads::Ratio::line).collect())
}

fn header(out: &mut dyn Write, iterations: usize) -> Result<()> {
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown cpu".into());
    let profile =
        if cfg!(debug_assertions) { "debug (figures are not representative; use --release)" } else { "release" };
    writeln!(out, "zoom-host bench: {nproc} cpu(s), {cpu}; {profile} build; {iterations} iterations")?;
    writeln!(out, "component {COMPONENT_PATH}")?;
    writeln!(out, "timings are wall clock on a shared machine: compare ratios, not absolute figures")?;
    writeln!(out, "median and p95 are nearest-rank; throughput is samples / total measured time")?;
    writeln!(out)?;
    Ok(())
}
