//! The checker against hand-built requests and small synthetic tables.

use super::formats::{is_date, is_date_time};
use super::table::{parse_table, table, Operation, Seg};
use super::*;
use serde_json::{json, Value};

fn req(method: &str, path: &str, query: &[(&str, &str)], body: &str) -> LoggedRequest {
    let mut headers = vec![("authorization".to_owned(), "[redacted]".to_owned())];
    if !body.is_empty() {
        headers.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    LoggedRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        headers,
        body: body.to_owned(),
        status: 200,
    }
}

fn create_meeting(body: Value) -> LoggedRequest {
    req("POST", "/v2/users/me/meetings", &[], &body.to_string())
}

fn good_meeting() -> Value {
    json!({
        "topic": "Planning",
        "type": 2,
        "start_time": "2026-12-01T15:00:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "agenda": "Quarterly planning",
        "settings": {
            "host_video": true,
            "join_before_host": false,
            "approval_type": 2,
            "audio": "voip",
            "auto_recording": "none",
            "meeting_invitees": [{"email": "a@example.com"}],
            "waiting_room_options": {"mode": "custom", "who_goes_to_waiting_room": "everyone"}
        }
    })
}

/// The violations `check` reports; panics if it accepts the request.
fn violations(r: &LoggedRequest) -> Vec<Violation> {
    match check(r) {
        Ok(id) => panic!("expected violations for {} {}, got Ok({id})", r.method, r.path),
        Err(v) => v,
    }
}

fn mentions(v: &[Violation], needle: &str) -> bool {
    v.iter().any(|x| x.what.contains(needle))
}

#[test]
fn table_parses_and_templates_are_unique() {
    let ops = table();
    assert!(ops.len() >= 30, "only {} operations", ops.len());
    let mut seen = std::collections::BTreeSet::new();
    for op in ops {
        assert!(seen.insert((op.method.clone(), op.template.clone())), "duplicate {} {}", op.method, op.template);
        for seg in &op.segments {
            if let Seg::Param(p) = seg {
                assert!(op.path_params.iter().any(|pp| &pp.name == p), "{}: {p} undeclared", op.id);
            }
        }
    }
}

#[test]
fn correct_create_meeting_passes() {
    assert_eq!(check(&create_meeting(good_meeting())), Ok("meetingCreate"));
}

#[test]
fn recurring_meeting_with_comma_separated_weekly_days_passes() {
    let mut body = good_meeting();
    body["type"] = json!(8);
    body["start_time"] = json!("2026-12-01T15:00:00"); // local time in `timezone`
    body["recurrence"] = json!({"type": 2, "repeat_interval": 1, "weekly_days": "2,5", "end_times": 4});
    assert_eq!(check(&create_meeting(body.clone())), Ok("meetingCreate"));
    body["recurrence"]["weekly_days"] = json!("2,9");
    assert!(mentions(&violations(&create_meeting(body)), "recurrence.weekly_days"));
}

#[test]
fn misspelled_body_field_is_named() {
    let mut body = good_meeting();
    let topic = body.as_object_mut().unwrap().remove("topic").unwrap();
    body["topik"] = topic;
    let v = violations(&create_meeting(body));
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].operation.as_deref(), Some("meetingCreate"));
    assert!(v[0].what.contains("`topik`") && v[0].what.contains("did you mean `topic`"), "{}", v[0]);
}

#[test]
fn nested_unknown_field_is_named_with_its_path() {
    let mut body = good_meeting();
    body["settings"]["waiting_room_options"]["moode"] = json!("custom");
    body["settings"]["meeting_invitees"] = json!([{"email": "a@example.com", "name": "A"}]);
    let v = violations(&create_meeting(body));
    assert!(mentions(&v, "settings.waiting_room_options.moode"), "{v:?}");
    assert!(mentions(&v, "settings.meeting_invitees[0].name"), "{v:?}");
}

