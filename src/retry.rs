//! When to try a request again. A pure function of the answer, so it is tested without I/O.

use std::time::Duration;

use crate::error::header;

/// Limits on retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff delay.
    pub base_delay: Duration,
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
    Answer { status: u16, headers: &'a [(String, String)] },
    /// No answer: the connection failed. `sent` is false when the failure was before the request
    /// could have reached Zoom (nothing can have been written).
    NoAnswer { sent: bool },
    /// The host refused to send it at all (its egress policy).
    Denied,
}

/// Decides whether attempt number `attempt` (0 = the first) is retried.
///
/// 429 is always safe to retry: Zoom did not act on the request. 5xx and dropped connections are
/// retried only for `idempotent` requests, because a create that reached Zoom may have happened.
pub fn decide(outcome: Outcome<'_>, idempotent: bool, attempt: u32, policy: &Policy) -> Decision {
    if attempt >= policy.max_retries {
        return Decision::Stop;
    }
    let backoff =
        if policy.exponential { policy.base_delay.saturating_mul(1u32 << attempt.min(16)) } else { policy.base_delay };
    let wait = match outcome {
        Outcome::Answer { status: 429, headers } => match header(headers, "retry-after") {
            // Seconds: honour them. A date means a daily limit: never sleep until tomorrow.
            Some(v) => match v.trim().parse::<u64>() {
                Ok(secs) => Duration::from_secs(secs),
                Err(_) => return Decision::Stop,
            },
            None => backoff,
        },
        Outcome::Answer { status: 500 | 502 | 503 | 504, .. } if idempotent => backoff,
        Outcome::NoAnswer { sent: false } => backoff,
        Outcome::NoAnswer { sent: true } if idempotent || policy.retry_all => backoff,
        Outcome::Answer { status, .. } if policy.retry_all && status >= 400 => backoff,
        _ => return Decision::Stop,
    };
    if wait > policy.max_wait {
        Decision::Stop
    } else {
        Decision::Retry(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(String, String)]) -> Outcome<'_> {
        Outcome::Answer { status, headers }
    }

    fn retry_after(v: &str) -> Vec<(String, String)> {
        vec![("Retry-After".to_owned(), v.to_owned())]
    }

    #[test]
    fn honours_retry_after_seconds_before_backoff() {
        let p = Policy::default();
        assert_eq!(decide(answer(429, &retry_after("2")), false, 0, &p), Decision::Retry(Duration::from_secs(2)));
    }

    #[test]
    fn daily_limit_date_is_never_slept() {
        let p = Policy::default();
        assert_eq!(decide(answer(429, &retry_after("2026-11-28T00:00:00Z")), true, 0, &p), Decision::Stop);
    }

    #[test]
    fn waits_longer_than_budget_are_returned_not_slept() {
        let p = Policy { max_wait: Duration::from_secs(5), ..Policy::default() };
        assert_eq!(decide(answer(429, &retry_after("60")), true, 0, &p), Decision::Stop);
    }

    #[test]
    fn server_errors_retry_only_idempotent_requests_with_doubling_backoff() {
        let p = Policy::default();
        assert_eq!(decide(answer(503, &[]), true, 0, &p), Decision::Retry(Duration::from_millis(250)));
        assert_eq!(decide(answer(503, &[]), true, 2, &p), Decision::Retry(Duration::from_millis(1000)));
        assert_eq!(decide(answer(503, &[]), false, 0, &p), Decision::Stop);
    }

    #[test]
    fn retry_all_covers_client_errors_and_posts_with_fixed_delay() {
        let p = Policy { retry_all: true, exponential: false, ..Policy::default() };
        assert_eq!(decide(answer(404, &[]), false, 2, &p), Decision::Retry(Duration::from_millis(250)));
        assert!(matches!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p), Decision::Retry(_)));
        assert_eq!(decide(Outcome::Denied, false, 0, &p), Decision::Stop);
    }

    #[test]
    fn stops_after_max_retries() {
        let p = Policy::default();
        assert_eq!(decide(answer(429, &[]), true, 3, &p), Decision::Stop);
    }

    #[test]
    fn client_errors_are_final() {
        let p = Policy::default();
        for status in [400, 401, 403, 404, 409] {
            assert_eq!(decide(answer(status, &[]), true, 0, &p), Decision::Stop, "{status}");
        }
    }

    #[test]
    fn unsent_requests_are_always_retried_sent_ones_only_when_idempotent() {
        let p = Policy::default();
        assert!(matches!(decide(Outcome::NoAnswer { sent: false }, false, 0, &p), Decision::Retry(_)));
        assert_eq!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p), Decision::Stop);
        assert!(matches!(decide(Outcome::NoAnswer { sent: true }, true, 0, &p), Decision::Retry(_)));
    }
}
