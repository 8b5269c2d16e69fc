use super::*;
use crate::auth::Session;
use crate::http::testing::{answer, Scripted};
use crate::wit::events::ZoomEvent;
use crate::wit::poll_types::Polled;

fn client(t: &Scripted) -> Client<'_> {
    Client::new(t, Session::bearer("tok-1234", "https://api.example/v2"))
}

fn request(id: &str, max: u32) -> SampleRequest {
    SampleRequest { trigger_id: id.to_owned(), max, now_unix_seconds: None }
}

fn events(samples: Vec<TriggerSample>) -> Vec<WebhookEvent> {
    samples
        .into_iter()
        .map(|s| match s {
            TriggerSample::Event(e) => e,
            TriggerSample::Polled(p) => panic!("an event trigger sampled a polled item: {}", p.key),
        })
        .collect()
}

/// The answers `reconcile` gets from an account with nothing in it, in the order it asks.
fn empty_account() -> Vec<Result<crate::http::Response, crate::http::TransportError>> {
    ["meetings", "meetings", "meetings", "users", "users"]
        .iter()
        .map(|key| answer(200, &format!(r#"{{"{key}":[],"next_page_token":""}}"#)))
        .collect()
}

#[test]
fn every_trigger_of_the_manifest_has_samples() {
    for t in triggers() {
        assert!(trigger(&t.id).is_ok(), "{} is not sampled", t.id);
    }
}

#[test]
fn an_unknown_trigger_or_a_max_out_of_range_names_its_field_before_any_request() {
    let t = Scripted::new(Vec::new());
    for (req, field) in [
        (request("poll:nothing", 5), "trigger_id"),
        (request("", 5), "trigger_id"),
        (request("webhook", 0), "max"),
        (request("webhook", MAX_SAMPLES + 1), "max"),
        (SampleRequest { now_unix_seconds: Some(LAST_SECOND + 1), ..request("webhook", 1) }, "now_unix_seconds"),
    ] {
        match sample(&client(&t), &req, 1_800_000_000) {
            Err(Error::InvalidInput { field: f, message }) => {
                assert_eq!(f, field, "{message}");
                if field == "trigger_id" {
                    assert!(message.contains("poll:new-meetings") && message.contains("reconcile"), "{message}");
                }
            }
            other => panic!("{:?}: {:?}", req.trigger_id, other.map(|s| s.len())),
        }
    }
    assert!(t.sent.borrow().is_empty());
}

#[test]
fn every_modelled_event_has_a_documented_example_typed_by_its_family() {
    for name in events::MODELLED {
        let e = examples::event(name).unwrap_or_else(|| panic!("no example of {name}"));
        assert_eq!(e.name, *name);
        assert!(e.key.starts_with(&format!("example:{name}:")), "{}", e.key);
        assert!(!matches!(e.typed, ZoomEvent::Other(_)), "{name}'s example is not typed");
        assert!(e.event_ts > 0 && !e.payload.is_empty(), "{name}");
    }
}

#[test]
fn an_empty_account_gets_one_example_per_event_family_in_the_manifests_order() {
    let t = Scripted::new(empty_account());
    let got = events(sample(&client(&t), &request("webhook", MAX_SAMPLES), 1_800_000_000).unwrap());
    let names: Vec<&str> = got.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, events::MODELLED);
    assert!(got.iter().all(|e| e.key.starts_with(examples::PREFIX)));

    let t = Scripted::new(empty_account());
    let got = events(sample(&client(&t), &request("reconcile", 3), 1_800_000_000).unwrap());
    let names: Vec<&str> = got.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, reconcile::RECOVERABLE[..3]);
}

#[test]
fn the_accounts_own_events_replace_the_examples_of_their_family_newest_first() {
    let user =
        |id: &str, at: &str| format!(r#"{{"id":"{id}","email":"{id}@example.com","type":1,"user_created_at":"{at}"}}"#);
    let mut answers = empty_account();
    let users = format!(
        r#"{{"users":[{},{}],"next_page_token":""}}"#,
        user("u1", "2027-01-10T00:00:00Z"),
        user("u2", "2027-01-12T00:00:00Z")
    );
    answers[3] = answer(200, &users);
    let t = Scripted::new(answers);
    let got = events(sample(&client(&t), &request("reconcile", MAX_SAMPLES), 1_800_000_000).unwrap());
    let keys: Vec<&str> = got.iter().map(|e| e.key.as_str()).collect();
    let first_user = reconcile::RECOVERABLE.iter().position(|n| *n == "user.created").unwrap();
    assert_eq!(keys[first_user], "user.created:u2", "the newest in the family's place: {keys:?}");
    assert_eq!(keys.last(), Some(&"user.created:u1"), "the rest after one per family: {keys:?}");
    assert_eq!(keys.len(), reconcile::RECOVERABLE.len() + 1);
    assert_eq!(keys.iter().filter(|k| k.starts_with(examples::PREFIX)).count(), reconcile::RECOVERABLE.len() - 1);
    assert!(
        matches!(&got[first_user].typed, ZoomEvent::UserCreated(u) if u.email.as_deref() == Some("u2@example.com"))
    );
}

#[test]
fn registrants_come_from_meetings_that_take_registration_newest_first() {
    let registrant = |id: &str, at: &str| {
        format!(
            r#"{{"registrants":[{{"id":"{id}","email":"{id}@example.com","create_time":"{at}"}}],"next_page_token":""}}"#
        )
    };
    let t = Scripted::new(vec![
        answer(
            200,
            r#"{"meetings":[{"id":11,"created_at":"2027-01-01T00:00:00Z"},{"id":22,"created_at":"2027-02-01T00:00:00Z"}],"next_page_token":""}"#,
        ),
        answer(400, r#"{"code":3000,"message":"Registration has not been enabled for this meeting: 22."}"#),
        answer(200, &registrant("r1", "2027-01-02T00:00:00Z")),
        answer(200, &registrant("r2", "2027-01-03T00:00:00Z")),
    ]);
    let got = sample(&client(&t), &request("poll:new-meeting-registrants", 5), 1_800_000_000).unwrap();
    let keys: Vec<String> = got
        .into_iter()
        .map(|s| match s {
            TriggerSample::Polled(p) => {
                assert!(matches!(p.item, Polled::Registrant(_)));
                p.key
            }
            TriggerSample::Event(e) => panic!("a polling trigger sampled an event: {}", e.key),
        })
        .collect();
    assert_eq!(keys, ["registrant:r2", "registrant:r1"]);
    let sent: Vec<String> = t.sent.borrow().iter().map(|r| r.url.clone()).collect();
    assert!(sent[1].contains("/meetings/22/registrants") && sent[2].contains("/meetings/11/registrants"), "{sent:?}");
}
