//! The options table, the request checks and the two pagers, natively against scripted answers.

use super::timezones::ZONES;
use super::*;
use crate::auth::Session;
use crate::http::testing::{answer, Scripted};
use crate::wit::options::OptionRequest;

fn request(action: &str, field: &str) -> OptionRequest {
    OptionRequest {
        action: action.into(),
        field: field.into(),
        chosen: None,
        search: None,
        cursor: None,
        page_size: None,
    }
}

fn run(t: &Scripted, request: &OptionRequest) -> Result<OptionPage, Error> {
    options(&Client::new(t, Session::bearer("t", "https://x/v2")), request)
}

fn invalid_field(e: Error) -> String {
    match e {
        Error::InvalidInput { field, .. } => field,
        _ => panic!("expected invalid-input, got another error"),
    }
}

#[test]
fn the_table_marks_the_listed_fields_and_ended_meeting_actions_get_ended_meetings() {
    assert_eq!(source_of("get-user", "user_id"), Some(Source::Users { by_email: false }));
    assert_eq!(source_of("create-meeting", "schedule_for"), Some(Source::Users { by_email: true }));
    assert_eq!(source_of("delete-user", "transfer_email"), Some(Source::Users { by_email: true }));
    assert_eq!(source_of("get-meeting", "meeting_id"), Some(Source::UpcomingMeetings));
    assert_eq!(source_of("get-meeting", "occurrence_id"), Some(Source::MeetingOccurrences));
    assert_eq!(source_of("get-webinar", "occurrence_id"), Some(Source::WebinarOccurrences));
    assert_eq!(source_of("add-meeting-registrant", "occurrence_ids"), Some(Source::MeetingOccurrences));
    for action in ENDED_INSTANCE_ACTIONS {
        assert_eq!(source_of(action, "meeting_id"), Some(Source::EndedInstances), "{action}");
    }
    assert_eq!(source_of("list-past-meeting-instances", "meeting_id"), Some(Source::EndedMeetings));
    assert_eq!(source_of("list-past-webinar-qa", "webinar_id"), Some(Source::Webinars { upcoming: false }));
    assert_eq!(source_of("add-webinar-registrant", "webinar_id"), Some(Source::Webinars { upcoming: true }));
    assert_eq!(source_of("update-meeting-registrant-status", "registrants"), Some(Source::MeetingRegistrants));
    assert_eq!(source_of("update-webinar-registrant-status", "registrants"), Some(Source::WebinarRegistrants));
    assert_eq!(source_of("send-chat-message", "to_channel"), Some(Source::Channels));
    assert_eq!(source_of("add-group-members", "group_id"), Some(Source::Groups));
    assert_eq!(source_of("update-user", "timezone"), Some(Source::Timezones));
    assert_eq!(source_of("remove-webinar-panelist", "panelist_id"), Some(Source::Panelists));
    // Free text, an input the action does not have, an unknown action.
    assert_eq!(source_of("create-meeting", "topic"), None);
    assert_eq!(source_of("get-user", "meeting_id"), None);
    assert_eq!(source_of("no-such-action", "user_id"), None);
}

#[test]
fn the_manifest_marks_exactly_the_inputs_the_table_answers() {
    let described = manifest::describe();
    let mut marked = 0;
    for action in &described {
        for input in &action.inputs {
            assert_eq!(input.has_options, source_of(&action.id, &input.name).is_some(), "{} {}", action.id, input.name);
            marked += usize::from(input.has_options);
            // Every input named like an id the table knows has options, wherever it appears.
            if ["user_id", "meeting_id", "webinar_id", "group_id", "timezone", "channel_id"]
                .contains(&input.name.as_str())
            {
                assert!(input.has_options, "{} {}", action.id, input.name);
            }
        }
    }
    assert!(marked > 40, "{marked}");
}

