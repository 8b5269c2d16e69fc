//! Turning a connection into a bearer token.
//!
//! Server-to-Server tokens are cached inside the instance until shortly before they expire, keyed
//! by a hash of the credentials so the cache never holds a secret as a key.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::http::{build_url, Method, Request, Transport};
use crate::types::Connection;

/// Zoom's defaults, used when a connection leaves the URLs out.
pub const DEFAULT_OAUTH_BASE: &str = "https://zoom.us";
pub const DEFAULT_API_BASE: &str = "https://api.zoom.us/v2";

/// Renew this long before Zoom's expiry, so a token never dies in flight.
const SAFETY_MARGIN_SECS: u64 = 60;

static TOKEN_CACHE: Mutex<Option<HashMap<String, CachedToken>>> = Mutex::new(None);

#[derive(Clone)]
struct CachedToken {
    token: String,
    expires_at: u64,
}

#[derive(Clone)]
enum Kind {
    Bearer(String),
    ServerToServer { oauth_base: String, account_id: String, client_id: String, client_secret: String },
}

/// One connection's way to authenticate. Debug shows the kind and URLs only.
#[derive(Clone)]
pub struct Session {
    kind: Kind,
    api_base: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Session({}, {})", self.kind_name(), self.api_base)
    }
}

impl Session {
    /// A session that sends a fixed bearer token.
    pub fn bearer(token: &str, api_base: &str) -> Self {
        Session { kind: Kind::Bearer(token.to_owned()), api_base: api_base.trim_end_matches('/').to_owned() }
    }

    /// Checks a connection's fields and builds its session.
    pub fn from_connection(conn: &Connection) -> Result<Self, Error> {
        match conn {
            Connection::AccessToken(c) => {
                require("connection.token", &c.token)?;
                let api_base = base_url("connection.api_base_url", c.api_base_url.as_deref(), DEFAULT_API_BASE)?;
                Ok(Session { kind: Kind::Bearer(c.token.trim().to_owned()), api_base })
            }
            Connection::ServerToServer(c) => {
                require("connection.account_id", &c.account_id)?;
                require("connection.client_id", &c.client_id)?;
                require("connection.client_secret", &c.client_secret)?;
                Ok(Session {
                    kind: Kind::ServerToServer {
                        oauth_base: base_url(
                            "connection.oauth_base_url",
                            c.oauth_base_url.as_deref(),
                            DEFAULT_OAUTH_BASE,
                        )?,
                        account_id: c.account_id.trim().to_owned(),
                        client_id: c.client_id.trim().to_owned(),
                        client_secret: c.client_secret.clone(),
                    },
                    api_base: base_url("connection.api_base_url", c.api_base_url.as_deref(), DEFAULT_API_BASE)?,
                })
            }
        }
    }

