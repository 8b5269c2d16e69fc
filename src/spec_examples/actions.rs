//! Every action of the manifest, run once on the documented answers. `plan-usage` is the one
//! left out: its operation is written by hand from outside Zoom's documents, so there is no
//! documented example to read (spec/README.md, *Plan usage (Billing API)*).

use std::collections::BTreeSet;

use super::inputs::*;
use super::{Documented, BASE};
use crate::actions::{
    call_logs, chat, chat_send, groups, licenses, meetings, panelists, past_meetings, past_polls, phone, raw,
    recording_files, recordings, registrant_status, registrants, reports, summaries, transcripts, user_settings,
    user_status, users, webinar_schedule, webinars,
};
use crate::auth::Session;
use crate::error::Error;
use crate::http::Client;
use crate::wit::chat_phone_types::{
    ChatMention, GetPhoneRecordingsInput, ListPhoneCallLogsInput, ListUserChannelsInput, MentionType,
    SendChatMessageInput,
};
use crate::wit::group_types::{AddGroupMembersInput, ListGroupsInput, NewGroupMember, RemoveGroupMemberInput};
use crate::wit::meeting_types::*;
use crate::wit::past_meeting_types::*;
use crate::wit::recording_types::*;
use crate::wit::report_types::{LicenseInventoryInput, LoginActivityInput, ReclaimInput, SetUserTypeInput};
use crate::wit::report_types::{UsageSummaryInput, UserStatusInput};
use crate::wit::types::{RegistrantAction, RegistrantRef};
use crate::wit::user_types::*;
use crate::wit::webinar_types::*;

/// Actions the runs below leave out, each with the reason.
pub(crate) const NOT_RUN: &[(&str, &str)] =
    &[("plan-usage", "getPlanUsage is hand-written; Zoom documents no example")];

/// One action run: what it returned and which operations it asked.
pub(crate) struct Run {
    pub(crate) action: &'static str,
    pub(crate) result: Result<(), Error>,
    pub(crate) operations: BTreeSet<String>,
}

type Action = (&'static str, Box<dyn Fn(&Client) -> Result<(), Error>>);

/// Drops a result's value: only whether the answer could be read matters here.
fn ok<T>(r: Result<T, Error>) -> Result<(), Error> {
    r.map(drop)
}

/// The call history of a user or of the account; the documented call must be read, not skipped.
fn call_logs_of(c: &Client, user: Option<&str>) -> Result<(), Error> {
    let input = ListPhoneCallLogsInput {
        user_id: user.map(str::to_owned),
        from: None,
        to: None,
        time_type: None,
        paging: None,
    };
    let page = call_logs::list(c, &input)?;
    match page.items.as_slice() {
        [one] if one.call_id.is_some() && one.end_time.is_some() => Ok(()),
        other => Err(Error::Unreadable(format!("the documented call history read as {other:?}"))),
    }
}

/// The client the runs use, answering from `t`.
pub(crate) fn client(t: &Documented) -> Client<'_> {
    Client::new(t, Session::bearer("t", BASE))
}

/// Runs every action below on the documented answers, each on its own record of operations.
pub(crate) fn run_all(t: &Documented) -> Vec<Run> {
    let c = client(t);
    all()
        .into_iter()
        .map(|(action, f)| {
            t.take_hits();
            let result = f(&c);
            Run { action, result, operations: t.take_hits() }
        })
        .collect()
}

