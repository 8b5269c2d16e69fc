//! `--output`, progress, completions and exit codes, through the `zoom-host` binary against a
//! `zoom-host simulate --seed-account` process, as a SaaS-management team would run it: the CSV
//! read back must be the JSON result, row for row.

use std::io::{BufRead, BufReader};
use std::process::{Child, Output, Stdio};

use serde_json::Value;

use crate::harness::zoom_host;

/// A seeded simulator process, killed when dropped.
struct Sim {
    child: Child,
    info: Value,
}

impl Sim {
    fn start() -> Sim {
        let mut child = zoom_host().args(["simulate", "--seed-account"]).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let info: Value = serde_json::from_str(&line).expect("first line is JSON");
        Sim { child, info }
    }

    fn run(&self, args: &[&str]) -> Output {
        let s = |k: &str| self.info[k].as_str().unwrap().to_owned();
        zoom_host()
            .args(args)
            .env("ZOOM_API_URL", s("api_url"))
            .env("ZOOM_OAUTH_URL", s("oauth_url"))
            .env("ZOOM_ACCOUNT_ID", s("account_id"))
            .env("ZOOM_CLIENT_ID", s("client_id"))
            .env("ZOOM_CLIENT_SECRET", s("client_secret"))
            .output()
            .unwrap()
    }

