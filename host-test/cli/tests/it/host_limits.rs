//! The host holds: CPU and memory budgets end a call with a typed error, the instance is
//! discarded, and the next instance works.

use serde_json::json;
use zoom_runtime::{Limits, Outcome};

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
