//! Cloud recordings, meeting invitations and meeting occurrences over TCP.

use super::*;

#[test]
fn recordings_by_id_and_double_encoded_uuid() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, uuid) = sim.recorded_meeting();
    assert!(uuid.starts_with('/') && uuid.contains("//"), "{uuid}");

    // By id: the latest instance, which is the slashed one.
    let latest = get(&sim, &bearer, &format!("/v2/meetings/{id}/recordings")).json();
    assert_eq!((latest["id"].as_u64(), latest["uuid"].as_str()), (Some(id), Some(uuid.as_str())));
    let files = latest["recording_files"].as_array().unwrap();
    let types: Vec<&str> = files.iter().map(|f| f["file_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["MP4", "M4A", "TRANSCRIPT", "CHAT"]);
    for f in files {
        for k in [
            "id",
            "meeting_id",
            "recording_start",
            "recording_end",
            "file_extension",
            "file_size",
            "play_url",
            "download_url",
            "status",
            "recording_type",
        ] {
            assert!(f.get(k).is_some(), "{k}");
        }
        assert_eq!(f["meeting_id"], uuid.as_str());
        assert!(f["download_url"].as_str().unwrap().starts_with(&sim.base_url()));
    }
    assert_eq!(latest["recording_count"], 4);
    assert!(latest.get("download_access_token").is_none());

    // Double-encoded UUID is found; the same UUID single-encoded is not, as on Zoom.
    let double = enc(&enc(&uuid));
    assert!(double.starts_with("%252F"));
    let r = get(&sim, &bearer, &format!("/v2/meetings/{double}/recordings"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), latest);
    let single = get(&sim, &bearer, &format!("/v2/meetings/{}/recordings", enc(&uuid)));
    assert_eq!(single.json(), json!({"code": 3301, "message": "There is no recording for this meeting."}));
    assert_eq!(single.status, 404);
    assert_eq!(sim.requests().last().unwrap().path, format!("/v2/meetings/{}/recordings", enc(&uuid)));

    // A meeting without recordings, created or unknown, is 3301.
    let m = create_meeting(&sim, &bearer, "{}");
    let r = get(&sim, &bearer, &format!("/v2/meetings/{}/recordings", m["id"]));
    assert_eq!(r.err(), (404, 3301));
    assert_eq!(get(&sim, &bearer, "/v2/meetings/99999999999/recordings").err(), (404, 3301));
}

#[test]
fn download_access_token_only_when_asked_and_ttl_needs_it() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, _) = sim.recorded_meeting();
    let base = format!("/v2/meetings/{id}/recordings");
    let with = get(&sim, &bearer, &format!("{base}?include_fields=download_access_token&ttl=604800")).json();
    assert!(with["download_access_token"].as_str().unwrap().starts_with("eyJ"));
    for bad in [
        "ttl=60",
        "include_fields=download_access_token&ttl=604801",
        "include_fields=password",
        "include_fields=download_access_token&ttl=-1",
    ] {
        let r = get(&sim, &bearer, &format!("{base}?{bad}"));
        assert_eq!(r.err(), (400, 300), "{bad}");
        assert_eq!(r.json()["message"], "Validation Failed.");
    }
}

#[test]
fn user_recordings_window_and_paging() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let today = clock::today();
    let day = |d: i64| clock::format_date(today + d);
    let list = |q: &str| get(&sim, &bearer, &format!("/v2/users/me/recordings?{q}"));

    // Default window is today: nothing recorded yet.
    let v = list("").json();
    assert_eq!((v["from"].as_str(), v["total_records"].as_u64()), (Some(day(0).as_str()), Some(0)));

    let q = format!("from={}&to={}&page_size=1", day(-30), day(0));
    let (meetings, pages) = walk(&sim, &bearer, &format!("/v2/users/me/recordings?{q}"), "meetings");
    assert_eq!((meetings.len(), pages), (3, 3));
    let starts: Vec<&str> = meetings.iter().map(|m| m["start_time"].as_str().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] > w[1]), "newest first: {starts:?}");
    assert!(meetings.iter().all(|m| m["host_id"] == sim.admin_user()["id"]));
    let total: u64 = meetings.iter().map(|m| m["total_size"].as_u64().unwrap()).sum();
    assert!(total > 100_000_000, "realistic sizes: {total}");

    let narrow = list(&format!("from={}&to={}", day(-5), day(0))).json();
    assert_eq!(narrow["total_records"], 1);
    let (id, _) = sim.recorded_meeting();
    assert_eq!(list(&format!("from={}&to={}&meeting_id={id}", day(-30), day(0))).json()["total_records"], 2);
    assert_eq!(list(&format!("from={}&to={}&trash=true", day(-30), day(0))).json()["total_records"], 0);

    assert_eq!(list(&format!("from={}&to={}", day(-40), day(0))).err(), (400, 300));
    assert_eq!(list(&format!("from={}&to={}", day(0), day(-1))).err(), (400, 300));
    assert_eq!(list("from=2024-02-30").json()["errors"][0]["field"], "from");
    assert_eq!(list("page_size=301").err(), (400, 300));
    assert_eq!(get(&sim, &bearer, "/v2/users/ghost@example.com/recordings").err(), (404, 1001));
}

