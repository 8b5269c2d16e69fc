//! Seeded webinars of the account owner: an upcoming single webinar with
//! automatic registration approval, an upcoming weekly series with manual
//! approval, an upcoming one without registration, and one that ended ten
//! days ago with registrants, participants and two absentees. Times are relative to start-up.

use super::clock;
use super::recurrence;
use super::store::Store;
use super::webinar_registrants::{new_record, WebinarRegistrant};
use super::webinar_rules;
use super::webinars::ended;
use serde_json::{json, Map, Value};

struct Seed {
    topic: &'static str,
    agenda: &'static str,
    kind: i64,
    /// Start, in days from now (negative: past), at the next full hour.
    days: i64,
    duration: i64,
    approval_type: i64,
}

const SEEDS: &[Seed] = &[
    Seed {
        topic: "Quarterly Product Update",
        agenda: "What shipped this quarter and what is next.",
        kind: 5,
        days: 7,
        duration: 60,
        approval_type: 0,
    },
    Seed {
        topic: "Weekly Developer Office Hours",
        agenda: "Bring your API questions.",
        kind: 9,
        days: 3,
        duration: 45,
        approval_type: 1,
    },
    Seed {
        topic: "Customer Town Hall",
        agenda: "Open to every customer; no registration.",
        kind: 5,
        days: 14,
        duration: 90,
        approval_type: 2,
    },
    Seed {
        topic: "Onboarding Masterclass",
        agenda: "Getting started with the platform.",
        kind: 5,
        days: -10,
        duration: 90,
        approval_type: 0,
    },
];

/// Registrants of the past webinar who attended; some internal.
const ATTENDEES: &[(&str, &str, &str)] = &[
    ("Jill", "Chill", "jchill@example.org"),
    ("Omar", "Haddad", "omar.haddad@example.net"),
    ("Mei", "Tanaka", "mei.tanaka@example.org"),
    ("Lukas", "Berg", "lukas.berg@example.net"),
    ("Ana", "Souza", "ana.souza@example.org"),
    ("Blake", "Licensed", "blake.licensed@example.com"),
];

/// Registrants of the past webinar who never joined (its absentees).
const ABSENTEES: &[(&str, &str, &str)] =
    &[("Noor", "Aziz", "noor.aziz@example.org"), ("Felix", "Braun", "felix.braun@example.net")];

/// A new webinar's settings, with video on, cloud recording and share
/// buttons, and the seed's approval type.
fn settings(approval_type: i64, admin: &Value) -> Value {
    let mut s = webinar_rules::default_settings(admin);
    for (k, v) in [
        ("host_video", json!(true)),
        ("panelists_video", json!(true)),
        ("show_share_button", json!(true)),
        ("auto_recording", json!("cloud")),
        ("approval_type", json!(approval_type)),
    ] {
        s.insert(k.into(), v);
    }
    Value::Object(s)
}

pub(crate) fn seed(store: &mut Store) {
    let admin = store.admin().clone();
    let base = store.base_url.clone();
    let hour = clock::now_secs().div_euclid(3600) * 3600 + 3600;
    for seed in SEEDS {
        let id = store.fresh_numeric_id();
        let start = hour + seed.days * 86_400;
        let rng = &mut store.rng;
        let mut w = json!({
            "id": id,
            "uuid": rng.meeting_uuid(),
            "host_id": admin["id"],
            "host_email": admin["email"],
            "topic": seed.topic,
            "agenda": seed.agenda,
            "type": seed.kind,
            "start_time": clock::format_utc(start),
            "duration": seed.duration,
            "timezone": admin["timezone"],
            "created_at": clock::format_utc(start - 30 * 86_400),
            "start_url": format!("{base}/s/{id}?zak={}", rng.alnum(43)),
            "join_url": format!("{base}/w/{id}"),
            "password": rng.digits(6),
            "h323_passcode": rng.digits(6),
            "encrypted_passcode": format!("{}.1", rng.alnum(30)),
            "settings": settings(seed.approval_type, &admin),
            "tracking_fields": [],
            "is_simulive": false,
            "creation_source": "web_portal",
        });
        if seed.approval_type != 2 {
            w["registration_url"] = json!(format!("{base}/webinar/register/WN_{}", rng.alnum(22)));
        }
        if seed.kind == 9 {
            let rec = json!({"type": 2, "repeat_interval": 1, "weekly_days": "4", "end_times": 4});
            let rec_map: Map<String, Value> = rec.as_object().cloned().unwrap_or_default();
            w["occurrences"] = Value::Array(recurrence::occurrences(start, seed.duration, &rec_map));
            w["recurrence"] = rec;
        }
        store.webinars.push(w);
    }
    seed_registrants(store);
}

