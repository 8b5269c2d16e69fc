//! Zoom's webhook delivery (FACTS §3) with its retry schedule compressed in
//! time. An attempt succeeds only on 200 or 204 within 3 seconds; otherwise
//! Zoom retries 5, 25 and 85 minutes after the first attempt, then drops the
//! event. Every attempt carries the event's original send time in
//! `x-zm-request-timestamp`, so a receiver sees a retry exactly as old as it
//! would be for real even though the simulated minutes pass in milliseconds.
//! A plan can sign badly (unsigned, forged, stale), lose whole events and
//! lose the first attempts of every event in transit.

use super::clock;
use super::webhooks::{deliver_within, sign_delivery};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Minutes after the first attempt at which Zoom sends each attempt.
pub const RETRY_SCHEDULE_MINUTES: [u32; 4] = [0, 5, 25, 85];

/// How long Zoom waits for a 200/204 before counting an attempt as failed.
pub const ZOOM_ANSWER_WITHIN: Duration = Duration::from_secs(3);

/// How each attempt is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signing {
    /// `x-zm-request-timestamp` and `x-zm-signature` as Zoom sends them.
    Valid,
    /// Neither `x-zm-signature` nor `x-zm-request-timestamp`.
    Unsigned,
    /// Both headers, but the signature is made with a wrong secret.
    Forged,
    /// Signed correctly over a timestamp `seconds` older than the real one.
    Stale { seconds: i64 },
}

/// Where and how `Simulator::deliver_events` delivers a batch of events.
#[derive(Clone, Debug)]
pub struct DeliveryPlan {
    /// A loopback `http://` URL.
    pub url: String,
    /// How long one simulated minute lasts in real time.
    pub minute: Duration,
    pub signing: Signing,
    /// Indexes into the batch of events that are lost entirely: no attempt
    /// ever reaches the receiver.
    pub lose: Vec<usize>,
    /// For every event, this many attempts are lost in transit (not sent);
    /// they count as failed and the next scheduled retry is sent.
    pub fail_first_attempts: usize,
    /// How long an attempt may take to be answered (Zoom: 3 s).
    pub answer_within: Duration,
}

impl DeliveryPlan {
    /// Valid signatures, nothing lost, 2 ms per simulated minute (the whole
    /// schedule takes 170 ms), Zoom's 3 s answer limit.
    pub fn to(url: impl Into<String>) -> DeliveryPlan {
        DeliveryPlan {
            url: url.into(),
            minute: Duration::from_millis(2),
            signing: Signing::Valid,
            lose: Vec::new(),
            fail_first_attempts: 0,
            answer_within: ZOOM_ANSWER_WITHIN,
        }
    }

    pub fn minute(mut self, real_time: Duration) -> DeliveryPlan {
        self.minute = real_time;
        self
    }

    pub fn signing(mut self, signing: Signing) -> DeliveryPlan {
        self.signing = signing;
        self
    }

    pub fn lose(mut self, indexes: impl IntoIterator<Item = usize>) -> DeliveryPlan {
        self.lose.extend(indexes);
        self
    }

    pub fn fail_first_attempts(mut self, n: usize) -> DeliveryPlan {
        self.fail_first_attempts = n;
        self
    }

    pub fn answer_within(mut self, limit: Duration) -> DeliveryPlan {
        self.answer_within = limit;
        self
    }
}

/// One scheduled attempt of one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Simulated minutes after the first attempt: 0, 5, 25 or 85.
    pub after_minutes: u32,
    /// The receiver's status, when it answered.
    pub status: Option<u16>,
    /// Why the attempt failed short of a status (connection error, timeout,
    /// lost by the plan), or that the answer came too late.
    pub error: Option<String>,
    /// False when the plan lost this attempt before it left.
    pub sent: bool,
}

impl Attempt {
    /// 200 or 204 in time: Zoom stops retrying.
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && matches!(self.status, Some(200 | 204))
    }
}

