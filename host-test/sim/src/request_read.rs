//! Reading requests: the request line, headers and both body framings (hyper, through
//! wasmtime-wasi-http, may send chunked bodies), each bounded so a broken client cannot make the
//! simulator allocate without limit.

use std::io::{self, BufRead, Read};

use crate::percent;
use crate::server::find;

const MAX_LINE: usize = 16 * 1024;
const MAX_HEADERS: usize = 128;
const MAX_BODY: usize = 8 * 1024 * 1024;

/// Request line and headers; the body is read separately so a fault can drop
/// the connection before reading it.
pub(crate) struct Head {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
}

fn read_line<R: BufRead>(r: &mut R) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_LINE || buf.last() != Some(&b'\n') {
        return Err(bad("line too long or truncated"));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    String::from_utf8(buf).map(Some).map_err(|_| bad("non-UTF-8 header line"))
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

/// Header block after a start line, names lower-cased.
pub(crate) fn read_headers<R: BufRead>(r: &mut R) -> io::Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    loop {
        let line = read_line(r)?.ok_or_else(|| bad("eof in headers"))?;
        if line.is_empty() {
            return Ok(headers);
        }
        if headers.len() == MAX_HEADERS {
            return Err(bad("too many headers"));
        }
        let (name, value) = line.split_once(':').ok_or_else(|| bad("header without colon"))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

/// `Ok(None)` when the peer closed before sending anything.
pub(crate) fn read_head<R: BufRead>(r: &mut R) -> io::Result<Option<Head>> {
    let line = match read_line(r)? {
        Some(l) => l,
        None => return Ok(None),
    };
    let mut parts = line.split(' ');
    let (method, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v), None) if !m.is_empty() && !t.is_empty() => (m, t, v),
        _ => return Err(bad("malformed request line")),
    };
    if !version.starts_with("HTTP/1.") {
        return Err(bad("unsupported HTTP version"));
    }
    // hyper sends origin-form, but tolerate absolute-form from proxies.
    let target = match target.find("://") {
        Some(i) => target[i + 3..].find('/').map_or("/", |j| &target[i + 3 + j..]),
        None => target,
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Some(Head {
        method: method.to_string(),
        path: path.to_string(),
        query: parse_query(query),
        headers: read_headers(r)?,
    }))
}

/// Body by `Transfer-Encoding: chunked` (takes precedence, as RFC 9112 says)
/// or `Content-Length`; neither means no body.
pub(crate) fn read_body<R: BufRead>(r: &mut R, headers: &[(String, String)]) -> io::Result<Vec<u8>> {
    if find(headers, "transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        return read_chunked(r);
    }
    match find(headers, "content-length") {
        None => Ok(Vec::new()),
        Some(v) => {
            let len: usize = v.parse().map_err(|_| bad("bad content-length"))?;
            if len > MAX_BODY {
                return Err(bad("body too large"));
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body)?;
            Ok(body)
        }
    }
}

pub(crate) fn read_chunked<R: BufRead>(r: &mut R) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?.ok_or_else(|| bad("eof in chunk size"))?;
        let size_hex = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| bad("bad chunk size"))?;
        if size == 0 {
            // Trailers, then the blank line that ends the message.
            read_headers(r)?;
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(bad("body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        let mut crlf = [0u8; 2];
        r.read_exact(&mut crlf)?;
        if &crlf != b"\r\n" {
            return Err(bad("chunk not followed by CRLF"));
        }
    }
}

pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent::decode(k, true), percent::decode(v, true))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &[u8]) -> (Head, Vec<u8>) {
        let mut r = io::BufReader::new(raw);
        let head = read_head(&mut r).unwrap().unwrap();
        let body = read_body(&mut r, &head.headers).unwrap();
        (head, body)
    }

    #[test]
    fn reads_content_length_body_and_decodes_query() {
        let (head, body) = parse(
            b"POST /v2/users/me/meetings?a=1&next_page_token=x%2By&q=a+b HTTP/1.1\r\n\
              Host: x\r\nContent-Length: 5\r\n\r\nhelloEXTRA",
        );
        assert_eq!(head.method, "POST");
        assert_eq!(head.path, "/v2/users/me/meetings");
        assert_eq!(
            head.query,
            vec![("a".into(), "1".into()), ("next_page_token".into(), "x+y".into()), ("q".into(), "a b".into())]
        );
        assert_eq!(find(&head.headers, "content-length"), Some("5"));
        assert_eq!(body, b"hello");
    }

    #[test]
    fn reads_chunked_body_with_extensions_and_trailers() {
        let (_, body) = parse(
            b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
              4;ext=1\r\n{\"a\"\r\nA\r\n:12345678}\r\n0\r\nX-Trailer: t\r\n\r\n",
        );
        assert_eq!(body, b"{\"a\":12345678}");
    }

    #[test]
    fn chunked_wins_over_content_length() {
        let (_, body) =
            parse(b"POST /x HTTP/1.1\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
        assert_eq!(body, b"ok");
    }

    #[test]
    fn rejects_broken_chunk_framing() {
        let mut r = io::BufReader::new(&b"zz\r\nab\r\n0\r\n\r\n"[..]);
        assert!(read_chunked(&mut r).is_err());
        let mut r = io::BufReader::new(&b"2\r\nabc\r\n0\r\n\r\n"[..]);
        assert!(read_chunked(&mut r).is_err());
        let mut r = io::BufReader::new(&b"5\r\nab"[..]);
        assert!(read_chunked(&mut r).is_err());
    }

    #[test]
    fn absolute_form_target_is_reduced_to_path() {
        let (head, _) = parse(b"GET http://127.0.0.1:1/v2/users?x=1 HTTP/1.1\r\n\r\n");
        assert_eq!(head.path, "/v2/users");
        assert_eq!(head.query, vec![("x".into(), "1".into())]);
    }
}
