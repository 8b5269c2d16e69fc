//! Retry decisions ([`crate::http::retry::decide`]) on any answer, clock, jitter and policy.

use std::time::Duration;

use crate::http::retry::{self, Decision, Now, Outcome, Policy};

/// What came back, as the fuzzer chose it.
#[derive(Clone, Debug)]
pub enum Attempt {
    /// An HTTP answer.
    Answer { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// The connection failed; `sent` when the request may have reached Zoom.
    NoAnswer { sent: bool },
    /// The host's egress policy refused it.
    Denied,
}

/// The policy's limits, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff delay.
    pub base_ms: u64,
    /// The longest backoff delay.
    pub max_delay_ms: u64,
    /// The longest wait the connector sleeps.
    pub max_wait_ms: u64,
    /// Doubling backoff.
    pub exponential: bool,
    /// Retry every failure.
    pub retry_all: bool,
}

/// The connector's default policy.
pub fn default_limits() -> Limits {
    let p = Policy::default();
    Limits {
        max_retries: p.max_retries,
        base_ms: p.base_delay.as_millis() as u64,
        max_delay_ms: p.max_delay.as_millis() as u64,
        max_wait_ms: p.max_wait.as_millis() as u64,
        exponential: p.exponential,
        retry_all: p.retry_all,
    }
}

/// The wait before the next attempt, or `None` to stop.
pub fn decide(
    attempt: &Attempt,
    idempotent: bool,
    number: u32,
    limits: Limits,
    unix: u64,
    jitter: f64,
) -> Option<Duration> {
    let policy = Policy {
        max_retries: limits.max_retries,
        base_delay: Duration::from_millis(limits.base_ms),
        max_delay: Duration::from_millis(limits.max_delay_ms),
        max_wait: Duration::from_millis(limits.max_wait_ms),
        exponential: limits.exponential,
        retry_all: limits.retry_all,
    };
    let outcome = match attempt {
        Attempt::Answer { status, headers, body } => Outcome::Answer { status: *status, headers, body },
        Attempt::NoAnswer { sent } => Outcome::NoAnswer { sent: *sent },
        Attempt::Denied => Outcome::Denied,
    };
    match retry::decide(outcome, idempotent, number, &policy, Now { unix, jitter }) {
        Decision::Retry(d) => Some(d),
        Decision::Stop => None,
    }
}
