//! The command line, declared once: clap derives parsing, usage and every command's `--help`
//! (with an example) from these types.

use clap::{Args, Parser, Subcommand};

/// Runs the zoom-connector WebAssembly component: its actions, triggers and webhook endpoint,
/// against Zoom or, when no credentials are given, against an embedded Zoom API simulator.
///
/// Failures print a typed JSON error on stderr. Exit codes: 0 ok, 1 Zoom or input error, 2 usage
/// (or the host could not start the call), 3 a host limit (CPU, memory, time, egress).
#[derive(Debug, Parser)]
#[command(name = "zoom-host", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The end-to-end recipe against the embedded simulator, checking itself as it goes.
    #[command(after_help = "Example:\n  zoom-host demo")]
    Demo,

    /// Runs one action and prints its result as JSON (JSON keys are the WIT names with - → _).
    #[command(after_help = "Examples:\n  zoom-host call create-meeting --input '{\"topic\": \"Standup\"}'\n  \
                            ZOOM_ACCESS_TOKEN=… zoom-host call get-meeting --input @meeting.json")]
    Call {
        /// The action id, as `zoom-host actions` lists them.
        action: String,
        #[command(flatten)]
        input: InputArg,
        #[command(flatten)]
        connection: ConnectionFlags,
        #[command(flatten)]
        output: OutputArg,
    },

    /// Lists the values an action's input can take (a form's dropdown) as JSON: items (value,
    /// label, detail) and the cursor of the next page, absent when done.
    #[command(after_help = "Examples:\n  zoom-host options get-meeting meeting_id --search standup\n  \
                            zoom-host options get-meeting occurrence_id --input '{\"meeting_id\": 85746065432}'\n  \
                            zoom-host options create-meeting timezone --cursor 30")]
    Options {
        /// The action id, as `zoom-host actions` lists them.
        action: String,
        /// The input's JSON name (`zoom-host actions --json` marks those with `has_options`).
        field: String,
        /// Keep the items whose value, label or detail contains this text (any case).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// The cursor a previous page printed.
        #[arg(long)]
        cursor: Option<String>,
        /// Items per page, 1 to 100 (default 30).
        #[arg(long, value_name = "N")]
        page_size: Option<u32>,
        /// The values already chosen, as JSON (or @FILE): the occurrences depend on the meeting.
        #[command(flatten)]
        input: InputArg,
        #[command(flatten)]
        connection: ConnectionFlags,
    },

    /// Runs the webhook trigger on one delivery, with the secret in ZOOM_WEBHOOK_SECRET_TOKEN.
    #[command(after_help = "Example:\n  ZOOM_WEBHOOK_SECRET_TOKEN=s zoom-host webhook \
                            --body '{\"event\":\"meeting.created\",\"payload\":{}}' --sign")]
    Webhook {
        /// The raw request body, exactly as received.
        #[arg(long)]
        body: String,
        /// A request header, `name: value`; repeat for more.
        #[arg(long = "header", value_name = "NAME: VALUE")]
        headers: Vec<String>,
        /// Sign the body now with ZOOM_WEBHOOK_SECRET_TOKEN, as Zoom would.
        #[arg(long)]
        sign: bool,
    },

    /// Walks the OAuth authorization-code flow and stores the tokens (against the embedded
    /// simulator unless ZOOM_OAUTH_URL, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET and ZOOM_REDIRECT_URI
    /// are set).
    #[command(after_help = "Examples:\n  zoom-host oauth --store tokens.json\n  \
                            zoom-host oauth --store tokens.json --state S --code -   (paste the code)")]
    Oauth {
        /// Where the tokens file is written (mode 600).
        #[arg(long, value_name = "FILE", default_value = "zoom-oauth-tokens.json")]
        store: String,
        /// The `code` from the redirect after the user approved the app; `-` reads it from
        /// standard input (also ZOOM_OAUTH_CODE), so it stays out of shell history.
        #[arg(long)]
        code: Option<String>,
        /// The `state` from the redirect (also ZOOM_OAUTH_STATE), compared with the one the first
        /// step saved beside the store.
        #[arg(long)]
        state: Option<String>,
        /// The PKCE verifier (also ZOOM_OAUTH_VERIFIER); by default the one the first step saved.
        #[arg(long)]
        verifier: Option<String>,
    },

    /// Serves the component's wasi:http webhook endpoint until interrupted, with the secret in
    /// ZOOM_WEBHOOK_SECRET_TOKEN.
    #[command(after_help = "Examples:\n  ZOOM_WEBHOOK_SECRET_TOKEN=s zoom-host serve --port 8080 \
                            --relay http://127.0.0.1:9000/in\n  \
                            # replicas behind a load balancer, sharing what they have answered:\n  \
                            ZOOM_WEBHOOK_SECRET_TOKEN=s zoom-host serve --port 8080 \
                            --relay http://127.0.0.1:9000/in --replay-store redis://127.0.0.1:6379")]
    Serve {
        /// The loopback port (0 picks a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Where verified events are posted as JSON (also ZOOM_WEBHOOK_RELAY_URL).
        #[arg(long, value_name = "URL")]
        relay: Option<String>,
        /// Keep the signatures of answered deliveries in Redis, so every replica sharing it refuses
        /// a replay: redis://HOST:PORT, optionally redis://[USER]:PASSWORD@HOST:PORT/DB (also
        /// ZOOM_HOST_REPLAY_STORE, which keeps a password off the process list). Without it they
        /// live in this process. While Redis does not answer (at start too), signed deliveries get
        /// 503 so Zoom retries them.
        #[arg(long, value_name = "URL")]
        replay_store: Option<String>,
    },

    /// Runs a polling trigger once: the new items and the cursor for the next poll.
    #[command(after_help = "Example:\n  zoom-host poll --input '{\"source\": {\"new_recordings\": \"me\"}, \
                            \"backfill_hours\": 48}'")]
    Poll {
        #[command(flatten)]
        input: InputArg,
        #[command(flatten)]
        connection: ConnectionFlags,
        #[command(flatten)]
        output: OutputArg,
    },

    /// Lists the events a webhook should have delivered in a window and the recipe has not seen.
    #[command(after_help = "Example:\n  zoom-host reconcile --input '{\"from\": \"2026-11-26T00:00:00Z\", \
                            \"to\": \"2026-11-27T00:00:00Z\", \"seen_keys\": []}'")]
    Reconcile {
        #[command(flatten)]
        input: InputArg,
        #[command(flatten)]
        connection: ConnectionFlags,
        #[command(flatten)]
        output: OutputArg,
    },

    /// Prints samples of what a trigger emits, typed as it emits them, to map a recipe's fields
    /// before the first event: the account's recent items, and for webhook event families the
    /// account has none of, Zoom's documented example (its key starts with `example:`).
    #[command(after_help = "Examples:\n  zoom-host sample poll:new-meetings\n  zoom-host sample webhook --max 50")]
    Sample {
        /// The trigger id, as `zoom-host triggers` lists them.
        trigger_id: String,
        /// At most this many samples (1-50).
        #[arg(long, value_name = "N", default_value_t = 10)]
        max: u32,
        #[command(flatten)]
        connection: ConnectionFlags,
    },

    /// Serves every action, `poll` and `reconcile` as Model Context Protocol tools for AI agents,
    /// on stdio (the default: the MCP client starts this command) or, with --http, on the
    /// Streamable HTTP transport at http://ADDR/mcp.
    ///
    /// Each tool is named by its action id, with the manifest's description, input and output
    /// JSON Schemas (a list or single-value output comes back under `result`) and annotations
    /// (readOnlyHint, destructiveHint, idempotentHint, openWorldHint). Calls go through the
    /// component with the same connection, limits and egress allow-list as `zoom-host call`; a
    /// typed error is a tool result with isError and the error's JSON. Credentials in results
    /// (start and personal join links, download tokens) come back as "[redacted]".
    #[command(after_help = "Transports:\n  \
                            stdio   zoom-host mcp --read-only\n          \
                            (MCP client config: {\"command\": \"zoom-host\", \"args\": [\"mcp\", \"--read-only\"]})\n  \
                            HTTP    zoom-host mcp --http 127.0.0.1:8765   then connect to http://127.0.0.1:8765/mcp\n          \
                            (loopback addresses only; port 0 picks a free one; the URL is printed on stderr)\n\n\
                            Examples:\n  \
                            ZOOM_ACCOUNT_ID=… ZOOM_CLIENT_ID=… ZOOM_CLIENT_SECRET=… zoom-host mcp\n  \
                            zoom-host mcp --allow create-meeting,add-meeting-registrant,list-meeting-registrants\n  \
                            zoom-host mcp --http 127.0.0.1:0 --read-only")]
    Mcp {
        /// Serve Streamable HTTP on this loopback address (IP:PORT) instead of stdio.
        #[arg(long, value_name = "IP:PORT")]
        http: Option<std::net::SocketAddr>,
        /// List only read-only tools (no tool that creates, changes or deletes anything in Zoom).
        #[arg(long)]
        read_only: bool,
        /// List only these tools (action ids, `poll`, `reconcile`), comma-separated; an unknown id
        /// is refused by name.
        #[arg(long, value_name = "ID,ID,...", value_delimiter = ',')]
        allow: Vec<String>,
        #[command(flatten)]
        connection: ConnectionFlags,
    },

    /// Runs the Zoom API simulator until interrupted; the first stdout line is its URLs and
    /// credentials as JSON.
    #[command(
        after_help = "Examples:\n  zoom-host simulate --port 9000 --seed-account\n  zoom-host simulate --users 100000"
    )]
    Simulate {
        /// The loopback port (0 picks a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Seed hundreds of users, reports and a plan, for the licence actions.
        #[arg(long)]
        seed_account: bool,
        /// Add this many active users (no settings or history), for listing at scale.
        #[arg(long, value_name = "N", default_value_t = 0)]
        users: usize,
    },

    /// Lists the actions.
    #[command(after_help = "Examples:\n  zoom-host actions\n  zoom-host actions --json")]
    Actions {
        /// Print the full manifest platforms build forms from.
        #[arg(long)]
        json: bool,
    },

    /// The connection kinds as JSON (legacy ones marked).
    #[command(after_help = "Example:\n  zoom-host connections")]
    Connections,

    /// Lists the triggers.
    #[command(after_help = "Examples:\n  zoom-host triggers\n  zoom-host triggers --json")]
    Triggers {
        /// Print the trigger manifest (`manifest.triggers`).
        #[arg(long)]
        json: bool,
    },

    /// Writes the action and trigger reference (`actions.md`, `triggers.md`) from the manifest.
    #[command(after_help = "Examples:\n  zoom-host docs\n  zoom-host docs --out docs --check")]
    Docs {
        /// The directory to write to.
        #[arg(long, default_value = "docs")]
        out: std::path::PathBuf,
        /// Write nothing; exit 1 when the files there differ from what would be written.
        #[arg(long)]
        check: bool,
    },

    /// Prints a shell completion script to stdout.
    #[command(after_help = "Examples:\n  zoom-host completions bash > /etc/bash_completion.d/zoom-host\n  \
                            zoom-host completions zsh > \"${fpath[1]}/_zoom-host\"\n  \
                            zoom-host completions fish > ~/.config/fish/completions/zoom-host.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },

    /// Prints speed and memory figures and their ratios (build with --release).
    #[command(after_help = "Examples:\n  cargo run --release -p zoom-host -- bench --iterations 200\n  \
                            cargo run --release -p zoom-host -- bench --quick\n  \
                            cargo run --release -p zoom-host -- bench --serve-load\n  \
                            cargo run --release -p zoom-host -- bench --serve-rate --replay-store redis://127.0.0.1:6379\n\n\
                            Arms: the component (fresh instance per call, and one reused), native Rust \
                            (pooled hyper-util client), and Zoom Rivet on node (bench/rivet; skipped \
                            with a note when node or its node_modules is missing). The output ends \
                            with one line per workload:\n  \
                            RATIO workload=<name> component/native=<x> component/rivet=<y>")]
    Bench(crate::bench::BenchArgs),
}