pub(crate) fn all() -> Vec<Action> {
    let window = || ("2027-01-01".to_owned(), "2027-01-10".to_owned());
    let user = |id: &str| UserStatusInput { user_id: id.into() };
    vec![
        ("test-connection", Box::new(|c| ok(users::test_connection(c)))),
        ("create-meeting", Box::new(|c| ok(meetings::create(c, &create_meeting())))),
        (
            "get-meeting",
            Box::new(|c| {
                let input =
                    GetMeetingInput { meeting_id: MEETING, occurrence_id: None, show_previous_occurrences: None };
                ok(meetings::get(c, &input))
            }),
        ),
        ("update-meeting", Box::new(|c| ok(meetings::update(c, &update_meeting())))),
        (
            "delete-meeting",
            Box::new(|c| {
                let input = DeleteMeetingInput {
                    meeting_id: MEETING,
                    occurrence_id: None,
                    schedule_for_reminder: None,
                    cancel_meeting_reminder: None,
                };
                ok(meetings::delete(c, &input))
            }),
        ),
        (
            "list-meetings",
            Box::new(|c| {
                let input = ListMeetingsInput {
                    user_id: None,
                    list_type: None,
                    from: None,
                    to: None,
                    timezone: None,
                    paging: None,
                };
                ok(meetings::list(c, &input))
            }),
        ),
        (
            "get-meeting-invitation",
            Box::new(|c| ok(meetings::invitation(c, &GetMeetingInvitationInput { meeting_id: MEETING }))),
        ),
        ("add-meeting-registrant", Box::new(|c| ok(registrants::add(c, &add_meeting_registrant())))),
        (
            "list-meeting-registrants",
            Box::new(|c| {
                let input = ListMeetingRegistrantsInput {
                    meeting_id: MEETING,
                    occurrence_id: None,
                    status: None,
                    paging: None,
                };
                ok(registrants::list(c, &input))
            }),
        ),
        (
            "update-meeting-registrant-status",
            Box::new(|c| {
                let input = UpdateMeetingRegistrantStatusInput {
                    meeting_id: MEETING,
                    action: RegistrantAction::Approve,
                    registrants: vec![RegistrantRef { id: Some("9tboDiHUQAeOnbmudzWa5g".into()), email: None }],
                    occurrence_id: Some("1648194360000".into()),
                };
                ok(registrant_status::update_meeting(c, &input))
            }),
        ),
        (
            "get-meeting-recordings",
            Box::new(|c| {
                let input = GetMeetingRecordingsInput {
                    meeting_id: MEETING.to_string(),
                    include_download_token: None,
                    ttl: None,
                };
                ok(recordings::get(c, &input))
            }),
        ),
        (
            "get-meeting-transcript",
            Box::new(|c| {
                let input = GetMeetingTranscriptInput { meeting_id: MEETING.to_string(), max_bytes: None };
                let t = transcripts::get(c, &input)?;
                // The documented record says it can be downloaded, so its file is read.
                if t.cues.is_empty() {
                    return Err(Error::Unreadable(format!("no cues read: {t:?}")));
                }
                Ok(())
            }),
        ),
        (
            "download-recording-file",
            Box::new(|c| {
                let input = DownloadRecordingFileInput {
                    meeting_id: MEETING.to_string(),
                    file_id: "72576a1f-4e66-4a77-87c4-f13f9808bd76".into(),
                    max_bytes: None,
                };
                ok(recording_files::download(c, &input))
            }),
        ),
        (
            "delete-meeting-recordings",
            Box::new(|c| {
                let input = DeleteMeetingRecordingsInput { meeting_id: MEETING.to_string(), action: None };
                ok(recording_files::delete(c, &input))
            }),
        ),
        (
            "get-meeting-summary",
            Box::new(|c| {
                ok(summaries::get(c, &GetMeetingSummaryInput { meeting_id: "aDYlohsHRtCd4ii1uC2+hA==".into() }))
            }),
        ),
        (
            "list-meeting-summaries",
            Box::new(|c| {
                let input = ListMeetingSummariesInput {
                    from: Some("2023-10-19T07:00:00Z".into()),
                    to: Some("2023-10-20T07:00:00Z".into()),
                    time_filter_field: None,
                    paging: None,
                };
                ok(summaries::list(c, &input))
            }),
        ),
        (
            "get-past-meeting",
            Box::new(|c| ok(past_meetings::get(c, &GetPastMeetingInput { meeting_id: MEETING.to_string() }))),
        ),
        (
            "list-past-meeting-instances",
            Box::new(|c| ok(past_meetings::instances(c, &ListPastMeetingInstancesInput { meeting_id: MEETING }))),
        ),
        (
            "list-meeting-participants",
            Box::new(|c| {
                let input =
                    ListMeetingParticipantsInput { meeting_id: "/ab//c==".into(), detailed: None, paging: None };
                ok(past_meetings::participants(c, &input))
            }),
        ),
        (
            "list-meeting-participants",
            Box::new(|c| {
                let input = ListMeetingParticipantsInput {
                    meeting_id: MEETING.to_string(),
                    detailed: Some(true),
                    paging: None,
                };
                ok(past_meetings::participants(c, &input))
            }),
        ),
        (
            "list-past-meeting-polls",
            Box::new(|c| {
                ok(past_polls::meeting_polls(c, &ListPastMeetingPollsInput { meeting_id: "/ab//c==".into() }))
            }),
        ),
        (
            "list-webinars",
            Box::new(|c| ok(webinars::list(c, &ListWebinarsInput { user_id: None, list_type: None, paging: None }))),
        ),
        (
            "get-webinar",
            Box::new(|c| {
                let input = GetWebinarInput {
                    webinar_id: WEBINAR.to_string(),
                    occurrence_id: None,
                    show_previous_occurrences: None,
                };
                ok(webinars::get(c, &input))
            }),
        ),
        ("create-webinar", Box::new(|c| ok(webinar_schedule::create(c, &create_webinar())))),
        ("update-webinar", Box::new(|c| ok(webinar_schedule::update(c, &update_webinar())))),
        (
            "delete-webinar",
            Box::new(|c| {
                let input =
                    DeleteWebinarInput { webinar_id: WEBINAR, occurrence_id: None, cancel_webinar_reminder: None };
                ok(webinar_schedule::delete(c, &input))
            }),
        ),
        ("add-webinar-registrant", Box::new(|c| ok(webinars::add_registrant(c, &add_webinar_registrant())))),
        (
            "list-webinar-registrants",
            Box::new(|c| {
                let input = ListWebinarRegistrantsInput {
                    webinar_id: WEBINAR,
                    occurrence_id: None,
                    status: None,
                    tracking_source_id: None,
                    paging: None,
                };
                ok(webinars::list_registrants(c, &input))
            }),
        ),
        (
            "update-webinar-registrant-status",
            Box::new(|c| {
                let input = UpdateWebinarRegistrantStatusInput {
                    webinar_id: WEBINAR,
                    action: RegistrantAction::Cancel,
                    registrants: vec![RegistrantRef { id: None, email: Some("jchill@example.com".into()) }],
                    occurrence_id: None,
                };
                ok(registrant_status::update_webinar(c, &input))
            }),
        ),
        (
            "list-webinar-participants",
            Box::new(|c| {
                let input = ListWebinarParticipantsInput { webinar_id: WEBINAR.to_string(), paging: None };
                ok(webinars::list_participants(c, &input))
            }),
        ),
        (
            "list-past-webinar-polls",
            Box::new(|c| ok(past_polls::webinar_polls(c, &PastWebinarInput { webinar_id: WEBINAR.to_string() }))),
        ),
        (
            "list-past-webinar-qa",
            Box::new(|c| ok(past_polls::webinar_qa(c, &PastWebinarInput { webinar_id: WEBINAR.to_string() }))),
        ),
        (
            "list-webinar-panelists",
            Box::new(|c| ok(panelists::list(c, &ListWebinarPanelistsInput { webinar_id: WEBINAR }))),
        ),
        (
            "add-webinar-panelists",
            Box::new(|c| {
                let panelists = vec![NewPanelist {
                    name: "Jill Chill".into(),
                    email: "jchill@example.com".into(),
                    name_tag_name: Some("Jill".into()),
                }];
                ok(panelists::add(c, &AddWebinarPanelistsInput { webinar_id: WEBINAR, panelists }))
            }),
        ),
        (
            "remove-webinar-panelist",
            Box::new(|c| {
                let input =
                    RemoveWebinarPanelistInput { webinar_id: WEBINAR, panelist_id: "vb3MnsDmQrqDVsvG4WBgzw".into() };
                ok(panelists::remove(c, &input))
            }),
        ),
        (
            "list-webinar-absentees",
            Box::new(|c| {
                let input =
                    ListWebinarAbsenteesInput { webinar_id: WEBINAR.to_string(), occurrence_id: None, paging: None };
                ok(webinars::list_absentees(c, &input))
            }),
        ),
        ("create-user", Box::new(|c| ok(users::create(c, &create_user())))),
        (
            "get-user",
            Box::new(|c| ok(users::get(c, &GetUserInput { user_id: None, login_type: None, encrypted_email: None }))),
        ),
        ("update-user", Box::new(|c| ok(users::update(c, &update_user())))),
        (
            "delete-user",
            Box::new(|c| {
                let input = DeleteUserInput {
                    user_id: "KDcuGIm1QgePTO8WbOqwIQ".into(),
                    action: None,
                    transfer_email: None,
                    transfer_meeting: None,
                    transfer_webinar: None,
                    transfer_recording: None,
                    transfer_whiteboard: None,
                    encrypted_email: None,
                };
                ok(users::delete(c, &input))
            }),
        ),
        (
            "list-users",
            Box::new(|c| {
                let input =
                    ListUsersInput { status: None, role_id: None, include_field: None, license: None, paging: None };
                ok(users::list(c, &input))
            }),
        ),
        (
            "get-user-settings",
            Box::new(|c| {
                let input = GetUserSettingsInput { user_id: None, option: None, custom_query_fields: None };
                ok(user_settings::get(c, &input))
            }),
        ),
        (
            "update-user-settings",
            Box::new(|c| {
                let input = UpdateUserSettingsInput {
                    user_id: None,
                    option: None,
                    settings: r#"{"in_meeting": {"chat": true}}"#.into(),
                };
                ok(user_settings::update(c, &input))
            }),
        ),
        (
            "list-user-channels",
            Box::new(|c| ok(chat::channels(c, &ListUserChannelsInput { user_id: None, paging: None }))),
        ),
        ("list-user-chat-messages", Box::new(|c| ok(chat::messages(c, &chat_messages())))),
        (
            "send-chat-message",
            Box::new(|c| {
                let input = SendChatMessageInput {
                    user_id: None,
                    message: "@Jill Chill Hello".into(),
                    to_contact: None,
                    to_channel: Some("825c9e31f1064c73b394c5e4557d3447".into()),
                    at_items: Some(vec![ChatMention {
                        at_type: MentionType::Contact,
                        start_position: 0,
                        end_position: 10,
                        at_contact: Some("jchill@example.com".into()),
                    }]),
                    reply_main_message_id: None,
                };
                ok(chat_send::send(c, &input))
            }),
        ),
        ("list-groups", Box::new(|c| ok(groups::list(c, &ListGroupsInput { paging: None })))),
        (
            "add-group-members",
            Box::new(|c| {
                let members = vec![NewGroupMember { id: Some("v4iyWT1LTfy8QvPG4GTvdg".into()), email: None }];
                ok(groups::add(c, &AddGroupMembersInput { group_id: "SobVexyrQjqCkcxjpBWi6w".into(), members }))
            }),
        ),
        (
            "remove-group-member",
            Box::new(|c| {
                let input = RemoveGroupMemberInput {
                    group_id: "SobVexyrQjqCkcxjpBWi6w".into(),
                    member_id: "-cn1DHGRRTSOlnVwyZNhKw".into(),
                };
                ok(groups::remove(c, &input))
            }),
        ),
        (
            "get-phone-recordings",
            Box::new(|c| {
                let input = GetPhoneRecordingsInput { user_id: None, from: None, to: None, paging: None };
                ok(phone::recordings(c, &input))
            }),
        ),
        ("list-phone-call-logs", Box::new(|c| call_logs_of(c, Some("me")))),
        ("list-phone-call-logs", Box::new(|c| call_logs_of(c, None))),
        ("raw-request", Box::new(|c| ok(raw::send(c, &raw_get("/past_meetings/85746065432/participants"))))),
        ("raw-request", Box::new(|c| ok(raw::send(c, &raw_get("/report/meetings/85746065432/participants"))))),
        ("raw-request", Box::new(|c| ok(raw::send(c, &raw_get("/metrics/crc"))))),
        ("raw-request", Box::new(|c| ok(raw::send(c, &raw_get("/metrics/webinars/95204914252/participants"))))),
        (
            "license-inventory",
            Box::new(|c| ok(licenses::inventory(c, &LicenseInventoryInput { include_inactive: Some(true) }))),
        ),
        (
            "login-activity",
            Box::new(move |c| {
                ok(reports::login_activity(c, &LoginActivityInput { from: window().0, to: Some(window().1) }))
            }),
        ),
        (
            "usage-summary",
            Box::new(move |c| ok(reports::usage_summary(c, &UsageSummaryInput { from: window().0, to: window().1 }))),
        ),
        (
            "set-user-type",
            Box::new(|c| {
                let input =
                    SetUserTypeInput { user_id: "KDcuGIm1QgePTO8WbOqwIQ".into(), user_type: UserType::Licensed };
                ok(user_status::set_type(c, &input))
            }),
        ),
        ("deactivate-user", Box::new(move |c| ok(user_status::deactivate(c, &user("KDcuGIm1QgePTO8WbOqwIQ"))))),
        ("activate-user", Box::new(move |c| ok(user_status::activate(c, &user("KDcuGIm1QgePTO8WbOqwIQ"))))),
        (
            "reclaim-inactive-licenses",
            Box::new(|c| ok(licenses::reclaim(c, &ReclaimInput { days: 30, dry_run: Some(false) }))),
        ),
    ]
}
