//! The Zoom Rivet arm: `bench/rivet/run.mjs` drives `@zoom/rivet` (Zoom's official Node.js SDK)
//! against the same simulator, timing each call itself so node's start-up is not counted. The
//! job (with the token) goes on stdin, never on the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use serde_json::Value;

/// Where the script and its `node_modules` live.
fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/rivet")
}

/// `Ok(())` when the arm can run; otherwise the note the bench prints instead.
pub(super) fn available() -> Result<(), String> {
    let node = Command::new("node").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !node.is_ok_and(|s| s.success()) {
        return Err("node is not installed (Debian: apt-get install nodejs npm; then scripts/setup.sh)".into());
    }
    if !dir().join("node_modules/@zoom/rivet/package.json").is_file() {
        return Err("@zoom/rivet is not installed (run scripts/setup.sh, or npm ci in bench/rivet)".into());
    }
    Ok(())
}

/// Runs `job` (see run.mjs) and returns the per-call samples; an error when any answer was wrong.
pub(super) fn run(job: &Value) -> Result<Vec<Duration>> {
    let mut child = Command::new("node")
        .arg("run.mjs")
        .current_dir(dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting node")?;
    child.stdin.take().context("node's stdin")?.write_all(job.to_string().as_bytes())?;
    let output = tokio::task::block_in_place(|| child.wait_with_output())?;
    let workload = job["workload"].as_str().unwrap_or("?");
    if !output.status.success() {
        bail!("the rivet arm failed on {workload}: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    let answer: Value = serde_json::from_slice(&output.stdout).context("the rivet arm printed no JSON")?;
    let samples: Vec<Duration> = answer["samples_us"]
        .as_array()
        .context("no samples_us")?
        .iter()
        .filter_map(Value::as_f64)
        .map(|us| Duration::from_secs_f64(us / 1e6))
        .collect();
    let wanted = job["count"].as_u64().unwrap_or(0) as usize;
    ensure!(
        samples.len() == wanted && answer["checked"].as_u64() == Some(wanted as u64),
        "the rivet arm checked {} of {wanted} calls of {workload}",
        answer["checked"]
    );
    Ok(samples)
}
