//! The webhook endpoint the component serves through `wasi:http/incoming-handler`: its settings
//! come from environment variables (the only configuration a WASI HTTP host passes to every
//! request), verification is `webhook::handle`, and verified events are relayed as JSON.

use std::time::Duration;

use serde_json::json;
use serde_json::value::RawValue;

use crate::http::{Method, Request, Transport};
use crate::triggers::webhook;
use crate::wit::triggers::{EventFilter, WebhookConfig, WebhookEvent, WebhookOutcome, WebhookReply, WebhookRequest};

pub(crate) const SECRET_VAR: &str = "ZOOM_WEBHOOK_SECRET_TOKEN";
pub(crate) const RELAY_VAR: &str = "ZOOM_WEBHOOK_RELAY_URL";
pub(crate) const TOLERANCE_VAR: &str = "ZOOM_WEBHOOK_TOLERANCE_SECONDS";
pub(crate) const EVENTS_VAR: &str = "ZOOM_WEBHOOK_EVENTS";
/// `x-zm-signature` values of deliveries the host already answered 200, comma-separated: the
/// component keeps no state between requests, so a host that wants replays refused passes them.
pub(crate) const SEEN_VAR: &str = "ZOOM_WEBHOOK_SEEN_SIGNATURES";
/// Larger bodies are refused unread: Zoom's events are a few kilobytes.
pub(crate) const MAX_BODY_BYTES: usize = 1 << 20;
/// Zoom gives up on an answer after 3 seconds; the relay must fit inside that.
const RELAY_TIMEOUT: Duration = Duration::from_millis(2500);

/// The endpoint's settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settings {
    pub(crate) config: WebhookConfig,
    pub(crate) relay_url: Option<String>,
}

/// Reads the settings through `var`. A bad value is an error naming the variable; a missing
/// secret is not (every delivery is then refused, fail closed).
pub(crate) fn settings(var: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
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

/// The JSON relayed for a verified event. The payload is already JSON text: it is embedded as
/// it is, not parsed into a tree and printed again.
pub(crate) fn relay_body(event: &WebhookEvent) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Relayed<'a> {
        key: &'a str,
        name: &'a str,
        event_ts: u64,
        account_id: Option<&'a str>,
        object_id: Option<&'a str>,
        payload: Option<&'a RawValue>,
    }
    serde_json::to_vec(&Relayed {
        key: &event.key,
        name: &event.name,
        event_ts: event.event_ts,
        account_id: event.account_id.as_deref(),
        object_id: event.object_id.as_deref(),
        payload: serde_json::from_str(&event.payload).ok(),
    })
    .unwrap_or_default()
}

/// Handles one delivery end to end: verify, relay a verified event, and say what to answer.
/// When the relay fails the answer is 502, so Zoom retries and the event is not lost.
pub(crate) fn respond(request: &WebhookRequest, settings: &Settings, transport: &dyn Transport) -> WebhookReply {
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
pub(crate) fn failure(message: &str) -> WebhookReply {
    WebhookReply {
        status: 502,
        content_type: "application/json".to_owned(),
        body: json!({"error": message}).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::testing::{answer, Scripted};
    use crate::http::TransportError;
    use serde_json::Value;

    const NOW: u64 = 1_800_000_000;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn endpoint_settings_come_from_the_environment() {
        let s = settings(env(&[
            ("ZOOM_WEBHOOK_SECRET_TOKEN", "sekret-value"),
            ("ZOOM_WEBHOOK_RELAY_URL", " http://127.0.0.1:9/in "),
            ("ZOOM_WEBHOOK_TOLERANCE_SECONDS", "60"),
            ("ZOOM_WEBHOOK_EVENTS", "meeting.created, ,recording.completed"),
        ]))
        .unwrap();
        assert_eq!(s.config.secret_token.as_deref(), Some("sekret-value"));
        assert_eq!(s.relay_url.as_deref(), Some("http://127.0.0.1:9/in"));
        assert_eq!(s.config.tolerance_seconds, Some(60));
        let names = s.config.filter.unwrap().event_names.unwrap();
        assert_eq!(names, ["meeting.created", "recording.completed"]);
        let e = settings(env(&[("ZOOM_WEBHOOK_TOLERANCE_SECONDS", "soon")])).unwrap_err();
        assert!(e.contains("ZOOM_WEBHOOK_TOLERANCE_SECONDS"), "{e}");
        let e = settings(env(&[("ZOOM_WEBHOOK_RELAY_URL", "ftp://x")])).unwrap_err();
        assert!(e.contains("ZOOM_WEBHOOK_RELAY_URL"), "{e}");
        assert_eq!(settings(env(&[])).unwrap().config.secret_token, None);
        let seen = settings(env(&[("ZOOM_WEBHOOK_SEEN_SIGNATURES", "v0=aa, v0=bb,")])).unwrap();
        assert_eq!(seen.config.seen_signatures.unwrap(), ["v0=aa", "v0=bb"]);
    }

    fn signed(secret: &str, body: &str) -> WebhookRequest {
        let ts = NOW.to_string();
        WebhookRequest {
            method: "POST".to_owned(),
            headers: vec![
                ("x-zm-request-timestamp".to_owned(), ts.clone()),
                ("x-zm-signature".to_owned(), webhook::sign(secret, &ts, body.as_bytes())),
            ],
            body: body.as_bytes().to_vec(),
        }
    }

    fn with_relay(relay: Option<&str>) -> Settings {
        let mut s = settings(env(&[("ZOOM_WEBHOOK_SECRET_TOKEN", "sekret-value")])).unwrap();
        s.relay_url = relay.map(str::to_owned);
        s
    }

    const EVENT: &str =
        r#"{"event":"meeting.created","event_ts":1,"payload":{"account_id":"A","object":{"id":85,"topic":"T"}}}"#;

    #[test]
    fn endpoint_relays_verified_events_and_answers_502_when_the_relay_fails() {
        let ok = Scripted::new(vec![answer(204, "")]);
        let reply = respond(&signed("sekret-value", EVENT), &with_relay(Some("http://relay/in")), &ok);
        assert_eq!(reply.status, 200);
        let sent = ok.sent.borrow();
        let relayed: Value = serde_json::from_slice(sent[0].body.as_ref().unwrap()).unwrap();
        assert_eq!(relayed["key"], "meeting.created:85");
        assert_eq!(relayed["payload"]["object"]["topic"], "T");

        let down = Scripted::new(vec![Err(TransportError { message: "refused".into(), sent: false, denied: false })]);
        let reply = respond(&signed("sekret-value", EVENT), &with_relay(Some("http://relay/in")), &down);
        assert_eq!(reply.status, 502);
        let refused = Scripted::new(vec![answer(500, "{}")]);
        assert_eq!(respond(&signed("sekret-value", EVENT), &with_relay(Some("http://r/")), &refused).status, 502);
    }

    #[test]
    fn endpoint_rejects_without_relaying_and_fails_closed_without_a_secret() {
        let none = Scripted::new(vec![]);
        let forged = signed("other-secret", EVENT);
        assert_eq!(respond(&forged, &with_relay(Some("http://relay/in")), &none).status, 401);
        let mut no_secret = with_relay(None);
        no_secret.config.secret_token = None;
        assert_eq!(respond(&signed("sekret-value", EVENT), &no_secret, &none).status, 401);
        assert!(none.sent.borrow().is_empty());
        let relayed = relay_body(&webhook::event_from("x.y", &json!({"object": {"id": 1}}), &json!({"event_ts": 2})));
        assert!(!String::from_utf8(relayed).unwrap().contains("sekret"));
    }
}
