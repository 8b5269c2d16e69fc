//! `zoom-host bench --serve-load`: the served endpoint under load and hostile clients at once.
//!
//! Four phases, each running one kind of hostile client alongside 250 signed deliveries from 64
//! concurrent clients (1,000 in all): 500 idle sockets, 20 slow-drip bodies, 10 chunked 50 MiB
//! bodies, and 100 concurrent copies of one delivery. The endpoint runs with `serve`'s default
//! [`ServeLimits`] and relays to a loopback [`CountingRelay`], so the table can say how many
//! deliveries were relayed exactly once. It prints figures; it fails (exit 2) only when a valid
//! delivery was lost or a replay relayed twice, because then the figures describe a broken endpoint.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use zoom_runtime::serve::{self, EndpointConfig, ServeLimits};
use zoom_runtime::Limits;

use super::clients::{self, Outcome, SECRET};
use super::relay::CountingRelay;
use super::ProcStatus;

const DELIVERIES_PER_PHASE: u64 = 250;
const CLIENTS: usize = 64;
const REPLAYED_ID: u64 = 900_000;

/// One printed line: what a group of clients got.
struct Row {
    label: String,
    outcomes: Vec<Outcome>,
    /// Of this group's events, how many reached the relay exactly once (None: nothing to relay).
    relayed_once: Option<usize>,
    peak_rss_kb: Option<u64>,
}

/// Runs the phases and prints the table; an error when the endpoint lost a delivery.
pub async fn run(out: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let limits = ServeLimits::default();
    header(out, &limits)?;
    let relay = CountingRelay::start().await?;
    let runtime = Arc::new(crate::runtime(Limits::default())?);
    let config = EndpointConfig::new(Some(SECRET), Some(&relay.url)).with_limits(limits);
    let endpoint = serve::start(runtime, 0, config).await?;
    let addr = endpoint.addr;
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = tokio::spawn(sample_rss(Arc::clone(&peak)));

    let mut rows = Vec::new();
    let mut valid: Vec<(u64, Outcome)> = Vec::new();
    let mut replay_outcomes = Vec::new();
    let mut drip_ids = Vec::new();
    let mut chunked_sent = Vec::new();
    for phase in 0..4u64 {
        peak.store(0, Ordering::Relaxed);
        let ids: Vec<u64> = (phase * DELIVERIES_PER_PHASE..(phase + 1) * DELIVERIES_PER_PHASE).collect();
        // The hostile clients get going first; the signed deliveries follow while they are held.
        let alongside = async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            clients::deliveries(addr, ids, CLIENTS).await
        };
        let (label, hostile, delivered) = match phase {
            0 => {
                let (h, d) = tokio::join!(clients::idle_sockets(addr, 500), alongside);
                ("500 idle sockets (closed by the endpoint = timed out)", h, d)
            }
            1 => {
                let first = 800_000;
                drip_ids = (first..first + 20).collect();
                let drips = clients::slow_drips(addr, first, 20, Duration::from_millis(500));
                let (h, d) = tokio::join!(drips, alongside);
                ("20 slow-drip bodies (1 byte / 500 ms)", h, d)
            }
            2 => {
                let (h, d) = tokio::join!(clients::chunked_bodies(addr, 10, 50 << 20), alongside);
                chunked_sent = h.iter().map(|(_, sent)| *sent).collect();
                ("10 chunked 50 MiB bodies", h.into_iter().map(|(o, _)| o).collect(), d)
            }
            _ => {
                let (h, d) = tokio::join!(clients::replays(addr, REPLAYED_ID, 100), alongside);
                replay_outcomes = h.clone();
                ("100 concurrent copies of one delivery", h, d)
            }
        };
        let peak_rss_kb = Some(peak.load(Ordering::Relaxed)).filter(|kb| *kb > 0);
        rows.push(Row { label: label.to_owned(), outcomes: hostile, relayed_once: None, peak_rss_kb });
        let during = format!("  {} signed deliveries, {CLIENTS} clients, alongside", delivered.len());
        rows.push(Row {
            label: during,
            outcomes: delivered.iter().map(|d| d.1).collect(),
            relayed_once: None,
            peak_rss_kb,
        });
        valid.extend(delivered);
    }
    sampler.abort();
    // Let the last relays land before counting.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let counts = relay.counts();
    let once = |ids: &mut dyn Iterator<Item = u64>| ids.filter(|id| counts.get(&clients::key(*id)) == Some(&1)).count();
    for (i, row) in rows.iter_mut().enumerate() {
        let phase = i as u64 / 2;
        row.relayed_once = if i % 2 == 1 {
            Some(once(&mut (phase * DELIVERIES_PER_PHASE..(phase + 1) * DELIVERIES_PER_PHASE)))
        } else {
            match phase {
                1 => Some(once(&mut drip_ids.iter().copied())),
                3 => Some(once(&mut std::iter::once(REPLAYED_ID))),
                _ => None,
            }
        };
    }
    let total = Row {
        label: format!("all {} signed deliveries", valid.len()),
        outcomes: valid.iter().map(|d| d.1).collect(),
        relayed_once: Some(once(&mut valid.iter().map(|d| d.0))),
        peak_rss_kb: ProcStatus::read().hwm_kb,
    };
    print_table(out, &rows, &total)?;

    let lost = valid.iter().filter(|(_, o)| *o != Outcome::Status(200)).count();
    let twice = counts.values().filter(|n| **n > 1).count();
    let replay_twice = counts.get(&clients::key(REPLAYED_ID)).is_some_and(|n| *n > 1);
    let max_sent = chunked_sent.iter().max().copied().unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "chunked bodies: at most {:.1} MiB of 50 MiB sent before the endpoint stopped reading",
        max_sent as f64 / (1 << 20) as f64
    )?;
    writeln!(out, "relay: {} distinct events, {twice} relayed more than once", counts.len())?;
    writeln!(out, "valid deliveries lost: {lost}; replays relayed twice: {}", usize::from(replay_twice))?;
    writeln!(out, "serve-load done in {:.1} s", started.elapsed().as_secs_f64())?;
    drop(endpoint);
    if lost > 0 || twice > 0 || replay_outcomes.iter().filter(|o| **o == Outcome::Status(200)).count() != 1 {
        bail!("the endpoint lost {lost} valid deliveries or relayed {twice} events more than once");
    }
    Ok(())
}

