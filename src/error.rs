//! The connector's error type and the mapping from Zoom's answers to it.
//!
//! Zoom reports most failures as `{"code": <int>, "message": "..."}` with an HTTP status that does
//! not always match the code (124 arrives as 400 on some routes and 401 on others), so the mapping
//! looks at the code first and the status second.

use std::fmt;

use crate::wit::types::{ApiFailure, FieldError, RateLimit, ScopeFailure, SizeLimit, ZoomError};

/// One failure of an action. Converted to the WIT `zoom-error` only at the export boundary.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// Credentials or token refused.
    Unauthorized(String),
    /// Valid token, not allowed.
    Forbidden(Api),
    /// The token lacks a scope.
    MissingScope { scope: Option<String>, message: String },
    /// The resource does not exist.
    NotFound(Api),
    /// Zoom's rate limiter said no, and the connector did not wait.
    RateLimited {
        retry_after_seconds: Option<u64>,
        reset_at: Option<String>,
        limit_type: Option<String>,
        message: String,
    },
    /// An input broke a rule (ours or Zoom's code 300).
    InvalidInput { field: String, message: String },
    /// Any other error answer.
    Api(Api),
    /// The request could not be sent, or its answer never came.
    Transport(String),
    /// Zoom answered, but not with anything the connector can read (not JSON, a field missing).
    /// The contract has no case of its own for it: it crosses the boundary as `transport`.
    Unreadable(String),
    /// A write may have reached Zoom, but no answer came back; it was not resent unless the
    /// caller's retry policy asked for it (the text says which).
    OutcomeUnknown(String),
    /// A download passed the caller's cap: its size when known, and the cap.
    TooLarge { size: Option<u64>, limit: u64 },
}

/// What Zoom said in an error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Api {
    pub(crate) status: u16,
    pub(crate) code: Option<i64>,
    pub(crate) message: String,
}

impl Error {
    /// An input rejected before sending; `field` is the JSON path of the input.
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), message: message.into() }
    }

    /// Classifies a non-2xx answer from the REST API.
    pub(crate) fn from_response(status: u16, headers: &[(String, String)], body: &[u8]) -> Self {
        let parsed: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let code = parsed.as_ref().and_then(|v| v.get("code")).and_then(|c| c.as_i64());
        let message = parsed
            .as_ref()
            .and_then(|v| v.get("message").or_else(|| v.get("reason")))
            .and_then(|m| m.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| body_excerpt(body));
        let api = Api { status, code, message: message.clone() };
        match (status, code) {
            (429, _) => rate_limited(headers, message),
            (_, Some(124)) | (401, _) => Error::Unauthorized(message),
            (_, Some(4711)) | (_, Some(4700)) => Error::MissingScope { scope: scope_from_message(&message), message },
            (_, Some(1001)) | (_, Some(3001)) | (_, Some(3301)) | (404, _) => Error::NotFound(api),
            (_, Some(300)) => {
                let named = parsed.as_ref().and_then(|v| v.pointer("/errors/0/field")).and_then(|f| f.as_str());
                let field = named.filter(|f| !f.is_empty()).map(str::to_owned).unwrap_or_else(|| field_in(&message));
                Error::InvalidInput { field, message }
            }
            (403, _) | (_, Some(200)) => Error::Forbidden(api),
            _ => Error::Api(api),
        }
    }

    /// Replaces every occurrence of each secret with `[redacted]`, so no case can leak one.
    pub(crate) fn scrubbed(self, secrets: &[&str]) -> Self {
        let s = |text: String| scrub(text, secrets);
        let api = |a: Api| Api { message: s(a.message), ..a };
        match self {
            Error::Unauthorized(m) => Error::Unauthorized(s(m)),
            Error::Forbidden(a) => Error::Forbidden(api(a)),
            Error::MissingScope { scope, message } => Error::MissingScope { scope: scope.map(s), message: s(message) },
            Error::NotFound(a) => Error::NotFound(api(a)),
            Error::RateLimited { retry_after_seconds, reset_at, limit_type, message } => {
                Error::RateLimited { retry_after_seconds, reset_at, limit_type, message: s(message) }
            }
            Error::InvalidInput { field, message } => Error::InvalidInput { field, message: s(message) },
            Error::Api(a) => Error::Api(api(a)),
            Error::Transport(m) => Error::Transport(s(m)),
            Error::Unreadable(m) => Error::Unreadable(s(m)),
            Error::OutcomeUnknown(m) => Error::OutcomeUnknown(s(m)),
            Error::TooLarge { size, limit } => Error::TooLarge { size, limit },
        }
    }
}

