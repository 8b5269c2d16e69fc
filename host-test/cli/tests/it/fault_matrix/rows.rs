//! The rows of the fault matrix: every action (raw-request twice), what its first request is,
//! a valid input against a fresh simulator, an unknown-id input and, for writes, how to count
//! what the simulator holds.

use serde_json::{json, Value};
use zoom_sim::Simulator;

use crate::harness::Env;

/// What the first request of an action answers when nothing goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum First {
    /// A JSON body the action reads fields or a list from.
    ReadsJson,
    /// A JSON body the action hands back whole (raw-request, the settings object).
    PassesJson,
    /// 204 without a body (PATCH, DELETE).
    NoContent,
}

/// One row of the matrix.
pub struct Row {
    /// Row label; the action id, except for the two raw-request rows.
    pub name: &'static str,
    pub action: &'static str,
    /// Method of the first request (the one the fault is injected on).
    pub method: &'static str,
    pub first: First,
    /// Zoom codes an unknown id may answer with; `None` when the action takes no id.
    pub not_found: Option<&'static [i64]>,
    /// Item page size for the fetch-all check; `None` for actions that are not lists.
    pub list_page_size: Option<u32>,
}

impl Row {
    pub fn writes(&self) -> bool {
        self.method == "POST"
    }
}

const MEETING: &[i64] = &[3001];
const RECORDING: &[i64] = &[3301, 3001];
const TRANSCRIPT: &[i64] = &[3322];
const WEBINAR: &[i64] = &[3001];
const USER: &[i64] = &[1001];
/// The call history answers an unknown user with 404 and code 300, as its spec lists.
const PHONE_USER: &[i64] = &[300];
/// A channel, and a group, that does not exist.
const CHANNEL: &[i64] = &[4130];
const GROUP: &[i64] = &[4130];

const fn row(
    name: &'static str,
    action: &'static str,
    method: &'static str,
    first: First,
    not_found: Option<&'static [i64]>,
    list_page_size: Option<u32>,
) -> Row {
    Row { name, action, method, first, not_found, list_page_size }
}

use First::{NoContent, PassesJson, ReadsJson};

