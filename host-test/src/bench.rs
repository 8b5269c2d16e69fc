//! `zoom-host bench`: speed and memory figures for the component, printed as a table and ratios.
//!
//! Machines here are shared and noisy, so nothing is asserted about timing: the benchmark only
//! measures and prints. It does check that every measured call did what it should (a verified
//! webhook, 600 registrants listed, a 200 answer), because figures of a failing call mean nothing.
//!
//! Guest memory is read through a recording [`ResourceLimiter`] on a probe store built here
//! with the same engine configuration and limits as [`Runtime`]: `Connector` keeps its store
//! private, and linear memory growth is decided by the guest, so the probe sees the same sizes.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, ensure, Context, Result};
use serde_json::{json, Value};
use wasmtime::component::{Component, Instance, Linker, ResourceTable, Type, Val};
use wasmtime::{Config, Engine, ResourceLimiter, Store, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::bridge;
use crate::egress::{authority_of, Egress};
use crate::runtime::{token_connection, Limits, Outcome, Runtime, ACTIONS, COMPONENT_PATH, MANIFEST, TRIGGERS};
use crate::sim::Simulator;
use crate::trigger::{outcome_kind, webhook_args};

/// Sized so a release build finishes in roughly 10–20 s on two cores.
pub const DEFAULT_ITERATIONS: usize = 500;
/// Registrants listed by the fetch-all pagination figure.
const REGISTRANTS: usize = 600;

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
pub async fn run(iterations: usize, out: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let mut rss = vec![("start", ProcStatus::read())];
    let mut table = Table::default();
    let mut ratios: Vec<(String, String)> = Vec::new();
    header(out, iterations)?;

    // Component load: compile versus the precompiled artifact.
    let load = measure_load(iterations)?;
    table.section("component load");
    table.row("Component::new (compile)", &load.compile, "");
    table.row("Component::deserialize_file (artifact)", &load.deserialize_file, "");
    table.row("Component::deserialize (artifact in memory)", &load.deserialize_bytes, "");
    table.note(format!("component {} bytes, precompiled artifact {} bytes", load.component_bytes, load.artifact_bytes));
    ratios.push((
        "compile / load precompiled artifact (median)".into(),
        ratio(load.compile.median, load.deserialize_file.median),
    ));
    ratios.push((
        "artifact size / component size".into(),
        format!("{:.1}x", load.artifact_bytes as f64 / load.component_bytes.max(1) as f64),
    ));
    rss.push(("after compiling", ProcStatus::read()));

    let sim = Simulator::start()?;
    let hosts = vec![authority_of(&sim.api_url()).context("the simulator URL has no authority")?];
    let limits = Limits { allowed_hosts: hosts.clone(), ..Limits::default() };
    let mut runtime_new = Vec::new();
    let mut runtime = None;
    for _ in 0..2 {
        let t = Instant::now();
        runtime = Some(Runtime::new(limits.clone())?);
        runtime_new.push(t.elapsed());
    }
    let runtime = runtime.context("no runtime")?;
    table.row_single("Runtime::new, 1st (artifact cache or compile, linker, pre)", runtime_new[0]);
    table.row_single("Runtime::new, 2nd (artifact cache hit, linker, pre)", runtime_new[1]);

    // Instantiation.
    let warmup = (iterations / 10).max(1);
    let mut samples = Vec::with_capacity(iterations);
    for i in 0..warmup + iterations {
        let t = Instant::now();
        let connector = runtime.instantiate_allowing(&hosts).await?;
        let took = t.elapsed();
        drop(connector);
        if i >= warmup {
            samples.push(took);
        }
    }
    let instantiate = Stats::of(&samples);
    table.section("instantiation");
    table.row("instantiate (fresh store + instance)", &instantiate, "instances");
    rss.push(("after instantiation", ProcStatus::read()));

    // Setup through the component: a meeting with automatic approval, with a token connection.
    let mut connector = runtime.instantiate_allowing(&hosts).await?;
    let token = sim.mint_token();
    let conn = token_connection(&sim.api_url(), &token);
    let meeting = ok(
        connector
            .action(
                "create-meeting",
                &conn,
                &json!({"topic": "Bench", "start_time": "2030-03-02T15:00:00Z", "duration": 60,
                        "timezone": "UTC", "settings": {"approval_type": "automatic"}}),
            )
            .await?,
        "create-meeting",
    )?;
    let meeting_id = meeting["id"].as_u64().context("create-meeting returned no id")?;
    let created_event = sim
        .take_events()
        .into_iter()
        .find(|e| e.contains("\"meeting.created\""))
        .context("the simulator produced no meeting.created event")?;

    // Webhook verification.
    let secret = sim.credentials().webhook_secret;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let headers = sim.sign_webhook(&created_event, now);
    let signed = webhook_args(created_event.as_bytes(), &headers, Some(&secret), None, None);
    let forged_body = created_event.replace("\"Bench\"", "\"Forged\"");
    ensure!(forged_body != created_event, "could not forge the delivery");
    let forged = webhook_args(forged_body.as_bytes(), &headers, Some(&secret), None, None);
    let calls = iterations * 10;
    let verified = time_webhook(&mut connector, &signed, "event", warmup, calls).await?;
    let rejected = time_webhook(&mut connector, &forged, "rejected", warmup, calls).await?;
    table.section("webhook trigger (triggers#webhook, HMAC-SHA256)");
    table.row("signed delivery -> event", &verified, "calls");
    table.row("forged delivery -> rejected", &rejected, "calls");

    // Action round trips: component versus the same requests sent natively.
    let addr = sim.base_url().trim_start_matches("http://").to_owned();
    table.section("action round trip (loopback simulator)");
    for (id, input) in [("get-meeting", json!({"meeting_id": meeting_id})), ("test-connection", json!({}))] {
        sim.clear_requests();
        ok(connector.action(id, &conn, &input).await?, id)?;
        let sent: Vec<(String, String)> =
            sim.requests().iter().map(|r| (r.method.clone(), request_target(&r.path, &r.query))).collect();
        ensure!(!sent.is_empty(), "{id} sent no request");
        let mut through = Vec::with_capacity(iterations);
        for i in 0..warmup + iterations {
            let t = Instant::now();
            let outcome = connector.action(id, &conn, &input).await?;
            let took = t.elapsed();
            ok(outcome, id)?;
            if i >= warmup {
                through.push(took);
            }
        }
        let mut direct = Vec::with_capacity(iterations);
        for i in 0..warmup + iterations {
            let t = Instant::now();
            for (method, target) in &sent {
                let (status, _) = direct_request(&addr, method, target, &token, None)?;
                ensure!(status == 200, "{method} {target} answered {status}");
            }
            let took = t.elapsed();
            if i >= warmup {
                direct.push(took);
            }
        }
        sim.clear_requests();
        let requests: Vec<String> =
            sent.iter().map(|(m, t)| format!("{m} {}", t.replace(&meeting_id.to_string(), "{id}"))).collect();
        let (through, direct) = (Stats::of(&through), Stats::of(&direct));
        table.row(&format!("{id} via component"), &through, "calls");
        table.row(&format!("{id} direct ({})", requests.join(", ")), &direct, "calls");
        ratios.push((format!("{id}: component / direct (median)"), ratio(through.median, direct.median)));
    }

    // Fetch-all pagination.
    for i in 0..REGISTRANTS {
        let body =
            json!({"email": format!("bench{i}@example.com"), "first_name": format!("Guest {i}"), "last_name": "Bench"});
        let target = format!("/v2/meetings/{meeting_id}/registrants");
        let (status, _) = direct_request(&addr, "POST", &target, &token, Some(&body.to_string()))?;
        ensure!(status == 201, "seeding registrant {i} answered {status}");
    }
    sim.take_events();
    sim.clear_requests();
    table.section(&format!("fetch-all pagination (list-meeting-registrants, {REGISTRANTS} registrants)"));
    let runs = (iterations / 25).max(3);
    let mut paging = Vec::new();
    for page_size in [300u32, 30] {
        let input = json!({"meeting_id": meeting_id, "paging": {"all": {"page_size": page_size}}});
        let mut samples = Vec::with_capacity(runs);
        let mut requests = 0;
        for i in 0..1 + runs {
            sim.clear_requests();
            let t = Instant::now();
            let outcome = connector.action("list-meeting-registrants", &conn, &input).await?;
            let took = t.elapsed();
            let page = ok(outcome, "list-meeting-registrants")?;
            let listed = page["items"].as_array().map_or(0, Vec::len);
            ensure!(listed == REGISTRANTS, "listed {listed} of {REGISTRANTS} registrants");
            requests = sim.requests().iter().filter(|r| r.path.ends_with("/registrants")).count();
            if i >= 1 {
                samples.push(took);
            }
        }
        let stats = Stats::of(&samples);
        table.row(&format!("page_size {page_size}: {requests} requests"), &stats, "lists");
        paging.push((stats, requests));
    }
    sim.clear_requests();
    ratios.push(("fetch-all page 30 / page 300: time (median)".into(), ratio(paging[1].0.median, paging[0].0.median)));
    ratios.push((
        "fetch-all page 30 / page 300: requests".into(),
        format!("{:.1}x ({} / {})", paging[1].1 as f64 / paging[0].1.max(1) as f64, paging[1].1, paging[0].1),
    ));
    drop(connector);
    rss.push(("after calls", ProcStatus::read()));

    // Guest linear memory, read by the probe's limiter.
    let memory = probe_memory(&load.engine, &load.component, &limits, &sim, meeting_id, &token, &signed).await?;
    rss.push(("end", ProcStatus::read()));

    table.print(out)?;
    writeln!(out)?;
    writeln!(out, "guest linear memory (probe store, same engine config and limits as Runtime)")?;
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
    writeln!(out, "bench done in {:.1} s", started.elapsed().as_secs_f64())?;
    Ok(())
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

/// Median and p95 (nearest rank) and throughput of a set of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub min: Duration,
    pub median: Duration,
    pub p95: Duration,
    pub total: Duration,
}

impl Stats {
    pub fn of(samples: &[Duration]) -> Stats {
        let mut sorted = samples.to_vec();
        sorted.sort();
        Stats {
            n: sorted.len(),
            min: sorted.first().copied().unwrap_or_default(),
            median: percentile(&sorted, 50.0),
            p95: percentile(&sorted, 95.0),
            total: sorted.iter().sum(),
        }
    }

    /// Samples per second of measured time.
    pub fn per_second(&self) -> f64 {
        if self.total.is_zero() {
            0.0
        } else {
            self.n as f64 / self.total.as_secs_f64()
        }
    }
}

/// The nearest-rank percentile `p` (0–100] of ascending `sorted`; zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Default)]
struct Table {
    lines: Vec<Line>,
}

enum Line {
    Section(String),
    Row { label: String, stats: Stats, unit: String },
    Single { label: String, took: Duration },
    Note(String),
}

impl Table {
    fn section(&mut self, title: &str) {
        self.lines.push(Line::Section(title.to_owned()));
    }

    fn row(&mut self, label: &str, stats: &Stats, unit: &str) {
        self.lines.push(Line::Row { label: label.to_owned(), stats: *stats, unit: unit.to_owned() });
    }

    fn row_single(&mut self, label: &str, took: Duration) {
        self.lines.push(Line::Single { label: label.to_owned(), took });
    }

    fn note(&mut self, text: String) {
        self.lines.push(Line::Note(text));
    }

    fn print(&self, out: &mut dyn Write) -> Result<()> {
        let width = self
            .lines
            .iter()
            .map(|l| match l {
                Line::Row { label, .. } | Line::Single { label, .. } => label.chars().count(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .max(20);
        writeln!(out, "  {:<width$} {:>6} {:>11} {:>11} {:>11}  throughput", "measure", "n", "median", "p95", "min")?;
        for line in &self.lines {
            match line {
                Line::Section(title) => writeln!(out, "{title}")?,
                Line::Note(text) => writeln!(out, "  ({text})")?,
                Line::Single { label, took } => {
                    let text = format!("  {label:<width$} {:>6} {:>11}", 1, dur(*took));
                    writeln!(out, "{}", text.trim_end())?
                }
                Line::Row { label, stats, unit } => {
                    let mut text = format!(
                        "  {label:<width$} {:>6} {:>11} {:>11} {:>11}",
                        stats.n,
                        dur(stats.median),
                        dur(stats.p95),
                        dur(stats.min)
                    );
                    if !unit.is_empty() {
                        let _ = write!(text, "  {} {unit}/s", count(stats.per_second()));
                    }
                    writeln!(out, "{text}")?
                }
            }
        }
        Ok(())
    }
}

/// A duration in the unit that keeps it readable.
fn dur(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.1} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.3} s", us / 1e6)
    }
}

fn count(n: f64) -> String {
    if n >= 10_000.0 {
        format!("{:.1}k", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        "n/a".into()
    } else {
        format!("{:.1}x ({} / {})", a.as_secs_f64() / b.as_secs_f64(), dur(a), dur(b))
    }
}

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn kib(kb: Option<u64>) -> String {
    kb.map_or_else(|| "n/a".into(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0))
}

fn ok(outcome: Outcome, what: &str) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("{what} failed: {e}"),
    }
}

