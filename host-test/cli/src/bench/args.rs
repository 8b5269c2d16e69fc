//! `zoom-host bench`'s flags: which run, and its sizes.

use clap::Args;

/// What `zoom-host bench` runs: the workloads (by default), `--serve-load` or `--serve-rate`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Timed iterations per figure.
    #[arg(long, value_name = "N", conflicts_with = "serve_load")]
    pub iterations: Option<String>,
    /// Tiny counts (x5 calls, 1,000 users, every arm), for a smoke run: checks that every
    /// arm works and the RATIO lines print; its figures mean little.
    #[arg(long, conflicts_with = "serve_load")]
    pub quick: bool,
    /// Instead: drive the served webhook endpoint with signed deliveries alongside idle
    /// sockets, slow drips, oversized chunked bodies and concurrent replays, and print what
    /// it answered.
    #[arg(long)]
    pub serve_load: bool,
    /// Instead: signed deliveries per second through the served endpoint, its replay store in
    /// this process, then in Redis when --replay-store is given; each must be answered 200
    /// and relayed once.
    #[arg(long, conflicts_with_all = ["serve_load", "quick", "iterations"])]
    pub serve_rate: bool,
    /// With --serve-rate: the Redis the second arm keeps its replay store in (also
    /// ZOOM_HOST_REPLAY_STORE), e.g. redis://127.0.0.1:6379.
    #[arg(long, value_name = "URL", requires = "serve_rate")]
    pub replay_store: Option<String>,
    /// With --serve-rate: deliveries per timed run (default 2000).
    #[arg(long, value_name = "N", requires = "serve_rate", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub deliveries: Option<u64>,
}
