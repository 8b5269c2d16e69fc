//! The host holds: CPU, memory and time budgets end a call with a typed error, the instance is
//! discarded, and the next instance works; the guest cannot wait longer than the host allows.

use std::time::{Duration, Instant};

use serde_json::json;
use zoom_runtime::{Limits, Outcome};
use zoom_sim::{Fault, FaultKind};

use crate::harness::{allowed, kind, Env};

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_over_its_cpu_budget_gets_a_typed_error_and_the_next_instance_works() {
    let env = Env::new().await;
    let tight = zoom_host::runtime(Limits { fuel_per_call: 5_000, ..Limits::default() }).unwrap();
    let mut connector = tight.instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let out = connector.action("test-connection", &env.conn, &json!({})).await.unwrap();
    let Outcome::Err(e) = out else { panic!("a 5,000-fuel call cannot finish") };
    assert_eq!(kind(&e), "limit_exceeded", "{e}");
    assert!(connector.poisoned());
    assert!(
        connector.action("test-connection", &env.conn, &json!({})).await.is_err(),
        "a trapped instance is never reused"
    );
    let mut fresh = crate::harness::runtime().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    assert!(matches!(fresh.action("test-connection", &env.conn, &json!({})).await.unwrap(), Outcome::Ok(_)));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_over_its_memory_limit_gets_a_typed_error() {
    let env = Env::new().await;
    let small = zoom_host::runtime(Limits { memory_bytes: 4 << 20, ..Limits::default() }).unwrap();
    let mut connector = small.instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let huge = "x".repeat(16 << 20);
    let input = json!({"method": "post", "path": "/users/me/meetings", "body": format!("{{\"topic\": \"{huge}\"}}")});
    let Outcome::Err(e) = connector.action("raw-request", &env.conn, &input).await.unwrap() else {
        panic!("16 MiB cannot fit in 4 MiB")
    };
    assert_eq!(kind(&e), "limit_exceeded", "{e}");
    assert_eq!(env.sim.meeting_count(), 0);
    let mut fresh = small.instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    assert!(matches!(fresh.action("test-connection", &env.conn, &json!({})).await.unwrap(), Outcome::Ok(_)));
}

/// A GET on `/v2/users/me` that the simulator answers only after `secs`.
fn slow_me(env: &Env, secs: u64) {
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::Slow(Duration::from_secs(secs)),
        times: 1,
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hosts_request_timeout_wins_over_a_longer_one_the_connection_asks_for() {
    let env = Env::new().await;
    slow_me(&env, 10);
    let limits = Limits { request_timeout: Duration::from_secs(1), ..Limits::default() };
    let mut connector = zoom_host::runtime(limits).unwrap().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let mut conn = env.conn.clone();
    conn["server_to_server"]["options"] = json!({"timeout_seconds": 300, "max_retries": 0});
    let started = Instant::now();
    let Outcome::Err(e) = connector.action("get-user", &conn, &json!({"user_id": "me"})).await.unwrap() else {
        panic!("a 10 s answer cannot arrive within the host's 1 s")
    };
    assert_eq!(kind(&e), "transport", "{e}");
    assert!(started.elapsed() < Duration::from_secs(8), "the guest's 300 s were used: {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_call_past_its_deadline_ends_with_limit_exceeded_even_while_waiting_on_the_network() {
    let env = Env::new().await;
    slow_me(&env, 10);
    let limits = Limits { call_deadline: Duration::from_secs(1), ..Limits::default() };
    let mut connector = zoom_host::runtime(limits).unwrap().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let started = Instant::now();
    let Outcome::Err(e) = connector.action("get-user", &env.conn, &json!({"user_id": "me"})).await.unwrap() else {
        panic!("the call cannot finish within 1 s")
    };
    assert_eq!(kind(&e), "limit_exceeded", "{e}");
    assert!(e["limit_exceeded"].as_str().unwrap().contains("time limit"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());
    assert!(connector.poisoned(), "an abandoned call leaves the instance unusable");
}
