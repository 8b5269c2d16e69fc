//! Which replay store the endpoint keeps: in this process's memory ([`super::seen`], the default)
//! or in Redis ([`super::seen_redis`], shared by replicas). Both claim a signature when its request
//! starts, keep it for the timestamp window once answered 200, and release it otherwise.

use std::time::Duration;

use super::seen::{self, Seen};
use super::seen_redis::{self, RedisSeen};
use crate::redis::{RedisError, RedisUrl};

pub(super) enum ReplayStore {
    Memory(Seen),
    Redis(RedisSeen),
}

/// What a request may do with its signature.
pub(super) enum Claim<'a> {
    /// The first copy: verify and relay it.
    Fresh(Reservation<'a>),
    /// Answered 200 already, or being answered by a concurrent request: a replay.
    Taken,
}

/// A claimed signature; dropped without [`Reservation::answered`], it is released.
pub(super) enum Reservation<'a> {
    Memory(seen::Reservation<'a>),
    Redis(seen_redis::Reservation<'a>),
}

impl ReplayStore {
    /// In Redis when `redis` is given, else in memory.
    pub(super) fn new(redis: Option<&RedisUrl>, window: Duration, deadline: Duration) -> ReplayStore {
        match redis {
            Some(url) => ReplayStore::Redis(RedisSeen::new(url.clone(), window, deadline)),
            None => ReplayStore::Memory(Seen::new(window)),
        }
    }

    /// Whether the store can answer (memory always can).
    pub(super) async fn check(&self) -> Result<(), RedisError> {
        match self {
            ReplayStore::Memory(_) => Ok(()),
            ReplayStore::Redis(redis) => redis.ping().await,
        }
    }

    /// Claims `signature` atomically; an error means the store cannot say (Redis down).
    pub(super) async fn claim(&self, signature: &str) -> Result<Claim<'_>, RedisError> {
        Ok(match self {
            ReplayStore::Memory(seen) => match seen.claim(signature) {
                seen::Claim::Fresh(r) => Claim::Fresh(Reservation::Memory(r)),
                seen::Claim::Taken => Claim::Taken,
            },
            ReplayStore::Redis(redis) => match redis.claim(signature).await? {
                Some(r) => Claim::Fresh(Reservation::Redis(r)),
                None => Claim::Taken,
            },
        })
    }
}

impl Reservation<'_> {
    /// The delivery was answered 200: its signature is refused from now on, for the window.
    pub(super) async fn answered(self) -> Result<(), RedisError> {
        match self {
            Reservation::Memory(r) => {
                r.answered();
                Ok(())
            }
            Reservation::Redis(r) => r.answered().await,
        }
    }
}

impl Reservation<'_> {
    /// The delivery was not answered 200: free its signature now, so Zoom's retry gets through.
    pub(super) async fn release(self) {
        match self {
            Reservation::Memory(r) => drop(r),
            Reservation::Redis(r) => r.release().await,
        }
    }
}
