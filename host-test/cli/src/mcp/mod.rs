//! `zoom-host mcp`: every action, `poll` and `reconcile` as Model Context Protocol tools, over
//! stdio or Streamable HTTP, on the official Rust SDK (`rmcp`). Tools come from the component's
//! manifest ([`tools`]); each call goes through the component exactly as `zoom-host call` makes
//! it ([`crate::invoke`]): the same connection (flags and environment, the tokens file re-read
//! and written back), limits and egress allow-list. Results are built in [`result`], with
//! credentials redacted ([`redact`]); [`http`] serves the HTTP transport.

use std::sync::Arc;

use anyhow::{bail, Result};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, Implementation, ListToolsResult, PaginatedRequestParams,
    ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{json, Value};
use zoom_runtime::{Limits, Outcome, Runtime, MANIFEST};

use crate::args::ConnectionFlags;
use crate::connection::{self, Resolved};
use crate::{input_check, invoke};

pub mod http;
pub mod redact;
pub mod result;
pub mod tools;

use tools::{Kind, ToolSpec};

/// What `zoom-host mcp` was asked for.
pub struct Options {
    /// Serve Streamable HTTP on this loopback address; stdio when absent.
    pub http: Option<std::net::SocketAddr>,
    pub read_only: bool,
    pub allow: Vec<String>,
    pub connection: ConnectionFlags,
}

/// Runs the server until the client hangs up (stdio) or until interrupted (HTTP).
pub async fn run(options: Options) -> Result<()> {
    if let Some(addr) = &options.http {
        http::check_loopback(addr)?;
    }
    let server = Server::new(options.connection, options.read_only, &options.allow).await?;
    match options.http {
        Some(addr) => http::serve(server, addr).await,
        None => {
            let running = server.serve(rmcp::transport::stdio()).await?;
            running.waiting().await?;
            Ok(())
        }
    }
}

/// The MCP server: the chosen tools and what a call needs. Cheap to clone (one per HTTP session).
#[derive(Clone)]
pub struct Server {
    state: Arc<State>,
}

struct State {
    tools: Vec<ToolSpec>,
    runtime: Runtime,
    flags: ConnectionFlags,
    resolved: Resolved,
    tokens_file: Option<String>,
    /// Calls on a tokens file take turns: each refresh revokes the refresh token the other would use.
    turns: tokio::sync::Mutex<()>,
}

impl Server {
    /// Resolves the connection (starting a simulator when nothing is given, as `call` does),
    /// loads the component with its egress allow-list, and lists the tools the flags leave.
    pub async fn new(flags: ConnectionFlags, read_only: bool, allow: &[String]) -> Result<Server> {
        let resolved = connection::resolve(&flags, &env)?;
        let runtime = crate::runtime(Limits { allowed_hosts: resolved.allowed_hosts.clone(), ..Limits::default() })?;
        let mut connector = runtime.instantiate().await?;
        let actions = manifest(&mut connector, "describe").await?;
        let triggers = manifest(&mut connector, "triggers").await?;
        let tools = tools::select(tools::all(&actions, &triggers)?, read_only, allow)?;
        let tokens_file = flags.oauth_tokens.clone().or_else(|| env("ZOOM_OAUTH_TOKENS")).filter(|p| !p.is_empty());
        eprintln!("zoom-host mcp: {} tools, {}", tools.len(), resolved.description);
        Ok(Server {
            state: Arc::new(State { tools, runtime, flags, resolved, tokens_file, turns: tokio::sync::Mutex::new(()) }),
        })
    }

    /// The listed tools.
    pub fn tools(&self) -> &[ToolSpec] {
        &self.state.tools
    }

    /// Runs tool `name`; `None` when no such tool is listed.
    pub async fn call(&self, name: &str, arguments: Value) -> Option<CallToolResult> {
        let spec = self.state.tools.iter().find(|t| t.name() == name)?;
        Some(match self.run(spec, arguments).await {
            Ok(Outcome::Ok(output)) => result::success(spec, output),
            Ok(Outcome::Err(error)) => result::failure(&error),
            // The host could not make the call: still the agent's to read, in the CLI's shape.
            Err(e) => result::failure(&json!({"other": format!("{e:#}")})),
        })
    }

    async fn run(&self, spec: &ToolSpec, mut input: Value) -> Result<Outcome> {
        let state = &self.state;
        let tokens_file = state.tokens_file.as_deref();
        let _turn = match tokens_file {
            Some(_) => Some(state.turns.lock().await),
            None => None,
        };
        // The tokens file holds the newest tokens (the previous call may have rotated them).
        let reread;
        let resolved = match tokens_file {
            Some(_) => {
                reread = connection::resolve(&state.flags, &env)?;
                &reread
            }
            None => &state.resolved,
        };
        let function = match spec.kind {
            Kind::Action => return invoke::action(&state.runtime, resolved, tokens_file, spec.name(), input).await,
            Kind::Poll => "poll",
            Kind::Reconcile => "reconcile",
        };
        if let Err(e) = input_check::check(&spec.input_schema, &mut input)? {
            return Ok(Outcome::Err(e));
        }
        invoke::trigger(&state.runtime, resolved, tokens_file, function, input).await
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

async fn manifest(connector: &mut zoom_runtime::Connector, function: &str) -> Result<Value> {
    match connector.call(MANIFEST, function, &[]).await? {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("manifest.{function} failed: {e}"),
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("zoom-host", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Zoom through the zoom-connector component: one tool per action, plus poll and reconcile. \
                 A failed call is a tool error whose text is the typed error as JSON (invalid_input names \
                 the field; missing_scope names the scope). Credentials in results are redacted.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.state.tools.iter().map(|t| t.tool.clone()).collect()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.state.tools.iter().find(|t| t.name() == name).map(|t| t.tool.clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = Value::Object(request.arguments.unwrap_or_default());
        match self.call(&request.name, arguments).await {
            Some(result) => Ok(result.into()),
            None => {
                Err(ErrorData::invalid_params(format!("no tool is named {} here (see tools/list)", request.name), None))
            }
        }
    }
}
