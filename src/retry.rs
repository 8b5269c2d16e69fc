//! When to try a request again. A pure function of the answer, the clock and a jitter draw, so it
//! is tested without I/O.
//!
//! Order of evidence: `Retry-After` (seconds or a date), then `X-RateLimit-Reset`, then capped
//! exponential backoff with jitter. 429, 5xx and connection failures are retried; other 4xx never.

use std::time::Duration;

use crate::error::header;

/// Limits on retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff delay.
    pub base_delay: Duration,
    /// The longest backoff delay, however many attempts came before.
    pub max_delay: Duration,
    /// The longest single wait the connector will sleep. Longer advised waits are returned as
    /// `rate-limited` so the platform can schedule instead of holding an instance.
    pub max_wait: Duration,
    /// Double the delay after each retry; otherwise wait `base_delay` every time.
    pub exponential: bool,
    /// Retry every failed answer (any 4xx/5xx, any dropped connection), not only the safe ones.
    pub retry_all: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_wait: Duration::from_secs(30),
            exponential: true,
            retry_all: false,
        }
    }
}

/// What to do after an answer (or a failure to get one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send again.
    Retry(Duration),
    /// Hand the answer to the caller.
    Stop,
}

/// What came back from one attempt.
pub enum Outcome<'a> {
    /// An HTTP answer.
    Answer { status: u16, headers: &'a [(String, String)], body: &'a [u8] },
    /// No answer: the connection failed. `sent` is false when the failure was before the request
    /// could have reached Zoom (nothing can have been written).
    NoAnswer { sent: bool },
    /// The host refused to send it at all (its egress policy).
    Denied,
}

/// The moment of the decision: Unix seconds and a uniform draw in `[0, 1)` for jitter.
#[derive(Clone, Copy, Debug)]
pub struct Now {
    pub unix: u64,
    pub jitter: f64,
}

/// Decides whether attempt number `attempt` (0 = the first) is retried.
///
/// 429 is always safe to retry: Zoom did not act on the request. 5xx and dropped connections are
/// retried only for `idempotent` requests, because a create that reached Zoom may have happened.
pub fn decide(outcome: Outcome<'_>, idempotent: bool, attempt: u32, policy: &Policy, now: Now) -> Decision {
    if attempt >= policy.max_retries {
        return Decision::Stop;
    }
    let wait = match outcome {
        Outcome::Answer { status: 429, headers, body } => match advised_wait(headers, body, now.unix) {
            Advice::Wait(d) => d,
            Advice::Daily => return Decision::Stop,
            Advice::None => backoff(attempt, policy, now.jitter),
        },
        Outcome::Answer { status: 500 | 502 | 503 | 504, .. } if idempotent || policy.retry_all => {
            backoff(attempt, policy, now.jitter)
        }
        Outcome::Answer { status, .. } if policy.retry_all && status >= 400 => backoff(attempt, policy, now.jitter),
        Outcome::NoAnswer { sent: false } => backoff(attempt, policy, now.jitter),
        Outcome::NoAnswer { sent: true } if idempotent || policy.retry_all => backoff(attempt, policy, now.jitter),
        _ => return Decision::Stop,
    };
    if wait > policy.max_wait {
        Decision::Stop
    } else {
        Decision::Retry(wait)
    }
}

enum Advice {
    Wait(Duration),
    /// A daily limit: waiting for the reset is the platform's business, not a sleeping instance's.
    Daily,
    None,
}

fn advised_wait(headers: &[(String, String)], body: &[u8], now: u64) -> Advice {
    if is_daily(headers, body) {
        return Advice::Daily;
    }
    if let Some(v) = header(headers, "retry-after").map(str::trim) {
        if let Ok(secs) = v.parse::<u64>() {
            return Advice::Wait(Duration::from_secs(secs));
        }
        if let Some(at) = parse_date(v) {
            return Advice::Wait(Duration::from_secs(at.saturating_sub(now)));
        }
    }
    match header(headers, "x-ratelimit-reset").and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(reset) => Advice::Wait(Duration::from_secs(reset.saturating_sub(now))),
        None => Advice::None,
    }
}

/// Zoom marks a daily cap with `X-RateLimit-Type: Daily-limit`; the per-host meeting cap says
/// only "daily rate limit" in its message.
pub fn is_daily(headers: &[(String, String)], body: &[u8]) -> bool {
    let typed = header(headers, "x-ratelimit-type").is_some_and(|t| t.eq_ignore_ascii_case("daily-limit"));
    typed || String::from_utf8_lossy(body).to_ascii_lowercase().contains("daily rate limit")
}

/// `base * 2^attempt`, capped, then scaled by `0.5 + jitter / 2` so clients spread out.
fn backoff(attempt: u32, policy: &Policy, jitter: f64) -> Duration {
    let raw =
        if policy.exponential { policy.base_delay.saturating_mul(1u32 << attempt.min(16)) } else { policy.base_delay };
    raw.min(policy.max_delay).mul_f64(0.5 + jitter.clamp(0.0, 1.0) / 2.0)
}

/// Unix seconds of an ISO-8601 UTC date-time (`2026-11-28T00:00:00Z`) or an HTTP-date
/// (`Sat, 28 Nov 2026 00:00:00 GMT`), the two forms Zoom's `Retry-After` takes.
pub fn parse_date(v: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let iso = v.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let (date, time) = if iso {
        let (d, t) = v.split_once('T')?;
        (d.to_owned(), t.trim_end_matches('Z').get(..8)?.to_owned())
    } else {
        let parts: Vec<&str> = v.split_whitespace().collect();
        let [_, day, month, year, time, _] = parts[..] else { return None };
        let m = MONTHS.iter().position(|m| *m == month)? + 1;
        (format!("{year}-{m:02}-{:0>2}", day), time.to_owned())
    };
    let days = crate::validate::epoch_days(&date)?;
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms[..] else { return None };
    let secs = days.checked_mul(86_400)? + (h * 3600 + m * 60 + s) as i64;
    u64::try_from(secs).ok()
}

/// The next 00:00 UTC after `now`, when Zoom's daily and per-host caps reset.
pub fn next_midnight_utc(now: u64) -> u64 {
    (now / 86_400 + 1) * 86_400
}

#[cfg(test)]
#[path = "retry_tests.rs"]
mod tests;
