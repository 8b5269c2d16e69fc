//! The operations the simulator serves, keyed by method and path template as
//! in `spec/operations.json`, with their Rate Limit Label and scopes. A token
//! minted with an explicit scope list must hold one of an operation's scopes
//! (granular or classic, any one suffices) or Zoom answers 400/4711 naming the
//! first granular scope. Tokens from `/oauth/token` carry their app's scopes:
//! every scope unless `Simulator::set_app_scopes` narrowed the app. Legacy
//! JWTs carry every scope.

use super::errors;
use super::oauth;
use super::server::{Request, Response};
use super::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rate {
    Light,
    Medium,
    Heavy,
}

impl Rate {
    /// The `X-RateLimit-Category` header value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rate::Light => "Light",
            Rate::Medium => "Medium",
            Rate::Heavy => "Heavy",
        }
    }
}

pub(crate) struct Operation {
    pub method: &'static str,
    pub template: &'static str,
    pub rate: Rate,
    /// In the spec's order: the first one is what a 4711 message names.
    pub granular: &'static [&'static str],
    pub classic: &'static [&'static str],
}

const fn op(
    method: &'static str,
    template: &'static str,
    rate: Rate,
    granular: &'static [&'static str],
    classic: &'static [&'static str],
) -> Operation {
    Operation { method, template, rate, granular, classic }
}

use Rate::{Heavy, Light, Medium};

const USER_READ: &[&str] = &["user:read", "user:write", "user:read:admin", "user:write:admin"];
const USER_WRITE: &[&str] = &["user:write:admin", "user:write"];
const MEETING_READ: &[&str] = &["meeting:read", "meeting:read:admin"];
const MEETING_WRITE: &[&str] = &["meeting:write:admin", "meeting:write"];
const WEBINAR_READ: &[&str] = &["webinar:read:admin", "webinar:read"];

