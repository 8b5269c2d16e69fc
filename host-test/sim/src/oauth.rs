//! The token endpoint and the bearer check every `/v2` route runs first. Two
//! apps share `POST /oauth/token` (spec/README.md, *OAuth grants and token
//! lifetimes*): the Server-to-Server app (`grant_type=account_credentials`) and
//! a user-level OAuth app (`authorization_code` and `refresh_token`, in
//! `user_oauth`). The Basic credentials pick the app, and each app may use only
//! its own grants. A bearer token the endpoint never issued may still be a
//! legacy JWT (`jwt`).

use super::errors;
use super::ids::Rng;
use super::scopes;
use super::server::{parse_query, Request, Response};
use super::store::Store;
use super::{clock, user_oauth};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The OAuth apps the simulated account has installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SimApp {
    /// Client credentials from `Simulator::credentials`; `account_credentials` grant.
    ServerToServer,
    /// Client credentials from `Simulator::oauth_app`; authorization code and refresh grants.
    UserOAuth,
}

pub(crate) struct Tokens {
    ttl: Duration,
    expires: HashMap<String, Instant>,
    /// Only tokens minted with an explicit list, or issued to an app whose
    /// scopes were set, are here; the rest carry every scope.
    scopes: HashMap<String, Vec<String>>,
    /// What `set_app_scopes` configured; an app without an entry has every scope.
    app_scopes: HashMap<SimApp, Vec<String>>,
}

pub(crate) enum TokenState {
    Valid,
    Expired,
    Unknown,
}