pub const ROWS: &[Row] = &[
    row("test-connection", "test-connection", "GET", ReadsJson, None, None),
    row("create-meeting", "create-meeting", "POST", ReadsJson, Some(USER), None),
    row("get-meeting", "get-meeting", "GET", ReadsJson, Some(MEETING), None),
    row("update-meeting", "update-meeting", "PATCH", NoContent, Some(MEETING), None),
    row("delete-meeting", "delete-meeting", "DELETE", NoContent, Some(MEETING), None),
    row("list-meetings", "list-meetings", "GET", ReadsJson, Some(USER), Some(1)),
    row("get-meeting-invitation", "get-meeting-invitation", "GET", ReadsJson, Some(MEETING), None),
    row("add-meeting-registrant", "add-meeting-registrant", "POST", ReadsJson, Some(MEETING), None),
    row("list-meeting-registrants", "list-meeting-registrants", "GET", ReadsJson, Some(MEETING), Some(1)),
    row("update-meeting-registrant-status", "update-meeting-registrant-status", "PUT", NoContent, Some(MEETING), None),
    row("get-meeting-recordings", "get-meeting-recordings", "GET", ReadsJson, Some(RECORDING), None),
    row("get-meeting-transcript", "get-meeting-transcript", "GET", ReadsJson, Some(TRANSCRIPT), None),
    row("download-recording-file", "download-recording-file", "GET", ReadsJson, Some(RECORDING), None),
    row("delete-meeting-recordings", "delete-meeting-recordings", "DELETE", NoContent, Some(RECORDING), None),
    row("get-meeting-summary", "get-meeting-summary", "GET", ReadsJson, Some(MEETING), None),
    row("list-meeting-summaries", "list-meeting-summaries", "GET", ReadsJson, None, Some(1)),
    row("get-past-meeting", "get-past-meeting", "GET", ReadsJson, Some(MEETING), None),
    row("list-past-meeting-instances", "list-past-meeting-instances", "GET", ReadsJson, Some(MEETING), None),
    row("list-meeting-participants", "list-meeting-participants", "GET", ReadsJson, Some(MEETING), Some(1)),
    row("list-past-meeting-polls", "list-past-meeting-polls", "GET", ReadsJson, Some(MEETING), None),
    row("list-webinars", "list-webinars", "GET", ReadsJson, Some(USER), Some(1)),
    row("get-webinar", "get-webinar", "GET", ReadsJson, Some(WEBINAR), None),
    row("create-webinar", "create-webinar", "POST", ReadsJson, Some(USER), None),
    row("update-webinar", "update-webinar", "PATCH", NoContent, Some(WEBINAR), None),
    row("delete-webinar", "delete-webinar", "DELETE", NoContent, Some(WEBINAR), None),
    row("add-webinar-registrant", "add-webinar-registrant", "POST", ReadsJson, Some(WEBINAR), None),
    row("list-webinar-registrants", "list-webinar-registrants", "GET", ReadsJson, Some(WEBINAR), Some(1)),
    row("update-webinar-registrant-status", "update-webinar-registrant-status", "PUT", NoContent, Some(WEBINAR), None),
    row("list-webinar-participants", "list-webinar-participants", "GET", ReadsJson, Some(WEBINAR), Some(2)),
    row("list-past-webinar-polls", "list-past-webinar-polls", "GET", ReadsJson, Some(WEBINAR), None),
    row("list-past-webinar-qa", "list-past-webinar-qa", "GET", ReadsJson, Some(WEBINAR), None),
    row("list-webinar-panelists", "list-webinar-panelists", "GET", ReadsJson, Some(WEBINAR), None),
    row("add-webinar-panelists", "add-webinar-panelists", "POST", ReadsJson, Some(WEBINAR), None),
    row("remove-webinar-panelist", "remove-webinar-panelist", "DELETE", NoContent, Some(WEBINAR), None),
    row("list-webinar-absentees", "list-webinar-absentees", "GET", ReadsJson, Some(WEBINAR), Some(1)),
    row("create-user", "create-user", "POST", ReadsJson, None, None),
    row("get-user", "get-user", "GET", ReadsJson, Some(USER), None),
    row("update-user", "update-user", "PATCH", NoContent, Some(USER), None),
    row("delete-user", "delete-user", "DELETE", NoContent, Some(USER), None),
    row("list-users", "list-users", "GET", ReadsJson, None, Some(2)),
    row("get-user-settings", "get-user-settings", "GET", PassesJson, Some(USER), None),
    row("update-user-settings", "update-user-settings", "PATCH", NoContent, Some(USER), None),
    row("list-user-channels", "list-user-channels", "GET", ReadsJson, Some(USER), Some(3)),
    row("list-user-chat-messages", "list-user-chat-messages", "GET", ReadsJson, Some(USER), Some(2)),
    row("send-chat-message", "send-chat-message", "POST", ReadsJson, Some(CHANNEL), None),
    row("list-groups", "list-groups", "GET", ReadsJson, None, Some(1)),
    row("add-group-members", "add-group-members", "POST", ReadsJson, Some(GROUP), None),
    row("remove-group-member", "remove-group-member", "DELETE", NoContent, Some(GROUP), None),
    row("get-phone-recordings", "get-phone-recordings", "GET", ReadsJson, Some(USER), Some(2)),
    row("list-phone-call-logs", "list-phone-call-logs", "GET", ReadsJson, Some(PHONE_USER), Some(5)),
    row("raw-request GET", "raw-request", "GET", PassesJson, Some(USER), None),
    row("raw-request POST", "raw-request", "POST", PassesJson, Some(USER), None),
    row("license-inventory", "license-inventory", "GET", ReadsJson, None, None),
    row("login-activity", "login-activity", "GET", ReadsJson, None, None),
    row("usage-summary", "usage-summary", "GET", ReadsJson, None, None),
    row("plan-usage", "plan-usage", "GET", ReadsJson, None, None),
    row("set-user-type", "set-user-type", "PATCH", NoContent, Some(USER), None),
    row("deactivate-user", "deactivate-user", "PUT", NoContent, Some(USER), None),
    row("activate-user", "activate-user", "PUT", NoContent, Some(USER), None),
    row("reclaim-inactive-licenses", "reclaim-inactive-licenses", "GET", ReadsJson, None, None),
];

/// Counts what a write creates, so a cell can tell how many times it happened.
pub type Counter = Box<dyn Fn(&Simulator) -> usize + Send + Sync>;