pub(crate) const OPERATIONS: &[Operation] = &[
    op("GET", "/users", Medium, &["user:read:list_users:admin"], USER_READ),
    op("POST", "/users", Light, &["user:write:user:admin"], &["user:write", "user:write:admin"]),
    op(
        "GET",
        "/users/{userId}",
        Light,
        &["user:read:user", "user:read:user:admin"],
        &["user:read", "user:write", "user:read:admin", "user:write:admin", "user_profile", "user_info:read"],
    ),
    op("PATCH", "/users/{userId}", Light, &["user:update:user", "user:update:user:admin"], USER_WRITE),
    op("DELETE", "/users/{userId}", Light, &["user:delete:user", "user:delete:user:admin"], USER_WRITE),
    op("GET", "/users/{userId}/settings", Medium, &["user:read:settings", "user:read:settings:admin"], USER_READ),
    op(
        "PATCH",
        "/users/{userId}/settings",
        Medium,
        &["user:update:settings", "user:update:settings:admin"],
        USER_WRITE,
    ),
    op(
        "GET",
        "/users/{userId}/meetings",
        Medium,
        &["meeting:read:list_meetings", "meeting:read:list_meetings:admin"],
        &["meeting:read:admin", "meeting:read"],
    ),
    op(
        "POST",
        "/users/{userId}/meetings",
        Light,
        &["meeting:write:meeting", "meeting:write:meeting:admin"],
        MEETING_WRITE,
    ),
    op("GET", "/meetings/{meetingId}", Light, &["meeting:read:meeting", "meeting:read:meeting:admin"], MEETING_READ),
    op(
        "PATCH",
        "/meetings/{meetingId}",
        Light,
        &["meeting:update:meeting:admin", "meeting:update:meeting"],
        &["meeting:write", "meeting:write:admin"],
    ),
    op(
        "DELETE",
        "/meetings/{meetingId}",
        Light,
        &["meeting:delete:meeting", "meeting:delete:meeting:admin"],
        MEETING_WRITE,
    ),
    op(
        "GET",
        "/meetings/{meetingId}/invitation",
        Light,
        &["meeting:read:invitation", "meeting:read:invitation:admin"],
        MEETING_READ,
    ),
    op(
        "GET",
        "/meetings/{meetingId}/registrants",
        Medium,
        &["meeting:read:list_registrants", "meeting:read:list_registrants:admin"],
        &["meeting:read:admin", "meeting:read"],
    ),
    op(
        "POST",
        "/meetings/{meetingId}/registrants",
        Light,
        &["meeting:write:registrant", "meeting:write:registrant:admin"],
        MEETING_WRITE,
    ),
    op(
        "GET",
        "/webinars/{webinarId}/panelists",
        Medium,
        &["webinar:read:list_panelists", "webinar:read:list_panelists:admin"],
        WEBINAR_READ,
    ),
    op(
        "POST",
        "/webinars/{webinarId}/panelists",
        Medium,
        &["webinar:write:panelist", "webinar:write:panelist:admin"],
        &["webinar:write:admin", "webinar:write"],
    ),
    op(
        "DELETE",
        "/webinars/{webinarId}/panelists/{panelistId}",
        Light,
        &["webinar:delete:panelist", "webinar:delete:panelist:admin"],
        &["webinar:write:admin", "webinar:write"],
    ),
    op(
        "PUT",
        "/meetings/{meetingId}/registrants/status",
        Medium,
        &["meeting:update:registrant_status", "meeting:update:registrant_status:admin"],
        &["meeting:write:admin", "meeting:write"],
    ),
    op(
        "GET",
        "/meetings/{meetingId}/recordings",
        Light,
        &[
            "cloud_recording:read:list_recording_files:admin",
            "cloud_recording:read:list_recording_files",
            "cloud_recording:read:list_recording_files:master",
        ],
        &["recording:read", "phone_recording:read:admin"],
    ),
    op(
        "DELETE",
        "/meetings/{meetingId}/recordings",
        Light,
        &[
            "cloud_recording:delete:meeting_recording",
            "cloud_recording:delete:meeting_recording:admin",
            "cloud_recording:delete:meeting_recording:master",
        ],
        &["recording:write:admin", "recording:write"],
    ),
    op(
        "GET",
        "/meetings/{meetingId}/transcript",
        Medium,
        &["cloud_recording:read:meeting_transcript", "cloud_recording:read:meeting_transcript:admin"],
        &["recording:read", "recording:write", "recording:read:admin", "recording:write:admin"],
    ),
    op(
        "GET",
        "/meetings/{meetingId}/meeting_summary",
        Light,
        &["meeting:read:summary", "meeting:read:summary:admin"],
        &["meeting_summary:read", "meeting_summary:read:admin"],
    ),
    op(
        "GET",
        "/meetings/meeting_summaries",
        Medium,
        &["meeting:read:list_summaries:admin"],
        &["meeting_summary:read:admin"],
    ),
    op(
        "GET",
        "/users/{userId}/recordings",
        Medium,
        &[
            "cloud_recording:read:list_user_recordings",
            "cloud_recording:read:list_user_recordings:master",
            "cloud_recording:read:list_user_recordings:admin",
        ],
        &["recording:read:admin", "recording:read"],
    ),
    op(
        "GET",
        "/users/{userId}/webinars",
        Medium,
        &["webinar:read:list_webinars", "webinar:read:list_webinars:admin"],
        WEBINAR_READ,
    ),
    op("GET", "/webinars/{webinarId}", Light, &["webinar:read:webinar", "webinar:read:webinar:admin"], WEBINAR_READ),
    op(
        "POST",
        "/users/{userId}/webinars",
        Light,
        &["webinar:write:webinar", "webinar:write:webinar:admin"],
        &["webinar:write", "webinar:write:admin"],
    ),
    op(
        "PATCH",
        "/webinars/{webinarId}",
        Light,
        &["webinar:update:webinar", "webinar:update:webinar:admin"],
        &["webinar:write", "webinar:write:admin"],
    ),
    op(
        "DELETE",
        "/webinars/{webinarId}",
        Light,
        &["webinar:delete:webinar", "webinar:delete:webinar:admin"],
        &["webinar:write:admin", "webinar:write"],
    ),
    op(
        "GET",
        "/past_webinars/{webinarId}/absentees",
        Heavy,
        &["webinar:read:list_absentees", "webinar:read:list_absentees:admin"],
        WEBINAR_READ,
    ),
    op(
        "GET",
        "/webinars/{webinarId}/registrants",
        Medium,
        &["webinar:read:list_registrants", "webinar:read:list_registrants:admin"],
        WEBINAR_READ,
    ),
    op(
        "POST",
        "/webinars/{webinarId}/registrants",
        Light,
        &["webinar:write:registrant", "webinar:write:registrant:admin"],
        &["webinar:write:admin", "webinar:write"],
    ),
    op(
        "PUT",
        "/webinars/{webinarId}/registrants/status",
        Medium,
        &["webinar:update:registrant_status", "webinar:update:registrant_status:admin"],
        &["webinar:write:admin", "webinar:write"],
    ),
    op(
        "GET",
        "/past_webinars/{webinarId}/participants",
        Medium,
        &["webinar:read:list_past_participants:admin", "webinar:read:list_past_participants"],
        WEBINAR_READ,
    ),
    op(
        "GET",
        "/past_meetings/{meetingId}",
        Light,
        &["meeting:read:past_meeting", "meeting:read:past_meeting:admin"],
        MEETING_READ,
    ),
    op(
        "GET",
        "/past_meetings/{meetingId}/instances",
        Medium,
        &["meeting:read:list_past_instances", "meeting:read:list_past_instances:admin"],
        MEETING_READ,
    ),
    op(
        "GET",
        "/past_meetings/{meetingId}/participants",
        Medium,
        &["meeting:read:list_past_participants", "meeting:read:list_past_participants:admin"],
        MEETING_READ,
    ),
    op(
        "GET",
        "/past_meetings/{meetingId}/polls",
        Medium,
        &["meeting:read:list_poll_results", "meeting:read:list_poll_results:admin"],
        MEETING_READ,
    ),
    op(
        "GET",
        "/past_webinars/{webinarId}/polls",
        Medium,
        &["webinar:read:list_past_polls", "webinar:read:list_past_polls:admin"],
        WEBINAR_READ,
    ),
    op(
        "GET",
        "/past_webinars/{webinarId}/qa",
        Medium,
        &["webinar:read:past_qa", "webinar:read:past_qa:admin"],
        WEBINAR_READ,
    ),
    op(
        "GET",
        "/chat/users/{userId}/channels",
        Medium,
        &["team_chat:read:list_user_channels", "team_chat:read:list_user_channels:admin"],
        &["chat_channel:read", "chat_channel:write", "chat_channel:read:admin", "chat_channel:write:admin"],
    ),
    op(
        "GET",
        "/chat/users/{userId}/messages",
        Medium,
        &["team_chat:read:list_user_messages", "team_chat:read:list_user_messages:admin"],
        &["chat_message:read", "chat_message:write", "chat_message:read:admin", "chat_message:write:admin"],
    ),
    op(
        "POST",
        "/chat/users/{userId}/messages",
        Medium,
        &["team_chat:write:user_message", "team_chat:write:user_message:admin"],
        &["chat_message:write", "chat_message:write:admin"],
    ),
    op("GET", "/groups", Medium, &["group:read:list_groups:admin"], &["group:read:admin", "group:write:admin"]),
    op("POST", "/groups/{groupId}/members", Medium, &["group:write:member:admin"], &["group:write:admin"]),
    op("DELETE", "/groups/{groupId}/members/{memberId}", Light, &["group:delete:member:admin"], &["group:write:admin"]),
    op(
        "GET",
        "/phone/users/{userId}/recordings",
        Medium,
        &["phone:read:list_recordings", "phone:read:list_recordings:admin"],
        &["phone:read", "phone:read:admin", "phone_recording:read", "phone_recording:read:admin"],
    ),
    op("GET", "/report/activities", Heavy, &["report:read:user_activities:admin"], &["report:read:admin"]),
    op("PUT", "/users/{userId}/status", Light, &["user:update:status", "user:update:status:admin"], USER_WRITE),
    // The spec gives these two reports no granular scope.
    op("GET", "/report/daily", Heavy, &[], &["report:read:admin"]),
    op("GET", "/report/cloud_recording", Heavy, &[], &["report:read:admin"]),
    op(
        "GET",
        "/report/meetings/{meetingId}/participants",
        Heavy,
        &["report:read:list_meeting_participants:admin"],
        &["report:read:admin"],
    ),
    op("GET", "/report/users/{userId}/meetings", Heavy, &["report:read:user:admin"], &["report:read:admin"]),
    op("GET", "/report/users", Heavy, &["report:read:list_users:admin"], &["report:read:admin"]),
    op(
        "GET",
        "/metrics/webinars",
        Heavy,
        &["dashboard:read:list_webinars:admin"],
        &["dashboard_webinars:read:admin", "dashboard:read:admin"],
    ),
    op(
        "GET",
        "/metrics/zoomrooms",
        Heavy,
        &["dashboard:read:list_zoomrooms:admin"],
        &["dashboard_zr:read:admin", "dashboard:read:admin"],
    ),
    op(
        "GET",
        "/phone/recordings",
        Medium,
        &["phone:read:list_call_recordings:admin"],
        &["phone:read:admin", "phone_recording:read:admin"],
    ),
    op(
        "GET",
        "/phone/users/{userId}/call_history",
        Medium,
        &["phone:read:list_call_logs:admin", "phone:read:list_call_logs"],
        &["phone:read:admin", "phone_call_log:read"],
    ),
    op(
        "GET",
        "/phone/call_history",
        Heavy,
        &["phone:read:list_call_logs:admin"],
        &["phone:read:admin", "phone_call_log:read:admin"],
    ),
    // Not in the vendored specs: spec/README.md, *Plan usage (Billing API)*; the
    // granular scope is unverified there.
    op(
        "GET",
        "/accounts/{accountId}/plans/usage",
        Heavy,
        &["billing:read:plan_usage:admin"],
        &["account:read:admin", "billing:master"],
    ),
];

