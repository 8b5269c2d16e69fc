//! Every action's and trigger's reading of Zoom's answers, run on the success examples Zoom
//! documents for the operations it calls (`spec/examples/`, generated from Zoom's OpenAPI
//! documents). A field shape Zoom documents but the simulator never sends (`"Unlimited"`, ids as
//! strings, optional objects left out) fails here rather than in production.
//!
//! `actions` runs every action of the manifest, `triggers` every poll source and every event
//! reconcile rebuilds, `samples` every trigger's samples; `tests` checks what they read and that
//! nothing documented was skipped.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::http::{Request, Response, Transport, TransportError};

pub(crate) mod actions;
pub(crate) mod inputs;
mod samples;
mod tests;
pub(crate) mod triggers;

pub(crate) const BASE: &str = "https://api.example/v2";

pub(crate) struct Example {
    pub(crate) operation_id: String,
    method: String,
    path: Vec<String>,
    status: u16,
    pub(crate) answers: Vec<Value>,
}

/// Every `spec/examples/<operationId>.json`, by operation id.
pub(crate) fn examples() -> Vec<Example> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/examples");
    let mut out: Vec<Example> = std::fs::read_dir(&dir)
        .expect("spec/examples")
        .map(|e| {
            let path = e.unwrap().path();
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            Example {
                operation_id: path.file_stem().unwrap().to_string_lossy().into_owned(),
                method: v["method"].as_str().unwrap().to_owned(),
                path: v["path"].as_str().unwrap().split('/').map(str::to_owned).collect(),
                status: v["status"].as_u64().unwrap() as u16,
                answers: v["examples"].as_array().unwrap().clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.operation_id.cmp(&b.operation_id));
    out
}

/// Answers each request with the documented example of the operation it matches (one example
/// per run) and its documented status, the page cursor emptied so walks end; records which
/// operations were asked since the last [`Documented::take_hits`].
pub(crate) struct Documented {
    examples: Vec<Example>,
    pick: usize,
    numbers_as_text: bool,
    hit: RefCell<BTreeSet<String>>,
    /// The clock; [`Documented::NOW`] unless a run sets it near a documented time.
    now: Cell<u64>,
}

/// Fields Zoom's documents show both as a number and as digits in a string (`pmi`, a
/// recording's `type`, a participant's numeric `user_id`), and their kin.
const EITHER_SHAPE: &[&str] = &["id", "pmi", "type", "duration", "total_size", "file_size", "timestamp"];

/// Every integer under an [`EITHER_SHAPE`] key, rewritten as its digits in a string.
fn numbers_as_text(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::Number(n) if EITHER_SHAPE.contains(&k.as_str()) && n.is_u64() => {
                        *x = Value::String(n.to_string())
                    }
                    _ => numbers_as_text(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(numbers_as_text),
        _ => {}
    }
}

impl Documented {
    const NOW: u64 = 1_800_000_000;

    /// Sets the clock (`None`: back to [`Documented::NOW`]), for a run whose rule depends on how
    /// old the documented item is.
    pub(crate) fn set_now(&self, now: Option<u64>) {
        self.now.set(now.unwrap_or(Self::NOW));
    }

    pub(crate) fn new(pick: usize) -> Self {
        Documented {
            examples: examples(),
            pick,
            numbers_as_text: false,
            hit: RefCell::default(),
            now: Cell::new(Self::NOW),
        }
    }

    /// The same answers with every id, code and size given as text (see [`EITHER_SHAPE`]).
    pub(crate) fn numbers_as_text(pick: usize) -> Self {
        Documented { numbers_as_text: true, ..Documented::new(pick) }
    }

    /// The operations asked since the last call.
    pub(crate) fn take_hits(&self) -> BTreeSet<String> {
        std::mem::take(&mut *self.hit.borrow_mut())
    }
}

fn matches(template: &[String], path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == template.len() && template.iter().zip(&parts).all(|(t, p)| t.starts_with('{') || t == p)
}

impl Transport for Documented {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        // A file behind a documented `download_url` (Zoom documents no file contents): a
        // transcript in the shape Zoom writes, which every download reads as bytes.
        let Some(path) = request.url.strip_prefix(BASE) else {
            let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nJill Chill: Good morning.\n";
            return Ok(Response { status: 200, headers: Vec::new(), body: vtt.as_bytes().to_vec() });
        };
        let path = path.split('?').next().unwrap();
        let op = self
            .examples
            .iter()
            .filter(|e| e.method == request.method.as_str() && matches(&e.path, path))
            // A literal segment beats a template one (`/users/me` is `GET /users/{userId}`).
            .max_by_key(|e| e.path.iter().filter(|s| !s.starts_with('{')).count())
            .unwrap_or_else(|| panic!("no documented operation for {} {path}", request.method.as_str()));
        self.hit.borrow_mut().insert(op.operation_id.clone());
        let Some(answer) = op.answers.get(self.pick.min(op.answers.len().saturating_sub(1))) else {
            return Ok(Response { status: 204, headers: Vec::new(), body: Vec::new() });
        };
        let mut answer = answer.clone();
        if let Some(t) = answer.get_mut("next_page_token") {
            *t = Value::String(String::new());
        }
        if self.numbers_as_text {
            numbers_as_text(&mut answer);
        }
        Ok(Response { status: op.status, headers: Vec::new(), body: answer.to_string().into_bytes() })
    }
    fn sleep(&self, _: Duration) {}
    fn now_unix(&self) -> u64 {
        self.now.get()
    }
    fn jitter(&self) -> f64 {
        1.0
    }
}
