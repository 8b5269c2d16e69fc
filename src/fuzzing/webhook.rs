//! A delivery a stranger posted: raw method, headers and body through verification, URL
//! validation and event typing ([`crate::triggers::webhook::handle`]).

use crate::triggers::webhook;
use crate::wit::triggers::{EventFilter, WebhookConfig, WebhookOutcome, WebhookRejection, WebhookRequest};

/// A recipe's filter: event names, meeting id, host id.
pub type Filter = (Option<Vec<String>>, Option<String>, Option<String>);

/// One delivery and how it is checked.
#[derive(Clone, Debug, Default)]
pub struct Delivery {
    /// The HTTP method.
    pub method: String,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// The app's secret token.
    pub secret: Option<String>,
    /// The timestamp window, in seconds.
    pub tolerance: Option<u32>,
    /// Signatures already accepted.
    pub seen: Option<Vec<String>>,
    /// The filter's event names, meeting id and host id.
    pub filter: Option<Filter>,
    /// Unix seconds.
    pub now: u64,
}

/// What the endpoint decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Refused, with the rejection's `Debug` text and the reply status.
    Rejected { reason: String, status: u16, bad_signature: bool },
    /// A URL validation answered: the reply's JSON body.
    UrlValidation { status: u16, body: String },
    /// Verified but not wanted by the filter.
    Ignored { name: String },
    /// Verified and typed: its name, key and payload JSON.
    Event { name: String, key: String, payload: String, status: u16 },
}

/// Checks one delivery.
pub fn handle(d: &Delivery) -> Verdict {
    let request = WebhookRequest { method: d.method.clone(), headers: d.headers.clone(), body: d.body.clone() };
    let config = WebhookConfig {
        secret_token: d.secret.clone(),
        tolerance_seconds: d.tolerance,
        now_unix_seconds: Some(d.now),
        seen_signatures: d.seen.clone(),
        filter: d.filter.clone().map(|(event_names, meeting_id, host_id)| EventFilter {
            event_names,
            meeting_id,
            host_id,
        }),
    };
    match webhook::handle(&request, &config, d.now) {
        WebhookOutcome::Rejected(r) => Verdict::Rejected {
            bad_signature: matches!(r.reason, WebhookRejection::BadSignature),
            reason: format!("{:?}", r.reason),
            status: r.reply.status,
        },
        WebhookOutcome::UrlValidation(reply) => Verdict::UrlValidation { status: reply.status, body: reply.body },
        WebhookOutcome::Ignored(i) => Verdict::Ignored { name: i.name },
        WebhookOutcome::Event(e) => {
            Verdict::Event { name: e.event.name, key: e.event.key, payload: e.event.payload, status: e.reply.status }
        }
    }
}

/// `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`: Zoom's `x-zm-signature`.
pub fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    webhook::sign(secret, timestamp, body)
}

/// hex HMAC-SHA256(secret, plainToken): a URL validation's `encryptedToken`.
pub fn encrypt_token(secret: &str, plain_token: &str) -> String {
    webhook::encrypt_token(secret, plain_token)
}