pub(crate) fn find(method: &str, template: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.method == method && o.template == template)
}

/// What the token endpoint reports in `scope`: the account-level (`:admin`)
/// granular scope of every operation, as an S2S app configured for all of
/// them would get.
pub(crate) fn granted() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    // An operation with no granular scope (two reports) is reached through its classic one.
    let scopes = OPERATIONS.iter().flat_map(|o| if o.granular.is_empty() { o.classic } else { o.granular });
    for s in scopes.filter(|s| s.ends_with(":admin")) {
        if !out.contains(s) {
            out.push(s);
        }
    }
    out
}

/// Runs after the bearer check, so the token is known to be valid.
pub(crate) fn check(store: &Store, req: &Request, op: &Operation) -> Result<(), Response> {
    let Some(held) = oauth::bearer(req).and_then(|t| store.tokens.scopes(t)) else {
        return Ok(());
    };
    let covered = op.granular.iter().chain(op.classic).any(|s| held.iter().any(|h| h == s));
    if covered {
        return Ok(());
    }
    let named = op.granular.first().or(op.classic.first()).copied().unwrap_or_default();
    Err(errors::missing_scope(named))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_unique_and_every_operation_has_a_granular_scope() {
        for (i, a) in OPERATIONS.iter().enumerate() {
            let no_granular_in_spec = ["/report/daily", "/report/cloud_recording"].contains(&a.template);
            assert!(!a.granular.is_empty() || no_granular_in_spec, "{} {}", a.method, a.template);
            assert!(!a.classic.is_empty(), "{} {}", a.method, a.template);
            assert!(OPERATIONS[i + 1..].iter().all(|b| (b.method, b.template) != (a.method, a.template)));
        }
    }

    #[test]
    fn granted_lists_admin_scopes_once() {
        let g = granted();
        assert!(g.contains(&"meeting:write:registrant:admin"));
        assert!(g.contains(&"phone:read:list_recordings:admin"));
        assert!(g.iter().all(|s| s.ends_with(":admin")));
        let mut dedup = g.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), g.len());
    }
}
