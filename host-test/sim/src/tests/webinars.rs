//! Webinars, webinar registrants and past participants over TCP.

use super::*;

fn register(sim: &Simulator, bearer: &str, id: u64, query: &str, body: Value) -> Resp {
    let target = format!("/v2/webinars/{id}/registrants{query}");
    send(sim, "POST", &target, Some(bearer), Body::Json(&body.to_string())).unwrap()
}

#[test]
fn seeded_webinars_list_and_page() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let ids = sim.seeded_webinar_ids();
    assert!(ids.len() >= 3);
    let past = sim.past_webinar_id();
    assert_eq!(ids.last(), Some(&past), "upcoming first");
    let kinds: Vec<i64> = ids.iter().map(|id| sim.webinar(*id).unwrap()["type"].as_i64().unwrap()).collect();
    assert!(kinds.contains(&5) && kinds.contains(&9));
    assert!(ids.iter().any(|id| sim.webinar(*id).unwrap()["settings"]["approval_type"] == 0));

    let (all, pages) = walk(&sim, &bearer, "/v2/users/me/webinars?page_size=1", "webinars");
    assert_eq!((all.len(), pages), (ids.len(), ids.len()));
    assert!(all[0].get("settings").is_none(), "list items are summaries");
    assert!(all.iter().all(|w| w["host_id"] == sim.admin_user()["id"] && w["is_simulive"] == false));
    let upcoming = get(&sim, &bearer, "/v2/users/me/webinars?type=upcoming").json();
    assert_eq!(upcoming["total_records"].as_u64(), Some(ids.len() as u64 - 1));
    assert_eq!(get(&sim, &bearer, "/v2/users/me/webinars?type=past").err(), (400, 300));
    assert_eq!(get(&sim, &bearer, "/v2/users/me/webinars?page_size=301").err(), (400, 300));
    // Users without the webinar add-on, and users that do not exist.
    assert_eq!(get(&sim, &bearer, "/v2/users/blake.licensed@example.com/webinars").err(), (400, 200));
    assert_eq!(get(&sim, &bearer, "/v2/users/ghost@example.com/webinars").err(), (404, 1001));
}

#[test]
fn get_webinar_by_id_uuid_and_occurrence() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let series = sim.seeded_webinar_ids().into_iter().find(|id| sim.webinar(*id).unwrap()["type"] == 9).unwrap();
    let stored = sim.webinar(series).unwrap();
    let w = get(&sim, &bearer, &format!("/v2/webinars/{series}")).json();
    assert_eq!(w, stored);
    assert_eq!(w["occurrences"].as_array().unwrap().len(), 4);
    let by_uuid = get(&sim, &bearer, &format!("/v2/webinars/{}", enc_uuid(stored["uuid"].as_str().unwrap())));
    assert_eq!(by_uuid.json()["id"].as_u64(), Some(series));
    let second = &stored["occurrences"][1];
    let occ = get(
        &sim,
        &bearer,
        &format!("/v2/webinars/{series}?occurrence_id={}", second["occurrence_id"].as_str().unwrap()),
    );
    assert_eq!(occ.json()["start_time"], second["start_time"]);
    assert_eq!(get(&sim, &bearer, &format!("/v2/webinars/{series}?occurrence_id=42")).err(), (400, 300));

    let r = get(&sim, &bearer, "/v2/webinars/99999999999");
    assert_eq!(r.json(), json!({"code": 3001, "message": "Webinar does not exist: 99999999999."}));
    assert_eq!(r.status, 404);
    assert_eq!(get(&sim, &bearer, "/v2/webinars/not-an-id").err(), (400, 300));
}

