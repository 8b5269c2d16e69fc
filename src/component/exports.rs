//! The `actions`, `triggers`, `manifest` and `options` exports. Every action goes through [`run`],
//! so each one builds its client the same way and no error leaves without its secrets scrubbed.

use super::wasi_transport::WasiTransport;
use super::Component;
use crate::actions::{
    call_logs, chat, chat_send, groups, licenses, meetings, panelists, past_meetings, past_polls, phone, plans, raw,
    recording_files, recordings, registrant_status, registrants, reports, summaries, transcripts, user_settings,
    user_status, users, webinar_schedule, webinars,
};
use crate::auth::Session;
use crate::error::Error;
use crate::http::{Client, Transport};
use crate::manifest;
use crate::options;
use crate::triggers::{polling, reconcile, sample, webhook};
use crate::wit::actions::Guest as Actions;
use crate::wit::chat_phone_types::*;
use crate::wit::group_types::*;
use crate::wit::manifest::{ActionInfo, ConnectionKind, Guest as Manifest, TriggerInfo};
use crate::wit::meeting_types::*;
use crate::wit::options::{Guest as Options, OptionPage, OptionRequest};
use crate::wit::past_meeting_types::*;
use crate::wit::poll_types::{PollRequest, PollResult, ReconcileRequest};
use crate::wit::raw_types::{ConnectionInfo, RawRequestInput, RawResponse};
use crate::wit::recording_types::*;
use crate::wit::report_types::*;
use crate::wit::triggers::{
    Guest as Triggers, SampleRequest, TriggerSample, WebhookConfig, WebhookEvent, WebhookOutcome, WebhookRequest,
};
use crate::wit::types::{Connection, Meeting, MeetingPage, RegistrantPage, RegistrantStatusResult, ZoomError};
use crate::wit::user_types::*;
use crate::wit::webinar_types::*;

fn run<T>(conn: &Connection, action: impl FnOnce(&Client) -> Result<T, Error>) -> Result<T, ZoomError> {
    let client = client(conn)?;
    action(&client).map_err(|e| scrubbed(&client, e))
}

// The parts of `run` that do not depend on the action, kept out of line so the ~35 copies of
// `run` share one of each (inlined, they cost about 3 KB per action in the component).
#[inline(never)]
fn client(conn: &Connection) -> Result<Client<'static>, ZoomError> {
    let session = Session::from_connection(conn).map_err(ZoomError::from)?;
    Ok(Client::new(&WasiTransport, session))
}

#[inline(never)]
fn scrubbed(client: &Client, e: Error) -> ZoomError {
    let secrets = client.session.secrets();
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    e.scrubbed(&refs).into()
}

// One line per action: the WIT signature on the left, the resource module on the right.
macro_rules! actions {
    ($($name:ident($input:ty) -> $output:ty => $handler:path;)*) => {
        $(fn $name(conn: Connection, input: $input) -> Result<$output, ZoomError> {
            run(&conn, |c| $handler(c, &input))
        })*
    };
}

impl Actions for Component {
    fn test_connection(conn: Connection) -> Result<ConnectionInfo, ZoomError> {
        run(&conn, users::test_connection)
    }

