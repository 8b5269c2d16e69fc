//! Cloud recordings of one meeting. <https://developers.zoom.us/docs/api/meetings/#tag/cloud-recording>

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::recording_files::with_token;
use crate::error::Error;
use crate::http::url::instance_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, number, required_number, text};
use crate::time::unix_seconds;
use crate::wit::meeting_types::{GetMeetingRecordingsInput, Recording, RecordingFile};

/// Longest lifetime Zoom accepts for a download access token, in seconds.
const MAX_TTL: u32 = 604_800;

/// `GET /meetings/{meetingId}/recordings`.
pub(crate) fn get(client: &Client, input: &GetMeetingRecordingsInput) -> Result<Recording, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    let asked = input.include_download_token.unwrap_or(false);
    if let Some(ttl) = input.ttl {
        if !asked {
            return Err(Error::invalid("ttl", "needs include_download_token"));
        }
        if ttl > MAX_TTL {
            return Err(Error::invalid("ttl", format!("must be between 0 and {MAX_TTL}")));
        }
    }
    let call = Call::new(Method::Get, format!("/meetings/{id}/recordings"))
        .query("include_fields", asked.then_some("download_access_token"))
        .query("ttl", input.ttl);
    let mut recording = parse(&client.send_json(&call)?)?;
    if let Some(token) = recording.download_access_token.clone() {
        for file in &mut recording.recording_files {
            file.download_url = file.download_url.as_deref().map(|u| with_token(u, &token));
        }
        let ttl_end = input.ttl.map(|t| client.transport.now_unix() + u64::from(t));
        recording.download_token_expires_at = jwt_expiry(&token).or(ttl_end);
    }
    Ok(recording)
}

/// The `exp` claim of a JWT-shaped token (Zoom's download access tokens are JWTs); `None` for
/// any other shape. The signature is not checked: only Zoom can, and only the date is read.
fn jwt_expiry(token: &str) -> Option<u64> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice::<Value>(&bytes).ok()?.get("exp")?.as_u64()
}

/// Reads Zoom's recording JSON; `uuid` and `id` are required by its schema.
pub(crate) fn parse(v: &Value) -> Result<Recording, Error> {
    let missing = |k: &str| Error::Unreadable(format!("Zoom's recording object has no `{k}`"));
    let files = v.get("recording_files").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    Ok(Recording {
        uuid: text(v, "uuid").ok_or_else(|| missing("uuid"))?,
        meeting_id: required_number(v, "id", "recording object")?,
        host_id: text(v, "host_id"),
        topic: text(v, "topic"),
        start_time: text(v, "start_time"),
        duration: capped_u32(v, "duration"),
        total_size: number(v, "total_size"),
        recording_count: capped_u32(v, "recording_count"),
        share_url: text(v, "share_url"),
        download_access_token: text(v, "download_access_token"),
        download_token_expires_at: None,
        recording_files: files.iter().map(file).collect(),
        raw: v.to_string(),
    })
}

/// When every file of a recording had finished: the latest `recording_end`, if all are completed.
pub(crate) fn completed_at(recording: &Value) -> Option<u64> {
    let files = recording.get("recording_files")?.as_array()?;
    let done = !files.is_empty()
        && files.iter().all(|f| f.get("status").and_then(Value::as_str).is_none_or(|s| s == "completed"));
    if !done {
        return None;
    }
    files.iter().filter_map(|f| f.get("recording_end").and_then(Value::as_str).and_then(unix_seconds)).max()
}

/// When a recording's audio transcript had finished: the latest `recording_end` of its
/// `TRANSCRIPT` files, if it has one and all of them are completed. Zoom makes the transcript after
/// the other files, and says so with its own event (`recording.transcript_completed`).
pub(crate) fn transcript_at(recording: &Value) -> Option<u64> {
    let files = recording.get("recording_files")?.as_array()?;
    let transcripts: Vec<&Value> =
        files.iter().filter(|f| f.get("file_type").and_then(Value::as_str) == Some("TRANSCRIPT")).collect();
    let done = !transcripts.is_empty()
        && transcripts.iter().all(|f| f.get("status").and_then(Value::as_str).is_none_or(|s| s == "completed"));
    if !done {
        return None;
    }
    transcripts.iter().filter_map(|f| f.get("recording_end").and_then(Value::as_str).and_then(unix_seconds)).max()
}

