//! What every recipe (the demo and `examples/`) starts with: a simulator, a Server-to-Server
//! connection to it, and a component instance allowed to reach only it.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use zoom_runtime::egress::origin_of;
use zoom_runtime::{s2s_connection, Connector, Limits, Outcome, TRIGGERS};
use zoom_sim::Simulator;

use crate::trigger::webhook_args;

/// A running simulator with a connection and an instance for it.
pub struct Recipe {
    pub sim: Simulator,
    pub conn: Value,
    pub zoom: Connector,
}

impl Recipe {
    pub async fn start() -> Result<Recipe> {
        let sim = Simulator::start()?;
        let c = sim.credentials();
        let conn = s2s_connection(&sim.api_url(), &sim.oauth_url(), &c.account_id, &c.client_id, &c.client_secret);
        let hosts: Vec<String> = [sim.api_url(), sim.oauth_url()].iter().filter_map(|u| origin_of(u)).collect();
        let zoom = crate::runtime(Limits { allowed_hosts: hosts, ..Limits::default() })?.instantiate().await?;
        Ok(Recipe { sim, conn, zoom })
    }

    /// Runs an action; a typed error becomes a failed step.
    pub async fn action(&mut self, id: &str, input: &Value) -> Result<Value> {
        match self.zoom.action(id, &self.conn, input).await? {
            Outcome::Ok(v) => Ok(v),
            Outcome::Err(e) => anyhow::bail!("{id} failed: {e}"),
        }
    }

    /// The first webhook delivery the simulator sent for `event` (e.g. `recording.completed`).
    pub fn sent_delivery(&self, event: &str) -> Result<String> {
        let quoted = format!("\"{event}\"");
        self.sim.take_events().into_iter().find(|e| e.contains(&quoted)).with_context(|| format!("no {event} event"))
    }

    /// Signs `delivery` now with the app's secret token, as Zoom would, and runs the webhook
    /// trigger on it: the verified event (name, key, payload text), or a failed step.
    pub async fn deliver(&mut self, delivery: &str) -> Result<Value> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
        let headers = self.sim.sign_webhook(delivery, now);
        let secret = self.sim.credentials().webhook_secret;
        let args = webhook_args(delivery.as_bytes(), &headers, Some(&secret), None, None);
        let outcome = match self.zoom.call(TRIGGERS, "webhook", &args).await? {
            Outcome::Ok(v) => v,
            Outcome::Err(e) => bail!("the delivery was refused: {e}"),
        };
        match outcome.get("event") {
            Some(e) => Ok(e["event"].clone()),
            None => bail!("delivery not verified: {outcome}"),
        }
    }
}
