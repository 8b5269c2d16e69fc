//! The user-level OAuth app (spec/README.md, *OAuth grants and token
//! lifetimes*, the authorization code grant). `GET /oauth/authorize` stands in
//! for Zoom's consent page: the admin (`me`) consents at once and the answer is
//! the 302 back to the app. `POST /oauth/token` then trades the code, and later
//! each refresh token, for an access token. Codes are single-use, live 5
//! minutes and are bound to the redirect URI and the PKCE challenge; every
//! refresh rotates the refresh token, and only the newest one works.

use super::errors;
use super::ids::Rng;
use super::oauth::{self, SimApp};
use super::server::{Request, Response};
use super::store::Store;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// The user-level OAuth app registered on the simulated account.
#[derive(Clone, PartialEq, Eq)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
    /// The only redirect URI `/oauth/authorize` and the code exchange accept.
    pub redirect_uri: String,
}

impl std::fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// The lifetime of an authorization code (error 4733 after it; spec/README.md,
/// *OAuth grants and token lifetimes*).
const CODE_TTL: Duration = Duration::from_secs(300);

/// `code_challenge_method` defaults to `plain` (RFC 7636 §4.3; spec/README.md,
/// *OAuth grants and token lifetimes*).
enum Challenge {
    Plain(String),
    S256(String),
}

struct Code {
    redirect_uri: String,
    challenge: Option<Challenge>,
    expires: Instant,
}

pub(crate) struct UserOAuth {
    pub app: OAuthApp,
    /// Codes not yet presented. Only this app can exchange codes, so the
    /// client binding is the map itself.
    codes: HashMap<String, Code>,
    /// Refresh tokens that still work: the newest of each chain.
    refresh_tokens: HashSet<String>,
}

impl UserOAuth {
    pub(crate) fn new(rng: &mut Rng) -> UserOAuth {
        let app = OAuthApp {
            client_id: rng.alnum(22),
            client_secret: rng.alnum(32),
            // Fixed: nothing ever fetches it, and tests can spell it out.
            redirect_uri: "https://connector.example.com/oauth/zoom/callback".into(),
        };
        UserOAuth { app, codes: HashMap::new(), refresh_tokens: HashSet::new() }
    }
}

fn bad_request(reason: &str) -> Response {
    errors::oauth(400, reason, "invalid_request")
}

fn invalid_grant(reason: &str) -> Response {
    errors::oauth(400, reason, "invalid_grant")
}

/// `GET /oauth/authorize`. The redirect URI is checked before anything that
/// could be reported to it: an unregistered URI must never receive a redirect.
pub(crate) fn authorize(store: &mut Store, req: &Request) -> Response {
    let app = &store.user_oauth.app;
    if req.param("client_id") != Some(app.client_id.as_str()) {
        return bad_request("Invalid client_id");
    }
    if req.param("redirect_uri") != Some(app.redirect_uri.as_str()) {
        return bad_request("Invalid redirect uri");
    }
    if req.param("response_type") != Some("code") {
        return bad_request("Unsupported response_type");
    }
    let challenge = match (req.param("code_challenge").filter(|c| !c.is_empty()), req.param("code_challenge_method")) {
        (None, None) => None,
        (None, Some(_)) => return bad_request("Missing code_challenge"),
        (Some(c), None | Some("plain")) => Some(Challenge::Plain(c.to_string())),
        (Some(c), Some("S256")) => Some(Challenge::S256(c.to_string())),
        (Some(_), Some(_)) => return bad_request("Invalid code_challenge_method"),
    };
    let code = store.rng.alnum(32);
    let redirect_uri = app.redirect_uri.clone();
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    let mut location = format!("{redirect_uri}{sep}code={code}");
    if let Some(state) = req.param("state") {
        location.push_str(&format!("&state={}", crate::percent::encode(state)));
    }
    store.user_oauth.codes.insert(code, Code { redirect_uri, challenge, expires: Instant::now() + CODE_TTL });
    Response { status: 302, headers: Vec::new(), body: Vec::new() }.with_header("Location", location)
}

/// `grant_type=authorization_code`. The code is spent by its first
/// presentation, even a failed one, so a leaked code cannot be retried with
/// guessed verifiers (RFC 7636 §7.1 relies on exactly one attempt).
pub(crate) fn exchange_code(store: &mut Store, req: &Request) -> Response {
    let Some(code) = oauth::param(req, "code").filter(|c| !c.is_empty()) else {
        return bad_request("Missing code");
    };
    let Some(grant) = store.user_oauth.codes.remove(&code) else {
        return invalid_grant("Invalid authorization code");
    };
    if Instant::now() >= grant.expires {
        return invalid_grant("Authorization code is expired");
    }
    // Zoom's 4709 covers a missing redirect_uri as well as a different one.
    if oauth::param(req, "redirect_uri").as_deref() != Some(grant.redirect_uri.as_str()) {
        return invalid_grant("Redirect URI mismatch");
    }
    if let Err(reason) = check_verifier(grant.challenge.as_ref(), oauth::param(req, "code_verifier").as_deref()) {
        return invalid_grant(reason);
    }
    let refresh_token = new_refresh_token(store);
    oauth::issued(store, SimApp::UserOAuth, Some(refresh_token))
}

/// `grant_type=refresh_token`: the presented token stops working and a new
/// one comes with the access token. Access tokens issued earlier stay valid
/// until they expire.
pub(crate) fn refresh(store: &mut Store, req: &Request) -> Response {
    let Some(presented) = oauth::param(req, "refresh_token").filter(|t| !t.is_empty()) else {
        return bad_request("Missing refresh_token");
    };
    if !store.user_oauth.refresh_tokens.remove(&presented) {
        return invalid_grant("Invalid Token!");
    }
    let refresh_token = new_refresh_token(store);
    oauth::issued(store, SimApp::UserOAuth, Some(refresh_token))
}

