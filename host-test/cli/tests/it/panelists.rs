//! Webinar panelists through the component: add a batch, list, remove one, list again; the
//! batch rules (1 to 30, a name and an email each) before anything is sent; unknown webinars
//! and panelists as `not-found`.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn emails(list: &Value) -> Vec<&str> {
    let mut e: Vec<&str> = list["items"].as_array().unwrap().iter().map(|p| p["email"].as_str().unwrap()).collect();
    e.sort_unstable();
    e
}

#[tokio::test(flavor = "multi_thread")]
async fn add_two_list_remove_one_list_again() {
    let mut env = Env::new().await;
    let id = env.sim.seeded_webinar_ids()[0];
    let empty = env.ok("list-webinar-panelists", json!({"webinar_id": id})).await;
    assert!(empty["items"].as_array().unwrap().is_empty(), "{empty}");

    let added = env
        .ok(
            "add-webinar-panelists",
            json!({"webinar_id": id, "panelists": [
                {"name": "Ann Panel", "email": "ann.panel@example.com", "name_tag_name": "Ann"},
                {"name": " Bob Panel ", "email": "bob.panel@example.com"}]}),
        )
        .await;
    assert_eq!((added["webinar_id"].as_u64(), added["count"].as_u64()), (Some(id), Some(2)));
    assert!(added["updated_at"].is_string(), "{added}");
    let sent = env.sim.requests().into_iter().rfind(|r| r.method == "POST").unwrap();
    assert_eq!(sent.path, format!("/v2/webinars/{id}/panelists"));

    let listed = env.ok("list-webinar-panelists", json!({"webinar_id": id})).await;
    assert_eq!(emails(&listed), ["ann.panel@example.com", "bob.panel@example.com"]);
    assert_eq!(listed["total_records"].as_u64(), Some(2));
    let items = listed["items"].as_array().unwrap();
    let ann = items.iter().find(|p| p["name"] == "Ann Panel").unwrap();
    assert_eq!(ann["name_tag_name"], "Ann");
    assert!(ann["join_url"].as_str().is_some_and(|u| u.contains(&id.to_string())), "{ann}");
    assert!(items.iter().any(|p| p["name"] == "Bob Panel"), "the name is sent trimmed: {listed}");

    // Adding an email already on the list updates that panelist rather than repeating it.
    env.ok(
        "add-webinar-panelists",
        json!({"webinar_id": id, "panelists": [{"name": "Ann P.", "email": "ann.panel@example.com"}]}),
    )
    .await;
    assert_eq!(env.sim.webinar_panelists(id).len(), 2);

    let pid = ann["id"].as_str().unwrap().to_string();
    let removed = env.ok("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": pid})).await;
    assert_eq!((removed["webinar_id"].as_u64(), removed["panelist_id"].as_str()), (Some(id), Some(pid.as_str())));
    let after = env.ok("list-webinar-panelists", json!({"webinar_id": id})).await;
    assert_eq!(emails(&after), ["bob.panel@example.com"]);

    // Removing it again: Zoom no longer has it.
    let e = env.err("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": pid})).await;
    assert_eq!(kind(&e), "not_found", "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_webinars_and_bad_batches() {
    let mut env = Env::new().await;
    let id = env.sim.seeded_webinar_ids()[0];
    let one = json!([{"name": "Ann", "email": "ann@example.com"}]);
    for (action, input) in [
        ("list-webinar-panelists", json!({"webinar_id": 99999999999u64})),
        ("add-webinar-panelists", json!({"webinar_id": 99999999999u64, "panelists": one})),
        ("remove-webinar-panelist", json!({"webinar_id": 99999999999u64, "panelist_id": "abc"})),
    ] {
        let e = env.err(action, input).await;
        assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(3001)), "{action}: {e}");
    }
    let e = env.err("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": "nobody"})).await;
    assert_eq!(kind(&e), "not_found", "{e}");

    env.sim.clear_requests();
    let many: Vec<Value> =
        (0..31).map(|i| json!({"name": format!("P{i}"), "email": format!("p{i}@example.com")})).collect();
    for (panelists, field) in [
        (json!([]), "panelists"),
        (Value::Array(many), "panelists"),
        (json!([{"name": " ", "email": "a@example.com"}]), "panelists[0].name"),
        (
            json!([{"name": "A", "email": "a@example.com"}, {"name": "B", "email": "not-an-email"}]),
            "panelists[1].email",
        ),
    ] {
        let e = env.err("add-webinar-panelists", json!({"webinar_id": id, "panelists": panelists})).await;
        assert_eq!(e["invalid_input"]["field"], field, "{e}");
    }
    let e = env.err("remove-webinar-panelist", json!({"webinar_id": id, "panelist_id": " "})).await;
    assert_eq!(e["invalid_input"]["field"], "panelist_id");
    let e = env.err("list-webinar-panelists", json!({"webinar_id": 0})).await;
    assert_eq!(e["invalid_input"]["field"], "webinar_id");
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing sent");
}
