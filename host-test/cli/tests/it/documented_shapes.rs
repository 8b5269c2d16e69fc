//! Shapes Zoom documents that the simulator now produces, read through the component: a meeting
//! on the host's PMI (its `pmi` a string where the user's is a number), and a one-off meeting
//! without `recurrence`, `occurrences` or the settings sub-objects of features never set up.

use serde_json::{json, Value};
use zoom_runtime::Outcome;

use crate::harness::Env;

#[tokio::test(flavor = "multi_thread")]
async fn meetings_in_their_documented_optional_shapes_are_typed() {
    let mut env = Env::new().await;
    let once = env.ok("create-meeting", json!({"topic": "Once", "start_time": "2030-01-01T10:00:00Z"})).await;
    let pmi = env.ok("create-meeting", json!({"topic": "On my PMI", "settings": {"use_pmi": true}})).await;
    let user_pmi = env.ok("get-user", json!({})).await["pmi"].as_u64().expect("the user's pmi, typed");

    let stored = env.sim.meeting(pmi["id"].as_u64().unwrap()).unwrap();
    assert_eq!(stored["pmi"], json!(user_pmi.to_string()), "the simulator answers with the documented string");
    let got = env.ok("get-meeting", json!({"meeting_id": pmi["id"]})).await;
    assert_eq!((got["topic"].as_str(), got["meeting_type"].as_str()), (Some("On my PMI"), Some("scheduled")));
    let raw: Value = serde_json::from_str(got["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw["pmi"], json!(user_pmi.to_string()));

    let got = env.ok("get-meeting", json!({"meeting_id": once["id"]})).await;
    let raw: Value = serde_json::from_str(got["raw"].as_str().unwrap()).unwrap();
    for absent in ["recurrence", "occurrences", "pmi"] {
        assert!(raw.get(absent).is_none(), "{absent}: {raw}");
    }
    assert!(raw["settings"].get("breakout_room").is_none(), "{raw}");
    assert_eq!(got["occurrences"], json!([]));
    assert_eq!(got["agenda"], "", "Zoom's empty agenda stays an empty string");

    let listed = env.ok("list-meetings", json!({})).await;
    let topics: Vec<&str> = listed["items"].as_array().unwrap().iter().filter_map(|m| m["topic"].as_str()).collect();
    assert!(topics.contains(&"Once") && topics.contains(&"On my PMI"), "{topics:?}");

    let request = json!({"source": {"new_meetings": "me"}, "backfill_hours": 1});
    let Outcome::Ok(polled) = env.trigger("poll", request).await else { panic!("poll fails") };
    let ids: Vec<u64> =
        polled["items"].as_array().unwrap().iter().filter_map(|i| i["item"]["meeting"]["id"].as_u64()).collect();
    assert!(ids.contains(&pmi["id"].as_u64().unwrap()) && ids.contains(&once["id"].as_u64().unwrap()), "{polled}");
}
