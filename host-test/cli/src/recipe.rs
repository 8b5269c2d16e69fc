//! What every recipe (the demo and `examples/`) starts with: a simulator, a Server-to-Server
//! connection to it, and a component instance allowed to reach only it.

use anyhow::Result;
use serde_json::Value;

use zoom_runtime::egress::origin_of;
use zoom_runtime::{s2s_connection, Connector, Limits, Outcome};
use zoom_sim::Simulator;

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
}