#[test]
fn string_where_integer_expected_fails() {
    let mut body = good_meeting();
    body["type"] = json!("2");
    let v = violations(&create_meeting(body));
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].what.contains("`type` must be integer, got string \"2\""), "{}", v[0]);
}

#[test]
fn body_enum_range_length_format_and_required_fields_are_checked() {
    let mut body = good_meeting();
    body["type"] = json!(7);
    body["duration"] = json!(0);
    body["password"] = json!("12345678901");
    body["start_time"] = json!("tomorrow");
    body["settings"]["audio"] = json!("loud");
    body["settings"]["waiting_room_options"] = json!({"who_goes_to_waiting_room": "everyone"});
    body["settings"]["meeting_invitees"] = json!([{"email": "not an email"}]);
    let v = violations(&create_meeting(body));
    for needle in [
        "`type` = 7 is not one of",
        "`duration` = 0 is below the minimum",
        "`password` is 11 characters long; maxLength is 10",
        "`start_time` = \"tomorrow\" is not a valid date-time",
        "`settings.audio` = \"loud\"",
        "required body field `settings.waiting_room_options.mode` is missing",
        "`settings.meeting_invitees[0].email`",
    ] {
        assert!(mentions(&v, needle), "no {needle:?} in {v:#?}");
    }
    assert_eq!(v.len(), 7, "{v:#?}");
}

#[test]
fn registrant_requires_its_required_fields() {
    let ok = req("POST", "/v2/meetings/85746065432/registrants", &[], r#"{"email":"a@example.com","first_name":"A"}"#);
    assert_eq!(check(&ok), Ok("meetingRegistrantCreate"));
    let missing = req("POST", "/v2/meetings/85746065432/registrants", &[], r#"{"first_name":"A"}"#);
    assert!(mentions(&violations(&missing), "required body field `email` is missing"));
}

#[test]
fn huge_numeric_enum_values_rounded_by_the_spec_still_match() {
    let body = json!({"type": 1, "zoom_one_type": 16}).to_string();
    assert_eq!(check(&req("PATCH", "/v2/users/me", &[], &body)), Ok("userUpdate"));
    let exact = 1u64 << 56; // the table holds 72057594037927940
    let body = json!({"action": "create", "user_info": {"email": "a@example.com", "type": 1,
        "feature": {"zoom_one_type": exact}}});
    assert_eq!(check(&req("POST", "/v2/users", &[], &body.to_string())), Ok("userCreate"));
}

#[test]
fn body_problems_outside_the_schema() {
    let bad_json = req("POST", "/v2/users/me/meetings", &[], "{\"topic\":");
    assert!(mentions(&violations(&bad_json), "not valid JSON"));
    let array = req("POST", "/v2/users/me/meetings", &[], "[]");
    assert!(mentions(&violations(&array), "must be a JSON object"));
    let mut wrong_type = create_meeting(good_meeting());
    wrong_type.headers.retain(|(k, _)| k != "content-type");
    assert!(mentions(&violations(&wrong_type), "without a content-type"));
    let get_with_body = req("GET", "/v2/users/me/meetings", &[], "{}");
    assert!(mentions(&violations(&get_with_body), "takes no request body"));
    // No body is fine where the body is optional.
    assert_eq!(check(&req("DELETE", "/v2/meetings/85746065432", &[], "")), Ok("meetingDelete"));
}

#[test]
fn page_size_over_the_route_max_fails() {
    let ok = req("GET", "/v2/users/me/meetings", &[("page_size", "300"), ("type", "scheduled")], "");
    assert_eq!(check(&ok), Ok("meetings"));
    let v = violations(&req("GET", "/v2/users/me/meetings", &[("page_size", "301")], ""));
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].what.contains("page_size=301 exceeds the maximum 300"), "{}", v[0]);
}

#[test]
fn unknown_query_parameter_fails() {
    let v = violations(&req("GET", "/v2/users/me/meetings", &[("pagesize", "30")], ""));
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].what.contains("unknown query parameter `pagesize`"), "{}", v[0]);
    assert!(v[0].what.contains("did you mean `page_size`"), "{}", v[0]);
}

