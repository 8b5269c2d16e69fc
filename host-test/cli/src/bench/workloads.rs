//! The workloads every arm runs against one simulator (keep-alive on): get-meeting, create-meeting
//! and list-users through the component (a fresh instance per call, as a platform runs it, and
//! one instance reused for the batch), the native client and Zoom Rivet. Each call's answer is
//! checked; a wrong answer fails the bench, a slow one never does.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};
use serde_json::{json, Value};
use zoom_runtime::{Connector, Outcome, Runtime};
use zoom_sim::Simulator;

use super::native::{first_page, Native, Sent};
use super::stats::Stats;
use super::table::Table;
use super::{rivet, Scale};

/// How many of everything a run does.
pub(super) struct Counts {
    pub(super) get: usize,
    pub(super) create: usize,
    pub(super) users: usize,
    pub(super) list_runs: usize,
    pub(super) webhooks: usize,
    pub(super) deliveries: usize,
    pub(super) scale: &'static [usize],
    pub(super) warmup: usize,
}

impl Counts {
    pub(super) fn of(scale: Scale) -> Counts {
        match scale {
            Scale::Quick => Counts {
                get: 5,
                create: 5,
                users: 1_000,
                list_runs: 1,
                webhooks: 5,
                deliveries: 64,
                scale: &[1_000],
                warmup: 1,
            },
            Scale::Full => Counts {
                get: 1_000,
                create: 500,
                users: 10_000,
                list_runs: 5,
                webhooks: 100_000,
                deliveries: 5_000,
                scale: &[1_000, 10_000, 100_000],
                warmup: 20,
            },
        }
    }
}

/// One `RATIO` line: median (or time per item) of the component over each other arm's.
pub(super) struct Ratio {
    pub(super) workload: String,
    pub(super) native: Option<f64>,
    pub(super) rivet: Option<f64>,
}

impl Ratio {
    pub(super) fn line(&self) -> String {
        let mut line = format!("RATIO workload={}", self.workload);
        if let Some(x) = self.native {
            line.push_str(&format!(" component/native={x:.2}"));
        }
        if let Some(y) = self.rivet {
            line.push_str(&format!(" component/rivet={y:.2}"));
        }
        line
    }
}

pub(super) fn over(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// What every workload shares.
pub(super) struct Arms<'a> {
    pub(super) runtime: &'a Runtime,
    pub(super) hosts: Vec<String>,
    pub(super) sim: &'a Simulator,
    pub(super) conn: Value,
    pub(super) token: String,
    pub(super) native: Native,
    /// `Err(note)` when the Rivet arm cannot run here.
    pub(super) rivet: Result<(), String>,
    pub(super) counts: Counts,
}

impl Arms<'_> {
    /// A fresh instance allowed to reach the simulator, as a platform makes per action call.
    pub(super) async fn instance(&self) -> Result<Connector> {
        self.runtime.instantiate_allowing(&self.hosts).await
    }

    /// Times `n` calls of `call` after `warmup` untimed ones.
    pub(super) async fn time<F, Fut>(&self, n: usize, mut call: F) -> Result<Stats>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let mut samples = Vec::with_capacity(n);
        for i in 0..self.counts.warmup.min(n) + n {
            let t = Instant::now();
            call().await?;
            if i >= self.counts.warmup.min(n) {
                samples.push(t.elapsed());
            }
        }
        Ok(Stats::of(&samples))
    }

    /// The Rivet arm's figures for `job`, or `None` (its note already in the table) when it
    /// cannot run here.
    pub(super) fn rivet(&self, mut job: Value, count: usize, table: &mut Table) -> Result<Option<Stats>> {
        if let Err(note) = &self.rivet {
            table.note(format!("zoom rivet arm skipped: {note}"));
            return Ok(None);
        }
        job["api_url"] = json!(self.sim.api_url());
        job["token"] = json!(self.token);
        job["count"] = json!(count);
        job["warmup"] = json!(self.counts.warmup.min(count));
        Ok(Some(Stats::of(&rivet::run(&job)?)))
    }

    /// Runs `id` on `connector` and checks its answer with `check`.
    pub(super) async fn action(
        &self,
        connector: &mut Connector,
        id: &str,
        input: &Value,
        check: &dyn Fn(&Value) -> Result<()>,
    ) -> Result<()> {
        match connector.action(id, &self.conn, input).await? {
            Outcome::Ok(value) => check(&value),
            Outcome::Err(e) => bail!("{id} failed: {e}"),
        }
    }

    /// The component twice: a fresh instance per call, and one instance for the batch.
    pub(super) async fn component(
        &self,
        id: &str,
        input: &Value,
        n: usize,
        check: &dyn Fn(&Value) -> Result<()>,
    ) -> Result<(Stats, Stats)> {
        let fresh = self
            .time(n, || async {
                let mut connector = self.instance().await?;
                self.action(&mut connector, id, input, check).await
            })
            .await?;
        let mut connector = self.instance().await?;
        let mut reused = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            self.action(&mut connector, id, input, check).await?;
            reused.push(t.elapsed());
        }
        Ok((fresh, Stats::of(&reused)))
    }

    /// The requests one call of `id` sent, read from the simulator's log.
    pub(super) async fn sent_by(&self, id: &str, input: &Value) -> Result<Vec<Sent>> {
        self.sim.clear_requests();
        let mut connector = self.instance().await?;
        self.action(&mut connector, id, input, &|_| Ok(())).await?;
        let sent: Vec<Sent> = self.sim.requests().iter().map(Sent::of).collect();
        self.sim.clear_requests();
        ensure!(!sent.is_empty(), "{id} sent no request");
        Ok(sent)
    }
}

