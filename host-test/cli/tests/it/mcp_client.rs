//! `zoom-host mcp` checked with a client we did not write: the official MCP TypeScript SDK
//! (`host-test/mcp-client`, pinned by its package-lock.json and installed by `scripts/setup.sh`)
//! over stdio and Streamable HTTP, with the simulator behind the server. The client prints what
//! it saw as one JSON line; the assertions hold it to the manifest and to the simulator.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};
use zoom_runtime::{s2s_connection, Outcome, MANIFEST};
use zoom_sim::Simulator;

use crate::harness::{allowed, record_secrets, runtime, CONNECTION_VARS};

const ZOOM_HOST: &str = env!("CARGO_BIN_EXE_zoom-host");

fn client_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mcp-client")
}

/// The client's prerequisites; missing ones fail the test with what to run, never skip it.
fn client_ready() {
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "node is not on the PATH: the MCP client test needs it (Debian: apt-get install nodejs npm), then run \
         scripts/setup.sh"
    );
    let sdk = client_dir().join("node_modules/@modelcontextprotocol/sdk/package.json");
    assert!(sdk.exists(), "{} is missing: run scripts/setup.sh (npm ci in host-test/mcp-client)", sdk.display());
}

/// The server's connection: Server-to-Server OAuth against `sim`, from the environment.
fn sim_env(sim: &Simulator) -> Vec<(&'static str, String)> {
    let c = sim.credentials();
    vec![
        ("ZOOM_API_URL", sim.api_url()),
        ("ZOOM_OAUTH_URL", sim.oauth_url()),
        ("ZOOM_ACCOUNT_ID", c.account_id),
        ("ZOOM_CLIENT_ID", c.client_id),
        ("ZOOM_CLIENT_SECRET", c.client_secret),
    ]
}

fn command(program: &str, env: &[(&str, String)]) -> Command {
    let mut c = Command::new(program);
    for var in CONNECTION_VARS {
        c.env_remove(var);
    }
    // The client's one-call mode is for the test that asks for it.
    c.env_remove("MCP_CHECK_CALL");
    c.envs(env.iter().map(|(k, v)| (k, v)));
    c
}

/// Runs the client with `args` and returns its report.
fn run_client(args: &[&str], env: &[(&str, String)]) -> Value {
    client_ready();
    let out = command("node", env).arg(client_dir().join("check.mjs")).args(args).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the MCP client failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let line = stdout.lines().last().expect("the client printed its report");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("the report is not JSON ({e}): {line}"))
}

