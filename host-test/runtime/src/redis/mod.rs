//! A small Redis client on tokio, enough for the served endpoint's shared replay store: commands
//! as byte strings, one reply each, over a few pooled connections.
//!
//! Hand-written rather than the `redis` crate because the store needs four commands and the
//! runtime already has tokio: a RESP2 codec ([`resp`]) and a pool are less to build and to trust.
//! Every connect and command is bounded by a timeout; a connection that fails is dropped, and the
//! next command opens a fresh one, so a Redis restart costs the requests made while it was down.

mod resp;
mod url;

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

pub(crate) use resp::Reply;
pub use url::RedisUrl;

/// Idle connections kept for reuse; more concurrent commands open more, then close them.
const MAX_IDLE: usize = 16;
/// The most bytes buffered for one reply (the parser caps each part; this caps their sum).
const MAX_REPLY: usize = 256 << 10;

/// Why a command got no usable reply. Never carries the password.
#[derive(Debug)]
pub enum RedisError {
    /// No connection: refused, unreachable, reset, closed.
    Unreachable(String),
    /// The server answered with an error (`NOAUTH`, `WRONGPASS`, `OOM`, `READONLY`, ...).
    Refused(String),
    /// The reply is not RESP, or not what the command answers.
    Protocol(&'static str),
    /// Connecting or the command took longer than the client's timeout.
    Timeout,
}

impl fmt::Display for RedisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedisError::Unreachable(e) => write!(f, "Redis is unreachable: {e}"),
            RedisError::Refused(e) => write!(f, "Redis refused the command: {e}"),
            RedisError::Protocol(e) => write!(f, "Redis answered something unexpected: {e}"),
            RedisError::Timeout => write!(f, "Redis did not answer in time"),
        }
    }
}

impl std::error::Error for RedisError {}

/// Connections to one Redis server.
pub(crate) struct Client {
    url: RedisUrl,
    timeout: Duration,
    idle: Mutex<Vec<Conn>>,
}

impl Client {
    /// A client for `url`; `timeout` bounds each connect and each command. Connects lazily.
    pub(crate) fn new(url: RedisUrl, timeout: Duration) -> Client {
        Client { url, timeout, idle: Mutex::new(Vec::new()) }
    }

    /// Where it connects, password masked.
    pub(crate) fn url(&self) -> &RedisUrl {
        &self.url
    }

    /// Sends one command and reads its reply. An error reply is a reply: the caller decides.
    ///
    /// A reused connection can have been closed by the server meanwhile (a restart, its idle
    /// timeout): when it fails, the command is sent once more on a fresh connection. So every
    /// command sent through here must be safe to apply twice, which the replay store's are.
    pub(crate) async fn command(&self, args: &[&[u8]]) -> Result<Reply, RedisError> {
        let reused = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        if let Some(conn) = reused {
            if let Ok(reply) = self.send(conn, args).await {
                return Ok(reply);
            }
        }
        let conn = timeout(self.timeout, Conn::connect(&self.url)).await.map_err(|_| RedisError::Timeout)??;
        self.send(conn, args).await
    }

    async fn send(&self, mut conn: Conn, args: &[&[u8]]) -> Result<Reply, RedisError> {
        let reply = timeout(self.timeout, conn.command(args)).await.map_err(|_| RedisError::Timeout)??;
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        Ok(reply)
    }
}