fn scrub(mut text: String, secrets: &[&str]) -> String {
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        if text.contains(secret) {
            text = text.replace(secret, "[redacted]");
        }
    }
    text
}

/// The input a code-300 message is about when Zoom lists no `errors[]`: the cursor, a
/// parameter it names (`Invalid occurrence_id: x.`), or the request as a whole.
fn field_in(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("next page token") || lower.contains("next_page_token") {
        return "paging.page.next_page_token".to_owned();
    }
    let named = message.split_whitespace().find_map(|w| {
        let w = w.trim_end_matches([':', '.', ',']);
        (w.contains('_') && w.chars().all(|c| c.is_ascii_lowercase() || c == '_')).then(|| w.to_owned())
    });
    named.unwrap_or_else(|| "input".to_owned())
}

fn rate_limited(headers: &[(String, String)], message: String) -> Error {
    let retry_after = header(headers, "retry-after");
    let retry_after_seconds = retry_after.and_then(|v| v.trim().parse::<u64>().ok());
    // A daily limit sends an ISO-8601 reset time in Retry-After instead of seconds.
    let reset_at = retry_after.filter(|v| v.trim().parse::<u64>().is_err()).map(str::to_owned);
    Error::RateLimited {
        retry_after_seconds,
        reset_at,
        limit_type: header(headers, "x-ratelimit-type").map(str::to_owned),
        message,
    }
}

/// Zoom names the scope inside the message: `... does not contain scopes:[meeting:read:admin].`
fn scope_from_message(message: &str) -> Option<String> {
    let start = message.find('[')? + 1;
    let end = start + message[start..].find(']')?;
    let scope = message[start..end].trim();
    (!scope.is_empty()).then(|| scope.to_owned())
}

/// Case-insensitive header lookup.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return "empty body".to_owned();
    }
    text.chars().take(200).collect()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let api = |f: &mut fmt::Formatter<'_>, kind: &str, a: &Api| match a.code {
            Some(code) => write!(f, "{kind} (HTTP {}, code {code}): {}", a.status, a.message),
            None => write!(f, "{kind} (HTTP {}): {}", a.status, a.message),
        };
        match self {
            Error::Unauthorized(m) => write!(f, "unauthorized: {m}"),
            Error::Forbidden(a) => api(f, "forbidden", a),
            Error::MissingScope { scope: Some(s), .. } => write!(f, "missing scope {s}"),
            Error::MissingScope { scope: None, message } => write!(f, "missing scope: {message}"),
            Error::NotFound(a) => api(f, "not found", a),
            Error::RateLimited { message, .. } => write!(f, "rate limited: {message}"),
            Error::InvalidInput { field, message } => write!(f, "invalid input {field}: {message}"),
            Error::Api(a) => api(f, "Zoom error", a),
            Error::Transport(m) | Error::Unreadable(m) => write!(f, "transport: {m}"),
            Error::OutcomeUnknown(m) => write!(f, "outcome unknown: {m}"),
            Error::TooLarge { size: Some(n), limit } => write!(f, "too large: {n} bytes, over the cap of {limit}"),
            Error::TooLarge { size: None, limit } => write!(f, "too large: more than the cap of {limit} bytes"),
        }
    }
}

// Debug goes through Display: every message has been built without secrets.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

impl From<Api> for ApiFailure {
    fn from(a: Api) -> Self {
        ApiFailure { status: a.status, code: a.code, message: a.message }
    }
}

