//! Hand-written boundary inputs per action, each breaking exactly one documented rule. Every one
//! must come back as `invalid_input` naming that field (its JSON path), before anything is sent.

use serde_json::{json, Value};

use super::pools::{date, Pools};

/// One boundary case: the action, the input, and the fields the error may name.
pub struct Boundary {
    pub action: &'static str,
    pub input: Value,
    pub fields: &'static [&'static str],
}

pub(super) fn b(action: &'static str, input: Value, fields: &'static [&'static str]) -> Boundary {
    Boundary { action, input, fields }
}

/// Inputs with `meeting_id` set to each out-of-range id, for an action taking a `u64` meeting id.
pub(super) fn meeting_ids(
    action: &'static str,
    rest: Value,
    key: &'static str,
    fields: &'static [&'static str],
) -> Vec<Boundary> {
    let ids = [
        json!(0),
        json!(u64::MAX),
        json!("18446744073709551616"),
        json!(-1),
        json!(9_223_372_036_854_775_808u64),
        json!(1.5),
        json!("12 34"),
        json!(null),
    ];
    ids.into_iter()
        .map(|id| {
            let mut input = rest.clone();
            input[key] = id;
            b(action, input, fields)
        })
        .chain(std::iter::once({
            let mut input = rest.clone();
            input.as_object_mut().expect("an object").remove(key);
            b(action, input, fields)
        }))
        .collect()
}

/// `paging` that breaks a rule, for a list action whose page limit is `max`.
pub(super) fn paging(action: &'static str, rest: Value, max: u32) -> Vec<Boundary> {
    let with = |p: Value| {
        let mut input = rest.clone();
        input["paging"] = p;
        input
    };
    vec![
        b(action, with(json!({"page": {"page_size": 0}})), &["paging.page.page_size"]),
        b(action, with(json!({"page": {"page_size": max + 1}})), &["paging.page.page_size"]),
        b(action, with(json!({"all": {"page_size": 0}})), &["paging.all.page_size"]),
        b(action, with(json!({"all": {"max_items": 0}})), &["paging.all.max_items"]),
        b(action, with(json!({"page": {"page_size": -1}})), &["paging.page.page_size"]),
        b(action, with(json!({"sideways": {}})), &["paging"]),
        b(action, with(json!({"page": {}, "all": {}})), &["paging"]),
    ]
}

