//! Transcripts, recording files, recording deletion and AI Companion summaries over TCP.

use super::*;

/// The target of a download URL on the simulator's origin.
fn target(url: &str, sim: &Simulator) -> String {
    url.strip_prefix(&sim.base_url()).unwrap().to_string()
}

#[test]
fn the_transcript_record_links_a_webvtt_file_that_needs_a_token() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, uuid) = sim.recorded_meeting();
    let t = get(&sim, &bearer, &format!("/v2/meetings/{id}/transcript")).json();
    assert_eq!((t["meeting_id"].as_str(), t["can_download"].as_bool()), (Some(uuid.as_str()), Some(true)));
    let by_uuid = get(&sim, &bearer, &format!("/v2/meetings/{}/transcript", enc_uuid(&uuid))).json();
    assert_eq!(by_uuid["download_url"], t["download_url"]);
    // Single-encoded, the slashed UUID is not found, as on Zoom.
    assert_eq!(get(&sim, &bearer, &format!("/v2/meetings/{}/transcript", enc(&uuid))).err(), (404, 3322));

    let file = target(t["download_url"].as_str().unwrap(), &sim);
    let r = get(&sim, &bearer, &file);
    assert_eq!((r.status, r.header("content-type")), (200, Some("text/vtt")));
    assert_eq!(Some(r.body.clone()), sim.transcript_text(&uuid));
    assert!(r.body.starts_with("WEBVTT\n\n1\n00:00:01.000 --> "), "{}", r.body);
    assert_eq!(send(&sim, "GET", &file, None, Body::None).unwrap().err(), (401, 124));
    assert_eq!(get(&sim, "Bearer nope", &file).err(), (401, 124));
    assert_eq!(send(&sim, "GET", &format!("{file}?access_token=forged"), None, Body::None).unwrap().err(), (401, 124));

    // A download access token opens the files of its own instance, without OAuth.
    let rec =
        get(&sim, &bearer, &format!("/v2/meetings/{id}/recordings?include_fields=download_access_token&ttl=60")).json();
    let token = rec["download_access_token"].as_str().unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap()).unwrap(),
    )
    .unwrap();
    assert!((claims["exp"].as_i64().unwrap() - clock::now_secs() - 60).abs() <= 2, "{claims}");
    let r = send(&sim, "GET", &format!("{file}?access_token={}", enc(token)), None, Body::None).unwrap();
    assert_eq!(r.status, 200);
    let other = sim.recording_uuids().into_iter().find(|u| *u != uuid).unwrap();
    let other_rec = get(&sim, &bearer, &format!("/v2/meetings/{}/recordings", enc_uuid(&other))).json();
    let other_file = target(other_rec["recording_files"][2]["download_url"].as_str().unwrap(), &sim);
    let r = send(&sim, "GET", &format!("{other_file}?access_token={}", enc(token)), None, Body::None).unwrap();
    assert_eq!(r.err(), (401, 124), "a token opens only its own instance");
    assert!(sim.requests().iter().all(|l| l.query.iter().all(|(k, v)| k != "access_token" || v == "[redacted]")));
}

#[test]
fn recordings_are_trashed_or_deleted_and_their_links_stop_working() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, uuid) = sim.recorded_meeting();
    let file = {
        let t = get(&sim, &bearer, &format!("/v2/meetings/{id}/transcript")).json();
        target(t["download_url"].as_str().unwrap(), &sim)
    };
    let del = |t: &str| send(&sim, "DELETE", t, Some(&bearer), Body::None).unwrap();
    assert_eq!(del(&format!("/v2/meetings/{id}/recordings?action=shred")).err(), (400, 300));
    assert_eq!(del(&format!("/v2/meetings/{}/recordings", enc_uuid(&uuid))).status, 204);
    assert_eq!(sim.recording_state(&uuid), Some(RecordingState::Trashed));
    assert_eq!(get(&sim, &bearer, &file).err(), (404, 3301));
    let t = get(&sim, &bearer, &format!("/v2/meetings/{}/transcript", enc_uuid(&uuid))).json();
    assert_eq!(
        (t["can_download"].as_bool(), t["download_restriction_reason"].as_str()),
        (Some(false), Some("DELETED_OR_TRASHED"))
    );
    let today = clock::format_date(clock::today());
    let from = clock::format_date(clock::today() - 20);
    let trash = get(&sim, &bearer, &format!("/v2/users/me/recordings?trash=true&from={from}&to={today}")).json();
    assert_eq!(trash["meetings"][0]["uuid"], uuid.as_str());

    // By id, the latest instance left is the earlier one; deleting it removes it for good.
    let earlier =
        get(&sim, &bearer, &format!("/v2/meetings/{id}/recordings")).json()["uuid"].as_str().unwrap().to_string();
    assert_ne!(earlier, uuid);
    assert_eq!(del(&format!("/v2/meetings/{id}/recordings?action=delete")).status, 204);
    assert_eq!(sim.recording_state(&earlier), None);
    assert_eq!(del(&format!("/v2/meetings/{id}/recordings")).err(), (404, 3301));
}

#[test]
fn summaries_of_ended_meetings_one_and_listed_in_a_window() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, uuid) = sim.recorded_meeting();
    let s = get(&sim, &bearer, &format!("/v2/meetings/{}/meeting_summary", enc_uuid(&uuid))).json();
    assert_eq!((s["meeting_uuid"].as_str(), s["meeting_id"].as_u64()), (Some(uuid.as_str()), Some(id)));
    assert!(s["summary_details"].as_array().unwrap().len() >= 2 && s["next_steps"].as_array().unwrap().len() == 2);
    assert_eq!(
        get(&sim, &bearer, &format!("/v2/meetings/{id}/meeting_summary")).json(),
        s,
        "an id is its latest instance"
    );
    assert_eq!(get(&sim, &bearer, "/v2/meetings/99999999999/meeting_summary").err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_meetings/{id}")).json()["has_meeting_summary"], true);

    let (all, pages) = walk(&sim, &bearer, "/v2/meetings/meeting_summaries?page_size=1", "summaries");
    assert!(all.len() >= 4 && pages == all.len(), "{pages} pages for {}", all.len());
    assert!(all[0].get("summary_overview").is_none(), "the list carries no content");
    let start = |v: &Value| clock::parse_datetime(v["summary_start_time"].as_str().unwrap()).unwrap();
    assert!(all.windows(2).all(|w| start(&w[0]) >= start(&w[1])), "newest first");
    let from = clock::format_utc(start(&all[0]) - 1);
    let recent = get(&sim, &bearer, &format!("/v2/meetings/meeting_summaries?from={from}")).json();
    assert_eq!((recent["summaries"].as_array().unwrap().len(), recent["from"].as_str()), (1, Some(from.as_str())));
    for bad in ["from=2026-01-01", "to=yesterday", "time_filter_field=created", "page_size=301"] {
        assert_eq!(get(&sim, &bearer, &format!("/v2/meetings/meeting_summaries?{bad}")).err(), (400, 300), "{bad}");
    }
    let narrow = format!("Bearer {}", sim.mint_token_with_scopes(&["meeting:read:summary"]));
    assert_eq!(get(&sim, &narrow, "/v2/meetings/meeting_summaries").err(), (400, 4711));
    assert_eq!(get(&sim, &narrow, &format!("/v2/meetings/{id}/meeting_summary")).status, 200);
}
