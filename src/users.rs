//! Users: who a connection acts as. <https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}>

use serde_json::Value;

use crate::actions::ConnectionInfo;
use crate::error::Error;
use crate::http::{Call, Client, Method};
use crate::meetings::text;

/// `GET /users/me`.
pub fn test_connection(client: &Client) -> Result<ConnectionInfo, Error> {
    let v = client.send_json(&Call::new(Method::Get, "/users/me"))?;
    parse_info(&v, client.session.kind_name())
}

fn parse_info(v: &Value, kind: &str) -> Result<ConnectionInfo, Error> {
    let missing = |k: &str| Error::Transport(format!("Zoom's user object has no `{k}`"));
    Ok(ConnectionInfo {
        user_id: text(v, "id").ok_or_else(|| missing("id"))?,
        email: text(v, "email").ok_or_else(|| missing("email"))?,
        account_id: text(v, "account_id"),
        display_name: text(v, "display_name"),
        user_type: v.get("type").and_then(Value::as_u64).ok_or_else(|| missing("type"))?.min(u32::MAX as u64) as u32,
        connection_kind: kind.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_identity_and_requires_id_email_type() {
        let info = parse_info(&json!({"id": "u1", "email": "a@x.com", "type": 2, "account_id": "acc"}), "access-token")
            .unwrap();
        assert_eq!((info.user_id.as_str(), info.user_type, info.account_id.as_deref()), ("u1", 2, Some("acc")));
        assert!(
            matches!(parse_info(&json!({"id": "u1", "type": 2}), "x"), Err(Error::Transport(m)) if m.contains("email"))
        );
    }
}