/// A day that does not exist (`yyyy-MM-31` of a 30-day month, or February 30) in the last
/// months, and a real day three days after the last day of that month: a valid phone window
/// apart from the impossible `from`.
fn no_such_day(today: i64) -> (String, String) {
    (1..150)
        .map(|back| today - back)
        .find_map(|day| {
            let d = date(day);
            let month_end = matches!(&d[5..], "04-30" | "06-30" | "09-30" | "11-30");
            let february_end = &d[5..] == "02-28" && date(day + 1).ends_with("03-01");
            let impossible = if month_end { format!("{}-31", &d[..7]) } else { format!("{}-30", &d[..7]) };
            (month_end || february_end).then(|| (impossible, date(day + 3)))
        })
        .expect("a 30-day month or February ended in the last 150 days")
}

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let m = p.meetings[0];
    let reg = p.reg_meeting;
    let web = p.webinars[0];
    let today = p.today;
    let long = |n: usize| "x".repeat(n);
    let mut out = vec![
        b("test-connection", json!({"x": 1}), &["input"]),
        b("test-connection", json!("me"), &["input"]),
        // create-meeting
        b("create-meeting", json!({"topic": "t", "duration": 0}), &["duration"]),
        b("create-meeting", json!({"topic": "t", "duration": 1441}), &["duration"]),
        b("create-meeting", json!({"topic": "t", "duration": -1}), &["duration"]),
        b("create-meeting", json!({"topic": "t", "duration": "18446744073709551616"}), &["duration"]),
        b("create-meeting", json!({"topic": "t", "password": "12345678901"}), &["password"]),
        b("create-meeting", json!({"topic": "t", "password": "pass word"}), &["password"]),
        b("create-meeting", json!({"topic": "t", "agenda": long(2001)}), &["agenda"]),
        b("create-meeting", json!({"topic": long(201)}), &["topic"]),
        b("create-meeting", json!({"topic": "t", "start_time": "2026-02-30T10:00:00Z"}), &["start_time"]),
        b("create-meeting", json!({"topic": "t", "start_time": "2026-05-01 15:00:00"}), &["start_time"]),
        b("create-meeting", json!({"topic": "t", "start_time": "2026-05-01T24:00:00Z"}), &["start_time"]),
        b("create-meeting", json!({"topic": "t", "meeting_type": "personal_meeting_id"}), &["meeting_type"]),
        b("create-meeting", json!({"topic": "t", "meeting_type": "party"}), &["meeting_type"]),
        b(
            "create-meeting",
            json!({"topic": "t", "meeting_type": "recurring_fixed_time", "start_time": "2030-01-01T10:00:00Z",
                   "recurrence": {"recurrence_type": "daily", "end_times": 3, "end_date_time": "2030-02-01T10:00:00Z"}}),
            &["recurrence.end_times", "recurrence.end_date_time"],
        ),
        b(
            "create-meeting",
            json!({"topic": "t", "meeting_type": "recurring_fixed_time",
                   "recurrence": {"recurrence_type": "daily", "end_times": 61}}),
            &["recurrence.end_times"],
        ),
        b(
            "create-meeting",
            json!({"topic": "t", "meeting_type": "recurring_fixed_time",
                   "recurrence": {"recurrence_type": "daily", "repeat_interval": 100}}),
            &["recurrence.repeat_interval"],
        ),
        b(
            "create-meeting",
            json!({"topic": "t", "meeting_type": "recurring_fixed_time",
                   "recurrence": {"recurrence_type": "monthly", "monthly_day": 32}}),
            &["recurrence.monthly_day"],
        ),
        b(
            "create-meeting",
            json!({"topic": "t", "meeting_type": "recurring_fixed_time",
                   "recurrence": {"recurrence_type": "daily", "end_date_time": "2026-02-30T10:00:00Z"}}),
            &["recurrence.end_date_time"],
        ),
        b("create-meeting", json!({"topic": "t", "extra_settings": "{"}), &["extra_settings"]),
        b("create-meeting", json!({"topic": "t", "extra_settings": "[1]"}), &["extra_settings"]),
        b("create-meeting", json!({"topic": "t", "settings": {"audio": "loud"}}), &["settings.audio"]),
        b(
            "create-meeting",
            json!({"topic": "t", "tracking_fields": [{"field": "", "value": "v"}]}),
            &["tracking_fields[0].field"],
        ),
        b("create-meeting", json!({"topic": "t", "user_id": long(129)}), &["user_id"]),
        b("create-meeting", json!({"topic": "t", "colour": "red"}), &["colour"]),
        // update-meeting
        b("update-meeting", json!({"meeting_id": m}), &["input"]),
        b("update-meeting", json!({"meeting_id": m, "password": "12345678901"}), &["password"]),
        b("update-meeting", json!({"meeting_id": m, "agenda": long(2001)}), &["agenda"]),
        b("update-meeting", json!({"meeting_id": m, "duration": 1441}), &["duration"]),
        b("update-meeting", json!({"meeting_id": m, "start_time": "2026-04-31T10:00:00Z"}), &["start_time"]),
        // list-meetings
        b("list-meetings", json!({"from": "2026-02-30"}), &["from"]),
        b("list-meetings", json!({"to": "2026-13-01"}), &["to"]),
        b("list-meetings", json!({"from": "2026-05-01T00:00:00Z"}), &["from"]),
        b("list-meetings", json!({"list_type": "past"}), &["list_type"]),
        b("list-meetings", json!({"user_id": long(129)}), &["user_id"]),
        // add-meeting-registrant
        b("add-meeting-registrant", json!({"meeting_id": reg, "email": "a@b", "first_name": "A"}), &["email"]),
        b("add-meeting-registrant", json!({"meeting_id": reg, "email": "", "first_name": "A"}), &["email"]),
        b(
            "add-meeting-registrant",
            json!({"meeting_id": reg, "email": format!("{}@example.com", long(120)), "first_name": "A"}),
            &["email"],
        ),
        b(
            "add-meeting-registrant",
            json!({"meeting_id": reg, "email": "a@example.com", "first_name": " "}),
            &["first_name"],
        ),
        b(
            "add-meeting-registrant",
            json!({"meeting_id": reg, "email": "a@example.com", "first_name": long(65)}),
            &["first_name"],
        ),
        b(
            "add-meeting-registrant",
            json!({"meeting_id": reg, "email": "a@example.com", "first_name": "A", "last_name": long(65)}),
            &["last_name"],
        ),
        b("add-meeting-registrant", json!({"meeting_id": reg, "first_name": "A"}), &["email"]),
        // list-meeting-registrants
        b("list-meeting-registrants", json!({"meeting_id": reg, "status": "maybe"}), &["status"]),
        // get-meeting-recordings
        b("get-meeting-recordings", json!({"meeting_id": ""}), &["meeting_id"]),
        b("get-meeting-recordings", json!({"meeting_id": "   "}), &["meeting_id"]),
        b("get-meeting-recordings", json!({"meeting_id": long(129)}), &["meeting_id"]),
        b("get-meeting-recordings", json!({"meeting_id": "a\u{0}b"}), &["meeting_id"]),
        b("get-meeting-recordings", json!({"meeting_id": p.recorded.0.to_string(), "ttl": 60}), &["ttl"]),
        b(
            "get-meeting-recordings",
            json!({"meeting_id": p.recorded.0.to_string(), "include_download_token": true, "ttl": 604_801}),
            &["ttl"],
        ),
        b("get-meeting-recordings", json!({"meeting_id": 5}), &["meeting_id"]),
        // webinars
        b("list-webinars", json!({"list_type": "past"}), &["list_type"]),
        b("list-webinars", json!({"user_id": long(129)}), &["user_id"]),
        b("get-webinar", json!({"webinar_id": ""}), &["webinar_id"]),
        b("get-webinar", json!({"webinar_id": " \t "}), &["webinar_id"]),
        b("get-webinar", json!({"webinar_id": long(129)}), &["webinar_id"]),
        b(
            "add-webinar-registrant",
            json!({"webinar_id": 0, "email": "a@example.com", "first_name": "A"}),
            &["webinar_id"],
        ),
        b("add-webinar-registrant", json!({"webinar_id": web, "email": "a@b", "first_name": "A"}), &["email"]),
        b(
            "add-webinar-registrant",
            json!({"webinar_id": web, "email": "a@example.com", "first_name": ""}),
            &["first_name"],
        ),
        b("list-webinar-registrants", json!({"webinar_id": 0}), &["webinar_id"]),
        b("list-webinar-registrants", json!({"webinar_id": web, "status": "x"}), &["status"]),
        b("list-webinar-participants", json!({"webinar_id": ""}), &["webinar_id"]),
        // users
        b("create-user", json!({"action": "create", "email": "a@b", "user_type": "basic"}), &["email"]),
        b(
            "create-user",
            json!({"action": "auto_create", "email": "auto@example.com", "user_type": "basic", "password": "short1A"}),
            &["password"],
        ),
        b(
            "create-user",
            json!({"action": "auto_create", "email": "auto@example.com", "user_type": "basic", "password": "abcdefgH1"}),
            &["password"],
        ),
        b(
            "create-user",
            json!({"action": "create", "email": "p@example.com", "user_type": "basic", "password": "Passw0rdX9"}),
            &["password"],
        ),
        b("create-user", json!({"action": "create", "email": "n@example.com", "user_type": "none"}), &["user_type"]),
        b(
            "create-user",
            json!({"action": "create", "email": "f@example.com", "user_type": "basic", "first_name": long(65)}),
            &["first_name"],
        ),
        b("create-user", json!({"action": "destroy", "email": "d@example.com", "user_type": "basic"}), &["action"]),
        b("create-user", json!({"action": "create", "user_type": "basic"}), &["email"]),
        b("get-user", json!({"login_type": -1}), &["login_type"]),
        b("get-user", json!({"login_type": "work"}), &["login_type"]),
        b("get-user", json!({"user_id": long(129)}), &["user_id"]),
        b("update-user", json!({"user_id": p.other_users[0], "pmi": 123}), &["pmi"]),
        b("update-user", json!({"user_id": p.other_users[0], "pmi": 10_000_000_000u64}), &["pmi"]),
        b("update-user", json!({"user_id": p.other_users[0], "host_key": "12ab56"}), &["host_key"]),
        b("update-user", json!({"user_id": p.other_users[0], "host_key": "12345"}), &["host_key"]),
        b("update-user", json!({"user_id": p.other_users[0], "extra_fields": "{"}), &["extra_fields"]),
        b("update-user", json!({"user_id": p.other_users[0]}), &["input"]),
        b("update-user", json!({"user_id": p.other_users[0], "first_name": long(65)}), &["first_name"]),
        b("delete-user", json!({"user_id": ""}), &["user_id"]),
        b("delete-user", json!({"user_id": "me"}), &["user_id"]),
        b("delete-user", json!({"user_id": "x@example.com", "transfer_meeting": true}), &["transfer_email"]),
        b("delete-user", json!({"user_id": "x@example.com", "transfer_email": "a@b"}), &["transfer_email"]),
        b("delete-user", json!({"user_id": "x@example.com", "action": "shred"}), &["action"]),
        b("list-users", json!({"status": "gone"}), &["status"]),
        b("get-user-settings", json!({"option": "everything"}), &["option"]),
        b("get-user-settings", json!({"custom_query_fields": "host_video"}), &["custom_query_fields"]),
        b("update-user-settings", json!({"settings": "{"}), &["settings"]),
        b("update-user-settings", json!({"settings": "{}"}), &["settings"]),
        b("update-user-settings", json!({"settings": "[1]"}), &["settings"]),
        b("update-user-settings", json!({"settings": r#"{"in_meeting": true}"#}), &["settings.in_meeting"]),
        b("update-user-settings", json!({}), &["settings"]),
        // chat and phone
        b("list-user-channels", json!({"user_id": long(129)}), &["user_id"]),
        b(
            "list-user-chat-messages",
            json!({"to_contact": p.contact, "to_channel": p.channel}),
            &["to_contact", "to_channel"],
        ),
        b("list-user-chat-messages", json!({}), &["to_contact", "to_channel"]),
        b("list-user-chat-messages", json!({"to_channel": p.channel, "date": "2026-02-30"}), &["date"]),
        b(
            "list-user-chat-messages",
            json!({"to_channel": p.channel, "date": date(today), "from": format!("{}T00:00:00Z", date(today))}),
            &["date", "from"],
        ),
        b("list-user-chat-messages", json!({"to_channel": p.channel, "from": "yesterday"}), &["from"]),
        b("list-user-chat-messages", json!({"to_channel": p.channel, "to": "2026-02-30T10:00:00Z"}), &["to"]),
        b("list-user-chat-messages", json!({"search_type": "message"}), &["search_key", "search_type"]),
        b(
            "list-user-chat-messages",
            json!({"to_channel": p.channel, "search_type": "file"}),
            &["search_key", "search_type"],
        ),
        b("get-phone-recordings", json!({"from": date(today - 5)}), &["to"]),
        b("get-phone-recordings", json!({"to": date(today - 5)}), &["from"]),
        b("get-phone-recordings", json!({"from": no_such_day(today).0, "to": no_such_day(today).1}), &["from"]),
        b("get-phone-recordings", json!({"from": date(today - 5), "to": date(today - 10)}), &["to"]),
        b("get-phone-recordings", json!({"from": date(today - 60), "to": date(today - 5)}), &["to"]),
        b("get-phone-recordings", json!({"from": date(today - 400), "to": date(today - 390)}), &["from"]),
        // licences, reports and seats
        b("license-inventory", json!({"include_inactive": "yes"}), &["include_inactive"]),
        b("login-activity", json!({}), &["from"]),
        b("login-activity", json!({"from": "2026-13-01"}), &["from"]),
        b("login-activity", json!({"from": no_such_day(today).0, "to": no_such_day(today).1}), &["from"]),
        b("login-activity", json!({"from": date(today - 5), "to": date(today - 10)}), &["to"]),
        b("login-activity", json!({"from": date(today - 60), "to": date(today - 5)}), &["to"]),
        b("login-activity", json!({"from": date(today - 400), "to": date(today - 390)}), &["from"]),
        b("usage-summary", json!({"from": date(today - 5)}), &["to"]),
        b("usage-summary", json!({"from": date(today - 5), "to": date(today)}), &["to"]),
        b("usage-summary", json!({"from": date(today - 40), "to": date(today - 1)}), &["to"]),
        b("usage-summary", json!({"from": date(today - 2), "to": date(today - 3)}), &["to"]),
        b("usage-summary", json!({"from": "yesterday", "to": date(today - 1)}), &["from"]),
        b("usage-summary", json!({"from": date(today - 300), "to": date(today - 290)}), &["from"]),
        b("plan-usage", json!({"account_id": long(129)}), &["account_id"]),
        b("set-user-type", json!({"user_id": "", "user_type": "basic"}), &["user_id"]),
        b("set-user-type", json!({"user_id": long(129), "user_type": "basic"}), &["user_id"]),
        b("set-user-type", json!({"user_id": "x@example.com", "user_type": "none"}), &["user_type"]),
        b("set-user-type", json!({"user_id": "x@example.com", "user_type": "pro"}), &["user_type"]),
        b("deactivate-user", json!({"user_id": " "}), &["user_id"]),
        b("deactivate-user", json!({}), &["user_id"]),
        b("activate-user", json!({"user_id": long(129)}), &["user_id"]),
        b("reclaim-inactive-licenses", json!({"days": 0}), &["days"]),
        b("reclaim-inactive-licenses", json!({"days": 3651}), &["days"]),
        b("reclaim-inactive-licenses", json!({"days": -1}), &["days"]),
        b("reclaim-inactive-licenses", json!({"days": 30, "dry_run": "no"}), &["dry_run"]),
        // raw-request
        b("raw-request", json!({"method": "get", "path": "https://elsewhere.example/v2/users"}), &["path"]),
        b("raw-request", json!({"method": "get", "path": "users/me"}), &["path"]),
        b("raw-request", json!({"method": "get", "path": "/users/../oauth/token"}), &["path"]),
        b("raw-request", json!({"method": "get", "path": "/users/me?x=1"}), &["path"]),
        b("raw-request", json!({"method": "get", "path": "/users/me me"}), &["path"]),
        b("raw-request", json!({"method": "get", "path": "//evil.example/x"}), &["path"]),
        b("raw-request", json!({"method": "head", "path": "/users/me"}), &["method"]),
        b("raw-request", json!({"method": "get", "path": "/users/me", "timeout_seconds": 0}), &["timeout_seconds"]),
        b("raw-request", json!({"method": "get", "path": "/users/me", "timeout_seconds": 301}), &["timeout_seconds"]),
        b("raw-request", json!({"method": "get", "path": "/users/me", "max_retries": 11}), &["max_retries"]),
        b("raw-request", json!({"method": "get", "path": "/users/me", "retry_delay_ms": 60_001}), &["retry_delay_ms"]),
        b("raw-request", json!({"method": "post", "path": "/users/me/meetings", "body": "{"}), &["body"]),
        b(
            "raw-request",
            json!({"method": "post", "path": "/users/me/meetings", "body": "{}", "form_data": [["a", "b"]]}),
            &["body", "form_data"],
        ),
        b(
            "raw-request",
            json!({"method": "get", "path": "/users/me", "headers": [["Authorization", "Bearer x"]]}),
            &["headers[0]"],
        ),
        b(
            "raw-request",
            json!({"method": "get", "path": "/users/me", "headers": [["x-ok", "a\r\nInjected: 1"]]}),
            &["headers[0]"],
        ),
        b(
            "raw-request",
            json!({"method": "get", "path": "/users/me", "headers": [["bad header", "v"]]}),
            &["headers[0]"],
        ),
        b("raw-request", json!({"method": "get", "path": "/users/me", "query": [["", "v"]]}), &["query[0]"]),
        b("raw-request", json!({"method": "get", "path": "/users/me", "query": [["a"]]}), &["query[0]"]),
        b("raw-request", json!({"path": "/users/me"}), &["method"]),
    ];
    for action in ["get-meeting", "delete-meeting", "get-meeting-invitation", "list-meeting-registrants"] {
        out.extend(meeting_ids(action, json!({"meeting_id": m}), "meeting_id", &["meeting_id"]));
    }
    out.extend(meeting_ids("update-meeting", json!({"meeting_id": m, "topic": "t"}), "meeting_id", &["meeting_id"]));
    out.extend(meeting_ids(
        "add-meeting-registrant",
        json!({"meeting_id": reg, "email": "a@example.com", "first_name": "A"}),
        "meeting_id",
        &["meeting_id"],
    ));
    out.extend(meeting_ids(
        "add-webinar-registrant",
        json!({"webinar_id": web, "email": "a@example.com", "first_name": "A"}),
        "webinar_id",
        &["webinar_id"],
    ));
    out.extend(meeting_ids("list-webinar-registrants", json!({"webinar_id": web}), "webinar_id", &["webinar_id"]));
    out.extend(paging("list-meetings", json!({}), 300));
    out.extend(paging("list-meeting-registrants", json!({"meeting_id": reg}), 300));
    out.extend(paging("list-webinars", json!({}), 300));
    out.extend(paging("list-webinar-registrants", json!({"webinar_id": web}), 300));
    out.extend(paging("list-webinar-participants", json!({"webinar_id": p.past_webinar.to_string()}), 300));
    out.extend(paging("list-users", json!({}), 2000));
    out.extend(paging("list-user-channels", json!({}), 1000));
    out.extend(paging("list-user-chat-messages", json!({"to_channel": p.channel}), 50));
    out.extend(paging("get-phone-recordings", json!({}), 300));
    out.extend(paging("list-phone-call-logs", json!({"user_id": "me"}), 300));
    out
}
