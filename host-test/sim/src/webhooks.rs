//! Webhook events (spec/README.md, *Webhook signatures and retries*; example
//! payloads in `spec/webhooks/`): envelopes built from state changes, Zoom's
//! `v0` signature, the URL-validation challenge, and a plain HTTP/1.1 POST to
//! deliver an event to a loopback receiver.

use super::clock;
use super::server::{read_body, read_headers};
use super::store::Store;
use anyhow::{anyhow, bail, Context};
use hmac::{Hmac, Mac};
use serde_json::{json, Map, Value};
use sha2::Sha256;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// `{event, event_ts, payload}` plus any top-level extras (such as
/// `recording.completed`'s `download_token`).
pub(crate) fn envelope(event: &str, payload: Value, extra: Map<String, Value>) -> String {
    let mut env = json!({ "event": event, "event_ts": clock::now_ms(), "payload": payload });
    env.as_object_mut().expect("envelope is an object").extend(extra);
    env.to_string()
}

pub(crate) fn hmac_hex(secret: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Headers Zoom sends with an event signed by `secret` (content-type,
/// x-zm-request-timestamp, x-zm-signature); the signature is
/// `v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))`. Public so tools can sign
/// with a secret other than the simulator's.
pub fn sign_delivery(secret: &str, body: &str, timestamp: i64) -> Vec<(String, String)> {
    vec![
        ("content-type".into(), "application/json".into()),
        ("x-zm-request-timestamp".into(), timestamp.to_string()),
        ("x-zm-signature".into(), format!("v0={}", hmac_hex(secret, &format!("v0:{timestamp}:{body}")))),
    ]
}

/// The `endpoint.url_validation` challenge Zoom sends when a webhook URL is
/// saved and every 72 hours after.
pub fn url_validation_body(plain_token: &str, event_ts_ms: i64) -> String {
    json!({
        "event": "endpoint.url_validation",
        "event_ts": event_ts_ms,
        "payload": { "plainToken": plain_token },
    })
    .to_string()
}

/// Copies the listed keys that are present on the meeting.
fn pick(meeting: &Value, keys: &[&str]) -> Map<String, Value> {
    keys.iter().filter_map(|k| meeting.get(*k).map(|v| ((*k).to_string(), v.clone()))).collect()
}

const HEAD: &[&str] = &["uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone"];

/// `meeting.created` object: schema-required fields plus the optional ones
/// the meeting has.
pub(crate) fn created_object(meeting: &Value) -> Value {
    let mut obj = pick(meeting, HEAD);
    obj.extend(pick(meeting, &["join_url", "password", "occurrences", "recurrence"]));
    let settings = &meeting["settings"];
    obj.insert(
        "settings".into(),
        json!({
            "use_pmi": settings["use_pmi"],
            "alternative_hosts": settings["alternative_hosts"],
            "join_before_host": settings["join_before_host"],
            "jbh_time": settings["jbh_time"],
        }),
    );
    Value::Object(obj)
}

/// `webinar.created` object: the meeting's shape with `creation_source`, which the webinar
/// schema requires; a webinar never starts in a PMI.
pub(crate) fn webinar_created_object(webinar: &Value) -> Value {
    let mut obj = pick(webinar, HEAD);
    obj.extend(pick(webinar, &["join_url", "password", "creation_source", "occurrences", "recurrence"]));
    let alternative_hosts = webinar["settings"]["alternative_hosts"].as_str().unwrap_or_default();
    obj.insert("settings".into(), json!({"use_pmi": false, "alternative_hosts": alternative_hosts}));
    Value::Object(obj)
}

/// The `*.updated` payload for an API change: what changed, before and after, and when.
pub(crate) fn updated_payload(store: &Store, before: &Value, after: &Value) -> Value {
    let (object, old_object) = updated_objects(before, after);
    let mut payload = store.operator_fields();
    payload.insert("object".into(), object);
    payload.insert("old_object".into(), old_object);
    payload.insert("time_stamp".into(), json!(clock::now_ms()));
    Value::Object(payload)
}

/// `meeting.updated` carries only what changed, in `object` (new values) and
/// `old_object` (previous values), both keyed by id and uuid.
pub(crate) fn updated_objects(before: &Value, after: &Value) -> (Value, Value) {
    let mut new = pick(after, &["id", "uuid"]);
    let mut old = pick(before, &["id", "uuid"]);
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for (k, v) in a {
            if b.get(k) != Some(v) && k != "settings" {
                new.insert(k.clone(), v.clone());
                old.insert(k.clone(), b.get(k).cloned().unwrap_or(Value::Null));
            }
        }
        if let (Some(bs), Some(as_)) =
            (b.get("settings").and_then(Value::as_object), a.get("settings").and_then(Value::as_object))
        {
            let changed: Vec<&String> = as_.keys().filter(|k| bs.get(*k) != as_.get(*k)).collect();
            if !changed.is_empty() {
                new.insert("settings".into(), changed.iter().map(|k| ((*k).clone(), as_[*k].clone())).collect());
                old.insert(
                    "settings".into(),
                    changed.iter().map(|k| ((*k).clone(), bs.get(*k).cloned().unwrap_or(Value::Null))).collect(),
                );
            }
        }
    }
    (Value::Object(new), Value::Object(old))
}

pub(crate) fn deleted_object(meeting: &Value, occurrences: Option<Vec<Value>>) -> Value {
    let mut obj = pick(meeting, HEAD);
    if let Some(occ) = occurrences {
        obj.insert("occurrences".into(), Value::Array(occ));
    }
    Value::Object(obj)
}

pub(crate) fn registration_object(meeting: &Value, registrant: &Value, occurrences: &[Value]) -> Value {
    let mut obj = pick(meeting, HEAD);
    if !occurrences.is_empty() {
        obj.insert("occurrences".into(), Value::Array(occurrences.to_vec()));
    }
    obj.insert(
        "registrant".into(),
        Value::Object(pick(
            registrant,
            &["id", "first_name", "last_name", "email", "status", "join_url", "participant_pin_code"],
        )),
    );
    Value::Object(obj)
}

/// POSTs `body` to an `http://` loopback URL over a fresh connection and
/// returns the status and body text. No TLS: receivers under test listen on
/// plain HTTP.
pub(crate) fn deliver(url: &str, body: &str, headers: &[(String, String)]) -> anyhow::Result<(u16, String)> {
    deliver_within(url, body, headers, Duration::from_secs(30))
}

/// `deliver` with `timeout` for connecting and for each read and write.
pub(crate) fn deliver_within(
    url: &str,
    body: &str,
    headers: &[(String, String)],
    timeout: Duration,
) -> anyhow::Result<(u16, String)> {
    let rest = url.strip_prefix("http://").ok_or_else(|| anyhow!("only http:// URLs are supported: {url}"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h).trim_matches(['[', ']']);
    if !["127.0.0.1", "localhost", "::1"].contains(&host) {
        bail!("webhook delivery is loopback-only, got host {host}");
    }
    let addr = if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") };
    let sock = addr
        .to_socket_addrs()
        .with_context(|| format!("resolving {addr}"))?
        .next()
        .ok_or_else(|| anyhow!("{addr} resolves to nothing"))?;
    let mut stream = TcpStream::connect_timeout(&sock, timeout).with_context(|| format!("connecting to {addr}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut head = format!("POST {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: Zoom Marketplace/1.0a\r\n");
    let has_type = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    if !has_type {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        if !k.eq_ignore_ascii_case("content-length") && !k.eq_ignore_ascii_case("connection") {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()?;

    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| anyhow!("bad status line from {url}: {status_line:?}"))?;
    let resp_headers = read_headers(&mut reader)?;
    let framed = resp_headers.iter().any(|(k, _)| k == "content-length" || k == "transfer-encoding");
    let bytes = if status == 204 || status == 304 {
        Vec::new()
    } else if framed {
        read_body(&mut reader, &resp_headers)?
    } else {
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut all)?;
        all
    };
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_known_hmac() {
        // RFC 4231 test case 2: key "Jefe".
        assert_eq!(
            hmac_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let h = sign_delivery("secret", "{\"a\":1}", 1_700_000_000);
        assert_eq!(h[1], ("x-zm-request-timestamp".to_string(), "1700000000".to_string()));
        assert_eq!(h[2].1, format!("v0={}", hmac_hex("secret", "v0:1700000000:{\"a\":1}")));
        assert_eq!(h[2].1.len(), 3 + 64);
    }

    #[test]
    fn url_validation_shape() {
        let v: Value = serde_json::from_str(&url_validation_body("abc", 5)).unwrap();
        assert_eq!(v, json!({"event":"endpoint.url_validation","event_ts":5,"payload":{"plainToken":"abc"}}));
    }

    #[test]
    fn updated_reports_only_changes() {
        let before = json!({"id": 1, "uuid": "u", "topic": "a", "duration": 30, "settings": {"audio": "both", "x": 1}});
        let after = json!({"id": 1, "uuid": "u", "topic": "b", "duration": 30, "settings": {"audio": "voip", "x": 1}});
        let (new, old) = updated_objects(&before, &after);
        assert_eq!(new, json!({"id": 1, "uuid": "u", "topic": "b", "settings": {"audio": "voip"}}));
        assert_eq!(old, json!({"id": 1, "uuid": "u", "topic": "a", "settings": {"audio": "both"}}));
    }

    #[test]
    fn deliver_refuses_non_loopback() {
        assert!(deliver("https://127.0.0.1/x", "{}", &[]).is_err());
        assert!(deliver("http://example.com/x", "{}", &[]).is_err());
    }
}
