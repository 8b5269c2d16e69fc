//! Injected failures: the ways Zoom (or the network in between) misbehaves that
//! a connector must survive. Rate-limit answers follow spec/README.md, *Rate
//! limits*.

use super::errors;
use super::router;
use super::scopes::{self, Rate};
use super::server::Response;
use serde_json::json;
use std::time::Duration;

/// What an armed fault does to a matching request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 per-second limit, `Retry-After: <secs>`, `X-RateLimit-Type: QPS`.
    RateLimited { retry_after_secs: u64 },
    /// 429 daily limit, `Retry-After: <reset_at>` (ISO-8601), `X-RateLimit-Type: Daily-limit`.
    DailyLimit { reset_at: String },
    /// That status with `{"code":<status>,"message":"Simulated server error"}`.
    Status(u16),
    /// Close the socket without reading the body or answering.
    ResetBeforeBody,
    /// Read and apply the request (the write happened), then close without answering.
    ResetAfterBody,
    /// Sleep, then answer normally.
    Slow(Duration),
    /// Normal status, JSON body cut in half (Content-Length matches the cut body).
    TruncatedJson,
    /// 200 with `{"unexpected":true}`.
    UnexpectedBody,
    /// 401 `{"code":124,"message":"Access token is expired."}`.
    ExpiredToken,
    /// 400 code 4711 naming the missing scope.
    MissingScope(String),
}

/// Fires for the next `times` requests whose method matches (if given,
/// case-insensitive) and whose path starts with `path_prefix`, then is spent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub method: Option<String>,
    pub path_prefix: String,
    pub kind: FaultKind,
    pub times: u32,
}

/// Takes one shot of the first armed fault matching the request; spent faults
/// are dropped so later ones get their turn.
pub(crate) fn take(faults: &mut Vec<Fault>, method: &str, path: &str) -> Option<FaultKind> {
    let i = faults.iter().position(|f| {
        f.times > 0
            && f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && path.starts_with(&f.path_prefix)
    })?;
    let kind = faults[i].kind.clone();
    faults[i].times -= 1;
    if faults[i].times == 0 {
        faults.remove(i);
    }
    Some(kind)
}

/// The answer that replaces the route's own, for kinds that replace it.
pub(crate) fn replacement(kind: &FaultKind, method: &str, path: &str) -> Option<Response> {
    let category = rate_category(method, path);
    let resp = match kind {
        FaultKind::RateLimited { retry_after_secs } => errors::zoom(
            429,
            429,
            "You have reached the maximum per-second rate limit for this API. Try again later.",
        )
        .with_header("Retry-After", retry_after_secs.to_string())
        .with_header("X-RateLimit-Type", "QPS")
        .with_header("X-RateLimit-Category", category)
        .with_header("X-RateLimit-Limit", if category == "Light" { "80" } else { "60" })
        .with_header("X-RateLimit-Remaining", "0"),
        FaultKind::DailyLimit { reset_at } => errors::zoom(
            429,
            429,
            "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.",
        )
        .with_header("Retry-After", reset_at.clone())
        .with_header("X-RateLimit-Type", "Daily-limit")
        .with_header("X-RateLimit-Category", category)
        .with_header("X-RateLimit-Limit", if category == "Light" { "6000" } else { "2000" })
        .with_header("X-RateLimit-Remaining", "0"),
        FaultKind::Status(204) => Response::no_content(),
        FaultKind::Status(s) => {
            let msg = if *s >= 500 { "Simulated server error" } else { "Simulated error" };
            errors::zoom(*s, i64::from(*s), msg)
        }
        FaultKind::UnexpectedBody => Response::json(200, &json!({ "unexpected": true })),
        FaultKind::ExpiredToken => errors::zoom(401, 124, "Access token is expired."),
        FaultKind::MissingScope(scope) => errors::missing_scope(scope),
        FaultKind::ResetBeforeBody | FaultKind::ResetAfterBody | FaultKind::Slow(_) | FaultKind::TruncatedJson => {
            return None
        }
    };
    Some(resp)
}

/// Rate Limit Label of the operation (its `rate_limit` in spec/operations.json,
/// as `scopes` holds it); anything the simulator does not model counts as
/// LIGHT.
fn rate_category(method: &str, path: &str) -> &'static str {
    let method = method.to_ascii_uppercase();
    router::template_for(path).and_then(|t| scopes::find(&method, t)).map_or(Rate::Light, |op| op.rate).as_str()
}

/// Cuts a body in half, on a char boundary so the log stays valid text.
pub(crate) fn truncate(resp: &mut Response) {
    let mut cut = resp.body.len() / 2;
    while cut > 0 && std::str::from_utf8(&resp.body[..cut]).is_err() {
        cut -= 1;
    }
    resp.body.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(method: Option<&str>, prefix: &str, times: u32) -> Fault {
        Fault { method: method.map(str::to_string), path_prefix: prefix.into(), kind: FaultKind::Status(503), times }
    }

    #[test]
    fn fires_exactly_times_then_is_spent() {
        let mut faults = vec![fault(Some("post"), "/v2/users/", 2)];
        assert!(take(&mut faults, "GET", "/v2/users/me/meetings").is_none());
        assert!(take(&mut faults, "POST", "/v2/meetings/1").is_none());
        assert!(take(&mut faults, "POST", "/v2/users/me/meetings").is_some());
        assert!(take(&mut faults, "POST", "/v2/users/me/meetings").is_some());
        assert!(take(&mut faults, "POST", "/v2/users/me/meetings").is_none());
        assert!(faults.is_empty());
    }

    #[test]
    fn first_armed_fault_wins_and_next_takes_over() {
        let mut faults = vec![fault(None, "/v2", 1), Fault { kind: FaultKind::TruncatedJson, ..fault(None, "/", 1) }];
        assert_eq!(take(&mut faults, "GET", "/v2/users"), Some(FaultKind::Status(503)));
        assert_eq!(take(&mut faults, "GET", "/v2/users"), Some(FaultKind::TruncatedJson));
        assert_eq!(take(&mut faults, "GET", "/v2/users"), None);
    }

    #[test]
    fn rate_limit_headers() {
        let r = replacement(&FaultKind::RateLimited { retry_after_secs: 2 }, "GET", "/v2/users/me/meetings").unwrap();
        assert_eq!(r.status, 429);
        let h = |n: &str| r.headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(h("Retry-After"), Some("2"));
        assert_eq!(h("X-RateLimit-Type"), Some("QPS"));
        assert_eq!(h("X-RateLimit-Category"), Some("Medium"));
        assert_eq!(h("X-RateLimit-Remaining"), Some("0"));
        let d =
            replacement(&FaultKind::DailyLimit { reset_at: "2030-01-01T00:00:00Z".into() }, "POST", "/v2/x").unwrap();
        assert!(d.headers.contains(&("Retry-After".into(), "2030-01-01T00:00:00Z".into())));
        assert!(d.headers.contains(&("X-RateLimit-Type".into(), "Daily-limit".into())));
        assert_eq!(rate_category("GET", "/v2/meetings/1/recordings"), "Light");
        assert_eq!(rate_category("GET", "/v2/users/me/recordings"), "Medium");
        assert_eq!(rate_category("GET", "/v2/chat/users/me/messages"), "Medium");
    }

    #[test]
    fn truncation_halves_body() {
        let mut r = Response::json(200, &json!({"topic": "ééééé"}));
        let before = r.body.len();
        truncate(&mut r);
        assert!(r.body.len() <= before / 2 && r.body.len() >= before / 2 - 1);
        assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    }
}
