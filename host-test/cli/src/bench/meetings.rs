//! The single-request actions on every arm: get-meeting, then create-meeting, each replaying
//! the request the component sent.

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};

use super::direct::direct_request;
use super::native::{Meeting, Sent};
use super::table::Table;
use super::workloads::{over, Arms, Ratio};

fn meeting_input() -> Value {
    json!({"topic": "Bench", "start_time": "2030-03-02T15:00:00Z", "duration": 60, "timezone": "UTC",
           "settings": {"approval_type": "automatic"}})
}

/// get-meeting, then create-meeting (in that order: the simulator finds a meeting by scanning
/// the ones created, so creating first would slow every later get).
pub(super) async fn meetings(arms: &Arms<'_>, table: &mut Table, ratios: &mut Vec<Ratio>) -> Result<()> {
    let mut setup = arms.instance().await?;
    let created = std::cell::Cell::new(0u64);
    arms.action(&mut setup, "create-meeting", &meeting_input(), &|m| {
        created.set(m["id"].as_u64().context("create-meeting returned no id")?);
        Ok(())
    })
    .await?;
    let meeting_id = created.get();
    let input = json!({"meeting_id": meeting_id});
    let sent = arms.sent_by("get-meeting", &input).await?;
    ensure!(sent.len() == 1, "get-meeting sent {} requests", sent.len());
    let is_it = |m: &Value| {
        ensure!(m["id"].as_u64() == Some(meeting_id), "get-meeting answered {m}");
        Ok(())
    };
    let job = json!({"workload": "get-meeting", "meeting_id": meeting_id});
    let n = arms.counts.get;
    let req = &sent[0];
    run_arms(arms, "get-meeting", &input, n, &is_it, req, 200, job, table, ratios, |m| m.id == meeting_id).await?;

    let input = meeting_input();
    let sent = arms.sent_by("create-meeting", &input).await?;
    ensure!(sent.len() == 1, "create-meeting sent {} requests", sent.len());
    let is_new = |m: &Value| {
        ensure!(m["id"].as_u64().is_some() && m["topic"] == "Bench", "create-meeting answered {m}");
        Ok(())
    };
    let body: Value = serde_json::from_str(sent[0].body.as_deref().context("create-meeting sent no body")?)?;
    let job = json!({"workload": "create-meeting", "create_body": body});
    let n = arms.counts.create;
    let req = &sent[0];
    run_arms(arms, "create-meeting", &input, n, &is_new, req, 201, job, table, ratios, |m| m.topic == "Bench").await?;
    arms.sim.take_events();
    Ok(())
}

/// One single-request action on every arm: rows and its ratio.
#[allow(clippy::too_many_arguments)]
async fn run_arms(
    arms: &Arms<'_>,
    id: &str,
    input: &Value,
    n: usize,
    check: &dyn Fn(&Value) -> Result<()>,
    sent: &Sent,
    status: u16,
    job: Value,
    table: &mut Table,
    ratios: &mut Vec<Ratio>,
    native_ok: impl Fn(&Meeting) -> bool,
) -> Result<()> {
    table.section(&format!("{id} x{n} ({} {})", sent.method, sent.target));
    let (fresh, reused) = arms.component(id, input, n, check).await?;
    let native = arms
        .time(n, || async {
            let meeting = arms.native.meeting(sent, status).await?;
            ensure!(native_ok(&meeting), "the native {id} answered meeting {}", meeting.id);
            Ok(())
        })
        .await?;
    let addr = arms.sim.base_url().trim_start_matches("http://").to_owned();
    let per_connection = arms
        .time(n, || async {
            let body = sent.body.as_deref();
            let (got, _) =
                tokio::task::block_in_place(|| direct_request(&addr, &sent.method, &sent.target, &arms.token, body))?;
            ensure!(got == status, "{} {} answered {got}", sent.method, sent.target);
            Ok(())
        })
        .await?;
    let rivet = arms.rivet(job, n, table)?;
    table.row("component, fresh instance per call", &fresh, "calls");
    table.row("component, one instance reused", &reused, "calls");
    table.row("native Rust, pooled keep-alive client (hyper-util)", &native, "calls");
    table.row("native Rust, a connection per request (secondary)", &per_connection, "calls");
    if let Some(rivet) = &rivet {
        table.row("Zoom Rivet 0.4.0 on node", rivet, "calls");
    }
    ratios.push(Ratio {
        workload: id.to_owned(),
        native: Some(over(fresh.median, native.median)),
        rivet: rivet.map(|r| over(fresh.median, r.median)),
    });
    arms.sim.clear_requests();
    Ok(())
}
