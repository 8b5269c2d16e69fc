//! The webhook endpoint as a WASI HTTP host serves it: each signed delivery travels over HTTP to
//! `serve`, which instantiates the component afresh for the request, as WASI HTTP hosts do.
//! Compared with the `webhook` trigger called on a live instance, the difference is the price of
//! a fresh instance plus one loopback HTTP exchange.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{ensure, Result};

use super::stats::Stats;
use super::table::{ratio, Table};
use super::Ratios;
use zoom_runtime::serve::{self, EndpointConfig};
use zoom_runtime::Limits;
use zoom_sim::Simulator;

/// Times `iterations` signed deliveries of `body` to the endpoint; `trigger` is the median of the
/// same delivery through the `webhook` trigger, for the ratio.
pub(super) async fn measure(
    sim: &Simulator,
    body: &str,
    warmup: usize,
    iterations: usize,
    trigger: &Stats,
    table: &mut Table,
    ratios: &mut Ratios,
) -> Result<()> {
    let secret = sim.credentials().webhook_secret;
    let runtime = Arc::new(crate::runtime(Limits::default())?);
    let endpoint = serve::start(runtime, 0, EndpointConfig::new(Some(&secret), None)).await?;
    let url = endpoint.url();
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let mut samples = Vec::with_capacity(iterations);
    for i in 0..warmup + iterations {
        // The endpoint refuses a delivery it already answered, so each one is signed afresh: a
        // distinct timestamp inside the window, and past 10,000 of them, trailing whitespace.
        let body = format!("{body}{}", " ".repeat(i / 10_000));
        let headers = sim.sign_webhook(&body, now - 5000 + (i % 10_000) as i64);
        let t = Instant::now();
        let (status, reply) = tokio::task::block_in_place(|| sim.deliver_webhook(&url, &body, &headers))?;
        let took = t.elapsed();
        ensure!(status == 200, "the endpoint answered {status} {reply}");
        if i >= warmup {
            samples.push(took);
        }
    }
    let stats = Stats::of(&samples);
    table.section("webhook endpoint (wasi:http incoming-handler via `serve`, fresh instance per request)");
    table.row("signed delivery over HTTP -> 200", &stats, "requests");
    ratios.push(("endpoint over HTTP / webhook trigger call".into(), ratio(stats.median, trigger.median)));
    Ok(())
}
