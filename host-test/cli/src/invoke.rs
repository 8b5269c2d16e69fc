//! One call through the component as every CLI command that reaches Zoom makes it (`call`,
//! `poll`, `reconcile`, `sample`, `options` and the MCP server's tools): input checked before
//! anything is sent, progress on a terminal, rotated OAuth tokens written back whatever the
//! outcome.

use std::io::IsTerminal;

use anyhow::Result;
use serde_json::Value;
use zoom_runtime::{Connector, Outcome, Runtime, TRIGGERS};

use crate::connection::Resolved;
use crate::input_check;
use crate::progress::Progress;
use crate::render;

/// Runs `action` with `input` on a fresh instance of `runtime`. A misfit against the action's
/// input schema is the `invalid_input` error, with nothing sent.
pub async fn action(
    runtime: &Runtime,
    resolved: &Resolved,
    tokens_file: Option<&str>,
    action: &str,
    mut input: Value,
) -> Result<Outcome> {
    let mut connector = runtime.instantiate().await?;
    if let Some(schema) = input_check::schema_of(&mut connector, action).await? {
        if let Err(e) = input_check::check(&schema, &mut input)? {
            return Ok(Outcome::Err(e));
        }
    }
    let progress = Progress::start(runtime.gets_sent(), std::io::stderr().is_terminal());
    let outcome = connector.action(action, &resolved.connection, &input).await?;
    finish(progress, &outcome).await;
    persist(&mut connector, resolved, tokens_file).await?;
    Ok(outcome)
}

/// Calls the trigger function `function` (`poll`, `reconcile`, `sample`) with the connection and
/// `request` on a fresh instance of `runtime`.
pub async fn trigger(
    runtime: &Runtime,
    resolved: &Resolved,
    tokens_file: Option<&str>,
    function: &str,
    request: Value,
) -> Result<Outcome> {
    let mut connector = runtime.instantiate().await?;
    let progress = Progress::start(runtime.gets_sent(), std::io::stderr().is_terminal());
    let outcome = connector.call(TRIGGERS, function, &[resolved.connection.clone(), request]).await?;
    finish(progress, &outcome).await;
    persist(&mut connector, resolved, tokens_file).await?;
    Ok(outcome)
}

/// Ends the progress line (when one runs) with the items the result's main list holds.
async fn finish(progress: Option<Progress>, outcome: &Outcome) {
    if let Some(progress) = progress {
        let items = match outcome {
            Outcome::Ok(v) => render::main_list_len(v),
            Outcome::Err(_) => None,
        };
        progress.finish(items).await;
    }
}

/// Rotated tokens reach the tokens file whatever the outcome, a trap or a time-out included.
pub async fn persist(connector: &mut Connector, resolved: &Resolved, tokens_file: Option<&str>) -> Result<()> {
    if let Some(path) = crate::token_persist::persist_rotation(connector, &resolved.connection, tokens_file).await? {
        eprintln!("rotated OAuth tokens written to {}", path.display());
    }
    Ok(())
}