fn new_refresh_token(store: &mut Store) -> String {
    let token = format!("eyJzdiI6IjAwMDAwMiJ9.{}.{}", store.rng.alnum(64), store.rng.alnum(22));
    store.user_oauth.refresh_tokens.insert(token.clone());
    token
}

/// RFC 7636 §4.6. A verifier for a code issued without a challenge is refused
/// too (as OAuth 2.1 requires): the client and the authorization disagree.
fn check_verifier(challenge: Option<&Challenge>, verifier: Option<&str>) -> Result<(), &'static str> {
    let matches = match (challenge, verifier) {
        (None, None) => true,
        (Some(_), None) => return Err("Missing code_verifier"),
        (None, Some(_)) => false,
        (Some(Challenge::Plain(c)), Some(v)) => c == v,
        (Some(Challenge::S256(c)), Some(v)) => URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == *c,
    };
    if matches {
        Ok(())
    } else {
        Err("Invalid code_verifier")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{find, parse_query};

    fn get(query: &str) -> Request {
        Request {
            method: "GET".into(),
            path: "/oauth/authorize".into(),
            query: parse_query(query),
            headers: vec![],
            body: vec![],
        }
    }

    fn form(body: &str) -> Request {
        Request {
            method: "POST".into(),
            path: "/oauth/token".into(),
            query: vec![],
            headers: vec![],
            body: body.into(),
        }
    }

    fn reason(r: &Response) -> String {
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        format!("{} {}", v["error"].as_str().unwrap(), v["reason"].as_str().unwrap())
    }

    fn code_of(r: &Response) -> String {
        let loc = find(&r.headers, "Location").unwrap();
        let q = parse_query(loc.split_once('?').unwrap().1);
        find(&q, "code").unwrap().to_string()
    }

    #[test]
    fn s256_challenge_is_the_rfc_7636_example() {
        // RFC 7636 Appendix B.
        let c = Challenge::S256("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into());
        assert_eq!(check_verifier(Some(&c), Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")), Ok(()));
        assert_eq!(
            check_verifier(Some(&c), Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK")),
            Err("Invalid code_verifier")
        );
        assert_eq!(check_verifier(Some(&Challenge::Plain("v".into())), Some("v")), Ok(()));
        assert_eq!(check_verifier(None, Some("v")), Err("Invalid code_verifier"));
    }

    #[test]
    fn authorize_rejects_bad_parameters_and_encodes_state() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let app = store.user_oauth.app.clone();
        let base = format!("client_id={}&redirect_uri={}", app.client_id, crate::percent::encode(&app.redirect_uri));
        let cases = [
            (format!("response_type=code&client_id=x&redirect_uri={}", app.redirect_uri), "Invalid client_id"),
            (
                format!("response_type=code&client_id={}&redirect_uri=https://evil.example/", app.client_id),
                "Invalid redirect uri",
            ),
            (
                format!("response_type=code&client_id={}&redirect_uri={}/", app.client_id, app.redirect_uri),
                "Invalid redirect uri",
            ),
            (format!("response_type=token&{base}"), "Unsupported response_type"),
            (format!("response_type=code&{base}&code_challenge_method=S256"), "Missing code_challenge"),
            (
                format!("response_type=code&{base}&code_challenge=abc&code_challenge_method=s256"),
                "Invalid code_challenge_method",
            ),
        ];
        for (q, want) in cases {
            let r = authorize(&mut store, &get(&q));
            assert_eq!((r.status, reason(&r)), (400, format!("invalid_request {want}")), "{q}");
        }
        let r = authorize(&mut store, &get(&format!("response_type=code&{base}&state=a%20b%26c%3D")));
        let loc = find(&r.headers, "Location").unwrap();
        assert!(loc.starts_with(&format!("{}?code=", app.redirect_uri)), "{loc}");
        assert!(loc.ends_with("&state=a%20b%26c%3D"), "{loc}");
        assert_eq!(store.user_oauth.codes.len(), 1);
    }

    #[test]
    fn codes_expire_after_five_minutes_and_bind_the_redirect() {
        let mut store = Store::new("http://127.0.0.1:1".into());
        let app = store.user_oauth.app.clone();
        let q = format!("response_type=code&client_id={}&redirect_uri={}", app.client_id, app.redirect_uri);
        let exchange = |code: &str, redirect: &str| form(&format!("code={code}&redirect_uri={redirect}"));

        let code = code_of(&authorize(&mut store, &get(&q)));
        store.user_oauth.codes.get_mut(&code).unwrap().expires = Instant::now();
        let r = exchange_code(&mut store, &exchange(&code, &app.redirect_uri));
        assert_eq!(reason(&r), "invalid_grant Authorization code is expired");

        let code = code_of(&authorize(&mut store, &get(&q)));
        let r = exchange_code(&mut store, &form(&format!("code={code}")));
        assert_eq!(reason(&r), "invalid_grant Redirect URI mismatch");
        // That failed attempt spent the code.
        let r = exchange_code(&mut store, &exchange(&code, &app.redirect_uri));
        assert_eq!(reason(&r), "invalid_grant Invalid authorization code");

        let code = code_of(&authorize(&mut store, &get(&q)));
        let r = exchange_code(&mut store, &exchange(&code, &app.redirect_uri));
        assert_eq!(r.status, 200);
        assert_eq!(reason(&exchange_code(&mut store, &form("code="))), "invalid_request Missing code");
        assert_eq!(reason(&refresh(&mut store, &form("refresh_token="))), "invalid_request Missing refresh_token");
    }
}