    actions! {
        create_meeting(CreateMeetingInput) -> Meeting => meetings::create;
        get_meeting(GetMeetingInput) -> Meeting => meetings::get;
        update_meeting(UpdateMeetingInput) -> Meeting => meetings::update;
        delete_meeting(DeleteMeetingInput) -> DeletedMeeting => meetings::delete;
        list_meetings(ListMeetingsInput) -> MeetingPage => meetings::list;
        get_meeting_invitation(GetMeetingInvitationInput) -> Invitation => meetings::invitation;
        add_meeting_registrant(AddMeetingRegistrantInput) -> Registration => registrants::add;
        list_meeting_registrants(ListMeetingRegistrantsInput) -> RegistrantPage => registrants::list;
        update_meeting_registrant_status(UpdateMeetingRegistrantStatusInput) -> RegistrantStatusResult => registrant_status::update_meeting;
        get_meeting_recordings(GetMeetingRecordingsInput) -> Recording => recordings::get;
        get_meeting_transcript(GetMeetingTranscriptInput) -> MeetingTranscript => transcripts::get;
        download_recording_file(DownloadRecordingFileInput) -> RecordingFileContent => recording_files::download;
        delete_meeting_recordings(DeleteMeetingRecordingsInput) -> DeletedRecordings => recording_files::delete;
        get_meeting_summary(GetMeetingSummaryInput) -> MeetingSummary => summaries::get;
        list_meeting_summaries(ListMeetingSummariesInput) -> MeetingSummaryPage => summaries::list;
        get_past_meeting(GetPastMeetingInput) -> PastMeeting => past_meetings::get;
        list_past_meeting_instances(ListPastMeetingInstancesInput) -> PastMeetingInstances => past_meetings::instances;
        list_meeting_participants(ListMeetingParticipantsInput) -> ParticipantPage => past_meetings::participants;
        list_past_meeting_polls(ListPastMeetingPollsInput) -> PastPollResults => past_polls::meeting_polls;
        list_webinars(ListWebinarsInput) -> WebinarPage => webinars::list;
        get_webinar(GetWebinarInput) -> Webinar => webinars::get;
        create_webinar(CreateWebinarInput) -> Webinar => webinar_schedule::create;
        update_webinar(UpdateWebinarInput) -> Webinar => webinar_schedule::update;
        delete_webinar(DeleteWebinarInput) -> DeletedWebinar => webinar_schedule::delete;
        add_webinar_registrant(AddWebinarRegistrantInput) -> WebinarRegistration => webinars::add_registrant;
        list_webinar_registrants(ListWebinarRegistrantsInput) -> RegistrantPage => webinars::list_registrants;
        update_webinar_registrant_status(UpdateWebinarRegistrantStatusInput) -> RegistrantStatusResult => registrant_status::update_webinar;
        list_webinar_participants(ListWebinarParticipantsInput) -> ParticipantPage => webinars::list_participants;
        list_past_webinar_polls(PastWebinarInput) -> PastPollResults => past_polls::webinar_polls;
        list_past_webinar_qa(PastWebinarInput) -> PastQa => past_polls::webinar_qa;
        list_webinar_panelists(ListWebinarPanelistsInput) -> PanelistList => panelists::list;
        add_webinar_panelists(AddWebinarPanelistsInput) -> AddedPanelists => panelists::add;
        remove_webinar_panelist(RemoveWebinarPanelistInput) -> RemovedPanelist => panelists::remove;
        list_webinar_absentees(ListWebinarAbsenteesInput) -> RegistrantPage => webinars::list_absentees;
        create_user(CreateUserInput) -> CreatedUser => users::create;
        get_user(GetUserInput) -> User => users::get;
        update_user(UpdateUserInput) -> User => users::update;
        delete_user(DeleteUserInput) -> DeletedUser => users::delete;
        list_users(ListUsersInput) -> UserPage => users::list;
        get_user_settings(GetUserSettingsInput) -> UserSettings => user_settings::get;
        update_user_settings(UpdateUserSettingsInput) -> UserSettings => user_settings::update;
        list_user_channels(ListUserChannelsInput) -> ChannelPage => chat::channels;
        list_user_chat_messages(ListUserChatMessagesInput) -> ChatMessagePage => chat::messages;
        send_chat_message(SendChatMessageInput) -> SentChatMessage => chat_send::send;
        list_groups(ListGroupsInput) -> GroupPage => groups::list;
        add_group_members(AddGroupMembersInput) -> AddedGroupMembers => groups::add;
        remove_group_member(RemoveGroupMemberInput) -> RemovedGroupMember => groups::remove;
        get_phone_recordings(GetPhoneRecordingsInput) -> PhoneRecordingPage => phone::recordings;
        list_phone_call_logs(ListPhoneCallLogsInput) -> PhoneCallLogPage => call_logs::list;
        raw_request(RawRequestInput) -> RawResponse => raw::send;
        license_inventory(LicenseInventoryInput) -> LicenseInventoryReport => licenses::inventory;
        login_activity(LoginActivityInput) -> LoginActivityReport => reports::login_activity;
        usage_summary(UsageSummaryInput) -> UsageSummaryReport => reports::usage_summary;
        plan_usage(PlanUsageInput) -> PlanUsageReport => plans::usage;
        set_user_type(SetUserTypeInput) -> User => user_status::set_type;
        deactivate_user(UserStatusInput) -> User => user_status::deactivate;
        activate_user(UserStatusInput) -> User => user_status::activate;
        reclaim_inactive_licenses(ReclaimInput) -> ReclaimResult => licenses::reclaim;
    }
}

impl Triggers for Component {
    fn webhook(request: WebhookRequest, config: WebhookConfig) -> WebhookOutcome {
        let now = config.now_unix_seconds.unwrap_or_else(|| WasiTransport.now_unix());
        webhook::handle(&request, &config, now)
    }

    fn poll(conn: Connection, request: PollRequest) -> Result<PollResult, ZoomError> {
        let now = request.now_unix_seconds.unwrap_or_else(|| WasiTransport.now_unix());
        run(&conn, |c| polling::poll(c, &request, now))
    }

    fn reconcile(conn: Connection, request: ReconcileRequest) -> Result<Vec<WebhookEvent>, ZoomError> {
        run(&conn, |c| reconcile::reconcile(c, &request))
    }

    fn sample(conn: Connection, request: SampleRequest) -> Result<Vec<TriggerSample>, ZoomError> {
        run(&conn, |c| sample::sample(c, &request, WasiTransport.now_unix()))
    }
}

impl Manifest for Component {
    fn describe() -> Vec<ActionInfo> {
        manifest::describe()
    }

    fn connection_kinds() -> Vec<ConnectionKind> {
        manifest::connection_kinds()
    }

    fn triggers() -> Vec<TriggerInfo> {
        manifest::triggers::triggers()
    }
}

impl Options for Component {
    fn options(conn: Connection, request: OptionRequest) -> Result<OptionPage, ZoomError> {
        run(&conn, |c| options::options(c, &request))
    }
}
