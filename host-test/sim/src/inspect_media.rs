//! What tests read back about recordings, their files, transcripts and
//! summaries, and the two switches that change how files are served.

use super::{lock, transcripts, Simulator};
use serde_json::Value;

/// Where a cloud recording instance is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordingState {
    /// Listed and downloadable.
    Active,
    /// In the trash (`DELETE .../recordings?action=trash`).
    Trashed,
}

impl Simulator {
    /// The stored cloud recording of instance `uuid` as `GET /meetings/{uuid}/recordings`
    /// returns it (without a download token), active or trashed.
    pub fn recording(&self, uuid: &str) -> Option<Value> {
        let s = lock(&self.store);
        s.recordings.iter().chain(&s.trashed_recordings).find(|r| r["uuid"] == uuid).cloned()
    }

    /// The UUIDs of every active cloud recording instance, in the order they were made.
    pub fn recording_uuids(&self) -> Vec<String> {
        lock(&self.store).recordings.iter().filter_map(|r| r["uuid"].as_str().map(str::to_string)).collect()
    }

    /// Whether instance `uuid`'s recording is active, trashed, or gone (`None`).
    pub fn recording_state(&self, uuid: &str) -> Option<RecordingState> {
        let s = lock(&self.store);
        if s.recordings.iter().any(|r| r["uuid"] == uuid) {
            Some(RecordingState::Active)
        } else if s.trashed_recordings.iter().any(|r| r["uuid"] == uuid) {
            Some(RecordingState::Trashed)
        } else {
            None
        }
    }

    /// The WebVTT text behind instance `uuid`'s transcript file.
    pub fn transcript_text(&self, uuid: &str) -> Option<String> {
        transcripts::text_of(&lock(&self.store), uuid)
    }

    /// The AI Companion summary of instance `uuid` as the get route returns it.
    pub fn meeting_summary(&self, uuid: &str) -> Option<Value> {
        lock(&self.store).summaries.iter().find(|s| s["meeting_uuid"] == uuid).cloned()
    }

    /// Serve recording files chunked, without a `Content-Length` (as a CDN may), or not.
    pub fn serve_files_chunked(&self, chunked: bool) {
        lock(&self.store).files_chunked = chunked;
    }

    /// Leaves `file_size` out of instance `uuid`'s file list (as Zoom may while a file is
    /// processed), so only the download itself can tell a file's size.
    pub fn hide_file_sizes(&self, uuid: &str) {
        lock(&self.store).sizes_unlisted.push(uuid.to_string());
    }
}
