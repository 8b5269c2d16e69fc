//! Everything the simulator remembers, behind one mutex. Meetings, webinars,
//! users and the rest are kept as the JSON objects Zoom would return, so GET
//! answers exactly what the create/update routes stored.

use super::admin::{AfterRequest, AppliedChange};
use super::chat::{Channel, ChatMessage};
use super::faults::Fault;
use super::groups::Group;
use super::ids::Rng;
use super::jwt::JwtKeys;
use super::oauth::Tokens;
use super::paging::Pager;
use super::plans::Plan;
use super::registrants::Registrant;
use super::user_oauth::UserOAuth;
use super::webinar_registrants::WebinarRegistrant;
use super::{
    activity, seed_chat, seed_groups, seed_media, seed_webinars, user_settings, users, webhooks, LoggedRequest,
    SimCredentials,
};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

/// The user directory. Every mutable access bumps `version`, so a listing can keep what it
/// filtered until the directory changes, whichever route changed it.
pub(crate) struct Users {
    list: Vec<Value>,
    version: u64,
}

impl Users {
    pub(crate) fn version(&self) -> u64 {
        self.version
    }
}

impl Deref for Users {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.list
    }
}

impl DerefMut for Users {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        self.version += 1;
        &mut self.list
    }
}

pub(crate) struct Store {
    pub base_url: String,
    pub creds: SimCredentials,
    pub rng: Rng,
    pub tokens: Tokens,
    /// The user-level OAuth app, its pending codes and live refresh tokens.
    pub user_oauth: UserOAuth,
    /// The legacy JWT app's API key and secret.
    pub jwt: JwtKeys,
    pub pager: Pager,
    /// Seeded users; index 0 is the admin that `me` resolves to.
    pub users: Users,
    /// What the last `GET /users` filtered, while the directory is unchanged.
    pub user_filter: Option<users::Filtered>,
    /// Full meeting objects in creation order.
    pub meetings: Vec<Value>,
    pub registrants: HashMap<u64, Vec<Registrant>>,
    /// Per-occurrence changes (`agenda`, some settings) from
    /// `PATCH /meetings/{id}?occurrence_id=` and `PATCH /webinars/{id}?occurrence_id=`,
    /// keyed by meeting or webinar id (they never share one) and occurrence.
    pub occurrence_overrides: HashMap<(u64, String), Map<String, Value>>,
    /// Full webinar objects, seeded or created through the API.
    pub webinars: Vec<Value>,
    pub webinar_registrants: HashMap<u64, Vec<WebinarRegistrant>>,
    /// Panelists per webinar, in the list route's shape.
    pub webinar_panelists: HashMap<u64, Vec<Value>>,
    /// Attendees of webinars that have ended, keyed by webinar id.
    pub webinar_participants: HashMap<u64, Vec<Value>>,
    /// Cloud recordings, one object per meeting instance (uuid).
    pub recordings: Vec<Value>,
    /// Recordings moved to the trash by `DELETE /meetings/{id}/recordings?action=trash`.
    pub trashed_recordings: Vec<Value>,
    /// WebVTT text of each transcript file, by file id (see `transcripts::seed`).
    pub transcripts: HashMap<String, String>,
    /// Download access tokens handed out, with the instance UUID they open and their expiry.
    pub download_tokens: HashMap<String, (String, i64)>,
    /// Serve recording files without a `Content-Length` (chunked), as a CDN may.
    pub files_chunked: bool,
    /// Instances whose file list leaves out `file_size` (the files keep their size).
    pub sizes_unlisted: Vec<String>,
    /// AI Companion summaries of ended meetings, in the get route's shape.
    pub summaries: Vec<Value>,
    /// `GET /users/{id}/settings` bodies plus the `option=` variants, by user id.
    pub settings: HashMap<String, Value>,
    pub channels: Vec<Channel>,
    pub messages: Vec<ChatMessage>,
    /// The account's groups with their members.
    pub groups: Vec<Group>,
    /// Zoom Phone call recordings by owner user id, newest first.
    pub phone_recordings: HashMap<String, Vec<Value>>,
    /// Zoom Phone call history per user id, in the user route's shape, newest first.
    pub call_history: HashMap<String, Vec<Value>>,
    /// Sign-in/sign-out records as `GET /report/activities` returns them, newest first.
    pub activity_logs: Vec<Value>,
    /// What the account bought (seats, storage, Zoom Phone).
    pub plan: Plan,
    /// Meetings that have ended, with `participants[]`; reports count them.
    pub past_meetings: Vec<Value>,
    /// Past webinars in the dashboard's (`/metrics/webinars`) shape.
    pub webinar_metrics: Vec<Value>,
    /// Zoom Rooms in the dashboard's (`/metrics/zoomrooms`) shape.
    pub zoom_rooms: Vec<Value>,
    pub faults: Vec<Fault>,
    pub log: Vec<LoggedRequest>,
    /// Webhook event bodies not yet taken by the test.
    pub outbox: Vec<String>,
    /// Admin requests to apply after a matching HTTP request is answered.
    pub hooks: Vec<AfterRequest>,
    /// What those admin requests answered, oldest first.
    pub applied_changes: Vec<AppliedChange>,
    pub token_requests: usize,
    /// `grant_type` of every 200 token answer, oldest first.
    pub token_grants: Vec<String>,
}

