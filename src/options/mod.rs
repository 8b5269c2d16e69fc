//! Dynamic options: which inputs offer a dropdown, and the values in it. One table ([`source_of`])
//! decides both what the manifest marks (`has-options`) and what `options.options` answers, so the
//! two cannot drift apart.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::http::Client;
use crate::manifest;
use crate::wit::options::{OptionItem, OptionPage, OptionRequest};

mod sources;
#[cfg(test)]
mod tests;
mod timezones;

/// Items per page when the request names none, and the most it may ask for.
const DEFAULT_PAGE_SIZE: u32 = 30;
const MAX_PAGE_SIZE: u32 = 100;

/// Actions whose `meeting_id` takes an ended instance's UUID (or a meeting id, meaning its latest
/// instance): they are offered ended instances, never upcoming meetings.
const ENDED_INSTANCE_ACTIONS: &[&str] = &[
    "get-past-meeting",
    "list-meeting-participants",
    "list-past-meeting-polls",
    "get-meeting-recordings",
    "get-meeting-transcript",
    "get-meeting-summary",
    "download-recording-file",
    "delete-meeting-recordings",
];
/// Actions whose integer `meeting_id` must be a meeting that has ended.
const ENDED_MEETING_ACTIONS: &[&str] = &["list-past-meeting-instances"];
/// Actions that read webinars that already took place: offered every unexpired webinar, not
/// only upcoming ones.
const PAST_WEBINAR_ACTIONS: &[&str] =
    &["list-webinar-participants", "list-past-webinar-polls", "list-past-webinar-qa", "list-webinar-absentees"];

/// Where the options of one input come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The account's users; the value is the user id, or the email for `schedule_for` and
    /// `transfer_email`.
    Users { by_email: bool },
    /// The chosen user's upcoming meetings.
    UpcomingMeetings,
    /// Ended instances of the last 30 days: the value is the instance UUID.
    EndedInstances,
    /// Meetings with an ended instance in the last 30 days: the value is the meeting id.
    EndedMeetings,
    /// Occurrences of the chosen meeting.
    MeetingOccurrences,
    /// Occurrences of the chosen webinar.
    WebinarOccurrences,
    /// The chosen user's webinars: upcoming only, or every unexpired one.
    Webinars { upcoming: bool },
    /// Registrants of the chosen meeting.
    MeetingRegistrants,
    /// Registrants of the chosen webinar.
    WebinarRegistrants,
    /// Panelists of the chosen webinar.
    Panelists,
    /// The chosen user's chat channels.
    Channels,
    /// The account's groups.
    Groups,
    /// Zoom's timezone ids (offline).
    Timezones,
}

/// The source of `field`'s options in `action`, when it has any. Only inputs the action has
/// are looked up.
pub(crate) fn source_of(action: &str, field: &str) -> Option<Source> {
    let inputs = manifest::input_names(action)?;
    if !inputs.contains(&field) {
        return None;
    }
    let has = |name: &str| inputs.contains(&name);
    Some(match field {
        "user_id" => Source::Users { by_email: false },
        // Both take a user of the account by email: who to schedule for, who inherits the data.
        "schedule_for" | "transfer_email" => Source::Users { by_email: true },
        "meeting_id" if ENDED_INSTANCE_ACTIONS.contains(&action) => Source::EndedInstances,
        "meeting_id" if ENDED_MEETING_ACTIONS.contains(&action) => Source::EndedMeetings,
        "meeting_id" => Source::UpcomingMeetings,
        "occurrence_id" | "occurrence_ids" if has("meeting_id") => Source::MeetingOccurrences,
        "occurrence_id" | "occurrence_ids" if has("webinar_id") => Source::WebinarOccurrences,
        "webinar_id" => Source::Webinars { upcoming: !PAST_WEBINAR_ACTIONS.contains(&action) },
        "registrants" if has("meeting_id") => Source::MeetingRegistrants,
        "registrants" if has("webinar_id") => Source::WebinarRegistrants,
        "panelist_id" if has("webinar_id") => Source::Panelists,
        "channel_id" | "to_channel" => Source::Channels,
        "group_id" => Source::Groups,
        "timezone" => Source::Timezones,
        _ => return None,
    })
}

/// What a source needs of the request, checked before anything is sent.
pub(crate) struct Ask<'a> {
    pub(crate) chosen: Map<String, Value>,
    pub(crate) cursor: Option<&'a str>,
    pub(crate) page_size: u32,
    /// The search text in lower case; `None` when blank.
    pub(crate) search: Option<String>,
    pub(crate) now: u64,
}

impl Ask<'_> {
    /// A chosen value as text (a number or a non-blank string), or `invalid-input` naming the
    /// input to choose first.
    pub(crate) fn required(&self, name: &str, needed_by: &str) -> Result<String, Error> {
        self.optional(name).ok_or_else(|| {
            Error::invalid(name, format!("choose {name} first: the options of {needed_by} depend on it"))
        })
    }

    /// A chosen value as text, when one was chosen.
    pub(crate) fn optional(&self, name: &str) -> Option<String> {
        match self.chosen.get(name)? {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        }
    }
}

/// `options.options`: one bounded page of `request.field`'s options.
pub(crate) fn options(client: &Client, request: &OptionRequest) -> Result<OptionPage, Error> {
    if manifest::input_names(&request.action).is_none() {
        return Err(Error::invalid("action", format!("{:?} is not an action", request.action)));
    }
    let source = source_of(&request.action, &request.field).ok_or_else(|| {
        Error::invalid("field", format!("{} has no input {:?} with options", request.action, request.field))
    })?;
    let page_size = request.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(Error::invalid("page_size", format!("must be 1 to {MAX_PAGE_SIZE}")));
    }
    let chosen = match request.chosen.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => Map::new(),
        Some(text) => match serde_json::from_str(text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(Error::invalid("chosen", "must be the JSON object text of the values already chosen")),
        },
    };
    let cursor = request.cursor.as_deref().filter(|c| !c.trim().is_empty());
    let search = request.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_lowercase);
    let ask = Ask { chosen, cursor, page_size, search, now: client.transport.now_unix() };
    sources::fetch(client, source, &request.field, &ask)
}

impl Ask<'_> {
    /// Whether `item`'s value, label or detail contains the search text, ignoring case.
    pub(crate) fn matches(&self, item: &OptionItem) -> bool {
        let Some(needle) = &self.search else { return true };
        [Some(&item.value), Some(&item.label), item.detail.as_ref()]
            .into_iter()
            .flatten()
            .any(|text| text.to_lowercase().contains(needle.as_str()))
    }
}
