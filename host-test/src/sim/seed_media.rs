//! Seeded cloud recordings of past meetings and Zoom Phone call recordings.
//! Cloud recordings: two instances of the owner's weekly sync (the latest
//! with a UUID that starts with `/` and contains `//`, so paths must
//! double-encode it), one onboarding call of the owner's and one meeting of
//! another user's. Phone: forty recordings of the owner's spread over the
//! past sixty days, a few of another licensed user's.

use super::clock;
use super::ids::Rng;
use super::store::Store;
use serde_json::{json, Value};

/// (topic, meeting type, duration in minutes, host index, days ago per instance).
const MEETINGS: &[(&str, i64, i64, usize, &[i64])] = &[
    ("Weekly Engineering Sync", 8, 45, 0, &[10, 3]),
    ("Customer Onboarding Call", 2, 30, 0, &[20]),
    ("Sales Pipeline Review", 2, 50, 1, &[5]),
];

/// (file_type, file_extension, recording_type, bytes per minute).
const FILES: &[(&str, &str, &str, u64)] = &[
    ("MP4", "MP4", "shared_screen_with_speaker_view", 1_150_000),
    ("M4A", "M4A", "audio_only", 480_000),
    ("TRANSCRIPT", "VTT", "audio_transcript", 950),
    ("CHAT", "TXT", "chat_file", 60),
];

pub(crate) fn seed(store: &mut Store) {
    let hour = clock::now_secs().div_euclid(3600) * 3600;
    for &(topic, kind, minutes, host, days) in MEETINGS {
        let Some(host) = store.users.get(host).cloned() else { continue };
        let id = store.fresh_numeric_id();
        for (n, days_ago) in days.iter().enumerate() {
            let start = hour - days_ago * 86_400 - 2 * 3600;
            let uuid =
                if kind == 8 && n + 1 == days.len() { slashed_uuid(&mut store.rng) } else { store.rng.meeting_uuid() };
            let rec = recording(store, &host, (id, &uuid), topic, kind, start, minutes);
            store.recordings.push(rec);
        }
    }
    seed_phone(store);
}

/// A valid base64 UUID with a leading `/` and a `//` inside.
fn slashed_uuid(rng: &mut Rng) -> String {
    let u = rng.meeting_uuid();
    format!("/{}//{}", &u[1..6], &u[8..])
}

pub(crate) fn recording(
    store: &mut Store,
    host: &Value,
    (id, uuid): (u64, &str),
    topic: &str,
    kind: i64,
    start: i64,
    minutes: i64,
) -> Value {
    let base = store.base_url.clone();
    let rng = &mut store.rng;
    let files: Vec<Value> = FILES
        .iter()
        .map(|&(file_type, ext, recording_type, per_minute)| {
            let size = per_minute * minutes as u64 + rng.range(0, per_minute.max(2_000));
            json!({
                "id": rng.hyphenated_uuid(),
                "meeting_id": uuid,
                "recording_start": clock::format_utc(start + 12),
                "recording_end": clock::format_utc(start + minutes * 60 - 8),
                "file_type": file_type,
                "file_extension": ext,
                "file_size": size,
                "play_url": format!("{base}/rec/play/{}", rng.alnum(40)),
                "download_url": format!("{base}/rec/download/{}", rng.alnum(40)),
                "status": "completed",
                "recording_type": recording_type,
            })
        })
        .collect();
    let total: u64 = files.iter().filter_map(|f| f["file_size"].as_u64()).sum();
    json!({
        "uuid": uuid,
        "id": id,
        "account_id": host["account_id"],
        "host_id": host["id"],
        "topic": topic,
        // The spec types the recording's meeting type as a string enum.
        "type": kind.to_string(),
        "start_time": clock::format_utc(start),
        "duration": minutes,
        "total_size": total,
        "recording_count": files.len(),
        "password": rng.alnum(8),
        "recording_play_passcode": rng.alnum(32),
        "auto_delete": false,
        "recording_files": files,
    })
}

/// (name, number) of the outside parties in the owner's calls.
const PARTIES: &[(&str, &str)] = &[
    ("Jill Chill", "+14155550123"),
    ("Acme Support", "+18005550199"),
    ("Omar Haddad", "+442071838750"),
    ("Mei Tanaka", "+81355501234"),
    ("Blake Licensed", "102"),
];