fn file(v: &Value) -> RecordingFile {
    RecordingFile {
        id: text(v, "id"),
        file_type: text(v, "file_type"),
        file_extension: text(v, "file_extension"),
        file_size: number(v, "file_size"),
        recording_start: text(v, "recording_start"),
        recording_end: text(v, "recording_end"),
        recording_type: text(v, "recording_type"),
        status: text(v, "status"),
        play_url: text(v, "play_url"),
        download_url: text(v, "download_url"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_files_and_requires_uuid_and_id() {
        let v = json!({"uuid": "u==", "id": 7, "total_size": 10, "recording_files": [{"id": "f1", "file_type": "MP4", "file_size": 10}]});
        let r = parse(&v).unwrap();
        assert_eq!((r.meeting_id, r.recording_files[0].file_type.as_deref()), (7, Some("MP4")));
        assert!(parse(&json!({"id": 7})).is_err());
    }

    #[test]
    fn asked_for_a_token_each_download_url_carries_it_with_its_expiry() {
        use crate::auth::Session;
        use crate::http::testing::{answer, Scripted};
        let claims = URL_SAFE_NO_PAD.encode(r#"{"exp":1800003600}"#);
        let body = json!({"uuid": "u==", "id": 7, "download_access_token": format!("h.{claims}.s"),
            "recording_files": [{"id": "f1", "download_url": "https://zoom.example/rec/download/f1"}]});
        let t = Scripted::new(vec![
            answer(200, &body.to_string()),
            answer(200, r#"{"uuid":"u==","id":7,"download_access_token":"opaque","recording_files":[]}"#),
        ]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        let input = |ttl| GetMeetingRecordingsInput { meeting_id: "7".into(), include_download_token: Some(true), ttl };
        let r = get(&c, &input(None)).unwrap();
        let url = r.recording_files[0].download_url.as_deref().unwrap();
        assert_eq!(url, format!("https://zoom.example/rec/download/f1?access_token=h.{claims}.s"));
        assert_eq!(r.download_token_expires_at, Some(1_800_003_600));
        // A token that is not a JWT expires after the asked ttl.
        assert_eq!(get(&c, &input(Some(60))).unwrap().download_token_expires_at, Some(1_800_000_060));
    }

    #[test]
    fn a_meeting_id_given_as_text_is_read() {
        let r = parse(&json!({"uuid": "u==", "id": "6840331990", "type": "1", "total_size": "22"})).unwrap();
        assert_eq!((r.meeting_id, r.total_size), (6840331990, Some(22)));
        let e = parse(&json!({"uuid": "u==", "id": "L0AGOEPVR9m5WSOOs/d+FQ=="})).unwrap_err();
        assert!(matches!(&e, Error::Unreadable(m) if m.contains("`id`")), "{e:?}");
    }

    #[test]
    fn a_transcript_counts_once_every_transcript_file_is_done() {
        let file = |t: &str, status: &str, end: &str| json!({"file_type": t, "status": status, "recording_end": end});
        let r = |files: Vec<Value>| json!({"recording_files": files});
        let done = r(vec![
            file("MP4", "processing", "2026-01-01T10:00:00Z"),
            file("TRANSCRIPT", "completed", "2026-01-01T10:05:00Z"),
        ]);
        assert_eq!(
            transcript_at(&done),
            unix_seconds("2026-01-01T10:05:00Z"),
            "only the transcript's own state counts"
        );
        assert_eq!(transcript_at(&r(vec![file("TRANSCRIPT", "processing", "2026-01-01T10:05:00Z")])), None);
        assert_eq!(transcript_at(&r(vec![file("MP4", "completed", "2026-01-01T10:00:00Z")])), None);
    }
}
