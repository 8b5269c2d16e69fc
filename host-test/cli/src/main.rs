//! `zoom-host`: runs the zoom-connector component from the command line.
//!
//! ```text
//! zoom-host demo                                 the end-to-end recipe against the embedded simulator
//! zoom-host call <action-id> --input '<json>'    run one action (JSON keys = WIT names with - → _)
//! zoom-host webhook --body '<raw>' [--header 'k: v']... [--sign]
//!                                                run the webhook trigger on one delivery
//! zoom-host oauth [--store FILE] [--code C --verifier V]
//!                                                walk the OAuth authorization-code flow, store the tokens
//! zoom-host serve [--port N] [--relay URL]       serve the component's webhook endpoint (wasi:http)
//!                                                with the secret in ZOOM_WEBHOOK_SECRET_TOKEN
//! zoom-host poll --input '<json>'                run a polling trigger once (prints items and cursor)
//! zoom-host reconcile --input '<json>'           list the events a webhook should have delivered
//! zoom-host simulate [--port N] [--seed-account] run the simulator until interrupted (--seed-account:
//!                                                hundreds of users, reports, a plan, for the licence actions)
//! zoom-host actions [--json]                     list the actions (--json: the full manifest)
//! zoom-host connections                          the connection kinds as JSON (legacy ones marked)
//! zoom-host triggers [--json]                    list the triggers (--json: their manifest)
//! zoom-host bench [--iterations N]               print speed and memory figures and ratios (use --release)
//! ```

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use serde_json::json;
use zoom_host::connection;
use zoom_runtime::serve::EndpointConfig;

mod oauth_command;
use zoom_runtime::{Limits, Outcome, Runtime, MANIFEST, TRIGGERS};
use zoom_sim::Simulator;
use zoom_host::trigger::{outcome_kind, webhook_args};

const USAGE: &str =
    "usage: zoom-host <demo | call <action-id> --input JSON | oauth | webhook --body RAW | serve [--port N] [--relay URL] \
     | poll --input JSON | reconcile --input JSON | simulate [--port N] [--seed-account] | actions [--json] | triggers [--json] | connections | bench>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    match runtime.block_on(dispatch(&args)) {
        Ok(code) => code,
        Err(e) => fail(&format!("{e:#}")),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{}", json!({"other": message}));
    ExitCode::from(2)
}

async fn dispatch(args: &[String]) -> Result<ExitCode> {
    let (command, rest) = args.split_first().map(|(c, r)| (c.as_str(), r)).unwrap_or(("", &[]));
    let (positional, flags) = parse_flags(rest)?;
    match command {
        "demo" => {
            zoom_host::demo::run(&mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
        "call" => call(positional.first().context("call needs an action id")?, &flags).await,
        "webhook" => webhook(&flags).await,
        "serve" => serve(&flags).await,
        "poll" | "reconcile" => trigger(command, &flags).await,
        "oauth" => oauth_command::run(&flags).await,
        "simulate" => simulate(&flags),
        "actions" => actions(flags.contains_key("json")).await,
        "connections" => connections().await,
        "triggers" => triggers(flags.contains_key("json")).await,
        "bench" => {
            let iterations = zoom_host::bench::iterations(flags.get("iterations"))?;
            zoom_host::bench::run(iterations, &mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
        _ => bail!("{USAGE}"),
    }
}

/// Splits `--name value` flags (and bare `--json`, `--sign`) from positional arguments.
/// `--header` may repeat; its values are joined with newlines.
fn parse_flags(args: &[String]) -> Result<(Vec<String>, HashMap<String, String>)> {
    const SWITCHES: [&str; 3] = ["json", "sign", "seed-account"];
    let mut positional = Vec::new();
    let mut flags: HashMap<String, String> = HashMap::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let Some(name) = arg.strip_prefix("--") else {
            positional.push(arg.clone());
            continue;
        };
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (name, None),
        };
        if SWITCHES.contains(&name) {
            flags.insert(name.to_owned(), String::new());
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().with_context(|| format!("--{name} needs a value"))?.clone(),
        };
        flags.entry(name.to_owned()).and_modify(|v| *v = format!("{v}\n{value}")).or_insert(value);
    }
    Ok((positional, flags))
}

/// `--input`: JSON text, or `@file`. Not JSON is the typed error the CLI prints.
fn read_input(flags: &HashMap<String, String>) -> Result<Result<serde_json::Value, serde_json::Value>> {
    let Some(text) = flags.get("input") else { return Ok(Ok(json!({}))) };
    let text = match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?,
        None => text.to_owned(),
    };
    Ok(serde_json::from_str(&text)
        .map_err(|e| json!({"invalid_input": {"field": "input", "message": format!("is not valid JSON: {e}")}})))
}

async fn call(action: &str, flags: &HashMap<String, String>) -> Result<ExitCode> {
    let input = match read_input(flags)? {
        Ok(v) => v,
        Err(e) => return Ok(print_outcome(Outcome::Err(e))),
    };
    let resolved = connection::resolve(flags, &|k| std::env::var(k).ok())?;
    let runtime = zoom_host::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
    let mut connector = runtime.instantiate().await?;
    let outcome = connector.action(action, &resolved.connection, &input).await?;
    oauth_command::persist_rotation(&mut connector, &resolved, flags).await?;
    Ok(print_outcome(outcome))
}

/// `poll` and `reconcile`: a trigger function that takes the connection and a request.
async fn trigger(function: &str, flags: &HashMap<String, String>) -> Result<ExitCode> {
    let request = match read_input(flags)? {
        Ok(v) => v,
        Err(e) => return Ok(print_outcome(Outcome::Err(e))),
    };
    let resolved = connection::resolve(flags, &|k| std::env::var(k).ok())?;
    let runtime = zoom_host::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
    let mut connector = runtime.instantiate().await?;
    let outcome = connector.call(TRIGGERS, function, &[resolved.connection.clone(), request]).await?;
    oauth_command::persist_rotation(&mut connector, &resolved, flags).await?;
    Ok(print_outcome(outcome))
}

/// Serves the webhook endpoint until interrupted.
async fn serve(flags: &HashMap<String, String>) -> Result<ExitCode> {
    let port: u16 = flags.get("port").map(|p| p.parse()).transpose().context("--port must be a number")?.unwrap_or(0);
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN").ok().filter(|s| !s.is_empty());
    if secret.is_none() {
        eprintln!("warning: ZOOM_WEBHOOK_SECRET_TOKEN is not set; every delivery will be refused with 401");
    }
    let relay = flags.get("relay").cloned().or_else(|| std::env::var("ZOOM_WEBHOOK_RELAY_URL").ok());
    let mut config = EndpointConfig::new(secret.as_deref(), relay.as_deref().filter(|r| !r.is_empty()));
    for name in ["ZOOM_WEBHOOK_TOLERANCE_SECONDS", "ZOOM_WEBHOOK_EVENTS"] {
        if let Ok(value) = std::env::var(name) {
            config = config.with_env(name, &value);
        }
    }
    let runtime = std::sync::Arc::new(zoom_host::runtime(Limits::default())?);
    let endpoint = zoom_runtime::serve::start(runtime, port, config).await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "serving the Zoom webhook endpoint on {}", endpoint.url())?;
    stdout.flush()?;
    tokio::signal::ctrl_c().await?;
    Ok(ExitCode::SUCCESS)
}

