//! Integration tests: every action and the webhook trigger, through the component, against the
//! simulator. One test binary so it links once.

mod actions;
mod bad_input;
mod catalogue_meetings;
mod catalogue_raw;
mod catalogue_users;
mod cli;
mod connections;
mod harness;
mod host_limits;
mod webhook;
