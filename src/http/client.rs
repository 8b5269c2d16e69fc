//! REST calls and the client that sends them: bearer token, retries, one token renewal, and
//! error answers turned into [`Error`].

use std::time::Duration;

use serde_json::Value;

use super::retry::{self, Decision, Now, Outcome, Policy};
use super::url::{build_url, encode};
use super::{Method, Request, Response, Transport};
use crate::auth::Session;
use crate::error::Error;
use crate::time::{format_utc, next_midnight_utc};

/// A REST call before auth is added.
#[derive(Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    /// Path under the API base, already encoded (`/meetings/123`).
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    /// How long to wait for the answer; the transport's default when absent.
    pub(crate) timeout: Option<Duration>,
    /// Retry rules for this call; the client's when absent.
    pub(crate) policy: Option<Policy>,
}

impl Call {
    pub(crate) fn new(method: Method, path: impl Into<String>) -> Self {
        Call {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            timeout: None,
            policy: None,
        }
    }

    /// Adds a query parameter when the value is present.
    pub(crate) fn query(mut self, key: &str, value: Option<impl ToString>) -> Self {
        if let Some(v) = value {
            self.query.push((key.to_owned(), v.to_string()));
        }
        self
    }

    /// Sets a JSON body.
    pub(crate) fn json(mut self, body: &Value) -> Self {
        self.body = Some(body.to_string().into_bytes());
        self.headers.push(("content-type".to_owned(), "application/json".to_owned()));
        self
    }
}

/// Sends REST calls for one connection: adds the bearer token, retries what is safe to retry,
/// renews a rejected token once, and turns error answers into [`Error`].
pub(crate) struct Client<'a> {
    pub(crate) transport: &'a dyn Transport,
    pub(crate) session: Session,
    pub(crate) policy: Policy,
}

impl<'a> Client<'a> {
    pub(crate) fn new(transport: &'a dyn Transport, session: Session) -> Self {
        let policy = session.policy();
        Client { transport, session, policy }
    }

    /// Sends the call and returns the 2xx answer.
    pub(crate) fn send(&self, call: &Call) -> Result<Response, Error> {
        let mut renewed = false;
        loop {
            let (response, maybe_applied) = self.send_with_retries(call)?;
            if (200..300).contains(&response.status) {
                return Ok(response);
            }
            // An earlier attempt may have deleted it before its answer was lost: gone is done.
            if call.method == Method::Delete && maybe_applied && response.status == 404 {
                return Ok(Response { status: 204, headers: response.headers, body: Vec::new() });
            }
            let error = Error::from_response(response.status, &response.headers, &response.body);
            // A write resent (only on request) after a lost answer or a 5xx may have been applied
            // already, whatever the last attempt says.
            if maybe_applied && !call.method.idempotent() && !matches!(error, Error::Unauthorized(_)) {
                return Err(Error::OutcomeUnknown(format!(
                    "{} {} was resent because retry_on_all_errors is set after an attempt that may have \
                     reached Zoom; the last answer was: {error}. Check in Zoom before trying again",
                    call.method.as_str(),
                    call.path
                )));
            }
            // A token can expire between caching and use: renew exactly once, never loop.
            if matches!(error, Error::Unauthorized(_)) && !renewed && self.session.can_renew() {
                self.session.forget_token();
                renewed = true;
                continue;
            }
            return Err(error);
        }
    }

    /// Sends the call and parses the 2xx body as JSON.
    pub(crate) fn send_json(&self, call: &Call) -> Result<Value, Error> {
        self.send(call)?.json()
    }

    /// Sends a write and reads its answer with `parse`. Zoom accepted the write (2xx), so an answer
    /// that cannot be read is `outcome-unknown`, never "nothing changed".
    pub(crate) fn send_write<T>(
        &self,
        call: &Call,
        parse: impl FnOnce(&Value) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let response = self.send(call)?;
        let read = response.json().and_then(|v| parse(&v));
        read.map_err(|e| match e {
            Error::Unreadable(m) => Error::OutcomeUnknown(format!(
                "Zoom accepted {} {} (HTTP {}) but its answer could not be read ({m}); check in Zoom before trying again",
                call.method.as_str(),
                call.path,
                response.status
            )),
            other => other,
        })
    }

