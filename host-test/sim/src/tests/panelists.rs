//! Webinar panelists over TCP: the batch rules, upsert by email, removal, unknown ids.

use super::*;

#[test]
fn panelists_are_added_listed_and_removed() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let id = sim.seeded_webinar_ids()[0];
    let route = format!("/v2/webinars/{id}/panelists");
    let post = |body: Value| send(&sim, "POST", &route, Some(&bearer), Body::Json(&body.to_string())).unwrap();
    let r = post(
        json!({"panelists": [{"name": "Ann", "email": "ann@example.com"}, {"name": "Bob", "email": "bob@example.com"}]}),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["id"], id.to_string());
    post(json!({"panelists": [{"name": "Ann B", "email": "ANN@example.com"}]}));
    let list = get(&sim, &bearer, &route).json();
    assert_eq!(list["total_records"], 2, "{list}");
    assert_eq!(list["panelists"][0]["name"], "Ann B");

    for bad in [
        json!({}),
        json!({"panelists": []}),
        json!({"panelists": [{"name": "A"}]}),
        json!({"panelists": [{"name": " ", "email": "a@example.com"}]}),
        json!({"panelists": (0..31).map(|i| json!({"name": "P", "email": format!("p{i}@example.com")})).collect::<Vec<_>>()}),
    ] {
        assert_eq!(post(bad.clone()).status, 400, "{bad}");
    }
    assert_eq!(sim.webinar_panelists(id).len(), 2);

    let pid = list["panelists"][0]["id"].as_str().unwrap().to_string();
    let del = |p: &str| send(&sim, "DELETE", &format!("{route}/{p}"), Some(&bearer), Body::None).unwrap();
    assert_eq!(del(&pid).status, 204);
    assert_eq!(del(&pid).err(), (404, 3001));
    assert_eq!(sim.webinar_panelists(id).len(), 1);
    assert_eq!(get(&sim, &bearer, "/v2/webinars/99999999999/panelists").err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, "/v2/webinars/abc/panelists").err(), (400, 300));
}