fn seed_phone(store: &mut Store) {
    let now = clock::now_secs();
    let owners: Vec<(Value, &str, usize)> = [(0usize, "101", 40usize), (1, "102", 3)]
        .iter()
        .filter_map(|&(i, ext, n)| store.users.get(i).cloned().map(|u| (u, ext, n)))
        .collect();
    for (user, ext, count) in owners {
        let me = user["display_name"].as_str().unwrap_or_default().to_string();
        let list: Vec<Value> = (0..count as i64)
            .map(|i| {
                // 36 hours apart with a jittered hour: 40 calls cover ~59 days.
                let t = now - 600 - i * 36 * 3600 - (i * 7 % 5) * 3600;
                let (party, number) = PARTIES[i as usize % PARTIES.len()];
                phone_recording(store, (&me, ext), (party, number), i % 2 == 0, t, 30 + (i * 97 % 1500))
            })
            .collect();
        let id = user["id"].as_str().unwrap_or_default().to_string();
        store.phone_recordings.insert(id, list);
    }
}

fn phone_recording(
    store: &mut Store,
    me: (&str, &str),
    party: (&str, &str),
    inbound: bool,
    t: i64,
    secs: i64,
) -> Value {
    let base = store.base_url.clone();
    let rng = &mut store.rng;
    let id: String = rng.hyphenated_uuid().replace('-', "");
    let day = clock::format_date(t.div_euclid(86_400)).replace('-', "");
    let log_id = rng.hyphenated_uuid();
    let party_type = if party.1.starts_with('+') { 2 } else { 1 };
    let ((caller, caller_no, caller_type), (callee, callee_no, callee_type)) = if inbound {
        ((party.0, party.1, party_type), (me.0, me.1, 1))
    } else {
        ((me.0, me.1, 1), (party.0, party.1, party_type))
    };
    let mut rec = json!({
        "id": id,
        "call_id": format!("7{}", rng.digits(18)),
        "call_log_id": log_id,
        "call_history_id": format!("{day}-{log_id}"),
        "call_element_id": format!("{day}-{}", rng.hyphenated_uuid()),
        "caller_name": caller,
        "caller_number": caller_no,
        "caller_number_type": caller_type,
        "callee_name": callee,
        "callee_number": callee_no,
        "callee_number_type": callee_type,
        "direction": if inbound { "inbound" } else { "outbound" },
        "date_time": clock::format_utc(t),
        "duration": secs,
        "download_url": format!("{base}/phone/recording/download/{id}"),
        "transcript_download_url": format!("{base}/phone/recording_transcript/download/{id}"),
    });
    let by = json!({"name": me.0, "extension_number": me.1});
    rec[if inbound { "accepted_by" } else { "outgoing_by" }] = by;
    rec
}

/// The weekly sync: its id and the latest instance's slashed UUID.
pub(crate) fn recorded_meeting(store: &Store) -> (u64, String) {
    store
        .recordings
        .iter()
        .find(|r| r["uuid"].as_str().is_some_and(|u| u.starts_with('/') && u.contains("//")))
        .map(|r| (r["id"].as_u64().unwrap_or_default(), r["uuid"].as_str().unwrap_or_default().to_string()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_shapes_sizes_and_spread() {
        let store = Store::new("http://x".into());
        let (id, uuid) = recorded_meeting(&store);
        assert!(id > 0 && uuid.len() == 24 && uuid.starts_with('/') && uuid.contains("//"));
        for r in &store.recordings {
            let sizes: Vec<u64> =
                r["recording_files"].as_array().unwrap().iter().map(|f| f["file_size"].as_u64().unwrap()).collect();
            assert_eq!(r["total_size"].as_u64(), Some(sizes.iter().sum()));
            assert!(sizes[0] > 20_000_000, "an MP4 of half an hour or more is tens of MB");
        }
        let admin = store.admin()["id"].as_str().unwrap().to_string();
        let calls = &store.phone_recordings[&admin];
        assert_eq!(calls.len(), 40);
        let oldest = calls.last().unwrap()["date_time"].as_str().and_then(clock::parse_datetime).unwrap();
        let days = (clock::now_secs() - oldest) / 86_400;
        assert!((55..=60).contains(&days), "{days}");
    }
}
