//! Users, meetings and registrants routes: state, shapes and validation.

use super::*;

#[test]
fn token_meeting_registrants_and_paging_over_tcp() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", token(&sim));
    assert_eq!(sim.token_requests(), 1);

    let m = create_meeting(
        &sim,
        &bearer,
        r#"{"topic":"Launch","start_time":"2035-05-01T16:00:00Z","settings":{"approval_type":0}}"#,
    );
    let id = m["id"].as_u64().unwrap();
    assert!((10..=11).contains(&id.to_string().len()));
    assert_eq!(m["uuid"].as_str().unwrap().len(), 24);
    assert_eq!(m["start_time"], "2035-05-01T16:00:00Z");
    assert_eq!(m["join_url"], format!("{}/j/{id}", sim.base_url()).as_str());
    assert_eq!(m["password"].as_str().unwrap().len(), 6);
    assert_eq!((m["status"].as_str(), m["creation_source"].as_str()), (Some("waiting"), Some("open_api")));
    assert_eq!(m["settings"]["audio"], "both");
    assert!(m["registration_url"].as_str().is_some());
    assert_eq!(m["host_id"], sim.admin_user()["id"]);
    assert_eq!(sim.meeting(id), Some(m.clone()), "GET state equals the create answer");

    // Five registrants, one sent chunked the way hyper may send it.
    for i in 0..4 {
        assert_eq!(register(&sim, &bearer, id, &format!("r{i}@example.com")).status, 201);
    }
    let path = format!("/v2/meetings/{id}/registrants");
    let r = send(
        &sim,
        "POST",
        &path,
        Some(&bearer),
        Body::Chunked(&[r#"{"email":"r4@exa"#, r#"mple.com","first_name":"Five"}"#]),
    )
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.body);
    let first = register(&sim, &bearer, id, "r0@example.com").json();
    assert_eq!(first["id"].as_u64(), Some(id));
    assert_eq!(first["registrant_id"], sim.registrants(id)[0]["id"], "re-registering returns the same registrant");
    assert_eq!(sim.registrants(id).len(), 5);

    let mut seen = Vec::new();
    let mut next = String::new();
    let mut pages = 0;
    loop {
        let target = if next.is_empty() {
            format!("{path}?page_size=2")
        } else {
            format!("{path}?page_size=2&next_page_token={next}")
        };
        let page = send(&sim, "GET", &target, Some(&bearer), Body::None).unwrap().json();
        assert_eq!(page["total_records"], 5);
        seen.extend(page["registrants"].as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap().to_string()));
        pages += 1;
        next = page["next_page_token"].as_str().unwrap().to_string();
        if next.is_empty() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ["r0", "r1", "r2", "r3", "r4"].map(|r| format!("{r}@example.com")));

    let bad =
        send(&sim, "GET", &format!("{path}?page_size=2&next_page_token=bogus"), Some(&bearer), Body::None).unwrap();
    assert_eq!(bad.err(), (400, 300));
    assert_eq!(bad.json()["message"], "The next page token is invalid or expired.");
    // A real token is tied to the query it was issued for.
    let t = send(&sim, "GET", &format!("{path}?page_size=2"), Some(&bearer), Body::None).unwrap().json()
        ["next_page_token"]
        .clone();
    let moved = send(
        &sim,
        "GET",
        &format!("{path}?page_size=3&next_page_token={}", t.as_str().unwrap()),
        Some(&bearer),
        Body::None,
    );
    assert_eq!(moved.unwrap().err(), (400, 300));

    let missing = send(&sim, "GET", "/v2/meetings/12345678901", Some(&bearer), Body::None).unwrap();
    assert_eq!(missing.err(), (404, 3001));
    assert_eq!(missing.json()["message"], "Meeting does not exist: 12345678901.");
    assert!(missing.header("x-zm-trackingid").is_some());
    let too_big = send(&sim, "GET", "/v2/users/me/meetings?page_size=301", Some(&bearer), Body::None).unwrap();
    assert_eq!(too_big.err(), (400, 300));
    assert_eq!(too_big.json()["errors"][0]["field"], "page_size");

    // The fault fires exactly twice, then the route answers normally again.
    sim.clear_requests();
    sim.inject(Fault {
        method: Some("get".into()),
        path_prefix: "/v2/meetings/".into(),
        kind: FaultKind::Status(503),
        times: 2,
    });
    let statuses: Vec<u16> = (0..3)
        .map(|_| send(&sim, "GET", &format!("/v2/meetings/{id}"), Some(&bearer), Body::None).unwrap().status)
        .collect();
    assert_eq!(statuses, [503, 503, 200]);
    let logged: Vec<u16> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(logged, [503, 503, 200]);

    let kinds: Vec<String> = events(&sim).iter().map(|e| e["event"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds[0], "meeting.created");
    assert_eq!(kinds.iter().filter(|k| *k == "meeting.registration_created").count(), 5);
}