/// One connection, logged in and on its database.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn connect(url: &RedisUrl) -> Result<Conn, RedisError> {
        let stream = TcpStream::connect(url.authority()).await.map_err(|e| RedisError::Unreachable(e.to_string()))?;
        // Each command is a small write answered before the next: Nagle would only delay it.
        let _ = stream.set_nodelay(true);
        let mut conn = Conn { stream, buf: Vec::new() };
        if let Some(password) = &url.password {
            let auth: Vec<&[u8]> = match &url.user {
                Some(user) => vec![b"AUTH", user.as_bytes(), password.as_bytes()],
                None => vec![b"AUTH", password.as_bytes()],
            };
            conn.expect_ok(&auth).await?;
        }
        if url.db != 0 {
            conn.expect_ok(&[b"SELECT".as_slice(), url.db.to_string().as_bytes()]).await?;
        }
        Ok(conn)
    }

    async fn expect_ok(&mut self, args: &[&[u8]]) -> Result<(), RedisError> {
        match self.command(args).await? {
            Reply::Status(s) if s == "OK" => Ok(()),
            Reply::Error(e) => Err(RedisError::Refused(e)),
            _ => Err(RedisError::Protocol("not OK to AUTH or SELECT")),
        }
    }

    async fn command(&mut self, args: &[&[u8]]) -> Result<Reply, RedisError> {
        let unreachable = |e: std::io::Error| RedisError::Unreachable(e.to_string());
        self.stream.write_all(&resp::encode(args)).await.map_err(unreachable)?;
        loop {
            match resp::parse(&self.buf) {
                Ok((reply, used)) => {
                    self.buf.drain(..used);
                    return Ok(reply);
                }
                Err(resp::Malformed::Invalid(why)) => return Err(RedisError::Protocol(why)),
                Err(resp::Malformed::Incomplete) if self.buf.len() > MAX_REPLY => {
                    return Err(RedisError::Protocol("a reply larger than the cap"))
                }
                Err(resp::Malformed::Incomplete) => {
                    let mut chunk = [0u8; 4096];
                    match self.stream.read(&mut chunk).await.map_err(unreachable)? {
                        0 => return Err(RedisError::Unreachable("the connection was closed".into())),
                        n => self.buf.extend_from_slice(&chunk[..n]),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A fake server that reads one command per connection and answers `reply`, then closes.
    async fn answering(reply: &'static [u8]) -> RedisUrl {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = [0u8; 1024];
                    let _ = stream.read(&mut buf).await;
                    let _ = stream.write_all(reply).await;
                    tokio::time::sleep(Duration::from_secs(5)).await;
                });
            }
        });
        RedisUrl::parse(&format!("redis://127.0.0.1:{port}")).unwrap()
    }

    #[tokio::test]
    async fn a_reply_is_read_and_a_bad_one_is_an_error_not_a_hang() {
        let client = Client::new(answering(b"+PONG\r\n").await, Duration::from_secs(2));
        assert_eq!(client.command(&[b"PING".as_slice()]).await.unwrap(), Reply::Status("PONG".into()));

        let garbage = Client::new(answering(b"HTTP/1.1 400 Bad Request\r\n\r\n").await, Duration::from_secs(2));
        assert!(matches!(garbage.command(&[b"PING".as_slice()]).await, Err(RedisError::Protocol(_))));

        let huge = Client::new(answering(b"$999999999\r\n").await, Duration::from_secs(2));
        assert!(matches!(huge.command(&[b"PING".as_slice()]).await, Err(RedisError::Protocol(_))));

        // Half a reply, then silence: the timeout ends the wait.
        let stalled = Client::new(answering(b"$10\r\nabc").await, Duration::from_millis(200));
        assert!(matches!(stalled.command(&[b"PING".as_slice()]).await, Err(RedisError::Timeout)));
    }

    #[tokio::test]
    async fn nobody_listening_is_unreachable() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = RedisUrl::parse(&format!("redis://127.0.0.1:{port}")).unwrap();
        let client = Client::new(url, Duration::from_secs(2));
        assert!(matches!(client.command(&[b"PING".as_slice()]).await, Err(RedisError::Unreachable(_))));
    }

    #[tokio::test]
    async fn a_refused_login_says_so_without_the_password() {
        let url = answering(b"-WRONGPASS invalid username-password pair\r\n").await;
        let url = RedisUrl { password: Some("pw-never-shown".into()), ..url };
        let e = Client::new(url, Duration::from_secs(2)).command(&[b"PING".as_slice()]).await.unwrap_err();
        assert!(matches!(e, RedisError::Refused(_)), "{e}");
        assert!(e.to_string().contains("WRONGPASS") && !e.to_string().contains("pw-never-shown"), "{e}");
    }
}
