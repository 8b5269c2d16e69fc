//! Turning a connection into a bearer token, for every connection kind.
//!
//! Tokens live in [`token_store`], keyed by [`Session::key`]: fetched Server-to-Server tokens and
//! rotated OAuth tokens are queued for the platform (`auth.token-updates`), so nothing a platform
//! must keep stays only inside an instance.

use std::cell::Cell;
use std::time::Duration;

use crate::error::Error;
use crate::http::retry::Policy;
use crate::http::Transport;
use crate::wit::types::{CallOptions, Connection, TokenSet};

pub(crate) mod jwt;
pub(crate) mod oauth;
pub(crate) mod token_store;

/// Zoom's defaults, used when a connection leaves the URLs out.
pub(crate) const DEFAULT_OAUTH_BASE: &str = "https://zoom.us";
pub(crate) const DEFAULT_API_BASE: &str = "https://api.zoom.us/v2";

/// Renew this long before Zoom's expiry, so a token never dies in flight.
const SAFETY_MARGIN_SECS: u64 = 60;
const JWT_DEFAULT_TTL: u32 = 5400;

#[derive(Clone)]
enum Kind {
    Bearer(String),
    ServerToServer {
        oauth_base: String,
        account_id: String,
        client_id: String,
        client_secret: String,
        cached: Option<TokenSet>,
    },
    OAuth {
        oauth_base: String,
        client_id: String,
        client_secret: String,
        initial: TokenSet,
    },
    Jwt {
        api_key: String,
        api_secret: String,
        ttl: u32,
    },
}

/// One connection's way to authenticate. Debug shows the kind and URL only.
#[derive(Clone)]
pub(crate) struct Session {
    kind: Kind,
    api_base: String,
    key: String,
    /// Set after Zoom refused a token: the platform's cached one is not offered again.
    distrust_cached: Cell<bool>,
    options: Options,
}

/// Checked `call-options`.
#[derive(Clone, Copy, Debug, Default)]
struct Options {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    max_wait: Option<Duration>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Session({}, {})", self.kind_name(), self.api_base)
    }
}

impl Session {
    /// A session that sends a fixed bearer token.
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn bearer(token: &str, api_base: &str) -> Self {
        Self::new(Kind::Bearer(token.to_owned()), api_base.trim_end_matches('/').to_owned())
    }

    fn new(kind: Kind, api_base: String) -> Self {
        let key = match &kind {
            Kind::Bearer(t) => token_store::key(&["access-token", t]),
            // Secrets are part of the hash so a changed secret never reuses another's token.
            Kind::ServerToServer { oauth_base, account_id, client_id, client_secret, .. } => {
                token_store::key(&["server-to-server", oauth_base, account_id, client_id, client_secret])
            }
            // The grant's lineage starts at the refresh token the platform stored.
            Kind::OAuth { oauth_base, client_id, client_secret, initial } => token_store::key(&[
                "oauth",
                oauth_base,
                client_id,
                client_secret,
                initial.refresh_token.as_deref().unwrap_or(&initial.access_token),
            ]),
            Kind::Jwt { api_key, api_secret, .. } => token_store::key(&["jwt", api_key, api_secret]),
        };
        Session { kind, api_base, key, distrust_cached: Cell::new(false), options: Options::default() }
    }

    /// The retry rules the connection's options ask for.
    pub(crate) fn policy(&self) -> Policy {
        let default = Policy::default();
        Policy {
            max_retries: self.options.max_retries.unwrap_or(default.max_retries),
            max_wait: self.options.max_wait.unwrap_or(default.max_wait),
            ..default
        }
    }

