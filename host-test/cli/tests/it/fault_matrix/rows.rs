//! The rows of the fault matrix: every action (raw-request twice), the method and answer of its
//! first request, the codes an unknown id may get, and the page size of lists. Their inputs
//! against a fresh simulator are made by `prepare`.

/// What the first request of an action answers when nothing goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum First {
    /// A JSON body the action reads fields or a list from.
    ReadsJson,
    /// A JSON body the action hands back whole (raw-request, the settings object).
    PassesJson,
    /// 204 without a body (PATCH, DELETE).
    NoContent,
}

/// One row of the matrix.
pub struct Row {
    /// Row label; the action id, except for the two raw-request rows.
    pub name: &'static str,
    pub action: &'static str,
    /// Method of the first request (the one the fault is injected on).
    pub method: &'static str,
    pub first: First,
    /// Zoom codes an unknown id may answer with; `None` when the action takes no id.
    pub not_found: Option<&'static [i64]>,
    /// Item page size for the fetch-all check; `None` for actions that are not lists.
    pub list_page_size: Option<u32>,
}

impl Row {
    pub fn writes(&self) -> bool {
        self.method == "POST"
    }
}

const MEETING: &[i64] = &[3001];
const RECORDING: &[i64] = &[3301, 3001];
const TRANSCRIPT: &[i64] = &[3322];
const WEBINAR: &[i64] = &[3001];
const USER: &[i64] = &[1001];
/// The call history answers an unknown user with 404 and code 300, as its spec lists.
const PHONE_USER: &[i64] = &[300];
/// A channel, and a group, that does not exist.
const CHANNEL: &[i64] = &[4130];
const GROUP: &[i64] = &[4130];

const fn row(
    name: &'static str,
    action: &'static str,
    method: &'static str,
    first: First,
    not_found: Option<&'static [i64]>,
    list_page_size: Option<u32>,
) -> Row {
    Row { name, action, method, first, not_found, list_page_size }
}

use First::{NoContent, PassesJson, ReadsJson};