/// `--output`: how a result is printed.
#[derive(Debug, Args)]
pub struct OutputArg {
    /// json, table or csv; json when stdout is not a terminal, a table when it is. Table and CSV
    /// print the result's main list (its longest), nested fields as dotted columns.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output: Option<crate::render::Format>,
}

/// `--input`: JSON text, or `@file`.
#[derive(Debug, Args)]
pub struct InputArg {
    /// The input as JSON, or @FILE to read it from a file.
    #[arg(long, value_name = "JSON")]
    pub input: Option<String>,
}

/// Where a call's connection comes from. Secrets are read only from the environment
/// (ZOOM_CLIENT_SECRET, ZOOM_API_SECRET) unless a token is pasted; with nothing given, the call
/// runs against an embedded simulator.
#[derive(Debug, Default, Args)]
pub struct ConnectionFlags {
    /// Zoom's API base URL (also ZOOM_API_URL; default https://api.zoom.us/v2).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Zoom's OAuth base URL (also ZOOM_OAUTH_URL; default https://zoom.us).
    #[arg(long, value_name = "URL")]
    pub oauth_url: Option<String>,
    /// A pasted access token (also ZOOM_ACCESS_TOKEN).
    #[arg(long, value_name = "TOKEN")]
    pub access_token: Option<String>,
    /// The Server-to-Server app's account id (also ZOOM_ACCOUNT_ID).
    #[arg(long, value_name = "ID")]
    pub account_id: Option<String>,
    /// The OAuth app's client id (also ZOOM_CLIENT_ID).
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// A legacy JWT app's API key (also ZOOM_API_KEY; the secret in ZOOM_API_SECRET).
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// The tokens file `zoom-host oauth` wrote (also ZOOM_OAUTH_TOKENS); rotated tokens are
    /// written back to it.
    #[arg(long, value_name = "FILE")]
    pub oauth_tokens: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_take_both_spellings_and_headers_repeat() {
        let cli =
            Cli::try_parse_from(["zoom-host", "webhook", "--body={}", "--header", "a: 1", "--header", "b: 2"]).unwrap();
        let Command::Webhook { body, headers, sign } = cli.command else { panic!("{cli:?}") };
        assert_eq!((body.as_str(), headers, sign), ("{}", vec!["a: 1".to_owned(), "b: 2".to_owned()], false));
    }

