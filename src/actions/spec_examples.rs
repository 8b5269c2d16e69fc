//! Every action's reading of Zoom's answers, run on the success examples Zoom documents for the
//! operations it calls (`spec/examples/`, generated from Zoom's OpenAPI documents). A field shape
//! Zoom documents but the simulator never sends (`"Unlimited"`, ids as strings, optional objects
//! left out) fails here rather than in production.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::actions::{licenses, meetings, recordings, registrants, reports, user_settings, users, webinars};
use crate::auth::Session;
use crate::error::Error;
use crate::http::{Client, Request, Response, Transport, TransportError};
use crate::wit::meeting_types::{
    GetMeetingInput, GetMeetingInvitationInput, GetMeetingRecordingsInput, ListMeetingRegistrantsInput,
    ListMeetingsInput,
};
use crate::wit::report_types::{
    LicenseInventoryInput, LoginActivityInput, ReclaimInput, StoragePart, StorageSize, UsageSummaryInput,
};
use crate::wit::user_types::{GetUserInput, GetUserSettingsInput, ListUsersInput};
use crate::wit::webinar_types::{GetWebinarInput, ListWebinarsInput};

const BASE: &str = "https://api.example/v2";

struct Example {
    operation_id: String,
    method: String,
    path: Vec<String>,
    answers: Vec<Value>,
}

fn examples() -> Vec<Example> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/examples");
    let mut out: Vec<Example> = std::fs::read_dir(&dir)
        .expect("spec/examples")
        .map(|e| {
            let path = e.unwrap().path();
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            Example {
                operation_id: path.file_stem().unwrap().to_string_lossy().into_owned(),
                method: v["method"].as_str().unwrap().to_owned(),
                path: v["path"].as_str().unwrap().split('/').map(str::to_owned).collect(),
                answers: v["examples"].as_array().unwrap().clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.operation_id.cmp(&b.operation_id));
    out
}

/// Answers each request with the documented example of the operation it matches (one example
/// per run), the page cursor emptied so walks end; records which operations were asked.
struct Documented {
    examples: Vec<Example>,
    pick: usize,
    hit: RefCell<BTreeSet<String>>,
}

impl Documented {
    fn new(pick: usize) -> Self {
        Documented { examples: examples(), pick, hit: RefCell::default() }
    }
}

fn matches(template: &[String], path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == template.len() && template.iter().zip(&parts).all(|(t, p)| t.starts_with('{') || t == p)
}

impl Transport for Documented {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let path = request.url.strip_prefix(BASE).unwrap().split('?').next().unwrap();
        let op = self
            .examples
            .iter()
            .filter(|e| e.method == request.method.as_str() && matches(&e.path, path))
            // A literal segment beats a template one (`/users/me` is `GET /users/{userId}`).
            .max_by_key(|e| e.path.iter().filter(|s| !s.starts_with('{')).count())
            .unwrap_or_else(|| panic!("no documented operation for {} {path}", request.method.as_str()));
        self.hit.borrow_mut().insert(op.operation_id.clone());
        let Some(answer) = op.answers.get(self.pick.min(op.answers.len().saturating_sub(1))) else {
            return Ok(Response { status: 204, headers: Vec::new(), body: Vec::new() });
        };
        let mut answer = answer.clone();
        if let Some(t) = answer.get_mut("next_page_token") {
            *t = Value::String(String::new());
        }
        Ok(Response { status: 200, headers: Vec::new(), body: answer.to_string().into_bytes() })
    }
    fn sleep(&self, _: Duration) {}
    fn now_unix(&self) -> u64 {
        1_800_000_000
    }
    fn jitter(&self) -> f64 {
        1.0
    }
}

/// Drops a result's value: only whether the answer could be read matters here.
fn ok<T>(r: Result<T, Error>) -> Result<(), Error> {
    r.map(drop)
}

