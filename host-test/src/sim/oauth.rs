//! Server-to-Server OAuth (`grant_type=account_credentials`, FACTS §2) and the
//! bearer check every `/v2` route runs first.

use super::errors;
use super::ids::Rng;
use super::scopes;
use super::server::{parse_query, Request, Response};
use super::store::Store;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub(crate) struct Tokens {
    ttl: Duration,
    expires: HashMap<String, Instant>,
    /// Only tokens minted with an explicit list are here; the rest carry
    /// every scope, like the S2S app the simulator plays.
    scopes: HashMap<String, Vec<String>>,
}

pub(crate) enum TokenState {
    Valid,
    Expired,
    Unknown,
}

impl Tokens {
    pub(crate) fn new() -> Tokens {
        Tokens { ttl: Duration::from_secs(3600), expires: HashMap::new(), scopes: HashMap::new() }
    }

    pub(crate) fn ttl_secs(&self) -> u64 {
        self.ttl.as_secs()
    }

    pub(crate) fn set_ttl(&mut self, secs: u64) {
        self.ttl = Duration::from_secs(secs);
    }

    /// Several tokens may be valid at once, as with real S2S apps.
    pub(crate) fn issue(&mut self, rng: &mut Rng) -> String {
        let token = format!("eyJzdiI6IjAwMDAwMiJ9.{}.{}", rng.alnum(48), rng.alnum(22));
        self.expires.insert(token.clone(), Instant::now() + self.ttl);
        token
    }

    pub(crate) fn issue_scoped(&mut self, rng: &mut Rng, scopes: &[&str]) -> String {
        let token = self.issue(rng);
        self.scopes.insert(token.clone(), scopes.iter().map(|s| s.to_string()).collect());
        token
    }

    /// `None` means the token carries every scope.
    pub(crate) fn scopes(&self, token: &str) -> Option<&[String]> {
        self.scopes.get(token).map(Vec::as_slice)
    }

    pub(crate) fn expire_all(&mut self) {
        let now = Instant::now();
        for exp in self.expires.values_mut() {
            *exp = now;
        }
    }

    pub(crate) fn state(&self, token: &str) -> TokenState {
        match self.expires.get(token) {
            None => TokenState::Unknown,
            Some(exp) if Instant::now() >= *exp => TokenState::Expired,
            Some(_) => TokenState::Valid,
        }
    }
}

/// `POST /oauth/token`. Checks in Zoom's order: client credentials (401),
/// then grant type, then account (400). Parameters may come in a form body or
/// in the query string; the body wins when both carry one.
pub(crate) fn token(store: &mut Store, req: &Request) -> Response {
    if !basic_auth_ok(store, req.header("authorization")) {
        return errors::oauth(401, "Invalid client_id or client_secret", "invalid_client");
    }
    let form = parse_query(&String::from_utf8_lossy(&req.body));
    let param = |name: &str| form.iter().chain(req.query.iter()).find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if param("grant_type").as_deref() != Some("account_credentials") {
        return errors::oauth(400, "Unsupported grant type", "unsupported_grant_type");
    }
    if param("account_id").as_deref() != Some(store.creds.account_id.as_str()) {
        return errors::oauth(400, "Invalid account_id", "invalid_request");
    }
    let access_token = store.tokens.issue(&mut store.rng);
    Response::json(
        200,
        &json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": store.tokens.ttl_secs(),
            "scope": scopes::granted().join(" "),
            "api_url": store.base_url,
        }),
    )
}

