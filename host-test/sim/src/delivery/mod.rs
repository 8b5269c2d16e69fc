//! Zoom's webhook delivery (spec/README.md, *Webhook signatures and retries*)
//! with its retry schedule compressed in time. An attempt succeeds only on 200
//! or 204 within 3 seconds; otherwise Zoom retries 5, 25 and 85 minutes after
//! the first attempt, then drops the event. Every attempt carries the event's
//! original send time in `x-zm-request-timestamp`, so a receiver sees a retry
//! exactly as old as it would be for real even though the simulated minutes
//! pass in milliseconds. A plan can sign badly (unsigned, forged, stale), lose
//! whole events and lose the first attempts of every event in transit.

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
mod tests;
