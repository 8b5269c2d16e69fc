//! Zoom's documented example of each webhook event (`spec/webhooks/`, embedded minified by
//! build.rs), typed as the webhook types a delivery: a sample for the event families an account
//! has none of yet.

use serde_json::Value;

use crate::triggers::webhook;
use crate::wit::triggers::WebhookEvent;

include!(concat!(env!("OUT_DIR"), "/webhook_examples.rs"));

/// Starts the `key` of every sample that is a documented example, not an event of the account.
pub(crate) const PREFIX: &str = "example:";

/// The documented example of `name`, with its key marked by [`PREFIX`].
pub(crate) fn event(name: &str) -> Option<WebhookEvent> {
    let (_, text) = EXAMPLES.iter().find(|(n, _)| *n == name)?;
    let body: Value = serde_json::from_str(text).ok()?;
    let mut event = webhook::event_from(name, &body["payload"], &body);
    event.key = format!("{PREFIX}{}", event.key);
    Some(event)
}
