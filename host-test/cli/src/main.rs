//! `zoom-host`: runs the zoom-connector component from the command line. `zoom-host --help`
//! and `zoom-host <command> --help` describe every command; [`zoom_host::args`] declares them.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use serde_json::json;
use zoom_host::args::{Cli, Command, ConnectionFlags, InputArg};
use zoom_host::bench::BenchArgs;
use zoom_host::connection;
use zoom_host::failure::{self, exit};
use zoom_host::invoke;
use zoom_host::render::{self, Format};
use zoom_host::trigger::{outcome_kind, webhook_args};
use zoom_runtime::redis::RedisUrl;
use zoom_runtime::serve::EndpointConfig;
use zoom_runtime::{Limits, Outcome, MANIFEST, OPTIONS, TRIGGERS};
use zoom_sim::Simulator;

mod oauth_command;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // No command at all: a person typed the bare name, so the usage is for reading.
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(exit::USAGE);
        }
        // A usage error is a failure like any other: the typed JSON error on stderr, exit 2.
        Err(e) => return fail(e.render().to_string().trim_end()),
    };
    if !matches!(cli.command, Command::Serve { .. } | Command::Simulate { .. } | Command::Mcp { .. }) {
        quiet_on_closed_pipe();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    match runtime.block_on(dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => fail(&format!("{e:#}")),
    }
}

/// Rust ignores SIGPIPE, so `zoom-host actions | head` would panic in `println!` once `head`
/// exits; a command whose reader went away ends quietly instead, as Unix tools do. The servers
/// keep ignoring it: a client that hangs up must not stop them.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called before any thread starts; SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{}", json!({"other": message}));
    ExitCode::from(exit::USAGE)
}

