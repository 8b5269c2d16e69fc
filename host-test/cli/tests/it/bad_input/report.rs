//! Bookkeeping and printing: per-action counts, problems grouped by kind, the table and the summary.

use std::collections::BTreeMap;
use std::time::Duration;

/// Counts for one action's cases, or summed over the run.
#[derive(Default)]
pub struct Row {
    pub cases: usize,
    pub ok: usize,
    pub invalid_before_send: usize,
    pub invalid_from_zoom: usize,
    pub not_found: usize,
    pub api: usize,
    pub other_kinds: BTreeMap<String, usize>,
    pub sent: usize,
    pub requests: usize,
    pub traps: usize,
    pub panics: usize,
    pub hangs: usize,
    pub type_checks: usize,
    pub rule_checks: usize,
    pub failures: usize,
    pub violations: usize,
    pub slowest: Duration,
}

/// Problems grouped by a short description, with the first few examples.
#[derive(Default)]
pub struct Findings(BTreeMap<String, (usize, Vec<String>)>);

impl Findings {
    pub fn add(&mut self, group: String, example: impl FnOnce() -> String) {
        let entry = self.0.entry(group).or_default();
        entry.0 += 1;
        if entry.1.len() < 2 {
            entry.1.push(example());
        }
    }

    pub fn total(&self) -> usize {
        self.0.values().map(|(n, _)| n).sum()
    }

    pub fn print(&self, title: &str) {
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
pub fn clip(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        s.to_owned()
    } else {
        format!("{}… ({n} chars)", s.chars().take(max).collect::<String>())
    }
}

/// A violation's text without values, so the same mistake groups together.
pub fn normalize(what: &str) -> String {
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

/// Prints one row per action and returns the totals.
pub fn print_table(rows: &BTreeMap<String, Row>) -> Row {
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
    for (action, r) in rows {
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
    total
}

/// Prints the one-line summary of the run.
pub fn print_summary(total: &Row, sim_panics: usize, directed: usize, seed: u64, elapsed: Duration) {
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
        directed,
        elapsed.as_secs_f64()
    );
}
