//! Polling triggers through the component: each new item exactly once across polls, pages and
//! changes in between.

use std::collections::HashSet;

use serde_json::{json, Value};
use zoom_runtime::Outcome;

use crate::harness::{kind, Env};

async fn poll(env: &mut Env, source: Value, cursor: Option<&str>, extra: Value) -> (Vec<Value>, String) {
    let mut request = json!({"source": source, "cursor": cursor, "page_size": 2});
    if let (Some(r), Some(e)) = (request.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    match env.trigger("poll", request).await {
        Outcome::Ok(v) => (v["items"].as_array().unwrap().clone(), v["cursor"].as_str().unwrap().to_owned()),
        Outcome::Err(e) => panic!("poll failed: {e}"),
    }
}

fn keys(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["key"].as_str().unwrap().to_owned()).collect()
}

/// Keys must never repeat across all the polls of one cursor.
fn assert_once(all: &mut HashSet<String>, items: &[Value]) {
    for k in keys(items) {
        assert!(all.insert(k.clone()), "{k} returned twice");
    }
}

async fn create_meeting(env: &mut Env, topic: &str) -> u64 {
    let m = env.ok("create-meeting", json!({"topic": topic, "start_time": "2030-01-01T10:00:00Z"})).await;
    m["id"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn new_meetings_come_once_across_polls_pages_creations_and_deletions() {
    let mut env = Env::new().await;
    let src = json!({"new_meetings": "me"});
    let (first, cursor) = poll(&mut env, src.clone(), None, json!({})).await;
    assert!(first.is_empty(), "a first poll from now returns nothing that existed: {first:?}");
    let mut all = HashSet::new();

    let mut created = Vec::new();
    for n in 0..5 {
        created.push(create_meeting(&mut env, &format!("Poll {n}")).await);
    }
    let (items, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    assert_once(&mut all, &items);
    let got: Vec<u64> = items.iter().map(|i| i["item"]["meeting"]["id"].as_u64().unwrap()).collect();
    assert_eq!(got.iter().collect::<HashSet<_>>(), created.iter().collect::<HashSet<_>>(), "all five, over 3 pages");

    // A deletion shifts every later item one place up the pages; two more appear.
    env.ok("delete-meeting", json!({"meeting_id": created[0]})).await;
    let later = [create_meeting(&mut env, "Later A").await, create_meeting(&mut env, "Later B").await];
    let (items, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    assert_once(&mut all, &items);
    let got: HashSet<u64> = items.iter().map(|i| i["item"]["meeting"]["id"].as_u64().unwrap()).collect();
    assert_eq!(got, later.iter().copied().collect());

    let (items, _) = poll(&mut env, src, Some(&cursor), json!({})).await;
    assert!(items.is_empty(), "nothing new: {items:?}");
    assert!(env.hits("/users/me/meetings") >= 3 + 4 + 3, "pages of two were walked");
}

#[tokio::test(flavor = "multi_thread")]
async fn new_registrants_of_a_meeting_and_a_webinar() {
    let mut env = Env::new().await;
    let meeting = env.registration_meeting().await;
    let src = json!({"new_meeting_registrants": meeting});
    let (_, cursor) = poll(&mut env, src.clone(), None, json!({})).await;
    for n in 0..3 {
        let email = format!("guest{n}@example.org");
        env.ok("add-meeting-registrant", json!({"meeting_id": meeting, "email": email, "first_name": "G"})).await;
    }
    let (items, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    let emails: HashSet<&str> = items.iter().map(|i| i["item"]["registrant"]["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["guest0@example.org", "guest1@example.org", "guest2@example.org"].into_iter().collect());
    let (items, _) = poll(&mut env, src, Some(&cursor), json!({})).await;
    assert!(items.is_empty());

    let webinar = env.sim.seeded_webinar_ids()[0];
    let src = json!({"new_webinar_registrants": webinar});
    let (_, cursor) = poll(&mut env, src.clone(), None, json!({})).await;
    env.ok("add-webinar-registrant", json!({"webinar_id": webinar, "email": "w@example.org", "first_name": "W"})).await;
    let (items, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["item"]["registrant"]["email"], "w@example.org");
    let stored = env.sim.webinar_registrants(webinar);
    let id = stored.iter().find(|r| r["email"] == "w@example.org").unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(items[0]["key"], format!("registrant:{id}"));
    assert!(poll(&mut env, src, Some(&cursor), json!({})).await.0.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn new_users_and_a_backfill_of_recordings() {
    let mut env = Env::new().await;
    let (_, cursor) = poll(&mut env, json!("new_users"), None, json!({})).await;
    for n in 0..3 {
        let email = format!("hire{n}@example.com");
        env.ok("create-user", json!({"action": "create", "email": email, "user_type": "basic"})).await;
    }
    let (items, cursor) = poll(&mut env, json!("new_users"), Some(&cursor), json!({})).await;
    let emails: HashSet<&str> = items.iter().map(|i| i["item"]["user"]["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 3, "{items:?}");
    assert!(emails.iter().all(|e| e.starts_with("hire")));
    assert!(poll(&mut env, json!("new_users"), Some(&cursor), json!({})).await.0.is_empty());

    // A backfill of 30 days finds every completed cloud recording of the admin, once.
    let src = json!({"new_recordings": "me"});
    let (items, cursor) = poll(&mut env, src.clone(), None, json!({"backfill_hours": 720, "page_size": 300})).await;
    let (meeting_id, latest_uuid) = env.sim.recorded_meeting();
    assert!(items.len() >= 3, "{items:?}");
    assert!(items.iter().any(|i| i["item"]["recording"]["uuid"] == latest_uuid.as_str()
        && i["item"]["recording"]["meeting_id"] == meeting_id));
    let times: Vec<&str> = items.iter().map(|i| i["occurred_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first: {times:?}");
    assert!(poll(&mut env, src, Some(&cursor), json!({})).await.0.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_poll_requests_are_typed_errors_naming_the_field() {
    let mut env = Env::new().await;
    let cases = [
        (json!({"source": "new_users", "cursor": "not-a-cursor"}), "cursor"),
        (json!({"source": "new_users", "page_size": 0}), "page_size"),
        (json!({"source": "new_users", "page_size": 301}), "page_size"),
        (json!({"source": "new_users", "backfill_hours": 721}), "backfill_hours"),
        (json!({"source": {"new_meeting_registrants": 0}}), "source.new_meeting_registrants"),
        (json!({"source": {"new_meetings": "u".repeat(129)}}), "source.new_meetings"),
        (json!({"source": {"new_recordings": "a\u{0}b"}}), "source.new_recordings"),
    ];
    for (request, field) in cases {
        match env.trigger("poll", request.clone()).await {
            Outcome::Err(e) => {
                assert_eq!(kind(&e), "invalid_input", "{request}: {e}");
                assert_eq!(e["invalid_input"]["field"], field, "{request}: {e}");
            }
            Outcome::Ok(v) => panic!("{request} was accepted: {v}"),
        }
    }
    match env.trigger("poll", json!({"source": {"new_meetings": "nobody@example.com"}})).await {
        Outcome::Err(e) => assert_eq!(kind(&e), "not_found", "{e}"),
        Outcome::Ok(v) => panic!("unknown user accepted: {v}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_activity_backfill_matches_the_report_and_comes_once() {
    let mut env = Env::new().await;
    let now = crate::harness::now();
    let hours = 24 * 7;
    let since = now - hours * 3600;
    let (items, cursor) = poll(
        &mut env,
        json!("sign_in_activity"),
        None,
        json!({"backfill_hours": hours, "page_size": 50, "now_unix_seconds": now}),
    )
    .await;
    // Computed from the simulator's own history: every record from the window's start on.
    let expected: HashSet<(String, String, String)> = env
        .sim
        .activity_logs()
        .iter()
        .filter(|a| a["time"].as_str().is_some_and(|t| t >= zoom_time(since).as_str()))
        .map(|a| {
            (
                a["email"].as_str().unwrap().into(),
                a["time"].as_str().unwrap().into(),
                a["type"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(!expected.is_empty(), "the seeded history has sign-ins this week");
    let got: HashSet<(String, String, String)> = items
        .iter()
        .map(|i| {
            let a = &i["item"]["sign_activity"];
            (
                a["email"].as_str().unwrap().into(),
                a["time"].as_str().unwrap().into(),
                a["activity_type"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(items.len(), expected.len(), "each record once");
    let times: Vec<&str> = items.iter().map(|i| i["occurred_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    assert!(poll(&mut env, json!("sign_in_activity"), Some(&cursor), json!({})).await.0.is_empty());
    assert!(env.hits("/report/activities") >= expected.len().div_ceil(50));
}

/// `yyyy-MM-ddTHH:mm:ssZ`, as Zoom writes times, so text order is time order.
fn zoom_time(secs: u64) -> String {
    crate::reconcile::utc(secs)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_shifted_onto_a_page_already_read_is_returned_by_the_next_poll() {
    let mut env = Env::new().await;
    let src = json!({"new_meetings": "me"});
    let (status, listed) = env.sim.request("GET", "/v2/users/me/meetings?page_size=300", None);
    assert_eq!(status, 200);
    let before = listed["total_records"].as_u64().unwrap() as usize;
    let (_, cursor) = poll(&mut env, src.clone(), None, json!({})).await;
    let mut created = Vec::new();
    for n in 0..5 {
        created.push(create_meeting(&mut env, &format!("Shift {n}")).await);
    }
    // Pages hold two meetings. After the page that holds position `before` (the first new
    // meeting), the last meeting on that page is deleted: every later meeting moves up one
    // place, so the first meeting of the next page lands on the page just read.
    let page = before / 2 + 1;
    let deleted = created[2 * page - 1 - before];
    let skipped = created[2 * page - before];
    env.sim.after_request(
        "GET",
        "/v2/users/me/meetings",
        page - 1,
        vec![
            ("DELETE".into(), format!("/v2/meetings/{deleted}"), None),
            (
                "POST".into(),
                "/v2/users/me/meetings".into(),
                Some(json!({"topic": "Mid-poll", "type": 2, "start_time": "2030-05-01T10:00:00Z"})),
            ),
        ],
    );
    let (first, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    assert_eq!(env.sim.applied_changes().len(), 2, "the list changed between pages");
    let ids =
        |items: &[Value]| -> Vec<u64> { items.iter().map(|i| i["item"]["meeting"]["id"].as_u64().unwrap()).collect() };
    assert!(!ids(&first).contains(&skipped), "the shifted meeting was on no page this poll read");
    assert!(ids(&first).contains(&deleted), "the deleted meeting was read before it went");
    let (second, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    assert_eq!(ids(&second), [skipped], "the next poll returns exactly the missed one");
    let (third, _) = poll(&mut env, src, Some(&cursor), json!({})).await;
    assert!(third.is_empty());

    let mut all = HashSet::new();
    for items in [&first, &second, &third] {
        assert_once(&mut all, items);
    }
    let mid_poll = env.sim.applied_changes()[1].body["id"].as_u64().unwrap();
    let expected: HashSet<String> = created.iter().chain([&mid_poll]).map(|id| format!("meeting:{id}")).collect();
    assert_eq!(all, expected, "every meeting once, the deleted one and the one made mid-poll included");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_poll_that_fails_loses_nothing_and_a_rate_limit_is_waited_out() {
    use zoom_sim::{Fault, FaultKind};
    let mut env = Env::new().await;
    let src = json!({"new_meetings": "me"});
    let (_, cursor) = poll(&mut env, src.clone(), None, json!({})).await;
    let mut created = HashSet::new();
    for n in 0..3 {
        created.insert(create_meeting(&mut env, &format!("Faulty {n}")).await);
    }
    // Zoom keeps failing past the retries: the poll is a typed error and hands back no cursor,
    // so the platform polls again with the old one.
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me/meetings".into(),
        kind: FaultKind::Status(503),
        times: 4,
    });
    let request = json!({"source": src, "cursor": cursor, "page_size": 2});
    match env.trigger("poll", request).await {
        Outcome::Err(e) => assert_eq!(kind(&e), "api", "{e}"),
        Outcome::Ok(v) => panic!("the poll succeeded through four 503s: {v}"),
    }
    // A rate limit on the next try is waited out; every meeting arrives once.
    env.sim.inject(Fault {
        method: Some("GET".into()),
        path_prefix: "/v2/users/me/meetings".into(),
        kind: FaultKind::RateLimited { retry_after_secs: 1 },
        times: 1,
    });
    let (items, cursor) = poll(&mut env, src.clone(), Some(&cursor), json!({})).await;
    let got: HashSet<u64> = items.iter().map(|i| i["item"]["meeting"]["id"].as_u64().unwrap()).collect();
    assert_eq!(got, created);
    assert!(poll(&mut env, src, Some(&cursor), json!({})).await.0.is_empty());
}
