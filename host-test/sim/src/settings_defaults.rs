//! The settings a user starts with (field names from the `GET/PATCH
//! /users/{userId}/settings` schemas, spec `userSettings` and
//! `userSettingsUpdate`). Only a representative part of each group is modelled;
//! `PATCH` type-checks keys against what is here. The stored object keeps the
//! default body under `groups` and the three `option=` bodies under their
//! option names.

use serde_json::{json, Value};

/// Top-level groups of the default (no `option`) body, in Zoom's order.
pub(crate) const GROUPS: &[&str] = &[
    "schedule_meeting",
    "in_meeting",
    "email_notification",
    "recording",
    "telephony",
    "feature",
    "tsp",
    "profile",
    "audio_conferencing",
    "whiteboard",
];

/// Licence-derived values follow the user: Basic users get the free meeting
/// capacity and no cloud recording; the flags come from the account's plan.
pub(crate) fn for_user(user: &Value, zoom_phone: bool, webinar: bool) -> Value {
    let licensed = user["type"] == 2;
    let groups = json!({
        "schedule_meeting": {
            "audio_type": "both",
            "host_video": false,
            "participants_video": false,
            "join_before_host": false,
            "embed_password_in_join_link": true,
            "force_pmi_jbh_password": false,
            "personal_meeting": false,
            "pmi_password": "",
            "default_password_for_scheduled_meetings": "",
            "pstn_password_protected": true,
            "require_password_for_instant_meetings": true,
            "require_password_for_pmi_meetings": "all",
            "require_password_for_scheduled_meetings": true,
            "require_password_for_scheduling_new_meetings": true,
            "use_pmi_for_instant_meetings": false,
            "use_pmi_for_scheduled_meetings": false,
            "meeting_password_requirement": password_rules(6)
        },
        "in_meeting": in_meeting(),
        "email_notification": {
            "alternative_host_reminder": true,
            "cancel_meeting_reminder": true,
            "cloud_recording_available_reminder": licensed,
            "jbh_reminder": true,
            "recording_available_reminder_alternative_hosts": false,
            "recording_available_reminder_schedulers": true,
            "schedule_for_reminder": true
        },
        "recording": {
            "local_recording": true,
            "cloud_recording": licensed,
            "auto_recording": "none",
            "record_speaker_view": true,
            "record_gallery_view": false,
            "record_audio_file": true,
            "save_chat_text": true,
            "show_timestamp": true,
            "recording_audio_transcript": licensed,
            "host_pause_stop_recording": false,
            "auto_delete_cmr": false,
            "auto_delete_cmr_days": 30,
            "display_participant_name": true,
            "recording_thumbnails": true,
            "save_poll_results": false,
            "save_close_caption": false,
            "save_panelist_chat": false,
            "ask_host_to_confirm_disclaimer": false,
            "ask_participants_to_consent_disclaimer": false,
            "record_files_separately": {"active_speaker": false, "gallery_view": false, "shared_screen": false},
            "ip_address_access_control": {"enable": false, "ip_addresses_or_ranges": ""},
            "recording_password_requirement": password_rules(8)
        },
        "telephony": {
            "third_party_audio": false,
            "audio_conference_info": "",
            "show_international_numbers_link": true,
            "telephony_regions": {"allowed_values": ["USTC"], "selection_values": "USTC"}
        },
        "feature": {
            "meeting_capacity": if licensed { 300 } else { 100 },
            "large_meeting": false,
            "webinar": webinar,
            "webinar_capacity": if webinar { 500 } else { 0 },
            "zoom_events": false,
            "zoom_phone": zoom_phone,
            "concurrent_meeting": if licensed { "Basic" } else { "None" },
            "cn_meeting": false,
            "in_meeting": false,
            "zoom_whiteboard": true,
            "zoom_docs": false
        },
        "tsp": {"call_out": false, "call_out_countries": [], "show_international_numbers_link": true},
        "profile": {"recording_storage_location": {"allowed_values": ["US"], "value": "US"}},
        "audio_conferencing": {
            "personal_audio_conference": false,
            "participant_phone_masking": {"enable": false},
            "toll_free_and_fee_based_toll_call": {"enable": false, "numbers": [], "allow_webinar_attendees_dial": false}
        },
        "whiteboard": {"out_meeting_advanced_whiteboard": false, "in_meeting_advanced_whiteboard": false}
    });
    json!({
        "groups": groups,
        "meeting_authentication": {
            "meeting_authentication": false,
            "authentication_options": [auth_option("signIn_MTgzNjM0", "Sign in to Zoom", "enforce_login")]
        },
        "recording_authentication": {
            "recording_authentication": false,
            "authentication_options": [auth_option("internally_NTI3MTA2", "Internal users", "internally")]
        },
        "meeting_security": {"meeting_security": meeting_security()}
    })
}

