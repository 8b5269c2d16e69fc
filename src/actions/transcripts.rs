//! A recorded meeting's transcript as text: Zoom's transcript record, then its WebVTT file read
//! with the connection's token and parsed into cues.
//! <https://developers.zoom.us/docs/api/meetings/#tag/cloud-recording/GET/meetings/{meetingId}/transcript>

use serde_json::Value;

use super::vtt;
use crate::error::Error;
use crate::http::download::Auth;
use crate::http::url::instance_path;
use crate::http::{Call, Client, Method};
use crate::json::text;
use crate::wit::recording_types::{GetMeetingTranscriptInput, MeetingTranscript, TranscriptCue};

/// A transcript of a long meeting is a few hundred kilobytes; 5 MiB leaves room.
const DEFAULT_MAX_BYTES: u64 = 5 << 20;
/// The file, its text and the parsed cues are held at once in the component's memory (64 MiB
/// under the host's default limits).
const MAX_BYTES: u64 = 8 << 20;

/// `GET /meetings/{meetingId}/transcript`, then its `download_url` with a bearer token, as the
/// operation's description asks.
pub(crate) fn get(client: &Client, input: &GetMeetingTranscriptInput) -> Result<MeetingTranscript, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    let limit = max_bytes("max_bytes", input.max_bytes, DEFAULT_MAX_BYTES, MAX_BYTES)?;
    let v = client.send_json(&Call::new(Method::Get, format!("/meetings/{id}/transcript")))?;
    let mut transcript = record(&v)?;
    let url = text(&v, "download_url").filter(|u| !u.is_empty());
    let downloadable = v.get("can_download").and_then(Value::as_bool).unwrap_or(url.is_some());
    let Some(url) = url.filter(|_| downloadable) else {
        let reason = text(&v, "download_restriction_reason");
        transcript.download_restriction = Some(reason.unwrap_or_else(|| "NO_DOWNLOAD_URL".to_owned()));
        return Ok(transcript);
    };
    let file = client.download(&url, Auth::Bearer, limit)?;
    let parsed = vtt::parse(&file.body)?;
    transcript.cues = parsed
        .cues
        .into_iter()
        .map(|c| TranscriptCue { speaker: c.speaker, start_ms: c.start_ms, end_ms: c.end_ms, words: c.words })
        .collect();
    transcript.skipped_blocks = parsed.skipped;
    Ok(transcript)
}

/// A download cap from an input: `default` when absent, otherwise 1..=`max`.
pub(crate) fn max_bytes(field: &str, value: Option<u64>, default: u64, max: u64) -> Result<u64, Error> {
    match value {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(Error::invalid(field, format!("must be between 1 and {max}"))),
    }
}

/// The record names its meeting; an answer that does not is not a transcript record.
fn record(v: &Value) -> Result<MeetingTranscript, Error> {
    let meeting_uuid = text(v, "meeting_id")
        .ok_or_else(|| Error::Unreadable("Zoom's transcript record has no `meeting_id`".to_owned()))?;
    Ok(MeetingTranscript {
        meeting_uuid,
        topic: text(v, "meeting_topic"),
        host_id: text(v, "host_id"),
        created_at: text(v, "transcript_created_time"),
        auto_delete_date: text(v, "auto_delete_date"),
        download_restriction: None,
        cues: Vec::new(),
        skipped_blocks: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Session;
    use crate::http::testing::{answer, Scripted};

    fn input(max_bytes: Option<u64>) -> GetMeetingTranscriptInput {
        GetMeetingTranscriptInput { meeting_id: "/ab//c==".into(), max_bytes }
    }

    #[test]
    fn reads_the_record_then_the_file_with_the_bearer_token() {
        let record = r#"{"meeting_id":"/ab//c==","meeting_topic":"Sync","can_download":true,
            "download_url":"https://zoom.example/rec/meeting/transcript/download/xyz"}"#;
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAnn: Hello\n";
        let t = Scripted::new(vec![answer(200, record), answer(200, vtt)]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        let got = get(&c, &input(None)).unwrap();
        assert_eq!((got.topic.as_deref(), got.cues.len()), (Some("Sync"), 1));
        assert_eq!((got.cues[0].speaker.as_deref(), got.cues[0].words.as_str()), (Some("Ann"), "Hello"));
        let sent = t.sent.borrow();
        assert_eq!(sent[0].url, "https://api.example/v2/meetings/%252Fab%252F%252Fc%253D%253D/transcript");
        assert!(sent[1].headers.contains(&("authorization".into(), "Bearer tok-1234".into())));
    }

    #[test]
    fn a_transcript_that_cannot_be_downloaded_says_why_and_the_cap_is_checked_first() {
        let t = Scripted::new(vec![answer(
            200,
            r#"{"meeting_id":"u==","can_download":false,"download_restriction_reason":"NOT_READY"}"#,
        )]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        let got = get(&c, &input(None)).unwrap();
        assert_eq!((got.download_restriction.as_deref(), got.cues.len()), (Some("NOT_READY"), 0));
        for bad in [0, MAX_BYTES + 1] {
            let e = get(&c, &input(Some(bad))).unwrap_err();
            assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "max_bytes"), "{e}");
        }
        assert_eq!(t.sent.borrow().len(), 1);
    }
}
