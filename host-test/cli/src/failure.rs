//! What a failed call means for the person or script that ran it: the exit code, and a hint a
//! person can act on. The typed JSON error itself is printed unchanged; scripts read that.

use serde_json::Value;

/// Exit codes, as the README's CLI section documents them.
pub mod exit {
    /// Zoom answered an error, or the input was refused: the typed error is on stderr.
    pub const ZOOM_OR_INPUT: u8 = 1;
    /// The command line itself was wrong (clap's usage errors), or the host could not start the
    /// call (no component, a missing secret, an unreadable `--input @file`).
    pub const USAGE: u8 = 2;
    /// The host stopped the call: its CPU (fuel), memory or time budget, or a request to an
    /// address the host does not allow.
    pub const HOST_LIMIT: u8 = 3;
}

/// The exit code for a call that ended with `error` (the typed error's JSON).
pub fn exit_code(error: &Value) -> u8 {
    if error.get("limit_exceeded").is_some() || refused_by_host(error) {
        exit::HOST_LIMIT
    } else {
        exit::ZOOM_OR_INPUT
    }
}

/// The component reports a request the host's allow-list refused as a transport error naming
/// wasi:http's `HttpRequestDenied`; nothing was sent.
fn refused_by_host(error: &Value) -> bool {
    error.get("transport").and_then(Value::as_str).is_some_and(|m| m.contains("HttpRequestDenied"))
}

/// A line telling a person what to do about `error`, when there is something to do.
pub fn hint(error: &Value) -> Option<String> {
    let (kind, detail) = error.as_object()?.iter().next()?;
    let text = |key: &str| detail.get(key).and_then(Value::as_str);
    match kind.as_str() {
        "missing_scope" => Some(match text("scope") {
            Some(scope) => {
                format!("add the scope {scope} to your Marketplace app, then reconnect so a new token carries it")
            }
            None => "add the scopes the action lists (`zoom-host actions --json`, `scopes`) to your Marketplace \
                     app, then reconnect so a new token carries them"
                .into(),
        }),
        "unauthorized" => Some(unauthorized(detail.as_str().unwrap_or(""))),
        "rate_limited" => {
            let daily = text("limit_type").is_some_and(|t| t.eq_ignore_ascii_case("daily-limit"));
            match (text("reset_at"), detail.get("retry_after_seconds").and_then(Value::as_u64)) {
                (Some(at), _) => Some(format!(
                    "Zoom's {}limit for this API is spent; it resets at {at}: try again after that",
                    if daily { "daily " } else { "" }
                )),
                (None, _) if daily => Some(
                    "Zoom's daily limit for this API is spent; it resets at 00:00 UTC: try again after that".into(),
                ),
                (None, Some(secs)) => Some(format!("Zoom asked to wait {secs} s: try again after that")),
                (None, None) => Some("Zoom is rate limiting this app: try again in a little while".into()),
            }
        }
        "limit_exceeded" => {
            Some("the host stopped the call at its limit: ask for fewer items (a page, or `max_items`)".into())
        }
        "transport" if refused_by_host(error) => Some(
            "the host only lets the component reach --api-url and --oauth-url: check those (and ZOOM_API_URL, \
             ZOOM_OAUTH_URL)"
                .into(),
        ),
        _ => None,
    }
}

/// A refused grant: reconnecting helps when it expired or was revoked; wrong app credentials
/// need fixing instead.
fn unauthorized(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("invalid_client") || lower.contains("invalid client") {
        "Zoom refused the app's credentials: check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET".into()
    } else {
        "the grant expired or was revoked: reconnect (`zoom-host oauth --store FILE` for a user app, or a new \
         ZOOM_ACCESS_TOKEN)"
            .into()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_missing_scope_names_the_scope_to_add() {
        let e = json!({"missing_scope": {"scope": "meeting:read:meeting", "message": "Invalid access token, does not contain scopes:[meeting:read:meeting]."}});
        let h = hint(&e).unwrap();
        assert!(h.contains("add the scope meeting:read:meeting to your Marketplace app"), "{h}");
        assert!(h.contains("reconnect"), "{h}");
        let unnamed = hint(&json!({"missing_scope": {"scope": null, "message": "no scope"}})).unwrap();
        assert!(unnamed.contains("zoom-host actions --json"), "{unnamed}");
        assert_eq!(exit_code(&e), 1);
    }

    #[test]
    fn an_expired_or_revoked_grant_says_to_reconnect_and_wrong_credentials_say_which_to_check() {
        for message in [
            "the OAuth access token expired and there is no refresh token",
            "the token refresh was refused (HTTP 400, invalid_grant): Invalid Token!",
            "Access token is expired.",
        ] {
            let h = hint(&json!({ "unauthorized": message })).unwrap();
            assert!(h.contains("expired or was revoked: reconnect"), "{message}: {h}");
        }
        let h = hint(&json!({"unauthorized": "the Server-to-Server token request was refused (HTTP 401, invalid_client): Invalid client_id or client_secret"}))
            .unwrap();
        assert!(h.contains("ZOOM_CLIENT_SECRET") && !h.contains("reconnect"), "{h}");
    }

    #[test]
    fn a_daily_cap_says_when_it_resets() {
        let at = "2026-12-01T00:00:00Z";
        let e = json!({"rate_limited": {"retry_after_seconds": null, "reset_at": at, "limit_type": "Daily-limit", "message": "You have reached the maximum daily rate limit for this API."}});
        assert_eq!(
            hint(&e).unwrap(),
            format!("Zoom's daily limit for this API is spent; it resets at {at}: try again after that")
        );
        let qps =
            json!({"rate_limited": {"retry_after_seconds": 90, "reset_at": null, "limit_type": "QPS", "message": "m"}});
        assert_eq!(hint(&qps).unwrap(), "Zoom asked to wait 90 s: try again after that");
        assert_eq!(exit_code(&e), 1, "Zoom's limit is Zoom's answer, not the host's");
    }

    #[test]
    fn host_limits_exit_3_and_other_errors_exit_1_without_a_hint() {
        assert_eq!(exit_code(&json!({"limit_exceeded": "call used more than its CPU budget (fuel)"})), 3);
        let refused = json!({"transport": "the host does not allow requests to this address (HttpRequestDenied)"});
        assert_eq!(exit_code(&refused), 3);
        assert!(hint(&refused).unwrap().contains("--api-url"));
        let other = json!({"not_found": {"status": 404, "code": 3001, "message": "Meeting does not exist: 1."}});
        assert_eq!((exit_code(&other), hint(&other)), (1, None));
        assert_eq!(exit_code(&json!({"transport": "ConnectionRefused"})), 1);
        assert_eq!(hint(&json!("not an object")), None);
    }
}
