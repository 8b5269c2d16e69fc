//! The user-level OAuth app (authorization code, PKCE, refresh rotation),
//! per-app scopes and legacy JWT bearer tokens.

use super::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

fn user_basic(sim: &Simulator) -> String {
    let app = sim.oauth_app();
    format!("Basic {}", STANDARD.encode(format!("{}:{}", app.client_id, app.client_secret)))
}

/// `GET /oauth/authorize` with the app's own client id and redirect URI plus `extra`.
fn authorize(sim: &Simulator, extra: &str) -> Resp {
    let app = sim.oauth_app();
    let target = format!(
        "/oauth/authorize?response_type=code&client_id={}&redirect_uri={}{extra}",
        app.client_id,
        enc(&app.redirect_uri)
    );
    send(sim, "GET", &target, None, Body::None).unwrap()
}

/// The redirect's query pairs, after checking it goes to the registered URI.
fn redirect_query(sim: &Simulator, r: &Resp) -> Vec<(String, String)> {
    assert_eq!(r.status, 302, "{}", r.body);
    let location = r.header("location").expect("Location");
    let (uri, query) = location.split_once('?').expect("query in Location");
    assert_eq!(uri, sim.oauth_app().redirect_uri);
    server::parse_query(query)
}

fn code(sim: &Simulator, extra: &str) -> String {
    let q = redirect_query(sim, &authorize(sim, extra));
    server::find(&q, "code").expect("code").to_string()
}

fn token_call(sim: &Simulator, form: &str) -> Resp {
    send(sim, "POST", "/oauth/token", Some(&user_basic(sim)), Body::Form(form)).unwrap()
}

fn exchange(sim: &Simulator, code: &str, verifier: Option<&str>) -> Resp {
    let mut form =
        format!("grant_type=authorization_code&code={code}&redirect_uri={}", enc(&sim.oauth_app().redirect_uri));
    if let Some(v) = verifier {
        form.push_str(&format!("&code_verifier={v}"));
    }
    token_call(sim, &form)
}

fn refresh(sim: &Simulator, refresh_token: &str) -> Resp {
    token_call(sim, &format!("grant_type=refresh_token&refresh_token={refresh_token}"))
}

/// `(status, error, reason)` of a token-endpoint error.
fn oauth_err(r: &Resp) -> (u16, String, String) {
    let v = r.json();
    (r.status, v["error"].as_str().unwrap().into(), v["reason"].as_str().unwrap().into())
}

fn grant_error(reason: &str) -> (u16, String, String) {
    (400, "invalid_grant".into(), reason.into())
}

fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[test]
fn authorize_redirects_with_a_code_and_echoes_state_only_if_given() {
    let sim = Simulator::start().unwrap();
    let q = redirect_query(&sim, &authorize(&sim, "&state=x%2Fy%20z"));
    assert_eq!(q.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["code", "state"]);
    assert_eq!(server::find(&q, "state"), Some("x/y z"));
    let q = redirect_query(&sim, &authorize(&sim, ""));
    assert_eq!(q.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["code"]);

    let app = sim.oauth_app();
    let redirect = enc(&app.redirect_uri);
    for (target, reason) in [
        (format!("/oauth/authorize?response_type=code&client_id=nope&redirect_uri={redirect}"), "Invalid client_id"),
        (
            format!(
                "/oauth/authorize?response_type=code&client_id={}&redirect_uri={redirect}",
                sim.credentials().client_id
            ),
            "Invalid client_id",
        ),
        (
            format!(
                "/oauth/authorize?response_type=code&client_id={}&redirect_uri=https%3A%2F%2Fevil.example%2F",
                app.client_id
            ),
            "Invalid redirect uri",
        ),
        (format!("/oauth/authorize?client_id={}&redirect_uri={redirect}", app.client_id), "Unsupported response_type"),
    ] {
        let r = send(&sim, "GET", &target, None, Body::None).unwrap();
        assert_eq!(r.json(), json!({"reason": reason, "error": "invalid_request"}), "{target}");
        assert_eq!(r.status, 400);
        assert_eq!(r.header("location"), None);
    }
}

