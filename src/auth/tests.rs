use super::*;
use crate::http::testing::*;
use crate::wit::types::{AccessToken, JwtApp, OauthUser, ServerToServer};

fn s2s(secret: &str, cached: Option<TokenSet>) -> Connection {
    Connection::ServerToServer(ServerToServer {
        account_id: format!("acc-{secret}"),
        client_id: "cid".into(),
        client_secret: secret.into(),
        oauth_base_url: Some("http://127.0.0.1:9".into()),
        api_base_url: None,
        options: None,
        cached_token: cached,
    })
}

fn tokens(access: &str, refresh: Option<&str>, expires_at: u64) -> TokenSet {
    TokenSet {
        access_token: access.into(),
        refresh_token: refresh.map(Into::into),
        expires_at,
        scopes: vec!["meeting:read".into()],
    }
}

fn oauth_conn(refresh: &str, expires_at: u64) -> Connection {
    Connection::Oauth(OauthUser {
        client_id: "uc".into(),
        client_secret: "user-app-secret".into(),
        tokens: tokens("A1", Some(refresh), expires_at),
        oauth_base_url: None,
        api_base_url: None,
        options: None,
    })
}

#[test]
fn s2s_token_is_fetched_once_cached_and_reported() {
    let _queue = token_store::queue_lock();
    let t = Scripted::new(vec![answer(200, r#"{"access_token":"T1","expires_in":3600,"scope":"a b"}"#)]);
    let s = Session::from_connection(&s2s("cache-test-secret", None)).unwrap();
    assert_eq!(s.token(&t).unwrap(), "T1");
    assert_eq!(s.token(&t).unwrap(), "T1");
    assert_eq!(t.sent.borrow().len(), 1);
    let sent = t.sent.borrow()[0].body.clone().unwrap();
    assert_eq!(sent, b"grant_type=account_credentials&account_id=acc-cache-test-secret");
    assert_eq!(s.granted_scopes(), Some(vec!["a".to_owned(), "b".to_owned()]));
    assert!(token_store::take_updates().iter().any(|(k, set)| k == s.key() && set.access_token == "T1"));
}

#[test]
fn a_platform_cached_s2s_token_is_reused_until_zoom_refuses_it() {
    let t = Scripted::new(vec![answer(200, r#"{"access_token":"NEW","expires_in":3600}"#)]);
    let s = Session::from_connection(&s2s("reuse-secret", Some(tokens("OLD", None, 1_900_000_000)))).unwrap();
    assert_eq!(s.token(&t).unwrap(), "OLD");
    assert!(t.sent.borrow().is_empty());
    s.forget_token();
    assert_eq!(s.token(&t).unwrap(), "NEW");
}

#[test]
fn expired_oauth_token_is_refreshed_once_and_the_rotation_is_kept() {
    let _queue = token_store::queue_lock();
    let t = Scripted::new(vec![answer(200, r#"{"access_token":"A2","refresh_token":"R2","expires_in":3600}"#)]);
    let s = Session::from_connection(&oauth_conn("R1-rotation-test", 10)).unwrap();
    assert_eq!(s.token(&t).unwrap(), "A2");
    assert_eq!(s.token(&t).unwrap(), "A2");
    assert_eq!(t.sent.borrow().len(), 1);
    assert_eq!(t.sent.borrow()[0].body.clone().unwrap(), b"grant_type=refresh_token&refresh_token=R1-rotation-test");
    let update = token_store::take_updates().into_iter().find(|(k, _)| k == s.key()).expect("reported");
    assert_eq!(update.1.refresh_token.as_deref(), Some("R2"));
    assert_eq!(update.1.scopes, vec!["meeting:read"], "scopes survive a refresh that does not repeat them");
    // A second instance call with the platform's stale tokens uses the rotated ones, not R1.
    let again = Session::from_connection(&oauth_conn("R1-rotation-test", 10)).unwrap();
    assert_eq!(again.token(&t).unwrap(), "A2");
}

#[test]
fn a_refresh_that_does_not_rotate_keeps_the_stored_refresh_token() {
    let _queue = token_store::queue_lock();
    let t = Scripted::new(vec![
        answer(200, r#"{"access_token":"A2","expires_in":1}"#),
        answer(200, r#"{"access_token":"A3","expires_in":3600}"#),
    ]);
    let s = Session::from_connection(&oauth_conn("R1-no-rotation-test", 10)).unwrap();
    assert_eq!(s.token(&t).unwrap(), "A2");
    let update = token_store::take_updates().into_iter().find(|(k, _)| k == s.key()).expect("reported");
    assert_eq!(update.1.refresh_token.as_deref(), Some("R1-no-rotation-test"));
    // A2 is already inside the safety margin: the next call must still be able to refresh.
    assert_eq!(s.token(&t).unwrap(), "A3");
    assert_eq!(t.sent.borrow()[1].body.clone().unwrap(), b"grant_type=refresh_token&refresh_token=R1-no-rotation-test");
}

#[test]
fn fresh_oauth_token_is_used_without_refresh_and_jwt_is_signed_locally() {
    let t = Scripted::new(vec![]);
    let s = Session::from_connection(&oauth_conn("R-fresh", 1_900_000_000)).unwrap();
    assert_eq!(s.token(&t).unwrap(), "A1");
    let j = Session::from_connection(&Connection::Jwt(JwtApp {
        api_key: "key".into(),
        api_secret: "jwt-secret".into(),
        ttl_seconds: None,
        api_base_url: None,
        options: None,
    }))
    .unwrap();
    let token = j.token(&t).unwrap();
    assert_eq!(token, crate::auth::jwt::sign("key", "jwt-secret", 1_800_000_000 + 5400));
    assert!(t.sent.borrow().is_empty());
    assert_eq!(j.granted_scopes(), None);
}

#[test]
fn refused_credentials_are_unauthorized_without_the_secret() {
    let t =
        Scripted::new(vec![answer(401, r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#)]);
    let s = Session::from_connection(&s2s("refused-secret", None)).unwrap();
    let e = s.token(&t).unwrap_err();
    assert!(matches!(&e, Error::Unauthorized(m) if m.contains("invalid_client")), "{e}");
    assert!(!format!("{e:?}{s:?}").contains("refused-secret"));
}

#[test]
fn credentials_never_go_to_plain_http_except_this_machine() {
    let with_base = |url: &str| {
        Connection::AccessToken(AccessToken { token: "t".into(), api_base_url: Some(url.into()), options: None })
    };
    for refused in ["http://api.zoom.us:443/v2", "http://example.com/v2", "http://127.0.0.1.evil.example/v2"] {
        let e = Session::from_connection(&with_base(refused)).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidInput { field, message } if field == "connection.api_base_url" && message.contains("https://")),
            "{refused}: {e}"
        );
    }
    for allowed in ["https://api.zoom.us/v2", "http://127.0.0.1:8080/v2", "http://localhost:9/v2", "http://[::1]:7/v2"]
    {
        assert!(Session::from_connection(&with_base(allowed)).is_ok(), "{allowed}");
    }
}

#[test]
fn empty_fields_and_bad_urls_are_named() {
    let bad = Connection::AccessToken(AccessToken { token: " ".into(), api_base_url: None, options: None });
    assert_eq!(Session::from_connection(&bad).unwrap_err(), Error::invalid("connection.token", "is required"));
    let bad =
        Connection::AccessToken(AccessToken { token: "t".into(), api_base_url: Some("ftp://x".into()), options: None });
    assert!(
        matches!(Session::from_connection(&bad), Err(Error::InvalidInput { field, .. }) if field == "connection.api_base_url")
    );
    let bad = Connection::Jwt(JwtApp {
        api_key: "k".into(),
        api_secret: "s".into(),
        ttl_seconds: Some(5),
        api_base_url: None,
        options: None,
    });
    assert!(
        matches!(Session::from_connection(&bad), Err(Error::InvalidInput { field, .. }) if field == "connection.ttl_seconds")
    );
}