    /// The final answer, and whether an earlier attempt may have been applied by Zoom (it was
    /// sent but its answer was lost, or Zoom failed with a 5xx).
    fn send_with_retries(&self, call: &Call) -> Result<(Response, bool), Error> {
        let policy = call.policy.as_ref().unwrap_or(&self.policy);
        let idempotent = call.method.idempotent();
        let mut attempt = 0;
        let mut maybe_applied = false;
        loop {
            let request = self.build(call)?;
            let result = self.transport.send(&request);
            let outcome = match &result {
                Ok(r) => Outcome::Answer { status: r.status, headers: &r.headers, body: &r.body },
                Err(e) if e.denied => Outcome::Denied,
                Err(e) => Outcome::NoAnswer { sent: e.sent },
            };
            let now = Now { unix: self.transport.now_unix(), jitter: self.transport.jitter() };
            match retry::decide(outcome, idempotent, attempt, policy, now) {
                Decision::Retry(wait) => {
                    maybe_applied |= match &result {
                        Ok(r) => r.status >= 500,
                        Err(e) => e.sent,
                    };
                    self.transport.sleep(wait);
                    attempt += 1;
                }
                Decision::Stop => {
                    let response = result.map_err(|e| {
                        let what = format!("{} {} failed: {}", call.method.as_str(), call.path, e.message);
                        if e.sent && !idempotent && attempt > 0 {
                            Error::OutcomeUnknown(format!(
                                "{what}; it was sent {} times because retry_on_all_errors is set, and any of them \
                                 may have reached Zoom, so it may have been applied more than once",
                                attempt + 1
                            ))
                        } else if e.sent && !idempotent {
                            Error::OutcomeUnknown(format!("{what}; it may have reached Zoom, so it was not resent"))
                        } else {
                            Error::Transport(what)
                        }
                    })?;
                    return Ok((with_daily_reset(response, now.unix), maybe_applied));
                }
            }
        }
    }

    fn build(&self, call: &Call) -> Result<Request, Error> {
        let timeout = call.timeout.or(self.session.timeout());
        check_url_length(call)?;
        let token = self.session.token(self.transport)?;
        let mut headers = vec![
            ("authorization".to_owned(), format!("Bearer {token}")),
            ("accept".to_owned(), "application/json".to_owned()),
        ];
        headers.extend(call.headers.iter().cloned());
        if let Some(body) = &call.body {
            headers.push(("content-length".to_owned(), body.len().to_string()));
        }
        Ok(Request {
            method: call.method,
            url: build_url(self.session.api_base(), &call.path, &call.query),
            headers,
            body: call.body.clone(),
            timeout,
        })
    }
}

/// Servers refuse URLs past a few kilobytes; name the input that made it long instead.
fn check_url_length(call: &Call) -> Result<(), Error> {
    const MAX_URL: usize = 6000;
    let length = call.path.len() + call.query.iter().map(|(k, v)| k.len() + encode(v).len() + 2).sum::<usize>();
    if length <= MAX_URL {
        return Ok(());
    }
    let longest = call.query.iter().max_by_key(|(_, v)| v.len()).map(|(k, _)| k.as_str()).unwrap_or("path");
    let field = if longest == "next_page_token" { "paging.page.next_page_token" } else { longest };
    Err(Error::invalid(field, "is too long to send in a URL"))
}

