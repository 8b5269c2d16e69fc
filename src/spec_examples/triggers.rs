//! Every poll source and every event reconcile rebuilds, run on the documented list answers.
//! Zoom's examples are dated 2019-2022, so each run sets its clock just after the documented
//! item's time: then the item is not only parsed but returned, and its typed form can be checked.

use super::actions::{client, Run};
use super::inputs::{MEETING, WEBINAR};
use super::Documented;
use crate::time::unix_seconds;
use crate::triggers::{polling, reconcile};
use crate::wit::poll_types::{PollRequest, PollResult, PollSource, ReconcileRequest};
use crate::wit::triggers::WebhookEvent;

/// Each poll source with the documented time of the item it lists.
pub(crate) fn sources() -> Vec<(&'static str, PollSource, &'static str)> {
    vec![
        ("poll:new-meetings", PollSource::NewMeetings("me".into()), "2022-03-23T05:31:16Z"),
        ("poll:new-recordings", PollSource::NewRecordings("me".into()), "2021-03-18T05:41:36Z"),
        ("poll:new-meeting-registrants", PollSource::NewMeetingRegistrants(MEETING), "2022-03-22T05:59:09Z"),
        ("poll:new-webinar-registrants", PollSource::NewWebinarRegistrants(WEBINAR), "2022-03-22T05:59:09Z"),
        ("poll:new-users", PollSource::NewUsers, "2019-06-01T07:58:03Z"),
        ("poll:sign-in-activity", PollSource::SignInActivity, "2019-09-15T19:13:41Z"),
        ("poll:new-ended-meetings", PollSource::NewEndedMeetings("me".into()), "2020-07-15T23:30:19Z"),
        ("poll:new-transcripts", PollSource::NewTranscripts("me".into()), "2021-03-18T05:41:36Z"),
        ("poll:new-phone-calls", PollSource::NewPhoneCalls(Some("me".into())), "2023-10-08T16:12:15Z"),
    ]
}

/// How many items a run must return: one, the documented item, except where Zoom's example has
/// nothing the source or event is about. Its only recording has just an MP4 file, so there is no
/// transcript to return; the answer is still read (an unreadable one fails the run).
pub(crate) fn documented_count(id: &str) -> usize {
    match id {
        "poll:new-transcripts" | "recording.transcript_completed" => 0,
        _ => 1,
    }
}

/// A first poll an hour after `at`, with a day of backfill.
pub(crate) fn poll(t: &Documented, source: PollSource, at: &str) -> Result<PollResult, crate::error::Error> {
    let now = unix_seconds(at).unwrap() + 3600;
    let request =
        PollRequest { source, cursor: None, backfill_hours: Some(24), now_unix_seconds: Some(now), page_size: None };
    polling::poll(&client(t), &request, now)
}

/// Each event reconcile rebuilds, with the documented time it is rebuilt from.
pub(crate) fn recoverable() -> Vec<(&'static str, &'static str)> {
    vec![
        ("meeting.created", "2022-03-23T05:31:16Z"),
        ("meeting.registration_created", "2022-03-22T05:59:09Z"),
        ("meeting.ended", "2020-07-15T23:30:19Z"),
        ("recording.completed", "2021-03-18T05:41:36Z"),
        ("recording.transcript_completed", "2021-03-18T05:41:36Z"),
        ("user.created", "2019-06-01T07:58:03Z"),
    ]
}

/// Reconciles `event` over the day around `at`.
pub(crate) fn reconcile(t: &Documented, event: &str, at: &str) -> Result<Vec<WebhookEvent>, crate::error::Error> {
    let at = unix_seconds(at).unwrap();
    let request = ReconcileRequest {
        from: crate::time::format_utc(at - 43_200),
        to: crate::time::format_utc(at + 43_200),
        seen_keys: Vec::new(),
        user_id: None,
        event_names: Some(vec![event.to_owned()]),
    };
    // The meeting report reaches back six months from now: now is just after the item.
    t.set_now(Some(at + 3600));
    let result = reconcile::reconcile(&client(t), &request);
    t.set_now(None);
    result
}

/// Every poll source and every reconcile event, each on its own record of operations. A run
/// that returns nothing fails too: the documented item must be read, not skipped.
pub(crate) fn run_all(t: &Documented) -> Vec<Run> {
    let mut out = Vec::new();
    for (id, source, at) in sources() {
        t.take_hits();
        let result = poll(t, source, at).and_then(|r| match r.items.len() {
            n if n == documented_count(id) => Ok(()),
            n => Err(crate::error::Error::Unreadable(format!("{id} returned {n} items, not the documented ones"))),
        });
        out.push(Run { action: id, result, operations: t.take_hits() });
    }
    for (event, at) in recoverable() {
        t.take_hits();
        let result = reconcile(t, event, at).and_then(|e| match e.len() {
            n if n == documented_count(event) => Ok(()),
            n => Err(crate::error::Error::Unreadable(format!("reconcile {event} rebuilt {n} events"))),
        });
        out.push(Run { action: "reconcile", result, operations: t.take_hits() });
    }
    out
}
