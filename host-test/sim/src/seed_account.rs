//! An optional, realistic account for the licence and usage reports: hundreds
//! of users across types (Basic, Licensed, Unassigned) and statuses (active,
//! inactive, pending), with Plan United types, last sign-in times and client
//! versions, sign-in/sign-out history, past meetings with participants,
//! cloud recordings with sizes, past webinars, Zoom Rooms and a plan with
//! seat counts. Added on top of the default seed (`Simulator::seed_account`),
//! so the default simulator stays as it was.

use super::activity;
use super::clock;
use super::plans::Plan;
use super::seed_media;
use super::store::Store;
use super::users::{self, Profile};
use serde_json::{json, Value};

/// What `Simulator::seed_account` adds.
#[derive(Clone, Debug)]
pub struct AccountSeed {
    /// Users to add (on top of the default seven).
    pub users: usize,
    /// Zoom Rooms; 0 leaves the account without a Zoom Rooms plan.
    pub zoom_rooms: usize,
    /// Whether the account has Zoom Phone.
    pub phone: bool,
    /// Webinar licences; 0 leaves the account without a webinar plan.
    pub webinar_seats: u64,
}

impl Default for AccountSeed {
    fn default() -> AccountSeed {
        AccountSeed { users: 320, zoom_rooms: 6, phone: true, webinar_seats: 5 }
    }
}

const FIRST: &[&str] = &["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gia", "Hal", "Ida", "Jon", "Kai", "Lea"];
const DEPTS: &[&str] = &["Sales", "Support", "Engineering", "Marketing", "Finance", "Legal"];
const VERSIONS: &[&str] = &["6.1.0.35873(mac)", "6.0.11.35001(win)", "5.17.11.34827(android)", "6.1.5.36117(ios)"];
const ROOM_STATUS: &[&str] = &["Available", "InMeeting", "Offline", "Available", "UnderConstruction"];

/// (type, status) of the n-th added user: about 55 % Licensed, 35 % Basic,
/// 10 % Unassigned; one in eleven pending, one in nine deactivated.
fn kind(n: usize) -> (i64, &'static str) {
    let t = match n % 20 {
        0..=10 => 2,
        11..=17 => 1,
        _ => 4,
    };
    let status = if n % 11 == 5 {
        "pending"
    } else if n % 9 == 4 {
        "inactive"
    } else {
        "active"
    };
    (t, status)
}

pub(crate) fn seed(store: &mut Store, opts: &AccountSeed) {
    let now = clock::now_secs();
    let account_id = store.creds.account_id.clone();
    let account_number = store.admin()["account_number"].as_u64().unwrap_or(10_000_000);
    let base_url = store.base_url.clone();
    let start = store.users.len();
    for n in 0..opts.users {
        let (user_type, status) = kind(n);
        let first = FIRST[n % FIRST.len()];
        let last = format!("Seat{n:03}");
        let email = format!("{}.{}@acme.example.com", first.to_lowercase(), last.to_lowercase());
        let dept = DEPTS[n % DEPTS.len()];
        let role = if n % 40 == 7 { ("Admin", "1") } else { ("Member", "2") };
        let profile =
            Profile { first, last: &last, email: &email, user_type, status, role_name: role.0, role_id: role.1, dept };
        let created = now - 86_400 * store.rng.range(20, 900) as i64;
        let mut user = users::build(&mut store.rng, (&account_id, account_number), &base_url, &profile, created);
        if user_type == 2 && n % 3 == 0 {
            user["plan_united_type"] = json!("1");
        }
        // Active users signed in between an hour and ~120 days ago; one in
        // thirteen never did. Deactivated users signed in long ago.
        let last_login = match status {
            "active" if n % 13 == 3 => None,
            // Spread evenly over the days (so every window has sign-ins), at a random time.
            "active" => Some(now - 3600 - 86_400 * ((n * 37) % 120) as i64 - store.rng.range(0, 86_399) as i64),
            "inactive" => Some(now - 86_400 * store.rng.range(150, 400) as i64),
            _ => None,
        };
        if let Some(t) = last_login.filter(|t| *t > created) {
            let version = VERSIONS[n % VERSIONS.len()];
            user["last_login_time"] = json!(clock::format_utc(t));
            user["last_client_version"] = json!(version);
            let history = activity::history(&mut store.rng, &email, t, version, 10, 3);
            store.activity_logs.extend(history);
        }
        store.users.push(user);
    }
    activity::sort_newest_first(&mut store.activity_logs);
    seed_meetings(store, start, now);
    seed_webinars(store, start, now);
    seed_rooms(store, opts.zoom_rooms);
    store.plan = Plan {
        base_seats: (store.users.iter().filter(|u| u["type"] == 2 && u["status"] != "inactive").count() as u64 + 25),
        webinar_seats: opts.webinar_seats,
        room_seats: opts.zoom_rooms as u64,
        storage_gb: 1000,
        phone: opts.phone,
    };
}