    #[test]
    fn output_takes_the_three_formats_and_nothing_else() {
        let cli = Cli::try_parse_from(["zoom-host", "call", "list-users", "--output", "csv"]).unwrap();
        let Command::Call { output, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!(output.output, Some(crate::render::Format::Csv));
        let cli = Cli::try_parse_from(["zoom-host", "reconcile"]).unwrap();
        let Command::Reconcile { output, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!(output.output, None, "the default depends on where stdout goes");
        let e = Cli::try_parse_from(["zoom-host", "poll", "--output", "xml"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn sample_takes_a_trigger_id_and_an_optional_max() {
        let cli = Cli::try_parse_from(["zoom-host", "sample", "poll:new-users"]).unwrap();
        let Command::Sample { trigger_id, max, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!((trigger_id.as_str(), max), ("poll:new-users", 10));
        let cli = Cli::try_parse_from(["zoom-host", "sample", "webhook", "--max", "50"]).unwrap();
        let Command::Sample { max, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!(max, 50);
        assert!(Cli::try_parse_from(["zoom-host", "sample"]).is_err(), "the trigger id is required");
    }

    #[test]
    fn mcp_takes_a_transport_and_a_comma_separated_allow_list() {
        let cli = Cli::try_parse_from(["zoom-host", "mcp"]).unwrap();
        let Command::Mcp { http, read_only, allow, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!((http, read_only, allow.len()), (None, false, 0), "stdio, every tool");
        let cli = Cli::try_parse_from([
            "zoom-host",
            "mcp",
            "--http",
            "127.0.0.1:0",
            "--read-only",
            "--allow",
            "get-meeting,poll",
        ])
        .unwrap();
        let Command::Mcp { http, read_only, allow, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!(http, Some("127.0.0.1:0".parse().unwrap()));
        assert!(read_only);
        assert_eq!(allow, ["get-meeting", "poll"]);
        assert!(Cli::try_parse_from(["zoom-host", "mcp", "--http", "8765"]).is_err(), "an address, not a port");
    }

    #[test]
    fn oauth_takes_the_redirects_state() {
        let cli = Cli::try_parse_from(["zoom-host", "oauth", "--code", "-", "--state", "s"]).unwrap();
        let Command::Oauth { code, state, verifier, .. } = cli.command else { panic!("{cli:?}") };
        assert_eq!((code.as_deref(), state.as_deref(), verifier), (Some("-"), Some("s"), None));
    }
}
