//! The `auth` exports: the authorization-code flow and the token hand-back.

use waki::bindings::wasi::random::random::get_random_bytes;

use super::wasi_transport::WasiTransport;
use super::Component;
use crate::auth::{base_url, web_url, Session, DEFAULT_OAUTH_BASE};
use crate::auth::{oauth, token_store};
use crate::error::Error;
use crate::wit::auth::{Authorization, Guest as Auth, OauthApp, TokenUpdate};
use crate::wit::types::{Connection, TokenSet, ZoomError};

fn random() -> [u8; 32] {
    let bytes = get_random_bytes(32);
    let mut out = [0u8; 32];
    out.copy_from_slice(&bytes[..32]);
    out
}

fn app_base(app: &OauthApp) -> Result<String, Error> {
    if app.client_id.trim().is_empty() {
        return Err(Error::invalid("app.client_id", "is required"));
    }
    if app.client_secret.is_empty() {
        return Err(Error::invalid("app.client_secret", "is required"));
    }
    web_url("app.redirect_uri", app.redirect_uri.trim())?;
    base_url("app.oauth_base_url", app.oauth_base_url.as_deref(), DEFAULT_OAUTH_BASE)
}

fn scrub(e: Error, app: &OauthApp, more: &[&str]) -> ZoomError {
    let mut secrets = vec![app.client_secret.as_str()];
    secrets.extend(more);
    e.scrubbed(&secrets).into()
}

impl Auth for Component {
    fn authorize_url(app: OauthApp, state: Option<String>) -> Result<Authorization, ZoomError> {
        let base = app_base(&app).map_err(|e| scrub(e, &app, &[]))?;
        let state = state.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| oauth::random_token(random()));
        let code_verifier = oauth::random_token(random());
        let url = oauth::authorize_url(&base, app.client_id.trim(), &app.redirect_uri, &state, &code_verifier);
        Ok(Authorization { url, state, code_verifier })
    }

    fn exchange_code(app: OauthApp, code: String, code_verifier: Option<String>) -> Result<TokenSet, ZoomError> {
        let run = || {
            let base = app_base(&app)?;
            if code.trim().is_empty() {
                return Err(Error::invalid("code", "is required"));
            }
            let mut form =
                vec![("grant_type", "authorization_code"), ("code", code.trim()), ("redirect_uri", &app.redirect_uri)];
            if let Some(v) = code_verifier.as_deref().filter(|v| !v.is_empty()) {
                form.push(("code_verifier", v));
            }
            let request = oauth::token_request(&base, app.client_id.trim(), &app.client_secret, &form);
            oauth::request_tokens(&WasiTransport, &request, "the authorization code exchange")
        };
        run().map_err(|e| scrub(e, &app, &[&code, code_verifier.as_deref().unwrap_or("")]))
    }

    fn refresh(app: OauthApp, refresh_token: String) -> Result<TokenSet, ZoomError> {
        let run = || {
            let base = app_base(&app)?;
            if refresh_token.trim().is_empty() {
                return Err(Error::invalid("refresh_token", "is required"));
            }
            oauth::refresh(&WasiTransport, &base, app.client_id.trim(), &app.client_secret, refresh_token.trim())
        };
        run().map_err(|e| scrub(e, &app, &[&refresh_token]))
    }

    fn token_updates() -> Vec<TokenUpdate> {
        token_store::take_updates()
            .into_iter()
            .map(|(connection_key, tokens)| TokenUpdate { connection_key, tokens })
            .collect()
    }

    fn connection_key(conn: Connection) -> String {
        Session::from_connection(&conn).map(|s| s.key().to_owned()).unwrap_or_default()
    }
}
