//! Field hints: a valid value for a field whose meaning is known, drawn from the simulator's ids.

use serde_json::{json, Value};
use wasmtime::component::Type;

use super::fields::unwrap_option;
use super::valid::{Gen, LOGIN_TYPES, TIMEZONES};
use crate::bad_input::pools::date;

impl Gen<'_> {
    /// A valid value for field `key`, when the field's meaning is known.
    pub(super) fn hint(&mut self, key: &str, ty: &Type) -> Option<Value> {
        let p = self.pools;
        let a = self.action;
        let inner = unwrap_option(ty);
        Some(match (key, &inner) {
            ("meeting_id", Type::U64) => {
                let id = match a {
                    // Never a pooled meeting: other cases rely on them.
                    "delete-meeting" if !p.created_meetings.is_empty() && self.rng.percent(70) => {
                        *self.rng.pick(&p.created_meetings)
                    }
                    "delete-meeting" => self.rng.between(1, 99_999_999_999),
                    "add-meeting-registrant" | "list-meeting-registrants" if self.rng.percent(70) => p.reg_meeting,
                    "get-meeting-recordings" | "list-past-meeting-instances" => p.recorded.0,
                    _ if self.rng.percent(85) => *self.rng.pick(&p.meetings),
                    _ => self.rng.between(1, 99_999_999_999),
                };
                // 64-bit ids may come as digit strings.
                if self.rng.percent(10) {
                    json!(id.to_string())
                } else {
                    json!(id)
                }
            }
            // Never the pooled recording: other cases read it.
            ("meeting_id", Type::String) if a == "delete-meeting-recordings" => {
                json!(self.rng.between(10_000_000, 99_999_999_999).to_string())
            }
            ("meeting_id", Type::String) => match self.rng.below(4) {
                0 => json!(p.recorded.1),
                1 => json!(self.rng.between(10_000_000, 99_999_999_999).to_string()),
                _ => json!(p.recorded.0.to_string()),
            },
            ("webinar_id", Type::U64) => match a {
                // Never a seeded webinar: other cases rely on them.
                "delete-webinar" if !p.created_webinars.is_empty() && self.rng.percent(70) => {
                    json!(*self.rng.pick(&p.created_webinars))
                }
                "delete-webinar" => json!(self.rng.between(1, 99_999_999_999)),
                "update-webinar" if !p.created_webinars.is_empty() && self.rng.percent(60) => {
                    json!(*self.rng.pick(&p.created_webinars))
                }
                _ => json!(*self.rng.pick(&p.webinars)),
            },
            ("webinar_id", Type::String) => match a {
                "list-webinar-participants"
                | "list-past-webinar-polls"
                | "list-past-webinar-qa"
                | "list-webinar-absentees"
                    if self.rng.percent(80) =>
                {
                    json!(p.past_webinar.to_string())
                }
                _ => json!(self.rng.pick(&p.webinars).to_string()),
            },
            ("user_id", Type::String) => json!(self.user_id()),
            ("email", _) => json!(format!("bi.{:x}@example.com", self.seed)),
            ("transfer_email", _) => json!(p.admin_email),
            ("first_name" | "last_name" | "display_name", _) => {
                json!(*self.rng.pick(&["Ada", "Grace", "Linus", "Zoë", "محمد", "李"]))
            }
            ("topic", _) => json!(format!("Bad input {}", self.text())),
            ("agenda" | "comments", _) => json!(self.text()),
            ("start_time" | "end_date_time", _) => json!(self.future_date_time()),
            ("timezone", _) => json!(*self.rng.pick(TIMEZONES)),
            ("password", _) if a == "create-user" => json!(*self.rng.pick(&["Passw0rdX9", "Zoom4Ever2b", "xY7pQ2mK"])),
            ("password", _) => json!(*self.rng.pick(&["abc123", "Pa_ss-1*", "9x@Y", "0123456789"])),
            ("duration", _) => json!(self.rng.between(15, 180)),
            ("occurrence_id", _) => json!(self.rng.pick(&p.occurrences).clone()),
            ("occurrence_ids", _) => {
                let n = self.rng.between(1, 2) as usize;
                json!(p.occurrences.iter().take(n).cloned().collect::<Vec<_>>())
            }
            ("from" | "to", _) if a == "login-activity" || a == "usage-summary" => {
                json!(date(if key == "to" { p.today - 1 } else { p.today - self.rng.between(1, 40) as i64 }))
            }
            ("days", _) if a == "reclaim-inactive-licenses" => json!(self.rng.between(1, 400)),
            ("from" | "to", _)
                if a == "list-meetings" || a == "get-phone-recordings" || a == "list-phone-call-logs" =>
            {
                json!(date(if key == "to" { self.day + 20 } else { self.day }))
            }
            ("from", _) if a == "list-meeting-summaries" => json!(format!("{}T00:00:00Z", date(p.today - 30))),
            ("to", _) if a == "list-meeting-summaries" => json!(format!("{}T23:59:59Z", date(p.today))),
            ("from", _) if a == "list-user-chat-messages" => json!(format!("{}T00:00:00Z", date(p.today - 1))),
            ("to", _) if a == "list-user-chat-messages" => json!(format!("{}T23:59:59Z", date(p.today))),
            ("date", _) => json!(date(p.today - self.rng.between(0, 2) as i64)),
            ("extra_settings", _) if a == "create-webinar" || a == "update-webinar" => json!(*self.rng.pick(&[
                r#"{"email_language": "de-DE"}"#,
                r#"{"show_join_info": true, "enforce_login": false}"#,
                "{}"
            ])),
            ("contact_email", _) => json!(p.admin_email),
            ("survey_url", _) => json!("https://example.com/survey"),
            ("registrants_restrict_number", _) => json!(self.rng.between(0, 500)),
            ("extra_settings", _) => json!(*self.rng.pick(&[
                r#"{"waiting_room": true}"#,
                r#"{"jbh_time": 5, "join_before_host": true}"#,
                r#"{"mute_upon_entry": true, "focus_mode": false}"#,
                "{}"
            ])),
            ("extra_fields", _) => json!(*self.rng.pick(&[r#"{"about_me": "Hello"}"#, r#"{"pronouns_option": 1}"#])),
            ("settings", Type::String) => json!(*self.rng.pick(&[
                r#"{"in_meeting": {"chat": true}}"#,
                r#"{"schedule_meeting": {"host_video": false}}"#,
                r#"{"in_meeting": {"chat": false}, "schedule_meeting": {"join_before_host": true}}"#
            ])),
            ("custom_query_fields", _) => json!(["host_video", "join_before_host"][..self.rng.between(1, 2) as usize]),
            ("country", _) => json!(*self.rng.pick(&["US", "NO", "JP"])),
            ("language", _) => json!(*self.rng.pick(&["en-US", "de-DE", "fr-FR"])),
            ("phone", _) => json!("+1 555 0100"),
            ("zip", _) => json!("0150"),
            ("purchasing_time_frame", _) => json!(*self.rng.pick(&["Within a month", "1-3 months", "No timeframe"])),
            ("role_in_purchase_process", _) => json!(*self.rng.pick(&["Decision Maker", "Influencer"])),
            ("no_of_employees", _) => json!(*self.rng.pick(&["1-20", "21-50", "More than 10,000"])),
            ("host_key", _) => json!(self.rng.between(100_000, 9_999_999_999).to_string()),
            ("pmi", _) => json!(self.rng.between(1_000_000_000, 9_999_999_999)),
            ("login_type", _) => json!(*self.rng.pick(LOGIN_TYPES)),
            ("zoom_one_type", _) => json!(*self.rng.pick(&[16u64, 32, 64, 128])),
            ("plan_united_type", _) => json!(*self.rng.pick(&["1", "2", "4"])),
            ("page_size", _) => json!(self.rng.between(5, 30)),
            ("max_items", _) => json!(self.rng.between(1, 60)),
            ("next_page_token", _) => json!(format!("tok{:x}", self.seed)),
            ("repeat_interval", _) => json!(self.rng.between(1, 10)),
            ("monthly_day", _) => json!(self.rng.between(1, 28)),
            ("end_times", _) => json!(self.rng.between(1, 10)),
            ("ttl", _) => json!(self.rng.between(0, 604_800)),
            ("role_id", _) => json!(*self.rng.pick(&["0", "1", "2"])),
            ("license", _) => json!(*self.rng.pick(&["zoom_workforce_management", "zoom_compliance_management"])),
            ("to_contact" | "at_contact", _) => json!(p.contact),
            ("group_id", _) => json!(self.rng.pick(&p.groups).clone()),
            ("member_id", _) => json!(self.rng.pick(&p.other_users).clone()),
            ("message", _) if a == "send-chat-message" => json!(format!("@all {}", self.text())),
            ("to_channel", _) => json!(p.channel),
            ("search_key", _) => json!(*self.rng.pick(&["hello", "plan", "file"])),
            ("download_file_formats", _) => json!(["audio/mp4"]),
            ("alternative_hosts", _) => json!(p.other_users.first().cloned().unwrap_or_default()),
            ("global_dial_in_countries", _) => json!(["US"]),
            ("schedule_for", _) => json!(p.admin_email),
            ("tracking_fields", _) => json!([{"field": "Department", "value": "R&D"}]),
            ("custom_questions", _) => json!([{"title": "Why attend?", "value": "To learn"}]),
            ("source_id" | "tracking_source_id", _) => json!(format!("src{:x}", self.seed & 0xFFFF)),
            ("vanity_name", _) => json!(format!("bad.input.{:x}", self.seed)),
            ("timeout_seconds", _) => json!(self.rng.between(5, 30)),
            ("max_retries", _) => json!(self.rng.between(0, 2)),
            ("retry_delay_ms", _) => json!(self.rng.between(0, 20)),
            ("query", _) => json!([["page_size", "5"]][..self.rng.below(2)]),
            ("headers", _) => json!([["x-bad-input", "1"]][..self.rng.below(2)]),
            _ => return None,
        })
    }
}