#[test]
fn bad_requests_name_the_field_and_send_nothing() {
    let t = Scripted::new(vec![]);
    assert_eq!(invalid_field(run(&t, &request("no-such-action", "user_id")).unwrap_err()), "action");
    assert_eq!(invalid_field(run(&t, &request("create-meeting", "topic")).unwrap_err()), "field");
    for size in [0, MAX_PAGE_SIZE + 1] {
        let r = OptionRequest { page_size: Some(size), ..request("get-user", "user_id") };
        assert_eq!(invalid_field(run(&t, &r).unwrap_err()), "page_size");
    }
    for chosen in ["[1]", "{", "\"x\""] {
        let r = OptionRequest { chosen: Some(chosen.into()), ..request("get-user", "user_id") };
        assert_eq!(invalid_field(run(&t, &r).unwrap_err()), "chosen", "{chosen}");
    }
    // The occurrences depend on the meeting: without it, the error names the input to choose.
    let e = run(&t, &request("get-meeting", "occurrence_id")).unwrap_err();
    let Error::InvalidInput { field, message } = e else { panic!("not invalid-input") };
    assert_eq!(field, "meeting_id");
    assert!(message.contains("choose meeting_id first"), "{message}");
    let blank =
        OptionRequest { chosen: Some(r#"{"webinar_id": " "}"#.into()), ..request("get-webinar", "occurrence_id") };
    assert_eq!(invalid_field(run(&t, &blank).unwrap_err()), "webinar_id");
    let r = OptionRequest { cursor: Some("x".into()), ..request("create-meeting", "timezone") };
    assert_eq!(invalid_field(run(&t, &r).unwrap_err()), "cursor");
    assert!(t.sent.borrow().is_empty());
}

#[test]
fn a_repeated_page_token_ends_the_listing() {
    let t = Scripted::new(vec![answer(
        200,
        r#"{"next_page_token": "T1", "groups": [{"id": "g1", "name": "Sales", "total_members": 3}]}"#,
    )]);
    let r = OptionRequest { cursor: Some("T1".into()), ..request("list-groups", "paging") };
    // `paging` has no options; the groups source is reached through `group_id`.
    assert!(run(&t, &r).is_err());
    let r = OptionRequest { cursor: Some("T1".into()), ..request("add-group-members", "group_id") };
    let page = run(&t, &r).unwrap();
    assert_eq!(page.cursor, None);
    assert_eq!(page.items.len(), 1);
    assert_eq!(
        (page.items[0].value.as_str(), page.items[0].label.as_str(), page.items[0].detail.as_deref()),
        ("g1", "Sales", Some("3 members"))
    );
    assert!(t.sent.borrow()[0].url.contains("next_page_token=T1"), "{:?}", t.sent.borrow()[0]);
}

#[test]
fn a_zoom_page_is_bounded_and_its_token_is_the_cursor() {
    let body = r#"{"next_page_token": "N2", "users": [
        {"id": "u1", "email": "a@example.com", "first_name": "Ann", "last_name": "Lee"},
        {"id": "u2", "email": "b@example.com"},
        {"id": "u3", "email": "c@example.com"}]}"#;
    let t = Scripted::new(vec![answer(200, body), answer(200, r#"{"next_page_token": "", "users": []}"#)]);
    let r = OptionRequest { page_size: Some(2), ..request("get-user", "user_id") };
    let page = run(&t, &r).unwrap();
    assert_eq!(page.items.len(), 2, "a longer answer is cut to the page size");
    assert_eq!((page.items[0].label.as_str(), page.items[0].detail.as_deref()), ("Ann Lee", Some("a@example.com")));
    assert_eq!(page.items[1].label, "b@example.com", "no name: the email is the label");
    assert_eq!(page.cursor.as_deref(), Some("N2"));
    assert!(t.sent.borrow()[0].url.contains("page_size=2"));
    let next = run(&t, &OptionRequest { cursor: page.cursor, ..r }).unwrap();
    assert_eq!((next.items.len(), next.cursor), (0, None), "an empty token ends it");
}

#[test]
fn timezones_page_offline_and_search_filters_each_page() {
    let t = Scripted::new(vec![]);
    let mut cursor = None;
    let mut all = Vec::new();
    loop {
        let r = OptionRequest {
            cursor: cursor.take(),
            page_size: Some(MAX_PAGE_SIZE),
            ..request("update-user", "timezone")
        };
        let page = run(&t, &r).unwrap();
        assert!(page.items.len() <= MAX_PAGE_SIZE as usize);
        all.extend(page.items);
        match page.cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let ids: Vec<&str> = all.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(ids, ZONES.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    let r = OptionRequest {
        search: Some("eastern TIME".into()),
        page_size: Some(100),
        ..request("create-meeting", "timezone")
    };
    let page = run(&t, &r).unwrap();
    assert_eq!(page.items.iter().map(|i| i.value.as_str()).collect::<Vec<_>>(), ["America/New_York"]);
    assert!(t.sent.borrow().is_empty(), "no call to Zoom");
}

#[test]
fn the_timezone_list_has_unique_ids_and_the_ones_zooms_spec_uses() {
    let mut ids: Vec<&str> = ZONES.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), ZONES.len());
    // The ids the vendored Meetings and Users documents use in their examples.
    for id in ["America/Los_Angeles", "Asia/Shanghai", "America/Chicago", "UTC"] {
        assert!(ids.contains(&id), "{id}");
    }
}
