//! Measurements through the component: instantiation, the webhook trigger, action round trips
//! against the same requests sent natively, and fetch-all pagination.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};

use super::direct::{direct_request, request_target};
use super::stats::Stats;
use super::table::{ratio, Table};
use super::{Ratios, REGISTRANTS};
use crate::trigger::{outcome_kind, webhook_args};
use zoom_runtime::typed::{WebhookConfig, WebhookOutcome, WebhookRequest};
use zoom_runtime::{token_connection, Connector, Outcome, Runtime, TRIGGERS};
use zoom_sim::Simulator;

/// Instantiation: a fresh store and instance per sample.
pub(super) async fn instantiation(
    runtime: &Runtime,
    hosts: &[String],
    warmup: usize,
    iterations: usize,
    table: &mut Table,
) -> Result<()> {
    let mut samples = Vec::with_capacity(iterations);
    for i in 0..warmup + iterations {
        let t = Instant::now();
        let connector = runtime.instantiate_allowing(hosts).await?;
        let took = t.elapsed();
        drop(connector);
        if i >= warmup {
            samples.push(took);
        }
    }
    let instantiate = Stats::of(&samples);
    table.section("instantiation");
    table.row("instantiate (fresh store + instance)", &instantiate, "instances");
    Ok(())
}

/// One instance with a token connection and a meeting created through it, shared by the call
/// measurements.
pub(super) struct Session {
    pub(super) connector: Connector,
    pub(super) token: String,
    pub(super) meeting_id: u64,
    conn: Value,
    /// The simulator's `meeting.created` event for the meeting.
    pub(super) created_event: String,
    /// `host:port` of the simulator, for the native requests.
    addr: String,
}

impl Session {
    /// Setup through the component: a meeting with automatic approval, with a token connection.
    pub(super) async fn start(runtime: &Runtime, hosts: &[String], sim: &Simulator) -> Result<Session> {
        let mut connector = runtime.instantiate_allowing(hosts).await?;
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
        let addr = sim.base_url().trim_start_matches("http://").to_owned();
        Ok(Session { connector, token, meeting_id, conn, created_event, addr })
    }
}

/// Webhook verification of a signed and a forged delivery; returns the signed delivery's arguments.
pub(super) async fn webhooks(
    s: &mut Session,
    sim: &Simulator,
    warmup: usize,
    iterations: usize,
    table: &mut Table,
) -> Result<([Value; 2], Stats)> {
    let created_event = &s.created_event;
    let secret = sim.credentials().webhook_secret;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let headers = sim.sign_webhook(created_event, now);
    let signed = webhook_args(created_event.as_bytes(), &headers, Some(&secret), None, None);
    let forged_body = created_event.replace("\"Bench\"", "\"Forged\"");
    ensure!(forged_body != *created_event, "could not forge the delivery");
    let forged = webhook_args(forged_body.as_bytes(), &headers, Some(&secret), None, None);
    let calls = iterations * 10;
    let verified = time_webhook(&mut s.connector, &signed, "event", warmup, calls).await?;
    let rejected = time_webhook(&mut s.connector, &forged, "rejected", warmup, calls).await?;
    let request = WebhookRequest { method: "POST".into(), headers, body: created_event.as_bytes().to_vec() };
    let config = WebhookConfig {
        secret_token: Some(secret.clone()),
        tolerance_seconds: None,
        now_unix_seconds: None,
        seen_signatures: None,
        filter: None,
    };
    let typed = time_webhook_typed(&mut s.connector, &request, &config, warmup, calls).await?;
    table.section("webhook trigger (triggers#webhook, HMAC-SHA256)");
    table.row("signed delivery -> event", &verified, "calls");
    // The same call without the JSON bridge: the difference is what the bridge costs.
    table.row("signed delivery -> event (typed)", &typed, "calls");
    table.row("forged delivery -> rejected", &rejected, "calls");
    // Instructions per call do not move with the machine's load, so builds compare exactly.
    let mut fuel = Vec::new();
    for (label, args) in [("signed", &signed), ("forged", &forged)] {
        s.connector.call(TRIGGERS, "webhook", args).await?;
        fuel.push(format!("{label} {}", s.connector.fuel_used()));
    }
    table.note(format!("guest fuel (wasm instructions) per delivery: {}", fuel.join(", ")));
    Ok((signed, verified))
}

async fn time_webhook(
    connector: &mut Connector,
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

async fn time_webhook_typed(
    connector: &mut Connector,
    request: &WebhookRequest,
    config: &WebhookConfig,
    warmup: usize,
    calls: usize,
) -> Result<Stats> {
    let mut samples = Vec::with_capacity(calls);
    for i in 0..warmup + calls {
        let t = Instant::now();
        let outcome = connector.webhook(request, config).await?;
        let took = t.elapsed();
        ensure!(matches!(outcome, WebhookOutcome::Event(_)), "the typed webhook did not answer with an event");
        if i >= warmup {
            samples.push(took);
        }
    }
    Ok(Stats::of(&samples))
}

/// Action round trips: component versus the same requests sent natively.
pub(super) async fn round_trips(
    s: &mut Session,
    sim: &Simulator,
    warmup: usize,
    iterations: usize,
    table: &mut Table,
    ratios: &mut Ratios,
) -> Result<()> {
    let (addr, conn, token, meeting_id) = (&s.addr, &s.conn, &s.token, s.meeting_id);
    let connector = &mut s.connector;
    table.section("action round trip (loopback simulator)");
    for (id, input) in [("get-meeting", json!({"meeting_id": meeting_id})), ("test-connection", json!({}))] {
        sim.clear_requests();
        ok(connector.action(id, conn, &input).await?, id)?;
        let sent: Vec<(String, String)> =
            sim.requests().iter().map(|r| (r.method.clone(), request_target(&r.path, &r.query))).collect();
        ensure!(!sent.is_empty(), "{id} sent no request");
        let mut through = Vec::with_capacity(iterations);
        for i in 0..warmup + iterations {
            let t = Instant::now();
            let outcome = connector.action(id, conn, &input).await?;
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
                let (status, _) = direct_request(addr, method, target, token, None)?;
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
    Ok(())
}

/// Fetch-all pagination over [`REGISTRANTS`] registrants, seeded natively, in pages of 300 and 30.
pub(super) async fn fetch_all(
    s: &mut Session,
    sim: &Simulator,
    iterations: usize,
    table: &mut Table,
    ratios: &mut Ratios,
) -> Result<()> {
    let (addr, conn, token, meeting_id) = (&s.addr, &s.conn, &s.token, s.meeting_id);
    let connector = &mut s.connector;
    for i in 0..REGISTRANTS {
        let body =
            json!({"email": format!("bench{i}@example.com"), "first_name": format!("Guest {i}"), "last_name": "Bench"});
        let target = format!("/v2/meetings/{meeting_id}/registrants");
        let (status, _) = direct_request(addr, "POST", &target, token, Some(&body.to_string()))?;
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
            let outcome = connector.action("list-meeting-registrants", conn, &input).await?;
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
    Ok(())
}

fn ok(outcome: Outcome, what: &str) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("{what} failed: {e}"),
    }
}
