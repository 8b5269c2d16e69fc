//! Memory figures: the host process's `/proc/self/status`, and guest linear memory as the
//! runtime's own store limiter sees it ([`Connector::linear_memory`]).

use anyhow::{bail, ensure, Result};
use serde_json::{json, Value};
use zoom_runtime::{token_connection, Connector, Outcome, Runtime, ACTIONS, MANIFEST, TRIGGERS};
use zoom_sim::Simulator;

use super::REGISTRANTS;

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

/// Linear memory after instantiation and after each call, heaviest last, on a fresh instance.
pub(super) async fn probe_memory(
    runtime: &Runtime,
    sim: &Simulator,
    meeting_id: u64,
    token: &str,
    signed_webhook: &[Value; 2],
) -> Result<Vec<(String, usize, usize)>> {
    let mut probe = runtime.instantiate().await?;
    let mut rows = Vec::new();
    let mut record = |label: &str, probe: &Connector| {
        let (bytes, count) = probe.linear_memory();
        rows.push((label.to_owned(), bytes, count));
    };
    record("after instantiation", &probe);
    call(&mut probe, MANIFEST, "describe", &[]).await?;
    record("after manifest#describe", &probe);
    call(&mut probe, TRIGGERS, "webhook", signed_webhook).await?;
    record("after webhook (signed delivery)", &probe);
    let conn = token_connection(&sim.api_url(), token);
    call(&mut probe, ACTIONS, "get-meeting", &[conn.clone(), json!({"meeting_id": meeting_id})]).await?;
    record("after get-meeting", &probe);
    for page_size in [30, 300] {
        let input = json!({"meeting_id": meeting_id, "paging": {"all": {"page_size": page_size}}});
        let page = call(&mut probe, ACTIONS, "list-meeting-registrants", &[conn.clone(), input]).await?;
        let listed = page["items"].as_array().map_or(0, Vec::len);
        ensure!(listed == REGISTRANTS, "the probe listed {listed} registrants");
        record(&format!("after list-meeting-registrants ({REGISTRANTS}, page_size {page_size})"), &probe);
    }
    sim.clear_requests();
    Ok(rows)
}

/// A call whose error side fails the probe: every figure must come from a call that worked.
async fn call(probe: &mut Connector, interface: &str, function: &str, args: &[Value]) -> Result<Value> {
    match probe.call(interface, function, args).await? {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("{function} failed: {e}"),
    }
}
