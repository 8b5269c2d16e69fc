//! Every run reading answers that are Zoom's documented ones with one value swapped for any other
//! JSON, cut short, or replaced by any bytes, under any status and Zoom's rate-limit headers.

use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use serde_json::Value;

use super::{config, json};
use crate::fuzzing::answers::{decode, names, run, seeds, Answer, TOKEN};

/// The seed corpus, decoded once: (selector, documented answers).
fn documented() -> &'static Vec<(usize, Vec<Answer>)> {
    static SEEDS: OnceLock<Vec<(usize, Vec<Answer>)>> = OnceLock::new();
    SEEDS.get_or_init(|| seeds().into_iter().map(|(_, bytes)| decode(&bytes)).collect())
}

/// Replaces the `n`th value (in document order, wrapping) of `v` with `new`.
fn swap_nth(v: &mut Value, n: usize, new: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(m) => m.values().map(count).sum(),
            _ => 0,
        }
    }
    fn go(v: &mut Value, n: &mut usize, new: &mut Option<Value>) {
        if *n == 0 {
            if let Some(new) = new.take() {
                *v = new;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|x| go(x, n, new)),
            Value::Object(m) => m.values_mut().for_each(|x| go(x, n, new)),
            _ => {}
        }
    }
    let mut n = n % count(v);
    go(v, &mut n, &mut Some(new));
}

#[derive(Debug, Clone)]
enum Change {
    /// One value, anywhere in the body, becomes any JSON.
    Swap { answer: usize, at: usize, new: Value },
    /// The body ends early (a dropped connection, a proxy's cap).
    Cut { answer: usize, at: usize },
    /// The body is any bytes.
    Bytes { answer: usize, bytes: Vec<u8> },
    /// Another status and headers.
    Status { answer: usize, status: u16, headers: Vec<(String, String)> },
}

fn change() -> impl Strategy<Value = Change> {
    let header = prop_oneof![
        Just("Retry-After"),
        Just("X-RateLimit-Reset"),
        Just("X-RateLimit-Type"),
        Just("Content-Length"),
        Just("Location")
    ];
    let value = prop_oneof![Just("Daily-limit".to_owned()), any::<u64>().prop_map(|n| n.to_string()), ".{0,10}"];
    let status = prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(302),
        Just(400),
        Just(401),
        Just(404),
        Just(429),
        Just(500),
        any::<u16>()
    ];
    prop_oneof![
        (any::<usize>(), any::<usize>(), json()).prop_map(|(answer, at, new)| Change::Swap { answer, at, new }),
        (any::<usize>(), any::<usize>()).prop_map(|(answer, at)| Change::Cut { answer, at }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 0..64))
            .prop_map(|(answer, bytes)| Change::Bytes { answer, bytes }),
        (any::<usize>(), status, prop::collection::vec((header, value), 0..3)).prop_map(|(answer, status, headers)| {
            Change::Status { answer, status, headers: headers.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() }
        }),
    ]
}

fn apply(answers: &mut [Answer], change: &Change) {
    if answers.is_empty() {
        return;
    }
    let len = answers.len();
    match change {
        Change::Swap { answer, at, new } => {
            let a = &mut answers[answer % len];
            if let Ok(mut v) = serde_json::from_slice::<Value>(&a.body) {
                swap_nth(&mut v, *at, new.clone());
                a.body = v.to_string().into_bytes();
            }
        }
        Change::Cut { answer, at } => {
            let a = &mut answers[answer % len];
            let at = at % (a.body.len() + 1);
            a.body.truncate(at);
        }
        Change::Bytes { answer, bytes } => answers[answer % len].body = bytes.clone(),
        Change::Status { answer, status, headers } => {
            let a = &mut answers[answer % len];
            a.status = *status;
            a.headers = headers.clone();
        }
    }
}

/// What the fuzz target asserts of every outcome.
fn check(selector: usize, answers: Vec<Answer>) -> Result<(), TestCaseError> {
    let outcome = run(selector, answers);
    if let Err((debug, display)) = &outcome.result {
        prop_assert!(!debug.contains(TOKEN) && !display.contains(TOKEN), "{}: {debug}", outcome.name);
    }
    prop_assert!(outcome.slept <= Duration::from_secs(90) * outcome.requests as u32, "{outcome:?}");
    Ok(())
}

#[test]
fn every_run_has_a_seed_that_reads() {
    // The seeds are the documented answers each run asked for: each run reads them (the fuzzer
    // starts from answers that go deep, not from ones refused at the first field).
    assert_eq!(documented().len(), names().len());
    let failures: Vec<String> = documented()
        .iter()
        .filter_map(|(selector, answers)| {
            let outcome = run(*selector, answers.clone());
            outcome.result.err().map(|e| format!("{}: {}", outcome.name, e.1))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn documented_answers_changed_read_or_fail_typed(
        pick in any::<usize>(),
        changes in prop::collection::vec(change(), 1..4),
    ) {
        let (selector, answers) = &documented()[pick % documented().len()];
        let mut answers = answers.clone();
        for c in &changes {
            apply(&mut answers, c);
        }
        check(*selector, answers)?;
    }

    #[test]
    fn any_input_bytes_read_or_fail_typed(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let (selector, answers) = decode(&bytes);
        check(selector, answers)?;
    }
}
