//! Raw requests: any Zoom API call with the connection's authentication.

use std::time::Duration;

use base64::Engine;

use crate::error::Error;
use crate::http::retry::Policy;
use crate::http::url::{caller_segment, encode};
use crate::http::{Call, Client, Method};
use crate::wit::raw_types::{FilePart, HttpMethod, RawRequestInput, RawResponse, ResponseType};

/// Headers a recipe may not set: the connector owns authentication and framing.
const RESERVED_HEADERS: [&str; 5] = ["authorization", "host", "content-length", "transfer-encoding", "connection"];

/// Sends the request; 2xx answers come back whole, others as typed errors.
pub(crate) fn send(client: &Client, input: &RawRequestInput) -> Result<RawResponse, Error> {
    let call = build(input, &client.policy)?;
    let response = client.send(&call)?;
    let (body, body_base64) = match input.response_type.unwrap_or(ResponseType::Json) {
        ResponseType::Binary => (String::new(), Some(base64::engine::general_purpose::STANDARD.encode(&response.body))),
        ResponseType::Text => (String::from_utf8_lossy(&response.body).into_owned(), None),
        ResponseType::Json => {
            if !response.body.is_empty() {
                if let Err(e) = response.json() {
                    // A write Zoom accepted has happened even if its answer is unreadable.
                    return Err(match call.method {
                        Method::Get => e,
                        _ => Error::OutcomeUnknown(format!(
                            "Zoom accepted {} {} (HTTP {}) but its answer is not JSON ({e}); check in Zoom before trying again",
                            call.method.as_str(),
                            call.path,
                            response.status
                        )),
                    });
                }
            }
            (String::from_utf8_lossy(&response.body).into_owned(), None)
        }
    };
    Ok(RawResponse { status: response.status, headers: response.headers, body, body_base64 })
}

/// Checks the input and builds the call.
pub(crate) fn build(input: &RawRequestInput, base: &Policy) -> Result<Call, Error> {
    let path = input.path.trim();
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(Error::invalid("path", "must start with / and be relative to the API base (like /users/me)"));
    }
    if path.contains("://") || path.contains(['?', '#', '\\']) {
        return Err(Error::invalid("path", "must be a plain path: no scheme, query, fragment or backslash"));
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid("path", "must not contain spaces or control characters"));
    }
    // The first segment is the empty one before the leading `/`.
    let encoded: Vec<String> = path.split('/').skip(1).map(|s| caller_segment("path", s)).collect::<Result<_, _>>()?;
    let encoded = format!("/{}", encoded.join("/"));
    let method = match input.method {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Patch => Method::Patch,
        HttpMethod::Delete => Method::Delete,
    };
    let mut call = Call::new(method, encoded);
    for (i, (k, v)) in input.query.iter().flatten().enumerate() {
        if k.is_empty() {
            return Err(Error::invalid(format!("query[{i}]"), "needs a name"));
        }
        if k.len() + v.len() > 4000 {
            return Err(Error::invalid(format!("query[{i}]"), "is too long to send in a URL"));
        }
        call.query.push((k.clone(), v.clone()));
    }
    set_body(&mut call, input)?;
    call.timeout = match input.timeout_seconds {
        Some(t) if !(1..=300).contains(&t) => {
            return Err(Error::invalid("timeout_seconds", "must be between 1 and 300"))
        }
        t => t.map(|t| Duration::from_secs(t.into())),
    };
    call.policy = policy(input, base)?;
    for (i, (k, v)) in input.headers.iter().flatten().enumerate() {
        let name = k.trim().to_ascii_lowercase();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(Error::invalid(format!("headers[{i}]"), "is not a valid header name"));
        }
        if RESERVED_HEADERS.contains(&name.as_str()) {
            return Err(Error::invalid(format!("headers[{i}]"), format!("{name} is set by the connector")));
        }
        if v.chars().any(|c| c == '\r' || c == '\n') {
            return Err(Error::invalid(format!("headers[{i}]"), "value must be one line"));
        }
        call.headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(&name));
        call.headers.push((name, v.clone()));
    }
    Ok(call)
}