    /// How long to wait for answers, when the connection says.
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.options.timeout
    }

    /// Checks a connection's fields and builds its session.
    pub(crate) fn from_connection(conn: &Connection) -> Result<Self, Error> {
        let options = match conn {
            Connection::ServerToServer(c) => c.options,
            Connection::Oauth(c) => c.options,
            Connection::AccessToken(c) => c.options,
            Connection::Jwt(c) => c.options,
        };
        let mut session = Self::from_kind(conn)?;
        session.options = check_options(options)?;
        Ok(session)
    }

    fn from_kind(conn: &Connection) -> Result<Self, Error> {
        let api = |v: &Option<String>| base_url("connection.api_base_url", v.as_deref(), DEFAULT_API_BASE);
        let oauth = |v: &Option<String>| base_url("connection.oauth_base_url", v.as_deref(), DEFAULT_OAUTH_BASE);
        match conn {
            Connection::AccessToken(c) => {
                require("connection.token", &c.token)?;
                Ok(Self::new(Kind::Bearer(c.token.trim().to_owned()), api(&c.api_base_url)?))
            }
            Connection::ServerToServer(c) => {
                require("connection.account_id", &c.account_id)?;
                require("connection.client_id", &c.client_id)?;
                require("connection.client_secret", &c.client_secret)?;
                let kind = Kind::ServerToServer {
                    oauth_base: oauth(&c.oauth_base_url)?,
                    account_id: c.account_id.trim().to_owned(),
                    client_id: c.client_id.trim().to_owned(),
                    client_secret: c.client_secret.clone(),
                    cached: c.cached_token.clone(),
                };
                Ok(Self::new(kind, api(&c.api_base_url)?))
            }
            Connection::Oauth(c) => {
                require("connection.client_id", &c.client_id)?;
                require("connection.client_secret", &c.client_secret)?;
                require("connection.tokens.access_token", &c.tokens.access_token)?;
                let kind = Kind::OAuth {
                    oauth_base: oauth(&c.oauth_base_url)?,
                    client_id: c.client_id.trim().to_owned(),
                    client_secret: c.client_secret.clone(),
                    initial: c.tokens.clone(),
                };
                Ok(Self::new(kind, api(&c.api_base_url)?))
            }
            Connection::Jwt(c) => {
                require("connection.api_key", &c.api_key)?;
                require("connection.api_secret", &c.api_secret)?;
                let ttl = c.ttl_seconds.unwrap_or(JWT_DEFAULT_TTL);
                if !(60..=86_400).contains(&ttl) {
                    return Err(Error::invalid("connection.ttl_seconds", "must be between 60 and 86400"));
                }
                let kind = Kind::Jwt { api_key: c.api_key.trim().to_owned(), api_secret: c.api_secret.clone(), ttl };
                Ok(Self::new(kind, api(&c.api_base_url)?))
            }
        }
    }

    /// The REST API base URL, without a trailing slash.
    pub(crate) fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The connection's key in `auth.token-updates`.
    pub(crate) fn key(&self) -> &str {
        &self.key
    }

    /// `server-to-server`, `oauth`, `access-token` or `jwt`.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Bearer(_) => "access-token",
            Kind::ServerToServer { .. } => "server-to-server",
            Kind::OAuth { .. } => "oauth",
            Kind::Jwt { .. } => "jwt",
        }
    }

    /// Every secret this session holds or obtained, for scrubbing errors.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut s = Vec::new();
        let add_set = |s: &mut Vec<String>, t: &TokenSet| {
            s.push(t.access_token.clone());
            s.extend(t.refresh_token.clone());
        };
        match &self.kind {
            Kind::Bearer(t) => s.push(t.clone()),
            Kind::ServerToServer { client_secret, cached, .. } => {
                s.push(client_secret.clone());
                if let Some(c) = cached {
                    add_set(&mut s, c);
                }
            }
            Kind::OAuth { client_secret, initial, .. } => {
                s.push(client_secret.clone());
                add_set(&mut s, initial);
            }
            Kind::Jwt { api_secret, .. } => s.push(api_secret.clone()),
        }
        if let Some(t) = token_store::get(&self.key) {
            add_set(&mut s, &t);
        }
        s
    }

    /// The scopes the current token carries, when the kind of token says.
    pub(crate) fn granted_scopes(&self) -> Option<Vec<String>> {
        let from = |t: Option<TokenSet>| t.map(|t| t.scopes).filter(|s| !s.is_empty());
        match &self.kind {
            Kind::ServerToServer { cached, .. } => from(token_store::get(&self.key)).or_else(|| from(cached.clone())),
            Kind::OAuth { initial, .. } => from(Some(self.current_oauth(initial))),
            Kind::Bearer(_) | Kind::Jwt { .. } => None,
        }
    }

    /// Whether a rejected token can be replaced by a fresh one.
    pub(crate) fn can_renew(&self) -> bool {
        match &self.kind {
            Kind::Bearer(_) => false,
            Kind::OAuth { initial, .. } => self.current_oauth(initial).refresh_token.is_some(),
            Kind::ServerToServer { .. } | Kind::Jwt { .. } => true,
        }
    }

    /// Makes the next call renew the token.
    pub(crate) fn forget_token(&self) {
        self.distrust_cached.set(true);
        match &self.kind {
            Kind::OAuth { initial, .. } => {
                let current = self.current_oauth(initial);
                token_store::remember(&self.key, TokenSet { expires_at: 0, ..current });
            }
            _ => token_store::forget(&self.key),
        }
    }

    /// A token valid for at least the safety margin.
    pub(crate) fn token(&self, transport: &dyn Transport) -> Result<String, Error> {
        let now = transport.now_unix();
        let fresh = |t: &TokenSet| t.expires_at > now + SAFETY_MARGIN_SECS;
        match &self.kind {
            Kind::Bearer(token) => Ok(token.clone()),
            Kind::ServerToServer { oauth_base, account_id, client_id, client_secret, cached } => {
                if let Some(t) = token_store::get(&self.key).filter(fresh) {
                    return Ok(t.access_token);
                }
                if let Some(t) = cached.clone().filter(|t| fresh(t) && !self.distrust_cached.get()) {
                    token_store::remember(&self.key, t.clone());
                    return Ok(t.access_token);
                }
                let form = [("grant_type", "account_credentials"), ("account_id", account_id.as_str())];
                let request = oauth::token_request(oauth_base, client_id, client_secret, &form);
                let set = oauth::request_tokens(transport, &request, "the Server-to-Server token request")?;
                token_store::obtained(&self.key, set.clone());
                Ok(set.access_token)
            }
            Kind::OAuth { oauth_base, client_id, client_secret, initial } => {
                let current = self.current_oauth(initial);
                if fresh(&current) {
                    return Ok(current.access_token);
                }
                let Some(refresh_token) = current.refresh_token.as_deref() else {
                    return Err(Error::Unauthorized(
                        "the OAuth access token expired and there is no refresh token".into(),
                    ));
                };
                let mut set = oauth::refresh(transport, oauth_base, client_id, client_secret, refresh_token)?;
                if set.scopes.is_empty() {
                    set.scopes = current.scopes;
                }
                token_store::obtained(&self.key, set.clone());
                Ok(set.access_token)
            }
            Kind::Jwt { api_key, api_secret, ttl } => {
                if let Some(t) = token_store::get(&self.key).filter(fresh) {
                    return Ok(t.access_token);
                }
                let expires_at = now + u64::from(*ttl);
                let token = jwt::sign(api_key, api_secret, expires_at);
                let set = TokenSet { access_token: token.clone(), refresh_token: None, expires_at, scopes: Vec::new() };
                token_store::remember(&self.key, set);
                Ok(token)
            }
        }
    }

    /// The newest tokens of an OAuth grant: rotated ones in this instance, else the platform's.
    fn current_oauth(&self, initial: &TokenSet) -> TokenSet {
        token_store::get(&self.key).unwrap_or_else(|| initial.clone())
    }
}