fn basic_auth_ok(store: &Store, header: Option<&str>) -> bool {
    let Some(h) = header else { return false };
    let Some((scheme, b64)) = h.split_once(' ') else { return false };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(raw) = STANDARD.decode(b64.trim()) else { return false };
    let Ok(text) = String::from_utf8(raw) else { return false };
    text.split_once(':').is_some_and(|(id, secret)| id == store.creds.client_id && secret == store.creds.client_secret)
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer(req: &Request) -> Option<&str> {
    req.header("authorization")
        .and_then(|h| h.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty())
}

/// Bearer check for `/v2/*`. Zoom answers all three failures with code 124.
pub(crate) fn authorize(store: &Store, req: &Request) -> Result<(), Response> {
    let Some(token) = bearer(req) else {
        return Err(errors::zoom(401, 124, "Access token is required."));
    };
    match store.tokens.state(token) {
        TokenState::Valid => Ok(()),
        TokenState::Expired => Err(errors::zoom(401, 124, "Access token is expired.")),
        TokenState::Unknown => Err(errors::zoom(401, 124, "Invalid access token.")),
    }
}

/// The request-log copy of a token form body: values that are secrets in some
/// grant (S2S never sends them, but other clients might) become `[redacted]`.
pub(crate) fn redact_form(body: &str) -> String {
    const SECRET: &[&str] = &["client_secret", "refresh_token", "code", "code_verifier", "password", "access_token"];
    body.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET.contains(&k) => format!("{k}=[redacted]"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::server::Request;

    fn req(auth: Option<String>, body: &str, query: &str) -> Request {
        Request {
            method: "POST".into(),
            path: "/oauth/token".into(),
            query: parse_query(query),
            headers: auth.map(|a| vec![("authorization".to_string(), a)]).unwrap_or_default(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn call(store: &mut Store, r: Request) -> (u16, serde_json::Value) {
        let resp = token(store, &r);
        (resp.status, serde_json::from_slice(&resp.body).unwrap())
    }

    #[test]
    fn token_endpoint_checks_client_then_grant_then_account() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let good =
            format!("Basic {}", STANDARD.encode(format!("{}:{}", store.creds.client_id, store.creds.client_secret)));
        let wrong = format!("Basic {}", STANDARD.encode(format!("{}:nope", store.creds.client_id)));
        let form = format!("grant_type=account_credentials&account_id={}", store.creds.account_id);

        let (s, b) = call(&mut store, req(None, &form, ""));
        assert_eq!((s, b["error"].as_str()), (401, Some("invalid_client")));
        let (s, _) = call(&mut store, req(Some(wrong), &form, ""));
        assert_eq!(s, 401);
        let (s, b) = call(&mut store, req(Some(good.clone()), "grant_type=client_credentials", ""));
        assert_eq!((s, b["error"].as_str()), (400, Some("unsupported_grant_type")));
        let (s, b) = call(&mut store, req(Some(good.clone()), "grant_type=account_credentials&account_id=x", ""));
        assert_eq!((s, b["error"].as_str()), (400, Some("invalid_request")));

        let (s, b) = call(&mut store, req(Some(good.clone()), &form, ""));
        assert_eq!(s, 200);
        assert_eq!(b["token_type"], "bearer");
        assert_eq!(b["expires_in"], 3600);
        assert!(b["scope"].as_str().unwrap().contains("meeting:write:registrant:admin"));
        // Query-string form is accepted too.
        let (s, _) = call(&mut store, req(Some(good), "", &form));
        assert_eq!(s, 200);
    }

    #[test]
    fn bearer_states() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let t = store.tokens.issue(&mut store.rng);
        let with = |h: &str| Request {
            method: "GET".into(),
            path: "/v2/users".into(),
            query: vec![],
            headers: vec![("authorization".into(), h.into())],
            body: vec![],
        };
        let msg = |r: Result<(), Response>| {
            let v: serde_json::Value = serde_json::from_slice(&r.err().unwrap().body).unwrap();
            v["message"].as_str().unwrap().to_string()
        };
        assert!(authorize(&store, &with(&format!("Bearer {t}"))).is_ok());
        assert_eq!(msg(authorize(&store, &with("Bearer "))), "Access token is required.");
        assert_eq!(msg(authorize(&store, &with("Bearer abc"))), "Invalid access token.");
        store.tokens.expire_all();
        assert_eq!(msg(authorize(&store, &with(&format!("Bearer {t}")))), "Access token is expired.");
    }

    #[test]
    fn redacts_secret_form_values_only() {
        assert_eq!(
            redact_form("grant_type=refresh_token&refresh_token=abc&client_secret=s&account_id=a"),
            "grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]&account_id=a"
        );
    }
}
