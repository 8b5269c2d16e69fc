//! Every action, poll source and reconciled event, run natively against a transport that answers
//! with whatever the fuzzer chose: status, headers and body of each answer in turn.
//!
//! An input is a selector byte (which run) and the answers, separated by [`SEPARATOR`]; each answer
//! is `STATUS\n`, `name: value\n` headers, a blank line, then the body. A text framing, so the
//! seeds are Zoom's documented answers as they are and libFuzzer's mutations keep their shape.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

use crate::auth::Session;
use crate::error::Error;
use crate::http::{Client, Request, Response, Transport, TransportError};
use crate::spec_examples::{actions, triggers, Documented, BASE};
use crate::time::unix_seconds;
use crate::triggers::{polling, reconcile};
use crate::wit::poll_types::{PollRequest, ReconcileRequest};

/// Between two answers of an input (ASCII record separator: no documented answer has one).
pub const SEPARATOR: u8 = 0x1e;

/// The bearer token every run sends; no error may carry it.
pub const TOKEN: &str = "fuzz-bearer-token-4b1d";

/// More requests than this after the script ran out is a loop, not a walk that stops on an error.
const MAX_UNSCRIPTED: usize = 64;

/// One scripted answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Reads an input: which run (the first byte, modulo the number of runs) and its answers.
pub fn decode(data: &[u8]) -> (usize, Vec<Answer>) {
    let Some((&selector, rest)) = data.split_first() else { return (0, Vec::new()) };
    let answers = if rest.is_empty() { Vec::new() } else { rest.split(|b| *b == SEPARATOR).map(answer).collect() };
    (usize::from(selector), answers)
}

fn answer(bytes: &[u8]) -> Answer {
    let line_end = |b: &[u8]| b.iter().position(|c| *c == b'\n').unwrap_or(b.len());
    let mut rest = bytes;
    let mut next_line = || {
        let end = line_end(rest);
        let line = String::from_utf8_lossy(&rest[..end]).into_owned();
        rest = rest.get(end + 1..).unwrap_or_default();
        line
    };
    // Any status a proxy could send, not only valid ones: the connector must read 0 and 999 too.
    let status = next_line().trim().parse().unwrap_or(200);
    let mut headers = Vec::new();
    loop {
        let line = next_line();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Answer { status, headers, body: rest.to_vec() }
}

/// Writes an input [`decode`] reads back.
pub fn encode(selector: u8, answers: &[Answer]) -> Vec<u8> {
    let mut out = vec![selector];
    for (i, a) in answers.iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.extend_from_slice(format!("{}\n", a.status).as_bytes());
        for (name, value) in &a.headers {
            out.extend_from_slice(format!("{name}: {value}\n").as_bytes());
        }
        out.push(b'\n');
        out.extend_from_slice(&a.body);
    }
    out
}

type Body = Box<dyn Fn(&Client) -> Result<(), Error>>;

/// One run: a name, the clock it runs at (the documented item's time for triggers) and the call.
struct Run {
    name: String,
    now: u64,
    call: Body,
}

const NOW: u64 = 1_800_000_000;

fn runs() -> Vec<Run> {
    let mut out: Vec<Run> =
        actions::all().into_iter().map(|(name, call)| Run { name: format!("action:{name}"), now: NOW, call }).collect();
    for (id, source, at) in triggers::sources() {
        let now = unix_seconds(at).expect("a documented time") + 3600;
        let call: Body = Box::new(move |c| {
            let request = PollRequest {
                source: source.clone(),
                cursor: None,
                backfill_hours: Some(24),
                now_unix_seconds: Some(now),
                page_size: None,
            };
            polling::poll(c, &request, now).map(drop)
        });
        out.push(Run { name: id.to_owned(), now, call });
    }
    for (event, at) in triggers::recoverable() {
        let at = unix_seconds(at).expect("a documented time");
        let call: Body = Box::new(move |c| {
            let request = ReconcileRequest {
                from: crate::time::format_utc(at - 43_200),
                to: crate::time::format_utc(at + 43_200),
                seen_keys: Vec::new(),
                user_id: None,
                event_names: Some(vec![event.to_owned()]),
            };
            reconcile::reconcile(c, &request).map(drop)
        });
        out.push(Run { name: format!("reconcile:{event}"), now: at + 3600, call });
    }
    out
}

