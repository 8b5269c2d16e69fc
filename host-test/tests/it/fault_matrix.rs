//! Every action against every injected fault, each cell on a fresh simulator: the outcome is
//! printed as a table and checked against the connector's documented behaviour (429 is retried,
//! a daily limit is not, writes are never resent once they may have reached Zoom, idempotent
//! requests are, a renewed token is fetched once, bodies that are not what Zoom promises are
//! `transport`). Fetch-all lists are also run with a 429 and a 503 on a later page and must lose
//! nothing.

mod rows;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::task::JoinSet;
use zoom_host::runtime::{Outcome, ACTIONS, MANIFEST};
use zoom_host::sim::{Fault, FaultKind, Simulator};

use crate::harness::{kind, runtime, Env};
use rows::{prepare, First, Row, ROWS};

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

/// Checks one cell; `Err` says what was expected.
fn expect(row: &Row, col: Col, got: &Got, clean: usize, scope: &str) -> Result<(), String> {
    let retries = got.route as i64 - clean as i64;
    let writes = got.writes.unwrap_or(0);
    let post = row.writes();
    let err_kind = |want: &str| match &got.outcome {
        Err(e) if kind(e) == want => Ok(e.clone()),
        _ => Err(want.to_owned()),
    };
    let ok_after = |n: i64, what: &str| match &got.outcome {
        Ok(_) if retries == n => Ok(()),
        _ => Err(format!("ok after exactly {n} retr{} ({what})", if n == 1 { "y" } else { "ies" })),
    };
    let single =
        |e: Result<Value, String>| e.and_then(|v| if got.route == 1 { Ok(v) } else { Err("exactly 1 request".into()) });
    let one_write = |r: Result<(), String>| {
        r.and_then(|()| if !post || writes == 1 { Ok(()) } else { Err("exactly one write".into()) })
    };
    let no_write = |r: Result<(), String>| r.and_then(|()| if writes == 0 { Ok(()) } else { Err("no write".into()) });
    match col {
        Col::Clean => ok_after(0, "clean run"),
        Col::RateLimited => one_write(ok_after(1, "429 means Zoom did not act")),
        Col::Daily => no_write(single(err_kind("rate_limited")).and_then(|e| {
            if e["rate_limited"]["reset_at"] == RESET_AT {
                Ok(())
            } else {
                Err(format!("rate_limited with reset_at {RESET_AT}"))
            }
        })),
        Col::S500 | Col::S502 | Col::S503 => {
            let status = col.status().expect("a status column");
            if post {
                no_write(single(err_kind("api")).and_then(|e| {
                    if e["api"]["status"] == status {
                        Ok(())
                    } else {
                        Err(format!("api with status {status}"))
                    }
                }))
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::ResetBefore => {
            if post {
                let shape = match &got.outcome {
                    Err(e) if kind(e) == "outcome_unknown" && got.route == 1 => Ok(()),
                    Ok(_) if retries == 1 => Ok(()),
                    _ => Err("outcome_unknown after 1 request, or ok after 1 retry".to_owned()),
                };
                shape.and_then(|()| if writes <= 1 { Ok(()) } else { Err("at most one write".into()) })
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::ResetAfter => {
            if post {
                one_write(single(err_kind("outcome_unknown")).map(|_| ()))
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::Slow => {
            if post {
                single(err_kind("outcome_unknown")).and_then(|_| {
                    if writes <= 1 {
                        Ok(())
                    } else {
                        Err("at most one write".into())
                    }
                })
            } else {
                ok_after(1, "timed out once, retried")
            }
        }
        // An unreadable answer to a write Zoom accepted is `outcome_unknown` (the write happened);
        // to a read it is `transport`.
        Col::Truncated => match row.first {
            First::NoContent => ok_after(0, "a 204 has nothing to truncate"),
            First::ReadsJson | First::PassesJson if post => one_write(single(err_kind("outcome_unknown")).map(|_| ())),
            First::ReadsJson | First::PassesJson => single(err_kind("transport")).map(|_| ()),
        },
        Col::Unexpected => match row.first {
            First::ReadsJson if post => no_write(single(err_kind("outcome_unknown")).map(|_| ())),
            First::ReadsJson => no_write(single(err_kind("transport")).map(|_| ())),
            First::NoContent | First::PassesJson => ok_after(0, "the body is not read"),
        },
        Col::Expired => one_write(ok_after(1, "renewed the token once").and_then(|()| {
            if got.tokens == 1 {
                Ok(())
            } else {
                Err(format!("exactly one token request, saw {}", got.tokens))
            }
        })),
        Col::Scope => no_write(single(err_kind("missing_scope")).and_then(|e| {
            if e["missing_scope"]["scope"] == scope {
                Ok(())
            } else {
                Err(format!("missing_scope naming {scope}"))
            }
        })),
        Col::NotFound => {
            let codes = row.not_found.expect("only rows with ids");
            no_write(single(err_kind("not_found")).and_then(|e| {
                if codes.iter().any(|c| e["not_found"]["code"] == *c) {
                    Ok(())
                } else {
                    Err(format!("not_found with code {codes:?}"))
                }
            }))
        }
    }
}

/// The item identity used to compare lists: the id, or the whole raw record.
fn item_key(item: &Value) -> String {
    match item.get("id") {
        Some(Value::Null) | None => item["raw"].as_str().map_or_else(|| item.to_string(), str::to_owned),
        Some(id) => id.to_string(),
    }
}

/// Printable lines and mismatches of one list action's fetch-all runs.
type ListReport = (Vec<String>, Vec<String>);

/// A fetch-all of one list action: clean, then with a 429 and a 503 on a later page. Returns
/// printable lines and mismatches.
async fn fetch_all(row: &'static Row) -> ListReport {
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
    assert_eq!(functions.len(), 26, "{functions:?}");
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
