//! `zoom-host bench --serve-rate`: signed deliveries per second through the served endpoint,
//! with its replay store in this process and then, given `--replay-store redis://HOST:PORT`, in
//! Redis, as replicas share it. Every delivery must be answered 200 and relayed exactly once
//! (the run fails otherwise); the rates are printed, never judged.

use std::io::Write;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{ensure, Result};
use zoom_runtime::redis::RedisUrl;
use zoom_runtime::serve::{self, EndpointConfig};
use zoom_runtime::{Limits, Runtime};

use super::clients::{self, Outcome, SECRET};
use super::relay::CountingRelay;

const CLIENTS: usize = 64;
const RUNS: usize = 3;

/// Deliveries per second of each run, in order.
struct Arm {
    rates: Vec<f64>,
}

impl Arm {
    fn median(&self) -> f64 {
        let mut sorted = self.rates.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }

    fn line(&self, label: &str) -> String {
        let (low, high) = self.rates.iter().fold((f64::MAX, 0f64), |(l, h), r| (l.min(*r), h.max(*r)));
        format!("{label:<44} {:>8.0} deliveries/s (runs {low:.0}-{high:.0})", self.median())
    }
}

/// Runs the in-process arm, then the Redis arm when `redis` is given, and prints both.
pub async fn run(out: &mut dyn Write, deliveries: u64, redis: Option<RedisUrl>) -> Result<()> {
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let profile = if cfg!(debug_assertions) { "debug build (use --release)" } else { "release build" };
    writeln!(
        out,
        "zoom-host bench --serve-rate: {nproc} cpu(s); {profile}; {deliveries} signed deliveries from {CLIENTS} \
         clients, a fresh connection each, x{RUNS} per store"
    )?;
    let runtime = Arc::new(crate::runtime(Limits::default())?);
    // Ids unique to this run: Redis keeps the signatures of earlier runs for the whole window.
    let mut next_id = SystemTime::now().duration_since(UNIX_EPOCH)?.as_micros() as u64 * 1_000;
    let memory = arm(&runtime, None, deliveries, &mut next_id).await?;
    writeln!(out, "{}", memory.line("replay store in this process"))?;
    let Some(url) = redis else {
        writeln!(out, "Redis: not measured (pass --replay-store redis://HOST:PORT)")?;
        return Ok(());
    };
    let shared = arm(&runtime, Some(url), deliveries, &mut next_id).await?;
    writeln!(out, "{}", shared.line("replay store in Redis"))?;
    let per = |rate: f64| 1e6 / rate;
    writeln!(
        out,
        "Redis / in-process time per delivery: {:.2} ({:.0} µs vs {:.0} µs: one second over the rate)",
        memory.median() / shared.median(),
        per(shared.median()),
        per(memory.median())
    )?;
    Ok(())
}

/// One endpoint with `redis` as its store (or none): a warm-up, then [`RUNS`] timed runs.
async fn arm(runtime: &Arc<Runtime>, redis: Option<RedisUrl>, deliveries: u64, next_id: &mut u64) -> Result<Arm> {
    let relay = CountingRelay::start().await?;
    let mut config = EndpointConfig::new(Some(SECRET), Some(&relay.url));
    if let Some(url) = redis {
        config = config.with_redis(url);
    }
    let endpoint = serve::start(Arc::clone(runtime), 0, config).await?;
    let mut ids = |n: u64| {
        let first = *next_id;
        *next_id += n;
        (first..first + n).collect::<Vec<u64>>()
    };
    let mut all = ids(CLIENTS as u64);
    let warm = clients::deliveries(endpoint.addr, all.clone(), CLIENTS).await;
    ensure!(warm.iter().all(|(_, o)| *o == Outcome::Status(200)), "the warm-up was refused: {warm:?}");
    let mut rates = Vec::new();
    for _ in 0..RUNS {
        let batch = ids(deliveries);
        let t = Instant::now();
        let answered = clients::deliveries(endpoint.addr, batch.clone(), CLIENTS).await;
        let took = t.elapsed();
        let refused: Vec<_> = answered.iter().filter(|(_, o)| *o != Outcome::Status(200)).take(3).collect();
        ensure!(refused.is_empty(), "deliveries not answered 200: {refused:?}");
        rates.push(deliveries as f64 / took.as_secs_f64());
        all.extend(batch);
    }
    // The relay may still be taking the last ones.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let counts = relay.counts();
    let once = all.iter().filter(|id| counts.get(&clients::key(**id)) == Some(&1)).count();
    ensure!(once == all.len(), "{} of {} deliveries were relayed exactly once", once, all.len());
    Ok(Arm { rates })
}