    /// The REST API base URL, without a trailing slash.
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// `server-to-server` or `access-token`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Bearer(_) => "access-token",
            Kind::ServerToServer { .. } => "server-to-server",
        }
    }

    /// Every secret this session holds (credentials and any cached token), for scrubbing errors.
    pub fn secrets(&self) -> Vec<String> {
        match &self.kind {
            Kind::Bearer(t) => vec![t.clone()],
            Kind::ServerToServer { client_secret, .. } => {
                let mut s = vec![client_secret.clone()];
                if let Some(c) = cache_get(&self.cache_key()) {
                    s.push(c.token);
                }
                s
            }
        }
    }

    /// Whether a rejected token can be replaced by a fresh one.
    pub fn can_renew(&self) -> bool {
        matches!(self.kind, Kind::ServerToServer { .. })
    }

    /// Drops the cached token so the next call fetches a new one.
    pub fn forget_token(&self) {
        if let Ok(mut cache) = TOKEN_CACHE.lock() {
            if let Some(map) = cache.as_mut() {
                map.remove(&self.cache_key());
            }
        }
    }

    /// A token valid for at least the safety margin.
    pub fn token(&self, transport: &dyn Transport) -> Result<String, Error> {
        let Kind::ServerToServer { oauth_base, account_id, client_id, client_secret } = &self.kind else {
            let Kind::Bearer(token) = &self.kind else { unreachable!() };
            return Ok(token.clone());
        };
        let now = transport.now_unix();
        let key = self.cache_key();
        if let Some(cached) = cache_get(&key).filter(|c| c.expires_at > now + SAFETY_MARGIN_SECS) {
            return Ok(cached.token);
        }
        let request = token_request(oauth_base, account_id, client_id, client_secret);
        let response = transport.send(&request).map_err(|e| {
            Error::Transport(format!("token request to {oauth_base}/oauth/token failed: {}", e.message))
        })?;
        if response.status != 200 {
            let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap_or_default();
            let reason = body
                .get("reason")
                .or_else(|| body.get("message"))
                .and_then(|r| r.as_str())
                .unwrap_or("no reason given");
            let error = body.get("error").and_then(|r| r.as_str()).unwrap_or("");
            return Err(Error::Unauthorized(format!(
                "the token endpoint refused the Server-to-Server credentials (HTTP {}{}{}): {reason}",
                response.status,
                if error.is_empty() { "" } else { ", " },
                error
            )));
        }
        let body = response.json()?;
        let token =
            body.get("access_token").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).ok_or_else(|| {
                Error::Transport("the token endpoint answered 200 without an access_token".to_owned())
            })?;
        let expires_in = body.get("expires_in").and_then(|e| e.as_u64()).unwrap_or(3600);
        cache_put(key, CachedToken { token: token.to_owned(), expires_at: now + expires_in });
        Ok(token.to_owned())
    }

    fn cache_key(&self) -> String {
        let mut h = Sha256::new();
        match &self.kind {
            Kind::Bearer(t) => h.update(t.as_bytes()),
            Kind::ServerToServer { oauth_base, account_id, client_id, client_secret } => {
                for part in [oauth_base, account_id, client_id, client_secret] {
                    h.update(part.as_bytes());
                    h.update([0]);
                }
            }
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The S2S token request: Basic auth and a form body, as Zoom documents it.
pub fn token_request(oauth_base: &str, account_id: &str, client_id: &str, client_secret: &str) -> Request {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{client_secret}"));
    let body = format!("grant_type=account_credentials&account_id={}", crate::http::encode(account_id));
    Request {
        method: Method::Post,
        url: build_url(oauth_base, "/oauth/token", &[]),
        headers: vec![
            ("authorization".to_owned(), format!("Basic {basic}")),
            ("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
            ("content-length".to_owned(), body.len().to_string()),
        ],
        body: Some(body.into_bytes()),
        timeout: None,
    }
}

fn cache_get(key: &str) -> Option<CachedToken> {
    TOKEN_CACHE.lock().ok()?.as_ref()?.get(key).cloned()
}

fn cache_put(key: String, token: CachedToken) {
    if let Ok(mut cache) = TOKEN_CACHE.lock() {
        cache.get_or_insert_with(HashMap::new).insert(key, token);
    }
}

fn require(field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(())
}

fn base_url(field: &str, value: Option<&str>, default: &str) -> Result<String, Error> {
    let url = value.map(str::trim).filter(|v| !v.is_empty()).unwrap_or(default);
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(['?', '#', ' ']) => Ok(url.trim_end_matches('/').to_owned()),
        _ => Err(Error::invalid(field, "must be an http:// or https:// URL without query or fragment")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::testing::*;
    use crate::types::{AccessToken, ServerToServer};

    fn s2s(secret: &str) -> Connection {
        Connection::ServerToServer(ServerToServer {
            account_id: "acc".into(),
            client_id: "cid".into(),
            client_secret: secret.into(),
            oauth_base_url: Some("http://127.0.0.1:9".into()),
            api_base_url: None,
        })
    }

    #[test]
    fn token_request_uses_basic_auth_and_form_body() {
        let r = token_request("https://zoom.us", "a c", "id", "sec");
        assert_eq!(r.url, "https://zoom.us/oauth/token");
        assert!(r.headers.contains(&("authorization".into(), "Basic aWQ6c2Vj".into())));
        assert_eq!(r.body.unwrap(), b"grant_type=account_credentials&account_id=a%20c");
    }

    #[test]
    fn s2s_token_is_fetched_once_then_cached() {
        let t = Scripted::new(vec![answer(200, r#"{"access_token":"T1","expires_in":3600}"#)]);
        let s = Session::from_connection(&s2s("cache-test-secret")).unwrap();
        assert_eq!(s.token(&t).unwrap(), "T1");
        assert_eq!(s.token(&t).unwrap(), "T1");
        assert_eq!(t.sent.borrow().len(), 1);
        s.forget_token();
    }

    #[test]
    fn refused_credentials_are_unauthorized_without_the_secret() {
        let t = Scripted::new(vec![answer(
            401,
            r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
        )]);
        let s = Session::from_connection(&s2s("refused-secret")).unwrap();
        let e = s.token(&t).unwrap_err();
        assert!(matches!(&e, Error::Unauthorized(m) if m.contains("invalid_client")), "{e}");
        assert!(!format!("{e:?}{s:?}").contains("refused-secret"));
    }

    #[test]
    fn empty_fields_and_bad_urls_are_named() {
        let bad = Connection::AccessToken(AccessToken { token: " ".into(), api_base_url: None });
        assert_eq!(Session::from_connection(&bad).unwrap_err(), Error::invalid("connection.token", "is required"));
        let bad = Connection::AccessToken(AccessToken { token: "t".into(), api_base_url: Some("ftp://x".into()) });
        assert!(
            matches!(Session::from_connection(&bad), Err(Error::InvalidInput { field, .. }) if field == "connection.api_base_url")
        );
    }
}