/// A row made ready against one simulator.
pub struct Prepared {
    pub input: Value,
    /// Path prefix of the first request, as sent (percent-encoded).
    pub prefix: String,
    /// Input naming an unknown meeting, webinar or user.
    pub unknown: Option<Value>,
    /// For writes: how many of the objects it creates the simulator holds.
    pub count: Option<Counter>,
    /// For lists: how many items the simulator holds that a fetch-all must return, where the
    /// simulator can say.
    pub held: Option<Counter>,
}

const NOBODY: &str = "nobody@example.com";
pub const NEW_EMAIL: &str = "fault.matrix@example.com";
const CASEY: &str = "casey.basic@example.com";
/// The default seed's deactivated user.
const GRAY: &str = "gray.inactive@example.com";

/// `yyyy-mm-dd` of `n` days ago (UTC).
fn days_ago(n: u64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    zoom_sim::format_date((now / 86_400 - n) as i64)
}

async fn meeting(env: &mut Env, topic: &str) -> u64 {
    let m = env.ok("create-meeting", json!({"topic": topic, "start_time": "2030-01-01T10:00:00Z"})).await;
    m["id"].as_u64().expect("meeting id")
}

fn auto_webinar(sim: &Simulator) -> u64 {
    sim.seeded_webinar_ids()
        .into_iter()
        .find(|id| sim.webinar(*id).is_some_and(|w| w["settings"]["approval_type"] == 0))
        .expect("a seeded webinar with automatic approval")
}

fn approved(list: Vec<Value>) -> usize {
    list.iter().filter(|r| r["status"] == "approved").count()
}

