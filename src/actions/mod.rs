//! The actions, one module per Zoom resource. Each takes a [`crate::http::Client`] and the
//! action's WIT input, checks the input before sending anything, and reads Zoom's answer into
//! the WIT output.

pub(crate) mod call_logs;
pub(crate) mod chat;
pub(crate) mod chat_send;
pub(crate) mod groups;
pub(crate) mod licenses;
pub(crate) mod meetings;
pub(crate) mod panelists;
pub(crate) mod past_meetings;
pub(crate) mod past_polls;
pub(crate) mod phone;
pub(crate) mod plans;
pub(crate) mod raw;
pub(crate) mod recording_files;
pub(crate) mod recordings;
pub(crate) mod registrant_status;
pub(crate) mod registrants;
pub(crate) mod reports;
pub(crate) mod schedule;
pub(crate) mod summaries;
pub(crate) mod transcripts;
pub(crate) mod user_settings;
pub(crate) mod user_status;
pub(crate) mod users;
pub(crate) mod vtt;
pub(crate) mod webinar_schedule;
pub(crate) mod webinars;
