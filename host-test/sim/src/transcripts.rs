//! Meeting transcripts (spec `GetMeetingTranscript`). Each recording's
//! `TRANSCRIPT` file holds WebVTT in Zoom's shape, its cues spoken by the
//! instance's participants (see [`seed`]); the route answers the transcript
//! record with the file's `download_url`, or 404/3322 for a meeting without one.

use super::errors;
use super::recordings::find_index;
use super::server::Response;
use super::store::Store;
use serde_json::json;

/// What the participants take turns saying.
const LINES: &[&str] = &[
    "Good morning, everyone, thanks for joining.",
    "Morning! I can share the status update first.",
    "The release candidate passed all checks yesterday.",
    "Great. Are there any blockers we should talk about?",
    "Only the migration script, which needs one more review.",
    "I can review it this afternoon.",
    "Then let's plan the rollout for Thursday.",
    "Sounds good. I will send the notes after the call.",
];

/// Writes the WebVTT text of every transcript file not written yet, and
/// sets its `file_size` to the text's length.
pub(crate) fn seed(store: &mut Store) {
    for i in 0..store.recordings.len() {
        let rec = &store.recordings[i];
        let speakers = speakers(store, rec["uuid"].as_str().unwrap_or_default());
        let minutes = rec["duration"].as_u64().unwrap_or(30);
        let Some(files) = store.recordings[i]["recording_files"].as_array_mut() else { continue };
        for file in files.iter_mut().filter(|f| f["file_type"] == "TRANSCRIPT") {
            let Some(id) = file["id"].as_str().map(str::to_string) else { continue };
            if store.transcripts.contains_key(&id) {
                continue;
            }
            let vtt = vtt(&speakers, minutes);
            file["file_size"] = json!(vtt.len());
            store.transcripts.insert(id, vtt);
        }
        let total: u64 = store.recordings[i]["recording_files"]
            .as_array()
            .map(|fs| fs.iter().filter_map(|f| f["file_size"].as_u64()).sum())
            .unwrap_or(0);
        store.recordings[i]["total_size"] = json!(total);
    }
}

/// Display names of the instance's participants, in the order they joined.
fn speakers(store: &Store, uuid: &str) -> Vec<String> {
    let meeting = store.past_meetings.iter().find(|m| m["uuid"] == uuid);
    let people = meeting.and_then(|m| m["participants"].as_array()).map(Vec::as_slice).unwrap_or_default();
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| store.find_user(p["user_email"].as_str()?))
        .filter_map(|u| u["display_name"].as_str().map(str::to_string))
        .collect();
    if names.is_empty() {
        vec!["Speaker".to_string()]
    } else {
        names
    }
}

/// One cue per 15 seconds for the first few minutes, as Zoom writes them:
/// a number, `start --> end`, `Name: words`.
fn vtt(speakers: &[String], minutes: u64) -> String {
    let cues = (minutes * 4).min(LINES.len() as u64 * 2);
    let mut out = String::from("WEBVTT\n");
    for n in 0..cues {
        let (start, end) = (n * 15_000 + 1_000, n * 15_000 + 13_500);
        let speaker = &speakers[n as usize % speakers.len()];
        let line = LINES[n as usize % LINES.len()];
        out.push_str(&format!("\n{}\n{} --> {}\n{speaker}: {line}\n", n + 1, stamp(start), stamp(end)));
    }
    out
}

fn stamp(ms: u64) -> String {
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1_000 % 60, ms % 1_000)
}

/// `GET /meetings/{meetingId}/transcript`.
pub(crate) fn get(store: &Store, raw: &str) -> Response {
    let (rec, trashed) = match find_index(&store.recordings, raw) {
        Some(i) => (&store.recordings[i], false),
        None => match find_index(&store.trashed_recordings, raw) {
            Some(i) => (&store.trashed_recordings[i], true),
            None => return not_found(),
        },
    };
    let files = rec["recording_files"].as_array().map(Vec::as_slice).unwrap_or_default();
    let Some(file) = files.iter().find(|f| f["file_type"] == "TRANSCRIPT") else {
        return not_found();
    };
    let mut body = json!({
        "meeting_id": rec["uuid"],
        "account_id": rec["account_id"],
        "meeting_topic": rec["topic"],
        "host_id": rec["host_id"],
        "transcript_created_time": file["recording_end"],
        "auto_delete": false,
        "can_download": !trashed,
    });
    if trashed {
        body["download_restriction_reason"] = json!("DELETED_OR_TRASHED");
    } else {
        body["download_url"] = file["download_url"].clone();
    }
    Response::json(200, &body)
}

fn not_found() -> Response {
    errors::zoom(404, 3322, "This meeting transcript does not exist.")
}

/// The text of the transcript of instance `uuid`, when it has one.
pub(crate) fn text_of(store: &Store, uuid: &str) -> Option<String> {
    let rec = store.recordings.iter().find(|r| r["uuid"] == uuid)?;
    let files = rec["recording_files"].as_array()?;
    let id = files.iter().find(|f| f["file_type"] == "TRANSCRIPT")?["id"].as_str()?;
    store.transcripts.get(id).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_transcript_is_webvtt_by_the_participants_and_sized() {
        let store = Store::new("http://x".into());
        let rec = &store.recordings[0];
        let text = text_of(&store, rec["uuid"].as_str().unwrap()).unwrap();
        assert!(text.starts_with("WEBVTT\n\n1\n00:00:01.000 --> 00:00:13.500\n"), "{text}");
        let file = rec["recording_files"].as_array().unwrap().iter().find(|f| f["file_type"] == "TRANSCRIPT").unwrap();
        assert_eq!(file["file_size"].as_u64(), Some(text.len() as u64));
        let first = speakers(&store, rec["uuid"].as_str().unwrap())[0].clone();
        assert!(text.contains(&format!("{first}: Good morning")), "{text}");
        assert_eq!(stamp(3_723_004), "01:02:03.004");
    }
}
