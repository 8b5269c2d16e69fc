//! Every action, poll source and reconciled event reading fuzzer-chosen answers (status, headers,
//! body, one per request): the outcome is `Ok` or a typed error that never carries the token, the
//! run stops when the answers do (no loop), and it never sleeps past the retry limits.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use zoom_connector::fuzzing::answers::{decode, run, TOKEN};

fuzz_target!(|data: &[u8]| {
    let (selector, answers) = decode(data);
    let outcome = run(selector, answers);
    if let Err((debug, display)) = &outcome.result {
        assert!(!debug.contains(TOKEN) && !display.contains(TOKEN), "{}: the token in {debug}", outcome.name);
    }
    // Each retry waits at most the policy's 30 s; there are at most 3 per request.
    assert!(outcome.slept <= Duration::from_secs(30) * 3 * outcome.requests as u32, "{outcome:?}");
});
