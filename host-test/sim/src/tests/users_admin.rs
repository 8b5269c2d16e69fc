//! User writes and user settings over TCP.

use super::*;

fn create_user(sim: &Simulator, bearer: &str, body: Value) -> Resp {
    send(sim, "POST", "/v2/users", Some(bearer), Body::Json(&body.to_string())).unwrap()
}

#[test]
fn create_user_then_duplicate_email_is_409_1005() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let body = json!({"action": "create", "user_info": {"email": "new.hire@example.com", "type": 1,
                      "first_name": "New", "last_name": "Hire"}});
    let r = create_user(&sim, &bearer, body.clone());
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 22);
    assert_eq!(
        created,
        json!({"id": id, "email": "new.hire@example.com", "first_name": "New", "last_name": "Hire", "type": 1})
    );
    let stored = sim.user("NEW.HIRE@example.com").unwrap();
    assert_eq!((stored["status"].as_str(), stored["display_name"].as_str()), (Some("pending"), Some("New Hire")));
    assert_eq!(get(&sim, &bearer, &format!("/v2/users/{id}")).json()["email"], "new.hire@example.com");
    assert!(sim.user_settings(&id).is_some(), "new users get default settings");

    let again = create_user(
        &sim,
        &bearer,
        json!({"action": "autoCreate", "user_info":
        {"email": "New.Hire@example.com", "type": 2, "password": "s3cret-pass"}}),
    );
    assert_eq!(again.json(), json!({"code": 1005, "message": "Email \"New.Hire@example.com\" has already been used."}));
    assert_eq!(again.status, 409);
    // The seeded admin's address is taken too.
    let admin_email = sim.admin_user()["email"].as_str().unwrap().to_string();
    let r = create_user(&sim, &bearer, json!({"action": "custCreate", "user_info": {"email": admin_email, "type": 1}}));
    assert_eq!(r.err(), (409, 1005));

    // Non-`create` actions make active users; the phone feature is honoured.
    let r = create_user(
        &sim,
        &bearer,
        json!({"action": "autoCreate", "user_info": {"email": "auto@example.com",
        "type": 2, "password": "longenough", "feature": {"zoom_phone": true}}}),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(sim.user("auto@example.com").unwrap()["status"], "active");
    assert_eq!(sim.user_settings("auto@example.com").unwrap()["feature"]["zoom_phone"], true);

    let ev = events(&sim);
    let created: Vec<&Value> = ev.iter().filter(|e| e["event"] == "user.created").collect();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["payload"]["creation_type"], "create");
    assert_eq!(created[0]["payload"]["object"]["id"], id.as_str());
    assert_eq!(created[1]["payload"]["operator_id"], sim.admin_user()["id"]);
}

#[test]
fn create_user_validation_names_nested_fields() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let r = create_user(
        &sim,
        &bearer,
        json!({"action": "create", "user_info": {"email": "nope", "type": 3,
        "password": "s3cret-pass", "display_name": "d".repeat(129)}}),
    );
    assert_eq!(r.err(), (400, 300));
    let v = r.json();
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["user_info.email", "user_info.type", "user_info.display_name", "user_info.password"]);
    assert_eq!(create_user(&sim, &bearer, json!({"user_info": {}})).json()["errors"][0]["field"], "action");
    assert!(sim.take_events().is_empty());
}