impl Store {
    pub(crate) fn new(base_url: String) -> Store {
        let mut rng = Rng::seeded();
        let creds = SimCredentials {
            account_id: rng.zoom_id(),
            client_id: rng.alnum(22),
            client_secret: rng.alnum(32),
            webhook_secret: rng.alnum(22),
        };
        let users = users::seed(&mut rng, &creds.account_id, &base_url);
        let user_oauth = UserOAuth::new(&mut rng);
        let jwt = JwtKeys::generate(&mut rng);
        let mut store = Store {
            base_url,
            creds,
            rng,
            tokens: Tokens::new(),
            user_oauth,
            jwt,
            pager: Pager::default(),
            users: Users { list: users, version: 0 },
            user_filter: None,
            meetings: Vec::new(),
            registrants: HashMap::new(),
            occurrence_overrides: HashMap::new(),
            webinars: Vec::new(),
            webinar_registrants: HashMap::new(),
            webinar_panelists: HashMap::new(),
            webinar_participants: HashMap::new(),
            recordings: Vec::new(),
            trashed_recordings: Vec::new(),
            transcripts: HashMap::new(),
            download_tokens: HashMap::new(),
            files_chunked: false,
            sizes_unlisted: Vec::new(),
            summaries: Vec::new(),
            settings: HashMap::new(),
            channels: Vec::new(),
            messages: Vec::new(),
            groups: Vec::new(),
            phone_recordings: HashMap::new(),
            call_history: HashMap::new(),
            activity_logs: Vec::new(),
            plan: Plan::default(),
            past_meetings: Vec::new(),
            webinar_metrics: Vec::new(),
            zoom_rooms: Vec::new(),
            faults: Vec::new(),
            log: Vec::new(),
            outbox: Vec::new(),
            hooks: Vec::new(),
            applied_changes: Vec::new(),
            token_requests: 0,
            token_grants: Vec::new(),
        };
        user_settings::seed(&mut store);
        seed_webinars::seed(&mut store);
        seed_media::seed(&mut store);
        seed_chat::seed(&mut store);
        seed_groups::seed(&mut store);
        activity::seed(&mut store);
        super::past_meetings::seed(&mut store);
        super::transcripts::seed(&mut store);
        super::summaries::seed(&mut store);
        store
    }

    /// A fresh 10–11 digit id no meeting, webinar or recording uses.
    pub(crate) fn fresh_numeric_id(&mut self) -> u64 {
        loop {
            let id = self.rng.meeting_id();
            let used = self.meeting(id).is_some()
                || self.webinar(id).is_some()
                || self.recordings.iter().any(|r| r["id"].as_u64() == Some(id));
            if !used {
                return id;
            }
        }
    }

    pub(crate) fn webinar(&self, id: u64) -> Option<&Value> {
        self.webinars.iter().find(|w| w["id"].as_u64() == Some(id))
    }

    /// The stored id of a `{userId}` key, if such a user exists.
    pub(crate) fn user_id(&self, key: &str) -> Option<String> {
        self.find_user(key).and_then(|u| u["id"].as_str()).map(String::from)
    }

    pub(crate) fn admin(&self) -> &Value {
        &self.users[0]
    }

    /// `{userId}` accepts `me`, a user id or an email address (spec/README.md,
    /// *`{userId}`: `me`, an id or an email*).
    pub(crate) fn find_user(&self, key: &str) -> Option<&Value> {
        if key == "me" {
            return Some(self.admin());
        }
        self.users
            .iter()
            .find(|u| u["id"].as_str() == Some(key) || u["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(key)))
    }

    pub(crate) fn meeting(&self, id: u64) -> Option<&Value> {
        self.meetings.iter().find(|m| m["id"].as_u64() == Some(id))
    }

    pub(crate) fn meeting_mut(&mut self, id: u64) -> Option<&mut Value> {
        self.meetings.iter_mut().find(|m| m["id"].as_u64() == Some(id))
    }

    pub(crate) fn webinar_mut(&mut self, id: u64) -> Option<&mut Value> {
        self.webinars.iter_mut().find(|w| w["id"].as_u64() == Some(id))
    }

    /// Queues a webhook event in Zoom's envelope.
    pub(crate) fn emit(&mut self, event: &str, payload: Value) {
        self.outbox.push(webhooks::envelope(event, payload, Map::new()));
    }

    /// `account_id`, `operator` and `operator_id` for events caused by API
    /// calls: S2S apps act as the account admin.
    pub(crate) fn operator_fields(&self) -> serde_json::Map<String, Value> {
        let admin = self.admin();
        let mut m = serde_json::Map::new();
        m.insert("account_id".into(), Value::String(self.creds.account_id.clone()));
        m.insert("operator".into(), admin["email"].clone());
        m.insert("operator_id".into(), admin["id"].clone());
        m
    }
}