/// Runs every action below on the documented answers; returns the operations they called.
fn run_all(t: &Documented) -> Vec<(&'static str, Result<(), Error>)> {
    let c = Client::new(t, Session::bearer("t", BASE));
    let window = || ("2027-01-01".to_owned(), "2027-01-10".to_owned());
    vec![
        ("test-connection", ok(users::test_connection(&c))),
        ("get-user", ok(users::get(&c, &GetUserInput { user_id: None, login_type: None, encrypted_email: None }))),
        (
            "list-users",
            ok(users::list(
                &c,
                &ListUsersInput { status: None, role_id: None, include_field: None, license: None, paging: None },
            )),
        ),
        (
            "get-user-settings",
            ok(user_settings::get(
                &c,
                &GetUserSettingsInput { user_id: None, option: None, custom_query_fields: None },
            )),
        ),
        (
            "get-meeting",
            ok(meetings::get(
                &c,
                &GetMeetingInput { meeting_id: 85746065432, occurrence_id: None, show_previous_occurrences: None },
            )),
        ),
        (
            "list-meetings",
            ok(meetings::list(
                &c,
                &ListMeetingsInput {
                    user_id: None,
                    list_type: None,
                    from: None,
                    to: None,
                    timezone: None,
                    paging: None,
                },
            )),
        ),
        (
            "get-meeting-invitation",
            ok(meetings::invitation(&c, &GetMeetingInvitationInput { meeting_id: 85746065432 })),
        ),
        (
            "get-meeting-recordings",
            ok(recordings::get(
                &c,
                &GetMeetingRecordingsInput {
                    meeting_id: "85746065432".into(),
                    include_download_access_token: None,
                    ttl: None,
                },
            )),
        ),
        (
            "list-meeting-registrants",
            ok(registrants::list(
                &c,
                &ListMeetingRegistrantsInput {
                    meeting_id: 85746065432,
                    occurrence_id: None,
                    status: None,
                    paging: None,
                },
            )),
        ),
        (
            "get-webinar",
            ok(webinars::get(
                &c,
                &GetWebinarInput {
                    webinar_id: "95204914252".into(),
                    occurrence_id: None,
                    show_previous_occurrences: None,
                },
            )),
        ),
        ("list-webinars", ok(webinars::list(&c, &ListWebinarsInput { user_id: None, list_type: None, paging: None }))),
        ("license-inventory", ok(licenses::inventory(&c, &LicenseInventoryInput { include_inactive: Some(true) }))),
        ("reclaim-inactive-licenses", ok(licenses::reclaim(&c, &ReclaimInput { days: 30, dry_run: None }))),
        (
            "login-activity",
            ok(reports::login_activity(&c, &LoginActivityInput { from: window().0, to: Some(window().1) })),
        ),
        ("usage-summary", ok(reports::usage_summary(&c, &UsageSummaryInput { from: window().0, to: window().1 }))),
    ]
}

#[test]
fn every_action_reads_zooms_documented_answers() {
    let t = Documented::new(0);
    let failures: Vec<String> =
        run_all(&t).into_iter().filter_map(|(a, r)| r.err().map(|e| format!("{a}: {e:?}"))).collect();
    assert!(failures.is_empty(), "actions that cannot read Zoom's documented answers:\n{}", failures.join("\n"));
    let hit = t.hit.into_inner();
    for op in [
        "user",
        "users",
        "userSettings",
        "meeting",
        "meetings",
        "meetingInvitation",
        "recordingGet",
        "meetingRegistrants",
        "webinar",
        "webinars",
        "reportSignInSignOutActivities",
        "reportCloudRecording",
        "reportDaily",
        "reportUsers",
        "dashboardWebinars",
        "dashboardZoomRooms",
        "getPhoneRecordings",
    ] {
        assert!(hit.contains(op), "{op} was not exercised; hit {hit:?}");
    }
}

#[test]
fn the_documented_unlimited_free_storage_is_typed() {
    let t = Documented::new(0);
    let c = Client::new(&t, Session::bearer("t", BASE));
    let input = UsageSummaryInput { from: "2027-01-01".into(), to: "2027-01-10".into() };
    let StoragePart::Available(s) = reports::usage_summary(&c, &input).unwrap().storage else { panic!("storage") };
    assert_eq!(s.free_usage_gb, Some(StorageSize::Unlimited));
    assert_eq!(s.plan_usage_gb, Some(StorageSize::Gb(3072.0)));
    assert!(matches!(s.used_gb, Some(StorageSize::Gb(g)) if (g - 3.0 / 1024.0).abs() < 1e-9));
}