/// Registrants for the upcoming registration webinars and attendance for
/// the past one.
fn seed_registrants(store: &mut Store) {
    let list: Vec<Value> = store.webinars.clone();
    let now = clock::now_secs();
    for w in &list {
        let id = w["id"].as_u64().unwrap_or_default();
        let people: Vec<(&str, &str, &str, &str)> = match (w["settings"]["approval_type"].as_i64(), ended(w, now)) {
            (Some(0), true) => ATTENDEES.iter().chain(ABSENTEES).map(|&(f, l, e)| (f, l, e, "approved")).collect(),
            (Some(0), false) => {
                vec![
                    ("Priya", "Nair", "priya.nair@example.org", "approved"),
                    ("Tom", "Reyes", "tom.reyes@example.net", "approved"),
                ]
            }
            (Some(1), _) => vec![
                ("Sam", "Okafor", "sam.okafor@example.org", "approved"),
                ("Ivy", "Chen", "ivy.chen@example.net", "pending"),
                ("Max", "Weber", "max.weber@example.org", "denied"),
            ],
            _ => continue,
        };
        let occurrence_ids: Vec<String> = w["occurrences"]
            .as_array()
            .map(|o| o.iter().filter_map(|o| o["occurrence_id"].as_str().map(String::from)).collect())
            .unwrap_or_default();
        for (first, last, email, status) in people {
            let body: Map<String, Value> = json!({"first_name": first, "last_name": last, "email": email})
                .as_object()
                .cloned()
                .unwrap_or_default();
            let record = new_record(store, w, &body, status);
            let reg = WebinarRegistrant { record, occurrence_ids: occurrence_ids.clone(), source_id: None };
            store.webinar_registrants.entry(id).or_default().push(reg);
        }
        if ended(w, now) {
            seed_participants(store, w);
        }
    }
}

/// The registrants of `ATTENDEES` attended (those of `ABSENTEES` did not);
/// two account users joined as well. One attendee dropped and rejoined,
/// which Zoom reports as two rows.
fn seed_participants(store: &mut Store, w: &Value) {
    let id = w["id"].as_u64().unwrap_or_default();
    let start = w["start_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
    let attended = |r: &Value| ATTENDEES.iter().any(|(_, _, e)| r["email"] == *e);
    let registrants: Vec<Value> = store
        .webinar_registrants
        .get(&id)
        .map(|l| l.iter().map(|r| r.record.clone()).filter(attended).collect())
        .unwrap_or_default();
    let internal: Vec<Value> = store.users.iter().skip(3).take(2).cloned().collect();
    let mut rows: Vec<(String, String, String, bool, i64, i64)> = Vec::new();
    for (i, r) in registrants.iter().enumerate() {
        let name = format!("{} {}", r["first_name"].as_str().unwrap_or(""), r["last_name"].as_str().unwrap_or(""));
        let email = r["email"].as_str().unwrap_or_default().to_string();
        let is_internal = email.ends_with("@example.com");
        let join = start + 60 * (i as i64 % 4);
        rows.push((name, email, r["id"].as_str().unwrap_or_default().to_string(), is_internal, join, join + 80 * 60));
    }
    for u in &internal {
        let name = u["display_name"].as_str().unwrap_or_default().to_string();
        rows.push((
            name,
            u["email"].as_str().unwrap_or_default().to_string(),
            String::new(),
            true,
            start,
            start + 5400,
        ));
    }
    if let Some(first) = rows.first().cloned() {
        rows[0].5 = first.4 + 20 * 60;
        rows.push((first.0, first.1, first.2, first.3, first.4 + 22 * 60, first.4 + 85 * 60));
    }
    let participants: Vec<Value> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, email, registrant_id, internal_user, join, leave))| {
            json!({
                "id": store.rng.zoom_id(),
                "name": name,
                "user_id": (16_778_240 + i as u64).to_string(),
                "registrant_id": registrant_id,
                "user_email": email,
                "join_time": clock::format_utc(join),
                "leave_time": clock::format_utc(leave),
                "duration": leave - join,
                "failover": false,
                "status": "in_meeting",
                "internal_user": internal_user,
            })
        })
        .collect();
    store.webinar_participants.insert(id, participants);
}

/// Webinar ids, upcoming ones first (then by start time).
pub(crate) fn ids(store: &Store) -> Vec<u64> {
    let now = clock::now_secs();
    let mut list: Vec<(bool, &str, u64)> = store
        .webinars
        .iter()
        .map(|w| (ended(w, now), w["start_time"].as_str().unwrap_or(""), w["id"].as_u64().unwrap_or_default()))
        .collect();
    list.sort();
    list.into_iter().map(|(_, _, id)| id).collect()
}

pub(crate) fn past_id(store: &Store) -> u64 {
    let now = clock::now_secs();
    store.webinars.iter().find(|w| ended(w, now)).and_then(|w| w["id"].as_u64()).unwrap_or_default()
}