/// The retry rules the input asks for, when it asks for any, over the connection's own (`base`).
fn policy(input: &RawRequestInput, base: &Policy) -> Result<Option<Policy>, Error> {
    let asked = input.max_retries.is_some()
        || input.retry_delay_ms.is_some()
        || input.exponential_backoff.is_some()
        || input.retry_on_all_errors.is_some();
    if !asked {
        return Ok(None);
    }
    let max_retries = input.max_retries.unwrap_or(base.max_retries);
    if max_retries > 10 {
        return Err(Error::invalid("max_retries", "must be between 0 and 10"));
    }
    let delay = input.retry_delay_ms.map(|d| Duration::from_millis(d.into())).unwrap_or(base.base_delay);
    if delay > Duration::from_secs(60) {
        return Err(Error::invalid("retry_delay_ms", "must be between 0 and 60000"));
    }
    // The delay asked for is waited even past the usual 8 s cap on backoff, and past the
    // connection's longest sleep: otherwise a long delay would quietly mean no retry at all.
    let max_delay = base.max_delay.max(delay);
    Ok(Some(Policy {
        max_retries,
        base_delay: delay,
        max_delay,
        max_wait: base.max_wait.max(max_delay),
        exponential: input.exponential_backoff.unwrap_or(base.exponential),
        retry_all: input.retry_on_all_errors.unwrap_or(base.retry_all),
    }))
}

