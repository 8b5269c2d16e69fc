//! Transcripts as text, recording files as bytes (with a download access token, up to a cap),
//! trashing and deleting recordings, and AI Companion summaries, through the component.

use serde_json::{json, Value};
use zoom_sim::{file_byte, RecordingState};

use crate::harness::{kind, Env};

fn file_of(recording: &Value, file_type: &str) -> Value {
    let files = recording["recording_files"].as_array().expect("files");
    files.iter().find(|f| f["file_type"] == file_type).cloned().expect("a file of that type")
}

fn downloads(env: &Env) -> usize {
    env.sim.requests().iter().filter(|r| r.path.starts_with("/rec/download/")).count()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_transcript_comes_back_as_cues_spoken_by_the_participants() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let t = env.ok("get-meeting-transcript", json!({"meeting_id": slashed})).await;
    let text = env.sim.transcript_text(&slashed).expect("a seeded transcript");
    let cues = t["cues"].as_array().unwrap();
    assert_eq!(cues.len(), text.matches("-->").count(), "{t}");
    assert_eq!((t["meeting_uuid"].as_str(), t["skipped_blocks"].as_u64()), (Some(slashed.as_str()), Some(0)));
    assert_eq!((cues[0]["start_ms"].as_u64(), cues[0]["end_ms"].as_u64()), (Some(1_000), Some(13_500)));
    let first_line = text.lines().nth(4).unwrap();
    assert_eq!(format!("{}: {}", cues[0]["speaker"].as_str().unwrap(), cues[0]["words"].as_str().unwrap()), first_line);
    let people = env.ok("list-meeting-participants", json!({"meeting_id": slashed})).await;
    let names: Vec<&str> = people["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(cues.iter().all(|c| names.contains(&c["speaker"].as_str().unwrap())), "{names:?}");
    let sent: Vec<String> = env.sim.requests().iter().map(|r| r.path.clone()).collect();
    assert!(sent.iter().any(|p| p.starts_with("/v2/meetings/%252F") && p.ends_with("/transcript")), "{sent:?}");

    // By meeting id, the latest instance; a cap below the file's size is `too_large`.
    assert_eq!(env.ok("get-meeting-transcript", json!({"meeting_id": id.to_string()})).await["cues"], t["cues"]);
    let e = env.err("get-meeting-transcript", json!({"meeting_id": slashed, "max_bytes": 100})).await;
    assert_eq!(
        (kind(&e), e["too_large"]["size"].as_u64(), e["too_large"]["limit"].as_u64()),
        ("too_large", Some(text.len() as u64), Some(100))
    );
    let e = env.err("get-meeting-transcript", json!({"meeting_id": "99999999999"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3322)));
}

#[tokio::test(flavor = "multi_thread")]
async fn files_carry_the_download_token_and_download_within_the_cap() {
    let mut env = Env::new().await;
    let (_, slashed) = env.sim.recorded_meeting();
    let rec = env
        .ok("get-meeting-recordings", json!({"meeting_id": slashed, "include_download_token": true, "ttl": 600}))
        .await;
    let token = rec["download_access_token"].as_str().unwrap();
    for f in rec["recording_files"].as_array().unwrap() {
        assert!(f["download_url"].as_str().unwrap().ends_with(&format!("?access_token={token}")), "{f}");
    }
    let now = crate::harness::now();
    let expires = rec["download_token_expires_at"].as_u64().unwrap();
    assert!((now + 595..=now + 605).contains(&expires), "{expires} vs {now}");

    let stored = env.sim.recording(&slashed).unwrap();
    let chat = file_of(&stored, "CHAT");
    let got = env.ok("download-recording-file", json!({"meeting_id": slashed, "file_id": chat["id"]})).await;
    let bytes: Vec<u64> = got["content"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap()).collect();
    assert_eq!(bytes.len() as u64, chat["file_size"].as_u64().unwrap());
    assert!(bytes.iter().enumerate().all(|(i, b)| *b == u64::from(file_byte(i as u64))));
    assert_eq!((got["file_type"].as_str(), got["content_type"].as_str()), (Some("CHAT"), Some("text/plain")));
    let fetched = env.sim.requests().into_iter().find(|r| r.path.starts_with("/rec/download/")).unwrap();
    assert!(fetched.headers.iter().all(|(k, _)| k != "authorization"), "the token in the URL is the only credential");
    assert_eq!(fetched.query, vec![("access_token".to_owned(), "[redacted]".to_owned())]);

    let e = env.err("download-recording-file", json!({"meeting_id": slashed, "file_id": "no-such-file"})).await;
    assert_eq!(kind(&e), "not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_past_the_cap_is_too_large_by_its_listed_size_its_length_or_its_stream() {
    let mut env = Env::new().await;
    let (_, slashed) = env.sim.recorded_meeting();
    let mp4 = file_of(&env.sim.recording(&slashed).unwrap(), "MP4");
    let size = mp4["file_size"].as_u64().unwrap();
    assert!(size > 25 << 20, "the seeded MP4 is bigger than the default cap: {size}");
    let input = |cap: Option<u64>| json!({"meeting_id": slashed, "file_id": mp4["id"], "max_bytes": cap});

    // The listed size already says so: nothing is downloaded.
    let e = env.err("download-recording-file", input(None)).await;
    assert_eq!(
        (e["too_large"]["size"].as_u64(), e["too_large"]["limit"].as_u64()),
        (Some(size), Some(25 << 20)),
        "{e}"
    );
    assert_eq!(downloads(&env), 0);

    // Without a listed size, the answer's Content-Length is checked before reading the body.
    env.sim.hide_file_sizes(&slashed);
    let e = env.err("download-recording-file", input(None)).await;
    assert_eq!(
        (e["too_large"]["size"].as_u64(), e["too_large"]["limit"].as_u64()),
        (Some(size), Some(25 << 20)),
        "{e}"
    );
    assert_eq!(downloads(&env), 1);

    // Without any length, reading stops once the cap is passed.
    env.sim.serve_files_chunked(true);
    let e = env.err("download-recording-file", input(Some(1 << 20))).await;
    assert_eq!(e, json!({"too_large": {"size": null, "limit": 1 << 20}}));
    assert!(!e.to_string().contains("access_token"));
    // At the largest cap the component's memory holds the 32 MiB read so far, then says no.
    let e = env.err("download-recording-file", input(Some(32 << 20))).await;
    assert_eq!(e, json!({"too_large": {"size": null, "limit": 32 << 20}}));
    // A chunked file within the cap is read whole.
    let chat = file_of(&env.sim.recording(&slashed).unwrap(), "CHAT");
    let got = env.ok("download-recording-file", json!({"meeting_id": slashed, "file_id": chat["id"]})).await;
    assert!(!got["content"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn recordings_are_trashed_by_default_or_deleted_for_good() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let done = env.ok("delete-meeting-recordings", json!({"meeting_id": slashed})).await;
    assert_eq!(done, json!({"meeting_id": slashed, "action": "trash"}));
    assert_eq!(env.sim.recording_state(&slashed), Some(RecordingState::Trashed));
    let t = env.ok("get-meeting-transcript", json!({"meeting_id": slashed})).await;
    assert_eq!(
        (t["download_restriction"].as_str(), t["cues"].as_array().unwrap().len()),
        (Some("DELETED_OR_TRASHED"), 0)
    );

    let earlier = env.ok("get-meeting-recordings", json!({"meeting_id": id.to_string()})).await["uuid"].clone();
    env.ok("delete-meeting-recordings", json!({"meeting_id": id.to_string(), "action": "delete"})).await;
    assert_eq!(env.sim.recording_state(earlier.as_str().unwrap()), None);
    let e = env.err("delete-meeting-recordings", json!({"meeting_id": id.to_string()})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3301)));
    let e = env.err("delete-meeting-recordings", json!({"meeting_id": id.to_string(), "action": "shred"})).await;
    assert_eq!(e["invalid_input"]["field"], "action");
}

#[tokio::test(flavor = "multi_thread")]
async fn summaries_with_typed_overview_next_steps_and_topics_and_the_account_list() {
    let mut env = Env::new().await;
    let (id, slashed) = env.sim.recorded_meeting();
    let stored = env.sim.meeting_summary(&slashed).unwrap();
    let s = env.ok("get-meeting-summary", json!({"meeting_id": slashed})).await;
    assert_eq!((s["meeting_uuid"].as_str(), s["meeting_id"].as_u64()), (Some(slashed.as_str()), Some(id)));
    assert_eq!(s["overview"], stored["summary_overview"]);
    assert_eq!(s["next_steps"], stored["next_steps"]);
    assert_eq!(s["details"], stored["summary_details"]);
    assert_eq!(s["content"], stored["summary_content"]);
    let e = env.err("get-meeting-summary", json!({"meeting_id": "99999999999"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)));

    let all = env.ok("list-meeting-summaries", json!({"paging": {"all": {"page_size": 1}}})).await;
    let items = all["items"].as_array().unwrap();
    assert!(items.len() >= 4 && all["next_page_token"].is_null(), "{all}");
    assert!(items.iter().any(|i| i["meeting_uuid"] == slashed.as_str()));
    let newest = items[0]["meeting_start_time"].as_str().unwrap();
    let recent =
        env.ok("list-meeting-summaries", json!({"from": newest, "time_filter_field": "summary_start_time"})).await;
    assert_eq!(recent["items"].as_array().unwrap().len(), 1);
    let page = env.ok("list-meeting-summaries", json!({"paging": {"page": {"page_size": 2}}})).await;
    assert!(page["next_page_token"].is_string());
    let e = env.err("list-meeting-summaries", json!({"from": "2026-05-01"})).await;
    assert_eq!(e["invalid_input"]["field"], "from");
}