/// (path, query, expected text in a violation)
type QueryCase = (&'static str, &'static [(&'static str, &'static str)], &'static str);

#[test]
fn query_values_are_typed() {
    let cases: &[QueryCase] = &[
        ("/v2/users/me/meetings", &[("page_size", "ten")], "must be integer"),
        ("/v2/users/me/meetings", &[("type", "soon")], "is not one of"),
        ("/v2/users/me/meetings", &[("from", "2026-13-01")], "yyyy-mm-dd"),
        ("/v2/users/me/meetings", &[("page_size", "10"), ("page_size", "20")], "given 2 times"),
        ("/v2/meetings/85746065432", &[("show_previous_occurrences", "yes")], "must be boolean"),
        ("/v2/users/me", &[("login_type", "2")], "is not one of"),
        ("/v2/meetings/85746065432/recordings", &[("ttl", "604801")], "above the maximum"),
        ("/v2/chat/users/me/messages", &[("from", "2026-01-01")], "ISO 8601 date-time"),
        ("/v2/report/users", &[("from", "2026-01-01")], "required query parameter `to` is missing"),
    ];
    for (path, query, needle) in cases {
        let v = violations(&req("GET", path, query, ""));
        assert!(mentions(&v, needle), "{path} {query:?}: no {needle:?} in {v:#?}");
    }
    let fine: &[(&str, &[(&str, &str)])] = &[
        ("/v2/users/me", &[("login_type", "100")]),
        ("/v2/meetings/85746065432", &[("show_previous_occurrences", "true")]),
        ("/v2/report/users", &[("from", "2026-01-01"), ("to", "2026-01-31"), ("type", "active")]),
        ("/v2/chat/users/me/messages", &[("from", "2026-01-01T00:00:00Z"), ("to", "2026-01-02T00:00:00.5+01:00")]),
    ];
    for (path, query) in fine {
        let r = req("GET", path, query, "");
        assert!(check(&r).is_ok(), "{path} {query:?}: {:?}", check(&r));
    }
}

#[test]
fn non_numeric_int64_path_param_fails() {
    let v = violations(&req("GET", "/v2/meetings/abc", &[], ""));
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].operation.as_deref(), Some("meeting"));
    assert!(v[0].what.contains("`meetingId`") && v[0].what.contains("\"abc\""), "{}", v[0]);
    assert_eq!(check(&req("GET", "/v2/meetings/85746065432", &[], "")), Ok("meeting"));
    assert!(mentions(&violations(&req("GET", "/v2/meetings/99999999999999999999", &[], "")), "int64"));
    // String-typed meeting ids (UUIDs, percent-encoded) are fine where the spec says string.
    let uuid = req("GET", "/v2/past_meetings/4444AAAiAAAAAiAiAiiAii%253D%253D/participants", &[], "");
    assert_eq!(check(&uuid), Ok("pastMeetingParticipants"));
    assert_eq!(check(&req("GET", "/v2/users/a%40example.com", &[], "")), Ok("user"));
}

#[test]
fn unmatched_method_or_path_fails() {
    let v = violations(&req("GET", "/v2/nope", &[], ""));
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].operation, None);
    assert!(v[0].what.contains("GET /nope") && v[0].to_string().starts_with("[unmatched]"), "{}", v[0]);
    let v = violations(&req("PUT", "/v2/meetings/85746065432", &[], ""));
    assert!(v[0].what.contains("matches only") && v[0].what.contains("PATCH /meetings/{meetingId}"), "{}", v[0]);
    assert!(check(&req("GET", "/v2/users/me/", &[], "")).is_err(), "trailing slash");
    assert!(check(&req("GET", "/users/me", &[], "")).is_err(), "no /v2 prefix");
}

#[test]
fn oauth_is_skipped() {
    let r = req("POST", "/oauth/token", &[("grant_type", "account_credentials"), ("account_id", "x")], "");
    assert_eq!(check(&r), Ok("oauth"));
}

