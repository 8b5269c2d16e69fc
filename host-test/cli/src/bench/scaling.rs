//! list-users as the directory grows (1,000 / 10,000 / 100,000 bulk users, pages of 300): time
//! per listed user on every arm, and the component's guest memory per user. The size the
//! `list-users` workload names is measured with every arm and more runs; the others once or
//! thrice, since a 100,000-user walk takes seconds.

use anyhow::Result;
use serde_json::json;

use super::stats::Stats;
use super::table::{mib, Table};
use super::workloads::{list_users, over, users_at, Arms, Ratio};
use zoom_runtime::{Connector, Outcome};

pub(super) async fn run(arms: &Arms<'_>, table: &mut Table, ratios: &mut Vec<Ratio>) -> Result<()> {
    let mut seeded = 0;
    let mut memory = Vec::new();
    for &size in arms.counts.scale {
        let expected = users_at(arms, size, &mut seeded);
        let headline = size == arms.counts.users;
        let runs = if headline {
            arms.counts.list_runs
        } else if size <= 10_000 {
            3
        } else {
            1
        };
        let title = format!("list-users, {size} bulk users ({expected} listed), pages of 300, x{runs}");
        table.section(&title);
        let (fresh, reused, native, rivet, pages) = list_users(arms, expected, runs, headline, table).await?;
        table.row(&format!("component, fresh instance per walk ({pages} pages)"), &fresh, "walks");
        if let Some(reused) = &reused {
            table.row("component, one instance reused", reused, "walks");
        }
        table.row("native Rust, pooled keep-alive client", &native, "walks");
        if let Some(rivet) = &rivet {
            table.row("Zoom Rivet 0.4.0 on node", rivet, "walks");
        }
        let per_item = |s: &Stats| s.median.as_secs_f64() * 1e6 / expected as f64;
        let mut line = format!("per user: component {:.2} µs, native {:.2} µs", per_item(&fresh), per_item(&native));
        if let Some(rivet) = &rivet {
            line.push_str(&format!(", rivet {:.2} µs", per_item(rivet)));
        }
        table.note(line);
        let ratio = |workload: String| Ratio {
            workload,
            native: Some(over(fresh.median, native.median)),
            rivet: rivet.map(|r| over(fresh.median, r.median)),
        };
        if headline {
            ratios.push(ratio("list-users".into()));
        }
        ratios.push(ratio(format!("list-users-scale-{size}")));
        memory.push((size, expected, guest_memory(arms, expected).await?));
    }
    table.section("guest linear memory of one list-users walk (fresh instance, after the call)");
    for (size, expected, (before, after)) in memory {
        table.note(format!(
            "{size} bulk users: {} after instantiation, {} peak, {:.0} bytes per listed user",
            mib(before),
            mib(after),
            after.saturating_sub(before) as f64 / expected as f64
        ));
    }
    Ok(())
}

/// Linear memory never shrinks, so its size after the call is the call's peak.
async fn guest_memory(arms: &Arms<'_>, expected: usize) -> Result<(usize, usize)> {
    let mut connector: Connector = arms.instance().await?;
    let before = connector.linear_memory().0;
    let input = json!({"paging": {"all": {"page_size": 300}}});
    let outcome = connector.action("list-users", &arms.conn, &input).await?;
    let Outcome::Ok(page) = outcome else { anyhow::bail!("list-users failed in the memory probe") };
    let listed = page["items"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(listed == expected, "the memory probe listed {listed} of {expected}");
    arms.sim.clear_requests();
    Ok((before, connector.linear_memory().0))
}
