//! A scripted transport for unit tests.

use std::cell::RefCell;
use std::time::Duration;

use super::{Request, Response, Transport, TransportError};

/// Answers requests from a script and records them.
#[derive(Default)]
pub(crate) struct Scripted {
    pub(crate) answers: RefCell<Vec<Result<Response, TransportError>>>,
    pub(crate) sent: RefCell<Vec<Request>>,
    pub(crate) slept: RefCell<Vec<Duration>>,
}

impl Scripted {
    pub(crate) fn new(answers: Vec<Result<Response, TransportError>>) -> Self {
        Scripted { answers: RefCell::new(answers), ..Default::default() }
    }
}

/// A JSON answer.
pub(crate) fn answer(status: u16, body: &str) -> Result<Response, TransportError> {
    Ok(Response { status, headers: Vec::new(), body: body.as_bytes().to_vec() })
}

impl Transport for Scripted {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        self.sent.borrow_mut().push(request.clone());
        let mut answers = self.answers.borrow_mut();
        assert!(!answers.is_empty(), "unscripted request {request:?}");
        answers.remove(0)
    }
    fn sleep(&self, duration: Duration) {
        self.slept.borrow_mut().push(duration);
    }
    fn now_unix(&self) -> u64 {
        1_800_000_000
    }
    fn jitter(&self) -> f64 {
        1.0
    }
}
