//! Zoom's OAuth endpoints: the token requests of every grant, the authorize URL with PKCE, and
//! reading the token answer. <https://developers.zoom.us/docs/integrations/oauth/>

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::http::url::{build_url, encode};
use crate::http::{Method, Request, Transport};
use crate::wit::types::TokenSet;

/// A token request: Basic auth with the app's credentials and a form body, as Zoom documents it.
pub(crate) fn token_request(oauth_base: &str, client_id: &str, client_secret: &str, form: &[(&str, &str)]) -> Request {
    let basic = STANDARD.encode(format!("{client_id}:{client_secret}"));
    let body: Vec<String> = form.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    let body = body.join("&");
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

/// Sends a token request and reads the answer. `what` names the grant in errors.
pub(crate) fn request_tokens(transport: &dyn Transport, request: &Request, what: &str) -> Result<TokenSet, Error> {
    let response = transport
        .send(request)
        .map_err(|e| Error::Transport(format!("{what}: the token endpoint could not be reached: {}", e.message)))?;
    if response.status != 200 {
        let body: Value = serde_json::from_slice(&response.body).unwrap_or_default();
        let reason =
            body.get("reason").or_else(|| body.get("message")).and_then(Value::as_str).unwrap_or("no reason given");
        let code = body.get("error").and_then(Value::as_str).map(|e| format!(", {e}")).unwrap_or_default();
        return Err(Error::Unauthorized(format!("{what} was refused (HTTP {}{code}): {reason}", response.status)));
    }
    let body = response.json()?;
    let access_token =
        body.get("access_token").and_then(Value::as_str).filter(|t| !t.is_empty()).ok_or_else(|| {
            Error::Unreadable(format!("{what}: the token endpoint answered 200 without an access_token"))
        })?;
    let expires_in = body.get("expires_in").and_then(Value::as_u64).unwrap_or(3600);
    Ok(TokenSet {
        access_token: access_token.to_owned(),
        refresh_token: body.get("refresh_token").and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_owned),
        expires_at: transport.now_unix() + expires_in,
        scopes: body
            .get("scope")
            .and_then(Value::as_str)
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

/// A refresh grant. Zoom may answer without a `refresh_token` (it did not rotate it): the one
/// sent stays valid then, and dropping it would strand the connection at the next expiry.
pub(crate) fn refresh(
    transport: &dyn Transport,
    oauth_base: &str,
    client_id: &str,
    client_secret: &str,
    refresh_token: &str,
) -> Result<TokenSet, Error> {
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh_token)];
    let request = token_request(oauth_base, client_id, client_secret, &form);
    let mut set = request_tokens(transport, &request, "the OAuth refresh")?;
    if set.refresh_token.is_none() {
        set.refresh_token = Some(refresh_token.to_owned());
    }
    Ok(set)
}

/// The S256 PKCE challenge of a verifier: base64url(SHA-256(verifier)) without padding.
pub(crate) fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// 32 random bytes as base64url: a PKCE verifier (43 characters) or a state value.
pub(crate) fn random_token(bytes: [u8; 32]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `{oauth}/oauth/authorize?response_type=code&client_id=..&redirect_uri=..&state=..&code_challenge=..`.
pub(crate) fn authorize_url(
    oauth_base: &str,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    verifier: &str,
) -> String {
    let query = [
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("state", state),
        ("code_challenge", &pkce_challenge(verifier)),
        ("code_challenge_method", "S256"),
    ];
    let query: Vec<(String, String)> = query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    build_url(oauth_base, "/oauth/authorize", &query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::testing::*;

    #[test]
    fn pkce_matches_rfc_7636_example() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn authorize_url_carries_state_and_challenge() {
        let url = authorize_url("https://zoom.us", "cid", "https://app.example/cb", "st", "v");
        assert!(url.starts_with("https://zoom.us/oauth/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=st&code_challenge="));
        assert!(url.ends_with("&code_challenge_method=S256"));
    }

    #[test]
    fn token_answer_is_read_with_rotation_and_scopes() {
        let t = Scripted::new(vec![answer(
            200,
            r#"{"access_token":"A","refresh_token":"R2","expires_in":60,"scope":"a:b c:d"}"#,
        )]);
        let req =
            token_request("https://zoom.us", "id", "sec", &[("grant_type", "refresh_token"), ("refresh_token", "R1")]);
        assert_eq!(req.body.clone().unwrap(), b"grant_type=refresh_token&refresh_token=R1");
        let set = request_tokens(&t, &req, "refresh").unwrap();
        assert_eq!((set.refresh_token.as_deref(), set.expires_at), (Some("R2"), 1_800_000_060));
        assert_eq!(set.scopes, vec!["a:b", "c:d"]);
    }

    #[test]
    fn a_refresh_without_rotation_keeps_the_refresh_token_sent() {
        let t = Scripted::new(vec![
            answer(200, r#"{"access_token":"A2","expires_in":60}"#),
            answer(200, r#"{"access_token":"A3","refresh_token":"","expires_in":60}"#),
        ]);
        let set = refresh(&t, "https://zoom.us", "id", "sec", "R1").unwrap();
        assert_eq!((set.access_token.as_str(), set.refresh_token.as_deref()), ("A2", Some("R1")));
        let set = refresh(&t, "https://zoom.us", "id", "sec", "R1").unwrap();
        assert_eq!(set.refresh_token.as_deref(), Some("R1"), "an empty refresh_token is no rotation");
    }

    #[test]
    fn refusal_is_unauthorized_with_zooms_reason() {
        let t = Scripted::new(vec![answer(400, r#"{"reason":"Invalid Token!","error":"invalid_grant"}"#)]);
        let req = token_request("https://zoom.us", "id", "sec", &[("grant_type", "refresh_token")]);
        let e = request_tokens(&t, &req, "refresh").unwrap_err();
        assert_eq!(e, Error::Unauthorized("refresh was refused (HTTP 400, invalid_grant): Invalid Token!".into()));
    }
}
