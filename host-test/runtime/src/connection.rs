//! The connection JSON the component's `types.connection` variant takes, built from parts.

use serde_json::{json, Value};

/// The JSON connection the bridge expects, from parts.
pub fn s2s_connection(api_url: &str, oauth_url: &str, account_id: &str, client_id: &str, client_secret: &str) -> Value {
    json!({"server_to_server": {
        "account_id": account_id, "client_id": client_id, "client_secret": client_secret,
        "oauth_base_url": oauth_url, "api_base_url": api_url,
    }})
}

/// A pasted-token connection.
pub fn token_connection(api_url: &str, token: &str) -> Value {
    json!({"access_token": {"token": token, "api_base_url": api_url}})
}
