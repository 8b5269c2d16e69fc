//! Integration tests: every action and the webhook trigger, through the component, against the
//! simulator. One test binary so it links once.

mod actions;
mod bad_input;
mod bench_quick;
mod call_logs;
mod catalogue_chat_phone;
mod catalogue_meetings;
mod catalogue_raw;
mod catalogue_settings;
mod catalogue_support;
mod catalogue_users;
mod chat_send;
mod cli;
mod connections;
mod delivery;
mod documented_shapes;
mod fault_matrix;
mod groups;
mod harness;
mod host_limits;
mod licenses;
mod panelists;
mod past_meetings;
mod past_polls;
mod polling;
mod polling_ended;
mod receiver;
mod reconcile;
mod registrant_status;
mod sample;
mod serve;
mod serve_hostile;
mod token_rotation;
mod typed;
mod webhook;
mod webhook_examples;
