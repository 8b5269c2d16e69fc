//! Generated-input robustness: for every action, thousands of inputs generated from the
//! component's own WIT types (mostly valid values with targeted mutations: wrong JSON types,
//! missing and unknown fields, out-of-range and negative numbers, 100 KB and odd Unicode strings,
//! invalid emails and dates, fields that exclude each other, malformed JSON text, 1,000-item lists,
//! deep nesting), run through the component against one simulator. No call may trap, panic or
//! hang; every error must be a typed `zoom-error`, an `invalid_input` must name a field of the
//! action, no answer may carry the client secret, and every request sent must match Zoom's spec.
//!
//! Replay: `BAD_INPUT_SEED=<seed>` reruns a whole run; add `BAD_INPUT_ACTION=<id>` and
//! `BAD_INPUT_CASE=<n>` to run one case alone (its input depends only on the seed, the action
//! and n). `BAD_INPUT_CASES=<n>` sets the cases per action.

mod boundary;
mod boundary_calls;
mod boundary_chat_groups;
mod boundary_panelists;
mod boundary_past;
mod boundary_recordings;
mod boundary_status;
mod boundary_webinars;
mod call;
mod checks;
mod gen;
mod pools;
mod report;
mod triggers;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use wasmtime::component::Type;
use zoom_runtime::bridge::json_name;
use zoom_runtime::{Outcome, ACTIONS};
use zoom_sim::conformance;
use zoom_sim::LoggedRequest;

use crate::harness::{kind, runtime, Env};
use call::{call, count_unnamed_thread_panics, Call, CASE_BUDGET, UNNAMED_THREAD_PANICS};
use checks::Checked;
use gen::case_seed;
use pools::{pools, track};
use report::{clip, normalize, Findings, Row};

const DEFAULT_SEED: u64 = 0x0BAD_1D7E_5EED_2026;
const CASES_PER_ACTION: usize = 400;

/// The input record type of an action and its field names (`None` for actions without input).
fn input_type(params: &[(String, Type)]) -> (Option<Type>, BTreeSet<String>) {
    let ty = params.get(1).map(|(_, t)| t.clone());
    let fields = match &ty {
        Some(Type::Record(r)) => r.fields().map(|f| json_name(f.name)).collect(),
        _ => BTreeSet::new(),
    };
    (ty, fields)
}

fn env_number(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16).ok(),
        None => v.replace('_', "").parse().ok(),
    }
}

// ---------------------------------------------------------------------------------------------
// The generated run

