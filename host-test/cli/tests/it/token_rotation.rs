//! A rotated refresh token outlives the call that obtained it: Zoom revokes the old one the moment
//! it answers, so losing the new one to a later trap would force the user to authorize again.

use std::time::Duration;

use serde_json::{json, Value};
use zoom_host::oauth_flow::{self, Flow};
use zoom_host::token_persist::persist_rotation;
use zoom_runtime::token_file::{self, Stored};
use zoom_runtime::{Limits, Outcome};
use zoom_sim::{Fault, FaultKind};

use crate::harness::{allowed, kind, Env};

#[tokio::test(flavor = "multi_thread")]
async fn a_refresh_then_a_trap_still_leaves_the_new_refresh_token_in_the_tokens_file() {
    let mut env = Env::new().await;
    let a = env.sim.oauth_app();
    let app = oauth_flow::app(&a.client_id, &a.client_secret, &a.redirect_uri, &env.sim.oauth_url());
    let Flow::Authorized { tokens } = oauth_flow::authorize(&mut env.connector, &app).await.unwrap() else {
        panic!("the simulator redirects at once")
    };
    let old_refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rotation-{}.json", std::process::id()));
    let mut expired = tokens.clone();
    expired["expires_at"] = json!(0);
    let stored = Stored {
        client_id: a.client_id.clone(),
        oauth_url: env.sim.oauth_url(),
        api_url: env.sim.api_url(),
        tokens: expired,
    };
    token_file::write(&path, &stored).unwrap();

    // The refresh succeeds, then the API call hangs past the call's deadline.
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me".into(),
        kind: FaultKind::Slow(Duration::from_secs(10)),
        times: 1,
    });
    let conn = json!({"oauth": {"client_id": a.client_id, "client_secret": a.client_secret, "tokens": stored.tokens,
        "oauth_base_url": env.sim.oauth_url(), "api_base_url": env.sim.api_url()}});
    let limits = Limits { call_deadline: Duration::from_secs(2), ..Limits::default() };
    let mut connector = zoom_host::runtime(limits).unwrap().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let Outcome::Err(e) = connector.action("get-user", &conn, &json!({"user_id": "me"})).await.unwrap() else {
        panic!("the call cannot finish within its deadline")
    };
    assert_eq!(kind(&e), "limit_exceeded", "{e}");
    assert!(connector.poisoned());

    let written = persist_rotation(&mut connector, &conn, path.to_str()).await.expect("the rotation is persisted");
    assert_eq!(written.as_deref(), Some(path.as_path()));
    let kept = token_file::read(&path).unwrap().tokens;
    let new_refresh = kept["refresh_token"].as_str().expect("a refresh token is stored").to_owned();
    assert_ne!(new_refresh, old_refresh, "the file still holds the refresh token Zoom revoked");
    assert!(kept["expires_at"].as_u64().unwrap() > 0);

    // The stored token is the live one: a fresh instance runs with it (and the old one is dead).
    let conn = json!({"oauth": {"client_id": a.client_id, "client_secret": a.client_secret, "tokens": kept,
        "oauth_base_url": env.sim.oauth_url(), "api_base_url": env.sim.api_url()}});
    let out = env.connector.action("get-user", &conn, &json!({"user_id": "me"})).await.unwrap();
    assert!(matches!(out, Outcome::Ok(_)), "{out:?}");
    let mut stale: Value = conn.clone();
    stale["oauth"]["tokens"]["refresh_token"] = json!(old_refresh);
    stale["oauth"]["tokens"]["expires_at"] = json!(0);
    let out = env.connector.action("get-user", &stale, &json!({"user_id": "me"})).await.unwrap();
    assert!(matches!(&out, Outcome::Err(e) if kind(e) == "unauthorized"), "{out:?}");
    let _ = std::fs::remove_file(path);
}