/// Past meetings of most active licensed users over the last ~120 days, with
/// participants; about one in four has a cloud recording.
fn seed_meetings(store: &mut Store, start: usize, now: i64) {
    let hosts: Vec<Value> = store.users[start..]
        .iter()
        .enumerate()
        .filter(|(i, u)| u["type"] == 2 && u["status"] == "active" && i % 5 != 1)
        .map(|(_, u)| u.clone())
        .collect();
    let emails: Vec<String> = store.users.iter().filter_map(|u| u["email"].as_str().map(String::from)).collect();
    for host in &hosts {
        let count = store.rng.range(1, 5);
        for _ in 0..count {
            let days_ago = store.rng.range(1, 120) as i64;
            let start_time = (now - days_ago * 86_400).div_euclid(3600) * 3600;
            let minutes = store.rng.range(15, 90) as i64;
            let participants: Vec<Value> = (0..store.rng.range(1, 12))
                .map(|_| {
                    let e = &emails[(store.rng.next_u64() % emails.len() as u64) as usize];
                    json!({"user_email": e, "join_time": clock::format_utc(start_time), "duration": minutes * 60})
                })
                .collect();
            let id = store.fresh_numeric_id();
            let uuid = store.rng.meeting_uuid();
            let topic = format!("{} sync", host["dept"].as_str().unwrap_or("Team"));
            store.past_meetings.push(json!({
                "uuid": uuid,
                "id": id,
                "host_id": host["id"],
                "topic": topic,
                "start_time": clock::format_utc(start_time),
                "duration": minutes,
                "participants": participants,
            }));
            if store.rng.range(0, 3) == 0 {
                let rec = seed_media::recording(
                    store,
                    host,
                    (id, &uuid),
                    &topic,
                    2,
                    (start_time, minutes),
                    seed_media::FILES,
                );
                store.recordings.push(rec);
            }
        }
    }
}

/// Past webinars of a few licensed hosts, in the dashboard's shape.
fn seed_webinars(store: &mut Store, start: usize, now: i64) {
    let hosts: Vec<Value> =
        store.users[start..].iter().filter(|u| u["type"] == 2 && u["status"] == "active").take(4).cloned().collect();
    for (i, host) in hosts.iter().enumerate() {
        for k in 0..(i as i64 + 1) {
            let begin = (now - (3 + 9 * k + i as i64) * 86_400).div_euclid(3600) * 3600;
            let secs = store.rng.range(1800, 7200) as i64;
            let id = store.fresh_numeric_id();
            let uuid = store.rng.meeting_uuid();
            let participants = store.rng.range(10, 400);
            store.webinar_metrics.push(json!({
                "uuid": uuid,
                "id": id,
                "topic": format!("Webinar {}", k + 1),
                "host": host["display_name"],
                "email": host["email"],
                "user_type": "Licensed",
                "start_time": clock::format_utc(begin),
                "end_time": clock::format_utc(begin + secs),
                "duration": format!("{:02}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60),
                "participants": participants,
                "has_recording": false,
                "has_screen_share": true,
            }));
        }
    }
}

fn seed_rooms(store: &mut Store, n: usize) {
    for i in 0..n {
        let id = store.rng.zoom_id();
        store.zoom_rooms.push(json!({
            "id": id,
            "room_name": format!("Room {}", i + 1),
            "status": ROOM_STATUS[i % ROOM_STATUS.len()],
            "device_ip": format!("Computer : 10.0.0.{}", i + 10),
            "location": format!("Floor {}", i / 3 + 1),
            "health": "",
            "issues": [],
            "account_type": "Work Email",
        }));
    }
}
