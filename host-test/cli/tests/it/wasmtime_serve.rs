//! The built component under `wasmtime serve`, run with the command README's "Other hosts" shows:
//! URL validation answered, a signed delivery verified and relayed over `wasi:http`, a forged one
//! refused. Runs with the `wasmtime` on the PATH, or else the one `scripts/setup.sh` installs under
//! the target directory (`target/tools/wasmtime-VERSION/wasmtime`); with neither it says so and
//! passes, since the CLI is not something the build itself can provide.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use zoom_sim::{sign_delivery, url_validation_body};

use crate::harness::now_i64;
use crate::receiver::Receiver;

fn wasmtime_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("wasmtime")).find(|bin| bin.is_file())
}

/// The binary setup.sh installs: tests run straight from cargo do not get its PATH, so look there.
fn wasmtime_from_setup() -> Option<PathBuf> {
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).parent()?;
    let mut installed: Vec<PathBuf> = std::fs::read_dir(target.join("tools"))
        .ok()?
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("wasmtime-"))
        .map(|entry| entry.path().join("wasmtime"))
        .filter(|bin| bin.is_file())
        .collect();
    installed.sort();
    installed.pop()
}

/// Stops `wasmtime serve` however the test ends.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn wasmtime_serve_runs_the_webhook_endpoint_with_the_readme_command() {
    let Some(wasmtime) = wasmtime_on_path().or_else(wasmtime_from_setup) else {
        eprintln!(
            "skipped: no `wasmtime` on PATH nor under target/tools/ (scripts/setup.sh installs one), \
             so the README's `wasmtime serve` command is not run"
        );
        return;
    };
    eprintln!("running {}", wasmtime.display());
    let secret = "wasmtime-serve-secret-7";
    let relay = Receiver::start(vec![]);
    let addr = format!("127.0.0.1:{}", free_port());
    // README: wasmtime serve -S cli --addr ... --env ZOOM_WEBHOOK_SECRET_TOKEN --env ZOOM_WEBHOOK_RELAY_URL <wasm>
    let mut served = Served(
        Command::new(&wasmtime)
            .args(["serve", "-S", "cli", "--addr", &addr])
            .args(["--env", "ZOOM_WEBHOOK_SECRET_TOKEN", "--env", "ZOOM_WEBHOOK_RELAY_URL"])
            .arg(zoom_host::COMPONENT_PATH)
            .env("ZOOM_WEBHOOK_SECRET_TOKEN", secret)
            .env("ZOOM_WEBHOOK_RELAY_URL", &relay.url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("wasmtime starts"),
    );
    // wasmtime compiles the component before it listens.
    let deadline = Instant::now() + Duration::from_secs(120);
    while TcpStream::connect(&addr).is_err() {
        assert!(served.0.try_wait().unwrap().is_none(), "wasmtime serve exited before listening");
        assert!(Instant::now() < deadline, "wasmtime serve did not listen on {addr} within 120 s");
        std::thread::sleep(Duration::from_millis(200));
    }

    let url = format!("http://{addr}/");
    let sim = zoom_sim::Simulator::start().unwrap();
    let challenge = url_validation_body("plain-wasmtime", now_i64() * 1000);
    let validation = sim.deliver_webhook(&url, &challenge, &sign_delivery(secret, &challenge, now_i64()));
    let body = r#"{"event":"meeting.started","event_ts":1,"payload":{"account_id":"A","object":{"id":"85","uuid":"u==","host_id":"h","topic":"Under wasmtime","type":2}}}"#;
    let ok = sim.deliver_webhook(&url, body, &sign_delivery(secret, body, now_i64()));
    let forged = sim.deliver_webhook(&url, body, &sign_delivery("not-the-secret", body, now_i64()));
    drop(served);

    let (status, reply) = validation.expect("validation answered");
    assert_eq!(status, 200, "{reply}");
    let reply: Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(reply["plainToken"], "plain-wasmtime");
    assert_eq!(reply["encryptedToken"], crate::harness::encrypted_token(secret, "plain-wasmtime"));

    assert_eq!(ok.expect("delivery answered"), (200, r#"{"received":true}"#.to_owned()));
    let (status, reply) = forged.expect("forgery answered");
    assert_eq!((status, reply.as_str()), (401, r#"{"error":"bad_signature"}"#));

    // Outgoing HTTP works under `serve` with no extra flag: the verified event reached the relay.
    let relayed = relay.received();
    assert_eq!(relayed.len(), 1, "only the verified event is relayed: {relayed:?}");
    let event: Value = serde_json::from_str(&relayed[0]).unwrap();
    assert_eq!(event["name"], "meeting.started");
    assert_eq!(event["payload"]["object"]["topic"], "Under wasmtime");
    assert!(!relayed[0].contains(secret), "the secret is never relayed");
}