#[tokio::test(flavor = "multi_thread")]
async fn generated_inputs_never_trap_and_name_the_field() {
    let seed = env_number("BAD_INPUT_SEED").unwrap_or(DEFAULT_SEED);
    let per_action = env_number("BAD_INPUT_CASES").map_or(CASES_PER_ACTION, |n| n as usize);
    let only_action = std::env::var("BAD_INPUT_ACTION").ok();
    let only_case = env_number("BAD_INPUT_CASE").map(|n| n as usize);
    println!("bad-input: seed {seed:#x} ({per_action} cases per action); replay with BAD_INPUT_SEED={seed:#x}");
    count_unnamed_thread_panics();
    let panics_before = UNNAMED_THREAD_PANICS.load(Ordering::SeqCst);
    let started = Instant::now();

    let mut env = Env::new().await;
    let secret = env.sim.credentials().client_secret;
    let mut pools = pools(&mut env).await;
    env.sim.clear_requests();
    let functions = runtime().functions(ACTIONS).expect("the actions interface");
    let actions: Vec<(String, Option<Type>, BTreeSet<String>)> = functions
        .iter()
        .filter(|f| only_action.as_deref().is_none_or(|a| a == f.name))
        .map(|f| {
            let (ty, fields) = input_type(&f.params);
            (f.name.clone(), ty, fields)
        })
        .collect();
    assert!(!actions.is_empty(), "no action matches BAD_INPUT_ACTION={only_action:?}");

    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut failures = Findings::default();
    let mut violations = Findings::default();
    let mut directed = Findings::default();
    // Time spent generating, calling and checking.
    let mut spent = [Duration::ZERO; 3];
    let indexes: Vec<usize> = match only_case {
        Some(n) => vec![n],
        None => (0..per_action).collect(),
    };
    // Round-robin over the actions, so state built by one (meetings, users) feeds the others.
    for &index in &indexes {
        for (action, ty, fields) in &actions {
            let cs = case_seed(seed, action, index);
            let t0 = Instant::now();
            let case = gen::case(cs, action, ty.as_ref(), &pools);
            spent[0] += t0.elapsed();
            let t1 = Instant::now();
            let (result, requests, took) = call(&mut env, action, &case.input).await;
            spent[1] += t1.elapsed();
            let t2 = Instant::now();
            let row = rows.entry(action.clone()).or_default();
            row.cases += 1;
            row.slowest = row.slowest.max(took);
            let api: Vec<&LoggedRequest> = requests.iter().filter(|r| r.path.starts_with("/v2/")).collect();
            row.requests += api.len();
            row.sent += usize::from(!api.is_empty());
            let describe = || {
                format!(
                    "case {index} (seed {cs:#x}) mutations {:?} input {}",
                    case.mutations,
                    clip(&case.input.to_string(), 300)
                )
            };
            let outcome = match result {
                Call::Done(o) => o,
                Call::Trap(t) => {
                    row.traps += 1;
                    row.failures += 1;
                    failures.add(format!("[{action}] TRAP: {}", clip(&t, 160)), describe);
                    continue;
                }
                Call::Panic(p) => {
                    row.panics += 1;
                    row.failures += 1;
                    failures.add(format!("[{action}] PANIC: {}", clip(&p, 160)), describe);
                    continue;
                }
                Call::Hang => {
                    row.hangs += 1;
                    row.failures += 1;
                    failures.add(format!("[{action}] HANG: no answer within {CASE_BUDGET:?}"), describe);
                    continue;
                }
            };
            let zoom_refused = api.iter().any(|r| r.status >= 400);
            match &outcome {
                Outcome::Ok(_) => row.ok += 1,
                Outcome::Err(e) => match kind(e) {
                    "invalid_input" if zoom_refused => row.invalid_from_zoom += 1,
                    "invalid_input" => row.invalid_before_send += 1,
                    "not_found" => row.not_found += 1,
                    "api" => row.api += 1,
                    other => *row.other_kinds.entry(other.to_owned()).or_default() += 1,
                },
            }
            let checked = Checked { action, fields, secret: &secret };
            for (group, detail) in checked.problems(&case.input, &outcome, &requests) {
                row.failures += 1;
                failures.add(group, || format!("{detail} ← {}", describe()));
            }
            if let Some(expect) = &case.expect {
                let got = match &outcome {
                    Outcome::Err(e) if kind(e) == "invalid_input" => e["invalid_input"]["field"].as_str(),
                    _ => None,
                };
                let named = got.is_some_and(|f| expect.fields.iter().any(|x| x == f));
                let before_send = api.is_empty();
                if expect.kind == "type" {
                    row.type_checks += 1;
                } else {
                    row.rule_checks += 1;
                }
                if !named || (expect.kind == "rule" && !before_send) {
                    row.failures += 1;
                    let answer = match &outcome {
                        Outcome::Ok(_) => "ok".to_owned(),
                        Outcome::Err(e) => format!("{} {}", kind(e), got.map(|f| format!("{f:?}")).unwrap_or_default()),
                    };
                    let sent = if before_send { String::new() } else { format!(" after {} request(s)", api.len()) };
                    failures.add(
                        format!("[{action}] {} rule: {} → {answer}{sent}", expect.kind, case.mutations.join("; ")),
                        || format!("expected {:?} ← {}", expect.fields, describe()),
                    );
                }
            }
            // Counted once per case and kind, however many fields repeat the mistake.
            let mut seen = BTreeSet::new();
            for v in conformance::check_all(&requests) {
                let op = v.operation.clone().unwrap_or_else(|| "unmatched".into());
                let group = format!("[{action}] {op}: {}", normalize(&v.what));
                if !seen.insert(group.clone()) {
                    continue;
                }
                let example = || format!("{} ← {}", clip(&v.what, 200), describe());
                if case.directed {
                    directed.add(group, example);
                } else {
                    row.violations += 1;
                    violations.add(group, example);
                }
            }
            track(&mut pools, action, &case.input, &outcome);
            spent[2] += t2.elapsed();
        }
    }
    let elapsed = started.elapsed();
    println!(
        "bad-input time: generating {:.1}s, calling {:.1}s, checking {:.1}s",
        spent[0].as_secs_f64(),
        spent[1].as_secs_f64(),
        spent[2].as_secs_f64()
    );
    let sim_panics = UNNAMED_THREAD_PANICS.load(Ordering::SeqCst) - panics_before;

    let total = report::print_table(&rows);
    report::print_summary(&total, sim_panics, directed.total(), seed, elapsed);
    failures.print("FAILURES");
    violations.print("SPEC VIOLATIONS in requests the component built");
    directed.print("spec departures the input asked for (raw-request, JSON text merged into bodies; not failures)");

    if only_case.is_none() && only_action.is_none() {
        assert!(total.cases >= 10_000 || per_action < CASES_PER_ACTION, "at least 10,000 cases ran");
    }
    assert_eq!(total.traps, 0, "traps (seed {seed:#x})");
    assert_eq!(total.panics + sim_panics, 0, "panics (seed {seed:#x})");
    assert_eq!(total.hangs, 0, "hangs (seed {seed:#x})");
    assert_eq!(total.failures, 0, "contract failures, listed above (seed {seed:#x})");
    assert_eq!(total.violations, 0, "spec violations, listed above (seed {seed:#x})");
}

