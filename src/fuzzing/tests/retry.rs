//! Retry decisions on any answer, clock, jitter and policy: bounded waits, and no retry of what
//! must not be sent again.

use std::time::Duration;

use proptest::prelude::*;

use super::config;
use crate::fuzzing::retry::{decide, default_limits, Attempt, Limits};

fn attempt() -> impl Strategy<Value = Attempt> {
    let header = prop_oneof![Just("Retry-After"), Just("X-RateLimit-Reset"), Just("X-RateLimit-Type")];
    let value = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        Just("Daily-limit".to_owned()),
        Just("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
        Just("Sat, 01 Jan 2028 00:00:00 GMT".to_owned()),
        ".{0,30}",
    ];
    prop_oneof![
        (
            prop_oneof![Just(429u16), Just(500), Just(503), any::<u16>()],
            prop::collection::vec((header, value), 0..3),
            prop_oneof![Just(b"daily rate limit".to_vec()), prop::collection::vec(any::<u8>(), 0..16)],
        )
            .prop_map(|(status, headers, body)| Attempt::Answer {
                status,
                headers: headers.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                body
            }),
        any::<bool>().prop_map(|sent| Attempt::NoAnswer { sent }),
        Just(Attempt::Denied),
    ]
}

fn limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        Just(default_limits()),
        (0u32..20, any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), any::<bool>()).prop_map(
            |(max_retries, base, max_delay, max_wait, exponential, retry_all)| Limits {
                max_retries,
                base_ms: u64::from(base),
                max_delay_ms: u64::from(max_delay),
                max_wait_ms: u64::from(max_wait),
                exponential,
                retry_all,
            }
        ),
    ]
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn retries_wait_within_the_limits_and_only_when_safe(
        attempt in attempt(),
        idempotent in any::<bool>(),
        number in prop_oneof![0u32..5, any::<u32>()],
        limits in limits(),
        unix in prop_oneof![Just(1_800_000_000u64), any::<u64>()],
        jitter in prop_oneof![0.0f64..1.0, any::<f64>(), Just(f64::NAN), Just(f64::INFINITY)],
    ) {
        let Some(wait) = decide(&attempt, idempotent, number, limits, unix, jitter) else { return Ok(()) };
        prop_assert!(wait <= Duration::from_millis(limits.max_wait_ms));
        prop_assert!(number < limits.max_retries);
        match &attempt {
            Attempt::Denied => prop_assert!(false, "retried a refused request"),
            Attempt::Answer { status, .. } if *status < 400 => prop_assert!(false, "retried HTTP {}", status),
            Attempt::Answer { status: 500 | 502 | 503 | 504, .. } | Attempt::NoAnswer { sent: true } => {
                prop_assert!(idempotent || limits.retry_all)
            }
            Attempt::Answer { status, .. } if *status != 429 => prop_assert!(limits.retry_all),
            _ => {}
        }
    }
}
