//! Raw requests: any Zoom API call with the connection's authentication.

use crate::actions::{HttpMethod, RawRequestInput, RawResponse};
use crate::error::Error;
use crate::http::{encode, Call, Client, Method};

/// Headers a recipe may not set: the connector owns authentication and framing.
const RESERVED_HEADERS: [&str; 5] = ["authorization", "host", "content-length", "transfer-encoding", "connection"];

/// Sends the request; 2xx answers come back whole, others as typed errors.
pub fn send(client: &Client, input: &RawRequestInput) -> Result<RawResponse, Error> {
    let call = build(input)?;
    let response = client.send(&call)?;
    Ok(RawResponse {
        status: response.status,
        headers: response.headers,
        body: String::from_utf8_lossy(&response.body).into_owned(),
    })
}

/// Checks the input and builds the call.
pub fn build(input: &RawRequestInput) -> Result<Call, Error> {
    let path = input.path.trim();
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(Error::invalid("path", "must start with / and be relative to the API base (like /users/me)"));
    }
    if path.contains("://") || path.contains(['?', '#']) || path.split('/').any(|s| s == "..") {
        return Err(Error::invalid("path", "must be a plain path: no scheme, query, fragment or .. segments"));
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid("path", "must not contain spaces or control characters"));
    }
    // Encode each segment but keep characters Zoom paths already use (`%` for pre-encoded UUIDs).
    let encoded: Vec<String> =
        path.split('/').map(|s| if s.contains('%') { s.to_owned() } else { encode(s) }).collect();
    let method = match input.method {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Patch => Method::Patch,
        HttpMethod::Delete => Method::Delete,
    };
    let mut call = Call::new(method, encoded.join("/"));
    for (i, (k, v)) in input.query.iter().flatten().enumerate() {
        if k.is_empty() {
            return Err(Error::invalid(format!("query[{i}]"), "needs a name"));
        }
        call.query.push((k.clone(), v.clone()));
    }
    if let Some(body) = &input.body {
        let value: serde_json::Value =
            serde_json::from_str(body).map_err(|e| Error::invalid("body", format!("is not valid JSON: {e}")))?;
        call = call.json(&value);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str) -> RawRequestInput {
        RawRequestInput { method: HttpMethod::Get, path: path.into(), query: None, headers: None, body: None }
    }

    #[test]
    fn builds_encoded_path_query_and_json_body() {
        let mut i = input("/users/a+b@x.com/meetings");
        i.method = HttpMethod::Post;
        i.query = Some(vec![("type".into(), "live".into())]);
        i.body = Some(r#"{"topic":"x"}"#.into());
        let call = build(&i).unwrap();
        assert_eq!(call.path, "/users/a%2Bb%40x.com/meetings");
        assert_eq!(call.query, vec![("type".to_owned(), "live".to_owned())]);
        assert_eq!(call.body.unwrap(), br#"{"topic":"x"}"#);
    }

    #[test]
    fn refuses_escapes_from_the_api_base_and_reserved_headers() {
        for bad in ["users/me", "https://evil.example/x", "//evil.example/x", "/a/../b", "/a?b=1"] {
            assert!(matches!(build(&input(bad)), Err(Error::InvalidInput { field, .. }) if field == "path"), "{bad}");
        }
        let mut i = input("/users/me");
        i.headers = Some(vec![("Authorization".into(), "Bearer x".into())]);
        assert!(matches!(build(&i), Err(Error::InvalidInput { field, .. }) if field == "headers[0]"));
        let mut i = input("/users/me");
        i.body = Some("{nope".into());
        assert!(matches!(build(&i), Err(Error::InvalidInput { field, .. }) if field == "body"));
    }
}
