//! The delivery schedule against a loopback receiver.

use super::*;
use crate::server::{find, read_body, read_head};
use crate::webhooks::hmac_hex;
use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// What the receiver got: headers (lower-case names), body, and when.
#[derive(Clone)]
struct Got {
    headers: Vec<(String, String)>,
    body: String,
    at: Instant,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }
}

/// A loopback receiver answering the n-th request (from 0) with
/// `answer(n)`: a status and a delay before answering.
fn receiver(answer: impl Fn(usize) -> (u16, Duration) + Send + 'static) -> (String, Arc<Mutex<Vec<Got>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/zoom/webhook", listener.local_addr().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&got);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let Ok(Some(head)) = read_head(&mut reader) else { continue };
            let body = read_body(&mut reader, &head.headers).unwrap_or_default();
            let n = {
                let mut log = log.lock().unwrap();
                log.push(Got {
                    headers: head.headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                    at: Instant::now(),
                });
                log.len() - 1
            };
            let (status, delay) = answer(n);
            std::thread::sleep(delay);
            let _ = write!(stream, "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (url, got)
}

fn always(status: u16) -> impl Fn(usize) -> (u16, Duration) + Send + 'static {
    move |_| (status, Duration::ZERO)
}

fn event(name: &str) -> String {
    format!(r#"{{"event":"{name}","event_ts":1,"payload":{{"object":{{"id":1}}}}}}"#)
}

fn ts(g: &Got) -> i64 {
    g.header("x-zm-request-timestamp").unwrap().parse().unwrap()
}

fn signed_with(secret: &str, g: &Got) -> bool {
    let expected = format!("v0={}", hmac_hex(secret, &format!("v0:{}:{}", ts(g), g.body)));
    g.header("x-zm-signature") == Some(expected.as_str())
}

#[test]
fn failing_receiver_gets_zooms_schedule_with_the_original_timestamp() {
    let (url, got) = receiver(always(500));
    let plan = DeliveryPlan::to(url).minute(Duration::from_millis(4));
    let (before, t0) = (clock::now_secs(), Instant::now());
    let report = run("s3cret", &plan, vec![event("meeting.created")]);
    let e = &report.events[0];
    assert_eq!(e.name, "meeting.created");
    assert_eq!(e.attempts.iter().map(|a| a.after_minutes).collect::<Vec<_>>(), RETRY_SCHEDULE_MINUTES);
    assert!(e.attempts.iter().all(|a| a.sent && a.status == Some(500) && !a.succeeded()));
    assert!(!e.delivered && !e.lost);
    assert_eq!(report.undelivered(), vec![e.body.as_str()]);

    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 4);
    for (g, after) in got.iter().zip(RETRY_SCHEDULE_MINUTES) {
        let since = g.at - t0;
        let due = plan.minute * after;
        assert!(since >= due && since < due + Duration::from_secs(3), "{since:?} for +{after} minutes");
    }
    for (g, after) in got.iter().zip(RETRY_SCHEDULE_MINUTES) {
        assert_eq!(g.body, e.body);
        assert!(signed_with("s3cret", g));
        // Every attempt carries the original send time: a retry is as
        // old as it would be for real, however fast simulated time runs.
        let sent = before - i64::from(after) * 60;
        assert!((sent - 1..=sent + 2).contains(&ts(g)), "{} vs {sent}", ts(g));
    }
}

#[test]
fn receiver_failing_twice_then_accepting_gets_three_attempts() {
    let (url, got) = receiver(|n| (if n < 2 { 503 } else { 204 }, Duration::ZERO));
    let report = run("k", &DeliveryPlan::to(url), vec![event("user.created")]);
    let e = &report.events[0];
    assert!(e.delivered && !e.lost);
    let seen: Vec<(u32, Option<u16>)> = e.attempts.iter().map(|a| (a.after_minutes, a.status)).collect();
    assert_eq!(seen, vec![(0, Some(503)), (5, Some(503)), (25, Some(204))]);
    assert_eq!(got.lock().unwrap().len(), 3);
    assert!(report.undelivered().is_empty());
}