fn check_options(o: Option<CallOptions>) -> Result<Options, Error> {
    let Some(o) = o else { return Ok(Options::default()) };
    let secs = |field: &str, v: Option<u32>, min: u32, max: u32| -> Result<Option<Duration>, Error> {
        match v {
            Some(v) if !(min..=max).contains(&v) => {
                Err(Error::invalid(format!("connection.options.{field}"), format!("must be between {min} and {max}")))
            }
            v => Ok(v.map(|v| Duration::from_secs(v.into()))),
        }
    };
    if o.max_retries.is_some_and(|r| r > 10) {
        return Err(Error::invalid("connection.options.max_retries", "must be between 0 and 10"));
    }
    Ok(Options {
        timeout: secs("timeout_seconds", o.timeout_seconds, 1, 300)?,
        max_retries: o.max_retries,
        max_wait: secs("max_wait_seconds", o.max_wait_seconds, 0, 300)?,
    })
}

fn require(field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(())
}

/// Checks a base URL that credentials are sent to; `default` when absent or blank. Tokens and
/// client secrets travel in its requests, so plain `http://` is refused except to this machine
/// (a local simulator or proxy).
pub(crate) fn base_url(field: &str, value: Option<&str>, default: &str) -> Result<String, Error> {
    let url = web_url(field, value.map(str::trim).filter(|v| !v.is_empty()).unwrap_or(default))?;
    if let Some(rest) = url.strip_prefix("http://") {
        if !is_loopback(rest) {
            return Err(Error::invalid(field, "must be an https:// URL (http:// only to 127.0.0.1 or localhost)"));
        }
    }
    Ok(url)
}

/// Checks an http(s) URL without query or fragment, such as an OAuth redirect URI.
pub(crate) fn web_url(field: &str, url: &str) -> Result<String, Error> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(['?', '#', ' ']) => Ok(url.trim_end_matches('/').to_owned()),
        _ => Err(Error::invalid(field, "must be an http:// or https:// URL without query or fragment")),
    }
}

/// Whether the authority at the start of `rest` (`host[:port][/path]`) names this machine.
fn is_loopback(rest: &str) -> bool {
    let authority = rest.split('/').next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    let host = host.to_ascii_lowercase();
    host == "localhost" || host == "::1" || (host.starts_with("127.") && host.parse::<std::net::Ipv4Addr>().is_ok())
}

#[cfg(test)]
mod tests;
