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
        // wasmtime caps what one call may copy out of the guest (its hostcall fuel); past that
        // the component walks page by page, one call each, as a platform would for such a list.
        let (by_page, probe) = match guest_memory(arms, expected).await {
            Ok(probe) => (false, probe),
            Err(e) if e.to_string().contains("fuel allocated for hostcalls") => {
                table.note(format!("one list-users call cannot return {expected} users: {e}"));
                (true, (0, arms.page_walk(expected).await?))
            }
            Err(e) => return Err(e),
        };
        let (fresh, reused, native, rivet, pages) =
            list_users(arms, expected, runs, (headline, by_page), table).await?;
        let how = if by_page { "one call per page, fresh instance each" } else { "fresh instance per walk" };
        table.row(&format!("component, {how} ({pages} pages)"), &fresh, "walks");
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
        memory.push((size, expected, by_page, probe));
    }
    table.section("guest linear memory of one list-users walk (fresh instance, after the call)");
    for (size, expected, by_page, (before, after)) in memory {
        let text = if by_page {
            format!("{size} bulk users: {} peak of one page call (one call per page)", mib(after))
        } else {
            format!(
                "{size} bulk users: {} after instantiation, {} peak, {:.0} bytes per listed user",
                mib(before),
                mib(after),
                after.saturating_sub(before) as f64 / expected as f64
            )
        };
        table.note(text);
    }
    Ok(())
}

/// Linear memory never shrinks, so its size after the call is the call's peak.
async fn guest_memory(arms: &Arms<'_>, expected: usize) -> Result<(usize, usize)> {
    let mut connector: Connector = arms.instance().await?;
    let before = connector.linear_memory().0;
    let input = json!({"paging": {"all": {"page_size": 300}}});
    let outcome = connector.action("list-users", &arms.conn, &input).await?;
    let page = match outcome {
        Outcome::Ok(page) => page,
        Outcome::Err(e) => anyhow::bail!("list-users failed in the memory probe: {e}"),
    };
    let listed = page["items"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(listed == expected, "the memory probe listed {listed} of {expected}");
    arms.sim.clear_requests();
    Ok((before, connector.linear_memory().0))
}