// ---------------------------------------------------------------------------------------------
// Hand-written boundaries

#[tokio::test(flavor = "multi_thread")]
async fn boundary_inputs_name_the_exact_field_before_sending() {
    let mut env = Env::new().await;
    let pools = pools(&mut env).await;
    let mut cases = boundary::cases(&pools);
    cases.extend(boundary_past::cases(&pools));
    cases.extend(boundary_status::cases(&pools));
    cases.extend(boundary_panelists::cases(&pools));
    cases.extend(boundary_recordings::cases(&pools));
    cases.extend(boundary_webinars::cases(&pools));
    cases.extend(boundary_calls::cases(&pools));
    cases.extend(boundary_chat_groups::cases(&pools));
    let mut problems = Vec::new();
    let mut per_action: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &cases {
        *per_action.entry(b.action).or_default() += 1;
        let (result, requests, _) = call(&mut env, b.action, &b.input).await;
        let sent: Vec<String> = requests
            .iter()
            .filter(|r| r.path.starts_with("/v2/"))
            .map(|r| format!("{} {} → {}", r.method, r.path, r.status))
            .collect();
        let shown = clip(&b.input.to_string(), 160);
        let answer = match result {
            Call::Done(Outcome::Err(e)) if kind(&e) == "invalid_input" => {
                let field = e["invalid_input"]["field"].as_str().unwrap_or_default().to_owned();
                if b.fields.contains(&field.as_str()) && sent.is_empty() {
                    continue;
                }
                format!("invalid_input {field:?}")
            }
            Call::Done(Outcome::Err(e)) => clip(&e.to_string(), 160),
            Call::Done(Outcome::Ok(v)) => format!("ok {}", clip(&v.to_string(), 80)),
            Call::Trap(t) => format!("TRAP {t}"),
            Call::Panic(p) => format!("PANIC {p}"),
            Call::Hang => "HANG".into(),
        };
        let sent = if sent.is_empty() { String::new() } else { format!(" after sending {}", sent.join(", ")) };
        problems.push(format!("{} {shown}: expected invalid_input {:?}, got {answer}{sent}", b.action, b.fields));
    }
    let actions = runtime().functions(ACTIONS).expect("actions").len();
    println!(
        "bad-input boundaries: {} cases over {} of {actions} actions, {} wrong",
        cases.len(),
        per_action.len(),
        problems.len()
    );
    for p in &problems {
        println!("  {p}");
    }
    assert_eq!(per_action.len(), actions, "every action has boundary cases");
    assert!(problems.is_empty(), "{} boundary case(s) wrong:\n  {}", problems.len(), problems.join("\n  "));
}
