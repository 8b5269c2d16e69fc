//! The typed fast path (`Connector::webhook`) against the JSON bridge: the same verdicts, and the
//! same limits.

use serde_json::{json, Value};
use zoom_host::trigger::{outcome_kind, webhook_args};
use zoom_runtime::typed::bindings::exports::connector::zoom::triggers::WebhookRejection;
use zoom_runtime::typed::{call_error, WebhookConfig, WebhookOutcome, WebhookReply, WebhookRequest};
use zoom_runtime::{CallError, Limits, Outcome, TRIGGERS};
use zoom_sim::url_validation_body;

use crate::harness::{allowed, now_i64, Env};

fn config(secret: &str) -> WebhookConfig {
    WebhookConfig {
        secret_token: Some(secret.to_owned()),
        tolerance_seconds: None,
        now_unix_seconds: None,
        seen_signatures: None,
        filter: None,
    }
}

/// The same delivery through both paths, on the same instance.
async fn both(env: &mut Env, body: &str, headers: &[(String, String)], secret: &str) -> (Value, WebhookOutcome) {
    let args = webhook_args(body.as_bytes(), headers, Some(secret), None, None);
    let Outcome::Ok(json) = env.connector.call(TRIGGERS, "webhook", &args).await.unwrap() else {
        panic!("the JSON call failed")
    };
    let request = WebhookRequest { method: "POST".into(), headers: headers.to_vec(), body: body.as_bytes().to_vec() };
    let typed = env.connector.webhook(&request, &config(secret)).await.unwrap();
    (json, typed)
}

fn same_reply(json: &Value, typed: &WebhookReply) {
    assert_eq!(json["status"], typed.status);
    assert_eq!(json["content_type"], typed.content_type.as_str());
    assert_eq!(json["body"], typed.body.as_str());
}

async fn created_event(env: &mut Env) -> String {
    env.ok("create-meeting", json!({"topic": "Typed", "start_time": "2030-01-01T10:00:00Z"})).await;
    env.sim.take_events().into_iter().find(|e| e.contains("meeting.created")).expect("meeting.created")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_delivery_is_the_same_event_either_way() {
    let mut env = Env::new().await;
    let body = created_event(&mut env).await;
    let secret = env.sim.credentials().webhook_secret;
    let headers = env.sim.sign_webhook(&body, now_i64());
    let (json, typed) = both(&mut env, &body, &headers, &secret).await;
    assert_eq!(outcome_kind(&json), "event", "{json}");
    let WebhookOutcome::Event(typed) = typed else { panic!("typed: {typed:?}") };
    same_reply(&json["event"]["reply"], &typed.reply);
    let event = &json["event"]["event"];
    assert_eq!(event["key"], typed.event.key.as_str());
    assert_eq!(event["name"], "meeting.created");
    assert_eq!(event["name"], typed.event.name.as_str());
    assert_eq!(event["event_ts"], typed.event.event_ts);
    assert_eq!(event["object_id"], json!(typed.event.object_id));
    assert_eq!(event["payload"], typed.event.payload.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forged_delivery_is_rejected_either_way() {
    let mut env = Env::new().await;
    let body = created_event(&mut env).await;
    let secret = env.sim.credentials().webhook_secret;
    let headers = env.sim.sign_webhook(&body, now_i64());
    let forged = body.replace("Typed", "Forged");
    let (json, typed) = both(&mut env, &forged, &headers, &secret).await;
    assert_eq!(json["rejected"]["reason"], "bad_signature", "{json}");
    let WebhookOutcome::Rejected(typed) = typed else { panic!("typed: {typed:?}") };
    assert!(matches!(typed.reason, WebhookRejection::BadSignature), "{:?}", typed.reason);
    assert_eq!(typed.reply.status, 401);
    same_reply(&json["rejected"]["reply"], &typed.reply);
}

#[tokio::test(flavor = "multi_thread")]
async fn url_validation_is_the_same_answer_either_way() {
    let mut env = Env::new().await;
    let secret = env.sim.credentials().webhook_secret;
    let body = url_validation_body("plain-typed", now_i64() * 1000);
    let headers = env.sim.sign_webhook(&body, now_i64());
    let (json, typed) = both(&mut env, &body, &headers, &secret).await;
    let WebhookOutcome::UrlValidation(typed) = typed else { panic!("typed: {typed:?}") };
    assert_eq!(typed.status, 200);
    same_reply(&json["url_validation"], &typed);
    assert!(typed.body.contains("plain-typed") && typed.body.contains("encryptedToken"), "{}", typed.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_typed_call_over_its_fuel_is_a_limit_and_poisons_the_instance() {
    let env = Env::new().await;
    let tight = zoom_host::runtime(Limits { fuel_per_call: 5_000, ..Limits::default() }).unwrap();
    let mut connector = tight.instantiate_allowing(&allowed(&env.sim)).await.unwrap();
    let secret = env.sim.credentials().webhook_secret;
    let body = url_validation_body("plain-typed", now_i64() * 1000);
    let headers = env.sim.sign_webhook(&body, now_i64());
    let request = WebhookRequest { method: "POST".into(), headers, body: body.into_bytes() };
    let error = connector.webhook(&request, &config(&secret)).await.unwrap_err();
    assert!(matches!(call_error(&error), Some(CallError::LimitExceeded(_))), "{error:#}");
    assert!(connector.poisoned());
    assert!(connector.webhook(&request, &config(&secret)).await.is_err(), "a trapped instance is never reused");
    let args = webhook_args(&request.body, &request.headers, Some(&secret), None, None);
    assert!(connector.call(TRIGGERS, "webhook", &args).await.is_err(), "nor reused through the JSON path");
}