impl Tokens {
    pub(crate) fn new() -> Tokens {
        Tokens {
            ttl: Duration::from_secs(3600),
            expires: HashMap::new(),
            scopes: HashMap::new(),
            app_scopes: HashMap::new(),
        }
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

    /// A token with every scope for one in-process admin request, valid
    /// whatever the TTL is set to; `revoke` it afterwards.
    pub(crate) fn issue_internal(&mut self, rng: &mut Rng) -> String {
        let token = format!("eyJzdiI6IjAwMDAwMiJ9.{}.{}", rng.alnum(48), rng.alnum(22));
        self.expires.insert(token.clone(), Instant::now() + Duration::from_secs(60));
        token
    }

    pub(crate) fn revoke(&mut self, token: &str) {
        self.expires.remove(token);
        self.scopes.remove(token);
    }

    pub(crate) fn issue_scoped(&mut self, rng: &mut Rng, scopes: &[&str]) -> String {
        let token = self.issue(rng);
        self.scopes.insert(token.clone(), scopes.iter().map(|s| s.to_string()).collect());
        token
    }

    /// Tokens already issued keep the scopes they were issued with, as on
    /// Zoom, where changing an app's scopes does not touch live tokens.
    pub(crate) fn set_app_scopes(&mut self, app: SimApp, scopes: &[&str]) {
        self.app_scopes.insert(app, scopes.iter().map(|s| s.to_string()).collect());
    }

    /// A token holding `app`'s scopes as configured now, and the `scope`
    /// value (space-separated) the token answer reports for it.
    pub(crate) fn issue_for(&mut self, rng: &mut Rng, app: SimApp) -> (String, String) {
        let token = self.issue(rng);
        let Some(list) = self.app_scopes.get(&app).cloned() else {
            return (token, scopes::granted().join(" "));
        };
        let scope = list.join(" ");
        self.scopes.insert(token.clone(), list);
        (token, scope)
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
/// then grant type, then the grant's own parameters (400).
pub(crate) fn token(store: &mut Store, req: &Request) -> Response {
    let Some(app) = client_app(store, req.header("authorization")) else {
        return errors::oauth(401, "Invalid client_id or client_secret", "invalid_client");
    };
    match (param(req, "grant_type").as_deref(), app) {
        (Some("account_credentials"), SimApp::ServerToServer) => account_credentials(store, req),
        (Some("authorization_code"), SimApp::UserOAuth) => user_oauth::exchange_code(store, req),
        (Some("refresh_token"), SimApp::UserOAuth) => user_oauth::refresh(store, req),
        // A grant Zoom knows, presented by the other app: RFC 6749 §5.2.
        (Some("account_credentials" | "authorization_code" | "refresh_token"), _) => {
            errors::oauth(400, "The client is not authorized to use this grant type", "unauthorized_client")
        }
        _ => errors::oauth(400, "Unsupported grant type", "unsupported_grant_type"),
    }
}

/// A token-endpoint parameter. The docs allow a form body or the query
/// string; the body wins when both carry one.
pub(crate) fn param(req: &Request, name: &str) -> Option<String> {
    let form = parse_query(&String::from_utf8_lossy(&req.body));
    form.into_iter().chain(req.query.iter().cloned()).find(|(k, _)| k == name).map(|(_, v)| v)
}

fn account_credentials(store: &mut Store, req: &Request) -> Response {
    if param(req, "account_id").as_deref() != Some(store.creds.account_id.as_str()) {
        return errors::oauth(400, "Invalid account_id", "invalid_request");
    }
    issued(store, SimApp::ServerToServer, None)
}

/// The 200 token answer with a fresh access token for `app`; user-level
/// grants add their (already rotated) refresh token.
pub(crate) fn issued(store: &mut Store, app: SimApp, refresh_token: Option<String>) -> Response {
    let (access_token, scope) = store.tokens.issue_for(&mut store.rng, app);
    let mut body = json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": store.tokens.ttl_secs(),
        "scope": scope,
        "api_url": store.base_url,
    });
    if let Some(r) = refresh_token {
        body["refresh_token"] = json!(r);
    }
    Response::json(200, &body)
}

/// Which app the Basic credentials belong to, if any.
fn client_app(store: &Store, header: Option<&str>) -> Option<SimApp> {
    let (scheme, b64) = header?.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let text = String::from_utf8(STANDARD.decode(b64.trim()).ok()?).ok()?;
    let pair = text.split_once(':')?;
    let user = &store.user_oauth.app;
    if pair == (store.creds.client_id.as_str(), store.creds.client_secret.as_str()) {
        Some(SimApp::ServerToServer)
    } else if pair == (user.client_id.as_str(), user.client_secret.as_str()) {
        Some(SimApp::UserOAuth)
    } else {
        None
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer(req: &Request) -> Option<&str> {
    req.header("authorization")
        .and_then(|h| h.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty())
}

/// Bearer check for `/v2/*`. Zoom answers all three failures with code 124,
/// for OAuth tokens and legacy JWTs alike.
pub(crate) fn authorize(store: &Store, req: &Request) -> Result<(), Response> {
    let Some(token) = bearer(req) else {
        return Err(errors::zoom(401, 124, "Access token is required."));
    };
    let state = match store.tokens.state(token) {
        TokenState::Unknown => store.jwt.state(token, clock::now_secs()),
        known => known,
    };
    match state {
        TokenState::Valid => Ok(()),
        TokenState::Expired => Err(errors::zoom(401, 124, "Access token is expired.")),
        TokenState::Unknown => Err(errors::zoom(401, 124, "Invalid access token.")),
    }
}

/// The request-log copy of a token form body: values that are secrets in some
/// grant (S2S never sends them, user-level grants do) become `[redacted]`.
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
    use crate::server::Request;

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
    fn each_app_uses_only_its_own_grants() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let basic = |id: &str, secret: &str| Some(format!("Basic {}", STANDARD.encode(format!("{id}:{secret}"))));
        let s2s = basic(&store.creds.client_id, &store.creds.client_secret);
        let app = store.user_oauth.app.clone();
        let user = basic(&app.client_id, &app.client_secret);
        let s2s_form = format!("grant_type=account_credentials&account_id={}", store.creds.account_id);

        let (s, b) = call(&mut store, req(user.clone(), &s2s_form, ""));
        assert_eq!((s, b["error"].as_str()), (400, Some("unauthorized_client")));
        for form in ["grant_type=authorization_code&code=x", "grant_type=refresh_token&refresh_token=x"] {
            let (s, b) = call(&mut store, req(s2s.clone(), form, ""));
            assert_eq!((s, b["error"].as_str()), (400, Some("unauthorized_client")), "{form}");
        }
        // One app's id with the other's secret is no client at all.
        let mixed = basic(&app.client_id, &store.creds.client_secret);
        let (s, _) = call(&mut store, req(mixed, &s2s_form, ""));
        assert_eq!(s, 401);
        let (s, b) = call(&mut store, req(user, "grant_type=client_credentials", ""));
        assert_eq!((s, b["error"].as_str()), (400, Some("unsupported_grant_type")));
    }

    #[test]
    fn app_scopes_apply_to_tokens_issued_afterwards() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let (before, _) = store.tokens.issue_for(&mut store.rng, SimApp::UserOAuth);
        store.tokens.set_app_scopes(SimApp::UserOAuth, &["user:read:user", "meeting:read:meeting"]);
        let (after, scope) = store.tokens.issue_for(&mut store.rng, SimApp::UserOAuth);
        assert_eq!(scope, "user:read:user meeting:read:meeting");
        assert_eq!(store.tokens.scopes(&before), None);
        assert_eq!(store.tokens.scopes(&after).map(<[String]>::len), Some(2));
        let (s2s, scope) = store.tokens.issue_for(&mut store.rng, SimApp::ServerToServer);
        assert_eq!((store.tokens.scopes(&s2s), scope), (None, scopes::granted().join(" ")));
    }

    #[test]
    fn redacts_secret_form_values_only() {
        assert_eq!(
            redact_form("grant_type=refresh_token&refresh_token=abc&client_secret=s&account_id=a"),
            "grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]&account_id=a"
        );
    }
}