#[test]
fn s256_pkce_exchange_issues_a_working_token_and_codes_are_single_use() {
    let sim = Simulator::start().unwrap();
    let verifier = "Xq3v9-a_verifier.of~43-to-128-unreserved-characters";
    let pkce = format!("&code_challenge={}&code_challenge_method=S256", s256(verifier));

    let c = code(&sim, &pkce);
    let r = exchange(&sim, &c, Some(verifier));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!((v["token_type"].as_str(), v["expires_in"].as_u64()), (Some("bearer"), Some(3600)));
    assert_eq!(v["api_url"], sim.base_url().as_str());
    assert!(v["scope"].as_str().unwrap().split(' ').any(|s| s == "meeting:read:meeting:admin"));
    assert!(!v["refresh_token"].as_str().unwrap().is_empty());
    let bearer = format!("Bearer {}", v["access_token"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, "/v2/users/me").status, 200);

    // Used once, gone; a wrong verifier spends a fresh code just the same.
    assert_eq!(oauth_err(&exchange(&sim, &c, Some(verifier))), grant_error("Invalid authorization code"));
    let c = code(&sim, &pkce);
    assert_eq!(oauth_err(&exchange(&sim, &c, Some("not-the-verifier"))), grant_error("Invalid code_verifier"));
    assert_eq!(oauth_err(&exchange(&sim, &c, Some(verifier))), grant_error("Invalid authorization code"));
    let c = code(&sim, &pkce);
    assert_eq!(oauth_err(&exchange(&sim, &c, None)), grant_error("Missing code_verifier"));
    assert_eq!(sim.token_grants(), ["authorization_code"]);
    // Codes, S256 verifiers and client secrets never reach the request log
    // (a `plain` challenge is the verifier itself, so that one would).
    let dump = format!("{:?} {:?}", sim.requests(), sim.oauth_app());
    assert!(!dump.contains(verifier) && !dump.contains(&c) && !dump.contains(&sim.oauth_app().client_secret));
    // `plain` (also the default method) compares the verifier itself.
    let c = code(&sim, &format!("&code_challenge={verifier}"));
    assert_eq!(exchange(&sim, &c, Some(verifier)).status, 200);
    assert_eq!(oauth_err(&exchange(&sim, "made-up", None)), grant_error("Invalid authorization code"));
    assert_eq!(sim.token_grants(), ["authorization_code", "authorization_code"]);
}

#[test]
fn refresh_rotates_and_the_old_refresh_token_stops_working() {
    let sim = Simulator::start().unwrap();
    let first = exchange(&sim, &code(&sim, ""), None).json();
    let r1 = first["refresh_token"].as_str().unwrap().to_string();

    let second = refresh(&sim, &r1);
    assert_eq!(second.status, 200, "{}", second.body);
    let second = second.json();
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r2, r1);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(oauth_err(&refresh(&sim, &r1)), grant_error("Invalid Token!"));
    // The access token from before the refresh lives out its hour.
    for v in [&first, &second] {
        assert_eq!(get(&sim, &format!("Bearer {}", v["access_token"].as_str().unwrap()), "/v2/users/me").status, 200);
    }

    // set_token_ttl covers the refresh grant too.
    sim.set_token_ttl(0);
    let third = refresh(&sim, &r2).json();
    assert_eq!(third["expires_in"], 0);
    let expired = get(&sim, &format!("Bearer {}", third["access_token"].as_str().unwrap()), "/v2/users/me");
    assert_eq!(expired.json(), json!({"code": 124, "message": "Access token is expired."}));
    assert_eq!(oauth_err(&refresh(&sim, &r2)), grant_error("Invalid Token!"));
    // An access token is not a refresh token.
    assert_eq!(oauth_err(&refresh(&sim, first["access_token"].as_str().unwrap())), grant_error("Invalid Token!"));
    assert_eq!(sim.token_grants(), ["authorization_code", "refresh_token", "refresh_token"]);
    assert_eq!(sim.token_requests(), 3);
}