/// A daily-limit 429 that names no reset time resets at 00:00 UTC, as Zoom's messages say; the
/// header is added so the typed error carries it.
fn with_daily_reset(mut response: Response, now: u64) -> Response {
    let has_date =
        crate::error::header(&response.headers, "retry-after").is_some_and(|v| v.trim().parse::<u64>().is_err());
    if response.status == 429 && !has_date && retry::is_daily(&response.headers, &response.body) {
        let reset = format_utc(next_midnight_utc(now));
        response.headers.retain(|(k, _)| !k.eq_ignore_ascii_case("retry-after"));
        response.headers.push(("retry-after".to_owned(), reset));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::testing::*;
    use crate::http::TransportError;

    fn client(t: &Scripted) -> Client<'_> {
        Client::new(t, Session::bearer("tok-1234", "https://api.example/v2"))
    }

    #[test]
    fn retries_429_then_returns_answer_and_sleeps_advised_time() {
        let t = Scripted::new(vec![
            Ok(Response { status: 429, headers: vec![("Retry-After".into(), "1".into())], body: b"{}".to_vec() }),
            answer(200, r#"{"ok":true}"#),
        ]);
        let v = client(&t).send_json(&Call::new(Method::Get, "/users/me")).unwrap();
        assert_eq!(v["ok"], true);
        assert_eq!(t.sent.borrow().len(), 2);
        assert_eq!(*t.slept.borrow(), vec![Duration::from_secs(1)]);
    }

    #[test]
    fn a_post_that_lost_its_answer_is_outcome_unknown_and_not_resent() {
        let t = Scripted::new(vec![Err(TransportError { message: "reset".into(), sent: true, denied: false })]);
        let err = client(&t).send(&Call::new(Method::Post, "/users/me/meetings")).unwrap_err();
        assert!(matches!(err, Error::OutcomeUnknown(_)), "{err}");
        assert_eq!(t.sent.borrow().len(), 1);
    }

    #[test]
    fn a_post_resent_on_request_says_it_was_resent() {
        let lost = || Err(TransportError { message: "reset".into(), sent: true, denied: false });
        let mut call = Call::new(Method::Post, "/users/me/meetings");
        call.policy = Some(Policy { max_retries: 1, retry_all: true, ..Policy::default() });
        let t = Scripted::new(vec![lost(), lost()]);
        let err = client(&t).send(&call).unwrap_err();
        assert_eq!(t.sent.borrow().len(), 2);
        assert!(
            matches!(&err, Error::OutcomeUnknown(m) if m.contains("sent 2 times") && !m.contains("not resent")),
            "{err}"
        );
        // The resend was answered, but the first attempt may have been applied.
        let t = Scripted::new(vec![lost(), answer(409, r#"{"code":3000,"message":"exists"}"#)]);
        let err = client(&t).send(&call).unwrap_err();
        assert!(matches!(&err, Error::OutcomeUnknown(m) if m.contains("resent") && m.contains("exists")), "{err}");
    }

    #[test]
    fn per_host_daily_cap_is_rate_limited_with_the_next_midnight() {
        let body = r#"{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user."}"#;
        let t = Scripted::new(vec![answer(429, body)]);
        match client(&t).send(&Call::new(Method::Post, "/users/me/meetings")).unwrap_err() {
            Error::RateLimited { reset_at, .. } => assert_eq!(reset_at.as_deref(), Some("2027-01-16T00:00:00Z")),
            other => panic!("{other}"),
        }
        assert_eq!(t.sent.borrow().len(), 1, "never slept until tomorrow");
    }

    #[test]
    fn a_delete_whose_first_answer_was_lost_succeeds_when_the_retry_finds_it_gone() {
        let t = Scripted::new(vec![
            Err(TransportError { message: "reset".into(), sent: true, denied: false }),
            answer(404, r#"{"code":3001,"message":"Meeting does not exist: 5."}"#),
        ]);
        let r = client(&t).send(&Call::new(Method::Delete, "/meetings/5")).unwrap();
        assert_eq!(r.status, 204);
        let t = Scripted::new(vec![answer(404, r#"{"code":3001,"message":"Meeting does not exist: 5."}"#)]);
        assert!(matches!(client(&t).send(&Call::new(Method::Delete, "/meetings/5")), Err(Error::NotFound(_))));
    }

    #[test]
    fn an_unreadable_answer_to_an_accepted_write_is_outcome_unknown() {
        let t = Scripted::new(vec![answer(201, r#"{"id": 12"#)]);
        let e = client(&t).send_write(&Call::new(Method::Post, "/users/me/meetings"), |v| Ok(v.clone())).unwrap_err();
        assert!(matches!(e, Error::OutcomeUnknown(m) if m.contains("HTTP 201")));
    }

    #[test]
    fn post_is_not_resent_after_server_error() {
        let t = Scripted::new(vec![answer(500, r#"{"code":500,"message":"boom"}"#)]);
        let err = client(&t).send(&Call::new(Method::Post, "/users/me/meetings")).unwrap_err();
        assert!(matches!(err, Error::Api(_)));
        assert_eq!(t.sent.borrow().len(), 1);
    }

    #[test]
    fn sends_bearer_and_content_length() {
        let t = Scripted::new(vec![answer(201, "{}")]);
        client(&t).send(&Call::new(Method::Post, "/x").json(&serde_json::json!({"a":1}))).unwrap();
        let sent = t.sent.borrow();
        let h = &sent[0].headers;
        assert!(h.contains(&("authorization".into(), "Bearer tok-1234".into())));
        assert!(h.contains(&("content-length".into(), "7".into())));
        assert_eq!(format!("{:?}", sent[0]), "POST https://api.example/v2/x");
    }

    #[test]
    fn pasted_token_rejection_is_not_retried() {
        let t = Scripted::new(vec![answer(401, r#"{"code":124,"message":"Invalid access token."}"#)]);
        let err = client(&t).send(&Call::new(Method::Get, "/users/me")).unwrap_err();
        assert_eq!(err, Error::Unauthorized("Invalid access token.".into()));
        assert_eq!(t.sent.borrow().len(), 1);
    }
}
