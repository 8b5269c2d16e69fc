//! Recipe: a weekly licence-reclaim report. Before anyone loses a licence, an admin sees who
//! would be de-licensed and how many seats that frees, as a CSV to review or share.
//!
//! Trigger: a weekly schedule on the platform (run once here).
//! Actions: `reclaim-inactive-licenses` as a dry run (its default), so nothing changes, and
//! `list-users` for each candidate's licence type. Output: a CSV (email, type, last sign-in) and
//! the seats it frees. Run: `cargo run -p zoom-host --example licence_reclaim_report`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{ensure, Context, Result};
use serde_json::json;
use zoom_host::recipe::Recipe;
use zoom_sim::{parse_datetime, AccountSeed};

/// Users who have not signed in for this many days are reported.
const INACTIVE_DAYS: u32 = 90;

const HEADER: [&str; 3] = ["email", "type", "last_sign_in"];

#[tokio::main]
async fn main() -> Result<()> {
    let mut recipe = Recipe::start().await?;
    // A realistic account: hundreds of users, some of whom have not signed in for months.
    recipe.sim.seed_account(&AccountSeed::default());
    let before = recipe.sim.users();

    let report = recipe.action("reclaim-inactive-licenses", &json!({"days": INACTIVE_DAYS})).await?;
    let users = recipe.action("list-users", &json!({"status": "active"})).await?;
    let types: BTreeMap<&str, u64> = users["items"]
        .as_array()
        .context("users")?
        .iter()
        .filter_map(|u| Some((u["email"].as_str()?, u["user_type"].as_u64()?)))
        .collect();
    let candidates = report["candidates"].as_array().context("candidates")?;

    let mut csv = csv_line(&HEADER);
    for c in candidates {
        let email = c["email"].as_str().context("a candidate's email")?;
        let kind = types.get(email).map_or("unknown", |t| type_name(*t));
        csv.push_str(&csv_line(&[email, kind, c["last_login_time"].as_str().unwrap_or("never")]));
    }
    let seats = candidates.len();
    print!("{csv}");
    println!("seats freed: {seats} (dry run: nobody was de-licensed)");

    // Nothing changed: a dry run only reads.
    ensure!(report["dry_run"] == true, "not a dry run: {}", report["dry_run"]);
    ensure!(report["reclaimed"] == json!([]), "users were reclaimed: {}", report["reclaimed"]);
    ensure!(recipe.sim.users() == before, "the simulator's users changed");

    // The CSV reads back to one row per seat, each a licensed user inactive since the cut-off.
    let rows = parse_csv(&csv)?;
    ensure!(rows.first().map(Vec::as_slice) == Some(&HEADER.map(String::from)[..]), "header {:?}", rows.first());
    let rows = &rows[1..];
    ensure!(seats > 0 && rows.len() == seats, "{} rows for {seats} seats", rows.len());
    let cutoff = report["cutoff"].as_str().and_then(parse_datetime).context("the report's cut-off")?;
    let inactive: BTreeSet<&str> = before
        .iter()
        .filter(|u| u["status"] == "active" && u["type"] == 2)
        .filter(|u| {
            let seen = u["last_login_time"].as_str().or(u["user_created_at"].as_str());
            seen.and_then(parse_datetime).is_some_and(|t| t < cutoff)
        })
        .filter_map(|u| u["email"].as_str())
        .collect();
    let listed: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    ensure!(listed == inactive, "listed {} users, {} are inactive licensed", listed.len(), inactive.len());
    for row in rows {
        let user = before.iter().find(|u| u["email"] == row[0].as_str()).context("a listed user")?;
        ensure!(row[1] == type_name(user["type"].as_u64().unwrap_or(0)), "{} listed as {}", row[0], row[1]);
        let seen = user["last_login_time"].as_str().unwrap_or("never");
        ensure!(row[2] == seen, "{} last signed in {seen}, listed {}", row[0], row[2]);
    }
    println!("licence_reclaim_report ok");
    Ok(())
}

/// Zoom's user type numbers, as people read them.
fn type_name(t: u64) -> &'static str {
    match t {
        1 => "Basic",
        2 => "Licensed",
        4 => "Unassigned",
        99 => "None",
        _ => "unknown",
    }
}

/// One CSV record (RFC 4180).
fn csv_line(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    format!("{}\n", quoted.join(","))
}

/// A field with a comma, quote or line break is quoted, its quotes doubled.
fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// Reads the CSV back the way a spreadsheet would, so the check does not trust the writer.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    ensure!(!quoted && field.is_empty() && row.is_empty(), "the CSV does not end with a complete record");
    ensure!(rows.iter().all(|r| r.len() == HEADER.len()), "a record without {} fields", HEADER.len());
    Ok(rows)
}
