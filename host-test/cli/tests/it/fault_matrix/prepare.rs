//! Making a fault-matrix row ready against one simulator: what it needs created first, its valid
//! and unknown-id inputs, and how to count what a write or a list leaves in the simulator.

use serde_json::{json, Value};
use zoom_sim::Simulator;

use super::rows::Row;
use crate::harness::Env;

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
    let now = crate::harness::now();
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
        "get-meeting-recordings"
        | "get-meeting-transcript"
        | "delete-meeting-recordings"
        | "get-meeting-summary"
        | "list-past-meeting-polls" => {
            let (id, _) = env.sim.recorded_meeting();
            let path = match row.name {
                "get-meeting-transcript" => format!("/v2/meetings/{id}/transcript"),
                "get-meeting-summary" => format!("/v2/meetings/{id}/meeting_summary"),
                "list-past-meeting-polls" => format!("/v2/past_meetings/{id}/polls"),
                _ => format!("/v2/meetings/{id}/recordings"),
            };
            p(json!({"meeting_id": id.to_string()}), path, Some(json!({"meeting_id": "1"})))
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
        "list-past-webinar-polls" | "list-past-webinar-qa" | "list-webinar-participants" => {
            let id = env.sim.past_webinar_id();
            let route = match row.name {
                "list-past-webinar-qa" => "qa",
                "list-webinar-participants" => "participants",
                _ => "polls",
            };
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
            let now = crate::harness::now_i64();
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
