//! Every action against every injected fault, each cell on a fresh simulator: the outcome is
//! printed as a table and checked against the connector's documented behaviour (429 is retried,
//! a daily limit is not, writes are never resent once they may have reached Zoom, idempotent
//! requests are, a renewed token is fetched once, bodies that are not what Zoom promises are
//! `transport`). Fetch-all lists are also run with a 429 and a 503 on a later page and must lose
//! nothing.

mod expect;
mod lists;
pub(crate) mod prepare;
pub(crate) mod rows;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::task::JoinSet;
use zoom_runtime::{Outcome, ACTIONS, MANIFEST};
use zoom_sim::{Fault, FaultKind, Simulator};

use crate::harness::{kind, runtime, Env};
use expect::expect;
use lists::{fetch_all, ListReport};
use prepare::prepare;
use rows::{Row, ROWS};

/// The daily-limit reset the simulator advertises.
const RESET_AT: &str = "2030-01-01T00:00:00Z";
/// How long the slow fault holds its answer, against a 1 s call timeout.
const SLOW: Duration = Duration::from_secs(3);
/// No cell may take longer than this.
const CELL_TIMEOUT: Duration = Duration::from_secs(20);
/// Cells run at once (each has its own simulator and instance).
const PARALLEL: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Clean,
    RateLimited,
    Daily,
    S500,
    S502,
    S503,
    ResetBefore,
    ResetAfter,
    Slow,
    Truncated,
    Unexpected,
    Expired,
    Scope,
    NotFound,
}

const COLS: [Col; 14] = [
    Col::Clean,
    Col::RateLimited,
    Col::Daily,
    Col::S500,
    Col::S502,
    Col::S503,
    Col::ResetBefore,
    Col::ResetAfter,
    Col::Slow,
    Col::Truncated,
    Col::Unexpected,
    Col::Expired,
    Col::Scope,
    Col::NotFound,
];

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::Clean => "clean",
            Col::RateLimited => "429",
            Col::Daily => "daily",
            Col::S500 => "500",
            Col::S502 => "502",
            Col::S503 => "503",
            Col::ResetBefore => "rst-before",
            Col::ResetAfter => "rst-after",
            Col::Slow => "slow3s",
            Col::Truncated => "truncated",
            Col::Unexpected => "unexpected",
            Col::Expired => "expired",
            Col::Scope => "scope",
            Col::NotFound => "unknown-id",
        }
    }

    fn fault(self, scope: &str) -> Option<FaultKind> {
        Some(match self {
            Col::Clean | Col::NotFound => return None,
            Col::RateLimited => FaultKind::RateLimited { retry_after_secs: 1 },
            Col::Daily => FaultKind::DailyLimit { reset_at: RESET_AT.into() },
            Col::S500 => FaultKind::Status(500),
            Col::S502 => FaultKind::Status(502),
            Col::S503 => FaultKind::Status(503),
            Col::ResetBefore => FaultKind::ResetBeforeBody,
            Col::ResetAfter => FaultKind::ResetAfterBody,
            Col::Slow => FaultKind::Slow(SLOW),
            Col::Truncated => FaultKind::TruncatedJson,
            Col::Unexpected => FaultKind::UnexpectedBody,
            Col::Expired => FaultKind::ExpiredToken,
            Col::Scope => FaultKind::MissingScope(scope.to_owned()),
        })
    }

    fn status(self) -> Option<u64> {
        match self {
            Col::S500 => Some(500),
            Col::S502 => Some(502),
            Col::S503 => Some(503),
            _ => None,
        }
    }
}

/// What one cell observed.
#[derive(Debug)]
struct Got {
    outcome: Result<Value, Value>,
    /// Requests on the faulted route (method and path prefix); for `NotFound`, every API request.
    route: usize,
    /// Token requests the call made.
    tokens: usize,
    /// New objects a write left in the simulator.
    writes: Option<i64>,
    took: Duration,
}

/// The connection options every cell uses; the slow column waits one second for an answer.
fn options(col: Col) -> Value {
    let timeout = if col == Col::Slow { 1 } else { 10 };
    json!({"timeout_seconds": timeout, "max_retries": 3, "max_wait_seconds": 30})
}

fn route_requests(sim: &Simulator, method: &str, prefix: &str) -> usize {
    sim.requests().iter().filter(|r| r.method == method && r.path.starts_with(prefix)).count()
}