#[test]
fn create_meeting_validation_names_fields() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"topic": "t".repeat(201), "duration": "60", "settings": {"audio": "loud"}}).to_string();
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json(&body)).unwrap();
    assert_eq!(
        r.json(),
        json!({"code": 300, "message": "Validation Failed.", "errors": [
        {"field": "topic", "message": "Invalid field."},
        {"field": "duration", "message": "Invalid field."},
        {"field": "settings.audio", "message": "Invalid field."}]})
    );
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json("{not json")).unwrap();
    assert_eq!(r.err(), (400, 300));
    let r = send(&sim, "POST", "/v2/users/ghost@example.com/meetings", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.err(), (404, 1001));
    let r = send(&sim, "GET", "/v2/meetings/abc", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 300));
    assert_eq!(sim.meeting_count(), 0);
    assert!(sim.take_events().is_empty());
}

#[test]
fn update_and_delete_change_state_and_emit_events() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let id = create_meeting(&sim, &bearer, r#"{"topic":"Old","duration":30}"#)["id"].as_u64().unwrap();
    let path = format!("/v2/meetings/{id}");
    let r = send(
        &sim,
        "PATCH",
        &path,
        Some(&bearer),
        Body::Json(r#"{"topic":"New","settings":{"auto_recording":"cloud"}}"#),
    )
    .unwrap();
    assert_eq!((r.status, r.body.as_str(), r.header("content-length")), (204, "", None));
    let m = sim.meeting(id).unwrap();
    assert_eq!((m["topic"].as_str(), m["duration"].as_i64()), (Some("New"), Some(30)));
    assert_eq!(m["settings"]["auto_recording"], "cloud");
    let r = send(&sim, "PATCH", &path, Some(&bearer), Body::Json(r#"{"duration":1441}"#)).unwrap();
    assert_eq!(r.err(), (400, 300));

    assert_eq!(send(&sim, "DELETE", &path, Some(&bearer), Body::None).unwrap().status, 204);
    assert_eq!(sim.meeting_count(), 0);
    assert_eq!(send(&sim, "DELETE", &path, Some(&bearer), Body::None).unwrap().err(), (404, 3001));

    let ev = events(&sim);
    let kinds: Vec<&str> = ev.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["meeting.created", "meeting.updated", "meeting.deleted"]);
    let updated = &ev[1]["payload"];
    assert_eq!(updated["object"]["topic"], "New");
    assert_eq!(updated["old_object"]["topic"], "Old");
    assert_eq!(updated["operator_id"], sim.admin_user()["id"]);
    assert_eq!(ev[0]["payload"]["object"]["id"].as_u64(), Some(id));
    assert!(ev[0]["event_ts"].as_i64().unwrap() > 1_600_000_000_000);
    assert_eq!(ev[2]["payload"]["operation"], "all");
}

#[test]
fn recurring_meeting_registration_by_occurrence() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let m = create_meeting(
        &sim,
        &bearer,
        r#"{"type":8,"start_time":"2035-01-01T09:00:00Z","recurrence":{"type":1},"settings":{"approval_type":1}}"#,
    );
    let id = m["id"].as_u64().unwrap();
    let occ = m["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 7);
    let second = occ[1]["occurrence_id"].as_str().unwrap();
    let body = r#"{"email":"a@example.com","first_name":"A","auto_approve":true}"#;
    let target = format!("/v2/meetings/{id}/registrants?occurrence_ids={second}");
    let r = send(&sim, "POST", &target, Some(&bearer), Body::Json(body)).unwrap().json();
    assert_eq!(r["occurrences"].as_array().unwrap().len(), 1);
    // approval_type 1 without auto_approve waits for the host.
    register(&sim, &bearer, id, "b@example.com");
    let list = |q: &str| {
        send(&sim, "GET", &format!("/v2/meetings/{id}/registrants?{q}"), Some(&bearer), Body::None).unwrap().json()
    };
    assert_eq!(list("")["total_records"], 1);
    assert_eq!(list("status=pending")["registrants"][0]["email"], "b@example.com");
    assert_eq!(list(&format!("occurrence_id={second}"))["total_records"], 1);
    let first = occ[0]["occurrence_id"].as_str().unwrap();
    assert_eq!(list(&format!("occurrence_id={first}"))["total_records"], 0);
    let bad =
        send(&sim, "POST", &format!("/v2/meetings/{id}/registrants?occurrence_ids=1"), Some(&bearer), Body::Json(body));
    assert_eq!(bad.unwrap().err(), (400, 300));
}

#[test]
fn registration_requires_enabled_registration() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let id = create_meeting(&sim, &bearer, "{}")["id"].as_u64().unwrap();
    assert_eq!(register(&sim, &bearer, id, "a@example.com").err(), (400, 3000));
    assert_eq!(register(&sim, &bearer, 99_999_999_999, "a@example.com").err(), (404, 3001));
    let r =
        send(&sim, "POST", &format!("/v2/meetings/{id}/registrants"), Some(&bearer), Body::Json(r#"{"email":"x"}"#))
            .unwrap();
    assert_eq!(
        r.json()["errors"],
        json!([{"field":"email","message":"Invalid field."},{"field":"first_name","message":"Invalid field."}])
    );
}

#[test]
fn meeting_list_pages_and_hides_instant_meetings() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    for i in 0..3 {
        create_meeting(&sim, &bearer, &format!(r#"{{"topic":"m{i}","start_time":"2035-01-0{}T09:00:00Z"}}"#, i + 1));
    }
    create_meeting(&sim, &bearer, r#"{"type":1,"topic":"instant"}"#);
    let p1 = send(&sim, "GET", "/v2/users/me/meetings?page_size=2", Some(&bearer), Body::None).unwrap().json();
    assert_eq!((p1["total_records"].as_u64(), p1["meetings"].as_array().unwrap().len()), (Some(3), 2));
    assert!(p1["meetings"][0].get("start_url").is_none(), "list items are summaries");
    let t = p1["next_page_token"].as_str().unwrap();
    let p2 =
        send(&sim, "GET", &format!("/v2/users/me/meetings?page_size=2&next_page_token={t}"), Some(&bearer), Body::None);
    let p2 = p2.unwrap().json();
    assert_eq!((p2["meetings"][0]["topic"].as_str(), p2["next_page_token"].as_str()), (Some("m2"), Some("")));
    let r = send(&sim, "GET", "/v2/users/me/meetings?type=everything", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 300));
    let upcoming = send(&sim, "GET", "/v2/users/me/meetings?type=upcoming", Some(&bearer), Body::None).unwrap().json();
    assert_eq!(upcoming["total_records"], 3);
}

#[test]
fn users_by_status_and_by_email() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let active = send(&sim, "GET", "/v2/users?page_size=2", Some(&bearer), Body::None).unwrap().json();
    assert!(active["total_records"].as_u64().unwrap() >= 3);
    assert!(active["users"].as_array().unwrap().iter().all(|u| u["status"] == "active"));
    let pending = send(&sim, "GET", "/v2/users?status=pending", Some(&bearer), Body::None).unwrap().json();
    assert_eq!(pending["users"].as_array().unwrap().len(), 1);
    let email = sim.admin_user()["email"].as_str().unwrap().replace('@', "%40");
    let me = send(&sim, "GET", &format!("/v2/users/{email}"), Some(&bearer), Body::None).unwrap().json();
    assert_eq!(me, sim.admin_user());
    let r = send(&sim, "GET", "/v2/users?page_size=2001", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 300));
    let r = send(&sim, "GET", "/v2/users/nobody", Some(&bearer), Body::None).unwrap();
    assert_eq!((r.err(), r.json()["message"].as_str()), ((404, 1001), Some("User does not exist: nobody.")));
}

#[test]
fn documented_optional_shapes_a_meeting_can_take() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    // Not recurring: no `recurrence`, no `occurrences`; features never set up: no sub-object.
    let m = create_meeting(&sim, &bearer, r#"{"topic":"once","start_time":"2035-01-01T09:00:00Z"}"#);
    for absent in ["recurrence", "occurrences", "pmi"] {
        assert!(m.get(absent).is_none(), "{absent} on a one-off meeting: {m}");
    }
    for absent in ["breakout_room", "language_interpretation", "approved_or_denied_countries_or_regions"] {
        assert!(m["settings"].get(absent).is_none(), "settings.{absent}");
    }
    assert_eq!(m["agenda"], "", "Zoom's empty agenda is an empty string");
    let id = m["id"].as_u64().unwrap();
    let got = get(&sim, &bearer, &format!("/v2/meetings/{id}")).json();
    assert!(got.get("occurrences").is_none() && got.get("recurrence").is_none(), "GET adds nothing: {got}");
    // Set up once, it is there.
    let r = send(
        &sim,
        "PATCH",
        &format!("/v2/meetings/{id}"),
        Some(&bearer),
        Body::Json(r#"{"settings":{"breakout_room":{"enable":true}}}"#),
    );
    assert_eq!(r.unwrap().status, 204);
    assert_eq!(get(&sim, &bearer, &format!("/v2/meetings/{id}")).json()["settings"]["breakout_room"]["enable"], true);

    // On the host's PMI: `pmi` is a string here, while the user's own `pmi` is a number.
    let pmi_meeting = create_meeting(&sim, &bearer, r#"{"topic":"pmi","settings":{"use_pmi":true}}"#);
    let user_pmi = get(&sim, &bearer, "/v2/users/me").json()["pmi"].as_u64().expect("the user's pmi is a number");
    assert_eq!(pmi_meeting["pmi"], json!(user_pmi.to_string()));
    let listed = get(&sim, &bearer, "/v2/users/me/meetings").json();
    let item = listed["meetings"].as_array().unwrap().iter().find(|i| i["topic"] == "pmi").unwrap().clone();
    assert_eq!(item["pmi"], json!(user_pmi.to_string()));
    assert!(listed["meetings"].as_array().unwrap().iter().any(|i| i["topic"] == "once" && i.get("pmi").is_none()));
    // Still strict: what Zoom refuses is refused.
    let r = send(&sim, "POST", "/v2/users/me/meetings", Some(&bearer), Body::Json(r#"{"type":"two"}"#)).unwrap();
    assert_eq!(r.err(), (400, 300));
}