/// What happened to one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDelivery {
    /// The envelope's `event` (empty when the body has none).
    pub name: String,
    pub body: String,
    /// Every scheduled attempt up to and including the first success.
    pub attempts: Vec<Attempt>,
    /// Some attempt succeeded.
    pub delivered: bool,
    /// No attempt was ever sent (the plan lost the event, or every attempt
    /// in transit): the receiver cannot know it existed.
    pub lost: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryReport {
    /// In outbox order.
    pub events: Vec<EventDelivery>,
}

impl DeliveryReport {
    /// Bodies of the events that were never delivered, lost or not.
    pub fn undelivered(&self) -> Vec<&str> {
        self.events.iter().filter(|e| !e.delivered).map(|e| e.body.as_str()).collect()
    }
}

/// Delivers `bodies` by `plan`, signing with `secret`. The schedule runs for
/// the whole batch at once: every event's first attempt in order, then the
/// retries due at +5 minutes, and so on.
pub(crate) fn run(secret: &str, plan: &DeliveryPlan, bodies: Vec<String>) -> DeliveryReport {
    let mut events: Vec<EventDelivery> = bodies
        .into_iter()
        .map(|body| EventDelivery {
            name: event_name(&body),
            body,
            attempts: Vec::new(),
            delivered: false,
            lost: false,
        })
        .collect();
    let start = Instant::now();
    for (n, &after) in RETRY_SCHEDULE_MINUTES.iter().enumerate() {
        let mut due = Vec::new();
        for (i, e) in events.iter_mut().enumerate().filter(|(_, e)| !e.delivered) {
            let lost = if plan.lose.contains(&i) {
                "event lost: never sent"
            } else if n < plan.fail_first_attempts {
                "attempt lost in transit: not sent"
            } else {
                due.push(i);
                continue;
            };
            e.attempts.push(Attempt { after_minutes: after, status: None, error: Some(lost.into()), sent: false });
        }
        if due.is_empty() {
            continue;
        }
        let at = start + plan.minute * after;
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        for i in due {
            let attempt = send(secret, plan, &events[i].body, after);
            events[i].delivered = attempt.succeeded();
            events[i].attempts.push(attempt);
        }
    }
    for e in &mut events {
        e.lost = !e.attempts.iter().any(|a| a.sent);
    }
    DeliveryReport { events }
}

fn event_name(body: &str) -> String {
    serde_json::from_str::<Value>(body).ok().and_then(|v| v["event"].as_str().map(String::from)).unwrap_or_default()
}

/// The headers of an attempt made `after` simulated minutes after the
/// first, whose original send time is therefore that much before now.
fn headers(secret: &str, signing: &Signing, body: &str, after: u32) -> Vec<(String, String)> {
    let sent_at = clock::now_secs() - i64::from(after) * 60;
    match signing {
        Signing::Valid => sign_delivery(secret, body, sent_at),
        Signing::Unsigned => vec![("content-type".into(), "application/json".into())],
        Signing::Forged => sign_delivery(&format!("{secret}-forged"), body, sent_at),
        Signing::Stale { seconds } => sign_delivery(secret, body, sent_at - seconds),
    }
}

fn send(secret: &str, plan: &DeliveryPlan, body: &str, after: u32) -> Attempt {
    let headers = headers(secret, &plan.signing, body, after);
    let began = Instant::now();
    let result = deliver_within(&plan.url, body, &headers, plan.answer_within);
    let took = began.elapsed();
    match result {
        Ok((status, _)) => {
            let late = took > plan.answer_within;
            let error = late.then(|| format!("answered after {took:?}, over the {:?} limit", plan.answer_within));
            Attempt { after_minutes: after, status: Some(status), error, sent: true }
        }
        Err(e) => Attempt { after_minutes: after, status: None, error: Some(format!("{e:#}")), sent: true },
    }
}

#[cfg(test)]
mod tests {
    use super::super::server::{find, read_body, read_head};
    use super::super::webhooks::hmac_hex;
    use super::*;
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
}
