//! The actions table: what neither the WIT nor Zoom's spec says about an action (its label,
//! effect, the Zoom operations it calls, and input defaults), in catalogue order.

/// What only this table knows about an action.
pub(crate) struct Entry {
    pub(crate) id: &'static str,
    pub(crate) label: &'static str,
    pub(crate) effect: Effect,
    /// Zoom operation ids it calls; the first decides the scopes.
    pub(crate) operations: &'static [&'static str],
    /// Inputs with a default, and the default.
    pub(crate) defaults: &'static [(&'static str, &'static str)],
}

/// What running an action does to Zoom, as the manifest's annotations say it.
#[derive(Clone, Copy)]
pub(crate) struct Effect {
    pub(crate) read_only: bool,
    pub(crate) destructive: bool,
    pub(crate) idempotent: bool,
}

const READ: Effect = Effect { read_only: true, destructive: false, idempotent: true };
const CREATE: Effect = Effect { read_only: false, destructive: false, idempotent: false };
const UPDATE: Effect = Effect { read_only: false, destructive: true, idempotent: true };
const DELETE: Effect = Effect { read_only: false, destructive: true, idempotent: true };
const PAGING: (&str, &str) = ("paging", "all pages");

/// Inputs that switch an action to another Zoom operation when set, so need that operation's
/// scopes too: (action, input, operation).
pub(crate) const INPUT_ROUTES: &[(&str, &str, &str)] =
    &[("list-meeting-participants", "detailed", "reportMeetingParticipants")];

