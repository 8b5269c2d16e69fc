//! Groups over TCP: the list with member counts and paging, adding members by id
//! or email (the batch rules, unknown users), removing one, unknown groups.

use super::*;

#[test]
fn members_are_added_counted_and_removed() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let groups = sim.seeded_group_ids();
    let (full, empty) = (&groups[0], &groups[2]);
    let list = get(&sim, &bearer, "/v2/groups").json();
    assert_eq!(list["total_records"], groups.len(), "{list}");
    assert_eq!(list["groups"][0], json!({"id": full, "name": "Developers", "total_members": 3}));
    let (all, pages) = walk(&sim, &bearer, "/v2/groups?page_size=1", "groups");
    assert_eq!((all.len(), pages), (groups.len(), groups.len()));
    assert_eq!(get(&sim, &bearer, "/v2/groups?page_size=301").err(), (400, 300));

    let users = sim.users();
    let (a, b) = (users[1]["id"].as_str().unwrap(), users[2]["email"].as_str().unwrap());
    let route = format!("/v2/groups/{empty}/members");
    let post = |body: Value| send(&sim, "POST", &route, Some(&bearer), Body::Json(&body.to_string())).unwrap();
    let r = post(json!({"members": [{"id": a}, {"email": b}, {"id": a, "email": "ignored@example.com"}]}));
    assert_eq!(r.status, 201, "{}", r.body);
    let b_id = users[2]["id"].as_str().unwrap();
    assert_eq!(r.json()["ids"], format!("{a},{b_id}"));
    assert!(r.json()["added_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(sim.group_members(empty), [a, b_id]);
    assert!(sim.user(a).unwrap()["group_ids"].as_array().unwrap().contains(&json!(empty)));
    let counted = get(&sim, &bearer, "/v2/groups").json();
    assert_eq!(counted["groups"][2]["total_members"], 2);

    for (bad, field) in [
        (json!({}), "members"),
        (json!({"members": []}), "members"),
        (json!({"members": [{}]}), "members[0].id"),
        (json!({"members": [{"email": "nope"}]}), "members[0].email"),
        (json!({"members": ["x"]}), "members[0]"),
        (
            json!({"members": (0..31).map(|i| json!({"email": format!("u{i}@example.com")})).collect::<Vec<_>>()}),
            "members",
        ),
    ] {
        let r = post(bad.clone());
        assert_eq!(r.err(), (400, 300), "{bad}");
        assert_eq!(r.json()["errors"][0]["field"], field, "{bad}");
    }
    assert_eq!(post(json!({"members": [{"email": "ghost@example.com"}]})).err(), (404, 1001));
    let unknown =
        send(&sim, "POST", "/v2/groups/nope/members", Some(&bearer), Body::Json(r#"{"members":[{"id":"x"}]}"#));
    assert_eq!(unknown.unwrap().json(), json!({"code": 4130, "message": "A group with this nope does not exist."}));
    assert_eq!(sim.group_members(empty).len(), 2);

    let del = |m: &str| send(&sim, "DELETE", &format!("{route}/{m}"), Some(&bearer), Body::None).unwrap();
    assert_eq!(del(&b.replace('@', "%40")).status, 204);
    assert_eq!(del(b_id).err(), (404, 4131));
    assert_eq!(del("ghost").err(), (404, 4131));
    assert_eq!(sim.group_members(empty), [a]);
    assert!(sim.user(b_id).unwrap()["group_ids"].as_array().unwrap().iter().all(|g| g != empty.as_str()));
    let gone = send(&sim, "DELETE", &format!("/v2/groups/nope/members/{a}"), Some(&bearer), Body::None).unwrap();
    assert_eq!(gone.err(), (404, 4130));
}

#[test]
fn group_routes_need_their_scopes() {
    let sim = Simulator::start().unwrap();
    let group = &sim.seeded_group_ids()[0];
    let bearer = format!("Bearer {}", sim.mint_token_with_scopes(&["group:read:list_groups:admin"]));
    assert_eq!(get(&sim, &bearer, "/v2/groups").status, 200);
    let body = Body::Json(r#"{"members":[{"id":"x"}]}"#);
    let r = send(&sim, "POST", &format!("/v2/groups/{group}/members"), Some(&bearer), body).unwrap();
    assert_eq!(r.err(), (400, 4711));
    assert!(r.json()["message"].as_str().unwrap().contains("group:write:member:admin"));
    let classic = format!("Bearer {}", sim.mint_token_with_scopes(&["group:write:admin"]));
    assert_eq!(get(&sim, &classic, "/v2/groups").status, 200);
}
