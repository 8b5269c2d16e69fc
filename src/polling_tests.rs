//! The cursor, the time parser, the event key and the webhook endpoint, natively.

use crate::cursor::{Cursor, LOOKBACK_SECS};
use crate::endpoint::{self, relay_body, settings, Settings};
use crate::events;
use crate::http::testing::{answer, Scripted};
use crate::http::TransportError;
use crate::triggers::WebhookRequest;
use crate::validate::{format_utc, unix_seconds};
use crate::webhook;
use serde_json::{json, Value};

const NOW: u64 = 1_800_000_000;

fn listed(keys: &[(&str, u64)]) -> Vec<(String, u64, ())> {
    keys.iter().map(|(k, t)| ((*k).to_owned(), *t, ())).collect()
}

fn keys(v: &[(String, u64, ())]) -> Vec<&str> {
    v.iter().map(|(k, _, _)| k.as_str()).collect()
}

#[test]
fn a_first_poll_from_now_returns_nothing_but_remembers_what_it_saw() {
    let (mut c, out) = Cursor::first(listed(&[("a", NOW - 1), ("b", NOW)]), NOW, 0);
    assert!(out.is_empty());
    // Dated before the first poll, listed only after it (a recording finishing processing).
    let out = c.select(listed(&[("a", NOW - 1), ("b", NOW), ("late", NOW - 30), ("c", NOW + 5)]), NOW + 60);
    assert_eq!(keys(&out), ["late", "c"]);
}

#[test]
fn backfill_reaches_back_and_orders_oldest_first() {
    let (mut c, out) = Cursor::first(listed(&[("new", NOW - 60), ("old", NOW - 7000), ("older", NOW - 7300)]), NOW, 2);
    assert_eq!(keys(&out), ["old", "new"]);
    assert!(c.select(listed(&[("older", NOW - 7300)]), NOW + 1).is_empty(), "outside the backfill, but seen");
}

#[test]
fn an_item_is_returned_once_across_polls_and_pages() {
    // The same key twice in one listing (it shifted to the next page) comes back once.
    let (c, first) = Cursor::first(listed(&[("a", NOW - 10), ("a", NOW - 10), ("b", NOW - 5)]), NOW, 1);
    assert_eq!(keys(&first), ["a", "b"]);
    let round_trip = Cursor::decode("cursor", &c.encode()).unwrap();
    assert_eq!(round_trip, c);
    let mut c = round_trip;
    // An item a poll missed (it was on a page already read) is picked up by the next one.
    let second = c.select(listed(&[("a", NOW - 10), ("late", NOW - 20), ("b", NOW - 5), ("c", NOW + 30)]), NOW + 60);
    assert_eq!(keys(&second), ["late", "c"]);
    let third = c.select(listed(&[("a", NOW - 10), ("late", NOW - 20), ("b", NOW - 5), ("c", NOW + 30)]), NOW + 120);
    assert!(third.is_empty());
}

#[test]
fn the_cursor_forgets_past_the_lookback_without_returning_old_items() {
    let (mut c, _) = Cursor::first(listed(&[("a", NOW - 10)]), NOW, 1);
    let later = NOW + LOOKBACK_SECS + 100;
    let out = c.select(listed(&[("a", NOW - 10), ("fresh", later - 1)]), later);
    assert_eq!(keys(&out), ["fresh"]);
    assert!(c.seen.iter().all(|(k, _)| k != "a"), "keys older than the lookback are dropped");
    assert!(c.since >= later - LOOKBACK_SECS);
}

#[test]
fn foreign_cursors_are_invalid_input_naming_the_field() {
    for bad in ["", "zc1.", "zc1.!!!", "abc", "zc1.eyJ4IjoxfQ"] {
        let e = Cursor::decode("cursor", bad).unwrap_err();
        assert!(format!("{e:?}").contains("cursor"), "{bad}: {e:?}");
    }
}

#[test]
fn unix_seconds_reads_zoom_times() {
    assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(unix_seconds(&format_utc(NOW)), Some(NOW));
    assert_eq!(unix_seconds("2024-02-29T23:59:59.123Z"), unix_seconds("2024-02-29T23:59:59Z"));
    for bad in [
        "2024-02-30T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:00",
        "2024-01-01",
        "x",
        "2024-01-01T1:00:00Z",
    ] {
        assert_eq!(unix_seconds(bad), None, "{bad}");
    }
}

#[test]
fn event_keys_name_the_instance_or_registrant() {
    let reg = json!({"id": 85, "registrant": {"id": "r1"}});
    assert_eq!(events::key("meeting.registration_created", &reg, 1), "meeting.registration_created:85:r1");
    let rec = json!({"id": 85, "uuid": "u=="});
    assert_eq!(events::key("recording.completed", &rec, 1), "recording.completed:85:u==");
    assert_eq!(events::key("meeting.created", &json!({"id": 85}), 1), "meeting.created:85");
    assert_eq!(events::key("app.deauthorized", &Value::Null, 7), "app.deauthorized:7");
}

fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
}

#[test]
fn endpoint_settings_come_from_the_environment() {
    let s = settings(env(&[
        ("ZOOM_WEBHOOK_SECRET_TOKEN", "sekret-value"),
        ("ZOOM_WEBHOOK_RELAY_URL", " http://127.0.0.1:9/in "),
        ("ZOOM_WEBHOOK_TOLERANCE_SECONDS", "60"),
        ("ZOOM_WEBHOOK_EVENTS", "meeting.created, ,recording.completed"),
    ]))
    .unwrap();
    assert_eq!(s.config.secret_token.as_deref(), Some("sekret-value"));
    assert_eq!(s.relay_url.as_deref(), Some("http://127.0.0.1:9/in"));
    assert_eq!(s.config.tolerance_seconds, Some(60));
    let names = s.config.filter.unwrap().event_names.unwrap();
    assert_eq!(names, ["meeting.created", "recording.completed"]);
    let e = settings(env(&[("ZOOM_WEBHOOK_TOLERANCE_SECONDS", "soon")])).unwrap_err();
    assert!(e.contains("ZOOM_WEBHOOK_TOLERANCE_SECONDS"), "{e}");
    let e = settings(env(&[("ZOOM_WEBHOOK_RELAY_URL", "ftp://x")])).unwrap_err();
    assert!(e.contains("ZOOM_WEBHOOK_RELAY_URL"), "{e}");
    assert_eq!(settings(env(&[])).unwrap().config.secret_token, None);
    let seen = settings(env(&[("ZOOM_WEBHOOK_SEEN_SIGNATURES", "v0=aa, v0=bb,")])).unwrap();
    assert_eq!(seen.config.seen_signatures.unwrap(), ["v0=aa", "v0=bb"]);
}

fn signed(secret: &str, body: &str) -> WebhookRequest {
    let ts = NOW.to_string();
    WebhookRequest {
        method: "POST".to_owned(),
        headers: vec![
            ("x-zm-request-timestamp".to_owned(), ts.clone()),
            ("x-zm-signature".to_owned(), webhook::sign(secret, &ts, body.as_bytes())),
        ],
        body: body.as_bytes().to_vec(),
    }
}

fn with_relay(relay: Option<&str>) -> Settings {
    let mut s = settings(env(&[("ZOOM_WEBHOOK_SECRET_TOKEN", "sekret-value")])).unwrap();
    s.relay_url = relay.map(str::to_owned);
    s
}

const EVENT: &str =
    r#"{"event":"meeting.created","event_ts":1,"payload":{"account_id":"A","object":{"id":85,"topic":"T"}}}"#;

#[test]
fn endpoint_relays_verified_events_and_answers_502_when_the_relay_fails() {
    let ok = Scripted::new(vec![answer(204, "")]);
    let reply = endpoint::respond(&signed("sekret-value", EVENT), &with_relay(Some("http://relay/in")), &ok);
    assert_eq!(reply.status, 200);
    let sent = ok.sent.borrow();
    let relayed: Value = serde_json::from_slice(sent[0].body.as_ref().unwrap()).unwrap();
    assert_eq!(relayed["key"], "meeting.created:85");
    assert_eq!(relayed["payload"]["object"]["topic"], "T");

    let down = Scripted::new(vec![Err(TransportError { message: "refused".into(), sent: false, denied: false })]);
    let reply = endpoint::respond(&signed("sekret-value", EVENT), &with_relay(Some("http://relay/in")), &down);
    assert_eq!(reply.status, 502);
    let refused = Scripted::new(vec![answer(500, "{}")]);
    assert_eq!(endpoint::respond(&signed("sekret-value", EVENT), &with_relay(Some("http://r/")), &refused).status, 502);
}

#[test]
fn endpoint_rejects_without_relaying_and_fails_closed_without_a_secret() {
    let none = Scripted::new(vec![]);
    let forged = signed("other-secret", EVENT);
    assert_eq!(endpoint::respond(&forged, &with_relay(Some("http://relay/in")), &none).status, 401);
    let mut no_secret = with_relay(None);
    no_secret.config.secret_token = None;
    assert_eq!(endpoint::respond(&signed("sekret-value", EVENT), &no_secret, &none).status, 401);
    assert!(none.sent.borrow().is_empty());
    let relayed = relay_body(&webhook::event_from("x.y", &json!({"object": {"id": 1}}), &json!({"event_ts": 2})));
    assert!(!String::from_utf8(relayed).unwrap().contains("sekret"));
}
