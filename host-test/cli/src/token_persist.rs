//! Keeping an OAuth tokens file current: after every call on it, the tokens the call rotated are
//! written back, so the refresh token Zoom has just revoked is never used again.

use std::path::PathBuf;

use anyhow::Result;
use serde_json::Value;
use zoom_runtime::token_file;
use zoom_runtime::{Connector, Outcome, AUTH};

/// Writes back the newest tokens the call obtained, from `auth.token-updates` while the instance
/// is healthy, or from the host's own capture of Zoom's token answers when it trapped or ran out
/// of time (a trapped instance cannot be asked). Returns the file written, if any.
pub async fn persist_rotation(
    connector: &mut Connector,
    connection: &Value,
    tokens_file: Option<&str>,
) -> Result<Option<PathBuf>> {
    let Some(path) = tokens_file.map(str::to_owned).or_else(|| std::env::var("ZOOM_OAUTH_TOKENS").ok()) else {
        return Ok(None);
    };
    if connection.get("oauth").is_none() {
        return Ok(None);
    }
    let tokens = match reported(connector, connection).await {
        Some(tokens) => Some(tokens),
        None => connector.captured_tokens().pop().map(|c| c.tokens),
    };
    let Some(tokens) = tokens else { return Ok(None) };
    let path = PathBuf::from(path);
    let mut stored = token_file::read(&path)?;
    stored.tokens = keep_refresh_token(tokens, &stored.tokens);
    token_file::write(&path, &stored)?;
    Ok(Some(path))
}

/// The newest tokens the component reports for this connection; `None` when it reports none or
/// cannot be asked.
async fn reported(connector: &mut Connector, connection: &Value) -> Option<Value> {
    if connector.poisoned() {
        return None;
    }
    let key = match connector.call(AUTH, "connection-key", std::slice::from_ref(connection)).await {
        Ok(Outcome::Ok(Value::String(k))) => k,
        _ => return None,
    };
    let updates = connector.token_updates().await.ok()?;
    updates.into_iter().rev().find(|u| u["connection_key"] == key.as_str()).map(|u| u["tokens"].clone())
}

/// Zoom may answer a refresh without a new refresh token: the stored one then stays valid.
fn keep_refresh_token(mut tokens: Value, stored: &Value) -> Value {
    if tokens.get("refresh_token").is_none_or(Value::is_null) {
        tokens["refresh_token"] = stored.get("refresh_token").cloned().unwrap_or(Value::Null);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_unrotated_refresh_token_is_kept() {
        let stored = json!({"access_token": "A1", "refresh_token": "R1"});
        let kept = keep_refresh_token(json!({"access_token": "A2", "refresh_token": null}), &stored);
        assert_eq!(kept, json!({"access_token": "A2", "refresh_token": "R1"}));
        let rotated = keep_refresh_token(json!({"access_token": "A3", "refresh_token": "R2"}), &stored);
        assert_eq!(rotated["refresh_token"], "R2");
    }
}