fn outcome(o: Outcome) -> Result<Value, Value> {
    match o {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => Err(e),
    }
}

async fn run_cell(row: &'static Row, col: Col, scope: String) -> Got {
    let mut env = Env::new().await;
    env.conn["server_to_server"]["options"] = options(col);
    let prep = prepare(row, &mut env).await;
    env.sim.clear_requests();
    let tokens_before = env.sim.token_requests();
    let count = |sim: &Simulator| prep.count.as_ref().map(|c| c(sim) as i64);
    let before = count(&env.sim);
    if let Some(kind) = col.fault(&scope) {
        env.sim.inject(Fault { method: Some(row.method.to_owned()), path_prefix: prep.prefix.clone(), kind, times: 1 });
    }
    let input =
        if col == Col::NotFound { prep.unknown.clone().expect("an unknown-id input") } else { prep.input.clone() };
    let started = Instant::now();
    let outcome = outcome(env.run(row.action, input).await);
    let took = started.elapsed();
    if col == Col::Slow {
        // The slow answer is logged (and a slow write applied) only once it is sent.
        tokio::time::sleep((started + SLOW + Duration::from_millis(500)).saturating_duration_since(Instant::now()))
            .await;
    }
    let route = if col == Col::NotFound {
        env.sim.requests().iter().filter(|r| r.path.starts_with("/v2/")).count()
    } else {
        route_requests(&env.sim, row.method, &prep.prefix)
    };
    let writes = count(&env.sim).zip(before).map(|(a, b)| a - b);
    Got { outcome, route, tokens: env.sim.token_requests() - tokens_before, writes, took }
}

fn short(e: &Value) -> String {
    let k = kind(e);
    let body = &e[k];
    match k {
        "api" => format!("api{}", body["status"]),
        "not_found" => format!("nf:{}", body["code"]),
        "rate_limited" => "rate_lim".into(),
        "outcome_unknown" => "unknown".into(),
        "missing_scope" => "scope".into(),
        "invalid_input" => "invalid".into(),
        "unauthorized" => "unauth".into(),
        other => other.to_owned(),
    }
}

fn label(row: &Row, got: &Got, clean: usize) -> String {
    let mut s = match &got.outcome {
        Ok(_) => match got.route as i64 - clean as i64 {
            0 => "ok".to_owned(),
            n => format!("ok{n:+}"),
        },
        Err(e) if got.route == 1 => short(e),
        Err(e) => format!("{}x{}", short(e), got.route),
    };
    if row.writes() {
        let _ = write!(s, " w{}", got.writes.unwrap_or(0));
    }
    s
}

/// Each action's first scope in the manifest; raw-request has none, so a user scope stands in.
async fn scopes() -> BTreeMap<String, String> {
    let mut env = Env::new().await;
    let Outcome::Ok(manifest) = env.connector.call(MANIFEST, "describe", &[]).await.expect("describe") else {
        panic!("describe failed")
    };
    manifest
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            let scope = a["scopes"][0].as_str().unwrap_or("user:read:user:admin").to_owned();
            (a["id"].as_str().expect("an id").to_owned(), scope)
        })
        .collect()
}

