//! Zoom webhook verification and URL validation.
//! <https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events>
//!
//! Order: method → secret → headers → HMAC over the raw body (`Mac::verify_slice`, constant-time)
//! → timestamp window → parse. The signature is checked before the timestamp so a forged request
//! learns nothing about the window.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::triggers::events;
use crate::wit::triggers::{
    IgnoredDelivery, RejectedDelivery, VerifiedDelivery, WebhookConfig, WebhookEvent, WebhookOutcome, WebhookRejection,
    WebhookReply, WebhookRequest,
};

/// The default window around now that a delivery's timestamp must fall in.
pub(crate) const DEFAULT_TOLERANCE_SECS: u32 = 5400;

const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";
const SIGNATURE_HEADER: &str = "x-zm-signature";

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256(secret, `v0:{timestamp}:{body}`), what Zoom signs a delivery with.
fn delivery_mac(secret: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac
}

/// `v0=` + hex of the delivery's MAC: what Zoom puts in `x-zm-signature`.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    format!("v0={}", hex(&delivery_mac(secret, timestamp, body).finalize().into_bytes()))
}

/// Whether `signature` is `v0=` + the lower-case hex of the delivery's MAC.
fn signature_matches(secret: &str, timestamp: &str, body: &[u8], signature: &str) -> bool {
    let Some(digest) = signature.trim().strip_prefix("v0=").and_then(lower_hex) else { return false };
    delivery_mac(secret, timestamp, body).verify_slice(&digest).is_ok()
}

/// hex HMAC-SHA256(secret, plainToken): the `encryptedToken` of a URL validation answer.
pub(crate) fn encrypt_token(secret: &str, plain_token: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(plain_token.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Decides what to do with one delivery. `now` is Unix seconds.
pub(crate) fn handle(request: &WebhookRequest, config: &WebhookConfig, now: u64) -> WebhookOutcome {
    match verify(request, config, now).map_err(WebhookRejection::from) {
        Err(reason) => {
            let status = if matches!(reason, WebhookRejection::MethodNotAllowed(_)) { 405 } else { 401 };
            let reply = reply(status, json!({"error": rejection_code(&reason)}));
            WebhookOutcome::Rejected(RejectedDelivery { reply, reason })
        }
        Ok(Verified::Validation { plain_token, secret }) => WebhookOutcome::UrlValidation(reply(
            200,
            json!({"plainToken": plain_token, "encryptedToken": encrypt_token(secret, &plain_token)}),
        )),
        Ok(Verified::Event(event)) if !wanted(&event, config) => {
            WebhookOutcome::Ignored(IgnoredDelivery { reply: reply(200, json!({"received": true})), name: event.name })
        }
        Ok(Verified::Event(event)) => {
            WebhookOutcome::Event(VerifiedDelivery { reply: reply(200, json!({"received": true})), event: *event })
        }
    }
}

enum Verified<'a> {
    Validation { plain_token: String, secret: &'a str },
    Event(Box<WebhookEvent>),
}

/// Why a delivery is refused: a contract rejection, or a signed timestamp that is not a number,
/// which the contract has no case for and reports as stale by the smallest possible skew.
enum Refusal {
    Rejected(WebhookRejection),
    UnreadableTimestamp,
}

impl From<WebhookRejection> for Refusal {
    fn from(r: WebhookRejection) -> Self {
        Refusal::Rejected(r)
    }
}

impl From<Refusal> for WebhookRejection {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Rejected(r) => r,
            Refusal::UnreadableTimestamp => WebhookRejection::StaleTimestamp(i64::MIN),
        }
    }
}

