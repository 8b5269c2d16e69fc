//! Samples of what each trigger emits, so a recipe's fields can be mapped before its first event:
//! the account's recent items, listed the way the trigger lists them (the polling sources'
//! listing, `reconcile`'s rebuilding), and for event families the account shows none of, Zoom's
//! documented examples ([`examples`]).

use std::collections::BTreeSet;

use crate::error::Error;
use crate::http::paging::{self, as_is};
use crate::http::{Call, Client, Method};
use crate::json::{number, text};
use crate::manifest::triggers::triggers;
use crate::time::format_utc;
use crate::triggers::polling::{self, Listed};
use crate::triggers::{events, reconcile};
use crate::wit::poll_types::{PollSource, PolledItem, ReconcileRequest};
use crate::wit::triggers::{SampleRequest, TriggerSample, WebhookEvent};

mod examples;
#[cfg(test)]
mod tests;

pub(crate) const MAX_SAMPLES: u32 = 50;
/// How far back the account's items are looked for: the widest window Zoom's lists and
/// `reconcile` take.
const LOOKBACK_SECS: u64 = 30 * 86_400;
/// Registrants are read from this many of the user's meetings (or webinars) that take
/// registration, among the newest [`ASKED`]: each costs a request or two.
const REGISTRATION_MEETINGS: usize = 10;
const ASKED: usize = 50;
const PAGE_SIZE: u32 = 300;
/// 9999-12-31T23:59:59Z: Zoom's times have four-digit years.
const LAST_SECOND: u64 = 253_402_300_799;

/// What a trigger id names.
enum Trigger {
    Webhook,
    Reconcile,
    Poll(Source),
}

/// A polling source with its parameter filled in, or one whose meeting must be found first.
enum Source {
    Given(PollSource),
    Registrants(Kind),
}

#[derive(Clone, Copy)]
enum Kind {
    Meetings,
    Webinars,
}

/// Runs one sample request; `clock` is the wall clock, for a request that does not pin time.
pub(crate) fn sample(client: &Client, request: &SampleRequest, clock: u64) -> Result<Vec<TriggerSample>, Error> {
    if !(1..=MAX_SAMPLES).contains(&request.max) {
        return Err(Error::invalid("max", format!("must be between 1 and {MAX_SAMPLES}")));
    }
    let now = request.now_unix_seconds.unwrap_or(clock);
    if now > LAST_SECOND {
        return Err(Error::invalid(
            "now_unix_seconds",
            format!("must be at most {LAST_SECOND} (9999-12-31T23:59:59Z)"),
        ));
    }
    let max = request.max as usize;
    match trigger(&request.trigger_id)? {
        Trigger::Webhook => event_samples(client, events::MODELLED, max, now),
        Trigger::Reconcile => event_samples(client, reconcile::RECOVERABLE, max, now),
        Trigger::Poll(source) => polled_samples(client, source, max, now),
    }
}

fn trigger(id: &str) -> Result<Trigger, Error> {
    let me = || "me".to_owned();
    let source = match id.trim() {
        "webhook" => return Ok(Trigger::Webhook),
        "reconcile" => return Ok(Trigger::Reconcile),
        "poll:new-meetings" => Source::Given(PollSource::NewMeetings(me())),
        "poll:new-recordings" => Source::Given(PollSource::NewRecordings(me())),
        "poll:new-meeting-registrants" => Source::Registrants(Kind::Meetings),
        "poll:new-webinar-registrants" => Source::Registrants(Kind::Webinars),
        "poll:new-users" => Source::Given(PollSource::NewUsers),
        "poll:sign-in-activity" => Source::Given(PollSource::SignInActivity),
        "poll:new-ended-meetings" => Source::Given(PollSource::NewEndedMeetings(me())),
        "poll:new-transcripts" => Source::Given(PollSource::NewTranscripts(me())),
        // The user's calls, not the account's: the trigger's listed scopes are the user's.
        "poll:new-phone-calls" => Source::Given(PollSource::NewPhoneCalls(Some(me()))),
        _ => {
            let ids: Vec<String> = triggers().into_iter().map(|t| t.id).collect();
            return Err(Error::invalid("trigger_id", format!("is not a trigger; one of {}", ids.join(", "))));
        }
    };
    Ok(Trigger::Poll(source))
}

/// The source's items of the last 30 days, newest first.
fn polled_samples(client: &Client, source: Source, max: usize, now: u64) -> Result<Vec<TriggerSample>, Error> {
    let since = now.saturating_sub(LOOKBACK_SECS);
    let mut listed = match source {
        Source::Given(source) => polling::list(client, &source, since, now, PAGE_SIZE)?,
        Source::Registrants(kind) => registrants(client, kind, since, now)?,
    };
    listed.sort_by_key(|l| std::cmp::Reverse(l.1));
    // Each item once, as a poll returns it, even if Zoom lists it twice (in two statuses, on two pages).
    let mut seen = BTreeSet::new();
    listed.retain(|(key, _, _)| seen.insert(key.clone()));
    let item = |(key, at, item): Listed| TriggerSample::Polled(PolledItem { key, occurred_at: format_utc(at), item });
    Ok(listed.into_iter().take(max).map(item).collect())
}

/// Registrants of the user's most recently created meetings (or webinars) that take registration.
fn registrants(client: &Client, kind: Kind, since: u64, now: u64) -> Result<Vec<Listed>, Error> {
    let key = match kind {
        Kind::Meetings => "meetings",
        Kind::Webinars => "webinars",
    };
    let call = Call::new(Method::Get, format!("/users/me/{key}")).query("type", Some("scheduled"));
    let mut listed = paging::every_page(client, &call, key, PAGE_SIZE, as_is)?;
    // Zoom writes `created_at` as `yyyy-MM-ddTHH:mm:ssZ`, so text order is time order.
    listed.sort_by_key(|m| std::cmp::Reverse(text(m, "created_at")));
    let ids = listed.iter().filter_map(|m| number(m, "id")).take(ASKED);
    let (mut out, mut read) = (Vec::new(), 0);
    for id in ids {
        let source = match kind {
            Kind::Meetings => PollSource::NewMeetingRegistrants(id),
            Kind::Webinars => PollSource::NewWebinarRegistrants(id),
        };
        match polling::list(client, &source, since, now, PAGE_SIZE) {
            Ok(found) => out.extend(found),
            // 3000: registration is off for this one.
            Err(Error::Api(api)) if api.code == Some(3000) => continue,
            Err(e) => return Err(e),
        }
        read += 1;
        if read == REGISTRATION_MEETINGS {
            break;
        }
    }
    Ok(out)
}

/// One event per family, the account's newest or else the documented example, in `families`'
/// order; then the account's other events, newest first.
fn event_samples(client: &Client, families: &[&str], max: usize, now: u64) -> Result<Vec<TriggerSample>, Error> {
    let request = ReconcileRequest {
        from: format_utc(now.saturating_sub(LOOKBACK_SECS)),
        to: format_utc(now),
        seen_keys: Vec::new(),
        user_id: None,
        event_names: None,
    };
    let mut real = reconcile::reconcile(client, &request)?;
    real.reverse();
    let mut out: Vec<WebhookEvent> = Vec::new();
    for name in families {
        match real.iter().position(|e| e.name == *name) {
            Some(i) => out.push(real.remove(i)),
            None => out.extend(examples::event(name)),
        }
    }
    out.extend(real.into_iter().filter(|e| families.contains(&e.name.as_str())));
    out.truncate(max);
    Ok(out.into_iter().map(TriggerSample::Event).collect())
}
