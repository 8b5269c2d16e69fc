//! Drives the simulator over real TCP with a deliberately dumb std client, so
//! these tests exercise the same HTTP parsing the component's hyper client hits.

mod api;
mod chat_phone;
mod chat_send;
mod delivery;
mod groups;
mod panelists;
mod past_meetings;
mod past_polls;
mod recordings;
mod scopes;
mod transcripts;
mod transport;
mod user_oauth;
mod users_admin;
mod webhook_shapes;
mod webinar_schedule;
mod webinars;

use super::*;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        server::find(&self.headers, name)
    }

    /// `(status, code)` of a Zoom error answer.
    fn err(&self) -> (u16, i64) {
        (self.status, self.json()["code"].as_i64().expect("error code"))
    }
}

enum Body<'a> {
    None,
    Json(&'a str),
    Chunked(&'a [&'a str]),
    Form(&'a str),
}

fn send(sim: &Simulator, method: &str, target: &str, auth: Option<&str>, body: Body) -> std::io::Result<Resp> {
    let mut stream = TcpStream::connect(sim.addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\n", sim.addr);
    if let Some(a) = auth {
        req.push_str(&format!("Authorization: {a}\r\n"));
    }
    match body {
        Body::None => req.push_str("\r\n"),
        Body::Json(b) => {
            req.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}", b.len()))
        }
        Body::Form(b) => req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        )),
        Body::Chunked(parts) => {
            req.push_str("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for p in parts {
                req.push_str(&format!("{:x}\r\n{p}\r\n", p.len()));
            }
            req.push_str("0\r\n\r\n");
        }
    }
    stream.write_all(req.as_bytes())?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    if reader.read_line(&mut status_line)? == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed without answer"));
    }
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers = server::read_headers(&mut reader)?;
    let mut body = Vec::new();
    reader.read_to_end(&mut body)?;
    if let Some(len) = server::find(&headers, "content-length") {
        assert_eq!(len.parse::<usize>().unwrap(), body.len(), "Content-Length must match the body");
    }
    Ok(Resp { status, headers, body: String::from_utf8(body).unwrap() })
}

fn token(sim: &Simulator) -> String {
    let c = sim.credentials();
    let basic = format!("Basic {}", STANDARD.encode(format!("{}:{}", c.client_id, c.client_secret)));
    let form = format!("grant_type=account_credentials&account_id={}", c.account_id);
    let r = send(sim, "POST", "/oauth/token", Some(&basic), Body::Form(&form)).unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["api_url"], sim.base_url().as_str());
    v["access_token"].as_str().unwrap().to_string()
}

fn create_meeting(sim: &Simulator, bearer: &str, body: &str) -> Value {
    let r = send(sim, "POST", "/v2/users/me/meetings", Some(bearer), Body::Json(body)).unwrap();
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

fn register(sim: &Simulator, bearer: &str, id: u64, email: &str) -> Resp {
    let body = json!({"email": email, "first_name": "Reg", "last_name": email}).to_string();
    send(sim, "POST", &format!("/v2/meetings/{id}/registrants"), Some(bearer), Body::Json(&body)).unwrap()
}

fn events(sim: &Simulator) -> Vec<Value> {
    sim.take_events().iter().map(|e| serde_json::from_str(e).unwrap()).collect()
}

fn get(sim: &Simulator, bearer: &str, target: &str) -> Resp {
    send(sim, "GET", target, Some(bearer), Body::None).unwrap()
}

/// A meeting or webinar UUID as a path segment: Zoom wants those that start with `/` or contain
/// `//` encoded twice (seeded UUIDs are random, so any of them may need it).
fn enc_uuid(uuid: &str) -> String {
    if uuid.starts_with('/') || uuid.contains("//") {
        enc(&enc(uuid))
    } else {
        enc(uuid)
    }
}

fn enc(s: &str) -> String {
    crate::percent::encode(s)
}

/// Follows `next_page_token` from `target` (which has a query string) and
/// returns every item of `list_key` plus the number of pages fetched.
fn walk(sim: &Simulator, bearer: &str, target: &str, list_key: &str) -> (Vec<Value>, usize) {
    let (mut items, mut pages, mut next) = (Vec::new(), 0, String::new());
    loop {
        let t = if next.is_empty() { target.to_string() } else { format!("{target}&next_page_token={next}") };
        let r = get(sim, bearer, &t);
        assert_eq!(r.status, 200, "{t}: {}", r.body);
        let v = r.json();
        items.extend(v[list_key].as_array().unwrap_or_else(|| panic!("{list_key} in {v}")).iter().cloned());
        pages += 1;
        next = v["next_page_token"].as_str().unwrap().to_string();
        if next.is_empty() {
            return (items, pages);
        }
    }
}
