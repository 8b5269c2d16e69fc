//! Every connection kind, token renewal and rotation, scope checks — through the component.

use serde_json::{json, Value};
use zoom_host::oauth_flow::{self, Flow};
use zoom_runtime::{Outcome, AUTH};
use zoom_sim::{Fault, FaultKind, SimApp};

use crate::harness::{kind, Env};

/// Runs the authorization-code flow against the simulator and returns the app and the tokens.
async fn authorize(env: &mut Env) -> (Value, Value) {
    let a = env.sim.oauth_app();
    let app = oauth_flow::app(&a.client_id, &a.client_secret, &a.redirect_uri, &env.sim.oauth_url());
    match oauth_flow::authorize(&mut env.connector, &app).await.expect("the flow runs") {
        Flow::Authorized { tokens } => (app, tokens),
        Flow::NeedsUser { .. } => panic!("the simulator redirects at once"),
    }
}

fn oauth_conn(env: &Env, app: &Value, tokens: &Value) -> Value {
    json!({"oauth": {"client_id": app["client_id"], "client_secret": app["client_secret"], "tokens": tokens,
        "oauth_base_url": env.sim.oauth_url(), "api_base_url": env.sim.api_url()}})
}

#[tokio::test(flavor = "multi_thread")]
async fn legacy_jwt_connection_runs_an_action() {
    let mut env = Env::new().await;
    let (key, secret) = env.sim.jwt_credentials();
    env.conn = json!({"jwt": {"api_key": key, "api_secret": secret, "api_base_url": env.sim.api_url()}});
    let me = env.ok("test-connection", json!({})).await;
    assert_eq!((me["connection_kind"].as_str(), me["granted_scopes"].is_null()), (Some("jwt"), true));
    env.ok("create-meeting", json!({"topic": "Via JWT"})).await;
    assert_eq!(env.sim.meeting_count(), 1);
    assert_eq!(env.sim.token_requests(), 0, "JWTs are signed locally");
    env.conn["jwt"]["api_secret"] = json!("not-the-secret");
    assert_eq!(kind(&env.err("test-connection", json!({})).await), "unauthorized");
}

#[tokio::test(flavor = "multi_thread")]
async fn oauth_code_flow_with_pkce_yields_tokens_that_run_actions() {
    let mut env = Env::new().await;
    let (app, tokens) = authorize(&mut env).await;
    assert!(tokens["refresh_token"].is_string() && !tokens["scopes"].as_array().unwrap().is_empty());
    let authorize_request = env.sim.requests().into_iter().find(|r| r.path == "/oauth/authorize").unwrap();
    assert!(authorize_request.query.iter().any(|(k, v)| k == "code_challenge_method" && v == "S256"));
    env.conn = oauth_conn(&env, &app, &tokens);
    let me = env.ok("test-connection", json!({})).await;
    assert_eq!(me["connection_kind"], "oauth");
    assert_eq!(env.sim.token_grants(), vec!["authorization_code"]);
    let bad =
        env.connector.call(AUTH, "exchange-code", &[app.clone(), json!("made-up-code"), json!("v")]).await.unwrap();
    assert!(matches!(&bad, Outcome::Err(e) if kind(e) == "unauthorized"), "{bad:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_oauth_token_is_refreshed_once_rotated_and_handed_back() {
    let mut env = Env::new().await;
    let (app, tokens) = authorize(&mut env).await;
    env.conn = oauth_conn(&env, &app, &tokens);
    env.connector.token_updates().await.unwrap();
    env.sim.expire_all_tokens();
    env.sim.clear_requests();
    env.ok("test-connection", json!({})).await;
    let api: Vec<u16> = env.sim.requests().iter().filter(|r| r.path == "/v2/users/me").map(|r| r.status).collect();
    assert_eq!(api, vec![401, 200], "one refusal, one refresh, one retry");
    assert_eq!(env.sim.token_grants(), vec!["authorization_code", "refresh_token"]);

    let updates = env.connector.token_updates().await.unwrap();
    assert_eq!(updates.len(), 1, "{updates:?}");
    let key = match env.connector.call(AUTH, "connection-key", &[env.conn.clone()]).await.unwrap() {
        Outcome::Ok(k) => k,
        other => panic!("{other:?}"),
    };
    assert_eq!(updates[0]["connection_key"], key);
    let rotated = updates[0]["tokens"]["refresh_token"].as_str().unwrap().to_owned();
    let old = tokens["refresh_token"].as_str().unwrap();
    assert_ne!(rotated, old);

    let refused = env.connector.call(AUTH, "refresh", &[app.clone(), json!(old)]).await.unwrap();
    assert!(
        matches!(&refused, Outcome::Err(e) if kind(e) == "unauthorized"),
        "the old refresh token must stop working"
    );
    let renewed = env.connector.call(AUTH, "refresh", &[app.clone(), json!(rotated)]).await.unwrap();
    assert!(matches!(renewed, Outcome::Ok(t) if t["refresh_token"] != json!(rotated)));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_that_keeps_failing_is_renewed_once_never_in_a_loop() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await;
    let fault = Fault { method: None, path_prefix: "/v2/users/me".into(), kind: FaultKind::ExpiredToken, times: 5 };
    env.sim.inject(fault);
    env.sim.clear_requests();
    let e = env.err("test-connection", json!({})).await;
    assert_eq!(kind(&e), "unauthorized");
    assert_eq!(env.hits("/v2/users/me"), 2, "the first try and one retry with a fresh token");
    assert_eq!(env.sim.token_requests(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn s2s_token_is_handed_back_and_reused_by_a_new_instance() {
    let mut env = Env::new().await;
    env.ok("test-connection", json!({})).await;
    let updates = env.connector.token_updates().await.unwrap();
    assert_eq!(updates.len(), 1);
    let mut next = crate::harness::runtime().instantiate_allowing(&crate::harness::allowed(&env.sim)).await.unwrap();
    let mut conn = env.conn.clone();
    conn["server_to_server"]["cached_token"] = updates[0]["tokens"].clone();
    assert!(matches!(next.action("test-connection", &conn, &json!({})).await.unwrap(), Outcome::Ok(_)));
    assert_eq!(env.sim.token_requests(), 1, "the cached token was reused");
}

#[tokio::test(flavor = "multi_thread")]
async fn test_connection_lists_scope_gaps_and_missing_scope_names_the_scope() {
    let mut env = Env::new().await;
    env.sim.set_app_scopes(SimApp::ServerToServer, &["user:read:user:admin", "meeting:read:meeting:admin"]);
    let me = env.ok("test-connection", json!({})).await;
    assert_eq!(me["granted_scopes"], json!(["user:read:user:admin", "meeting:read:meeting:admin"]));
    let gaps: Vec<&str> = me["scope_gaps"].as_array().unwrap().iter().map(|g| g["action"].as_str().unwrap()).collect();
    assert!(gaps.contains(&"create-meeting") && gaps.contains(&"list-users"), "{gaps:?}");
    assert!(!gaps.contains(&"get-meeting") && !gaps.contains(&"test-connection"), "{gaps:?}");
    let e = env.err("create-meeting", json!({"topic": "No scope"})).await;
    assert!(e["missing_scope"]["scope"].as_str().unwrap().starts_with("meeting:write"), "{e}");
    let gap = me["scope_gaps"].as_array().unwrap().iter().find(|g| g["action"] == "create-meeting").unwrap();
    assert!(gap["needs_one_of"].as_array().unwrap().contains(&e["missing_scope"]["scope"]));
}