#[test]
fn update_user_changes_profile_and_emits_user_updated() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let blake = sim.user("blake.licensed@example.com").unwrap();
    let path = format!("/v2/users/{}", blake["id"].as_str().unwrap());
    let body = r#"{"first_name":"Blakely","job_title":"VP Sales","pmi":5551234567,"feature":{"zoom_phone":false}}"#;
    let r = send(&sim, "PATCH", &path, Some(&bearer), Body::Json(body)).unwrap();
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    let after = get(&sim, &bearer, &path).json();
    assert_eq!((after["first_name"].as_str(), after["job_title"].as_str()), (Some("Blakely"), Some("VP Sales")));
    assert_eq!(after["pmi"], 5_551_234_567_u64);
    assert!(after["personal_meeting_url"].as_str().unwrap().ends_with("/j/5551234567"));
    assert_eq!(sim.user_settings("blake.licensed@example.com").unwrap()["feature"]["zoom_phone"], false);

    let ev = events(&sim);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["event"], "user.updated");
    assert_eq!(
        ev[0]["payload"]["object"],
        json!({"id": blake["id"], "first_name": "Blakely", "pmi": 5_551_234_567_u64})
    );
    assert_eq!(ev[0]["payload"]["old_object"]["first_name"], "Blake");

    let r = send(&sim, "PATCH", &path, Some(&bearer), Body::Json(r#"{"type":2,"zoom_one_type":16}"#)).unwrap();
    assert_eq!(r.err(), (400, 300));
    let r = send(&sim, "PATCH", &path, Some(&bearer), Body::Json(r#"{"pmi":"123","pronouns_option":4}"#)).unwrap();
    assert_eq!(
        r.json()["errors"],
        json!([{"field":"pmi","message":"Invalid field."},{"field":"pronouns_option","message":"Invalid field."}])
    );
    let r = send(&sim, "PATCH", "/v2/users/ghost@example.com", Some(&bearer), Body::Json("{}")).unwrap();
    assert_eq!(r.err(), (404, 1001));
}

#[test]
fn delete_user_checks_transfers_and_removes_the_user() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    // Blake hosts one seeded cloud recording and has Zoom Phone recordings.
    let target = "/v2/users/blake.licensed@example.com";
    let r = send(&sim, "DELETE", &format!("{target}?transfer_meeting=true"), Some(&bearer), Body::None).unwrap();
    assert_eq!(r.json()["errors"][0]["field"], "transfer_email");
    let r = send(&sim, "DELETE", &format!("{target}?action=remove"), Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 300));
    let r = send(
        &sim,
        "DELETE",
        &format!("{target}?transfer_recording=true&transfer_email=blake.licensed%40example.com"),
        Some(&bearer),
        Body::None,
    );
    assert_eq!(r.unwrap().err(), (400, 300));
    assert!(sim.user("blake.licensed@example.com").is_some(), "nothing happened yet");
    assert_eq!(sim.phone_recording_count("blake.licensed@example.com"), 3);

    let admin_email = sim.admin_user()["email"].as_str().unwrap().replace('@', "%40");
    let q = format!("{target}?action=delete&transfer_recording=true&transfer_email={admin_email}");
    let r = send(&sim, "DELETE", &q, Some(&bearer), Body::None).unwrap();
    assert_eq!(r.status, 204, "{}", r.body);
    assert!(sim.user("blake.licensed@example.com").is_none());
    assert_eq!(get(&sim, &bearer, target).err(), (404, 1001));
    assert_eq!(send(&sim, "DELETE", target, Some(&bearer), Body::None).unwrap().err(), (404, 1001));
    assert_eq!(sim.phone_recording_count("blake.licensed@example.com"), 0);
    // The transferred recording now belongs to the admin.
    let today = clock::today();
    let list =
        format!("/v2/users/me/recordings?from={}&to={}", clock::format_date(today - 30), clock::format_date(today));
    let topics: Vec<String> = get(&sim, &bearer, &list).json()["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["topic"].to_string())
        .collect();
    assert!(topics.iter().any(|t| t.contains("Sales Pipeline Review")), "{topics:?}");

    // Default action is disassociate, which has its own event; admins cannot be disassociated.
    assert_eq!(
        send(&sim, "DELETE", "/v2/users/casey.basic@example.com", Some(&bearer), Body::None).unwrap().status,
        204
    );
    let r = send(&sim, "DELETE", "/v2/users/me", Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 1117));
    let kinds: Vec<String> = events(&sim).iter().map(|e| e["event"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["user.deleted", "user.disassociated"]);
}

#[test]
fn settings_patch_merges_and_get_shows_it() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let before = get(&sim, &bearer, "/v2/users/me/settings").json();
    for g in [
        "schedule_meeting",
        "in_meeting",
        "email_notification",
        "recording",
        "telephony",
        "feature",
        "tsp",
        "profile",
        "audio_conferencing",
    ] {
        assert!(before[g].is_object(), "{g}");
    }
    let body = r#"{"schedule_meeting":{"host_video":true},"recording":{"auto_recording":"cloud",
                   "record_files_separately":{"gallery_view":true}},"in_meeting":{"not_a_setting":1}}"#;
    let r = send(&sim, "PATCH", "/v2/users/me/settings", Some(&bearer), Body::Json(body)).unwrap();
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    let after = get(&sim, &bearer, "/v2/users/me/settings").json();
    assert_eq!(after["schedule_meeting"]["host_video"], true);
    assert_eq!(after["schedule_meeting"]["join_before_host"], before["schedule_meeting"]["join_before_host"]);
    assert_eq!(after["recording"]["auto_recording"], "cloud");
    assert_eq!(
        after["recording"]["record_files_separately"],
        json!({"active_speaker": false, "gallery_view": true, "shared_screen": false})
    );
    assert_eq!(after["in_meeting"], before["in_meeting"], "unmodelled keys are dropped");
    assert_eq!(Some(after.clone()), sim.user_settings("me"));

    let filtered = get(&sim, &bearer, "/v2/users/me/settings?custom_query_fields=host_video,auto_recording").json();
    assert_eq!(filtered, json!({"schedule_meeting": {"host_video": true}, "recording": {"auto_recording": "cloud"}}));

    let ev = events(&sim);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["event"], "user.settings_updated");
    assert_eq!(ev[0]["payload"]["object"]["settings"]["schedule_meeting"], json!({"host_video": true}));
    assert_eq!(ev[0]["payload"]["old_object"]["settings"]["recording"]["auto_recording"], "none");

    for (body, field) in [
        (r#"{"webinar_settings":{}}"#, "webinar_settings"),
        (r#"{"whiteboard":{"in_meeting_advanced_whiteboard":true}}"#, "whiteboard"),
        (r#"{"recording":{"auto_recording":"tape"}}"#, "recording.auto_recording"),
        (r#"{"schedule_meeting":"yes"}"#, "schedule_meeting"),
    ] {
        let r = send(&sim, "PATCH", "/v2/users/me/settings", Some(&bearer), Body::Json(body)).unwrap();
        assert_eq!(r.err(), (400, 300), "{body}");
        assert_eq!(r.json()["errors"][0]["field"], field);
    }
    assert_eq!(get(&sim, &bearer, "/v2/users/nobody/settings").err(), (404, 1001));
    assert_eq!(get(&sim, &bearer, "/v2/users/me/settings?option=everything").err(), (400, 300));
}

#[test]
fn settings_option_variants_round_trip() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let sec = get(&sim, &bearer, "/v2/users/me/settings?option=meeting_security").json();
    assert_eq!(sec["meeting_security"]["waiting_room"], true);
    let q = "/v2/users/me/settings?option=meeting_security";
    let r =
        send(&sim, "PATCH", q, Some(&bearer), Body::Json(r#"{"meeting_security":{"waiting_room":false}}"#)).unwrap();
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(get(&sim, &bearer, q).json()["meeting_security"]["waiting_room"], false);
    // The default body does not carry the option groups.
    assert!(get(&sim, &bearer, "/v2/users/me/settings").json().get("meeting_security").is_none());

    let q = "/v2/users/me/settings?option=meeting_authentication";
    let auth = get(&sim, &bearer, q).json();
    let option_id = auth["authentication_options"][0]["id"].as_str().unwrap().to_string();
    let body = json!({"meeting_authentication": true, "authentication_option": {"action": "hide", "id": option_id}});
    assert_eq!(send(&sim, "PATCH", q, Some(&bearer), Body::Json(&body.to_string())).unwrap().status, 204);
    let auth = get(&sim, &bearer, q).json();
    assert_eq!(
        (auth["meeting_authentication"].as_bool(), auth["authentication_options"][0]["visible"].as_bool()),
        (Some(true), Some(false))
    );
    let r =
        send(&sim, "PATCH", q, Some(&bearer), Body::Json(r#"{"authentication_option":{"action":"hide","id":"nope"}}"#));
    assert_eq!(r.unwrap().json()["errors"][0]["field"], "authentication_option.id");
}
