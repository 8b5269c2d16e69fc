//! One cloud recording file's bytes, and deleting a meeting's recordings. The file is found in
//! the meeting's recording (asked with a download access token) and read from its
//! `download_url` with that token, up to the caller's cap.
//! <https://developers.zoom.us/docs/api/meetings/#tag/cloud-recording>

use serde_json::Value;

use super::transcripts::max_bytes;
use crate::error::{Api, Error};
use crate::http::download::Auth;
use crate::http::url::{encode, instance_path};
use crate::http::{Call, Client, Method};
use crate::json::{number, text};
use crate::validate;
use crate::wit::recording_types::{
    DeleteMeetingRecordingsInput, DeletedRecordings, DownloadRecordingFileInput, RecordingDeleteAction,
    RecordingFileContent,
};

const DEFAULT_MAX_BYTES: u64 = 25 << 20;
/// The component holds the file in its memory (64 MiB under the host's default limits).
const MAX_BYTES: u64 = 32 << 20;
/// The download token only has to outlive this one download.
const TOKEN_TTL: u32 = 600;

/// `GET /meetings/{meetingId}/recordings?include_fields=download_access_token`, then the file's
/// `download_url?access_token=...`.
pub(crate) fn download(client: &Client, input: &DownloadRecordingFileInput) -> Result<RecordingFileContent, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    let file_id = input.file_id.trim();
    validate::required("file_id", file_id, 128)?;
    let limit = max_bytes("max_bytes", input.max_bytes, DEFAULT_MAX_BYTES, MAX_BYTES)?;
    let call = Call::new(Method::Get, format!("/meetings/{id}/recordings"))
        .query("include_fields", Some("download_access_token"))
        .query("ttl", Some(TOKEN_TTL));
    let recording = client.send_json(&call)?;
    // An answer that is not a recording object (no `uuid` or `id`) says nothing about the file.
    super::recordings::parse(&recording)?;
    let files = recording.get("recording_files").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let Some(file) = files.iter().find(|f| f.get("id").and_then(Value::as_str) == Some(file_id)) else {
        return Err(Error::NotFound(Api {
            status: 404,
            code: None,
            message: format!("The meeting's recording has no file {file_id:?}."),
        }));
    };
    // The listed size is refused before anything is downloaded; the download checks again.
    if let Some(size) = number(file, "file_size").filter(|&n| n > limit) {
        return Err(Error::TooLarge { size: Some(size), limit });
    }
    let url = text(file, "download_url")
        .ok_or_else(|| Error::Unreadable(format!("Zoom's recording file {file_id:?} has no `download_url`")))?;
    let token = text(&recording, "download_access_token")
        .ok_or_else(|| Error::Unreadable("Zoom's recording has no `download_access_token`".to_owned()))?;
    let got = client.download(&with_token(&url, &token), Auth::InUrl, limit)?;
    Ok(RecordingFileContent {
        file_id: file_id.to_owned(),
        file_type: text(file, "file_type"),
        file_extension: text(file, "file_extension"),
        content_type: got.content_type,
        content: got.body,
    })
}

/// The download URL with the token as Zoom documents it: `?access_token=` (or `&` after a query).
pub(crate) fn with_token(url: &str, token: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}access_token={}", encode(token))
}

/// `DELETE /meetings/{meetingId}/recordings?action=trash|delete` → 204.
pub(crate) fn delete(client: &Client, input: &DeleteMeetingRecordingsInput) -> Result<DeletedRecordings, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    let action = input.action.unwrap_or(RecordingDeleteAction::Trash);
    let word = match action {
        RecordingDeleteAction::Trash => "trash",
        RecordingDeleteAction::Delete => "delete",
    };
    client.send(&Call::new(Method::Delete, format!("/meetings/{id}/recordings")).query("action", Some(word)))?;
    Ok(DeletedRecordings { meeting_id: input.meeting_id.trim().to_owned(), action })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Session;
    use crate::http::testing::{answer, Scripted};

    const RECORDING: &str = r#"{"uuid":"u==","id":7,"download_access_token":"dl.tok+en",
        "recording_files":[{"id":"f1","file_type":"CHAT","file_size":5,"download_url":"https://zoom.example/rec/download/f1"},
                           {"id":"big","file_type":"MP4","file_size":999999999,"download_url":"https://zoom.example/rec/download/big"}]}"#;

    fn input(file_id: &str, max_bytes: Option<u64>) -> DownloadRecordingFileInput {
        DownloadRecordingFileInput { meeting_id: "7".into(), file_id: file_id.into(), max_bytes }
    }

    #[test]
    fn finds_the_file_and_reads_it_with_the_token_in_the_url() {
        let t = Scripted::new(vec![answer(200, RECORDING), answer(200, "hello")]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        let got = download(&c, &input("f1", None)).unwrap();
        assert_eq!((got.content.as_slice(), got.file_type.as_deref()), (&b"hello"[..], Some("CHAT")));
        let sent = t.sent.borrow();
        assert!(sent[0].url.ends_with("/meetings/7/recordings?include_fields=download_access_token&ttl=600"));
        assert_eq!(sent[1].url, "https://zoom.example/rec/download/f1?access_token=dl.tok%2Ben");
        assert!(sent[1].headers.iter().all(|(k, _)| k != "authorization"), "the token in the URL is enough");
    }

    #[test]
    fn a_listed_size_past_the_cap_is_too_large_before_downloading_and_unknown_files_are_not_found() {
        let t = Scripted::new(vec![answer(200, RECORDING), answer(200, RECORDING), answer(200, RECORDING)]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        assert_eq!(
            download(&c, &input("big", None)).unwrap_err(),
            Error::TooLarge { size: Some(999999999), limit: 25 << 20 }
        );
        assert!(matches!(download(&c, &input("nope", None)), Err(Error::NotFound(_))));
        assert_eq!(download(&c, &input("f1", Some(4))).unwrap_err(), Error::TooLarge { size: Some(5), limit: 4 });
        assert_eq!(t.sent.borrow().len(), 3, "no download after a refusal by size");
        let e = download(&c, &input(" ", None)).unwrap_err();
        assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "file_id"), "{e}");
    }

    #[test]
    fn delete_trashes_by_default() {
        let t = Scripted::new(vec![answer(204, ""), answer(204, "")]);
        let c = Client::new(&t, Session::bearer("tok-1234", "https://api.example/v2"));
        let input = |action| DeleteMeetingRecordingsInput { meeting_id: " /a//b== ".into(), action };
        assert_eq!(delete(&c, &input(None)).unwrap().action, RecordingDeleteAction::Trash);
        delete(&c, &input(Some(RecordingDeleteAction::Delete))).unwrap();
        let sent = t.sent.borrow();
        assert!(
            sent[0].url.ends_with("/meetings/%252Fa%252F%252Fb%253D%253D/recordings?action=trash"),
            "{}",
            sent[0].url
        );
        assert!(sent[1].url.ends_with("?action=delete"));
    }
}
