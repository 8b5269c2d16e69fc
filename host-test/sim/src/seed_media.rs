//! Seeded cloud recordings of past meetings and Zoom Phone call recordings.
//! Cloud recordings: two instances of the owner's weekly sync (the latest
//! with a UUID that starts with `/` and contains `//`, so paths must
//! double-encode it), one onboarding call of the owner's and one meeting of
//! another user's. Phone: forty recordings of the owner's spread over the
//! past sixty days, a few of another licensed user's. Transcripts and
//! summaries of these meetings are written by `transcripts` and `summaries`.

use super::ids::Rng;
use super::store::Store;
use super::{clock, webhooks};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

/// (topic, meeting type, duration in minutes, host index, days ago per instance).
const MEETINGS: &[(&str, i64, i64, usize, &[i64])] = &[
    ("Weekly Engineering Sync", 8, 45, 0, &[10, 3]),
    ("Customer Onboarding Call", 2, 30, 0, &[20]),
    ("Sales Pipeline Review", 2, 50, 1, &[5]),
];

/// (file_type, file_extension, recording_type, bytes per minute).
pub(crate) const FILES: &[(&str, &str, &str, u64)] = &[
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
            let rec = recording(store, &host, (id, &uuid), topic, kind, (start, minutes), FILES);
            store.recordings.push(rec);
        }
    }
    seed_phone(store);
    super::call_history::seed(store);
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
    (start, minutes): (i64, i64),
    kinds: &[(&str, &str, &str, u64)],
) -> Value {
    let base = store.base_url.clone();
    let rng = &mut store.rng;
    let files: Vec<Value> = kinds
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

/// Adds a cloud recording instance of meeting `meeting_id` (a stored meeting,
/// or the meeting of a seeded recording) that ended within the last minute:
/// a fresh UUID, MP4, M4A and transcript files, all `completed`. Emits
/// `meeting.ended`, `recording.completed` and `recording.transcript_completed`
/// and returns the UUID. The instance is clamped to
/// start today (UTC) so a list for today shows it, unless less than a
/// minute of today has passed.
pub(crate) fn complete(store: &mut Store, meeting_id: u64) -> Option<String> {
    let template = match store.meeting(meeting_id) {
        Some(m) => m.clone(),
        None => store
            .recordings
            .iter()
            .filter(|r| r["id"].as_u64() == Some(meeting_id))
            .max_by_key(|r| r["start_time"].as_str().unwrap_or("").to_string())?
            .clone(),
    };
    let host = store.find_user(template["host_id"].as_str()?)?.clone();
    let kind = template["type"].as_i64().or_else(|| template["type"].as_str()?.parse().ok()).unwrap_or(2);
    let topic = template["topic"].as_str().unwrap_or("Zoom Meeting").to_string();
    let now = clock::now_secs();
    let end = now - store.rng.range(5, 30) as i64;
    let since_midnight = (end - now.div_euclid(86_400) * 86_400) / 60;
    let minutes = template["duration"].as_i64().filter(|d| *d > 0).unwrap_or(30).min(since_midnight).max(1);
    let uuid = store.rng.meeting_uuid();
    let rec = recording(store, &host, (meeting_id, &uuid), &topic, kind, (end - minutes * 60, minutes), &FILES[..3]);
    store.recordings.push(rec);
    super::past_meetings::seed(store);
    super::transcripts::seed(store);
    super::summaries::seed(store);

    // The stored copy: the transcript's size is known once its text is written.
    let mut object = store.recordings.last().cloned()?;
    object["type"] = json!(kind);
    object["host_email"] = host["email"].clone();
    object["timezone"] = template.get("timezone").or(host.get("timezone")).cloned().unwrap_or(json!("UTC"));
    object["share_url"] = json!(format!("{}/rec/share/{}", store.base_url, store.rng.alnum(40)));
    object["on_prem"] = json!(false);
    let account_id = store.creds.account_id.clone();
    let token = download_token(store, &account_id, &uuid, &host);
    // As on Zoom: the meeting ends, its recording completes, then its transcript does.
    let ended = json!({
        "id": meeting_id.to_string(),
        "uuid": uuid,
        "host_id": host["id"],
        "topic": topic,
        "type": kind,
        "start_time": object["start_time"],
        "duration": minutes,
        "timezone": object["timezone"],
        "end_time": clock::format_utc(end),
    });
    let ended = json!({"account_id": account_id, "object": ended});
    store.outbox.push(webhooks::envelope("meeting.ended", ended, serde_json::Map::new()));
    let mut transcript = object.clone();
    if let Some(files) = transcript["recording_files"].as_array_mut() {
        files.retain(|f| f["file_type"] == "TRANSCRIPT");
    }
    let payload = json!({ "account_id": account_id, "object": object });
    let extra: serde_json::Map<String, Value> = [("download_token".to_string(), json!(token))].into_iter().collect();
    store.outbox.push(webhooks::envelope("recording.completed", payload, extra.clone()));
    let payload = json!({ "account_id": account_id, "object": transcript });
    store.outbox.push(webhooks::envelope("recording.transcript_completed", payload, extra));
    Some(uuid)
}

/// A JWT-shaped token like the one Zoom puts in `recording.completed`.
fn download_token(store: &mut Store, account_id: &str, uuid: &str, host: &Value) -> String {
    let claims = json!({
        "iss": "https://event.zoom.us",
        "accountId": account_id,
        "aud": "https://oauth.zoom.us",
        "mid": uuid,
        "exp": clock::now_secs() + 24 * 3600,
        "userId": host["id"],
    });
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let token = format!("{}.{}.{}", part(&json!({"alg": "HS512"})), part(&claims), store.rng.alnum(86));
    // It opens the instance's files with `?access_token=`, as Zoom's does.
    store.download_tokens.insert(token.clone(), (uuid.to_string(), clock::now_secs() + 24 * 3600));
    token
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
