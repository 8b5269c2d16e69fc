//! `redis://[[USER]:PASSWORD@]HOST:PORT[/DB]`, the replay store's address.

use std::fmt;

/// Where the Redis server is and how to log in; its `Debug` and `Display` never show the password.
#[derive(Clone, PartialEq)]
pub struct RedisUrl {
    /// A host name or an IP address (IPv6 in brackets in the URL, without them here).
    pub host: String,
    pub port: u16,
    /// The database `SELECT`ed on each connection (0 by default).
    pub db: u32,
    /// The ACL user for `AUTH user password` (Redis 6+); without it, `AUTH password`.
    pub user: Option<String>,
    pub password: Option<String>,
}

impl RedisUrl {
    /// Parses the URL; the error says what is wrong, never echoing the password.
    pub fn parse(text: &str) -> Result<RedisUrl, String> {
        let example = "expected redis://HOST:PORT, optionally redis://:PASSWORD@HOST:PORT/DB";
        let Some(rest) = text.strip_prefix("redis://") else {
            return Err(format!("not a redis:// URL ({example}; rediss:// and unix sockets are not supported)"));
        };
        let (credentials, rest) = match rest.rsplit_once('@') {
            Some((credentials, rest)) => (Some(credentials), rest),
            None => (None, rest),
        };
        let (address, db) = match rest.split_once('/') {
            Some((address, "")) => (address, 0),
            Some((address, db)) => {
                (address, db.parse().map_err(|_| format!("the database after / must be a number ({example})"))?)
            }
            None => (rest, 0),
        };
        let (host, port) = match address.strip_prefix('[') {
            Some(v6) => match v6.split_once("]:") {
                Some((host, port)) => (host, port),
                None => return Err(format!("an IPv6 host needs a port after its brackets ({example})")),
            },
            None => address.rsplit_once(':').ok_or_else(|| format!("the port is missing ({example})"))?,
        };
        if host.is_empty() || host.contains(['/', '?', '#', '@', ' ']) {
            return Err(format!("the host is missing or not a host name ({example})"));
        }
        let port = port
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| format!("the port must be 1-65535 ({example})"))?;
        let (user, password) = match credentials {
            None => (None, None),
            Some(credentials) => match credentials.split_once(':') {
                Some((user, password)) if !password.is_empty() => {
                    ((!user.is_empty()).then(|| user.to_owned()), Some(password.to_owned()))
                }
                _ => return Err(format!("credentials go as :PASSWORD@ or USER:PASSWORD@ ({example})")),
            },
        };
        Ok(RedisUrl { host: host.to_owned(), port, db, user, password })
    }

    /// `host:port` for connecting.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

// The URL as an operator would want it in a log line, password masked.
impl fmt::Display for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let login = match (&self.user, &self.password) {
            (Some(user), Some(_)) => format!("{user}:***@"),
            (None, Some(_)) => ":***@".to_owned(),
            _ => String::new(),
        };
        write!(f, "redis://{login}{}/{}", self.authority(), self.db)
    }
}

impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RedisUrl({self})")
    }
}

impl std::str::FromStr for RedisUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<RedisUrl, String> {
        RedisUrl::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_the_flag_takes() {
        let plain = RedisUrl::parse("redis://127.0.0.1:6380").unwrap();
        assert_eq!((plain.host.as_str(), plain.port, plain.db, plain.password.is_none()), ("127.0.0.1", 6380, 0, true));
        let full = RedisUrl::parse("redis://:s3cret-pass@cache.internal:6379/2").unwrap();
        assert_eq!(
            (full.host.as_str(), full.db, full.user.as_deref(), full.password.as_deref()),
            ("cache.internal", 2, None, Some("s3cret-pass"))
        );
        let acl = RedisUrl::parse("redis://replay:p@ss@[::1]:7000/").unwrap();
        assert_eq!(
            (acl.user.as_deref(), acl.password.as_deref(), acl.authority()),
            (Some("replay"), Some("p@ss"), "[::1]:7000".to_owned())
        );
    }

    #[test]
    fn anything_else_is_refused_with_what_is_wrong_and_never_the_password() {
        for (text, says) in [
            ("http://127.0.0.1:6379", "not a redis:// URL"),
            ("rediss://h:6379", "not a redis:// URL"),
            ("redis://127.0.0.1", "the port is missing"),
            ("redis://:6379", "the host is missing"),
            ("redis://h:0", "the port must be"),
            ("redis://h:99999", "the port must be"),
            ("redis://h:port", "the port must be"),
            ("redis://h:6379/zero", "the database"),
            ("redis://[::1]/0", "IPv6"),
            ("redis://hunter2-secret@h:6379", "credentials"),
            ("redis://user:@h:6379", "credentials"),
        ] {
            let e = RedisUrl::parse(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
            assert!(!e.contains("hunter2"), "{e}");
        }
    }

    #[test]
    fn display_and_debug_mask_the_password() {
        let url = RedisUrl::parse("redis://ops:very-secret-pw@h:6379/1").unwrap();
        assert_eq!(url.to_string(), "redis://ops:***@h:6379/1");
        assert!(!format!("{url:?}").contains("very-secret-pw"));
    }
}