#[test]
fn webinar_registration_rules_and_event() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let ids = sim.seeded_webinar_ids();
    let approval = |a: i64| {
        ids.iter()
            .copied()
            .find(|id| sim.webinar(*id).unwrap()["settings"]["approval_type"] == a && *id != sim.past_webinar_id())
    };
    let auto = approval(0).unwrap();
    let before = sim.webinar_registrants(auto).len();

    let body =
        json!({"email": "fan@example.org", "first_name": "Fran", "last_name": "Fan", "source_id": "5516482804110"});
    let r = register(&sim, &bearer, auto, "", body.clone());
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["id", "join_url", "occurrences", "registrant_id", "start_time", "topic"]);
    assert_eq!(v["id"].as_u64(), Some(auto));
    assert_eq!(v["start_time"], sim.webinar(auto).unwrap()["start_time"]);
    let again = register(&sim, &bearer, auto, "", body).json();
    assert_eq!(again["registrant_id"], v["registrant_id"], "same email, same registrant");
    assert_eq!(sim.webinar_registrants(auto).len(), before + 1);
    assert_eq!(sim.webinar_registrants(auto).last().unwrap()["status"], "approved");

    let ev = events(&sim);
    assert_eq!(ev.len(), 1, "only the first registration is an event");
    assert_eq!(ev[0]["event"], "webinar.registration_created");
    let object = &ev[0]["payload"]["object"];
    assert_eq!(object["id"].as_u64(), Some(auto));
    assert_eq!(object["registrant"]["email"], "fan@example.org");
    assert_eq!(object["registrant"]["tracking_source"]["id"], "5516482804110");
    assert_eq!(ev[0]["payload"]["account_id"], sim.credentials().account_id.as_str());

    let fan = json!({"email": "x@example.org", "first_name": "X"});
    let none = approval(2).unwrap();
    assert_eq!(register(&sim, &bearer, none, "", fan.clone()).err(), (400, 3000));
    assert_eq!(register(&sim, &bearer, sim.past_webinar_id(), "", fan.clone()).err(), (400, 3038));
    assert_eq!(register(&sim, &bearer, 99_999_999_999, "", fan.clone()).err(), (404, 3001));
    let host = json!({"email": sim.admin_user()["email"], "first_name": "Me"});
    assert_eq!(register(&sim, &bearer, auto, "", host).err(), (400, 3027));
    let r = register(&sim, &bearer, auto, "", json!({"email": "x@example.org", "source_id": 5}));
    assert_eq!(
        r.json()["errors"],
        json!([{"field":"first_name","message":"Invalid field."},{"field":"source_id","message":"Invalid field."}])
    );

    // The series takes occurrence ids and waits for manual approval.
    let manual = approval(1).unwrap();
    let occ = sim.webinar(manual).unwrap()["occurrences"][2]["occurrence_id"].as_str().unwrap().to_string();
    let r = register(&sim, &bearer, manual, &format!("?occurrence_ids={occ}"), fan.clone()).json();
    assert_eq!(r["occurrences"].as_array().unwrap().len(), 1);
    assert_eq!(register(&sim, &bearer, manual, "?occurrence_ids=123", fan).err(), (400, 300));
    let list = |q: &str| get(&sim, &bearer, &format!("/v2/webinars/{manual}/registrants{q}")).json();
    assert!(list("?status=pending")["registrants"].as_array().unwrap().iter().any(|r| r["email"] == "x@example.org"));
    assert_eq!(list(&format!("?status=pending&occurrence_id={occ}"))["total_records"], 2);
    assert_eq!(list("?status=denied")["total_records"], 1);
    assert_eq!(get(&sim, &bearer, &format!("/v2/webinars/{manual}/registrants?status=maybe")).err(), (400, 300));
}

#[test]
fn webinar_registrants_list_filters_and_pages() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let past = sim.past_webinar_id();
    let auto = sim
        .seeded_webinar_ids()
        .into_iter()
        .find(|id| *id != past && sim.webinar(*id).unwrap()["settings"]["approval_type"] == 0);
    let auto = auto.unwrap();
    for i in 0..5 {
        let source = if i % 2 == 0 { "src-a" } else { "src-b" };
        let body = json!({"email": format!("p{i}@example.org"), "first_name": "P", "source_id": source});
        assert_eq!(register(&sim, &bearer, auto, "", body).status, 201);
    }
    let total = sim.webinar_registrants(auto).len();
    let (all, pages) = walk(&sim, &bearer, &format!("/v2/webinars/{auto}/registrants?page_size=2"), "registrants");
    assert_eq!((all.len(), pages), (total, total.div_ceil(2)));
    assert!(all.iter().all(|r| r.get("participant_pin_code").is_none() && r["status"] == "approved"));
    let tracked = get(&sim, &bearer, &format!("/v2/webinars/{auto}/registrants?tracking_source_id=src-a")).json();
    assert_eq!(tracked["total_records"], 3);
    let none =
        sim.seeded_webinar_ids().into_iter().find(|id| sim.webinar(*id).unwrap()["settings"]["approval_type"] == 2);
    assert_eq!(get(&sim, &bearer, &format!("/v2/webinars/{}/registrants", none.unwrap())).err(), (400, 3000));
    assert_eq!(get(&sim, &bearer, "/v2/webinars/99999999999/registrants").err(), (404, 3001));
}

#[test]
fn past_webinar_participants_page_and_unknown_is_3001() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let past = sim.past_webinar_id();
    let (people, pages) =
        walk(&sim, &bearer, &format!("/v2/past_webinars/{past}/participants?page_size=2"), "participants");
    assert!(people.len() >= 5);
    assert_eq!(pages, people.len().div_ceil(2));
    let keys = [
        "id",
        "name",
        "user_id",
        "registrant_id",
        "user_email",
        "join_time",
        "leave_time",
        "duration",
        "failover",
        "status",
        "internal_user",
    ];
    for p in &people {
        for k in keys {
            assert!(p.get(k).is_some(), "{k} in {p}");
        }
        let (join, leave) = (p["join_time"].as_str().unwrap(), p["leave_time"].as_str().unwrap());
        let secs = clock::parse_datetime(leave).unwrap() - clock::parse_datetime(join).unwrap();
        assert_eq!(p["duration"].as_i64(), Some(secs));
    }
    let registrant_ids: Vec<Value> = sim.webinar_registrants(past).iter().map(|r| r["id"].clone()).collect();
    assert!(people.iter().filter(|p| p["registrant_id"] != "").all(|p| registrant_ids.contains(&p["registrant_id"])));
    assert!(people.iter().any(|p| p["internal_user"] == true) && people.iter().any(|p| p["internal_user"] == false));
    let uuid = enc_uuid(sim.webinar(past).unwrap()["uuid"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{uuid}/participants")).status, 200);

    assert_eq!(get(&sim, &bearer, "/v2/past_webinars/99999999999/participants").err(), (404, 3001));
    let upcoming = sim.seeded_webinar_ids()[0];
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{upcoming}/participants")).err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{past}/participants?page_size=0")).err(), (400, 300));
}
