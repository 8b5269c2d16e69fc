//! When to try a request again. A pure function of the answer, the clock and a jitter draw, so it
//! is tested without I/O.
//!
//! Order of evidence: `Retry-After` (seconds or a date), then `X-RateLimit-Reset`, then capped
//! exponential backoff with jitter. 429, 5xx and connection failures are retried; other 4xx never.

use std::time::Duration;

use crate::error::header;
use crate::time::header_date;

/// Limits on retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
    /// The first backoff delay.
    pub(crate) base_delay: Duration,
    /// The longest backoff delay, however many attempts came before.
    pub(crate) max_delay: Duration,
    /// The longest single wait the connector will sleep. Longer advised waits are returned as
    /// `rate-limited` so the platform can schedule instead of holding an instance.
    pub(crate) max_wait: Duration,
    /// Double the delay after each retry; otherwise wait `base_delay` every time.
    pub(crate) exponential: bool,
    /// Retry every failed answer (any 4xx/5xx, any dropped connection), not only the safe ones.
    pub(crate) retry_all: bool,
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
pub(crate) enum Decision {
    /// Wait this long, then send again.
    Retry(Duration),
    /// Hand the answer to the caller.
    Stop,
}

/// What came back from one attempt.
pub(crate) enum Outcome<'a> {
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
pub(crate) struct Now {
    pub(crate) unix: u64,
    pub(crate) jitter: f64,
}

