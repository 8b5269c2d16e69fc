//! The webhook workloads: the `webhook` trigger called N times (component only; natively it is
//! the HMAC and a JSON parse), and the served endpoint under 64 concurrent clients, the
//! component's `serve` beside a hyper server doing the native verification.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{ensure, Context, Result};
use serde_json::json;
use zoom_runtime::serve::{self, EndpointConfig};
use zoom_runtime::{Limits, Outcome, TRIGGERS};

use super::clients::{self, SECRET};
use super::native_webhook::{self, header};
use super::table::Table;
use super::workloads::{over, Arms, Ratio};
use crate::trigger::{outcome_kind, webhook_args};

/// The trigger on one reused instance and on a fresh one per call, and the native verification.
pub(super) async fn webhook(arms: &Arms<'_>, table: &mut Table, ratios: &mut Vec<Ratio>) -> Result<()> {
    let n = arms.counts.webhooks;
    let mut setup = arms.instance().await?;
    let input = json!({"topic": "Bench", "start_time": "2030-03-02T15:00:00Z", "duration": 60, "timezone": "UTC"});
    arms.action(&mut setup, "create-meeting", &input, &|_| Ok(())).await?;
    let body = arms
        .sim
        .take_events()
        .into_iter()
        .find(|e| e.contains("\"meeting.created\""))
        .context("the simulator produced no meeting.created event")?;
    let secret = arms.sim.credentials().webhook_secret;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let headers = arms.sim.sign_webhook(&body, now);
    let args = webhook_args(body.as_bytes(), &headers, Some(&secret), None, None);
    let is_event = |outcome: Outcome| match outcome {
        Outcome::Ok(v) if outcome_kind(&v) == "event" => Ok(()),
        other => anyhow::bail!("the webhook answered {other:?}"),
    };
    let mut connector = arms.instance().await?;
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let outcome = connector.call(TRIGGERS, "webhook", &args).await?;
        samples.push(t.elapsed());
        is_event(outcome)?;
    }
    let reused = super::Stats::of(&samples);
    let fresh_n = (n / 10).max(1);
    let fresh = arms
        .time(fresh_n, || async {
            let mut connector = arms.instance().await?;
            is_event(connector.call(TRIGGERS, "webhook", &args).await?)
        })
        .await?;
    let (ts, sig) = (header(&headers, "x-zm-request-timestamp"), header(&headers, "x-zm-signature"));
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let event = native_webhook::verify(secret.as_bytes(), body.as_bytes(), ts, sig, now);
        samples.push(t.elapsed());
        ensure!(event.is_some_and(|e| e.event == "meeting.created"), "the native verification failed");
    }
    let native = super::Stats::of(&samples);
    table.section(&format!("webhook trigger x{n}: a signed meeting.created delivery ({} bytes)", body.len()));
    table.row("component, one instance reused", &reused, "calls");
    table.row(&format!("component, fresh instance per call (x{fresh_n})"), &fresh, "calls");
    table.row("native Rust: HMAC-SHA256 + typed JSON parse", &native, "calls");
    table.note("no Zoom Rivet arm: Rivet verifies webhooks only inside its own HTTP receiver".into());
    ratios.push(Ratio { workload: "webhook".into(), native: Some(over(reused.median, native.median)), rivet: None });
    Ok(())
}

/// Signed deliveries from 64 concurrent clients to `serve` and to the native hyper endpoint.
pub(super) async fn endpoint(arms: &Arms<'_>, table: &mut Table, ratios: &mut Vec<Ratio>) -> Result<()> {
    const CLIENTS: usize = 64;
    let n = arms.counts.deliveries as u64;
    let runtime = Arc::new(crate::runtime(Limits::default())?);
    let served = serve::start(runtime, 0, EndpointConfig::new(Some(SECRET), None)).await?;
    let native = native_webhook::serve(SECRET).await?;
    let mut rates = Vec::new();
    // Ids differ between the two endpoints, so neither sees a replay.
    for (first, addr) in [(1_000_000, served.addr), (2_000_000, native.addr)] {
        let t = Instant::now();
        let outcomes = clients::deliveries(addr, (first..first + n).collect(), CLIENTS).await;
        let wall = t.elapsed();
        let ok = outcomes.iter().filter(|(_, o)| *o == clients::Outcome::Status(200)).count();
        ensure!(ok as u64 == n, "{} of {n} deliveries were answered 200: {:?}", ok, outcomes.first());
        rates.push(wall);
    }
    table.section(&format!("served endpoint: {n} signed deliveries from {CLIENTS} concurrent clients"));
    table.rate("component (`serve`, fresh instance per request)", n as usize, rates[0], "deliveries");
    table.rate("native Rust (hyper, HMAC + typed JSON parse)", n as usize, rates[1], "deliveries");
    ratios.push(Ratio { workload: "endpoint".into(), native: Some(over(rates[0], rates[1])), rivet: None });
    Ok(())
}