#[test]
fn a_user_scoped_app_gets_4711_on_a_meeting_route() {
    let sim = Simulator::start().unwrap();
    sim.set_app_scopes(SimApp::UserOAuth, &["user:read:user"]);
    let v = exchange(&sim, &code(&sim, ""), None).json();
    assert_eq!(v["scope"], "user:read:user");
    let bearer = format!("Bearer {}", v["access_token"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, "/v2/users/me").status, 200);
    let r = get(&sim, &bearer, "/v2/meetings/12345678901");
    assert_eq!(
        r.json(),
        json!({"code": 4711, "message": "Invalid access token, does not contain scopes:[meeting:read:meeting]."})
    );
    // Refreshed tokens carry the app's scopes too; the S2S app is untouched.
    let refreshed = refresh(&sim, v["refresh_token"].as_str().unwrap()).json();
    let bearer = format!("Bearer {}", refreshed["access_token"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, "/v2/meetings/12345678901").err(), (400, 4711));
    assert_eq!(get(&sim, &format!("Bearer {}", token(&sim)), "/v2/meetings/12345678901").err(), (404, 3001));

    sim.set_app_scopes(SimApp::ServerToServer, &["meeting:read:meeting:admin"]);
    let s2s = format!("Bearer {}", token(&sim));
    assert_eq!(get(&sim, &s2s, "/v2/meetings/12345678901").err(), (404, 3001));
    assert_eq!(get(&sim, &s2s, "/v2/users/me").err(), (400, 4711));
}

#[test]
fn hs256_jwt_is_accepted_until_it_expires() {
    let sim = Simulator::start().unwrap();
    let (key, secret) = sim.jwt_credentials();
    let header = json!({"alg": "HS256", "typ": "JWT"});
    let now = clock::now_secs();
    let bearer = |secret: &str, iss: &str, exp: i64| {
        format!("Bearer {}", jwt::sign(secret, &header, &json!({"iss": iss, "exp": exp})))
    };

    let good = bearer(&secret, &key, now + 600);
    for path in
        ["/v2/users/me", "/v2/users/me/recordings", "/v2/chat/users/me/channels", "/v2/phone/users/me/recordings"]
    {
        assert_eq!(get(&sim, &good, path).status, 200, "{path}");
    }
    assert_eq!(create_meeting(&sim, &good, r#"{"topic":"jwt"}"#)["topic"], "jwt");

    let msg = |b: &str| {
        let r = get(&sim, b, "/v2/users/me");
        assert_eq!(r.err(), (401, 124));
        r.json()["message"].as_str().unwrap().to_string()
    };
    assert_eq!(msg(&bearer(&secret, &key, now - 1)), "Access token is expired.");
    assert_eq!(msg(&bearer("wrong-secret", &key, now + 600)), "Invalid access token.");
    assert_eq!(msg(&bearer(&secret, "other-key", now + 600)), "Invalid access token.");
    assert_eq!(msg(&format!("{}x", &good[..good.len() - 1])), "Invalid access token.");
    assert_eq!(sim.token_requests(), 0, "JWTs never touch the token endpoint");
}

#[test]
fn the_s2s_grant_refuses_the_user_apps_credentials() {
    let sim = Simulator::start().unwrap();
    let form = format!("grant_type=account_credentials&account_id={}", sim.credentials().account_id);
    let r = token_call(&sim, &form);
    assert_eq!(oauth_err(&r).0, 400);
    assert_eq!(oauth_err(&r).1, "unauthorized_client");
    // And the S2S app cannot redeem a code issued to the user app.
    let c = sim.credentials();
    let s2s = format!("Basic {}", STANDARD.encode(format!("{}:{}", c.client_id, c.client_secret)));
    let redeem = format!(
        "grant_type=authorization_code&code={}&redirect_uri={}",
        code(&sim, ""),
        enc(&sim.oauth_app().redirect_uri)
    );
    let r = send(&sim, "POST", "/oauth/token", Some(&s2s), Body::Form(&redeem)).unwrap();
    assert_eq!(oauth_err(&r).1, "unauthorized_client");
    let _ = token(&sim);
    assert_eq!(sim.token_grants(), ["account_credentials"]);
}