#[test]
fn lost_events_never_reach_the_receiver() {
    let (url, got) = receiver(always(200));
    let bodies = vec![event("a.one"), event("b.two"), event("c.three")];
    let report = run("k", &DeliveryPlan::to(url).lose([0, 2]), bodies);
    let [a, b, c] = &report.events[..] else { panic!() };
    for lost in [a, c] {
        assert!(lost.lost && !lost.delivered);
        assert_eq!(lost.attempts.len(), 4);
        assert!(lost.attempts.iter().all(|x| !x.sent && x.status.is_none()));
    }
    assert!(b.delivered && !b.lost && b.attempts.len() == 1);
    let got = got.lock().unwrap();
    assert_eq!(got.iter().map(|g| g.body.as_str()).collect::<Vec<_>>(), vec![b.body.as_str()]);
    assert_eq!(report.undelivered(), vec![a.body.as_str(), c.body.as_str()]);
}

#[test]
fn attempts_lost_in_transit_count_as_failed() {
    let (url, got) = receiver(always(200));
    let report = run("k", &DeliveryPlan::to(&url).fail_first_attempts(2), vec![event("x.y")]);
    let e = &report.events[0];
    assert!(e.delivered && !e.lost);
    let seen: Vec<(u32, bool)> = e.attempts.iter().map(|a| (a.after_minutes, a.sent)).collect();
    assert_eq!(seen, vec![(0, false), (5, false), (25, true)]);
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    // The one attempt that arrives is 25 minutes older than it looks.
    assert!((clock::now_secs() - 25 * 60 - ts(&got[0])).abs() <= 2);
    assert!(signed_with("k", &got[0]));

    let report = run("k", &DeliveryPlan::to(url).fail_first_attempts(4), vec![event("x.y")]);
    assert!(report.events[0].lost && !report.events[0].delivered);
}

#[test]
fn each_signing_kind_sends_its_headers() {
    let (url, got) = receiver(always(200));
    let now = clock::now_secs();
    for signing in [Signing::Valid, Signing::Unsigned, Signing::Forged, Signing::Stale { seconds: 600 }] {
        let report = run("right", &DeliveryPlan::to(&url).signing(signing), vec![event("s.t")]);
        assert!(report.events[0].delivered);
    }
    let got = got.lock().unwrap().clone();
    let [valid, unsigned, forged, stale] = &got[..] else { panic!("{}", got.len()) };
    assert!(signed_with("right", valid) && (ts(valid) - now).abs() <= 2);
    assert_eq!(valid.header("content-type"), Some("application/json"));
    assert_eq!(unsigned.header("x-zm-signature"), None);
    assert_eq!(unsigned.header("x-zm-request-timestamp"), None);
    assert_eq!(unsigned.header("content-type"), Some("application/json"));
    assert!(forged.header("x-zm-signature").is_some_and(|s| s.starts_with("v0=") && s.len() == 67));
    assert!(!signed_with("right", forged) && (ts(forged) - now).abs() <= 2);
    assert!(signed_with("right", stale) && (ts(stale) - (now - 600)).abs() <= 2);
}

#[test]
fn slow_answers_and_connection_errors_fail() {
    let (url, got) = receiver(|n| (200, if n == 0 { Duration::from_millis(400) } else { Duration::ZERO }));
    // The receiver answers one request at a time: the first retry (+5 minutes) must come after
    // it has finished the slow answer.
    let plan = DeliveryPlan::to(url).answer_within(Duration::from_millis(150)).minute(Duration::from_millis(200));
    let e = run("k", &plan, vec![event("slow.one")]).events.remove(0);
    assert!(e.delivered);
    assert_eq!(e.attempts.len(), 2);
    assert!(e.attempts[0].sent && e.attempts[0].error.is_some() && !e.attempts[0].succeeded());
    assert_eq!(got.lock().unwrap().len(), 2);

    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let e = run("k", &DeliveryPlan::to(format!("http://{closed}/")), vec![event("nobody.home")]).events.remove(0);
    assert!(!e.delivered && !e.lost && e.attempts.len() == 4);
    assert!(e.attempts.iter().all(|a| a.sent && a.status.is_none() && a.error.is_some()));
}
