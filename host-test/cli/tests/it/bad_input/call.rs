//! Calling an action without letting a trap, panic or hang escape.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use serde_json::Value;
use zoom_runtime::Outcome;
use zoom_sim::LoggedRequest;

use crate::harness::{allowed, runtime, Env};

/// Longest a single call may take before it counts as a hang.
pub const CASE_BUDGET: Duration = Duration::from_secs(20);

/// Polls a future inside `catch_unwind`, so a panic in the host (bridge, runtime) is counted
/// rather than ending the run.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a non-string panic".into()))),
        }
    }
}

/// Panics on threads without a name: the simulator's connection threads (libtest and tokio name
/// theirs). A simulator panic drops the connection, so the component sees only a transport error.
pub static UNNAMED_THREAD_PANICS: AtomicUsize = AtomicUsize::new(0);

pub fn count_unnamed_thread_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name().is_none() {
                UNNAMED_THREAD_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

pub enum Call {
    Done(Outcome),
    Trap(String),
    Panic(String),
    Hang,
}

/// Calls `action` with `input` on the env's instance; replaces the instance after a trap, panic
/// or hang. Returns what happened, the requests the simulator received meanwhile, and the time.
pub async fn call(env: &mut Env, action: &str, input: &Value) -> (Call, Vec<LoggedRequest>, Duration) {
    env.sim.clear_requests();
    let started = Instant::now();
    let conn = env.conn.clone();
    let fut = CatchUnwind(Box::pin(env.connector.action(action, &conn, input)));
    let result = match tokio::time::timeout(CASE_BUDGET, fut).await {
        Ok(Ok(Ok(outcome))) => Call::Done(outcome),
        Ok(Ok(Err(trap))) => Call::Trap(format!("{trap:#}")),
        Ok(Err(panic)) => Call::Panic(panic),
        Err(_) => Call::Hang,
    };
    let took = started.elapsed();
    if !matches!(result, Call::Done(_)) {
        env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.expect("a fresh instance");
    }
    let requests = env.sim.requests();
    env.sim.clear_requests();
    (result, requests, took)
}