/// The names of the runs, in selector order.
pub fn names() -> Vec<String> {
    runs().into_iter().map(|r| r.name).collect()
}

/// What one run did.
#[derive(Debug)]
pub struct Outcome {
    /// Which run.
    pub name: String,
    /// `Ok`, or the typed error as the component reports it (`Debug`, then `Display`).
    pub result: Result<(), (String, String)>,
    /// Requests sent.
    pub requests: usize,
    /// Answers in the script.
    pub scripted: usize,
    /// Everything the run slept between retries.
    pub slept: Duration,
}

/// Answers from a script; once it ends, the host denies every request (which nothing retries).
struct Scripted {
    answers: RefCell<VecDeque<Answer>>,
    sent: Cell<usize>,
    slept: Cell<Duration>,
    now: u64,
}

impl Transport for Scripted {
    fn send(&self, _: &Request) -> Result<Response, TransportError> {
        self.sent.set(self.sent.get() + 1);
        match self.answers.borrow_mut().pop_front() {
            Some(a) => Ok(Response { status: a.status, headers: a.headers, body: a.body }),
            None => Err(TransportError { message: "the script ended".into(), sent: false, denied: true }),
        }
    }
    fn sleep(&self, d: Duration) {
        self.slept.set(self.slept.get().saturating_add(d));
    }
    fn now_unix(&self) -> u64 {
        self.now
    }
    fn jitter(&self) -> f64 {
        0.5
    }
}

/// Runs run `selector` (modulo the number of runs) on `answers`.
///
/// # Panics
/// When the run sends more than [`MAX_UNSCRIPTED`] requests past the end of its script: a loop.
pub fn run(selector: usize, answers: Vec<Answer>) -> Outcome {
    let mut all = runs();
    let run = all.swap_remove(selector % all.len());
    let scripted = answers.len();
    let t =
        Scripted { answers: RefCell::new(answers.into()), sent: Cell::new(0), slept: Cell::default(), now: run.now };
    let client = Client::new(&t, Session::bearer(TOKEN, BASE));
    let result = (run.call)(&client).map_err(|e| {
        let e = e.scrubbed(&[TOKEN]);
        (format!("{e:?}"), e.to_string())
    });
    assert!(t.sent.get() <= scripted + MAX_UNSCRIPTED, "{}: {} requests on {scripted} answers", run.name, t.sent.get());
    Outcome { name: run.name, result, requests: t.sent.get(), scripted, slept: t.slept.get() }
}

/// Records what the documented transport answers.
struct Recording<'a> {
    inner: &'a Documented,
    seen: RefCell<Vec<Answer>>,
    now: u64,
}

impl Transport for Recording<'_> {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let r = self.inner.send(request)?;
        self.seen.borrow_mut().push(Answer { status: r.status, headers: r.headers.clone(), body: r.body.clone() });
        Ok(r)
    }
    fn sleep(&self, _: Duration) {}
    fn now_unix(&self) -> u64 {
        self.now
    }
    fn jitter(&self) -> f64 {
        0.5
    }
}

/// The seed corpus: each run on Zoom's documented answers (`spec/examples`), as it was answered,
/// named `<selector>-<run>`.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let documented = Documented::new(0);
    runs()
        .into_iter()
        .enumerate()
        .map(|(i, run)| {
            documented.set_now(Some(run.now));
            let t = Recording { inner: &documented, seen: RefCell::default(), now: run.now };
            let _ = (run.call)(&Client::new(&t, Session::bearer(TOKEN, BASE)));
            let name = format!("{i:03}-{}", run.name.replace([':', '.'], "-"));
            (name, encode(i as u8, &t.seen.into_inner()))
        })
        .collect()
}
