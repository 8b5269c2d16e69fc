//! The webhook endpoint the component serves through `wasi:http/incoming-handler`: its settings
//! come from environment variables (the only configuration a WASI HTTP host passes to every
//! request), verification is `webhook::handle`, and verified events are relayed as JSON.

use std::time::Duration;

use serde_json::{json, Value};

use crate::http::{Method, Request, Transport};
use crate::triggers::{EventFilter, WebhookConfig, WebhookEvent, WebhookOutcome, WebhookReply, WebhookRequest};
use crate::webhook;

pub const SECRET_VAR: &str = "ZOOM_WEBHOOK_SECRET_TOKEN";
pub const RELAY_VAR: &str = "ZOOM_WEBHOOK_RELAY_URL";
pub const TOLERANCE_VAR: &str = "ZOOM_WEBHOOK_TOLERANCE_SECONDS";
pub const EVENTS_VAR: &str = "ZOOM_WEBHOOK_EVENTS";
/// `x-zm-signature` values of deliveries the host already answered 200, comma-separated: the
/// component keeps no state between requests, so a host that wants replays refused passes them.
pub const SEEN_VAR: &str = "ZOOM_WEBHOOK_SEEN_SIGNATURES";
/// Larger bodies are refused unread: Zoom's events are a few kilobytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Zoom gives up on an answer after 3 seconds; the relay must fit inside that.
const RELAY_TIMEOUT: Duration = Duration::from_millis(2500);

/// The endpoint's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub config: WebhookConfig,
    pub relay_url: Option<String>,
}

/// Reads the settings through `var`. A bad value is an error naming the variable; a missing
/// secret is not (every delivery is then refused, fail closed).
pub fn settings(var: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
    let tolerance = match var(TOLERANCE_VAR).filter(|v| !v.trim().is_empty()) {
        None => None,
        Some(v) => Some(v.trim().parse::<u32>().map_err(|_| format!("{TOLERANCE_VAR} must be a number of seconds"))?),
    };
    let relay_url = var(RELAY_VAR).map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    if let Some(url) = &relay_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("{RELAY_VAR} must be an http:// or https:// URL"));
        }
    }
    let names: Vec<String> = var(EVENTS_VAR)
        .map(|v| v.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default();
    let filter =
        (!names.is_empty()).then_some(EventFilter { event_names: Some(names), meeting_id: None, host_id: None });
    let seen: Vec<String> = var(SEEN_VAR)
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let config = WebhookConfig {
        secret_token: var(SECRET_VAR).filter(|s| !s.is_empty()),
        tolerance_seconds: tolerance,
        now_unix_seconds: None,
        seen_signatures: (!seen.is_empty()).then_some(seen),
        filter,
    };
    Ok(Settings { config, relay_url })
}

/// The JSON relayed for a verified event.
pub fn relay_body(event: &WebhookEvent) -> Vec<u8> {
    let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
    json!({
        "key": event.key,
        "name": event.name,
        "event_ts": event.event_ts,
        "account_id": event.account_id,
        "object_id": event.object_id,
        "payload": payload,
    })
    .to_string()
    .into_bytes()
}

/// Handles one delivery end to end: verify, relay a verified event, and say what to answer.
/// When the relay fails the answer is 502, so Zoom retries and the event is not lost.
pub fn respond(request: &WebhookRequest, settings: &Settings, transport: &dyn Transport) -> WebhookReply {
    let now = transport.now_unix();
    match webhook::handle(request, &settings.config, now) {
        WebhookOutcome::UrlValidation(reply) => reply,
        WebhookOutcome::Rejected(r) => r.reply,
        WebhookOutcome::Ignored(i) => i.reply,
        WebhookOutcome::Event(delivery) => {
            let Some(url) = &settings.relay_url else { return delivery.reply };
            let body = relay_body(&delivery.event);
            let relay = Request {
                method: Method::Post,
                url: url.clone(),
                // A length, not chunks: the simplest receivers (and some proxies) want one.
                headers: vec![
                    ("content-type".to_owned(), "application/json".to_owned()),
                    ("content-length".to_owned(), body.len().to_string()),
                ],
                body: Some(body),
                timeout: Some(RELAY_TIMEOUT),
            };
            match transport.send(&relay) {
                Ok(r) if (200..300).contains(&r.status) => delivery.reply,
                Ok(r) => failure(&format!("the relay answered HTTP {}", r.status)),
                Err(e) => failure(&format!("the relay could not be reached: {}", e.message)),
            }
        }
    }
}

/// A plain error answer (bad settings, oversized body, failed relay).
pub fn failure(message: &str) -> WebhookReply {
    WebhookReply {
        status: 502,
        content_type: "application/json".to_owned(),
        body: json!({"error": message}).to_string(),
    }
}
