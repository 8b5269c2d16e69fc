//! The simulator's side of one client connection: read a request, let an armed fault interfere,
//! route it, log it and answer it, as long as the connection is kept open.

use std::io::{BufReader, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use super::request_log::log_entry;
use super::server::{self, Request, Response};
use super::store::Store;
use super::{admin, errors, faults, lock, oauth, router, FaultKind};

/// One connection: read a request, let an armed fault interfere, route it, log it, answer it,
/// and close unless keep-alive is on and nothing asks for closing.
pub(crate) fn serve(store: &Mutex<Store>, keep_alive: &AtomicBool, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    while serve_request(store, keep_alive, &stream, &mut reader) {}
    let _ = stream.shutdown(Shutdown::Both);
}

/// Answers one request; `true` when the connection stays open for the next.
fn serve_request(
    store: &Mutex<Store>,
    keep_alive: &AtomicBool,
    stream: &TcpStream,
    reader: &mut BufReader<TcpStream>,
) -> bool {
    let Ok(Some(head)) = server::read_head(reader) else { return false };
    let fault = faults::take(&mut lock(store).faults, &head.method, &head.path);
    if fault == Some(FaultKind::ResetBeforeBody) {
        lock(store).log.push(log_entry(&Request::new(head, Vec::new()), 0));
        return false;
    }
    let closing = server::find(&head.headers, "connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
    let expects_continue =
        server::find(&head.headers, "expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
    if expects_continue {
        let _ = (&*stream).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let (req, mut resp, framed) = match server::read_body(reader, &head.headers) {
        Ok(body) => {
            let req = Request::new(head, body);
            if let Some(FaultKind::Slow(d)) = &fault {
                std::thread::sleep(*d);
            }
            let resp = respond(store, &req, fault.as_ref());
            (req, resp, true)
        }
        Err(_) => (Request::new(head, Vec::new()), errors::zoom(400, 300, "Malformed request body framing."), false),
    };
    let dropped = fault == Some(FaultKind::ResetAfterBody);
    let tracking_id = {
        let mut s = lock(store);
        s.log.push(log_entry(&req, if dropped { 0 } else { resp.status }));
        s.rng.tracking_id()
    };
    if fault == Some(FaultKind::TruncatedJson) {
        faults::truncate(&mut resp);
    }
    let keep = keep_alive.load(Ordering::Relaxed) && fault.is_none() && framed && !closing;
    if dropped {
        return false;
    }
    server::write_response(&mut &*stream, &resp, &tracking_id, keep).is_ok() && keep
}

/// The fault's answer if it replaces the route's, otherwise the route's.
fn respond(store: &Mutex<Store>, req: &Request, fault: Option<&FaultKind>) -> Response {
    if let Some(resp) = fault.and_then(|k| faults::replacement(k, &req.method, &req.path)) {
        return resp;
    }
    let mut s = lock(store);
    let resp = router::dispatch(&mut s, req);
    admin::after_answer(&mut s, req);
    let delivered = fault != Some(&FaultKind::ResetAfterBody);
    if delivered && resp.status == 200 && req.method == "POST" && req.path == "/oauth/token" {
        s.token_requests += 1;
        s.token_grants.push(oauth::param(req, "grant_type").unwrap_or_default());
    }
    resp
}
