//! The inputs the runs send: valid, and naming the ids of Zoom's documented examples.

use crate::wit::chat_phone_types::ListUserChatMessagesInput;
use crate::wit::meeting_types::{AddMeetingRegistrantInput, CreateMeetingInput, UpdateMeetingInput};
use crate::wit::raw_types::{HttpMethod, RawRequestInput};
use crate::wit::user_types::{CreateAction, CreateUserInput, UpdateUserInput, UserType};
use crate::wit::webinar_types::{AddWebinarRegistrantInput, CreateWebinarInput, UpdateWebinarInput};

pub(crate) const MEETING: u64 = 85746065432;
pub(crate) const WEBINAR: u64 = 95204914252;

pub(crate) fn create_meeting() -> CreateMeetingInput {
    CreateMeetingInput {
        user_id: None,
        topic: Some("Planning".into()),
        meeting_type: None,
        start_time: Some("2027-02-01T15:00:00Z".into()),
        duration: Some(45),
        timezone: None,
        password: None,
        default_password: None,
        agenda: None,
        pre_schedule: None,
        schedule_for: None,
        template_id: None,
        recurrence: None,
        settings: None,
        tracking_fields: None,
        extra_settings: None,
    }
}

pub(crate) fn update_meeting() -> UpdateMeetingInput {
    let c = create_meeting();
    UpdateMeetingInput {
        meeting_id: MEETING,
        occurrence_id: None,
        topic: c.topic,
        meeting_type: None,
        start_time: None,
        duration: None,
        timezone: None,
        password: None,
        agenda: None,
        schedule_for: None,
        template_id: None,
        recurrence: None,
        settings: None,
        tracking_fields: None,
        extra_settings: None,
    }
}

pub(crate) fn create_webinar() -> CreateWebinarInput {
    CreateWebinarInput {
        user_id: None,
        topic: Some("Product launch".into()),
        webinar_type: None,
        start_time: Some("2027-03-01T16:00:00Z".into()),
        duration: Some(60),
        timezone: None,
        password: None,
        default_passcode: None,
        agenda: None,
        schedule_for: None,
        template_id: None,
        recurrence: None,
        settings: None,
        tracking_fields: None,
        extra_settings: None,
    }
}

pub(crate) fn update_webinar() -> UpdateWebinarInput {
    UpdateWebinarInput {
        webinar_id: WEBINAR,
        occurrence_id: None,
        topic: Some("Product launch, part two".into()),
        webinar_type: None,
        start_time: None,
        duration: None,
        timezone: None,
        password: None,
        agenda: None,
        schedule_for: None,
        recurrence: None,
        settings: None,
        notify_registrants: None,
        tracking_fields: None,
        extra_settings: None,
    }
}

// Meeting and webinar registration inputs differ only in their id and last fields.
macro_rules! registrant {
    ($t:ident { $($extra:tt)* }) => {
        $t {
            occurrence_ids: None,
            email: "ada@example.com".into(),
            first_name: "Ada".into(),
            last_name: None,
            address: None,
            city: None,
            state: None,
            zip: None,
            country: None,
            phone: None,
            industry: None,
            org: None,
            job_title: None,
            purchasing_time_frame: None,
            role_in_purchase_process: None,
            no_of_employees: None,
            comments: None,
            custom_questions: None,
            language: None,
            $($extra)*
        }
    };
}

pub(crate) fn add_meeting_registrant() -> AddMeetingRegistrantInput {
    registrant!(AddMeetingRegistrantInput { meeting_id: MEETING, auto_approve: None })
}

pub(crate) fn add_webinar_registrant() -> AddWebinarRegistrantInput {
    registrant!(AddWebinarRegistrantInput { webinar_id: WEBINAR, source_id: None })
}

pub(crate) fn create_user() -> CreateUserInput {
    CreateUserInput {
        action: CreateAction::Create,
        email: "jchill@example.com".into(),
        user_type: UserType::Basic,
        first_name: None,
        last_name: None,
        display_name: None,
        password: None,
        zoom_phone: None,
        zoom_one_type: None,
        plan_united_type: None,
    }
}

pub(crate) fn chat_messages() -> ListUserChatMessagesInput {
    ListUserChatMessagesInput {
        user_id: None,
        to_contact: None,
        to_channel: Some("cabc1234567defghijkl01234".into()),
        date: None,
        from: None,
        to: None,
        include_deleted_and_edited: None,
        search_type: None,
        search_key: None,
        exclude_child_message: None,
        download_file_formats: None,
        paging: None,
    }
}

/// `raw-request` GET of `path`: the only action that reaches operations no typed action calls.
pub(crate) fn raw_get(path: &str) -> RawRequestInput {
    RawRequestInput {
        method: HttpMethod::Get,
        path: path.into(),
        query: None,
        headers: None,
        body: None,
        form_data: None,
        file_data: None,
        response_type: None,
        timeout_seconds: None,
        max_retries: None,
        retry_delay_ms: None,
        exponential_backoff: None,
        retry_on_all_errors: None,
    }
}

pub(crate) fn update_user() -> UpdateUserInput {
    UpdateUserInput {
        user_id: None,
        first_name: Some("Jill".into()),
        last_name: None,
        display_name: None,
        user_type: None,
        pmi: None,
        use_pmi: None,
        timezone: None,
        language: None,
        dept: None,
        job_title: None,
        company: None,
        location: None,
        host_key: None,
        vanity_name: None,
        cost_center: None,
        pronouns: None,
        extra_fields: None,
    }
}
