//! The OAuth authorization-code flow as a platform runs it, driven through the component's `auth`
//! exports: build the authorize URL, follow the user's consent to the redirect, exchange the code.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};

use zoom_runtime::{Connector, Outcome, AUTH};

/// What the flow reached.
pub enum Flow {
    /// Tokens, after the code was exchanged.
    Authorized { tokens: Value },
    /// Zoom shows a consent page: the user must open `url`, then pass the code back with the verifier.
    NeedsUser { url: String, state: String, code_verifier: String },
}

/// The `oauth-app` argument of the `auth` exports.
pub fn app(client_id: &str, client_secret: &str, redirect_uri: &str, oauth_url: &str) -> Value {
    json!({"client_id": client_id, "client_secret": client_secret, "redirect_uri": redirect_uri, "oauth_base_url": oauth_url})
}

/// Runs the flow. Where the authorize endpoint redirects at once (the simulator, or an already
/// consented app), the redirect is followed; otherwise the user has to take over.
pub async fn authorize(connector: &mut Connector, app: &Value) -> Result<Flow> {
    let auth = ok(connector.call(AUTH, "authorize-url", &[app.clone(), Value::Null]).await?, "authorize-url")?;
    let url = auth["url"].as_str().context("authorize-url gave no url")?.to_owned();
    let state = auth["state"].as_str().unwrap_or_default().to_owned();
    let verifier = auth["code_verifier"].as_str().unwrap_or_default().to_owned();
    let Some(location) = redirect_of(&url)? else {
        return Ok(Flow::NeedsUser { url, state, code_verifier: verifier });
    };
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    let param = |name: &str| {
        query.split('&').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| decode(v)))
    };
    ensure!(param("state").as_deref() == Some(state.as_str()), "the redirect's state does not match: possible forgery");
    let code = param("code").context("the redirect carries no code")?;
    let tokens = exchange(connector, app, &code, &verifier).await?;
    Ok(Flow::Authorized { tokens })
}

/// Exchanges a code (with its PKCE verifier) for tokens.
pub async fn exchange(connector: &mut Connector, app: &Value, code: &str, verifier: &str) -> Result<Value> {
    let args = [app.clone(), json!(code), json!(verifier)];
    ok(connector.call(AUTH, "exchange-code", &args).await?, "exchange-code")
}

fn ok(outcome: Outcome, what: &str) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("{what} failed: {e}"),
    }
}

/// `GET url` over plain HTTP on loopback; the `Location` of a redirect, `None` for anything else.
fn redirect_of(url: &str) -> Result<Option<String>> {
    let Some(rest) = url.strip_prefix("http://") else { return Ok(None) };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if !authority.starts_with("127.0.0.1:") && !authority.starts_with("localhost:") {
        return Ok(None);
    }
    let mut stream = TcpStream::connect(authority).with_context(|| format!("connecting to {authority}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n")?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status)?;
    if !status.split_whitespace().nth(1).is_some_and(|s| s.starts_with('3')) {
        return Ok(None);
    }
    for line in reader.lines() {
        let line = line?;
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("location") {
                return Ok(Some(v.trim().to_owned()));
            }
        }
    }
    Ok(None)
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(decode("a%2Fb+c%3D"), "a/b c=");
        assert_eq!(decode("bad%zz"), "bad%zz");
        assert_eq!(decode("%é"), "%é");
    }
}