/// At most one kind of body: JSON, a form, or multipart (files plus the form's text fields).
fn set_body(call: &mut Call, input: &RawRequestInput) -> Result<(), Error> {
    let files = input.file_data.as_ref().filter(|f| !f.is_empty());
    let form = input.form_data.as_ref().filter(|f| !f.is_empty());
    if input.body.is_some() && (files.is_some() || form.is_some()) {
        return Err(Error::invalid("body", "cannot be combined with form_data or file_data"));
    }
    if let Some(body) = &input.body {
        let value: serde_json::Value =
            serde_json::from_str(body).map_err(|e| Error::invalid("body", format!("is not valid JSON: {e}")))?;
        call.body = Some(value.to_string().into_bytes());
        call.headers.push(("content-type".into(), "application/json".into()));
    } else if let Some(files) = files {
        let boundary = boundary(files, form.map(Vec::as_slice).unwrap_or_default());
        call.body = Some(multipart(&boundary, form.map(Vec::as_slice).unwrap_or_default(), files)?);
        call.headers.push(("content-type".into(), format!("multipart/form-data; boundary={boundary}")));
    } else if let Some(form) = form {
        let pairs: Vec<String> = form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        call.body = Some(pairs.join("&").into_bytes());
        call.headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    Ok(())
}

/// A boundary that occurs in no part, derived from the content so requests are reproducible.
fn boundary(files: &[FilePart], form: &[(String, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in files {
        h.update(&f.data);
        h.update(f.file_name.as_bytes());
    }
    for (k, v) in form {
        h.update(k.as_bytes());
        h.update(v.as_bytes());
    }
    let digest: String = h.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("zoom-connector-{digest}")
}

fn multipart(boundary: &str, form: &[(String, String)], files: &[FilePart]) -> Result<Vec<u8>, Error> {
    let quote_ok = |s: &str| !s.contains(['"', '\r', '\n']);
    let mut out = Vec::new();
    for (i, (k, v)) in form.iter().enumerate() {
        if k.is_empty() || !quote_ok(k) {
            return Err(Error::invalid(format!("form_data[{i}]"), "needs a name without quotes or line breaks"));
        }
        out.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (i, f) in files.iter().enumerate() {
        if f.field.is_empty() || !quote_ok(&f.field) || !quote_ok(&f.file_name) {
            return Err(Error::invalid(
                format!("file_data[{i}]"),
                "needs a field and file name without quotes or line breaks",
            ));
        }
        let content_type = f.content_type.as_deref().unwrap_or("application/octet-stream");
        if !quote_ok(content_type) {
            return Err(Error::invalid(format!("file_data[{i}].content_type"), "must be one line"));
        }
        out.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {content_type}\r\n\r\n",
                f.field, f.file_name
            )
            .as_bytes(),
        );
        out.extend(&f.data);
        out.extend(b"\r\n");
    }
    out.extend(format!("--{boundary}--\r\n").as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str) -> RawRequestInput {
        crate::spec_examples::inputs::raw_get(path)
    }

    #[test]
    fn multipart_and_form_bodies() {
        let mut i = input("/x");
        i.method = HttpMethod::Post;
        i.form_data = Some(vec![("note".into(), "hi there".into())]);
        let form = build(&i, &Policy::default()).unwrap();
        assert_eq!(form.body.unwrap(), b"note=hi%20there");
        i.file_data = Some(vec![FilePart {
            field: "file".into(),
            file_name: "a.txt".into(),
            content_type: None,
            data: b"abc".to_vec(),
        }]);
        let call = build(&i, &Policy::default()).unwrap();
        let ct = call.headers.iter().find(|(k, _)| k == "content-type").unwrap().1.clone();
        let boundary = ct.split("boundary=").nth(1).unwrap().to_owned();
        let text = String::from_utf8(call.body.unwrap()).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"note\"")));
        assert!(text.contains("filename=\"a.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        i.body = Some("{}".into());
        assert!(matches!(build(&i, &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "body"));
    }

    #[test]
    fn retry_and_timeout_options_are_checked_and_applied() {
        let mut i = input("/x");
        i.max_retries = Some(0);
        i.timeout_seconds = Some(5);
        let call = build(&i, &Policy::default()).unwrap();
        assert_eq!(call.policy.unwrap().max_retries, 0);
        assert_eq!(call.timeout, Some(Duration::from_secs(5)));
        i.max_retries = Some(11);
        assert!(
            matches!(build(&i, &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "max_retries")
        );
        i.max_retries = None;
        i.timeout_seconds = Some(0);
        assert!(
            matches!(build(&i, &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "timeout_seconds")
        );
    }

    #[test]
    fn a_long_retry_delay_is_waited_as_asked_and_connection_limits_are_the_base() {
        use crate::http::retry::{decide, Decision, Now, Outcome};
        let mut i = input("/x");
        i.retry_delay_ms = Some(60_000);
        i.exponential_backoff = Some(false);
        let base = Policy { max_retries: 7, ..Policy::default() };
        let p = build(&i, &base).unwrap().policy.unwrap();
        assert_eq!(p.max_retries, 7, "the connection's max_retries when the input has none");
        let now = Now { unix: 0, jitter: 1.0 };
        let lost = || Outcome::NoAnswer { sent: false };
        assert_eq!(decide(lost(), true, 0, &p, now), Decision::Retry(Duration::from_secs(60)));
        i.exponential_backoff = Some(true);
        i.retry_delay_ms = Some(20_000);
        let p = build(&i, &base).unwrap().policy.unwrap();
        assert_eq!(decide(lost(), true, 2, &p, now), Decision::Retry(Duration::from_secs(20)), "capped at the delay");
    }

    #[test]
    fn builds_encoded_path_query_and_json_body() {
        let mut i = input("/users/a+b@x.com/meetings");
        i.method = HttpMethod::Post;
        i.query = Some(vec![("type".into(), "live".into())]);
        i.body = Some(r#"{"topic":"x"}"#.into());
        let call = build(&i, &Policy::default()).unwrap();
        assert_eq!(call.path, "/users/a%2Bb%40x.com/meetings");
        assert_eq!(
            build(&input("/past_meetings/%252Fab%253D%253D"), &Policy::default()).unwrap().path,
            "/past_meetings/%252Fab%253D%253D"
        );
        assert_eq!(call.query, vec![("type".to_owned(), "live".to_owned())]);
        assert_eq!(call.body.unwrap(), br#"{"topic":"x"}"#);
    }

    #[test]
    fn refuses_escapes_from_the_api_base_and_reserved_headers() {
        for bad in [
            "users/me",
            "https://evil.example/x",
            "//evil.example/x",
            "/a/../b",
            "/a?b=1",
            "/%2e%2e/other",
            "/users/%2E%2E/%2e%2e/x",
            "/a/./b",
            "/a/.%2E",
            "/users%2F..%2Fx",
            "/a%5C..",
            "/a\\..\\b",
            "/a/%zz",
            "/a/50%",
        ] {
            assert!(
                matches!(build(&input(bad), &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "path"),
                "{bad}"
            );
        }
        let mut i = input("/users/me");
        i.headers = Some(vec![("Authorization".into(), "Bearer x".into())]);
        assert!(
            matches!(build(&i, &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "headers[0]")
        );
        let mut i = input("/users/me");
        i.body = Some("{nope".into());
        assert!(matches!(build(&i, &Policy::default()), Err(Error::InvalidInput { field, .. }) if field == "body"));
    }
}
