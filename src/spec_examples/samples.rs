//! Every trigger's samples on the documented answers, the clock just after the documented item:
//! the item comes back typed as the trigger emits it, and the events the documented answers do
//! not show are Zoom's documented webhook examples.

use super::actions::{client, Run};
use super::triggers::{documented_count, recoverable, sources};
use super::Documented;
use crate::error::Error;
use crate::time::unix_seconds;
use crate::triggers::sample::sample;
use crate::triggers::{events, reconcile};
use crate::wit::triggers::{SampleRequest, TriggerSample};

/// Samples (up to 50) of `id` an hour after `at`.
fn run(t: &Documented, id: &str, at: &str) -> Result<Vec<TriggerSample>, Error> {
    let now = unix_seconds(at).unwrap() + 3600;
    // The meeting report's reach is counted from the transport's clock.
    t.set_now(Some(now));
    let request = SampleRequest { trigger_id: id.to_owned(), max: 50, now_unix_seconds: Some(now) };
    let result = sample(&client(t), &request, now);
    t.set_now(None);
    result
}

fn unreadable(what: String) -> Error {
    Error::Unreadable(what)
}

/// Each polling trigger, and the webhook and reconcile at the time of each event reconcile
/// rebuilds; a run fails when the documented item is not among the samples.
pub(crate) fn run_all(t: &Documented) -> Vec<Run> {
    let mut out = Vec::new();
    for (id, _, at) in sources() {
        t.take_hits();
        let result = run(t, id, at).and_then(|samples| {
            let polled = samples.iter().filter(|s| matches!(s, TriggerSample::Polled(_))).count();
            match (samples.len(), polled) {
                (n, p) if n == documented_count(id) && p == n => Ok(()),
                (n, p) => Err(unreadable(format!("sample {id} gave {n} samples ({p} polled items)"))),
            }
        });
        out.push(Run { action: id, result, operations: t.take_hits() });
    }
    for (event, at) in recoverable() {
        for (trigger, families) in [("webhook", events::MODELLED), ("reconcile", reconcile::RECOVERABLE)] {
            t.take_hits();
            let result = run(t, trigger, at).and_then(|samples| {
                let events: Vec<_> = samples
                    .into_iter()
                    .filter_map(|s| match s {
                        TriggerSample::Event(e) => Some(e),
                        TriggerSample::Polled(_) => None,
                    })
                    .collect();
                let names: Vec<&str> = events.iter().map(|e| e.name.as_str()).collect();
                if names.get(..families.len()) != Some(families) {
                    return Err(unreadable(format!("sample {trigger} at {at} gave {names:?}")));
                }
                let the = &events[families.iter().position(|f| f == &event).unwrap()];
                match (the.key.starts_with("example:"), documented_count(event)) {
                    (true, 0) | (false, 1) => Ok(()),
                    (example, _) => Err(unreadable(format!("sample {trigger}: {event} is an example: {example}"))),
                }
            });
            out.push(Run { action: trigger, result, operations: t.take_hits() });
        }
    }
    out
}