async fn dispatch(command: Command) -> Result<ExitCode> {
    match command {
        Command::Demo => {
            zoom_host::demo::run(&mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Call { action, input, connection, output } => call(&action, &input, &connection, output.output).await,
        Command::Options { action, field, search, cursor, page_size, input, connection } => {
            let request =
                json!({"action": action, "field": field, "search": search, "cursor": cursor, "page_size": page_size});
            options(request, &input, &connection).await
        }
        Command::Webhook { body, headers, sign } => webhook(&body, &headers, sign).await,
        Command::Serve { port, relay, replay_store } => serve(port, relay, replay_store).await,
        Command::Poll { input, connection, output } => trigger("poll", &input, &connection, output.output).await,
        Command::Reconcile { input, connection, output } => {
            trigger("reconcile", &input, &connection, output.output).await
        }
        Command::Sample { trigger_id, max, connection } => {
            run_trigger("sample", json!({"trigger_id": trigger_id, "max": max}), &connection, Format::Json).await
        }
        Command::Oauth { store, code, state, verifier } => {
            oauth_command::run(oauth_command::OauthArgs { store, code, state, verifier }).await
        }
        Command::Mcp { http, read_only, allow, connection } => {
            zoom_host::mcp::run(zoom_host::mcp::Options { http, read_only, allow, connection }).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Simulate { port, seed_account, users } => simulate(port, seed_account, users),
        Command::Actions { json } => actions(json).await,
        Command::Connections => connections().await,
        Command::Triggers { json } => triggers(json).await,
        Command::Docs { out, check } => docs(&out, check).await,
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "zoom-host", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchArgs { serve_rate: true, replay_store, deliveries, .. }) => {
            let redis = replay_store_url(replay_store)?;
            zoom_host::bench::serve_rate::run(&mut std::io::stdout(), deliveries.unwrap_or(2000), redis).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchArgs { serve_load: true, .. }) => {
            zoom_host::bench::serve_load::run(&mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchArgs { iterations, quick, .. }) => {
            let iterations = if quick { 5 } else { zoom_host::bench::iterations(iterations.as_ref())? };
            let scale = if quick { zoom_host::bench::Scale::Quick } else { zoom_host::bench::Scale::Full };
            zoom_host::bench::run(iterations, scale, &mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--input`: JSON text, or `@file`. Not JSON is the typed error the CLI prints.
fn read_input(input: &InputArg) -> Result<Result<serde_json::Value, serde_json::Value>> {
    let Some(text) = &input.input else { return Ok(Ok(json!({}))) };
    let text = match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?,
        None => text.to_owned(),
    };
    Ok(serde_json::from_str(&text)
        .map_err(|e| json!({"invalid_input": {"field": "input", "message": format!("is not valid JSON: {e}")}})))
}

async fn call(action: &str, input: &InputArg, flags: &ConnectionFlags, output: Option<Format>) -> Result<ExitCode> {
    let format = Format::or_default(output, std::io::stdout().is_terminal());
    let input = match read_input(input)? {
        Ok(v) => v,
        Err(e) => return Ok(print_outcome(Outcome::Err(e), format)),
    };
    let resolved = connection::resolve(flags, &|k| std::env::var(k).ok())?;
    let runtime = zoom_host::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
    let outcome = invoke::action(&runtime, &resolved, flags.oauth_tokens.as_deref(), action, input).await?;
    Ok(print_outcome(outcome, format))
}

/// `options`: the chosen values (`--input`) go to the component as the JSON object text it takes.
async fn options(mut request: serde_json::Value, input: &InputArg, flags: &ConnectionFlags) -> Result<ExitCode> {
    let chosen = match read_input(input)? {
        Ok(v) => v,
        Err(e) => return Ok(print_outcome(Outcome::Err(e), Format::Json)),
    };
    request["chosen"] = json!(chosen.to_string());
    let resolved = connection::resolve(flags, &|k| std::env::var(k).ok())?;
    let runtime = zoom_host::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
    let mut connector = runtime.instantiate().await?;
    let outcome = connector.call(OPTIONS, "options", &[resolved.connection.clone(), request]).await?;
    invoke::persist(&mut connector, &resolved, flags.oauth_tokens.as_deref()).await?;
    Ok(print_outcome(outcome, Format::Json))
}

/// `poll` and `reconcile`: a trigger function that takes the connection and a request.
async fn trigger(
    function: &str,
    input: &InputArg,
    flags: &ConnectionFlags,
    output: Option<Format>,
) -> Result<ExitCode> {
    let format = Format::or_default(output, std::io::stdout().is_terminal());
    match read_input(input)? {
        Ok(request) => run_trigger(function, request, flags, format).await,
        Err(e) => Ok(print_outcome(Outcome::Err(e), format)),
    }
}

/// Calls trigger `function` with the connection the flags resolve to and `request`.
async fn run_trigger(
    function: &str,
    request: serde_json::Value,
    flags: &ConnectionFlags,
    format: Format,
) -> Result<ExitCode> {
    let resolved = connection::resolve(flags, &|k| std::env::var(k).ok())?;
    let runtime = zoom_host::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
    let outcome = invoke::trigger(&runtime, &resolved, flags.oauth_tokens.as_deref(), function, request).await?;
    Ok(print_outcome(outcome, format))
}

/// `docs`: writes (or with `check`, compares) `actions.md` and `triggers.md` under `out`.
async fn docs(out: &std::path::Path, check: bool) -> Result<ExitCode> {
    let runtime = zoom_host::runtime(Limits::default())?;
    let reference = zoom_host::docs::generate(&runtime).await?;
    let mut stale = Vec::new();
    for (name, text) in [("actions.md", &reference.actions), ("triggers.md", &reference.triggers)] {
        let path = out.join(name);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        } else {
            std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        if check {
            println!("docs are up to date");
        }
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("out of date (run `zoom-host docs`): {}", stale.join(", "));
        Ok(ExitCode::from(1))
    }
}

/// `--replay-store` or ZOOM_HOST_REPLAY_STORE, parsed here rather than by clap, whose error would
/// echo the value, password and all.
fn replay_store_url(flag: Option<String>) -> Result<Option<RedisUrl>> {
    let url = flag.or_else(|| std::env::var("ZOOM_HOST_REPLAY_STORE").ok()).filter(|s| !s.is_empty());
    url.map(|url| RedisUrl::parse(&url)).transpose().map_err(|e| anyhow::anyhow!("--replay-store: {e}"))
}

/// Serves the webhook endpoint until interrupted.
async fn serve(port: u16, relay: Option<String>, replay_store: Option<String>) -> Result<ExitCode> {
    let replay_store = replay_store_url(replay_store)?;
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN").ok().filter(|s| !s.is_empty());
    if secret.is_none() {
        eprintln!("warning: ZOOM_WEBHOOK_SECRET_TOKEN is not set; every delivery will be refused with 401");
    }
    let relay = relay.or_else(|| std::env::var("ZOOM_WEBHOOK_RELAY_URL").ok());
    let mut config = EndpointConfig::new(secret.as_deref(), relay.as_deref().filter(|r| !r.is_empty()));
    for name in ["ZOOM_WEBHOOK_TOLERANCE_SECONDS", "ZOOM_WEBHOOK_EVENTS"] {
        if let Ok(value) = std::env::var(name) {
            config = config.with_env(name, &value);
        }
    }
    if let Some(url) = replay_store {
        config = config.with_redis(url);
    }
    let runtime = std::sync::Arc::new(zoom_host::runtime(Limits::default())?);
    let endpoint = zoom_runtime::serve::start(runtime, port, config).await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "serving the Zoom webhook endpoint on {}", endpoint.url())?;
    stdout.flush()?;
    tokio::signal::ctrl_c().await?;
    Ok(ExitCode::SUCCESS)
}

/// The result on stdout in `format`, or the typed error on stderr as JSON (for scripts, in every
/// format), followed on a terminal by a hint for people.
fn print_outcome(outcome: Outcome, format: Format) -> ExitCode {
    match outcome {
        Outcome::Ok(v) => {
            // A reader that stopped early (`| head`) is not a failure of the call.
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(render::render(&v, format).as_bytes()).and_then(|()| stdout.flush());
            ExitCode::SUCCESS
        }
        Outcome::Err(e) => {
            eprintln!("{e}");
            if std::io::stderr().is_terminal() {
                if let Some(hint) = failure::hint(&e) {
                    eprintln!("hint: {hint}");
                }
            }
            ExitCode::from(failure::exit_code(&e))
        }
    }
}

async fn webhook(body: &str, header_lines: &[String], sign: bool) -> Result<ExitCode> {
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN").ok().filter(|s| !s.is_empty());
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in header_lines {
        let (k, v) = line.split_once(':').with_context(|| format!("--header {line:?} is not `name: value`"))?;
        headers.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    if sign {
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

fn simulate(port: u16, seed_account: bool, users: usize) -> Result<ExitCode> {
    let sim = Simulator::start_on(port)?;
    if seed_account {
        sim.seed_account(&zoom_sim::AccountSeed::default());
    }
    if users > 0 {
        sim.seed_users(users);
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