fn verify<'a>(request: &WebhookRequest, config: &'a WebhookConfig, now: u64) -> Result<Verified<'a>, Refusal> {
    if !request.method.eq_ignore_ascii_case("POST") {
        return Err(WebhookRejection::MethodNotAllowed(request.method.chars().take(16).collect()).into());
    }
    let secret = config.secret_token.as_deref().filter(|s| !s.is_empty()).ok_or(WebhookRejection::MissingSecret)?;
    let timestamp = header(request, TIMESTAMP_HEADER)?;
    let signature = header(request, SIGNATURE_HEADER)?;
    if !signature_matches(secret, timestamp, &request.body, signature) {
        return Err(WebhookRejection::BadSignature.into());
    }
    let sent = parse_timestamp(timestamp).ok_or(Refusal::UnreadableTimestamp)?;
    // Saturating: a signed timestamp near i64::MIN overflowed the subtraction, and in the release
    // build (no overflow checks) wrapped to a skew whose `abs()` is negative, inside any window.
    let skew = i64::try_from(now).unwrap_or(i64::MAX).saturating_sub(sent);
    let tolerance = u64::from(config.tolerance_seconds.unwrap_or(DEFAULT_TOLERANCE_SECS));
    if skew.unsigned_abs() > tolerance {
        return Err(WebhookRejection::StaleTimestamp(skew).into());
    }
    if config.seen_signatures.iter().flatten().any(|seen| seen.trim() == signature.trim()) {
        return Err(WebhookRejection::Replayed.into());
    }
    let mut body: Value =
        serde_json::from_slice(&request.body).map_err(|e| WebhookRejection::MalformedBody(format!("not JSON: {e}")))?;
    let name = match body.get_mut("event").map(Value::take) {
        Some(Value::String(name)) if !name.is_empty() => name,
        _ => return Err(WebhookRejection::MalformedBody("no `event` name".to_owned()).into()),
    };
    // Moved out, not cloned: the payload is most of the body, and the rest of `body` is only read
    // for top-level fields (`event_ts`, `download_token`).
    let payload = body.get_mut("payload").map(Value::take).filter(Value::is_object).unwrap_or(Value::Null);
    if name == "endpoint.url_validation" {
        let plain_token =
            payload.get("plainToken").and_then(Value::as_str).filter(|t| !t.is_empty()).ok_or_else(|| {
                WebhookRejection::MalformedBody("url_validation without payload.plainToken".to_owned())
            })?;
        return Ok(Verified::Validation { plain_token: plain_token.to_owned(), secret });
    }
    if !payload.is_object() {
        return Err(WebhookRejection::MalformedBody("no `payload` object".to_owned()).into());
    }
    Ok(Verified::Event(Box::new(event_from(&name, &payload, &body))))
}

/// The typed event for a delivery's (or a recovered event's) `body`, whose `payload` is given.
pub(crate) fn event_from(name: &str, payload: &Value, body: &Value) -> WebhookEvent {
    let object = payload.get("object").unwrap_or(&Value::Null);
    let event_ts = body.get("event_ts").and_then(Value::as_u64).unwrap_or(0);
    WebhookEvent {
        key: events::key(name, object, event_ts),
        name: name.to_owned(),
        event_ts,
        account_id: payload.get("account_id").and_then(Value::as_str).map(str::to_owned),
        object_id: events::subject_id(name, object),
        typed: events::parse(name, payload, body),
        payload: payload.to_string(),
    }
}

/// Whether the recipe's filter wants the event. Every given field must match.
fn wanted(event: &WebhookEvent, config: &WebhookConfig) -> bool {
    let Some(f) = &config.filter else { return true };
    let names = f.event_names.as_ref().is_none_or(|n| n.is_empty() || n.iter().any(|n| n.trim() == event.name));
    let meeting = f.meeting_id.as_deref().is_none_or(|id| event.object_id.as_deref() == Some(id.trim()));
    let host = f.host_id.as_deref().is_none_or(|h| {
        let payload: Value = serde_json::from_str(&event.payload).unwrap_or_default();
        payload.pointer("/object/host_id").and_then(Value::as_str) == Some(h.trim())
    });
    names && meeting && host
}

fn header<'r>(request: &'r WebhookRequest, name: &str) -> Result<&'r str, WebhookRejection> {
    request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| WebhookRejection::MissingHeader(name.to_owned()))
}

/// Seconds, or milliseconds when the number is too large to be seconds.
fn parse_timestamp(t: &str) -> Option<i64> {
    let n: i64 = t.trim().parse().ok()?;
    Some(if n > 100_000_000_000 { n / 1000 } else { n })
}

/// The bytes of lower-case hex, the only case Zoom writes (and so the only one accepted).
fn lower_hex(text: &str) -> Option<Vec<u8>> {
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes.chunks(2).map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?)).collect()
}

fn rejection_code(r: &WebhookRejection) -> &'static str {
    match r {
        WebhookRejection::MissingSecret => "missing_secret",
        WebhookRejection::MethodNotAllowed(_) => "method_not_allowed",
        WebhookRejection::MissingHeader(_) => "missing_header",
        WebhookRejection::BadSignature => "bad_signature",
        WebhookRejection::StaleTimestamp(_) => "stale_timestamp",
        WebhookRejection::Replayed => "replayed",
        WebhookRejection::MalformedBody(_) => "malformed_body",
    }
}

fn reply(status: u16, body: Value) -> WebhookReply {
    WebhookReply { status, content_type: "application/json".to_owned(), body: body.to_string() }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
