//! The replay store in Redis, shared by every replica of the endpoint: what [`super::seen`] does
//! in memory, with the same three steps, each one command, so a replay that reaches another
//! replica is refused as if it had reached this one.
//!
//! - claim: `SET key token NX PX in-flight`. Of N concurrent copies on any replicas exactly one
//!   sets it. The token is unique to the claim, and the in-flight expiry (the request deadline and
//!   a little) frees the key of a replica that died mid-request.
//! - answered 200: `SET key answered PX window`, the timestamp tolerance the component applies.
//! - not answered 200: a script deletes the key only while it still holds this claim's token, so
//!   a release never frees another request's claim or an answered signature.
//!
//! The key is a hash of the signature: fixed-size whatever the header held, and nothing of the
//! request in Redis. When Redis cannot answer, the endpoint answers 503 (see `request`).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::redis::{Client, RedisError, RedisUrl, Reply};

/// Every key the endpoint writes starts with this, so the store can share a Redis.
pub(crate) const KEY_PREFIX: &str = "zoom-host:seen:";
/// What an answered signature's key holds.
const ANSWERED: &[u8] = b"answered";
/// Deletes KEYS[1] only while it holds ARGV[1], the releasing claim's token.
const RELEASE: &[u8] = b"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
/// Bounds each connect and command; a slower Redis is treated as down.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) struct RedisSeen {
    client: Arc<Client>,
    window: Duration,
    in_flight: Duration,
    /// Makes claim tokens unique across replicas and restarts.
    replica: String,
    claims: AtomicU64,
    /// Whether the last command failed, so the log says when Redis goes and comes back, once.
    down: AtomicBool,
}

/// A claimed signature; dropped without [`Reservation::answered`], its claim is released.
pub(super) struct Reservation<'a> {
    seen: &'a RedisSeen,
    key: String,
    token: String,
    settled: bool,
}

impl RedisSeen {
    /// `window`: how long answered signatures are refused; `deadline`: the request deadline.
    pub(super) fn new(url: RedisUrl, window: Duration, deadline: Duration) -> RedisSeen {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        RedisSeen {
            client: Arc::new(Client::new(url, COMMAND_TIMEOUT)),
            window,
            // The reservation is settled just after the deadline at the latest.
            in_flight: deadline + COMMAND_TIMEOUT + Duration::from_secs(1),
            replica: format!("{}-{nanos:x}", std::process::id()),
            claims: AtomicU64::new(0),
            down: AtomicBool::new(false),
        }
    }

    /// Whether Redis answers now, and why not.
    pub(super) async fn ping(&self) -> Result<(), RedisError> {
        match self.command(&[b"PING".as_slice()]).await? {
            Reply::Status(s) if s == "PONG" => Ok(()),
            _ => Err(RedisError::Protocol("not PONG to PING")),
        }
    }

    /// Claims `signature` across every replica: `Some` for the first copy, `None` for a replay.
    pub(super) async fn claim(&self, signature: &str) -> Result<Option<Reservation<'_>>, RedisError> {
        let key = key(signature);
        let token = format!("in-flight:{}:{}", self.replica, self.claims.fetch_add(1, Ordering::Relaxed));
        let ttl = millis(self.in_flight);
        let set: [&[u8]; 6] = [b"SET", key.as_bytes(), token.as_bytes(), b"NX", b"PX", &ttl];
        let fresh = match self.command(&set).await? {
            Reply::Status(s) if s == "OK" => true,
            // Not set: someone else's, or ours if the client resent the command after a reply was lost.
            Reply::Bulk(None) => match self.command(&[b"GET".as_slice(), key.as_bytes()]).await? {
                Reply::Bulk(Some(held)) => held == token.as_bytes(),
                Reply::Bulk(None) => false,
                _ => return Err(RedisError::Protocol("not a value to GET")),
            },
            _ => return Err(RedisError::Protocol("not OK or nil to SET NX")),
        };
        Ok(fresh.then(|| Reservation { seen: self, key, token, settled: false }))
    }

    /// One command; an error reply counts as a failure, and each change of state is logged once.
    async fn command(&self, args: &[&[u8]]) -> Result<Reply, RedisError> {
        let result = match self.client.command(args).await {
            Ok(Reply::Error(e)) => Err(RedisError::Refused(e)),
            other => other,
        };
        match &result {
            Err(e) if !self.down.swap(true, Ordering::Relaxed) => {
                eprintln!(
                    "webhook endpoint: the replay store at {} failed ({e}); answering 503 until it is back",
                    self.client.url()
                );
            }
            Ok(_) if self.down.swap(false, Ordering::Relaxed) => {
                eprintln!("webhook endpoint: the replay store at {} answers again", self.client.url());
            }
            _ => {}
        }
        result
    }
}