    /// The result as JSON and as CSV records, from two runs of the same call.
    fn json_and_csv(&self, action: &str, input: &str) -> (Value, Vec<Vec<String>>) {
        let json = self.run(&["call", action, "--input", input, "--output", "json"]);
        let csv = self.run(&["call", action, "--input", input, "--output", "csv"]);
        for out in [&json, &csv] {
            assert!(out.status.success(), "{action}: {}", String::from_utf8_lossy(&out.stderr));
            assert!(
                out.stderr.is_empty(),
                "nothing but the result in a pipe: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        (serde_json::from_slice(&json.stdout).unwrap(), parse_csv(std::str::from_utf8(&csv.stdout).unwrap()))
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `csv` crate's RFC 4180 reader (quoted fields, doubled quotes, CRLF records), not ours.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.is_empty() || text.ends_with('\n'), "the last record ends with a line break");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("RFC 4180 CSV").iter().map(str::to_owned).collect()).collect()
}

/// Checks that `csv` holds exactly `list`'s records: one row each, in order, every cell the
/// record's value (text as is, numbers as JSON writes them, null as nothing).
fn assert_rows_are(csv: &[Vec<String>], list: &Value) -> Vec<String> {
    let list = list.as_array().expect("a list");
    let (header, rows) = csv.split_first().expect("a header row");
    assert_eq!(rows.len(), list.len());
    for (row, record) in rows.iter().zip(list) {
        assert_eq!(row.len(), header.len());
        for (column, cell) in header.iter().zip(row) {
            let expected = match &record[column] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, &expected, "{column} of {record}");
        }
    }
    header.clone()
}

fn date(days_ago: i64) -> String {
    let now = crate::harness::now_i64();
    zoom_sim::format_date(now.div_euclid(86_400) - days_ago)
}

#[test]
fn license_inventory_login_activity_and_usage_as_csv_read_back_as_their_json() {
    let sim = Sim::start();
    let (inventory, csv) = sim.json_and_csv("license-inventory", "{}");
    assert!(inventory["users"].as_array().unwrap().len() > 200, "the seeded account's users, not the counts per type");
    let header = assert_rows_are(&csv, &inventory["users"]);
    for column in ["id", "email", "user_type_name", "status", "last_login_time", "plan_united_type"] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }

    let range = format!(r#"{{"from": "{}", "to": "{}"}}"#, date(6), date(1));
    let (activity, csv) = sim.json_and_csv("login-activity", &range);
    assert_rows_are(&csv, &activity["events"]);
    let kind = csv[0].iter().position(|h| h == "kind").unwrap();
    let sign_ins = csv[1..].iter().filter(|r| r[kind] == "sign_in").count();
    assert!(sign_ins > 0);
    assert_eq!(activity["sign_ins"], sign_ins);

    let (usage, csv) = sim.json_and_csv("usage-summary", &range);
    let days = &usage["daily"]["available"]["days"];
    assert_eq!(days.as_array().unwrap().len(), 6, "{usage}");
    assert_eq!(assert_rows_are(&csv, days), ["date", "meeting_minutes", "meetings", "new_users", "participants"]);
}

#[test]
fn a_multi_page_fetch_all_in_a_pipe_prints_json_by_default_and_nothing_on_stderr() {
    let sim = Sim::start();
    let out = sim.run(&["call", "list-users", "--input", r#"{"paging": {"all": {"page_size": 30}}}"#]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "no progress in a pipe: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON when stdout is not a terminal");
    assert!(v["items"].as_array().unwrap().len() > 90, "several pages of 30");
}

#[test]
fn the_table_shows_the_main_list_one_line_per_record() {
    let sim = Sim::start();
    let json = sim.run(&["call", "list-users", "--input", r#"{"paging": {"page": {"page_size": 5}}}"#]);
    let table =
        sim.run(&["call", "list-users", "--input", r#"{"paging": {"page": {"page_size": 5}}}"#, "--output", "table"]);
    assert!(table.status.success(), "{}", String::from_utf8_lossy(&table.stderr));
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 5, "header, rule, one line per user: {text}");
    assert!(lines[0].split_whitespace().any(|c| c == "email"), "{text}");
    for (line, user) in lines[2..].iter().zip(v["items"].as_array().unwrap()) {
        assert!(line.contains(user["email"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn poll_and_reconcile_take_output_too() {
    let sim = Sim::start();
    let poll = sim.run(&["poll", "--input", r#"{"source": {"new_recordings": "me"}, "backfill_hours": 720}"#]);
    let polled: Value = serde_json::from_slice(&poll.stdout).unwrap();
    let csv = sim.run(&[
        "poll",
        "--input",
        r#"{"source": {"new_recordings": "me"}, "backfill_hours": 720}"#,
        "--output",
        "csv",
    ]);
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    let records = parse_csv(std::str::from_utf8(&csv.stdout).unwrap());
    assert_eq!(records.len(), 1 + polled["items"].as_array().unwrap().len());
    let topic = records[0].iter().position(|h| h == "item.recording.topic").expect("nested fields as dotted columns");
    for (row, item) in records[1..].iter().zip(polled["items"].as_array().unwrap()) {
        assert_eq!(row[topic], item["item"]["recording"]["topic"].as_str().unwrap());
    }
    let window = r#"{"from": "2020-01-01T00:00:00Z", "to": "2020-01-02T00:00:00Z", "seen_keys": []}"#;
    let empty = sim.run(&["reconcile", "--input", window, "--output", "table"]);
    assert!(empty.status.success(), "{}", String::from_utf8_lossy(&empty.stderr));
    assert_eq!(String::from_utf8(empty.stdout).unwrap(), "(no rows)\n");
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = zoom_host().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["zoom-host", "call", "reconcile", "completions", "output"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
}

#[test]
fn exit_codes_are_0_ok_1_zoom_or_input_2_usage_with_the_json_error_unchanged() {
    let ok = zoom_host()
        .args(["call", "create-meeting", "--input", r#"{"topic": "t"}"#, "--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let zoom = zoom_host()
        .args(["call", "get-meeting", "--input", r#"{"meeting_id": 1}"#, "--output", "table"])
        .output()
        .unwrap();
    assert_eq!(zoom.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&zoom.stderr).expect("the typed error alone, whatever --output says");
    assert_eq!(err["not_found"]["code"], 3001);
    assert!(zoom.stdout.is_empty());
    let usage = zoom_host().args(["call", "get-meeting", "--output", "xml"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&usage.stderr).unwrap();
    assert!(err["other"].as_str().unwrap().contains("--output"), "{err}");
}

/// The progress line's source: the runtime counts each GET it sends while the call runs, one per
/// page of a fetch-all list, exactly the requests the simulator received.
#[tokio::test(flavor = "multi_thread")]
async fn the_runtime_counts_each_page_a_fetch_all_sends() {
    let env = crate::harness::Env::new().await;
    env.sim.seed_users(45);
    let runtime = zoom_host::runtime(zoom_runtime::Limits::default()).unwrap();
    let gets = runtime.gets_sent();
    let mut connector = runtime.instantiate_allowing(&crate::harness::allowed(&env.sim)).await.unwrap();
    let input = serde_json::json!({"paging": {"all": {"page_size": 10}}});
    let zoom_runtime::Outcome::Ok(v) = connector.action("list-users", &env.conn, &input).await.unwrap() else {
        panic!("list-users failed")
    };
    let items = v["items"].as_array().unwrap().len();
    assert!(items > 40, "{items}");
    let received = env.sim.requests().iter().filter(|r| r.method == "GET").count();
    assert_eq!(received, items.div_ceil(10), "one GET a page");
    assert_eq!(gets.load(std::sync::atomic::Ordering::Relaxed), received as u64);
}

/// Exit code 3 is the host's own limit, not Zoom's answer: a body larger than the guest's 64 MiB
/// memory ends the call with `limit_exceeded`, and the simulator never sees a meeting.
#[test]
fn a_call_over_the_hosts_memory_budget_exits_3_with_the_typed_error() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("exit-3-input.json");
    let input = serde_json::json!({
        "method": "post",
        "path": "/users/me/meetings",
        "body": format!("{{\"topic\": \"{}\"}}", "x".repeat(80 << 20)),
    });
    std::fs::write(&path, input.to_string()).unwrap();
    let out = zoom_host().args(["call", "raw-request", "--input", &format!("@{}", path.display())]).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let first = out.stderr.split(|b| *b == b'\n').next().unwrap();
    let err: Value = serde_json::from_slice(first).expect("the typed error's JSON first");
    assert!(err["limit_exceeded"].as_str().is_some_and(|m| m.contains("memory")), "{err}");
}