/// `zoom-host mcp --http 127.0.0.1:0 EXTRA...`, and the URL it printed.
fn http_server(extra: &[&str], env: &[(&str, String)]) -> (Child, String) {
    let mut child = command(ZOOM_HOST, env)
        .args(["mcp", "--http", "127.0.0.1:0"])
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("zoom-host starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("zoom-host printed where it serves").unwrap();
        if let Some(url) = line.strip_prefix("serving MCP (Streamable HTTP) on ") {
            break url.to_owned();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, url)
}

/// The component's action manifest.
async fn manifest() -> Vec<Value> {
    let mut connector = runtime().instantiate().await.unwrap();
    let Outcome::Ok(Value::Array(actions)) = connector.call(MANIFEST, "describe", &[]).await.unwrap() else {
        panic!("manifest.describe")
    };
    actions
}

fn tool<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["tools"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no tool {name}"))
}

fn names(report: &Value) -> BTreeSet<String> {
    report["tools"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect()
}

/// Every tool's schemas compile as JSON Schema 2020-12 with objects at the top, and its
/// annotations are the manifest's effects.
fn assert_listing(report: &Value, actions: &[Value]) {
    assert_eq!(report["server"]["name"], "zoom-host");
    for t in report["tools"].as_array().unwrap() {
        let name = &t["name"];
        assert_eq!(t["inputSchemaError"], Value::Null, "{name}: the input schema is not valid JSON Schema");
        assert_eq!(t["outputSchemaError"], Value::Null, "{name}: the output schema is not valid JSON Schema");
        assert_eq!(t["inputSchemaType"], "object", "{name}");
        assert_eq!(t["outputSchemaType"], "object", "{name}");
        assert_eq!(t["annotations"]["openWorldHint"], true, "{name}");
        if let Some(action) = actions.iter().find(|a| a["id"] == *name) {
            let effects = &action["annotations"];
            assert_eq!(t["annotations"]["readOnlyHint"], effects["read_only"], "{name}");
            assert_eq!(t["annotations"]["destructiveHint"], effects["destructive"], "{name}");
            assert_eq!(t["annotations"]["idempotentHint"], effects["idempotent"], "{name}");
            assert!(t["description"].as_str().unwrap().starts_with(action["description"].as_str().unwrap()), "{name}");
        }
    }
}

/// Every action, `poll` and `reconcile` are listed; a read, a create and a delete are annotated so.
fn assert_every_tool(report: &Value, actions: &[Value]) {
    let mut expected: BTreeSet<String> = actions.iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect();
    expected.extend(["poll".to_owned(), "reconcile".to_owned()]);
    assert_eq!(names(report), expected);
    assert_listing(report, actions);
    let get = &tool(report, "get-meeting")["annotations"];
    assert_eq!((&get["readOnlyHint"], &get["destructiveHint"]), (&json!(true), &json!(false)));
    let create = &tool(report, "create-meeting")["annotations"];
    assert_eq!((&create["readOnlyHint"], &create["destructiveHint"]), (&json!(false), &json!(false)));
    let delete = &tool(report, "delete-meeting")["annotations"];
    assert_eq!((&delete["readOnlyHint"], &delete["destructiveHint"]), (&json!(false), &json!(true)));
}

/// The three calls did what the simulator holds, with no credential in what the agent got, and
/// the bad input came back as a tool error naming the field.
async fn assert_calls(report: &Value, sim: &Simulator) {
    let calls = &report["calls"];
    for (name, call) in calls.as_object().unwrap() {
        assert_eq!(call["thrown"], Value::Null, "{name}: the SDK refused the result: {call}");
    }
    let created = &calls["create"];
    assert_eq!(created["isError"], false, "{created}");
    let id = created["structured"]["id"].as_u64().expect("the created meeting's id");
    assert_eq!(created["structured"]["topic"], "MCP planning");
    assert!(created["text"][0].as_str().unwrap().contains(&id.to_string()), "{created}");

    // What the simulator holds, read through the component directly.
    let c = sim.credentials();
    let conn = s2s_connection(&sim.api_url(), &sim.oauth_url(), &c.account_id, &c.client_id, &c.client_secret);
    let mut connector = runtime().instantiate_allowing(&allowed(sim)).await.unwrap();
    let Outcome::Ok(meeting) = connector.action("get-meeting", &conn, &json!({"meeting_id": id})).await.unwrap() else {
        panic!("the meeting the agent created exists")
    };
    assert_eq!(meeting["topic"], "MCP planning");
    let start_url = meeting["start_url"].as_str().expect("Zoom gives the host a start link");
    assert_eq!(created["structured"]["start_url"], "[redacted]");
    assert_eq!(calls["get"]["structured"]["id"], id);
    assert_eq!(calls["get"]["structured"]["start_url"], "[redacted]");

    assert_eq!(calls["register"]["isError"], false, "{}", calls["register"]);
    let listed = &calls["list"];
    assert_eq!(listed["isError"], false, "{listed}");
    let registrants = listed["structured"]["items"].as_array().expect("registrants");
    assert_eq!(registrants.len(), 1, "{listed}");
    assert_eq!(registrants[0]["email"], "ada@example.com");
    assert_eq!(registrants[0]["first_name"], "Ada");
    let Outcome::Ok(held) =
        connector.action("list-meeting-registrants", &conn, &json!({"meeting_id": id})).await.unwrap()
    else {
        panic!("the registrants of the meeting")
    };
    let join_url = held["items"][0]["join_url"].as_str().expect("a registrant's personal link");
    assert_eq!(held["items"][0]["email"], "ada@example.com");
    assert_eq!(registrants[0]["join_url"], "[redacted]");
    let seen = report.to_string();
    assert!(!seen.contains(start_url) && !seen.contains(join_url), "a credential reached the agent");

    assert_trigger_calls(calls, id);

    let bad = &calls["bad"];
    assert_eq!(bad["isError"], true, "{bad}");
    assert_eq!(bad["structured"], Value::Null);
    let error: Value = serde_json::from_str(bad["text"][0].as_str().unwrap()).expect("the typed error as JSON");
    assert_eq!(error["invalid_input"]["field"], "meeting_id", "{error}");
}

/// `poll` found the one registrant, then nothing from its cursor; `reconcile` rebuilt the
/// meeting's creation and the registration, both keyed by the meeting.
fn assert_trigger_calls(calls: &Value, id: u64) {
    let first = &calls["pollFirst"];
    assert_eq!(first["isError"], false, "{first}");
    let items = first["structured"]["items"].as_array().expect("the first poll's items");
    assert_eq!(items.len(), 1, "{first}");
    let registrant = &items[0]["item"]["registrant"];
    assert_eq!(registrant["email"], "ada@example.com", "{first}");
    assert_eq!(registrant["join_url"], "[redacted]", "a registrant's link is a credential");
    assert!(first["structured"]["cursor"].as_str().is_some_and(|c| !c.is_empty()), "{first}");
    assert!(first["text"][0].as_str().unwrap().starts_with("poll: 1 item"), "{first}");

    let next = &calls["pollNext"];
    assert_eq!(next["isError"], false, "{next}");
    assert_eq!(next["structured"]["items"], json!([]), "the cursor remembers the registrant");

    let reconciled = &calls["reconcile"];
    assert_eq!(reconciled["isError"], false, "{reconciled}");
    let events = reconciled["structured"]["result"].as_array().expect("reconcile's events, under `result`");
    let names: BTreeSet<&str> = events.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, BTreeSet::from(["meeting.created", "meeting.registration_created"]), "{reconciled}");
    for event in events {
        assert!(event["key"].as_str().unwrap().contains(&id.to_string()), "{event}");
    }
}

/// What every transport must show: the whole tool list, and the calls done as the simulator holds.
async fn assert_full_run(report: &Value, sim: &Simulator) {
    assert_every_tool(report, &manifest().await);
    assert_calls(report, sim).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_client_over_stdio_lists_every_action_and_schedules_and_registers() {
    let sim = Simulator::start().unwrap();
    record_secrets(&sim);
    let report = tokio::task::block_in_place(|| run_client(&["stdio", ZOOM_HOST, "mcp"], &sim_env(&sim)));
    assert_full_run(&report, &sim).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_client_over_streamable_http_does_the_same() {
    let sim = Simulator::start().unwrap();
    record_secrets(&sim);
    let (mut server, url) = http_server(&[], &sim_env(&sim));
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/mcp"), "{url}");
    let report = tokio::task::block_in_place(|| run_client(&["http", &url], &[]));
    server.kill().unwrap();
    server.wait().unwrap();
    assert_full_run(&report, &sim).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn read_only_hides_every_tool_that_changes_zoom_on_both_transports() {
    let sim = Simulator::start().unwrap();
    record_secrets(&sim);
    let actions = manifest().await;
    let mut expected: BTreeSet<String> = actions
        .iter()
        .filter(|a| a["annotations"]["read_only"] == true)
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    expected.extend(["poll".to_owned(), "reconcile".to_owned()]);
    assert!(expected.len() < actions.len(), "some actions change data");

    let (mut server, url) = http_server(&["--read-only"], &sim_env(&sim));
    let over_http = tokio::task::block_in_place(|| run_client(&["http", &url], &[]));
    server.kill().unwrap();
    server.wait().unwrap();
    let over_stdio =
        tokio::task::block_in_place(|| run_client(&["stdio", ZOOM_HOST, "mcp", "--read-only"], &sim_env(&sim)));
    for report in [&over_http, &over_stdio] {
        assert_eq!(names(report), expected);
        assert_listing(report, &actions);
        for t in report["tools"].as_array().unwrap() {
            assert_eq!(t["annotations"]["readOnlyHint"], true, "{}", t["name"]);
            assert_eq!(t["annotations"]["destructiveHint"], false, "{}", t["name"]);
        }
        assert!(report.get("calls").is_none(), "create-meeting is not offered, so nothing was called");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_scope_comes_back_as_a_tool_error_naming_the_scope() {
    let sim = Simulator::start().unwrap();
    record_secrets(&sim);
    let token = sim.mint_token_with_scopes(&["meeting:read:meeting"]);
    let env = [("ZOOM_API_URL", sim.api_url()), ("ZOOM_ACCESS_TOKEN", token)];
    let call = json!({"name": "create-meeting", "arguments": {"topic": "Not allowed"}}).to_string();
    let mut env = env.to_vec();
    env.push(("MCP_CHECK_CALL", call));
    let report = tokio::task::block_in_place(|| {
        run_client(&["stdio", ZOOM_HOST, "mcp", "--allow", "create-meeting,get-meeting"], &env)
    });
    assert_eq!(names(&report), BTreeSet::from(["create-meeting".to_owned(), "get-meeting".to_owned()]));
    let only = &report["calls"]["only"];
    assert_eq!(only["isError"], true, "{only}");
    let error: Value = serde_json::from_str(only["text"][0].as_str().unwrap()).unwrap();
    let scope = error["missing_scope"]["scope"].as_str().unwrap_or_else(|| panic!("{error}"));
    assert!(scope.starts_with("meeting:write"), "{error}");
    assert!(only["text"][1].as_str().unwrap().contains(&format!("add the scope {scope}")), "{only}");
    let posts: Vec<u16> = sim.requests().iter().filter(|r| r.method == "POST").map(|r| r.status).collect();
    assert!(posts.iter().all(|s| *s >= 400), "Zoom refused every create: {posts:?}");
}

#[test]
fn unknown_allowed_ids_and_remote_addresses_are_refused_by_name() {
    let out = command(ZOOM_HOST, &[]).args(["mcp", "--allow", "get-meeting,get-meting"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no tool is named get-meting"), "{stderr}");
    let out = command(ZOOM_HOST, &[]).args(["mcp", "--http", "0.0.0.0:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only a loopback address"));
}

#[test]
fn mcp_help_documents_both_transports_and_the_flags() {
    let out = command(ZOOM_HOST, &[]).args(["mcp", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "stdio",
        "Streamable HTTP",
        "--http <IP:PORT>",
        "http://127.0.0.1:8765/mcp",
        "--read-only",
        "--allow",
        "--api-url",
    ] {
        assert!(help.contains(needle), "`zoom-host mcp --help` does not mention {needle}:\n{help}");
    }
}