impl Reservation<'_> {
    /// The delivery was answered 200: every replica refuses its signature for the window.
    pub(super) async fn answered(mut self) -> Result<(), RedisError> {
        self.settled = true;
        let ttl = millis(self.seen.window);
        let set: [&[u8]; 5] = [b"SET", self.key.as_bytes(), ANSWERED, b"PX", &ttl];
        match self.seen.command(&set).await? {
            Reply::Status(s) if s == "OK" => Ok(()),
            _ => Err(RedisError::Protocol("not OK to SET")),
        }
    }
}

impl Reservation<'_> {
    /// The delivery was not answered 200: its claim is deleted, if it still holds the key. A
    /// failure is not waited out: the in-flight expiry frees the key anyway.
    pub(super) async fn release(mut self) {
        self.settled = true;
        let _ = self.seen.command(&release(&self.key, &self.token)).await;
    }
}

// A request dropped before it settled (the client went away): released in the background.
impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        // Outside a runtime there is nothing to spawn on; the in-flight expiry frees the key.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let client = Arc::clone(&self.seen.client);
        let (key, token) = (std::mem::take(&mut self.key), std::mem::take(&mut self.token));
        runtime.spawn(async move {
            let _ = client.command(&release(&key, &token)).await;
        });
    }
}

/// The script call that deletes `key` while it holds `token`.
fn release<'a>(key: &'a str, token: &'a str) -> [&'a [u8]; 5] {
    [b"EVAL", RELEASE, b"1", key.as_bytes(), token.as_bytes()]
}

/// The key for a signature: the prefix and the SHA-256 of the header, in hex.
pub(crate) fn key(signature: &str) -> String {
    let digest = Sha256::digest(signature.as_bytes());
    let mut key = String::with_capacity(KEY_PREFIX.len() + 64);
    key.push_str(KEY_PREFIX);
    for byte in digest {
        key.push_str(&format!("{byte:02x}"));
    }
    key
}

/// A PX argument: whole milliseconds, at least 1 (Redis refuses 0).
fn millis(d: Duration) -> Vec<u8> {
    d.as_millis().clamp(1, u64::MAX as u128).to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_prefixed_fixed_size_and_do_not_hold_the_signature() {
        let short = key("v0=ab");
        let long = key(&format!("v0={}", "f".repeat(10_000)));
        assert!(short.starts_with(KEY_PREFIX) && long.starts_with(KEY_PREFIX));
        assert_eq!((short.len(), long.len()), (KEY_PREFIX.len() + 64, KEY_PREFIX.len() + 64));
        assert_ne!(short, long);
        assert_eq!(key("v0=ab"), short, "the same signature is the same key on every replica");
        assert!(!short.contains("v0=ab"));
    }

    #[test]
    fn expiries_are_whole_milliseconds_and_never_zero() {
        assert_eq!(millis(Duration::from_secs(5400)), b"5400000");
        assert_eq!(millis(Duration::ZERO), b"1");
        assert_eq!(millis(Duration::from_micros(1500)), b"1");
    }
}
