//! Where the CLI's connection comes from: flags, then environment, then a simulator it starts.

use anyhow::{bail, Result};
use serde_json::{json, Value};

use zoom_runtime::egress::{origin_of, secure_or_local};
use zoom_runtime::{s2s_connection, token_connection};
use zoom_sim::Simulator;

use crate::args::ConnectionFlags;

/// Zoom's public endpoints, used when credentials are given without URLs.
pub const ZOOM_API_URL: &str = "https://api.zoom.us/v2";
pub const ZOOM_OAUTH_URL: &str = "https://zoom.us";

/// A resolved connection and the hosts it may reach. Debug never shows credentials.
pub struct Resolved {
    pub connection: Value,
    pub allowed_hosts: Vec<String>,
    /// Set when no credentials were given and a simulator was started for the call.
    pub simulator: Option<Simulator>,
    pub description: String,
}

impl std::fmt::Debug for Resolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Resolved({})", self.description)
    }
}

/// Reads the connection flags and the `ZOOM_*` environment, in
/// this order of kinds: pasted token, JWT (`ZOOM_API_KEY`/`ZOOM_API_SECRET`), OAuth tokens file
/// (`--oauth-tokens`/`ZOOM_OAUTH_TOKENS`, written by `zoom-host oauth`), Server-to-Server.
/// Secrets come only from the environment. With nothing given, starts a simulator.
pub fn resolve(flags: &ConnectionFlags, env: &dyn Fn(&str) -> Option<String>) -> Result<Resolved> {
    let get = |flag: &Option<String>, var: &str| flag.clone().or_else(|| env(var)).filter(|v| !v.is_empty());
    let api_url = get(&flags.api_url, "ZOOM_API_URL");
    let oauth_url = get(&flags.oauth_url, "ZOOM_OAUTH_URL");
    let token = get(&flags.access_token, "ZOOM_ACCESS_TOKEN");
    let account = get(&flags.account_id, "ZOOM_ACCOUNT_ID");
    let client_id = get(&flags.client_id, "ZOOM_CLIENT_ID");
    let client_secret = env("ZOOM_CLIENT_SECRET").filter(|v| !v.is_empty());
    let api_key = get(&flags.api_key, "ZOOM_API_KEY");
    let api_secret = env("ZOOM_API_SECRET").filter(|v| !v.is_empty());
    let tokens_file = get(&flags.oauth_tokens, "ZOOM_OAUTH_TOKENS");

    let given =
        [&api_url, &oauth_url, &token, &account, &client_id, &api_key, &tokens_file].iter().any(|v| v.is_some());
    if !given {
        let sim = Simulator::start()?;
        let c = sim.credentials();
        let connection =
            s2s_connection(&sim.api_url(), &sim.oauth_url(), &c.account_id, &c.client_id, &c.client_secret);
        let allowed_hosts = hosts(&[&sim.api_url(), &sim.oauth_url()])?;
        let description = format!("server-to-server against the embedded simulator at {}", sim.base_url());
        return Ok(Resolved { connection, allowed_hosts, simulator: Some(sim), description });
    }
    let api_url = api_url.unwrap_or_else(|| ZOOM_API_URL.to_owned());
    if let Some(token) = token {
        let connection = token_connection(&api_url, &token);
        return Ok(Resolved {
            connection,
            allowed_hosts: hosts(&[&api_url])?,
            simulator: None,
            description: format!("access token against {api_url}"),
        });
    }
    if let Some(api_key) = api_key {
        let Some(api_secret) = api_secret else { bail!("a JWT connection needs ZOOM_API_SECRET next to ZOOM_API_KEY") };
        let connection = json!({"jwt": {"api_key": api_key, "api_secret": api_secret, "api_base_url": api_url}});
        let description = format!("legacy JWT app against {api_url}");
        return Ok(Resolved { connection, allowed_hosts: hosts(&[&api_url])?, simulator: None, description });
    }
    let oauth_url = oauth_url.unwrap_or_else(|| ZOOM_OAUTH_URL.to_owned());
    if let Some(path) = tokens_file {
        let Some(client_secret) = client_secret else { bail!("an OAuth connection needs ZOOM_CLIENT_SECRET") };
        let stored = zoom_runtime::token_file::read(std::path::Path::new(&path))?;
        let connection = json!({"oauth": {
            "client_id": stored.client_id, "client_secret": client_secret, "tokens": stored.tokens,
            "oauth_base_url": stored.oauth_url, "api_base_url": stored.api_url,
        }});
        let allowed_hosts = hosts(&[&stored.api_url, &stored.oauth_url])?;
        let description = format!("OAuth user tokens from {path}");
        return Ok(Resolved { connection, allowed_hosts, simulator: None, description });
    }
    let (Some(account), Some(client_id), Some(client_secret)) = (account, client_id, client_secret) else {
        bail!("Server-to-Server OAuth needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (or --access-token / ZOOM_ACCESS_TOKEN)");
    };
    Ok(Resolved {
        connection: s2s_connection(&api_url, &oauth_url, &account, &client_id, &client_secret),
        allowed_hosts: hosts(&[&api_url, &oauth_url])?,
        simulator: None,
        description: format!("server-to-server against {api_url}"),
    })
}