/// Samples this process's VmRSS every 20 ms, keeping the largest seen since the last reset.
async fn sample_rss(peak: Arc<AtomicU64>) {
    loop {
        if let Some(kb) = ProcStatus::read().rss_kb {
            peak.fetch_max(kb, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn header(out: &mut dyn Write, limits: &ServeLimits) -> Result<()> {
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let profile = if cfg!(debug_assertions) { "debug build (use --release)" } else { "release build" };
    let nofile = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Max open files"))
                .map(|l| l.split_whitespace().nth(3).unwrap_or("?").to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    writeln!(
        out,
        "zoom-host bench --serve-load: {nproc} cpu(s); {profile}; open-file soft limit {nofile} (not raised)"
    )?;
    writeln!(
        out,
        "endpoint limits (serve's defaults): header timeout {:?}, request deadline {:?}, body cap {} KiB, {} connections, {} instances",
        limits.header_timeout,
        limits.request_deadline,
        limits.max_body_bytes >> 10,
        limits.max_connections,
        limits.max_instances
    )?;
    writeln!(
        out,
        "clients and endpoint share this process; peak memory is its VmRSS sampled every 20 ms (last row: VmHWM)"
    )?;
    writeln!(out)?;
    Ok(())
}

fn print_table(out: &mut dyn Write, rows: &[Row], total: &Row) -> Result<()> {
    let width = rows.iter().chain([total]).map(|r| r.label.chars().count()).max().unwrap_or(0);
    writeln!(
        out,
        "{:<width$} {:>7} {:>6} {:>8} {:>10} {:>6} {:>13} {:>12}",
        "clients", "n", "200", "refused", "timed out", "other", "relayed once", "peak memory"
    )?;
    for row in rows.iter().chain([total]) {
        let tally = Tally::of(&row.outcomes);
        writeln!(
            out,
            "{:<width$} {:>7} {:>6} {:>8} {:>10} {:>6} {:>13} {:>12}",
            row.label,
            row.outcomes.len(),
            tally.ok,
            tally.refused,
            tally.timed_out,
            tally.other,
            row.relayed_once.map_or("-".into(), |n| n.to_string()),
            row.peak_rss_kb.map_or("n/a".into(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0)),
        )?;
    }
    Ok(())
}

/// 200; refused (4xx but 408); timed out (408, 504, closed without an answer); other (5xx, none).
#[derive(Default)]
struct Tally {
    ok: usize,
    refused: usize,
    timed_out: usize,
    other: usize,
}

impl Tally {
    fn of(outcomes: &[Outcome]) -> Tally {
        let mut by: HashMap<&str, usize> = HashMap::new();
        for outcome in outcomes {
            let class = match outcome {
                Outcome::Status(200) => "ok",
                Outcome::Status(408 | 504) | Outcome::Closed => "timed_out",
                Outcome::Status(400..=499) => "refused",
                Outcome::Status(_) | Outcome::Lost => "other",
            };
            *by.entry(class).or_default() += 1;
        }
        let get = |k: &str| by.get(k).copied().unwrap_or(0);
        Tally { ok: get("ok"), refused: get("refused"), timed_out: get("timed_out"), other: get("other") }
    }
}