fn synthetic(ops: &[(&str, &str, &str)]) -> Vec<Operation> {
    let json = json!({"operations": ops.iter().map(|(id, m, p)| {
        let params: Vec<Value> = p.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(|n| json!({"name": n, "type": "string"})).collect();
        json!({"operation_id": id, "method": m, "path": p, "path_params": params, "query": [],
               "body_required": *id == "needs_body",
               "body": if *id == "needs_body" { json!({"a": {"type": ["string", "integer"], "required": true},
                                                    "b": {"required": false},
                                                    "c": {"type": "object", "required": false}}) }
                       else { Value::Null }})
    }).collect::<Vec<_>>()});
    let mut ops = parse_table(&json.to_string()).unwrap();
    for op in &mut ops {
        if op.id != "needs_body" {
            op.body = None;
        }
    }
    ops
}

#[test]
fn literal_segments_beat_parameters() {
    let ops = synthetic(&[
        ("any", "GET", "/users/{userId}/{thing}"),
        ("meetings", "GET", "/users/{userId}/meetings"),
        ("me", "GET", "/users/me/{thing}"),
    ]);
    assert_eq!(check_against(&ops, &req("GET", "/v2/users/u1/meetings", &[], "")), Ok("meetings"));
    assert_eq!(check_against(&ops, &req("GET", "/v2/users/u1/other", &[], "")), Ok("any"));
    assert_eq!(check_against(&ops, &req("GET", "/v2/users/me/meetings", &[], "")), Ok("me"));
}

#[test]
fn body_required_type_lists_and_untyped_fields() {
    let ops = synthetic(&[("needs_body", "POST", "/things")]);
    let missing = check_against(&ops, &req("POST", "/v2/things", &[], "")).unwrap_err();
    assert!(mentions(&missing, "requires a JSON request body"), "{missing:?}");
    for body in [r#"{"a": "x"}"#, r#"{"a": 1, "b": [null, {"z": 1}]}"#, r#"{"a": 1, "c": {"free": true}}"#] {
        assert_eq!(check_against(&ops, &req("POST", "/v2/things", &[], body)), Ok("needs_body"), "{body}");
    }
    let wrong = check_against(&ops, &req("POST", "/v2/things", &[], r#"{"a": true}"#)).unwrap_err();
    assert!(mentions(&wrong, "`a` must be string|integer, got boolean"), "{wrong:?}");
}

#[test]
fn check_all_and_assert_conformant() {
    let good = create_meeting(good_meeting());
    let bad = req("GET", "/v2/nope", &[], "");
    assert!(check_all(std::slice::from_ref(&good)).is_empty());
    assert_conformant(std::slice::from_ref(&good));
    assert_eq!(check_all(&[good.clone(), bad.clone(), bad.clone()]).len(), 2);
    let panic = std::panic::catch_unwind(|| assert_conformant(&[good, bad])).unwrap_err();
    let msg = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("1 Zoom spec violation(s) in 2 logged request(s)") && msg.contains("/v2/nope"), "{msg}");
}

#[test]
fn date_time_plausibility() {
    for ok in
        ["2026-12-01T15:00:00Z", "2026-12-01T15:00:00.123Z", "2026-12-01T15:00:00+05:30", "2026-12-01T15:00:00-0800"]
    {
        assert!(is_date_time(ok, true), "{ok}");
    }
    assert!(is_date_time("2026-12-01T15:00:00", false));
    for bad in [
        "2026-12-01T15:00:00",
        "2026-12-01 15:00:00Z",
        "2026-12-01T25:00:00Z",
        "2026-12-01T15:00Z",
        "2026-12-01T15:00:00.Z",
    ] {
        assert!(!is_date_time(bad, true), "{bad}");
    }
    assert!(is_date("2026-02-28") && !is_date("2026-2-28") && !is_date("2026-00-10"));
}