pub const ROWS: &[Row] = &[
    row("test-connection", "test-connection", "GET", ReadsJson, None, None),
    row("create-meeting", "create-meeting", "POST", ReadsJson, Some(USER), None),
    row("get-meeting", "get-meeting", "GET", ReadsJson, Some(MEETING), None),
    row("update-meeting", "update-meeting", "PATCH", NoContent, Some(MEETING), None),
    row("delete-meeting", "delete-meeting", "DELETE", NoContent, Some(MEETING), None),
    row("list-meetings", "list-meetings", "GET", ReadsJson, Some(USER), Some(1)),
    row("get-meeting-invitation", "get-meeting-invitation", "GET", ReadsJson, Some(MEETING), None),
    row("add-meeting-registrant", "add-meeting-registrant", "POST", ReadsJson, Some(MEETING), None),
    row("list-meeting-registrants", "list-meeting-registrants", "GET", ReadsJson, Some(MEETING), Some(1)),
    row("update-meeting-registrant-status", "update-meeting-registrant-status", "PUT", NoContent, Some(MEETING), None),
    row("get-meeting-recordings", "get-meeting-recordings", "GET", ReadsJson, Some(RECORDING), None),
    row("get-meeting-transcript", "get-meeting-transcript", "GET", ReadsJson, Some(TRANSCRIPT), None),
    row("download-recording-file", "download-recording-file", "GET", ReadsJson, Some(RECORDING), None),
    row("delete-meeting-recordings", "delete-meeting-recordings", "DELETE", NoContent, Some(RECORDING), None),
    row("get-meeting-summary", "get-meeting-summary", "GET", ReadsJson, Some(MEETING), None),
    row("list-meeting-summaries", "list-meeting-summaries", "GET", ReadsJson, None, Some(1)),
    row("get-past-meeting", "get-past-meeting", "GET", ReadsJson, Some(MEETING), None),
    row("list-past-meeting-instances", "list-past-meeting-instances", "GET", ReadsJson, Some(MEETING), None),
    row("list-meeting-participants", "list-meeting-participants", "GET", ReadsJson, Some(MEETING), Some(1)),
    row("list-past-meeting-polls", "list-past-meeting-polls", "GET", ReadsJson, Some(MEETING), None),
    row("list-webinars", "list-webinars", "GET", ReadsJson, Some(USER), Some(1)),
    row("get-webinar", "get-webinar", "GET", ReadsJson, Some(WEBINAR), None),
    row("create-webinar", "create-webinar", "POST", ReadsJson, Some(USER), None),
    row("update-webinar", "update-webinar", "PATCH", NoContent, Some(WEBINAR), None),
    row("delete-webinar", "delete-webinar", "DELETE", NoContent, Some(WEBINAR), None),
    row("add-webinar-registrant", "add-webinar-registrant", "POST", ReadsJson, Some(WEBINAR), None),
    row("list-webinar-registrants", "list-webinar-registrants", "GET", ReadsJson, Some(WEBINAR), Some(1)),
    row("update-webinar-registrant-status", "update-webinar-registrant-status", "PUT", NoContent, Some(WEBINAR), None),
    row("list-webinar-participants", "list-webinar-participants", "GET", ReadsJson, Some(WEBINAR), Some(2)),
    row("list-past-webinar-polls", "list-past-webinar-polls", "GET", ReadsJson, Some(WEBINAR), None),
    row("list-past-webinar-qa", "list-past-webinar-qa", "GET", ReadsJson, Some(WEBINAR), None),
    row("list-webinar-panelists", "list-webinar-panelists", "GET", ReadsJson, Some(WEBINAR), None),
    row("add-webinar-panelists", "add-webinar-panelists", "POST", ReadsJson, Some(WEBINAR), None),
    row("remove-webinar-panelist", "remove-webinar-panelist", "DELETE", NoContent, Some(WEBINAR), None),
    row("list-webinar-absentees", "list-webinar-absentees", "GET", ReadsJson, Some(WEBINAR), Some(1)),
    row("create-user", "create-user", "POST", ReadsJson, None, None),
    row("get-user", "get-user", "GET", ReadsJson, Some(USER), None),
    row("update-user", "update-user", "PATCH", NoContent, Some(USER), None),
    row("delete-user", "delete-user", "DELETE", NoContent, Some(USER), None),
    row("list-users", "list-users", "GET", ReadsJson, None, Some(2)),
    row("get-user-settings", "get-user-settings", "GET", PassesJson, Some(USER), None),
    row("update-user-settings", "update-user-settings", "PATCH", NoContent, Some(USER), None),
    row("list-user-channels", "list-user-channels", "GET", ReadsJson, Some(USER), Some(3)),
    row("list-user-chat-messages", "list-user-chat-messages", "GET", ReadsJson, Some(USER), Some(2)),
    row("send-chat-message", "send-chat-message", "POST", ReadsJson, Some(CHANNEL), None),
    row("list-groups", "list-groups", "GET", ReadsJson, None, Some(1)),
    row("add-group-members", "add-group-members", "POST", ReadsJson, Some(GROUP), None),
    row("remove-group-member", "remove-group-member", "DELETE", NoContent, Some(GROUP), None),
    row("get-phone-recordings", "get-phone-recordings", "GET", ReadsJson, Some(USER), Some(2)),
    row("list-phone-call-logs", "list-phone-call-logs", "GET", ReadsJson, Some(PHONE_USER), Some(5)),
    row("raw-request GET", "raw-request", "GET", PassesJson, Some(USER), None),
    row("raw-request POST", "raw-request", "POST", PassesJson, Some(USER), None),
    row("license-inventory", "license-inventory", "GET", ReadsJson, None, None),
    row("login-activity", "login-activity", "GET", ReadsJson, None, None),
    row("usage-summary", "usage-summary", "GET", ReadsJson, None, None),
    row("plan-usage", "plan-usage", "GET", ReadsJson, None, None),
    row("set-user-type", "set-user-type", "PATCH", NoContent, Some(USER), None),
    row("deactivate-user", "deactivate-user", "PUT", NoContent, Some(USER), None),
    row("activate-user", "activate-user", "PUT", NoContent, Some(USER), None),
    row("reclaim-inactive-licenses", "reclaim-inactive-licenses", "GET", ReadsJson, None, None),
];