async fn time_webhook(
    connector: &mut crate::runtime::Connector,
    args: &[Value; 2],
    expected: &str,
    warmup: usize,
    calls: usize,
) -> Result<Stats> {
    let mut samples = Vec::with_capacity(calls);
    for i in 0..warmup + calls {
        let t = Instant::now();
        let outcome = connector.call(TRIGGERS, "webhook", args).await?;
        let took = t.elapsed();
        let value = ok(outcome, "webhook")?;
        ensure!(outcome_kind(&value) == expected, "the webhook answered {value} instead of {expected}");
        if i >= warmup {
            samples.push(took);
        }
    }
    Ok(Stats::of(&samples))
}

struct Load {
    engine: Engine,
    component: Component,
    component_bytes: usize,
    artifact_bytes: usize,
    compile: Stats,
    deserialize_file: Stats,
    deserialize_bytes: Stats,
}

/// The engine configuration `Runtime::from_file` uses.
fn engine() -> Result<Engine> {
    let mut config = Config::new();
    config.consume_fuel(true);
    Ok(Engine::new(&config)?)
}

fn measure_load(iterations: usize) -> Result<Load> {
    let bytes = std::fs::read(COMPONENT_PATH).with_context(|| format!("reading {COMPONENT_PATH}"))?;
    let engine = engine()?;
    let mut compile = Vec::new();
    let mut component = None;
    for _ in 0..(iterations / 60).clamp(1, 5) {
        let t = Instant::now();
        let c = Component::new(&engine, &bytes).map_err(anyhow::Error::from).context("compiling the component")?;
        compile.push(t.elapsed());
        component = Some(c);
    }
    let component = component.context("no compile run")?;
    let artifact = component.serialize()?;
    let path = std::env::temp_dir().join(format!("zoom-host-bench-{}.cwasm", std::process::id()));
    std::fs::write(&path, &artifact).with_context(|| format!("writing {}", path.display()))?;
    let runs = (iterations / 4).max(5);
    let mut from_file = Vec::with_capacity(runs);
    let mut from_bytes = Vec::with_capacity(runs);
    let result = (|| -> Result<()> {
        for _ in 0..runs {
            let t = Instant::now();
            // SAFETY: the file was written just above from `serialize` on this very engine, in a
            // file named after this process, and nothing else writes it.
            let c = unsafe { Component::deserialize_file(&engine, &path) }?;
            from_file.push(t.elapsed());
            drop(c);
            let t = Instant::now();
            // SAFETY: `artifact` came from `serialize` on this engine a moment ago.
            let c = unsafe { Component::deserialize(&engine, &artifact) }?;
            from_bytes.push(t.elapsed());
            drop(c);
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&path);
    result?;
    Ok(Load {
        engine,
        component,
        component_bytes: bytes.len(),
        artifact_bytes: artifact.len(),
        compile: Stats::of(&compile),
        deserialize_file: Stats::of(&from_file),
        deserialize_bytes: Stats::of(&from_bytes),
    })
}

/// `path?query` with the query pairs percent-encoded again.
fn request_target(path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    format!("{path}?{}", pairs.join("&"))
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One HTTP/1.1 request on a fresh connection, as a plain native client would send it; the JSON
/// body of the answer is parsed, as the component parses it. Returns the status and the body.
fn direct_request(addr: &str, method: &str, target: &str, token: &str, body: Option<&str>) -> Result<(u16, Value)> {
    let mut stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
    stream.set_nodelay(true)?;
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\nConnection: close\r\n"
    );
    if let Some(body) = body {
        let _ = write!(request, "Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or(""));
    stream.write_all(request.as_bytes())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| anyhow!("no end of headers"))?;
    let head = std::str::from_utf8(&answer[..split])?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("bad status line in {head:?}"))?;
    let payload = &answer[split + 4..];
    let value = if payload.is_empty() { Value::Null } else { serde_json::from_slice(payload)? };
    Ok((status, value))
}

/// `VmRSS` and `VmHWM` of this process, in kB.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProcStatus {
    pub rss_kb: Option<u64>,
    pub hwm_kb: Option<u64>,
}

impl ProcStatus {
    fn read() -> ProcStatus {
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
async fn probe_memory(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pure_helpers() {
        let ms = |n: u64| Duration::from_millis(n);
        let samples: Vec<Duration> = (1..=20).rev().map(ms).collect();
        let s = Stats::of(&samples);
        assert_eq!((s.n, s.min, s.median, s.p95, s.total), (20, ms(1), ms(10), ms(19), ms(210)));
        assert_eq!(percentile(&[ms(7)], 95.0), ms(7));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
        assert_eq!(percentile(&[ms(1), ms(2), ms(3)], 50.0), ms(2));
        assert_eq!(percentile(&[ms(1), ms(2), ms(3)], 100.0), ms(3));

        let status = ProcStatus::parse("Name:\tzoom-host\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n");
        assert_eq!(status, ProcStatus { rss_kb: Some(10240), hwm_kb: Some(20480) });
        assert_eq!(ProcStatus::parse(""), ProcStatus::default());

        assert_eq!(encode("a b/é~"), "a%20b%2F%C3%A9~");
        assert_eq!(request_target("/v2/x", &[("page_size".into(), "30".into())]), "/v2/x?page_size=30");
        assert_eq!(iterations(None).unwrap(), DEFAULT_ITERATIONS);
        assert_eq!(iterations(Some(&"5".to_string())).unwrap(), 5);
        assert!(iterations(Some(&"0".to_string())).is_err());
    }
}