/// Seeds bulk users until `bulk` of them exist; returns how many active users are listed.
pub(super) fn users_at(arms: &Arms<'_>, bulk: usize, seeded: &mut usize) -> usize {
    let listed = arms.sim.seed_users(bulk.saturating_sub(*seeded));
    *seeded = (*seeded).max(bulk);
    listed
}

/// list-users over every page of 300 on every arm; `(component fresh, reused, native, rivet,
/// pages)`. With `by_page` the component walks one page per call (a fresh instance each), for
/// directories too large for one call's result.
pub(super) async fn list_users(
    arms: &Arms<'_>,
    expected: usize,
    runs: usize,
    (reused, by_page): (bool, bool),
    table: &mut Table,
) -> Result<(Stats, Option<Stats>, Stats, Option<Stats>, usize)> {
    let input = json!({"paging": {"all": {"page_size": 300}}});
    let listed_all = |v: &Value| {
        let listed = v["items"].as_array().map_or(0, Vec::len);
        ensure!(listed == expected, "list-users listed {listed} of {expected}");
        Ok(())
    };
    let walk = || async {
        if by_page {
            arms.page_walk(expected).await.map(|_| ())
        } else {
            let mut connector = arms.instance().await?;
            arms.action(&mut connector, "list-users", &input, &listed_all).await
        }
    };
    arms.sim.clear_requests();
    walk().await?;
    let (first, pages) = first_page(&arms.sim.requests())?;
    arms.sim.clear_requests();
    let fresh = arms.time(runs, walk).await?;
    let reused = if reused && !by_page {
        let mut connector = arms.instance().await?;
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            arms.action(&mut connector, "list-users", &input, &listed_all).await?;
            samples.push(t.elapsed());
        }
        Some(Stats::of(&samples))
    } else {
        None
    };
    let native = arms
        .time(runs, || async {
            let (users, requests) = arms.native.list_users(&first).await?;
            ensure!(users.len() == expected && requests == pages, "native listed {} in {requests}", users.len());
            Ok(())
        })
        .await?;
    let job = json!({"workload": "list-users", "page_size": 300, "expected_users": expected});
    let rivet = arms.rivet(job, runs, table)?;
    arms.sim.clear_requests();
    Ok((fresh, reused, native, rivet, pages))
}

impl Arms<'_> {
    /// Every page by cursor, one action call (and fresh instance) per page; returns the largest
    /// linear memory an instance reached.
    pub(super) async fn page_walk(&self, expected: usize) -> Result<usize> {
        let (mut listed, mut token, mut peak) = (0, None::<String>, 0);
        loop {
            let mut page = json!({"page_size": 300});
            if let Some(token) = &token {
                page["next_page_token"] = json!(token);
            }
            let mut connector = self.instance().await?;
            let answer = std::cell::RefCell::new(Value::Null);
            let input = json!({"paging": {"page": page}});
            self.action(&mut connector, "list-users", &input, &|v| {
                *answer.borrow_mut() = v.clone();
                Ok(())
            })
            .await?;
            peak = peak.max(connector.linear_memory().0);
            let answer = answer.into_inner();
            listed += answer["items"].as_array().map_or(0, Vec::len);
            match answer["next-page-token"].as_str().or(answer["next_page_token"].as_str()) {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => break,
            }
        }
        ensure!(listed == expected, "the page walk listed {listed} of {expected}");
        Ok(peak)
    }
}
