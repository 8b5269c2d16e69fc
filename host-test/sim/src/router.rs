//! Path matching and dispatch. Each path lists the methods Zoom itself serves
//! on it: a method outside the list is a 405, one inside it that the
//! simulator does not model is a loud 404. Checks run in Zoom's order:
//! route, method, bearer token, scope, then the route's own validation.

use super::server::{Request, Response};
use super::store::Store;
use super::{
    activity, call_history, chat, chat_send, errors, groups, invitation, meetings, oauth, occurrences, panelists,
    past_meetings, past_polls, phone, plans, recording_files, recordings, registrant_status, registrants,
    report_meetings, reports, scopes, summaries, transcripts, user_admin, user_oauth, user_settings, user_status,
    users, webinar_absentees, webinar_registrants, webinar_schedule, webinars,
};

enum Route<'a> {
    Authorize,
    Token,
    Users,
    User(&'a str),
    UserSettings(&'a str),
    UserMeetings(&'a str),
    UserRecordings(&'a str),
    UserWebinars(&'a str),
    Meeting(&'a str),
    Registrants(&'a str),
    RegistrantStatus(&'a str),
    Invitation(&'a str),
    MeetingRecordings(&'a str),
    MeetingTranscript(&'a str),
    MeetingSummary(&'a str),
    MeetingSummaries,
    RecordingFile(&'a str),
    Webinar(&'a str),
    WebinarRegistrants(&'a str),
    WebinarPanelists(&'a str),
    WebinarPanelist(&'a str, &'a str),
    WebinarRegistrantStatus(&'a str),
    PastWebinarParticipants(&'a str),
    PastWebinarAbsentees(&'a str),
    PastMeeting(&'a str),
    PastMeetingInstances(&'a str),
    PastMeetingParticipants(&'a str),
    ReportMeetingParticipants(&'a str),
    PastMeetingPolls(&'a str),
    PastWebinarPolls(&'a str),
    PastWebinarQa(&'a str),
    ChatChannels(&'a str),
    ChatMessages(&'a str),
    PhoneRecordings(&'a str),
    Groups,
    GroupMembers(&'a str),
    GroupMember(&'a str, &'a str),
    ReportActivities,
    UserStatus(&'a str),
    ReportDaily,
    ReportCloudRecording,
    ReportUsers,
    ReportUserMeetings(&'a str),
    MetricsWebinars,
    MetricsZoomRooms,
    AccountPhoneRecordings,
    UserCallHistory(&'a str),
    AccountCallHistory,
    PlanUsage(&'a str),
}

type Matched<'a> = (Route<'a>, &'static str, &'static [&'static str]);

/// Segments are percent-decoded once, after splitting, so an encoded `/`
/// (`%2F`) stays inside its segment.
fn route_of<'a>(segs: &[&'a str]) -> Option<Matched<'a>> {
    const GPD: &[&str] = &["GET", "PATCH", "DELETE"];
    let m = match segs {
        ["oauth", "authorize"] => (Route::Authorize, "/oauth/authorize", &["GET"][..]),
        ["oauth", "token"] => (Route::Token, "/oauth/token", &["POST"][..]),
        ["v2", "users"] => (Route::Users, "/users", &["GET", "POST"][..]),
        ["v2", "users", u] => (Route::User(u), "/users/{userId}", GPD),
        ["v2", "users", u, "settings"] => (Route::UserSettings(u), "/users/{userId}/settings", &["GET", "PATCH"][..]),
        ["v2", "users", u, "meetings"] => (Route::UserMeetings(u), "/users/{userId}/meetings", &["GET", "POST"][..]),
        ["v2", "users", u, "recordings"] => (Route::UserRecordings(u), "/users/{userId}/recordings", &["GET"][..]),
        ["v2", "users", u, "webinars"] => (Route::UserWebinars(u), "/users/{userId}/webinars", &["GET", "POST"][..]),
        ["v2", "meetings", "meeting_summaries"] => {
            (Route::MeetingSummaries, "/meetings/meeting_summaries", &["GET"][..])
        }
        ["v2", "meetings", m] => (Route::Meeting(m), "/meetings/{meetingId}", GPD),
        ["v2", "meetings", m, "transcript"] => {
            (Route::MeetingTranscript(m), "/meetings/{meetingId}/transcript", &["GET", "DELETE"][..])
        }
        ["v2", "meetings", m, "meeting_summary"] => {
            (Route::MeetingSummary(m), "/meetings/{meetingId}/meeting_summary", &["GET", "DELETE"][..])
        }
        // Files live on the web origin, not under the API's `/v2`.
        ["rec", "download", key] => (Route::RecordingFile(key), "/rec/download/{key}", &["GET"][..]),
        ["v2", "meetings", m, "registrants"] => {
            (Route::Registrants(m), "/meetings/{meetingId}/registrants", &["GET", "POST"][..])
        }
        ["v2", "meetings", m, "registrants", "status"] => {
            (Route::RegistrantStatus(m), "/meetings/{meetingId}/registrants/status", &["PUT"][..])
        }
        ["v2", "meetings", m, "invitation"] => (Route::Invitation(m), "/meetings/{meetingId}/invitation", &["GET"][..]),
        ["v2", "meetings", m, "recordings"] => {
            (Route::MeetingRecordings(m), "/meetings/{meetingId}/recordings", &["GET", "DELETE"][..])
        }
        ["v2", "webinars", w] => (Route::Webinar(w), "/webinars/{webinarId}", GPD),
        ["v2", "webinars", w, "registrants"] => {
            (Route::WebinarRegistrants(w), "/webinars/{webinarId}/registrants", &["GET", "POST"][..])
        }
        ["v2", "webinars", w, "panelists"] => {
            (Route::WebinarPanelists(w), "/webinars/{webinarId}/panelists", &["GET", "POST"][..])
        }
        ["v2", "webinars", w, "panelists", p] => {
            (Route::WebinarPanelist(w, p), "/webinars/{webinarId}/panelists/{panelistId}", &["DELETE"][..])
        }
        ["v2", "webinars", w, "registrants", "status"] => {
            (Route::WebinarRegistrantStatus(w), "/webinars/{webinarId}/registrants/status", &["PUT"][..])
        }
        ["v2", "past_webinars", w, "participants"] => {
            (Route::PastWebinarParticipants(w), "/past_webinars/{webinarId}/participants", &["GET"][..])
        }
        ["v2", "past_webinars", w, "absentees"] => {
            (Route::PastWebinarAbsentees(w), "/past_webinars/{webinarId}/absentees", &["GET"][..])
        }
        ["v2", "past_meetings", m] => (Route::PastMeeting(m), "/past_meetings/{meetingId}", &["GET"][..]),
        ["v2", "past_meetings", m, "instances"] => {
            (Route::PastMeetingInstances(m), "/past_meetings/{meetingId}/instances", &["GET"][..])
        }
        ["v2", "past_meetings", m, "participants"] => {
            (Route::PastMeetingParticipants(m), "/past_meetings/{meetingId}/participants", &["GET"][..])
        }
        ["v2", "past_meetings", m, "polls"] => {
            (Route::PastMeetingPolls(m), "/past_meetings/{meetingId}/polls", &["GET"][..])
        }
        ["v2", "past_webinars", w, "polls"] => {
            (Route::PastWebinarPolls(w), "/past_webinars/{webinarId}/polls", &["GET"][..])
        }
        ["v2", "past_webinars", w, "qa"] => (Route::PastWebinarQa(w), "/past_webinars/{webinarId}/qa", &["GET"][..]),
        ["v2", "report", "meetings", m, "participants"] => {
            (Route::ReportMeetingParticipants(m), "/report/meetings/{meetingId}/participants", &["GET"][..])
        }
        ["v2", "chat", "users", u, "channels"] => {
            (Route::ChatChannels(u), "/chat/users/{userId}/channels", &["GET", "POST", "DELETE"][..])
        }
        ["v2", "chat", "users", u, "messages"] => {
            (Route::ChatMessages(u), "/chat/users/{userId}/messages", &["GET", "POST"][..])
        }
        ["v2", "phone", "users", u, "recordings"] => {
            (Route::PhoneRecordings(u), "/phone/users/{userId}/recordings", &["GET"][..])
        }
        ["v2", "groups"] => (Route::Groups, "/groups", &["GET", "POST"][..]),
        ["v2", "groups", g, "members"] => (Route::GroupMembers(g), "/groups/{groupId}/members", &["GET", "POST"][..]),
        ["v2", "groups", g, "members", m] => {
            (Route::GroupMember(g, m), "/groups/{groupId}/members/{memberId}", &["DELETE", "PATCH"][..])
        }
        ["v2", "report", "activities"] => (Route::ReportActivities, "/report/activities", &["GET"][..]),
        ["v2", "users", u, "status"] => (Route::UserStatus(u), "/users/{userId}/status", &["PUT"][..]),
        ["v2", "report", "daily"] => (Route::ReportDaily, "/report/daily", &["GET"][..]),
        ["v2", "report", "cloud_recording"] => (Route::ReportCloudRecording, "/report/cloud_recording", &["GET"][..]),
        ["v2", "report", "users", u, "meetings"] => {
            (Route::ReportUserMeetings(u), "/report/users/{userId}/meetings", &["GET"][..])
        }
        ["v2", "report", "users"] => (Route::ReportUsers, "/report/users", &["GET"][..]),
        ["v2", "metrics", "webinars"] => (Route::MetricsWebinars, "/metrics/webinars", &["GET"][..]),
        ["v2", "metrics", "zoomrooms"] => (Route::MetricsZoomRooms, "/metrics/zoomrooms", &["GET"][..]),
        ["v2", "phone", "users", u, "call_history"] => {
            (Route::UserCallHistory(u), "/phone/users/{userId}/call_history", &["GET"][..])
        }
        ["v2", "phone", "call_history"] => (Route::AccountCallHistory, "/phone/call_history", &["GET"][..]),
        ["v2", "phone", "recordings"] => (Route::AccountPhoneRecordings, "/phone/recordings", &["GET"][..]),
        ["v2", "accounts", a, "plans", "usage"] => {
            (Route::PlanUsage(a), "/accounts/{accountId}/plans/usage", &["GET"][..])
        }
        _ => return None,
    };
    // An empty id (`/v2/users//meetings`) matches nothing, as on Zoom.
    let empty_id = segs.iter().any(|s| s.is_empty());
    (!empty_id).then_some(m)
}

fn decoded_segments(path: &str) -> Vec<String> {
    path.split('/').skip(1).map(|s| crate::percent::decode(s, false)).collect()
}

/// The spec template of a raw request path, for callers that only need to
/// classify it (the fault injector's rate-limit category).
pub(crate) fn template_for(path: &str) -> Option<&'static str> {
    let decoded = decoded_segments(path);
    let segs: Vec<&str> = decoded.iter().map(String::as_str).collect();
    route_of(&segs).map(|(_, template, _)| template)
}

pub(crate) fn dispatch(store: &mut Store, req: &Request) -> Response {
    let decoded = decoded_segments(&req.path);
    let segs: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let Some((route, template, zoom_methods)) = route_of(&segs) else {
        return errors::no_route(&req.method, &req.path);
    };
    let method = req.method.as_str();
    if !zoom_methods.contains(&method) {
        return errors::method_not_allowed(method, &req.path, zoom_methods);
    }
    // The OAuth endpoints authenticate the app, not a bearer token; a file
    // also takes a download access token instead (see `recording_files`).
    if !matches!(route, Route::Authorize | Route::Token | Route::RecordingFile(_)) {
        if let Err(resp) = oauth::authorize(store, req) {
            return resp;
        }
        if let Some(op) = scopes::find(method, template) {
            if let Err(resp) = scopes::check(store, req, op) {
                return resp;
            }
        }
    }
    let occurrence = req.param("occurrence_id").is_some_and(|o| !o.is_empty());
    match (method, route) {
        ("GET", Route::Authorize) => user_oauth::authorize(store, req),
        ("POST", Route::Token) => oauth::token(store, req),
        ("GET", Route::Users) => users::list(store, req),
        ("POST", Route::Users) => user_admin::create(store, req),
        ("GET", Route::User(u)) => users::get(store, u),
        ("PATCH", Route::User(u)) => user_admin::update(store, u, req),
        ("DELETE", Route::User(u)) => user_admin::delete(store, u, req),
        ("GET", Route::UserSettings(u)) => user_settings::get(store, u, req),
        ("PATCH", Route::UserSettings(u)) => user_settings::update(store, u, req),
        ("GET", Route::UserMeetings(u)) => meetings::list(store, u, req),
        ("POST", Route::UserMeetings(u)) => meetings::create(store, u, req),
        ("GET", Route::UserRecordings(u)) => recordings::list(store, u, req),
        ("GET", Route::UserWebinars(u)) => webinars::list(store, u, req),
        ("POST", Route::UserWebinars(u)) => webinar_schedule::create(store, u, req),
        ("GET", Route::Meeting(m)) => meetings::get(store, m, req),
        ("PATCH", Route::Meeting(m)) if occurrence => occurrences::update(store, m, req),
        ("PATCH", Route::Meeting(m)) => meetings::update(store, m, req),
        ("DELETE", Route::Meeting(m)) => meetings::delete(store, m, req),
        ("GET", Route::Registrants(m)) => registrants::list(store, m, req),
        ("POST", Route::Registrants(m)) => registrants::create(store, m, req),
        ("PUT", Route::RegistrantStatus(m)) => registrant_status::meeting(store, m, req),
        ("GET", Route::Invitation(m)) => invitation::get(store, m),
        ("GET", Route::MeetingRecordings(m)) => recordings::get(store, m, req),
        ("DELETE", Route::MeetingRecordings(m)) => recordings::delete(store, m, req),
        ("GET", Route::MeetingTranscript(m)) => transcripts::get(store, m),
        ("GET", Route::MeetingSummary(m)) => summaries::get(store, m),
        ("GET", Route::MeetingSummaries) => summaries::list(store, req),
        ("GET", Route::RecordingFile(key)) => recording_files::get(store, key, req),
        ("GET", Route::Webinar(w)) => webinars::get(store, w, req),
        ("PATCH", Route::Webinar(w)) => webinar_schedule::update(store, w, req),
        ("DELETE", Route::Webinar(w)) => webinar_schedule::delete(store, w, req),
        ("GET", Route::WebinarRegistrants(w)) => webinar_registrants::list(store, w, req),
        ("POST", Route::WebinarRegistrants(w)) => webinar_registrants::create(store, w, req),
        ("GET", Route::WebinarPanelists(w)) => panelists::list(store, w),
        ("POST", Route::WebinarPanelists(w)) => panelists::add(store, w, req),
        ("DELETE", Route::WebinarPanelist(w, p)) => panelists::remove(store, w, p),
        ("PUT", Route::WebinarRegistrantStatus(w)) => registrant_status::webinar(store, w, req),
        ("GET", Route::PastWebinarParticipants(w)) => webinars::participants(store, w, req),
        ("GET", Route::PastWebinarAbsentees(w)) => webinar_absentees::list(store, w, req),
        ("GET", Route::PastMeeting(m)) => past_meetings::get(store, m),
        ("GET", Route::PastMeetingInstances(m)) => past_meetings::instances(store, m),
        ("GET", Route::PastMeetingParticipants(m)) => past_meetings::participants(store, m, req, false),
        ("GET", Route::ReportMeetingParticipants(m)) => past_meetings::participants(store, m, req, true),
        ("GET", Route::PastMeetingPolls(m)) => past_polls::meeting_polls(store, m),
        ("GET", Route::PastWebinarPolls(w)) => past_polls::webinar_polls(store, w),
        ("GET", Route::PastWebinarQa(w)) => past_polls::webinar_qa(store, w),
        ("GET", Route::ChatChannels(u)) => chat::channels(store, u, req),
        ("GET", Route::ChatMessages(u)) => chat::messages(store, u, req),
        ("POST", Route::ChatMessages(u)) => chat_send::send(store, u, req),
        ("GET", Route::Groups) => groups::list(store, req),
        ("POST", Route::GroupMembers(g)) => groups::add(store, g, req),
        ("DELETE", Route::GroupMember(g, m)) => groups::remove(store, g, m),
        ("GET", Route::PhoneRecordings(u)) => phone::recordings(store, u, req),
        ("GET", Route::ReportActivities) => activity::list(store, req),
        ("PUT", Route::UserStatus(u)) => user_status::update(store, u, req),
        ("GET", Route::ReportDaily) => reports::daily(store, req),
        ("GET", Route::ReportCloudRecording) => reports::cloud_recording(store, req),
        ("GET", Route::ReportUsers) => reports::users(store, req),
        ("GET", Route::MetricsWebinars) => reports::webinars(store, req),
        ("GET", Route::MetricsZoomRooms) => reports::zoom_rooms(store, req),
        ("GET", Route::AccountPhoneRecordings) => reports::phone_recordings(store, req),
        ("GET", Route::ReportUserMeetings(u)) => report_meetings::list(store, u, req),
        ("GET", Route::UserCallHistory(u)) => call_history::list(store, Some(u), req),
        ("GET", Route::AccountCallHistory) => call_history::list(store, None, req),
        ("GET", Route::PlanUsage(a)) => plans::usage(store, a),
        _ => errors::no_route(method, &req.path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_served_template_has_an_operation_entry() {
        for (path, method) in [
            ("/v2/users/me/settings", "PATCH"),
            ("/v2/meetings/1/invitation", "GET"),
            ("/v2/meetings/%252Fa%252F%252Fb/recordings", "GET"),
            ("/v2/meetings/%252Fa%252F%252Fb/recordings", "DELETE"),
            ("/v2/meetings/%252Fa%252F%252Fb/transcript", "GET"),
            ("/v2/meetings/9/meeting_summary", "GET"),
            ("/v2/meetings/meeting_summaries", "GET"),
            ("/v2/past_webinars/9/participants", "GET"),
            ("/v2/past_webinars/9/absentees", "GET"),
            ("/v2/users/me/webinars", "POST"),
            ("/v2/webinars/9", "PATCH"),
            ("/v2/webinars/9", "DELETE"),
            ("/v2/past_meetings/%252Fa%252F%252Fb", "GET"),
            ("/v2/past_meetings/9/instances", "GET"),
            ("/v2/past_meetings/9/participants", "GET"),
            ("/v2/report/meetings/9/participants", "GET"),
            ("/v2/past_meetings/%252Fa%252F%252Fb/polls", "GET"),
            ("/v2/past_webinars/9/polls", "GET"),
            ("/v2/past_webinars/9/qa", "GET"),
            ("/v2/webinars/9/panelists", "POST"),
            ("/v2/webinars/9/panelists/abc", "DELETE"),
            ("/v2/chat/users/me/messages", "GET"),
            ("/v2/chat/users/me/messages", "POST"),
            ("/v2/groups", "GET"),
            ("/v2/groups/g1/members", "POST"),
            ("/v2/groups/g1/members/a%40example.com", "DELETE"),
            ("/v2/phone/users/me/recordings", "GET"),
            ("/v2/report/activities", "GET"),
            ("/v2/users/me/status", "PUT"),
            ("/v2/report/daily", "GET"),
            ("/v2/report/cloud_recording", "GET"),
            ("/v2/report/users", "GET"),
            ("/v2/metrics/webinars", "GET"),
            ("/v2/metrics/zoomrooms", "GET"),
            ("/v2/phone/recordings", "GET"),
            ("/v2/phone/users/me/call_history", "GET"),
            ("/v2/phone/call_history", "GET"),
            ("/v2/report/users/me/meetings", "GET"),
            ("/v2/accounts/me/plans/usage", "GET"),
        ] {
            let template = template_for(path).unwrap();
            assert!(scopes::find(method, template).is_some(), "{method} {template}");
        }
        assert_eq!(template_for("/v2/users//meetings"), None);
        assert_eq!(template_for("/v2/webinars/1/polls"), None);
    }
}
