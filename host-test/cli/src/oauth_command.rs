//! `zoom-host oauth`: the authorization-code flow from the command line, and keeping rotated
//! tokens in the tokens file after every `call`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use zoom_host::connection::{Resolved, ZOOM_API_URL};
use zoom_host::oauth_flow::{self, Flow};
use zoom_runtime::egress::authority_of;
use zoom_runtime::token_file::{self, mask, Stored};
use zoom_runtime::{Connector, Limits, Outcome, AUTH};
use zoom_sim::Simulator;

/// Without `ZOOM_OAUTH_URL` the flow runs against a simulator started for it; with it, against
/// that server using `ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET` and `ZOOM_REDIRECT_URI`.
pub async fn run(store: &str, code: Option<&str>, verifier: Option<&str>) -> Result<ExitCode> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let store = PathBuf::from(store);
    let sim;
    let (client_id, client_secret, redirect_uri, oauth_url, api_url) = match env("ZOOM_OAUTH_URL") {
        None => {
            sim = Simulator::start()?;
            let app = sim.oauth_app();
            println!("OAuth flow against the embedded simulator at {}", sim.base_url());
            (app.client_id, app.client_secret, app.redirect_uri, sim.oauth_url(), sim.api_url())
        }
        Some(oauth_url) => (
            env("ZOOM_CLIENT_ID").context("ZOOM_CLIENT_ID is required")?,
            env("ZOOM_CLIENT_SECRET").context("ZOOM_CLIENT_SECRET is required")?,
            env("ZOOM_REDIRECT_URI").context("ZOOM_REDIRECT_URI is required")?,
            oauth_url,
            env("ZOOM_API_URL").unwrap_or_else(|| ZOOM_API_URL.to_owned()),
        ),
    };
    let hosts: Vec<String> = [&oauth_url, &api_url].iter().filter_map(|u| authority_of(u)).collect();
    let runtime = zoom_host::runtime(Limits { allowed_hosts: hosts, ..Limits::default() })?;
    let mut connector = runtime.instantiate().await?;
    let app = oauth_flow::app(&client_id, &client_secret, &redirect_uri, &oauth_url);
    let tokens = match (code, verifier) {
        (Some(code), Some(verifier)) => oauth_flow::exchange(&mut connector, &app, code, verifier).await?,
        (Some(_), None) | (None, Some(_)) => bail!("--code and --verifier go together"),
        (None, None) => match oauth_flow::authorize(&mut connector, &app).await? {
            Flow::Authorized { tokens } => tokens,
            Flow::NeedsUser { url, state, code_verifier } => {
                println!("Open this URL, approve the app, and copy the `code` from the redirect:\n{url}");
                println!("state (compare with the redirect's): {state}");
                println!("then run: zoom-host oauth --code <code> --verifier {code_verifier}");
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    let stored = Stored { client_id, oauth_url, api_url, tokens };
    token_file::write(&store, &stored)?;
    print_stored(&store, &stored);
    let conn = oauth_connection(&stored, &client_secret);
    match connector.action("test-connection", &conn, &Value::Null).await? {
        Outcome::Ok(me) => println!(
            "test-connection: {} via {}",
            me["email"].as_str().unwrap_or(""),
            me["connection_kind"].as_str().unwrap_or("")
        ),
        Outcome::Err(e) => bail!("test-connection with the new tokens failed: {e}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn oauth_connection(stored: &Stored, client_secret: &str) -> Value {
    serde_json::json!({"oauth": {
        "client_id": stored.client_id, "client_secret": client_secret, "tokens": stored.tokens,
        "oauth_base_url": stored.oauth_url, "api_base_url": stored.api_url,
    }})
}

fn print_stored(path: &std::path::Path, stored: &Stored) {
    let t = &stored.tokens;
    println!("stored tokens in {} (mode 600):", path.display());
    println!("  access_token:  {}", mask(t["access_token"].as_str().unwrap_or("")));
    println!("  refresh_token: {}", mask(t["refresh_token"].as_str().unwrap_or("")));
    println!("  expires_at:    {}", t["expires_at"]);
    println!("  scopes:        {} granted", t["scopes"].as_array().map(Vec::len).unwrap_or(0));
}

/// After a `call` on an OAuth tokens file, writes back tokens the component rotated, so the old
/// refresh token (which Zoom has now revoked) is never used again.
pub async fn persist_rotation(connector: &mut Connector, resolved: &Resolved, tokens_file: Option<&str>) -> Result<()> {
    let Some(path) = tokens_file.map(str::to_owned).or_else(|| std::env::var("ZOOM_OAUTH_TOKENS").ok()) else {
        return Ok(());
    };
    if resolved.connection.get("oauth").is_none() {
        return Ok(());
    }
    let key = match connector.call(AUTH, "connection-key", std::slice::from_ref(&resolved.connection)).await? {
        Outcome::Ok(Value::String(k)) => k,
        _ => return Ok(()),
    };
    let updates = connector.token_updates().await?;
    if let Some(update) = updates.iter().rev().find(|u| u["connection_key"] == key.as_str()) {
        let path = PathBuf::from(path);
        let mut stored = token_file::read(&path)?;
        stored.tokens = update["tokens"].clone();
        token_file::write(&path, &stored)?;
        eprintln!("rotated OAuth tokens written to {}", path.display());
    }
    Ok(())
}
