//! What tests and recipes read back from the simulator to check a result against its state.
//! Each accessor returns the stored JSON exactly as the matching GET route would.

use super::seed_account::{self, AccountSeed};
use super::{lock, seed_chat, seed_groups, seed_media, seed_webinars, user_settings, Simulator};

impl Simulator {
    /// The stored meeting exactly as `GET /meetings/{id}` returns it (GET
    /// leaves out occurrences that have finished unless asked for them).
    pub fn meeting(&self, id: u64) -> Option<serde_json::Value> {
        lock(&self.store).meeting(id).cloned()
    }

    pub fn meeting_count(&self) -> usize {
        lock(&self.store).meetings.len()
    }

    /// All registrants of a meeting, whatever their status.
    pub fn registrants(&self, meeting_id: u64) -> Vec<serde_json::Value> {
        let s = lock(&self.store);
        s.registrants.get(&meeting_id).map(|l| l.iter().map(|r| r.record.clone()).collect()).unwrap_or_default()
    }

    /// The user `me` resolves to.
    pub fn admin_user(&self) -> serde_json::Value {
        lock(&self.store).admin().clone()
    }

    /// A user as `GET /users/{id}` stores it, by id, email or `me`.
    pub fn user(&self, id_or_email: &str) -> Option<serde_json::Value> {
        lock(&self.store).find_user(id_or_email).cloned()
    }

    /// The stored settings exactly as `GET /users/{id}/settings` returns them.
    pub fn user_settings(&self, user_id: &str) -> Option<serde_json::Value> {
        let s = lock(&self.store);
        let id = s.user_id(user_id)?;
        s.settings.get(&id).map(user_settings::default_view)
    }

    /// The stored webinar exactly as `GET /webinars/{id}` returns it.
    pub fn webinar(&self, id: u64) -> Option<serde_json::Value> {
        lock(&self.store).webinar(id).cloned()
    }

    /// All registrants of a webinar, whatever their status.
    pub fn webinar_registrants(&self, id: u64) -> Vec<serde_json::Value> {
        let s = lock(&self.store);
        s.webinar_registrants.get(&id).map(|l| l.iter().map(|r| r.record.clone()).collect()).unwrap_or_default()
    }

    /// The panelists of a webinar, as the list route returns them.
    pub fn webinar_panelists(&self, id: u64) -> Vec<serde_json::Value> {
        lock(&self.store).webinar_panelists.get(&id).cloned().unwrap_or_default()
    }

    /// How many webinars the simulator holds, seeded and created.
    pub fn webinar_count(&self) -> usize {
        lock(&self.store).webinars.len()
    }

    /// Ids of the webinars (the seeded ones, and any created since), upcoming ones first.
    pub fn seeded_webinar_ids(&self) -> Vec<u64> {
        seed_webinars::ids(&lock(&self.store))
    }

    /// The seeded webinar that has ended and has participants.
    pub fn past_webinar_id(&self) -> u64 {
        seed_webinars::past_id(&lock(&self.store))
    }

    /// A meeting with cloud recordings: its id and the UUID of its latest
    /// instance, which starts with `/` and contains `//`, so it must be
    /// double-encoded in a path.
    pub fn recorded_meeting(&self) -> (u64, String) {
        seed_media::recorded_meeting(&lock(&self.store))
    }

    /// A channel of the admin's that has messages today.
    pub fn chat_channel_id(&self) -> String {
        seed_chat::channel_id(&lock(&self.store))
    }

    /// A contact the admin has direct messages with today.
    pub fn chat_contact_email(&self) -> String {
        seed_chat::contact_email(&lock(&self.store))
    }

