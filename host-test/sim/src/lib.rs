//! A strict, in-process Zoom API simulator: a real HTTP/1.1 server on
//! loopback that answers Zoom's OAuth endpoints (the Server-to-Server grant,
//! and a user-level app's authorization code and refresh grants; legacy JWT
//! bearer tokens are accepted too) and the `/v2` routes the connector calls
//! (users and their settings, meetings, registrants, cloud recordings with their files and
//! transcripts, AI Companion summaries, ended meetings and their participants, polls and Q&A,
//! webinars and their panelists, Team Chat channels and messages (read and sent), groups and their
//! members, Zoom Phone recordings and call history), with Zoom's status codes,
//! error bodies, scope checks, paging tokens and webhook events. It rejects
//! what Zoom rejects, and answers anything it does not model with a loud 404
//! naming the method and path. Tests can inject faults, mint tokens lacking
//! scopes and read the request log.
//!
//! Ground truth: the project's `spec/operations.json` (distilled from Zoom's
//! OpenAPI documents: Meetings, Users, Accounts, TeamChat, Phone), its
//! webhook examples in `spec/webhooks/`, and the facts `spec/README.md` states.
//! [`conformance`] checks every request the simulator logged against that table.
//!
//! This crate depends on neither wasmtime nor the component, so `cargo test -p
//! zoom-sim` runs without the wasm32 target. Anything may use it as a test
//! instrument (the CLI's demo and tests, the recipes, the benchmark); the
//! component and `zoom-runtime` must not depend on it.

mod activity;
mod admin;
mod call_history;
mod chat;
mod chat_send;
pub(crate) mod clock;
pub mod conformance;
mod connection;
mod delivery;
mod errors;
mod faults;
mod groups;
mod ids;
mod inspect;
mod inspect_media;
mod invitation;
mod jwt;
mod meeting_rules;
mod meetings;
mod oauth;
mod occurrences;
mod paging;
mod panelists;
mod past_meetings;
mod past_polls;
pub mod percent;
mod phone;
mod plans;
mod query;
mod recording_files;
mod recordings;
mod recurrence;
mod registrant_status;
mod registrants;
mod report_meetings;
mod reports;
mod request_log;
mod request_read;
mod router;
mod scope_table;
mod scopes;
mod seed_account;
mod seed_chat;
mod seed_groups;
mod seed_media;
mod seed_users;
mod seed_webinars;
mod server;
mod settings_defaults;
mod store;
mod summaries;
mod transcripts;
mod user_admin;
mod user_oauth;
mod user_rules;
mod user_settings;
mod user_status;
mod users;
mod validate;
mod webhooks;
mod webinar_absentees;
mod webinar_registrants;
mod webinar_rules;
mod webinar_schedule;
mod webinars;

#[cfg(test)]
mod tests;

pub use admin::{AppliedChange, Change};
pub use clock::{format_date, format_utc, parse_date, parse_datetime};
pub use delivery::{
    Attempt, DeliveryPlan, DeliveryReport, EventDelivery, Signing, RETRY_SCHEDULE_MINUTES, ZOOM_ANSWER_WITHIN,
};
pub use faults::{Fault, FaultKind};
pub use inspect_media::RecordingState;
pub use oauth::SimApp;
pub use request_log::LoggedRequest;
pub use seed_account::AccountSeed;
pub use server::file_byte;
pub use user_oauth::OAuthApp;
pub use webhooks::{sign_delivery, url_validation_body};

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use store::Store;

/// Credentials the simulator accepts; fresh random values per instance.
#[derive(Clone)]
pub struct SimCredentials {
    pub account_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub webhook_secret: String,
}

impl std::fmt::Debug for SimCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimCredentials")
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("webhook_secret", &"[redacted]")
            .finish()
    }
}

/// The running simulator. Dropping it stops the server.
pub struct Simulator {
    addr: SocketAddr,
    store: Arc<Mutex<Store>>,
    stop: Arc<AtomicBool>,
    /// Off by default: the suite's fault tests rely on one request per connection.
    keep_alive: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    // A panicking test thread must not take every later assertion down with it.
    store.lock().unwrap_or_else(|e| e.into_inner())
}

impl Simulator {
    /// Starts on an ephemeral loopback port.
    pub fn start() -> anyhow::Result<Simulator> {
        Simulator::start_on(0)
    }

