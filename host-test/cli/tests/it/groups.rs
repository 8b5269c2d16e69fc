//! Groups through the component: list with member counts over pages, add members by id and
//! email, remove one, list again; the batch rules before anything is sent; unknown groups and
//! members as `not-found`.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn count_of(list: &Value, id: &str) -> Option<u64> {
    list["items"].as_array().unwrap().iter().find(|g| g["id"] == id).and_then(|g| g["total_members"].as_u64())
}

#[tokio::test(flavor = "multi_thread")]
async fn add_two_members_list_remove_one_list_again() {
    let mut env = Env::new().await;
    let groups = env.sim.seeded_group_ids();
    let group = groups[2].clone();
    let listed = env.ok("list-groups", json!({"paging": {"all": {"page_size": 1}}})).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), groups.len(), "{listed}");
    assert_eq!(listed["total_records"].as_u64(), Some(groups.len() as u64));
    assert_eq!(env.sim.requests().iter().filter(|r| r.path == "/v2/groups").count(), groups.len());
    assert_eq!(count_of(&listed, &groups[0]), Some(3));
    assert_eq!(count_of(&listed, &group), Some(0));

    let users = env.sim.users();
    let (by_id, by_email) = (users[1]["id"].as_str().unwrap(), users[4]["email"].as_str().unwrap());
    let added =
        env.ok("add-group-members", json!({"group_id": group, "members": [{"id": by_id}, {"email": by_email}]})).await;
    let email_id = users[4]["id"].as_str().unwrap();
    assert_eq!(added["ids"], json!([by_id, email_id]), "{added}");
    assert_eq!(added["group_id"], group.as_str());
    assert!(added["added_at"].is_string());
    assert!(env.sim.user(by_id).unwrap()["group_ids"].as_array().unwrap().contains(&json!(group)));
    let after = env.ok("list-groups", json!({})).await;
    assert_eq!(count_of(&after, &group), Some(2));

    // Adding someone already in the group leaves them there once.
    env.ok("add-group-members", json!({"group_id": group, "members": [{"email": by_email}]})).await;
    assert_eq!(env.sim.group_members(&group).len(), 2);

    let removed = env.ok("remove-group-member", json!({"group_id": group, "member_id": by_email})).await;
    assert_eq!(removed, json!({"group_id": group, "member_id": by_email}));
    assert!(env
        .sim
        .requests()
        .iter()
        .any(|r| r.method == "DELETE"
            && r.path == format!("/v2/groups/{group}/members/{}", by_email.replace('@', "%40"))));
    assert_eq!(count_of(&env.ok("list-groups", json!({})).await, &group), Some(1));
    assert_eq!(env.sim.group_members(&group), [by_id]);

    // Removing again: Zoom no longer has them in the group.
    let e = env.err("remove-group-member", json!({"group_id": group, "member_id": by_email})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(4131)), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_groups_and_users_and_bad_batches() {
    let mut env = Env::new().await;
    let group = env.sim.seeded_group_ids()[2].clone();
    for (action, input) in [
        ("add-group-members", json!({"group_id": "nope", "members": [{"email": "casey.basic@example.com"}]})),
        ("remove-group-member", json!({"group_id": "nope", "member_id": "casey.basic@example.com"})),
    ] {
        let e = env.err(action, input).await;
        assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(4130)), "{action}: {e}");
    }
    let e = env.err("add-group-members", json!({"group_id": group, "members": [{"email": "ghost@example.com"}]})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(1001)), "{e}");
    assert!(env.sim.group_members(&group).is_empty());

    env.sim.clear_requests();
    let many: Vec<Value> = (0..31).map(|i| json!({"email": format!("u{i}@example.com")})).collect();
    for (input, field) in [
        (json!({"group_id": group, "members": []}), "members"),
        (json!({"group_id": group, "members": many}), "members"),
        (json!({"group_id": group, "members": [{}]}), "members[0].id"),
        (json!({"group_id": group, "members": [{"id": "u1", "email": "a@example.com"}]}), "members[0].id"),
        (json!({"group_id": group, "members": [{"id": "u1"}, {"email": "nope"}]}), "members[1].email"),
        (json!({"group_id": " ", "members": [{"id": "u1"}]}), "group_id"),
        (json!({"group_id": "..", "members": [{"id": "u1"}]}), "group_id"),
    ] {
        let e = env.err("add-group-members", input.clone()).await;
        assert_eq!(e["invalid_input"]["field"], field, "{input}: {e}");
    }
    for (input, field) in [
        (json!({"group_id": group, "member_id": " "}), "member_id"),
        (json!({"group_id": group, "member_id": ".."}), "member_id"),
        (json!({"group_id": "", "member_id": "u1"}), "group_id"),
    ] {
        let e = env.err("remove-group-member", input.clone()).await;
        assert_eq!(e["invalid_input"]["field"], field, "{input}: {e}");
    }
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing sent");
}