fn password_rules(length: i64) -> Value {
    json!({
        "length": length,
        "have_letter": false,
        "have_number": true,
        "have_special_character": false,
        "only_allow_numeric": false,
        "have_upper_and_lower_characters": false,
        "consecutive_characters_length": 0,
        "weak_enhance_detection": false
    })
}

fn auth_option(id: &str, name: &str, kind: &str) -> Value {
    json!({"id": id, "name": name, "type": kind, "default_option": true, "domains": "", "visible": true})
}

fn in_meeting() -> Value {
    json!({
        "chat": true,
        "private_chat": true,
        "auto_saving_chat": false,
        "entry_exit_chime": "all",
        "file_transfer": true,
        "feedback": false,
        "post_meeting_feedback": false,
        "co_host": true,
        "polling": true,
        "attendee_on_hold": false,
        "annotation": true,
        "remote_control": true,
        "non_verbal_feedback": true,
        "breakout_room": true,
        "remote_support": false,
        "closed_caption": true,
        "group_hd": false,
        "virtual_background": true,
        "far_end_camera_control": false,
        "waiting_room": true,
        "allow_live_streaming": false,
        "custom_live_streaming_service": false,
        "custom_service_instructions": "",
        "screen_sharing": true,
        "who_can_share_screen": "host",
        "who_can_share_screen_when_someone_is_sharing": "host",
        "participants_share_simultaneously": "one",
        "allow_participants_chat_with": 4,
        "allow_users_save_chats": 2,
        "meeting_reactions": true,
        "meeting_reactions_emojis": "all",
        "data_center_regions": [],
        "join_from_mobile": true,
        "join_from_desktop": true,
        "request_permission_to_unmute_participants": false,
        "whiteboard": true,
        "virtual_background_settings": {"enable": true, "allow_videos": true, "allow_upload_custom": true, "files": []}
    })
}

fn meeting_security() -> Value {
    json!({
        "auto_security": true,
        "block_user_domain": false,
        "block_user_domain_list": [],
        "embed_password_in_join_link": true,
        "encryption_type": "enhanced_encryption",
        "end_to_end_encrypted_meetings": false,
        "meeting_password": true,
        "only_authenticated_can_join_from_webclient": false,
        "phone_password": true,
        "pmi_password": false,
        "require_password_for_scheduled_meeting": true,
        "require_password_for_scheduled_webinar": false,
        "waiting_room": true,
        "webinar_password": false,
        "meeting_password_requirement": password_rules(6)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_is_present_and_licence_shapes_features() {
        let licensed = for_user(&json!({"type": 2}), true, true);
        let basic = for_user(&json!({"type": 1}), false, false);
        for g in GROUPS {
            assert!(licensed["groups"][g].is_object(), "{g}");
        }
        assert_eq!(licensed["groups"]["feature"]["meeting_capacity"], 300);
        assert_eq!(basic["groups"]["feature"]["meeting_capacity"], 100);
        assert_eq!(basic["groups"]["recording"]["cloud_recording"], false);
        assert_eq!(basic["groups"]["feature"]["zoom_phone"], false);
        assert!(licensed["meeting_security"]["meeting_security"]["waiting_room"].is_boolean());
    }
}
