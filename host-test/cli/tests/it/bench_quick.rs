//! `zoom-host bench --quick` once, as a smoke test: every arm runs and every call succeeds (the
//! bench fails otherwise), and the output ends with well-formed RATIO lines. Nothing about timing
//! is asserted: the machines are shared.

use std::path::Path;
use std::process::Command;

const WORKLOADS: &[&str] = &["get-meeting", "create-meeting", "list-users", "webhook", "endpoint"];
/// The workloads the Rivet arm runs.
const RIVET: &[&str] = &["get-meeting", "create-meeting", "list-users"];

fn node_present() -> bool {
    Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `Some((workload, component/native, component/rivet))` of a well-formed RATIO line.
fn parse(line: &str) -> Option<(String, Option<f64>, Option<f64>)> {
    let mut words = line.strip_prefix("RATIO ")?.split(' ');
    let workload = words.next()?.strip_prefix("workload=")?.to_owned();
    let (mut native, mut rivet) = (None, None);
    for word in words {
        let (key, value) = word.split_once('=')?;
        // Plain decimals: digits, a point, two digits.
        let (whole, frac) = value.split_once('.')?;
        let plain = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && frac.len() == 2
            && frac.bytes().all(|b| b.is_ascii_digit());
        let number = value.parse::<f64>().ok().filter(|_| plain)?;
        match key {
            "component/native" if native.is_none() => native = Some(number),
            "component/rivet" if rivet.is_none() => rivet = Some(number),
            _ => return None,
        }
    }
    Some((workload, native, rivet))
}

#[test]
fn quick_bench_runs_every_arm_and_prints_ratio_lines() {
    let out = Command::new(env!("CARGO_BIN_EXE_zoom-host")).args(["bench", "--quick"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "bench --quick failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    let first = lines.iter().position(|l| l.starts_with("RATIO")).expect("no RATIO line");
    let ratios: Vec<_> = lines[first..].iter().map(|l| parse(l).unwrap_or_else(|| panic!("malformed: {l}"))).collect();
    let rivet_installed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/rivet/node_modules/@zoom/rivet").is_dir();
    if node_present() {
        assert!(rivet_installed, "node is installed but @zoom/rivet is not: run scripts/setup.sh");
        assert!(!stdout.contains("zoom rivet arm skipped"), "{stdout}");
    } else {
        assert!(stdout.contains("zoom rivet arm skipped: node is not installed"), "{stdout}");
    }
    for workload in WORKLOADS {
        let (_, native, rivet) = ratios.iter().find(|r| r.0 == *workload).unwrap_or_else(|| panic!("no {workload}"));
        assert!(native.is_some(), "{workload} has no native ratio");
        assert_eq!(rivet.is_some(), node_present() && RIVET.contains(workload), "{workload}'s rivet ratio");
    }
    assert!(ratios.iter().any(|r| r.0.starts_with("list-users-scale-")), "no scaling line");
}

#[test]
fn ratio_lines_are_parsed_strictly() {
    assert!(parse("RATIO workload=x component/native=1.23 component/rivet=0.50").is_some());
    assert!(parse("RATIO workload=x component/native=1.23").is_some());
    for bad in ["RATIO workload=x component/native=1.2", "RATIO workload=x component/native=1e3", "RATIO x"] {
        assert!(parse(bad).is_none(), "{bad}");
    }
}
