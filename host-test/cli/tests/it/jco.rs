//! What the jco tests share: Node and the pinned npm packages of `host-test/jco` (installed by
//! `scripts/setup.sh`; missing ones fail the test, naming the fix), the release component
//! transpiled once per test binary, child processes that die with the test, and bounded waits.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

/// `host-test/jco`: package.json, its lockfile, the Node scripts, and `node_modules` once set up.
pub fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../jco")
}

/// The `node` on the PATH; the suite needs it, so its absence fails rather than skips.
pub fn node() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join("node")).find(|bin| bin.is_file()).unwrap_or_else(|| {
        panic!("no `node` on PATH: the jco tests need Node.js 20+ and npm (Debian: apt-get install nodejs npm), then ./scripts/setup.sh")
    })
}

/// `node_modules/.bin/jco` of the pinned install (with preview2-shim beside it).
pub fn jco() -> PathBuf {
    node();
    let shim = package_dir().join("node_modules/@bytecodealliance/preview2-shim/package.json");
    let jco = package_dir().join("node_modules/.bin/jco");
    assert!(
        shim.is_file() && jco.exists(),
        "jco or preview2-shim is not installed in {}: run ./scripts/setup.sh, which runs `npm ci` there",
        package_dir().display()
    );
    jco
}

/// Scratch space in the cargo target dir, never in the source tree.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jco").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The release component as an ES module (`zoom_connector.js` beside its core `.wasm`), made once
/// per test binary by `jco transpile`. Its WASI imports name `@bytecodealliance/preview2-shim`,
/// which Node resolves from a `node_modules` beside the output: a link to the pinned install.
pub fn transpiled() -> &'static Path {
    static MODULE: OnceLock<PathBuf> = OnceLock::new();
    MODULE.get_or_init(|| {
        let out = scratch("transpiled");
        let mut transpile = Command::new(jco());
        transpile.args(["transpile", zoom_host::COMPONENT_PATH, "--no-typescript", "--quiet", "-o"]).arg(&out);
        let done = run_bounded(transpile, Duration::from_secs(180));
        assert!(done.status.success(), "jco transpile failed: {}", String::from_utf8_lossy(&done.stderr));
        // The generated .js is an ES module; Node 20 needs to be told.
        std::fs::write(out.join("package.json"), r#"{"type": "module"}"#).unwrap();
        let scope = out.join("node_modules/@bytecodealliance");
        std::fs::create_dir_all(&scope).unwrap();
        let link = scope.join("preview2-shim");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(package_dir().join("node_modules/@bytecodealliance/preview2-shim"), &link).unwrap();
        let module = out.join("zoom_connector.js");
        assert!(module.is_file(), "jco transpile wrote no {}", module.display());
        module
    })
}

/// A child in its own process group, killed with the whole group when dropped: `jco serve` runs
/// the component in a second `node` it spawns, which killing `jco` alone would leave behind.
pub struct Group(pub Child);

impl Group {
    pub fn spawn(mut command: Command) -> Group {
        command.process_group(0);
        Group(command.spawn().unwrap_or_else(|e| panic!("starting {command:?}: {e}")))
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // The group id is the child's pid (process_group(0)); a negative pid signals the group.
        let pgid = self.0.id() as i32;
        // SAFETY: kill(2) with a group id we created; no memory is involved.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
        let _ = self.0.wait();
    }
}

/// Runs `command` to completion within `limit`, its output captured; a hang kills it and fails.
pub fn run_bounded(mut command: Command, limit: Duration) -> Output {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = Group::spawn(command);
    let stdout = drain(child.0.stdout.take().unwrap());
    let stderr = drain(child.0.stderr.take().unwrap());
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            drop(child);
            let err = stderr.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
            panic!("timed out after {limit:?}; stderr so far: {}", String::from_utf8_lossy(&err));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = stdout.recv_timeout(Duration::from_secs(10)).expect("stdout closed");
    let stderr = stderr.recv_timeout(Duration::from_secs(10)).expect("stderr closed");
    Output { status, stdout, stderr }
}

fn drain(mut stream: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let _ = tx.send(bytes);
    });
    rx
}

/// `zoom-host simulate` in its own process, and the first line it prints: the URLs and
/// credentials of the simulator it runs.
pub fn simulator() -> (Group, Value) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zoom-host"));
    command.arg("simulate").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    let mut sim = Group::spawn(command);
    let stdout = sim.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(60)).expect("zoom-host simulate printed its settings within 60 s");
    let info: Value = serde_json::from_str(&line).expect("zoom-host simulate's first line is JSON");
    record_secret(info["client_secret"].as_str().unwrap());
    record_secret(info["webhook_secret"].as_str().unwrap());
    (sim, info)
}

/// Adds a secret to the list `scripts/test.sh` greps the suite's output for.
pub fn record_secret(secret: &str) {
    use std::io::Write;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("secrets-used.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = f.write_all(format!("{secret}\n").as_bytes());
    }
}
