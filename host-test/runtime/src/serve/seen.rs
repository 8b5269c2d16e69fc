//! The replay store: signatures of deliveries answered 200, and of those being answered now.
//!
//! A signature is *claimed* when its request starts, before the body is read or the component
//! runs, under one lock: of N concurrent copies of one delivery exactly one gets the claim, so
//! exactly one is verified and relayed; the others are told it was seen and the component answers
//! them 401 `replayed`. A claim whose request ends without a 200 (relay down, deadline, client gone)
//! is released when its [`Reservation`] drops, so Zoom's retry of that delivery still gets through.
//!
//! It lives in memory only: a restart forgets it (see the README, "Reliability").

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// More than Zoom delivers to one endpoint within a window; past it the oldest are forgotten.
const MAX_ANSWERED: usize = 100_000;

/// Signatures answered 200 (kept for the timestamp window) and signatures in flight.
pub(super) struct Seen {
    window: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    answered: HashMap<String, Instant>,
    /// `answered` in the order it was filled, for expiry.
    order: VecDeque<(Instant, String)>,
    in_flight: HashSet<String>,
}

/// What a request may do with its signature.
pub(super) enum Claim<'a> {
    /// The first copy: verify and relay it.
    Fresh(Reservation<'a>),
    /// Answered 200 already, or being answered by a concurrent request: a replay.
    Taken,
}

/// A claimed signature; dropped without [`Reservation::answered`], it is released.
pub(super) struct Reservation<'a> {
    seen: &'a Seen,
    signature: String,
    answered: bool,
}

impl Seen {
    pub(super) fn new(window: Duration) -> Seen {
        Seen { window, state: Mutex::new(State::default()) }
    }

    /// Claims `signature` atomically (see the module doc).
    pub(super) fn claim(&self, signature: &str) -> Claim<'_> {
        let mut state = self.lock();
        state.expire(self.window);
        if state.answered.contains_key(signature) || !state.in_flight.insert(signature.to_owned()) {
            return Claim::Taken;
        }
        Claim::Fresh(Reservation { seen: self, signature: signature.to_owned(), answered: false })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; if something ever did, the sets are still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    fn expire(&mut self, window: Duration) {
        while self.order.front().is_some_and(|(at, _)| at.elapsed() > window) {
            if let Some((_, signature)) = self.order.pop_front() {
                self.answered.remove(&signature);
            }
        }
    }
}

impl Reservation<'_> {
    /// The delivery was answered 200: its signature is refused from now on, for the window.
    pub(super) fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut state = self.seen.lock();
        state.in_flight.remove(&self.signature);
        if self.answered {
            if state.order.len() >= MAX_ANSWERED {
                if let Some((_, oldest)) = state.order.pop_front() {
                    state.answered.remove(&oldest);
                }
            }
            let now = Instant::now();
            state.answered.insert(self.signature.clone(), now);
            state.order.push_back((now, std::mem::take(&mut self.signature)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(claim: Claim<'_>) -> Reservation<'_> {
        match claim {
            Claim::Fresh(r) => r,
            Claim::Taken => panic!("expected a fresh claim"),
        }
    }

    #[test]
    fn a_signature_in_flight_or_answered_is_taken_and_a_released_one_is_free_again() {
        let seen = Seen::new(Duration::from_secs(60));
        let first = fresh(seen.claim("v0=a"));
        assert!(matches!(seen.claim("v0=a"), Claim::Taken), "a concurrent copy is a replay");
        drop(first);
        let retry = fresh(seen.claim("v0=a"));
        retry.answered();
        assert!(matches!(seen.claim("v0=a"), Claim::Taken), "answered 200: refused");
        assert!(matches!(seen.claim("v0=b"), Claim::Fresh(_)));
    }

    #[test]
    fn answered_signatures_expire_with_the_window() {
        let seen = Seen::new(Duration::ZERO);
        fresh(seen.claim("v0=a")).answered();
        std::thread::sleep(Duration::from_millis(5));
        assert!(matches!(seen.claim("v0=a"), Claim::Fresh(_)));
    }
}