/// Creates what the row needs, fetches the token (so the action's own requests are all that
/// follow) and returns the row's inputs.
pub async fn prepare(row: &Row, env: &mut Env) -> Prepared {
    let p = |input: Value, prefix: String, unknown: Option<Value>| Prepared {
        input,
        prefix,
        unknown,
        count: None,
        held: None,
    };
    let nobody_user = |extra: Value| {
        let mut v = extra;
        v["user_id"] = json!(NOBODY);
        Some(v)
    };
    let prepared = match row.name {
        "test-connection" => p(json!({}), "/v2/users/me".into(), None),
        "create-meeting" => Prepared {
            count: Some(Box::new(|s: &Simulator| s.meeting_count())),
            ..p(
                json!({"topic": "Fault matrix", "start_time": "2030-01-01T10:00:00Z"}),
                "/v2/users/me/meetings".into(),
                nobody_user(json!({"topic": "Fault matrix", "start_time": "2030-01-01T10:00:00Z"})),
            )
        },
        "get-meeting" | "update-meeting" | "delete-meeting" => {
            let id = meeting(env, "Target").await;
            let (input, unknown) = if row.name == "update-meeting" {
                (json!({"meeting_id": id, "topic": "Renamed"}), json!({"meeting_id": 1, "topic": "Renamed"}))
            } else {
                (json!({"meeting_id": id}), json!({"meeting_id": 1}))
            };
            p(input, format!("/v2/meetings/{id}"), Some(unknown))
        }
        "list-meetings" => {
            for i in 0..3 {
                meeting(env, &format!("Listed {i}")).await;
            }
            Prepared {
                held: Some(Box::new(|s: &Simulator| s.meeting_count())),
                ..p(json!({}), "/v2/users/me/meetings".into(), nobody_user(json!({})))
            }
        }
        "get-meeting-invitation" => {
            let id = meeting(env, "Invited").await;
            p(json!({"meeting_id": id}), format!("/v2/meetings/{id}/invitation"), Some(json!({"meeting_id": 1})))
        }
        "add-meeting-registrant" => {
            let id = env.registration_meeting().await;
            let input = |mid: u64| json!({"meeting_id": mid, "email": NEW_EMAIL, "first_name": "Fault"});
            Prepared {
                count: Some(Box::new(move |s: &Simulator| s.registrants(id).len())),
                ..p(input(id), format!("/v2/meetings/{id}/registrants"), Some(input(1)))
            }
        }
        "list-meeting-registrants" => {
            let id = env.registration_meeting().await;
            for i in 0..3 {
                env.ok(
                    "add-meeting-registrant",
                    json!({"meeting_id": id, "email": format!("r{i}@example.com"), "first_name": "R"}),
                )
                .await;
            }
            Prepared {
                held: Some(Box::new(move |s: &Simulator| approved(s.registrants(id)))),
                ..p(json!({"meeting_id": id}), format!("/v2/meetings/{id}/registrants"), Some(json!({"meeting_id": 1})))
            }
        }
        "update-meeting-registrant-status" => {
            let id = env.registration_meeting().await;
            env.ok("add-meeting-registrant", json!({"meeting_id": id, "email": NEW_EMAIL, "first_name": "R"})).await;
            let input =
                |mid: u64| json!({"meeting_id": mid, "action": "approve", "registrants": [{"email": NEW_EMAIL}]});
            p(input(id), format!("/v2/meetings/{id}/registrants/status"), Some(input(1)))
        }
        "update-webinar-registrant-status" => {
            let id = auto_webinar(&env.sim);
            let email = env.sim.webinar_registrants(id)[0]["email"].clone();
            let input = |wid: u64| json!({"webinar_id": wid, "action": "approve", "registrants": [{"email": email}]});
            p(input(id), format!("/v2/webinars/{id}/registrants/status"), Some(input(1)))
        }
        "get-meeting-recordings" => {
            let (id, _) = env.sim.recorded_meeting();
            p(
                json!({"meeting_id": id.to_string()}),
                format!("/v2/meetings/{id}/recordings"),
                Some(json!({"meeting_id": "1"})),
            )
        }
        "get-meeting-transcript" | "delete-meeting-recordings" | "get-meeting-summary" => {
            let (id, _) = env.sim.recorded_meeting();
            let route = match row.name {
                "get-meeting-transcript" => "transcript",
                "get-meeting-summary" => "meeting_summary",
                _ => "recordings",
            };
            p(
                json!({"meeting_id": id.to_string()}),
                format!("/v2/meetings/{id}/{route}"),
                Some(json!({"meeting_id": "1"})),
            )
        }
        "download-recording-file" => {
            let (id, uuid) = env.sim.recorded_meeting();
            let recording = env.sim.recording(&uuid).expect("the recorded meeting's recording");
            let files = recording["recording_files"].as_array().expect("files");
            let chat = files.iter().find(|f| f["file_type"] == "CHAT").expect("a chat file")["id"].clone();
            let input = |mid: &str| json!({"meeting_id": mid, "file_id": chat});
            p(input(&id.to_string()), format!("/v2/meetings/{id}/recordings"), Some(input("1")))
        }
        "list-meeting-summaries" => p(json!({}), "/v2/meetings/meeting_summaries".into(), None),
        "list-webinars" => p(json!({}), "/v2/users/me/webinars".into(), nobody_user(json!({}))),
        "get-webinar" => {
            let id = env.sim.seeded_webinar_ids()[0];
            p(json!({"webinar_id": id.to_string()}), format!("/v2/webinars/{id}"), Some(json!({"webinar_id": "1"})))
        }
        "add-webinar-registrant" => {
            let id = auto_webinar(&env.sim);
            let input = |wid: u64| json!({"webinar_id": wid, "email": NEW_EMAIL, "first_name": "Fault"});
            Prepared {
                count: Some(Box::new(move |s: &Simulator| s.webinar_registrants(id).len())),
                ..p(input(id), format!("/v2/webinars/{id}/registrants"), Some(input(1)))
            }
        }
        "list-webinar-registrants" => {
            let id = auto_webinar(&env.sim);
            Prepared {
                held: Some(Box::new(move |s: &Simulator| approved(s.webinar_registrants(id)))),
                ..p(json!({"webinar_id": id}), format!("/v2/webinars/{id}/registrants"), Some(json!({"webinar_id": 1})))
            }
        }
        "list-past-meeting-polls" => {
            let (id, _) = env.sim.recorded_meeting();
            p(
                json!({"meeting_id": id.to_string()}),
                format!("/v2/past_meetings/{id}/polls"),
                Some(json!({"meeting_id": "1"})),
            )
        }
        "list-webinar-panelists" | "add-webinar-panelists" | "remove-webinar-panelist" => {
            let id = env.sim.seeded_webinar_ids()[0];
            let panelist = |wid: u64| json!({"webinar_id": wid, "panelists": [{"name": "Fault", "email": NEW_EMAIL}]});
            match row.name {
                "list-webinar-panelists" => {
                    env.ok("add-webinar-panelists", panelist(id)).await;
                    let input = |wid: u64| json!({"webinar_id": wid});
                    p(input(id), format!("/v2/webinars/{id}/panelists"), Some(input(1)))
                }
                "add-webinar-panelists" => Prepared {
                    count: Some(Box::new(move |s: &Simulator| s.webinar_panelists(id).len())),
                    ..p(panelist(id), format!("/v2/webinars/{id}/panelists"), Some(panelist(1)))
                },
                _ => {
                    env.ok("add-webinar-panelists", panelist(id)).await;
                    let pid = env.sim.webinar_panelists(id)[0]["id"].as_str().expect("a panelist id").to_owned();
                    let input = |wid: u64| json!({"webinar_id": wid, "panelist_id": pid});
                    p(input(id), format!("/v2/webinars/{id}/panelists/{pid}"), Some(input(1)))
                }
            }
        }
        "create-webinar" => {
            let input = json!({"topic": "Fault matrix", "start_time": "2030-01-01T10:00:00Z"});
            Prepared {
                count: Some(Box::new(|s: &Simulator| s.webinar_count())),
                ..p(input.clone(), "/v2/users/me/webinars".into(), nobody_user(input))
            }
        }
        "update-webinar" | "delete-webinar" => {
            let w = env.ok("create-webinar", json!({"topic": "Target", "start_time": "2030-01-01T10:00:00Z"})).await;
            let id = w["id"].as_u64().expect("webinar id");
            let (input, unknown) = if row.name == "update-webinar" {
                (json!({"webinar_id": id, "topic": "Renamed"}), json!({"webinar_id": 1, "topic": "Renamed"}))
            } else {
                (json!({"webinar_id": id}), json!({"webinar_id": 1}))
            };
            p(input, format!("/v2/webinars/{id}"), Some(unknown))
        }
        "list-webinar-absentees" => {
            let id = env.sim.past_webinar_id();
            p(
                json!({"webinar_id": id.to_string()}),
                format!("/v2/past_webinars/{id}/absentees"),
                Some(json!({"webinar_id": "1"})),
            )
        }
        "list-past-webinar-polls" | "list-past-webinar-qa" => {
            let id = env.sim.past_webinar_id();
            let route = if row.name == "list-past-webinar-qa" { "qa" } else { "polls" };
            p(
                json!({"webinar_id": id.to_string()}),
                format!("/v2/past_webinars/{id}/{route}"),
                Some(json!({"webinar_id": "1"})),
            )
        }
        "get-past-meeting" | "list-past-meeting-instances" | "list-meeting-participants" => {
            let (id, _) = env.sim.recorded_meeting();
            let (input, unknown, route) = match row.name {
                "get-past-meeting" => (json!({"meeting_id": id.to_string()}), json!({"meeting_id": "1"}), ""),
                "list-past-meeting-instances" => (json!({"meeting_id": id}), json!({"meeting_id": 1}), "/instances"),
                _ => (json!({"meeting_id": id.to_string()}), json!({"meeting_id": "1"}), "/participants"),
            };
            p(input, format!("/v2/past_meetings/{id}{route}"), Some(unknown))
        }
        "list-webinar-participants" => {
            let id = env.sim.past_webinar_id();
            p(
                json!({"webinar_id": id.to_string()}),
                format!("/v2/past_webinars/{id}/participants"),
                Some(json!({"webinar_id": "1"})),
            )
        }
        "create-user" => Prepared {
            count: Some(Box::new(|s: &Simulator| usize::from(s.user(NEW_EMAIL).is_some()))),
            ..p(json!({"action": "create", "email": NEW_EMAIL, "user_type": "basic"}), "/v2/users".into(), None)
        },
        "get-user" => p(json!({}), "/v2/users/me".into(), nobody_user(json!({}))),
        "update-user" => p(
            json!({"user_id": "me", "job_title": "Fault tester"}),
            "/v2/users/me".into(),
            nobody_user(json!({"job_title": "Fault tester"})),
        ),
        "delete-user" => {
            p(json!({"user_id": CASEY}), "/v2/users/casey.basic%40example.com".into(), nobody_user(json!({})))
        }
        "list-users" => p(json!({}), "/v2/users".into(), None),
        "get-user-settings" => p(json!({}), "/v2/users/me/settings".into(), nobody_user(json!({}))),
        "update-user-settings" => {
            let input = json!({"settings": "{\"in_meeting\": {\"chat\": false}}"});
            p(input.clone(), "/v2/users/me/settings".into(), nobody_user(input))
        }
        "list-user-channels" => p(json!({}), "/v2/chat/users/me/channels".into(), nobody_user(json!({}))),
        "list-user-chat-messages" => p(
            json!({"to_channel": env.sim.chat_channel_id()}),
            "/v2/chat/users/me/messages".into(),
            Some(json!({"to_contact": NOBODY})),
        ),
        "send-chat-message" => {
            let channel = env.sim.chat_channel_id();
            let input = |ch: &str| json!({"to_channel": ch, "message": "Fault matrix"});
            Prepared {
                count: Some(Box::new(move |s: &Simulator| s.channel_messages(&channel).len())),
                ..p(input(&env.sim.chat_channel_id()), "/v2/chat/users/me/messages".into(), Some(input("nope")))
            }
        }
        "list-groups" => {
            let held = env.sim.seeded_group_ids().len();
            Prepared { held: Some(Box::new(move |_: &Simulator| held)), ..p(json!({}), "/v2/groups".into(), None) }
        }
        "add-group-members" => {
            let group = env.sim.seeded_group_ids()[2].clone();
            let input = |g: &str| json!({"group_id": g, "members": [{"email": CASEY}]});
            let prefix = format!("/v2/groups/{group}/members");
            Prepared {
                count: Some(Box::new({
                    let group = group.clone();
                    move |s: &Simulator| s.group_members(&group).len()
                })),
                ..p(input(&group), prefix, Some(input("nope")))
            }
        }
        "remove-group-member" => {
            let group = env.sim.seeded_group_ids()[0].clone();
            let member = env.sim.group_members(&group)[0].clone();
            let input = |g: &str| json!({"group_id": g, "member_id": member});
            p(input(&group), format!("/v2/groups/{group}/members/{member}"), Some(input("nope")))
        }
        "get-phone-recordings" => p(json!({}), "/v2/phone/users/me/recordings".into(), nobody_user(json!({}))),
        "list-phone-call-logs" => {
            // The default window is the last 24 hours; three weeks hold enough calls for pages.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
            let day = |back: i64| zoom_sim::format_utc(now - back * 86_400)[..10].to_owned();
            let input = json!({"user_id": "me", "from": day(21), "to": day(0)});
            p(input.clone(), "/v2/phone/users/me/call_history".into(), nobody_user(input))
        }
        "raw-request GET" => p(
            json!({"method": "get", "path": "/users/me"}),
            "/v2/users/me".into(),
            Some(json!({"method": "get", "path": format!("/users/{NOBODY}")})),
        ),
        "raw-request POST" => {
            let body = json!({"topic": "Raw fault", "type": 2, "start_time": "2030-03-01T09:00:00Z"}).to_string();
            Prepared {
                count: Some(Box::new(|s: &Simulator| s.meeting_count())),
                ..p(
                    json!({"method": "post", "path": "/users/me/meetings", "body": body}),
                    "/v2/users/me/meetings".into(),
                    Some(json!({"method": "post", "path": format!("/users/{NOBODY}/meetings"), "body": body})),
                )
            }
        }
        "license-inventory" => p(json!({}), "/v2/users".into(), None),
        "login-activity" => p(json!({"from": days_ago(10)}), "/v2/report/activities".into(), None),
        "usage-summary" => p(json!({"from": days_ago(20), "to": days_ago(1)}), "/v2/report/daily".into(), None),
        "plan-usage" => p(json!({}), "/v2/accounts/me/plans/usage".into(), None),
        "set-user-type" => p(
            json!({"user_id": CASEY, "user_type": "licensed"}),
            "/v2/users/casey.basic%40example.com".into(),
            Some(json!({"user_id": NOBODY, "user_type": "licensed"})),
        ),
        "deactivate-user" => p(
            json!({"user_id": CASEY}),
            "/v2/users/casey.basic%40example.com/status".into(),
            Some(json!({"user_id": NOBODY})),
        ),
        "activate-user" => p(
            json!({"user_id": GRAY}),
            "/v2/users/gray.inactive%40example.com/status".into(),
            Some(json!({"user_id": NOBODY})),
        ),
        "reclaim-inactive-licenses" => p(json!({"days": 30}), "/v2/users".into(), None),
        other => panic!("no fixture for row {other}"),
    };
    // The token is fetched before the action runs, so the cell sees only the action's requests.
    env.ok("test-connection", json!({})).await;
    prepared
}