/// The origins a connection may reach. Credentials travel to them, so plain `http://` is refused
/// unless it stays on this machine (a local simulator or proxy).
fn hosts(urls: &[&str]) -> Result<Vec<String>> {
    let mut origins = Vec::new();
    for url in urls {
        let Some(origin) = origin_of(url) else { bail!("{url:?} is not an http:// or https:// URL") };
        if !secure_or_local(&origin) {
            bail!("{url} must be an https:// URL: credentials would travel in clear text (http:// only to 127.0.0.1 or localhost)");
        }
        origins.push(origin);
    }
    Ok(origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_flag_wins_and_allows_only_the_api_host() {
        let flags = ConnectionFlags { access_token: Some("tok".to_owned()), ..ConnectionFlags::default() };
        let r = resolve(&flags, &|_| None).unwrap();
        assert_eq!(r.allowed_hosts, vec!["https://api.zoom.us:443".to_owned()]);
        assert_eq!(r.connection["access_token"]["token"], "tok");
        assert!(!format!("{r:?}").contains("tok\""));
    }

    #[test]
    fn plain_http_bases_are_refused_unless_local() {
        let flags = |url: &str| ConnectionFlags {
            access_token: Some("tok".to_owned()),
            api_url: Some(url.to_owned()),
            ..ConnectionFlags::default()
        };
        let e = resolve(&flags("http://api.zoom.us:443/v2"), &|_| None).unwrap_err();
        assert!(e.to_string().contains("https://"), "{e}");
        let local = resolve(&flags("http://127.0.0.1:9/v2"), &|_| None).unwrap();
        assert_eq!(local.allowed_hosts, vec!["http://127.0.0.1:9".to_owned()]);
    }

    #[test]
    fn jwt_comes_from_key_and_secret_env() {
        let env = |k: &str| match k {
            "ZOOM_API_KEY" => Some("key".to_owned()),
            "ZOOM_API_SECRET" => Some("jwt-secret".to_owned()),
            _ => None,
        };
        let r = resolve(&ConnectionFlags::default(), &env).unwrap();
        assert_eq!(r.connection["jwt"]["api_key"], "key");
        assert!(!format!("{r:?}").contains("jwt-secret"));
    }

    #[test]
    fn partial_s2s_credentials_are_refused_by_name() {
        let env = |k: &str| (k == "ZOOM_ACCOUNT_ID").then(|| "acc".to_owned());
        let e = resolve(&ConnectionFlags::default(), &env).unwrap_err();
        assert!(e.to_string().contains("ZOOM_CLIENT_SECRET"));
    }
}
