//! The `zoom-host` binary's contract: commands, exit codes, JSON on the right stream, no secrets.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::{json, Value};

use crate::harness::zoom_host;

#[test]
fn call_unknown_meeting_prints_typed_not_found_and_fails() {
    let out = zoom_host().args(["call", "get-meeting", "--input", r#"{"meeting_id": 1}"#]).output().unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).expect("stderr is the typed error as JSON");
    assert_eq!(err["not_found"]["code"], 3001);
    assert!(out.stdout.is_empty());
}

#[test]
fn call_prints_result_json_on_success() {
    let out = zoom_host().args(["call", "create-meeting", "--input", r#"{"topic": "From the CLI"}"#]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["topic"], "From the CLI");
}

#[test]
fn call_against_a_running_simulator_with_env_credentials_never_prints_them() {
    let mut sim = zoom_host().args(["simulate"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(sim.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let info: Value = serde_json::from_str(&line).expect("first line is JSON");
    let secret = info["client_secret"].as_str().unwrap().to_owned();
    let run = |account: &str| {
        zoom_host()
            .args(["call", "test-connection"])
            .env("ZOOM_API_URL", info["api_url"].as_str().unwrap())
            .env("ZOOM_OAUTH_URL", info["oauth_url"].as_str().unwrap())
            .env("ZOOM_ACCOUNT_ID", account)
            .env("ZOOM_CLIENT_ID", info["client_id"].as_str().unwrap())
            .env("ZOOM_CLIENT_SECRET", &secret)
            .output()
            .unwrap()
    };
    let good = run(info["account_id"].as_str().unwrap());
    let bad = run("wrong-account");
    let _ = sim.kill();
    let _ = sim.wait();
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    assert!(!bad.status.success());
    let bad_err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert!(bad_err.get("unauthorized").is_some(), "{bad_err}");
    for out in [&good, &bad] {
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!text.contains(&secret), "the client secret leaked: {text}");
    }
}

#[test]
fn actions_json_prints_the_manifest_of_every_action() {
    let out = zoom_host().args(["actions", "--json"]).output().unwrap();
    let manifest: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = manifest.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 59, "{ids:?}");
    assert!(ids.contains(&"create-meeting") && ids.contains(&"raw-request") && ids.contains(&"get-phone-recordings"));
    let create = &manifest[ids.iter().position(|i| *i == "create-meeting").unwrap()];
    assert!(create["inputs"].as_array().unwrap().iter().any(|i| i["name"] == "topic" && i["required"] == false));
    assert!(create["scopes"].as_array().unwrap().iter().any(|s| s == "meeting:write:meeting"));
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::Read;
    let mut child =
        zoom_host().args(["actions", "--json"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The manifest is far larger than a pipe's buffer, so the writer is still writing when the
    // reader goes away, as with `| head`.
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(stderr.is_empty(), "a closed pipe must not print anything: {stderr}");
    assert!(!status.success(), "the listing cannot have finished: {status:?}");
}

#[test]
fn demo_runs_the_whole_recipe() {
    let out = zoom_host().arg("demo").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("across 3 pages"), "{text}");
    assert!(text.lines().last().unwrap_or("").starts_with("demo ok"), "{text}");
}

#[test]
fn call_checks_input_against_the_schema_before_anything_is_sent() {
    // Nothing listens on the API address: an input that got past the check would be a transport error.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let api = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let call = |input: &str| {
        let out = zoom_host()
            .args(["call", "create-meeting", "--input", input])
            .env("ZOOM_API_URL", &api)
            .env("ZOOM_ACCESS_TOKEN", "schema-check-token-0123456789")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        err
    };
    let err = call(r#"{"topic": 5}"#);
    assert_eq!(err["invalid_input"], json!({"field": "topic", "message": "must be a string"}));
    let err = call(r#"{"settings": {"audio": "loud"}}"#);
    assert_eq!(err["invalid_input"]["field"], "settings.audio");
    assert!(err["invalid_input"]["message"].as_str().unwrap().contains("telephony"), "{err}");
    let err = call(r#"{"meeting_type": "recurring-fixed-time", "surprise": 1}"#);
    assert_eq!(err["invalid_input"]["field"], "surprise", "the dashed spelling of an enum passes: {err}");
    // A fitting input goes on to the component, which then fails to reach the closed port.
    let err = call(r#"{"topic": "Fits"}"#);
    assert!(err.get("transport").is_some() || err.get("outcome_unknown").is_some(), "{err}");
}

#[test]
fn bad_json_input_is_a_typed_error() {
    let out = zoom_host().args(["call", "get-meeting", "--input", "{nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["invalid_input"]["field"], "input");
}

#[test]
fn every_connection_kind_works_from_the_cli_and_no_output_carries_a_secret() {
    let mut sim = zoom_host().args(["simulate"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(sim.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let info: Value = serde_json::from_str(&line).unwrap();
    let s = |v: &Value| v.as_str().unwrap().to_owned();
    let store = std::env::temp_dir().join(format!("zoom-oauth-cli-test-{}.json", std::process::id()));
    let mut outputs = Vec::new();
    let mut run = |args: &[&str], env: &[(&str, String)]| {
        let mut c = zoom_host();
        c.args(args).env("ZOOM_API_URL", s(&info["api_url"]));
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        outputs.push(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
        out.status.success()
    };
    let jwt = [("ZOOM_API_KEY", s(&info["jwt"]["api_key"])), ("ZOOM_API_SECRET", s(&info["jwt"]["api_secret"]))];
    let jwt_ok = run(&["call", "test-connection"], &jwt);
    let user_app = [
        ("ZOOM_OAUTH_URL", s(&info["oauth_url"])),
        ("ZOOM_CLIENT_ID", s(&info["user_app"]["client_id"])),
        ("ZOOM_CLIENT_SECRET", s(&info["user_app"]["client_secret"])),
        ("ZOOM_REDIRECT_URI", s(&info["user_app"]["redirect_uri"])),
    ];
    let oauth_ok = run(&["oauth", "--store", store.to_str().unwrap()], &user_app);
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&store).unwrap()).unwrap();
    let oauth_call_ok = run(
        &["call", "create-meeting", "--input", r#"{"topic": "Via OAuth"}"#, "--oauth-tokens", store.to_str().unwrap()],
        &[("ZOOM_CLIENT_SECRET", s(&info["user_app"]["client_secret"]))],
    );
    let wrong = [
        ("ZOOM_OAUTH_URL", s(&info["oauth_url"])),
        ("ZOOM_ACCOUNT_ID", s(&info["account_id"])),
        ("ZOOM_CLIENT_ID", s(&info["client_id"])),
        ("ZOOM_CLIENT_SECRET", format!("{}x", s(&info["client_secret"]))),
    ];
    let wrong_ok = run(&["call", "test-connection"], &wrong);
    let _ = sim.kill();
    let _ = sim.wait();
    let _ = std::fs::remove_file(&store);
    assert!(jwt_ok && oauth_ok && oauth_call_ok && !wrong_ok, "{outputs:#?}");
    assert!(outputs[1].contains("stored tokens in"), "{}", outputs[1]);
    let secrets = [
        s(&info["client_secret"]),
        s(&info["webhook_secret"]),
        s(&info["user_app"]["client_secret"]),
        s(&info["jwt"]["api_secret"]),
        s(&stored["tokens"]["access_token"]),
        s(&stored["tokens"]["refresh_token"]),
    ];
    for (i, out) in outputs.iter().enumerate() {
        for secret in &secrets {
            assert!(!out.contains(secret.as_str()), "output {i} carries a secret: {out}");
        }
    }
}

#[test]
fn connections_lists_every_kind_with_legacy_ones_marked() {
    let out = zoom_host().arg("connections").output().unwrap();
    let kinds: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let legacy: Vec<(&str, bool)> =
        kinds.iter().map(|k| (k["id"].as_str().unwrap(), k["legacy"].as_bool().unwrap())).collect();
    assert_eq!(legacy, [("server-to-server", false), ("oauth", false), ("access-token", true), ("jwt", true)]);
}

#[test]
fn poll_and_reconcile_run_from_the_cli_against_a_running_simulator() {
    let mut sim = zoom_host().args(["simulate"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(sim.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let info: Value = serde_json::from_str(&line).expect("first line is JSON");
    let run = |command: &str, input: &str| {
        zoom_host()
            .args([command, "--input", input])
            .env("ZOOM_API_URL", info["api_url"].as_str().unwrap())
            .env("ZOOM_OAUTH_URL", info["oauth_url"].as_str().unwrap())
            .env("ZOOM_ACCOUNT_ID", info["account_id"].as_str().unwrap())
            .env("ZOOM_CLIENT_ID", info["client_id"].as_str().unwrap())
            .env("ZOOM_CLIENT_SECRET", info["client_secret"].as_str().unwrap())
            .output()
            .unwrap()
    };
    let first = run("poll", r#"{"source": {"new_recordings": "me"}, "backfill_hours": 720}"#);
    let bad = run("poll", r#"{"source": "new_users", "cursor": "forged"}"#);
    let from_cursor = first.status.success().then(|| {
        let v: Value = serde_json::from_slice(&first.stdout).unwrap();
        let input = serde_json::json!({"source": {"new_recordings": "me"}, "cursor": v["cursor"]}).to_string();
        (v, run("poll", &input))
    });
    let reconcile =
        run("reconcile", r#"{"from": "2020-01-01T00:00:00Z", "to": "2020-01-02T00:00:00Z", "seen_keys": []}"#);
    let _ = sim.kill();
    let _ = sim.wait();

    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let (v, again) = from_cursor.unwrap();
    assert!(!v["items"].as_array().unwrap().is_empty(), "the backfill finds the seeded recordings: {v}");
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["items"], serde_json::json!([]), "the cursor remembers what was returned");
    assert!(!bad.status.success());
    let err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["invalid_input"]["field"], "cursor");
    assert!(reconcile.status.success(), "{}", String::from_utf8_lossy(&reconcile.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&reconcile.stdout).unwrap(), serde_json::json!([]));
}

#[test]
fn triggers_json_lists_the_webhook_every_poll_source_and_recovery() {
    let out = zoom_host().args(["triggers", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    // Every case of the WIT `poll-source` variant has its trigger, and nothing else polls.
    let poll = zoom_host::runtime(zoom_runtime::Limits::default())
        .unwrap()
        .functions(zoom_runtime::TRIGGERS)
        .unwrap()
        .into_iter()
        .find(|f| f.name == "poll")
        .unwrap();
    let wasmtime::component::Type::Record(request) = &poll.params[1].1 else { panic!("poll takes a record") };
    let source = request.fields().find(|f| f.name == "source").unwrap().ty;
    let wasmtime::component::Type::Variant(cases) = source else { panic!("source is a variant") };
    let mut expected: Vec<String> = cases.cases().map(|c| format!("poll:{}", c.name)).collect();
    expected.insert(0, "webhook".into());
    expected.push("reconcile".into());
    assert_eq!(ids, expected);
    for t in list.as_array().unwrap() {
        let kind = t["kind"].as_str().unwrap();
        assert_eq!(t["scopes"].as_array().unwrap().is_empty(), kind == "webhook", "{t}");
    }
    assert!(list[0]["events"].as_array().unwrap().len() >= 28);
    let of = |id: &str| list.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap().clone();
    let has = |t: &Value, key: &str, value: &str| t[key].as_array().unwrap().iter().any(|s| s == value);
    for event in ["meeting.summary_completed", "phone.callee_ended", "meeting.ended", "recording.transcript_completed"]
    {
        assert!(has(&list[0], "events", event), "the webhook types {event}");
    }
    // Scopes from Zoom's spec for the operations each new source lists.
    assert!(has(&of("poll:new-ended-meetings"), "scopes", "report:read:user:admin"));
    assert!(has(&of("poll:new-transcripts"), "scopes", "cloud_recording:read:list_user_recordings"));
    assert!(has(&of("poll:new-phone-calls"), "scopes", "phone:read:list_call_logs"));
    let reconcile = of("reconcile");
    assert!(has(&reconcile, "events", "meeting.ended") && has(&reconcile, "events", "recording.transcript_completed"));
    assert!(has(&reconcile, "scopes", "report:read:user:admin"));
}

#[test]
fn options_prints_a_page_of_choices_and_a_missing_choice_is_a_typed_error() {
    let out = zoom_host().args(["options", "create-meeting", "timezone", "--search", "BERLIN"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["value"], "Europe/Berlin", "{page}");
    assert!(page["cursor"].is_null());

    // Page tokens live in one simulator: the cursor is followed against a running one.
    let mut sim = zoom_host().args(["simulate"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(sim.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let info: Value = serde_json::from_str(&line).expect("first line is JSON");
    let run = |args: &[&str]| {
        zoom_host()
            .arg("options")
            .args(args)
            .env("ZOOM_API_URL", info["api_url"].as_str().unwrap())
            .env("ZOOM_OAUTH_URL", info["oauth_url"].as_str().unwrap())
            .env("ZOOM_ACCOUNT_ID", info["account_id"].as_str().unwrap())
            .env("ZOOM_CLIENT_ID", info["client_id"].as_str().unwrap())
            .env("ZOOM_CLIENT_SECRET", info["client_secret"].as_str().unwrap())
            .output()
            .unwrap()
    };
    let first = run(&["get-user", "user_id", "--page-size", "1"]);
    let next =
        serde_json::from_slice::<Value>(&first.stdout).ok().and_then(|v| v["cursor"].as_str().map(str::to_owned));
    let second = next.map(|cursor| run(&["get-user", "user_id", "--page-size", "1", "--cursor", &cursor]));
    let missing = run(&["get-meeting", "occurrence_id", "--input", r#"{"topic": "x"}"#]);
    let _ = sim.kill();
    let _ = sim.wait();

    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let first: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 1, "{first}");
    let second = second.expect("more users follow");
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let second: Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(second["items"].as_array().unwrap().len(), 1, "{second}");
    assert_ne!(second["items"][0]["value"], first["items"][0]["value"]);
    assert_eq!(missing.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&missing.stderr).unwrap();
    assert_eq!(err["invalid_input"]["field"], "meeting_id");
}

#[test]
fn sample_prints_what_a_trigger_emits_as_json() {
    let out = zoom_host().args(["sample", "poll:new-users", "--max", "2"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let samples: Value = serde_json::from_slice(&out.stdout).unwrap();
    let samples = samples.as_array().unwrap();
    assert_eq!(samples.len(), 2, "--max 2 of the simulator's users: {samples:?}");
    assert!(samples.iter().all(|s| s["polled"]["key"].as_str().unwrap().starts_with("user:")), "{samples:?}");
    assert!(samples.iter().all(|s| s["polled"]["item"]["user"]["email"].is_string()), "{samples:?}");

    let out = zoom_host().args(["sample", "webhook", "--max", "50"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let samples: Value = serde_json::from_slice(&out.stdout).unwrap();
    let events: Vec<&Value> = samples.as_array().unwrap().iter().map(|s| &s["event"]).collect();
    assert!(events.len() >= 28, "one per family at least: {}", events.len());
    let started = events.iter().find(|e| e["name"] == "meeting.started").expect("a meeting.started sample");
    assert!(started["key"].as_str().unwrap().starts_with("example:"), "no API shows started meetings: {started}");
    assert!(started["typed"]["meeting_started"]["id"].is_string(), "{started}");

    let out = zoom_host().args(["sample", "poll:nothing"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).expect("stderr is the typed error as JSON");
    assert_eq!(err["invalid_input"]["field"], "trigger_id");
    assert!(out.stdout.is_empty());
}