impl From<Error> for ZoomError {
    fn from(e: Error) -> Self {
        match e {
            Error::Unauthorized(m) => ZoomError::Unauthorized(m),
            Error::Forbidden(a) => ZoomError::Forbidden(a.into()),
            Error::MissingScope { scope, message } => ZoomError::MissingScope(ScopeFailure { scope, message }),
            Error::NotFound(a) => ZoomError::NotFound(a.into()),
            Error::RateLimited { retry_after_seconds, reset_at, limit_type, message } => {
                ZoomError::RateLimited(RateLimit { retry_after_seconds, reset_at, limit_type, message })
            }
            Error::InvalidInput { field, message } => ZoomError::InvalidInput(FieldError { field, message }),
            Error::Api(a) => ZoomError::Api(a.into()),
            Error::Transport(m) | Error::Unreadable(m) => ZoomError::Transport(m),
            Error::OutcomeUnknown(m) => ZoomError::OutcomeUnknown(m),
            Error::TooLarge { size, limit } => ZoomError::TooLarge(SizeLimit { size, limit }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(status: u16, body: &str) -> Error {
        Error::from_response(status, &[], body.as_bytes())
    }

    #[test]
    fn unknown_meeting_is_not_found_with_zoom_code() {
        let e = classify(404, r#"{"code":3001,"message":"Meeting does not exist: 1."}"#);
        assert_eq!(
            e,
            Error::NotFound(Api { status: 404, code: Some(3001), message: "Meeting does not exist: 1.".into() })
        );
    }

    #[test]
    fn code_124_is_unauthorized_even_under_400() {
        assert!(matches!(classify(400, r#"{"code":124,"message":"Invalid access token."}"#), Error::Unauthorized(_)));
    }

    #[test]
    fn missing_scope_names_the_scope() {
        let e = classify(
            400,
            r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:write:meeting:admin]."}"#,
        );
        assert_eq!(
            e,
            Error::MissingScope {
                scope: Some("meeting:write:meeting:admin".into()),
                message: "Invalid access token, does not contain scopes:[meeting:write:meeting:admin].".into()
            }
        );
    }

    #[test]
    fn validation_failure_names_zoom_field() {
        let e = classify(
            400,
            r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"email","message":"Invalid field."}]}"#,
        );
        assert_eq!(e, Error::invalid("email", "Validation Failed."));
    }

    #[test]
    fn validation_failure_without_errors_names_what_the_message_names() {
        let e = classify(400, r#"{"code":300,"message":"Invalid occurrence_id: x."}"#);
        assert_eq!(e, Error::invalid("occurrence_id", "Invalid occurrence_id: x."));
        let e = classify(400, r#"{"code":300,"message":"The next page token is invalid or expired."}"#);
        assert!(matches!(e, Error::InvalidInput { field, .. } if field == "paging.page.next_page_token"));
        assert!(
            matches!(classify(400, r#"{"code":300,"message":"Bad."}"#), Error::InvalidInput { field, .. } if field == "input")
        );
    }

    #[test]
    fn daily_limit_keeps_reset_time_and_qps_keeps_seconds() {
        let h = |v: &str, t: &str| {
            vec![("Retry-After".to_owned(), v.to_owned()), ("X-RateLimit-Type".to_owned(), t.to_owned())]
        };
        match Error::from_response(429, &h("2026-11-28T00:00:00Z", "Daily-limit"), b"{}") {
            Error::RateLimited { retry_after_seconds: None, reset_at: Some(r), limit_type: Some(t), .. } => {
                assert_eq!(r, "2026-11-28T00:00:00Z");
                assert_eq!(t, "Daily-limit");
            }
            other => panic!("unexpected {other}"),
        }
        match Error::from_response(429, &h("3", "QPS"), b"{}") {
            Error::RateLimited { retry_after_seconds: Some(3), reset_at: None, .. } => {}
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn non_json_body_becomes_api_error_with_excerpt() {
        assert_eq!(
            classify(502, "<html>bad gateway</html>"),
            Error::Api(Api { status: 502, code: None, message: "<html>bad gateway</html>".into() })
        );
    }

    #[test]
    fn scrub_removes_secrets_from_every_message() {
        let e = Error::Unauthorized("token s3cr3t-value was refused".into()).scrubbed(&["s3cr3t-value"]);
        assert_eq!(format!("{e:?}"), "unauthorized: token [redacted] was refused");
    }

    #[test]
    fn too_large_keeps_the_size_and_the_cap() {
        let e = Error::TooLarge { size: Some(30), limit: 20 };
        assert_eq!(e.to_string(), "too large: 30 bytes, over the cap of 20");
        assert_eq!(ZoomError::from(e), ZoomError::TooLarge(SizeLimit { size: Some(30), limit: 20 }));
        let e = Error::TooLarge { size: None, limit: 20 }.scrubbed(&["secret"]);
        assert_eq!(e.to_string(), "too large: more than the cap of 20 bytes");
    }

    #[test]
    fn an_unreadable_answer_crosses_the_boundary_as_transport() {
        let e = Error::Unreadable("Zoom's user object has no `id`".into());
        assert_eq!(e.to_string(), "transport: Zoom's user object has no `id`");
        assert_eq!(ZoomError::from(e), ZoomError::Transport("Zoom's user object has no `id`".into()));
    }
}
