//! Fetch-all lists under faults: nothing may be lost or repeated.

use std::time::Duration;

use serde_json::{json, Value};
use zoom_runtime::Outcome;
use zoom_sim::{Fault, FaultKind};

use super::prepare::prepare;
use super::rows::Row;
use super::{options, route_requests, Col};
use crate::harness::Env;

/// The item identity used to compare lists: the id, or the whole raw record.
fn item_key(item: &Value) -> String {
    match item.get("id") {
        Some(Value::Null) | None => item["raw"].as_str().map_or_else(|| item.to_string(), str::to_owned),
        Some(id) => id.to_string(),
    }
}

/// Printable lines and mismatches of one list action's fetch-all runs.
pub(super) type ListReport = (Vec<String>, Vec<String>);

/// A fetch-all of one list action: clean, then with a 429 and a 503 on a later page. Returns
/// printable lines and mismatches.
pub(super) async fn fetch_all(row: &'static Row) -> ListReport {
    let page_size = row.list_page_size.expect("a list row");
    let mut env = Env::new().await;
    env.conn["server_to_server"]["options"] = options(Col::Clean);
    let prep = prepare(row, &mut env).await;
    let mut input = prep.input.clone();
    input["paging"] = json!({"all": {"page_size": page_size}});
    let mut lines = Vec::new();
    let mut bad = Vec::new();

    env.sim.clear_requests();
    let clean = match env.run(row.action, input.clone()).await {
        Outcome::Ok(v) => v,
        Outcome::Err(e) => {
            bad.push(format!("{}: the clean fetch-all failed: {e}", row.name));
            return (lines, bad);
        }
    };
    let pages = route_requests(&env.sim, row.method, &prep.prefix);
    let keys = |v: &Value| {
        let mut k: Vec<String> = v["items"].as_array().map(|a| a.iter().map(item_key).collect()).unwrap_or_default();
        k.sort();
        k
    };
    let clean_keys = keys(&clean);
    let held = prep.held.as_ref().map(|h| h(&env.sim));
    let total = clean["total_records"].as_u64();
    lines.push(format!(
        "{:<26} page_size {page_size}: {} items in {pages} pages; simulator holds {}; total_records {}",
        row.name,
        clean_keys.len(),
        held.map_or("-".to_owned(), |h| h.to_string()),
        total.map_or("-".to_owned(), |t| t.to_string()),
    ));
    if let Some(h) = held {
        if h != clean_keys.len() {
            bad.push(format!(
                "{}: clean fetch-all returned {} items, the simulator holds {h}",
                row.name,
                clean_keys.len()
            ));
        }
    }
    if total.is_some_and(|t| t as usize != clean_keys.len()) {
        bad.push(format!("{}: fetch-all returned {} items but total_records is {total:?}", row.name, clean_keys.len()));
    }
    if pages < 2 {
        bad.push(format!(
            "{}: only {pages} page(s) at page_size {page_size}; the later-page faults cannot fire",
            row.name
        ));
    }
    // Harmless zero-length slow faults take the pages before the target one: the first armed
    // fault matching a request wins.
    let target = pages.clamp(1, 2);
    for (name, kind) in [("429", FaultKind::RateLimited { retry_after_secs: 1 }), ("503", FaultKind::Status(503))] {
        env.sim.clear_requests();
        let fault = |kind: FaultKind| Fault {
            method: Some(row.method.to_owned()),
            path_prefix: prep.prefix.clone(),
            kind,
            times: 1,
        };
        for _ in 1..target {
            env.sim.inject(fault(FaultKind::Slow(Duration::ZERO)));
        }
        env.sim.inject(fault(kind));
        let got = env.run(row.action, input.clone()).await;
        let sent = route_requests(&env.sim, row.method, &prep.prefix);
        let statuses: Vec<u16> = env
            .sim
            .requests()
            .iter()
            .filter(|r| r.method == row.method && r.path.starts_with(&prep.prefix))
            .map(|r| r.status)
            .collect();
        match got {
            Outcome::Ok(v) => {
                let k = keys(&v);
                lines.push(format!(
                    "{:<26} {name} on page {target}: {} items in {sent} requests {statuses:?}",
                    row.name,
                    k.len()
                ));
                if k != clean_keys {
                    bad.push(format!(
                        "{}: fetch-all with a {name} on page {target} returned {} items, clean {} (lost or changed)",
                        row.name,
                        k.len(),
                        clean_keys.len()
                    ));
                }
                if sent != pages + 1 {
                    bad.push(format!("{}: {name} on page {target}: {sent} requests, expected {}", row.name, pages + 1));
                }
            }
            Outcome::Err(e) => {
                lines.push(format!("{:<26} {name} on page {target}: error {e} {statuses:?}", row.name));
                bad.push(format!("{}: fetch-all with a {name} on page {target} failed: {e}", row.name));
            }
        }
    }
    (lines, bad)
}
