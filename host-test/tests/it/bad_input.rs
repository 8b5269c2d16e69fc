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
mod gen;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use wasmtime::component::Type;
use zoom_host::bridge::json_name;
use zoom_host::conformance;
use zoom_host::runtime::{Outcome, ACTIONS};
use zoom_host::sim::LoggedRequest;

use crate::harness::{allowed, kind, runtime, Env};
use gen::{case_seed, Pools};

const DEFAULT_SEED: u64 = 0x0BAD_1D7E_5EED_2026;
const CASES_PER_ACTION: usize = 400;
/// Longest a single call may take before it counts as a hang.
const CASE_BUDGET: Duration = Duration::from_secs(20);
/// Every case of `zoom-error`.
const ERROR_KINDS: &[&str] = &[
    "unauthorized",
    "forbidden",
    "missing_scope",
    "not_found",
    "rate_limited",
    "invalid_input",
    "api",
    "transport",
    "other",
    "outcome_unknown",
];

// ---------------------------------------------------------------------------------------------
// Calling without letting a trap, panic or hang escape

/// Polls a future inside `catch_unwind`, so a panic in the host (bridge, runtime) is counted
/// rather than ending the run.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a non-string panic".into()))),
        }
    }
}

/// Panics on threads without a name: the simulator's connection threads (libtest and tokio name
/// theirs). A simulator panic drops the connection, so the component sees only a transport error.
static UNNAMED_THREAD_PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_unnamed_thread_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name().is_none() {
                UNNAMED_THREAD_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

enum Call {
    Done(Outcome),
    Trap(String),
    Panic(String),
    Hang,
}

/// Calls `action` with `input` on the env's instance; replaces the instance after a trap, panic
/// or hang. Returns what happened, the requests the simulator received meanwhile, and the time.
async fn call(env: &mut Env, action: &str, input: &Value) -> (Call, Vec<LoggedRequest>, Duration) {
    env.sim.clear_requests();
    let started = Instant::now();
    let conn = env.conn.clone();
    let fut = CatchUnwind(Box::pin(env.connector.action(action, &conn, input)));
    let result = match tokio::time::timeout(CASE_BUDGET, fut).await {
        Ok(Ok(Ok(outcome))) => Call::Done(outcome),
        Ok(Ok(Err(trap))) => Call::Trap(format!("{trap:#}")),
        Ok(Err(panic)) => Call::Panic(panic),
        Err(_) => Call::Hang,
    };
    let took = started.elapsed();
    if !matches!(result, Call::Done(_)) {
        env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.expect("a fresh instance");
    }
    let requests = env.sim.requests();
    env.sim.clear_requests();
    (result, requests, took)
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping

#[derive(Default)]
struct Row {
    cases: usize,
    ok: usize,
    invalid_before_send: usize,
    invalid_from_zoom: usize,
    not_found: usize,
    api: usize,
    other_kinds: BTreeMap<String, usize>,
    sent: usize,
    requests: usize,
    traps: usize,
    panics: usize,
    hangs: usize,
    type_checks: usize,
    rule_checks: usize,
    failures: usize,
    violations: usize,
    slowest: Duration,
}

/// Problems grouped by a short description, with the first few examples.
#[derive(Default)]
struct Findings(BTreeMap<String, (usize, Vec<String>)>);

impl Findings {
    fn add(&mut self, group: String, example: impl FnOnce() -> String) {
        let entry = self.0.entry(group).or_default();
        entry.0 += 1;
        if entry.1.len() < 2 {
            entry.1.push(example());
        }
    }

    fn total(&self) -> usize {
        self.0.values().map(|(n, _)| n).sum()
    }

    fn print(&self, title: &str) {
        if self.0.is_empty() {
            return;
        }
        println!("\n{title}: {} in {} group(s)", self.total(), self.0.len());
        for (group, (n, examples)) in &self.0 {
            println!("  [{n}x] {group}");
            for e in examples {
                println!("      e.g. {e}");
            }
        }
    }
}

/// At most `max` characters of `s`, with the full length when cut.
fn clip(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        s.to_owned()
    } else {
        format!("{}… ({n} chars)", s.chars().take(max).collect::<String>())
    }
}

/// A violation's text without values, so the same mistake groups together.
fn normalize(what: &str) -> String {
    let rest = what.split_once(": ").map_or(what, |(_, r)| r);
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push_str("\"…\"");
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
            }
            c if c.is_ascii_digit() => {
                out.push('N');
                while chars.peek().is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    clip(&out, 220)
}

/// Top-level JSON keys of an input.
fn keys(input: &Value) -> BTreeSet<String> {
    input.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

fn first_segment(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

/// A check of one answer; `fields` are the action's input field names.
struct Checked<'a> {
    action: &'a str,
    fields: &'a BTreeSet<String>,
    secret: &'a str,
}

impl Checked<'_> {
    /// Every way `outcome` breaks the contract, as (group, detail).
    fn problems(&self, input: &Value, outcome: &Outcome, requests: &[LoggedRequest]) -> Vec<(String, String)> {
        let a = self.action;
        let mut out = Vec::new();
        let text = match outcome {
            Outcome::Ok(v) | Outcome::Err(v) => v.to_string(),
        };
        if text.contains(self.secret) {
            out.push((format!("[{a}] the answer contains the client secret"), clip(&text, 200)));
        }
        let api_requests: Vec<&LoggedRequest> = requests.iter().filter(|r| r.path.starts_with("/v2/")).collect();
        if a != "raw-request" {
            for r in &api_requests {
                if r.path.split('/').any(|s| s == "." || s == "..") {
                    out.push((format!("[{a}] a request path has a dot segment"), format!("{} {}", r.method, r.path)));
                }
            }
        }
        let Outcome::Err(e) = outcome else { return out };
        let Some(obj) = e.as_object().filter(|o| o.len() == 1) else {
            out.push((format!("[{a}] error is not one typed case"), clip(&text, 200)));
            return out;
        };
        let case = kind(e);
        if !ERROR_KINDS.contains(&case) {
            out.push((format!("[{a}] unknown error case `{case}`"), clip(&text, 200)));
        }
        if case == "transport" || case == "other" {
            out.push((format!("[{a}] `{case}` error with a healthy simulator"), clip(&text, 200)));
        }
        if case != "invalid_input" {
            return out;
        }
        let body = &obj["invalid_input"];
        let field = body["field"].as_str().unwrap_or_default();
        let message = body["message"].as_str().unwrap_or_default();
        let zoom_refused = api_requests.iter().any(|r| r.status >= 400);
        let origin = if zoom_refused { "Zoom's code 300" } else { "a pre-send check" };
        if field.is_empty() {
            let statuses: Vec<String> =
                api_requests.iter().map(|r| format!("{} {} → {}", r.method, r.path, r.status)).collect();
            out.push((
                format!("[{a}] invalid_input from {origin} has an empty field (message {message:?})"),
                format!("{} | requests: {}", clip(&text, 160), statuses.join(", ")),
            ));
        } else {
            // An unknown key is named as given, dots and all.
            let given = keys(input)
                .into_iter()
                .any(|k| field == k || field.strip_prefix(k.as_str()).is_some_and(|r| r.starts_with(['.', '['])));
            let seg = first_segment(field);
            let plausible = seg == "input"
                || field.starts_with("connection.")
                || self.fields.contains(seg)
                || given
                || zoom_refused;
            if !plausible {
                out.push((
                    format!("[{a}] invalid_input names {field:?}, not an input of the action"),
                    clip(&text, 200),
                ));
            }
        }
        if message.trim().is_empty() {
            out.push((format!("[{a}] invalid_input without a message"), clip(&text, 200)));
        }
        if !zoom_refused && !api_requests.is_empty() {
            out.push((
                format!("[{a}] invalid_input after requests Zoom accepted"),
                format!("{} | {} request(s)", clip(&text, 160), api_requests.len()),
            ));
        }
        out
    }
}

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

fn today() -> i64 {
    (SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs() / 86_400) as i64
}

/// Ids the simulator holds, plus a meeting with registration and a recurring one.
async fn pools(env: &mut Env) -> Pools {
    let reg = env.registration_meeting().await;
    let recurring = env
        .ok(
            "create-meeting",
            json!({"topic": "Recurring pool", "meeting_type": "recurring_fixed_time", "start_time": "2030-01-06T10:00:00Z",
                   "recurrence": {"recurrence_type": "daily", "end_times": 5}}),
        )
        .await;
    let occurrences: Vec<String> = recurring["occurrences"]
        .as_array()
        .map(|l| l.iter().filter_map(|o| o["occurrence_id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(!occurrences.is_empty(), "the recurring pool meeting has occurrences: {recurring}");
    let plain = env.ok("create-meeting", json!({"topic": "Plain pool", "start_time": "2030-02-01T10:00:00Z"})).await;
    let admin = env.sim.admin_user();
    let admin_id = admin["id"].as_str().expect("admin id").to_owned();
    let admin_email = admin["email"].as_str().expect("admin email").to_owned();
    let listed = env.ok("list-users", json!({})).await;
    let other_users: Vec<String> = listed["items"]
        .as_array()
        .expect("users")
        .iter()
        .filter(|u| u["id"] != admin["id"])
        .flat_map(|u| [u["id"].as_str(), u["email"].as_str()])
        .flatten()
        .map(str::to_owned)
        .collect();
    assert!(!other_users.is_empty(), "the simulator seeds users besides the admin");
    let recorded = env.sim.recorded_meeting();
    let mut users = vec!["me".to_owned(), admin_id, admin_email.clone()];
    users.extend(other_users.iter().take(4).cloned());
    Pools {
        today: today(),
        meetings: vec![reg, recurring["id"].as_u64().expect("id"), plain["id"].as_u64().expect("id"), recorded.0],
        reg_meeting: reg,
        occurrences,
        recorded,
        webinars: env.sim.seeded_webinar_ids(),
        past_webinar: env.sim.past_webinar_id(),
        users,
        other_users,
        admin_email,
        channel: env.sim.chat_channel_id(),
        contact: env.sim.chat_contact_email(),
        created_meetings: Vec::new(),
        created_users: Vec::new(),
    }
}

/// Keeps the delete actions supplied with objects this run created.
fn track(pools: &mut Pools, action: &str, input: &Value, outcome: &Outcome) {
    let Outcome::Ok(v) = outcome else { return };
    match action {
        "create-meeting" if pools.created_meetings.len() < 200 => {
            pools.created_meetings.extend(v["id"].as_u64());
        }
        "create-user" if pools.created_users.len() < 200 => {
            pools.created_users.extend(v["id"].as_str().map(str::to_owned));
        }
        "delete-meeting" => {
            let id = v["meeting_id"].as_u64();
            if v["occurrence_id"].is_null() {
                pools.created_meetings.retain(|m| Some(*m) != id);
            }
        }
        "delete-user" => {
            let id = input["user_id"].as_str().map(str::trim);
            pools.created_users.retain(|u| Some(u.as_str()) != id);
        }
        _ => {}
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

    println!(
        "\n{:<27} {:>5} {:>5} {:>7} {:>7} {:>5} {:>5} {:>6} {:>5} {:>6} {:>5} {:>5} {:>5} {:>5} {:>5} {:>7}  other kinds",
        "action",
        "cases",
        "ok",
        "inv-pre",
        "inv-zm",
        "404",
        "api",
        "sent",
        "reqs",
        "types",
        "rules",
        "trap",
        "fail",
        "viol",
        "hang",
        "slowest"
    );
    let mut total = Row::default();
    for (action, r) in &rows {
        let others: Vec<String> = r.other_kinds.iter().map(|(k, n)| format!("{k}={n}")).collect();
        println!(
            "{:<27} {:>5} {:>5} {:>7} {:>7} {:>5} {:>5} {:>6} {:>5} {:>6} {:>5} {:>5} {:>5} {:>5} {:>5} {:>6}ms  {}",
            action,
            r.cases,
            r.ok,
            r.invalid_before_send,
            r.invalid_from_zoom,
            r.not_found,
            r.api,
            r.sent,
            r.requests,
            r.type_checks,
            r.rule_checks,
            r.traps + r.panics,
            r.failures,
            r.violations,
            r.hangs,
            r.slowest.as_millis(),
            others.join(" ")
        );
        total.cases += r.cases;
        total.ok += r.ok;
        total.invalid_before_send += r.invalid_before_send;
        total.invalid_from_zoom += r.invalid_from_zoom;
        total.not_found += r.not_found;
        total.api += r.api;
        total.sent += r.sent;
        total.requests += r.requests;
        total.traps += r.traps;
        total.panics += r.panics;
        total.hangs += r.hangs;
        total.type_checks += r.type_checks;
        total.rule_checks += r.rule_checks;
        total.failures += r.failures;
        total.violations += r.violations;
        for (k, n) in &r.other_kinds {
            *total.other_kinds.entry(k.clone()).or_default() += n;
        }
    }
    let others: Vec<String> = total.other_kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "\nbad-input: {} cases, {} traps, {} panics ({} in simulator threads), {} hangs; ok {}, invalid_input {} \
         ({} before sending, {} from Zoom), not_found {}, api {}, other [{}]; {} cases sent {} API requests; \
         {} type checks and {} rule checks; {} failures, {} cases with spec violations ({} more with input-directed requests); \
         seed {seed:#x}; {:.1}s",
        total.cases,
        total.traps,
        total.panics,
        sim_panics,
        total.hangs,
        total.ok,
        total.invalid_before_send + total.invalid_from_zoom,
        total.invalid_before_send,
        total.invalid_from_zoom,
        total.not_found,
        total.api,
        others.join(", "),
        total.sent,
        total.requests,
        total.type_checks,
        total.rule_checks,
        total.failures,
        total.violations,
        directed.total(),
        elapsed.as_secs_f64()
    );
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
    let cases = boundary::cases(&pools);
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
