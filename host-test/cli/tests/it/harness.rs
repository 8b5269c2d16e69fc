//! Shared set-up: one compiled component for the whole binary, one simulator per test.

use std::sync::OnceLock;

use serde_json::{json, Value};
use zoom_runtime::egress::origin_of;
use zoom_runtime::{s2s_connection, token_connection, Connector, Limits, Outcome, Runtime, TRIGGERS};
use zoom_sim::Simulator;

pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| zoom_host::runtime(Limits::default()).expect("the component loads"))
}

/// A simulator, an instance allowed to reach it, and an S2S connection to it.
pub struct Env {
    pub sim: Simulator,
    pub conn: Value,
    pub connector: Connector,
}

impl Env {
    pub async fn new() -> Env {
        let sim = Simulator::start().expect("simulator starts");
        record_secrets(&sim);
        let c = sim.credentials();
        let conn = s2s_connection(&sim.api_url(), &sim.oauth_url(), &c.account_id, &c.client_id, &c.client_secret);
        let connector = runtime().instantiate_allowing(&allowed(&sim)).await.expect("instance");
        Env { sim, conn, connector }
    }

    /// A pasted-token connection to the same simulator.
    pub fn token_conn(&self) -> Value {
        token_connection(&self.sim.api_url(), &self.sim.mint_token())
    }

    pub async fn run(&mut self, action: &str, input: Value) -> Outcome {
        let conn = self.conn.clone();
        self.connector.action(action, &conn, &input).await.expect("the call completes without a trap")
    }

    pub async fn ok(&mut self, action: &str, input: Value) -> Value {
        match self.run(action, input).await {
            Outcome::Ok(v) => v,
            Outcome::Err(e) => panic!("{action} failed: {e}"),
        }
    }

    pub async fn err(&mut self, action: &str, input: Value) -> Value {
        match self.run(action, input).await {
            Outcome::Err(e) => e,
            Outcome::Ok(v) => panic!("{action} unexpectedly succeeded: {v}"),
        }
    }

    /// Calls a trigger function that takes the connection and a request (`poll`, `reconcile`).
    pub async fn trigger(&mut self, function: &str, request: Value) -> Outcome {
        let conn = self.conn.clone();
        self.connector.call(TRIGGERS, function, &[conn, request]).await.expect("the call completes without a trap")
    }

    /// Creates a meeting that takes registrations and returns its id.
    pub async fn registration_meeting(&mut self) -> u64 {
        let m = self.ok("create-meeting", json!({"topic": "Reg", "start_time": "2030-01-01T10:00:00Z", "settings": {"approval_type": "automatic"}})).await;
        m["id"].as_u64().expect("meeting id")
    }

    /// Requests the simulator received whose path ends with `suffix`.
    pub fn hits(&self, suffix: &str) -> usize {
        self.sim.requests().iter().filter(|r| r.path.ends_with(suffix)).count()
    }
}

// Every request a test made must match Zoom's spec (method, path, query, body), so a wrong field
// name or type anywhere in the component fails the suite.
impl Drop for Env {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            zoom_sim::conformance::assert_conformant(&self.sim.requests());
        }
    }
}

/// Appends every secret this simulator accepts to a file that `scripts/test.sh` greps the whole
/// suite's output for: no secret may appear in anything the tests printed.
pub fn record_secrets(sim: &Simulator) {
    use std::io::Write;
    let c = sim.credentials();
    let (_, api_secret) = sim.jwt_credentials();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("secrets-used.txt");
    // One write per simulator: tests run in parallel and appends must not interleave.
    let lines =
        format!("{}\n{}\n{}\n{}\n", c.client_secret, c.webhook_secret, sim.oauth_app().client_secret, api_secret);
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = f.write_all(lines.as_bytes());
    }
}

/// The variables of the developer's own connection, which must not reach a `zoom-host` under test.
pub const CONNECTION_VARS: [&str; 9] = [
    "ZOOM_API_URL",
    "ZOOM_OAUTH_URL",
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
    "ZOOM_ACCESS_TOKEN",
    "ZOOM_API_KEY",
    "ZOOM_API_SECRET",
    "ZOOM_OAUTH_TOKENS",
];

/// The `zoom-host` binary, with none of [`CONNECTION_VARS`] set.
pub fn zoom_host() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_zoom-host"));
    for var in CONNECTION_VARS {
        c.env_remove(var);
    }
    c
}

pub fn allowed(sim: &Simulator) -> Vec<String> {
    [sim.api_url(), sim.oauth_url()].iter().filter_map(|u| origin_of(u)).collect()
}

/// The single case name of a typed error (`not_found`, `invalid_input`, ...).
pub fn kind(error: &Value) -> &str {
    error.as_object().and_then(|o| o.keys().next()).map(String::as_str).unwrap_or("")
}

/// The `encryptedToken` Zoom expects back for a URL validation: HMAC-SHA-256 of the plain token
/// under the secret, in lowercase hex. Computed here, apart from the component, so a test checks it.
pub fn encrypted_token(secret: &str, plain: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(plain.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds since 1970: webhook timestamps, poll windows and cursors are all on this clock.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock after 1970").as_secs()
}

/// [`now`] as Zoom's signed `x-zm-request-timestamp` and the typed webhook API carry it.
pub fn now_i64() -> i64 {
    now() as i64
}