fn print_outcome(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Ok(v) => {
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Outcome::Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

async fn webhook(flags: &HashMap<String, String>) -> Result<ExitCode> {
    let body = flags.get("body").context("webhook needs --body with the raw request body")?;
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN").ok().filter(|s| !s.is_empty());
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in flags.get("header").map(|h| h.lines().collect::<Vec<_>>()).unwrap_or_default() {
        let (k, v) = line.split_once(':').with_context(|| format!("--header {line:?} is not `name: value`"))?;
        headers.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    if flags.contains_key("sign") {
        let secret = secret.as_deref().context("--sign needs ZOOM_WEBHOOK_SECRET_TOKEN")?;
        let ts = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
        headers.extend(zoom_sim::sign_delivery(secret, body, ts));
    }
    let runtime = zoom_host::runtime(Limits::default())?;
    let mut connector = runtime.instantiate().await?;
    let args = webhook_args(body.as_bytes(), &headers, secret.as_deref(), None, None);
    let Outcome::Ok(outcome) = connector.call(TRIGGERS, "webhook", &args).await? else { bail!("webhook failed") };
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(if outcome_kind(&outcome) == "rejected" { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn simulate(flags: &HashMap<String, String>) -> Result<ExitCode> {
    let port: u16 = flags.get("port").map(|p| p.parse()).transpose().context("--port must be a number")?.unwrap_or(0);
    let sim = Simulator::start_on(port)?;
    if flags.contains_key("seed-account") {
        sim.seed_account(&zoom_sim::AccountSeed::default());
    }
    let c = sim.credentials();
    let app = sim.oauth_app();
    let (api_key, api_secret) = sim.jwt_credentials();
    let line = json!({
        "api_url": sim.api_url(), "oauth_url": sim.oauth_url(), "account_id": c.account_id,
        "client_id": c.client_id, "client_secret": c.client_secret, "webhook_secret": c.webhook_secret,
        "user_app": {"client_id": app.client_id, "client_secret": app.client_secret, "redirect_uri": app.redirect_uri},
        "jwt": {"api_key": api_key, "api_secret": api_secret},
    });
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{line}")?;
    stdout.flush()?;
    loop {
        std::thread::park();
    }
}

async fn connections() -> Result<ExitCode> {
    let runtime = zoom_host::runtime(Limits::default())?;
    let mut connector = runtime.instantiate().await?;
    let Outcome::Ok(kinds) = connector.call(MANIFEST, "connection-kinds", &[]).await? else {
        bail!("connection-kinds failed")
    };
    println!("{}", serde_json::to_string_pretty(&kinds)?);
    Ok(ExitCode::SUCCESS)
}

async fn triggers(as_json: bool) -> Result<ExitCode> {
    let runtime = zoom_host::runtime(Limits::default())?;
    let mut connector = runtime.instantiate().await?;
    let Outcome::Ok(list) = connector.call(MANIFEST, "triggers", &[]).await? else { bail!("triggers failed") };
    if as_json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        for t in list.as_array().into_iter().flatten() {
            println!("{:<32} {}", t["id"].as_str().unwrap_or(""), t["description"].as_str().unwrap_or(""));
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn actions(as_json: bool) -> Result<ExitCode> {
    let runtime = zoom_host::runtime(Limits::default())?;
    let mut connector = runtime.instantiate().await?;
    let Outcome::Ok(manifest) = connector.call(MANIFEST, "describe", &[]).await? else { bail!("describe failed") };
    if as_json {
        println!("{}", serde_json::to_string_pretty(&manifest)?);
    } else {
        for action in manifest.as_array().into_iter().flatten() {
            println!("{:<28} {}", action["id"].as_str().unwrap_or(""), action["description"].as_str().unwrap_or(""));
        }
    }
    Ok(ExitCode::SUCCESS)
}
