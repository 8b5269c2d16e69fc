//! A minimal HTTP/1.1 client over tokio sockets for driving the served endpoint as hostile and
//! ordinary clients do (raw bytes, chunked bodies, slow drips), shared by the load bench and the
//! integration tests. Each request uses its own connection and `connection: close`.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The request head for a POST to `/` with `headers`, ending with the blank line.
pub fn head(headers: &[(String, String)], length: Option<usize>) -> String {
    let mut text = String::from("POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n");
    match length {
        Some(n) => text.push_str(&format!("content-length: {n}\r\n")),
        None => text.push_str("transfer-encoding: chunked\r\n"),
    }
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text
}

/// POSTs `body` with `headers` over a fresh connection; returns the status and the body.
pub async fn post(addr: SocketAddr, headers: &[(String, String)], body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut request = head(headers, Some(body.len())).into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).await?;
    read_response(&mut stream).await
}

/// Reads an answer to its end (the server closes the connection) and parses status and body.
pub async fn read_response(stream: &mut TcpStream) -> std::io::Result<(u16, String)> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    parse(&raw)
}

/// Status and body of a raw `connection: close` answer (the endpoint never chunks its answers).
pub fn parse(raw: &[u8]) -> std::io::Result<(u16, String)> {
    let text = String::from_utf8_lossy(raw);
    let status = text.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok());
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    match status {
        Some(status) if text.starts_with("HTTP/1.1 ") => Ok((status, body)),
        _ => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not an HTTP answer: {text:.80}"))),
    }
}

/// One chunk of a chunked body.
pub fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_chunks_and_answers() {
        let h = head(&[("x-a".into(), "1".into())], Some(3));
        assert!(h.contains("content-length: 3\r\nx-a: 1\r\n\r\n"), "{h}");
        assert!(head(&[], None).contains("transfer-encoding: chunked"));
        assert_eq!(chunk(b"abc"), b"3\r\nabc\r\n");
        let answer = parse(b"HTTP/1.1 413 Payload Too Large\r\ncontent-length: 2\r\n\r\n{}").unwrap();
        assert_eq!(answer, (413, "{}".to_owned()));
        assert!(parse(b"garbage").is_err());
    }
}
