//! Ended meetings, their instances and participants over TCP.

use super::*;

#[test]
fn past_meetings_by_id_or_double_encoded_uuid() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, slashed) = sim.recorded_meeting();
    let latest = get(&sim, &bearer, &format!("/v2/past_meetings/{id}")).json();
    assert_eq!((latest["id"].as_u64(), latest["uuid"].as_str()), (Some(id), Some(slashed.as_str())));
    assert!(latest["participants_count"].as_u64().unwrap() >= 2 && latest["end_time"].is_string());
    let by_uuid = get(&sim, &bearer, &format!("/v2/past_meetings/{}", enc_uuid(&slashed))).json();
    assert_eq!(by_uuid["uuid"], slashed.as_str());
    // Sent once-encoded, a `/`-UUID does not resolve, as on Zoom.
    let once = enc(&slashed);
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_meetings/{once}")).err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, "/v2/past_meetings/99999999999").err(), (404, 3001));

    let listed = get(&sim, &bearer, &format!("/v2/past_meetings/{id}/instances")).json();
    let uuids: Vec<&str> = listed["meetings"].as_array().unwrap().iter().map(|m| m["uuid"].as_str().unwrap()).collect();
    assert_eq!((uuids.len(), uuids.last().copied()), (2, Some(slashed.as_str())));
    assert_eq!(get(&sim, &bearer, "/v2/past_meetings/99999999999/instances").err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_meetings/{}/instances", enc_uuid(&slashed))).err(), (404, 3001));
}

#[test]
fn past_meeting_participants_and_the_report_page() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, slashed) = sim.recorded_meeting();
    let uuid = enc_uuid(&slashed);
    for (base, extra) in [("past_meetings", "internal_user"), ("report/meetings", "participant_user_id")] {
        let (people, pages) =
            walk(&sim, &bearer, &format!("/v2/{base}/{uuid}/participants?page_size=1"), "participants");
        assert!(people.len() >= 2 && pages == people.len(), "{base}");
        for p in &people {
            let (join, leave) = (p["join_time"].as_str().unwrap(), p["leave_time"].as_str().unwrap());
            let secs = clock::parse_datetime(leave).unwrap() - clock::parse_datetime(join).unwrap();
            assert_eq!(p["duration"].as_i64(), Some(secs));
            assert!(p.get(extra).is_some(), "{extra} in {p}");
        }
        assert_eq!(get(&sim, &bearer, &format!("/v2/{base}/{id}/participants")).json()["total_records"], people.len());
        assert_eq!(get(&sim, &bearer, &format!("/v2/{base}/{id}/participants?page_size=301")).err(), (400, 300));
        assert_eq!(get(&sim, &bearer, &format!("/v2/{base}/99999999999/participants")).err(), (404, 3001));
    }
}

#[test]
fn past_participants_of_another_hosts_meeting_come_only_from_the_report() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let owner = sim.admin_user()["id"].clone();
    let theirs = sim.past_meetings().into_iter().find(|m| m["host_id"] != owner).expect("another user's meeting");
    let uuid = enc_uuid(theirs["uuid"].as_str().unwrap());
    let r = get(&sim, &bearer, &format!("/v2/past_meetings/{uuid}/participants"));
    assert_eq!(
        r.json(),
        json!({"code": 3001, "message": format!("Meeting does not exist: {}.", theirs["uuid"].as_str().unwrap())})
    );
    let report = get(&sim, &bearer, &format!("/v2/report/meetings/{uuid}/participants")).json();
    assert_eq!(report["participants"].as_array().unwrap().len(), theirs["participants"].as_array().unwrap().len());
}

#[test]
fn the_meeting_report_lists_ended_instances_with_their_end_times() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let today = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 86_400) as i64;
    let day = |back: i64| crate::format_utc((today - back) * 86_400)[..10].to_string();
    let admin = sim.admin_user()["id"].as_str().unwrap().to_string();
    let expected: Vec<Value> = sim
        .past_meetings()
        .into_iter()
        .filter(|m| m["host_id"] == admin.as_str() && m["participants"].as_array().unwrap().len() >= 2)
        .filter(|m| m["start_time"].as_str().unwrap() >= day(25).as_str())
        .collect();
    assert!(expected.len() >= 3, "the seeded recordings' instances");
    let path = format!("/v2/report/users/me/meetings?from={}&to={}&page_size=2", day(25), day(0));
    let (rows, pages) = walk(&sim, &bearer, &path, "meetings");
    assert_eq!((rows.len(), pages), (expected.len(), expected.len().div_ceil(2)));
    for r in &rows {
        let m = expected.iter().find(|m| m["uuid"] == r["uuid"]).unwrap();
        let start = crate::clock::parse_datetime(m["start_time"].as_str().unwrap()).unwrap();
        let end = crate::format_utc(start + m["duration"].as_i64().unwrap() * 60);
        assert_eq!((r["end_time"].as_str(), &r["id"]), (Some(end.as_str()), &m["id"]));
        assert_eq!(r["participants_count"].as_u64(), Some(m["participants"].as_array().unwrap().len() as u64));
    }
    let q = |query: &str| get(&sim, &bearer, &format!("/v2/report/users/me/meetings?{query}")).err();
    assert_eq!(q(&format!("to={}", day(0))), (400, 300), "from is required");
    assert_eq!(q(&format!("from={}", day(3))), (400, 300), "to is required");
    assert_eq!(q(&format!("from={}&to={}", day(60), day(0))), (400, 300), "more than a month");
    assert_eq!(q(&format!("from={}&to={}&type=future", day(3), day(0))), (400, 300));
    assert_eq!(q(&format!("from={}&to={}&page_size=301", day(3), day(0))), (400, 300));
    let ghost = format!("/v2/report/users/ghost@example.com/meetings?from={}&to={}", day(3), day(0));
    assert_eq!(get(&sim, &bearer, &ghost).err(), (404, 1001));
}