    /// Every message of a channel, newest first, as the message list returns them
    /// (sent ones included, whatever their status).
    pub fn channel_messages(&self, channel_id: &str) -> Vec<serde_json::Value> {
        let s = lock(&self.store);
        let mut out: Vec<_> =
            s.messages.iter().filter(|m| m.channel.as_deref() == Some(channel_id)).map(|m| m.record.clone()).collect();
        out.sort_by_key(|m| std::cmp::Reverse(m["timestamp"].as_i64()));
        out
    }

    /// A channel of the admin's that `user` (id or email) is not in.
    pub fn chat_channel_without(&self, user: &str) -> String {
        let s = lock(&self.store);
        let id = s.user_id(user).unwrap_or_default();
        let channel = s.channels.iter().find(|c| !c.members.contains(&id));
        channel.and_then(|c| c.record["id"].as_str()).unwrap_or_default().to_string()
    }

    /// Ids of the seeded groups, in list order: the first has three members, the
    /// second one, the others none.
    pub fn seeded_group_ids(&self) -> Vec<String> {
        seed_groups::ids(&lock(&self.store))
    }

    /// The user ids in a group, in the order they joined.
    pub fn group_members(&self, group_id: &str) -> Vec<String> {
        let s = lock(&self.store);
        s.groups.iter().find(|g| g.id == group_id).map(|g| g.members.clone()).unwrap_or_default()
    }

    /// Every stored Zoom Phone recording of a user (id, email or `me`).
    pub fn phone_recording_count(&self, user_id: &str) -> usize {
        let s = lock(&self.store);
        s.user_id(user_id).and_then(|id| s.phone_recordings.get(&id)).map_or(0, Vec::len)
    }

    /// The call history of a user (id, email or `me`), newest first, as the user route lists it.
    pub fn call_history(&self, user_id: &str) -> Vec<serde_json::Value> {
        let s = lock(&self.store);
        s.user_id(user_id).and_then(|id| s.call_history.get(&id).cloned()).unwrap_or_default()
    }

    /// Every sign-in/sign-out record `GET /report/activities` can return,
    /// newest first, in Zoom's field names.
    pub fn activity_logs(&self) -> Vec<serde_json::Value> {
        lock(&self.store).activity_logs.clone()
    }

    /// Adds a realistic account on top of the default seed: hundreds of users
    /// across types and statuses with login history, past meetings with
    /// participants, recordings with sizes, webinars, Zoom Rooms and a plan
    /// with seat counts (see `AccountSeed`).
    pub fn seed_account(&self, opts: &AccountSeed) {
        seed_account::seed(&mut lock(&self.store), opts);
    }

    /// Every stored user, whatever the status, as `GET /users/{id}` returns them.
    pub fn users(&self) -> Vec<serde_json::Value> {
        lock(&self.store).users.clone()
    }

    /// Meetings that have ended: `host_id`, `start_time`, `duration` (minutes), `participants[]`.
    pub fn past_meetings(&self) -> Vec<serde_json::Value> {
        lock(&self.store).past_meetings.clone()
    }

    /// Every stored cloud recording (`start_time`, `total_size` in bytes, files).
    pub fn recordings(&self) -> Vec<serde_json::Value> {
        lock(&self.store).recordings.clone()
    }

    /// Past webinars as `/metrics/webinars` returns them.
    pub fn webinar_metrics(&self) -> Vec<serde_json::Value> {
        lock(&self.store).webinar_metrics.clone()
    }

    /// Zoom Rooms as `/metrics/zoomrooms` returns them.
    pub fn zoom_rooms(&self) -> Vec<serde_json::Value> {
        lock(&self.store).zoom_rooms.clone()
    }

    /// Every stored Zoom Phone call recording of the account.
    pub fn phone_recordings(&self) -> Vec<serde_json::Value> {
        lock(&self.store).phone_recordings.values().flatten().cloned().collect()
    }

    /// Seats of the base plan, and whether the account has Zoom Phone.
    pub fn plan_seats(&self) -> (u64, bool) {
        let s = lock(&self.store);
        (s.plan.base_seats, s.plan.phone)
    }
}