#[test]
fn invitation_names_topic_time_link_id_and_passcode() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let m =
        create_meeting(&sim, &bearer, r#"{"topic":"Roadmap","start_time":"2035-03-25T15:32:00Z","password":"abc123"}"#);
    let id = m["id"].as_u64().unwrap();
    let v = get(&sim, &bearer, &format!("/v2/meetings/{id}/invitation")).json();
    assert_eq!(v["sip_links"], json!([]));
    let text = v["invitation"].as_str().unwrap();
    assert!(text.starts_with("Avery Admin is inviting you to a scheduled Zoom meeting.\r\n"), "{text}");
    assert!(text.contains("Topic: Roadmap\r\n"));
    assert!(text.contains("Time: Mar 25, 2035 03:32 PM UTC\r\n"));
    assert!(text.contains(&format!(
        "{}?pwd={}",
        m["join_url"].as_str().unwrap(),
        m["encrypted_password"].as_str().unwrap()
    )));
    let digits = id.to_string();
    assert!(text.contains(&format!("Meeting ID: {} {}", &digits[..3], &digits[3..digits.len() - 4])), "{text}");
    assert!(text.contains("Passcode: abc123\r\n"));
    assert_eq!(get(&sim, &bearer, "/v2/meetings/99999999999/invitation").err(), (404, 3001));
}

#[test]
fn occurrence_get_patch_and_delete() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let m = create_meeting(
        &sim,
        &bearer,
        r#"{"type":8,"topic":"Daily","start_time":"2035-01-01T09:00:00Z","duration":30,"recurrence":{"type":1,"end_times":3}}"#,
    );
    let id = m["id"].as_u64().unwrap();
    let occ: Vec<String> =
        m["occurrences"].as_array().unwrap().iter().map(|o| o["occurrence_id"].as_str().unwrap().to_string()).collect();
    let path = format!("/v2/meetings/{id}");
    let one = get(&sim, &bearer, &format!("{path}?occurrence_id={}", occ[1])).json();
    assert_eq!((one["start_time"].as_str(), one["topic"].as_str()), (Some("2035-01-02T09:00:00Z"), Some("Daily")));
    assert_eq!(get(&sim, &bearer, &format!("{path}?occurrence_id=123")).err(), (400, 300));

    let body = r#"{"start_time":"2035-01-02T11:00:00Z","duration":50,"agenda":"Moved","topic":"ignored"}"#;
    let r = send(&sim, "PATCH", &format!("{path}?occurrence_id={}", occ[1]), Some(&bearer), Body::Json(body)).unwrap();
    assert_eq!(r.status, 204, "{}", r.body);
    let one = get(&sim, &bearer, &format!("{path}?occurrence_id={}", occ[1])).json();
    assert_eq!((one["start_time"].as_str(), one["duration"].as_i64()), (Some("2035-01-02T11:00:00Z"), Some(50)));
    assert_eq!((one["agenda"].as_str(), one["topic"].as_str()), (Some("Moved"), Some("Daily")));
    let whole = get(&sim, &bearer, &path).json();
    assert_eq!((whole["start_time"].as_str(), whole["duration"].as_i64()), (Some("2035-01-01T09:00:00Z"), Some(30)));
    assert_eq!(whole["agenda"], "");
    assert_eq!(whole["occurrences"][1]["start_time"], "2035-01-02T11:00:00Z");
    let r = send(&sim, "PATCH", &format!("{path}?occurrence_id=9"), Some(&bearer), Body::Json(body)).unwrap();
    assert_eq!(r.err(), (400, 300));

    let r = send(&sim, "DELETE", &format!("{path}?occurrence_id={}", occ[0]), Some(&bearer), Body::None).unwrap();
    assert_eq!(r.status, 204);
    assert_eq!(sim.meeting_count(), 1, "the meeting stays");
    assert_eq!(sim.meeting(id).unwrap()["occurrences"][0]["status"], "deleted");
    assert_eq!(get(&sim, &bearer, &format!("{path}?occurrence_id={}", occ[0])).err(), (400, 300));
    let r = send(&sim, "DELETE", &format!("{path}?occurrence_id={}", occ[0]), Some(&bearer), Body::None).unwrap();
    assert_eq!(r.err(), (400, 300));
    assert_eq!(get(&sim, &bearer, &format!("{path}?show_previous_occurrences=maybe")).err(), (400, 300));

    let kinds: Vec<String> = events(&sim).iter().map(|e| e["event"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["meeting.created", "meeting.updated", "meeting.deleted"]);
}
