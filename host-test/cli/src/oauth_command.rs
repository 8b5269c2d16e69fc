//! `zoom-host oauth`: the authorization-code flow from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use zoom_host::connection::ZOOM_API_URL;
use zoom_host::oauth_flow::{self, Flow};
use zoom_runtime::egress::origin_of;
use zoom_runtime::token_file::{self, mask, Stored};
use zoom_runtime::{Limits, Outcome};
use zoom_sim::Simulator;

use zoom_host::oauth_pending as pending;

/// The `oauth` command's flags, each also readable from the environment so the code and the
/// verifier need not appear on the command line (and in shell history).
pub struct OauthArgs {
    pub store: String,
    /// The code from the redirect; `-` reads it from standard input.
    pub code: Option<String>,
    /// The redirect's `state`, compared with the one the flow started with.
    pub state: Option<String>,
    pub verifier: Option<String>,
}

/// Without `ZOOM_OAUTH_URL` the flow runs against a simulator started for it; with it, against
/// that server using `ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET` and `ZOOM_REDIRECT_URI`.
pub async fn run(args: OauthArgs) -> Result<ExitCode> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let store = PathBuf::from(&args.store);
    let code = match args.code.or_else(|| env("ZOOM_OAUTH_CODE")) {
        Some(dash) if dash == "-" => Some(read_stdin_line().context("reading the code from standard input")?),
        other => other,
    };
    let state = args.state.or_else(|| env("ZOOM_OAUTH_STATE"));
    let verifier = args.verifier.or_else(|| env("ZOOM_OAUTH_VERIFIER"));
    if code.is_none() && (state.is_some() || verifier.is_some()) {
        bail!("--state and --verifier go with --code (the code from the redirect)");
    }
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
    let hosts: Vec<String> = [&oauth_url, &api_url].iter().filter_map(|u| origin_of(u)).collect();
    let runtime = zoom_host::runtime(Limits { allowed_hosts: hosts, ..Limits::default() })?;
    let mut connector = runtime.instantiate().await?;
    let app = oauth_flow::app(&client_id, &client_secret, &redirect_uri, &oauth_url);
    let tokens = match code {
        Some(code) => {
            let verifier = pending::checked_verifier(&store, state.as_deref(), verifier)?;
            let tokens = match oauth_flow::exchange(&mut connector, &app, &code, &verifier).await {
                Ok(tokens) => tokens,
                // Zoom may have issued tokens before the instance failed: the host saw them.
                Err(e) => connector.captured_tokens().pop().map(|c| c.tokens).ok_or(e)?,
            };
            pending::clear(&store);
            tokens
        }
        None => match oauth_flow::authorize(&mut connector, &app).await? {
            Flow::Authorized { tokens } => tokens,
            Flow::NeedsUser { url, state, code_verifier } => {
                pending::save(&store, &state, &code_verifier)?;
                println!("Open this URL, approve the app, and copy the `code` and `state` from the redirect:\n{url}");
                println!("state (compare with the redirect's): {state}");
                println!(
                    "then run: zoom-host oauth --store {} --state <state> --code -   (and paste the code)",
                    store.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    let stored = Stored { client_id, oauth_url, api_url, tokens };
    token_file::write(&store, &stored)?;
    print_stored(&store, &stored);
    let conn = oauth_connection(&stored, &client_secret);
    let outcome = connector.action("test-connection", &conn, &Value::Null).await?;
    // test-connection may itself refresh the tokens just stored: the rotation must not be lost.
    let store_arg = store.to_string_lossy().into_owned();
    zoom_host::token_persist::persist_rotation(&mut connector, &conn, Some(&store_arg)).await?;
    match outcome {
        Outcome::Ok(me) => println!(
            "test-connection: {} via {}",
            me["email"].as_str().unwrap_or(""),
            me["connection_kind"].as_str().unwrap_or("")
        ),
        Outcome::Err(e) => bail!("test-connection with the new tokens failed: {e}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn read_stdin_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let code = line.trim().to_owned();
    if code.is_empty() {
        bail!("no code on standard input");
    }
    Ok(code)
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
