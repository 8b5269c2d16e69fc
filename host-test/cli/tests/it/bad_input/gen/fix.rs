//! Rules between fields, applied to a generated value so it is valid before mutation.

use serde_json::{json, Map, Value};

use super::super::pools::date;
use super::rng::Rng;
use super::valid::Gen;

impl Gen<'_> {
    /// Makes a generated input obey the rules between fields, so it is valid before mutation.
    pub(super) fn fix(&mut self, m: &mut Map<String, Value>) {
        let p = self.pools;
        match self.action {
            "create-meeting" | "update-meeting" => {
                if let Some(Value::Object(r)) = m.get_mut("recurrence") {
                    fix_recurrence(self.rng, r);
                }
                let recurring = m.get("recurrence").is_some_and(Value::is_object);
                match m.get("meeting_type").and_then(Value::as_str) {
                    Some("personal_meeting_id") => {
                        m.insert("meeting_type".into(), json!("scheduled"));
                    }
                    Some("recurring_fixed_time" | "recurring_no_fixed_time") if !recurring => {
                        m.insert("meeting_type".into(), json!("scheduled"));
                    }
                    _ => {}
                }
                if recurring && (self.action == "create-meeting" || m.contains_key("meeting_type")) {
                    m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                }
                if self.action == "update-meeting" && m.keys().all(|k| k == "meeting_id" || k == "occurrence_id") {
                    m.insert("topic".into(), json!("Renamed by bad-input"));
                }
            }
            "create-webinar" | "update-webinar" => {
                if let Some(Value::Object(r)) = m.get_mut("recurrence") {
                    fix_recurrence(self.rng, r);
                }
                let recurring = m.get("recurrence").is_some_and(Value::is_object);
                if !recurring && m.get("webinar_type").and_then(Value::as_str).is_some_and(|t| t != "webinar") {
                    m.insert("webinar_type".into(), json!("webinar"));
                }
                if recurring && (self.action == "create-webinar" || m.contains_key("webinar_type")) {
                    m.insert("webinar_type".into(), json!("recurring_fixed_time"));
                }
                if self.action == "update-webinar" && m.keys().all(|k| k == "webinar_id" || k == "occurrence_id") {
                    m.insert("topic".into(), json!("Renamed by bad-input"));
                }
            }
            "create-user" => {
                let action = m.get("action").and_then(Value::as_str).unwrap_or("create").to_owned();
                if action == "auto_create" {
                    m.insert("password".into(), json!("Passw0rdX9"));
                } else {
                    m.remove("password");
                }
                if m.get("user_type") == Some(&json!("none")) && action != "sso_create" {
                    m.insert("user_type".into(), json!("basic"));
                }
            }
            "update-user" if m.keys().all(|k| k == "user_id") => {
                m.insert("job_title".into(), json!("Tester"));
            }
            "delete-user" => {
                let transfers = ["transfer_meeting", "transfer_webinar", "transfer_recording", "transfer_whiteboard"];
                if transfers.iter().any(|t| m.get(*t) == Some(&json!(true))) {
                    m.insert("transfer_email".into(), json!(p.admin_email));
                }
            }
            "get-meeting-recordings" if m.contains_key("ttl") => {
                m.insert("include_download_token".into(), json!(true));
            }
            "list-user-chat-messages" => {
                for k in ["to_contact", "to_channel", "search_type", "search_key"] {
                    m.remove(k);
                }
                match self.rng.below(3) {
                    0 => {
                        m.insert("to_contact".into(), json!(p.contact));
                    }
                    1 => {
                        m.insert("to_channel".into(), json!(p.channel));
                    }
                    _ => {
                        m.insert("search_type".into(), json!(*self.rng.pick(&["message", "file"])));
                        m.insert("search_key".into(), json!("plan"));
                    }
                }
                if m.contains_key("date") {
                    m.remove("from");
                    m.remove("to");
                }
            }
            "send-chat-message" => {
                let in_channel = self.rng.percent(70);
                m.remove("to_contact");
                m.remove("to_channel");
                if in_channel {
                    m.insert("to_channel".into(), json!(p.channel));
                } else {
                    m.insert("to_contact".into(), json!(p.contact));
                }
                let text = format!("@Blake @all {}", self.text());
                m.insert("message".into(), json!(text));
                // Mentions inside the text: the contact at 0..5, everyone at 7..10 (channels only).
                let mentions = match (self.rng.below(3), in_channel) {
                    (0, _) => json!([]),
                    (1, true) => json!([{"at_type": "all_in_channel", "start_position": 7, "end_position": 10}]),
                    _ => {
                        json!([{"at_type": "contact", "start_position": 0, "end_position": 5, "at_contact": p.contact}])
                    }
                };
                m.insert("at_items".into(), mentions);
                m.remove("reply_main_message_id");
            }
            "add-group-members" => {
                let n = self.rng.between(1, 3) as usize;
                let members: Vec<Value> = p
                    .other_users
                    .iter()
                    .take(n)
                    .map(|u| if u.contains('@') { json!({"email": u}) } else { json!({"id": u}) })
                    .collect();
                m.insert("members".into(), json!(members));
            }
            "get-phone-recordings" | "list-phone-call-logs" if m.contains_key("from") != m.contains_key("to") => {
                m.remove("from");
                m.remove("to");
            }
            "update-user-settings" => {
                let settings = match m.get("option").and_then(Value::as_str) {
                    Some("meeting_authentication") => r#"{"meeting_authentication": true}"#,
                    Some("recording_authentication") => r#"{"recording_authentication": false}"#,
                    Some(_) => r#"{"meeting_security": {"waiting_room": true}}"#,
                    None => return,
                };
                m.insert("settings".into(), json!(settings));
            }
            "raw-request" => self.fix_raw(m),
            "poll" => {
                // A random string is never a cursor: keep one only now and then.
                if self.rng.percent(80) {
                    m.remove("cursor");
                }
                m.insert("page_size".into(), json!(self.rng.between(1, 300)));
                m.insert("backfill_hours".into(), json!(self.rng.between(0, 720)));
            }
            "reconcile" => {
                let back = self.rng.between(0, 29) as i64;
                m.insert("from".into(), json!(format!("{}T00:00:00Z", date(p.today - back))));
                m.insert("to".into(), json!(format!("{}T23:59:59Z", date(p.today))));
                m.insert("user_id".into(), json!("me"));
                m.remove("event_names");
            }
            "sample" => {
                // A random string is never a trigger id: name a real one most of the time, and
                // mostly leave the clock alone so the account's items are found, and ask for 1-50.
                if self.rng.percent(70) {
                    let ids =
                        ["webhook", "reconcile", "poll:new-meetings", "poll:new-meeting-registrants", "poll:new-users"];
                    m.insert("trigger_id".into(), json!(*self.rng.pick(&ids)));
                }
                if self.rng.percent(70) {
                    m.remove("now_unix_seconds");
                    m.insert("max".into(), json!(self.rng.between(1, 50)));
                }
            }
            _ => {}
        }
    }

    /// A request the spec knows, with at most one kind of body and quick retries.
    fn fix_raw(&mut self, m: &mut Map<String, Value>) {
        let p = self.pools;
        let meeting = *self.rng.pick(&p.meetings);
        let (method, path, body) = match self.rng.below(6) {
            0 => ("get", "/users/me".to_owned(), None),
            1 => ("get", "/users".to_owned(), None),
            2 => ("get", format!("/meetings/{meeting}"), None),
            3 => ("get", format!("/meetings/{meeting}/invitation"), None),
            4 => (
                "post",
                "/users/me/meetings".to_owned(),
                Some(json!({"topic": "Raw bad-input", "type": 2, "start_time": "2030-03-01T09:00:00Z"}).to_string()),
            ),
            _ => ("patch", format!("/meetings/{meeting}"), Some(json!({"agenda": "Raw patch"}).to_string())),
        };
        m.insert("method".into(), json!(method));
        m.insert("path".into(), json!(path));
        m.remove("form_data");
        m.remove("file_data");
        match body {
            Some(b) => m.insert("body".into(), json!(b)),
            None => m.remove("body"),
        };
        if method != "get" {
            m.remove("query");
        }
    }
}

fn fix_recurrence(rng: &mut Rng, r: &mut Map<String, Value>) {
    let kind = r.get("recurrence_type").and_then(Value::as_str).unwrap_or("daily").to_owned();
    for k in ["weekly_days", "monthly_day", "monthly_week", "monthly_week_day"] {
        r.remove(k);
    }
    match kind.as_str() {
        "weekly" => {
            r.insert("weekly_days".into(), json!(["monday", "thursday"][..rng.between(1, 2) as usize]));
        }
        "monthly" if rng.percent(50) => {
            r.insert("monthly_day".into(), json!(rng.between(1, 28)));
        }
        "monthly" => {
            r.insert("monthly_week".into(), json!(*rng.pick(&["first", "last", "third"])));
            r.insert("monthly_week_day".into(), json!(*rng.pick(&["monday", "friday"])));
        }
        _ => {}
    }
    if r.contains_key("end_times") && r.contains_key("end_date_time") {
        r.remove("end_date_time");
    }
}
