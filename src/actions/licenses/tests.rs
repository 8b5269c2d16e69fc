use super::*;
use crate::auth::Session;
use crate::http::testing::*;
use crate::wit::types::ZoomError;

const OLD: &str = "2020-01-01T00:00:00Z";

fn user(id: &str, login: Value) -> Value {
    json!({"id": id, "email": format!("{id}@example.com"), "type": 2, "last_login_time": login,
           "user_created_at": OLD})
}

fn users_page(users: &[Value]) -> Result<crate::http::Response, crate::http::TransportError> {
    answer(200, &json!({"next_page_token": "", "users": users}).to_string())
}

#[test]
fn an_unreadable_sign_in_date_is_not_a_candidate() {
    let cutoff = epoch_seconds("2026-06-01T00:00:00Z").unwrap();
    let e = is_candidate(&user("x", json!("last Tuesday")), cutoff).unwrap_err();
    assert!(e.contains("`last_login_time` \"last Tuesday\""), "{e}");
    // The creation date must not stand in for a sign-in date that is there but unreadable.
    assert!(is_candidate(&user("x", json!(1_700_000_000)), cutoff).is_err());
    assert!(is_candidate(&json!({"id": "x", "type": 2}), cutoff).is_err(), "no date at all");
    // Empty is Zoom's "never signed in": the creation date decides.
    assert_eq!(is_candidate(&user("x", json!("")), cutoff), Ok(true));
}

#[test]
fn a_real_run_leaves_unreadable_users_alone_and_says_why() {
    let t =
        Scripted::new(vec![users_page(&[user("bad", json!("2020-13-45")), user("old", json!(OLD))]), answer(204, "")]);
    let client = Client::new(&t, Session::bearer("t", "https://x/v2"));
    let r = reclaim(&client, &ReclaimInput { days: 30, dry_run: Some(false) }).unwrap();
    assert_eq!(r.reclaimed, vec!["old"]);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].id, "bad");
    assert!(r.skipped[0].message.contains("2020-13-45"));
    assert_eq!(t.sent.borrow().iter().filter(|r| r.method == Method::Patch).count(), 1);
}

#[test]
fn a_stop_mid_run_returns_who_was_already_de_licensed() {
    let scope = r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[user:update:user:admin]"}"#;
    let t = Scripted::new(vec![
        users_page(&[user("a", json!(OLD)), user("b", json!(OLD)), user("c", json!(OLD))]),
        answer(204, ""),
        answer(400, scope),
    ]);
    let client = Client::new(&t, Session::bearer("t", "https://x/v2"));
    let r = reclaim(&client, &ReclaimInput { days: 30, dry_run: Some(false) }).unwrap();
    assert_eq!(r.reclaimed, vec!["a"]);
    assert!(matches!(r.error, Some(ZoomError::MissingScope(_))), "{:?}", r.error);
    assert_eq!(t.sent.borrow().len(), 3, "c is not tried");

    // Refused before any change: the error itself, as before.
    let t = Scripted::new(vec![users_page(&[user("a", json!(OLD))]), answer(400, scope)]);
    let client = Client::new(&t, Session::bearer("t", "https://x/v2"));
    let e = reclaim(&client, &ReclaimInput { days: 30, dry_run: Some(false) }).unwrap_err();
    assert!(matches!(e, Error::MissingScope { .. }));
}

#[test]
fn a_licensed_type_given_as_text_is_licensed() {
    let cutoff = epoch_seconds("2026-06-01T00:00:00Z").unwrap();
    let mut v = user("x", json!(OLD));
    v["type"] = json!("2");
    assert_eq!(is_candidate(&v, cutoff), Ok(true));
    v["type"] = json!("1");
    assert_eq!(is_candidate(&v, cutoff), Ok(false));
}