enum Job {
    Cell(usize, Col, Result<Got, String>),
    List(usize, Result<ListReport, String>),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn fault_matrix_every_action_against_every_fault() {
    let started = Instant::now();
    let functions: Vec<String> = runtime().functions(ACTIONS).expect("actions").into_iter().map(|f| f.name).collect();
    assert_eq!(functions.len(), 59, "{functions:?}");
    for f in &functions {
        assert!(ROWS.iter().any(|r| r.action == f), "the matrix has no row for {f}");
    }
    for r in ROWS {
        assert!(functions.iter().any(|f| f == r.action), "row {} names no action", r.name);
    }
    let scopes = scopes().await;

    let mut jobs: Vec<(usize, Option<Col>)> = Vec::new();
    for (i, row) in ROWS.iter().enumerate() {
        for col in COLS {
            if col != Col::NotFound || row.not_found.is_some() {
                jobs.push((i, Some(col)));
            }
        }
        if row.list_page_size.is_some() {
            jobs.push((i, None));
        }
    }
    // The slowest cells first, so the tail of the run is short.
    jobs.sort_by_key(|(_, c)| match c {
        Some(Col::Slow) => 0,
        Some(Col::RateLimited) | None => 1,
        _ => 2,
    });

    let mut set = JoinSet::new();
    let mut done = Vec::new();
    let mut pending = jobs.into_iter();
    loop {
        while set.len() < PARALLEL {
            let Some((i, col)) = pending.next() else { break };
            let row = &ROWS[i];
            let scope = scopes.get(row.action).cloned().unwrap_or_default();
            set.spawn(async move {
                match col {
                    Some(col) => {
                        let got = tokio::time::timeout(CELL_TIMEOUT, run_cell(row, col, scope))
                            .await
                            .map_err(|_| format!("timed out after {CELL_TIMEOUT:?}"));
                        Job::Cell(i, col, got)
                    }
                    None => {
                        let got = tokio::time::timeout(CELL_TIMEOUT * 2, fetch_all(row))
                            .await
                            .map_err(|_| format!("timed out after {:?}", CELL_TIMEOUT * 2));
                        Job::List(i, got)
                    }
                }
            });
        }
        match set.join_next().await {
            Some(r) => done.push(r.unwrap_or_else(|e| panic!("a cell panicked: {e}"))),
            None => break,
        }
    }

    let mut cells: BTreeMap<(usize, Col), Result<Got, String>> = BTreeMap::new();
    let mut lists: BTreeMap<usize, Result<ListReport, String>> = BTreeMap::new();
    for job in done {
        match job {
            Job::Cell(i, col, got) => {
                cells.insert((i, col), got);
            }
            Job::List(i, got) => {
                lists.insert(i, got);
            }
        }
    }

    let mut table = String::new();
    let mut mismatches = Vec::new();
    let _ = write!(table, "{:<26}", "action \\ fault");
    for col in COLS {
        let _ = write!(table, "|{:^12}", col.title());
    }
    table.push('\n');
    for (i, row) in ROWS.iter().enumerate() {
        let _ = write!(table, "{:<26}", row.name);
        let clean = match cells.get(&(i, Col::Clean)) {
            Some(Ok(g)) => g.route,
            _ => 1,
        };
        for col in COLS {
            let cell = match cells.get(&(i, col)) {
                None => "n/a".to_owned(),
                Some(Err(why)) => {
                    mismatches.push(format!("{} × {}: {why}", row.name, col.title()));
                    "!TIMEOUT".to_owned()
                }
                Some(Ok(got)) => {
                    let scope = scopes.get(row.action).map_or("", String::as_str);
                    let text = label(row, got, clean);
                    match expect(row, col, got, clean, scope) {
                        Ok(()) => text,
                        Err(want) => {
                            let outcome = match &got.outcome {
                                Ok(v) => format!("ok {}", truncate(&v.to_string(), 120)),
                                Err(e) => truncate(&e.to_string(), 240),
                            };
                            mismatches.push(format!(
                                "{} × {}: expected {want}; got {outcome}; {} request(s) on the route (clean run: {clean}), \
                                 {} token request(s), writes {:?}, took {:?}",
                                row.name,
                                col.title(),
                                got.route,
                                got.tokens,
                                got.writes,
                                got.took
                            ));
                            format!("!{text}")
                        }
                    }
                }
            };
            let _ = write!(table, "|{cell:^12}");
        }
        table.push('\n');
    }
    println!("\n{table}");
    println!(
        "legend: ok = succeeded with the clean run's requests, ok+N = after N more requests (retries); \
         an error kind (api500, nf:<code>, rate_lim, unknown = outcome_unknown, scope = missing_scope, ...) with \
         xN when it took N requests; wN = new objects a write left in the simulator; ! = not as expected\n"
    );
    println!("fetch-all, small pages, faults on a later page:");
    for (i, result) in &lists {
        match result {
            Ok((lines, bad)) => {
                for l in lines {
                    println!("  {l}");
                }
                mismatches.extend(bad.iter().cloned());
            }
            Err(why) => mismatches.push(format!("{} fetch-all: {why}", ROWS[*i].name)),
        }
    }
    println!("\nran in {:?}", started.elapsed());
    if !mismatches.is_empty() {
        println!("\n{} cell(s) not as expected:", mismatches.len());
        for m in &mismatches {
            println!("  - {m}");
        }
    }
    assert!(mismatches.is_empty(), "{} cell(s) not as expected:\n{}", mismatches.len(), mismatches.join("\n"));
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}