/// Decides whether attempt number `attempt` (0 = the first) is retried.
///
/// 429 is always safe to retry: Zoom did not act on the request. 5xx and dropped connections are
/// retried only for `idempotent` requests, because a create that reached Zoom may have happened.
pub(crate) fn decide(outcome: Outcome<'_>, idempotent: bool, attempt: u32, policy: &Policy, now: Now) -> Decision {
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
        if let Some(at) = header_date(v) {
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
pub(crate) fn is_daily(headers: &[(String, String)], body: &[u8]) -> bool {
    let typed = header(headers, "x-ratelimit-type").is_some_and(|t| t.eq_ignore_ascii_case("daily-limit"));
    typed || String::from_utf8_lossy(body).to_ascii_lowercase().contains("daily rate limit")
}

/// `base * 2^attempt`, capped, then scaled by `0.5 + jitter / 2` so clients spread out.
fn backoff(attempt: u32, policy: &Policy, jitter: f64) -> Duration {
    let raw =
        if policy.exponential { policy.base_delay.saturating_mul(1u32 << attempt.min(16)) } else { policy.base_delay };
    // A NaN draw survives `clamp`, and `mul_f64(NaN)` panics: it waits the whole delay instead.
    let jitter = if jitter.is_nan() { 1.0 } else { jitter.clamp(0.0, 1.0) };
    raw.min(policy.max_delay).mul_f64(0.5 + jitter / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Now = Now { unix: 1_800_000_000, jitter: 0.5 };

    fn answer<'a>(status: u16, headers: &'a [(String, String)], body: &'a [u8]) -> Outcome<'a> {
        Outcome::Answer { status, headers, body }
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// Found by the retry_cursor fuzz target (fuzz/artifacts, kept in its corpus): a NaN jitter
    /// draw passed `clamp` and `Duration::mul_f64` panicked on it.
    #[test]
    fn a_nan_jitter_draw_waits_the_whole_delay() {
        let p = Policy { retry_all: true, ..Policy::default() };
        let now = Now { unix: 378_231_999_955_288, jitter: f64::NAN };
        assert_eq!(decide(answer(1024, &[], b""), false, 0, &p, now), Decision::Retry(p.base_delay));
        let now = Now { jitter: f64::NAN, ..NOW };
        assert_eq!(decide(answer(503, &[], b""), true, 0, &Policy::default(), now), Decision::Retry(p.base_delay));
    }

    #[test]
    fn honours_retry_after_seconds_before_backoff() {
        let p = Policy::default();
        let hs = h(&[("Retry-After", "2")]);
        assert_eq!(decide(answer(429, &hs, b""), false, 0, &p, NOW), Decision::Retry(Duration::from_secs(2)));
    }

    #[test]
    fn retry_after_as_iso_or_http_date_is_a_wait_until_then() {
        let p = Policy::default();
        let iso = h(&[("Retry-After", "2027-01-15T08:00:10Z")]);
        let now = Now { unix: header_date("2027-01-15T08:00:00Z").unwrap(), jitter: 0.5 };
        assert_eq!(decide(answer(429, &iso, b""), true, 0, &p, now), Decision::Retry(Duration::from_secs(10)));
        let http = h(&[("Retry-After", "Fri, 15 Jan 2027 08:00:05 GMT")]);
        assert_eq!(decide(answer(429, &http, b""), true, 0, &p, now), Decision::Retry(Duration::from_secs(5)));
    }

    #[test]
    fn rate_limit_reset_header_is_used_when_retry_after_is_absent() {
        let p = Policy::default();
        let hs = h(&[("X-RateLimit-Reset", "1800000003")]);
        assert_eq!(decide(answer(429, &hs, b""), true, 0, &p, NOW), Decision::Retry(Duration::from_secs(3)));
    }

    #[test]
    fn daily_limits_are_never_slept() {
        let p = Policy::default();
        let typed = h(&[("X-RateLimit-Type", "Daily-limit"), ("Retry-After", "2026-11-28T00:00:00Z")]);
        assert_eq!(decide(answer(429, &typed, b""), true, 0, &p, NOW), Decision::Stop);
        let host_cap = br#"{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests"}"#;
        assert_eq!(decide(answer(429, &[], host_cap), true, 0, &p, NOW), Decision::Stop);
    }

    #[test]
    fn waits_longer_than_budget_are_returned_not_slept() {
        let p = Policy { max_wait: Duration::from_secs(5), ..Policy::default() };
        let hs = h(&[("Retry-After", "60")]);
        assert_eq!(decide(answer(429, &hs, b""), true, 0, &p, NOW), Decision::Stop);
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let p = Policy::default();
        let at = |attempt, jitter| decide(answer(503, &[], b""), true, attempt, &p, Now { jitter, ..NOW });
        assert_eq!(at(0, 1.0), Decision::Retry(Duration::from_millis(250)));
        assert_eq!(at(0, 0.0), Decision::Retry(Duration::from_millis(125)));
        assert_eq!(at(2, 1.0), Decision::Retry(Duration::from_millis(1000)));
        let p = Policy { max_retries: 20, ..p };
        assert_eq!(
            decide(answer(503, &[], b""), true, 10, &p, Now { jitter: 1.0, ..NOW }),
            Decision::Retry(Duration::from_secs(8))
        );
    }

    #[test]
    fn server_errors_retry_only_idempotent_requests() {
        let p = Policy::default();
        assert!(matches!(decide(answer(502, &[], b""), true, 0, &p, NOW), Decision::Retry(_)));
        assert_eq!(decide(answer(502, &[], b""), false, 0, &p, NOW), Decision::Stop);
    }

    #[test]
    fn stops_after_max_retries_and_never_retries_other_client_errors() {
        let p = Policy::default();
        assert_eq!(decide(answer(429, &[], b""), true, 3, &p, NOW), Decision::Stop);
        for status in [400, 401, 403, 404, 409] {
            assert_eq!(decide(answer(status, &[], b""), true, 0, &p, NOW), Decision::Stop, "{status}");
        }
    }

    #[test]
    fn unsent_requests_are_always_retried_sent_ones_only_when_idempotent() {
        let p = Policy::default();
        assert!(matches!(decide(Outcome::NoAnswer { sent: false }, false, 0, &p, NOW), Decision::Retry(_)));
        assert_eq!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p, NOW), Decision::Stop);
        assert!(matches!(decide(Outcome::NoAnswer { sent: true }, true, 0, &p, NOW), Decision::Retry(_)));
        assert_eq!(decide(Outcome::Denied, true, 0, &p, NOW), Decision::Stop);
    }

    #[test]
    fn retry_all_covers_client_errors_and_posts_with_fixed_delay() {
        let p = Policy { retry_all: true, exponential: false, ..Policy::default() };
        assert_eq!(
            decide(answer(404, &[], b""), false, 2, &p, Now { jitter: 1.0, ..NOW }),
            Decision::Retry(Duration::from_millis(250))
        );
        assert!(matches!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p, NOW), Decision::Retry(_)));
    }
}
