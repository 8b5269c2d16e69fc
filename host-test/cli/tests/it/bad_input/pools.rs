//! What valid values look like in this simulator: the ids and names it holds, gathered before a
//! run and kept up to date with what the run creates and deletes.

use serde_json::{json, Value};
use zoom_runtime::Outcome;

use crate::harness::Env;

/// Ids and names that exist in the simulator, so valid inputs reach real objects.
pub struct Pools {
    /// Days since 1970-01-01 (UTC).
    pub today: i64,
    /// Meetings that exist and are not deleted by this run.
    pub meetings: Vec<u64>,
    /// A meeting that takes registrations.
    pub reg_meeting: u64,
    /// Occurrence ids of a recurring meeting.
    pub occurrences: Vec<String>,
    /// A meeting with cloud recordings: id and latest instance UUID.
    pub recorded: (u64, String),
    pub webinars: Vec<u64>,
    pub past_webinar: u64,
    /// Users that exist, including `me`.
    pub users: Vec<String>,
    /// Users other than the connection's own.
    pub other_users: Vec<String>,
    pub admin_email: String,
    pub channel: String,
    pub contact: String,
    /// Groups of the account; the first has members.
    pub groups: Vec<String>,
    /// Meetings and users this run created; delete actions pick from them.
    pub created_meetings: Vec<u64>,
    pub created_users: Vec<String>,
    /// Webinars this run created; delete-webinar picks from them.
    pub created_webinars: Vec<u64>,
}

/// `yyyy-MM-dd` of a day number.
pub fn date(days: i64) -> String {
    zoom_sim::format_date(days)
}

fn today() -> i64 {
    (crate::harness::now() / 86_400) as i64
}

/// Ids the simulator holds, plus a meeting with registration and a recurring one.
pub async fn pools(env: &mut Env) -> Pools {
    let reg = env.registration_meeting().await;
    let recurring = env
        .ok(
            "create-meeting",
            json!({"topic": "Recurring pool", "meeting_type": "recurring_fixed_time", "start_time": "2030-01-06T10:00:00Z",
                   "recurrence": {"recurrence_type": "daily", "end_times": 5}}),
        )
        .await;
    let occurrences: Vec<String> = recurring["occurrences"]
        .as_array()
        .map(|l| l.iter().filter_map(|o| o["occurrence_id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(!occurrences.is_empty(), "the recurring pool meeting has occurrences: {recurring}");
    let plain = env.ok("create-meeting", json!({"topic": "Plain pool", "start_time": "2030-02-01T10:00:00Z"})).await;
    let admin = env.sim.admin_user();
    let admin_id = admin["id"].as_str().expect("admin id").to_owned();
    let admin_email = admin["email"].as_str().expect("admin email").to_owned();
    let listed = env.ok("list-users", json!({})).await;
    let other_users: Vec<String> = listed["items"]
        .as_array()
        .expect("users")
        .iter()
        .filter(|u| u["id"] != admin["id"])
        .flat_map(|u| [u["id"].as_str(), u["email"].as_str()])
        .flatten()
        .map(str::to_owned)
        .collect();
    assert!(!other_users.is_empty(), "the simulator seeds users besides the admin");
    let recorded = env.sim.recorded_meeting();
    let mut users = vec!["me".to_owned(), admin_id, admin_email.clone()];
    users.extend(other_users.iter().take(4).cloned());
    Pools {
        today: today(),
        meetings: vec![reg, recurring["id"].as_u64().expect("id"), plain["id"].as_u64().expect("id"), recorded.0],
        reg_meeting: reg,
        occurrences,
        recorded,
        webinars: env.sim.seeded_webinar_ids(),
        past_webinar: env.sim.past_webinar_id(),
        users,
        other_users,
        admin_email,
        channel: env.sim.chat_channel_id(),
        contact: env.sim.chat_contact_email(),
        groups: env.sim.seeded_group_ids(),
        created_meetings: Vec::new(),
        created_users: Vec::new(),
        created_webinars: Vec::new(),
    }
}

/// Keeps the delete actions supplied with objects this run created.
pub fn track(pools: &mut Pools, action: &str, input: &Value, outcome: &Outcome) {
    let Outcome::Ok(v) = outcome else { return };
    match action {
        "create-meeting" if pools.created_meetings.len() < 200 => {
            pools.created_meetings.extend(v["id"].as_u64());
        }
        "create-webinar" if pools.created_webinars.len() < 200 => {
            pools.created_webinars.extend(v["id"].as_u64());
        }
        "delete-webinar" => {
            let id = v["webinar_id"].as_u64();
            if v["occurrence_id"].is_null() {
                pools.created_webinars.retain(|w| Some(*w) != id);
            }
        }
        "create-user" if pools.created_users.len() < 200 => {
            pools.created_users.extend(v["id"].as_str().map(str::to_owned));
        }
        "delete-meeting" => {
            let id = v["meeting_id"].as_u64();
            if v["occurrence_id"].is_null() {
                pools.created_meetings.retain(|m| Some(*m) != id);
            }
        }
        "delete-user" => {
            let id = input["user_id"].as_str().map(str::trim);
            pools.created_users.retain(|u| Some(u.as_str()) != id);
        }
        _ => {}
    }
}
