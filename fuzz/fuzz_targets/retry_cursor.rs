//! Retry decisions on any answer, clock, jitter and policy, and the polling cursor on any text a
//! platform hands back. A retry waits at most the policy's longest wait, never after the last
//! attempt, never a refused or a plain 4xx one, never a write Zoom may have acted on (5xx, a
//! dropped connection) unless the policy says so. A cursor's text decodes or is `invalid-input`
//! on `cursor`; whatever decodes encodes back to itself; a poll returns each key once, oldest
//! first.
#![no_main]

use std::collections::BTreeSet;
use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use zoom_connector::fuzzing::cursor::{decode, encode, first, select};
use zoom_connector::fuzzing::retry::{decide, Attempt, Limits};

#[derive(Arbitrary, Debug)]
enum Kind {
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A 429 with Zoom's rate-limit headers, which take the most parsing.
    RateLimited {
        retry_after: String,
        reset: String,
        daily: bool,
    },
    NoAnswer {
        sent: bool,
    },
    Denied,
}

#[derive(Arbitrary, Debug)]
enum Input {
    Retry {
        kind: Kind,
        idempotent: bool,
        attempt: u32,
        max_retries: u8,
        base_ms: u32,
        max_delay_ms: u32,
        max_wait_ms: u32,
        exponential: bool,
        retry_all: bool,
        unix: u64,
        jitter: f64,
    },
    CursorText(String),
    CursorPrefixed(Vec<u8>),
    Poll {
        first_listed: Vec<(String, u64)>,
        now: u64,
        backfill_hours: u16,
        later: Vec<(String, u64)>,
        later_now: u64,
    },
}

fuzz_target!(|input: Input| match input {
    Input::Retry {
        kind,
        idempotent,
        attempt,
        max_retries,
        base_ms,
        max_delay_ms,
        max_wait_ms,
        exponential,
        retry_all,
        unix,
        jitter,
    } => {
        let attempt_kind = match kind {
            Kind::Answer { status, headers, body } => Attempt::Answer { status, headers, body },
            Kind::RateLimited { retry_after, reset, daily } => {
                let mut headers = vec![("Retry-After".into(), retry_after), ("X-RateLimit-Reset".into(), reset)];
                if daily {
                    headers.push(("X-RateLimit-Type".into(), "Daily-limit".into()));
                }
                Attempt::Answer { status: 429, headers, body: Vec::new() }
            }
            Kind::NoAnswer { sent } => Attempt::NoAnswer { sent },
            Kind::Denied => Attempt::Denied,
        };
        let limits = Limits {
            max_retries: u32::from(max_retries),
            base_ms: u64::from(base_ms),
            max_delay_ms: u64::from(max_delay_ms),
            max_wait_ms: u64::from(max_wait_ms),
            exponential,
            retry_all,
        };
        let Some(wait) = decide(&attempt_kind, idempotent, attempt, limits, unix, jitter) else { return };
        assert!(wait <= Duration::from_millis(limits.max_wait_ms), "{wait:?} past the longest wait");
        assert!(attempt < limits.max_retries, "retried after the last attempt");
        match &attempt_kind {
            Attempt::Denied => panic!("retried a request the host refused"),
            Attempt::Answer { status, .. } if *status < 400 => panic!("retried HTTP {status}"),
            Attempt::Answer { status: 500 | 502 | 503 | 504, .. } | Attempt::NoAnswer { sent: true } => {
                assert!(idempotent || retry_all, "retried a write Zoom may have done")
            }
            Attempt::Answer { status, .. } if *status != 429 => assert!(retry_all, "retried HTTP {status}"),
            _ => {}
        }
    }
    Input::CursorText(text) => check_cursor(&text),
    Input::CursorPrefixed(bytes) => {
        // Past the prefix, so the fuzzer reaches the base64 and the JSON inside.
        check_cursor(&format!("zc1.{}", String::from_utf8_lossy(&bytes)))
    }
    Input::Poll { first_listed, now, backfill_hours, later, later_now } => {
        let (cursor, returned) = first(first_listed, now, u32::from(backfill_hours));
        once_each(&returned);
        let decoded = decode(&encode(&cursor)).expect("a cursor the poll wrote decodes");
        assert_eq!(decoded, cursor);
        let (_, again) = select(decoded, later, later_now);
        once_each(&again);
        let before: BTreeSet<&String> = cursor.1.iter().map(|(k, _)| k).collect();
        assert!(again.iter().all(|k| !before.contains(k)), "a key returned twice");
    }
});

fn check_cursor(text: &str) {
    match decode(text) {
        Ok(contents) => assert_eq!(decode(&encode(&contents)), Ok(contents)),
        Err((field, message)) => assert_eq!(field, "cursor", "{message}"),
    }
}

fn once_each(keys: &[String]) {
    let unique: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "a key returned twice in one poll: {keys:?}");
}
