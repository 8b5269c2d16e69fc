//! The trigger catalogue `manifest.triggers` returns: one entry per way a recipe can start.
//! Scopes come from Zoom's spec through the operation each trigger lists.

use super::{schemas, scopes_of};
use crate::triggers::{events, reconcile};
use crate::wit::manifest::{TriggerInfo, TriggerKind};

/// Polling sources: the `poll-source` case, a label, what it yields, and the operation it lists.
const SOURCES: &[(&str, &str, &str, &str)] = &[
    ("new-meetings", "New meeting", "A meeting is scheduled by the user.", "meetings"),
    (
        "new-recordings",
        "New cloud recording",
        "Every file of a cloud recording has finished processing.",
        "recordingsList",
    ),
    ("new-meeting-registrants", "New meeting registrant", "Someone registers for the meeting.", "meetingRegistrants"),
    ("new-webinar-registrants", "New webinar registrant", "Someone registers for the webinar.", "webinarRegistrants"),
    ("new-users", "New user", "A user is added to the account (active or pending).", "users"),
    ("sign-in-activity", "Sign-in or sign-out", "A user signs in or out of Zoom.", "reportSignInSignOutActivities"),
    (
        "new-ended-meetings",
        "Meeting ended",
        "A meeting the user hosted has ended (two or more participants, as the meeting report lists them).",
        "reportMeetings",
    ),
    (
        "new-transcripts",
        "New transcript",
        "The audio transcript of one of the user's cloud recordings has finished.",
        "recordingsList",
    ),
    (
        "new-phone-calls",
        "Phone call ended",
        "A Zoom Phone call of the user, or of the whole account, has ended.",
        "phoneUserCallHistory",
    ),
];

/// Operations `reconcile` lists to rebuild missed events.
const RECOVERY_OPERATIONS: &[&str] = &["meetings", "meetingRegistrants", "reportMeetings", "recordingsList", "users"];

/// The Zoom operations each polling or recovery trigger lists, by trigger id.
#[cfg(test)]
pub(crate) fn trigger_operations() -> Vec<(String, Vec<&'static str>)> {
    let mut out: Vec<(String, Vec<&str>)> =
        SOURCES.iter().map(|(case, _, _, op)| (format!("poll:{case}"), vec![*op])).collect();
    out.push(("reconcile".to_owned(), RECOVERY_OPERATIONS.to_vec()));
    out
}

pub(crate) fn triggers() -> Vec<TriggerInfo> {
    let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut out = vec![TriggerInfo {
        id: "webhook".to_owned(),
        label: "Zoom event (webhook)".to_owned(),
        description: "Zoom delivers a signed event; it is verified over the raw body and typed.".to_owned(),
        kind: TriggerKind::Webhook,
        events: strings(events::MODELLED),
        scopes: Vec::new(),
        input_schema: String::new(),
        output_schema: String::new(),
    }];
    out.extend(SOURCES.iter().map(|(case, label, description, op)| TriggerInfo {
        id: format!("poll:{case}"),
        label: (*label).to_owned(),
        description: (*description).to_owned(),
        kind: TriggerKind::Polling,
        events: Vec::new(),
        scopes: scopes_of(op),
        input_schema: String::new(),
        output_schema: String::new(),
    }));
    let mut scopes: Vec<String> = Vec::new();
    for op in RECOVERY_OPERATIONS {
        for s in scopes_of(op) {
            if !scopes.contains(&s) {
                scopes.push(s);
            }
        }
    }
    out.push(TriggerInfo {
        id: "reconcile".to_owned(),
        label: "Missed Zoom events".to_owned(),
        description: "Events of a window that Zoom's API shows but the webhook never delivered.".to_owned(),
        kind: TriggerKind::Recovery,
        events: strings(reconcile::RECOVERABLE),
        scopes,
        input_schema: String::new(),
        output_schema: String::new(),
    });
    for t in &mut out {
        let pair = schemas::of(&t.id);
        t.input_schema = pair.input.to_owned();
        t.output_schema = pair.output.to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_calls_operations_the_spec_knows() {
        let all = triggers();
        assert_eq!(all.len(), 1 + SOURCES.len() + 1);
        for t in &all[1..] {
            assert!(!t.scopes.is_empty(), "{} has no scopes", t.id);
        }
        assert!(all[0].events.contains(&"recording.completed".to_owned()));
    }
}