    /// Starts on `127.0.0.1:port` (0 picks a free port).
    pub fn start_on(port: u16) -> anyhow::Result<Simulator> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let store = Arc::new(Mutex::new(Store::new(format!("http://{addr}"))));
        let stop = Arc::new(AtomicBool::new(false));
        let keep_alive = Arc::new(AtomicBool::new(false));
        let (conn_store, conn_keep_alive) = (Arc::clone(&store), Arc::clone(&keep_alive));
        let accept = server::spawn_accept_loop(listener, Arc::clone(&stop), move |stream| {
            connection::serve(&conn_store, &conn_keep_alive, stream)
        });
        Ok(Simulator { addr, store, stop, keep_alive, accept: Some(accept) })
    }

    /// Keeps connections open between requests, as Zoom's API does, unless the client asks
    /// `Connection: close` or a fault touched the request (default off: one request per
    /// connection). Pooling clients (the benchmark's native and Rivet arms) need it on.
    pub fn set_keep_alive(&self, on: bool) {
        self.keep_alive.store(on, Ordering::SeqCst);
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn api_url(&self) -> String {
        format!("{}/v2", self.base_url())
    }

    /// The token endpoint is `{oauth_url}/oauth/token`, the user-level app's
    /// consent URL `{oauth_url}/oauth/authorize`.
    pub fn oauth_url(&self) -> String {
        self.base_url()
    }

    /// The Server-to-Server app's credentials, account and webhook secret.
    pub fn credentials(&self) -> SimCredentials {
        lock(&self.store).creds.clone()
    }

    /// The user-level OAuth app: authorization code (with optional PKCE) and
    /// refresh grants, for its one registered redirect URI.
    pub fn oauth_app(&self) -> OAuthApp {
        lock(&self.store).user_oauth.app.clone()
    }

    /// The legacy JWT app's `(api_key, api_secret)`: an HS256 JWT with
    /// `iss` = key and a future `exp`, signed with the secret, is a bearer
    /// token for every route with every scope.
    pub fn jwt_credentials(&self) -> (String, String) {
        let s = lock(&self.store);
        (s.jwt.api_key.clone(), s.jwt.api_secret.clone())
    }

    /// Scopes of `app`'s tokens issued from now on (default: every scope);
    /// routes that accept none of them answer 400/4711.
    pub fn set_app_scopes(&self, app: SimApp, scopes: &[&str]) {
        lock(&self.store).tokens.set_app_scopes(app, scopes);
    }

    /// A valid bearer token with the current TTL, as if pasted by a user.
    pub fn mint_token(&self) -> String {
        let mut s = lock(&self.store);
        let s = &mut *s;
        s.tokens.issue(&mut s.rng)
    }

    /// A valid token holding only `scopes`: routes that accept none of them
    /// answer 400/4711 (tokens from `mint_token` hold all, and so do those
    /// from `/oauth/token` unless `set_app_scopes` narrowed the app).
    pub fn mint_token_with_scopes(&self, scopes: &[&str]) -> String {
        let mut s = lock(&self.store);
        let s = &mut *s;
        s.tokens.issue_scoped(&mut s.rng, scopes)
    }

    /// TTL for access tokens issued from now on, by every grant (default 3600).
    pub fn set_token_ttl(&self, ttl_secs: u64) {
        lock(&self.store).tokens.set_ttl(ttl_secs);
    }

    /// Every access token issued so far; refresh tokens keep working, and
    /// legacy JWTs expire by their own `exp`.
    pub fn expire_all_tokens(&self) {
        lock(&self.store).tokens.expire_all();
    }

    /// `POST /oauth/token` requests that issued a token and were answered 200.
    pub fn token_requests(&self) -> usize {
        lock(&self.store).token_requests
    }

    /// The `grant_type` of every 200 `/oauth/token` answer, oldest first.
    pub fn token_grants(&self) -> Vec<String> {
        lock(&self.store).token_grants.clone()
    }

    pub fn inject(&self, fault: Fault) {
        lock(&self.store).faults.push(fault);
    }

    /// Webhook event bodies produced since the last call, oldest first.
    pub fn take_events(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.store).outbox)
    }

    /// Headers Zoom would send with `body`: content-type,
    /// x-zm-request-timestamp and x-zm-signature.
    pub fn sign_webhook(&self, body: &str, timestamp: i64) -> Vec<(String, String)> {
        let secret = lock(&self.store).creds.webhook_secret.clone();
        webhooks::sign_delivery(&secret, body, timestamp)
    }

    /// POSTs an event to a loopback `http://` receiver; returns its status and body.
    pub fn deliver_webhook(
        &self,
        url: &str,
        body: &str,
        headers: &[(String, String)],
    ) -> anyhow::Result<(u16, String)> {
        webhooks::deliver(url, body, headers)
    }

    /// Takes every pending event (as `take_events` does) and delivers each
    /// by `plan` with Zoom's retry schedule: attempts at +0, +5, +25 and +85
    /// simulated minutes until one is answered 200/204 within the limit.
    /// Blocks until the schedule has run (85 simulated minutes at most).
    pub fn deliver_events(&self, plan: &DeliveryPlan) -> DeliveryReport {
        let (secret, bodies) = {
            let mut s = lock(&self.store);
            (s.creds.webhook_secret.clone(), std::mem::take(&mut s.outbox))
        };
        delivery::run(&secret, plan, bodies)
    }

    /// Delivers one arbitrary body (an `endpoint.url_validation` challenge, a
    /// hand-made event) by `plan`, as a batch of one: `lose: vec![0]` loses it.
    pub fn deliver_body(&self, plan: &DeliveryPlan, body: &str) -> EventDelivery {
        let secret = lock(&self.store).creds.webhook_secret.clone();
        let mut report = delivery::run(&secret, plan, vec![body.to_string()]);
        report.events.remove(0)
    }

    /// Adds a cloud recording instance of meeting `meeting_id` (created
    /// through the API, or one with seeded recordings) that ended within the
    /// last minute, with MP4, M4A and transcript files all `completed`;
    /// emits `meeting.ended`, `recording.completed` and
    /// `recording.transcript_completed` and returns the instance UUID. `None` when
    /// no such meeting (or its host) exists.
    pub fn complete_recording(&self, meeting_id: u64) -> Option<String> {
        seed_media::complete(&mut lock(&self.store), meeting_id)
    }

    /// Emits `webinar.ended` for webinar `webinar_id` (a seeded one, or one created since) whose
    /// last session is over, as Zoom does when its host ends it. `false` for an unknown webinar
    /// or one not over yet.
    pub fn end_webinar(&self, webinar_id: u64) -> bool {
        webinars::emit_ended(&mut lock(&self.store), webinar_id)
    }

    /// Adds an answered inbound call of a Zoom Phone user (id, email or `me`)
    /// that ended seconds ago, emits `phone.callee_ended` and returns the
    /// call history entry as the user route lists it. `None` for an unknown
    /// user or one without Zoom Phone.
    pub fn end_phone_call(&self, user: &str) -> Option<serde_json::Value> {
        call_history::end_call(&mut lock(&self.store), user)
    }

    /// Runs one API request in-process, through the router exactly as an
    /// HTTP request would, as the admin with every scope: `path_and_query`
    /// is under `/v2` and still percent-encoded (`/v2/users?page_size=2`).
    /// Not logged in `requests()`, untouched by injected faults, and not
    /// counted by `after_request` hooks; emits events as usual. Returns the status
    /// and the body as JSON (`null` when empty).
    pub fn request(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        admin::request(&mut lock(&self.store), method, path_and_query, body)
    }

    /// Once the `skip + 1`-th HTTP request with `method` whose path starts
    /// with `path_prefix` has been answered by the router (fault answers do
    /// not count), applies `changes` in order as `request` would, once. The
    /// answer is computed before the changes, so the next page sees them.
    pub fn after_request(&self, method: &str, path_prefix: &str, skip: usize, changes: Vec<Change>) {
        lock(&self.store).hooks.push(admin::AfterRequest {
            method: method.to_string(),
            prefix: path_prefix.to_string(),
            skip,
            changes,
        });
    }

    /// What the changes applied by `after_request` hooks answered, oldest first.
    pub fn applied_changes(&self) -> Vec<AppliedChange> {
        lock(&self.store).applied_changes.clone()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        server::wake(self.addr);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}
