//! What the generator knows about fields: which hold emails, JSON text, dates and date-times,
//! their character limits, which must not be blank, and integer ranges.

use wasmtime::component::Type;

pub(super) const EMAIL_KEYS: &[&str] = &["email", "transfer_email"];
pub(super) const JSON_KEYS: &[&str] = &["extra_settings", "extra_fields", "settings", "body"];

/// Keys that hold `yyyy-MM-dd` dates in `action`.
pub(super) fn is_date_key(action: &str, key: &str) -> bool {
    matches!(
        (action, key),
        ("list-meetings", "from" | "to")
            | ("get-phone-recordings" | "list-phone-call-logs", "from" | "to")
            | ("login-activity" | "usage-summary", "from" | "to")
            | ("list-user-chat-messages", "date")
    )
}

/// Keys that hold ISO-8601 date-times in `action`.
pub(super) fn is_date_time_key(action: &str, key: &str) -> bool {
    matches!(key, "start_time" | "end_date_time")
        || (matches!(action, "list-user-chat-messages" | "list-meeting-summaries") && matches!(key, "from" | "to"))
}

/// Character limits the WIT documents (or the component enforces) per top-level field.
pub(super) fn char_limit(action: &str, key: &str) -> Option<usize> {
    Some(match (action, key) {
        // Zoom's webinar schema caps neither.
        ("create-webinar" | "update-webinar", "topic" | "agenda") => return None,
        (_, "topic") => 200,
        (_, "agenda") => 2000,
        ("create-meeting" | "update-meeting" | "create-webinar" | "update-webinar", "password") => 10,
        ("create-user", "password") => 32,
        (_, "first_name" | "last_name") => 64,
        (_, "display_name") => 128,
        (_, "email" | "transfer_email") => 128,
        (_, "user_id") => 128,
        (
            "get-meeting-recordings" | "get-past-meeting" | "list-meeting-participants" | "list-past-meeting-polls",
            "meeting_id",
        ) => 128,
        (
            "get-meeting-transcript" | "download-recording-file" | "delete-meeting-recordings" | "get-meeting-summary",
            "meeting_id",
        ) => 128,
        ("download-recording-file", "file_id") => 128,
        (
            "get-webinar"
            | "list-webinar-participants"
            | "list-past-webinar-polls"
            | "list-past-webinar-qa"
            | "list-webinar-absentees",
            "webinar_id",
        ) => 128,
        _ => return None,
    })
}

/// Top-level string fields that must not be blank.
pub(super) fn must_not_be_blank(action: &str, key: &str) -> bool {
    matches!(
        (action, key),
        (_, "email")
            | ("add-meeting-registrant" | "add-webinar-registrant", "first_name")
            | ("delete-user", "user_id")
            | ("set-user-type" | "deactivate-user" | "activate-user", "user_id")
            | (
                "get-meeting-recordings" | "get-past-meeting" | "list-meeting-participants" | "list-past-meeting-polls",
                "meeting_id"
            )
            | (
                "get-meeting-transcript"
                    | "download-recording-file"
                    | "delete-meeting-recordings"
                    | "get-meeting-summary",
                "meeting_id"
            )
            | ("download-recording-file", "file_id")
            | (
                "get-webinar"
                    | "list-webinar-participants"
                    | "list-past-webinar-polls"
                    | "list-past-webinar-qa"
                    | "list-webinar-absentees",
                "webinar_id"
            )
            | ("raw-request", "path")
            | ("update-user-settings", "settings")
    )
}

pub(super) fn unwrap_option(ty: &Type) -> Type {
    match ty {
        Type::Option(o) => unwrap_option(&o.ty()),
        t => t.clone(),
    }
}

pub(super) fn int_max(ty: &Type) -> Option<u64> {
    Some(match ty {
        Type::U8 => u8::MAX.into(),
        Type::U16 => u16::MAX.into(),
        Type::U32 => u32::MAX.into(),
        Type::U64 => u64::MAX,
        _ => return None,
    })
}