/// Catalogue order.
pub(crate) const ENTRIES: &[Entry] = &[
    Entry { id: "test-connection", label: "Test Connection", effect: READ, operations: &["user"], defaults: &[] },
    Entry {
        id: "create-meeting",
        label: "Create Meeting",
        effect: CREATE,
        operations: &["meetingCreate"],
        defaults: &[
            ("user_id", "me"),
            ("meeting_type", "scheduled"),
            ("settings.approval_type", "no_registration"),
            ("settings.registration_type", "once_for_all"),
            ("settings.audio", "both"),
            ("settings.auto_recording", "none"),
        ],
    },
    Entry { id: "get-meeting", label: "Get Meeting", effect: READ, operations: &["meeting"], defaults: &[] },
    Entry {
        id: "update-meeting",
        label: "Update Meeting",
        effect: UPDATE,
        operations: &["meetingUpdate", "meeting"],
        defaults: &[],
    },
    Entry {
        id: "delete-meeting",
        label: "Delete Meeting",
        effect: DELETE,
        operations: &["meetingDelete"],
        defaults: &[],
    },
    Entry {
        id: "list-meetings",
        label: "List Meetings",
        effect: READ,
        operations: &["meetings"],
        defaults: &[("user_id", "me"), ("list_type", "scheduled"), PAGING],
    },
    Entry {
        id: "get-meeting-invitation",
        label: "Get Meeting Invitation",
        effect: READ,
        operations: &["meetingInvitation"],
        defaults: &[],
    },
    Entry {
        id: "add-meeting-registrant",
        label: "Add Meeting Registrant",
        effect: CREATE,
        operations: &["meetingRegistrantCreate"],
        defaults: &[],
    },
    Entry {
        id: "list-meeting-registrants",
        label: "List Meeting Registrants",
        effect: READ,
        operations: &["meetingRegistrants"],
        defaults: &[("status", "approved"), PAGING],
    },
    Entry {
        id: "update-meeting-registrant-status",
        label: "Update Meeting Registrant Status",
        effect: UPDATE,
        operations: &["meetingRegistrantStatus"],
        defaults: &[],
    },
    Entry {
        id: "get-meeting-recordings",
        label: "Get Meeting Recordings",
        effect: READ,
        operations: &["recordingGet"],
        defaults: &[],
    },
    Entry {
        id: "get-past-meeting",
        label: "Get Past Meeting",
        effect: READ,
        operations: &["pastMeetingDetails"],
        defaults: &[],
    },
    Entry {
        id: "list-past-meeting-instances",
        label: "List Past Meeting Instances",
        effect: READ,
        operations: &["pastMeetings"],
        defaults: &[],
    },
    Entry {
        id: "list-meeting-participants",
        label: "List Meeting Participants",
        effect: READ,
        operations: &["pastMeetingParticipants", "reportMeetingParticipants"],
        defaults: &[("detailed", "false"), PAGING],
    },
    Entry {
        id: "list-past-meeting-polls",
        label: "List Past Meeting Polls",
        effect: READ,
        operations: &["listPastMeetingPolls"],
        defaults: &[],
    },
    Entry {
        id: "list-webinars",
        label: "List Webinars",
        effect: READ,
        operations: &["webinars"],
        defaults: &[("user_id", "me"), ("list_type", "scheduled"), PAGING],
    },
    Entry { id: "get-webinar", label: "Get Webinar", effect: READ, operations: &["webinar"], defaults: &[] },
    Entry {
        id: "create-webinar",
        label: "Create Webinar",
        effect: CREATE,
        operations: &["webinarCreate"],
        defaults: &[
            ("user_id", "me"),
            ("webinar_type", "webinar"),
            ("settings.approval_type", "no_registration"),
            ("settings.registration_type", "once_for_all"),
            ("settings.audio", "both"),
            ("settings.auto_recording", "none"),
        ],
    },
    Entry {
        id: "update-webinar",
        label: "Update Webinar",
        effect: UPDATE,
        operations: &["webinarUpdate", "webinar"],
        defaults: &[],
    },
    Entry {
        id: "delete-webinar",
        label: "Delete Webinar",
        effect: DELETE,
        operations: &["webinarDelete"],
        defaults: &[],
    },
    Entry {
        id: "add-webinar-registrant",
        label: "Add Webinar Registrant",
        effect: CREATE,
        operations: &["webinarRegistrantCreate"],
        defaults: &[],
    },
    Entry {
        id: "list-webinar-registrants",
        label: "List Webinar Registrants",
        effect: READ,
        operations: &["webinarRegistrants"],
        defaults: &[("status", "approved"), PAGING],
    },
    Entry {
        id: "update-webinar-registrant-status",
        label: "Update Webinar Registrant Status",
        effect: UPDATE,
        operations: &["webinarRegistrantStatus"],
        defaults: &[],
    },
    Entry {
        id: "list-webinar-participants",
        label: "List Webinar Participants",
        effect: READ,
        operations: &["listWebinarParticipants"],
        defaults: &[PAGING],
    },
    Entry {
        id: "list-past-webinar-polls",
        label: "List Past Webinar Polls",
        effect: READ,
        operations: &["listPastWebinarPollResults"],
        defaults: &[],
    },
    Entry {
        id: "list-past-webinar-qa",
        label: "List Past Webinar Q&A",
        effect: READ,
        operations: &["listPastWebinarQA"],
        defaults: &[],
    },
    Entry {
        id: "list-webinar-panelists",
        label: "List Webinar Panelists",
        effect: READ,
        operations: &["webinarPanelists"],
        defaults: &[],
    },
    Entry {
        id: "add-webinar-panelists",
        label: "Add Webinar Panelists",
        effect: CREATE,
        operations: &["webinarPanelistCreate"],
        defaults: &[],
    },
    Entry {
        id: "remove-webinar-panelist",
        label: "Remove Webinar Panelist",
        effect: DELETE,
        operations: &["webinarPanelistDelete"],
        defaults: &[],
    },
    Entry {
        id: "list-webinar-absentees",
        label: "List Webinar Absentees",
        effect: READ,
        operations: &["webinarAbsentees"],
        defaults: &[PAGING],
    },
    Entry { id: "create-user", label: "Create User", effect: CREATE, operations: &["userCreate"], defaults: &[] },
    Entry { id: "get-user", label: "Get User", effect: READ, operations: &["user"], defaults: &[("user_id", "me")] },
    Entry {
        id: "update-user",
        label: "Update User",
        effect: UPDATE,
        operations: &["userUpdate", "user"],
        defaults: &[("user_id", "me")],
    },
    Entry {
        id: "delete-user",
        label: "Delete User",
        effect: DELETE,
        operations: &["userDelete"],
        defaults: &[("action", "disassociate")],
    },
    Entry {
        id: "list-users",
        label: "List Users",
        effect: READ,
        operations: &["users"],
        defaults: &[("status", "active"), PAGING],
    },
    Entry {
        id: "get-user-settings",
        label: "Get User Settings",
        effect: READ,
        operations: &["userSettings"],
        defaults: &[("user_id", "me")],
    },
    Entry {
        id: "update-user-settings",
        label: "Update User Settings",
        effect: UPDATE,
        operations: &["userSettingsUpdate", "userSettings"],
        defaults: &[("user_id", "me")],
    },
    Entry {
        id: "list-user-channels",
        label: "List User's Channels",
        effect: READ,
        operations: &["getChannels"],
        defaults: &[("user_id", "me"), PAGING],
    },
    Entry {
        id: "list-user-chat-messages",
        label: "List User's Chat Messages",
        effect: READ,
        operations: &["getChatMessages"],
        defaults: &[("user_id", "me"), PAGING],
    },
    Entry {
        id: "send-chat-message",
        label: "Send Chat Message",
        effect: CREATE,
        operations: &["sendaChatMessage"],
        defaults: &[("user_id", "me")],
    },
    Entry { id: "list-groups", label: "List Groups", effect: READ, operations: &["groups"], defaults: &[PAGING] },
    Entry {
        id: "add-group-members",
        label: "Add Group Members",
        // Adding users a group already has leaves it as it was.
        effect: Effect { read_only: false, destructive: false, idempotent: true },
        operations: &["groupMembersCreate"],
        defaults: &[],
    },
    Entry {
        id: "remove-group-member",
        label: "Remove Group Member",
        effect: DELETE,
        operations: &["groupMembersDelete"],
        defaults: &[],
    },
    Entry {
        id: "get-phone-recordings",
        label: "Get Phone Recordings",
        effect: READ,
        operations: &["phoneUserRecordings"],
        defaults: &[("user_id", "me"), ("from", "30 days ago"), PAGING],
    },
    Entry {
        id: "list-phone-call-logs",
        label: "List Phone Call Logs",
        effect: READ,
        // The user route first: its scopes are the account route's plus the user-level ones.
        operations: &["phoneUserCallHistory", "accountCallHistory"],
        defaults: &[("user_id", "the whole account"), ("from", "24 hours ago"), ("time_type", "start_time"), PAGING],
    },
    Entry {
        id: "raw-request",
        label: "Raw Request",
        effect: Effect { read_only: false, destructive: true, idempotent: false },
        operations: &[],
        defaults: &[
            ("response_type", "json"),
            ("timeout_seconds", "30"),
            ("max_retries", "3"),
            ("retry_delay_ms", "250"),
            ("exponential_backoff", "true"),
            ("retry_on_all_errors", "false"),
        ],
    },
    Entry {
        id: "license-inventory",
        label: "License Inventory",
        effect: READ,
        operations: &["users"],
        defaults: &[("include_inactive", "false")],
    },
    Entry {
        id: "login-activity",
        label: "Login Activity",
        effect: READ,
        operations: &["reportSignInSignOutActivities"],
        defaults: &[("to", "today")],
    },
    Entry {
        id: "usage-summary",
        label: "Usage Summary",
        effect: READ,
        operations: &[
            "reportDaily",
            "reportCloudRecording",
            "reportUsers",
            "dashboardWebinars",
            "dashboardZoomRooms",
            "getPhoneRecordings",
        ],
        defaults: &[],
    },
    Entry {
        id: "plan-usage",
        label: "Plan Usage",
        effect: READ,
        operations: &["getPlanUsage"],
        defaults: &[("account_id", "me")],
    },
    Entry {
        id: "set-user-type",
        label: "Set User Type",
        effect: UPDATE,
        operations: &["userUpdate", "user"],
        defaults: &[],
    },
    Entry {
        id: "deactivate-user",
        label: "Deactivate User",
        effect: UPDATE,
        operations: &["userStatus", "user"],
        defaults: &[],
    },
    Entry {
        id: "activate-user",
        label: "Activate User",
        effect: UPDATE,
        operations: &["userStatus", "user"],
        defaults: &[],
    },
    Entry {
        id: "reclaim-inactive-licenses",
        label: "Reclaim Inactive Licenses",
        effect: Effect { read_only: false, destructive: true, idempotent: true },
        operations: &["users", "userUpdate"],
        defaults: &[("dry_run", "true")],
    },
];
